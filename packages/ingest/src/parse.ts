import {
  type Cell,
  type CellId,
  createEmptyReport,
  type EditionId,
  editionForYear,
  editionName,
  getEdition,
  identities,
  inferAgency,
  NianbaoError,
  parseCellText,
  type Report,
  SECTION_KEYS,
  withoutRefusedChars,
  zh,
} from '@nianbao/core';
import { unifyRadicals } from './chars.js';
import {
  EDITION_MARKERS,
  type EditionLabels,
  editionLabels,
  type PlanColumn,
  stripPrefix,
  T2_HEADER,
  T3_MARKERS,
  T4_HEADER,
} from './labels.js';
import { detectMeta, type MetaGuess } from './meta.js';
import { chromeOfLine } from './preamble.js';
import { type SourceDoc, sourceToText } from './source.js';
import { buildStream, CELL_SEP, LINE_SEP, mn, mnEnd, normLabel, type Stream, whereAt } from './stream.js';
import { sectionText, splitSignature } from './text.js';
import type {
  CellSource,
  Confidence,
  Diagnostic,
  IngestDiagnostics,
  IngestResult,
  InputKind,
  Where,
} from './types.js';
import {
  addsUp,
  classifyValue,
  type FitCell,
  type FitResult,
  fitRow,
  isPageChrome,
  printedRow,
  type RowIdentity,
  tokenizeLoose,
  type ValueTok,
} from './values.js';
import type { XlsxMetaHints } from './xlsx.js';

/** A label found in M: [start, end). */
interface Hit {
  start: number;
  end: number;
  text: string;
}

/** m limited to [0, to): V8 slices are views, so searching it stops at `to`. */
function upTo(m: string, to: number): string {
  return to < m.length ? m.slice(0, Math.max(0, to)) : m;
}

function findAll(m0: string, needle: string, from: number, to: number, out: number[] = []): number[] {
  if (!needle) return out;
  const m = upTo(m0, to);
  let p = m.indexOf(needle, from);
  while (p >= 0 && p + needle.length <= to) {
    out.push(p);
    p = m.indexOf(needle, p + 1);
  }
  return out;
}

/** Earliest hit of any variant at ≥ from (longest variant at that position). */
function firstHit(m0: string, variants: readonly string[], from: number, to: number): Hit | undefined {
  let best: Hit | undefined;
  const m = upTo(m0, best === undefined ? to : to);
  for (const v of variants) {
    const p = m.indexOf(v, from);
    if (p < 0 || p + v.length > to) continue;
    if (!best || p < best.start || (p === best.start && v.length > best.end - best.start))
      best = { start: p, end: p + v.length, text: v };
  }
  return best;
}

/** Longest common subsequence ratio of b within a (for labels damaged in extraction). */
function lcsRatio(a: string, b: string): number {
  if (!a || !b) return 0;
  const prev = new Array<number>(b.length + 1).fill(0);
  const cur = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++)
      cur[j] = a[i - 1] === b[j - 1] ? prev[j - 1]! + 1 : Math.max(prev[j]!, cur[j - 1]!);
    for (let j = 0; j <= b.length; j++) prev[j] = cur[j]!;
  }
  return prev[b.length]! / Math.max(a.length, b.length);
}

interface Ctx {
  s: Stream;
  L: EditionLabels;
  edition: EditionId;
  issues: Diagnostic[];
  cells: Record<CellId, Cell>;
  sources: Record<CellId, CellSource>;
  /** Object.values(sources), kept as they are set (first position of an id, its latest source). */
  sourceList: CellSource[];
  aliasesUsed: { printed: string; canonical: string; cells?: string[] }[];
  extraLabels: string[];
  labelOf: (id: CellId) => string;
  /** A PDF: numbers have positions on the page (see fitRow's `positioned`). */
  positioned: boolean;
  /**
   * 表三's numbers printed wrapped in their cells whose rows do not bear them out: said unreadable
   * unless a column's sums establish them once the table is read (establishByColumns).
   */
  pendingWrapped?: PendingWrapped[];
}

interface PendingWrapped {
  id: CellId;
  value: number;
  plan: RowPlan;
  col: number;
  cell: FitCell;
  /** The error said if nothing establishes the number. */
  issue: Diagnostic;
}

function describeWhere(w: Where | undefined): string {
  if (!w) return '';
  if (w.page !== undefined)
    return `第 ${w.page} 页${w.x !== undefined ? `（x=${Math.round(w.x)}，y=${Math.round(w.y ?? 0)}）` : ''}`;
  if (w.sheet !== undefined) {
    // an Excel cell as Excel names it: 工作表「表三」D12
    let col = '';
    for (let x = w.cell ?? 0; x > 0; x = Math.floor((x - 1) / 26))
      col = String.fromCharCode(65 + ((x - 1) % 26)) + col;
    return `工作表「${w.sheet}」${col}${w.row ?? ''}`;
  }
  if (w.table !== undefined) return `第 ${w.table} 个表格第 ${w.row ?? '?'} 行第 ${w.cell ?? '?'} 格`;
  if (w.line !== undefined) return `第 ${w.line} 行${w.column !== undefined ? `第 ${w.column} 列` : ''}`;
  return '';
}

export { describeWhere };

/** Words, no digit or ditto mark: a label's rest or a note, never a cell printed unreadable. */
const WORDS = /^[^0-9０-９〃]*\p{Script=Han}[^0-9０-９〃]*$/u;
const NO_DIGIT = /^[^0-9０-９〃]+$/;

/** Value tokens of an N range, separated into cells by separators and whitespace. */
function spanTokens(
  s: Stream,
  a: number,
  b: number,
): {
  toks: ValueTok[];
  explicit: boolean;
  exactCells: boolean;
  tabCells?: ValueTok[];
  sheetCells?: ValueTok[];
  /** Empty cells before the row's first value, left out as merged label cells: they may be blanks. */
  lead?: ValueTok[];
  /**
   * The TAB fields of the row's line of numbers alone (as tabCells, but the next row's empty label
   * columns on the lines after it do not undo them): where exactly n, with an empty one at an end,
   * the printed numbers' columns (see planTokens).
   */
  lineCells?: ValueTok[];
  /** Numbers on lines after lineCells' line (another row's printed before its label): no cells of this row. */
  lineExtra?: ValueTok[];
  /** No cell separator (TAB, pipe) in the span: its numbers are apart by spaces or line breaks only. */
  spacesOnly?: boolean;
  /**
   * Empty TAB fields on lines of their own (lines of TABs only) after the row's last value: its
   * empty fields at its end wrapped (「…⇥0⏎⇥」), also at the end of lineCells where the row's values
   * are all on its line. In toks too, unless the row is read cell by cell (interior).
   */
  tailEmpty?: ValueTok[];
  /**
   * TAB fields with an empty one between two values, read cell by cell (explicit) with the empty
   * fields before the first value left out as merged label columns (lead): lineCells still holds
   * the line's fields, those too.
   */
  interior?: true;
} {
  const toks: ValueTok[] = [];
  let explicit = false;
  let exactCells = false;
  // the span as one line of tab cells, each holding at most one value (a blank cell an empty token)
  let tabCells: ValueTok[] | undefined = [];
  // the same, where the row is one of a range copied from a spreadsheet (see sheetRow): its cells
  // on the label's line
  let sheetCells: ValueTok[] | undefined = [];
  const labelLine = s.nLine[Math.max(a - 1, 0)];
  let tabLine = -1;
  let lineCells: ValueTok[] | undefined = [];
  const lineExtra: ValueTok[] = [];
  // pieces between separators
  let i = a;
  let pieceStart = a;
  const pieces: { start: number; end: number; terminated: boolean }[] = [];
  while (i <= b) {
    const ch = i < b ? s.n[i] : undefined;
    if (ch === CELL_SEP || ch === LINE_SEP || i === b) {
      pieces.push({ start: pieceStart, end: i, terminated: ch === CELL_SEP });
      pieceStart = i + 1;
    }
    i++;
  }
  for (let k = 0; k < pieces.length; k++) {
    const p = pieces[k]!;
    const text = s.n.slice(p.start, p.end);
    const li = s.nLine[Math.min(Math.max(p.start - 1, 0), s.n.length - 1)] ?? 0;
    const line = s.lines[li];
    const isExplicit = line?.explicit ?? false;
    if (isExplicit) explicit = true;
    if (line?.placedColumns) exactCells = true;
    if (isExplicit) {
      // the first piece is the rest of the label's own cell, the last the start of the next label's cell
      const first = k === 0 && p.start === a && a > 0 && s.nCell[a - 1] !== -1;
      const lastOpen = k === pieces.length - 1 && !p.terminated;
      if (text.trim() === '' && (first || lastOpen)) continue;
      // only cells in the same line or lines that are cell lines
      const tok = classifyValue(
        text,
        text.trim() === '' ? Math.max(p.start - 1, 0) : p.start + (text.length - text.trimStart().length),
        true,
      );
      if (tok.kind === 'text') {
        if (/^[-:|\s]{3,}$/.test(text.trim()) || isPageChrome(text)) continue;
        // 「0 — 0」 in one cell: several values; anything else is text
        const sub: ValueTok[] = [];
        tokenizeLoose(text, p.start, true, sub);
        if (sub.length > 1 && sub.every((t) => t.kind === 'num' || t.kind === 'blank')) toks.push(...sub);
        else {
          // the rest of the label's own cell (「（一）予以公开（含…）」) is not a value cell
          if (first) tok.labelRest = true;
          toks.push(tok);
        }
      } else if (tok.spaced && tok.spaced.join('').length > 1 && tok.spaced.join('')[0] === '0') {
        // 「0 0 0」: digits that cannot be one number (a leading 0) are several values
        tokenizeLoose(text, p.start, true, toks);
      } else toks.push(tok);
    } else {
      if (isPageChrome(text)) {
        tabCells = undefined;
        sheetCells = undefined;
        lineCells = undefined;
        continue;
      }
      // an empty tab cell: a blank or a layout artefact, decided per row below
      const tabCell = p.terminated || (p.start > 0 && s.n[p.start - 1] === CELL_SEP);
      const first = k === 0 && p.start === a && a > 0 && s.nCell[a - 1] !== -1;
      const lastOpen = k === pieces.length - 1 && !p.terminated;
      if (text.trim() === '' && tabCell && !first && !lastOpen) {
        const e: ValueTok = { kind: 'empty', raw: '', ni: Math.max(p.start - 1, 0), explicit: false };
        toks.push(e);
        // (an empty last cell starts at the line's end: its line is the tab's before it)
        const emptyLine = s.nLine[Math.max(p.start - 1, 0)]!;
        if (tabCells && tabLine >= 0 && emptyLine !== tabLine) tabCells = undefined;
        tabCells?.push(e);
        // (an empty first field of a line is that line's, not the line its LINE_SEP ends)
        const fieldLine = s.n[p.start - 1] === LINE_SEP ? s.nLine[p.start]! : emptyLine;
        if (!(tabLine >= 0 && fieldLine > tabLine)) lineCells?.push(e);
        // a sheet's range: an empty cell on a line after the label's is the next row's label
        // columns left empty (「\t（二）部分公开」 under 「\t（一）予以公开」), no cell of this row
        if (emptyLine === labelLine) sheetCells?.push(e);
        continue;
      }
      const before = toks.length;
      tokenizeLoose(text, p.start, false, toks);
      const got = toks.length - before;
      if (tabCells && got > 0) {
        const line = s.nLine[p.start]!;
        // words on a line after the row's numbers (a label wrapped in its cell with the numbers beside
        // its first line: 「（二）部分公开（区分处理的，只计这一情形，\t\t2\t\t0\t1\t0\t3」 over 「不计其他
        // 情形）」, or a note under the table) are no cells of the row: its TAB cells stand
        const words = (re: RegExp) =>
          toks.slice(before).every((t) => t.kind === 'text' && !t.hanNumeral && re.test(t.raw));
        if (first && words(NO_DIGIT)) {
          // the rest of the label's own cell before the TAB cells (「（区分处理的，只计这一情形，」 after
          // a shorter form of the label 「（二）部分公开」, 「（」 of a label wrapped after it): no cell
          for (const t of toks.slice(before)) t.labelRest = true;
        } else if (tabLine >= 0 && line > tabLine && words(WORDS)) {
          // (left out of the row's TAB cells)
        } else if (first || !tabCell || got > 1 || (tabLine >= 0 && line !== tabLine)) {
          tabCells = undefined;
          if (tabLine >= 0 && line > tabLine && toks.slice(before).every((t) => t.kind === 'num'))
            lineExtra.push(...toks.slice(before));
          else lineCells = undefined;
        } else {
          tabLine = line;
          tabCells.push(toks[before]!);
          lineCells?.push(toks[before]!);
        }
      } else if (!tabCells && lineCells && got > 0) {
        // (the row's TAB cells undone by empty fields after them: the line's fields still stand)
        const line = s.nLine[p.start]!;
        const words = toks
          .slice(before)
          .every((t) => t.kind === 'text' && !t.hanNumeral && WORDS.test(t.raw));
        if (tabLine >= 0 && line > tabLine && toks.slice(before).every((t) => t.kind === 'num'))
          lineExtra.push(...toks.slice(before));
        else if (!(tabLine >= 0 && line > tabLine && words)) lineCells = undefined;
      }
      if (sheetCells && got > 0) {
        // a sheet's range: words on a line after the label's (a note under the table) are no cell
        // of the row; a number there is
        if (s.nLine[p.start]! !== labelLine) {
          if (!toks.slice(before).every((t) => t.kind === 'text')) sheetCells = undefined;
        } else if (first || !tabCell || got > 1) sheetCells = undefined;
        else sheetCells.push(toks[before]!);
      }
    }
  }
  for (const t of toks) t.line = s.nLine[t.ni]!;
  // Empty TAB fields on lines holding nothing else, after the row's last value and before the next
  // row's label (「…⇥0⏎⇥」): the row's empty fields at its end, wrapped onto a line of their own — its
  // last cells blank. Read as TAB fields at the end of the row's line (see planTokens, wrappedLeads):
  // left out, a row short of its cells was read by the one-line rule (a number short filled in
  // from its sums, or its numbers moved a column).
  let tailEmpty: ValueTok[] | undefined;
  if (!explicit) {
    const lineOf = (t: ValueTok) =>
      t.kind === 'empty' && s.n[t.ni] === LINE_SEP ? s.nLine[t.ni + 1]! : s.nLine[t.ni]!;
    const lastVal = toks.findLastIndex((t) => t.kind !== 'empty');
    if (lastVal >= 0) {
      const lastLine = lineOf(toks[lastVal]!);
      const tail = toks.slice(lastVal + 1).filter((t) => {
        const li = lineOf(t);
        return li > lastLine && lineRange(s, li)[1] <= b && emptyLine(s, li);
      });
      if (tail.length > 0) {
        tailEmpty = tail;
        // the row's values all on its line: the line's fields run on into them
        if (lineCells && lineExtra.length === 0 && lineCells.includes(toks[lastVal]!))
          lineCells.push(...tail);
      }
    }
  }
  if (!explicit) {
    // tab-separated text copied from a web page or a spreadsheet prints blanks as empty cells between
    // values; PDF-to-text leaves empty cells only before or after them (merged cells). A row with
    // an empty cell between two values is read cell by cell, leading empties dropped.
    const vals = toks.filter((t) => t.kind !== 'text');
    const firstVal = vals.findIndex((t) => t.kind !== 'empty');
    let lastVal = -1;
    for (let j = vals.length - 1; j >= 0; j--)
      if (vals[j]!.kind !== 'empty') {
        lastVal = j;
        break;
      }
    const interior = firstVal >= 0 && vals.slice(firstVal, lastVal + 1).some((t) => t.kind === 'empty');
    if (interior) {
      // empty fields on lines after the row's last value are the next row's label columns
      // (「\t\t2.其他法律…」 under 「\t（三）不予公开\t1.属于国家秘密\t\t2\t\t0\t1\t0\t3」), no blanks of this row
      // (an empty first field of a line is on that line, not on the line its LINE_SEP ends)
      for (const t of vals) if (t.kind === 'empty' && s.n[t.ni] === LINE_SEP) t.line = s.nLine[t.ni + 1]!;
      const lastLine = vals[lastVal]!.line!;
      const next = new Set(vals.slice(lastVal + 1).filter((t) => t.line! > lastLine));
      const out = toks.filter((t) => t.kind !== 'empty' || (vals.indexOf(t) > firstVal && !next.has(t)));
      for (const t of out) t.explicit = true;
      const lead = vals.slice(0, firstVal).map((t) => ({ ...t, explicit: true }));
      return {
        toks: out,
        explicit: true,
        exactCells,
        interior: true,
        ...(lead.length ? { lead } : {}),
        ...(lineCells ? { lineCells, ...(lineExtra.length ? { lineExtra } : {}) } : {}),
        ...(tailEmpty ? { tailEmpty } : {}),
        ...(tabCells ? { tabCells } : {}),
        ...(sheetCells ? { sheetCells } : {}),
      };
    }
  }
  return {
    toks,
    explicit,
    exactCells,
    ...(!explicit && !pieces.some((p) => p.terminated) ? { spacesOnly: true } : {}),
    ...(!explicit && tabCells ? { tabCells } : {}),
    ...(!explicit && sheetCells ? { sheetCells } : {}),
    ...(!explicit && lineCells ? { lineCells, ...(lineExtra.length ? { lineExtra } : {}) } : {}),
    ...(tailEmpty ? { tailEmpty } : {}),
  };
}

function confidenceOf(c: FitCell, extra: { alias?: boolean; fuzzy?: boolean; chosen?: boolean }): Confidence {
  if (c.method === 'inferred' || extra.chosen || extra.fuzzy) return 'low';
  if (c.method === 'split' || c.method === 'positional' || c.normalised || extra.alias) return 'medium';
  return 'high';
}

interface RowPlan {
  table: 'activeDisclosure' | 'applications' | 'reviewLitigation';
  rowKey: string;
  rowLabel: string;
  columns: readonly PlanColumn[];
  /** The cell id of each column (shared by every report: copy before handing it out). */
  ids: readonly CellId[];
  candidates: (FitCell | undefined)[][];
  mode: string;
  alias?: boolean;
  fuzzy?: boolean;
  labelWhere?: Where;
  cutOff: boolean;
  chosen?: boolean;
  /** The row as printed (its value cells), for messages. */
  printed?: string;
  /** The row's identities (总计 = Σ parts), to say whether a spaced number is one number. */
  identities?: readonly RowIdentity[];
  /** Units printed in the header for the money columns (「采购总金额（万元）」), by column index. */
  headerUnits?: readonly ('元' | '万元' | undefined)[];
  /** More values than columns (mode 'extra'): the values that are too many. */
  extra?: ValueTok[];
  /** mode 'alignment': the readings the row's cells allow (see FitResult.alignments). */
  alignments?: string[];
  /** mode 'alignment': undecided by a line of the row's numbers starting with an empty field (FitResult.wrapped). */
  alignWrapped?: true;
  /** mode 'alignment': undecided (also, or only) by a line of TABs only among its numbers (FitResult.gapLines). */
  alignGapLines?: 'only' | 'also';
  /** The TAB fields' placement chosen by the row's sums (FitResult.placedBySum): said, low confidence. */
  placedBySum?: FitResult['placedBySum'];
  /** Columns the table's header prints after 总计 (a 备注 column): see trailingColumns. */
  trailingColumns?: number;
  /**
   * The row was read from its own line, the numbers printed after it before the next row's label
   * left out (ROW_EXTRA_VALUES, extraNextRow): that warning, which numbersBeforeLabels takes back
   * when the next row is given them.
   */
  extraForNext?: Diagnostic;
  /** The row's span holds a number (planTokens). */
  ownNumbers?: boolean;
  /** Why numbers printed before the row's label were not given to it (ROW_VALUES_NOT_READ says so). */
  beforeLabel?: string;
  /** Numbers apart by spaces only, short of the columns, read by cutting one (FitResult.spacesOnly). */
  spacesOnly?: true;
  /** Its columns in doubt, said in a warning naming its cells (wrappedOrNext): read at low confidence. */
  doubtful?: true;
}

/**
 * The order in which a table's header line prints its columns (「| 信息内容 | 现行有效件数 | 本年制发件数 |
 * 本年废止件数 |」), when it is not the format's: for each printed position, the format's column index.
 * Only a line of cells naming every column once; undefined otherwise (and when the order is the
 * format's). Said once (COLUMN_ORDER_FROM_HEADER) when used.
 */
function headerOrder(
  ctx: Ctx,
  where: string,
  fromM: number,
  toM: number,
  columns: readonly { label: string; variants: readonly string[] }[],
  cells: readonly CellId[],
): number[] | undefined {
  const { s } = ctx;
  if (columns.length < 2 || fromM >= toM || fromM >= s.m.length) return undefined;
  const first = s.nLine[mn(s, fromM)]!;
  const last = s.nLine[Math.max(mn(s, fromM), (toM >= s.m.length ? s.n.length : mn(s, toM)) - 1)]!;
  const base = (v: string) => v.replace(/（[^）]*）$/, '');
  for (let li = first; li <= last; li++) {
    const line = s.lines[li]?.cells;
    if (!line || line.length < columns.length) continue;
    const order: number[] = [];
    for (const c of line) {
      const t = normLabel(c.text);
      if (t === '') continue;
      const col = columns.findIndex((k) => k.variants.some((v) => t === v || t.startsWith(base(v))));
      if (col >= 0 && !order.includes(col)) order.push(col);
    }
    if (order.length !== columns.length) continue;
    if (order.every((c, i) => c === i)) return undefined;
    ctx.issues.push({
      code: 'COLUMN_ORDER_FROM_HEADER',
      severity: 'info',
      message: `${where}：表头的列顺序为「${order.map((i) => columns[i]!.label).join('、')}」，与统一格式不同，按表头的列读取各行`,
      cells: cells.slice(),
      ...(whereAt(s, mn(s, fromM)) ? { where: whereAt(s, mn(s, fromM))! } : {}),
    });
    return order;
  }
  return undefined;
}

/**
 * The order of a table's value columns as a header of one or more lines of cells prints them
 * (表三's 「申请人情况」 over 「自然人 | 法人或其他组织 | 总计」 over the 法人 columns; 表四's 15
 * columns under its groups): each cell naming a column is that column's, cells at the same place
 * in lines of as many cells are one column (the lines above name groups). `groups`: the columns
 * repeat that many times (表四's three groups), each a permutation of `columns`. Returns the order
 * (for each printed position, the format's column index) when every column is named once per
 * group and it is not the format's; `unknown` when header cells name columns in another order
 * than the format's but the whole order cannot be told (lines of different lengths: spanned
 * cells); nothing otherwise.
 */
