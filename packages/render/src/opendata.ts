/**
 * The report as open data: long format, one row per cell (spec/cell-ids.md). The first seven columns
 * are the spec's `agency, year, edition, cell_id, value, unit, semantic`; the others say which
 * agency (by id, and its current name), which report, version and workflow status the row comes
 * from, when it was published, and where the number comes from (printed, typed, computed). Many reports go into one file.
 * No Node APIs: this runs in the browser too.
 */
import { type Cell, type CellDef, getEdition, type Report } from '@nianbao/core';

/**
 * - `number`: `value` holds the number (money in 万元);
 * - `blank`: the report printed nothing for the cell (「—」「/」「无」 or an empty cell): never 0;
 * - `missing`: the cell is not in the report — not read from the published document (the importer
 *   could not read it) or never filled: not known to be blank;
 * - `invalid`: a number no count or amount can be (negative, not an integer, beyond 2^53, an amount
 *   too large or small to print without an exponent): `value` is null, `printed_value` holds it
 *   exactly as stored;
 * - `unit_unknown`: an amount whose unit (元 or 万元) the report does not say: it cannot be given in
 *   万元, so `value` is null; `printed_value` holds the number.
 */
export type Semantic = 'number' | 'blank' | 'missing' | 'invalid' | 'unit_unknown';
export type Origin = 'entered' | 'imported' | 'derived' | 'inferred';

export interface LongRow {
  /** The agency's name as the report prints it (a roll-up's ends 「（区域汇总）」). */
  readonly agency: string;
  readonly year: number;
  readonly edition: string;
  readonly cell_id: string;
  /** The number (money in 万元); null unless `semantic` is 'number'. Blank is never 0. */
  readonly value: number | null;
  /** Money cells: 万元 (the unit of `value`) or `unknown`; null for counts. */
  readonly unit: '万元' | 'unknown' | null;
  readonly semantic: Semantic;
  /** How the value came to be: typed in (entered), read from the published document (imported),
   * computed from other cells (derived), inferred by the importer; null when the report does not say. */
  readonly origin: Origin | null;
  /** The number as the report states it, in `printed_unit`, exactly (no exponent); null when none. */
  readonly printed_value: string | null;
  /** Money cells: the unit the report states (元, 万元 or unknown); null for counts. */
  readonly printed_unit: string | null;
  /** What the document printed, where it differs from the number (「+19」「—」); null otherwise. */
  readonly raw: string | null;
  /** The agency's id (stable: two agencies of the same name are told apart); null when not known. */
  readonly agency_id: string | null;
  /** The agency's current name (after a rename); null when not known. */
  readonly agency_current: string | null;
  /** The agency directly above (a department's or 镇's county, …); null for the top or when not known. */
  readonly parent_id: string | null;
  readonly parent_name: string | null;
  /** Ids from the top of the region tree down to the agency: `/top/…/agency/`; null when not known. */
  readonly region_path: string | null;
  /** The stored report and the version the row is from; null for a roll-up or when not known. */
  readonly report_id: string | null;
  readonly version: number | null;
  /** The report's workflow status (draft, submitted, returned, approved, published); null when not known. */
  readonly status: string | null;
  /**
   * 发布日期: the day the report was published (YYYY-MM-DD, as the store recorded it at 发布: the date
   * given for a report published elsewhere before, the date the report states, else the day of the
   * step); null while not published, for a roll-up, or when not known.
   */
  readonly published_on: string | null;
}

export const LONG_COLUMNS = [
  'agency',
  'year',
  'edition',
  'cell_id',
  'value',
  'unit',
  'semantic',
  'origin',
  'printed_value',
  'printed_unit',
  'raw',
  'agency_id',
  'agency_current',
  'parent_id',
  'parent_name',
  'region_path',
  'report_id',
  'version',
  'status',
  'published_on',
] as const satisfies readonly (keyof LongRow)[];

