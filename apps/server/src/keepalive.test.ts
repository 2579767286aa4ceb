import type { Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTTP_SERVER_OPTIONS } from './app.js';

let server: HttpServer;
let port = 0;

beforeAll(async () => {
  const app = new Hono();
  app.get('/healthz', (c) => c.json({ ok: true }));
  // As main.ts serves the app.
  await new Promise<void>((resolve) => {
    server = serve(
      { fetch: app.fetch, port: 0, hostname: '127.0.0.1', serverOptions: HTTP_SERVER_OPTIONS },
      (info: AddressInfo) => {
        port = info.port;
        resolve();
      },
    ) as HttpServer;
  });
});
afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
});

/** Two requests on one keep-alive connection, `pauseMs` apart: the answers read, or where it broke. */
function twoRequests(pauseMs: number): Promise<{ answers: number; closedAfterMs: number | null }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const request = 'GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n';
    let text = '';
    let first = 0;
    let closedAfterMs: number | null = null;
    const answers = () => text.split('HTTP/1.1 200').length - 1;
    socket.on('data', (d) => {
      text += d.toString();
      if (answers() === 1 && !first) {
        first = Date.now();
        setTimeout(() => {
          if (!socket.destroyed && closedAfterMs === null) socket.write(request);
        }, pauseMs);
      }
      if (answers() === 2) {
        socket.end();
        resolve({ answers: 2, closedAfterMs });
      }
    });
    socket.on('close', () => {
      if (closedAfterMs === null && first) closedAfterMs = Date.now() - first;
      resolve({ answers: answers(), closedAfterMs });
    });
    socket.on('error', reject);
    socket.write(request);
  });
}

describe('HTTP keep-alive', () => {
  it('keeps an idle connection well past a 60 s load-balancer idle timeout, headers timeout above it', () => {
    expect(server.keepAliveTimeout).toBeGreaterThan(60_000);
    expect(server.headersTimeout).toBeGreaterThan(server.keepAliveTimeout);
  });

  it('answers a second request on a connection left idle for 6 s (past Node’s default 5 s)', async () => {
    const r = await twoRequests(6000);
    expect(r).toEqual({ answers: 2, closedAfterMs: null });
  }, 15_000);
});
