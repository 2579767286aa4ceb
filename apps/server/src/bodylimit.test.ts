import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app.js';
import { freshStore, type TestStore } from './test-support/harness.js';

let ts: TestStore;
beforeAll(async () => {
  ts = await freshStore();
});
afterAll(async () => ts?.cleanup());

/** A body sent in chunks without a Content-Length (Transfer-Encoding: chunked on the wire). */
const chunked = (text: string, chunk = 100) =>
  new ReadableStream<Uint8Array>({
    start(c) {
      const bytes = new TextEncoder().encode(text);
      for (let i = 0; i < bytes.length; i += chunk) c.enqueue(bytes.subarray(i, i + chunk));
      c.close();
    },
  });

describe('request body limit', () => {
  it('a declared Content-Length over the limit is refused at once, with the Chinese message', async () => {
    const app = createApp(ts.store, { maxBodyBytes: 1000 });
    const body = JSON.stringify({ username: 'x'.repeat(2000), password: 'y' });
    const res = await app.request('/trpc/auth.login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(body.length) },
      body,
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { data: unknown } }).error.data).toMatchObject({
      appCode: 'PAYLOAD_TOO_LARGE',
      zhMessage: '请求内容过大（上限 1000 字节）',
      details: { limitBytes: 1000 },
      // As every error has (README 「Errors」): the procedure the request named.
      path: 'auth.login',
    });
  });

  it('a 413 has data.path as every error: the procedure named, null for a batch of several', async () => {
    const app = createApp(ts.store, { maxBodyBytes: 1000 });
    const big = JSON.stringify({ 0: { username: 'x'.repeat(2000), password: 'y' } });
    const send = async (
      path: string,
      body: string | ReadableStream<Uint8Array>,
      headers: Record<string, string> = {},
    ) => {
      const res = await app.request(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
        duplex: 'half',
      } as RequestInit);
      expect(res.status).toBe(413);
      const data = ((await res.json()) as { error: { data: Record<string, unknown> } }).error.data;
      expect(data).toHaveProperty('path');
      return data.path;
    };
    const length = { 'content-length': String(big.length) };
    expect(await send('/trpc/reports.save', big, length)).toBe('reports.save');
    expect(await send('/trpc/reports.save', chunked(big))).toBe('reports.save');
    expect(await send('/trpc/reports.save,reports.save?batch=1', big, length)).toBeNull();
    expect(await send('/trpc/reports.save,reports.save?batch=1', chunked(big))).toBeNull();
    // Another request error, for comparison: the procedure's path too.
    expect(await send('/trpc/auth.login', big, length)).toBe('auth.login');
    const bad = await app.request('/trpc/auth.login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{x',
    });
    expect(((await bad.json()) as { error: { data: Record<string, unknown> } }).error.data).toMatchObject({
      appCode: 'INVALID_JSON',
      path: 'auth.login',
    });
  });

  it('a body without a length is counted as it streams: over the limit 413, under it read as usual', async () => {
    const app = createApp(ts.store, { maxBodyBytes: 1000 });
    const big = await app.request('/trpc/auth.login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: chunked(JSON.stringify({ username: 'x'.repeat(2000), password: 'y' })),
      duplex: 'half',
    } as RequestInit);
    expect(big.status).toBe(413);
    const small = await app.request('/trpc/auth.login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: chunked(JSON.stringify({ username: 'nobody', password: 'wrong-password' }), 7),
      duplex: 'half',
    } as RequestInit);
    // Read and parsed: a failed login (401), not a size or parse error.
    expect(small.status).toBe(401);
  });

  it('over real HTTP: chunked bodies are counted, declared lengths checked, a GET query untouched', async () => {
    const app = createApp(ts.store, { maxBodyBytes: 1000 });
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((r) => server.once('listening', r));
    const { port } = server.address() as AddressInfo;
    /** Sends the body in pieces without a Content-Length, so Node uses Transfer-Encoding: chunked. */
    const send = (method: string, path: string, pieces: string[], headers: Record<string, string> = {}) =>
      new Promise<{ status: number; body: string; chunked: boolean }>((resolve, reject) => {
        const req = httpRequest(
          {
            host: '127.0.0.1',
            port,
            method,
            path,
            headers: { 'content-type': 'application/json', ...headers },
          },
          (res) => {
            let body = '';
            res.setEncoding('utf8');
            res.on('data', (d) => (body += d));
            res.on('end', () =>
              resolve({
                status: res.statusCode ?? 0,
                body,
                chunked: (req as unknown as { chunkedEncoding: boolean }).chunkedEncoding,
              }),
            );
          },
        );
        req.on('error', reject);
        for (const p of pieces) req.write(p);
        req.end();
      });
    try {
      const big = JSON.stringify({ username: 'x'.repeat(2000), password: 'y' });
      const chunkedBig = await send('POST', '/trpc/auth.login', [big.slice(0, 900), big.slice(900)]);
      expect(chunkedBig.chunked).toBe(true);
      expect(chunkedBig.status).toBe(413);
      expect(chunkedBig.body).toContain('PAYLOAD_TOO_LARGE');
      const small = JSON.stringify({ username: 'nobody', password: 'wrong-password' });
      const chunkedSmall = await send('POST', '/trpc/auth.login', [small.slice(0, 10), small.slice(10)]);
      expect(chunkedSmall.status).toBe(401);
      const declared = await send('POST', '/trpc/auth.login', [big], {
        'content-length': String(big.length),
      });
      expect(declared.chunked).toBe(false);
      expect(declared.status).toBe(413);
      // A query (GET, no body): answered as usual.
      const me = await send('GET', '/trpc/auth.me', []);
      expect(me.status).toBe(200);
      expect(JSON.parse(me.body)).toEqual({ result: { data: null } });
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
