import { type EditionId, getEdition, TABLE_SHORT, type TableKey } from '@nianbao/core';

/** One line of a table as the grid shows it: a header with column labels, a group caption, or a row of cells. */
export type GridLine =
  | { readonly kind: 'header'; readonly label: string; readonly columns: readonly string[] }
  | { readonly kind: 'group'; readonly label: string }
  | { readonly kind: 'row'; readonly label: string; readonly cells: readonly string[] };

export interface TableLayout {
  readonly key: TableKey;
  readonly short: string;
  readonly lines: readonly GridLine[];
  /** Indices into `lines` of the rows the cursor can be on. */
  readonly rows: readonly number[];
  /** The most cells any row has. */
  readonly maxColumns: number;
}

export const TABLE_ORDER: readonly TableKey[] = ['activeDisclosure', 'applications', 'reviewLitigation'];

const cache = new Map<string, TableLayout>();

/** The grid of one table of an edition, derived from the edition data (no layout of our own). */
export function tableLayout(editionId: EditionId, key: TableKey): TableLayout {
  const ck = `${editionId}:${key}`;
  const hit = cache.get(ck);
  if (hit) return hit;
  const e = getEdition(editionId);
  const lines: GridLine[] = [];
  if (key === 'activeDisclosure') {
    for (const b of e.tables.activeDisclosure.blocks) {
      lines.push({ kind: 'header', label: b.caption, columns: b.columns.map((c) => c.label) });
      for (const r of b.rows)
        lines.push({
          kind: 'row',
          label: r.label,
          cells: b.columns.map((c) => `activeDisclosure.${r.key}.${c.key}`),
        });
    }
  } else if (key === 'applications') {
    const t = e.tables.applications;
    lines.push({ kind: 'header', label: '申请人情况', columns: t.columns.map((c) => c.label) });
    for (const r of t.rows) {
      if (r.kind === 'group') lines.push({ kind: 'group', label: r.label });
      else
        lines.push({
          kind: 'row',
          label: r.label,
          cells: t.columns.map((c) => `applications.${r.key}.${c.key}`),
        });
    }
  } else {
    const t = e.tables.reviewLitigation;
    lines.push({ kind: 'header', label: '', columns: t.columns.map((c) => c.label) });
    for (const r of t.rows)
      lines.push({
        kind: 'row',
        label: r.label,
        cells: t.columns.map((c) => `reviewLitigation.${r.key}.${c.key}`),
      });
  }
  const rows = lines.flatMap((l, i) => (l.kind === 'row' ? [i] : []));
  const maxColumns = Math.max(...lines.map((l) => (l.kind === 'row' ? l.cells.length : 0)));
  const layout: TableLayout = { key, short: TABLE_SHORT[key], lines, rows, maxColumns };
  cache.set(ck, layout);
  return layout;
}

/** Where a cell is in the grid: table, row index (among rows), column. */
export function locateCell(
  editionId: EditionId,
  id: string,
): { table: TableKey; row: number; col: number } | undefined {
  for (const key of TABLE_ORDER) {
    const t = tableLayout(editionId, key);
    for (let r = 0; r < t.rows.length; r++) {
      const line = t.lines[t.rows[r]!]!;
      if (line.kind !== 'row') continue;
      const col = line.cells.indexOf(id);
      if (col >= 0) return { table: key, row: r, col };
    }
  }
  return undefined;
}

/** The cell id under the cursor. */
export function cellAt(editionId: EditionId, table: TableKey, row: number, col: number): string | undefined {
  const t = tableLayout(editionId, table);
  const line = t.lines[t.rows[row] ?? -1];
  if (line?.kind !== 'row') return undefined;
  return line.cells[Math.min(col, line.cells.length - 1)];
}
