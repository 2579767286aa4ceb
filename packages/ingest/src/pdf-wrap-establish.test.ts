/**
 * Numbers wrapped in narrow PDF columns where the row's own sum could not establish them: a row
 * with blanks (counted 0 in the sum), 表三's column sums (（七）总计 over the results, 一 + 二 =
 * （七） + 四). The rule stays: every number is read as printed or said unreadable — never another.
 */
import { describe, expect, it } from 'vitest';
import { parseSource } from './parse.js';
import { DATA_KEYS, fullTableItems } from './test-support/full-table3.js';
import { LAYOUT, NEW, OVER, read, SECOND, saidOn, values, wholeTable } from './test-support/pdf-read.js';
import { T3_KEYS } from './test-support/table3.js';
import { type WrappedTable, wrappedTableItems } from './test-support/wrapped-table.js';

const NARROW: Omit<WrappedTable, 'rows'> = { ...LAYOUT, digits: 7, breakAtSeparator: true };

describe('a wrapped number the row cannot establish', () => {
  it('a row whose blanks stand for 0: its sum (blanks counted 0) establishes the joined total — read, said', () => {
    const row = [3793123, 9307008, null, 4661231, 7114081, 1549577, 26425020];
    const r = read(
      wrappedTableItems({
        ...LAYOUT,
        rows: [
          { label: NEW, values: row },
          { label: OVER, values: SECOND },
        ],
      }),
    );
    expect(values(r, 'newReceived')).toEqual(row);
    const said = r.diagnostics.issues.find((i) => i.code === 'VALUE_WRAPPED');
    expect(said).toMatchObject({ severity: 'warning', cells: ['applications.newReceived.total'] });
    expect(said!.message).toContain('总计「26,425,02」「0」→ 26,425,020');
    expect(said!.message).toContain('本行空白单元格按 0 计');
    expect(saidOn(r, 'applications.newReceived.total', 'error')).toEqual([]);
  });

  it('表三: a row missing a number (its sum short) has its wrapped numbers established by their columns’ sums', () => {
    const printed = wholeTable(7);
    const granted = printed.get('granted')!;
    // a number left blank in the row: the row cannot establish anything
    const gap = granted.findIndex((v, j) => j < 6 && v !== 0);
    const want = granted.slice();
    want[gap] = null;
    printed.set('granted', want);
    const r = read(fullTableItems(printed, NARROW));
    expect(values(r, 'granted')).toEqual(want);
    const total = r.diagnostics.issues.find(
      (i) => i.code === 'VALUE_WRAPPED' && i.cells?.[0] === 'applications.granted.total',
    );
    expect(total?.severity).toBe('warning');
    expect(total!.message).toContain('（七）总计等于各项办理结果之和（总计列）核对相符');
    // (the blank stays blank: not 0, not the number the sums would give)
    expect(r.report.cells[`applications.granted.${T3_KEYS[gap]}`]?.value).toBeNull();
    // every other row read as printed
    for (const k of DATA_KEYS) if (k !== 'granted') expect(values(r, k), k).toEqual(printed.get(k));
  });

  it('… a number off by a typo in that row stays unread (its column does not add up), the others are read', () => {
    const printed = wholeTable(11);
    const row = printed.get('denied_processInfo')!.slice();
    const typo = row.findIndex((v, j) => j < 6 && v !== null && v > 10_000_000);
    row[typo] = row[typo]! + 3;
    printed.set('denied_processInfo', row);
    const r = read(fullTableItems(printed, NARROW));
    const got = values(r, 'denied_processInfo');
    const id = `applications.denied_processInfo.${T3_KEYS[typo]}`;
    expect(got[typo]).toBeUndefined();
    expect(saidOn(r, id, 'error')[0]!.message).toContain('所在列的勾稽关系');
    expect(got.filter((_, j) => j !== typo)).toEqual(row.filter((_, j) => j !== typo));
  });

  it('一 + 二 = （七） + 四 establishes （七）总计’s numbers where its row misses one', () => {
    const printed = wholeTable(5);
    const total = printed.get('resultTotal')!.slice();
    total[0] = null;
    printed.set('resultTotal', total);
    const r = read(fullTableItems(printed, NARROW));
    expect(values(r, 'resultTotal')).toEqual(total);
    expect(
      r.diagnostics.issues.some(
        (i) =>
          i.code === 'VALUE_WRAPPED' &&
          i.message.includes('核对相符') &&
          i.cells?.[0]?.startsWith('applications.resultTotal.'),
      ),
    ).toBe(true);
  });
});

describe('first lines of wrapped numbers above the row’s label', () => {
  it('first lines cut after a separator (「20,582,」) above the row’s label, last digits on its line: joined, never the last digits', () => {
    const text = [
      '某某县人民政府2024年政府信息公开工作年度报告',
      '三、收到和处理政府信息公开申请情况',
      '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计',
      `${NEW}\t1\t0\t0\t0\t0\t0\t1`,
      '9,435,7\t20,582,\t1,502,6\t11,461,\t29,745,\t9,195,7\t81,924,',
      OVER,
      '05\t691\t98\t390\t942\t29\t155',
      '四、政府信息公开行政复议、行政诉讼情况',
    ];
    const r = parseSource(
      {
        lines: text.map((l, i) => ({
          cells: l
            .split('\t')
            .map((c, j) => ({ text: c, where: { page: 1, x: 50 + 60 * j, y: 800 - 14 * i } })),
          explicit: false,
        })),
      },
      'pdf',
      'test',
    );
    expect(values(r, 'carriedOver')).toEqual([
      9435705, 20582691, 1502698, 11461390, 29745942, 9195729, 81924155,
    ]);
  });
});
