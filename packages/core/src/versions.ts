import { derive } from './derive.js';
import { type CellId, cellLabel, getEdition, SECTION_KEYS, type SectionKey } from './editions/index.js';
import type { Report } from './model.js';

/**
 * Versions of one report: what changed between two (cell by cell, text by sentence then by
 * character), and the three-way merge of two edits of one version. The server's history diff and
 * the web form's conflict dialog both use these.
 */

/** A narrative field of a report: the preamble or one of the six sections. */
export type TextField = SectionKey | 'preamble';

/** Official titles of the narrative fields (the same in both editions). */
export const TEXT_FIELD_TITLES: Readonly<Record<TextField, string>> = {
  preamble: '前言',
  ...(Object.fromEntries(getEdition('2021').sections.map((s) => [s.key, s.title])) as Record<
    SectionKey,
    string
  >),
};

export interface CellDiff {
  readonly cell: string;
  readonly label: string;
  readonly before: { value: number | null; raw?: string; unit?: string } | null;
  readonly after: { value: number | null; raw?: string; unit?: string } | null;
}

export interface TextOp {
  readonly op: 'equal' | 'insert' | 'delete';
  readonly text: string;
}

export interface TextChange {
  readonly field: string;
  readonly label: string;
  readonly before: string | null;
  readonly after: string | null;
  readonly ops: readonly TextOp[];
}

export interface ReportDiff {
  readonly cells: readonly CellDiff[];
  readonly texts: readonly TextChange[];
  readonly meta: readonly { field: string; before: unknown; after: unknown }[];
}

/** Split Chinese prose into sentences (keeping the punctuation), the unit of the text diff. */
export function sentences(s: string): string[] {
  return s.match(/[^。！？；\n]*[。！？；\n]|[^。！？；\n]+$/g) ?? [];
}

/** LCS diff over tokens; adjacent ops of one kind are merged. */
export function diffTokens(a: readonly string[], b: readonly string[]): TextOp[] {
  const n = a.length;
  const m = b.length;
  // Trim the common prefix and suffix first: edits are usually local.
  let start = 0;
  while (start < n && start < m && a[start] === b[start]) start++;
  let endA = n;
  let endB = m;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const ops: TextOp[] = [];
  const push = (op: TextOp['op'], text: string) => {
    if (!text) return;
    const last = ops[ops.length - 1];
    if (last && last.op === op) ops[ops.length - 1] = { op, text: last.text + text };
    else ops.push({ op, text });
  };
  push('equal', a.slice(0, start).join(''));
  const x = a.slice(start, endA);
  const y = b.slice(start, endB);
  if (x.length * y.length > 4_000_000) {
    push('delete', x.join(''));
    push('insert', y.join(''));
  } else {
    const w = y.length + 1;
    const L = new Uint32Array((x.length + 1) * w);
    for (let i = x.length - 1; i >= 0; i--)
      for (let j = y.length - 1; j >= 0; j--)
        L[i * w + j] =
          x[i] === y[j] ? L[(i + 1) * w + j + 1]! + 1 : Math.max(L[(i + 1) * w + j]!, L[i * w + j + 1]!);
    let i = 0;
    let j = 0;
    while (i < x.length && j < y.length) {
      if (x[i] === y[j]) {
        push('equal', x[i]!);
        i++;
        j++;
      } else if (L[(i + 1) * w + j]! >= L[i * w + j + 1]!) push('delete', x[i++]!);
      else push('insert', y[j++]!);
    }
    while (i < x.length) push('delete', x[i++]!);
    while (j < y.length) push('insert', y[j++]!);
  }
  push('equal', a.slice(endA).join(''));
  return ops;
}

/** Characters, but a number (50、68.2%、1,234) as one token: 50 → 52 reads 「50」→「52」, not 5, 0→2. */
const charTokens = (s: string): string[] => s.match(/\d+(?:[.,]\d+)*%?|[\s\S]/gu) ?? [];

/** Sentence-level diff, refined to characters where one sentence was replaced by one sentence. */
export function diffText(before: string, after: string): TextOp[] {
  const coarse = diffTokens(sentences(before), sentences(after));
  const out: TextOp[] = [];
  for (let k = 0; k < coarse.length; k++) {
    const op = coarse[k]!;
    const next = coarse[k + 1];
    if (op.op === 'delete' && next?.op === 'insert' && op.text.length * next.text.length <= 250_000) {
      out.push(...diffTokens(charTokens(op.text), charTokens(next.text)));
      k++;
    } else out.push(op);
  }
  return out;
}

const cellView = (c: Report['cells'][string] | undefined): CellDiff['before'] =>
  c === undefined
    ? null
    : {
        value: c.value,
        ...(c.raw !== undefined ? { raw: c.raw } : {}),
        ...(c.unit !== undefined ? { unit: c.unit } : {}),
      };

