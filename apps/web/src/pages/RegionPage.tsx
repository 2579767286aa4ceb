import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { Me } from '../App';
import { BulkActions } from '../components/BulkActions';
import { FindingCounts } from '../components/FindingCounts';
import { FindingsExport } from '../components/FindingsExport';
import { YearOptions } from '../components/YearOptions';
import {
  daysLeft,
  daysLeftLabel,
  deadlineFor,
  isMonthDay,
  normalizeMonthDay,
  townshipDeadlineOf,
} from '../lib/deadline';
import { downloadFrom } from '../lib/download';
import {
  fetchAllPages,
  filterLabel,
  filterRows,
  findTreeNode,
  flattenTree,
  hasErrors,
  isUnfilled,
  type ListView,
  listHref,
  loadRegionView,
  namesAboveIn,
  pageOf,
  parseListView,
  placesIn,
  repeatedNames,
  restoredView,
  STATUS_FILTER_LABELS,
  saveRegionView,
  saveReviewQueue,
  statusCounts,
} from '../lib/review';
import { href, navigate, useRoute } from '../router';
import { errorMessage, type RouterOutputs, useTRPC, useTRPCClient } from '../trpc';
import '../review.css';

type Node = RouterOutputs['agencies']['tree'][number];

/** Where an earlier version kept a per-browser township deadline: no longer read (the deployment's F3 is). */
const OLD_LOCAL_KEY = 'nianbao:township-deadline';

/** The status filter's order, and the summary line's short words (「待审核 197 · 已退回 16 …」). */
const STATUS_ORDER = ['submitted', 'returned', 'approved', 'draft', 'published', 'none'] as const;
const STATUS_SHORT: Record<string, string> = {
  submitted: '待审核',
  returned: '已退回',
  approved: '已通过',
  draft: '草稿',
  published: '已发布',
  none: '未创建',
};

const SCROLL_KEY = 'nianbao:region-scroll';

/** The reports ticked on the list (by id: another year's or scope's are not shown, so not acted on). */
const PICKED_KEY = 'nianbao:region-picked';

function loadPicked(): ReadonlySet<string> {
  try {
    const ids = JSON.parse(sessionStorage.getItem(PICKED_KEY) ?? '[]') as unknown;
    return new Set(Array.isArray(ids) ? ids.filter((x): x is string => typeof x === 'string') : []);
  } catch {
    return new Set();
  }
}

function savePicked(ids: ReadonlySet<string>): void {
  try {
    if (ids.size) sessionStorage.setItem(PICKED_KEY, JSON.stringify([...ids]));
    else sessionStorage.removeItem(PICKED_KEY);
  } catch {
    // storage off: the ticks last as long as the page
  }
}

/** Where the reviewer was on the list (its address and scroll) as they opened a report from it. */
function keepListScroll(hash: string): void {
  try {
    sessionStorage.setItem(SCROLL_KEY, JSON.stringify({ hash, y: window.scrollY }));
  } catch {
    // storage off: the list opens at its top
  }
}

/** The scroll kept for this address, once (null: none, or another list's). */
function takeListScroll(hash: string): number | null {
  try {
    const kept = JSON.parse(sessionStorage.getItem(SCROLL_KEY) ?? 'null') as {
      hash: string;
      y: number;
    } | null;
    if (!kept || kept.hash !== hash) return null;
    sessionStorage.removeItem(SCROLL_KEY);
    return kept.y;
  } catch {
    return null;
  }
}

