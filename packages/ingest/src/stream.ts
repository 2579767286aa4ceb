import { isInvisibleCode, isWhitespaceCode } from './chars.js';
import type { SourceDoc, SrcCell, SrcLine } from './source.js';
import type { Where } from './types.js';

export const CELL_SEP = '\u0001';
export const LINE_SEP = '\n';

/**
 * The document as one string N (cells separated by CELL_SEP, lines by LINE_SEP, whitespace runs
 * collapsed to one space) and a label-matching string M (N without any whitespace or separator,
 * characters normalised as core's normalizeLabel does), with maps back to the source.
 */
export interface Stream {
  n: string;
  /** For each N index: the global cell index (or -1 for separators). */
  nCell: Int32Array;
  /** For each N index: offset of the character within its cell's text. */
  nOff: Int32Array;
  /** For each N index: line index. */
  nLine: Int32Array;
  /** For each separator's N index: the global index of the cell that starts after it. */
  nCellAfter: Int32Array;
  m: string;
  /** For each M index: the N index. */
  mToN: Int32Array;
  cells: SrcCell[];
  /** Line index of each global cell. */
  cellLine: Int32Array;
  lines: SrcLine[];
  /** The source is whole by construction (an Excel workbook): its end is no text cut off. */
  complete?: boolean;
}

const QUOTES = new Set(['“', '”', '"', '「', '」', '『', '』', '＂']);

/** Map one character for label matching ('' drops it). */
export function normChar(ch: string, prev: string): string {
  if (/\s/.test(ch) || ch === CELL_SEP || isInvisibleCode(ch.charCodeAt(0))) return '';
  let c = ch.normalize('NFKC');
  if (c.length !== 1) c = ch;
  if (/\s/.test(c)) return '';
  if (c === '(') return '（';
  if (c === ')') return '）';
  if (c === ',' || c === '，') return '、';
  if (c === ':') return '：';
  if (QUOTES.has(c) || QUOTES.has(ch)) return '"';
  if ((c === '、' || c === '.') && /[0-9]/.test(prev)) return '.';
  return c;
}

/** Normalise a label the way the M stream is normalised. */
export function normLabel(s: string): string {
  let out = '';
  let prev = '';
  for (const ch of s) {
    const c = normChar(ch, prev);
    if (c) {
      out += c;
      prev = c;
    }
  }
  return out;
}

/** normChar(ch, '') of characters outside the BMP or of lone surrogates (rare). */
const normCache = new Map<string, string>();

/**
 * normChar(ch, '') of every BMP character by char code, filled on first use: -2 not computed yet,
 * -1 dropped, else the code of the one-character result (a BMP character never maps to more).
 */
let normTable: Int32Array | undefined;

function normCode(code: number): number {
  normTable ??= new Int32Array(0x10000).fill(-2);
  let hit = normTable[code]!;
  if (hit === -2) {
    const c = normChar(String.fromCharCode(code), '');
    hit = c === '' ? -1 : c.charCodeAt(0);
    normTable[code] = hit;
  }
  return hit;
}

/** Whitespace as `\s` sees it, and CELL_SEP (between the cells of a line). */
function isSpaceCode(c: number): boolean {
  return c === 1 || isWhitespaceCode(c);
}

function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

let utf16: InstanceType<typeof TextDecoder> | undefined;

/** The string of UTF-16 code units; `surrogates`: whether any unit is a surrogate (kept as is). */
function unitsToString(u: Uint16Array, len: number, surrogates: boolean): string {
  if (!surrogates) {
    // the decoder would replace a lone surrogate: only without any
    utf16 ??= new TextDecoder('utf-16le', { ignoreBOM: true });
    return utf16.decode(u.subarray(0, len));
  }
  const CHUNK = 8192;
  const parts: string[] = [];
  for (let i = 0; i < len; i += CHUNK)
    parts.push(
      String.fromCharCode.apply(null, u.subarray(i, Math.min(len, i + CHUNK)) as unknown as number[]),
    );
  return parts.join('');
}

