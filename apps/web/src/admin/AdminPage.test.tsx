import { describeRules } from '@nianbao/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Me } from '../App';
import { AdminPage, lockedText } from '../pages/AdminPage';
import { fakeClient, Refusal, testQueryClient } from '../test-support/trpc';
import { TRPCProvider } from '../trpc';

afterEach(cleanup);

const user = (
  id: string,
  role: 'admin' | 'filler',
  agencyId: string | null,
  disabledAt: string | null = null,
  extra: {
    lockedUntil?: string | null;
    lockedReach?: 'all-addresses' | 'some-addresses' | null;
    mustChangePassword?: boolean;
  } = {},
) => ({
  id,
  username: id,
  displayName: `${id} 姓名`,
  role,
  roleLabel: role === 'admin' ? '管理员' : '填报人',
  agencyId,
  agencyName: agencyId ? '某某县财政局' : null,
  disabledAt,
  lockedUntil: null as string | null,
  lockedReach: null as 'all-addresses' | 'some-addresses' | null,
  mustChangePassword: false,
  ...extra,
});

function renderAdmin(
  users: ReturnType<typeof user>[],
  me: string,
  more: Record<string, (input: unknown) => unknown> = {},
) {
  const { client, calls } = fakeClient({
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
    'users.list': () => users,
    'checks.rules': () => ({ rules: describeRules(), severities: {}, config: {}, configVersion: 0 }),
    'users.setDisabled': () => ({ ok: true, tokensRevoked: 0 }),
    'users.addressLocks': () => ({ trustProxy: false, items: [] }),
    ...more,
  });
  const queryClient = testQueryClient();
  const r = render(
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={client} queryClient={queryClient}>
        <AdminPage me={{ id: me, username: me, role: 'admin' } as unknown as Me} />
      </TRPCProvider>
    </QueryClientProvider>,
  );
  return { ...r, calls };
}

describe('AdminPage › 停用', () => {
  it('asks first, naming the account, and only then disables', async () => {
    const { container, findByText, calls } = renderAdmin(
      [user('admin', 'admin', null), user('sifa', 'filler', 'a1')],
      'admin',
    );
    await waitFor(() => expect(container.querySelector('tr[data-user=sifa]')).toBeTruthy());
    const row = container.querySelector('tr[data-user=sifa]')!;
    fireEvent.click([...row.querySelectorAll('button')].find((b) => b.textContent === '停用')!);
    expect(row.textContent).toContain('停用 sifa（sifa 姓名，填报人，某某县财政局）？');
    expect(calls.some((c) => c.path === 'users.setDisabled')).toBe(false);
    fireEvent.click(await findByText('确认停用 sifa'));
    await waitFor(() =>
      expect(calls.find((c) => c.path === 'users.setDisabled')?.input).toEqual({
        id: 'sifa',
        disabled: true,
      }),
    );
  });

  it('refuses to disable the only active 管理员', async () => {
    // Seen by an admin acting through a token for another account (their own row has no 停用).
    const { container, calls } = renderAdmin(
      [user('boss', 'admin', null), user('old', 'admin', null, '2026-01-01T00:00:00Z')],
      'someone-else',
    );
    await waitFor(() => expect(container.querySelector('tr[data-user=boss]')).toBeTruthy());
    const row = container.querySelector('tr[data-user=boss]')!;
    fireEvent.click([...row.querySelectorAll('button')].find((b) => b.textContent === '停用')!);
    expect(row.textContent).toContain('是本系统唯一在用的管理员');
    expect([...row.querySelectorAll('button')].some((b) => b.textContent?.startsWith('确认停用'))).toBe(
      false,
    );
    expect(calls.some((c) => c.path === 'users.setDisabled')).toBe(false);
  });
});

