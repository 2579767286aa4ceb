import {
  chmodSync,
  existsSync,
  readFileSync,
  readSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { isatty } from 'node:tty';
import { jsonProblem, parseReport, type Report } from '@nianbao/core';
import type { Diagnostic, IngestDiagnostics } from '@nianbao/ingest';
import { CliError, EXIT_UNUSABLE, oneLine, zhDetail } from './errors.js';

export { expandInputs, type InputKind, kindOf } from './files.js';

import { type InputKind, kindOf, UNREAD_DOCUMENTS } from './files.js';

export type { Diagnostic, IngestDiagnostics } from '@nianbao/ingest';

export interface Loaded {
  readonly file: string;
  readonly kind: InputKind;
  readonly report: Report;
  /** What the importer found missing or repaired (published reports only). */
  readonly diagnostics: readonly Diagnostic[];
  /** The importer's full account: detection, per-cell provenance, counts (published reports only). */
  readonly ingest?: IngestDiagnostics;
  /** The file's text as read (JSON only): to tell later whether it changed since. */
  readonly text?: string;
}

type IngestModule = typeof import('@nianbao/ingest');
type TextIngestModule = typeof import('@nianbao/ingest/text');

const INGEST = '@nianbao/ingest';
const INGEST_TEXT = '@nianbao/ingest/text';
let ingestModule: Promise<IngestModule> | undefined;
let textIngestModule: Promise<TextIngestModule> | undefined;

const unavailable = () => {
  throw new CliError(
    '无法读取已发布的报告：导入模块 @nianbao/ingest 不可用（请先构建：npx turbo run build）',
  );
};

/** @nianbao/ingest, imported on first use so that start-up stays fast. */
export function loadIngest(): Promise<IngestModule> {
  ingestModule ??= (import(INGEST) as Promise<IngestModule>).catch(unavailable);
  return ingestModule;
}

/** Its plain-text reader alone (no HTML, PDF or Word reader loaded): most published reports we check. */
function loadTextIngest(): Promise<TextIngestModule> {
  textIngestModule ??= (import(INGEST_TEXT) as Promise<TextIngestModule>).catch(unavailable);
  return textIngestModule;
}

/**
 * Why a file can be no report, for programs (`check --json`: `code` beside the 简体中文 `error`).
 * Stable: documented in the README.
 */
export type UnusableCode =
  | 'FILE_NOT_FOUND'
  | 'FILE_NAME_ENCODING'
  | 'NOT_A_FILE'
  | 'PERMISSION_DENIED'
  | 'READ_FAILED'
  | 'EMPTY_FILE'
  | 'UNSUPPORTED_FORMAT'
  | 'INVALID_JSON'
  | 'INVALID_REPORT'
  | 'OPEN_DATA_JSON'
  | 'NOT_A_PDF'
  | 'PDF_DAMAGED'
  | 'PDF_ENCRYPTED'
  | 'NOT_A_DOCX'
  | 'DOCX_DAMAGED'
  | 'NOT_A_XLSX'
  | 'XLSX_DAMAGED'
  | 'NO_TEXT'
  | 'TOO_LARGE'
  | 'NOT_A_REPORT'
  | 'NO_NUMBERS'
  | 'UNREADABLE';

/** The importer's error codes, as ours. */
const INGEST_CODES: Readonly<Record<string, UnusableCode>> = {
  INGEST_PDF_INVALID: 'PDF_DAMAGED',
  INGEST_PDF_ENCRYPTED: 'PDF_ENCRYPTED',
  INGEST_DOCX_INVALID: 'DOCX_DAMAGED',
  INGEST_XLSX_INVALID: 'XLSX_DAMAGED',
  INGEST_UNSUPPORTED_FORMAT: 'UNSUPPORTED_FORMAT',
  INGEST_EMPTY: 'NO_TEXT',
  INGEST_TOO_LARGE: 'TOO_LARGE',
  INGEST_NOT_A_REPORT: 'NOT_A_REPORT',
};

/**
 * Whether parsed JSON is open data as `nianbao render --format json` writes it (the long format: an
 * array of rows with `cell_id`), not a report.
 */
export function isOpenData(data: unknown): data is readonly Record<string, unknown>[] {
  return (
    Array.isArray(data) &&
    data.length > 0 &&
    data.every((row) => row !== null && typeof row === 'object' && 'cell_id' in row && 'year' in row)
  );
}

/** What to say of open-data JSON named as a report (简体中文: what it is, what to do instead). */
export function openDataProblem(file: string, rows: readonly Record<string, unknown>[]): string {
  const first = rows[0]!;
  const who = typeof first.agency === 'string' ? `${first.agency} ${String(first.year)} 年度，` : '';
  return `${file} 是开放数据（长表格式 JSON，${who}${rows.length} 行，nianbao render --format json 的输出），不是报告：它不能检查或编辑；请检查生成它的报告 JSON 或已发布的报告（nianbao check 报告文件），已发布的报告可用 nianbao import 转成报告 JSON`;
}

/** Parse report JSON text; throws a CliError naming the file and the first problems. */
export function parseReportJson(text: string, file: string): Report {
  // a BOM at the start (Windows Notepad saves one) is no content
  const json = text.replace(/^\uFEFF/, '');
  if (!json.trim())
    throw new CliError(`${file}：文件是空的，没有内容，不是年度报告`, EXIT_UNUSABLE, 'EMPTY_FILE');
  const r = parseReport(json);
  if (r.ok) return r.value;
  // not JSON at all: where and what, whole (core quotes V8's English, cut at the file's first line break)
  if (r.errors[0]?.code === 'invalid_json')
    throw new CliError(
      `${file} 不是有效的 JSON：${jsonProblem(json) ?? '无法解析'}`,
      EXIT_UNUSABLE,
      'INVALID_JSON',
    );
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    data = undefined;
  }
  if (isOpenData(data)) throw new CliError(openDataProblem(file, data), EXIT_UNUSABLE, 'OPEN_DATA_JSON');
  const more = r.errors.length > 2 ? `（另有 ${r.errors.length - 2} 处问题）` : '';
  throw new CliError(
    `${file}：${r.errors
      .slice(0, 2)
      .map((e) => zhDetail(e.message))
      .join('；')}${more}`,
    EXIT_UNUSABLE,
    'INVALID_REPORT',
  );
}

