import { CliError } from '../lib/errors.js';

export async function run(_argv: string[]): Promise<number> {
  throw new CliError('尚未实现');
}