export function buildStream(doc: SourceDoc): Stream {
  let cap = 1;
  let cellCount = 0;
  for (const l of doc.lines) {
    cap += 1;
    cellCount += l.cells.length;
    for (const c of l.cells) cap += c.text.length + 1;
  }
  const nCell = new Int32Array(cap);
  const nOff = new Int32Array(cap);
  const nLine = new Int32Array(cap);
  const nCellAfter = new Int32Array(cap).fill(-1);
  const mToN = new Int32Array(cap);
  // N and M as code units: a BMP character maps to at most one unit of M, a surrogate pair to at
  // most two, so neither is longer than the input
  const nBuf = new Uint16Array(cap);
  const mBuf = new Uint16Array(cap);
  const cells: SrcCell[] = new Array(cellCount);
  const cellLine = new Int32Array(cellCount);
  let gi = 0;
  let nLen = 0;
  let mLen = 0;
  let prevDigit = false;
  let surrogates = false;
  for (let li = 0; li < doc.lines.length; li++) {
    const line = doc.lines[li]!;
    if (li > 0) {
      nBuf[nLen] = 10; // LINE_SEP
      nCell[nLen] = -1;
      nLine[nLen] = li;
      nCellAfter[nLen] = gi;
      nLen++;
    }
    for (let ci = 0; ci < line.cells.length; ci++, gi++) {
      const cell = line.cells[ci]!;
      cells[gi] = cell;
      cellLine[gi] = li;
      if (ci > 0) {
        nBuf[nLen] = 1; // CELL_SEP
        nCell[nLen] = -1;
        nLine[nLen] = li;
        nCellAfter[nLen] = gi;
        nLen++;
      }
      const t = cell.text;
      let lastSpace = false;
      for (let k = 0; k < t.length; k++) {
        const code = t.charCodeAt(k);
        if (isSpaceCode(code)) {
          if (lastSpace) continue;
          lastSpace = true;
          nBuf[nLen] = 32;
          nCell[nLen] = gi;
          nOff[nLen] = k;
          nLine[nLen] = li;
          nLen++;
          continue;
        }
        lastSpace = false;
        if (code < 0xd800 || code > 0xdfff) {
          // one code unit in N; zero or one in M
          let c: number;
          if (
            code < 128 &&
            code !== 40 &&
            code !== 41 &&
            code !== 44 &&
            code !== 58 &&
            code !== 34 &&
            code !== 46
          )
            c = code;
          else if ((code === 0x3001 || code === 46 || code === 0xff0e) && prevDigit) c = 46;
          else c = normCode(code);
          nBuf[nLen] = code;
          nCell[nLen] = gi;
          nOff[nLen] = k;
          nLine[nLen] = li;
          if (c >= 0) {
            mBuf[mLen] = c;
            mToN[mLen] = nLen;
            mLen++;
            prevDigit = isDigitCode(c);
          }
          nLen++;
          continue;
        }
        // a surrogate: with the next unit when there is one (as a pair), through the string cache
        surrogates = true;
        let ch = t[k]!;
        const start = k;
        if (code < 0xdc00 && k + 1 < t.length) ch += t[++k]!;
        let c = normCache.get(ch);
        if (c === undefined) {
          c = normChar(ch, '');
          normCache.set(ch, c);
        }
        for (let u = 0; u < ch.length; u++) {
          nBuf[nLen + u] = ch.charCodeAt(u);
          nCell[nLen + u] = gi;
          nOff[nLen + u] = start + u;
          nLine[nLen + u] = li;
        }
        if (c) {
          for (let u = 0; u < c.length; u++) {
            mBuf[mLen + u] = c.charCodeAt(u);
            mToN[mLen + u] = nLen;
          }
          mLen += c.length;
          prevDigit = isDigitCode(c.charCodeAt(c.length - 1));
        }
        nLen += ch.length;
      }
    }
  }
  return {
    n: unitsToString(nBuf, nLen, surrogates),
    nCell: nCell.subarray(0, nLen),
    nOff: nOff.subarray(0, nLen),
    nLine: nLine.subarray(0, nLen),
    nCellAfter: nCellAfter.subarray(0, nLen),
    m: unitsToString(mBuf, mLen, surrogates),
    mToN: mToN.subarray(0, mLen),
    cells,
    cellLine,
    lines: doc.lines,
    ...(doc.complete ? { complete: true } : {}),
  };
}

/** N index of M index (or n.length past the end). */
export function mn(s: Stream, mi: number): number {
  if (mi >= s.mToN.length) return s.n.length;
  return s.mToN[mi]!;
}

/** N index just past the character at M index mi-1 (the end of an M range). */
export function mnEnd(s: Stream, miEnd: number): number {
  if (miEnd <= 0) return 0;
  const ni = s.mToN[miEnd - 1];
  if (ni === undefined) return s.n.length;
  // a surrogate pair occupies 2 N units
  const code = s.n.charCodeAt(ni);
  return code >= 0xd800 && code < 0xdc00 ? ni + 2 : ni + 1;
}

/** Source location of an N index. */
export function whereAt(s: Stream, ni: number): Where | undefined {
  let i = Math.min(Math.max(ni, 0), s.n.length - 1);
  if (i >= 0 && s.nCell[i] === -1) {
    const after = s.cells[s.nCellAfter[i] ?? -1];
    if (after) return { ...after.where };
  }
  while (i >= 0 && i < s.n.length && s.nCell[i] === -1) i++;
  if (i < 0 || i >= s.n.length) return undefined;
  const cell = s.cells[s.nCell[i]!];
  if (!cell) return undefined;
  const off = s.nOff[i]!;
  const w: Where = { ...cell.where };
  if (w.column !== undefined && w.x === undefined) w.column += off;
  return w;
}

/** Original text of an N range (separators as tab/newline). */
export function nText(s: Stream, a: number, b: number): string {
  return s.n.slice(a, b).replaceAll(CELL_SEP, '\t');
}
