import type { Report } from '@nianbao/core';
import { absentLine } from '../lib/absent.js';
import { parse, str } from '../lib/args.js';
import { CliError, UsageError, zhDetail } from '../lib/errors.js';
import { loadReport, sameFile, writeFileAtomic } from '../lib/io.js';
import { errorsNotice } from '../lib/warn.js';

const FORMATS = ['docx', 'html', 'md', 'xlsx', 'csv', 'json'] as const;
type Format = (typeof FORMATS)[number];
const BINARY: readonly Format[] = ['docx', 'xlsx'];

interface RenderModule {
  render(
    report: Report,
    format: Format,
    options?: { bom?: boolean },
  ): string | Uint8Array | Promise<string | Uint8Array>;
}

const RENDER = '@nianbao/render';

export async function run(argv: string[]): Promise<number> {
  const p = parse(
    argv,
    { format: { type: 'string', short: 'f' }, output: { type: 'string', short: 'o' } },
    'render',
  );
  if (p.positionals.length !== 1)
    throw new UsageError('请给出一份报告：nianbao render FILE --format docx -o OUT');
  const out = str(p, 'output');
  const format = (str(p, 'format') ?? (out ? out.split('.').pop()?.toLowerCase() : undefined)) as
    | Format
    | undefined;
  if (!format) throw new UsageError(`请用 --format 给出输出格式：${FORMATS.join('、')}`);
  if (!FORMATS.includes(format)) throw new CliError(`不支持的格式：${format}（可用：${FORMATS.join('、')}）`);
  if (BINARY.includes(format) && !out) throw new CliError(`${format} 是二进制格式，请用 -o 给出输出文件`);
  const input = p.positionals[0]!;
  // -o naming the report itself would replace it by its rendering (r.json → rows of open data).
  if (out && sameFile(out, input))
    throw new CliError(`输出文件就是要输出的报告本身（${out}），会覆盖原报告：请换一个输出文件名`);
  const { report } = await loadReport(input);
  // Rendered all the same (a draft may be printed for review), but not without saying so: a file to
  // publish should not carry an error nobody saw (a 2020 report in the 2021 layout, a total that
  // does not add up).
  const notice = errorsNotice(report, input, '发布');
  if (notice) process.stderr.write(`${notice}\n`);
  const absent = absentLine(report);
  if (absent) process.stderr.write(`${absent}；输出的表格中这些单元格为空\n`);
  let mod: RenderModule;
  try {
    mod = (await import(RENDER)) as RenderModule;
  } catch {
    throw new CliError('输出模块 @nianbao/render 不可用（请先构建：npx turbo run build）');
  }
  let data: string | Uint8Array;
  try {
    // A CSV file starts with a byte order mark, as the server's downloads do, so Excel reads the
    // 简体中文; on standard output (a pipe) it does not.
    data = await mod.render(report, format, format === 'csv' && out ? { bom: true } : {});
  } catch (e) {
    throw new CliError(zhDetail(`无法输出为 ${format}：${(e as Error).message?.split('\n')[0]}`));
  }
  if (out) {
    writeFileAtomic(out, data);
    process.stderr.write(`已输出 ${format}：${out}\n`);
  } else process.stdout.write(typeof data === 'string' ? data : Buffer.from(data));
  return 0;
}
