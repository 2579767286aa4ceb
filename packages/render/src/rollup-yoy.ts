/**
 * A region roll-up's 同比 (year on year, like for like) as a part of the roll-up's file: the
 * agencies summed this year that also have a report last year (matched by agency id, as the roll-up
 * page pairs them), their main figures last year | this year | 增减 | 增减率, who is counted and who
 * is left out (named). The rows are printed by comparison.ts's table writers (the same five columns
 * as a report's 同比); Markdown and HTML here (no Node API), Word and Excel in rollup-yoy-office.ts.
 */
import type { CellId, Comparison, Delta, Report } from '@nianbao/core';
import {
  type ComparisonRow,
  comparisonChange,
  comparisonDocument,
  comparisonRate,
  comparisonTableHtml,
  comparisonTableMarkdown,
  comparisonValue,
} from './comparison.js';
import type { DocxOptions } from './docx.js';
import { escapeHtml, type HtmlOptions, renderHtml } from './html.js';
import { escapeMarkdown, type MarkdownOptions, renderMarkdown } from './markdown.js';
import type { XlsxOptions } from './xlsx.js';

/** The figures the roll-up page's 「本地区同比」 chart compares (the server's rollupFigures). */
export interface RollupFigures {
  readonly newReceived: number | null;
  readonly resultTotal: number | null;
  readonly granted: number | null;
  readonly review: number | null;
  /** 行政诉讼: 直接起诉 + 复议后起诉 (blank when either is blank). */
  readonly litigation: number | null;
}

/** The chart's figures as the file names them, in the chart's order. */
export const ROLLUP_FIGURE_LABELS: readonly (readonly [keyof RollupFigures, string])[] = [
  ['newReceived', '本年新收政府信息公开申请'],
  ['resultTotal', '办结（本年度办理结果合计）'],
  ['granted', '予以公开'],
  ['review', '行政复议（总计）'],
  ['litigation', '行政诉讼（直接起诉与复议后起诉合计）'],
];

/** What the server knows of a roll-up's 同比, for the file. */
export interface RollupYearOnYear {
  readonly region: string;
  readonly previousYear: number;
  readonly currentYear: number;
  /** The statuses compared, said: 「已提交、已通过、已发布」. */
  readonly statuses: string;
  /** How many reports this year's roll-up sums. */
  readonly summed: number;
  /** How many reports of last year (of those statuses) there are in all. */
  readonly lastYearReports: number;
  /** The agencies counted (a report in both years), in the roll-up's order. */
  readonly counted: readonly string[];
  /** Summed this year without a report (of those statuses) last year: not counted; `reason` says why (简体中文). */
  readonly noPrevious: readonly { readonly name: string; readonly reason: string }[];
  /** A report last year, not summed this year: not counted; `reason` says why (简体中文). */
  readonly noCurrent: readonly { readonly name: string; readonly reason: string }[];
  /** The page's chart figures summed over the counted agencies (absent when none is counted). */
  readonly figures?: { readonly previous: RollupFigures; readonly current: RollupFigures };
  /** core's compare(last year's sum, this year's sum) of the counted agencies (absent when none). */
  readonly comparison?: Comparison;
}

export interface RollupYearOnYearSection {
  readonly title: string;
  readonly rows: readonly ComparisonRow[];
}

/** The model every format prints. */
export interface RollupYearOnYearDocument {
  /** 「附：同口径同比（2024—2025 年度）」 */
  readonly title: string;
  /** Who is counted and who is not, or why there is no 同比. */
  readonly scope: readonly string[];
  /** How to read the tables (empty without tables). */
  readonly notes: readonly string[];
  readonly header: readonly string[];
  /** Empty when no agency has a report in both years: `scope` then says so. */
  readonly sections: readonly RollupYearOnYearSection[];
}

/** At most this many counted agencies are named (a province's 1,890 are counted, not listed). */
const MAX_NAMED = 60;

/** 表三's main rows and 表四's totals (表二: every item). */
const MAIN_CELLS = new Set<string>([
  'applications.newReceived.total',
  'applications.carriedOver.total',
  'applications.granted.total',
  'applications.partiallyGranted.total',
  'applications.resultTotal.total',
  'applications.carriedForward.total',
  'reviewLitigation.review.total',
  'reviewLitigation.litigationDirect.total',
  'reviewLitigation.litigationAfterReview.total',
]);
const isMain = (key: string) => key.startsWith('activeDisclosure.') || MAIN_CELLS.has(key);

