import { EDITION_IDS, type EditionId, getEdition, TABLE_KEYS } from '@nianbao/core';
import { describe, expect, it } from 'vitest';
import { formatCell, formatNumber, type GridCell, tableGrid } from './layout.js';

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
  it('prints the unit of a money cell whose header names none, not of one whose header does', () => {
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
    expect(formatCell({ value: 2000, unit: '元' }, fee)).toBe('2000元');
  });
  it('never prints exponent notation', () => {
    expect(formatNumber(1e21)).toBe('1000000000000000000000');
    expect(formatNumber(-0)).toBe('0');
    expect(formatNumber(0.1 + 0.2)).toBe('0.30000000000000004');
  });
});
