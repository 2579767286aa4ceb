/**
 * Headers that name the columns in another order than the format's are followed also when they
 * span two or three lines (表三's 「申请人情况」 over 「自然人 | 法人或其他组织 | 总计」 over the 法人
 * columns) and in 表四 (its five columns per group, a 序号 column aside); where the header shows
 * another order but not where each column is (cells spanning others), the table is not read and
 * that is said (COLUMN_ORDER_UNKNOWN) — never read in the format's order silently (QA report
 * qa-ingest2, item 8, as f2853f0 did for one-line headers).
 */
import { getEdition } from '@nianbao/core';
import {
  AlignmentType,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalMergeType,
} from 'docx';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ingest, ingestSync } from './index.js';
import { delim, md, report } from './test-support/markdown.js';
import { T3_COLS, T3_HEAD, T3_KEYS } from './test-support/table3.js';

const LEGAL = [1, 2, 3, 4, 5]; // 法人或其他组织's five columns (商业企业 … 其他)
const T3_ROWS = [
  ['newReceived', '一、本年新收政府信息公开申请数量'],
  ['carriedOver', '二、上年结转政府信息公开申请数量'],
] as const;

/** 表三 with a header of three lines in the columns' printed order `order` (format indexes). */
function t3ThreeLines(order: readonly number[], rows: readonly (readonly number[])[]): string[] {
  const firstLegal = order.findIndex((c) => LEGAL.includes(c));
  const line1 = [T3_HEAD, ...order.map((_, i) => (i === 0 ? '申请人情况' : ''))];
  const line2 = [
    '',
    ...order.map((c, i) => (LEGAL.includes(c) ? (i === firstLegal ? '法人或其他组织' : '') : T3_COLS[c]!)),
  ];
  const line3 = ['', ...order.map((c) => (LEGAL.includes(c) ? T3_COLS[c]! : ''))];
  return [
    '## 三、收到和处理政府信息公开申请情况',
    '',
    md(line1),
    delim(8),
    md(line2),
    md(line3),
    ...rows.map((r, i) => md([T3_ROWS[i]![1], ...order.map((c) => String(r[c]))])),
    '',
    '## 四、政府信息公开行政复议、行政诉讼情况',
  ];
}
const t3 = (r: ReturnType<typeof ingestSync>, row: string) =>
  T3_KEYS.map((k) => r.report.cells[`applications.${row}.${k}`]?.value);

const T4_COLS = getEdition('2021').tables.reviewLitigation.columns.map((c) => c.label);
const T4_GROUPS = [
  ['review', '行政复议'],
  ['litigationDirect', '行政诉讼 · 未经复议直接起诉'],
  ['litigationAfterReview', '行政诉讼 · 复议后起诉'],
] as const;
const t4 = (r: ReturnType<typeof ingestSync>, g: string) =>
  getEdition('2021').tables.reviewLitigation.columns.map(
    (c) => r.report.cells[`reviewLitigation.${g}.${c.key}`]?.value,
  );

