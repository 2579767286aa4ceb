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

/** A refused rule configuration, each refusal beside the rule it is about (the rest said apart). */
export interface RuleRefusals {
  /** By rule id: what is wrong with that row, for people (「选项「比例上限」不能为负数：-5」). */
  readonly byRule: Readonly<Record<string, readonly string[]>>;
  /** What names no rule of the catalogue. */
  readonly other: readonly string[];
}

/**
 * config.set's refusal split by rule: INVALID_RULE_CONFIG's `details.problems` (core's checkConfig,
 * 「规则 T3-W1 的选项 maxRatio 不能为负数：-5」) and INVALID_INPUT's `details.issues` (a path
 * `rules.<id>.options.<name>[.<key>]` or `rules.<id>.severity`). Null for any other error.
 */
export function ruleRefusals(e: unknown, rules: readonly RuleMeta[]): RuleRefusals | null {
  const data = (e as { data?: { appCode?: unknown; details?: Record<string, unknown> } } | null)?.data;
  const byRule: Record<string, string[]> = {};
  const other: string[] = [];
  const add = (id: string | undefined, text: string) => {
    if (!id || !rules.some((r) => r.id === id)) other.push(text);
    else byRule[id] = [...(byRule[id] ?? []), text];
  };
  if (data?.appCode === 'INVALID_RULE_CONFIG' && Array.isArray(data.details?.problems)) {
    for (const p of data.details.problems) {
      const text = labelRuleMessage(String(p), rules);
      const id = /^规则 (\S+) /.exec(text)?.[1];
      const known = rules.some((r) => r.id === id);
      add(id, known ? text.replace(/^规则 \S+ (的)?/, '') : text);
    }
  } else if (data?.appCode === 'INVALID_INPUT' && Array.isArray(data.details?.issues)) {
    for (const i of data.details.issues as { path?: unknown; message?: unknown }[]) {
      const [top, id, part, name, key] = String(i.path ?? '').split('.');
      const message = String(i.message ?? '');
      const rule = rules.find((r) => r.id === id);
      if (top !== 'rules' || !rule) {
        add(undefined, message);
        continue;
      }
      const what =
        part === 'severity'
          ? '级别'
          : part === 'options' && name
            ? `选项「${optionLabel(rule, name)}${key ? ` · ${rule.optionLabels?.[`${name}.${key}`] ?? key}` : ''}」`
            : '';
      add(id, what ? `${what}：${message}` : message);
    }
  } else return null;
  return { byRule, other };
}
