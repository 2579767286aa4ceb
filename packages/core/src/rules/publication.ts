import { ALL_EDITIONS, type FindingDraft, type Rule, type RuleContext } from './types.js';

const LATE = '未按时发布 / 发布渠道不规范' as const;

function deadlineRule(
  id: 'F1' | 'F2' | 'F3',
  severity: 'error' | 'warning',
  title: string,
  hint: string,
  applies: (ctx: RuleContext) => boolean,
  defaultMonthDay: string,
  basis: string,
): Rule {
  return {
    meta: {
      id,
      severity,
      editions: ALL_EDITIONS,
      category: LATE,
      requires: 'publicationDate',
      title,
      hint,
      options: { deadline: defaultMonthDay },
    },
    check(ctx) {
      if (!applies(ctx) || !ctx.publishedOn) return [];
      const md =
        typeof ctx.options.deadline === 'string' && /^\d{2}-\d{2}$/.test(ctx.options.deadline)
          ? ctx.options.deadline
          : defaultMonthDay;
      const deadline = `${ctx.report.meta.year + 1}-${md}`;
      if (ctx.publishedOn <= deadline) return [];
      const days = Math.round((Date.parse(ctx.publishedOn) - Date.parse(deadline)) / 86_400_000);
      const out: FindingDraft[] = [
        {
          message: `${ctx.report.meta.year} 年度报告于 ${ctx.publishedOn} 发布，晚于${basis}规定的 ${deadline}（逾期 ${days} 天）`,
        },
      ];
      return out;
    },
  };
}

const COUNTY_UP = new Set(['国务院部门', '省级', '市级', '县级']);

export const F1 = deadlineRule(
  'F1',
  'error',
  '县级以上人民政府部门在次年 1 月 31 日前公布年报',
  '按条例第四十九条第一款，县级以上人民政府部门应在每年 1 月 31 日前公布上一年度年报。',
  ({ report }) => report.meta.agency.kind === '政府部门' && COUNTY_UP.has(report.meta.agency.level ?? ''),
  '01-31',
  '条例第四十九条第一款',
);

export const F2 = deadlineRule(
  'F2',
  'error',
  '县级以上地方人民政府的本级政府年报在次年 3 月 31 日前公布',
  '按条例第四十九条第二款，县级以上地方人民政府的年报应在每年 3 月 31 日前公布。',
  ({ report }) =>
    report.meta.agency.kind === '人民政府' &&
    ['省级', '市级', '县级'].includes(report.meta.agency.level ?? ''),
  '03-31',
  '条例第四十九条第二款',
);

export const F3 = deadlineRule(
  'F3',
  'warning',
  '乡镇人民政府、街道办事处在本地规定的期限前公布年报（默认次年 1 月 31 日）',
  '条例未规定乡镇、街道的期限，以本地通知为准；可在规则配置中设置本地期限。',
  ({ report }) => report.meta.agency.level === '乡镇级' || report.meta.agency.kind === '街道办事处',
  '01-31',
  '本地',
);

export const publicationRules: readonly Rule[] = [F1, F2, F3];
