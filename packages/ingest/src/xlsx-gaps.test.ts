import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ingest } from './index.js';
import { type FixtureCell, type FixtureSheet, makeXlsx } from './test-support/xlsx-fixture.js';
import { EXAMPLE_TITLE, exampleSheets, table, titled, values, want } from './test-support/xlsx-sheets.js';

/*
 * Workbooks as offices type them, the gaps of the first Excel QA pass: a 序号 column, 表四 without
 * its heads, the agency and the year outside a title, hidden rows of zeros.
 */

const hasNumber = (r: FixtureCell[]) => r.some((c) => typeof c === 'number');
/** The three tables on one sheet, one after the other. */
const oneSheet = (sheets: FixtureSheet[]): FixtureSheet[] => [
  { name: 'Sheet1', rows: sheets.flatMap((s) => s.rows) },
];
const codes = (d: { issues: { code: string }[] }) => d.issues.map((i) => i.code);

describe('Excel: a 序号 column beside the row labels', () => {
  it('1, 2, 3 … counted on over the three sheets: read as without it, said once (info)', async () => {
    const sheets = titled(exampleSheets());
    let n = 0;
    for (const t of sheets)
      t.rows = t.rows.map((r) =>
        hasNumber(r) ? [++n, ...r] : r.length > 1 ? [r[0] === '信息内容' ? '序号' : null, ...r] : r,
      );
    const { report, diagnostics } = await ingest(makeXlsx(sheets));
    expect(values(report)).toEqual(want());
    const seq = diagnostics.issues.filter((i) => i.code === 'XLSX_SEQUENCE_COLUMN');
    expect(seq).toHaveLength(1);
    expect(seq[0]).toMatchObject({ severity: 'info' });
    expect(seq[0]?.message).toBe(
      '工作表「表二」A 列、工作表「表三」A 列、工作表「表四」A 列是序号（1、2、3…），不是统一格式表格的列，没有读取',
    );
    expect(codes(diagnostics)).not.toContain('ROW_EXTRA_VALUES');
    expect(diagnostics.issues.filter((i) => i.severity !== 'info').map((i) => i.code)).toEqual([
      'XLSX_TABLES_ONLY',
    ]);
  });

  it('on one sheet: 一、二、… in 表二, 1–27 in 表三, 表四 under a head 序号', async () => {
    const sheets = titled(exampleSheets());
    const cn = ['一', '二', '三', '四', '五', '六'];
    let n = 0;
    table(sheets, '表二').rows = table(sheets, '表二').rows.map((r) =>
      hasNumber(r) ? [`${cn[n++]}、`, ...r] : r.length > 1 ? ['序号', ...r] : r,
    );
    let m = 0;
    table(sheets, '表三').rows = table(sheets, '表三').rows.map((r) =>
      hasNumber(r) ? [++m, ...r] : r.length > 1 ? [null, ...r] : r,
    );
    const t4 = table(sheets, '表四');
    t4.rows = t4.rows.map((r, i) =>
      i === 0 ? r : hasNumber(r) ? [1, ...r] : [i === 1 ? '序号' : null, ...r],
    );
    const { report, diagnostics } = await ingest(makeXlsx(oneSheet(sheets)));
    expect(values(report)).toEqual(want());
    expect(diagnostics.issues.filter((i) => i.code === 'XLSX_SEQUENCE_COLUMN')).toHaveLength(1);
    expect(codes(diagnostics)).not.toContain('ROW_EXTRA_VALUES');
  });

  it('表四 typed from column A under a 序号’d 表三, its first number the next 序号: no number lost', async () => {
    const sheets = titled(exampleSheets());
    let m = 0;
    table(sheets, '表三').rows = table(sheets, '表三').rows.map((r) =>
      hasNumber(r) ? [++m, ...r] : r.length > 1 ? [null, ...r] : r,
    );
    // 结果维持 = the next 序号 (27 + 1), the total to match
    const t4 = table(sheets, '表四');
    const row = t4.rows.at(-1)! as number[];
    t4.rows[t4.rows.length - 1] = [
      m + 1,
      row[1]!,
      row[2]!,
      row[3]!,
      m + 1 + row[1]! + row[2]! + row[3]!,
      ...row.slice(5),
    ];
    const { report } = await ingest(makeXlsx(oneSheet(sheets)));
    const w = want();
    w['reviewLitigation.review.upheld'] = m + 1;
    w['reviewLitigation.review.total'] = m + 1 + row[1]! + row[2]! + row[3]!;
    expect(values(report)).toEqual(w);
  });

  it('without a 序号 column nothing is left out and none is said (fast-check)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.integer({ min: 0, max: 30 }), async (one, k) => {
        const sheets = titled(exampleSheets());
        const t2 = table(sheets, '表二');
        // 行政许可 typed as 1250 more: a number only in the first column of numbers
        t2.rows = t2.rows.map((r) => (r[0] === '行政许可' ? ['行政许可', 1250 + k] : r));
        const { report, diagnostics } = await ingest(makeXlsx(one ? oneSheet(sheets) : sheets));
        const w = want();
        w['activeDisclosure.licensing.decisions'] = 1250 + k;
        expect(values(report)).toEqual(w);
        expect(codes(diagnostics)).not.toContain('XLSX_SEQUENCE_COLUMN');
      }),
      { numRuns: 10 },
    );
  });
});

