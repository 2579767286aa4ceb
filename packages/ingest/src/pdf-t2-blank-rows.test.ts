/**
 * 表二's rows printed blank in every column: a PDF prints their label and nothing beside it (a
 * printed blank leaves no text), so no number places them — they were ROW_VALUES_NOT_READ, their
 * cells absent (read as never read, not as the blanks the report printed). Now, where the block's
 * header line right above shows its columns and every other line of the block is a row printed
 * whole on its label's line, they are blank cells; where the layout leaves any doubt, unread as
 * before.
 *
 * fixtures/printed/shanghai-2019-t2-blank-rows.pdf: corpus/028.txt read, its sections' text left
 * out, 其他对外管理服务事项, 行政强制 and 行政事业性收费 set blank in every column, rendered to HTML by
 * @nianbao/render and printed by headless Chromium (playwright-core `page.pdf()`, Letter): 行政强制
 * is the last line of page 1, page 2 starts with 「第二十条第（八）项」; 行政事业性收费 is its block's
 * only row.
 */
import { setCell } from '@nianbao/core';
import { describe, expect, it } from 'vitest';
import { ingest } from './index.js';
import { parseSource } from './parse.js';
import { type Item, layoutItems } from './pdf.js';
import type { SrcLine } from './source.js';
import { fixtureBytes, fixtureText } from './test-support/fixtures.js';

const PRINTED = 'printed/shanghai-2019-t2-blank-rows.pdf';
const BLANK_ROWS = ['otherMgmtServices', 'coercion', 'adminFees'];

describe('our HTML printed to PDF, 表二 rows blank in every column (028)', () => {
  it('every cell as in the report printed, the blank rows blank, none left unread', async () => {
    let want = (await ingest(fixtureText('corpus/028.txt'))).report;
    for (const id of Object.keys(want.cells))
      if (BLANK_ROWS.includes(id.split('.')[1]!)) want = setCell(want, id, null);
    const { report, diagnostics } = await ingest(fixtureBytes(PRINTED), { filename: 'report.pdf' });
    expect(report.meta).toMatchObject({ year: 2019, edition: '2019-trial', title: want.meta.title });
    const ids = Object.keys(want.cells);
    expect(ids).toHaveLength(198);
    const got = Object.fromEntries(ids.map((id) => [id, report.cells[id]?.value]));
    expect(got).toEqual(Object.fromEntries(ids.map((id) => [id, want.cells[id]!.value])));
    const blank = ids.filter((id) => BLANK_ROWS.includes(id.split('.')[1]!));
    expect(blank).toHaveLength(8);
    for (const id of blank) expect(report.cells[id], id).toMatchObject({ value: null });
    expect(diagnostics.issues.map((i) => i.code)).not.toContain('ROW_VALUES_NOT_READ');
    expect(diagnostics.summary.cellsMissing).toBe(0);
    // 行政强制 where it is printed: the foot of page 1 (the next block's caption tops page 2)
    expect(diagnostics.cells['activeDisclosure.coercion.decisions']?.where).toMatchObject({ page: 1 });
    expect(diagnostics.cells['activeDisclosure.adminFees.yearChange']?.where).toMatchObject({ page: 2 });
  });
});

// 表二 as headless Chromium prints our HTML: labels left in their column under a centred 「信息内容」,
// heads and numbers centred in theirs (CJK characters as wide as the type is high).
const H = 9.9;
const PITCH = 17.6;
const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u2e80-\uffef]/u.test(ch) ? H : H / 2), 0);
const at = (str: string, x: number, y: number, page = 1): Item => ({ str, x, y, w: width(str), h: H, page });
const centred = (str: string, mid: number, y: number, page = 1) => at(str, mid - width(str) / 2, y, page);
const LABEL_X = 102.6;

/** A block: its caption, its header line and its rows (null: a blank cell, printed as nothing). */
function block(
  caption: string,
  heads: string[],
  rows: [string, (string | null)[]][],
  y: number,
  page = 1,
): { items: Item[]; y: number } {
  const mids = heads.length === 1 ? [371] : heads.length === 2 ? [310, 440] : [279, 374, 469];
  const items = [
    centred(caption, 308, y, page),
    centred('信息内容', 166, y - PITCH, page),
    ...heads.map((h, k) => centred(h, mids[k]!, y - PITCH, page)),
  ];
  let line = y - 2 * PITCH;
  for (const [label, values] of rows) {
    items.push(at(label, LABEL_X, line, page));
    values.forEach((v, k) => {
      if (v !== null) items.push(centred(v, mids[k]!, line + 1.5, page));
    });
    line -= PITCH;
  }
  return { items, y: line };
}

