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
}

const QUOTES = new Set(['“', '”', '"', '「', '」', '『', '』', '＂']);

/** Map one character for label matching ('' drops it). */
export function normChar(ch: string, prev: string): string {
  if (/\s/.test(ch) || ch === CELL_SEP) return '';
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

export function buildStream(doc: SourceDoc): Stream {
  const nParts: string[] = [];
  const nCell: number[] = [];
  const nOff: number[] = [];
  const nLine: number[] = [];
  const nCellAfter: number[] = [];
  const cells: SrcCell[] = [];
  const cellLine: number[] = [];
  let mStr = '';
  const mToN: number[] = [];
  let prevM = '';
  let nLen = 0;
  const mParts: string[] = [];
  for (let li = 0; li < doc.lines.length; li++) {
    const line = doc.lines[li]!;
    if (li > 0) {
      nParts.push(LINE_SEP);
      nCell.push(-1);
      nOff.push(0);
      nLine.push(li);
      nCellAfter[nLen] = cells.length;
      nLen++;
    }
    for (let ci = 0; ci < line.cells.length; ci++) {
      const cell = line.cells[ci]!;
      const gi = cells.length;
      cells.push(cell);
      cellLine.push(li);
      if (ci > 0) {
        nParts.push(CELL_SEP);
        nCell.push(-1);
        nOff.push(0);
        nLine.push(li);
        nCellAfter[nLen] = gi;
        nLen++;
      }
      const t = cell.text;
      let lastSpace = false;
      for (let k = 0; k < t.length; k++) {
        let ch = t[k]!;
        // keep surrogate pairs together
        const code = ch.charCodeAt(0);
        if (code >= 0xd800 && code < 0xdc00 && k + 1 < t.length) ch += t[++k]!;
        const isSpace = /\s/.test(ch) || ch === '\u00a0' || ch === '\u3000';
        if (isSpace) {
          if (lastSpace) continue;
          lastSpace = true;
          ch = ' ';
        } else lastSpace = false;
        if (ch === CELL_SEP) ch = ' ';
        const c = isSpace ? '' : normChar(ch, prevM);
        nParts.push(ch);
        for (let u = 0; u < ch.length; u++) {
          nCell.push(gi);
          nOff.push(k - (ch.length - 1) + u);
          nLine.push(li);
        }
        if (c) {
          mParts.push(c);
          for (let u = 0; u < c.length; u++) mToN.push(nLen);
          prevM = c;
        }
        nLen += ch.length;
      }
    }
  }
  mStr = mParts.join('');
  return {
    n: nParts.join(''),
    nCell: Int32Array.from(nCell),
    nOff: Int32Array.from(nOff),
    nLine: Int32Array.from(nLine),
    nCellAfter: Int32Array.from({ length: nLen }, (_, i) => nCellAfter[i] ?? -1),
    m: mStr,
    mToN: Int32Array.from(mToN),
    cells,
    cellLine: Int32Array.from(cellLine),
    lines: doc.lines,
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
