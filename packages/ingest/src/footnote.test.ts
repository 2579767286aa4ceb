/**
 * A footnote mark after a number (「1²」「5*」) is taken off — but when the row's sums contradict the
 * number so read, the mark may be a digit: said on the cell (warning), not an info note only (QA
 * report qa-ingest2, item 12).
 */
import { describe, expect, it } from 'vitest';
import { ingestSync } from './index.js';

function html(newReceived: string[]): string {
  const row = (label: string, cells: string[]) =>
    `<tr><td>${label}</td>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`;
  return `<html><body><h1>某某县人民政府2024年政府信息公开工作年度报告</h1>
<h2>三、收到和处理政府信息公开申请情况</h2><table>
${row('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'])}
${row('一、本年新收政府信息公开申请数量', newReceived)}
${row('二、上年结转政府信息公开申请数量', ['1', '0', '0', '0', '0', '0', '1'])}
</table><h2>五、存在的主要问题及改进情况</h2><p>无。</p></body></html>`;
}

describe('a footnote mark after a number', () => {
  it.each([
    ['1<sup>2</sup>', '总计', 'total'],
    ['5*', '自然人', 'naturalPerson'],
  ])('「%s」 in a row that does not add up so read: a warning on the cell', (printed, _label, key) => {
    const cells = ['10', '2', '0', '0', '0', '0', '12'];
    cells[key === 'total' ? 6 : 0] = printed;
    const r = ingestSync(html(cells), { kind: 'html' });
    const w = r.diagnostics.issues.find((i) => i.code === 'VALUE_FOOTNOTE_DOUBTFUL');
    expect(w?.severity).toBe('warning');
    expect(w?.cell).toBe(`applications.newReceived.${key}`);
  });

  it('where the row adds up so read, the mark is a footnote: an info note only', () => {
    const r = ingestSync(html(['10', '2', '0', '0', '0', '0', '12<sup>1</sup>']), { kind: 'html' });
    expect(r.report.cells['applications.newReceived.total']?.value).toBe(12);
    expect(r.diagnostics.issues.some((i) => i.code === 'VALUE_FOOTNOTE_DOUBTFUL')).toBe(false);
  });
});
