#!/usr/bin/env node
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, rmSync, statSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';

/** Owner only: a backup holds every account's password hash and every report. */
const FILE_MODE = 0o600;

/** A file-system or SQLite error as an operator reads it, in 简体中文 (the code kept for searching). */
function said(e: unknown, what: string, file: string): string {
  const err = e as { code?: unknown; message?: unknown };
  const code = typeof err?.code === 'string' ? err.code : '';
  const reasons: Record<string, string> = {
    EACCES: '没有权限',
    EPERM: '没有权限',
    EROFS: '所在磁盘为只读',
    ENOSPC: '磁盘空间不足',
    SQLITE_FULL: '磁盘空间不足',
    EEXIST: '文件已存在',
    ENOTDIR: '路径中有一段不是文件夹',
    ENOENT: '路径不存在：若其中有指向其他磁盘的链接，请确认该磁盘已挂载',
    ELOOP: '路径中的链接循环指向自身',
    EISDIR: '这是一个文件夹，不是文件',
    ENAMETOOLONG: '路径过长',
    SQLITE_CANTOPEN: '无法打开该文件',
    SQLITE_READONLY: '文件只读',
    SQLITE_NOTADB: '不是 SQLite 数据库文件',
    SQLITE_CORRUPT: '数据库文件已损坏',
    SQLITE_BUSY: '数据库正忙',
    SQLITE_IOERR: '读写磁盘出错',
  };
  const reason =
    reasons[code] ?? Object.entries(reasons).find(([k]) => code.startsWith(`${k}_`))?.[1] ?? '未知错误';
  return `${what}：${file}（${reason}${code ? `，${code}` : ''}）`;
}

/** `at` as 20261130-221530 (local time): a part of a file name that sorts and has no colon. */
function stamp(at: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}${p(at.getMonth() + 1)}${p(at.getDate())}-${p(at.getHours())}${p(at.getMinutes())}${p(at.getSeconds())}`;
}

/**
 * Another name for a backup where `dest` (as the operator typed it) is taken: the time appended
 * before the extension (backups/nianbao.sqlite → backups/nianbao-20261130-221530.sqlite); in a
 * folder given instead of a file, a file named so.
 */
export function anotherBackupName(dest: string, at: Date, folder = false): string {
  if (folder) return join(dest, `nianbao-${stamp(at)}.sqlite`);
  const ext = extname(dest);
  return `${dest.slice(0, dest.length - ext.length)}-${stamp(at)}${ext}`;
}

/** What to say when `dest` is there already: never overwritten, another name suggested. */
function taken(dest: string, target: string, at: Date): string {
  let folder = false;
  try {
    folder = statSync(target).isDirectory();
  } catch {}
  return folder
    ? `备份位置是一个已有的文件夹：${target}（请给出备份文件的名称），例如：npm run backup -- ${anotherBackupName(dest, at, true)}`
    : `备份文件已存在：${target}（不覆盖已有文件）：请换一个文件名，例如加上时间：npm run backup -- ${anotherBackupName(dest, at)}`;
}

/**
 * `node dist/backup.js DEST` (npm run backup -- DEST at the root): a consistent copy of the SQLite
 * database in DATA_DIR (./data) — the same DATA_DIR as the server's — taken with SQLite's online
 * backup while the server keeps running, not a file copy, which catches the database mid-write.
 * The folder of DEST is created when missing; DEST is never overwritten, is readable by its owner
 * only (600) and is one self-contained file (no -wal/-shm beside it). Every error is said in
 * 简体中文. PostgreSQL: pg_dump (see the README).
 */
export async function backupSqlite(
  dataDir: string,
  dest: string,
  at: Date = new Date(),
): Promise<{ file: string; versions: number }> {
  const file = join(resolve(dataDir), 'nianbao.sqlite');
  if (!existsSync(file))
    throw new Error(`没有找到数据库：${file}（DATA_DIR 是否与服务端的相同？默认为当前目录下的 ./data）`);
  const target = resolve(dest);
  if (existsSync(target)) throw new Error(taken(dest, target, at));
  try {
    mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
  } catch (e) {
    throw new Error(said(e, '无法创建备份文件夹', dirname(target)));
  }
  // Made here, empty and owner-only, before SQLite writes into it: never a moment readable by others.
  try {
    closeSync(openSync(target, 'wx', FILE_MODE));
  } catch (e) {
    // made meanwhile (another backup at the same moment): as a file that was there
    if ((e as { code?: unknown }).code === 'EEXIST') throw new Error(taken(dest, target, at));
    throw new Error(said(e, '无法创建备份文件', target));
  }
  const undo = () => {
    for (const f of [target, `${target}-wal`, `${target}-shm`, `${target}-journal`])
      rmSync(f, { force: true });
  };
  let source: SQLite.Database;
  try {
    source = new SQLite(file, { readonly: true, fileMustExist: true });
  } catch (e) {
    undo();
    throw new Error(said(e, '无法打开数据库', file));
  }
  try {
    await source.backup(target);
  } catch (e) {
    undo();
    throw new Error(said(e, '未能写入备份文件', target));
  } finally {
    source.close();
  }
  try {
    chmodSync(target, FILE_MODE);
    const copy = new SQLite(target);
    try {
      // The copy is one file: a WAL-mode database would want -wal and -shm files beside it.
      copy.pragma('journal_mode = DELETE');
      const check = copy.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw new Error(`备份校验失败：${String(check)}`);
      const { n } = copy.prepare('select count(*) as n from report_versions').get() as { n: number };
      return { file, versions: n };
    } finally {
      copy.close();
    }
  } catch (e) {
    undo();
    if (e instanceof Error && e.message.startsWith('备份校验失败')) throw e;
    throw new Error(said(e, '备份校验失败', target));
  }
}

async function main(): Promise<void> {
  const dest = process.argv[2];
  if (!dest) throw new Error('请给出备份文件：npm run backup -- backups/nianbao-2026-01-31.sqlite');
  if (process.env.DATABASE_URL)
    throw new Error('DATABASE_URL 指向 PostgreSQL：请用 pg_dump 备份（见 README「备份与恢复」）');
  const { file, versions } = await backupSqlite(process.env.DATA_DIR || './data', dest);
  console.log(`已备份：${file} → ${resolve(dest)}（${versions} 个报告版本，校验通过；仅所有者可读）`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url))
  main().catch((e) => {
    // Ours are in 简体中文; anything else still gets a Chinese frame with its code.
    const message =
      e instanceof Error && /[\u4e00-\u9fff]/.test(e.message)
        ? e.message
        : said(e, '备份失败', process.argv[2] ?? '');
    console.error(`备份失败：${message}`);
    process.exit(1);
  });
