import {
  type EditionId,
  getEdition,
  normalizeLabel,
  parseCellText,
  type RowDef,
  TABLE_KEYS,
  type TableKey,
} from '@nianbao/core';
import { tableGrid } from '@nianbao/render';
import type { Nav } from './nav';

// A block copied from Excel or WPS with its row labels (「一、本年新收政府信息公开申请数量⇥5⇥1…」):
// the labels say which row each line is, so each line goes to the row it names, whatever the cursor's
// row, the order of the lines or the rows left out; its numbers start at the row's first cell.

/**
 * A label as compared: core's normalizeLabel (widths, brackets, 「1．」「1、」, quotes, spaces) without
 * its numbering (「一、」「（一）」「1.」) anywhere — 「三、本年度办理结果（一）予以公开」 in one cell is the
 * path 本年度办理结果 › 予以公开 — nor the punctuation it may end with.
 */
export function labelKey(s: string): string {
  return normalizeLabel(s)
    .replace(/[一二三四五六七八九十]+[、.]|（[一二三四五六七八九十\d]+）|\d+\./g, '')
    .replace(/[：:。.、]+$/, '');
}

/** The same without a remark in brackets at its end: 「部分公开（区分处理的，只计这一情形…）」 → 部分公开. */
const withoutRemark = (key: string) => key.replace(/（[^（）]*）$/, '');

interface TableLabels {
  /** Label keys (a row's own, or its groups' and its own joined) → the rows (index in nav) they name. */
  readonly rows: ReadonlyMap<string, ReadonlySet<number>>;
  /** Keys of group rows (三、本年度办理结果, （三）不予公开): headings over rows, not rows. */
  readonly groups: ReadonlySet<string>;
  /** Keys of the column heads, captions and the corner note: a header line. */
  readonly heads: ReadonlySet<string>;
}

const cache = new Map<string, TableLabels>();

function rowDefs(edition: EditionId, table: TableKey): readonly RowDef[] {
  const e = getEdition(edition);
  if (table === 'activeDisclosure') return e.tables.activeDisclosure.blocks.flatMap((b) => b.rows);
  if (table === 'applications') return e.tables.applications.rows;
  return []; // 表四 prints no row labels: one row, named by its column heads
}

