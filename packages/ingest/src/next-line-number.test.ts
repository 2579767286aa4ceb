/**
 * Text without cells (PDF-to-text, copy-paste): a bare number alone on the line after a row — a page
 * number, the next row's 序号 — was taken into a row printed a number short, and the 总计 「推算」
 * from it (「244 239 0 0 0」 + the page number 3 → 其他 = 3, 总计 = 486, only 总计 named). Now such a
 * number is used only where the row then adds up as printed, and the cell is named; otherwise the
 * row is read without it (QA report qa-ingest2, item 3).
 */
import { describe, expect, it } from 'vitest';
import { ingestSync } from './index.js';
import { T3_KEYS as KEYS } from './test-support/table3.js';

function report(rows: string[]): string {
  return [
    '某某县人民政府2024年政府信息公开工作年度报告',
    '一、总体情况',
    '本年度工作情况。',
    '三、收到和处理政府信息公开申请情况',
    '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）  自然人  商业企业  科研机构  社会公益组织  法律服务机构  其他  总计',
    ...rows,
    '四、政府信息公开行政复议、行政诉讼情况',
    '五、存在的主要问题及改进情况',
    '无。',
  ].join('\n');
}

const values = (r: ReturnType<typeof ingestSync>, row: string) =>
  KEYS.map((k) => r.report.cells[`applications.${row}.${k}`]?.value);
const CARRIED = '二、上年结转政府信息公开申请数量   1   0   0   0   0   0   1';

describe('a bare number on the line after a row', () => {
  it('a page number after a row printed two numbers short: not taken, the row is said unread', () => {
    const r = ingestSync(report(['一、本年新收政府信息公开申请数量   244   239   0   0   0', '3', CARRIED]), {
      kind: 'text',
    });
    expect(values(r, 'newReceived')).toEqual(KEYS.map(() => undefined));
    const said = r.diagnostics.issues.find((i) => i.code === 'VALUE_ON_NEXT_LINE');
    expect(said?.cells).toContain('applications.newReceived.otherOrg');
    expect(said?.message).toContain('「3」');
    expect(r.diagnostics.issues.some((i) => i.code === 'CELL_INFERRED')).toBe(false);
    expect(values(r, 'carriedOver')).toEqual([1, 0, 0, 0, 0, 0, 1]);
  });

  it('the next row’s 序号 after a row printed one number short: never its 总计', () => {
    const r = ingestSync(
      report(['1 一、本年新收政府信息公开申请数量   244   239   0   0   0   483', `2 ${CARRIED}`]),
      { kind: 'text' },
    );
    expect(r.report.cells['applications.newReceived.total']?.value).not.toBe(2);
    expect(r.diagnostics.issues.some((i) => i.code === 'VALUE_ON_NEXT_LINE')).toBe(true);
  });

  it('the row’s last number wrapped onto a line of its own, the row adding up: read, and named', () => {
    const r = ingestSync(
      report(['一、本年新收政府信息公开申请数量   244   239   0   0   0   0', '483', CARRIED]),
      {
        kind: 'text',
      },
    );
    expect(values(r, 'newReceived')).toEqual([244, 239, 0, 0, 0, 0, 483]);
    const said = r.diagnostics.issues.find((i) => i.code === 'VALUE_ON_NEXT_LINE');
    expect(said?.severity).toBe('warning');
    expect(said?.cells).toEqual(['applications.newReceived.total']);
  });
});
