import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp, openStore, seedDemo } from '@nianbao/server';
import { tempDir } from './cli.js';

export interface DemoServer {
  readonly url: string;
  /** An API token of `admin`, made as an integrator would (login, then auth.tokens.create). */
  readonly token: string;
  readonly db: Awaited<ReturnType<typeof openStore>>['db'];
  stop(): Promise<void>;
}

/** The real server with the demo region (every demo user's password `pw-for-tests-1`) on a free port. */
export async function demoServer(): Promise<DemoServer> {
  const store = await openStore({ dataDir: tempDir() });
  await seedDemo(store, { password: 'pw-for-tests-1' });
  const app = createApp(store, {});
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((r) => server.once('listening', () => r()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const login = await fetch(`${url}/trpc/auth.login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'pw-for-tests-1' }),
  });
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const res = await fetch(`${url}/trpc/auth.tokens.create`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ name: 'nianbao-cli-test' }),
  });
  const token = ((await res.json()) as { result: { data: { token: string } } }).result.data.token;
  return {
    url,
    token,
    db: store.db,
    stop: async () => {
      await new Promise<void>((r) => server.close(() => r()));
      await store.close();
    },
  };
}
