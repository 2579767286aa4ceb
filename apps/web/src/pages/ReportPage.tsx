import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { Me } from '../App';
import { YearOnYear } from '../components/YearOnYear';
import { Editor } from '../editor/Editor';
import { fetchAllPages, listedIds, loadReviewQueue, queuePosition } from '../lib/review';
import { href, navigate } from '../router';
import {
  appCode,
  errorMessage,
  errorStatus,
  isNetworkError,
  isSessionLost,
  useTRPC,
  useTRPCClient,
} from '../trpc';

/** One report: loads it, the deployment's rule config and last year's report (cross-year rules), then the form. */
/** Set by the import page for the report it just saved: the editor opens on 导入来源 once. */
export const JUST_IMPORTED_KEY = 'nianbao:just-imported';

export function ReportPage({ id, me }: { id: string; me: Me }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const [justImported] = useState(() => {
    try {
      return sessionStorage.getItem(JUST_IMPORTED_KEY) === id;
    } catch {
      return false;
    }
  });
  useEffect(() => {
    if (justImported) sessionStorage.removeItem(JUST_IMPORTED_KEY);
  }, [justImported]);
  // Fetched again on every opening (the cached copy shows at once, the fresh one replaces it) and
  // kept fresh while open: another user's save or workflow step shows up without a reload.
  const info = useQuery({
    ...trpc.reports.get.queryOptions({ id }),
    staleTime: 0,
    refetchOnMount: 'always',
    refetchInterval: 20_000,
  });
  const config = useQuery(trpc.config.get.queryOptions());
  // The reviewer's filtered list this report was opened from: back to it, and on to the next.
  const [queue] = useState(loadReviewQueue);
  // The list as it is now (the region page's own queries, so its cache): a report approved out of
  // 「已提交」 leaves it, and 第 n/N 份, 上一份 and 下一份 follow it, not the list as it was opened.
  const queueView = me.role !== 'filler' ? queue?.view : undefined;
  const tree = useQuery({ ...trpc.agencies.tree.queryOptions(), enabled: !!queueView });
  // Every page of it (a province's list is longer than one page), under the region page's key.
  const listInput = { year: queueView?.year ?? 0, regionId: queueView?.node ?? '', limit: 500 };
  const list = useQuery({
    queryKey: trpc.reports.list.queryKey(listInput),
    queryFn: () =>
      fetchAllPages((cursor) => client.reports.list.query({ ...listInput, ...(cursor ? { cursor } : {}) })),
    enabled: !!queueView,
  });
  const live = queueView && tree.data && list.data ? listedIds(tree.data, list.data.items, queueView) : null;
  const pos = queuePosition(queue, id, live);
  const year = info.data?.year ?? 0;
  const prevFind = useQuery({
    ...trpc.reports.find.queryOptions({
      agencyId: info.data?.agencyId ?? '',
      year: Math.max(2019, year - 1),
    }),
    enabled: !!info.data && year - 1 >= 2019,
  });
  const prevId = prevFind.data?.id;
  // Last year's report as the server's cross-year rules take it: as published, else its latest version.
  const prevPublished = prevFind.data?.publishedVersion ?? undefined;
  const prev = useQuery({
    ...trpc.reports.get.queryOptions({
      id: prevId ?? '',
      ...(prevPublished ? { version: prevPublished } : {}),
    }),
    enabled: !!prevId,
  });
  // The latest version that came from an import: its diagnostics are kept on the server.
  const history = useQuery(trpc.reports.history.queryOptions({ id }));
  const importVersion = history.data?.versions
    .filter((v) => v.kind === 'import')
    .reduce<number | undefined>((a, v) => Math.max(a ?? 0, v.version), undefined);
  const diag = useQuery({
    ...trpc.import.diagnostics.queryOptions({ id, version: importVersion ?? 1 }),
    enabled: importVersion !== undefined,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const diagLoading = history.isLoading || (importVersion !== undefined && diag.isLoading);
  // The rule configuration and last year's report before the first findings: a rule turned off must
  // not flash, nor the cross-year findings come in late.
  const waiting = info.isLoading || diagLoading || config.isLoading || prevFind.isLoading || prev.isLoading;
  // Once shown, the form stays: a query that starts over later (diagnostics of a new import) must
  // not replace it, edits and all, by the loading line.
  const shown = useRef(false);
  if (waiting && !shown.current) return <p className="loading">正在载入报告…</p>;
  // A report never loaded, or gone since (deleted, no longer readable: the server says so), is an
  // error page. A refetch that fails otherwise — the server away or failing, the session ended
  // elsewhere — keeps the form and its edits on screen: the form says it and saves when it can (the
  // query keeps the last report it had).
  const lost = info.error && info.isRefetchError ? info.error : null;
  const status = lost ? errorStatus(lost) : undefined;
  const gone =
    !!lost && !isNetworkError(lost) && !isSessionLost(lost) && status !== undefined && status < 500;
  if (!info.data || gone)
    return <p className="error-text page">{info.error ? errorMessage(info.error) : '无法载入报告'}</p>;
  shown.current = true;
  const reviewing = me.role !== 'filler';
  const nextId = pos?.next ?? null;
  // 同比 with last year's report: for the reviewer in the review bar, for the 填报人 above the form —
  // to compare before submitting, not only once a reviewer does
  const yoy = prevId ? (
    <YearOnYear id={id} previousId={prevId} year={year} edition={info.data.report.meta.edition} />
  ) : null;
  return (
    <>
      {reviewing && (pos || prevId) && (
        <nav className="review-nav no-print" aria-label="审核导航">
          {pos && queue && (
            <>
              <a href={queue.back}>← 返回列表{queue.label ? `（${queue.label}）` : ''}</a>
              <span className="muted">
                {pos.index !== null
                  ? `第 ${pos.index}/${pos.total} 份`
                  : `已不在此列表中（列表还有 ${pos.total} 份）`}
              </span>
              {pos.previous && <a href={href.report(pos.previous)}>上一份</a>}
              {nextId && <a href={href.report(nextId)}>下一份 →</a>}
            </>
          )}
          {yoy}
        </nav>
      )}
      {!reviewing && yoy && <div className="yoy-bar no-print">{yoy}</div>}
      <Editor
        info={info.data}
        me={me}
        connection={
          !lost
            ? 'ok'
            : isSessionLost(lost)
              ? 'session'
              : isNetworkError(lost) || appCode(lost) === 'DB_UNAVAILABLE'
                ? 'offline'
                : 'ok'
        }
        {...(prev.data ? { previous: prev.data.report } : {})}
        {...(year - 1 >= 2019 && prevFind.isSuccess
          ? {
              previousBasis: prevFind.data
                ? {
                    reportId: prevFind.data.id,
                    year: year - 1,
                    published: prevPublished !== undefined,
                    statusLabel: prevFind.data.statusLabel,
                    version: prevPublished ?? prevFind.data.version,
                    href: href.report(prevFind.data.id),
                  }
                : { none: true as const, year: year - 1 },
            }
          : {})}
        {...(config.data ? { config: config.data } : {})}
        importDiag={diag.data ?? null}
        openOnImport={justImported}
        {...(importVersion !== undefined ? { importVersion } : {})}
        // A workflow step (submit, return, approve, publish, correct) changes more than the status:
        // the history's 流转记录, the lists and the region view are stale too.
        onInfoChanged={() => void queryClient.invalidateQueries({ queryKey: trpc.reports.pathKey() })}
        next={
          nextId
            ? {
                id: nextId,
                // After 通过并打开下一份 the list is read again first: the next report opens with
                // its place in the list as it is now (the approved one may have left it).
                open: async () => {
                  await queryClient.invalidateQueries({ queryKey: trpc.reports.list.pathKey() });
                  navigate(href.report(nextId));
                },
              }
            : null
        }
      />
    </>
  );
}
