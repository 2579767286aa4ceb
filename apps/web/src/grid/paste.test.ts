import { EDITION_IDS, pasteLabelKey, pasteLayout, pasteTableLabels, TABLE_KEYS } from '@nianbao/core';
import { tableGrid } from '@nianbao/render';
import { describe, expect, it } from 'vitest';
import { buildNav } from './nav';

// The paste rules are core's; core places a block on the official layout. The form's grid is built
// from the printed grid (render's tableGrid): both must be the same grid, or a paste would land on
// other cells than the ones the user sees.
describe('paste: core places a block on the grid the form shows', () => {
  for (const edition of EDITION_IDS)
    it(`${edition}: the same rows of cells, and the same heads a header line is recognised by`, () => {
      const nav = buildNav(edition);
      const layout = pasteLayout(edition);
      expect(layout.tables.map((t) => t.table)).toEqual(nav.tables.map((t) => t.table));
      layout.tables.forEach((t, i) => {
        expect(t.rows).toEqual(nav.tables[i]!.rows);
      });
      // the same place of every cell (the form's nav also knows the printed columns a cell covers)
      expect(new Map(layout.pos)).toEqual(
        new Map([...nav.pos].map(([id, { t, r, c }]) => [id, { t, r, c }])),
      );
      for (const table of TABLE_KEYS) {
        const printed = new Set(
          tableGrid(edition, table)
            .rows.flat()
            .filter(
              (c) => (c.kind === 'header' || c.kind === 'caption' || c.kind === 'corner') && c.text.trim(),
            )
            .map((c) => pasteLabelKey(c.text)),
        );
        expect(pasteTableLabels(edition, table).heads).toEqual(printed);
      }
    });
});
