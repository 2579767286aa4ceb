/**
 * Small, independent readers of our own outputs for the structural round trip: they read the
 * tables back by grid position (after expanding rowspan/colspan or gridSpan/vMerge) and never use
 * the renderer's code paths, so a layout mistake shows up as a wrong cell.
 */
import {
  type Cell,
  type CellId,
  type EditionId,
  getEdition,
  normalizeLabel,
  type Report,
  type TableKey,
} from '@nianbao/core';
import { strFromU8, unzipSync } from 'fflate';
import { tableGrid } from '../layout.js';

/** A table expanded to a full matrix: every position holds the text of the cell covering it. */
export interface Matrix {
  readonly cells: (string | undefined)[][];
  /** Origins of merged cells: `r,c` → [rowSpan, colSpan]. */
  readonly spans: Map<string, [number, number]>;
}

function rowOf(m: Matrix, r: number): (string | undefined)[] {
  let row = m.cells[r];
  if (!row) {
    row = [];
    m.cells[r] = row;
  }
  return row;
}

function place(
  m: Matrix,
  r: number,
  startCol: number,
  text: string,
  rowSpan: number,
  colSpan: number,
): number {
  const row = rowOf(m, r);
  let c = startCol;
  while (row[c] !== undefined) c++;
  for (let i = 0; i < rowSpan; i++) {
    const rr = rowOf(m, r + i);
    for (let j = 0; j < colSpan; j++) rr[c + j] = text;
  }
  if (rowSpan > 1 || colSpan > 1) m.spans.set(`${r},${c}`, [rowSpan, colSpan]);
  return c + colSpan;
}

const decode = (s: string) =>
  s
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

/** Every <table data-table> of an HTML page as a matrix (rowspan/colspan expanded). */
export function htmlTables(html: string): Map<TableKey, Matrix> {
  const out = new Map<TableKey, Matrix>();
  for (const t of html.matchAll(/<table[^>]*data-table="(\w+)"[^>]*>([\s\S]*?)<\/table>/g)) {
    const m: Matrix = { cells: [], spans: new Map() };
    let r = 0;
    for (const tr of t[2]!.matchAll(/<tr(?: [^>]*)?>([\s\S]*?)<\/tr>/g)) {
      let c = 0;
      for (const cell of tr[1]!.matchAll(/<(th|td)([^>]*)>([\s\S]*?)<\/\1>/g)) {
        const attrs = cell[2]!;
        const rs = Number(/rowspan="(\d+)"/.exec(attrs)?.[1] ?? 1);
        const cs = Number(/colspan="(\d+)"/.exec(attrs)?.[1] ?? 1);
        c = place(m, r, c, decode(cell[3]!), rs, cs);
      }
      r++;
    }
    out.set(t[1] as TableKey, m);
  }
  return out;
}

/** `data-cell` → printed text, straight from the HTML attributes. */
export function htmlDataCells(html: string): Map<CellId, string> {
  const out = new Map<CellId, string>();
  for (const m of html.matchAll(/<td data-cell="([^"]+)"[^>]*>([\s\S]*?)<\/td>/g))
    out.set(m[1]!, decode(m[2]!));
  return out;
}

/** The tables of a .docx (word/document.xml) as matrices (gridSpan/vMerge expanded). */
export function docxTables(bytes: Uint8Array): { tables: Matrix[]; xml: string; files: string[] } {
  const files = unzipSync(bytes);
  const xml = strFromU8(files['word/document.xml']!);
  const tables: Matrix[] = [];
  for (const t of xml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)) {
    const m: Matrix = { cells: [], spans: new Map() };
    const rows = [...t[1]!.matchAll(/<w:tr\b[^>]*>([\s\S]*?)<\/w:tr>/g)].map((x) => x[1]!);
    // First pass: cells with gridSpan and vMerge state per row.
    const parsed = rows.map((row) =>
      [...row.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((tc) => {
        const body = tc[1]!;
        const span = Number(/<w:gridSpan w:val="(\d+)"/.exec(body)?.[1] ?? 1);
        const vm = /<w:vMerge w:val="restart"/.test(body)
          ? 'restart'
          : /<w:vMerge\b/.test(body)
            ? 'continue'
            : 'none';
        const text = [...body.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)]
          .map((x) => decode(x[1]!))
          .join('');
        return { span, vm, text };
      }),
    );
    // Column positions per row, then vertical extents of restart cells.
    const positioned = parsed.map((cells) => {
      let c = 0;
      return cells.map((cell) => {
        const at = c;
        c += cell.span;
        return { ...cell, col: at };
      });
    });
    positioned.forEach((cells, r) => {
      for (const cell of cells) {
        if (cell.vm === 'continue') continue;
        let rowSpan = 1;
        if (cell.vm === 'restart') {
          while (positioned[r + rowSpan]?.some((x) => x.col === cell.col && x.vm === 'continue')) rowSpan++;
        }
        for (let i = 0; i < rowSpan; i++) {
          const row = rowOf(m, r + i);
          for (let j = 0; j < cell.span; j++) row[cell.col + j] = cell.text;
        }
        if (rowSpan > 1 || cell.span > 1) m.spans.set(`${r},${cell.col}`, [rowSpan, cell.span]);
      }
    });
    tables.push(m);
  }
  return { tables, xml, files: Object.keys(files) };
}

