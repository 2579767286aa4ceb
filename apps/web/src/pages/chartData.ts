/**
 * What the roll-up charts draw. A blank is not 0: a pie with a blank slice is not drawn (its share
 * is unknown) and says which slices are blank; a bar chart leaves a blank bar out and says so.
 */

import { formatRate } from '@nianbao/core';

export interface Slice {
  readonly name: string;
  /** null = blank (a cell, or one of the cells summed, is blank). */
  readonly value: number | null;
}

/** A group of slices named together when all of them are blank (「法人或其他组织」 for its 5 columns). */
export interface SliceGroup {
  readonly label: string;
  readonly names: readonly string[];
}

export type PieData =
  | { readonly kind: 'pie'; readonly data: readonly { name: string; value: number }[] }
  | { readonly kind: 'blank'; readonly text: string }
  | { readonly kind: 'empty' };

/** 「法人或其他组织 5 项」, 「商业企业」, 「商业企业、科研机构等 3 项」. */
export function namesPhrase(names: readonly string[], groups: readonly SliceGroup[] = []): string {
  const g = groups.find((x) => x.names.length === names.length && x.names.every((n) => names.includes(n)));
  if (g && names.length > 1) return `${g.label} ${names.length} 项`;
  if (names.length === 1) return names[0]!;
  if (names.length <= 3) return `${names.join('、')} ${names.length} 项`;
  return `${names.slice(0, 2).join('、')}等 ${names.length} 项`;
}

/** A pie's data: drawn only when no slice is blank and some slice is above 0. */
export function pieData(slices: readonly Slice[], groups: readonly SliceGroup[] = []): PieData {
  const blank = slices.filter((s) => s.value === null).map((s) => s.name);
  if (blank.length) return { kind: 'blank', text: `${namesPhrase(blank, groups)}有空白单元格，无法作图` };
  const data = slices.map((s) => ({ name: s.name, value: s.value as number }));
  return data.some((d) => d.value > 0) ? { kind: 'pie', data } : { kind: 'empty' };
}

/**
 * A pie's legend entry on a phone, where the slices carry no labels: 「法律服务机构 3 件（2.1%）」 —
 * the share to one decimal (it is the legend's only place; more where one would say 0% or 100% of a
 * slice that is neither), 0 件 said as such.
 */
export function pieLegendText(data: readonly { name: string; value: number }[], name: string): string {
  const total = data.reduce((t, d) => t + d.value, 0);
  const v = data.find((d) => d.name === name)?.value;
  if (v === undefined) return name;
  // as core says a rate: half up, and a slice that is not all or none never 「100%」 / 「0%」
  return `${name} ${v} 件（${total > 0 ? formatRate(v / total) : '0%'}）`;
}

/** Sum of values, blank when any is blank (one blank report makes the sum unknown). */
export function sumOrBlank(values: readonly (number | null)[]): number | null {
  let t = 0;
  for (const x of values) {
    if (x === null) return null;
    t += x;
  }
  return t;
}

/** 「空白未画：2024 年度 本年新收、办结」 for a bar chart's series with blank values, or ''. */
export function blankBars(
  categories: readonly string[],
  series: readonly { name: string; data: readonly (number | null)[] }[],
): string {
  const parts = series.flatMap((s) => {
    const names = categories.filter((_, i) => s.data[i] === null || s.data[i] === undefined);
    if (!names.length) return [];
    return [
      `${s.name} ${names.length > 3 ? `${names.slice(0, 3).join('、')}等 ${names.length} 项` : names.join('、')}`,
    ];
  });
  return parts.length ? `空白（未画柱）：${parts.join('；')}` : '';
}

/** The figures of a report the roll-up's year-on-year charts compare (the server's rollupFigures). */
export interface Figures {
  readonly newReceived: number | null;
  readonly resultTotal: number | null;
  readonly granted: number | null;
  readonly review: number | null;
  readonly litigation: number | null;
}

