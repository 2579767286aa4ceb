/**
 * Numbers wrapped inside a narrow PDF column (「36,257,43」 on one line, 「4」 under it in the same
 * cell) are read joined, from the text items' positions (pdf.ts joinWrapped), where the pieces
 * are grouped right together and the row then adds up; otherwise the number is unreadable, its
 * pieces named — never its last digits or a neighbour's piece (QA report qa-ingest2, item 7).
 * Before, such a table left almost every 表三 row unread (pdf-1-thousands.pdf: 34 of 175 cells).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ingest, ingestSync } from './index.js';
import { parseSource } from './parse.js';
import { type Item, layoutItems } from './pdf.js';
import { fixtureBytes } from './test-support/fixtures.js';
import { T3_KEYS } from './test-support/table3.js';
import { grouped, type WrappedTable, wrappedTableItems } from './test-support/wrapped-table.js';

const ROWS = [
  ['newReceived', '一、本年新收政府信息公开申请数量'],
  ['carriedOver', '二、上年结转政府信息公开申请数量'],
  ['carriedForward', '四、结转下年度继续办理'],
] as const;

function read(items: Item[]) {
  return parseSource({ lines: layoutItems(items) }, 'pdf', 'test');
}
type Result = ReturnType<typeof read>;
const values = (r: Result, row: string) =>
  T3_KEYS.map((k) => r.report.cells[`applications.${row}.${k}`]?.value);
const errorsOn = (r: Result, id: string) =>
  r.diagnostics.issues.filter((i) => i.severity === 'error' && (i.cell === id || i.cells?.includes(id)));

const saidOn = (r: Result, id: string) =>
  r.diagnostics.issues.filter((i) => i.severity !== 'info' && (i.cell === id || i.cells?.includes(id)));

const table = (rows: (number | null)[][], t: Partial<WrappedTable> = {}): WrappedTable => ({
  rows: rows.map((values, i) => ({ label: ROWS[i]![1], values })),
  digits: 9,
  valign: 'middle',
  breakAtSeparator: false,
  pitch: 1.2,
  pad: 3,
  ...t,
});
const FIRST = [3793123, 9307008, 9832414, 4661231, 7114081, 1549577, 36257434];
const SECOND = [0, 3306389, null, 0, 0, 0, 3306389];

describe('numbers wrapped in a narrow PDF column', () => {
  it('a total centred in a row two lines high (「36,257,43」 above the row’s numbers, 「4」 below): read joined, said', () => {
    const r = read(wrappedTableItems(table([FIRST, SECOND])));
    expect(values(r, 'newReceived')).toEqual(FIRST);
    expect(values(r, 'carriedOver')).toEqual(SECOND);
    const said = r.diagnostics.issues.filter((i) => i.code === 'VALUE_WRAPPED');
    expect(said).toHaveLength(1);
    expect(said[0]).toMatchObject({ severity: 'warning', cells: ['applications.newReceived.total'] });
    expect(said[0]!.message).toContain('总计「36,257,43」「4」→ 36,257,434');
    expect(r.diagnostics.cells['applications.newReceived.total']?.confidence).toBe('medium');
  });

  it('every number of a row wrapped, set at the top of their cells, broken after a separator: each read joined', () => {
    const row = [1234567, 2345678, 0, 0, 0, 0, 3580245];
    const r = read(
      wrappedTableItems(table([row, SECOND], { valign: 'top', digits: 6, breakAtSeparator: true })),
    );
    expect(values(r, 'newReceived')).toEqual(row);
    expect(r.diagnostics.issues.find((i) => i.code === 'VALUE_WRAPPED')?.cells).toEqual([
      'applications.newReceived.naturalPerson',
      'applications.newReceived.commercialEnterprise',
      'applications.newReceived.total',
    ]);
  });

  it('a row that does not add up read joined: the joined number is unreadable, its pieces named; the others read', () => {
    const row = [3793123, 9307008, 9832414, 4661231, 7114081, 1549577, 36257435];
    const r = read(wrappedTableItems(table([row, SECOND])));
    expect(values(r, 'newReceived')).toEqual([...row.slice(0, 6), undefined]);
    const err = errorsOn(r, 'applications.newReceived.total');
    expect(err.map((i) => i.code)).toEqual(['CELL_UNREADABLE']);
    expect(err[0]!.message).toContain('折行印作「36,257,43」「5」');
    expect(err[0]!.details).toMatchObject({ pieces: ['36,257,43', '5'] });
    // nothing of the next row is quoted as this row's, and the next row is read as printed
    expect(values(r, 'carriedOver')).toEqual(SECOND);
  });

  it('a row with a blank standing for a number (the sum short of the joined total), no column to establish it: not read, and that is what is said', () => {
    const row = [3793123, 9307008, null, 4661231, 7114081, 1549577, 36257434];
    const r = read(wrappedTableItems(table([row, SECOND])));
    expect(r.report.cells['applications.newReceived.total']?.value ?? null).toBeNull();
    const msg = errorsOn(r, 'applications.newReceived.total')[0]!.message;
    expect(msg).toContain('时本行总计与各列之和对不上（空白单元格按 0 计）');
    expect(msg).toContain('所在列的勾稽关系');
  });

  it('a number under a broken one that starts a row of its own (its label on its line) is not joined to it', () => {
    const item = (str: string, x: number, y: number): Item => ({
      str,
      x,
      y,
      w: str.length * 4.5,
      h: 9,
      page: 1,
    });
    const lines = [
      ['某某县人民政府2024年政府信息公开工作年度报告', 800],
      ['三、收到和处理政府信息公开申请情况', 780],
    ].map(([s, y]) => item(String(s), 40, Number(y)));
    const cols = [360, 420, 480, 540, 600, 660, 720];
    const row = (label: string, y: number, vals: string[]) => [
      item(label, 40, y),
      ...vals.map((v, j) => item(v, cols[j]!, y)),
    ];
    const r = read([
      ...lines,
      ...row('一、本年新收政府信息公开申请数量', 700, ['3,793,123', '0', '0', '0', '0', '0', '3,793,12']),
      ...row('二、上年结转政府信息公开申请数量', 689, ['1', '0', '0', '0', '0', '0', '3']),
      item('四、政府信息公开行政复议、行政诉讼情况', 40, 600),
    ]);
    // not joined (3,793,123 comes from the row's parts, said as such), the next row keeps its 3
    expect(r.diagnostics.issues.some((i) => i.code === 'VALUE_WRAPPED')).toBe(false);
    expect(r.report.cells['applications.newReceived.total']?.value).not.toBe(37931233);
    expect(values(r, 'carriedOver')).toEqual([1, 0, 0, 0, 0, 0, 3]);
  });

  it('numbers in columns so narrow they nearly touch, given as one text item or items with hardly a gap: one cell each', () => {
    const item = (str: string, x: number, y: number, w = str.length * 4.5): Item => ({
      str,
      x,
      y,
      w,
      h: 9,
      page: 1,
    });
    const run = '7,970,826 9,754,946 8,441,144';
    const lines = layoutItems([
      item('一、本年新收政府信息公开申请数量', 40, 700),
      item(run, 240, 700, run.length * 4.5),
      item('1,633,259', 376, 700),
      item('4,855,431', 417.1, 700), // 0.6 pt after the one before
      item('0', 470, 700),
      item('0', 500, 700),
    ]);
    expect(lines[0]!.cells.map((c) => c.text)).toEqual([
      '一、本年新收政府信息公开申请数量',
      '7,970,826',
      '9,754,946',
      '8,441,144',
      '1,633,259',
      '4,855,431',
      '0',
      '0',
    ]);
    // spaced digits without separators stay one cell (the table reader weighs 「6 4」)
    expect(
      layoutItems([item('一、本年新收', 40, 700), item('6 4', 240, 700)])[0]!.cells.map((c) => c.text),
    ).toEqual(['一、本年新收', '6 4']);
  });

  it('表四: a number wrapped in its cell is kept where its group adds up, else unreadable with its pieces', () => {
    const T4 = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];
    const doc = (total: string, pieces: string[]) => {
      const rows: { cells: { text: string; wrapped?: string[] }[] }[] = [
        { cells: [{ text: '某某县人民政府2024年政府信息公开工作年度报告' }] },
        { cells: [{ text: '四、政府信息公开行政复议、行政诉讼情况' }] },
        { cells: [{ text: '行政复议' }, { text: '行政诉讼' }] },
        { cells: [{ text: '未经复议直接起诉' }, { text: '复议后起诉' }] },
        { cells: [...T4, ...T4, ...T4].map((text) => ({ text })) },
        {
          cells: [
            ...['1,234,000', '500', '60', '7'].map((text) => ({ text })),
            { text: total, wrapped: pieces },
            ...['1', '0', '0', '1', '2', '3', '0', '1', '0', '4'].map((text) => ({ text })),
          ],
        },
        { cells: [{ text: '五、存在的主要问题及改进情况' }] },
        { cells: [{ text: '无。' }] },
      ];
      return parseSource(
        {
          lines: rows.map((l, i) => ({
            cells: l.cells.map((c, j) => ({ ...c, where: { page: 1, x: 50 + 40 * j, y: 800 - 14 * i } })),
            explicit: false,
          })),
        },
        'pdf',
        'test',
      );
    };
    const review = (r: Result) =>
      ['upheld', 'corrected', 'other', 'pending', 'total'].map(
        (k) => r.report.cells[`reviewLitigation.review.${k}`]?.value,
      );
    const ok = doc('1,234,567', ['1,234,56', '7']);
    expect(review(ok)).toEqual([1234000, 500, 60, 7, 1234567]);
    const said = ok.diagnostics.issues.find((i) => i.code === 'VALUE_WRAPPED');
    expect(said).toMatchObject({ severity: 'warning', cells: ['reviewLitigation.review.total'] });
    expect(said!.message).toContain('行政复议 · 总计「1,234,56」「7」→ 1,234,567');
    const bad = doc('1,234,568', ['1,234,56', '8']);
    expect(review(bad)).toEqual([1234000, 500, 60, 7, undefined]);
    expect(errorsOn(bad, 'reviewLitigation.review.total')[0]!.message).toContain('折行印作「1,234,56」「8」');
    expect(bad.report.cells['reviewLitigation.litigationAfterReview.total']?.value).toBe(4);
  });

  it('text without positions (a PDF copied as text) keeps its rule: a broken number is unreadable, never joined', () => {
    const text = [
      '某某县人民政府2024年政府信息公开工作年度报告',
      '三、收到和处理政府信息公开申请情况',
      '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） 自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计',
      '一、本年新收政府信息公开申请数量   1,234,567   2,345,678   0   0   0   0   3,580,24',
      '5',
      '二、上年结转政府信息公开申请数量   1   0   0   0   0   0   1',
      '四、政府信息公开行政复议、行政诉讼情况',
    ].join('\n');
    const r = ingestSync(text, { kind: 'text' });
    expect(r.report.cells['applications.newReceived.total']?.value ?? null).toBeNull();
    expect(errorsOn(r as Result, 'applications.newReceived.total').length).toBeGreaterThan(0);
  });

  it('random tables, numbers with separators wrapped at random widths: every cell read exactly or said unreadable (fast-check)', () => {
    const num = fc.oneof(
      { weight: 1, arbitrary: fc.constant(0) },
      { weight: 4, arbitrary: fc.integer({ min: 1, max: 150_000_000 }) },
    );
    const rowArb = fc.record({
      parts: fc.array(fc.option(num, { freq: 8 }), { minLength: 6, maxLength: 6 }),
      // most rows add up; some print a total off by a little (a typo)
      off: fc.oneof(
        { weight: 6, arbitrary: fc.constant(0) },
        { weight: 1, arbitrary: fc.integer({ min: -9, max: 9 }) },
      ),
    });
    let joinedRight = 0;
    fc.assert(
      fc.property(
        fc.array(rowArb, { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 4, max: 12 }),
        fc.constantFrom('middle' as const, 'top' as const),
        fc.boolean(),
        fc.double({ min: 1.1, max: 1.6, noNaN: true }),
        fc.integer({ min: 1, max: 6 }),
        (rows, digits, valign, breakAtSeparator, pitch, pad) => {
          const printed = rows.map(({ parts, off }) => {
            const total = parts.reduce<number>((a, v) => a + (v ?? 0), 0) + off;
            return [...parts, Math.max(0, total)];
          });
          const r = read(wrappedTableItems(table(printed, { digits, valign, breakAtSeparator, pitch, pad })));
          printed.forEach((want, i) => {
            const key = ROWS[i]![0];
            const got = values(r, key);
            want.forEach((w, j) => {
              const id = `applications.${key}.${T3_KEYS[j]}`;
              const g = got[j];
              if (g === w) {
                if (w !== null && grouped(w).length > digits) joinedRight++;
                return;
              }
              // not read as printed: never another number, and said on the cell
              expect(g ?? null, `${id}: printed ${w}, read ${g}`).toBeNull();
              expect(saidOn(r, id).length, `${id}: printed ${w}, unread without a word`).toBeGreaterThan(0);
            });
          });
          // a row that adds up with nothing blank is read exactly, however its numbers wrap
          printed.forEach((want, i) => {
            if (rows[i]!.off === 0 && want.every((v) => v !== null))
              expect(
                values(r, ROWS[i]![0]),
                JSON.stringify({ want, digits, valign, breakAtSeparator }),
              ).toEqual(want);
          });
        },
      ),
      { numRuns: 200 },
    );
    expect(joinedRight).toBeGreaterThan(0);
  });

  it('a report printed to PDF by Chromium with totals wrapped in their cells (fixtures/wrapped/wrapped-thousands.pdf)', async () => {
    // (the QA report's pdf-1-thousands.pdf: 表三's 总计 column wraps 「36,257,43」 over 「4」, row by row;
    // before, 34 of its 175 cells were read)
    const r = (await ingest(fixtureBytes('wrapped/wrapped-thousands.pdf'))) as Result;
    expect(values(r, 'newReceived')).toEqual([
      3793123, 9307008, 9832414, 4661231, 7114081, 1549577, 36257434,
    ]);
    expect(values(r, 'partiallyGranted')).toEqual([
      7469712, 5389902, 5633454, 7771603, 9412643, 3534219, 39211533,
    ]);
    expect(values(r, 'denied_lawProhibited')).toEqual([
      0, 6275791, 1182978, 97270, 177109, 4539193, 12272341,
    ]);
    expect(values(r, 'notProcessed_confirmOrReissue')).toEqual([
      0, 2747676, 6278391, 5480397, 6769384, 7836380, 29112228,
    ]);
    // every row read whole adds up; the totals were never read as their last digits
    const rows = new Map<string, (number | null | undefined)[]>();
    for (const [id, c] of Object.entries(r.report.cells)) {
      const [table, row, col] = id.split('.');
      if (table !== 'applications') continue;
      const v = rows.get(row!) ?? [];
      v[T3_KEYS.indexOf(col!)] = c?.value as number | null;
      rows.set(row!, v);
    }
    let whole = 0;
    for (const v of rows.values()) {
      if (v.length === 7 && v.every((x) => typeof x === 'number')) {
        whole++;
        expect(v.slice(0, 6).reduce<number>((a, b) => a + (b ?? 0), 0)).toBe(v[6]);
      }
      if (typeof v[6] === 'number' && v[6] !== 0) expect(v[6]).toBeGreaterThan(9);
    }
    expect(whole).toBeGreaterThanOrEqual(19);
    const joined = r.diagnostics.issues.filter((i) => i.code === 'VALUE_WRAPPED');
    expect(joined.length).toBeGreaterThanOrEqual(17);
    for (const i of joined) expect(i.severity).toBe('warning');
  });
});
