import { cleanup, fireEvent, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderAdminPage, sifaRow } from '../test-support/admin';

afterEach(cleanup);

describe('管理 › 用户 › 重设密码', () => {
  it('the row’s 状态 follows: the lock the reset lifted is gone, 待本人设置密码 is shown', async () => {
    let reset = false;
    const { container, findByText } = renderAdminPage({
      // locked by failed logins until the reset (the server clears the failures with it)
      'users.list': () => [
        sifaRow({
          lockedUntil: reset ? null : new Date(Date.now() + 30 * 60_000).toISOString(),
          mustChangePassword: reset,
        }),
      ],
      'users.resetPassword': () => {
        reset = true;
        return { ok: true };
      },
    });
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
