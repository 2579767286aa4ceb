/**
 * Our own HTML printed to PDF, of a report whose 表三 has columns blank in every row (028: 科研机构
 * and 社会公益组织) and rows blank in every column: no row prints all seven numbers, and rows printed
 * blank leave their labels only — more lines of labels than a run of rows goes on over, so the rows
 * further down had no header above them and no full rows to place their numbers by: 18 rows
 * ROW_VALUES_NOT_READ, 126 cells lost. Now they go under the header's columns, the blank rows
 * are blank.
 *
 * fixtures/printed/shanghai-2019-blank-columns.pdf: corpus/028.txt read, its sections' text left
 * out (a smaller file; the tables as they are), rendered to HTML by @nianbao/render and printed by
 * headless Chromium (playwright-core `page.pdf()`, Letter).
 */
import { describe, expect, it } from 'vitest';
import { ingest } from './index.js';
import { parseSource } from './parse.js';
import { type Item, layoutItems } from './pdf.js';
import { fixtureBytes, fixtureText } from './test-support/fixtures.js';
import { FULL_ROWS, fullTable3, seeded } from './test-support/full-table3.js';
import { T3_COLS, T3_KEYS } from './test-support/table3.js';
import { type WrappedTable, wrappedTableItems } from './test-support/wrapped-table.js';

const PRINTED = 'printed/shanghai-2019-blank-columns.pdf';

describe('our HTML printed to PDF, 表三 with columns blank in every row (028)', () => {
  it('every cell as in the report printed, blanks blank, no row left unread', async () => {
    const want = (await ingest(fixtureText('corpus/028.txt'))).report;
    const { report, diagnostics } = await ingest(fixtureBytes(PRINTED), { filename: 'report.pdf' });
    expect(report.meta).toMatchObject({
      year: 2019,
      edition: '2019-trial',
      title: want.meta.title,
      agency: { name: want.meta.agency.name },
    });
    const ids = Object.keys(want.cells);
    expect(ids).toHaveLength(198);
    const got = Object.fromEntries(ids.map((id) => [id, report.cells[id]?.value]));
    expect(got).toEqual(Object.fromEntries(ids.map((id) => [id, want.cells[id]!.value])));
    // the columns blank in every row, as printed
    for (const id of ids.filter((i) => /\.(researchInstitution|publicInterestOrg)$/.test(i)))
      expect(report.cells[id], id).toMatchObject({ value: null });
    const codes = diagnostics.issues.map((i) => i.code);
    expect(codes).not.toContain('ROW_VALUES_NOT_READ');
    expect(codes).not.toContain('ROW_ALIGNMENT_UNCERTAIN');
    expect(diagnostics.summary.cellsMissing).toBe(0);
    // each cell where it is printed: 表三 on its page
    const pages = new Set(
      ids.filter((i) => i.startsWith('applications.')).map((i) => diagnostics.cells[i]?.where),
    );
    expect([...pages].every((w) => w !== undefined && 'page' in w)).toBe(true);
  });
});

/** 表三 (2021) as a PDF printer lays it out, its labels wrapped in a narrow column. */
const LAYOUT = (valign: WrappedTable['valign']): Omit<WrappedTable, 'rows'> => ({
  digits: 5,
  valign,
  breakAtSeparator: false,
  pitch: 1.2,
  pad: 3,
  labelChars: 8,
});

/** A whole 表三 that adds up, 科研机构 and 社会公益组织 blank in every row, every third row blank. */
function blankTable(seed: number): Map<string, (number | null)[]> {
  const printed = fullTable3(seeded(seed), { blank: 0, missing: 0, typo: 0, max: 30 });
  let n = 0;
  for (const [k, v] of printed) {
    v[2] = null;
    v[3] = null;
    if (n++ % 3 === 1 && k !== 'newReceived') v.fill(null);
  }
  return printed;
}

const items = (printed: Map<string, (number | null)[]>, layout: Omit<WrappedTable, 'rows'>): Item[] =>
  wrappedTableItems({
    ...layout,
    rows: FULL_ROWS.map((r) => ({ label: r.label, values: r.kind === 'data' ? printed.get(r.key)! : [] })),
  });

