import { readFileSync } from 'node:fs';
import {
  checkConfig,
  countFindings,
  type Finding,
  jsonProblem,
  type Report,
  sameAgency as sameAgencyOf,
  type ValidationConfig,
  validate,
} from '@nianbao/core';
import { CliError, oneLine } from './errors.js';
import { showValue } from './findings.js';
import { expandInputs, jsonText, loadReport, notAReport } from './io.js';
import { pairReports } from './pairs.js';
import { chinaToday } from './today.js';

/** core's counts; `dismissed`: findings of a stored report dismissed on the server (check --server), not in the others. */
export type Counts = ReturnType<typeof countFindings> & { dismissed?: number };

export type FileResult =
  | {
      readonly file: string;
      readonly ok: true;
      readonly kind: string;
      readonly agency: string;
      /** The agency's 编号, when the report has one (to pair a published report with its saved edits). */
      readonly agencyId?: string;
      readonly year: number;
      readonly edition: string;
      readonly counts: Counts;
      readonly findings: readonly Finding[];
      /** How many diagnostics the importer gave (published reports only). */
      readonly diagnostics: number;
      /**
       * The importer's error-severity diagnostics (numbers it found but could not read, tables it
       * did not find): the file counts as 有错误 when there is one.
       */
      readonly importErrors: readonly ImportError[];
      /** Notes about the check itself (简体中文), e.g. why the cross-year rules did not run. */
      readonly notes: readonly string[];
      /** Printed values of the cells the findings name (for people; not in --json). */
      readonly values: Readonly<Record<string, string>>;
      /**
       * The published report these saved edits were made from (`report.pdf` for `report.json`
       * beside it), when both were checked together: one report, the edits checked (see pairs.ts).
       */
      readonly source?: string;
      /** The report itself, when asked for (the folder view's roll-up); never sent between threads. */
      readonly report?: Report;
    }
  | {
      readonly file: string;
      readonly ok: false;
      /**
       * A file found in a folder that is clearly no report (README.md, package.json): listed as
       * skipped, not counted as unusable. `error` says why.
       */
      readonly skipped?: true;
      readonly error: string;
      /** Why, for programs: FILE_NOT_FOUND, NOT_A_PDF, INVALID_JSON, NO_NUMBERS… (io.ts `UnusableCode`). */
      readonly code?: string;
      readonly importErrors?: readonly ImportError[];
    };

/** One error of the importer, as `check --json` gives it. */
/** The importer's codes for numbers it saw printed but could not read (not a table it never found). */
const PRINTED_UNREAD = new Set([
  'CELL_UNREADABLE',
  'DIGITS_SPLIT_AMBIGUOUS',
  'ROW_EXTRA_VALUES',
  'ROW_VALUES_NOT_READ',
]);

export interface ImportError {
  readonly code: string;
  readonly message: string;
  readonly cell?: string;
}

export interface CheckOptions {
  readonly previous?: readonly string[];
  readonly config?: ValidationConfig;
}

