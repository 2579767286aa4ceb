import { describe, expect, it } from 'vitest';
import type { EditionId } from '../editions/index.js';
import { exampleReport } from '../examples.js';
import type { Cell, Report } from '../model.js';
import type { Finding } from '../rules/types.js';
import { type ValidateOptions, validate } from '../validate.js';

/** A mutable copy of the consistent example report of an edition, for building cases. */
export function base(edition: EditionId): Report {
  return structuredClone(exampleReport({ year: edition === '2021' ? 2023 : 2020 }));
}

export function put(r: Report, id: string, value: number | null, extra: Partial<Cell> = {}): Report {
  r.cells[id] = { ...r.cells[id], value, ...extra };
  return r;
}

export interface Case {
  readonly name: string;
  readonly edition?: EditionId;
  /** Change the consistent base report into the case. */
  readonly report: (r: Report) => Report;
  readonly options?: ValidateOptions | ((r: Report) => ValidateOptions);
}

export interface InvalidCase extends Case {
  /** Failed findings of this rule expected. */
  readonly count: number;
  /** Cells every one of which must be named by some finding. */
  readonly cells?: readonly string[];
  /** Substrings the (first) message must contain: numbers, labels. */
  readonly message?: readonly string[];
  readonly severity?: Finding['severity'];
  readonly expected?: number | null;
  readonly actual?: number | null;
}

/**
 * ESLint's RuleTester shape: for one rule, valid cases give no failed finding of it, invalid cases
 * give exactly the findings described. Each case runs for each edition it lists.
 */
export function ruleTester(
  ruleId: string,
  editions: readonly EditionId[],
  cases: { valid: readonly Case[]; invalid: readonly InvalidCase[] },
): void {
  describe(`rule ${ruleId}`, () => {
    for (const edition of editions) {
      const run = (c: Case) => {
        const r = c.report(base(edition));
        const opts = typeof c.options === 'function' ? c.options(r) : (c.options ?? {});
        return validate(r, opts).filter((f) => f.ruleId === ruleId && f.status === 'failed');
      };
      for (const c of cases.valid) {
        if (c.edition && c.edition !== edition) continue;
        it(`[${edition}] valid: ${c.name}`, () => {
          expect(run(c).map((f) => f.message)).toEqual([]);
        });
      }
      for (const c of cases.invalid) {
        if (c.edition && c.edition !== edition) continue;
        it(`[${edition}] invalid: ${c.name}`, () => {
          const found = run(c);
          expect(found.map((f) => f.message)).toHaveLength(c.count);
          const named = new Set(found.flatMap((f) => f.cells));
          for (const cell of c.cells ?? []) expect(named, `finding names ${cell}`).toContain(cell);
          for (const s of c.message ?? []) expect(found[0]!.message).toContain(s);
          if (c.severity) for (const f of found) expect(f.severity).toBe(c.severity);
          if (c.expected !== undefined) expect(found[0]!.expected).toBe(c.expected);
          if (c.actual !== undefined) expect(found[0]!.actual).toBe(c.actual);
          for (const f of found) {
            expect(f.message).toMatch(/[\u4e00-\u9fff]/);
            expect(f.hint).toMatch(/[\u4e00-\u9fff]/);
          }
        });
      }
    }
  });
}
