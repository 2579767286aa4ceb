import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFirstAdmin } from './bootstrap.js';
import { appRouter } from './router.js';
import { DB_LABEL, failure, freshStore, makeClient, makeWorld, type World } from './test-support/harness.js';

let w: World;
beforeAll(async () => {
  w = await makeWorld({ rateLimit: { maxFailures: 3, maxFailuresPerIp: 100, windowMs: 60_000 } });
});
afterAll(async () => w?.cleanup());

const required = { code: 'FORBIDDEN', appCode: 'PASSWORD_CHANGE_REQUIRED' };

describe(`a password set by a 管理员 is changed at the first login (${DB_LABEL})`, () => {
  it('a new account given an initial password: only me, logout and changePassword until its owner chooses one', async () => {
    const { id } = await w.as.admin.users.create.mutate({
      username: 'chuci',
      displayName: '初次',
      password: 'initial-pass-1',
      role: 'filler',
      agencyId: w.ids.agencyA1,
      mustChangePassword: true,
    });
    expect((await w.as.admin.users.list.query()).find((u) => u.id === id)).toMatchObject({
      mustChangePassword: true,
      lockedUntil: null,
    });
    const c = makeClient(w.app);
    const login = await c.auth.login.mutate({ username: 'chuci', password: 'initial-pass-1' });
    expect(login.mustChangePassword).toBe(true);
    expect(await c.auth.me.query()).toMatchObject({
      username: 'chuci',
      role: 'filler',
      mustChangePassword: true,
    });

    // Everything else is refused, in 简体中文, with one machine code.
    const refused = await failure(c.reports.list.query({}));
    expect(refused).toMatchObject(required);
    expect(refused.zhMessage).toContain('请先');
    expect(refused.zhMessage).toContain('修改密码');
    for (const call of [
      () => c.agencies.tree.query(),
      () => c.reports.create.mutate({ agencyId: w.ids.agencyA1, year: 2029 }),
      () => c.users.list.query(),
      () => c.auth.tokens.list.query(),
      () => c.auth.tokens.create.mutate({ name: '对接' }),
      () => c.summary.region.query({ regionId: w.ids.agencyA1, year: 2029 }),
    ])
      expect(await failure(call())).toMatchObject(required);
    // Nothing was created meanwhile.
    expect((await w.as.fillerA1.reports.list.query({})).items.filter((r) => r.year === 2029)).toHaveLength(0);

    // The same password again is refused; a new one clears the flag and this session goes on.
    expect(
      (await failure(c.auth.changePassword.mutate({ current: 'initial-pass-1', next: 'initial-pass-1' })))
        .appCode,
    ).toBe('PASSWORD_UNCHANGED');
    await c.auth.changePassword.mutate({ current: 'initial-pass-1', next: 'my-own-secret-7' });
    expect(await c.auth.me.query()).toMatchObject({ mustChangePassword: false });
    expect((await c.reports.list.query({})).total).toBeGreaterThanOrEqual(0);
    expect((await c.auth.tokens.create.mutate({ name: '对接' })).token).toMatch(/^nbt_/);
    expect((await w.as.admin.users.list.query()).find((u) => u.id === id)?.mustChangePassword).toBe(false);
    // A later login is not asked again.
    const again = makeClient(w.app);
    expect(
      (await again.auth.login.mutate({ username: 'chuci', password: 'my-own-secret-7' })).mustChangePassword,
    ).toBe(false);
  });

  it('a reset by the 管理员 asks again; logout still works; an API token made before goes on', async () => {
    const { token } = await w.as.fillerA2.auth.tokens.create.mutate({ name: '对接系统' });
    const id = (await w.as.admin.users.list.query()).find((u) => u.username === 'fillerA2')!.id;
    await w.as.admin.users.resetPassword.mutate({
      id,
      password: 'reset-by-admin-3',
      mustChangePassword: true,
    });
    const audit = await w.as.admin.audit.list.query({ action: 'users.resetPassword', limit: 1 });
    expect(audit.items[0]).toMatchObject({ target: 'fillerA2', details: { mustChangePassword: true } });

    const c = makeClient(w.app);
    expect(
      (await c.auth.login.mutate({ username: 'fillerA2', password: 'reset-by-admin-3' })).mustChangePassword,
    ).toBe(true);
    expect(await failure(c.agencies.tree.query())).toMatchObject(required);
    // The integration's token is not the person's session: it is not held back.
    const api = makeClient(w.app, { token });
    expect((await api.reports.list.query({})).total).toBeGreaterThanOrEqual(0);
    await c.auth.logout.mutate();
    expect(await c.auth.me.query()).toBeNull();
  });

  it('without mustChangePassword (API callers, the demo) an account is usable at once', async () => {
    await w.as.admin.users.create.mutate({
      username: 'zhijie',
      displayName: '直接',
      password: 'direct-pass-22',
      role: 'filler',
      agencyId: w.ids.agencyA1,
    });
    const c = makeClient(w.app);
    expect(
      (await c.auth.login.mutate({ username: 'zhijie', password: 'direct-pass-22' })).mustChangePassword,
    ).toBe(false);
    expect((await c.reports.list.query({})).total).toBeGreaterThanOrEqual(0);
  });

  it('every procedure but auth.me, logout and changePassword is refused, before its input is read', async () => {
    await w.as.admin.users.create.mutate({
      username: 'quanbu',
      displayName: '全部',
      password: 'initial-pass-2',
      role: 'admin',
      agencyId: null,
      mustChangePassword: true,
    });
    const c = makeClient(w.app);
    await c.auth.login.mutate({ username: 'quanbu', password: 'initial-pass-2' });
    const cookie = [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    // Reads that tell nothing about anyone: the public 更正 log, a published report and the rule catalogue.
    const open = new Set([
      'auth.login',
      'auth.logout',
      'auth.me',
      'auth.changePassword',
      'reports.corrections',
      'reports.published',
      'checks.rules',
      'config.get',
    ]);
    const procedures = Object.entries(
      (appRouter._def as unknown as { procedures: Record<string, { _def: { type: string } }> }).procedures,
    );
    expect(procedures.length).toBeGreaterThan(30);
    const passed: string[] = [];
    for (const [path, p] of procedures) {
      if (open.has(path)) continue;
      const res =
        p._def.type === 'query'
          ? await w.app.request(`/trpc/${path}?input=${encodeURIComponent('{}')}`, { headers: { cookie } })
          : await w.app.request(`/trpc/${path}`, {
              method: 'POST',
              headers: { cookie, 'content-type': 'application/json' },
              body: '{}',
            });
      const body = (await res.json()) as { error?: { data?: { appCode?: string } } };
      const code = body.error?.data?.appCode;
      // The gate comes first: not even the input is looked at.
      if (code !== 'PASSWORD_CHANGE_REQUIRED') passed.push(`${path}: ${code}`);
    }
    expect(passed).toEqual([]);
  });
});

describe(`the first 管理员 (${DB_LABEL})`, () => {
  it('made at the first start is asked to change a generated password (printed to the log), not one the operator chose', async () => {
    const ts = await freshStore();
    try {
      const chosen = await createFirstAdmin(ts.store, { password: 'operator-pass-5' });
      const flag = async (id: string) =>
        Number(
          (
            await ts.store.db
              .selectFrom('users')
              .select('must_change_password')
              .where('id', '=', id)
              .executeTakeFirstOrThrow()
          ).must_change_password,
        );
      expect(await flag(chosen!.id)).toBe(0);
      await ts.store.db.deleteFrom('users').execute();
      const generated = await createFirstAdmin(ts.store);
      expect(await flag(generated!.id)).toBe(1);
    } finally {
      await ts.store.close();
      await ts.cleanup();
    }
  });
});

describe(`accounts locked by failed logins (${DB_LABEL})`, () => {
  it('are listed with the end of the lock; 解锁 lets them in at once, audited', async () => {
    for (let i = 0; i < 3; i++)
      await failure(w.anon.auth.login.mutate({ username: 'reviewerB', password: 'wrong-one' }));
    expect(
      (await failure(w.anon.auth.login.mutate({ username: 'reviewerB', password: w.password }))).appCode,
    ).toBe('LOGIN_RATE_LIMITED');
    const row = (await w.as.admin.users.list.query()).find((u) => u.username === 'reviewerB')!;
    expect(row.lockedUntil).not.toBeNull();
    const until = Date.parse(row.lockedUntil!);
    expect(until).toBeGreaterThan(Date.now() + 50_000);
    expect(until).toBeLessThanOrEqual(Date.now() + 60_000);
    // Not told to anyone but a 管理员.
    expect(
      (await w.as.reviewerB.users.list.query()).find((u) => u.username === 'reviewerB')?.lockedUntil,
    ).toBeNull();
    expect((await failure(w.as.reviewerA.users.unlock.mutate({ id: row.id }))).appCode).toBe('ADMIN_ONLY');

    expect(await w.as.admin.users.unlock.mutate({ id: row.id })).toEqual({ ok: true, wasLocked: true });
    expect((await w.as.admin.users.list.query()).find((u) => u.id === row.id)?.lockedUntil).toBeNull();
    await makeClient(w.app).auth.login.mutate({ username: 'reviewerB', password: w.password });
    expect((await w.as.admin.audit.list.query({ action: 'users.unlock', limit: 1 })).items[0]).toMatchObject({
      actor: 'admin',
      target: 'reviewerB',
      details: { wasLockedUntil: row.lockedUntil },
    });
    expect((await failure(w.as.admin.users.unlock.mutate({ id: 'nobody' }))).code).toBe('NOT_FOUND');
  });
});
