import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from './router.js';
import { DB_LABEL, makeWorld, type World } from './test-support/harness.js';

let w: World;
beforeAll(async () => {
  w = await makeWorld();
});
afterAll(async () => w?.cleanup());

const procedures = Object.entries(
  (appRouter as unknown as { _def: { procedures: Record<string, { _def: { type: string } }> } })._def
    .procedures,
).map(([path, p]) => ({ path, type: p._def.type }));

const BAD_INPUTS: unknown[] = [
  null,
  'x',
  42,
  [],
  {},
  { id: 'no-such-id' },
  { id: 5, year: 'x' },
  { id: 'x'.repeat(10_000) },
  { report: { schemaVersion: 1, meta: null } },
  { agencyId: '../../etc', year: 2024, kind: 'text', content: '' },
  { a: { b: { c: { d: { e: { f: { g: [1, 2, { h: null }] } } } } } } },
  { id: "' OR 1=1 --", version: -1, from: 0, to: 1e308 },
];

describe(`bad input never crashes the server (${DB_LABEL})`, () => {
  it('covers every procedure', () => {
    expect(procedures.length).toBeGreaterThanOrEqual(35);
  });

  it('every procedure × every bad input → a structured 4xx with a Chinese message (or a valid answer)', async () => {
    const cookie = [...w.as.admin.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    let checked = 0;
    for (const { path, type } of procedures) {
      if (path === 'auth.logout') continue; // would end the admin session
      for (const input of BAD_INPUTS) {
        const res =
          type === 'query'
            ? await w.app.request(`/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`, {
                headers: { cookie },
              })
            : await w.app.request(`/trpc/${path}`, {
                method: 'POST',
                headers: { cookie, 'content-type': 'application/json' },
                body: JSON.stringify(input),
              });
        checked++;
        const body = (await res.json()) as { error?: { data: { zhMessage: string; appCode: string } } };
        if (res.status >= 500)
          throw new Error(
            `${path} ${JSON.stringify(input).slice(0, 80)} → ${res.status} ${JSON.stringify(body)}`,
          );
        if (res.status >= 400) {
          expect(body.error!.data.zhMessage, path).toMatch(/[\u4e00-\u9fa5]/);
          expect(body.error!.data.appCode, path).toMatch(/^[A-Z_]+$/);
        }
      }
    }
    expect(checked).toBeGreaterThan(400);
    // Still alive and well.
    expect((await w.app.request('/healthz')).status).toBe(200);
  }, 60000);

  it('malformed bodies and wrong methods', async () => {
    const cookie = [...w.as.admin.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    for (const body of ['{', 'null', '"', '\u0000', '[1,2']) {
      const res = await w.app.request('/trpc/reports.save', {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
        body,
      });
      expect(res.status).toBeLessThan(500);
    }
    const get = await w.app.request('/trpc/reports.save', { headers: { cookie } });
    expect(get.status).toBe(405);
    // A query may be POSTed (long inputs); a mutation may not be sent as GET.
    const post = await w.app.request('/trpc/reports.list', {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(post.status).toBe(200);
    const put = await w.app.request('/trpc/reports.list', {
      method: 'PUT',
      headers: { cookie, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(put.status).toBe(405);
  });
});