describe('AdminPage › 已锁定', () => {
  it('says until when an account is locked and unlocks it; an initial password is told', async () => {
    const until = new Date(Date.now() + 10 * 60_000);
    until.setSeconds(30, 0);
    let list = [
      user('admin', 'admin', null),
      user('sifa', 'filler', 'a1', null, { lockedUntil: until.toISOString(), lockedReach: 'some-addresses' }),
      user('xinren', 'filler', 'a1', null, { mustChangePassword: true }),
      user('guessed', 'filler', 'a1', null, {
        lockedUntil: until.toISOString(),
        lockedReach: 'all-addresses',
      }),
    ];
    const { container, calls } = renderAdmin(list, 'admin', {
      'users.list': () => list,
      'users.unlock': () => {
        list = list.map((u) => (u.id === 'sifa' ? { ...u, lockedUntil: null } : u));
        return { ok: true, wasLocked: true };
      },
    });
    await waitFor(() => expect(container.querySelector('tr[data-user=sifa]')).toBeTruthy());
    const row = () => container.querySelector('tr[data-user=sifa]')!;
    // Rounded up to the minute: at the time said, the lock is over.
    const end = new Date(until.getTime() + 30_000);
    const hm = `${String(end.getHours()).padStart(2, '0')}:${String(end.getMinutes()).padStart(2, '0')}`;
    expect(row().textContent).toContain(`已锁定，至 ${hm}`);
    // how far the lock reaches: the account is not shut everywhere by failures at one address
    expect(row().textContent).toContain('只在登录失败过多的网络地址：本人从其他网络仍可登录');
    expect(container.querySelector('tr[data-user=guessed]')!.textContent).toContain(
      '各处登录失败过多，可能有人在猜密码：本人从以前登录过的网络仍可登录',
    );
    expect(container.querySelector('tr[data-user=xinren]')!.textContent).toContain('待本人设置密码');
    expect(container.querySelector('tr[data-user=admin]')!.textContent).not.toContain('已锁定');
    fireEvent.click([...row().querySelectorAll('button')].find((b) => b.textContent === '解锁')!);
    await waitFor(() => expect(row().textContent).toContain('已解锁 sifa'));
    expect(calls.find((c) => c.path === 'users.unlock')?.input).toEqual({ id: 'sifa' });
    await waitFor(() => expect(row().textContent).not.toContain('已锁定'));
  });

  it('a lock already over is not shown', async () => {
    const { container } = renderAdmin(
      [
        user('admin', 'admin', null),
        user('sifa', 'filler', 'a1', null, { lockedUntil: '2020-01-01T00:00:00Z' }),
      ],
      'admin',
    );
    await waitFor(() => expect(container.querySelector('tr[data-user=sifa]')).toBeTruthy());
    expect(container.querySelector('tr[data-user=sifa]')!.textContent).not.toContain('已锁定');
  });
});

describe('AdminPage › 检查规则 refused', () => {
  it('each refusal beside its own row; every edit stays; nothing saved is said', async () => {
    const { container, calls } = renderAdmin([user('admin', 'admin', null)], 'admin', {
      'config.set': () =>
        new Refusal('INVALID_RULE_CONFIG', '规则配置有误：…', {
          problems: [
            '规则 T3-W1 的选项 maxRatio 不能为负数：-5',
            '规则 T2-3 的选项 governmentFactor 不能为负数：-2',
          ],
        }),
    });
    await waitFor(() => expect(container.querySelector('tr[data-rule="T3-W1"]')).toBeTruthy());
    const input = (name: string) => container.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
    const row = (id: string) => container.querySelector(`tr[data-rule="${id}"]`)!;
    fireEvent.change(input('rule-T3-W1-maxRatio'), { target: { value: '-5' } });
    fireEvent.change(input('rule-T2-3-governmentFactor'), { target: { value: '-2' } });
    // A valid change beside them.
    const c2 = container.querySelector<HTMLSelectElement>('select[name="rule-C2"]')!;
    fireEvent.change(c2, { target: { value: 'off' } });
    fireEvent.click([...container.querySelectorAll('button')].find((b) => b.textContent === '保存规则配置')!);
    await waitFor(() => expect(row('T3-W1').querySelector('.error-text')).toBeTruthy());
    expect(calls.find((c) => c.path === 'config.set')?.input).toMatchObject({ rules: { C2: 'off' } });
    // Each row says its own refusal, not the other's.
    expect(row('T3-W1').querySelector('.error-text')!.textContent).toContain('不能为负数：-5');
    expect(row('T3-W1').textContent).not.toContain('-2');
    expect(row('T2-3').querySelector('.error-text')!.textContent).toContain('不能为负数：-2');
    expect(row('T2-3').textContent).not.toContain('：-5');
    expect(row('C2').querySelector('.error-text')).toBeNull();
    // Nothing typed is lost; the message says nothing was saved.
    expect(input('rule-T3-W1-maxRatio').value).toBe('-5');
    expect(input('rule-T2-3-governmentFactor').value).toBe('-2');
    expect(c2.value).toBe('off');
    expect(container.querySelector('#admin-rules')!.textContent).toContain('未保存：2 条规则的设置有误');
    // Correcting a row takes its mark away.
    fireEvent.change(input('rule-T3-W1-maxRatio'), { target: { value: '0.4' } });
    expect(row('T3-W1').querySelector('.error-text')).toBeNull();
    expect(row('T2-3').querySelector('.error-text')).toBeTruthy();
  });
});

