import { flag, parse, str } from '../lib/args.js';
import { UsageError } from '../lib/errors.js';
import { agencyId, connect, listAll, statusesOf, yearOf } from '../lib/server.js';
import { table, truncate } from '../lib/text.js';

export async function list(argv: string[]): Promise<number> {
  const p = parse(
    argv,
    {
      json: { type: 'boolean' },
      year: { type: 'string' },
      status: { type: 'string', multiple: true },
      region: { type: 'string' },
      limit: { type: 'string' },
    },
    'list',
  );
  const statuses = statusesOf(p);
  const year = yearOf(p);
  const limitText = str(p, 'limit');
  if (limitText !== undefined && !/^[1-9]\d*$/.test(limitText))
    throw new UsageError(`--limit 应为正整数：${limitText}`);
  const { client, url } = connect(p);
  const region = str(p, 'region');
  const regionId = region === undefined ? undefined : await agencyId(client, url, region);
  const out = await listAll(
    client,
    url,
    {
      ...(regionId ? { regionId } : {}),
      ...(year !== undefined ? { year } : {}),
      ...(statuses.length ? { statuses } : {}),
    },
    limitText === undefined ? undefined : Number(limitText),
  );
  if (flag(p, 'json')) {
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return 0;
  }
  const rows = out.items.map((r) => [
    r.id,
    truncate(r.agencyName, 30),
    String(r.year),
    String(r.version),
    r.statusLabel,
    String(r.openFindings.error),
    String(r.openFindings.crossYear),
    String(r.openFindings.warning),
  ]);
  process.stdout.write(
    `${table([['编号', '机关', '年度', '版本', '状态', '错误', '跨年', '警告'], ...rows], ['l', 'l', 'l', 'r', 'l', 'r', 'r', 'r'])}\n共 ${out.total} 份报告${out.total > out.items.length ? `（显示 ${out.items.length} 份）` : ''}\n`,
  );
  return 0;
}
