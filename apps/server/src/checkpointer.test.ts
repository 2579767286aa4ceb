import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startCheckpointer } from './db/checkpointer.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true, maxRetries: 5 });
});

function openDb() {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-checkpoint-'));
  dirs.push(dir);
  const file = join(dir, 'x.sqlite');
  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('create table t (id integer primary key, body text)');
  return { db, file };
}

const until = async (ok: () => boolean, ms = 20_000) => {
  for (const end = Date.now() + ms; Date.now() < end; ) {
    if (ok()) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return ok();
};

describe('SQLite checkpoints in a worker thread', () => {
  it('the main connection stops checkpointing; the worker moves the WAL into the database file', async () => {
    const { db, file } = openDb();
    const cp = startCheckpointer(db, file, 50);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    const before = statSync(file).size;
    const insert = db.prepare('insert into t (body) values (?)');
    const body = '年报'.repeat(4000);
    for (let i = 0; i < 300; i++) insert.run(body); // ~7 MB through the WAL, > 1000 pages
    expect(await until(() => statSync(file).size > before + 5_000_000)).toBe(true);
    await cp.stop();
    // Stopped: the connection checkpoints by itself again; nothing was lost.
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    expect(db.prepare('select count(*) as n from t').get()).toEqual({ n: 300 });
    db.close();
  });

  it('a worker that dies hands checkpointing back to the main connection', async () => {
    const { db, file } = openDb();
    const working = startCheckpointer(db, file, 50);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    // The worker opens the database by its path: take the file away under it so it fails to start.
    const broken = startCheckpointer(db, join(file, 'no', 'such', 'dir'), 50);
    expect(await until(() => db.pragma('wal_autocheckpoint', { simple: true }) === 1000)).toBe(true);
    await broken.stop();
    // The first worker still has the database open: stop it before the directory is removed, or its
    // -wal/-shm files can appear while the directory is being deleted (ENOTEMPTY, seen in CI).
    await working.stop();
    db.close();
  });
});
