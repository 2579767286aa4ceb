import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anotherBackupName, backupSqlite } from './backup.js';
import { openStore } from './db/connect.js';
import { DATABASE_URL, makeWorld, type World } from './test-support/harness.js';

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'nianbao-backup-'));
  dirs.push(d);
  return d;
};
const mode = (f: string) => statSync(f).mode & 0o777;

let w: World;
beforeAll(async () => {
  if (!DATABASE_URL) w = await makeWorld();
});
afterAll(async () => {
  await w?.cleanup();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe.skipIf(DATABASE_URL)('backup (SQLite)', () => {
  it('creates a missing folder; the copy is one file (no -wal/-shm), owner-only, and opens', async () => {
    await w.as.fillerA1.reports.create.mutate({ agencyId: w.ids.agencyA1, year: 2024 });
    const dest = join(tmp(), 'not', 'yet', 'there', 'nianbao.sqlite');
    const copy = await backupSqlite(w.ts.dataDir!, dest);
    expect(copy.versions).toBeGreaterThanOrEqual(1);
    expect(readdirSync(dirname(dest))).toEqual(['nianbao.sqlite']);
    expect(mode(dest)).toBe(0o600);
    const store = await openStore({ dataDir: dirname(dest) });
    expect((await store.db.selectFrom('reports').select('id').execute()).length).toBeGreaterThanOrEqual(1);
    await store.close();
  });

  it('the database the server creates is owner-only, its folder too', async () => {
    const dir = join(tmp(), 'data');
    const store = await openStore({ dataDir: dir });
    await store.close();
    expect(mode(join(dir, 'nianbao.sqlite'))).toBe(0o600);
    expect(mode(dir)).toBe(0o700);
  });

  it('every error is said in 简体中文: no database, an existing file, a folder that cannot be made', async () => {
    await expect(backupSqlite(tmp(), join(tmp(), 'b.sqlite'))).rejects.toThrow(
      /^没有找到数据库：.*（DATA_DIR 是否与服务端的相同？/,
    );
    const existing = join(tmp(), 'b.sqlite');
    writeFileSync(existing, 'x');
    await expect(backupSqlite(w.ts.dataDir!, existing)).rejects.toThrow('备份文件已存在');
    // A folder where a file stands in the way.
    const blocker = join(tmp(), 'file');
    writeFileSync(blocker, 'x');
    const e = await backupSqlite(w.ts.dataDir!, join(blocker, 'sub', 'b.sqlite')).catch((x: Error) => x);
    expect((e as Error).message).toMatch(/^无法创建备份文件夹：.*（路径中有一段不是文件夹，ENOTDIR）$/);
    expect(existsSync(join(blocker, 'sub'))).toBe(false);
    // A link to a disk that is not mounted (a NAS folder): said, not 「未知错误」.
    const link = join(tmp(), 'nas');
    symlinkSync(join(tmp(), 'not-mounted'), link);
    const n = await backupSqlite(w.ts.dataDir!, join(link, 'nianbao', 'b.sqlite')).catch((x: Error) => x);
    expect((n as Error).message).toMatch(/^无法创建备份文件夹：.*（路径不存在：.*已挂载，ENOENT）$/);
  });

  it('a file that exists is not overwritten, and another name is suggested: the same with the time appended', async () => {
    const dir = tmp();
    const existing = join(dir, 'nianbao.sqlite');
    writeFileSync(existing, 'x');
    const at = new Date(2026, 10, 30, 22, 15, 30); // local time, as the name is written
    const e = (await backupSqlite(w.ts.dataDir!, existing, at).catch((x: Error) => x)) as Error;
    const other = join(dir, 'nianbao-20261130-221530.sqlite');
    expect(e.message).toBe(
      `备份文件已存在：${existing}（不覆盖已有文件）：请换一个文件名，例如加上时间：npm run backup -- ${other}`,
    );
    expect(statSync(existing).size).toBe(1);
    // The name suggested is free, and a backup goes there.
    expect(existsSync(other)).toBe(false);
    expect((await backupSqlite(w.ts.dataDir!, other)).versions).toBeGreaterThanOrEqual(0);
    // As typed: a relative name stays relative, a name without an extension gets the time at its end.
    expect(anotherBackupName('backups/nianbao-2026-01-31.sqlite', at)).toBe(
      'backups/nianbao-2026-01-31-20261130-221530.sqlite',
    );
    expect(anotherBackupName('nianbao.bak', at)).toBe('nianbao-20261130-221530.bak');
    expect(anotherBackupName('backup', at)).toBe('backup-20261130-221530');
    // A folder given instead of a file: said so, with a file name in it.
    const folder = await backupSqlite(w.ts.dataDir!, dir, at).catch((x: Error) => x);
    expect((folder as Error).message).toBe(
      `备份位置是一个已有的文件夹：${dir}（请给出备份文件的名称），例如：npm run backup -- ${join(dir, 'nianbao-20261130-221530.sqlite')}`,
    );
  });
});