/**
 * The text of a JSON file: UTF-16 when its byte order mark says so (PowerShell 5's `>` and Notepad's
 * 「Unicode」 save it so), else UTF-8. A UTF-8 BOM is kept (parseReportJson drops it).
 */
export function jsonText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}

/** `-` names standard input (`nianbao check -`, `nianbao import -`). */
export const STDIN = '-';
let stdinBytes: Buffer | undefined;

/**
 * Standard input, read once to its end (a report piped in). A terminal is no report: refused with
 * what to do, rather than waiting for typing. A pipe whose writer has not written yet
 * (`nianbao import - < x.txt | nianbao check -`: the import takes a moment) is waited for: once
 * `process.stdin` is touched, fd 0 is non-blocking and a read before the first byte (or between two
 * writes) gives EAGAIN — that is no end of the input (it was read as 「文件是空的（0 字节）」).
 */
export function readStdin(): Buffer {
  if (stdinBytes) return stdinBytes;
  if (isatty(0))
    throw new CliError(
      '「-」表示从标准输入读取报告，但标准输入是终端：请用管道或重定向传入（如 cat 报告.json | nianbao check -）',
      EXIT_UNUSABLE,
      'USAGE',
    );
  const chunks: Buffer[] = [];
  const buf = Buffer.alloc(1 << 16);
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    let n: number;
    try {
      n = readSync(0, buf, 0, buf.length, null);
    } catch (e) {
      const code = (e as { code?: string }).code;
      // not written yet: wait a little and read again (the writer may take seconds)
      if (code === 'EAGAIN') {
        Atomics.wait(pause, 0, 0, 20);
        continue;
      }
      // nothing connected (closed): no more content
      if (code === 'EOF') break;
      throw new CliError(zhDetail(`无法读取标准输入：${(e as Error).message}`), EXIT_UNUSABLE, 'READ_FAILED');
    }
    if (n === 0) break;
    chunks.push(Buffer.from(buf.subarray(0, n)));
  }
  stdinBytes = Buffer.concat(chunks);
  return stdinBytes;
}

