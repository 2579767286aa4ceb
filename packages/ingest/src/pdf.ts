import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { EDITION_IDS, NianbaoError } from '@nianbao/core';
import { unifyRadicals } from './chars.js';
import { emptyFile } from './input.js';
import { editionLabels, stripPrefix } from './labels.js';
import type { SourceDoc, SrcCell, SrcLine } from './source.js';
import { normLabel } from './stream.js';
import type { IngestOptions } from './types.js';
import { classifyValue } from './values.js';

export interface Item {
  str: string;
  x: number;
  y: number;
  w: number;
  h: number;
  page: number;
}

interface VLine {
  page: number;
  y: number;
  h: number;
  items: Item[];
}

interface VCell {
  text: string;
  x: number;
  xEnd: number;
  y: number;
  page: number;
  numeric: boolean;
  /** The pieces of a number printed wrapped over lines in its cell (see joinWrapped). */
  wrapped?: string[];
}

function assetDirs(): { cMapUrl?: string; standardFontDataUrl?: string } {
  try {
    const require = createRequire(import.meta.url);
    const root = dirname(require.resolve('pdfjs-dist/package.json'));
    return { cMapUrl: `${join(root, 'cmaps')}/`, standardFontDataUrl: `${join(root, 'standard_fonts')}/` };
  } catch {
    return {};
  }
}

function isNumericText(s: string): boolean {
  const t = classifyValue(s, 0, false);
  return t.kind === 'num' || t.kind === 'blank';
}

/** Group a page's items into visual lines by their baseline. */
function toLines(items: Item[]): VLine[] {
  const sorted = [...items].sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: VLine[] = [];
  for (const it of sorted) {
    const last = lines[lines.length - 1];
    const tol = Math.max(2, 0.45 * Math.min(it.h || 10, last?.h || 10));
    if (last && last.page === it.page && Math.abs(last.y - it.y) <= tol) {
      last.items.push(it);
      last.h = Math.max(last.h, it.h);
    } else lines.push({ page: it.page, y: it.y, h: it.h || 10, items: [it] });
  }
  for (const l of lines) l.items.sort((a, b) => a.x - b.x);
  return lines;
}

/** Split a visual line into cells at wide gaps. */
function toCells(l: VLine): VCell[] {
  const cells: VCell[] = [];
  for (const it of l.items) {
    const last = cells[cells.length - 1];
    const size = it.h || l.h || 10;
    const gap = last ? it.x - last.xEnd : Number.POSITIVE_INFINITY;
    const itNum = isNumericText(it.str.trim());
    // numbers in columns so narrow they nearly touch (「7,970,826」「9,754,946」): a number grouped
    // right that digits follow after any gap is done — joined they would make no number
    const apart =
      itNum &&
      last?.numeric === true &&
      (gap > 0.15 * size ||
        (gap > 0.02 * size && GROUPED_NUM.test(numText(last.text)) && /^\d/.test(it.str)));
    if (last && gap < 0.6 * size && !apart) {
      const needSpace = gap > 0.15 * size && /[A-Za-z0-9]$/.test(last.text) && /^[A-Za-z0-9]/.test(it.str);
      last.text += (needSpace ? ' ' : '') + it.str;
      last.xEnd = Math.max(last.xEnd, it.x + it.w);
      last.numeric = isNumericText(last.text.trim());
    } else cells.push({ text: it.str, x: it.x, xEnd: it.x + it.w, y: it.y, page: it.page, numeric: itNum });
  }
  for (const c of cells) c.text = c.text.replace(/\s+/g, ' ').trim();
  return cells.filter((c) => c.text !== '');
}

const ENUM_START =
  /^(?:（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+、|\d+[.．、])/;

/**
 * Labels wrapped over several lines with the numbers centred vertically come out as
 * 「label part 1 / numbers / label part 2」: move part 2 in front of the numbers.
 */
function mergeWrapped(rows: VCell[][], lines: VLine[]): VCell[][] {
  const out: VCell[][] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const firstNum = row.findIndex((c) => c.numeric);
    const next = rows[i + 1];
    const nl = lines[i + 1];
    const l = lines[i]!;
    if (
      firstNum >= 0 &&
      next &&
      nl &&
      nl.page === l.page &&
      next.length > 0 &&
      next.every((c) => !c.numeric)
    ) {
      const numX = row[firstNum]!.x;
      const textCells = row.slice(0, firstNum);
      const prev = out[out.length - 1];
      const labelX = textCells[0]?.x ?? (prev?.every((c) => !c.numeric) ? prev[0]?.x : undefined);
      const dy = l.y - nl.y;
      const nx = next[0]!.x;
      const nEnd = Math.max(...next.map((c) => c.xEnd));
      if (
        labelX !== undefined &&
        dy > 0 &&
        dy < 1.75 * Math.max(l.h, nl.h) &&
        nx >= labelX - 3 &&
        nEnd < numX &&
        !next.some((c) => ENUM_START.test(unifyRadicals(c.text)) || startsRowLabel(c.text))
      ) {
        const moved = next.map((c) => ({ ...c }));
        i++;
        // a label wrapped over more lines below its numbers (set at the top of a row several lines
        // high): each further line of the label column right under the one before, up to the next
        // row's (its numbers, or its label's 「（一）」「1.」)
        for (;;) {
          const more = rows[i + 1];
          const ml = lines[i + 1];
          const pl = lines[i]!;
          if (!more || !ml || ml.page !== l.page || more.length === 0 || more.some((c) => c.numeric)) break;
          const gap = pl.y - ml.y;
          if (
            gap <= 0 ||
            gap >= 1.75 * Math.max(pl.h, ml.h) ||
            more[0]!.x < labelX - 3 ||
            Math.max(...more.map((c) => c.xEnd)) >= numX ||
            // (a group label's line beside it: 「开」 of a vertical 「（三）不予公开」 and 「5.属于…」)
            more.some((c) => ENUM_START.test(unifyRadicals(c.text)) || startsRowLabel(c.text))
          )
            break;
          moved.push(...more.map((c) => ({ ...c })));
          i++;
        }
        out.push([...textCells, ...moved, ...row.slice(firstNum)]);
        continue;
      }
    }
    out.push(row);
  }
  return out;
}

/**
 * Rebuild table columns from coordinates: in a run of rows with numbers, the rows with the most
 * numbers give the column centres; a shorter row's numbers go to their nearest column and the
 * columns with nothing printed become empty (blank) cells.
 */
type Aligned = { cells: VCell[]; explicit: boolean; placed?: boolean };

