import { listCells, TABLE_KEYS } from '@nianbao/core';
import { tableGrid } from '@nianbao/render';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildNav, type KeptColumns, keptAfter, move, type NavKey, navKeyOf, PAGE_ROWS } from './nav';

// Home / End, Ctrl+Home / Ctrl+End, PageUp / PageDown: as in a spreadsheet (QA keyboard, item 9).
describe.each(['2021', '2019-trial'] as const)('the spreadsheet keys (%s)', (edition) => {
  const nav = buildNav(edition);
  const anyCell = fc.constantFrom(...listCells(edition).map((c) => c.id));
  const at = (id: string) => nav.pos.get(id as never)!;

  it('Home / End: the first / last cell of the same row', () => {
    fc.assert(
      fc.property(anyCell, (id) => {
        const p = at(id);
        const row = nav.tables[p.t]!.rows[p.r]!;
        expect(move(nav, id, 'Home')).toBe(row[0]);
        expect(move(nav, id, 'End')).toBe(row.at(-1));
      }),
    );
  });

  it('Ctrl+Home / Ctrl+End: the first / last cell of the table the cell is in', () => {
    fc.assert(
      fc.property(anyCell, (id) => {
        const rows = nav.tables[at(id).t]!.rows;
        expect(move(nav, id, 'Ctrl+Home')).toBe(rows[0]![0]);
        expect(move(nav, id, 'Ctrl+End')).toBe(rows.at(-1)!.at(-1));
      }),
    );
  });

  it(`PageDown / PageUp: ${PAGE_ROWS} rows down / up, the same table, the same column where the row has it`, () => {
    fc.assert(
      fc.property(anyCell, fc.constantFrom<NavKey>('PageUp', 'PageDown'), (id, key) => {
        const p = at(id);
        const rows = nav.tables[p.t]!.rows;
        const to = at(move(nav, id, key)!);
        const want = Math.max(
          0,
          Math.min(rows.length - 1, p.r + (key === 'PageDown' ? PAGE_ROWS : -PAGE_ROWS)),
        );
        expect(to.t).toBe(p.t);
        expect(to.r).toBe(want);
        expect(to.c).toBe(Math.min(p.c, rows[want]!.length - 1));
      }),
    );
  });

  it('PageDown then PageUp comes back to the cell when the table has the rows', () => {
    fc.assert(
      fc.property(anyCell, (id) => {
        const p = at(id);
        const rows = nav.tables[p.t]!.rows;
        fc.pre(p.r + PAGE_ROWS < rows.length && rows[p.r + PAGE_ROWS]!.length > p.c);
        expect(move(nav, move(nav, id, 'PageDown')!, 'PageUp')).toBe(id);
      }),
    );
  });
});

