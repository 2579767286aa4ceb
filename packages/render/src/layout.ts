/**
 * The three tables as grids of (possibly merged) cells, derived from the edition data in
 * @nianbao/core. Every format (HTML, DOCX, XLSX, Markdown) renders from these grids, so the layout
 * exists once and the labels are never copied.
 */
import {
  type BlockDef,
  type Cell,
  type CellId,
  type ColumnDef,
  type Edition,
  type EditionId,
  getEdition,
  type Report,
  type RowDef,
  type TableKey,
} from '@nianbao/core';

export type GridCellKind = 'caption' | 'corner' | 'header' | 'rowLabel' | 'value';

export interface GridCell {
  readonly kind: GridCellKind;
  /** Top-left position in the grid (0-based). */
  readonly row: number;
  readonly col: number;
  readonly rowSpan: number;
  readonly colSpan: number;
  /** The printed label (verbatim from the edition data); empty for value cells. */
  readonly text: string;
  /** Value cells: the cell id (`applications.newReceived.total`). */
  readonly cellId?: CellId;
  /** Value cells: the column definition (value type, unit). */
  readonly column?: ColumnDef;
}

export interface TableGrid {
  readonly table: TableKey;
  readonly rowCount: number;
  readonly colCount: number;
  /** Rows of the grid; each lists the cells that start in it, left to right. */
  readonly rows: readonly (readonly GridCell[])[];
  /** Number of leading rows that are column headers (repeat on each printed page). */
  readonly headerRows: number;
  /** Relative column widths (sum is arbitrary; scale to the page). */
  readonly colWeights: readonly number[];
}

class GridBuilder {
  readonly rows: GridCell[][] = [];
  add(cell: Omit<GridCell, 'rowSpan' | 'colSpan'> & { rowSpan?: number; colSpan?: number }): void {
    const full: GridCell = { rowSpan: 1, colSpan: 1, ...cell };
    while (this.rows.length <= full.row) this.rows.push([]);
    this.rows[full.row]!.push(full);
  }
  build(table: TableKey, colCount: number, headerRows: number, colWeights: number[]): TableGrid {
    for (const r of this.rows) r.sort((a, b) => a.col - b.col);
    return { table, rowCount: this.rows.length, colCount, rows: this.rows, headerRows, colWeights };
  }
}

/**
 * 表二: one table; each block is a full-width caption row (第二十条第（一）项), a header row starting
 * with 信息内容, and its data rows. A block with fewer columns than the widest lets its last column
 * span the rest.
 */
function activeDisclosureGrid(edition: Edition): TableGrid {
  const { blocks, rowHeaderLabel } = edition.tables.activeDisclosure;
  const width = Math.max(...blocks.map((b: BlockDef) => b.columns.length));
  const colCount = width + 1;
  const g = new GridBuilder();
  let r = 0;
  for (const block of blocks) {
    g.add({ kind: 'caption', row: r, col: 0, colSpan: colCount, text: block.caption });
    r++;
    g.add({ kind: 'header', row: r, col: 0, text: rowHeaderLabel });
    block.columns.forEach((c, i) => {
      const last = i === block.columns.length - 1;
      g.add({ kind: 'header', row: r, col: i + 1, colSpan: last ? width - i : 1, text: c.label });
    });
    r++;
    for (const row of block.rows) {
      g.add({ kind: 'rowLabel', row: r, col: 0, text: row.label });
      block.columns.forEach((c, i) => {
        const last = i === block.columns.length - 1;
        g.add({
          kind: 'value',
          row: r,
          col: i + 1,
          colSpan: last ? width - i : 1,
          text: '',
          cellId: `activeDisclosure.${row.key}.${c.key}`,
          column: c,
        });
      });
      r++;
    }
  }
  return g.build('activeDisclosure', colCount, 0, [2.2, ...Array.from({ length: width }, () => 1.6)]);
}

/**
 * Column header levels from nested column groups: each group spans its (contiguous) columns; a
 * column's own label sits below its innermost group and spans the remaining header rows.
 */
