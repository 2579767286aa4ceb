/**
 * The three tables as sheets (表二, 表三, 表四) in the official layout — merged cells, labels
 * verbatim, numbers as numbers, blanks empty — plus a sheet 报告信息 with the report's facts.
 */
import { getEdition, type Report, TABLE_SHORT, type TableKey } from '@nianbao/core';
import ExcelJS from 'exceljs';
import { buildDocument, type DocumentOptions } from './document.js';
import { formatCell, type GridCell, showCell, type TableGrid, tableGrid } from './layout.js';
import { xmlSafe } from './xml-chars.js';

export interface XlsxOptions extends DocumentOptions {
  /** Notes to print on the 报告信息 sheet (a roll-up's: cells not summed and why), one row each. */
  readonly notes?: readonly string[];
  /** What the notes are, in the sheet's first column: 「汇总说明」 unless said (a correction's: 「更正说明」). */
  readonly notesLabel?: string;
  /** The version the file is of (the server's), on the 报告信息 sheet. */
  readonly version?: number;
  /** Adds sheets after the report's own (a roll-up's 同比: see rollup-yoy.ts). */
  readonly addSheets?: (wb: ExcelJS.Workbook) => void;
}

/** The sheets' text (宋体 10, as the printed report's tables) and their cells' thin borders. */
export const FONT = { name: '宋体', size: 10 };
export const BORDER: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  bottom: { style: 'thin' },
  left: { style: 'thin' },
  right: { style: 'thin' },
};

function addTableSheet(
  wb: ExcelJS.Workbook,
  report: Report,
  table: TableKey,
  title: string,
  notes: readonly string[],
): void {
  const grid = tableGrid(report.meta.edition, table);
  // 表三 and 表四 are wide (9 and 15 columns): on A4 portrait, fitted to the width, their text printed
  // at about 5 pt. Landscape, fitted to the width, rows continuing on further pages under their
  // column heads repeated (print titles); 表二 stays portrait.
  const wide = table !== 'activeDisclosure';
  const ws = wb.addWorksheet(TABLE_SHORT[table], {
    pageSetup: {
      paperSize: 9,
      orientation: wide ? 'landscape' : 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      ...(wide && grid.headerRows > 0 ? { printTitlesRow: `2:${grid.headerRows + 1}` } : {}),
    },
    views: [{ state: 'frozen', ySplit: grid.headerRows + 1 }],
  });
  const widths = columnWidths(grid, report);
  ws.columns = widths.map((width) => ({ width }));
  ws.mergeCells(1, 1, 1, grid.colCount);
  const t = ws.getCell(1, 1);
  t.value = title;
  t.font = { name: '黑体', size: 12 };
  t.alignment = { horizontal: 'left', vertical: 'middle' };
  const offset = 2; // grid row 0 is sheet row 2
  for (const row of grid.rows) {
    for (const cell of row) {
      const r = cell.row + offset;
      const c = cell.col + 1;
      if (cell.rowSpan > 1 || cell.colSpan > 1)
        ws.mergeCells(r, c, r + cell.rowSpan - 1, c + cell.colSpan - 1);
      const x = ws.getCell(r, c);
      if (cell.kind === 'value') {
        const shown = showCell(report.cells[cell.cellId!], cell.column);
        if (shown.text) {
          // An amount in 元 under 「（单位：万元）」 is stored in 万元 (a sum of the column is in
          // 万元); one whose unit the report does not state is text, never summed as 万元.
          x.value = shown.number ?? shown.text;
          if (shown.number !== undefined && shown.unit) x.numFmt = `General"${shown.unit}"`;
          // 本年增/减 keeps its sign on screen (+3), and stays a number to compute with.
          if (cell.column?.valueType === 'signedCount') x.numFmt = '+0;-0;0';
        }
        x.alignment = { horizontal: 'center', vertical: 'middle' };
        x.font = { ...FONT, name: 'Times New Roman' };
      } else {
        x.value = cell.text;
        x.alignment = {
          horizontal: cell.kind === 'rowLabel' ? 'left' : 'center',
          vertical: 'middle',
          wrapText: true,
        };
        x.font = { ...FONT, bold: cell.kind === 'caption' };
      }
    }
  }
  // Borders on every cell of the grid, merged or not, so the printed grid is complete.
  for (let r = 0; r < grid.rowCount; r++) {
    for (let c = 0; c < grid.colCount; c++) ws.getCell(r + offset, c + 1).border = BORDER;
  }
  // Row heights for wrapped labels (spreadsheet apps do not grow rows written by a library).
  const heights = new Map<number, number>();
  for (const cell of grid.rows.flat()) {
    if (cell.kind === 'value' || cell.rowSpan > 1) continue;
    const room = widths.slice(cell.col, cell.col + cell.colSpan).reduce((a, b) => a + b, 0) - 1;
    const lines = Math.max(1, Math.ceil(displayWidth(cell.text) / room));
    const r = cell.row + offset;
    heights.set(r, Math.max(heights.get(r) ?? 0, lines * LINE_PT + 3));
  }
  for (const [r, h] of heights) ws.getRow(r).height = h;
  // Notes under the table (an amount converted from 元, one of no stated unit), one merged row each.
  notes.forEach((n, i) => {
    const r = offset + grid.rowCount + 1 + i;
    ws.mergeCells(r, 1, r, grid.colCount);
    const x = ws.getCell(r, 1);
    x.value = n;
    x.font = FONT;
    x.alignment = { horizontal: 'left', vertical: 'middle', wrapText: true };
    const room = widths.reduce((a, b) => a + b, 0) - 1;
    ws.getRow(r).height = Math.max(1, Math.ceil(displayWidth(n) / room)) * LINE_PT + 3;
  });
}

