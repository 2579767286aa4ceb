import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import {
  countFindings,
  editionForYear,
  editionName,
  type Finding,
  getEdition,
  type Report,
  summarize,
  validate,
} from '@nianbao/core';
import { flag, numStr, type Parsed, parse, positiveInt, str } from '../lib/args.js';
import type { FileResult } from '../lib/checker.js';
import { PreviousReports, readConfig } from '../lib/checker.js';
import { CliError, EXIT_UNUSABLE, UsageError, zhDetail } from '../lib/errors.js';
import { showValue } from '../lib/findings.js';
import { type ListOutput, type MissingReports, noReportLine } from '../lib/findings-list.js';
import { kindOf, loadReport, reportJson, writeFileAtomic } from '../lib/io.js';
import {
  agencyId,
  type Client,
  call,
  connect,
  fetchReport,
  type ListItem,
  listAll,
  REGION_DEFAULT_STATUSES,
  type RegionQuery,
  regionAgencies,
  reportId,
  STATUS_ZH,
  statusesOf,
  yearOf,
} from '../lib/server.js';
import { shellQuote } from '../lib/shell.js';
import { pushNote, readSync, sha256, writeSync } from '../lib/sync.js';
import { chinaToday } from '../lib/today.js';
import { isDismissed } from '../lib/verdict.js';
import { errorsNotice } from '../lib/warn.js';
import { printResults } from './check.js';
import { printComparison } from './compare.js';
import { type LeftOutReport, printRollup, printSummary, rollUp } from './summary.js';

/**
 * Why pulling into `file` would lose work, or undefined when it would not: the file is not there,
 * is exactly what it was when last pulled or pushed (its hash in `.nianbao-sync.json`), or already
 * is what is about to be written.
 */
function localChanges(file: string, next: string): string | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  if (bytes.toString('utf8') === next) return undefined;
  const sync = readSync(dirname(file))[basename(file)];
  if (sync?.sha256 === sha256(bytes)) return undefined;
  if (!sync) return `${file} 已存在，且不是从服务器下载的`;
  if (!sync.sha256) return `${file} 与服务器上的版本不同，无法确定其中有没有尚未上传的修改`;
  return `${file} 有尚未上传的本地修改（下载第 ${sync.version} 版之后改过）`;
}

/**
 * One file of `push` or one report of `pull`: uploaded or downloaded (its report 编号 and version),
 * or not (`code` for programs, `message` in 简体中文). `--json` prints these as they are.
 */
export interface TransferResult {
  readonly file: string;
  /** `pull`: the reference given (编号 or 机关/年度); `file` is where it was written. */
  readonly ref?: string;
  readonly ok: boolean;
  readonly reportId: string | null;
  readonly version: number | null;
  readonly code: string | null;
  readonly message: string;
  /** `push`: what the server did not keep as sent (the save's warnings: TITLE_DROPPED, RAW_DROPPED …); `pull`: what
   * reading a version an earlier release stored repaired (the server's readRepairs: STORED_CHARS_REMOVED …). */
  readonly warnings?: readonly { readonly code: string; readonly message: string }[];
}

const failure = (file: string, e: unknown, ref?: string): TransferResult => {
  const message =
    e instanceof CliError ? e.message.split('\n')[0]! : zhDetail(String((e as Error)?.message ?? e));
  return {
    file,
    ...(ref !== undefined ? { ref } : {}),
    ok: false,
    reportId: null,
    version: null,
    code: e instanceof CliError ? e.code : 'INTERNAL',
    message,
  };
};

/**
 * The results of `push`/`pull`: one line per file on stdout (or `--json`: `{ files, totals,
 * exitCode }`), and when any failed one line on stderr naming them; exit 0 when every file went, 2
 * when any did not (the others went all the same).
 */
/** Failures after the request was sent: the server may have done it. */
const UNKNOWN_OUTCOME = new Set(['CONNECTION_LOST', 'SERVER_TIMEOUT']);

