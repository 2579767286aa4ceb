import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app.js';
import { resetAdminPassword } from './bootstrap.js';
import { DB_LABEL, failure, makeClient, makeWorld, type World } from './test-support/harness.js';

let w: World;
const lines: string[] = [];
beforeAll(async () => {
  w = await makeWorld({ log: (l) => lines.push(l) });
});
afterAll(async () => w?.cleanup());

/** A second 管理员, logged in beside `admin`. */
async function secondAdmin() {
  await w.as.admin.users.create.mutate({
    username: 'admin2',
    displayName: '王管理',
    password: 'another-Pass-42',
    role: 'admin',
    agencyId: null,
  });
  const c = makeClient(w.app);
  await c.auth.login.mutate({ username: 'admin2', password: 'another-Pass-42' });
  return c;
}

describe(`rule configuration: two admins (${DB_LABEL})`, () => {
  it('a save from a stale version is refused, naming who saved when; without expectedVersion it still saves', async () => {
    const admin2 = await secondAdmin();
    const start = await w.as.admin.config.get.query();
    expect(start).toMatchObject({ version: 0, updatedAt: null, updatedBy: null });
    const rules = await w.as.admin.checks.rules.query();
    expect(rules.configVersion).toBe(0);
    // Both open the page at version 0; admin2 saves first.
    const a = await admin2.config.set.mutate({ rules: { 'T3-H': 'off' }, expectedVersion: 0 });
    expect(a).toMatchObject({ rules: { 'T3-H': 'off' }, version: 1, updatedBy: '王管理' });
    const e = await failure(w.as.admin.config.set.mutate({ rules: { N4: 'off' }, expectedVersion: 0 }));
    expect(e).toMatchObject({
      code: 'CONFLICT',
      appCode: 'CONFIG_CONFLICT',
      details: { currentVersion: 1, expectedVersion: 0, updatedBy: '王管理' },
    });
    expect(e.zhMessage).toMatch(
      /^规则配置已被王管理于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 修改（现为第 1 版，您修改的是第 0 版），您的修改未保存/,
    );
    // Nothing of the refused save was kept.
    expect((await w.as.admin.config.get.query()).rules).toEqual({ 'T3-H': 'off' });
    const b = await w.as.admin.config.set.mutate({ rules: { 'T3-H': 'off', N4: 'off' }, expectedVersion: 1 });
    expect(b.version).toBe(2);
    // An older client that sends no version saves as before.
    expect((await admin2.config.set.mutate({ rules: {} })).version).toBe(3);
    expect(await w.as.fillerA1.config.get.query()).toMatchObject({
      rules: {},
      version: 3,
      updatedBy: '王管理',
    });
  });
});

describe(`administrative actions are logged (${DB_LABEL})`, () => {
  it('users created, disabled, enabled, reset; rules saved; agencies created: a log line and an audit row each', async () => {
    lines.length = 0;
    const u = await w.as.admin.users.create.mutate({
      username: 'zhangsan',
      displayName: '张三',
      password: 'Zhang-San-2026',
      role: 'filler',
      agencyId: w.ids.agencyA1,
    });
    await w.as.admin.users.setDisabled.mutate({ id: u.id, disabled: true });
    await w.as.admin.users.setDisabled.mutate({ id: u.id, disabled: false });
    await w.as.admin.users.resetPassword.mutate({ id: u.id, password: 'Zhang-San-2027' });
    await w.as.reviewerA.agencies.create.mutate({ parentId: w.ids.countyA, name: '甲县民政局' });
    const logged = lines.filter((l) => l.startsWith('[admin] ')).map((l) => JSON.parse(l.slice(8)));
    expect(logged.map((l) => [l.actor, l.action, l.target])).toEqual([
      ['admin', 'users.create', 'zhangsan'],
      ['admin', 'users.disable', 'zhangsan'],
      ['admin', 'users.enable', 'zhangsan'],
      ['admin', 'users.resetPassword', 'zhangsan'],
      ['reviewerA', 'agencies.create', '甲县民政局'],
    ]);
    expect(logged[0]).toMatchObject({
      targetId: u.id,
      details: { role: 'filler', agencyId: w.ids.agencyA1 },
    });
    expect(Date.parse(logged[0].at)).not.toBeNaN();
    // No password in any line.
    expect(lines.join('\n')).not.toMatch(/Zhang-San/);
    const list = await w.as.admin.audit.list.query({ limit: 3 });
    expect(list.items.map((i) => i.action)).toEqual([
      'agencies.create',
      'users.resetPassword',
      'users.enable',
    ]);
    const more = await w.as.admin.audit.list.query({ limit: 100, before: list.nextBefore! });
    expect(more.items.map((i) => i.action)).toContain('config.set');
    expect(more.items.find((i) => i.action === 'users.disable')).toMatchObject({
      actor: 'admin',
      target: 'zhangsan',
      targetId: u.id,
    });
    expect((await w.as.admin.audit.list.query({ action: 'config.set' })).items).toHaveLength(3);
    // A 管理员 revoking someone else's API token; a user revoking their own is no admin action.
    const own = await w.as.fillerB1.auth.tokens.create.mutate({ name: '同步' });
    await w.as.fillerB1.auth.tokens.revoke.mutate({ id: own.id });
    const theirs = await w.as.fillerB1.auth.tokens.create.mutate({ name: '数据同步' });
    await w.as.admin.auth.tokens.revoke.mutate({ id: theirs.id });
    const revoked = (await w.as.admin.audit.list.query({ action: 'tokens.revoke' })).items;
    expect(revoked).toHaveLength(1);
    expect(revoked[0]).toMatchObject({
      actor: 'admin',
      target: 'fillerB1',
      targetId: theirs.id,
      details: { tokenName: '数据同步' },
    });
    expect(JSON.stringify(revoked)).not.toContain(theirs.token);
    // Only for 管理员.
    expect((await failure(w.as.reviewerA.audit.list.query())).appCode).toBe('ADMIN_ONLY');
  });

  it('the original admin disabled by another is logged; NIANBAO_ADMIN_RESET re-enables it, logged and said', async () => {
    const admin2 = makeClient(w.app);
    await admin2.auth.login.mutate({ username: 'admin2', password: 'another-Pass-42' });
    const adminId = (await w.as.admin.auth.me.query())!.id;
    await admin2.users.setDisabled.mutate({ id: adminId, disabled: true });
    expect((await admin2.audit.list.query({ limit: 1 })).items[0]).toMatchObject({
      actor: 'admin2',
      action: 'users.disable',
      target: 'admin',
      details: { role: 'admin' },
    });
    expect(await resetAdminPassword(w.ts.store, 'brand-New-pass-9')).toEqual({ reenabled: true });
    expect((await admin2.audit.list.query({ limit: 1 })).items[0]).toMatchObject({
      actor: '（服务器启动设置）',
      action: 'startup.adminReset',
      target: 'admin',
      details: { reenabled: true },
    });
    const again = makeClient(createApp(w.ts.store, { webDir: '/nonexistent', log: () => {} }));
    await again.auth.login.mutate({ username: 'admin', password: 'brand-New-pass-9' });
    expect((await again.auth.me.query())?.role).toBe('admin');
    expect(await resetAdminPassword(w.ts.store, 'brand-New-pass-8')).toEqual({ reenabled: false });
  });
});
