import type { Report } from '@nianbao/core';
import { renderHtml } from '@nianbao/render';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { Changes } from '../components/Changes';
import { OfficialDocument } from '../editor/Preview';
import { href } from '../router';
import { errorMessage, type RouterOutputs, useTRPC } from '../trpc';

type Published = RouterOutputs['reports']['published'];

/** 2025-01-20 → 2025年1月20日 (a calendar day: no time zone moves it). */
export function dayZh(isoDay: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDay);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : isoDay;
}

/** A moment (ISO time) as the day it was in the reader's time zone: 2026年3月2日. */
const momentDay = (iso: string) =>
  new Date(iso).toLocaleDateString('zh-CN', { year: 'numeric', month: 'long', day: 'numeric' });

/**
 * The report as published, for print and the page: dated under the signature with the day it was
 * published when the report states no 发布日期 of its own (as the server's exports of it are).
 */
export function publishedContent(p: Pick<Published, 'report' | 'publishedOn'>): Report {
  if (p.report.meta.publishedOn || !p.publishedOn) return p.report;
  return { ...p.report, meta: { ...p.report.meta, publishedOn: p.publishedOn } };
}

/**
 * A published report for anyone, no login (`reports.published`; the 更正公告 page links each row
 * here): a header with the agency, year and day published, the report read-only in the official
 * layout (render's HTML, as the editor's 预览 shows and prints it) and its 更正记录 — each
 * correction's day, reason and what it changed, cell by cell and text by text. Printable as it is.
 */
export function PublishedReportPage({ id }: { id: string }) {
  const trpc = useTRPC();
  const q = useQuery({ ...trpc.reports.published.queryOptions({ id }), retry: false });
  const data = q.data;
  const html = useMemo(() => {
    if (!data) return '';
    try {
      return renderHtml(publishedContent(data));
    } catch (e) {
      return `<p style="color:#b00">无法显示报告：${String(e instanceof Error ? e.message : e).replace(/[<>&]/g, '')}</p>`;
    }
  }, [data]);
  useEffect(() => {
    if (!data) return;
    const before = document.title;
    document.title = `${data.agencyName}${data.year}年政府信息公开工作年度报告`;
    return () => {
      document.title = before;
    };
  }, [data]);
  if (q.isLoading) return <p className="loading">正在载入…</p>;
  if (q.error || !data)
    return (
      <div className="page published-page">
        <p className="error-text">{q.error ? errorMessage(q.error) : '没有找到这份报告'}</p>
        <p>
          <a href={href.corrections()}>返回更正公告</a>
        </p>
      </div>
    );
  const newestFirst = [...data.corrections].reverse();
  const last = newestFirst[0];
  return (
    // its own window title (the file name a print to PDF offers): not the heading's
    <div className="page published-page" data-own-title="">
      <p className="no-print published-nav">
        <a href={href.corrections()}>← 更正公告</a>
      </p>
      <header className="published-head">
        <h1>
          {data.agencyName} <span className="nowrap">{data.year} 年度</span>
        </h1>
        <p className="published-facts">
          <span className="status-published">已发布</span>
          {data.publishedOn && <span>发布日期 {dayZh(data.publishedOn)}</span>}
          <span>
            第 {data.version} 版
            {last ? `（${momentDay(last.correctedAt)}更正，共更正 ${data.corrections.length} 次）` : ''}
          </span>
        </p>
        <div className="row gap no-print">
          <button type="button" onClick={() => window.print()}>
            打印 / 另存为 PDF
          </button>
          {last && (
            <button type="button" className="link" onClick={jumpToLog}>
              查看更正记录（{data.corrections.length}）
            </button>
          )}
        </div>
        {last && (
          <p className="notice published-corrected">本页为更正后的报告。最近一次更正说明：{last.reason}</p>
        )}
      </header>
      <OfficialDocument html={html} className="published-document" testId="published-document" />
      <section id="corrections-log" className="corrections-log" aria-labelledby="corrections-log-title">
        <h2 id="corrections-log-title">更正记录</h2>
        {newestFirst.length === 0 ? (
          <p className="muted">本报告发布后没有更正。</p>
        ) : (
          <ol className="correction-list">
            {newestFirst.map((c) => (
              <li key={c.version} data-version={c.version} className="correction-entry">
                <h3>
                  {momentDay(c.correctedAt)} 更正{' '}
                  <span className="muted small">（更正后为第 {c.version} 版）</span>
                </h3>
                <p className="correction-reason">
                  <b>更正说明：</b>
                  <span className="pre">{c.reason}</span>
                </p>
                <Changes changes={c.changes} />
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}

/** The hash is the route: the log is scrolled to, not linked by an anchor. */
function jumpToLog() {
  document.getElementById('corrections-log')?.scrollIntoView({ behavior: 'smooth', block: 'start' });
}
