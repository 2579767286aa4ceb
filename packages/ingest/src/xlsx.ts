import { NianbaoError } from '@nianbao/core';
import { unzipSync } from 'fflate';
import { Parser } from 'htmlparser2';
import { editionLabels } from './labels.js';
import type { SourceDoc, SrcCell, SrcLine } from './source.js';
import { normLabel } from './stream.js';
import type { Diagnostic, Where } from './types.js';
import { refuseDeepXml } from './xml-depth.js';
import { zipCutShort } from './zip.js';

/*
 * Excel (.xlsx) → lines of cells: every visible sheet in the workbook's order, every row with
 * something in it one line, one cell per column up to the row's last filled one (an empty or
 * merged-over cell is a blank, as a tab-separated copy of the sheet has it). The tables laid out as
 * the official format — our own XLSX export, or a spreadsheet an office filled in — are then read by
 * the same reader as text. A number shows as Excel shows it where it matters: a unit written by the
 * cell's number format (`General"万元"`) is kept with it, a percentage as a percentage.
 */

const MAX_PART = 60 * 1024 * 1024;
const MAX_TOTAL = 120 * 1024 * 1024;
/** Rows and columns beyond what any report's sheet has are not read (a stray cell at XFD1048576). */
const MAX_ROW = 5000;
const MAX_COL = 200;

const INVALID = (cause?: string) =>
  new NianbaoError(
    'INGEST_XLSX_INVALID',
    'Excel 文件已损坏或不是有效的 .xlsx（无法按 .xlsx 的压缩格式解开）：请在 Excel 或 WPS 中打开，另存为 .xlsx 后再导入',
    cause ? { cause } : undefined,
  );

function parseXml(
  xml: string,
  onopen: (name: string, attrs: Record<string, string>) => void,
  ontext: (t: string) => void,
  onclose: (name: string) => void,
): void {
  // (a part nested thousands deep would take the parser minutes: refused first, in one pass)
  refuseDeepXml(xml, 'Excel 文件', '请在 Excel 或 WPS 中打开，另存为 .xlsx 后再导入');
  const p = new Parser(
    { onopentag: onopen, ontext, onclosetag: onclose },
    { xmlMode: true, decodeEntities: true },
  );
  p.write(xml);
  p.end();
}

/** A tag's name without its namespace prefix (`x:row` → `row`): files written by other tools use one. */
const local = (name: string) => name.slice(name.indexOf(':') + 1);

/** An XML flag set (`1` or `true`). */
const isOn = (v: string | undefined) => v === '1' || v === 'true';

