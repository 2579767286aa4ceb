import { createEmptyReport, derive, getEdition, listCells, planPaste, setCell } from '@nianbao/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editorReducer, initEditor } from '../editor/state';
import { buildNav, move } from './nav';
import { pasteBlock, pasteSummary } from './paste';
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
  it('places a block from the cursor and counts what falls outside (core places it on the form’s grid)', () => {
    const { targets, outside } = planPaste(nav, 'applications.newReceived.otherOrg', '1\t2\t3\n4\t5\t6');
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

// QA bad input (reports/qa-badinput.md): a paste gets the answer typing gets, and spaced digits are never one number.
describe('paste: what is pasted is read as typed, never digits joined', () => {
  const nav = buildNav('2021');
  const empty = createEmptyReport({ year: 2025, agency: '某某镇人民政府' });
  const row = 'applications.carriedOver';
  const cols = getEdition('2021').tables.applications.columns.map((c) => c.key);

  it('a row copied from a PDF as plain text (「4 2 0 0 0 0 6」) fills the row cell by cell, as a tab row does — never 4200006', () => {
    const r = pasteBlock(empty, nav, `${row}.naturalPerson`, '4 2 0 0 0 0 6');
    expect(cols.map((c) => r.report.cells[`${row}.${c}`]?.value)).toEqual([4, 2, 0, 0, 0, 0, 6]);
    expect(r.report.cells[`${row}.total`]!.origin).toBe('derived');
    expect(r.errors).toEqual([]);
    expect(r.spaceSplit).toEqual({ lines: 1, values: 7 });
    expect(pasteSummary(r).text).toContain('该行以空格分隔，已按空格分成 7 个数逐格填入');
    // the same as the row pasted with tabs
    const tabs = pasteBlock(empty, nav, `${row}.naturalPerson`, '4\t2\t0\t0\t0\t0\t6');
    expect(r.report.cells).toEqual(tabs.report.cells);
    // with its row label in front: to the row the label names
    const labelled = pasteBlock(
      empty,
      nav,
      'applications.newReceived.naturalPerson',
      '二、上年结转政府信息公开申请数量 6 0 0 0 0 2 8',
    );
    expect(labelled.report.cells[`${row}.naturalPerson`]!.value).toBe(6);
    expect(labelled.report.cells[`${row}.total`]!.value).toBe(8);
    expect(labelled.byLabel?.rows).toBe(1);
  });

  it('for any row of counts separated by spaces, each cell gets its own number (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 9999 }), { minLength: 2, maxLength: 6 }),
        fc.constantFrom(' ', '  ', '\u00a0', '\u3000', '\u2009'),
        (nums, sp) => {
          const text = nums.join(sp);
          const r = pasteBlock(empty, nav, `${row}.naturalPerson`, text);
          const got = cols.slice(0, nums.length).map((c) => r.report.cells[`${row}.${c}`]?.value);
          // 「12 345」 (two numbers that are a thousands group) is one number by the rule, said in the banner
          const group =
            nums.length === 2 &&
            sp.length === 1 &&
            nums[0]! > 0 &&
            nums[0]! < 1000 &&
            nums[1]! >= 100 &&
            nums[1]! < 1000;
          if (!group) expect(got).toEqual(nums);
          else {
            expect(got[0]).toBe(nums[0]! * 1000 + nums[1]!);
            expect(r.notes[0]).toContain('空格按千位分隔读');
          }
        },
      ),
    );
  });

  it('digits with spaces inside one cell of a tab block, or a line break inside a quoted cell, are refused', () => {
    const r = pasteBlock(empty, nav, `${row}.naturalPerson`, '12 3\t"3\n4"\t5');
    expect(r.report.cells[`${row}.naturalPerson`]!.value).toBeNull();
    expect(r.report.cells[`${row}.commercialEnterprise`]!.value).toBeNull();
    expect(r.report.cells[`${row}.researchInstitution`]!.value).toBe(5);
    expect(r.errors).toHaveLength(2);
    expect(r.errors[0]).toContain('数字中间有空格');
    expect(r.errors[1]).toContain('一格里有换行');
  });

  it('footnote marks are taken off and said; circled numbers are refused, never digits', () => {
    const r = pasteBlock(empty, nav, `${row}.naturalPerson`, '35¹\t12²\t①\t㉑');
    expect(r.report.cells[`${row}.naturalPerson`]!.value).toBe(35);
    expect(r.report.cells[`${row}.commercialEnterprise`]!.value).toBe(12);
    expect(r.report.cells[`${row}.researchInstitution`]!.value).toBeNull();
    expect(r.report.cells[`${row}.publicInterestOrg`]!.value).toBeNull();
    expect(r.errors.join()).toContain('带圈数字');
    expect(r.notes[0]).toContain('已去掉数字后的注释号“¹”');
    expect(pasteSummary(r).text).toContain('2 个值按说明读入');
  });

  it('the same text as typed: 「—」「/」「无」 blank, 「12.0」 12, 「1.5亿」 15000 万元 (said)', () => {
    const r = pasteBlock(empty, nav, `${row}.naturalPerson`, '—\t/\t无\t12.0');
    expect(r.errors).toEqual([]);
    expect(r.report.cells[`${row}.naturalPerson`]!.value).toBeNull();
    expect(r.report.cells[`${row}.publicInterestOrg`]!.value).toBe(12);
    const fee = pasteBlock(empty, nav, 'activeDisclosure.adminFees.feeAmount', '1.5亿');
    expect(fee.report.cells['activeDisclosure.adminFees.feeAmount']).toMatchObject({ value: 15000 });
    expect(pasteSummary(fee).text).toContain('已按万元换算：1.5亿元 = 15000万元');
    const wan = pasteBlock(empty, nav, 'activeDisclosure.adminFees.feeAmount', '1.2万');
    expect(wan.report.cells['activeDisclosure.adminFees.feeAmount']).toMatchObject({ value: 1.2 });
    expect(wan.errors).toEqual([]);
  });
});
