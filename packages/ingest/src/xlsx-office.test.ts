import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ingest } from './index.js';
import { type FixtureCell, type FixtureSheet, makeXlsx } from './test-support/xlsx-fixture.js';
import {
  EXAMPLE_TITLE,
  exampleSheets,
  mapNumbers,
  table,
  titled,
  values,
  want,
} from './test-support/xlsx-sheets.js';
import { formatDecimals, xlsxToSource } from './xlsx.js';

/*
 * Workbooks as offices type them (not our export): two reports in one file, a 备注 column.
 */

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

describe('Excel: hidden rows and columns, a row typed twice', () => {
  it('an old row hidden under the new one is not read (Excel does not show it), and said', async () => {
    const sheets = titled(exampleSheets());
    const t2 = table(sheets, '表二');
    const i = t2.rows.findIndex((r) => r[0] === '规章');
    t2.rows.splice(i + 1, 0, ['规章', 9, 9, 9]);
    t2.hiddenRows = [i + 2];
    // a helper column hidden beside 表二's numbers
    t2.rows = t2.rows.map((r) => (r.length === 4 && typeof r[1] === 'number' ? [...r, 99] : r));
    t2.hiddenCols = [5];
    const { report, diagnostics } = await ingest(makeXlsx(sheets));
    expect(values(report)).toEqual(want());
    const h = diagnostics.issues.find((x) => x.code === 'XLSX_HIDDEN_CELLS');
    expect(h).toMatchObject({
      severity: 'warning',
      details: { sheet: '表二', rows: [i + 2], columns: ['E'] },
    });
    expect(h?.message).toBe(
      `工作表「表二」中隐藏的第 ${i + 2} 行和 E 列有内容，没有读取（按表格显示出来的读取）：如其中有报告的数，请在 Excel 或 WPS 中取消隐藏后再导入`,
    );
  });

  it('rows of zeros hidden in 表三 (the rows it lacks) are read, and the hidden rows are named', async () => {
    const sheets = titled(exampleSheets());
    const t3 = table(sheets, '表三');
    const secret = t3.rows.findIndex((r) => r[2] === '1.属于国家秘密');
    t3.hiddenRows = [secret + 1];
    const { report, diagnostics } = await ingest(makeXlsx(sheets));
    expect(values(report)).toEqual(want());
    expect(diagnostics.issues.find((x) => x.code === 'XLSX_HIDDEN_ROWS_READ')).toMatchObject({
      severity: 'warning',
      message: `工作表「表三」中隐藏的第 ${secret + 1} 行（「1.属于国家秘密」）是统一格式表格的行，显示出来的行中没有，已按其中的数读取：请核对这些行的数（如不应计入，请删去这些行后再导入）`,
    });
    expect(diagnostics.issues.map((x) => x.code)).not.toContain('XLSX_HIDDEN_CELLS');
  });

  it('a row typed twice with other numbers: the first is read, the second left out, both named (an error)', async () => {
    const sheets = titled(exampleSheets());
    const t3 = table(sheets, '表三');
    const j = t3.rows.findIndex((r) => String(r[0]).startsWith('一、本年新收'));
    t3.rows.splice(
      j + 1,
      0,
      t3.rows[j]!.map((c) => (typeof c === 'number' ? c + 5 : c)),
    );
    const { report, diagnostics } = await ingest(makeXlsx(sheets));
    const rep = diagnostics.issues.filter((x) => x.code === 'XLSX_ROW_REPEATED');
    expect(rep).toHaveLength(1);
    expect(rep[0]).toMatchObject({
      severity: 'error',
      where: { sheet: '表三', row: j + 2 },
      details: { read: { row: j + 1 }, notRead: { row: j + 2 } },
    });
    expect(rep[0]?.message).toBe(
      `工作表「表三」第 ${j + 2} 行「一、本年新收政府信息公开申请数量」与第 ${j + 1} 行的行标题相同而数不同：按先出现的第 ${j + 1} 行读取（工作表「表三」D${j + 1}–J${j + 1}：36 6 0 0 1 0 43），第 ${j + 2} 行没有读取（工作表「表三」D${j + 2}–J${j + 2}：41 11 5 5 6 5 48）。表中每行只应有一行：如第 ${j + 2} 行的数才是对的，请删去第 ${j + 1} 行，否则删去第 ${j + 2} 行，再导入`,
    );
    expect(diagnostics.issues.map((x) => x.code)).not.toContain('XLSX_MORE_THAN_ONE_REPORT');
    // the numbers are the first row's, as the error says; every other cell as typed
    expect(values(report)).toEqual(want());
    // … and each number read comes from the first row, not the second
    expect(diagnostics.cells['applications.newReceived.total']?.where).toMatchObject({
      sheet: '表三',
      row: j + 1,
    });
    // the same row twice with the same numbers is harmless and not said
    const same = titled(exampleSheets());
    const s3 = table(same, '表三');
    s3.rows.splice(j + 1, 0, s3.rows[j]!);
    const again = await ingest(makeXlsx(same));
    expect(values(again.report)).toEqual(want());
    expect(again.diagnostics.issues.map((x) => x.code)).not.toContain('XLSX_ROW_REPEATED');
  });

  it('a row of any table typed again further down with other numbers never changes a number (fast-check)', async () => {
    const rowsOf = (s: FixtureSheet) =>
      s.rows
        .map((r, i) => [r, i] as const)
        .filter(([r]) => r.some((c) => typeof c === 'string') && r.some((c) => typeof c === 'number'));
    const base = titled(exampleSheets());
    const candidates = base.flatMap((s) => rowsOf(s).map(([, i]) => [s.name, i] as const));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...candidates),
        fc.integer({ min: 1, max: 9 }),
        fc.nat(),
        fc.boolean(),
        async ([name, i], add, where, bare) => {
          const sheets = titled(exampleSheets());
          const t = table(sheets, name);
          const row = t.rows[i]!.map((c) => (typeof c === 'number' ? c + add : c));
          // the copy with only its own label (「（一）予以公开」 without 「三、本年度办理结果」 before it)
          const last = row.findLastIndex((c) => typeof c === 'string');
          if (bare) for (let k = 0; k < last; k++) if (typeof row[k] === 'string') row[k] = null;
          // anywhere after the row, to the end of its table
          const at = i + 1 + (where % (t.rows.length - i));
          t.rows.splice(at, 0, row);
          const { report, diagnostics } = await ingest(makeXlsx(sheets));
          expect(values(report)).toEqual(want());
          expect(diagnostics.issues.filter((x) => x.code === 'XLSX_ROW_REPEATED')).toHaveLength(1);
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('Excel: 表四 as three rows of five', () => {
  const groups = [
    ['行政复议', 'review'],
    ['未经复议直接起诉', 'litigationDirect'],
    ['复议后起诉', 'litigationAfterReview'],
  ] as const;
  it.each([
    ['a header 「项目 | 结果维持 …」', ['项目'], [0, 1, 2]],
    ['a header with an empty first cell', [null], [0, 1, 2]],
    ['复议后起诉 before 未经复议直接起诉', ['类别'], [0, 2, 1]],
  ] as const)(
    'under one header of five columns (%s), without a 行政诉讼 row: every group by its label',
    async (_, first, order) => {
      const sheets = titled(exampleSheets());
      const t4 = table(sheets, '表四');
      const nums = t4.rows.at(-1)!;
      t4.rows = [
        t4.rows[0]!,
        [...first, '结果维持', '结果纠正', '其他结果', '尚未审结', '总计'],
        ...order.map((g) => [groups[g]![0], ...nums.slice(g * 5, g * 5 + 5)]),
      ];
      const { report, diagnostics } = await ingest(makeXlsx(sheets));
      expect(values(report)).toEqual(want());
      expect(diagnostics.issues.map((i) => i.code)).not.toContain('TABLE_MISSING');
    },
  );

  it('a sentence on 行政复议 and 直接起诉 before 表四 is not taken for the table', async () => {
    const sheets = titled(exampleSheets());
    const t4 = table(sheets, '表四');
    t4.rows.splice(1, 0, ['本年度行政复议结果维持2件，未经复议直接起诉1件、复议后起诉0件，详见下表。']);
    const { report } = await ingest(makeXlsx(sheets));
    expect(values(report)).toEqual(want());
  });
});

describe('Excel: sheets in another order, a workbook typed in LibreOffice', () => {
  it('one table a sheet in another order (表四 表三 表二, the title on 表二’s): read in the tables’ order, said', async () => {
    const sheets = titled(exampleSheets());
    const { report, diagnostics } = await ingest(makeXlsx([sheets[2]!, sheets[1]!, sheets[0]!]));
    expect(report.meta.year).toBe(2024);
    expect(values(report)).toEqual(want());
    const codes = diagnostics.issues.map((i) => i.code);
    expect(codes).not.toContain('XLSX_MORE_THAN_ONE_REPORT');
    expect(diagnostics.issues.find((i) => i.code === 'XLSX_SHEETS_REORDERED')?.message).toBe(
      '工作表的顺序（「表四」、「表三」、「表二」）与统一格式的表二、表三、表四不同，已按表二、表三、表四的顺序读取',
    );
    // without the sections' headings too
    const bare = exampleSheets().map((s) => ({ ...s, rows: s.rows.slice(1) }));
    bare[0]!.rows.unshift([EXAMPLE_TITLE]);
    const again = await ingest(makeXlsx([bare[1]!, bare[0]!, bare[2]!]));
    expect(values(again.report)).toEqual(want());
  });

  it('the three tables typed on one sheet with the official merged heads, saved by LibreOffice Calc', async () => {
    // made from an HTML page of the tables (rowspan/colspan as the official layout) by
    // `soffice --headless --infilter="HTML (StarCalc)" --convert-to xlsx`
    const bytes = new Uint8Array(
      readFileSync(new URL('./test-support/xlsx/typed-2024-one-sheet-libreoffice.xlsx', import.meta.url)),
    );
    const { report, diagnostics } = await ingest(bytes);
    expect(report.meta).toMatchObject({ year: 2024, agency: { name: '示例市人民政府办公室' } });
    expect(values(report)).toEqual(want());
    expect(diagnostics.issues.map((i) => i.code)).toEqual(['XLSX_TABLES_ONLY']);
  });
});

describe('Excel: a number as its cell shows it', () => {
  it('a fee computed to more decimals than its format shows is read as shown, and said', async () => {
    const sheets = titled(exampleSheets());
    const t2 = table(sheets, '表二');
    // 203,333 元 computed into 万元 and shown with two decimals; a count a formula left as 35.9999999
    // shown as 36; a total with a float's noise (43.00000000000001) under General, shown as 43
    t2.rows = t2.rows.map((r) => (r[0] === '行政事业性收费' ? [r[0], { n: 20.3333, fmt: '0.00' }] : r));
    const t3 = table(sheets, '表三');
    const j = t3.rows.findIndex((r) => String(r[0]).startsWith('一、本年新收'));
    t3.rows[j] = t3.rows[j]!.map((c) =>
      c === 36 ? { n: 35.9999999, fmt: '0' } : c === 43 ? 43.00000000000001 : c,
    );
    const { report, diagnostics } = await ingest(makeXlsx(sheets));
    expect(report.cells['activeDisclosure.adminFees.feeAmount']?.value).toBe(20.33);
    expect(report.cells['applications.newReceived.naturalPerson']?.value).toBe(36);
    expect(report.cells['applications.newReceived.total']?.value).toBe(43);
    const shown = diagnostics.issues.find((i) => i.code === 'XLSX_VALUE_AS_SHOWN');
    expect(shown?.severity).toBe('warning');
    expect(shown?.message).toMatch(/「表二」B\d+ 存 20\.3333、显示 20\.33/);
    expect(shown?.message).toMatch(/「表三」D\d+ 存 35\.9999999、显示 36/);
    // the float's noise is no difference to tell
    expect(shown?.details?.count).toBe(2);
    expect(shown?.message).toMatch(/请在 Excel 或 WPS 中增加小数位数后再导入/);
  });

  it('the decimals a number format shows (fast-check)', () => {
    expect(formatDecimals('General')).toBeUndefined();
    expect(formatDecimals('0')).toBe(0);
    expect(formatDecimals('#,##0.00"万元"')).toBe(2);
    expect(formatDecimals('0.0%')).toBe(1);
    expect(formatDecimals('[Red]0.000;-0.000')).toBe(3);
    expect(formatDecimals('"共"0"件"')).toBe(0);
    expect(formatDecimals('0.00E+00')).toBeUndefined();
    expect(formatDecimals('@')).toBeUndefined();
    expect(formatDecimals('yyyy-mm-dd')).toBeUndefined();
    fc.assert(
      fc.property(
        fc.constantFrom('', '#,##', '[Blue]', '"约"'),
        fc.nat({ max: 6 }),
        fc.constantFrom('', '"万元"', '\\元', '%'),
        (pre, d, post) => {
          expect(formatDecimals(`${pre}0${d > 0 ? `.${'0'.repeat(d)}` : ''}${post}`)).toBe(d);
        },
      ),
    );
  });
});

describe('Excel: a row ending in empty cells, sheets that hold no table', () => {
  /** 表四 with 复议后起诉's five cells left empty (Excel writes no empty cell that is not formatted). */
  const blankEnd = () => {
    const sheets = titled(exampleSheets());
    const t4 = table(sheets, '表四');
    t4.rows[t4.rows.length - 1] = t4.rows.at(-1)!.slice(0, 10);
    return sheets;
  };
  const wantBlankEnd = () =>
    Object.fromEntries(
      Object.entries(want()).map(([k, v]) => [
        k,
        k.startsWith('reviewLitigation.litigationAfterReview.') ? null : v,
      ]),
    );

  it('the empty cells after a row’s last number are blanks, to the last column of its table', async () => {
    const { report, diagnostics } = await ingest(makeXlsx(blankEnd()));
    expect(values(report)).toEqual(wantBlankEnd());
    expect(diagnostics.issues.map((i) => i.code)).not.toContain('ROW_VALUES_NOT_READ');
  });

  it('a chart’s data after 表四 is not read into its empty cells, and the sheet is named', async () => {
    const chart: FixtureSheet = {
      name: '图表数据',
      rows: [
        ['项目', '件数'],
        ['行政复议', 4],
        ['行政诉讼', 2],
        ['依申请公开', 43],
        ['主动公开', 120],
        ['其他', 1],
      ],
    };
    const { report, diagnostics } = await ingest(makeXlsx([...blankEnd(), chart]));
    expect(values(report)).toEqual(wantBlankEnd());
    expect(diagnostics.issues.find((i) => i.code === 'XLSX_SHEETS_NOT_READ')?.message).toBe(
      '工作表「图表数据」中没有统一格式的表格（表二、表三、表四的标题或首行），没有读取：如其中有报告的数，请填入表二、表三、表四',
    );
    expect(diagnostics.issues.find((i) => i.code === 'XLSX_TABLES_ONLY')?.details?.sheets).toEqual([
      '表二',
      '表三',
      '表四',
    ]);
    // a sheet of numbers alone, and a sheet of notes between two tables, likewise
    const numbers = await ingest(makeXlsx([...blankEnd(), { name: 'Sheet2', rows: [[1, 2, 3, 4, 5]] }]));
    expect(values(numbers.report)).toEqual(wantBlankEnd());
    const between = titled(exampleSheets());
    between.splice(1, 0, {
      name: '说明',
      rows: [
        ['行政许可', 5],
        ['行政处罚', 7],
      ],
    });
    const b = await ingest(makeXlsx(between));
    expect(values(b.report)).toEqual(want());
    expect(b.diagnostics.issues.find((i) => i.code === 'XLSX_SHEETS_NOT_READ')?.details?.sheets).toEqual([
      '说明',
    ]);
  });
});

describe('Excel: a date as its cell shows it', () => {
  it('a date cell is its date, not the serial number Excel stores (45677)', async () => {
    const sheets = titled(exampleSheets());
    table(sheets, '表四').rows.push(['填报日期：', { n: 45677, fmt: 'yyyy"年"m"月"d"日"' }]);
    const info: FixtureSheet = {
      name: '报告信息',
      rows: [
        ['标题', EXAMPLE_TITLE],
        ['发布日期', { n: 45677, fmt: 'yyyy/m/d' }],
      ],
    };
    const doc = xlsxToSource(makeXlsx([info, ...sheets]));
    const texts = doc.lines.flatMap((l) => l.cells.map((c) => c.text));
    expect(texts).toContain('2025年1月20日');
    expect(texts.some((t) => t.includes('45677'))).toBe(false);
    expect(doc.facts.发布日期).toBe('2025-01-20');
    const { report } = await ingest(makeXlsx([info, ...sheets]));
    expect(report.meta.publishedOn).toBe('2025-01-20');
    expect(values(report)).toEqual(want());
  });
});

describe('Excel: 表三 with its row labels in three columns, not merged', () => {
  /** 表三 with 总计 as its first column of numbers, the heads saying so. */
  const totalFirst = () => {
    const sheets = titled(exampleSheets());
    const t3 = table(sheets, '表三');
    t3.rows = t3.rows.map((r, i) => {
      if (i === 2) return [null, null, null, '总计', '自然人', '法人或其他组织'];
      if (i === 3)
        return [null, null, null, null, null, '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'];
      if (r.length < 10) return r;
      const x = [...r];
      x.splice(3, 0, x.splice(9, 1)[0]!);
      return x;
    });
    return sheets;
  };

  it('columns in another order (总计 first): every number under its head', async () => {
    const { report, diagnostics } = await ingest(makeXlsx(totalFirst()));
    expect(values(report)).toEqual(want());
    const codes = diagnostics.issues.map((i) => i.code);
    expect(codes).toContain('COLUMN_ORDER_FROM_HEADER');
    expect(codes).not.toContain('ROW_EXTRA_VALUES');
  });

  it('a whole first column of numbers left empty, and 表四’s first group left empty, are blanks', async () => {
    const sheets = titled(exampleSheets());
    const t3 = table(sheets, '表三');
    t3.rows = t3.rows.map((r) =>
      r.some((c) => typeof c === 'number') ? r.map((c, i) => (i === 3 ? null : c)) : r,
    );
    const t4 = table(sheets, '表四');
    t4.rows[t4.rows.length - 1] = t4.rows.at(-1)!.map((c, i) => (i < 5 ? null : c));
    const { report } = await ingest(makeXlsx(sheets));
    for (const [id, v] of Object.entries(values(report)))
      expect(v, id).toBe(
        id.endsWith('.naturalPerson') || id.startsWith('reviewLitigation.review.') ? null : want()[id],
      );
  });

  it('the empty label cells are no blanks, an empty first column of numbers is (fast-check)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.integer({ min: 0, max: 24 }), async (reordered, pick) => {
        const sheets = reordered ? totalFirst() : titled(exampleSheets());
        const t3 = table(sheets, '表三');
        // a row of numbers (not a head row) with its first column of numbers left empty
        const dataRows = t3.rows.flatMap((r, i) => (r.some((c) => typeof c === 'number') ? [i] : []));
        const at = dataRows[pick % dataRows.length]!;
        const emptied = t3.rows[at]![3];
        t3.rows[at] = t3.rows[at]!.map((c, i) => (i === 3 ? null : c));
        const { report } = await ingest(makeXlsx(sheets));
        const got = values(report);
        const w = want();
        const changed = Object.keys(w).filter((k) => got[k] !== w[k]);
        // exactly one cell differs: the one emptied, now blank (never a number moved into it)
        expect(changed).toHaveLength(1);
        expect(got[changed[0]!]).toBeNull();
        expect(w[changed[0]!]).toBe(emptied);
      }),
      { numRuns: 12 },
    );
  });
});
