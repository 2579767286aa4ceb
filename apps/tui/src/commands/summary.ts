import { existsSync } from 'node:fs';
import {
  type AggregateResult,
  aggregate,
  editionName,
  formatRate,
  type Indicator,
  missingText,
  type Narration,
  NianbaoError,
  narrate,
  type Report,
  type Summary,
  summarize,
} from '@nianbao/core';
import { absentLine, missingSentencesLine } from '../lib/absent.js';
import { flag, numStr, parse, serverOf, str } from '../lib/args.js';
import { colorEnabled, paint } from '../lib/color.js';
import { CliError, UsageError, zhDetail } from '../lib/errors.js';
import { realPath } from '../lib/files.js';
import { noReportLine } from '../lib/findings-list.js';
import { expandInputs, loadReport, notAReport, withNumbers } from '../lib/io.js';
import { type LoadedReport, loadedLabel, pairReports, savedNote } from '../lib/pairs.js';
import { table } from '../lib/text.js';
import { errorsNotice } from '../lib/warn.js';

export function indicatorValue(i: Indicator): string {
  if (i.value === null) return `—（${i.note ?? '无数据'}）`;
  if (i.kind === 'rate') return `${formatRate(i.value)}（${i.numerator}/${i.denominator}）`;
  return `${i.value} 件`;
}

export function summaryLines(s: Summary): string[] {
  const rows = s.indicators.map((i) => [i.label, indicatorValue(i)]);
  return [table([['指标', '数值'], ...rows])];
}

