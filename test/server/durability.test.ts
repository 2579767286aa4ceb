// Durability of the real server process (issue 5): kill -9 in the middle of a burst of saves,
// restart, and check that every save the client saw acknowledged is there, the versions have no
// holes and the database is intact. Black box: the built `apps/server/dist/main.js` with its demo
// data, over HTTP with the tRPC client. SQLite by default; with DATABASE_URL set (CI's second run,
// scripts/with-postgres.sh) the same test runs on PostgreSQL in a schema of its own.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { exampleReport, type Report, reportingYear } from '@nianbao/core';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_URL, DB_LABEL, freshDatabase, MAIN, login as signIn, startServer } from './support.js';

const PASSWORD = 'durable-pass-1';
const WRITERS = 5;

let env: Record<string, string>;
let cleanup: () => Promise<void> = async () => {};
const start = () => startServer({ NIANBAO_DEMO_PASSWORD: PASSWORD, ...env });
// 交通运输局's 填报人 in the demo region.
const login = (url: string) => signIn(url, 'jiaotong', PASSWORD);

const reportIds: string[] = [];

beforeAll(async () => {
  if (!existsSync(MAIN)) throw new Error(`缺少 ${MAIN}：请先构建服务端（npm run build -w @nianbao/server）`);
  ({ env, cleanup } = freshDatabase('durability'));
  // First start seeds the demo region; one report per writer in years the demo does not use (no
  // report may be created for a year that has not ended: 2019 up to the reporting year).
  const s = await start();
  try {
    const c = await login(s.url);
    const me = await c.auth.me.query();
    const agencyId = me!.agency!.id;
    const taken = new Set((await c.reports.list.query({ limit: 100, offset: 0 })).items.map((r) => r.year));
    for (let y = 2019; y <= reportingYear() && reportIds.length < WRITERS; y++)
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
        // with a note: the same content again without one is a no-op (reports.save is idempotent)
        (await c.reports.save.mutate({ id, expectedVersion: r.version, report: r.report, note: '重启后' }))
          .version,
      ).toBe(r.version + 1);
    } finally {
      again.child.kill('SIGKILL');
    }
  }, 90_000);
});
