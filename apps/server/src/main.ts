#!/usr/bin/env node
import cluster from 'node:cluster';
import { createServer } from 'node:net';
import { availableParallelism } from 'node:os';
import type { serve } from '@hono/node-server';
import { createApp, parseCorsOrigins, serveApp } from './app.js';
import { adminResetLine, applyAdminReset, createFirstAdmin, firstAdminLine, parsePort } from './bootstrap.js';
import { chooseSchedulingPolicy } from './cluster-policy.js';
import { exclusively, openStore, type Store } from './db/connect.js';
import { describeSeed, isEmpty, seedDemo } from './demo/seed.js';
import { setValidateThread } from './validate-pool.js';

/**
 * `node dist/main.js`: PORT (8787), HOST (0.0.0.0), DATA_DIR (./data, SQLite) or DATABASE_URL
 * (postgres://…; NIANBAO_DB_SCHEMA to use a schema other than the search_path's), NIANBAO_SEED=off (or 0/false/no) to skip the demo data on first run (then a 管理员 `admin` is created, its password NIANBAO_ADMIN_PASSWORD or printed once), NIANBAO_DEMO_PASSWORD to give
 * every demo user the same password, NIANBAO_TRUST_PROXY=1 behind a load balancer,
 * NIANBAO_SECURE_COOKIES=1 behind HTTPS, WORKERS=n (or auto) to serve from n processes.
 */
/** An on/off setting: 1/0, on/off, true/false, yes/no in any case; anything else is refused, not guessed. */
function setting(name: string, fallback: boolean): boolean {
  const v = process.env[name]?.trim().toLowerCase();
  if (v === undefined || v === '') return fallback;
  if (['1', 'on', 'true', 'yes'].includes(v)) return true;
  if (['0', 'off', 'false', 'no'].includes(v)) return false;
  throw new Error(`${name} 的值无效：${process.env[name]}（应为 on/off、1/0、true/false 或 yes/no）`);
}

/** Whether the port can be had, asked before anything is set up (a first start prints a password once). */
function portFree(port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (e: NodeJS.ErrnoException) => reject(new Error(listenProblem(e, port, host))));
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

function listenProblem(e: NodeJS.ErrnoException, port: number, host: string): string {
  if (e.code === 'EADDRINUSE') return `端口 ${port} 已被占用（可用 PORT=… 换一个端口）`;
  if (e.code === 'EADDRNOTAVAIL') return `HOST ${host} 不是本机的地址`;
  if (e.code === 'EACCES') return `无权使用端口 ${port}（1024 以下的端口需要管理员权限）`;
  return `无法监听 ${host}:${port}：${e.message}`;
}

/**
 * WORKERS: how many server processes share the port (node:cluster; each has its own connection to
 * the database, as several instances behind a load balancer do). 1 by default; `auto` is one per
 * CPU. Node runs JavaScript on one core per process, so on a machine of several cores a busy
 * server answers more with more processes.
 */
function workerCount(): number {
  const v = process.env.WORKERS?.trim().toLowerCase();
  if (!v) return 1;
  if (v === 'auto') return availableParallelism();
  if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > 64)
    throw new Error(
      `WORKERS 的值无效：${process.env.WORKERS}（应为 1 到 64 的整数，或 auto：每个 CPU 一个进程）`,
    );
  return Number(v);
}

/** Settings every process reads alike. */
function settings() {
  const env = process.env;
  return {
    port: parsePort(env.PORT),
    host: env.HOST || '0.0.0.0',
    seed: setting('NIANBAO_SEED', true),
    trustProxy: setting('NIANBAO_TRUST_PROXY', false),
    secureCookies: setting('NIANBAO_SECURE_COOKIES', false),
    // unset: a thread when the machine has more than one core
    validateThread: process.env.NIANBAO_VALIDATE_THREAD?.trim()
      ? setting('NIANBAO_VALIDATE_THREAD', true)
      : undefined,
    corsOrigins: parseCorsOrigins(env.NIANBAO_CORS_ORIGINS),
    db: {
      databaseUrl: env.DATABASE_URL || undefined,
      dataDir: env.DATA_DIR || './data',
      pgSchema: env.NIANBAO_DB_SCHEMA || undefined,
    },
  };
}

