import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeClient, testQueryClient } from '../test-support/trpc';
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
  const queryClient = testQueryClient();
  const view = render(
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={client} queryClient={queryClient}>
        <CorrectionsPage signedIn={signedIn} />
      </TRPCProvider>
    </QueryClientProvider>,
  );
  const rowLinks = (cls: string) =>
    [...view.container.querySelectorAll('table.corrections tbody tr')].map(
      (tr) => tr.querySelector(`a.${cls}`)?.getAttribute('href') ?? null,
    );
  /** Each row's link to the editor (查看报告), for a reader only. */
  const links = () => rowLinks('editor-link');
  /** Each row's link to the public page of the published report, for everyone. */
  const publicLinks = () => rowLinks('public-link');
  return { ...view, links, publicLinks, calls };
}

describe('更正公告: each row links to the published report, and to the editor where the viewer may open it', () => {
  it('signed in: every row opens the published report; the rows of reports the viewer can read also open in the editor', async () => {
    const { links, publicLinks, calls, container } = renderPage(true);
    await waitFor(() => expect(links()).toEqual(['#/report/r1', null, '#/report/r3', '#/report/r1']));
    expect(publicLinks()).toEqual(['#/published/r1', '#/published/r2', '#/published/r3', '#/published/r1']);
    expect(container.querySelector('table.corrections tbody tr a.editor-link')!.textContent).toBe('查看报告');
    expect(container.querySelector('table.corrections tbody tr a.public-link')!.textContent).toBe(
      '查看已发布的报告',
    );
    // The row of a report outside the viewer's reach has the public link only.
    const other = container.querySelectorAll('table.corrections tbody tr')[1]!;
    expect([...other.querySelectorAll('a')].map((a) => a.textContent)).toEqual(['查看已发布的报告']);
    // one request: no list of every published report to find the readable ones
    expect(calls.map((c) => c.path)).toEqual(['reports.corrections']);
  });

  it('not signed in (the public page): every row opens the published report; no editor links; one request', async () => {
    const { links, publicLinks, calls, container } = renderPage(false);
    await waitFor(() => expect(publicLinks()).toHaveLength(4));
    expect(publicLinks()).toEqual(['#/published/r1', '#/published/r2', '#/published/r3', '#/published/r1']);
    expect(links()).toEqual([null, null, null, null]);
    for (const tr of container.querySelectorAll('table.corrections tbody tr'))
      expect([...tr.querySelectorAll('a')].map((a) => a.textContent)).toEqual(['查看已发布的报告']);
    expect(calls.map((c) => c.path)).toEqual(['reports.corrections']);
    expect(container.textContent).toContain('每条更正均可打开已发布的报告');
    expect(container.textContent).not.toContain('查看报告”，在编辑页打开');
  });
});

describe('更正公告: the year chosen is in the address', () => {
  afterEach(() => {
    window.location.hash = '';
  });

  it('a reload or Back to #/corrections?year=2024 shows 2024’s corrections, and choosing a year puts it in the address', async () => {
    window.location.hash = '#/corrections?year=2024';
    const { calls, container } = renderPage(false);
    const select = () => container.querySelector('select[name=year]') as HTMLSelectElement;
    await waitFor(() => expect(calls.length).toBeGreaterThan(0));
    expect(calls[0]!.input).toEqual({ year: 2024, limit: 500 });
    expect(select().value).toBe('2024');
    // another year: a step of its own in the address (Back returns to 2024), asked of the server
    fireEvent.change(select(), { target: { value: '2023' } });
    await waitFor(() => expect(window.location.hash).toBe('#/corrections?year=2023'));
    await waitFor(() => expect(calls.at(-1)!.input).toEqual({ year: 2023, limit: 500 }));
    expect(select().value).toBe('2023');
    // 全部: the bare address
    fireEvent.change(select(), { target: { value: '' } });
    await waitFor(() => expect(window.location.hash).toBe('#/corrections'));
    await waitFor(() => expect(calls.at(-1)!.input).toEqual({ limit: 500 }));
    expect(select().value).toBe('');
  });

  it('a year the address names that is not offered (a typo) shows every year', async () => {
    window.location.hash = '#/corrections?year=20245';
    const { calls, container } = renderPage(false);
    await waitFor(() => expect(calls.length).toBeGreaterThan(0));
    expect(calls[0]!.input).toEqual({ limit: 500 });
    expect((container.querySelector('select[name=year]') as HTMLSelectElement).value).toBe('');
  });
});

describe('更正公告: more corrections than one answer holds', () => {
  it('says that only the newest 500 are listed (and where to look for the rest), not as if there were no more', async () => {
    const many = Array.from({ length: 500 }, (_, k) => correction(`r${k}`, `机关${k}`, 2, false));
    const { client } = fakeClient({ 'reports.corrections': () => many });
    const queryClient = testQueryClient();
    const { findByTestId } = render(
      <QueryClientProvider client={queryClient}>
        <TRPCProvider trpcClient={client} queryClient={queryClient}>
          <CorrectionsPage />
        </TRPCProvider>
      </QueryClientProvider>,
    );
    expect((await findByTestId('corrections-cut')).textContent).toBe(
      '只列出最近的 500 条更正，可能还有更早的未列出；请选择报告年度查看某一年度的更正。',
    );
  });

  it('says nothing of the kind under 500', async () => {
    const { container } = renderPage(false);
    await waitFor(() => expect(container.querySelectorAll('table.corrections tbody tr')).toHaveLength(4));
    expect(container.querySelector('[data-testid=corrections-cut]')).toBeNull();
  });
});