describe('AdminPage › 检查规则 › F3 deadline', () => {
  it('saves 3-31 typed in the F3 box as 03-31 (not refused as not MM-DD)', async () => {
    const { container, calls, findByText } = renderAdmin([user('admin', 'admin', null)], 'admin', {
      'config.set': (input) => ({ ...(input as object), version: 1, updatedAt: null, updatedBy: null }),
    });
    await waitFor(() => expect(container.querySelector('tr[data-rule="F3"]')).toBeTruthy());
    const box = container.querySelector<HTMLInputElement>('input[name="rule-F3-deadline"]')!;
    fireEvent.change(box, { target: { value: '3-31' } });
    fireEvent.click([...container.querySelectorAll('button')].find((b) => b.textContent === '保存规则配置')!);
    await findByText(/规则配置已保存/);
    expect(calls.find((c) => c.path === 'config.set')?.input).toMatchObject({
      rules: { F3: { options: { deadline: '03-31' } } },
    });
  });
});

describe('AdminPage › 检查规则 › 保存', () => {
  it('says 「已保存」 at once, not after every other query on the page has been fetched again', async () => {
    // The 操作记录 card's query answers only on the first call: its refetch after the save never does.
    let auditCalls = 0;
    const { container, findByText } = renderAdmin([user('admin', 'admin', null)], 'admin', {
      'config.set': (input) => ({ ...(input as object), version: 1, updatedAt: null, updatedBy: null }),
      'audit.list': () => (auditCalls++ === 0 ? { items: [], nextBefore: null } : new Promise(() => {})),
    });
    await waitFor(() => expect(container.querySelector('tr[data-rule="F3"]')).toBeTruthy());
    await waitFor(() => expect(auditCalls).toBe(1));
    fireEvent.click([...container.querySelectorAll('button')].find((b) => b.textContent === '保存规则配置')!);
    await findByText(/规则配置已保存/);
    expect(auditCalls).toBe(2);
  });

  it('the stamp says the version just saved with 「已保存」, not the one before until a refetch', async () => {
    // checks.rules answers once (version 1); its refetch after the save never does
    let rulesCalls = 0;
    const { container, findByText } = renderAdmin([user('admin', 'admin', null)], 'admin', {
      'checks.rules': () =>
        rulesCalls++ === 0
          ? {
              rules: describeRules(),
              severities: {},
              config: {},
              configVersion: 1,
              configUpdatedAt: '2026-12-01T02:00:00Z',
              configUpdatedBy: '另一位管理员',
            }
          : new Promise(() => {}),
      'config.set': (input) => ({
        ...(input as object),
        version: 2,
        updatedAt: '2026-12-01T05:02:50Z',
        updatedBy: '系统管理员',
      }),
    });
    const stamp = () => container.querySelector('[data-testid=rules-stamp]')?.textContent;
    await waitFor(() => expect(stamp()).toContain('第 1 版：另一位管理员于 2026-12-01 10:00 保存'));
    fireEvent.click([...container.querySelectorAll('button')].find((b) => b.textContent === '保存规则配置')!);
    await findByText(/规则配置已保存/);
    expect(stamp()).toContain('第 2 版：系统管理员于 2026-12-01 13:02 保存');
  });
});

