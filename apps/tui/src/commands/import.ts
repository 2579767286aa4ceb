import { readFileSync } from 'node:fs';
import { editionName } from '@nianbao/core';
import { flag, parse, str } from '../lib/args.js';
import { colorEnabled, paint } from '../lib/color.js';
import { CliError, EXIT_FINDINGS, EXIT_OK, EXIT_UNUSABLE, UsageError, zhDetail } from '../lib/errors.js';
import {
  jsonPathFor,
  kindOf,
  loadReport,
  refuseFolderOutput,
  reportJson,
  sameFile,
  writeFileAtomic,
} from '../lib/io.js';

/** A file's text, or undefined when there is no such file. */
function existingText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as { code?: string }).code === 'ENOENT') return undefined;
    throw new CliError(zhDetail(`无法读取 ${file}：${(e as Error).message}`));
  }
}

export async function run(argv: string[]): Promise<number> {
  const p = parse(
    argv,
    { output: { type: 'string', short: 'o' }, json: { type: 'boolean' }, force: { type: 'boolean' } },
    'import',
  );
  if (p.positionals.length !== 1)
    throw new UsageError('请给出一份要导入的报告：nianbao import FILE -o OUT.json');
  const file = p.positionals[0]!;
  // `-`: the report from standard input; without -o its JSON goes to standard output
  const stdin = file === '-';
  // -o - is standard output too (never a file named 「-」)
  const toStdout = str(p, 'output') === '-' || (stdin && str(p, 'output') === undefined);
  if (toStdout && flag(p, 'json'))
    throw new UsageError(
      stdin && str(p, 'output') === undefined
        ? '从标准输入导入并加 --json 时，请用 -o 给出输出文件（标准输出用于 JSON 结果）'
        : '-o - 把 JSON 写到标准输出，不能再加 --json（标准输出用于 JSON 结果）：请用 -o 给出输出文件',
    );
  const out = toStdout
    ? '-'
    : (str(p, 'output') ?? (kindOf(file) === 'json' ? undefined : jsonPathFor(file)));
  if (out && !stdin && sameFile(out, file))
    throw new CliError(`输出文件就是要导入的文件本身（${out}），会覆盖原文件：请换一个输出文件名`);
  if (!out) throw new UsageError('请用 -o 给出输出文件');
  if (!toStdout) refuseFolderOutput(out);
  const { report, diagnostics, ingest } = await loadReport(file);
  const json = reportJson(report);
  // An existing JSON is replaced only when it is what this import writes anyway (the same import,
  // unchanged since) or with --force: it may hold edits, or be another report of the same name.
  if (!toStdout && !flag(p, 'force') && existingText(out) !== undefined && existingText(out) !== json)
    throw new CliError(
      `${out} 已存在，且与本次导入的结果不同（可能已编辑过，或是另一份报告）：没有覆盖。请用 -o 换一个输出文件；确要覆盖请加 --force`,
    );
  if (toStdout) process.stdout.write(json);
  else writeFileAtomic(out, json);
  // 0 every cell of the tables read, no import error; 1 read, but a table or row not read — an import
  // error, or cells missing however the importer rates it (a source cut off before 表四 is only
  // warnings, yet its 15 cells are not in the JSON): a script must not take it for clean; 2 not one
  // number of the tables read (the JSON is written all the same, every cell missing).
  const importErrors = diagnostics.filter((d) => d.severity === 'error').length;
  const cellsMissing = ingest?.summary.cellsMissing ?? 0;
  const noNumbers =
    ingest !== undefined && ingest.summary.cellsExpected > 0 && ingest.summary.cellsFound === 0;
  const code = noNumbers ? EXIT_UNUSABLE : importErrors || cellsMissing ? EXIT_FINDINGS : EXIT_OK;
  const outName = toStdout ? '输出的 JSON' : out;
  if (flag(p, 'json')) {
    const { cells: _perCell, ...account } = ingest ?? { cells: undefined };
    process.stdout.write(
      `${JSON.stringify({ file, output: out, exitCode: code, issues: diagnostics, ...(ingest ? { ingest: account } : {}) }, null, 2)}\n`,
    );
    return code;
  }
  const po = paint(colorEnabled(process.stderr));
  const lines = [
    `已导入 ${report.meta.agency.name} ${report.meta.year} 年度报告（${editionName(report.meta.edition)}）→ ${toStdout ? '标准输出' : out}`,
  ];
  if (ingest) {
    const m = ingest.summary;
    lines.push(
      `识别：格式 ${editionName(ingest.edition.value)}（${ingest.edition.reason}）；年度 ${ingest.year.value ?? '未识别'}；机关 ${ingest.agency.value ?? '未识别'}`,
      `单元格：应有 ${m.cellsExpected}，读到 ${m.cellsFound}，空白 ${m.cellsBlank}，推算 ${m.cellsInferred}，修复 ${m.cellsRepaired}，缺失 ${m.cellsMissing}；表格 ${m.tablesFound}/3，章节 ${m.sectionsFound}/6`,
    );
  }
  if (diagnostics.length) {
    lines.push(`导入诊断 ${diagnostics.length} 条：`);
    for (const d of diagnostics) {
      const sev = String(d.severity ?? '');
      const tag = sev === 'error' ? po.red('错误') : sev === 'warning' ? po.yellow('警告') : po.dim('提示');
      lines.push(`  ${tag} ${d.cell ? `${d.cell}：` : ''}${d.message}`);
    }
  } else lines.push('导入诊断：无');
  const verdict = importVerdict({
    noNumbers,
    importErrors,
    cellsMissing,
    cellsExpected: ingest?.summary.cellsExpected ?? 0,
    outName,
  });
  if (verdict) lines.push(po.red(verdict));
  process.stderr.write(`${lines.join('\n')}\n`);
  return code;
}

/**
 * The last line of a human import, when the JSON written is not clean (null when it is): nothing
 * read; import errors, with the cells not read if any; cells not read though no error was said.
 */
export function importVerdict(v: {
  noNumbers: boolean;
  importErrors: number;
  cellsMissing: number;
  cellsExpected: number;
  outName: string;
}): string | null {
  const { importErrors, cellsMissing, outName } = v;
  if (v.noNumbers)
    return `没有读到任何数字（应有 ${v.cellsExpected} 个单元格，读到 0）：${outName} 中的单元格全部缺失（不是空白），无法检查或汇总（退出码 2）`;
  if (importErrors)
    return cellsMissing
      ? `导入错误 ${importErrors} 条，另有 ${cellsMissing} 个单元格没有读到：${outName} 中这些单元格缺失（不是空白），请按上面的诊断对照原文核对、补充（退出码 1）`
      : // every cell read, yet something is wrong: a row typed twice, years that disagree …
        `导入错误 ${importErrors} 条：单元格都读到了，但有的数字或年度、机关可能不对，请按上面的诊断对照原文核对 ${outName}（退出码 1）`;
  if (cellsMissing)
    return `有 ${cellsMissing} 个单元格没有读到（缺表、缺行或原文截断）：${outName} 中这些单元格缺失（不是空白），请对照原文补充（退出码 1）`;
  return null;
}
