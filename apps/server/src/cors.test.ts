import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, parseCorsOrigins } from './app.js';
import { DB_LABEL, makeWorld, type World } from './test-support/harness.js';

let w: World;
beforeAll(async () => {
  w = await makeWorld();
});
afterAll(async () => w?.cleanup());

const preflight = (app: ReturnType<typeof createApp>, path: string, origin: string) =>
  app.request(`http://local.test/trpc/${path}`, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'GET',
      'access-control-request-headers': 'authorization, content-type',
    },
  });
const appWith = (corsOrigins?: readonly string[] | '*') =>
  createApp(w.ts.store, { webDir: '/nonexistent', log: () => {}, ...(corsOrigins ? { corsOrigins } : {}) });

describe(`CORS (${DB_LABEL})`, () => {
  it('off by default: a preflight is answered 204 without CORS headers (not 415)', async () => {
    const r = await preflight(appWith(), 'reports.list', 'https://data.example.gov.cn');
    expect(r.status).toBe(204);
    expect(r.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('listed origins: preflight and calls with a token; other origins get no CORS headers', async () => {
    const app = appWith(['https://data.example.gov.cn']);
    const ok = await preflight(app, 'reports.list', 'https://data.example.gov.cn');
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://data.example.gov.cn');
    expect(ok.headers.get('access-control-allow-methods')).toMatch(/GET/);
    expect(ok.headers.get('access-control-allow-headers')?.toLowerCase()).toMatch(/authorization/);
    const other = await preflight(app, 'reports.list', 'https://evil.example.com');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const get = await app.request('http://local.test/trpc/reports.corrections', {
      headers: { origin: 'https://data.example.gov.cn' },
    });
    expect(get.status).toBe(200);
    expect(get.headers.get('access-control-allow-origin')).toBe('https://data.example.gov.cn');
  });

  it("'*': any origin, the public procedures only", async () => {
    const app = appWith('*');
    const pub = await preflight(app, 'reports.corrections', 'https://anyone.example');
    expect(pub.status).toBe(204);
    expect(pub.headers.get('access-control-allow-origin')).toBe('*');
    const get = await app.request('http://local.test/trpc/reports.corrections', {
      headers: { origin: 'https://anyone.example' },
    });
    expect(get.headers.get('access-control-allow-origin')).toBe('*');
    const priv = await preflight(app, 'reports.list', 'https://anyone.example');
    expect(priv.status).toBe(204);
    expect(priv.headers.get('access-control-allow-origin')).toBeNull();
    // A batch is public only when every procedure in it is.
    const batch = await preflight(app, 'reports.corrections,reports.list', 'https://anyone.example');
    expect(batch.headers.get('access-control-allow-origin')).toBeNull();
    // A published report is public too (the 更正公告 links to it): another site may show it.
    const published = await preflight(app, 'reports.corrections,reports.published', 'https://anyone.example');
    expect(published.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('the downloads: for the listed origins with a token, the file name and report count readable; not for *', async () => {
    const year = 2024;
    const created = await w.as.fillerA1.reports.create.mutate({ agencyId: w.ids.agencyA1, year });
    const { token } = await w.as.reviewerA.auth.tokens.create.mutate({ name: '门户网站' });
    const origin = 'https://data.example.gov.cn';
    const query = `regionId=${w.ids.countyA}&year=${year}&format=csv&statuses=draft`;
    const pre = (app: ReturnType<typeof createApp>, url: string, from = origin) =>
      app.request(`http://local.test${url}?${query}`, {
        method: 'OPTIONS',
        headers: {
          origin: from,
          'access-control-request-method': 'GET',
          'access-control-request-headers': 'authorization',
        },
      });
    const app = appWith([origin]);
    for (const url of ['/export/opendata', '/export/findings']) {
      const ok = await pre(app, url);
      expect(ok.status).toBe(204);
      expect(ok.headers.get('access-control-allow-origin')).toBe(origin);
      expect(ok.headers.get('access-control-allow-headers')?.toLowerCase()).toMatch(/authorization/);
      expect(
        (await pre(app, url, 'https://evil.example.com')).headers.get('access-control-allow-origin'),
      ).toBeNull();
    }
    const got = await app.request(`http://local.test/export/opendata?${query}`, {
      headers: { origin, authorization: `Bearer ${token}` },
    });
    expect(got.status).toBe(200);
    expect(got.headers.get('access-control-allow-origin')).toBe(origin);
    const exposed = got.headers.get('access-control-expose-headers')?.toLowerCase() ?? '';
    expect(exposed).toMatch(/content-disposition/);
    expect(exposed).toMatch(/x-report-count/);
    expect(got.headers.get('x-report-count')).toBe('1');
    expect(await got.text()).toContain(created.id);
    // An error answers with the headers too, so the page can read what went wrong.
    const refused = await app.request(
      `http://local.test/export/opendata?regionId=${w.ids.countyA}&year=abc`,
      {
        headers: { origin, authorization: `Bearer ${token}` },
      },
    );
    expect(refused.status).toBe(400);
    expect(refused.headers.get('access-control-allow-origin')).toBe(origin);
    // '*' and off: a preflight is answered (204, not 404) without CORS headers.
    for (const other of [appWith('*'), appWith()]) {
      const r = await pre(other, '/export/opendata', 'https://anyone.example');
      expect(r.status).toBe(204);
      expect(r.headers.get('access-control-allow-origin')).toBeNull();
      expect(r.headers.get('allow')).toBe('GET, OPTIONS');
    }
  });

  it('NIANBAO_CORS_ORIGINS is read strictly', () => {
    expect(parseCorsOrigins(undefined)).toBeUndefined();
    expect(parseCorsOrigins(' ')).toBeUndefined();
    expect(parseCorsOrigins('*')).toBe('*');
    expect(parseCorsOrigins('https://a.gov.cn, http://localhost:5173/')).toEqual([
      'https://a.gov.cn',
      'http://localhost:5173',
    ]);
    expect(() => parseCorsOrigins('a.gov.cn')).toThrow(/NIANBAO_CORS_ORIGINS 中的“a.gov.cn”不是有效的来源/);
    expect(() => parseCorsOrigins('https://a.gov.cn/path')).toThrow(/不带路径/);
  });
});
