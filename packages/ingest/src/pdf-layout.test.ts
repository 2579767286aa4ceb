import { describe, expect, it } from 'vitest';
import { parseSource } from './parse.js';
import { type Item, layoutItems } from './pdf.js';

const it_ = (str: string, x: number, y: number, h = 10): Item => ({
  str,
  x,
  y,
  w: str.length * (h * 0.55),
  h,
  page: 1,
});
const COLS = [320, 350, 380, 410, 440, 470, 500];
const row = (label: string, y: number, values: (string | null)[], labelY = y + 1): Item[] => [
  it_(label, 80, labelY),
  ...values.flatMap((v, i) => (v === null ? [] : [it_(v, COLS[i]!, y, 14)])),
];

describe('PDF layout from coordinates', { timeout: 60_000 }, () => {
  it('orders items by position, not by their order in the file', () => {
    const items = [
      ...row('二、上年结转政府信息公开申请数量', 680, ['0', '0', '0', '0', '0', '0', '0']),
      ...row('一、本年新收政府信息公开申请数量', 700, ['21', '0', '0', '0', '0', '0', '21']),
    ].reverse();
    const lines = layoutItems(items);
    expect(lines.map((l) => l.cells[0]!.text)).toEqual([
      '一、本年新收政府信息公开申请数量',
      '二、上年结转政府信息公开申请数量',
    ]);
    expect(lines[0]!.cells.map((c) => c.text).slice(1)).toEqual(['21', '0', '0', '0', '0', '0', '21']);
    expect(lines[0]!.cells[7]!.where).toMatchObject({ page: 1, x: 500 });
  });

  it('a label wrapped over two lines with its numbers centred between them is put back together', () => {
    const items = [
      it_('（二）部分公开（区分处理的，只计这一情', 104, 283),
      ...COLS.map((x, i) => it_(i === 0 || i === 6 ? '4' : '0', x, 275.3, 14)),
      it_('形，不计其他情形）', 104, 269.5),
    ];
    const lines = layoutItems(items);
    expect(lines).toHaveLength(2);
    expect(lines[1]!.cells.map((c) => c.text)).toEqual([
      '形，不计其他情形）',
      '4',
      '0',
      '0',
      '0',
      '0',
      '0',
      '4',
    ]);
  });

  it('rebuilds columns: a number printed under the 4th column stays in the 4th column, the rest blank', () => {
    const items = [
      ...row('一、本年新收政府信息公开申请数量', 700, ['3', '1', '0', '0', '0', '0', '4']),
      ...row('二、上年结转政府信息公开申请数量', 680, ['2', '0', '0', '0', '0', '0', '2']),
      ...row('（一）予以公开', 660, [null, null, null, '5', null, null, null]),
    ];
    const lines = layoutItems(items);
    const l = lines[2]!;
    expect(l.explicit).toBe(true);
    expect(l.cells.map((c) => c.text)).toEqual(['（一）予以公开', '', '', '', '5', '', '', '']);
    // read through the table reader: blanks are null, the 5 is 法律… no: 社会公益组织 (4th column)
    const doc = {
      lines: [
        {
          cells: [{ text: '某某局2022年政府信息公开工作年度报告', where: { page: 1, line: 1 } }],
          explicit: false,
        },
        {
          cells: [{ text: '三、收到和处理政府信息公开申请情况', where: { page: 1, line: 2 } }],
          explicit: false,
        },
        ...lines,
      ],
    };
    const r = parseSource(doc, 'pdf', 'test');
    expect(r.report.cells['applications.granted.publicInterestOrg']!.value).toBe(5);
    expect(r.report.cells['applications.granted.naturalPerson']!.value).toBeNull();
    expect(r.report.cells['applications.newReceived.total']!.value).toBe(4);
    expect(r.diagnostics.cells['applications.granted.publicInterestOrg']!.where).toMatchObject({ page: 1 });
  });

  it('keeps "20" one number: digits of one item are never split', () => {
    const items = [
      ...row('一、本年新收政府信息公开申请数量', 700, ['20', '0', '0', '0', '0', '0', '20']),
      ...row('二、上年结转政府信息公开申请数量', 680, ['0', '0', '0', '0', '0', '0', '0']),
    ];
    const doc = {
      lines: [
        {
          cells: [{ text: '某某局2022年政府信息公开工作年度报告', where: { page: 1, line: 1 } }],
          explicit: false,
        },
        {
          cells: [{ text: '三、收到和处理政府信息公开申请情况', where: { page: 1, line: 2 } }],
          explicit: false,
        },
        ...layoutItems(items, 3),
      ],
    };
    const r = parseSource(doc, 'pdf', 'test');
    expect(r.report.cells['applications.newReceived.naturalPerson']!.value).toBe(20);
    expect(r.report.cells['applications.newReceived.commercialEnterprise']!.value).toBe(0);
  });
});

describe('rows with an extra number', { timeout: 60_000 }, () => {
  it('drops the one extra value only when exactly one choice satisfies the row identity, and says so', () => {
    const text = `某某局2022年政府信息公开工作年度报告
三、收到和处理政府信息公开申请情况
一、本年新收政府信息公开申请数量\t3\t1\t0\t0\t9\t0\t0\t4
二、上年结转政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0`;
    const r = parseSource(
      {
        lines: text.split('\n').map((t, i) => ({
          cells: t.split('\t').map((c) => ({ text: c, where: { line: i + 1 } })),
          explicit: false,
        })),
      },
      'text',
      'test',
    );
    expect(r.report.cells['applications.newReceived.total']!.value).toBe(4);
    expect(r.report.cells['applications.newReceived.legalServiceOrg']!.value).toBe(0);
    const extra = r.diagnostics.issues.find((i) => i.code === 'ROW_EXTRA_VALUES');
    expect(extra?.details).toEqual({ dropped: ['9'] });
  });
});
