import { describe, expect, it } from 'vitest';
import { classifyValue, fitRow, type RowIdentity, type ValueTok } from './values.js';

const toks = (...raw: string[]): ValueTok[] => raw.map((r, i) => classifyValue(r, i * 10, false));
const T3: RowIdentity[] = [{ total: 6, parts: [0, 1, 2, 3, 4, 5] }];
const values = (c: ({ value: number | null } | undefined)[]) => c.map((x) => (x ? x.value : undefined));

describe('classifyValue: printed forms', { timeout: 60_000 }, () => {
  it.each([
    ['0', 0, undefined, false],
    ['20', 20, undefined, false],
    ['+19', 19, undefined, true],
    ['-2', -2, undefined, false],
    ['－2', -2, undefined, true],
    ['增1423', 1423, undefined, true],
    ['减3', -3, undefined, true],
    ['240万元', 240, '万元', true],
    ['17.27万元', 17.27, '万元', true],
    ['251000元', 251000, '元', true],
    ['１２', 12, undefined, true],
    ['1,234', 1234, undefined, true],
    ['153103.83', 153103.83, undefined, false],
    // 本年增/减 in words or arrows, a count with its unit, a footnote mark — never digits of the number
    ['增加2', 2, undefined, true],
    ['减少2', -2, undefined, true],
    ['↓2', -2, undefined, true],
    ['821件', 821, undefined, true],
    ['167¹', 167, undefined, true],
    ['167①', 167, undefined, true],
    ['821注1', 821, undefined, true],
    ['23*', 23, undefined, true],
    ['2\u200b3', 23, undefined, true],
  ])('%s → %s', (raw, value, unit, normalised) => {
    const t = classifyValue(raw, 0, false);
    expect(t.kind).toBe('num');
    expect(t.value).toBe(value);
    expect(t.unit).toBe(unit);
    expect(Boolean(t.normalised)).toBe(normalised);
    expect(t.raw).toBe(raw);
  });

  it.each(['—', '——', '-', '/', '／', '无'])('%s is a printed blank', (raw) => {
    expect(classifyValue(raw, 0, false)).toMatchObject({ kind: 'blank', raw });
  });

  it('empty and text are not numbers', () => {
    expect(classifyValue('  ', 0, true).kind).toBe('empty');
    expect(classifyValue('数据1', 0, true).kind).toBe('text');
    expect(classifyValue('---', 0, true).kind).toBe('text');
  });
});

describe('fitRow: values to columns, never guessing silently', { timeout: 60_000 }, () => {
  it('takes n values as printed, even when they break the identity (validate finds that)', () => {
    const f = fitRow(toks('1', '2', '0', '0', '0', '0', '9'), 7, T3);
    expect(f.mode).toBe('direct');
    expect(values(f.candidates[0]!)).toEqual([1, 2, 0, 0, 0, 0, 9]);
  });

  it('splits a run of digits when exactly one split fits the row identity', () => {
    const f = fitRow(toks('640020470'), 7, T3);
    expect(f.mode).toBe('split');
    expect(f.candidates).toHaveLength(1);
    expect(values(f.candidates[0]!)).toEqual([64, 0, 0, 2, 0, 4, 70]);
    expect(f.candidates[0]!.every((c) => c?.method === 'split')).toBe(true);
  });

  it('returns every split that fits when more than one does', () => {
    const f = fitRow(toks('220000325'), 7, T3);
    expect(f.candidates.map(values)).toEqual(
      expect.arrayContaining([
        [22, 0, 0, 0, 0, 3, 25],
        [2, 20, 0, 0, 0, 3, 25],
      ]),
    );
    expect(f.candidates.length).toBeGreaterThan(1);
  });

  it('without an identity a run of digits is ambiguous (行政规范性文件6233440)', () => {
    const f = fitRow(toks('6233440'), 3, []);
    expect(f.candidates.length).toBeGreaterThan(1);
    expect(f.candidates.map(values)).toContainEqual([62, 3, 3440]);
    expect(f.candidates.map(values)).toContainEqual([623, 344, 0]);
  });

  it('never splits "20" into 2 and 0 when the columns are satisfied', () => {
    const f = fitRow(toks('20', '0', '0', '0', '0', '0', '20'), 7, T3);
    expect(values(f.candidates[0]!)).toEqual([20, 0, 0, 0, 0, 0, 20]);
  });

  it('infers a dropped cell from the row identity, wherever it was, when the value is the same', () => {
    const f = fitRow(toks('0', '0', '0', '0', '0', '0'), 7, T3);
    expect(f.mode).toBe('inferred');
    expect(f.candidates).toHaveLength(1);
    expect(values(f.candidates[0]!)).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });

  it('a dropped cell whose position matters gives several candidates', () => {
    const f = fitRow(toks('3', '1', '0', '0', '0', '4'), 7, T3);
    // the missing cell could be any of the five zero-or-other positions: not unique
    expect(f.candidates.length).toBeGreaterThan(1);
    for (const c of f.candidates) {
      const v = values(c) as number[];
      expect(v[6]).toBe(v.slice(0, 6).reduce((a, b) => a + b, 0));
    }
  });

  it('a row cut off by the end of the text is read by position, the rest left out', () => {
    const f = fitRow(toks('0', '0', '0', '0'), 7, T3, { cutOff: true });
    expect(f.mode).toBe('positional');
    expect(values(f.candidates[0]!)).toEqual([0, 0, 0, 0, undefined, undefined, undefined]);
  });

  it('explicit empty cells are printed blanks (value null), not zeros', () => {
    const t = ['', '3', ''].map((r, i) => classifyValue(r, i, true));
    const f = fitRow(t, 3, [], { explicit: true });
    expect(values(f.candidates[0]!)).toEqual([null, 3, null]);
  });
});

