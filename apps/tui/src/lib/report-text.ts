import { expectation, type Finding } from '@nianbao/core';
import type { FileResult } from './checker.js';
import type { Paint } from './color.js';
import { GROUP_LABELS, GROUPS, groupFindings } from './findings.js';
import { isDismissed } from './verdict.js';

/** The value `showValue` gives a cell the report does not have at all. */
const MISSING = '（缺）';

/**
 * The human form of one file's findings: grouped by severity, with the cells and their numbers and,
 * for a failed finding, what to do (core's `hint`). Rules that could not be checked because cells
 * are missing from the report (a table not read in full: S5 says which) are one line per table —
 * 「38 项因表三缺数无法核对」 — unless `verbose`, which lists each with its cells.
 */
export function formatFindings(
  all: readonly Finding[],
  values: Readonly<Record<string, string>>,
  labelOf: (id: string) => string,
  p: Paint,
  options: { verbose?: boolean } = {},
): string[] {
  const lines: string[] = [];
  // dismissed in the server's triage: listed last as such, with who and why, never as open
  const dismissed = all.filter(isDismissed);
  const findings = all.filter((f) => !isDismissed(f));
  const groups = groupFindings(findings);
  const tableOf = (id: string) => labelOf(id).split(' ')[0] ?? '';
  for (const g of GROUPS) {
    const all = groups.get(g);
    if (!all?.length) continue;
    // unchecked for want of cells the report does not have (not blank ones, not printed but unread)
    const forMissing = (f: Finding) =>
      !options.verbose &&
      f.status === 'unchecked' &&
      !f.message.includes('导入时未能读出') &&
      f.cells.some((c) => values[c] === MISSING);
    const list = all.filter((f) => !forMissing(f));
    const byTables = new Map<string, Finding[]>();
    for (const f of all.filter(forMissing)) {
      const key = [...new Set(f.cells.filter((c) => values[c] === MISSING).map(tableOf))].join('、');
      (byTables.get(key) ?? byTables.set(key, []).get(key)!).push(f);
    }
    const color = g === 'error' || g === 'crossYear' ? p.red : g === 'warning' ? p.yellow : p.dim;
    lines.push(color(p.bold(`${GROUP_LABELS[g]}（${all.length}）`)));
    for (const [tables, fs] of byTables) {
      const rules = new Map<string, number>();
      for (const f of fs) rules.set(f.ruleId, (rules.get(f.ruleId) ?? 0) + 1);
      // the structure findings that say what is missing (S5: cells of 表三; S3: 表四 itself)
      const why = [
        ...new Set(
          findings
            .filter(
              (f) =>
                f.status === 'failed' &&
                f.ruleId.startsWith('S') &&
                tables.split('、').some((t) => f.message.includes(t)),
            )
            .map((f) => f.ruleId),
        ),
      ];
      lines.push(
        `  ${fs.length} 项因${tables}缺数无法核对（${[...rules].map(([r, n]) => `${r} ${n}`).join('、')}）${why.length ? `：缺什么见 ${why.join('、')}` : ''}；补齐后再检查，--verbose 逐项列出`,
      );
    }
    let lastHint = '';
    for (const f of list) {
      lines.push(`  ${color(f.ruleId.padEnd(6))}${f.message}`);
      const cells = f.cells.slice(0, 6).map((id) => `${labelOf(id)} = ${values[id] ?? '?'}`);
      if (f.cells.length > 6) cells.push(`…另有 ${f.cells.length - 6} 个单元格`);
      for (const c of cells) lines.push(p.dim(`        ${c}`));
      const said = f.status === 'failed' ? expectation(f) : null;
      if (said) lines.push(p.dim(`        ${said}`));
      // what to do, once for a run of findings of one rule with the same advice
      const hint = f.status === 'failed' ? f.hint : '';
      if (hint && `${f.ruleId}|${hint}` !== lastHint) lines.push(p.dim(`        改法：${hint}`));
      lastHint = hint ? `${f.ruleId}|${hint}` : '';
    }
  }
  if (dismissed.length) {
    lines.push(p.dim(p.bold(`已忽略（${dismissed.length}）：服务器上已处理为忽略，不计入错误`)));
    for (const f of dismissed) {
      const t = (f as { triage?: { reason?: string; by?: string } }).triage ?? {};
      lines.push(p.dim(`  ${f.ruleId.padEnd(6)}${f.message}`));
      lines.push(p.dim(`        理由：${t.reason || '（未填写）'}${t.by ? `（${t.by}）` : ''}`));
    }
  }
  return lines;
}

export function countsLine(r: Extract<FileResult, { ok: true }>): string {
  const c = r.counts;
  const imp = r.importErrors.length ? `，导入错误 ${r.importErrors.length}` : '';
  const gone = c.dismissed ? `；已忽略 ${c.dismissed}（服务器上已处理，不计入）` : '';
  return `错误 ${c.error}，跨年 ${c.crossYear}，警告 ${c.warning}，提示 ${c.info}，未能核对 ${c.unchecked}${imp}${gone}`;
}
