/**
 * The report as a Word document (docx library): A4, 公文 conventions after GB/T 9704 — title in
 * 方正小标宋 二号, headings in 黑体 三号, body in 仿宋 三号 at a fixed 28.95 pt line, tables as real
 * Word tables with merged cells (gridSpan / vMerge), header rows repeated on each page.
 */
import { getEdition, NianbaoError, type Report, type TableKey } from '@nianbao/core';
import {
  AlignmentType,
  Document,
  LineRuleType,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  VerticalMergeType,
  WidthType,
} from 'docx';
import { buildDocument, type DocumentOptions, leadHeading } from './document.js';
import { DEFAULT_DOCX_FONTS, type DocxFonts } from './docx-fonts.js';
import { chineseDefaults, font, mm, PAGE, pageNumberFooter, TABLE_BORDERS } from './docx-parts.js';
import { fitTable, formatCell, type GridCell, TABLE_FONT_PT, tableGrid } from './layout.js';
import { xmlSafe } from './xml-chars.js';

export type { DocxFonts } from './docx-fonts.js';

export interface DocxOptions extends DocumentOptions {
  readonly fonts?: Partial<DocxFonts>;
  /**
   * Paragraphs and tables after the report's signature, from a new page (a roll-up's 同比: see
   * rollup-yoy.ts); made with this package's `docx`.
   */
  readonly appendix?: readonly (Paragraph | Table)[];
}

/** Millimetres to twips. */
const LINE = 579; // 28.95 pt: 22 lines of 28 characters per page at 三号 (GB/T 9704 7.1)
const MARGIN = { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) };
const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;

/** The most rows of a group of 表三 kept on one page (a longer one may break). */
const KEEP_GROUP_ROWS = 10;

