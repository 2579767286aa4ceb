import { computesTotal, derive } from './derive.js';
import { type CellId, type EditionId, getEdition } from './editions/index.js';
import { evaluateIdentity, type Identity, identities } from './identities.js';
import type { Report } from './model.js';
import { applicationRowName } from './rules/cells.js';
import { isOldOtherRowLabel, isOtherRowCell } from './rules/structure.js';
import type { Finding } from './rules/types.js';

export interface CellChange {
  readonly cell: CellId;
  readonly label: string;
  readonly from: number | null;
  readonly to: number;
}

/**
 * A change to how the report is laid out, not to any number: the rows of the source the importer
 * recorded (layout.extraLabels) that re-rendering in the official format no longer prints.
 */
export interface LayoutChange {
  /** Entries of layout.extraLabels to drop (「表三 （六）其他处理」). */
  readonly dropExtraLabels: readonly string[];
}

export interface FixSuggestion {
  /** The set of single-cell changes (usually one); empty for a suggestion that only re-lays the report (`layout`). */
  readonly changes: readonly CellChange[];
  /** The layout record the suggestion drops, where it re-lays the report in the official format (no number changes). */
  readonly layout?: LayoutChange;
  /** Totals that `derive` recomputes after the change (they follow; nothing to type). */
  readonly recomputed: readonly CellId[];
  /** The failing or unchecked identities this resolves (T3-H:newReceived, T3-B:total …). */
  readonly resolves: readonly string[];
  /** Rule ids of the findings resolved. */
  readonly ruleIds: readonly string[];
  /** Why this is likely, 简体中文. */
  readonly reason: string;
  /** Higher is more likely. */
  readonly score: number;
}

/** How a typed number may have gone wrong: 20 → 2 (digit lost), 12 → 21 (swap), 15 → 16 (one digit). */
export function typoKind(typed: number, intended: number): string | undefined {
  const a = String(typed);
  const b = String(intended);
  if (a === b) return undefined;
  if (Math.abs(a.length - b.length) === 1) {
    const [s, l] = a.length < b.length ? [a, b] : [b, a];
    for (let i = 0; i < l.length; i++)
      if (l.slice(0, i) + l.slice(i + 1) === s)
        return a.length < b.length ? '少输了一位数字' : '多输了一位数字';
  }
  // One digit for another says nothing about a typo (any change of 0–9 is one): 0 → 1 in a row
  // nobody typed in is not 「输错了一位数字」.
  if (a.length === 1 && b.length === 1) return undefined;
  if (a.length === b.length) {
    const diff: number[] = [];
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) diff.push(i);
    if (diff.length === 1) return '输错了一位数字';
    if (
      diff.length === 2 &&
      diff[1] === diff[0]! + 1 &&
      a[diff[0]!] === b[diff[1]!] &&
      a[diff[1]!] === b[diff[0]!]
    )
      return '相邻两位数字颠倒';
  }
  return undefined;
}

interface Candidate {
  cell: CellId;
  from: number | null;
  to: number;
}

/**
 * Propose the smallest sets of single-cell changes that make the failing identities hold: a
 * mistyped number, a total that disagrees with its parts, a blank cell recoverable from its row or
 * column. Each suggestion names what it resolves; the list is ranked, most likely first.
 */
export interface SuggestFixesOptions {
  readonly limit?: number;
  /**
   * Cells the user just changed, most recent first: a fix there ranks first among fixes that resolve
   * as much (typing 9 for 8 broke the balance: undo the 9, rather than move 结转 to make it hold).
   */
  readonly recent?: readonly CellId[];
}