function headerOrderOverLines(
  ctx: Ctx,
  fromM: number,
  toM: number,
  columns: readonly string[],
  groups = 1,
): { order?: number[]; unknown?: { printed: string } } {
  const { s } = ctx;
  if (fromM >= toM || fromM >= s.m.length) return {};
  const first = s.nLine[mn(s, fromM)]!;
  const last = s.nLine[Math.max(mn(s, fromM), (toM >= s.m.length ? s.n.length : mn(s, toM)) - 1)]!;
  const wanted = columns.map((c) => normLabel(c));
  const colOf = (text: string) => {
    const t = normLabel(text);
    return t === '' ? -1 : wanted.indexOf(t);
  };
  const lines: number[][] = [];
  const texts: string[][] = [];
  /** Each cell's column in the grid of the table's lines (HTML cells spanning columns and rows). */
  const at: number[][] = [];
  let spanned = false;
  // columns still covered by a cell of a line above (rowspan), with how many lines more
  let covered = new Map<number, number>();
  for (let li = first; li <= last; li++) {
    const line = s.lines[li];
    const cells = line?.cells;
    if (!line?.explicit || !cells) covered = new Map();
    if (!cells || cells.length < 2) continue;
    const pos: number[] = [];
    const next = new Map<number, number>();
    let x = 0;
    for (const c of cells) {
      while ((covered.get(x) ?? 0) > 0) x++;
      // (a Word cell knows its column: cells merged with the one above are not in the line)
      if (c.gridCol !== undefined) {
        x = c.gridCol;
        spanned = true;
      }
      pos.push(x);
      const span = c.span ?? { cols: 1, rows: 1 };
      if (c.span) spanned = true;
      for (let k = 0; k < span.cols; k++) if (span.rows > 1) next.set(x + k, span.rows - 1);
      x += span.cols;
    }
    for (const [col, left] of covered) if (left > 1 && !next.has(col)) next.set(col, left - 1);
    covered = next;
    const m = cells.map((c) => (c.span && c.span.cols > 1 ? -1 : colOf(c.text)));
    if (m.filter((v) => v >= 0).length === 0) continue;
    lines.push(m);
    at.push(pos);
    texts.push(cells.map((c) => c.text.trim()));
  }
  if (lines.length === 0) return {};
  const n = lines[0]!.length;
  if (spanned || lines.every((l) => l.length === n)) {
    // cells at the same place (in the grid, when cells span) are one column
    const width = Math.max(...lines.map((l, i) => (spanned ? Math.max(...at[i]!) + 1 : l.length)));
    const merged: number[] = new Array(width).fill(-1);
    let clash = false;
    lines.forEach((l, li) => {
      l.forEach((c, i) => {
        if (c < 0) return;
        const x = spanned ? at[li]![i]! : i;
        if (merged[x]! >= 0 && merged[x] !== c) clash = true;
        merged[x] = c;
      });
    });
    const order = merged.filter((c) => c >= 0);
    const whole =
      !clash &&
      order.length === columns.length * groups &&
      Array.from({ length: groups }, (_, g) =>
        order.slice(g * columns.length, (g + 1) * columns.length),
      ).every((part) => new Set(part).size === columns.length);
    if (whole) {
      const full = order.map((c, i) => Math.floor(i / columns.length) * columns.length + c);
      return full.every((c, i) => c === i) ? {} : { order: full };
    }
  }
  // what the header shows of the order, line by line: another order than the format's, not told whole
  const odd = lines.findIndex((l) => {
    const named = l.filter((c) => c >= 0);
    if (groups === 1) return named.some((c, i) => i > 0 && c <= named[i - 1]!);
    // several groups: only a line naming whole groups, one of them in another order, tells it (a
    // PDF's header lines name the columns in pieces: 「总计 | 总计」 on a line of their own)
    if (named.length === 0 || named.length % columns.length !== 0) return false;
    const parts = Array.from({ length: named.length / columns.length }, (_, g) =>
      named.slice(g * columns.length, (g + 1) * columns.length),
    );
    return (
      parts.every((part) => new Set(part).size === columns.length) &&
      parts.some((part) => part.some((c, i) => c !== i))
    );
  });
  if (odd < 0) return {};
  return { unknown: { printed: texts[odd]!.filter((t) => t !== '').join(' | ') } };
}

/** COLUMN_ORDER_FROM_HEADER for an order told by a header of several lines. */
function columnOrderSaid(
  ctx: Ctx,
  where: string,
  order: readonly number[],
  columns: readonly { label: string }[],
  cells: readonly CellId[],
  fromM: number,
): void {
  const w = whereAt(ctx.s, mn(ctx.s, fromM));
  ctx.issues.push({
    code: 'COLUMN_ORDER_FROM_HEADER',
    severity: 'info',
    message: `${where}：表头的列顺序为「${order.map((i) => columns[i]!.label).join('、')}」，与统一格式不同，按表头的列读取各行`,
    cells: cells.slice(),
    ...(w ? { where: w } : {}),
  });
}

/**
 * A header that names the columns in another order than the format's without telling where each
 * one is (cells spanning others): the table's numbers are not read — read in the format's order
 * they would sit in the wrong columns.
 */
function columnOrderUnknown(
  ctx: Ctx,
  where: string,
  printed: string,
  cells: readonly CellId[],
  fromM: number,
): void {
  const w = whereAt(ctx.s, mn(ctx.s, fromM));
  ctx.issues.push({
    code: 'COLUMN_ORDER_UNKNOWN',
    severity: 'error',
    message: `${where}：表头的列顺序与统一格式不同（原文表头：${printed}），但无法确定每一列的位置（表头有合并单元格），本表的数没有读取，以免填入错误的列；请按原文核对后填写`,
    cells: cells.slice(),
    ...(w ? { where: w } : {}),
    details: { printed },
  });
}

const TOTAL = normLabel('总计');

/**
 * Cells the table's header line prints after its 总计 cell (「| … | 总计 | 备注 |」): a row's last
 * cells are then those columns', not values. Only a line of cells (pipes, HTML, tabs); undefined when
 * there is no such line between fromM and toM.
 */
function trailingColumns(s: Stream, fromM: number, toM: number): number | undefined {
  if (fromM >= toM || fromM >= s.m.length) return undefined;
  const first = s.nLine[mn(s, fromM)]!;
  const last = s.nLine[Math.max(mn(s, fromM), (toM >= s.m.length ? s.n.length : mn(s, toM)) - 1)]!;
  for (let li = first; li <= last; li++) {
    const cells = s.lines[li]?.cells;
    if (!cells || cells.length < 2) continue;
    const at = cells.findIndex((c) => normLabel(c.text) === TOTAL);
    if (at >= 0) return cells.length - 1 - at;
  }
  return undefined;
}

/** Whether the identities hold for the row's values (every one checkable and equal). */
function rowHolds(values: readonly (number | null | undefined)[], ids: readonly RowIdentity[]): boolean {
  if (ids.length === 0) return false;
  for (const g of ids) {
    const t = values[g.total];
    if (typeof t !== 'number') return false;
    let sum = 0;
    for (const p of g.parts) {
      const v = values[p];
      if (typeof v !== 'number') return false;
      sum += v;
    }
    if (Math.abs(sum - t) > 1e-9) return false;
  }
  return true;
}

/** Write a row plan with exactly one candidate into the report. */
function commitRow(
  ctx: Ctx,
  p: RowPlan,
  cand: (FitCell | undefined)[],
  alternatives?: (FitCell | undefined)[][],
): void {
  const { s } = ctx;
  const ids = p.ids;
  const inferred: CellId[] = [];
  const split: CellId[] = [];
  const rowIds = p.identities ?? [];
  const holdsAsRead = rowHolds(
    cand.map((c) => c?.value),
    rowIds,
  );
  for (let i = 0; i < p.columns.length; i++) {
    const col = p.columns[i]!;
    const id = ids[i]!;
    const c = cand[i];
    if (!c) continue;
    if (c.method === 'unreadable' && c.wrapped) {
      // a number printed wrapped over lines in its cell whose joined reading the row does not bear out
      const w = c.ni !== undefined ? whereAt(s, c.ni) : p.labelWhere;
      const issue: Diagnostic = {
        code: 'CELL_UNREADABLE',
        severity: 'error',
        message: `${ctx.labelOf(id)}：原文在单元格中折行印作「${c.wrapped.join('」「')}」（上下 ${c.wrapped.length} 行），合读为 ${c.raw?.trim()} ${c.unchecked ? '无法由本行总计与各列之和核对（该行有读不出的单元格）' : `时本行总计与各列之和对不上${cand.some((x) => x?.value === null && x.method !== 'unreadable') ? '（空白单元格按 0 计）' : ''}`}${p.table === 'applications' && c.joined !== undefined && ctx.pendingWrapped ? '，所在列的勾稽关系（（七）总计等于各项办理结果之和，第一项加第二项等于第三项加第四项）也不能证实' : ''}，无法确定，未填入（不当作 0，也不推算），请按原文核对后填写${p.printed ? `；该行原文：${p.printed}` : ''}`,
        cell: id,
        ...(w ? { where: w } : {}),
        details: { raw: c.raw ?? '', pieces: c.wrapped, ...(p.printed ? { printed: p.printed } : {}) },
      };
      // 表三: its columns' sums may establish the number once every row is read
      if (p.table === 'applications' && c.joined !== undefined && ctx.pendingWrapped)
        ctx.pendingWrapped.push({ id, value: c.joined, plan: p, col: i, cell: c, issue });
      else ctx.issues.push(issue);
      continue;
    }
    // 「5万」「5万元」 in a count: no number of 件 (as typed, core refuses it), never 5
    const scaledInCount =
      (c.scaled || c.unit) && col.valueType !== 'money' && c.method !== 'unreadable'
        ? parseCellText(c.raw ?? '', col.valueType === 'signedCount' ? 'signedCount' : 'count')
        : undefined;
    // 「6 9」: digits spaced otherwise than in thousands groups (typed, core refuses it), read as one
    // number only where the row's sums bear it out (a PDF's spacing) — never on a guess
    const spacedUnsure =
      c.spaced !== undefined &&
      c.method !== 'split' &&
      c.method !== 'unreadable' &&
      c.value !== null &&
      !holdsAsRead &&
      parseCellText(c.spaced.join(' '), 'count').kind !== 'value';
    if (c.method === 'unreadable' || scaledInCount || spacedUnsure) {
      // printed, but not a number: left unread, with what was printed
      const w = c.ni !== undefined ? whereAt(s, c.ni) : p.labelWhere;
      const raw = c.raw?.trim();
      ctx.issues.push({
        code: 'CELL_UNREADABLE',
        severity: 'error',
        message: `${ctx.labelOf(id)}：${
          c.hanNumeral
            ? `原文印作「${raw}」：“${raw}”是汉字数字，未读取（不当作 0，也不推算），请按原文填写阿拉伯数字`
            : spacedUnsure
              ? `原文印作「${raw}」（数字间有空格，不是每 3 位一组的千位分隔），可能是 ${c.spaced!.length} 个数（${c.spaced!.join('、')}）${rowIds.length ? '，按一个数读时本行总计与各列之和不能证实' : ''}，未填入（不当作 0，也不推算），请按原文核对后填写`
              : scaledInCount?.kind === 'error'
                ? `原文印作「${raw}」（${scaledInCount.message}），未填入（不当作 0，也不推算），请按原文核对后填写`
                : `原文印作「${raw}」，无法确定地读作数字，未填入（不当作 0，也不推算），请按原文核对后填写`
        }${p.printed ? `；该行原文：${p.printed}` : ''}`,
        cell: id,
        ...(w ? { where: w } : {}),
        details: { raw: c.raw ?? '', ...(p.printed ? { printed: p.printed } : {}) },
      });
      continue;
    }
    const method = c.method;
    const cell: Cell = { value: c.value, origin: method === 'inferred' ? 'inferred' : 'imported' };
    if (c.raw !== undefined && (c.value === null || c.raw !== String(c.value))) cell.raw = c.raw;
    if (col.valueType === 'money') {
      const printedUnit = p.headerUnits?.[i];
      const formatUnit = col.unit === '万元' ? '万元' : undefined;
      const headerUnit = printedUnit ?? formatUnit;
      if (printedUnit && formatUnit && printedUnit !== formatUnit && c.value !== null)
        ctx.issues.push({
          code: 'UNIT_HEADER_DIFFERS',
          severity: 'warning',
          message: `${ctx.labelOf(id)}：表头印的单位是${printedUnit}（统一格式为${formatUnit}），按表头印的单位${printedUnit}记录`,
          cell: id,
        });
      cell.unit = c.unit ?? headerUnit ?? 'unknown';
      if (c.unit && headerUnit && c.unit !== headerUnit)
        ctx.issues.push({
          code: 'UNIT_DIFFERS',
          severity: 'warning',
          message: `${ctx.labelOf(id)}：表头单位为${headerUnit}，单元格印有「${c.raw}」，按印出的单位${c.unit}记录`,
          cell: id,
          ...(c.ni !== undefined ? { where: whereAt(s, c.ni)! } : {}),
        });
      else if (!c.unit && printedUnit && !formatUnit && c.value !== null)
        ctx.issues.push({
          code: 'UNIT_FROM_HEADER',
          severity: 'info',
          message: `${ctx.labelOf(id)}：单元格只印数字「${c.raw ?? c.value}」，按表头印出的单位记为${printedUnit}`,
          cell: id,
        });
    }
    if (typeof c.value === 'number' && method !== 'inferred') {
      // a value the column cannot hold: stored as printed, said here (validation says it again)
      const bad =
        col.valueType === 'money'
          ? c.value < 0
            ? '金额不应为负数'
            : undefined
          : !Number.isInteger(c.value)
            ? col.valueType === 'signedCount'
              ? '本年增/减应为整数'
              : '件数应为不小于 0 的整数'
            : c.value < 0 && col.valueType !== 'signedCount'
              ? '件数应为不小于 0 的整数（只有本年增/减可以为负）'
              : undefined;
      if (bad)
        ctx.issues.push({
          code: 'VALUE_DOUBTFUL',
          severity: 'warning',
          message: `${ctx.labelOf(id)}：原文印作「${c.raw?.trim() ?? c.value}」，${bad}；按原文记为 ${c.value}，请核对`,
          cell: id,
          ...(c.ni !== undefined && whereAt(s, c.ni) ? { where: whereAt(s, c.ni)! } : {}),
        });
    }
    ctx.cells[id] = cell;
    // an inferred cell has no printed text: point at its row
    const where = c.ni !== undefined ? whereAt(s, c.ni) : p.labelWhere;
    const src: CellSource = {
      cell: id,
      label: ctx.labelOf(id),
      value: c.value,
      method: p.chosen ? 'chosen' : method,
      confidence: confidenceOf(c, {
        alias: p.alias ?? false,
        fuzzy: p.fuzzy ?? false,
        // a column fixed by which TAB fields were taken for the row, chosen by its sums
        chosen: (p.chosen ?? false) || p.placedBySum !== undefined || p.doubtful === true,
      }),
    };
    if (c.raw !== undefined) src.raw = c.raw;
    if (where) src.where = where;
    const before = ctx.sources[id];
    if (before === undefined) ctx.sourceList.push(src);
    else ctx.sourceList[ctx.sourceList.indexOf(before)] = src;
    ctx.sources[id] = src;
    if (method === 'inferred' && c.raw !== undefined)
      // printed as something else than a number (「3O」), its value fixed by the row's identities
      ctx.issues.push({
        code: 'CELL_INFERRED_FROM_TEXT',
        severity: 'warning',
        message: `${ctx.labelOf(id)}：原文印作「${c.raw.trim()}」，无法读作数字；按${p.table === 'reviewLitigation' ? '表四该组总计与各列之和的关系' : '本行总计与各列之和的关系'}记为 ${c.value}（推算值，不是原文印出的数），请核对`,
        cell: id,
        ...(where ? { where } : {}),
        details: { raw: c.raw, value: c.value, ...(p.printed ? { printed: p.printed } : {}) },
      });
    else if (method === 'inferred') inferred.push(id);
    if (method === 'split') split.push(id);
    if (c.spaced && method !== 'split' && c.value !== null)
      ctx.issues.push(
        holdsAsRead
          ? {
              code: 'VALUE_SPACED',
              severity: 'info',
              message: `${ctx.labelOf(id)}：印作「${c.raw?.trim()}」（数字间有空格），读为一个数 ${c.value}：按此读法本行总计与各列之和相符，拆成 ${c.spaced.length} 个数则本行对不上`,
              cell: id,
              ...(where ? { where } : {}),
            }
          : {
              code: 'VALUE_SPACED',
              severity: 'warning',
              message: `${ctx.labelOf(id)}：印作「${c.raw?.trim()}」（数字间有空格），读为 ${c.value}，但也可能是 ${c.spaced.length} 个数（${c.spaced.join('、')}）${rowIds.length ? '，本行勾稽关系不能证实' : ''}，请核对`,
              cell: id,
              ...(where ? { where } : {}),
            },
      );
    else if (c.footnote && c.value !== null && rowIds.length > 0 && !holdsAsRead)
      // 「1²」: a footnote mark, or a digit printed small? The row's sums do not say it is a mark
      ctx.issues.push({
        code: 'VALUE_FOOTNOTE_DOUBTFUL',
        severity: 'warning',
        message: `${ctx.labelOf(id)}：印作「${c.raw?.trim()}」，把「${c.footnote}」当作脚注记号读为 ${c.value}；但本行总计与各列之和对不上，「${c.footnote}」也可能是数字的一部分，请按原文核对`,
        cell: id,
        ...(where ? { where } : {}),
        details: { raw: c.raw ?? '', mark: c.footnote },
      });
    else if (c.normalised && c.value !== null)
      ctx.issues.push({
        code: 'VALUE_NORMALISED',
        severity: 'info',
        message: `${ctx.labelOf(id)}：印作「${c.raw}」，读为 ${c.value}${cell.unit && cell.unit !== 'unknown' ? `（单位：${cell.unit}）` : ''}${c.scaled?.note ? `：${c.scaled.note}` : ''}`,
        cell: id,
        ...(where ? { where } : {}),
      });
    if (c.value === null)
      ctx.issues.push({
        code: 'CELL_BLANK',
        severity: 'info',
        message: `${ctx.labelOf(id)}：原文为空白${c.raw ? `（「${c.raw}」）` : ''}，保留为空，不当作 0`,
        cell: id,
        ...(where ? { where } : {}),
      });
  }
  if (inferred.length > 0) {
    ctx.issues.push({
      code: 'CELL_INFERRED',
      severity: 'warning',
      message: `${p.rowLabel}：原文该行少了 ${inferred.length} 个数${p.printed ? `（原文：${p.printed}）` : ''}，由${p.table === 'reviewLitigation' ? '表四各组总计' : '本行总计与各列之和的关系'}推算补齐（推算值，不是原文印出的数）：${inferred
        .map((id) => `${ctx.labelOf(id)} = ${ctx.cells[id]?.value}`)
        .join('；')}`,
      cells: inferred,
      ...(p.labelWhere ? { where: p.labelWhere } : {}),
      details: { row: p.rowKey },
    });
  }
  if (split.length > 0 && !p.chosen) {
    ctx.issues.push({
      code: 'DIGITS_SPLIT',
      severity: 'warning',
      message: p.spacesOnly
        ? `${p.rowLabel}：该行印的数比 ${p.columns.length} 列少${p.printed ? `（原文：${p.printed}）` : ''}，只有把其中的数拆开才能使本行总计等于各列之和：${cand
            .map((c) => c?.raw?.trim() ?? '?')
            .join(
              ' | ',
            )}，按此读取；但原文以空格分隔，也可能是空白单元格没有留下痕迹而该行本身对不上，各数所在的列不能确定，请按原文核对`
        : `${p.rowLabel}：数字连在一起（无分隔），按${p.table === 'activeDisclosure' ? '列数' : '本行勾稽关系'}只有一种拆分方式：${cand
            .map((c) => c?.raw ?? '?')
            .join(' | ')}`,
      cells: ids.slice(),
      ...(p.labelWhere ? { where: p.labelWhere } : {}),
    });
  }
  if (p.mode === 'blanks' && !p.chosen) {
    const left = ids.filter((_, i) => !cand[i]);
    ctx.issues.push({
      code: 'ROW_BLANKS_PLACED',
      severity: 'warning',
      message: `${p.rowLabel}：该行印的数比 ${p.columns.length} 列少${p.printed ? `（原文：${p.printed}）` : ''}，原文以空格分隔、空白单元格没有留下痕迹；只有一种放法能使${p.table === 'reviewLitigation' ? '各组总计等于其各列之和' : '本行总计等于各列之和'}，按此读取：${cand
        .map((c) => c?.raw?.trim() ?? '（空）')
        .join(' | ')}（${left.map((id) => ctx.labelOf(id)).join('、')} 未读到，不当作 0），请核对各列`,
      cells: ids.slice(),
      ...(p.labelWhere ? { where: p.labelWhere } : {}),
      details: { row: p.rowKey },
    });
  }
  if (p.placedBySum) {
    const pb = p.placedBySum;
    const sums = p.table === 'reviewLitigation' ? '各组总计等于其各列之和' : '本行总计等于各列之和';
    ctx.issues.push({
      code: 'ROW_BLANKS_PLACED',
      severity: 'warning',
      message: `${p.rowLabel}：${
        pb.wrapped
          ? `该行以 TAB 分隔，数接续印在下一行（原文：${pb.line}），${wrappedDoubt(pb.gapLines)}，它决定其后每个数属于哪一列`
          : `该行以 TAB 分隔，印有 ${pb.line.split(' | ').length} 个单元格（原文：${pb.line}），比 ${p.columns.length} 列多，多出的空单元格在行首（合并的标题列）还是行尾看不出，它决定每个数属于哪一列`
      }；只有一种放法能使${sums}（空白按 0 计），按此放法读取：${p.columns
        .map((col, i) => {
          const v = ctx.cells[ids[i]!]?.value;
          return `${col.label} =${pb.placement[i] !== null ? ` ${pb.placement[i]}` : typeof v === 'number' ? `（空，推算为 ${v}）` : '（空）'}`;
        })
        .join('，')}（${pb.others.length > 1 ? '其他放法' : '另一种放法'}：${
        // (a placement whose 总计 is blank cannot be checked: it does not 「对不上」)
        pb.othersBlank?.some(Boolean) && !pb.othersBlank.every(Boolean)
          ? pb.others
              .map((o, i) => `${o}（${pb.othersBlank![i] ? '总计空白，无从核对' : '对不上'}）`)
              .join('；')
          : `${pb.others.join('；')}，${
              pb.othersBlank?.length && pb.othersBlank.every(Boolean)
                ? '总计空白，无从核对'
                : `${sums.replace('等于', '与')}对不上`
            }`
      }）；这些单元格的列是按勾稽关系推定的（低可信度），请逐列按原文核对`,
      cells: ids.slice(),
      ...(p.labelWhere ? { where: p.labelWhere } : {}),
      details: { row: p.rowKey, printed: pb.line, placement: pb.placement, others: pb.others },
    });
  }
  if (p.chosen && alternatives) {
    const what =
      p.mode === 'split'
        ? `连在一起的数字有 ${alternatives.length} 种拆分都符合本行勾稽关系`
        : `原文该行${p.printed ? `（${p.printed}）` : ''}有 ${alternatives.length} 种读法都符合本行勾稽关系`;
    ctx.issues.push({
      code: 'DIGITS_SPLIT_CHOSEN',
      severity: 'warning',
      message: `${p.rowLabel}：${what}（${alternatives
        .map((a) => a.map((c) => c?.value ?? '?').join('|'))
        .join('；')}），按表三各列的勾稽关系选定 ${cand.map((c) => c?.value ?? '?').join('|')}`,
      cells: ids.slice(),
      ...(p.labelWhere ? { where: p.labelWhere } : {}),
      details: { alternatives: alternatives.map((a) => a.map((c) => c?.value ?? null)) },
    });
  }
  if (p.alias) {
    // recorded by caller in aliasesUsed
  }
  const missing = ids.filter((_, i) => !cand[i]);
  if (missing.length > 0)
    ctx.issues.push({
      code: p.cutOff ? 'CELLS_CUT_OFF' : 'CELLS_NOT_FOUND',
      severity: 'warning',
      message: `${p.rowLabel}：${p.cutOff ? '原文在此截断，' : ''}有 ${missing.length} 个单元格没有读到（${missing.map((id) => ctx.labelOf(id)).join('、')}），未当作 0`,
      cells: missing,
      ...(p.labelWhere ? { where: p.labelWhere } : {}),
    });
}

