import {
  EDITION_IDS,
  type EditionId,
  exampleReport,
  getEdition,
  type Report,
  TABLE_KEYS,
} from '@nianbao/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  fitTable,
  formatCell,
  formatNumber,
  type GridCell,
  MIN_VALUE_FONT_PT,
  TABLE_FONT_PT,
  TEXT_WIDTH_PT,
  tableGrid,
  valueTextEm,
} from './layout.js';
import { reportArb } from './test-support/arbitraries.js';
import { bigReport, bigTotalsReport } from './test-support/big.js';

const all = (edition: EditionId, table: (typeof TABLE_KEYS)[number]) => tableGrid(edition, table).rows.flat();
const find = (cells: GridCell[], text: string) => {
  const c = cells.find((x) => x.text === text);
  if (!c) throw new Error(`no cell ${text}`);
  return c;
};

describe.each(EDITION_IDS)('grids of edition %s', (edition) => {
  const e = getEdition(edition);

  it.each(TABLE_KEYS)('%s: every grid position is covered exactly once', (table) => {
    const g = tableGrid(edition, table);
    const seen: number[][] = Array.from({ length: g.rowCount }, () => Array(g.colCount).fill(0));
    for (const c of g.rows.flat()) {
      for (let i = 0; i < c.rowSpan; i++) for (let j = 0; j < c.colSpan; j++) seen[c.row + i]![c.col + j]!++;
    }
    expect(seen.flat().every((n) => n === 1)).toBe(true);
    expect(g.colWeights).toHaveLength(g.colCount);
  });

  it('every cell of the edition has exactly one value cell, in printed order', () => {
    const ids = TABLE_KEYS.flatMap((t) =>
      all(edition, t)
        .filter((c) => c.kind === 'value')
        .map((c) => c.cellId),
    );
    expect(ids).toEqual(e.cells.map((c) => c.id));
  });

  it('表二: a caption row per block spanning the table, then 信息内容 and the block columns', () => {
    const g = tableGrid(edition, 'activeDisclosure');
    const cells = g.rows.flat();
    const captions = cells.filter((c) => c.kind === 'caption');
    expect(captions.map((c) => c.text)).toEqual(e.tables.activeDisclosure.blocks.map((b) => b.caption));
    for (const c of captions) expect(c.colSpan).toBe(g.colCount);
    expect(cells.filter((c) => c.text === '信息内容')).toHaveLength(e.tables.activeDisclosure.blocks.length);
    for (const block of e.tables.activeDisclosure.blocks) {
      for (const row of block.rows) expect(find(cells, row.label).kind).toBe('rowLabel');
    }
  });

  it('表三: the 勾稽关系 corner, 申请人情况 over seven columns, 法人或其他组织 over five', () => {
    const t = e.tables.applications;
    const cells = all(edition, 'applications');
    const corner = find(cells, t.cornerNote);
    expect(corner).toMatchObject({ kind: 'corner', row: 0, col: 0, rowSpan: 3, colSpan: 3 });
    expect(find(cells, '申请人情况')).toMatchObject({ row: 0, col: 3, colSpan: 7 });
    expect(find(cells, '法人或其他组织')).toMatchObject({ row: 1, col: 4, colSpan: 5 });
    expect(find(cells, '自然人')).toMatchObject({ row: 1, col: 3, rowSpan: 2 });
    expect(find(cells, '总计')).toMatchObject({ row: 1, col: 9, rowSpan: 2 });
    expect(find(cells, '商业企业')).toMatchObject({ row: 2, col: 4, rowSpan: 1 });
  });

  it('表三: group labels span their rows', () => {
    const cells = all(edition, 'applications');
    const results = edition === '2021' ? 22 : 20;
    expect(find(cells, '三、本年度办理结果')).toMatchObject({ col: 0, rowSpan: results, colSpan: 1 });
    expect(find(cells, '（三）不予公开')).toMatchObject({ col: 1, rowSpan: 8 });
    expect(find(cells, '（四）无法提供')).toMatchObject({ col: 1, rowSpan: 3 });
    expect(find(cells, '（五）不予处理')).toMatchObject({ col: 1, rowSpan: 5 });
    if (edition === '2021')
      expect(find(cells, '（六）其他处理')).toMatchObject({ col: 1, rowSpan: 3, colSpan: 1 });
    else expect(find(cells, '（六）其他处理')).toMatchObject({ col: 1, rowSpan: 1, colSpan: 2 });
    expect(find(cells, '一、本年新收政府信息公开申请数量')).toMatchObject({ col: 0, colSpan: 3 });
    expect(find(cells, '（七）总计')).toMatchObject({ col: 1, colSpan: 2 });
    expect(find(cells, '1.属于国家秘密')).toMatchObject({ col: 2, colSpan: 1 });
    expect(tableGrid(edition, 'applications').rowCount).toBe(3 + (edition === '2021' ? 25 : 23));
  });

  it('表四: 行政复议 and 行政诉讼 (未经复议直接起诉, 复议后起诉) over five columns each', () => {
    const g = tableGrid(edition, 'reviewLitigation');
    const cells = g.rows.flat();
    expect(g.colCount).toBe(15);
    expect(find(cells, '行政复议')).toMatchObject({ row: 0, col: 0, colSpan: 5 });
    expect(find(cells, '行政诉讼')).toMatchObject({ row: 0, col: 5, colSpan: 10 });
    expect(find(cells, '未经复议直接起诉')).toMatchObject({ row: 1, col: 5, colSpan: 5 });
    expect(find(cells, '复议后起诉')).toMatchObject({ row: 1, col: 10, colSpan: 5 });
    expect(cells.filter((c) => c.text === '结果维持').map((c) => c.col)).toEqual([0, 5, 10]);
    expect(cells.filter((c) => c.kind === 'value').every((c) => c.row === 3)).toBe(true);
  });
});

