import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from './App';
import { countyReviewer as reviewer } from './test-support/region';
import { fakeClient, Refusal, testQueryClient } from './test-support/trpc';
import { TRPCProvider } from './trpc';

afterEach(cleanup);

const county = {
  id: 'gov',
  parentId: null,
  name: '示例县人民政府',
  kind: '人民政府',
  level: '县级',
  regionCode: null,
  children: [],
};

function renderApp(hash: string, handlers: Record<string, (input: unknown) => unknown>) {
  window.location.hash = hash;
  const { client, calls } = fakeClient(handlers);
  const queryClient = testQueryClient();
  const r = render(
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={client} queryClient={queryClient}>
        <App />
      </TRPCProvider>
    </QueryClientProvider>,
  );
  return { ...r, calls };
}

describe('#/rollup naming only a year', () => {
  it('opens the roll-up of the user’s top region (the address then names it), never asks for a blank one', async () => {
    const { calls, findByText } = renderApp('#/rollup?year=2025', {
      'auth.me': () => reviewer,
      'agencies.tree': () => [county],
      'summary.region': () => new Refusal('NOTHING_TO_AGGREGATE', '还没有可汇总的报告'),
      'summary.regionLastYear': () => ({ items: [] }),
    });
    await waitFor(() => expect(window.location.hash).toBe('#/rollup?year=2025&node=gov'));
    await findByText('还没有可汇总的报告');
    const asked = calls
      .filter((c) => c.path === 'summary.region')
      .map((c) => c.input as { regionId: string });
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.every((i) => i.regionId === 'gov')).toBe(true);
  });

  it('with no region to sum, says in 简体中文 where to choose one', async () => {
    const { findByRole, calls, container } = renderApp('#/rollup?year=2025', {
      'auth.me': () => reviewer,
      'agencies.tree': () => [],
    });
    expect((await findByRole('status')).textContent).toContain(
      '请在“本地区报告”页选择范围后点“区域汇总与图表”',
    );
    expect(calls.some((c) => c.path === 'summary.region')).toBe(false);
    expect(container.textContent).not.toContain('缺少编号');
  });
});

describe('#/admin for a 审核人 and a 填报人', () => {
  const town = {
    id: 'town',
    parentId: 'gov',
    name: '城关镇人民政府',
    kind: '人民政府',
    level: '乡镇级',
    regionCode: null,
    children: [],
  };
  it('gives a 审核人 the 机关 management of their node only (no users, no rules)', async () => {
    const { container, calls, findByTestId } = renderApp('#/admin', {
      'auth.me': () => reviewer,
      'agencies.tree': () => [{ ...county, children: [town] }],
      'agencies.create': (input) => ({
        id: 'new',
        name: (input as { name: string }).name,
        kind: '政府部门',
        level: '县级',
      }),
    });
    const note = await findByTestId('reviewer-agencies-note');
    await waitFor(() =>
      expect(note.textContent).toContain('可在“示例县人民政府”之下新建、修改、移动和删除机关'),
    );
    expect([...container.querySelectorAll('.app-header nav a')].map((a) => a.textContent)).toContain(
      '机关管理',
    );
    await waitFor(() => expect(container.querySelector('li[data-agency="城关镇人民政府"]')).toBeTruthy());
    const buttons = (name: string) =>
      [...container.querySelectorAll(`li[data-agency="${name}"] button`)].map((b) => b.textContent);
    // Their own node is the 管理员's to change; what lies under it is theirs.
    expect(buttons('示例县人民政府')).toEqual(['在其下新建']);
    expect(buttons('城关镇人民政府')).toEqual(['在其下新建', '修改', '删除']);
    expect(container.querySelector('#admin-users')).toBeNull();
    expect(container.querySelector('#admin-rules')).toBeNull();
    expect(container.textContent).not.toContain('无填报人');
    expect(calls.some((c) => c.path === 'users.list' || c.path === 'checks.rules')).toBe(false);
    // A new agency goes under their node unless they choose another below it (never the top).
    expect(container.querySelector('select[name=new-agency-parent]')!.textContent).not.toContain('顶级');
    fireEvent.change(container.querySelector('input[name=new-agency-name]')!, {
      target: { value: '示例县林业局' },
    });
    fireEvent.click([...container.querySelectorAll('button')].find((b) => b.textContent === '新建机关')!);
    await waitFor(() =>
      expect(calls.find((c) => c.path === 'agencies.create')?.input).toMatchObject({
        parentId: 'gov',
        name: '示例县林业局',
      }),
    );
  });
  it('tells a 填报人 the page is not theirs instead of showing another page', async () => {
    const { findByTestId, container } = renderApp('#/admin', {
      'auth.me': () => ({ ...reviewer, role: 'filler', roleLabel: '填报人' }),
      'reports.list': () => ({ total: 0, items: [], nextCursor: null }),
      'agencies.tree': () => [county],
    });
    expect((await findByTestId('admin-refused')).textContent).toContain('“管理”页只对管理员和审核人开放');
    expect(container.querySelector('.region-table')).toBeNull();
  });
});