function figureRow(key: keyof RollupFigures, label: string, previous: number | null, current: number | null) {
  const delta = previous === null || current === null ? null : current - previous;
  const change = delta === null || !previous ? null : delta / previous;
  const d: Delta = {
    key: `figures.${key}` as CellId,
    label,
    previous,
    current,
    delta,
    change,
    quality: 'equivalent',
    previousCells: [],
    currentCells: [],
  };
  return {
    delta: d,
    item: label,
    previous: comparisonValue(previous, undefined),
    current: comparisonValue(current, undefined),
    change: comparisonChange(d),
    rate: comparisonRate(change),
    approximate: false,
  } satisfies ComparisonRow;
}

const names = (list: readonly string[]) => list.join('、');

/** The 同比 part's model: scope, notes, the page's figures, then 表二's items, 表三's main rows, 表四's totals. */
export function rollupYearOnYearDocument(y: RollupYearOnYear): RollupYearOnYearDocument {
  const title = `附：同口径同比（${y.previousYear}—${y.currentYear} 年度）`;
  const header = ['项目', `上年（${y.previousYear}）`, `本年（${y.currentYear}）`, '增减', '增减率'];
  const n = y.counted.length;
  const leftOut = [
    y.noPrevious.length
      ? `未计入：本年汇总、但没有 ${y.previousYear} 年度（状态为${y.statuses}）报告的机关 ${y.noPrevious.length} 个——${y.noPrevious
          .map((a) => `${a.name}（${a.reason}）`)
          .join('、')}。`
      : '',
    y.noCurrent.length
      ? `未计入：有 ${y.previousYear} 年度报告、但不在本年汇总中的机关 ${y.noCurrent.length} 个——${y.noCurrent
          .map((a) => `${a.name}（${a.reason}）`)
          .join('、')}。`
      : '',
  ].filter(Boolean);
  if (!n || !y.figures || !y.comparison) {
    const why = y.lastYearReports
      ? `${y.region}本年汇总的 ${y.summed} 个机关中，没有一个机关有 ${y.previousYear} 年度（状态为${y.statuses}）的报告，无法进行同口径同比。`
      : `${y.region}及其下属机关没有 ${y.previousYear} 年度状态为${y.statuses}的报告，无法进行同比；本文件只有 ${y.currentYear} 年度的汇总。`;
    return { title, scope: [why, ...leftOut], notes: [], header, sections: [] };
  }
  const scope = [
    `同口径：${y.region}本年汇总的 ${y.summed} 个机关中，${y.previousYear} 年度和 ${y.currentYear} 年度均有报告（状态为${y.statuses}）的 ${n} 个机关计入同比，按机关对应（不按名称）；两年的数字都是这 ${n} 个机关的合计。`,
    n <= MAX_NAMED ? `计入的机关：${names(y.counted)}。` : `计入的机关共 ${n} 个（名单从略，见汇总页）。`,
    ...(leftOut.length ? leftOut : ['本年汇总的机关上年均有报告，全部计入。']),
  ];
  const cmp = comparisonDocument(y.comparison);
  const main: RollupYearOnYearSection = {
    title: '主要数字（与汇总页「本地区同比」图相同）',
    rows: ROLLUP_FIGURE_LABELS.map(([k, label]) =>
      figureRow(k, label, y.figures!.previous[k], y.figures!.current[k]),
    ),
  };
  const tables = cmp.sections
    .map((s) => ({ title: s.title, rows: s.rows.filter((r) => isMain(r.delta.key)) }))
    .filter((s) => s.rows.length);
  const notes = [
    '空白表示至少有一个计入的机关未填写该项，合计留空（不按 0 计），不计增减。',
    ...cmp.notes.filter((x) => !x.startsWith('空白表示')),
    ...(y.comparison.notComparable.length
      ? [`两年格式不同，以下项目不可比：${y.comparison.notComparable.map((x) => x.label).join('、')}。`]
      : []),
  ];
  return { title, scope, notes, header, sections: [main, ...tables] };
}

/** The 同比 part as Markdown, to follow the roll-up. */
export function rollupYearOnYearMarkdown(y: RollupYearOnYear): string {
  const doc = rollupYearOnYearDocument(y);
  const out = [`## ${escapeMarkdown(doc.title)}`, ''];
  for (const p of doc.scope) out.push(escapeMarkdown(p), '');
  for (const nt of doc.notes) out.push(`- ${escapeMarkdown(nt)}`);
  if (doc.notes.length) out.push('');
  for (const s of doc.sections)
    out.push(`### ${escapeMarkdown(s.title)}`, '', ...comparisonTableMarkdown(doc.header, s.rows), '');
  return `${out.join('\n').trimEnd()}\n`;
}