function docxTable(report: Report, table: TableKey, fonts: DocxFonts): Table {
  const grid = tableGrid(report.meta.edition, table);
  // Widths from the numbers: a 6-digit count in one of 表四's fifteen columns gets the width it
  // needs (it wrapped as 「10055」 over 「5」); the numbers print smaller only if widths cannot do it.
  // The padding: the cell margins (30 twips a side) and a border.
  const fit = fitTable(report, table, { width: TEXT_WIDTH / 20, padding: 3.5 });
  const widths = fit.widths.map((w) => Math.floor(w * 20));
  const size = TABLE_FONT_PT[table] * 2; // half-points: 五号 21, 小五 18
  const valueSize = Math.round(fit.valueSize * 2);
  const run = (text: string, bold = false, runSize = size) =>
    new TextRun({ text, font: font(fonts.table, fonts.latin), size: runSize, bold });
  // 表三: a group that fits on a page (（三）不予公开's eight rows, （四）…（六）) is kept on one page,
  // its label (a cell merged down its rows) with them: every row of it but the last keeps with the
  // next. A longer group (三、本年度办理结果) may break; its label then shows on its first page only.
  const keepGroup = new Set<number>();
  for (const cell of grid.rows.flat())
    if (cell.kind === 'rowLabel' && cell.rowSpan > 1 && cell.rowSpan <= KEEP_GROUP_ROWS)
      for (let k = cell.row; k < cell.row + cell.rowSpan - 1; k++) keepGroup.add(k);
  const headingRow = grid.rows.map((row, r) => {
    // A row without numbers (表二's 「第二十条第（一）项」 and its column heads) stays on the page of
    // the rows it heads: Word keeps a row with the next when its paragraphs say keepNext. So does
    // the first row under the column heads of 表三 and 表四 (see cantSplit below).
    const firstBody = grid.headerRows > 0 && r === grid.headerRows && r < grid.rowCount - 1;
    // 表二: a block (its caption, column heads and rows: 「第二十条第（六）项」 over 行政处罚 and
    // 行政强制) is kept on one page — every row of it but the last keeps with the next; the last
    // lets the next block go to the next page.
    const inBlock =
      table === 'activeDisclosure' &&
      r < grid.rowCount - 1 &&
      !grid.rows[r + 1]!.some((cell) => cell.kind === 'caption');
    return !row.some((cell) => cell.kind === 'value') || firstBody || inBlock || keepGroup.has(r);
  });
  const paragraph = (
    alignment: (typeof AlignmentType)[keyof typeof AlignmentType],
    keepNext: boolean,
    children: TextRun[],
  ) =>
    new Paragraph({
      alignment,
      ...(keepNext ? { keepNext: true } : {}),
      spacing: { line: 260, lineRule: LineRuleType.AT_LEAST, before: 0, after: 0 },
      children,
    });
  const cellWidth = (cell: GridCell) =>
    widths.slice(cell.col, cell.col + cell.colSpan).reduce((a, b) => a + b, 0);
  // A cell merged down rows continues in each row below it as a cell of its own (vMerge continue).
  // We write those, not the docx library: its continuation holds a bare paragraph, without the
  // row's keepNext — LibreOffice then let the row go from the next, and broke （三）不予公开 after its
  // first row (「1.属于国家秘密」 at the foot of one page, 2–8 on the next) despite the keeps.
  const continued: { col: number; cell: TableCell }[][] = grid.rows.map(() => []);
  for (const cell of grid.rows.flat())
    for (let k = 1; k < cell.rowSpan; k++) {
      const r = cell.row + k;
      continued[r]!.push({
        col: cell.col,
        cell: new TableCell({
          children: [paragraph(AlignmentType.CENTER, headingRow[r]!, [])],
          verticalMerge: VerticalMergeType.CONTINUE,
          ...(cell.colSpan > 1 ? { columnSpan: cell.colSpan } : {}),
          width: { size: cellWidth(cell), type: WidthType.DXA },
          verticalAlign: VerticalAlignTable.CENTER,
        }),
      });
    }
  const rows = grid.rows.map((row, r) => {
    const heading = headingRow[r]!;
    const own = row.map((cell) => {
      const isValue = cell.kind === 'value';
      const text = isValue ? formatCell(report.cells[cell.cellId!], cell.column) : cell.text;
      const alignment = cell.kind === 'rowLabel' ? AlignmentType.LEFT : AlignmentType.CENTER;
      return {
        col: cell.col,
        cell: new TableCell({
          children: [
            paragraph(
              alignment,
              heading,
              text ? [run(text, cell.kind === 'caption', isValue ? valueSize : size)] : [],
            ),
          ],
          ...(cell.rowSpan > 1 ? { verticalMerge: VerticalMergeType.RESTART } : {}),
          ...(cell.colSpan > 1 ? { columnSpan: cell.colSpan } : {}),
          width: { size: cellWidth(cell), type: WidthType.DXA },
          verticalAlign: VerticalAlignTable.CENTER,
        }),
      };
    });
    const cells = [...own, ...continued[r]!].sort((a, b) => a.col - b.col).map((c) => c.cell);
    return new TableRow({
      children: cells,
      ...(r < grid.headerRows ? { tableHeader: true } : {}),
      // Every row is kept whole on its page: a row label of 表三 over three lines is never half on
      // one page and half on the next. LibreOffice (7.4) printed nothing of a table after its first
      // row when the repeated heading and that one row, kept whole, just fitted at the foot of a
      // page (under 0.5 pt to spare; 154 cells lost from the PDF of a random 2020 report): the first
      // row keeps with the next (keepNext above), so the heading never ends a page with one row.
      cantSplit: true,
    });
  });
  return new Table({
    rows,
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: TABLE_BORDERS,
    margins: { top: 30, bottom: 30, left: 30, right: 30 },
  });
}

/** The report as a .docx file (bytes). */
/**
 * The most paragraphs (the narrative split at line breaks, the preamble and notes) a Word file is
 * made with. The docx library spends ~0.5 ms and ~15 KB per paragraph, and more as the document
 * grows: 7,000 paragraphs took 3 s and 115 MB, 70,000 took 23 s and 850 MB, and a report of 665,000
 * one-character lines (within the 200,000 characters a text may hold) ran the server out of memory.
 * A real report has a few hundred. Above the limit: NianbaoError('RENDER_TOO_LARGE'), before any
 * work — HTML and Markdown have no such limit.
 */
export const MAX_DOCX_PARAGRAPHS = 2000;

