// A lost 管理员 password: NIANBAO_ADMIN_PASSWORD is used on the first start only (said when given
// later), and NIANBAO_ADMIN_RESET=1 with it sets the password of `admin` again, by whoever runs the
// server. Black box: the built server on SQLite (or the PostgreSQL schema of CI's second run).
import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { freshDatabase, login, MAIN, startServer } from './support.js';

const db = freshDatabase('adminreset');
afterAll(async () => db.cleanup());

const stopped = (s: Awaited<ReturnType<typeof startServer>>) =>
  new Promise<void>((res) => {
    s.child.once('exit', () => res());
    s.child.kill('SIGTERM');
  });

describe.skipIf(!existsSync(MAIN))('a lost admin password', () => {
  it('is set again with NIANBAO_ADMIN_RESET=1; NIANBAO_ADMIN_PASSWORD alone after the first start is said to be unused', async () => {
    const base = { ...db.env, NIANBAO_SEED: 'off' };
    const first = await startServer({ ...base, NIANBAO_ADMIN_PASSWORD: 'First-pass-1' });
    expect(first.output()).toContain('已创建管理员账号 admin');
    await login(first.url, 'admin', 'First-pass-1');
    await stopped(first);

    // Given again with another value: not used, and said so with the way to reset.
    const again = await startServer({ ...base, NIANBAO_ADMIN_PASSWORD: 'Second-pass-2' });
    expect(again.output()).toContain(
      '注意：NIANBAO_ADMIN_PASSWORD 只在首次启动（空数据库）时使用，本次未使用',
    );
    expect((await login(again.url, 'admin', 'Second-pass-2').catch((e: Error) => e)) instanceof Error).toBe(
      true,
    );
    await stopped(again);

    // Reset: the new password works, the old one does not.
    const reset = await startServer({
      ...base,
      NIANBAO_ADMIN_RESET: '1',
      NIANBAO_ADMIN_PASSWORD: 'Second-pass-2',
    });
    expect(reset.output()).toContain(
      '已按 NIANBAO_ADMIN_RESET 把管理员 admin 的密码重设为 NIANBAO_ADMIN_PASSWORD 的值',
    );
    const admin = await login(reset.url, 'admin', 'Second-pass-2');
    expect((await admin.auth.me.query())?.role).toBe('admin');
    expect((await login(reset.url, 'admin', 'First-pass-1').catch((e: Error) => e)) instanceof Error).toBe(
      true,
    );
    await stopped(reset);
  }, 90_000);
});