function columnHeaders(
  g: GridBuilder,
  columns: readonly ColumnDef[],
  groups: readonly { label: string; columns: readonly string[] }[],
  colOffset: number,
  rowOffset: number,
): number {
  const ordered = [...groups].sort((a, b) => b.columns.length - a.columns.length);
  const stacks = columns.map((c) => ordered.filter((gr) => gr.columns.includes(c.key)));
  const levels = Math.max(...stacks.map((s) => s.length)) + 1;
  for (let level = 0; level < levels; level++) {
    let i = 0;
    while (i < columns.length) {
      const stack = stacks[i]!;
      const group = stack[level];
      if (group) {
        let span = 1;
        while (i + span < columns.length && stacks[i + span]![level] === group) span++;
        g.add({
          kind: 'header',
          row: rowOffset + level,
          col: colOffset + i,
          colSpan: span,
          text: group.label,
        });
        i += span;
      } else {
        if (level === stack.length) {
          g.add({
            kind: 'header',
            row: rowOffset + level,
            col: colOffset + i,
            rowSpan: levels - level,
            text: columns[i]!.label,
          });
        }
        i++;
      }
    }
  }
  return levels;
}

/**
 * 表三: the corner cell holds the 勾稽关系 note; 申请人情况 spans the seven columns, 法人或其他组织
 * five; group rows (三、本年度办理结果, （三）不予公开 …) are row-spanning label cells, not data rows.
 */
function applicationsGrid(edition: Edition): TableGrid {
  const t = edition.tables.applications;
  const byKey = new Map<string, RowDef>(t.rows.map((r) => [r.key, r]));
  const depth = (row: RowDef): number => (row.parent ? 1 + depth(byKey.get(row.parent)!) : 0);
  const labelCols = Math.max(...t.dataRows.map(depth)) + 1;
  const g = new GridBuilder();
  const groups = t.columnGroups.map((gr) => ({ label: gr.label, columns: gr.columns }));
  // Header rows first (the corner spans them), computed by a dry run to know the level count.
  const levels = columnHeaders(g, t.columns, groups, labelCols, 0);
  g.add({ kind: 'corner', row: 0, col: 0, rowSpan: levels, colSpan: labelCols, text: t.cornerNote });
  const descendants = (key: string): number =>
    t.rows
      .filter((r) => r.parent === key)
      .reduce((n, r) => n + (r.kind === 'group' ? descendants(r.key) : 1), 0);
  let r = levels;
  const pendingGroups: RowDef[] = [];
  for (const row of t.rows) {
    if (row.kind === 'group') {
      pendingGroups.push(row);
      continue;
    }
    for (const gr of pendingGroups) {
      g.add({ kind: 'rowLabel', row: r, col: depth(gr), rowSpan: descendants(gr.key), text: gr.label });
    }
    pendingGroups.length = 0;
    const d = depth(row);
    g.add({ kind: 'rowLabel', row: r, col: d, colSpan: labelCols - d, text: row.label });
    t.columns.forEach((c, i) => {
      g.add({
        kind: 'value',
        row: r,
        col: labelCols + i,
        text: '',
        cellId: `applications.${row.key}.${c.key}`,
        column: c,
      });
    });
    r++;
  }
  // Data columns wide enough for four characters (商业企业) at 小五; the last label column takes the rest.
  const weights = [
    ...Array.from({ length: labelCols }, (_, i) => (i === labelCols - 1 ? 3 : 1.1)),
    ...t.columns.map(() => 1.3),
  ];
  return g.build('applications', labelCols + t.columns.length, levels, weights);
}

/**
 * 表四: 行政复议 over its five columns; 行政诉讼 over 未经复议直接起诉 and 复议后起诉, each over five
 * columns; one row of fifteen numbers.
 */
function reviewLitigationGrid(edition: Edition): TableGrid {
  const t = edition.tables.reviewLitigation;
  const g = new GridBuilder();
  const n = t.columns.length;
  const levels = Math.max(...t.columnGroups.map((gr) => (gr.children?.length ? 3 : 2)));
  let col = 0;
  const order: string[] = [];
  for (const gr of t.columnGroups) {
    const children = gr.children?.length ? gr.children : undefined;
    const span = (children?.length ?? 1) * n;
    g.add({ kind: 'header', row: 0, col, colSpan: span, text: gr.label });
    if (children) {
      children.forEach((ch, i) => {
        g.add({ kind: 'header', row: 1, col: col + i * n, colSpan: n, text: ch.label });
        t.columns.forEach((c, j) => {
          g.add({ kind: 'header', row: 2, col: col + i * n + j, rowSpan: levels - 2, text: c.label });
        });
        order.push(ch.key);
      });
    } else {
      t.columns.forEach((c, j) => {
        g.add({ kind: 'header', row: 1, col: col + j, rowSpan: levels - 1, text: c.label });
      });
      order.push(gr.key);
    }
    col += span;
  }
  order.forEach((rowKey, i) => {
    t.columns.forEach((c, j) => {
      g.add({
        kind: 'value',
        row: levels,
        col: i * n + j,
        text: '',
        cellId: `reviewLitigation.${rowKey}.${c.key}`,
        column: c,
      });
    });
  });
  return g.build(
    'reviewLitigation',
    col,
    levels,
    Array.from({ length: col }, () => 1),
  );
}