function reportAmbiguous(ctx: Ctx, p: RowPlan): void {
  const ids = p.ids.slice();
  const printed = p.printed ? `（原文：${p.printed}）` : '';
  if (p.mode === 'extra') {
    ctx.issues.push({
      code: 'ROW_EXTRA_VALUES',
      severity: 'error',
      message: `${p.rowLabel}：该行印有多于 ${p.columns.length} 个数值${printed}，${
        p.identities?.length ? '去掉任何一个都不能使本行总计与各列之和相符' : '无法判断哪个是多出的'
      }，未填入这些单元格`,
      cells: ids,
      ...(p.labelWhere ? { where: p.labelWhere } : {}),
      details: { ...(p.printed ? { printed: p.printed } : {}), extra: (p.extra ?? []).map((t) => t.raw) },
    });
    return;
  }
  if (p.mode === 'wrapped') return; // said where it was found (VALUE_WRAPPED)
  if (p.mode === 'alignment') {
    ctx.issues.push({
      code: 'ROW_ALIGNMENT_UNCERTAIN',
      severity: 'error',
      message: `${p.rowLabel}：${
        p.alignWrapped
          ? `该行的数接续印在下一行${printed}，${wrappedDoubt(p.alignGapLines)}，它决定其后每个数属于哪一列，无法确定`
          : `该行的单元格比 ${p.columns.length} 列多${printed}，多出的${(p.alignments ?? []).some((a) => countNums(a) < countNums(p.printed ?? '')) ? '单元格（印有数）' : '空单元格'}在行首还是行尾无法确定`
      }（${(p.alignments ?? []).map((a, i) => `读法${i + 1}：${a}`).join('；')}），各列的数会因此不同，未填入这些单元格，请按原文核对后填写`,
      cells: ids,
      ...(p.labelWhere ? { where: p.labelWhere } : {}),
      details: { ...(p.printed ? { printed: p.printed } : {}), readings: p.alignments ?? [] },
    });
    return;
  }
  if (p.mode === 'blanks') {
    // numbers apart by spaces, fewer than the columns: where the blanks were cannot be seen
    const sums = p.table === 'reviewLitigation' ? '各组总计等于其各列之和' : '本行总计等于各列之和';
    const k = p.printed ? p.printed.trim().split(/\s+/).length : 0;
    // 表二's rows have no 总计: every placement of the numbers is as good as another
    const noSums = !p.identities?.length;
    const readings = p.candidates.map((a) =>
      a.map((c) => c?.raw?.trim() ?? c?.value ?? '（空）').join(' | '),
    );
    ctx.issues.push({
      code: 'ROW_ALIGNMENT_UNCERTAIN',
      severity: 'error',
      message: `${p.rowLabel}：该行只印了 ${k} 个数，比 ${p.columns.length} 列少${printed}；原文的数以空格分隔，空白单元格没有留下痕迹，${
        p.candidates.length === 0
          ? '把这些数放进各列，没有一种放法能由印出的总计证实（各列之和与总计对不上，空白按 0 计；总计空白则无从核对）'
          : `有 ${p.candidates.length} 种放法${noSums ? '（该行没有总计，无从核对）' : `都能使${sums}`}（${readings
              .slice(0, 8)
              .map((r, i) => `读法${i + 1}：${r}`)
              .join('；')}${readings.length > 8 ? '；…' : ''}）`
      }，各数属于哪一列无法确定，未填入这些单元格（不推算缺的数，也不按顺序填入），请按原文核对后填写`,
      cells: ids,
      ...(p.labelWhere ? { where: p.labelWhere } : {}),
      details: {
        ...(p.printed ? { printed: p.printed } : {}),
        readings: p.candidates.slice(0, 50).map((a) => a.map((c) => c?.value ?? null)),
      },
    });
    return;
  }
  if (p.mode === 'tooMany' || p.candidates.length > 1) {
    const shown = p.candidates.slice(0, 8).map((a) => a.map((c) => c?.value ?? '?').join('|'));
    const what =
      p.mode === 'tooMany'
        ? '连在一起的数字有过多拆分方式都说得通'
        : p.mode === 'split'
          ? `连在一起的数字有 ${p.candidates.length} 种拆分方式都说得通`
          : p.mode === 'dropped'
            ? `该行印有多于 ${p.columns.length} 个数值，去掉不同的数都能使本行勾稽关系成立，有 ${p.candidates.length} 种读法`
            : `该行有 ${p.candidates.length} 种读法都说得通（${p.mode === 'mixed' ? '拆开连在一起的数字，或推算一个没有印出的数' : '缺的数可以在不同位置'}）`;
    ctx.issues.push({
      code: 'DIGITS_SPLIT_AMBIGUOUS',
      severity: 'error',
      message: `${p.rowLabel}：${what}${printed}（${shown.join('；')}${
        p.candidates.length > 8 ? '；…' : ''
      }），无法确定，未填入这些单元格`,
      cells: ids,
      ...(p.labelWhere ? { where: p.labelWhere } : {}),
      details: { candidates: p.candidates.slice(0, 50).map((a) => a.map((c) => c?.value ?? null)) },
    });
  } else {
    ctx.issues.push({
      code: 'ROW_VALUES_NOT_READ',
      severity: 'error',
      message: `${p.rowLabel}：找到了行标题，但读不出与 ${p.columns.length} 列对应的数值${printed}${p.beforeLabel ? `；${p.beforeLabel}` : ''}，未填入这些单元格`,
      cells: ids,
      ...(p.labelWhere ? { where: p.labelWhere } : {}),
    });
  }
}

/** Section headings in M, in order. */
function findSections(s: Stream, L: EditionLabels): ({ start: number; end: number } | undefined)[] {
  const out: ({ start: number; end: number } | undefined)[] = [];
  let cur = 0;
  for (const sec of L.sections) {
    const h = firstHit(s.m, sec.headings, cur, s.m.length);
    if (h) {
      out.push({ start: h.start, end: h.end });
      cur = h.end;
    } else out.push(undefined);
  }
  return out;
}

const CAPTION_RE = /第二十条(?:第(?:（([一二三四五六七八九十]+)）(?:项)?)?)?/g;

interface Terminators {
  starts: number[];
}

function makeTerminators(
  s: Stream,
  variants: string[],
  from: number,
  to: number,
  extra: number[] = [],
): Terminators {
  // every start, sorted, each once
  const all = extra.slice();
  for (const v of variants) findAll(s.m, v, from, to, all);
  all.sort((a, b) => a - b);
  let k = 0;
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[k - 1]) all[k++] = all[i]!;
  all.length = k;
  return { starts: all };
}

function nextTerminator(t: Terminators, from: number): number | undefined {
  // binary search for first start >= from
  let lo = 0;
  let hi = t.starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (t.starts[mid]! < from) lo = mid + 1;
    else hi = mid;
  }
  return t.starts[lo];
}

/** Is the N range [b, end) only whitespace/separators (the text ends there)? */
function endsAt(s: Stream, mEnd: number): boolean {
  return !s.complete && mEnd >= s.m.length;
}

interface FoundRow {
  idx: number;
  hit: Hit;
  alias: boolean;
  fuzzy: boolean;
  printed: string;
  /**
   * The label printed more than once before the next row (a heading over a mini-table, or the row
   * twice): every place [start, end) in M, the one read (hit) last; `bound` where the next row starts.
   */
  places?: { start: number; end: number }[];
  bound?: number;
}

/**
 * Match row labels in order within [from, to). Returns hits per row index (undefined = not found).
 */
function matchRows(
  s: Stream,
  rows: { v: { variants: { text: string; alias: boolean; printed: string }[] }; label: string }[],
  from: number,
  to: number,
  isData: (i: number) => boolean,
  wrapped = false,
): (FoundRow | undefined)[] {
  const out: (FoundRow | undefined)[] = rows.map(() => undefined);
  const placesOf = new Map<number, { places: { start: number; end: number }[]; bound: number }>();
  let cur = from;
  const variants = rows.map((r) => r.v.variants.map((v) => v.text));
  const variantsOf = (i: number) => variants[i]!;
  // labels wrapped around their numbers after a head too short to be looked for (「（一）」「2.重复」)
  const heads = wrapped ? shortHeads(s, rows, from, to, isData) : undefined;
  const headFrom = (i: number, at: number, before = to): HeadHit | undefined =>
    heads?.[i]?.find((h) => h.start >= at && h.start < before);
  // firstHit(…, from, to) of each row, remembered: `cur` only grows, and the earliest hit at or
  // after `from` is still the earliest at or after any later `cur` up to its start
  const memoFrom: number[] = rows.map(() => -1);
  const memoHit: (Hit | undefined)[] = rows.map(() => undefined);
  const exactFrom = (i: number, at: number): Hit | undefined => {
    const f = memoFrom[i]!;
    if (f >= 0 && f <= at) {
      const h = memoHit[i];
      if (h === undefined || h.start >= at) return h;
    }
    const h = firstHit(s.m, variants[i]!, at, to);
    memoFrom[i] = at;
    memoHit[i] = h;
    return h;
  };
  const hitFrom = (i: number, at: number): Hit | undefined => {
    const h = exactFrom(i, at);
    const w = headFrom(i, at, h ? h.start : to);
    return w ?? h;
  };
  for (let i = 0; i < rows.length; i++) {
    const hit = hitFrom(i, cur);
    if (!hit) continue;
    // a later row found before this one means this row's label is missing here
    let bound = to;
    for (let j = i + 1; j < Math.min(rows.length, i + 4); j++) {
      const hj = hitFrom(j, cur);
      if (hj && hj.start < hit.start && hj.end <= hit.start) {
        bound = -1;
        break;
      }
      if (hj && hj.start >= hit.end && hj.start < bound) bound = hj.start;
    }
    if (bound < 0) continue;
    // the last occurrence before the next row (a heading repeated above a mini-table)
    let chosen: Hit | HeadHit = hit;
    // (a head's label goes on after its numbers: no other occurrence)
    const past = (h: Hit | HeadHit) => ('restEnd' in h ? h.restEnd : h.end);
    if (isData(i)) {
      const next = (at: number) => {
        const e = firstHit(s.m, variantsOf(i), at, bound);
        const w = headFrom(i, at, e ? e.start : bound);
        return w ?? e;
      };
      const places: { start: number; end: number }[] = [];
      let h2 = next(past(chosen));
      while (h2) {
        places.push({ start: chosen.start, end: past(chosen) });
        chosen = h2;
        h2 = next(past(chosen));
      }
      if (places.length > 0) places.push({ start: chosen.start, end: past(chosen) });
      if (places.length > 0) placesOf.set(i, { places, bound });
    }
    const v = rows[i]!.v.variants.find((x) => x.text === chosen.text)!;
    out[i] = {
      idx: i,
      hit: { start: chosen.start, end: chosen.end, text: chosen.text },
      alias: v.alias,
      fuzzy: false,
      printed: v.printed,
      ...placesOf.get(i),
    };
    cur = past(chosen);
  }
  // damaged labels: look between found neighbours for a text run resembling the label
  for (let i = 0; i < rows.length; i++) {
    if (out[i] || !isData(i)) continue;
    let a = from;
    for (let j = i - 1; j >= 0; j--)
      if (out[j]) {
        a = out[j]!.hit.end;
        break;
      }
    let b = -1;
    for (let j = i + 1; j < rows.length; j++)
      if (out[j]) {
        b = out[j]!.hit.start;
        break;
      }
    // the table's last row: only a label wrapped around its numbers (below), up to the table's end
    const last = b < 0;
    if (last) b = to;
    if (b - a > 4000) continue;
    const win = s.m.slice(a, b);
    const target = stripPrefix(rows[i]!.v.variants[0]!.text);
    const re = /(?:\d\.)?[^\d]{3,}/g;
    let best: { start: number; end: number; score: number; printed: string } | undefined;
    const runs: { start: number; end: number; text: string }[] = [];
    for (let mm = re.exec(win); mm; mm = re.exec(win))
      runs.push({ start: mm.index, end: mm.index + mm[0].length, text: mm[0] });
    const bare = (t: string) =>
      t
        .replaceAll(CELL_SEP, '')
        .replaceAll(LINE_SEP, '')
        .replace(/[—–-]+$/, '');
    for (let k = 0; k < runs.length; k++) {
      const r = runs[k]!;
      const text = stripPrefix(r.text);
      if (!last && text.length <= 2 * target.length + 8) {
        const score = lcsRatio(text, target);
        if (score >= 0.6 && (!best || score > best.score))
          best = { start: a + r.start, end: a + r.end, score, printed: r.text };
      }
      // A label wrapped over two lines with the row's numbers beside its first line (Word's PDFs:
      // 「5.要求行政机关确认或 0 0 0 0 0 0 0」「重新出具已获取信息」): the text after the numbers ends
      // the label, and the numbers, which follow the label's first line, are this row's.
      const n = runs[k + 1];
      // The label's first half is on its numbers' line, its rest on the line after them: words of
      // the runs on other lines may be other text — 表三's header run on into 「一、本年」 with no digit
      // between, the next row's label after the rest. A rest starting 「、」 reads 「.」 after the
      // numbers' last digit (「311、行政…」 is 「311.行政…」), the run taking 「1.」 as a 序号: no part
      // of the label. Each run is tried whole too (a label over three lines, its numbers beside the
      // middle one).
      const lineOf = (mi: number) => s.nLine[s.mToN[a + mi]!]!;
      let rs = r.start;
      while (rs < r.end - 1 && lineOf(rs) !== lineOf(r.end - 1)) rs++;
      const rests = new Set<string>();
      if (n && /^[\d.]*$/.test(bare(win.slice(r.end, n.start)))) {
        let ns = n.start;
        if (/^\d\./.test(n.text) && lineOf(ns) !== lineOf(ns + 2)) ns += 2;
        let ne = n.end;
        while (ne > ns + 1 && lineOf(ne - 1) !== lineOf(ns)) ne--;
        rests.add(n.text);
        rests.add((ns > n.start && win[ns - 1] === '.' ? '、' : '') + win.slice(ns, ne));
      }
      // a rest too short to be a run (「秘密」 under 「1.属于国家⇥0⇥…」): the words after the numbers,
      // on the line after them
      const after = /^[\d.]*([^\d]+)/.exec(win.slice(r.end));
      if (after && after[0].length > after[1]!.length) {
        const st = r.end + after[0].length - after[1]!.length;
        let en = st + after[1]!.length;
        while (en > st + 1 && lineOf(en - 1) !== lineOf(st)) en--;
        if (lineOf(st) > lineOf(r.end - 1)) rests.add(win.slice(st, en));
      }
      if (rests.size === 0) continue;
      for (const hs of new Set([r.start, rs]))
        for (const rest of rests) {
          const printed = bare(win.slice(hs, r.end)) + bare(rest);
          const joined = stripPrefix(printed);
          if (joined.length > 2 * target.length + 8) continue;
          const score = lcsRatio(joined, target);
          if (score >= 0.9 && (!best || score > best.score))
            best = { start: a + hs, end: a + r.end, score, printed };
        }
    }
    if (best) {
      out[i] = {
        idx: i,
        hit: { start: best.start, end: best.end, text: s.m.slice(best.start, best.end) },
        alias: false,
        // the label as printed, only wrapped around its numbers: found, not damaged
        fuzzy: stripPrefix(best.printed) !== target,
        printed: best.printed,
      };
    }
  }
  return out;
}

/**
 * A row printed twice with different numbers (an old row left under the new one, a page's last row
 * repeated changed on the next): the last place is read — where a heading over a mini-table prints
 * the label first — and both are said, as only the office knows which is right. Places with the same
 * numbers (a row repeated over a page break), or no number (a heading), say nothing.
 */
function sayRepeatedRows(
  ctx: Ctx,
  table: string,
  rows: readonly { label: string; ids?: readonly CellId[] }[],
  found: readonly (FoundRow | undefined)[],
): void {
  const { s } = ctx;
  for (const f of found) {
    if (!f?.places || f.bound === undefined) continue;
    const printed = f.places.map((p, k) => {
      const until = k + 1 < f.places!.length ? f.places![k + 1]!.start : f.bound!;
      const a = mnEnd(s, p.end);
      const b = until >= s.m.length ? s.n.length : mn(s, until);
      const nums = spanTokens(s, a, b).toks.filter((t) => t.kind === 'num');
      return { nums: nums.map((t) => t.raw), where: whereAt(s, mn(s, p.start)) };
    });
    const withNumbers = printed.filter((p) => p.nums.length > 0);
    if (withNumbers.length < 2) continue;
    if (withNumbers.every((p) => p.nums.join(' ') === withNumbers[0]!.nums.join(' '))) continue;
    const row = rows[f.idx]!;
    const last = printed[printed.length - 1]!;
    const say = (p: (typeof printed)[number]) =>
      `${p.where ? describeWhere(p.where) : ''}（${p.nums.join(' ') || '没有数值'}）`;
    ctx.issues.push({
      code: 'ROW_PRINTED_TWICE',
      severity: 'error',
      message: `${table}「${row.label}」印了 ${printed.length} 次，数值不同：${printed.map(say).join('，')}；按最后一处读取，请核对哪一处是对的`,
      ...(row.ids ? { cells: [...row.ids] } : {}),
      ...(last.where ? { where: last.where } : {}),
      details: { printed: printed.map((p) => ({ values: p.nums, where: p.where })) },
    });
  }
}

/** A row label wrapped around its numbers after a short head: the head [start, end), its rest up to restEnd. */
interface HeadHit extends Hit {
  restEnd: number;
}

const LABEL_PREFIX = /^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.)/;
/** What a row's numbers are printed with in M (digits, separators, blank marks). */
const NUMBERS_M = /[0-9.、\-—–－/／]/;

/**
 * Row labels wrapped around their numbers after a head too short to be a label of its own — the
 * prefix and under three characters of words (「（一）⇥1⇥0…」 over 「予以公开」, 「2.重复⇥4…」 over 「申请」):
 * the head at the start of a line (or cell) with the row's numbers after it on that line, the rest of
 * the label alone on the line(s) after them, head and rest together exactly one row's label (one
 * variant of one row: no other row prints it). Each row's such heads in [from, to), by start.
 */
function shortHeads(
  s: Stream,
  rows: { v: { variants: { text: string }[] } }[],
  from: number,
  to: number,
  isData: (i: number) => boolean,
): (HeadHit[] | undefined)[] {
  const owners = new Map<string, Set<number>>();
  rows.forEach((r, i) => {
    for (const v of r.v.variants) owners.set(v.text, (owners.get(v.text) ?? new Set()).add(i));
  });
  const m = upTo(s.m, to);
  const lineOf = (mi: number) => s.nLine[s.mToN[mi]!]!;
  /** The N character before N index ni, spaces skipped (undefined at the start). */
  const before = (ni: number) => {
    let k = ni - 1;
    while (k >= 0 && s.n[k] === ' ') k--;
    return k < 0 ? undefined : s.n[k];
  };
  return rows.map((r, i) => {
    if (!isData(i)) return undefined;
    const out: HeadHit[] = [];
    for (const { text: v } of r.v.variants) {
      if (owners.get(v)?.size !== 1) continue;
      const pre = LABEL_PREFIX.exec(v)?.[0].length ?? 0;
      for (let k = 0; k < 3; k++) {
        const h = pre + k;
        if (h === 0 || h >= v.length) continue;
        const head = v.slice(0, h);
        const rest = v.slice(h);
        for (const p of findAll(m, head, from, to)) {
          const q = p + h;
          if (q >= m.length || !/[0-9]/.test(m[q]!)) continue;
          const hl = lineOf(p);
          if (lineOf(q - 1) !== hl) continue;
          // the head starts its line or cell (a prefix may follow other words: 「（三）不予公开 1.属于」)
          const b = before(s.mToN[p]!);
          if (
            pre === 0
              ? b !== undefined && b !== LINE_SEP && b !== CELL_SEP
              : b !== undefined && /[0-9]/.test(b)
          )
            continue;
          let j = q;
          while (j < m.length && NUMBERS_M.test(m[j]!) && lineOf(j) === hl) j++;
          if (j >= m.length || lineOf(j) === hl || !m.startsWith(rest, j)) continue;
          // the rest alone: from its line's start (empty label columns aside) to its end
          const bj = before(s.mToN[j]!);
          if (bj !== LINE_SEP && bj !== CELL_SEP) continue;
          const e = j + rest.length;
          if (e < m.length && lineOf(e) === lineOf(e - 1)) continue;
          out.push({ start: p, end: q, text: v, restEnd: e });
        }
      }
    }
    out.sort((a, b) => a.start - b.start);
    return out.length > 0 ? out : undefined;
  });
}

function rowIdentityT3(): RowIdentity[] {
  return [{ total: 6, parts: [0, 1, 2, 3, 4, 5] }];
}

function rowIdentityT4(): RowIdentity[] {
  return [
    { total: 4, parts: [0, 1, 2, 3] },
    { total: 9, parts: [5, 6, 7, 8] },
    { total: 14, parts: [10, 11, 12, 13] },
  ];
}

function planRow(
  ctx: Ctx,
  base: Omit<RowPlan, 'candidates' | 'mode' | 'cutOff'>,
  labelEndM: number,
  spanEndM: number,
  ids: RowIdentity[],
): RowPlan {
  return withJoined(ctx, withoutFragments(ctx, readRow(ctx, base, labelEndM, spanEndM, ids), ids), ids);
}

/**
 * A row with numbers a PDF printed wrapped over lines in their cells, joined by the layout
 * (SrcCell.wrapped: 「36,257,43」 over 「4」 → 36,257,434): kept, and said, only where the row's
 * identities that hold each of them then hold as read (nothing of them inferred); a joined number
 * no identity covers is kept and said as not checked. Otherwise each joined number is unreadable
 * in its place (the pieces printed are named), the row's other numbers are read as printed, and a
 * number the row would infer from it is not inferred.
 */