/** Read and check a --config file: JSON `{ rules: {...} }`. */
export function readConfig(file: string): ValidationConfig {
  let text: string;
  try {
    // UTF-16 with its BOM too (PowerShell 5's `>`), as a report's JSON
    text = jsonText(readFileSync(file));
  } catch (e) {
    throw new CliError(`无法读取规则设置 ${file}：${oneLine(e)}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new CliError(
      `规则设置 ${file} 不是有效的 JSON：${jsonProblem(text.replace(/^\uFEFF/, '')) ?? '无法解析'}`,
    );
  }
  if (!data || typeof data !== 'object' || Array.isArray(data))
    throw new CliError(`规则设置 ${file} 应为对象：{"rules": {…}}`);
  const config = data as ValidationConfig;
  if (config.rules !== undefined && (typeof config.rules !== 'object' || Array.isArray(config.rules)))
    throw new CliError(`规则设置 ${file}：rules 应为对象`);
  const problems = checkConfig(config);
  if (problems.length) throw new CliError(`规则设置 ${file}：${problems.join('；')}`);
  return config;
}

/** Whether two reports are of the same agency: core's `sameAgency` (编号, else name with or without places). */
export function sameAgency(a: Report, b: Report): boolean {
  return sameAgencyOf(a.meta.agency, b.meta.agency);
}

/**
 * Whether `candidate` can be the previous year's report of `report` for the cross-year rules X1–X6:
 * the same agency, the year before. Otherwise why not (a note; the rules do not run on a mismatch:
 * `nianbao compare OLD NEW` compares any two reports on purpose).
 */
export function pairPrevious(report: Report, candidate: Report): { previous?: Report; note?: string } {
  if (!sameAgency(report, candidate))
    return {
      note: `上一年度报告是${candidate.meta.agency.name} ${candidate.meta.year} 年度的，与${report.meta.agency.name}不是同一机关（两份报告的机关不同），未进行跨年核对；确要比较时用 nianbao compare`,
    };
  if (candidate.meta.year !== report.meta.year - 1)
    return {
      note: `上一年度报告为 ${candidate.meta.year} 年度，与 ${report.meta.year} 年度不相邻，未进行跨年核对`,
    };
  return { previous: candidate };
}

/** Previous-year reports (--previous FILE|DIR), matched by agency and year. */
export class PreviousReports {
  private readonly all: Report[] = [];
  /** Files of a --previous folder that could not be read: skipped, each with one line. */
  readonly skipped: { file: string; error: string }[] = [];
  /** A file named on its own counts as the previous report whatever its name says (then checked). */
  private explicitOnly = false;

  /**
   * Files named on their own must be readable (a usage error otherwise); files found in a folder
   * that cannot be read are skipped with a note, so one broken file does not stop the check.
   */
  static async load(inputs: readonly string[]): Promise<PreviousReports> {
    const p = new PreviousReports();
    let folders = 0;
    for (const input of inputs) {
      const files = expandInputs([input]);
      const isFolder = files.length !== 1 || files[0] !== input;
      if (isFolder) folders++;
      const loaded = new Map<string, Report>();
      for (const file of files) {
        try {
          loaded.set(file, (await loadReport(file)).report);
        } catch (e) {
          if (!isFolder) throw e;
          p.skipped.push({ file, error: oneLine(e) });
        }
      }
      // a published report with its edits saved beside it (report.json): the edits, as check DIR
      // and the editor have them, never the published numbers the edits corrected
      for (const x of pairReports([...loaded].map(([file, report]) => ({ file, report }))))
        p.all.push(x.report);
    }
    p.explicitOnly = folders === 0 && p.all.length === 1;
    return p;
  }

  /** Previous reports at hand (reports of the server); `named`: given one by one, not a folder. */
  static of(reports: readonly Report[], named: boolean): PreviousReports {
    const p = new PreviousReports();
    p.all.push(...reports);
    p.explicitOnly = named && reports.length === 1;
    return p;
  }

  /** The reports read. */
  get reports(): readonly Report[] {
    return this.all;
  }

  /** Whether they were one file named on its own. */
  get named(): boolean {
    return this.explicitOnly;
  }

  get size(): number {
    return this.all.length;
  }

  /** Notes on the previous reports themselves (files skipped), for the whole run. */
  get notes(): string[] {
    return this.skipped.map((x) => `上一年度报告 ${x.file} 无法读取，已跳过：${x.error}`);
  }

  /** The previous report for `report`, or why there is none. */
  find(report: Report): { previous?: Report; note?: string } {
    const year = report.meta.year - 1;
    const hit = this.all.find((p) => p.meta.year === year && sameAgency(p, report));
    if (hit) return { previous: hit };
    // one file given by name: say why it does not fit (another agency, or not the year before)
    if (this.explicitOnly) return pairPrevious(report, this.all[0]!);
    return { note: `没有找到${report.meta.agency.name} ${year} 年度的报告，未进行跨年核对` };
  }
}

const isOpen = (why: string) => why.startsWith('是开放数据');

/** Check one file: never throws; unusable input comes back as `ok: false` with one line. */
export async function checkFile(
  file: string,
  config: ValidationConfig | undefined,
  previous: PreviousReports | undefined,
  options: { keepReport?: boolean; found?: boolean } = {},
): Promise<FileResult> {
  // Found in a folder (not named): a file that is clearly no report is skipped, not unusable.
  const skip = (): FileResult | undefined => {
    const why = options.found ? notAReport(file) : undefined;
    return why
      ? {
          file,
          ok: false,
          skipped: true,
          error: `已跳过：${why}`,
          code: why.startsWith('空文件') ? 'EMPTY_FILE' : isOpen(why) ? 'OPEN_DATA_JSON' : 'NOT_A_REPORT',
        }
      : undefined;
  };
  try {
    const { report, kind, diagnostics, ingest } = await loadReport(file);
    const importErrors: ImportError[] = diagnostics
      .filter((d) => d.severity === 'error')
      .map((d) => ({ code: d.code, message: d.message, ...(d.cell ? { cell: d.cell } : {}) }));
    // A published report of which not one number was read cannot be checked: nothing is not "clean".
    if (ingest && ingest.summary.cellsFound === 0)
      return (
        skip() ?? {
          file,
          ok: false,
          code: 'NO_NUMBERS',
          error: `${file}：没有读到任何数字（表格中应有 ${ingest.summary.cellsExpected} 个单元格，读到 0；找到表格 ${ingest.summary.tablesFound}/3${importErrors.length ? `，导入错误 ${importErrors.length} 条` : ''}），无法检查；用 nianbao import 查看导入诊断`,
          importErrors,
        }
      );
    const notes: string[] = [];
    const prev = previous?.size ? previous.find(report) : {};
    if (prev.note) notes.push(prev.note);
    // Cells the importer found printed but could not read: a finding that they are missing (S4) or
    // blank (C2), or that a sum over them could not be checked, says where they went.
    const unread = new Set(
      diagnostics
        .filter((d) => PRINTED_UNREAD.has(d.code))
        .flatMap((d) => d.cells ?? (d.cell ? [d.cell] : [])),
    );
    const findings = validate(report, {
      today: chinaToday(),
      ...(prev.previous ? { previous: prev.previous } : {}),
      ...(config ? { config } : {}),
    }).map((f) =>
      (f.ruleId === 'S4' || f.ruleId === 'C2' || f.status === 'unchecked') &&
      f.cells.length > 0 &&
      f.cells.every((c) => unread.has(c))
        ? { ...f, message: `${f.message}（印有数字，但导入时未能读出，见导入错误）` }
        : f,
    );
    const values: Record<string, string> = {};
    for (const f of findings) for (const c of f.cells) values[c] ??= showValue(report, c);
    return {
      file,
      ok: true,
      kind,
      agency: report.meta.agency.name,
      ...(report.meta.agency.id ? { agencyId: report.meta.agency.id } : {}),
      year: report.meta.year,
      edition: report.meta.edition,
      counts: countFindings(findings),
      findings,
      diagnostics: diagnostics.length,
      importErrors,
      notes,
      values,
      ...(options.keepReport ? { report } : {}),
    };
  } catch (e) {
    return (
      skip() ?? {
        file,
        ok: false,
        error: oneLine(e),
        // why, for programs (the README lists them): UNREADABLE for what we did not foresee
        code: e instanceof CliError && e.code !== 'ERROR' ? e.code : 'UNREADABLE',
      }
    );
  }
}
