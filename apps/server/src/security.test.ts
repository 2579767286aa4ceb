import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, MAX_BATCH_SIZE } from './app.js';
import { SESSION_COOKIE } from './auth.js';
import { safeFileName } from './routers/io.js';
import { DB_LABEL, failure, makeWorld, type World } from './test-support/harness.js';

let w: World;
let webDir: string;
let app: ReturnType<typeof createApp>;
beforeAll(async () => {
  w = await makeWorld();
  webDir = mkdtempSync(join(tmpdir(), 'nianbao-web-'));
  writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>年报</title><div id="root"></div>');
  writeFileSync(join(webDir, 'app.js'), 'console.log(1)');
  app = createApp(w.ts.store, { webDir, log: () => {} });
});
afterAll(async () => {
  await w?.cleanup();
  if (webDir) rmSync(webDir, { recursive: true, force: true });
});

const session = (who: keyof World['as']) => `${SESSION_COOKIE}=${w.as[who].cookies.get(SESSION_COOKIE)}`;

const post = (path: string, body: unknown, headers: Record<string, string>) =>
  app.request(`http://local.test/trpc/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

const tokenCount = async () => (await w.as.fillerA1.auth.tokens.list.query()).length;

describe(`security headers (${DB_LABEL})`, () => {
  it('every answer — the web app, its files, the API, errors — forbids framing and sniffing and sends no referrer', async () => {
    const answers = await Promise.all([
      app.request('http://local.test/'),
      app.request('http://local.test/app.js'),
      app.request('http://local.test/report/some-client-route'),
      app.request('http://local.test/healthz'),
      app.request('http://local.test/trpc/auth.me'),
      app.request('http://local.test/trpc/no.such'),
      app.request('http://local.test/export/opendata?regionId=x&year=2025'),
    ]);
    for (const r of answers) {
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
      expect(r.headers.get('x-frame-options')).toBe('DENY');
      expect(r.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(r.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(r.headers.get('referrer-policy')).toBe('no-referrer');
    }
    expect(answers[0]!.headers.get('content-type')).toMatch(/text\/html/);
  });
});

describe(`cross-site request forgery (${DB_LABEL})`, () => {
  it('a post with the session cookie from another site or another host of the same site is refused before it runs', async () => {
    const before = await tokenCount();
    for (const site of ['cross-site', 'same-site']) {
      for (const type of ['application/json', 'text/plain']) {
        const r = await post(
          'auth.tokens.create',
          { name: '被冒用' },
          { cookie: session('fillerA1'), 'sec-fetch-site': site, 'content-type': type },
        );
        expect(r.status).toBe(403);
        const body = (await r.json()) as { error: { data: { appCode: string; zhMessage: string } } };
        expect(body.error.data.appCode).toBe('CROSS_SITE_REQUEST');
        expect(body.error.data.zhMessage).toContain('请求来自其他网站');
      }
    }
    expect(await tokenCount()).toBe(before);
  });

  it("the web app's own posts (same-origin), programs without Sec-Fetch-Site and API tokens go through", async () => {
    const before = await tokenCount();
    const own = await post(
      'auth.tokens.create',
      { name: '本站' },
      { cookie: session('fillerA1'), 'sec-fetch-site': 'same-origin' },
    );
    expect(own.status).toBe(200);
    const created = ((await own.json()) as { result: { data: { token: string } } }).result.data;
    const program = await post('auth.tokens.create', { name: '脚本' }, { cookie: session('fillerA1') });
    expect(program.status).toBe(200);
    expect(await tokenCount()).toBe(before + 2);
    // A page of an integrator allowed by CORS calls with its token, never with the cookie.
    const integrator = await post(
      'checks.validate',
      { id: 'no-such-report' },
      { authorization: `Bearer ${created.token}`, 'sec-fetch-site': 'cross-site' },
    );
    expect(integrator.status).toBe(404);
    // A login from a form elsewhere carries no session of ours: nothing to forge.
    const login = await post(
      'auth.login',
      { username: 'fillerA2', password: w.password },
      { 'sec-fetch-site': 'same-origin' },
    );
    expect(login.status).toBe(200);
  });

  it('a multipart form (no preflight) is not taken: auth.logout from a form post does not end the session', async () => {
    const form = new FormData();
    form.set('x', '1');
    const r = await app.request('http://local.test/trpc/auth.logout', {
      method: 'POST',
      headers: { cookie: session('fillerA1') },
      body: form,
    });
    expect(r.status).toBe(415);
    const body = (await r.json()) as { error: { data: { appCode: string } } };
    expect(body.error.data.appCode).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(await w.as.fillerA1.auth.me.query()).toMatchObject({ username: 'fillerA1' });
  });
});

describe(`batches (${DB_LABEL})`, () => {
  const batch = (n: number) =>
    app.request(
      `http://local.test/trpc/${Array(n).fill('auth.me').join(',')}?batch=1&input=${encodeURIComponent('{}')}`,
      { headers: { cookie: session('fillerA1') } },
    );

  it(`take at most ${MAX_BATCH_SIZE} calls: more is refused whole, in 简体中文`, async () => {
    const ok = await batch(MAX_BATCH_SIZE);
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as unknown[]).length).toBe(MAX_BATCH_SIZE);
    const tooMany = await batch(MAX_BATCH_SIZE + 1);
    expect(tooMany.status).toBe(400);
    const body = (await tooMany.json()) as { error: { data: { appCode: string; zhMessage: string } } }[];
    const err = Array.isArray(body)
      ? body[0]!.error
      : (body as unknown as { error: { data: { appCode: string; zhMessage: string } } }).error;
    expect(err.data.appCode).toBe('INVALID_INPUT');
    expect(err.data.zhMessage).toBe('批量请求包含的接口调用过多：请分批发送');
  });
});

