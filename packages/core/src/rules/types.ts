import type { CellDef, CellId, Edition, EditionId, SectionKey, TableKey } from '../editions/index.js';
import type { Cell, Report } from '../model.js';

/** error: 格式或勾稽错误; crossYear: 跨年不衔接 (shown at error level in its own group); warning; info. */
export type Severity = 'error' | 'crossYear' | 'warning' | 'info';
export const SEVERITIES: readonly Severity[] = ['error', 'crossYear', 'warning', 'info'];
export const SEVERITY_LABELS: Record<Severity, string> = {
  error: '错误',
  crossYear: '跨年',
  warning: '警告',
  info: '提示',
};

export type RuleCategory =
  | '使用旧版格式 / 格式不规范'
  | '要素缺失（章节、表格缺失）'
  | '数据勾稽关系错误'
  | '数据不规范（空白、单位、非整数）'
  | '数据不合理'
  | '图文数据不一致'
  | '跨年度数据不衔接'
  | '内容不全面'
  | '内容空泛 / 雷同'
  | '未按时发布 / 发布渠道不规范';

export interface RuleMeta {
  /** As in domain.md §6: S1, T3-B, X1 … */
  readonly id: string;
  readonly severity: Severity;
  readonly editions: readonly EditionId[];
  readonly category: RuleCategory;
  /** What it checks (简体中文). */
  readonly title: string;
  /** How to fix (简体中文). */
  readonly hint: string;
  /** Rules that need more than the report itself. */
  readonly requires?: 'previous' | 'publicationDate';
  /** Default thresholds; a deployment overrides them through config. */
  readonly options?: Readonly<Record<string, unknown>>;
  /**
   * What each option is, for people (简体中文, with its unit): every key of `options` has one, and
   * a key of an object option (maxByLevel's levels) is labelled as `key.sub` where it needs more
   * than its own name.
   */
  readonly optionLabels?: Readonly<Record<string, string>>;
}

export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly category: RuleCategory;
  /** 简体中文 with the numbers in it. */
  readonly message: string;
  /** The exact cells involved (cell ids); empty for text/structure findings. */
  readonly cells: readonly CellId[];
  readonly expected: number | null;
  readonly actual: number | null;
  /** How `expected` bounds `actual` (absent: `actual` should equal it). */
  readonly bound?: Bound;
  /** What `expected` and `actual` count, where they are not the values of cells: `cellCount`, how many cells a table has; `share`, a fraction shown as a percentage. */
  readonly measure?: Measure;
  /** failed: the check failed; unchecked: it could not be checked (blank operand, missing data). */
  readonly status: 'failed' | 'unchecked';
  readonly hint: string;
  /** Where the finding is about a narrative section. */
  readonly section?: SectionKey;
}

/** `expected` as a limit: at least, at most, or below (a similarity under its threshold). */
export type Bound = 'atLeast' | 'atMost' | 'below';

/**
 * What a finding's `expected` and `actual` count (absent: values, sums, lengths as the message says):
 * `cellCount`, how many cells a table has; `share`, a fraction (0.9) that people read as a percentage (90%).
 */
export type Measure = 'cellCount' | 'share';

export interface FindingDraft {
  readonly message: string;
  readonly cells?: readonly CellId[];
  readonly expected?: number | null;
  readonly actual?: number | null;
  readonly bound?: Bound;
  readonly measure?: Measure;
  readonly status?: 'failed' | 'unchecked';
  readonly section?: SectionKey;
}

export interface RuleContext {
  readonly report: Report;
  readonly edition: Edition;
  readonly previous: Report | undefined;
  /** ISO date the report was published (options.publicationDate or meta.publishedOn). */
  readonly publishedOn: string | undefined;
  /** Today (YYYY-MM-DD) when the caller gave it (validate's `today`). */
  readonly today: string | undefined;
  /** The rule's options: its defaults merged with the deployment's config. */
  readonly options: Readonly<Record<string, unknown>>;
  value(id: CellId): number | null | undefined;
  cell(id: CellId): Cell | undefined;
  def(id: CellId): CellDef | undefined;
  text(section: SectionKey): string;
  /** The section's text with all whitespace removed (PDF extraction breaks words with spaces). */
  compactText(section: SectionKey): string;
  /** Cell ids present in the report for a table, in report order (computed once per validate). */
  tableCells(table: TableKey): readonly CellId[];
  /** Every narrative text of the report joined (preamble and the six sections). */
  allText(): string;
}

export interface Rule {
  readonly meta: RuleMeta;
  check(ctx: RuleContext): readonly FindingDraft[];
}

export type RuleSetting =
  | 'off'
  | Severity
  | {
      readonly enabled?: boolean;
      readonly severity?: Severity;
      readonly options?: Readonly<Record<string, unknown>>;
    };

/** Deployment configuration: switch rules off, change severities and thresholds. */
export interface ValidationConfig {
  readonly rules?: Readonly<Record<string, RuleSetting>>;
}

export const ALL_EDITIONS: readonly EditionId[] = ['2019-trial', '2021'];

export function num(options: Readonly<Record<string, unknown>>, key: string, fallback: number): number {
  const v = options[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}
