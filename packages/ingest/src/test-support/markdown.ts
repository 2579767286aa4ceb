/** Markdown reports for the table-reading tests: a table row, its delimiter, a report around tables. */
export const md = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
export const delim = (n: number) => md(Array.from({ length: n }, () => '---'));

/** A minimal report (title, 一, the given tables, 五) the importer recognises as one. */
export function report(body: readonly string[]): string {
  return [
    '# 某某县人民政府2024年政府信息公开工作年度报告',
    '',
    '## 一、总体情况',
    '',
    '本年度工作情况。',
    '',
    ...body,
    '',
    '## 五、存在的主要问题及改进情况',
    '',
    '无。',
  ].join('\n');
}
