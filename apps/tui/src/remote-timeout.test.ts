import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_DIR, CLI, fixture, tempDir } from './test-support/cli.js';

/** A server that takes the connection and the request, and never answers (hung, or a dead backend). */
let server: Server;
let url = '';
const sockets: Socket[] = [];
/** One that reads the request and closes the connection without answering (a proxy's limit). */
let dropping: Server;
let dropUrl = '';
let requests = 0;
beforeAll(async () => {
  server = createServer((s) => {
    sockets.push(s);
    s.on('data', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  dropping = createServer((s) =>
    s.on('data', () => {
      requests++;
      s.destroy();
    }),
  );
  await new Promise<void>((resolve) => dropping.listen(0, '127.0.0.1', resolve));
  dropUrl = `http://127.0.0.1:${(dropping.address() as { port: number }).port}`;
});
afterAll(() => {
  for (const s of sockets) s.destroy();
  server.close();
  dropping.close();
});

function run(args: readonly string[], env: Record<string, string>) {
  const started = Date.now();
  return new Promise<{ code: number; stdout: string; stderr: string; ms: number }>((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      {
        cwd: APP_DIR,
        encoding: 'utf8',
        timeout: 60_000,
        env: { ...process.env, NO_COLOR: '1', NIANBAO_SERVER: '', NIANBAO_TOKEN: '', ...env },
      },
      (err, stdout, stderr) =>
        resolve({
          code: err ? ((err as { code?: number }).code ?? -1) : 0,
          stdout,
          stderr,
          ms: Date.now() - started,
        }),
    );
  });
}

describe('a server that never answers', () => {
  it('list, pull and push give up after NIANBAO_TIMEOUT seconds: said, SERVER_TIMEOUT, exit 2, nothing written', async () => {
    const dir = tempDir();
    const out = join(dir, 'pulled.json');
    const cases = [
      ['list', '--json'],
      ['pull', 'r1', '-o', out, '--json'],
      ['push', fixture('example-2022.json'), '--agency-id', 'a1', '--json'],
    ];
    const results = await Promise.all(
      cases.map((args) => run([...args, '--server', url, '--token', 't'], { NIANBAO_TIMEOUT: '1' })),
    );
    for (const r of results) {
      expect(r.ms).toBeLessThan(30_000); // was five minutes (node's own limit), then 「无法连接服务器」
      expect(r.code).toBe(2);
      // --json: pull and push say it per file on stdout, list as its error (and on stderr)
      expect(r.stdout).toContain('秒内没有应答');
      expect(r.stdout).toContain('NIANBAO_TIMEOUT');
      expect(r.stdout).toContain('SERVER_TIMEOUT');
    }
    expect(JSON.parse(results[0]!.stdout).error).toMatchObject({ code: 'SERVER_TIMEOUT', exitCode: 2 });
    expect(existsSync(out)).toBe(false);
  }, 90_000);

  it('a NIANBAO_TIMEOUT that is no number of seconds is refused before anything is sent', async () => {
    const r = await run(['list', '--json', '--server', url, '--token', 't'], { NIANBAO_TIMEOUT: 'abc' });
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).error.code).toBe('INVALID_TIMEOUT');
    expect(r.stderr).toContain('NIANBAO_TIMEOUT 应为正数');
  });

  it('a connection closed after the request was sent is not 「无法连接」 nor 「未上传」: the outcome is unknown, said so', async () => {
    const r = await run(
      ['push', fixture('example-2022.json'), '--agency-id', 'a1', '--server', dropUrl, '--token', 't'],
      {},
    );
    expect(requests).toBeGreaterThan(0); // the server did get the request
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('上传结果不明');
    expect(r.stdout).toContain('CONNECTION_LOST');
    expect(r.stdout).toContain('请求可能已被服务器处理');
    expect(r.stdout).not.toContain('无法连接');
    expect(r.stderr).toContain('未上传或结果不明');
    const j = await run(['pull', 'r1', '--json', '--server', dropUrl, '--token', 't'], {});
    expect(JSON.parse(j.stdout).files[0]).toMatchObject({ ok: false, code: 'CONNECTION_LOST' });
  });
});

describe('names the server gives, as file names', () => {
  it('pull into a folder: an agency name with / or .. stays a file inside the folder', async () => {
    const report = JSON.parse(readFileSync(fixture('example-2022.json'), 'utf8'));
    const names = ['../../逃出', '区委宣传部/区新闻出版局', '..', 'a:b*c?'];
    let n = 0;
    const http = createHttpServer((_req, res) => {
      const agencyName = names[n++ % names.length];
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          result: {
            data: { id: `r${n}`, agencyName, year: 2022, version: 1, statusLabel: '草稿', report },
          },
        }),
      );
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const at = `http://127.0.0.1:${(http.address() as { port: number }).port}`;
    const root = tempDir();
    const dir = join(root, 'a', 'b');
    mkdirSync(dir, { recursive: true });
    const r = await run(['pull', 'r1', 'r2', 'r3', 'r4', '-o', dir, '--server', at, '--token', 't'], {});
    http.close();
    expect(r.code, r.stdout + r.stderr).toBe(0);
    // every file in the folder pulled to, nothing above it
    expect(readdirSync(root)).toEqual(['a']);
    expect(readdirSync(join(root, 'a'))).toEqual(['b']);
    expect(
      readdirSync(dir)
        .filter((f) => !f.startsWith('.nianbao'))
        .sort(),
    ).toEqual(
      [
        '__-2022.json',
        '___.._逃出-2022.json',
        '区委宣传部_区新闻出版局-2022.json',
        'a_b_c_-2022.json',
      ].sort(),
    );
  });
});
