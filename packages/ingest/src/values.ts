/** Reading printed values: numbers, signs, units, blanks; fitting a row's values to its columns. */

import { parseCellText } from '@nianbao/core';
import { INVISIBLE_RE } from './chars.js';

export interface ValueTok {
  kind: 'num' | 'blank' | 'empty' | 'text';
  raw: string;
  value?: number;
  unit?: '元' | '万元';
  /** The printed form differs from the number (sign, prefix, unit, full-width digits). */
  normalised?: boolean;
  /** N index of the token's first character. */
  ni: number;
  /** The token came from an explicit cell (pipes, HTML/DOCX). */
  explicit: boolean;
  /**
   * Digits printed with spaces between them in one cell (「6 4」): the pieces. Read as one number
   * (the spaces removed) unless the row shows they are several.
   */
  spaced?: string[];
  /** A footnote mark printed after the number (「1²」「5*」), taken off: the mark as printed. */
  footnote?: string;
  /** The rest of the row label's own cell (text after the label in the same cell): never a value cell. */
  labelRest?: true;
  /** The source line it was printed on (explicit rows: one table row per line). */
  line?: number;
  /**
   * An amount printed with 「万」「亿」「亿元」 (「1.2万」「3亿」): read in 万元 as core reads it typed;
   * `note` is core's (「已按万元换算：3亿元 = 30000万元」). In a count it is no number (the caller says so).
   */
  scaled?: { unit: '万' | '亿' | '亿元'; note: string };
  /** Text in Chinese numerals (「一百二十」): a value cell, not read (as typed, core refuses it). */
  hanNumeral?: true;
}

/**
 * A printed blank (「—」「/」「无」「空」「*」…): exactly the marks core reads as blank when typed or
 * pasted (packages/core cell-input.ts), so the two lists cannot drift apart. (A blank mark is short:
 * long words are not handed to core.)
 */
function isBlankMark(t: string): boolean {
  return t.length <= 8 && parseCellText(t, 'count').kind === 'blank';
}
/** An amount with 「万」「亿」「亿元」 after it (「1.2万」「3亿」): read by core's parseCellText in 万元. */
const SCALED_RE = /^(?:\d+(?:\.\d+)?|\d{1,3}(?:,\d{3})+(?:\.\d+)?)(万|亿元|亿)$/;
/** A number in Chinese numerals (「一百二十」「两千」「壹佰」): not read, said. */
const HAN_NUMERAL_RE = /^[零〇一二三四五六七八九十百千万亿两壹贰叁肆伍陆柒捌玖拾佰仟]+$/u;
const NUM_RE =
  /^([+＋\-−－]|增加|减少|上升|下降|增|减|↑|↓)?\s*(\d+(?:\.\d+)?|\d{1,3}(?:,\d{3})+(?:\.\d+)?)\s*(万元|元|件|个|条|项|起|人次)?$/;
/** Signs of a decrease (本年增/减 printed as 减2, 减少2, ↓2, -2). */
const MINUS = new Set(['-', '−', '－', '减', '减少', '下降', '↓']);
/**
 * A footnote mark after a number — superscript digits (from ¹ or an HTML <sup>), ①…⑳, 注1, * —
 * which NFKC would otherwise turn into the number's last digits (167¹ → 1671).
 */
const FOOTNOTE_RE = /(?<=[\d０-９])\s*(?:注?[⁰¹²³⁴⁵⁶⁷⁸⁹]+|[①-⑳]|注\s*[\d０-９]*|[*＊※])$/u;
/** (zero-width space, joiners, soft hyphen, bidirectional marks: see INVISIBLE_RE) */
const INVISIBLE = INVISIBLE_RE;
/** Page chrome that may sit inside a table after a page break: 「- 3 -」「第3页」「共5页」「P. 8」. */
const CHROME_RE =
  /^(?:[-—]\s*\d+\s*[-—]|第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?|共\s*\d+\s*页|P\.\s*\d+|Page\s*\d+.*)$/i;

export function isPageChrome(s: string): boolean {
  return CHROME_RE.test(s.trim());
}

