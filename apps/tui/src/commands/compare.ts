import { existsSync } from 'node:fs';
import { cellLabel, compare, countFindings, formatRate, type Report } from '@nianbao/core';
import { flag, parse, serverOf, str } from '../lib/args.js';
import { colorEnabled, paint } from '../lib/color.js';
import { CliError, EXIT_FINDINGS, EXIT_OK, UsageError } from '../lib/errors.js';
import { hasErrors } from '../lib/findings.js';
import { loadReport } from '../lib/io.js';
import { formatFindings } from '../lib/report-text.js';
import { table } from '../lib/text.js';
import { withGroups } from '../lib/verdict.js';

/** Compare two reports (local files or reports of the server), print, and return the exit code. */
export function printComparison(
  prev: Report,
  cur: Report,
  options: { json: boolean; all: boolean; names?: readonly [string, string] },
): number {
  // OLD first: the other way round every change would have its sign turned and X1–X6 not run.
  if (prev.meta.year > cur.meta.year) {
    const [a, b] = options.names ?? ['OLD', 'NEW'];
    throw new CliError(
      `顺序反了：第一份（${prev.meta.year} 年度）比第二份（${cur.meta.year} 年度）新；nianbao compare 先给上一年度，再给本年度，请交换：nianbao compare ${b} ${a}`,
    );
  }
  const c = compare(prev, cur);
  const code = hasErrors(c.findings) ? EXIT_FINDINGS : EXIT_OK;
  if (options.json) {
    const out = { ...c, counts: countFindings(c.findings), findings: withGroups(c.findings) };
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return code;
  }
  const po = paint(colorEnabled(process.stdout));
  const lines = [
    po.bold(`${c.previous.agency} ${c.previous.year} 年度 → ${c.current.agency} ${c.current.year} 年度`),
    ...c.notes.map((n) => po.yellow(`注：${n}`)),
    '',
  ];
  // a change: a different number, or blank on one side only (blank → blank is no change)
  const shownDeltas = options.all
    ? c.deltas
    : c.deltas.filter((d) => d.delta !== 0 && !(d.previous === null && d.current === null));
  if (shownDeltas.length) {
    // Money in core's 万元 (元 converted), said so: 「25.1万元 30万元 +4.9万元」. An amount of a year
    // printed without a unit is shown as printed, and not compared (单位不明).
    const rows = shownDeltas.map((d) => {
      const u = d.unit === '万元' ? '万元' : '';
      return [
        d.label,
        d.previous === null ? '空白' : `${d.previous}${u}`,
        d.current === null ? '空白' : `${d.current}${u}`,
        d.unit === 'unknown' && d.previous !== null && d.current !== null
          ? '单位不明'
          : d.delta === null
            ? '—'
            : `${d.delta > 0 ? '+' : ''}${d.delta}${u}`,
        d.change === null ? '—' : `${d.change > 0 ? '+' : ''}${formatRate(d.change)}`,
      ];
    });
    lines.push(
      table(
        [['项目', String(c.previous.year), String(c.current.year), '增减', '变化率'], ...rows],
        ['l', 'r', 'r', 'r', 'r'],
      ),
    );
  } else lines.push('可比项目没有变化');
  if (!options.all && shownDeltas.length < c.deltas.length)
    lines.push(po.dim(`（另有 ${c.deltas.length - shownDeltas.length} 项没有变化；--all 列出全部）`));
  if (c.notComparable.length) lines.push(po.dim(`不可比项目 ${c.notComparable.length} 项（格式版本不同）`));
  lines.push('', po.bold('跨年核对'));
  const values: Record<string, string> = {};
  for (const f of c.findings)
    for (const id of f.cells) values[id] = String(cur.cells[id]?.value ?? prev.cells[id]?.value ?? '空白');
  const fl = formatFindings(c.findings, values, (id) => cellLabel(id, cur.meta.edition), po);
  lines.push(...(fl.length ? fl : [po.green('  未发现跨年问题')]));
  process.stdout.write(`${lines.join('\n')}\n`);
  return code;
}

export async function run(argv: string[]): Promise<number> {
  const p = parse(argv, { json: { type: 'boolean' }, all: { type: 'boolean' } }, 'compare');
  if (p.positionals.length !== 2) throw new UsageError('请给出两份报告：nianbao compare OLD NEW');
  // Remote with --server, or NIANBAO_SERVER set and arguments that are not local files.
  if (str(p, 'server') || (serverOf(p) && !p.positionals.some((x) => existsSync(x)))) {
    const { compareRemote } = await import('./remote.js');
    return compareRemote(p);
  }
  const [a, b] = p.positionals as [string, string];
  const prev = (await loadReport(a)).report;
  const cur = (await loadReport(b)).report;
  return printComparison(prev, cur, { json: flag(p, 'json'), all: flag(p, 'all'), names: [a, b] });
}