function printTransfers(results: readonly TransferResult[], json: boolean, verb: '上传' | '下载'): number {
  const failed = results.filter((r) => !r.ok);
  const code = failed.length ? EXIT_UNUSABLE : 0;
  if (json) {
    process.stdout.write(
      `${JSON.stringify(
        {
          files: results,
          totals: { files: results.length, ok: results.length - failed.length, failed: failed.length },
          exitCode: code,
        },
        null,
        2,
      )}\n`,
    );
    return code;
  }
  const lines = results.map((r) => {
    // what the server did not keep as the file has it, under the file's line
    if (r.ok)
      return [r.message, ...(r.warnings ?? []).map((w) => `  注意（${w.code}）：${w.message}`)].join('\n');
    const name = r.ref ?? r.file;
    // the message names the file itself at its start: said once
    const text = r.message.startsWith(`${r.file}：`) ? r.message.slice(r.file.length + 1) : r.message;
    // cut off after the request was sent: whether the server kept it is not known
    return `${UNKNOWN_OUTCOME.has(r.code ?? '') ? `${verb}结果不明` : `未${verb}`} ${name}（${r.code}）：${text}`;
  });
  process.stdout.write(`${lines.join('\n')}\n`);
  if (failed.length) {
    const SHOW = 10;
    const names = failed
      .slice(0, SHOW)
      .map((r) => `${r.ref ?? r.file}（${r.code}）`)
      .join('、');
    process.stderr.write(
      `nianbao：${results.length} 个中有 ${failed.length} 个未${verb}${failed.some((r) => UNKNOWN_OUTCOME.has(r.code ?? '')) ? '或结果不明' : ''}：${names}${failed.length > SHOW ? ` 等（另有 ${failed.length - SHOW} 个）` : ''}${results.length > failed.length ? `；其余 ${results.length - failed.length} 个已${verb}` : ''}\n`,
    );
  }
  return code;
}

export async function pull(argv: string[]): Promise<number> {
  const p = parse(
    argv,
    { output: { type: 'string', short: 'o' }, force: { type: 'boolean' }, json: { type: 'boolean' } },
    'pull',
  );
  if (!p.positionals.length) throw new UsageError('请给出要下载的报告编号（nianbao list 可列出编号）');
  const { client, url } = connect(p);
  const out = str(p, 'output');
  const force = flag(p, 'force');
  // a folder: one that is there, or named as one (「-o pulled/」), or several reports
  const toDir =
    !out ||
    /[/\\]$/.test(out) ||
    (existsSync(out) && statSync(out).isDirectory()) ||
    p.positionals.length > 1;
  // Each report on its own: one that cannot be fetched, or whose file has local changes, is said and
  // left as it was; the others are downloaded all the same.
  const results: TransferResult[] = [];
  for (const ref of p.positionals) {
    let file = toDir ? undefined : out!;
    try {
      const r = await fetchReport(client, url, ref);
      file = toDir ? join(out ?? '.', fileNameOf(`${r.agencyName}-${r.year}.json`)) : out!;
      const text = reportJson(r.report as Report);
      const changed = force ? undefined : localChanges(file, text);
      if (changed)
        throw new CliError(
          `${changed}：未覆盖。要保留这些修改，请下载到另一个文件（nianbao pull ${shellQuote(ref)} -o 另一个文件.json）再比较合并后上传；确定放弃本地修改时加 --force`,
          EXIT_UNUSABLE,
          'LOCAL_CHANGES',
        );
      // the folders it goes into are made (「-o pulled/2025/」), once there is a report to write
      makeFolder(dirname(file));
      writeFileAtomic(file, text);
      writeSync(file, { server: url, id: r.id, version: r.version, sha256: sha256(text) });
      results.push({
        file,
        ref,
        ok: true,
        reportId: r.id,
        version: r.version,
        code: null,
        message: `已下载 ${r.agencyName} ${r.year} 年度报告（第 ${r.version} 版，${r.statusLabel}）→ ${file}`,
        // A version an earlier release stored, repaired on reading (control characters removed …):
        // the file holds the repaired content, each change said as push says what it did not keep.
        warnings: (r.readRepairs ?? []).map((w) => ({ code: w.code, message: w.message })),
      });
    } catch (e) {
      results.push(failure(file ?? ref, e, ref));
    }
  }
  return printTransfers(results, flag(p, 'json'), '下载');
}

/** `dir` and the folders above it, made when missing; said in 简体中文 when that cannot be done. */
function makeFolder(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'EEXIST' || code === 'ENOTDIR')
      throw new CliError(`无法建立文件夹 ${dir}：路径中有同名的文件`, EXIT_UNUSABLE, 'NOT_A_FOLDER');
    if (code === 'EACCES' || code === 'EPERM')
      throw new CliError(`没有权限建立文件夹：${dir}`, EXIT_UNUSABLE, 'PERMISSION_DENIED');
    throw new CliError(zhDetail(`无法建立文件夹 ${dir}：${(e as Error).message}`));
  }
}

/**
 * A name the server gives as a file name in the folder pulled to: a `/` or `\\` of an agency's name
 * (「区委宣传部/区新闻出版局」, or 「../../x」) made a path out of the folder, and the characters
 * Windows refuses (: * ? " < > |) or control characters a name it cannot write; each is 「_」.
 */