function isAsciiDigits(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Classify one printed cell text. */
export function classifyValue(rawIn: string, ni: number, explicit: boolean): ValueTok {
  if (isAsciiDigits(rawIn)) {
    // the common case, as the general path below reads it
    const v = Number(rawIn);
    const tok: ValueTok = { kind: 'num', raw: rawIn, value: v, ni, explicit };
    if (rawIn !== String(v)) tok.normalised = true;
    return tok;
  }
  // Invisible characters (zero-width space, joiners, soft hyphen) an editor left in a cell mean nothing.
  const raw = rawIn.trim();
  const visible = raw.replace(INVISIBLE, '');
  if (visible === '') return { kind: 'empty', raw: '', ni, explicit };
  const marked = visible.replace(FOOTNOTE_RE, '');
  const t = marked.normalize('NFKC').replace(/\s+/g, '');

  // (asked before NFKC too, as typing asks: it makes the full-width 「－」 a hyphen, 「－－」 「--」)
  if (isBlankMark(t) || isBlankMark(marked.replace(/\s+/g, ''))) return { kind: 'blank', raw, ni, explicit };
  const m = NUM_RE.exec(t);
  if (m) {
    let v = Number(m[2]!.replaceAll(',', ''));
    if (m[1] && MINUS.has(m[1])) v = -v;
    if (Object.is(v, -0)) v = 0;
    const tok: ValueTok = { kind: 'num', raw, value: v, ni, explicit };
    if (m[3] === '元' || m[3] === '万元') tok.unit = m[3];
    if (raw !== String(v)) tok.normalised = true;
    // 「6 4」: digits with spaces between them may be one number or several cells run together
    const pieces = marked.normalize('NFKC').trim().split(/\s+/);
    if (pieces.length > 1 && pieces.every((x) => /^\d+$/.test(x))) tok.spaced = pieces;
    if (marked !== visible) tok.footnote = visible.slice(marked.length).trim();
    return tok;
  }
  const scaled = SCALED_RE.exec(t);
  if (scaled) {
    // as typed: 「1.2万」 is 1.2 万元, 「3亿」 30000 万元 (never the number without its 万/亿)
    const p = parseCellText(t, 'money', '万元');
    if (p.kind === 'value') {
      const tok: ValueTok = {
        kind: 'num',
        raw,
        value: p.value,
        unit: '万元',
        normalised: true,
        ni,
        explicit,
      };
      tok.scaled = { unit: scaled[1] as '万' | '亿' | '亿元', note: p.note ?? '' };
      if (marked !== visible) tok.footnote = visible.slice(marked.length).trim();
      return tok;
    }
  }
  if (HAN_NUMERAL_RE.test(t)) return { kind: 'text', raw, ni, explicit, hanNumeral: true };
  return { kind: 'text', raw, ni, explicit };
}

/** A digit string that can be cut into several cells. */
export function isDigitRun(t: ValueTok): boolean {
  return t.kind === 'num' && /^\d{2,}$/.test(t.raw);
}

/** Identity of a row: values[total] = Σ values[parts]. */
export interface RowIdentity {
  total: number;
  parts: readonly number[];
}

export interface FitCell {
  value: number | null;
  raw?: string;
  unit?: '元' | '万元';
  normalised?: boolean;
  /** N index where it was read (undefined for cells inferred without printed text). */
  ni?: number;
  /**
   * 'unreadable': the cell printed something that is not a number (「3O」「约665」「6,65」): value
   * null, never stored as a value; 'inferred' with `raw`: such a cell whose value the row's
   * identities fix (the caller says both).
   */
  method: 'direct' | 'positional' | 'split' | 'inferred' | 'unreadable';
  explicit?: boolean;
  /** 「6 4」 read as one number: the printed pieces (the caller says it may be several). */
  spaced?: string[];
  /** A footnote mark taken off the number (「1²」 read as 1): the mark (the caller checks the row). */
  footnote?: string;
  /** See ValueTok.scaled: 「1.2万」「3亿」 read in 万元 (a count cannot hold it: the caller says so). */
  scaled?: ValueTok['scaled'];
  /** Printed in Chinese numerals (「一百二十」): unread, never inferred from the row's sums. */
  hanNumeral?: true;
  /** A number printed wrapped over lines in its cell (a PDF): the pieces as printed. */
  wrapped?: string[];
  /** With `wrapped`: the row's identity could not be checked (another cell blank or unread). */
  unchecked?: boolean;
  /**
   * With `wrapped` (unreadable): the number its pieces make, not taken because the row does not bear
   * it out — 表三's column sums may yet (parse.ts establishByColumns).
   */
  joined?: number;
}

export interface FitResult {
  /** Distinct full assignments (length n each); empty = nothing fits. */
  candidates: (FitCell | undefined)[][];
  /**
   * What was done. 'mixed': some candidates infer a missing cell, others split digits run together;
   * 'extra': more values than columns and no single removal to go by (nothing read).
   */
  mode:
    | 'direct'
    | 'positional'
    | 'split'
    | 'inferred'
    | 'mixed'
    | 'dropped'
    | 'extra'
    | 'none'
    | 'tooMany'
    | 'alignment'
    /**
     * Numbers apart by spaces, fewer than the columns: the candidates are the placements whose
     * sums hold (blankPlacements), the cells left out unread — with any cut of digits.
     */
    | 'blanks';
  extra?: ValueTok[];
  /**
   * mode 'alignment': more explicit cells than columns, the extra ones empty, and nothing tells at
   * which end they are — each reading (「（空） | 1 | 0 …」), none taken.
   */
  alignments?: string[];
  /** A row of numbers apart by spaces only, short of its cells, read by cutting a number (mode 'split'). */
  spacesOnly?: true;
  /** The row as printed (the value cells considered), for messages: 「63 | 0 | 0 | 20 | 4 | 69」. */
  printed: string;
  /** `extra` was printed on the next line (the start of the next table row, a 序号), not in this row. */
  extraNextRow?: true;
  /**
   * A TAB row with more fields than columns, the empty ones at its ends: the window of fields read was
   * chosen because its printed totals equal their parts (the others' do not) — that choice placed
   * every printed number in its column. `line`: the row's fields as printed; `placement`: per column,
   * the printed text put there (null: an empty field); `others`: the placements not taken.
   */
  placedBySum?: {
    line: string;
    placement: (string | null)[];
    others: string[];
    /** For each of `others`: its totals are blank (it cannot be checked, rather than not adding up). */
    othersBlank?: boolean[];
    /** Placed so because the row's numbers continue on a line starting with an empty field. */
    wrapped?: true;
    /** …or with a line of TABs only among them: as the only doubt ('only') or beside it ('also'). */
    gapLines?: 'only' | 'also';
  };
  /** mode 'alignment': the row's numbers continue on a line starting with an empty field. */
  wrapped?: true;
  /** mode 'alignment': …or with a line of TABs only among them ('only'), or both ('also'). */
  gapLines?: 'only' | 'also';
}

function holds(vals: (number | null | undefined)[], ids: readonly RowIdentity[]): boolean {
  for (const g of ids) {
    const t = vals[g.total];
    if (typeof t !== 'number') continue;
    let s = 0;
    let ok = true;
    for (const p of g.parts) {
      const v = vals[p];
      if (typeof v !== 'number') {
        ok = false;
        break;
      }
      s += v;
    }
    if (ok && Math.abs(s - t) > 1e-9) return false;
  }
  return true;
}

/**
 * Whether a row adds up as printed, a blank part read as 0 (for choosing an alignment only): 'yes'
 * when some total is printed and every printed total equals its parts, 'no' when one does not,
 * 'vacuous' when no total is printed (028's 总计 column is blank): nothing to go by.
 */
export function addsUp(vals: readonly ValueTok[], ids: readonly RowIdentity[]): 'yes' | 'no' | 'vacuous' {
  const v = (i: number) => (vals[i]?.kind === 'num' ? vals[i]!.value! : 0);
  let checked = false;
  for (const g of ids) {
    if (vals[g.total]?.kind !== 'num') continue;
    if (g.parts.some((p) => vals[p]?.kind === 'text')) continue;
    checked = true;
    if (Math.abs(g.parts.reduce((a, p) => a + v(p), 0) - v(g.total)) > 1e-9) return 'no';
  }
  return checked ? 'yes' : 'vacuous';
}

/**
 * Explicit cells (an HTML or Word row, a PDF's columns) more than the n columns, the extra ones at
 * either end: an empty or numbered first column (序号), a trailing empty cell (a 备注 column, a stray
 * `| |`). Which end is extra decides every value of the row. A printed number is never left out for
 * an empty cell: the alignments cutting only empty cells come first — one reading among them is
 * taken (a row that does not add up as printed is kept as printed); several are `undecidable` (the
 * row is not read). Without any, the one alignment under which the printed totals add up (blank as
 * 0), else the only one no total contradicts; it leaves out a printed number, which the caller
 * names. `cut`: the cells left out.
 */
function align(
  vals: ValueTok[],
  n: number,
  ids: readonly RowIdentity[],
  trailing?: number,
): { vals: ValueTok[]; cut: ValueTok[]; undecidable?: ValueTok[][] } {
  const k = vals.length;
  const options: { vals: ValueTok[]; cut: ValueTok[] }[] = [];
  for (let lead = 0; lead <= k - n; lead++) {
    const trail = k - n - lead;
    options.push({
      vals: vals.slice(lead, k - trail),
      cut: [...vals.slice(0, lead), ...vals.slice(k - trail)],
    });
  }
  const empty = (o: (typeof options)[number]) => o.cut.every((t) => t.kind === 'empty');
  // The header prints columns after 总计 (备注): the row's last cells are theirs, whatever they hold
  // (a number there is left out and named by the caller), when the cells before them are the row's.
  if (trailing !== undefined && trailing > 0 && k - n - trailing >= 0) {
    const lead = k - n - Math.min(trailing, k - n);
    if (vals.slice(0, lead).every((t) => t.kind === 'empty')) return options[lead]!;
  }
  const sig = (o: { vals: ValueTok[] }) =>
    o.vals.map((t) => (t.kind === 'num' ? t.value : t.kind === 'empty' ? '' : t.raw)).join(',');
  const verdicts = options.map((o) => (ids.length ? addsUp(o.vals, ids) : 'vacuous'));
  const yes = options.filter((_, i) => verdicts[i] === 'yes');
  const emptyOnly = options.filter(empty);
  const strong = (o: (typeof options)[number]) =>
    ids.some((g) => o.vals[g.total]?.kind === 'num' && o.vals[g.total]!.value !== 0);
  // The one alignment under which the row adds up, more than 0 = 0 + … + 0: the row's totals say
  // where its columns are; the numbers it leaves out (a 序号) are named by the caller.
  if (yes.length === 1 && strong(yes[0]!)) return yes[0]!;
  const readings = new Map<string, (typeof options)[number]>();
  for (const o of emptyOnly) if (!readings.has(sig(o))) readings.set(sig(o), o);
  if (readings.size > 1) {
    // several ways to leave out only empty cells: the row's sums decide only when exactly one of
    // them adds up and the others are contradicted by them — or have no total printed at all
    // while its totals are more than 0 = 0 + … + 0 (028's 表四: 「5 2 7」「8 1 9」 add up in one place)
    const ok = [...readings.values()].filter((o) => verdicts[options.indexOf(o)] !== 'no');
    const adding = ok.filter((o) => verdicts[options.indexOf(o)] === 'yes');
    if (adding.length === 1) {
      const only = adding[0]!;
      if (ok.length === 1) return only;
      if (strong(only) && ok.every((o) => o === only || verdicts[options.indexOf(o)] === 'vacuous'))
        return only;
    }
    return { ...[...readings.values()][0]!, undecidable: [...readings.values()].map((o) => o.vals) };
  }
  if (readings.size === 1) return [...readings.values()][0]!;
  const possible = options.filter((_, i) => verdicts[i] !== 'no');
  // A printed number left out by a reading whose totals are only 0 = 0 + … + 0 or cannot be checked
  // (「⇥0⏎⇥⇥⇥⇥⇥⇥0」, a row wrapped after its first number: the 0 under 自然人 or the 0 under 总计 is
  // the one too many, or the next line's first TAB is its label column): the sums do not say which
  // — every reading leaving out a number is undecidable, never read with the others a column off.
  const cutsNumber = (o: (typeof options)[number]) =>
    o.cut.some((t) => t.kind === 'num' || t.kind === 'text');
  if (
    (yes.length === 1 && cutsNumber(yes[0]!)) ||
    (yes.length !== 1 && possible.length === 1 && cutsNumber(possible[0]!))
  ) {
    const rs = new Map<string, (typeof options)[number]>();
    for (const o of options) if (!rs.has(sig(o))) rs.set(sig(o), o);
    if (rs.size > 1) return { ...options[0]!, undecidable: [...rs.values()].map((o) => o.vals) };
  }
  if (yes.length === 1) return yes[0]!;
  // The only reading no total contradicts, though it leaves out a printed number (a 序号 of the
  // next row): the caller names the number left out.
  if (possible.length === 1) return possible[0]!;
  const out = [...vals];
  while (out.length > n && out[out.length - 1]!.kind === 'empty') out.pop();
  return { vals: out, cut: [] };
}

/**
 * A row of TAB fields whose empty fields before its first value were left out as merged label
 * columns (`lead`): each of them may be a blank cell instead — 「（二）部分公开…\t\t\t2\t\t0\t1\t0\t3」
 * is 自然人 blank after one label column, or 2 under 自然人 after two. The readings: the row as it
 * stands, and the row with j of those empties put back at its start (the last j cells then being
 * empty ones cut off the end — a TAB at the line's end — or, the row short of n cells, missing
 * ones). Only empty cells are moved, never a printed number. As many fields on the row's line as
 * columns are read in place; otherwise the one reading whose printed totals add up (blanks as 0,
 * more than 0 = 0 + … + 0) while no other does is taken; else none: `undecidable` (a total that
 * does not add up may be a typo, and rules no reading out).
 */
function withLead(
  vals: ValueTok[],
  lead: readonly ValueTok[],
  n: number,
  ids: readonly RowIdentity[],
): { vals: ValueTok[]; undecidable?: ValueTok[][] } {
  const m = vals.length;
  if (m > n) return { vals };
  const options: ValueTok[][] = [vals];
  if (m < n) {
    if (lead.length < n - m) return { vals };
    const full = [...lead.slice(lead.length - (n - m)), ...vals];
    // as many TAB fields on the row's line as it has columns: one field per column, read in place
    // (as a row of n TAB cells is) — the row's other lines hold only its label's rest or the next
    // row's label columns
    if (lead.length === n - m && full.every((t) => t.line !== undefined && t.line === full[0]!.line))
      return { vals: full };
    options.push(full);
  } else {
    let trail = 0;
    while (trail < m && vals[m - 1 - trail]!.kind === 'empty') trail++;
    for (let j = 1; j <= Math.min(trail, lead.length); j++)
      options.push([...lead.slice(lead.length - j), ...vals.slice(0, m - j)]);
  }
  if (options.length === 1 || !ids.length) return { vals };
  // a row short of n cells: its missing last cells hold a total no reading can check
  const padded = (o: ValueTok[]) => [...o, ...Array.from({ length: n - o.length }, () => MISSING)];
  const verdicts = options.map((o) => addsUp(padded(o), ids));
  const strong = (o: ValueTok[]) => ids.some((g) => o[g.total]?.kind === 'num' && o[g.total]!.value !== 0);
  const yes = options.filter((o, i) => verdicts[i] === 'yes' && strong(o));
  if (yes.length === 1 && verdicts.filter((v) => v === 'yes').length === 1) return { vals: yes[0]! };
  // (a total that does not add up may be a typo: it rules no reading out)
  return { vals, undecidable: options.map(padded) };
}

/** A cell not printed at all (the end of a row short of its columns), for withLead's readings. */
const MISSING: ValueTok = { kind: 'text', raw: '（缺）', ni: 0, explicit: true };

/**
 * Beyond 2^53 - 1 a number is not held exactly (9007199254740993 would be stored as …992): such a
 * cell is unreadable, never rounded. (A run of digits that long may still be cut into cells.)
 */
function unsafe(t: ValueTok): boolean {
  return t.kind === 'num' && Math.abs(t.value!) > Number.MAX_SAFE_INTEGER;
}

function fromTok(t: ValueTok, method: FitCell['method']): FitCell {
  const c: FitCell = {
    value: t.kind === 'num' && !unsafe(t) ? t.value! : null,
    raw: t.raw,
    ni: t.ni,
    method: t.kind === 'text' || unsafe(t) ? 'unreadable' : method,
    explicit: t.explicit,
  };
  if (t.unit) c.unit = t.unit;
  if (t.normalised) c.normalised = true;
  if (t.spaced) c.spaced = t.spaced;
  if (t.footnote) c.footnote = t.footnote;
  if (t.scaled) c.scaled = t.scaled;
  if (t.hanNumeral) c.hanNumeral = true;
  return c;
}

const HAS_DIGIT = /[0-9０-９]/;
/** A ditto mark: 「〃」 (or 「″」) where a number belongs. */
const DITTO = /^[〃″]$/;
/**
 * Digits with separators that make no number (「3,580,23」「6,65」「1,234,56」: a number wrapped in a
 * narrow column, or misprinted): a value printed unreadable, wherever it stands in the row.
 */
const NUM_LIKE = /^[0-9][0-9,.]*[,.][0-9,.]*[0-9]$/;

/**
 * The row's value cells: numbers, printed blanks, empty cells (explicit rows), and — in an explicit
 * row — a cell printing something that is not a number where a value belongs (「3O」「约665」): it
 * holds its column (unreadable), so the digits of the other cells are never re-cut to fill it. Such
 * text counts while fewer than n values came before it and it has digits or values after it; the
 * rest of the label's own cell, and notes after the row's values, are not cells.
 */
function valueCells(toks: readonly ValueTok[], n: number, explicit: boolean): ValueTok[] {
  const out: ValueTok[] = [];
  let count = 0;
  let lastValue = -1;
  for (let i = toks.length - 1; i >= 0 && lastValue < 0; i--)
    if (toks[i]!.kind === 'num' || toks[i]!.kind === 'blank') lastValue = i;
  const firstValue = toks.findIndex((t) => t.kind === 'num' || t.kind === 'blank');
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (t.kind === 'text') {
      // a number in Chinese numerals (「一百二十」) among the row's values, or right after them, holds
      // its column
      if (t.hanNumeral && !t.labelRest && count < n && lastValue >= 0 && i <= lastValue + 1) {
        out.push(t);
        count++;
        continue;
      }
      // text without cells: a word with digits between two of the row's values (「5 2 1 约5 3」) is
      // a value printed unreadable, in its place — not dropped with the row closing up over it; so
      // is a ditto mark among or after them (「5 〃 3」)
      if (
        !explicit &&
        !t.labelRest &&
        count < n &&
        ((i > firstValue && i < lastValue && HAS_DIGIT.test(t.raw.normalize('NFKC'))) ||
          NUM_LIKE.test(t.raw.normalize('NFKC')) ||
          (lastValue >= 0 && DITTO.test(t.raw.trim())))
      ) {
        out.push(t);
        count++;
        continue;
      }
      if (!explicit || !t.explicit || t.labelRest || count >= n) continue;
      // (a ditto mark 「〃」 — a cell merged with the one above, or printed 「same as above」 — is a
      // cell where a number belongs, never a note or a unit after the row's numbers)
      if (i > lastValue && !HAS_DIGIT.test(t.raw.normalize('NFKC')) && !DITTO.test(t.raw.trim())) continue;
      // words before the first number (a label wrapped onto the line its numbers are on: 「的，只计这
      // 一情形，不计其他」) are the label's, not a first cell printed unreadable
      if (out.length === 0 && !HAS_DIGIT.test(t.raw.normalize('NFKC')) && /\p{Script=Han}{2,}/u.test(t.raw))
        continue;
      out.push(t);
      count++;
      continue;
    }
    if (t.kind === 'empty' && !explicit) continue;
    out.push(t);
    if (t.kind !== 'empty') count++;
  }
  return out;
}

