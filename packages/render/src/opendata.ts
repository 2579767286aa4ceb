/**
 * The report as open data: long format, one row per cell (spec/cell-ids.md):
 * `agency, year, edition, cell_id, value, unit, semantic`. Many reports go into one file.
 * No Node APIs: this runs in the browser too.
 */
import { type Cell, getEdition, type Report } from '@nianbao/core';

export interface LongRow {
  readonly agency: string;
  readonly year: number;
  readonly edition: string;
  readonly cell_id: string;
  /** The number; null when the report printed nothing (blank is never 0). */
  readonly value: number | null;
  /** Money cells: 元, 万元 or unknown; counts: ''. */
  readonly unit: string;
  readonly semantic: 'number' | 'blank';
}

export const LONG_COLUMNS = ['agency', 'year', 'edition', 'cell_id', 'value', 'unit', 'semantic'] as const;

export interface OpenDataOptions {
  /** CSV: start with a UTF-8 byte order mark so Excel reads 简体中文 correctly. Default false. */
  readonly bom?: boolean;
  /** CSV line ending. Default '\n'. */
  readonly newline?: '\n' | '\r\n';
  /** JSON: indentation (default none: one row per line is not needed by parsers). */
  readonly indent?: number;
}

/**
 * One row per cell of the edition, in printed order (表二, 表三, 表四): a cell absent from the report
 * (its row or table was not in the published document) is a blank row, as the spec's "blank: the
 * report printed nothing" says; a cell the edition does not have is left out.
 */
export function longRows(report: Report): LongRow[] {
  const { meta } = report;
  const agency = agencyColumn(report);
  const rows: LongRow[] = [];
  const edition = getEdition(meta.edition);
  for (const [id, cell] of cellsInOrder(report)) {
    const def = edition.cellIndex.get(id)!;
    rows.push({
      agency,
      year: meta.year,
      edition: meta.edition,
      cell_id: id,
      value: cell.value,
      // An amount without a unit in the report is one whose unit is not known (never '', which is a
      // count's): 万元 where the format prints it, else unknown.
      unit: def.valueType === 'money' ? (cell.unit ?? (def.unit === '万元' ? '万元' : 'unknown')) : '',
      semantic: cell.value === null ? 'blank' : 'number',
    });
  }
  return rows;
}

/**
 * The agency column: the agency's name; a roll-up (scope region) is marked 「（区域汇总）」, as its
 * title is, so its rows never pass for those of the government of the same name.
 */
function agencyColumn(report: Report): string {
  const name = report.meta.agency.name;
  return report.meta.scope === 'region' && !name.endsWith('（区域汇总）') ? `${name}（区域汇总）` : name;
}

/**
 * The edition's cells in printed order, absent ones blank. A cell the edition does not have (the other
 * edition's, or a name of no format) is not open data: cell-ids.md is the one naming scheme, and S4–S6
 * name such cells in the report's findings.
 */
function cellsInOrder(report: Report): [string, Cell][] {
  const out: [string, Cell][] = [];
  for (const def of getEdition(report.meta.edition).cells) {
    // Absent (its row or table was not in the published report): the report printed nothing for it,
    // so it is blank — a row all the same, so that every report of an edition has the same rows.
    out.push([
      def.id,
      report.cells[def.id] ??
        (def.valueType === 'money'
          ? { value: null, unit: def.unit === '万元' ? '万元' : 'unknown' }
          : { value: null }),
    ]);
  }
  return out;
}

/**
 * A text a spreadsheet would run as a formula (=, +, -, @, tab or CR first), or one starting with
 * the guard itself (so that taking the guard off again is exact).
 */
const FORMULA_START = /^[=+\-@\t\r']/;

/**
 * RFC 4180 quoting: fields with a comma, quote, CR or LF are quoted; quotes doubled. A text a
 * spreadsheet would take for a formula (an agency named 「=HYPERLINK(…)」) gets a leading ' so
 * Excel shows it as text instead of running it (OWASP's CSV injection advice); parseLongCsv takes
 * the ' off again.
 */
export function csvField(v: string): string {
  const t = FORMULA_START.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
}

const unguard = (v: string) => (v.startsWith("'") && FORMULA_START.test(v.slice(1)) ? v.slice(1) : v);

/** Many reports into one long-format file: CSV (with a header line) or a JSON array of rows. */
export function renderOpenData(
  reports: Iterable<Report>,
  format: 'csv' | 'json',
  options: OpenDataOptions = {},
): string {
  if (format === 'json') {
    const all: LongRow[] = [];
    for (const r of reports) for (const row of longRows(r)) all.push(row);
    return JSON.stringify(all, null, options.indent);
  }
  const nl = options.newline ?? '\n';
  const chunks: string[] = [`${options.bom ? '\uFEFF' : ''}${LONG_COLUMNS.join(',')}${nl}`];
  for (const r of reports) {
    const prefix = `${csvField(agencyColumn(r))},${r.meta.year},${csvField(r.meta.edition)},`;
    let chunk = '';
    for (const [id, cell] of cellsInOrder(r)) {
      const blank = cell.value === null;
      chunk += `${prefix}${id},${blank ? '' : String(cell.value)},${cell.unit ? csvField(cell.unit) : ''},${
        blank ? 'blank' : 'number'
      }${nl}`;
    }
    chunks.push(chunk);
  }
  return chunks.join('');
}

/** Read a long-format CSV back into rows (for tests and integrators' round trips). */
export function parseLongCsv(text: string): LongRow[] {
  const src = text.replace(/^\uFEFF/, '');
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || record.length) {
    record.push(field);
    records.push(record);
  }
  const [header, ...body] = records;
  if (!header || header.join(',') !== LONG_COLUMNS.join(',')) {
    throw new Error(`不是长格式 CSV：表头应为 ${LONG_COLUMNS.join(',')}`);
  }
  return body.map((f) => ({
    agency: unguard(f[0] ?? ''),
    year: Number(f[1]),
    edition: unguard(f[2] ?? ''),
    cell_id: f[3] ?? '',
    value: f[4] === '' || f[4] === undefined ? null : Number(f[4]),
    unit: unguard(f[5] ?? ''),
    semantic: f[6] === 'blank' ? 'blank' : 'number',
  }));
}