const startedLine = (address: string, port: number, workers: number) =>
  `年报服务已启动：http://${address === '0.0.0.0' ? 'localhost' : address}:${port}/  （接口 /trpc，状态 /healthz${workers > 1 ? `；${workers} 个服务进程` : ''}）`;

/**
 * One of WORKERS processes: the database is set up (migrated, seeded) by the primary before it
 * starts them; each opens its own connection and serves the shared port.
 */
async function worker(): Promise<void> {
  const { port, host, trustProxy, secureCookies, corsOrigins, db, validateThread } = settings();
  setValidateThread(validateThread, workerCount());
  const store = await openStore(db);
  const app = createApp(store, { trustProxy, secureCookies, ...(corsOrigins ? { corsOrigins } : {}) });
  const server = serveApp(app, port, host, (info) =>
    process.send?.({ listening: { address: info.address, port: info.port } }),
  );
  server.on('error', (e: NodeJS.ErrnoException) => {
    process.send?.({ failed: listenProblem(e, port, host) });
    void store.close().finally(() => process.exit(1));
  });
  const stop = stopper(server, store);
  // The primary asks by SIGTERM; Ctrl-C in a terminal reaches every process of the group, and the
  // primary decides.
  process.on('SIGTERM', () => stop());
  process.on('SIGINT', () => {});
}

/**
 * A stop that lets requests in flight finish, closes the database and exits 0 (at most 5 s later).
 * Called twice, it stops once.
 */
function stopper(server: ReturnType<typeof serve>, store: Store): (signal?: string) => void {
  let stopping = false;
  return (signal) => {
    if (stopping) return;
    stopping = true;
    if (signal) console.log(`收到 ${signal}，正在停止……`);
    server.close(() => {
      void store.close().then(() => process.exit(0));
    });
    setTimeout(() => process.exit(0), 5000).unref();
  };
}

/**
 * The primary of WORKERS > 1 processes: starts them, starts again one that dies (a crash of one
 * process does not stop the service), stops them all on SIGINT/SIGTERM.
 */
function supervise(workers: number): void {
  chooseSchedulingPolicy();
  let stopping = false;
  let listening = 0;
  const recentDeaths: number[] = [];
  const fork = () => {
    const w = cluster.fork();
    w.on('message', (m: { listening?: { address: string; port: number }; failed?: string }) => {
      if (m.listening && ++listening === workers)
        console.log(startedLine(m.listening.address, m.listening.port, workers));
      if (m.failed) {
        console.error(`启动失败：${m.failed}`);
        stopAll(1);
      }
    });
    w.on('exit', (code, signal) => {
      if (stopping) return;
      const t = Date.now();
      recentDeaths.push(t);
      while (recentDeaths.length && t - recentDeaths[0]! > 60_000) recentDeaths.shift();
      if (recentDeaths.length > workers * 3) {
        console.error(
          `服务进程一分钟内退出了 ${recentDeaths.length} 次，停止服务（最后一次：${signal ?? `退出码 ${code}`}）`,
        );
        stopAll(1);
        return;
      }
      console.error(`服务进程 ${w.process.pid} 意外退出（${signal ?? `退出码 ${code}`}），正在重新启动`);
      fork();
    });
  };
  const stopAll = (code: number) => {
    if (stopping) return;
    stopping = true;
    const alive = Object.values(cluster.workers ?? {}).filter((w) => w && !w.isDead());
    let left = alive.length;
    if (!left) process.exit(code);
    for (const w of alive)
      w!.once('exit', () => {
        if (--left === 0) process.exit(code);
      });
    for (const w of alive) w!.process.kill('SIGTERM');
    setTimeout(() => process.exit(code), 6000).unref();
  };
  for (let i = 0; i < workers; i++) fork();
  const onSignal = (signal: string) => {
    if (stopping) return;
    console.log(`收到 ${signal}，正在停止……`);
    stopAll(0);
  };
  process.on('SIGINT', () => onSignal('SIGINT'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));
}

