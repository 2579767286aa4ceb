import { cleanup, fireEvent, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { missingForNewUser } from '../pages/AdminPage';
import { renderAdminPage } from '../test-support/admin';

afterEach(cleanup);

const type = (c: HTMLElement, name: string, value: string) =>
  fireEvent.change(c.querySelector(`[name="${name}"]`)!, { target: { value } });

describe('管理 › 新建用户: why the button is off is said beside it', () => {
  it('names each field still missing (QA: 所属机关 left at 「请选择机关」, the button greyed out with no reason)', async () => {
    const { container } = renderAdminPage();
    await waitFor(() =>
      expect(container.querySelector('select[name="new-user-agency"] option[value="a1"]')).toBeTruthy(),
    );
    const button = [...container.querySelectorAll<HTMLButtonElement>('button[type=submit]')].find(
      (b) => b.textContent === '新建用户',
    )!;
    const reason = () => {
      const id = button.getAttribute('aria-describedby');
      return id ? (container.querySelector(`#${id}`)?.textContent ?? '').trim() : null;
    };
    expect(button.disabled).toBe(true);
    expect(reason()).toBe('请填写用户名、姓名、初始密码，并选择所属机关');
    type(container, 'new-user-username', 'ceshi');
    type(container, 'new-user-display-name', '测试 填报员');
    type(container, 'new-user-password', 'chushi-mima-1');
    expect(button.disabled).toBe(true);
    expect(reason()).toBe('请选择所属机关');
    // a 审核人's agency is the node they review
    type(container, 'new-user-role', 'reviewer');
    expect(reason()).toBe('请选择审核范围');
    type(container, 'new-user-agency', 'a1');
    expect(button.disabled).toBe(false);
    expect(reason()).toBeNull();
    expect(container.querySelector('#new-user-missing')).toBeNull();
    // a 管理员 has no agency to choose
    type(container, 'new-user-role', 'admin');
    type(container, 'new-user-display-name', ' ');
    expect(reason()).toBe('请填写姓名');
  });

  it('missingForNewUser: nothing when all is there; the agency not asked of a 管理员', () => {
    const all = {
      username: 'a',
      displayName: '甲',
      password: 'chushi-mima-1',
      role: 'filler',
      agencyId: 'a1',
    } as const;
    expect(missingForNewUser(all)).toBe('');
    expect(missingForNewUser({ ...all, agencyId: '' })).toBe('请选择所属机关');
    expect(missingForNewUser({ ...all, role: 'admin', agencyId: '' })).toBe('');
    expect(missingForNewUser({ ...all, username: '  ', agencyId: '' })).toBe('请填写用户名，并选择所属机关');
  });
});
