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
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION')
      throw new UsageError(`未知的选项：${opt}（查看 nianbao ${command} --help）`, 'UNKNOWN_OPTION');
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE')
      throw new UsageError(
        `选项 ${opt.split(' ')[0]} 需要一个值（查看 nianbao ${command} --help）`,
        'MISSING_VALUE',
      );
    throw new UsageError(zhDetail(`参数有误：${msg}`));
  }
}

export function str(p: Parsed, key: string): string | undefined {
  const v = p.values[key];
  return typeof v === 'string' ? v : undefined;
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
