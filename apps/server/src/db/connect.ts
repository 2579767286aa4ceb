import { closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { CompiledQuery, type Driver, Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { startCheckpointer } from './checkpointer.js';
import { migrateToLatest } from './migrations.js';
import type { Database } from './schema.js';

export type DialectName = 'sqlite' | 'postgres';

export interface DbOptions {
  /** postgres://… → PostgreSQL; otherwise SQLite in dataDir. */
  readonly databaseUrl?: string | undefined;
  /** SQLite: the directory holding nianbao.sqlite (created when missing). Default ./data. */
  readonly dataDir?: string | undefined;
  /** PostgreSQL: the schema to use (created when missing); default the server's search_path. */
  readonly pgSchema?: string | undefined;
  /** PostgreSQL pool size (default 10). */
  readonly poolSize?: number;
}

export interface Store {
  readonly db: Kysely<Database>;
  readonly dialect: DialectName;
  /** Where the data lives, for the console (a path or the URL without its password). */
  readonly location: string;
  close(): Promise<void>;
}

/**
 * Kysely prepares every query afresh; with better-sqlite3 preparing costs more than running a small
 * query. Reuse prepared statements by SQL text (bounded). Safe: better-sqlite3 runs a statement to
 * completion synchronously, and Kysely never streams from these.
 */
function withStatementCache(db: SQLite.Database, max = 500): SQLite.Database {
  const cache = new Map<string, SQLite.Statement>();
  const prepare = db.prepare.bind(db);
  return new Proxy(db, {
    get(target, prop, receiver) {
      if (prop === 'prepare')
        return (sql: string) => {
          let stmt = cache.get(sql);
          if (!stmt) {
            stmt = prepare(sql);
            if (cache.size >= max) cache.delete(cache.keys().next().value!);
            cache.set(sql, stmt);
          }
          return stmt;
        };
      const v = Reflect.get(target, prop, receiver);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}

const SAFE_SCHEMA = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * DATABASE_URL as the console and error messages may show it: without its password, wherever the
 * URL holds one. The userinfo is everything before the last `@`, so a password with an unencoded
 * `@`, `/`, `#` or `?` (which URL parsers read as the host, path or fragment) is hidden whole too;
 * `password=` / `sslpassword=` parameters are hidden as well. A string that is no URL shows only
 * what cannot be a secret.
 */
export function redactDatabaseUrl(url: string): string {
  const masked = url.replace(/([?&](?:ssl)?password=)[^&#]*/gi, '$1***');
  const m = /^([a-z][a-z0-9+.-]*:\/\/)([\s\S]*)$/i.exec(masked);
  if (!m) return /^[a-z][a-z0-9+.-]*:/i.exec(masked)?.[0] ?? '***';
  const scheme = m[1]!;
  const rest = m[2]!;
  const at = rest.lastIndexOf('@');
  if (at < 0) return masked;
  const userinfo = rest.slice(0, at);
  const colon = userinfo.indexOf(':');
  const user = colon < 0 ? userinfo : userinfo.slice(0, colon);
  const shown = /^[\w.-]*$/.test(user) ? user : '***';
  return `${scheme}${colon < 0 && shown === user ? user : `${shown}:***`}@${rest.slice(at + 1)}`;
}

/**
 * Why the SQLite file cannot be used, said to the operator in 简体中文 with the file and what to do
 * (a backup restored as root into the folder of a server run as another user is the usual case),
 * the system's code kept for searching.
 */
export function cannotUse(e: unknown, what: string, file: string, dir: string): string {
  const code = String((e as { code?: unknown })?.code ?? '');
  const message = e instanceof Error ? e.message : String(e);
  let user = '';
  try {
    user = userInfo().username;
  } catch {}
  const who = `运行服务的用户${user ? `（${user}）` : ''}`;
  const access = `请确认${who}能读写文件夹 ${dir} 和其中的 nianbao.sqlite（及 -wal、-shm），例如 chown -R ${user || '该用户'} ${dir}`;
  const reasons: [RegExp, string][] = [
    [/^(EACCES|EPERM)$/, `没有权限；${access}`],
    [/^SQLITE_READONLY/, `文件或文件夹只读；${access}`],
    [/^SQLITE_CANTOPEN/, `打不开（多为没有权限，或该路径是文件夹）；${access}`],
    [/^EROFS$/, '所在磁盘为只读'],
    [/^ENOTDIR$/, 'DATA_DIR 的路径中有一段不是文件夹'],
    [/^(ENOSPC|SQLITE_FULL)$/, '磁盘空间不足'],
  ];
  const reason = reasons.find(([re]) => re.test(code))?.[1] ?? message;
  return `${what}：${file}（${reason}${code ? `，${code}` : ''}）`;
}

/** A DATABASE_URL pg cannot read as a URL: said with what to do, never with its password. */
const URL_ENCODING_HINT =
  '用户名或密码中的特殊字符须按 URL 编码书写：@ 写成 %40，/ 写成 %2F，# 写成 %23，? 写成 %3F，: 写成 %3A，% 写成 %25';

/** Open the database (SQLite by default, PostgreSQL with a postgres:// URL) and migrate it. */
export async function openStore(options: DbOptions = {}): Promise<Store> {
  const url = options.databaseUrl;
  if (url && /^postgres(ql)?:\/\//.test(url)) {
    const schema = options.pgSchema;
    if (schema !== undefined && !SAFE_SCHEMA.test(schema))
      throw new Error(`无效的 PostgreSQL 模式名：${schema}`);
    const safeUrl = redactDatabaseUrl(url);
    // Said as what it is (unreachable, wrong password, no such database, not a URL), not as a
    // failed migration.
    const unreachable = (e: unknown) =>
      (e as { code?: unknown })?.code === 'ERR_INVALID_URL'
        ? new Error(`DATABASE_URL 不是有效的地址（${safeUrl}）：${URL_ENCODING_HINT}`)
        : new Error(`无法连接 PostgreSQL（${safeUrl}）：${e instanceof Error ? e.message : String(e)}`);
    if (schema) {
      let c: pg.Client;
      try {
        c = new pg.Client({ connectionString: url });
      } catch (e) {
        throw unreachable(e);
      }
      await c.connect().catch((e) => {
        throw unreachable(e);
      });
      try {
        await c.query(`create schema if not exists "${schema}"`);
      } finally {
        await c.end();
      }
    }
    const pool = new pg.Pool({
      connectionString: url,
      max: options.poolSize ?? 10,
      ...(schema ? { options: `-c search_path=${schema}` } : {}),
    });
    // An idle connection the server closed (a restart, a DBA, idle_session_timeout) is an 'error'
    // event of the pool; unheard, it would end the process. The pool drops it and connects anew.
    pool.on('error', (e) => console.error(`[db] 数据库连接断开（${e.message}），下次使用时重新连接`));
    // A connection in use between two queries (a lock held while the first start sets up) may be
    // ended too: its own 'error' event, unheard, would end the process as well. Its next query fails.
    pool.on('connect', (client) => {
      client.on('error', (e) => console.error(`[db] 使用中的数据库连接断开：${e.message}`));
    });
    try {
      await pool.query('select 1');
    } catch (e) {
      await pool.end().catch(() => {});
      throw unreachable(e);
    }
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    await migrateToLatest(db, 'postgres', schema);
    return {
      db,
      dialect: 'postgres',
      location: schema ? `${safeUrl} (schema ${schema})` : safeUrl,
      close: () => db.destroy(),
    };
  }
  if (url) {
    // Only a scheme is named: a keyword string (host=… password=…) would print its password.
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1];
    throw new Error(
      `DATABASE_URL 只支持 postgres:// 或 postgresql:// 地址（例如 postgres://用户名:密码@主机:5432/库名）${scheme ? `，这里给的是 ${scheme}:` : ''}`,
    );
  }
  const dir = resolve(options.dataDir ?? './data');
  const file = join(dir, 'nianbao.sqlite');
  let sqlite: SQLite.Database;
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    // A new database is readable by its owner only (600): it holds password hashes and every report.
    // SQLite gives its -wal and -shm files the database file's permissions.
    if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
    sqlite = new SQLite(file);
  } catch (e) {
    throw new Error(cannotUse(e, '无法打开数据库文件', file, dir));
  }
  // A damaged file (copied while being written, a disk fault) or one we cannot write is said at
  // start, not as 500s on every save while /healthz says all is well.
  let check: unknown;
  try {
    check = sqlite.pragma('quick_check', { simple: true });
  } catch (e) {
    check = e instanceof Error ? e.message : String(e); // 「file is not a database」
  }
  if (check !== 'ok') {
    sqlite.close();
    // quick_check lists up to 100 problems, one a line: the first three, and how many.
    const problems = String(check).split('\n');
    const shown = `${problems.slice(0, 3).join('；')}${problems.length > 3 ? `……共 ${problems.length} 处问题` : ''}`;
    throw new Error(`数据库文件已损坏（${file}：${shown}）；请从备份恢复（见 README「备份与恢复」）`);
  }
  try {
    sqlite.exec('BEGIN IMMEDIATE; ROLLBACK');
    // Writes the file (a restored backup is in rollback-journal mode): a read-only file fails here.
    sqlite.pragma('journal_mode = WAL');
  } catch (e) {
    sqlite.close();
    throw new Error(cannotUse(e, '数据库文件不可写', file, dir));
  }
  // After a checkpoint the WAL file is cut back to 64 MB: a burst of saves does not keep its size.
  sqlite.pragma('journal_size_limit = 67108864');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({
    dialect: new SqliteKeepingCause({ database: withStatementCache(sqlite) }),
  });
  await migrateToLatest(db, 'sqlite');
  const checkpointer = startCheckpointer(sqlite, file);
  return {
    db,
    dialect: 'sqlite',
    location: file,
    close: async () => {
      await checkpointer.stop();
      await db.destroy();
    },
  };
}

/**
 * SQLite undoes a transaction itself when its COMMIT fails (a full disk): Kysely's ROLLBACK then
 * fails with 「no transaction is active」, and that error replaced the one that says what happened.
 */
class SqliteKeepingCause extends SqliteDialect {
  override createDriver(): Driver {
    const driver = super.createDriver();
    // BEGIN IMMEDIATE: a transaction takes the write lock when it starts, waiting (busy_timeout) while
    // another process holds it (WORKERS > 1). A deferred BEGIN that read first and wrote later would
    // fail at once with SQLITE_BUSY when another process had written in between.
    driver.beginTransaction = async (connection) => {
      await connection.executeQuery(CompiledQuery.raw('begin immediate'));
    };
    const rollback = driver.rollbackTransaction.bind(driver);
    driver.rollbackTransaction = async (connection) => {
      try {
        await rollback(connection);
      } catch (e) {
        if (!/no transaction is active/.test(e instanceof Error ? e.message : String(e))) throw e;
      }
    };
    return driver;
  }
}

/**
 * Run `fn` while no other server instance on the same database runs it: on PostgreSQL a session
 * advisory lock held by one connection for the duration (two instances started together on an
 * empty database would both seed it); SQLite has one process.
 */
export async function exclusively<T>(store: Store, fn: () => Promise<T>): Promise<T> {
  if (store.dialect !== 'postgres') return fn();
  return store.db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${FIRST_START_LOCK})`.execute(conn);
    try {
      return await fn();
    } finally {
      await sql`select pg_advisory_unlock(${FIRST_START_LOCK})`.execute(conn);
    }
  });
}

/** The advisory lock key of the first-start setup ("nianbao" in ASCII, cut to fit a JavaScript number exactly). */
const FIRST_START_LOCK = 0x6e69616e6261;

/**
 * Inside a transaction: wait for, and hold until it ends, the lock named `name`, so that a check and
 * the write it allows (no other agency of this name under this parent, no user of this name) are
 * one step for every instance. PostgreSQL (READ COMMITTED: two transactions would both find nothing
 * and both insert): a transaction-scoped advisory lock on the name's hash. SQLite: nothing to do —
 * every transaction holds the database's write lock from its start (BEGIN IMMEDIATE), and in one
 * process its one connection.
 */
export async function lockWithin(tx: Kysely<Database>, dialect: DialectName, name: string): Promise<void> {
  if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(hashtext(${name}))`.execute(tx);
}