export function suggestFixes(input: Report, options: SuggestFixesOptions = {}): FixSuggestion[] {
  // Totals that derive computes are taken as derive computes them: they follow their parts.
  const report = derive(input).report;
  const edition = getEdition(report.meta.edition);
  const all = identities(edition.id);
  const value = (id: CellId) => report.cells[id]?.value;
  const outcomes = new Map(all.map((i) => [i.key, evaluateIdentity(i, value)] as const));
  const failed = all.filter((i) => outcomes.get(i.key)!.status === 'failed');
  /**
   * A total derive computes here is never set by a fix: it is computed, not typed (the form shows it
   * read-only). The only change a fix makes to one is to let a stated total (printed, or typed over)
   * follow its parts again — its number then is its parts' sum. A blank to recover is an input cell.
   */
  const computed = (c: CellId) => computesTotal(report, c);
  const followsTo = (c: CellId) =>
    derive({ ...report, cells: { ...report.cells, [c]: { value: null, origin: 'derived' } } }).report.cells[c]
      ?.value;
  const through = new Map<CellId, Identity[]>();
  for (const i of all)
    for (const c of [...i.lhs, ...i.rhs]) (through.get(c) ?? through.set(c, []).get(c)!).push(i);

  // A change is judged as the form would apply it: totals computed by `derive` follow the cell.
  const tryChange = (cand: Candidate) => {
    const prev = report.cells[cand.cell];
    const changed: Report = {
      ...report,
      cells: {
        ...report.cells,
        [cand.cell]: computed(cand.cell)
          ? { value: null, origin: 'derived' }
          : { ...(prev?.unit ? { unit: prev.unit } : {}), value: cand.to, origin: 'entered' },
      },
    };
    const d = derive(changed);
    const v = (id: CellId) => d.report.cells[id]?.value;
    const resolved: string[] = [];
    let broken = 0;
    let stillFailing = 0;
    for (const i of all) {
      const before = outcomes.get(i.key)!.status;
      const after = evaluateIdentity(i, v).status;
      if (before !== 'ok' && after === 'ok') resolved.push(i.key);
      if (before !== 'failed' && after === 'failed') broken++;
      if (before === 'failed' && after === 'failed') stillFailing++;
    }
    return { resolved, broken, stillFailing, derived: d.changed.filter((c) => c !== cand.cell) };
  };

  /**
   * A 0 made a number in a part of 表三 (a result category, an applicant type) the user has not just
   * typed: when that mends one sum only, any of a dozen rows would mend it equally — it is choosing
   * where requests belong, a classification under the 条例, not a typo. Not offered: the finding
   * says which sum fails, the user decides. (表四's rows have four parts each, all offered.)
   */
  /** The cells each identity names itself (not the totals that follow them). */
  const crossing = new Map(all.map((i) => [i.key, new Set([...i.lhs, ...i.rhs])] as const));
  const classifies = (c: CellId, from: number, to: number) =>
    c.startsWith('applications.') &&
    from === 0 &&
    to !== 0 &&
    !all.some((j) => j.derives === c) &&
    !options.recent?.includes(c);
  const singles: FixSuggestion[] = [];
  const seen = new Set<string>();
  const add = (cand: Candidate, why: string, bonus: number) => {
    const key = `${cand.cell}=${cand.to}`;
    if (seen.has(key)) return;
    seen.add(key);
    if (!Number.isInteger(cand.to) || cand.to < 0) return;
    if (computed(cand.cell) && (cand.from === null || followsTo(cand.cell) !== cand.to)) return;
    const { resolved, broken, stillFailing, derived } = tryChange(cand);
    if (!resolved.length || broken > 0) return;
    // a 0 made a number that mends one sum only is a guess at a classification (see classifies);
    // where a failing row and a failing column cross at it, the cell is the one both point at
    if (
      cand.from !== null &&
      classifies(cand.cell, cand.from, cand.to) &&
      resolved.filter((k) => crossing.get(k)?.has(cand.cell)).length < 2
    )
      return;
    const def = edition.cellIndex.get(cand.cell);
    const typo = cand.from === null ? undefined : typoKind(cand.from, cand.to);
    const reasons = [why];
    let score = resolved.length * 10 + bonus - stillFailing * 3;
    if (typo) {
      reasons.push(`可能${typo}`);
      score += 5;
    }
    const recent = options.recent?.indexOf(cand.cell) ?? -1;
    if (recent >= 0) {
      reasons.push('是刚修改过的单元格');
      score += Math.max(1, 6 - recent);
    }
    singles.push({
      changes: [{ cell: cand.cell, label: def?.label ?? cand.cell, from: cand.from, to: cand.to }],
      recomputed: derived,
      resolves: resolved,
      ruleIds: [...new Set(resolved.map((k) => k.split(':')[0]!))],
      reason: reasons.join('，'),
      score,
    });
  };

  /**
   * A cell as a reason names it: within the identity, by what varies along it (the row of a column's
   * balance, the column of a row's sum); a part of a total the identity names, by row and column.
   */
  const nameIn = (c: CellId, i: Identity, full = false) => {
    const def = edition.cellIndex.get(c);
    if (!def) return c;
    const row = def.table === 'applications' ? applicationRowName(edition, def.row) : def.rowLabel;
    if (full) return `${row} · ${def.columnLabel}`;
    return i.ruleId === 'T3-B' || i.ruleId === 'T3-V' ? row : def.columnLabel;
  };
  // Each reason says what it assumes: which number is the wrong one, and what it should be.
  for (const i of failed) {
    const o = outcomes.get(i.key)!;
    if (o.status !== 'failed') continue;
    for (const c of [...i.lhs, ...i.rhs]) {
      const cur = value(c);
      if (typeof cur !== 'number') continue;
      const onLeft = i.lhs.includes(c);
      const to = cur + (onLeft ? o.rhs - o.lhs : o.lhs - o.rhs);
      const isTotal = i.derives === c;
      add(
        { cell: c, from: cur, to },
        isTotal
          ? `若${i.where}各项数字无误，${nameIn(c, i)}应为 ${to}（各项之和）`
          : `若${nameIn(c, i)}应为 ${to}，${i.where}的勾稽关系成立`,
        isTotal ? 1 : 0,
      );
      // A total that follows its parts is fixed through one of them.
      if (report.cells[c]?.origin === 'derived') {
        const deriving = all.find((j) => j.derives === c);
        for (const p of deriving?.rhs ?? []) {
          const pv = value(p);
          if (typeof pv === 'number')
            add(
              { cell: p, from: pv, to: pv + (to - cur) },
              `若${nameIn(p, i, true)}应为 ${pv + (to - cur)}（${nameIn(c, i)}随之为 ${to}），${i.where}的勾稽关系成立`,
              0,
            );
        }
      }
    }
  }
  // Blank cells recoverable from an identity in which they are the only blank.
  for (const i of all) {
    const o = outcomes.get(i.key)!;
    if (o.status !== 'unchecked' || o.blank.length !== 1) continue;
    const c = o.blank[0]!;
    if (report.cells[c] === undefined) continue;
    let l = 0;
    let r = 0;
    for (const x of i.lhs) if (x !== c) l += value(x) as number;
    for (const x of i.rhs) if (x !== c) r += value(x) as number;
    const to = i.lhs.includes(c) ? r - l : l - r;
    add({ cell: c, from: null, to }, `空白单元格可由${i.where}的勾稽关系推算`, 2);
  }
  singles.sort((a, b) => b.score - a.score || a.changes[0]!.cell.localeCompare(b.changes[0]!.cell));

  // Independent groups of failures (sharing no cell) each need their own change: offer the set.
  const components: Identity[][] = [];
  for (const i of failed) {
    const cells = new Set([...i.lhs, ...i.rhs]);
    const hits = components.filter((comp) =>
      comp.some((j) => [...j.lhs, ...j.rhs].some((c) => cells.has(c))),
    );
    const merged = [i, ...hits.flat()];
    for (const h of hits) components.splice(components.indexOf(h), 1);
    components.push(merged);
  }
  const out: FixSuggestion[] = [...relayoutFixes(report)];
  const allFailed = failed.map((i) => i.key);
  const oneDoesAll = singles.some((s) => allFailed.every((k) => s.resolves.includes(k)));
  if (components.length > 1 && !oneDoesAll) {
    // Components share no cell, but derived totals tie them (a part of one column moves the 总计
    // column's cells): apply the picks one after another, skip a component the earlier picks already
    // fixed, and offer the set only if, applied together, it resolves every failure and breaks nothing.
    const chosen: FixSuggestion[] = [];
    let combined = report;
    let ok = true;
    for (const comp of components) {
      const holds = (r: Report) =>
        comp.every((i) => evaluateIdentity(i, (id) => r.cells[id]?.value).status === 'ok');
      if (holds(combined)) continue;
      const keys = comp.map((i) => i.key);
      const pick = singles.find((s) => keys.every((k) => s.resolves.includes(k)));
      if (!pick) {
        ok = false;
        break;
      }
      chosen.push(pick);
      combined = applyFix(combined, pick);
    }
    const after = (i: Identity) => evaluateIdentity(i, (id) => combined.cells[id]?.value).status;
    const resolves = failed.filter((i) => after(i) === 'ok').map((i) => i.key);
    const breaks = all.some((i) => outcomes.get(i.key)!.status !== 'failed' && after(i) === 'failed');
    // Each cell once, with the number it ends with once every pick is made: a pick that sets a
    // stated total back to its parts' sum (「…总计应为 304」) while another pick changes one of those
    // parts ends with the parts' new sum (303), and the set must say so.
    const changes = new Map<CellId, CellChange>();
    for (const c of chosen.flatMap((s) => s.changes)) {
      const to = combined.cells[c.cell]?.value;
      if (typeof to !== 'number') continue;
      changes.set(c.cell, { ...c, from: changes.get(c.cell)?.from ?? c.from, to });
    }
    if (ok && chosen.length > 1 && resolves.length === failed.length && !breaks)
      out.push({
        changes: [...changes.values()].filter((c) => c.to !== c.from),
        recomputed: [...new Set(chosen.flatMap((s) => s.recomputed))],
        resolves,
        ruleIds: [...new Set(resolves.map((k) => k.split(':')[0]!))],
        reason: `同时修改 ${chosen.length} 处：${chosen.map((s) => s.reason).join('；')}`,
        score: chosen.reduce((a, s) => a + s.score, 0),
      });
  }
  out.push(...singles);
  return options.limit ? out.slice(0, options.limit) : out;
}