/** The printed row for messages. */
export function printedRow(vals: readonly ValueTok[], explicit: boolean): string {
  return vals.map((t) => (t.kind === 'empty' ? '（空）' : t.raw.trim())).join(explicit ? ' | ' : ' ');
}

/** Whether the digits of a printed text could be the digits of v (「3O」 → 30, 「7,0」 → 70). */
function digitsAgree(raw: string, v: number): boolean {
  const d = raw.normalize('NFKC').replace(/[^0-9]/g, '');
  if (d === '') return true;
  const s = String(v);
  let j = 0;
  for (let i = 0; i < s.length && j < d.length; i++) if (s[i] === d[j]) j++;
  return j === d.length;
}

/**
 * A candidate with exactly one unreadable cell and nothing inferred: the row's identities may fix
 * its value (总计 印作「3O」, the columns adding up to 30). Kept as an inferred cell with the printed
 * text as raw — only when the printed digits agree with it; otherwise the cell stays unreadable.
 */
function resolveUnreadable(
  cand: (FitCell | undefined)[],
  ids: readonly RowIdentity[],
): (FitCell | undefined)[] {
  const pos = cand.flatMap((c, i) => (c?.method === 'unreadable' ? [i] : []));
  if (pos.length !== 1 || ids.length === 0 || cand.some((c) => c?.method === 'inferred')) return cand;
  const at = pos[0]!;
  // 「一百二十」 is said as printed, not replaced by what the sums make of it
  if (cand[at]!.hanNumeral) return cand;
  const cells = cand.map((c, i) => (i === at ? undefined : c));
  const values = solve(cells, pos, ids);
  if (!values || !holds(values, ids)) return cand;
  const v = values[at];
  const u = cand[at]!;
  if (typeof v !== 'number' || !digitsAgree(u.raw ?? '', v)) return cand;
  const c: FitCell = { value: v, raw: u.raw!, method: 'inferred' };
  if (u.ni !== undefined) c.ni = u.ni;
  if (u.explicit !== undefined) c.explicit = u.explicit;
  return cand.map((x, i) => (i === at ? c : x));
}

