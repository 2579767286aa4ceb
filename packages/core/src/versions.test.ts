import { describe, expect, it } from 'vitest';
import { derive } from './derive.js';
import { getEdition } from './editions/index.js';
import { exampleReport } from './examples.js';
import { createEmptyReport, type Report, setCell, setSection } from './model.js';
import { applyMerge, diffReports, diffText, mergeItems, TEXT_FIELD_TITLES } from './versions.js';

/** The applicants' columns of 表三 (all but 总计). */
const APPLICANTS = getEdition('2021')
  .tables.applications.columns.map((c) => c.key)
  .filter((k) => k !== 'total');

describe('merge', () => {
  const base = createEmptyReport({ year: 2025, agency: '某某局' });
  it('takes each side where only it changed, and asks where both changed', () => {
    const mine = setSection(setCell(base, 'applications.newReceived.naturalPerson', 5), 'problems', '我的');
    let theirs = setCell(base, 'applications.carriedOver.naturalPerson', 2);
    theirs = setSection(theirs, 'problems', '对方的');
    const items = mergeItems(base, mine, theirs);
    const byKey = new Map(items.map((i) => [i.key, i]));
    expect(byKey.get('cell:applications.newReceived.naturalPerson')).toMatchObject({
      conflict: false,
      proposed: 'mine',
    });
    expect(byKey.get('cell:applications.carriedOver.naturalPerson')).toMatchObject({
      conflict: false,
      proposed: 'theirs',
    });
    expect(byKey.get('text:problems')).toMatchObject({ conflict: true });
    const merged = applyMerge(mine, theirs, { 'text:problems': 'theirs' }, items);
    expect(merged.cells['applications.newReceived.naturalPerson']!.value).toBe(5);
    expect(merged.cells['applications.carriedOver.naturalPerson']!.value).toBe(2);
    expect(merged.sections.problems).toBe('对方的');
  });
});

describe('merge of two edits of different applicants of one row', () => {
  it('asks about the parts only; the totals both computed follow the merged parts', () => {
    const base = derive(exampleReport({ year: 2023 })).report;
    const row = (col: string) => `applications.granted.${col}`;
    const mine = derive(setCell(base, row('publicInterestOrg'), 7)).report;
    const theirs = derive(setCell(base, row('legalServiceOrg'), 9)).report;
    expect(mine.cells[row('total')]!.origin).toBe('derived');
    const items = mergeItems(base, mine, theirs);
    expect(items.map((i) => i.key).sort()).toEqual([
      `cell:${row('legalServiceOrg')}`,
      `cell:${row('publicInterestOrg')}`,
    ]);
    expect(items.every((i) => !i.conflict)).toBe(true);
    const merged = applyMerge(mine, theirs, {}, items);

    expect(merged.cells[row('total')]).toEqual({
      value: APPLICANTS.reduce((a, c) => a + (merged.cells[row(c)]!.value as number), 0),
      origin: 'derived',
    });
    expect(merged.cells[row('publicInterestOrg')]!.value).toBe(7);
    expect(merged.cells[row('legalServiceOrg')]!.value).toBe(9);
  });
});

describe('diffReports', () => {
  it('lists changed cells with labels and text changes by sentence and character', () => {
    const a = exampleReport({ year: 2023 });
    let b = setCell(a, 'applications.granted.naturalPerson', 21);
    b = setSection(b, 'problems', `${a.sections.problems}另有一个新问题。`);
    const d = diffReports(a, b);
    expect(d.cells).toEqual([
      {
        cell: 'applications.granted.naturalPerson',
        label: '表三 （一）予以公开 · 自然人',
        before: { value: 20 },
        after: { value: 21 },
      },
    ]);
    expect(d.texts.map((t) => t.label)).toEqual([TEXT_FIELD_TITLES.problems]);
    expect(d.texts[0]!.ops.at(-1)).toEqual({ op: 'insert', text: '另有一个新问题。' });
    expect(diffReports(a, a)).toEqual({ cells: [], texts: [], meta: [] });
  });
  it('lists changed cells in the order of the printed tables, whatever the order of keys', () => {
    const a = exampleReport({ year: 2022 });
    const sorted = (r: Report): Report => ({
      ...r,
      cells: Object.fromEntries(Object.entries(r.cells).sort(([x], [y]) => (x < y ? -1 : 1))),
      meta: {
        ...r.meta,
        agency: Object.fromEntries(Object.entries(r.meta.agency).reverse()) as Report['meta']['agency'],
      },
    });
    let b = setCell(a, 'reviewLitigation.review.upheld', 9);
    b = setCell(b, 'applications.newReceived.naturalPerson', 99);
    b = setCell(b, 'activeDisclosure.regulations.made', 5);
    b = setCell(b, 'applications.carriedForward.naturalPerson', 7);
    const d = diffReports(sorted(a), b);
    expect(d.cells.map((c) => c.cell)).toEqual([
      'activeDisclosure.regulations.made',
      'applications.newReceived.naturalPerson',
      'applications.carriedForward.naturalPerson',
      'reviewLitigation.review.upheld',
    ]);
    expect(d.meta).toEqual([]);
  });

  it('refines a replaced sentence to characters', () => {
    expect(diffText('收到申请5件。', '收到申请6件。')).toEqual([
      { op: 'equal', text: '收到申请' },
      { op: 'delete', text: '5' },
      { op: 'insert', text: '6' },
      { op: 'equal', text: '件。' },
    ]);
    // A number changes as a whole: 50 → 52, 68.2% → 81.6%, never digit by digit.
    expect(diffText('收到申请50件，公开率68.2%。', '收到申请52件，公开率81.6%。')).toEqual([
      { op: 'equal', text: '收到申请' },
      { op: 'delete', text: '50' },
      { op: 'insert', text: '52' },
      { op: 'equal', text: '件，公开率' },
      { op: 'delete', text: '68.2%' },
      { op: 'insert', text: '81.6%' },
      { op: 'equal', text: '。' },
    ]);
  });
});
