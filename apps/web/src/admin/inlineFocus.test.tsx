import { cleanup, fireEvent, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderAdminPage, sifaRow } from '../test-support/admin';

afterEach(cleanup);

function renderAdmin() {
  return renderAdminPage({ 'users.list': () => [sifaRow()] });
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
