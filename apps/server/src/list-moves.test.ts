import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_LABEL, makeWorld, type World } from './test-support/harness.js';

let w: World;
beforeAll(async () => {
  w = await makeWorld();
});
afterAll(async () => w?.cleanup());

const tick = () => new Promise((r) => setTimeout(r, 5));

describe(`reports.list updatedSince sees agencies moved or renamed (${DB_LABEL})`, () => {
  it('a report whose agency moved before the cursor mid-pass is listed by the next updatedSince', async () => {
    const admin = w.as.admin;
    const made = [];
    for (const name of ['甲县测试一局', '甲县测试二局', '甲县测试三局']) {
      const a = await admin.agencies.create.mutate({ parentId: w.ids.countyA, name });
      made.push((await admin.reports.create.mutate({ agencyId: a.id, year: 2022 })).id);
    }
    const scope = { year: 2022, regionId: w.ids.countyA } as const;
    const all = (await admin.reports.list.query({ ...scope, limit: 100 })).items;
    expect(all.map((r) => r.id).sort()).toEqual([...made].sort());
    const [x, y, z] = all as [(typeof all)[0], (typeof all)[0], (typeof all)[0]];
    await tick();
    const passStart = new Date().toISOString();
    await tick();
    const page1 = await admin.reports.list.query({ ...scope, limit: 2 });
    expect(page1.items.map((r) => r.id)).toEqual([x.id, y.id]);
    // Meanwhile z's agency is moved under x's: by path it now comes between x and y, before the cursor.
    await admin.agencies.edit.mutate({ id: z.agencyId, parentId: x.agencyId });
    const page2 = await admin.reports.list.query({ ...scope, limit: 2, cursor: page1.nextCursor! });
    // The pass itself misses it (the order is by agency path, as documented) …
    expect(page2.items.map((r) => r.id)).not.toContain(z.id);
    // … the next incremental sync from the pass's start does not.
    const next = await admin.reports.list.query({ updatedSince: passStart });
    expect(next.items.map((r) => r.id)).toEqual([z.id]);
    // Its record was not saved: updatedAt is as it was.
    expect(next.items[0]!.updatedAt).toBe(z.updatedAt);
    // A rename changes the records' agencyName: listed too (with the subtree below it).
    const mark = new Date().toISOString();
    await tick();
    await admin.agencies.edit.mutate({ id: x.agencyId, name: '甲县测试一局（更名）' });
    const renamed = await admin.reports.list.query({ updatedSince: mark });
    expect(renamed.items.map((r) => r.id).sort()).toEqual([x.id, z.id].sort());
    expect(renamed.items.find((r) => r.id === x.id)!.agencyName).toBe('甲县测试一局（更名）');
    // Nothing edited or saved since: nothing listed.
    await tick();
    expect((await admin.reports.list.query({ updatedSince: new Date().toISOString() })).total).toBe(0);
    // A 填报人 of another agency sees none of it.
    expect((await w.as.fillerB1.reports.list.query({ updatedSince: passStart })).total).toBe(0);
  });
});