/** What `resolves` names for the S5 finding of the trial format's （六）其他处理 row (see relayoutFixes). */
export const OLD_OTHER_ROW_KEY = 'S5:oldOtherRow';

/**
 * The trial format's single （六）其他处理 row, printed in a 2021-format report: how the published
 * document was laid out. Once its numbers are in the 2021 format's three rows (the importer splits a
 * row of 0s; a person types the others), the report as kept and re-rendered is in the official
 * layout: dropping the record clears S5 and changes no number. Not offered while any of the three
 * rows' cells is missing (the numbers have no place yet: S5 names those cells).
 */
function relayoutFixes(report: Report): FixSuggestion[] {
  if (report.meta.edition !== '2021') return [];
  const labels = (report.layout?.extraLabels ?? []).filter(isOldOtherRowLabel);
  if (!labels.length) return [];
  const rows = getEdition('2021').cells.filter((c) => isOtherRowCell(c.id));
  if (rows.some((c) => report.cells[c.id] === undefined)) return [];
  return [
    {
      changes: [],
      layout: { dropExtraLabels: labels },
      recomputed: [],
      resolves: [OLD_OTHER_ROW_KEY],
      ruleIds: ['S5'],
      reason:
        '按 2021 版格式重排表三：原文把「（六）其他处理」印成一行（旧版写法），本报告已分 3 行记录其数值；不再保留原文的旧版排法，所有数值不变',
      score: 10,
    },
  ];
}

