/**
 * @nianbao/render: the report model → the official layout (DOCX, printable HTML, Markdown, XLSX)
 * and open data (long-format CSV/JSON, JSON Schema). The text formats use no Node API and run in
 * the browser; DOCX and XLSX load their libraries only when asked for.
 */
import { NianbaoError, type Report } from '@nianbao/core';
import type { DocxOptions } from './docx.js';
import { type HtmlOptions, renderHtml } from './html.js';
import { type MarkdownOptions, renderMarkdown } from './markdown.js';
import { type OpenDataOptions, renderOpenData } from './opendata.js';
import type { XlsxOptions } from './xlsx.js';

export type TextFormat = 'html' | 'md' | 'csv' | 'json';
export type BinaryFormat = 'docx' | 'xlsx';
export type Format = TextFormat | BinaryFormat;
export const FORMATS: readonly Format[] = ['docx', 'html', 'md', 'xlsx', 'csv', 'json'];

/** MIME type and file extension of each format. */
export const FORMAT_INFO: Record<
  Format,
  { readonly mime: string; readonly extension: string; readonly label: string }
> = {
  docx: {
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extension: 'docx',
    label: 'Word 文档',
  },
  html: { mime: 'text/html; charset=utf-8', extension: 'html', label: '网页（可打印为 PDF）' },
  md: { mime: 'text/markdown; charset=utf-8', extension: 'md', label: 'Markdown' },
  xlsx: {
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extension: 'xlsx',
    label: 'Excel 表格',
  },
  csv: { mime: 'text/csv; charset=utf-8', extension: 'csv', label: '开放数据（CSV 长表）' },
  json: { mime: 'application/json', extension: 'json', label: '开放数据（JSON 长表）' },
};

export type RenderOptions = HtmlOptions & MarkdownOptions & OpenDataOptions & DocxOptions & XlsxOptions;

/**
 * Render one report.
 * - `'html'` → `string` (a whole self-contained page; `fragment: true` for the <article> only)
 * - `'md'` → `string`
 * - `'csv'` / `'json'` → `string` (long format, one row per cell; see renderOpenData for many)
 * - `'docx'` / `'xlsx'` → `Promise<Uint8Array>`
 * Throws NianbaoError('INVALID_REPORT') with a 简体中文 message when the report is not valid, and
 * NianbaoError('UNKNOWN_FORMAT') for an unknown format.
 */
export function render(
  report: Report,
  format: 'html' | 'md' | 'csv' | 'json',
  options?: RenderOptions,
): string;
export function render(report: Report, format: 'docx' | 'xlsx', options?: RenderOptions): Promise<Uint8Array>;
export function render(report: Report, format: Format, options?: RenderOptions): string | Promise<Uint8Array>;
export function render(
  report: Report,
  format: Format,
  options: RenderOptions = {},
): string | Promise<Uint8Array> {
  switch (format) {
    case 'html':
      return renderHtml(report, options);
    case 'md':
      return renderMarkdown(report, options);
    case 'csv':
    case 'json':
      return renderOpenData([report], format, options);
    case 'docx':
      return import('./docx.js').then((m) => m.renderDocx(report, options));
    case 'xlsx':
      return import('./xlsx.js').then((m) => m.renderXlsx(report, options));
    default:
      throw new NianbaoError(
        'UNKNOWN_FORMAT',
        `不支持的输出格式：${String(format)}（可用：${FORMATS.join('、')}）`,
        {
          format,
        },
      );
  }
}

/** The report as a .docx file (loads the docx library on first use). */
export async function renderDocx(report: Report, options?: DocxOptions): Promise<Uint8Array> {
  return (await import('./docx.js')).renderDocx(report, options);
}

/** The report's tables as an .xlsx workbook (loads exceljs on first use). */
export async function renderXlsx(report: Report, options?: XlsxOptions): Promise<Uint8Array> {
  return (await import('./xlsx.js')).renderXlsx(report, options);
}

export {
  COMPARISON_CSV_COLUMNS,
  COMPARISON_FORMATS,
  type ComparisonBasis,
  type ComparisonDocument,
  type ComparisonFormat,
  type ComparisonOptions,
  type ComparisonRow,
  type ComparisonSection,
  comparisonChange,
  comparisonDocument,
  comparisonRate,
  comparisonTitle,
  comparisonValue,
  renderComparison,
  renderComparisonCsv,
  renderComparisonHtml,
  renderComparisonMarkdown,
} from './comparison.js';
export {
  buildDocument,
  type DocumentOptions,
  type DocumentSection,
  leadHeading,
  paragraphs,
  type ReportDocument,
  reportPreamble,
  reportTitle,
} from './document.js';
export type { DocxFonts, DocxOptions } from './docx.js';
export { DEFAULT_DOCX_FONTS } from './docx-fonts.js';
export {
  agencyWithoutReport,
  type CheckedReport,
  FINDINGS_CSV_COLUMNS,
  type FindingsList,
  type FindingsListOptions,
  findingsListRows,
  type ListedFinding,
  type ProblemRow,
  renderFindingsCsv,
  renderFindingsXlsx,
  type SummaryRow,
  type Verdict,
} from './findings-list.js';
export { CSS_FONTS, escapeHtml, type HtmlOptions, renderHtml, tableHtml } from './html.js';
export {
  type FitOptions,
  fitTable,
  formatCell,
  formatNumber,
  type GridCell,
  type GridCellKind,
  hasTable,
  type TableFit,
  type TableGrid,
  tableGrid,
} from './layout.js';
export { escapeMarkdown, type MarkdownOptions, renderMarkdown, tableMarkdown } from './markdown.js';
export {
  csvField,
  csvRecords,
  LONG_COLUMNS,
  type LongRow,
  longRows,
  OPEN_DATA_SCHEMA_ID,
  type OpenDataEntry,
  type OpenDataOptions,
  type OpenDataRecord,
  type Origin,
  openDataJsonSchema,
  parseLongCsv,
  plainDecimal,
  renderOpenData,
  type Semantic,
} from './opendata.js';
export { rollupNotes } from './rollup.js';
export {
  ROLLUP_FIGURE_LABELS,
  type RollupFigures,
  type RollupFormat,
  type RollupOptions,
  type RollupYearOnYear,
  type RollupYearOnYearDocument,
  renderRollup,
  rollupYearOnYearDocument,
  rollupYearOnYearHtml,
  rollupYearOnYearMarkdown,
} from './rollup-yoy.js';
export { REPORT_SCHEMA_ID, reportJsonSchema, reportJsonSchemaText } from './schema.js';
export type { XlsxOptions } from './xlsx.js';
