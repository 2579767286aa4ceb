import { describeRules, SEVERITY_LABELS } from '@nianbao/core';
import { flag, parse } from '../lib/args.js';
import { table } from '../lib/text.js';

export async function run(argv: string[]): Promise<number> {
  const p = parse(argv, { json: { type: 'boolean' } }, 'rules');
  const rules = describeRules();
  if (flag(p, 'json')) {
    process.stdout.write(`${JSON.stringify(rules, null, 2)}\n`);
    return 0;
  }
  const rows = rules.map((r) => [r.id, SEVERITY_LABELS[r.severity], r.editions.join('、'), r.title]);
  process.stdout.write(`${table([['规则', '级别', '适用格式', '说明'], ...rows])}\n`);
  return 0;
}
