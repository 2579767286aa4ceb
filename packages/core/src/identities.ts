import { type CellId, type EditionId, getEdition } from './editions/index.js';

export type IdentityRuleId = 'T3-H' | 'T3-V' | 'T3-B' | 'T4-1';

/**
 * An arithmetic identity of the format: Σ lhs = Σ rhs. Every table rule (T3-H, T3-V, T3-B, T4-1),
 * `derive`, `suggestFixes` and the property tests work from this one list.
 */
export interface Identity {
  /** Unique within an edition, e.g. `T3-H:newReceived`, `T3-B:naturalPerson`. */
  readonly key: string;
  readonly ruleId: IdentityRuleId;
  readonly lhs: readonly CellId[];
  readonly rhs: readonly CellId[];
  /** The cell this identity computes (lhs[0]) when it defines a total. */
  readonly derives?: CellId;
  /** Where it holds, in words: 「一、本年新收政府信息公开申请数量行」「自然人列」. */
  readonly where: string;
  /** 简体中文 message for a failure; l and r are the two sums. */
  describe(l: number, r: number): string;
}

const cache = new Map<EditionId, readonly Identity[]>();

export function identities(edition: EditionId): readonly Identity[] {
  const hit = cache.get(edition);
  if (hit) return hit;
  const e = getEdition(edition);
  const apps = e.tables.applications;
  const out: Identity[] = [];
  const partCols = apps.columns.filter((c) => c.key !== 'total');
  for (const row of apps.dataRows) {
    const where = `${row.label}行`;
    out.push({
      key: `T3-H:${row.key}`,
      ruleId: 'T3-H',
      lhs: [`applications.${row.key}.total`],
      rhs: partCols.map((c) => `applications.${row.key}.${c.key}`),
      derives: `applications.${row.key}.total`,
      where,
      describe: (l, r) => `表三 ${row.label}：总计（${l}）不等于各类申请人之和（${r}）`,
    });
  }
  for (const col of apps.columns) {
    const where = `${col.label}列`;
    out.push({
      key: `T3-V:${col.key}`,
      ruleId: 'T3-V',
      lhs: [`applications.resultTotal.${col.key}`],
      rhs: apps.resultRows.map((r) => `applications.${r.key}.${col.key}`),
      derives: `applications.resultTotal.${col.key}`,
      where,
      describe: (l, r) => `表三 （七）总计（${l}）不等于各项办理结果之和（${r}）：${where}`,
    });
  }
  for (const col of apps.columns) {
    const where = `${col.label}列`;
    out.push({
      key: `T3-B:${col.key}`,
      ruleId: 'T3-B',
      lhs: [`applications.newReceived.${col.key}`, `applications.carriedOver.${col.key}`],
      rhs: [`applications.resultTotal.${col.key}`, `applications.carriedForward.${col.key}`],
      where,
      describe: (l, r) => `第一项加第二项之和（${l}）不等于第三项加第四项之和（${r}）：${where}`,
    });
  }
  const rl = e.tables.reviewLitigation;
  for (const row of rl.rows) {
    const parts = rl.columns.filter((c) => c.key !== 'total');
    out.push({
      key: `T4-1:${row.key}`,
      ruleId: 'T4-1',
      lhs: [`reviewLitigation.${row.key}.total`],
      rhs: parts.map((c) => `reviewLitigation.${row.key}.${c.key}`),
      derives: `reviewLitigation.${row.key}.total`,
      where: row.label,
      describe: (l, r) =>
        `表四 ${row.label}：总计（${l}）不等于结果维持、结果纠正、其他结果、尚未审结之和（${r}）`,
    });
  }
  cache.set(edition, out);
  return out;
}

export type IdentityOutcome =
  | { readonly status: 'ok'; readonly lhs: number; readonly rhs: number }
  | { readonly status: 'failed'; readonly lhs: number; readonly rhs: number }
  | { readonly status: 'unchecked'; readonly blank: readonly CellId[] };

/** Evaluate an identity against a cell lookup; blank or absent operands make it unchecked. */
export function evaluateIdentity(
  identity: Identity,
  value: (id: CellId) => number | null | undefined,
): IdentityOutcome {
  let l = 0;
  let r = 0;
  let blank: CellId[] | undefined;
  for (const id of identity.lhs) {
    const v = value(id);
    if (v === null || v === undefined) {
      blank ??= [];
      blank.push(id);
    } else l += v;
  }
  for (const id of identity.rhs) {
    const v = value(id);
    if (v === null || v === undefined) {
      blank ??= [];
      blank.push(id);
    } else r += v;
  }
  if (blank) return { status: 'unchecked', blank };
  return l === r ? { status: 'ok', lhs: l, rhs: r } : { status: 'failed', lhs: l, rhs: r };
}