/**
 * The kind of a report read from standard input, by its content: our JSON (`{`), a PDF (`%PDF-`), a
 * Word file (a zip), an HTML page (`<` first), else text.
 */
export function contentKind(bytes: Uint8Array): InputKind {
  const first = bytes.subarray(0, 1024);
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  const head = (utf16 ? jsonText(first) : Buffer.from(first).toString('latin1'))
    .replace(/^\xEF\xBB\xBF/, '')
    .trimStart();
  if (head.startsWith('%PDF-')) return 'pdf';
  // a zip: an Excel workbook holds xl/workbook.xml (a Word file word/document.xml)
  if (head.startsWith('PK\x03\x04'))
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes('xl/workbook.xml') &&
      !Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes('word/document.xml')
      ? 'xlsx'
      : 'docx';
  if (head.startsWith('{') || head.startsWith('[')) return 'json';
  if (head.startsWith('<')) return 'html';
  return 'text';
}

function readBytes(file: string): Buffer {
  if (file === STDIN) return readStdin();
  try {
    return readFileSync(file);
  } catch (e) {
    const code = (e as { code?: string }).code;
    // a name that is no UTF-8 (GBK, from a zip or a Windows share) reaches us with U+FFFD in it, and
    // then names no file: said as what it is, not as a file that is not there
    if (code === 'ENOENT' && file.includes('\uFFFD'))
      throw new CliError(
        `${file}：文件名不是 UTF-8 编码（可能是 GBK），无法按名读取：请把文件改名（如 convmv -f gbk -t utf8 --notest 文件）后再试`,
        EXIT_UNUSABLE,
        'FILE_NAME_ENCODING',
      );
    if (code === 'ENOENT') throw new CliError(`找不到文件：${file}`, EXIT_UNUSABLE, 'FILE_NOT_FOUND');
    if (code === 'EISDIR') throw new CliError(`${file} 是文件夹，不是报告文件`, EXIT_UNUSABLE, 'NOT_A_FILE');
    if (code === 'EACCES') throw new CliError(`没有权限读取：${file}`, EXIT_UNUSABLE, 'PERMISSION_DENIED');
    throw new CliError(zhDetail(`无法读取 ${file}：${(e as Error).message}`), EXIT_UNUSABLE, 'READ_FAILED');
  }
}

/**
 * Read one report: JSON in our model, or a published report (text, HTML, PDF, DOCX) through
 * @nianbao/ingest. Unusable input throws a CliError (exit code 2).
 */
/** Files we do not read, by extension (a spreadsheet, an old Word file, an image, an archive). */
const UNSUPPORTED = new Set([
  '.xls',
  '.ods',
  '.csv',
  '.doc',
  '.wps',
  '.odt',
  '.rtf',
  '.ppt',
  '.pptx',
  '.zip',
  '.rar',
  '.7z',
  '.png',
  '.jpg',
  '.jpeg',
  '.gif',
  '.tif',
  '.tiff',
  '.bmp',
  '.ofd',
  '.et',
]);