const MAX_CANDIDATES = 20000;

/** All ways to cut digit string s into k parts without leading zeros. */
function cuts(s: string, k: number, out: string[][], cur: string[] = [], limit = MAX_CANDIDATES): void {
  if (out.length > limit) return;
  if (k === 1) {
    // (a part of more than 15 digits could not be held exactly: no cell is cut that way)
    if (s.length > 0 && s.length <= 15 && (s.length === 1 || s[0] !== '0')) out.push([...cur, s]);
    return;
  }
  const maxLen = Math.min(15, s.length - (k - 1));
  for (let len = 1; len <= maxLen; len++) {
    const part = s.slice(0, len);
    if (len > 1 && part[0] === '0') break;
    cur.push(part);
    cuts(s.slice(len), k - 1, out, cur, limit);
    cur.pop();
  }
}

function key(c: (FitCell | undefined)[]): string {
  let k = '';
  for (let i = 0; i < c.length; i++) {
    const x = c[i];
    if (i > 0) k += ',';
    k += x ? (x.method === 'unreadable' ? `「${x.raw}」` : String(x.value)) : '?';
  }
  return k;
}

/** Every way to read a spaced cell (「6 4」): its pieces grouped, each group one number. */
function spacedReadings(pieces: readonly string[], maxParts: number): string[][] {
  const out: string[][] = [];
  const rec = (i: number, acc: string[]) => {
    if (acc.length > maxParts) return;
    if (i === pieces.length) {
      out.push([...acc]);
      return;
    }
    let cur = '';
    for (let j = i; j < pieces.length; j++) {
      cur += pieces[j];
      if (cur.length > 1 && cur[0] === '0') break;
      acc.push(cur);
      rec(j + 1, acc);
      acc.pop();
    }
  };
  rec(0, []);
  return out;
}