describe('Excel: 表四 without its heads, right under its heading', () => {
  const t4Numbers = () => table(exampleSheets(), '表四').rows.at(-1)! as number[];
  const t4Heading = '四、政府信息公开行政复议、行政诉讼情况';
  const t4Ids = () => Object.keys(want()).filter((id) => id.startsWith('reviewLitigation.'));

  it.each([
    ['on its own sheet', false],
    ['on one sheet with 表二 and 表三', true],
  ])('one row of 15 numbers (%s): read in the official order, the assumption said', async (_, one) => {
    const sheets = titled(exampleSheets());
    table(sheets, '表四').rows = [[t4Heading], t4Numbers()];
    const { report, diagnostics } = await ingest(makeXlsx(one ? oneSheet(sheets) : sheets));
    expect(values(report)).toEqual(want());
    const w = diagnostics.issues.find((i) => i.code === 'XLSX_T4_WITHOUT_HEADS');
    expect(w).toMatchObject({ severity: 'warning', details: { sumsOff: [] } });
    expect(w?.message).toMatch(
      /「四、政府信息公开行政复议、行政诉讼情况」下没有表头，只有一行 15 个数，已按统一格式的列序读取（行政复议、未经复议直接起诉、复议后起诉，各为结果维持、结果纠正、其他结果、尚未审结、总计），各组的总计都等于前四项之和。如列序不同，请在表四上方加上表头后再导入$/,
    );
    expect(codes(diagnostics)).not.toContain('TABLE_MISSING');
  });

  it('three rows of five labelled 行政复议 / 未经复议直接起诉 / 复议后起诉, in any order', async () => {
    const n = t4Numbers();
    const sheets = titled(exampleSheets());
    table(sheets, '表四').rows = [
      [t4Heading],
      ['复议后起诉', ...n.slice(10, 15)],
      ['行政复议', ...n.slice(0, 5)],
      ['行政诉讼·未经复议直接起诉', ...n.slice(5, 10)],
    ];
    const { report, diagnostics } = await ingest(makeXlsx(sheets));
    expect(values(report)).toEqual(want());
    const w = diagnostics.issues.find((i) => i.code === 'XLSX_T4_WITHOUT_HEADS');
    expect(w?.severity).toBe('warning');
    expect(w?.message).toMatch(
      /「行政复议」「未经复议直接起诉」「复议后起诉」三行各 5 个数已按统一格式的列序读取/,
    );
  });

  it('15 numbers whose totals do not add up are read as typed, the groups named', async () => {
    const n = [...t4Numbers()];
    n[4] = 9; // 行政复议 总计 typed wrong
    const sheets = titled(exampleSheets());
    table(sheets, '表四').rows = [[t4Heading], n];
    const { report, diagnostics } = await ingest(makeXlsx(sheets));
    expect(report.cells['reviewLitigation.review.total']?.value).toBe(9);
    const w = diagnostics.issues.find((i) => i.code === 'XLSX_T4_WITHOUT_HEADS');
    expect(w?.message).toMatch(/其中「行政复议」的总计不等于前四项之和/);
  });

  it.each([
    ['16 numbers', (n: number[]) => [[...n, 0]]],
    ['14 numbers', (n: number[]) => [n.slice(0, 14)]],
    ['15 numbers over two rows', (n: number[]) => [n.slice(0, 10), n.slice(10)]],
    [
      'two labelled rows of five',
      (n: number[]) => [
        ['行政复议', ...n.slice(0, 5)],
        ['复议后起诉', ...n.slice(10)],
      ],
    ],
    [
      'three rows of four',
      (n: number[]) => [
        ['行政复议', ...n.slice(0, 4)],
        ['未经复议直接起诉', ...n.slice(5, 9)],
        ['复议后起诉', ...n.slice(10, 14)],
      ],
    ],
  ] as const)('%s under the heading, no heads: not guessed, said', async (_, rows) => {
    const sheets = titled(exampleSheets());
    table(sheets, '表四').rows = [[t4Heading], ...rows(t4Numbers())];
    const { report, diagnostics } = await ingest(makeXlsx(sheets));
    for (const id of t4Ids()) expect(report.cells[id]?.value ?? null, id).toBeNull();
    expect(codes(diagnostics)).not.toContain('XLSX_T4_WITHOUT_HEADS');
    expect(diagnostics.issues.find((i) => i.code === 'XLSX_T4_WITHOUT_HEADS_UNREAD')?.message).toMatch(
      /下没有表头，.*无法确定各数所在的列，没有读取：请在表四上方加上表头/,
    );
    // 表二 and 表三 are read as typed
    const w = want();
    for (const [id, v] of Object.entries(values(report)))
      if (!id.startsWith('reviewLitigation.')) expect(v, id).toBe(w[id]);
  });

  it('表四 with its heads is read as before, nothing said of heads', async () => {
    const { report, diagnostics } = await ingest(makeXlsx(titled(exampleSheets())));
    expect(values(report)).toEqual(want());
    expect(codes(diagnostics).filter((c) => c.startsWith('XLSX_T4'))).toEqual([]);
  });
});

