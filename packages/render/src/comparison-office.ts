/**
 * The year-on-year comparison as Word (docx) and Excel (exceljs): loaded on demand by
 * renderComparison, as docx.ts and xlsx.ts are by render.
 */
import { type Comparison, roundHalfUp } from '@nianbao/core';
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
  WidthType,
} from 'docx';
import ExcelJS from 'exceljs';
import {
  type ComparisonOptions,
  type ComparisonRow,
  comparisonDocument,
  comparisonTitleLines,
  findingLine,
  NO_CROSS_YEAR_FINDINGS,
  NO_NOT_COMPARABLE,
} from './comparison.js';
import { DEFAULT_DOCX_FONTS } from './docx-fonts.js';
import {
  chineseDefaults,
  font as latinFont,
  mm,
  PAGE,
  pageNumberFooter,
  TABLE_BORDERS,
} from './docx-parts.js';
import { BORDER, FONT } from './xlsx.js';
import { xmlSafe } from './xml-chars.js';

const MARGIN = { top: mm(25), bottom: mm(25), left: mm(22), right: mm(20) };
const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const font = (eastAsia: string) => latinFont(eastAsia, DEFAULT_DOCX_FONTS.latin);

/**
 * One section's table as a Word table `width` twips wide: 项目 wide, four number columns each wide
 * enough for 「上年（2021）」 on one line, the header row repeated on every page, no row split across
 * pages. Also the roll-up's 同比.
 */
export function comparisonTableDocx(
  header: readonly string[],
  rows: readonly Pick<ComparisonRow, 'item' | 'previous' | 'current' | 'change' | 'rate'>[],
  width: number,
): Table {
  const numberWidth = Math.floor((width * 0.56) / 4);
  const widths = [width - numberWidth * 4, numberWidth, numberWidth, numberWidth, numberWidth];
  const cell = (text: string, col: number, head = false) =>
    new TableCell({
      width: { size: widths[col]!, type: WidthType.DXA },
      verticalAlign: VerticalAlignTable.CENTER,
      children: [
        new Paragraph({
          alignment: head ? AlignmentType.CENTER : col === 0 ? AlignmentType.LEFT : AlignmentType.RIGHT,
          spacing: { line: 260, lineRule: LineRuleType.AT_LEAST, before: 0, after: 0 },
          children: text
            ? [new TextRun({ text, font: font(DEFAULT_DOCX_FONTS.table), size: 18, bold: head })]
            : [],
        }),
      ],
    });
  return new Table({
    width: { size: width, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: TABLE_BORDERS,
    margins: { top: 30, bottom: 30, left: 60, right: 60 },
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: header.map((h, i) => cell(h, i, true)),
      }),
      ...rows.map(
        (r) =>
          new TableRow({
            cantSplit: true,
            children: [r.item, r.previous, r.current, r.change, r.rate].map((t, i) => cell(t, i)),
          }),
      ),
    ],
  });
}

/** The comparison as a .docx file (bytes): A4, a real Word table per section, header rows repeated. */
export async function renderComparisonDocx(
  c: Comparison,
  options: ComparisonOptions = {},
): Promise<Uint8Array> {
  // text XML cannot hold (U+FFFF in an agency's name) made a file Word and Excel refuse
  const doc = xmlSafe(comparisonDocument(c, options));
  const body = (text: string, indent = true) =>
    new Paragraph({
      ...(indent ? { indent: { firstLine: 560 } } : {}),
      spacing: { line: 440, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
      children: [new TextRun({ text, font: font(DEFAULT_DOCX_FONTS.body), size: 28 })],
    });
  const heading = (text: string) =>
    new Paragraph({
      keepNext: true,
      outlineLevel: 0,
      spacing: { line: 440, lineRule: LineRuleType.EXACT, before: 200, after: 60 },
      children: [new TextRun({ text, font: font(DEFAULT_DOCX_FONTS.heading), size: 28 })],
    });
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { line: 600, lineRule: LineRuleType.AT_LEAST, before: 0, after: 240 },
      children: comparisonTitleLines(doc.title).map(
        (text, i) =>
          new TextRun({
            text,
            font: font(DEFAULT_DOCX_FONTS.title),
            size: 36,
            ...(i > 0 ? { break: 1 } : {}),
          }),
      ),
    }),
  ];
  for (const p of doc.editions) children.push(body(p));
  if (doc.basis) children.push(body(doc.basis));
  children.push(heading('说明'));
  for (const n of doc.notes) children.push(body(`· ${n}`, false));
  for (const s of doc.sections) {
    children.push(heading(s.title));
    children.push(comparisonTableDocx(doc.header, s.rows, TEXT_WIDTH));
  }
  children.push(heading('不可比项目'));
  if (doc.notComparable.length) for (const n of doc.notComparable) children.push(body(`· ${n}`, false));
  else children.push(body(NO_NOT_COMPARABLE));
  children.push(heading('跨年核对'));
  if (doc.findings.length) for (const f of doc.findings) children.push(body(`· ${findingLine(f)}`, false));
  else children.push(body(NO_CROSS_YEAR_FINDINGS));
  const file = new Document({
    title: doc.title,
    creator: doc.agency,
    lastModifiedBy: doc.agency,
    description: doc.title,
    styles: chineseDefaults(DEFAULT_DOCX_FONTS.body, DEFAULT_DOCX_FONTS.latin, 28),
    sections: [
      {
        properties: { page: { size: PAGE, margin: { ...MARGIN, header: mm(12), footer: mm(12) } } },
        footers: pageNumberFooter('宋体', DEFAULT_DOCX_FONTS.latin, 24),
        children,
      },
    ],
  });
  return new Uint8Array(await Packer.toArrayBuffer(file));
}

