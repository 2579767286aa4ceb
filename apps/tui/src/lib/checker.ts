import { readFileSync } from 'node:fs';
import {
  checkConfig,
  countFindings,
  type Finding,
  type Report,
  type ValidationConfig,
  validate,
} from '@nianbao/core';
import { CliError, oneLine } from './errors.js';
import { showValue } from './findings.js';
import { expandInputs, loadReport } from './io.js';

export type Counts = ReturnType<typeof countFindings>;

export type FileResult =
  | {
      readonly file: string;
      readonly ok: true;
      readonly kind: string;
      readonly agency: string;
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
      /** The report itself, when asked for (the folder view's roll-up); never sent between threads. */
      readonly report?: Report;
    }
  | {
      readonly file: string;
      readonly ok: false;
      readonly error: string;
      /** Why, for programs: `NO_NUMBERS` when the importer read not one number of the tables. */
      readonly code?: string;
      readonly importErrors?: readonly ImportError[];
    };

/** One error of the importer, as `check --json` gives it. */
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
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new CliError(`无法读取规则设置 ${file}：${oneLine(e)}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new CliError(`规则设置 ${file} 不是有效的 JSON`);
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

/** Previous-year reports, matched by agency name and year. */
export class PreviousReports {
  private readonly byKey = new Map<string, Report>();
  private readonly all: Report[] = [];
  static async load(inputs: readonly string[]): Promise<PreviousReports> {
    const p = new PreviousReports();
    for (const file of expandInputs(inputs)) {
      const { report } = await loadReport(file);
      p.all.push(report);
      p.byKey.set(`${report.meta.agency.name}|${report.meta.year}`, report);
    }
    return p;
  }
  get size(): number {
    return this.all.length;
  }
  /** The previous report for `report`, or why there is none. */
  find(report: Report): { previous?: Report; note?: string } {
    const hit = this.byKey.get(`${report.meta.agency.name}|${report.meta.year - 1}`);
    if (hit) return { previous: hit };
    if (this.all.length === 1) {
      const only = this.all[0]!;
      if (only.meta.year !== report.meta.year - 1)
        return {
          note: `上一年度报告为 ${only.meta.year} 年度，与 ${report.meta.year} 年度不相邻，未进行跨年核对`,
        };
      return { previous: only };
    }
    return { note: `没有找到${report.meta.agency.name} ${report.meta.year - 1} 年度的报告，未进行跨年核对` };
  }
}

/** Check one file: never throws; unusable input comes back as `ok: false` with one line. */
export async function checkFile(
  file: string,
  config: ValidationConfig | undefined,
  previous: PreviousReports | undefined,
  options: { keepReport?: boolean } = {},
): Promise<FileResult> {
  try {
    const { report, kind, diagnostics, ingest } = await loadReport(file);
    const importErrors: ImportError[] = diagnostics
      .filter((d) => d.severity === 'error')
      .map((d) => ({ code: d.code, message: d.message, ...(d.cell ? { cell: d.cell } : {}) }));
    // A published report of which not one number was read cannot be checked: nothing is not "clean".
    if (ingest && ingest.summary.cellsFound === 0)
      return {
        file,
        ok: false,
        code: 'NO_NUMBERS',
        error: `${file}：没有读到任何数字（表格中应有 ${ingest.summary.cellsExpected} 个单元格，读到 0；找到表格 ${ingest.summary.tablesFound}/3${importErrors.length ? `，导入错误 ${importErrors.length} 条` : ''}），无法检查；用 nianbao import 查看导入诊断`,
        importErrors,
      };
    const notes: string[] = [];
    const prev = previous?.size ? previous.find(report) : {};
    if (prev.note) notes.push(prev.note);
    const findings = validate(report, {
      ...(prev.previous ? { previous: prev.previous } : {}),
      ...(config ? { config } : {}),
    });
    const values: Record<string, string> = {};
    for (const f of findings) for (const c of f.cells) values[c] ??= showValue(report, c);
    return {
      file,
      ok: true,
      kind,
      agency: report.meta.agency.name,
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
    return { file, ok: false, error: oneLine(e) };
  }
}