/** Where a report stands, from the store that holds it: every field optional. */
export interface OpenDataRecord {
  readonly agencyId?: string | null;
  readonly agencyCurrent?: string | null;
  readonly parentId?: string | null;
  readonly parentName?: string | null;
  readonly regionPath?: string | null;
  readonly reportId?: string | null;
  readonly version?: number | null;
  readonly status?: string | null;
  /** 发布日期 (YYYY-MM-DD): only for a published report. */
  readonly publishedOn?: string | null;
}

/** A report with what its store knows of it. */
export interface OpenDataEntry {
  readonly report: Report;
  readonly record?: OpenDataRecord;
}

export interface OpenDataOptions {
  /** CSV: start with a UTF-8 byte order mark so Excel reads 简体中文 correctly. Default false. */
  readonly bom?: boolean;
  /** CSV line ending. Default '\n'. */
  readonly newline?: '\n' | '\r\n';
  /** JSON: indentation (default none: one row per line is not needed by parsers). */
  readonly indent?: number;
}

/**
 * A number as plain decimal text, exactly as JavaScript's shortest round-trip form gives it but never
 * with an exponent: 1e21 → 「1000000000000000000000」, 1e-7 → 「0.0000001」.
 */
export function plainDecimal(v: number): string {
  const s = String(v);
  const m = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  return shiftDecimal(`${m[2]}${m[3] ? `.${m[3]}` : ''}`, Number(m[4]), m[1]!);
}

/** Move the decimal point of an unsigned decimal text by `by` places (negative: left), exactly. */
function shiftDecimal(unsigned: string, by: number, sign = ''): string {
  const [int, frac = ''] = unsigned.split('.');
  let digits = `${int}${frac}`;
  let point = int!.length + by;
  if (point <= 0) {
    digits = `${'0'.repeat(1 - point)}${digits}`;
    point = 1;
  } else if (point > digits.length) digits = digits.padEnd(point, '0');
  let out = `${digits.slice(0, point).replace(/^0+(?=\d)/, '')}`;
  const rest = digits.slice(point).replace(/0+$/, '');
  if (rest) out += `.${rest}`;
  return out === '0' ? '0' : `${sign}${out}`;
}

/** The largest amount printed without an exponent by JavaScript (and so by every JSON parser). */
const PLAIN_MAX = 1e15;

/** Whether a number can be the value of a cell of this kind (else `invalid`). */
function valid(def: CellDef, v: number): boolean {
  if (!Number.isFinite(v)) return false;
  if (def.valueType === 'money') return v >= 0 && !/e/.test(String(v)) && v < PLAIN_MAX;
  if (!Number.isSafeInteger(v)) return false;
  return def.valueType === 'signedCount' || v >= 0;
}

interface Judged {
  readonly value: number | null;
  readonly unit: '万元' | 'unknown' | null;
  readonly semantic: Semantic;
  readonly printedUnit: string | null;
}

/** One cell's open-data value: in 万元 for money (元 converted exactly: 3800 元 → 0.38). */
function judge(def: CellDef, cell: Cell | undefined): Judged {
  const money = def.valueType === 'money';
  // An amount without a unit in the report is one whose unit is not known: 万元 where the format
  // prints it (2021's feeAmount), else unknown.
  const printedUnit = money ? (cell?.unit ?? (def.unit === '万元' ? '万元' : 'unknown')) : null;
  const unit = money ? (printedUnit === 'unknown' ? 'unknown' : '万元') : null;
  if (!cell) return { value: null, unit, semantic: 'missing', printedUnit };
  const v = cell.value;
  if (v === null) return { value: null, unit, semantic: 'blank', printedUnit };
  if (!valid(def, v)) return { value: null, unit, semantic: 'invalid', printedUnit };
  if (!money) return { value: v, unit, semantic: 'number', printedUnit };
  // 0 is 0 in any unit.
  if (printedUnit === 'unknown' && v !== 0)
    return { value: null, unit, semantic: 'unit_unknown', printedUnit };
  const wan = printedUnit === '元' ? Number(shiftDecimal(String(v), -4)) : v;
  return { value: wan, unit, semantic: 'number', printedUnit };
}

