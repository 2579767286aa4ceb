import { exampleReport } from '@nianbao/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_LABEL, failure, makeWorld, type World } from './test-support/harness.js';

let w: World;
beforeAll(async () => {
  w = await makeWorld();
});
afterAll(async () => w?.cleanup());

/** The example report (本年新收 43) of `agencyId` for `year`, scaled by `scale` (null: 本年新收 left blank), submitted. */
async function submitted(agencyId: string, year: number, scale: number | null) {
  const r = await w.as.admin.reports.create.mutate({ agencyId, year });
  const e = exampleReport({ year, agency: r.report.meta.agency, scale: scale ?? 1 });
  const cells = Object.fromEntries(
    Object.entries(e.cells).map(([k, c]) =>
      scale === null && k.startsWith('applications.newReceived.') ? [k, { ...c, value: null }] : [k, c],
    ),
  );
  const report = { ...e, meta: { ...e.meta, agency: r.report.meta.agency }, cells };
  await w.as.admin.reports.save.mutate({ id: r.id, expectedVersion: 1, report });
  await w.as.admin.reports.submit.mutate({ id: r.id });
  return r.id;
}

describe(`the roll-up page's figures from the server (${DB_LABEL})`, () => {
  it('last year is matched by agency id: two 城关镇人民政府 of two counties stay apart', async () => {
    const townA = await w.as.admin.agencies.create.mutate({
      parentId: w.ids.countyA,
      name: '城关镇人民政府',
      kind: '人民政府',
      level: '乡镇级',
    });
    const townB = await w.as.admin.agencies.create.mutate({
      parentId: w.ids.countyB,
      name: '城关镇人民政府',
      kind: '人民政府',
      level: '乡镇级',
    });
    const nowA = await submitted(townA.id, 2025, 3);
    await submitted(townB.id, 2025, 1);
    const lastA = await submitted(townA.id, 2024, 2);
    const lastB = await submitted(townB.id, 2024, 1);

    const region = await w.as.admin.summary.region.query({ regionId: w.ids.province, year: 2025 });
    const mine = region.included.find((i) => i.reportId === nowA)!;
    expect(mine).toMatchObject({ agencyId: townA.id, agencyName: '城关镇人民政府' });
    expect(mine.figures.newReceived).toBe(43 * 3);
    expect(mine.openFindings).toEqual({ error: expect.any(Number), crossYear: expect.any(Number) });

    const last = await w.as.admin.summary.regionLastYear.query({ regionId: w.ids.province, year: 2025 });
    expect(last.year).toBe(2024);
    const byAgency = new Map(last.reports.map((r) => [r.agencyId, r]));
    expect(byAgency.get(townA.id)).toMatchObject({ reportId: lastA, figures: { newReceived: 43 * 2 } });
    expect(byAgency.get(townB.id)).toMatchObject({ reportId: lastB, figures: { newReceived: 43 } });

    // A county's 审核人 sees their county's last year only, and not the other county at all.
    const a = await w.as.reviewerA.summary.regionLastYear.query({ regionId: w.ids.countyA, year: 2025 });
    expect(a.reports.map((r) => r.reportId)).toEqual([lastA]);
    expect(
      (await failure(w.as.reviewerA.summary.regionLastYear.query({ regionId: w.ids.countyB, year: 2025 })))
        .appCode,
    ).toBe('NOT_FOUND');
    expect(
      (await failure(w.as.fillerA1.summary.regionLastYear.query({ regionId: w.ids.countyA, year: 2025 })))
        .appCode,
    ).toBe('NOT_FOUND');
  });

  it('the cells left unsummed name the reports that leave them blank by id: one of two 新城镇 is not both', async () => {
    const towns = [];
    for (const parentId of [w.ids.countyA, w.ids.countyB])
      towns.push(
        await w.as.admin.agencies.create.mutate({
          parentId,
          name: '新城镇人民政府',
          kind: '人民政府',
          level: '乡镇级',
        }),
      );
    const blank = await submitted(towns[0]!.id, 2022, null);
    const full = await submitted(towns[1]!.id, 2022, 2);
    const region = await w.as.admin.summary.region.query({ regionId: w.ids.province, year: 2022 });
    expect(region.included.map((i) => i.reportId).sort()).toEqual([blank, full].sort());
    const newReceived = region.missing.filter((m) => m.cell.startsWith('applications.newReceived.'));
    expect(newReceived.length).toBeGreaterThan(0);
    for (const m of newReceived) {
      expect(m.agencies).toEqual(['新城镇人民政府']);
      expect(m.reportIds).toEqual([blank]);
    }
    for (const m of region.missing) expect(m.reportIds).not.toContain(full);
  });

  it('a roll-up over sub-regions names its reports by sub-region (the 城关镇 of five counties apart), in the file too', async () => {
    for (const id of [w.ids.agencyA2, w.ids.agencyA1, w.ids.agencyB1]) await submitted(id, 2021, 1);
    const region = await w.as.admin.summary.region.query({ regionId: w.ids.province, year: 2021 });
    expect(region.report.preamble).toContain(
      '汇总了以下 3 个机关的2021年度报告：甲县人民政府及其下属机关 2 个：',
    );
    expect(region.report.preamble).toMatch(
      /甲县人民政府及其下属机关 2 个：(甲县交通运输局、甲镇人民政府|甲镇人民政府、甲县交通运输局)；乙县教育局。统计期限自2021年1月1日起至2021年12月31日止。/,
    );
    const md = await w.as.admin.export.region.query({ regionId: w.ids.province, year: 2021, format: 'md' });
    expect(md.content).toContain('甲县人民政府及其下属机关 2 个：');
    // A county's own roll-up: its agencies are a list, as core writes it.
    const county = await w.as.admin.summary.region.query({ regionId: w.ids.countyA, year: 2021 });
    expect(county.report.preamble).toMatch(/汇总了以下 2 个机关的2021年度报告：[^；]+、[^；]+。统计期限/);
    expect(county.report.preamble).not.toContain('及其下属机关');
  });

  it('a blank 本年新收 is null (not 0), names its agency under the blank indicator, and doubts list open errors', async () => {
    const id = await submitted(w.ids.agencyB1, 2023, null);
    const region = await w.as.reviewerB.summary.region.query({ regionId: w.ids.countyB, year: 2023 });
    expect(region.included.map((i) => i.reportId)).toEqual([id]);
    expect(region.included[0]!.figures.newReceived).toBeNull();
    const blank = region.summary.indicators.filter(
      (i) => i.value === null && i.numeratorCells.some((c) => c.startsWith('applications.newReceived.')),
    );
    expect(blank.length).toBeGreaterThan(0);
    for (const i of blank) expect(region.blankCauses[i.key]).toEqual(['乙县教育局']);
    for (const names of Object.values(region.blankCauses)) expect(names).toEqual(['乙县教育局']);
    // the same by report (names repeat across counties)
    expect(Object.keys(region.blankCauseReports).sort()).toEqual(Object.keys(region.blankCauses).sort());
    for (const ids of Object.values(region.blankCauseReports)) expect(ids).toEqual([id]);
    // The open counts are the list's (after triage); the doubts name exactly the reports with some.
    const listed = await w.as.reviewerB.reports.list.query({ regionId: w.ids.countyB, year: 2023 });
    const open = region.included[0]!.openFindings;
    expect(open).toEqual({
      error: listed.items[0]!.openFindings.error,
      crossYear: listed.items[0]!.openFindings.crossYear,
    });
    expect(region.doubts).toEqual(
      open.error + open.crossYear > 0
        ? [{ reportId: id, agencyId: w.ids.agencyB1, agencyName: '乙县教育局', problems: expect.any(Array) }]
        : [],
    );
  });

  it('退回后重新提交: the submitted reports of the region that were returned before, in one request', async () => {
    const year = 2022;
    const again = await submitted(w.ids.agencyA1, year, 1);
    const first = await submitted(w.ids.agencyA2, year, 1);
    await w.as.reviewerA.reports.return.mutate({ id: again, comment: '请补充说明' });
    expect((await w.as.reviewerA.summary.resubmitted.query({ regionId: w.ids.countyA, year })).ids).toEqual(
      [],
    );
    await w.as.admin.reports.submit.mutate({ id: again });
    const got = await w.as.reviewerA.summary.resubmitted.query({ regionId: w.ids.countyA, year });
    expect(got.ids).toEqual([again]);
    expect(got.ids).not.toContain(first);
    // A 填报人 learns only of their own agency's report; another county's 审核人 nothing.
    expect((await w.as.fillerA1.summary.resubmitted.query({ regionId: w.ids.agencyA1, year })).ids).toEqual([
      again,
    ]);
    expect((await w.as.fillerA2.summary.resubmitted.query({ regionId: w.ids.agencyA2, year })).ids).toEqual(
      [],
    );
    expect(
      (await failure(w.as.reviewerB.summary.resubmitted.query({ regionId: w.ids.countyA, year }))).appCode,
    ).toBe('NOT_FOUND');
  });
});
