import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aggregate } from './aggregate.js';
import { compare } from './compare.js';
import { derive } from './derive.js';
import { getEdition } from './editions/index.js';
import { applyFix, suggestFixes } from './fixes.js';
import { evaluateIdentity, identities } from './identities.js';
import { CellSchema, isWellFormedCell, parseReport, type Report, ReportSchema } from './model.js';
import { textSimilarity } from './rules/crossYear.js';
import { consistentReport } from './test-support/arbitraries.js';
import { validate } from './validate.js';

const ARITH = new Set(['T3-H', 'T3-V', 'T3-B', 'T4-1']);
const arithmeticFailures = (r: Report) =>
  validate(r).filter((f) => ARITH.has(f.ruleId) && f.status === 'failed');

/** A changed value: non-negative, different from the old one. */
const changeOf = (old: number) =>
  fc.integer({ min: 1, max: 40 }).chain((d) => fc.constantFrom(old + d, ...(old - d >= 0 ? [old - d] : [])));

describe('properties (fast-check)', () => {
  it('a generated consistent report has no error', () => {
    fc.assert(
      fc.property(consistentReport(), (r) => {
        const errors = validate(r).filter((f) => f.severity === 'error' && f.status === 'failed');
        expect(errors.map((f) => f.message)).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it('changing any one cell makes exactly the identities through it fail, naming it', () => {
    const arb = consistentReport().chain((r) =>
      fc
        .constantFrom(...Object.keys(r.cells))
        .chain((cell) => changeOf(r.cells[cell]!.value!).map((to) => ({ r, cell, to }))),
    );
    fc.assert(
      fc.property(arb, ({ r, cell, to }) => {
        const changed: Report = { ...r, cells: { ...r.cells, [cell]: { ...r.cells[cell]!, value: to } } };
        const through = identities(r.meta.edition).filter(
          (i) => i.lhs.includes(cell) || i.rhs.includes(cell),
        );
        const failures = arithmeticFailures(changed);
        expect(failures).toHaveLength(through.length);
        for (const f of failures) expect(f.cells).toContain(cell);
        expect(failures.map((f) => f.ruleId).sort()).toEqual(through.map((i) => i.ruleId).sort());
      }),
      { numRuns: 300 },
    );
  });

  // A changed 表四 cell breaks one identity of five cells, so five suggestions are equally good;
  // every 表三 cell sits in two or three identities and its own fix ranks first.
  it('suggestFixes finds the changed cell (and its old value) among its first suggestions', () => {
    const arb = consistentReport().chain((r) =>
      fc
        .constantFrom(...Object.keys(r.cells).filter((id) => !id.startsWith('activeDisclosure.')))
        .chain((cell) => changeOf(r.cells[cell]!.value!).map((to) => ({ r, cell, to }))),
    );
    fc.assert(
      fc.property(arb, ({ r, cell, to }) => {
        // as printed: every number stated, so a wrong total is not silently recomputed
        const cells = Object.fromEntries(
          Object.entries(r.cells).map(([id, c]) => [id, { ...c, origin: 'imported' as const }]),
        );
        const changed: Report = { ...r, cells: { ...cells, [cell]: { ...cells[cell]!, value: to } } };
        const top = suggestFixes(changed).slice(0, cell.startsWith('reviewLitigation.') ? 5 : 1);
        const hit = top.find((s) => s.changes.some((c) => c.cell === cell && c.to === r.cells[cell]!.value));
        expect(hit, `suggestions: ${JSON.stringify(top.map((s) => s.changes))}`).toBeDefined();
      }),
      { numRuns: 300 },
    );
  });

  // Totals as the form keeps them (derived), two or three parts of 表三 mistyped: every suggestion,
  // the combined one included, applied as the form applies it, resolves what it says and breaks nothing.
  it('every suggestion resolves what it names and breaks no identity that held', () => {
    const arb = consistentReport().chain((r) => {
      const totals = new Set(identities(r.meta.edition).flatMap((i) => (i.derives ? [i.derives] : [])));
      const parts = Object.keys(r.cells).filter((id) => id.startsWith('applications.') && !totals.has(id));
      return fc
        .uniqueArray(fc.constantFrom(...parts), { minLength: 2, maxLength: 3 })
        .chain((cells) =>
          fc
            .tuple(...cells.map((c) => changeOf(r.cells[c]!.value!)))
            .map((tos) => ({ r, totals, cells, tos })),
        );
    });
    fc.assert(
      fc.property(arb, ({ r, totals, cells, tos }) => {
        const derived = Object.fromEntries(
          Object.entries(r.cells).map(([id, c]) => [
            id,
            totals.has(id) ? { ...c, origin: 'derived' as const } : c,
          ]),
        );
        const changedCells = { ...derived };
        cells.forEach((c, k) => {
          changedCells[c] = { ...changedCells[c]!, value: tos[k]!, origin: 'entered' };
        });
        const changed = derive({ ...r, cells: changedCells }).report;
        const all = identities(r.meta.edition);
        const status = (x: Report) =>
          new Map(all.map((i) => [i.key, evaluateIdentity(i, (id) => x.cells[id]?.value).status]));
        const before = status(changed);
        for (const s of suggestFixes(changed)) {
          const after = status(applyFix(changed, s));
          for (const k of s.resolves) expect(after.get(k), `${s.reason}: ${k}`).toBe('ok');
          for (const [k, st] of before)
            if (st !== 'failed') expect(after.get(k), `${s.reason} breaks ${k}`).not.toBe('failed');
        }
      }),
      { numRuns: 100 },
    );
    // suggestFixes tries every candidate through derive: seconds here, more on a loaded CI machine.
  }, 120_000);

  it('derive then validate has no arithmetic error, whatever the totals were', () => {
    const arb = consistentReport().chain((r) => {
      const totals = identities(r.meta.edition).flatMap((i) => (i.derives ? [i.derives] : []));
      return fc
        .array(fc.option(fc.nat({ max: 999 }), { nil: null }), {
          minLength: totals.length,
          maxLength: totals.length,
        })
        .map((vals) => {
          const cells = { ...r.cells };
          totals.forEach((t, i) => {
            cells[t] = { value: vals[i]!, origin: 'derived' };
          });
          return { ...r, cells };
        });
    });
    fc.assert(
      fc.property(arb, (r) => {
        const d = derive(r);
        expect(d.conflicts).toEqual([]);
        expect(arithmeticFailures(d.report).map((f) => f.message)).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it('stated totals that disagree are kept and listed, or overwritten only when asked', () => {
    const arb = consistentReport().chain((r) => {
      const totals = identities(r.meta.edition).flatMap((i) => (i.derives ? [i.derives] : []));
      return fc
        .constantFrom(...totals)
        .chain((t) => changeOf(r.cells[t]!.value!).map((to) => ({ r, t, to })));
    });
    fc.assert(
      fc.property(arb, ({ r, t, to }) => {
        const stated: Report = { ...r, cells: { ...r.cells, [t]: { value: to, origin: 'imported' } } };
        const kept = derive(stated);
        expect(kept.report.cells[t]!.value).toBe(to);
        expect(kept.conflicts.map((c) => c.cell)).toEqual([t]);
        expect(kept.conflicts[0]!.computed).toBe(r.cells[t]!.value);
        const over = derive(stated, { overwrite: true });
        expect(arithmeticFailures(over.report)).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it('the aggregate of consistent reports is consistent', () => {
    fc.assert(
      fc.property(
        fc
          .constantFrom('2019-trial' as const, '2021' as const)
          .chain((e) => fc.array(consistentReport(e), { minLength: 1, maxLength: 6 })),
        (reports) => {
          const year = reports[0]!.meta.year;
          // one year, and one report per agency (the same agency twice is refused)
          const same = reports.map((r, i) => ({
            ...r,
            meta: { ...r.meta, year, agency: { ...r.meta.agency, name: `${r.meta.agency.name}${i}` } },
          }));
          const { report, missing } = aggregate(same);
          expect(missing).toEqual([]);
          expect(arithmeticFailures(report)).toEqual([]);
          expect(report.cells['applications.newReceived.total']!.value).toBe(
            same.reduce((a, r) => a + r.cells['applications.newReceived.total']!.value!, 0),
          );
        },
      ),
      { numRuns: 80 },
    );
  });

  it('a roll-up is the cell-wise sum of the reports as derive gives them (a part changed or blank: the total derived through it follows), a cell blank in any report blank in it and listed, 元 summed as 万元', () => {
    const arb = fc.constantFrom('2019-trial' as const, '2021' as const).chain((e) =>
      fc.array(
        fc.record({
          r: consistentReport(e),
          blanks: fc.array(fc.nat(), { maxLength: 3 }),
          // parts changed after derive (a report file edited by hand): its derived totals are stale
          edits: fc.array(fc.tuple(fc.nat(), fc.nat({ max: 40 })), { maxLength: 3 }),
          yuan: fc.boolean(),
        }),
        { minLength: 1, maxLength: 5 },
      ),
    );
    fc.assert(
      fc.property(arb, (parts) => {
        const year = parts[0]!.r.meta.year;
        const reports = parts.map(({ r, blanks, edits, yuan }, i) => {
          const ids = Object.keys(r.cells);
          const cells = { ...r.cells };
          for (const [k, v] of edits) {
            const id = ids[k % ids.length]!;
            if (cells[id]!.origin !== 'derived' && cells[id]!.unit === undefined) cells[id] = { value: v };
          }
          for (const b of blanks) cells[ids[b % ids.length]!] = { value: null };
          // a report stating its amounts in 元: the same amount ×10000
          if (yuan)
            for (const [id, c] of Object.entries(cells))
              if (c.unit === '万元' && c.value !== null) cells[id] = { value: c.value * 10000, unit: '元' };
          return { ...r, cells, meta: { ...r.meta, year, agency: { name: `机关${i}` } } };
        });
        const { report, missing } = aggregate(reports);
        const listed = new Map(missing.map((m) => [m.cell, m.agencies]));
        // each report as derive gives it: a total it derived through a cell now blank is blank too
        const derived = reports.map((r) => derive(r).report);
        for (const def of getEdition(reports[0]!.meta.edition).cells) {
          const cells = derived.map((r) => r.cells[def.id]!);
          const blank = reports.filter((_, k) => cells[k]!.value === null).map((r) => r.meta.agency.name);
          const got = report.cells[def.id]!;
          if (blank.length) {
            expect(got.value).toBeNull();
            expect(listed.get(def.id)).toEqual(blank);
            continue;
          }
          // in the roll-up's unit: 元 when every report's amount is in 元 (2019 采购总金额), else 万元
          const toWan = got.unit !== '元';
          const sum = cells.reduce((a, c) => a + (c.unit === '元' && toWan ? c.value! / 10000 : c.value!), 0);
          if (def.valueType === 'money') expect(got.value!).toBeCloseTo(sum, 6);
          else expect(got.value).toBe(sum);
        }
      }),
      { numRuns: 80 },
    );
  });

  it('compare one way is the other turned round: each delta negated, and each change the way its delta goes', () => {
    const pair = fc.tuple(
      fc.constantFrom('2019-trial' as const, '2021' as const),
      fc.constantFrom('2019-trial' as const, '2021' as const),
    );
    fc.assert(
      fc.property(
        pair.chain(([e1, e2]) => fc.tuple(consistentReport(e1), consistentReport(e2))),
        ([a, b]) => {
          const prev = { ...a, meta: { ...a.meta, year: 2020 } };
          const cur = { ...b, meta: { ...b.meta, year: 2021 } };
          const there = compare(prev, cur).deltas;
          const back = new Map(
            compare(cur, prev).deltas.map((d) => [`${d.previousCells}|${d.currentCells}`, d]),
          );
          for (const d of there) {
            const r = back.get(`${d.currentCells}|${d.previousCells}`)!;
            expect(r, d.key).toBeDefined();
            expect([r.previous, r.current]).toEqual([d.current, d.previous]);
            if (d.delta === null) expect(r.delta).toBeNull();
            else expect(r.delta! + d.delta).toBeCloseTo(0, 6);
            if (d.change !== null) expect(Math.sign(d.change) || 0).toBe(Math.sign(d.delta!) || 0);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('JSON round-trips exactly through parseReport', () => {
    fc.assert(
      fc.property(consistentReport(), fc.string(), (r, text) => {
        // keys in the schema's order: the JSON text itself round-trips byte for byte
        const withText: Report = {
          schemaVersion: 1,
          meta: r.meta,
          preamble: text,
          sections: { ...r.sections, problems: text },
          cells: r.cells,
        };
        const back = parseReport(JSON.parse(JSON.stringify(withText)));
        expect(back.ok).toBe(true);
        if (back.ok) expect(back.value).toEqual(withText);
        expect(JSON.stringify(back.ok && back.value)).toBe(JSON.stringify(withText));
      }),
      { numRuns: 100 },
    );
  });

  it('parseReport never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.string(), fc.json()), (x) => {
        const r = parseReport(x);
        if (!r.ok) for (const e of r.errors) expect(e.message).toMatch(/[\u4e00-\u9fff]/);
      }),
      { numRuns: 300 },
    );
  });
});

describe('parseReport fast path', () => {
  it('accepts a cell only when CellSchema does (exactly so on JSON)', () => {
    const cellish = fc.oneof(
      fc.record(
        {
          value: fc.oneof(fc.double(), fc.constant(null), fc.integer(), fc.string()),
          raw: fc.oneof(fc.string(), fc.integer()),
          unit: fc.constantFrom('元', '万元', 'unknown', '美元', 3),
          origin: fc.constantFrom('entered', 'imported', 'derived', 'inferred', 'guessed'),
          extra: fc.anything(),
        },
        { requiredKeys: [] },
      ),
      fc.anything(),
    );
    fc.assert(
      fc.property(cellish, (c) => {
        // never accepts what the schema refuses; on JSON data (no undefined) exactly the schema
        if (isWellFormedCell(c)) expect(CellSchema.safeParse(c).success).toBe(true);
        const text = JSON.stringify(c);
        if (text !== undefined) {
          const j = JSON.parse(text);
          expect(isWellFormedCell(j)).toBe(CellSchema.safeParse(j).success);
        }
      }),
      { numRuns: 2000 },
    );
  });
  it('gives the same report as the full schema', () => {
    fc.assert(
      fc.property(consistentReport(), (r) => {
        const json = JSON.parse(JSON.stringify(r));
        const fast = parseReport(json);
        const full = ReportSchema.safeParse(json);
        expect(fast.ok && full.success).toBe(true);
        if (fast.ok && full.success) expect(JSON.stringify(fast.value)).toBe(JSON.stringify(full.data));
      }),
      { numRuns: 50 },
    );
  });
});

describe('textSimilarity (X5)', () => {
  // The definition, written plainly: Dice over the multisets of character bigrams, digits,
  // whitespace, punctuation and symbols removed. The rule's version uses sorted typed arrays.
  const reference = (a: string, b: string) => {
    const norm = (s: string) => s.replace(/[\d０-９]+|[\s\p{P}\p{S}]+/gu, '');
    const grams = (s: string) => {
      const m = new Map<string, number>();
      for (let i = 0; i < s.length - 1; i++) m.set(s.slice(i, i + 2), (m.get(s.slice(i, i + 2)) ?? 0) + 1);
      return m;
    };
    const x = norm(a);
    const y = norm(b);
    if (x.length < 2 || y.length < 2) return x === y ? 1 : 0;
    const gy = grams(y);
    let common = 0;
    for (const [g, n] of grams(x)) common += Math.min(n, gy.get(g) ?? 0);
    return (2 * common) / (x.length - 1 + (y.length - 1));
  };
  // Few distinct characters, so that texts share bigrams; CJK, full-width digits, punctuation, an emoji.
  const text = fc.string({
    unit: fc.constantFrom(
      '政',
      '府',
      '信',
      '息',
      '公',
      '开',
      'a',
      '1',
      '２',
      '，',
      '。',
      ' ',
      '\n',
      '😀',
      '¥',
    ),
    maxLength: 60,
  });

  it('equals the plain definition for any two texts, is symmetric, and 1 for a text with itself', () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        expect(textSimilarity(a, b)).toBeCloseTo(reference(a, b), 12);
        expect(textSimilarity(a, b)).toBe(textSimilarity(b, a));
        expect(textSimilarity(a, a)).toBe(1);
      }),
      { numRuns: 500 },
    );
  });
});
