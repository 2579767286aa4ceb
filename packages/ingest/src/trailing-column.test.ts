/**
 * An extra empty column at the end of a table (a 「备注」 column, a stray `| |`): a printed number is
 * never left out in favour of the empty cell. Before, when a row did not add up as printed, the
 * alignment cutting its first number (and reading the empty 备注 cell as 总计) won — 「7 1 0 0 2 0
 * 11 （空）」 was read as 1 0 0 2 0 11 and a blank 总计 (QA report qa-ingest2, item 2). When nothing
 * tells which end of a row is extra, the row is not read and its cells say so (error).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ingestSync } from './index.js';
import { md, report } from './test-support/markdown.js';
import { T3_COLS, T3_HEAD, T3_KEYS } from './test-support/table3.js';

const T4_KEYS = ['upheld', 'corrected', 'other', 'pending', 'total'];
type Row = readonly (number | null)[];

const printed = (r: Row) => r.map((v) => (v === null ? '' : String(v)));

function t3(rows: readonly [Row, Row], extra: readonly string[]): string[] {
  return [
    '## 三、收到和处理政府信息公开申请情况',
    '',
    md([T3_HEAD, ...T3_COLS, ...extra]),
    md([T3_HEAD, ...T3_COLS, ...extra].map(() => '---')),
    md(['一、本年新收政府信息公开申请数量', ...printed(rows[0]), ...extra.map(() => '')]),
    md(['二、上年结转政府信息公开申请数量', ...printed(rows[1]), ...extra.map(() => '')]),
  ];
}

function t4(rows: readonly [Row, Row, Row], extra: readonly string[]): string[] {
  const cols = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计', ...extra];
  return [
    '## 四、政府信息公开行政复议、行政诉讼情况',
    '',
    md(['', ...cols]),
    md(['', ...cols].map(() => '---')),
    ...['行政复议', '行政诉讼 · 未经复议直接起诉', '行政诉讼 · 复议后起诉'].map((l, i) =>
      md([l, ...printed(rows[i]!), ...extra.map(() => '')]),
    ),
  ];
}

const t3Values = (r: ReturnType<typeof ingestSync>, row: string) =>
  T3_KEYS.map((k) => r.report.cells[`applications.${row}.${k}`]?.value);
const t4Values = (r: ReturnType<typeof ingestSync>, g: string) =>
  T4_KEYS.map((k) => r.report.cells[`reviewLitigation.${g}.${k}`]?.value);

describe('an extra empty column at the end of a table', () => {
  it('HTML 表三 with a 备注 column, a row that does not add up as printed: read as printed', () => {
    const html = `<html><body><h1>某某县人民政府2024年政府信息公开工作年度报告</h1>
<h2>三、收到和处理政府信息公开申请情况</h2>
<table>
<tr><td>${T3_HEAD}</td>${T3_COLS.map((c) => `<td>${c}</td>`).join('')}<td>备注</td></tr>
<tr><td>一、本年新收政府信息公开申请数量</td><td>7</td><td>1</td><td>0</td><td>0</td><td>2</td><td>0</td><td>11</td><td></td></tr>
<tr><td>二、上年结转政府信息公开申请数量</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>1</td><td></td></tr>
</table>
<h2>四、政府信息公开行政复议、行政诉讼情况</h2>
<h2>五、存在的主要问题及改进情况</h2><p>无。</p></body></html>`;
    const r = ingestSync(html, { kind: 'html' });
    expect(t3Values(r, 'newReceived')).toEqual([7, 1, 0, 0, 2, 0, 11]);
    expect(t3Values(r, 'carriedOver')).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(r.diagnostics.issues.map((i) => i.code)).not.toContain('ROW_EXTRA_VALUES');
  });

  it('表四 rows with a 备注 column (Markdown): every number where it was printed', () => {
    const text = report(
      t4(
        [
          [2, 1, 0, 1, 4],
          [1, 0, 0, 1, 2],
          [0, 0, 0, 0, 0],
        ],
        ['备注'],
      ),
    );
    const r = ingestSync(text, { kind: 'text' });
    expect(t4Values(r, 'review')).toEqual([2, 1, 0, 1, 4]);
    expect(t4Values(r, 'litigationDirect')).toEqual([1, 0, 0, 1, 2]);
    expect(t4Values(r, 'litigationAfterReview')).toEqual([0, 0, 0, 0, 0]);
    expect(r.diagnostics.issues.map((i) => i.code)).not.toContain('ROW_EXTRA_VALUES');
  });

  it('a stray empty cell at the end of one row, its first cell blank: undecidable, said on its cells', () => {
    // the header has no column after 总计: the extra empty cell may be at either end
    const lines = t3(
      [
        [7, 1, 0, 0, 2, 0, 11],
        [1, 0, 0, 0, 0, 0, 1],
      ],
      [],
    );
    lines[4] = md(['一、本年新收政府信息公开申请数量', '', '1', '0', '0', '2', '0', '11', '']);
    const r = ingestSync(report(lines), { kind: 'text' });
    expect(t3Values(r, 'newReceived')).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    const issue = r.diagnostics.issues.find((i) => i.code === 'ROW_ALIGNMENT_UNCERTAIN');
    expect(issue?.severity).toBe('error');
    expect(issue?.cells).toEqual(T3_KEYS.map((k) => `applications.newReceived.${k}`));
    expect(t3Values(r, 'carriedOver')).toEqual([1, 0, 0, 0, 0, 0, 1]);
  });

  it('rows with blanks anywhere and a trailing 备注 column read back exactly (fast-check)', () => {
    const cell = fc.option(fc.integer({ min: 0, max: 300 }), { nil: null, freq: 3 });
    const row = (n: number) => fc.array(cell, { minLength: n, maxLength: n });
    fc.assert(
      fc.property(
        fc.tuple(row(7), row(7)),
        fc.tuple(row(5), row(5), row(5)),
        fc.constantFrom(['备注'], [''], ['备注', '']),
        (r3, r4, extra) => {
          const text = report([...t3(r3, extra), '', ...t4(r4, extra)]);
          const r = ingestSync(text, { kind: 'text' });
          expect(t3Values(r, 'newReceived'), text).toEqual(r3[0]);
          expect(t3Values(r, 'carriedOver'), text).toEqual(r3[1]);
          for (const [i, g] of ['review', 'litigationDirect', 'litigationAfterReview'].entries())
            expect(t4Values(r, g), text).toEqual(r4[i]);
        },
      ),
      { numRuns: 150 },
    );
  });
});
