import { aggregate, createEmptyReport, exampleReport, setCell } from '@nianbao/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { render } from './index.js';
import { LONG_COLUMNS, longRows, parseLongCsv, renderOpenData } from './opendata.js';
import { reportArb } from './test-support/arbitraries.js';

describe('open data (long format)', () => {
  it('one row per cell: 198 for 2019-trial, 200 for 2021, in printed order', () => {
    expect(longRows(exampleReport({ year: 2020 }))).toHaveLength(198);
    const rows = longRows(exampleReport({ year: 2021 }));
    expect(rows).toHaveLength(200);
    expect(rows[0]).toEqual({
      agency: '示例县交通运输局',
      year: 2021,
      edition: '2021',
      cell_id: 'activeDisclosure.regulations.made',
      value: 0,
      unit: '',
      semantic: 'number',
    });
    expect(rows.find((r) => r.cell_id === 'activeDisclosure.adminFees.feeAmount')).toMatchObject({
      value: 20.3,
      unit: '万元',
    });
  });

  it('an amount stored without its unit is 「unknown」 (or the format’s 万元), never the empty unit of a count', () => {
    const amount = 'activeDisclosure.centralProcurement.procurementAmount';
    const fee = 'activeDisclosure.adminFees.feeAmount';
    const r20 = exampleReport({ year: 2020 });
    const bare20 = { ...r20, cells: { ...r20.cells, [amount]: { value: 251000 } } };
    expect(longRows(bare20).find((x) => x.cell_id === amount)).toMatchObject({
      value: 251000,
      unit: 'unknown',
    });
    const r21 = exampleReport({ year: 2021 });
    const bare21 = { ...r21, cells: { ...r21.cells, [fee]: { value: 3 } } };
    expect(longRows(bare21).find((x) => x.cell_id === fee)).toMatchObject({ value: 3, unit: '万元' });
  });

  it('a cell absent from the report (a table the document did not print) is a blank row, never missing or 0', () => {
    const r = exampleReport({ year: 2021 });
    const cells = Object.fromEntries(
      Object.entries(r.cells).filter(
        ([id]) => !id.startsWith('reviewLitigation.') && id !== 'activeDisclosure.adminFees.feeAmount',
      ),
    );
    const partial = { ...r, cells };
    const rows = longRows(partial);
    expect(rows).toHaveLength(200);
    expect(rows.map((x) => x.cell_id)).toEqual(longRows(r).map((x) => x.cell_id));
    const t4 = rows.filter((x) => x.cell_id.startsWith('reviewLitigation.'));
    expect(t4).toHaveLength(15);
    for (const x of t4) expect(x).toMatchObject({ value: null, semantic: 'blank', unit: '' });
    expect(rows.find((x) => x.cell_id === 'activeDisclosure.adminFees.feeAmount')).toMatchObject({
      value: null,
      unit: '万元',
      semantic: 'blank',
    });
    // CSV and JSON say the same.
    expect(parseLongCsv(renderOpenData([partial], 'csv'))).toEqual(rows);
    expect(JSON.parse(renderOpenData([partial], 'json'))).toEqual(rows);
  });

  it('a cell the edition does not have (the other edition’s, or no format’s) is not open data', () => {
    const r = exampleReport({ year: 2021 });
    const odd = {
      ...r,
      cells: {
        ...r.cells,
        'applications.bogus.naturalPerson': { value: 7 },
        'activeDisclosure.centralProcurement.procurementItems': { value: 3 },
      },
    };
    const rows = longRows(odd);
    expect(rows).toHaveLength(200);
    expect(rows.some((x) => x.cell_id.includes('bogus') || x.cell_id.includes('centralProcurement'))).toBe(
      false,
    );
    expect(renderOpenData([odd], 'csv')).not.toContain('bogus');
  });

  it('a roll-up is marked in the agency column, so its rows never pass for the government of the same name', () => {
    const gov = exampleReport({
      year: 2022,
      agency: { name: '示例县人民政府', kind: '人民政府', level: '县级' },
    });
    const rollup = aggregate([gov, exampleReport({ year: 2022 })], {
      agency: { name: '示例县人民政府' },
    }).report;
    const csv = renderOpenData([gov, rollup], 'csv');
    const agencies = new Set(parseLongCsv(csv).map((r) => r.agency));
    expect([...agencies]).toEqual(['示例县人民政府', '示例县人民政府（区域汇总）']);
    expect(longRows(rollup)[0]!.agency).toBe('示例县人民政府（区域汇总）');
    expect(JSON.parse(renderOpenData([rollup], 'json'))[0].agency).toBe('示例县人民政府（区域汇总）');
  });

  it('blank is blank (semantic "blank", empty value), never 0', () => {
    const r = setCell(createEmptyReport({ year: 2021, agency: '某局' }), 'applications.granted.total', 0);
    const csv = renderOpenData([r], 'csv');
    const lines = csv.trim().split('\n');
    expect(lines[0]).toBe(LONG_COLUMNS.join(','));
    expect(lines).toContain('某局,2021,2021,applications.granted.total,0,,number');
    expect(lines).toContain('某局,2021,2021,applications.granted.naturalPerson,,,blank');
    const json = JSON.parse(renderOpenData([r], 'json'));
    expect(
      json.find((x: { cell_id: string }) => x.cell_id === 'applications.granted.naturalPerson'),
    ).toMatchObject({
      value: null,
      semantic: 'blank',
    });
  });

  it('many reports into one file; names with commas, quotes and line breaks are quoted', () => {
    const a = exampleReport({ year: 2021, agency: { name: '甲,乙"丙"\n局' } });
    const b = exampleReport({ year: 2020 });
    const csv = renderOpenData([a, b], 'csv', { bom: true, newline: '\r\n' });
    expect(csv.startsWith('\uFEFFagency,')).toBe(true);
    expect(csv).toContain('"甲,乙""丙""\n局",2021');
    const back = parseLongCsv(csv);
    expect(back).toEqual([...longRows(a), ...longRows(b)]);
    expect(render(a, 'csv')).toBe(renderOpenData([a], 'csv'));
    expect(JSON.parse(render(a, 'json'))).toEqual(longRows(a));
  });

  it('a name a spreadsheet would run as a formula is written as text, and read back unchanged', () => {
    for (const name of [
      '=HYPERLINK("http://x","示例县某局")',
      '+1局',
      '-局',
      '@SUM(A1)',
      "'=已防护",
      "'局",
    ]) {
      const r = exampleReport({ year: 2021, agency: { name } });
      const csv = renderOpenData([r], 'csv');
      const line = csv.split('\n')[1]!;
      // the field starts with ' (inside quotes when quoted): Excel shows it, never evaluates it
      expect(line.replace(/^"/, '').startsWith("'")).toBe(true);
      expect(parseLongCsv(csv)[0]!.agency).toBe(name);
    }
  });

  it('CSV and JSON round trip over generated reports (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(reportArb, { minLength: 1, maxLength: 4 }), (reports) => {
        const rows = reports.flatMap(longRows);
        expect(parseLongCsv(renderOpenData(reports, 'csv'))).toEqual(rows);
        expect(JSON.parse(renderOpenData(reports, 'json'))).toEqual(rows);
      }),
      { numRuns: 40 },
    );
  });
});