export async function loadReport(file: string): Promise<Loaded> {
  const ext = extname(file).toLowerCase();
  if (kindOf(file) === undefined && UNSUPPORTED.has(ext))
    throw new CliError(
      `${file}：不支持 ${ext}：请导入 .txt/.html/.pdf/.docx/.xlsx 或我们的 JSON${ext === '.xls' ? '（.xls 请在 Excel 或 WPS 中另存为 .xlsx）' : ''}`,
      EXIT_UNUSABLE,
      'UNSUPPORTED_FORMAT',
    );
  const bytes = readBytes(file);
  const kind = file === STDIN ? contentKind(bytes) : (kindOf(file) ?? 'text');
  // an empty file is said as such, whatever its kind (not 「JSON 不完整」, nor pdf.js's English)
  if (isEmpty(bytes))
    throw new CliError(
      `${file}：文件是空的（${bytes.length ? '只有空白' : '0 字节'}），不是年度报告`,
      EXIT_UNUSABLE,
      'EMPTY_FILE',
    );
  if (kind === 'json') {
    const text = jsonText(bytes);
    return { file, kind, report: parseReportJson(text, file), diagnostics: [], text };
  }
  // A page saved as .txt is HTML: read it as HTML (ingest's own rule), not as plain text.
  const textReader = kind === 'text' ? await loadTextIngest() : undefined;
  const sniffed = textReader !== undefined && looksLikeHtml(file, bytes, textReader.htmlMarkup);
  // Text through the plain-text reader alone; text and HTML synchronously (no microtask per file in
  // a batch of hundreds).
  const text = sniffed ? undefined : textReader;
  const full = text ? undefined : await loadIngest();
  try {
    const filename = basename(file);
    // The bytes, not a UTF-8 string: the importer decodes UTF-8, UTF-16 (by BOM) or else GB18030,
    // as many published text and HTML files of government sites are.
    const raw = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const out = text
      ? text.ingestText(raw, { filename })
      : sniffed
        ? full!.ingestSync(raw, { filename }) // ingest detects the kind from the content
        : kind === 'pdf' || kind === 'docx' || kind === 'xlsx'
          ? await full!.ingest(raw, { kind, filename })
          : full!.ingestSync(raw, { kind, filename });
    return {
      file,
      kind: sniffed ? out.diagnostics.kind.value : kind,
      report: out.report,
      diagnostics: out.diagnostics.issues,
      ingest: out.diagnostics,
    };
  } catch (e) {
    throw new CliError(
      `${file}：无法作为年度报告读取（${oneLine(e)}）`,
      EXIT_UNUSABLE,
      ingestCode(kind, bytes, e),
    );
  }
}

/**
 * A published report of which not one number of the tables was read (a text that is no report, a
 * report whose tables the importer could not read) refused for `what` (生成摘要, 汇总, 输出, 对比), as
 * `check` calls it unusable (NO_NUMBERS): summed, rendered or compared it would be a report of blank
 * tables, every indicator 「—」, with exit 0. A JSON is as it stands (a new report is blank).
 */
export function withNumbers(loaded: Loaded, what: string): Loaded {
  const m = loaded.ingest?.summary;
  if (m && m.cellsExpected > 0 && m.cellsFound === 0) {
    const errors = loaded.diagnostics.filter((d) => d.severity === 'error').length;
    throw new CliError(
      `${loaded.file}：没有读到任何数字（表格中应有 ${m.cellsExpected} 个单元格，读到 0；找到表格 ${m.tablesFound}/3${errors ? `，导入错误 ${errors} 条` : ''}），不是年度报告或表格没有读出来，无法${what}；用 nianbao import 查看导入诊断`,
      EXIT_UNUSABLE,
      'NO_NUMBERS',
    );
  }
  return loaded;
}

/** Whether a file has no content: no byte, or (text, JSON) only white space. */
export function isEmpty(bytes: Uint8Array): boolean {
  if (bytes.length === 0) return true;
  if (bytes.length > 4096) return false;
  return !Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trim();
}

