import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_LABEL, failure, makeWorld, type World } from './test-support/harness.js';

let w: World;
beforeAll(async () => {
  w = await makeWorld();
  // 甲县交通运输局 2019–2024 (2019–2020 the trial edition), 甲镇 2024, 乙县教育局 2024.
  for (let y = 2019; y <= 2024; y++)
    await w.as.fillerA1.reports.create.mutate({ agencyId: w.ids.agencyA1, year: y });
  await w.as.fillerA2.reports.create.mutate({ agencyId: w.ids.agencyA2, year: 2024 });
  await w.as.fillerB1.reports.create.mutate({ agencyId: w.ids.agencyB1, year: 2024 });
});
afterAll(async () => w?.cleanup());

describe(`reports.list for integrators (${DB_LABEL})`, () => {
  it('filters by agency, statuses (status still works), edition and updatedSince', async () => {
    const a1 = await w.as.admin.reports.list.query({ agencyId: w.ids.agencyA1 });
    expect(a1.total).toBe(6);
    expect(a1.items.every((r) => r.agencyId === w.ids.agencyA1)).toBe(true);
    expect(
      (await w.as.admin.reports.list.query({ agencyId: w.ids.agencyA1, edition: '2019-trial' })).items.map(
        (r) => r.year,
      ),
    ).toEqual([2020, 2019]);
    // An agency the caller may not read is not found, as everywhere.
    expect((await failure(w.as.reviewerB.reports.list.query({ agencyId: w.ids.agencyA1 }))).code).toBe(
      'NOT_FOUND',
    );
    const r2024 = (await w.as.admin.reports.list.query({ agencyId: w.ids.agencyA1, year: 2024 })).items[0]!;
    await w.as.fillerA1.reports.submit.mutate({ id: r2024.id });
    const r2023 = (await w.as.admin.reports.list.query({ agencyId: w.ids.agencyA1, year: 2023 })).items[0]!;
    await w.as.fillerA1.reports.submit.mutate({ id: r2023.id });
    await w.as.reviewerA.reports.return.mutate({ id: r2023.id, comment: '请补充说明' });
    const both = await w.as.admin.reports.list.query({ statuses: ['submitted', 'returned'] });
    expect(both.items.map((r) => r.id).sort()).toEqual([r2024.id, r2023.id].sort());
    expect((await w.as.admin.reports.list.query({ status: 'submitted' })).items.map((r) => r.id)).toEqual([
      r2024.id,
    ]);
    // updatedSince: what changed at or after a moment (an integrator's last sync).
    const mark = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 5));
    await w.as.reviewerA.reports.approve.mutate({ id: r2024.id });
    const changed = await w.as.admin.reports.list.query({ updatedSince: mark });
    expect(changed.items.map((r) => r.id)).toEqual([r2024.id]);
    // Any ISO offset is read as the moment it names.
    const plus8 = new Date(Date.parse(mark) + 8 * 3_600_000).toISOString().replace('Z', '+08:00');
    expect((await w.as.admin.reports.list.query({ updatedSince: plus8 })).items.map((r) => r.id)).toEqual([
      r2024.id,
    ]);
    expect((await failure(w.as.admin.reports.list.query({ updatedSince: 'yesterday' }))).appCode).toBe(
      'INVALID_INPUT',
    );
  });

  it('status and statuses together are refused unless they say the same — never their union', async () => {
    const e = await failure(
      w.as.admin.reports.list.query({ status: 'draft', statuses: ['submitted', 'returned'] }),
    );
    expect(e).toMatchObject({ code: 'BAD_REQUEST', appCode: 'INVALID_INPUT' });
    const message =
      'status 为 draft（草稿），statuses 为 submitted（已提交）、returned（已退回），两者不一致：状态筛选只能用其一（一个状态用 status，几个状态用 statuses）';
    expect(e.zhMessage).toBe(`请求参数有误：${message}`);
    expect(e.details).toEqual({ issues: [{ path: 'statuses', message }], issueCount: 1 });
    // One of them among the others is no agreement either.
    expect(
      (await failure(w.as.admin.reports.list.query({ status: 'draft', statuses: ['draft', 'submitted'] })))
        .appCode,
    ).toBe('INVALID_INPUT');
    // The same filter said twice is taken, as either alone.
    const drafts = await w.as.admin.reports.list.query({ status: 'draft' });
    expect(drafts.total).toBeGreaterThan(0);
    for (const statuses of [['draft'], ['draft', 'draft']] as const)
      expect(
        (await w.as.admin.reports.list.query({ status: 'draft', statuses: [...statuses] })).items.map(
          (r) => r.id,
        ),
      ).toEqual(drafts.items.map((r) => r.id));
  });

  it('pages with a cursor: every report once, in order, even when one is added meanwhile', async () => {
    const all = await w.as.admin.reports.list.query({ limit: 500 });
    expect(all.nextCursor).toBeNull();
    const seen: string[] = [];
    let cursor: string | undefined;
    let added = false;
    for (;;) {
      const page = await w.as.admin.reports.list.query({ limit: 3, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((r) => r.id));
      if (!added) {
        // A report added before what was read shifts an offset; it does not move a cursor.
        await w.as.fillerB1.reports.create.mutate({ agencyId: w.ids.agencyB1, year: 2025 });
        added = true;
      }
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(all.items.map((r) => r.id));
    expect((await failure(w.as.admin.reports.list.query({ cursor: 'nonsense' }))).appCode).toBe(
      'INVALID_CURSOR',
    );
  });

  it('REPORT_EXISTS names the existing report, its version and status', async () => {
    const e = await failure(w.as.fillerA2.reports.create.mutate({ agencyId: w.ids.agencyA2, year: 2024 }));
    const existing = (await w.as.fillerA2.reports.list.query({ year: 2024 })).items[0]!;
    expect(e).toMatchObject({
      appCode: 'REPORT_EXISTS',
      details: { reportId: existing.id, version: existing.version, status: 'draft' },
    });
  });

  it("reports.deleted: a deleted draft is told to a sync, within the caller's scope only", async () => {
    const mark = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 5));
    const made = await w.as.fillerB1.reports.create.mutate({ agencyId: w.ids.agencyB1, year: 2023 });
    expect((await w.as.fillerB1.reports.list.query({ updatedSince: mark })).items.map((r) => r.id)).toEqual([
      made.id,
    ]);
    await w.as.fillerB1.reports.delete.mutate({ id: made.id, expectedVersion: 1 });
    // gone from the list: only reports.deleted tells the sync to drop it
    expect((await w.as.fillerB1.reports.list.query({ updatedSince: mark })).total).toBe(0);
    const told = await w.as.fillerB1.reports.deleted.query({ since: mark });
    expect(told).toEqual({
      items: [{ id: made.id, agencyId: w.ids.agencyB1, year: 2023, deletedAt: expect.any(String) }],
      more: false,
    });
    expect(told.items[0]!.deletedAt >= mark).toBe(true);
    expect((await w.as.admin.reports.deleted.query({ since: mark })).items.map((d) => d.id)).toEqual([
      made.id,
    ]);
    // another county's reviewer and another agency's filler are told nothing of it
    expect((await w.as.reviewerA.reports.deleted.query({ since: mark })).items).toEqual([]);
    expect((await w.as.fillerA1.reports.deleted.query({ since: mark })).items).toEqual([]);
    // after the deletion, nothing
    expect(
      (await w.as.admin.reports.deleted.query({ since: new Date(Date.now() + 1000).toISOString() })).items,
    ).toEqual([]);
    const bad = await failure(w.as.admin.reports.deleted.query({ since: 'yesterday' }));
    expect(bad.appCode).toBe('INVALID_INPUT');
    expect(bad.zhMessage).toMatch(/：起始时间：应为 ISO 时间/);
  });

  it('reports.corrections takes only its own fields (year, limit)', async () => {
    expect(await w.anon.reports.corrections.query({ year: 2024, limit: 10 })).toEqual([]);
    const e = await failure(w.anon.reports.corrections.query({ agencyId: 'x' } as never));
    expect(e.appCode).toBe('INVALID_INPUT');
  });
});
