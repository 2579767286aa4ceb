/**
 * `check … -o 问题清单.xlsx` / `--format csv`: the checked reports' findings as one list to hand on
 * (render's renderFindingsXlsx / renderFindingsCsv), from files here or reports of the server.
 */
import type { EditionId, Finding } from '@nianbao/core';
import type { FileResult } from './checker.js';
import { CliError, UsageError, zhDetail } from './errors.js';
import { refuseFolderOutput, sameFile, writeFileAtomic } from './io.js';
import { isDismissed } from './verdict.js';

export const LIST_FORMATS = ['xlsx', 'csv'] as const;
export type ListFormat = (typeof LIST_FORMATS)[number];

export interface ListOutput {
  readonly format: ListFormat;
  /** The file; none: CSV to standard output (instead of the table). */
  readonly output?: string | undefined;
}

/**
 * The list asked for (--format, else -o's extension), checked before any report is read: xlsx needs
 * -o, --json is the other way to get the findings whole, -o never names a report being checked.
 * Undefined when neither is given.
 */
export function listOutput(
  options: { json: boolean; format?: string | undefined; output?: string | undefined },
  inputs: readonly string[],
): ListOutput | undefined {
  const out = options.output;
  if (!options.format && !out) return undefined;
  const given = options.format?.toLowerCase();
  const ext = out ? /\.([^./\\]+)$/.exec(out)?.[1]?.toLowerCase() : undefined;
  const named = ext && (LIST_FORMATS as readonly string[]).includes(ext) ? (ext as ListFormat) : undefined;
  if (options.json)
    throw new UsageError(
      '--json 与 --format/-o 只能选一个：--json 在屏幕上输出 JSON，--format/-o 写出问题清单（xlsx 或 csv）',
    );
  // a folder named: said as one (a folder's name has no format to be refused)
  if (out) refuseFolderOutput(out);
  if (given && ext && given !== ext)
    throw new UsageError(
      `--format ${given} 与输出文件 ${out} 的扩展名（.${ext}）不一致：请把输出文件名改为以 .${given} 结尾${named ? `，或改用 --format ${named}` : ''}`,
      'FORMAT_EXTENSION_MISMATCH',
    );
  const format = given ?? named ?? ext;
  if (!format || !(LIST_FORMATS as readonly string[]).includes(format))
    throw new UsageError(
      `问题清单的格式${format ? `「${format}」` : out ? `（${out}）` : ''}不支持：用 xlsx（Excel 表格）或 csv，如 -o 问题清单.xlsx`,
    );
  if (format === 'xlsx' && !out)
    throw new UsageError('xlsx 是二进制格式，请用 -o 给出输出文件：nianbao check 文件夹 -o 问题清单.xlsx');
  for (const input of inputs)
    if (out && input !== '-' && sameFile(out, input))
      throw new CliError(`输出文件就是要检查的报告（${out}），会覆盖原报告：请换一个输出文件名`);
  return { format: format as ListFormat, output: out };
}

interface RenderModule {
  agencyWithoutReport(agency: string, year: number): { source: string; year?: number; missing?: string };
  renderFindingsXlsx(reports: readonly unknown[], options?: { title?: string }): Promise<Uint8Array>;
  renderFindingsCsv(reports: readonly unknown[], options?: { title?: string; bom?: boolean }): string;
}

/** A server finding's triage as the list says it: only a dismissal that holds (not reopened since). */
function listed(f: Finding): Finding {
  const t = (f as { triage?: { state?: string; decision?: string; reason?: string; by?: string } | null })
    .triage;
  if (!t) return f;
  const { triage: _, ...rest } = f as Finding & { triage?: unknown };
  return isDismissed(f)
    ? ({ ...rest, triage: { decision: 'dismissed', reason: t.reason, by: t.by } } as Finding)
    : rest;
}