function alignColumns(rows: VCell[][], nextPage?: () => VCell[][]): Aligned[] {
  const out: Aligned[] = rows.map((r) => ({ cells: r, explicit: false }));
  // the tables placed under their headers' columns, the last for its rows further down (byHeader)
  const carry: HeaderCarry = { tables: [] };
  let i = 0;
  while (i < rows.length) {
    const count = (r: VCell[]) => r.filter((c) => c.numeric).length;
    if (count(rows[i]!) < 1) {
      i++;
      continue;
    }
    let j = i;
    const page = rows[i]![0]?.page;
    // Where the numbers start: lines of text left of it are wrapped row labels (and group labels
    // beside them) within the table, not the text after it, which runs across the columns.
    let numLeft = Math.min(...rows[i]!.filter((c) => c.numeric).map((c) => c.x));
    let textRun = 0;
    while (j < rows.length && rows[j]!.length > 0 && rows[j]![0]!.page === page) {
      const row = rows[j]!;
      if (count(row) > 0) {
        numLeft = Math.min(numLeft, ...row.filter((c) => c.numeric).map((c) => c.x));
        textRun = 0;
      } else {
        textRun++;
        const labelsOnly = row.every((c) => c.xEnd <= numLeft + 2);
        if (textRun > 6 || (!labelsOnly && textRun > 1)) break;
      }
      j++;
    }
    // the header lines above, when they tell every number's column, are the surest guide: rows
    // that share one blank column (every row of a page a number short) still show it
    const byHead = byHeader(rows, out, i, j, carry);
    const block = rows.slice(i, j).filter((r) => count(r) > 0);
    const k = Math.max(...block.map(count));
    const full = block.filter((r) => count(r) === k);
    if (k >= 3 && full.length >= 2) {
      const centres: number[] = [];
      const spread: number[] = [];
      for (let c = 0; c < k; c++) {
        const xs = full.map((r) => {
          const n = r.filter((x) => x.numeric)[c]!;
          return (n.x + n.xEnd) / 2;
        });
        xs.sort((a, b) => a - b);
        centres.push(xs[Math.floor(xs.length / 2)]!);
        spread.push(xs[xs.length - 1]! - xs[0]!);
      }
      const minGap = Math.min(...centres.slice(1).map((c, idx) => c - centres[idx]!));
      // the fullest rows must agree on where each column is: when they do not, they are not full
      // (each has a blank of its own, in another column) and no column can be told from them
      if (spread.some((x) => x > minGap / 2)) {
        i = Math.max(j, i + 1);
        continue;
      }
      for (let r = i; r < j; r++) {
        const row = rows[r]!;
        const n = count(row);
        if (n === 0 || n >= k || byHead.has(r)) continue;
        const nums = row.filter((c) => c.numeric);
        const slots: (VCell | undefined)[] = new Array(k).fill(undefined);
        let ok = true;
        for (const cell of nums) {
          const mid = (cell.x + cell.xEnd) / 2;
          let best = 0;
          for (let c = 1; c < k; c++)
            if (Math.abs(centres[c]! - mid) < Math.abs(centres[best]! - mid)) best = c;
          if (Math.abs(centres[best]! - mid) > minGap / 2 || slots[best]) {
            ok = false;
            break;
          }
          slots[best] = cell;
        }
        if (!ok || mid(nums[0]!) < centres[0]! - minGap) continue;
        const text = row.filter((c) => !c.numeric);
        const cells: VCell[] = [...text];
        slots.forEach((s, c) => {
          cells.push(
            s ?? {
              text: '',
              x: centres[c]!,
              xEnd: centres[c]!,
              y: row[0]!.y,
              page: row[0]!.page,
              numeric: true,
            },
          );
        });
        // k columns is what the fullest rows show: when they all share a blank, the table has
        // more, and a row of k cells is not read (SrcLine.placedColumns)
        out[r] = { cells, explicit: true, placed: true };
      }
    }
    i = Math.max(j, i + 1);
  }
  for (const t of carry.tables) blankRows(rows, out, t, nextPage);
  blankT2Rows(rows, out, nextPage);
  return out;
}

/** 表二's blocks by their column heads: each column's heads (normalised, aliases too), the rows' labels. */
interface T2Shape {
  heads: Set<string>[];
  rows: Set<string>;
}
let t2Shapes: T2Shape[] | undefined;
function t2BlockShapes(): T2Shape[] {
  if (t2Shapes) return t2Shapes;
  t2Shapes = EDITION_IDS.flatMap((e) =>
    editionLabels(e).t2.map((b) => ({
      heads: b.columns.map((c) => new Set(c.v.variants.map((v) => v.text))),
      rows: new Set(b.rows.flatMap((r) => r.v.variants.map((v) => v.text))),
    })),
  );
  return t2Shapes;
}

/** A line's text as labels are matched: radicals as the characters printed, normalised. */
const normText = (cells: VCell[]) => normLabel(unifyRadicals(cells.map((c) => c.text).join('')));

/**
 * 表二's rows printed blank in every column: their label alone on its line, no text under the
 * block's column heads (a printed blank leaves none) — the block's cells, blank, placed under the
 * heads (as byHeader places a row printed in part). Only where the block's layout is plain:
 * - a header line right above the rows, 「信息内容」 and one head per column, each a column head of a
 *   表二 block (「本年新制作数量 | 本年新公开数量 | 对外公开总数量」), printed whole on that line;
 * - every line up to the block's end either a row of the block printed with its values — its whole
 *   label left of the heads, each value under a head of its own, in order — or a whole label of the
 *   block's rows alone left of the heads, each label once (a label wrapped over lines, numbers on a
 *   line without a label, a note: the block is left as it is, its rows unread);
 * - the block ends with the next block's caption (「第二十条第（六）项」), another header, a heading
 *   (「三、收到和处理…」) or text across the columns — on the page, or at the top of the next one
 *   (after a page number) where the rows end at the page's foot; never numbers there.
 */
function blankT2Rows(rows: VCell[][], out: Aligned[], nextPage?: () => VCell[][]): void {
  const words = (r: VCell[]) => r.some((c) => HAN.test(c.text));
  for (let h = 0; h < rows.length; h++) {
    const header = rows[h]!;
    if (header.length < 2 || normText([header[0]!]) !== '信息内容' || header.some((c) => c.numeric)) continue;
    const heads = header.slice(1);
    const shapes = t2BlockShapes().filter(
      (s) => s.heads.length === heads.length && heads.every((c, k) => s.heads[k]!.has(normText([c]))),
    );
    if (shapes.length === 0) continue;
    const labelsAt = header[0]!;
    const left = heads[0]!.x;
    const cols = heads.map((c) => ({ lo: c.x, hi: c.xEnd, mid: mid(c) }));
    const labels = new Set(shapes.flatMap((s) => [...s.rows]));
    const labelOf = (r: VCell[]) => {
      const cells = r.filter((c) => c.xEnd <= left + 2);
      return cells.length > 0 && cells[0]!.x < labelsAt.xEnd && labels.has(normText(cells))
        ? cells
        : undefined;
    };
    // each value under a head of its own, in order: nearer its head than any other, over it
    const underHeads = (r: VCell[]) => {
      let last = -1;
      for (const c of r.filter((x) => x.xEnd > left + 2)) {
        const m = mid(c);
        let best = 0;
        for (let k = 1; k < cols.length; k++)
          if (Math.abs(cols[k]!.mid - m) < Math.abs(cols[best]!.mid - m)) best = k;
        if (best <= last || m < cols[best]!.lo - 2 || m > cols[best]!.hi + 2) return false;
        last = best;
      }
      return true;
    };
    const across = (r: VCell[]) =>
      r.length === 1 && !r[0]!.numeric && r[0]!.x < left && r[0]!.xEnd > left + 2;
    // what follows the block: the next block's caption, a heading, text across the columns, and
    // on the same page another header (on the next page's top a header printed again may go on with
    // the row, as a row broken across pages does)
    const ends = (r: VCell[], top = false) =>
      r.length > 0 &&
      r.every((c) => !c.numeric) &&
      words(r) &&
      !labelOf(r) &&
      ((r.length === 1 && TABLE_TITLE.test(unifyRadicals(r[0]!.text))) ||
        /^[一二三四五六七八九十]+、/.test(unifyRadicals(r[0]!.text)) ||
        (!top && normText([r[0]!]) === '信息内容') ||
        across(r));
    // a line of no words and no value under a head: a page number (「— 1 —」, 「3」 off the columns)
    const pageNumber = (x: VCell[]) =>
      !words(x) && x.every((c) => !c.numeric || !cols.some((k) => mid(c) >= k.lo - 2 && mid(c) <= k.hi + 2));
    const blank: number[] = [];
    const seen = new Set<string>();
    let ended = false;
    let foot = false;
    let r = h + 1;
    for (; r < rows.length; r++) {
      const row = rows[r]!;
      if (row.length === 0) continue;
      const label = labelOf(row);
      if (ends(row)) {
        ended = true;
        break;
      }
      if (!label && rows.slice(r).every(pageNumber)) {
        foot = true;
        break;
      }
      if (!label) break;
      const key = normText(label);
      if (seen.has(key)) break;
      seen.add(key);
      if (label.length === row.length) blank.push(r);
      else if (!underHeads(row)) break;
    }
    if (!ended && (r === rows.length || foot)) {
      // the rows end at the page's foot: the next page starts with what follows the block
      const top = nextPage?.() ?? [];
      const first = top.find((x) => x.length > 0 && !pageNumber(x));
      ended = first !== undefined && ends(first, true);
    }
    if (!ended) continue;
    for (const q of blank) {
      if (out[q]!.cells !== rows[q]) continue;
      const row = rows[q]!;
      const cells: VCell[] = [
        ...row,
        ...cols.map((c) => ({
          text: '',
          x: c.mid,
          xEnd: c.mid,
          y: row[0]!.y,
          page: row[0]!.page,
          numeric: true,
        })),
      ];
      out[q] = { cells, explicit: true, placed: true };
    }
    h = r - 1;
  }
}

