/**
 * Our own XLSX export with its sheets renamed (报告信息 → Sheet1, 表二 → Sheet2 …, as a workbook
 * comes back from other tools): the sheet of facts is told by its rows, not its name — the agency,
 * the title and the 发布日期 as from the workbook as written, every number too.
 *
 * The workbooks are render's `renderXlsx` of two corpus reports (f03.tables.txt with its 发布时间
 * 2022-02-08, and 028's web page), written once into test-support/xlsx; the sheets are renamed here
 * with ExcelJS.
 */
import { readFileSync } from 'node:fs';
import type { Report } from '@nianbao/core';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ingest } from './index.js';
import { fixtureText } from './test-support/fixtures.js';
import { makeXlsx } from './test-support/xlsx-fixture.js';
import { exampleSheets } from './test-support/xlsx-sheets.js';
import { xlsxToSource } from './xlsx.js';

const here = (f: string) => new URL(`./test-support/xlsx/${f}`, import.meta.url);

const values = (r: Report) =>
  Object.fromEntries(Object.entries(r.cells).map(([id, c]) => [id, c?.value ?? null]));

/** The workbook with its sheets renamed (and, where given, moved: ExcelJS writes them by orderNo). */
async function renamed(bytes: Uint8Array, names: string[]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  wb.worksheets.forEach((ws, i) => {
    ws.name = names[i]!;
  });
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

const CASES = [
  ['pingtan-2021-render.xlsx', 'corpus/f03.tables.txt', '2022-02-08'],
  ['shanghai-2019-render.xlsx', 'corpus/028.txt', '2020-01-31'],
] as const;

describe('Excel: our export with its sheets renamed', () => {
  it.each(CASES)(
    '%s as Sheet1–Sheet4: every field and every number as from the original',
    async (file, source, date) => {
      const original = new Uint8Array(readFileSync(here(file)));
      const was = await ingest(original);
      const { report, diagnostics } = await ingest(
        await renamed(original, ['Sheet1', 'Sheet2', 'Sheet3', 'Sheet4']),
      );
      // the report the workbook was written from
      const want = (await ingest(fixtureText(source))).report;
      expect(report.meta).toEqual(was.report.meta);
      expect(report.meta).toEqual({ ...want.meta, publishedOn: date });
      expect(report.meta.agency.name).not.toMatch(/^标题/);
      expect(report.meta.title).not.toMatch(/^标题/);
      expect(values(report)).toEqual(values(was.report));
      expect(values(report)).toEqual(values(want));
      expect(diagnostics.summary).toEqual(was.diagnostics.summary);
      expect(diagnostics.summary.cellsMissing).toBe(0);
      // the same issues, the sheets' names aside; no agencies that differ
      const codes = (d: typeof diagnostics) => d.issues.map((i) => i.code);
      expect(codes(diagnostics)).toEqual(codes(was.diagnostics));
      expect(codes(diagnostics)).not.toContain('AGENCY_SOURCES_DIFFER');
      expect(diagnostics.agency?.reason).toBe(was.diagnostics.agency?.reason);
    },
  );

  it('the sheet of facts under another name is read as facts, its title a title line', async () => {
    const [file, , date] = CASES[0];
    const doc = xlsxToSource(
      await renamed(new Uint8Array(readFileSync(here(file))), ['封面', '2021年表二', 'Sheet3', '表格4']),
    );
    expect(doc.facts).toMatchObject({ 机关名称: '平潭综合实验区', 报告年度: '2021', 发布日期: date });
    expect(doc.lines[0]!.cells.map((c) => c.text)).toEqual([
      '平潭综合实验区2021年度政府信息公开工作年度报告',
    ]);
    expect(doc.lines[0]!.paragraph).toBe(true);
    const texts = doc.lines.flatMap((l) => l.cells.map((c) => c.text));
    expect(texts).not.toContain('标题');
    expect(texts).not.toContain('机关名称');
  });

  it('a sheet typed by an office (填报单位 …, a table beside) is no sheet of facts', async () => {
    const sheets = exampleSheets();
    const cover = {
      name: 'Sheet1',
      rows: [
        ['标题', '某某县人民政府2024年政府信息公开工作年度报告'],
        ['填报单位', '某某县人民政府'],
        ['填报日期', '2025年1月20日'],
      ],
    };
    const doc = xlsxToSource(makeXlsx([cover, ...sheets]));
    expect(doc.facts).toEqual({});
    // and two columns of facts with a third column of something else are read as rows, as before
    const wide = {
      name: 'Sheet1',
      rows: [
        ['标题', '某某县人民政府2024年政府信息公开工作年度报告'],
        ['机关名称', '某某县人民政府', '备用'],
        ['报告年度', 2024],
        ['发布日期', '2025-01-20'],
      ],
    };
    expect(xlsxToSource(makeXlsx([wide, ...sheets])).facts).toEqual({});
  });
});
