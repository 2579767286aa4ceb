import { type CellId, type EditionId, getEdition } from './editions/index.js';
import { editionName } from './model.js';

/**
 * What can be compared across two reports (domain.md §5.2): for the same edition every cell; across
 * editions the common core — 表三 with （六）其他处理 as one total, 表四 whole, and five 表二 cells.
 */
export interface ComparableItem {
  /**
   * A cell id (cell-ids.md; never a second naming scheme): the current report's cell the item
   * compares; for （六）其他处理 compared across editions — 2021's three rows summed against the trial
   * format's one — the trial format's `applications.other.<column>`, the cell that is the group's
   * total. `previousCells`/`currentCells` name the cells each year sums.
   */
  readonly key: CellId;
  readonly label: string;
  readonly previousCells: readonly CellId[];
  readonly currentCells: readonly CellId[];
  readonly quality: 'equivalent' | 'approximate';
}

export interface NotComparable {
  readonly key: string;
  readonly label: string;
  readonly reason: string;
}

const T2_CORE = [
  {
    label: '表二 规章 本年新制作/制发件数',
    row: 'regulations',
    c2019: 'newlyMade',
    c2021: 'made',
    quality: 'approximate',
  },
  {
    label: '表二 规范性文件 本年新制作/制发件数',
    row: 'normativeDocs',
    c2019: 'newlyMade',
    c2021: 'made',
    quality: 'approximate',
  },
  {
    label: '表二 行政许可 处理决定数量',
    row: 'licensing',
    c2019: 'decisions',
    c2021: 'decisions',
    quality: 'equivalent',
  },
  {
    label: '表二 行政处罚 处理决定数量',
    row: 'punishment',
    c2019: 'decisions',
    c2021: 'decisions',
    quality: 'equivalent',
  },
  {
    label: '表二 行政强制 处理决定数量',
    row: 'coercion',
    c2019: 'decisions',
    c2021: 'decisions',
    quality: 'equivalent',
  },
] as const;

const cache = new Map<
  string,
  { items: readonly ComparableItem[]; notComparable: readonly NotComparable[] }
>();

export function comparableItems(
  previous: EditionId,
  current: EditionId,
): { items: readonly ComparableItem[]; notComparable: readonly NotComparable[] } {
  const cacheKey = `${previous}>${current}`;
  const hit = cache.get(cacheKey);
  if (hit) return hit;
  const items: ComparableItem[] = [];
  const notComparable: NotComparable[] = [];
  const p = getEdition(previous);
  const c = getEdition(current);
  const same = (def: { id: CellId; label: string }): ComparableItem => ({
    key: def.id,
    label: def.label,
    previousCells: [def.id],
    currentCells: [def.id],
    quality: 'equivalent',
  });
  if (previous === current) {
    for (const def of c.cells) items.push(same(def));
  } else {
    const colsFor = (e: EditionId, row: string) =>
      e === '2021' && row === 'other' ? ['other_noCorrection', 'other_feeUnpaid', 'other_other'] : [row];
    const apps = getEdition('2019-trial').tables.applications;
    for (const row of apps.dataRows) {
      for (const col of apps.columns) {
        const label =
          row.key === 'other'
            ? `表三 （六）其他处理（合计） · ${col.label}`
            : `表三 ${row.label} · ${col.label}`;
        items.push({
          // （六）其他处理: one row in the trial format, three in 2021 — the trial format's cell id is
          // the group's total (cell-ids.md names no other).
          key: `applications.${row.key}.${col.key}`,
          label,
          previousCells: colsFor(previous, row.key).map((r) => `applications.${r}.${col.key}`),
          currentCells: colsFor(current, row.key).map((r) => `applications.${r}.${col.key}`),
          quality: 'equivalent',
        });
      }
    }
    for (const def of c.cells.filter((d) => d.table === 'reviewLitigation')) items.push(same(def));
    const pick = (e: EditionId, t: (typeof T2_CORE)[number]) =>
      `activeDisclosure.${t.row}.${e === '2021' ? t.c2021 : t.c2019}`;
    for (const t of T2_CORE)
      items.push({
        key: pick(current, t),
        label: t.label,
        previousCells: [pick(previous, t)],
        currentCells: [pick(current, t)],
        quality: t.quality,
      });
    const used = new Set(items.flatMap((i) => [...i.previousCells, ...i.currentCells]));
    for (const [e, def] of [
      ...p.cells.map((d) => [previous, d] as const),
      ...c.cells.map((d) => [current, d] as const),
    ]) {
      if (def.table !== 'activeDisclosure' || used.has(def.id)) continue;
      if (notComparable.some((n) => n.key === `${e}:${def.id}`)) continue;
      notComparable.push({
        key: `${e}:${def.id}`,
        // the edition as people know it (「《格式（试行）》」, 「2021 版格式」), never its id
        label: `${def.label}（${editionName(e)}）`,
        reason:
          def.row === 'adminFees'
            ? '试行格式为收费项目数，2021 版为收费金额（万元），概念不同'
            : def.column === 'totalPublished' || def.column === 'valid'
              ? '对外公开总数量与现行有效件数概念不同'
              : '另一版格式没有此项',
      });
    }
  }
  const result = { items, notComparable };
  cache.set(cacheKey, result);
  return result;
}

/** Sum of cells; null if any is blank or absent. */
export function sumCells(
  value: (id: CellId) => number | null | undefined,
  ids: readonly CellId[],
): number | null {
  let s = 0;
  for (const id of ids) {
    const v = value(id);
    if (typeof v !== 'number') return null;
    s += v;
  }
  return s;
}

/**
 * `x × scale` rounded half up as a person rounds (四舍五入): the product to 12 significant digits
 * first, as 0.5025 × 1000 is 502.4999… in a double (Math.round alone gives 502, a person 503).
 */
export function roundHalfUp(x: number, scale: number): number {
  return Math.round(Number((x * scale).toPrecision(12)));
}

/**
 * A share above a limit as a rule says it: to 0.1% (0.8513 → 0.851), or to the digit that shows it
 * above the limit (0.90002 beside 0.9 → 0.90002, never 「90%，超过 90%」); rounded half up as a person
 * rounds (the product to 12 significant digits first: 0.5025 × 1000 is 502.4999… in a double).
 */
export function shareAbove(x: number, limit: number): number {
  for (let d = 3; d <= 8; d++) {
    const r = roundHalfUp(x, 10 ** d) / 10 ** d;
    if (r > limit) return r;
  }
  return x;
}
