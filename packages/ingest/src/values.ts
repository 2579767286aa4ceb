/** Reading printed values: numbers, signs, units, blanks; fitting a row's values to its columns. */

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
}

const BLANK_RE = /^(?:[—–―─－]{1,4}|-|[/／\\]|无|空|\*)$/;
const NUM_RE =
  /^([+＋\-−－]|增加|减少|上升|下降|增|减|↑|↓)?\s*(\d+(?:\.\d+)?|\d{1,3}(?:,\d{3})+(?:\.\d+)?)\s*(万元|元|件|个|条|项|起|人次)?$/;
/** Signs of a decrease (本年增/减 printed as 减2, 减少2, ↓2, -2). */
const MINUS = new Set(['-', '−', '－', '减', '减少', '下降', '↓']);
/**
 * A footnote mark after a number — superscript digits (from ¹ or an HTML <sup>), ①…⑳, 注1, * —
 * which NFKC would otherwise turn into the number's last digits (167¹ → 1671).
 */
const FOOTNOTE_RE = /(?<=[\d０-９])\s*(?:注?[⁰¹²³⁴⁵⁶⁷⁸⁹]+|[①-⑳]|注\s*[\d０-９]*|[*＊※])$/u;
const INVISIBLE = /[\u00ad\u200b-\u200d\u2060]/g;
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

  if (BLANK_RE.test(t) || BLANK_RE.test(raw)) return { kind: 'blank', raw, ni, explicit };
  const m = NUM_RE.exec(t);
  if (m) {
    let v = Number(m[2]!.replaceAll(',', ''));
    if (m[1] && MINUS.has(m[1])) v = -v;
    if (Object.is(v, -0)) v = 0;
    const tok: ValueTok = { kind: 'num', raw, value: v, ni, explicit };
    if (m[3] === '元' || m[3] === '万元') tok.unit = m[3];
    if (raw !== String(v)) tok.normalised = true;
    return tok;
  }
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
  /** N index where it was read (undefined for inferred cells). */
  ni?: number;
  method: 'direct' | 'positional' | 'split' | 'inferred';
  explicit?: boolean;
}

