import { type CellId, type EditionId, getEdition, TABLE_KEYS, type TableKey } from '@nianbao/core';
import { tableGrid } from '@nianbao/render';

/** The value cells of one table, row by row, in printed order (the official layout's grid). */
export interface NavTable {
  readonly table: TableKey;
  readonly rows: readonly (readonly CellId[])[];
}

export interface Nav {
  readonly edition: EditionId;
  readonly tables: readonly NavTable[];
  /** Every cell's place: table index, row, column (within the value cells of its row). */
  readonly pos: ReadonlyMap<CellId, { readonly t: number; readonly r: number; readonly c: number }>;
  /** Every value cell in reading order (tables 二, 三, 四). */
  readonly order: readonly CellId[];
  readonly derived: ReadonlySet<CellId>;
}

const cache = new Map<EditionId, Nav>();

/** Keyboard navigation of an edition's three tables, derived from the same grids the official layout prints. */
export function buildNav(edition: EditionId): Nav {
  const hit = cache.get(edition);
  if (hit) return hit;
  const e = getEdition(edition);
  const tables: NavTable[] = [];
  const pos = new Map<CellId, { t: number; r: number; c: number }>();
  const order: CellId[] = [];
  TABLE_KEYS.forEach((table, t) => {
    const grid = tableGrid(edition, table);
    const rows: CellId[][] = [];
    for (const gridRow of grid.rows) {
      const ids = gridRow.filter((c) => c.kind === 'value' && c.cellId).map((c) => c.cellId!);
      if (!ids.length) continue;
      ids.forEach((id, c) => {
        pos.set(id, { t, r: rows.length, c });
        order.push(id);
      });
      rows.push(ids);
    }
    tables.push({ table, rows });
  });
  const derived = new Set(e.cells.filter((c) => c.derived).map((c) => c.id));
  const nav: Nav = { edition, tables, pos, order, derived };
  cache.set(edition, nav);
  return nav;
}

/**
 * A key that moves the cursor. Home / End: the first / last cell of the row; Ctrl+Home / Ctrl+End: of
 * the table; PageUp / PageDown: {@link PAGE_ROWS} rows up / down within the table.
 */
export type NavKey =
  | 'ArrowUp'
  | 'ArrowDown'
  | 'ArrowLeft'
  | 'ArrowRight'
  | 'Enter'
  | 'Tab'
  | 'Home'
  | 'End'
  | 'Ctrl+Home'
  | 'Ctrl+End'
  | 'PageUp'
  | 'PageDown';

/** How many rows PageUp / PageDown move (「键盘操作」 says so): about a screen of 表三 on a laptop. */
export const PAGE_ROWS = 10;

export function isNavKey(key: string): key is NavKey {
  return (
    key === 'ArrowUp' ||
    key === 'ArrowDown' ||
    key === 'ArrowLeft' ||
    key === 'ArrowRight' ||
    key === 'Enter' ||
    key === 'Tab' ||
    key === 'Home' ||
    key === 'End' ||
    key === 'Ctrl+Home' ||
    key === 'Ctrl+End' ||
    key === 'PageUp' ||
    key === 'PageDown'
  );
}

const DOM_KEYS = new Set(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'PageUp', 'PageDown']);

/**
 * The move a key press asks for, as the grid reads it; undefined: the key is not the grid's. Ctrl (or ⌘)
 * with Home / End is the table's first / last cell. With Alt, Ctrl or ⌘ an arrow or a page key is the
 * browser's (a word jump, history, another tab), and so is Shift with Home / End (selecting the text).
 */
export function navKeyOf(e: {
  readonly key: string;
  readonly altKey?: boolean;
  readonly ctrlKey?: boolean;
  readonly metaKey?: boolean;
  readonly shiftKey?: boolean;
}): NavKey | undefined {
  const ctrl = e.ctrlKey || e.metaKey;
  if (e.key === 'Home' || e.key === 'End') {
    if (e.altKey || e.shiftKey) return undefined;
    return ctrl ? (`Ctrl+${e.key}` as const) : e.key;
  }
  if (e.key === 'Enter' || e.key === 'Tab') return e.key;
  if (e.altKey || ctrl || !DOM_KEYS.has(e.key)) return undefined;
  return e.key as NavKey;
}

function vertical(nav: Nav, from: CellId, dir: 1 | -1): CellId | undefined {
  const p = nav.pos.get(from);
  if (!p) return undefined;
  let t = p.t;
  let r = p.r + dir;
  let table = nav.tables[t]!;
  if (r < 0 || r >= table.rows.length) {
    t += dir;
    const next = nav.tables[t];
    if (!next) return from;
    table = next;
    r = dir > 0 ? 0 : table.rows.length - 1;
  }
  const row = table.rows[r]!;
  return row[Math.min(p.c, row.length - 1)];
}

/**
 * Where a key moves the cursor, as in a spreadsheet: arrows move one cell (up/down cross into the
 * next table), Enter moves down (Shift+Enter up), Tab moves right to the next cell that can be typed
 * into, wrapping to the next row (Shift+Tab back). Read-only totals are skipped by Tab only; past the
 * last typeable cell Tab gives `undefined`: focus leaves the grid (no keyboard trap). Home / End go to
 * the row's first / last cell, Ctrl+Home / Ctrl+End to the table's, PageUp / PageDown move
 * {@link PAGE_ROWS} rows in the same column without leaving the table (totals included, as arrows).
 */
export function move(nav: Nav, from: CellId, key: NavKey, shift = false): CellId | undefined {
  const p = nav.pos.get(from);
  if (!p) return undefined;
  const rows = nav.tables[p.t]!.rows;
  const row = rows[p.r]!;
  /** Row r of this table (kept within it), in this column or the row's last when it is shorter. */
  const inRow = (r: number) => {
    const to = rows[Math.max(0, Math.min(rows.length - 1, r))]!;
    return to[Math.min(p.c, to.length - 1)];
  };
  switch (key) {
    case 'ArrowUp':
      return vertical(nav, from, -1);
    case 'ArrowDown':
      return vertical(nav, from, 1);
    case 'Enter':
      return vertical(nav, from, shift ? -1 : 1);
    case 'ArrowLeft':
      return row[Math.max(0, p.c - 1)];
    case 'ArrowRight':
      return row[Math.min(row.length - 1, p.c + 1)];
    case 'Home':
      return row[0];
    case 'End':
      return row.at(-1);
    case 'Ctrl+Home':
      return rows[0]![0];
    case 'Ctrl+End':
      return rows.at(-1)!.at(-1);
    case 'PageUp':
      return inRow(p.r - PAGE_ROWS);
    case 'PageDown':
      return inRow(p.r + PAGE_ROWS);
    case 'Tab': {
      const i = nav.order.indexOf(from);
      const step = shift ? -1 : 1;
      for (let j = i + step; j >= 0 && j < nav.order.length; j += step) {
        const id = nav.order[j]!;
        if (!nav.derived.has(id)) return id;
      }
      // Past the last cell (or before the first): Tab leaves the grid, as everywhere else on the page.
      return undefined;
    }
  }
}

// Where a pasted block lands (the cells from the cursor, what falls outside the table) is core's
// planPaste (packages/core/src/paste.ts), on the same grid: a Nav is the PasteLayout core builds.
