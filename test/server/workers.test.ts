// WORKERS=n (issue 5): the server in several processes sharing one port and one database, as
// `WORKERS=2 npm start` runs it on a machine of several cores. Black box over HTTP: both processes
// serve, a save of a stale version is a conflict whichever process takes it, every acknowledged save
// is kept with versions in order, a killed process is replaced while the service goes on, and
// SIGTERM stops them all. SQLite (several processes on one WAL file, BEGIN IMMEDIATE) and, in CI's
// second run, PostgreSQL.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { exampleReport, type Report, reportingYear } from '@nianbao/core';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_URL, DB_LABEL, freshDatabase, login, MAIN, type Started, startServer } from './support.js';

const PASSWORD = 'workers-pass-1';
let db: ReturnType<typeof freshDatabase>;
let s: Started;

/** The processes whose parent is `pid` (from /proc: no ps needed). */
function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      // pid (comm) state ppid …: comm may hold spaces, so read after its closing parenthesis.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) out.push(Number(d));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

const until = async (cond: () => boolean, ms = 15_000) => {
  for (const end = Date.now() + ms; !cond() && Date.now() < end; )
    await new Promise((r) => setTimeout(r, 50));
  return cond();
};

beforeAll(async () => {
  if (!existsSync(MAIN)) throw new Error(`缺少 ${MAIN}：请先构建服务端（npm run build -w @nianbao/server）`);
  db = freshDatabase('workers');
  s = await startServer({ ...db.env, WORKERS: '2', NIANBAO_DEMO_PASSWORD: PASSWORD });
}, 60_000);

afterAll(async () => {
  s?.child.kill('SIGKILL');
  await db?.cleanup();
});

