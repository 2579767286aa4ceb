import { describe, expect, it } from 'vitest';
import { blankBars, pieData, sumOrBlank } from './chartData';

const legal = ['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'];
const groups = [{ label: '法人或其他组织', names: legal }];

describe('roll-up charts: a blank is never drawn as 0', () => {
  it('a pie with a blank slice is not drawn, and says which slices are blank', () => {
    const mix = [{ name: '自然人', value: 12 }, ...legal.map((name) => ({ name, value: null }))];
    expect(pieData(mix, groups)).toEqual({
      kind: 'blank',
      text: '法人或其他组织 5 项有空白单元格，无法作图',
    });
    expect(
      pieData(
        [
          { name: '自然人', value: 3 },
          { name: '商业企业', value: null },
        ],
        groups,
      ),
    ).toEqual({
      kind: 'blank',
      text: '商业企业有空白单元格，无法作图',
    });
    expect(
      pieData([
        { name: '甲', value: null },
        { name: '乙', value: null },
        { name: '丙', value: null },
        { name: '丁', value: null },
      ]).kind === 'blank' &&
        (
          pieData([
            { name: '甲', value: null },
            { name: '乙', value: null },
            { name: '丙', value: null },
            { name: '丁', value: null },
          ]) as { text: string }
        ).text,
    ).toBe('甲、乙等 4 项有空白单元格，无法作图');
  });
  it('all numbers: drawn when some is above 0, nothing to draw when all are 0', () => {
    expect(
      pieData([
        { name: '自然人', value: 12 },
        { name: '商业企业', value: 0 },
      ]),
    ).toEqual({
      kind: 'pie',
      data: [
        { name: '自然人', value: 12 },
        { name: '商业企业', value: 0 },
      ],
    });
    expect(pieData([{ name: '自然人', value: 0 }])).toEqual({ kind: 'empty' });
  });
  it('a sum with a blank is blank; blank bars are said', () => {
    expect(sumOrBlank([1, 2])).toBe(3);
    expect(sumOrBlank([1, null])).toBeNull();
    expect(blankBars(['本年新收', '办结'], [{ name: '2024 年度', data: [null, 5] }])).toBe(
      '空白（未画柱）：2024 年度 本年新收',
    );
    expect(blankBars(['本年新收'], [{ name: '2024 年度', data: [0] }])).toBe('');
  });
});
