import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_LABEL, failure, makeClient, makeWorld, type World } from './test-support/harness.js';

let w: World;
beforeAll(async () => {
  w = await makeWorld({ rateLimit: { maxFailures: 3, maxFailuresPerIp: 100, windowMs: 60_000 } });
});
afterAll(async () => w?.cleanup());

describe(`auth (${DB_LABEL})`, () => {
  it('login sets an httpOnly session cookie and me returns the user', async () => {
    const res = await w.app.request('/trpc/auth.login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'fillerA1', password: w.password }),
    });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^nianbao_session=s_[\w-]+;/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const me = await w.as.fillerA1.auth.me.query();
    expect(me).toMatchObject({ username: 'fillerA1', role: 'filler', roleLabel: '填报人', via: 'session' });
    expect(me!.agency!.id).toBe(w.ids.agencyA1);
  });

  it('the password is stored as an scrypt hash', async () => {
    const row = await w.ts.store.db
      .selectFrom('users')
      .select('password_hash')
      .where('username', '=', 'admin')
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(row.password_hash).not.toContain(w.password);
  });

  it('wrong password: UNAUTHORIZED with a Chinese message; anonymous me is null', async () => {
    const c = makeClient(w.app);
    const f = await failure(c.auth.login.mutate({ username: 'fillerA2', password: 'wrong' }));
    expect(f).toMatchObject({
      code: 'UNAUTHORIZED',
      appCode: 'INVALID_CREDENTIALS',
      zhMessage: '用户名或密码错误',
      httpStatus: 401,
    });
    expect(await c.auth.me.query()).toBeNull();
    const g = await failure(c.reports.list.query());
    expect(g).toMatchObject({ code: 'UNAUTHORIZED', zhMessage: '请先登录' });
  });

  it('logins, failures and refusals are logged with user name and address, never the password', async () => {
    const lines: string[] = [];
    const x = await makeWorld({ log: (l) => lines.push(l) });
    try {
      const c = makeClient(x.app);
      await failure(c.auth.login.mutate({ username: 'fillerA2', password: 'wrong-secret-1' }));
      await c.auth.login.mutate({ username: 'fillerA2', password: x.password });
    } finally {
      await x.cleanup();
    }
    expect(lines.some((l) => /^\[auth\] \S+ 登录失败：用户名 fillerA2，地址 /.test(l))).toBe(true);
    expect(lines.some((l) => /^\[auth\] \S+ 登录：fillerA2，地址 /.test(l))).toBe(true);
    expect(lines.join('\n')).not.toContain('wrong-secret-1');
    expect(lines.join('\n')).not.toContain(x.password);
  });

  it('a user name that is no account’s (often the password, typed in the wrong box) is logged by its length only', async () => {
    const lines: string[] = [];
    const x = await makeWorld({ log: (l) => lines.push(l) });
    try {
      const c = makeClient(x.app);
      // the password typed into the user name box, and again until the name is locked out
      for (let i = 0; i < 6; i++)
        await failure(c.auth.login.mutate({ username: 'Secret#Pw2025', password: 'x' }));
    } finally {
      await x.cleanup();
    }
    const log = lines.join('\n');
    expect(log).not.toContain('Secret#Pw2025');
    expect(log).toMatch(/登录失败：用户名 （不是任何账号的用户名，13 个字符，不记原文），地址 /);
    expect(log).toMatch(/登录被拒（[^）]*）：.*（不是任何账号的用户名，13 个字符，不记原文）/);
  });

  it('rate-limits failed logins per user name', async () => {
    const c = makeClient(w.app);
    for (let i = 0; i < 3; i++)
      await failure(c.auth.login.mutate({ username: 'reviewerB', password: `bad${i}` }));
    const f = await failure(c.auth.login.mutate({ username: 'reviewerB', password: w.password }));
    expect(f).toMatchObject({ code: 'TOO_MANY_REQUESTS', appCode: 'LOGIN_RATE_LIMITED', httpStatus: 429 });
    expect(f.zhMessage).toMatch(/登录失败次数过多/);
    expect(Number(f.details.retryAfterSeconds)).toBeGreaterThan(0);
  });

  it('logout ends the session', async () => {
    const c = makeClient(w.app);
    await c.auth.login.mutate({ username: 'fillerB1', password: w.password });
    expect(await c.auth.me.query()).not.toBeNull();
    const stolen = [...c.cookies][0]!;
    await c.auth.logout.mutate();
    expect(await c.auth.me.query()).toBeNull();
    // The old cookie value no longer works either.
    const replay = makeClient(w.app);
    replay.cookies.set(stolen[0], stolen[1]);
    expect(await replay.auth.me.query()).toBeNull();
  });

  it('API tokens: shown once, stored hashed, act with the owner, revocable', async () => {
    const created = await w.as.fillerA1.auth.tokens.create.mutate({ name: '对接系统' });
    expect(created.token).toMatch(/^nbt_/);
    const stored = await w.ts.store.db
      .selectFrom('api_tokens')
      .selectAll()
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toBe(created.token);
    expect(JSON.stringify(stored)).not.toContain(created.token);
    const list = await w.as.fillerA1.auth.tokens.list.query();
    expect(list.find((t) => t.id === created.id)).toMatchObject({ name: '对接系统', revokedAt: null });
    expect(JSON.stringify(list)).not.toContain(created.token);

    const api = makeClient(w.app, { token: created.token });
    expect(await api.auth.me.query()).toMatchObject({ username: 'fillerA1', via: 'token' });
    // A token cannot mint tokens: revoking a leaked one contains it.
    expect(await failure(api.auth.tokens.create.mutate({ name: '再造一个' }))).toMatchObject({
      code: 'FORBIDDEN',
      appCode: 'SESSION_REQUIRED',
    });
    // Someone else cannot revoke it.
    expect((await failure(w.as.fillerA2.auth.tokens.revoke.mutate({ id: created.id }))).code).toBe(
      'NOT_FOUND',
    );
    await w.as.fillerA1.auth.tokens.revoke.mutate({ id: created.id });
    expect(await api.auth.me.query()).toBeNull();
    expect((await failure(api.reports.list.query())).code).toBe('UNAUTHORIZED');
  });

  it('a garbage token or cookie is simply not logged in', async () => {
    expect(await makeClient(w.app, { token: 'nbt_nope' }).auth.me.query()).toBeNull();
    const c = makeClient(w.app);
    c.cookies.set('nianbao_session', 'x'.repeat(5000));
    expect(await c.auth.me.query()).toBeNull();
  });

  it('changePassword checks the current password and ends other sessions', async () => {
    const a = makeClient(w.app);
    const b = makeClient(w.app);
    await a.auth.login.mutate({ username: 'fillerA2', password: w.password });
    await b.auth.login.mutate({ username: 'fillerA2', password: w.password });
    expect(
      (await failure(a.auth.changePassword.mutate({ current: 'nope', next: 'another-pass-1' }))).appCode,
    ).toBe('WRONG_PASSWORD');
    expect(
      (await failure(a.auth.changePassword.mutate({ current: w.password, next: 'short' }))).appCode,
    ).toBe('INVALID_INPUT');
    await a.auth.changePassword.mutate({ current: w.password, next: 'another-pass-1' });
    expect(await a.auth.me.query()).not.toBeNull();
    expect(await b.auth.me.query()).toBeNull();
    await a.auth.changePassword.mutate({ current: 'another-pass-1', next: w.password });
  });

  it('users: 管理员 creates; others cannot', async () => {
    const { id } = await w.as.admin.users.create.mutate({
      username: 'newfiller',
      displayName: '新填报人',
      password: 'a-good-password',
      role: 'filler',
      agencyId: w.ids.agencyA2,
    });
    expect(id).toBeTruthy();
    expect(
      (
        await failure(
          w.as.admin.users.create.mutate({
            username: 'newfiller',
            displayName: 'x',
            password: 'a-good-password',
            role: 'filler',
            agencyId: w.ids.agencyA2,
          }),
        )
      ).appCode,
    ).toBe('USERNAME_TAKEN');
    expect(
      (
        await failure(
          w.as.reviewerA.users.create.mutate({
            username: 'x2',
            displayName: 'x',
            password: 'a-good-password',
            role: 'filler',
            agencyId: w.ids.agencyA2,
          }),
        )
      ).code,
    ).toBe('FORBIDDEN');
    const seen = await w.as.reviewerA.users.list.query();
    expect(seen.map((u) => u.username).sort()).toEqual(['fillerA1', 'fillerA2', 'newfiller', 'reviewerA']);
    expect((await w.as.fillerB1.users.list.query()).map((u) => u.username)).toEqual(['fillerB1']);
  });

  it('users.update: a user moved to another agency, or made a reviewer, acts so at once; no agency for a 管理员', async () => {
    const { id } = await w.as.admin.users.create.mutate({
      username: 'mover',
      displayName: '调动者',
      password: 'a-good-password',
      role: 'filler',
      agencyId: w.ids.agencyA1,
    });
    const mover = makeClient(w.app);
    await mover.auth.login.mutate({ username: 'mover', password: 'a-good-password' });
    const theirs = await mover.reports.create.mutate({ agencyId: w.ids.agencyA1, year: 2021 });
    // Moved to 乙县's agency: the old agency's report is out of reach on the next request.
    expect(
      await w.as.admin.users.update.mutate({ id, agencyId: w.ids.agencyB1, displayName: '调动者（乙县）' }),
    ).toMatchObject({
      role: 'filler',
      agencyId: w.ids.agencyB1,
      displayName: '调动者（乙县）',
    });
    expect((await failure(mover.reports.get.query({ id: theirs.id }))).code).toBe('NOT_FOUND');
    expect((await mover.auth.me.query())?.agency?.id).toBe(w.ids.agencyB1);
    // Made the 审核人 of 甲县: sees its reports again, read-only.
    await w.as.admin.users.update.mutate({ id, role: 'reviewer', agencyId: w.ids.countyA });
    expect((await mover.reports.get.query({ id: theirs.id })).permissions.save).toBe(false);
    // Refusals: a 填报人 without agency, an agency for a 管理员, one's own role, an unknown user.
    expect(
      (await failure(w.as.admin.users.update.mutate({ id, role: 'filler', agencyId: null }))).appCode,
    ).toBe('AGENCY_REQUIRED');
    expect(
      (await failure(w.as.admin.users.update.mutate({ id, role: 'admin', agencyId: w.ids.countyA }))).appCode,
    ).toBe('AGENCY_NOT_FOR_ADMIN');
    expect(
      (
        await failure(
          w.as.admin.users.create.mutate({
            username: 'adminwithagency',
            displayName: 'x',
            password: 'a-good-password',
            role: 'admin',
            agencyId: w.ids.countyA,
          }),
        )
      ).appCode,
    ).toBe('AGENCY_NOT_FOR_ADMIN');
    const me = (await w.as.admin.auth.me.query())!;
    expect(
      (
        await failure(
          w.as.admin.users.update.mutate({ id: me.id, role: 'reviewer', agencyId: w.ids.countyA }),
        )
      ).appCode,
    ).toBe('CANNOT_CHANGE_OWN_ROLE');
    expect((await failure(w.as.admin.users.update.mutate({ id: 'nope', displayName: 'x' }))).code).toBe(
      'NOT_FOUND',
    );
    expect((await failure(w.as.reviewerA.users.update.mutate({ id, displayName: 'x' }))).code).toBe(
      'FORBIDDEN',
    );
  });

  it('users.setDisabled: no login, no session, no token while disabled; everything back when enabled', async () => {
    const { id } = await w.as.admin.users.create.mutate({
      username: 'leaver',
      displayName: '调离的填报人',
      password: 'leaver-password-1',
      role: 'filler',
      agencyId: w.ids.agencyA1,
    });
    const session = makeClient(w.app);
    await session.auth.login.mutate({ username: 'leaver', password: 'leaver-password-1' });
    const { token } = await session.auth.tokens.create.mutate({ name: 'leaver-script' });
    const byToken = makeClient(w.app, { token });
    expect((await byToken.auth.me.query())?.username).toBe('leaver');
    expect((await failure(w.as.reviewerA.users.setDisabled.mutate({ id, disabled: true }))).code).toBe(
      'FORBIDDEN',
    );
    const me = (await w.as.admin.auth.me.query())!;
    const self = await failure(w.as.admin.users.setDisabled.mutate({ id: me.id, disabled: true }));
    expect(self.appCode).toBe('CANNOT_DISABLE_SELF');
    expect(self.zhMessage).toBe('不能停用自己的账号：请让另一位管理员操作（没有其他管理员时，请先新建一位）');

    await w.as.admin.users.setDisabled.mutate({ id, disabled: true });
    expect(await session.auth.me.query()).toBeNull();
    expect(await byToken.auth.me.query()).toBeNull();
    // The token's holder is told why it no longer works (a token is a secret: only its holder can
    // learn this); an unknown token is simply not signed in, as before.
    const viaToken = await failure(byToken.reports.list.query({}));
    expect(viaToken).toMatchObject({ code: 'FORBIDDEN', appCode: 'ACCOUNT_DISABLED', httpStatus: 403 });
    expect(viaToken.zhMessage).toBe('该账号已停用，请联系管理员');
    expect(await failure(makeClient(w.app, { token: 'nbt_nope' }).reports.list.query({}))).toMatchObject({
      code: 'UNAUTHORIZED',
      appCode: 'UNAUTHENTICATED',
      zhMessage: 'API 令牌无效或已撤销，请在“账号”页创建新的令牌',
    });
    // The sessions ended when the account was disabled: not signed in.
    expect((await failure(session.reports.list.query({}))).appCode).toBe('UNAUTHENTICATED');
    // The right password gets the reason; a wrong one learns nothing.
    const login = makeClient(w.app);
    const refused = await failure(
      login.auth.login.mutate({ username: 'leaver', password: 'leaver-password-1' }),
    );
    expect(refused).toMatchObject({ code: 'FORBIDDEN', appCode: 'ACCOUNT_DISABLED' });
    expect(refused.zhMessage).toContain('已停用');
    expect(
      (await failure(login.auth.login.mutate({ username: 'leaver', password: 'wrong-password-9' }))).appCode,
    ).toBe('INVALID_CREDENTIALS');
    expect((await w.as.admin.users.list.query()).find((u) => u.id === id)?.disabledAt).toBeTruthy();

    // Enabled again: the account logs in, but its old API tokens do not come back with it.
    expect(await w.as.admin.users.setDisabled.mutate({ id, disabled: false })).toEqual({
      ok: true,
      tokensRevoked: 1,
    });
    await login.auth.login.mutate({ username: 'leaver', password: 'leaver-password-1' });
    expect((await login.auth.me.query())?.username).toBe('leaver');
    expect(await byToken.auth.me.query()).toBeNull();

    // A session still open on an account disabled (by another instance, or in the database) is told too.
    await w.ts.store.db
      .updateTable('users')
      .set({ disabled_at: new Date().toISOString() })
      .where('id', '=', id)
      .execute();
    expect(await failure(login.reports.list.query({}))).toMatchObject({ appCode: 'ACCOUNT_DISABLED' });
    // A revoked token of a disabled account is just a revoked token.
    await w.ts.store.db
      .updateTable('api_tokens')
      .set({ revoked_at: new Date().toISOString() })
      .where('prefix', '=', token.slice(0, 10))
      .execute();
    expect((await failure(byToken.reports.list.query({}))).appCode).toBe('UNAUTHENTICATED');
    await w.ts.store.db.updateTable('users').set({ disabled_at: null }).where('id', '=', id).execute();
  });

  it('users.resetPassword: 管理员 only; the old password and every session of that user end', async () => {
    const { id } = await w.as.admin.users.create.mutate({
      username: 'forgetful',
      displayName: '忘记密码的填报人',
      password: 'first-password-1',
      role: 'filler',
      agencyId: w.ids.agencyA1,
    });
    const session = makeClient(w.app);
    await session.auth.login.mutate({ username: 'forgetful', password: 'first-password-1' });
    expect(
      (await failure(w.as.reviewerA.users.resetPassword.mutate({ id, password: 'not-allowed-1' }))).code,
    ).toBe('FORBIDDEN');
    expect(
      (await failure(w.as.admin.users.resetPassword.mutate({ id: 'no-such-user', password: 'whatever-1' })))
        .code,
    ).toBe('NOT_FOUND');
    expect((await failure(w.as.admin.users.resetPassword.mutate({ id, password: 'short' }))).appCode).toBe(
      'INVALID_INPUT',
    );
    await w.as.admin.users.resetPassword.mutate({ id, password: 'second-password-2' });
    expect(await session.auth.me.query()).toBeNull();
    const again = makeClient(w.app);
    expect(
      (await failure(again.auth.login.mutate({ username: 'forgetful', password: 'first-password-1' }))).code,
    ).toBe('UNAUTHORIZED');
    await again.auth.login.mutate({ username: 'forgetful', password: 'second-password-2' });
    expect((await again.auth.me.query())?.username).toBe('forgetful');
  });

  it('a user locked out by failed logins logs in again once 管理员 resets the password', async () => {
    const { id } = await w.as.admin.users.create.mutate({
      username: 'lockedout',
      displayName: '被锁定的填报人',
      password: 'first-password-1',
      role: 'filler',
      agencyId: w.ids.agencyA1,
    });
    const c = makeClient(w.app);
    for (let i = 0; i < 3; i++)
      await failure(c.auth.login.mutate({ username: 'LockedOut', password: `guess${i}` }));
    expect(
      (await failure(c.auth.login.mutate({ username: 'lockedout', password: 'first-password-1' }))).appCode,
    ).toBe('LOGIN_RATE_LIMITED');
    await w.as.admin.users.resetPassword.mutate({ id, password: 'second-password-2' });
    await c.auth.login.mutate({ username: 'lockedout', password: 'second-password-2' });
    expect((await c.auth.me.query())?.username).toBe('lockedout');
  });

  it('a user name differing only in case is taken (Admin is admin, and shares its login limit)', async () => {
    const f = await failure(
      w.as.admin.users.create.mutate({
        username: 'ADMIN',
        displayName: 'x',
        password: 'a-good-password',
        role: 'admin',
        agencyId: null,
      }),
    );
    expect(f.appCode).toBe('USERNAME_TAKEN');
    expect(f.zhMessage).toContain('“admin”');
  });

  it('so a login takes the name in any case (「WangWu」 for wangwu); two old accounts of one name in two cases: only the exact name', async () => {
    await w.as.admin.users.create.mutate({
      username: 'wangwu',
      displayName: '王五',
      password: 'wangwu-password-1',
      role: 'filler',
      agencyId: w.ids.agencyA1,
    });
    const c = makeClient(w.app);
    const u = await c.auth.login.mutate({ username: 'WangWu', password: 'wangwu-password-1' });
    expect(u.user.username).toBe('wangwu');
    expect((await c.auth.me.query())?.username).toBe('wangwu');
    // a wrong password in another case is the same refusal as any
    expect(
      (await failure(makeClient(w.app).auth.login.mutate({ username: 'WANGWU', password: 'nope' }))).appCode,
    ).toBe('INVALID_CREDENTIALS');
    // made before names were one in any case: 「Zhao」 and 「zhao」 — 「ZHAO」 names neither
    const row = await w.ts.store.db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', 'wangwu')
      .executeTakeFirstOrThrow();
    for (const [username, id] of [
      ['Zhao', 'legacy-zhao-1'],
      ['zhao', 'legacy-zhao-2'],
    ] as const)
      await w.ts.store.db
        .insertInto('users')
        .values({ ...row, id, username })
        .execute();
    expect(
      (
        await failure(
          makeClient(w.app).auth.login.mutate({ username: 'ZHAO', password: 'wangwu-password-1' }),
        )
      ).appCode,
    ).toBe('INVALID_CREDENTIALS');
    const exact = await makeClient(w.app).auth.login.mutate({
      username: 'Zhao',
      password: 'wangwu-password-1',
    });
    expect(exact.user.id).toBe('legacy-zhao-1');
  });
});

