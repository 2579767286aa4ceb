import { type CellId, type EditionId, roundHalfUp } from '@nianbao/core';
import { FORMAT_INFO } from '@nianbao/render';
import { useQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { cellLabels } from '../grid/labels';
import { base64ToBytes, downloadFile } from '../lib/download';
import { href } from '../router';
import { errorMessage, type RouterOutputs, useTRPC, useTRPCClient } from '../trpc';
import { MenuList } from './MenuList';

type YoY = RouterOutputs['summary']['yearOnYear'];
type Delta = YoY['deltas'][number];

/** The items the compact view leads with (cell ids of core's edition data, either edition). */
export const HEADLINES: readonly { readonly cell: CellId; readonly short: string }[] = [
  { cell: 'applications.newReceived.total' as CellId, short: '新收申请' },
  { cell: 'applications.granted.total' as CellId, short: '予以公开' },
  { cell: 'applications.carriedForward.total' as CellId, short: '结转下年度' },
  { cell: 'reviewLitigation.review.total' as CellId, short: '行政复议' },
  { cell: 'reviewLitigation.litigationDirect.total' as CellId, short: '直接起诉' },
];
const HEADLINE_CELLS = HEADLINES.map((h) => h.cell);

/** An item's name: the printed cell's name when it is one cell, else the comparison's label (or key). */
export function deltaLabel(d: Delta, edition: EditionId): string {
  const one = d.currentCells.length === 1 ? d.currentCells[0] : undefined;
  return (one && cellLabels(edition).get(one as CellId)) || d.label || d.key;
}

const num = (v: number | null) => (v === null ? '空白' : String(v));
export function changeText(
  d: Pick<Delta, 'delta' | 'change'> & Partial<Pick<Delta, 'previous' | 'current'>>,
): string {
  if (d.delta === null) {
    // a blank on one side is no change: said as what it is
    if (d.previous === null && d.current !== null && d.current !== undefined) return '上年空白';
    if (d.current === null && d.previous !== null && d.previous !== undefined) return '本年空白';
    return '无法比较';
  }
  if (d.delta === 0) return '持平';
  const sign = d.delta > 0 ? '+' : '';
  if (d.change === null) return `${sign}${d.delta}`;
  // A change under 0.05% (1 of 5,000) is no 「0%」 beside a number that moved: 「-1（-不足0.1%）」.
  const pct = roundHalfUp(Math.abs(d.change), 1000) / 10;
  return `${sign}${d.delta}（${d.delta > 0 ? '+' : '-'}${pct === 0 ? '不足0.1' : pct}%）`;
}

/** What the comparison rests on (summary.yearOnYear's basis). */
export type YoYBasis = NonNullable<YoY['basis']>;

/**
 * A line when last year's report is not published — its numbers may still change, and the
 * comparison with them (as the findings panel says of the cross-year rules) — else null.
 */
export function basisText(basis: Pick<YoYBasis, 'published' | 'statusLabel' | 'version'>, year: number) {
  if (basis.published) return null;
  return `同比依据的 ${year} 年度报告尚未发布（${basis.statusLabel}，第 ${basis.version} 版），其数字可能还会改动`;
}

/**
 * The items apart from the headline ones, by what they say: a real change (both years a number, not
 * the same); 上年空白 (last year blank, this year a number: nothing to compare, not a change);
 * 本年空白 (the other way round); and amounts not compared (a unit not given). Items the same in
 * both years, or blank in both, are in none.
 */
export function groupDeltas(deltas: readonly Delta[], isHead: (d: Delta) => boolean = () => false) {
  const changed: Delta[] = [];
  const blankBefore: Delta[] = [];
  const blankNow: Delta[] = [];
  const notCompared: Delta[] = [];
  for (const d of deltas) {
    if (isHead(d)) continue;
    if (d.delta !== null) {
      if (d.delta !== 0) changed.push(d);
    } else if (d.previous === null && d.current === null) {
      // blank in both: nothing to say
    } else if (d.previous === null) blankBefore.push(d);
    else if (d.current === null) blankNow.push(d);
    else notCompared.push(d);
  }
  return { changed, blankBefore, blankNow, notCompared };
}

export type YoYFormat = 'docx' | 'xlsx' | 'html' | 'md' | 'csv';

/**
 * The 同比's downloads, in the report page's order and names (render's FORMAT_INFO), each with what
 * the file of a comparison is: the CSV is one row per item for other systems, not a table.
 */
export const YOY_DOWNLOADS: readonly { format: YoYFormat; label: string; hint: string }[] = [
  {
    format: 'docx',
    label: FORMAT_INFO.docx.label,
    hint: '同比全文：各表逐项对比、不可比项目和跨年核对，可修改、打印，供领导审阅',
  },
  { format: 'xlsx', label: FORMAT_INFO.xlsx.label, hint: '各表逐项对比，数字可计算、筛选' },
  { format: 'html', label: FORMAT_INFO.html.label, hint: '在浏览器中打开，可打印或另存为 PDF' },
  { format: 'md', label: FORMAT_INFO.md.label, hint: '纯文本的同比全文，可贴入说明' },
  {
    format: 'csv',
    label: 'CSV 数据',
    hint: '每个可比项目一行、英文列名，供其他系统导入，不是表格；要表格请下载“Excel 表格”',
  },
];

/** 「下载同比 ▾」: the formats, each with what it is; the file the server writes, saved under its name. */
function YoYDownload({ id }: { id: string }) {
  const client = useTRPCClient();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState<YoYFormat | null>(null);
  const [error, setError] = useState<string | null>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const root = useRef<HTMLDivElement>(null);
  const download = async (format: YoYFormat) => {
    setOpen(false);
    setError(null);
    setBusy(format);
    try {
      const out = await client.export.yearOnYear.query({ id, format });
      downloadFile(
        out.fileName,
        out.mime,
        out.encoding === 'base64' ? base64ToBytes(out.content) : out.content,
      );
    } catch (e) {
      setError(`下载同比失败：${errorMessage(e)}`);
    } finally {
      setBusy(null);
      toggle.current?.focus();
    }
  };
  return (
    <div className="yoy-export download-menu" data-testid="yoy-download" ref={root}>
      <button
        ref={toggle}
        type="button"
        className="small download-toggle"
        aria-haspopup="menu"
        aria-expanded={open}
        disabled={busy !== null}
        onClick={() => setOpen((o) => !o)}
      >
        {busy ? '正在生成同比文件…' : '下载同比 ▾'}
      </button>
      {open && (
        <MenuList
          label="下载同比"
          choices={YOY_DOWNLOADS.map((d) => ({ key: d.format, label: d.label, hint: d.hint }))}
          within={root}
          toggle={toggle}
          onChoose={(format) => void download(format)}
          onClose={() => setOpen(false)}
        />
      )}
      {error && (
        <p className="notice error small" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function DeltaTable({
  title,
  rows,
  year,
  edition,
}: {
  title: string;
  rows: readonly Delta[];
  year: number;
  edition: EditionId;
}) {
  return (
    <table className="data yoy-table">
      <thead>
        <tr>
          <th>{title}</th>
          <th>{year - 1}</th>
          <th>{year}</th>
          <th>变化</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((d) => (
          <tr key={d.key}>
            <td>{deltaLabel(d, edition)}</td>
            <td className="num">{num(d.previous)}</td>
            <td className="num">{num(d.current)}</td>
            <td className="num">{changeText(d)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** 同比: the same agency's report of the year before, linked, and what changed — compact, the rest on request. */
export function YearOnYear({
  id,
  previousId,
  year,
  edition,
}: {
  id: string;
  previousId: string;
  year: number;
  edition: EditionId;
}) {
  const trpc = useTRPC();
  const yoy = useQuery({ ...trpc.summary.yearOnYear.queryOptions({ id }), staleTime: 60_000 });
  const [all, setAll] = useState(false);
  const deltas = yoy.data?.deltas ?? [];
  const isHead = (d: Delta) =>
    d.currentCells.length === 1 && HEADLINE_CELLS.includes(d.currentCells[0] as CellId);
  const heads = HEADLINES.flatMap((h) =>
    deltas.filter((d) => isHead(d) && d.currentCells[0] === h.cell).map((d) => ({ d, short: h.short })),
  );
  const { changed, blankBefore, blankNow, notCompared } = groupDeltas(deltas, isHead);
  const rest = all ? changed : changed.slice(0, 12);
  const basis = yoy.data?.basis;
  const draftLine = basis ? basisText(basis, year - 1) : null;
  const prevHref = href.report(basis?.reportId ?? previousId);
  return (
    // The link to last year's report beside the summary, not in it: a control inside a summary
    // is one a screen reader or keyboard reaches as part of the toggle (WCAG nested-interactive).
    <div className="yoy-line no-print" data-testid="year-on-year">
      <a className="yoy-prev" href={prevHref}>
        {year - 1} 年度报告
      </a>
      <details className="yoy">
        <summary>
          {basis && !basis.published && (
            <span className="yoy-draft" data-testid="yoy-draft-mark">
              （尚未发布：{basis.statusLabel}，第 {basis.version} 版）
            </span>
          )}
          同比：
          {yoy.isLoading
            ? '正在比较…'
            : yoy.error
              ? '无法比较'
              : heads.map(({ d, short }) => (
                  <span key={d.key} className="yoy-head" title={deltaLabel(d, edition)}>
                    {short} {num(d.previous)} → {num(d.current)}{' '}
                    <b className={d.delta && d.delta > 0 ? 'up' : d.delta && d.delta < 0 ? 'down' : ''}>
                      {changeText(d)}
                    </b>
                  </span>
                ))}
        </summary>
        {yoy.data && <YoYDownload id={id} />}
        {yoy.data && (
          <div className="yoy-body">
            {draftLine && (
              <p className="notice warn small yoy-basis" data-testid="yoy-basis">
                {draftLine} <a href={prevHref}>查看</a>
              </p>
            )}
            {yoy.data.notes.map((n) => (
              <p key={n} className="muted small">
                {n}
              </p>
            ))}
            {changed.length === 0 ? (
              <p className="muted small">
                其余可比项目
                {blankBefore.length + blankNow.length + notCompared.length
                  ? '中没有两年都有数字而不同的'
                  : '与上年相同'}
                。
              </p>
            ) : (
              <DeltaTable title="有变化的项目" rows={rest} year={year} edition={edition} />
            )}
            {changed.length > rest.length && (
              <button type="button" className="link small" onClick={() => setAll(true)}>
                另有 {changed.length - rest.length} 项有变化，全部显示
              </button>
            )}
            {blankBefore.length > 0 && (
              <details className="yoy-apart" data-testid="yoy-blank-before">
                <summary>上年空白 {blankBefore.length} 项（本年有数字，无法同比）</summary>
                <DeltaTable title="上年空白的项目" rows={blankBefore} year={year} edition={edition} />
              </details>
            )}
            {blankNow.length > 0 && (
              <details className="yoy-apart" data-testid="yoy-blank-now">
                <summary>本年空白 {blankNow.length} 项（上年有数字）</summary>
                <DeltaTable title="本年空白的项目" rows={blankNow} year={year} edition={edition} />
              </details>
            )}
            {notCompared.length > 0 && (
              <details className="yoy-apart" data-testid="yoy-not-compared">
                <summary>未比较 {notCompared.length} 项（金额未注明单位）</summary>
                <DeltaTable title="未比较的项目" rows={notCompared} year={year} edition={edition} />
              </details>
            )}
          </div>
        )}
      </details>
    </div>
  );
}
