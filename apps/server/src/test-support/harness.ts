import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import type { Hono } from 'hono';
import pg from 'pg';
import { type AppOptions, createApp } from '../app.js';
import { hashPassword, newId, now } from '../auth.js';
import { openStore, type Store } from '../db/connect.js';
import type { Role } from '../db/schema.js';
import type { AppRouter } from '../router.js';

export const DATABASE_URL = process.env.DATABASE_URL || undefined;
export const DB_LABEL = DATABASE_URL ? 'PostgreSQL' : 'SQLite';

export interface TestStore {
  store: Store;
  /** Open the same database again (restart). */
  reopen(): Promise<Store>;
  /** SQLite: the data directory (for backups and files); PostgreSQL: none. */
  dataDir?: string;
  cleanup(): Promise<void>;
}

/**
 * Test files run two at a time on one PostgreSQL database, each in a schema of its own. Kysely's
 * migrator looks for its tables in every schema of the database (introspection), and a schema
 * another file drops meanwhile made that fail: 「schema "t_…" does not exist」, naming the other file's
 * schema (2 check runs of 2026-12-03). Setting a schema up and dropping one take turns under one
 * advisory lock of the database (tests only: a deployment has its one schema).
 */
const SCHEMA_LOCK = 730_511_320_261_203;
async function underSchemaLock<T>(fn: () => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: DATABASE_URL });
  await c.connect();
  try {
    await c.query('select pg_advisory_lock($1)', [SCHEMA_LOCK]);
    return await fn();
  } finally {
    await c.query('select pg_advisory_unlock($1)', [SCHEMA_LOCK]).catch(() => {});
    await c.end();
  }
}