function withJoined(ctx: Ctx, plan: RowPlan, ids: RowIdentity[]): RowPlan {
  if (plan.candidates.length !== 1) return plan;
  const { s } = ctx;
  const cand = plan.candidates[0]!;
  const piecesOf = (c: FitCell | undefined) =>
    c?.ni !== undefined && c.method !== 'unreadable' && typeof c.value === 'number'
      ? s.cells[s.nCell[c.ni]!]?.wrapped
      : undefined;
  const joined = cand.flatMap((c, i) => (piecesOf(c) ? [i] : []));
  if (joined.length === 0) return plan;
  const values = cand.map((c) => c?.value);
  // cells printed blank count as 0 in a sum that is to establish a joined number: the sum then
  // equals it exactly only where the pieces were joined right (a blank standing for another number
  // leaves the sum short, and the number unread)
  const blankAs0 = values.map((v, k) => (v === null && cand[k]?.method !== 'unreadable' ? 0 : v));
  const groupsOf = (i: number) => ids.filter((g) => g.total === i || g.parts.includes(i));
  const holdsWith = (vals: readonly (number | null | undefined)[], i: number) =>
    groupsOf(i).every(
      (g) => rowHolds(vals, [g]) && [g.total, ...g.parts].every((k) => cand[k]?.method !== 'inferred'),
    );
  const holds = (i: number) => holdsWith(values, i);
  const withBlanks = joined.filter((i) => !holds(i) && holdsWith(blankAs0, i));
  const bad = joined.filter((i) => !holds(i) && !withBlanks.includes(i));
  const good = joined.filter((i) => !bad.includes(i));
  // (表四 read as one row of 15: the group too, 「行政复议 · 结果维持」)
  const col = (i: number) =>
    plan.table === 'reviewLitigation' && plan.rowKey === ''
      ? ctx.labelOf(plan.ids[i]!)
      : plan.columns[i]!.label;
  const said = (i: number) => {
    const c = cand[i]!;
    return `${col(i)}「${piecesOf(c)!.join('」「')}」→ ${c.raw?.trim() ?? c.value}`;
  };
  if (good.length > 0) {
    const checked = good.filter((i) => groupsOf(i).length > 0);
    const unchecked = good.filter((i) => groupsOf(i).length === 0);
    const some = unchecked.length > 0 || (withBlanks.length > 0 && withBlanks.length < checked.length);
    ctx.issues.push({
      code: 'VALUE_WRAPPED',
      severity: 'warning',
      message: `${plan.rowLabel}：${good.length === 1 ? '该数' : '这些数'}在原文单元格中折行印在${good.length === 1 ? '' : '各自的'}上下两行，合读为一个数：${good.map(said).join('；')}${
        checked.length > 0
          ? `（${some ? `${checked.map(col).join('、')}：` : ''}本行总计与各列之和相符${withBlanks.length > 0 ? '，本行空白单元格按 0 计' : ''}）`
          : ''
      }${unchecked.length > 0 ? `（${unchecked.map(col).join('、')}：没有可核对的勾稽关系）` : ''}，请核对`,
      cells: good.map((i) => plan.ids[i]!),
      ...(plan.labelWhere ? { where: plan.labelWhere } : {}),
      details: { pieces: good.map((i) => piecesOf(cand[i])!) },
    });
  }
  if (bad.length === 0)
    return {
      ...plan,
      candidates: [cand.map((c, i) => (good.includes(i) ? { ...c!, normalised: true } : c))],
    };
  // a cell the row inferred from a joined number that does not check out is not inferred either
  const fromBad = new Set(bad.flatMap((i) => groupsOf(i).flatMap((g) => [g.total, ...g.parts])));
  const next = cand.map((c, i) => {
    if (bad.includes(i))
      return {
        ...c!,
        value: null,
        method: 'unreadable' as const,
        wrapped: piecesOf(c)!,
        // the row's identity cannot be checked (a cell of it unread) or does not hold
        unchecked: groupsOf(i).some((g) =>
          [g.total, ...g.parts].some((k) => typeof blankAs0[k] !== 'number'),
        ),
        joined: c!.value as number,
      };
    if (c?.method === 'inferred' && fromBad.has(i)) return undefined;
    return good.includes(i) ? { ...c!, normalised: true } : c;
  });
  return { ...plan, candidates: [next] };
}

/**
 * A row read from its other numbers while a number broken over lines (「40,997,34」, its last digits
 * elsewhere) was printed among them, and the row does not add up so read: the numbers cannot be
 * told apart from the pieces — not read, said on the row's cells (never a total of 4 read from the
 * wrapped 40,997,344's last digit).
 */
function withoutFragments(
  ctx: Ctx,
  plan: RowPlan & { fragments?: string[]; fragmentLines?: number[] },
  ids: RowIdentity[],
): RowPlan {
  const frags = plan.fragments ?? [];
  const fragLines = plan.fragmentLines ?? [];
  delete plan.fragments;
  delete plan.fragmentLines;
  if (frags.length === 0 || ids.length === 0 || plan.candidates.length !== 1) return plan;
  const cand = plan.candidates[0]!;
  if (cand.some((c) => c?.method === 'unreadable' && frags.includes(c.raw?.trim() ?? ''))) return plan;
  // numbers read on a line below such a piece that complete it (「2,878,」 over 「628」) may be its
  // last digits: a row of one number and its total, both wrapped, adds up on their last digits too
  const tails = cand.some(
    (c) =>
      c?.raw !== undefined &&
      c.ni !== undefined &&
      frags.some(
        (f, k) =>
          ctx.s.nLine[c.ni!]! > (fragLines[k] ?? Number.POSITIVE_INFINITY) &&
          GROUPED.test(f + c.raw!.trim().replaceAll('，', ',')),
      ),
  );
  if (
    !tails &&
    rowHolds(
      cand.map((c) => c?.value),
      ids,
    )
  )
    return plan;
  ctx.issues.push({
    code: 'VALUE_WRAPPED',
    severity: 'error',
    message: `${plan.rowLabel}：该行印有疑为折行的数「${frags.join('」「')}」（数字分在两行），${tails ? '其余的数可能是它们的末几位' : '按其余的数读取对不上本行总计与各列之和'}，本行的数不能确定，未填入，请按原文核对后填写${plan.printed ? `；该行原文：${plan.printed}` : ''}`,
    cells: plan.ids.slice(),
    ...(plan.labelWhere ? { where: plan.labelWhere } : {}),
    details: { fragments: frags },
  });
  return { ...plan, candidates: [], mode: 'wrapped' };
}

function readRow(
  ctx: Ctx,
  base: Omit<RowPlan, 'candidates' | 'mode' | 'cutOff'>,
  labelEndM: number,
  spanEndM: number,
  ids: RowIdentity[],
): RowPlan & { fragments?: string[]; fragmentLines?: number[] } {
  const { s } = ctx;
  const a = mnEnd(s, labelEndM);
  const cutOff = endsAt(s, spanEndM);
  const b = cutOff ? s.n.length : mn(s, spanEndM);
  const span = wrappedNumbers(ctx, base, a, spanTokens(s, a, b), ids);
  const pieces = span.toks.filter((t) => t.kind === 'text' && BROKEN_GROUPS.test(t.raw.trim()));
  const fragments = pieces.map((t) => t.raw.trim());
  if (fragments.length > 0)
    return {
      ...readRowSpan(ctx, base, a, span, cutOff, ids),
      fragments,
      fragmentLines: pieces.map((t) => t.line ?? s.nLine[t.ni]!),
    };
  return readRowSpan(ctx, base, a, span, cutOff, ids);
}

function readRowSpan(
  ctx: Ctx,
  base: Omit<RowPlan, 'candidates' | 'mode' | 'cutOff'>,
  a: number,
  span: ReturnType<typeof spanTokens>,
  cutOff: boolean,
  ids: RowIdentity[],
): RowPlan {
  const { s } = ctx;
  const lone = loneNumbers(s, a, span, ctx.positioned);
  if (lone.length === 0) return planTokens(ctx, base, span, cutOff, ids);
  // A number alone on a line after the row's own (a page number, the next row's 序号, or the end of
  // this row wrapped): used only where the row then adds up as printed, and named; otherwise the
  // row is read without it (a number short is then inferred — and said — or left unread).
  const fit = fitRow(span.toks, base.columns.length, ids, {
    cutOff,
    explicit: span.explicit,
    ...(span.spacesOnly && !span.explicit ? { spacesOnly: true } : {}),
    positioned: ctx.positioned,
    exactCells: span.exactCells,
  });
  const from = (c: FitCell | undefined, t: ValueTok) =>
    c?.ni !== undefined && c.ni >= t.ni && c.ni < t.ni + t.raw.length;
  // (numbers apart by spaces that no placement bears out with or without it: it is no help either)
  const used =
    fit.mode === 'blanks' && fit.candidates.length === 0
      ? lone
      : lone.filter((t) => fit.candidates.some((cand) => cand.some((c) => from(c, t))));
  if (used.length === 0) return planTokens(ctx, base, span, cutOff, ids);
  const only = fit.candidates.length === 1 ? fit.candidates[0]! : undefined;
  const keep =
    only !== undefined &&
    only.every((c) => c !== undefined && (c.method === 'direct' || c.method === 'positional')) &&
    rowHolds(
      only.map((c) => c?.value),
      ids,
    );
  const quoted = used.map((t) => `「${t.raw}」（${describeWhere(whereAt(s, t.ni))}）`).join('、');
  if (keep) {
    const cells = base.ids.filter((_, i) => used.some((t) => from(only[i], t)));
    ctx.issues.push({
      code: 'VALUE_ON_NEXT_LINE',
      severity: 'warning',
      message: `${base.rowLabel}：${quoted}单独印在本行之后的一行，可能是页码或下一行的序号；按本行的数读取（本行总计与各列之和相符），请核对：${cells.map((id) => ctx.labelOf(id)).join('、')}`,
      cells,
      ...(base.labelWhere ? { where: base.labelWhere } : {}),
    });
    return planTokens(ctx, base, span, cutOff, ids);
  }
  ctx.issues.push({
    code: 'VALUE_ON_NEXT_LINE',
    severity: 'warning',
    message: `${base.rowLabel}：${quoted}单独印在本行之后的一行，疑为页码或下一行的序号，不作为本行的数（用上它的读法不能由本行总计与各列之和证实）`,
    cells: base.ids.slice(),
    ...(base.labelWhere ? { where: base.labelWhere } : {}),
    details: { ignored: used.map((t) => t.raw) },
  });
  return planTokens(ctx, base, { ...span, toks: span.toks.filter((t) => !used.includes(t)) }, cutOff, ids);
}

/** A number cut short in its grouping (「148,179,36」, 「20,582,」): the first line of a number wrapped in its cell. */
const BROKEN_GROUPS = /^\d{1,3}(?:,\d{3})*,\d{0,2}$/;
const GROUPED = /^\d{1,3}(?:,\d{3})+$/;

/**
 * Numbers wrapped in narrow columns (a PDF): the line above the row's label holds only their first
 * parts (「148,179,36」, grouping broken), the row's own values are the last digits (「8」). Read
 * joined (148,179,368) when every join is a number grouped right, and said; otherwise the row's
 * values are unreadable — never the last digits as the numbers.
 */
function wrappedNumbers(
  ctx: Ctx,
  base: Omit<RowPlan, 'candidates' | 'mode' | 'cutOff'>,
  a: number,
  span: ReturnType<typeof spanTokens>,
  ids: readonly RowIdentity[],
): ReturnType<typeof spanTokens> {
  const { s } = ctx;
  const labelLine = s.nLine[Math.max(a - 1, 0)]!;
  const prev = s.lines[labelLine - 1];
  if (!prev || labelLine < 1) return span;
  const frags = prev.cells.map((c) => c.text.trim()).filter((t) => t !== '');
  if (frags.length === 0 || !frags.every((t) => BROKEN_GROUPS.test(t))) return span;
  const nums = span.toks.filter((t) => t.kind === 'num');
  // (the last digits, or more groups: 「113,」 over 「541,601」)
  if (nums.length !== frags.length || !nums.every((t) => /^\d{1,3}(?:,\d{3})*$/.test(t.raw))) return span;
  const joined = frags.map((f, i) => f + nums[i]!.raw);
  // joined only where the row then adds up (a row's total over its parts): the first parts may be
  // another row's (a total wrapped above its row); otherwise nothing of it is read
  const ok =
    joined.every((j) => GROUPED.test(j)) &&
    nums.length === base.columns.length &&
    rowHolds(
      joined.map((j) => Number(j.replaceAll(',', ''))),
      ids,
    );
  const toks = span.toks.map((t) => {
    const i = nums.indexOf(t);
    if (i < 0) return t;
    const raw = `${frags[i]}…${t.raw}`;
    return ok
      ? { ...t, raw: joined[i]!, value: Number(joined[i]!.replaceAll(',', '')), normalised: true as const }
      : { ...t, kind: 'text' as const, raw, value: undefined };
  });
  ctx.issues.push({
    code: 'VALUE_WRAPPED',
    severity: ok ? 'warning' : 'error',
    message: ok
      ? `${base.rowLabel}：各数折行印在两行（上一行「${frags.join(' ')}」，本行「${nums.map((t) => t.raw).join(' ')}」），合读为 ${joined.join(' ')}，请核对`
      : `${base.rowLabel}：各数疑为折行印在两行（上一行「${frags.join(' ')}」，本行「${nums.map((t) => t.raw).join(' ')}」），${joined.every((j) => GROUPED.test(j)) ? '合起来对不上本行总计与各列之和' : '上下两行的数不能一一合成一个数'}，本行的数不能确定，未填入，请按原文核对`,
    cells: base.ids.slice(),
    ...(base.labelWhere ? { where: base.labelWhere } : {}),
  });
  return { ...span, toks };
}

/**
 * Numbers of a row's span (text without cells: PDF-to-text, copy-paste; a PDF) that stand alone on a line
 * after the line the row's numbers start on: one bare number and nothing else of the row there.
 */
function loneNumbers(
  s: Stream,
  a: number,
  span: ReturnType<typeof spanTokens>,
  positioned: boolean,
): ValueTok[] {
  // (a PDF's rows are lines of cells too: the last digits of a number wrapped in its cell stand alone)
  if ((span.explicit && !positioned) || span.toks.length < 2) return [];
  const first = s.nLine[Math.min(a, s.n.length - 1)]!;
  if (!span.toks.some((t) => t.line === first && t.kind === 'num')) return [];
  const perLine = new Map<number, ValueTok[]>();
  for (const t of span.toks) {
    if (t.line === undefined || t.line <= first) continue;
    const l = perLine.get(t.line) ?? [];
    l.push(t);
    perLine.set(t.line, l);
  }
  const out: ValueTok[] = [];
  for (const l of perLine.values())
    if (l.length === 1 && l[0]!.kind === 'num' && /^\d+$/.test(l[0]!.raw)) out.push(l[0]!);
  return out;
}

/**
 * Whether a line of cells is a row of a range copied from a spreadsheet with n columns of numbers
 * at its right: the lines of cells next to it (no line of one cell between) each hold as many
 * cells, and one above it names a column in each of its last n cells (the table's header, 「…
 * | 自然人 | … | 总计」) — a header over several lines of a PDF's text names no such row of cells.
 */
function sheetRow(s: Stream, li: number, n: number): boolean {
  const width = s.lines[li]?.cells.length ?? 0;
  if (width <= n) return false;
  let top = li;
  for (const step of [-1, 1])
    for (let j = li + step; j >= 0 && j < s.lines.length && s.lines[j]!.cells.length > 1; j += step) {
      if (s.lines[j]!.cells.length !== width) return false;
      if (step < 0) top = j;
    }
  for (let j = top; j < li; j++)
    if (
      s.lines[j]!.cells.slice(width - n).every((c) => /^[^\d０-９]*[\p{L}][^\d０-９]*$/u.test(c.text.trim()))
    )
      return true;
  return false;
}

/** planRow for a row's value tokens already taken from the text. */
function planTokens(
  ctx: Ctx,
  base: Omit<RowPlan, 'candidates' | 'mode' | 'cutOff'>,
  span: ReturnType<typeof spanTokens>,
  cutOff: boolean,
  ids: RowIdentity[],
): RowPlan {
  let { toks, explicit } = span;
  const { exactCells } = span;
  // Tab-separated text (a paste from Excel or WPS): a row of exactly as many tab cells as columns
  // is read cell by cell — an empty cell a blank in its place, 「约5」 unreadable in its place
  // — also a row of a range copied from a spreadsheet (sheetRow), whose row labels span two or
  // three columns (表三's merged label cells, which Excel and WPS copy as empty cells): the empty
  // cells beyond the row's columns are those at its start, right after the label, and the next
  // row's empty label cells or a note under the table on the lines after it are no cells of it.
  // PDF-to-text's empty cells are left unplaced.
  const n = base.columns.length;
  let tabs = span.tabCells;
  const sheet = span.sheetCells;
  if (
    !(tabs && tabs.length === n) &&
    sheet &&
    sheet.length >= n &&
    !base.trailingColumns &&
    sheet.slice(0, sheet.length - n).every((t) => t.kind === 'empty') &&
    sheetRow(ctx.s, ctx.s.nLine[sheet[sheet.length - 1]!.ni]!, n)
  )
    tabs = sheet.slice(sheet.length - n);
  let lead = span.lead;
  // the row read field by field: one TAB field per column (its line's n fields, or a sheet row's)
  let byField = false;
  if (tabs && tabs.length === n && tabs.some((t) => t.kind === 'empty' || t.kind === 'text')) {
    toks = tabs.map((t) => ({ ...t, explicit: true }));
    explicit = true;
    lead = undefined;
    byField = true;
  }
  let fit = fitRow(toks, base.columns.length, ids, {
    cutOff,
    explicit,
    ...(span.spacesOnly && !explicit ? { spacesOnly: true } : {}),
    ...(lead ? { lead } : {}),
    positioned: ctx.positioned,
    exactCells,
    ...(base.trailingColumns !== undefined ? { trailing: base.trailingColumns } : {}),
  });
  // The row's line holds exactly n TAB fields, numbers and empty ones at its ends (「\t\t3.危及…\t\t60
  // \t297\t43\t135\t51\t585」, the next row's label columns on the line after): the numbers' columns
  // are known. A reading placing them elsewhere — 60 as 自然人's and a 总计 1171 inferred from a row
  // that does not add up, or 「153」 cut into 15 | 3 — is none; an empty field is a cell missing
  // (inferred where the row's sums fix it, else a blank in its place).
  let line = span.lineCells;
  // A row of n numbers on its line, one per TAB field, with numbers on the lines after it before the
  // next row's label (that row's, printed before its label): the row is whole; they are said, unused.
  let later = span.lineExtra;
  if (!explicit && !cutOff && !line && base.table === 'applications' && toks.length > n) {
    // the same with numbers apart by spaces (表三): exactly n on the row's line, only numbers after
    // it — not 14 numbers of which none can be told the row's (「（一）予以公开 1 0 0 0 0 0 1」 over
    // 「2 0 0 1 0 0 3」 was ROW_EXTRA_VALUES, the row unread)
    const first = toks[0]!.line;
    const own = toks.filter((t) => t.line === first);
    const after = toks.filter((t) => t.line !== first);
    if (
      first !== undefined &&
      own.length === n &&
      toks.every((t) => t.kind === 'num') &&
      after.every((t) => t.line! > first)
    ) {
      line = own;
      later = after;
    }
  }
  // (fit replaced by a window of the row's line's fields below: not a row wrapped over lines)
  let windowed = false;
  // (so too a row read field by field for an empty field between two of its values whose numbers
  // on the lines after it are no way its own wrapped — no window of its fields holds them all: the
  // next row's, its label missing: 「规章⇥⇥1⇥⇥⏎⇥⇥⇥2」 read 1 | （空） | （空）, the 1 printed under 本年废止件数)
  const ownLine =
    !explicit ||
    (span.interior === true &&
      !byField &&
      later !== undefined &&
      (wrappedWays(toks, lead, n, { cutOff, explicit, byField, span })?.readings.length ?? 0) === 0);
  if (
    ownLine &&
    !cutOff &&
    later &&
    line &&
    line.length >= n &&
    line.some((t) => t.kind === 'num') &&
    line.every((t) => t.kind === 'num' || t.kind === 'empty')
  ) {
    // its n fields: cut only where empty at the line's ends (a TAB at the end, a label column left
    // empty after the label) — one reading, or the one whose printed total adds up; else unread
    // (the numbers after it were read in its place: 「2.没有现成信息需要另行制作⇥187…⇥864⇥」 over the
    // next row's 「⇥0⇥242…⇥941⇥」 took 0 … 941 as its own, 「去掉「187 … 864」后本行勾稽关系成立」)
    windowed = true;
    const firstNum = line.findIndex((t) => t.kind === 'num');
    let lastNum = line.length - 1;
    while (line[lastNum]!.kind !== 'num') lastNum--;
    const readings: { win: ValueTok[]; fit: FitResult }[] = [];
    for (let st = 0; st + n <= line.length; st++)
      if (st <= firstNum && st + n > lastNum) {
        const win = line.slice(st, st + n);
        readings.push({
          win,
          fit: fitRow(
            win.map((t) => ({ ...t, explicit: true })),
            n,
            ids,
            { explicit: true },
          ),
        });
      }
    const sig = (f: FitResult) => f.candidates[0]?.map((c) => c?.value ?? null).join();
    const strong = readings.filter(
      (r) =>
        ids.some((g) => r.win[g.total]?.kind === 'num' && r.win[g.total]!.value !== 0) &&
        addsUp(r.win, ids) === 'yes',
    );
    const one =
      readings.length > 0 && readings.every((r) => sig(r.fit) === sig(readings[0]!.fit))
        ? readings[0]
        : strong.length === 1
          ? strong[0]
          : undefined;
    const chosenBySum =
      one && readings.length > 1 && !readings.every((r) => sig(r.fit) === sig(readings[0]!.fit));
    fit = one
      ? {
          ...(chosenBySum ? bySum(one, readings, line, ids) : one.fit),
          mode: 'dropped',
          extra: later,
          extraNextRow: true,
          printed: printedRow([...line, ...later], true),
        }
      : {
          candidates: [],
          mode: 'alignment',
          printed: printedRow(line, true),
          alignments: readings.map((r) => printedRow(r.win, true)),
        };
  } else if (
    // (also a row whose TAB fields hold an empty one between two values, read cell by cell with the
    // empty fields before its first value taken for merged label columns, more fields than columns
    // and an empty one at the end: 「⇥⇥0⇥⇥⇥1⇥⇥1⇥⇥」 — which of the empty fields at either end are
    // blank cells decides every number's column as well)
    (!explicit || (span.interior && !byField && (line?.length ?? 0) > n && line?.at(-1)?.kind === 'empty')) &&
    !cutOff &&
    !later &&
    line &&
    line.length >= n &&
    line.some((t) => t.kind === 'empty') &&
    line.every((t) => t.kind === 'num' || t.kind === 'empty')
  ) {
    windowed = true;
    const firstNum = line.findIndex((t) => t.kind === 'num');
    let lastNum = line.length - 1;
    while (lastNum >= 0 && line[lastNum]!.kind !== 'num') lastNum--;
    // the windows of n fields cutting only empty ones at the line's ends (more fields than columns:
    // merged label columns after the label, a TAB at the line's end)
    const starts: number[] = [];
    if (firstNum >= 0)
      for (let st = 0; st + n <= line.length; st++) if (st <= firstNum && st + n > lastNum) starts.push(st);
    const readings = starts.map((st) => {
      const win = line.slice(st, st + n);
      // (an empty field is a cell: a blank, or the number the row's sums fix it to — never one not read)
      const placed = (c: (FitCell | undefined)[]) =>
        win.every((t, i) =>
          t.kind === 'empty' ? c[i] !== undefined : c[i]?.ni === t.ni && c[i]?.method !== 'split',
        );
      const kept = fit.candidates.filter(placed);
      const f =
        kept.length === 0
          ? fitRow(
              win.map((t) => ({ ...t, explicit: true })),
              n,
              ids,
              { explicit: true },
            )
          : kept.length < fit.candidates.length
            ? { ...fit, candidates: kept, mode: 'inferred' as const }
            : fit;
      return { win, fit: f };
    });
    // Windows holding the same values in every column — a blank counted as the number the row's sums
    // fix it to (the one cell of an identity not printed) — are one reading: the seed's 「⇥⇥0⇥0⇥0⇥0⇥0
    // ⇥0⇥」 is all 0 whether 自然人 or 总计 is the blank. A blank nothing fixes is no 0: 「⇥⇥⇥0⇥⇥⇥⇥⇥」
    // puts its 0 in 商业企业 or in 科研机构, two readings. (Read so only by a fit holding those values.)
    const held = readings.map((r) => heldValues(r.win, ids));
    const values = (f: FitResult) =>
      f.candidates.length === 1
        ? f.candidates[0]!.map((c) => (c === undefined ? '?' : c.value === null ? '' : String(c.value))).join(
            ',',
          )
        : undefined;
    if (readings.length === 1) fit = readings[0]!.fit;
    else if (readings.length > 1) {
      const same = held.every((h) => h === held[0]);
      const as = same
        ? [readings.find((r) => r.fit === fit), ...readings].find((r) => r && values(r.fit) === held[0])
        : undefined;
      if (as) fit = as.fit;
      else {
        // the one window whose printed total adds up (more than 0), else none
        const strong = (w: ValueTok[]) =>
          ids.some((g) => w[g.total]?.kind === 'num' && w[g.total]!.value !== 0) && addsUp(w, ids) === 'yes';
        const yes = readings.filter((r) => strong(r.win));
        fit =
          yes.length === 1
            ? bySum(yes[0]!, readings, line, ids)
            : {
                candidates: [],
                mode: 'alignment',
                printed: printedRow(line, true),
                alignments: readings.map((r) => printedRow(r.win, true)),
              };
      }
    }
  }
  if (!windowed) fit = wrappedLeads(fit, toks, lead, n, ids, { cutOff, explicit, byField, span, ctx, base });
  // The row's own line (its label's) holds as many TAB fields as it has columns, all empty, and its
  // numbers are on the line(s) after it, before the next label: the row printed blank and those the
  // next row's, its label missing (「行政处罚⇥」 over 「⇥-1」), or the label's line holding only its label
  // columns and the numbers wrapped after it — which, cannot be seen. Read as before, said, the cells
  // named and read at low confidence (they read at high confidence, nothing said).
  const fields = [...(span.lead ?? []), ...span.toks];
  const labelLine = fields[0]?.line;
  const ownEmpty = fields.filter((t) => t.line === labelLine);
  const afterNums = fields.filter((t) => t.line !== labelLine && t.kind === 'num');
  let blankLine: Diagnostic | undefined;
  if (
    !cutOff &&
    labelLine !== undefined &&
    ownEmpty.length >= n &&
    ownEmpty.every((t) => t.kind === 'empty') &&
    afterNums.length > 0 &&
    fields.every((t) => t.kind === 'num' || t.kind === 'empty') &&
    fit.candidates.length === 1 &&
    fit.candidates[0]!.some((c) => c?.ni !== undefined && afterNums.some((t) => t.ni === c.ni))
  ) {
    const nums = afterNums.map((t) => t.raw.trim()).join(' ');
    blankLine = {
      code: 'VALUE_ON_NEXT_LINE',
      severity: 'warning',
      message: `${base.rowLabel}：行标题所在的一行只印有 ${ownEmpty.length} 个空单元格（不少于本行的 ${n} 列），「${nums}」印在其后的一行（下一行行标题之前）：可能是本行的数（接在行标题列之后折行），也可能是本行空白、这些是下一行的数（其行标题缺失），无法确定；按本行的数读取，本行各单元格（低可信度）请逐列按原文核对`,
      cells: base.ids.slice(),
      ...(base.labelWhere ? { where: base.labelWhere } : {}),
      details: { values: afterNums.map((t) => t.raw.trim()) },
    };
    ctx.issues.push(blankLine);
  }
  let extraForNext: Diagnostic | undefined;
  if (fit.mode === 'dropped' && fit.extra && fit.candidates.length === 1) {
    const holdsNow = rowHolds(
      fit.candidates[0]!.map((c) => c?.value),
      ids,
    );
    const issue: Diagnostic = {
      code: 'ROW_EXTRA_VALUES',
      severity: 'warning',
      message: `${base.rowLabel}：该行印有 ${base.columns.length + fit.extra.length} 个数值（原文：${fit.printed}），比 ${base.columns.length} 列多；${
        fit.extraNextRow
          ? `「${fit.extra.map((t) => t.raw).join(' ')}」印在下一行行标题之前（${fit.extra.length > 1 ? '疑为下一行的数印在其行标题之前，无法确定属于哪一行' : '疑为序号列'}），不是本行的数，未使用`
          : holdsNow
            ? `去掉「${fit.extra.map((t) => t.raw).join(' ')}」后本行勾稽关系成立（只有这一种去法），其余按顺序读取`
            : `「${fit.extra.map((t) => t.raw).join(' ')}」在多出的空单元格一端，未使用，其余按顺序读取：请核对各列`
      }`,
      ...(base.labelWhere ? { where: base.labelWhere } : {}),
      details: { dropped: fit.extra.map((t) => t.raw) },
    };
    ctx.issues.push(issue);
    if (fit.extraNextRow) extraForNext = issue;
  }
  const plan: RowPlan = {
    table: base.table,
    rowKey: base.rowKey,
    rowLabel: base.rowLabel,
    columns: base.columns,
    ids: base.ids,
    candidates: fit.candidates,
    mode: fit.mode,
    cutOff,
    printed: fit.printed,
    identities: ids,
  };
  if (fit.extra) plan.extra = fit.extra;
  if (extraForNext) plan.extraForNext = extraForNext;
  if (span.toks.some((t) => t.kind === 'num')) plan.ownNumbers = true;
  if (fit.alignments) plan.alignments = fit.alignments;
  if (fit.wrapped) plan.alignWrapped = true;
  if (fit.gapLines) plan.alignGapLines = fit.gapLines;
  if (fit.placedBySum) plan.placedBySum = fit.placedBySum;
  if (fit.spacesOnly) plan.spacesOnly = true;
  if (blankLine) plan.doubtful = true;
  if (base.headerUnits !== undefined) plan.headerUnits = base.headerUnits;
  if (base.alias !== undefined) plan.alias = base.alias;
  if (base.fuzzy !== undefined) plan.fuzzy = base.fuzzy;
  if (base.labelWhere !== undefined) plan.labelWhere = base.labelWhere;
  if (base.chosen !== undefined) plan.chosen = base.chosen;
  return plan;
}

