import type { Report } from '@nianbao/core';
import { absentLine } from '../lib/absent.js';
import { parse, str } from '../lib/args.js';
import { CliError, UsageError, zhDetail } from '../lib/errors.js';
import { loadReport, sameFile, withNumbers, writeFileAtomic } from '../lib/io.js';
import { errorsNotice } from '../lib/warn.js';

const FORMATS = ['docx', 'html', 'md', 'xlsx', 'csv', 'json'] as const;
type Format = (typeof FORMATS)[number];
const BINARY: readonly Format[] = ['docx', 'xlsx'];
/** The format an output file's extension names. */
const EXTENSIONS: Readonly<Record<string, Format>> = {
  docx: 'docx',
  html: 'html',
  htm: 'html',
  md: 'md',
  markdown: 'md',
  xlsx: 'xlsx',
  csv: 'csv',
  json: 'json',
};

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
  // -o - is standard output (as FILE - is standard input), never a file named 「-」
  const outOpt = str(p, 'output');
  const out = outOpt === '-' ? undefined : outOpt;
  const given = str(p, 'format')?.toLowerCase();
  // The format the output file's name says (r.docx, r.md, r.htm), if it names one.
  const ext = out && /\.([^./\\]+)$/.exec(out)?.[1]?.toLowerCase();
  const named = ext ? EXTENSIONS[ext] : undefined;
  if (given && !FORMATS.includes(given as Format))
    throw new CliError(`不支持的格式：${given}（可用：${FORMATS.join('、')}）`);
  // --format md -o out.docx wrote Markdown into a file Word then could not open.
  if (given && named && given !== named)
    throw new UsageError(
      `--format ${given} 与输出文件 ${out} 的扩展名（.${ext}，${named}）不一致：请改用 --format ${named}，或把输出文件名改为以 .${given} 结尾`,
      'FORMAT_EXTENSION_MISMATCH',
    );
  const format = (given ?? named) as Format | undefined;
  if (!format) {
    if (ext)
      throw new UsageError(
        `无法从输出文件名 ${out} 看出格式（.${ext}）：请用 --format 给出输出格式：${FORMATS.join('、')}`,
      );
    throw new UsageError(`请用 --format 给出输出格式：${FORMATS.join('、')}`);
  }
  if (BINARY.includes(format) && !out)
    throw new CliError(
      `${format} 是二进制格式，请用 -o 给出输出文件${outOpt === '-' ? '（不能输出到标准输出）' : ''}`,
    );
  const input = p.positionals[0]!;
  // -o naming the report itself would replace it by its rendering (r.json → rows of open data).
  if (out && sameFile(out, input))
    throw new CliError(`输出文件就是要输出的报告本身（${out}），会覆盖原报告：请换一个输出文件名`);
  const { report } = withNumbers(await loadReport(input), '输出');
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
