import {
  aggregate,
  formatRate,
  type Indicator,
  NianbaoError,
  narrate,
  type Report,
  summarize,
} from '@nianbao/core';
import { flag, parse, str } from '../lib/args.js';
import { colorEnabled, paint } from '../lib/color.js';
import { CliError } from '../lib/errors.js';
import { expandInputs, loadReport } from '../lib/io.js';
import { table } from '../lib/text.js';

export function indicatorValue(i: Indicator): string {
  if (i.value === null) return `—（${i.note ?? '无数据'}）`;
  if (i.kind === 'rate') return `${formatRate(i.value)}（${i.numerator}/${i.denominator}）`;
  return `${i.value} 件`;
}

export function summaryLines(report: Report): string[] {
  const s = summarize(report);
  const rows = s.indicators.map((i) => [i.label, indicatorValue(i)]);
  return [table([['指标', '数值'], ...rows])];
}

export async function run(argv: string[]): Promise<number> {
  const p = parse(argv, { json: { type: 'boolean' }, agency: { type: 'string' } }, 'summary');
  if (!p.positionals.length) throw new CliError('请给出报告文件或文件夹（nianbao summary --help）');
  const files = expandInputs(p.positionals);
  if (!files.length) throw new CliError(`没有找到报告文件：${p.positionals.join('、')}`);
  const reports: Report[] = [];
  for (const f of files) reports.push((await loadReport(f)).report);
  const json = flag(p, 'json');
  const po = paint(colorEnabled(process.stdout));
  if (reports.length === 1) {
    const r = reports[0]!;
    const summary = summarize(r);
    const narration = narrate(r);
    if (json) {
      process.stdout.write(`${JSON.stringify({ summary, narration }, null, 2)}\n`);
      return 0;
    }
    const lines = [po.bold(`${r.meta.agency.name} ${r.meta.year} 年度报告（${r.meta.edition} 版）摘要`), ''];
    lines.push(...summaryLines(r), '', po.bold('说明语句'));
    for (const s of narration.sentences) lines.push(`  ${s.text}`);
    if (narration.missing.length)
      lines.push(po.dim(`  （${narration.missing.length} 句因单元格空白未生成）`));
    process.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  }
  const agencyName = str(p, 'agency');
  let agg: ReturnType<typeof aggregate>;
  try {
    agg = aggregate(reports, agencyName ? { agency: { name: agencyName } } : {});
  } catch (e) {
    if (e instanceof NianbaoError) throw new CliError(e.message);
    throw e;
  }
  const summary = summarize(agg.report);
  if (json) {
    process.stdout.write(
      `${JSON.stringify({ contributors: agg.contributors, missing: agg.missing, notes: agg.notes, summary }, null, 2)}\n`,
    );
    return 0;
  }
  const lines = [
    po.bold(
      `${agg.report.meta.agency.name} ${agg.report.meta.year} 年度汇总（${reports.length} 份报告，${agg.report.meta.edition} 版）`,
    ),
    '',
    ...summaryLines(agg.report),
  ];
  if (agg.notes.length) lines.push('', ...agg.notes.map((n) => `注：${n}`));
  if (agg.missing.length)
    lines.push('', po.yellow(`有 ${agg.missing.length} 个单元格在部分报告中为空白，汇总中留空（不按 0 计）`));
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
