import { readFileSync } from 'node:fs';
import { exampleReport, type Report } from '@nianbao/core';
import type { FixtureCell, FixtureSheet } from './xlsx-fixture.js';

/** The title a typed workbook puts above its tables. */
export const EXAMPLE_TITLE = '示例市人民政府办公室2024年政府信息公开工作年度报告';

/**
 * The tables of the 2024 example as our XLSX export lays them out (one sheet each, 表二 表三 表四),
 * as typed rows: numbers as numbers, an empty cell as null. For tests of the Excel reader.
 */
export function exampleSheets(): FixtureSheet[] {
  const sheets: FixtureSheet[] = [];
  const tsv = new URL('./xlsx/example-2024.tsv', import.meta.url);
  for (const line of readFileSync(tsv, 'utf8').split('\n')) {
    if (line.startsWith('# ')) sheets.push({ name: line.slice(2), rows: [] });
    else if (line !== '')
      sheets
        .at(-1)!
        .rows.push(
          line
            .split('\t')
            .map((t): FixtureCell => (t === '' ? null : /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : t)),
        );
  }
  return sheets;
}

/** The sheets with every number changed by `f` (another year's or office's report). */
export function mapNumbers(sheets: FixtureSheet[], f: (n: number) => FixtureCell): FixtureSheet[] {
  return sheets.map((s) => ({
    ...s,
    rows: s.rows.map((r) => r.map((c) => (typeof c === 'number' ? f(c) : c))),
  }));
}

/** A report's numbers by cell id (blank: null), to compare what was read with what was typed. */
export const values = (r: Report) =>
  Object.fromEntries(Object.entries(r.cells).map(([id, c]) => [id, c?.value ?? null]));

/** The numbers exampleSheets() holds: the 2024 example report's. */
export const want = () => values(exampleReport({ year: 2024 }));

/** The sheets with the report's title above the first (as an office's workbook has it). */
export const titled = (sheets: FixtureSheet[]) => {
  sheets[0]!.rows.unshift([EXAMPLE_TITLE]);
  return sheets;
};

/** One sheet by its name. */
export const table = (sheets: FixtureSheet[], name: string) => sheets.find((s) => s.name === name)!;
