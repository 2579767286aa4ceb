import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { YearOptions } from '../components/YearOptions';
import { href } from '../router';
import { errorMessage, useTRPC } from '../trpc';

const time = (s: string) => new Date(s).toLocaleString('zh-CN', { hour12: false });

/**
 * 更正公告: every correction of a published report, newest first, with its reason — public (no
 * login), as a correction of a published report must be (`reports.corrections`). Signed in, each
 * row the viewer may open (their own agency's report, their region's, any for a 管理员: the
 * server's `readable`) links to the report as published.
 */
export function CorrectionsPage({ signedIn = false }: { signedIn?: boolean }) {
  const trpc = useTRPC();
  const [year, setYear] = useState<number | undefined>(undefined);
  const list = useQuery(trpc.reports.corrections.queryOptions(year ? { year, limit: 500 } : { limit: 500 }));
  return (
    <div className="page corrections-page">
      <h1>年度报告更正公告</h1>
      <p className="muted">
        已发布的政府信息公开工作年度报告如有更正，更正作为新版本发布，原版本保留；下表列出每次更正及其说明。
        {signedIn ? '可查看的报告附有链接。' : '登录后，本单位及本地区的报告可由此打开。'}
      </p>
      <label>
        报告年度{' '}
        <select
          name="year"
          value={year ?? ''}
          onChange={(e) => setYear(e.target.value ? Number(e.target.value) : undefined)}
        >
          <option value="">全部</option>
          <YearOptions />
        </select>
      </label>
      {list.isLoading && <p className="loading">正在载入…</p>}
      {list.error && <p className="error-text">{errorMessage(list.error)}</p>}
      {list.data && list.data.length === 0 && <p className="muted">没有更正记录。</p>}
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
                <td>{c.agencyName}</td>
                <td>{c.year} 年度</td>
                <td title={c.contentHash}>第 {c.version} 版</td>
                <td>{time(c.correctedAt)}</td>
                <td className="pre">{c.reason}</td>
                <td className="nowrap">
                  {c.readable ? (
                    <a
                      href={href.report(c.reportId)}
                      title={`打开${c.agencyName} ${c.year} 年度报告（已发布的最新版本；各版本见“历史版本”）`}
                    >
                      查看报告
                    </a>
                  ) : (
                    <span className="muted small" title={signedIn ? '不在您可查看的范围内' : '登录后可查看'}>
                      —
                    </span>
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