const TITLE = '示例县交通运输局2021年政府信息公开工作年度报告';
const head = (page = 1): Item[] => [
  centred(TITLE, 306, 740, page),
  at('二、主动公开政府信息情况', 72, 710, page),
];
const tail = (y: number, page = 1): Item[] => [at('三、收到和处理政府信息公开申请情况', 72, y, page)];

/** Pages of items read as pdfToSource reads them: each page laid out with the next page's top. */
function read(pages: Item[][]) {
  const lines: SrcLine[] = [];
  for (const [p, items] of pages.entries()) lines.push(...layoutItems(items, lines.length + 1, pages[p + 1]));
  return parseSource({ lines }, 'pdf', 'test');
}
type Read = ReturnType<typeof read>;
const cells = (r: Read, row: string, cols: string[]) =>
  cols.map((c) => r.report.cells[`activeDisclosure.${row}.${c}`]?.value);
const notRead = (r: Read) =>
  r.diagnostics.issues.filter((i) => i.code === 'ROW_VALUES_NOT_READ' && i.message.includes('表二'));

const DOCS = ['made', 'repealed', 'valid'];
const HEADS_1 = ['本年制发件数', '本年废止件数', '现行有效件数'];
const DECISIONS = ['本年处理决定数量'];

/** 2021's 表二: the blocks (一), (五), (六), (八) one under another from y. */
function table2021(rows: {
  regulations?: (string | null)[];
  normativeDocs?: (string | null)[];
  licensing?: string | null;
  punishment?: string | null;
  coercion?: string | null;
  fees?: string | null;
}): { items: Item[]; y: number } {
  const items: Item[] = [];
  let y = 690;
  for (const [caption, heads, rs] of [
    [
      '第二十条第（一）项',
      HEADS_1,
      [
        ['规章', rows.regulations ?? ['1', '0', '5']],
        ['行政规范性文件', rows.normativeDocs ?? ['3', '1', '12']],
      ],
    ],
    [
      '第二十条第（五）项',
      DECISIONS,
      [['行政许可', [rows.licensing === undefined ? '120' : rows.licensing]]],
    ],
    [
      '第二十条第（六）项',
      DECISIONS,
      [
        ['行政处罚', [rows.punishment === undefined ? '36' : rows.punishment]],
        ['行政强制', [rows.coercion === undefined ? '2' : rows.coercion]],
      ],
    ],
    [
      '第二十条第（八）项',
      ['本年收费金额（单位：万元）'],
      [['行政事业性收费', [rows.fees === undefined ? '0' : rows.fees]]],
    ],
  ] as [string, string[], [string, (string | null)[]][]][]) {
    const b = block(caption, heads, rs, y);
    items.push(...b.items);
    y = b.y;
  }
  return { items, y };
}

