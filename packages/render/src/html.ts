/**
 * One self-contained HTML page in the official layout. Print CSS for A4 (GB/T 9704 margins), so
 * 「打印 → 另存为 PDF」 in a browser gives the publishable PDF. Every piece of user text is escaped.
 * No Node APIs: this runs in the browser too.
 */
import { getEdition, type Report, type TableKey } from '@nianbao/core';
import { buildDocument, type DocumentOptions, leadHeading, type ReportDocument } from './document.js';
import { fitTable, formatCell, type GridCell, TABLE_FONT_PT, tableGrid } from './layout.js';

export interface HtmlOptions extends DocumentOptions {
  /** Only the <article> (for embedding in an app page) instead of a whole document. Default false. */
  readonly fragment?: boolean;
  /** Extra CSS appended after the built-in style sheet (whole documents only). */
  readonly css?: string;
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escape text for HTML content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** Font stacks after GB/T 9704: title 方正小标宋, headings 黑体, sub-headings 楷体, body 仿宋. */
export const CSS_FONTS = {
  title: `"方正小标宋简体", "方正小标宋_GBK", "FZXiaoBiaoSong-B05S", "华文中宋", "STZhongsong", "宋体", "SimSun", "Songti SC", "Noto Serif CJK SC", "Source Han Serif SC", serif`,
  heading: `"黑体", "SimHei", "Heiti SC", "STHeiti", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif`,
  kai: `"楷体_GB2312", "楷体", "KaiTi", "STKaiti", "Kaiti SC", "AR PL UKai CN", "Noto Serif CJK SC", serif`,
  body: `"仿宋_GB2312", "仿宋", "FangSong", "STFangsong", "FangSong SC", "Noto Serif CJK SC", "Source Han Serif SC", serif`,
  table: `"宋体", "SimSun", "Songti SC", "Noto Serif CJK SC", "Source Han Serif SC", serif`,
} as const;

const STYLE = `
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
*, *::before, *::after { box-sizing: border-box; }
html { background: #e9e9e9; }
body { margin: 0; color: #000; }
.nianbao-report { font-family: ${CSS_FONTS.body}; font-size: 16pt; line-height: 28.95pt;
  width: 210mm; min-height: 297mm; margin: 12px auto; padding: 37mm 26mm 35mm 28mm; background: #fff;
  box-shadow: 0 1px 6px rgba(0,0,0,.25); }
.nianbao-report h1 { font-family: ${CSS_FONTS.title}; font-size: 22pt; line-height: 1.5; font-weight: normal;
  text-align: center; margin: 0 0 28.95pt; }
.nianbao-report h2 { font-family: ${CSS_FONTS.heading}; font-size: 16pt; font-weight: normal; margin: 0;
  text-indent: 2em; line-height: 28.95pt; }
.nianbao-report p { margin: 0; text-indent: 2em; text-align: justify; }
.nianbao-report .kai { font-family: ${CSS_FONTS.kai}; }
.nianbao-report p.table-note { text-indent: 0; font-family: ${CSS_FONTS.table}; font-size: 10.5pt;
  line-height: 1.5; margin: -8pt 0 14pt; }
.nianbao-report .signature { margin-top: 28.95pt; text-align: right; }
.nianbao-report .signature p { text-indent: 0; text-align: right; padding-right: 2em; }
.nianbao-report table { border-collapse: collapse; width: 100%; margin: 8pt 0 14pt; table-layout: fixed;
  font-family: ${CSS_FONTS.table}; font-size: 10.5pt; line-height: 1.35; page-break-inside: auto; }
.nianbao-report table.t-applications, .nianbao-report table.t-reviewLitigation { font-size: 9pt; }
.nianbao-report th, .nianbao-report td { border: 1px solid #000; padding: 2pt 1.5pt; text-align: center;
  vertical-align: middle; font-weight: normal; word-break: break-all; }
.nianbao-report th.caption { text-align: center; font-weight: bold; }
.nianbao-report th.corner { font-size: 9pt; }
.nianbao-report th.rowLabel { text-align: left; }
.nianbao-report td { font-family: "Times New Roman", ${CSS_FONTS.table}; font-size: var(--nb-value-size, 1em); }
.nianbao-report thead { display: table-header-group; }
/* A row is not cut through its text: its cells hold together. A cell spanning rows (三、本年度办理结果)
   may break, so it does not push its whole group to the next page. */
.nianbao-report td:not([rowspan]), .nianbao-report th:not([rowspan]) { page-break-inside: avoid; break-inside: avoid; }
/* A group of 表三 that fits on a page stays on one page with its label */
.nianbao-report tr.keep { page-break-after: avoid; break-after: avoid; }
/* A phone or a narrow window: the page's text column, no A4 sheet around it (tables scroll) */
@media screen and (max-width: 820px) {
  html { background: #fff; }
  .nianbao-report { width: auto; min-height: 0; margin: 0; padding: 16px 12px; box-shadow: none;
    font-size: 14pt; line-height: 1.8; }
  .nianbao-report h2 { line-height: 1.8; }
  .nianbao-report .table-scroll { overflow-x: auto; }
  .nianbao-report table { min-width: 640px; }
}
@media print {
  html { background: none; }
  .nianbao-report { width: auto; min-height: 0; margin: 0; padding: 0; box-shadow: none; }
  .nianbao-report h2 { page-break-after: avoid; break-after: avoid; }
  /* 表三 is longer than the rest of a page: it starts on a page of its own, not two rows at a foot */
  .nianbao-report table.t-applications { page-break-before: always; break-before: page; }
  /* … and with no text between its heading and it, the heading goes to that page with it */
  .nianbao-report section.table-first { page-break-before: always; break-before: page; }
  .nianbao-report section.table-first table.t-applications { page-break-before: auto; break-before: auto; }
}
`;

/** The most rows of a group of 表三 kept on one page (a longer one may break). */
const KEEP_GROUP_ROWS = 10;

function attrs(cell: GridCell): string {
  let s = '';
  if (cell.rowSpan > 1) s += ` rowspan="${cell.rowSpan}"`;
  if (cell.colSpan > 1) s += ` colspan="${cell.colSpan}"`;
  return s;
}

/** One table as HTML: labels as <th>, each value cell a <td data-cell="<cell id>">. */
export function tableHtml(report: Report, table: TableKey): string {
  const grid = tableGrid(report.meta.edition, table);
  // 表三: a group that fits on a page (（三）不予公开 …) is kept on one page with its label (a cell
  // spanning its rows): each of its rows but the last avoids a page break after it.
  const keep = new Set<number>();
  for (const cell of grid.rows.flat())
    if (cell.kind === 'rowLabel' && cell.rowSpan > 1 && cell.rowSpan <= KEEP_GROUP_ROWS)
      for (let k = cell.row; k < cell.row + cell.rowSpan - 1; k++) keep.add(k);
  // 表二: a block (its caption 「第二十条第（一）项」, its column heads, its rows) stays on one page,
  // as in the DOCX — printed, the caption was left alone at the foot of a page, its heads and rows
  // on the next. Every row of a block but its last avoids a break after it.
  if (table === 'activeDisclosure')
    for (let k = 0; k < grid.rowCount - 1; k++)
      if (!grid.rows[k + 1]!.some((cell) => cell.kind === 'caption')) keep.add(k);
  const rowsHtml = grid.rows.map((row, r) => {
    const cells = row.map((cell) => {
      if (cell.kind === 'value') {
        const text = escapeHtml(formatCell(report.cells[cell.cellId!], cell.column));
        return `<td data-cell="${escapeHtml(cell.cellId!)}"${attrs(cell)}>${text}</td>`;
      }
      const scope = cell.kind === 'rowLabel' ? ' scope="row"' : cell.kind === 'header' ? ' scope="col"' : '';
      return `<th class="${cell.kind}"${scope}${attrs(cell)}>${escapeHtml(cell.text)}</th>`;
    });
    return `<tr${keep.has(r) && r >= grid.headerRows ? ' class="keep"' : ''}>${cells.join('')}</tr>`;
  });
  // Widths from the numbers (a 6-digit count of 表四 wrapped in its column): the padding is the
  // cells' 1.5 pt a side and a border. The numbers print smaller only when widths cannot do it.
  const fit = fitTable(report, table, { padding: 4 });
  const total = fit.widths.reduce((a, b) => a + b, 0);
  const cols = fit.widths.map((w) => `<col style="width:${((w / total) * 100).toFixed(2)}%">`).join('');
  const small = fit.valueSize < TABLE_FONT_PT[table] ? ` style="--nb-value-size:${fit.valueSize}pt"` : '';
  const head = rowsHtml.slice(0, grid.headerRows).join('');
  const body = rowsHtml.slice(grid.headerRows).join('');
  return `<table class="t-${table}" data-table="${table}"${small}><colgroup>${cols}</colgroup>${
    head ? `<thead>${head}</thead>` : ''
  }<tbody>${body}</tbody></table>`;
}

function articleHtml(report: Report, doc: ReportDocument): string {
  const p = (s: string) => `<p>${escapeHtml(s)}</p>`;
  const body = (s: string) => {
    const lead = leadHeading(s);
    return lead ? `<p><span class="kai">${escapeHtml(lead[0])}</span>${escapeHtml(lead[1])}</p>` : p(s);
  };
  const parts: string[] = [];
  // broken after the agency's name, never inside 「年度报告」 (see titleLines)
  parts.push(`<h1>${doc.titleLines.map(escapeHtml).join('<br>')}</h1>`);
  parts.push(`<div class="preamble">${doc.preamble.map(p).join('')}</div>`);
  for (const s of doc.sections) {
    // 表三 starts a printed page: with no text before it, the page starts at the section's heading,
    // which was left alone at the foot of the page before (the break fell between it and the table).
    const tableFirst = s.table === 'applications' && s.paragraphs.length === 0;
    parts.push(
      `<section data-section="${s.key}"${tableFirst ? ' class="table-first"' : ''}><h2>${escapeHtml(s.title)}</h2>`,
    );
    parts.push(s.paragraphs.map(body).join(''));
    if (s.table) parts.push(`<div class="table-scroll">${tableHtml(report, s.table)}</div>`);
    for (const n of s.tableNotes ?? []) parts.push(`<p class="table-note">${escapeHtml(n)}</p>`);
    parts.push('</section>');
  }
  parts.push(`<div class="signature">${doc.signature.map(p).join('')}</div>`);
  const m = report.meta;
  return `<article class="nianbao-report" data-edition="${escapeHtml(m.edition)}" data-year="${m.year}" data-scope="${
    m.scope
  }">${parts.join('\n')}</article>`;
}

/** The report as one self-contained HTML page (or only its <article> with `fragment: true`). */
export function renderHtml(report: Report, options: HtmlOptions = {}): string {
  const doc = buildDocument(report, options);
  const article = articleHtml(report, doc);
  if (options.fragment) return article;
  const m = report.meta;
  const edition = getEdition(m.edition);
  const meta = [
    ['nianbao:agency', m.agency.name],
    ['nianbao:year', String(m.year)],
    ['nianbao:edition', m.edition],
    ['nianbao:scope', m.scope],
    ['nianbao:format', edition.formatTitle],
  ]
    .map(([k, v]) => `<meta name="${k}" content="${escapeHtml(v!)}">`)
    .join('\n');
  const extra = options.css ? `\n${options.css.replace(/<\/style/gi, '<\\/style')}` : '';
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(doc.title)}</title>
${meta}
<style>${STYLE}${extra}</style>
</head>
<body>
${article}
</body>
</html>
`;
}