export function fileNameOf(name: string): string {
  const safe = [...name]
    .map((c) => (/[/\\:*?"<>|]/.test(c) || c.charCodeAt(0) < 0x20 || c === '\x7f' ? '_' : c))
    .join('')
    .replace(/^\.+/, (d) => '_'.repeat(d.length));
  return safe || '_';
}

/** An agency of the server by its 编号 (the tree the caller may see), or undefined. */
async function agencyById(
  client: Client,
  url: string,
  id: string,
): Promise<{ id: string; name: string } | undefined> {
  const tree = await call(url, () => client.agencies.tree.query());
  const stack = [...tree];
  for (let n = stack.pop(); n; n = stack.pop()) {
    if (n.id === id) return { id: n.id, name: n.name };
    stack.push(...n.children);
  }
  return undefined;
}

/**
 * Refuse to store one agency's report as another's: the server names a saved report after the
 * agency it belongs to, so a file of 教育局 pushed to 交通运输局 would put 教育局's numbers under
 * 交通运输局's name. The same agency: the same 编号 when the file has one, else the same name.
 */
/** The report without its agency's 编号: taken by the server as the target report's agency's. */
function withoutAgencyId(report: Report): Report {
  const { id: _id, ...agency } = report.meta.agency;
  return { ...report, meta: { ...report.meta, agency } };
}

function refuseOtherAgency(
  file: string,
  report: Report,
  target: { id: string; name: string } | undefined,
  force: boolean,
): void {
  if (force || !target) return;
  const own = report.meta.agency;
  const name = own.name.trim();
  if (own.id ? own.id === target.id : name === target.name.trim()) return;
  if (!own.id && (name === '' || name === '（未识别机关）')) return; // the importer found no name
  throw new CliError(
    `${file} 是「${name}」的报告，服务器上的目标机关是「${target.name}」（${target.id}）：上传会把另一个机关的数字存为「${target.name}」的报告，未上传。请确认 --agency-id 或文件；确属同一机关（如机关更名）时加 --force`,
    EXIT_UNUSABLE,
    'OTHER_AGENCY',
  );
}

/**
 * A push over a version that is not the server's current one, said the CLI way: nothing was
 * uploaded, the file is as it was; pull the server's version to another file and compare, or push
 * again with --expected-version naming the current version to replace it.
 */
function versionConflict(file: string, ref: () => string | undefined, pushOptions = '') {
  return (appCode: string, d: Record<string, unknown>): string | undefined => {
    if (appCode === 'REPORT_EXISTS')
      return reportExists(file, String(d.reportId), Number(d.version), pushOptions);
    if (appCode !== 'VERSION_CONFLICT') return undefined;
    const cur = Number(d.currentVersion);
    const exp = Number(d.expectedVersion);
    const id = shellQuote(ref() ?? '报告编号');
    if (exp > cur)
      return `${file}：服务器上的报告还没有第 ${exp} 版（当前为第 ${cur} 版），未上传：--expected-version 应为下载或开始编辑时的版本号`;
    const other = shellQuote(join(dirname(file), `${basename(file, '.json')}-服务器第${cur}版.json`));
    const q = shellQuote(file);
    return `${file}：服务器上的报告已被他人修改（当前为第 ${cur} 版，本地文件基于第 ${exp} 版），未上传，本地文件未改动。先把服务器上的版本下载到另一个文件再比较：nianbao pull ${id} -o ${other}，nianbao compare ${other} ${q}；确定以本地内容覆盖第 ${cur} 版时：nianbao push ${q}${pushOptions} --expected-version ${cur}`;
  };
}

/**
 * A push of a file not pulled from the report the agency already has for its year, said the CLI
 * way: nothing uploaded; the commands (paths quoted for the shell) to compare first, or to save the
 * file as that report's next version with --expected-version N.
 */
function reportExists(file: string, id: string, version: number, pushOptions: string, whose = ''): string {
  const other = shellQuote(join(dirname(file), `${basename(file, extname(file))}-服务器第${version}版.json`));
  const q = shellQuote(file);
  return `${file}：服务器上已有${whose || '该机关该年度的'}报告（第 ${version} 版），本文件不是从它下载的，未上传。要以本文件覆盖第 ${version} 版（原有内容留在历史版本中）：nianbao push ${q}${pushOptions} --expected-version ${version}；要先比较：nianbao pull ${shellQuote(id)} -o ${other}，nianbao compare ${other} ${q}`;
}

/** Whether a report of the server holds nothing: no cell filled in, no text (a draft just created). */
function isBlankReport(r: Report): boolean {
  return (
    Object.values(r.cells).every((c) => c?.value === null || c?.value === undefined) &&
    Object.values(r.sections).every((t) => !t?.trim()) &&
    !r.preamble?.trim()
  );
}

/**
 * What the server refuses when a file's content is saved as a new report, checked before one is
 * created for it (a create then a refused save left an empty draft behind): the format the year
 * takes, and cells that format has.
 */
function refuseBeforeCreate(file: string, report: Report): void {
  const { year, edition } = report.meta;
  const due = editionForYear(year);
  if (due && due !== edition)
    throw new CliError(
      `${file}：报告格式版本（${editionName(edition)}，${edition}）与 ${year} 年度应使用的格式（${editionName(due)}，${due}）不一致，未上传，服务器上未新建报告。请把 meta.edition 改为 ${due}，或检查年度（meta.year）是否填错`,
      EXIT_UNUSABLE,
      'EDITION_MISMATCH',
    );
  const cells = getEdition(edition).cellIndex;
  const unknown = Object.keys(report.cells).filter((c) => !cells.has(c));
  if (unknown.length)
    throw new CliError(
      `${file}：${editionName(edition)}没有单元格 ${unknown[0]}${unknown.length > 1 ? `（共 ${unknown.length} 个不认识的单元格：${unknown.slice(0, 5).join('、')}${unknown.length > 5 ? '…' : ''}）` : ''}，未上传，服务器上未新建报告。请改正单元格编号（nianbao check 可查看）后重新上传`,
      EXIT_UNUSABLE,
      'UNKNOWN_CELL',
    );
}

export async function push(argv: string[]): Promise<number> {
  const p = parse(
    argv,
    {
      'agency-id': { type: 'string' },
      'expected-version': { type: 'string' },
      note: { type: 'string' },
      force: { type: 'boolean' },
      json: { type: 'boolean' },
    },
    'push',
  );
  if (!p.positionals.length) throw new UsageError('请给出要上传的报告文件');
  // not a version number (abc, 3.5): refused here, before the server is asked
  const expectedOpt = positiveInt(p, 'expected-version', 'push');
  const { client, url } = connect(p);
  const note = str(p, 'note');
  const force = flag(p, 'force');
  /** Upload one file: its result line, or a CliError saying why not (with its code). */
  const pushOne = async (file: string): Promise<TransferResult> => {
    if (!existsSync(file)) throw new CliError(`找不到文件：${file}`, EXIT_UNUSABLE, 'FILE_NOT_FOUND');
    // a folder is no report to upload (it was told 「上传已发布的报告需要 --agency-id」)
    if (statSync(file).isDirectory())
      throw new CliError(
        `${file} 是文件夹：push 只上传报告文件，请逐个列出（如 nianbao push ${shellQuote(join(file, '某报告.json'))}）`,
        EXIT_UNUSABLE,
        'NOT_A_FILE',
      );
    const sync = readSync(dirname(file))[basename(file)];
    const kind = kindOf(file) ?? 'text';
    if (kind !== 'json') {
      const agencyId = str(p, 'agency-id');
      if (!agencyId)
        throw new CliError(
          `上传已发布的报告需要 --agency-id（机关编号）：${file}`,
          EXIT_UNUSABLE,
          'AGENCY_ID_REQUIRED',
        );
      const local = (await loadReport(file)).report;
      if (!force) refuseOtherAgency(file, local, await agencyById(client, url, agencyId), force);
      const notice = errorsNotice(local, file, '提交审核');
      // The bytes as they are (base64), text and HTML too: the server's importer decodes UTF-8,
      // UTF-16 or GB18030 — read here as UTF-8, a GB18030 page would arrive garbled.
      const bytes = readFileSync(file);
      const r = await call(
        url,
        () =>
          client.import.upload.mutate({
            agencyId,
            kind,
            content: bytes.toString('base64'),
            encoding: 'base64',
            fileName: basename(file),
            ...(expectedOpt !== undefined ? { expectedVersion: expectedOpt } : {}),
            ...(note ? { note } : {}),
          }),
        versionConflict(file, () => `${agencyId}/${local.meta.year}`, ` --agency-id ${shellQuote(agencyId)}`),
      );
      if (notice) process.stderr.write(`${notice}\n`);
      return {
        file,
        ok: true,
        reportId: r.reportId,
        version: r.version,
        code: null,
        message: `已上传 ${file}：报告 ${r.reportId} 第 ${r.version} 版（导入诊断 ${r.diagnostics.issues.length} 条）`,
      };
    }
    const pushedHash = existsSync(file) ? sha256(readFileSync(file)) : undefined;
    const { report } = await loadReport(file);
    // the reasons of totals changed by hand in the editor since the last push (kept beside the file,
    // which has no place for them): the version's note, after --note's
    const kept = Array.isArray(sync?.notes) ? sync.notes.filter((n) => typeof n === 'string' && n) : [];
    const versionNote = pushNote(note, kept);
    // uploaded all the same (a draft is saved to go on with it), but not without a word, as render —
    // said once it is uploaded (a push refused is no report 「有错误」 on the server)
    const notice = errorsNotice(report, file, '提交审核');
    let id = sync?.server === url ? sync.id : undefined;
    if (id && !force) {
      // the report it was pulled from: still the same agency's?
      const there = await call(url, () => client.reports.get.query({ id: id! }));
      refuseOtherAgency(file, report, { id: there.agencyId, name: there.agencyName }, force);
    }
    let expected = expectedOpt ?? (sync?.server === url ? sync.version : undefined);
    /** The report this push created (empty until the save lands). */
    let createdNow: { id: string; version: number } | undefined;
    if (!id) {
      const agencyId = str(p, 'agency-id') ?? report.meta.agency.id;
      if (!agencyId)
        throw new CliError(
          `${file}：不知道属于服务器上的哪个机关：请用 --agency-id 给出机关编号，或先用 nianbao pull 下载`,
          EXIT_UNUSABLE,
          'AGENCY_ID_REQUIRED',
        );
      if (!force) refuseOtherAgency(file, report, await agencyById(client, url, agencyId), force);
      const found = await call(url, () => client.reports.find.query({ agencyId, year: report.meta.year }));
      // an empty draft (version 1, nothing filled in) — one a push that failed left behind — is filled
      const blank =
        found && expected === undefined && found.status === 'draft' && found.version === 1
          ? isBlankReport((await call(url, () => client.reports.get.query({ id: found.id }))).report)
          : false;
      if (found && blank) {
        id = found.id;
        expected = found.version;
        refuseBeforeCreate(file, report);
      } else if (found) {
        id = found.id;
        if (expected === undefined)
          throw new CliError(
            reportExists(
              file,
              found.id,
              found.version,
              str(p, 'agency-id') ? ` --agency-id ${shellQuote(agencyId)}` : '',
              `${found.agencyName} ${found.year} 年度的`,
            ),
            EXIT_UNUSABLE,
            'REPORT_EXISTS',
          );
      } else {
        // what the server would refuse on saving is refused before a report is created for it
        refuseBeforeCreate(file, report);
        const created = await call(url, () =>
          client.reports.create.mutate({ agencyId, year: report.meta.year }),
        );
        id = created.id;
        expected = created.version;
        createdNow = { id: created.id, version: created.version };
      }
    }
    let saved: Awaited<ReturnType<typeof client.reports.save.mutate>>;
    try {
      saved = await call(
        url,
        () =>
          client.reports.save.mutate({
            id: id!,
            expectedVersion: expected!,
            // --force: the file's numbers as this report's, whoever's 编号 the file names (the server
            // refuses content naming another agency by its id: AGENCY_MISMATCH).
            report: force ? withoutAgencyId(report) : report,
            ...(versionNote ? { note: versionNote } : {}),
          }),
        versionConflict(file, () => id),
      );
    } catch (e) {
      // The empty draft this push created is not left behind (it would stand as REPORT_EXISTS in
      // the way of the retry, and reviewers see it): deleted, or said so when it cannot be.
      if (!createdNow || !(e instanceof CliError)) throw e;
      const made = createdNow;
      let after: string;
      try {
        await client.reports.delete.mutate({ id: made.id, expectedVersion: made.version });
        after = '（刚才为它新建的空白草稿已删除；改正后重新上传即可）';
      } catch (d) {
        after = `（刚才为它新建的空白草稿 ${made.id} 未能删除：${zhDetail(String((d as Error)?.message ?? d)).split('\n')[0]}；改正后重新上传同一文件会填入这份空白草稿）`;
      }
      throw new CliError(`${e.message.split('\n')[0]}${after}`, e.exitCode, e.code);
    }
    if (notice) process.stderr.write(`${notice}\n`);
    // the reasons sent are cleared: a second push does not say them again (those the editor kept
    // meanwhile stay for the next)
    const now = readSync(dirname(file))[basename(file)]?.notes;
    const rest =
      Array.isArray(now) && kept.every((n, i) => now[i] === n)
        ? now.slice(kept.length)
        : kept.length
          ? []
          : now;
    writeSync(file, {
      server: url,
      id: saved.id,
      version: saved.version,
      ...(pushedHash ? { sha256: pushedHash } : {}),
      ...(rest?.length ? { notes: rest } : {}),
    });
    return {
      file,
      ok: true,
      reportId: saved.id,
      version: saved.version,
      code: null,
      // the server stores no new version for the content it already has (a batch sent again)
      message: (saved as { unchanged?: boolean }).unchanged
        ? `已上传 ${file}：与报告 ${saved.id} 第 ${saved.version} 版内容相同，未生成新版本`
        : `已上传 ${file}：报告 ${saved.id} 第 ${saved.version} 版${kept.length ? `（版本说明中写明了 ${kept.length} 处手动改写合计的理由）` : ''}`,
      warnings: (saved.warnings ?? []).map((w) => ({ code: w.code, message: w.message })),
    };
  };
  // Every file is tried: one that fails is said (its code and why) and the next is uploaded all the same.
  const results: TransferResult[] = [];
  for (const file of p.positionals) {
    try {
      results.push(await pushOne(file));
    } catch (e) {
      results.push(failure(file, e));
    }
  }
  return printTransfers(results, flag(p, 'json'), '上传');
}

/**
 * The previous year's report of a report of the server, as the server's checks.validate takes it:
 * the same agency's report of the year before, when the caller may read it — as published when it
 * was, else its latest version, and then a note says so: a draft's numbers may still change, and the
 * cross-year findings with them.
 */
async function previousOnServer(
  client: Client,
  url: string,
  agencyIdOf: string,
  report: Report,
  content = true,
): Promise<{ previous?: Report; note?: string }> {
  const year = report.meta.year - 1;
  const none = {
    note: `服务器上没有${report.meta.agency.name} ${year} 年度的报告（或无权查看），未进行跨年核对`,
  };
  if (year < 2019) return { note: `${year} 年度没有全国统一格式的年度报告，未进行跨年核对` };
  const found = await call(url, () => client.reports.find.query({ agencyId: agencyIdOf, year }));
  if (!found) return none;
  const published = found.publishedVersion ?? undefined;
  if (!content)
    return published
      ? {}
      : {
          note: `跨年核对依据的${found.agencyName} ${year} 年度报告尚未发布（${found.statusLabel}，第 ${found.version} 版），其数字可能还会改动`,
        };
  const prev = await call(url, () =>
    client.reports.get.query({ id: found.id, ...(published ? { version: published } : {}) }),
  );
  if (published) return { previous: prev.report as Report };
  return {
    previous: prev.report as Report,
    note: `跨年核对依据的${found.agencyName} ${year} 年度报告尚未发布（${found.statusLabel}，第 ${found.version} 版），其数字可能还会改动`,
  };
}

/**
 * `nianbao check --server URL REF…`: the server's reports, checked here with the same rules, the
 * cross-year rules against the same agency's report of the year before (fetched from the server, or
 * --previous: a report of the server or a local file or folder).
 */
export async function checkRemote(p: Parsed, list?: ListOutput): Promise<number> {
  const region = str(p, 'region');
  const year = yearOf(p);
  // --status none (未创建): the agencies of the region with no report of the year, alone or beside
  // reports of the statuses named
  const { statuses, none } = statusesOf(p, { none: true });
  if (region === undefined && (year !== undefined || statuses.length || none))
    throw new UsageError(
      `--${year !== undefined ? 'year' : 'status'} 只用于检查服务器上一个地区的报告：nianbao check --server URL --region 地区 --year 年度`,
    );
  if (region !== undefined) {
    if (p.positionals.length)
      throw new UsageError('--region 检查整个地区的报告，不能再给出报告；检查几份报告时去掉 --region');
    if (year === undefined) throw new UsageError('检查一个地区的报告需要 --year 年度（如 --year 2025）');
  }
  const { client, url } = connect(p);
  let refs = p.positionals;
  let missing: MissingReports | undefined;
  if (region !== undefined) {
    const regionId = await agencyId(client, url, region);
    // only 未创建 asked: no report is fetched
    const found: { items: ListItem[] } =
      none && !statuses.length
        ? { items: [] }
        : await listAll(client, url, { regionId, year: year!, ...(statuses.length ? { statuses } : {}) });
    // the region page's order (the server's tree order, a node before those under it), which the
    // server's 问题清单 keeps too: the reports, and the agencies without one among them
    const agencies = await regionAgencies(client, url, regionId);
    const at = new Map(agencies.map((a, i) => [a.id, i]));
    const place = (agencyId: string) => at.get(agencyId) ?? agencies.length;
    const items = [...found.items].sort((a, b) => place(a.agencyId) - place(b.agencyId));
    // every status asked (no --status), or none named: the agencies with no report at all are said
    // too, as the region page and its 问题清单 list them (未创建)
    if (!statuses.length || none) {
      const ofYear = statuses.length || none ? await listAll(client, url, { regionId, year: year! }) : found;
      const reported = new Set(ofYear.items.map((i) => i.agencyId));
      const without = agencies.filter((a) => !reported.has(a.id));
      missing = {
        year: year!,
        agencies: without.map((a) => a.name),
        // how many of the reports come before each, in that order
        before: without.map((a) => items.filter((i) => place(i.agencyId) < place(a.id)).length),
      };
    }
    // No report to check (a year not begun, or a mistyped one): said as such, and which agencies have
    // none as list says them — not a clean region (exit 0 「无错误」), as a folder with no report is
    // not: exit 2, NO_REPORTS (the server's code for the region's 问题清单 then), never NOT_FOUND,
    // which says the region is not there. Unless the agencies without one were asked for (--status none).
    if (!items.length && !none)
      throw new CliError(
        `服务器上「${region}」${agencies.length > 1 ? '及其下属机关 ' : ''}${year} 年度没有${statuses.length ? `状态为${statuses.map((st) => STATUS_ZH[st]).join('、')}的` : ''}报告（或无权查看），没有检查任何报告${
          missing?.agencies.length && agencies.length > 1
            ? `；${noReportLine(missing.agencies, 10)}（只列出这些机关：加 --status none）`
            : ''
        }`,
        EXIT_UNUSABLE,
        'NO_REPORTS',
      );
    refs = items.map((i) => i.id);
  }
  const configFile = str(p, 'config');
  const config = configFile ? readConfig(configFile) : undefined;
  const prevRefs = (p.values.previous as string[] | undefined) ?? [];
  let given: PreviousReports | undefined;
  if (prevRefs.length) {
    const local = prevRefs.filter((x) => existsSync(x));
    const loaded = local.length ? await PreviousReports.load(local) : PreviousReports.of([], false);
    const fetched: Report[] = [];
    for (const ref of prevRefs.filter((x) => !existsSync(x)))
      fetched.push((await fetchReport(client, url, ref)).report as Report);
    given = PreviousReports.of(
      [...loaded.reports, ...fetched],
      prevRefs.length === 1 && (fetched.length === 1 || loaded.named),
    );
    given.skipped.push(...loaded.skipped);
  }
  // --previous or --config: checked here on that basis (not the platform's verdict, said in a note)
  const local = given !== undefined || config !== undefined;
  const localNote = local
    ? `按 ${[given ? '--previous' : '', config ? '--config' : ''].filter(Boolean).join(' 和 ')} 在本机检查：未用服务器的规则设置、发布日期和已忽略的问题，结果可能与平台不同`
    : undefined;
  const results: FileResult[] = [];
  for (const ref of refs) {
    let r: Awaited<ReturnType<Client['reports']['get']['query']>>;
    try {
      r = await fetchReport(client, url, ref);
    } catch (e) {
      results.push({
        file: ref,
        ok: false,
        error: (e as Error).message,
        code: e instanceof CliError ? e.code : 'INTERNAL',
      });
      continue;
    }
    const report = r.report as Report;
    let findings: Finding[];
    let prev: { note?: string };
    if (local) {
      const p = given ? given.find(report) : await previousOnServer(client, url, r.agencyId, report);
      findings = validate(report, {
        today: chinaToday(),
        ...(config ? { config } : {}),
        ...(p.previous ? { previous: p.previous } : {}),
      });
      prev = { note: [p.note, localNote].filter(Boolean).join('；') };
    } else {
      // The platform's own verdict on the stored report: the deployment's rule settings, the
      // previous year as the server takes it, the day it was published (F1–F3), and the findings
      // dismissed in triage — so that the CLI and the platform never disagree on a stored report.
      const version = r.version;
      const v = await call(url, () => client.checks.validate.mutate({ id: r.id, version }));
      findings = v.findings as Finding[];
      prev = v.previousYear
        ? await previousOnServer(client, url, r.agencyId, report, false)
        : {
            note:
              report.meta.year - 1 < 2019
                ? `${report.meta.year - 1} 年度没有全国统一格式的年度报告，未进行跨年核对`
                : `服务器上没有${report.meta.agency.name} ${report.meta.year - 1} 年度的报告（或无权查看），未进行跨年核对`,
          };
    }
    const open = findings.filter((f) => !isDismissed(f));
    const dismissed = findings.length - open.length;
    const values: Record<string, string> = {};
    for (const f of findings) for (const c of f.cells) values[c] ??= showValue(report, c);
    results.push({
      file: `${url} ${r.id}`,
      ok: true,
      kind: 'server',
      agency: report.meta.agency.name,
      year: report.meta.year,
      edition: report.meta.edition,
      // as the server's openFindings count them: a dismissed finding is shown, not counted
      counts: local ? countFindings(findings) : { ...countFindings(open), dismissed },
      findings,
      diagnostics: 0,
      importErrors: [],
      notes: prev.note ? [prev.note] : [],
      values,
    });
  }
  return await printResults(results, {
    json: flag(p, 'json'),
    details: flag(p, 'details'),
    notes: given?.notes ?? [],
    list,
    missing,
  });
}

/**
 * `nianbao summary --server URL …`: one report (the server's summary.report), the roll-up of several
 * (summed here, as for local files), or a region's roll-up for a year (summary.region).
 */
export async function summaryRemote(p: Parsed): Promise<number> {
  const json = flag(p, 'json');
  const region = str(p, 'region');
  const year = numStr(p, 'year');
  const statuses = statusesOf(p);
  if (region === undefined && (year !== undefined || statuses.length))
    throw new CliError(
      `--${year !== undefined ? 'year' : 'status'} 只用于地区汇总（--region 地区 --year 年度）`,
    );
  if (region !== undefined) {
    if (p.positionals.length)
      throw new CliError('--region 汇总整个地区，不能再给出报告；汇总几份报告时去掉 --region');
    if (year === undefined) throw new CliError('地区汇总需要 --year 年度（如 --year 2025）');
    if (!/^\d{4}$/.test(year)) throw new CliError(`--year 应为四位年度：${year}`);
  } else if (!p.positionals.length)
    throw new UsageError('请给出服务器上的报告：报告编号或 机关/年度（nianbao summary --help）');
  const { client, url } = connect(p);
  if (region !== undefined) {
    const regionId = await agencyId(client, url, region);
    const r = await call(url, () =>
      client.summary.region.query({
        regionId,
        year: Number(year),
        // checked by the server (one line in 简体中文 when a status is unknown)
        ...(statuses.length ? { statuses: statuses as RegionQuery['statuses'] } : {}),
      }),
    );
    // What the server did not sum, each with its reason: those it left out itself (`excluded`) and
    // those of other statuses (by default drafts and returned reports: `notCounted`).
    const asked = statuses.length ? statuses : REGION_DEFAULT_STATUSES;
    const notCounted: LeftOutReport[] = [
      ...r.excluded.map((x) => ({
        reportId: x.reportId,
        agencyName: x.agencyName,
        status: x.status,
        reason: x.reason,
      })),
      ...r.notCounted.map((x) => ({
        reportId: x.reportId,
        agencyName: x.agencyName,
        status: x.status,
        reason: `状态为「${x.statusLabel}」，不在汇总的状态（${asked.map((st) => STATUS_ZH[st] ?? st).join('、')}）之内`,
      })),
    ];
    return printRollup(r, r.summary, json, r.included, notCounted, r.noReport);
  }
  if (p.positionals.length === 1) {
    const id = await reportId(client, url, p.positionals[0]!);
    const r = await call(url, () => client.summary.report.query({ id }));
    return printSummary(r.summary, r.narration, json);
  }
  const reports: Report[] = [];
  for (const ref of p.positionals) reports.push((await fetchReport(client, url, ref)).report as Report);
  const agg = rollUp(reports, str(p, 'agency'), p.positionals);
  return printRollup(agg, summarize(agg.report), json);
}

/** `nianbao compare --server URL OLD NEW`: two reports of the server (e.g. one agency's two years). */
export async function compareRemote(p: Parsed): Promise<number> {
  const { client, url } = connect(p);
  const [a, b] = p.positionals as [string, string];
  const prev = await fetchReport(client, url, a);
  const cur = await fetchReport(client, url, b);
  return printComparison(prev.report as Report, cur.report as Report, {
    json: flag(p, 'json'),
    all: flag(p, 'all'),
    names: [a, b],
    format: str(p, 'format'),
    // -o - is standard output, as in a local compare
    output: str(p, 'output') === '-' ? undefined : str(p, 'output'),
  });
}
