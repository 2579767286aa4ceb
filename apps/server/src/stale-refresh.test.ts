import { exampleReport } from '@nianbao/core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { refreshAllStale } from './store.js';
import { DB_LABEL, makeWorld, type World } from './test-support/harness.js';
import { turnsDuring } from './test-support/turns.js';

let w: World;
const ids: string[] = [];
let a1Report = '';
let createdAt = 0;
beforeAll(async () => {
  w = await makeWorld();
  // Six agencies × 2019–2025: enough reports that recomputing them all takes several slices.
  for (const agencyId of Object.values(w.ids))
    for (let year = 2019; year <= 2025; year++)
      ids.push((await w.as.admin.reports.create.mutate({ agencyId, year })).id);
  createdAt = Date.now();
  a1Report = (await w.as.admin.reports.find.query({ agencyId: w.ids.agencyA1, year: 2025 }))!.id;
});
afterAll(async () => w?.cleanup());

/** Resolves after `n` turns of the event loop (what an HTTP request needs to be read). */
const turns_ = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
};

describe(`counts marked stale are recomputed without holding others up (${DB_LABEL})`, () => {
  it('after config.set, another user is answered while a list recomputes every stale count, and the list counts are exact', async () => {
    const before = await w.as.admin.reports.list.query({ limit: 500 });
    expect(before.total).toBe(ids.length);
    const rules = await w.as.admin.checks.rules.query();
    const cfg = await w.as.admin.config.get.query();
    // Every warning rule off: the warnings of these blank reports all go — the structure rules too,
    // whose errors are warnings in a 2019 report (the trial format's first year: an empty 一 is S2's)
    const off = Object.fromEntries(
      rules.rules.filter((r) => r.severity === 'warning' || r.id.startsWith('S')).map((r) => [r.id, 'off']),
    );
    expect(before.items.some((i) => i.openFindings.warning > 0)).toBe(true);
    await w.as.admin.config.set.mutate({ rules: off as never, expectedVersion: cfg.version });

    // Each recount "takes" 20 ms (as a province's 2,411 reports take seconds): past the 10 ms slice
    // after which others are let in. Turns of the event loop while the list recounts: each one a
    // moment another user's request can be read and answered. The order of the two answers is not
    // asserted: on a fast machine, or on PostgreSQL where reads are I/O, either may come first.
    const {
      result: [one, after],
      turns,
    } = await turnsDuring(async () => {
      const list = w.as.admin.reports.list.query({ limit: 500 });
      await turns_(3); // the list is under way
      const got = await w.as.fillerA1.reports.get.query({ id: a1Report });
      return [got, await list] as const;
    });
    // The recount let others in all along (without slices, on SQLite: no turn at all).
    expect(turns).toBeGreaterThanOrEqual(ids.length / 2);
    expect(one.openFindings.warning).toBe(0);
    // Exact: every count as a fresh validation of the report gives it, none left from before.
    expect(after.total).toBe(ids.length);
    for (const item of after.items) {
      const fresh = await w.as.admin.checks.validate.mutate({ id: item.id });
      expect(item.openFindings, item.agencyName + item.year).toEqual(fresh.open);
      expect(item.openFindings.warning).toBe(0);
    }
  });

  it('config.set recomputes every count in the background: a later list finds nothing stale', async () => {
    const cfg = await w.as.admin.config.get.query();
    await w.as.admin.config.set.mutate({ rules: {}, expectedVersion: cfg.version });
    await refreshAllStale(w.ts.store.db); // the pass config.set started (joined, not run twice)
    const stale = await w.ts.store.db
      .selectFrom('reports')
      .select('id')
      .where((eb) =>
        eb.or([eb('counts_version', 'is', null), eb('counts_version', '!=', eb.ref('current_version'))]),
      )
      .execute();
    expect(stale).toEqual([]);
    const list = await w.as.admin.reports.list.query({ limit: 500 });
    expect(list.items.some((i) => i.openFindings.warning > 0)).toBe(true);
  });
  it('a back-filled last year: next year’s counts, marked stale by the save, are recomputed in the background, not left to the next reader', async () => {
    const db = w.ts.store.db;
    // The background refresh every create schedules (5 s later) has run: what runs after the save is
    // the save's doing.
    await new Promise((r) => setTimeout(r, Math.max(0, createdAt + 5600 - Date.now())));
    const last = (await w.as.fillerA1.reports.find.query({ agencyId: w.ids.agencyA1, year: 2024 }))!;
    const got = await w.as.fillerA1.reports.get.query({ id: last.id });
    const e = exampleReport({ year: 2024, agency: got.report.meta.agency });
    await w.as.fillerA1.reports.save.mutate({
      id: last.id,
      expectedVersion: got.version,
      report: { ...e, meta: { ...e.meta, agency: got.report.meta.agency } },
    });
    const next = () =>
      db
        .selectFrom('reports')
        .select(['counts_version', 'current_version'])
        .where('agency_id', '=', w.ids.agencyA1)
        .where('year', '=', 2025)
        .executeTakeFirstOrThrow();
    // Marked stale (a stale stamp, not its version).
    const marked = await next();
    expect(marked.counts_version).not.toBe(marked.current_version);
    // Some 5 s later (the delay a saved report's own counts take), nobody having read 2025: polled,
    // not a fixed wait — on a loaded machine the background run may start a little late.
    await vi.waitFor(
      async () => {
        const row = await next();
        expect(row.counts_version).toBe(row.current_version);
      },
      { timeout: 20_000, interval: 250 },
    );
  }, 40_000);
});
