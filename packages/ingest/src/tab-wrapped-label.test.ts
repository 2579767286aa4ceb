/**
 * 表三 in text extracted from a PDF or Word file with TABs between cells, a row label wrapped in its
 * cell: the numbers on the line of the label's first half (after it, with empty TAB fields for the
 * blank cells), the rest of the label on the next line —
 *   「（二）部分公开（区分处理的，只计这一情形，\t\t2\t\t0\t1\t0\t3」「不计其他情形）」.
 * Before, the label's rest under the numbers undid the row's TAB cells: the empty field of the blank
 * 自然人 was dropped as a merged label column, 2 read as 自然人's, every number one column to the
 * left, only 总计 said missing. Where the empty fields could be merged label columns or blanks and
 * the row's sums do not tell which, the row is now ROW_ALIGNMENT_UNCERTAIN, never read one way.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ingestSync } from './index.js';
import { DATA_KEYS, FULL_ROWS, fullTable3 } from './test-support/full-table3.js';
import { T3_KEYS, tabTable3Report } from './test-support/table3.js';

const PARTIAL = '（二）部分公开（区分处理的，只计这一情形，不计其他情形）';

const report = tabTable3Report;

/** 表三's first rows, one label column; `partial`: the lines of row （二）. */
function table(partial: string[]): string {
  return report([
    '一、本年新收政府信息公开申请数量\t3\t0\t0\t0\t0\t0\t3',
    '二、上年结转政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0',
    '三、本年度办理结果',
    '（一）予以公开\t1\t0\t0\t0\t0\t0\t1',
    ...partial,
    '（三）不予公开',
    '1.属于国家秘密\t0\t0\t0\t0\t0\t0\t0',
  ]);
}

const read = (text: string) => ingestSync(text, { kind: 'text' });
const row = (r: ReturnType<typeof read>, key: string) =>
  T3_KEYS.map((k) => r.report.cells[`applications.${key}.${k}`]?.value);
const issue = (r: ReturnType<typeof read>, code: string, key: string) =>
  r.diagnostics.issues.find(
    (i) => i.code === code && i.cells?.some((c) => c.startsWith(`applications.${key}.`)),
  );

/**
 * A whole 表三 printed from `seed` (blanks, missing cells, typos), and where each row of `cuts` has
 * its label wrapped: one of its cut points, chosen by the number beside it.
 */
function printedWrapped(seed: number, cuts: readonly (readonly [string, number])[]) {
  let s = seed;
  const rand = () => {
    s = (s * 48271) % 2147483647;
    return s / 2147483647;
  };
  const printed = fullTable3(rand, { blank: 0.3, missing: 0.15, typo: 0.1, max: 300 });
  const wrap = new Map<string, number>();
  for (const [key, i] of cuts) {
    const points = cutPoints(FULL_ROWS.find((r) => r.key === key)!.label);
    wrap.set(key, points[i % points.length]!);
  }
  return { printed, wrap };
}

