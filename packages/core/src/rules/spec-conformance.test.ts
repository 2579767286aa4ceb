/**
 * Spec conformance: every rule of domain.md §6 / editions.json as the spec states it, checked against
 * an oracle written here from the spec's own words (not from the edition data the code derives its
 * rules from), at the edges — the exact cells of each sum, edition, severity, blank against 0, the
 * boundary of each threshold, the message.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aggregate } from '../aggregate.js';
import { compare } from '../compare.js';
import { derive } from '../derive.js';
import type { EditionId } from '../editions/index.js';
import { exampleReport } from '../examples.js';
import { identities } from '../identities.js';
import { createEmptyReport, type Report } from '../model.js';
import { narrate, summarize } from '../summary.js';
import { consistentReport } from '../test-support/arbitraries.js';
import { expectation, type ValidateOptions, validate } from '../validate.js';
import { textSimilarity } from './crossYear.js';
import { RULES_BY_ID } from './index.js';

const ap = (row: string, col = 'total') => `applications.${row}.${col}`;
const ad = (row: string, col: string) => `activeDisclosure.${row}.${col}`;
const rl = (row: string, col = 'total') => `reviewLitigation.${row}.${col}`;
const ARITH = new Set(['T3-H', 'T3-V', 'T3-B', 'T4-1']);
const failed = (r: Report, id: string, o: ValidateOptions = {}) =>
  validate(r, { ...o, only: [id] }).filter((f) => f.status === 'failed');
const example = (year: number) => structuredClone(exampleReport({ year }));
const yearOf = (e: EditionId) => (e === '2021' ? 2023 : 2020);

// ---------------------------------------------------------------------------------------------
// The oracle: domain.md §3.4, §4.4, §3.5 and §6.2 / editions.json "rules", transcribed.
// ---------------------------------------------------------------------------------------------

/** 表三 columns (§3.4 "Data columns (7), in order"). */
const T3_COLUMNS = [
  'naturalPerson',
  'commercialEnterprise',
  'researchInstitution',
  'publicInterestOrg',
  'legalServiceOrg',
  'otherOrg',
  'total',
];
const T3_PARTS = T3_COLUMNS.slice(0, 6);
const DENIED = [
  'denied_stateSecret',
  'denied_lawProhibited',
  'denied_threeSecurityOneStability',
  'denied_thirdPartyRights',
  'denied_internalAffairs',
  'denied_processInfo',
  'denied_lawEnforcementFile',
  'denied_adminQuery',
];
const UNABLE = ['unable_notHeld', 'unable_needsCreation', 'unable_unclearAfterCorrection'];
const NOT_PROCESSED = [
  'notProcessed_petitionComplaint',
  'notProcessed_repeat',
  'notProcessed_publication',
  'notProcessed_massiveUnreasonable',
  'notProcessed_confirmOrReissue',
];
/** （六）其他处理: one data row in 2019-trial, three in 2021 (§4.4). */
const OTHER: Record<EditionId, string[]> = {
  '2019-trial': ['other'],
  '2021': ['other_noCorrection', 'other_feeUnpaid', 'other_other'],
};
const RESULTS = (e: EditionId) => [
  'granted',
  'partiallyGranted',
  ...DENIED,
  ...UNABLE,
  ...NOT_PROCESSED,
  ...OTHER[e],
];
/** The data rows: 23 (2019-trial), 25 (2021). */
const DATA_ROWS = (e: EditionId) => [
  'newReceived',
  'carriedOver',
  ...RESULTS(e),
  'resultTotal',
  'carriedForward',
];
const T4_GROUPS = ['review', 'litigationDirect', 'litigationAfterReview'];

interface OracleIdentity {
  readonly rule: string;
  readonly lhs: readonly string[];
  readonly rhs: readonly string[];
}

function oracle(e: EditionId): OracleIdentity[] {
  const out: OracleIdentity[] = [];
  // T3-H: total == naturalPerson + commercialEnterprise + researchInstitution + publicInterestOrg + legalServiceOrg + otherOrg
  for (const row of DATA_ROWS(e))
    out.push({ rule: 'T3-H', lhs: [ap(row)], rhs: T3_PARTS.map((c) => ap(row, c)) });
  // T3-V: resultTotal == granted + partiallyGranted + sum(denied_*) + sum(unable_*) + sum(notProcessed_*) + other(s)
  for (const c of T3_COLUMNS)
    out.push({ rule: 'T3-V', lhs: [ap('resultTotal', c)], rhs: RESULTS(e).map((r) => ap(r, c)) });
  // T3-B: newReceived + carriedOver == resultTotal + carriedForward
  for (const c of T3_COLUMNS)
    out.push({
      rule: 'T3-B',
      lhs: [ap('newReceived', c), ap('carriedOver', c)],
      rhs: [ap('resultTotal', c), ap('carriedForward', c)],
    });
  // T4-1: {g}.total == {g}.upheld + {g}.corrected + {g}.other + {g}.pending
  for (const g of T4_GROUPS)
    out.push({
      rule: 'T4-1',
      lhs: [rl(g)],
      rhs: ['upheld', 'corrected', 'other', 'pending'].map((c) => rl(g, c)),
    });
  return out;
}

