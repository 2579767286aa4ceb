#!/usr/bin/env node
import { serve } from '@hono/node-server';
import { createApp } from './app.js';
import { createFirstAdmin } from './bootstrap.js';
import { openStore } from './db/connect.js';
import { describeSeed, isEmpty, seedDemo } from './demo/seed.js';

/**
 * `node dist/main.js`: PORT (8787), HOST (0.0.0.0), DATA_DIR (./data, SQLite) or DATABASE_URL
 * (postgres://…; NIANBAO_DB_SCHEMA to use a schema other than the search_path's), NIANBAO_SEED=off to skip the demo data on first run (then a 管理员 `admin` is created, its password NIANBAO_ADMIN_PASSWORD or printed once), NIANBAO_DEMO_PASSWORD to give
 * every demo user the same password, NIANBAO_TRUST_PROXY=1 behind a load balancer,
 * NIANBAO_SECURE_COOKIES=1 behind HTTPS.
 */
async function main(): Promise<void> {
  const env = process.env;
  const port = Number(env.PORT ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT 无效：${env.PORT}`);
  const store = await openStore({
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.DATA_DIR || './data',
    pgSchema: env.NIANBAO_DB_SCHEMA || undefined,
  });
  console.log(`数据库：${store.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'}  ${store.location}`);
  if (await isEmpty(store)) {
    if (env.NIANBAO_SEED !== 'off') {
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
  const app = createApp(store, {
    trustProxy: env.NIANBAO_TRUST_PROXY === '1',
    secureCookies: env.NIANBAO_SECURE_COOKIES === '1',
  });
  const server = serve({ fetch: app.fetch, port, hostname: env.HOST || '0.0.0.0' }, (info) => {
    console.log(
      `年报服务已启动：http://${info.address === '0.0.0.0' ? 'localhost' : info.address}:${info.port}/  （接口 /trpc，状态 /healthz）`,
    );
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
