import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_LABEL, failure, makeWorld, type World } from './test-support/harness.js';

let w: World;
beforeAll(async () => {
  w = await makeWorld();
});
afterAll(async () => w?.cleanup());

describe(`agencies (${DB_LABEL})`, () => {
  it('tree: the whole region for 管理员, nested province → county → agency', async () => {
    const tree = await w.as.admin.agencies.tree.query();
    expect(tree.map((n) => n.name)).toEqual(['测试省人民政府']);
    expect(tree[0]!.children.map((n) => n.name).sort()).toEqual(['乙县人民政府', '甲县人民政府'].sort());
    const a = tree[0]!.children.find((n) => n.name === '甲县人民政府')!;
    expect(a.children.map((n) => n.name).sort()).toEqual(['甲县交通运输局', '甲镇人民政府'].sort());
    expect(a).toMatchObject({ kind: '人民政府', level: '县级' });
  });

  it('create: kind and level inferred from the name when not given; 审核人 under their node only', async () => {
    const d = await w.as.reviewerA.agencies.create.mutate({ parentId: w.ids.countyA, name: '甲县教育局' });
    expect(d).toMatchObject({ name: '甲县教育局', kind: '政府部门', level: '县级', parentId: w.ids.countyA });
    const t = await w.as.reviewerA.agencies.create.mutate({
      parentId: w.ids.countyA,
      name: '乙乡人民政府',
      kind: '人民政府',
      level: '乡镇级',
    });
    expect(t.level).toBe('乡镇级');
    // A department whose name says no level is at the level of the government it belongs to.
    const dept = await w.as.reviewerA.agencies.create.mutate({ parentId: w.ids.countyA, name: '行政审批局' });
    expect(dept).toMatchObject({ kind: '政府部门', level: '县级' });
    const inTown = await w.as.reviewerA.agencies.create.mutate({ parentId: t.id, name: '综合执法队' });
    expect(inTown).toMatchObject({ kind: '政府部门', level: '乡镇级' });
    expect(
      (await failure(w.as.reviewerA.agencies.create.mutate({ parentId: w.ids.countyA, name: '甲县教育局' })))
        .appCode,
    ).toBe('AGENCY_EXISTS');
    expect(
      (await failure(w.as.reviewerA.agencies.create.mutate({ parentId: w.ids.countyB, name: '乙县卫健委' })))
        .code,
    ).toBe('NOT_FOUND');
    expect(
      (await failure(w.as.reviewerA.agencies.create.mutate({ parentId: null, name: '新省' }))).code,
    ).toBe('FORBIDDEN');
    expect(
      (await failure(w.as.fillerA1.agencies.create.mutate({ parentId: w.ids.agencyA1, name: '下属单位' })))
        .code,
    ).toBe('FORBIDDEN');
    const root = await w.as.admin.agencies.create.mutate({
      parentId: null,
      name: '另一省人民政府',
      kind: '人民政府',
      level: '省级',
      regionCode: '980000',
    });
    expect(root.regionCode).toBe('980000');
    expect(
      (await failure(w.as.admin.agencies.create.mutate({ parentId: null, name: '坏编码', regionCode: '12' })))
        .zhMessage,
    ).toMatch(/行政区划代码/);
    expect(
      (await failure(w.as.admin.agencies.create.mutate({ parentId: null, name: '  ' }))).zhMessage,
    ).toMatch(/机关名称不能为空/);
    // The new agency is visible to the reviewer and can be reported on.
    const tree = await w.as.reviewerA.agencies.tree.query();
    expect(tree[0]!.children.map((n) => n.name)).toContain('甲县教育局');
  });

  it('edit: rename keeps reports attached by id; permissions apply', async () => {
    const r = await w.as.fillerA2.reports.create.mutate({ agencyId: w.ids.agencyA2, year: 2024 });
    const e = await w.as.reviewerA.agencies.edit.mutate({ id: w.ids.agencyA2, name: '甲镇人民政府（更名）' });
    expect(e.name).toBe('甲镇人民政府（更名）');
    expect((await w.as.fillerA2.reports.get.query({ id: r.id })).agencyName).toBe('甲镇人民政府（更名）');
    expect((await failure(w.as.fillerA2.agencies.edit.mutate({ id: w.ids.agencyA2, name: 'x' }))).code).toBe(
      'FORBIDDEN',
    );
    expect((await failure(w.as.reviewerB.agencies.edit.mutate({ id: w.ids.agencyA2, name: 'x' }))).code).toBe(
      'NOT_FOUND',
    );
    // A reviewer cannot edit their own node (it belongs to the level above).
    expect((await failure(w.as.reviewerA.agencies.edit.mutate({ id: w.ids.countyA, name: 'x' }))).code).toBe(
      'FORBIDDEN',
    );
    const g = await w.as.fillerA2.agencies.get.query({ id: w.ids.agencyA2 });
    expect(g.path.map((p) => p.name)).toEqual(['测试省人民政府', '甲县人民政府', '甲镇人民政府（更名）']);
  });
});
