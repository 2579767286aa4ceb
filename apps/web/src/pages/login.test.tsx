import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import { TRPCClientError } from '@trpc/client';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../App';
import { fakeClient, testQueryClient } from '../test-support/trpc';
import { TRPCProvider } from '../trpc';
import { retryText } from './Login';

afterEach(cleanup);

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
    expect(retryText(limited({ retryAfterSeconds: 900, scope: 'user' }), at)).toBe(
      '可在 14:36 之后再试；急用请联系本单位管理员重设密码（重设后可立即登录）。',
    );
  });
  it('for a locked network address, does not promise that a reset password lets one in', () => {
    const at = new Date(2026, 0, 5, 14, 20, 30);
    const text = retryText(limited({ retryAfterSeconds: 900, scope: 'address', address: '10.0.0.1' }), at)!;
    expect(text).toBe('可在 14:36 之后再试（暂停的是本网络地址，重设密码不能解除）。');
    expect(text).not.toContain('重设后可立即登录');
    // A locked user name keeps the advice: a reset lets its owner in at once.
    expect(retryText(limited({ retryAfterSeconds: 900, scope: 'user' }), at)).toBe(
      '可在 14:36 之后再试；急用请联系本单位管理员重设密码（重设后可立即登录）。',
    );
    // A server that does not say which: nothing it may not do.
    expect(retryText(limited({ retryAfterSeconds: 900 }), at)).toBe(
      '可在 14:36 之后再试；急用请联系本单位管理员解除锁定。',
    );
  });
  it('says nothing for other errors or without a time', () => {
    expect(retryText(limited({}))).toBeNull();
    expect(retryText(new Error('x'))).toBeNull();
  });
});

describe('App: a password set by a 管理员', () => {
  it('shows only the form to choose one, says why, then opens the app', async () => {
    window.location.hash = '#/account';
    let must = true;
    const { client, calls } = fakeClient({
      'auth.me': () => ({
        id: 'u1',
        username: 'xinren',
        displayName: '新人',
        role: 'filler',
        roleLabel: '填报人',
        agency: { id: 'a1', name: '某某县财政局', kind: '政府部门', level: '县级' },
        via: 'session',
        mustChangePassword: must,
      }),
      'auth.changePassword': () => {
        must = false;
        return { ok: true };
      },
      'auth.tokens.list': () => [],
    });
    const queryClient = testQueryClient();
    const { container, findByTestId } = render(
      <QueryClientProvider client={queryClient}>
        <TRPCProvider trpcClient={client} queryClient={queryClient}>
          <App />
        </TRPCProvider>
      </QueryClientProvider>,
    );
    const gate = await findByTestId('first-password');
    expect(gate.textContent).toContain('初始密码');
    expect(gate.textContent).toContain('请先设置您自己的密码');
    // Nothing else of the app: no menu, no 账号 page with its tokens.
    expect(container.querySelector('.app-header')).toBeNull();
    expect(calls.some((c) => c.path === 'auth.tokens.list')).toBe(false);
    const fill = (name: string, value: string) =>
      fireEvent.change(container.querySelector(`input[name=${name}]`)!, { target: { value } });
    fill('current-password', 'initial-pass-1');
    fill('new-password', 'my-own-secret-7');
    fill('new-password-again', 'my-own-secret-7');
    fireEvent.click(
      [...container.querySelectorAll('button')].find((b) => b.textContent === '设置密码并进入系统')!,
    );
    await waitFor(() => expect(container.querySelector('.app-header')).toBeTruthy());
    expect(calls.find((c) => c.path === 'auth.changePassword')?.input).toEqual({
      current: 'initial-pass-1',
      next: 'my-own-secret-7',
    });
    expect(container.querySelector('[data-testid=first-password]')).toBeNull();
  });
});

describe('Login: keyboard', () => {
  it('14. the focus starts in 用户名 (no Tab first); the window’s title names the system', async () => {
    window.location.hash = '#/';
    const { client } = fakeClient({ 'auth.me': () => null });
    const queryClient = testQueryClient();
    const { findByRole } = render(
      <QueryClientProvider client={queryClient}>
        <TRPCProvider trpcClient={client} queryClient={queryClient}>
          <App />
        </TRPCProvider>
      </QueryClientProvider>,
    );
    const name = await findByRole('textbox', { name: '用户名' });
    expect(document.activeElement).toBe(name);
    await waitFor(() => expect(document.title).toBe('政府信息公开工作年度报告 · 填报与审核'));
  });
});
