// A count refresh that read a report's triage decisions just before a 填报人 dismissed a finding,
// and wrote after the dismissal's own refresh, left the old counts marked current: the list's
// findings filter said the report had an open error it no longer had, until the next save.
import { exampleReport, setCell } from '@nianbao/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, refreshCounts } from './store.js';
import { DB_LABEL, makeWorld, type World } from './test-support/harness.js';

let w: World;
beforeAll(async () => {
  w = await makeWorld();
});
afterAll(async () => w?.cleanup());

/**
 * The database as `refreshCounts` sees it, but the first read of the triage table, once done (its
 * connection free again), waits for `release`.
 */
function holdingTriageRead(db: Db) {
  let reachedNow!: () => void;
  let release!: () => void;
  const reached = new Promise<void>((r) => {
    reachedNow = r;
  });
  const gate = new Promise<void>((r) => {
    release = r;
  });
  let held = false;
  const wrap = (o: object): object =>
    new Proxy(o, {
      get(target, prop) {
        const v = (target as Record<PropertyKey, unknown>)[prop];
        if (typeof v !== 'function') return v;
        if (prop === 'execute')
          return async (...a: unknown[]) => {
            const rows = await (v as (...x: unknown[]) => Promise<unknown>).apply(target, a);
            reachedNow();
            await gate;
            return rows;
          };
        return (...a: unknown[]) => {
          const out = (v as (...x: unknown[]) => unknown).apply(target, a);
          return out && typeof out === 'object' ? wrap(out) : out;
        };
      },
    });
  const held_db = new Proxy(db, {
    get(target, prop) {
      const v = (target as unknown as Record<PropertyKey, unknown>)[prop];
      if (prop === 'selectFrom')
        return (table: string) => {
          const q = target.selectFrom(table as 'triage');
          if (table !== 'triage' || held) return q;
          held = true;
          return wrap(q);
        };
      return typeof v === 'function' ? (v as (...x: unknown[]) => unknown).bind(target) : v;
    },
  });
  return { db: held_db, reached, release: () => release() };
}

describe(`open-finding counts after a refresh racing a triage (${DB_LABEL})`, () => {
  it('a refresh that read the triage before a dismissal does not leave its counts as current', async () => {
    const c = await w.as.fillerA1.reports.create.mutate({ agencyId: w.ids.agencyA1, year: 2024 });
    const e = exampleReport({ year: 2024, agency: c.report.meta.agency });
    // One broken total: an open error.
    const bad = setCell(
      { ...e, meta: { ...e.meta, agency: c.report.meta.agency } },
      'applications.newReceived.total',
      999_999,
    );
    const saved = await w.as.fillerA1.reports.save.mutate({ id: c.id, expectedVersion: 1, report: bad });
    const got = await w.as.fillerA1.reports.get.query({ id: c.id });
    expect(got.openFindings.error).toBeGreaterThan(0);
    const errors = (await w.as.fillerA1.checks.validate.mutate({ id: c.id })).findings.filter(
      (f) => f.severity === 'error' && f.status === 'failed',
    );
    expect(errors.length).toBeGreaterThan(0);

    // A refresh (the background one after a save, another instance's) reads the triage, and waits.
    const hold = holdingTriageRead(w.ts.store.db);
    const slow = refreshCounts(hold.db, c.id);
    await hold.reached;
    // Meanwhile every error is dismissed; the dismissal's own refresh counts none.
    for (const f of errors)
      await w.as.fillerA1.checks.triage.mutate({
        id: c.id,
        findingKey: f.key,
        decision: 'dismissed',
        reason: '已核实无误',
      });
    hold.release();
    await slow;

    const listed = await w.as.fillerA1.reports.list.query({ agencyId: w.ids.agencyA1, findings: 'errors' });
    expect(listed.items.map((i) => i.id)).not.toContain(c.id);
    expect((await w.as.fillerA1.reports.get.query({ id: c.id })).openFindings.error).toBe(0);
    expect(saved.version).toBe(2);
  });

  it('nor does one that began on counts already stale (just after a save)', async () => {
    const c = await w.as.fillerA2.reports.create.mutate({ agencyId: w.ids.agencyA2, year: 2024 });
    const e = exampleReport({ year: 2024, agency: c.report.meta.agency });
    const bad = setCell(
      { ...e, meta: { ...e.meta, agency: c.report.meta.agency } },
      'applications.newReceived.total',
      999_999,
    );
    await w.as.fillerA2.reports.save.mutate({ id: c.id, expectedVersion: 1, report: bad });
    // No reader yet: the counts are those of version 1.
    const errors = (await w.as.fillerA2.checks.validate.mutate({ id: c.id })).findings.filter(
      (f) => f.severity === 'error' && f.status === 'failed',
    );
    const hold = holdingTriageRead(w.ts.store.db);
    const slow = refreshCounts(hold.db, c.id);
    await hold.reached;
    for (const f of errors)
      await w.as.fillerA2.checks.triage.mutate({
        id: c.id,
        findingKey: f.key,
        decision: 'dismissed',
        reason: '已核实无误',
      });
    hold.release();
    await slow;
    const listed = await w.as.fillerA2.reports.list.query({ agencyId: w.ids.agencyA2, findings: 'errors' });
    expect(listed.items.map((i) => i.id)).not.toContain(c.id);
  });
});
