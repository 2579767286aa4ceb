import { aggregate, exampleReport, summarize } from '@nianbao/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeClient, testQueryClient } from '../test-support/trpc';
import { TRPCProvider } from '../trpc';
import RollupPage, { rollupExclude, rollupHref, rollupStatuses } from './RollupPage';

// ECharts needs a canvas jsdom has not: the charts are not what is tested here.
vi.mock('../components/Chart', () => ({
  NARROW_QUERY: '(max-width: 700px)',
  useNarrow: () => false,
  Chart: ({ label }: { label: string }) => <div className="chart" role="img" aria-label={label} />,
}));

afterEach(() => {
  cleanup();
  window.location.hash = '';
});

const AGENCIES = [
  ['r1', 'a1', '城关镇人民政府'],
  ['r2', 'a2', '东山乡人民政府'],
  ['r3', 'a3', '西河街道办事处'],
] as const;

function regionAnswer() {
  const reports = AGENCIES.map(([, id, name], k) =>
    exampleReport({ year: 2025, agency: { id, name, kind: '人民政府', level: '乡镇级' }, scale: k + 1 }),
  );
  const result = aggregate(reports, { agency: { id: 'county', name: '示例县人民政府' } });
  return {
    ...result,
    missing: [],
    included: AGENCIES.map(([reportId, agencyId, agencyName]) => ({
      reportId,
      agencyId,
      agencyName,
      status: 'approved',
      openFindings: { error: 0, crossYear: 0 },
      figures: { newReceived: 1, resultTotal: 1, granted: 1, review: 0, litigation: 0 },
    })),
    excluded: [],
    regional: [],
    notCounted: [],
    noReport: [],
    noReportAgencies: [],
    summary: summarize(result.report),
    doubts: [{ reportId: 'r1', agencyName: '城关镇人民政府', problems: ['错误 1 个'] }],
    blankCauses: {},
    blankCauseReports: {},
  };
}

function renderRollup() {
  const answer = regionAnswer();
  const { client, calls } = fakeClient({
    'auth.me': () => ({ id: 'u', username: 'shenhe', role: 'reviewer' }),
    'agencies.tree': () => [],
    'summary.region': () => answer,
    'summary.regionLastYear': () => ({ year: 2024, reports: [] }),
  });
  const queryClient = testQueryClient();
  const r = render(
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={client} queryClient={queryClient}>
        <RollupPage year={2025} nodeId="county" />
      </TRPCProvider>
    </QueryClientProvider>,
  );
  const regionCalls = () =>
    calls.filter((c) => c.path === 'summary.region').map((c) => c.input as Record<string, unknown>);
  return { ...r, regionCalls };
}

describe('汇总: the choice of reports is kept in the address', () => {
  it('a status ticked and a report left out survive Back from a report opened from the page (the page opened again)', async () => {
    window.location.hash = '#/rollup?year=2025&node=county';
    const first = renderRollup();
    const box = (name: string) => first.container.querySelector(`input[name="${name}"]`) as HTMLInputElement;
    await waitFor(() => expect(box('status-draft')).toBeTruthy(), { timeout: 10_000 });
    await waitFor(() => expect(first.container.textContent).toContain('汇总了 3 份报告'), {
      timeout: 10_000,
    });
    expect(first.regionCalls()[0]).toMatchObject({ statuses: ['submitted', 'approved', 'published'] });
    fireEvent.click(box('status-draft'));
    // the report list to choose from is folded: opened, 东山乡 is left out
    fireEvent.click(first.getByText('选择汇总的报告'));
    await waitFor(() => expect(box('include-r2')).toBeTruthy());
    fireEvent.click(box('include-r2'));
    await waitFor(() =>
      expect(first.regionCalls().at(-1)).toMatchObject({
        statuses: ['draft', 'submitted', 'approved', 'published'],
        exclude: ['r2'],
      }),
    );
    const address = window.location.hash;
    expect(address).toContain('statuses=draft%2Csubmitted%2Capproved%2Cpublished');
    expect(address).toContain('exclude=r2');
    // the reviewer opens a report from the page and comes Back: the page is made anew from the address
    cleanup();
    window.location.hash = address;
    const again = renderRollup();
    await waitFor(() => expect(again.regionCalls().length).toBeGreaterThan(0), { timeout: 10_000 });
    expect(again.regionCalls()[0]).toMatchObject({
      statuses: ['draft', 'submitted', 'approved', 'published'],
      exclude: ['r2'],
    });
    await waitFor(() =>
      expect((again.container.querySelector('input[name="status-draft"]') as HTMLInputElement).checked).toBe(
        true,
      ),
    );
  });

  it('the address round-trips every choice (statuses in the filter’s order, none is the default)', () => {
    const all = ['draft', 'returned', 'submitted', 'approved', 'published'] as const;
    fc.assert(
      fc.property(
        fc.subarray([...all]),
        fc.uniqueArray(fc.uuid(), { maxLength: 20 }),
        (statuses, exclude) => {
          const hash = rollupHref(2025, 'county', { statuses, exclude });
          const query = new URLSearchParams(hash.split('?')[1]);
          expect(query.get('year')).toBe('2025');
          expect(query.get('node')).toBe('county');
          expect(rollupStatuses(query)).toEqual(
            statuses.length
              ? all.filter((s) => statuses.includes(s))
              : ['submitted', 'approved', 'published'],
          );
          expect(rollupExclude(query)).toEqual(exclude);
        },
      ),
    );
    // the plain link (RollupTop, 区域汇总与图表) is the default choice, nothing added
    expect(rollupHref(2025, 'county', {})).toBe('#/rollup?year=2025&node=county');
  });
});

describe('汇总 › 返回本地区报告', () => {
  it('goes back to the list as it was left (its filters and page) when it is this year’s and scope’s; else to the plain list', async () => {
    window.location.hash = '#/rollup?year=2025&node=county';
    sessionStorage.setItem(
      'nianbao:region-view',
      JSON.stringify({ year: 2025, node: 'county', status: 'submitted', errorsOnly: true, q: '', page: 1 }),
    );
    const first = renderRollup();
    const back = (v: ReturnType<typeof renderRollup>) => v.getByText('← 返回本地区报告').getAttribute('href');
    await waitFor(() => expect(first.container.textContent).toContain('汇总了 3 份报告'), {
      timeout: 10_000,
    });
    expect(back(first)).toBe('#/region?year=2025&node=county&status=submitted&errors=1&page=2');
    cleanup();
    // the list was last left on another scope: this scope's list as it comes
    sessionStorage.setItem(
      'nianbao:region-view',
      JSON.stringify({ year: 2025, node: 'town', status: 'returned', errorsOnly: false, q: '', page: 0 }),
    );
    const again = renderRollup();
    await waitFor(() => expect(again.container.textContent).toContain('汇总了 3 份报告'), {
      timeout: 10_000,
    });
    expect(back(again)).toBe('#/region?year=2025&node=county');
    sessionStorage.clear();
  });
});
