import { type ParseArgsConfig, parseArgs } from 'node:util';
import { UsageError, zhDetail } from './errors.js';

type Options = NonNullable<ParseArgsConfig['options']>;

export const COMMON: Options = {
  help: { type: 'boolean', short: 'h' },
  server: { type: 'string' },
  token: { type: 'string' },
};

export interface Parsed {
  readonly values: Record<string, string | boolean | string[] | undefined>;
  readonly positionals: string[];
}

/** What the numeric options take (none takes a negative number): said when one is given one. */
const NUMERIC: Record<string, string> = {
  limit: '正整数（如 --limit 20）',
  jobs: '正整数（如 --jobs 4）',
  j: '正整数（如 -j 4）',
  'expected-version': '正整数（版本号，如 --expected-version 3）',
  year: '四位年度（如 --year 2025）',
};

/** node:util parseArgs with 简体中文 errors. */
export function parse(argv: readonly string[], options: Options, command: string): Parsed {
  try {
    const r = parseArgs({
      args: [...argv],
      options: { ...COMMON, ...options },
      allowPositionals: true,
      strict: true,
    });
    return { values: r.values as Parsed['values'], positionals: r.positionals };
  } catch (e) {
    const msg = (e as Error).message;
    const code = (e as { code?: string }).code;
    const opt = /'([^']+)'/.exec(msg)?.[1] ?? '';
    const help = `（查看 nianbao ${command} --help）`;
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION')
      throw new UsageError(`未知的选项：${opt}${help}`, 'UNKNOWN_OPTION');
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      const typed = asTyped(argv, opt);
      if (/does not take an argument/.test(msg))
        throw new UsageError(`选项 ${typed} 不带值：去掉「=」及其后的内容${help}`);
      const next = /argument is ambiguous/.test(msg) ? argv[argv.indexOf(typed) + 1] : undefined;
      // a negative number (「--limit -1」) is a value given, not another option: said as the value it is
      const want = NUMERIC[typed.replace(/^-+/, '')];
      if (want && next !== undefined && /^-[\d０-９.]/.test(next))
        throw new UsageError(`${typed} 应为${want}：${next}${help}`);
      throw new UsageError(
        `选项 ${typed} 需要一个值${next ? `，其后的 ${next} 是另一个选项` : ''}${help}`,
        'MISSING_VALUE',
      );
    }
    throw new UsageError(zhDetail(`参数有误：${msg}`));
  }
}

/**
 * An option as the user typed it, from node's name of it (「-f, --format <value>」, 「--format」):
 * `--format` when that was typed (also as `--format=…`), `-f` when the short one was (also in a
 * group, `-jf`); the last one typed, as node stops at the first bad one and a value is missing only
 * at the end.
 */
function asTyped(argv: readonly string[], named: string): string {
  const long = /--([\w-]+)/.exec(named)?.[1];
  const short = /(?:^|\s)-(\w)(?:,|\s|$)/.exec(named)?.[1];
  const end = argv.indexOf('--');
  const args = end < 0 ? argv : argv.slice(0, end);
  for (let i = args.length - 1; i >= 0; i--) {
    const a = args[i]!;
    if (long && (a === `--${long}` || a.startsWith(`--${long}=`))) return a.split('=')[0]!;
    if (short && /^-[^-]/.test(a) && a.slice(1).split('=')[0]!.includes(short)) return `-${short}`;
  }
  return long ? `--${long}` : short ? `-${short}` : named.split(/[\s,]/)[0]!;
}

export function str(p: Parsed, key: string): string | undefined {
  const v = p.values[key];
  return typeof v === 'string' ? v : undefined;
}

/**
 * A number given as text with full-width digits (０–９, as a Chinese input method types them — cells
 * take them too) in ASCII; every other character as it was, for the option's own check.
 */
export function asciiDigits(text: string): string {
  return text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
}

/** A numeric option (--year, --limit, --jobs, --expected-version): its text, full-width digits as ASCII. */
export function numStr(p: Parsed, key: string): string | undefined {
  const v = str(p, key);
  return v === undefined ? undefined : asciiDigits(v);
}

/**
 * A numeric option that takes a positive integer (--expected-version): its value, full-width digits
 * taken as --year takes them (「１２」 is 12); anything else — 「abc」, 「3.5」, 「0」, empty — refused
 * here as a negative number is in `parse` (「--expected-version 应为正整数（…）：abc」), before any
 * file is read or the server asked.
 */
export function positiveInt(p: Parsed, key: string, command: string): number | undefined {
  const typed = str(p, key);
  if (typed === undefined) return undefined;
  const text = asciiDigits(typed.trim());
  const n = Number(text);
  if (/^\d+$/.test(text) && n >= 1 && Number.isSafeInteger(n)) return n;
  throw new UsageError(
    `--${key} 应为${NUMERIC[key] ?? '正整数'}：${typed === '' ? '（空）' : typed}（查看 nianbao ${command} --help）`,
  );
}

export function flag(p: Parsed, key: string): boolean {
  return p.values[key] === true;
}

/** The server and token from options or the environment (NIANBAO_SERVER, NIANBAO_TOKEN). */
export function serverOf(p: Parsed): { url: string; token: string | undefined } | undefined {
  const url = str(p, 'server') ?? process.env.NIANBAO_SERVER;
  if (!url) return undefined;
  return { url, token: str(p, 'token') ?? process.env.NIANBAO_TOKEN };
}