/**
 * Fit a row's value tokens to n columns. Never silently: the result lists every assignment that
 * fits; the caller decides (one → use it; several → ambiguous).
 *
 * - n cells printed: read as printed (an unreadable cell stays unread, or is fixed by the identities).
 * - more: only a removal that makes the row's identities hold, and only when it is the one removal
 *   giving those values; else several candidates or none — never the first n by position.
 * - fewer: every reading of the printed tokens (digits run together in a cell cut apart, spaced
 *   digits as several cells) that makes the identities hold, and — only when exactly one cell is
 *   missing — the readings that infer it; all of them are candidates, so an invented cell never wins
 *   over a reading that uses every printed number without the caller seeing both.
 */
export function fitRow(
  toks: ValueTok[],
  n: number,
  ids: readonly RowIdentity[],
  opts: {
    cutOff?: boolean;
    explicit?: boolean;
    /**
     * The numbers came with their positions on the page (PDF): a number short is a printed blank
     * whose column the layout could not tell, not a number lost — never filled in from the row's
     * sums, which would put every number after it one column off; nor is a number's run of digits
     * cut into several (「10」 printed in one cell is 10, not 1 and 0).
     */
    positioned?: boolean;
    /**
     * The cells were placed under a header's columns (PDF): a count other than n means the header
     * was misread, and no cell of the row can be trusted to its column.
     */
    exactCells?: boolean;
    /** The table's header prints this many columns after its last column (备注): see align. */
    trailing?: number;
    /**
     * Empty cells before the row's first value left out of `toks` as merged label columns (TAB
     * fields of a PDF's or Word's text): they may be blanks instead — see withLead.
     */
    lead?: readonly ValueTok[];
    /**
     * The numbers are apart by spaces (or line breaks) only — PDF-to-text without TABs: a blank
     * cell leaves no trace, so a row short of cells is never filled in from its sums (see
     * blankPlacements).
     */
    spacesOnly?: boolean;
  } = {},
): FitResult {
  const explicit = opts.explicit === true;
  let vals = valueCells(toks, n, explicit);
  // (at the very end of the text the row's last cells may be cut off: read as far as it goes)
  if (explicit && opts.exactCells && vals.length !== n && !(opts.cutOff && vals.length < n))
    return { candidates: [], mode: 'none', printed: printedRow(vals, explicit) };
  if (opts.cutOff) {
    // the text ends inside this row: a trailing empty cell is where it was cut, not a blank
    while (vals.length > 0 && vals[vals.length - 1]!.kind === 'empty') vals.pop();
  }
  const printed = printedRow(vals, explicit);
  // Numbers left out by the alignment: the caller says which (ROW_EXTRA_VALUES).
  let cutNumbers: ValueTok[] | undefined;
  let nextRow = false;
  if (explicit && vals.length > n) {
    // Cells after the row's n values printed on a later line are the start of the next table row
    // (a 序号 column before its label), not values of this one: left out, named by the caller.
    // The row's own line holding its n cells (with the empty fields left out before them, and a
    // TAB at its end: 「3.要求提供公开出版物⇥⇥1⇥0⇥⇥118⇥51⇥435」, 「…⇥58⇥864⇥」): the cells on later lines are
    // the next row's printed before its label — never read in place of the line's own.
    const first = vals[0]!.line;
    let own = 0;
    while (own < vals.length && vals[own]!.line === first) own++;
    const whole = first !== undefined && own < vals.length && own + (opts.lead?.length ?? 0) >= n;
    const last = whole ? first : vals[n - 1]!.line;
    const cut = whole ? own : n;
    const tail = vals.slice(cut);
    if (last !== undefined && tail.every((t) => t.line !== undefined && t.line > last)) {
      vals = vals.slice(0, cut);
      if (tail.some((t) => t.kind !== 'empty')) {
        cutNumbers = tail.filter((t) => t.kind !== 'empty');
        nextRow = true;
      }
    }
  }
  if (explicit && opts.lead?.length && !opts.cutOff && !opts.exactCells) {
    const w = withLead(vals, opts.lead, n, ids);
    if (w.undecidable)
      return {
        candidates: [],
        mode: 'alignment',
        printed: printedRow([...opts.lead, ...vals], true),
        alignments: w.undecidable.map((r) => printedRow(r, true)),
      };
    vals = w.vals;
  }
  if (explicit && vals.length > n) {
    const a = align(vals, n, ids, opts.trailing);
    if (a.undecidable)
      return {
        candidates: [],
        mode: 'alignment',
        printed,
        alignments: a.undecidable.map((r) => printedRow(r, true)),
      };
    vals = a.vals;
    if (a.cut.some((t) => t.kind === 'num' || t.kind === 'text'))
      cutNumbers = a.cut.filter((t) => t.kind !== 'empty');
  }
  const k = vals.length;
  const done = (r: Omit<FitResult, 'printed'>): FitResult => ({
    ...r,
    candidates: r.candidates.map((c) => resolveUnreadable(c, ids)),
    printed,
    ...(nextRow && r.extra === cutNumbers ? { extraNextRow: true as const } : {}),
  });
  if (k === 0 && opts.cutOff)
    return done({ candidates: [new Array<FitCell | undefined>(n).fill(undefined)], mode: 'positional' });
  if (k === 0) return done({ candidates: [], mode: 'none' });
  if (k === n)
    return done({
      candidates: [vals.map((t) => fromTok(t, 'direct'))],
      ...(cutNumbers ? { mode: 'dropped', extra: cutNumbers } : { mode: 'direct' }),
    });
  if (k > n) {
    // drop up to 2 printed cells (never an empty one: that is a printed blank) so that the identities hold
    const drop = k - n;
    if (drop > 2 || ids.length === 0) return done({ candidates: [], mode: 'extra', extra: vals.slice(n) });
    const out = new Map<string, (FitCell | undefined)[]>();
    const dropped = new Map<string, ValueTok[]>();
    const idx = vals.flatMap((t, i) => (t.kind === 'empty' ? [] : [i]));
    const combos: number[][] =
      drop === 1 ? idx.map((i) => [i]) : idx.flatMap((i) => idx.filter((j) => j > i).map((j) => [i, j]));
    for (const c of combos) {
      const kept = vals.filter((_, i) => !c.includes(i));
      const cells = kept.map((t) => fromTok(t, 'direct'));
      // a row whose identities cannot be checked (a blank or unreadable total) tells nothing
      if (
        !checkable(cells, ids) ||
        !holds(
          cells.map((x) => x.value),
          ids,
        )
      )
        continue;
      const kk = key(cells);
      out.set(kk, cells);
      if (!dropped.has(kk))
        dropped.set(
          kk,
          c.map((i) => vals[i]!),
        );
    }
    const only = out.size === 1 ? [...dropped.values()][0] : undefined;
    if (out.size === 0) return done({ candidates: [], mode: 'extra', extra: vals.slice(n) });
    return done({ candidates: [...out.values()], mode: 'dropped', ...(only ? { extra: only } : {}) });
  }
  // k < n
  if (opts.cutOff) {
    const cells: (FitCell | undefined)[] = vals.map((t) => fromTok(t, 'positional'));
    while (cells.length < n) cells.push(undefined);
    return done({ candidates: [cells], mode: 'positional' });
  }
  if (explicit && vals.some((t) => t.kind === 'empty')) {
    // explicit short row with blanks: positional, the rest not printed
    const cells: (FitCell | undefined)[] = vals.map((t) => fromTok(t, 'positional'));
    while (cells.length < n) cells.push(undefined);
    return done({ candidates: [cells], mode: 'positional' });
  }
  const trySplit = (): { out: Map<string, FitCell[]>; tooMany: boolean } => {
    // 1. cut runs of digits (and spaced digits at their spaces) into several cells
    const out = new Map<string, FitCell[]>();
    // (a PDF's number is one text item where it was printed: its digits are one number, never cut)
    const splittable = vals.map(
      (t) => (isDigitRun(t) && !opts.positioned) || (t.spaced !== undefined && t.kind === 'num'),
    );
    if (!splittable.some(Boolean)) return { out, tooMany: false };
    let tooMany = false;
    const rec = (i: number, acc: FitCell[]) => {
      if (tooMany) return;
      if (i === vals.length) {
        if (acc.length === n && (ids.length === 0 || bornOut(acc, ids))) out.set(key(acc), [...acc]);
        if (out.size > MAX_CANDIDATES) tooMany = true;
        return;
      }
      const t = vals[i]!;
      const remainingTokens = vals.length - i - 1;
      const room = n - acc.length - remainingTokens;
      if (room < 1) return;
      if (!splittable[i]) {
        acc.push(fromTok(t, 'direct'));
        rec(i + 1, acc);
        acc.pop();
        return;
      }
      if (t.spaced) {
        for (const parts of spacedReadings(t.spaced, room)) {
          if (parts.length === 1) acc.push(fromTok(t, 'direct'));
          else {
            let off = 0;
            for (const p of parts) {
              acc.push({ value: Number(p), raw: p, ni: t.ni + off, method: 'split', explicit: t.explicit });
              off += p.length;
            }
          }
          rec(i + 1, acc);
          acc.length -= parts.length;
        }
        return;
      }
      const maxParts = Math.min(room, t.raw.length);
      for (let parts = 1; parts <= maxParts; parts++) {
        const cs: string[][] = [];
        cuts(t.raw, parts, cs);
        if (cs.length > MAX_CANDIDATES) {
          tooMany = true;
          return;
        }
        for (const c of cs) {
          let off = 0;
          const cells = c.map((p) => {
            const cell: FitCell = {
              value: Number(p),
              raw: p,
              ni: t.ni + off,
              method: parts > 1 ? 'split' : 'direct',
              explicit: t.explicit,
            };
            off += p.length;
            return cell;
          });
          acc.push(...cells);
          rec(i + 1, acc);
          acc.length -= cells.length;
        }
      }
    };
    const capacity = vals.reduce(
      (s, t, i) => s + (splittable[i] ? (t.spaced ? t.spaced.length : t.raw.length) : 1),
      0,
    );
    if (capacity >= n) rec(0, []);
    return { out, tooMany };
  };
  const tryInsert = (): Map<string, (FitCell | undefined)[]> => {
    // 2. one cell not printed (or lost in extraction): inferred from the identities, when they fix it
    const out = new Map<string, (FitCell | undefined)[]>();
    if (n - k !== 1 || ids.length === 0 || opts.positioned) return out;
    // the read cells are the same in every placement (cells are never changed once made)
    const direct = vals.map((t) => fromTok(t, 'direct'));
    for (let a = 0; a < n; a++) {
      const cells: (FitCell | undefined)[] = [];
      let vi = 0;
      for (let c = 0; c < n; c++) cells.push(c === a ? undefined : direct[vi++]!);
      const values = solve(cells, [a], ids);
      // the last placement giving these values (first position in the map, latest value)
      if (values && holds(values, ids)) out.set(valuesKey(values), withInferred(cells, values));
    }
    return out;
  };
  const split = trySplit();
  if (split.tooMany) return done({ candidates: [], mode: 'tooMany' });
  // (表二's rows have no sums: every placement of their numbers is a reading, none borne out — 「10 0」
  // under 3 columns is 10 | 0 | （空）, 10 | （空） | 0, … or 1 | 0 | 0 cut: never read as one of them)
  if (opts.spacesOnly && !explicit && !opts.positioned && k >= 2) {
    // Numbers apart by spaces only (PDF-to-text without TABs): a blank cell leaves no trace, so
    // the cells the row is short of may be blanks anywhere — never a number lost and filled in
    // from the sums (the numbers after a blank would each be read a column left, the last one,
    // the printed 总计, in 其他). The readings are the placements of the printed numbers, the
    // cells between them left unread, that the row's sums bear out (bornOut: its total printed,
    // blanks counted 0) — beside any cut of digits run together; one reading or none is said.
    // (One printed token is a run of digits without spaces — a flattened page — not this case.)
    const all = new Map<string, (FitCell | undefined)[]>(split.out);
    const blanks = blankPlacements(vals, n, ids);
    for (const [kk, c] of blanks) if (!all.has(kk)) all.set(kk, c);
    if (blanks.size === 0 && split.out.size === 1) {
      // A number cut in two (「30」 as 3 | 0) the one reading the sums bear out: taken, but its
      // other numbers' columns hang on the cut (blanks and a row not adding up would put them
      // elsewhere) — none of them is read as certain, and the caller says so (spacesOnly).
      const only = [...split.out.values()][0]!.map((c) =>
        c.method === 'direct' ? { ...c, method: 'positional' as const } : c,
      );
      return done({ candidates: [only], mode: 'split', spacesOnly: true });
    }
    return done({ candidates: [...all.values()], mode: 'blanks' });
  }
  const ins = tryInsert();
  const all = new Map<string, (FitCell | undefined)[]>(split.out);
  for (const [kk, c] of ins) if (!all.has(kk)) all.set(kk, c);
  const mode: FitResult['mode'] =
    all.size === 0 ? 'none' : ins.size === 0 ? 'split' : split.out.size === 0 ? 'inferred' : 'mixed';
  return done({ candidates: [...all.values()], mode });
}