describe('formatCell', () => {
  it('prints blank as blank, never 0', () => {
    expect(formatCell(undefined)).toBe('');
    expect(formatCell({ value: null })).toBe('');
    expect(formatCell({ value: null, raw: '—' })).toBe('');
    expect(formatCell({ value: 0 })).toBe('0');
    expect(formatCell({ value: -2 })).toBe('-2');
  });
  it('prints the unit of a money cell whose header names none; under one that does, the amount in its unit', () => {
    const t2019 = getEdition('2019-trial').cells.find((c) => c.column === 'procurementAmount')!;
    const col = {
      key: 'procurementAmount',
      label: '采购总金额',
      valueType: 'money' as const,
      unit: t2019.unit ?? null,
    };
    expect(formatCell({ value: 251000, unit: '元' }, col)).toBe('251000元');
    expect(formatCell({ value: 153.1, unit: 'unknown' }, col)).toBe('153.1');
    const fee = {
      key: 'feeAmount',
      label: '本年收费金额（单位：万元）',
      valueType: 'money' as const,
      unit: '万元',
    };
    expect(formatCell({ value: 20.3, unit: '万元' }, fee)).toBe('20.3');
    expect(formatCell({ value: 2000, unit: '元' }, fee)).toBe('0.2');
    expect(formatCell({ value: 0, unit: 'unknown' }, fee)).toBe('0');
    expect(formatCell({ value: 5, unit: 'unknown' }, fee)).toBe('5（未注明单位）');
  });
  it('never prints exponent notation', () => {
    expect(formatNumber(1e21)).toBe('1000000000000000000000');
    expect(formatNumber(-0)).toBe('0');
    expect(formatNumber(0.1 + 0.2)).toBe('0.30000000000000004');
  });
});

