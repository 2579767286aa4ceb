import {
  createEmptyReport,
  EDITION_IDS,
  exampleReport,
  getEdition,
  TABLE_KEYS,
  TABLE_SHORT,
} from '@nianbao/core';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { render } from './index.js';
import { tableGrid } from './layout.js';
import { seedReport } from './test-support/seed.js';

async function load(bytes: Uint8Array) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
  );
  return wb;
}

describe('render(report, "xlsx")', () => {
  it.each(EDITION_IDS)(
    '%s: the three tables as sheets, merged as the layout, labels verbatim, numbers as numbers',
    async (edition) => {
      const r = exampleReport({ year: edition === '2021' ? 2021 : 2020 });
      const wb = await load(await render(r, 'xlsx'));
      expect(wb.worksheets.map((w) => w.name)).toEqual(['报告信息', '表二', '表三', '表四']);
      for (const t of TABLE_KEYS) {
        const ws = wb.getWorksheet(TABLE_SHORT[t])!;
        const grid = tableGrid(edition, t);
        const merges = (ws.model as unknown as { merges: string[] }).merges;
        const spanning = grid.rows.flat().filter((c) => c.rowSpan > 1 || c.colSpan > 1).length;
        expect(merges).toHaveLength(spanning + 1); // + the title row
        expect(ws.getCell(1, 1).value).toBe(getEdition(edition).sections.find((s) => s.table === t)!.title);
        for (const c of grid.rows.flat()) {
          const v = ws.getCell(c.row + 2, c.col + 1).value;
          if (c.kind === 'value') {
            const want = r.cells[c.cellId!]!.value;
            expect(v).toBe(want);
            expect(typeof v).toBe('number');
          } else expect(v).toBe(c.text);
        }
      }
    },
  );

  it('blank cells are empty, never 0; a unit the header lacks is kept as a number format', async () => {
    let r = createEmptyReport({ year: 2020, agency: '某某镇人民政府' });
    r = {
      ...r,
      cells: {
        ...r.cells,
        'activeDisclosure.centralProcurement.procurementAmount': { value: 251000, unit: '元' },
      },
    };
    const wb = await load(await render(r, 'xlsx'));
    const ws = wb.getWorksheet('表三')!;
    expect(ws.getCell(6, 4).value).toBeNull();
    const t2 = wb.getWorksheet('表二')!;
    const grid = tableGrid('2019-trial', 'activeDisclosure');
    const money = grid.rows
      .flat()
      .find((c) => c.cellId === 'activeDisclosure.centralProcurement.procurementAmount')!;
    const cell = t2.getCell(money.row + 2, money.col + 1);
    expect(cell.value).toBe(251000);
    expect(cell.numFmt).toBe('General"元"');
  });

  it('报告信息 names the agency, year, format and scope', async () => {
    const wb = await load(await render(seedReport(), 'xlsx'));
    const info = wb.getWorksheet('报告信息')!;
    const rows = new Map<string, unknown>();
    info.eachRow((row) => {
      rows.set(String(row.getCell(1).value), row.getCell(2).value);
    });
    expect(rows.get('机关名称')).toBe('坑仔口镇人民政府');
    expect(rows.get('报告年度')).toBe(2020);
    expect(String(rows.get('格式版本'))).toContain('国办公开办函〔2019〕60号');
    expect(rows.get('报告范围')).toBe('本机关');
  });
});