/**
 * Apply a suggestion's changes (its layout change too), then recompute the totals that follow
 * (returns a new report).
 *
 * A total the format computes (表三's 总计 column and （七）总计, 表四's 总计) is left to follow its
 * parts (origin 'derived'), whether it was typed, pasted or printed before: nobody typed the new
 * number, so a later change of a part moves it, as any total of the form. A fix never writes a
 * number into a total derive computes (see computesTotal) — one that says another number than its
 * parts give (a fix made for another report) still gets its parts' sum, or stays blank while a part
 * is blank. Only a total the report has no parts for (a published report printing only the 总计
 * column) takes the fix's number, as stated ('entered').
 */
export function applyFix(report: Report, fix: FixSuggestion): Report {
  const edition = getEdition(report.meta.edition);
  const cells = { ...report.cells };
  const totals: CellChange[] = [];
  for (const ch of fix.changes) {
    const prev = cells[ch.cell];
    const total = edition.cellIndex.get(ch.cell)?.derived === true;
    if (total) totals.push(ch);
    cells[ch.cell] = {
      ...(prev?.unit ? { unit: prev.unit } : {}),
      value: total ? null : ch.to,
      origin: total ? 'derived' : 'entered',
    };
  }
  const base = { ...report, ...relaid(report, fix.layout) };
  // Each total set by the fix is first left to derive; one that derive does not bring to the
  // fix's number is stated again (entered) and the others recomputed, until all agree. A total of
  // totals (（七）总计·总计) may depend on another: at most one round per total.
  for (let round = 0; round <= totals.length; round++) {
    const out = derive({ ...base, cells }).report;
    const off = totals.filter(
      (ch) =>
        cells[ch.cell]!.origin === 'derived' &&
        out.cells[ch.cell]?.value !== ch.to &&
        !computesTotal(out, ch.cell),
    );
    if (!off.length) return out;
    for (const ch of off) cells[ch.cell] = { ...cells[ch.cell]!, value: ch.to, origin: 'entered' };
  }
  return derive({ ...base, cells }).report;
}

