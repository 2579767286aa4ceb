import { cleanup, fireEvent, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderAdminPage } from '../test-support/admin';

afterEach(cleanup);

/** The admin page whose `path` answers only when `release` is called (the request still in flight). */
function renderAdmin(path: 'agencies.create' | 'users.create') {
  const pending: (() => void)[] = [];
  const r = renderAdminPage({
    [path]: (input) =>
      new Promise((resolve) =>
        pending.push(() =>
          resolve(
            path === 'agencies.create'
              ? { id: 'a2', name: (input as { name: string }).name, kind: '政府部门', level: '县级' }
              : { id: 'u2' },
          ),
        ),
      ),
  });
  const made = () => r.calls.filter((c) => c.path === path);
  return { ...r, pending, made };
}

const type = (c: HTMLElement, name: string, value: string) =>
  fireEvent.change(c.querySelector(`[name="${name}"]`)!, { target: { value } });

describe('管理: a form sent twice before its answer makes one', () => {
  it('新建机关 double-clicked: one agency, the button says 正在新建… meanwhile', async () => {
    const { container, pending, made } = renderAdmin('agencies.create');
    await waitFor(() => expect(container.querySelector('[name="new-agency-name"]')).toBeTruthy());
    type(container, 'new-agency-name', '某某县测试局');
    const form = container.querySelector('[name="new-agency-name"]')!.closest('form')!;
    fireEvent.submit(form);
    fireEvent.submit(form);
    await waitFor(() => expect(pending).toHaveLength(1));
    const button = form.querySelector('button[type=submit]') as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    expect(button.textContent).toBe('正在新建…');
    pending[0]!();
    await waitFor(() => expect(container.textContent).toContain('已新建：某某县测试局'));
    expect(made()).toHaveLength(1);
    await waitFor(() => expect(button.textContent).toBe('新建机关'));
  });

  it('新建用户 double-clicked: one account, no 用户名已存在 under its 已新建', async () => {
    const { container, pending, made } = renderAdmin('users.create');
    await waitFor(() => expect(container.querySelector('[name="new-user-username"]')).toBeTruthy());
    type(container, 'new-user-username', 'ceshi');
    type(container, 'new-user-display-name', '测试 填报员');
    type(container, 'new-user-password', 'chushi-mima-1');
    await waitFor(() =>
      expect(container.querySelector('select[name="new-user-agency"] option[value="a1"]')).toBeTruthy(),
    );
    type(container, 'new-user-agency', 'a1');
    const form = container.querySelector('[name="new-user-username"]')!.closest('form')!;
    fireEvent.submit(form);
    fireEvent.submit(form);
    await waitFor(() => expect(pending).toHaveLength(1));
    expect((form.querySelector('button[type=submit]') as HTMLButtonElement).disabled).toBe(true);
    pending[0]!();
    await waitFor(() => expect(container.textContent).toContain('已新建用户 ceshi'));
    expect(made()).toHaveLength(1);
  });
});
