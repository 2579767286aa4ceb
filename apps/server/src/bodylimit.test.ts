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
    expect(((await res.json()) as { error: { data: { appCode: string } } }).error.data.appCode).toBe(
      'PAYLOAD_TOO_LARGE',
    );
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
});