/** 表三's row labels (normalised, every edition's, aliases too): of data rows, of group rows. */
let t3Labels: { data: Set<string>; group: Set<string> } | undefined;
function t3RowLabels(): { data: Set<string>; group: Set<string> } {
  if (t3Labels) return t3Labels;
  const data = new Set<string>();
  const group = new Set<string>();
  for (const e of EDITION_IDS)
    for (const r of editionLabels(e).t3)
      for (const v of r.v.variants) (r.kind === 'data' ? data : group).add(v.text);
  t3Labels = { data, group };
  return t3Labels;
}

/**
 * 表三's rows printed blank in every column, in a table placed under its header's seven columns:
 * their labels alone, no number beside them (a printed blank leaves no text) — a row of seven
 * empty cells, placed as the table's other rows, at the label's last line. The labels are read
 * column by column (the row labels', the group labels' beside them: 「（三）」「不予公」「开」 between
 * 「4.保护第三方合法权益」 and 「5.属于三类内部事务」), each from its 「（一）」「1.」「一、」 to the next,
 * and a row is blank only where
 * - its label is a whole 表三 row's (a group's — 「（三）不予公开」 — is none) and its lines hold no
 *   number and no other row's label (a group's label beside it may be there);
 * - every line of the table holding numbers is a line of its own row's label (numbers printed
 *   above or below their label, a line apart, could be the blank row's: then none is said blank);
 * - it lies within the table: between its header and its last row with numbers, or after that up
 *   to a line of text starting left of the numbers and running across them (a paragraph: the table
 *   ends there) on the same page or at the top of the next (`nextPage`: after a page number or a
 *   short heading — never the table's header printed again, nor a row's numbers).
 * A group label's last pieces on lines of their own right after the row (「供」 of 「（四）无法提供」
 * under 「另行制作」) go onto the row's line, before its empty cells, as mergeWrapped puts a wrapped
 * label's rest before the numbers: the row's label then ends where it did with numbers beside it.
 */
function blankRows(rows: VCell[][], out: Aligned[], t: HeaderTable, nextPage?: () => VCell[][]): void {
  if (t.cols.length !== 7) return;
  const labelOnly = (q: number) =>
    rows[q]!.length > 0 && rows[q]!.every((c) => !c.numeric && c.page === t.page && c.xEnd <= t.numLeft + 2);
  const words = (r: VCell[]) => r.some((c) => HAN.test(c.text));
  const across = (r: VCell[] | undefined) =>
    r !== undefined &&
    r.length === 1 &&
    !r[0]!.numeric &&
    words(r) &&
    r[0]!.x < t.numLeft &&
    r[0]!.xEnd > t.numLeft + 2;
  let end = t.end;
  while (end < rows.length && labelOnly(end)) end++;
  // the lines of labels after the last row with numbers: the table's only where it ends after them
  // (on the next page: after lines without words — a page number —, or of a few words left of
  // the numbers — a heading —, text across them; not the header again, nor numbers)
  const rest = rows.slice(end);
  const after = [...rest, ...(rest.every((r) => !words(r)) ? (nextPage?.() ?? []) : [])];
  let ended = false;
  let short = 0;
  for (const r of after) {
    if (r.length === 0 || !words(r)) continue;
    if (across(r)) ended = true;
    else if (r.length === 1 && !r[0]!.numeric && r[0]!.xEnd <= t.numLeft + 2 && ++short <= 3) continue;
    break;
  }
  if (!ended) end = t.end;
  const { data, group } = t3RowLabels();
  // the label cells, by column (their left edges within 3 pt), in order of lines
  type Entry = { text: string; first: number; last: number; cells: Set<VCell>; x: number };
  const columns: { x: number; entries: Entry[] }[] = [];
  for (let r = t.start; r < end; r++)
    for (const c of rows[r]!) {
      if (c.numeric || c.x >= t.numLeft) continue;
      let col = columns.find((k) => Math.abs(k.x - c.x) <= 3);
      if (!col) {
        col = { x: c.x, entries: [] };
        columns.push(col);
      }
      const text = unifyRadicals(c.text);
      const open = col.entries[col.entries.length - 1];
      if (!open || ENUM_START.test(text))
        col.entries.push({ text, first: r, last: r, cells: new Set([c]), x: col.x });
      else {
        open.text += text;
        open.last = r;
        open.cells.add(c);
      }
    }
  const entries = columns.flatMap((k) => k.entries);
  const has = (set: Set<string>, e: Entry) => {
    const n = normLabel(e.text);
    return set.has(n) || set.has(stripPrefix(n));
  };
  const rowsOf = entries.filter((e) => has(data, e));
  // a group's label beside its rows (「（三）不予公开」; 「（六）其他处理」, 2019's row but 2021's group)
  const groups = entries.filter((e) => has(group, e));
  const beside = new Set(groups.flatMap((e) => [...e.cells]));
  // every line with numbers is a line of its own row's label
  for (let r = t.start; r < end; r++)
    if (rows[r]!.some((c) => c.numeric) && !rowsOf.some((e) => e.first <= r && r <= e.last)) return;
  for (const e of rowsOf) {
    let blank = true;
    for (let r = e.first; r <= e.last && blank; r++)
      blank = rows[r]!.every((c) => !c.numeric && (e.cells.has(c) || beside.has(c)));
    if (!blank) continue;
    const cells: VCell[] = [...rows[e.last]!];
    const next = Math.min(end, ...rowsOf.filter((o) => o.first > e.last).map((o) => o.first));
    // (a group's label going on beside the next row stays where it is: 「不予公」 over 「开」 of
    // 「开 | 5.属于三类内部事务」 — read after the empty cells, as the rest of the row's line; so does
    // a group's label in the rows' own column, a row of its own: 「三、本年度办理结果」)
    const ends = (c: VCell) => groups.some((g) => g.cells.has(c) && g.last < next && g.x !== e.x);
    for (let r = e.last + 1; r < next && rows[r]!.length > 0 && rows[r]!.every(ends); r++) {
      cells.push(...rows[r]!);
      out[r] = { cells: [], explicit: false };
    }
    for (const col of t.cols) {
      const x = (col.lo + col.hi) / 2;
      cells.push({ text: '', x, xEnd: x, y: cells[0]!.y, page: t.page, numeric: true });
    }
    out[e.last] = { cells, explicit: true, placed: true };
  }
}

