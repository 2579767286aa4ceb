import { availableParallelism } from 'node:os';
import {
  exampleReport,
  keyFindings,
  type Report,
  setCell,
  type ValidationConfig,
  validate,
} from '@nianbao/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  setValidateThread,
  stopValidateThread,
  validateKeyed,
  validateThreadEnabled,
  validateThreadStats,
} from './validate-pool.js';

// The rules on a thread of their own (NIANBAO_VALIDATE_THREAD, default on with more than one core):
// the same findings as in the event loop, whatever happens to the thread.

const inline = (r: Report, o: Parameters<typeof validate>[1] = {}) => keyFindings(validate(r, o));

const CELLS = [
  'applications.newReceived.naturalPerson',
  'applications.carriedOver.commercialEnterprise',
  'applications.granted.naturalPerson',
  'reviewLitigation.review.corrected',
  'activeDisclosure.regulations.valid',
] as const;

describe('validateKeyed: the validation thread', () => {
  it('is on by default on a machine of more cores, off when told', () => {
    expect(validateThreadEnabled({ NIANBAO_VALIDATE_THREAD: 'off' })).toBe(false);
    expect(validateThreadEnabled({ NIANBAO_VALIDATE_THREAD: '0' })).toBe(false);
    expect(validateThreadEnabled({ NIANBAO_VALIDATE_THREAD: 'on' })).toBe(true);
  });

  it.runIf(validateThreadEnabled())(
    'answers what validate answers in the event loop, findings and keys, with and without last year',
    async () => {
      const before = validateThreadStats();
      expect(before.usable).toBe(true);
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(2020, 2021, 2025),
          fc.array(fc.tuple(fc.constantFrom(...CELLS), fc.option(fc.nat(5000), { nil: null })), {
            maxLength: 5,
          }),
          fc.boolean(),
          fc.constantFrom<(ValidationConfig | undefined)[]>(
            undefined,
            { rules: { X1: 'off' } },
            { rules: { 'T3-W1': 'error' } },
          ),
          async (year, edits, withPrevious, config) => {
            let r = exampleReport({ year });
            // (表二's 规章 has other columns in the trial format: left as it is there)
            for (const [id, v] of edits) if (r.cells[id]) r = setCell(r, id, v);
            const options = {
              ...(withPrevious ? { previous: exampleReport({ year: year - 1 }) } : {}),
              ...(config ? { config } : {}),
            };
            expect(await validateKeyed(r, options)).toEqual(inline(r, options));
          },
        ),
        { numRuns: 40 },
      );
      const after = validateThreadStats();
      // every one answered by the thread, none redone in the event loop
      expect(after.answered - before.answered).toBe(40);
      expect(after.redone - before.redone).toBe(0);
    },
  );

  it.runIf(validateThreadEnabled())(
    'last year’s report is copied to the thread once, then named (the same object: store’s cache)',
    async () => {
      const previous = exampleReport({ year: 2024 });
      const r = setCell(exampleReport({ year: 2025 }), CELLS[1], 9);
      const before = validateThreadStats();
      const want = inline(r, { previous });
      expect(want.some((f) => f.ruleId === 'X1' && f.status === 'failed')).toBe(true);
      for (let i = 0; i < 5; i++) expect(await validateKeyed(r, { previous })).toEqual(want);
      expect(validateThreadStats().previousSent - before.previousSent).toBe(1);
      // a copy of it (another version read) is another report: copied again, judged as itself
      const other = setCell(previous, 'applications.carriedForward.commercialEnterprise', 9);
      expect(await validateKeyed(r, { previous: other })).toEqual(inline(r, { previous: other }));
      expect(validateThreadStats().previousSent - before.previousSent).toBe(2);
      // many in flight at once: each answered as its own
      const many = await Promise.all(
        Array.from({ length: 30 }, (_, k) =>
          validateKeyed(setCell(r, CELLS[0], k), k % 2 ? { previous } : { previous: other }),
        ),
      );
      for (const [k, f] of many.entries())
        expect(f).toEqual(inline(setCell(r, CELLS[0], k), k % 2 ? { previous } : { previous: other }));
    },
  );

  it.runIf(validateThreadEnabled())(
    'the thread gone with requests waiting: each still answered (in the event loop), and a new thread after',
    async () => {
      const previous = exampleReport({ year: 2024 });
      const reports = Array.from({ length: 20 }, (_, k) =>
        setCell(exampleReport({ year: 2025 }), CELLS[0], k),
      );
      const before = validateThreadStats();
      const waiting = reports.map((r) => validateKeyed(r, { previous }));
      await stopValidateThread();
      const got = await Promise.all(waiting);
      for (const [k, f] of got.entries()) expect(f).toEqual(inline(reports[k]!, { previous }));
      const mid = validateThreadStats();
      expect(mid.answered - before.answered + (mid.redone - before.redone)).toBe(20);
      // the next request starts another thread, which has not got last year's report: sent again
      expect(await validateKeyed(reports[0]!, { previous })).toEqual(inline(reports[0]!, { previous }));
      const after = validateThreadStats();
      expect(after.answered).toBe(mid.answered + 1);
      expect(after.previousSent).toBe(mid.previousSent + 1);
    },
  );

  it('unset, a thread only with more CPUs than server processes (WORKERS); told, as told', async () => {
    const cpus = availableParallelism();
    try {
      setValidateThread(undefined, cpus);
      expect(validateThreadStats().usable).toBe(false);
      // and the rules then run in the event loop: nothing asked of the thread
      const before = validateThreadStats();
      const r = exampleReport({ year: 2025 });
      expect(await validateKeyed(r)).toEqual(inline(r));
      expect(validateThreadStats().answered).toBe(before.answered);
      setValidateThread(undefined, 1);
      expect(validateThreadStats().usable).toBe(cpus > 1);
      setValidateThread(true, cpus);
      expect(validateThreadStats().usable).toBe(true);
      setValidateThread(false, 1);
      expect(validateThreadStats().usable).toBe(false);
    } finally {
      setValidateThread(undefined, 1);
    }
  });

  it('an error of validate is validate’s own, as in the event loop (not a thread’s message)', async () => {
    const r = exampleReport({ year: 2025 });
    expect(() => validate(r, { today: '2025/1/1' })).toThrow(/today 应为 YYYY-MM-DD/);
    await expect(validateKeyed(r, { today: '2025/1/1' })).rejects.toMatchObject({
      code: 'INVALID_OPTION',
      message: expect.stringMatching(/today 应为 YYYY-MM-DD/),
    });
  });
});
