import { exampleReport, type Report } from '@nianbao/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_LABEL, failure, makeWorld, type World } from './test-support/harness.js';

let w: World;
beforeAll(async () => {
  w = await makeWorld();
});
afterAll(async () => w?.cleanup());

const asRegion = (r: Report): Report => {
  const e = exampleReport({ year: r.meta.year, agency: r.meta.agency });
  return { ...e, meta: { ...e.meta, agency: r.meta.agency, scope: 'region' } };
};

describe(`report scope and the region roll-up (${DB_LABEL})`, () => {
  it('a department cannot hide its report from the roll-up by calling it a region report', async () => {
    const year = 2027;
    const a1 = await w.as.fillerA1.reports.create.mutate({ agencyId: w.ids.agencyA1, year });
    await w.as.fillerA1.reports.save.mutate({ id: a1.id, expectedVersion: 1, report: asRegion(a1.report) });
    // Stored as what it is: the 局's own report.
    expect((await w.as.fillerA1.reports.get.query({ id: a1.id })).report.meta.scope).toBe('agency');
    await w.as.fillerA1.reports.submit.mutate({ id: a1.id });
    const rollup = await w.as.reviewerA.summary.region.query({ regionId: w.ids.countyA, year });
    expect(rollup.included.map((i) => i.reportId)).toEqual([a1.id]);
    expect(rollup.excluded).toEqual([]);
    expect(rollup.report.cells['applications.granted.total']!.value).toBe(25);
    const open = await w.as.reviewerA.export.openData.query({
      regionId: w.ids.countyA,
      year,
      format: 'json',
    });
    const agencies = new Set((JSON.parse(open.content) as { agency: string }[]).map((r) => r.agency));
    expect([...agencies]).toEqual(['甲县交通运输局']);
  });

  it("a government's whole-region report is kept as such, and the roll-up names it instead of summing it", async () => {
    const year = 2026;
    const a1 = await w.as.fillerA1.reports.create.mutate({ agencyId: w.ids.agencyA1, year });
    await w.as.fillerA1.reports.save.mutate({ id: a1.id, expectedVersion: 1, report: asRegion(a1.report) });
    await w.as.fillerA1.reports.submit.mutate({ id: a1.id });
    // 甲镇人民政府 is a 人民政府: its report may be its whole region's.
    const a2 = await w.as.fillerA2.reports.create.mutate({ agencyId: w.ids.agencyA2, year });
    await w.as.fillerA2.reports.save.mutate({ id: a2.id, expectedVersion: 1, report: asRegion(a2.report) });
    expect((await w.as.fillerA2.reports.get.query({ id: a2.id })).report.meta.scope).toBe('region');
    await w.as.fillerA2.reports.submit.mutate({ id: a2.id });
    const regionScope = {
      reportId: a2.id,
      agencyName: '甲镇人民政府',
      status: 'submitted',
      reasonCode: 'REGION_SCOPE',
      reason: '区域汇总报告，不计入以免重复',
    };
    const rollup = await w.as.reviewerA.summary.region.query({ regionId: w.ids.countyA, year });
    expect(rollup.included.map((i) => i.reportId)).toEqual([a1.id]);
    expect(rollup.excluded).toEqual([regionScope]);
    expect(rollup.report.cells['applications.granted.total']!.value).toBe(25);
    const exported = await w.as.reviewerA.export.region.query({
      regionId: w.ids.countyA,
      year,
      format: 'md',
    });
    expect(exported.reports).toBe(1);
    expect(exported.excluded).toEqual([regionScope]);
    // Nothing left to sum: the error still names what was there and why it was not summed.
    const none = await failure(
      w.as.reviewerA.summary.region.query({ regionId: w.ids.countyA, year, exclude: [a1.id] }),
    );
    expect(none.appCode).toBe('NOTHING_TO_AGGREGATE');
    expect(none.zhMessage).toMatch(/甲镇人民政府——区域汇总报告，不计入以免重复/);
    const byReason = (x: unknown) =>
      [...(x as { reasonCode: string }[])].sort((a, b) => a.reasonCode.localeCompare(b.reasonCode));
    expect(byReason(none.details.excluded)).toEqual([
      {
        reportId: a1.id,
        agencyName: '甲县交通运输局',
        status: 'submitted',
        reasonCode: 'EXCLUDED',
        reason: '按要求排除，不计入汇总',
      },
      regionScope,
    ]);
  });
});
