import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeClient, testQueryClient } from '../test-support/trpc';
import { TRPCProvider } from '../trpc';
import { BulkAgencies } from './BulkAgencies';
import { type AgencyNode, flatten } from './common';

afterEach(cleanup);

const node = (id: string, name: string, kind: string, level: string, children: AgencyNode[] = []) =>
  ({ id, parentId: null, name, kind, level, regionCode: null, children }) as unknown as AgencyNode;

const tree = [
  node('sheng', '示例省人民政府', '人民政府', '省级', [
    node('shi', '示例市人民政府', '人民政府', '市级', [
      node('xian', '示例县人民政府', '人民政府', '县级', [
        node('town', '东山镇人民政府', '人民政府', '乡镇级'),
        node('edu', '示例县教育局', '政府部门', '县级'),
      ]),
    ]),
  ]),
];

function renderBulk(preferredParentId = '') {
  const { client, calls } = fakeClient({
    'agencies.create': (input) => ({ id: 'new', kind: '政府部门', level: '县级', ...(input as object) }),
  });
  const queryClient = testQueryClient();
  const r = render(
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={client} queryClient={queryClient}>
        <BulkAgencies rows={flatten(tree)} preferredParentId={preferredParentId} onCreated={async () => {}} />
      </TRPCProvider>
    </QueryClientProvider>,
  );
  const select = () => r.container.querySelector<HTMLSelectElement>('select[name=bulk-agency-parent]')!;
  const paste = (text: string) => {
    fireEvent.change(r.container.querySelector('textarea[name=bulk-agency-names]')!, {
      target: { value: text },
    });
    fireEvent.click([...r.container.querySelectorAll('button')].find((b) => b.textContent === '检查')!);
  };
  return { ...r, calls, select, paste };
}

describe('批量新建机关: the parent', () => {
  it('defaults to the county (where the region branches), says so in the preview, and creates there', async () => {
    const { container, calls, select, paste } = renderBulk();
    expect(select().value).toBe('xian');
    expect(container.querySelector('[data-testid=bulk-agency-parent-default]')!.textContent).toContain(
      '默认放在“示例县人民政府”之下',
    );
    paste('示例县财政局');
    expect(container.querySelector('[data-testid=bulk-agency-parent-preview]')!.textContent).toContain(
      '新建在 示例县人民政府 之下（默认',
    );
    fireEvent.click(
      [...container.querySelectorAll('button')].find((b) => b.textContent?.startsWith('新建 1 个机关'))!,
    );
    await waitFor(() =>
      expect(calls.find((c) => c.path === 'agencies.create')?.input).toEqual({
        parentId: 'xian',
        name: '示例县财政局',
      }),
    );
  });

  it('takes the node chosen in 新建机关; a choice here (even the top level) is kept', async () => {
    const { container, select, paste } = renderBulk('town');
    expect(select().value).toBe('town');
    fireEvent.change(select(), { target: { value: '' } });
    expect(select().value).toBe('');
    paste('某某省某某厅');
    expect(container.querySelector('[data-testid=bulk-agency-parent-preview]')!.textContent).toBe(
      '新建在 顶级（无上级机关） 之下。',
    );
    expect(container.querySelector('[data-testid=bulk-agency-parent-default]')).toBeNull();
  });
});
