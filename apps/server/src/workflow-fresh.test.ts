import { exampleReport, type Report, setCell, validate } from '@nianbao/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_LABEL, failure, makeWorld, type World } from './test-support/harness.js';

let w: World;
beforeAll(async () => {
  w = await makeWorld();
});
afterAll(async () => w?.cleanup());

const fill = (r: Report, publishedOn?: string): Report => {
  const e = exampleReport({ year: r.meta.year, agency: r.meta.agency });
  const { publishedOn: _drop, ...meta } = e.meta;
  return { ...e, meta: { ...meta, agency: r.meta.agency, ...(publishedOn ? { publishedOn } : {}) } };
};

describe(`workflow answers with current findings (${DB_LABEL})`, () => {
  it('create answers with the blank report’s findings, submit with those of the version just saved', async () => {
    const c = await w.as.fillerA1.reports.create.mutate({ agencyId: w.ids.agencyA1, year: 2025 });
    const got = await w.as.fillerA1.reports.get.query({ id: c.id });
    expect(got.openFindings.warning).toBeGreaterThan(0);
    expect(c.openFindings).toEqual(got.openFindings);
    // A negative number saved, then submitted at once: no read in between.
    const bad = setCell(c.report, 'applications.newReceived.naturalPerson', -3);
    const s = await w.as.fillerA1.reports.save.mutate({ id: c.id, expectedVersion: 1, report: bad });
    const sub = await w.as.fillerA1.reports.submit.mutate({ id: c.id, expectedVersion: s.version });
    const after = await w.as.fillerA1.reports.get.query({ id: c.id });
    expect(after.openFindings.error).toBeGreaterThan(0);
    expect(sub.openFindings).toEqual(after.openFindings);
  });
});

describe(`publication date (${DB_LABEL})`, () => {
  const walk = async (year: number, content: (r: Report) => Report) => {
    const c = await w.as.fillerA2.reports.create.mutate({ agencyId: w.ids.agencyA2, year });
    const s = await w.as.fillerA2.reports.save.mutate({
      id: c.id,
      expectedVersion: 1,
      report: content(c.report),
    });
    await w.as.fillerA2.reports.submit.mutate({ id: c.id, expectedVersion: s.version });
    await w.as.reviewerA.reports.approve.mutate({ id: c.id });
    return c.id;
  };
  const late = async (id: string) =>
    (await w.as.reviewerA.checks.validate.mutate({ id })).findings
      .filter((f) => /^F\d/.test(f.ruleId) && f.status === 'failed')
      .map((f) => f.ruleId);

  it('publish takes the date a report was published elsewhere; F1/F2 check that date', async () => {
    const id = await walk(2024, (r) => fill(r));
    // Not before the year ended, not after today (the world's clock: 1 July 2031), a real day.
    expect(
      await failure(w.as.reviewerA.reports.publish.mutate({ id, publishedOn: '2024-12-31' })),
    ).toMatchObject({ appCode: 'PUBLISHED_ON_TOO_EARLY', details: { earliest: '2025-01-01' } });
    expect(
      await failure(w.as.reviewerA.reports.publish.mutate({ id, publishedOn: '2031-07-02' })),
    ).toMatchObject({ appCode: 'PUBLISHED_ON_IN_FUTURE' });
    expect(
      (await failure(w.as.reviewerA.reports.publish.mutate({ id, publishedOn: '2025-02-30' }))).appCode,
    ).toBe('INVALID_INPUT');
    const p = await w.as.reviewerA.reports.publish.mutate({ id, publishedOn: '2025-01-20' });
    expect(p).toMatchObject({ status: 'published', publishedOn: '2025-01-20' });
    expect(p.openFindings).toEqual((await w.as.reviewerA.reports.get.query({ id })).openFindings);
    expect(await late(id)).toEqual([]);
    const got = await w.as.fillerA2.reports.get.query({ id });
    expect(got).toMatchObject({ publicationDate: '2025-01-20', publishedOn: '2025-01-20' });
    // A client validating it as the server does finds no lateness either.
    expect(
      validate(got.report, { publicationDate: got.publicationDate! }).filter(
        (f) => /^F\d/.test(f.ruleId) && f.status === 'failed',
      ),
    ).toEqual([]);
    const listed = await w.as.reviewerA.reports.list.query({ agencyId: w.ids.agencyA2, year: 2024 });
    expect(listed.items[0]).toMatchObject({ publishedOn: '2025-01-20' });
  });

  it('without publishedOn: the date the report states, else the day of the 发布 step', async () => {
    const stated = await walk(2023, (r) => fill(r, '2024-01-15'));
    expect(await w.as.reviewerA.reports.publish.mutate({ id: stated })).toMatchObject({
      publishedOn: '2024-01-15',
    });
    expect(await late(stated)).toEqual([]);
    const plain = await walk(2022, (r) => fill(r));
    const p = await w.as.reviewerA.reports.publish.mutate({ id: plain });
    // the server's clock (this world's: 2031-07-01T00:00Z, 08:00 in 北京), the day in China
    expect(p.publishedOn).toBe('2031-07-01');
    // Years late: the step's day is the publication date, and the answer already counts it.
    expect((await late(plain)).length).toBeGreaterThan(0);
    expect(p.openFindings).toEqual((await w.as.reviewerA.reports.get.query({ id: plain })).openFindings);
  });
});