describe(`exports too large to make (${DB_LABEL})`, () => {
  it('a Word export of a text of 60,000 lines is refused (EXPORT_TOO_LARGE) instead of running the server out of memory; HTML still exports', async () => {
    const { id } = await w.as.fillerA1.reports.create.mutate({ agencyId: w.ids.agencyA1, year: 2024 });
    const got = await w.as.fillerA1.reports.get.query({ id });
    const lines = Array(60_000).fill('一').join('\n');
    const report = { ...got.report, sections: { ...got.report.sections, overview: lines } };
    await w.as.fillerA1.reports.save.mutate({ id, report, expectedVersion: got.version });
    const t = Date.now();
    const e = await failure(w.as.fillerA1.export.report.query({ id, format: 'docx' }));
    expect(Date.now() - t).toBeLessThan(5000);
    expect(e).toMatchObject({ httpStatus: 400, appCode: 'EXPORT_TOO_LARGE' });
    expect(e.zhMessage).toContain('超过 Word 文件的上限');
    expect(e.details.maxParagraphs).toBe(2000);
    expect(e.details.paragraphs).toBeGreaterThan(60_000);
    const html = await w.as.fillerA1.export.report.query({ id, format: 'html' });
    expect(html.content).toContain('<p>一</p>');
  }, 30_000);
});

