/**
 * A 表三 row printed a cell short with a blank 「—」 in it (a pipe table: 「| （一）予以公开 | 10 | — | 0 |
 * 0 | 0 | 9 |」): 「10」 was cut into 1 and 0 — DIGITS_SPLIT 「按本行勾稽关系只有一种拆分方式：1 | 0 | — |
 * 0 | 0 | 0 | 9」, 自然人 1, 商业企业 0, 总计 9 stored — though the sums were never checked: a blank part
 * left the row's identity unchecked, so every cut 「held」 (1 + 0 + 0 + 0 + 0 + 0 is not 9). Cutting a
 * number is now a reading only where the row's total is the sum of its parts, a blank counted 0;
 * the ambiguous readings named are only such ones.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ingestSync } from './index.js';
import { T3_COLS, T3_HEAD, T3_KEYS } from './test-support/table3.js';

function report(row: string): string {
  return [
    '某某县人民政府2024年政府信息公开工作年度报告',
    '一、总体情况',
    '本年度工作情况。',
    '三、收到和处理政府信息公开申请情况',
    `| ${T3_HEAD} | ${T3_COLS.join(' | ')} |`,
    '| 一、本年新收政府信息公开申请数量 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |',
    '| 二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |',
    '| 三、本年度办理结果 |',
    row,
    '| （二）部分公开（区分处理的，只计这一情形，不计其他情形） | 0 | 0 | 0 | 0 | 0 | 0 | 0 |',
    '四、政府信息公开行政复议、行政诉讼情况',
    '五、存在的主要问题及改进情况',
    '无。',
  ].join('\n');
}

const read = (row: string) => ingestSync(report(row), { kind: 'text' });
const granted = (r: ReturnType<typeof read>) =>
  T3_KEYS.map((k) => r.report.cells[`applications.granted.${k}`]?.value);
/** Whether a row's total is its parts' sum, a blank (null) counted 0. */
const addsUp = (v: readonly (number | null | undefined)[]) =>
  typeof v[6] === 'number' && v.slice(0, 6).reduce<number>((a, x) => a + (x ?? 0), 0) === v[6];

describe('a row a cell short with a blank 「—」: a number is cut only where the sums bear it out', () => {
  it.each([
    ['| （一）予以公开 | 10 | — | 0 | 0 | 0 | 9 |'],
    ['| （一）予以公开 | 10 | — | 0 | 0 | 0 | 0 |'],
    ['（一）予以公开 10 — 0 0 0 9'],
  ])('%s: 「10」 is never stored as 1 and 0', (line) => {
    const r = read(line);
    expect(granted(r)).toEqual(T3_KEYS.map(() => undefined));
    expect(r.diagnostics.issues.some((i) => i.code === 'DIGITS_SPLIT')).toBe(false);
    const said = r.diagnostics.issues.find((i) => i.cells?.includes('applications.granted.total'));
    expect(said?.severity).toBe('error');
  });

  it('a cut the sums bear out, a blank counted 0, is still read and said', () => {
    // 「40」 is 4 | 0: 4 + 0 + 3 + 0 + 0 (blank) + 0 = 7
    const r = read('| （一）予以公开 | 40 | 3 | 0 | — | 0 | 7 |');
    expect(granted(r)).toEqual([4, 0, 3, 0, null, 0, 7]);
    expect(r.diagnostics.issues.find((i) => i.code === 'DIGITS_SPLIT')?.severity).toBe('warning');
  });

  it('the readings named as ambiguous are only readings that add up', () => {
    const r = read('| （一）予以公开 | 12 | — | 3 | 0 | 0 | 15 |');
    for (const i of r.diagnostics.issues.filter((x) => x.code === 'DIGITS_SPLIT_AMBIGUOUS'))
      for (const c of (i.details?.candidates ?? []) as (number | null)[][])
        expect(addsUp(c), String(c)).toBe(true);
  });

  it('any row a cell short, blanks as 「—」: a number cut is one the sums bear out (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.integer({ min: 0, max: 40 }), { nil: null, freq: 3 }), {
          minLength: 6,
          maxLength: 6,
        }),
        fc.integer({ min: 0, max: 6 }),
        fc.boolean(),
        (parts, drop, pipes) => {
          const total = parts.reduce<number>((a, x) => a + (x ?? 0), 0);
          const cells = [...parts, total].map((v) => (v === null ? '—' : String(v)));
          cells.splice(drop, 1);
          const line = pipes
            ? `| （一）予以公开 | ${cells.join(' | ')} |`
            : `（一）予以公开 ${cells.join(' ')}`;
          const r = read(line);
          const split = r.diagnostics.issues.some(
            (i) => i.code === 'DIGITS_SPLIT' || i.code === 'DIGITS_SPLIT_CHOSEN',
          );
          if (split) expect(addsUp(granted(r)), line).toBe(true);
          for (const i of r.diagnostics.issues.filter((x) => x.code === 'DIGITS_SPLIT_AMBIGUOUS'))
            for (const c of (i.details?.candidates ?? []) as (number | null)[][])
              expect(addsUp(c), line).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
