/**
 * PDF layouts of narrow 表三 columns that were read wrong or not at all: a row label run together
 * with its first number (「（一）予以公开12」, a wrapped label's last line with the number beside it,
 * a label as wide as its cell), numbers wrapped in cells set at the bottom of their rows, labels
 * wrapped over several lines under their numbers. The rule: every number is read as printed or
 * said unreadable — never another number (a fast-check property over whole random tables).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Item, layoutItems } from './pdf.js';
import {
  DATA_KEYS,
  type FullTableOptions,
  fullTable3,
  fullTableItems,
  seeded,
} from './test-support/full-table3.js';
import { LAYOUT, NEW, OVER, read, SECOND, saidOn, values, wholeTable } from './test-support/pdf-read.js';
import { T3_KEYS } from './test-support/table3.js';
import { wrappedTableItems } from './test-support/wrapped-table.js';

const FULL = [0, 3306389, 0, 0, 0, 0, 3306389];

describe('a row label run together with its first number', () => {
  const row = [12, 0, 0, 3306389, 0, 0, 3306401];
  it('「一、本年新收政府信息公开申请数量12」 as one text item: the number is read in its column', () => {
    const r = read(
      wrappedTableItems({
        ...LAYOUT,
        rows: [
          { label: NEW, values: row, glue: true },
          { label: OVER, values: SECOND },
        ],
      }),
    );
    expect(values(r, 'newReceived')).toEqual(row);
    expect(values(r, 'carriedOver')).toEqual(SECOND);
    expect(saidOn(r, 'applications.newReceived.naturalPerson', 'error')).toEqual([]);
  });

  it('… its number wrapped in its cell (「…数量3,793,」 over 「123」): joined, the row adds up', () => {
    const first = [3793123, 9307008, 0, 0, 0, 0, 13100131];
    const r = read(
      wrappedTableItems({
        ...LAYOUT,
        digits: 6,
        breakAtSeparator: true,
        rows: [
          { label: NEW, values: first, glue: true },
          { label: OVER, values: SECOND },
        ],
      }),
    );
    expect(values(r, 'newReceived')).toEqual(first);
  });

  it('a wrapped label whose last line carries the number (「申请数量12」, cells set at the bottom)', () => {
    for (const valign of ['bottom', 'middle', 'top'] as const) {
      const r = read(
        wrappedTableItems({
          ...LAYOUT,
          valign,
          labelChars: 6,
          rows: [
            { label: NEW, values: row, glue: true },
            { label: OVER, values: SECOND, glue: true },
          ],
        }),
      );
      expect(values(r, 'newReceived'), valign).toEqual(row);
      expect(values(r, 'carriedOver'), valign).toEqual(SECOND);
    }
  });

  it('text ending in digits that is no row label, or not over a column of numbers, stays whole', () => {
    const t = (str: string, x: number, y: number, w = str.length * 9): Item => ({
      str,
      x,
      y,
      w,
      h: 9,
      page: 1,
    });
    const lines = layoutItems([
      t('本年度共收到政府信息公开申请12', 40, 700, 14 * 9 + 9),
      t('（一）予以公开12', 40, 680, 400),
      t('3', 600, 660, 4.5),
    ]);
    expect(lines.map((l) => l.cells.map((c) => c.text))).toEqual([
      ['本年度共收到政府信息公开申请12'],
      ['（一）予以公开12'],
      ['3'],
    ]);
  });
});

describe('layouts that were read wrong', () => {
  it('numbers wrapped in cells set at the bottom of their rows (first lines above the label): joined, not their last digits', () => {
    const first = [3793123, 9307008, 9832414, 4661231, 7114081, 1549577, 36257434];
    const r = read(
      wrappedTableItems({
        ...LAYOUT,
        valign: 'bottom',
        digits: 6,
        rows: [
          { label: NEW, values: first },
          { label: OVER, values: FULL },
        ],
      }),
    );
    expect(values(r, 'newReceived')).toEqual(first);
    expect(values(r, 'carriedOver')).toEqual(FULL);
  });

  it('a vertical group label beside the rows (「（三）」「不予公」「开」) does not carry the next row’s label into this one', () => {
    // (as Chromium prints 表三: the group label's last line shares a line with the next row's label)
    const t = (str: string, x: number, y: number, w = str.length * 10): Item => ({
      str,
      x,
      y,
      w,
      h: 10,
      page: 1,
    });
    const nums = (y: number, v: string[]) => v.map((n, j) => t(n, 258 + 40 * j, y, 5 * n.length));
    const lines = layoutItems([
      t('3.危及“三安全一稳', 149.7, 515.7),
      t('定”', 149.7, 503.7),
      ...nums(510.4, ['0', '0', '0', '0', '0', '0', '0']),
      t('（三）', 115.7, 490.9),
      t('4.保护第三方合法权益', 149.7, 487.2),
      ...nums(487.9, ['1', '0', '0', '0', '0', '0', '1']),
      t('不予公', 115.7, 478.2),
      t('开', 115.7, 466.2),
      t('5.属于三类内部事务', 149.7, 469.9),
      ...nums(464.7, ['0', '0', '0', '0', '0', '0', '0']),
      t('信息', 149.7, 457.9),
      t('6.属于四类过程性信', 149.7, 441.4),
      t('息', 149.7, 428.7),
      ...nums(435.4, ['0', '0', '0', '0', '0', '0', '0']),
    ]);
    const row4 = lines.find((l) => l.cells.some((c) => c.text.includes('4.保护')))!;
    expect(row4.cells.map((c) => c.text).join('')).not.toContain('5.属于');
    expect(row4.cells.filter((c) => /^\d$/.test(c.text)).map((c) => c.text)).toEqual([
      '1',
      '0',
      '0',
      '0',
      '0',
      '0',
      '1',
    ]);
    expect(lines.some((l) => l.cells.some((c) => c.text.startsWith('5.属于')))).toBe(true);
  });

  it('labels wrapped over several lines under the numbers set at the top, lines 1.47 high: each row keeps its own numbers', () => {
    const printed = wholeTable(3);
    const r = read(fullTableItems(printed, { ...LAYOUT, valign: 'top', pitch: 1.47, labelChars: 6 }));
    for (const k of DATA_KEYS) expect(values(r, k), k).toEqual(printed.get(k));
  });
});

describe('random whole tables (fast-check)', () => {
  it('numbers with separators wrapped at random widths, blanks, typos, labels wrapped or run into their numbers: every cell read exactly or said unreadable', () => {
    let wrappedRight = 0;
    let cells = 0;
    let right = 0;
    const options = fc.record({
      blank: fc.constantFrom(0, 0.3, 0.7),
      missing: fc.constantFrom(0, 0.03),
      typo: fc.constantFrom(0, 0.02),
      max: fc.constantFrom(30_000, 3_000_000, 30_000_000),
    });
    const layout = fc.record({
      digits: fc.integer({ min: 4, max: 12 }),
      valign: fc.constantFrom('middle' as const, 'top' as const, 'bottom' as const),
      breakAtSeparator: fc.boolean(),
      pitch: fc.double({ min: 1.1, max: 1.6, noNaN: true }),
      pad: fc.integer({ min: 1, max: 5 }),
      labelChars: fc.option(fc.integer({ min: 6, max: 15 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(
        fc.integer(),
        options,
        layout,
        fc.double({ min: 0, max: 0.6, noNaN: true }),
        (seed, o, l, glueShare) => {
          const rand = seeded(seed);
          const printed = fullTable3(rand, o as FullTableOptions);
          const glue = new Set(DATA_KEYS.filter(() => rand() < glueShare));
          const { labelChars, ...rest } = l;
          const r = read(fullTableItems(printed, { ...rest, ...(labelChars ? { labelChars } : {}) }, glue));
          for (const k of DATA_KEYS)
            printed.get(k)!.forEach((w, j) => {
              const id = `applications.${k}.${T3_KEYS[j]}`;
              const g = r.report.cells[id]?.value;
              cells++;
              if (g !== undefined && g === w) {
                right++;
                if (w !== null && w.toLocaleString('en-US').length > l.digits) wrappedRight++;
                return;
              }
              // not read as printed: never another number, and said on the cell
              expect(g ?? null, `${id}: printed ${w}, read ${g}`).toBeNull();
              if (g === null) expect(w, `${id}: printed ${w}, read blank`).toBeNull();
              else
                expect(saidOn(r, id).length, `${id}: printed ${w}, unread without a word`).toBeGreaterThan(0);
            });
        },
      ),
      { numRuns: Number(process.env.PROP_RUNS ?? 120) },
    );
    expect(wrappedRight).toBeGreaterThan(0);
    expect(right / cells).toBeGreaterThan(0.7);
  }, 120_000);
});