/**
 * Like for like: each summed report of this year beside the same agency's report of last year, by
 * agency id — names repeat (城关镇人民政府 in every county), so a name would pair the wrong towns.
 * `before` is null where the agency had no report (of the statuses summed) last year.
 */
export function pairByAgency<F>(
  now: readonly { readonly agencyId: string; readonly figures: F }[],
  last: readonly { readonly agencyId: string; readonly figures: F }[],
): { agencyId: string; now: F; before: F | null }[] {
  const prev = new Map(last.filter((r) => r.agencyId).map((r) => [r.agencyId, r.figures]));
  // An agency not named by id (never, as the server stores reports) is paired with nothing.
  return now.map((r) => ({
    agencyId: r.agencyId,
    now: r.figures,
    before: r.agencyId ? (prev.get(r.agencyId) ?? null) : null,
  }));
}

/**
 * The agencies a per-agency bar chart draws: all of them up to `max`, else the `max` with most of
 * `value` (blank last) — 1,890 bars are no chart. `total` says how many there were. Where the cut
 * falls among agencies of equal value (30 bars of 3 件 out of 200 agencies with 3 件), `tie` says
 * so: the value, how many agencies have it, and how many of them are drawn — which ones are drawn is
 * then only their order, not a ranking.
 */
export function topAgencies<T>(
  rows: readonly T[],
  value: (r: T) => number | null,
  max = 30,
): {
  rows: readonly T[];
  total: number;
  cut: boolean;
  tie?: { value: number | null; shown: number; total: number };
} {
  if (rows.length <= max) return { rows, total: rows.length, cut: false };
  const all = rows
    .map((r, k) => ({ r, k, v: value(r) }))
    .sort((a, b) => (b.v ?? -1) - (a.v ?? -1) || a.k - b.k);
  const ranked = all.slice(0, max).map((x) => x.r);
  const last = all[max - 1]!.v;
  if (all[max]!.v !== last) return { rows: ranked, total: rows.length, cut: true };
  const same = all.filter((x) => x.v === last).length;
  const shown = all.slice(0, max).filter((x) => x.v === last).length;
  return { rows: ranked, total: rows.length, cut: true, tie: { value: last, shown, total: same } };
}

/**
 * The bar chart's word on equal bars, never passed off as a ranking: where the cut of the top 30
 * falls among agencies of equal value, 「同为 344 件的 30 个机关只画了 1 个（并列时按列表顺序），另 29 个未画出」
 * (「所画的 30 个机关均为 3 件，另有 170 个机关同为 3 件，未画出…」 when every bar is that value); and
 * where most of the bars drawn (5 or more) are equal, 「所画的 30 个机关中 29 个同为 385 件」. '' else.
 */
export function tieText<T>(
  top: { readonly rows: readonly T[]; readonly tie?: { value: number | null; shown: number; total: number } },
  value: (r: T) => number | null,
): string {
  const n = top.rows.length;
  const t = top.tie;
  const say = (v: number | null) => (v === null ? '空白' : `${v} 件`);
  if (t && t.shown === n)
    return `所画的 ${n} 个机关均为 ${say(t.value)}，另有 ${t.total - t.shown} 个机关同为 ${say(t.value)}，未画出（并列时按列表顺序取前 ${n} 个）`;
  // the most common value among the bars drawn (a blank draws no bar: said elsewhere)
  const counts = new Map<number, number>();
  for (const r of top.rows) {
    const v = value(r);
    if (v !== null) counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  const [v, k] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? [0, 0];
  const parts: string[] = [];
  // (the equal bars of the cut's own value are said with the cut)
  if (k >= 5 && k === n) parts.push(`这 ${n} 个机关均为 ${say(v)}`);
  else if (k >= 5 && k * 2 >= n && v !== t?.value) parts.push(`所画的 ${n} 个机关中 ${k} 个同为 ${say(v)}`);
  if (t)
    parts.push(
      `同为 ${say(t.value)}的 ${t.total} 个机关只画了 ${t.shown} 个（并列时按列表顺序），另 ${t.total - t.shown} 个未画出`,
    );
  return parts.join('；');
}