/** The report's layout with a fix's layout change made (nothing when the fix has none). */
function relaid(report: Report, change: LayoutChange | undefined): Pick<Report, 'layout'> {
  if (!change || !report.layout) return {};
  const { extraLabels, ...rest } = report.layout;
  const kept = (extraLabels ?? []).filter((l) => !change.dropExtraLabels.includes(l));
  return { layout: kept.length ? { ...rest, extraLabels: kept } : rest };
}

/**
 * The identity a finding of a table rule (T3-H, T3-V, T3-B, T4-1) is about, or S5's finding of the
 * old format's （六）其他处理 row (OLD_OTHER_ROW_KEY): the key that `suggestFixes` names in `resolves` (`T3-H:newReceived`, `T3-B:naturalPerson` …). A failed
 * finding names every cell of its identity, an unchecked one its blank cells: each cell is in one
 * identity of its rule only (rows and columns do not overlap). Undefined for any other rule's finding.
 */
export function identityKeyOf(
  finding: Pick<Finding, 'ruleId' | 'cells'>,
  edition: EditionId,
): string | undefined {
  if (!finding.cells.length) return undefined;
  // S5's finding of the old format's （六）其他处理 row names the cells of the three rows under it.
  if (finding.ruleId === 'S5')
    return edition === '2021' && finding.cells.every(isOtherRowCell) ? OLD_OTHER_ROW_KEY : undefined;
  const found = identities(edition).find(
    (i) => i.ruleId === finding.ruleId && finding.cells.every((c) => i.lhs.includes(c) || i.rhs.includes(c)),
  );
  return found?.key;
}

/** The suggestions (of `suggestFixes`) that resolve a finding, in their order; none for a finding no identity names. */
export function fixesFor(
  finding: Pick<Finding, 'ruleId' | 'cells'>,
  fixes: readonly FixSuggestion[],
  edition: EditionId,
): FixSuggestion[] {
  const key = identityKeyOf(finding, edition);
  return key ? fixes.filter((f) => f.resolves.includes(key)) : [];
}
