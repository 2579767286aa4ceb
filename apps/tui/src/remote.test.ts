import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { serve } from '@hono/node-server';
import { createApp, openStore, seedDemo } from '@nianbao/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, fixture, tempDir } from './test-support/cli.js';

const run = promisify(execFile);

/** The real server on a free port over a temporary SQLite database, with the demo data. */
let url = '';
let token = '';
let stop: () => Promise<void> = async () => {};

async function nianbao(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run(process.execPath, [CLI, ...args], {
      env: { ...process.env, NO_COLOR: '1', NIANBAO_SERVER: '', NIANBAO_TOKEN: '' },
      maxBuffer: 1 << 26,
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
}

beforeAll(async () => {
  const store = await openStore({ dataDir: tempDir() });
  await seedDemo(store, { password: 'pw-for-tests-1' });
  const app = createApp(store, {});
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((r) => server.once('listening', () => r()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  stop = async () => {
    await new Promise<void>((r) => server.close(() => r()));
    await store.close();
  };
  // Log in as the administrator, then make an API token as an integrator would.
  const login = await fetch(`${url}/trpc/auth.login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'pw-for-tests-1' }),
  });
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const res = await fetch(`${url}/trpc/auth.tokens.create`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ name: 'nianbao-cli-test' }),
  });
  token = ((await res.json()) as { result: { data: { token: string } } }).result.data.token;
}, 60_000);

afterAll(() => stop());

describe('--server: list, pull, push and check against the real tRPC API', () => {
  it('list, pull, edit locally, push a new version, check on the server', async () => {
    const listed = await nianbao(['list', '--server', url, '--token', token, '--json']);
    expect(listed.code).toBe(0);
    const items = JSON.parse(listed.stdout).items as {
      id: string;
      agencyName: string;
      year: number;
      version: number;
      status: string;
    }[];
    expect(items.length).toBeGreaterThan(0);
    const human = await nianbao(['list', '--server', url, '--token', token]);
    expect(human.stdout).toMatch(/编号\s+机关\s+年度\s+版本\s+状态/);
    const first = items.filter((i) => i.status === 'draft')[0]!;

    const dir = tempDir();
    const pulled = await nianbao(['pull', first.id, '--server', url, '--token', token, '-o', dir]);
    expect(pulled.code).toBe(0);
    const file = join(dir, `${first.agencyName}-${first.year}.json`);
    const report = JSON.parse(readFileSync(file, 'utf8'));
    expect(report.meta.agency.name).toBe(first.agencyName);
    expect(
      JSON.parse(readFileSync(join(dir, '.nianbao-sync.json'), 'utf8'))[
        `${first.agencyName}-${first.year}.json`
      ],
    ).toMatchObject({ id: first.id, version: first.version });

    report.sections.problems = '专职人员不足，下一步加强培训和督办。';
    writeFileSync(file, JSON.stringify(report));
    const pushed = await nianbao(['push', file, '--server', url, '--token', token, '--note', '命令行测试']);
    expect(pushed.stderr).toContain(`第 ${first.version + 1} 版`);
    expect(pushed.code).toBe(0);

    const checked = await nianbao(['check', '--json', '--server', url, '--token', token, first.id]);
    const out = JSON.parse(checked.stdout);
    expect(out.files[0]).toMatchObject({ ok: true, agency: first.agencyName, year: first.year });
    expect([0, 1]).toContain(checked.code);
  });

  it('a push over a report changed elsewhere is refused, loudly', async () => {
    const listed = JSON.parse((await nianbao(['list', '--server', url, '--token', token, '--json'])).stdout);
    const target = listed.items.filter((i: { status: string }) => i.status === 'draft')[1];
    const dir = tempDir();
    await nianbao(['pull', target.id, '--server', url, '--token', token, '-o', dir]);
    const file = join(dir, `${target.agencyName}-${target.year}.json`);
    // Someone else saves first.
    const other = tempDir();
    await nianbao(['pull', target.id, '--server', url, '--token', token, '-o', other]);
    expect(
      (
        await nianbao([
          'push',
          join(other, `${target.agencyName}-${target.year}.json`),
          '--server',
          url,
          '--token',
          token,
        ])
      ).code,
    ).toBe(0);
    const r = await nianbao(['push', file, '--server', url, '--token', token]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^nianbao：服务器返回错误：.*(版本|冲突|已被)/);
  });

  it('a bad token or an unreachable server is one line, exit 2', async () => {
    const bad = await nianbao(['list', '--server', url, '--token', 'nbt_wrong']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('令牌无效');
    const down = await nianbao(['list', '--server', 'http://127.0.0.1:9', '--token', token]);
    expect(down.code).toBe(2);
    expect(down.stderr).toContain('无法连接服务器');
    const none = await nianbao(['list']);
    expect(none.stderr).toContain('--server');
    const seed = await nianbao(['push', fixture('seed-2020.json'), '--server', url, '--token', token]);
    expect(seed.code).toBe(2);
    expect(seed.stderr).toContain('--agency-id');
  });
});
