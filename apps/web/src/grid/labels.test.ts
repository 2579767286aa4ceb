import { describe, expect, it } from 'vitest';
import { cellLabels } from './labels';

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