describe('a 表三 row whose label wraps onto the line after its numbers (TAB fields)', () => {
  it('the brief’s row: each number in its column, the blanks in theirs', () => {
    const r = read(
      table(['（二）部分公开（区分处理的，只计这一情形，\t\t2\t\t0\t1\t0\t3', '不计其他情形）']),
    );
    expect(row(r, 'partiallyGranted')).toEqual([null, 2, null, 0, 1, 0, 3]);
    expect(issue(r, 'CELLS_NOT_FOUND', 'partiallyGranted')).toBeUndefined();
    expect(row(r, 'granted')).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(row(r, 'denied_stateSecret')).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });

  it('read as the same row printed unwrapped', () => {
    const unwrapped = read(table([`${PARTIAL}\t\t2\t\t0\t1\t0\t3`]));
    const wrapped = read(
      table(['（二）部分公开（区分处理的，只计这一情形，\t\t2\t\t0\t1\t0\t3', '不计其他情形）']),
    );
    expect(row(wrapped, 'partiallyGranted')).toEqual(row(unwrapped, 'partiallyGranted'));
  });

  it('an empty field more (a merged label column) and the row adding up: read with the blanks in place', () => {
    for (const lines of [
      ['（二）部分公开（区分处理的，只计这一情形，\t\t\t2\t\t0\t1\t0\t3', '不计其他情形）'],
      [`${PARTIAL}\t\t\t2\t\t0\t1\t0\t3`],
      // a TAB at the line's end too: the empty field at either end, the row's total tells which
      ['（二）部分公开（区分处理的，只计这一情形，\t\t2\t\t0\t1\t0\t3\t', '不计其他情形）'],
      [`${PARTIAL}\t\t2\t\t0\t1\t0\t3\t`],
    ]) {
      const r = read(table(lines));
      expect(row(r, 'partiallyGranted'), lines.join('⏎')).toEqual([null, 2, null, 0, 1, 0, 3]);
    }
  });

  it('empty fields that could be label columns or blanks, the sums not telling: said, not read', () => {
    for (const lines of [
      // a row of zeros: 自然人 blank, or the 总计 left out
      ['（二）部分公开（区分处理的，只计这一情形，\t\t\t0\t\t0\t0\t0\t0', '不计其他情形）'],
      // a row that does not add up either way (a typo)
      [`${PARTIAL}\t\t\t2\t\t0\t1\t0\t5`],
      // 自然人 blank and a TAB at the line's end, or a label column and 总计 blank
      [`${PARTIAL}\t\t0\t\t0\t0\t0\t0\t`],
    ]) {
      const r = read(table(lines));
      const said = issue(r, 'ROW_ALIGNMENT_UNCERTAIN', 'partiallyGranted');
      expect(said?.severity, lines.join('⏎')).toBe('error');
      expect(said?.message).toContain('读法1');
      expect(row(r, 'partiallyGranted')).toEqual(T3_KEYS.map(() => undefined));
    }
  });

  it('the first rows under the header, the last row, a label cut before its 「、」: each read in place', () => {
    const r = read(
      report([
        '一、本年新\t5\t\t0\t1\t0\t0\t6',
        '收政府信息公开申请数量',
        '二、上年结转\t0\t0\t0\t0\t0\t2\t2',
        '政府信息公开申请数量',
        '三、本年度办理结果',
        '（六）其他处理',
        '1.申请人无正当理由逾期不补正\t2\t\t0\t0\t0\t1\t3',
        '、行政机关不再处理其政府信息公开申请',
        '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请\t0\t0\t0\t0\t0\t0\t0',
        '四、结转下年度\t1\t\t0\t0\t0\t0\t1',
        '继续办理',
      ]),
    );
    expect(row(r, 'newReceived')).toEqual([5, null, 0, 1, 0, 0, 6]);
    expect(row(r, 'carriedOver')).toEqual([0, 0, 0, 0, 0, 2, 2]);
    expect(row(r, 'other_noCorrection')).toEqual([2, null, 0, 0, 0, 1, 3]);
    expect(row(r, 'other_feeUnpaid')).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(row(r, 'carriedForward')).toEqual([1, null, 0, 0, 0, 0, 1]);
    // the labels as printed, only wrapped: no 「不完全一致」
    expect(r.diagnostics.issues.filter((i) => i.code === 'LABEL_FUZZY')).toEqual([]);
  });

  it('a label’s rest of two characters: the label found as printed, not 「不完全一致」', () => {
    const r = read(
      report([
        '一、本年新收政府信息公开申请数量\t3\t0\t0\t0\t0\t0\t3',
        '三、本年度办理结果',
        '（三）不予公开',
        '1.属于国家\t\t2\t\t0\t1\t0\t3',
        '\t\t秘密',
        '2.其他法律行政法规\t0\t0\t0\t0\t0\t0\t0',
        '禁止公开',
      ]),
    );
    expect(row(r, 'denied_stateSecret')).toEqual([null, 2, null, 0, 1, 0, 3]);
    expect(row(r, 'denied_lawProhibited')).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(r.diagnostics.issues.filter((i) => i.code === 'LABEL_FUZZY')).toEqual([]);
  });

  it('a whole row above numbers printed before the next label: the row read, the numbers the next row’s where its sums hold', () => {
    const lines = (last: string) =>
      report([
        '一、本年新收政府信息公开申请数量\t3\t0\t0\t0\t0\t0\t3',
        '二、上年结转政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0',
        '三、本年度办理结果',
        '（一）予以公开\t1\t0\t0\t0\t0\t0\t1',
        `2\t0\t0\t1\t0\t0\t${last}`,
        PARTIAL,
        '（三）不予公开',
      ]);
    // it was ROW_EXTRA_VALUES (error), 「1 0 0 0 0 0 1 2 0 0 1 0 0 3」, the row left unread
    const r = read(lines('3'));
    expect(row(r, 'granted')).toEqual([1, 0, 0, 0, 0, 0, 1]);
    // then the numbers said as nobody's and the next row unread; now given to it (2 + 1 = 3), said
    expect(row(r, 'partiallyGranted')).toEqual([2, 0, 0, 1, 0, 0, 3]);
    expect(issue(r, 'ROW_VALUES_BEFORE_LABEL', 'partiallyGranted')?.message).toContain('「2 0 0 1 0 0 3」');
    // a total that is not the sum: said, unused, the next row unread
    const typo = read(lines('4'));
    expect(row(typo, 'granted')).toEqual([1, 0, 0, 0, 0, 0, 1]);
    const extra = typo.diagnostics.issues.find((i) => i.code === 'ROW_EXTRA_VALUES');
    expect(extra?.message).toContain('「2 0 0 1 0 0 4」');
    expect(row(typo, 'partiallyGranted')).toEqual(T3_KEYS.map(() => undefined));
    expect(issue(typo, 'ROW_VALUES_NOT_READ', 'partiallyGranted')?.severity).toBe('error');
  });

  it('the numbers on the line before the label: never read as another row’s', () => {
    const r = read(table(['\t\t2\t\t0\t1\t0\t3', PARTIAL]));
    expect(row(r, 'granted')).toEqual([1, 0, 0, 0, 0, 0, 1]);
    // said as numbers printed before the row's label, not as a 序号 column
    const said = r.diagnostics.issues.find(
      (i) => i.code === 'ROW_EXTRA_VALUES' || i.code === 'ROW_VALUES_BEFORE_LABEL',
    );
    expect(said?.message).toContain('「2 0 1 0 3」');
    expect(said?.message).not.toContain('序号');
    const p = row(r, 'partiallyGranted');
    if (p.some((v) => v !== undefined)) expect(p).toEqual([null, 2, null, 0, 1, 0, 3]);
    else expect(issue(r, 'ROW_VALUES_NOT_READ', 'partiallyGranted')?.severity).toBe('error');
  });
});

