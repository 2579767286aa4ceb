// Two administrative writes at once — a double click, a retried request, two admins — are one after
// the other: a check and the write it allows are one step (agencies and users).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_LABEL, failure, makeClient, makeWorld, type World } from './test-support/harness.js';

let w: World;
beforeAll(async () => {
  w = await makeWorld();
});
afterAll(async () => w?.cleanup());

const outcomes = async (calls: Promise<unknown>[]) => {
  const settled = await Promise.allSettled(calls);
  return Promise.all(
    settled.map(async (s) =>
      s.status === 'fulfilled' ? 'ok' : (await failure(Promise.reject(s.reason))).appCode,
    ),
  );
};

describe(`concurrent administrative writes (${DB_LABEL})`, () => {
  it('three creates of one agency name under one parent: one agency, the others AGENCY_EXISTS', async () => {
    const got = await outcomes(
      [1, 2, 3].map(() => w.as.admin.agencies.create.mutate({ parentId: w.ids.countyA, name: '甲县林业局' })),
    );
    expect(got.sort()).toEqual(['AGENCY_EXISTS', 'AGENCY_EXISTS', 'ok']);
    const tree = JSON.stringify(await w.as.admin.agencies.tree.query());
    expect(tree.split('甲县林业局').length - 1).toBe(1);
  });

  it('two users of one name (or differing in case) at once: one account, the other USERNAME_TAKEN', async () => {
    const make = (username: string) =>
      w.as.admin.users.create.mutate({
        username,
        displayName: '张三',
        password: 'a-good-password-9',
        role: 'filler',
        agencyId: w.ids.agencyA1,
      });
    expect((await outcomes([make('zhangsan'), make('zhangsan')])).sort()).toEqual(['USERNAME_TAKEN', 'ok']);
    expect((await outcomes([make('Lisi'), make('lisi')])).sort()).toEqual(['USERNAME_TAKEN', 'ok']);
    const names = (await w.as.admin.users.list.query()).map((u) => u.username.toLowerCase());
    expect(names.filter((n) => n === 'zhangsan' || n === 'lisi').sort()).toEqual(['lisi', 'zhangsan']);
  });

  it('A moved under B while B is moved under A: one move, never a cycle', async () => {
    const a = await w.as.admin.agencies.create.mutate({ parentId: w.ids.province, name: '测试省甲办公室' });
    const b = await w.as.admin.agencies.create.mutate({ parentId: w.ids.province, name: '测试省乙办公室' });
    const got = await outcomes([
      w.as.admin.agencies.edit.mutate({ id: a.id, parentId: b.id }),
      w.as.admin.agencies.edit.mutate({ id: b.id, parentId: a.id }),
    ]);
    const aMoved = got[0] === 'ok';
    expect([...got].sort()).toEqual(['AGENCY_MOVE_INTO_ITSELF', 'ok']);
    // Both still reachable from the province, each exactly once.
    const tree = JSON.stringify(await w.as.admin.agencies.tree.query());
    expect(tree.split('测试省甲办公室').length - 1).toBe(1);
    expect(tree.split('测试省乙办公室').length - 1).toBe(1);
    const [ga, gb] = await Promise.all([
      w.as.admin.agencies.get.query({ id: a.id }),
      w.as.admin.agencies.get.query({ id: b.id }),
    ]);
    expect([ga.parentId, gb.parentId].sort()).toEqual([w.ids.province, aMoved ? b.id : a.id].sort());
  });

  it('two 管理员 taking each other’s role, or disabling each other, at once: one does, a 管理员 remains', async () => {
    for (const [i, step] of (['demote', 'disable'] as const).entries()) {
      const names = [`adminX${i}`, `adminY${i}`];
      const clients: ReturnType<typeof makeClient>[] = [];
      const ids: string[] = [];
      for (const username of names) {
        ids.push(
          (
            await w.as.admin.users.create.mutate({
              username,
              displayName: username,
              password: 'an-admin-Pass-77',
              role: 'admin',
              agencyId: null,
            })
          ).id,
        );
        const c = makeClient(w.app);
        await c.auth.login.mutate({ username, password: 'an-admin-Pass-77' });
        clients.push(c);
      }
      const act = (c: (typeof clients)[number], other: string) =>
        step === 'demote'
          ? c.users.update.mutate({ id: other, role: 'reviewer', agencyId: w.ids.countyA })
          : c.users.setDisabled.mutate({ id: other, disabled: true });
      const got = await outcomes([act(clients[0]!, ids[1]!), act(clients[1]!, ids[0]!)]);
      expect([...got].sort(), step).toEqual(['ADMIN_ONLY', 'ok']);
      const rows = (await w.as.admin.users.list.query()).filter((u) => names.includes(u.username));
      expect(
        rows.filter((u) => u.role === 'admin' && !u.disabledAt),
        step,
      ).toHaveLength(1);
    }
  });
});
