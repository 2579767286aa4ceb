/**
 * 表三 copied from Excel or WPS as tab-separated text: the sheet types the row labels in three
 * columns (「三、本年度办理结果」 | 「（一）予以公开」 | 「1.属于国家秘密」), the merged label cells
 * copied as empty cells. Before, a row with its 自然人 left blank and another blank in it had every
 * number one column to the left (其他 read as 总计…), only 总计 said missing: the empty cells of the
 * label columns were dropped together with the blank, and the next row's empty label cells (on the
 * line after) kept the row from being read cell by cell. Likewise the last row of 表三 (or of any
 * table) with a note under it (「注：…」): the note's words undid the row's tab cells, so its blank
 * 自然人 was dropped and the row read one column off.
 */
import { getEdition } from '@nianbao/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ingestSync } from './index.js';
import { DATA_KEYS, FULL_ROWS, fullTable3 } from './test-support/full-table3.js';
import { T3_COLS, T3_HEAD, T3_KEYS } from './test-support/table3.js';

const APPS = getEdition('2021').tables.applications;
const depth = (key: string): number => {
  const row = APPS.rows.find((r) => r.key === key)!;
  return row.parent === undefined ? 0 : 1 + depth(row.parent);
};

/** 表三 as a sheet copied to text: three label columns, then the seven columns of numbers. */
function excelCopy(printed: Map<string, (number | null)[]>, after: string[] = []): string {
  const lines = [`${T3_HEAD}\t\t\t${T3_COLS.join('\t')}`];
  for (const row of FULL_ROWS) {
    const d = depth(row.key);
    const label = [
      ...Array.from({ length: d }, () => ''),
      row.label,
      ...Array.from({ length: 2 - d }, () => ''),
    ];
    const cells = printed.get(row.key)?.map((v) => (v === null ? '' : String(v))) ?? T3_KEYS.map(() => '');
    lines.push([...label, ...cells].join('\t'));
  }
  return [
    '某某县人民政府2024年政府信息公开工作年度报告',
    '一、总体情况',
    '本年度工作情况。',
    '三、收到和处理政府信息公开申请情况',
    ...lines,
    ...after,
    '四、政府信息公开行政复议、行政诉讼情况',
    '五、存在的主要问题及改进情况',
    '无。',
  ].join('\n');
}

function expectAsPrinted(text: string, printed: Map<string, (number | null)[]>): void {
  const r = ingestSync(text, { kind: 'text' });
  for (const key of DATA_KEYS)
    T3_KEYS.forEach((col, i) => {
      const id = `applications.${key}.${col}`;
      expect(r.report.cells[id]?.value, `${id}\n${text}`).toBe(printed.get(key)![i]);
    });
}

const RAND = fc.integer({ min: 1, max: 2 ** 31 - 1 }).map((seed) => {
  let s = seed;
  return () => {
    s = (s * 48271) % 2147483647;
    return s / 2147483647;
  };
});

describe('表三 copied from a sheet with its row labels in three columns', () => {
  it('a row with 自然人 and another cell blank: each number in its column', () => {
    const printed = fullTable3(() => 0.5, { blank: 0, missing: 0, typo: 0, max: 9 });
    printed.set('granted', [null, 6, null, 0, 1, 0, 43]);
    printed.set('denied_stateSecret', [null, 2, 0, null, 0, 0, 2]);
    expectAsPrinted(excelCopy(printed), printed);
  });

  it('any 表三 with blanks anywhere and sums that need not hold: every cell as printed (fast-check)', () => {
    fc.assert(
      fc.property(RAND, (rand) => {
        const printed = fullTable3(rand, { blank: 0.3, missing: 0.15, typo: 0.1, max: 300 });
        expectAsPrinted(excelCopy(printed), printed);
      }),
      { numRuns: 60 },
    );
  });
});

describe('the last row of a tab-separated table with words under it', () => {
  it('「四、结转下年度继续办理」 with 自然人 blank and a note after it: each number in its column', () => {
    const printed = fullTable3(() => 0.5, { blank: 0, missing: 0, typo: 0, max: 9 });
    // the sums do not hold (a typo): no reading of the row is confirmed by its total
    printed.set('carriedForward', [null, 5, 0, 0, 0, 3, 9]);
    expectAsPrinted(excelCopy(printed, ['注：本表数据截至2024年12月31日。']), printed);
  });

  it('any last row with blanks and any note under it: every cell as printed (fast-check)', () => {
    const cell = fc.option(fc.integer({ min: 0, max: 500 }), { nil: null, freq: 3 });
    fc.assert(
      fc.property(
        fc.array(cell, { minLength: 7, maxLength: 7 }),
        fc.constantFrom('注：本表数据截至2024年12月31日。', '数据来源：县政务服务管理办公室', '（单位：件）'),
        (row, note) => {
          const printed = fullTable3(() => 0.5, { blank: 0, missing: 0, typo: 0, max: 9 });
          printed.set('carriedForward', row);
          expectAsPrinted(excelCopy(printed, [note]), printed);
        },
      ),
      { numRuns: 100 },
    );
  });
});
