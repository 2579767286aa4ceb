/**
 * 问题清单: the findings of many checked reports as one list to hand on — what a reviewer who checked
 * a folder or a region of reports sends back to the agencies or files with a 通报. The rows are
 * plain data (findingsListRows); CSV here, XLSX in findings-list-office.ts (exceljs, on demand).
 * Used by `nianbao check … -o 问题清单.xlsx` and the server's region export.
 */
import {
  type CellId,
  cellLabel,
  countFindings,
  type EditionId,
  expectation,
  type Finding,
  SEVERITY_LABELS,
} from '@nianbao/core';
import { csvField } from './opendata.js';

/** A finding as checked, with what a person decided about it on the server (dismissed: not counted). */
export type ListedFinding = Finding & {
  readonly triage?: {
    readonly decision: 'dismissed' | 'confirmed';
    readonly reason?: string | null | undefined;
    readonly by?: string | null | undefined;
  } | null;
};

/** One checked report (or a file that could not be read) as the list takes it. */
export interface CheckedReport {
  /** Where it came from: a file as given, or the server's report (its agency and year). */
  readonly source: string;
  readonly agency?: string | undefined;
  readonly year?: number | undefined;
  readonly edition?: EditionId | undefined;
  /** The report's workflow status on the server (已提交, 已发布 …). */
  readonly status?: string | undefined;
  readonly findings?: readonly ListedFinding[] | undefined;
  /** Numbers the importer saw printed but could not read (the report counts as 有错误). */
  readonly importErrors?: readonly { readonly code: string; readonly message: string }[] | undefined;
  /** Why nothing could be checked (a file unreadable, no tables): the report is 无法使用. */
  readonly unusable?: string | undefined;
  /**
   * An agency of the region with no report for the year, said so (「尚未创建 2025 年度报告」): the
   * row is 未创建 — on a 审核人's list the agencies that have not begun are what is chased first.
   */
  readonly missing?: string | undefined;
  /** Notes about the check (why the cross-year rules did not run …). */
  readonly notes?: readonly string[] | undefined;
}

/** An agency with no report of the year as a line of the list: 未创建, 「尚未创建 2025 年度报告」. */
export function agencyWithoutReport(agency: string, year: number): CheckedReport {
  return {
    source: `${agency} ${year} 年度（未创建）`,
    agency,
    year,
    status: '未创建',
    missing: `尚未创建 ${year} 年度报告`,
  };
}

export interface FindingsListOptions {
  /** The list's title (its first line in XLSX; the file's title property). */
  readonly title?: string;
  /** Also list the checks that could not be made for missing numbers (未能核对), one row each. */
  readonly unchecked?: boolean;
  /** CSV: a BOM first (default: yes, so Excel reads UTF-8). */
  readonly bom?: boolean;
}

/** The verdict of one report, as `nianbao check` says it. */
export type Verdict = '未创建' | '无法使用' | '有错误' | '有导入错误' | '有警告' | '通过';

export interface SummaryRow {
  readonly no: number;
  readonly source: string;
  readonly agency: string;
  readonly year: number | null;
  readonly status: string;
  readonly error: number;
  readonly crossYear: number;
  readonly warning: number;
  readonly info: number;
  readonly unchecked: number;
  /** Findings dismissed on the server (not in the counts). */
  readonly dismissed: number;
  readonly importErrors: number;
  readonly verdict: Verdict;
  /** Why unusable, and the check's notes. */
  readonly note: string;
}

export interface ProblemRow {
  readonly no: number;
  readonly source: string;
  readonly agency: string;
  readonly year: number | null;
  /** 错误, 跨年, 警告, 提示, 未能核对, 导入错误, 无法使用, 未创建 */
  readonly level: string;
  readonly rule: string;
  readonly category: string;
  readonly message: string;
  /** The cells named, as printed in the tables (「表三 一、本年新收… · 自然人」), 、-separated; beyond 6, 「… 等 147 个单元格」. */
  readonly cells: string;
  readonly cellIds: string;
  /** 「应为 86，实为 74」 where the finding has both numbers. */
  readonly check: string;
  readonly hint: string;
  /** 已忽略：<reason>（<who>） / 已确认 … for a finding someone decided on. */
  readonly triage: string;
}