/** Lines of row labels without numbers between a table's header and its first row with numbers. */
const MAX_LABEL_LINES = 40;

/** A table's own title line: 「第二十条第（一）项」, 「表三」. */
const TABLE_TITLE = /^(?:第.{1,6}条|表[一二三四]|[（(][一二三四五六七八九十]+[）)]|.{0,12}项$)/;

/** Where each value column of a table is, from the header lines printed right above a run of rows. */
interface HeaderColumn {
  lo: number;
  hi: number;
}

/**
 * The value columns named by the header lines above row `start`: the lines of two or more text
 * cells right above it (a title line of one cell ends the header), less the label column's
 * (「信息内容」; a first column left blank is still a column) and the cells spanning several others
 * (「行政复议」 over five columns); cells of different lines over the same column are one column.
 */
function headerColumns(rows: VCell[][], start: number, labelRight: number, numLeft: number): HeaderColumn[] {
  const page = rows[start]![0]!.page;
  const cells: VCell[] = [];
  let overLabels = false;
  // lines of row labels between the header and the first row with numbers (rows printed blank
  // above it: 2021's 「（六）其他处理」 rows at the top of a page, wrapped over 12 lines) do not count
  let labelsBelow = 0;
  walk: for (
    let r = start - 1;
    r >= 0 && start - r - labelsBelow <= 9 && labelsBelow <= MAX_LABEL_LINES;
    r--
  ) {
    const row = rows[r]!;
    if (row.length === 0 || row[0]!.page !== page || row.some((c) => c.numeric)) break;
    // lines in the label column only: the first row's label wrapped above its numbers, or the
    // label column's own header lines beside the header
    if (row.every((c) => c.x < labelRight && c.xEnd <= numLeft + 2)) {
      if (cells.length > 0) overLabels = true;
      else labelsBelow++;
      continue;
    }
    // a title (「第二十条第（一）项」) or text across the page ends the header
    if (row.length === 1 && (row[0]!.x < labelRight || TABLE_TITLE.test(unifyRadicals(row[0]!.text)))) break;
    const mine: VCell[] = [];
    let left = false;
    for (const c of row) {
      if (c.x >= labelRight) mine.push(...splitWords(c));
      else if (c.xEnd > numLeft + 2) break walk;
      else left = true;
    }
    if (left) overLabels = true;
    cells.push(...mine);
  }
  const overlap = (a: VCell, b: VCell) => a.x < b.xEnd && b.x < a.xEnd;
  const leaves = cells.filter((c) => {
    const under = cells.filter((d) => d !== c && overlap(c, d) && d.xEnd - d.x < c.xEnd - c.x);
    // spanning: over two cells that are not over each other
    return !under.some((a, n) => under.slice(n + 1).some((b) => !overlap(a, b)));
  });
  leaves.sort((a, b) => a.x - b.x);
  const cols: HeaderColumn[] = [];
  for (const c of leaves) {
    const last = cols[cols.length - 1];
    if (last && c.x < last.hi) last.hi = Math.max(last.hi, c.xEnd);
    else cols.push({ lo: c.x, hi: c.xEnd });
  }
  // rows with labels whose column header stands right of the labels' end (a short 「规章」 under a
  // centred 「信息内容」): the first column is the labels'. A wrong guess gives a column too many or
  // too few, and such a row is not read (SrcLine.placedColumns).
  if (labelRight > Number.NEGATIVE_INFINITY && !overLabels) cols.shift();
  return cols;
}

/**
 * A header cell printed as words with spaces between is several cells close together
 * (「商业企业 科研机构」: two columns' headers): each word at its share of the width. So is a word
 * that is the heads of columns side by side run together (LibreOffice prints 「商业企业」 and
 * 「科研机构」 so close that they are one cell, 「商业企业科研机构」): see splitHeads.
 */
function splitWords(c: VCell): VCell[] {
  const words = c.text.split(' ');
  const per = (c.xEnd - c.x) / c.text.length;
  let at = 0;
  return words.flatMap((w) => {
    const x = c.x + at * per;
    at += w.length + 1;
    const word = words.length < 2 ? c : { ...c, text: w, x, xEnd: x + w.length * per };
    const heads = splitHeads(w);
    if (!heads) return [word];
    let k = 0;
    return heads.map((h) => {
      const hx = x + k * per;
      k += h.length;
      return { ...c, text: h, x: hx, xEnd: hx + h.length * per };
    });
  });
}

/** The tables' column heads, each table's (表二's blocks', 表三's, 表四's) in their order, normalised. */
let headRuns: string[][] | undefined;
function columnHeadRuns(): string[][] {
  if (headRuns) return headRuns;
  const runs = new Map<string, string[]>();
  for (const e of EDITION_IDS) {
    const L = editionLabels(e);
    for (const run of [
      ...L.t2.map((b) => b.columns.map((c) => c.label)),
      L.t3PlanColumns.map((c) => c.label),
      L.t4PlanColumns.map((c) => c.label),
    ]) {
      const heads = run.map((h) => normLabel(h));
      runs.set(heads.join('|'), heads);
    }
  }
  headRuns = [...runs.values()];
  return headRuns;
}

/**
 * Text that is two or more column heads side by side run together, whole and in their order
 * (「商业企业科研机构」: 表三's 商业企业 and 科研机构; 「结果维持结果纠正」): the heads, as printed. Only
 * where every way of reading it so cuts it at the same places; a head on its own (「其他结果」) or
 * anything else: undefined.
 */
function splitHeads(text: string): string[] | undefined {
  const t = unifyRadicals(text);
  // (positions are shares of the printed text: only text the normalising leaves as it is)
  if (normLabel(t) !== t || t.length < 4) return undefined;
  let cut: number[] | undefined;
  for (const heads of columnHeadRuns()) {
    if (heads.includes(t)) return undefined;
    for (let i = 0; i < heads.length; i++) {
      let at = 0;
      const ends: number[] = [];
      for (let j = i; j < heads.length && t.startsWith(heads[j]!, at); j++) {
        at += heads[j]!.length;
        ends.push(at);
        if (at === t.length) break;
      }
      if (at !== t.length || ends.length < 2) continue;
      if (cut && cut.join() !== ends.join()) return undefined;
      cut = ends;
    }
  }
  if (!cut) return undefined;
  return cut.map((end, k) => text.slice(k === 0 ? 0 : cut[k - 1], end));
}

/**
 * The header columns of the last run of rows placed under them: the same table's rows further down
 * the page, after more lines of row labels than a run goes on over (rows printed blank in every
 * column leave their labels only: 表三's 「2.其他法律行政法规禁止公开」 … 「4.保护第三方合法权益」, each
 * wrapped over two lines), are placed under them too.
 */
interface HeaderCarry {
  /** The tables placed under their header, in order: the last one's runs go on under it. */
  tables: HeaderTable[];
}

/** Rows of a table placed under the columns of its header (one or more runs of rows, one page). */
interface HeaderTable {
  page: number;
  cols: HeaderColumn[];
  /** The table's first row under its header (lines of row labels above its first number too). */
  start: number;
  /** The row after its last run's last. */
  end: number;
  /** The left edge of its numbers: text left of it is row labels. */
  numLeft: number;
}

