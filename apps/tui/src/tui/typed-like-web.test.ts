import {
  cellDef,
  createEmptyReport,
  derive,
  isPartialNumber,
  parseCellText,
  type Report,
  setCell,
} from '@nianbao/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { locateCell } from './layout.js';
import { bufferProblem, type EditorState, handleKey, initialState, type Key } from './state.js';

// The web form (apps/web Grid.tsx CellInput) reads a cell's text with core's parseCellText and, while
// it is typed, refuses it at once only when it is no value and cannot become one (isPartialNumber);
// a blank mark (nothing, 「—」, 「-」, 「/」, 「无」) blanks the cell. The terminal editor reads it the same.

const k = (input: string, extra: Partial<Key> = {}): Key => ({ input, ...extra });
const press = (s: EditorState, ...keys: Key[]) => keys.reduce((st, key) => handleKey(st, key).state, s);

/** A cell of each kind: a count, 本年增/减 (2019, may be negative), 收费金额 (2021, 万元), 采购总金额 (2019, unit typed). */
const CELLS = [
  { year: 2023, id: 'applications.newReceived.naturalPerson' },
  { year: 2020, id: 'activeDisclosure.licensing.yearChange' },
  { year: 2023, id: 'activeDisclosure.adminFees.feeAmount' },
  { year: 2020, id: 'activeDisclosure.centralProcurement.procurementAmount' },
] as const;
const COUNT = CELLS[0];
const reports = new Map<number, Report>();
function reportOf(year: number): Report {
  let r = reports.get(year);
  if (!r) {
    r = createEmptyReport({ year, agency: '某某镇人民政府' });
    for (const c of CELLS) if (c.year === year) r = setCell(r, c.id, 7);
    r = derive(r).report;
    reports.set(year, r);
  }
  return r;
}
const at = (c: (typeof CELLS)[number]): EditorState => {
  const r = reportOf(c.year);
  return { ...initialState(r), ...locateCell(r.meta.edition, c.id)! };
};
const defOf = (c: (typeof CELLS)[number]) => cellDef(reportOf(c.year).meta.edition, c.id)!;

/** Text as people type it: digits (full-width too), signs (U+2212, 「－」), points (「。」), separators, units, dashes. */
const typed = fc
  .array(fc.constantFrom(...'0123456789０５-－−+.。．,，件元万—/ '.split('')), { minLength: 1, maxLength: 8 })
  .map((cs) => cs.join(''))
  // a first key the editor takes as a command (/ finds a row) or ignores (a space) does not begin an entry
  .filter((t) => !/^[/ ]/.test(t));

describe('what is typed is read as the web form reads it (core’s parseCellText)', () => {
  it('has a cell of each kind', () => {
    expect(CELLS.map((c) => `${defOf(c).valueType} ${defOf(c).unit ?? ''}`)).toEqual([
      'count ',
      'signedCount ',
      'money 万元',
      'money ',
    ]);
  });

  it('while typing: refused at once exactly where the web form refuses (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CELLS), typed, (c, text) => {
        const { valueType, unit } = defOf(c);
        const web =
          parseCellText(text, valueType, unit).kind === 'error' && !isPartialNumber(text, valueType);
        const edition = reportOf(c.year).meta.edition;
        expect(bufferProblem(edition, c.id, text) !== undefined, `${c.id} 「${text}」`).toBe(web);
      }),
      { numRuns: 400 },
    );
  });

  it('confirmed: the number the web form keeps, a blank for a blank mark, the old value for a refused text (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CELLS), typed, (c, text) => {
        const { valueType, unit } = defOf(c);
        const p = parseCellText(text, valueType, unit);
        const s = press(at(c), ...[...text].map((ch) => k(ch)), k('', { return: true }));
        const want = p.kind === 'value' ? p.value : p.kind === 'blank' ? null : 7;
        expect(s.report.cells[c.id]!.value, `${c.id} 「${text}」`).toBe(want);
      }),
      { numRuns: 400 },
    );
  });

  it('「-」 alone is a blank, as 「—」 is (the web form blanks the cell; before: refused, 「只有负号」)', () => {
    for (const text of ['-', '－', '—']) {
      const s = press(at(COUNT), k(text), k('', { return: true }));
      expect(s.report.cells[COUNT.id]!.value, text).toBeNull();
      expect(s.message, text).toContain('空白不等于 0');
    }
  });

  it('「1,2345」 and 「0,12」 are said at once, as in the web form (before: only on Enter)', () => {
    for (const text of ['1,2345', '0,12']) {
      const s = press(at(COUNT), ...[...text].map((ch) => k(ch)));
      expect(s.message, text).toContain('不能填入');
    }
  });
});