const SHEET_OF: Record<string, string> = {
  activeDisclosure: '表二',
  applications: '表三',
  reviewLitigation: '表四',
};

/** The comparison sheets' column widths (项目 wide, then the numbers): the report's 同比 and the roll-up's. */
export const COMPARISON_SHEET_COLUMNS = [70, 14, 14, 14, 11, 10, 8] as const;

/** An amount's unit as the 单位 column says it: 元, 万元, or 未注明 (none stated). */
const UNIT_ZH = { 元: '元', 万元: '万元', unknown: '未注明' } as const;

/** The number format of an amount shown with its unit (「203000元」, 「20.3万元」); none for a count. */
const UNIT_FMT = { 元: 'General"元"', 万元: 'General"万元"' } as const;

/**
 * The 单位 column: 万元 for money compared (元 converted by core); an amount not compared for want of
 * a unit, each year's unit as its report states it (core's `printedUnits`) — 「上年元，本年未注明」, or
 * one word when the years with an amount agree — never 「未注明」 for a year that stated 元 or 万元
 * (as the Markdown and HTML print 「203000元 | 5（未注明单位）」); empty for counts.
 */
function unitColumn(d: ComparisonRow['delta']): string | null {
  if (d.unit === '万元') return '万元';
  if (d.unit !== 'unknown') return null;
  const years = (
    [
      ['上年', d.previous, d.printedUnits?.previous ?? 'unknown'],
      ['本年', d.current, d.printedUnits?.current ?? 'unknown'],
    ] as const
  ).filter(([, v]) => v !== null);
  const units = new Set(years.map(([, , u]) => u));
  if (units.size !== 2) return UNIT_ZH[years[0]?.[2] ?? 'unknown'];
  return years.map(([which, , u]) => `${which}${UNIT_ZH[u]}`).join('，');
}

/**
 * A section's table on a worksheet from its first row: the title (merged), the header (项目, 上年,
 * 本年, 增减, 增减率, 单位, 口径), one row per item — numbers as numbers (money shown with 万元),
 * 增减率 a percentage with one decimal or 「—」, blank an empty cell, never 0. Also the roll-up's 同比.
 * Returns the next free row.
 */