/**
 * Rows with numbers where the rows themselves cannot tell the columns (2019's 表二: tables of one
 * or two rows, each with a blank; 表四: one row under a header of three lines; 表三 with columns
 * blank in every row, so that no row prints all seven): each number is
 * placed under the header cell it is printed beneath, and the columns with nothing printed become
 * empty (blank) cells. Only when every number of every row of the run sits under a header cell
 * of its own, in order; otherwise the rows are left as they are. Returns the rows of the runs so
 * placed (a run's rows with every column printed are left as printed, and handled too). A run
 * without header lines right above it, whose lines up to the last run placed under a header
 * (`carry`) on the same page are row labels only (no text across the columns: a title, a
 * paragraph, another table's header), is the same table's: its numbers go under that header.
 */
function byHeader(
  rows: VCell[][],
  out: Aligned[],
  i: number,
  j: number,
  carry: HeaderCarry = { tables: [] },
): Set<number> {
  const handled = new Set<number>();
  let r = i;
  while (r < j) {
    const count = (row: VCell[]) => row.filter((c) => c.numeric).length;
    if (count(rows[r]!) === 0) {
      r++;
      continue;
    }
    // a run of rows with numbers, and the lines of row labels wrapped between them
    let e = r + 1;
    let numLeft = Math.min(...rows[r]!.filter((c) => c.numeric).map((c) => c.x));
    while (e < j) {
      const row = rows[e]!;
      if (count(row) > 0) numLeft = Math.min(numLeft, ...row.filter((c) => c.numeric).map((c) => c.x));
      else if (!row.every((c) => c.xEnd <= numLeft + 2)) break;
      e++;
    }
    // text after the last row with numbers is what follows the table (the next table's title), not
    // a wrapped label of this one
    while (e > r + 1 && count(rows[e - 1]!) === 0) e--;
    // the row labels' right edge: header cells over them name the label column
    let labelRight = Number.NEGATIVE_INFINITY;
    for (let q = r; q < e; q++)
      for (const c of rows[q]!) if (!c.numeric && c.x < numLeft) labelRight = Math.max(labelRight, c.xEnd);
    let cols = headerColumns(rows, r, labelRight, numLeft);
    const page = rows[r]![0]!.page;
    const last = carry.tables[carry.tables.length - 1];
    let carried = false;
    if (cols.length < 2 && last && last.page === page && last.end <= r) {
      // only row labels since the table's last run (no title, paragraph or header across the
      // columns), and the numbers no further left than its first column
      let between = numLeft >= last.cols[0]!.lo - 2;
      for (let q = last.end; q < r && between; q++)
        between = rows[q]!.every((c) => !c.numeric && c.page === page && c.xEnd <= last.numLeft + 2);
      if (between) {
        cols = last.cols;
        carried = true;
      }
    }
    const placed = new Map<number, (VCell | undefined)[]>();
    let ok = cols.length >= 2;
    for (let q = r; q < e && ok; q++) {
      const nums = rows[q]!.filter((c) => c.numeric);
      if (nums.length === 0) continue;
      if (nums.length > cols.length) {
        ok = false;
        break;
      }
      const slots: (VCell | undefined)[] = new Array(cols.length).fill(undefined);
      let last = -1;
      for (const n of nums) {
        const m = mid(n);
        const at = cols.findIndex((c) => m >= c.lo - 2 && m <= c.hi + 2);
        if (at <= last || cols.some((c, x) => x !== at && m >= c.lo - 2 && m <= c.hi + 2)) {
          ok = false;
          break;
        }
        slots[at] = n;
        last = at;
      }
      if (ok && nums.length < cols.length) placed.set(q, slots);
    }
    if (ok) for (let q = r; q < e; q++) handled.add(q);
    if (ok && carried) {
      last!.end = e;
      last!.numLeft = Math.min(last!.numLeft, numLeft);
    } else if (ok) {
      // lines of row labels right under the header, above the first number: the table's too
      let start = r;
      while (
        start > 0 &&
        r - start < MAX_LABEL_LINES &&
        rows[start - 1]!.length > 0 &&
        rows[start - 1]!.every((c) => !c.numeric && c.page === page && c.xEnd <= numLeft + 2)
      )
        start--;
      carry.tables.push({ page, cols, start, end: e, numLeft });
    }
    if (ok)
      for (const [q, slots] of placed) {
        const row = rows[q]!;
        const cells: VCell[] = row.filter((c) => !c.numeric);
        slots.forEach((s, c) => {
          const x = (cols[c]!.lo + cols[c]!.hi) / 2;
          cells.push(s ?? { text: '', x, xEnd: x, y: row[0]!.y, page: row[0]!.page, numeric: true });
        });
        out[q] = { cells, explicit: true, placed: true };
      }
    r = e;
  }
  return handled;
}

function mid(c: VCell): number {
  return (c.x + c.xEnd) / 2;
}

/** Digits grouped by thousands up to a group cut short (「36,257,43」「3,580,」): a number's first line. */
const BROKEN_HEAD = /^\d{1,3}(?:,\d{3})*,\d{0,2}$/;
/** Digits grouped right (「36,257,434」). */
const GROUPED_NUM = /^\d{1,3}(?:,\d{3})+$/;
/** A number's first line, whole or cut short. */
const HEAD = /^\d{1,3}(?:,\d{3})*(?:,\d{0,2})?$|^\d{1,3}$/;
/** What may follow a number's first line in its cell: more digits and separators. */
const TAIL = /^[\d,]+$/;

const numText = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').replaceAll('，', ',');

/**
 * Numbers wrapped in a narrow column (「36,257,43」 on one line, 「4」 under it in the same cell):
 * joined into one cell (36,257,434) where the first piece's grouping is cut short (or the next
 * piece starts with a separator: 「10,000」 over 「,000」) and the pieces together are grouped right, each next piece sits right under it (its column overlaps, on the
 * next line of text: at most twice the text's height below) and on a line that is no row of its
 * own (no row label starting there, no number there but such pieces). The joined number goes on
 * the row line between the pieces (a cell centred in a row two lines high: the row's other
 * numbers are printed between them), else on the first piece's line. Rows left empty are dropped.
 * Anything else is left as printed (the table reader then does not read the pieces as numbers).
 */