/**
 * The placements of a row's k printed tokens, in order, into n cells (k < n), the n − k others
 * left unread (undefined), that the row's sums bear out (placedBornOut). Keyed as key() keys them.
 */
function blankPlacements(vals: readonly ValueTok[], n: number, ids: readonly RowIdentity[]) {
  // (a row without sums, 表二's: every placement, none borne out — a reading as good as another)
  const out = new Map<string, (FitCell | undefined)[]>();
  const k = vals.length;
  if (k === 0 || k >= n) return out;
  const direct = vals.map((t) => fromTok(t, 'positional'));
  const cells: (FitCell | undefined)[] = new Array<FitCell | undefined>(n).fill(undefined);
  const rec = (c: number, vi: number) => {
    if (out.size > MAX_CANDIDATES) return;
    if (vi === k) {
      if (ids.length === 0 || placedBornOut(cells, ids)) out.set(key(cells), cells.slice());
      return;
    }
    for (let at = c; at <= n - (k - vi); at++) {
      cells[at] = direct[vi];
      rec(at + 1, vi + 1);
      cells[at] = undefined;
    }
  };
  rec(0, 0);
  return out;
}

/**
 * A placement of a row's numbers borne out by its sums: every identity holding a number placed has
 * its total a number and its parts' sum (the cells left out counted 0) equal to it — a group whose
 * total is left out tells nothing of where its numbers go (表四's three groups: one adding up does
 * not place the numbers of another).
 */
