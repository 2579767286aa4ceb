/**
 * Column heads run together in a PDF's header: LibreOffice prints our Word file's 表三 header with
 * 「商业企业」 and 「科研机构」 so close (4 pt apart, 9 pt type) that they are one cell,
 * 「商业企业科研机构」 — one header column for two. 028's 表三 prints no row with all seven numbers
 * (科研机构 and 社会公益组织 blank everywhere), so only the header can place them: with a column
 * short, 23 rows were ROW_VALUES_NOT_READ, 161 cells lost. Now a header cell that is column heads
 * of a table side by side, whole and in their order (the heads of the edition data), is those
 * heads, each at its share of the cell's width.
 *
 * fixtures/printed/shanghai-2019-libreoffice.pdf: corpus/028.txt read, rendered to Word by
 * @nianbao/render and printed by LibreOffice 7.4 (`soffice --headless --convert-to pdf`, as
 * render's test-support/office.ts does).
 */
import { describe, expect, it } from 'vitest';
import { ingest } from './index.js';
import { parseSource } from './parse.js';
import { type Item, layoutItems } from './pdf.js';
import type { SrcLine } from './source.js';
import { fixtureBytes, fixtureText } from './test-support/fixtures.js';
import { T3_KEYS } from './test-support/table3.js';

const PRINTED = 'printed/shanghai-2019-libreoffice.pdf';

describe('our Word file printed to PDF by LibreOffice, 表三’s heads 「商业企业科研机构」 one cell (028)', () => {
  it('every cell as in the report, 表三 read under its header, none left unread', async () => {
    const want = (await ingest(fixtureText('corpus/028.txt'))).report;
    const { report, diagnostics } = await ingest(fixtureBytes(PRINTED), { filename: 'report.pdf' });
    expect(report.meta).toMatchObject({ year: 2019, edition: '2019-trial', title: want.meta.title });
    const ids = Object.keys(want.cells);
    expect(ids).toHaveLength(198);
    const got = Object.fromEntries(ids.map((id) => [id, report.cells[id]?.value]));
    expect(got).toEqual(Object.fromEntries(ids.map((id) => [id, want.cells[id]!.value])));
    expect(report.cells['applications.newReceived.commercialEnterprise']?.value).toBe(35);
    expect(report.cells['applications.newReceived.researchInstitution']?.value).toBeNull();
    expect(diagnostics.issues.map((i) => i.code)).not.toContain('ROW_VALUES_NOT_READ');
    expect(diagnostics.summary.cellsMissing).toBe(0);
  });
});

/** A text item as LibreOffice prints it: 9 pt type, CJK characters 9 pt wide, digits 4.5. */
const t = (str: string, x: number, y: number): Item => ({
  str,
  x,
  y,
  w: [...str].reduce((w, ch) => w + (/[\u2e80-\uffef]/u.test(ch) ? 9 : 4.5), 0),
  h: 9,
  page: 1,
});

/** 表三's header as LibreOffice printed 028's (page 9): 「商业企业」 4.2 pt before 「科研机构」. */
const header = (commercial: Item[]): Item[] => [
  t('申请人情况', 358.8, 317.5),
  t('（本列数据的勾稽关系为：第一项加第', 83.6, 301),
  t('法人或其他组织', 349.7, 301),
  t('二项之和，等于第三项加第四项之和）', 83.6, 287.9),
  t('自然人', 247.1, 286.2),
  t('社会公益', 363.2, 284.4),
  t('法律服务', 403.4, 284.4),
  t('总计', 492.9, 286.2),
  ...commercial,
  t('其他', 452.6, 277.9),
  t('组织', 372.2, 271.4),
  t('机构', 412.4, 271.4),
];
const RUN_TOGETHER = [t('商业企业', 282.8, 277.9), t('科研机构', 323, 277.9)];

/** 028's first rows: 科研机构 and 社会公益组织 blank, no row prints all seven. */
const ROWS: [string, number, (string | null)[]][] = [
  ['一、本年新收政府信息公开申请数量', 252.2, ['821', '35', null, null, '2', '1', '859']],
  ['二、上年结转政府信息公开申请数量', 230.3, ['18', null, null, null, null, null, '18']],
  ['（一）予以公开', 208.4, ['258', '12', null, null, '1', '1', '272']],
];
const MIDS = [260.6, 300.8, 341, 381.2, 421.4, 461.6, 501.9];
const rows = (): Item[] =>
  ROWS.flatMap(([label, y, values]) => [
    t(label, 81.2, y),
    ...values.flatMap((v, k) => (v === null ? [] : [t(v, MIDS[k]! - v.length * 2.25, y - 0.7)])),
  ]);

function read(items: Item[]) {
  const lines: SrcLine[] = [
    {
      cells: [{ text: '某某局2019年政府信息公开工作年度报告', where: { page: 1, line: 1 } }],
      explicit: false,
    },
    { cells: [{ text: '三、收到和处理政府信息公开申请情况', where: { page: 1, line: 2 } }], explicit: false },
    ...layoutItems(items, 3),
    {
      cells: [{ text: '四、政府信息公开行政复议、行政诉讼情况', where: { page: 2, line: 1 } }],
      explicit: false,
    },
  ];
  return parseSource({ lines }, 'pdf', 'test');
}
const row = (r: ReturnType<typeof read>, key: string) =>
  T3_KEYS.map((c) => r.report.cells[`applications.${key}.${c}`]?.value);

describe('a header cell of column heads run together (layout)', () => {
  it('「商业企业科研机构」 is two columns: every number under its head, the blank columns blank', () => {
    const r = read([...header(RUN_TOGETHER), ...rows()]);
    expect(row(r, 'newReceived')).toEqual([821, 35, null, null, 2, 1, 859]);
    expect(row(r, 'carriedOver')).toEqual([18, null, null, null, null, null, 18]);
    expect(row(r, 'granted')).toEqual([258, 12, null, null, 1, 1, 272]);
    expect(r.diagnostics.issues.map((i) => i.code)).not.toContain('ROW_VALUES_NOT_READ');
  });

  it('printed apart, or with a space between, the same', () => {
    const apart = [t('商业企业', 282.8, 277.9), t('科研机构', 327.2, 277.9)];
    const spaced = [{ ...t('商业企业 科研机构', 282.8, 277.9), w: 80.4 }];
    for (const heads of [apart, spaced])
      expect(row(read([...header(heads), ...rows()]), 'newReceived')).toEqual([
        821,
        35,
        null,
        null,
        2,
        1,
        859,
      ]);
  });

  it('never guessed: text that is not whole heads run together (「商业企业科研」, a head cut) stays one column — the rows unread', () => {
    const cut = [t('商业企业', 282.8, 277.9), t('科研', 323, 277.9)];
    const r = read([...header(cut), ...rows()]);
    for (const key of ['newReceived', 'carriedOver', 'granted'])
      expect(row(r, key).filter((v) => v !== undefined)).toEqual([]);
    expect(r.diagnostics.issues.map((i) => i.code)).toContain('ROW_VALUES_NOT_READ');
  });
});
