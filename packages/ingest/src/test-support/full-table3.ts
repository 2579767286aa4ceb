import { getEdition } from '@nianbao/core';
import type { Item } from '../pdf.js';
import { T3_KEYS } from './table3.js';
import { type WrappedTable, wrappedTableItems } from './wrapped-table.js';

/**
 * A whole 表三 (2021 format, 25 rows) whose numbers add up as the format's 勾稽 rules say (each
 * row's 总计 is its parts' sum, （七）总计 the results' sum, 一 + 二 = （七） + 四 in every column),
 * cells of 0 printed blank (a report that leaves its 0s blank), a few others left blank (their
 * number missing) or printed off by a little (a typo): the sums then do not hold. For
 * wrappedTableItems.
 */
const APPS = getEdition('2021').tables.applications;
export const FULL_ROWS = APPS.rows;
export const DATA_KEYS: readonly string[] = APPS.dataRows.map((r) => r.key);
const RESULT_KEYS = APPS.resultRows.map((r) => r.key);

/** A random source in [0, 1) (fast-check gives one, or a seeded one for figures). */
export type Rand = () => number;

export interface FullTableOptions {
  /** Chance that a cell of 0 is printed blank (a report leaving its 0s blank). */
  blank: number;
  /** Chance that a cell of another number is printed blank (left out: the sums then do not hold). */
  missing: number;
  /** Chance that a cell is printed off by 1–9 (the table then does not add up there). */
  typo: number;
  /** Largest value of a part cell. */
  max: number;
}

/** Each data row's seven values as printed (null: blank), by row key. */
export function fullTable3(rand: Rand, o: FullTableOptions): Map<string, (number | null)[]> {
  const int = (n: number) => Math.floor(rand() * n);
  const part = () => (rand() < 0.3 ? 0 : 1 + int(o.max));
  const exact = new Map<string, number[]>();
  const withTotal = (parts: number[]) => [...parts, parts.reduce((a, b) => a + b, 0)];
  for (const k of RESULT_KEYS) exact.set(k, withTotal(Array.from({ length: 6 }, part)));
  const resultTotal = T3_KEYS.map((_, c) => RESULT_KEYS.reduce((a, k) => a + exact.get(k)![c]!, 0));
  exact.set('resultTotal', resultTotal);
  const forward = withTotal(Array.from({ length: 6 }, part));
  exact.set('carriedForward', forward);
  const over = withTotal(resultTotal.slice(0, 6).map((t, c) => int(t + forward[c]! + 1)));
  exact.set('carriedOver', over);
  exact.set(
    'newReceived',
    resultTotal.map((t, c) => t + forward[c]! - over[c]!),
  );
  const printed = new Map<string, (number | null)[]>();
  for (const k of DATA_KEYS)
    printed.set(
      k,
      exact.get(k)!.map((v) => {
        const r = rand();
        if (r < (v === 0 ? o.blank : o.missing)) return null;
        if (rand() < o.typo) return Math.max(0, v + (int(2) ? 1 : -1) * (1 + int(9)));
        return v;
      }),
    );
  return printed;
}

/** The page's items for such a table: group rows as label lines, data rows with their numbers. */
export function fullTableItems(
  printed: Map<string, (number | null)[]>,
  t: Omit<WrappedTable, 'rows'>,
  glue: ReadonlySet<string> = new Set(),
): Item[] {
  return wrappedTableItems({
    ...t,
    rows: FULL_ROWS.map((r) => ({
      label: r.label,
      values: r.kind === 'data' ? printed.get(r.key)! : [],
      ...(glue.has(r.key) ? { glue: true } : {}),
    })),
  });
}

/** A random source from a seed (mulberry32): the same tables for the same seed. */
export function seeded(seed: number): Rand {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
