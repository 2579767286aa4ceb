import {
  type CellId,
  countFindings,
  createEmptyReport,
  type Finding,
  SEVERITY_LABELS,
  TEXT_FIELD_TITLES,
  validate,
} from '@nianbao/core';
import { parseRegionView, type RegionView, regionHref } from '../router';

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

/**
 * The region list's view as the address keeps it: the router's year, scope and filters, and the
 * name filter (`q`) and the page (`page`, shown from 1) — Back, a reload, 返回列表 and a link keep
 * them (the list forgot the page: 第 101–200 个 → a report → 返回列表 → page 1).
 */
export interface ListView extends RegionView {
  /** Matches an agency's name or the names of where it is (its parent…). */
  readonly q?: string | undefined;
  /** From 0. */
  readonly page?: number | undefined;
}

export function listHref(v: ListView): string {
  const q = new URLSearchParams(regionHref(v).split('?')[1]);
  if (v.q?.trim()) q.set('q', v.q);
  if (v.page && v.page > 0) q.set('page', String(v.page + 1));
  return `#/region?${q.toString()}`;
}

export function parseListView(query: URLSearchParams, defaultYear: number): ListView {
  const page = Math.floor(Number(query.get('page')));
  return {
    ...parseRegionView(query, defaultYear),
    q: query.get('q') ?? '',
    page: Number.isFinite(page) && page > 1 ? page - 1 : 0,
  };
}

/**
 * What a link to the region list shows. The bare page — the start page (#/) or #/region naming
 * nothing, as the header's 本地区报告 links it — opens the list as the reviewer left it in this tab
 * (year, scope, filters and page). An address naming any of the list's parameters (year, node,
 * status, errors, q, page) shows just what it says: #/region?year=2025, bookmarked or sent to a
 * colleague, was rewritten to the saved 「…&errors=1&q=示例县」 and showed a filtered list (QA).
 * Null: show the address as it is.
 */
export function restoredView(query: URLSearchParams, kept: ListView | null): ListView | null {
  if (!kept) return null;
  for (const k of ['year', 'node', 'status', 'errors', 'q', 'page']) if (query.has(k)) return null;
  return kept;
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

/** The region list as the reviewer last left it in this tab (the bare #/region of 本地区报告 opens it so). */
export function saveRegionView(v: ListView): void {
  write(VIEW_KEY, v);
}

export function loadRegionView(): ListView | null {
  const v = read<ListView>(VIEW_KEY);
  return v && typeof v.year === 'number' ? v : null;
}

/** The reports of the filtered list, in its order, as the reviewer opened one of them: 下一份 goes by it. */
export interface ReviewQueue {
  /** The list's reports when one was opened (its order, and the fallback while the list loads). */
  readonly ids: readonly string[];
  /** The list's hash, to go back to. */
  readonly back: string;
  /** The filters in words (「已提交（待审核）· 只看有错误的」), or ''. */
  readonly label: string;
  /**
   * The list's view (its scope's agency id, year and filters): the report page reads the list as it
   * is now by it, so a report that left it (approved out of 「已提交」) no longer counts. Absent in a
   * queue saved before it was kept: the ids alone then.
   */
  readonly view?: ListView & { readonly node: string };
}

export function saveReviewQueue(q: ReviewQueue): void {
  write(QUEUE_KEY, q);
}

export function loadReviewQueue(): ReviewQueue | null {
  const q = read<ReviewQueue>(QUEUE_KEY);
  return q && Array.isArray(q.ids) && typeof q.back === 'string' ? q : null;
}

/** A node of the agency tree as the region list shows it. */
export interface TreeNode {
  readonly id: string;
  readonly children: readonly TreeNode[];
}

export function flattenTree<N extends TreeNode>(
  node: N,
  depth = 0,
  out: { node: N; depth: number }[] = [],
): { node: N; depth: number }[] {
  out.push({ node, depth });
  for (const c of node.children) flattenTree(c as N, depth + 1, out);
  return out;
}

export function findTreeNode<N extends TreeNode>(nodes: readonly N[], id: string): N | undefined {
  for (const n of nodes) {
    if (n.id === id) return n;
    const hit = findTreeNode(n.children as readonly N[], id);
    if (hit) return hit;
  }
  return undefined;
}

/**
 * Where each agency of a scope is: the names above it below the scope, nearest last (a 马坊镇 of
 * a city: [安平县人民政府]). The list's names repeat (every county has its 城关镇): filtered rows and
 * the bulk dialogs name the place with them.
 */
export function placesIn<N extends TreeNode & { readonly name: string }>(
  scope: N,
): Map<string, readonly string[]> {
  const out = new Map<string, readonly string[]>();
  const walk = (n: N, path: readonly string[]) => {
    out.set(n.id, path);
    for (const c of n.children) walk(c as N, n === scope ? [] : [...path, n.name]);
  };
  walk(scope, []);
  return out;
}

/**
 * What the name filter matches each agency of a scope by besides its own name: every name above it
 * up to the scope's, the scope included (nearest last). Not `placesIn`, which says where an agency
 * is below the scope: 坑仔口镇人民政府 right under 示例县人民政府 has no place there, and 「示例县」
 * left it out of the list while the county's 局 matched by their own names (QA). The server's
 * `/export/findings?q=` matches the same names.
 */
export function namesAboveIn<N extends TreeNode & { readonly name: string }>(
  scope: N,
): Map<string, readonly string[]> {
  const out = new Map<string, readonly string[]>();
  const walk = (n: N, above: readonly string[]) => {
    out.set(n.id, above);
    for (const c of n.children) walk(c as N, [...above, n.name]);
  };
  walk(scope, []);
  return out;
}

/** 「马坊镇人民政府 · 安平县人民政府」: a name with where it is (the place's names, the nearest first). */
export function nameWithPlace(name: string, place: readonly string[] | undefined): string {
  return place?.length ? `${name} · ${[...place].reverse().join(' · ')}` : name;
}

/** The names that occur more than once among `names` (a name alone does not say which one). */
export function repeatedNames(names: Iterable<string>): Set<string> {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const n of names) (seen.has(n) ? twice : seen).add(n);
  return twice;
}

