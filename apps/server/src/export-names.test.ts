import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId, now } from './auth.js';
import { DB_LABEL, failure, makeWorld, type World } from './test-support/harness.js';

let w: World;
beforeAll(async () => {
  w = await makeWorld();
});
afterAll(async () => w?.cleanup());

describe(`export file names (${DB_LABEL})`, () => {
  it('agency names with a path separator or a control character are refused', async () => {
    for (const name of ['../../etc/某局', '某局\\\\分局', '某局\n分局', '某\u0007局']) {
      const f = await failure(w.as.admin.agencies.create.mutate({ parentId: w.ids.countyA, name }));
      expect(f).toMatchObject({ code: 'BAD_REQUEST', appCode: 'INVALID_INPUT' });
      expect(f.zhMessage).toMatch(/机关名称不能包含“\/”“\\”或控制字符/);
    }
    const f = await failure(w.as.admin.agencies.edit.mutate({ id: w.ids.agencyA1, name: '甲县/交通运输局' }));
    expect(f.appCode).toBe('INVALID_INPUT');
    expect((await w.as.admin.agencies.get.query({ id: w.ids.agencyA1 })).name).toBe('甲县交通运输局');
  });

  it('every export file name is sanitised, and an older version says so in its name', async () => {
    // Allowed in a name, not in a file name: : * ? " < > | , ;
    const odd = await w.as.admin.agencies.create.mutate({
      parentId: w.ids.countyA,
      name: '某局:"一,二";*?<>|',
    });
    // One stored before names were checked.
    const id = newId();
    const county = await w.ts.store.db
      .selectFrom('agencies')
      .select('path')
      .where('id', '=', w.ids.countyA)
      .executeTakeFirstOrThrow();
    await w.ts.store.db
      .insertInto('agencies')
      .values({
        id,
        parent_id: w.ids.countyA,
        path: `${county.path}${id}/`,
        name: '../../etc/某局',
        kind: '政府部门',
        level: '县级',
        region_code: null,
        created_at: now(),
      })
      .execute();
    const year = 2029;
    const r = await w.as.admin.reports.create.mutate({ agencyId: id, year });
    // (The same content: the note makes it a second version.)
    await w.as.admin.reports.save.mutate({ id: r.id, expectedVersion: 1, report: r.report, note: '保存' });
    const current = await w.as.admin.export.report.query({ id: r.id, format: 'docx' });
    expect(current.fileName).toBe('_.._etc_某局2029年政府信息公开工作年度报告.docx');
    expect((await w.as.admin.export.report.query({ id: r.id, version: 2, format: 'md' })).fileName).toBe(
      '_.._etc_某局2029年政府信息公开工作年度报告.md',
    );
    expect((await w.as.admin.export.report.query({ id: r.id, version: 1, format: 'docx' })).fileName).toBe(
      '_.._etc_某局2029年政府信息公开工作年度报告（第1版）.docx',
    );
    const o = await w.as.admin.reports.create.mutate({ agencyId: odd.id, year });
    expect((await w.as.admin.export.report.query({ id: o.id, format: 'csv' })).fileName).toBe(
      '某局__一，二_；_____2029年政府信息公开工作年度报告.csv',
    );
    await w.as.admin.reports.submit.mutate({ id: r.id });
    const region = await w.as.admin.export.region.query({ regionId: id, year, format: 'xlsx' });
    expect(region.fileName).toBe('_.._etc_某局2029年政府信息公开工作年度报告汇总.xlsx');
    const open = await w.as.admin.export.openData.query({ regionId: id, year, format: 'csv' });
    expect(open.fileName).toBe('_.._etc_某局2029年政府信息公开工作年度报告开放数据.csv');
    for (const name of [current.fileName, region.fileName, open.fileName])
      expect(name).not.toMatch(/[/\\:*?"<>|,;]/);
  });
});
