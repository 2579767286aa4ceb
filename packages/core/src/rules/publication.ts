import { daysUntil, publicationDeadline } from '../lifecycle.js';
import { ALL_EDITIONS, type Rule } from './types.js';

function deadlineRule(
  id: 'F1' | 'F2' | 'F3',
  severity: 'error' | 'warning',
  title: string,
  hint: string,
): Rule {
  return {
    meta: {
      id,
      severity,
      editions: ALL_EDITIONS,
      category: '未按时发布 / 发布渠道不规范',
      requires: 'publicationDate',
      title,
      hint,
      ...(id === 'F3'
        ? {
            options: { deadline: '01-31' },
            optionLabels: { deadline: '乡镇（街道）年报的发布截止日（月-日，如 01-31）' },
          }
        : {}),
    },
    check({ report, publishedOn, options }) {
      const d = publicationDeadline(report.meta, {
        ...(typeof options.deadline === 'string' ? { townshipDeadline: options.deadline } : {}),
      });
      if (!d || d.ruleId !== id || !publishedOn || publishedOn <= d.date) return [];
      const late = -daysUntil(d.date, publishedOn);
      return [
        {
          message: `${report.meta.year} 年度报告于 ${publishedOn} 发布，晚于${d.basis.endsWith('规定') ? d.basis : `${d.basis}规定`}的 ${d.date}（逾期 ${late} 天）`,
        },
      ];
    },
  };
}

export const F1 = deadlineRule(
  'F1',
  'error',
  '县级以上人民政府部门在次年 1 月 31 日前公布年报',
  '按条例第四十九条第一款，县级以上人民政府部门应在每年 1 月 31 日前公布上一年度年报。',
);

export const F2 = deadlineRule(
  'F2',
  'error',
  '县级以上地方人民政府的本级政府年报在次年 3 月 31 日前公布',
  '按条例第四十九条第二款，县级以上地方人民政府的年报应在每年 3 月 31 日前公布。',
);

export const F3 = deadlineRule(
  'F3',
  'warning',
  '乡镇人民政府、街道办事处在本地规定的期限前公布年报（默认次年 1 月 31 日）',
  '条例未规定乡镇、街道的期限，以本地通知为准；可在规则配置中设置本地期限（options.deadline，如 "02-20"）。',
);

export const publicationRules: readonly Rule[] = [F1, F2, F3];
