// NIANBAO_ADMIN_RESET left in the start configuration (a systemd unit, a compose file): the reset is
// applied once per password, as main.ts calls applyAdminReset at every start.
import { chinaTime } from '@nianbao/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminResetLine, applyAdminReset, createFirstAdmin, firstAdminLine } from './bootstrap.js';
import { DB_LABEL, failure, freshStore, makeClient, makeWorld, type World } from './test-support/harness.js';

let w: World;
beforeAll(async () => {
  w = await makeWorld();
});
afterAll(async () => w?.cleanup());

describe(`NIANBAO_ADMIN_RESET applies once per password (${DB_LABEL})`, () => {
  it('a restart with the same variables undoes neither the admin’s own password nor a disable', async () => {
    const adminId = (await w.as.admin.auth.me.query())!.id;
    await w.as.admin.users.create.mutate({
      username: 'admin2',
      displayName: '另一位管理员',
      password: 'second-Admin-42',
      role: 'admin',
      agencyId: null,
    });
    const admin2 = makeClient(w.app);
    await admin2.auth.login.mutate({ username: 'admin2', password: 'second-Admin-42' });
    await admin2.users.setDisabled.mutate({ id: adminId, disabled: true });

    // The first start with the variables: applied, admin enabled, and asked to choose a password.
    const first = await applyAdminReset(w.ts.store, 'Reset#Admin2026');
    expect(first).toEqual({ applied: true, reenabled: true });
    expect(adminResetLine(first)).toContain('admin 登录后须先设置自己的密码');
    expect(adminResetLine(first)).toContain('去掉 NIANBAO_ADMIN_RESET 和 NIANBAO_ADMIN_PASSWORD');
    const admin = makeClient(w.app);
    const login = await admin.auth.login.mutate({ username: 'admin', password: 'Reset#Admin2026' });
    expect(login.mustChangePassword).toBe(true);
    expect((await failure(admin.users.list.query())).appCode).toBe('PASSWORD_CHANGE_REQUIRED');
    await admin.auth.changePassword.mutate({ current: 'Reset#Admin2026', next: 'MyOwn#Admin2026' });

    // The next start, the same environment: nothing done, and said so.
    const second = await applyAdminReset(w.ts.store, 'Reset#Admin2026');
    expect(second.applied).toBe(false);
    const line = adminResetLine(second);
    expect(line).toContain('本次未再重设');
    // when, as every other time the server says (Beijing time), not UTC
    expect(line).toContain(
      `已于 ${chinaTime((second as { appliedAt: string }).appliedAt)}（北京时间）重设过`,
    );
    expect(line).toContain('请从启动配置中去掉 NIANBAO_ADMIN_RESET 和 NIANBAO_ADMIN_PASSWORD');
    expect(line).toContain('新的 NIANBAO_ADMIN_PASSWORD');
    await makeClient(w.app).auth.login.mutate({ username: 'admin', password: 'MyOwn#Admin2026' });
    expect(
      (await failure(makeClient(w.app).auth.login.mutate({ username: 'admin', password: 'Reset#Admin2026' })))
        .appCode,
    ).toBe('INVALID_CREDENTIALS');
    // A disable after the reset survives the restart.
    await admin2.users.setDisabled.mutate({ id: adminId, disabled: true });
    expect((await applyAdminReset(w.ts.store, 'Reset#Admin2026')).applied).toBe(false);
    expect(
      (await failure(makeClient(w.app).auth.login.mutate({ username: 'admin', password: 'MyOwn#Admin2026' })))
        .appCode,
    ).toBe('ACCOUNT_DISABLED');
    expect((await admin2.audit.list.query({ action: 'startup.adminReset' })).items).toHaveLength(1);

    // A new password is a new reset.
    expect(await applyAdminReset(w.ts.store, 'Another#Reset2027')).toEqual({
      applied: true,
      reenabled: true,
    });
    const again = makeClient(w.app);
    expect(
      (await again.auth.login.mutate({ username: 'admin', password: 'Another#Reset2027' }))
        .mustChangePassword,
    ).toBe(true);
    expect((await admin2.audit.list.query({ action: 'startup.adminReset' })).items).toHaveLength(2);
    // Nothing of the password is kept in the clear.
    const row = await w.ts.store.db
      .selectFrom('settings')
      .select('value')
      .where('key', '=', 'admin_reset')
      .executeTakeFirstOrThrow();
    expect(row.value).not.toContain('Another#Reset2027');
    expect(row.value).toMatch(/scrypt\$/);
  });

  it('a weak password is refused before anything is remembered', async () => {
    await expect(applyAdminReset(w.ts.store, 'short')).rejects.toThrow('NIANBAO_ADMIN_PASSWORD 不可用');
  });
});

