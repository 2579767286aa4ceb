import { cleanup, fireEvent, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderAdminPage } from '../test-support/admin';

afterEach(cleanup);

const entry = (id: number, action: string, target: string) => ({
  id,
  at: '2026-11-30T06:05:00.000Z',
  actorId: 'admin',
  actor: 'admin',
  action,
  targetType: action.startsWith('users') ? 'user' : 'agency',
  targetId: target,
  target,
  details: null,
});

function renderAdmin() {
  const log: ReturnType<typeof entry>[] = [];
  const r = renderAdminPage({
    'audit.list': () => ({ items: [...log].reverse(), nextBefore: null }),
    'users.create': (input) => {
      log.push(entry(log.length + 1, 'users.create', (input as { username: string }).username));
      return { id: 'u2' };
    },
    'agencies.create': (input) => {
      const name = (input as { name: string }).name;
      log.push(entry(log.length + 1, 'agencies.create', name));
      return { id: 'a2', name, kind: '政府部门', level: '县级' };
    },
    'auth.me': () => ({ id: 'admin', username: 'admin', role: 'admin' }),
  });
  const logged = () =>
    [...r.container.querySelectorAll('#admin-audit tbody tr[data-action]')].map((tr) => tr.textContent);
  return { ...r, logged };
}

const type = (c: HTMLElement, name: string, value: string) =>
  fireEvent.change(c.querySelector(`[name="${name}"]`)!, { target: { value } });

describe('管理 › 操作记录 after an action on the page', () => {
  it('lists the user and the agency just made (it showed them only after a reload)', async () => {
    const { container, findByText, logged } = renderAdmin();
    await findByText(/还没有.*操作记录/);
    type(container, 'new-user-username', 'ceshi');
    type(container, 'new-user-display-name', '测试 填报员');
    type(container, 'new-user-password', 'chushi-mima-1');
    await waitFor(() =>
      expect(container.querySelector('select[name="new-user-agency"] option[value="a1"]')).toBeTruthy(),
    );
    type(container, 'new-user-agency', 'a1');
    fireEvent.submit(container.querySelector('[name="new-user-username"]')!.closest('form')!);
    await waitFor(() => expect(logged()).toHaveLength(1));
    expect(logged()[0]).toContain('新建用户');
    expect(logged()[0]).toContain('ceshi');
    type(container, 'new-agency-name', '某某县测试局');
    fireEvent.submit(container.querySelector('[name="new-agency-name"]')!.closest('form')!);
    await waitFor(() => expect(logged()).toHaveLength(2));
    expect(logged()[0]).toContain('某某县测试局');
  });
});

describe('管理 › 操作记录 after 解除 a paused network address', () => {
  it('lists it at once', async () => {
    const log: ReturnType<typeof entry>[] = [];
    let locked = true;
    const { container, findByText } = renderAdminPage({
      'agencies.tree': () => [],
      'users.addressLocks': () => ({
        trustProxy: false,
        items: locked
          ? [
              {
                address: '203.0.113.7',
                lockedUntil: new Date(Date.now() + 600_000).toISOString(),
                failures: 30,
                userNames: 4,
              },
            ]
          : [],
      }),
      'users.unlockAddress': () => {
        locked = false;
        log.push(entry(1, 'users.unlockAddress', '203.0.113.7'));
        return { ok: true };
      },
      'audit.list': () => ({ items: [...log].reverse(), nextBefore: null }),
    });
    fireEvent.click(await findByText('解除'));
    await findByText(/已解除 203\.0\.113\.7 的登录暂停/);
    await waitFor(() =>
      expect(
        container.querySelector('#admin-audit tbody tr[data-action="users.unlockAddress"]'),
      ).toBeTruthy(),
    );
  });
});