describe(`behind a reverse proxy (${DB_LABEL})`, () => {
  it('the client address is the one the proxy added (last in X-Forwarded-For), not one the client sent', async () => {
    const x = await makeWorld({
      trustProxy: true,
      rateLimit: { maxFailures: 100, maxFailuresPerIp: 3, windowMs: 60_000 },
    });
    try {
      // Each attempt claims another address in front; the proxy appends the real one, 203.0.113.9.
      for (let i = 0; i < 3; i++) {
        const c = makeClient(x.app, { headers: { 'x-forwarded-for': `10.0.0.${i}, 203.0.113.9` } });
        await failure(c.auth.login.mutate({ username: `nobody${i}`, password: 'x' }));
      }
      const next = makeClient(x.app, { headers: { 'x-forwarded-for': '10.0.0.99, 203.0.113.9' } });
      expect(
        (await failure(next.auth.login.mutate({ username: 'admin', password: x.password }))).appCode,
      ).toBe('LOGIN_RATE_LIMITED');
      // Another client behind the same proxy is not blocked.
      const other = makeClient(x.app, { headers: { 'x-forwarded-for': '203.0.113.10' } });
      await other.auth.login.mutate({ username: 'admin', password: x.password });
    } finally {
      await x.cleanup();
    }
  });
});

