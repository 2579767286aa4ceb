import { createEmptyReport, derive, getEdition, listCells, setCell } from '@nianbao/core';
import { describe, expect, it } from 'vitest';
import { editorReducer, initEditor } from '../editor/state';
import { blockTargets, buildNav, move } from './nav';
import { formatValue, isPartialNumber, parseCellText } from './numbers';
import { pasteBlock } from './paste';
import { parseTsv } from './tsv';

describe('numbers', () => {
  it('parses counts, signed counts and money; blank is not zero', () => {
    expect(parseCellText('12', 'count')).toEqual({ kind: 'value', value: 12 });
    expect(parseCellText('１，２３４', 'count')).toEqual({ kind: 'value', value: 1234 });
    expect(parseCellText('5件', 'count')).toEqual({ kind: 'value', value: 5 });
    expect(parseCellText('', 'count')).toEqual({ kind: 'blank' });
    expect(parseCellText('—', 'count')).toEqual({ kind: 'blank' });
    expect(parseCellText('-2', 'count').kind).toBe('error');
    expect(parseCellText('1.5', 'count').kind).toBe('error');
    expect(parseCellText('-2', 'signedCount')).toEqual({ kind: 'value', value: -2 });
    expect(parseCellText('+4', 'signedCount')).toEqual({ kind: 'value', value: 4 });
    expect(parseCellText('20.3', 'money')).toEqual({ kind: 'value', value: 20.3 });
    expect(parseCellText('abc', 'money').kind).toBe('error');
  });
  it('honours a unit typed into a money cell, and refuses a money unit on a count', () => {
    // 2019 采购总金额: the report says the unit, the unit typed becomes the cell's
    expect(parseCellText('15.3万元', 'money', null)).toEqual({ kind: 'value', value: 15.3, unit: '万元' });
    expect(parseCellText('800元', 'money', null)).toEqual({ kind: 'value', value: 800, unit: '元' });
    // 2021 本年收费金额（单位：万元）: 元 converted exactly, and said
    expect(parseCellText('20000元', 'money', '万元')).toEqual({
      kind: 'value',
      value: 2,
      note: '已按万元换算：20000元 = 2万元',
    });
    expect(parseCellText('15元', 'money', '万元')).toMatchObject({ value: 0.0015 });
    expect(parseCellText('1,234.56元', 'money', '万元')).toMatchObject({ value: 0.123456 });
    expect(parseCellText('0.1元', 'money', '万元')).toMatchObject({ value: 0.00001 });
    expect(parseCellText('3万元', 'money', '万元')).toEqual({ kind: 'value', value: 3 });
    expect(parseCellText('0.001元', 'money', '万元').kind).toBe('error');
    // a unit on a count: 件 is fine, 万元 is not; 件 on an amount is not either
    expect(parseCellText('5件', 'count')).toEqual({ kind: 'value', value: 5 });
    expect(parseCellText('5万元', 'count')).toMatchObject({
      kind: 'error',
      message: expect.stringContaining('不能带金额单位'),
    });
    expect(parseCellText('5元', 'signedCount').kind).toBe('error');
    expect(parseCellText('5件', 'money', '万元').kind).toBe('error');
    expect(isPartialNumber('5万', 'count')).toBe(false);
    expect(isPartialNumber('15.3万', 'money')).toBe(true);
  });
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
  it('refuses keystrokes that cannot become a number of the cell kind', () => {
    expect(isPartialNumber('12', 'count')).toBe(true);
    expect(isPartialNumber('1a', 'count')).toBe(false);
    expect(isPartialNumber('-', 'count')).toBe(false);
    expect(isPartialNumber('-', 'signedCount')).toBe(true);
    expect(isPartialNumber('1.', 'money')).toBe(true);
    expect(isPartialNumber('1.2.', 'money')).toBe(false);
    expect(formatValue(4, 'signedCount')).toBe('+4');
    expect(formatValue(null, 'count')).toBe('');
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
