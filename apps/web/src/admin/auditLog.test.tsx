import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeClient, testQueryClient } from '../test-support/trpc';
import { NETWORK_MESSAGE, TRPCProvider } from '../trpc';
import { AuditCard, auditDetails } from './AuditLog';

afterEach(cleanup);

const entry = (
  id: number,
  action: string,
  details: Record<string, unknown> | null,
  target = '甲镇人民政府',
) => ({
  id,
  at: '2026-11-30T06:05:00.000Z',
  actorId: 'u1',
  actor: '县政务公开办 管理员',
  action,
  targetType: 'agency',
  targetId: 'a2',
  target,
  details,
});

function renderAudit(
  pages: Record<string, { items: ReturnType<typeof entry>[]; nextBefore: number | null }>,
) {
  const { client, calls } = fakeClient({
    'audit.list': (input) => {
      const i = input as { before?: number; action?: string };
      return pages[`${i.action ?? ''}:${i.before ?? ''}`] ?? { items: [], nextBefore: null };
    },
  });
  const queryClient = testQueryClient();
  const names: Record<string, string> = { p1: '甲县人民政府', p2: '乙县人民政府' };
  const r = render(
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={client} queryClient={queryClient}>
        <AuditCard agencyName={(id) => names[id]} />
      </TRPCProvider>
    </QueryClientProvider>,
  );
  return { ...r, calls };
}

describe('管理 › 操作记录 (audit.list in the web: it was reachable by the API only)', () => {
  it('lists who did what when, a change as before → after with agency names, and reads on with 更早的记录', async () => {
    const move = entry(9, 'agencies.edit', {
      before: { parentId: 'p1', level: '县级' },
      after: { parentId: 'p2', level: '乡镇级' },
    });
    const reset = entry(8, 'users.resetPassword', null, 'zhangsan');
    const older = entry(3, 'config.set', { rules: { before: {}, after: { 'T3-W1': 'off' } } }, '检查规则');
    const { container, getByText, calls } = renderAudit({
      ':': { items: [move, reset], nextBefore: 8 },
      ':8': { items: [older], nextBefore: null },
    });
    await waitFor(() => expect(container.querySelectorAll('tbody tr[data-action]')).toHaveLength(2));
    const first = container.querySelector('tr[data-action="agencies.edit"]')!;
    expect([...first.querySelectorAll('td')].map((td) => td.textContent)).toEqual([
      '2026-11-30 14:05',
      '县政务公开办 管理员',
      '修改机关',
      '甲镇人民政府',
      '上级：甲县人民政府 → 乙县人民政府；层级：县级 → 乡镇级',
    ]);
    expect(container.querySelector('tr[data-action="users.resetPassword"]')!.textContent).toContain(
      '重设密码',
    );
    fireEvent.click(getByText('更早的记录'));
    await waitFor(() => expect(container.querySelectorAll('tbody tr[data-action]')).toHaveLength(3));
    expect(
      calls.filter((c) => c.path === 'audit.list').map((c) => (c.input as { before?: number }).before),
    ).toEqual([undefined, 8]);
    expect(container.textContent).not.toContain('更早的记录');
  });

  it('filters by action', async () => {
    const { container, calls } = renderAudit({
      ':': { items: [entry(2, 'users.create', { role: 'filler' }, 'lisi')], nextBefore: null },
      'config.set:': { items: [], nextBefore: null },
    });
    await waitFor(() => expect(container.querySelectorAll('tbody tr[data-action]')).toHaveLength(1));
    fireEvent.change(container.querySelector('select')!, { target: { value: 'config.set' } });
    await waitFor(() => expect(container.textContent).toContain('还没有“修改检查规则”的操作记录。'));
    expect(calls.at(-1)).toMatchObject({ path: 'audit.list', input: { limit: 50, action: 'config.set' } });
  });

  it('details that are no field change are shown as recorded, cut at 300 characters', () => {
    expect(
      auditDetails(
        {
          details: {
            displayName: '坑仔口镇 填报员',
            role: 'filler',
            agencyId: 'a9',
            mustChangePassword: false,
          },
        },
        (id) => (id === 'a9' ? '坑仔口镇人民政府' : undefined),
      ),
    ).toBe('姓名：坑仔口镇 填报员；角色：填报人；机关：坑仔口镇人民政府；首次登录须改密码：否');
    expect(auditDetails({ details: { rules: { 'T3-W1': 'off' } } }, () => undefined)).toBe(
      '{"rules":{"T3-W1":"off"}}',
    );
    expect(auditDetails({ details: null }, () => undefined)).toBe('');
    const long = auditDetails({ details: { x: 'a'.repeat(400) } }, () => undefined);
    expect(long).toHaveLength(301);
    expect(long.endsWith('…')).toBe(true);
  });
});

describe('管理 › 操作记录 that cannot be read', () => {
  it('says why in Chinese (the network gone: not the browser’s English 「Failed to fetch」)', async () => {
    // no answer for audit.list: the request fails as a fetch does when the network is gone
    const { client } = fakeClient({});
    const queryClient = testQueryClient();
    const { container } = render(
      <QueryClientProvider client={queryClient}>
        <TRPCProvider trpcClient={client} queryClient={queryClient}>
          <AuditCard agencyName={() => undefined} />
        </TRPCProvider>
      </QueryClientProvider>,
    );
    await waitFor(() => expect(container.querySelector('td.error-text')).toBeTruthy());
    expect(container.querySelector('td.error-text')!.textContent).toBe(
      `操作记录读取失败：${NETWORK_MESSAGE}`,
    );
  });
});