/** A column's letters (28 → AB). */
function colName(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** Column letters of a cell reference (`AB12` → 28), 1-based; undefined when it has none. */
function columnOf(ref: string | undefined): number | undefined {
  const m = ref ? /^([A-Z]{1,3})\d*$/i.exec(ref) : null;
  if (!m) return undefined;
  let n = 0;
  for (const ch of m[1]!.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/**
 * The text a number format prints after the number (`General"万元"`, `0.00"元"`, `#,##0\元`), if
 * any: a unit. Text before the number (a sign, `\+0`) is not taken: the number is written with its
 * own sign.
 */
export function formatSuffix(code: string): string {
  const positive = code.split(';')[0] ?? '';
  let after = '';
  for (let i = 0; i < positive.length; i++) {
    const c = positive[i]!;
    if (c === '"') {
      const end = positive.indexOf('"', i + 1);
      if (end < 0) break;
      after += positive.slice(i + 1, end);
      i = end;
    } else if (c === '\\') {
      after += positive[i + 1] ?? '';
      i++;
    } else if (c === '[') {
      // [Red], [$¥-804]: colours and locales, not shown
      const end = positive.indexOf(']', i + 1);
      if (end < 0) break;
      i = end;
    } else if (/[0#?.,]/.test(c) || positive.startsWith('General', i)) {
      // a digit placeholder: what came before it is a prefix
      after = '';
      if (c === 'G') i += 'General'.length - 1;
    }
  }
  return after.trim();
}

/** Whether a number format shows the value as a percentage (a `%` outside quotes). */
function isPercent(code: string): boolean {
  return /%/.test((code.split(';')[0] ?? '').replace(/"[^"]*"/g, ''));
}

/** Excel's own number as text: the shortest form that reads back as the same number (153.1, not 153.09999999999999). */
function numberText(v: string): string {
  const n = Number(v);
  return Number.isFinite(n) ? String(n) : v;
}

/**
 * How many decimals a number format shows (`0.00` → 2, `#,##0` → 0), or undefined where it shows
 * the number as it is (General, text, scientific).
 */
export function formatDecimals(code: string): number | undefined {
  const positive = (code.split(';')[0] ?? '')
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/_.|\*./g, '');
  if (/general/i.test(positive) || /E[+-]/i.test(positive) || !/[0#?]/.test(positive)) return undefined;
  return /\.([0#?]+)/.exec(positive)?.[1]?.length ?? 0;
}

/** Whether a number format shows a date (y, m, d outside quotes, no digit placeholder). */
function isDate(code: string): boolean {
  const c = (code.split(';')[0] ?? '').replace(/"[^"]*"/g, '').replace(/\[[^\]]*\]/g, '');
  return /[yd]/i.test(c) && !/[0#?]/.test(c);
}

/** A date serial as the date it shows (1900 system): 2025年1月20日 where the format says 年, else 2025-01-20. */
function dateText(serial: number, code: string): string {
  const d = new Date(Math.round((serial - 25569) * 86400000));
  const [y, m, day] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
  return code.includes('年')
    ? `${y}年${m}月${day}日`
    : `${y}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A number as its cell shows it: rounded to its format's decimals (half away from zero, as Excel). */
function shownNumber(n: number, decimals: number | undefined): number {
  if (decimals === undefined) return Number(n.toPrecision(15));
  const f = 10 ** decimals;
  return (Math.sign(n) * Math.round(Math.abs(n) * f * (1 + Number.EPSILON))) / f;
}

/** What marks a table's start in the official format, by table: its heading, its first row. */
const TABLE_MARKS: [string, RegExp, number][] = [
  ['二、主动公开政府信息情况', /^二、?主动公开政府信息(?:情况)?$/, 2],
  ['第二十条第（一）项', /^第二十条第[（(]一[)）]项$/, 2],
  ['三、收到和处理政府信息公开申请情况', /^三、?收到和处理政府信息公开申请(?:情况)?$/, 3],
  ['一、本年新收政府信息公开申请数量', /^一、?本年新收政府信息公开申请数量$/, 3],
  ['四、政府信息公开行政复议、行政诉讼情况', /^四、?政府信息公开行政复议[、，,]?行政诉讼(?:情况)?$/, 4],
];
/** A report's title: 「…2024年政府信息公开工作年度报告」, not a note that names one. */
/** A column of notes beside a table. */
const NOTE_HEAD = /^(?:备注|备注说明|说明)$/;
const REPORT_TITLE = /^[^注：:]*(?:19|20)\d{2}年度?[^。；;]*年度报告(?:[（(][^）)]*[)）])?$/;

/**
 * Where a second report starts in the workbook's lines, if it holds more than one (this year's and
 * last year's, or two offices'): a report's title after a table was read, or a table's heading or
 * first row met again after a later table's (a row typed twice within its table is no new report).
 * Its numbers must never fill the first report's gaps silently.
 */
function secondReport(lines: SrcLine[]): { index: number; why: string } | undefined {
  const seen = new Map<string, number>();
  const tables: number[] = [];
  let firstTitle: string | undefined;
  // a title after tables: another report's when another title came first, or when a table already
  // read follows it (a title on the sheet of 表二 with the sheets in another order is the report's own)
  let pending: { index: number; why: string; tables: number } | undefined;
  for (let i = 0; i < lines.length; i++) {
    const first = lines[i]!.cells.find((c) => c.text.trim() !== '');
    if (!first) continue;
    const t = first.text.replace(/\s+/g, '');
    const only = lines[i]!.cells.filter((c) => c.text.trim() !== '').length === 1;
    if (only && REPORT_TITLE.test(t) && t.length <= 80) {
      const why = `标题「${first.text.trim()}」`;
      if (seen.size > 0 && firstTitle !== undefined && t !== firstTitle) return { index: i, why };
      if (seen.size > 0) pending ??= { index: i, why, tables: tables.length };
      firstTitle ??= t;
      continue;
    }
    const m = TABLE_MARKS.find(([, re]) => re.test(t));
    if (!m) continue;
    const [mark, , table] = m;
    const at = seen.get(mark);
    if (at !== undefined && pending && at < pending.tables) return pending;
    if (at !== undefined && tables.slice(at).some((x) => x > table))
      return { index: i, why: `「${mark}」第二次出现` };
    if (at === undefined) seen.set(mark, tables.length);
    tables.push(table);
  }
  return undefined;
}

/** Which of the three tables a line starts, by its heading or first row (or 表四's 行政复议 head). */
function tableOf(l: SrcLine): number | undefined {
  const first = l.cells.find((c) => c.text.trim() !== '');
  const t = first?.text.replace(/\s+/g, '') ?? '';
  return (
    TABLE_MARKS.find(([, re]) => re.test(t))?.[2] ??
    (/^第二十条第[（(][一二三四五六七八九十]+[)）]项$/.test(t)
      ? 2
      : /^申请人情况$/.test(t)
        ? 3
        : /^行政复议$/.test(t)
          ? 4
          : undefined)
  );
}

/**
 * Sheets holding one table each, in another order than 表二 表三 表四 (表四 first): the lines in the
 * tables' order, each sheet with the sheets after it that hold none (notes), a sheet before any
 * table's (a title) first. Not when a table is on more than one sheet (two reports: never mixed).
 */
function tableOrder(lines: SrcLine[]): { lines: SrcLine[]; sheets: string[]; was: string[] } | undefined {
  const chunks: { sheet: string; lines: SrcLine[]; tables: Set<number> }[] = [];
  for (const l of lines) {
    const sheet = l.cells[0]?.where.sheet ?? '';
    let c = chunks.at(-1);
    if (!c || c.sheet !== sheet) {
      c = { sheet, lines: [], tables: new Set() };
      chunks.push(c);
    }
    c.lines.push(l);
    const t = tableOf(l);
    if (t !== undefined) c.tables.add(t);
  }
  const marked = chunks.filter((c) => c.tables.size > 0);
  if (marked.some((c) => c.tables.size > 1)) return undefined;
  const tables = marked.map((c) => [...c.tables][0]!);
  if (new Set(tables).size !== tables.length) return undefined;
  if (tables.every((t, i) => i === 0 || t > tables[i - 1]!)) return undefined;
  let key = 0;
  const keyed = chunks.map((c, i) => {
    if (c.tables.size > 0) key = [...c.tables][0]!;
    return { c, key, i };
  });
  keyed.sort((a, b) => a.key - b.key || a.i - b.i);
  return {
    lines: keyed.flatMap((k) => k.c.lines),
    sheets: keyed.map((k) => k.c.sheet),
    was: marked.map((c) => c.sheet),
  };
}

const NUMBER_CELL = /^\s*[-+]?[\d０-９][\d０-９,，.．]*\s*(?:万?元|件|%)?\s*$/;

/**
 * A row typed twice in a table (a row copied, an old row kept below the new one): the same row
 * labels with other numbers. The first one is read — it is where the row belongs in the table — and
 * the other is left out of the lines, never read in its place; both are named with their numbers,
 * as an error: which one is right only the office knows.
 */
function repeatedRows(lines: SrcLine[]): { issues: Diagnostic[]; dropped: Set<SrcLine> } {
  const out: Diagnostic[] = [];
  const dropped = new Set<SrcLine>();
  let sheet: string | undefined;
  let seen = new Map<string, { row: number | undefined; nums: string; place: string }>();
  for (const l of lines) {
    const first = l.cells.find((c) => c.text.trim() !== '');
    if (!first) continue;
    const t = first.text.replace(/\s+/g, '');
    if (
      first.where.sheet !== sheet ||
      REPORT_TITLE.test(t) ||
      TABLE_MARKS.some(([k, re]) => /^[二三四]、/.test(k) && re.test(t))
    ) {
      sheet = first.where.sheet;
      seen = new Map();
    }
    if (!l.explicit) continue;
    const at = l.cells.findIndex((c) => NUMBER_CELL.test(c.text));
    if (at <= 0) continue;
    // the row's own label, the last before its numbers (「（一）予以公开」 with or without the
    // 「三、本年度办理结果」 before it: a copy typed below has only its own)
    const label =
      l.cells
        .slice(0, at)
        .map((c) => c.text.replace(/\s+/g, ''))
        .filter(Boolean)
        .at(-1) ?? '';
    if (label === '') continue;
    const nums = l.cells
      .slice(at)
      .map((c) => c.text.trim() || '（空）')
      .join(' ');
    // where the row's numbers are: 「D12–J12」
    const [a, z] = [l.cells[at]!.where, l.cells.at(-1)!.where];
    const place =
      a.cell !== undefined && z.cell !== undefined
        ? `${colName(a.cell)}${a.row}${z.cell > a.cell ? `–${colName(z.cell)}${z.row}` : ''}`
        : `第 ${a.row} 行`;
    const before = seen.get(label);
    if (!before) {
      seen.set(label, { row: first.where.row, nums, place });
      continue;
    }
    if (before.nums === nums) continue;
    dropped.add(l);
    const name = label;
    out.push({
      code: 'XLSX_ROW_REPEATED',
      severity: 'error',
      message: `工作表「${sheet}」第 ${first.where.row} 行「${name}」与第 ${before.row} 行的行标题相同而数不同：按先出现的第 ${before.row} 行读取（工作表「${sheet}」${before.place}：${before.nums}），第 ${first.where.row} 行没有读取（工作表「${sheet}」${place}：${nums}）。表中每行只应有一行：如第 ${first.where.row} 行的数才是对的，请删去第 ${before.row} 行，否则删去第 ${first.where.row} 行，再导入`,
      where: first.where,
      details: {
        sheet,
        rows: [before.row, first.where.row],
        label,
        read: { row: before.row, cells: before.place, numbers: before.nums },
        notRead: { row: first.where.row, cells: place, numbers: nums },
      },
    });
  }
  return { issues: out, dropped };
}

/** 表四's heading: 「四、政府信息公开行政复议、行政诉讼情况」. */
const T4_HEADING = TABLE_MARKS.find(([, , t]) => t === 4)![1];
const T4_COLUMNS = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];
const T4_GROUPS: [string, RegExp][] = [
  ['行政复议', /^行政复议$/],
  ['未经复议直接起诉', /^(?:行政诉讼)?[·•・、\-—]?未经复议直接起诉$/],
  ['复议后起诉', /^(?:行政诉讼)?[·•・、\-—]?复议后起诉$/],
];

/** A number cell's value (full-width digits, thousands separators, 件). */
function cellNumber(t: string): number {
  return Number(
    t
      .replace(/[０-９]/g, (d) => String(d.charCodeAt(0) - 0xff10))
      .replace(/．/g, '.')
      .replace(/[,，\s件]/g, ''),
  );
}

/** The groups of five whose 总计 is not the sum of the other four (「行政复议」). */
function t4SumsOff(groups: [string, number[]][]): string[] {
  return groups.filter(([, n]) => Math.abs(n[0]! + n[1]! + n[2]! + n[3]! - n[4]!) > 1e-9).map(([g]) => g);
}

/**
 * 表四 typed without its heads, right under its heading 「四、…行政复议、行政诉讼情况」: one row of
 * exactly 15 numbers, or the three rows 行政复议 / 未经复议直接起诉 / 复议后起诉 of exactly five numbers
 * each. The official heads are put above them, so that they are read in the official order of
 * columns — an assumption, said as a warning (with whether each group's 总计 is the sum of the
 * other four). Anything else under the heading with no heads (16 numbers, two rows) is not guessed:
 * said, and the table stays missing.
 */
function headlessT4(lines: SrcLine[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const text = (l: SrcLine) => l.cells.filter((c) => c.text.trim() !== '');
  for (let i = 0; i < lines.length; i++) {
    const h = text(lines[i]!);
    if (h.length !== 1 || !T4_HEADING.test(h[0]!.text.replace(/\s+/g, ''))) continue;
    const sheet = h[0]!.where.sheet;
    const heading = h[0]!.text.trim();
    // the lines right under it (a 「单位：件」 between), on its sheet
    let j = i + 1;
    while (j < lines.length && text(lines[j]!).length === 0) j++;
    if (j < lines.length && /^[（(]?单位[:：]/.test(text(lines[j]!)[0]?.text.trim() ?? '')) j++;
    const rows: { line: SrcLine; label: string; nums: SrcCell[] }[] = [];
    for (let k = j; k < lines.length; k++) {
      const l = lines[k]!;
      const cells = text(l);
      if (cells.length === 0) continue;
      if (!l.explicit || cells[0]!.where.sheet !== sheet) break;
      const nums = cells.filter((c) => NUMBER_CELL.test(c.text));
      if (nums.length === 0) break;
      const labels = cells.filter((c) => !NUMBER_CELL.test(c.text));
      rows.push({ line: l, label: labels.map((c) => c.text.replace(/\s+/g, '')).join(''), nums });
      if (labels.length > 0 && cells[0] !== labels[0]) rows.at(-1)!.label = '?';
    }
    if (rows.length === 0) continue;
    const at = rows[0]!.nums[0]!.where;
    const place =
      rows.length === 1 ? `第 ${at.row} 行` : `第 ${at.row}–${rows.at(-1)!.nums[0]!.where.row} 行`;
    // the columns of the numbers, one after the other
    const adjacent = (ns: SrcCell[]) =>
      ns.every((c, k) => k === 0 || (c.where.cell ?? 0) === (ns[k - 1]!.where.cell ?? -1) + 1);
    const head = (t: string, gridCol: number, cols = 1): SrcCell => ({
      text: t,
      where: { sheet, row: at.row },
      gridCol,
      ...(cols > 1 ? { span: { cols, rows: 1 } } : {}),
    });
    const headLine = (cells: SrcCell[]): SrcLine => ({ cells, explicit: true });
    const order = `结果维持、结果纠正、其他结果、尚未审结、总计`;
    const sums = (off: string[]) =>
      off.length === 0
        ? '，各组的总计都等于前四项之和'
        : `；其中${off.map((g) => `「${g}」`).join('、')}的总计不等于前四项之和`;
    if (
      rows.length === 1 &&
      rows[0]!.label === '' &&
      rows[0]!.nums.length === 15 &&
      adjacent(rows[0]!.nums)
    ) {
      const n = rows[0]!.nums;
      const g0 = n[0]!.gridCol ?? (n[0]!.where.cell ?? 1) - 1;
      const values = n.map((c) => cellNumber(c.text));
      const off = t4SumsOff(T4_GROUPS.map(([g], k) => [g, values.slice(k * 5, k * 5 + 5)]));
      lines.splice(
        j,
        0,
        headLine([head('行政复议', g0, 5), head('行政诉讼', g0 + 5, 10)]),
        headLine([
          ...T4_COLUMNS.map((t, k) => head(t, g0 + k)),
          head('未经复议直接起诉', g0 + 5, 5),
          head('复议后起诉', g0 + 10, 5),
        ]),
        headLine([0, 1].flatMap((g) => T4_COLUMNS.map((t, k) => head(t, g0 + 5 + g * 5 + k)))),
      );
      out.push({
        code: 'XLSX_T4_WITHOUT_HEADS',
        severity: 'warning',
        message: `工作表「${sheet}」${place}：「${heading}」下没有表头，只有一行 15 个数，已按统一格式的列序读取（行政复议、未经复议直接起诉、复议后起诉，各为${order}）${sums(off)}。如列序不同，请在表四上方加上表头后再导入`,
        where: at,
        details: { sheet, rows: [at.row], assumed: 'official-order-15', sumsOff: off },
      });
      i = j + 3;
      continue;
    }
    const groupOf = (label: string) => T4_GROUPS.findIndex(([, re]) => re.test(label));
    const groups = rows.map((r) => groupOf(r.label));
    if (
      rows.length === 3 &&
      new Set(groups).size === 3 &&
      !groups.includes(-1) &&
      rows.every((r) => r.nums.length === 5 && adjacent(r.nums)) &&
      rows.every((r) => (r.nums[0]!.where.cell ?? 0) === (rows[0]!.nums[0]!.where.cell ?? 0))
    ) {
      const n = rows[0]!.nums;
      const g0 = n[0]!.gridCol ?? (n[0]!.where.cell ?? 1) - 1;
      const off = t4SumsOff(
        rows.map((r, k) => [T4_GROUPS[groups[k]!]![0], r.nums.map((c) => cellNumber(c.text))]),
      );
      lines.splice(j, 0, headLine(T4_COLUMNS.map((t, k) => head(t, g0 + k))));
      out.push({
        code: 'XLSX_T4_WITHOUT_HEADS',
        severity: 'warning',
        message: `工作表「${sheet}」${place}：「${heading}」下没有表头，「行政复议」「未经复议直接起诉」「复议后起诉」三行各 5 个数已按统一格式的列序读取（${order}）${sums(off)}。如列序不同，请在表四上方加上表头后再导入`,
        where: at,
        details: {
          sheet,
          rows: rows.map((r) => r.nums[0]!.where.row),
          assumed: 'official-order-3x5',
          sumsOff: off,
        },
      });
      i = j + 1;
      continue;
    }
    // the rows a head would say: no guess
    const count = rows.reduce((a, r) => a + r.nums.length, 0);
    // (a head typed in a row's label cells, 「结果维持 2」: no headless table)
    if (rows.some((r) => T4_COLUMNS.some((c) => r.label.includes(c)))) continue;
    out.push({
      code: 'XLSX_T4_WITHOUT_HEADS_UNREAD',
      severity: 'warning',
      message: `工作表「${sheet}」${place}：「${heading}」下没有表头，${
        rows.length === 1 && rows[0]!.label === ''
          ? `一行 ${count} 个数（统一格式为 15 个）`
          : `${rows.length} 行共 ${count} 个数（不是「行政复议」「未经复议直接起诉」「复议后起诉」三行各 5 个）`
      }，无法确定各数所在的列，没有读取：请在表四上方加上表头（行政复议、行政诉讼，${order}）后再导入`,
      where: at,
      details: { sheet, rows: rows.map((r) => r.nums[0]!.where.row), numbers: count },
    });
  }
  return out;
}

/** The official tables' data rows, by any printed form of their labels (both editions): their keys. */
let officialLabels: Map<string, string> | undefined;
function officialLabel(label: string): string | undefined {
  if (!officialLabels) {
    officialLabels = new Map();
    for (const ed of ['2019-trial', '2021'] as const) {
      const L = editionLabels(ed);
      for (const b of L.t2)
        for (const r of b.rows)
          for (const v of r.v.variants) officialLabels.set(v.text, `表二.${b.key}.${r.key}`);
      for (const r of L.t3)
        if (r.kind === 'data') for (const v of r.v.variants) officialLabels.set(v.text, `表三.${r.key}`);
    }
  }
  return officialLabels.get(normLabel(label));
}

/** A row's label: its last text before its first number (「1.属于国家秘密」 of 「（三）不予公开 | 1.属于国家秘密 | 0 …」). */
function rowLabel(cells: Map<number, string>): string | undefined {
  const sorted = [...cells].sort((a, b) => a[0] - b[0]);
  const at = sorted.findIndex(([, t]) => NUMBER_CELL.test(t));
  if (at <= 0) return undefined;
  return sorted
    .slice(0, at)
    .map(([, t]) => t.trim())
    .filter(Boolean)
    .at(-1);
}

/** The official row a row of a sheet is, by its label, if any. */
function officialRow(r: { cells: Map<number, string> }): string | undefined {
  const l = rowLabel(r.cells);
  return l === undefined ? undefined : officialLabel(l);
}

/** A 序号 column's head. */
const SEQ_HEAD = /^(?:序号|序|编号|行次|栏次|顺序号)$/;
const CN_DIGITS = '一二三四五六七八九';

/** A Chinese numeral to 99 (十一, 二十三) as a number. */
function cnNumber(t: string): number | undefined {
  const m = /^([一二三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(t);
  if (!m || t === '') return undefined;
  const [, a, ten, b] = m;
  if (!ten) return a && !b ? CN_DIGITS.indexOf(a) + 1 : undefined;
  return (a ? CN_DIGITS.indexOf(a) + 1 : 1) * 10 + (b ? CN_DIGITS.indexOf(b) + 1 : 0);
}

/**
 * A cell that is a 序号 and nothing else: 「1」, 「（一）」, 「一、」 — its kind and number. A row label
 * (「（一）予以公开」) is none.
 */
function seqMark(text: string): { kind: string; n: number } | undefined {
  const t = text.replace(/\s+/g, '');
  if (/^\d{1,3}[.．、]?$/.test(t)) return { kind: '1', n: Number.parseInt(t, 10) };
  let m = /^[（(]([一二三四五六七八九十]{1,3})[)）]$/.exec(t);
  const a = m ? cnNumber(m[1]!) : undefined;
  if (a !== undefined) return { kind: '（一）', n: a };
  m = /^([一二三四五六七八九十]{1,3})[、.．]?$/.exec(t);
  const b = m ? cnNumber(m[1]!) : undefined;
  if (b !== undefined) return { kind: '一、', n: b };
  return undefined;
}

/** A year or an agency found in a workbook outside a report's title, with where it was found. */
export interface MetaHint<T> {
  value: T;
  reason: string;
  where?: Where;
}

/**
 * The report's year and agency as a workbook says them outside a report's title (a sheet named
 * 「2025年报表」, a title cell 「2025年度政府信息公开情况统计表」, a row 「填报单位：某某县教育局」):
 * taken by the table reader where the title gives none. Where they say different things, none is
 * picked here (`…Conflict`: every place, to be said).
 */
export interface XlsxMetaHints {
  year?: MetaHint<number>;
  yearConflict?: MetaHint<number>[];
  agency?: MetaHint<string>;
  agencyConflict?: MetaHint<string>[];
}

/** The label of a row naming the office that filled the tables in. */
const AGENCY_LABEL = /^(填报单位|报送单位|填报机关|编报单位|制表单位|单位名称|机关名称)\s*[:：]?\s*(.*)$/;

/** What follows 「填报单位：」 up to the next label of the row (填报人, 填报日期 …) or a 「（盖章）」. */
function agencyName(t: string): string | undefined {
  const v = t
    .split(/\s{2,}|\s*(?:填报人|填表人|联系人|负责人|审核人|联系电话|电话|填报日期|日期)\s*[:：]/)[0]!
    .replace(/[（(](?:盖章|公章|章|签章)[)）]\s*$/, '')
    .trim();
  return v.length >= 2 && v.length <= 40 && !/[:：]/.test(v) && !NUMBER_CELL.test(v) ? v : undefined;
}

/** Years a title cell or a sheet's name says: 「2025年」「2025年度」, not a date (「2025年1月20日」). */
function yearsIn(t: string): number[] {
  const out = new Set<number>();
  for (const m of t.replace(/\s+/g, '').matchAll(/((?:19|20)\d{2})年(?!\d{1,2}月)/g)) out.add(Number(m[1]));
  return [...out];
}

/** One value, or every place where they differ. */
function agreed<T>(found: MetaHint<T>[]): { one?: MetaHint<T>; conflict?: MetaHint<T>[] } {
  const values = new Set(found.map((f) => f.value));
  if (values.size === 1) return { one: found[0]! };
  if (values.size > 1) return { conflict: [...values].map((v) => found.find((f) => f.value === v)!) };
  return {};
}

/**
 * The year from the sheets' names and their title cells (a cell alone in its row above the sheet's
 * first table, naming a report, a table or a statistics form), the agency from a row
 * 「填报单位：…」 or 「单位名称 | …」.
 */
function metaHints(lines: SrcLine[], sheets: string[]): XlsxMetaHints {
  const years: MetaHint<number>[] = [];
  for (const name of sheets)
    for (const y of yearsIn(name))
      years.push({ value: y, reason: `工作表名「${name}」中的年份`, where: { sheet: name } });
  const agencies: MetaHint<string>[] = [];
  const tableSeen = new Set<string>();
  for (const l of lines) {
    const cells = l.cells.filter((c) => c.text.trim() !== '');
    const sheet = cells[0]?.where.sheet ?? '';
    if (cells.length === 0) continue;
    if (tableOf(l) !== undefined) tableSeen.add(sheet);
    const t = cells[0]!.text.trim();
    if (
      cells.length === 1 &&
      !tableSeen.has(sheet) &&
      t.length <= 60 &&
      !/[。，；,;]/.test(t) &&
      !/^(?:注|说明|备注|填报|日期|时间|发布)/.test(t) &&
      /政府信息公开|政务公开|报表|统计|情况|年度报告|工作/.test(t)
    )
      for (const y of yearsIn(t))
        years.push({ value: y, reason: `标题「${t}」中的年份`, where: cells[0]!.where });
    cells.forEach((c, i) => {
      const m = AGENCY_LABEL.exec(c.text.trim());
      if (!m) return;
      const value = agencyName(m[2] !== '' ? m[2]! : (cells[i + 1]?.text ?? ''));
      if (value === undefined || AGENCY_LABEL.test(value)) return;
      agencies.push({
        value,
        reason: `工作表「${c.where.sheet}」${colName(c.where.cell ?? 1)}${c.where.row}「${m[1]}」`,
        where: c.where,
      });
    });
  }
  const y = agreed(years);
  const a = agreed(agencies);
  return {
    ...(y.one ? { year: y.one } : {}),
    ...(y.conflict ? { yearConflict: y.conflict } : {}),
    ...(a.one ? { agency: a.one } : {}),
    ...(a.conflict ? { agencyConflict: a.conflict } : {}),
  };
}

/** The facts our export writes on its sheet 报告信息 (render's xlsx.ts), in its first column. */
const INFO_KEYS = new Set([
  '标题',
  '机关名称',
  '报告年度',
  '格式版本',
  '报告范围',
  '发布日期',
  '版本',
  '说明',
]);

/**
 * Our export's sheet of facts, by its name 报告信息 or — renamed (「Sheet1」, as a workbook passed
 * through other tools comes back) — by what it holds: rows of a fact's name in A and its value in B,
 * nothing else, among them 标题 and 机关名称 and at least four of the facts we write. (Read as a
 * table's rows, 「标题 | …」 would be one line: the title 「标题某某县…」, the agency 「标题某某县」.)
 */
function isInfoSheet(name: string, rows: { cells: Map<number, string> }[]): boolean {
  if (name === '报告信息') return true;
  const filled = rows.filter((r) => [...r.cells.values()].some((t) => t.trim() !== ''));
  if (filled.length < 4) return false;
  const twoColumns = filled.every(
    (r) => (r.cells.get(1) ?? '').trim() !== '' && [...r.cells].every(([c, t]) => c <= 2 || t.trim() === ''),
  );
  if (!twoColumns) return false;
  const keys = new Set(filled.map((r) => r.cells.get(1)!.trim()));
  return keys.has('标题') && keys.has('机关名称') && [...keys].filter((k) => INFO_KEYS.has(k)).length >= 4;
}

export interface XlsxSource extends SourceDoc {
  /** What the reader could not take as the file shows it (formulas never calculated, hidden sheets). */
  issues: Diagnostic[];
  /** The sheets read, by name, in order. */
  sheets: string[];
  /** Our export's sheet 报告信息 (by its name or its rows): its facts by name (机关名称, 报告年度, 发布日期 …). */
  facts: Record<string, string>;
  /** The year and the agency as the sheets' names and rows say them, outside a report's title. */
  metaHints: XlsxMetaHints;
}

export function xlsxToSource(bytes: Uint8Array): XlsxSource {
  let files: Record<string, Uint8Array>;
  let total = 0;
  try {
    files = unzipSync(bytes, {
      filter: (f) => {
        const wanted =
          f.name === 'xl/workbook.xml' ||
          f.name === 'xl/_rels/workbook.xml.rels' ||
          f.name === 'xl/sharedStrings.xml' ||
          f.name === 'xl/styles.xml' ||
          /^xl\/worksheets\/[^/]+\.xml$/.test(f.name);
        if (!wanted) return false;
        total += f.originalSize;
        // a compressed bomb would exhaust memory: a report's workbook is well under a few MB
        if (f.originalSize > MAX_PART || total > MAX_TOTAL)
          throw new NianbaoError(
            'INGEST_TOO_LARGE',
            `Excel 文件解压后过大（${Math.round(Math.max(f.originalSize, total) / 1048576)} MB），不像一份年度报告`,
          );
        return true;
      },
    });
  } catch (e) {
    if (e instanceof NianbaoError) throw e;
    if (zipCutShort(bytes))
      throw new NianbaoError(
        'INGEST_XLSX_INVALID',
        'Excel 文件不完整（压缩包的结尾缺失，可能没有下载完或复制时被截断），无法读取：请重新下载，或用原文件重新导出后再导入',
        { cause: e instanceof Error ? e.message : String(e), reason: 'TRUNCATED' },
      );
    throw INVALID(e instanceof Error ? e.message : String(e));
  }
  const text = (name: string) => {
    const b = files[name];
    return b ? new TextDecoder('utf-8').decode(b) : undefined;
  };
  const workbook = text('xl/workbook.xml');
  if (!workbook)
    throw new NianbaoError(
      'INGEST_XLSX_INVALID',
      'Excel 文件中没有工作簿（缺少 xl/workbook.xml），可能不是 .xlsx 文件',
    );

  // sheets in the workbook's order, with where each is stored
  const sheets: { name: string; rid: string; hidden: boolean }[] = [];
  parseXml(
    workbook,
    (name, a) => {
      if (local(name) !== 'sheet') return;
      const rid = a['r:id'] ?? Object.entries(a).find(([k]) => k.endsWith(':id'))?.[1] ?? '';
      sheets.push({ name: a.name ?? '', rid, hidden: a.state === 'hidden' || a.state === 'veryHidden' });
    },
    () => {},
    () => {},
  );
  const targets = new Map<string, string>();
  parseXml(
    text('xl/_rels/workbook.xml.rels') ?? '',
    (name, a) => {
      if (local(name) !== 'Relationship' || !a.Id || !a.Target) return;
      const t = a.Target.replace(/\\/g, '/');
      targets.set(a.Id, t.startsWith('/') ? t.slice(1) : `xl/${t.replace(/^\.\//, '')}`);
    },
    () => {},
    () => {},
  );

  // shared strings: each <si>'s text runs, without the phonetic guide (<rPh>)
  const shared: string[] = [];
  {
    let cur: string | null = null;
    let inT = false;
    let inPh = 0;
    parseXml(
      text('xl/sharedStrings.xml') ?? '',
      (name) => {
        const n = local(name);
        if (n === 'si') cur = '';
        else if (n === 'rPh') inPh++;
        else if (n === 't' && !inPh) inT = true;
      },
      (t) => {
        if (inT && cur !== null) cur += t;
      },
      (name) => {
        const n = local(name);
        if (n === 't') inT = false;
        else if (n === 'rPh') inPh--;
        else if (n === 'si' && cur !== null) {
          shared.push(cur);
          cur = null;
        }
      },
    );
  }

  // number formats by style index: the unit a format prints after the number, and percentages
  const formats: string[] = [];
  {
    const codes = new Map<string, string>([
      ['9', '0%'],
      ['10', '0.00%'],
      // built-in date formats (no code in the file): Excel's, and those of Chinese Excel and WPS
      ...['14', '15', '16', '17', '22'].map((id): [string, string] => [id, 'yyyy/m/d']),
      ...['27', '28', '29', '30', '31', '34', '35', '36', '50', '51', '52', '53', '54', '57', '58'].map(
        (id): [string, string] => [id, 'yyyy"年"m"月"d"日"'],
      ),
    ]);
    let inXfs = false;
    parseXml(
      text('xl/styles.xml') ?? '',
      (name, a) => {
        const n = local(name);
        if (n === 'numFmt' && a.numFmtId && a.formatCode !== undefined) codes.set(a.numFmtId, a.formatCode);
        else if (n === 'cellXfs') inXfs = true;
        else if (n === 'xf' && inXfs) formats.push(codes.get(a.numFmtId ?? '0') ?? '');
      },
      () => {},
      (name) => {
        if (local(name) === 'cellXfs') inXfs = false;
      },
    );
    // codes are defined before cellXfs in the file, but a writer may order them otherwise
  }

  const lines: SrcLine[] = [];
  const issues: Diagnostic[] = [];
  const read: string[] = [];
  const hidden: string[] = [];
  const uncalculated: string[] = [];
  const facts: Record<string, string> = {};
  const notes: { sheet: string; col: number; head: string; texts: string[] }[] = [];
  const hiddenCells: { sheet: string; rows: number[]; cols: number[] }[] = [];
  const hiddenRead: { sheet: string; rows: number[]; labels: string[] }[] = [];
  const rounded: { cell: string; stored: string; shown: string }[] = [];
  // 序号 columns left out, by sheet; the last 序号 (1, 2, 3 …) read, for a row of 表四 on the next sheet
  const seqCols: { sheet: string; col: number; marks: string[] }[] = [];
  let seqRun: number | undefined;
  for (const sheet of sheets) {
    if (sheet.hidden) {
      hidden.push(sheet.name);
      continue;
    }
    const xml = text(targets.get(sheet.rid) ?? '');
    if (xml === undefined) continue;
    read.push(sheet.name);
    let row: Map<number, string> | null = null;
    let rowNo = 0;
    let col = 0;
    let type = '';
    let style = 0;
    let value: string | null = null;
    let inline: string | null = null;
    let formula = false;
    let into: 'v' | 't' | null = null;
    let ref = '';
    const rows: { no: number; cells: Map<number, string>; present: number }[] = [];
    const merges: { r1: number; c1: number; r2: number; c2: number }[] = [];
    let present = 0;
    // hidden rows and columns are not shown, so not read (as hidden sheets): where they held
    // something is said, so that a number hidden there is never silently missed
    const hiddenCols = new Set<number>();
    let rowHidden = false;
    const hiddenRowsFilled: number[] = [];
    const hiddenRows: { no: number; cells: Map<number, string>; present: number }[] = [];
    const hiddenColsFilled = new Set<number>();
    parseXml(
      xml,
      (name, a) => {
        const n = local(name);
        if (n === 'mergeCell' && a.ref) {
          const m = /^([A-Z]{1,3})(\d+):([A-Z]{1,3})(\d+)$/i.exec(a.ref);
          if (m)
            merges.push({
              c1: columnOf(m[1])!,
              r1: Number(m[2]),
              c2: columnOf(m[3])!,
              r2: Number(m[4]),
            });
        } else if (n === 'col' && isOn(a.hidden)) {
          const lo = Math.max(1, Number(a.min ?? 0));
          const hi = Math.min(MAX_COL, Number(a.max ?? a.min ?? 0));
          for (let c = lo; c <= hi; c++) hiddenCols.add(c);
        } else if (n === 'row') {
          rowHidden = isOn(a.hidden);
          present = 0;
          rowNo = a.r ? Number(a.r) : rowNo + 1;
          row = new Map();
          col = 0;
        } else if (n === 'c' && row) {
          col = columnOf(a.r) ?? col + 1;
          if (col <= MAX_COL) present = Math.max(present, col);
          ref = a.r ?? '';
          type = a.t ?? 'n';
          style = Number(a.s ?? 0);
          value = null;
          inline = null;
          formula = false;
        } else if (n === 'v') {
          into = 'v';
          value = '';
        } else if (n === 'f') formula = true;
        else if (n === 'is') inline = '';
        else if (n === 't' && inline !== null) into = 't';
        else if (n === 'rPh') into = null;
      },
      (t) => {
        if (into === 'v') value = (value ?? '') + t;
        else if (into === 't' && inline !== null) inline += t;
      },
      (name) => {
        const n = local(name);
        if (n === 'v' || n === 't') into = null;
        else if (n === 'c' && row) {
          let shown: string | undefined;
          if (type === 'inlineStr') shown = inline ?? '';
          else if (value === null) {
            if (formula) uncalculated.push(`「${sheet.name}」${ref}`);
          } else if (type === 's') shown = shared[Number(value)] ?? '';
          else if (type === 'str' || type === 'e' || type === 'd') shown = value;
          else if (type === 'b') shown = value === '1' ? 'TRUE' : 'FALSE';
          else if (isDate(formats[style] ?? '') && Number.isFinite(Number(value)))
            shown = dateText(Number(value), formats[style]!);
          else {
            const code = formats[style] ?? '';
            const stored = Number(value) * (isPercent(code) ? 100 : 1);
            if (!Number.isFinite(stored)) shown = value;
            else {
              // the number the cell shows (20.3333 as 20.33 under 0.00): what the office sees and prints
              const n = shownNumber(stored, formatDecimals(code));
              if (Math.abs(n - stored) > 1e-9 * Math.max(1, Math.abs(stored)) && !hiddenCols.has(col))
                rounded.push({
                  cell: `「${sheet.name}」${ref}`,
                  stored: numberText(String(stored)),
                  shown: String(n),
                });
              shown = isPercent(code) ? `${n}%` : String(n) + formatSuffix(code);
            }
          }
          if (shown !== undefined && shown.trim() !== '' && col >= 1 && col <= MAX_COL) {
            if (hiddenCols.has(col)) hiddenColsFilled.add(col);
            else row.set(col, shown);
          }
        } else if (n === 'row' && row) {
          // an empty row is kept (a table's row of blanks) and dropped again if outside the filled range
          if (rowHidden) {
            if (row.size > 0 && rowNo <= MAX_ROW) hiddenRows.push({ no: rowNo, cells: row, present });
          } else if ((row.size > 0 || present > 0) && rowNo <= MAX_ROW)
            rows.push({ no: rowNo, cells: row, present });
          row = null;
        }
      },
    );
    // Hidden rows that are exactly rows of the official tables the visible ones lack (rows of zeros
    // hidden for printing, in a table the sheet shows) are read, and said; if any hidden row is something else — a row the sheet
    // shows too (an old row kept hidden), no official row, one twice — none is read (said as before).
    if (hiddenRows.length > 0) {
      const visible = new Set(rows.map(officialRow).filter((k) => k !== undefined));
      const keys = hiddenRows.map(officialRow);
      // (each of a table the sheet shows: rows hidden alone on a sheet of their own are no gap of it)
      const tablesShown = new Set([...visible].map((k) => k.split('.')[0]));
      const missing =
        keys.every((k) => k !== undefined && !visible.has(k) && tablesShown.has(k.split('.')[0])) &&
        new Set(keys).size === keys.length;
      if (missing) {
        rows.push(...hiddenRows);
        hiddenRead.push({
          sheet: sheet.name,
          rows: hiddenRows.map((r) => r.no),
          labels: hiddenRows.map((r) => rowLabel(r.cells) ?? ''),
        });
      } else hiddenRowsFilled.push(...hiddenRows.map((r) => r.no));
    }
    if (hiddenRowsFilled.length > 0 || hiddenColsFilled.size > 0)
      hiddenCells.push({
        sheet: sheet.name,
        rows: hiddenRowsFilled,
        cols: [...hiddenColsFilled].sort((a, b) => a - b),
      });
    rows.sort((a, b) => a.no - b.no);
    while (rows.length > 0 && rows[rows.length - 1]!.cells.size === 0) rows.pop();
    while (rows.length > 0 && rows[0]!.cells.size === 0) rows.shift();
    if (rows.length === 0) continue;
    const info = isInfoSheet(sheet.name, rows);
    // A column headed 备注 (or 说明) beside a table's numbers: its notes are no column of the official
    // table (「含转办2件」 would be read as a number, or push the row's numbers a column over) — left
    // out of the table's rows to the next table's heading, and what they say is listed.
    const noteCols = new Set<number>();
    const skip = new Map<number, Set<number>>();
    for (const r of rows) {
      const firstText = (r.cells.get(Math.min(...r.cells.keys())) ?? '').replace(/\s+/g, '');
      if (
        TABLE_MARKS.some(([k, re]) => /^[二三四]、/.test(k) && re.test(firstText)) ||
        REPORT_TITLE.test(firstText)
      )
        noteCols.clear();
      for (const [c, t] of r.cells)
        if (c > 1 && NOTE_HEAD.test(t.replace(/\s+/g, ''))) {
          noteCols.add(c);
          if (!notes.some((n) => n.sheet === sheet.name && n.col === c))
            notes.push({ sheet: sheet.name, col: c, head: t.trim(), texts: [] });
        }
      if (noteCols.size > 0) skip.set(r.no, new Set(noteCols));
      for (const c of noteCols) {
        const t = r.cells.get(c);
        if (t === undefined) continue;
        r.cells.delete(c);
        const n = notes.findLast((x) => x.sheet === sheet.name && x.col === c);
        if (n && !NOTE_HEAD.test(t.replace(/\s+/g, ''))) n.texts.push(t.trim());
      }
    }
    // the sheet's width: its last column with something in it (a styled empty cell beyond is no column)
    const width = Math.max(...rows.map((r) => (r.cells.size > 0 ? Math.max(...r.cells.keys()) : 0)));
    // merged ranges: the top-left cell spans them (as an HTML cell with colspan/rowspan), the others
    // are left out of their lines, as a Word table's merged cells are
    const master = new Map<string, { cols: number; rows: number }>();
    const covered = new Set<string>();
    for (const m of merges) {
      if (m.r2 < m.r1 || m.c2 < m.c1 || (m.r2 - m.r1 + 1) * (m.c2 - m.c1 + 1) > 100_000) continue;
      master.set(`${m.r1}:${m.c1}`, { cols: m.c2 - m.c1 + 1, rows: m.r2 - m.r1 + 1 });
      for (let r = m.r1; r <= m.r2; r++)
        for (let c = m.c1; c <= m.c2; c++) if (r !== m.r1 || c !== m.c1) covered.add(`${r}:${c}`);
    }
    // the columns of the table a row is in: its rows so far (heads merged across columns too), from
    // the last paragraph (a heading, a caption, a note) on
    let block = 0;
    // One thing in the row at its start, alone in the row or the sheet's first row (a title, a
    // section's heading, a note typed in column A): a paragraph, as one between a Word file's tables.
    // A caption merged across a table (「第二十条第（一）项」) stays a row of the table, as in HTML.
    const isParagraph = (r: (typeof rows)[number]) => {
      const span0 = master.get(`${r.no}:1`);
      return (
        r.cells.size === 1 &&
        r.cells.has(1) &&
        (!span0 || span0.rows === 1) &&
        (r === rows[0] || (!span0 && r.present <= 1))
      );
    };
    const NUM = /^\s*[-+]?[\d０-９]/;
    // A 序号 column (1, 2, 3 … or （一）（二）…) left of the row labels: no column of the official table
    // (its numbers would be read as the row's first number) — left out, with its head 「序号」 and the
    // empty cells under it, said once. It is the sheet's first column, holding 序号 beside row labels
    // (at least three, each one more than the one before or a new count from 1) or under a head
    // 「序号」; a row of numbers without a label (表四's) loses its first number only when it is the
    // next 序号 and the heads of its table leave that column empty (no head: no column of the table).
    {
      const body = rows.filter((r) => !isParagraph(r) && r.cells.size > 0);
      const c0 = Math.min(...body.map((r) => Math.min(...r.cells.keys())));
      const labelled = (r: (typeof rows)[number]) => {
        const rest = [...r.cells].filter(([c]) => c > c0).sort((a, b) => a[0] - b[0]);
        return rest.length > 0 && !NUMBER_CELL.test(rest[0]![1]) && rest[0]![1].trim() !== '';
      };
      // the sheet's evidence: 序号 beside labels, counting on; a head 序号
      // (the count may go on from the sheet before: 表二's 1–5, 表三's 6–31)
      const last = new Map<string, number>(seqRun !== undefined ? [['1', seqRun]] : []);
      let beside = 0;
      let counts = true;
      let head = false;
      for (const r of body) {
        const t = r.cells.get(c0);
        if (t === undefined) continue;
        if (SEQ_HEAD.test(t.replace(/\s+/g, ''))) head = true;
        const m = seqMark(t);
        if (!m || !labelled(r)) continue;
        const prev = last.get(m.kind);
        if (m.n !== 1 && (prev === undefined || m.n !== prev + 1)) counts = false;
        last.set(m.kind, m.n);
        beside++;
      }
      const sheetSeq = c0 <= MAX_COL && ((beside >= 3 && counts) || (head && beside >= 1));
      // by table (the rows between two paragraphs)
      const parts: (typeof rows)[number][][] = [[]];
      for (const r of rows) {
        if (isParagraph(r)) parts.push([]);
        else parts.at(-1)!.push(r);
      }
      const marks: string[] = [];
      for (const part of parts) {
        if (part.length === 0) continue;
        const heads = part.filter((r) => ![...r.cells.values()].some((t) => NUM.test(t)));
        const headFree = heads.every((r) => {
          const t = r.cells.get(c0);
          return t === undefined || SEQ_HEAD.test(t.replace(/\s+/g, ''));
        });
        const headSaid = heads.some((r) => SEQ_HEAD.test((r.cells.get(c0) ?? '').replace(/\s+/g, '')));
        let run = seqRun;
        const drop = new Set<(typeof rows)[number]>();
        for (const r of part) {
          const t = r.cells.get(c0);
          const m = t === undefined ? undefined : seqMark(t);
          if (!m) continue;
          const next = m.kind === '1' && run !== undefined && m.n === run + 1;
          if (labelled(r) ? sheetSeq : headFree && (headSaid ? sheetSeq : next)) {
            drop.add(r);
            if (m.kind === '1') run = m.n;
          }
        }
        if (drop.size === 0 && !(headSaid && sheetSeq)) continue;
        seqRun = run;
        for (const r of part) {
          const t = r.cells.get(c0);
          if (t !== undefined && !drop.has(r) && !SEQ_HEAD.test(t.replace(/\s+/g, ''))) continue;
          if (t !== undefined && drop.has(r)) marks.push(t.trim());
          r.cells.delete(c0);
          if (!skip.has(r.no)) skip.set(r.no, new Set());
          skip.get(r.no)!.add(c0);
        }
      }
      if (marks.length > 0) seqCols.push({ sheet: sheet.name, col: c0, marks });
    }
    // The columns of a table's row labels (between two paragraphs: left of its first column holding
    // a number, where its rows of numbers have text): an empty cell there is under the labels
    // (「一、本年新收…」 typed in A of the three label columns A–C, not merged), no blank of the table.
    const labelCols = new Map<number, Set<number>>();
    {
      let part: (typeof rows)[number][] = [];
      const close = () => {
        const data = part.filter((r) => [...r.cells.values()].some((t) => NUM.test(t)));
        const cols = data.flatMap((r) => [...r.cells].filter(([, t]) => NUM.test(t)).map(([c]) => c));
        const min = cols.length > 0 ? Math.min(...cols) : 0;
        // the columns left of it where rows of numbers have their labels (not 「—」 「无」 for nothing)
        const labels = new Set(
          data.flatMap((r) =>
            [...r.cells]
              .filter(([c, t]) => c < min && !NUM.test(t) && !/^[\s—\-－/／无]*$/.test(t))
              .map(([c]) => c),
          ),
        );
        for (const r of part) labelCols.set(r.no, labels);
        part = [];
      };
      for (const r of rows) {
        if (isParagraph(r)) close();
        else part.push(r);
      }
      close();
    }
    for (const r of rows) {
      const last = r.cells.size > 0 ? Math.max(...r.cells.keys()) : 0;
      // Our export's sheet of facts: 「标题 | …」 is the title line; the others are facts (发布日期 is
      // taken as the report's date), not the report's text.
      if (info && last === 2 && r.cells.has(1)) {
        const k = r.cells.get(1)!;
        const v = r.cells.get(2) ?? '';
        if (k === '标题')
          lines.push({
            cells: [{ text: v, where: { sheet: sheet.name, row: r.no, cell: 2 } }],
            explicit: false,
            paragraph: true,
          });
        else facts[k] ??= v;
        continue;
      }
      if (isParagraph(r)) {
        lines.push({
          cells: [{ text: r.cells.get(1)!, where: { sheet: sheet.name, row: r.no, cell: 1 } }],
          explicit: false,
          paragraph: true,
        });
        block = 0;
        continue;
      }
      // A table row: every column to the sheet's width (a blank is a printed blank), merged cells once.
      // A row of column heads with empty cells between them, in a grid not merged (「行政复议 |  |  |
      // 行政诉讼 | …」): its empty cells are the heads' spans, not blanks — left out, as merged ones.
      // A row of numbers shorter than its table (empty cells after its last number, which Excel does
      // not write unless they are formatted): its cells to the table's last column, blanks as printed.
      const numbers = [...r.cells.values()].some((t) => NUM.test(t));
      const labels = numbers ? labelCols.get(r.no) : undefined;
      const end = Math.min(width, Math.max(last, r.present, numbers ? block : 0));
      for (const c of r.cells.keys())
        block = Math.max(block, c + (master.get(`${r.no}:${c}`)?.cols ?? 1) - 1);
      let gap = false;
      let headsOverGaps = false;
      const skipped = skip.get(r.no);
      for (let c = 1; c <= end; c++) {
        const t = r.cells.get(c);
        if (covered.has(`${r.no}:${c}`) || skipped?.has(c)) continue;
        if (t === undefined) gap = true;
        else if (/^\s*[-+]?\d/.test(t)) {
          headsOverGaps = false;
          break;
        } else if (gap) headsOverGaps = true;
      }
      const cells: SrcCell[] = [];
      for (let c = 1; c <= end; c++) {
        const key = `${r.no}:${c}`;
        if (covered.has(key) || skipped?.has(c)) continue;
        if (headsOverGaps && !r.cells.has(c)) continue;
        if (labels?.has(c) && !r.cells.has(c) && !master.has(key)) continue;
        const span = master.get(key);
        cells.push({
          text: r.cells.get(c) ?? '',
          where: { sheet: sheet.name, row: r.no, cell: c },
          gridCol: c - 1,
          ...(span && (span.cols > 1 || span.rows > 1) ? { span } : {}),
        });
      }
      lines.push({ cells, explicit: true });
    }
  }
  if (uncalculated.length > 0)
    issues.push({
      code: 'XLSX_FORMULA_NOT_CALCULATED',
      severity: 'warning',
      message: `Excel 文件中有 ${uncalculated.length} 个公式单元格没有计算结果（${uncalculated.slice(0, 5).join('、')}${uncalculated.length > 5 ? ' 等' : ''}），按空白读取：请在 Excel 或 WPS 中打开、保存后再导入`,
      details: { cells: uncalculated.slice(0, 100), count: uncalculated.length },
    });
  if (hidden.length > 0)
    issues.push({
      code: 'XLSX_HIDDEN_SHEETS',
      severity: 'info',
      message: `Excel 文件中的隐藏工作表没有读取：${hidden.map((h) => `「${h}」`).join('、')}`,
      details: { sheets: hidden },
    });
  if (rounded.length > 0)
    issues.push({
      code: 'XLSX_VALUE_AS_SHOWN',
      severity: 'warning',
      message: `Excel 文件中有 ${rounded.length} 个单元格存的数比显示的小数位多，按显示的数读取（${rounded
        .slice(0, 5)
        .map((r) => `${r.cell} 存 ${r.stored}、显示 ${r.shown}`)
        .join(
          '；',
        )}${rounded.length > 5 ? ' 等' : ''}）：如应为存的数，请在 Excel 或 WPS 中增加小数位数后再导入`,
      details: { cells: rounded.slice(0, 100), count: rounded.length },
    });
  for (const h of hiddenRead)
    issues.push({
      code: 'XLSX_HIDDEN_ROWS_READ',
      severity: 'warning',
      message: `工作表「${h.sheet}」中隐藏的第 ${h.rows.join('、')} 行（${h.labels
        .slice(0, 8)
        .map((l) => `「${l}」`)
        .join(
          '',
        )}${h.labels.length > 8 ? '等' : ''}）是统一格式表格的行，显示出来的行中没有，已按其中的数读取：请核对这些行的数（如不应计入，请删去这些行后再导入）`,
      where: { sheet: h.sheet, row: h.rows[0] },
      details: { sheet: h.sheet, rows: h.rows, labels: h.labels },
    });
  for (const h of hiddenCells) {
    const what = [
      h.rows.length > 0 ? `第 ${h.rows.slice(0, 8).join('、')} 行${h.rows.length > 8 ? '等' : ''}` : '',
      h.cols.length > 0 ? ` ${h.cols.map(colName).join('、')} 列` : '',
    ].filter(Boolean);
    issues.push({
      code: 'XLSX_HIDDEN_CELLS',
      severity: 'warning',
      message: `工作表「${h.sheet}」中隐藏的${what.join('和')}有内容，没有读取（按表格显示出来的读取）：如其中有报告的数，请在 Excel 或 WPS 中取消隐藏后再导入`,
      where: { sheet: h.sheet },
      details: { sheet: h.sheet, rows: h.rows, columns: h.cols.map(colName) },
    });
  }
  if (seqCols.length > 0) {
    const marks = seqCols.flatMap((c) => c.marks);
    issues.push({
      code: 'XLSX_SEQUENCE_COLUMN',
      severity: 'info',
      message: `${seqCols.map((c) => `工作表「${c.sheet}」${colName(c.col)} 列`).join('、')}是序号（${marks.slice(0, 3).join('、')}${marks.length > 3 ? '…' : ''}），不是统一格式表格的列，没有读取`,
      details: {
        columns: seqCols.map((c) => ({ sheet: c.sheet, column: colName(c.col), count: c.marks.length })),
      },
    });
  }
  for (const n of notes)
    issues.push({
      code: 'XLSX_NOTES_COLUMN',
      severity: 'info',
      message: `工作表「${n.sheet}」${colName(n.col)} 列「${n.head}」是备注，不是统一格式表格的列，没有读取${
        n.texts.length > 0
          ? `（其中写有：${n.texts
              .slice(0, 3)
              .map((t) => `「${t.slice(0, 30)}」`)
              .join('、')}${n.texts.length > 3 ? ' 等' : ''}）：如备注中有应计入表格的数，请填入相应单元格`
          : ''
      }`,
      where: { sheet: n.sheet },
      details: { sheet: n.sheet, column: colName(n.col), notes: n.texts.slice(0, 50) },
    });
  const order = tableOrder(lines);
  if (order) {
    lines.splice(0, lines.length, ...order.lines);
    read.sort((a, b) => order.sheets.indexOf(a) - order.sheets.indexOf(b));
    issues.push({
      code: 'XLSX_SHEETS_REORDERED',
      severity: 'info',
      message: `工作表的顺序（${order.was.map((n) => `「${n}」`).join('、')}）与统一格式的表二、表三、表四不同，已按表二、表三、表四的顺序读取`,
      details: { was: order.was, read: order.sheets },
    });
  }
  // Sheets after the tables' first holding none of them (a chart's data, notes, a sheet of sums):
  // not read, and named — their numbers would run on into the table before them.
  {
    // a sheet's tables: by a heading or first row (strong), or by a head cell alone (「行政复议」 of
    // a chart's data is no new 表四 after the one read)
    const sheetsOf = new Map<string, { strong: boolean; tables: Set<number> }>();
    const keep: SrcLine[] = [];
    const skipped: string[] = [];
    const bySheet = new Map<string, SrcLine[]>();
    for (const l of lines) {
      const sh = l.cells[0]?.where.sheet ?? '';
      if (!bySheet.has(sh)) bySheet.set(sh, []);
      bySheet.get(sh)!.push(l);
      const t = tableOf(l);
      if (t === undefined) continue;
      const o = sheetsOf.get(sh) ?? { strong: false, tables: new Set<number>() };
      const first = l.cells.find((c) => c.text.trim() !== '')?.text.replace(/\s+/g, '') ?? '';
      if (TABLE_MARKS.some(([, re]) => re.test(first))) o.strong = true;
      o.tables.add(t);
      sheetsOf.set(sh, o);
    }
    const seenTables = new Set<number>();
    for (const [sh, ls] of bySheet) {
      const o = sheetsOf.get(sh);
      const none = !o || (!o.strong && [...o.tables].every((t) => seenTables.has(t)));
      if (seenTables.size > 0 && none) {
        skipped.push(sh);
        continue;
      }
      for (const t of o?.tables ?? []) seenTables.add(t);
      keep.push(...ls);
    }
    if (skipped.length > 0) {
      lines.splice(0, lines.length, ...keep);
      for (const sh of skipped) read.splice(read.indexOf(sh), 1);
      issues.push({
        code: 'XLSX_SHEETS_NOT_READ',
        severity: 'info',
        message: `工作表${skipped.map((n) => `「${n}」`).join('、')}中没有统一格式的表格（表二、表三、表四的标题或首行），没有读取：如其中有报告的数，请填入表二、表三、表四`,
        details: { sheets: skipped },
      });
    }
  }
  const second = secondReport(lines);
  if (second) {
    const at = lines[second.index]!.cells.find((c) => c.text.trim() !== '')!.where;
    const rest = [...new Set(lines.slice(second.index).map((l) => l.cells[0]?.where.sheet ?? ''))];
    // the sheets read are those before the second report (and the one it starts in, if the first ends there)
    const from = read.indexOf(at.sheet ?? '');
    const startsSheet = lines[second.index - 1]?.cells[0]?.where.sheet !== at.sheet;
    if (from >= 0) read.length = startsSheet ? from : from + 1;
    lines.length = second.index;
    issues.push({
      code: 'XLSX_MORE_THAN_ONE_REPORT',
      severity: 'warning',
      message: `Excel 文件中有不止一份报告：工作表「${at.sheet}」第 ${at.row} 行起（${second.why}）是另一份报告，没有读取，只读取了它之前的第一份。请把每份报告放在单独的 Excel 文件中分别导入`,
      where: at,
      details: { sheet: at.sheet, row: at.row, sheetsNotRead: rest, reason: second.why },
    });
  }
  // a row typed twice with other numbers: the first is read, the other left out (and said)
  const repeated = repeatedRows(lines);
  issues.push(...repeated.issues);
  if (repeated.dropped.size > 0)
    lines.splice(0, lines.length, ...lines.filter((l) => !repeated.dropped.has(l)));
  // 表四 without its heads: read in the official order where that is the only reading, said
  issues.push(...headlessT4(lines));
  // the end of the workbook: a table's blank cells at the very end are read as blanks, as before a
  // following heading
  if (lines.length > 0) lines.push({ cells: [{ text: '', where: {} }], explicit: false, paragraph: true });
  lines.forEach((l, i) => {
    for (const c of l.cells) c.where.line = i + 1;
  });
  return { lines, issues, sheets: read, facts, metaHints: metaHints(lines, read), complete: true };
}
