/**
 * A roll-up's 同比 part in Word (paragraphs and tables for renderDocx's appendix) and Excel (a sheet
 * 同比): loaded on demand by renderRollup, as docx.ts and xlsx.ts are by render.
 */
import { LineRuleType, Paragraph, type Table, TextRun } from 'docx';
import type ExcelJS from 'exceljs';
import { COMPARISON_SHEET_COLUMNS, comparisonSheetRows, comparisonTableDocx } from './comparison-office.js';
import { DEFAULT_DOCX_FONTS } from './docx-fonts.js';
import { type RollupYearOnYear, rollupYearOnYearDocument } from './rollup-yoy.js';
import { FONT } from './xlsx.js';
import { xmlSafe } from './xml-chars.js';

const mm = (v: number) => Math.round((v * 1440) / 25.4);
/** The report's text width in docx.ts (A4, margins 28 and 26 mm). */
const TEXT_WIDTH = mm(210) - mm(28) - mm(26);
const font = (eastAsia: string) => ({
  ascii: DEFAULT_DOCX_FONTS.latin,
  hAnsi: DEFAULT_DOCX_FONTS.latin,
  cs: DEFAULT_DOCX_FONTS.latin,
  eastAsia,
});

/** The 同比 part as Word paragraphs and tables (title in 黑体, text in 仿宋, tables as a report's 同比). */
export function rollupYearOnYearDocx(y: RollupYearOnYear): (Paragraph | Table)[] {
  const doc = xmlSafe(rollupYearOnYearDocument(y));
  const body = (text: string) =>
    new Paragraph({
      indent: { firstLine: 560 },
      spacing: { line: 440, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
      children: [new TextRun({ text, font: font(DEFAULT_DOCX_FONTS.body), size: 28 })],
    });
  const heading = (text: string, size: number) =>
    new Paragraph({
      keepNext: true,
      outlineLevel: 0,
      spacing: { line: 480, lineRule: LineRuleType.AT_LEAST, before: 200, after: 100 },
      children: [new TextRun({ text, font: font(DEFAULT_DOCX_FONTS.heading), size })],
    });
  const out: (Paragraph | Table)[] = [heading(doc.title, 32)];
  for (const p of doc.scope) out.push(body(p));
  for (const n of doc.notes) out.push(body(`· ${n}`));
  for (const s of doc.sections) {
    out.push(heading(s.title, 28));
    out.push(comparisonTableDocx(doc.header, s.rows, TEXT_WIDTH));
  }
  return out;
}

/** The 同比 part as the sheet 同比: its title, who is counted and who is not, the notes, then each table. */
export function addRollupYearOnYearSheet(wb: ExcelJS.Workbook, y: RollupYearOnYear): void {
  const doc = xmlSafe(rollupYearOnYearDocument(y));
  const ws = wb.addWorksheet('同比', {
    pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.columns = COMPARISON_SHEET_COLUMNS.map((width) => ({ width }));
  let at = 1;
  const text = (value: string, head = false) => {
    ws.mergeCells(at, 1, at, 7);
    const c = ws.getCell(at, 1);
    c.value = value;
    c.font = head ? { name: '黑体', size: 14 } : FONT;
    c.alignment = { horizontal: 'left', vertical: 'top', wrapText: true };
    // merged cells do not grow with their text: about 75 characters a line across the seven columns
    if (!head) ws.getRow(at).height = 14 * Math.max(1, Math.ceil(value.length / 75));
    at += 1;
  };
  text(doc.title, true);
  for (const p of doc.scope) text(p);
  for (const n of doc.notes) text(`· ${n}`);
  for (const s of doc.sections) {
    at += 1;
    at = comparisonSheetRows(ws, s.title, doc.header, s.rows, at);
  }
}