/** One report's indicators and number sentences (a local file or a report of the server). */
export function printSummary(
  summary: Summary,
  narration: Narration,
  json: boolean,
  report?: Report,
  /** Notes on what was read (简体中文): saved edits read in place of their published report. */
  notes: readonly string[] = [],
): number {
  const absent = report ? absentLine(report) : undefined;
  if (json) {
    process.stdout.write(
      `${JSON.stringify({ summary, narration, ...(notes.length ? { notes } : {}) }, null, 2)}\n`,
    );
    return 0;
  }
  const po = paint(colorEnabled(process.stdout));
  const lines = [
    po.bold(`${summary.agency} ${summary.year} 年度报告（${editionName(summary.edition)}）摘要`),
    '',
  ];
  if (notes.length) lines.push(...notes.map((x) => po.yellow(`注：${x}`)), '');
  if (absent) lines.push(po.yellow(absent), '');
  lines.push(...summaryLines(summary), '', po.bold('说明语句'));
  for (const s of narration.sentences) lines.push(`  ${s.text}`);
  const left = report
    ? missingSentencesLine(narration, report)
    : narration.missing.length
      ? `（${narration.missing.length} 句因单元格空白未生成）`
      : undefined;
  if (left) lines.push(po.dim(`  ${left}`));
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

/**
 * Sum reports with core's aggregate; its refusals (mixed years or editions, the same agency's report
 * twice) as one line, naming the two inputs (`labels`: files or references) of a duplicate.
 */
export function rollUp(
  reports: readonly Report[],
  agencyName: string | undefined,
  labels: readonly string[] = [],
): AggregateResult {
  try {
    return aggregate(reports, agencyName ? { agency: { name: agencyName } } : {});
  } catch (e) {
    if (!(e instanceof NianbaoError)) throw e;
    const at = e.details.indices as readonly number[] | undefined;
    if (e.code === 'DUPLICATE_REPORT' && at && at.every((i) => labels[i] !== undefined))
      throw new CliError(
        `${String(e.details.agency)} ${String(e.details.year)} 年度的报告给了两次（${at.map((i) => labels[i]).join(' 和 ')}），汇总会把它的数字算两遍：请只给出一份`,
      );
    // reports of several years (a folder of every year): which files are of which year, and what to do
    if (e.code === 'MIXED_YEARS' && labels.length === reports.length) {
      const byYear = new Map<number, string[]>();
      for (const [i, r] of reports.entries())
        byYear.set(r.meta.year, [...(byYear.get(r.meta.year) ?? []), labels[i]!]);
      const years = [...byYear.keys()].sort((a, b) => a - b);
      const list = years.map((y) => {
        const files = byYear.get(y)!;
        const shown = files.slice(0, 3).join('、');
        return `${y} 年度 ${files.length} 份（${shown}${files.length > 3 ? ' 等' : ''}）`;
      });
      throw new CliError(
        `只能汇总同一年度的报告，这里有 ${years.length} 个年度：${list.join('；')}。请用 --year 年度 只汇总其中一年（如 --year ${years.at(-1)}），或只给出同一年度的报告（按年度分开放在各自的文件夹，或逐个列出文件）`,
      );
    }
    throw new CliError(zhDetail(e.message));
  }
}

/**
 * A roll-up and its summary. `included`: the reports a server summed (region roll-ups), listed in
 * --json as they came and named in the human output.
 */
export interface LeftOutReport {
  readonly reportId: string;
  readonly agencyName: string;
  readonly status: string;
  readonly reason: string;
}

export function printRollup(
  agg: Pick<AggregateResult, 'report' | 'contributors' | 'missing' | 'notes' | 'likelySameAgencies'>,
  summary: Summary,
  json: boolean,
  included?: readonly { reportId: string; agencyName: string; status: string }[],
  notCounted?: readonly LeftOutReport[],
  /** Agencies under the region with no report of the year (server roll-ups). */
  noReport?: readonly string[],
): number {
  if (json) {
    const { contributors, missing, notes, likelySameAgencies } = agg;
    process.stdout.write(
      `${JSON.stringify({ contributors, missing, notes, ...(likelySameAgencies ? { likelySameAgencies } : {}), summary, ...(included ? { included } : {}), ...(notCounted ? { notCounted } : {}), ...(noReport ? { noReport } : {}) }, null, 2)}\n`,
    );
    return 0;
  }
  const po = paint(colorEnabled(process.stdout));
  const n = included?.length ?? agg.contributors.length;
  // core's default name for a roll-up is 汇总 itself: not 「汇总 2024 年度汇总」
  const name = agg.report.meta.agency.name.trim();
  const lines = [
    po.bold(
      `${name && name !== '汇总' ? `${name} ` : ''}${agg.report.meta.year} 年度汇总（${n} 份报告，${editionName(agg.report.meta.edition)}）`,
    ),
    '',
    ...summaryLines(summary),
  ];
  // two names that may be one agency (「教育局」, 「示例县教育局」): summed as two, said apart as a warning
  const likelySame = new Set((agg.likelySameAgencies ?? []).map((x) => x.message));
  const notes = agg.notes.filter((x) => !likelySame.has(x));
  if (notes.length) lines.push('', ...notes.map((x) => `注：${x}`));
  if (likelySame.size) lines.push('', ...[...likelySame].map((x) => po.yellow(`注意：${x}`)));
  const missing = missingText(agg.missing);
  if (missing) lines.push('', po.yellow(missing));
  if (included) lines.push('', po.dim(`汇总的报告：${included.map((r) => r.agencyName).join('、')}`));
  if (notCounted?.length) {
    const total = (included?.length ?? 0) + notCounted.length;
    lines.push(
      '',
      po.yellow(`未计入 ${notCounted.length} 份（共 ${total} 份报告，汇总 ${included?.length ?? 0} 份）：`),
      ...notCounted.map((r) => `  ${r.agencyName}（${r.reportId}）：${r.reason}`),
    );
    if (notCounted.some((r) => r.reason.startsWith('状态为')))
      lines.push(
        po.dim(
          '  要包括这些报告，请用 --status 给出状态，如 --status draft,submitted,returned,approved,published',
        ),
      );
  }
  if (noReport?.length) lines.push('', po.yellow(noReportLine(noReport)));
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

export async function run(argv: string[]): Promise<number> {
  const p = parse(
    argv,
    {
      json: { type: 'boolean' },
      agency: { type: 'string' },
      region: { type: 'string' },
      year: { type: 'string' },
      status: { type: 'string', multiple: true },
    },
    'summary',
  );
  // Remote with --server, or NIANBAO_SERVER set and arguments that are not local files; a region
  // roll-up only exists on a server.
  if (
    str(p, 'region') !== undefined ||
    (p.positionals.length && (str(p, 'server') || (serverOf(p) && !p.positionals.some((x) => existsSync(x)))))
  ) {
    const { summaryRemote } = await import('./remote.js');
    return summaryRemote(p);
  }
  if (p.values.status !== undefined)
    throw new CliError(
      '--status 只用于服务器上的地区汇总：nianbao summary --server URL --region 地区 --year 年度 --status 状态',
    );
  // --year: the reports of that year among those given (a folder of every year), the others named
  const yearText = numStr(p, 'year');
  if (yearText !== undefined && !/^\d{4}$/.test(yearText))
    throw new UsageError(`--year 应为四位年度：${str(p, 'year')}`);
  const year = yearText === undefined ? undefined : Number(yearText);
  if (!p.positionals.length) throw new UsageError('请给出报告文件或文件夹（nianbao summary --help）');
  const files = expandInputs(p.positionals);
  if (!files.length) throw new CliError(`没有找到报告文件：${p.positionals.join('、')}`);
  // Files found in a folder, not named: one that is clearly no report (README.md, package.json) is
  // skipped with a note, as check DIR skips it; one that may be a report and cannot be read stops.
  const named = new Set(p.positionals.map(realPath));
  const loaded: LoadedReport[] = [];
  const skipped: string[] = [];
  for (const file of files) {
    try {
      loaded.push({
        file,
        report: withNumbers(await loadReport(file), files.length > 1 ? '计入汇总' : '生成摘要').report,
      });
    } catch (e) {
      const why = named.has(realPath(file)) ? undefined : notAReport(file);
      if (!why) throw e;
      skipped.push(`${file}（${why}）`);
    }
  }
  if (!loaded.length)
    throw new CliError(`没有找到年度报告：${p.positionals.join('、')}（已跳过 ${skipped.join('、')}）`);
  // a published report and its edits saved beside it (report.pdf, report.json): one report, the
  // edits, as check DIR, the folder view and its roll-up have it
  const paired = pairReports(loaded);
  const items = year === undefined ? paired : paired.filter((x) => x.report.meta.year === year);
  const otherYears = paired.filter((x) => !items.includes(x));
  if (!items.length) {
    const years = [...new Set(paired.map((x) => x.report.meta.year))].sort((a, b) => a - b);
    throw new CliError(
      `没有 ${year} 年度的报告：给出的 ${paired.length} 份报告是 ${years.map((y) => `${y}`).join('、')} 年度的`,
    );
  }
  const reports = items.map((x) => x.report);
  const skippedNote = skipped.length
    ? [`另有 ${skipped.length} 个文件不是年度报告，已跳过：${skipped.join('、')}`]
    : [];
  const yearNote = otherYears.length
    ? [
        `另有 ${otherYears.length} 份报告不是 ${year} 年度，未计入：${otherYears
          .slice(0, 5)
          .map((x) => `${loadedLabel(x)}（${x.report.meta.year} 年度）`)
          .join('、')}${otherYears.length > 5 ? ' 等' : ''}`,
      ]
    : [];
  const notes = [
    ...skippedNote,
    ...yearNote,
    ...items.flatMap((x) =>
      x.source ? [savedNote(x.file, x.source, reports.length === 1 ? '生成摘要' : '汇总')] : [],
    ),
  ];
  const json = flag(p, 'json');
  if (reports.length === 1) {
    // a report with errors (a 总计 that disagrees with its parts, a negative count): its indicators are
    // computed from the numbers as filled in — said, as render says it, not shown as if sound
    const errors = errorsNotice(reports[0]!, items[0]!.file, '使用摘要')?.replace(/^注意：/, '');
    return printSummary(summarize(reports[0]!), narrate(reports[0]!), json, reports[0]!, [
      ...notes,
      ...(errors ? [errors] : []),
    ]);
  }
  const agg = rollUp(reports, str(p, 'agency'), items.map(loadedLabel));
  return printRollup({ ...agg, notes: [...notes, ...agg.notes] }, summarize(agg.report), json);
}