export async function renderDocx(input: Report, given: DocxOptions = {}): Promise<Uint8Array> {
  // text XML cannot hold (U+FFFF, half a surrogate pair) made a file Word and LibreOffice refuse
  const report = xmlSafe(input);
  const options = xmlSafe(given);
  const doc = buildDocument(report, options);
  const count = doc.preamble.length + doc.sections.reduce((n, s) => n + s.paragraphs.length, 0);
  if (count > MAX_DOCX_PARAGRAPHS)
    throw new NianbaoError(
      'RENDER_TOO_LARGE',
      `报告正文按换行共分为 ${count} 段，超过 Word 文件的上限（${MAX_DOCX_PARAGRAPHS} 段），无法生成 Word 文件：请删去正文中多余的换行后再导出，或导出为网页（HTML）或 Markdown`,
      { paragraphs: count, maxParagraphs: MAX_DOCX_PARAGRAPHS },
    );
  const fonts: DocxFonts = { ...DEFAULT_DOCX_FONTS, ...options.fonts };
  const edition = getEdition(report.meta.edition);
  const bodyRun = (text: string) => new TextRun({ text, font: font(fonts.body, fonts.latin), size: 32 });
  const bodyPara = (text: string, sub = false, keepNext = false) => {
    const lead = sub ? leadHeading(text) : undefined;
    return new Paragraph({
      ...(keepNext ? { keepNext: true, keepLines: true } : {}),
      children: lead
        ? [
            new TextRun({ text: lead[0], font: font(fonts.kai, fonts.latin), size: 32 }),
            ...(lead[1] ? [bodyRun(lead[1])] : []),
          ]
        : [bodyRun(text)],
      alignment: AlignmentType.JUSTIFIED,
      indent: { firstLine: 640 },
      spacing: { line: LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
    });
  };
  const children: (Paragraph | Table)[] = [];
  children.push(
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { line: 700, lineRule: LineRuleType.AT_LEAST, before: 0, after: LINE },
      // broken after the agency's name, never inside 「年度报告」 (see titleLines)
      children: doc.titleLines.map(
        (line, i) =>
          new TextRun({
            text: line,
            font: font(fonts.title, fonts.latin),
            size: 44,
            ...(i > 0 ? { break: 1 } : {}),
          }),
      ),
    }),
  );
  for (const p of doc.preamble) children.push(bodyPara(p));
  const lastSection = doc.sections.at(-1);
  for (const s of doc.sections) {
    children.push(
      new Paragraph({
        keepNext: true,
        // An outline level without a heading style (whose look Word would impose): the six parts
        // show in Word's navigation pane and a table of contents.
        outlineLevel: 0,
        indent: { firstLine: 640 },
        spacing: { line: LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
        children: [new TextRun({ text: s.title, font: font(fonts.heading, fonts.latin), size: 32 })],
      }),
    );
    // The report's last lines go to the page of its signature (the name and date never alone on a
    // page of their own).
    const holds = s === lastSection && !s.table && doc.signature.length > 0;
    s.paragraphs.forEach((p, k) => {
      children.push(bodyPara(p, true, holds && k === s.paragraphs.length - 1));
    });
    if (s.table) {
      children.push(docxTable(report, s.table, fonts));
      for (const n of s.tableNotes ?? [])
        children.push(
          new Paragraph({
            spacing: { line: 300, lineRule: LineRuleType.AT_LEAST, before: 60, after: 0 },
            children: [new TextRun({ text: n, font: font(fonts.table, fonts.latin), size: 21 })],
          }),
        );
      children.push(new Paragraph({ spacing: { line: 240, before: 0, after: 0 }, children: [] }));
    }
  }
  doc.signature.forEach((line, i) => {
    children.push(
      new Paragraph({
        // the agency's name and the date stay together
        ...(i < doc.signature.length - 1 ? { keepNext: true } : {}),
        alignment: AlignmentType.RIGHT,
        indent: { right: 640 },
        spacing: { line: LINE, lineRule: LineRuleType.EXACT, before: i === 0 ? LINE : 0, after: 0 },
        children: [bodyRun(line)],
      }),
    );
  });
  if (options.appendix?.length) {
    children.push(new Paragraph({ pageBreakBefore: true, children: [] }));
    children.push(...options.appendix);
  }
  const file = new Document({
    title: doc.title,
    creator: report.meta.agency.name,
    lastModifiedBy: report.meta.agency.name,
    // the format by its title and 文号, as the national format names it (not an internal id)
    description: `政府信息公开工作年度报告（${report.meta.year}年度，${edition.formatTitle}，${edition.documentNo}）`,
    styles: chineseDefaults(fonts.body, fonts.latin, 32),
    sections: [
      {
        properties: { page: { size: PAGE, margin: { ...MARGIN, header: mm(15), footer: mm(20) } } },
        footers: pageNumberFooter('宋体', fonts.latin, 28),
        children,
      },
    ],
  });
  const buf = await Packer.toArrayBuffer(file);
  return new Uint8Array(buf);
}