async function main(): Promise<void> {
  const env = process.env;
  const { port, host, seed, trustProxy, secureCookies, corsOrigins, db, validateThread } = settings();
  const workers = workerCount();
  setValidateThread(validateThread, workers);
  if (port !== 0) await portFree(port, host);
  const store = await openStore(db);
  console.log(`数据库：${store.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'}  ${store.location}`);
  // Two instances started together on an empty PostgreSQL database: one sets it up, the other then
  // finds it set up (and one applies NIANBAO_ADMIN_RESET, the other finds it applied).
  const reset = setting('NIANBAO_ADMIN_RESET', false);
  if (reset && !env.NIANBAO_ADMIN_PASSWORD)
    throw new Error('NIANBAO_ADMIN_RESET 需要同时给出新密码 NIANBAO_ADMIN_PASSWORD');
  let firstStart = false;
  await exclusively(store, async () => {
    let adminMadeWithPassword = false;
    if (await isEmpty(store)) {
      firstStart = true;
      if (seed) {
        console.log('首次启动，正在创建示例数据……');
        const result = await seedDemo(
          store,
          env.NIANBAO_DEMO_PASSWORD ? { password: env.NIANBAO_DEMO_PASSWORD } : {},
        );
        console.log(describeSeed(result));
      } else {
        // No demo: the first 管理员, who creates the region's agencies and users in the web app (管理).
        const admin = await createFirstAdmin(store, { password: env.NIANBAO_ADMIN_PASSWORD || undefined });
        if (admin) console.log(firstAdminLine(admin));
        adminMadeWithPassword = admin !== null && !admin.generated;
      }
    }
    if (reset) {
      // Once per password: left in the start configuration, it does nothing at the next start.
      const outcome = await applyAdminReset(store, env.NIANBAO_ADMIN_PASSWORD!, {
        alreadySet: adminMadeWithPassword,
      });
      console.log(adminResetLine(outcome, adminMadeWithPassword));
    }
  });
  if (!reset && env.NIANBAO_ADMIN_PASSWORD && !firstStart)
    console.log(
      '注意：NIANBAO_ADMIN_PASSWORD 只在首次启动（空数据库）时使用，本次未使用。忘记管理员密码时，以 NIANBAO_ADMIN_RESET=1 和新的 NIANBAO_ADMIN_PASSWORD 启动一次',
    );
  console.log(
    `设置：${trustProxy ? '信任反向代理（客户端地址取 X-Forwarded-For 最后一项）' : '不信任 X-Forwarded-For'}；${secureCookies ? '会话 Cookie 仅经 HTTPS 发送（Secure）' : '会话 Cookie 未设 Secure（HTTPS 部署请设 NIANBAO_SECURE_COOKIES=1）'}；${corsOrigins === '*' ? '跨域：任何来源可调用公开接口（NIANBAO_CORS_ORIGINS=*）' : corsOrigins ? `跨域：允许 ${corsOrigins.join('、')}` : '不允许跨域调用'}`,
  );
  if (workers > 1) {
    // The database is ready: the processes that serve it open their own connections.
    await store.close();
    supervise(workers);
    return;
  }
  const app = createApp(store, { trustProxy, secureCookies, ...(corsOrigins ? { corsOrigins } : {}) });
  const server = serveApp(app, port, host, (info) => console.log(startedLine(info.address, info.port, 1)));
  server.on('error', (e: NodeJS.ErrnoException) => {
    console.error(`启动失败：${listenProblem(e, port, host)}`);
    void store.close().finally(() => process.exit(1));
  });
  const stop = stopper(server, store);
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

(cluster.isWorker ? worker() : main()).catch((e) => {
  console.error(`启动失败：${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