const canon = (i: { rule: string; lhs: readonly string[]; rhs: readonly string[] }) =>
  `${i.rule}: ${[...i.lhs].sort().join(' + ')} = ${[...i.rhs].sort().join(' + ')}`;

describe('the arithmetic identities are exactly the spec’s (T3-H, T3-V, T3-B, T4-1)', () => {
  for (const e of ['2019-trial', '2021'] as const) {
    it(`[${e}] the same sums over the same cells, none missing, none added`, () => {
      const impl = identities(e).map((i) => canon({ rule: i.ruleId, lhs: i.lhs, rhs: i.rhs }));
      expect([...impl].sort()).toEqual(oracle(e).map(canon).sort());
      // 23 + 7 + 7 + 3 identities (2019-trial), 25 + 7 + 7 + 3 (2021)
      expect(impl).toHaveLength(DATA_ROWS(e).length + 7 + 7 + 3);
    });
  }

  it('for any values of the operands, a failed identity is reported iff its two sums differ (fast-check)', () => {
    const arb = fc.constantFrom<EditionId>('2019-trial', '2021').chain((e) =>
      fc.record({
        e: fc.constant(e),
        // one identity of the oracle, its operands given values around a balance
        k: fc.nat({ max: oracle(e).length - 1 }),
        vals: fc.array(fc.nat({ max: 6 }), { minLength: 23, maxLength: 23 }),
      }),
    );
    fc.assert(
      fc.property(arb, ({ e, k, vals }) => {
        const id = oracle(e)[k]!;
        const r = example(yearOf(e));
        // every cell stated (imported): nothing is recomputed behind the rule's back
        for (const c of Object.keys(r.cells)) r.cells[c] = { ...r.cells[c]!, origin: 'imported' };
        const ops = [...id.lhs, ...id.rhs];
        ops.forEach((c, i) => {
          r.cells[c] = { value: vals[i]!, origin: 'imported' };
        });
        const l = id.lhs.reduce((a, c) => a + r.cells[c]!.value!, 0);
        const rr = id.rhs.reduce((a, c) => a + r.cells[c]!.value!, 0);
        const mine = failed(r, id.rule).filter(
          (f) => ops.every((c) => f.cells.includes(c)) && f.cells.length === ops.length,
        );
        expect(mine).toHaveLength(l === rr ? 0 : 1);
        if (l !== rr) {
          expect(mine[0]!.severity).toBe('error');
          // the message gives both sums
          expect(mine[0]!.message).toContain(String(l));
          expect(mine[0]!.message).toContain(String(rr));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('±1 on any one operand of a consistent report: exactly the identities through that cell fail, each naming it (fast-check)', () => {
    const arb = consistentReport().chain((r) =>
      fc.constantFrom(...oracle(r.meta.edition).flatMap((i) => [...i.lhs, ...i.rhs])).chain((cell) =>
        fc
          .constantFrom(1, -1)
          .filter((d) => r.cells[cell]!.value! + d >= 0)
          .map((d) => ({ r, cell, d })),
      ),
    );
    fc.assert(
      fc.property(arb, ({ r, cell, d }) => {
        const cells = Object.fromEntries(
          Object.entries(r.cells).map(([id, c]) => [id, { ...c, origin: 'imported' as const }]),
        );
        cells[cell] = { ...cells[cell]!, value: r.cells[cell]!.value! + d };
        const through = oracle(r.meta.edition).filter((i) => i.lhs.includes(cell) || i.rhs.includes(cell));
        const fails = validate({ ...r, cells }).filter((f) => ARITH.has(f.ruleId) && f.status === 'failed');
        expect(fails.map((f) => f.ruleId).sort()).toEqual(through.map((i) => i.rule).sort());
        for (const f of fails) expect(f.cells).toContain(cell);
      }),
      { numRuns: 300 },
    );
  });

  it('for every report of random cell values, derive() then validate() gives no T3-H, T3-V or T4-1 error (fast-check)', () => {
    const arb = fc.constantFrom<EditionId>('2019-trial', '2021').chain((e) => {
      // every cell that is no total of the format: the totals are derive's to compute
      const totals = new Set(oracle(e).flatMap((i) => (i.rule === 'T3-B' ? [] : i.lhs)));
      const ids = [...new Set(oracle(e).flatMap((i) => [...i.lhs, ...i.rhs]))].filter((c) => !totals.has(c));
      return fc
        .array(fc.option(fc.nat({ max: 99 }), { nil: null, freq: 8 }), {
          minLength: ids.length,
          maxLength: ids.length,
        })
        .map((vals) => {
          const r = createEmptyReport({ year: yearOf(e), agency: { name: '测试局' } });
          ids.forEach((id, i) => {
            r.cells[id] = { value: vals[i]! };
          });
          return r;
        });
    });
    fc.assert(
      fc.property(arb, (r) => {
        const d = derive(r).report;
        // T3-B is the one identity derive cannot make hold: random 新收/结转 need not balance.
        const errs = validate(d).filter(
          (f) => f.status === 'failed' && (f.ruleId === 'T3-H' || f.ruleId === 'T3-V' || f.ruleId === 'T4-1'),
        );
        expect(errs.map((f) => f.message)).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });
});

describe('blank is not 0 (§6 "Arithmetic rules evaluate only when all operands are present")', () => {
  it('any operand blank: every identity through it is unchecked (info), none failed, and C2 names the cell; 0 there is checked (fast-check)', () => {
    const arb = consistentReport().chain((r) => {
      const totals = new Set(identities(r.meta.edition).flatMap((i) => (i.derives ? [i.derives] : [])));
      // a part (a total left blank while its parts are filled is a stated blank too: take parts)
      const parts = oracle(r.meta.edition)
        .flatMap((i) => [...i.lhs, ...i.rhs])
        .filter((c) => !totals.has(c));
      return fc.constantFrom(...parts).map((cell) => ({ r, cell }));
    });
    fc.assert(
      fc.property(arb, ({ r, cell }) => {
        const cells = Object.fromEntries(
          Object.entries(r.cells).map(([id, c]) => [id, { ...c, origin: 'imported' as const }]),
        );
        const blank: Report = {
          ...r,
          cells: { ...cells, [cell]: { value: null, raw: '—', origin: 'imported' } },
        };
        const through = oracle(r.meta.edition).filter((i) => i.lhs.includes(cell) || i.rhs.includes(cell));
        const found = validate(blank);
        const arith = found.filter((f) => ARITH.has(f.ruleId));
        expect(arith.filter((f) => f.status === 'failed')).toEqual([]);
        const unchecked = arith.filter((f) => f.status === 'unchecked' && f.cells.includes(cell));
        expect(unchecked).toHaveLength(through.length);
        for (const f of unchecked) expect(f.severity).toBe('info');
        const c2 = found.filter((f) => f.ruleId === 'C2');
        expect(c2.flatMap((f) => f.cells)).toContain(cell);
        expect(c2[0]!.message).toMatch(/^表格中没有数据的应填0/);
        expect(c2[0]!.message).toContain('「—」');
        // the same cell as 0: checked, a failure wherever the value was not 0
        const zero: Report = { ...r, cells: { ...cells, [cell]: { value: 0, origin: 'imported' } } };
        const z = validate(zero).filter((f) => ARITH.has(f.ruleId));
        expect(z.filter((f) => f.status === 'unchecked')).toEqual([]);
        expect(z.filter((f) => f.status === 'failed')).toHaveLength(
          r.cells[cell]!.value === 0 ? 0 : through.length,
        );
        expect(validate(zero, { only: ['C2'] })).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Severity and edition of every rule (§6.1–§6.4, editions.json "rules").
// ---------------------------------------------------------------------------------------------

const BOTH: readonly EditionId[] = ['2019-trial', '2021'];
const ONLY_2021: readonly EditionId[] = ['2021'];
const ONLY_2019: readonly EditionId[] = ['2019-trial'];
const SPEC_RULES: Record<string, [string, readonly EditionId[]]> = {
  S1: ['error', BOTH],
  S2: ['error', BOTH],
  S3: ['error', BOTH],
  S4: ['error', BOTH],
  S5: ['error', BOTH],
  S6: ['error', BOTH],
  S7: ['warning', BOTH],
  S8: ['warning', BOTH],
  S9: ['warning', BOTH],
  C1: ['error', BOTH],
  C2: ['warning', BOTH],
  'T3-H': ['error', BOTH],
  'T3-V': ['error', BOTH],
  'T3-B': ['error', BOTH],
  'T3-W1': ['warning', BOTH],
  'T3-W2': ['warning', BOTH],
  'T3-W3': ['info', ONLY_2021],
  'T3-W4': ['warning', BOTH],
  'T2-1': ['error', ONLY_2021],
  'T2-2': ['warning', ONLY_2021],
  'T2-3': ['warning', ONLY_2021],
  'T2-4': ['warning', BOTH],
  'T2-5': ['warning', ONLY_2019],
  'T2-6': ['info', ONLY_2019],
  'T2-7': ['warning', ONLY_2019],
  'T4-1': ['error', BOTH],
  'T4-2': ['info', BOTH],
  N1: ['warning', BOTH],
  N2: ['warning', BOTH],
  N3: ['warning', ONLY_2021],
  N4: ['info', ONLY_2021],
  N5: ['warning', BOTH],
  N6: ['warning', ONLY_2021],
  // X: "shown at error level in a separate 跨年 group"; X2 pairs 2021→2021, X3/X4 2019→2020
  X1: ['crossYear', BOTH],
  X2: ['warning', ONLY_2021],
  X3: ['warning', ONLY_2019],
  X4: ['info', ONLY_2019],
  X5: ['warning', BOTH],
  X6: ['info', BOTH],
  F1: ['error', BOTH],
  F2: ['error', BOTH],
  F3: ['warning', BOTH],
};

describe('every rule has the spec’s severity and editions', () => {
  it('§6.1–§6.4, rule by rule', () => {
    for (const [id, [severity, editions]] of Object.entries(SPEC_RULES)) {
      const rule = RULES_BY_ID.get(id);
      expect(rule, id).toBeDefined();
      expect(rule!.meta.severity, id).toBe(severity);
      expect([...rule!.meta.editions].sort(), id).toEqual([...editions].sort());
    }
  });

  it('report year 2019: the S rules that are errors become warnings, nothing else changes (§2, §6)', () => {
    const r = example(2019);
    r.meta.edition = '2021'; // a 2019 report in the 2021 format: S1, S4, S5 fire
    const found = validate(r);
    const s = found.filter((f) => /^S\d$/.test(f.ruleId) && f.status === 'failed');
    expect(s.map((f) => f.ruleId)).toEqual(expect.arrayContaining(['S1', 'S4', 'S5']));
    for (const f of s) expect(f.severity).toBe('warning');
    const r20 = example(2020);
    r20.meta.edition = '2021';
    const s20 = validate(r20).filter((f) => f.ruleId === 'S1');
    expect(s20.map((f) => f.severity)).toEqual(['error']);
  });

  it('S1 at the edition boundary: 2020 → 试行格式, 2021 → 2021 版; the old format in 2021 says 「使用旧版格式」', () => {
    const r21 = example(2021);
    r21.meta.edition = '2019-trial';
    const [f] = failed(r21, 'S1');
    expect(f!.severity).toBe('error');
    expect(f!.message).toMatch(/^使用旧版格式/);
    expect(failed(example(2020), 'S1')).toEqual([]);
    expect(failed(example(2021), 'S1')).toEqual([]);
  });
});

describe('§2: from 2021 on, any use of the trial format’s structures is 「使用旧版格式」', () => {
  it('a trial-format row of 表二 in a 2021 report (S4) says it, as S1 does; the 2021 format’s in a 2020 report does not', () => {
    const r = example(2023);
    r.cells[ad('centralProcurement', 'procurementItems')] = { value: 3 };
    const [f] = failed(r, 'S4');
    expect(f!.severity).toBe('error');
    expect(f!.message).toMatch(
      /^使用旧版格式：表二含有《格式（试行）》才有的项目（.+），与本报告的 2021 版格式不符$/,
    );
    const r20 = example(2020);
    r20.cells[ad('normativeDocs', 'repealed')] = { value: 1 };
    const [g] = failed(r20, 'S4');
    expect(g!.message).toMatch(/^表二含有 2021 版格式才有的项目/);
  });
});

// ---------------------------------------------------------------------------------------------
// Thresholds at their boundaries.
// ---------------------------------------------------------------------------------------------

describe('T3-W1: warns iff 四[总计] / (一[总计] + 二[总计]) > maxRatio (default 0.5)', () => {
  const withIntake = (e: EditionId, nr: number, co: number, fwd: number) => {
    const r = example(yearOf(e));
    r.cells[ap('newReceived')] = { value: nr, origin: 'imported' };
    r.cells[ap('carriedOver')] = { value: co, origin: 'imported' };
    r.cells[ap('carriedForward')] = { value: fwd, origin: 'imported' };
    return r;
  };
  it('the most allowed is said exactly: 29 of 100 at 29% (100 × 0.29 is 28.999… in floating point)', () => {
    const found = failed(withIntake('2021', 100, 0, 30), 'T3-W1', {
      config: { rules: { 'T3-W1': { options: { maxRatio: 0.29 } } } },
    });
    expect(expectation(found[0]!)).toBe('应不超过 29，实为 30');
    expect(
      failed(withIntake('2021', 100, 0, 29), 'T3-W1', {
        config: { rules: { 'T3-W1': { options: { maxRatio: 0.29 } } } },
      }),
    ).toEqual([]);
  });
  it('exactly half is no warning; one more is', () => {
    for (const e of BOTH) {
      expect(failed(withIntake(e, 8, 2, 5), 'T3-W1')).toEqual([]);
      const [f] = failed(withIntake(e, 8, 2, 6), 'T3-W1');
      expect(f!.severity).toBe('warning');
      expect(f!.message).toBe('结转下年度继续办理 6 件，占申请总量 10 件的 60%，超过 50%');
      expect(expectation(f!)).toBe('应不超过 5，实为 6');
    }
  });
  it('for all intakes, carry-overs and limits (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...BOTH),
        fc.nat({ max: 500 }),
        fc.nat({ max: 500 }),
        fc.nat({ max: 1000 }),
        fc.constantFrom(0.5, 0.25, 0.29, 0.3, 0.57, 0.7, 0.75, 1),
        (e, nr, co, fwd, maxRatio) => {
          const r = withIntake(e, nr, co, fwd);
          const found = failed(r, 'T3-W1', { config: { rules: { 'T3-W1': { options: { maxRatio } } } } });
          const intake = nr + co;
          expect(found).toHaveLength(intake > 0 && fwd / intake > maxRatio ? 1 : 0);
          // 「应不超过 k」: k the most that passes, one more would not
          if (found[0]) {
            const k = found[0].expected!;
            expect(k / intake <= maxRatio && (k + 1) / intake > maxRatio, `k=${k}`).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('表二 comparisons at equality (T2-2, T2-5, T2-6)', () => {
  it('for all values: T2-2 iff 现行有效件数 < 本年制发件数; T2-5 iff 对外公开总数量 < 本年新公开数量; T2-6 iff 新公开 ≠ 新制作 (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('regulations', 'normativeDocs'),
        fc.nat({ max: 50 }),
        fc.nat({ max: 50 }),
        (row, a, b) => {
          const r21 = example(2023);
          r21.cells[ad(row, 'valid')] = { value: a };
          r21.cells[ad(row, 'made')] = { value: b };
          const t22 = failed(r21, 'T2-2');
          expect(t22).toHaveLength(a < b ? 1 : 0);
          if (a < b) expect(t22[0]!.cells).toEqual([ad(row, 'valid'), ad(row, 'made')]);
          const r19 = example(2020);
          r19.cells[ad(row, 'totalPublished')] = { value: a };
          r19.cells[ad(row, 'newlyPublished')] = { value: b };
          r19.cells[ad(row, 'newlyMade')] = { value: b };
          expect(failed(r19, 'T2-5')).toHaveLength(a < b ? 1 : 0);
          expect(failed(r19, 'T2-6')).toEqual([]);
          r19.cells[ad(row, 'newlyMade')] = { value: a };
          const t26 = failed(r19, 'T2-6');
          expect(t26).toHaveLength(a !== b ? 1 : 0);
          if (a !== b) expect(t26[0]!.severity).toBe('info');
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('F1–F3: published on the deadline is on time, the day after is late', () => {
  const cases = [
    {
      rule: 'F1',
      agency: { name: '某县交通运输局', kind: '政府部门', level: '县级' },
      md: '01-31',
      severity: 'error',
    },
    {
      rule: 'F2',
      agency: { name: '某县人民政府', kind: '人民政府', level: '县级' },
      md: '03-31',
      severity: 'error',
    },
    {
      rule: 'F3',
      agency: { name: '某镇人民政府', kind: '人民政府', level: '乡镇级' },
      md: '01-31',
      severity: 'warning',
    },
  ] as const;
  it('for every year and agency kind (fast-check)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2019, max: 2030 }), fc.constantFrom(...cases), (year, c) => {
        const r = example(year);
        r.meta.agency = { ...c.agency };
        r.meta.publishedOn = `${year + 1}-${c.md}`;
        expect(failed(r, c.rule)).toEqual([]);
        const next = new Date(Date.parse(`${year + 1}-${c.md}T00:00:00Z`) + 86_400_000)
          .toISOString()
          .slice(0, 10);
        r.meta.publishedOn = next;
        const found = failed(r, c.rule);
        expect(found).toHaveLength(1);
        expect(found[0]!.severity).toBe(c.severity);
        expect(found[0]!.message).toContain('逾期 1 天');
        // only its own deadline rule
        expect(validate(r, { only: ['F1', 'F2', 'F3'] }).map((f) => f.ruleId)).toEqual([c.rule]);
      }),
      { numRuns: 60 },
    );
  });
});

/** Two texts of 51 distinct characters sharing their first 46: 45 of 50 bigrams common, Dice = 0.9. */
function textsAtSimilarity90(): [string, string] {
  const ch = (i: number) => String.fromCharCode(0x4e00 + 37 * i);
  const a = Array.from({ length: 51 }, (_, i) => ch(i)).join('');
  const b = a.slice(0, 46) + Array.from({ length: 5 }, (_, i) => ch(100 + i)).join('');
  return [a, b];
}

describe('X5: similarity *above* the threshold (default 0.9) is 内容雷同', () => {
  const pair = (a: string, b: string) => {
    const cur = example(2023);
    const prev = example(2022);
    // only section 五 is compared: the others too short to count (minLength 50)
    cur.sections = { ...cur.sections, overview: '略', other: '无。', problems: a };
    prev.sections = { ...prev.sections, overview: '略', other: '无。', problems: b };
    return { cur, prev };
  };
  it('exactly at the threshold passes; above it is a warning saying both percentages', () => {
    const [a, b] = textsAtSimilarity90();
    expect(textSimilarity(a, b)).toBe(0.9);
    const at = pair(a, b);
    expect(failed(at.cur, 'X5', { previous: at.prev })).toEqual([]);
    const same = pair(a, a);
    const [f] = failed(same.cur, 'X5', { previous: same.prev });
    expect(f!.severity).toBe('warning');
    expect(f!.message).toContain('相似度为 100%，超过 90%');
    expect(expectation(f!)).toBe('应不超过 90%，实为 100%');
  });
  it('the similarity is said to 0.1%: never 「85%」 beside a limit of 85% it exceeds', () => {
    const [a, b] = textsAtSimilarity90();
    const { cur, prev } = pair(a, b);
    const [f] = failed(cur, 'X5', {
      previous: prev,
      config: { rules: { X5: { options: { threshold: 0.895 } } } },
    });
    expect(f!.message).toContain('相似度为 90%，超过 89.5%');
    expect(expectation(f!)).toBe('应不超过 89.5%，实为 90%');
  });
});

describe('X5: a similarity just above the threshold is said above it', () => {
  it('90.02% beside a limit of 90%: never 「相似度为 90%，超过 90%」', () => {
    // 5,001 distinct characters, the first 4,502 shared: 4,501 of 5,000 bigrams, Dice 0.9002
    const ch = (i: number) => String.fromCharCode(0x4e00 + i);
    const a = Array.from({ length: 5001 }, (_, i) => ch(i)).join('');
    const b = a.slice(0, 4502) + Array.from({ length: 499 }, (_, i) => ch(6000 + i)).join('');
    expect(textSimilarity(a, b)).toBeCloseTo(0.9002, 10);
    const cur = example(2023);
    const prev = example(2022);
    cur.sections = { ...cur.sections, overview: '略', other: '无。', problems: a };
    prev.sections = { ...prev.sections, overview: '略', other: '无。', problems: b };
    const [f] = failed(cur, 'X5', { previous: prev });
    expect(f!.message).toContain('相似度为 90.02%，超过 90%');
    expect(expectation(f!)).toBe('应不超过 90%，实为 90.02%');
  });
});

describe('X6: a swing of the factor (×10) or more is info, and says which', () => {
  const pair = (a: number, b: number) => {
    const prev = example(2022);
    const cur = example(2023);
    prev.cells[ad('punishment', 'decisions')] = { value: a };
    cur.cells[ad('punishment', 'decisions')] = { value: b };
    return failed(cur, 'X6', { previous: prev });
  };
  it('×10 exactly: 「变化达到 10 倍」 (not 「超过」); more: 「超过」; less: nothing', () => {
    expect(pair(30, 300).map((f) => f.message)).toEqual([
      '表二 第二十条第（六）项 行政处罚 · 本年处理决定数量由 2022 年的 30 变为 300，变化达到 10 倍',
    ]);
    expect(pair(30, 301)[0]!.message).toContain('变化超过 10 倍');
    expect(pair(300, 30)[0]!.message).toContain('变化达到 10 倍');
    expect(pair(30, 299)).toEqual([]);
    for (const f of pair(30, 301)) expect(f.severity).toBe('info');
  });
});

// ---------------------------------------------------------------------------------------------
// Cross-year identities (§6.3).
// ---------------------------------------------------------------------------------------------

describe('X1–X4 for all values (fast-check)', () => {
  it('X1: every column, any edition pair incl. 2020→2021: one finding per column whose 上年结转 ≠ last year’s 结转下年度', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2020, max: 2024 }),
        fc.array(fc.nat({ max: 3 }), { minLength: 7, maxLength: 7 }),
        fc.array(fc.nat({ max: 3 }), { minLength: 7, maxLength: 7 }),
        (year, cur, prev) => {
          const r = example(year);
          const p = example(year - 1);
          T3_COLUMNS.forEach((c, i) => {
            r.cells[ap('carriedOver', c)] = { value: cur[i]! };
            p.cells[ap('carriedForward', c)] = { value: prev[i]! };
          });
          const found = failed(r, 'X1', { previous: p });
          const bad = T3_COLUMNS.filter((_, i) => cur[i] !== prev[i]);
          expect(found.map((f) => f.cells[0])).toEqual(bad.map((c) => ap('carriedOver', c)));
          for (const f of found) {
            expect(f.severity).toBe('crossYear');
            expect(f.expected).toBe(prev[T3_COLUMNS.indexOf(f.cells[0]!.split('.')[2]!)]);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('X2 (2021→2021): 现行有效 = 上年现行有效 + 本年制发 − 本年废止; no check from a 2020 report', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('regulations', 'normativeDocs'),
        fc.nat({ max: 60 }),
        fc.nat({ max: 20 }),
        fc.nat({ max: 20 }),
        fc.nat({ max: 90 }),
        (row, prevValid, made, repealed, valid) => {
          const r = example(2023);
          const p = example(2022);
          p.cells[ad(row, 'valid')] = { value: prevValid };
          Object.assign(r.cells, {
            [ad(row, 'made')]: { value: made },
            [ad(row, 'repealed')]: { value: repealed },
            [ad(row, 'valid')]: { value: valid },
          });
          const mine = failed(r, 'X2', { previous: p }).filter((f) => f.cells[0] === ad(row, 'valid'));
          const expected = prevValid + made - repealed;
          expect(mine).toHaveLength(valid === expected ? 0 : 1);
          if (mine[0])
            expect([mine[0].expected, mine[0].actual, mine[0].severity]).toEqual([
              expected,
              valid,
              'warning',
            ]);
        },
      ),
      { numRuns: 150 },
    );
    const r21 = example(2021);
    r21.cells[ad('normativeDocs', 'valid')] = { value: 999 };
    expect(validate(r21, { previous: example(2020), only: ['X2'] })).toEqual([]);
  });

  it('X3 (2019→2020): 上一年项目数量 = last year’s 上一年项目数量 + 本年增/减 (signed), rows of （五）（六）（八）', () => {
    const rows = ['licensing', 'otherMgmtServices', 'punishment', 'coercion', 'adminFees'];
    fc.assert(
      fc.property(
        fc.constantFrom(...rows),
        fc.nat({ max: 50 }),
        fc.integer({ min: -20, max: 20 }),
        fc.nat({ max: 80 }),
        (row, prevItems, change, cur) => {
          const r = example(2020);
          const p = example(2019);
          p.cells[ad(row, 'prevYearItems')] = { value: prevItems };
          p.cells[ad(row, 'yearChange')] = { value: change };
          r.cells[ad(row, 'prevYearItems')] = { value: cur };
          const found = failed(r, 'X3', { previous: p });
          expect(found.map((f) => f.cells[0])).toEqual(
            cur === prevItems + change ? [] : [ad(row, 'prevYearItems')],
          );
          for (const f of found) expect([f.expected, f.severity]).toEqual([prevItems + change, 'warning']);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('X4 (2019→2020): 对外公开总数量 against last year’s + 本年新公开, as info', () => {
    const r = example(2020);
    const p = example(2019);
    r.cells[ad('normativeDocs', 'totalPublished')] = {
      value: p.cells[ad('normativeDocs', 'totalPublished')]!.value! + 7,
    };
    const found = failed(r, 'X4', { previous: p });
    expect(found.map((f) => [f.severity, f.cells[0]])).toEqual([
      ['info', ad('normativeDocs', 'totalPublished')],
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// Cell values (C1, T2-1), narrative messages (N3), summary (§8), roll-up and year-on-year.
// ---------------------------------------------------------------------------------------------

describe('C1 / T2-1: counts, 本年增/减 and money as the spec types them', () => {
  it('2019-trial: 本年增/减 may be negative, not fractional; counts ≥ 0 integers; 采购总金额 a decimal ≥ 0', () => {
    const r = example(2020);
    r.cells[ad('licensing', 'yearChange')] = { value: -7 };
    r.cells[ad('centralProcurement', 'procurementAmount')] = { value: 153103.83, unit: '元' };
    expect(failed(r, 'C1')).toEqual([]);
    r.cells[ad('licensing', 'yearChange')] = { value: 1.5 };
    r.cells[ad('licensing', 'decisions')] = { value: -1 };
    r.cells[ad('centralProcurement', 'procurementAmount')] = { value: -0.01, unit: '元' };
    expect(
      failed(r, 'C1')
        .map((f) => f.cells[0])
        .sort(),
    ).toEqual(
      [
        ad('centralProcurement', 'procurementAmount'),
        ad('licensing', 'decisions'),
        ad('licensing', 'yearChange'),
      ].sort(),
    );
  });
  it('2021: 表二 is T2-1’s (error): 收费金额 20.3 万元 fine, negative not; a fractional count not; said once, not by C1 too', () => {
    const r = example(2023);
    r.cells[ad('adminFees', 'feeAmount')] = { value: 20.3, unit: '万元' };
    expect(failed(r, 'T2-1')).toEqual([]);
    r.cells[ad('adminFees', 'feeAmount')] = { value: -1, unit: '万元' };
    r.cells[ad('normativeDocs', 'made')] = { value: 2.5 };
    const found = validate(r).filter(
      (f) => (f.ruleId === 'T2-1' || f.ruleId === 'C1') && f.status === 'failed',
    );
    expect(found.map((f) => [f.ruleId, f.severity, f.cells[0]]).sort()).toEqual(
      [
        ['T2-1', 'error', ad('adminFees', 'feeAmount')],
        ['T2-1', 'error', ad('normativeDocs', 'made')],
      ].sort(),
    );
  });
});

describe('N3 / T3-W3: 信息处理费 in section 六 (2021 only)', () => {
  it('missing: the spec’s words 「未报告信息处理费收取情况」; the trial format is not asked', () => {
    const r = example(2023);
    r.sections.other = '无。';
    expect(failed(r, 'N3').map((f) => [f.message, f.severity])).toEqual([
      ['未报告信息处理费收取情况', 'warning'],
    ]);
    const r19 = example(2020);
    r19.sections.other = '无。';
    expect(validate(r19, { only: ['N3', 'N4', 'N6', 'T3-W3'] })).toEqual([]);
    r.cells[ap('other_feeUnpaid', 'naturalPerson')] = { value: 1 };
    r.cells[ap('other_feeUnpaid')] = { value: 1 };
    expect(failed(r, 'T3-W3').map((f) => f.severity)).toEqual(['info']);
  });
});

describe('N5: section 五 shorter than minLength (default 40) characters is 内容空泛', () => {
  const withProblems = (text: string) => {
    const r = example(2023);
    r.sections.problems = text;
    return failed(r, 'N5');
  };
  it('exactly minLength passes, one fewer is a warning with the count; 「无」 is said as such', () => {
    const forty = `存在问题是栏目更新慢，${'一'.repeat(21)}下一步加强改进。`;
    expect(forty.length).toBe(40);
    expect(withProblems(forty)).toEqual([]);
    const [f] = withProblems(forty.slice(1));
    expect([f!.message, f!.severity, expectation(f!)]).toEqual([
      '第五部分只有 39 个字，内容空泛',
      'warning',
      '应不少于 40，实为 39',
    ]);
    expect(withProblems('无。').map((x) => x.message)).toEqual(['第五部分为空或只写「无」']);
  });
});

describe('T4-2: 表四 non-zero while 表三 is all 0 is info; a blank in 表三 is not 0', () => {
  it('all 0 → info naming the 表四 cells; one 表三 cell blank → nothing', () => {
    const r = example(2023);
    for (const id of Object.keys(r.cells)) if (id.startsWith('applications.')) r.cells[id] = { value: 0 };
    const [f] = failed(r, 'T4-2');
    expect(f!.severity).toBe('info');
    expect(f!.cells.every((c) => c.startsWith('reviewLitigation.'))).toBe(true);
    r.cells[ap('granted', 'naturalPerson')] = { value: null };
    expect(failed(r, 'T4-2')).toEqual([]);
  });
});

describe('narrate’s sentences are what N1 reads: for every consistent report, no N1 finding (fast-check)', () => {
  it('both editions', () => {
    fc.assert(
      fc.property(consistentReport(), (r) => {
        const said = narrate(r).sentences;
        const text = (s: string) =>
          said
            .filter((x) => x.section === s)
            .map((x) => x.text)
            .join('');
        const withText: Report = {
          ...r,
          sections: {
            ...r.sections,
            overview: text('overview'),
            applications: text('applications'),
            reviewLitigation: text('reviewLitigation'),
          },
        };
        expect(validate(withText, { only: ['N1', 'T3-W2'] }).map((f) => f.message)).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });
});

describe('§8 indicators are the spec’s formulas (fast-check)', () => {
  it('申请总量, 办结量, rates over （七）总计, applicant mix, 纠错率', () => {
    fc.assert(
      fc.property(consistentReport(), (r) => {
        const e = r.meta.edition;
        const v = (id: string) => r.cells[id]!.value!;
        const sum = (ids: string[]) => ids.reduce((a, id) => a + v(id), 0);
        const ind = new Map(summarize(r).indicators.map((i) => [i.key, i]));
        const done = v(ap('resultTotal'));
        const rate = (n: number, d: number) => (d === 0 ? null : n / d);
        expect(ind.get('applicationsTotal')!.value).toBe(v(ap('newReceived')) + v(ap('carriedOver')));
        expect(ind.get('concluded')!.value).toBe(done);
        expect(ind.get('carriedForward')!.value).toBe(v(ap('carriedForward')));
        expect(ind.get('grantedRate')!.value).toBe(rate(v(ap('granted')), done));
        expect(ind.get('disclosureRate')!.value).toBe(
          rate(v(ap('granted')) + v(ap('partiallyGranted')), done),
        );
        expect(ind.get('deniedShare')!.value).toBe(rate(sum(DENIED.map((x) => ap(x))), done));
        expect(ind.get('unableShare')!.value).toBe(rate(sum(UNABLE.map((x) => ap(x))), done));
        expect(ind.get('notProcessedShare')!.value).toBe(rate(sum(NOT_PROCESSED.map((x) => ap(x))), done));
        expect(ind.get('otherShare')!.value).toBe(rate(sum(OTHER[e].map((x) => ap(x))), done));
        expect(ind.get('naturalPersonShare')!.value).toBe(
          rate(v(ap('newReceived', 'naturalPerson')), v(ap('newReceived'))),
        );
        const legal = sum(T3_PARTS.slice(1).map((c) => ap('newReceived', c)));
        expect(ind.get('legalPersonApplications')!.value).toBe(legal);
        for (const g of T4_GROUPS) {
          const concluded = v(rl(g)) - v(rl(g, 'pending'));
          expect(ind.get(`${g}CorrectionRate`)!.value).toBe(rate(v(rl(g, 'corrected')), concluded));
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('本年收费金额 is in 万元 by the 2021 format (cell-ids.md) where the cell states no unit', () => {
  const fee = ad('adminFees', 'feeAmount');
  const withFee = (year: number, value: number) => {
    const r = example(year);
    r.cells[fee] = { value }; // as a JSON report without `unit` has it
    return r;
  };
  it('compare: 20.3 → 25 万元 is +4.7 万元, no 「未注明单位」 note (was: not compared, 「未注明单位（元或万元）」)', () => {
    const c = compare(withFee(2022, 20.3), withFee(2023, 25));
    expect(c.deltas.find((d) => d.key === fee)).toMatchObject({
      previous: 20.3,
      current: 25,
      delta: 4.7,
      unit: '万元',
    });
    expect(c.notes.join('\n')).not.toContain('未注明单位');
  });
  it("`unit: 'unknown'` said outright stays unknown in compare and aggregate alike (as render prints 「未注明单位」)", () => {
    const p = withFee(2022, 20.3);
    const cur = withFee(2023, 153103.83);
    cur.cells[fee] = { value: 153103.83, unit: 'unknown' };
    expect(compare(p, cur).deltas.find((d) => d.key === fee)).toMatchObject({ delta: null, unit: 'unknown' });
    const other = { ...p, meta: { ...p.meta, year: 2023, agency: { name: '另一机关' } } };
    const rolled = aggregate([cur, other]);
    expect(rolled.report.cells[fee]).toMatchObject({ value: null, unit: 'unknown' });
    expect(rolled.notes.join('\n')).toContain('未注明单位（元或万元），无法汇总，留空');
  });
  it('compare and aggregate agree: 元 converted, the rest 万元 (fast-check)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 0, max: 100_000 }), (a, b) => {
        const p = withFee(2022, a / 100);
        const cur = withFee(2023, b);
        cur.cells[fee] = { value: b, unit: '元' };
        const d = compare(p, cur).deltas.find((x) => x.key === fee)!;
        expect(d.unit).toBe('万元');
        expect(d.delta).toBeCloseTo(b / 10_000 - a / 100, 6);
        const other = { ...p, meta: { ...p.meta, year: 2023, agency: { name: '另一机关' } } };
        const rolled = aggregate([cur, other]).report.cells[fee]!;
        expect(rolled.unit).toBe('万元');
        expect(rolled.value).toBeCloseTo(b / 10_000 + a / 100, 6);
      }),
      { numRuns: 100 },
    );
  });
});
