import { reportingYear } from '@nianbao/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../App';
import { listHref } from '../lib/review';
import { renderRegionPage, countyReviewer as reviewer } from '../test-support/region';
import { agencyNode } from '../test-support/tree';
import { fakeClient, testQueryClient } from '../test-support/trpc';
import { TRPCProvider } from '../trpc';

afterEach(cleanup);
beforeEach(() => sessionStorage.clear());

const Y = reportingYear();

/** The demo's county: 示例县人民政府 (gov) with a township and departments right under it. */
const tree = [
  {
    ...agencyNode('gov', '示例县人民政府', [
      { ...agencyNode('dsx', '东山乡人民政府', [], '人民政府'), level: '乡镇级' },
      { ...agencyNode('kzk', '坑仔口镇人民政府', [], '人民政府'), level: '乡镇级' },
      agencyNode('jt', '示例县交通运输局'),
      agencyNode('edu', '示例县教育局'),
    ]),
    kind: '人民政府',
  },
];
const report = (agencyId: string, agencyName: string, error: number, crossYear = 0) => ({
  id: `r-${agencyId}`,
  agencyId,
  agencyName,
  year: Y,
  status: 'draft',
  statusLabel: '草稿',
  version: 2,
  updatedAt: '2026-01-05T08:00:00Z',
  openFindings: { error, crossYear, warning: 1, info: 0 },
  dismissedErrors: 0,
  reviewComment: null,
});
const items = [
  report('gov', '示例县人民政府', 0, 4),
  report('dsx', '东山乡人民政府', 0),
  report('kzk', '坑仔口镇人民政府', 2),
  report('jt', '示例县交通运输局', 0, 4),
  report('edu', '示例县教育局', 2),
];
const handlers = {
  'agencies.tree': () => tree,
  'reports.list': () => ({ total: items.length, nextCursor: null, items }),
};
const shown = (container: HTMLElement) =>
  [...container.querySelectorAll<HTMLElement>('.region-table tbody tr')].map((r) => r.dataset.agency);

describe('本地区报告 › 名称 (机关或上级名称)', () => {
  it('finds an agency by the name of the scope it is right under (QA: 「示例县」 with 只看有错误的 left out 坑仔口镇人民政府)', async () => {
    window.location.hash = `#/region?year=${Y}&node=gov&errors=1&q=${encodeURIComponent('示例县')}`;
    const v = renderRegionPage(tree, handlers);
    await waitFor(() => expect(shown(v.container).length).toBeGreaterThan(0));
    expect(shown(v.container)).toEqual([
      '示例县人民政府',
      '坑仔口镇人民政府',
      '示例县交通运输局',
      '示例县教育局',
    ]);
    // two words: each in the name or a name above it
    cleanup();
    window.location.hash = `#/region?year=${Y}&node=gov&q=${encodeURIComponent('示例县 东山')}`;
    const w = renderRegionPage(tree, handlers);
    await waitFor(() => expect(shown(w.container)).toEqual(['东山乡人民政府']));
  });
});

function renderApp(hash: string) {
  window.location.hash = hash;
  const { client } = fakeClient({
    'auth.me': () => reviewer,
    'summary.resubmitted': () => ({ ids: [] }),
    'config.get': () => ({ rules: {}, version: 1, updatedAt: null, updatedBy: null }),
    ...handlers,
  });
  const queryClient = testQueryClient();
  return render(
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={client} queryClient={queryClient}>
        <App />
      </TRPCProvider>
    </QueryClientProvider>,
  );
}

/** The list as the reviewer left it in this tab: 只看有错误的, 名称 示例县. */
const kept = { year: Y, node: 'gov', status: '', errorsOnly: true, q: '示例县', page: 0 };
const keep = () => sessionStorage.setItem('nianbao:region-view', JSON.stringify(kept));

describe('本地区报告: an address is shown as it says; only the bare page opens the list as left', () => {
  it(`#/region?year=${Y} (a bookmark, a link sent) shows every agency of the year, not the saved filters`, async () => {
    keep();
    const v = renderApp(`#/region?year=${Y}`);
    await waitFor(() => expect(shown(v.container)).toHaveLength(5));
    // not rewritten to 「…&errors=1&q=示例县」 (QA)
    await new Promise((r) => setTimeout(r, 50));
    expect(window.location.hash).toBe(`#/region?year=${Y}`);
    expect(v.container.querySelector<HTMLInputElement>('input[name=errors-only]')!.checked).toBe(false);
    expect(v.container.querySelector<HTMLInputElement>('input[name=name-filter]')!.value).toBe('');
    // the header's 本地区报告 is the bare page: it comes back to the list as left
    expect(v.container.querySelector('.app-header a[href="#/region"]')?.textContent).toBe('本地区报告');
  });

  it('#/region naming nothing (本地区报告) and the start page open the list as left', async () => {
    keep();
    const v = renderApp('#/region');
    await waitFor(() => expect(window.location.hash).toBe(listHref(kept)));
    await waitFor(() => expect(shown(v.container)).toHaveLength(4));
    expect(v.container.querySelector<HTMLInputElement>('input[name=errors-only]')!.checked).toBe(true);
    cleanup();
    const w = renderApp('#/');
    await waitFor(() => expect(window.location.hash).toBe(listHref(kept)));
    await waitFor(() => expect(shown(w.container)).toHaveLength(4));
  });
});
