/**
 * 问题清单 as an .xlsx workbook (exceljs): loaded on demand by renderFindingsXlsx. Written as a stream,
 * each row committed as it is added: a province's list (tens of thousands of rows) in a fraction of
 * the memory a whole workbook model took (47,000 rows: 750 MB).
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { FindingsList } from './findings-list.js';
import { BORDER, displayWidth, FONT, LINE_PT } from './xlsx.js';
import { xmlSafe } from './xml-chars.js';

const PAGE: Partial<ExcelJS.PageSetup> = {
  paperSize: 9,
  orientation: 'landscape',
  fitToPage: true,
  fitToWidth: 1,
  fitToHeight: 0,
};

interface Column {
  readonly header: string;
  readonly width: number;
  readonly number?: boolean;
  readonly wrap?: boolean;
}

/** A sheet: the title merged over the columns, the header (frozen, filtered), the rows bordered. */
function sheet(
  wb: ExcelJS.stream.xlsx.WorkbookWriter,
  name: string,
  title: string,
  columns: readonly Column[],
  rows: readonly (string | number | null)[][],
  foot?: string,
): void {
  const ws = wb.addWorksheet(name, {
    pageSetup: { ...PAGE, printTitlesRow: '2:2' },
    views: [{ state: 'frozen', ySplit: 2 }],
  });
  ws.columns = columns.map((c) => ({ width: c.width }));
  ws.mergeCells(1, 1, 1, columns.length);
  const t = ws.getCell(1, 1);
  t.value = title;
  t.font = { name: '黑体', size: 12 };
  const head = ws.getRow(2);
  head.values = columns.map((c) => c.header);
  head.eachCell((x) => {
    x.font = { ...FONT, bold: true };
    x.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    x.border = BORDER;
  });
  ws.getRow(1).commit();
  head.commit();
  rows.forEach((values, k) => {
    const row = ws.getRow(3 + k);
    row.values = values;
    let lines = 1;
    columns.forEach((c, i) => {
      const x = row.getCell(i + 1);
      x.font = { ...FONT, ...(c.number ? { name: 'Times New Roman' } : {}) };
      x.border = BORDER;
      x.alignment = { horizontal: c.number ? 'right' : 'left', vertical: 'top', wrapText: c.wrap === true };
      const v = values[i];
      // a wrapped cell's lines at its column's width (spreadsheet apps do not grow rows a library wrote)
      if (c.wrap && typeof v === 'string' && v)
        lines = Math.max(
          lines,
          v
            .split('\n')
            .reduce((n, part) => n + Math.max(1, Math.ceil(displayWidth(part) / (c.width - 1))), 0),
        );
    });
    if (lines > 1) row.height = lines * LINE_PT + 3;
    row.commit();
  });
  if (foot !== undefined) {
    const row = ws.getRow(3 + rows.length + 1);
    row.getCell(1).value = foot;
    row.getCell(1).font = { ...FONT, bold: true };
    row.commit();
  }
  ws.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2 + rows.length, column: columns.length } };
  ws.commit();
}

export async function findingsXlsx(list: FindingsList): Promise<Uint8Array> {
  // text XML cannot hold (U+FFFF in an agency's name) made a file Excel refuses
  const l = xmlSafe(list);
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: true });
  wb.creator = 'Nianbao';
  wb.lastModifiedBy = 'Nianbao';
  (wb as unknown as { title: string }).title = l.title;
  const withStatus = l.summary.some((s) => s.status !== '');
  const withDismissed = l.summary.some((s) => s.dismissed > 0);
  const summaryColumns: Column[] = [
    { header: '序号', width: 6, number: true },
    { header: '机关', width: 28, wrap: true },
    { header: '年度', width: 7, number: true },
    ...(withStatus ? [{ header: '状态', width: 9 }] : []),
    { header: '错误', width: 6, number: true },
    { header: '跨年', width: 6, number: true },
    { header: '警告', width: 6, number: true },
    { header: '提示', width: 6, number: true },
    { header: '未能核对', width: 8, number: true },
    ...(withDismissed ? [{ header: '已忽略', width: 7, number: true }] : []),
    { header: '导入错误', width: 8, number: true },
    { header: '结论', width: 11 },
    { header: '说明', width: 50, wrap: true },
    { header: '文件', width: 44, wrap: true },
  ];
  const t = l.totals;
  sheet(
    wb,
    '汇总',
    l.title,
    summaryColumns,
    l.summary.map((s) => [
      s.no,
      s.agency,
      s.year,
      ...(withStatus ? [s.status] : []),
      s.error,
      s.crossYear,
      s.warning,
      s.info,
      s.unchecked,
      ...(withDismissed ? [s.dismissed] : []),
      s.importErrors,
      s.verdict,
      s.note,
      s.source,
    ]),
    // only agencies without a report (the list of 未创建): no 「共 0 份：…」 before them
    t.reports === 0 && t.missing
      ? `共 ${t.missing} 个机关尚未创建报告`
      : `共 ${t.reports} 份：无错误 ${t.clean} 份，有错误 ${t.withErrors} 份，无法使用 ${t.unusable} 份${
          t.missing ? `；另有 ${t.missing} 个机关尚未创建报告` : ''
        }`,
  );
  sheet(
    wb,
    '问题清单',
    `${l.title}（${l.problems.length} 条）`,
    [
      { header: '序号', width: 6, number: true },
      { header: '机关', width: 22, wrap: true },
      { header: '年度', width: 7, number: true },
      { header: '级别', width: 8 },
      { header: '规则', width: 7 },
      { header: '类别', width: 16, wrap: true },
      { header: '问题', width: 56, wrap: true },
      { header: '涉及单元格', width: 30, wrap: true },
      { header: '核对', width: 20, wrap: true },
      { header: '改法', width: 40, wrap: true },
      { header: '处理', width: 20, wrap: true },
      { header: '文件', width: 30, wrap: true },
    ],
    l.problems.map((p) => [
      p.no,
      p.agency,
      p.year,
      p.level,
      p.rule,
      p.category,
      p.message,
      p.cells,
      p.check,
      p.hint,
      p.triage,
      p.source,
    ]),
  );
  const ended = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  await wb.commit();
  await ended;
  return new Uint8Array(Buffer.concat(chunks));
}