/** What cannot be seen of a row of TAB fields wrapped over lines (wrappedLeads), for its messages. */
function wrappedDoubt(gapLines: 'only' | 'also' | undefined): string {
  const start = '接续行开头的空单元格是标题列还是空白单元格';
  const gap = '数之间只有 TAB 的行是空白单元格还是排版留下的';
  return gapLines === 'only'
    ? `${gap}看不出`
    : gapLines === 'also'
      ? `${start}、${gap}，都看不出`
      : `${start}看不出`;
}

/**
 * A row of TAB fields whose numbers continue on the next line(s), a line after the first starting
 * with an empty field: 「一、本年新收…⇥⇥0⏎⇥⇥⇥⇥0⇥0」. That field is the row's label column left empty
 * on the line (the numbers go on in the next cell) or a blank cell — which, cannot be seen, and it
 * decides the column of every number after it (read so, 自然人 blank after a label column became 0,
 * 商业企业's 0 one column left, at high confidence). The readings with and without each such line's
 * first empty field: where they put the same values in every column, the row is read as before;
 * else the one whose printed total adds up (more than 0) is read and said (ROW_BLANKS_PLACED), none
 * or several: ROW_ALIGNMENT_UNCERTAIN, nothing filled in.
 */
function wrappedLeads(
  fit: FitResult,
  toks: readonly ValueTok[],
  lead: readonly ValueTok[] | undefined,
  n: number,
  ids: readonly RowIdentity[],
  o: {
    cutOff: boolean;
    explicit: boolean;
    byField: boolean;
    span: ReturnType<typeof spanTokens>;
    ctx: Ctx;
    base: Omit<RowPlan, 'candidates' | 'mode' | 'cutOff'>;
  },
): FitResult {
  const ways = wrappedWays(toks, lead, n, o);
  if (!ways || ways.readings.length === 0) return fit;
  const { body, tail, starts, gaps } = ways;
  // The row's own line holding its cells whole, numbers after it (「规章⇥⇥⇥-1」 over 「⇥⇥-1⇥⇥」, the next
  // row's label missing): read from its line — those numbers the next row's — is a reading as well
  // (the wrapped one alone was read, -1 | （空） | -1 at high confidence)
  const line = o.span.lineCells;
  const own =
    line &&
    o.span.lineExtra?.length &&
    line.length >= n &&
    line.some((t) => t.kind === 'num') &&
    line.every((t) => t.kind === 'num' || t.kind === 'empty')
      ? windowsOf(line, n).map((win) => ({ win, shown: printedRow(win, true) }))
      : [];
  const readings = [...ways.readings, ...own];
  const held = readings.map((r) => heldValues(r.win, ids));
  const printed = printedRow([...(lead ?? []), ...body, ...tail], true);
  // (undecided only by where the row's lines of TABs only go: the empty fields at its ends, as on one line)
  const wrapped =
    starts.length + gaps.length > 0
      ? {
          wrapped: true as const,
          ...(gaps.length
            ? { gapLines: starts.length > gaps.length ? ('also' as const) : ('only' as const) }
            : {}),
        }
      : {};
  const fitOf = (win: ValueTok[]) =>
    fitRow(
      win.map((t) => ({ ...t, explicit: true })),
      n,
      ids,
      { explicit: true },
    );
  // (a cell not read is none of the window's fields: a field printed empty is a blank cell)
  const values = (f: FitResult) =>
    f.candidates.length === 1
      ? f.candidates[0]!.map((c) => (c === undefined ? '?' : c.value === null ? '' : String(c.value))).join(
          ',',
        )
      : undefined;
  if (held.every((h) => h === held[0])) {
    // one reading (a blank counted as the number the row's sums fix it to): the fit as it stands
    // where it holds those values, else a window's that does — read so only by such a fit
    if (values(fit) === held[0]) return fit;
    for (const r of readings) {
      const f = fitOf(r.win);
      if (values(f) === held[0]) return f;
    }
    return {
      candidates: [],
      mode: 'alignment',
      printed,
      alignments: [...new Set(readings.map((r) => r.shown))],
      ...wrapped,
    };
  }
  // distinct readings, one of each
  const distinct = readings.filter((_, i) => held.indexOf(held[i]!) === i);
  const strong = (w: ValueTok[]) =>
    ids.some((g) => w[g.total]?.kind === 'num' && w[g.total]!.value !== 0) && addsUp(w, ids) === 'yes';
  const yes = distinct.filter((r) => strong(r.win));
  if (yes.length === 1) {
    const one = yes[0]!;
    const others = distinct.filter((r) => r !== one);
    return {
      ...fitOf(one.win),
      placedBySum: {
        line: printed,
        placement: one.win.map((t) => (t.kind === 'empty' ? null : t.raw.trim())),
        others: others.map((r) => r.shown),
        othersBlank: others.map((r) => totalBlank(r.win, ids)),
        ...wrapped,
      },
    };
  }
  return {
    candidates: [],
    mode: 'alignment',
    printed,
    alignments: distinct.map((r) => r.shown),
    ...wrapped,
  };
}

/**
 * The ways of reading a row of TAB fields as one line (wrappedLeads): its fields with each later
 * line's first empty field a cell or the label column, its lines of TABs only after it its fields
 * at the end — each way's windows of n fields cutting only empty ones at its ends. Undefined where
 * the row is not so read (one line, read field by field, cut off, words among its fields); no
 * readings where no window holds every number printed (the numbers on its later lines are then no
 * continuation of it).
 */
function wrappedWays(
  toks: readonly ValueTok[],
  lead: readonly ValueTok[] | undefined,
  n: number,
  o: { cutOff: boolean; explicit: boolean; byField: boolean; span: ReturnType<typeof spanTokens> },
):
  | {
      readings: { win: ValueTok[]; shown: string }[];
      body: ValueTok[];
      tail: ValueTok[];
      /** Each later line's first empty field (a cell, or the label column) and the gaps' fields. */
      starts: ValueTok[];
      /** The empty fields of the lines of TABs only among its numbers (blank cells, or layout). */
      gaps: ValueTok[];
    }
  | undefined {
  // (the row's empty fields on lines of TABs only after its last value: TABs at its end)
  const tail = o.span.tailEmpty ?? [];
  if ((!o.explicit && tail.length === 0) || o.byField || o.cutOff || toks.length === 0) return undefined;
  const body = toks.filter((t) => !tail.includes(t));
  const first = body[0]?.line;
  if (first === undefined) return undefined;
  // the first token of each later line, where it is an empty field
  const starts: ValueTok[] = [];
  let prev = first;
  for (const t of body) {
    if (t.line === undefined) return undefined;
    if (t.line !== prev) {
      if (t.kind === 'empty') starts.push(t);
      prev = t.line;
    }
  }
  // (only a start with a number after it moves a number)
  const lastNum = body.findLastIndex((t) => t.kind === 'num' || t.kind === 'text');
  const firstNum = body.findIndex((t) => t.kind === 'num' || t.kind === 'text');
  // Lines of TABs only between two lines of the row's numbers (「（一）予以公开⇥1⇥0⇥0⏎⇥⇥⏎⇥0⇥0⇥0⇥1」):
  // their empty fields are blank cells wrapped there, or only the layout of the lines (PDF-to-text
  // prints a line of TABs where a cell beside holds a second line) — read both ways
  const numLines = new Set(body.filter((t) => t.kind !== 'empty').map((t) => t.line));
  const gaps = body.filter(
    (t, i) => i > firstNum && i < lastNum && t.kind === 'empty' && !numLines.has(t.line),
  );
  starts.splice(0, starts.length, ...starts.filter((t) => body.indexOf(t) < lastNum && !gaps.includes(t)));
  if (
    (starts.length === 0 && tail.length === 0 && gaps.length === 0) ||
    body.some((t) => t.kind !== 'num' && t.kind !== 'empty')
  )
    return undefined;
  // The row as one line of fields — each such start a cell, or the label column (left out), each
  // line of TABs only among its numbers its fields or none, the lines of TABs only after it its
  // fields at the end — and, as for a row on one line, the windows of n fields cutting only empty
  // ones at its ends (merged label columns after the label, TABs at the end)
  const readings: { win: ValueTok[]; shown: string }[] = [];
  for (const keep of starts.length > 0 ? [true, false] : [true])
    for (const keepGaps of gaps.length > 0 ? [true, false] : [true]) {
      const fields = [
        ...(lead ?? []),
        ...body.filter((t) => (keep || !starts.includes(t)) && (keepGaps || !gaps.includes(t))),
        ...tail,
      ];
      for (const win of windowsOf(fields, n)) readings.push({ win, shown: printedRow(win, true) });
    }
  return { readings, body, tail, starts: [...starts, ...gaps], gaps };
}

/** A line of TAB fields' windows of n fields holding all its numbers, cutting only empty ones at its ends. */
function windowsOf(fields: readonly ValueTok[], n: number): ValueTok[][] {
  const out: ValueTok[][] = [];
  if (fields.length < n) return out;
  const firstNum = fields.findIndex((t) => t.kind === 'num');
  let last = fields.length - 1;
  while (last >= 0 && fields[last]!.kind !== 'num') last--;
  for (let st = 0; st + n <= fields.length; st++)
    if (st <= firstNum && st + n > last) out.push(fields.slice(st, st + n));
  return out;
}

/**
 * The values a window of TAB fields puts in the row's columns, as text for comparing: a number as
 * printed, a blank as the number the row's sums fix it to where it is the one cell of an identity
 * not printed (总计 = Σ parts; a part = 总计 − the others), else blank.
 */
function heldValues(win: readonly ValueTok[], ids: readonly RowIdentity[]): string {
  const v = win.map((t) => (t.kind === 'num' ? t.value! : null));
  const fixed = [...v];
  for (const g of ids) {
    const open = [g.total, ...g.parts].filter((i) => v[i] === null);
    if (open.length !== 1) continue;
    const sum = g.parts.reduce((a, p) => a + (v[p] ?? 0), 0);
    fixed[open[0]!] = open[0] === g.total ? sum : v[g.total]! - sum;
  }
  return fixed.map((x) => (x === null ? '' : String(x))).join(',');
}

/**
 * A TAB row's window of fields taken because only its printed totals equal their parts: the fit with
 * the placement said (placedBySum), each column's printed text and the windows not taken.
 */
function bySum(
  one: { win: ValueTok[]; fit: FitResult },
  readings: readonly { win: ValueTok[]; fit: FitResult }[],
  line: readonly ValueTok[],
  ids: readonly RowIdentity[],
): FitResult {
  return {
    ...one.fit,
    placedBySum: {
      line: printedRow(line, true),
      placement: one.win.map((t) => (t.kind === 'empty' ? null : t.raw.trim())),
      others: readings.filter((r) => r !== one).map((r) => printedRow(r.win, true)),
      othersBlank: readings.filter((r) => r !== one).map((r) => totalBlank(r.win, ids)),
    },
  };
}

/** A window whose every total that holds a part is blank: its sums cannot be checked (not 「对不上」). */
function totalBlank(win: readonly ValueTok[], ids: readonly RowIdentity[]): boolean {
  const held = ids.filter((g) => [g.total, ...g.parts].some((i) => win[i]?.kind === 'num'));
  return held.length > 0 && held.every((g) => win[g.total]?.kind !== 'num');
}

/** How many cells of a printed row (「0 | （空） | 3」) print something. */
function countNums(row: string): number {
  return row.split(' | ').filter((x) => x.trim() !== '（空）' && x.trim() !== '').length;
}

const REVIEW = normLabel('行政复议');
const NEW_RECEIVED = normLabel('本年新收政府信息公开申请数量');

interface Terms {
  /** What ends a table row: section headings and 行政复议 (the start of 表四). */
  all: string[];
  /** … in 表二: every row and column label of its blocks, 信息内容 too. */
  t2: string[];
  /** … in 表三: every row label. */
  t3: string[];
}

const termsCache = new Map<EditionLabels, Terms>();

/** The labels that end a row, per edition (the same for every report). */
function termsOf(L: EditionLabels): Terms {
  let t = termsCache.get(L);
  if (!t) {
    const all = [...L.sections.flatMap((x) => x.headings), REVIEW];
    const blockVariants = L.t2.flatMap((b) => [
      ...b.rows.flatMap((r) => r.v.variants.map((v) => v.text)),
      ...b.columns.flatMap((c) => c.v.variants.map((v) => v.text)),
    ]);
    t = {
      all,
      t2: [...blockVariants, T2_HEADER, ...all],
      t3: [...L.t3.flatMap((r) => r.v.variants.map((v) => v.text)), ...all],
    };
    termsCache.set(L, t);
  }
  return t;
}

/** 表二 */
function parseT2(ctx: Ctx, from: number, to: number): boolean {
  const { s, L } = ctx;
  const region = s.m.slice(from, to);
  const caps: { start: number; end: number; item?: string }[] = [];
  CAPTION_RE.lastIndex = 0;
  for (let m = CAPTION_RE.exec(region); m; m = CAPTION_RE.exec(region))
    caps.push({ start: from + m.index, end: from + m.index + m[0].length, ...(m[1] ? { item: m[1] } : {}) });
  if (caps.length === 0) return false;
  const terms = makeTerminators(s, termsOf(L).t2, from, to, [...caps.map((c) => c.start), to]);
  let lastBlock = -1;
  const seen = new Set<string>();
  for (let ci = 0; ci < caps.length; ci++) {
    const cap = caps[ci]!;
    let bi = cap.item ? L.t2.findIndex((b) => b.item === cap.item) : -1;
    if (bi < 0) {
      bi = lastBlock + 1;
      if (bi >= L.t2.length) continue;
      if (!cap.item || L.t2.findIndex((b) => b.item === cap.item) < 0)
        ctx.issues.push({
          code: 'CAPTION_ITEM_INFERRED',
          severity: 'info',
          message: `表二分块标题「${s.m.slice(cap.start, cap.end)}」缺少项号${cap.item ? '或项号不属于本版格式' : ''}，按分块顺序认定为「${L.t2[bi]!.caption}」`,
          ...(whereAt(s, mn(s, cap.start)) ? { where: whereAt(s, mn(s, cap.start))! } : {}),
        });
    }
    lastBlock = bi;
    const block = L.t2[bi]!;
    if (seen.has(block.key)) continue;
    seen.add(block.key);
    const segEnd = ci + 1 < caps.length ? caps[ci + 1]!.start : to;
    // column header aliases (本年数量 for 本年增/减 …)
    for (const col of block.columns) {
      const canon = col.v.variants.find((v) => !v.alias)!;
      if (findAll(s.m, canon.text, cap.end, segEnd).length > 0) continue;
      for (const v of col.v.variants.filter((x) => x.alias)) {
        if (findAll(s.m, v.text, cap.end, segEnd).length > 0) {
          const ids = block.rows.map((r) => `activeDisclosure.${r.key}.${col.key}`);
          ctx.aliasesUsed.push({ printed: v.printed, canonical: col.label, cells: ids });
          ctx.issues.push({
            code: 'LABEL_ALIAS',
            severity: 'warning',
            message: `表二${block.caption}：列标题「${v.printed}」按别名认定为「${col.label}」`,
            cells: ids,
          });
          break;
        }
      }
    }
    const found = matchRows(s, block.rows, cap.end, segEnd, () => true);
    sayRepeatedRows(
      ctx,
      `表二${block.caption}`,
      block.rows.map((r) => ({
        label: r.label,
        ids: block.columns.map((c) => `activeDisclosure.${r.key}.${c.key}`),
      })),
      found,
    );
    // a row printed out of the format's order (规章 after 行政规范性文件): its label once in the block
    for (let ri = 0; ri < block.rows.length; ri++) {
      if (found[ri]) continue;
      const row = block.rows[ri]!;
      const taken = found.flatMap((f) => (f ? [[f.hit.start, f.hit.end] as const] : []));
      const hits: { hit: Hit; v: (typeof row.v.variants)[number] }[] = [];
      for (const v of row.v.variants)
        for (const p of findAll(s.m, v.text, cap.end, segEnd))
          if (!taken.some(([a, b]) => p < b && p + v.text.length > a))
            hits.push({ hit: { start: p, end: p + v.text.length, text: v.text }, v });
      // the longest variant at a place (「规范性文件」 inside 「行政规范性文件」 is no second place)
      const places = hits.filter(
        (h) =>
          !hits.some(
            (o) =>
              o !== h &&
              o.hit.start <= h.hit.start &&
              o.hit.end >= h.hit.end &&
              o.hit.end - o.hit.start > h.hit.end - h.hit.start,
          ),
      );
      if (places.length !== 1) continue;
      const h = places[0]!;
      found[ri] = { idx: ri, hit: h.hit, alias: h.v.alias, fuzzy: false, printed: h.v.printed };
    }
    const firstRow = Math.min(segEnd, ...found.flatMap((f) => (f ? [f.hit.start] : [])));
    const headerUnits = block.columns.map((col) =>
      col.valueType === 'money' ? printedUnit(s.m, col.v.variants, cap.end, firstRow) : undefined,
    );
    const order = headerOrder(
      ctx,
      `表二${block.caption}`,
      cap.end,
      firstRow,
      block.columns.map((c) => ({ label: c.label, variants: c.v.variants.map((v) => v.text) })),
      block.ids,
    );
    for (let ri = 0; ri < block.rows.length; ri++) {
      const row = block.rows[ri]!;
      const f = found[ri];
      const ids = row.ids;
      if (!f) {
        const cut = endsAt(s, segEnd) || segEnd >= s.m.length;
        ctx.issues.push({
          code: cut ? 'CELLS_CUT_OFF' : 'ROW_NOT_FOUND',
          severity: 'warning',
          message: `表二${block.caption}「${row.label}」行${cut ? '：原文在此之前截断，' : '没有找到，'}${ids.length} 个单元格缺失（未当作 0）`,
          cells: ids.slice(),
        });
        continue;
      }
      const end = nextTerminator(terms, f.hit.end) ?? s.m.length;
      const labelWhere = whereAt(s, mn(s, f.hit.start));
      const plan = planRow(
        ctx,
        {
          table: 'activeDisclosure',
          rowKey: row.key,
          rowLabel: `表二${block.caption}「${row.label}」`,
          columns: order ? order.map((i) => block.columns[i]!) : block.columns,
          ids: order ? order.map((i) => ids[i]!) : ids,
          alias: f.alias,
          fuzzy: f.fuzzy,
          ...(labelWhere ? { labelWhere } : {}),
          ...(headerUnits.some(Boolean)
            ? { headerUnits: order ? order.map((i) => headerUnits[i]) : headerUnits }
            : {}),
        },
        f.hit.end,
        Math.min(end, to >= s.m.length ? s.m.length : Math.max(end, 0)),
        [],
      );
      noteLabel(ctx, f, row.label, ids, `表二${block.caption}`);
      if (plan.candidates.length === 1) commitRow(ctx, plan, plan.candidates[0]!);
      else reportAmbiguous(ctx, plan);
    }
  }
  // blocks of the edition with no caption at all
  for (const b of L.t2) {
    if (seen.has(b.key)) continue;
    const ids = b.ids.slice();
    ctx.issues.push({
      code: endsAt(s, to) ? 'CELLS_CUT_OFF' : 'BLOCK_NOT_FOUND',
      severity: 'warning',
      message: `表二分块「${b.caption}」${endsAt(s, to) ? '不在原文中（原文可能在此之前截断）' : '没有找到'}，${ids.length} 个单元格缺失`,
      cells: ids,
    });
  }
  return true;
}

