import { type CellId, cellDef, derive, type Report, setCell } from '@nianbao/core';
import { blockTargets, type Nav } from './nav';
import { parseCellText } from './numbers';
import { parseTsv } from './tsv';

export interface PasteChange {
  readonly cell: CellId;
  readonly label: string;
  readonly from: number | null;
  readonly to: number | null;
}

export interface PasteResult {
  readonly report: Report;
  /** Cells whose value changed (totals that now disagree with their parts are kept, and flagged by derive). */
  readonly changes: readonly PasteChange[];
  /** Cells the block covered (changed or not). */
  readonly covered: readonly CellId[];
  /** Values that are not numbers of their cell's kind: skipped, 简体中文. */
  readonly errors: readonly string[];
  /** Non-empty values that fell outside the table. */
  readonly outside: number;
}

/**
 * Paste a tab-separated block (Excel, WPS) with its top-left value at `start`. Input cells take the
 * pasted numbers; a pasted total equal to what its parts give is kept as computed, one that differs
 * is kept as stated and flagged (derive reports it), never overwritten silently.
 */
export function pasteBlock(report: Report, nav: Nav, start: CellId, text: string): PasteResult {
  const block = parseTsv(text);
  const { targets, outside } = blockTargets(nav, start, block);
  const edition = report.meta.edition;
  const errors: string[] = [];
  let entered = report;
  const totals: { cell: CellId; value: number | null }[] = [];
  const covered: CellId[] = [];
  for (const t of targets) {
    const def = cellDef(edition, t.cell);
    if (!def) continue;
    const parsed = parseCellText(t.text, def.valueType, def.unit);
    if (parsed.kind === 'error') {
      errors.push(`第 ${t.row + 1} 行第 ${t.col + 1} 列：${parsed.message}，已跳过（${def.label}）`);
      continue;
    }
    covered.push(t.cell);
    const value = parsed.kind === 'value' ? parsed.value : null;
    if (def.derived) {
      totals.push({ cell: t.cell, value });
      continue;
    }
    // As typing does (core's setCell): a cell the report lacks is added, with its unit if money.
    entered = setCell(entered, t.cell, value);
    // 「15.3万元」 pasted where the report says the unit: the unit pasted is the cell's.
    const set = entered.cells[t.cell];
    if (parsed.kind === 'value' && parsed.unit && set)
      entered = { ...entered, cells: { ...entered.cells, [t.cell]: { ...set, unit: parsed.unit } } };
  }
  let next = derive(entered, { fillAbsent: true }).report;
  if (totals.length) {
    const stated = { ...next.cells };
    let any = false;
    for (const t of totals) {
      const computed = stated[t.cell]?.value ?? null;
      if (t.value === null || t.value === computed) continue;
      stated[t.cell] = { value: t.value, origin: 'entered' };
      any = true;
    }
    if (any) next = derive({ ...next, cells: stated }).report;
  }
  const changes: PasteChange[] = [];
  for (const [id, cell] of Object.entries(next.cells)) {
    const before = report.cells[id]?.value ?? null;
    if (before !== cell.value)
      changes.push({ cell: id, label: cellDef(edition, id)?.label ?? id, from: before, to: cell.value });
  }
  return { report: next, changes, covered, errors, outside };
}
