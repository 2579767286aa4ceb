import { parseCellText } from './cell-input.js';
import { derive } from './derive.js';
import {
  type CellId,
  type ColumnDef,
  cellDef,
  EDITION_IDS,
  type EditionId,
  getEdition,
  normalizeLabel,
  type RowDef,
  TABLE_KEYS,
  TABLE_SHORT,
  type TableKey,
} from './editions/index.js';
import { editionName, NianbaoError, type Report, setCell, zh } from './model.js';

// A block pasted from a spreadsheet (Excel, WPS) or copied from a PDF or a Word page, read the same
// way by the web form and the terminal editor: split into a grid of cell texts (tabs and lines; a
// line of numbers separated by spaces cell by cell), placed on the table's cells — from the cursor
// as the block lies, or, when its first column(s) are row labels, each line on the row its label
// names — and every cell text read as typed (parseCellText). The table is the official layout (the
// grid every format prints): 表二 row by row within its blocks, 表三 its data rows, 表四 one row of
// fifteen numbers (行政复议, 未经复议直接起诉, 复议后起诉; five columns each).

/** The value cells of one table, row by row, in printed order. */
export interface PasteTable {
  readonly table: TableKey;
  readonly rows: readonly (readonly CellId[])[];
}

/** An edition's three tables as a pasted block is placed on them. */
export interface PasteLayout {
  readonly edition: EditionId;
  readonly tables: readonly PasteTable[];
  /** Every cell's place: table index, row, column (within the value cells of its row). */
  readonly pos: ReadonlyMap<CellId, { readonly t: number; readonly r: number; readonly c: number }>;
}

const layouts = new Map<EditionId, PasteLayout>();

/** The value cells of the edition's tables as the official layout prints them (the web form's grid). */
export function pasteLayout(edition: EditionId): PasteLayout {
  const hit = layouts.get(edition);
  if (hit) return hit;
  const e = getEdition(edition);
  const rowsOf = (table: TableKey): CellId[][] => {
    if (table === 'activeDisclosure')
      return e.tables.activeDisclosure.blocks.flatMap((b) =>
        b.rows.map((r) => b.columns.map((c) => `activeDisclosure.${r.key}.${c.key}`)),
      );
    if (table === 'applications') {
      const t = e.tables.applications;
      return t.dataRows.map((r) => t.columns.map((c) => `applications.${r.key}.${c.key}`));
    }
    const t = e.tables.reviewLitigation;
    const keys = t.columnGroups.flatMap((g) => (g.children?.length ? g.children.map((c) => c.key) : [g.key]));
    return [keys.flatMap((k) => t.columns.map((c) => `reviewLitigation.${k}.${c.key}`))];
  };
  const pos = new Map<CellId, { t: number; r: number; c: number }>();
  const tables = TABLE_KEYS.map((table, t): PasteTable => {
    const rows = rowsOf(table);
    rows.forEach((ids, r) => {
      ids.forEach((id, c) => {
        pos.set(id, { t, r, c });
      });
    });
    return { table, rows };
  });
  const out: PasteLayout = { edition, tables, pos };
  layouts.set(edition, out);
  return out;
}

// ---------------------------------------------------------------------------------------------
// The text as a grid of cell texts

/**
 * A block copied from Excel or WPS: rows separated by newlines, cells by tabs; a cell with a tab,
 * newline or quote comes quoted ("…", quotes doubled). The trailing newline Excel adds is dropped.
 */
