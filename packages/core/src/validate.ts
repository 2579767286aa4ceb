import {
  type CellId,
  getEdition,
  SECTION_KEYS,
  type SectionKey,
  TABLE_KEYS,
  type TableKey,
} from './editions/index.js';
import { isMonthDay } from './lifecycle.js';
import { NianbaoError, type Report } from './model.js';
import { RULES, RULES_BY_ID } from './rules/index.js';
import {
  type Finding,
  type Rule,
  type RuleContext,
  type RuleSetting,
  SEVERITIES,
  type Severity,
  type ValidationConfig,
} from './rules/types.js';

export interface ValidateOptions {
  /** The same agency's report for the year before: enables the cross-year rules X1–X6. */
  readonly previous?: Report;
  /** Deployment settings: rules off, severities, thresholds. */
  readonly config?: ValidationConfig;
  /** Publication date (YYYY-MM-DD) when not in the report's meta: enables F1–F3. */
  readonly publicationDate?: string;
  /** Only these rule ids. */
  readonly only?: readonly string[];
  /**
   * Today's date (YYYY-MM-DD) as the caller's clock has it (core has none): a report of a year that
   * has not ended yet gets a finding (S9). Absent: that is not checked.
   */
  readonly today?: string;
}

interface Effective {
  readonly rule: Rule;
  readonly severity: Severity;
  readonly options: Readonly<Record<string, unknown>>;
}

function effective(rule: Rule, setting: RuleSetting | undefined): Effective | undefined {
  if (setting === 'off') return undefined;
  if (typeof setting === 'string') return { rule, severity: setting, options: rule.meta.options ?? {} };
  if (setting && setting.enabled === false) return undefined;
  return {
    rule,
    severity: setting?.severity ?? rule.meta.severity,
    options: { ...(rule.meta.options ?? {}), ...(setting?.options ?? {}) },
  };
}

/** Check a config: unknown rule ids and severities come back as 简体中文 messages. */
export function checkConfig(config: ValidationConfig): string[] {
  const problems: string[] = [];
  for (const [id, s] of Object.entries(config.rules ?? {})) {
    const rule = RULES_BY_ID.get(id);
    if (!rule) problems.push(`未知的规则：${id}`);
    const sev = typeof s === 'string' ? (s === 'off' ? undefined : s) : s.severity;
    if (sev !== undefined && !SEVERITIES.includes(sev))
      problems.push(`规则 ${id} 的级别无效：${String(sev)}`);
    if (rule && typeof s === 'object' && s.options)
      problems.push(...checkOptions(id, rule.meta.options ?? {}, s.options));
  }
  return problems;
}

/**
 * Where each numeric option makes sense (by option name: the same name means the same thing in every
 * rule). Outside it a rule would never fire (a 结转 ratio of 500%) or always fire (a factor of 0):
 * refused with what to write instead.
 */
const OPTION_RANGES: Readonly<
  Record<string, { min: number; above?: boolean; max?: number; integer?: boolean; say: string }>
> = {
  threshold: { min: 0, above: true, max: 1, say: '应大于 0、不大于 1（0.9 即 90%）' },
  maxRatio: { min: 0, above: true, max: 1, say: '应大于 0、不大于 1（0.5 即 50%）' },
  factor: { min: 1, above: true, say: '应大于 1（10 即相差十倍）' },
  governmentFactor: { min: 1, say: '应不小于 1' },
  minLength: { min: 0, integer: true, say: '应为不小于 0 的整数' },
  minCount: { min: 0, integer: true, say: '应为不小于 0 的整数' },
  maxByLevel: { min: 0, above: true, say: '应大于 0' },
};

/**
 * A rule's options as its defaults have them: known names, the same type, numbers finite and in the
 * range where the option means something (OPTION_RANGES), a deadline a real MM-DD, a table of limits by
 * level with known levels — a wrong option is said, never a rule silently off or a threshold of -500%.
 */
