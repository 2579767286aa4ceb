import { existsSync } from 'node:fs';
import { cellLabel, compare, countFindings, formatRate, type Report } from '@nianbao/core';
import { flag, parse, serverOf, str } from '../lib/args.js';
import { colorEnabled, paint } from '../lib/color.js';
import { CliError, EXIT_FINDINGS, EXIT_OK, UsageError, zhDetail } from '../lib/errors.js';
import { hasErrors } from '../lib/findings.js';
import { loadReport, sameFile, withNumbers, writeFileAtomic } from '../lib/io.js';
import { formatFindings } from '../lib/report-text.js';
import { table } from '../lib/text.js';
import { withGroups } from '../lib/verdict.js';

/** The file formats of a comparison (render's renderComparison). */
export const COMPARE_FORMATS = ['md', 'html', 'docx', 'xlsx', 'csv'] as const;
type CompareFormat = (typeof COMPARE_FORMATS)[number];
/** The format an output file's extension names. */
const EXTENSION_FORMATS: Readonly<Record<string, CompareFormat>> = {
  md: 'md',
  markdown: 'md',
  html: 'html',
  htm: 'html',
  docx: 'docx',
  xlsx: 'xlsx',
  csv: 'csv',
};

interface ComparisonModule {
  renderComparison(
    c: ReturnType<typeof compare>,
    format: CompareFormat,
    options?: { bom?: boolean },
  ): string | Promise<Uint8Array>;
}

export interface CompareOptions {
  readonly json: boolean;
  readonly all: boolean;
  readonly names?: readonly [string, string];
  /** --format: write the comparison as a file (render's renderComparison) instead of printing it. */
  readonly format?: string;
  /** -o: the file; without it a text format goes to standard output. */
  readonly output?: string;
}

/**
 * The format asked for (--format, else -o's extension), checked before any report is read: a
 * binary one needs -o, --json is the other way to get the comparison whole, -o never names a report
 * being compared. Undefined when neither is given (the comparison is printed).
 */
export function comparisonFormat(
  options: CompareOptions,
  inputs: readonly string[],
): CompareFormat | undefined {
  const out = options.output;
  if (!options.format && !out) return undefined;
  const given = options.format?.toLowerCase();
  // the format -o's name says (同比.docx, 同比.htm), if it names one
  const ext = out ? /\.([^./\\]+)$/.exec(out)?.[1]?.toLowerCase() : undefined;
  const named = ext ? EXTENSION_FORMATS[ext] : undefined;
  const format = (given ?? named ?? ext) as CompareFormat | undefined;
  if (options.json)
    throw new UsageError('--json 与 --format/-o 只能选一个：--json 在屏幕上输出 JSON，--format 写出同比文件');
  // --format md -o 同比.docx wrote Markdown into a file Word then could not open
  if (given && named && given !== named)
    throw new UsageError(
      `--format ${given} 与输出文件 ${out} 的扩展名（.${ext}，${named}）不一致：请改用 --format ${named}，或把输出文件名改为以 .${given} 结尾`,
      'FORMAT_EXTENSION_MISMATCH',
    );
  if (!format || !COMPARE_FORMATS.includes(format))
    throw new UsageError(
      `同比文件的格式${format ? `「${format}」` : ''}不支持：请用 --format 给出 ${COMPARE_FORMATS.join('、')} 之一`,
    );
  if ((format === 'docx' || format === 'xlsx') && !out)
    throw new UsageError(
      `${format} 是二进制格式，请用 -o 给出输出文件：nianbao compare OLD NEW --format ${format} -o 同比.${format}`,
    );
  for (const input of inputs)
    if (out && sameFile(out, input))
      throw new CliError(`输出文件就是要比较的报告（${out}），会覆盖原报告：请换一个输出文件名`);
  return format;
}

/** Compare two reports (local files or reports of the server), print, and return the exit code. */
export async function printComparison(prev: Report, cur: Report, options: CompareOptions): Promise<number> {
  const format = comparisonFormat(options, []);
  // OLD first: the other way round every change would have its sign turned and X1–X6 not run.
  if (prev.meta.year > cur.meta.year) {
    const [a, b] = options.names ?? ['OLD', 'NEW'];
    throw new CliError(
      `顺序反了：第一份（${prev.meta.year} 年度）比第二份（${cur.meta.year} 年度）新；nianbao compare 先给上一年度，再给本年度，请交换：nianbao compare ${b} ${a}`,
    );
  }
  const c = compare(prev, cur);
  const code = hasErrors(c.findings) ? EXIT_FINDINGS : EXIT_OK;
  if (format) {
    let mod: ComparisonModule;
    try {
      mod = (await import(RENDER)) as ComparisonModule;
    } catch {
      throw new CliError('输出模块 @nianbao/render 不可用（请先构建：npx turbo run build）');
    }
    let data: string | Uint8Array;
    try {
      // a CSV file starts with a byte order mark (Excel reads the 简体中文), as the server's; a pipe gets none
      data = await mod.renderComparison(c, format, { bom: format === 'csv' && !!options.output });
    } catch (e) {
      throw new CliError(zhDetail(`无法输出同比为 ${format}：${(e as Error).message?.split('\n')[0]}`));
    }
    if (options.output) {
      writeFileAtomic(options.output, data);
      const errors = c.findings.filter((f) => f.severity === 'error' || f.severity === 'crossYear').length;
      process.stderr.write(
        `已输出同比（${format}）：${options.output}${errors ? `；跨年核对有 ${errors} 条问题，见文件「跨年核对」` : ''}\n`,
      );
    } else process.stdout.write(typeof data === 'string' ? data : Buffer.from(data));
    return code;
  }
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

const RENDER = '@nianbao/render';

export async function run(argv: string[]): Promise<number> {
  const p = parse(
    argv,
    {
      json: { type: 'boolean' },
      all: { type: 'boolean' },
      format: { type: 'string', short: 'f' },
      output: { type: 'string', short: 'o' },
    },
    'compare',
  );
  if (p.positionals.length !== 2) throw new UsageError('请给出两份报告：nianbao compare OLD NEW');
  // -o - is standard output (a text format), never a file named 「-」
  const output = str(p, 'output') === '-' ? undefined : str(p, 'output');
  const fileOptions = { format: str(p, 'format'), output };
  // checked before anything is read or fetched: a wrong format, a binary one to the terminal, -o over a report
  comparisonFormat({ json: flag(p, 'json'), all: false, ...fileOptions }, p.positionals);
  // Remote with --server, or NIANBAO_SERVER set and arguments that are not local files.
  if (str(p, 'server') || (serverOf(p) && !p.positionals.some((x) => existsSync(x)))) {
    const { compareRemote } = await import('./remote.js');
    return compareRemote(p);
  }
  const [a, b] = p.positionals as [string, string];
  const prev = withNumbers(await loadReport(a), '对比').report;
  const cur = withNumbers(await loadReport(b), '对比').report;
  return printComparison(prev, cur, {
    json: flag(p, 'json'),
    all: flag(p, 'all'),
    names: [a, b],
    ...fileOptions,
  });
}
