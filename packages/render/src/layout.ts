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

/**
 * What a value cell prints: blank (null or absent) prints '' — never 0; 本年增/减 prints its sign
 * (+3, -2, 0). A money cell whose column
 * header names no unit (2019 采购总金额) prints the unit it was given (元/万元); a money cell in a
 * unit other than the header's prints that unit too.
 */
export function formatCell(cell: Cell | undefined, column?: ColumnDef): string {
  if (!cell || cell.value === null) return '';
  // 本年增/减 (a signed count) shows its sign, as the form does: +3 is an increase, not a count of 3.
  const text = `${column?.valueType === 'signedCount' && cell.value > 0 ? '+' : ''}${formatNumber(cell.value)}`;
  if (column?.valueType === 'money' && cell.unit && cell.unit !== 'unknown' && cell.unit !== column.unit) {
    return `${text}${cell.unit}`;
  }
  return text;
}

/** Whether the report holds any cell of a table (a table without cells is not printed). */
export function hasTable(report: Report, table: TableKey): boolean {
  const present = report.layout?.tablesPresent?.[table];
  if (present === false) return false;
  const prefix = `${table}.`;
  for (const id in report.cells) if (id.startsWith(prefix)) return true;
  return false;
}
