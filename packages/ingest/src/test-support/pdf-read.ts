/**
 * Reading generated PDF layouts of 表三 (text items with positions, as pdf.ts lays them out) and
 * what the tests of wrapped numbers and glued labels ask of the result.
 */
import { parseSource } from '../parse.js';
import { type Item, layoutItems } from '../pdf.js';
import { fullTable3, seeded } from './full-table3.js';
import { T3_KEYS } from './table3.js';
import type { WrappedTable } from './wrapped-table.js';

export function read(items: Item[]) {
  return parseSource({ lines: layoutItems(items) }, 'pdf', 'test');
}
export type Result = ReturnType<typeof read>;

/** A 表三 row's seven numbers as read (undefined: not read). */
export const values = (r: Result, row: string) =>
  T3_KEYS.map((k) => r.report.cells[`applications.${row}.${k}`]?.value);

/** What is said about a cell (errors and warnings, or one severity). */
export const saidOn = (r: Result, id: string, severity?: string) =>
  r.diagnostics.issues.filter(
    (i) =>
      (severity ? i.severity === severity : i.severity !== 'info') &&
      (i.cell === id || i.cells?.includes(id)),
  );

export const LAYOUT: Omit<WrappedTable, 'rows'> = {
  digits: 9,
  valign: 'middle',
  breakAtSeparator: false,
  pitch: 1.2,
  pad: 3,
};
export const NEW = '一、本年新收政府信息公开申请数量';
export const OVER = '二、上年结转政府信息公开申请数量';
export const SECOND = [0, 3306389, null, 0, 0, 0, 3306389];

/** A whole 表三 that adds up, no blanks, no typos: the tests change a cell or two of it. */
export function wholeTable(seed: number): Map<string, (number | null)[]> {
  return fullTable3(seeded(seed), { blank: 0, missing: 0, typo: 0, max: 30_000_000 });
}
