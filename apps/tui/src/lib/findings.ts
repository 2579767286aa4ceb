import {
  cellDef,
  type Finding,
  getEdition,
  type Report,
  SEVERITY_LABELS,
  type Severity,
  type TableKey,
} from '@nianbao/core';

/** Display groups: the four severities of failed findings, then what could not be checked. */
export type Group = Severity | 'unchecked';
export const GROUPS: readonly Group[] = ['error', 'crossYear', 'warning', 'info', 'unchecked'];
export const GROUP_LABELS: Record<Group, string> = { ...SEVERITY_LABELS, unchecked: '未能核对' };

export function groupOf(f: Finding): Group {
  return f.status === 'unchecked' ? 'unchecked' : f.severity;
}

const RANK: Record<Group, number> = { error: 0, crossYear: 1, warning: 2, info: 3, unchecked: 4 };

/** Findings sorted by group (errors first), stable within a group. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return findings
    .map((f, i) => [f, i] as const)
    .sort((a, b) => RANK[groupOf(a[0])] - RANK[groupOf(b[0])] || a[1] - b[1])
    .map(([f]) => f);
}

export function groupFindings(findings: readonly Finding[]): Map<Group, Finding[]> {
  const m = new Map<Group, Finding[]>();
  for (const f of findings) {
    const g = groupOf(f);
    (m.get(g) ?? m.set(g, []).get(g)!).push(f);
  }
  return m;
}

export { hasErrors } from './verdict.js';

/** The printed form of a cell value: blank as 「空白」. */
export function showValue(report: Report, id: string): string {
  const c = report.cells[id];
  if (c === undefined) return '（缺）';
  if (c.value === null) return c.raw ? `空白（${c.raw}）` : '空白';
  return String(c.value);
}

/** 「表三 一、本年新收… · 自然人 = 3」 for each cell of a finding (at most `max`). */
export function cellLines(report: Report, f: Finding, max = 6): string[] {
  const out = f.cells.slice(0, max).map((id) => {
    const def = cellDef(report.meta.edition, id);
    return `${def?.label ?? id} = ${showValue(report, id)}`;
  });
  if (f.cells.length > max) out.push(`…另有 ${f.cells.length - max} 个单元格`);
  return out;
}

/** Cell id → the findings that name it (for marking cells in the grid). */
export function findingsByCell(findings: readonly Finding[]): Map<string, Finding[]> {
  const m = new Map<string, Finding[]>();
  for (const f of findings) {
    if (f.status !== 'failed') continue;
    for (const c of f.cells) (m.get(c) ?? m.set(c, []).get(c)!).push(f);
  }
  return m;
}

/** Which table a finding points at first (for jumping from the findings pane). */
export function tableOf(report: Report, f: Finding): TableKey | undefined {
  const id = f.cells[0];
  if (!id) return undefined;
  return getEdition(report.meta.edition).cellIndex.get(id)?.table;
}
