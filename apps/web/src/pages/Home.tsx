import { editionForYear, getEdition, prefillFromPrevious, reportingYear } from '@nianbao/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Me } from '../App';
import { FindingCounts } from '../components/FindingCounts';
import { href, navigate } from '../router';
import { errorMessage, useTRPC, useTRPCClient } from '../trpc';

/** 填报人: my agency's reports by year, with status and finding counts; start the report for a year. */
export function Home({ me }: { me: Me }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.reports.list.queryOptions({ limit: 100, offset: 0 }));
  const [year, setYear] = useState(reportingYear);
  const [prefill, setPrefill] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const items = list.data?.items ?? [];
  // Years offered: 2019 up to the year just ended (the server refuses a year that has not ended),
  // and any year that already has a report.
  const lastYear = Math.max(reportingYear(), ...items.map((r) => r.year));
  const existing = items.find((r) => r.year === year);
  const previous = items.find((r) => r.year === year - 1);
  const edition = editionForYear(year);

  const start = async () => {
    if (!me.agency) return;
    setBusy(true);
    setError(null);
    let created: { id: string } | null = null;
    try {
      const made = await client.reports.create.mutate({ agencyId: me.agency.id, year });
      created = made;
      if (prefill && previous) {
        const prev = await client.reports.get.query({ id: previous.id });
        const filled = prefillFromPrevious(prev.report, { year, into: made.report });
        await client.reports.save.mutate({
          id: made.id,
          expectedVersion: made.version,
          report: filled,
          note: `由 ${year - 1} 年度报告预填：正文及上年结转`,
        });
      }
      await queryClient.invalidateQueries({ queryKey: trpc.reports.pathKey() });
      navigate(href.report(made.id));
    } catch (e) {
      if (created) {
        // The report exists though its prefill failed: the list shows it (and 「打开」, not a
        // 「新建」 the server would refuse as REPORT_EXISTS), and the message says so.
        setError(
          `已新建 ${year} 年度报告，但未能从 ${year - 1} 年度报告预填：${errorMessage(e)}。可打开该报告直接填写。`,
        );
        await queryClient.invalidateQueries({ queryKey: trpc.reports.pathKey() }).catch(() => {});
      } else setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page">
      <h1>{me.agency?.name ?? ''} · 年度报告</h1>
      <section className="card">
        <h2>新建年度报告</h2>
        <div className="row gap wrap">
          <label>
            报告年度{' '}
            <select name="year" value={year} onChange={(e) => setYear(Number(e.target.value))}>
              {Array.from({ length: lastYear - 2019 + 1 }, (_, i) => lastYear - i).map((y) => (
                <option key={y} value={y}>
                  {y} 年度
                </option>
              ))}
            </select>
          </label>
          <span className="muted small">
            {edition ? `使用《${getEdition(edition).formatTitle}》（${getEdition(edition).documentNo}）` : ''}
          </span>
          <label className={previous ? '' : 'disabled'}>
            <input
              type="checkbox"
              checked={prefill && !!previous}
              disabled={!previous}
              onChange={(e) => setPrefill(e.target.checked)}
            />
            从 {year - 1} 年度报告预填正文，并以其“结转下年度继续办理”作为本年“上年结转”
            {!previous && (
              <span className="muted small">
                （没有 {year - 1} 年度的报告，无法预填：可先导入 {year - 1} 年度已发布的报告）
              </span>
            )}
          </label>
          {existing ? (
            <a className="button" href={href.report(existing.id)}>
              打开 {year} 年度报告
            </a>
          ) : (
            <button
              type="button"
              className="primary"
              disabled={busy || !me.agency}
              onClick={() => void start()}
            >
              新建 {year} 年度报告
            </button>
          )}
          <a className="button" href={href.import()}>
            导入已发布的报告…
          </a>
        </div>
        {error && (
          <p className="error-text" role="alert">
            {error}
          </p>
        )}
      </section>
      <section className="card">
        <h2>我的报告</h2>
        {list.isLoading && <p className="muted">正在载入…</p>}
        {list.error && <p className="error-text">{errorMessage(list.error)}</p>}
        {list.data && items.length === 0 && <p className="muted">还没有报告。</p>}
        {items.length > 0 && (
          <table className="data report-list">
            <thead>
              <tr>
                <th>年度</th>
                <th>状态</th>
                <th>版本</th>
                <th>未处理的问题</th>
                <th>更新时间</th>
                <th>
                  <span className="sr-only">操作</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((r) => (
                <tr key={r.id}>
                  <td>{r.year} 年度</td>
                  <td>
                    <span className={`status st-${r.status}`}>{r.statusLabel}</span>
                    {r.status === 'returned' && r.reviewComment && (
                      <div className="small review-comment-line" title={r.reviewComment}>
                        审核意见：
                        {r.reviewComment.length > 60 ? `${r.reviewComment.slice(0, 60)}…` : r.reviewComment}
                      </div>
                    )}
                  </td>
                  <td>第 {r.version} 版</td>
                  <td>
                    <FindingCounts counts={r.openFindings} dismissed={r.dismissedErrors} />
                  </td>
                  <td>{new Date(r.updatedAt).toLocaleString('zh-CN', { hour12: false })}</td>
                  <td>
                    <a href={href.report(r.id)} aria-label={`打开 ${r.year} 年度报告`}>
                      打开
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
