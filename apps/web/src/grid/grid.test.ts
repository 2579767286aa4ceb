import { createEmptyReport, derive, getEdition, listCells, setCell } from '@nianbao/core';
import { describe, expect, it } from 'vitest';
import { editorReducer, initEditor } from '../editor/state';
import { blockTargets, buildNav, move } from './nav';
import { pasteBlock } from './paste';
import { parseTsv } from './tsv';

describe('numbers in the form', () => {
  it('typing or pasting 「15.3万元」 into the 2019 采购总金额 sets its unit', () => {
    const id = 'activeDisclosure.centralProcurement.procurementAmount';
    let s = initEditor(createEmptyReport({ year: 2020, agency: '某某镇人民政府' }), 1);
    s = editorReducer(s, { type: 'unit', cell: id, unit: '元' });
    s = editorReducer(s, { type: 'cell', cell: id, value: 15.3, unit: '万元' });
    expect(s.report.cells[id]).toMatchObject({ value: 15.3, unit: '万元' });
    const r = createEmptyReport({ year: 2020, agency: '某某镇人民政府' });
    const nav = buildNav(r.meta.edition);
    const pasted = pasteBlock(r, nav, id, '15.3万元');
    expect(pasted.report.cells[id]).toMatchObject({ value: 15.3, unit: '万元' });
  });
});

describe('tsv', () => {
  it('reads an Excel block: tabs, newlines, the trailing newline, quoted cells', () => {
    expect(parseTsv('1\t2\r\n3\t4\r\n')).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
    expect(parseTsv('"1,2"\t"a""b"\n5')).toEqual([['1,2', 'a"b'], ['5']]);
    expect(parseTsv('7')).toEqual([['7']]);
    expect(parseTsv('1\t\t3')).toEqual([['1', '', '3']]);
  });
});

describe('keyboard navigation', () => {
  const nav = buildNav('2021');
  it('covers every cell of the edition in printed order', () => {
    expect(nav.order.length).toBe(listCells('2021').length);
    expect(new Set(nav.order)).toEqual(new Set(listCells('2021').map((c) => c.id)));
  });
  it('moves like a spreadsheet', () => {
    const a = 'applications.newReceived.naturalPerson';
    expect(move(nav, a, 'ArrowRight')).toBe('applications.newReceived.commercialEnterprise');
    expect(move(nav, a, 'ArrowLeft')).toBe(a);
    expect(move(nav, a, 'ArrowDown')).toBe('applications.carriedOver.naturalPerson');
    expect(move(nav, a, 'Enter')).toBe('applications.carriedOver.naturalPerson');
    expect(move(nav, 'applications.carriedOver.naturalPerson', 'Enter', true)).toBe(a);
    // Up from the first row of 表三 goes into the last row of 表二.
    expect(move(nav, a, 'ArrowUp')).toBe('activeDisclosure.adminFees.feeAmount');
  });
  it('Tab skips the computed totals and wraps to the next row; Shift+Tab goes back', () => {
    expect(move(nav, 'applications.newReceived.otherOrg', 'Tab')).toBe(
      'applications.carriedOver.naturalPerson',
    );
    expect(move(nav, 'applications.carriedOver.naturalPerson', 'Tab', true)).toBe(
      'applications.newReceived.otherOrg',
    );
    expect(move(nav, 'applications.partiallyGranted.otherOrg', 'Tab')).toBe(
      'applications.denied_stateSecret.naturalPerson',
    );
    // No keyboard trap: past the last cell and before the first, Tab leaves the grid.
    const order = nav.order.filter((id) => !nav.derived.has(id));
    expect(move(nav, order.at(-1)!, 'Tab')).toBeUndefined();
    expect(move(nav, order[0]!, 'Tab', true)).toBeUndefined();
  });
  it('places a block from the cursor and counts what falls outside', () => {
    const { targets, outside } = blockTargets(nav, 'applications.newReceived.otherOrg', [
      ['1', '2', '3'],
      ['4', '5', '6'],
    ]);
    expect(targets.map((t) => t.cell)).toEqual([
      'applications.newReceived.otherOrg',
      'applications.newReceived.total',
      'applications.carriedOver.otherOrg',
      'applications.carriedOver.total',
    ]);
    expect(outside).toBe(2);
  });
});

describe('paste', () => {
  const nav = buildNav('2021');
  const empty = createEmptyReport({ year: 2025, agency: '某某镇人民政府' });
  it('fills the block at the cursor, totals follow, and lists what changed', () => {
    const r = pasteBlock(empty, nav, 'applications.newReceived.naturalPerson', '3\t1\n1\t0\n');
    expect(r.report.cells['applications.newReceived.naturalPerson']!.value).toBe(3);
    expect(r.report.cells['applications.carriedOver.naturalPerson']!.value).toBe(1);
    expect(r.report.cells['applications.newReceived.commercialEnterprise']!.value).toBe(1);
    expect(r.changes.map((c) => c.cell)).toContain('applications.newReceived.naturalPerson');
    expect(r.covered).toHaveLength(4);
    expect(r.errors).toEqual([]);
  });
  it('fills cells the report lacks (an import could not read them), a fee cell with its 万元', () => {
    const lacking = 'activeDisclosure.normativeDocs.made';
    const { [lacking]: _gone, 'activeDisclosure.adminFees.feeAmount': _fee, ...cells } = empty.cells;
    const r = pasteBlock({ ...empty, cells }, nav, lacking, '69\t3\t665');
    expect(r.report.cells[lacking]).toMatchObject({ value: 69, origin: 'entered' });
    expect(r.errors).toEqual([]);
    const fee = pasteBlock({ ...empty, cells }, nav, 'activeDisclosure.adminFees.feeAmount', '20.3');
    expect(fee.report.cells['activeDisclosure.adminFees.feeAmount']).toEqual({
      value: 20.3,
      unit: '万元',
      origin: 'entered',
    });
  });
  it('skips what is not a number, naming where', () => {
    const r = pasteBlock(empty, nav, 'applications.newReceived.naturalPerson', '3\tx\t2');
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toContain('第 1 行第 2 列');
    expect(r.report.cells['applications.newReceived.researchInstitution']!.value).toBe(2);
  });
  it('keeps a pasted total that disagrees with its parts, and flags it through derive', () => {
    let base = empty;
    for (const c of getEdition('2021').tables.applications.columns)
      if (c.key !== 'total') base = setCell(base, `applications.newReceived.${c.key}`, 1);
    base = derive(base).report;
    expect(base.cells['applications.newReceived.total']!.value).toBe(6);
    const same = pasteBlock(base, nav, 'applications.newReceived.total', '6');
    expect(same.report.cells['applications.newReceived.total']!.origin).toBe('derived');
    const diff = pasteBlock(base, nav, 'applications.newReceived.total', '9');
    expect(diff.report.cells['applications.newReceived.total']!.value).toBe(9);
    expect(derive(diff.report).conflicts.map((c) => c.cell)).toContain('applications.newReceived.total');
  });
});