describe(`the first 管理员 at a first start without the demo (${DB_LABEL})`, () => {
  it('with a generated password (printed to the log) must choose their own at the first login', async () => {
    const ts = await freshStore();
    try {
      const admin = (await createFirstAdmin(ts.store))!;
      expect(admin.generated).toBe(true);
      const line = firstAdminLine(admin);
      expect(line).toContain(admin.password);
      expect(line).toContain('仅本次显示');
      expect(line).toContain('会留在本日志中，直到您修改它');
      const { createApp } = await import('./app.js');
      const c = makeClient(createApp(ts.store, { webDir: '/nonexistent', log: () => {} }));
      expect(
        (await c.auth.login.mutate({ username: 'admin', password: admin.password })).mustChangePassword,
      ).toBe(true);
      expect(
        (await failure(c.agencies.create.mutate({ parentId: null, name: '某某县人民政府' }))).appCode,
      ).toBe('PASSWORD_CHANGE_REQUIRED');
      await c.auth.changePassword.mutate({ current: admin.password, next: 'chosen-by-Admin-1' });
      await c.agencies.create.mutate({ parentId: null, name: '某某县人民政府' });
    } finally {
      await ts.store.close();
      await ts.cleanup();
    }
  });

  it('with NIANBAO_ADMIN_PASSWORD (chosen by the operator) is not asked; a reset given with it is only remembered', async () => {
    const ts = await freshStore();
    try {
      const admin = (await createFirstAdmin(ts.store, { password: 'operator-Pass-5' }))!;
      expect(firstAdminLine(admin)).toBe(
        '首次启动：已创建管理员账号 admin，密码为 NIANBAO_ADMIN_PASSWORD 的值。',
      );
      const first = await applyAdminReset(ts.store, 'operator-Pass-5', { alreadySet: true });
      expect(adminResetLine(first, true)).toContain('无需重设');
      expect((await applyAdminReset(ts.store, 'operator-Pass-5')).applied).toBe(false);
      const { createApp } = await import('./app.js');
      const c = makeClient(createApp(ts.store, { webDir: '/nonexistent', log: () => {} }));
      expect(
        (await c.auth.login.mutate({ username: 'admin', password: 'operator-Pass-5' })).mustChangePassword,
      ).toBe(false);
    } finally {
      await ts.store.close();
      await ts.cleanup();
    }
  });
});

describe(`NIANBAO_ADMIN_RESET lifts the admin's login lock (${DB_LABEL})`, () => {
  it('an admin locked out at their address by their own failed logins logs in with the reset password', async () => {
    const x = await makeWorld({ rateLimit: { maxFailures: 3, maxFailuresPerIp: 100, windowMs: 60_000 } });
    try {
      for (let i = 0; i < 3; i++)
        await failure(makeClient(x.app).auth.login.mutate({ username: 'admin', password: `forgotten-${i}` }));
      expect(
        (
          await failure(
            makeClient(x.app).auth.login.mutate({ username: 'admin', password: 'Reset#Admin2027' }),
          )
        ).appCode,
      ).toBe('LOGIN_RATE_LIMITED');
      expect((await applyAdminReset(x.ts.store, 'Reset#Admin2027')).applied).toBe(true);
      await makeClient(x.app).auth.login.mutate({ username: 'admin', password: 'Reset#Admin2027' });
    } finally {
      await x.cleanup();
    }
  });
});
