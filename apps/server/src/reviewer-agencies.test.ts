import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_LABEL, failure, makeWorld, type World } from './test-support/harness.js';

let w: World;
beforeAll(async () => {
  w = await makeWorld();
});
afterAll(async () => w?.cleanup());

/** What the server README says a 审核人 may do with agencies, held to it over the API. */
describe(`审核人 and agencies (${DB_LABEL})`, () => {
  it('creates, edits, moves and removes agencies below their node — not their node itself, nothing elsewhere', async () => {
    const r = w.as.reviewerA;
    const made = await r.agencies.create.mutate({ parentId: w.ids.countyA, name: '甲县审计局' });
    const town = await r.agencies.create.mutate({ parentId: w.ids.agencyA2, name: '甲镇社区服务中心' });
    expect((await r.agencies.edit.mutate({ id: made.id, name: '甲县审计局（新）' })).name).toBe(
      '甲县审计局（新）',
    );
    expect((await r.agencies.edit.mutate({ id: town.id, parentId: w.ids.countyA })).parentId).toBe(
      w.ids.countyA,
    );
    expect(await r.agencies.remove.mutate({ id: town.id })).toEqual({ ok: true });
    // Their own node is the 管理员's to change; another county is out of reach.
    expect((await failure(r.agencies.edit.mutate({ id: w.ids.countyA, name: '甲县' }))).code).toBe(
      'FORBIDDEN',
    );
    expect(
      (await failure(r.agencies.create.mutate({ parentId: w.ids.countyB, name: '乙县审计局' }))).code,
    ).toBe('NOT_FOUND');
    expect((await failure(r.agencies.edit.mutate({ id: w.ids.agencyB1, name: 'x' }))).code).toBe('NOT_FOUND');
    expect((await failure(r.agencies.edit.mutate({ id: made.id, parentId: w.ids.countyB }))).code).toBe(
      'NOT_FOUND',
    );
    // A 填报人 manages none.
    expect(
      (await failure(w.as.fillerA1.agencies.create.mutate({ parentId: w.ids.agencyA1, name: '某科' }))).code,
    ).toBe('FORBIDDEN');
  });
});