const read = (lines: ReturnType<typeof layoutItems>) => parseSource({ lines }, 'pdf', 'test');
const row = (r: ReturnType<typeof read>, key: string) =>
  T3_KEYS.map((c) => r.report.cells[`applications.${key}.${c}`]?.value);
/** Cells read other than printed (a blank read where a number was, or another number). */
const wrong = (r: ReturnType<typeof read>, printed: Map<string, (number | null)[]>) =>
  [...printed].flatMap(([k, v]) =>
    row(r, k).flatMap((got, i) => (got !== undefined && got !== v[i] ? [`${k}.${T3_KEYS[i]}: ${got}`] : [])),
  );

describe('a PDF’s 表三 whose rows print no column whole (layout)', () => {
  it.each(['top', 'middle', 'bottom'] as const)(
    'numbers under the header’s columns and blank rows blank, labels wrapped, cells set at the %s',
    (valign) => {
      for (const seed of [1, 2, 3]) {
        const printed = blankTable(seed);
        const r = read(layoutItems(items(printed, LAYOUT(valign))));
        for (const [k, v] of printed) expect(row(r, k), `${seed} ${k}`).toEqual(v);
        expect(r.diagnostics.issues.map((i) => i.code)).not.toContain('ROW_VALUES_NOT_READ');
      }
    },
  );

  it('numbers printed on a line of their own above their label: no row is said blank, no number read elsewhere', () => {
    const printed = blankTable(1);
    const all = items(printed, LAYOUT('top'));
    // 3.危及“三安全一稳定” (after the blank 2.其他法律行政法规禁止公开): its numbers raised a line,
    // between the blank row's label and its own
    const label = all.find((it) => it.str.startsWith('3.危及'))!;
    const mine = all.filter((it) => Math.abs(it.y - label.y) < 0.5 && it !== label && /^\d/.test(it.str));
    expect(mine.length).toBeGreaterThan(0);
    for (const it of mine) it.y += 0.6 * 1.2 * 9;
    const r = read(layoutItems(all));
    expect(wrong(r, printed)).toEqual([]);
    // the blank row above them is not read as blank: its label's lines may be theirs
    expect(row(r, 'denied_lawProhibited')).toEqual(T3_KEYS.map(() => undefined));
  });

  it('a blank row at the foot of a page: blank where the next page starts with text (its first line across the columns), unread where with the header again', () => {
    const printed = blankTable(1);
    printed.set(
      'carriedForward',
      T3_KEYS.map(() => null),
    );
    const all = items(printed, LAYOUT('middle'));
    // the page ends with 表三 (the next section on the next page)
    const cut = all.findIndex((it) => it.str.startsWith('四、政府信息公开'));
    const page = all.slice(0, cut);
    const heading: Item[] = [
      { str: '四、政府信息公开行政复议、行政诉讼情况', x: 40, y: 800, w: 19 * 9, h: 9, page: 2 },
      {
        str: '本年度因政府信息公开工作被申请行政复议4件，其中结果维持2件，结果纠正1件，其他结果0件。',
        x: 40,
        y: 780,
        w: 46 * 9,
        h: 9,
        page: 2,
      },
    ];
    const ended = read([...layoutItems(page, 1, heading), ...layoutItems(heading, 1000)]);
    expect(row(ended, 'carriedForward')).toEqual(T3_KEYS.map(() => null));
    expect(wrong(ended, printed)).toEqual([]);
    // the table's header printed again at the top of the next page: the row may go on there
    const header: Item[] = T3_COLS.map((c, j) => ({
      str: c,
      x: 369 + 28.5 * j,
      y: 800,
      w: 18,
      h: 9,
      page: 2,
    }));
    const goesOn = read(layoutItems(page, 1, header));
    expect(row(goesOn, 'carriedForward')).toEqual(T3_KEYS.map(() => undefined));
    expect(wrong(goesOn, printed)).toEqual([]);
  });
});
