import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from './App';
import { fakeClient, testQueryClient } from './test-support/trpc';
import { TRPCProvider } from './trpc';

// The page's code cannot be loaded: the system was updated since the tab opened (the old file is gone)
// — what the browser's import() rejects with, met as the page is drawn.
vi.mock('./pages/ImportPage', () => ({
  ImportPage: () => {
    throw new TypeError('Failed to fetch dynamically imported module: /assets/ImportPage-old.js');
  },
}));

// A page's own error as it is drawn.
vi.mock('./pages/AccountPage', () => ({
  AccountPage: () => {
    throw new Error('tokens is not iterable');
  },
  FirstPasswordPage: () => null,
}));

afterEach(() => {
  cleanup();
  window.location.hash = '';
});

const filler = {
  id: 'dongshan',
  username: 'dongshan',
  displayName: '东山乡 填报员',
  role: 'filler',
  roleLabel: '填报人',
  agency: { id: 'a1', name: '东山乡人民政府', kind: '人民政府', level: '乡镇级' },
  via: 'session',
  mustChangePassword: false,
};

describe('a page that cannot be drawn', () => {
  it('says so in Chinese with 刷新页面 under the header (its links still there), not a blank window', async () => {
    // React reports the caught error on the console: expected here
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    window.location.hash = '#/import';
    const { client } = fakeClient({ 'auth.me': () => filler });
    const queryClient = testQueryClient();
    const { findByTestId, container } = render(
      <QueryClientProvider client={queryClient}>
        <TRPCProvider trpcClient={client} queryClient={queryClient}>
          <App />
        </TRPCProvider>
      </QueryClientProvider>,
    );
    const box = await findByTestId('page-error');
    expect(box.textContent).toContain('页面载入失败：本系统可能已更新，请刷新页面后再试。');
    expect(box.querySelector('button')?.textContent).toBe('刷新页面');
    expect(container.querySelector('.app-header a[href="#/"]')).toBeTruthy();
    quiet.mockRestore();
  });

  it('a page’s own error: said with its message, and another page opens as usual', async () => {
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    window.location.hash = '#/account';
    const { client } = fakeClient({
      'auth.me': () => filler,
      'reports.list': () => ({ total: 0, nextCursor: null, items: [] }),
    });
    const queryClient = testQueryClient();
    const { findByTestId, findByText, queryByTestId } = render(
      <QueryClientProvider client={queryClient}>
        <TRPCProvider trpcClient={client} queryClient={queryClient}>
          <App />
        </TRPCProvider>
      </QueryClientProvider>,
    );
    expect((await findByTestId('page-error')).textContent).toContain(
      '页面出错，无法显示：tokens is not iterable。请刷新页面后再试；如仍出错，请联系管理员。',
    );
    // 我的报告 (a link of the header): that page, the error gone
    window.location.hash = '#/';
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    await findByText('还没有报告。');
    expect(queryByTestId('page-error')).toBeNull();
    quiet.mockRestore();
  });
});