function checkOptions(
  id: string,
  defaults: Readonly<Record<string, unknown>>,
  options: Readonly<Record<string, unknown>>,
): string[] {
  const out: string[] = [];
  const number = (name: string, v: unknown, range = OPTION_RANGES[name.split('.')[0]!]) => {
    if (typeof v !== 'number' || !Number.isFinite(v))
      out.push(`规则 ${id} 的选项 ${name} 应为数字，实际为 ${JSON.stringify(v)}`);
    else if (v < 0 && !range) out.push(`规则 ${id} 的选项 ${name} 不能为负数：${v}`);
    else if (
      range &&
      (v < range.min ||
        (range.above && v === range.min) ||
        (range.max !== undefined && v > range.max) ||
        (range.integer && !Number.isInteger(v)))
    )
      out.push(`规则 ${id} 的选项 ${name} ${range.say}，实际为 ${v}`);
  };
  for (const [name, v] of Object.entries(options)) {
    const d = defaults[name];
    if (d === undefined) {
      const known = Object.keys(defaults);
      out.push(`规则 ${id} 没有选项 ${name}${known.length ? `（可用：${known.join('、')}）` : ''}`);
    } else if (typeof d === 'number') number(name, v);
    else if (typeof d === 'string') {
      if (typeof v !== 'string') out.push(`规则 ${id} 的选项 ${name} 应为文本，实际为 ${JSON.stringify(v)}`);
      else if (name === 'deadline' && !isMonthDay(v))
        out.push(
          /^\d{1,2}-\d{1,2}$/.test(v) && !/^\d{2}-\d{2}$/.test(v)
            ? `规则 ${id} 的选项 ${name} 的月和日应各写两位，如 03-31，实际为 "${v}"`
            : /^\d{2}-\d{2}$/.test(v)
              ? `规则 ${id} 的选项 ${name} 不是实际存在的日期（月-日）："${v}"，请写如 01-31`
              : `规则 ${id} 的选项 ${name} 应为月-日，如 01-31，实际为 ${JSON.stringify(v)}`,
        );
    } else if (typeof d === 'object' && d !== null) {
      if (typeof v !== 'object' || v === null || Array.isArray(v))
        out.push(`规则 ${id} 的选项 ${name} 应为对象，实际为 ${JSON.stringify(v)}`);
      else
        for (const [k, x] of Object.entries(v)) {
          if (!(k in d))
            out.push(`规则 ${id} 的选项 ${name} 中没有 ${k}（可用：${Object.keys(d).join('、')}）`);
          else number(`${name}.${k}`, x);
        }
    }
  }
  return out;
}

/**
 * Run the rule catalogue over a report. Pure: the form, the server and the terminal UI call this
 * one function and show the same findings.
 */
export function validate(report: Report, options: ValidateOptions = {}): Finding[] {
  const edition = getEdition(report.meta.edition);
  const publishedOn = options.publicationDate ?? report.meta.publishedOn;
  if (options.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(options.today))
    throw new NianbaoError(
      'INVALID_OPTION',
      `validate 的 today 应为 YYYY-MM-DD 格式的日期，实际为 ${JSON.stringify(options.today)}`,
      {
        today: options.today,
      },
    );
  const settings = options.config?.rules ?? {};
  const only = options.only ? new Set(options.only) : undefined;
  let allTextCache: string | undefined;
  const compact = new Map<SectionKey, string>();
  let byTable: Map<TableKey, CellId[]> | undefined;
  // One context object for every rule (a fixed shape; only `options` changes between rules).
  const ctx: { -readonly [K in keyof RuleContext]: RuleContext[K] } = {
    report,
    edition,
    previous: options.previous,
    publishedOn,
    today: options.today,
    options: {},
    value: (id: string) => report.cells[id]?.value,
    cell: (id: string) => report.cells[id],
    def: (id: string) => edition.cellIndex.get(id),
    text: (s: SectionKey) => report.sections[s] ?? '',
    compactText: (s: SectionKey) => {
      let t = compact.get(s);
      if (t === undefined) {
        t = (report.sections[s] ?? '').replace(/\s+/g, '');
        compact.set(s, t);
      }
      return t;
    },
    tableCells: (t: TableKey) => {
      if (!byTable) {
        const lists: Record<TableKey, CellId[]> = {
          activeDisclosure: [],
          applications: [],
          reviewLitigation: [],
        };
        for (const id of Object.keys(report.cells)) {
          // The third letter tells the three tables apart (acT…, apP…, reV…); startsWith confirms.
          const c = id.charCodeAt(2);
          const t: TableKey | undefined =
            c === 116
              ? 'activeDisclosure'
              : c === 112
                ? 'applications'
                : c === 118
                  ? 'reviewLitigation'
                  : undefined;
          if (t && id.startsWith(t) && id.charCodeAt(t.length) === 46) lists[t].push(id);
        }
        byTable = new Map(TABLE_KEYS.map((k) => [k, lists[k]]));
      }
      return byTable.get(t) ?? [];
    },
    allText: () =>
      (allTextCache ??= [report.preamble ?? '', ...SECTION_KEYS.map((k) => report.sections[k] ?? '')].join(
        '\n',
      )),
  };
  const downgradeStructure = report.meta.year === 2019;
  const findings: Finding[] = [];
  for (const rule of RULES) {
    if (only && !only.has(rule.meta.id)) continue;
    if (!rule.meta.editions.includes(edition.id)) continue;
    if (rule.meta.requires === 'previous' && !options.previous) continue;
    if (rule.meta.requires === 'publicationDate' && !publishedOn) continue;
    const eff = effective(rule, settings[rule.meta.id]);
    if (!eff) continue;
    ctx.options = eff.options;
    let severity = eff.severity;
    if (downgradeStructure && rule.meta.id.startsWith('S') && severity === 'error') severity = 'warning';
    for (const d of rule.check(ctx)) {
      const status = d.status ?? 'failed';
      findings.push({
        ruleId: rule.meta.id,
        severity: status === 'unchecked' ? 'info' : severity,
        category: rule.meta.category,
        message: d.message,
        cells: d.cells ?? [],
        expected: d.expected ?? null,
        actual: d.actual ?? null,
        ...(d.bound ? { bound: d.bound } : {}),
        ...(d.measure ? { measure: d.measure } : {}),
        status,
        hint: rule.meta.hint,
        ...(d.section ? { section: d.section } : {}),
      });
    }
  }
  return findings;
}

