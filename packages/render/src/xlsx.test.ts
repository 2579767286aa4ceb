import {
  createEmptyReport,
  EDITION_IDS,
  exampleReport,
  getEdition,
  TABLE_KEYS,
  TABLE_SHORT,
} from '@nianbao/core';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { render } from './index.js';
import { tableGrid } from './layout.js';
import { bigReport } from './test-support/big.js';
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

  it.each([2020, 2021] as const)(
    '%i: every number fits its column as it shows (sign, unit): never 「####」, up to twelve digits',
    async (year) => {
      /** Width of the text in column units: a digit or sign one, a Chinese character (元) two. */
      const units = (text: string) => [...text].reduce((a, ch) => a + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
      const shown = (v: number, fmt: string | undefined) =>
        fmt === '+0;-0;0' && v > 0
          ? `+${v}`
          : fmt?.startsWith('General"')
            ? `${v}${fmt.slice(8, -1)}`
            : String(v);
      const widthsOf = async (r: ReturnType<typeof bigReport>) => {
        const wb = await load(await render(r, 'xlsx'));
        const out = new Map<string, number[]>();
        for (const t of TABLE_KEYS) {
          const ws = wb.getWorksheet(TABLE_SHORT[t])!;
          const grid = tableGrid(r.meta.edition, t);
          out.set(
            t,
            Array.from({ length: grid.colCount }, (_, i) => ws.getColumn(i + 1).width ?? 0),
          );
          for (const c of grid.rows.flat()) {
            if (c.kind !== 'value') continue;
            const x = ws.getCell(c.row + 2, c.col + 1);
            if (typeof x.value !== 'number') continue;
            const room = out
              .get(t)!
              .slice(c.col, c.col + c.colSpan)
              .reduce((a, b) => a + b, 0);
            const text = shown(x.value, x.numFmt);
            expect(units(text) + 1, `${c.cellId} ${text} in ${room}`).toBeLessThanOrEqual(room);
          }
        }
        return out;
      };
      const plain = await widthsOf(exampleReport({ year }));
      // six and seven digits: the columns of the example report, nothing to widen
      expect(await widthsOf(bigReport(year, 7))).toEqual(plain);
      const huge = bigReport(year, 12);
      for (const [id, c] of Object.entries(huge.cells))
        if (c.value !== null && c.unit === '元') huge.cells[id] = { ...c, value: 123456789.25 };
      await widthsOf(huge);
    },
  );
});

describe('XLSX print setup', () => {
  it.each(EDITION_IDS)(
    '%s: 表三 and 表四 print landscape, fitted to the width, their column heads repeated on each page; 表二 portrait',
    async (edition) => {
      const r = exampleReport({ year: edition === '2021' ? 2021 : 2020 });
      const files = unzipSync(await render(r, 'xlsx'));
      const workbook = strFromU8(files['xl/workbook.xml']!);
      const sheets = [...workbook.matchAll(/<sheet [^>]*name="([^"]+)"[^>]*r:id="(rId\d+)"/g)].map(
        (m) => m[1]!,
      );
      expect(sheets).toEqual(['报告信息', '表二', '表三', '表四']);
      const sheetXml = (i: number) => strFromU8(files[`xl/worksheets/sheet${i + 1}.xml`]!);
      const setup = (i: number) => /<pageSetup [^>]*>/.exec(sheetXml(i))![0];
      expect(setup(1)).toContain('orientation="portrait"');
      for (const i of [2, 3]) {
        expect(setup(i)).toContain('orientation="landscape"');
        expect(setup(i)).toContain('fitToWidth="1"');
        expect(setup(i)).toContain('fitToHeight="0"');
        expect(sheetXml(i)).toMatch(/<pageSetUpPr fitToPage="1"\/>/);
      }
      // print titles: the sheet rows of the column heads (row 1 is the title, the heads follow)
      const titles = (name: string) =>
        new RegExp(
          `<definedName name="_xlnm.Print_Titles" localSheetId="(\\d+)">(?:'|&apos;)?${name}(?:'|&apos;)?!\\$(\\d+):\\$(\\d+)</definedName>`,
        ).exec(workbook);
      for (const [name, table] of [
        ['表三', 'applications'],
        ['表四', 'reviewLitigation'],
      ] as const) {
        const m = titles(name);
        expect(m, name).not.toBeNull();
        expect([Number(m![2]), Number(m![3])]).toEqual([2, tableGrid(edition, table).headerRows + 1]);
      }
    },
  );
});
