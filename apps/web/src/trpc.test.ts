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