/** Parse printed text back to a cell value: '' → blank; 「153.1万元」 → 153.1 with its unit; 本年增/减's 「+3」 → 3. */
export function parsePrinted(text: string): Pick<Cell, 'value' | 'unit'> {
  const s = text.trim();
  if (s === '') return { value: null };
  const m = /^([-+]?\d+(?:\.\d+)?)(元|万元|（未注明单位）)?$/.exec(s);
  if (!m) throw new Error(`unreadable cell text: ${JSON.stringify(text)}`);
  if (m[2] === '（未注明单位）') return { value: Number(m[1]), unit: 'unknown' };
  return m[2] ? { value: Number(m[1]), unit: m[2] as '元' | '万元' } : { value: Number(m[1]) };
}

/**
 * Read every value cell of a matrix at the positions the edition's layout gives, and check that
 * every label sits where the layout puts it (labels compared after normalizeLabel).
 */
export function readByPosition(
  edition: EditionId,
  table: TableKey,
  m: Matrix,
  rowOffset = 0,
): Map<CellId, Pick<Cell, 'value' | 'unit'>> {
  const grid = tableGrid(edition, table);
  const out = new Map<CellId, Pick<Cell, 'value' | 'unit'>>();
  for (const row of grid.rows) {
    for (const cell of row) {
      const text = m.cells[cell.row + rowOffset]?.[cell.col];
      if (text === undefined) throw new Error(`${table}: nothing at ${cell.row},${cell.col}`);
      if (cell.kind === 'value') out.set(cell.cellId!, parsePrinted(text));
      else if (normalizeLabel(text) !== normalizeLabel(cell.text)) {
        throw new Error(`${table}: label at ${cell.row},${cell.col} is ${text}, expected ${cell.text}`);
      }
    }
  }
  return out;
}

/**
 * Markdown reader: finds each table by its labels (表二 by block caption, 表三 by row label, 表四 by
 * row label) and reads the numbers by column order.
 */
export function markdownCells(md: string, edition: EditionId): Map<CellId, Pick<Cell, 'value' | 'unit'>> {
  const e = getEdition(edition);
  const out = new Map<CellId, Pick<Cell, 'value' | 'unit'>>();
  const lines = md.split('\n');
  const splitRow = (line: string) =>
    line
      .slice(1, -1)
      .split(/(?<!\\)\|/)
      .map((s) => s.trim().replace(/\\\|/g, '|'));
  const byLabel = (from: number, label: string) =>
    lines.findIndex(
      (l, i) =>
        i >= from && l.startsWith('|') && normalizeLabel(splitRow(l)[0] ?? '') === normalizeLabel(label),
    );
  let cursor = lines.findIndex((l) => l.startsWith(`## ${e.sections[1]!.title}`));
  for (const block of e.tables.activeDisclosure.blocks) {
    cursor = lines.findIndex((l, i) => i > cursor && l === `**${block.caption}**`);
    for (const row of block.rows) {
      const at = byLabel(cursor, row.label);
      const vals = splitRow(lines[at]!).slice(1);
      for (const [i, c] of block.columns.entries()) {
        out.set(`activeDisclosure.${row.key}.${c.key}`, parsePrinted(vals[i] ?? ''));
      }
    }
  }
  const t3 = e.tables.applications;
  cursor = lines.findIndex((l) => l.startsWith(`## ${e.sections[2]!.title}`));
  for (const row of t3.dataRows) {
    const at = byLabel(cursor, row.label);
    const vals = splitRow(lines[at]!).slice(1);
    for (const [i, c] of t3.columns.entries()) {
      out.set(`applications.${row.key}.${c.key}`, parsePrinted(vals[i] ?? ''));
    }
  }
  const t4 = e.tables.reviewLitigation;
  cursor = lines.findIndex((l) => l.startsWith(`## ${e.sections[3]!.title}`));
  for (const row of t4.rows) {
    const at = byLabel(cursor, row.label);
    const vals = splitRow(lines[at]!).slice(1);
    for (const [i, c] of t4.columns.entries()) {
      out.set(`reviewLitigation.${row.key}.${c.key}`, parsePrinted(vals[i] ?? ''));
    }
  }
  return out;
}

/** What a reader should get back from a report: value, and the unit where it is printed. */
export function expectedCells(report: Report): Map<CellId, Pick<Cell, 'value' | 'unit'>> {
  const out = new Map<CellId, Pick<Cell, 'value' | 'unit'>>();
  for (const def of getEdition(report.meta.edition).cells) {
    const c = report.cells[def.id];
    const value = c?.value ?? null;
    const money = def.valueType === 'money' && value !== null && value !== 0;
    // an amount of no stated unit prints with 「（未注明单位）」 under a header with a unit (bare
    // under one without); one in 元 under a 万元 header is printed in 万元 (neither is made by the
    // arbitraries: see money-units.test.ts)
    const printedUnit = money && c?.unit && c.unit !== def.unit && (c.unit !== 'unknown' || def.unit);
    out.set(def.id, printedUnit ? { value, unit: c!.unit! } : { value });
  }
  return out;
}