function placedBornOut(cells: readonly (FitCell | undefined)[], ids: readonly RowIdentity[]): boolean {
  let checked = false;
  for (const g of ids) {
    const t = cells[g.total];
    if (t === undefined && g.parts.every((p) => cells[p] === undefined)) continue;
    if (typeof t?.value !== 'number') return false;
    let sum = 0;
    for (const p of g.parts) {
      const c = cells[p];
      if (c?.method === 'unreadable') return false;
      sum += c?.value ?? 0;
    }
    if (Math.abs(sum - t.value) > 1e-9) return false;
    checked = true;
  }
  return checked;
}

/**
 * Whether a row read with digits cut apart is borne out by its sums: some identity checked — its
 * total a number, its parts numbers or printed blanks (counted 0) — and every such one holding. A
 * blank part does not leave the identity unchecked (every cut would 「hold」: 「10 | — | 0 | 0 | 0 |
 * 9」 read 1 | 0 | — | 0 | 0 | 0 | 9); an unreadable part does.
 */
function bornOut(cells: readonly FitCell[], ids: readonly RowIdentity[]): boolean {
  let checked = false;
  for (const g of ids) {
    const t = cells[g.total];
    if (typeof t?.value !== 'number') continue;
    let sum = 0;
    let ok = true;
    for (const p of g.parts) {
      const c = cells[p];
      if (c === undefined || c.method === 'unreadable') {
        ok = false;
        break;
      }
      sum += c.value ?? 0;
    }
    if (!ok) continue;
    if (Math.abs(sum - t.value) > 1e-9) return false;
    checked = true;
  }
  return checked;
}

