import type { Parsed } from '../lib/args.js';
import { CliError } from '../lib/errors.js';

export async function list(_argv: string[]): Promise<number> {
  throw new CliError('尚未实现');
}
export async function pull(_argv: string[]): Promise<number> {
  throw new CliError('尚未实现');
}
export async function push(_argv: string[]): Promise<number> {
  throw new CliError('尚未实现');
}
export async function checkRemote(_p: Parsed): Promise<number> {
  throw new CliError('尚未实现');
}
