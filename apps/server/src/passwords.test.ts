import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { weakPasswordProblem } from './passwords.js';
import { DB_LABEL, failure, makeClient, makeWorld, type World } from './test-support/harness.js';

let w: World;
beforeAll(async () => {
  w = await makeWorld();
});
afterAll(async () => w?.cleanup());

describe('weak passwords', () => {
  it('refuses the commonest and blank ones, accepts ordinary passphrases', () => {
    for (const p of [
      '12345678',
      '87654321',
      '123456789',
      '88888888',
      '00000000',
      'qwertyui',
      'QWERTYUIOP',
      'asdfghjk',
      'zxcvbnm,',
      'password',
      'Password',
      '1qaz2wsx',
      'abcdefgh',
      '12121212',
      'abcabcab',
      '        ',
      '\t\t\t\t \u3000  ',
      'short',
    ])
      expect(weakPasswordProblem(p), p).not.toBeNull();
    for (const p of ['correct-horse-9', '政务公开2025年报', 'jiaoyu-2025!', 'Adm1n-Secret-Pw', 'a1b2c3d4e5'])
      expect(weakPasswordProblem(p), p).toBeNull();
  });
});

describe(`new passwords over the API (${DB_LABEL})`, () => {
  const create = (username: string, password: string) =>
    w.as.admin.users.create.mutate({
      username,
      displayName: username,
      password,
      role: 'filler',
      agencyId: w.ids.agencyA1,
    });

  it('users.create refuses weak, blank and username passwords, said whole, without a field prefix', async () => {
    const weak = await failure(create('lisi', '12345678'));
    expect(weak).toMatchObject({ code: 'BAD_REQUEST', appCode: 'INVALID_INPUT' });
    expect(weak.zhMessage).toBe(
      '请求参数有误：密码过于常见（如 12345678、qwertyui、password），很容易被猜中，请换一个',
    );
    expect(weak.details).toMatchObject({ issues: [{ path: 'password' }] });
    expect((await failure(create('lisi', 'qwertyui'))).zhMessage).toMatch(/密码过于常见/);
    expect((await failure(create('lisi', '        '))).zhMessage).toBe('请求参数有误：密码不能全是空格');
    expect((await failure(create('lisi', 'short'))).zhMessage).toBe('请求参数有误：密码至少 8 位');
    const same = await failure(create('lisi-2026', 'LISI-2026'));
    expect(same).toMatchObject({ appCode: 'PASSWORD_IS_USERNAME', zhMessage: '密码不能与用户名相同' });
    // Nobody was created; and eight spaces do not log in.
    expect((await w.as.admin.users.list.query()).some((u) => u.username.startsWith('lisi'))).toBe(false);
    expect(
      (await failure(w.anon.auth.login.mutate({ username: 'lisi', password: '        ' }))).appCode,
    ).toBe('INVALID_CREDENTIALS');
    await create('lisi', 'lisi-good-pass-1');
  });

  it('users.resetPassword refuses the same; changePassword also the current password', async () => {
    const u = (await w.as.admin.users.list.query()).find((x) => x.username === 'fillerA2')!;
    expect(
      (await failure(w.as.admin.users.resetPassword.mutate({ id: u.id, password: '88888888' }))).appCode,
    ).toBe('INVALID_INPUT');
    expect(
      (await failure(w.as.admin.users.resetPassword.mutate({ id: u.id, password: 'FillerA2' }))).appCode,
    ).toBe('PASSWORD_IS_USERNAME');
    const c = makeClient(w.app);
    await c.auth.login.mutate({ username: 'fillerA2', password: w.password });
    const unchanged = await failure(c.auth.changePassword.mutate({ current: w.password, next: w.password }));
    expect(unchanged).toMatchObject({ appCode: 'PASSWORD_UNCHANGED', zhMessage: '新密码不能与当前密码相同' });
    expect(
      (await failure(c.auth.changePassword.mutate({ current: w.password, next: 'fillerA2' }))).appCode,
    ).toBe('PASSWORD_IS_USERNAME');
    expect(
      (await failure(c.auth.changePassword.mutate({ current: w.password, next: 'asdfghjk' }))).zhMessage,
    ).toMatch(/^请求参数有误：密码过于常见/);
    await c.auth.changePassword.mutate({ current: w.password, next: 'fillerA2-new-pass' });
  });

  it('USERNAME_TAKEN says the name once; the other spelling only when it differs', async () => {
    expect((await failure(create('fillerA1', 'some-good-pass-1'))).zhMessage).toBe(
      '用户名“fillerA1”已被使用',
    );
    expect((await failure(create('FILLERA1', 'some-good-pass-1'))).zhMessage).toBe(
      '用户名“FILLERA1”已被使用：已有用户“fillerA1”（用户名不区分大小写）',
    );
  });

  it('input errors name the field in Chinese, not its path', async () => {
    const long = await failure(
      w.as.admin.agencies.create.mutate({ parentId: w.ids.countyA, name: '某'.repeat(101) }),
    );
    expect(long.zhMessage).toBe('请求参数有误：机关名称过长');
    expect(long.details).toMatchObject({ issues: [{ path: 'name', message: '机关名称过长' }] });
    const year = await failure(w.as.admin.reports.list.query({ year: 2018 }));
    expect(year.zhMessage).toBe('请求参数有误：统一格式自 2019 年度起施行');
    const limit = await failure(w.as.admin.reports.list.query({ limit: 0 }));
    expect(limit.zhMessage).toMatch(/^请求参数有误：条数：/);
    expect(limit.details).toMatchObject({ issues: [{ path: 'limit' }] });
  });
});
