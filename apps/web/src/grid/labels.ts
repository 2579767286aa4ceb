import {
  type CellId,
  cellDef,
  type EditionId,
  SEVERITY_LABELS,
  TABLE_KEYS,
  type ValueType,
} from '@nianbao/core';
import { type GridCell, tableGrid } from '@nianbao/render';

const cache = new Map<EditionId, ReadonlyMap<CellId, string>>();

/**
 * Each cell's name as the printed table gives it: the table, every row label to its left (the
 * groups it is under: 「（六）其他处理 3.其他」, not 「3.其他」 alone) and the column heads above it.
 * For screen readers (aria-label) and the cell bar. 表四 (no row labels): 「表四 行政诉讼 复议后起诉 · 尚未审结」.
 */
export function cellLabels(edition: EditionId): ReadonlyMap<CellId, string> {
  const hit = cache.get(edition);
  if (hit) return hit;
  const out = new Map<CellId, string>();
  for (const table of TABLE_KEYS) {
    const grid = tableGrid(edition, table);
    const all = grid.rows.flat();
    const rowLabels = all.filter((c) => c.kind === 'rowLabel');
    const heads = all.filter((c) => c.kind === 'header' && c.row < grid.headerRows);
    const covers = (h: GridCell, r: number, c: number) =>
      h.row <= r && r < h.row + h.rowSpan && h.col <= c && c < h.col + h.colSpan;
    for (const v of all) {
      if (v.kind !== 'value' || !v.cellId) continue;
      const def = cellDef(edition, v.cellId);
      if (!def) continue;
      const rows = rowLabels
        .filter((h) => h.row <= v.row && v.row < h.row + h.rowSpan && h.col + h.colSpan <= v.col)
        .sort((a, b) => a.col - b.col)
        .map((h) => h.text.trim())
        .filter(Boolean);
      const cols = grid.headerRows
        ? heads
            .filter((h) => covers(h, h.row, v.col))
            .sort((a, b) => a.row - b.row)
            .map((h) => h.text.trim())
            .filter(Boolean)
        : [];
      const prefix = def.label.split(' ')[0]!;
      const block = def.blockCaption ? `${def.blockCaption} ` : '';
      // A table without row labels (表四): the column heads are the whole path — the groups above
      // (「行政诉讼 复议后起诉」) name the row, the last head the column; said once each.
      const row = rows.length ? rows.join(' ') : cols.length > 1 ? cols.slice(0, -1).join(' ') : def.rowLabel;
      const col =
        rows.length || cols.length < 2 ? (cols.length ? cols.join(' ') : def.columnLabel) : cols.at(-1)!;
      out.set(v.cellId, `${prefix} ${block}${row} · ${col}`);
    }
  }
  cache.set(edition, out);
  return out;
}

const STATUS_WORD: Record<string, string> = { ...SEVERITY_LABELS, unchecked: '未能核对' };

/**
 * What a screen reader says of a cell after its name and number (its aria-describedby): what the cell
 * bar's chips say of it — 印制的总计与各项之和不符 (with the two numbers), 自动计算, 可为负数, 金额 — and its
 * worst finding, with how many more there are; '' when there is nothing to say. `title` is the cell's
 * marks, one a line: a printed total's disagreement first (when `conflict`), then the findings, the
 * worst first.
 */
export function cellDescription(
  def: { readonly derived: boolean; readonly valueType: ValueType; readonly unit?: string | null },
  mark?: { readonly status?: string; readonly conflict?: boolean; readonly title?: string },
): string {
  const lines = (mark?.title ?? '').split('\n').filter(Boolean);
  const parts: string[] = [];
  if (mark?.conflict) {
    parts.push('印制的总计与各项之和不符');
    const line = lines.shift();
    if (line) parts.push(line);
  } else if (def.derived) parts.push('自动计算');
  if (def.valueType === 'signedCount') parts.push('可为负数');
  if (def.valueType === 'money') parts.push(def.unit ? `金额（${def.unit}）` : '金额');
  if (lines.length) {
    const word = mark?.status ? STATUS_WORD[mark.status] : undefined;
    parts.push(`${word ? `${word}：` : ''}${lines[0]}`);
    if (lines.length > 1) parts.push(`另有 ${lines.length - 1} 个问题，见检查结果`);
  }
  return parts.join('；');
}
