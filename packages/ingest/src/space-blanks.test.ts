/**
 * 表三 printed with its numbers apart by SPACES (PDF-to-text without TABs), some cells blank: a
 * blank leaves no trace, so a row prints fewer numbers than its 7 cells and nothing shows where the
 * blanks were. A row one number short was read as if the missing cell were a number lost and filled
 * in from the sums — 「（一）予以公开 5 3 0 0 1 8」 (printed 5 | （空） | 3 | 0 | 0 | 1 | 8, a row that
 * does not add up) was read 5 | 3 | 0 | 0 | 1 | 8 | 17: 8 (the printed 总计) in 其他, 总计 17
 * 「推算」, only the 总计 named (CELL_INFERRED) — the numbers after the blank each a column left with
 * nothing said of them. Now such a row is read only where exactly one placement of its numbers has
 * the row's total printed and equal to its parts (blanks as 0; or the table's column sums choose
 * one): else ROW_ALIGNMENT_UNCERTAIN (error) naming the row, its readings, nothing filled in. The
 * seed's rows of TAB fields (「⇥0⇥0⇥0⇥0⇥0⇥0⇥」) are not this case: their fields are read as before.
 * Numbers wrapped over two lines after the label are one row's where nothing is in doubt.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ingestSync } from './index.js';
import { DATA_KEYS, FULL_ROWS, fullTable3, seeded } from './test-support/full-table3.js';
import { T3_KEYS } from './test-support/table3.js';

type Printed = Map<string, (number | null)[]>;

/** A report whose 表三 is printed as PDF-to-text without TABs prints it: words and numbers apart by spaces. */
function spaceTable(rows: readonly string[]): string {
  return [
    '某某县人民政府2024年政府信息公开工作年度报告',
    '一、总体情况',
    '本年度工作情况。',
    '三、收到和处理政府信息公开申请情况',
    '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） 申请人情况',
    '自然人 法人或其他组织 总计',
    '商业企业 科研机构 社会公益组织 法律服务机构 其他',
    ...rows,
    '四、政府信息公开行政复议、行政诉讼情况',
    '五、存在的主要问题及改进情况',
    '无。',
  ].join('\n');
}

/** The whole 表三 printed so: a blank cell leaves nothing; `wrapAt` breaks a row's numbers over two lines. */
function printedTable(printed: Printed, wrapAt: ReadonlyMap<string, number> = new Map()): string {
  return spaceTable(
    FULL_ROWS.map((r) => {
      if (r.kind !== 'data') return r.label;
      const nums = printed
        .get(r.key)!
        .filter((v) => v !== null)
        .map(String);
      const at = wrapAt.get(r.key);
      if (at === undefined || nums.length < 2) return `${r.label} ${nums.join(' ')}`;
      const cut = 1 + (at % (nums.length - 1));
      return `${r.label} ${nums.slice(0, cut).join(' ')}\n${nums.slice(cut).join(' ')}`;
    }),
  );
}

/** 表三 with every row 0 but `rows` (row key → the row's line after its label). */
function withRows(rows: Record<string, string>): string {
  return spaceTable(
    FULL_ROWS.map((r) => (r.kind !== 'data' ? r.label : `${r.label} ${rows[r.key] ?? '0 0 0 0 0 0 0'}`)),
  );
}

const read = (text: string) => ingestSync(text, { kind: 'text' });
const row = (r: ReturnType<typeof read>, key: string) =>
  T3_KEYS.map((k) => r.report.cells[`applications.${key}.${k}`]?.value);
const UNREAD = T3_KEYS.map(() => undefined);
/** The warnings and errors naming a cell. */
const said = (r: ReturnType<typeof read>, id: string) =>
  r.diagnostics.issues.filter((i) => i.severity !== 'info' && (i.cell === id || i.cells?.includes(id)));

