import fc from 'fast-check';
import { derive } from '../derive.js';
import { type EditionId, getEdition } from '../editions/index.js';
import { createEmptyReport, type Report } from '../model.js';

/**
 * A consistent report of either edition: random counts in every input cell, 上年结转 chosen so
 * that 新收 is non-negative, totals computed, a line of text under 一. Every arithmetic identity holds.
 */
export function consistentReport(edition?: EditionId): fc.Arbitrary<Report> {
  const ed = edition ? fc.constant(edition) : fc.constantFrom<EditionId>('2019-trial', '2021');
  return ed.chain((id) => {
    const e = getEdition(id);
    const apps = e.tables.applications;
    const partCols = apps.columns.filter((c) => c.key !== 'total');
    const small = fc.nat({ max: 30 });
    const perColumn = fc.record({
      results: fc.array(small, { minLength: apps.resultRows.length, maxLength: apps.resultRows.length }),
      carriedOver: fc.nat({ max: 10 }),
      carriedForward: fc.nat({ max: 10 }),
    });
    const t2 = e.cells.filter((c) => c.table === 'activeDisclosure');
    return fc
      .record({
        year: id === '2021' ? fc.integer({ min: 2021, max: 2030 }) : fc.integer({ min: 2019, max: 2020 }),
        columns: fc.array(perColumn, { minLength: partCols.length, maxLength: partCols.length }),
        t2: fc.array(fc.nat({ max: 500 }), { minLength: t2.length, maxLength: t2.length }),
        t4: fc.array(fc.nat({ max: 5 }), { minLength: 12, maxLength: 12 }),
      })
      .map(({ year, columns, t2: t2v, t4 }) => {
        const r = createEmptyReport({
          year,
          agency: { name: '测试局', kind: '政府部门', level: '县级' },
          edition: id,
        });
        // (an account of the year under 一: an empty 总体情况 is an error of its own, S2)
        r.sections.overview =
          '本机关认真贯彻落实《中华人民共和国政府信息公开条例》，政府信息公开工作有序推进。';
        t2.forEach((def, i) => {
          r.cells[def.id] =
            def.valueType === 'money'
              ? { value: t2v[i]! / 10, unit: '万元' }
              : { value: def.valueType === 'signedCount' ? t2v[i]! - 250 : t2v[i]! };
        });
        partCols.forEach((col, ci) => {
          const c = columns[ci]!;
          let done = 0;
          apps.resultRows.forEach((row, ri) => {
            r.cells[`applications.${row.key}.${col.key}`] = { value: c.results[ri]! };
            done += c.results[ri]!;
          });
          const carriedOver = Math.min(c.carriedOver, done + c.carriedForward);
          r.cells[`applications.carriedOver.${col.key}`] = { value: carriedOver };
          r.cells[`applications.carriedForward.${col.key}`] = { value: c.carriedForward };
          r.cells[`applications.newReceived.${col.key}`] = { value: done + c.carriedForward - carriedOver };
        });
        const groups = ['review', 'litigationDirect', 'litigationAfterReview'];
        const parts = ['upheld', 'corrected', 'other', 'pending'];
        groups.forEach((g, gi) => {
          parts.forEach((p, pi) => {
            r.cells[`reviewLitigation.${g}.${p}`] = { value: t4[gi * 4 + pi]! };
          });
        });
        return derive(r).report;
      });
  });
}

/** Cells that take part in at least one identity (表三 and 表四). */
export function identityCells(r: Report): string[] {
  return Object.keys(r.cells).filter((id) => !id.startsWith('activeDisclosure.'));
}
