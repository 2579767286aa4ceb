import { type CellId, cellDef, derive, type Report, setCell } from '@nianbao/core';
import { blockTargets, type Nav } from './nav';
import { parseCellText } from './numbers';
import { headerLines, labelledTargets } from './rowLabels';
import { parseTsv } from './tsv';

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
  /** Values that are not numbers of their cell's kind: skipped, 简体中文. */
  readonly errors: readonly string[];
  /**
   * Values read with a note, where and what (「第 1 行第 2 列：已按万元换算：1.5亿元 = 15000万元」, a footnote
   * mark dropped, spaces read as thousands separators): said in the banner, as typing says them.
   */
  readonly notes: readonly string[];
  /**
   * Lines without tabs split at their spaces into cells (a row copied from a PDF as plain text,
   * 「4 2 0 0 0 0 6」): how many lines, and how many values they gave.
   */
  readonly spaceSplit?: { readonly lines: number; readonly values: number };
  /** Non-empty values that fell outside the table. */
  readonly outside: number;
  /** Header lines at the top of the block (申请人情况 / 自然人 …), skipped. */
  readonly headerRows: number;
  /** The block's first column(s) were row labels: each line went to the row its label names. */
  readonly byLabel?: {
    readonly rows: number;
    readonly labelColumns: number;
    /** Lines whose label names no row here: not pasted (「…」 as pasted, with why). */
    readonly unmatched: readonly string[];
    /** Those lines are rows of another table (「表三」). */
    readonly otherTable?: string;
  };
}

/**
 * Paste a tab-separated block (Excel, WPS) with its top-left value at `start`. Input cells take the
 * pasted numbers; a pasted total equal to what its parts give is kept as computed, one that differs
 * is kept as stated and flagged (derive reports it), never overwritten silently.
 */
export function pasteBlock(report: Report, nav: Nav, start: CellId, text: string): PasteResult {
  const { block, split } = spreadSpaced(parseTsv(text));
  // Copied with its row labels: each line goes to the row its label names, its numbers from the
  // row's first cell. Without labels: at the cursor, as the block lies (a header line above it skipped).
  const labelled = labelledTargets(nav, start, block);
  const headerRows = labelled ? labelled.headerRows : headerLines(nav, start, block);
  const { targets, outside } =
    labelled ?? shifted(blockTargets(nav, start, block.slice(headerRows)), headerRows);
  const edition = report.meta.edition;
  const errors: string[] = [];
  const notes: string[] = [];
  let entered = report;
  const totals: { cell: CellId; value: number | null }[] = [];
  const covered: CellId[] = [];
  for (const t of targets) {
    const def = cellDef(edition, t.cell);
    if (!def) continue;
    const parsed = parseCellText(t.text, def.valueType, def.unit);
    if (parsed.kind === 'error') {
      errors.push(`第 ${t.row + 1} 行第 ${t.col + 1} 列：${parsed.message}，已跳过（${def.label}）`);
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
    // As typing does (core's setCell): a cell the report lacks is added, with its unit if money.
    entered = setCell(entered, t.cell, value);
    // 「15.3万元」 pasted where the report says the unit: the unit pasted is the cell's.
    const set = entered.cells[t.cell];
    if (parsed.kind === 'value' && parsed.unit && set)
      entered = { ...entered, cells: { ...entered.cells, [t.cell]: { ...set, unit: parsed.unit } } };
  }
  let next = derive(entered, { fillAbsent: true }).report;
  if (totals.length) {
    const stated = { ...next.cells };
    let any = false;
    for (const t of totals) {
      const computed = stated[t.cell]?.value ?? null;
      if (t.value === null || t.value === computed) continue;
      stated[t.cell] = { value: t.value, origin: 'entered' };
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
    notes,
    outside,
    headerRows,
    ...(split.lines ? { spaceSplit: split } : {}),
    ...(labelled
      ? {
          byLabel: {
            rows: labelled.rows,
            labelColumns: labelled.labelColumns,
            unmatched: labelled.unmatched,
            ...(labelled.otherTable ? { otherTable: labelled.otherTable } : {}),
          },
        }
      : {}),
  };
}

/** Spaces of every kind a copy may carry between numbers. */
const SPACES = /[ \u00a0\u2009\u202f\u3000]+/;
const TYPES = ['count', 'signedCount', 'money'] as const;
/** A text core reads as one value (or a blank) of some cell. */
const oneValue = (t: string) => TYPES.some((type) => parseCellText(t, type, null).kind !== 'error');

/**
 * A block without tabs whose lines are values separated by spaces — a row copied from a PDF or a Word
 * page as plain text (「4 2 0 0 0 0 6」) — is split at the spaces, each value into its own cell as a
 * tab-separated row is; never joined into one number (4200006). A line that reads as one value stays
 * one (「12 345」, thousands in groups of three, said as read; 「15 件」); so does one with text among
 * its values (「约 5 件」: refused whole). Text before the values is the row's label (「二、上年结转 4 2 0」),
 * matched to a row as a label column is.
 */
function spreadSpaced(block: string[][]): { block: string[][]; split: { lines: number; values: number } } {
  const split = { lines: 0, values: 0 };
  if (block.some((row) => row.length > 1)) return { block, split };
  const out = block.map((row) => {
    const text = (row[0] ?? '').trim();
    const pieces = text.split(SPACES);
    if (pieces.length < 2 || oneValue(text)) return row;
    const first = pieces.findIndex(oneValue);
    if (first < 0 || !pieces.slice(first).every(oneValue)) return row;
    split.lines++;
    split.values += pieces.length - first;
    return first > 0 ? [pieces.slice(0, first).join(' '), ...pieces.slice(first)] : pieces;
  });
  return { block: split.lines ? out : block, split };
}

/** Targets of the block below its header lines, numbered as the lines were pasted (for messages). */
function shifted<T extends { targets: { row: number }[] }>(placed: T, by: number): T {
  if (by) for (const t of placed.targets) t.row += by;
  return placed;
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
  const warn = label?.unmatched.length
    ? `${label.unmatched.length} 行的行标题与本表的行不对应，未粘贴：${label.unmatched.join('、')}${
        label.otherTable ? `。这些是${label.otherTable}的行，请在${label.otherTable}中粘贴` : ''
      }。`
    : null;
  return { text: `${parts.join('；')}。`, warn };
}