/** Cell by cell and text by text: what changed from one version to another. */
/** JSON with keys sorted: equal for equal data whatever the order its keys were written in. */
const stable = (v: unknown): string =>
  JSON.stringify(v, (_k, x) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(
          Object.entries(x as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : x,
  );

export function diffReports(before: Report, after: Report): ReportDiff {
  // In the order of the printed tables (表二, 表三 row by row, 表四), then any other ids.
  const order = new Map(getEdition(after.meta.edition).cells.map((c, i) => [c.id, i] as const));
  const ids = [...new Set([...Object.keys(before.cells), ...Object.keys(after.cells)])].sort(
    (a, b) =>
      (order.get(a) ?? Number.MAX_SAFE_INTEGER) - (order.get(b) ?? Number.MAX_SAFE_INTEGER) ||
      (a < b ? -1 : a > b ? 1 : 0),
  );
  const cells: CellDiff[] = [];
  for (const id of ids) {
    const a = cellView(before.cells[id]);
    const b = cellView(after.cells[id]);
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    cells.push({ cell: id, label: cellLabel(id, after.meta.edition), before: a, after: b });
  }
  const texts: TextChange[] = [];
  const fields: [string, string | null | undefined, string | null | undefined][] = [
    ['preamble', before.preamble, after.preamble],
    ...SECTION_KEYS.map((k): [string, string | null, string | null] => [
      k,
      before.sections[k],
      after.sections[k],
    ]),
  ];
  for (const [field, a, b] of fields) {
    if ((a ?? null) === (b ?? null)) continue;
    texts.push({
      field,
      label: TEXT_FIELD_TITLES[field as TextField] ?? field,
      before: a ?? null,
      after: b ?? null,
      ops: diffText(a ?? '', b ?? ''),
    });
  }
  const meta: { field: string; before: unknown; after: unknown }[] = [];
  const mb = before.meta as Record<string, unknown>;
  const ma = after.meta as Record<string, unknown>;
  for (const k of new Set([...Object.keys(mb), ...Object.keys(ma)])) {
    if (stable(mb[k]) !== stable(ma[k]))
      meta.push({ field: `meta.${k}`, before: mb[k] ?? null, after: ma[k] ?? null });
  }
  return { cells, texts, meta };
}

/** One place where my edit and the other edit may differ. */
export interface MergeItem {
  readonly key: string;
  readonly kind: 'cell' | 'text';
  readonly label: string;
  readonly base: string;
  readonly mine: string;
  readonly theirs: string;
  /** Both changed it differently: the user must choose. */
  readonly conflict: boolean;
  /** The side taken unless the user chooses. */
  readonly proposed: 'mine' | 'theirs';
}

const cellText = (r: Report, id: CellId) => {
  const c = r.cells[id];
  if (!c) return '（无此单元格）';
  return c.value === null ? '（空白）' : String(c.value);
};
const sameCell = (a: Report, b: Report, id: CellId) => {
  const x = a.cells[id];
  const y = b.cells[id];
  return (x?.value ?? null) === (y?.value ?? null) && x?.unit === y?.unit;
};
const text = (r: Report, k: TextField) => (k === 'preamble' ? (r.preamble ?? '') : (r.sections[k] ?? ''));

/**
 * Three-way comparison of the version my edit started from, my edit, and the version saved in
 * between: every place that differs, with a proposal (the side that changed it); where both changed
 * it differently it is a conflict for the user to decide. Nothing is dropped silently.
 */
export function mergeItems(base: Report, mine: Report, theirs: Report): MergeItem[] {
  const items: MergeItem[] = [];
  const ids = new Set([...Object.keys(mine.cells), ...Object.keys(theirs.cells)]);
  for (const id of ids) {
    if (sameCell(mine, theirs, id)) continue;
    // A total both sides computed from their parts is no choice to make: it follows the merged parts.
    if (mine.cells[id]?.origin === 'derived' && theirs.cells[id]?.origin === 'derived') continue;
    const iChanged = !sameCell(base, mine, id);
    const theyChanged = !sameCell(base, theirs, id);
    items.push({
      key: `cell:${id}`,
      kind: 'cell',
      label: cellLabel(id, mine.meta.edition),
      base: cellText(base, id),
      mine: cellText(mine, id),
      theirs: cellText(theirs, id),
      conflict: iChanged && theyChanged,
      proposed: theyChanged && !iChanged ? 'theirs' : 'mine',
    });
  }
  for (const k of ['preamble', ...SECTION_KEYS] as TextField[]) {
    const m = text(mine, k);
    const t = text(theirs, k);
    if (m === t) continue;
    const b = text(base, k);
    const iChanged = m !== b;
    const theyChanged = t !== b;
    items.push({
      key: `text:${k}`,
      kind: 'text',
      label: TEXT_FIELD_TITLES[k],
      base: b,
      mine: m,
      theirs: t,
      conflict: iChanged && theyChanged,
      proposed: theyChanged && !iChanged ? 'theirs' : 'mine',
    });
  }
  return items;
}

/** The merged report: my edit with, for each item, the chosen side; computed totals follow the parts. */
export function applyMerge(
  mine: Report,
  theirs: Report,
  choices: Readonly<Record<string, 'mine' | 'theirs'>>,
  items: readonly MergeItem[],
): Report {
  const cells = { ...mine.cells };
  const sections = { ...mine.sections };
  let preamble = mine.preamble;
  for (const it of items) {
    const side = choices[it.key] ?? it.proposed;
    if (side === 'mine') continue;
    if (it.kind === 'cell') {
      const id = it.key.slice(5);
      const c = theirs.cells[id];
      if (c) cells[id] = c;
      else delete cells[id];
    } else {
      const k = it.key.slice(5) as TextField;
      if (k === 'preamble') preamble = theirs.preamble;
      else sections[k] = theirs.sections[k];
    }
  }
  const out: Report = { ...mine, cells, sections };
  if (preamble === undefined) delete (out as { preamble?: string }).preamble;
  else out.preamble = preamble;
  // Totals computed from their parts follow the merged parts.
  return derive(out).report;
}