describe('fitTable: the columns of a printed table and the size of its numbers', () => {
  const PADDING = 3.5;
  const weights = (r: Report, t: (typeof TABLE_KEYS)[number]) => {
    const w = tableGrid(r.meta.edition, t).colWeights;
    const sum = w.reduce((a, b) => a + b, 0);
    return w.map((x) => (x / sum) * TEXT_WIDTH_PT);
  };
  /** Characters a line of a column head holds, and the lines it takes, at a width. */
  const headLines = (text: string, width: number, size: number) => {
    const perLine = Math.floor((width - PADDING) / size);
    return { perLine, lines: Math.ceil([...text].length / Math.max(1, perLine)) };
  };

  it('the reports of most agencies (numbers of up to five digits): the widths of the weights, the table’s size', () => {
    fc.assert(
      fc.property(reportArb, (r) => {
        for (const t of TABLE_KEYS) {
          const fit = fitTable(r, t, { padding: PADDING });
          expect(fit.valueSize).toBe(TABLE_FONT_PT[t]);
          expect(fit.widths).toEqual(weights(r, t));
        }
      }),
      { numRuns: 40 },
    );
  });

  // a big agency: any count of 表三 and 表四 up to seven digits
  const bigArb = fc
    .tuple(
      fc.constantFrom(2020 as const, 2021 as const),
      fc.array(fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 9_999_999 })), {
        minLength: 200,
        maxLength: 200,
      }),
    )
    .map(([year, values]) => {
      const r = exampleReport({ year });
      let i = 0;
      for (const id of Object.keys(r.cells))
        if (/^(applications|reviewLitigation)\./.test(id) && !id.endsWith('.change'))
          r.cells[id] = { value: values[i++ % values.length]! };
      return r;
    });

  it('counts of up to seven digits: every number on one line of its column, every column head broken as before (fast-check)', () => {
    fc.assert(
      fc.property(bigArb, (r) => {
        for (const t of TABLE_KEYS) {
          const grid = tableGrid(r.meta.edition, t);
          const base = weights(r, t);
          const fit = fitTable(r, t, { padding: PADDING });
          expect(fit.fits).toBe(true);
          expect(fit.valueSize).toBeGreaterThanOrEqual(MIN_VALUE_FONT_PT);
          expect(fit.valueSize).toBeLessThanOrEqual(TABLE_FONT_PT[t]);
          expect(fit.widths.reduce((a, b) => a + b, 0)).toBeCloseTo(TEXT_WIDTH_PT, 6);
          const valueCols = new Set<number>();
          for (const c of grid.rows.flat())
            if (c.kind === 'value' && c.colSpan === 1) {
              valueCols.add(c.col);
              const text = formatCell(r.cells[c.cellId!], c.column);
              expect(valueTextEm(text) * fit.valueSize + PADDING, `${c.cellId} ${text}`).toBeLessThanOrEqual(
                fit.widths[c.col]!,
              );
            }
          // label columns (表三's) keep their width; a value column's head keeps its lines
          base.forEach((w, col) => {
            if (!valueCols.has(col)) expect(fit.widths[col]).toBeCloseTo(w, 6);
          });
          for (const c of grid.rows.flat())
            if (c.kind === 'header' && c.colSpan === 1 && valueCols.has(c.col)) {
              const before = headLines(c.text, base[c.col]!, TABLE_FONT_PT[t]);
              const after = headLines(c.text, fit.widths[c.col]!, TABLE_FONT_PT[t]);
              expect(after.lines, c.text).toBe(before.lines);
              // two lines of two, never 结果维 over 持
              if (before.lines > 1) expect(after.perLine, c.text).toBe(before.perLine);
            }
        }
      }),
      { numRuns: 60 },
    );
  });

  it('表四 at six digits in every column prints at 8 pt at least; 表三 at seven digits keeps 小五 (9 pt)', () => {
    for (const year of [2020, 2021] as const) {
      const six = bigReport(year, 6);
      expect(fitTable(six, 'reviewLitigation').valueSize).toBeGreaterThanOrEqual(8);
      expect(fitTable(six, 'applications').valueSize).toBe(9);
      expect(fitTable(bigReport(year, 7), 'applications').valueSize).toBe(9);
    }
  });

  it('表四 with only its three 总计 over 100 000 keeps 小五: the 总计 columns widen, the others give way', () => {
    const r = bigTotalsReport(2021);
    const fit = fitTable(r, 'reviewLitigation');
    expect(fit.valueSize).toBe(9);
    const w = fit.widths;
    expect(w[4]!).toBeGreaterThan(TEXT_WIDTH_PT / 15);
    expect(w[3]!).toBeLessThan(TEXT_WIDTH_PT / 15);
    expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(TEXT_WIDTH_PT, 6);
  });

  it('numbers too long for any size are still all printed, at the smallest size (fits: false)', () => {
    const r = exampleReport({ year: 2021 });
    for (const id of Object.keys(r.cells))
      if (id.startsWith('reviewLitigation.')) r.cells[id] = { value: 123_456_789_012 };
    const fit = fitTable(r, 'reviewLitigation');
    expect(fit).toMatchObject({ fits: false, valueSize: MIN_VALUE_FONT_PT });
    expect(fit.widths.reduce((a, b) => a + b, 0)).toBeCloseTo(TEXT_WIDTH_PT, 6);
  });
});