/** 审核人: every agency of the region for a year — status, open findings by severity, deadline and days left. */
export function RegionPage({ me, year, nodeId }: { me: Me; year: number; nodeId: string | null }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const tree = useQuery(trpc.agencies.tree.queryOptions());
  const roots = tree.data ?? [];
  const node: Node | undefined = (nodeId ? findTreeNode(roots, nodeId) : undefined) ?? roots[0];
  // Every report of the region, all pages of the list (a province has 2,411: the first 500 are not the
  // region). Kept fresh while the page is open: a report submitted meanwhile shows without a reload.
  const listInput = { year, regionId: node?.id ?? '', limit: 500 };
  const list = useQuery({
    queryKey: trpc.reports.list.queryKey(listInput),
    queryFn: () =>
      fetchAllPages((cursor) => client.reports.list.query({ ...listInput, ...(cursor ? { cursor } : {}) })),
    enabled: !!node,
    refetchInterval: 30_000,
    refetchOnWindowFocus: true,
  });
  // The view lives in the hash (#/region?year=&node=&status=&errors=1&q=&page=): Back, reload,
  // 返回列表 and links keep it.
  const route = useRoute();
  const view = parseListView(route.query, year);
  const statusFilter = view.status ?? '';
  const errorsOnly = !!view.errorsOnly;
  const nameFilter = view.q ?? '';
  const queryClient = useQueryClient();
  // The ticked reports outlive a look at one of them: 查看 and Back (or 返回列表) found them unticked.
  const [selected, setPicked] = useState<ReadonlySet<string>>(loadPicked);
  const setSelected = (next: ReadonlySet<string>) => {
    setPicked(next);
    savePicked(next);
  };
  const viewKey = route.query.toString();
  // The name box types freely; the address follows it (and it follows the address: Back, a link).
  const [qText, setQText] = useState(nameFilter);
  const qComposing = useRef(false);
  useEffect(() => setQText(nameFilter), [nameFilter]);
  // The bare page (the start page, the header's 本地区报告: #/region naming nothing) opens the list as
  // the reviewer left it; an address naming a year, scope, filter or page shows just that
  // (lib/review restoredView).
  const restore = restoredView(route.query, loadRegionView());
  const bare = nodeId === null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: on each new address
  useEffect(() => {
    if (restore) navigate(listHref(restore), { replace: true });
  }, [viewKey]);
  // Every change of what the list shows is a step of its own: Back undoes it (a year, a scope, a
  // filter, a page). Typing in the name box replaces its own step (not one per keystroke); any new
  // filter starts at the first page.
  const go = (v: Partial<ListView>, opts: { replace?: boolean } = {}) =>
    navigate(
      listHref({
        year,
        node: node?.id,
        status: statusFilter,
        errorsOnly,
        q: nameFilter,
        page: 0,
        ...v,
      }),
      // the start page is this list too: a filter there stays on the page (and keeps the focus)
      { ...opts, samePage: true },
    );
  // biome-ignore lint/correctness/useExhaustiveDependencies: saved when the hash's view changes
  useEffect(() => {
    if (!restore && !bare) saveRegionView({ ...view, node: view.node ?? undefined });
  }, [bare, viewKey]);
  // The 乡镇（街道） deadline is the deployment's F3 setting (管理 › 检查规则), the one the server's
  // findings use. The box may try another date on this page only: marked, never kept.
  const ruleConfig = useQuery(trpc.config.get.queryOptions());
  const deployed = townshipDeadlineOf(ruleConfig.data);
  const [deadlineText, setDeadlineText] = useState<string | null>(null);
  useEffect(() => {
    try {
      localStorage.removeItem(OLD_LOCAL_KEY);
    } catch {
      // storage off: nothing was kept
    }
  }, []);
  const typedDate = deadlineText === null ? deployed.date : normalizeMonthDay(deadlineText);
  const typedValid = isMonthDay(typedDate);
  const localDate = typedValid ? typedDate : deployed.date;
  const overridden = localDate !== deployed.date;
  const [error, setError] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const exportingRef = useRef(false);
  // 退回后重新提交: the region's reports waiting for review that were returned before, in one request
  // (not one history per report), refreshed with the list.
  const returnedBefore = useQuery({
    ...trpc.summary.resubmitted.queryOptions({ year, regionId: node?.id ?? '' }),
    enabled: !!node,
    refetchInterval: 30_000,
    refetchOnWindowFocus: true,
  });
  const resubmitted = new Set(returnedBefore.data?.ids ?? []);
  // Back to the list (Back, 返回列表): where the reviewer was on the page, once the rows are in.
  const scrolled = useRef(false);
  useEffect(() => {
    if (scrolled.current || !list.data) return;
    scrolled.current = true;
    const y = takeListScroll(window.location.hash);
    if (y !== null) window.scrollTo(0, y);
  }, [list.data]);
  if (tree.isLoading) return <p className="loading">正在载入…</p>;
  if (tree.error) return <p className="error-text page">{errorMessage(tree.error)}</p>;
  if (!node)
    return (
      <p className="page muted">
        没有可查看的机关。
        {me.role === 'admin' && <a href={href.admin()}>在“管理”中新建本地区的机关和用户</a>}
      </p>
    );
  const rows = flattenTree(node);
  const places = placesIn(node);
  // The same name in more than one place (every county's 城关镇): said with where it is.
  const repeated = repeatedNames(rows.map((r) => r.node.name));
  const placeOf = (agencyId: string, name: string) => (repeated.has(name) ? places.get(agencyId) : undefined);
  const byAgency = new Map((list.data?.items ?? []).map((r) => [r.agencyId, r]));
  // One definition of 「有错误的」 here and in the filter: open errors, cross-year errors, or errors
  // dismissed in triage (lib/review hasErrors).
  const totals = { reports: 0, published: 0, withErrors: 0, withOpen: 0, withDismissed: 0 };
  for (const r of list.data?.items ?? []) {
    totals.reports++;
    if (r.status === 'published') totals.published++;
    if (hasErrors(r)) totals.withErrors++;
    if (r.openFindings.error + r.openFindings.crossYear > 0) totals.withOpen++;
    else if (r.dismissedErrors > 0) totals.withDismissed++;
  }
  // Filtered: the tree becomes the list of matching agencies, each with where it is (its parent…):
  // without the indentation 「马坊镇人民政府」 twice would not say which is which.
  const filtering = statusFilter !== '' || errorsOnly || nameFilter.trim() !== '';
  // the name filter matches the names above each agency up to the scope's, the scope's included
  const shown = filterRows(rows, byAgency, view, namesAboveIn(node));
  const counts = list.data ? statusCounts(rows, byAgency) : null;
  // The table a page at a time (100 rows): the filters and counts are over every row.
  const onPage = pageOf(shown, view.page ?? 0);
  const toPage = (page: number) => go({ page });
  const shownReports = shown.flatMap(({ node: a }) => {
    const r = byAgency.get(a.id);
    return r ? [r] : [];
  });
  // 全选 picks what is on the page, as its label says.
  const pickable = onPage.rows.flatMap(({ node: a }) => {
    const r = byAgency.get(a.id);
    return r && (r.status === 'submitted' || r.status === 'approved') ? [r] : [];
  });
  const publishedCount = totals.published;
  const exportOpenData = async () => {
    // one download at a time: a province's file takes a while, and a second click started it again
    if (exportingRef.current) return;
    exportingRef.current = true;
    setExporting(true);
    setError(null);
    try {
      // Open data is what has been published: a report still under review is not released with it.
      // Streamed by the server report by report (a province's is 200 MB), saved under its file name;
      // a year with nothing published is said (NO_OPEN_DATA), not an empty file.
      const q = new URLSearchParams({
        regionId: node.id,
        year: String(year),
        format: 'csv',
        statuses: 'published',
      });
      await downloadFrom(`/export/opendata?${q}`, `${node.name}-${year}-开放数据.csv`);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      exportingRef.current = false;
      setExporting(false);
    }
  };
  const pager =
    onPage.pages > 1 ? (
      <div className="row gap no-print region-pager" data-testid="region-pager">
        <button type="button" disabled={onPage.page === 0} onClick={() => toPage(onPage.page - 1)}>
          上一页
        </button>
        <span>
          第 {onPage.from}–{onPage.to} 个（共 {shown.length} 个），第 {onPage.page + 1}/{onPage.pages} 页
        </span>
        <button
          type="button"
          disabled={onPage.page >= onPage.pages - 1}
          onClick={() => toPage(onPage.page + 1)}
        >
          下一页
        </button>
        <label>
          跳到第{' '}
          <select name="region-page" value={onPage.page} onChange={(e) => toPage(Number(e.target.value))}>
            {Array.from({ length: onPage.pages }, (_, k) => k + 1).map((n) => (
              <option key={n} value={n - 1}>
                {n}
              </option>
            ))}
          </select>{' '}
          页
        </label>
      </div>
    ) : null;
  return (
    <div className="page">
      <h1>
        {node.name} · {year} 年度报告
      </h1>
      <div className="row gap wrap no-print">
        <label>
          年度{' '}
          <select name="region-year" value={year} onChange={(e) => go({ year: Number(e.target.value) })}>
            <YearOptions />
          </select>
        </label>
        {roots.length > 1 || node.children.length > 0 ? (
          <label>
            范围{' '}
            <select name="region-node" value={node.id} onChange={(e) => go({ node: e.target.value })}>
              {roots
                .flatMap((r) => flattenTree(r))
                .map(({ node: n, depth }) => (
                  <option key={n.id} value={n.id}>
                    {'　'.repeat(depth)}
                    {n.name}
                  </option>
                ))}
            </select>
          </label>
        ) : null}
        <span className={overridden ? 'township-deadline overridden' : 'township-deadline'}>
          <label
            title={`乡镇人民政府、街道办事处的公开期限由本地通知规定：本系统按“管理 › 检查规则”中 F3 的设置（${deployed.configured ? `管理员设为 ${deployed.date}` : `未设置，默认 ${deployed.date}`}）检查；在此改动只影响本页的截止日期列，不保存`}
          >
            乡镇（街道）截止日期{' '}
            <input
              name="local-deadline"
              value={deadlineText ?? deployed.date}
              size={5}
              aria-invalid={!typedValid || undefined}
              title={
                typedValid
                  ? undefined
                  : `请按“月-日”填写一个实际存在的日期，如 03-31；在此之前按本系统设置 ${deployed.date} 计算`
              }
              onChange={(e) => setDeadlineText(e.target.value)}
              onBlur={() => {
                if (deadlineText === null) return;
                if (!typedValid) return;
                setDeadlineText(typedDate === deployed.date ? null : typedDate);
              }}
            />
          </label>
          {!typedValid ? (
            <span className="error-text small"> 日期无效，暂按本系统设置 {deployed.date}</span>
          ) : overridden ? (
            <span className="warn-text small" data-testid="deadline-override">
              {' '}
              仅本页临时按 {localDate} 计算（不保存）；本系统设置为 {deployed.date}{' '}
              <button type="button" className="link small" onClick={() => setDeadlineText(null)}>
                恢复
              </button>
            </span>
          ) : (
            <span className="muted small" data-testid="deadline-source">
              {' '}
              {ruleConfig.error
                ? `（无法读取本系统设置，暂按 ${deployed.date}）`
                : deployed.configured
                  ? '（本系统设置）'
                  : '（本系统未设置，默认）'}
              {deployed.off ? '，F3 检查已关闭' : ''}
            </span>
          )}
        </span>
        <a className="button primary" href={href.rollup(year, node.id)}>
          区域汇总与图表
        </a>
        <button
          type="button"
          name="export-opendata"
          disabled={exporting}
          onClick={() => void exportOpenData()}
          title={
            list.data && publishedCount === 0
              ? `${year} 年度还没有已发布的报告：开放数据只包括已发布的报告，现在导出不会得到文件`
              : '下载本地区已发布报告的开放数据（CSV）'
          }
        >
          {exporting ? (
            '正在导出开放数据…'
          ) : (
            <>
              导出开放数据（CSV，已发布的报告
              {list.data ? (publishedCount === 0 ? '：尚无' : ` ${publishedCount} 份`) : ''}）
            </>
          )}
        </button>
        <FindingsExport
          regionId={node.id}
          regionName={node.name}
          year={year}
          filters={{ status: statusFilter, q: nameFilter, errorsOnly }}
          onError={setError}
        />
      </div>
      <div className="row gap wrap no-print region-filters">
        <label>
          状态{' '}
          <select name="status-filter" value={statusFilter} onChange={(e) => go({ status: e.target.value })}>
            <option value="">全部{counts ? `（${rows.length}）` : ''}</option>
            {STATUS_ORDER.map((st) => (
              <option key={st} value={st}>
                {STATUS_FILTER_LABELS[st]}
                {counts ? ` ${counts[st] ?? 0}` : ''}
              </option>
            ))}
          </select>
        </label>
        <label>
          名称{' '}
          <input
            type="search"
            name="name-filter"
            size={14}
            placeholder="机关或上级名称"
            title="按机关名称或其上级（所在县、区）的名称筛选，如“马坊”“安平县”"
            value={qText}
            onChange={(e) => {
              setQText(e.target.value);
              // pinyin being composed stays in the box: the address takes what the input method commits
              if (!qComposing.current) go({ q: e.target.value }, { replace: nameFilter !== '' });
            }}
            onCompositionStart={() => {
              qComposing.current = true;
            }}
            onCompositionEnd={(e) => {
              qComposing.current = false;
              const t = e.currentTarget.value;
              setQText(t);
              if (t !== nameFilter) go({ q: t }, { replace: nameFilter !== '' });
            }}
          />
        </label>
        <label>
          <input
            type="checkbox"
            name="errors-only"
            checked={errorsOnly}
            onChange={(e) => go({ errorsOnly: e.target.checked })}
          />{' '}
          只看有错误的（含跨年错误、已忽略的错误）
        </label>
        <button
          type="button"
          onClick={() => {
            void list.refetch();
            void returnedBefore.refetch();
          }}
          disabled={list.isFetching}
        >
          {list.isFetching ? '正在刷新…' : '刷新'}
        </button>
        {list.dataUpdatedAt > 0 && (
          <span className="muted small">
            更新于 {new Date(list.dataUpdatedAt).toLocaleTimeString('zh-CN', { hour12: false })}（每 30
            秒自动刷新）
          </span>
        )}
      </div>
      {error && <p className="error-text">{error}</p>}
      <p className="muted region-summary">
        共 {rows.length} 个机关，已有报告 {totals.reports} 份，已发布 {totals.published} 份，
        <span title="与“只看有错误的”筛选同一口径：有未处理的错误、跨年错误，或错误被标记为“忽略”">
          有错误的 {totals.withErrors} 份（含跨年错误、已忽略的错误）
        </span>
        {totals.withErrors > 0 ? `：其中 ${totals.withOpen} 份有未处理的错误` : ''}
        {totals.withDismissed > 0
          ? `，另有 ${totals.withDismissed} 份的错误被标记为“忽略”（请查看理由）`
          : ''}
        。{filtering ? ` 筛选后显示 ${shown.length} 个。` : ''}
        {counts && (
          <span className="region-status-counts">
            {' '}
            {STATUS_ORDER.filter((st) => (counts[st] ?? 0) > 0)
              .map((st) => `${STATUS_SHORT[st]} ${counts[st]}`)
              .join(' · ')}
            。
          </span>
        )}
        {me.role === 'reviewer' ? '点击“查看”可只读查看报告及其问题，并退回或审核通过。' : ''}
      </p>
      {me.role !== 'filler' && (
        <BulkActions
          reports={shownReports.filter((r) => selected.has(r.id))}
          placeOf={(r) => placeOf(r.agencyId, r.agencyName)}
          config={ruleConfig.data}
          onClear={() => setSelected(new Set())}
          onDone={() => {
            setSelected(new Set());
            void queryClient.invalidateQueries({ queryKey: trpc.reports.pathKey() });
          }}
        />
      )}
      {list.isLoading && <p className="muted">正在载入报告…</p>}
      {list.error && !list.data && <p className="error-text">{errorMessage(list.error)}</p>}
      {pager}
      {/* Not before the reports are in: every agency would read 未创建 and 已逾期 meanwhile; nor before
          the deployment's deadline (a township row would read 01-31 meanwhile). */}
      {list.data && !ruleConfig.isLoading && (
        <table className="data region-table">
          <thead>
            <tr>
              <th>
                {me.role !== 'filler' && pickable.length > 0 && (
                  <input
                    type="checkbox"
                    name="pick-all"
                    aria-label="全选本页可审核或发布的报告"
                    title="全选（已提交、已通过的报告）"
                    checked={pickable.every((r) => selected.has(r.id))}
                    onChange={(e) => {
                      // this page's reports in or out: what was ticked on the other pages stays
                      const next = new Set(selected);
                      for (const r of pickable) {
                        if (e.target.checked) next.add(r.id);
                        else next.delete(r.id);
                      }
                      setSelected(next);
                    }}
                  />
                )}{' '}
                机关
              </th>
              <th>状态</th>
              <th>未处理的问题</th>
              <th>截止日期</th>
              <th>剩余</th>
              <th>
                <span className="sr-only">操作</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {onPage.rows.map(({ node: a, depth }) => {
              const r = byAgency.get(a.id);
              const dl = deadlineFor(a, year, localDate);
              const left = dl ? daysLeft(dl.date) : undefined;
              const st = r?.status;
              // Overdue in red only while the report is unfinished; approved waits only for 发布.
              const late = left !== undefined && left < 0;
              const canPick = me.role !== 'filler' && (st === 'submitted' || st === 'approved');
              return (
                <tr
                  key={a.id}
                  data-agency={a.name}
                  className={r && selected.has(r.id) ? 'picked' : undefined}
                >
                  <td style={{ paddingLeft: `${0.5 + (filtering ? 0 : depth) * 1.2}em` }}>
                    {canPick && r ? (
                      <input
                        type="checkbox"
                        name="pick"
                        value={r.id}
                        aria-label={`选择 ${a.name}`}
                        checked={selected.has(r.id)}
                        onChange={(e) => {
                          const next = new Set(selected);
                          if (e.target.checked) next.add(r.id);
                          else next.delete(r.id);
                          setSelected(next);
                        }}
                      />
                    ) : me.role !== 'filler' ? (
                      <span className="pick-space" />
                    ) : null}{' '}
                    {a.name}
                    {filtering && places.get(a.id)?.length ? (
                      <span className="region-place" title="所在">
                        {' · '}
                        {[...(places.get(a.id) ?? [])].reverse().join(' · ')}
                      </span>
                    ) : null}
                  </td>
                  <td>
                    {r ? (
                      <span className={`status st-${r.status}`}>{r.statusLabel}</span>
                    ) : (
                      <span className="muted">未创建</span>
                    )}
                    {r?.status === 'submitted' && resubmitted.has(r.id) && (
                      <span className="tag resubmitted" title="此报告曾被退回，修改后重新提交">
                        退回后重新提交
                      </span>
                    )}
                  </td>
                  <td>
                    {r ? (
                      isUnfilled(r) ? (
                        <>
                          <span
                            className="muted small"
                            title={`表格尚未填写（${r.openFindings.warning} 个“应填 0”提示）`}
                          >
                            未填写
                          </span>
                          {/* an empty report's own error (一、总体情况 empty, S2): counted by 只看有错误的
                              and the 问题清单 as any error, so shown as one */}
                          {r.openFindings.error > 0 && (
                            <>
                              {' '}
                              <FindingCounts counts={{ error: r.openFindings.error }} />
                            </>
                          )}
                        </>
                      ) : (
                        <FindingCounts counts={r.openFindings} dismissed={r.dismissedErrors} />
                      )
                    ) : (
                      ''
                    )}
                  </td>
                  <td title={dl ? dl.basis : '机关类型或层级未知，无法确定期限'}>
                    {dl ? dl.date.replace(/^(\d+)-0?(\d+)-0?(\d+)$/, '$1年$2月$3日') : '—'}
                  </td>
                  <td
                    className={
                      st === 'published'
                        ? 'ok'
                        : st === 'approved'
                          ? 'muted'
                          : left === undefined
                            ? ''
                            : late
                              ? 'overdue'
                              : left <= 14
                                ? 'soon'
                                : ''
                    }
                  >
                    {st === 'published'
                      ? r?.publishedOn
                        ? `${r.publishedOn} 发布`
                        : '已发布'
                      : left === undefined
                        ? '—'
                        : st === 'approved'
                          ? late
                            ? `待发布（期限已过 ${-left} 天）`
                            : `待发布（${daysLeftLabel(left)}）`
                          : st === 'submitted'
                            ? // handed in: the next step is the reviewer's, not the agency's
                              late
                              ? `待审核（期限已过 ${-left} 天）`
                              : `待审核（${daysLeftLabel(left)}）`
                            : daysLeftLabel(left)}
                  </td>
                  <td>
                    {r && (
                      <a
                        href={href.report(r.id)}
                        aria-label={`查看 ${a.name} ${year} 年度报告`}
                        onClick={() => {
                          saveReviewQueue({
                            ids: shownReports.map((x) => x.id),
                            // the page and filters with it: 返回列表 comes back to this page
                            back: listHref({ ...view, node: node.id, page: onPage.page }),
                            label: filterLabel(view),
                            // the report page reads the list as it is now by it (a report approved
                            // out of 「已提交」 leaves it: 第 n/N 份 and 下一份 follow)
                            view: { ...view, node: node.id },
                          });
                          keepListScroll(listHref({ ...view, node: node.id, page: onPage.page }));
                        }}
                      >
                        查看
                      </a>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {onPage.pages > 1 && pager}
    </div>
  );
}
