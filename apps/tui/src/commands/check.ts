import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { extname, relative } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { type EditionId, editionName, type ValidationConfig } from '@nianbao/core';
import { flag, parse, positiveInt, serverOf, str } from '../lib/args.js';
import type { FileResult, PreviousReports } from '../lib/checker.js';
import { colorEnabled, paint } from '../lib/color.js';
import { CliError, EXIT_FINDINGS, EXIT_OK, EXIT_UNUSABLE, UsageError } from '../lib/errors.js';
import { expandInputs, kindOf, realPath, uniqueFiles } from '../lib/files.js';
import {
  type ListOutput,
  listOutput,
  type MissingReports,
  noReportLine,
  writeFindingsList,
} from '../lib/findings-list.js';
import { padEnd, table, truncate, truncateMiddle, width } from '../lib/text.js';
import { fileHasErrors, hasErrors, withGroups } from '../lib/verdict.js';

// @nianbao/core and the checker are imported only where this thread needs them: with many files the
// worker threads do the checking, and they start sooner when this thread is not compiling core too.

/** Fewer files than this are checked in the main thread: a worker's start-up would cost more. */
const WORKER_THRESHOLD = 64;

class Progress {
  private last = 0;
  constructor(
    private readonly total: number,
    private readonly on: boolean,
  ) {}
  tick(done: number, file: string): void {
    if (!this.on) return;
    const now = Date.now();
    if (done < this.total && now - this.last < 80) return;
    this.last = now;
    const cols = process.stderr.columns || 80;
    const barW = Math.max(10, Math.min(30, cols - 40));
    const fill = Math.round((done / this.total) * barW);
    const bar = `${'█'.repeat(fill)}${'░'.repeat(barW - fill)}`;
    const head = `检查中 ${bar} ${done}/${this.total} `;
    process.stderr.write(`\r\x1b[K${head}${truncate(file, Math.max(0, cols - head.length - barW - 2))}`);
  }
  done(): void {
    if (this.on) process.stderr.write('\r\x1b[K');
  }
}

async function runInline(
  files: readonly string[],
  found: ReadonlySet<string>,
  config: ValidationConfig | undefined,
  prev: PreviousReports | undefined,
  progress: Progress,
): Promise<FileResult[]> {
  const { checkFile } = await import('../lib/checker.js');
  const out: FileResult[] = [];
  for (const file of files) {
    out.push(await checkFile(file, config, prev, { found: found.has(file) }));
    progress.tick(out.length, file);
  }
  return out;
}

/** The largest batch of files a worker is sent at once. */
const MAX_BATCH = 32;

/**
 * Check the files in `jobs` worker threads. Each worker keeps to one class of files while there are
 * any (our JSON, or published reports through the importer), so that each warms up and loads only
 * the code it runs; then it helps with the rest. Batches are large while much is left and shrink to
 * one file at the end (the threads finish together); each worker holds a second batch while it works
 * on one, so it never waits for this thread. Results keep the order of `files`.
 */
function runWorkers(
  files: readonly string[],
  found: ReadonlySet<string>,
  config: ValidationConfig | undefined,
  previous: readonly string[],
  jobs: number,
  progress: Progress,
): Promise<FileResult[]> {
  // indices of the files of each class, in order; a queue is consumed from its front
  const queues = [[], []] as number[][];
  for (let i = 0; i < files.length; i++) queues[kindOf(files[i]!) === 'json' ? 0 : 1]!.push(i);
  const present = queues.filter((q) => q.length > 0);
  const heads = present.map(() => 0);
  // Every core runs a checking thread, so V8's background compiler threads would only take turns
  // with them, and a thread that has finished would wait at exit for a compile still in flight: the
  // workers compile their hot code themselves (read when a thread starts; measured on 2 cores:
  // about 11 % less CPU and 13 % less wall time for 1,000 files).
  setFlagsFromString('--no-concurrent-recompilation');
  return new Promise((resolve, reject) => {
    const results: FileResult[] = new Array(files.length);
    let sent = 0;
    let done = 0;
    let finished = false;
    const workers: Worker[] = [];
    const stopAll = () => {
      finished = true;
      for (const w of workers) void w.terminate();
    };
    const feed = (w: Worker, prefer: number) => {
      const left = files.length - sent;
      if (left <= 0) return;
      let n = Math.max(1, Math.min(MAX_BATCH, Math.ceil(left / (jobs * 4))));
      const chunk: { i: number; file: string; found: boolean }[] = [];
      for (let k = 0; k < present.length && n > 0; k++) {
        const q = (prefer + k) % present.length;
        const queue = present[q]!;
        while (n > 0 && heads[q]! < queue.length) {
          const i = queue[heads[q]!++]!;
          chunk.push({ i, file: files[i]!, found: found.has(files[i]!) });
          n--;
        }
      }
      sent += chunk.length;
      w.postMessage({ files: chunk });
    };
    for (let j = 0; j < jobs; j++) {
      const prefer = j % present.length;
      const w = new Worker(new URL('./check-worker.js', import.meta.url), {
        workerData: { config, previous: [...previous] },
        // a larger young generation: fewer scavenges over hundreds of reports
        resourceLimits: { maxYoungGenerationSizeMb: 64 },
      });
      workers.push(w);
      w.on('message', (msg: 'ready' | { i: number; result: FileResult }[]) => {
        if (msg === 'ready') {
          feed(w, prefer);
          feed(w, prefer);
          return;
        }
        for (const { i, result } of msg) results[i] = result;
        done += msg.length;
        progress.tick(done, files[msg[msg.length - 1]!.i]!);
        if (done === files.length) {
          stopAll();
          resolve(results);
        } else feed(w, prefer);
      });
      w.on('error', (e) => {
        if (finished) return;
        stopAll();
        reject(e);
      });
      w.on('exit', () => {
        if (finished) return;
        stopAll();
        reject(new CliError('检查线程意外退出'));
      });
    }
  });
}

