import { type CellId, getEdition } from './editions/index.js';
import { identities } from './identities.js';
import type { Cell, Report } from './model.js';

export interface DeriveConflict {
  readonly cell: CellId;
  /** What the report has (printed or typed). */
  readonly printed: number;
  /** What its parts add up to. */
  readonly computed: number;
  /** The identity that computes it (T3-H:…, T3-V:…, T4-1:…). */
  readonly identity: string;
}

export interface DeriveResult {
  readonly report: Report;
  /** Cells whose value derive set or changed. */
  readonly changed: readonly CellId[];
  /** Totals the report states that disagree with their parts: kept, never overwritten silently. */
  readonly conflicts: readonly DeriveConflict[];
}

export interface DeriveOptions {
  /** Overwrite stated totals that disagree (the user chose to). Default false: keep and report. */
  readonly overwrite?: boolean;
  /**
   * Create a total the report lacks once all its parts are there (a form where the user filled in a
   * row an import could not read). Default false: an absent row stays absent for S5/S6 to report.
   */
  readonly fillAbsent?: boolean;
}

/**
 * Compute every total (表三 总计 column and （七）总计, 表四 总计) from its parts.
 *
 * A total that is blank or was itself derived is (re)computed; a total the report states (typed or
 * imported) that disagrees with its parts is kept and returned as a conflict unless `overwrite`.
 * A derived total whose parts are no longer all present becomes blank again: blank is not zero.
 */
export function derive(report: Report, options: DeriveOptions = {}): DeriveResult {
  const edition = getEdition(report.meta.edition);
  const cells: Record<CellId, Cell> = { ...report.cells };
  const changed: CellId[] = [];
  const conflicts: DeriveConflict[] = [];
  const ids = identities(edition.id).filter((i) => i.derives);
  // Row totals of every row but （七）总计 first, then （七）总计 by column, then its 总计 cell — as the
  // sum of its own row (the applicants' columns just summed: the finest figures there are), or, when
  // that row cannot be summed (a report printing only the 总计 column), down the 总计 column. A stated
  // total at odds with its parts (a conflict) then stays that row's problem: it does not make
  // （七）总计·总计 disagree with its own row as well. Then 表四.
  const order = [
    ...ids.filter((i) => i.ruleId === 'T3-H' && !i.key.endsWith(':resultTotal')),
    ...ids.filter((i) => i.ruleId === 'T3-V' && i.key !== 'T3-V:total'),
    ...ids.filter((i) => i.key === 'T3-H:resultTotal'),
    ...ids.filter((i) => i.key === 'T3-V:total'),
    ...ids.filter((i) => i.ruleId === 'T4-1'),
  ];
  let resultTotalByRow = false;
  for (const identity of order) {
    if (identity.key === 'T3-V:total' && resultTotalByRow) continue;
    const target = identity.derives!;
    const current =
      cells[target] ?? (options.fillAbsent ? { value: null, origin: 'derived' as const } : undefined);
    if (!current) continue; // the row is absent: S5/S6 report it
    let sum: number | null = 0;
    for (const p of identity.rhs) {
      const v = cells[p]?.value;
      if (typeof v !== 'number') {
        sum = null;
        break;
      }
      sum += v;
    }
    const stated = current.value !== null && current.origin !== 'derived';
    if (identity.key === 'T3-H:resultTotal') {
      if (sum === null) continue; // down the 总计 column instead
      resultTotalByRow = true;
    }
    if (sum === null) {
      if (current.origin === 'derived' && current.value !== null) {
        cells[target] = { value: null, origin: 'derived' };
        changed.push(target);
      }
      continue;
    }
    if (current.value === sum) {
      continue;
    }
    if (stated && !options.overwrite) {
      conflicts.push({ cell: target, printed: current.value!, computed: sum, identity: identity.key });
      continue;
    }
    cells[target] = { value: sum, origin: 'derived' };
    changed.push(target);
  }
  return { report: changed.length ? { ...report, cells } : report, changed, conflicts };
}

/**
 * Whether `derive` computes the cell in this report: a total of the format (表三 总计 column and
 * （七）总计, 表四 总计) every part of which is in the report (filled or blank — blank parts leave it
 * blank until they are filled). Such a cell is never typed: the form shows it read-only and a fix
 * never sets it (it may only let a stated total follow its parts again). A total whose parts the
 * report lacks (a published report printing only the 总计 column) is an input cell like any other.
 */
export function computesTotal(report: Report, cell: CellId): boolean {
  return identities(report.meta.edition).some(
    (i) => i.derives === cell && i.rhs.every((p) => report.cells[p] !== undefined),
  );
}

/** A total changed by hand (手动改写合计), as a version's note says it. */
export interface TotalOverride {
  /** The cell as people read it (cellLabel). */
  readonly label: string;
  /** Its value before; null when it was blank. */
  readonly from: number | null;
  /** The value it took; null when it is computed from its parts again. */
  readonly to: number | null;
  readonly reason: string;
}

/**
 * The version note's words for a total changed by hand, the same in every client (the web form's
 * save, the terminal's push): 「改写表三 … · 总计：空白→9，理由：原文印制的总计」.
 */
export function overrideNote(o: TotalOverride): string {
  return `改写${o.label}：${o.from ?? '空白'}→${o.to ?? '计算值'}，理由：${o.reason}`;
}