const cache = new Map<string, TableGrid>();

/** The grid of one table of an edition (cached; grids are immutable). */
export function tableGrid(edition: EditionId, table: TableKey): TableGrid {
  const key = `${edition}/${table}`;
  let grid = cache.get(key);
  if (!grid) {
    const e = getEdition(edition);
    grid =
      table === 'activeDisclosure'
        ? activeDisclosureGrid(e)
        : table === 'applications'
          ? applicationsGrid(e)
          : reviewLitigationGrid(e);
    cache.set(key, grid);
  }
  return grid;
}

/** Shortest decimal text of a number, never in exponent notation for realistic values. */
export function formatNumber(n: number): string {
  if (Object.is(n, -0)) return '0';
  const s = String(n);
  if (!/e/i.test(s)) return s;
  return n.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 });
}

/** Move the decimal point of a number's decimal text `by` places (negative: left), exactly. */
function shiftPoint(v: number, by: number): number {
  const text = formatNumber(Math.abs(v));
  const [int = '0', frac = ''] = text.split('.');
  let digits = `${int}${frac}`;
  let point = int.length + by;
  if (point <= 0) {
    digits = `${'0'.repeat(1 - point)}${digits}`;
    point = 1;
  } else if (point > digits.length) digits = digits.padEnd(point, '0');
  const out = `${digits.slice(0, point)}.${digits.slice(point) || '0'}`;
  return (v < 0 ? -1 : 1) * Number(out);
}

/** An amount in 元 as 万元, converted exactly on its decimal digits: 12345678 → 1234.5678, 3800 → 0.38. */
export function yuanToWan(v: number): number {
  return shiftPoint(v, -4);
}

/** How a value cell shows: its text, the number a spreadsheet stores, and a note for under the table. */
export interface ShownCell {
  /** The printed text ('' for blank). */
  readonly text: string;
  /**
   * The number to store in a spreadsheet cell, in the unit of the column's header where it names one
   * (an amount stated in 元 under 「（单位：万元）」 is stored in 万元); undefined when the cell is
   * blank or is not a number in a known unit (an amount whose unit the report does not state).
   */
  readonly number?: number;
  /** The unit the number shows with where the header names none (2019's 采购总金额: 元, 万元). */
  readonly unit?: string;
  /** What the reader must be told under the table (converted from 元; no unit stated). */
  readonly note?: string;
}

const shortLabel = (label: string) => label.replace(/[（(]单位[:：][^）)]*[）)]/, '');

/**
 * What a value cell prints: blank (null or absent) prints '' — never 0; 本年增/减 prints its sign
 * (+3, -2, 0). Money: under a header that names its unit (2021 本年收费金额（单位：万元）) the
 * amount prints in that unit — one stated in 元 converted exactly (12345678元 → 1234.5678), with a
 * note saying so; a header that names none (2019 采购总金额) prints the unit the amount was given
 * (251000元, 25.1万元). An amount whose unit the report does not state prints as stated, with a
 * note under the table, and under a 万元 header with 「（未注明单位）」 in the cell too: never
 * silently as 万元. 0 is 0 in any unit.
 */
export function showCell(cell: Cell | undefined, column?: ColumnDef): ShownCell {
  if (!cell || cell.value === null) return { text: '' };
  const v = cell.value;
  if (column?.valueType !== 'money') {
    // 本年增/减 (a signed count) shows its sign, as the form does: +3 is an increase, not a count of 3.
    const text = `${column?.valueType === 'signedCount' && v > 0 ? '+' : ''}${formatNumber(v)}`;
    return { text, number: v };
  }
  const header = column.unit ?? undefined;
  const unit = cell.unit ?? header ?? 'unknown';
  // the column's label, not the row's: a note naming 「政府集中采购」 would read as the row to an importer
  const what = shortLabel(column.label);
  if (v === 0) return { text: '0', number: 0 };
  if (unit === 'unknown') {
    const note = `注：${what}原报告未注明单位（元或万元），按原文列出${formatNumber(v)}，未换算${header ? `为${header}` : ''}。`;
    // Under a header naming no unit (2019's 采购总金额) the bare number claims none; under
    // 「（单位：万元）」 it would read as 万元, so the cell says it is not.
    return header
      ? { text: `${formatNumber(v)}（未注明单位）`, note }
      : { text: formatNumber(v), number: v, note };
  }
  if (!header) return { text: `${formatNumber(v)}${unit}`, number: v, unit };
  if (unit === header) return { text: formatNumber(v), number: v };
  if (unit === '元' && header === '万元') {
    const wan = yuanToWan(v);
    return {
      text: formatNumber(wan),
      number: wan,
      note: `注：${what}原报告以元填报：${formatNumber(v)}元，已换算为${formatNumber(wan)}万元。`,
    };
  }
  // 万元 under a header in 元 (no edition has one): the unit stays with the number.
  return { text: `${formatNumber(v)}${unit}`, number: v, unit };
}

