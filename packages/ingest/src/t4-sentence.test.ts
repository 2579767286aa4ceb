/**
 * 表四 pasted as tab-separated rows (行政复议 / 行政诉讼 · 未经复议直接起诉 / 行政诉讼 · 复议后起诉 under
 * a header 结果维持 … 总计) below a sentence about them: 「本年度发生政府信息公开行政复议案件4件，结果
 * 维持2件，尚未审结1件；行政诉讼案件2件。」. Before, the sentence's 「行政复议案件4件」 was taken for
 * the table's start (only 「行政复议4件」 was known as a sentence), the rows were then read as one
 * run of 15 numbers, and a blank first cell of a row (an empty tab cell) was lost: every number
 * after it one column to the left, one cell said missing at the end.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ingestSync } from './index.js';

const GROUPS = [
  ['review', '行政复议'],
  ['litigationDirect', '行政诉讼 · 未经复议直接起诉'],
  ['litigationAfterReview', '行政诉讼 · 复议后起诉'],
] as const;
const COLS = ['upheld', 'corrected', 'other', 'pending', 'total'] as const;

function report(sentence: string, rows: (number | null)[][]): string {
  return [
    '某某县人民政府2024年政府信息公开工作年度报告',
    '一、总体情况',
    '本年度工作情况。',
    '四、政府信息公开行政复议、行政诉讼情况',
    sentence,
    '\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计',
    ...GROUPS.map(([, label], g) =>
      [label, ...rows[g]!.map((v) => (v === null ? '' : String(v)))].join('\t'),
    ),
    '五、存在的主要问题及改进情况',
    '无。',
  ].join('\n');
}

const SENTENCES = [
  '本年度发生政府信息公开行政复议案件4件，结果维持2件，尚未审结1件；行政诉讼案件2件。',
  '本年度收到行政复议申请3件，其中结果维持1件、尚未审结2件，行政诉讼1件。',
];

function expectAsPrinted(text: string, rows: (number | null)[][]): void {
  const r = ingestSync(text, { kind: 'text' });
  for (const [g, [key]] of GROUPS.entries())
    for (const [c, col] of COLS.entries()) {
      const id = `reviewLitigation.${key}.${col}`;
      expect(r.report.cells[id]?.value, `${id}\n${text}`).toBe(rows[g]![c]);
    }
}

describe('表四 as tab-separated rows under a sentence about them', () => {
  it('「行政复议案件4件，结果维持2件…」 and a blank first cell: each number in its column', () => {
    const rows = [
      [2, 1, 0, 1, 4],
      [null, 1, null, 1, 2],
      [0, 0, 0, 0, 0],
    ];
    expectAsPrinted(report(SENTENCES[0]!, rows), rows);
  });

  it('any numbers and blanks, any of the sentences: every cell as printed (fast-check)', () => {
    const cell = fc.option(fc.integer({ min: 0, max: 99 }), { nil: null, freq: 3 });
    fc.assert(
      fc.property(
        fc.constantFrom(...SENTENCES),
        fc.array(fc.array(cell, { minLength: 5, maxLength: 5 }), { minLength: 3, maxLength: 3 }),
        (sentence, rows) => expectAsPrinted(report(sentence, rows), rows),
      ),
      { numRuns: 150 },
    );
  });
});