/** Some identity of the row has its total and parts as numbers (a row that can say whether it holds). */
function checkable(cells: readonly FitCell[], ids: readonly RowIdentity[]): boolean {
  return ids.some(
    (g) =>
      typeof cells[g.total]?.value === 'number' && g.parts.every((p) => typeof cells[p]?.value === 'number'),
  );
}

/** The key of a full row's values (what key() gives for the cells holding them). */
function valuesKey(values: readonly (number | null | undefined)[]): string {
  let k = '';
  for (let i = 0; i < values.length; i++) k += i > 0 ? `,${values[i]}` : `${values[i]}`;
  return k;
}

/** The cells with the solved values in the missing places. */
function withInferred(
  cells: (FitCell | undefined)[],
  values: readonly (number | null | undefined)[],
): (FitCell | undefined)[] {
  return cells.map((c, i) => c ?? { value: values[i] as number, method: 'inferred' });
}

/** Solve the values of the missing positions from the identities; undefined when not determined. */
function solve(
  cells: (FitCell | undefined)[],
  pos: number[],
  ids: readonly RowIdentity[],
): (number | null | undefined)[] | undefined {
  const vals: (number | null | undefined)[] = cells.map((c) => c?.value);
  const unknown = new Set(pos);
  let progress = true;
  const unk: number[] = [];
  while (unknown.size > 0 && progress) {
    progress = false;
    for (const g of ids) {
      // the group's members (total, then parts) still unknown; a known member must be a number
      unk.length = 0;
      let usable = true;
      for (let k = -1; k < g.parts.length; k++) {
        const m = k < 0 ? g.total : g.parts[k]!;
        if (unknown.has(m)) unk.push(m);
        else if (typeof vals[m] !== 'number') usable = false;
      }
      if (unk.length === 0 || !usable) continue;
      const t = vals[g.total];
      let knownParts = 0;
      for (const p of g.parts) if (!unknown.has(p)) knownParts += vals[p] as number;
      if (unk.length === 1) {
        const u = unk[0]!;
        const v = u === g.total ? knownParts : (t as number) - knownParts;
        if (v < 0 || !Number.isInteger(v)) return undefined;
        vals[u] = v;
        unknown.delete(u);
        progress = true;
      } else if (!unknown.has(g.total) && (t as number) - knownParts === 0) {
        for (const u of unk) {
          vals[u] = 0;
          unknown.delete(u);
        }
        progress = true;
      }
    }
  }
  if (unknown.size > 0) return undefined;
  return vals;
}

/** Tokens of a piece of text without explicit cells: split on whitespace, and text+digits. */
export function tokenizeLoose(text: string, ni0: number, explicit: boolean, out: ValueTok[]): void {
  const re = /\S+/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const w = m[0];
    const ni = ni0 + m.index;
    const tok = classifyValue(w, ni, explicit);
    if (tok.kind !== 'text') {
      out.push(tok);
      continue;
    }
    if (isPageChrome(w)) continue;
    out.push(tok);
  }
}
