import type { CellId, EditionId } from '@nianbao/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { cellLabels } from '../grid/labels';
import { href } from '../router';
import { type RouterOutputs, useTRPC } from '../trpc';

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
export function changeText(d: Pick<Delta, 'delta' | 'change'>): string {
  if (d.delta === null) return '无法比较';
  if (d.delta === 0) return '持平';
  const sign = d.delta > 0 ? '+' : '';
  return `${sign}${d.delta}${d.change === null ? '' : `（${sign}${Math.round(d.change * 1000) / 10}%）`}`;
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
  const changed = deltas.filter(
    (d) => !isHead(d) && d.delta !== 0 && !(d.previous === null && d.current === null),
  );
  const rest = all ? changed : changed.slice(0, 12);
  return (
    <details className="yoy no-print" data-testid="year-on-year">
      <summary>
        <a href={href.report(previousId)} onClick={(e) => e.stopPropagation()}>
          {year - 1} 年度报告
        </a>{' '}
        · 同比：
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
      {yoy.data && (
        <div className="yoy-body">
          {yoy.data.notes.map((n) => (
            <p key={n} className="muted small">
              {n}
            </p>
          ))}
          {changed.length === 0 ? (
            <p className="muted small">其余可比项目与上年相同。</p>
          ) : (
            <table className="data yoy-table">
              <thead>
                <tr>
                  <th>有变化的项目</th>
                  <th>{year - 1}</th>
                  <th>{year}</th>
                  <th>变化</th>
                </tr>
              </thead>
              <tbody>
                {rest.map((d) => (
                  <tr key={d.key}>
                    <td>{deltaLabel(d, edition)}</td>
                    <td className="num">{num(d.previous)}</td>
                    <td className="num">{num(d.current)}</td>
                    <td className="num">{changeText(d)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {changed.length > rest.length && (
            <button type="button" className="link small" onClick={() => setAll(true)}>
              另有 {changed.length - rest.length} 项有变化，全部显示
            </button>
          )}
        </div>
      )}
    </details>
  );
}
