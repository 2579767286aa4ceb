/** Exit codes of every command: 0 clean, 1 errors found, 2 unusable input or usage error. */
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_UNUSABLE = 2;

/** An error shown to the user as one line (简体中文), never with a stack trace. */
export class CliError extends Error {
  readonly exitCode: number;
  /** For programs (`--json`: `{ error: { code, message } }`): USAGE, FILE_NOT_FOUND, … */
  readonly code: string;
  constructor(message: string, exitCode = EXIT_UNUSABLE, code = 'ERROR') {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
    this.code = code;
  }
}

/** A usage error: an unknown option or command, a missing value, arguments that do not fit. */
export class UsageError extends CliError {
  constructor(message: string, code = 'USAGE') {
    super(message, EXIT_UNUSABLE, code);
  }
}

/**
 * The error object a command asked for `--json` prints on stdout (as well as the line on stderr),
 * so that a script reading stdout always gets JSON: `{ error: { code, message, exitCode } }`.
 */
export function jsonError(e: unknown): { error: { code: string; message: string; exitCode: number } } {
  const exitCode = e instanceof CliError ? e.exitCode : EXIT_UNUSABLE;
  const code = e instanceof CliError ? e.code : 'INTERNAL';
  return { error: { code, message: oneLine(e), exitCode } };
}

/** English messages of the libraries we use, said in 简体中文 (the original kept as detail). */
const GLOSSES: readonly [RegExp, string][] = [
  [/^Invalid PDF structure/i, 'PDF 结构无效'],
  [/^invalid zip data/i, 'zip 数据无效'],
  [/^Unexpected end of JSON input/i, 'JSON 在结尾处不完整，文件可能被截断'],
  [/^Unexpected token|is not valid JSON|^Expected .* in JSON/i, 'JSON 中有无法识别的内容'],
  [/^Unexpected non-whitespace character after JSON/i, 'JSON 结束后还有多余的内容'],
  [/permission denied/i, '没有权限'],
  [/no such file/i, '找不到文件'],
];

const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;

/**
 * A message whose text is, or ends in, an English sentence from a library (「…的 PDF：Invalid PDF
 * structure.」, 「invalid zip data」): the English as detail behind a 简体中文 explanation, so that
 * no English stands alone. A file name after 「：」 (one word, or a path) is left as it is.
 */
export function zhDetail(message: string): string {
  const english = (t: string) =>
    !CJK.test(t) && /[A-Za-z]{2,}\s+[A-Za-z]{2,}/.test(t) && !t.includes('/') && !/\.\w{2,5}$/.test(t);
  const gloss = (t: string) => GLOSSES.find(([re]) => re.test(t))?.[1];
  const cut = message.lastIndexOf('：');
  const head = cut >= 0 ? message.slice(0, cut) : '';
  const tail = cut >= 0 ? message.slice(cut + 1) : message;
  if (!english(tail)) return message;
  const g = gloss(tail);
  const detail = `${g ? `${g}；` : ''}原始信息：${tail.trim()}`;
  return head ? `${head}（${detail}）` : `出错了（${detail}）`;
}

/**
 * One line for any error. A CliError's message is our own text, shown exactly as written (a part of
 * it that came from a library was put through zhDetail where the CliError was made). Any other error
 * was thrown outside this package (pdf.js, zip, JSON.parse, fs; a NianbaoError of ingest may end in
 * pdf.js's English): its English is said in 简体中文 by zhDetail.
 */
export function oneLine(e: unknown): string {
  if (e instanceof CliError) return e.message.split('\n')[0]!;
  if (e instanceof Error) {
    const code = (e as { code?: unknown }).code;
    if (code === 'ENOENT') return `找不到文件：${(e as { path?: string }).path ?? e.message}`;
    if (code === 'EACCES') return `没有权限：${(e as { path?: string }).path ?? e.message}`;
    if (code === 'EISDIR') {
      // readFileSync of a folder gives no path: nothing after 「：」 then
      const path = (e as { path?: string }).path;
      return `这是一个文件夹，不是文件${path ? `：${path}` : ''}`;
    }
    const line = zhDetail(e.message.split('\n')[0]!);
    // ingest says a damaged file in 简体中文 and keeps the library's words as details.cause: shown
    // behind it for the power user (「…（原始信息：Invalid PDF structure.）」)
    const cause = (e as { details?: { cause?: unknown } }).details?.cause;
    if (typeof cause === 'string' && /\S\s+\S/.test(cause) && !line.includes(cause)) {
      const g = GLOSSES.find(([re]) => re.test(cause))?.[1];
      return `${line}（${g ? `${g}；` : ''}原始信息：${cause.trim()}）`;
    }
    return line;
  }
  return zhDetail(String(e).split('\n')[0]!);
}
