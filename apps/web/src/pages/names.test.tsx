import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Me } from '../App';
import { countyTree } from '../test-support/tree';
import { fakeClient, testQueryClient } from '../test-support/trpc';
import { TRPCProvider } from '../trpc';
import { Home } from './Home';
import { RegionPage } from './RegionPage';

// 13. A screen reader lists a page's links by name: 「打开」 ×N or 「查看」 ×7 say nothing of which.

afterEach(cleanup);
beforeEach(() => {
  window.location.hash = '#/region?year=2025&node=gov';
  localStorage.clear();
});

const item = (id: string, agencyId: string, agencyName: string, year: number, status: string) => ({
  id,
  agencyId,
  agencyName,
  year,
  status,
  statusLabel: status === 'submitted' ? '已提交' : '草稿',
  version: 3,
  updatedAt: '2026-01-05T08:00:00Z',
  openFindings: { error: 0, crossYear: 0, warning: 0, info: 0 },
  dismissedErrors: 0,
  reviewComment: null,
});

function wrap(handlers: Record<string, (input: unknown) => unknown>, page: ReactNode) {
  const { client } = fakeClient(handlers);
  const queryClient = testQueryClient();
  return render(
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={client} queryClient={queryClient}>
        {page}
      </TRPCProvider>
    </QueryClientProvider>,
  );
}

describe('13. links named with what they open', () => {
  it('我的报告: 「打开 2025 年度报告」, 「打开 2024 年度报告」; the last column has a (hidden) header', async () => {
    const v = wrap(
      {
        'reports.list': () => ({
          total: 2,
          nextCursor: null,
          items: [
            item('r2', 'a1', '东山乡人民政府', 2025, 'draft'),
            item('r1', 'a1', '东山乡人民政府', 2024, 'draft'),
          ],
        }),
      },
      <Home
        me={
          {
            id: 'u1',
            role: 'filler',
            roleLabel: '填报人',
            agency: { id: 'a1', name: '东山乡人民政府' },
          } as unknown as Me
        }
      />,
    );
    const table = await v.findByRole('table');
    expect(within(table).getByRole('link', { name: '打开 2025 年度报告' }).textContent).toBe('打开');
    expect(within(table).getByRole('link', { name: '打开 2024 年度报告' })).toBeTruthy();
    expect(within(table).queryAllByRole('link', { name: '打开' })).toHaveLength(0);
    expect(v.getByRole('columnheader', { name: '操作' })).toBeTruthy();
  });

  it('本地区报告: 「查看 西河县河口镇人民政府 2025 年度报告」', async () => {
    const v = wrap(
      {
        'agencies.tree': () => countyTree,
        'reports.list': () => ({
          total: 1,
          nextCursor: null,
          items: [item('r9', 'town', '西河县河口镇人民政府', 2025, 'submitted')],
        }),
        'summary.resubmitted': () => ({ ids: [] }),
        'config.get': () => ({ rules: {}, version: 1, updatedAt: null, updatedBy: null }),
      },
      <RegionPage
        me={{ id: 'shenhe', role: 'reviewer', roleLabel: '审核人' } as unknown as Me}
        year={2025}
        nodeId="gov"
      />,
    );
    const link = await v.findByRole('link', { name: '查看 西河县河口镇人民政府 2025 年度报告' });
    expect(link.textContent).toBe('查看');
    expect(v.queryAllByRole('link', { name: '查看' })).toHaveLength(0);
    expect(v.getAllByRole('columnheader', { name: '操作' }).length).toBeGreaterThan(0);
  });
});
