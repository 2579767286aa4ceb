#!/usr/bin/env node
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';

/**
 * `node dist/backup.js DEST` (npm run backup -- DEST at the root): a consistent copy of the SQLite
 * database in DATA_DIR (./data), taken with SQLite's online backup while the server keeps running —
 * not a file copy, which catches the database mid-write. PostgreSQL: pg_dump (see the README).
 */
export async function backupSqlite(
  dataDir: string,
  dest: string,
): Promise<{ file: string; versions: number }> {
  const file = join(resolve(dataDir), 'nianbao.sqlite');
  if (!existsSync(file)) throw new Error(`没有找到数据库：${file}（DATA_DIR 是否正确？）`);
  if (existsSync(dest)) throw new Error(`备份文件已存在：${dest}（不覆盖已有文件）`);
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    await db.backup(dest);
  } finally {
    db.close();
  }
  const copy = new SQLite(dest, { readonly: true });
  try {
    const check = copy.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`备份校验失败：${String(check)}`);
    const { n } = copy.prepare('select count(*) as n from report_versions').get() as { n: number };
    return { file, versions: n };
  } finally {
    copy.close();
  }
}

async function main(): Promise<void> {
  const dest = process.argv[2];
  if (!dest) throw new Error('请给出备份文件：npm run backup -- backups/nianbao-2026-01-31.sqlite');
  if (process.env.DATABASE_URL)
    throw new Error('DATABASE_URL 指向 PostgreSQL：请用 pg_dump 备份（见 README「备份与恢复」）');
  const { file, versions } = await backupSqlite(process.env.DATA_DIR || './data', dest);
  console.log(`已备份：${file} → ${dest}（${versions} 个报告版本，校验通过）`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url))
  main().catch((e) => {
    console.error(`备份失败：${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  });