describe(`WORKERS=2: two server processes on one ${DB_LABEL} database`, () => {
  it('both serve; same-version saves: one wins, one conflicts; a burst through both keeps every acknowledged save, even with a process killed; SIGTERM stops all', async () => {
    expect(s.output()).toContain('2 个服务进程');
    const primary = s.child.pid!;
    const first = childrenOf(primary);
    expect(first).toHaveLength(2);

    const a = await login(s.url, 'jiaotong', PASSWORD);
    const b = await login(s.url, 'jiaotong', PASSWORD);
    const agencyId = (await a.auth.me.query())!.agency!.id;
    const taken = new Set((await a.reports.list.query({ limit: 100, offset: 0 })).items.map((r) => r.year));
    const ids: string[] = [];
    for (let y = 2019; y <= reportingYear() && ids.length < 4; y++)
      if (!taken.has(y)) ids.push((await a.reports.create.mutate({ agencyId, year: y })).id);
    expect(ids).toHaveLength(4);
    const content = (base: Report, scale: number): Report => {
      const e = exampleReport({ year: base.meta.year, agency: base.meta.agency, scale });
      return { ...e, meta: { ...e.meta, agency: base.meta.agency } };
    };

    // Two clients save the same version at once, ten times: one wins, the other is told.
    const r0 = await a.reports.get.query({ id: ids[0]! });
    const base0 = r0.report as Report;
    let version = r0.version;
    for (let round = 1; round <= 10; round++) {
      const results = await Promise.allSettled([
        // every content new (a save of the current content is a no-op, not a conflict)
        a.reports.save.mutate({ id: ids[0]!, expectedVersion: version, report: content(base0, 2 * round) }),
        b.reports.save.mutate({
          id: ids[0]!,
          expectedVersion: version,
          report: content(base0, 2 * round + 1),
        }),
      ]);
      const won = results.filter((x) => x.status === 'fulfilled');
      expect(won).toHaveLength(1);
      const lost = results.find((x) => x.status === 'rejected') as PromiseRejectedResult;
      expect((lost.reason as { data?: { appCode?: string } }).data?.appCode).toBe('VERSION_CONFLICT');
      version = (won[0] as PromiseFulfilledResult<{ version: number }>).value.version;
    }
    expect((await a.reports.history.query({ id: ids[0]! })).versions).toHaveLength(11);

    // A burst from four writers (each its own connections); one process is killed in the middle.
    const acked = new Map<string, { version: number; hash: string }[]>();
    let stop = false;
    let failures = 0;
    const serverErrors: string[] = [];
    const writers = ids.map(async (id, i) => {
      const c = await login(s.url, 'jiaotong', PASSWORD);
      const cur = await c.reports.get.query({ id });
      let v = cur.version;
      const list: { version: number; hash: string }[] = [];
      acked.set(id, list);
      for (let n = 1; !stop; n++) {
        try {
          const r = await c.reports.save.mutate({
            id,
            expectedVersion: v,
            report: content(cur.report as Report, (n % 5) + 1 + i),
          });
          v = r.version;
          list.push({ version: r.version, hash: r.contentHash });
        } catch (e) {
          // Cut off with the process (no answer), or its save landed before the cut (a conflict
          // next): read where the report is. An answer that is an error of the server (DB_BUSY, 500)
          // is a failure of the test.
          failures++;
          const data = (e as { data?: { appCode?: string; httpStatus?: number } }).data;
          if (data && data.appCode !== 'VERSION_CONFLICT')
            serverErrors.push(`${data.httpStatus} ${data.appCode}`);
          // The read may meet the killed process too (a kept-alive connection it had): again, until
          // the service answers (not a failure of the test unless it never does; on a machine busy
          // with other suites a new process takes seconds to start: up to 30 s).
          for (const end = Date.now() + 30_000; ; ) {
            try {
              v = (await c.reports.get.query({ id })).version;
              break;
            } catch (again) {
              if (Date.now() > end) throw again;
              await new Promise((r) => setTimeout(r, 100));
            }
          }
        }
      }
    });
    // Every writer logged in and saving (its login and first read are not retried) before the kill.
    expect(await until(() => ids.every((id) => (acked.get(id)?.length ?? 0) > 0), 30_000)).toBe(true);
    const killed = first[0]!;
    process.kill(killed, 'SIGKILL');
    // The primary starts a new process; the service goes on meanwhile.
    expect(await until(() => childrenOf(primary).filter((p) => p !== killed).length === 2)).toBe(true);
    // Then on until the burst has made enough saves to tell (a busy machine takes longer for as many).
    const acknowledged = () => [...acked.values()].reduce((n, l) => n + l.length, 0);
    await new Promise((r) => setTimeout(r, 1500));
    await until(() => acknowledged() > 40, 30_000);
    stop = true;
    await Promise.all(writers);
    expect(s.output()).toMatch(new RegExp(`服务进程 ${killed} 意外退出（SIGKILL），正在重新启动`));
    const total = acknowledged();
    expect(total).toBeGreaterThan(40);
    expect(serverErrors).toEqual([]);
    expect(failures).toBeLessThan(total / 4);

    for (const [id, list] of acked) {
      const h = await a.reports.history.query({ id });
      const versions = h.versions.map((x) => x.version);
      expect(versions).toEqual(Array.from({ length: versions.length }, (_, k) => k + 1));
      const byVersion = new Map(h.versions.map((x) => [x.version, x.contentHash]));
      for (const x of list) expect(byVersion.get(x.version)).toBe(x.hash);
    }
    if (!DATABASE_URL) {
      const raw = new SQLite(join(db.env.DATA_DIR!, 'nianbao.sqlite'), { readonly: true });
      expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
      raw.close();
    }

    // SIGTERM to the primary stops every process, and the primary exits 0.
    const children = childrenOf(primary);
    const code = await new Promise<number | null>((res) => {
      s.child.once('exit', (c) => res(c));
      s.child.kill('SIGTERM');
    });
    expect(code).toBe(0);
    expect(await until(() => children.every((p) => !existsSync(`/proc/${p}`)), 5000)).toBe(true);
    // 90 s was not enough once in CI with every suite running beside it (the test took 93 s; 6 s
    // alone): its waits are for processes started, killed and started again on a loaded machine.
  }, 240_000);
});
