/**
 * A header that names the columns in another order than the format's is followed, and a 表二 row
 * printed out of order is found. Before, 「| 信息内容 | 现行有效件数 | 本年制发件数 | 本年废止件数 |」
 * with 「| 行政规范性文件 | 6 | 2 | 52 |」 gave 本年制发 6, 本年废止 2, 现行有效 52 without a word; 表三
 * with 总计 printed first shifted every cell; 规章 after 行政规范性文件 was ROW_NOT_FOUND (QA report
 * qa-ingest2, items 8 and 11a).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ingestSync } from './index.js';
import { delim, md, report } from './test-support/markdown.js';
import { T3_COLS, T3_HEAD, T3_KEYS } from './test-support/table3.js';

const T2 = [
  '## 二、主动公开政府信息情况',
  '',
  '**第二十条第（一）项**',
  '',
  md(['信息内容', '现行有效件数', '本年制发件数', '本年废止件数']),
  delim(4),
  md(['行政规范性文件', '52', '6', '2']),
  md(['规章', '3', '1', '0']),
  '',
  '**第二十条第（五）项**',
  '',
  md(['信息内容', '本年处理决定数量']),
  delim(2),
  md(['行政许可', '1250']),
  '',
  '**第二十条第（六）项**',
  '',
  md(['信息内容', '本年处理决定数量']),
  delim(2),
  md(['行政强制', '12']),
  md(['行政处罚', '315']),
  '',
  '**第二十条第（八）项**',
  '',
  md(['信息内容', '本年收费金额（单位：万元）']),
  delim(2),
  md(['行政事业性收费', '20.3']),
];

describe('the header’s column order and 表二 rows out of order', () => {
  it('表二: columns as the header prints them, rows found in any order', () => {
    const r = ingestSync(report(T2), { kind: 'text' });
    const c = (id: string) => r.report.cells[`activeDisclosure.${id}`]?.value;
    expect([c('normativeDocs.made'), c('normativeDocs.repealed'), c('normativeDocs.valid')]).toEqual([
      6, 2, 52,
    ]);
    expect([c('regulations.made'), c('regulations.repealed'), c('regulations.valid')]).toEqual([1, 0, 3]);
    expect([c('punishment.decisions'), c('coercion.decisions'), c('licensing.decisions')]).toEqual([
      315, 12, 1250,
    ]);
    expect(
      r.diagnostics.issues.some(
        (i) => i.code === 'ROW_NOT_FOUND' && i.cells?.[0]?.startsWith('activeDisclosure'),
      ),
    ).toBe(false);
    expect(r.diagnostics.issues.find((i) => i.code === 'COLUMN_ORDER_FROM_HEADER')?.message).toContain(
      '现行有效件数、本年制发件数、本年废止件数',
    );
  });

  it('表三 in any column order, blanks anywhere: read back exactly (fast-check)', () => {
    const cell = fc.option(fc.integer({ min: 0, max: 900 }), { nil: null, freq: 4 });
    fc.assert(
      fc.property(
        fc.shuffledSubarray([0, 1, 2, 3, 4, 5, 6], { minLength: 7, maxLength: 7 }),
        fc.array(cell, { minLength: 7, maxLength: 7 }),
        fc.array(cell, { minLength: 7, maxLength: 7 }),
        (order, a, b) => {
          const row = (label: string, v: (number | null)[]) =>
            md([label, ...order.map((i) => (v[i] === null ? '' : String(v[i])))]);
          const text = report([
            '## 三、收到和处理政府信息公开申请情况',
            '',
            md([T3_HEAD, ...order.map((i) => T3_COLS[i]!)]),
            delim(8),
            row('一、本年新收政府信息公开申请数量', a),
            row('二、上年结转政府信息公开申请数量', b),
          ]);
          const r = ingestSync(text, { kind: 'text' });
          for (const [key, v] of [
            ['newReceived', a],
            ['carriedOver', b],
          ] as const)
            expect(
              T3_KEYS.map((k) => r.report.cells[`applications.${key}.${k}`]?.value),
              text,
            ).toEqual(v);
        },
      ),
      { numRuns: 120 },
    );
  });
});
