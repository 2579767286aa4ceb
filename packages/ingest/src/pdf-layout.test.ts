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

/** A text item as LibreOffice prints our tables: 10.5 pt characters, digits half as wide. */
const t105 = (str: string, x: number, y: number, cw = 10.5): Item => ({
  str,
  x,
  y,
  w: str.length * (/^[0-9]+$/.test(str) ? 5.3 : cw),
  h: 10.5,
  page: 1,
});

/** 表三's header as LibreOffice printed it on a new page: 「商业企业 科研机构」 one text item for two cells. */
const t3Header = (y: number): Item[] => [
  t105('申请人情况', 358.8, y + 60),
  t105('（本列数据的勾稽关系为：', 83.6, y + 48),
  t105('法人或其他组织', 349.7, y + 48),
  t105('第一项加第二项之和，', 83.6, y + 36),
  t105('自然人', 247.1, y + 36),
  t105('社会公益法律服务', 363.2, y + 36),
  t105('总计', 492.9, y + 36),
  { ...t105('商业企业 科研机构', 282.8, y + 24), w: 89 },
  t105('其他', 452.6, y + 24),
  t105('组织', 372.2, y + 12),
  t105('机构', 412.4, y + 12),
];

describe('tables of one or two rows: the header lines tell the columns (2019 format, printed blanks)', {
  timeout: 60_000,
}, () => {
  const t = t105;
  const doc = (lines: ReturnType<typeof layoutItems>, section: string) => ({
    lines: [
      {
        cells: [{ text: '某某局2020年政府信息公开工作年度报告', where: { page: 1, line: 1 } }],
        explicit: false,
      },
      { cells: [{ text: section, where: { page: 1, line: 2 } }], explicit: false },
      ...lines,
      // the text goes on after the table (a table at the very end reads as cut off)
      { cells: [{ text: '五、存在的主要问题及改进情况', where: { page: 2, line: 1 } }], explicit: false },
    ],
  });
  const v = (r: ReturnType<typeof parseSource>, ids: string[]) => ids.map((id) => r.report.cells[id]?.value);
  const T2_HEADER = [
    it_('第二十条第（一）项', 253, 720),
    it_('信息内容', 128, 700),
    it_('本年新制作数量', 232, 700),
    it_('本年新公开数量', 333, 700),
    it_('对外公开总数量', 434, 700),
  ];
  const NORMATIVE = ['newlyMade', 'newlyPublished', 'totalPublished'].map(
    (c) => `activeDisclosure.normativeDocs.${c}`,
  );

  it('a row of 表二 with a blank: each number under its header, the blank column blank', () => {
    const items = [
      ...T2_HEADER,
      it_('规章', 81, 680),
      it_('89', 245, 680),
      it_('296', 345, 680),
      it_('158', 445, 680),
      it_('规范性文件', 81, 660),
      it_('274', 245, 660),
      it_('62', 447, 660),
    ];
    const lines = layoutItems(items);
    const l = lines.find((x) => x.cells[0]!.text === '规范性文件')!;
    expect(l.explicit).toBe(true);
    expect(l.cells.map((c) => c.text)).toEqual(['规范性文件', '274', '', '62']);
    const r = parseSource(doc(lines, '二、主动公开政府信息情况'), 'pdf', 'test');
    // before: 「找到了行标题，但读不出与 3 列对应的数值（原文：274 62）」
    expect(v(r, NORMATIVE)).toEqual([274, null, 62]);
    expect(r.diagnostics.issues.map((i) => i.code)).not.toContain('ROW_VALUES_NOT_READ');
  });

  it('a one-row table with a blank, the next table’s title right under it: the title is no label of the row', () => {
    const items = [
      it_('第二十条第（八）项', 253, 720),
      it_('信息内容', 128, 700),
      it_('上一年项目数量', 232, 700),
      it_('本年增/减', 398, 700),
      it_('行政事业性收费', 81, 680),
      it_('+212', 405, 680),
      // the next table's title, left of the number: before, taken for a wrapped label, it hid the header
      it_('第二十条第（九）项', 253, 660),
      it_('信息内容', 128, 640),
      it_('采购项目数量', 237, 640),
      it_('采购总金额', 394, 640),
      it_('政府集中采购', 81, 620),
      it_('89', 250, 620),
      it_('533.78万元', 394, 620),
    ];
    const r = parseSource(doc(layoutItems(items), '二、主动公开政府信息情况'), 'pdf', 'test');
    expect(
      v(r, ['activeDisclosure.adminFees.prevYearItems', 'activeDisclosure.adminFees.yearChange']),
    ).toEqual([null, 212]);
  });

  it('a first column left blank in every row is still a column (the label column is not)', () => {
    const items = [
      ...T2_HEADER,
      it_('规章', 81, 680),
      it_('296', 345, 680),
      it_('158', 445, 680),
      it_('规范性文件', 81, 660),
      it_('3', 347, 660),
      it_('62', 447, 660),
    ];
    const r = parseSource(doc(layoutItems(items), '二、主动公开政府信息情况'), 'pdf', 'test');
    expect(v(r, NORMATIVE)).toEqual([null, 3, 62]);
  });

  it('a header misread (a column short) leaves the row unread, never a number in the wrong column', () => {
    // 本年新公开数量 not printed in the header: two header columns for three
    const items = [
      it_('第二十条第（一）项', 253, 720),
      it_('信息内容', 128, 700),
      it_('本年新制作数量', 232, 700),
      it_('对外公开总数量', 434, 700),
      it_('规章', 81, 680),
      it_('89', 245, 680),
      it_('规范性文件', 81, 660),
      it_('62', 447, 660),
    ];
    const r = parseSource(doc(layoutItems(items), '二、主动公开政府信息情况'), 'pdf', 'test');
    // without the count check: 62 read as 本年新公开数量 (two cells, read in order, the third unprinted)
    expect(v(r, NORMATIVE).filter((x) => x !== undefined)).toEqual([]);
    expect(r.diagnostics.issues.map((i) => i.code)).toContain('ROW_VALUES_NOT_READ');
  });

  it('表四 of one row under three header lines, its first column blank: every number in its own column', () => {
    const X = [85, 115, 144, 174, 203, 233, 262, 292, 321, 351, 380, 410, 439, 468, 498];
    const total = new Set([4, 9, 14]);
    const items = [
      it_('行政复议', 135, 740),
      it_('行政诉讼', 356, 740),
      it_('未经复议直接起诉', 262, 725),
      it_('复议后起诉', 422, 725),
      // 总计 printed on its own line in the middle of the three-line leaf cells
      ...X.map((x, i) => it_(total.has(i) ? '总计' : '结果', x, total.has(i) ? 700 : 710)),
      ...X.filter((_, i) => !total.has(i)).map((x, i) =>
        it_(['维持', '纠正', '结果', '审结'][i % 4]!, x, 690),
      ),
      // 结果维持 of 行政复议 printed blank
      ...[
        null,
        '61',
        '277',
        '85',
        '423',
        '140',
        '169',
        '150',
        '158',
        '617',
        '1',
        '63',
        '56',
        '40',
        '160',
      ].flatMap((n, i) => (n === null ? [] : [it_(n, X[i]! + 2, 670)])),
    ];
    const r = parseSource(doc(layoutItems(items), '四、政府信息公开行政复议、行政诉讼情况'), 'pdf', 'test');
    const groups = ['review', 'litigationDirect', 'litigationAfterReview'];
    const ids = groups.flatMap((g) =>
      ['upheld', 'corrected', 'other', 'pending', 'total'].map((c) => `reviewLitigation.${g}.${c}`),
    );
    // before: the row left unread, its 14 numbers named in an error
    expect(v(r, ids)).toEqual([null, 61, 277, 85, 423, 140, 169, 150, 158, 617, 1, 63, 56, 40, 160]);
  });

  it('rows that all share one blank column: the header still tells the columns; without a header, nothing is guessed', () => {
    const y = 600;
    const header = t3Header(y);
    // 科研机构 blank in every row; 结转 also blank in 总计 (a random report printed by LibreOffice)
    const body = [
      t('3.其他', 149.2, y),
      ...[
        ['209', 253.9],
        ['297', 294.1],
        ['58', 376.7],
        ['90', 416.9],
        ['193', 454.9],
        ['847', 495.1],
      ].map(([n, x]) => t(n as string, x as number, y)),
      t('（七）总计', 115.2, y - 20),
      ...[
        ['167', 253.9],
        ['296', 294.1],
        ['193', 374.5],
        ['35', 416.9],
        ['60', 457.1],
        ['751', 497.4],
      ].map(([n, x]) => t(n as string, x as number, y - 20)),
      t('四、结转下年度继续办理', 81.2, y - 40),
      ...[
        ['162', 253.9],
        ['278', 294.1],
        ['254', 374.5],
        ['263', 414.7],
        ['137', 454.9],
      ].map(([n, x]) => t(n as string, x as number, y - 40)),
    ];
    const cellsOf = (items: Item[], label: string) =>
      layoutItems(items)
        .find((l) => l.cells[0]!.text.startsWith(label))!
        .cells.map((c) => c.text);
    expect(cellsOf([...header, ...body], '四、结转')).toEqual([
      '四、结转下年度继续办理',
      '162',
      '278',
      '',
      '254',
      '263',
      '137',
      '',
    ]);
    expect(cellsOf([...header, ...body], '（七）总计')).toEqual([
      '（七）总计',
      '167',
      '296',
      '',
      '193',
      '35',
      '60',
      '751',
    ]);
    // no header: the fullest rows show six columns, and a row placed in six is not read for seven
    const rowAt = (label: string, yy: number, nums: [string, number][]) => [
      { ...t(label, 81.2, yy), w: label.length * 9 },
      ...nums.map(([n, x]) => t(n, x, yy)),
    ];
    const noHeader = [
      ...rowAt('一、本年新收政府信息公开申请数量', y, [
        ['209', 253.9],
        ['297', 294.1],
        ['58', 376.7],
        ['90', 416.9],
        ['193', 454.9],
        ['847', 495.1],
      ]),
      ...rowAt('二、上年结转政府信息公开申请数量', y - 20, [
        ['167', 253.9],
        ['296', 294.1],
        ['193', 374.5],
        ['35', 416.9],
        ['60', 457.1],
        ['751', 497.4],
      ]),
      ...rowAt('四、结转下年度继续办理', y - 40, [
        ['162', 253.9],
        ['278', 294.1],
        ['254', 374.5],
        ['263', 414.7],
        ['137', 454.9],
      ]),
    ];
    const r = parseSource(
      {
        lines: [
          {
            cells: [{ text: '某某局2022年政府信息公开工作年度报告', where: { page: 1, line: 1 } }],
            explicit: false,
          },
          {
            cells: [{ text: '三、收到和处理政府信息公开申请情况', where: { page: 1, line: 2 } }],
            explicit: false,
          },
          ...layoutItems(noHeader),
          {
            cells: [{ text: '四、政府信息公开行政复议、行政诉讼情况', where: { page: 2, line: 1 } }],
            explicit: false,
          },
        ],
      },
      'pdf',
      'test',
    );
    const row = (key: string) => T3_COLUMNS.map((c) => r.report.cells[`applications.${key}.${c}`]?.value);
    // the table was found (its rows named), and no number of it read into a column it may not be in
    expect(
      r.diagnostics.issues.filter((i) => i.code === 'ROW_VALUES_NOT_READ').length,
    ).toBeGreaterThanOrEqual(3);
    // before: 254 read as 科研机构, 263 as 社会公益组织, 137 as 法律服务机构
    expect(row('carriedForward').filter((v) => v !== undefined)).toEqual([]);
    expect(row('newReceived').filter((v) => v !== undefined)).toEqual([]);
  });

  it('a header repeated on a new page, with a label wrapped between it and the first row, and a header word on a line of its own', () => {
    const t = (str: string, x: number, y: number, cw = 9.4) => t105(str, x, y, cw);
    const y = 600;
    // as Chromium printed our HTML (page 4): the header, then 「2.申请人逾期…」 wrapped over five lines
    const items = [
      t('申请人情况', 358.5, y + 96),
      t('（本列数据的勾稽关系为：第一项加第', 83.7, y + 84, 8.5),
      t('法人或其他组织', 349.5, y + 84),
      t('二项之和，等于第三项加第四项之和）', 83.7, y + 72, 8.5),
      t('自然人', 247.1, y + 72),
      t('总计', 492.5, y + 72),
      t('社会公益法律服务', 363, y + 60),
      { ...t('商业企业 科研机构', 282.7, y + 48), w: 85 },
      t('其他', 452.3, y + 48),
      t('组织', 372, y + 36),
      t('机构', 412.1, y + 36),
      t('2.申请人逾期未按收', 149.7, y + 24),
      t('费通知要求缴纳费', 149.7, y + 12),
      t('用、行政机关不再处', 149.7, y),
      ...[
        ['51', 256.1],
        ['186', 294],
        ['225', 334.1],
        ['29', 416.7],
        ['81', 456.8],
        ['86', 497],
      ].map(([n, x]) => t(n as string, x as number, y)),
      t('理其政府信息公开申', 149.7, y - 12),
      t('3.其他', 149.7, y - 24),
      ...[
        ['280', 294],
        ['144', 334.1],
        ['90', 416.7],
        ['119', 454.7],
        ['232', 494.8],
      ].map(([n, x]) => t(n as string, x as number, y - 24)),
    ];
    const lines = layoutItems(items);
    const other = lines.find((l) => l.cells[0]!.text === '3.其他')!;
    // before: the header was not found above the wrapped label, and the row left unread
    expect(other.cells.map((c) => c.text)).toEqual(['3.其他', '', '280', '144', '', '90', '119', '232']);
    const late = lines.find((l) => l.cells[0]!.text.startsWith('用、行政机关'))!;
    // (its label's next line is put before the numbers: the label wrapped around them)
    expect(late.cells.map((c) => c.text).slice(-7)).toEqual(['51', '186', '225', '', '29', '81', '86']);
  });

  it('two headers printed as one cell (「商业企业 科研机构」) are two columns: no number lands one column off', () => {
    // the header of 表三 repeated on a new page, as LibreOffice printed it (10.5 pt characters)
    const y = 600;
    const items = [
      ...t3Header(y),
      t('（七）总计', 115.2, y),
      ...[
        ['212', 253.9],
        ['276', 334.3],
        ['27', 376.7],
        ['296', 414.7],
        ['215', 454.9],
        ['1026', 495.1],
      ].map(([n, x]) => t(n as string, x as number, y)),
      t('四、结转下年度继续办理', 81.2, y - 20),
      ...[
        ['173', 334.3],
        ['280', 454.9],
        ['453', 495.1],
      ].map(([n, x]) => t(n as string, x as number, y - 20)),
    ];
    const lines = layoutItems(items);
    const carried = lines.find((l) => l.cells[0]!.text.startsWith('四、结转'))!;
    // before: 173 under 商业企业 (the merged cell was one column), 280 and 453 one column off
    expect(carried.cells.map((c) => c.text)).toEqual([
      '四、结转下年度继续办理',
      '',
      '',
      '173',
      '',
      '',
      '280',
      '453',
    ]);
  });
});
