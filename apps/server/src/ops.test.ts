import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exampleReport } from '@nianbao/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupSqlite } from './backup.js';
import { openStore } from './db/connect.js';
import { DATABASE_URL, DB_LABEL, failure, makeWorld, type World } from './test-support/harness.js';
import { dbUnavailable } from './trpc.js';

// What an operator meets: backups, damaged files, a database that drops connections.
let w: World;
const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'nianbao-ops-'));
  dirs.push(d);
  return d;
};
beforeAll(async () => {
  w = await makeWorld();
});
afterAll(async () => {
  await w?.cleanup();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe.skipIf(DATABASE_URL)(`operations (${DB_LABEL})`, () => {
  it('a backup taken while saves go on is whole: it checks, holds every save acknowledged before it, and a server opens it', async () => {
    const c = await w.as.fillerA1.reports.create.mutate({ agencyId: w.ids.agencyA1, year: 2024 });
    let version = 1;
    const e = exampleReport({ year: 2024, agency: c.report.meta.agency });
    const save = async () => {
      const s = await w.as.fillerA1.reports.save.mutate({
        id: c.id,
        expectedVersion: version,
        report: { ...e, meta: { ...e.meta, agency: c.report.meta.agency } },
      });
      version = s.version;
    };
    for (let i = 0; i < 5; i++) await save();
    const acknowledged = version;
    const dest = join(tmp(), 'backup.sqlite');
    const more = async () => {
      for (let i = 0; i < 5; i++) await save();
    };
    const [copy] = await Promise.all([backupSqlite(w.ts.dataDir!, dest), more()]);
    expect(copy.versions).toBeGreaterThanOrEqual(acknowledged);
    // Restored into a data dir of its own, a server opens it and finds the report at that version.
    const restored = tmp();
    writeFileSync(join(restored, 'nianbao.sqlite'), readFileSync(dest));
    const store = await openStore({ dataDir: restored });
    try {
      const row = await store.db
        .selectFrom('reports')
        .select('current_version')
        .where('id', '=', c.id)
        .executeTakeFirstOrThrow();
      expect(row.current_version).toBeGreaterThanOrEqual(acknowledged);
    } finally {
      await store.close();
    }
    await expect(backupSqlite(w.ts.dataDir!, dest)).rejects.toThrow('备份文件已存在');
  });

  it('a full disk is said as such (503 DISK_FULL), nothing half saved, and saving works again once there is room', async () => {
    const c = await w.as.fillerA2.reports.create.mutate({ agencyId: w.ids.agencyA2, year: 2024 });
    const e = exampleReport({ year: 2024, agency: c.report.meta.agency });
    const report = { ...e, meta: { ...e.meta, agency: c.report.meta.agency } };
    const db = w.ts.store.db;
    // Pages freed by earlier writes would take the save without growing the file: used up first.
    const free = (await sql<{ freelist_count: number }>`pragma freelist_count`.execute(db)).rows[0]!
      .freelist_count;
    const pageSize = (await sql<{ page_size: number }>`pragma page_size`.execute(db)).rows[0]!.page_size;
    if (free > 0) {
      await sql`create table if not exists disk_full_pad (b blob)`.execute(db);
      await sql`insert into disk_full_pad values (zeroblob(${free * pageSize}))`.execute(db);
    }
    const pages = (await sql<{ page_count: number }>`pragma page_count`.execute(db)).rows[0]!.page_count;
    await sql.raw(`pragma max_page_count = ${pages}`).execute(db);
    try {
      const f = await failure(w.as.fillerA2.reports.save.mutate({ id: c.id, expectedVersion: 1, report }));
      expect(f).toMatchObject({ httpStatus: 503, appCode: 'DISK_FULL' });
      expect((await w.as.fillerA2.reports.get.query({ id: c.id })).version).toBe(1);
    } finally {
      await sql.raw('pragma max_page_count = 1073741823').execute(db);
    }
    expect((await w.as.fillerA2.reports.save.mutate({ id: c.id, expectedVersion: 1, report })).version).toBe(
      2,
    );
  });

  it('a damaged database file is refused at start with the way out, not served with 500s', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'nianbao.sqlite'), 'SQLite format 3\0'.padEnd(4096, 'x'));
    await expect(openStore({ dataDir: dir })).rejects.toThrow(/数据库文件已损坏.*备份/);
  });
});

describe('a database that cannot be reached', () => {
  it('is a 503 DB_UNAVAILABLE to retry (refused, reset, PostgreSQL shutting down), anything else is not', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const shutdown = Object.assign(new Error('terminating connection due to administrator command'), {
      code: '57P01',
    });
    for (const e of [refused, shutdown, new Error('Connection terminated unexpectedly')]) {
      const t = dbUnavailable(e)!;
      expect(t.code).toBe('SERVICE_UNAVAILABLE');
      expect((t.cause as { appCode?: string }).appCode).toBe('DB_UNAVAILABLE');
    }
    expect(dbUnavailable(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBeNull();
  });
});

describe.skipIf(!DATABASE_URL)(`a PostgreSQL connection that breaks (${DB_LABEL})`, () => {
  it('an idle connection ended by the server (restart, DBA, idle timeout) is dropped and replaced; the process lives on', async () => {
    const db = w.ts.store.db;
    // Fill the pool with idle connections, and learn which backends are this pool's: the suite
    // runs files side by side on one PostgreSQL, and ending every idle connection of the database
    // ended other files' connections mid-test (a CI run failed so in sessions-end.test).
    const held = await Promise.all(
      Array.from({ length: 4 }, () =>
        sql<{ pid: number }>`select pg_backend_pid() as pid, pg_sleep(0.05)`.execute(db),
      ),
    );
    const pids = [...new Set(held.map((r) => r.rows[0]!.pid))];
    const killed = await sql<{ n: number }>`
      select count(pg_terminate_backend(pid))::int as n from unnest(${pids}::int[]) as pid
      where pid <> pg_backend_pid()`.execute(db);
    expect(killed.rows[0]!.n).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 300));
    // Still answering, on fresh connections.
    for (let i = 0; i < 6; i++) {
      const r = await sql<{ one: number }>`select 1 as one`.execute(db).catch(() => null);
      if (r) expect(r.rows[0]!.one).toBe(1);
    }
    expect((await w.as.fillerA1.auth.me.query())?.username).toBe('fillerA1');
  });
});