describe('表三 apart by spaces, a row short of its 7 cells', () => {
  it('「5 3 0 0 1 8」 (a blank 商业企业, a row that does not add up): not read, the row named — never 8 in 其他 and a 总计 inferred', () => {
    const r = read(withRows({ granted: '5 3 0 0 1 8' }));
    expect(row(r, 'granted')).toEqual(UNREAD);
    const e = r.diagnostics.issues.find(
      (i) => i.code === 'ROW_ALIGNMENT_UNCERTAIN' && i.cells?.includes('applications.granted.otherOrg'),
    );
    expect(e?.severity).toBe('error');
    expect(e?.message).toContain('（一）予以公开');
    expect(e?.message).toContain('只印了 6 个数');
    expect(e?.message).toContain('无法确定');
    expect(r.diagnostics.issues.some((i) => i.code === 'CELL_INFERRED')).toBe(false);
  });

  it('「12 3 0 0 1 16」 (the blank anywhere among the parts adds up): not read, each reading named', () => {
    const r = read(withRows({ granted: '12 3 0 0 1 16' }));
    expect(row(r, 'granted')).toEqual(UNREAD);
    const e = r.diagnostics.issues.find((i) => i.code === 'ROW_ALIGNMENT_UNCERTAIN');
    expect(e?.severity).toBe('error');
    expect(e?.message).toContain('读法1：12 | 3 | 0 | 0 | 1 | （空） | 16');
    const readings = e?.details?.readings as (number | null)[][];
    expect(readings.length).toBe(6);
    for (const c of readings) expect(c[6]).toBe(16);
  });

  it('「15 23 27 0 26 10」 (the 总计 blank, or a part and a table error): not filled in from the sums', () => {
    const r = read(withRows({ granted: '15 23 27 0 26 10' }));
    expect(row(r, 'granted')).toEqual(UNREAD);
    expect(r.diagnostics.issues.find((i) => i.code === 'ROW_ALIGNMENT_UNCERTAIN')?.message).toContain(
      '总计空白则无从核对',
    );
  });

  it('a row of 0s a number short: which cell is blank cannot be told — said, not read as seven 0s', () => {
    const r = read(withRows({ granted: '0 0 0 0 0 0' }));
    expect(row(r, 'granted')).toEqual(UNREAD);
    expect(r.diagnostics.issues.find((i) => i.code === 'ROW_ALIGNMENT_UNCERTAIN')?.severity).toBe('error');
  });

  it('「30 24 24 29 181」, read only by cutting numbers (3 | 0 … 1 | 81): a warning that the columns cannot be sure, no cell read as certain', () => {
    // printed （空） | （空） | 30 | 24 | 24 | 29 | 181 (a row that does not add up): the cuts add up by chance
    const r = read(withRows({ granted: '30 24 24 29 181' }));
    const w = r.diagnostics.issues.find((i) => i.code === 'DIGITS_SPLIT');
    expect(w?.severity).toBe('warning');
    expect(w?.cells).toEqual(T3_KEYS.map((k) => `applications.granted.${k}`));
    expect(w?.message).toContain('也可能是空白单元格');
    for (const k of T3_KEYS)
      expect(r.diagnostics.cells[`applications.granted.${k}`]?.confidence, k).not.toBe('high');
  });

  it('seven numbers as printed are read as before; a row wrapped over two lines too', () => {
    const r = read(withRows({ granted: '12 3 0 0 1 0 16', partiallyGranted: '2 0 0 1\n0 0 3' }));
    expect(row(r, 'granted')).toEqual([12, 3, 0, 0, 1, 0, 16]);
    expect(row(r, 'partiallyGranted')).toEqual([2, 0, 0, 1, 0, 0, 3]);
    expect(
      r.diagnostics.issues.filter(
        (i) => i.severity !== 'info' && (i.cells ?? [i.cell]).some((c) => c?.startsWith('applications.')),
      ),
    ).toEqual([]);
  });

  it('a row wrapped over two lines and a number short: said, never half-read', () => {
    const r = read(withRows({ granted: '12 3 0\n0 1 16' }));
    expect(row(r, 'granted')).toEqual(UNREAD);
    expect(said(r, 'applications.granted.total').some((i) => i.severity === 'error')).toBe(true);
  });

  it('any whole 表三 apart by spaces, cells blank, typos, rows wrapped (fast-check): every cell as printed in its column, or named in a warning or error', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 - 2 }),
        fc.constantFrom(0, 0.1, 0.3),
        fc.array(fc.tuple(fc.constantFrom(...DATA_KEYS), fc.nat(20)), { maxLength: 5 }),
        (seed, missing, wraps) => {
          const printed = fullTable3(seeded(seed), { blank: 0.3, missing, typo: 0.1, max: 40 });
          const text = printedTable(printed, new Map(wraps));
          const r = read(text);
          for (const key of DATA_KEYS)
            T3_KEYS.forEach((col, i) => {
              const id = `applications.${key}.${col}`;
              const got = r.report.cells[id];
              const want = printed.get(key)![i];
              if (got?.value === want) return;
              // read otherwise (or not at all): a warning or an error names the cell
              expect(said(r, id).length, `${id}: ${got?.value} ≠ ${want}\n${text}`).toBeGreaterThan(0);
              // a number read into a cell printed otherwise is never said only as info or as certain
              if (got !== undefined && got.value !== null)
                expect(got.origin === 'inferred' || r.diagnostics.cells[id]?.confidence !== 'high', id).toBe(
                  true,
                );
            });
        },
      ),
      { numRuns: 80 },
    );
  });

  it('one row a number short in a table otherwise whole: the column sums place its numbers, said (DIGITS_SPLIT_CHOSEN), the blank left unread', () => {
    // 予以公开 leaves a 0 between two other numbers blank: its parts add up with the blank in any of
    // its 6 places; the column sums (（七）总计, 一 + 二 = （七） + 四) hold only with each number in its column
    let seed = 1;
    let printed = fullTable3(seeded(seed), { blank: 0, missing: 0, typo: 0, max: 40 });
    const zeroAt = (g: (number | null)[]) =>
      [1, 2, 3, 4].find((j) => g[j] === 0 && g[j - 1]! > 0 && g[j + 1]! > 0 && g[j - 1] !== g[j + 1]);
    while (zeroAt(printed.get('granted')!) === undefined)
      printed = fullTable3(seeded(++seed), { blank: 0, missing: 0, typo: 0, max: 40 });
    const at = zeroAt(printed.get('granted')!)!;
    const want = printed.get('granted')!.map((v, i) => (i === at ? undefined : v));
    printed.set(
      'granted',
      printed.get('granted')!.map((v, i) => (i === at ? null : v)),
    );
    const r = read(printedTable(printed));
    expect(row(r, 'granted')).toEqual(want);
    const w = r.diagnostics.issues.find((i) => i.code === 'DIGITS_SPLIT_CHOSEN');
    expect(w?.severity).toBe('warning');
    expect(w?.cells).toContain(`applications.granted.${T3_KEYS[at]}`);
    expect(r.diagnostics.cells['applications.granted.otherOrg']?.confidence).toBe('low');
    expect(
      r.diagnostics.issues.find(
        (i) => i.cells?.includes(`applications.granted.${T3_KEYS[at]}`) && i.code === 'CELLS_NOT_FOUND',
      )?.severity,
    ).toBe('warning');
  });

  it('the same tables with every cell printed: read whole, nothing said in error', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 2 }), (seed) => {
        const printed = fullTable3(seeded(seed), { blank: 0, missing: 0, typo: 0, max: 40 });
        const r = read(printedTable(printed));
        for (const key of DATA_KEYS) expect(row(r, key)).toEqual(printed.get(key));
        expect(r.diagnostics.issues.filter((i) => i.code === 'ROW_ALIGNMENT_UNCERTAIN')).toEqual([]);
      }),
      { numRuns: 30 },
    );
  });
});

