import { exampleReport } from '@nianbao/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, DB_LABEL, failure, makeClient, makeWorld, type World } from './test-support/harness.js';

let w: World;
/** One report per agency, year 2024, filled and left as draft. */
const reports: Record<string, string> = {};

beforeAll(async () => {
  w = await makeWorld();
  const owners = { agencyA1: w.as.fillerA1, agencyA2: w.as.fillerA2, agencyB1: w.as.fillerB1 } as const;
  for (const [key, c] of Object.entries(owners)) {
    const r = await c.reports.create.mutate({ agencyId: w.ids[key as keyof typeof owners], year: 2024 });
    const e = exampleReport({ year: 2024, agency: r.report.meta.agency });
    await c.reports.save.mutate({
      id: r.id,
      expectedVersion: 1,
      report: { ...e, meta: { ...e.meta, agency: r.report.meta.agency } },
    });
    reports[key] = r.id;
  }
});
afterAll(async () => w?.cleanup());

type Who = keyof World['as'];
const READ: Record<Who, string[]> = {
  admin: ['agencyA1', 'agencyA2', 'agencyB1'],
  reviewerA: ['agencyA1', 'agencyA2'],
  reviewerB: ['agencyB1'],
  fillerA1: ['agencyA1'],
  fillerA2: ['agencyA2'],
  fillerB1: ['agencyB1'],
};
const WRITE: Record<Who, string[]> = {
  admin: ['agencyA1', 'agencyA2', 'agencyB1'],
  reviewerA: [],
  reviewerB: [],
  fillerA1: ['agencyA1'],
  fillerA2: ['agencyA2'],
  fillerB1: ['agencyB1'],
};

