import { exampleReport, type Report } from '@nianbao/core';
import fc from 'fast-check';
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
    expect(first).toMatchObject({ version: 2, unchanged: false, status: 'draft' });
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
      status: 'draft',
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

describe(`the content a report already has, once it is handed in (${DB_LABEL})`, () => {
  /** A report of fillerB1's agency in `status`, its content saved twice (so a stale version exists). */
  const reportIn = async (year: number, status: 'submitted' | 'approved' | 'published') => {
    const c = w.as.fillerB1;
    const created = await c.reports.create.mutate({ agencyId: w.ids.agencyB1, year });
    await c.reports.save.mutate({ id: created.id, expectedVersion: 1, report: fill(created.report, 2) });
    const saved = await c.reports.save.mutate({
      id: created.id,
      expectedVersion: 2,
      report: fill(created.report, 3),
      note: '定稿',
    });
    await c.reports.submit.mutate({ id: created.id, expectedVersion: 3 });
    if (status !== 'submitted') await w.as.reviewerB.reports.approve.mutate({ id: created.id });
    if (status === 'published') await w.as.reviewerB.reports.publish.mutate({ id: created.id });
    const read = await c.reports.get.query({ id: created.id });
    return { id: created.id, empty: created.report, saved, read };
  };

  it('a feed run twice: the same content answers unchanged in 已提交, 已通过 and 已发布; other content stays refused', async () => {
    const c = w.as.fillerB1;
    const reports = {
      submitted: await reportIn(2024, 'submitted'),
      approved: await reportIn(2025, 'approved'),
      published: await reportIn(2026, 'published'),
    };
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('submitted', 'approved', 'published') as fc.Arbitrary<keyof typeof reports>,
        fc.constantFrom('same', 'other', 'unknownCell'),
        fc.constantFrom(undefined, '定稿', '另一个说明'),
        fc.constantFrom(3, 2, 4),
        async (status, what, note, expectedVersion) => {
          const r = reports[status];
          const report =
            what === 'same'
              ? r.read.report
              : what === 'other'
                ? fill(r.empty, 4)
                : {
                    ...r.read.report,
                    cells: { ...r.read.report.cells, 'applications.newRecieved.naturalPerson': { value: 1 } },
                  };
          const call = c.reports.save.mutate({
            id: r.id,
            expectedVersion,
            report,
            ...(note ? { note } : {}),
          });
          // Nothing to store: the content it has, without a note, or a retry of the save that stored
          // it (a stale version, its note).
          const nothing =
            what === 'same' && expectedVersion <= 3 && (!note || (expectedVersion < 3 && note === '定稿'));
          if (nothing)
            expect(await call).toEqual({
              id: r.id,
              version: 3,
              contentHash: r.saved.contentHash,
              savedAt: r.saved.savedAt,
              unchanged: true,
              // the status it is in: the feed learns the report was handed in meanwhile
              status,
              warnings: [],
            });
          else
            expect(await failure(call)).toMatchObject({
              code: 'CONFLICT',
              appCode: status === 'published' ? 'REPORT_PUBLISHED' : 'REPORT_LOCKED',
              details: { status },
            });
          const after = await c.reports.get.query({ id: r.id });
          expect({ version: after.version, status: after.status, updatedAt: after.updatedAt }).toEqual({
            version: 3,
            status,
            updatedAt: r.read.updatedAt,
          });
        },
      ),
      { numRuns: 40 },
    );
    for (const r of Object.values(reports))
      expect((await c.reports.history.query({ id: r.id })).versions).toHaveLength(3);
  });

  it('import.upload of the same file to a report handed in answers unchanged; another file is refused', async () => {
    const c = w.as.fillerA2;
    // The seed's 2020 text as this agency's 2019 report (the same format): the earlier test has its 2020.
    const upload = (content: string, more: { note?: string; fileName?: string } = {}) =>
      c.import.upload.mutate({
        agencyId: w.ids.agencyA2,
        content,
        year: 2019,
        expectedVersion: first.version,
        ...more,
      });
    const first = await c.import.upload.mutate({
      agencyId: w.ids.agencyA2,
      content: SEED_REPORT_TEXT,
      year: 2019,
    });
    await c.reports.submit.mutate({ id: first.reportId, expectedVersion: first.version });
    const again = () => upload(SEED_REPORT_TEXT, { fileName: 'seed.txt' });
    expect(await again()).toMatchObject({
      reportId: first.reportId,
      version: first.version,
      unchanged: true,
      status: 'submitted',
    });
    const other = SEED_REPORT_TEXT.replace(/无。$/, '本年度无其他需要报告的事项。');
    expect((await failure(upload(other))).appCode).toBe('REPORT_LOCKED');
    await w.as.reviewerA.reports.approve.mutate({ id: first.reportId });
    await w.as.reviewerA.reports.publish.mutate({ id: first.reportId });
    const before = await c.reports.get.query({ id: first.reportId });
    await tick();
    expect(await again()).toMatchObject({ version: first.version, unchanged: true, status: 'published' });
    // A note of the caller's own names a version: that is a change, which a published report takes
    // only as a correction.
    expect((await failure(upload(SEED_REPORT_TEXT, { note: '重新导入' }))).appCode).toBe('REPORT_PUBLISHED');
    const after = await c.reports.get.query({ id: first.reportId });
    expect(after).toMatchObject({ version: first.version, status: 'published', updatedAt: before.updatedAt });
    expect((await c.reports.history.query({ id: first.reportId })).versions).toHaveLength(1);
  });
});
