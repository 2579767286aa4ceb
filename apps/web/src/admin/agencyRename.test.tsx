import { describeRules } from '@nianbao/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Me } from '../App';
import { AdminPage } from '../pages/AdminPage';
import { fakeClient, testQueryClient } from '../test-support/trpc';
import { TRPCProvider } from '../trpc';

afterEach(cleanup);

describe('管理 › 机关 修改', () => {
  it('a renamed agency is shown under its new name in the users list too (not the old one until a reload)', async () => {
    let name = '某某县财政局';
    const { client } = fakeClient({
      'agencies.tree': () => [
        { id: 'a1', parentId: null, name, kind: '政府部门', level: '县级', regionCode: null, children: [] },
      ],
      // the server names each user's agency as it is now
      'users.list': () => [
        {
          id: 'sifa',
          username: 'sifa',
          displayName: '财政局 填报员',
          role: 'filler',
          roleLabel: '填报人',
          agencyId: 'a1',
          agencyName: name,
          disabledAt: null,
          lockedUntil: null,
          mustChangePassword: false,
        },
      ],
      'agencies.edit': (input) => {
        name = (input as { name: string }).name;
        return { id: 'a1', name, kind: '政府部门', level: '县级' };
      },
      'checks.rules': () => ({ rules: describeRules(), severities: {}, config: {}, configVersion: 0 }),
      'users.addressLocks': () => ({ trustProxy: false, items: [] }),
      'audit.list': () => ({ items: [], nextBefore: null }),
      'auth.me': () => ({ id: 'admin', username: 'admin', role: 'admin' }),
    });
    const queryClient = testQueryClient();
    const { container, findByText } = render(
      <QueryClientProvider client={queryClient}>
        <TRPCProvider trpcClient={client} queryClient={queryClient}>
          <AdminPage me={{ id: 'admin', username: 'admin', role: 'admin' } as unknown as Me} />
        </TRPCProvider>
      </QueryClientProvider>,
    );
    const userRow = () => container.querySelector('tr[data-user=sifa]');
    await waitFor(() => expect(userRow()?.textContent).toContain('某某县财政局'));
    fireEvent.click(await findByText('修改', { selector: '#admin-agencies button' }));
    fireEvent.change(container.querySelector('input[name=edit-agency-name]')!, {
      target: { value: '某某县财政局（国资办）' },
    });
    fireEvent.submit(container.querySelector('input[name=edit-agency-name]')!.closest('form')!);
    await findByText('已保存：某某县财政局（国资办）');
    await waitFor(() => expect(userRow()?.textContent).toContain('某某县财政局（国资办）'));
  });
});
