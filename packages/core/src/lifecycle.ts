import { derive } from './derive.js';
import { type CellId, getEdition } from './editions/index.js';
import { type Agency, type Cell, createEmptyReport, type Report, type ReportMeta } from './model.js';

export interface Deadline {
  /** YYYY-MM-DD */
  readonly date: string;
  /** Why this date, 简体中文: 「条例第四十九条第一款」「本地规定」. */
  readonly basis: string;
  /** The rule that checks it. */
  readonly ruleId: 'F1' | 'F2' | 'F3';
}

const COUNTY_UP = new Set(['国务院部门', '省级', '市级', '县级']);

/**
 * When an agency's report for a year must be published (条例第四十九条; domain.md §6.4):
 * departments of 县级以上 governments by 1月31日, 县级以上 local governments by 3月31日, townships
 * and sub-districts by the local date (default 1月31日, configurable). Undefined when the agency's
 * kind or level is unknown.
 *
 * A report of scope 'region' at 省、市、县 level is the 本级政府 report (F2), whoever publishes it:
 * the government's 办公厅/室 publishes it in the government's stead (「2022年上海市政府信息公开工作年度
 * 报告」, published 2023-03-31 by 上海市人民政府办公厅). The same 办公厅 reporting on itself as a
 * department (scope 'agency', the default) keeps F1's 1月31日.
 */
export function publicationDeadline(
  meta: Pick<ReportMeta, 'agency' | 'year'> & { readonly scope?: ReportMeta['scope'] },
  options: { townshipDeadline?: string } = {},
): Deadline | undefined {
  const { kind, level } = meta.agency;
  const next = meta.year + 1;
  const localCountyUp = level === '省级' || level === '市级' || level === '县级';
  if (localCountyUp && (kind === '人民政府' || meta.scope === 'region'))
    return { date: `${next}-03-31`, basis: '条例第四十九条第二款', ruleId: 'F2' };
  if (kind === '政府部门' && level && COUNTY_UP.has(level))
    return { date: `${next}-01-31`, basis: '条例第四十九条第一款', ruleId: 'F1' };
  if (level === '乡镇级' || kind === '街道办事处') {
    const md =
      options.townshipDeadline && /^\d{2}-\d{2}$/.test(options.townshipDeadline)
        ? options.townshipDeadline
        : '01-31';
    return { date: `${next}-${md}`, basis: '本地规定', ruleId: 'F3' };
  }
  return undefined;
}

/**
 * The report year an office works on at a given date: the calendar year just ended. The report on
 * year Y is written from the year's full figures in January of Y + 1 and is due by 31 January (or
 * 31 March, 条例第四十九条). The one definition behind the web form's and the region view's default
 * year and the demo data's years, so the demo a new user sees is always the year the form opens on.
 */
export function reportingYear(today: Date = new Date()): number {
  return today.getFullYear() - 1;
}

/**
 * A moment as people in China read it (UTC+8), whatever the machine's zone: 「2026-11-30 22:29」;
 * its first 10 characters are the day there.
 */