describe(`session cookies (${DB_LABEL})`, () => {
  const login = (target: ReturnType<typeof createApp>, headers: Record<string, string> = {}) =>
    target.request('http://local.test/trpc/auth.login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ username: 'fillerB1', password: w.password }),
    });
  const me = async (cookie: string) => {
    const r = await app.request('http://local.test/trpc/auth.me', { headers: { cookie } });
    return ((await r.json()) as { result: { data: { username: string } | null } }).result.data;
  };
  const sessionOf = (r: Response) => r.headers.get('set-cookie')!.split(';', 1)[0]!;

  it('behind an HTTPS proxy (NIANBAO_TRUST_PROXY, X-Forwarded-Proto: https) the cookie is Secure without NIANBAO_SECURE_COOKIES', async () => {
    const proxied = createApp(w.ts.store, { webDir, log: () => {}, trustProxy: true });
    const https = await login(proxied, { 'x-forwarded-proto': 'https' });
    expect(https.headers.get('set-cookie')).toMatch(/;\s*Secure/i);
    expect(https.headers.get('set-cookie')).toMatch(/HttpOnly/i);
    expect(https.headers.get('set-cookie')).toMatch(/SameSite=Lax/i);
    const http = await login(proxied, { 'x-forwarded-proto': 'http' });
    expect(http.headers.get('set-cookie')).not.toMatch(/Secure/i);
    // Not trusting the proxy, a client's own X-Forwarded-Proto changes nothing.
    const direct = await login(app, { 'x-forwarded-proto': 'https' });
    expect(direct.headers.get('set-cookie')).not.toMatch(/Secure/i);
  });

  it('a login ends the session the browser held before (no session left behind, none planted adopted)', async () => {
    const first = sessionOf(await login(app));
    expect(await me(first)).toMatchObject({ username: 'fillerB1' });
    const second = await login(app, { cookie: first });
    expect(sessionOf(second)).not.toBe(first);
    expect(await me(first)).toBeNull();
    expect(await me(sessionOf(second))).toMatchObject({ username: 'fillerB1' });
  });
});

describe(`invisible characters in people's text (${DB_LABEL})`, () => {
  const RLO = '\u202E';

  it('an agency name with a direction override (a file name shown reversed) is refused; file names drop them', async () => {
    const e = await failure(
      w.as.admin.agencies.create.mutate({ parentId: w.ids.countyA, name: `甲县${RLO}fdp.exe局` }),
    );
    expect(e).toMatchObject({ appCode: 'INVALID_INPUT' });
    expect(e.zhMessage).toContain('文字方向控制符');
    expect(safeFileName(`甲县${RLO}fdp.exe\u202C局2025年报告`, 'docx')).toBe('甲县fdp.exe局2025年报告.docx');
  });

  it('comments, notes, names of people and tokens: control characters and overrides refused, named', async () => {
    const { id, version } = await w.as.fillerA1.reports.create.mutate({
      agencyId: w.ids.agencyA1,
      year: 2023,
    });
    const got = await w.as.fillerA1.reports.get.query({ id });
    const note = await failure(
      w.as.fillerA1.reports.save.mutate({
        id,
        expectedVersion: version,
        report: got.report,
        note: `改${RLO}了`,
      }),
    );
    expect(note.appCode).toBe('INVALID_INPUT');
    expect(note.zhMessage).toContain('U+202E（从右到左强制符 RLO）');
    await w.as.fillerA1.reports.submit.mutate({ id, expectedVersion: version });
    const comment = await failure(
      w.as.reviewerA.reports.return.mutate({ id, expectedVersion: version, comment: '请修改\u0000\u0007' }),
    );
    expect(comment.zhMessage).toContain('U+0000（空字符 NUL）');
    const name = await failure(
      w.as.admin.users.update.mutate({
        id: (await w.as.fillerA1.auth.me.query())!.id,
        displayName: `张三${RLO}`,
      }),
    );
    expect(name.zhMessage).toContain('姓名中有看不见的文字方向控制符');
    const token = await failure(w.as.fillerA1.auth.tokens.create.mutate({ name: '报表\n系统' }));
    expect(token.zhMessage).toContain('令牌名称不能包含换行');
    // An uploaded file's name is shown without them (its version's note).
    const { SEED_REPORT_TEXT } = await import('./demo/seed-text.js');
    const up = await w.as.fillerA2.import.upload.mutate({
      agencyId: w.ids.agencyA2,
      kind: 'text',
      content: SEED_REPORT_TEXT,
      encoding: 'utf8',
      fileName: `报告${RLO}xcod.exe`,
    });
    const history = await w.as.fillerA2.reports.history.query({ id: up.reportId });
    expect(history.versions.at(-1)!.note).toBe('导入：报告xcod.exe');
    // Plain text still goes through.
    expect(
      await w.as.reviewerA.reports.return.mutate({
        id,
        expectedVersion: version,
        comment: '请核对表三。\n谢谢',
      }),
    ).toMatchObject({ status: 'returned' });
  });
});