/** A fresh database per test file: a temp SQLite data dir, or a fresh schema in DATABASE_URL. */
export async function freshStore(): Promise<TestStore> {
  if (DATABASE_URL) {
    let schema = `t_${newId().replace(/-/g, '').slice(0, 16)}`;
    const open = () => openStore({ databaseUrl: DATABASE_URL, pgSchema: schema, poolSize: 5 });
    let store: Store;
    try {
      store = await underSchemaLock(open);
    } catch (e) {
      // Kept as a fallback, said in the log: a migration that is really broken fails the second time too.
      console.warn(
        `[test] PostgreSQL 测试模式 ${schema} 未能建立（${(e as Error).message}），换一个模式重试一次`,
      );
      schema = `t_${newId().replace(/-/g, '').slice(0, 16)}`;
      store = await underSchemaLock(open);
    }
    return {
      store,
      reopen: () => underSchemaLock(open),
      async cleanup() {
        await underSchemaLock(async () => {
          const c = new pg.Client({ connectionString: DATABASE_URL });
          await c.connect();
          await c.query(`drop schema if exists "${schema}" cascade`);
          await c.end();
        });
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-server-test-'));
  const store = await openStore({ dataDir: dir });
  return {
    store,
    dataDir: dir,
    reopen: () => openStore({ dataDir: dir }),
    async cleanup() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type Client = ReturnType<typeof createTRPCClient<AppRouter>>;

export interface ClientOptions {
  /** Bearer token. */
  token?: string;
  /** Extra headers on every request. */
  headers?: Record<string, string>;
}

/** A tRPC client over a Hono app (`app.request`, no socket) or over HTTP (a base URL), with a cookie jar. */
export function makeClient(
  target: Hono | string,
  options: ClientOptions = {},
): Client & { cookies: Map<string, string> } {
  const cookies = new Map<string, string>();
  const doFetch = async (url: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const headers = new Headers(init?.headers);
    if (cookies.size) headers.set('cookie', [...cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    if (options.token) headers.set('authorization', `Bearer ${options.token}`);
    for (const [k, v] of Object.entries(options.headers ?? {})) headers.set(k, v);
    const res =
      typeof target === 'string'
        ? await fetch(url, { ...init, headers })
        : await target.request(String(url), { ...init, headers });
    for (const sc of res.headers.getSetCookie()) {
      const [pair] = sc.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      if (/max-age=0/i.test(sc) || !value) cookies.delete(name);
      else cookies.set(name, value);
    }
    return res;
  };
  const url = typeof target === 'string' ? `${target}/trpc` : 'http://local.test/trpc';
  const client = createTRPCClient<AppRouter>({ links: [httpLink({ url, fetch: doFetch as never })] });
  // The client is a proxy over procedure paths: answer `cookies` ourselves.
  return new Proxy(client, {
    get: (t, p) => (p === 'cookies' ? cookies : (t as unknown as Record<PropertyKey, unknown>)[p]),
  }) as Client & { cookies: Map<string, string> };
}

export interface World {
  app: Hono;
  ts: TestStore;
  ids: Record<'province' | 'countyA' | 'agencyA1' | 'agencyA2' | 'countyB' | 'agencyB1', string>;
  /** Logged-in clients by user name. */
  as: Record<
    'admin' | 'reviewerA' | 'fillerA1' | 'fillerA2' | 'reviewerB' | 'fillerB1',
    Client & { cookies: Map<string, string> }
  >;
  anon: Client;
  password: string;
  cleanup(): Promise<void>;
}

export const PASSWORD = 'correct-horse-9';

/**
 * A small world: 省 › 县A (局A1, 镇A2) and 县B (局B1); 管理员, a 审核人 per county, a 填报人 per
 * agency, all logged in through auth.login.
 */
export async function makeWorld(appOptions: AppOptions = {}): Promise<World> {
  const ts = await freshStore();
  const db = ts.store.db;
  const hash = await hashPassword(PASSWORD);
  const t = now();
  const agency = async (
    name: string,
    parent: { id: string; path: string } | null,
    kind: string,
    level: string,
  ) => {
    const id = newId();
    const path = `${parent?.path ?? '/'}${id}/`;
    await db
      .insertInto('agencies')
      .values({
        id,
        parent_id: parent?.id ?? null,
        path,
        name,
        kind,
        level,
        region_code: null,
        created_at: t,
      })
      .execute();
    return { id, path };
  };
  const province = await agency('测试省人民政府', null, '人民政府', '省级');
  const countyA = await agency('甲县人民政府', province, '人民政府', '县级');
  const agencyA1 = await agency('甲县交通运输局', countyA, '政府部门', '县级');
  const agencyA2 = await agency('甲镇人民政府', countyA, '人民政府', '乡镇级');
  const countyB = await agency('乙县人民政府', province, '人民政府', '县级');
  const agencyB1 = await agency('乙县教育局', countyB, '政府部门', '县级');
  const user = async (username: string, role: Role, agencyId: string | null) =>
    db
      .insertInto('users')
      .values({
        id: newId(),
        username,
        display_name: username,
        password_hash: hash,
        role,
        agency_id: agencyId,
        created_at: t,
      })
      .execute();
  await user('admin', 'admin', null);
  await user('reviewerA', 'reviewer', countyA.id);
  await user('fillerA1', 'filler', agencyA1.id);
  await user('fillerA2', 'filler', agencyA2.id);
  await user('reviewerB', 'reviewer', countyB.id);
  await user('fillerB1', 'filler', agencyB1.id);
  // The test world's clock is mid-2031, so that tests may take years no other test uses (2029, 2030)
  // for a report of their own; reports.test.ts checks the limit itself against set clocks.
  const app = createApp(ts.store, {
    webDir: '/nonexistent',
    log: () => {},
    today: () => new Date('2031-07-01T00:00:00Z'),
    ...appOptions,
  });
  const as = {} as World['as'];
  for (const name of ['admin', 'reviewerA', 'fillerA1', 'fillerA2', 'reviewerB', 'fillerB1'] as const) {
    const c = makeClient(app);
    await c.auth.login.mutate({ username: name, password: PASSWORD });
    as[name] = c;
  }
  return {
    app,
    ts,
    ids: {
      province: province.id,
      countyA: countyA.id,
      agencyA1: agencyA1.id,
      agencyA2: agencyA2.id,
      countyB: countyB.id,
      agencyB1: agencyB1.id,
    },
    as,
    anon: makeClient(app),
    password: PASSWORD,
    async cleanup() {
      await ts.store.close();
      await ts.cleanup();
    },
  };
}

/** The tRPC error's machine data (code, appCode, zhMessage) of a failing call. */
export async function failure(p: Promise<unknown>): Promise<{
  code: string;
  appCode: string;
  zhMessage: string;
  httpStatus: number;
  details: Record<string, unknown>;
  message: string;
}> {
  try {
    await p;
  } catch (e) {
    if (e instanceof TRPCClientError) {
      const d = (e.data ?? {}) as Record<string, unknown>;
      return {
        code: String(d.code),
        appCode: String(d.appCode),
        zhMessage: String(d.zhMessage),
        httpStatus: Number(d.httpStatus),
        details: (d.details as Record<string, unknown>) ?? {},
        message: e.message,
      };
    }
    throw e;
  }
  throw new Error('expected the call to fail, it succeeded');
}
