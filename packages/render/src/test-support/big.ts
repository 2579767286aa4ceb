/**
 * Reports of a big agency (a province's 公安厅, a city's region report): counts of 5, 6 and 7
 * digits in the tables, every number different so each can be found on its printed page.
 */
import { exampleReport, type Report, type TableKey } from '@nianbao/core';
import { formatCell, tableGrid } from '../layout.js';

/**
 * The example report (its blanks kept blank) with every number of `tables` replaced by a
 * different number of `digits` digits (本年增/减 positive, printed 「+123456」).
 */
export function bigReport(
  year: 2020 | 2021,
  digits: number,
  tables: readonly TableKey[] = ['activeDisclosure', 'applications', 'reviewLitigation'],
): Report {
  const r = exampleReport({ year });
  let n = 10 ** (digits - 1) + 2345;
  for (const [id, c] of Object.entries(r.cells))
    if (c.value !== null && tables.includes(id.split('.')[0] as TableKey)) {
      r.cells[id] = { ...c, value: n };
      n += 1111;
    }
  return r;
}

/**
 * 表四 as a big agency fills it: the 总计 of each part over 100 000, the four results under it
 * (85432 + 10055 + 4567 + 555 = 100609), 表三's 总计 column at seven digits.
 */
export function bigTotalsReport(year: 2020 | 2021): Report {
  const r = exampleReport({ year });
  const parts = [
    [85432, 10055, 4567, 555],
    [74321, 18765, 6345, 821],
    [93456, 23456, 3456, 456],
  ];
  // in printed order: 行政复议, 未经复议直接起诉, 复议后起诉; each 维持 纠正 其他 尚未审结 总计
  const ids = tableGrid(r.meta.edition, 'reviewLitigation')
    .rows.flat()
    .flatMap((c) => (c.kind === 'value' ? [c.cellId!] : []));
  const values = parts.flatMap((p) => [...p, p.reduce((a, b) => a + b, 0)]);
  if (ids.length !== 15 || !ids[4]!.endsWith('.total')) throw new Error('表四 is not 3 × 5 ending in 总计');
  ids.forEach((id, i) => {
    r.cells[id] = { value: values[i]! };
  });
  let n = 1_234_567;
  for (const id of Object.keys(r.cells))
    if (id.startsWith('applications.') && id.endsWith('.total')) {
      r.cells[id] = { value: n };
      n += 1111;
    }
  return r;
}

/** Every number the tables of a report print, as printed (「+123456」, 「251000元」). */
export function printedNumbers(report: Report): string[] {
  const out: string[] = [];
  for (const t of ['activeDisclosure', 'applications', 'reviewLitigation'] as const)
    for (const c of tableGrid(report.meta.edition, t).rows.flat())
      if (c.kind === 'value') {
        const text = formatCell(report.cells[c.cellId!], c.column);
        if (text) out.push(text);
      }
  return out;
}
