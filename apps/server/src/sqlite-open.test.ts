import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { cannotUse, openStore } from './db/connect.js';

// A SQLite DATA_DIR the server cannot use is said at start in 简体中文, naming the file and what to
// do — not 「unable to open database file」 or 「EACCES: permission denied, open …」.
const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'nianbao-open-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const refusal = (dataDir: string) =>
  openStore({ dataDir }).then(
    () => '',
    (e: Error) => e.message,
  );

describe('a SQLite file the server cannot use', () => {
  it('nianbao.sqlite that cannot be opened (here a folder of that name) is named, with the way out', async () => {
    const dir = tmp();
    mkdirSync(join(dir, 'nianbao.sqlite'));
    const m = await refusal(dir);
    expect(m).toMatch(/^无法打开数据库文件：.*nianbao\.sqlite（打不开.*chown -R .*SQLITE_CANTOPEN）$/);
    expect(m).not.toMatch(/unable to open/);
  });

  it('a DATA_DIR under a file is said in 简体中文, not as a bare ENOTDIR', async () => {
    const blocker = join(tmp(), 'file');
    writeFileSync(blocker, 'x');
    expect(await refusal(join(blocker, 'data'))).toMatch(
      /^无法打开数据库文件：.*（DATA_DIR 的路径中有一段不是文件夹，ENOTDIR）$/,
    );
  });

  it('no permission, a read-only file: said with the folder to hand to the service user', () => {
    const eacces = Object.assign(new Error("EACCES: permission denied, open '/srv/nb/nianbao.sqlite'"), {
      code: 'EACCES',
    });
    expect(cannotUse(eacces, '无法打开数据库文件', '/srv/nb/nianbao.sqlite', '/srv/nb')).toMatch(
      /^无法打开数据库文件：\/srv\/nb\/nianbao\.sqlite（没有权限；请确认运行服务的用户.*能读写文件夹 \/srv\/nb .*chown -R .* \/srv\/nb，EACCES）$/,
    );
    const ro = Object.assign(new Error('attempt to write a readonly database'), { code: 'SQLITE_READONLY' });
    expect(cannotUse(ro, '数据库文件不可写', '/srv/nb/nianbao.sqlite', '/srv/nb')).toMatch(
      /^数据库文件不可写：.*（文件或文件夹只读；.*SQLITE_READONLY）$/,
    );
  });

  it('a damaged file names its first problems and how many, not a hundred lines', async () => {
    // A real database with pages overwritten in the middle.
    const src = tmp();
    const db = new SQLite(join(src, 'x.sqlite'));
    db.exec('create table t (a text); create index ti on t(a)');
    const insert = db.prepare('insert into t values (?)');
    db.transaction(() => {
      for (let i = 0; i < 3000; i++) insert.run(`${i}`.repeat(40));
    })();
    db.close();
    const dir = tmp();
    copyFileSync(join(src, 'x.sqlite'), join(dir, 'nianbao.sqlite'));
    const { openSync, writeSync, closeSync } = await import('node:fs');
    const fd = openSync(join(dir, 'nianbao.sqlite'), 'r+');
    writeSync(fd, Buffer.alloc(4096 * 20, 0xab), 0, 4096 * 20, 4096 * 3);
    closeSync(fd);
    const m = await refusal(dir);
    expect(m).toMatch(/^数据库文件已损坏（.*nianbao\.sqlite：.*）；请从备份恢复/);
    expect(m.split('\n')).toHaveLength(1);
  });
});
