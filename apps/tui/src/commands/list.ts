import { flag, parse, positiveInt, str } from '../lib/args.js';
import { UsageError } from '../lib/errors.js';
import { noReportLine } from '../lib/findings-list.js';
import { agenciesWithoutReport, agencyId, connect, listAll, statusesOf, yearOf } from '../lib/server.js';
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
  // --status none (未创建): the agencies of a region with no report of the year
  const { statuses, none } = statusesOf(p, { none: true });
  const year = yearOf(p);
  const limit = positiveInt(p, 'limit', 'list');
  const region = str(p, 'region');
  if (none && (region === undefined || year === undefined))
    throw new UsageError(
      '状态「未创建」（没有本年度报告的机关）需要 --region 地区 和 --year 年度：nianbao list --region 地区 --year 年度 --status none',
    );
  const { client, url } = connect(p);
  const regionId = region === undefined ? undefined : await agencyId(client, url, region);
  const onlyNone = none && !statuses.length;
  const out = onlyNone
    ? { items: [], total: 0 }
    : await listAll(
        client,
        url,
        {
          ...(regionId ? { regionId } : {}),
          ...(year !== undefined ? { year } : {}),
          ...(statuses.length ? { statuses } : {}),
        },
        limit,
      );
  // a region's year with every status (no --status), or 未创建 named: the agencies without a report
  // are said too, as check --region and summary --region say them
  const noReport =
    regionId !== undefined && year !== undefined && (!statuses.length || none)
      ? await agenciesWithoutReport(client, url, regionId, year)
      : undefined;
  if (flag(p, 'json')) {
    process.stdout.write(`${JSON.stringify({ ...out, ...(noReport ? { noReport } : {}) }, null, 2)}\n`);
    return 0;
  }
  const lines: string[] = [];
  if (!onlyNone) {
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
    lines.push(
      table(
        [['编号', '机关', '年度', '版本', '状态', '错误', '跨年', '警告'], ...rows],
        ['l', 'l', 'l', 'r', 'l', 'r', 'r', 'r'],
      ),
      `共 ${out.total} 份报告${out.total > out.items.length ? `（显示 ${out.items.length} 份）` : ''}`,
    );
  }
  if (noReport)
    lines.push(noReport.length ? noReportLine(noReport) : `地区内的机关都已创建 ${year} 年度报告`);
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
