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

export type NavKey = 'ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight' | 'Enter' | 'Tab';

export function isNavKey(key: string): key is NavKey {
  return (
    key === 'ArrowUp' ||
    key === 'ArrowDown' ||
    key === 'ArrowLeft' ||
    key === 'ArrowRight' ||
    key === 'Enter' ||
    key === 'Tab'
  );
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
 * last typeable cell Tab gives `undefined`: focus leaves the grid (no keyboard trap).
 */
export function move(nav: Nav, from: CellId, key: NavKey, shift = false): CellId | undefined {
  const p = nav.pos.get(from);
  if (!p) return undefined;
  switch (key) {
    case 'ArrowUp':
      return vertical(nav, from, -1);
    case 'ArrowDown':
      return vertical(nav, from, 1);
    case 'Enter':
      return vertical(nav, from, shift ? -1 : 1);
    case 'ArrowLeft': {
      const row = nav.tables[p.t]!.rows[p.r]!;
      return row[Math.max(0, p.c - 1)];
    }
    case 'ArrowRight': {
      const row = nav.tables[p.t]!.rows[p.r]!;
      return row[Math.min(row.length - 1, p.c + 1)];
    }
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

/** The cells a block of rows × columns lands on from a starting cell; values beyond the table are left out. */
export function blockTargets(
  nav: Nav,
  start: CellId,
  block: readonly (readonly string[])[],
): { targets: { cell: CellId; text: string; row: number; col: number }[]; outside: number } {
  const p = nav.pos.get(start);
  if (!p) return { targets: [], outside: block.flat().length };
  const table = nav.tables[p.t]!;
  const targets: { cell: CellId; text: string; row: number; col: number }[] = [];
  let outside = 0;
  block.forEach((values, i) => {
    const row = table.rows[p.r + i];
    values.forEach((text, j) => {
      const cell = row?.[p.c + j];
      if (cell) targets.push({ cell, text, row: i, col: j });
      else if (text.trim() !== '') outside++;
    });
  });
  return { targets, outside };
}