/** Every way an edition's table names its rows, from core's edition data (labels, aliases, groups). */
export function tableLabels(nav: Nav, t: number): TableLabels {
  const table = nav.tables[t]!;
  const hit = cache.get(`${nav.edition}:${table.table}`);
  if (hit) return hit;
  const defs = rowDefs(nav.edition, table.table);
  const byKey = new Map(defs.map((d) => [d.key, d]));
  const rows = new Map<string, Set<number>>();
  const add = (key: string, r: number) => {
    if (!key) return;
    const set = rows.get(key) ?? new Set<number>();
    set.add(r);
    rows.set(key, set);
  };
  table.rows.forEach((cells, r) => {
    const def = byKey.get(cells[0]!.split('.')[1]!);
    if (!def) return;
    const chain: RowDef[] = [];
    for (let d: RowDef | undefined = def; d; d = d.parent ? byKey.get(d.parent) : undefined) chain.unshift(d);
    // Each label of the path with its aliases, as keys with and without the remark in brackets.
    const names = chain.map((d) => {
      const all = [d.label, ...(d.aliases ?? [])].map(labelKey);
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
        groups.add(labelKey(l));
        groups.add(withoutRemark(labelKey(l)));
      }
  const heads = new Set<string>();
  for (const c of tableGrid(nav.edition, table.table).rows.flat())
    if ((c.kind === 'header' || c.kind === 'caption' || c.kind === 'corner') && c.text.trim())
      heads.add(labelKey(c.text));
  const out = { rows, groups, heads };
  cache.set(`${nav.edition}:${table.table}`, out);
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
  labels: TableLabels,
  pieces: readonly string[],
): { row: number } | 'group' | 'head' | 'ambiguous' | null {
  if (!pieces.length) return null;
  const keys = pieces.map(labelKey);
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

export interface LabelledTarget {
  readonly cell: string;
  readonly text: string;
  /** Where the value was in the pasted block (0-based), for messages. */
  readonly row: number;
  readonly col: number;
}

export interface LabelledBlock {
  readonly targets: LabelledTarget[];
  /** Non-empty values beyond the end of their row. */
  readonly outside: number;
  /** Lines pasted to the row their label names. */
  readonly rows: number;
  /** Leading columns taken as labels. */
  readonly labelColumns: number;
  /** Header lines at the top (申请人情况 / 自然人 …) skipped. */
  readonly headerRows: number;
  /** Lines with values whose label names no row of the table (or several, or a row named twice): not pasted. */
  readonly unmatched: readonly string[];
  /** The table those lines belong to, when it is another one (「表三」). */
  readonly otherTable?: string;
}

const TABLE_NAMES = ['表二', '表三', '表四'] as const;

/**
 * A block whose first column(s) are row labels: where each line goes, by its label. Null when the
 * block has no label column (its first column holds a number, or text that is no label of any
 * table), and it is pasted at the cursor as before.
 */
export function labelledTargets(
  nav: Nav,
  start: string,
  block: readonly (readonly string[])[],
): LabelledBlock | null {
  const p = nav.pos.get(start);
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
  const labels = tableLabels(nav, p.t);
  const found = block.map((_, i) => resolve(labels, pieces[i]!));
  const named = found.some((f) => f !== null && f !== 'head' && f !== 'ambiguous');
  // Text that names nothing here: still labels (never values moved a column) when every line with
  // numbers starts with words — Chinese text, not a stray mark or a misspelt number.
  const wordy = block.every(
    (_, i) => !hasNumber(i) || pieces[i]!.some((s) => (s.match(/\p{Script=Han}/gu) ?? []).length >= 2),
  );
  if (!named && !(wordy && block.some((_, i) => hasNumber(i)))) return null;

  const table = nav.tables[p.t]!;
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
    if (f === 'ambiguous') unmatched.push(`「${said}」（对应多行，无法确定）`);
    else unmatched.push(said ? `「${said}」` : `第 ${i + 1} 行（没有行标题）`);
  });
  // The values start at the first data column; blank columns of a label merged over several columns
  // (more columns than the row has cells, all blank) are skipped.
  let first = labelColumns;
  const maxCells = Math.max(0, ...pasteRows.map((r) => table.rows[r.row]!.length));
  while (first < width && width - first > maxCells && pasteRows.every(({ i }) => at(i, first) === 'blank'))
    first++;
  const targets: LabelledTarget[] = [];
  let outside = 0;
  for (const { i, row } of pasteRows) {
    const cells = table.rows[row]!;
    block[i]!.forEach((text, j) => {
      if (j < first) return;
      const cell = cells[j - first];
      if (cell) targets.push({ cell, text, row: i, col: j });
      else if (text.trim() !== '') outside++;
    });
  }
  // Lines of another table pasted here: said, not pasted there (the cursor is where the user pastes).
  let otherTable: string | undefined;
  if (!pasteRows.length && unmatched.length) {
    const other = nav.tables.findIndex(
      (_, t) =>
        t !== p.t &&
        block.some((_, i) => {
          const f = resolve(tableLabels(nav, t), pieces[i]!);
          return f !== null && typeof f === 'object';
        }),
    );
    if (other >= 0) otherTable = TABLE_NAMES[TABLE_KEYS.indexOf(nav.tables[other]!.table)];
  }
  return {
    targets,
    outside,
    rows: pasteRows.length,
    labelColumns,
    headerRows,
    unmatched,
    ...(otherTable ? { otherTable } : {}),
  };
}

/**
 * Header lines at the top of a block without labels (「自然人⇥商业企业⇥…」 copied with the numbers
 * under it): every cell a column head of the table, no number. Skipped, so the numbers land on the
 * cursor's row and not one row below it.
 */
export function headerLines(nav: Nav, start: string, block: readonly (readonly string[])[]): number {
  const p = nav.pos.get(start);
  if (!p) return 0;
  const { heads } = tableLabels(nav, p.t);
  let n = 0;
  for (const row of block) {
    const texts = row.map((s) => s.trim()).filter(Boolean);
    if (!texts.length || !texts.every((s) => kindOf(s) === 'text' && heads.has(labelKey(s)))) break;
    n++;
  }
  // A block of nothing but header text is pasted as before (its texts are said to be no numbers).
  return n < block.length ? n : 0;
}