/** The code of a published report the importer could not read: a PDF or Word file by name that is none first. */
function ingestCode(kind: InputKind, bytes: Uint8Array, e: unknown): UnusableCode {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1024)).toString(
    'latin1',
  );
  if (kind === 'pdf' && !head.includes('%PDF-')) return 'NOT_A_PDF';
  if (kind === 'docx' && !head.startsWith('PK')) return 'NOT_A_DOCX';
  if (kind === 'xlsx' && !head.startsWith('PK')) return 'NOT_A_XLSX';
  const code = (e as { code?: unknown }).code;
  return (typeof code === 'string' && INGEST_CODES[code]) || 'UNREADABLE';
}

/**
 * Whether a `.txt` file is in fact an HTML page (a page saved as text, a fragment of one), by
 * ingest's own rule (`htmlMarkup`), checked here first so that plain text keeps its fast reader.
 * Markdown (`.md`) is left to the text reader: inline tags there are part of the text.
 */
export function looksLikeHtml(
  file: string,
  bytes: Uint8Array,
  htmlMarkup: (head: string) => string | null,
): boolean {
  const ext = extname(file).toLowerCase();
  if (ext !== '.txt' && ext !== '.text') return false;
  return (
    htmlMarkup(
      Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 4096)).toString('latin1'),
    ) !== null
  );
}

/** Whether the text of a file (UTF-8, UTF-16 by BOM, or GB18030) says 信息公开 anywhere. */
function mentionsDisclosure(bytes: Uint8Array): boolean {
  const has = (enc: string) => {
    try {
      return new TextDecoder(enc).decode(bytes).includes('信息公开');
    } catch {
      return false;
    }
  };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return has('utf-16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return has('utf-16be');
  return has('utf-8') || has('gb18030');
}

/**
 * Whether bytes are no text in any encoding we read: a NUL (outside UTF-16, told by its BOM) or many
 * control characters other than tab, line breaks and form feed — a text never has them.
 */
function looksBinary(bytes: Uint8Array): boolean {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return false;
  const head = bytes.subarray(0, 8192);
  let control = 0;
  for (const b of head) {
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) control++;
  }
  return control > head.length / 20;
}

/**
 * Why a file found in a folder, which could not be checked, is clearly no annual report (a README,
 * a package.json, notes) — to be listed as skipped, not as unusable — or undefined when it may be
 * one (a damaged report, a report whose tables could not be read: those stay unusable). A Markdown
 * or text file that says 信息公开 may be a report; one that never does is not.
 */
export function notAReport(file: string): string | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  const kind = kindOf(file) ?? 'text';
  // an empty file of any kind (.txt, .json, .pdf) is no report
  if (isEmpty(bytes)) return '空文件，不是年度报告';
  // a .doc, .wps, .ofd …: may well be a report, in a format we cannot read — unusable, said so
  if (UNREAD_DOCUMENTS.has(extname(file).toLowerCase())) return undefined;
  if (kind === 'pdf' || kind === 'docx' || kind === 'xlsx') return undefined;
  if (kind === 'json') {
    let data: unknown;
    try {
      data = JSON.parse(jsonText(bytes).replace(/^\uFEFF/, ''));
    } catch {
      return undefined; // broken JSON: maybe a damaged report
    }
    if (data && typeof data === 'object' && !Array.isArray(data) && ('meta' in data || 'cells' in data))
      return undefined;
    if (isOpenData(data)) return '是开放数据（nianbao render --format json 的输出），不是年度报告';
    return '不是年度报告的 JSON（没有 meta、cells）';
  }
  const raw = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (looksBinary(raw)) return '不是文本（二进制内容），不是年度报告';
  return mentionsDisclosure(raw) ? undefined : '通篇没有「信息公开」字样，不是年度报告';
}

/**
 * An output named as a folder is refused before anything is read or written, as writeFileAtomic
 * would refuse it (`import -o DIR`, `new -o DIR`): 「这是一个文件夹，请给出文件名」.
 */
export function refuseFolderOutput(file: string): void {
  let folder = false;
  try {
    folder = statSync(file).isDirectory();
  } catch {
    return;
  }
  if (folder)
    throw new CliError(`无法写入 ${file}：这是一个文件夹，请给出文件名`, EXIT_UNUSABLE, 'NOT_A_FILE');
}