describe('Excel: the agency and the year outside a report title', () => {
  const untitled = (f: (s: FixtureSheet[]) => void) => {
    const s = exampleSheets();
    f(s);
    return makeXlsx(s);
  };

  it.each([
    ['「填报单位：某某县教育局」 in one cell', ['填报单位：某某县教育局'], 'A1'],
    ['「填报单位」 | 「某某县教育局（盖章）」', ['填报单位', '某某县教育局（盖章）'], 'A1'],
    [
      '「单位名称：某某县教育局    填报日期：2025年1月20日」',
      [null, '单位名称：某某县教育局    填报日期：2025年1月20日'],
      'B1',
    ],
  ] as const)('the agency from %s, the year from the sheet name 「2024年报表」', async (_, row, cell) => {
    const bytes = untitled((s) => {
      s[0]!.name = '2024年报表';
      s[0]!.rows.unshift([...row]);
    });
    const { report, diagnostics } = await ingest(bytes);
    expect(report.meta.agency.name).toBe('某某县教育局');
    expect(report.meta.year).toBe(2024);
    expect(diagnostics.agency).toMatchObject({
      value: '某某县教育局',
      reason: expect.stringMatching(new RegExp(`^工作表「2024年报表」${cell}「(填报单位|单位名称)」$`)),
    });
    expect(diagnostics.year).toMatchObject({ value: 2024, reason: '工作表名「2024年报表」中的年份' });
    expect(values(report)).toEqual(want());
    const said = codes(diagnostics);
    for (const c of ['AGENCY_NOT_FOUND', 'YEAR_NOT_FOUND', 'YEAR_SOURCES_DIFFER', 'AGENCY_SOURCES_DIFFER'])
      expect(said).not.toContain(c);
  });

  it('the year from a title cell 「2024年度…统计表」, not from a sentence on 2023年 nor a 填报日期 2025年1月20日', async () => {
    const bytes = untitled((s) => {
      s[0]!.rows.unshift(
        ['某某县教育局2024年度政府信息公开工作情况统计表'],
        ['与2023年相比，本年度工作情况如下。'],
      );
      s.at(-1)!.rows.push(['填报日期：2025年1月20日']);
    });
    const { report, diagnostics } = await ingest(bytes);
    expect(report.meta.year).toBe(2024);
    expect(diagnostics.year.reason).toBe('标题「某某县教育局2024年度政府信息公开工作情况统计表」中的年份');
    expect(codes(diagnostics)).not.toContain('YEAR_SOURCES_DIFFER');
  });

  it('a sheet named 2025年报表 and a title cell of 2024年度: an error naming both, none picked', async () => {
    const bytes = untitled((s) => {
      s[0]!.name = '2025年报表';
      s[0]!.rows.unshift(['2024年度政府信息公开工作情况统计表']);
    });
    const { diagnostics } = await ingest(bytes);
    const d = diagnostics.issues.find((i) => i.code === 'YEAR_SOURCES_DIFFER');
    expect(d).toMatchObject({ severity: 'error' });
    expect(d?.message).toBe(
      '报告年度不一致：工作表名「2025年报表」为「2025」，标题「2024年度政府信息公开工作情况统计表」为「2024」，没有从中选取，请核对',
    );
    // never 2024 or 2025 as if it were sure: the year is said not found
    const notFound = diagnostics.issues.find((i) => i.code === 'YEAR_NOT_FOUND');
    expect(notFound?.severity).toBe('error');
    // found, but disagreeing: not said as 「标题、统计期限、正文均无」
    expect(notFound?.message).toMatch(
      /^报告年度无法确定（工作表名和标题中的年份不一致），暂按 20\d\d 年处理，请核对$/,
    );
  });

  it('a report title wins over a sheet name of another year, and the difference is an error', async () => {
    const sheets = titled(exampleSheets());
    sheets[0]!.name = '2023年报表';
    const { report, diagnostics } = await ingest(makeXlsx(sheets));
    expect(report.meta.year).toBe(2024);
    expect(diagnostics.issues.find((i) => i.code === 'YEAR_SOURCES_DIFFER')).toMatchObject({
      severity: 'error',
      message: `报告年度不一致：工作表名「2023年报表」为「2023」，标题「${EXAMPLE_TITLE}」为「2024」，暂按标题「${EXAMPLE_TITLE}」中的年份读作 2024 年，请核对`,
    });
  });

  it('two rows naming two agencies: a warning naming both, none picked', async () => {
    const bytes = untitled((s) => {
      s[0]!.name = '2024年';
      s[0]!.rows.unshift(['填报单位：某某县教育局']);
      s.at(-1)!.rows.push(['填报单位：某某县卫生健康局']);
    });
    const { report, diagnostics } = await ingest(bytes);
    expect(report.meta.agency.name).not.toMatch(/某某县/);
    expect(diagnostics.issues.find((i) => i.code === 'AGENCY_SOURCES_DIFFER')?.message).toMatch(
      /机关名称不一致：.*「某某县教育局」.*「某某县卫生健康局」，没有从中选取，请核对/,
    );
  });

  it('a year only from a date in the cells (填报日期 2025年1月20日) is said as a guess', async () => {
    const bytes = untitled((s) => {
      s[0]!.rows.unshift(['填报单位：某某县教育局', null, null, '填报日期：2025年1月20日']);
    });
    const { diagnostics } = await ingest(bytes);
    const g = diagnostics.issues.find((i) => i.code === 'YEAR_GUESSED');
    expect(g).toMatchObject({ severity: 'warning', details: { year: 2025 } });
    expect(g?.message).toMatch(
      /^没有标题、工作表名或统计期限说明报告年度，按正文中最常出现的年份（1 次）暂定为 2025 年（可能是填报日期的年份）：请核对报告年度$/,
    );
  });

  it('a report title gives the agency and the year as before; a 填报单位 that agrees says nothing more', async () => {
    const sheets = titled(exampleSheets());
    sheets.at(-1)!.rows.push(['填报单位：示例市人民政府办公室']);
    const { report, diagnostics } = await ingest(makeXlsx(sheets));
    expect(report.meta).toMatchObject({ year: 2024, agency: { name: '示例市人民政府办公室' } });
    expect(diagnostics.year.reason).toMatch(/^标题/);
    expect(codes(diagnostics).filter((c) => c.endsWith('_SOURCES_DIFFER'))).toEqual([]);
    expect(codes(diagnostics)).not.toContain('YEAR_GUESSED');
  });
});

