// Over real HTTP: a password change ends the user's other sessions (a stolen cookie does not
// survive it) and keeps the one that changed it; an admin's reset or disable ends them all. API
// tokens are separate credentials (listed and revoked on 账号): a password change keeps them.
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTTP_SERVER_OPTIONS } from './app.js';
import { DB_LABEL, failure, makeClient, makeWorld, type World } from './test-support/harness.js';

type Server = ReturnType<typeof serve>;
let w: World;
let server: Server;
let url: string;
beforeAll(async () => {
  w = await makeWorld();
  // In this reviewer's port range (9100–9199); the next one if taken.
  for (let port = 9150; ; port++) {
    try {
      ({ server, url } = await new Promise<{ server: Server; url: string }>((resolve, reject) => {
        const s = serve(
          { fetch: w.app.fetch, port, hostname: '127.0.0.1', serverOptions: HTTP_SERVER_OPTIONS },
          (info: AddressInfo) => resolve({ server: s, url: `http://127.0.0.1:${info.port}` }),
        );
        s.once('error', reject);
      }));
      break;
    } catch (e) {
      if (port >= 9199) throw e;
    }
  }
});
afterAll(async () => {
  if (server) await new Promise<void>((r) => server.close(() => r()));
  await w?.cleanup();
});

const signedIn = async (username: string, password: string) => {
  const c = makeClient(url);
  await c.auth.login.mutate({ username, password });
  return c;
};

describe(`sessions end with a password change, a reset or a disable — over HTTP (${DB_LABEL})`, () => {
  it('changePassword: the other sessions end, this one stays; the user’s API token goes on working', async () => {
    const mine = await signedIn('fillerA1', w.password);
    const stolen = await signedIn('fillerA1', w.password);
    const { token } = await mine.auth.tokens.create.mutate({ name: '对接程序' });
    const integrator = makeClient(url, { token });
    expect((await stolen.auth.me.query())?.username).toBe('fillerA1');

    await mine.auth.changePassword.mutate({ current: w.password, next: 'Fresh-Secret-42' });
    expect((await mine.auth.me.query())?.username).toBe('fillerA1');
    await mine.reports.list.query({});
    expect(await stolen.auth.me.query()).toBeNull();
    expect((await failure(stolen.reports.list.query({}))).appCode).toBe('UNAUTHENTICATED');
    // The stolen cookie's holder cannot log in with the old password either.
    expect(
      (await failure(makeClient(url).auth.login.mutate({ username: 'fillerA1', password: w.password })))
        .appCode,
    ).toBe('INVALID_CREDENTIALS');
    expect((await integrator.auth.me.query())?.via).toBe('token');
    await integrator.reports.list.query({});
  });

  it('an admin’s resetPassword and setDisabled end every session of that user', async () => {
    const a = await signedIn('fillerA2', w.password);
    const b = await signedIn('fillerA2', w.password);
    const id = (await a.auth.me.query())!.id;
    await w.as.admin.users.resetPassword.mutate({ id, password: 'Reset-By-Admin-7' });
    expect(await a.auth.me.query()).toBeNull();
    expect(await b.auth.me.query()).toBeNull();

    const c = await signedIn('fillerA2', 'Reset-By-Admin-7');
    await w.as.admin.users.setDisabled.mutate({ id, disabled: true });
    expect((await failure(c.reports.list.query({}))).appCode).toBe('UNAUTHENTICATED');
    // Enabled again, the old session does not come back.
    await w.as.admin.users.setDisabled.mutate({ id, disabled: false });
    expect(await c.auth.me.query()).toBeNull();
  });
});