export interface FitResult {
  /** Distinct full assignments (length n each); empty = nothing fits. */
  candidates: (FitCell | undefined)[][];
  /** What was done. */
  mode: 'direct' | 'positional' | 'split' | 'inferred' | 'dropped' | 'none' | 'tooMany';
  extra?: ValueTok[];
  /**
   * More explicit cells than columns, and the row's identities could not tell which end is extra:
   * the values were read with the extra cells at the end; the caller says so.
   */
  uncertain?: true;
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
function addsUp(vals: readonly ValueTok[], ids: readonly RowIdentity[]): 'yes' | 'no' | 'vacuous' {
  const v = (i: number) => (vals[i]?.kind === 'num' ? vals[i]!.value! : 0);
  let checked = false;
  for (const g of ids) {
    if (vals[g.total]?.kind !== 'num') continue;
    checked = true;
    if (Math.abs(g.parts.reduce((a, p) => a + v(p), 0) - v(g.total)) > 1e-9) return 'no';
  }
  return checked ? 'yes' : 'vacuous';
}

/**
 * Explicit cells (an HTML or Word row, a PDF's columns) more than the n columns, the extra ones at
 * either end: an empty or numbered first column (序号), a trailing empty cell. Which end is extra
 * decides every value of the row, so it is the one alignment under which the row's printed totals
 * add up (blank as 0); failing that, the one cutting only empty cells that no total contradicts, or
 * the only one no total contradicts.
 * Otherwise trailing cells are taken as extra, as before — `uncertain` when another alignment cutting
 * only empty cells would have read other values. `cut`: the cells left out.
 */
function align(
  vals: ValueTok[],
  n: number,
  ids: readonly RowIdentity[],
): { vals: ValueTok[]; cut: ValueTok[]; uncertain?: true } {
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
  const verdicts = options.map((o) => (ids.length ? addsUp(o.vals, ids) : 'vacuous'));
  const yes = options.filter((_, i) => verdicts[i] === 'yes');
  if (yes.length === 1) return yes[0]!;
  const possible = options.filter((_, i) => verdicts[i] !== 'no');
  const possibleEmpty = possible.filter(empty);
  let chosen: { vals: ValueTok[]; cut: ValueTok[] };
  if (possibleEmpty.length >= 1) chosen = possibleEmpty[0]!;
  // The only reading no total contradicts, though it leaves out a printed number (a 序号 of the
  // next row): the caller names the number left out.
  else if (possible.length === 1) chosen = possible[0]!;
  else if (options.some(empty)) chosen = options.find(empty)!;
  else {
    const out = [...vals];
    while (out.length > n && out[out.length - 1]!.kind === 'empty') out.pop();
    chosen = { vals: out, cut: [] };
  }
  const sig = (o: { vals: ValueTok[] }) => o.vals.map((t) => (t.kind === 'num' ? t.value : '')).join(',');
  // A rival reading: another alignment cutting only empty cells that no total contradicts (one
  // cutting a printed number without a total to show for it is no reading).
  const other = possibleEmpty.some((o) => sig(o) !== sig(chosen));
  return other ? { ...chosen, uncertain: true } : chosen;
}

function fromTok(t: ValueTok, method: FitCell['method']): FitCell {
  const c: FitCell = {
    value: t.kind === 'num' ? t.value! : null,
    raw: t.raw,
    ni: t.ni,
    method,
    explicit: t.explicit,
  };
  if (t.unit) c.unit = t.unit;
  if (t.normalised) c.normalised = true;
  return c;
}

const MAX_CANDIDATES = 20000;

/** All ways to cut digit string s into k parts without leading zeros. */
function cuts(s: string, k: number, out: string[][], cur: string[] = [], limit = MAX_CANDIDATES): void {
  if (out.length > limit) return;
  if (k === 1) {
    if (s.length > 0 && (s.length === 1 || s[0] !== '0')) out.push([...cur, s]);
    return;
  }
  const maxLen = s.length - (k - 1);
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
    k += x ? String(x.value) : '?';
  }
  return k;
}

/**
 * Fit a row's value tokens to n columns. Never silently: the result lists every assignment that
 * fits; the caller decides (one → use it; several → ambiguous).
 */
