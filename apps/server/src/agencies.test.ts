import fc from 'fast-check';
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

  it('edit: a new name fills in a kind and level nothing told before; a kind chosen is kept', async () => {
    type Node = { id: string; kind: string; level: string | null; children: Node[] };
    const find = async (id: string) => {
      const walk = (ns: Node[]): Node | undefined => {
        for (const n of ns) {
          if (n.id === id) return n;
          const x = walk(n.children);
          if (x) return x;
        }
      };
      return walk((await w.as.admin.agencies.tree.query()) as Node[])!;
    };
    const t = await w.as.admin.agencies.create.mutate({ parentId: null, name: 'test' });
    expect(t).toMatchObject({ kind: '其他' });
    expect(t.level ?? null).toBeNull();
    await w.as.admin.agencies.edit.mutate({ id: t.id, name: '某某县林业局' });
    // before: still 「其他 · 层级未知」 after the rename (an admin's typo fixed)
    expect(await find(t.id)).toMatchObject({ kind: '政府部门', level: '县级' });
    // a level set by hand is not overwritten by a later rename
    await w.as.admin.agencies.edit.mutate({ id: t.id, level: '市级' });
    await w.as.admin.agencies.edit.mutate({ id: t.id, name: '某某县自然资源局' });
    expect(await find(t.id)).toMatchObject({ kind: '政府部门', level: '市级' });
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

  it('create and edit: a space beside a Chinese character is no part of a name (a stray or full-width space is the same agency)', async () => {
    const a = await w.as.admin.agencies.create.mutate({
      parentId: w.ids.countyA,
      name: ' 甲县 统计局\u3000',
    });
    expect(a.name).toBe('甲县统计局');
    for (const name of ['甲县统计局', '甲县\u3000统计局', '甲县  统计 局', '甲县\u00a0统计局']) {
      const f = await failure(w.as.admin.agencies.create.mutate({ parentId: w.ids.countyA, name }));
      expect(f.appCode).toBe('AGENCY_EXISTS');
      expect(f.message).toBe('同一上级下已有名为“甲县统计局”的机关：请换一个名称，或在已有的机关下操作');
    }
    // Latin words keep one space between them; a tab is refused, not read as a space.
    const b = await w.as.admin.agencies.create.mutate({
      parentId: w.ids.countyA,
      name: 'Zone   A  管委会',
    });
    expect(b.name).toBe('Zone A管委会');
    expect((await w.as.admin.agencies.edit.mutate({ id: b.id, name: '甲县 高新区 管委会' })).name).toBe(
      '甲县高新区管委会',
    );
    expect(
      (await failure(w.as.admin.agencies.create.mutate({ parentId: w.ids.countyA, name: '甲县\t审计' })))
        .code,
    ).toBe('BAD_REQUEST');
  });

  it('edit: no rename to a sibling’s name (two agencies of one name under one parent)', async () => {
    const a = await w.as.admin.agencies.create.mutate({ parentId: w.ids.countyA, name: '甲县财政局' });
    await w.as.admin.agencies.create.mutate({ parentId: w.ids.countyA, name: '甲县审计局' });
    const f = await failure(w.as.admin.agencies.edit.mutate({ id: a.id, name: '甲县审计局' }));
    expect(f.appCode).toBe('AGENCY_EXISTS');
    expect(f.message).toBe('同一上级下已有名为“甲县审计局”的机关：请换一个名称，或在已有的机关下操作');
    // Its own name again is no clash.
    expect((await w.as.admin.agencies.edit.mutate({ id: a.id, name: '甲县财政局' })).name).toBe('甲县财政局');
  });

  it('move and delete an agency put in the wrong place; never into its own subtree; a government not under a department', async () => {
    const dept = await w.as.admin.agencies.create.mutate({ parentId: w.ids.countyA, name: '甲县水利局' });
    // A township under a department: refused at once.
    const wrong = await failure(
      w.as.admin.agencies.create.mutate({ parentId: dept.id, name: '丁乡人民政府' }),
    );
    expect(wrong.appCode).toBe('AGENCY_WRONG_PARENT');
    expect(wrong.message).toBe('人民政府不能设在政府部门（甲县水利局）之下：请放在上级人民政府之下');
    // A township with a unit under it, made under the province by mistake, moved under the county.
    const town = await w.as.admin.agencies.create.mutate({ parentId: w.ids.province, name: '丁乡人民政府' });
    const unit = await w.as.admin.agencies.create.mutate({ parentId: town.id, name: '丁乡便民服务中心' });
    expect((await failure(w.as.admin.agencies.edit.mutate({ id: town.id, parentId: unit.id }))).appCode).toBe(
      'AGENCY_MOVE_INTO_ITSELF',
    );
    expect((await failure(w.as.admin.agencies.edit.mutate({ id: town.id, parentId: dept.id }))).appCode).toBe(
      'AGENCY_WRONG_PARENT',
    );
    await w.as.admin.agencies.edit.mutate({ id: town.id, parentId: w.ids.countyA });
    // The subtree moved along: the county's reviewer now sees both.
    const g = await w.as.reviewerA.agencies.get.query({ id: unit.id });
    expect(g.path.map((p) => p.name)).toEqual([
      '测试省人民政府',
      '甲县人民政府',
      '丁乡人民政府',
      '丁乡便民服务中心',
    ]);
    // A reviewer cannot move anything out of their node (what lies above it they do not see).
    expect(
      (await failure(w.as.reviewerA.agencies.edit.mutate({ id: unit.id, parentId: w.ids.province }))).code,
    ).toBe('NOT_FOUND');
    // Delete: only an agency with nothing under it, no user and no report.
    const inUse = await failure(w.as.admin.agencies.remove.mutate({ id: town.id }));
    expect(inUse.appCode).toBe('AGENCY_IN_USE');
    expect(inUse.message).toBe('丁乡人民政府下有 1 个机关，不能删除（可改名或移到别处）');
    expect((await failure(w.as.admin.agencies.remove.mutate({ id: w.ids.agencyA1 }))).appCode).toBe(
      'AGENCY_IN_USE',
    );
    await w.as.admin.agencies.remove.mutate({ id: unit.id });
    await w.as.admin.agencies.remove.mutate({ id: town.id });
    expect((await failure(w.as.admin.agencies.get.query({ id: town.id }))).code).toBe('NOT_FOUND');
  });

  it('kind and level are refused where the name or the parent contradicts them, saying what to choose', async () => {
    const a = w.as.admin;
    // QA: under a 县级 government, a township made 省级 and a 水利局 made a 街道办事处 at 国务院部门.
    const town = await failure(
      a.agencies.create.mutate({ parentId: w.ids.countyA, name: '甲县河口镇人民政府', level: '省级' }),
    );
    expect(town).toMatchObject({ code: 'BAD_REQUEST', appCode: 'AGENCY_LEVEL_CONTRADICTS_NAME' });
    expect(town.zhMessage).toBe('“甲县河口镇人民政府”的层级应为“乡镇级”（现为“省级”）：请改选“乡镇级”');
    const dept = await failure(
      a.agencies.create.mutate({
        parentId: w.ids.countyA,
        name: '甲县林草局',
        kind: '街道办事处',
        level: '国务院部门',
      }),
    );
    expect(dept.appCode).toBe('AGENCY_KIND_CONTRADICTS_NAME');
    expect(dept.zhMessage).toContain('请选“政府部门”');
    const above = await failure(
      a.agencies.create.mutate({ parentId: w.ids.countyA, name: '甲县林草局', level: '国务院部门' }),
    );
    expect(above.appCode).toBe('AGENCY_LEVEL_ABOVE_PARENT');
    expect(above.zhMessage).toBe(
      '层级“国务院部门”高于上级机关甲县人民政府的“县级”：请在“层级”中选“县级”、“乡镇级”之一，或把它放在相应层级的上级机关之下',
    );
    expect(above.details).toMatchObject({
      field: 'level',
      parentLevel: '县级',
      expected: ['县级', '乡镇级'],
    });
    // 街道办事处 / 人民政府 by name.
    const street = await failure(
      a.agencies.create.mutate({ parentId: w.ids.countyA, name: '南关街道办事处', kind: '人民政府' }),
    );
    expect(street.zhMessage).toBe('“南关街道办事处”是街道办事处，类型应选“街道办事处”（现为“人民政府”）');
    expect(
      (
        await failure(
          a.agencies.create.mutate({ parentId: w.ids.province, name: '丙县人民政府', level: '市级' }),
        )
      ).appCode,
    ).toBe('AGENCY_LEVEL_CONTRADICTS_NAME');
    // A 「某某市」 core does not know may be a 县级市: 县级 is accepted, 乡镇级 is not.
    const city = await a.agencies.create.mutate({
      parentId: w.ids.province,
      name: '丁市人民政府',
      level: '县级',
    });
    expect(city.level).toBe('县级');
    expect(
      (
        await failure(
          a.agencies.create.mutate({ parentId: w.ids.province, name: '戊市人民政府', level: '乡镇级' }),
        )
      ).zhMessage,
    ).toContain('应为“市级”或“县级”（县级市为县级）');
    // A level read from a unit's name is a guess: never above its parent's (「社区」 is no 区).
    const unit = await a.agencies.create.mutate({ parentId: w.ids.agencyA2, name: '甲镇社区服务中心' });
    expect(unit.level).toBe('乡镇级');
    // Right ones pass; a 管委会 may be entered as a government.
    const ok = await a.agencies.create.mutate({ parentId: w.ids.countyA, name: '南关街道办事处' });
    expect(ok).toMatchObject({ kind: '街道办事处', level: '乡镇级' });
    await a.agencies.create.mutate({
      parentId: w.ids.countyA,
      name: '甲县经济开发区管理委员会',
      kind: '人民政府',
      level: '县级',
    });

    // edit: the same checks on what the agency becomes; a level not below its children's.
    expect((await failure(a.agencies.edit.mutate({ id: w.ids.agencyA2, level: '县级' }))).appCode).toBe(
      'AGENCY_LEVEL_CONTRADICTS_NAME',
    );
    expect((await failure(a.agencies.edit.mutate({ id: w.ids.agencyA1, level: '市级' }))).appCode).toBe(
      'AGENCY_LEVEL_ABOVE_PARENT',
    );
    const low = await failure(a.agencies.edit.mutate({ id: w.ids.countyA, level: '乡镇级' }));
    expect(low.appCode).toBe('AGENCY_LEVEL_CONTRADICTS_NAME');
    // 镇改街道: the new name with the old kind is refused until the kind follows.
    expect((await failure(a.agencies.edit.mutate({ id: ok.id, name: '南关镇人民政府' }))).appCode).toBe(
      'AGENCY_KIND_CONTRADICTS_NAME',
    );
    expect((await a.agencies.edit.mutate({ id: ok.id, name: '南关镇人民政府', kind: '人民政府' })).kind).toBe(
      '人民政府',
    );
    // A move under a lower level.
    expect(
      (await failure(a.agencies.edit.mutate({ id: w.ids.agencyA1, parentId: w.ids.agencyA2 }))).appCode,
    ).toBe('AGENCY_LEVEL_ABOVE_PARENT');
    // A parent lowered below a child.
    const top = await a.agencies.create.mutate({ parentId: null, name: '某某委员会', level: '市级' });
    await a.agencies.create.mutate({ parentId: top.id, name: '某某处', level: '市级' });
    const below = await failure(a.agencies.edit.mutate({ id: top.id, level: '县级' }));
    expect(below.appCode).toBe('AGENCY_LEVEL_BELOW_CHILD');
    expect(below.zhMessage).toContain('请选“市级”或更高的层级');
  });

  it('a 乡/镇 people’s government is 乡镇级, whatever the place is called (property)', async () => {
    const han = fc.constantFrom(...'东西南北河山桥柳桃李青石金水华安平宁和兴');
    await fc.assert(
      fc.asyncProperty(
        fc.array(han, { minLength: 1, maxLength: 4 }).map((cs) => cs.join('')),
        fc.constantFrom('镇', '乡'),
        fc.constantFrom('国务院部门', '省级', '市级', '县级', '乡镇级'),
        async (place, suffix, level) => {
          const name = `属性${place}${suffix}人民政府`;
          const r = w.as.admin.agencies.create.mutate({
            parentId: w.ids.countyA,
            name,
            level: level as '乡镇级',
          });
          if (level === '乡镇级') {
            const made = await r;
            expect(made).toMatchObject({ kind: '人民政府', level: '乡镇级' });
            await w.as.admin.agencies.remove.mutate({ id: made.id });
          } else expect((await failure(r)).appCode).toBe('AGENCY_LEVEL_CONTRADICTS_NAME');
        },
      ),
      { numRuns: 25 },
    );
  });

  it('edit: the audit entry has what changed before and after, by the API’s names', async () => {
    const a = await w.as.admin.agencies.create.mutate({ parentId: w.ids.province, name: '甲县档案馆' });
    await w.as.admin.agencies.edit.mutate({
      id: a.id,
      name: '甲县档案局',
      parentId: w.ids.countyA,
      regionCode: '990101',
    });
    const [entry] = (await w.as.admin.audit.list.query({ action: 'agencies.edit', limit: 1 })).items;
    expect(entry).toMatchObject({ actor: 'admin', targetId: a.id, target: '甲县档案馆' });
    expect(entry!.details).toEqual({
      before: { name: '甲县档案馆', parentId: w.ids.province, kind: '其他', level: null, regionCode: null },
      after: {
        name: '甲县档案局',
        parentId: w.ids.countyA,
        kind: '政府部门',
        level: '县级',
        regionCode: '990101',
      },
    });
    expect(JSON.stringify(entry)).not.toContain('parent_id');
  });
});