describe('a PDF’s 表二 rows printed blank in every column (layout)', () => {
  it('2021: rows of one column and of three blank, whole blocks blank — blank cells, the rest as printed', () => {
    const t = table2021({ regulations: [null, null, null], licensing: null, coercion: null, fees: null });
    const r = read([[...head(), ...t.items, ...tail(t.y)]]);
    expect(r.report.meta.edition).toBe('2021');
    expect(cells(r, 'regulations', DOCS)).toEqual([null, null, null]);
    expect(cells(r, 'normativeDocs', DOCS)).toEqual([3, 1, 12]);
    expect(cells(r, 'licensing', ['decisions'])).toEqual([null]);
    expect(cells(r, 'punishment', ['decisions'])).toEqual([36]);
    expect(cells(r, 'coercion', ['decisions'])).toEqual([null]);
    expect(cells(r, 'adminFees', ['feeAmount'])).toEqual([null]);
    expect(notRead(r)).toEqual([]);
  });

  it('a blank row at a page’s foot: blank where the next page starts with the next caption; unread where with the header again, or where no page follows', () => {
    // page 1 ends with 行政强制 printed blank, its page number 「— 1 —」 under the column, as LibreOffice
    // prints our Word file
    const first = [
      ...head(),
      ...block(
        '第二十条第（六）项',
        DECISIONS,
        [
          ['行政处罚', ['36']],
          ['行政强制', [null]],
        ],
        690,
      ).items,
      centred('— 1 —', 371, 40),
    ];
    const fees = block(
      '第二十条第（八）项',
      ['本年收费金额（单位：万元）'],
      [['行政事业性收费', ['0']]],
      740,
      2,
    );
    const next = [at('2', 300, 30), ...fees.items, ...tail(fees.y, 2)];
    expect(cells(read([first, next]), 'coercion', ['decisions'])).toEqual([null]);
    // the header printed again at the top of page 2 (the row may go on there)
    const again = [
      centred('信息内容', 166, 740, 2),
      centred('本年处理决定数量', 371, 740, 2),
      ...fees.items.map((i) => ({ ...i, y: i.y - 2 * PITCH })),
      ...tail(fees.y - 2 * PITCH, 2),
    ];
    const r = read([first, again]);
    expect(cells(r, 'coercion', ['decisions'])).toEqual([undefined]);
    expect(notRead(r).map((i) => i.message)).toEqual([expect.stringContaining('行政强制')]);
    expect(cells(read([first]), 'coercion', ['decisions'])).toEqual([undefined]);
  });

  it('never guessed where the layout leaves doubt: a label wrapped, a number on a line of its own, no header', () => {
    // 2019's block (五), 其他对外管理服务事项 printed blank — read as blank when plain
    const HEADS_5 = ['上一年项目数量', '本年增/减', '处理决定数量'];
    const COLS_5 = ['prevYearItems', 'yearChange', 'decisions'];
    const plain = block(
      '第二十条第（五）项',
      HEADS_5,
      [
        ['行政许可', ['5', '+1', '6']],
        ['其他对外管理服务事项', [null, null, null]],
      ],
      690,
    );
    const title2019 = [
      centred('示例县交通运输局2019年政府信息公开工作年度报告', 306, 740),
      at('二、主动公开政府信息情况', 72, 710),
    ];
    const ok = read([[...title2019, ...plain.items, ...tail(plain.y)]]);
    expect(ok.report.meta.edition).toBe('2019-trial');
    expect(cells(ok, 'otherMgmtServices', COLS_5)).toEqual([null, null, null]);
    expect(cells(ok, 'licensing', COLS_5)).toEqual([5, 1, 6]);

    const unread = (items: Item[]) => {
      const r = read([[...title2019, ...items]]);
      expect(cells(r, 'otherMgmtServices', COLS_5)).toEqual([undefined, undefined, undefined]);
      expect(notRead(r).map((i) => i.message)).toContainEqual(
        expect.stringContaining('其他对外管理服务事项'),
      );
      return r;
    };
    // its label wrapped over two lines (「其他对外管理服务」 over 「事项」): not whole on a line
    const wrapped = block(
      '第二十条第（五）项',
      HEADS_5,
      [
        ['行政许可', ['5', '+1', '6']],
        ['其他对外管理服务', [null, null, null]],
        ['事项', [null, null, null]],
      ],
      690,
    );
    unread([...wrapped.items, ...tail(wrapped.y)]);
    // a number on a line of its own under a head, half a line above the label: whose is it?
    unread([...plain.items, centred('7', 469, plain.y + PITCH + 9), ...tail(plain.y)]);
    // no header line above the rows (「信息内容」 missing): where would its values be?
    unread([...plain.items.filter((i) => i.str !== '信息内容'), ...tail(plain.y)]);
    // heads that are not the block's (a head misread): no columns to place blanks in
    unread([
      ...plain.items.map((i) => (i.str === '本年增/减' ? { ...i, str: '本年增' } : i)),
      ...tail(plain.y),
    ]);
    // what follows is no caption, heading or text across the columns (a note in the label column)
    unread([...plain.items, at('注：单位为件', LABEL_X, plain.y), ...tail(plain.y - PITCH)]);
  });
});
