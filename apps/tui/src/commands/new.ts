import { existsSync } from 'node:fs';
import { createEmptyReport, editionName, NianbaoError, yearNotWritable } from '@nianbao/core';
import { flag, numStr, parse, str } from '../lib/args.js';
import { CliError, UsageError, zhDetail } from '../lib/errors.js';
import { refuseFolderOutput, reportJson, writeFileAtomic } from '../lib/io.js';
import { zeroFilled } from '../lib/seed.js';

export async function run(argv: string[]): Promise<number> {
  const p = parse(
    argv,
    {
      year: { type: 'string' },
      agency: { type: 'string' },
      output: { type: 'string', short: 'o' },
      zero: { type: 'boolean' },
      scope: { type: 'string' },
      force: { type: 'boolean' },
    },
    'new',
  );
  if (p.positionals.length)
    throw new UsageError(`多余的参数：${p.positionals.join(' ')}（nianbao new --help）`);
  const yearText = numStr(p, 'year');
  const agency = str(p, 'agency');
  if (!yearText) throw new UsageError('请用 --year 给出报告年度（nianbao new --help）');
  if (!agency?.trim()) throw new UsageError('请用 --agency 给出机关名称（nianbao new --help）');
  const year = Number(yearText);
  if (!/^\d{4}$/.test(yearText)) throw new CliError(`报告年度应为四位数字：${str(p, 'year')}`);
  // as the server: a year's report is written once the year has ended (its numbers are the whole
  // year's); 2035 is a slip
  const no = yearNotWritable(year);
  if (no) throw new CliError(`${no.message}（--year）`, undefined, no.code);
  const scope = str(p, 'scope') ?? 'agency';
  if (scope !== 'agency' && scope !== 'region') throw new CliError(`--scope 应为 agency 或 region：${scope}`);
  let report: ReturnType<typeof createEmptyReport>;
  try {
    report = createEmptyReport({ year, agency, scope });
  } catch (e) {
    if (e instanceof NianbaoError) throw new CliError(zhDetail(e.message));
    throw e;
  }
  if (flag(p, 'zero')) report = zeroFilled(report);
  // -o - is standard output, never a file named 「-」
  const out = str(p, 'output') === '-' ? undefined : str(p, 'output');
  if (out) refuseFolderOutput(out);
  if (out && existsSync(out) && !flag(p, 'force'))
    throw new CliError(`${out} 已存在：新建报告不会覆盖已有文件（确要覆盖请加 --force）`);
  if (out) {
    writeFileAtomic(out, reportJson(report));
    process.stderr.write(
      `已新建 ${agency} ${year} 年度报告（${editionName(report.meta.edition)}）：${out}\n`,
    );
  } else process.stdout.write(reportJson(report));
  return 0;
}
