// Durability of the real server process (issue 5): kill -9 in the middle of a burst of saves,
// restart, and check that every save the client saw acknowledged is there, the versions have no
// holes and the database is intact. Black box: the built `apps/server/dist/main.js` with its demo
// data, over HTTP with the tRPC client. SQLite by default; with DATABASE_URL set (CI's second run,
// scripts/with-postgres.sh) the same test runs on PostgreSQL in a schema of its own.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exampleReport, type Report, reportingYear } from '@nianbao/core';
import type { AppRouter } from '@nianbao/server';
import { createTRPCClient, httpLink } from '@trpc/client';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const MAIN = join(ROOT, 'apps', 'server', 'dist', 'main.js');
const DATABASE_URL = process.env.DATABASE_URL || undefined;
const DB_LABEL = DATABASE_URL ? 'PostgreSQL' : 'SQLite';
const PASSWORD = 'durable-pass-1';
const WRITERS = 6;

let env: Record<string, string>;
let cleanup: () => Promise<void> = async () => {};

/** Start the built server on a free port; resolves once it prints its URL. */
function start(): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN], {
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', NIANBAO_DEMO_PASSWORD: PASSWORD, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 30_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = out.match(/http:\/\/[^:]+:(\d+)\//);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: `http://127.0.0.1:${m[1]}` });
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
function client(url: string) {
  let cookie = '';
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${url}/trpc`,
        fetch: async (input, init) => {
          const headers = new Headers(init?.headers);
          if (cookie) headers.set('cookie', cookie);
          const res = await fetch(input, { ...init, headers } as RequestInit);
          const set = res.headers.getSetCookie().find((c) => c.startsWith('nianbao_session='));
          if (set) cookie = set.split(';')[0]!;
          return res;
        },
      }),
    ],
  });
}

async function login(url: string) {
  const c = client(url);
  // 交通运输局's 填报人 in the demo region.
  await c.auth.login.mutate({ username: 'jiaotong', password: PASSWORD });
  return c;
}

const reportIds: string[] = [];

beforeAll(async () => {
  if (!existsSync(MAIN)) throw new Error(`缺少 ${MAIN}：请先构建服务端（npm run build -w @nianbao/server）`);
  if (DATABASE_URL) {
    const schema = `durability_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    env = { DATABASE_URL, NIANBAO_DB_SCHEMA: schema };
    cleanup = async () => {
      const c = new pg.Client({ connectionString: DATABASE_URL });
      await c.connect();
      await c.query(`drop schema if exists "${schema}" cascade`);
      await c.end();
    };
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'nianbao-durability-'));
    env = { DATA_DIR: dir };
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  }
  // First start seeds the demo region; one report per writer in years the demo does not use (no
  // report may be created for a year that has not begun: 2019 up to this year).
  const s = await start();
  try {
    const c = await login(s.url);
    const me = await c.auth.me.query();
    const agencyId = me!.agency!.id;
    const taken = new Set((await c.reports.list.query({ limit: 100, offset: 0 })).items.map((r) => r.year));
    for (let y = 2019; y <= reportingYear() + 1 && reportIds.length < WRITERS; y++)
      if (!taken.has(y)) reportIds.push((await c.reports.create.mutate({ agencyId, year: y })).id);
    expect(reportIds.length).toBe(WRITERS);
  } finally {
    s.child.kill('SIGKILL');
  }
}, 90_000);

afterAll(async () => cleanup());

describe(`server durability under kill -9 (${DB_LABEL})`, () => {
  it('every acknowledged save survives, versions have no holes, the database is intact and takes writes again', async () => {
    const s = await start();
    const acked = new Map<string, { version: number; hash: string }[]>();
    let stop = false;
    let cutOff = 0;
    let ready = 0;
    const writers = reportIds.map(async (id, i) => {
      const c = await login(s.url);
      const cur = await c.reports.get.query({ id });
      ready++;
      let version = cur.version;
      const base = cur.report as Report;
      const list: { version: number; hash: string }[] = [];
      acked.set(id, list);
      for (let n = 1; !stop; n++) {
        const e = exampleReport({ year: base.meta.year, agency: base.meta.agency, scale: (n % 7) + 1 + i });
        try {
          const r = await c.reports.save.mutate({
            id,
            expectedVersion: version,
            report: { ...e, meta: { ...e.meta, agency: base.meta.agency } },
            note: `burst ${n}`,
          });
          version = r.version;
          list.push({ version: r.version, hash: r.contentHash });
        } catch {
          cutOff++;
          return; // the server died under us: this save was never acknowledged
        }
      }
    });
    for (let t = 0; ready < reportIds.length && t < 400; t++) await new Promise((r) => setTimeout(r, 50));
    expect(ready).toBe(reportIds.length);
    // Let the burst run, then kill -9 while saves are in flight.
    await new Promise((r) => setTimeout(r, 1500));
    s.child.kill('SIGKILL');
    await Promise.all(writers);
    stop = true;
    const total = [...acked.values()].reduce((n, l) => n + l.length, 0);
    expect(total).toBeGreaterThan(WRITERS * 2);
    expect(cutOff).toBeGreaterThan(0); // writers really were cut off mid-save

    if (!DATABASE_URL) {
      const raw = new SQLite(join(env.DATA_DIR!, 'nianbao.sqlite'));
      expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(raw.pragma('foreign_key_check')).toEqual([]);
      raw.close();
    }

    const again = await start();
    try {
      const c = await login(again.url);
      for (const [id, list] of acked) {
        const h = await c.reports.history.query({ id });
        const versions = h.versions.map((v) => v.version);
        // Contiguous from 1, every acknowledged version with the hash the client was given.
        expect(versions).toEqual(Array.from({ length: versions.length }, (_, k) => k + 1));
        const byVersion = new Map(h.versions.map((v) => [v.version, v.contentHash]));
        for (const a of list) expect(byVersion.get(a.version)).toBe(a.hash);
        const r = await c.reports.get.query({ id });
        expect(r.version).toBe(versions.length);
        if (list.length) expect(r.version).toBeGreaterThanOrEqual(list.at(-1)!.version);
      }
      const id = reportIds[0]!;
      const r = await c.reports.get.query({ id });
      expect(
        (await c.reports.save.mutate({ id, expectedVersion: r.version, report: r.report })).version,
      ).toBe(r.version + 1);
    } finally {
      again.child.kill('SIGKILL');
    }
  }, 90_000);
});