function joinWrapped(rows: VCell[][], lines: VLine[]): { rows: VCell[][]; lines: VLine[] } {
  type Join = { a: VCell; ra: number; parts: { cell: VCell; row: number }[]; text: string };
  const joins: Join[] = [];
  // (a row label running on into the first number column, 「…其政府信息公开申请」 wider than its
  // cell, is no line of that column's cell)
  const overlaps = (a: VCell, b: VCell) =>
    b.x < a.xEnd + 2 && a.x < b.xEnd + 2 && (b.numeric || b.x >= a.x - 2 * (lines[0]?.h ?? 10));
  const used = new Set<VCell>();
  for (let ra = 0; ra < rows.length; ra++)
    for (const a of rows[ra]!) {
      // (a piece of a number above is no number's first line)
      if (used.has(a) || !HEAD.test(numText(a.text))) continue;
      let text = numText(a.text);
      let at = ra;
      const parts: Join['parts'] = [];
      // a number whose next piece starts with a separator (「10,000」 over 「,000」) is not done either
      for (;;) {
        const h = Math.max(lines[at]!.h, 1);
        let q = at + 1;
        // the first line below with anything in this column
        while (q < rows.length && lines[q]!.page === a.page && !rows[q]!.some((c) => overlaps(a, c))) q++;
        if (q >= rows.length || lines[q]!.page !== a.page) break;
        const under = rows[q]!.filter((c) => overlaps(a, c));
        const dy = lines[at]!.y - lines[q]!.y;
        const b = under[0]!;
        if (under.length !== 1 || dy <= 0 || dy > 2 * h || !TAIL.test(numText(b.text))) break;
        if (!BROKEN_HEAD.test(text) && !numText(b.text).startsWith(',')) break;
        const next = text + numText(b.text);
        if (!GROUPED_NUM.test(next) && !BROKEN_HEAD.test(next)) break;
        parts.push({ cell: b, row: q });
        text = next;
        at = q;
      }
      if (parts.length > 0 && GROUPED_NUM.test(text)) {
        joins.push({ a, ra, parts, text });
        for (const p of parts) used.add(p.cell);
      }
    }
  // the line of a number's last piece is no row of its own: no row label starting on it, no number
  // there but such pieces (a piece between the first and the last is in the same cell, whatever
  // else that line holds: the row's own numbers and label, beside a cell of three lines)
  // — unless the first piece's line holds no number but first pieces: cells set at the bottom of a
  // row several lines high print their numbers' first lines above the row's own line (its label,
  // its numbers of one line, and the last pieces); a label wrapped over both lines goes on with no
  // new row's label (「内部事务信息」 under 「5.属于三类」, not 「（一）…」 nor a whole row label)
  const pieceOf = new Set(joins.flatMap((j) => j.parts.map((p) => p.cell)));
  const firsts = new Set(joins.map((j) => j.a));
  const only = (r: number, text: boolean) =>
    rows[r]!.every((c) => firsts.has(c) || pieceOf.has(c) || (text && !c.numeric));
  const startsRow = (c: VCell) =>
    !c.numeric && (ENUM_START.test(unifyRadicals(c.text)) || startsRowLabel(c.text));
  const onRowLine = new Set<Join>();
  const ok = joins.filter((j) => {
    const row = rows[j.parts[j.parts.length - 1]!.row]!;
    if (row.some((c) => BROKEN_HEAD.test(numText(c.text)) && !pieceOf.has(c) && !firsts.has(c))) return false;
    if (!row.some((c) => (c.numeric && !pieceOf.has(c)) || ENUM_START.test(unifyRadicals(c.text))))
      return true;
    if (!only(j.ra, !row.some(startsRow))) return false;
    if (row.some((c) => c.numeric && !pieceOf.has(c))) onRowLine.add(j);
    else if (only(j.ra, false)) onRowLine.add(j);
    return true;
  });
  if (ok.length === 0) return { rows, lines };
  const out = rows.map((r) => r.slice());
  const taken = new Set<VCell>();
  for (const j of ok) {
    taken.add(j.a);
    for (const p of j.parts) taken.add(p.cell);
  }
  const targets = new Map<Join, number>();
  for (const j of ok) {
    const last = j.parts[j.parts.length - 1]!.row;
    // the row's line: one between the pieces with the row's own numbers on it (a cell centred in a
    // row two lines high), nearest the middle; else the first piece's when it holds more of the row
    // than such pieces (its label, other numbers: cells set at the top), else the line between
    // nearest the middle (the row's label there, every number of the row wrapped)
    const midY = (lines[j.ra]!.y + lines[last]!.y) / 2;
    const between: number[] = [];
    for (let r = j.ra + 1; r < last; r++) if (lines[r]!.page === j.a.page) between.push(r);
    const nearest = (rs: number[]) =>
      rs.reduce((b, r) => (Math.abs(lines[r]!.y - midY) < Math.abs(lines[b]!.y - midY) ? r : b));
    const withNums = between.filter((r) => rows[r]!.some((c) => c.numeric && !taken.has(c)));
    const target = onRowLine.has(j)
      ? last
      : withNums.length > 0
        ? nearest(withNums)
        : rows[j.ra]!.some((c) => !taken.has(c)) || between.length === 0
          ? j.ra
          : nearest(between);
    targets.set(j, target);
  }
  // the numbers of one row on one line: a number of fewer lines than its neighbours (「687,」「355」
  // beside 「2,90」「3,16」「4」, centred) goes to the line of the row's other numbers — those whose
  // lines overlap its own (cells of one row)
  const numbersOn = (r: number) =>
    rows[r]!.filter((c) => c.numeric && !taken.has(c)).length +
    [...targets.values()].filter((t) => t === r).length;
  const lastOf = (j: Join) => j.parts[j.parts.length - 1]!.row;
  const rowOf = new Map<Join, Join[]>(ok.map((j) => [j, [j]]));
  for (const j of ok)
    for (const k of ok) {
      if (k === j || k.a.page !== j.a.page || k.ra > lastOf(j) || lastOf(k) < j.ra) continue;
      const a = rowOf.get(j)!;
      const b = rowOf.get(k)!;
      if (a === b) continue;
      a.push(...b);
      for (const m of b) rowOf.set(m, a);
    }
  // (the line with the most of the row's numbers; of equals the first)
  const lineOf = new Map<Join[], number>();
  for (const group of new Set(rowOf.values())) {
    const ts = [...new Set(group.map((j) => targets.get(j)!))].sort((a, b) => a - b);
    lineOf.set(
      group,
      ts.reduce((b, t) => (numbersOn(t) > numbersOn(b) ? t : b)),
    );
  }
  for (const j of ok) {
    const own = targets.get(j)!;
    if (!rows[own]!.some((c) => c.numeric && !taken.has(c))) targets.set(j, lineOf.get(rowOf.get(j)!)!);
  }
  for (const j of ok) {
    const target = targets.get(j)!;
    const cells = [j.a, ...j.parts.map((p) => p.cell)];
    const joined: VCell = {
      text: j.text,
      x: Math.min(...cells.map((c) => c.x)),
      xEnd: Math.max(...cells.map((c) => c.xEnd)),
      y: lines[target]!.y,
      page: j.a.page,
      numeric: true,
      wrapped: cells.map((c) => c.text),
    };
    out[j.ra] = out[j.ra]!.filter((c) => c !== j.a);
    for (const p of j.parts) out[p.row] = out[p.row]!.filter((c) => c !== p.cell);
    out[target] = [...out[target]!, joined].sort((a, b) => a.x - b.x);
  }
  const keep = out.map((r, i) => r.length > 0 || rows[i]!.length === 0);
  return { rows: out.filter((_, i) => keep[i]), lines: lines.filter((_, i) => keep[i]) };
}

/** Numbers grouped by thousands, several in one text item with spaces between (「7,970,826 9,754,946」). */
const GROUPED_RUN = /^\d{1,3}(?:,\d{3})*(?: +\d{1,3}(?:,\d{3})*)+$/;

/**
 * A text item holding the numbers of neighbouring cells (a PDF printer writes columns so narrow
 * their numbers nearly touch as one run: 「7,970,826 9,754,946 8,441,144」): one item per number, at
 * its share of the width. Only numbers grouped right with a separator among them — spaced digits
 * (「6 4」) are left for the table reader to weigh.
 */
function splitNumberRuns(items: Item[]): Item[] {
  return items.flatMap((it) => {
    const t = it.str.trim();
    if (!GROUPED_RUN.test(t) || !t.includes(',')) return [it];
    const per = it.w / it.str.length;
    const out: Item[] = [];
    for (const m of it.str.matchAll(/\S+/g))
      out.push({ ...it, str: m[0], x: it.x + m.index * per, w: m[0].length * per });
    return out;
  });
}

