import { SEVERITIES, type Severity } from '@nianbao/core';

/** A rule as the catalogue describes it (core's meta; `optionLabels` where core names its options). */
export interface RuleMeta {
  id: string;
  severity: Severity;
  category: string;
  requires?: string;
  options?: Readonly<Record<string, unknown>>;
  optionLabels?: Readonly<Record<string, string>>;
}

/** What each option means, for people, where the catalogue does not say (core's optionLabels win). */
const FALLBACK_LABELS: Readonly<Record<string, string>> = {
  maxRatio: '比例上限',
  threshold: '相似度阈值',
  minLength: '最少字数',
  factor: '倍数',
  minCount: '最少件数',
  deadline: '截止日期（月-日）',
  maxByLevel: '金额上限（万元）',
  governmentFactor: '人民政府或区域报告的上限倍数',
};

/** An option's name for people: core's label, else ours, else its key. */
export function optionLabel(rule: Pick<RuleMeta, 'optionLabels'>, name: string): string {
  return rule.optionLabels?.[name] ?? FALLBACK_LABELS[name] ?? name;
}

/** One input per option of a rule (a table of limits by level: one per level), its default shown. */
export function optionFields(rule: RuleMeta): { key: string; label: string; placeholder: string }[] {
  return Object.entries(rule.options ?? {}).flatMap(([name, d]) =>
    typeof d === 'object' && d !== null
      ? Object.entries(d as Record<string, unknown>).map(([k, x]) => ({
          key: `${name}.${k}`,
          label: `${optionLabel(rule, name)} · ${rule.optionLabels?.[`${name}.${k}`] ?? k}`,
          placeholder: String(x),
        }))
      : [{ key: name, label: optionLabel(rule, name), placeholder: String(d) }],
  );
}

/** A rule comparing with the previous year's report (only those may be set to 跨年). */
export function isCrossYear(rule: Pick<RuleMeta, 'requires' | 'category' | 'severity'>): boolean {
  return rule.requires === 'previous' || rule.severity === 'crossYear' || rule.category.includes('跨年');
}

/** The severities a rule may be given: 跨年 only for cross-year rules (or one already set so). */
export function severitiesFor(rule: RuleMeta, current?: string): Severity[] {
  return SEVERITIES.filter((s) => s !== 'crossYear' || isCrossYear(rule) || current === 'crossYear');
}

/**
 * A message from the server naming options by key (「规则 T3-W1 的选项 maxRatio 应为数字」) told with
 * their labels (「规则 T3-W1 的选项「比例上限」应为数字」); anything else unchanged.
 */
export function labelRuleMessage(message: string, rules: readonly RuleMeta[]): string {
  return message.replace(
    /规则 (\S+) (的选项|没有选项) ([A-Za-z][\w.]*) ?/g,
    (all, id: string, how: string, name: string) => {
      const rule = rules.find((r) => r.id === id);
      if (!rule) return all;
      const label = optionLabel(rule, name);
      return label === name ? all : `规则 ${id} ${how}「${label}」`;
    },
  );
}