/** Whether two paths name one file (also through a link; a file not there yet is no other file). */
export function sameFile(a: string, b: string): boolean {
  const real = (f: string) => {
    try {
      return realpathSync(f);
    } catch {
      return resolve(f);
    }
  };
  return real(a) === real(b);
}

/**
 * Write a file atomically (temporary file + rename), so a crash never leaves half a report. A link is
 * written through (its target replaced, the link kept: a report linked into a shared folder stays
 * shared), the file's permissions are kept, and the temporary file never stays behind on a failure
 * (a folder of that name, a full disk).
 */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  let target = file;
  try {
    target = realpathSync(file);
  } catch {
    // not there yet (or a dangling link): written where named
  }
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  try {
    let mode: number | undefined;
    try {
      const st = statSync(target);
      if (st.isDirectory())
        throw new CliError(`无法写入 ${file}：这是一个文件夹，请给出文件名`, EXIT_UNUSABLE, 'NOT_A_FILE');
      mode = st.mode & 0o7777;
    } catch (e) {
      if (e instanceof CliError) throw e;
    }
    writeFileSync(tmp, data, mode === undefined ? {} : { mode });
    if (mode !== undefined) chmodSync(tmp, mode); // the umask may have taken bits away
    renameSync(tmp, target);
  } catch (e) {
    try {
      rmSync(tmp, { force: true });
    } catch {
      // a folder we may not write to: no temporary file was made there
    }
    if (e instanceof CliError) throw e;
    const code = (e as { code?: string }).code;
    if (code === 'ENOENT') throw new CliError(`无法写入 ${file}：文件夹不存在`);
    if (code === 'EACCES' || code === 'EPERM') throw new CliError(`没有权限写入：${file}`);
    if (code === 'EISDIR')
      throw new CliError(`无法写入 ${file}：这是一个文件夹，请给出文件名`, EXIT_UNUSABLE, 'NOT_A_FILE');
    if (code === 'ENOSPC') throw new CliError(`无法写入 ${file}：磁盘空间不足（原文件未改动）`);
    throw new CliError(zhDetail(`无法写入 ${file}：${(e as Error).message}`));
  }
}

/** A report as the JSON we write: two-space indented, newline at the end. */
export function reportJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** Where a report read from `file` is saved as JSON (same name, .json). */
export function jsonPathFor(file: string): string {
  return kindOf(file) === 'json' ? file : join(dirname(file), `${basename(file, extname(file))}.json`);
}

/**
 * Why writing `file` would destroy something not ours, or undefined when it may be written: it is
 * not there, or its text is still `known` (what we read from it or last wrote to it). A file we
 * never read nor wrote is another's (another report's JSON beside a published text of the same
 * name); one whose text is no longer `known` was changed since by someone else.
 */
export function overwriteProblem(file: string, known: string | undefined): string | undefined {
  let now: string;
  try {
    now = jsonText(readFileSync(file));
  } catch (e) {
    if ((e as { code?: string }).code === 'ENOENT') return undefined;
    return `已存在，但无法读取（${oneLine(e)}）`;
  }
  if (known === undefined) {
    const r = parseReport(now);
    return r.ok
      ? `是另一份报告（${r.value.meta.agency.name} ${r.value.meta.year} 年度），不是本次打开的文件`
      : '已存在，不是本次打开或保存的文件';
  }
  if (now !== known) return '在打开之后已被修改（其他程序或另一次编辑）';
  return undefined;
}

/** The first name beside `file` not taken: f03.json → f03-2.json, f03-3.json, … */
export function freeSibling(file: string): string {
  const ext = extname(file);
  const stem = join(dirname(file), basename(file, ext));
  for (let n = 2; ; n++) {
    const candidate = `${stem}-${n}${ext}`;
    if (!existsSync(candidate)) return candidate;
  }
}