// ↑ / ↓ keep the printed column (表二's blocks have 3, 1 or 2 columns, the last spanning the rest): the
// column of a cell is read here from the printed grid itself (render's tableGrid), not from the nav.
describe.each(['2021', '2019-trial'] as const)('↑ / ↓ keep the printed column (%s)', (edition) => {
  const nav = buildNav(edition);
  /** Every value cell's table, printed row (value rows only) and the columns it covers, from the grid. */
  const printed = new Map<string, { t: number; row: number; from: number; to: number }>();
  const rowCount: number[] = [];
  TABLE_KEYS.forEach((table, t) => {
    let row = 0;
    for (const gridRow of tableGrid(edition, table).rows) {
      const values = gridRow.filter((c) => c.kind === 'value');
      if (!values.length) continue;
      for (const c of values) printed.set(c.cellId!, { t, row, from: c.col, to: c.col + c.colSpan - 1 });
      row++;
    }
    rowCount[t] = row;
  });
  const covers = (id: string, col: number) => printed.get(id)!.from <= col && col <= printed.get(id)!.to;
  /** Whether a printed row of table t has a cell under column col. */
  const rowHas = (t: number, row: number, col: number) =>
    [...printed].some(([id, p]) => p.t === t && p.row === row && covers(id, col));
  const anyCell = fc.constantFrom(...listCells(edition).map((c) => c.id));
  const vertical = ['ArrowUp', 'ArrowDown', 'Enter', 'PageUp', 'PageDown'] as const;
  const anyKey = fc.record({
    key: fc.constantFrom<NavKey>(...vertical, 'ArrowLeft', 'ArrowRight', 'Home', 'End', 'Tab'),
    shift: fc.boolean(),
  });

  it('over any keys: after ↑ ↓ Enter PageUp PageDown, the cell is under the column the user was in in its table', () => {
    fc.assert(
      fc.property(anyCell, fc.array(anyKey, { maxLength: 40 }), (start, keys) => {
        let at: string = start;
        // the user's column in each table: where the last move across (or the start) put them, and each
        // table entered since by up and down moves only
        let cols = new Map([[printed.get(at)!.t, printed.get(at)!.from]]);
        let kept: KeptColumns | undefined;
        for (const { key, shift } of keys) {
          const to = move(nav, at as never, key, shift, kept);
          if (to === undefined) break; // Tab past the grid: the focus leaves it
          const a = printed.get(at)!;
          const b = printed.get(to)!;
          if ((vertical as readonly string[]).includes(key)) {
            const down = key === 'ArrowDown' || key === 'PageDown' || (key === 'Enter' && !shift);
            const col = cols.get(b.t);
            if (a.t !== b.t) {
              // into the next table: back under the column left there, else by place (then its column)
              if (col !== undefined) expect(covers(to, col)).toBe(true);
              else cols.set(b.t, b.from);
            } else if (to === at) {
              // stayed: no row that way has the column (the table's edge row, for ↑ ↓ Enter, leaves it)
              const rows = down ? [a.row + 1, rowCount[a.t]! - 1] : [0, a.row - 1];
              for (let r = rows[0]!; r <= rows[1]!; r++)
                if (key !== 'PageUp' && key !== 'PageDown') expect(rowHas(a.t, r, col!)).toBe(false);
            } else {
              expect(covers(to, col!)).toBe(true);
              if (key === 'ArrowUp' || key === 'ArrowDown' || key === 'Enter') {
                // the nearest such row: none skipped that has the column
                for (let r = a.row + (down ? 1 : -1); r !== b.row; r += down ? 1 : -1)
                  expect(rowHas(a.t, r, col!)).toBe(false);
              }
            }
          } else cols = new Map([[b.t, b.from]]);
          kept = keptAfter(nav, at as never, to, key, kept);
          at = to;
        }
      }),
      { numRuns: 1000 },
    );
  });

  it.each([
    ['ArrowDown', 'ArrowUp'],
    ['ArrowUp', 'ArrowDown'],
  ] as const)(
    '%s n times then %s n times come back along the same cells, across tables too',
    (there, back) => {
      fc.assert(
        fc.property(anyCell, fc.integer({ min: 1, max: 40 }), (start, n) => {
          let at: string = start;
          let kept: KeptColumns | undefined;
          const path = [at];
          for (let i = 0; i < n; i++) {
            const to = move(nav, at as never, there, false, kept)!;
            if (to === at) break; // the first table's first row, the last one's last
            kept = keptAfter(nav, at as never, to, there, kept);
            at = to;
            path.push(at);
          }
          for (let i = path.length - 1; i > 0; i--) {
            const to = move(nav, at as never, back, false, kept)!;
            kept = keptAfter(nav, at as never, to, back, kept);
            at = to;
            expect(at).toBe(path[i - 1]);
          }
        }),
      );
    },
  );
});

describe('which key presses the grid takes', () => {
  it('Home / End, with Ctrl or ⌘ the table’s; with Shift or Alt they are the browser’s (select, home page)', () => {
    expect(navKeyOf({ key: 'Home' })).toBe('Home');
    expect(navKeyOf({ key: 'End' })).toBe('End');
    expect(navKeyOf({ key: 'Home', ctrlKey: true })).toBe('Ctrl+Home');
    expect(navKeyOf({ key: 'End', metaKey: true })).toBe('Ctrl+End');
    expect(navKeyOf({ key: 'Home', shiftKey: true })).toBeUndefined();
    expect(navKeyOf({ key: 'End', altKey: true })).toBeUndefined();
  });
  it('PageUp / PageDown and arrows alone; with Ctrl, ⌘ or Alt the browser’s (another tab, history)', () => {
    expect(navKeyOf({ key: 'PageDown' })).toBe('PageDown');
    expect(navKeyOf({ key: 'PageUp', shiftKey: true })).toBe('PageUp');
    expect(navKeyOf({ key: 'PageDown', ctrlKey: true })).toBeUndefined();
    expect(navKeyOf({ key: 'ArrowLeft', altKey: true })).toBeUndefined();
    expect(navKeyOf({ key: 'ArrowDown' })).toBe('ArrowDown');
    expect(navKeyOf({ key: 'Enter', shiftKey: true })).toBe('Enter');
    expect(navKeyOf({ key: 'Tab', shiftKey: true })).toBe('Tab');
    expect(navKeyOf({ key: 'Ctrl+Home' })).toBeUndefined();
    expect(navKeyOf({ key: 'a' })).toBeUndefined();
  });
});
