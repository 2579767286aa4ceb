import { exampleReport, type Report } from '@nianbao/core';
import { describe, expect, it } from 'vitest';
import { ingest } from './index.js';
import { type FixtureCell, type FixtureSheet, makeXlsx } from './test-support/xlsx-fixture.js';
import { EXAMPLE_TITLE, exampleSheets, mapNumbers } from './test-support/xlsx-sheets.js';

/*
 * Workbooks as offices type them (not our export): two reports in one file, a 备注 column.
 */

const values = (r: Report) =>
  Object.fromEntries(Object.entries(r.cells).map(([id, c]) => [id, c?.value ?? null]));
const want = () => values(exampleReport({ year: 2024 }));
const titled = (sheets: FixtureSheet[]) => {
  sheets[0]!.rows.unshift([EXAMPLE_TITLE]);
  return sheets;
};
const table = (sheets: FixtureSheet[], name: string) => sheets.find((s) => s.name === name)!;
/** Last year's report: every number one more, its own title. */
const lastYear = (prefix: string) => {
  const b = mapNumbers(exampleSheets(), (n) => n + 1).map((s) => ({ ...s, name: `${prefix}${s.name}` }));
  b[0]!.rows.unshift(['示例市人民政府办公室2023年政府信息公开工作年度报告']);
  return b;
};

describe('Excel: more than one report in a workbook', () => {
  it("a report without 表四 followed by last year's: nothing of last year's fills its gaps, and it is said", async () => {
    const sheets = [...titled(exampleSheets()).filter((s) => s.name !== '表四'), ...lastYear('2023')];
    const { report, diagnostics } = await ingest(makeXlsx(sheets));
    expect(report.meta.year).toBe(2024);
    const w = want();
    for (const [id, v] of Object.entries(values(report)))
      expect(v, id).toBe(id.startsWith('reviewLitigation.') ? null : w[id]);
    const more = diagnostics.issues.find((i) => i.code === 'XLSX_MORE_THAN_ONE_REPORT');
    expect(more).toMatchObject({ severity: 'warning', where: { sheet: '2023表二', row: 1 } });
    expect(more?.message).toMatch(
      /工作表「2023表二」第 1 行起.*2023年.*没有读取.*请把每份报告放在单独的 Excel 文件中分别导入/,
    );
    // the sheets named as read are the first report's
    const only = diagnostics.issues.find((i) => i.code === 'XLSX_TABLES_ONLY');
    expect(only?.details?.sheets).toEqual(['表二', '表三']);
  });

  it('two reports stacked on one sheet without titles: the tables met a second time are not read', async () => {
    const rows: FixtureCell[][] = [];
    for (const s of exampleSheets()) if (s.name !== '表四') rows.push(...s.rows);
    rows.push([]);
    for (const s of mapNumbers(exampleSheets(), (n) => n + 1)) rows.push(...s.rows);
    const { report, diagnostics } = await ingest(makeXlsx([{ name: 'Sheet1', rows }]));
    const w = want();
    for (const [id, v] of Object.entries(values(report)))
      expect(v, id).toBe(id.startsWith('reviewLitigation.') ? null : w[id]);
    const more = diagnostics.issues.find((i) => i.code === 'XLSX_MORE_THAN_ONE_REPORT');
    expect(more?.message).toMatch(/「二、主动公开政府信息情况」第二次出现/);
    expect(more?.where).toMatchObject({ sheet: 'Sheet1', row: rows.findIndex((r) => r.length === 0) + 2 });
  });

  it('one report with notes that name a 年度报告, a signature row and an empty sheet is one report', async () => {
    const sheets = titled(exampleSheets());
    table(sheets, '表三').rows.push(['注：本表数据与2024年政府信息公开工作年度报告正文一致。']);
    table(sheets, '表四').rows.push([
      '填报单位：示例市人民政府办公室',
      null,
      null,
      null,
      null,
      '填报日期：2025年1月20日',
    ]);
    table(sheets, '表四').rows.push([
      '单位负责人：张三',
      null,
      '填表人：李四',
      null,
      null,
      '联系电话：0512-12345678',
    ]);
    const { report, diagnostics } = await ingest(makeXlsx([...sheets, { name: 'Sheet2', rows: [] }]));
    expect(values(report)).toEqual(want());
    expect(diagnostics.issues.map((i) => i.code)).not.toContain('XLSX_MORE_THAN_ONE_REPORT');
  });
});

describe('Excel: a 备注 column beside a table', () => {
  it.each(['2', '0', '含转办2件', '无'])(
    'notes 「%s」 in a 备注 column of 表二, 表三 and 表四 are no numbers of the table, and are listed',
    async (note) => {
      const sheets = titled(exampleSheets());
      const t2 = table(sheets, '表二');
      t2.rows = t2.rows.map((r) =>
        r[0] === '信息内容' ? [...r, '备注'] : typeof r[1] === 'number' ? [...r, note] : r,
      );
      for (const [name, width] of [
        ['表三', 10],
        ['表四', 15],
      ] as const) {
        const t = table(sheets, name);
        t.rows = t.rows.map((r, i) =>
          i === 1
            ? [...r, ...Array<null>(width - r.length).fill(null), '备 注']
            : r.some((c) => typeof c === 'number')
              ? [...r, note]
              : r,
        );
      }
      const { report, diagnostics } = await ingest(makeXlsx(sheets));
      expect(values(report)).toEqual(want());
      const codes = diagnostics.issues.map((i) => i.code);
      expect(codes).not.toContain('ROW_EXTRA_VALUES');
      const notes = diagnostics.issues.filter((i) => i.code === 'XLSX_NOTES_COLUMN');
      expect(notes.map((n) => n.where?.sheet)).toEqual(expect.arrayContaining(['表二', '表三', '表四']));
      expect(notes.find((n) => n.where?.sheet === '表三')?.message).toMatch(
        new RegExp(`工作表「表三」K 列「备 注」是备注.*没有读取（其中写有：「${note}」`),
      );
    },
  );

  it('on one sheet, the 备注 column of 表三 is not taken out of 表四 below it (the same column letter)', async () => {
    const sheets = exampleSheets();
    const t3 = table(sheets, '表三');
    t3.rows = t3.rows.map((r, i) =>
      i === 1
        ? [...r, ...Array<null>(10 - r.length).fill(null), '备注']
        : r.some((c) => typeof c === 'number')
          ? [...r, '见说明']
          : r,
    );
    const rows: FixtureCell[][] = [[EXAMPLE_TITLE]];
    for (const s of sheets) rows.push(...s.rows);
    const { report } = await ingest(makeXlsx([{ name: 'Sheet1', rows }]));
    expect(values(report)).toEqual(want());
  });
});
