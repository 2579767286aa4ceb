import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { retryText } from './Login';

const limited = (details: Record<string, unknown>) =>
  TRPCClientError.from({
    error: {
      code: -32029,
      message: 'x',
      data: { appCode: 'LOGIN_RATE_LIMITED', zhMessage: '登录失败次数过多，请 15 分钟后再试', details },
    },
  });

describe('Login: after a lockout', () => {
  it('tells the clock time to try again (rounded up to the minute) and whom to ask', () => {
    const at = new Date(2026, 0, 5, 14, 20, 30);
    expect(retryText(limited({ retryAfterSeconds: 900 }), at)).toBe(
      '可在 14:36 之后再试；急用请联系本单位管理员重设密码（重设后可立即登录）。',
    );
  });
  it('says nothing for other errors or without a time', () => {
    expect(retryText(limited({}))).toBeNull();
    expect(retryText(new Error('x'))).toBeNull();
  });
});
