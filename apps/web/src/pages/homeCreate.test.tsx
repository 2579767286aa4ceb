import { reportingYear } from '@nianbao/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Me } from '../App';
import { fakeClient, Refusal, testQueryClient } from '../test-support/trpc';
import { TRPCProvider } from '../trpc';
import { Home } from './Home';

afterEach(cleanup);

const item = (id: string, year: number) => ({
  id,
  agencyId: 'a1',
  agencyName: '东山乡人民政府',
  year,
  status: 'draft',
  statusLabel: '草稿',
  version: 1,
  updatedAt: '2026-01-05T08:00:00Z',
  openFindings: { error: 0, crossYear: 0, warning: 0, info: 0 },
  dismissedErrors: 0,
  reviewComment: null,
});

describe('我的报告 › 新建年度报告', () => {
  it('created, but its prefill from last year failed: the message says it exists and the page offers to open it (not a 新建 the server refuses)', async () => {
    const year = reportingYear();
    let made = false;
    const { client, calls } = fakeClient({
      'reports.list': () => {
        const items = [...(made ? [item('new', year)] : []), item('old', year - 1)];
        return { total: items.length, nextCursor: null, items };
      },
      'reports.create': () => {
        made = true;
        return { ...item('new', year), report: {} };
      },
      // last year's report cannot be read just now
      'reports.get': () => new Refusal('DB_UNAVAILABLE', '数据库暂时不可用，请稍后重试'),
    });
    const queryClient = testQueryClient();
    const v = render(
      <QueryClientProvider client={queryClient}>
        <TRPCProvider trpcClient={client} queryClient={queryClient}>
          <Home
            me={
              {
                id: 'u1',
                role: 'filler',
                roleLabel: '填报人',
                agency: { id: 'a1', name: '东山乡人民政府' },
              } as unknown as Me
            }
          />
        </TRPCProvider>
      </QueryClientProvider>,
    );
    await v.findByRole('table'); // last year's report listed: the new one is prefilled from it
    fireEvent.click(await v.findByRole('button', { name: `新建 ${year} 年度报告` }));
    const alert = await v.findByRole('alert');
    expect(alert.textContent).toContain(`已新建 ${year} 年度报告`);
    expect(alert.textContent).toContain('数据库暂时不可用');
    // the list is read again: the year's report is there to open, no 新建 that would say it exists
    const open = await v.findAllByRole('link', { name: `打开 ${year} 年度报告` });
    expect(open.map((a) => a.getAttribute('href'))).toEqual(['#/report/new', '#/report/new']);
    expect(v.queryByRole('button', { name: `新建 ${year} 年度报告` })).toBeNull();
    expect(calls.filter((c) => c.path === 'reports.create')).toHaveLength(1);
  });
});
