/**
 * 表三/表四 printed with TABs, a row with more TAB fields than columns (an empty one at each end):
 * 「一、本年新收政府信息公开申请数量⇥⇥2⇥1⇥0⇥0⇥0⇥3⇥」. Which end's empty field is a merged label
 * column or the line's trailing TAB cannot be seen; it decides the column of every printed number.
 * The one placement whose printed 总计 equals its parts is read (自然人 blank, 0 推算, 2 in 商业企业 …)
 * — before, only the inferred 自然人 was named (CELL_INFERRED), not that 2 | 1 | 0 | 0 | 0 | 3 were
 * placed by that choice. Now ROW_BLANKS_PLACED names each column with the printed number put in it
 * and the other placement, every cell so placed low confidence; no placement adding up stays
 * ROW_ALIGNMENT_UNCERTAIN (error), nothing filled in.
 *
 * The same for a row with an empty field between two numbers and empty ones at the end
 * (「⇥⇥0⇥⇥⇥1⇥⇥1⇥⇥」): it was read cell by cell with its first empty field taken for a merged label
 * column, every number one column left, nothing said. And placements that differ only in where a
 * printed 0 and a blank sit (「⇥⇥⇥0⇥⇥⇥⇥⇥」: 0 in 商业企业 or in 科研机构) are two readings, not one:
 * only a blank the row's sums fix (the seed's 「⇥⇥0⇥0⇥0⇥0⇥0⇥0⇥」, all 0 either way) counts as its number.
 */
import { getEdition } from '@nianbao/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ingestSync } from './index.js';
import { printedRow, T3_KEYS, type TotalKind, tabFields, tabTable3Report } from './test-support/table3.js';

function report(row: string): string {
  return tabTable3Report([
    row,
    '二、上年结转政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0',
    '三、本年度办理结果',
    '（一）予以公开\t1\t0\t0\t0\t0\t0\t1',
  ]);
}

const NEW = '一、本年新收政府信息公开申请数量';
const read = (row: string) => ingestSync(report(`${NEW}${row}`), { kind: 'text' });
const cellsOf = (r: ReturnType<typeof read>) =>
  T3_KEYS.map((k) => r.report.cells[`applications.newReceived.${k}`]?.value);
/** The row is ROW_ALIGNMENT_UNCERTAIN (an error naming its cells, listing `readings`), nothing filled in. */
function expectUncertain(r: ReturnType<typeof read>, readings: string[]): void {
  expect(cellsOf(r)).toEqual(T3_KEYS.map(() => undefined));
  const e = r.diagnostics.issues.find((i) => i.code === 'ROW_ALIGNMENT_UNCERTAIN');
  expect(e?.severity).toBe('error');
  expect(e?.cells).toEqual(T3_KEYS.map((k) => `applications.newReceived.${k}`));
  expect(e?.details?.readings).toEqual(readings);
}
const rowIssues = (r: ReturnType<typeof read>) =>
  r.diagnostics.issues.filter((i) =>
    [...(i.cells ?? []), ...(i.cell ? [i.cell] : [])].some((c) => c.startsWith('applications.newReceived.')),
  );

describe('表三 TAB row with an empty field at each end: the placement chosen by the sum is named', () => {
  it('「⇥⇥2⇥1⇥0⇥0⇥0⇥3⇥」: every column named with the printed number put in it, low confidence', () => {
    const r = read('\t\t2\t1\t0\t0\t0\t3\t');
    expect(cellsOf(r)).toEqual([0, 2, 1, 0, 0, 0, 3]);
    const placed = r.diagnostics.issues.find((i) => i.code === 'ROW_BLANKS_PLACED');
    expect(placed?.severity).toBe('warning');
    expect(placed?.cells).toEqual(T3_KEYS.map((k) => `applications.newReceived.${k}`));
    const m = placed?.message ?? '';
    expect(m).toContain(`表三「${NEW}」`);
    expect(m).toContain('本行总计等于各列之和');
    expect(m).toContain('自然人 =（空，推算为 0）');
    for (const [col, v] of [
      ['商业企业', 2],
      ['科研机构', 1],
      ['总计', 3],
    ] as const)
      expect(m).toContain(`${col} = ${v}`);
    expect(m).toContain('2 | 1 | 0 | 0 | 0 | 3 | （空）'); // the other placement
    for (const k of T3_KEYS) {
      const src = r.diagnostics.cells[`applications.newReceived.${k}`];
      expect(src?.confidence, k).toBe('low');
    }
    expect(placed?.details?.placement).toEqual([null, '2', '1', '0', '0', '0', '3']);
  });
  it('no placement adds up (「⇥⇥2⇥1⇥0⇥0⇥0⇥4⇥」): ROW_ALIGNMENT_UNCERTAIN, nothing filled in', () => {
    const r = read('\t\t2\t1\t0\t0\t0\t4\t');
    expect(cellsOf(r).every((v) => v === undefined)).toBe(true);
    expect(r.diagnostics.issues.find((i) => i.code === 'ROW_ALIGNMENT_UNCERTAIN')?.severity).toBe('error');
  });
});

