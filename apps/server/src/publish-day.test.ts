import { exampleReport } from '@nianbao/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app.js';
import { DB_LABEL, makeClient, makeWorld, PASSWORD, type World } from './test-support/harness.js';

let w: World;
beforeAll(async () => {
  w = await makeWorld();
});
afterAll(async () => w?.cleanup());

// 发布 without a stated date records the day it happens — in China. At 07:30 on 1 February in 北京 the
// UTC date is still 31 January: recorded as that, a report published a day late read as on time (F1).
describe(`发布 records the day in China (${DB_LABEL})`, () => {
  it('a report published at 07:30 on 1 February (北京) is dated 2027-02-01, and is late', async () => {
    const at = async (iso: string, username: string) => {
      const app = createApp(w.ts.store, {
        webDir: '/nonexistent',
        log: () => {},
        today: () => new Date(iso),
      });
      const c = makeClient(app);
      await c.auth.login.mutate({ username, password: PASSWORD });
      return c;
    };
    const moment = '2027-01-31T23:30:00Z'; // 2027-02-01 07:30 in 北京
    const filler = await at(moment, 'fillerB1');
    const reviewer = await at(moment, 'reviewerB');
    const created = await filler.reports.create.mutate({ agencyId: w.ids.agencyB1, year: 2026 });
    const e = exampleReport({ year: 2026, agency: created.report.meta.agency });
    const { publishedOn: _stated, ...meta } = e.meta;
    const saved = await filler.reports.save.mutate({
      id: created.id,
      expectedVersion: created.version,
      report: { ...e, meta: { ...meta, agency: created.report.meta.agency } },
    });
    await filler.reports.submit.mutate({ id: created.id, expectedVersion: saved.version });
    await reviewer.reports.approve.mutate({ id: created.id });
    await reviewer.reports.publish.mutate({ id: created.id });
    const got = await reviewer.reports.get.query({ id: created.id });
    expect(got.publishedOn).toBe('2027-02-01');
    const checked = await reviewer.checks.validate.mutate({ id: created.id });
    expect(checked.findings.some((f) => f.ruleId === 'F1')).toBe(true);
  });
});