/** The row labels of the tables of every edition (normalised, with their aliases). */
let rowLabels: string[] | undefined;
function knownRowLabels(): string[] {
  if (rowLabels) return rowLabels;
  const out = new Set<string>(['行政复议', '行政诉讼', '未经复议直接起诉', '复议后起诉'].map(normLabel));
  for (const e of EDITION_IDS) {
    const L = editionLabels(e);
    for (const r of [...L.t2.flatMap((b) => b.rows), ...L.t3]) for (const v of r.v.variants) out.add(v.text);
  }
  rowLabels = [...out];
  return rowLabels;
}

/** Text that starts a row label (its first line, or the whole of it). */
function startsRowLabel(text: string): boolean {
  const n = normLabel(text);
  // (three characters at least: 「申请」 ends labels as often as it starts one)
  return n.length >= 3 && knownRowLabels().some((l) => l.startsWith(n));
}

/** Text that is a row label, a line of one wrapped in its cell, or ends with one (group label before it). */
function labelLike(text: string): boolean {
  const n = normLabel(text);
  if (n.length < 2) return false;
  return knownRowLabels().some((l) => l.includes(n) || n.endsWith(l));
}

/** A text item's text and a number after it (「（一）予以公开12」, 「…数量108,」: a number's first line). */
const GLUED = /^(.*[^\d,.\s])\s*(\d{1,3}(?:,\d{3})*(?:,\d{0,2})?|\d+)$/su;

/** Estimated width of text in a font `h` high: CJK characters as wide as high, others half. */
const textWidth = (t: string, h: number) =>
  [...t].reduce((w, ch) => w + (/[\u2e80-\uffef]/u.test(ch) ? h : h / 2), 0);

/**
 * A row label and its first number given as one text item (a PDF printer writes a run of text it
 * does not break at the cell's edge: 「（一）予以公开12」, or a wrapped label's last line with the
 * number beside it, 「不计其他情形）12」): two items, the number at the item's right end, where it is
 * printed. Only where the text is a known row label (or a line of one) and the number sits in a
 * column of numbers printed on other lines of the page; other text ending in digits is left whole.
 */
function splitGlued(items: Item[]): Item[] {
  const numeric = items.filter((it) => /^[\d,，.\s]+$/.test(it.str) && /\d/.test(it.str));
  if (numeric.length === 0) return items;
  // each label run together with a number: where the number would be (at the item's right end)
  const glued = new Map<Item, { text: string; num: Item }>();
  for (const it of items) {
    const m = GLUED.exec(it.str.trimEnd());
    if (!m || !/[\u4e00-\u9fff]/u.test(m[1]!) || !labelLike(m[1]!)) continue;
    const numW = Math.min(textWidth(m[2]!, it.h || 10), it.w / 2);
    glued.set(it, { text: m[1]!, num: { ...it, str: m[2]!, x: it.x + it.w - numW, w: numW } });
  }
  const numbers = [...numeric, ...[...glued.values()].map((g) => g.num)];
  const split = items.flatMap((it) => {
    const g = glued.get(it);
    if (!g) return [it];
    const h = it.h || 10;
    const { x, w } = g.num;
    // in a column of numbers: one printed on another line (or run together with its label
    // there too) overlaps where this one is
    const inColumn = numbers.some(
      (n) => Math.abs(n.y - it.y) > 0.5 * h && n.x < x + w + 2 && x - 2 < n.x + n.w,
    );
    if (!inColumn) return [it];
    const labelW = Math.min(textWidth(g.text, h), x - it.x - 0.6 * h);
    if (labelW <= 0) return [it];
    return [{ ...it, str: g.text, w: labelW }, g.num];
  });
  // a label filling its cell up to the number beside it (less than the gap between cells): its
  // own cell still, where the number is in a column of numbers
  const numericNow = split.filter((it) => /^[\d,，.\s]+$/.test(it.str) && /\d/.test(it.str));
  return split.map((it) => {
    if (numericNow.includes(it) || !/[\u4e00-\u9fff]/u.test(it.str)) return it;
    const h = it.h || 10;
    const end = it.x + it.w;
    const next = numericNow.find(
      (n) => Math.abs(n.y - it.y) <= 0.45 * h && n.x > it.x + h && n.x - end < 0.6 * h,
    );
    if (!next || !labelLike(it.str)) return it;
    const inColumn = numericNow.some(
      (n) => Math.abs(n.y - it.y) > 0.5 * h && n.x < next.x + next.w + 2 && next.x - 2 < n.x + n.w,
    );
    return inColumn ? { ...it, w: next.x - 0.61 * h - it.x } : it;
  });
}

const HAN = /\p{Script=Han}/u;

/** The cells of a page's first lines (what the table on the page before may go on with). */
function pageTop(items: Item[]): VCell[][] {
  return toLines(items).slice(0, 8).map(toCells);
}

/** One page's text items → lines of cells (rows by baseline, cells by gaps, wrapped labels, columns). */
export function layoutItems(items: Item[], firstLine = 1, nextPage?: Item[]): SrcLine[] {
  const visual = toLines(splitNumberRuns(splitGlued(items)));
  const joined = joinWrapped(visual.map(toCells), visual);
  const vlines = joined.lines;
  const rows = mergeWrapped(joined.rows, vlines);
  const lines: SrcLine[] = [];
  const next = nextPage && (() => pageTop(nextPage));
  for (const { cells, explicit, placed } of alignColumns(rows, next)) {
    if (cells.length === 0) continue;
    const lineNo = firstLine + lines.length;
    const src: SrcCell[] = cells.map((c) => ({
      text: c.text,
      where: { page: c.page, x: Math.round(c.x * 10) / 10, y: Math.round(c.y * 10) / 10, line: lineNo },
      ...(c.wrapped ? { wrapped: c.wrapped } : {}),
    }));
    lines.push({ cells: src, explicit, ...(placed ? { placedColumns: true } : {}) });
  }
  return lines;
}

/**
 * The extraction itself runs in a worker thread: a PDF that sends pdf.js into a long or endless
 * computation is stopped by terminating the worker (a timer in the same thread could not fire).
 */
const WORKER_CODE = `
const { parentPort, workerData } = require('node:worker_threads');
// pdf.js rejects some promises of a damaged file nobody waits on (FormatError: Illegal character):
// they must not end the thread, the request's own promise says what went wrong
process.on('unhandledRejection', () => undefined);
let pdfjs;
parentPort.on('message', async (msg) => {
  let task;
  try {
    pdfjs ??= await import(workerData.pdfjsUrl);
    task = pdfjs.getDocument({
      data: new Uint8Array(msg.buffer),
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      stopAtErrors: false,
      verbosity: 0,
      ...(workerData.cMapUrl ? { cMapUrl: workerData.cMapUrl, standardFontDataUrl: workerData.standardFontDataUrl } : {}),
    });
    const doc = await task.promise;
    const maxPages = Math.min(doc.numPages, msg.maxPages);
    const pages = [];
    for (let p = 1; p <= maxPages; p++) {
      const page = await doc.getPage(p);
      const tc = await page.getTextContent();
      const items = [];
      for (const raw of tc.items) {
        if (!('str' in raw)) continue;
        const str = raw.str;
        if (!str || str.trim() === '') continue;
        const tr = raw.transform;
        items.push({ str, x: tr[4] ?? 0, y: tr[5] ?? 0, w: raw.width, h: raw.height || Math.abs(tr[3] ?? 0) || 10, page: p });
      }
      pages.push(items);
      page.cleanup();
    }
    parentPort.postMessage({ id: msg.id, ok: true, numPages: doc.numPages, pages });
  } catch (e) {
    parentPort.postMessage({ id: msg.id, ok: false, name: e && e.name ? String(e.name) : '', message: String((e && e.message) || e) });
  } finally {
    if (task) await task.destroy().catch(() => undefined);
  }
});
`;