describe('退出登录', () => {
  it('forgets what the tab kept for the user (list view, review queue, an unsent 退回 comment): the next one to sign in here finds none of it', async () => {
    sessionStorage.clear();
    sessionStorage.setItem('nianbao:return-draft:r1', '表三第 3 行请核实');
    sessionStorage.setItem(
      'nianbao:region-view',
      JSON.stringify({ year: 2025, node: 'gov', status: 'returned' }),
    );
    sessionStorage.setItem(
      'nianbao:review-queue',
      JSON.stringify({ ids: ['r1'], back: '#/region?year=2025' }),
    );
    sessionStorage.setItem('other-app', 'kept');
    let signedIn = true;
    const { findByText, calls } = renderApp('#/account', {
      'auth.me': () => (signedIn ? reviewer : null),
      'auth.logout': () => {
        signedIn = false;
        return { ok: true };
      },
      'auth.tokens.list': () => [],
    });
    fireEvent.click(await findByText('退出登录'));
    await waitFor(() => expect(calls.some((c) => c.path === 'auth.logout')).toBe(true));
    await waitFor(() => expect(sessionStorage.getItem('nianbao:return-draft:r1')).toBeNull());
    expect(sessionStorage.getItem('nianbao:region-view')).toBeNull();
    expect(sessionStorage.getItem('nianbao:review-queue')).toBeNull();
    expect(sessionStorage.getItem('other-app')).toBe('kept');
    sessionStorage.clear();
  });
});

describe('an address with a stray 「%」 (a link cut short)', () => {
  it('opens its page and says what is wrong, not a blank page', async () => {
    const { findByText, calls } = renderApp('#/published/2f6c%E0%A4%A', {
      'auth.me': () => null,
      'reports.published': () => new Refusal('NOT_FOUND', '没有找到这份已发布的报告：链接可能有误'),
    });
    await findByText('没有找到这份已发布的报告：链接可能有误');
    expect(calls.find((c) => c.path === 'reports.published')?.input).toEqual({ id: '2f6c%E0%A4%A' });
  });
});

describe('the start page of a 审核人 is the region list', () => {
  it('a filter ticked there shows at once, in the same list, the focus kept; the address then names #/region', async () => {
    window.sessionStorage.clear();
    const { findByRole, container } = renderApp('#/', {
      'auth.me': () => reviewer,
      'agencies.tree': () => [county],
      'reports.list': () => ({ total: 0, items: [], nextCursor: null }),
      'summary.resubmitted': () => ({ ids: [] }),
    });
    const box = (await findByRole('checkbox', { name: /只看有错误的/ })) as HTMLInputElement;
    // the list in (the filters show before it: the table was not there yet, now and then)
    await waitFor(() => expect(container.querySelector('.region-table')).not.toBeNull());
    const table = container.querySelector('.region-table');
    box.focus();
    fireEvent.click(box);
    // in the click: through the browser's hashchange the tick was put back first, and the list was
    // then built anew (another checkbox, the focus lost) — a browser test read the box unticked
    expect(box.checked).toBe(true);
    expect(window.location.hash).toMatch(/^#\/region\?year=\d{4}&node=gov&errors=1$/);
    await new Promise((r) => setTimeout(r, 0));
    expect(box.isConnected).toBe(true);
    expect(document.activeElement).toBe(box);
    expect(container.querySelector('.region-table')).toBe(table);
    fireEvent.click(box);
    expect(box.checked).toBe(false);
  });
});
