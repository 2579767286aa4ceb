import { describe, expect, it } from 'vitest';
import { padEnd, padStart, table, truncate, truncateMiddle, width } from './text.js';

describe('terminal text width', () => {
  it('counts CJK and full-width punctuation as two columns', () => {
    expect(width('表三')).toBe(4);
    expect(width('（一）予以公开')).toBe(14);
    expect(width('abc')).toBe(3);
  });
  it('truncates and pads by columns', () => {
    expect(truncate('一、本年新收政府信息公开申请数量', 10)).toBe('一、本年…');
    expect(width(padEnd('自然人', 10))).toBe(10);
    expect(padStart('12', 5)).toBe('   12');
    expect(
      table(
        [
          ['机关', '年度'],
          ['某某镇人民政府', '2025'],
        ],
        ['l', 'r'],
      ).split('\n')[1],
    ).toBe('某某镇人民政府  2025');
  });
  it('cuts file names in the middle, keeping the end that tells them apart', () => {
    const a = truncateMiddle('reports/huaian-hongze-district-government-2023.pdf', 30);
    const b = truncateMiddle('reports/huaian-hongze-district-government-2024.pdf', 30);
    expect(width(a)).toBeLessThanOrEqual(30);
    expect(a).not.toBe(b);
    expect(a.endsWith('2023.pdf')).toBe(true);
    expect(a.startsWith('reports/')).toBe(true);
    expect(truncateMiddle('short.json', 30)).toBe('short.json');
    expect(
      width(truncateMiddle('淮安市洪泽区人民政府政府信息公开工作年度报告2023.txt', 20)),
    ).toBeLessThanOrEqual(20);
  });
});
