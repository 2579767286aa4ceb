import { QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { Me } from '../App';
import { RegionPage } from '../pages/RegionPage';
import { TRPCProvider } from '../trpc';
import { fakeClient, testQueryClient } from './trpc';

/**
 * 本地区报告 for the county's 审核人 (shenhe), 2025, node 「gov」, over a fake tRPC client: the agency
 * `tree`, no reports unless `handlers` say otherwise (reports.list, config.get, … override the
 * defaults). Returns Testing Library's result with the client's recorded calls.
 */
export function renderRegionPage(tree: unknown, handlers: Record<string, (input: unknown) => unknown> = {}) {
  const { client, calls } = fakeClient({
    'agencies.tree': () => tree,
    'reports.list': () => ({ total: 0, nextCursor: null, items: [] }),
    'summary.resubmitted': () => ({ ids: [] }),
    'config.get': () => ({ rules: {}, version: 1, updatedAt: null, updatedBy: null }),
    ...handlers,
  });
  const queryClient = testQueryClient();
  const r = render(
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={client} queryClient={queryClient}>
        <RegionPage
          me={{ id: 'shenhe', role: 'reviewer', roleLabel: '审核人' } as unknown as Me}
          year={2025}
          nodeId="gov"
        />
      </TRPCProvider>
    </QueryClientProvider>,
  );
  return { ...r, calls };
}

/** auth.me of the demo's 审核人 (shenhe), over 示例县人民政府 (id gov). */
export const countyReviewer = {
  id: 'shenhe',
  username: 'shenhe',
  displayName: '审核员',
  role: 'reviewer',
  roleLabel: '审核人',
  agency: { id: 'gov', name: '示例县人民政府', kind: '人民政府', level: '县级' },
  via: 'session',
  mustChangePassword: false,
};