/** A whole 表三 of TAB fields, one label column; rows in `wrap` with the label cut after `at` characters. */
function tabTable(printed: Map<string, (number | null)[]>, wrap: Map<string, number>): string {
  const lines: string[] = [];
  for (const r of FULL_ROWS) {
    if (r.kind !== 'data') {
      lines.push(r.label);
      continue;
    }
    const cells = printed
      .get(r.key)!
      .map((v) => (v === null ? '' : String(v)))
      .join('\t');
    const at = wrap.get(r.key);
    if (at === undefined) lines.push(`${r.label}\t${cells}`);
    else lines.push(`${r.label.slice(0, at)}\t${cells}`, r.label.slice(at));
  }
  return report(lines);
}

/** Where a label can be cut: three characters of words before the cut (after 「1.」「（二）」), two after. */
function cutPoints(label: string): number[] {
  const body = label.replace(/^(?:\d+\.|（[一二三四五六七]）|[一二三四]、)/, '');
  const from = label.length - body.length + 3;
  const out: number[] = [];
  for (let at = from; at <= label.length - 2; at++) out.push(at);
  return out;
}

describe('whole 表三s of TAB fields with labels wrapped after their numbers (fast-check)', () => {
  it('every cell as printed, blanks in place', () => {
    const wrappable = FULL_ROWS.filter((r) => r.kind === 'data' && cutPoints(r.label).length > 0);
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 - 2 }),
        fc.array(
          fc.tuple(fc.constantFrom(...wrappable.map((r) => r.key)), fc.integer({ min: 0, max: 100 })),
          { maxLength: 8 },
        ),
        (seed, cuts) => {
          const { printed, wrap } = printedWrapped(seed, cuts);
          const text = tabTable(printed, wrap);
          const r = read(text);
          for (const key of DATA_KEYS)
            T3_KEYS.forEach((col, i) => {
              const id = `applications.${key}.${col}`;
              expect(r.report.cells[id]?.value, `${id}\n${text}`).toBe(printed.get(key)![i]);
            });
        },
      ),
      { numRuns: 60 },
    );
  });
});