describe(`auth rate limit by address (${DB_LABEL})`, () => {
  it('many failures from one address block it, whatever the user name', async () => {
    const x = await makeWorld({ rateLimit: { maxFailures: 100, maxFailuresPerIp: 4, windowMs: 60_000 } });
    try {
      const c = makeClient(x.app);
      for (let i = 0; i < 4; i++)
        await failure(c.auth.login.mutate({ username: `nobody${i}`, password: 'x' }));
      expect((await failure(c.auth.login.mutate({ username: 'admin', password: x.password }))).appCode).toBe(
        'LOGIN_RATE_LIMITED',
      );
    } finally {
      await x.cleanup();
    }
  });
});

describe(`user names (${DB_LABEL})`, () => {
  it('a new user name with a space inside is refused, saying how to write it; logins take any name', async () => {
    for (const username of ['张 三', 'zhang san', '张\u3000三', 'li\tsi']) {
      const f = await failure(
        w.as.admin.users.create.mutate({
          username,
          displayName: '张三',
          password: 'a-good-password-1',
          role: 'filler',
          agencyId: w.ids.agencyA1,
        }),
      );
      expect(f).toMatchObject({ code: 'BAD_REQUEST', appCode: 'INVALID_INPUT' });
      expect(f.zhMessage).toContain(`用户名“${username}”中间有空格：用户名不能包含空格，请去掉空格`);
      expect(f.details.issues).toMatchObject([{ path: 'username' }]);
    }
    expect(
      (
        await failure(
          w.as.admin.users.create.mutate({
            username: '张 三',
            displayName: 'x',
            password: 'a-good-password-1',
            role: 'filler',
            agencyId: w.ids.agencyA1,
          }),
        )
      ).zhMessage,
    ).toContain('（如“张三”）');
    // Spaces around it are trimmed, as before.
    await w.as.admin.users.create.mutate({
      username: ' zhangsan ',
      displayName: '张三',
      password: 'a-good-password-1',
      role: 'filler',
      agencyId: w.ids.agencyA1,
    });
    await makeClient(w.app).auth.login.mutate({ username: 'zhangsan', password: 'a-good-password-1' });
  });
});