/**
 * What a finding expected beside what it found, in 简体中文 — 「应为 86，实为 74」, 「应不少于 40，实为 12」,
 * a share as percentages 「应低于 90%，实为 100%」, a table's cells 「应有 161 个单元格，只读到 14 个」 — or null when it has no such pair. The form, the terminal UI and reports say it alike.
 */
export function expectation(f: Pick<Finding, 'expected' | 'actual' | 'bound' | 'measure'>): string | null {
  if (f.expected === null || f.actual === null) return null;
  // A table's cells counted (S4–S6): how many there should be and how many there are, not a sum.
  if (f.measure === 'cellCount')
    return f.actual === 0
      ? `应有 ${f.expected} 个单元格，一个也没有读到`
      : `应有 ${f.expected} 个单元格，只读到 ${f.actual} 个`;
  const how =
    f.bound === 'atLeast'
      ? '应不少于'
      : f.bound === 'atMost'
        ? '应不超过'
        : f.bound === 'below'
          ? '应低于'
          : '应为';
  // a share (X5's similarity, 0.9) as people say it: 90%
  // (to the digit the rule gives it: 0.9002 beside a limit of 0.9 is 90.02%)
  const shown = (v: number) => (f.measure === 'share' ? `${Number((v * 100).toFixed(6))}%` : String(v));
  return `${how} ${shown(f.expected)}，实为 ${shown(f.actual)}`;
}

/** Counts by severity, failed findings only (what the form and the folder view show). */
export function countFindings(
  findings: readonly Finding[],
): Record<Severity, number> & { unchecked: number } {
  const out = { error: 0, crossYear: 0, warning: 0, info: 0, unchecked: 0 };
  for (const f of findings) {
    if (f.status === 'unchecked') out.unchecked++;
    else out[f.severity]++;
  }
  return out;
}

/** The catalogue as plain data (for `nianbao rules`, the admin page and the API). */
export function describeRules(): {
  id: string;
  severity: Severity;
  editions: readonly string[];
  category: string;
  title: string;
  hint: string;
  requires?: string;
  options?: Readonly<Record<string, unknown>>;
}[] {
  return RULES.map((r) => ({ ...r.meta }));
}

/**
 * A finding's identity across re-validation: rule, cells and section (not the message, which carries
 * numbers), with `#n` for a repeat. The server keeps triage decisions (confirmed / dismissed) under
 * this key, and the form matches its live findings to them by it.
 */
export function keyFindings<F extends Pick<Finding, 'ruleId' | 'cells' | 'section'>>(
  findings: readonly F[],
): (F & { key: string })[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const base = `${f.ruleId}|${f.cells.join(',')}|${f.section ?? ''}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return { ...f, key: n ? `${base}#${n}` : base };
  });
}
