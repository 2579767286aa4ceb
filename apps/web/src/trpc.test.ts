import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { errorMessage, errorStatus, isNetworkError, isSessionLost } from './trpc';

describe('errorMessage', () => {
  it("says a lost connection in 简体中文, not the browser's 「Failed to fetch」", () => {
    const e = new TRPCClientError('Failed to fetch', { cause: new TypeError('Failed to fetch') });
    expect(isNetworkError(e)).toBe(true);
    expect(errorMessage(e)).toBe('网络连接中断，请检查网络后重试');
    expect(errorMessage(new TypeError('NetworkError when attempting to fetch resource.'))).toBe(
      '网络连接中断，请检查网络后重试',
    );
  });
  it("keeps the server's own message", () => {
    const e = TRPCClientError.from({
      error: {
        code: -32600,
        message: 'x',
        data: { zhMessage: '报告已提交，不能修改', appCode: 'REPORT_LOCKED' },
      },
    });
    expect(isNetworkError(e)).toBe(false);
    expect(errorMessage(e)).toBe('报告已提交，不能修改');
  });
  it('tells a session that ended (a login is needed) from a network error', () => {
    const e = TRPCClientError.from({
      error: {
        code: -32001,
        message: '请先登录',
        data: { code: 'UNAUTHORIZED', httpStatus: 401, appCode: 'UNAUTHENTICATED', zhMessage: '请先登录' },
      },
    });
    expect(isSessionLost(e)).toBe(true);
    expect(isNetworkError(e)).toBe(false);
    expect(isSessionLost(new TypeError('Failed to fetch'))).toBe(false);
    expect(errorStatus(e)).toBe(401);
    expect(errorStatus(new TypeError('Failed to fetch'))).toBeUndefined();
  });
});

describe('makeTrpcClient', () => {
  it('sends at most 100 calls in one batch, as the server takes them (150 at once go as two requests)', async () => {
    const sizes: number[] = [];
    const realFetch = globalThis.fetch;
    globalThis.fetch = (async (url: string) => {
      // /trpc/auth.logout,auth.logout,…?batch=1: one path per call
      const calls = decodeURIComponent(new URL(url, 'http://x').pathname.slice('/trpc/'.length)).split(',');
      sizes.push(calls.length);
      return new Response(JSON.stringify(calls.map(() => ({ result: { data: null } }))), {
        headers: { 'content-type': 'application/json' },
      });
    }) as typeof fetch;
    try {
      const { makeTrpcClient } = await import('./trpc');
      const client = makeTrpcClient() as unknown as {
        auth: { logout: { mutate: () => Promise<unknown> } };
      };
      await Promise.all(Array.from({ length: 150 }, () => client.auth.logout.mutate()));
    } finally {
      globalThis.fetch = realFetch;
    }
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(150);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(100);
  });
});