const isEntry = (x: Report | OpenDataEntry): x is OpenDataEntry => !('meta' in x) && 'report' in x;
const entryOf = (x: Report | OpenDataEntry): OpenDataEntry => (isEntry(x) ? x : { report: x });

/**
 * One row per cell of the edition, in printed order (表二, 表三, 表四). A cell absent from the report
 * (its row or table was not in the published document, or the importer could not read it) is a
 * `missing` row, never a `blank` one: blank means the report printed nothing. A cell the edition does
 * not have (the other edition's, or a name of no format) is not open data: cell-ids.md is the one
 * naming scheme, and S4–S6 name such cells in the report's findings.
 */
export function longRows(source: Report | OpenDataEntry): LongRow[] {
  const { report, record = {} } = entryOf(source);
  const { meta } = report;
  const agency = agencyColumn(report);
  const context = {
    agency_id: record.agencyId ?? meta.agency.id ?? null,
    agency_current: record.agencyCurrent ?? null,
    parent_id: record.parentId ?? null,
    parent_name: record.parentName ?? null,
    region_path: record.regionPath ?? null,
    report_id: record.reportId ?? null,
    version: record.version ?? null,
    status: record.status ?? null,
    published_on: record.publishedOn ?? null,
  };
  const rows: LongRow[] = [];
  for (const def of getEdition(meta.edition).cells) {
    const cell = report.cells[def.id];
    const j = judge(def, cell);
    rows.push({
      agency,
      year: meta.year,
      edition: meta.edition,
      cell_id: def.id,
      value: j.value,
      unit: j.unit,
      semantic: j.semantic,
      origin: cell?.origin ?? null,
      printed_value: cell && cell.value !== null ? plainDecimal(cell.value) : null,
      printed_unit: j.printedUnit,
      raw: cell?.raw || null,
      ...context,
    });
  }
  return rows;
}

/**
 * The agency column: the agency's name as the report prints it; a roll-up (scope region) is marked
 * 「（区域汇总）」, as its title is, so its rows never pass for those of the government of the same name.
 */
function agencyColumn(report: Report): string {
  const name = report.meta.agency.name;
  return report.meta.scope === 'region' && !name.endsWith('（区域汇总）') ? `${name}（区域汇总）` : name;
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
 * the ' off again. JSON needs no guard and has none: its strings are the names as they are.
 */
export function csvField(v: string): string {
  const t = FORMULA_START.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
}

const unguard = (v: string) => (v.startsWith("'") && FORMULA_START.test(v.slice(1)) ? v.slice(1) : v);

/** A row's field in CSV: null is the empty field; numbers exactly, never with an exponent (printed_value, a number's text, is written as it is: 「-5」 is no formula). */
function csvValue(v: string | number | null): string {
  if (v === null) return '';
  return typeof v === 'number' ? plainDecimal(v) : csvField(v);
}

/**
 * Many reports into one long-format file: CSV (with a header line) or a JSON array of rows. Each
 * item is a report, or `{ report, record }` with what the store knows of it (agency id and current
 * name, region, report id, version, status). In JSON a column without a value is null.
 */
export function renderOpenData(
  reports: Iterable<Report | OpenDataEntry>,
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
    let chunk = '';
    for (const row of longRows(r))
      chunk += `${LONG_COLUMNS.map((c) => (c === 'printed_value' ? (row[c] ?? '') : csvValue(row[c]))).join(',')}${nl}`;
    chunks.push(chunk);
  }
  return chunks.join('');
}

const SEMANTICS = new Set<string>(['number', 'blank', 'missing', 'invalid', 'unit_unknown']);

/** RFC 4180 text (a BOM first or not) as its records of fields, quotes undone (a formula guard kept). */
export function csvRecords(text: string): string[][] {
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
  return records;
}

