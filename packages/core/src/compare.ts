import { comparableItems, type NotComparable, sumCells } from './common.js';
import { derive } from './derive.js';
import { type CellId, cellDef } from './editions/index.js';
import { type Report, sameAgency } from './model.js';
import type { Finding } from './rules/types.js';
import { validate } from './validate.js';

export interface Delta {
  /**
   * A cell id (cell-ids.md): the current report's cell; for （六）其他处理 across editions the trial
   * format's `applications.other.<column>` (the group's total). `previousCells`/`currentCells`: the
   * cells each year sums.
   */
  readonly key: CellId;
  readonly label: string;
  readonly previous: number | null;
  readonly current: number | null;
  /** current − previous; null when either is blank. */
  readonly delta: number | null;
  /**
   * (current − previous) ÷ |previous|; null when previous is 0 or either is blank. Divided by the
   * size of last year's number, so it goes the way the number went where that was below 0 (本年增/减
   * −2 → +2 is +200%, not −200% beside a delta of +4).
   */
  readonly change: number | null;
  readonly quality: 'equivalent' | 'approximate';
  readonly previousCells: readonly CellId[];
  readonly currentCells: readonly CellId[];
  /**
   * The years whose report lacks a cell of the item — never read from the published document (an
   * import that could not read it), which is not a blank the report printed. Absent when neither.
   */
  readonly unread?: readonly ('previous' | 'current')[];
  /**
   * Money items only: '万元' when both years' amounts are in a known unit (元 is converted, so
   * 251000元 and 30万元 compare as 25.1 → 30); 'unknown' when a year's amount has no unit, and then
   * previous/current are as printed and delta/change null (a note says so).
   */
  readonly unit?: '万元' | 'unknown';
  /**
   * Money items of unit 'unknown' only: each year's unit as its report states it (元, 万元, or
   * 'unknown'), so the year that did state one is not said to have none. Its amount is as printed.
   */
  readonly printedUnits?: { readonly previous: MoneyUnit; readonly current: MoneyUnit };
}

type MoneyUnit = '元' | '万元' | 'unknown';

export interface Comparison {
  readonly previous: { readonly year: number; readonly edition: string; readonly agency: string };
  readonly current: { readonly year: number; readonly edition: string; readonly agency: string };
  /** Same edition: every cell; across editions: the common core (domain.md §5.2). */
  readonly deltas: readonly Delta[];
  readonly notComparable: readonly NotComparable[];
  /** The cross-year findings X1–X6. */
  readonly findings: readonly Finding[];
  /** Things a reader must know (简体中文): years not consecutive, agencies that differ. */
  readonly notes: readonly string[];
}

/**
 * An amount in 万元: 元 divided by 10 000, 万元 as is. A cell without a unit (printed without one,
 * "unknown") makes it `unknown` unless it is 0 — 0 is 0 in any unit. A cell that states no unit at
 * all takes the header's: the 2021 本年收费金额 is in 万元 by the format (cell-ids.md), as render prints
 * it and `aggregate` sums it; `unit: 'unknown'` said outright stays unknown. `printed`: the sum as
 * printed. Blank → null.
 */
function inWan(
  report: Report,
  ids: readonly CellId[],
): { value: number | null; printed: number | null; unknown: boolean } {
  let sum = 0;
  let printed = 0;
  let unknown = false;
  for (const id of ids) {
    const cell = report.cells[id];
    if (!cell || typeof cell.value !== 'number') return { value: null, printed: null, unknown: false };
    printed += cell.value;
    if (cell.unit === '元') sum += cell.value / 10_000;
    else if (
      cell.unit === '万元' ||
      cell.value === 0 ||
      (cell.unit === undefined && cellDef(report.meta.edition, id)?.unit === '万元')
    )
      sum += cell.value;
    else unknown = true;
  }
  return { value: Math.round(sum * 1e8) / 1e8, printed, unknown };
}

/** The unit a year's amount is printed in: its cells' one stated unit (the header's when none), else unknown. */
function printedUnit(report: Report, ids: readonly CellId[]): MoneyUnit {
  const units = new Set(
    ids.map((id) => {
      const cell = report.cells[id];
      return cell?.unit ?? (cellDef(report.meta.edition, id)?.unit === '万元' ? '万元' : 'unknown');
    }),
  );
  return units.size === 1 ? [...units][0]! : 'unknown';
}

