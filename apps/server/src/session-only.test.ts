import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_LABEL, failure, makeClient, makeWorld, type World } from './test-support/harness.js';

let w: World;
beforeAll(async () => {
  w = await makeWorld();
});
afterAll(async () => w?.cleanup());

const sessionRequired = { code: 'FORBIDDEN', appCode: 'SESSION_REQUIRED' };

describe(`credentials are managed from a login session only (${DB_LABEL})`, () => {
  it("an admin's API token cannot create users or reset passwords", async () => {
    const { token } = await w.as.admin.auth.tokens.create.mutate({ name: '对接' });
    const api = makeClient(w.app, { token });
    expect(await api.auth.me.query()).toMatchObject({ role: 'admin', via: 'token' });
    const created = await failure(
      api.users.create.mutate({
        username: 'backdoor',
        displayName: '后门',
        password: 'backdoor-pass-1',
        role: 'admin',
        agencyId: null,
      }),
    );
    expect(created).toMatchObject(sessionRequired);
    expect(created.zhMessage).toMatch(/API 令牌不能.*请用账号和密码登录/);
    expect((await w.as.admin.users.list.query()).map((u) => u.username)).not.toContain('backdoor');
    const users = await w.as.admin.users.list.query();
    const filler = users.find((u) => u.username === 'fillerA2')!;
    expect(
      await failure(api.users.resetPassword.mutate({ id: filler.id, password: 'taken-over-1' })),
    ).toMatchObject(sessionRequired);
    // The password still works; other admin work through the token still does.
    await makeClient(w.app).auth.login.mutate({ username: 'fillerA2', password: w.password });
    expect((await api.reports.list.query({})).total).toBeGreaterThanOrEqual(0);
    // From the login session, as before.
    await w.as.admin.users.create.mutate({
      username: 'newcomer',
      displayName: '新人',
      password: 'newcomer-pass-1',
      role: 'filler',
      agencyId: w.ids.agencyA1,
    });
  });

  it("a filler's API token cannot change the password nor end the cookie sessions", async () => {
    const { token } = await w.as.fillerA1.auth.tokens.create.mutate({ name: '对接' });
    const api = makeClient(w.app, { token });
    expect(
      await failure(api.auth.changePassword.mutate({ current: w.password, next: 'taken-over-1' })),
    ).toMatchObject(sessionRequired);
    // The cookie session goes on; the password is unchanged.
    expect(await w.as.fillerA1.auth.me.query()).toMatchObject({ username: 'fillerA1', via: 'session' });
    await makeClient(w.app).auth.login.mutate({ username: 'fillerA1', password: w.password });
  });
});