/** The checked files as the list's entries: what was read, or why not. */
function entries(results: readonly FileResult[]) {
  return results
    .filter((r) => r.ok || !r.skipped)
    .map((r) =>
      r.ok
        ? {
            source: r.source ?? r.file,
            agency: r.agency,
            year: r.year,
            edition: r.edition as EditionId,
            findings: r.findings.map(listed),
            importErrors: r.importErrors,
            notes: r.notes,
          }
        : { source: r.file, unusable: r.error, importErrors: r.importErrors },
    );
}

/**
 * The agencies of a region with no report of the year, as check, list and summary say them:
 * 「没有本年度报告的机关 2 个：甲、乙」, past `shown` names 「…等（另有 N 个）」.
 */
export function noReportLine(names: readonly string[], shown = names.length): string {
  return `没有本年度报告的机关 ${names.length} 个：${names.slice(0, shown).join('、')}${
    names.length > shown ? ` 等（另有 ${names.length - shown} 个）` : ''
  }`;
}

/** A region's agencies with no report of the year (check --server --region): rows 未创建 of the list. */
export interface MissingReports {
  readonly year: number;
  readonly agencies: readonly string[];
  /**
   * Where each goes in the list: how many of the results come before it (the region's tree order).
   * Without it, after the results.
   */
  readonly before?: readonly number[];
}

/** Write the list; with no file, CSV to standard output. Says what was written on standard error. */
export async function writeFindingsList(
  results: readonly FileResult[],
  list: ListOutput,
  missing?: MissingReports,
): Promise<void> {
  let mod: RenderModule;
  try {
    mod = (await import(RENDER)) as RenderModule;
  } catch {
    throw new CliError('输出模块 @nianbao/render 不可用（请先构建：npx turbo run build）');
  }
  const reports: (ReturnType<typeof entries>[number] | ReturnType<RenderModule['agencyWithoutReport']>)[] =
    [];
  const checked = entries(results);
  const without = (missing?.agencies ?? []).map((agency, i) => ({
    entry: mod.agencyWithoutReport(agency, missing!.year),
    before: missing?.before?.[i] ?? checked.length,
  }));
  for (let i = 0, m = 0; i <= checked.length; i++) {
    for (; m < without.length && without[m]!.before <= i; m++) reports.push(without[m]!.entry);
    if (i < checked.length) reports.push(checked[i]!);
  }
  const years = reports.flatMap((r) => ('year' in r && r.year ? [r.year] : []));
  const lo = Math.min(...years);
  const hi = Math.max(...years);
  const span = !years.length ? '' : lo === hi ? `${lo} 年度` : `${lo}—${hi} 年度`;
  const title = `${span}政府信息公开工作年度报告检查问题清单`;
  let data: string | Uint8Array;
  try {
    data =
      list.format === 'xlsx'
        ? await mod.renderFindingsXlsx(reports, { title })
        : // a CSV file starts with a byte order mark (Excel reads the 简体中文); a pipe gets none
          mod.renderFindingsCsv(reports, { title, bom: list.output !== undefined });
  } catch (e) {
    throw new CliError(
      zhDetail(`无法输出问题清单（${list.format}）：${(e as Error).message?.split('\n')[0]}`),
    );
  }
  if (!list.output) {
    process.stdout.write(data);
    return;
  }
  writeFileAtomic(list.output, data);
  const problems = reports.reduce(
    (n, r) =>
      n +
      ('unusable' in r && r.unusable !== undefined ? 1 : 0) +
      ('missing' in r ? 1 : 0) +
      ('importErrors' in r ? (r.importErrors?.length ?? 0) : 0) +
      ('findings' in r ? (r.findings ?? []).filter((f) => f.status === 'failed').length : 0),
    0,
  );
  process.stderr.write(
    `已输出问题清单（${list.format}）：${list.output}（${reports.length - (missing?.agencies.length ?? 0)} 份报告${
      missing?.agencies.length ? `，另有 ${missing.agencies.length} 个机关未创建报告` : ''
    }，${problems} 条）\n`,
  );
}

const RENDER = '@nianbao/render';
