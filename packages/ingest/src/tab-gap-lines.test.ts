/**
 * 表三 TAB rows wrapped over lines with a line of TABs only among their numbers (PDF-to-text prints
 * such a line where a cell beside holds a second line): 「（一）予以公开⇥1⇥0⇥0⏎⇥⇥⏎⇥0⇥0⇥0⇥1」. The line's
 * empty fields were taken for blank cells between the row's values, so the row had more fields
 * than columns: ROW_EXTRA_VALUES (error), nothing read — seven numbers for seven columns, printed
 * plainly, lost. Now each such line is read both ways, as blank cells or as layout, as a later
 * line's first empty field is (label column or blank, see blank-shift.test): one reading is read,
 * else the one whose printed 总计 adds up, else ROW_ALIGNMENT_UNCERTAIN saying why.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ingestSync } from './index.js';
import { grantedRowReport, printedRow, T3_KEYS, type TotalKind, tabFields } from './test-support/table3.js';

const GRANTED = T3_KEYS.map((k) => `applications.granted.${k}`);
const PARTIAL = T3_KEYS.map((k) => `applications.partiallyGranted.${k}`);

/** A 表三 with the row 予以公开 printed as `row` (after its label), 部分公开 all 0 after it. */
const withGranted = (row: string) => ingestSync(grantedRowReport(row), { kind: 'text' });
type Read = ReturnType<typeof withGranted>;
const values = (r: Read, ids: readonly string[]) => ids.map((id) => r.report.cells[id]?.value);
const said = (r: Read, ids: readonly string[]) =>
  r.diagnostics.issues.filter((i) => i.severity !== 'info' && i.cells?.some((c) => ids.includes(c)));
const shown = (row: string) => row.replaceAll('\t', '⇥').replaceAll('\n', '⏎');

describe('a line of TABs only among a wrapped row’s numbers', () => {
  it.each([
    ['\t1\t0\t0\n\t\t\n\t0\t0\t0\t1'],
    ['\t1\t0\t0\n\t\n\t0\t0\t0\t1'],
    ['\t1\t0\t0\n\t\t\n0\t0\t0\t1'],
    ['\t1\t0\n\t\t\t\n\t0\t0\t0\n\t\n\t0\t1'],
  ])('seven numbers for seven columns around it (%j): read as printed, nothing said', (row) => {
    // before: ROW_EXTRA_VALUES 「该行印有多于 7 个数值…去掉任何一个都不能使本行总计与各列之和相符」, unread
    const r = withGranted(row);
    expect(values(r, GRANTED), shown(row)).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(said(r, GRANTED), shown(row)).toEqual([]);
    for (const id of GRANTED) expect(r.diagnostics.cells[id]?.confidence, id).toBe('high');
    expect(values(r, PARTIAL)).toEqual(PARTIAL.map(() => 0));
  });

  it('six numbers: the line of TABs or the next line’s first field may be the blank — ROW_ALIGNMENT_UNCERTAIN saying so, nothing filled in', () => {
    const row = '\t1\t0\n\t\n\t0\t0\t0\t1';
    const r = withGranted(row);
    expect(values(r, GRANTED)).toEqual(GRANTED.map(() => undefined));
    const e = r.diagnostics.issues.find((i) => i.code === 'ROW_ALIGNMENT_UNCERTAIN');
    expect(e?.severity).toBe('error');
    expect(e?.cells).toEqual(GRANTED);
    expect(e?.message).toContain('数之间只有 TAB 的行是空白单元格还是排版留下的');
    expect(values(r, PARTIAL)).toEqual(PARTIAL.map(() => 0));
  });

  const cell = fc.option(fc.oneof(fc.constantFrom(0, 1), fc.integer({ min: 0, max: 40 })), {
    nil: null,
    freq: 3,
  });
  /** A row's fields cut into 2–3 lines (each holding a number), a line of 1–3 TABs after some of them. */
  const wrappedWithGaps = (fields: readonly string[], cuts: readonly number[], gaps: readonly number[]) => {
    const at = [...new Set(cuts.map((c) => Math.min(c, fields.length - 1)))].sort((a, b) => a - b);
    const pieces = [0, ...at].map((a, i) => fields.slice(a, [...at, fields.length][i]));
    if (!pieces.every((p) => p.some(Boolean))) return undefined;
    return `\t${pieces
      .map((p, i) => (i > 0 && gaps[i - 1] ? `${'\t'.repeat(gaps[i - 1]!)}\n\t` : '') + p.join('\t'))
      .join('\n\t')}`;
  };

  it('every number printed, wrapped anywhere with lines of TABs among them (fast-check): read as printed', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 6, maxLength: 6 }),
        fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 2 }),
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 2, maxLength: 2 }),
        fc.integer({ min: 0, max: 2 }), // TABs at the end
        (parts, cuts, gaps, trail) => {
          fc.pre(gaps.some(Boolean));
          const printed = [...parts, parts.reduce((a, b) => a + b, 0)];
          const row = wrappedWithGaps(tabFields(printed, 0, trail), cuts, gaps);
          fc.pre(row !== undefined);
          const r = withGranted(row!);
          expect(values(r, GRANTED), shown(row!)).toEqual(printed);
          expect(values(r, PARTIAL), shown(row!)).toEqual(PARTIAL.map(() => 0));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('blanks, label columns, 总计 any, wrapped with lines of TABs among the numbers (fast-check): each cell as printed, or named', () => {
    fc.assert(
      fc.property(
        fc
          .tuple(
            fc.array(cell, { minLength: 6, maxLength: 6 }),
            fc.constantFrom<TotalKind>('sum', 'blank', 'zero', 'other'),
            fc.integer({ min: 1, max: 50 }),
          )
          .map(([ps, kind, other]) => printedRow(ps, kind, other)),
        fc.array(fc.integer({ min: 1, max: 8 }), { minLength: 1, maxLength: 2 }),
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 2, maxLength: 2 }),
        fc.integer({ min: 0, max: 2 }), // empty label columns after the label
        fc.integer({ min: 0, max: 2 }), // TABs at the end
        ({ printed, fixed }, cuts, gaps, lead, trail) => {
          fc.pre(gaps.some(Boolean));
          const row = wrappedWithGaps(tabFields(printed, lead, trail), cuts, gaps);
          fc.pre(row !== undefined);
          const r = withGranted(row!);
          const issues = said(r, GRANTED);
          for (const [i, id] of GRANTED.entries()) {
            const got = r.report.cells[id]?.value;
            if (got === undefined || got === printed[i] || got === fixed[i]) continue;
            expect(
              issues.filter((x) => x.cells?.includes(id)).length,
              `${id} ${got} (printed ${printed[i]}): ${shown(row!)}`,
            ).toBeGreaterThan(0);
            expect(r.diagnostics.cells[id]?.confidence, `${id}: ${shown(row!)}`).not.toBe('high');
          }
        },
      ),
      { numRuns: 600 },
    );
  });
});
