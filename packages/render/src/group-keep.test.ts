import { EDITION_IDS, exampleReport } from '@nianbao/core';
import { describe, expect, it } from 'vitest';
import { render } from './index.js';
import { tableGrid } from './layout.js';
import { docxTables } from './test-support/readers.js';

/** The groups of 表三 that fit on a page: their first row and row count (grid rows). */
function smallGroups(edition: (typeof EDITION_IDS)[number]) {
  const grid = tableGrid(edition, 'applications');
  return grid.rows
    .flat()
    .filter((c) => c.kind === 'rowLabel' && c.rowSpan > 1 && c.rowSpan <= 10)
    .map((c) => ({ label: c.text, from: c.row, rows: c.rowSpan }));
}

describe('表三: a group that fits on a page is kept on one page with its label', () => {
  it.each(EDITION_IDS)(
    '%s Word: every row of （三）…（六） keeps with the next but the group’s last',
    async (edition) => {
      const groups = smallGroups(edition);
      expect(groups.map((g) => g.label)).toEqual(
        expect.arrayContaining(['（三）不予公开', '（四）无法提供', '（五）不予处理']),
      );
      const r = exampleReport({ year: edition === '2021' ? 2021 : 2020 });
      const { xml } = docxTables(await render(r, 'docx'));
      const table = [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => m[0])[1]!;
      const rows = [...table.matchAll(/<w:tr>[\s\S]*?<\/w:tr>/g)].map((m) => m[0]);
      for (const g of groups)
        for (let k = g.from; k < g.from + g.rows; k++) {
          // the cells this row starts (a cell merged down from above is the docx library's empty
          // continuation, which holds no text)
          const cells = [...rows[k]!.matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)]
            .map((m) => m[0])
            .filter((tc) => !tc.includes('<w:vMerge w:val="continue"/>'));
          const paras = cells.flatMap((tc) => [...tc.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => m[0]));
          expect(paras.length).toBeGreaterThan(0);
          const keeps = paras.every((p) => p.includes('<w:keepNext/>'));
          expect(keeps, `${g.label} row ${k - g.from + 1} of ${g.rows}`).toBe(k < g.from + g.rows - 1);
        }
    },
  );

  it.each(EDITION_IDS)(
    '%s HTML print: the rows of such a group avoid a page break after them but its last',
    (edition) => {
      const groups = smallGroups(edition);
      const grid = tableGrid(edition, 'applications');
      const html = render(exampleReport({ year: edition === '2021' ? 2021 : 2020 }), 'html');
      expect(html).toMatch(/tr\.keep \{[^}]*break-after: avoid/);
      const table = /<table class="t-applications"[\s\S]*?<\/table>/.exec(html)![0];
      const rows = [...table.matchAll(/<tr( class="keep")?>/g)].map((m) => Boolean(m[1]));
      expect(rows).toHaveLength(grid.rowCount);
      const keep = new Set<number>();
      for (const g of groups) for (let k = g.from; k < g.from + g.rows - 1; k++) keep.add(k);
      for (const [k, kept] of rows.entries()) expect(kept, `row ${k}`).toBe(keep.has(k));
    },
  );
});
