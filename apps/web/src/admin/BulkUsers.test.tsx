import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeClient, testQueryClient } from '../test-support/trpc';
import { TRPCProvider } from '../trpc';
import { BulkUsers, LEAVE_SHEET } from './BulkUsers';
import { type AgencyNode, flatten } from './common';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  document.body.innerHTML = '';
});

const node = (id: string, name: string) =>
  ({
    id,
    parentId: null,
    name,
    kind: null,
    level: null,
    regionCode: null,
    children: [],
  }) as unknown as AgencyNode;

function renderBulk() {
  const { client, calls } = fakeClient({
    'users.create': () => ({ id: 'new' }),
  });
  const queryClient = testQueryClient();
  const r = render(
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={client} queryClient={queryClient}>
        <BulkUsers
          rows={flatten([node('t', '东山镇人民政府'), node('e', '示例县教育局')])}
          users={[]}
          onCreated={async () => {}}
        />
      </TRPCProvider>
    </QueryClientProvider>,
  );
  const textarea = () => r.container.querySelector<HTMLTextAreaElement>('textarea[name=bulk-users]')!;
  const button = (text: string) =>
    [...r.container.querySelectorAll('button')].find((b) => b.textContent?.startsWith(text))!;
  return { ...r, calls, textarea, button };
}

describe('批量新建用户: an unknown agency', () => {
  it('is told with the nearest names; one click puts it in the pasted line and checks again', () => {
    const { container, textarea, button } = renderBulk();
    fireEvent.change(textarea(), {
      target: { value: 'dongshan\t张三\t填报人\t东山镇\njy\t李四\t填报人\t教育局' },
    });
    fireEvent.click(button('检查'));
    const row = (u: string) => container.querySelector(`tr[data-bulk-user="${u}"]`)!;
    expect(row('dongshan').textContent).toContain('没有名为“东山镇”的机关。是不是：“东山镇人民政府”？');
    expect(row('jy').textContent).toContain('是不是：“示例县教育局”？');
    fireEvent.click(row('dongshan').querySelector('button[data-suggestion="东山镇人民政府"]')!);
    expect(textarea().value).toBe('dongshan\t张三\t填报人\t东山镇人民政府\njy\t李四\t填报人\t教育局');
    expect(row('dongshan').textContent).toContain('将新建');
    expect(row('jy').textContent).toContain('不新建');
    expect(button('新建 1 个用户')).toBeTruthy();
  });
});

describe('批量新建用户: the new accounts and their passwords, shown once', () => {
  it('leaving by a link of the app or 退出登录 asks first, as closing the tab does; 取消 stays', async () => {
    const { container, textarea, button } = renderBulk();
    fireEvent.change(textarea(), { target: { value: 'dongshan\t张三\t填报人\t东山镇人民政府' } });
    fireEvent.click(button('检查'));
    fireEvent.click(button('新建 1 个用户'));
    await waitFor(() => expect(container.querySelector('[data-testid=accounts-sheet]')).toBeTruthy());
    // The app's menu and header, around the page.
    const header = document.createElement('header');
    header.className = 'app-header';
    header.innerHTML = '<a href="#/account">账号</a><button type="button">退出登录</button>';
    document.body.append(header);
    const loggedOut = vi.fn();
    header.querySelector('button')!.addEventListener('click', loggedOut);
    // Whether the page stopped the click; a click let through is then stopped at the header, so
    // that jsdom does not follow the link later, in the middle of the next test.
    const click = (el: Element) => {
      let stopped: boolean | undefined;
      const seen = (e: Event) => {
        stopped = e.defaultPrevented;
        e.preventDefault();
      };
      header.addEventListener('click', seen);
      const e = new MouseEvent('click', { bubbles: true, cancelable: true });
      el.dispatchEvent(e);
      header.removeEventListener('click', seen);
      return stopped ?? e.defaultPrevented;
    };
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(false);
    expect(click(header.querySelector('a')!)).toBe(true);
    expect(confirm).toHaveBeenCalledWith(LEAVE_SHEET);
    expect(click(header.querySelector('button')!)).toBe(true);
    expect(loggedOut).not.toHaveBeenCalled();
    // The browser's own question on close or reload.
    const unload = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(unload);
    expect(unload.defaultPrevented).toBe(true);
    // Said yes: the link goes.
    confirm.mockReturnValue(true);
    expect(click(header.querySelector('a')!)).toBe(false);
    // A button of the page itself is no leaving: 关闭清单 asks its own question only.
    confirm.mockClear();
    confirm.mockReturnValue(false);
    click(button('关闭清单'));
    expect(confirm.mock.calls).toEqual([['关闭后初始密码不再显示。已经打印或下载了吗？']]);
    expect(container.querySelector('[data-testid=accounts-sheet]')).toBeTruthy();
  });

  it("the browser's Back asks too: declined, the address stays on the page and the route never hears of it", async () => {
    // on the admin page (as the app's navigate() moves: the address, then hashchange)
    window.history.replaceState(null, '', '#/admin');
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    const { container, textarea, button } = renderBulk();
    fireEvent.change(textarea(), { target: { value: 'dongshan\t张三\t填报人\t东山镇人民政府' } });
    fireEvent.click(button('检查'));
    fireEvent.click(button('新建 1 个用户'));
    await waitFor(() => expect(container.querySelector('[data-testid=accounts-sheet]')).toBeTruthy());
    const heard = vi.fn();
    window.addEventListener('hashchange', heard);
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(false);
    // what Back does to a hash route: the address changes, then hashchange
    window.history.pushState(null, '', '#/region');
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    expect(confirm).toHaveBeenCalledWith(LEAVE_SHEET);
    expect(window.location.hash).toBe('#/admin');
    expect(heard).not.toHaveBeenCalled();
    // said yes: the route follows
    confirm.mockReturnValue(true);
    window.history.pushState(null, '', '#/account');
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    expect(window.location.hash).toBe('#/account');
    expect(heard).toHaveBeenCalledTimes(1);
    window.removeEventListener('hashchange', heard);
  });
});