export interface FindingsList {
  readonly title: string;
  readonly summary: readonly SummaryRow[];
  readonly problems: readonly ProblemRow[];
  readonly totals: {
    /** Reports (and files) checked; the agencies without one are `missing`. */
    readonly reports: number;
    readonly clean: number;
    readonly withErrors: number;
    readonly unusable: number;
    /** Agencies listed with no report for the year (未创建). */
    readonly missing: number;
  };
}

const LEVEL_ORDER: Record<string, number> = {
  未创建: 0,
  无法使用: 0,
  导入错误: 1,
  错误: 2,
  跨年: 3,
  警告: 4,
  提示: 5,
  未能核对: 6,
};

const dismissed = (f: ListedFinding) => f.triage?.decision === 'dismissed';

function verdictOf(r: CheckedReport, open: readonly ListedFinding[]): Verdict {
  if (r.missing !== undefined) return '未创建';
  if (r.unusable !== undefined) return '无法使用';
  const failed = open.filter((f) => f.status === 'failed');
  if (failed.some((f) => f.severity === 'error' || f.severity === 'crossYear')) return '有错误';
  if (r.importErrors?.length) return '有导入错误';
  if (failed.some((f) => f.severity === 'warning')) return '有警告';
  return '通过';
}

/** At most this many cells named in a row of the list; `cell_ids` keeps them all. */
const CELLS_SHOWN = 6;

/** The cells as printed, 、-separated; a long list (S5's 147 missing cells) cut with how many there are. */
function cellsText(labels: readonly string[]): string {
  return labels.length > CELLS_SHOWN
    ? `${labels.slice(0, CELLS_SHOWN).join('、')} 等 ${labels.length} 个单元格`
    : labels.join('、');
}

function triageText(f: ListedFinding): string {
  const t = f.triage;
  if (!t) return '';
  const who = t.by ? `（${t.by}）` : '';
  const why = t.reason ? `：${t.reason}` : '';
  return `${t.decision === 'dismissed' ? '已忽略' : '已确认'}${why}${who}`;
}

/**
 * The list as rows: 汇总, one row per report in the order given (its counts of open findings — a
 * dismissed one apart — and its verdict as `nianbao check` says it); 问题清单, one row per finding
 * that failed (and per import error, per unusable file; 未能核对 only when asked), by report in the
 * order given, then by level (错误, 跨年, 警告, 提示), then as the rules found them.
 */
