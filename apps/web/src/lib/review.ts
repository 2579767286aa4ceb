import {
  type CellId,
  countFindings,
  createEmptyReport,
  type Finding,
  SEVERITY_LABELS,
  TEXT_FIELD_TITLES,
  validate,
} from '@nianbao/core';
import { type RegionView, regionHref } from '../router';

/** What the region list counts as 「有错误的」 (summary line and filter alike): open errors, cross-year errors, or errors dismissed in triage. */
export function hasErrors(r: {
  openFindings: { error: number; crossYear: number };
  dismissedErrors: number;
}): boolean {
  return r.openFindings.error > 0 || r.openFindings.crossYear > 0 || r.dismissedErrors > 0;
}

/** Errors still open (未处理): what stops a report being approved in bulk. */
export function openErrors(r: { openFindings: { error: number; crossYear: number } }): number {
  return r.openFindings.error + r.openFindings.crossYear;
}

const VIEW_KEY = 'nianbao:region-view';
const QUEUE_KEY = 'nianbao:review-queue';

function read<T>(key: string): T | null {
  try {
    const raw = sessionStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

function write(key: string, value: unknown): void {
  try {
    sessionStorage.setItem(key, JSON.stringify(value));
  } catch {
    // storage full or off: the list still works, only not remembered
  }
}

/** The region list as the reviewer last left it in this tab (a bare 本地区报告 link opens it so). */
export function saveRegionView(v: RegionView): void {
  write(VIEW_KEY, v);
}

export function loadRegionView(): RegionView | null {
  const v = read<RegionView>(VIEW_KEY);
  return v && typeof v.year === 'number' ? v : null;
}

/** The reports of the filtered list, in its order, as the reviewer opened one of them: 下一份 goes by it. */
export interface ReviewQueue {
  readonly ids: readonly string[];
  /** The list's hash, to go back to. */
  readonly back: string;
  /** The filters in words (「已提交（待审核）· 只看有错误的」), or ''. */
  readonly label: string;
}

export function saveReviewQueue(q: ReviewQueue): void {
  write(QUEUE_KEY, q);
}

export function loadReviewQueue(): ReviewQueue | null {
  const q = read<ReviewQueue>(QUEUE_KEY);
  return q && Array.isArray(q.ids) && typeof q.back === 'string' ? q : null;
}

/** The report after `id` in the queue, its place (1-based) and the queue's length; null when `id` is not in it. */
export function queuePosition(
  q: ReviewQueue | null,
  id: string,
): { index: number; total: number; next: string | null; previous: string | null } | null {
  if (!q) return null;
  const i = q.ids.indexOf(id);
  if (i < 0) return null;
  return { index: i + 1, total: q.ids.length, next: q.ids[i + 1] ?? null, previous: q.ids[i - 1] ?? null };
}

export const STATUS_FILTER_LABELS: Record<string, string> = {
  submitted: '已提交（待审核）',
  returned: '已退回',
  approved: '已通过',
  published: '已发布',
  draft: '草稿',
  none: '未创建',
};

export function filterLabel(v: RegionView): string {
  return [v.status ? STATUS_FILTER_LABELS[v.status] : '', v.errorsOnly ? '只看有错误的' : '']
    .filter(Boolean)
    .join(' · ');
}

export { regionHref };

const emptyCounts = new Map<number, Record<string, number>>();

/** The findings of a report nothing has been typed into yet (one 「应填 0」 warning per blank row, …), per year. */
function emptyFindings(year: number): Record<string, number> {
  let c = emptyCounts.get(year);
  if (!c) {
    c = countFindings(validate(createEmptyReport({ year, agency: '空白' })));
    emptyCounts.set(year, c);
  }
  return c;
}

/**
 * A report whose tables have not been filled in yet: a draft never saved since created, with the
 * warnings of an empty report (its 「应填 0」 warnings say 未填写, not problems to look at one by one).
 */
export function isUnfilled(r: {
  year: number;
  status: string;
  version: number;
  openFindings: { error: number; crossYear: number; warning: number; info: number };
  dismissedErrors: number;
}): boolean {
  // Never saved since it was created (version 1: nothing typed; an import's version 1 is filled and
  // has fewer blank rows).
  if (r.status !== 'draft' || r.version !== 1 || r.dismissedErrors > 0) return false;
  try {
    const e = emptyFindings(r.year);
    // At least the blank rows' warnings (the deployment's rules may add one or two, as a late
    // publication date), and no error: a table half filled has 勾稽 errors or fewer blank rows.
    return (
      (e.warning ?? 0) > 0 &&
      r.openFindings.warning >= (e.warning ?? 0) &&
      r.openFindings.error === 0 &&
      r.openFindings.crossYear === 0
    );
  } catch {
    return false;
  }
}

const DRAFT_PREFIX = 'nianbao:return-draft:';

/** The reviewer's unsent return comment of a report, kept in this tab until it is sent. */
export function loadReturnDraft(id: string): string {
  try {
    return sessionStorage.getItem(DRAFT_PREFIX + id) ?? '';
  } catch {
    return '';
  }
}

export function saveReturnDraft(id: string, text: string): void {
  try {
    if (text) sessionStorage.setItem(DRAFT_PREFIX + id, text);
    else sessionStorage.removeItem(DRAFT_PREFIX + id);
  } catch {
    // storage off: the draft lives as long as the page
  }
}

/** 「错误 2 个、跨年 4 个」: the words and order of the findings panel's counts. */
export function errorCountWords(c: { error: number; crossYear: number }): string {
  return `${SEVERITY_LABELS.error} ${c.error} 个、${SEVERITY_LABELS.crossYear} ${c.crossYear} 个`;
}

/** A finding as a line of a return comment: where it is, then its message as the findings panel shows it. */
export function findingLine(f: Finding, labels: ReadonlyMap<CellId, string>): string {
  const where = f.cells.length
    ? (labels.get(f.cells[0]!) ?? f.cells[0]!) + (f.cells.length > 1 ? ` 等 ${f.cells.length} 格` : '')
    : f.section
      ? (TEXT_FIELD_TITLES[f.section] ?? f.section)
      : '';
  return `【${SEVERITY_LABELS[f.severity]} ${f.ruleId}】${where ? `${where}：` : ''}${f.message}`;
}