describe(`role boundaries (${DB_LABEL})`, () => {
  const who = Object.keys(READ) as Who[];
  const targets = ['agencyA1', 'agencyA2', 'agencyB1'];

  for (const u of who)
    it(`${u}: reads exactly ${READ[u].join(', ') || 'nothing'}`, async () => {
      const c = w.as[u];
      for (const t of targets) {
        const id = reports[t]!;
        if (READ[u].includes(t)) {
          expect((await c.reports.get.query({ id })).id).toBe(id);
          expect((await c.reports.history.query({ id })).versions.length).toBe(2);
          expect((await c.checks.validate.mutate({ id })).findings).toBeInstanceOf(Array);
          expect((await c.summary.report.query({ id })).summary.indicators.length).toBeGreaterThan(5);
        } else {
          // Not even its existence: "not found", same as a random id.
          const calls = await Promise.all(
            [
              c.reports.get.query({ id }),
              c.reports.history.query({ id }),
              c.reports.version.query({ id, version: 1 }),
              c.reports.diff.query({ id, from: 1, to: 2 }),
              c.checks.validate.mutate({ id }),
              c.summary.report.query({ id }),
              c.export.report.query({ id, format: 'md' }),
            ].map(failure),
          );
          for (const f of calls) expect(f.code).toBe('NOT_FOUND');
        }
      }
      const listed = await c.reports.list.query({});
      expect(listed.items.map((r) => r.id).sort()).toEqual(READ[u].map((t) => reports[t]!).sort());
    });

  for (const u of who)
    it(`${u}: writes exactly ${WRITE[u].join(', ') || 'nothing'}`, async () => {
      const c: Client = w.as[u];
      for (const t of targets) {
        const id = reports[t]!;
        const cur = await w.as.admin.reports.get.query({ id });
        const call = c.reports.save.mutate({
          id,
          expectedVersion: cur.version,
          report: cur.report,
          note: `by ${u}`,
        });
        if (WRITE[u].includes(t)) expect((await call).version).toBe(cur.version + 1);
        else {
          const f = await failure(call);
          expect(['NOT_FOUND', 'FORBIDDEN']).toContain(f.code);
          // A 填报人 learns nothing about another agency; a 审核人 sees but may not write.
          if (u.startsWith('filler')) expect(f.code).toBe('NOT_FOUND');
        }
      }
    });

  it('a 填报人 cannot create a report for, or see the agency of, another agency', async () => {
    expect(
      (await failure(w.as.fillerA1.reports.create.mutate({ agencyId: w.ids.agencyA2, year: 2025 }))).code,
    ).toBe('NOT_FOUND');
    expect((await failure(w.as.fillerA1.agencies.get.query({ id: w.ids.agencyB1 }))).code).toBe('NOT_FOUND');
    expect(
      (await failure(w.as.fillerA1.reports.find.query({ agencyId: w.ids.agencyB1, year: 2024 }))).code,
    ).toBe('NOT_FOUND');
    const tree = await w.as.fillerA1.agencies.tree.query();
    expect(tree.map((n) => n.name)).toEqual(['甲县交通运输局']);
    // Region views outside their agency are closed too.
    expect(
      (await failure(w.as.fillerA1.summary.region.query({ regionId: w.ids.countyA, year: 2024 }))).code,
    ).toBe('NOT_FOUND');
    expect((await failure(w.as.fillerA1.reports.list.query({ regionId: w.ids.countyB }))).code).toBe(
      'NOT_FOUND',
    );
  });

  it('a 审核人 cannot write, and reviews only under their node', async () => {
    expect(
      (await failure(w.as.reviewerA.reports.create.mutate({ agencyId: w.ids.agencyA1, year: 2025 }))).code,
    ).toBe('FORBIDDEN');
    await w.as.fillerB1.reports.submit.mutate({ id: reports.agencyB1! });
    expect((await failure(w.as.reviewerA.reports.approve.mutate({ id: reports.agencyB1! }))).code).toBe(
      'NOT_FOUND',
    );
    expect((await w.as.reviewerB.reports.approve.mutate({ id: reports.agencyB1! })).status).toBe('approved');
    const tree = await w.as.reviewerA.agencies.tree.query();
    expect(tree).toHaveLength(1);
    expect(tree[0]!.name).toBe('甲县人民政府');
    expect(tree[0]!.children.map((c) => c.name).sort()).toEqual(['甲县交通运输局', '甲镇人民政府'].sort());
  });

  it('tokens act with their owner’s rights, no more', async () => {
    const { token } = await w.as.fillerA2.auth.tokens.create.mutate({ name: 'integration' });
    const api = makeClient(w.app, { token });
    expect((await api.reports.list.query({})).items.map((r) => r.id)).toEqual([reports.agencyA2]);
    expect((await failure(api.reports.get.query({ id: reports.agencyA1! }))).code).toBe('NOT_FOUND');
    const cur = await api.reports.get.query({ id: reports.agencyA2! });
    expect(
      (
        await api.reports.save.mutate({
          id: cur.id,
          expectedVersion: cur.version,
          report: cur.report,
          note: '令牌保存',
        })
      ).version,
    ).toBe(cur.version + 1);
    expect((await failure(api.config.set.mutate({ rules: { N4: 'off' } }))).code).toBe('FORBIDDEN');
    const hist = await w.as.fillerA2.reports.history.query({ id: cur.id });
    expect(hist.versions.at(-1)!.author).toBe('fillerA2');
  });

  it('the tRPC client cannot reach anything without a login, except login, me and the correction log', async () => {
    const anon = w.anon;
    expect(await anon.auth.me.query()).toBeNull();
    expect(await anon.reports.corrections.query({})).toEqual([]);
    const calls = await Promise.all(
      [
        anon.reports.list.query({}),
        anon.agencies.tree.query(),
        anon.reports.get.query({ id: reports.agencyA1! }),
        anon.checks.rules.query(),
        anon.config.get.query(),
      ].map(failure),
    );
    for (const f of calls) expect(f.code).toBe('UNAUTHORIZED');
  });
});
