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
  /**
   * Every cell's place: table index, row, column (within the value cells of its row); and the columns
   * it covers in the printed table — from `col`, `span` of them (a merged cell of 表二 covers several).
   */
  readonly pos: ReadonlyMap<CellId, NavPos>;
  /** Every value cell in reading order (tables 二, 三, 四). */
  readonly order: readonly CellId[];
  readonly derived: ReadonlySet<CellId>;
}

export interface NavPos {
  readonly t: number;
  readonly r: number;
  readonly c: number;
  /** The printed table's column the cell starts in (its grid column, row labels included). */
  readonly col: number;
  /** How many printed columns it covers (1; more for a merged cell). */
  readonly span: number;
}

const cache = new Map<EditionId, Nav>();

/** Keyboard navigation of an edition's three tables, derived from the same grids the official layout prints. */
export function buildNav(edition: EditionId): Nav {
  const hit = cache.get(edition);
  if (hit) return hit;
  const e = getEdition(edition);
  const tables: NavTable[] = [];
  const pos = new Map<CellId, NavPos>();
  const order: CellId[] = [];
  TABLE_KEYS.forEach((table, t) => {
    const grid = tableGrid(edition, table);
    const rows: CellId[][] = [];
    for (const gridRow of grid.rows) {
      const cells = gridRow.filter((c) => c.kind === 'value' && c.cellId);
      const ids = cells.map((c) => c.cellId!);
      if (!ids.length) continue;
      cells.forEach((cell, c) => {
        pos.set(cell.cellId!, { t, r: rows.length, c, col: cell.col, span: cell.colSpan });
        order.push(cell.cellId!);
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

/** The cell of row `r` of table `t` that covers printed column `col`; undefined: the row has none there. */
function cellAt(nav: Nav, t: number, r: number, col: number): CellId | undefined {
  return nav.tables[t]!.rows[r]!.find((id) => {
    const q = nav.pos.get(id)!;
    return q.col <= col && col < q.col + q.span;
  });
}

/**
 * The printed column the user is in, per table (by its index), while they move up and down: kept from
 * one move to the next by the caller ({@link keptAfter}), begun anew by any other move.
 */
export type KeptColumns = ReadonlyMap<number, number>;

/**
 * The printed column ↑ / ↓ keep from `from`: the one kept for its table — the column the user was in
 * before passing into a merged cell (行政许可's one cell under three columns of 表二) — while `from`
 * covers it, else the column `from` starts in.
 */
export function keptColumn(nav: Nav, from: CellId, kept?: KeptColumns): number | undefined {
  const p = nav.pos.get(from);
  if (!p) return undefined;
  const column = kept?.get(p.t);
  return column !== undefined && p.col <= column && column < p.col + p.span ? column : p.col;
}

/**
 * One row up or down in the same printed column: the next row of the table with a cell in that column
 * (rows without one skipped; none: the cursor stays). From the table's first / last row the move goes
 * on into the table before / after, its last / first row: in the column kept for that table when the
 * user came from it in this run of moves (表三 总计 ↑ 表二 ↓ is 总计 again), else by the cell's place in
 * the row (the tables' columns are not the same columns).
 */
function vertical(nav: Nav, from: CellId, dir: 1 | -1, kept?: KeptColumns): CellId | undefined {
  const p = nav.pos.get(from);
  if (!p) return undefined;
  const col = keptColumn(nav, from, kept)!;
  const rows = nav.tables[p.t]!.rows;
  if (p.r + dir >= 0 && p.r + dir < rows.length) {
    for (let r = p.r + dir; r >= 0 && r < rows.length; r += dir) {
      const id = cellAt(nav, p.t, r, col);
      if (id) return id;
    }
    return from;
  }
  const t = p.t + dir;
  const next = nav.tables[t];
  if (!next) return from;
  const r = dir > 0 ? 0 : next.rows.length - 1;
  const back = kept?.get(t);
  const row = next.rows[r]!;
  return (back === undefined ? undefined : cellAt(nav, t, r, back)) ?? row[Math.min(p.c, row.length - 1)];
}

/**
 * Row `to` of the table (kept within it) in the same printed column; a row without a cell there: the
 * nearest one back towards `from` that has one (none: `from`).
 */
function paged(nav: Nav, from: CellId, to: number, kept?: KeptColumns): CellId {
  const p = nav.pos.get(from)!;
  const col = keptColumn(nav, from, kept)!;
  const rows = nav.tables[p.t]!.rows;
  const target = Math.max(0, Math.min(rows.length - 1, to));
  const back = target > p.r ? -1 : 1;
  for (let r = target; r !== p.r; r += back) {
    const id = cellAt(nav, p.t, r, col);
    if (id) return id;
  }
  return from;
}

/** The keys that move up or down a column (and keep it: {@link keptColumn}). */
export const VERTICAL_KEYS: ReadonlySet<NavKey> = new Set<NavKey>([
  'ArrowUp',
  'ArrowDown',
  'Enter',
  'PageUp',
  'PageDown',
]);

/**
 * The columns to keep on from `to`, reached from `from` by `key` (with `kept` before): after an up or
 * down move, the column of each table passed through in this run (the one `from` kept, and the one
 * `to` is in); none after any other move (the column is then the one the cell reached starts in).
 */
export function keptAfter(
  nav: Nav,
  from: CellId,
  to: CellId,
  key: NavKey,
  kept?: KeptColumns,
): KeptColumns | undefined {
  const a = nav.pos.get(from);
  const b = nav.pos.get(to);
  if (!VERTICAL_KEYS.has(key) || !a || !b) return undefined;
  const out = new Map(kept);
  out.set(a.t, keptColumn(nav, from, kept)!);
  out.set(b.t, keptColumn(nav, to, out)!);
  return out;
}

/**
 * Where a key moves the cursor, as in a spreadsheet: arrows move one cell (up/down cross into the
 * next table), Enter moves down (Shift+Enter up), Tab moves right to the next cell that can be typed
 * into, wrapping to the next row (Shift+Tab back). Read-only totals are skipped by Tab only; past the
 * last typeable cell Tab gives `undefined`: focus leaves the grid (no keyboard trap). Home / End go to
 * the row's first / last cell, Ctrl+Home / Ctrl+End to the table's, PageUp / PageDown move
 * {@link PAGE_ROWS} rows in the same column without leaving the table (totals included, as arrows).
 *
 * Up and down (arrows, Enter, PageUp / PageDown) keep the printed column, as a spreadsheet does: the
 * cell below is the one under the same column heading, whatever its place in its row's list of cells.
 * `kept` is the column the user is in, per table, when `from` is a merged cell reached from a narrower
 * one or the move goes back into a table just left ({@link keptColumn}, {@link keptAfter}: the caller
 * keeps it from move to move), so 现行有效件数 ↓ 行政许可 ↑ is 现行有效件数 again, not 本年制发件数.
 */
export function move(
  nav: Nav,
  from: CellId,
  key: NavKey,
  shift = false,
  kept?: KeptColumns,
): CellId | undefined {
  const p = nav.pos.get(from);
  if (!p) return undefined;
  const rows = nav.tables[p.t]!.rows;
  const row = rows[p.r]!;
  switch (key) {
    case 'ArrowUp':
      return vertical(nav, from, -1, kept);
    case 'ArrowDown':
      return vertical(nav, from, 1, kept);
    case 'Enter':
      return vertical(nav, from, shift ? -1 : 1, kept);
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
      return paged(nav, from, p.r - PAGE_ROWS, kept);
    case 'PageDown':
      return paged(nav, from, p.r + PAGE_ROWS, kept);
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
