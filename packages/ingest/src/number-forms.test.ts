/**
 * Numbers that cannot be read exactly are said, never guessed (QA report qa-ingest2, items 7, 9, 10):
 * a total printed with broken grouping (「3,580,23」, a number wrapped in a narrow column) was
 * dropped and 「推算」 from the row; numbers wrapped over two lines were read as their last digits;
 * numbers beyond 2^53 − 1 were rounded (9007199254740993 → …992) with an info note only.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ingestSync } from './index.js';
import { T3_KEYS as KEYS } from './test-support/table3.js';

const ROW = '一、本年新收政府信息公开申请数量';
const id = (k: string) => `applications.newReceived.${k}`;

function report(rows: string[], sep = '  '): string {
  return [
    '某某县人民政府2024年政府信息公开工作年度报告',
    '一、总体情况',
    '本年度工作情况。',
    '三、收到和处理政府信息公开申请情况',
    [
      '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）',
      '自然人',
      '商业企业',
      '科研机构',
      '社会公益组织',
      '法律服务机构',
      '其他',
      '总计',
    ].join(sep),
    ...rows,
    '二、上年结转政府信息公开申请数量   1   0   0   0   0   0   1',
    '四、政府信息公开行政复议、行政诉讼情况',
    '五、存在的主要问题及改进情况',
    '无。',
  ].join('\n');
}
const read = (rows: string[]) => ingestSync(report(rows), { kind: 'text' });
const values = (r: ReturnType<typeof ingestSync>) => KEYS.map((k) => r.report.cells[id(k)]?.value);

describe('numbers that cannot be read exactly', () => {
  it('a total printed 「3,580,23」 (broken grouping) is CELL_UNREADABLE, not inferred from the row', () => {
    const r = read([`${ROW}   5   0   0   0   0   0   3,580,23`]);
    expect(values(r)).toEqual([5, 0, 0, 0, 0, 0, undefined]);
    const u = r.diagnostics.issues.find((i) => i.code === 'CELL_UNREADABLE');
    expect(u?.cell).toBe(id('total'));
    expect(u?.message).toContain('「3,580,23」');
    expect(r.diagnostics.issues.some((i) => i.code === 'CELL_INFERRED')).toBe(false);
  });

  it('a number wrapped over two lines is never read as its last digits', () => {
    for (const rows of [
      [`${ROW}   1,234,567   2,345,678   0   0   0   0   3,580,23`, '                     5'],
      [
        `${ROW}   1,234,56   2,345,67   0   0   0   0   3,580,23`,
        '                     7   8                  0',
      ],
    ]) {
      const r = read(rows);
      const got = values(r);
      // nothing read from the fragments; what is not read is said on the row's cells
      for (const v of got) expect([undefined, 0, 1234567, 2345678]).toContain(v);
      const said = r.diagnostics.issues.filter(
        (i) => i.severity === 'error' && (i.cells ?? [i.cell]).includes(id('total')),
      );
      expect(said.length, rows.join('\n')).toBeGreaterThan(0);
    }
  });

  it('9007199254740993 (beyond 2^53 − 1) is CELL_UNREADABLE, not rounded — in a Markdown cell and in text', () => {
    const md = [
      '# 某某县人民政府2024年政府信息公开工作年度报告',
      '',
      '## 三、收到和处理政府信息公开申请情况',
      '',
      '| （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |',
      '| --- | --- | --- | --- | --- | --- | --- | --- |',
      `| ${ROW} | 1 | 0 | 0 | 0 | 0 | 0 | 9007199254740993 |`,
      '',
      '## 五、存在的主要问题及改进情况',
      '',
      '无。',
    ].join('\n');
    for (const r of [
      ingestSync(md, { kind: 'text' }),
      read([`${ROW}   1   0   0   0   0   0   9,007,199,254,740,993`]),
    ]) {
      expect(r.report.cells[id('total')]).toBeUndefined();
      expect(r.diagnostics.issues.find((i) => i.code === 'CELL_UNREADABLE')?.cell).toBe(id('total'));
      expect(r.report.cells[id('naturalPerson')]?.value).toBe(1);
    }
  });

  it('no cell ever holds a number beyond 2^53 − 1 or other than printed (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: 0n, max: 2n ** 60n }), { minLength: 7, maxLength: 7 }), (row) => {
        const r = ingestSync(report([`${ROW}\t${row.join('\t')}`], '\t'), { kind: 'text' });
        KEYS.forEach((k, i) => {
          const v = r.report.cells[id(k)]?.value;
          if (v === undefined || v === null) return;
          expect(Number.isSafeInteger(v), k).toBe(true);
          if (r.report.cells[id(k)]?.origin === 'imported') expect(BigInt(v), k).toBe(row[i]);
        });
      }),
      { numRuns: 150 },
    );
  });
});