interface Extracted {
  numPages: number;
  pages: Item[][];
}

type Pending = { resolve: (x: Extracted) => void; reject: (e: unknown) => void; timer: NodeJS.Timeout };

/** One worker thread and the requests it is working on. */
interface PdfWorker {
  w: Worker;
  pending: Map<number, Pending>;
}

let current: PdfWorker | undefined;
let nextId = 1;

function pdfjsUrl(): string {
  const require = createRequire(import.meta.url);
  return pathToFileURL(require.resolve('pdfjs-dist/legacy/build/pdf.mjs')).href;
}

function getWorker(): PdfWorker {
  if (current) return current;
  const w = new Worker(WORKER_CODE, { eval: true, workerData: { pdfjsUrl: pdfjsUrl(), ...assetDirs() } });
  const state: PdfWorker = { w, pending: new Map() };
  w.on(
    'message',
    (m: {
      id: number;
      ok: boolean;
      numPages?: number;
      pages?: Item[][];
      name?: string;
      message?: string;
    }) => {
      const p = state.pending.get(m.id);
      if (!p) return;
      state.pending.delete(m.id);
      clearTimeout(p.timer);
      if (state.pending.size === 0) w.unref();
      if (m.ok) p.resolve({ numPages: m.numPages ?? 0, pages: m.pages ?? [] });
      else if (m.name === 'PasswordException')
        p.reject(
          new NianbaoError(
            'INGEST_PDF_ENCRYPTED',
            'PDF 文件有密码保护，无法读取：请用 PDF 阅读器输入密码打开，另存或打印为不加密的 PDF 后再导入，或改用 Word 文件导入',
          ),
        );
      else if (/\bempty\b/i.test(m.message ?? '')) p.reject(emptyFile());
      else
        p.reject(
          new NianbaoError(
            'INGEST_PDF_INVALID',
            'PDF 文件已损坏或不是有效的 PDF（文件结构无法解析）：请用原文件重新导出 PDF，或改用 Word 文件导入',
            { cause: m.message ?? '' },
          ),
        );
    },
  );
  const failAll = (e: unknown) => {
    if (current === state) current = undefined;
    for (const [id, p] of state.pending) {
      clearTimeout(p.timer);
      p.reject(
        e instanceof NianbaoError
          ? e
          : new NianbaoError(
              'INGEST_PDF_INVALID',
              'PDF 读取线程出错，文件没有读取：文件可能已损坏，请用原文件重新导出 PDF，或改用 Word 文件导入',
              { cause: e instanceof Error ? e.message : String(e) },
            ),
      );
      state.pending.delete(id);
    }
  };
  w.on('error', failAll);
  w.on('exit', () =>
    failAll(
      new NianbaoError(
        'INGEST_PDF_INVALID',
        'PDF 读取线程意外退出，文件没有读取：文件可能已损坏，请用原文件重新导出 PDF，或改用 Word 文件导入',
      ),
    ),
  );
  w.unref();
  current = state;
  return state;
}

/** Text items of every page, read by pdf.js in a worker thread with a hard time limit. */
export function extractItems(
  bytes: Uint8Array,
  opts: IngestOptions = {},
  timeoutMs = 60000,
): Promise<Extracted> {
  return new Promise<Extracted>((resolve, reject) => {
    const state = getWorker();
    const id = nextId++;
    // Our own copy, transferred to the worker. Uint8Array's slice, not the input's own: a Node Buffer's
    // slice is a view of the caller's memory, and transferring it emptied the caller's Buffer.
    const copy = Uint8Array.prototype.slice.call(bytes);
    const timer = setTimeout(() => {
      state.pending.delete(id);
      reject(new NianbaoError('INGEST_PDF_TIMEOUT', `PDF 读取超时（超过 ${timeoutMs / 1000} 秒），已中止`));
      // the worker may be stuck: stop it; requests still in it fail with a clear error
      if (current === state) current = undefined;
      void state.w.terminate();
    }, timeoutMs);
    state.pending.set(id, { resolve, reject, timer });
    state.w.ref();
    state.w.postMessage({ id, buffer: copy.buffer, maxPages: opts.maxPages ?? 200 }, [copy.buffer]);
  });
}

/** PDF → lines of cells rebuilt from the text items' coordinates (not their order in the file). */
export async function pdfToSource(bytes: Uint8Array, opts: IngestOptions = {}): Promise<SourceDoc> {
  if (bytes.length === 0) throw emptyFile();
  let extracted: Extracted;
  try {
    extracted = await extractItems(bytes, opts);
  } catch (e) {
    throw e instanceof NianbaoError && e.code === 'INGEST_PDF_INVALID' ? explainInvalid(bytes, e) : e;
  }
  const { numPages, pages } = extracted;
  const lines: SrcLine[] = [];
  let textItems = 0;
  for (const [p, items] of pages.entries()) {
    textItems += items.length;
    lines.push(...layoutItems(items, lines.length + 1, pages[p + 1]));
  }
  if (textItems === 0)
    throw new NianbaoError(
      'INGEST_PDF_NO_TEXT',
      'PDF 中没有可提取的文字（可能是扫描件或图片），无法读取表格',
      {
        pages: numPages,
      },
    );
  return pages.length < numPages ? { lines, pages: { read: pages.length, total: numPages } } : { lines };
}

const latin1 = (b: Uint8Array) => new TextDecoder('latin1').decode(b);

/**
 * What pdf.js could not parse, said for what it is: no PDF at all (no 「%PDF-」 near the start: a
 * web page or another file named .pdf), a PDF cut off (no 「%%EOF」 at its end: a download that did
 * not finish), or one damaged inside. pdf.js's own words stay in `details.cause`.
 */
export function explainInvalid(bytes: Uint8Array, e: NianbaoError): NianbaoError {
  const cause = (e.details as { cause?: unknown } | undefined)?.cause;
  const details = typeof cause === 'string' && cause !== '' ? { cause } : {};
  if (!latin1(bytes.subarray(0, 1024)).includes('%PDF-'))
    return new NianbaoError(
      'INGEST_PDF_INVALID',
      `这个文件不是 PDF（开头没有 PDF 文件的标记「%PDF-」${htmlStart(bytes) ? '，是一个网页' : ''}）：请确认选对了文件；网页请在浏览器中另存为网页后导入，其他文件请另存为 PDF 或 Word 文件`,
      { ...details, reason: 'NOT_PDF' },
    );
  if (!latin1(bytes.subarray(Math.max(0, bytes.length - 2048))).includes('%%EOF'))
    return new NianbaoError(
      'INGEST_PDF_INVALID',
      'PDF 文件不完整（末尾缺少 PDF 的结束标记，可能没有下载完或复制时被截断），无法读取：请重新下载或用原文件重新导出 PDF 后再导入',
      { ...details, reason: 'TRUNCATED' },
    );
  return new NianbaoError(
    'INGEST_PDF_INVALID',
    'PDF 文件已损坏（文件结构无法解析）：请用原文件重新导出 PDF，或改用 Word 文件导入',
    { ...details, reason: 'DAMAGED' },
  );
}

function htmlStart(bytes: Uint8Array): boolean {
  return /^\s*(?:\uFEFF)?<(?:!doctype\s+html|html|head|body)\b/i.test(
    new TextDecoder().decode(bytes.subarray(0, 512)),
  );
}