/**
 * Year-on-year comparison on what is comparable, with the cross-year findings. Each report is
 * compared as `derive` gives it (as `aggregate` sums it): a total it derived is its parts' sum now,
 * never a number left by a part changed since.
 */
export function compare(previousAsGiven: Report, currentAsGiven: Report): Comparison {
  const previous = derive(previousAsGiven).report;
  const current = derive(currentAsGiven).report;
  const { items, notComparable } = comparableItems(previous.meta.edition, current.meta.edition);
  const pv = (id: CellId) => previous.cells[id]?.value;
  const cv = (id: CellId) => current.cells[id]?.value;
  const round = (x: number) => Math.round(x * 1e6) / 1e6;
  const unitNotes: string[] = [];
  /** The years lacking a cell of the item (never read, not blank): for `Delta.unread`. */
  const unreadOf = (it: { previousCells: readonly CellId[]; currentCells: readonly CellId[] }) => {
    const years = [
      ...(it.previousCells.some((id) => previous.cells[id] === undefined) ? (['previous'] as const) : []),
      ...(it.currentCells.some((id) => current.cells[id] === undefined) ? (['current'] as const) : []),
    ];
    return years.length ? { unread: years } : {};
  };
  const deltas: Delta[] = items.map((it) => {
    const money = cellDef(current.meta.edition, it.currentCells[0]!)?.valueType === 'money';
    if (money) {
      const a = inWan(previous, it.previousCells);
      const b = inWan(current, it.currentCells);
      const unknown = a.unknown || b.unknown;
      if (unknown && a.value !== null && b.value !== null)
        unitNotes.push(
          `${it.label}：${a.unknown ? previous.meta.year : current.meta.year} 年度的金额未注明单位（元或万元），未作比较`,
        );
      const ok = !unknown && a.value !== null && b.value !== null;
      return {
        key: it.key,
        label: it.label,
        previous: unknown ? a.printed : a.value,
        current: unknown ? b.printed : b.value,
        delta: ok ? round(b.value! - a.value!) : null,
        change: ok && a.value !== 0 ? (b.value! - a.value!) / a.value! : null,
        quality: it.quality,
        previousCells: it.previousCells,
        currentCells: it.currentCells,
        ...unreadOf(it),
        unit: unknown ? 'unknown' : '万元',
        ...(unknown
          ? {
              printedUnits: {
                previous: printedUnit(previous, it.previousCells),
                current: printedUnit(current, it.currentCells),
              },
            }
          : {}),
      };
    }
    const a = sumCells(pv, it.previousCells);
    const b = sumCells(cv, it.currentCells);
    return {
      key: it.key,
      label: it.label,
      previous: a,
      current: b,
      delta: a === null || b === null ? null : round(b - a),
      change: a === null || b === null || a === 0 ? null : (b - a) / Math.abs(a),
      quality: it.quality,
      previousCells: it.previousCells,
      currentCells: it.currentCells,
      ...unreadOf(it),
    };
  });
  const notes: string[] = [];
  if (current.meta.year - previous.meta.year !== 1)
    notes.push(
      `两份报告的年度为 ${previous.meta.year} 和 ${current.meta.year}，不是相邻年度，跨年核对未进行`,
    );
  if (!sameAgency(previous.meta.agency, current.meta.agency))
    notes.push(`两份报告的机关不同：${previous.meta.agency.name} / ${current.meta.agency.name}`);
  if (previous.meta.edition !== current.meta.edition)
    notes.push('两份报告格式版本不同：只比较共同口径（表三、表四及表二的五项），（六）其他处理按合计比较');
  notes.push(...unitNotes);
  // cells never read (an import that could not read them) are no blanks the report printed
  for (const [which, year] of [
    ['previous', previous.meta.year],
    ['current', current.meta.year],
  ] as const) {
    const n = deltas.filter((d) => d.unread?.includes(which)).length;
    if (n)
      notes.push(`${year} 年度的报告中有 ${n} 项未读到（导入时未能读出，不是报告留空），这些项目不计增减`);
  }
  const findings = validate(current, { previous, only: ['X1', 'X2', 'X3', 'X4', 'X5', 'X6'] });
  return {
    previous: { year: previous.meta.year, edition: previous.meta.edition, agency: previous.meta.agency.name },
    current: { year: current.meta.year, edition: current.meta.edition, agency: current.meta.agency.name },
    deltas,
    notComparable,
    findings,
    notes,
  };
}