describe('Excel: hidden rows', () => {
  const t3Data = () => {
    const t3 = table(exampleSheets(), '表三');
    return t3.rows.flatMap((r, i) => (hasNumber(r) ? [i] : []));
  };
  /** 表三's rows of zeros. */
  const zeroRows = () => {
    const t3 = table(exampleSheets(), '表三');
    return t3.rows.flatMap((r, i) =>
      hasNumber(r) && r.every((c) => typeof c !== 'number' || c === 0) ? [i] : [],
    );
  };

  it('表三 with all its rows of zeros hidden for printing: read as typed, the rows named (a warning)', async () => {
    const sheets = titled(exampleSheets());
    const zeros = zeroRows();
    table(sheets, '表三').hiddenRows = zeros.map((i) => i + 1);
    const { report, diagnostics } = await ingest(makeXlsx(sheets));
    expect(values(report)).toEqual(want());
    const read = diagnostics.issues.filter((x) => x.code === 'XLSX_HIDDEN_ROWS_READ');
    expect(read).toHaveLength(1);
    expect(read[0]?.details).toMatchObject({ sheet: '表三', rows: zeros.map((i) => i + 1) });
    expect(read[0]?.message).toMatch(/「1\.属于国家秘密」「2\.其他法律行政法规禁止公开」/);
    expect(codes(diagnostics)).not.toContain('XLSX_HIDDEN_CELLS');
    expect(codes(diagnostics)).not.toContain('ROW_NOT_FOUND');
  });

  it('any rows of 表二 and 表三 hidden (not all), each the only copy of its row: every number as typed (fast-check)', async () => {
    const data = t3Data();
    const t2 = table(titled(exampleSheets()), '表二').rows.flatMap((r, i) => (hasNumber(r) ? [i] : []));
    await fc.assert(
      fc.asyncProperty(
        fc.subarray(data, { minLength: 1, maxLength: data.length - 1 }),
        fc.subarray(t2, { maxLength: t2.length - 1 }),
        async (hidden, hidden2) => {
          const sheets = titled(exampleSheets());
          table(sheets, '表三').hiddenRows = hidden.map((i) => i + 1);
          table(sheets, '表二').hiddenRows = hidden2.map((i) => i + 1);
          const { report } = await ingest(makeXlsx(sheets));
          expect(values(report)).toEqual(want());
        },
      ),
      { numRuns: 15 },
    );
  });

  it('rows of zeros hidden with an old copy of a shown row hidden too: none is read, all named (fast-check)', async () => {
    const zeros = zeroRows();
    const data = t3Data();
    await fc.assert(
      fc.asyncProperty(
        fc.subarray(zeros, { minLength: 1 }),
        fc.constantFrom(...data),
        fc.integer({ min: 1, max: 9 }),
        async (hidden, old, add) => {
          fc.pre(!hidden.includes(old));
          const sheets = titled(exampleSheets());
          const t3 = table(sheets, '表三');
          // the old row, other numbers, hidden at the end of the table
          t3.rows.push(t3.rows[old]!.map((c) => (typeof c === 'number' ? c + add : c)));
          t3.hiddenRows = [...hidden.map((i) => i + 1), t3.rows.length];
          const { report, diagnostics } = await ingest(makeXlsx(sheets));
          const w = want();
          const got = values(report);
          // the shown rows as typed; the hidden rows of zeros missing (never the old row's numbers)
          for (const [id, v] of Object.entries(got)) if (v !== null) expect(v, id).toBe(w[id]);
          expect(codes(diagnostics)).not.toContain('XLSX_HIDDEN_ROWS_READ');
          expect(diagnostics.issues.find((x) => x.code === 'XLSX_HIDDEN_CELLS')?.details).toMatchObject({
            rows: [...hidden.map((i) => i + 1), t3.rows.length],
          });
        },
      ),
      { numRuns: 15 },
    );
  });

  it('表三 hidden whole on a sheet of its own (rows only, no heads) is no gap of a table shown: not read', async () => {
    const sheets = titled(exampleSheets());
    const t3 = table(sheets, '表三');
    const j = t3.rows.findIndex((r) => String(r[0]).startsWith('一、本年新收'));
    // 表三 shown without its first row; an old copy of its rows on a sheet of their own, hidden
    const old = t3.rows
      .filter((r) => hasNumber(r))
      .map((r) => r.map((c) => (typeof c === 'number' ? c + 1 : c)));
    t3.rows.splice(j, 1);
    sheets.push({ name: '旧表', rows: old, hiddenRows: old.map((_, i) => i + 1) });
    const { report, diagnostics } = await ingest(makeXlsx(sheets));
    expect(report.cells['applications.newReceived.total']?.value ?? null).toBeNull();
    expect(codes(diagnostics)).not.toContain('XLSX_HIDDEN_ROWS_READ');
    expect(diagnostics.issues.find((x) => x.code === 'XLSX_HIDDEN_CELLS')?.details).toMatchObject({
      sheet: '旧表',
    });
  });

  it('a hidden row that is no row of the official tables (小计, a helper) keeps the hidden rows unread', async () => {
    const sheets = titled(exampleSheets());
    const t3 = table(sheets, '表三');
    const zeros = zeroRows();
    t3.rows.push(['小计', null, null, 5, 5, 5, 5, 5, 5, 30]);
    t3.hiddenRows = [zeros[0]! + 1, t3.rows.length];
    const { report, diagnostics } = await ingest(makeXlsx(sheets));
    expect(report.cells['applications.denied_stateSecret.naturalPerson']?.value ?? null).toBeNull();
    expect(codes(diagnostics)).toContain('XLSX_HIDDEN_CELLS');
    expect(codes(diagnostics)).not.toContain('XLSX_HIDDEN_ROWS_READ');
  });
});

describe('Excel: the same gaps in workbooks saved by LibreOffice Calc', () => {
  const here = (f: string) => new URL(`./test-support/xlsx/${f}`, import.meta.url);
  it.each([
    ['repeated-row-libreoffice.xlsx', 'XLSX_ROW_REPEATED', '示例市人民政府办公室'],
    ['sequence-column-libreoffice.xlsx', 'XLSX_SEQUENCE_COLUMN', '示例市人民政府办公室'],
    ['headless-t4-agency-row-libreoffice.xlsx', 'XLSX_T4_WITHOUT_HEADS', '某某县教育局'],
    ['hidden-zero-rows-libreoffice.xlsx', 'XLSX_HIDDEN_ROWS_READ', '示例市人民政府办公室'],
  ])('%s: every cell as typed, said as %s', async (file, code, agency) => {
    const { report, diagnostics } = await ingest(new Uint8Array(readFileSync(here(file))));
    expect(values(report)).toEqual(want());
    expect(report.meta).toMatchObject({ year: 2024, agency: { name: agency } });
    expect(codes(diagnostics)).toContain(code);
    expect(codes(diagnostics)).not.toContain('ROW_EXTRA_VALUES');
  });
});
