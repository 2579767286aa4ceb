import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { exampleReport, type Report } from '@nianbao/core';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, newId, now } from './auth.js';
import { DATABASE_URL, DB_LABEL, freshStore, makeClient, type TestStore } from './test-support/harness.js';

const root = join(import.meta.dirname, '..');
const main = join(root, 'dist/main.js');

/** Start `node dist/main.js` on a free port against the test database; resolves with its URL. */
function start(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [main], {
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', NIANBAO_SEED: 'off', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 15000);
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
      if (!out.match(/http:\/\//)) reject(new Error(`server exited (${code}):\n${out}`));
    });
  });
}

let ts: TestStore;
let env: Record<string, string>;
const reportIds: string[] = [];
const PASSWORD = 'durable-pass-1';

beforeAll(async () => {
  // The durability check runs the built server. `turbo run test` builds it first (apps/server/
  // turbo.json); a bare `vitest run` builds it only when missing — never over a dist/ that other
  // suites may be running at the same moment.
  if (!existsSync(main))
    execFileSync(
      process.execPath,
      [join(root, '../../node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')],
      {
        stdio: 'inherit',
      },
    );
  if (!existsSync(main)) throw new Error('dist/main.js missing: run npm run build -w @nianbao/server');
  ts = await freshStore();
  const db = ts.store.db;
  const agencyId = newId();
  await db
    .insertInto('agencies')
    .values({
      id: agencyId,
      parent_id: null,
      path: `/${agencyId}/`,
      name: '耐久县交通运输局',
      kind: '政府部门',
      level: '县级',
      region_code: null,
      created_at: now(),
    })
    .execute();
  await db
    .insertInto('users')
    .values({
      id: newId(),
      username: 'writer',
      display_name: 'writer',
      password_hash: await hashPassword(PASSWORD),
      role: 'filler',
      agency_id: agencyId,
      created_at: now(),
    })
    .execute();
  const location = ts.store.location;
  await ts.store.close();
  env = DATABASE_URL
    ? { DATABASE_URL, NIANBAO_DB_SCHEMA: location.match(/schema (\w+)/)![1]! }
    : { DATA_DIR: location.replace(/[/\\]nianbao\.sqlite$/, '') };
  // One report per writer, years 2021–2028.
  const s = await start(env);
  try {
    const c = makeClient(s.url);
    await c.auth.login.mutate({ username: 'writer', password: PASSWORD });
    for (let y = 2021; y <= 2028; y++)
      reportIds.push((await c.reports.create.mutate({ agencyId, year: y })).id);
  } finally {
    s.child.kill('SIGKILL');
  }
}, 60000);

afterAll(async () => ts?.cleanup());

describe(`durability (${DB_LABEL})`, () => {
  it('kill -9 in the middle of a burst of saves: every acknowledged save survives, the database is intact', async () => {
    const s = await start(env);
    const acked = new Map<string, { version: number; hash: string }[]>();
    let stop = false;
    let errors = 0;
    let ready = 0;
    const writers = reportIds.map(async (id, i) => {
      const c = makeClient(s.url);
      await c.auth.login.mutate({ username: 'writer', password: PASSWORD });
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
          errors++;
          return; // the server died under us: this save was not acknowledged
        }
      }
    });
    // Every writer logged in and saving; let the burst run, then kill -9 while saves are in flight.
    for (let t = 0; ready < reportIds.length && t < 300; t++) await new Promise((r) => setTimeout(r, 50));
    expect(ready).toBe(reportIds.length);
    await new Promise((r) => setTimeout(r, 1200));
    s.child.kill('SIGKILL');
    await Promise.all(writers);
    stop = true;
    const total = [...acked.values()].reduce((n, l) => n + l.length, 0);
    expect(total).toBeGreaterThan(10);
    expect(errors).toBeGreaterThan(0); // writers were cut off mid-save

    if (!DATABASE_URL) {
      const file = join(env.DATA_DIR!, 'nianbao.sqlite');
      const raw = new SQLite(file);
      expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
      raw.close();
    }
    const again = await start(env);
    try {
      const c = makeClient(again.url);
      await c.auth.login.mutate({ username: 'writer', password: PASSWORD });
      for (const [id, list] of acked) {
        const h = await c.reports.history.query({ id });
        const versions = h.versions.map((v) => v.version);
        // Contiguous, no holes, at least every acknowledged version.
        expect(versions).toEqual(Array.from({ length: versions.length }, (_, k) => k + 1));
        const byVersion = new Map(h.versions.map((v) => [v.version, v.contentHash]));
        for (const a of list) expect(byVersion.get(a.version)).toBe(a.hash);
        const r = await c.reports.get.query({ id });
        expect(r.version).toBe(versions.length);
        if (list.length) expect(r.version).toBeGreaterThanOrEqual(list.at(-1)!.version);
      }
      // And the server takes writes again.
      const id = reportIds[0]!;
      const r = await c.reports.get.query({ id });
      expect(
        (await c.reports.save.mutate({ id, expectedVersion: r.version, report: r.report })).version,
      ).toBe(r.version + 1);
    } finally {
      again.child.kill('SIGKILL');
    }
  }, 60000);
});