/** What a value cell prints (see showCell). */
export function formatCell(cell: Cell | undefined, column?: ColumnDef): string {
  return showCell(cell, column).text;
}

/** The notes under a printed table: amounts converted to the header's unit, amounts of no stated unit. */
export function tableNotes(report: Report, table: TableKey): string[] {
  const grid = tableGrid(report.meta.edition, table);
  const notes: string[] = [];
  for (const c of grid.rows.flat()) {
    if (c.kind !== 'value' || c.column?.valueType !== 'money') continue;
    const note = showCell(report.cells[c.cellId!], c.column).note;
    if (note) notes.push(note);
  }
  return notes;
}

/** Whether the report holds any cell of a table (a table without cells is not printed). */
export function hasTable(report: Report, table: TableKey): boolean {
  const present = report.layout?.tablesPresent?.[table];
  if (present === false) return false;
  const prefix = `${table}.`;
  for (const id in report.cells) if (id.startsWith(prefix)) return true;
  return false;
}

/** The text column of the A4 page (210 mm less the GB/T 9704 margins of 28 mm and 26 mm), in pt. */
export const TEXT_WIDTH_PT = ((210 - 28 - 26) * 72) / 25.4;

/** Font size of each printed table, pt: 表二 五号 (10.5), 表三 and 表四 小五 (9). */
export const TABLE_FONT_PT: Readonly<Record<TableKey, number>> = {
  activeDisclosure: 10.5,
  applications: 9,
  reviewLitigation: 9,
};

/** The smallest size the numbers of a table shrink to (六号 is 7.5 pt) so that they stay on one line. */
export const MIN_VALUE_FONT_PT = 6.5;

/**
 * Advance width of a value's text in em of Times New Roman (Liberation Serif, LibreOffice's and
 * Linux Chromium's stand-in, has the same metrics): digits ½ em, + 0.564, − ⅓, the point ¼, the
 * unit (元, 万元) a full em. Slightly generous, so a number measured to fit does fit.
 */
export function valueTextEm(text: string): number {
  let em = 0;
  for (const ch of text) {
    if (ch >= '0' && ch <= '9') em += 0.5;
    else if (ch === '+') em += 0.564;
    else if (ch === '-') em += 0.333;
    else if (ch === '.' || ch === ',') em += 0.25;
    else if (ch.charCodeAt(0) < 0x80) em += 0.722;
    else em += 1;
  }
  return em;
}

/** How a table's columns share the text width, and the size its numbers print at. */
export interface TableFit {
  /** Width of each column of the grid, pt (they add up to the width asked for). */
  readonly widths: readonly number[];
  /** Font size of the value cells, pt: the table's size, smaller only when the numbers need it. */
  readonly valueSize: number;
  /** Whether every number fits on one line of its cell (false only for absurdly long numbers). */
  readonly fits: boolean;
}

export interface FitOptions {
  /** The width of the table, pt (default: the A4 text column, TEXT_WIDTH_PT). */
  readonly width?: number;
  /** Left plus right padding of a cell, borders included, pt (default 3.5). */
  readonly padding?: number;
}

/**
 * Column widths of a printed table, from its weights and the numbers the report puts in it. A
 * number too wide for its column at the table's size (a 6-digit count in one of 表四's fifteen
 * columns wrapped as 「10055」 over 「5」) gets the width it needs, taken from the other value
 * columns, as long as every column head keeps its line breaks (结果/维持 stays two lines of two,
 * never 结果维/持; 商业企业 stays one line); label columns keep their width. Only when that is not
 * enough do all the numbers of the table print smaller, half a point at a time, down to
 * MIN_VALUE_FONT_PT. A report whose numbers fit gets exactly the widths of the weights.
 */