export function findingsListRows(
  reports: readonly CheckedReport[],
  options: FindingsListOptions = {},
): FindingsList {
  const summary: SummaryRow[] = [];
  const problems: ProblemRow[] = [];
  for (const r of reports) {
    const all = r.findings ?? [];
    const open = all.filter((f) => !dismissed(f));
    const c = countFindings(open);
    const agency = r.agency ?? '';
    const year = r.year ?? null;
    const verdict = verdictOf(r, open);
    const notes = [
      ...(r.missing !== undefined ? [r.missing] : []),
      ...(r.unusable !== undefined ? [r.unusable] : []),
      ...(r.notes ?? []),
    ];
    summary.push({
      no: summary.length + 1,
      source: r.source,
      agency,
      year,
      status: r.status ?? '',
      error: c.error,
      crossYear: c.crossYear,
      warning: c.warning,
      info: c.info,
      unchecked: c.unchecked,
      dismissed: all.length - open.length,
      importErrors: r.importErrors?.length ?? 0,
      verdict,
      note: notes.join('；'),
    });
    const base = { source: r.source, agency, year };
    const mine: Omit<ProblemRow, 'no'>[] = [];
    if (r.missing !== undefined)
      mine.push({
        ...base,
        level: '未创建',
        rule: '',
        category: '',
        message: r.missing,
        cells: '',
        cellIds: '',
        check: '',
        hint: year === null ? '请督促该机关创建并填报本年度报告' : `请督促该机关创建并填报 ${year} 年度报告`,
        triage: '',
      });
    if (r.unusable !== undefined)
      mine.push({
        ...base,
        level: '无法使用',
        rule: '',
        category: '',
        message: r.unusable,
        cells: '',
        cellIds: '',
        check: '',
        hint: '',
        triage: '',
      });
    for (const d of r.importErrors ?? [])
      mine.push({
        ...base,
        level: '导入错误',
        rule: d.code,
        category: '',
        message: d.message,
        cells: '',
        cellIds: '',
        check: '',
        hint: '对照原文核对这些数字，在报告中补正后再检查',
        triage: '',
      });
    for (const f of all) {
      if (f.status === 'unchecked' && !options.unchecked) continue;
      const label = (id: CellId) => (r.edition ? cellLabel(id, r.edition) : id);
      mine.push({
        ...base,
        level: f.status === 'unchecked' ? '未能核对' : SEVERITY_LABELS[f.severity],
        rule: f.ruleId,
        category: f.category,
        message: f.message,
        cells: cellsText(f.cells.map(label)),
        cellIds: f.cells.join(' '),
        check: expectation(f) ?? '',
        hint: f.hint,
        triage: triageText(f),
      });
    }
    // by level, dismissed ones after the open ones of their level; otherwise as found (stable sort)
    mine.sort(
      (a, b) =>
        (LEVEL_ORDER[a.level] ?? 9) - (LEVEL_ORDER[b.level] ?? 9) ||
        Number(a.triage.startsWith('已忽略')) - Number(b.triage.startsWith('已忽略')),
    );
    for (const p of mine) problems.push({ no: problems.length + 1, ...p });
  }
  return {
    title: options.title ?? '年度报告检查问题清单',
    summary,
    problems,
    totals: {
      reports: summary.filter((s) => s.verdict !== '未创建').length,
      clean: summary.filter((s) => s.verdict === '通过' || s.verdict === '有警告').length,
      withErrors: summary.filter((s) => s.verdict === '有错误' || s.verdict === '有导入错误').length,
      unusable: summary.filter((s) => s.verdict === '无法使用').length,
      missing: summary.filter((s) => s.verdict === '未创建').length,
    },
  };
}

export const FINDINGS_CSV_COLUMNS = [
  'no',
  'source',
  'agency',
  'year',
  'level',
  'rule',
  'category',
  'message',
  'cells',
  'cell_ids',
  'check',
  'hint',
  'triage',
] as const;

/**
 * 问题清单 as CSV: one line per row of the list (FINDINGS_CSV_COLUMNS), RFC 4180, UTF-8 with a BOM
 * unless `bom: false`; text a spreadsheet would run as a formula guarded with a leading '.
 */
export function renderFindingsCsv(
  reports: readonly CheckedReport[],
  options: FindingsListOptions = {},
): string {
  const { problems } = findingsListRows(reports, options);
  const lines = [FINDINGS_CSV_COLUMNS.join(',')];
  for (const p of problems)
    lines.push(
      [
        String(p.no),
        csvField(p.source),
        csvField(p.agency),
        p.year === null ? '' : String(p.year),
        csvField(p.level),
        csvField(p.rule),
        csvField(p.category),
        csvField(p.message),
        csvField(p.cells),
        csvField(p.cellIds),
        csvField(p.check),
        csvField(p.hint),
        csvField(p.triage),
      ].join(','),
    );
  return `${options.bom === false ? '' : '\uFEFF'}${lines.join('\n')}\n`;
}

/**
 * 问题清单 as an .xlsx workbook (loads exceljs on first use): sheet 汇总 (one row per report: counts,
 * verdict, notes; the totals under it) and sheet 问题清单 (one row per finding), each with its header
 * frozen and a filter on it, printed landscape one page wide.
 */
export async function renderFindingsXlsx(
  reports: readonly CheckedReport[],
  options: FindingsListOptions = {},
): Promise<Uint8Array> {
  return (await import('./findings-list-office.js')).findingsXlsx(findingsListRows(reports, options));
}
