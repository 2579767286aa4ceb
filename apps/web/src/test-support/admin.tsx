/**
 * The 管理 page as its tests render it: a 管理员 signed in, one agency (某某县财政局, a1) and the
 * answers every 管理 page asks for (rules, locked addresses, an empty 操作记录); each test adds or
 * overrides the answers it is about.
 */
import { describeRules } from '@nianbao/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { Me } from '../App';
import { AdminPage } from '../pages/AdminPage';
import { TRPCProvider } from '../trpc';
import { fakeClient, testQueryClient } from './trpc';

/** The one agency: a county department at the root of the tree. */
export const FINANCE_BUREAU = {
  id: 'a1',
  parentId: null,
  name: '某某县财政局',
  kind: '政府部门',
  level: '县级',
  regionCode: null,
  children: [],
};

/** Its 填报人 `sifa` as users.list gives it (`extra` over it). */
export function sifaRow(extra: Record<string, unknown> = {}) {
  return {
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
    ...extra,
  };
}

export function renderAdminPage(answers: Record<string, (input: unknown) => unknown> = {}) {
  const { client, calls } = fakeClient({
    'agencies.tree': () => [FINANCE_BUREAU],
    'users.list': () => [],
    'checks.rules': () => ({ rules: describeRules(), severities: {}, config: {}, configVersion: 0 }),
    'users.addressLocks': () => ({ trustProxy: false, items: [] }),
    'audit.list': () => ({ items: [], nextBefore: null }),
    ...answers,
  });
  const queryClient = testQueryClient();
  const r = render(
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={client} queryClient={queryClient}>
        <AdminPage me={{ id: 'admin', username: 'admin', role: 'admin' } as unknown as Me} />
      </TRPCProvider>
    </QueryClientProvider>,
  );
  return { ...r, calls };
}