const APPS_ROWS = FULL_ROWS;
const depth = (key: string): number => {
  const r = APPS_ROWS.find((x) => x.key === key)!;
  return r.parent === undefined ? 0 : 1 + depth(r.parent);
};

/**
 * 表三 as the seed's text (坑仔口镇, PDF-to-text with TABs) lays it out: a row label after one TAB per
 * level (「\t\t1.属于国家秘密\t0…」), the next row's label columns starting the next line; `after`:
 * the label's merged columns after it as empty fields too (「一、…\t\t\t0…」), `endTab`: a TAB at each
 * line's end.
 */
function seedLike(
  printed: Map<string, (number | null)[]>,
  wrap: Map<string, number>,
  o: { after: boolean; endTab: boolean },
): string {
  const lines: string[] = [];
  for (const r of FULL_ROWS) {
    const d = depth(r.key);
    const pre = '\t'.repeat(d);
    if (r.kind !== 'data') {
      lines.push(`${pre}${r.label}`);
      continue;
    }
    const post = o.after ? '\t'.repeat(2 - d) : '';
    const cells = printed
      .get(r.key)!
      .map((v) => (v === null ? '' : String(v)))
      .join('\t');
    const end = o.endTab ? '\t' : '';
    const at = wrap.get(r.key);
    if (at === undefined) lines.push(`${pre}${r.label}${post}\t${cells}${end}`);
    else lines.push(`${pre}${r.label.slice(0, at)}${post}\t${cells}${end}`, `${pre}${r.label.slice(at)}`);
  }
  return report(lines);
}

