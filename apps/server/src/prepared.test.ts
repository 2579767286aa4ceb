import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId, now } from './auth.js';
import { prepared } from './db/prepared.js';
import { DB_LABEL, freshStore, type TestStore } from './test-support/harness.js';

let ts: TestStore;
const ids: string[] = [];

beforeAll(async () => {
  ts = await freshStore();
  for (const name of ['甲镇人民政府', '乙镇人民政府', '丙县交通运输局']) {
    const id = newId();
    ids.push(id);
    await ts.store.db
      .insertInto('agencies')
      .values({
        id,
        parent_id: null,
        path: `/${id}/`,
        name,
        kind: null,
        level: null,
        region_code: null,
        created_at: now(),
      })
      .execute();
  }
});
afterAll(async () => ts?.cleanup());

const byId = prepared((db, id: string) =>
  db.selectFrom('agencies').select(['id', 'name']).where('id', '=', id),
);
const rename = prepared((db, name: string, id: string) =>
  db.updateTable('agencies').set({ name }).where('id', '=', id).where('parent_id', 'is', null),
);

describe(`prepared queries (${DB_LABEL})`, () => {
  it('run with each call’s values, the same rows as the query built afresh', async () => {
    const db = ts.store.db;
    for (const id of [...ids, 'no-such-id', ...ids.toReversed()]) {
      const built = await db.selectFrom('agencies').select(['id', 'name']).where('id', '=', id).execute();
      expect((await byId(db, id)).rows).toEqual(built);
    }
    expect((await byId(db, ids[1]!)).rows[0]!.name).toBe('乙镇人民政府');
  });

  it('keep constants of the builder, count affected rows, and run inside a transaction (rolled back with it)', async () => {
    const db = ts.store.db;
    expect(Number((await rename(db, '甲镇', ids[0]!)).numAffectedRows)).toBe(1);
    expect(Number((await rename(db, '无', 'no-such-id')).numAffectedRows)).toBe(0);
    await expect(
      db.transaction().execute(async (tx) => {
        await rename(tx, '改名中', ids[2]!);
        expect((await byId(tx, ids[2]!)).rows[0]!.name).toBe('改名中');
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect((await byId(db, ids[2]!)).rows[0]!.name).toBe('丙县交通运输局');
    expect((await byId(db, ids[0]!)).rows[0]!.name).toBe('甲镇');
  });

  it('refuse a builder that does anything but pass its arguments into value positions', async () => {
    const db = ts.store.db;
    const concatenated = prepared((d, id: string) =>
      d.selectFrom('agencies').selectAll().where('id', '=', `${id}x`),
    );
    await expect(concatenated(db, ids[0]!)).rejects.toThrow(/changed before it reached the query/);
    const unused = prepared((d, _id: string) => d.selectFrom('agencies').selectAll());
    await expect(unused(db, ids[0]!)).rejects.toThrow(/never reached the query/);
    const asColumn = prepared((d, col: string) =>
      d
        .selectFrom('agencies')
        .selectAll()
        .where(col as 'id', '=', 'x'),
    );
    await expect(asColumn(db, 'id')).rejects.toThrow(/SQL text/);
  });
});
