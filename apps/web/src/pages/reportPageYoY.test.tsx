import { exampleReport } from '@nianbao/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Me } from '../App';
import { fakeClient, testQueryClient } from '../test-support/trpc';
import { TRPCProvider } from '../trpc';
import { ReportPage } from './ReportPage';

// the form itself is not what this test is about
vi.mock('../editor/Editor', () => ({ Editor: () => <div data-testid="editor" /> }));

afterEach(cleanup);

function renderPage(role: 'filler' | 'reviewer') {
  const report = exampleReport({ year: 2025 });
  const info = (id: string, year: number) => ({
    id,
    agencyId: 'a1',
    year,
    version: 3,
    status: 'draft',
    publishedVersion: null,
    publishedOn: null,
    permissions: {},
    report: id === 'r-2025' ? report : exampleReport({ year: 2024 }),
  });
  const { client } = fakeClient({
    'reports.get': (input) => {
      const { id } = input as { id: string };
      return id === 'r-2025' ? info('r-2025', 2025) : info('r-2024', 2024);
    },
    'config.get': () => ({}),
    'reports.find': () => ({
      id: 'r-2024',
      publishedVersion: null,
      statusLabel: '草稿',
      version: 2,
    }),
    'reports.history': () => ({ versions: [], events: [] }),
    'summary.yearOnYear': () => ({
      previousReportId: 'r-2024',
      basis: { reportId: 'r-2024', status: 'draft', statusLabel: '草稿', version: 2, published: false },
      previous: { year: 2024, edition: '2021', agency: '示例县教育局' },
      current: { year: 2025, edition: '2021', agency: '示例县教育局' },
      deltas: [],
      notComparable: [],
      findings: [],
      notes: [],
    }),
    'agencies.tree': () => [],
    'reports.list': () => ({ total: 0, nextCursor: null, items: [] }),
  });
  const queryClient = testQueryClient();
  const me = { id: 'u1', role, name: '张三', username: 'zhangsan' } as unknown as Me;
  return render(
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={client} queryClient={queryClient}>
        <ReportPage id="r-2025" me={me} />
      </TRPCProvider>
    </QueryClientProvider>,
  );
}

describe('同比 on the report page', () => {
  it('the 填报人 sees it on their own report, before submitting: last year linked, its draft status said', async () => {
    const view = renderPage('filler');
    await waitFor(() => expect(view.getByTestId('year-on-year')).toBeTruthy());
    const block = view.getByTestId('year-on-year');
    expect(block.closest('.yoy-bar')).toBeTruthy();
    expect(block.querySelector('a')!.getAttribute('href')).toBe('#/report/r-2024');
    // beside the toggle, not inside it: no control within a <summary> (WCAG nested-interactive)
    expect(block.querySelector('summary a, summary button, summary input')).toBeNull();
    await waitFor(() =>
      expect(block.querySelector('summary')!.textContent).toContain('尚未发布：草稿，第 2 版'),
    );
    // no review bar for a 填报人
    expect(view.container.querySelector('.review-nav')).toBeNull();
  });

  it('the reviewer sees it in the review bar, once', async () => {
    const view = renderPage('reviewer');
    await waitFor(() => expect(view.getByTestId('year-on-year')).toBeTruthy());
    expect(view.getByTestId('year-on-year').closest('.review-nav')).toBeTruthy();
    expect(view.getAllByTestId('year-on-year')).toHaveLength(1);
  });
});
