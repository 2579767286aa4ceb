import { listCells } from '@nianbao/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildNav, move, type NavKey, navKeyOf, PAGE_ROWS } from './nav';

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