describe('AdminPage › 用户 › 暂停登录的网络地址', () => {
  it('lists a locked address (where the login page sends the 管理员) and lifts it', async () => {
    let locked = true;
    const until = new Date(Date.now() + 9 * 60_000).toISOString();
    const { container, calls, findByTestId, findByText } = renderAdmin(
      [user('admin', 'admin', null)],
      'admin',
      {
        'users.addressLocks': () => ({
          trustProxy: false,
          items: locked ? [{ address: '127.0.0.1', lockedUntil: until, failures: 27, userNames: 20 }] : [],
        }),
        'users.unlockAddress': () => {
          locked = false;
          return { ok: true, wasLocked: true };
        },
      },
    );
    const box = await findByTestId('address-locks');
    await waitFor(() => expect(box.textContent).toContain('127.0.0.1'));
    expect(box.textContent).toContain('失败 27 次，涉及 20 个用户名');
    expect(box.textContent).toContain(lockedText(until));
    // Behind a proxy without NIANBAO_TRUST_PROXY everyone is 127.0.0.1: said.
    expect(box.textContent).toContain('NIANBAO_TRUST_PROXY');
    expect(container.querySelector('#admin-users [data-testid=address-locks]')).toBeTruthy();
    fireEvent.click(await findByText('解除'));
    await findByText(/已解除 127\.0\.0\.1 的登录暂停/);
    expect(calls.find((c) => c.path === 'users.unlockAddress')?.input).toEqual({ address: '127.0.0.1' });
    await waitFor(() => expect(container.querySelector('li[data-address]')).toBeNull());
  });
});

describe('AdminPage › 机关 › 修改', () => {
  const edit = async (answer: () => unknown) => {
    const v = renderAdmin([user('admin', 'admin', null)], 'admin', { 'agencies.edit': answer });
    await waitFor(() => expect(v.container.querySelector('li[data-agency="某某县财政局"]')).toBeTruthy());
    const row = () => v.container.querySelector('li[data-agency]')!;
    fireEvent.click([...row().querySelectorAll('button')].find((b) => b.textContent === '修改')!);
    fireEvent.change(row().querySelector('input[name=edit-agency-name]')!, {
      target: { value: '某某县财政局（新）' },
    });
    fireEvent.click([...row().querySelectorAll('button')].find((b) => b.textContent === '保存')!);
    return { ...v, row };
  };

  it('saved: said under that row, as a status', async () => {
    const { row, calls } = await edit(() => ({ id: 'a1', name: '某某县财政局（新）' }));
    await waitFor(() =>
      expect(row().querySelector('.row-note')?.textContent).toBe('已保存：某某县财政局（新）'),
    );
    expect(row().querySelector('.row-note')!.getAttribute('role')).toBe('status');
    expect(calls.find((c) => c.path === 'agencies.edit')?.input).toMatchObject({
      id: 'a1',
      name: '某某县财政局（新）',
    });
  });

  it('refused: the server’s reason under that row, as an alert', async () => {
    const { row } = await edit(() => new Refusal('AGENCY_EXISTS', '已有同名机关：某某县财政局（新）'));
    await waitFor(() => expect(row().querySelector('.row-note')?.getAttribute('role')).toBe('alert'));
    expect(row().querySelector('.row-note')!.textContent).toContain('已有同名机关');
    expect(row().querySelector('.row-note')!.className).toContain('error-text');
  });
});