export const LINE_PT = 13;

/** Width in spreadsheet character units: CJK and full-width characters count two. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s)
    w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(
      ch,
    )
      ? 2
      : 1;
  return w;
}

/**
 * Column widths from the labels of single-column cells (row labels wrap beyond 44 units; headers
 * over several rows wrap at 12); values need at least 10, and the width of the number as it shows
 * (its sign, its unit) and 2 more: a number wider than its column shows as 「####」 in Excel.
 */
function columnWidths(grid: TableGrid, report: Report): number[] {
  const widths = Array.from({ length: grid.colCount }, () => 8);
  const valueWidth = (cell: GridCell) =>
    displayWidth(formatCell(report.cells[cell.cellId!], cell.column)) + 2;
  for (const cell of grid.rows.flat()) {
    if (cell.colSpan !== 1) continue;
    // 表三's long labels wrap at 26 (two lines) so the landscape page is not scaled down to 7 pt
    const cap = cell.kind === 'rowLabel' ? (grid.table === 'applications' ? 26 : 44) : 12;
    const want =
      cell.kind === 'value' ? Math.max(10, valueWidth(cell)) : Math.min(cap, displayWidth(cell.text) + 2);
    widths[cell.col] = Math.max(widths[cell.col]!, want);
  }
  // a value over merged columns (表二's last): its last column takes what the number lacks
  for (const cell of grid.rows.flat()) {
    if (cell.kind !== 'value' || cell.colSpan === 1) continue;
    const last = cell.col + cell.colSpan - 1;
    const lack = valueWidth(cell) - widths.slice(cell.col, last + 1).reduce((a, b) => a + b, 0);
    if (lack > 0) widths[last]! += lack;
  }
  return widths;
}

/** The report's tables as an .xlsx workbook (bytes). */
export async function renderXlsx(input: Report, given: XlsxOptions = {}): Promise<Uint8Array> {
  // text XML cannot hold (U+FFFF, half a surrogate pair) made Excel drop the sheets' text
  const report = xmlSafe(input);
  const options = xmlSafe(given);
  const doc = buildDocument(report, options);
  const edition = getEdition(report.meta.edition);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Nianbao';
  // (ExcelJS writes 「Unknown」 when none is given)
  wb.lastModifiedBy = 'Nianbao';
  wb.title = doc.title;
  const info = wb.addWorksheet('报告信息');
  info.columns = [{ width: 12 }, { width: 64, style: { alignment: { horizontal: 'left', wrapText: true } } }];
  info.pageSetup = { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
  const m = report.meta;
  const facts: [string, string | number][] = [
    ['标题', doc.title],
    ['机关名称', m.agency.name],
    ['报告年度', m.year],
    ['格式版本', `${edition.formatTitle}（${edition.documentNo}）`],
    ['报告范围', m.scope === 'region' ? '区域汇总' : '本机关'],
    ...(m.publishedOn ? [['发布日期', m.publishedOn] as [string, string]] : []),
    ...(options.version !== undefined ? [['版本', `第 ${options.version} 版`] as [string, string]] : []),
    ['说明', '空白单元格表示报告未填写，不等于 0。'],
    ...(options.notes ?? []).map((n): [string, string] => [options.notesLabel ?? '汇总说明', n]),
  ];
  for (const [k, v] of facts) {
    const row = info.addRow([k, v]);
    row.getCell(1).font = { ...FONT, bold: true };
    row.getCell(2).font = FONT;
    row.getCell(2).alignment = { horizontal: 'left', vertical: 'middle', wrapText: true };
  }
  for (const s of doc.sections) {
    if (s.table) addTableSheet(wb, report, s.table, s.title, s.tableNotes ?? []);
  }
  options.addSheets?.(wb);
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}
