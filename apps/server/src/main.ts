#!/usr/bin/env node
import { createServer } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp, HTTP_SERVER_OPTIONS } from './app.js';
import { createFirstAdmin } from './bootstrap.js';
import { exclusively, openStore } from './db/connect.js';
import { describeSeed, isEmpty, seedDemo } from './demo/seed.js';

/**
 * `node dist/main.js`: PORT (8787), HOST (0.0.0.0), DATA_DIR (./data, SQLite) or DATABASE_URL
 * (postgres://…; NIANBAO_DB_SCHEMA to use a schema other than the search_path's), NIANBAO_SEED=off (or 0/false/no) to skip the demo data on first run (then a 管理员 `admin` is created, its password NIANBAO_ADMIN_PASSWORD or printed once), NIANBAO_DEMO_PASSWORD to give
 * every demo user the same password, NIANBAO_TRUST_PROXY=1 behind a load balancer,
 * NIANBAO_SECURE_COOKIES=1 behind HTTPS.
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

async function main(): Promise<void> {
  const env = process.env;
  const portText = env.PORT?.trim() || '8787';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) throw new Error(`PORT 无效：${env.PORT}`);
  const host = env.HOST || '0.0.0.0';
  const seed = setting('NIANBAO_SEED', true);
  const trustProxy = setting('NIANBAO_TRUST_PROXY', false);
  const secureCookies = setting('NIANBAO_SECURE_COOKIES', false);
  if (port !== 0) await portFree(port, host);
  const store = await openStore({
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.DATA_DIR || './data',
    pgSchema: env.NIANBAO_DB_SCHEMA || undefined,
  });
  console.log(`数据库：${store.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'}  ${store.location}`);
  // Two instances started together on an empty PostgreSQL database: one sets it up, the other then
  // finds it set up.
  await exclusively(store, async () => {
    if (await isEmpty(store)) {
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
        if (admin)
          console.log(
            admin.generated
              ? `首次启动：已创建管理员账号 admin，密码 ${admin.password}（仅本次显示，登录后请在“账号”页修改）。`
              : '首次启动：已创建管理员账号 admin，密码为 NIANBAO_ADMIN_PASSWORD 的值。',
          );
      }
    }
  });
  console.log(
    `设置：${trustProxy ? '信任反向代理（客户端地址取 X-Forwarded-For 最后一项）' : '不信任 X-Forwarded-For'}；${secureCookies ? '会话 Cookie 仅经 HTTPS 发送（Secure）' : '会话 Cookie 未设 Secure（HTTPS 部署请设 NIANBAO_SECURE_COOKIES=1）'}`,
  );
  const app = createApp(store, { trustProxy, secureCookies });
  const server = serve(
    { fetch: app.fetch, port, hostname: host, serverOptions: HTTP_SERVER_OPTIONS },
    (info) => {
      console.log(
        `年报服务已启动：http://${info.address === '0.0.0.0' ? 'localhost' : info.address}:${info.port}/  （接口 /trpc，状态 /healthz）`,
      );
    },
  );
  server.on('error', (e: NodeJS.ErrnoException) => {
    console.error(`启动失败：${listenProblem(e, port, host)}`);
    void store.close().finally(() => process.exit(1));
  });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`收到 ${signal}，正在停止……`);
    server.close(() => {
      void store.close().then(() => process.exit(0));
    });
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((e) => {
  console.error(`启动失败：${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