const UNIT_AFTER = /^（(?:单位：)?(万元|元)）/;
const UNIT_NOTE = /单位：(万元|元)(?![\u4e00-\u9fff])/;

/**
 * The money unit a block's header prints: after the column label (「采购总金额（万元）」「…（单位：元）」),
 * else a note in the header (「单位：万元」) — searched in M between the caption and the first row.
 */
function printedUnit(
  m: string,
  variants: readonly { text: string }[],
  from: number,
  to: number,
): '元' | '万元' | undefined {
  for (const v of variants) {
    const base = v.text.replace(/（单位：[^）]*）$/, '');
    for (const p of findAll(m, base, from, to)) {
      const u = UNIT_AFTER.exec(m.slice(p + base.length, p + base.length + 8));
      if (u) return u[1] as '元' | '万元';
    }
  }
  const note = UNIT_NOTE.exec(m.slice(from, to));
  return note ? (note[1] as '元' | '万元') : undefined;
}

function noteLabel(ctx: Ctx, f: FoundRow, canonical: string, shared: readonly string[], where: string): void {
  if (!f.alias && !f.fuzzy) return;
  const ids = shared.slice();
  if (f.alias) {
    ctx.aliasesUsed.push({ printed: f.printed, canonical, cells: ids });
    ctx.issues.push({
      code: 'LABEL_ALIAS',
      severity: 'warning',
      message: `${where}：行标题「${f.printed}」按别名认定为「${canonical}」`,
      cells: ids,
    });
  }
  if (f.fuzzy)
    ctx.issues.push({
      code: 'LABEL_FUZZY',
      severity: 'warning',
      message: `${where}：行标题「${f.printed}」与「${canonical}」不完全一致（疑为提取或排版错误），按所在位置认定`,
      cells: ids,
    });
}

/** 表三 */
function parseT3(ctx: Ctx, from: number, to: number): void {
  const { s, L } = ctx;
  const rows = L.t3;
  const terms = makeTerminators(s, termsOf(L).t3, from, to, [to]);
  const found = matchRows(s, rows, from, to, (i) => rows[i]!.kind === 'data', true);
  sayRepeatedRows(ctx, '表三', rows, found);
  const headEnd = Math.min(to, ...found.flatMap((f) => (f ? [f.hit.start] : [])));
  const trailing = trailingColumns(s, from, headEnd);
  const t3Ids = rows.flatMap((r) => (r.kind === 'data' ? r.ids : []));
  let order = headerOrder(
    ctx,
    '表三',
    from,
    headEnd,
    L.t3PlanColumns.map((c) => ({ label: c.label, variants: [normLabel(c.label)] })),
    t3Ids,
  );
  if (!order) {
    // a header over two or three lines (「申请人情况」 over 「自然人 | 法人或其他组织 | 总计」 over the rest)
    const over = headerOrderOverLines(
      ctx,
      from,
      headEnd,
      L.t3PlanColumns.map((c) => c.label),
    );
    if (over.unknown) {
      columnOrderUnknown(ctx, '表三', over.unknown.printed, t3Ids, from);
      return;
    }
    if (over.order) {
      order = over.order;
      columnOrderSaid(ctx, '表三', order, L.t3PlanColumns, t3Ids, from);
    }
  }
  // the row identity with the columns where the header prints them
  const t3Identity = (): RowIdentity[] => {
    const base = rowIdentityT3();
    if (!order) return base;
    return base.map((g) => ({ total: order.indexOf(g.total), parts: g.parts.map((p) => order.indexOf(p)) }));
  };
  // every row found ends the one before, also one found only in pieces (damaged, or wrapped around
  // its numbers), whose label text is not in the stream as a whole
  for (const f of found) if (f) terms.starts.push(f.hit.start);
  terms.starts.sort((a, b) => a - b);
  const plans: RowPlan[] = [];
  /** The lines each row's label is printed on (first, last). */
  const labelLines = new Map<RowPlan, readonly [number, number]>();
  /** The N range after each row's label that its numbers are read from (group rows' too). */
  const spans: [number, number][] = [];
  const spanOf = new Map<RowPlan, readonly [number, number]>();
  ctx.pendingWrapped = [];
  /** Group rows printed as one row of 0s (the other edition's layout), with where they were printed. */
  const zeroGroups = new Map<string, { label: string; printed: string; where?: Where; said: () => void }>();
  /** Rows of such a group not printed: each is 0, as the group's printed 0 is their sum. */
  const zeroed: CellId[] = [];
  for (let ri = 0; ri < rows.length; ri++) {
    const row = rows[ri]!;
    const f = found[ri];
    if (row.kind === 'group') {
      // a group label followed by numbers: the other edition's single row (（六）其他处理 in 2021)
      if (f) {
        const end = nextTerminator(terms, f.hit.end) ?? s.m.length;
        const span: [number, number] = [mnEnd(s, f.hit.end), end >= s.m.length ? s.n.length : mn(s, end)];
        spans.push(span);
        const { toks } = spanTokens(s, span[0], span[1]);
        const nums = toks.filter((t) => t.kind === 'num');
        if (nums.length >= 3) {
          const where = whereAt(s, mn(s, f.hit.start));
          const printed = nums.map((t) => t.raw).join(' ');
          ctx.extraLabels.push(`表三 ${row.label}`);
          const say = () =>
            ctx.issues.push({
              code: 'GROUP_ROW_HAS_VALUES',
              severity: 'warning',
              message: `表三「${row.label}」在本版格式中是分组标题（下分若干行），原文却把它印成一行数据（${printed}），疑为套用了旧版格式；这些数值无法对应到本版单元格，其下各行缺失`,
              ...(where ? { where } : {}),
            });
          // One number per column, every one 0, nothing else printed with them: the rows under the
          // group sum to 0 in every column, and a count cannot be negative, so each of them is 0.
          // Said once the rows are known to be missing (below); otherwise as any group row with values.
          if (
            nums.length === L.t3PlanColumns.length &&
            toks.every((t) => t.kind === 'num') &&
            nums.every((t) => t.value === 0)
          )
            zeroGroups.set(row.key, { label: row.label, printed, ...(where ? { where } : {}), said: say });
          else say();
        }
      }
      continue;
    }
    const ids = row.ids;
    const zeroGroup = row.parent ? zeroGroups.get(row.parent) : undefined;
    if (!f && zeroGroup) {
      for (const id of ids) {
        ctx.cells[id] = { value: 0, origin: 'inferred' };
        const src: CellSource = {
          cell: id,
          label: ctx.labelOf(id),
          value: 0,
          method: 'inferred',
          confidence: 'low',
          ...(zeroGroup.where ? { where: zeroGroup.where } : {}),
        };
        const before = ctx.sources[id];
        if (before === undefined) ctx.sourceList.push(src);
        else ctx.sourceList[ctx.sourceList.indexOf(before)] = src;
        ctx.sources[id] = src;
        zeroed.push(id);
      }
      continue;
    }
    if (!f) {
      const cut = endsAt(s, to);
      ctx.issues.push({
        code: cut ? 'CELLS_CUT_OFF' : 'ROW_NOT_FOUND',
        severity: 'warning',
        message: `表三「${row.label}」行${cut ? '不在原文中（原文在此之前截断）' : '没有找到'}，${ids.length} 个单元格缺失（未当作 0）`,
        cells: ids.slice(),
      });
      continue;
    }
    const end = nextTerminator(terms, f.hit.end) ?? s.m.length;
    const labelWhere = whereAt(s, mn(s, f.hit.start));
    const plan = planRow(
      ctx,
      {
        table: 'applications',
        rowKey: row.key,
        rowLabel: `表三「${row.label}」`,
        columns: order ? order.map((i) => L.t3PlanColumns[i]!) : L.t3PlanColumns,
        ids: order ? order.map((i) => ids[i]!) : ids,
        alias: f.alias,
        fuzzy: f.fuzzy,
        ...(labelWhere ? { labelWhere } : {}),
        ...(trailing !== undefined ? { trailingColumns: trailing } : {}),
      },
      f.hit.end,
      end,
      t3Identity(),
    );
    noteLabel(ctx, f, row.label, ids, '表三');
    plans.push(plan);
    labelLines.set(plan, [s.nLine[mn(s, f.hit.start)]!, s.nLine[Math.max(mnEnd(s, f.hit.end) - 1, 0)]!]);
    const span: [number, number] = [mnEnd(s, f.hit.end), end >= s.m.length ? s.n.length : mn(s, end)];
    spans.push(span);
    spanOf.set(plan, span);
  }
  for (const [key, g] of zeroGroups) {
    const cells = zeroed.filter((id) => rows.some((r) => r.parent === key && r.ids.includes(id)));
    if (!cells.length) {
      g.said();
      continue;
    }
    const children = rows.filter((r) => r.parent === key && cells.includes(r.ids[0]!));
    ctx.issues.push({
      code: 'GROUP_ROW_ZERO',
      severity: 'warning',
      message: `表三「${g.label}」在本版格式中是分组标题，原文却把它印成一行数据（${g.printed}），疑为套用了旧版格式；各列均为 0，故其下 ${children.length} 行（${children
        .map((r) => r.label.replace(/^(\d+)\..*/, '$1'))
        .join('、')}）均按 0 记录（各行之和为 0，件数不能为负）`,
      cells,
      ...(g.where ? { where: g.where } : {}),
    });
  }
  numbersBeforeLabels(ctx, plans, labelLines, spans, spanOf);
  wrappedOrNext(ctx, plans, labelLines);
  resolveByColumns(ctx, plans);
  establishByColumns(ctx);
}