export function chinaTime(at: string | Date): string {
  const ms = typeof at === 'string' ? Date.parse(at) : at.getTime();
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** The current year in China (UTC+8): on 1 January there it is the new year, whatever the machine's zone. */
export function chinaYear(today: Date = new Date()): number {
  return new Date(today.getTime() + 8 * 3_600_000).getUTCFullYear();
}

/**
 * Why no report can be written for `year` yet, or undefined when it can: a year's report is about the
 * whole year, written once it has ended (in China) — the report of 2026 from 1 January 2027 on; a
 * later year is a typing slip. Server and terminal refuse with the same code and words.
 */
export function yearNotWritable(
  year: number,
  today: Date = new Date(),
): { code: 'YEAR_NOT_ENDED' | 'YEAR_IN_FUTURE'; message: string; latest: number } | undefined {
  const current = chinaYear(today);
  if (year < current) return undefined;
  const latest = current - 1;
  return year === current
    ? {
        code: 'YEAR_NOT_ENDED',
        message: `${year} 年尚未结束：${year} 年度报告要在该年度结束后（${year + 1} 年 1 月 1 日起）编制；现在可编制 ${latest} 年度及以前的报告`,
        latest,
      }
    : {
        code: 'YEAR_IN_FUTURE',
        message: `报告年度 ${year} 晚于今年（${current} 年）：现在可编制 ${latest} 年度及以前的报告，请检查年度`,
        latest,
      };
}

/** A real day of the year as MM-DD (02-29 included), as a deadline is written: 02-30, 13-01 or 1-31 is not. */
export function isMonthDay(v: string): boolean {
  const d = new Date(`2024-${v}T00:00:00Z`);
  return /^\d{2}-\d{2}$/.test(v) && !Number.isNaN(d.getTime()) && d.toISOString().slice(5, 10) === v;
}

/**
 * A month and day as people type them, written MM-DD: 「3-31」「3/31」「3.31」「3月31日」「０３－３１」
 * → 03-31. Anything else comes back trimmed as typed (for isMonthDay, or the server, to refuse and say why).
 */
export function normalizeMonthDay(text: string): string {
  const t = text
    .trim()
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[－—–／．]/g, (c) => ({ '－': '-', '—': '-', '–': '-', '／': '/', '．': '.' })[c] ?? c);
  const m = /^(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?$/.exec(t);
  if (!m) return t;
  return `${m[1]!.padStart(2, '0')}-${m[2]!.padStart(2, '0')}`;
}

/** Whole days from `today` (YYYY-MM-DD) to the deadline; negative when past. */
export function daysUntil(deadline: string, today: string): number {
  return Math.round((Date.parse(`${deadline}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

export interface PrefillOptions {
  readonly year: number;
  readonly agency?: Agency;
  /** Fill this report (e.g. the one the server just created, with its ids) instead of a new one. */
  readonly into?: Report;
  /** Copy last year's narrative as a starting point (default true). */
  readonly copyText?: boolean;
}

/**
 * Start this year's report from last year's: 上年结转 = last year's 结转下年度继续办理 (per column,
 * across the 2020→2021 edition boundary too), the contact and, if asked, the narrative as a draft to
 * rewrite (the preamble with the year moved on; sections 一、五、六 — the table sections' text quotes
 * last year's numbers and is left empty). Every other number starts blank: nothing is carried over
 * that the format does not chain.
 */
export function prefillFromPrevious(previous: Report, options: PrefillOptions): Report {
  let report =
    options.into ?? createEmptyReport({ year: options.year, agency: options.agency ?? previous.meta.agency });
  const edition = getEdition(report.meta.edition);
  const cells: Record<CellId, Cell> = { ...report.cells };
  const columns = edition.tables.applications.columns;
  const parts = columns.filter((c) => c.key !== 'total');
  // The total follows its parts (derive), as in a row typed in: a changed 自然人 moves it. Only when
  // last year's parts are not all there is its printed total carried over as a stated one.
  const allParts = parts.every(
    (c) => typeof previous.cells[`applications.carriedForward.${c.key}`]?.value === 'number',
  );
  for (const col of allParts ? parts : columns) {
    const from = previous.cells[`applications.carriedForward.${col.key}`];
    if (from && from.value !== null)
      cells[`applications.carriedOver.${col.key}`] = { value: from.value, origin: 'entered' };
  }
  report = { ...report, cells };
  if (previous.meta.contact && !report.meta.contact)
    report = { ...report, meta: { ...report.meta, contact: previous.meta.contact } };
  if (options.copyText ?? true) {
    const y = report.meta.year;
    report = {
      ...report,
      ...(previous.preamble !== undefined && report.preamble === undefined
        ? { preamble: previous.preamble.replaceAll(String(previous.meta.year), String(y)) }
        : {}),
      sections: {
        ...report.sections,
        overview: previous.sections.overview ?? '',
        problems: previous.sections.problems ?? '',
        other: previous.sections.other ?? '',
      },
    };
  }
  return derive(report).report;
}
