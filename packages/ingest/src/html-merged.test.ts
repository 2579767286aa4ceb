/**
 * A portal's HTML 表三 with a cell of numbers spanning rows (`rowspan`: 「0」 printed once for
 * 不予公开 1.–8.). Before, the rows under it lacked that cell (HTML writes a spanning cell once), so
 * every number after it in a row moved one column to the left — read as printed, nothing said —
 * whenever the row had a blank or its sums did not hold. Now the spanned column holds its place in
 * each row: no number is read from it, and that is said. Label cells spanning rows
 * (「三、本年度办理结果」「（三）不予公开」) are left out of the rows as before.
 */
import { getEdition } from '@nianbao/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ingestSync } from './index.js';
import { T3_KEYS } from './test-support/table3.js';

const APPS = getEdition('2021').tables.applications;
const DENIED = APPS.rows.filter((r) => r.parent === 'denied').map((r) => r.key);
const td = (x: string, attrs = '') => `<td${attrs}>${x}</td>`;

/** 表三 as portals print it (label cells spanning rows), column `merged` of 不予公开 spanning its rows. */
function html(values: Map<string, (number | null)[]>, merged: number, blank: string): string {
  const rows = [
    `<tr>${td(APPS.cornerNote, ' colspan="3"')}${APPS.columns.map((c) => td(c.label)).join('')}</tr>`,
  ];
  const kids = (k: string) => APPS.rows.filter((r) => r.parent === k);
  const leaves = (k: string): number =>
    kids(k).reduce((n, r) => n + (r.kind === 'group' ? kids(r.key).length : 1), 0);
  let resultsDone = false;
  for (const row of APPS.rows) {
    if (row.kind === 'group') continue;
    let pre = '';
    if (row.parent === undefined) pre = td(row.label, ' colspan="3"');
    else {
      if (!resultsDone) {
        pre += td('三、本年度办理结果', ` rowspan="${leaves('results')}"`);
        resultsDone = true;
      }
      if (row.parent === 'results') pre += td(row.label, ' colspan="2"');
      else {
        const sib = kids(row.parent);
        if (sib[0]!.key === row.key) {
          const g = APPS.rows.find((r) => r.key === row.parent)!;
          pre += td(g.label, ` rowspan="${sib.length}"`);
        }
        pre += td(row.label);
      }
    }
    const d = DENIED.indexOf(row.key);
    const nums = values
      .get(row.key)!
      .map((v, ci) => {
        if (ci === merged && d > 0) return '';
        const text = v === null ? blank : String(v);
        return ci === merged && d === 0 ? td(text, ` rowspan="${DENIED.length}"`) : td(text);
      })
      .join('');
    rows.push(`<tr>${pre}${nums}</tr>`);
  }
  return [
    '<p>某某县人民政府2024年政府信息公开工作年度报告</p>',
    '<p>一、总体情况</p><p>本年度工作情况。</p>',
    '<p>三、收到和处理政府信息公开申请情况</p>',
    `<table>${rows.join('\n')}</table>`,
    '<p>四、政府信息公开行政复议、行政诉讼情况</p><p>五、存在的主要问题及改进情况</p><p>无。</p>',
  ].join('\n');
}

const valuesArb = fc
  .array(
    fc.array(fc.option(fc.integer({ min: 0, max: 999 }), { nil: null, freq: 4 }), {
      minLength: 7,
      maxLength: 7,
    }),
    { minLength: APPS.dataRows.length, maxLength: APPS.dataRows.length },
  )
  .map((rows) => new Map(APPS.dataRows.map((r, i) => [r.key, rows[i]!])));

