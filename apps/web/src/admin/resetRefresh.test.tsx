import { describeRules } from '@nianbao/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Me } from '../App';
import { AdminPage } from '../pages/AdminPage';
import { fakeClient, testQueryClient } from '../test-support/trpc';
import { TRPCProvider } from '../trpc';

afterEach(cleanup);

describe('管理 › 用户 › 重设密码', () => {
  it('the row’s 状态 follows: the lock the reset lifted is gone, 待本人设置密码 is shown', async () => {
    let reset = false;
    const { client } = fakeClient({
      'agencies.tree': () => [
        {
          id: 'a1',
          parentId: null,
          name: '某某县财政局',
          kind: '政府部门',
          level: '县级',
          regionCode: null,
          children: [],
        },
      ],
      'users.list': () => [
        {
          id: 'sifa',
          username: 'sifa',
          displayName: '财政局 填报员',
          role: 'filler',
          roleLabel: '填报人',
          agencyId: 'a1',
          agencyName: '某某县财政局',
          disabledAt: null,
          // locked by failed logins until the reset (the server clears the failures with it)
          lockedUntil: reset ? null : new Date(Date.now() + 30 * 60_000).toISOString(),
          mustChangePassword: reset,
        },
      ],
      'users.resetPassword': () => {
        reset = true;
        return { ok: true };
      },
      'checks.rules': () => ({ rules: describeRules(), severities: {}, config: {}, configVersion: 0 }),
      'users.addressLocks': () => ({ trustProxy: false, items: [] }),
      'audit.list': () => ({ items: [], nextBefore: null }),
    });
    const queryClient = testQueryClient();
    const { container, findByText } = render(
      <QueryClientProvider client={queryClient}>
        <TRPCProvider trpcClient={client} queryClient={queryClient}>
          <AdminPage me={{ id: 'admin', username: 'admin', role: 'admin' } as unknown as Me} />
        </TRPCProvider>
      </QueryClientProvider>,
    );
    const row = () => container.querySelector('tr[data-user=sifa]')!;
    await waitFor(() => expect(row()?.querySelector('[data-testid=locked]')).toBeTruthy());
    fireEvent.click(await findByText('重设密码', { selector: 'tr[data-user=sifa] button' }));
    fireEvent.change(row().querySelector('input[name=reset-password]')!, {
      target: { value: 'xin-mima-123' },
    });
    fireEvent.submit(row().querySelector('input[name=reset-password]')!.closest('form')!);
    await findByText(/已重设 sifa 的密码/);
    await waitFor(() => expect(row().textContent).toContain('待本人设置密码'));
    expect(row().querySelector('[data-testid=locked]')).toBeNull();
  });
});
