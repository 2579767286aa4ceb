import { describe, expect, it } from 'vitest';
import { changeText, deltaLabel } from './YearOnYear';

describe('同比 in words', () => {
  it('says up, down, level and what cannot be compared', () => {
    expect(changeText({ delta: 43, change: 43 / 129 })).toBe('+43（+33.3%）');
    expect(changeText({ delta: -2, change: -0.5 })).toBe('-2（-50%）');
    expect(changeText({ delta: 5, change: null })).toBe('+5');
    expect(changeText({ delta: 0, change: 0 })).toBe('持平');
    expect(changeText({ delta: null, change: null })).toBe('无法比较');
  });

  it('names an item by its printed cell whatever the comparison keys it by (a cell id or a label)', () => {
    const d = {
      key: 'applications.newReceived.total',
      label: '',
      currentCells: ['applications.newReceived.total'],
    } as never;
    expect(deltaLabel(d, '2021')).toMatch(/^表三 一、本年新收政府信息公开申请数量/);
    const two = { key: 'x', label: '行政诉讼合计', currentCells: ['a', 'b'] } as never;
    expect(deltaLabel(two, '2021')).toBe('行政诉讼合计');
  });
});