/** In the table: a report of the server by its 编号 (the agency and year are columns of their own). */
function shownInTable(file: string): string {
  if (file.includes('://')) return file.slice(file.lastIndexOf(' ') + 1);
  return shown(file);
}

/**
 * Columns for the file names in the table: what the terminal leaves beside the other columns (at
 * least 20), or no limit when the output is no terminal (COLUMNS, when set, counts as one).
 */
function fileColumn(rows: readonly (readonly string[])[]): number {
  const cols = process.stdout.isTTY ? process.stdout.columns : Number(process.env.COLUMNS) || undefined;
  if (!cols) return Number.POSITIVE_INFINITY;
  const widest = (i: number) => Math.max(...rows.map((r) => width(r[i] ?? '')));
  // agency, year, the four counts and a status of 有导入错误 after two spaces each
  const others = widest(1) + widest(2) + [3, 4, 5, 6].reduce((a, i) => a + widest(i), 0) + 10 + 7 * 2;
  return Math.max(20, cols - others);
}

function shown(file: string): string {
  if (file.includes('://')) return file; // a report of the server: `URL 编号`
  const r = relative(process.cwd(), file);
  return r && !r.startsWith('..') ? r : file;
}

export async function run(argv: string[]): Promise<number> {
  const p = parse(
    argv,
    {
      json: { type: 'boolean' },
      previous: { type: 'string', multiple: true },
      config: { type: 'string' },
      details: { type: 'boolean' },
      verbose: { type: 'boolean' },
      jobs: { type: 'string', short: 'j' },
      region: { type: 'string' },
      year: { type: 'string' },
      status: { type: 'string', multiple: true },
      format: { type: 'string', short: 'f' },
      output: { type: 'string', short: 'o' },
    },
    'check',
  );
  // -o - is standard output (CSV), never a file named 「-」; checked before anything is read
  const output = str(p, 'output') === '-' ? undefined : str(p, 'output');
  const list = listOutput({ json: flag(p, 'json'), format: str(p, 'format'), output }, p.positionals);
  // --jobs: a positive integer (「１２」 as 12), said before anything is read
  const jobsN = positiveInt(p, 'jobs', 'check') ?? availableParallelism();
  // Remote when --server is given, or NIANBAO_SERVER is set and the arguments are not local files;
  // a region's reports (--region) are always the server's.
  if (
    str(p, 'region') !== undefined ||
    (p.positionals.length &&
      (str(p, 'server') || (serverOf(p) && !p.positionals.some((x) => x === '-' || existsSync(x)))))
  ) {
    const { checkRemote } = await import('./remote.js');
    return checkRemote(p, list);
  }
  for (const opt of ['year', 'status'])
    if (p.values[opt] !== undefined)
      throw new UsageError(
        `--${opt} 只用于检查服务器上一个地区的报告：nianbao check --server URL --region 地区 --year 年度`,
      );
  if (!p.positionals.length) throw new UsageError('请给出要检查的报告文件或文件夹（nianbao check --help）');
  const configFile = str(p, 'config');
  const config = configFile ? (await import('../lib/checker.js')).readConfig(configFile) : undefined;
  const previous = (p.values.previous as string[] | undefined) ?? [];
  // A previous report named on its own that cannot be read: fail early, one line. Files of a
  // --previous folder that cannot be read are skipped with a note.
  const prevReports = previous.length
    ? await (await import('../lib/checker.js')).PreviousReports.load(previous)
    : undefined;
  // each file once, however often it is named (also through its folder, ./ or a link)
  const files = uniqueFiles(expandInputs(p.positionals));
  // Files found in a folder, not named: one that is clearly no report is skipped, not unusable.
  const named = new Set(p.positionals.map(realPath));
  const found = new Set(files.filter((f) => !named.has(realPath(f))));
  if (!files.length)
    throw new CliError(
      `没有找到报告文件（.json、.txt、.html、.pdf、.docx、.xlsx）：${p.positionals.join('、')}`,
    );
  // standard input (`-`) is read by this thread: checked here
  const jobs = files.includes('-') ? 1 : Math.min(jobsN, 8, Math.ceil(files.length / WORKER_THRESHOLD));
  const progress = new Progress(files.length, files.length > 1 && Boolean(process.stderr.isTTY));
  const checked =
    jobs > 1
      ? await runWorkers(files, found, config, previous, jobs, progress)
      : await runInline(files, found, config, prevReports, progress);
  progress.done();
  // a published report and its edits saved beside it (report.pdf, report.json): one report, the edits
  const results = (await import('../lib/pairs.js')).pairResults(checked);

  return await printResults(results, {
    json: flag(p, 'json'),
    details: flag(p, 'details'),
    verbose: flag(p, 'verbose'),
    notes: prevReports?.notes ?? [],
    list,
  });
}

