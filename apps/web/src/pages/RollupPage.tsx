import { type CellId, formatRate, getEdition, missingText, type Report, TABLE_KEYS } from '@nianbao/core';
import { renderHtml, renderOpenData } from '@nianbao/render';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Fragment, useMemo, useRef, useState } from 'react';
import { Chart, type ChartOption, useNarrow } from '../components/Chart';
import { Fold } from '../components/Fold';
import { type GridHandlers, TableView } from '../editor/Grid';
import { base64ToBytes, downloadFile } from '../lib/download';
import { listHref, loadRegionView } from '../lib/review';
import { href, navigate, useRoute } from '../router';
import { appCode, errorMessage, useTRPC, useTRPCClient } from '../trpc';
import { byPlace, groupHead, placesOf, qualifiedNames } from './agencyPlaces';
import {
  blankBars,
  type Figures,
  pairByAgency,
  pieData,
  pieLegendText,
  sumOrBlank,
  tieText,
  topAgencies,
} from './chartData';
import { regionalCellCount, regionalCheckText } from './regionalCheck';

/** The CSV is open data in the long format, not the summed tables: said on its button. */
const OPEN_DATA_HINT =
  '每个数字一行、英文列名，供数据开放平台等系统导入，不是表格；要表格请用“导出汇总（Excel）”或“导出汇总（网页，可打印）”';

/** Blank stays blank (no bar), never 0. */
const vn = (r: Report | undefined, id: CellId): number | null => {
  const x = r?.cells[id]?.value;
  return typeof x === 'number' ? x : null;
};
/** The rows' 总计 summed; blank when any of them is blank (never counted as 0). */
const sumRows = (r: Report, rows: readonly string[]) =>
  sumOrBlank(rows.map((row) => vn(r, `applications.${row}.total`)));

const noop: GridHandlers = {
  commit() {},
  nav: () => true,
  paste() {},
  focus() {},
  reject() {},
  undo() {},
  redo() {},
  register() {},
};

type Status = 'draft' | 'submitted' | 'returned' | 'approved' | 'published';
const STATUS_OPTIONS: [Status, string][] = [
  ['draft', '草稿'],
  ['returned', '已退回'],
  ['submitted', '已提交'],
  ['approved', '已通过'],
  ['published', '已发布'],
];

const STATUS_LABEL = new Map<string, string>(STATUS_OPTIONS);

/** The roll-up's notes shown at once; a province's 161 more behind a fold. */
const NOTES_SHOWN = 5;

const COLORS = ['#2f5d9b', '#d9822b', '#3c8d5a', '#b23b3b', '#7a5ca8', '#8a8a8a', '#c9a227'];

/**
 * Which reports left cells of the roll-up blank, most first: 「东山乡人民政府 198 格、西河街道办事处 2 格」 —
 * by report (agency names repeat across counties: two 城关镇 are two entries).
 */
function blankSources(
  missing: readonly { reportIds: readonly string[] }[],
  nameOf: (reportId: string) => string,
): string {
  const n = new Map<string, number>();
  for (const m of missing) for (const id of m.reportIds) n.set(id, (n.get(id) ?? 0) + 1);
  return [...n]
    .sort((a, b) => b[1] - a[1])
    .map(([id, k]) => `${nameOf(id)} ${k} 格`)
    .join('、');
}

/** What the roll-up sums unless the address says otherwise: the reports handed in. */
const DEFAULT_STATUSES: readonly Status[] = ['submitted', 'approved', 'published'];

/** The statuses summed, as the address names them (in the filter's order), else the default. */
export function rollupStatuses(query: URLSearchParams): Status[] {
  const named = new Set((query.get('statuses') ?? '').split(','));
  const out = STATUS_OPTIONS.map(([k]) => k).filter((k) => named.has(k));
  return out.length ? out : [...DEFAULT_STATUSES];
}

/** The reports left out of the sums, as the address names them. */
export function rollupExclude(query: URLSearchParams): string[] {
  return [...new Set((query.get('exclude') ?? '').split(',').filter(Boolean))];
}