describe('HTML: a cell of numbers spanning rows (rowspan)', () => {
  it('社会公益组织 spanning 不予公开 1.–8.: the numbers after it stay in their columns, the spanned cells said', () => {
    const values = new Map(APPS.dataRows.map((r) => [r.key, [1, null, 2, 3, 4, 5, 15] as (number | null)[]]));
    const r = ingestSync(html(values, 3, ''), { kind: 'html' });
    for (const key of DENIED.slice(1)) {
      expect(r.report.cells[`applications.${key}.legalServiceOrg`]?.value, key).toBe(4);
      expect(r.report.cells[`applications.${key}.otherOrg`]?.value, key).toBe(5);
      expect(r.report.cells[`applications.${key}.total`]?.value, key).toBe(15);
      const id = `applications.${key}.publicInterestOrg`;
      expect(
        r.diagnostics.issues.some((i) => i.cell === id || i.cells?.includes(id)),
        id,
      ).toBe(true);
    }
    // the rows without a spanning cell, under label cells spanning rows, read as printed
    expect(r.report.cells['applications.unable_notHeld.total']?.value).toBe(15);
    expect(r.report.cells['applications.granted.publicInterestOrg']?.value).toBe(3);
  });

  it('any column spanning, any numbers and blanks: every other cell as printed, a spanned one never silently (fast-check)', () => {
    fc.assert(
      fc.property(
        valuesArb,
        fc.integer({ min: 0, max: 6 }),
        fc.constantFrom('', '&nbsp;', '—', '/'),
        (values, merged, blank) => {
          const r = ingestSync(html(values, merged, blank), { kind: 'html' });
          const said = new Set(r.diagnostics.issues.flatMap((i) => i.cells ?? (i.cell ? [i.cell] : [])));
          for (const row of APPS.dataRows)
            T3_KEYS.forEach((col, ci) => {
              const id = `applications.${row.key}.${col}`;
              const got = r.report.cells[id];
              if (ci === merged && DENIED.indexOf(row.key) > 0) {
                expect(got === undefined || said.has(id), id).toBe(true);
                return;
              }
              // a number the row shows missing may be computed from its sums, or left out (said)
              if (got === undefined || got.origin === 'inferred') expect(said.has(id), id).toBe(true);
              else expect(got.value, id).toBe(values.get(row.key)![ci]);
            });
        },
      ),
      { numRuns: 120 },
    );
  });
});

describe('a ditto mark 「〃」 printed where a number belongs', () => {
  const HEAD = `${APPS.cornerNote}|${APPS.columns.map((c) => c.label).join('|')}`;
  const text = (sep: string, cells: string[]) =>
    [
      '某某县人民政府2024年政府信息公开工作年度报告',
      '一、总体情况',
      '本年度工作情况。',
      '三、收到和处理政府信息公开申请情况',
      HEAD.split('|').join(sep),
      ['一、本年新收政府信息公开申请数量', ...cells].join(sep),
      ['二、上年结转政府信息公开申请数量', '1', '0', '0', '0', '0', '0', '1'].join(sep),
      '四、政府信息公开行政复议、行政诉讼情况',
    ].join('\n');
  // (a ditto mark last was left out as a note after the row, and 「10」 cut into 1 and 0 to fill the row)
  it.each([
    [' | ', ['—', '—', '—', '—', '—', '10', '〃']],
    ['\t', ['—', '—', '—', '—', '—', '10', '〃']],
    ['  ', ['—', '—', '—', '—', '—', '10', '〃']],
    ['  ', ['〃', '3', '—', '—', '—', '〃', '10']],
  ])('separated by 「%s」 %j: holds its column, said; the other cells as printed', (sep, cells) => {
    const r = ingestSync(text(sep, cells), { kind: 'text' });
    T3_KEYS.forEach((col, i) => {
      const id = `applications.newReceived.${col}`;
      const got = r.report.cells[id];
      if (cells[i] === '〃')
        expect(
          r.diagnostics.issues.some((x) => x.code === 'CELL_UNREADABLE' && x.cell === id),
          id,
        ).toBe(true);
      else expect(got?.value, id).toBe(cells[i] === '—' ? null : Number(cells[i]));
    });
  });
});