describe('表三 TAB rows ending in empty fields, an empty one between two numbers', () => {
  const CELLS = T3_KEYS.map((k) => `applications.newReceived.${k}`);
  it('「⇥⇥0⇥⇥⇥1⇥⇥1⇥⇥」: the placement whose 总计 adds up, named; before, every number one column left', () => {
    // before: 0 | （空） | （空） | 1 | （空） | 1 | （空） at high confidence, nothing said — the empty
    // field after the label taken for a merged label column, the two at the end for TABs
    const r = read('\t\t0\t\t\t1\t\t1\t\t');
    expect(cellsOf(r)).toEqual([null, 0, null, null, 1, null, 1]);
    const placed = r.diagnostics.issues.find((i) => i.code === 'ROW_BLANKS_PLACED');
    expect(placed?.severity).toBe('warning');
    expect(placed?.cells).toEqual(CELLS);
    expect(placed?.details?.placement).toEqual([null, '0', null, null, '1', null, '1']);
    expect(placed?.message).toContain('自然人 =（空），商业企业 = 0，科研机构 =（空）');
    expect(placed?.message).toContain('法律服务机构 = 1，其他 =（空），总计 = 1');
    expect(placed?.message).toContain('0 | （空） | （空） | 1 | （空） | 1 | （空）'); // the other placement
    for (const id of CELLS) expect(r.diagnostics.cells[id]?.confidence, id).toBe('low');
    expect(r.diagnostics.issues.some((i) => i.code === 'ROW_ALIGNMENT_UNCERTAIN')).toBe(false);
  });
  // before: 科研机构 0, the other cells blank — and 自然人 0, 其他 1, 总计 blank — at high
  // confidence, nothing said
  it.each([
    [
      '「⇥⇥⇥0⇥⇥⇥⇥⇥」 (总计 blank): 0 in 商业企业 or in 科研机构',
      '\t\t\t0\t\t\t\t\t',
      [
        '（空） | （空） | 0 | （空） | （空） | （空） | （空）',
        '（空） | 0 | （空） | （空） | （空） | （空） | （空）',
      ],
    ],
    [
      "「⇥⇥0⇥⇥⇥⇥⇥1⇥⇥」 (总计 1, not its parts' 0, or blank)",
      '\t\t0\t\t\t\t\t1\t\t',
      [
        '（空） | 0 | （空） | （空） | （空） | （空） | 1',
        '0 | （空） | （空） | （空） | （空） | 1 | （空）',
      ],
    ],
  ])('%s — ROW_ALIGNMENT_UNCERTAIN, nothing filled in', (_, row, readings) => {
    const r = read(row);
    expectUncertain(r, readings);
    expect(r.diagnostics.issues.some((i) => i.code === 'ROW_BLANKS_PLACED')).toBe(false);
  });
  it('「⇥0⇥⇥⇥⇥⇥1⇥⇥」: the 0 right after the label, one placement only — read as printed', () => {
    const r = read('\t0\t\t\t\t\t1\t\t');
    expect(cellsOf(r)).toEqual([0, null, null, null, null, 1, null]);
    expect(
      r.diagnostics.issues.filter((i) => ['ROW_BLANKS_PLACED', 'ROW_ALIGNMENT_UNCERTAIN'].includes(i.code)),
    ).toEqual([]);
  });
  it("the seed's 「⇥⇥0⇥0⇥0⇥0⇥0⇥0⇥」: all 0 whichever end the blank is (its sums fix it), read, 总计 推算", () => {
    const r = read('\t\t0\t0\t0\t0\t0\t0\t');
    expect(cellsOf(r)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(rowIssues(r).filter((i) => i.severity === 'error')).toEqual([]);
    expect(r.diagnostics.issues.find((i) => i.code === 'CELL_INFERRED')?.cells).toEqual([
      'applications.newReceived.total',
    ]);
  });
});

describe('any 表三 row printed with TABs and blanks (fast-check)', () => {
  it('every cell read is at its printed position, or named in a warning/error, not high confidence', () => {
    // (0 and 1 often: rows of 0s, and 0s that could sit in more than one column)
    const num = fc.oneof(fc.constantFrom(0, 1), fc.integer({ min: 0, max: 40 }));
    const cell = fc.option(num, { nil: null, freq: 3 });
    fc.assert(
      fc.property(
        fc.array(cell, { minLength: 6, maxLength: 6 }),
        // 总计 printed as the parts' sum, blank, 0, or another number (a typo, a sum gone wrong)
        fc.constantFrom<TotalKind>('sum', 'blank', 'zero', 'other'),
        fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 200 })),
        fc.integer({ min: 0, max: 2 }), // empty label columns after the label
        fc.integer({ min: 0, max: 3 }), // TABs at the line's end
        (parts, kind, other, lead, trail) => {
          const { printed, fixed } = printedRow(parts, kind, other);
          fc.pre(printed.some((v) => v !== null));
          const fields = tabFields(printed, lead, trail);
          const r = read(`\t${fields.join('\t')}`);
          const got = cellsOf(r);
          // (fixed: the row's one blank as the number its sums fix it to — see printedRow)
          const issues = rowIssues(r).filter((i) => i.severity !== 'info');
          for (const [i, k] of T3_KEYS.entries()) {
            const id = `applications.newReceived.${k}`;
            if (got[i] === undefined || got[i] === printed[i] || got[i] === fixed[i]) continue;
            const named = issues.filter((x) => x.cells?.includes(id) || x.cell === id);
            expect(
              named.length,
              `${id} ${got[i]} (printed ${printed[i]}): ⇥${fields.join('⇥')}`,
            ).toBeGreaterThan(0);
            expect(r.diagnostics.cells[id]?.confidence, id).not.toBe('high');
            const placed = named.find((x) => x.code === 'ROW_BLANKS_PLACED');
            // where the number read came from: the printed text put in the column, or 推算
            if (placed) {
              const from = (placed.details?.placement as (string | null)[] | undefined)?.[i];
              if (from !== undefined)
                expect(from === null ? null : Number(from)).toBe(
                  r.diagnostics.cells[id]?.method === 'inferred' ? null : got[i],
                );
            } else expect(named.some((x) => x.message.includes('推算'))).toBe(true);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('表四 TAB rows', () => {
  const t4 = (rows: string[]) =>
    ingestSync(
      [
        '某某县人民政府2022年政府信息公开工作年度报告',
        '一、总体情况',
        '本年度工作情况。',
        '四、政府信息公开行政复议、行政诉讼情况',
        '类别\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计',
        ...rows,
        '五、存在的主要问题及改进情况',
        '无。',
      ].join('\n'),
      { kind: 'text' },
    );
  const REVIEW = getEdition('2021').tables.reviewLitigation.columns.map(
    (c) => `reviewLitigation.review.${c.key}`,
  );
  it('「行政复议⇥⇥1⇥0⇥1⇥2⇥」: the placement chosen by 各组总计 named, each column, low confidence', () => {
    const r = t4([
      '行政复议\t\t1\t0\t1\t2\t',
      '未经复议直接起诉\t1\t0\t0\t0\t1',
      '复议后起诉\t0\t0\t0\t0\t0',
    ]);
    expect(REVIEW.map((id) => r.report.cells[id]?.value)).toEqual([0, 1, 0, 1, 2]);
    const placed = r.diagnostics.issues.find((i) => i.code === 'ROW_BLANKS_PLACED');
    expect(placed?.severity).toBe('warning');
    expect(placed?.message).toContain('表四「行政复议」');
    expect(placed?.message).toContain('各组总计等于其各列之和');
    expect(placed?.message).toContain(
      '结果维持 =（空，推算为 0），结果纠正 = 1，其他结果 = 0，尚未审结 = 1，总计 = 2',
    );
    expect(placed?.message).toContain('1 | 0 | 1 | 2 | （空）');
    for (const id of REVIEW) expect(r.diagnostics.cells[id]?.confidence, id).toBe('low');
  });
  it('「行政复议⇥⇥1⇥0⇥1⇥3⇥」 (no placement adds up): ROW_ALIGNMENT_UNCERTAIN, nothing filled in', () => {
    const r = t4([
      '行政复议\t\t1\t0\t1\t3\t',
      '未经复议直接起诉\t1\t0\t0\t0\t1',
      '复议后起诉\t0\t0\t0\t0\t0',
    ]);
    expect(REVIEW.map((id) => r.report.cells[id]?.value)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    const e = r.diagnostics.issues.find((i) => i.code === 'ROW_ALIGNMENT_UNCERTAIN');
    expect(e?.severity).toBe('error');
    expect(e?.cells).toEqual(REVIEW);
  });
  it('「行政复议⇥0⇥⇥⇥⇥0⇥⇥⇥」 (3 TABs at the end): read as printed, 0 in 结果维持 and in 总计', () => {
    // before: the row of 8 fields was taken for no group's row and 表四 read as 15 numbers in order:
    // 结果纠正 0, the other cells blank — 结果维持's 0 one column right, 总计's gone — nothing said
    const r = t4([
      '行政复议\t0\t\t\t\t0\t\t\t',
      '未经复议直接起诉\t1\t0\t0\t0\t1',
      '复议后起诉\t0\t0\t0\t0\t0',
    ]);
    expect(REVIEW.map((id) => r.report.cells[id]?.value)).toEqual([0, null, null, null, 0]);
    const said = r.diagnostics.issues.filter(
      (i) =>
        i.severity !== 'info' && [...(i.cells ?? []), i.cell].some((c) => c?.startsWith('reviewLitigation.')),
    );
    expect(said).toEqual([]);
    for (const id of [REVIEW[0]!, REVIEW[4]!]) expect(r.diagnostics.cells[id]?.raw, id).toBe('0');
  });
  it('「行政复议⇥⇥⇥2⇥0⇥0⇥0⇥⇥」 (总计 0 or blank): ROW_ALIGNMENT_UNCERTAIN, nothing filled in', () => {
    // before: 2 | 0 | 0 | 0 | 2 (推算), only 总计 named — 结果维持 2 at high confidence
    const r = t4([
      '行政复议\t\t\t2\t0\t0\t0\t\t',
      '未经复议直接起诉\t1\t0\t0\t0\t1',
      '复议后起诉\t0\t0\t0\t0\t0',
    ]);
    expect(REVIEW.map((id) => r.report.cells[id]?.value)).toEqual(REVIEW.map(() => undefined));
    const e = r.diagnostics.issues.find((i) => i.code === 'ROW_ALIGNMENT_UNCERTAIN');
    expect(e?.severity).toBe('error');
    expect(e?.cells).toEqual(REVIEW);
    expect(e?.details?.readings).toEqual(['（空） | 2 | 0 | 0 | 0', '2 | 0 | 0 | 0 | （空）']);
  });
  it('any 行政复议 row with TABs and blanks, 总计 any (fast-check): each cell as printed, or named', () => {
    const num = fc.oneof(fc.constantFrom(0, 1), fc.integer({ min: 0, max: 40 }));
    const cell = fc.option(num, { nil: null, freq: 3 });
    fc.assert(
      fc.property(
        fc.array(cell, { minLength: 4, maxLength: 4 }),
        fc.constantFrom<TotalKind>('sum', 'blank', 'zero', 'other'),
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 0, max: 2 }), // empty label columns after the label
        fc.integer({ min: 0, max: 3 }), // TABs at the line's end
        (parts, kind, other, lead, trail) => {
          const { printed, fixed } = printedRow(parts, kind, other);
          fc.pre(printed.some((v) => v !== null));
          const fields = tabFields(printed, lead, trail);
          const r = t4([
            `行政复议\t${fields.join('\t')}`,
            '未经复议直接起诉\t1\t0\t0\t0\t1',
            '复议后起诉\t0\t0\t0\t0\t0',
          ]);
          // (a row's one blank is the number its sums fix it to, as in 表三)
          const issues = r.diagnostics.issues.filter((i) => i.severity !== 'info');
          for (const [i, id] of REVIEW.entries()) {
            const got = r.report.cells[id]?.value;
            if (got === undefined || got === printed[i] || got === fixed[i]) continue;
            const named = issues.filter((x) => x.cells?.includes(id) || x.cell === id);
            expect(
              named.length,
              `${id} ${got} (printed ${printed[i]}): 行政复议⇥${fields.join('⇥')}`,
            ).toBeGreaterThan(0);
            expect(r.diagnostics.cells[id]?.confidence, id).not.toBe('high');
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
