import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from './App';
import { fakeClient, Refusal } from './test-support/trpc';
import { TRPCProvider } from './trpc';

afterEach(cleanup);

const reviewer = {
  id: 'shenhe',
  username: 'shenhe',
  displayName: '审核员',
  role: 'reviewer',
  roleLabel: '审核人',
  agency: { id: 'gov', name: '示例县人民政府', kind: '人民政府', level: '县级' },
  via: 'session',
  mustChangePassword: false,
};

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
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
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
