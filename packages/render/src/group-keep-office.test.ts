/**
 * 表三's groups of up to ten rows (（三）不予公开 …（六）其他处理) kept on one page with their label,
 * as LibreOffice prints the DOCX (converted headless; read per page with poppler's pdftotext; skips
 * without them). The groups' rows keep with the next (group-keep.test checks the XML); the cells of
 * 「三、本年度办理结果」 merged down beside them did not, and LibreOffice broke （三）不予公开 after
 * 「1.属于国家秘密」 (corpus 028) and （五）不予处理 after 「2.重复申请」 (corpus f08).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exampleReport, type Report } from '@nianbao/core';
import { describe, expect, it } from 'vitest';
import { render } from './index.js';
import { tableGrid } from './layout.js';
import { PDFTOTEXT, pdfText, printToPdf, SOFFICE } from './test-support/office.js';

if (!SOFFICE || !PDFTOTEXT)
  console.warn('[render] 表三 groups in LibreOffice: check skipped (needs soffice and pdftotext)');

/** A report whose numbers all differ (four digits), 表三 moved down by `lines` lines of text. */
function report(year: number, lines: number): Report {
  const r = exampleReport({ year });
  let n = 1000;
  for (const [id, c] of Object.entries(r.cells))
    if (c.value !== null) r.cells[id] = { ...c, value: (n += 3) };
  const text = Array.from({ length: lines }, (_, i) => `第${i + 1}段。`).join('\n');
  return { ...r, sections: { ...r.sections, applications: text } };
}

/** Each small group of 表三 whose rows' numbers are not all on one page of the PDF. */
async function groupsSplit(r: Report, pdf: string): Promise<string[]> {
  const stdout = await pdfText(pdf);
  const pages = stdout.split('\f').map((p) => new Set(p.split(/\s+/)));
  const pageOf = (v: number) => pages.findIndex((p) => p.has(String(v)));
  const grid = tableGrid(r.meta.edition, 'applications');
  const out: string[] = [];
  for (const g of grid.rows.flat())
    if (g.kind === 'rowLabel' && g.rowSpan > 1 && g.rowSpan <= 10) {
      const on = new Set<number>();
      for (let k = g.row; k < g.row + g.rowSpan; k++)
        for (const c of grid.rows[k]!)
          if (c.kind === 'value') {
            const v = r.cells[c.cellId!]?.value;
            if (typeof v === 'number') on.add(pageOf(v));
          }
      if (on.size !== 1) out.push(`${g.text}: pages ${[...on].map((p) => p + 1).join(', ')}`);
    }
  return out;
}

describe.skipIf(!SOFFICE || !PDFTOTEXT)('表三 printed by LibreOffice: a small group on one page', () => {
  it('with 表三 moved down line by line, no group of up to ten rows is broken across pages', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nianbao-render-groups-'));
    try {
      const cases = new Map<string, Report>();
      for (const year of [2020, 2024])
        for (let lines = 0; lines <= 22; lines += 2) cases.set(`g-${year}-${lines}`, report(year, lines));
      for (const [name, r] of cases) writeFileSync(join(dir, `${name}.docx`), await render(r, 'docx'));
      await printToPdf(
        [...cases.keys()].map((n) => join(dir, `${n}.docx`)),
        { outdir: dir, profile: join(dir, 'profile'), timeoutMs: 280_000 },
      );
      const split: string[] = [];
      for (const [name, r] of cases)
        for (const s of await groupsSplit(r, join(dir, `${name}.pdf`))) split.push(`${name} ${s}`);
      expect(split).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