describe('whole 表三s laid out as the seed’s PDF-to-text (label columns as TABs), labels wrapped (fast-check)', () => {
  it('the numbers after one label column: every cell as printed', () => {
    const printed = fullTable3(() => 0.5, { blank: 0, missing: 0, typo: 0, max: 9 });
    printed.set('denied_stateSecret', [null, 2, null, 0, 1, 0, 3]);
    printed.set('denied_lawProhibited', [null, 0, 0, null, 0, 0, 0]);
    const r = read(seedLike(printed, new Map([['denied_stateSecret', 5]]), { after: false, endTab: false }));
    expect(row(r, 'denied_stateSecret')).toEqual([null, 2, null, 0, 1, 0, 3]);
    expect(row(r, 'denied_lawProhibited')).toEqual([null, 0, 0, null, 0, 0, 0]);
  });

  it('a row whose sums do not hold, 自然人 blank; a row blank at its end: no 总计 inferred, no number cut', () => {
    const printed = fullTable3(() => 0.5, { blank: 0, missing: 0, typo: 0, max: 9 });
    // 60 + 297 + 43 + 135 + 51 is 586: it was 60 as 自然人's and 总计 1171 「推算」
    printed.set('denied_threeSecurityOneStability', [null, 60, 297, 43, 135, 51, 585]);
    // it was 15 | 3 | 2 | 55 | 1 | 47 | 123 (DIGITS_SPLIT: 15 + 3 + 2 + 55 + 1 + 47 = 123)
    printed.set('notProcessed_confirmOrReissue', [153, 255, 147, 123, null, null, null]);
    const r = read(seedLike(printed, new Map(), { after: false, endTab: false }));
    expect(row(r, 'denied_threeSecurityOneStability')).toEqual([null, 60, 297, 43, 135, 51, 585]);
    expect(row(r, 'notProcessed_confirmOrReissue')).toEqual([153, 255, 147, 123, null, null, null]);
    expect(r.diagnostics.issues.some((i) => i.code === 'CELL_INFERRED' || i.code === 'DIGITS_SPLIT')).toBe(
      false,
    );
  });

  it('a TAB at each line’s end: a row blank only at its ends is read where its total tells, else said', () => {
    const printed = fullTable3(() => 0.5, { blank: 0, missing: 0, typo: 0, max: 9 });
    // 自然人 blank and the TAB at the end, or a label column and 总计 blank: 271 + … + 0 = 622 tells
    printed.set('notProcessed_massiveUnreasonable', [null, 271, 225, 119, 7, 0, 622]);
    // 617 (a typo): nothing tells — it was 271 as 自然人's and 总计 1239 「推算」
    printed.set('notProcessed_repeat', [null, 271, 225, 119, 7, 0, 617]);
    const r = read(seedLike(printed, new Map(), { after: false, endTab: true }));
    // (the empty field is the cell missing: 0 as the row's sums fix it, said as inferred)
    expect(row(r, 'notProcessed_massiveUnreasonable')).toEqual([0, 271, 225, 119, 7, 0, 622]);
    expect(r.report.cells['applications.notProcessed_massiveUnreasonable.naturalPerson']?.origin).toBe(
      'inferred',
    );
    expect(row(r, 'notProcessed_repeat')).toEqual(T3_KEYS.map(() => undefined));
    expect(issue(r, 'ROW_ALIGNMENT_UNCERTAIN', 'notProcessed_repeat')?.severity).toBe('error');
  });

  it('any such layout, blanks and typos anywhere: every cell as printed, or said — never another column’s', () => {
    const wrappable = FULL_ROWS.filter((r) => r.kind === 'data' && cutPoints(r.label).length > 0);
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 - 2 }),
        fc.array(
          fc.tuple(fc.constantFrom(...wrappable.map((r) => r.key)), fc.integer({ min: 0, max: 100 })),
          {
            maxLength: 6,
          },
        ),
        fc.boolean(),
        fc.boolean(),
        (seed, cuts, after, endTab) => {
          const { printed, wrap } = printedWrapped(seed, cuts);
          const text = seedLike(printed, wrap, { after, endTab });
          const r = read(text);
          const said = new Set(
            r.diagnostics.issues
              .filter((i) => i.severity !== 'info')
              .flatMap((i) => i.cells ?? (i.cell ? [i.cell] : [])),
          );
          for (const key of DATA_KEYS)
            T3_KEYS.forEach((col, i) => {
              const id = `applications.${key}.${col}`;
              const got = r.report.cells[id]?.value;
              const want = printed.get(key)![i];
              // a number inferred from the row's sums (a 总计 the text leaves out) is said as such
              if (got !== want)
                expect(
                  said.has(id) && (got === undefined || r.report.cells[id]?.origin === 'inferred'),
                  `${id}: ${got} ≠ ${want}\n${text}`,
                ).toBe(true);
            });
        },
      ),
      { numRuns: 60 },
    );
  });
});
