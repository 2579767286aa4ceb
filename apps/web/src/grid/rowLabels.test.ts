import { createEmptyReport, getEdition, type Report } from '@nianbao/core';
import { describe, expect, it } from 'vitest';
import { buildNav } from './nav';
import { pasteBlock, pasteSummary } from './paste';
import { labelKey } from './rowLabels';

const nav = buildNav('2021');
const empty = createEmptyReport({ year: 2025, agency: '某某镇人民政府' });
const v = (r: Report, id: string) => r.cells[`applications.${id}`]?.value ?? null;
const tsv = (rows: string[][]) => `${rows.map((r) => r.join('\t')).join('\r\n')}\r\n`;
/** 表三's columns, 自然人 … 总计, as the edition has them. */
const COLS = getEdition('2021').tables.applications.columns.map((c) => c.key);
const row = (r: Report, key: string) => COLS.map((c) => v(r, `${key}.${c}`));

describe('paste with row labels', () => {
  it('takes the first column as labels: every number in its own row and column, the total not dropped', () => {
    // The tester's block: four rows copied from Excel with their labels, pasted at 一、本年新收 · 自然人.
    const text = tsv([
      ['一、本年新收政府信息公开申请数量', '5', '1', '0', '0', '0', '0', '6'],
      ['二、上年结转政府信息公开申请数量', '1', '0', '0', '0', '0', '0', '1'],
      ['（一）予以公开', '3', '1', '0', '0', '0', '0', '4'],
      ['（二）部分公开（区分处理的，只计这一情形，不计其他情形）', '1', '0', '0', '0', '0', '0', '1'],
    ]);
    const r = pasteBlock(empty, nav, 'applications.newReceived.naturalPerson', text);
    expect(row(r.report, 'newReceived')).toEqual([5, 1, 0, 0, 0, 0, 6]);
    expect(row(r.report, 'carriedOver')).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(row(r.report, 'granted')).toEqual([3, 1, 0, 0, 0, 0, 4]);
    expect(row(r.report, 'partiallyGranted')).toEqual([1, 0, 0, 0, 0, 0, 1]);
    // The pasted totals equal their parts: computed, not stated.
    expect(r.report.cells['applications.newReceived.total']!.origin).toBe('derived');
    expect(r.errors).toEqual([]);
    expect(r.outside).toBe(0);
    expect(r.byLabel).toEqual({ rows: 4, labelColumns: 1, unmatched: [] });
    expect(r.covered).toHaveLength(28);
  });

  it('puts each line on the row its label names: any order, rows left out, the cursor anywhere in the table', () => {
    const text = tsv([
      ['四、结转下年度继续办理', '2', '0', '0', '0', '0', '0'],
      ['1.属于国家秘密', '1', '0', '0', '0', '0', '0'],
      ['一、本年新收政府信息公开申请数量', '7', '0', '0', '0', '0', '1'],
    ]);
    const r = pasteBlock(empty, nav, 'applications.granted.researchInstitution', text);
    expect(row(r.report, 'carriedForward')).toEqual([2, 0, 0, 0, 0, 0, 2]);
    expect(row(r.report, 'denied_stateSecret')).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(row(r.report, 'newReceived')).toEqual([7, 0, 0, 0, 0, 1, 8]);
    // Rows not in the block are left alone (the cursor's row among them).
    expect(row(r.report, 'granted').slice(0, 6)).toEqual([null, null, null, null, null, null]);
    expect(r.byLabel?.rows).toBe(3);
  });

  it('compares labels as printed variants: widths, brackets, 「1、」, spaces, a remark left out', () => {
    const text = tsv([
      ['(一) 予以公开', '3'],
      ['（二）部分公开', '2'],
      ['1、属于国家秘密', '4'],
      ['2．其他法律行政法规禁止公开', '5'],
      ['四、 结转下年度继续办理：', '6'],
    ]);
    const r = pasteBlock(empty, nav, 'applications.newReceived.naturalPerson', text);
    expect(v(r.report, 'granted.naturalPerson')).toBe(3);
    expect(v(r.report, 'partiallyGranted.naturalPerson')).toBe(2);
    expect(v(r.report, 'denied_stateSecret.naturalPerson')).toBe(4);
    expect(v(r.report, 'denied_lawProhibited.naturalPerson')).toBe(5);
    expect(v(r.report, 'carriedForward.naturalPerson')).toBe(6);
    expect(r.byLabel?.unmatched).toEqual([]);
    expect(labelKey('（三）不予公开')).toBe(labelKey('(三)不予公开'));
  });

  it('reads the official layout copied whole: labels over several columns, merged cells blank, header lines skipped', () => {
    const text = tsv([
      ['（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', '', '', '申请人情况'],
      ['', '', '', '自然人', '法人或其他组织', '', '', '', '', '总计'],
      ['', '', '', '', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', ''],
      ['一、本年新收政府信息公开申请数量', '', '', '5', '1', '0', '0', '0', '0', '6'],
      ['三、本年度办理结果', '（一）予以公开', '', '3', '1', '0', '0', '0', '0', '4'],
      ['', '（三）不予公开', '1.属于国家秘密', '1', '0', '0', '0', '0', '0', '1'],
      ['', '', '2.其他法律行政法规禁止公开', '2', '0', '0', '0', '0', '0', '2'],
      ['', '（六）其他处理', '3.其他', '0', '0', '1', '0', '0', '0', '1'],
    ]);
    const r = pasteBlock(empty, nav, 'applications.newReceived.naturalPerson', text);
    expect(r.headerRows).toBe(3);
    expect(r.byLabel).toMatchObject({ rows: 5, labelColumns: 3, unmatched: [] });
    expect(row(r.report, 'newReceived')).toEqual([5, 1, 0, 0, 0, 0, 6]);
    expect(row(r.report, 'granted')).toEqual([3, 1, 0, 0, 0, 0, 4]);
    expect(row(r.report, 'denied_stateSecret')).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(row(r.report, 'denied_lawProhibited')).toEqual([2, 0, 0, 0, 0, 0, 2]);
    expect(row(r.report, 'other_other')).toEqual([0, 0, 1, 0, 0, 0, 1]);
    expect(r.errors).toEqual([]);
    expect(r.outside).toBe(0);
  });

  it('a header line above labelled lines (申请人情况 / 自然人 …) is skipped and counted', () => {
    const text = tsv([
      ['', '申请人情况'],
      ['', '自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'],
      ['二、上年结转政府信息公开申请数量', '1', '2', '0', '0', '0', '0', '3'],
    ]);
    const r = pasteBlock(empty, nav, 'applications.newReceived.naturalPerson', text);
    expect(r.headerRows).toBe(2);
    expect(row(r.report, 'carriedOver')).toEqual([1, 2, 0, 0, 0, 0, 3]);
    expect(row(r.report, 'newReceived').slice(0, 6)).toEqual([null, null, null, null, null, null]);
    expect(r.errors).toEqual([]);
  });

  it('does not guess: a label that names no row is not pasted, and said', () => {
    const text = tsv([
      ['一、本年新收政府信息公开申请数量', '5', '1'],
      ['本年新收（网上申请）', '9', '9'],
      ['三、本年度办理结果', '8', '8'],
      ['2.重复申请', '1', '0'],
      ['2.重复申请', '4', '4'],
    ]);
    const r = pasteBlock(empty, nav, 'applications.newReceived.naturalPerson', text);
    expect(row(r.report, 'newReceived').slice(0, 2)).toEqual([5, 1]);
    expect(row(r.report, 'notProcessed_repeat').slice(0, 2)).toEqual([1, 0]);
    // No 9, 8 or 4 anywhere.
    const values = Object.values(r.report.cells).map((c) => c.value);
    for (const n of [9, 8, 4]) expect(values).not.toContain(n);
    expect(r.byLabel?.rows).toBe(2);
    expect(r.byLabel?.unmatched).toEqual([
      '「本年新收（网上申请）」',
      '「三、本年度办理结果」',
      '「2.重复申请」（重复，只粘贴了第一次出现的一行）',
    ]);
  });

  it('labels that name no row at all paste nothing (never a number shifted a column), and say which table they belong to', () => {
    const own = pasteBlock(
      empty,
      nav,
      'applications.newReceived.naturalPerson',
      '新收申请\t5\t1\n结转申请\t2\t0',
    );
    expect(own.changes).toEqual([]);
    expect(own.byLabel?.unmatched).toEqual(['「新收申请」', '「结转申请」']);
    // 表二's lines pasted in 表三: not pasted here, and where they belong is said.
    const other = pasteBlock(empty, nav, 'applications.newReceived.naturalPerson', '规章\t1\t0\t5');
    expect(other.changes).toEqual([]);
    expect(other.byLabel).toMatchObject({ rows: 0, otherTable: '表二' });
  });

  it('表二: the sub-tables copied whole, their captions and heads skipped, each line to its row', () => {
    const text = tsv([
      ['第二十条第（一）项'],
      ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数'],
      ['规章', '1', '0', '5'],
      ['行政规范性文件', '3', '1', '12'],
      ['第二十条第（五）项'],
      ['信息内容', '本年处理决定数量'],
      ['行政许可', '120', '', ''],
      ['行政事业性收费', '2.5'],
    ]);
    const r = pasteBlock(empty, nav, 'activeDisclosure.regulations.made', text);
    const a = (id: string) => r.report.cells[`activeDisclosure.${id}`]?.value ?? null;
    expect([a('regulations.made'), a('regulations.repealed'), a('regulations.valid')]).toEqual([1, 0, 5]);
    expect([a('normativeDocs.made'), a('normativeDocs.repealed'), a('normativeDocs.valid')]).toEqual([
      3, 1, 12,
    ]);
    expect(a('licensing.decisions')).toBe(120);
    expect(a('adminFees.feeAmount')).toBe(2.5);
    expect(r.headerRows).toBe(2);
    expect(r.errors).toEqual([]);
  });

  it('a block without labels is pasted at the cursor as before; a header line of column heads above it is skipped', () => {
    const plain = pasteBlock(empty, nav, 'applications.newReceived.naturalPerson', '3\tx\t2');
    expect(plain.byLabel).toBeUndefined();
    expect(plain.headerRows).toBe(0);
    expect(plain.errors).toEqual([
      '第 1 行第 2 列：“x”不是非负整数，已跳过（表三 一、本年新收政府信息公开申请数量 · 商业企业）',
    ]);
    const dash = pasteBlock(empty, nav, 'applications.newReceived.naturalPerson', '—\t4');
    expect(dash.byLabel).toBeUndefined();
    expect(v(dash.report, 'newReceived.commercialEnterprise')).toBe(4);
    const headed = pasteBlock(
      empty,
      nav,
      'applications.newReceived.naturalPerson',
      tsv([
        ['自然人', '商业企业', '科研机构'],
        ['3', '1', '0'],
        ['2', '0', 'y'],
      ]),
    );
    expect(headed.headerRows).toBe(1);
    expect(headed.byLabel).toBeUndefined();
    expect(row(headed.report, 'newReceived').slice(0, 3)).toEqual([3, 1, 0]);
    expect(row(headed.report, 'carriedOver').slice(0, 3)).toEqual([2, 0, null]);
    // Messages name the line as pasted (the header is line 1).
    expect(headed.errors[0]).toContain('第 3 行第 3 列');
  });

  it('the banner says the block went by its labels, what was skipped, and names every line not pasted', () => {
    const text = tsv([
      ['', '自然人', '商业企业'],
      ['一、本年新收政府信息公开申请数量', '5', '1', '0', '0', '0', '0', '6'],
      ['本年新收（网上申请）', '9', '9'],
    ]);
    const s = pasteSummary(pasteBlock(empty, nav, 'applications.newReceived.naturalPerson', text));
    expect(s.text).toBe(
      '已按行标题粘贴到 1 行（第 1 列是行标题，不作数值；数值从各行第一格填起）：覆盖 7 个单元格，其中 7 个数值有变化；已跳过表头 1 行。',
    );
    expect(s.warn).toBe('1 行的行标题与本表的行不对应，未粘贴：「本年新收（网上申请）」。');
    const none = pasteSummary(
      pasteBlock(empty, nav, 'applications.newReceived.naturalPerson', '规章\t1\t0\t5'),
    );
    expect(none.text).toBe('未粘贴：第 1 列是行标题，但没有一行与本表的行对应。');
    expect(none.warn).toContain('这些是表二的行，请在表二中粘贴');
    // Without labels, as before.
    const plain = pasteSummary(
      pasteBlock(empty, nav, 'applications.newReceived.naturalPerson', '3\tx\t2\t1\t1\t1\t1\t1'),
    );
    expect(plain.text).toBe(
      '已粘贴：覆盖 6 个单元格，其中 6 个数值有变化；1 个值超出表格范围，未粘贴；1 个值不是数字，已跳过。',
    );
    expect(plain.warn).toBeNull();
  });
});