/** Print check results (human or --json) and return the exit code. Shared with `check --server`. */
export async function printResults(
  results: readonly FileResult[],
  options: {
    json: boolean;
    details: boolean;
    verbose?: boolean;
    notes?: readonly string[];
    /** -o 问题清单.xlsx / --format csv: the findings as a list too (CSV to standard output: instead of the table). */
    list?: ListOutput | undefined;
    /** A region's agencies with no report of the year (check --server --region): said, and rows 未创建 of the list. */
    missing?: MissingReports | undefined;
  },
): Promise<number> {
  const runNotes = options.notes ?? [];
  const isUnusable = (r: FileResult) => !r.ok && !r.skipped;
  const unusable = results.some(isUnusable);
  const errors = results.some((r) => r.ok && fileHasErrors(r));
  // files found but every one skipped as no report: nothing was checked — as an empty folder, not clean
  const skippedAll = results.length > 0 && results.every((r) => !r.ok && r.skipped);
  const code = unusable || skippedAll ? EXIT_UNUSABLE : errors ? EXIT_FINDINGS : EXIT_OK;
  /** The exit code, said on stderr after the output when nothing was checked. */
  const done = (table = false): number => {
    if (skippedAll)
      process.stderr.write(
        `nianbao：没有检查任何报告：找到的 ${results.length} 个文件都不是年度报告（已跳过${table ? '，见上表' : ''}）\n`,
      );
    return code;
  };
  if (options.list) {
    await writeFindingsList(results, options.list, options.missing);
    if (!options.list.output) return done();
  }

  if (options.json) {
    const out = {
      files: results.map((r) =>
        r.ok
          ? {
              file: r.file,
              ...(r.source ? { source: r.source } : {}),
              ok: true,
              agency: r.agency,
              year: r.year,
              edition: r.edition,
              counts: r.counts,
              findings: withGroups(r.findings),
              diagnostics: r.diagnostics,
              importErrors: r.importErrors,
              notes: r.notes,
            }
          : {
              file: r.file,
              ok: false,
              ...(r.skipped ? { skipped: true } : {}),
              error: r.error,
              ...(r.code ? { code: r.code } : {}),
              ...(r.importErrors ? { importErrors: r.importErrors } : {}),
            },
      ),
      totals: {
        files: results.length,
        clean: results.filter((r) => r.ok && !fileHasErrors(r)).length,
        withErrors: results.filter((r) => r.ok && fileHasErrors(r)).length,
        unusable: results.filter(isUnusable).length,
        skipped: results.filter((r) => !r.ok && r.skipped).length,
      },
      ...(runNotes.length ? { notes: runNotes } : {}),
      // as summary --region names them
      ...(options.missing ? { noReport: options.missing.agencies } : {}),
      exitCode: code,
    };
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return done();
  }

  const [{ cellLabel }, { countsLine, formatFindings }] = await Promise.all([
    import('@nianbao/core'),
    import('../lib/report-text.js'),
  ]);
  const paintOut = paint(colorEnabled(process.stdout));
  const lines: string[] = [];
  const detail = (r: Extract<FileResult, { ok: true }>) => {
    const label = (id: string) => cellLabel(id, r.edition as EditionId);
    lines.push(
      paintOut.bold(
        `${r.agency} ${r.year} 年度报告（${editionName(r.edition as EditionId)}） ${paintOut.dim(shown(r.file))}`,
      ),
    );
    for (const n of r.notes) lines.push(paintOut.dim(`  注：${n}`));
    if (r.diagnostics)
      lines.push(
        paintOut.dim(`  注：导入时有 ${r.diagnostics} 条诊断（缺失或修复的数字），用 nianbao import 查看`),
      );
    if (r.importErrors.length) {
      lines.push(
        paintOut.red(paintOut.bold(`导入错误（${r.importErrors.length}）：这些数字没有读出来，未经检查`)),
      );
      for (const d of r.importErrors.slice(0, 10)) lines.push(`  ${paintOut.red(d.code)} ${d.message}`);
      if (r.importErrors.length > 10) lines.push(paintOut.dim(`  …另有 ${r.importErrors.length - 10} 条`));
    }
    const fl = formatFindings(r.findings, r.values, label, paintOut, { verbose: options.verbose === true });
    if (fl.length) lines.push(...fl);
    else if (!r.importErrors.length) lines.push(paintOut.green('  未发现问题'));
    lines.push(`合计：${countsLine(r)}`);
  };
  if (!results.length && options.missing) {
    // check --server --region --status none: only the agencies without a report were asked for
    if (!options.missing.agencies.length)
      lines.push(paintOut.green(`地区内的机关都已创建 ${options.missing.year} 年度报告`));
  } else if (results.length === 1 && !(!results[0]!.ok && results[0]!.skipped)) {
    const r = results[0]!;
    if (!r.ok) throw new CliError(r.error);
    detail(r);
  } else {
    if (options.details)
      for (const r of results)
        if (r.ok) {
          detail(r);
          lines.push('');
        }
    const rows: string[][] = [['文件', '机关', '年度', '错误', '跨年', '警告', '提示', '状态']];
    for (const r of results) {
      if (!r.ok) {
        rows.push([
          shownInTable(r.file),
          '',
          '',
          '',
          '',
          '',
          '',
          r.skipped ? r.error : `无法使用：${r.error}`,
        ]);
        continue;
      }
      const c = r.counts;
      const status = hasErrors(r.findings)
        ? '有错误'
        : r.importErrors.length
          ? '有导入错误'
          : c.warning
            ? '有警告'
            : '通过';
      rows.push([
        r.source ? `${shownInTable(r.source)}（已存修改 ${extname(r.file)}）` : shownInTable(r.file),
        padEnd(r.agency, 24).trimEnd(),
        String(r.year),
        String(c.error),
        String(c.crossYear),
        String(c.warning),
        String(c.info),
        status,
      ]);
    }
    const fileW = fileColumn(rows);
    for (const row of rows) row[0] = truncateMiddle(row[0]!, fileW);
    const t = table(rows, ['l', 'l', 'l', 'r', 'r', 'r', 'r', 'l']).split('\n');
    lines.push(
      paintOut.bold(t[0]!),
      ...t.slice(1).map((l) => (/无法使用|有错误|有导入错误/.test(l) ? paintOut.red(l) : l)),
    );
    const clean = results.filter((r) => r.ok && !fileHasErrors(r)).length;
    const bad = results.filter((r) => r.ok && fileHasErrors(r)).length;
    const un = results.filter(isUnusable).length;
    // skipped files by name on the last line, where a reader looks: never one to miss in the table
    const skipped = results.filter((r) => !r.ok && r.skipped).map((r) => shown(r.file));
    const SHOW = 10;
    const names = `${skipped.slice(0, SHOW).join('、')}${skipped.length > SHOW ? ` 等（另有 ${skipped.length - SHOW} 个）` : ''}`;
    lines.push(
      '',
      `共 ${results.length - skipped.length} 份：无错误 ${clean} 份，有错误 ${bad} 份，无法使用 ${un} 份${
        skipped.length ? paintOut.yellow(`；另有 ${skipped.length} 个文件不是年度报告，已跳过：${names}`) : ''
      }`,
    );
  }
  const missing = options.missing?.agencies ?? [];
  // every one named when they are all that was asked for (--status none); beside a table, ten
  const named = results.length ? 10 : missing.length;
  if (missing.length) lines.push(paintOut.yellow(noReportLine(missing, named)));
  for (const n of runNotes) lines.push(paintOut.dim(`注：${n}`));
  process.stdout.write(`${lines.join('\n')}\n`);
  return done(true);
}
