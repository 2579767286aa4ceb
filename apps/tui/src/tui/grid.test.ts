import { derive, getEdition, type Report, setCell } from '@nianbao/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { width } from '../lib/text.js';
import { seedReport } from '../test-support/reports.js';
import { buildGrid, gridSizes } from './grid.js';
import { tableLayout } from './layout.js';

const text = (segs: readonly { text: string }[]) => segs.map((s) => s.text).join('');

describe('the grid: every number whole, the cursor column always on screen', () => {
  const layout = tableLayout('2019-trial', 'applications');
  const rowKeys = getEdition('2019-trial')
    .tables.applications.dataRows.map((r) => r.key)
    .filter((k) => k !== 'resultTotal');
  const cols = getEdition('2019-trial')
    .tables.applications.columns.map((c) => c.key)
    .filter((k) => k !== 'total');

  it('for any numbers up to 12 digits, any width from 40 columns and any cursor cell: no number cut, no line too wide, the cursor cell shown (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...rowKeys), fc.constantFrom(...cols), fc.nat(999_999_999_999)), {
          maxLength: 6,
        }),
        fc.integer({ min: 40, max: 200 }),
        fc.nat(layout.rows.length - 1),
        fc.nat(layout.maxColumns - 1),
        (values, gridW, row, col) => {
          let r: Report = seedReport();
          for (const [rk, ck, n] of values) r = setCell(r, `applications.${rk}.${ck}`, n);
          r = derive(r).report;
          const g = buildGrid({ layout, report: r, findings: [], gridW, cursor: { row, col }, buffer: null });
          for (const line of g.lines) expect(width(text(line))).toBeLessThanOrEqual(gridW);
          // every value segment (after the label and its space) shows its number whole
          const line = layout.lines[layout.rows[row]!]!;
          if (line.kind !== 'row') throw new Error('not a row');
          const cursorLine = g.lines[g.cursorLine]!;
          const id = line.cells[Math.min(col, line.cells.length - 1)]!;
          const v = r.cells[id]?.value;
          expect(text(cursorLine)).toMatch(
            new RegExp(`\\[\\s*${v === null || v === undefined ? '·' : v}\\]`),
          );
          for (const l of g.lines) for (const s of l.slice(2)) expect(s.text).not.toContain('…');
        },
      ),
      { numRuns: 150 },
    );
  });

  it('at 80 columns 表三 shows all seven columns, wide enough for 1234567 (it was cut to 1234…)', () => {
    const r = derive(setCell(seedReport(), 'applications.newReceived.naturalPerson', 1_234_567)).report;
    const g = buildGrid({
      layout,
      report: r,
      findings: [],
      gridW: 80,
      cursor: { row: 1, col: 0 },
      buffer: null,
    });
    expect(gridSizes(layout, 80, { valueW: 7 })).toMatchObject({ first: 0, shown: 7 });
    const first = text(g.lines.find((l) => text(l).startsWith('一、本年新收'))!);
    expect(first).toContain(' 1234567 ');
    expect(first.trimEnd()).toMatch(/1234567!?$/); // the 总计
  });

  it('below the width of all columns it scrolls sideways, says how many columns are hidden, and keeps the cursor column on screen', () => {
    const r = seedReport();
    for (let col = 0; col < layout.maxColumns; col++) {
      const g = buildGrid({
        layout,
        report: r,
        findings: [],
        gridW: 50,
        cursor: { row: 0, col },
        buffer: null,
      });
      const { first, shown } = gridSizes(layout, 50, { valueW: 1, cursorCol: col });
      expect(shown).toBeLessThan(layout.maxColumns);
      expect(col >= first && col < first + shown).toBe(true);
      expect(text(g.lines[g.cursorLine]!)).toMatch(/\[\s*0\]/);
      const head = text(g.lines[0]!);
      if (first > 0) expect(head).toContain(`<${first}列`);
      const right = layout.maxColumns - first - shown;
      if (right > 0) expect(head).toContain(`${right}列>`);
      for (const l of g.lines) expect(width(text(l))).toBeLessThanOrEqual(50);
    }
  });
});