export function comparisonSheetRows(
  ws: ExcelJS.Worksheet,
  title: string,
  header: readonly string[],
  rows: readonly ComparisonRow[],
  first = 1,
): number {
  ws.columns = COMPARISON_SHEET_COLUMNS.map((width) => ({ width }));
  ws.mergeCells(first, 1, first, 7);
  const t = ws.getCell(first, 1);
  t.value = title;
  t.font = { name: '黑体', size: 12 };
  const head = ws.getRow(first + 1);
  head.values = [...header, '单位', '口径'];
  head.eachCell((x) => {
    x.font = { ...FONT, bold: true };
    x.alignment = { horizontal: 'center', vertical: 'middle' };
    x.border = BORDER;
  });
  rows.forEach((r, k) => {
    const d = r.delta;
    const moneyFmt = d.unit === '万元' ? 'General"万元"' : undefined;
    const row = ws.getRow(first + 2 + k);
    row.values = [
      r.item,
      // a number as a number; blank empty, a cell never read 「未读到」 as text
      d.previous ?? (r.previous || null),
      d.current ?? (r.current || null),
      d.delta ?? (r.change || null),
      d.change ?? '—',
      unitColumn(d),
      r.approximate ? '近似' : '相同',
    ];
    for (let i = 1; i <= 7; i++) {
      const x = row.getCell(i);
      x.font = { ...FONT, name: i >= 2 && i <= 5 ? 'Times New Roman' : FONT.name };
      x.border = BORDER;
      x.alignment = {
        horizontal: i === 1 ? 'left' : i <= 5 ? 'right' : 'center',
        vertical: 'middle',
        // 「上年元，本年未注明」 is wider than the column
        wrapText: i === 1 || i === 6,
      };
    }
    if (moneyFmt) for (const i of [2, 3]) row.getCell(i).numFmt = moneyFmt;
    // not compared for want of a unit: a year that states one shows it (「203000元」), as HTML prints it
    if (d.unit === 'unknown')
      for (const [i, u] of [
        [2, d.printedUnits?.previous],
        [3, d.printedUnits?.current],
      ] as const) {
        const fmt = u && u !== 'unknown' ? UNIT_FMT[u] : undefined;
        if (fmt && typeof row.getCell(i).value === 'number') row.getCell(i).numFmt = fmt;
      }
    if (d.delta !== null)
      row.getCell(4).numFmt = d.unit === '万元' ? '+General"万元";-General"万元";0"万元"' : '+0;-0;0';
    // A change under 0.05% would show 「+0.0%」 beside a number that moved: 「+不足0.1%」, the value kept.
    if (d.change !== null)
      row.getCell(5).numFmt =
        d.change !== 0 && roundHalfUp(Math.abs(d.change), 1000) === 0
          ? '"+不足0.1%";"-不足0.1%"'
          : '+0.0%;-0.0%;0.0%';
  });
  return first + 2 + rows.length;
}

/**
 * The comparison as an .xlsx workbook: 同比说明 (title, editions, basis, notes, items not comparable,
 * cross-year findings), then one sheet per section (表二, 表三, 表四): 项目, 上年, 本年, 增减 as numbers
 * (money in 万元, shown with its unit), 增减率 as a percentage with one decimal (「—」 where last year
 * is 0 or blank), 单位, 口径; blank is an empty cell, never 0.
 */
export async function renderComparisonXlsx(
  c: Comparison,
  options: ComparisonOptions = {},
): Promise<Uint8Array> {
  // text XML cannot hold (U+FFFF in an agency's name) made a file Word and Excel refuse
  const doc = xmlSafe(comparisonDocument(c, options));
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Nianbao';
  wb.lastModifiedBy = 'Nianbao';
  wb.title = doc.title;
  const info = wb.addWorksheet('同比说明');
  info.columns = [{ width: 14 }, { width: 90 }];
  // one page wide when printed (column B went to a page of its own)
  info.pageSetup = { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
  const facts: [string, string][] = [
    ['标题', doc.title],
    ['机关名称', doc.agency],
    ['比较年度', `${doc.previousYear} 年度 → ${doc.currentYear} 年度`],
    ...doc.editions.map((e): [string, string] => ['格式版本', e]),
    ...(doc.basis ? [['上年报告', doc.basis] as [string, string]] : []),
    ...doc.notes.map((n): [string, string] => ['说明', n]),
    ...(doc.notComparable.length
      ? doc.notComparable.map((n): [string, string] => ['不可比项目', n])
      : [['不可比项目', NO_NOT_COMPARABLE] as [string, string]]),
    ...(doc.findings.length
      ? doc.findings.map((f): [string, string] => ['跨年核对', findingLine(f)])
      : [['跨年核对', NO_CROSS_YEAR_FINDINGS] as [string, string]]),
  ];
  for (const [k, v] of facts) {
    const row = info.addRow([k, v]);
    row.getCell(1).font = { ...FONT, bold: true };
    row.getCell(1).alignment = { vertical: 'top' };
    row.getCell(2).font = FONT;
    row.getCell(2).alignment = { horizontal: 'left', vertical: 'top', wrapText: true };
  }
  for (const s of doc.sections) {
    const ws = wb.addWorksheet(SHEET_OF[s.table] ?? s.table, {
      pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
      views: [{ state: 'frozen', ySplit: 2 }],
    });
    comparisonSheetRows(ws, s.title, doc.header, s.rows);
  }
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}
