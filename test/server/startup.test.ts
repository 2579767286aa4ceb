// Starting the built server as an operator does: wrong settings and a busy port are said in 简体中文
// before anything is set up, and NIANBAO_SEED reads as people write it.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const MAIN = join(import.meta.dirname, '../../apps/server/dist/main.js');
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Run main.js with these settings (SQLite in a fresh dir) until it exits or prints its URL. */
function run(
  settings: Record<string, string>,
): Promise<{ code: number | null; out: string; dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'nianbao-startup-'));
  dirs.push(dataDir);
  const { DATABASE_URL: _pg, ...env } = process.env;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN], {
      env: { ...env, HOST: '127.0.0.1', PORT: '0', DATA_DIR: join(dataDir, 'data'), ...settings },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no answer:\n${out}`));
    }, 30_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      if (/年报服务已启动/.test(out)) child.kill('SIGTERM');
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, out, dataDir: join(dataDir, 'data') });
    });
  });
}

describe.skipIf(!existsSync(MAIN))(
  'starting the server (apps/server/dist/main.js)',
  { timeout: 60_000 },
  () => {
    it('a port in use is said before the first start sets anything up (no admin password shown and lost)', async () => {
      const busy: Server = createServer();
      const port = await new Promise<number>((r) =>
        busy.listen(0, '127.0.0.1', () => r((busy.address() as { port: number }).port)),
      );
      try {
        const r = await run({ PORT: String(port), NIANBAO_SEED: 'off' });
        expect(r.code).toBe(1);
        expect(r.out).toContain(`启动失败：端口 ${port} 已被占用`);
        expect(r.out).not.toContain('已创建管理员账号');
        expect(existsSync(join(r.dataDir, 'nianbao.sqlite'))).toBe(false);
      } finally {
        busy.close();
      }
    });

    it('NIANBAO_SEED=OFF (any case) starts without the demo; a value it cannot read is refused', async () => {
      const off = await run({ NIANBAO_SEED: 'OFF', NIANBAO_ADMIN_PASSWORD: 'Adm1n-Secret-Pw' });
      expect(off.out).toContain('已创建管理员账号 admin，密码为 NIANBAO_ADMIN_PASSWORD 的值');
      expect(off.out).not.toContain('示例数据');
      const bad = await run({ NIANBAO_SEED: 'maybe' });
      expect(bad.code).toBe(1);
      expect(bad.out).toContain('启动失败：NIANBAO_SEED 的值无效：maybe');
      const port = await run({ PORT: 'abc' });
      expect(port.code).toBe(1);
      // what a valid value is, not only that this one is not
      expect(port.out).toContain('启动失败：PORT 无效：abc（应为 1–65535 之间的整数端口号，如 PORT=8787）');
      expect(existsSync(join(port.dataDir, 'nianbao.sqlite'))).toBe(false);
      expect((await run({ PORT: '80.5' })).out).toContain('PORT 无效：80.5（应为 1–65535');
    });

    it('WORKERS: a count or auto (one process per CPU); anything else is refused before anything is set up', async () => {
      const bad = await run({ WORKERS: 'zwei' });
      expect(bad.code).toBe(1);
      expect(bad.out).toContain('启动失败：WORKERS 的值无效：zwei（应为 1 到 64 的整数，或 auto');
      expect(existsSync(join(bad.dataDir, 'nianbao.sqlite'))).toBe(false);
      const auto = await run({ WORKERS: 'auto', NIANBAO_SEED: 'off' });
      expect(auto.out).toContain('年报服务已启动');
      const cpus = (await import('node:os')).availableParallelism();
      if (cpus > 1) expect(auto.out).toContain(`${cpus} 个服务进程`);
      expect(auto.code).toBe(0); // SIGTERM stopped every process
    });

    it('a PostgreSQL that cannot be reached is said as such, its password masked', async () => {
      const r = await run({ DATABASE_URL: 'postgres://nb:secret-pw@127.0.0.1:1/nianbao' });
      expect(r.code).toBe(1);
      expect(r.out).toContain('启动失败：无法连接 PostgreSQL（postgres://nb:***@127.0.0.1:1/nianbao）');
      expect(r.out).not.toContain('secret-pw');
    });
  },
);
