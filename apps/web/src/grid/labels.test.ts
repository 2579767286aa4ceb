import { describe, expect, it } from 'vitest';
import { cellDescription, cellLabels } from './labels';

describe('cell labels', () => {
  it('name a cell by its whole row path and column heads, as the printed table does', () => {
    const l = cellLabels('2021');
    // 「3.其他」 alone does not say it is under （六）其他处理
    expect(l.get('applications.other_other.naturalPerson')).toBe(
      '表三 三、本年度办理结果 （六）其他处理 3.其他 · 申请人情况 自然人',
    );
    expect(l.get('applications.other_other.commercialEnterprise')).toContain('法人或其他组织 商业企业');
    expect(l.get('activeDisclosure.licensing.decisions')).toMatch(/^表二 第二十条第（五）项 行政许可 · /);
    // 表四 has no row labels: its column heads said once, as printed.
    for (const ed of ['2021', '2019-trial'] as const) {
      const l4 = cellLabels(ed);
      expect(l4.get('reviewLitigation.review.corrected')).toBe('表四 行政复议 · 结果纠正');
      expect(l4.get('reviewLitigation.litigationAfterReview.pending')).toBe(
        '表四 行政诉讼 复议后起诉 · 尚未审结',
      );
      expect(l4.get('reviewLitigation.litigationDirect.total')).toBe('表四 行政诉讼 未经复议直接起诉 · 总计');
    }
  });
});

describe('a cell’s description (what a screen reader says after its name and number)', () => {
  const count = { derived: false, valueType: 'count' } as const;
  it('nothing for a plain cell; the chips’ words for a total, a signed count, an amount', () => {
    expect(cellDescription(count)).toBe('');
    expect(cellDescription({ ...count, derived: true })).toBe('自动计算');
    expect(cellDescription({ derived: false, valueType: 'signedCount' })).toBe('可为负数');
    expect(cellDescription({ derived: false, valueType: 'money', unit: '万元' })).toBe('金额（万元）');
    expect(cellDescription({ derived: false, valueType: 'money', unit: null })).toBe('金额');
  });
  it('a printed total that disagrees: said first with its numbers; then the worst finding and how many more', () => {
    expect(
      cellDescription(
        { ...count, derived: true },
        {
          status: 'error',
          conflict: true,
          title:
            '印制的合计为 86，各项之和为 6（已保留印制值）；按 Tab 或 F2 处理\nT3-H：总计不等于各类申请人之和\nT3-B：另一条',
        },
      ),
    ).toBe(
      '印制的总计与各项之和不符；印制的合计为 86，各项之和为 6（已保留印制值）；按 Tab 或 F2 处理；错误：T3-H：总计不等于各类申请人之和；另有 1 个问题，见检查结果',
    );
    expect(cellDescription(count, { status: 'unchecked', title: 'X1：未能核对' })).toBe(
      '未能核对：X1：未能核对',
    );
  });
});
