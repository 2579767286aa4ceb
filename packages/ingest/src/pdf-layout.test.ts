import { getEdition } from '@nianbao/core';
import { describe, expect, it } from 'vitest';
import { parseSource } from './parse.js';
import { type Item, layoutItems } from './pdf.js';

/** 表三's columns, 自然人 … 总计, as the edition has them. */
const T3_COLUMNS = getEdition('2021').tables.applications.columns.map((c) => c.key);

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

describe('a label wrapped around its numbers (Word and LibreOffice PDFs)', { timeout: 60_000 }, () => {
  const parse = (text: string) =>
    parseSource(
      {
        lines: text.split('\n').map((t, i) => ({
          cells: t.split('\t').map((c) => ({ text: c, where: { line: i + 1 } })),
          explicit: false,
        })),
      },
      'text',
      'test',
    );
  const ap = (row: string) => T3_COLUMNS.map((c) => `applications.${row}.${c}`);

  it('numbers beside the first line of a two-line label are that row’s, not the row above’s', () => {
    // 「5.要求行政机关确认或」 with its numbers, then 「重新出具已获取信息」 on the next line (a LibreOffice
    // PDF of our own DOCX): before, row 4 took both rows' 14 numbers and row 5 was not found.
    const r = parse(`某某局2022年政府信息公开工作年度报告
三、收到和处理政府信息公开申请情况
一、本年新收政府信息公开申请数量\t3\t0\t0\t0\t0\t3\t6
二、上年结转政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0
3.要求提供公开出版物\t0\t0\t0\t0\t0\t0\t0
4.无正当理由大量反复
申请\t2\t0\t0\t0\t0\t0\t2
5.要求行政机关确认或\t1\t0\t0\t0\t0\t3\t4
重新出具已获取信息
1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请\t0\t0\t0\t0\t0\t0\t0`);
    const values = (row: string) => ap(row).map((id) => r.report.cells[id]?.value);
    expect(values('notProcessed_massiveUnreasonable')).toEqual([2, 0, 0, 0, 0, 0, 2]);
    expect(values('notProcessed_confirmOrReissue')).toEqual([1, 0, 0, 0, 0, 3, 4]);
    expect(values('other_noCorrection')).toEqual([0, 0, 0, 0, 0, 0, 0]);
    const codes = r.diagnostics.issues.map((i) => i.code);
    expect(codes).not.toContain('ROW_EXTRA_VALUES');
    // the label is whole, only wrapped around its numbers: no 「不完全一致」 warning for it
    expect(r.diagnostics.issues.filter((i) => i.message.includes('5.要求行政机关'))).toEqual([]);
  });

  it('text after the numbers that does not end the label is not taken for it: no number is guessed', () => {
    const r = parse(`某某局2022年政府信息公开工作年度报告
三、收到和处理政府信息公开申请情况
一、本年新收政府信息公开申请数量\t3\t0\t0\t0\t0\t3\t6
二、上年结转政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0
4.无正当理由大量反复申请\t2\t0\t0\t0\t0\t0\t2
5.要求行政机关确认\t1\t0\t0\t0\t0\t3\t4
另有说明文字若干
1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请\t0\t0\t0\t0\t0\t0\t0`);
    // 「5.要求行政机关确认」+「另有说明文字若干」 is not row 5's label: row 5 is not read, and row 4,
    // with 14 numbers after it, is left unread with an error rather than given a guess
    expect(ap('notProcessed_confirmOrReissue').map((id) => r.report.cells[id])).toEqual(
      Array(7).fill(undefined),
    );
    expect(ap('notProcessed_massiveUnreasonable').map((id) => r.report.cells[id])).toEqual(
      Array(7).fill(undefined),
    );
    expect(r.diagnostics.issues.find((i) => i.code === 'ROW_EXTRA_VALUES')?.message).toContain(
      '4.无正当理由大量反复申请',
    );
  });
});