export function parseTsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  let atCellStart = true;
  const s = text.replace(/\r\n?/g, '\n');
  while (i < s.length) {
    const ch = s[i]!;
    if (atCellStart && ch === '"') {
      // Quoted cell.
      let j = i + 1;
      let quoted = '';
      let closed = false;
      while (j < s.length) {
        if (s[j] === '"') {
          if (s[j + 1] === '"') {
            quoted += '"';
            j += 2;
            continue;
          }
          closed = true;
          j++;
          break;
        }
        quoted += s[j];
        j++;
      }
      if (closed && (j >= s.length || s[j] === '\t' || s[j] === '\n')) {
        cell = quoted;
        i = j;
        atCellStart = false;
        continue;
      }
    }
    atCellStart = false;
    if (ch === '\t') {
      row.push(cell);
      cell = '';
      atCellStart = true;
    } else if (ch === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      atCellStart = true;
    } else {
      cell += ch;
    }
    i++;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** Spaces of every kind a copy may carry between numbers. */
const SPACES = /[ \u00a0\u2009\u202f\u3000]+/;
const TYPES = ['count', 'signedCount', 'money'] as const;
/** A text core reads as one value (or a blank) of some cell. */
const oneValue = (t: string) => TYPES.some((type) => parseCellText(t, type, null).kind !== 'error');

/** A pasted text as a grid of cell texts, and how many lines were split at their spaces. */
export interface PastedGrid {
  readonly block: string[][];
  /** Lines without tabs split at their spaces (「4 2 0 0 0 0 6」): how many, and the values they gave. */
  readonly split: { readonly lines: number; readonly values: number };
}

/**
 * The pasted text as rows of cell texts: tab-separated rows (parseTsv); and a block without tabs
 * whose lines are values separated by spaces — a row copied from a PDF or a Word page as plain text
 * (「4 2 0 0 0 0 6」) — split at the spaces, each value into its own cell as a tab-separated row is;
 * never joined into one number (4200006). A line that reads as one value stays one (「12 345」,
 * thousands in groups of three, said as read; 「15 件」); so does one with text among its values
 * (「约 5 件」: refused whole). Text before the values is the row's label (「二、上年结转 4 2 0」), matched
 * to a row as a label column is.
 */
export function splitPastedText(text: string): PastedGrid {
  const block = parseTsv(text);
  const split = { lines: 0, values: 0 };
  if (block.some((row) => row.length > 1)) return { block, split };
  const out = block.map((row) => {
    const t = (row[0] ?? '').trim();
    const pieces = t.split(SPACES);
    if (pieces.length < 2 || oneValue(t)) return row;
    // 「1.」「2、」 followed by words is a label's numbering (「1. 属于国家秘密」), not a value
    const numbering = (k: number) =>
      /^\d+[.．、]$/.test(pieces[k]!) && k + 1 < pieces.length && !oneValue(pieces[k + 1]!);
    const first = pieces.findIndex((p, k) => oneValue(p) && !numbering(k));
    if (first < 0 || !pieces.slice(first).every(oneValue)) return row;
    split.lines++;
    split.values += pieces.length - first;
    return first > 0 ? [pieces.slice(0, first).join(' '), ...pieces.slice(first)] : pieces;
  });
  return { block: split.lines ? out : block, split };
}

// ---------------------------------------------------------------------------------------------
// Where the cell texts go

/** One cell text and the cell it goes to; row and col: where it was in the pasted block (0-based), for messages. */
export interface PasteTarget {
  readonly cell: CellId;
  readonly text: string;
  row: number;
  readonly col: number;
}

/** The cells a block of rows × columns lands on from a starting cell; values beyond the table are left out. */
export function blockTargets(
  layout: PasteLayout,
  start: CellId,
  block: readonly (readonly string[])[],
): { targets: PasteTarget[]; outside: number } {
  const p = layout.pos.get(start);
  if (!p) return { targets: [], outside: block.flat().length };
  const table = layout.tables[p.t]!;
  const targets: PasteTarget[] = [];
  let outside = 0;
  block.forEach((values, i) => {
    const row = table.rows[p.r + i];
    values.forEach((text, j) => {
      const cell = row?.[p.c + j];
      if (cell) targets.push({ cell, text, row: i, col: j });
      else if (text.trim() !== '') outside++;
    });
  });
  return { targets, outside };
}

// A block copied from Excel or WPS with its row labels (「一、本年新收政府信息公开申请数量⇥5⇥1…」):
// the labels say which row each line is, so each line goes to the row it names, whatever the cursor's
// row, the order of the lines or the rows left out; its numbers start at the row's first cell.

/**
 * A label as compared: normalizeLabel (widths, brackets, 「1．」「1、」, quotes, spaces) without its
 * numbering (「一、」「（一）」「1.」) anywhere — 「三、本年度办理结果（一）予以公开」 in one cell is the
 * path 本年度办理结果 › 予以公开 — nor the punctuation it may end with.
 */
export function pasteLabelKey(s: string): string {
  return normalizeLabel(s)
    .replace(/[一二三四五六七八九十]+[、.]|（[一二三四五六七八九十\d]+）|\d+\./g, '')
    .replace(/[：:。.、]+$/, '');
}

/** The same without a remark in brackets at its end: 「部分公开（区分处理的，只计这一情形…）」 → 部分公开. */
const withoutRemark = (key: string) => key.replace(/（[^（）]*）$/, '');

/** How a table's rows, groups and heads are named, as pasted labels are compared with them. */
export interface PasteTableLabels {
  /** Label keys (a row's own, or its groups' and its own joined) → the rows (index in the layout) they name. */
  readonly rows: ReadonlyMap<string, ReadonlySet<number>>;
  /** Keys of group rows (三、本年度办理结果, （三）不予公开): headings over rows, not rows. */
  readonly groups: ReadonlySet<string>;
  /** Keys of the column heads, captions and the corner note: a header line. */
  readonly heads: ReadonlySet<string>;
}

const labelCache = new Map<string, PasteTableLabels>();

function rowDefs(edition: EditionId, table: TableKey): readonly RowDef[] {
  const e = getEdition(edition);
  if (table === 'activeDisclosure') return e.tables.activeDisclosure.blocks.flatMap((b) => b.rows);
  if (table === 'applications') return e.tables.applications.rows;
  return []; // 表四 prints no row labels: one row, named by its column heads
}

/** The texts a table prints above and beside its numbers that are not row labels: captions, heads, the corner note. */
function headTexts(edition: EditionId, table: TableKey): string[] {
  const e = getEdition(edition);
  if (table === 'activeDisclosure') {
    const t = e.tables.activeDisclosure;
    return [t.rowHeaderLabel, ...t.blocks.flatMap((b) => [b.caption, ...b.columns.map((c) => c.label)])];
  }
  if (table === 'applications') {
    const t = e.tables.applications;
    return [t.cornerNote, ...t.columnGroups.map((g) => g.label), ...t.columns.map((c) => c.label)];
  }
  const t = e.tables.reviewLitigation;
  return [
    ...t.columnGroups.flatMap((g) => [g.label, ...(g.children ?? []).map((c) => c.label)]),
    ...t.columns.map((c) => c.label),
  ];
}

/** Every way an edition's table names its rows, from the edition data (labels, aliases, groups). */
export function pasteTableLabels(edition: EditionId, table: TableKey): PasteTableLabels {
  const hit = labelCache.get(`${edition}:${table}`);
  if (hit) return hit;
  const layout = pasteLayout(edition);
  const defs = rowDefs(edition, table);
  const byKey = new Map(defs.map((d) => [d.key, d]));
  const rows = new Map<string, Set<number>>();
  const add = (key: string, r: number) => {
    if (!key) return;
    const set = rows.get(key) ?? new Set<number>();
    set.add(r);
    rows.set(key, set);
  };
  layout.tables[TABLE_KEYS.indexOf(table)]!.rows.forEach((cells, r) => {
    const def = byKey.get(cells[0]!.split('.')[1]!);
    if (!def) return;
    const chain: RowDef[] = [];
    for (let d: RowDef | undefined = def; d; d = d.parent ? byKey.get(d.parent) : undefined) chain.unshift(d);
    // Each label of the path with its aliases, as keys with and without the remark in brackets.
    const names = chain.map((d) => {
      const all = [d.label, ...(d.aliases ?? [])].map(pasteLabelKey);
      return [...new Set([...all, ...all.map(withoutRemark)])].filter(Boolean);
    });
    // The row's own label, and every path ending with it (its groups, nearest first, joined).
    let suffixes = names.at(-1)!;
    for (const k of suffixes) add(k, r);
    for (let i = names.length - 2; i >= 0; i--) {
      suffixes = names[i]!.flatMap((g) => suffixes.map((s) => g + s));
      for (const k of suffixes) add(k, r);
    }
  });
  const groups = new Set<string>();
  for (const d of defs)
    if (d.kind === 'group')
      for (const l of [d.label, ...(d.aliases ?? [])]) {
        groups.add(pasteLabelKey(l));
        groups.add(withoutRemark(pasteLabelKey(l)));
      }
  const heads = new Set<string>();
  for (const text of headTexts(edition, table)) if (text.trim()) heads.add(pasteLabelKey(text));
  const out = { rows, groups, heads };
  labelCache.set(`${edition}:${table}`, out);
  return out;
}

type Kind = 'blank' | 'number' | 'text';

/** What a pasted cell holds: nothing (「」「—」「/」「无」), a number of some kind, or text. */
function kindOf(text: string): Kind {
  if (parseCellText(text, 'count').kind === 'blank') return 'blank';
  if (
    parseCellText(text, 'money', null).kind === 'value' ||
    parseCellText(text, 'signedCount').kind === 'value'
  )
    return 'number';
  return 'text';
}

/** Which row a line's labels (the non-blank cells left of its numbers) name, if exactly one. */
function resolve(
  labels: PasteTableLabels,
  pieces: readonly string[],
): { row: number } | 'group' | 'head' | 'ambiguous' | null {
  if (!pieces.length) return null;
  const keys = pieces.map(pasteLabelKey);
  // The last label alone (「1.属于国家秘密」), then the whole path (「（三）不予公开」 + 「1.属于国家秘密」),
  // each as printed, then without a remark in brackets.
  const tries = [keys.at(-1)!, keys.join('')];
  let ambiguous = false;
  for (const k of [...tries, ...tries.map(withoutRemark)]) {
    const hit = labels.rows.get(k);
    if (hit?.size === 1) return { row: [...hit][0]! };
    if (hit && hit.size > 1) ambiguous = true;
  }
  if (ambiguous) return 'ambiguous';
  if (keys.every((k) => labels.groups.has(k) || labels.groups.has(withoutRemark(k)))) return 'group';
  if (keys.every((k) => labels.heads.has(k))) return 'head';
  return null;
}

/**
 * Something said of a pasted line (or block) that may be of the other edition's table: its
 * structured code, the line (0-based, as pasted), and whether its values were pasted.
 * - `PASTE_OTHER_EDITION_ROW`: as many values as the other edition's row has cells, not this one's
 *   (「行政许可⇥10⇥2⇥300」 in a 2021 report): not pasted, what corresponds named.
 * - `PASTE_OTHER_EDITION_COLUMNS`: the line is likely the other edition's (its label is the other
 *   edition's name of the row, 「规范性文件」 in a 2021 report, or other lines of the block are the other
 *   edition's) and the row's columns mean other things there: pasted by position, said.
 * - `PASTE_EDITION_AMBIGUOUS`: a row both editions have with as many columns meaning other things
 *   (「规章⇥3⇥3⇥12」), no column heads and nothing else in the block telling the edition: pasted by
 *   position, said.
 * - `PASTE_OTHER_EDITION_ONLY_ROW`: a row only the other edition has (「其他对外管理服务事项」 in a 2021
 *   report, the trial format's 「（六）其他处理」): not pasted (byLabel.unmatched), said where it goes.
 * - `PASTE_OTHER_EDITION_SHAPE`: a block without labels whose lines fit the other edition's rows
 *   from the cursor's row and not this one's: pasted as it lies, said.
 */
export interface PasteEditionNote {
  readonly code:
    | 'PASTE_OTHER_EDITION_ROW'
    | 'PASTE_OTHER_EDITION_COLUMNS'
    | 'PASTE_EDITION_AMBIGUOUS'
    | 'PASTE_OTHER_EDITION_ONLY_ROW'
    | 'PASTE_OTHER_EDITION_SHAPE';
  /** The line in the pasted block (0-based); the first line for the whole block (SHAPE). */
  readonly row: number;
  readonly label: string;
  /** The edition the line (block) may be of: the other one. */
  readonly edition: EditionId;
  readonly pasted: boolean;
  /** 简体中文. */
  readonly message: string;
}

const otherEdition = (edition: EditionId): EditionId => EDITION_IDS.find((e) => e !== edition)!;
const rowKeyOf = (id: CellId) => id.split('.')[1]!;

/** The columns of a table's row (表二: its block's), as the edition prints them. */
function rowColumns(edition: EditionId, table: TableKey, rowKey: string): readonly ColumnDef[] {
  const e = getEdition(edition);
  if (table === 'activeDisclosure')
    return e.tables.activeDisclosure.blocks.find((b) => b.rows.some((r) => r.key === rowKey))?.columns ?? [];
  if (table === 'applications') return e.tables.applications.columns;
  return [];
}

const colKeys = (c: ColumnDef) => [c.label, ...(c.aliases ?? [])].map(pasteLabelKey);
/** The same row key with columns of the same names in both editions: the same numbers. */
function sameMeaning(edition: EditionId, table: TableKey, a: string, other: EditionId, b: string): boolean {
  if (a !== b) return false;
  const x = rowColumns(edition, table, a).map((c) => pasteLabelKey(c.label));
  const y = rowColumns(other, table, b).map((c) => pasteLabelKey(c.label));
  return x.length === y.length && x.every((k, i) => k === y[i]);
}
const colNames = (cols: readonly ColumnDef[]) => cols.map((c) => c.label).join('、');

export interface LabelledBlock {
  readonly targets: PasteTarget[];
  /** Non-empty values beyond the end of their row. */
  readonly outside: number;
  /** Lines pasted to the row their label names. */
  readonly rows: number;
  /** Leading columns taken as labels. */
  readonly labelColumns: number;
  /**
   * Empty columns after the labels skipped as a label's merged cells while the column after them is
   * empty on every line too: whether they were merged cells or blank values cannot be told (a label
   * over three columns with a row of six values, or a label in one column and 自然人 left empty). Said.
   */
  readonly emptyColumns?: number;
  /** Lines with more values than their row has cells: the rest not pasted, and said. */
  readonly long?: readonly PasteRowWidth[];
  /** Column heads in the block that are the other edition's, not this one's (本年新制作数量 in a 2021 report): said. */
  readonly otherEditionHeads?: readonly string[];
  /** Header lines at the top (申请人情况 / 自然人 …) skipped. */
  readonly headerRows: number;
  /** Lines with values whose label names no row of the table (or several, or a row named twice): not pasted. */
  readonly unmatched: readonly string[];
  /** The table those lines belong to, when it is another one (「表三」). */
  readonly otherTable?: string;
  /** Lines that may be the other edition's (PasteEditionNote). */
  readonly editionNotes?: readonly PasteEditionNote[];
}

/**
 * A block whose first column(s) are row labels: where each line goes, by its label. Null when the
 * block has no label column (its first column holds a number, or text that is no label of any
 * table), and it is pasted at the cursor.
 */
export function labelledTargets(
  layout: PasteLayout,
  start: CellId,
  block: readonly (readonly string[])[],
): LabelledBlock | null {
  const p = layout.pos.get(start);
  if (!p) return null;
  const width = Math.max(0, ...block.map((r) => r.length));
  if (width < 2) return null;
  const kinds = block.map((r) => r.map(kindOf));
  const at = (i: number, j: number): Kind => kinds[i]![j] ?? 'blank';
  // The label columns: the leading columns holding text and no number (Excel gives a label merged
  // over three columns as the label and two blank cells, which come after).
  let labelColumns = 0;
  for (let j = 0; j < width - 1; j++) {
    if (block.some((_, i) => at(i, j) === 'number')) break;
    if (block.some((_, i) => at(i, j) === 'text')) labelColumns = j + 1;
  }
  if (!labelColumns) return null;
  const pieces = block.map((r) =>
    r
      .slice(0, labelColumns)
      .map((s) => s.trim())
      .filter(Boolean),
  );
  const hasNumber = (i: number) => kinds[i]!.some((k) => k === 'number');
  const hasData = (i: number) => kinds[i]!.slice(labelColumns).some((k) => k !== 'blank');
  const table = layout.tables[p.t]!;
  const labels = pasteTableLabels(layout.edition, table.table);
  const found = block.map((_, i) => resolve(labels, pieces[i]!));
  const named = found.some((f) => f !== null && f !== 'head' && f !== 'ambiguous');
  // Text that names nothing here: still labels (never values moved a column) when every line with
  // numbers starts with words — Chinese text, not a stray mark or a misspelt number.
  const wordy = block.every(
    (_, i) => !hasNumber(i) || pieces[i]!.some((s) => (s.match(/\p{Script=Han}/gu) ?? []).length >= 2),
  );
  if (!named && !(wordy && block.some((_, i) => hasNumber(i)))) return null;

  const other = otherEdition(layout.edition);
  const otherLabels = pasteTableLabels(other, table.table);
  const otherRows = pasteLayout(other).tables[p.t]!.rows;
  const ownDefs = rowDefs(layout.edition, table.table);
  const editionNotes: PasteEditionNote[] = [];
  const thisName = editionName(layout.edition);
  const otherName = editionName(other);
  const pasteRows: { i: number; row: number }[] = [];
  const unmatched: string[] = [];
  const seen = new Set<number>();
  let headerRows = 0;
  block.forEach((_, i) => {
    const f = found[i];
    const said = pieces[i]!.join(' ');
    if (f && typeof f === 'object') {
      if (seen.has(f.row)) {
        if (hasData(i)) unmatched.push(`「${said}」（重复，只粘贴了第一次出现的一行）`);
        return;
      }
      seen.add(f.row);
      pasteRows.push({ i, row: f.row });
      return;
    }
    if (!hasNumber(i)) {
      // A header line (申请人情况 / 自然人 …), a group heading or a blank line: nothing to paste.
      if (!pasteRows.length && f !== 'group') headerRows++;
      return;
    }
    if (f === 'ambiguous') {
      unmatched.push(`「${said}」（对应多行，无法确定）`);
      return;
    }
    // a row only the other edition has (其他对外管理服务事项 in a 2021 report, the trial format's （六）其他处理)
    const theirs = said ? resolve(otherLabels, pieces[i]!) : null;
    if (theirs && typeof theirs === 'object') {
      const key = rowKeyOf(otherRows[theirs.row]![0]!);
      const parts = ownDefs.some((d) => d.key === key && d.kind === 'group')
        ? ownDefs.filter((d) => d.parent === key).map((d) => `「${d.label}」`)
        : [];
      const why = zh`${otherName}的行，${thisName}没有这一行${parts.length ? `：本报告把它分为 ${parts.length} 行${parts.join('')}，请分别填入` : ''}`;
      unmatched.push(`「${said}」（${why}）`);
      editionNotes.push({
        code: 'PASTE_OTHER_EDITION_ONLY_ROW',
        row: i,
        label: said,
        edition: other,
        pasted: false,
        message: `第 ${i + 1} 行「${said}」是${why}；未粘贴。`,
      });
      return;
    }
    unmatched.push(said ? `「${said}」` : `第 ${i + 1} 行（没有行标题）`);
  });
  // The values start at the first data column; the empty cells of a label merged over several columns
  // (more columns than the row has cells, all empty) are skipped. Only empty ones: 「—」 is a value
  // printed blank — skipped, with an empty column selected past the table's right edge (a trailing
  // tab), every value would move a column to the left.
  let first = labelColumns;
  const maxCells = Math.max(0, ...pasteRows.map((r) => table.rows[r.row]!.length));
  const empty = (i: number, j: number) => (block[i]![j] ?? '').trim() === '';
  while (first < width && width - first > maxCells && pasteRows.every(({ i }) => empty(i, first))) first++;
  const uncertain = first > labelColumns && first < width && pasteRows.every(({ i }) => empty(i, first));
  const targets: PasteTarget[] = [];
  let outside = 0;
  // Column heads of the other edition's table (表二 of the trial format in a 2021 report): as many
  // cells may mean other things (本年新制作数量 is no 本年制发件数) — named, whatever the rows give.
  const otherEditionHeads: string[] = [];
  for (const [i, line] of block.entries()) {
    if (hasNumber(i)) continue;
    for (const text of line) {
      const t = text.trim();
      const key = pasteLabelKey(t);
      if (!t || labels.heads.has(key) || otherEditionHeads.includes(t)) continue;
      if (EDITION_IDS.some((e) => e !== layout.edition && pasteTableLabels(e, table.table).heads.has(key)))
        otherEditionHeads.push(t);
    }
  }
  // Lines that may be the other edition's. As many values as the other edition's row has cells and
  // not this one's: that edition's columns, not pasted. A row both have whose columns mean other
  // things (表二 （一）): pasted by position, said unless the block tells it is this edition's.
  const ownHeads = block.some(
    (line, i) =>
      !hasNumber(i) &&
      line.some((t) => {
        const key = pasteLabelKey(t.trim());
        return t.trim() !== '' && labels.heads.has(key) && !otherLabels.heads.has(key);
      }),
  );
  const valuesOf = (i: number) => {
    let end = block[i]!.length;
    while (end > first && block[i]![end - 1]!.trim() === '') end--;
    return Math.max(0, end - first);
  };
  const skip = new Set<number>();
  let ownSign = ownHeads;
  let otherSign = editionNotes.length > 0;
  const differing: { i: number; row: number; theirs: number; byLabel: boolean }[] = [];
  for (const { i, row } of pasteRows) {
    const cells = table.rows[row]!;
    const rowKey = rowKeyOf(cells[0]!);
    const theirs = resolve(otherLabels, pieces[i]!);
    if (!theirs || typeof theirs !== 'object') {
      ownSign = true; // a row this edition has and the other not
      continue;
    }
    const oCells = otherRows[theirs.row]!;
    const oKey = rowKeyOf(oCells[0]!);
    const n = valuesOf(i);
    const said = pieces[i]!.join(' ');
    const mine = rowColumns(layout.edition, table.table, rowKey);
    const yours = rowColumns(other, table.table, oKey);
    if (n === oCells.length && n !== cells.length) {
      skip.add(i);
      otherSign = true;
      const pairs = mine.flatMap((c, j) => {
        const k = yours.findIndex((o) => colKeys(o).some((x) => colKeys(c).includes(x)));
        const v = k >= 0 ? (block[i]![first + k] ?? '').trim() : '';
        return k >= 0 && v && j < cells.length
          ? [`「${yours[k]!.label}」${v} 对应本报告的「${c.label}」`]
          : [];
      });
      editionNotes.push({
        code: 'PASTE_OTHER_EDITION_ROW',
        row: i,
        label: said,
        edition: other,
        pasted: false,
        message: zh`第 ${i + 1} 行「${said}」有 ${n} 个数，与${otherName}该行的 ${oCells.length} 列（${colNames(yours)}）相符，而本报告（${thisName}）该行是 ${cells.length} 列（${colNames(mine)}）：未粘贴，以免数值填错列。${
          pairs.length
            ? zh`若是${otherName}的数，${pairs.join('，')}，请核对后填入。`
            : `${otherName}的这几列在本报告中没有对应的列，请按本报告的列另行填写。`
        }`,
      });
      continue;
    }
    if (n === cells.length && n !== oCells.length) ownSign = true;
    // rows of different widths are told apart by their counts (above, and `long`)
    if (oCells.length !== cells.length || n > cells.length) continue;
    if (sameMeaning(layout.edition, table.table, rowKey, other, oKey)) continue;
    // the label as written: the other edition's name of the row, not this one's (规范性文件 in 2021)
    const key = pasteLabelKey(pieces[i]!.at(-1) ?? '');
    const ownLabel = ownDefs.find((d) => d.key === rowKey)?.label ?? '';
    const theirLabel = rowDefs(other, table.table).find((d) => d.key === oKey)?.label ?? '';
    const byLabel = key === pasteLabelKey(theirLabel) && key !== pasteLabelKey(ownLabel);
    if (byLabel) otherSign = true;
    else if (key === pasteLabelKey(ownLabel) && key !== pasteLabelKey(theirLabel)) ownSign = true;
    differing.push({ i, row, theirs: theirs.row, byLabel });
  }
  // the other edition's heads are said already (otherEditionHeads)
  if (!otherEditionHeads.length && (otherSign || !ownSign))
    for (const { i, row, theirs, byLabel } of differing) {
      const said = pieces[i]!.join(' ');
      const rowKey = rowKeyOf(table.rows[row]![0]!);
      const oKey = rowKeyOf(otherRows[theirs]![0]!);
      const ownLabel = ownDefs.find((d) => d.key === rowKey)?.label ?? '';
      const cols = zh`${otherName}：${colNames(rowColumns(other, table.table, oKey))}；本报告：${colNames(rowColumns(layout.edition, table.table, rowKey))}`;
      const why = byLabel
        ? zh`是${otherName}的行名（本报告的格式为「${ownLabel}」），两版格式该行的列含义不同（${cols}）`
        : otherSign
          ? zh`：粘贴内容中有${otherName}的行，这一行可能也是；两版格式该行的列含义不同（${cols}）`
          : `：两版格式都有这一行，列数相同而含义不同（${cols}），粘贴内容没有列标题，无法判断是哪一版的数`;
      editionNotes.push({
        code: byLabel || otherSign ? 'PASTE_OTHER_EDITION_COLUMNS' : 'PASTE_EDITION_AMBIGUOUS',
        row: i,
        label: said,
        edition: other,
        pasted: true,
        message: `第 ${i + 1} 行「${said}」${why}：数值已按本报告的列依次填入，请逐格核对。`,
      });
    }
  editionNotes.sort((a, b) => a.row - b.row);
  const long: PasteRowWidth[] = [];
  for (const { i, row } of pasteRows) {
    if (skip.has(i)) continue;
    const cells = table.rows[row]!;
    let beyond = 0;
    block[i]!.forEach((text, j) => {
      if (j < first) return;
      const cell = cells[j - first];
      if (cell) targets.push({ cell, text, row: i, col: j });
      else if (text.trim() !== '') beyond++;
    });
    outside += beyond;
    // more values than the row has cells: another edition's columns, or a PDF's extra column
    if (beyond) {
      let end = block[i]!.length;
      while (end > first && block[i]![end - 1]!.trim() === '') end--;
      long.push({ row: i, label: pieces[i]!.join(' '), values: end - first, cells: cells.length });
    }
  }
  // Lines of another table pasted here: said, not pasted there (the cursor is where the user pastes).
  let otherTable: string | undefined;
  if (!pasteRows.length && unmatched.length) {
    const other = layout.tables.find(
      (o, t) =>
        t !== p.t &&
        block.some((_, i) => {
          const f = resolve(pasteTableLabels(layout.edition, o.table), pieces[i]!);
          return f !== null && typeof f === 'object';
        }),
    );
    if (other) otherTable = TABLE_SHORT[other.table];
  }
  return {
    targets,
    outside,
    rows: pasteRows.length - skip.size,
    labelColumns,
    ...(uncertain ? { emptyColumns: first - labelColumns } : {}),
    ...(long.length ? { long } : {}),
    ...(otherEditionHeads.length ? { otherEditionHeads } : {}),
    headerRows,
    unmatched,
    ...(otherTable ? { otherTable } : {}),
    ...(editionNotes.length ? { editionNotes } : {}),
  };
}

/**
 * A block without labels whose lines fit the other edition's rows from the cursor's row and not this
 * one's (a line longer than its row here, or the other edition's whole table from that row to its
 * end, lines as wide as its rows, where this table goes on): PASTE_OTHER_EDITION_SHAPE.
 */
function shapeNote(
  layout: PasteLayout,
  start: CellId,
  block: readonly (readonly string[])[],
  firstLine: number,
): PasteEditionNote | undefined {
  const p = layout.pos.get(start);
  if (!p) return undefined;
  const table = layout.tables[p.t]!;
  if (table.table === 'reviewLitigation') return undefined;
  const other = otherEdition(layout.edition);
  const theirs = pasteLayout(other).tables[p.t]!.rows;
  const r0 = theirs.findIndex((cells) => rowKeyOf(cells[0]!) === rowKeyOf(start));
  if (r0 < 0) return undefined;
  const widths = block.map((line) => {
    let end = line.length;
    while (end > 0 && line[end - 1]!.trim() === '') end--;
    return end;
  });
  if (!widths.some((w) => w > 0)) return undefined;
  const fits = (rows: readonly (readonly CellId[])[], r: number) =>
    widths.every((w, i) => w === 0 || (rows[r + i] !== undefined && p.c + w <= rows[r + i]!.length));
  const whole = (rows: readonly (readonly CellId[])[], r: number) =>
    p.c === 0 && r + widths.length === rows.length && widths.every((w, i) => w === rows[r + i]!.length);
  const differ = widths.some((w, i) => {
    const a = table.rows[p.r + i];
    const b = theirs[r0 + i];
    if (!w || !a || !b) return w > 0;
    return !sameMeaning(layout.edition, table.table, rowKeyOf(a[0]!), other, rowKeyOf(b[0]!));
  });
  if (!differ || !fits(theirs, r0)) return undefined;
  if (fits(table.rows, p.r) && !(whole(theirs, r0) && !whole(table.rows, p.r))) return undefined;
  const label = rowDefs(layout.edition, table.table).find((d) => d.key === rowKeyOf(start))?.label ?? '';
  const n = widths.filter((w) => w > 0).length;
  return {
    code: 'PASTE_OTHER_EDITION_SHAPE',
    row: firstLine,
    label,
    edition: other,
    pasted: true,
    message: zh`粘贴的 ${n} 行数值与${editionName(other)}${TABLE_SHORT[table.table]}从「${label}」起的各行相符，而与本报告（${editionName(layout.edition)}）的行列不同：数值已按位置填入，可能错行错列，请逐格核对；从另一版格式的表格复制时，请连同行标题一起复制，各行会按行标题对应（列数不符的行不会粘贴）。`,
  };
}

/**
 * Header lines at the top of a block without labels (「自然人⇥商业企业⇥…」 copied with the numbers
 * under it): every cell a column head of the table, no number. Skipped, so the numbers land on the
 * cursor's row and not one row below it.
 */
export function headerLines(
  layout: PasteLayout,
  start: CellId,
  block: readonly (readonly string[])[],
): number {
  const p = layout.pos.get(start);
  if (!p) return 0;
  const { heads } = pasteTableLabels(layout.edition, layout.tables[p.t]!.table);
  let n = 0;
  for (const row of block) {
    const texts = row.map((s) => s.trim()).filter(Boolean);
    if (!texts.length || !texts.every((s) => kindOf(s) === 'text' && heads.has(pasteLabelKey(s)))) break;
    n++;
  }
  // A block of nothing but header text is pasted as before (its texts are said to be no numbers).
  return n < block.length ? n : 0;
}

/** Where a pasted block's cell texts go: by the lines' row labels, or from the cursor as the block lies. */
export interface PastePlan {
  readonly block: readonly (readonly string[])[];
  readonly targets: readonly PasteTarget[];
  readonly outside: number;
  readonly headerRows: number;
  readonly spaceSplit?: { readonly lines: number; readonly values: number };
  /**
   * Lines split at their spaces and pasted by their label with fewer values than their row has
   * cells: a row copied from a PDF or a web page as text loses its blank cells, so its values may
   * not be in their columns. Said (pasteSummary's warn), never passed over.
   */
  readonly short?: readonly PasteRowWidth[];
  /**
   * Lines pasted by their label with more values than their row has cells (the trial format's 表二
   * pasted into a 2021 report: 行政许可 10 2 300 where 2021 has one cell): the first ones pasted, the
   * rest not — said (pasteSummary's warn), as the columns may mean other things.
   */
  readonly long?: readonly PasteRowWidth[];
  readonly byLabel?: {
    readonly rows: number;
    readonly labelColumns: number;
    readonly emptyColumns?: number;
    readonly otherEditionHeads?: readonly string[];
    readonly unmatched: readonly string[];
    readonly otherTable?: string;
  };
  /** What may be the other edition's, line by line or the block's shape (PasteEditionNote). */
  readonly editionNotes?: readonly PasteEditionNote[];
}

/** A line pasted by its label with fewer (PastePlan.short) or more (PastePlan.long) values than its row has cells. */
export interface PasteRowWidth {
  /** The line in the pasted block (0-based). */
  readonly row: number;
  readonly label: string;
  /** How many values the line gave, and how many cells its row has. */
  readonly values: number;
  readonly cells: number;
}

/**
 * Where each cell text of a pasted block goes, with the cursor on `start`: copied with its row
 * labels, each line to the row its label names, its numbers from the row's first cell; without
 * labels, at the cursor as the block lies (a header line of column heads above it skipped).
 */
export function planPaste(layout: PasteLayout, start: CellId, text: string): PastePlan {
  // A cursor on no cell of the edition (a typo in an integrator's cell id, the other edition's id)
  // is refused as setCell refuses it: placed from nowhere, every value was said to be 「超出表格范围」.
  if (!layout.pos.has(start))
    throw new NianbaoError(
      'UNKNOWN_CELL',
      zh`粘贴的起始单元格 ${start} 不属于${editionName(layout.edition)}的表格`,
      {
        cell: start,
        edition: layout.edition,
      },
    );
  const { block, split } = splitPastedText(text);
  const labelled = labelledTargets(layout, start, block);
  const headerRows = labelled ? labelled.headerRows : headerLines(layout, start, block);
  let placed: { targets: PasteTarget[]; outside: number };
  let shape: PasteEditionNote | undefined;
  if (labelled) placed = labelled;
  else {
    placed = blockTargets(layout, start, block.slice(headerRows));
    shape = shapeNote(layout, start, block.slice(headerRows), headerRows);
    // numbered as the lines were pasted (for messages)
    if (headerRows) for (const t of placed.targets) t.row += headerRows;
  }
  const short: PasteRowWidth[] = [];
  if (labelled && split.lines)
    for (const [i, line] of block.entries()) {
      // split at its spaces (a block is split only when every line was one cell as pasted)
      if (line.length < 2) continue;
      const here = placed.targets.filter((t) => t.row === i);
      const pos = here.length ? layout.pos.get(here[0]!.cell) : undefined;
      if (!pos) continue;
      const cells = layout.tables[pos.t]!.rows[pos.r]!.length;
      const values = block[i]!.length - (here[0]!.col - pos.c);
      if (values < cells)
        short.push({
          row: i,
          label: block[i]!.slice(0, labelled.labelColumns).join(' ').trim(),
          values,
          cells,
        });
    }
  return {
    block,
    targets: placed.targets,
    outside: placed.outside,
    headerRows,
    ...(split.lines ? { spaceSplit: split } : {}),
    ...(short.length ? { short } : {}),
    ...(labelled?.long ? { long: labelled.long } : {}),
    ...(labelled?.editionNotes
      ? { editionNotes: labelled.editionNotes }
      : shape
        ? { editionNotes: [shape] }
        : {}),
    ...(labelled
      ? {
          byLabel: {
            rows: labelled.rows,
            labelColumns: labelled.labelColumns,
            ...(labelled.emptyColumns ? { emptyColumns: labelled.emptyColumns } : {}),
            ...(labelled.otherEditionHeads ? { otherEditionHeads: labelled.otherEditionHeads } : {}),
            unmatched: labelled.unmatched,
            ...(labelled.otherTable ? { otherTable: labelled.otherTable } : {}),
          },
        }
      : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// The report with the block pasted

export interface PasteChange {
  readonly cell: CellId;
  readonly label: string;
  readonly from: number | null;
  readonly to: number | null;
}

export interface PasteResult {
  readonly report: Report;
  /** Cells whose value changed (totals that now disagree with their parts are kept, and flagged by derive). */
  readonly changes: readonly PasteChange[];
  /** Cells the block covered (changed or not). */
  readonly covered: readonly CellId[];
  /** Values that are not numbers of their cell's kind: skipped, 简体中文 (where, why, which cell). */
  readonly errors: readonly string[];
  /** The same, structured: the cell (it keeps its value), where the text was in the block (0-based), why. */
  readonly refused: readonly {
    readonly cell: CellId;
    readonly row: number;
    readonly col: number;
    readonly message: string;
  }[];
  /**
   * Values read with a note, where and what (「第 1 行第 2 列：已按万元换算：1.5亿元 = 15000万元」, a footnote
   * mark dropped, spaces read as thousands separators): said, as typing says them.
   */
  readonly notes: readonly string[];
  /**
   * Lines without tabs split at their spaces into cells (a row copied from a PDF as plain text,
   * 「4 2 0 0 0 0 6」): how many lines, and how many values they gave.
   */
  readonly spaceSplit?: { readonly lines: number; readonly values: number };
  /** Lines split at their spaces with fewer values than their row has cells: their values may be misplaced. */
  readonly short?: readonly PasteRowWidth[];
  /** Lines pasted by label with more values than their row has cells: the rest not pasted (PastePlan.long). */
  readonly long?: readonly PasteRowWidth[];
  /** Non-empty values that fell outside the table. */
  readonly outside: number;
  /** Header lines at the top of the block (申请人情况 / 自然人 …), skipped. */
  readonly headerRows: number;
  /** The block's first column(s) were row labels: each line went to the row its label names. */
  readonly byLabel?: {
    readonly rows: number;
    readonly labelColumns: number;
    /** Empty columns skipped as a label's merged cells that may have been blank values (LabelledBlock.emptyColumns): said. */
    readonly emptyColumns?: number;
    /** Column heads of the other edition's table in the block (LabelledBlock.otherEditionHeads): said. */
    readonly otherEditionHeads?: readonly string[];
    /** Lines whose label names no row here: not pasted (「…」 as pasted, with why). */
    readonly unmatched: readonly string[];
    /** Those lines are rows of another table (「表三」). */
    readonly otherTable?: string;
  };
  /**
   * Lines (or the block) that may be of the other edition's table, each with its code, its line and
   * whether it was pasted (PasteEditionNote): said in pasteSummary's warn. A line whose count of
   * values fits the other edition's row and not this one's is not pasted.
   */
  readonly editionNotes?: readonly PasteEditionNote[];
}

/**
 * Paste a block (Excel, WPS, a PDF's text) with the cursor on `start`. Input cells take the pasted
 * numbers (a cell the report lacks is added, as typing does); a pasted total equal to what its parts
 * give is kept as computed, one that differs is kept as stated and flagged (derive reports it),
 * never overwritten silently. A cell text that is no number of its cell is skipped with why: its
 * cell keeps its value.
 */
export function pasteBlock(report: Report, start: CellId, text: string): PasteResult {
  const edition = report.meta.edition;
  const plan = planPaste(pasteLayout(edition), start, text);
  const errors: string[] = [];
  const refused: { cell: CellId; row: number; col: number; message: string }[] = [];
  const notes: string[] = [];
  let entered = report;
  const totals: { cell: CellId; value: number | null }[] = [];
  const covered: CellId[] = [];
  for (const t of plan.targets) {
    const def = cellDef(edition, t.cell);
    if (!def) continue;
    const parsed = parseCellText(t.text, def.valueType, def.unit);
    if (parsed.kind === 'error') {
      errors.push(`第 ${t.row + 1} 行第 ${t.col + 1} 列：${parsed.message}，已跳过（${def.label}）`);
      refused.push({ cell: t.cell, row: t.row, col: t.col, message: parsed.message });
      continue;
    }
    covered.push(t.cell);
    if (parsed.kind === 'value' && parsed.note)
      notes.push(`第 ${t.row + 1} 行第 ${t.col + 1} 列：${parsed.note}（${def.label}）`);
    const value = parsed.kind === 'value' ? parsed.value : null;
    if (def.derived) {
      totals.push({ cell: t.cell, value });
      continue;
    }
    // As typing does (setCell): a cell the report lacks is added, with its unit if money.
    entered = setCell(entered, t.cell, value);
    // 「15.3万元」 pasted where the report says the unit: the unit pasted is the cell's.
    const set = entered.cells[t.cell];
    if (parsed.kind === 'value' && parsed.unit && set)
      entered = { ...entered, cells: { ...entered.cells, [t.cell]: { ...set, unit: parsed.unit } } };
  }
  // A total pasted with a number is computed first, as if not pasted (a total the report states at
  // odds with its parts — an imported one — would otherwise stand in for what they give): pasted
  // equal to its parts it stays computed and follows them; else it is kept as stated below.
  for (const t of totals) {
    if (t.value === null || !entered.cells[t.cell]) continue;
    entered = { ...entered, cells: { ...entered.cells, [t.cell]: { value: null, origin: 'derived' } } };
  }
  let next = derive(entered, { fillAbsent: true }).report;
  if (totals.length) {
    const stated = { ...next.cells };
    let any = false;
    for (const t of totals) {
      const computed = stated[t.cell]?.value ?? null;
      if (t.value === null || t.value === computed) continue;
      // the same number as the report already states there: that cell as it was (imported stays imported)
      const was = report.cells[t.cell];
      stated[t.cell] =
        was && was.origin !== 'derived' && was.value === t.value
          ? was
          : { value: t.value, origin: 'entered' };
      any = true;
    }
    if (any) next = derive({ ...next, cells: stated }).report;
  }
  const changes: PasteChange[] = [];
  for (const [id, cell] of Object.entries(next.cells)) {
    const before = report.cells[id]?.value ?? null;
    if (before !== cell.value)
      changes.push({ cell: id, label: cellDef(edition, id)?.label ?? id, from: before, to: cell.value });
  }
  return {
    report: next,
    changes,
    covered,
    errors,
    refused,
    notes,
    outside: plan.outside,
    headerRows: plan.headerRows,
    ...(plan.spaceSplit ? { spaceSplit: plan.spaceSplit } : {}),
    ...(plan.short ? { short: plan.short } : {}),
    ...(plan.long ? { long: plan.long } : {}),
    ...(plan.byLabel ? { byLabel: plan.byLabel } : {}),
    ...(plan.editionNotes ? { editionNotes: plan.editionNotes } : {}),
  };
}

/**
 * 「已粘贴：…」 — where the block went (at the cursor, or by its row labels), the pasted cells that
 * changed, the totals that followed, and everything not pasted with why. `warn`: lines not pasted
 * because their label names no row here — said apart, it is data the user still has to place.
 */
export function pasteSummary(p: PasteResult): { text: string; warn: string | null } {
  const covered = new Set(p.covered);
  const typed = p.changes.filter((c) => covered.has(c.cell)).length;
  const totals = p.changes.length - typed;
  const done = `覆盖 ${p.covered.length} 个单元格，其中 ${typed} 个数值有变化${totals ? `，另有 ${totals} 个合计随之重新计算` : ''}`;
  const label = p.byLabel;
  const cols = label ? (label.labelColumns > 1 ? `第 1–${label.labelColumns} 列` : '第 1 列') : '';
  const parts = [
    label
      ? label.rows
        ? `已按行标题粘贴到 ${label.rows} 行（${cols}是行标题，不作数值；数值从各行第一格填起）：${done}`
        : p.editionNotes?.some((n) => n.code === 'PASTE_OTHER_EDITION_ROW')
          ? `未粘贴：${cols}是行标题，但各行的数与本报告该行的列数不符`
          : `未粘贴：${cols}是行标题，但没有一行与本表的行对应`
      : `已粘贴：${done}`,
  ];
  if (p.spaceSplit)
    parts.push(
      `${p.spaceSplit.lines > 1 ? `${p.spaceSplit.lines} 行` : '该行'}以空格分隔，已按空格分成 ${p.spaceSplit.values} 个数逐格填入（如同用 Tab 分隔）`,
    );
  if (p.headerRows) parts.push(`已跳过表头 ${p.headerRows} 行`);
  if (p.outside > 0) parts.push(`${p.outside} 个值超出表格范围，未粘贴`);
  if (p.errors.length > 0) parts.push(`${p.errors.length} 个值不是数字，已跳过`);
  // 「1.5亿」 pasted is 15000 万元, 「35¹」 is 35, 「12 345」 is 12345: said, as typing says it.
  if (p.notes.length > 0)
    parts.push(
      `${p.notes.length} 个值按说明读入：${p.notes.slice(0, 3).join('；')}${p.notes.length > 3 ? ` 等（共 ${p.notes.length} 个）` : ''}`,
    );
  const warns = [
    label?.unmatched.length
      ? `${label.unmatched.length} 行的行标题与本表的行不对应，未粘贴：${label.unmatched.join('、')}${
          label.otherTable ? `。这些是${label.otherTable}的行，请在${label.otherTable}中粘贴` : ''
        }。`
      : '',
    // empty columns after the labels: a label's merged cells, or blank values — which, the block cannot say
    label?.emptyColumns
      ? `行标题后的第 ${label.labelColumns + 1}${label.emptyColumns > 1 ? `–${label.labelColumns + label.emptyColumns}` : ''} 列各行都是空的，已当作行标题的合并格跳过；其后一列也都是空的：如果空格中有空白的数值格，数值会错一列，请逐格核对。`
      : '',
    // the other edition's column heads: as many cells, other meanings
    label?.otherEditionHeads
      ? zh`粘贴内容的列标题${label.otherEditionHeads.map((t) => `「${t}」`).join('')}是${EDITION_IDS.filter(
          (e) => e !== p.report.meta.edition,
        )
          .map(editionName)
          .join(
            '、',
          )}的，本报告按${editionName(p.report.meta.edition)}填写：各列的含义不同，数值已按位置填入，请逐格核对。`
      : '',
    // a row copied from a PDF as text: its blank cells are gone, and with them where its values go
    shortText(p.short ?? []),
    longText(p.long ?? []),
    // lines (or the block) that may be the other edition's; a row only it has is said among the unmatched
    ...(p.editionNotes ?? []).filter((n) => n.code !== 'PASTE_OTHER_EDITION_ONLY_ROW').map((n) => n.message),
  ].filter(Boolean);
  return { text: `${parts.join('；')}。`, warn: warns.length ? warns.join('') : null };
}

/** What pasteSummary says of lines with fewer values than their row has cells, or '' when none. */
function shortText(short: readonly PasteRowWidth[]): string {
  const why = '复制 PDF 或网页时空白的格子会丢失，数值可能错位';
  if (!short.length) return '';
  if (short.length === 1) {
    const s = short[0]!;
    return `第 ${s.row + 1} 行「${s.label}」只有 ${s.values} 个数，而该行有 ${s.cells} 格：${why}（已从该行第一格起依次填入），请逐格核对。`;
  }
  const shown = short
    .slice(0, 5)
    .map((s) => `第 ${s.row + 1} 行「${s.label}」（${s.values} 个数，${s.cells} 格）`)
    .join('、');
  return `${short.length} 行的数比该行的格少：${shown}${short.length > 5 ? ' 等' : ''}。${why}（已从各行第一格起依次填入），请逐格核对。`;
}

/** What pasteSummary says of lines with more values than their row has cells, or '' when none. */
function longText(long: readonly PasteRowWidth[]): string {
  const why = '如果复制的是另一版格式的表格，各列的含义不同，请逐格核对';
  if (!long.length) return '';
  if (long.length === 1) {
    const s = long[0]!;
    return `第 ${s.row + 1} 行「${s.label}」有 ${s.values} 个数，而该行只有 ${s.cells} 格：只填入了前 ${s.cells} 个，其余未粘贴；${why}。`;
  }
  const shown = long
    .slice(0, 5)
    .map((s) => `第 ${s.row + 1} 行「${s.label}」（${s.values} 个数，${s.cells} 格）`)
    .join('、');
  return `${long.length} 行的数比该行的格多：${shown}${long.length > 5 ? ' 等' : ''}。只填入了各行前面的数，其余未粘贴；${why}。`;
}
