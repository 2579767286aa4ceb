import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeClient } from '../test-support/trpc';
import { TRPCProvider } from '../trpc';
import { CorrectionsPage } from './CorrectionsPage';

afterEach(cleanup);

const correction = (reportId: string, agencyName: string, version: number) => ({
  reportId,
  agencyName,
  year: 2025,
  version,
  reason: `更正${agencyName}的数字`,
  correctedAt: '2026-03-02T08:00:00Z',
  contentHash: `h-${reportId}-${version}`,
});

function renderPage(signedIn: boolean) {
  const { client, calls } = fakeClient({
    'reports.corrections': () => [
      correction('r1', '东山乡人民政府', 3),
      correction('r2', '另一个县教育局', 4),
      correction('r3', '西河街道办事处', 5),
      correction('r1', '东山乡人民政府', 2),
    ],
    // The published reports this viewer may read, over two pages.
    'reports.list': (input) =>
      (input as { cursor?: string }).cursor
        ? { total: 3, items: [{ id: 'r3' }], nextCursor: null }
        : { total: 3, items: [{ id: 'r1' }, { id: 'r9' }], nextCursor: 'c1' },
  });
  const queryClient = new QueryClient();
  const view = render(
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={client} queryClient={queryClient}>
        <CorrectionsPage signedIn={signedIn} />
      </TRPCProvider>
    </QueryClientProvider>,
  );
  const links = () =>
    [...view.container.querySelectorAll('table.corrections tbody tr')].map(
      (tr) => tr.querySelector('a')?.getAttribute('href') ?? null,
    );
  return { ...view, links, calls };
}

describe('更正公告: each row links to its report where the viewer may open it', () => {
  it('signed in: the rows of reports the viewer can read link to the report; the others say why not', async () => {
    const { links, calls, container } = renderPage(true);
    await waitFor(() => expect(links()).toEqual(['#/report/r1', null, '#/report/r3', '#/report/r1']));
    expect(container.querySelector('table.corrections tbody tr a')!.textContent).toBe('查看报告');
    const other = container.querySelectorAll('table.corrections tbody tr')[1]!;
    expect(other.querySelector('td:last-child [title]')!.getAttribute('title')).toBe('不在您可查看的范围内');
    // the published reports only, every page read
    const asked = calls.filter((c) => c.path === 'reports.list').map((c) => c.input);
    expect(asked).toEqual([
      { status: 'published', limit: 500 },
      { status: 'published', limit: 500, cursor: 'c1' },
    ]);
  });

  it('not signed in (the public page): no links, no list asked for, and it says that a login opens them', async () => {
    const { links, calls, container } = renderPage(false);
    await waitFor(() => expect(links()).toHaveLength(4));
    expect(links()).toEqual([null, null, null, null]);
    expect(calls.map((c) => c.path)).not.toContain('reports.list');
    expect(container.textContent).toContain('登录后，本单位及本地区的报告可由此打开。');
  });
});