/** The N range [start, end) of line li's text (without the LINE_SEP before it). */
function lineRange(s: Stream, li: number): [number, number] {
  const first = (line: number) => {
    let lo = 0;
    let hi = s.n.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (s.nLine[mid]! < line) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  let a = first(li);
  if (a < s.n.length && s.n[a] === LINE_SEP) a++;
  return [a, Math.max(a, first(li + 1))];
}

/** A line holding nothing but blanks (empty TAB fields, spaces). */
function emptyLine(s: Stream, li: number): boolean {
  const [a, b] = lineRange(s, li);
  return s.n.slice(a, b).replaceAll(CELL_SEP, '').trim() === '';
}

/**
 * A line of numbers only (TAB fields each empty or one number, or one field of numbers apart by
 * spaces), at least one number: its tokens and the readings of n cells they allow — TAB fields
 * cut only where empty at the line's ends (a label column left empty before them, a TAB at the
 * end), numbers apart by spaces only when exactly n (no blank can be seen). Undefined when the line
 * holds anything else.
 */
function numbersLine(
  s: Stream,
  li: number,
  n: number,
): { nums: ValueTok[]; readings: ValueTok[][] } | undefined {
  const [a, b] = lineRange(s, li);
  if (a >= b) return undefined;
  const fields: ValueTok[][] = [];
  const starts: number[] = [];
  let fs = a;
  for (let i = a; i <= b; i++) {
    if (i < b && s.n[i] !== CELL_SEP) continue;
    const text = s.n.slice(fs, i);
    const toks: ValueTok[] = [];
    if (text.trim() !== '') tokenizeLoose(text, fs, false, toks);
    fields.push(toks);
    starts.push(fs);
    fs = i + 1;
  }
  const all = fields.flat();
  const nums = all.filter((t) => t.kind === 'num');
  if (nums.length === 0 || all.some((t) => t.kind !== 'num' && t.kind !== 'blank')) return undefined;
  const full = fields.filter((f) => f.length > 0);
  if (full.length === 1 && full[0]!.length > 1)
    // numbers apart by spaces: their cells are those numbers, only when as many as the columns
    return { nums, readings: all.length === n ? [all.map((t) => ({ ...t, explicit: true }))] : [] };
  if (full.some((f) => f.length !== 1)) return { nums, readings: [] };
  const cells: ValueTok[] = fields.map((f, k) =>
    f.length === 1
      ? { ...f[0]!, explicit: true }
      : { kind: 'empty', raw: '', ni: Math.max(starts[k]! - 1, 0), explicit: true },
  );
  const firstNum = cells.findIndex((t) => t.kind !== 'empty');
  let lastNum = cells.length - 1;
  while (lastNum >= 0 && cells[lastNum]!.kind === 'empty') lastNum--;
  const readings: ValueTok[][] = [];
  for (let st = 0; st + n <= cells.length; st++)
    if (st <= firstNum && st + n > lastNum) readings.push(cells.slice(st, st + n));
  return { nums, readings };
}

/**
 * 表三 rows whose numbers a PDF's text prints on the line before their label (a label wrapped over
 * two lines with the numbers set in the middle of the row: 「⇥⇥2⇥⇥0⇥1⇥0⇥3」 over 「（二）部分公开（区分
 * 处理的，只计这一情形，」「不计其他情形）」). The row before read its own numbers from its own line and
 * left these out as printed before the next label (extraForNext). They are given to the row only
 * where nothing is in doubt: the row has no number of its own after its label, the line sits
 * directly before the label (blank lines aside), it holds the row's count of cells — one reading of
 * them (or one whose printed 总计 adds up) — and the row's 总计 is the sum of its parts (blanks as
 * 0). Said as ROW_VALUES_BEFORE_LABEL (warning). Otherwise the row stays unread (ROW_VALUES_NOT_READ,
 * saying why). And a row whose own numbers are on a line after its label, when such a line of
 * numbers left out by the row before also sits before its label, could be either's: not read.
 */
function numbersBeforeLabels(
  ctx: Ctx,
  plans: RowPlan[],
  labelLines: ReadonlyMap<RowPlan, readonly [number, number]>,
  spans: readonly (readonly [number, number])[],
  spanOf: ReadonlyMap<RowPlan, readonly [number, number]>,
): void {
  const { s } = ctx;
  /** Whether a row reads numbers of line li as its own (as read so far: a row left unread below reads none). */
  const readOn = (li: number) =>
    plans.some((x) =>
      x.candidates.some((c) => c.some((cell) => cell?.ni !== undefined && s.nLine[cell.ni] === li)),
    );
  for (let i = 0; i < plans.length; i++) {
    const r = plans[i]!;
    const p = i > 0 ? plans[i - 1] : undefined;
    const lines = labelLines.get(r);
    if (!lines) continue;
    let k = lines[0] - 1;
    while (k > 0 && emptyLine(s, k)) k--;
    if (k < 0) continue;
    const n = r.columns.length;
    const got = numbersLine(s, k, n);
    // (a header's column numbers 「1 2 3 4 5 6 7」 are no row's)
    if (!got || (got.nums.length > 2 && got.nums.every((t, j) => t.value === j + 1))) continue;
    // nobody's numbers: after no row's label (a short label's rest ends its row), or those the row
    // above left out as printed before the next label, it having read its own line whole
    const at = got.nums[0]!.ni;
    const owner = spans.filter((x) => x[0] <= at && at < x[1]);
    const fromAbove =
      p !== undefined &&
      p.extraForNext !== undefined &&
      p.candidates.length === 1 &&
      owner.length === 1 &&
      owner[0] === spanOf.get(p) &&
      p.extra?.length === got.nums.length &&
      p.extra.every((t) => (t.line ?? s.nLine[t.ni]!) === k);
    const where = whereAt(s, lineRange(s, k)[0]);
    const quoted = `第 ${k + 1} 行「${got.nums.map((t) => t.raw.trim()).join(' ')}」`;
    if (r.ownNumbers) {
      // its own numbers after its label on a line of their own, and the line before it read as no
      // row's (left out by the row above, after a group label, after no label): either may be its
      const own = r.candidates.flat().flatMap((c) => (c?.ni !== undefined ? [s.nLine[c.ni]!] : []));
      if (r.candidates.length > 0 && own.length > 0 && own.every((l) => l > lines[1]) && !readOn(k)) {
        r.candidates = [];
        r.mode = 'none';
        r.beforeLabel = `行标题之前（${quoted}，没有读作其他行的数）和之后（第 ${Math.min(...own) + 1} 行）各印有一行数，无法确定哪一行是本行的`;
      }
      continue;
    }
    if (owner.length > 0 && !fromAbove) continue;
    if (r.candidates.length > 0) continue;
    const ids = r.identities ?? [];
    const readings = got.readings.flatMap((win) => {
      const f = fitRow(win, n, ids, { explicit: true });
      const cand = f.candidates.length === 1 ? f.candidates[0]! : undefined;
      if (!cand || cand.some((c) => c?.method !== 'direct')) return [];
      return [{ win, cand, values: cand.map((c) => c!.value) }];
    });
    const same = readings.every((x) => x.values.join() === readings[0]?.values.join());
    const blank0 = (v: readonly (number | null)[]) => v.map((x) => x ?? 0);
    const adds = (v: readonly (number | null)[]) =>
      ids.length > 0 && ids.every((g) => v[g.total] !== null) && rowHolds(blank0(v), ids);
    const strong = readings.filter((x) => adds(x.values) && ids.some((g) => (x.values[g.total] ?? 0) > 0));
    const chosen = readings.length > 0 && same ? readings[0] : strong.length === 1 ? strong[0] : undefined;
    if (!chosen) {
      r.beforeLabel = `行标题之前的一行（${quoted}）${readings.length === 0 ? `不是 ${n} 个单元格` : `有 ${readings.length} 种读法（${readings.map((x) => printedRow(x.win, true)).join('；')}），无法确定各数所在的列`}，没有作为本行的数`;
      continue;
    }
    if (!adds(chosen.values)) {
      r.beforeLabel = `行标题之前的一行（${quoted}）疑为本行的数，但按此读取本行总计与各列之和对不上，无法确定，没有作为本行的数`;
      continue;
    }
    const printed = printedRow(chosen.win, true);
    r.candidates = [chosen.cand];
    r.mode = 'direct';
    r.printed = printed;
    const said = fromAbove ? ctx.issues.indexOf(p.extraForNext!) : -1;
    if (said >= 0) ctx.issues.splice(said, 1);
    ctx.issues.push({
      code: 'ROW_VALUES_BEFORE_LABEL',
      severity: 'warning',
      message: `${r.rowLabel}：该行的数印在行标题之前的一行（${quoted}，原文：${printed}），紧接在本行标题之前，${fromAbove ? `上一行${p.rowLabel.replace(/^表三/, '')}的数在其本行已读全` : '不在其他行标题之后'}；按本行读取（本行总计与各列之和相符${chosen.values.some((v) => v === null) ? '，空白单元格按 0 计' : ''}），请核对`,
      cells: r.ids.slice(),
      ...(where ? { where } : {}),
      details: { line: k + 1, printed: chosen.win.map((t) => (t.kind === 'empty' ? '' : t.raw.trim())) },
    });
  }
}

/**
 * A row read from its own line whose numbers on the lines after it, on a line of their own before the
 * next row's label, were left out as the next row's (ROW_EXTRA_VALUES, extraForNext) and that row did
 * not take them (it printed its own): they may be this row's, its numbers wrapped onto the next line
 * (「一、本年新收…⇥⇥⇥0⇥⇥⇥⇥⏎⇥0⇥⇥」: a label column, 自然人 blank, 商业企业 0 …, 总计 0 on the next line,
 * read 0 in 科研机构 at high confidence, no cell named). Which cannot be told: the warning names the
 * row's cells and says so, and they are read at low confidence.
 */
function wrappedOrNext(
  ctx: Ctx,
  plans: RowPlan[],
  labelLines: ReadonlyMap<RowPlan, readonly [number, number]>,
) {
  const { s } = ctx;
  for (let i = 0; i < plans.length; i++) {
    const p = plans[i]!;
    const w = p.extraForNext;
    if (!w || !p.extra?.length || p.candidates.length !== 1 || !ctx.issues.includes(w)) continue;
    const next = plans[i + 1] ? labelLines.get(plans[i + 1]!) : undefined;
    const own = p.candidates[0]!.flatMap((c) => (c?.ni !== undefined ? [s.nLine[c.ni]!] : []));
    const lines = p.extra.map((t) => t.line ?? s.nLine[t.ni]!);
    // a 序号 printed on the next label's own line is no wrapped number
    if (next && lines.some((l) => l >= next[0])) continue;
    if (own.length > 0 && lines.some((l) => l <= Math.max(...own))) continue;
    w.cells = p.ids.slice();
    const head = w.message.slice(0, w.message.indexOf('列多；') + 3);
    w.message = `${head}「${p.extra.map((t) => t.raw.trim()).join(' ')}」印在本行之后单独的一行（下一行行标题之前），可能是下一行的数或序号，也可能是本行的数折行接续印在下一行——那样本行各数所在的列会不同，无法确定；按本行第一行读取，未使用「${p.extra.map((t) => t.raw.trim()).join(' ')}」，本行各单元格（低可信度）请逐列按原文核对`;
    p.doubtful = true;
  }
}

const T3_SUMS: Record<string, string> = {
  'T3-V': '（七）总计等于各项办理结果之和',
  'T3-B': '第一项加第二项之和等于第三项加第四项之和',
  'T3-H': '本行总计等于各列之和',
};

/**
 * 表三's numbers printed wrapped in their cells whose rows could not bear them out (a blank or an
 * unread cell in the row, or the row not adding up): established where a sum of the table holds
 * with the joined number and every other number of it read as printed (a blank counted as 0) — a
 * column's （七）总计 over its results (T3-V), 一 + 二 = （七） + 四 (T3-B), or the row once other
 * such numbers are established — one unknown number per sum, repeated while any is established.
 * Kept and said (VALUE_WRAPPED, the sum named); the others stay unread with their error.
 */
function establishByColumns(ctx: Ctx): void {
  const pending = ctx.pendingWrapped ?? [];
  delete ctx.pendingWrapped;
  if (pending.length === 0) return;
  const open = new Map(pending.map((p) => [p.id, p]));
  const sums = identities(ctx.edition).filter((i) => i.ruleId in T3_SUMS);
  const known = (id: CellId): number | undefined => {
    const p = open.get(id);
    if (p) return p.value;
    const c = ctx.cells[id];
    if (c?.origin !== 'imported') return undefined;
    if (c.value === null) return 0;
    return typeof c.value === 'number' ? c.value : undefined;
  };
  let progress = true;
  while (progress) {
    progress = false;
    for (const sum of sums) {
      const members = [...sum.lhs, ...sum.rhs];
      const unknown = members.filter((id) => open.has(id));
      if (unknown.length !== 1) continue;
      const vals = members.map(known);
      if (vals.some((v) => v === undefined)) continue;
      const total = (ids: readonly CellId[]) => ids.reduce((a, id) => a + known(id)!, 0);
      if (Math.abs(total(sum.lhs) - total(sum.rhs)) > 1e-9) continue;
      const p = open.get(unknown[0]!)!;
      open.delete(p.id);
      progress = true;
      const blanks = members.some((id) => ctx.cells[id]?.value === null);
      const cell: FitCell = { ...p.cell, value: p.value, method: 'direct', normalised: true };
      delete cell.wrapped;
      delete cell.unchecked;
      delete cell.joined;
      commitRow(ctx, { ...p.plan, columns: [p.plan.columns[p.col]!], ids: [p.id], identities: [] }, [cell]);
      ctx.issues.push({
        code: 'VALUE_WRAPPED',
        severity: 'warning',
        message: `${ctx.labelOf(p.id)}：该数在原文单元格中折行印作「${p.cell.wrapped!.join('」「')}」，合读为 ${p.cell.raw?.trim() ?? p.value}：本行不能证实（${
          p.cell.unchecked ? '该行有读不出的单元格' : '本行总计与各列之和对不上'
        }），${sum.ruleId === 'T3-H' ? '本行其他折行的数经各列核对后，本行总计与各列之和相符' : `按${T3_SUMS[sum.ruleId]}（${sum.where}）核对相符`}${blanks ? '（空白单元格按 0 计）' : ''}，请核对`,
        cells: [p.id],
        ...(p.issue.where ? { where: p.issue.where } : {}),
        details: { pieces: p.cell.wrapped!, rule: sum.ruleId },
      });
    }
  }
  for (const p of open.values()) ctx.issues.push(p.issue);
}

/** Rows with several fitting splits: choose by the column identities (T3-V, T3-B) when exactly one combination holds. */
function resolveByColumns(ctx: Ctx, plans: RowPlan[]): void {
  const ambiguous = plans.filter((p) => p.candidates.length > 1);
  for (const p of plans) if (p.candidates.length === 1) commitRow(ctx, p, p.candidates[0]!);
  if (ambiguous.length === 0) {
    for (const p of plans) if (p.candidates.length !== 1) reportAmbiguous(ctx, p);
    return;
  }
  const combos = ambiguous.reduce((n, p) => n * p.candidates.length, 1);
  const idsList = identities(ctx.edition).filter((i) => i.ruleId === 'T3-V' || i.ruleId === 'T3-B');
  const fitting: number[][] = [];
  if (combos <= 20000) {
    const choice = ambiguous.map(() => 0);
    for (let k = 0; k < combos; k++) {
      let r = k;
      for (let i = 0; i < ambiguous.length; i++) {
        choice[i] = r % ambiguous[i]!.candidates.length;
        r = Math.floor(r / ambiguous[i]!.candidates.length);
      }
      const value = (id: CellId): number | null | undefined => {
        for (let i = 0; i < ambiguous.length; i++) {
          const p = ambiguous[i]!;
          const ci = p.ids.indexOf(id);
          if (ci >= 0) return p.candidates[choice[i]!]![ci]?.value;
        }
        return ctx.cells[id]?.value;
      };
      let ok = true;
      let checked = 0;
      for (const idn of idsList) {
        const l = idn.lhs.map(value);
        const rr = idn.rhs.map(value);
        if ([...l, ...rr].some((v) => typeof v !== 'number')) continue;
        checked++;
        const sum = (a: (number | null | undefined)[]) => a.reduce<number>((x, y) => x + (y as number), 0);
        if (Math.abs(sum(l) - sum(rr)) > 1e-9) {
          ok = false;
          break;
        }
      }
      if (ok && checked > 0) fitting.push([...choice]);
    }
  }
  if (fitting.length === 1) {
    const choice = fitting[0]!;
    ambiguous.forEach((p, i) => {
      p.chosen = true;
      commitRow(ctx, p, p.candidates[choice[i]!]!, p.candidates);
    });
  } else for (const p of ambiguous) reportAmbiguous(ctx, p);
  for (const p of plans) if (p.candidates.length === 0) reportAmbiguous(ctx, p);
}

const T4_ROW_LABELS = new Set(['行政复议', '行政诉讼', '未经复议直接起诉', '复议后起诉']);

const T4_GROUPS = [
  { key: 'review', label: '行政复议', m: normLabel('行政复议') },
  { key: 'litigationDirect', label: '行政诉讼 · 未经复议直接起诉', m: normLabel('未经复议直接起诉') },
  { key: 'litigationAfterReview', label: '行政诉讼 · 复议后起诉', m: normLabel('复议后起诉') },
] as const;
const LITIGATION = normLabel('行政诉讼');
const T4_COLUMN_HEADS = ['结果维持', '尚未审结'].map(normLabel);

/**
 * 表四 printed one row per group, each row with its label (Markdown, HTML, tab-separated lines:
 * 「| 行政复议 | 2 | 1 | 0 | 1 | 4 |」): each group is read from its own row, whatever the order of
 * the rows, a 「行政诉讼」 row above its two groups, a 序号 before the label. Only when every number of
 * the table is in such a row; otherwise (the 15 numbers in one row under a header of labels, as in
 * most PDFs) false, and the table is read in group order.
 */
function parseT4ByRows(ctx: Ctx, from0: number, to: number, sectionFrom: number): boolean {
  const { s } = ctx;
  // rows printed before 行政复议 (复议后起诉 first) are under the header, which is before them
  let from = from0;
  for (const h of T4_COLUMN_HEADS) {
    const ps = findAll(s.m, h, sectionFrom, from0);
    if (ps.length > 0) from = Math.min(from, ps[ps.length - 1]!);
  }
  const hits: { start: number; end: number; group: number }[] = [];
  for (const [g, m] of [...T4_GROUPS.map((x) => x.m), LITIGATION].entries())
    for (const p of findAll(s.m, m, from, to)) hits.push({ start: p, end: p + m.length, group: g });
  if (hits.length === 0) return false;
  hits.sort((a, b) => a.start - b.start);
  const endN = to >= s.m.length ? s.n.length : mn(s, to);
  const rows: ({ a: number; b: number; labelN: number; span: ReturnType<typeof spanTokens> } | undefined)[] =
    T4_GROUPS.map(() => undefined);
  /** Where each labelled row's numbers are, by line: numbers before its label (a 序号) are no values. */
  const labelAt = new Map<number, number>();
  const covered: [number, number][] = [];
  const isValue = (t: ValueTok) =>
    t.kind === 'num' ||
    t.kind === 'blank' ||
    t.kind === 'empty' ||
    (t.kind === 'text' && /[0-9０-９]/.test(t.raw));
  for (let i = 0; i < hits.length; i++) {
    const h = hits[i]!;
    const labelN = mn(s, h.start);
    const a = mnEnd(s, h.end);
    // the row's line, its separator included (a last empty cell is a printed blank, not cut off)
    const eol = s.n.indexOf(LINE_SEP, a);
    let b = eol < 0 ? endN : Math.min(eol + 1, endN);
    const next = hits[i + 1];
    if (next && mn(s, next.start) < b) b = mn(s, next.start);
    // a row of TAB fields whose numbers continue on the lines after it, before the next label (lines
    // of TAB fields holding numbers only): its own — 「行政复议⇥⇥⇥⇥0⏎⇥0」 was no row's, so 表四 was read as
    // 15 numbers in order, 结果维持 0 (printed blank) at high confidence
    if (eol >= 0 && s.n.slice(a, b).includes(CELL_SEP))
      while (b < endN && !(next && mn(s, next.start) < lineRange(s, s.nLine[b]!)[1] + 1)) {
        const [la, lb] = lineRange(s, s.nLine[b]!);
        const line = s.n.slice(la, lb);
        const t = spanTokens(s, la, lb).toks;
        // (a line of TABs only: the row's empty fields at its end, 「行政复议⇥1⇥0⇥0⇥1⏎⇥」 — see spanTokens)
        const tabsOnly = line.includes(CELL_SEP) && emptyLine(s, s.nLine[b]!);
        if (!tabsOnly && (!line.includes(CELL_SEP) || !t.some((x) => x.kind === 'num'))) break;
        if (!t.every((x) => x.kind === 'num' || x.kind === 'empty')) break;
        b = Math.min(lb + 1, endN);
      }
    else if (eol >= 0 && !s.n.slice(a, b).includes(CELL_SEP)) {
      // the same with numbers apart by spaces: a row printing fewer than its 5 numbers on its line, the
      // lines after it before the next label holding numbers only, as many as it lacks at most —
      // 「行政复议 2 1⏎1 4」 was no group's row, so 表四 was read as its 15 numbers in order (and with
      // a blank anywhere, none of them read)
      const cells = (t: readonly ValueTok[]) =>
        t.filter((x) => x.kind === 'num' || x.kind === 'blank').length;
      const own = spanTokens(s, a, b).toks;
      let got = cells(own);
      if (got > 0 && got < 5 && own.every((x) => x.kind === 'num' || x.kind === 'blank'))
        while (got < 5 && b < endN && !(next && mn(s, next.start) < lineRange(s, s.nLine[b]!)[1] + 1)) {
          const [la, lb] = lineRange(s, s.nLine[b]!);
          if (s.n.slice(la, lb).includes(CELL_SEP)) break;
          const t = spanTokens(s, la, lb).toks;
          if (t.length === 0 || !t.every((x) => x.kind === 'num') || got + t.length > 5) break;
          got += t.length;
          b = Math.min(lb + 1, endN);
        }
    }
    const span = spanTokens(s, a, b);
    // (the rest of the label's cell, and marks between two labels: 「行政诉讼 · 复议后起诉」)
    const vals = span.toks.filter(
      (t) => !t.labelRest && !(t.kind === 'text' && /^[\p{P}\p{S}]+$/u.test(t.raw)),
    );
    const line = s.nLine[labelN]!;
    if (!labelAt.has(line)) labelAt.set(line, labelN);
    if (vals.length === 0) continue;
    // a row of header words (「行政诉讼 结果维持 …」), or all 15 numbers after one label: not a row per group
    // (empty TAB fields are no numbers: 「行政复议⇥0⇥⇥⇥⇥0⇥⇥⇥」 is a group's row, its placement planTokens')
    if (!vals.every(isValue) || vals.filter((t) => t.kind !== 'empty').length > 7) return false;
    if (h.group === T4_GROUPS.length) {
      // 「行政诉讼」 over its two groups: a row of empty cells, or it is no group label
      if (vals.some((t) => t.kind !== 'empty' && t.kind !== 'blank')) return false;
      covered.push([a, b]);
      continue;
    }
    if (rows[h.group]) return false;
    rows[h.group] = { a, b, labelN, span };
    covered.push([a, b]);
  }
  if (!rows.some(Boolean)) return false;
  // every number of the table is in a labelled row (or a 序号 before a row's label)
  const all = spanTokens(s, mnEnd(s, from), endN).toks;
  for (const t of all) {
    if (t.kind !== 'num' && !(t.kind === 'text' && /[0-9０-９]/.test(t.raw))) continue;
    if (covered.some(([a, b]) => t.ni >= a && t.ni < b)) continue;
    const label = labelAt.get(s.nLine[t.ni]!);
    if (label !== undefined && t.ni < label) continue;
    return false;
  }
  const cutOffAll = endsAt(s, to);
  const trailing = trailingColumns(s, from, hits[0]!.start);
  // the header's order of the five columns (「| | 总计 | 结果维持 | … |」), a 序号 column aside
  const over = headerOrderOverLines(
    ctx,
    from,
    hits[0]!.start,
    ctx.L.t4PlanColumns.slice(0, 5).map((c) => c.label),
  );
  if (over.unknown) {
    columnOrderUnknown(ctx, '表四', over.unknown.printed, ctx.L.t4Ids, from);
    return true;
  }
  const order = over.order;
  if (order) columnOrderSaid(ctx, '表四', order, ctx.L.t4PlanColumns, ctx.L.t4Ids, from);
  const identity: RowIdentity = order
    ? { total: order.indexOf(4), parts: [0, 1, 2, 3].map((p) => order.indexOf(p)) }
    : { total: 4, parts: [0, 1, 2, 3] };
  T4_GROUPS.forEach((g, gi) => {
    const ids0 = ctx.L.t4Ids.slice(gi * 5, gi * 5 + 5);
    const columns0 = ctx.L.t4PlanColumns.slice(gi * 5, gi * 5 + 5);
    const ids = order ? order.map((i) => ids0[i]!) : ids0;
    const columns = order ? order.map((i) => columns0[i]!) : columns0;
    const r = rows[gi];
    if (!r) {
      const cut = cutOffAll && !rows.slice(gi + 1).some(Boolean);
      ctx.issues.push({
        code: cut ? 'CELLS_CUT_OFF' : 'ROW_NOT_FOUND',
        severity: 'warning',
        message: `表四「${g.label}」行${cut ? '不在原文中（原文在此之前截断）' : '没有找到（其他各组各印一行）'}，5 个单元格缺失（未当作 0）`,
        cells: ids,
      });
      return;
    }
    const labelWhere = whereAt(s, r.labelN);
    const plan = withJoinedT4(
      ctx,
      {
        table: 'reviewLitigation',
        rowKey: g.key,
        rowLabel: `表四「${g.label}」`,
        columns,
        ids,
        ...(labelWhere ? { labelWhere } : {}),
        ...(trailing !== undefined ? { trailingColumns: trailing } : {}),
      },
      r.span,
      cutOffAll && r.b >= s.n.length,
      [identity],
    );
    if (plan.candidates.length === 1) commitRow(ctx, plan, plan.candidates[0]!);
    else reportAmbiguous(ctx, plan);
  });
  return true;
}

/** 表四: 15 numbers after the header, in group order. */
function parseT4(ctx: Ctx, from: number, to: number, sectionFrom: number): void {
  const { s } = ctx;
  if (parseT4ByRows(ctx, from, to, sectionFrom)) return;
  const heads = new Set<number>();
  const hits: Hit[] = [];
  for (const h of T4_HEADER)
    for (const p of findAll(s.m, h, from, to)) {
      if (heads.has(p)) continue;
      heads.add(p);
      hits.push({ start: p, end: p + h.length, text: h });
    }
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  // gaps between header labels, and after the last one
  const toks: ValueTok[] = [];
  let cur = from;
  let explicitAny = false;
  // (every piece of the table's text without a TAB or pipe: numbers apart by spaces only)
  let spacesAll = true;
  let exactAny = false;
  const gaps: [number, number][] = [];
  for (const h of hits) {
    // labels next to each other in M may still have cells between them: Markdown's
    // 「| 行政复议 |  |  |  |  |  |」 followed by 「| 行政诉讼 · …」 is a row of five blanks
    if (h.start > cur || (h.start === cur && mn(s, h.start) > mnEnd(s, cur))) gaps.push([cur, h.start]);
    cur = Math.max(cur, h.end);
  }
  if (cur < to) gaps.push([cur, to]);
  const cutOff = endsAt(s, to);
  for (const [a, b] of gaps) {
    const {
      toks: t,
      explicit,
      exactCells,
      spacesOnly,
    } = spanTokens(s, mnEnd(s, a), b >= s.m.length ? s.n.length : mn(s, b));
    if (explicit) explicitAny = true;
    if (!spacesOnly) spacesAll = false;
    if (exactCells) exactAny = true;
    toks.push(...t);
  }
  // explicit empties only count on lines that carry numbers, or that are no header line: a row of
  // cells under its label (Markdown's 「| 行政诉讼 · 复议后起诉 |  |  |  |  |  |」) is blank, not absent
  const headerLines = new Set(
    hits.filter((h) => !T4_ROW_LABELS.has(h.text)).map((h) => s.nLine[mn(s, h.start)]),
  );
  const dataLines = new Set(
    toks.filter((t) => t.kind === 'num' || t.kind === 'blank').map((t) => s.nLine[t.ni]),
  );
  for (const t of toks)
    if (t.kind === 'empty' && t.explicit && !headerLines.has(s.nLine[t.ni])) dataLines.add(s.nLine[t.ni]);
  // a cell printing digits that are not a number (「1O」) on a line of values holds its column
  const useful = toks.filter(
    (t) =>
      t.kind === 'num' ||
      t.kind === 'blank' ||
      ((t.kind === 'empty' || (t.kind === 'text' && /[0-9０-９]/.test(t.raw))) &&
        dataLines.has(s.nLine[t.ni])),
  );
  // the header's order of each group's five columns (a header of 15 cells under the groups)
  const over = headerOrderOverLines(
    ctx,
    from,
    to,
    ctx.L.t4PlanColumns.slice(0, 5).map((c) => c.label),
    3,
  );
  if (over.unknown) {
    columnOrderUnknown(ctx, '表四', over.unknown.printed, ctx.L.t4Ids, from);
    return;
  }
  const order = over.order;
  if (order) columnOrderSaid(ctx, '表四', order, ctx.L.t4PlanColumns, ctx.L.t4Ids, from);
  const identities = order
    ? rowIdentityT4().map((g) => ({
        total: order.indexOf(g.total),
        parts: g.parts.map((p) => order.indexOf(p)),
      }))
    : rowIdentityT4();
  const fit = fitRow(useful, 15, identities, {
    cutOff,
    explicit: explicitAny,
    ...(spacesAll && !explicitAny ? { spacesOnly: true } : {}),
    positioned: ctx.positioned,
    exactCells: exactAny,
  });
  if (fit.mode === 'dropped' && fit.extra && fit.candidates.length === 1) {
    const holdsNow = rowHolds(
      fit.candidates[0]!.map((c) => c?.value),
      identities,
    );
    ctx.issues.push({
      code: 'ROW_EXTRA_VALUES',
      severity: 'warning',
      message: holdsNow
        ? `表四：印有多于 15 个数值（原文：${fit.printed}）；去掉「${fit.extra.map((t) => t.raw).join(' ')}」后勾稽关系成立（只有这一种去法），其余按顺序读取`
        : `表四：印有多于 15 个数值（原文：${fit.printed}），多出的「${fit.extra.map((t) => t.raw).join(' ')}」在多出的空单元格一端，未使用，请核对各列`,
      details: { dropped: fit.extra.map((t) => t.raw) },
    });
  }
  const plan: RowPlan = {
    table: 'reviewLitigation',
    rowKey: '',
    rowLabel: '表四',
    columns: order ? order.map((i) => ctx.L.t4PlanColumns[i]!) : ctx.L.t4PlanColumns,
    ids: order ? order.map((i) => ctx.L.t4Ids[i]!) : ctx.L.t4Ids,
    candidates: fit.candidates,
    mode: fit.mode,
    cutOff,
    printed: fit.printed,
    identities,
  };
  if (fit.extra) plan.extra = fit.extra;
  if (fit.alignments) plan.alignments = fit.alignments;
  const w = whereAt(s, mn(s, from));
  if (w) plan.labelWhere = w;
  // numbers a PDF printed wrapped in their cells: kept where their group adds up (withJoined)
  const checked = withJoined(ctx, plan, identities);
  // cell ids are reviewLitigation.<row>.<col>: the row key is part of the column key here
  if (checked.candidates.length === 1) commitRow(ctx, checked, checked.candidates[0]!);
  else reportAmbiguous(ctx, checked);
}

/** planTokens for a 表四 group's row, its numbers wrapped in their cells held to withJoined. */
function withJoinedT4(
  ctx: Ctx,
  base: Omit<RowPlan, 'candidates' | 'mode' | 'cutOff'>,
  span: ReturnType<typeof spanTokens>,
  cutOff: boolean,
  ids: RowIdentity[],
): RowPlan {
  return withJoined(ctx, planTokens(ctx, base, span, cutOff, ids), ids);
}

/** Reflow extracted text: join lines broken mid-sentence (page breaks, PDF wrapping). */
export function reflow(text: string): string {
  const lines = text
    .split('\n')
    .map((l) =>
      l
        .replaceAll(CELL_SEP, ' ')
        .replace(/[\s\u00a0\u3000]+/g, ' ')
        .trim(),
    )
    .filter((l) => l !== '' && !isPageChrome(l));
  const out: string[] = [];
  let prev = '';
  // A Markdown heading (a text conversion's `## 二、…`) is a paragraph of its own, without its marks;
  // a line of marks alone (the heading text went to a table) is dropped.
  let prevMarked = false;
  for (const line of lines) {
    const marked = /^#{1,6}(?:\s|$)/.test(line);
    // Markdown's marks are not text: a heading's #, a bold line's ** (a lone ** when its words went to a table)
    const l = (marked ? line.replace(/^#{1,6}\s*/, '') : line)
      .replace(/^(\*\*|__)(.+)\1$/, '$2')
      .replace(/^[*_]{1,3}$/, '');
    if (l === '') {
      prevMarked ||= marked;
      continue;
    }
    if (out.length) {
      const heading =
        marked ||
        prevMarked ||
        /^(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+[、.．]|\d+[.．、]|[一二三四五六七八九十]是)/.test(
          l,
        );
      if (/(?:[。！？；：…]|[。！？；][”’）)])$/.test(prev) || heading) out.push('\n');
      else if (/[A-Za-z0-9]$/.test(prev) && /^[A-Za-z0-9]/.test(l)) out.push(' ');
    }
    out.push(l);
    prev = l;
    prevMarked = marked;
  }
  return out.join('');
}

function sliceText(s: Stream, mA: number, mB: number): string {
  const a = mA >= s.m.length ? s.n.length : mn(s, mA);
  const b = mB >= s.m.length ? s.n.length : mn(s, mB);
  return sectionText(s, a, b, reflow);
}

/**
 * The preamble: the text of M range [mA, mB) without the page chrome in it (chromeOfLine) and
 * without the title printed again at its top (「重庆市合川区二郎镇人民政府\n2019年政府信息公开工作报告」
 * under a portal's own heading); what was left out is returned, one entry a line, as printed.
 */
function preambleText(
  s: Stream,
  mA: number,
  mB: number,
  title: string | null | undefined,
): { text: string; removed: string[] } {
  const a = mA >= s.m.length ? s.n.length : mn(s, mA);
  const b = mB >= s.m.length ? s.n.length : mn(s, mB);
  const removed: string[] = [];
  // kept pieces of lines, in order; `joined`: nothing was left out between it and the one before
  const kept: { a: number; b: number; text: string; joined: boolean }[] = [];
  let cut = true;
  let i = Math.max(a, 0);
  const end = Math.min(b, s.n.length);
  while (i < end) {
    if (s.n[i] === LINE_SEP) {
      i++;
      continue;
    }
    let j = s.n.indexOf(LINE_SEP, i);
    if (j < 0 || j > end) j = end;
    const line = s.n.slice(i, j).replaceAll(CELL_SEP, ' ');
    const v = chromeOfLine(line);
    if (v.kind === 'all') {
      removed.push(line.trim());
      cut = true;
    } else if (v.kind === 'prefix') {
      removed.push(line.slice(0, v.keepFrom).trim());
      kept.push({ a: i + v.keepFrom, b: j, text: line.slice(v.keepFrom), joined: false });
      cut = false;
    } else {
      kept.push({ a: i, b: j, text: line, joined: !cut });
      cut = false;
    }
    i = j;
  }
  // the title again, on up to three lines, before the preamble's text
  const t = title ? normLabel(title) : '';
  if (t !== '') {
    let acc = '';
    for (let k = 0; k < Math.min(3, kept.length); k++) {
      acc += normLabel(kept[k]!.text);
      if (acc === t) {
        removed.push(
          kept
            .slice(0, k + 1)
            .map((x) => x.text.trim())
            .join(' '),
        );
        kept.splice(0, k + 1);
        if (kept[0]) kept[0].joined = false;
        break;
      }
      if (!t.startsWith(acc)) break;
    }
  }
  const parts: string[] = [];
  for (let k = 0; k < kept.length; ) {
    let l = k + 1;
    while (l < kept.length && kept[l]!.joined) l++;
    const text = sectionText(s, kept[k]!.a, kept[l - 1]!.b, reflow);
    if (text) parts.push(text);
    k = l;
  }
  return { text: parts.join('\n'), removed };
}

/** Parse a laid-out source into the report. */
/** The source with radicals that stand for characters read as those characters (unifyRadicals). */
function withCharacters(doc: SourceDoc): SourceDoc {
  const any = (t: string) => /[\u2e80-\u2fdf]/.test(t);
  if (!doc.lines.some((l) => l.cells.some((c) => any(c.text)))) return doc;
  return {
    ...doc,
    lines: doc.lines.map((l) =>
      l.cells.some((c) => any(c.text))
        ? { ...l, cells: l.cells.map((c) => ({ ...c, text: unifyRadicals(c.text) })) }
        : l,
    ),
    ...(doc.text !== undefined ? { text: unifyRadicals(doc.text) } : {}),
  };
}

/**
 * An Excel workbook's year and agency outside a report's title (its sheets' names, a title cell, a
 * row 「填报单位：…」, xlsx.ts): taken where the title (or 统计期限) gives none; where they differ from
 * it, or from each other, said — never a silent pick.
 */
function withSheetHints(meta: MetaGuess, hints: XlsxMetaHints | undefined, issues: Diagnostic[]): MetaGuess {
  if (!hints) return meta;
  let { year, agency } = meta;
  const strongYear = year.value !== null && /^(?:标题|统计期限)/.test(year.reason);
  const strongAgency = agency.value !== null && /^(?:标题|前言)/.test(agency.reason);
  const places = <T>(hs: { value: T; reason: string }[]) =>
    hs.map((h) => `${h.reason.replace(/中的(?:年份|机关名称)$/, '')}为「${h.value}」`).join('，');
  if (hints.year && !strongYear) year = hints.year;
  else if (hints.year && year.value !== hints.year.value)
    issues.push({
      code: 'YEAR_SOURCES_DIFFER',
      severity: 'error',
      message: `报告年度不一致：${year.reason}为 ${year.value} 年，${hints.year.reason}为 ${hints.year.value} 年。暂按 ${year.value} 年读取，请核对`,
      details: { read: year.value, other: hints.year.value },
    });
  if (hints.yearConflict) {
    const read =
      strongYear && year.value !== null ? `暂按${year.reason}读作 ${year.value} 年` : '没有从中选取';
    issues.push({
      code: 'YEAR_SOURCES_DIFFER',
      severity: 'error',
      message: `报告年度不一致：${places(hints.yearConflict)}，${read}，请核对`,
      details: { years: hints.yearConflict.map((h) => h.value) },
    });
    // a year of the body text would be a pick among them: not taken
    if (!strongYear) year = { value: null, reason: '工作表名和标题中的年份不一致' };
  }
  // no title, sheet name or 统计期限 giving the year: the year most often written in the cells (a
  // 填报日期 2025年1月20日 of a 2024 report) is a guess, said
  if (!hints.year && !hints.yearConflict && year.value !== null && !strongYear)
    issues.push({
      code: 'YEAR_GUESSED',
      severity: 'warning',
      message: `没有标题、工作表名或统计期限说明报告年度，按${year.reason}暂定为 ${year.value} 年（可能是填报日期的年份）：请核对报告年度`,
      details: { year: year.value, reason: year.reason },
    });
  if (hints.agency && !strongAgency) agency = hints.agency;
  else if (hints.agency && agency.value !== hints.agency.value)
    issues.push({
      code: 'AGENCY_SOURCES_DIFFER',
      severity: 'warning',
      message: `机关名称不一致：${agency.reason}为「${agency.value}」，${hints.agency.reason}为「${hints.agency.value}」。按标题读作「${agency.value}」，请核对`,
      details: { read: agency.value, other: hints.agency.value },
    });
  if (hints.agencyConflict) {
    issues.push({
      code: 'AGENCY_SOURCES_DIFFER',
      severity: 'warning',
      message: `机关名称不一致：${places(hints.agencyConflict)}，${strongAgency ? `按${agency.reason}读作「${agency.value}」` : '没有从中选取'}，请核对`,
      details: { names: hints.agencyConflict.map((h) => h.value) },
    });
    if (!strongAgency) agency = { value: null, reason: '填报单位不一致' };
  }
  return { ...meta, year, agency };
}

export function parseSource(
  source: SourceDoc & { metaHints?: XlsxMetaHints },
  kind: InputKind,
  kindReason: string,
): IngestResult {
  const doc = withCharacters(source);
  const s = buildStream(doc);
  const issues: Diagnostic[] = [];
  // edition evidence from labels
  const evidence: string[] = [];
  const score: Record<EditionId, number> = { '2019-trial': 0, '2021': 0 };
  for (const ed of ['2019-trial', '2021'] as const)
    for (const mk of EDITION_MARKERS[ed])
      if (s.m.includes(mk)) {
        score[ed]++;
        evidence.push(`「${mk}」（${ed} 版）`);
      }
  // sections with the 2021 labels first (titles are the same in both editions)
  const L0 = editionLabels('2021');
  const secs0 = findSections(s, L0);
  const firstSecN = secs0.find(Boolean);
  const firstSectionLine = firstSecN ? s.nLine[mn(s, firstSecN.start)]! : doc.lines.length;
  const meta = withSheetHints(detectMeta(doc, firstSectionLine), source.metaHints, issues);
  // no title or 统计期限 giving the year (an Excel workbook says so in withSheetHints): the year
  // written most often in the text is a guess — the year the report was written, or of its plans
  if (!source.metaHints && meta.yearGuessed && meta.year.value !== null)
    issues.push({
      code: 'YEAR_GUESSED',
      severity: 'warning',
      message: `没有在标题或统计期限中找到报告年度，按${meta.year.reason}暂定为 ${meta.year.value} 年（可能是发布或工作计划的年份）：请核对报告年度`,
      details: { year: meta.year.value, reason: meta.year.reason },
    });
  const hasTables =
    /第二十条/.test(s.m) || T3_MARKERS.some((t) => s.m.includes(t)) || s.m.includes(NEW_RECEIVED);
  const sectionsFound = secs0.filter(Boolean).length;
  const looksLikeReport =
    meta.title.value !== null || sectionsFound >= 2 || hasTables || /政府信息公开/.test(s.m);
  if (!looksLikeReport || (sectionsFound === 0 && !hasTables && meta.title.value === null)) {
    throw new NianbaoError(
      'INGEST_NOT_A_REPORT',
      '无法识别为政府信息公开工作年度报告：没有找到标题、“一、总体情况”等章节标题或统一格式的表格',
      { kind, chars: s.n.length },
    );
  }
  // edition: by year; the labels confirm or contradict
  let edition: EditionId;
  let editionReason: string;
  const byYear = meta.year.value !== null ? editionForYear(meta.year.value) : undefined;
  const byLabels: EditionId | undefined =
    score['2019-trial'] > 0 && score['2021'] === 0
      ? '2019-trial'
      : score['2021'] > 0 && score['2019-trial'] === 0
        ? '2021'
        : score['2019-trial'] >= 2 * score['2021'] + 2
          ? '2019-trial'
          : score['2021'] >= 2 * score['2019-trial'] + 2
            ? '2021'
            : undefined;
  if (byYear && (!byLabels || byLabels === byYear)) {
    edition = byYear;
    editionReason = zh`报告年度 ${meta.year.value} 适用${editionName(byYear)}${byLabels ? '，表格标签与之一致' : ''}`;
  } else if (byLabels) {
    edition = byLabels;
    editionReason = zh`按表格标签认定为${editionName(byLabels)}${byYear ? zh`（报告年度 ${meta.year.value} 本应使用${editionName(byYear)}）` : ''}`;
    if (byYear)
      issues.push({
        code: 'EDITION_MISMATCH',
        severity: 'warning',
        message: zh`报告年度 ${meta.year.value} 应使用${editionName(byYear)}，原文表格却是${editionName(byLabels)}，按原文表格读取`,
        details: { byYear, byLabels },
      });
  } else {
    edition = byYear ?? '2021';
    editionReason = byYear
      ? zh`报告年度 ${meta.year.value} 适用${editionName(byYear)}`
      : '未能识别年度和格式标签，暂按 2021 版格式读取';
  }
  let year = meta.year.value;
  if (year === null) {
    year = edition === '2021' ? 2021 : 2020;
    issues.push({
      code: 'YEAR_NOT_FOUND',
      severity: 'error',
      // Years found that disagree (YEAR_SOURCES_DIFFER said which) are not "none found".
      message: meta.year.reason.includes('不一致')
        ? `报告年度无法确定（${meta.year.reason}），暂按 ${year} 年处理，请核对`
        : `没有找到报告年度（标题、统计期限、正文均无），暂按 ${year} 年处理，请核对`,
    });
  }
  const L = editionLabels(edition);
  const secs = findSections(s, L);
  const e = getEdition(edition);
  const ctx: Ctx = {
    s,
    L,
    edition,
    issues,
    cells: {},
    sources: {},
    sourceList: [],
    aliasesUsed: [],
    extraLabels: [],
    labelOf: (id) => e.cellIndex.get(id)?.label ?? id,
    positioned: kind === 'pdf',
  };
  const M = s.m.length;
  const secStart = (i: number) => secs[i]?.start;
  const firstAfter = (...xs: (number | undefined)[]) => xs.filter((x): x is number => x !== undefined);
  const t4Start0 = (from: number, to: number): number | undefined => {
    for (const p of findAll(s.m, REVIEW, from, to)) {
      // A sentence before the table is not the table: 「被申请行政复议4件，其中结果维持2件……」
      if (s.m.slice(Math.max(0, p - 2), p) === '申请') continue;
      const after = s.m.slice(p + REVIEW.length, p + REVIEW.length + 12);
      // … nor 「行政复议案件4件」「行政复议申请2件」 (a count of 件 in the clause after it)
      if (/^[^，。；,;：:]{0,8}?\d+[件起宗个]/.test(after)) continue;
      const win = s.m.slice(p, p + 400);
      const head = (t: string) => t.includes('维持') || t.includes('审结') || t.includes('尚未');
      // the litigation groups by name: 「行政诉讼」, or only its two rows (「未经复议直接起诉」 「复议后起诉」
      // as rows of their own under one header of five)
      const lit = (t: string) =>
        t.includes('行政诉讼') || (t.includes('直接起诉') && t.includes('复议后起诉'));
      if (lit(win) && head(win) && !/^[共计为]?\d/.test(after)) return p;
      // a table whose header row comes first (「| | 结果维持 | … | 总计 |」, then one row per group,
      // 「| 行政复议 | 2 | 1 | …」): numbers after the label, but no 「4件」 of a sentence
      if (lit(win) && head(s.m.slice(Math.max(from, p - 40), p)) && !/^[共计为]?\d+[件起宗]/.test(after))
        return p;
      // … and its 行政诉讼 rows before the 行政复议 row
      const before = s.m.slice(Math.max(from, p - 400), p);
      if (lit(before) && head(before) && !/^[共计为]?\d+[件起宗]/.test(after)) return p;
    }
    return undefined;
  };
  // 表二 region
  const t2From = secs[1]?.end ?? 0;
  const t2Limit = Math.min(...firstAfter(secStart(2), secStart(3), secStart(4), M));
  let t2Start: number | undefined;
  {
    const p = s.m.indexOf('第二十条', t2From);
    if (p >= 0 && p < t2Limit) t2Start = p;
  }
  // 表三 region
  const t3From = secs[2]?.end ?? t2Start ?? 0;
  const t3Limit = Math.min(...firstAfter(secStart(3), secStart(4), M));
  const rowOne = L.t3.find((r) => r.key === 'newReceived')!;
  let t3Start: number | undefined;
  for (const v of [...T3_MARKERS, ...rowOne.v.variants.map((x) => x.text)]) {
    const p = s.m.indexOf(v, t3From);
    if (p >= 0 && p < t3Limit && (t3Start === undefined || p < t3Start)) t3Start = p;
  }
  if (t3Start !== undefined && t3Start > 0 && s.m[t3Start - 1] === '（') t3Start--;
  // 表四 region
  const t4From = secs[3]?.end ?? (t3Start !== undefined ? t3Start : (t2Start ?? (secs[3] ? secs[3].end : 0)));
  const t4Limit = Math.min(...firstAfter(secStart(4), secStart(5), M));
  const t4Start =
    secs[3] || t3Start !== undefined || t2Start !== undefined
      ? t4Start0(t4From, t4Limit)
      : t4Start0(0, t4Limit);
  const t2End = Math.min(
    ...firstAfter(t3Start, t4Start, secStart(2), secStart(3), secStart(4), secStart(5), M).filter(
      (x) => t2Start === undefined || x > t2Start,
    ),
  );
  const t3End = Math.min(
    ...firstAfter(t4Start, secStart(3), secStart(4), secStart(5), M).filter(
      (x) => t3Start === undefined || x > t3Start,
    ),
  );
  let t4End = Math.min(
    ...firstAfter(secStart(4), secStart(5), M).filter((x) => t4Start === undefined || x > t4Start),
  );
  if (t4Start !== undefined && secs[4] === undefined) {
    // no 五、 heading: stop at the next numbered heading
    const nx = /[五六]、/.exec(s.m.slice(t4Start));
    if (nx) t4End = Math.min(t4End, t4Start + nx.index);
  }
  const tablesPresent: { activeDisclosure?: boolean; applications?: boolean; reviewLitigation?: boolean } =
    {};
  const tableMissing = (key: 'activeDisclosure' | 'applications' | 'reviewLitigation', secIdx: number) => {
    tablesPresent[key] = false;
    const label = { activeDisclosure: '表二', applications: '表三', reviewLitigation: '表四' }[key];
    // (a whole source — a workbook — is cut nowhere: a table it lacks is missing)
    const cut = !s.complete && !secs[secIdx] && !secs.slice(secIdx + 1).some(Boolean);
    const before =
      !s.complete &&
      !secs[secIdx] &&
      secs.slice(0, secIdx).every((x) => !x) &&
      secs.slice(secIdx + 1).some(Boolean);
    const ids = e.cells.filter((c) => c.table === key).map((c) => c.id);
    ctx.issues.push({
      code: cut || before ? 'TABLE_CUT_OFF' : 'TABLE_MISSING',
      severity: cut || before ? 'warning' : 'error',
      message: cut
        ? `${label}不在原文中（原文在此之前截断），${ids.length} 个单元格缺失`
        : before
          ? `${label}不在原文中（原文从其后开始），${ids.length} 个单元格缺失`
          : `${label}缺失：${s.complete ? `文件中没有${label}` : secs[secIdx] ? '有章节标题但没有表格' : '没有找到章节标题和表格'}，${ids.length} 个单元格缺失（未当作 0）`,
      cells: ids,
    });
  };
  if (t2Start !== undefined && parseT2(ctx, t2Start, t2End)) tablesPresent.activeDisclosure = true;
  else tableMissing('activeDisclosure', 1);
  if (t3Start !== undefined) {
    tablesPresent.applications = true;
    parseT3(ctx, t3Start, t3End);
  } else tableMissing('applications', 2);
  if (t4Start !== undefined) {
    tablesPresent.reviewLitigation = true;
    parseT4(ctx, t4Start, t4End, t4From);
  } else tableMissing('reviewLitigation', 3);

  // sections' text
  const report: Report = createEmptyReport({
    year,
    agency: meta.agency.value ?? '（未识别机关）',
    edition,
  });
  report.cells = ctx.cells;
  const tableStarts: (number | undefined)[] = [undefined, t2Start, t3Start, t4Start, undefined, undefined];
  const sectionOrder: number[] = [];
  let signedOn: { iso: string; line: string } | undefined;
  for (let i = 0; i < 6; i++) {
    const sec = secs[i];
    const key = SECTION_KEYS[i]!;
    if (!sec) {
      report.sections[key] = null;
      continue;
    }
    sectionOrder.push(i + 1);
    let end = M;
    for (let j = i + 1; j < 6; j++)
      if (secs[j]) {
        end = secs[j]!.start;
        break;
      }
    const ts = tableStarts[i];
    if (ts !== undefined && ts >= sec.end && ts < end) end = ts;
    let text = sliceText(s, sec.end, end);
    if (i === 5 || (i < 5 && !secs.slice(i + 1).some(Boolean))) {
      // trailing page chrome after the last section
      text = text
        .replace(
          /\n?(?:附件下载|更多精彩内容|扫一扫|【打印】|分享到|网站地图|关闭窗口|打印本页|返回顶部).*$/s,
          '',
        )
        .trim();
      // the signature under the last section: 「示例县交通运输局 2023年1月20日」 is not part of its text
      const sig = splitSignature(text);
      if (sig) {
        text = sig.text;
        if (sig.iso) signedOn = { iso: sig.iso, line: sig.line };
      }
    }
    report.sections[key] = text;
  }
  const missingSections = L.sections.filter((_, i) => !secs[i]);
  if (missingSections.length > 0) {
    const lastFound = secs.reduce((acc, x, i) => (x ? i : acc), -1);
    const firstFound = secs.findIndex(Boolean);
    for (const sec of missingSections) {
      const i = sec.no - 1;
      const cut = i > lastFound;
      const before = firstFound >= 0 && i < firstFound;
      issues.push({
        code: cut ? 'SECTION_CUT_OFF' : before ? 'SECTION_BEFORE_START' : 'SECTION_MISSING',
        severity: cut || before ? 'warning' : 'error',
        message: `章节「${sec.title}」${cut ? '不在原文中（原文可能在此之前截断）' : before ? '不在原文中（原文从其后开始）' : '没有找到'}`,
        details: { section: sec.key },
      });
    }
  }
  if (firstSecN) {
    // the preamble starts after the title
    let preStart = 0;
    const titleLine = meta.title.where?.line;
    if (titleLine !== undefined) {
      while (preStart < firstSecN.start && s.nLine[s.mToN[preStart]!]! < titleLine) preStart++;
    }
    const { text: pre, removed } = preambleText(s, preStart, firstSecN.start, meta.title.value);
    if (pre) report.preamble = pre;
    if (removed.length > 0) {
      const quote = (t: string) => `「${t.length > 40 ? `${t.slice(0, 40)}…` : t}」`;
      issues.push({
        code: 'PREAMBLE_CHROME_REMOVED',
        severity: 'info',
        message: `「一、总体情况」前不属于报告前言的内容（网页的发布时间、来源、打印按钮、栏目路径，重复的标题）没有放入前言：${removed.map(quote).join('')}${pre ? '' : '（去掉后没有前言）'}；如其中有报告原文，请在前言中补上`,
        details: { removed },
      });
    }
  }
  if (meta.title.value) report.meta.title = meta.title.value;
  else
    issues.push({
      code: 'TITLE_NOT_FOUND',
      severity: 'warning',
      message: '没有找到报告标题（原文可能从正文开始）',
    });
  if (meta.agency.value) report.meta.agency = { name: meta.agency.value, ...inferAgency(meta.agency.value) };
  else
    issues.push({
      code: 'AGENCY_NOT_FOUND',
      severity: 'warning',
      message: '没有找到机关名称，暂记为「（未识别机关）」，请补充',
    });
  if (meta.publishedOn) report.meta.publishedOn = meta.publishedOn;
  else if (signedOn && Number(signedOn.iso.slice(0, 4)) >= year) {
    report.meta.publishedOn = signedOn.iso;
    issues.push({
      code: 'PUBLISHED_FROM_SIGNATURE',
      severity: 'info',
      message: `没有印出发布日期，按文末落款「${signedOn.line}」记为 ${signedOn.iso}，请核对`,
      details: { signature: signedOn.line },
    });
  }
  report.layout = {
    sectionOrder,
    tablesPresent,
    ...(ctx.aliasesUsed.length ? { aliasesUsed: ctx.aliasesUsed } : {}),
    ...(ctx.extraLabels.length ? { extraLabels: ctx.extraLabels } : {}),
  };
  // A control character or a bidi override a PDF or Word file carries (a stray NUL, U+202E: nobody
  // can see or remove it in the source) is removed, and said: the report read is one parseReport takes.
  const cleaned = withoutRefusedChars(report);
  for (const n of cleaned.removed)
    issues.push({
      code: 'CHARS_REMOVED',
      severity: 'warning',
      message: n.message,
      details: { path: n.path },
    });
  const all = e.cells.length;
  // every cell is set together with its source
  const srcs = ctx.sourceList;
  const found = srcs.length;
  const diagnostics: IngestDiagnostics = {
    kind: { value: kind, reason: kindReason },
    edition: { value: edition, reason: editionReason, evidence },
    year: year === meta.year.value ? meta.year : { value: year, reason: '未找到，按格式版本暂定' },
    agency: meta.agency,
    title: meta.title,
    cells: ctx.sources,
    issues,
    summary: {
      cellsExpected: all,
      cellsFound: found,
      cellsBlank: srcs.filter((c) => c.value === null).length,
      cellsInferred: srcs.filter((c) => c.method === 'inferred').length,
      cellsRepaired: srcs.filter((c) => c.method !== 'direct' && c.method !== 'positional').length,
      cellsMissing: all - found,
      tablesFound: Object.values(tablesPresent).filter(Boolean).length,
      sectionsFound: sectionOrder.length,
    },
  };
  return { report: cleaned.removed.length ? cleaned.report : report, diagnostics, text: sourceToText(doc) };
}
