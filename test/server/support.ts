// The built server as a black box: started as an operator starts it, spoken to over HTTP with the
// tRPC client. Shared by the durability and WORKERS tests.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppRouter } from '@nianbao/server';
import { createTRPCClient, httpLink, type TRPCClient } from '@trpc/client';
import pg from 'pg';

export const ROOT = join(import.meta.dirname, '..', '..');
export const MAIN = join(ROOT, 'apps', 'server', 'dist', 'main.js');
export const DATABASE_URL = process.env.DATABASE_URL || undefined;
export const DB_LABEL = DATABASE_URL ? 'PostgreSQL' : 'SQLite';

/**
 * A database of its own: a fresh SQLite directory, or (with DATABASE_URL, CI's second run) a fresh
 * PostgreSQL schema. `env` is what the server needs to use it; `cleanup` removes it.
 */
export function freshDatabase(prefix: string): { env: Record<string, string>; cleanup: () => Promise<void> } {
  if (DATABASE_URL) {
    const schema = `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    return {
      env: { DATABASE_URL, NIANBAO_DB_SCHEMA: schema },
      cleanup: async () => {
        const c = new pg.Client({ connectionString: DATABASE_URL });
        await c.connect();
        await c.query(`drop schema if exists "${schema}" cascade`);
        await c.end();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), `nianbao-${prefix}-`));
  return { env: { DATA_DIR: dir }, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
}

export interface Started {
  readonly child: ChildProcess;
  readonly url: string;
  /** Everything the server printed so far. */
  output(): string;
}

/** Start the built server on a free port; resolves once it prints its URL. */
export function startServer(env: Record<string, string>): Promise<Started> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN], {
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 30_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = out.match(/http:\/\/[^:]+:(\d+)\//);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: `http://127.0.0.1:${m[1]}`, output: () => out });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (!/http:\/\//.test(out)) reject(new Error(`server exited (${code}):\n${out}`));
    });
  });
}

/** A tRPC client over HTTP keeping the session cookie. */
export function client(url: string): TRPCClient<AppRouter> {
  let cookie = '';
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${url}/trpc`,
        fetch: async (input, init) => {
          const headers = new Headers(init?.headers);
          if (cookie) headers.set('cookie', cookie);
          // A request never answered (a connection handed to a worker process as it was killed) fails
          // after 30 s instead of undici's 300 s, past any test's time: the caller retries or says so.
          const limit = AbortSignal.timeout(30_000);
          const signal = init?.signal ? AbortSignal.any([init.signal, limit]) : limit;
          const res = await fetch(input, { ...init, headers, signal } as RequestInit);
          const set = res.headers.getSetCookie().find((c) => c.startsWith('nianbao_session='));
          if (set) cookie = set.split(';')[0]!;
          return res;
        },
      }),
    ],
  });
}

/** A client signed in as a demo user. */
export async function login(url: string, username: string, password: string): Promise<TRPCClient<AppRouter>> {
  const c = client(url);
  await c.auth.login.mutate({ username, password });
  return c;
}