/** The roll-up's address with its choice of reports (the default statuses and no exclusion: the plain link). */
export function rollupHref(
  year: number,
  nodeId: string,
  v: { statuses?: readonly Status[]; exclude?: readonly string[] },
): string {
  const q = new URLSearchParams(href.rollup(year, nodeId).split('?')[1]);
  const statuses = v.statuses ?? DEFAULT_STATUSES;
  if (statuses.join(',') !== DEFAULT_STATUSES.join(',')) q.set('statuses', statuses.join(','));
  if (v.exclude?.length) q.set('exclude', v.exclude.join(','));
  return `#/rollup?${q.toString()}`;
}

/** The region's roll-up for a year: summed tables, indicators with denominators, charts, exports. */
export default function RollupPage({ year, nodeId }: { year: number; nodeId: string }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  // The choice of reports is in the address (#/rollup?…&statuses=&exclude=): Back from a report
  // opened here (a doubt's link), or a reload, sums what was chosen — not the default again.
  const route = useRoute();
  const statuses = rollupStatuses(route.query);
  /** Reports the reviewer left out of the sums (by report id): one blank report blanks every sum. */
  const exclude = rollupExclude(route.query);
  const choose = (v: { statuses?: readonly Status[]; exclude?: readonly string[] }) =>
    navigate(rollupHref(year, nodeId, { statuses, exclude, ...v }), { replace: true });
  const setStatuses = (f: (cur: readonly Status[]) => readonly Status[]) => choose({ statuses: f(statuses) });
  const setExclude = (f: readonly string[] | ((cur: readonly string[]) => readonly string[])) =>
    choose({ exclude: typeof f === 'function' ? f(exclude) : f });
  const scope = { regionId: nodeId, year, statuses, ...(exclude.length ? { exclude } : {}) };
  // 返回本地区报告: the list as the reviewer left it (filters, page) when it is this year's and scope's.
  const kept = loadRegionView();
  const backHref =
    kept && kept.year === year && kept.node === nodeId ? listHref(kept) : href.region(year, nodeId);
  const [exporting, setExporting] = useState<'docx' | 'xlsx' | 'html' | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);
  /** 含上年同比: the Word/Excel/网页 file gets the 同比 part (export.region's withLastYear). */
  const [withLastYear, setWithLastYear] = useState(false);
  /** What the file's 同比 counted, said after the download. */
  const [exportNote, setExportNote] = useState<string | null>(null);
  const me = useQuery(trpc.auth.me.queryOptions());
  const canExport = me.data?.role === 'reviewer' || me.data?.role === 'admin';
  /**
   * The roll-up rendered by the server (export.region) as Word, Excel or 网页, with the same statuses
   * and exclusions: the file says what it sums (汇总范围, the reports with errors, those not
   * counted, agencies without a report) and, ticked, the 同比 part.
   */
  const exportFile = async (format: 'docx' | 'xlsx' | 'html') => {
    setExporting(format);
    setExportError(null);
    setExportNote(null);
    try {
      const out = await client.export.region.query({
        ...scope,
        format,
        ...(withLastYear ? { withLastYear: true } : {}),
      });
      downloadFile(
        out.fileName,
        out.mime,
        out.encoding === 'base64' ? base64ToBytes(out.content) : out.content,
      );
      const y = out.yearOnYear;
      if (y) {
        const left = y.noPrevious.length + y.noCurrent.length;
        setExportNote(
          y.counted
            ? `已导出含上年同比的汇总：同口径 ${y.counted} 个机关（两年均有报告）${left ? `，未计入 ${left} 个机关，名单见文件` : ''}。`
            : `已导出汇总；${y.previousYear} 年度没有可对应的机关报告，文件中的同比部分说明了原因，没有同比表。`,
        );
      }
    } catch (e) {
      setExportError(`导出失败：${errorMessage(e)}`);
    } finally {
      setExporting(null);
    }
  };
  const cur = useQuery({
    ...trpc.summary.region.queryOptions(scope),
    // The page stays while another choice of reports is summed (the list of reports stays open).
    placeholderData: keepPreviousData,
    retry: false,
  });
  // Last year's reports of the same statuses as the sums (a draft of last year is not compared
  // either), by agency id, with only the figures the charts compare: one request, not a report each.
  const last = useQuery({
    ...trpc.summary.regionLastYear.queryOptions({ regionId: nodeId, year, statuses }),
    // asked once the sums are in: the first screen does not wait for last year too
    enabled: year > 2019 && !!cur.data,
    placeholderData: keepPreviousData,
  });
  const lastLoading = year > 2019 && !last.data;
  // Where each agency is (names repeat: a 城关镇人民政府 in every county): 「城关镇人民政府 · 安平县」.
  const tree = useQuery(trpc.agencies.tree.queryOptions());
  const places = useMemo(() => placesOf(tree.data ?? []), [tree.data]);
  /** Each report's agency, remembered: a report left out comes back without its agency id. */
  const agencyOfReport = useRef(new Map<string, string>());
  for (const i of [
    ...(cur.data?.included ?? []),
    ...(cur.data?.excluded ?? []),
    ...(cur.data?.notCounted ?? []),
  ])
    if (i.agencyId) agencyOfReport.current.set(i.reportId, i.agencyId);
  /** Every report of the page with its name as shown, its place said where the name repeats. */
  const listed = useMemo(() => {
    const d = cur.data;
    if (!d) return { items: [], shown: new Map<string, string>() };
    const items = [
      ...[...d.included, ...d.excluded, ...d.notCounted].map((i) => ({
        key: i.reportId,
        agencyId: agencyOfReport.current.get(i.reportId),
        agencyName: i.agencyName,
      })),
      // agencies with no report of the year, keyed by agency
      ...d.noReportAgencies.map((a) => ({ key: `agency:${a.agencyId}`, ...a })),
    ];
    return { items, shown: qualifiedNames(items, places) };
  }, [cur.data, places]);
  const shownName = (reportId: string, fallback: string) => listed.shown.get(reportId) ?? fallback;
  const handlers = useRef(noop);
  // On a phone the charts are one column of about 370 px: pies name their slices in the legend
  // (with the share) instead of labels cut at the edge, the agency names take less of the width.
  const narrow = useNarrow();
  const empty = useMemo(() => new Map(), []);
  const emptySet = useMemo(() => new Set<CellId>(), []);

  const charts = useMemo(() => {
    if (!cur.data) return null;
    const r = cur.data.report;
    const e = getEdition(r.meta.edition);
    const apps = e.tables.applications;
    const under = (p: string) => apps.dataRows.filter((x) => x.parent === p).map((x) => x.key);
    const other = r.meta.edition === '2021' ? under('other') : ['other'];
    const outcomes = [
      ['予以公开', sumRows(r, ['granted'])],
      ['部分公开', sumRows(r, ['partiallyGranted'])],
      ['不予公开', sumRows(r, under('denied'))],
      ['无法提供', sumRows(r, under('unable'))],
      ['不予处理', sumRows(r, under('notProcessed'))],
      ['其他处理', sumRows(r, other)],
    ] as const;
    const mix = apps.columns
      .filter((c) => c.key !== 'total')
      .map((c) => ({ name: c.label, value: vn(r, `applications.newReceived.${c.key}`) }));
    const label = (key: string) => apps.columns.find((c) => c.key === key)?.label ?? key;
    // 「法人或其他组织 5 项」 when its columns are all blank (not the all-columns group 申请人情况).
    const groups = apps.columnGroups
      .map((g) => ({ label: g.label, names: g.columns.filter((k) => k !== 'total').map(label) }))
      .filter((g) => g.names.length < mix.length);
    const outcomeData = pieData(outcomes.map(([name, value]) => ({ name, value })));
    const mixData = pieData(mix, groups);
    /** A phone's pie: no labels outside (cut at 370 px), each slice's count and share in the legend. */
    const pieOn = (data: typeof outcomeData) => {
      const slices = data.kind === 'pie' ? data.data : [];
      return narrow
        ? {
            legend: { bottom: 0, formatter: (name: string) => pieLegendText(slices, name) },
            // smaller, below the title, above a legend of up to five lines
            series: { center: ['50%', '40%'], label: { show: false }, labelLine: { show: false } },
          }
        : { legend: { bottom: 0 }, series: {} };
    };
    const outcomePie = pieOn(outcomeData);
    const mixPie = pieOn(mixData);
    const outcomeOption: ChartOption = {
      color: COLORS,
      title: { text: '办理结果', left: 'center', textStyle: { fontSize: 14 } },
      tooltip: { trigger: 'item', formatter: '{b}：{c} 件（{d}%）' },
      legend: outcomePie.legend,
      series: [
        {
          type: 'pie',
          radius: narrow ? ['30%', '52%'] : ['35%', '62%'],
          data: outcomeData.kind === 'pie' ? outcomeData.data : [],
          ...outcomePie.series,
        },
      ],
    };
    const mixOption: ChartOption = {
      color: COLORS,
      title: { text: '申请人构成（本年新收）', left: 'center', textStyle: { fontSize: 14 } },
      tooltip: { trigger: 'item', formatter: '{b}：{c} 件（{d}%）' },
      legend: mixPie.legend,
      series: [
        {
          type: 'pie',
          radius: narrow ? '50%' : '60%',
          data: mixData.kind === 'pie' ? mixData.data : [],
          ...mixPie.series,
        },
      ],
    };
    const included = cur.data.included;
    // Like for like, by agency id: the agencies with a report (of the chosen statuses) in both years.
    // county by county (a 城关镇 among its own county's agencies)
    const inPlace = byPlace(
      included.map((i) => ({ ...i, key: i.reportId })),
      places,
    );
    const matched = pairByAgency(inPlace, last.data?.reports ?? []);
    const pairs = matched.flatMap((m) => (m.before ? [[m.before, m.now] as const] : []));
    const sumOf = (reps: readonly Figures[], f: (x: Figures) => number | null): number | null =>
      sumOrBlank(reps.map(f));
    const yoyItems: [string, (x: Figures) => number | null][] = [
      ['本年新收', (x) => x.newReceived],
      ['办结', (x) => x.resultTotal],
      ['予以公开', (x) => x.granted],
      ['行政复议', (x) => x.review],
      ['行政诉讼', (x) => x.litigation],
    ];
    const yoyNames = yoyItems.map(([k]) => k);
    const yoySeries = pairs.length
      ? [
          {
            name: `${year - 1} 年度`,
            data: yoyItems.map(([, f]) =>
              sumOf(
                pairs.map((x) => x[0]),
                f,
              ),
            ),
          },
          {
            name: `${year} 年度`,
            data: yoyItems.map(([, f]) =>
              sumOf(
                pairs.map((x) => x[1]),
                f,
              ),
            ),
          },
        ]
      : [
          {
            name: `${year} 年度`,
            data: [
              sumRows(r, ['newReceived']),
              sumRows(r, ['resultTotal']),
              sumRows(r, ['granted']),
              vn(r, 'reviewLitigation.review.total'),
              sumOrBlank([
                vn(r, 'reviewLitigation.litigationDirect.total'),
                vn(r, 'reviewLitigation.litigationAfterReview.total'),
              ]),
            ],
          },
        ];
    // A blank bar is left out, not drawn as 0 — and said, so that no bar is not read as none.
    const yoyBlank = blankBars(yoyNames, yoySeries);
    const yoyOption: ChartOption = {
      color: yoySeries.length > 1 ? ['#9db3d3', '#2f5d9b'] : ['#2f5d9b'],
      title: {
        text: '本地区同比',
        subtext: [
          pairs.length
            ? `同口径：两年均有报告的 ${pairs.length} 个机关（共 ${included.length} 个）`
            : lastLoading
              ? '正在载入上年的报告…'
              : '上年没有同一批机关的报告，无法同比',
          yoyBlank,
        ]
          .filter(Boolean)
          .join('\n'),
        left: 'center',
        textStyle: { fontSize: 14 },
        subtextStyle: { lineHeight: 18 },
      },
      tooltip: { trigger: 'axis' },
      // no 「2024 年度」 in the legend when there is no 2024 to compare (the subtitle says why)
      legend: { bottom: 0, show: yoySeries.length > 1 },
      grid: { left: 40, right: 16, top: yoyBlank ? 72 : 56, bottom: yoySeries.length > 1 ? 50 : 30 },
      xAxis: { type: 'category', data: yoyNames, axisLabel: { interval: 0 } },
      yAxis: { type: 'value' },
      series: yoySeries.map((x) => ({ ...x, type: 'bar' })),
    };
    // 1,890 bars are no chart: past 30 agencies, the 30 with most 本年新收 this year.
    const top = topAgencies(matched, (m) => m.now.newReceived);
    const names = new Map(included.map((i) => [i.agencyId, listed.shown.get(i.reportId) ?? i.agencyName]));
    const agencies = top.rows.map((m) => names.get(m.agencyId) ?? '');
    const thisYear = top.rows.map((m) => m.now.newReceived);
    const lastYear = top.rows.map((m) => (m.before ? m.before.newReceived : null));
    // Blank bars said: a report whose 本年新收 is blank (no report last year is not a blank).
    // Last year only where some agency drawn has a report of last year: else no 「2024 年度」 legend
    // or bars, and the title is not 同比.
    const anyBefore = top.rows.some((m) => m.before);
    const agencyBlank = blankBars(agencies, [
      ...(anyBefore
        ? [
            {
              name: `${year - 1} 年度`,
              data: top.rows.map((m) => (m.before && m.before.newReceived === null ? null : 0)),
            },
          ]
        : []),
      { name: `${year} 年度`, data: thisYear.map((v) => (v === null ? null : 0)) },
    ]);
    const agencySub = [
      top.cut ? `本年新收最多的 ${top.rows.length} 个机关（共 ${top.total} 个）` : '',
      !anyBefore && !lastLoading && year > 2019 ? '上年没有这些机关的报告，无法同比' : '',
      agencyBlank,
    ]
      .filter(Boolean)
      .join('\n');
    // Horizontal bars: every agency's name is read across (21 rotated names overlapped at 1366 px);
    // a long name is cut on the axis and whole in the tooltip.
    const agencyOption: ChartOption = {
      // this year in its own colour also when it is drawn alone (not last year's pale one)
      color: anyBefore ? ['#9db3d3', '#2f5d9b'] : ['#2f5d9b'],
      title: {
        text: anyBefore ? '各机关本年新收申请（同比）' : '各机关本年新收申请',
        ...(agencySub ? { subtext: agencySub } : {}),
        left: 'center',
        textStyle: { fontSize: 14 },
        // the subtitle's lines apart (they overlapped)
        subtextStyle: { lineHeight: 18 },
      },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { bottom: 0, show: anyBefore },
      grid: {
        left: 8,
        right: 24,
        top: 40 + agencySub.split('\n').filter(Boolean).length * 20,
        bottom: 36,
        containLabel: true,
      },
      yAxis: {
        type: 'category',
        data: agencies,
        inverse: true,
        // 150 px of a 370-px phone chart left the bars no room: there the names take 110.
        // A repeated name's place on a line of its own (「城关镇人民政府」 over 「安平县」), not cut off.
        axisLabel: {
          interval: 0,
          fontSize: 11,
          lineHeight: 13,
          width: narrow ? 110 : 150,
          overflow: 'truncate',
          formatter: (v: string) => v.replace(' · ', '\n'),
        },
      },
      xAxis: { type: 'value' },
      series: [
        ...(anyBefore ? [{ name: `${year - 1} 年度`, type: 'bar', data: lastYear }] : []),
        { name: `${year} 年度`, type: 'bar', data: thisYear },
      ],
    };
    return {
      outcomeOption,
      outcomeData,
      mixOption,
      mixData,
      yoyOption,
      agencyOption,
      agencyTie: tieText(top, (m) => m.now.newReceived),
      agencyHeight: Math.max(320, 90 + agencies.length * (agencies.some((a) => a.includes(' · ')) ? 32 : 26)),
      pieHeight: narrow ? 380 : 320,
    };
  }, [cur.data, last.data, lastLoading, year, narrow, listed, places]);

  const filter = (
    <fieldset className="status-filter no-print">
      <legend>汇总范围（报告状态）</legend>
      {STATUS_OPTIONS.map(([k, label]) => (
        <label key={k}>
          <input
            type="checkbox"
            name={`status-${k}`}
            checked={statuses.includes(k)}
            onChange={(e) =>
              setStatuses((cur) => {
                const next = e.target.checked ? [...cur, k] : cur.filter((x) => x !== k);
                return next.length ? STATUS_OPTIONS.map(([x]) => x).filter((x) => next.includes(x)) : cur;
              })
            }
          />
          {label}
        </label>
      ))}
    </fieldset>
  );
  if (cur.isLoading) return <p className="loading">正在汇总…</p>;
  if (cur.error)
    return (
      <div className="page">
        <p>
          <a href={backHref}>← 返回本地区报告</a>
        </p>
        {filter}
        {/* nothing to sum yet (no report submitted) is a state, not an error: not in red */}
        <p className={appCode(cur.error) === 'NOTHING_TO_AGGREGATE' ? 'notice' : 'error-text'} role="status">
          {errorMessage(cur.error)}
        </p>
        {exclude.length > 0 && (
          <button type="button" onClick={() => setExclude([])}>
            恢复排除的 {exclude.length} 份报告
          </button>
        )}
      </div>
    );
  const data = cur.data!;
  // The reports whose blanks left cells of the roll-up unsummed (by report id: names repeat).
  const blankIds = new Set(data.missing.flatMap((m) => m.reportIds));
  const blankReports = data.included.filter((i) => blankIds.has(i.reportId)).map((i) => i.reportId);
  const nameOf = (id: string) =>
    shownName(id, data.included.find((i) => i.reportId === id)?.agencyName ?? id);
  const place = <T extends { reportId: string; agencyName: string }>(xs: readonly T[]) =>
    byPlace(
      xs.map((x) => ({ ...x, key: x.reportId, agencyId: agencyOfReport.current.get(x.reportId) })),
      places,
    );
  const report = data.report;
  const edition = getEdition(report.meta.edition);
  // What the sums rest on (from the server with the sums): the summed reports' open errors and
  // doubtful units, and whose blank leaves an indicator blank.
  const doubts = place(data.doubts);
  const base = `${report.meta.agency.name}${year}年政府信息公开工作年度报告汇总`;
  return (
    <div className="page rollup">
      <p className="no-print">
        <a href={backHref}>← 返回本地区报告</a>
      </p>
      <h1>
        {report.meta.agency.name} · {year} 年度汇总
      </h1>
      {filter}
      <p className="muted">
        汇总了 {data.included.length} 份报告。
        {data.missing.length > 0 &&
          `${missingText(data.missing)}；来自：${blankSources(data.missing, nameOf)}。`}
        {/* Not offered from the previous choice's figures while the new one is summed. */}
        {!cur.isPlaceholderData && blankReports.length > 0 && blankReports.length < data.included.length && (
          <button
            type="button"
            className="link no-print"
            data-action="exclude-blank"
            onClick={() => setExclude((x) => [...x, ...blankReports])}
          >
            不计这 {blankReports.length} 份报告，重新汇总
          </button>
        )}
      </p>
      {doubts.length > 0 && (
        <div className="notice warn rollup-doubts" data-testid="rollup-doubts">
          汇总中有 {doubts.length} 份报告仍有未处理的错误或金额单位存疑，汇总数据以它们为准
          {/* a province's hundreds folded: the count first, the reports on demand */}
          <Fold
            open={doubts.length <= 10}
            summary={doubts.length <= 10 ? '这些报告' : `查看这 ${doubts.length} 份报告`}
          >
            {() => (
              <ul>
                {doubts.map((d) => (
                  <li key={d.reportId}>
                    <a href={href.report(d.reportId)}>{nameOf(d.reportId)}</a>：{d.problems.join('；')}
                  </li>
                ))}
              </ul>
            )}
          </Fold>
        </div>
      )}
      {/* Counts first; the names (1,890 of them in a province) on demand. */}
      <details className="rollup-names" data-testid="included-names">
        <summary>汇总的 {data.included.length} 个机关</summary>
        <p className="small">
          {place(data.included)
            .map((i) => nameOf(i.reportId))
            .join('、')}
          。
        </p>
      </details>
      {(data.notCounted.length > 0 || data.noReport.length > 0) && (
        <details className="muted rollup-names">
          <summary>
            {[
              data.notCounted.length > 0 ? `未计入（状态不在所选范围）${data.notCounted.length} 份` : '',
              data.noReport.length > 0 ? `没有 ${year} 年度报告的机关 ${data.noReport.length} 个` : '',
            ]
              .filter(Boolean)
              .join('，')}
          </summary>
          <p className="small" data-testid="not-counted">
            {data.notCounted.length > 0 &&
              `未计入（状态不在所选范围）：${place(data.notCounted)
                .map((n) => `${shownName(n.reportId, n.agencyName)}（${n.statusLabel}）`)
                .join('、')}。`}
            {data.noReportAgencies.length > 0 &&
              `没有 ${year} 年度报告：${byPlace(
                data.noReportAgencies.map((a) => ({ ...a, key: `agency:${a.agencyId}` })),
                places,
              )
                .map((a) => shownName(a.key, a.agencyName))
                .join('、')}。`}
          </p>
        </details>
      )}
      {data.excluded.length > 0 && (
        <p className="notice" data-testid="excluded">
          已排除 {data.excluded.length} 份报告，不计入汇总和导出：
          {data.excluded
            .map((i) => {
              const name = shownName(i.reportId, i.agencyName);
              return i.reasonCode === 'EXCLUDED' ? name : `${name}（${i.reason}）`;
            })
            .join('、')}
          。
          {exclude.length > 0 && (
            <button type="button" className="link no-print" onClick={() => setExclude([])}>
              全部恢复
            </button>
          )}
        </p>
      )}
      {/* A government's whole-region report is never summed: named above, not offered here. */}
      <Fold className="no-print rollup-scope" summary="选择汇总的报告">
        {() => {
          // County by county, each county's heading where the list spans more than one.
          const rows = place([...data.included, ...data.excluded.filter((i) => i.reasonCode === 'EXCLUDED')]);
          const heads = new Set(rows.map((i) => groupHead(i, places)?.id ?? ''));
          return rows.map((i, k) => {
            const parent = groupHead(i, places);
            const prev = k > 0 ? groupHead(rows[k - 1]!, places) : undefined;
            return (
              <Fragment key={i.reportId}>
                {heads.size > 1 && parent && parent.id !== prev?.id && (
                  <p className="scope-place small muted">{parent.name}</p>
                )}
                <label>
                  <input
                    type="checkbox"
                    name={`include-${i.reportId}`}
                    checked={!exclude.includes(i.reportId)}
                    onChange={(e) =>
                      setExclude((x) =>
                        e.target.checked ? x.filter((id) => id !== i.reportId) : [...x, i.reportId],
                      )
                    }
                  />
                  {nameOf(i.reportId)}（{STATUS_LABEL.get(i.status) ?? i.status}）
                </label>
              </Fragment>
            );
          });
        }}
      </Fold>
      {data.notes.slice(0, NOTES_SHOWN).map((n) => (
        <p key={n} className="notice warn">
          {n}
        </p>
      ))}
      {data.notes.length > NOTES_SHOWN && (
        <details className="notice warn" data-testid="more-notes">
          <summary>另有 {data.notes.length - NOTES_SHOWN} 条同类提示</summary>
          {data.notes.slice(NOTES_SHOWN).map((n) => (
            <p key={n}>{n}</p>
          ))}
        </details>
      )}
      {/* A government's whole-region report against the sum of its constituents (domain.md §8). */}
      {data.regional.map((g) => {
        const check = regionalCheckText(
          regionalCellCount(report.meta.edition),
          g.compared,
          g.differences.length,
        );
        return g.differences.length ? (
          <details key={g.reportId} className="notice warn" data-testid="regional-differences" open>
            <summary>
              {g.agencyName}的区域汇总报告与各机关报告之和不一致：{check}（各机关之和按本页汇总的{' '}
              {data.included.length} 份报告计算）
            </summary>
            <ul>
              {g.differences.slice(0, 20).map((d) => (
                <li key={d.cell}>
                  {d.label}：区域报告为 {d.stated}，各机关之和为 {d.summed}
                </li>
              ))}
              {g.differences.length > 20 && <li>……另有 {g.differences.length - 20} 项</li>}
            </ul>
          </details>
        ) : (
          <p key={g.reportId} className="notice" data-testid="regional-check">
            {g.agencyName}的区域汇总报告与各机关报告之和比较：{check}。
          </p>
        );
      })}
      <div className="row gap wrap no-print rollup-actions">
        {/* Word and Excel come from the server, which gives them to 审核人 and 管理员 only. */}
        {canExport &&
          (['docx', 'xlsx'] as const).map((f) => (
            <button
              key={f}
              type="button"
              data-download={f}
              disabled={exporting !== null}
              onClick={() => void exportFile(f)}
            >
              {exporting === f ? '正在导出…' : f === 'docx' ? '导出汇总（Word）' : '导出汇总（Excel）'}
            </button>
          ))}
        {canExport && (
          <label
            className="inline"
            title={`Word、Excel、网页文件末尾加上同比：${year - 1} 年度与 ${year} 年度两年均有报告的机关（同本页「本地区同比」图），列出上年、本年、增减、增减率，并写明未计入的机关`}
          >
            <input
              type="checkbox"
              data-testid="with-last-year"
              checked={withLastYear}
              disabled={exporting !== null}
              onChange={(e) => setWithLastYear(e.target.checked)}
            />{' '}
            含上年同比
          </label>
        )}
        {/* 审核人/管理员: from the server like Word and Excel (what it sums named, 同比 when ticked);
            others (no server export) get the tables rendered here. */}
        <button
          type="button"
          data-download="html"
          disabled={exporting !== null}
          onClick={() =>
            canExport
              ? void exportFile('html')
              : downloadFile(`${base}.html`, 'text/html;charset=utf-8', renderHtml(report))
          }
        >
          {exporting === 'html' ? '正在导出…' : '导出汇总（网页，可打印）'}
        </button>
        <button
          type="button"
          onClick={() =>
            downloadFile(
              `${base}.csv`,
              'text/csv;charset=utf-8',
              renderOpenData([report], 'csv', { bom: true }),
            )
          }
          data-download="csv"
          title={OPEN_DATA_HINT}
        >
          导出汇总（开放数据 CSV 长表）
        </button>
        <button type="button" onClick={() => window.print()}>
          打印
        </button>
      </div>
      {exportError && (
        <p className="error-text no-print" role="alert">
          {exportError}
        </p>
      )}
      {exportNote && (
        <p className="notice no-print" role="status" data-testid="export-note">
          {exportNote}
        </p>
      )}
      {charts && (
        <div className="charts">
          {charts.outcomeData.kind === 'pie' ? (
            <Chart option={charts.outcomeOption} label="办理结果构成" height={charts.pieHeight} />
          ) : (
            <p className="chart empty muted" data-testid="chart-blank">
              办理结果：
              {charts.outcomeData.kind === 'blank' ? charts.outcomeData.text : '汇总数据均为 0，暂无图表'}。
            </p>
          )}
          {charts.mixData.kind === 'pie' ? (
            <Chart option={charts.mixOption} label="申请人构成" height={charts.pieHeight} />
          ) : (
            <p className="chart empty muted" data-testid="chart-blank">
              申请人构成（本年新收）：
              {charts.mixData.kind === 'blank' ? charts.mixData.text : '汇总数据均为 0，暂无图表'}。
            </p>
          )}
          <Chart option={charts.yoyOption} label="本地区同比" />
          <div className="chart-with-note">
            <Chart option={charts.agencyOption} label="各机关同比" height={charts.agencyHeight} />
            {/* 30 equal bars are no ranking: said under the chart, where it wraps on a phone */}
            {charts.agencyTie && (
              <p className="muted small" data-testid="agency-tie">
                {charts.agencyTie}。
              </p>
            )}
          </div>
        </div>
      )}
      <h2>主要指标</h2>
      <table className="data indicators">
        <thead>
          <tr>
            <th>指标</th>
            <th>数值</th>
            <th>分子</th>
            <th>分母</th>
            <th>说明</th>
          </tr>
        </thead>
        <tbody>
          {data.summary.indicators.map((i) => (
            <tr key={i.key}>
              <td>{i.label}</td>
              <td className="num">
                {i.value === null ? '—' : i.kind === 'rate' ? formatRate(i.value) : i.value}
              </td>
              <td className="num">{i.numerator ?? '—'}</td>
              <td className="num">{i.kind === 'rate' ? (i.denominator ?? '—') : ''}</td>
              <td className="muted small">
                {i.note ?? ''}
                {(() => {
                  // by report: names repeat (a 城关镇人民政府 in every county)
                  const causes = (data.blankCauseReports[i.key] ?? []).map(nameOf);
                  return causes.length ? (
                    <span className="blank-cause">
                      {i.note ? '：' : ''}空白来自 {causes.join('、')}
                    </span>
                  ) : null;
                })()}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>汇总表</h2>
      {TABLE_KEYS.map((t) => (
        <section key={t} className="table-section">
          <h3>{edition.sections.find((s) => s.table === t)?.title}</h3>
          <div className="table-wrap">
            <TableView
              edition={report.meta.edition}
              table={t}
              report={report}
              marks={empty}
              highlighted={emptySet}
              pasted={emptySet}
              focused={null}
              readOnly
              handlers={handlers}
            />
          </div>
        </section>
      ))}
    </div>
  );
}
