import { readFileSync } from 'node:fs';
import { aggregate, createEmptyReport, exampleReport, setCell } from '@nianbao/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { render } from './index.js';
import {
  LONG_COLUMNS,
  type LongRow,
  longRows,
  openDataJsonSchema,
  parseLongCsv,
  plainDecimal,
  renderOpenData,
} from './opendata.js';
import { reportArb } from './test-support/arbitraries.js';

describe('open data (long format)', () => {
  it('one row per cell: 198 for 2019-trial, 200 for 2021, in printed order', () => {
    expect(longRows(exampleReport({ year: 2020 }))).toHaveLength(198);
    const rows = longRows(exampleReport({ year: 2021 }));
    expect(rows).toHaveLength(200);
    expect(rows[0]).toMatchObject({
      agency: '示例县交通运输局',
      year: 2021,
      edition: '2021',
      cell_id: 'activeDisclosure.regulations.made',
      value: 0,
      unit: null,
      semantic: 'number',
      printed_value: '0',
      printed_unit: null,
      report_id: null,
      version: null,
      status: null,
    });
    expect(Object.keys(rows[0]!)).toEqual([...LONG_COLUMNS]);
    expect(rows.find((r) => r.cell_id === 'activeDisclosure.adminFees.feeAmount')).toMatchObject({
      value: 20.3,
      unit: '万元',
    });
  });

  it('an amount stored without its unit is 「unknown」 (no value in 万元: unit_unknown) or the format’s 万元, never a count’s null unit', () => {
    const amount = 'activeDisclosure.centralProcurement.procurementAmount';
    const fee = 'activeDisclosure.adminFees.feeAmount';
    const r20 = exampleReport({ year: 2020 });
    const bare20 = { ...r20, cells: { ...r20.cells, [amount]: { value: 251000 } } };
    expect(longRows(bare20).find((x) => x.cell_id === amount)).toMatchObject({
      value: null,
      unit: 'unknown',
      semantic: 'unit_unknown',
      printed_value: '251000',
      printed_unit: 'unknown',
    });
    const r21 = exampleReport({ year: 2021 });
    const bare21 = { ...r21, cells: { ...r21.cells, [fee]: { value: 3 } } };
    expect(longRows(bare21).find((x) => x.cell_id === fee)).toMatchObject({ value: 3, unit: '万元' });
  });

  it('a cell absent from the report (a table the document did not print, a cell not read) is a missing row, never blank or 0', () => {
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
    for (const x of t4)
      expect(x).toMatchObject({ value: null, semantic: 'missing', unit: null, origin: null });
    expect(rows.find((x) => x.cell_id === 'activeDisclosure.adminFees.feeAmount')).toMatchObject({
      value: null,
      unit: '万元',
      semantic: 'missing',
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
    expect(lines).toContain('某局,2021,2021,applications.granted.total,0,,number,entered,0,,,,,,,,,,,');
    expect(lines).toContain('某局,2021,2021,applications.granted.naturalPerson,,,blank,,,,,,,,,,,,,');
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

  it('money is given in 万元, exactly (3800 元 = 0.38 万元), the printed value and unit kept beside it', () => {
    const fee = 'activeDisclosure.adminFees.feeAmount';
    const amount = 'activeDisclosure.centralProcurement.procurementAmount';
    const r21 = exampleReport({ year: 2021 });
    const yuan = { ...r21, cells: { ...r21.cells, [fee]: { value: 3800, unit: '元' as const } } };
    const row = longRows(yuan).find((x) => x.cell_id === fee)!;
    expect(row).toMatchObject({ value: 0.38, unit: '万元', printed_value: '3800', printed_unit: '元' });
    const csv = renderOpenData([yuan], 'csv');
    expect(csv).toContain(`${fee},0.38,万元,number,`);
    expect(csv).toMatch(new RegExp(`${fee},0\\.38,万元,number,[a-z]*,3800,元,`));
    const r20 = exampleReport({ year: 2020 });
    for (const [v, wan] of [
      [12345.67, 1.234567],
      [0.1, 0.00001],
      [1, 0.0001],
      [123456789, 12345.6789],
      [0, 0],
    ] as const) {
      const r = { ...r20, cells: { ...r20.cells, [amount]: { value: v, unit: '元' as const } } };
      const x = longRows(r).find((y) => y.cell_id === amount)!;
      expect(x).toMatchObject({ value: wan, unit: '万元', semantic: 'number', printed_unit: '元' });
      expect(renderOpenData([r], 'csv')).toContain(`${amount},${String(wan)},万元,number`);
    }
  });

  it('an impossible number is never re-formatted into a plausible one: invalid, value empty, printed exactly', () => {
    const r = exampleReport({ year: 2021 });
    const id = 'applications.newReceived.naturalPerson';
    for (const [v, printed] of [
      [-5, '-5'],
      [1e21, '1000000000000000000000'],
      [2.5, '2.5'],
      [2 ** 53 + 2, '9007199254740994'],
    ] as const) {
      const bad = { ...r, cells: { ...r.cells, [id]: { value: v, origin: 'entered' as const } } };
      const row = longRows(bad).find((x) => x.cell_id === id)!;
      expect(row).toMatchObject({
        value: null,
        semantic: 'invalid',
        printed_value: printed,
        origin: 'entered',
      });
      const csv = renderOpenData([bad], 'csv');
      expect(csv).toContain(`${id},,,invalid,entered,${printed},`);
      expect(csv).not.toMatch(/e\+/);
      expect(
        JSON.parse(renderOpenData([bad], 'json')).find((x: { cell_id: string }) => x.cell_id === id),
      ).toEqual(row);
    }
    // 表二's 增减 is signed: -5 is a number there.
    const r20 = exampleReport({ year: 2020 });
    const yc = 'activeDisclosure.licensing.yearChange';
    const signed = { ...r20, cells: { ...r20.cells, [yc]: { value: -5 } } };
    expect(longRows(signed).find((x) => x.cell_id === yc)).toMatchObject({ value: -5, semantic: 'number' });
    // A negative amount is no amount.
    const fee = 'activeDisclosure.adminFees.feeAmount';
    const neg = { ...r, cells: { ...r.cells, [fee]: { value: -3, unit: '万元' as const } } };
    expect(longRows(neg).find((x) => x.cell_id === fee)).toMatchObject({ value: null, semantic: 'invalid' });
    expect(plainDecimal(1e-7)).toBe('0.0000001');
    expect(plainDecimal(-1.5e22)).toBe('-15000000000000000000000');
  });

  it('every row names its agency by id and current name, its region, report, version and status', () => {
    const r = exampleReport({ year: 2021, agency: { id: 'a-1', name: '城关镇人民政府' } });
    const record = {
      agencyCurrent: '城关镇人民政府（新）',
      parentId: 'c-1',
      parentName: '甲县人民政府',
      regionPath: '/p/c-1/a-1/',
      reportId: 'r-1',
      version: 3,
      status: 'submitted',
    };
    const rows = longRows({ report: r, record });
    for (const x of rows)
      expect(x).toMatchObject({
        agency: '城关镇人民政府',
        agency_id: 'a-1',
        agency_current: '城关镇人民政府（新）',
        parent_id: 'c-1',
        parent_name: '甲县人民政府',
        region_path: '/p/c-1/a-1/',
        report_id: 'r-1',
        version: 3,
        status: 'submitted',
      });
    expect(parseLongCsv(renderOpenData([{ report: r, record }], 'csv'))).toEqual(rows);
    expect(JSON.parse(renderOpenData([{ report: r, record }], 'json'))).toEqual(rows);
  });

  it('published_on: the 发布日期 of a published report on each of its rows; empty (null) where not published', () => {
    const a = exampleReport({ year: 2024, agency: { id: 'a-1', name: '甲局' } });
    const b = exampleReport({ year: 2024, agency: { id: 'a-2', name: '乙局' } });
    const entries = [
      { report: a, record: { reportId: 'r-1', status: 'published', publishedOn: '2025-01-20' } },
      { report: b, record: { reportId: 'r-2', status: 'submitted' } },
    ];
    const csv = renderOpenData(entries, 'csv');
    const [header, ...lines] = csv.trim().split('\n');
    expect(header!.split(',').at(-1)).toBe('published_on');
    const ofA = lines.filter((l) => l.startsWith('甲局,'));
    const ofB = lines.filter((l) => l.startsWith('乙局,'));
    expect(ofA.length).toBeGreaterThan(100);
    for (const l of ofA) expect(l.endsWith(',published,2025-01-20')).toBe(true);
    for (const l of ofB) expect(l.endsWith(',submitted,')).toBe(true);
    const back = parseLongCsv(csv);
    expect(new Set(back.filter((x) => x.agency === '甲局').map((x) => x.published_on))).toEqual(
      new Set(['2025-01-20']),
    );
    expect(new Set(back.filter((x) => x.agency === '乙局').map((x) => x.published_on))).toEqual(
      new Set([null]),
    );
    const json = JSON.parse(renderOpenData(entries, 'json')) as LongRow[];
    expect(json.find((x) => x.agency === '甲局')!.published_on).toBe('2025-01-20');
    expect(json.find((x) => x.agency === '乙局')!.published_on).toBeNull();
    // a file written before the column was added is still read (published_on null)
    const old = csv
      .split('\n')
      .map((l, i) => (i === 0 ? l.replace(/,published_on$/, '') : l.replace(/,(2025-01-20)?$/, '')))
      .join('\n');
    expect(parseLongCsv(old).every((x) => x.published_on === null)).toBe(true);
    expect(parseLongCsv(old).map((x) => x.status)).toEqual(back.map((x) => x.status));
  });

  it('JSON: a count’s unit is null, never "" (and every column is there)', () => {
    const rows = JSON.parse(renderOpenData([exampleReport({ year: 2021 })], 'json')) as Record<
      string,
      unknown
    >[];
    const count = rows.find((x) => x.cell_id === 'applications.granted.total')!;
    expect(count.unit).toBeNull();
    expect(Object.keys(count)).toEqual([...LONG_COLUMNS]);
    expect(rows.some((x) => x.unit === '')).toBe(false);
  });

  it('the published schema/opendata.schema.json is up to date (regenerate: npm run build && npm run schema)', () => {
    const file = readFileSync(new URL('../schema/opendata.schema.json', import.meta.url), 'utf8');
    expect(JSON.parse(file)).toEqual(openDataJsonSchema());
    const items = (openDataJsonSchema() as { items: { required: string[] } }).items;
    expect(items.required).toEqual([...LONG_COLUMNS]);
  });
});