/** Read a long-format CSV back into rows (for tests and integrators' round trips). */
export function parseLongCsv(text: string): LongRow[] {
  const [header, ...body] = csvRecords(text);
  // A file written before published_on was a column has every other column, in the same order.
  const before = LONG_COLUMNS.filter((c) => c !== 'published_on').join(',');
  if (!header || (header.join(',') !== LONG_COLUMNS.join(',') && header.join(',') !== before)) {
    throw new Error(`不是长格式 CSV：表头应为 ${LONG_COLUMNS.join(',')}`);
  }
  const text_ = (f: string | undefined) => (f === undefined || f === '' ? null : unguard(f));
  const num = (f: string | undefined) => (f === undefined || f === '' ? null : Number(f));
  return body.map((f) => ({
    agency: unguard(f[0] ?? ''),
    year: Number(f[1]),
    edition: unguard(f[2] ?? ''),
    cell_id: f[3] ?? '',
    value: num(f[4]),
    unit: text_(f[5]) as LongRow['unit'],
    semantic: (SEMANTICS.has(f[6] ?? '') ? f[6] : 'missing') as Semantic,
    origin: text_(f[7]) as Origin | null,
    printed_value: f[8] ? f[8] : null,
    printed_unit: text_(f[9]),
    raw: text_(f[10]),
    agency_id: text_(f[11]),
    agency_current: text_(f[12]),
    parent_id: text_(f[13]),
    parent_name: text_(f[14]),
    region_path: text_(f[15]),
    report_id: text_(f[16]),
    version: num(f[17]),
    status: text_(f[18]),
    published_on: text_(f[19]),
  }));
}

export const OPEN_DATA_SCHEMA_ID = 'https://nianbao.dev/schema/opendata.schema.json';

/** JSON Schema 2020-12 of the open data's JSON form: an array of rows (LongRow). */
export function openDataJsonSchema(): Record<string, unknown> {
  const str = { type: ['string', 'null'] };
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: OPEN_DATA_SCHEMA_ID,
    title: '政府信息公开工作年度报告开放数据（长表）',
    description:
      'One row per cell (spec/cell-ids.md). value is in 万元 for money; semantic tells a number from a printed blank, a cell not in the report (missing), an impossible number (invalid) and an amount of unknown unit.',
    type: 'array',
    items: {
      type: 'object',
      additionalProperties: false,
      required: [...LONG_COLUMNS],
      properties: {
        agency: {
          type: 'string',
          description: 'the agency name as the report prints it; a roll-up ends 「（区域汇总）」',
        },
        year: { type: 'integer' },
        edition: { enum: ['2019-trial', '2021'] },
        cell_id: {
          type: 'string',
          pattern: '^(activeDisclosure|applications|reviewLitigation)\\.[A-Za-z_]+\\.[A-Za-z]+$',
        },
        value: { type: ['number', 'null'], description: 'null unless semantic is number; money in 万元' },
        unit: { enum: ['万元', 'unknown', null], description: 'money cells only; null for counts' },
        semantic: { enum: ['number', 'blank', 'missing', 'invalid', 'unit_unknown'] },
        origin: { enum: ['entered', 'imported', 'derived', 'inferred', null] },
        printed_value: {
          type: ['string', 'null'],
          pattern: '^-?\\d+(\\.\\d+)?$',
          description: 'the number as the report states it, in printed_unit, exact decimal text',
        },
        printed_unit: { enum: ['元', '万元', 'unknown', null] },
        raw: str,
        agency_id: str,
        agency_current: { ...str, description: "the agency's current name (after a rename)" },
        parent_id: str,
        parent_name: str,
        region_path: { ...str, description: 'agency ids from the top of the tree: /top/…/agency/' },
        report_id: str,
        version: { type: ['integer', 'null'], minimum: 1 },
        status: { enum: ['draft', 'submitted', 'returned', 'approved', 'published', null] },
        published_on: {
          type: ['string', 'null'],
          pattern: '^\\d{4}-\\d{2}-\\d{2}$',
          description:
            '发布日期 (YYYY-MM-DD) of a published report; null while not published and for a roll-up',
        },
      },
    },
  };
}