export function fitRow(
  toks: ValueTok[],
  n: number,
  ids: readonly RowIdentity[],
  opts: { cutOff?: boolean; explicit?: boolean } = {},
): FitResult {
  let vals = toks.filter((t) => t.kind !== 'text');
  if (!opts.explicit) vals = vals.filter((t) => t.kind !== 'empty');
  if (opts.cutOff) {
    // the text ends inside this row: a trailing empty cell is where it was cut, not a blank
    while (vals.length > 0 && vals[vals.length - 1]!.kind === 'empty') vals.pop();
  }
  // Numbers left out by the alignment: the caller says which (ROW_EXTRA_VALUES).
  let cutNumbers: ValueTok[] | undefined;
  let uncertain = false;
  if (opts.explicit && vals.length > n) {
    const a = align(vals, n, ids);
    vals = a.vals;
    uncertain = a.uncertain === true;
    if (a.cut.some((t) => t.kind === 'num')) cutNumbers = a.cut.filter((t) => t.kind !== 'empty');
  }
  const k = vals.length;
  if (k === 0 && opts.cutOff)
    return { candidates: [new Array<FitCell | undefined>(n).fill(undefined)], mode: 'positional' };
  if (k === 0) return { candidates: [], mode: 'none' };
  if (k === n)
    return {
      candidates: [vals.map((t) => fromTok(t, 'direct'))],
      ...(cutNumbers ? { mode: 'dropped', extra: cutNumbers } : { mode: 'direct' }),
      ...(uncertain ? { uncertain: true } : {}),
    };
  if (k > n) {
    if (opts.explicit) {
      return {
        candidates: [vals.slice(0, n).map((t) => fromTok(t, 'positional'))],
        mode: 'positional',
        extra: vals.slice(n),
      };
    }
    // drop up to 2 tokens so that the identities hold
    const drop = k - n;
    if (drop > 2 || ids.length === 0) return { candidates: [], mode: 'none', extra: vals.slice(n) };
    const out = new Map<string, FitCell[]>();
    const idx = vals.map((_, i) => i);
    const combos: number[][] =
      drop === 1 ? idx.map((i) => [i]) : idx.flatMap((i) => idx.filter((j) => j > i).map((j) => [i, j]));
    const dropped = new Map<string, ValueTok[]>();
    for (const c of combos) {
      const kept = vals.filter((_, i) => !c.includes(i));
      const cells = kept.map((t) => fromTok(t, 'direct'));
      if (
        holds(
          cells.map((x) => x.value),
          ids,
        )
      ) {
        out.set(key(cells), cells);
        if (!dropped.has(key(cells)))
          dropped.set(
            key(cells),
            c.map((i) => vals[i]!),
          );
      }
    }
    const only = out.size === 1 ? [...dropped.values()][0] : undefined;
    return { candidates: [...out.values()], mode: 'dropped', ...(only ? { extra: only } : {}) };
  }
  // k < n
  if (opts.cutOff) {
    const cells: (FitCell | undefined)[] = vals.map((t) => fromTok(t, 'positional'));
    while (cells.length < n) cells.push(undefined);
    return { candidates: [cells], mode: 'positional' };
  }
  if (opts.explicit && vals.some((t) => t.kind === 'empty')) {
    // explicit short row with blanks: positional, the rest not printed
    const cells: (FitCell | undefined)[] = vals.map((t) => fromTok(t, 'positional'));
    while (cells.length < n) cells.push(undefined);
    return { candidates: [cells], mode: 'positional' };
  }
  const trySplit = (): FitResult | undefined => {
    // 1. split runs of digits
    const splittable = vals.map((t) => isDigitRun(t));
    if (splittable.some(Boolean)) {
      const out = new Map<string, FitCell[]>();
      let tooMany = false;
      const rec = (i: number, acc: FitCell[]) => {
        if (tooMany) return;
        if (i === vals.length) {
          if (
            acc.length === n &&
            holds(
              acc.map((x) => x.value),
              ids,
            )
          )
            out.set(key(acc), [...acc]);
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
      const capacity = vals.reduce((s, t, i) => s + (splittable[i] ? t.raw.length : 1), 0);
      if (capacity >= n) rec(0, []);
      if (tooMany) return { candidates: [], mode: 'tooMany' } as FitResult;
      if (out.size > 0) return { candidates: [...out.values()], mode: 'split' };
    }
    return undefined;
  };
  const tryInsert = (): FitResult => {
    // 2. cells lost in extraction: insert up to 2 missing cells solved by the identities
    const miss = n - k;
    if (miss > 2 || ids.length === 0) return { candidates: [], mode: 'none' };
    // by the values it gives: the last placement giving them (first position in the map, latest value)
    const out = new Map<string, { cells: (FitCell | undefined)[]; values: (number | null | undefined)[] }>();
    const positions: number[][] = [];
    for (let a = 0; a < n; a++) {
      if (miss === 1) positions.push([a]);
      else for (let b = a + 1; b < n; b++) positions.push([a, b]);
    }
    // the read cells are the same in every placement (cells are never changed once made)
    const direct = vals.map((t) => fromTok(t, 'direct'));
    for (const pos of positions) {
      const cells: (FitCell | undefined)[] = [];
      let vi = 0;
      for (let c = 0; c < n; c++) cells.push(pos.includes(c) ? undefined : direct[vi++]!);
      const values = solve(cells, pos, ids);
      if (values && holds(values, ids)) out.set(valuesKey(values), { cells, values });
    }
    const candidates: (FitCell | undefined)[][] = [];
    for (const { cells, values } of out.values()) candidates.push(withInferred(cells, values));
    return { candidates, mode: 'inferred' };
  };
  if (k === n - 1) {
    const ins = tryInsert();
    if (ins.candidates.length > 0) return ins;
    return trySplit() ?? ins;
  }
  return trySplit() ?? tryInsert();
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