/** 表四 printed as PDF-to-text without TABs prints it: its header words and 15 numbers apart by spaces. */
function t4Report(numbers: string): string {
  return [
    '某某县人民政府2024年政府信息公开工作年度报告',
    '一、总体情况',
    '本年度工作情况。',
    '四、政府信息公开行政复议、行政诉讼情况',
    '行政复议 行政诉讼',
    '结果维持 结果纠正 其他结果 尚未审结 总计 未经复议直接起诉 复议后起诉',
    '结果维持 结果纠正 其他结果 尚未审结 总计 结果维持 结果纠正 其他结果 尚未审结 总计',
    numbers,
    '五、存在的主要问题及改进情况',
    '无。',
  ].join('\n');
}
const t4 = (r: ReturnType<typeof read>) =>
  Object.entries(r.report.cells)
    .filter(([k]) => k.startsWith('reviewLitigation.'))
    .map(([, c]) => c.value);

describe('表四 apart by spaces, a number short', () => {
  it('「5 3 0 7 0 …」 (行政复议 printed 5 | （空） | 3 | 0 | 7, not adding up): never 7 in 尚未审结 and a 总计 15 inferred', () => {
    const r = read(t4Report('5 3 0 7 0 0 0 0 0 0 0 0 0 0'));
    expect(t4(r)).toEqual([]);
    const e = r.diagnostics.issues.find((i) => i.code === 'ROW_ALIGNMENT_UNCERTAIN');
    expect(e?.severity).toBe('error');
    expect(e?.cells).toContain('reviewLitigation.review.pending');
    expect(r.diagnostics.issues.some((i) => i.code === 'CELL_INFERRED')).toBe(false);
  });

  it('all 15 printed: read as printed', () => {
    const r = read(t4Report('2 1 0 1 4 0 0 0 0 0 1 0 0 0 1'));
    expect(t4(r)).toEqual([2, 1, 0, 1, 4, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1]);
  });
});