describe('表三 under a header of several lines', () => {
  it('总计 printed first, 「申请人情况」 and 「法人或其他组织」 over the columns: each row read in the header’s order', () => {
    const order = [6, 0, 1, 2, 3, 4, 5];
    const rows = [
      [7, 1, 0, 0, 2, 0, 10],
      [1, 0, 0, 0, 0, 0, 1],
    ];
    const r = ingestSync(report(t3ThreeLines(order, rows)), { kind: 'text' });
    expect(t3(r, 'newReceived')).toEqual(rows[0]);
    expect(t3(r, 'carriedOver')).toEqual(rows[1]);
    expect(r.diagnostics.issues.find((i) => i.code === 'COLUMN_ORDER_FROM_HEADER')?.message).toContain(
      '总计、自然人、商业企业',
    );
  });

  it('any order of the columns under the three header lines reads back exactly (fast-check)', () => {
    const row = fc
      .array(fc.integer({ min: 0, max: 99999 }), { minLength: 6, maxLength: 6 })
      .map((p) => [...p, p.reduce((a, b) => a + b, 0)]);
    fc.assert(
      fc.property(
        fc.shuffledSubarray([0, 1, 2, 3, 4, 5, 6], { minLength: 7, maxLength: 7 }),
        row,
        row,
        (order, a, b) => {
          const r = ingestSync(report(t3ThreeLines(order, [a, b])), { kind: 'text' });
          expect(t3(r, 'newReceived')).toEqual(a);
          expect(t3(r, 'carriedOver')).toEqual(b);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('an HTML header with spanned cells (colspan, rowspan) in another order: each column found in the grid', () => {
    const html = `<html><body><h1>某某县人民政府2024年政府信息公开工作年度报告</h1><h2>一、总体情况</h2><p>本年度工作情况。</p>
<h2>三、收到和处理政府信息公开申请情况</h2><table>
<tr><td rowspan="3">${T3_HEAD}</td><td colspan="7">申请人情况</td></tr>
<tr><td rowspan="2">总计</td><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td></tr>
<tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>
<tr><td>一、本年新收政府信息公开申请数量</td><td>10</td><td>7</td><td>1</td><td>0</td><td>0</td><td>2</td><td>0</td></tr>
</table><h2>四、政府信息公开行政复议、行政诉讼情况</h2><h2>五、存在的主要问题及改进情况</h2><p>无。</p></body></html>`;
    const r = ingestSync(html, { kind: 'html' });
    expect(t3(r, 'newReceived')).toEqual([7, 1, 0, 0, 2, 0, 10]);
    expect(r.diagnostics.issues.some((i) => i.code === 'COLUMN_ORDER_FROM_HEADER')).toBe(true);
  });

  it('a Word table with merged header cells (gridSpan, vMerge) in another order: each column found in the grid', async () => {
    const cell = (text: string, o: { span?: number; merge?: 'restart' | 'continue' } = {}) =>
      new TableCell({
        children: [new Paragraph({ children: [new TextRun(text)], alignment: AlignmentType.CENTER })],
        ...(o.span ? { columnSpan: o.span } : {}),
        ...(o.merge
          ? { verticalMerge: o.merge === 'restart' ? VerticalMergeType.RESTART : VerticalMergeType.CONTINUE }
          : {}),
      });
    const p = (t: string) => new Paragraph({ children: [new TextRun(t)] });
    const row = (label: string, vals: number[]) =>
      new TableRow({ children: [cell(label), ...[6, 0, 1, 2, 3, 4, 5].map((c) => cell(String(vals[c])))] });
    const doc = new Document({
      sections: [
        {
          children: [
            p('某某县人民政府2024年政府信息公开工作年度报告'),
            p('一、总体情况'),
            p('本年度工作情况。'),
            p('三、收到和处理政府信息公开申请情况'),
            new Table({
              rows: [
                new TableRow({
                  children: [cell(T3_HEAD, { merge: 'restart' }), cell('申请人情况', { span: 7 })],
                }),
                new TableRow({
                  children: [
                    cell('', { merge: 'continue' }),
                    cell('总计', { merge: 'restart' }),
                    cell('自然人', { merge: 'restart' }),
                    cell('法人或其他组织', { span: 5 }),
                  ],
                }),
                new TableRow({
                  children: [
                    cell('', { merge: 'continue' }),
                    cell('', { merge: 'continue' }),
                    cell('', { merge: 'continue' }),
                    ...T3_COLS.slice(1, 6).map((c) => cell(c)),
                  ],
                }),
                row(T3_ROWS[0][1], [7, 1, 0, 0, 2, 0, 10]),
                row(T3_ROWS[1][1], [1, 0, 0, 0, 0, 0, 1]),
              ],
            }),
            p('四、政府信息公开行政复议、行政诉讼情况'),
            p('五、存在的主要问题及改进情况'),
            p('无。'),
          ],
        },
      ],
    });
    const r = await ingest(new Uint8Array(await Packer.toBuffer(doc)));
    expect(t3(r, 'newReceived')).toEqual([7, 1, 0, 0, 2, 0, 10]);
    expect(t3(r, 'carriedOver')).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(r.diagnostics.issues.some((i) => i.code === 'COLUMN_ORDER_FROM_HEADER')).toBe(true);
  });

  it('a header in another order whose lines do not tell where each column is: not read, said — never the format’s order', () => {
    // (the group cells written once, not spanning: the three lines have 2, 4 and 6 cells)
    const r = ingestSync(
      report([
        '## 三、收到和处理政府信息公开申请情况',
        '',
        md([T3_HEAD, '申请人情况']),
        delim(2),
        md(['', '总计', '自然人', '法人或其他组织']),
        md(['', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他']),
        md(['一、本年新收政府信息公开申请数量', '10', '7', '1', '0', '0', '2', '0']),
        '',
        '## 四、政府信息公开行政复议、行政诉讼情况',
      ]),
      { kind: 'text' },
    );
    const said = r.diagnostics.issues.find((i) => i.code === 'COLUMN_ORDER_UNKNOWN');
    expect(said?.severity).toBe('error');
    expect(said?.message).toContain('表三');
    expect(said?.message).toContain('总计 | 自然人 | 法人或其他组织');
    expect(said?.cells).toContain('applications.newReceived.total');
    for (const v of t3(r, 'newReceived')) expect(v ?? null).toBeNull();
  });

  it('the same header in the format’s order is read as before (no word about the order)', () => {
    const rows = [
      [7, 1, 0, 0, 2, 0, 10],
      [1, 0, 0, 0, 0, 0, 1],
    ];
    const r = ingestSync(report(t3ThreeLines([0, 1, 2, 3, 4, 5, 6], rows)), { kind: 'text' });
    expect(t3(r, 'newReceived')).toEqual(rows[0]);
    expect(r.diagnostics.issues.some((i) => /^COLUMN_ORDER/.test(i.code))).toBe(false);
  });
});

describe('表四’s columns in the header’s order', () => {
  /** 表四 one row per group, under a header of its five columns in `order`, with or without a 序号 column. */
  const byRows = (order: readonly number[], vals: readonly (readonly (number | null)[])[], seq: boolean) => [
    '## 四、政府信息公开行政复议、行政诉讼情况',
    '',
    md([...(seq ? ['序号'] : []), '', ...order.map((c) => T4_COLS[c]!)]),
    delim(6 + (seq ? 1 : 0)),
    ...T4_GROUPS.map(([, label], g) =>
      md([
        ...(seq ? [String(g + 1)] : []),
        label,
        ...order.map((c) => (vals[g]![c] === null ? '' : String(vals[g]![c]))),
      ]),
    ),
  ];

  it('总计 first and a 序号 column: each group read in the header’s order', () => {
    const vals = [
      [2, 1, 0, 1, 4],
      [1, 0, 0, 1, 2],
      [5, null, null, 0, null],
    ];
    const r = ingestSync(report(byRows([4, 0, 1, 2, 3], vals, true)), { kind: 'text' });
    for (const [g, [key]] of T4_GROUPS.entries()) expect(t4(r, key)).toEqual(vals[g]);
    expect(r.diagnostics.issues.find((i) => i.code === 'COLUMN_ORDER_FROM_HEADER')?.message).toContain(
      '总计、结果维持',
    );
  });

  it('any order of the five columns, with or without 序号, blanks anywhere: read back exactly (fast-check)', () => {
    const group = fc
      .array(fc.option(fc.integer({ min: 0, max: 999 }), { freq: 4 }), { minLength: 4, maxLength: 4 })
      .map((p) => [...p, p.every((x) => x !== null) ? p.reduce<number>((a, b) => a + (b ?? 0), 0) : null]);
    fc.assert(
      fc.property(
        fc.shuffledSubarray([0, 1, 2, 3, 4], { minLength: 5, maxLength: 5 }),
        fc.tuple(group, group, group),
        fc.boolean(),
        (order, vals, seq) => {
          const r = ingestSync(report(byRows(order, vals, seq)), { kind: 'text' });
          for (const [g, [key]] of T4_GROUPS.entries()) expect(t4(r, key)).toEqual(vals[g]);
        },
      ),
      { numRuns: 80 },
    );
  });

  it('15 numbers in one row under a header of 15 columns, each group in another order: read in that order', () => {
    const orders = [
      [4, 0, 1, 2, 3],
      [0, 1, 2, 3, 4],
      [3, 2, 1, 0, 4],
    ];
    const vals = [
      [2, 1, 0, 1, 4],
      [1, 0, 0, 1, 2],
      [3, 0, 1, 0, 4],
    ];
    const r = ingestSync(
      report([
        '## 四、政府信息公开行政复议、行政诉讼情况',
        '',
        md(['行政复议', '', '', '', '', '行政诉讼', '', '', '', '', '', '', '', '', '']),
        delim(15),
        md(['', '', '', '', '', '未经复议直接起诉', '', '', '', '', '复议后起诉', '', '', '', '']),
        md(orders.flatMap((o) => o.map((c) => T4_COLS[c]!))),
        md(orders.flatMap((o, g) => o.map((c) => String(vals[g]![c])))),
      ]),
      { kind: 'text' },
    );
    for (const [g, [key]] of T4_GROUPS.entries()) expect(t4(r, key)).toEqual(vals[g]);
  });
});