/** What the list's filters need of a report. */
export interface ListedReport {
  readonly id: string;
  readonly agencyId: string;
  readonly status: string;
  readonly openFindings: { error: number; crossYear: number };
  readonly dismissedErrors: number;
}

/**
 * The region list's rows under a view's filters, in the tree's order (the list and the report page's
 * 第 n/N 份 alike): by status (「none」: no report yet), 「只看有错误的」 and the name filter (`q`:
 * each word in the agency's name or a name above it, `above` — namesAboveIn, the scope included).
 */
export function filterRows<N extends TreeNode & { readonly name?: string }, R extends ListedReport>(
  rows: readonly { node: N; depth: number }[],
  byAgency: ReadonlyMap<string, R>,
  view: Pick<ListView, 'status' | 'errorsOnly' | 'q'>,
  above?: ReadonlyMap<string, readonly string[]>,
): { node: N; depth: number }[] {
  const status = view.status ?? '';
  const words = (view.q ?? '').trim().toLowerCase().split(/\s+/).filter(Boolean);
  return rows.filter(({ node: a }) => {
    const r = byAgency.get(a.id);
    if (status === 'none' ? r : status && r?.status !== status) return false;
    if (view.errorsOnly && !(r && hasErrors(r))) return false;
    if (words.length) {
      const text = [a.name ?? '', ...(above?.get(a.id) ?? [])].join(' ').toLowerCase();
      if (!words.every((w) => text.includes(w))) return false;
    }
    return true;
  });
}

/** How many agencies of the rows are in each status ('none': no report yet): the status filter's counts. */
export function statusCounts(
  rows: readonly { node: TreeNode }[],
  byAgency: ReadonlyMap<string, { readonly status: string }>,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const { node } of rows) {
    const st = byAgency.get(node.id)?.status ?? 'none';
    out[st] = (out[st] ?? 0) + 1;
  }
  return out;
}

/** The ids of the reports the region list shows now for a queue's view, in its order. */
export function listedIds(
  roots: readonly (TreeNode & { readonly name?: string })[],
  items: readonly ListedReport[],
  view: Pick<ListView, 'status' | 'errorsOnly' | 'q'> & { readonly node: string },
): string[] | null {
  const node = findTreeNode(roots, view.node);
  if (!node) return null;
  const byAgency = new Map(items.map((r) => [r.agencyId, r]));
  const above = view.q ? namesAboveIn({ name: '', ...node }) : undefined;
  return filterRows(flattenTree(node), byAgency, view, above).flatMap(({ node: a }) => {
    const r = byAgency.get(a.id);
    return r ? [r.id] : [];
  });
}

/**
 * Where `id` stands in the reviewer's list: its place (1-based) and the list's length, the reports
 * before and after it. `live` is the list as it is now (listedIds); without it, the ids saved when
 * the report was opened. A report no longer in the live list (approved out of 「已提交」) has no
 * place (`index` null): 上一份/下一份 are then the nearest of the live list around where it was.
 * Null when the report was not opened from the list at all.
 */
export function queuePosition(
  q: ReviewQueue | null,
  id: string,
  live?: readonly string[] | null,
): { index: number | null; total: number; next: string | null; previous: string | null } | null {
  if (!q) return null;
  const ids = live ?? q.ids;
  const i = ids.indexOf(id);
  if (i >= 0)
    return { index: i + 1, total: ids.length, next: ids[i + 1] ?? null, previous: ids[i - 1] ?? null };
  const was = q.ids.indexOf(id);
  if (!live || was < 0) return null;
  const inList = new Set(live);
  return {
    index: null,
    total: live.length,
    next: q.ids.slice(was + 1).find((x) => inList.has(x)) ?? null,
    previous: q.ids.slice(0, was).findLast((x) => inList.has(x)) ?? null,
  };
}

