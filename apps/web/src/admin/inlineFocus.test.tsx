import { describeRules } from '@nianbao/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Me } from '../App';
import { AdminPage } from '../pages/AdminPage';
import { fakeClient, testQueryClient } from '../test-support/trpc';
import { TRPCProvider } from '../trpc';

afterEach(cleanup);

function renderAdmin() {
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
        lockedUntil: null,
        mustChangePassword: false,
      },
    ],
    'checks.rules': () => ({ rules: describeRules(), severities: {}, config: {}, configVersion: 0 }),
    'users.addressLocks': () => ({ trustProxy: false, items: [] }),
    'audit.list': () => ({ items: [], nextBefore: null }),
  });
  const queryClient = testQueryClient();
  return render(
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={client} queryClient={queryClient}>
        <AdminPage me={{ id: 'admin', username: 'admin', role: 'admin' } as unknown as Me} />
      </TRPCProvider>
    </QueryClientProvider>,
  );
}

const button = (root: Element, text: string) =>
  [...root.querySelectorAll('button')].find((b) => b.textContent === text) as HTMLButtonElement;

describe('管理: a row’s inline form and the keyboard focus', () => {
  it('机关 修改: the focus goes into the name as it opens, and back to 修改 on 取消', async () => {
    const { container } = renderAdmin();
    await waitFor(() =>
      expect(container.querySelector('#admin-agencies [data-edit-agency="a1"]')).toBeTruthy(),
    );
    fireEvent.click(container.querySelector('#admin-agencies [data-edit-agency="a1"]')!);
    await waitFor(() =>
      expect(document.activeElement).toBe(container.querySelector('input[name=edit-agency-name]')),
    );
    fireEvent.click(button(container.querySelector('#admin-agencies')!, '取消'));
    await waitFor(() =>
      expect(document.activeElement).toBe(container.querySelector('#admin-agencies [data-edit-agency="a1"]')),
    );
  });

  it('用户 修改, 重设密码 and 停用: the same', async () => {
    const { container } = renderAdmin();
    await waitFor(() => expect(container.querySelector('tr[data-user=sifa]')).toBeTruthy());
    const row = () => container.querySelector('tr[data-user=sifa]')!;
    fireEvent.click(button(row(), '修改'));
    await waitFor(() =>
      expect(document.activeElement).toBe(row().querySelector('input[name=change-user-display-name]')),
    );
    fireEvent.click(button(row(), '取消'));
    await waitFor(() => expect(document.activeElement).toBe(button(row(), '修改')));
    fireEvent.click(button(row(), '重设密码'));
    await waitFor(() =>
      expect(document.activeElement).toBe(row().querySelector('input[name=reset-password]')),
    );
    fireEvent.click(button(row(), '取消'));
    await waitFor(() => expect(document.activeElement).toBe(button(row(), '重设密码')));
    // 停用 asks first: the focus on its question's first button, back to 停用 on 取消
    fireEvent.click(button(row(), '停用'));
    await waitFor(() => expect(document.activeElement).toBe(button(row(), '确认停用 sifa')));
    fireEvent.click(button(row(), '取消'));
    await waitFor(() => expect(document.activeElement).toBe(button(row(), '停用')));
  });
});
