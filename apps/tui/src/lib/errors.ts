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

/** One line for any error: CliError / NianbaoError messages as they are, others briefly. */
export function oneLine(e: unknown): string {
  if (e instanceof Error) {
    const code = (e as { code?: unknown }).code;
    if (code === 'ENOENT') return `找不到文件：${(e as { path?: string }).path ?? e.message}`;
    if (code === 'EACCES') return `没有权限：${(e as { path?: string }).path ?? e.message}`;
    if (code === 'EISDIR') return `这是一个文件夹，不是文件：${(e as { path?: string }).path ?? ''}`;
    return e.message.split('\n')[0]!;
  }
  return String(e).split('\n')[0]!;
}
