import { readFileSync } from 'node:fs';
import { exampleReport, type Report } from '@nianbao/core';
import fc from 'fast-check';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { describeWhere, detectKind, ingest, ingestSync } from './index.js';
import { makeXlsx } from './test-support/xlsx-fixture.js';
import { exampleSheets } from './test-support/xlsx-sheets.js';
import { formatSuffix, xlsxToSource } from './xlsx.js';

const here = (f: string) => new URL(`./test-support/xlsx/${f}`, import.meta.url);

const values = (r: Report) =>
  Object.fromEntries(Object.entries(r.cells).map(([id, c]) => [id, c?.value ?? null]));

describe('Excel (.xlsx)', () => {
  it('is told from a Word file by what the ZIP holds, and from its name', () => {
    const x = makeXlsx([{ name: 'Sheet1', rows: [['a']] }]);
    expect(detectKind(x)).toMatchObject({ kind: 'xlsx' });
    expect(detectKind('text', '报告.xlsx')).toMatchObject({ kind: 'xlsx' });
    expect(() => ingestSync(x)).toThrow(/Excel 文件需要用异步的 ingest\(\) 读取/);
  });

  it.each([
    ['example-2020-libreoffice.xlsx', 2020],
    ['example-2024-libreoffice.xlsx', 2024],
  ])(
    'our export saved again by LibreOffice Calc (%s): every number, the amount with its unit',
    async (file, year) => {
      const { report, diagnostics } = await ingest(new Uint8Array(readFileSync(here(file))));
      const want = exampleReport({ year });
      expect(report.meta).toMatchObject({
        year,
        edition: want.meta.edition,
        agency: { name: want.meta.agency.name },
      });
      expect(values(report)).toEqual(values(want));
      // LibreOffice writes 本年增/减 as \+0;\-0;0: the sign is the number's, not a unit 「+」
      if (year === 2020)
        expect(report.cells['activeDisclosure.centralProcurement.procurementAmount']).toMatchObject({
          value: 153.1,
          unit: '万元',
        });
      expect(diagnostics.kind.value).toBe('xlsx');
      expect(diagnostics.summary).toMatchObject({ cellsMissing: 0 });
      const codes = diagnostics.issues.map((i) => i.code);
      expect(codes).toContain('XLSX_TABLES_ONLY');
      // said once as what it is, not as sections 「可能在此之前截断」
      expect(codes).not.toContain('SECTION_CUT_OFF');
      expect(codes).not.toContain('SECTION_BEFORE_START');
    },
  );

  it.each([
    ['shared strings', {}],
    ['inline strings, tags with a prefix (x:row)', { inlineStrings: true, prefix: 'x' }],
  ])('a workbook typed without merged cells (%s) reads like our export', async (_, opts) => {
    const { report } = await ingest(makeXlsx(exampleSheets(), opts));
    expect(values(report)).toEqual(values(exampleReport({ year: 2024 })));
  });

  it('a bordered grid with blank cells: blanks stay blank (not 0), the last cell of the workbook too', async () => {
    const sheets = exampleSheets().map((s) => ({
      ...s,
      gridWidth: s.name === '表四' ? 15 : s.name === '表三' ? 10 : 4,
    }));
    const t4 = sheets.find((s) => s.name === '表四')!;
    const last = t4.rows.at(-1)!;
    // 复议后起诉 all blank, at the very end of the workbook
    t4.rows[t4.rows.length - 1] = [...last.slice(0, 10), null, null, null, null, null];
    const { report } = await ingest(makeXlsx(sheets));
    for (const col of ['upheld', 'corrected', 'other', 'pending', 'total']) {
      const c = report.cells[`reviewLitigation.litigationAfterReview.${col}`];
      expect(c?.value, col).toBeNull();
    }
    expect(report.cells['reviewLitigation.review.upheld']?.value).toBe(
      exampleReport({ year: 2024 }).cells['reviewLitigation.review.upheld']?.value,
    );
  });

  it('a formula is read by the value Excel saved with it; one never calculated is a blank, said', async () => {
    const sheets = exampleSheets();
    const t3 = sheets.find((s) => s.name === '表三')!;
    // the 总计 of 一、本年新收 as a formula with its value; of 二、上年结转 without one
    const newRow = t3.rows.findIndex((r) => String(r[0]).startsWith('一、本年新收'));
    const carried = t3.rows.findIndex((r) => String(r[0]).startsWith('二、上年结转'));
    const n = t3.rows[newRow]!;
    t3.rows[newRow] = [...n.slice(0, -1), { f: 'SUM(D5:I5)', v: n.at(-1) as number }];
    const c = t3.rows[carried]!;
    t3.rows[carried] = [...c.slice(0, -1), { f: 'SUM(D6:I6)' }];
    const { report, diagnostics } = await ingest(makeXlsx(sheets));
    const want = exampleReport({ year: 2024 });
    expect(report.cells['applications.newReceived.total']?.value).toBe(
      want.cells['applications.newReceived.total']?.value,
    );
    // never silently a number: the uncalculated total is not read as 0 …
    expect(report.cells['applications.carriedOver.total']?.value ?? null).not.toBe(0);
    // … and the file is said to need a save in Excel
    const f = diagnostics.issues.find((i) => i.code === 'XLSX_FORMULA_NOT_CALCULATED');
    expect(f?.message).toMatch(/「表三」J\d+/);
    expect(f?.message).toMatch(/请在 Excel 或 WPS 中打开、保存后再导入/);
  });

  it('a hidden sheet is not read, and said', async () => {
    const sheets = [...exampleSheets(), { name: '草稿', rows: [['规章', 99, 99, 99]], hidden: true }];
    const { report, diagnostics } = await ingest(makeXlsx(sheets));
    expect(report.cells['activeDisclosure.regulations.made']?.value).toBe(0);
    expect(diagnostics.issues.find((i) => i.code === 'XLSX_HIDDEN_SHEETS')?.message).toMatch(/「草稿」/);
  });

  it('says where a number came from by sheet, row and column', () => {
    const doc = xlsxToSource(makeXlsx(exampleSheets()));
    const cell = doc.lines.flatMap((l) => l.cells).find((c) => c.text === '20.3');
    expect(cell?.where).toMatchObject({ sheet: '表二', cell: 2 });
    expect(describeWhere(cell?.where)).toBe(`工作表「表二」B${cell?.where.row}`);
  });

  it('a damaged or foreign ZIP, an old .xls and a workbook bomb get clear errors', async () => {
    await expect(
      ingest(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), { kind: 'xlsx' }),
    ).rejects.toMatchObject({
      code: 'INGEST_XLSX_INVALID',
    });
    // an OLE file whose stream is named Workbook: Excel 97–2003
    const ole = new Uint8Array(2048);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    ole.set(
      [...'Workbook'].flatMap((ch) => [ch.charCodeAt(0), 0]),
      1024,
    );
    // a worksheet that unpacks to 61 MB (of spaces: a few KB packed) is refused before it is read
    const bomb = zipSync({
      'xl/workbook.xml': strToU8('<workbook><sheets><sheet name="a" r:id="rId1"/></sheets></workbook>'),
      'xl/worksheets/sheet1.xml': strToU8(' '.repeat(61 * 1024 * 1024)),
    });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    await expect(ingest(bomb)).rejects.toMatchObject({
      code: 'INGEST_TOO_LARGE',
      message: expect.stringMatching(/Excel 文件解压后过大/),
    });
    await expect(ingest(ole)).rejects.toMatchObject({
      code: 'INGEST_UNSUPPORTED_FORMAT',
      message: expect.stringMatching(/旧版 Excel（\.xls）.*另存为 \.xlsx/),
    });
  });

  it('a number format: the unit after the number, never the sign before it (fast-check)', () => {
    expect(formatSuffix('General"万元"')).toBe('万元');
    expect(formatSuffix('#,##0.00\\元')).toBe('元');
    expect(formatSuffix('\\+0;\\-0;0')).toBe('');
    expect(formatSuffix('+0;-0;0')).toBe('');
    expect(formatSuffix('[Red]0"件"')).toBe('件');
    fc.assert(
      fc.property(
        fc.constantFrom('', '+', '\\+', '"约"'),
        fc.constantFrom('0', '0.00', '#,##0', 'General'),
        fc.constantFrom('', '"元"', '"万元"', '\\元'),
        (pre, num, unit) => {
          const want = unit.replace(/["\\]/g, '');
          expect(formatSuffix(`${pre}${num}${unit};-${num}${unit}`)).toBe(want);
        },
      ),
    );
  });
});

describe('Excel: a table the workbook lacks', () => {
  it('is missing (an error naming the file), not 「原文在此之前截断」 — a workbook is whole', async () => {
    const sheets = exampleSheets().filter((s) => s.name !== '表四');
    const { report, diagnostics } = await ingest(makeXlsx(sheets));
    const t4 = diagnostics.issues.find((i) => i.code === 'TABLE_MISSING');
    expect(t4).toMatchObject({ severity: 'error' });
    expect(t4?.message).toBe('表四缺失：文件中没有表四，15 个单元格缺失（未当作 0）');
    expect(diagnostics.issues.map((i) => i.code)).not.toContain('TABLE_CUT_OFF');
    expect(report.cells['reviewLitigation.review.total']).toBeUndefined();
  });
});
