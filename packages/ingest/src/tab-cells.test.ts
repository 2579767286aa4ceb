/**
 * Tab-separated text (a paste from Excel or WPS): tabs are cell boundaries. Before, an empty first
 * cell was dropped when the row had another blank (「\t\t2\t\t0\t3\t4\t9」 → 2 blank 0 3 4 9, 总计
 * missing), a row with only a leading blank was cut into digits (DIGITS_SPLIT_AMBIGUOUS on all 7
 * cells), and a cell printed 「约5」 was thrown away with the row closing up over it (社会公益组织 = 3,
 * 法律服务机构 = 4, 其他 = 9, 总计 = 24 inferred) — also in space-separated text (QA report
 * qa-ingest2, items 4, 6, 11b).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ingestSync } from './index.js';
import { T3_KEYS as KEYS } from './test-support/table3.js';

const ROW = '一、本年新收政府信息公开申请数量';

function report(row: string): string {
  return [
    '某某县人民政府2024年政府信息公开工作年度报告',
    '一、总体情况',
    '本年度工作情况。',
    '三、收到和处理政府信息公开申请情况',
    '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计',
    row,
    '二、上年结转政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1',
    '四、政府信息公开行政复议、行政诉讼情况',
    '五、存在的主要问题及改进情况',
    '无。',
  ].join('\n');
}

const read = (row: string) => ingestSync(report(row), { kind: 'text' });
const values = (r: ReturnType<typeof ingestSync>) =>
  KEYS.map((k) => r.report.cells[`applications.newReceived.${k}`]?.value);
const id = (k: string) => `applications.newReceived.${k}`;

describe('tab-separated rows: tabs are cell boundaries', () => {
  it.each([
    ['a blank first cell and another blank', `${ROW}\t\t2\t\t0\t3\t4\t9`, [null, 2, null, 0, 3, 4, 9]],
    ['a blank first cell only', `${ROW}\t\t2\t1\t0\t3\t4\t10`, [null, 2, 1, 0, 3, 4, 10]],
    ['blank first and last cells', `${ROW}\t\t2\t1\t0\t3\t4\t`, [null, 2, 1, 0, 3, 4, null]],
    ['a blank 总计 (the line ends with a tab)', `${ROW}\t5\t2\t1\t0\t3\t4\t`, [5, 2, 1, 0, 3, 4, null]],
  ])('%s: each blank in its place', (_name, row, expected) => {
    const r = read(row);
    expect(values(r)).toEqual(expected);
    expect(r.diagnostics.issues.some((i) => i.code === 'CELL_INFERRED')).toBe(false);
  });

  it.each(['约5', '5+', '(5)'])(
    '「%s」 in a row that does not add up: unreadable in its place, the others in theirs',
    (cell) => {
      const r = read(`${ROW}\t5\t2\t1\t${cell}\t3\t4\t9`);
      expect(values(r)).toEqual([5, 2, 1, undefined, 3, 4, 9]);
      const u = r.diagnostics.issues.find((i) => i.code === 'CELL_UNREADABLE');
      expect(u?.cell).toBe(id('publicInterestOrg'));
      expect(u?.message).toContain(`「${cell}」`);
    },
  );

  it('space-separated text: 「约5」 between two numbers holds its column', () => {
    const r = read(`${ROW}   5   2   1   约5   3   4   9`);
    expect(values(r)).toEqual([5, 2, 1, undefined, 3, 4, 9]);
    expect(r.diagnostics.issues.find((i) => i.code === 'CELL_UNREADABLE')?.cell).toBe(
      id('publicInterestOrg'),
    );
  });

  it('any row of seven tab cells — numbers, blanks, one unreadable cell — reads back cell by cell (fast-check)', () => {
    const cell = fc.option(fc.integer({ min: 0, max: 500 }), { nil: null, freq: 3 });
    fc.assert(
      fc.property(
        fc.array(cell, { minLength: 7, maxLength: 7 }),
        fc.option(fc.tuple(fc.integer({ min: 0, max: 6 }), fc.constantFrom('约', '+', '()')), {
          nil: undefined,
        }),
        (row, bad) => {
          const printed = row.map((v, i) => {
            if (bad && bad[0] === i) {
              const d = String(v ?? 7);
              return bad[1] === '约' ? `约${d}` : bad[1] === '+' ? `${d}+` : `(${d})`;
            }
            return v === null ? '' : String(v);
          });
          const r = read(`${ROW}\t${printed.join('\t')}`);
          KEYS.forEach((k, i) => {
            const c = r.report.cells[id(k)];
            if (bad && bad[0] === i) {
              // unreadable: left out, or fixed by the row's sums and said so
              const code = c === undefined ? 'CELL_UNREADABLE' : 'CELL_INFERRED_FROM_TEXT';
              expect(c === undefined || c.origin === 'inferred', k).toBe(true);
              expect(
                r.diagnostics.issues.some((x) => x.code === code && x.cell === id(k)),
                k,
              ).toBe(true);
            } else expect(c?.value, `${k}: ${printed.join('|')}`).toBe(row[i]);
          });
        },
      ),
      { numRuns: 200 },
    );
  });
});
