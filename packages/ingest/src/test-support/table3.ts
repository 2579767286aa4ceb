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