/** Styles of the 同比 part inside the roll-up's HTML page. */
export const ROLLUP_YOY_CSS = `
.nianbao-rollup-yoy { break-before: page; page-break-before: always; margin-top: 24pt; }
.nianbao-rollup-yoy table { border-collapse: collapse; width: 100%; table-layout: fixed; font-size: 10.5pt; line-height: 1.35; }
.nianbao-rollup-yoy th, .nianbao-rollup-yoy td { border: 1px solid #000; padding: 2pt 3pt; vertical-align: middle; }
.nianbao-rollup-yoy th { font-weight: normal; background: #f2f2f2; }
.nianbao-rollup-yoy td.num { text-align: right; word-break: keep-all; overflow-wrap: anywhere; }
.nianbao-rollup-yoy .table-scroll { overflow-x: auto; }
`;

/** The 同比 part as an HTML <section> (all text escaped). */
export function rollupYearOnYearHtml(y: RollupYearOnYear): string {
  const doc = rollupYearOnYearDocument(y);
  const e = escapeHtml;
  const parts = [`<h2>${e(doc.title)}</h2>`, ...doc.scope.map((p) => `<p>${e(p)}</p>`)];
  if (doc.notes.length)
    parts.push(`<ul class="notes">${doc.notes.map((x) => `<li>${e(x)}</li>`).join('')}</ul>`);
  for (const s of doc.sections) parts.push(`<h3>${e(s.title)}</h3>`, comparisonTableHtml(doc.header, s.rows));
  return `<section class="nianbao-rollup-yoy" data-yoy="${doc.sections.length ? 'compared' : 'none'}">${parts.join('\n')}</section>`;
}

export type RollupFormat = 'docx' | 'html' | 'md' | 'xlsx';

export type RollupOptions = HtmlOptions & MarkdownOptions & DocxOptions & XlsxOptions;

/**
 * A region roll-up's file with its 同比 part: Word — after the report's tables and signature, from
 * a new page; Excel — a sheet 同比 after the tables; HTML and Markdown — a section at the end.
 * Without `yearOnYear` it is render's file of the roll-up.
 */
export function renderRollup(
  report: Report,
  format: 'html' | 'md',
  yearOnYear: RollupYearOnYear | undefined,
  options?: RollupOptions,
): string;
export function renderRollup(
  report: Report,
  format: 'docx' | 'xlsx',
  yearOnYear: RollupYearOnYear | undefined,
  options?: RollupOptions,
): Promise<Uint8Array>;
export function renderRollup(
  report: Report,
  format: RollupFormat,
  yearOnYear: RollupYearOnYear | undefined,
  options?: RollupOptions,
): string | Promise<Uint8Array>;
export function renderRollup(
  report: Report,
  format: RollupFormat,
  yearOnYear: RollupYearOnYear | undefined,
  options: RollupOptions = {},
): string | Promise<Uint8Array> {
  switch (format) {
    case 'md': {
      const md = renderMarkdown(report, options);
      return yearOnYear ? `${md.trimEnd()}\n\n${rollupYearOnYearMarkdown(yearOnYear)}` : md;
    }
    case 'html': {
      if (!yearOnYear) return renderHtml(report, options);
      const page = renderHtml(report, { ...options, css: `${options.css ?? ''}${ROLLUP_YOY_CSS}` });
      const at = page.lastIndexOf('</article>');
      return `${page.slice(0, at)}${rollupYearOnYearHtml(yearOnYear)}${page.slice(at)}`;
    }
    case 'docx':
      return (async () => {
        const docx = await import('./docx.js');
        if (!yearOnYear) return docx.renderDocx(report, options);
        const office = await import('./rollup-yoy-office.js');
        return docx.renderDocx(report, { ...options, appendix: office.rollupYearOnYearDocx(yearOnYear) });
      })();
    case 'xlsx':
      return (async () => {
        const xlsx = await import('./xlsx.js');
        if (!yearOnYear) return xlsx.renderXlsx(report, options);
        const office = await import('./rollup-yoy-office.js');
        return xlsx.renderXlsx(report, {
          ...options,
          addSheets: (wb) => office.addRollupYearOnYearSheet(wb, yearOnYear),
        });
      })();
  }
}
