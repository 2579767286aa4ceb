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

  it("a county government's whole-region report is kept as such, named instead of summed, and checked against the sum", async () => {
    const year = 2026;
    const a1 = await w.as.fillerA1.reports.create.mutate({ agencyId: w.ids.agencyA1, year });
    await w.as.fillerA1.reports.save.mutate({ id: a1.id, expectedVersion: 1, report: asRegion(a1.report) });
    await w.as.fillerA1.reports.submit.mutate({ id: a1.id });
    // 甲镇人民政府 is a 乡镇 government: its report is one of the county's constituents, whatever it says.
    const a2 = await w.as.fillerA2.reports.create.mutate({ agencyId: w.ids.agencyA2, year });
    await w.as.fillerA2.reports.save.mutate({ id: a2.id, expectedVersion: 1, report: asRegion(a2.report) });
    expect((await w.as.fillerA2.reports.get.query({ id: a2.id })).report.meta.scope).toBe('agency');
    await w.as.fillerA2.reports.submit.mutate({ id: a2.id });
    // 甲县人民政府 (县级) may report on its whole region.
    const gov = await w.as.admin.reports.create.mutate({ agencyId: w.ids.countyA, year });
    await w.as.admin.reports.save.mutate({ id: gov.id, expectedVersion: 1, report: asRegion(gov.report) });
    expect((await w.as.admin.reports.get.query({ id: gov.id })).report.meta.scope).toBe('region');
    await w.as.admin.reports.submit.mutate({ id: gov.id });
    const regionScope = {
      reportId: gov.id,
      agencyId: w.ids.countyA,
      agencyName: '甲县人民政府',
      status: 'submitted',
      reasonCode: 'REGION_SCOPE',
      reason: '区域汇总报告，不计入以免重复',
    };
    const rollup = await w.as.reviewerA.summary.region.query({ regionId: w.ids.countyA, year });
    expect(rollup.included.map((i) => i.reportId).sort()).toEqual([a1.id, a2.id].sort());
    expect(rollup.excluded).toEqual([regionScope]);
    expect(rollup.report.cells['applications.granted.total']!.value).toBe(50);
    // The region report states each figure once; its two constituents add up to twice that (§8).
    expect(rollup.regional).toHaveLength(1);
    const regional = rollup.regional[0]!;
    expect(regional).toMatchObject({ reportId: gov.id, agencyName: '甲县人民政府' });
    expect(regional.compared).toBeGreaterThan(100);
    expect(regional.differences.find((d) => d.cell === 'applications.granted.total')).toMatchObject({
      stated: 25,
      summed: 50,
    });
    const exported = await w.as.reviewerA.export.region.query({
      regionId: w.ids.countyA,
      year,
      format: 'md',
    });
    expect(exported.reports).toBe(2);
    expect(exported.excluded).toEqual([regionScope]);
    // Nothing left to sum: the error still names what was there and why it was not summed.
    const none = await failure(
      w.as.reviewerA.summary.region.query({ regionId: w.ids.countyA, year, exclude: [a1.id, a2.id] }),
    );
    expect(none.appCode).toBe('NOTHING_TO_AGGREGATE');
    expect(none.zhMessage).toMatch(/甲县人民政府——区域汇总报告，不计入以免重复/);
    const reasons = (none.details.excluded as { reasonCode: string }[]).map((e) => e.reasonCode).sort();
    expect(reasons).toEqual(['EXCLUDED', 'EXCLUDED', 'REGION_SCOPE']);
  });

  it('the roll-up names who it does not see: reports in another status, and agencies with no report of the year', async () => {
    const year = 2024;
    const a1 = await w.as.fillerA1.reports.create.mutate({ agencyId: w.ids.agencyA1, year });
    const a2 = await w.as.fillerA2.reports.create.mutate({ agencyId: w.ids.agencyA2, year });
    await w.as.fillerA2.reports.save.mutate({ id: a2.id, expectedVersion: 1, report: asRegion(a2.report) });
    await w.as.fillerA2.reports.submit.mutate({ id: a2.id });
    const rollup = await w.as.reviewerA.summary.region.query({ regionId: w.ids.countyA, year });
    expect(rollup.included.map((i) => i.reportId)).toEqual([a2.id]);
    expect(rollup.notCounted).toEqual([
      {
        reportId: a1.id,
        agencyId: w.ids.agencyA1,
        agencyName: '甲县交通运输局',
        status: 'draft',
        statusLabel: '草稿',
      },
    ]);
    expect(rollup.noReport).toEqual(['甲县人民政府']);
    // by agency too (names repeat: a 城关镇人民政府 in every county)
    expect(rollup.noReportAgencies).toEqual([{ agencyId: w.ids.countyA, agencyName: '甲县人民政府' }]);
    expect(rollup.included.map((i) => i.agencyId)).toEqual([w.ids.agencyA2]);
    // Drafts counted on request: nothing is then left out for its status.
    const all = await w.as.reviewerA.summary.region.query({
      regionId: w.ids.countyA,
      year,
      statuses: ['draft', 'submitted'],
    });
    expect(all.notCounted).toEqual([]);
  });
});
