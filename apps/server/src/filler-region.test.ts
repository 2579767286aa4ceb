// A 填报人 reads their one agency's reports and nothing of any other agency — also when their agency
// is a region node with agencies under it (a county government's 填报人, as in the demo): the
// region procedures (roll-up, last year's figures, open data inline and streamed) on their own node
// answered every report of the subtree before.
import { exampleReport } from '@nianbao/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_LABEL, failure, makeClient, makeWorld, type World } from './test-support/harness.js';

let w: World;
let county: ReturnType<typeof makeClient>;
const YEAR = 2024;
beforeAll(async () => {
  w = await makeWorld();
  await w.as.admin.users.create.mutate({
    username: 'fillerCountyA',
    displayName: '甲县政府办填报人',
    password: 'county-filler-1',
    role: 'filler',
    agencyId: w.ids.countyA,
  });
  county = makeClient(w.app);
  await county.auth.login.mutate({ username: 'fillerCountyA', password: 'county-filler-1' });
  // 甲县交通运输局 (under 甲县人民政府) hands in its reports of two years; the 甲镇 report stays a draft.
  for (const year of [YEAR - 1, YEAR]) {
    const r = await w.as.fillerA1.reports.create.mutate({ agencyId: w.ids.agencyA1, year });
    const e = exampleReport({ year, agency: r.report.meta.agency });
    await w.as.fillerA1.reports.save.mutate({
      id: r.id,
      expectedVersion: 1,
      report: { ...e, meta: { ...e.meta, agency: r.report.meta.agency } },
    });
    await w.as.fillerA1.reports.submit.mutate({ id: r.id });
  }
  await w.as.fillerA2.reports.create.mutate({ agencyId: w.ids.agencyA2, year: YEAR });
});
afterAll(async () => w?.cleanup());

const secret = ['甲县交通运输局', '甲镇人民政府'];
const leaks = (x: unknown) => secret.filter((name) => JSON.stringify(x).includes(name));

describe(`a 填报人 of a region node sees no report of the agencies under it (${DB_LABEL})`, () => {
  it('summary.region and summary.regionLastYear: their own agency only', async () => {
    const f = await failure(county.summary.region.query({ regionId: w.ids.countyA, year: YEAR }));
    expect(f.appCode).toBe('NOTHING_TO_AGGREGATE');
    expect(leaks(f)).toEqual([]);
    const drafts = await failure(
      county.summary.region.query({ regionId: w.ids.countyA, year: YEAR, statuses: ['draft', 'submitted'] }),
    );
    expect(leaks(drafts)).toEqual([]);
    const last = await county.summary.regionLastYear.query({ regionId: w.ids.countyA, year: YEAR + 1 });
    expect(last.reports).toEqual([]);

    // Their own report is summed, and nothing else is named.
    const own = await county.reports.create.mutate({ agencyId: w.ids.countyA, year: YEAR });
    await county.reports.submit.mutate({ id: own.id });
    const sum = await county.summary.region.query({ regionId: w.ids.countyA, year: YEAR });
    expect(sum.included.map((i) => i.reportId)).toEqual([own.id]);
    expect(leaks(sum)).toEqual([]);
    // The reviewer of the node still sees the whole subtree.
    const review = await w.as.reviewerA.summary.region.query({ regionId: w.ids.countyA, year: YEAR });
    expect(review.included.map((i) => i.agencyName).sort()).toEqual(
      ['甲县交通运输局', '甲县人民政府'].sort(),
    );
  });

  it('export.openData and GET /export/opendata: their own agency only', async () => {
    const asked = {
      regionId: w.ids.countyA,
      year: YEAR - 1,
      statuses: ['draft', 'submitted'] as ('draft' | 'submitted')[],
    };
    const f = await failure(county.export.openData.query({ ...asked, format: 'json' }));
    expect(f.appCode).toBe('NO_OPEN_DATA');
    const cookie = [...county.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await w.app.request(
      `/export/opendata?regionId=${w.ids.countyA}&year=${YEAR - 1}&format=csv&statuses=draft,submitted`,
      { headers: { cookie } },
    );
    expect(res.status).toBe(404);
    expect(leaks(await res.text())).toEqual([]);
    // Of the year with their own report: that report alone, inline and streamed.
    const mine = await county.export.openData.query({ ...asked, year: YEAR, format: 'json' });
    expect(mine.reports).toBe(1);
    expect(leaks(mine.content)).toEqual([]);
    const streamed = await w.app.request(
      `/export/opendata?regionId=${w.ids.countyA}&year=${YEAR}&format=json&statuses=draft,submitted`,
      { headers: { cookie } },
    );
    expect(streamed.headers.get('x-report-count')).toBe('1');
    expect(await streamed.text()).toBe(mine.content);
    // The reviewer's file holds the whole subtree.
    const review = await w.as.reviewerA.export.openData.query({ ...asked, year: YEAR, format: 'json' });
    expect(review.reports).toBe(3);
  });
});
