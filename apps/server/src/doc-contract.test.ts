import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_LABEL, failure, makeWorld, type World } from './test-support/harness.js';

let w: World;
beforeAll(async () => {
  w = await makeWorld();
});
afterAll(async () => w?.cleanup());

/** What README.md says of the API, held to it. */
describe(`the README's contract (${DB_LABEL})`, () => {
  it('INVALID_INPUT always carries details.issues[] with path and message', async () => {
    const f = await failure(w.as.fillerA1.checks.validate.mutate({}));
    expect(f).toMatchObject({ code: 'BAD_REQUEST', appCode: 'INVALID_INPUT' });
    expect(f.details.issues).toEqual([{ path: '', message: f.zhMessage }]);
    expect(f.details.accepted).toEqual([
      ['id', 'version?'],
      ['report', 'previous?'],
    ]);
    const early = await failure(
      w.as.fillerA1.reports.create.mutate({ agencyId: w.ids.agencyA1, year: 2018 }),
    );
    expect(early).toMatchObject({ appCode: 'INVALID_INPUT', details: { issues: [{ path: 'year' }] } });
    expect(early.zhMessage).toMatch(/统一格式自 2019 年度起施行/);
    // the field is named as people call it, never left for the reader to guess
    const badId = await failure(w.as.fillerA1.reports.get.query({ id: 123 } as never));
    expect(badId.zhMessage).toMatch(/：编号（id）：应为/);
    const badFormat = await failure(w.as.fillerA1.export.report.query({ id: 'x', format: 'pdf' } as never));
    expect(badFormat.zhMessage).toMatch(/：导出格式：应为/);
  });

  it('save, the workflow steps, list paging and the exports answer as documented', async () => {
    const r = await w.as.fillerA1.reports.create.mutate({ agencyId: w.ids.agencyA1, year: 2024 });
    const saved = await w.as.fillerA1.reports.save.mutate({
      id: r.id,
      expectedVersion: 1,
      report: r.report,
      note: '保存',
    });
    expect(Object.keys(saved).sort()).toEqual(['contentHash', 'id', 'savedAt', 'unchanged', 'version']);
    expect(saved).toMatchObject({ id: r.id, version: 2, contentHash: expect.stringMatching(/^sha256:/) });
    const submitted = await w.as.fillerA1.reports.submit.mutate({
      id: r.id,
      expectedVersion: 2,
      comment: '请审核',
    });
    expect(submitted).toMatchObject({ id: r.id, status: 'submitted', permissions: { approve: false } });
    expect(
      (await failure(w.as.reviewerA.reports.return.mutate({ id: r.id, expectedVersion: 2 }))).appCode,
    ).toBe('REASON_REQUIRED');
    await w.as.reviewerA.reports.approve.mutate({ id: r.id, expectedVersion: 2, comment: '通过' });
    await w.as.fillerA1.reports.publish.mutate({ id: r.id, expectedVersion: 2 });
    expect((await failure(w.as.admin.reports.list.query({ limit: 501 }))).appCode).toBe('INVALID_INPUT');
    expect((await w.as.admin.reports.list.query({ limit: 500 })).items.length).toBe(1);
    const openData = await w.as.reviewerA.export.openData.query({
      regionId: w.ids.countyA,
      year: 2024,
      format: 'csv',
    });
    expect(openData).toMatchObject({ extension: 'csv', reports: 1, encoding: 'utf8' });
    expect(openData.fileName).toMatch(/\.csv$/);
    const region = await w.as.reviewerA.export.region.query({
      regionId: w.ids.countyA,
      year: 2024,
      format: 'xlsx',
    });
    expect(region).toMatchObject({ extension: 'xlsx', reports: 1, encoding: 'base64' });
    const md = await w.as.reviewerA.export.report.query({ id: r.id, format: 'md' });
    expect(md.extension).toBe('md');
    // the published version is dated under the signature with the day of its 发布 (the report
    // itself states none)
    const published = (await w.as.reviewerA.reports.get.query({ id: r.id })).publishedOn!;
    expect(r.report.meta.publishedOn).toBeUndefined();
    const [y, m, d] = published.split('-').map(Number);
    expect(md.content).toContain(`${y}年${m}月${d}日`);
    // an older version is not: it was never published as such
    const v1 = await w.as.reviewerA.export.report.query({ id: r.id, version: 1, format: 'md' });
    expect(v1.content).not.toContain(`${y}年${m}月${d}日`);
  });
});
