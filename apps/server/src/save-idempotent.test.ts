import { exampleReport, type Report } from '@nianbao/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_REPORT_TEXT } from './demo/seed-text.js';
import { DB_LABEL, failure, makeWorld, type World } from './test-support/harness.js';

let w: World;
beforeAll(async () => {
  w = await makeWorld();
});
afterAll(async () => w?.cleanup());

const fill = (r: Report, scale = 1): Report => {
  const e = exampleReport({ year: r.meta.year, agency: r.meta.agency, scale });
  return { ...e, meta: { ...e.meta, agency: r.meta.agency } };
};
const tick = () => new Promise((r) => setTimeout(r, 5));

describe(`saves are idempotent (${DB_LABEL})`, () => {
  it('reports.save of the current content without a note stores nothing; with a note it is a version', async () => {
    const c = w.as.fillerA1;
    const created = await c.reports.create.mutate({ agencyId: w.ids.agencyA1, year: 2022 });
    const first = await c.reports.save.mutate({
      id: created.id,
      expectedVersion: 1,
      report: fill(created.report),
    });
    expect(first).toMatchObject({ version: 2, unchanged: false });
    const before = await c.reports.get.query({ id: created.id });
    await tick();
    const mark = new Date().toISOString();
    await tick();
    // The nightly sync sends the same content again (as read back by reports.get): a no-op.
    const again = await c.reports.save.mutate({ id: created.id, expectedVersion: 2, report: before.report });
    expect(again).toEqual({
      id: created.id,
      version: 2,
      contentHash: first.contentHash,
      savedAt: first.savedAt,
      unchanged: true,
      warnings: [],
    });
    const after = await c.reports.get.query({ id: created.id });
    expect(after.version).toBe(2);
    expect(after.updatedAt).toBe(before.updatedAt);
    expect((await c.reports.history.query({ id: created.id })).versions).toHaveLength(2);
    expect((await c.reports.list.query({ updatedSince: mark })).items.map((r) => r.id)).toEqual([]);
    // A note names a version (the web's 保存): the same content with one is still stored.
    const named = await c.reports.save.mutate({
      id: created.id,
      expectedVersion: 2,
      report: before.report,
      note: '定稿',
    });
    expect(named).toMatchObject({ version: 3, unchanged: false, contentHash: first.contentHash });
    expect((await c.reports.history.query({ id: created.id })).versions.at(-1)).toMatchObject({
      version: 3,
      note: '定稿',
    });
  });

  it('a retried save whose first attempt landed is answered as landed; a real conflict names the current version', async () => {
    const c = w.as.fillerA1;
    const created = await c.reports.create.mutate({ agencyId: w.ids.agencyA1, year: 2023 });
    const content = fill(created.report, 2);
    const landed = await c.reports.save.mutate({ id: created.id, expectedVersion: 1, report: content });
    expect(landed.version).toBe(2);
    // The answer was lost; the client retries with the version it started from.
    const retried = await c.reports.save.mutate({ id: created.id, expectedVersion: 1, report: content });
    expect(retried).toMatchObject({ version: 2, unchanged: true, contentHash: landed.contentHash });
    // The same with the web's note: the note is the stored version's, so it landed too.
    const noted = await c.reports.save.mutate({
      id: created.id,
      expectedVersion: 2,
      report: fill(created.report, 3),
      note: '自动保存',
    });
    expect(
      await c.reports.save.mutate({
        id: created.id,
        expectedVersion: 2,
        report: fill(created.report, 3),
        note: '自动保存',
      }),
    ).toMatchObject({ version: noted.version, unchanged: true });
    // Other content on a stale version: VERSION_CONFLICT, with what the current version is.
    const clash = await failure(
      c.reports.save.mutate({ id: created.id, expectedVersion: 1, report: fill(created.report, 4) }),
    );
    expect(clash).toMatchObject({
      appCode: 'VERSION_CONFLICT',
      details: {
        currentVersion: 3,
        expectedVersion: 1,
        status: 'draft',
        currentContentHash: noted.contentHash,
        currentSavedByName: 'fillerA1',
        currentSavedAt: noted.savedAt,
      },
    });
    // Same content, another note on a stale version: not the caller's save — a conflict.
    expect(
      (
        await failure(
          c.reports.save.mutate({
            id: created.id,
            expectedVersion: 2,
            report: fill(created.report, 3),
            note: '另一个说明',
          }),
        )
      ).appCode,
    ).toBe('VERSION_CONFLICT');
    expect((await c.reports.history.query({ id: created.id })).versions).toHaveLength(3);
  });

  it('import.upload of the same file with expectedVersion stores nothing', async () => {
    const c = w.as.fillerA2;
    const first = await c.import.upload.mutate({ agencyId: w.ids.agencyA2, content: SEED_REPORT_TEXT });
    expect(first).toMatchObject({ version: 1, unchanged: false });
    const before = await c.reports.get.query({ id: first.reportId });
    await tick();
    const again = await c.import.upload.mutate({
      agencyId: w.ids.agencyA2,
      content: SEED_REPORT_TEXT,
      expectedVersion: 1,
      fileName: 'seed.txt',
    });
    expect(again).toMatchObject({ reportId: first.reportId, version: 1, unchanged: true });
    expect((await c.reports.get.query({ id: first.reportId })).updatedAt).toBe(before.updatedAt);
    expect((await c.reports.history.query({ id: first.reportId })).versions).toHaveLength(1);
    // A retry of an import that landed (stale expectedVersion, same file): landed, not a conflict.
    const changed = await c.reports.save.mutate({
      id: first.reportId,
      expectedVersion: 1,
      report: fill(before.report),
    });
    expect(changed.version).toBe(2);
    const back = await c.import.upload.mutate({
      agencyId: w.ids.agencyA2,
      content: SEED_REPORT_TEXT,
      expectedVersion: 2,
    });
    expect(back).toMatchObject({ version: 3, unchanged: false });
    expect(
      await c.import.upload.mutate({
        agencyId: w.ids.agencyA2,
        content: SEED_REPORT_TEXT,
        expectedVersion: 2,
      }),
    ).toMatchObject({ version: 3, unchanged: true });
    // With a note of the caller's own, the import names a version: stored.
    expect(
      await c.import.upload.mutate({
        agencyId: w.ids.agencyA2,
        content: SEED_REPORT_TEXT,
        expectedVersion: 3,
        note: '重新导入',
      }),
    ).toMatchObject({ version: 4, unchanged: false });
  });
});