describe('blank cells that leave no text in a PDF (a random-report round trip found numbers shifted)', {
  timeout: 60_000,
}, () => {
  const head = (lines: ReturnType<typeof layoutItems>) => ({
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
  });
  const values = (r: ReturnType<typeof parseSource>, row: string) =>
    T3_COLUMNS.map((c) => r.report.cells[`applications.${row}.${c}`]?.value);

  it('wrapped labels between rows do not hide the columns: a blank first column stays blank, the others in place', () => {
    const items = [
      ...row('一、本年新收政府信息公开申请数量', 700, [null, '192', '263', '299', '243', '70', '1067']),
      ...row('二、上年结转政府信息公开申请数量', 680, ['2', '0', null, '0', '0', '0', '2']),
      // 三、本年度办理结果 wrapped beside （一）, then （二）'s label over three lines around its numbers
      it_('三、本', 80, 661),
      ...row('（一）予以公开', 660, ['5', '1', '0', '0', '0', '0', '6']),
      it_('年度办', 80, 646),
      it_('（二）部分公开（区分处理', 104, 641),
      it_('理结果', 80, 631),
      ...row('的，只计这一情形，不计其他', 620, ['1', '0', '0', '0', '0', '0', '1']),
      it_('情形）', 104, 606),
    ];
    const lines = layoutItems(items);
    expect(lines[0]!.explicit).toBe(true);
    expect(lines[0]!.cells.map((c) => c.text).slice(1)).toEqual([
      '',
      '192',
      '263',
      '299',
      '243',
      '70',
      '1067',
    ]);
    const r = parseSource(head(lines), 'pdf', 'test');
    // before: 192 in 自然人, every number one column to the left, and a 总计 of 1283 invented
    expect(values(r, 'newReceived')).toEqual([null, 192, 263, 299, 243, 70, 1067]);
    expect(values(r, 'carriedOver')).toEqual([2, 0, null, 0, 0, 0, 2]);
    // the label's words on its numbers' line are the label's, not a first cell printed unreadable
    expect(values(r, 'partiallyGranted')).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(r.diagnostics.issues.map((i) => i.code)).not.toContain('CELL_UNREADABLE');
  });

  it('a PDF row one number short whose columns cannot be told is left unread, never filled from its sums', () => {
    // no two full rows agree on the columns: the layout cannot place the blank
    const items = [
      ...row('一、本年新收政府信息公开申请数量', 700, [null, '192', '263', '299', '243', '70', '1067']),
      ...row('二、上年结转政府信息公开申请数量', 680, ['82', '181', null, '171', '187', '1', '622']),
    ];
    const r = parseSource(head(layoutItems(items)), 'pdf', 'test');
    expect(values(r, 'newReceived').filter((v) => v !== undefined && v !== null)).toEqual([]);
    expect(r.diagnostics.issues.filter((i) => i.code === 'CELL_INFERRED')).toEqual([]);
    expect(r.diagnostics.issues.map((i) => i.code)).toContain('ROW_VALUES_NOT_READ');
  });

  it('a number printed in one cell of a PDF is one number: 「16」 is never cut into 1 and 6 to fill a row', () => {
    const line = (cells: string[], n: number) => ({
      cells: cells.map((text, i) => ({ text, where: { page: 1, line: n, x: 80 + i * 40 } })),
      explicit: false,
    });
    const doc = {
      lines: [
        line(['某某局2022年政府信息公开工作年度报告'], 1),
        line(['三、收到和处理政府信息公开申请情况'], 2),
        // one column printed blank: six numbers for seven columns
        line(['一、本年新收政府信息公开申请数量', '1', '1', '1', '1', '1', '16'], 3),
        line(['二、上年结转政府信息公开申请数量', '0', '0', '0', '0', '0', '0', '0'], 4),
      ],
    };
    const pdf = parseSource(doc, 'pdf', 'test');
    // before: 1 1 1 1 1 1 6, 「16」 cut so that the row adds up
    expect(values(pdf, 'newReceived').filter((v) => v !== undefined)).toEqual([]);
    expect(pdf.diagnostics.issues.map((i) => i.code)).toContain('ROW_VALUES_NOT_READ');
  });
});