describe('fitRow: printed cells are never re-cut or re-placed to invent a number', {
  timeout: 60_000,
}, () => {
  const cells = (...raw: string[]): ValueTok[] => raw.map((r, i) => classifyValue(r, i * 10, true));

  it('one short, and a split of 「20」 fits as well as an inferred 总计: both are candidates', () => {
    const f = fitRow(cells('63', '0', '0', '20', '4', '69'), 7, T3, { explicit: true });
    expect(f.mode).toBe('mixed');
    expect(f.candidates.map(values)).toEqual(
      expect.arrayContaining([
        [63, 0, 0, 2, 0, 4, 69],
        [63, 0, 0, 20, 4, 69, 156],
      ]),
    );
    expect(f.printed).toBe('63 | 0 | 0 | 20 | 4 | 69');
  });

  it('two cells short: nothing is inferred', () => {
    const f = fitRow(toks('3', '0', '0', '0', '3'), 7, T3);
    expect(f.candidates.every((c) => c.every((x) => x?.method !== 'inferred'))).toBe(true);
  });

  it('a cell printing text holds its column; the other cells are not cut apart', () => {
    const f = fitRow(cells('69', '3', '约665'), 3, [], { explicit: true });
    expect(f.candidates).toHaveLength(1);
    expect(f.candidates[0]!.map((c) => [c?.value, c?.method])).toEqual([
      [69, 'direct'],
      [3, 'direct'],
      [null, 'unreadable'],
    ]);
  });

  it('an unreadable 总计 whose printed digits agree with the row sum is inferred with its raw text', () => {
    const f = fitRow(cells('27', '0', '0', '2', '0', '1', '3O'), 7, T3, { explicit: true });
    expect(f.candidates[0]![6]).toMatchObject({ value: 30, method: 'inferred', raw: '3O' });
  });

  it('an extra value in the middle: the one removal that makes the row sum hold', () => {
    const f = fitRow(cells('6', '0', '0', '9', '0', '0', '0', '6'), 7, T3, { explicit: true });
    expect(f.mode).toBe('dropped');
    expect(f.candidates.map(values)).toEqual([[6, 0, 0, 0, 0, 0, 6]]);
    expect(f.extra?.map((t) => t.raw)).toEqual(['9']);
  });

  it('an extra value with no row sum: nothing read', () => {
    const f = fitRow(cells('69', '3', '665', '12'), 3, [], { explicit: true });
    expect(f.mode).toBe('extra');
    expect(f.candidates).toEqual([]);
  });

  it('「6 4」 is one number, marked as printed with a space', () => {
    const t = classifyValue('6 4', 0, true);
    expect(t).toMatchObject({ kind: 'num', value: 64, spaced: ['6', '4'] });
  });
});
