import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { type AddressInfo, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { serve } from '@hono/node-server';
import { exampleReport, type Report } from '@nianbao/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, HTTP_SERVER_OPTIONS, serveApp } from './app.js';
import { DB_LABEL, failure, makeClient, makeWorld, type World } from './test-support/harness.js';

type Server = ReturnType<typeof serve>;

function listen(app: ReturnType<typeof createApp>): Promise<{ server: Server; url: string }> {
  return new Promise((resolve) => {
    // As main.ts serves it.
    const server = serveApp(app, 0, '127.0.0.1', (info: AddressInfo) =>
      resolve({ server, url: `http://127.0.0.1:${info.port}` }),
    );
  });
}
const close = (s: Server) => new Promise<void>((r) => s.close(() => r()));

let w: World;
let srv: { server: Server; url: string };
beforeAll(async () => {
  w = await makeWorld();
  srv = await listen(w.app);
});
afterAll(async () => {
  if (srv) await close(srv.server);
  await w?.cleanup();
});

const example = (r: Report, scale = 1): Report => {
  const e = exampleReport({ year: r.meta.year, agency: r.meta.agency, scale });
  return { ...e, meta: { ...e.meta, agency: r.meta.agency } };
};

describe(`over real HTTP (${DB_LABEL})`, () => {
  it('GET /healthz, the not-built page at /, JSON 404 elsewhere', async () => {
    const h = await fetch(`${srv.url}/healthz`);
    expect(h.status).toBe(200);
    expect(await h.json()).toMatchObject({
      ok: true,
      database: DB_LABEL === 'SQLite' ? 'sqlite' : 'postgres',
    });
    const root = await fetch(`${srv.url}/`);
    expect(root.headers.get('content-type')).toMatch(/text\/html/);
    const html = await root.text();
    expect(html).toMatch(/网页端尚未构建/);
    expect(html).toMatch(/href="\/healthz"/);
    expect((await fetch(`${srv.url}/nope`)).status).toBe(404);
  });

  it('HEAD on /trpc answers the status GET would (404 for no such procedure, 401 without a login), no body', async () => {
    for (const [path, status] of [
      ['/trpc/no.such.procedure', 404],
      ['/trpc/reports.list', 401],
      ['/trpc/auth.me', 200],
    ] as const) {
      const head = await fetch(`${srv.url}${path}`, { method: 'HEAD' });
      expect(head.status, `HEAD ${path}`).toBe(status);
      expect(head.status).toBe((await fetch(`${srv.url}${path}`)).status);
      expect(await head.text()).toBe('');
    }
  });

  it('a request Node cannot parse is answered in the API’s error shape, in 简体中文, not a bare 400/431', async () => {
    const { port } = srv.server.address() as AddressInfo;
    const raw = (bytes: Buffer | string) =>
      new Promise<{ head: string; body: string }>((resolve, reject) => {
        const c = connect(port, '127.0.0.1', () => c.end(bytes));
        let got = '';
        c.setEncoding('utf8');
        c.on('data', (d) => (got += d));
        c.on('error', reject);
        c.on('close', () => {
          const at = got.indexOf('\r\n\r\n');
          resolve({ head: got.slice(0, at), body: got.slice(at + 4) });
        });
      });
    // An integrator's year in full-width digits, not percent-encoded.
    const unencoded = await raw(Buffer.from('GET /export/opendata?year=１２ HTTP/1.1\r\nHost: x\r\n\r\n'));
    expect(unencoded.head).toMatch(/^HTTP\/1\.1 400 /);
    expect(unencoded.head).toMatch(/content-type: application\/json/i);
    expect(JSON.parse(unencoded.body).error.data).toMatchObject({
      httpStatus: 400,
      appCode: 'BAD_HTTP_REQUEST',
      zhMessage: expect.stringContaining('百分号编码'),
    });
    const huge = await raw(
      `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(HTTP_SERVER_OPTIONS.maxHeaderSize + 10)}\r\n\r\n`,
    );
    expect(huge.head).toMatch(/^HTTP\/1\.1 431 /);
    expect(JSON.parse(huge.body).error.data).toMatchObject({
      appCode: 'HEADERS_TOO_LARGE',
      zhMessage: expect.stringContaining('POST'),
    });
    // The server goes on answering.
    expect((await fetch(`${srv.url}/healthz`)).status).toBe(200);
  });

  it('long query inputs: a URL of ~18 KB is read, and a query may be POSTed with its input as the body', async () => {
    const cookie = `nianbao_session=${w.as.reviewerA.cookies.get('nianbao_session')}`;
    const year = 2031;
    const ids = (n: number) =>
      Array.from({ length: n }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    const input = { regionId: w.ids.countyA, year, exclude: ids(400) };
    const url = `${srv.url}/trpc/summary.region?input=${encodeURIComponent(JSON.stringify(input))}`;
    expect(url.length).toBeGreaterThan(17_000);
    const errorOf = async (r: Response) =>
      ((await r.json()) as { error: { data: { appCode: string; zhMessage: string } } }).error.data;
    // Answered by the API (no such report to leave out in that year), not Node's bare 431.
    const get = await fetch(url, { headers: { cookie } });
    expect(get.status).toBe(400);
    expect(await errorOf(get)).toMatchObject({ appCode: 'EXCLUDE_UNKNOWN' });
    // The same query POSTed, with the most ids `exclude` takes.
    const post = await fetch(`${srv.url}/trpc/summary.region`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ ...input, exclude: ids(1000) }),
    });
    expect(post.status).toBe(400);
    expect(await errorOf(post)).toMatchObject({ appCode: 'EXCLUDE_UNKNOWN' });
    const list = await fetch(`${srv.url}/trpc/reports.list`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ year: 2031 }),
    });
    expect(list.status).toBe(200);
    expect(((await list.json()) as { result: { data: { total: number } } }).result.data.total).toBe(0);
  });

  it('a whole session with the tRPC client: login cookie, create, save, conflict, submit, approve, publish, correct', async () => {
    const filler = makeClient(srv.url);
    const reviewer = makeClient(srv.url);
    await filler.auth.login.mutate({ username: 'fillerA1', password: w.password });
    await reviewer.auth.login.mutate({ username: 'reviewerA', password: w.password });
    expect(filler.cookies.get('nianbao_session')).toMatch(/^s_/);
    const c = await filler.reports.create.mutate({ agencyId: w.ids.agencyA1, year: 2024 });
    const v2 = await filler.reports.save.mutate({ id: c.id, expectedVersion: 1, report: example(c.report) });
    // A second tab still on version 1.
    const stale = await failure(
      filler.reports.save.mutate({ id: c.id, expectedVersion: 1, report: example(c.report, 2) }),
    );
    expect(stale).toMatchObject({ code: 'CONFLICT', appCode: 'VERSION_CONFLICT', httpStatus: 409 });
    // the same user saved in between: not 「他人」; and it says the content sent was not stored
    expect(stale.zhMessage).toBe(
      '报告在您编辑期间已保存为第 2 版（您编辑的是第 1 版），本次内容未保存：请载入第 2 版，对比后重新保存。',
    );
    await filler.reports.submit.mutate({ id: c.id, expectedVersion: v2.version });
    await reviewer.reports.approve.mutate({ id: c.id, expectedVersion: v2.version });
    await reviewer.reports.publish.mutate({ id: c.id });
    expect(
      (
        await failure(
          filler.reports.save.mutate({ id: c.id, expectedVersion: 2, report: example(c.report, 2) }),
        )
      ).appCode,
    ).toBe('REPORT_PUBLISHED');
    const v3 = await filler.reports.correct.mutate({
      id: c.id,
      expectedVersion: 2,
      report: example(c.report, 2),
      reason: '数据核对后更正',
    });
    expect(v3.version).toBe(3);
    const d = await reviewer.reports.diff.query({ id: c.id, from: 2, to: 3 });
    expect(d.cells.length).toBeGreaterThan(20);
  });

  it('50 concurrent saves of one version over HTTP: exactly one wins, the rest conflict', async () => {
    const c = await w.as.fillerA2.reports.create.mutate({ agencyId: w.ids.agencyA2, year: 2024 });
    const clients = await Promise.all(
      Array.from({ length: 5 }, async () => {
        const x = makeClient(srv.url);
        await x.auth.login.mutate({ username: 'fillerA2', password: w.password });
        return x;
      }),
    );
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        clients[i % 5]!.reports.save.mutate({
          id: c.id,
          expectedVersion: 1,
          report: example(c.report, i + 1),
          note: `n${i}`,
        }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((x) => x.status === 'rejected'))
      expect((await failure(Promise.reject((r as PromiseRejectedResult).reason))).appCode).toBe(
        'VERSION_CONFLICT',
      );
    const h = await w.as.fillerA2.reports.history.query({ id: c.id });
    expect(h.versions.map((v) => v.version)).toEqual([1, 2]);
  });

  it('bad requests: malformed JSON, oversized body, unknown procedure — structured, in Chinese, no crash', async () => {
    const cookie = [...w.as.admin.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const bad = await fetch(`${srv.url}/trpc/reports.save`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: '{"id":',
    });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { error: { data: { zhMessage: string; appCode: string } } };
    expect(body.error.data).toMatchObject({
      appCode: 'INVALID_JSON',
      zhMessage: '请求内容不是有效的 JSON（POST 的请求体，或 GET 的 input 参数）',
    });
    // What tRPC itself refuses is said in Chinese too, with its own code.
    const errorOf = async (r: Response) =>
      ((await r.json()) as { error: { data: { appCode: string; zhMessage: string; details: unknown } } })
        .error.data;
    const asGet = await fetch(`${srv.url}/trpc/reports.save?input=${encodeURIComponent('{}')}`, {
      headers: { cookie },
    });
    expect(asGet.status).toBe(405);
    expect(await errorOf(asGet)).toMatchObject({
      appCode: 'METHOD_NOT_SUPPORTED',
      zhMessage: '“reports.save”是修改操作，请用 POST（收到 GET）',
    });
    const plain = await fetch(`${srv.url}/trpc/reports.save`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', cookie },
      body: '{}',
    });
    expect(plain.status).toBe(415);
    expect(await errorOf(plain)).toMatchObject({ appCode: 'UNSUPPORTED_MEDIA_TYPE' });
    // zod's messages in plain Chinese, at the path of the wrong value — also in a report sent to validate.
    const wrongCell = await fetch(`${srv.url}/trpc/checks.validate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({
        report: {
          ...exampleReport({ year: 2024, agency: { name: '某局' } }),
          cells: { 'applications.newReceived.naturalPerson': { value: '12' } },
        },
      }),
    });
    expect(wrongCell.status).toBe(400);
    const wrong = await errorOf(wrongCell);
    expect(wrong.appCode).toBe('INVALID_INPUT');
    // People read the cell's name; programs get its path in the details.
    expect(wrong.zhMessage).toMatch(
      /^请求参数有误：表三 一、本年新收政府信息公开申请数量 · 自然人（数值）：/,
    );
    expect(wrong.zhMessage).not.toMatch(/report\.cells/);
    expect(JSON.stringify(wrong.details)).toMatch(/report\.cells\.applications\.newReceived\.naturalPerson/);
    expect(wrong.zhMessage).toMatch(/应为数字，实际为文本“12”/);
    expect(wrong.zhMessage).not.toMatch(/\bid\b|期望|string|number/);
    const big = await fetch(`${srv.url}/trpc/checks.validate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ report: 'x'.repeat(31 * 1024 * 1024) }),
    });
    expect(big.status).toBe(413);
    // The limit is said, in words and in bytes.
    expect(
      ((await big.json()) as { error: { data: { zhMessage: string; details: unknown } } }).error.data,
    ).toMatchObject({ zhMessage: '请求内容过大（上限 30 MB）', details: { limitBytes: 30 * 1024 * 1024 } });
    const unknown = await fetch(`${srv.url}/trpc/reports.nope`);
    expect(unknown.status).toBe(404);
    expect(
      ((await unknown.json()) as { error: { message: string; data: { appCode: string } } }).error,
    ).toMatchObject({ message: '没有名为“reports.nope”的接口', data: { appCode: 'UNKNOWN_PROCEDURE' } });
    const h = await fetch(`${srv.url}/healthz`);
    expect(h.status).toBe(200);
  });

  it('restart keeps everything; a published report stays locked', async () => {
    const c = await w.as.fillerB1.reports.create.mutate({ agencyId: w.ids.agencyB1, year: 2024 });
    const v2 = await w.as.fillerB1.reports.save.mutate({
      id: c.id,
      expectedVersion: 1,
      report: example(c.report),
    });
    await w.as.fillerB1.reports.submit.mutate({ id: c.id });
    await w.as.reviewerB.reports.approve.mutate({ id: c.id });
    await w.as.reviewerB.reports.publish.mutate({ id: c.id });
    const { token } = await w.as.fillerB1.auth.tokens.create.mutate({ name: 'restart' });
    const before = await w.as.admin.reports.list.query({});
    // Stop the server and the database, open them again.
    await close(srv.server);
    await w.ts.store.close();
    const store = await w.ts.reopen();
    w.ts.store = store;
    const app = createApp(store, { webDir: '/nonexistent' });
    srv = await listen(app);
    w.app = app;
    const api = makeClient(srv.url, { token });
    const got = await api.reports.get.query({ id: c.id });
    expect(got).toMatchObject({ status: 'published', version: 2, publishedVersion: 2 });
    expect((await api.reports.version.query({ id: c.id, version: 2 })).contentHash).toBe(v2.contentHash);
    const admin = makeClient(srv.url);
    await admin.auth.login.mutate({ username: 'admin', password: w.password });
    expect((await admin.reports.list.query({})).items).toEqual(before.items);
    expect(
      (await failure(api.reports.save.mutate({ id: c.id, expectedVersion: 2, report: example(c.report, 2) })))
        .appCode,
    ).toBe('REPORT_PUBLISHED');
  });
});

describe('static web app', () => {
  it('serves apps/web/dist when it exists, with index.html for client routes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nianbao-web-'));
    try {
      writeFileSync(join(dir, 'index.html'), '<!doctype html><title>年报</title><div id="root"></div>');
      writeFileSync(join(dir, 'app.js'), 'console.log(1)');
      const app = createApp(w.ts.store, { webDir: dir });
      const index = await app.request('/');
      expect(await index.text()).toMatch(/id="root"/);
      const js = await app.request('/app.js');
      expect(js.status).toBe(200);
      expect(js.headers.get('content-type')).toMatch(/javascript/);
      expect(await (await app.request('/reports/123')).text()).toMatch(/id="root"/);
      expect((await app.request('/healthz')).status).toBe(200);
      expect((await app.request('/trpc/auth.me')).status).toBe(200);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
