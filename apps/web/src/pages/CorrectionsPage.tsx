import { reportingYear } from '@nianbao/core';
import { useQuery } from '@tanstack/react-query';
import { YearOptions } from '../components/YearOptions';
import { href, navigate, useRoute } from '../router';
import { errorMessage, useTRPC } from '../trpc';

/** The most the log lists at once (the server's largest page of reports.corrections). */
const CORRECTIONS_SHOWN = 500;

const time = (s: string) => new Date(s).toLocaleString('zh-CN', { hour12: false });

/**
 * 更正公告: every correction of a published report, newest first, with its reason — public (no
 * login), as a correction of a published report must be (`reports.corrections`). Every row links
 * to the published report's public page (the corrected version and what each correction changed:
 * `reports.published`); signed in, a row the viewer may open (their own agency's report, their
 * region's, any for a 管理员: the server's `readable`) links to it in the editor too (查看报告).
 */
export function CorrectionsPage({ signedIn = false }: { signedIn?: boolean }) {
  const trpc = useTRPC();
  // The year chosen is in the address (#/corrections?year=2024): a reload, a link and Back from a
  // report opened here keep it (it was forgotten: Back showed every year again).
  const year = correctionsYear(useRoute().query);
  const list = useQuery(
    trpc.reports.corrections.queryOptions(
      year ? { year, limit: CORRECTIONS_SHOWN } : { limit: CORRECTIONS_SHOWN },
    ),
  );
  return (
    <div className="page corrections-page">
      <h1>年度报告更正公告</h1>
      <p className="muted">
        已发布的政府信息公开工作年度报告如有更正，更正作为新版本发布，原版本保留；下表列出每次更正及其说明。
        每条更正均可打开已发布的报告（更正后的版本）及其更正记录，无需登录。
        {signedIn ? '您可查看的报告另附“查看报告”，在编辑页打开。' : ''}
      </p>
      <label>
        报告年度{' '}
        <select
          name="year"
          value={year ?? ''}
          onChange={(e) => navigate(href.corrections(e.target.value ? Number(e.target.value) : undefined))}
        >
          <option value="">全部</option>
          <YearOptions />
        </select>
      </label>
      {list.isLoading && <p className="loading">正在载入…</p>}
      {list.error && <p className="error-text">{errorMessage(list.error)}</p>}
      {list.data && list.data.length === 0 && <p className="muted">没有更正记录。</p>}
      {/* The server answers the newest 500 at most: more are not left out unsaid. */}
      {list.data && list.data.length >= CORRECTIONS_SHOWN && (
        <p className="notice" role="status" data-testid="corrections-cut">
          只列出最近的 {CORRECTIONS_SHOWN} 条更正，可能还有更早的未列出
          {year ? '' : '；请选择报告年度查看某一年度的更正'}。
        </p>
      )}
      {list.data && list.data.length > 0 && (
        <table className="data corrections">
          <thead>
            <tr>
              <th>机关</th>
              <th>报告年度</th>
              <th>更正后版本</th>
              <th>更正时间</th>
              <th>更正说明</th>
              <th>报告</th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((c) => (
              <tr key={`${c.reportId}:${c.version}`} data-agency={c.agencyName}>
                <td data-label="机关">{c.agencyName}</td>
                <td data-label="报告年度">{c.year} 年度</td>
                <td data-label="更正后版本" title={c.contentHash}>
                  第 {c.version} 版
                </td>
                <td data-label="更正时间">{time(c.correctedAt)}</td>
                <td data-label="更正说明" className="pre">
                  {c.reason}
                </td>
                <td className="report-links">
                  <a
                    href={href.published(c.reportId)}
                    className="public-link"
                    title={`${c.agencyName} ${c.year} 年度报告：已发布的最新版本，及每次更正改了什么`}
                  >
                    查看已发布的报告
                  </a>
                  {c.readable && (
                    <a
                      href={href.report(c.reportId)}
                      className="editor-link"
                      title={`在编辑页打开${c.agencyName} ${c.year} 年度报告（已发布的最新版本；各版本见“历史版本”）`}
                    >
                      查看报告
                    </a>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/** The year the address names (one of the years offered), else none: all years. */
export function correctionsYear(query: URLSearchParams): number | undefined {
  const y = Number(query.get('year'));
  return Number.isInteger(y) && y >= 2019 && y <= reportingYear() ? y : undefined;
}
