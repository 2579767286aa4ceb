import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeClient } from '../test-support/trpc';
import { TRPCProvider } from '../trpc';
import { CorrectionsPage } from './CorrectionsPage';

afterEach(cleanup);

const correction = (reportId: string, agencyName: string, version: number, readable: boolean) => ({
  reportId,
  agencyName,
  year: 2025,
  version,
  reason: `更正${agencyName}的数字`,
  correctedAt: '2026-03-02T08:00:00Z',
  contentHash: `h-${reportId}-${version}`,
  readable,
});

function renderPage(signedIn: boolean) {
  // The server says which reports the caller may open (none for the public).
  const { client, calls } = fakeClient({
    'reports.corrections': () => [
      correction('r1', '东山乡人民政府', 3, signedIn),
      correction('r2', '另一个县教育局', 4, false),
      correction('r3', '西河街道办事处', 5, signedIn),
      correction('r1', '东山乡人民政府', 2, signedIn),
    ],
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
    // one request: no list of every published report to find the readable ones
    expect(calls.map((c) => c.path)).toEqual(['reports.corrections']);
  });

  it('not signed in (the public page): no links, no list asked for, and it says that a login opens them', async () => {
    const { links, calls, container } = renderPage(false);
    await waitFor(() => expect(links()).toHaveLength(4));
    expect(links()).toEqual([null, null, null, null]);
    expect(calls.map((c) => c.path)).toEqual(['reports.corrections']);
    expect(container.textContent).toContain('登录后，本单位及本地区的报告可由此打开。');
  });
});
