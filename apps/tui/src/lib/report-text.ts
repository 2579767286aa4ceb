import { expectation, type Finding } from '@nianbao/core';
import type { FileResult } from './checker.js';
import type { Paint } from './color.js';
import { GROUP_LABELS, GROUPS, groupFindings } from './findings.js';

/** The human form of one file's findings: grouped by severity, with the cells and their numbers. */
export function formatFindings(
  findings: readonly Finding[],
  values: Readonly<Record<string, string>>,
  labelOf: (id: string) => string,
  p: Paint,
): string[] {
  const lines: string[] = [];
  const groups = groupFindings(findings);
  for (const g of GROUPS) {
    const list = groups.get(g);
    if (!list?.length) continue;
    const color = g === 'error' || g === 'crossYear' ? p.red : g === 'warning' ? p.yellow : p.dim;
    lines.push(color(p.bold(`${GROUP_LABELS[g]}（${list.length}）`)));
    for (const f of list) {
      lines.push(`  ${color(f.ruleId.padEnd(6))}${f.message}`);
      const cells = f.cells.slice(0, 6).map((id) => `${labelOf(id)} = ${values[id] ?? '?'}`);
      if (f.cells.length > 6) cells.push(`…另有 ${f.cells.length - 6} 个单元格`);
      for (const c of cells) lines.push(p.dim(`        ${c}`));
      const said = f.status === 'failed' ? expectation(f) : null;
      if (said) lines.push(p.dim(`        ${said}`));
    }
  }
  return lines;
}

export function countsLine(r: Extract<FileResult, { ok: true }>): string {
  const c = r.counts;
  const imp = r.importErrors.length ? `，导入错误 ${r.importErrors.length}` : '';
  return `错误 ${c.error}，跨年 ${c.crossYear}，警告 ${c.warning}，提示 ${c.info}，未能核对 ${c.unchecked}${imp}`;
}
