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