export function fitTable(report: Report, table: TableKey, options: FitOptions = {}): TableFit {
  const grid = tableGrid(report.meta.edition, table);
  const total = options.width ?? TEXT_WIDTH_PT;
  const padding = options.padding ?? 3.5;
  const size = TABLE_FONT_PT[table];
  const weightSum = grid.colWeights.reduce((a, b) => a + b, 0);
  const base = grid.colWeights.map((w) => (w / weightSum) * total);
  const cells = grid.rows.flat();
  // Single-column value cells: their text (spanning value cells, 表二's last column, are wide).
  const ems = new Map<number, number>();
  for (const c of cells)
    if (c.kind === 'value' && c.colSpan === 1) {
      const em = valueTextEm(formatCell(report.cells[c.cellId!], c.column));
      ems.set(c.col, Math.max(ems.get(c.col) ?? 0, em));
    }
  // Text width at size s, with 3% to spare for hinting and rounding, plus the cell's padding.
  const need = (col: number, s: number) => (ems.get(col) ?? 0) * s * 1.03 + padding + 1;
  if ([...ems.keys()].every((col) => need(col, size) <= base[col]!))
    return { widths: base, valueSize: size, fits: true };
  // The band of widths in which a value column's heads break as they do at its weight's width:
  // wide enough for the characters of its longest line, too narrow for one more (on two lines or
  // more). A head is measured a full em a character, as Chinese is.
  const floorOf = new Map<number, number>();
  const ceilingOf = new Map<number, number>();
  for (const c of cells)
    if (c.kind === 'header' && c.colSpan === 1 && ems.has(c.col)) {
      const chars = [...c.text.replace(/\s+/g, '')].length;
      const perLine = Math.max(1, Math.floor((base[c.col]! - padding) / size));
      const lines = Math.ceil(chars / perLine);
      const floor = Math.min(base[c.col]!, Math.ceil(chars / lines) * size + padding + 1);
      const ceiling = lines > 1 ? Math.max(base[c.col]!, (perLine + 1) * size + padding - 1) : Infinity;
      floorOf.set(c.col, Math.max(floorOf.get(c.col) ?? 0, floor));
      ceilingOf.set(c.col, Math.min(ceilingOf.get(c.col) ?? Infinity, ceiling));
    }
  const isValue = (col: number) => ems.has(col);
  const fixed = base.reduce((a, w, col) => (isValue(col) ? a : a + w), 0);
  for (let s = size; s >= MIN_VALUE_FONT_PT - 1e-9; s -= 0.5) {
    const floor = base.map((_, col) =>
      isValue(col) ? Math.max(need(col, s), floorOf.get(col) ?? padding + 1) : 0,
    );
    if (floor.some((f, col) => f > (ceilingOf.get(col) ?? Infinity))) continue;
    const room = total - fixed - floor.reduce((a, b) => a + b, 0);
    if (room < 0) continue;
    // Each value column between its floor and its weight's width, by one proportion.
    const slack = base.map((w, col) => (isValue(col) ? Math.max(0, w - floor[col]!) : 0));
    const slackSum = slack.reduce((a, b) => a + b, 0);
    const k = slackSum > 0 ? Math.min(1, room / slackSum) : 0;
    const widths = base.map((w, col) => (isValue(col) ? floor[col]! + slack[col]! * k : w));
    // Width left over (every value column at or above its weight's): to the columns whose heads
    // are on one line, else to the label columns, by weight.
    const left = total - widths.reduce((a, b) => a + b, 0);
    if (left > 1e-6) {
      const free = (col: number) => isValue(col) && !Number.isFinite(ceilingOf.get(col) ?? Infinity);
      const takers = base.some((_, col) => free(col)) ? free : (col: number) => !isValue(col);
      const byWeight = base.reduce((a, w, col) => (takers(col) ? a + w : a), 0);
      if (byWeight > 0)
        for (const [col, w] of base.entries()) if (takers(col)) widths[col]! += (left * w) / byWeight;
    }
    return { widths, valueSize: s, fits: true };
  }
  // Numbers too long for any size: the value columns share by need at the smallest size (some wrap).
  const s = MIN_VALUE_FONT_PT;
  const needs = base.map((_, col) => (isValue(col) ? need(col, s) : 0));
  const needSum = needs.reduce((a, b) => a + b, 0);
  const room = Math.max(0, total - fixed);
  return {
    widths: base.map((w, col) => (isValue(col) ? (needs[col]! / needSum) * room : w)),
    valueSize: s,
    fits: false,
  };
}
