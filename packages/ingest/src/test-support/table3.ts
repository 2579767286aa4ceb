import { getEdition } from '@nianbao/core';

/** 表三's columns as core's editions have them (the same in both): cell-id keys and printed labels. */
const COLUMNS = getEdition('2021').tables.applications.columns;
export const T3_KEYS: readonly string[] = COLUMNS.map((c) => c.key);
export const T3_COLS: readonly string[] = COLUMNS.map((c) => c.label);
/** The first header cell of 表三 as the 2021 format prints it. */
export const T3_HEAD = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';

/**
 * A report (of 2024 unless `year`) as text with 表三 as TAB rows under its two header lines (`rows` between them and
 * section 四), the rest of the report as short as ingest takes it.
 */
export function tabTable3Report(rows: readonly string[], year = 2024): string {
  return [
    `某某县人民政府${year}年政府信息公开工作年度报告`,
    '一、总体情况',
    '本年度工作情况。',
    '三、收到和处理政府信息公开申请情况',
    `${T3_HEAD}\t申请人情况`,
    `\t${T3_COLS.join('\t')}`,
    ...rows,
    '四、政府信息公开行政复议、行政诉讼情况',
    '五、存在的主要问题及改进情况',
    '无。',
  ].join('\n');
}

/**
 * A printed row's TAB fields: `lead` empty label columns, the numbers (null printed blank), `trail`
 * empty fields at the end — as PDF text gives a row with blank cells.
 */
export function tabFields(printed: readonly (number | null)[], lead: number, trail: number): string[] {
  return [
    ...Array.from({ length: lead }, () => ''),
    ...printed.map((v) => (v === null ? '' : String(v))),
    ...Array.from({ length: trail }, () => ''),
  ];
}

/** How a row's 总计 is printed in the properties: its parts' sum, blank, 0, or another number. */
export type TotalKind = 'sum' | 'blank' | 'zero' | 'other';

/**
 * A printed row (`parts` then its 总计 as `kind` says; null is a blank), and the same row with its
 * one blank, if it has only one, as the number its sums fix it to (总计 = Σ parts): 「⇥⇥0⇥0⇥0⇥0⇥0⇥0⇥」
 * (the seed's rows) is all 0 whether its blank is 自然人 or 总计 — a reading of 0 there is right.
 */
export function printedRow(
  parts: readonly (number | null)[],
  kind: TotalKind,
  other: number,
): { printed: (number | null)[]; fixed: (number | null)[] } {
  const sum = parts.reduce<number>((a, v) => a + (v ?? 0), 0);
  const total = kind === 'sum' ? sum : kind === 'blank' ? null : kind === 'zero' ? 0 : other;
  const printed = [...parts, total];
  const blanks = printed.flatMap((v, i) => (v === null ? [i] : []));
  const fixed = [...printed];
  if (blanks.length === 1) {
    const b = blanks[0]!;
    const others = parts.reduce<number>((a, v, i) => a + (i === b ? 0 : (v ?? 0)), 0);
    fixed[b] = b === parts.length ? others : (total ?? 0) - others;
  }
  return { printed, fixed };
}

/**
 * A TAB 表三 whose row （一）予以公开 is printed as `row` after its label, between rows read plainly:
 * 一、本年新收 1 | 0 … | 1, 二、上年结转 all 0, and （二）部分公开 all 0 after it.
 */
export function grantedRowReport(row: string): string {
  return tabTable3Report([
    '一、本年新收政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1',
    '二、上年结转政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0',
    '三、本年度办理结果',
    `（一）予以公开${row}`,
    '（二）部分公开（区分处理的，只计这一情形，不计其他情形）\t0\t0\t0\t0\t0\t0\t0',
  ]);
}