/**
 * The report to open after approving `id` (通过并打开下一份): the next one waiting for review
 * (已提交) in the reviewer's list order after it, then from the list's start; never `id` itself.
 * `live` is the list as it is now (listedIds), `statusOf` its reports' statuses. A report that left
 * the live list (approved out of 「已提交」) is placed where it was in the list as opened. Null when
 * none is left (or the list is unknown).
 */
export function nextWaiting(
  q: ReviewQueue | null,
  id: string,
  live: readonly string[] | null,
  statusOf: (id: string) => string | undefined,
): string | null {
  if (!live) return null;
  const i = live.indexOf(id);
  let from = i + 1;
  if (i < 0) {
    const after = queuePosition(q, id, live)?.next;
    from = after ? live.indexOf(after) : 0;
  }
  const around = [...live.slice(from), ...live.slice(0, from)];
  return around.find((x) => x !== id && statusOf(x) === 'submitted') ?? null;
}

export const STATUS_FILTER_LABELS: Record<string, string> = {
  submitted: '已提交（待审核）',
  returned: '已退回',
  approved: '已通过',
  published: '已发布',
  draft: '草稿',
  none: '未创建',
};

export function filterLabel(v: ListView): string {
  return [
    v.status ? STATUS_FILTER_LABELS[v.status] : '',
    v.errorsOnly ? '只看有错误的' : '',
    v.q?.trim() ? `名称含“${v.q.trim()}”` : '',
  ]
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
    // publication date), and no error beyond an empty report's own (一、总体情况 empty, S2): a
    // table half filled has 勾稽 errors or fewer blank rows.
    return (
      (e.warning ?? 0) > 0 &&
      r.openFindings.warning >= (e.warning ?? 0) &&
      r.openFindings.error <= (e.error ?? 0) &&
      r.openFindings.crossYear === 0
    );
  } catch {
    return false;
  }
}

/**
 * What this tab keeps for the one signed in — the list's view and scroll, the review queue, unsent
 * return comments — forgotten at 退出登录: the next user of the tab (a shared office computer) found
 * the last one's filters, 返回列表 and, opening the same report, their unsent 退回 comment to send.
 */
export function forgetTabState(): void {
  try {
    for (let i = sessionStorage.length - 1; i >= 0; i--) {
      const k = sessionStorage.key(i);
      if (k?.startsWith('nianbao:')) sessionStorage.removeItem(k);
    }
  } catch {
    // storage off: nothing was kept
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

/**
 * 「错误 2 个、跨年 4 个」: the words and order of the findings panel's counts, naming only what is
 * there (「跨年 4 个」, never 「错误 0 个、…」).
 */
export function errorCountWords(c: { error: number; crossYear: number }): string {
  return [
    c.error > 0 ? `${SEVERITY_LABELS.error} ${c.error} 个` : '',
    c.crossYear > 0 ? `${SEVERITY_LABELS.crossYear} ${c.crossYear} 个` : '',
  ]
    .filter(Boolean)
    .join('、');
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

/** One page of reports.list: its items and the cursor of the next page (null on the last). */
export interface ListPage<T> {
  readonly total: number;
  readonly items: readonly T[];
  readonly nextCursor: string | null;
}

/**
 * Every page of a cursor-paged list, in order: the region list counts and shows all of a region's
 * reports (2,411 in a province), not the first 500. Stops after `maxPages` (a server that kept
 * answering with a cursor would otherwise never end).
 */
export async function fetchAllPages<T>(
  page: (cursor: string | undefined) => Promise<ListPage<T>>,
  maxPages = 200,
): Promise<{ total: number; items: T[]; nextCursor: null }> {
  const items: T[] = [];
  let cursor: string | undefined;
  let total = 0;
  for (let k = 0; k < maxPages; k++) {
    const p = await page(cursor);
    total = p.total;
    items.push(...p.items);
    if (!p.nextCursor) break;
    cursor = p.nextCursor;
  }
  return { total, items, nextCursor: null };
}

/** Rows per page of the region list: a province's 2,500 agencies are read a page at a time. */
export const REGION_PAGE_SIZE = 100;

/** Page `page` (from 0, kept within the pages there are) of `rows`, with where it stands. */
export function pageOf<T>(
  rows: readonly T[],
  page: number,
  size = REGION_PAGE_SIZE,
): { rows: readonly T[]; page: number; pages: number; from: number; to: number } {
  const pages = Math.max(1, Math.ceil(rows.length / size));
  const p = Math.min(Math.max(0, Math.floor(page)), pages - 1);
  const from = p * size;
  const slice = rows.slice(from, from + size);
  return { rows: slice, page: p, pages, from: slice.length ? from + 1 : 0, to: from + slice.length };
}
