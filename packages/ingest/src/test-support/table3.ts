import { getEdition } from '@nianbao/core';

/** 表三's columns as core's editions have them (the same in both): cell-id keys and printed labels. */
const COLUMNS = getEdition('2021').tables.applications.columns;
export const T3_KEYS: readonly string[] = COLUMNS.map((c) => c.key);
export const T3_COLS: readonly string[] = COLUMNS.map((c) => c.label);
/** The first header cell of 表三 as the 2021 format prints it. */
export const T3_HEAD = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';
