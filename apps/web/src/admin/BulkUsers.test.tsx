import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeClient } from '../test-support/trpc';
import { TRPCProvider } from '../trpc';
import { BulkUsers } from './BulkUsers';
import { type AgencyNode, flatten } from './common';

afterEach(cleanup);

const node = (id: string, name: string) =>
  ({
    id,
    parentId: null,
    name,
    kind: null,
    level: null,
    regionCode: null,
    children: [],
  }) as unknown as AgencyNode;

function renderBulk() {
  const { client, calls } = fakeClient({
    'users.create': () => ({ id: 'new' }),
  });
  const queryClient = new QueryClient();
  const r = render(
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={client} queryClient={queryClient}>
        <BulkUsers
          rows={flatten([node('t', '东山镇人民政府'), node('e', '示例县教育局')])}
          users={[]}
          onCreated={async () => {}}
        />
      </TRPCProvider>
    </QueryClientProvider>,
  );
  const textarea = () => r.container.querySelector<HTMLTextAreaElement>('textarea[name=bulk-users]')!;
  const button = (text: string) =>
    [...r.container.querySelectorAll('button')].find((b) => b.textContent?.startsWith(text))!;
  return { ...r, calls, textarea, button };
}

describe('批量新建用户: an unknown agency', () => {
  it('is told with the nearest names; one click puts it in the pasted line and checks again', () => {
    const { container, textarea, button } = renderBulk();
    fireEvent.change(textarea(), {
      target: { value: 'dongshan\t张三\t填报人\t东山镇\njy\t李四\t填报人\t教育局' },
    });
    fireEvent.click(button('检查'));
    const row = (u: string) => container.querySelector(`tr[data-bulk-user="${u}"]`)!;
    expect(row('dongshan').textContent).toContain('没有名为“东山镇”的机关。是不是：“东山镇人民政府”？');
    expect(row('jy').textContent).toContain('是不是：“示例县教育局”？');
    fireEvent.click(row('dongshan').querySelector('button[data-suggestion="东山镇人民政府"]')!);
    expect(textarea().value).toBe('dongshan\t张三\t填报人\t东山镇人民政府\njy\t李四\t填报人\t教育局');
    expect(row('dongshan').textContent).toContain('将新建');
    expect(row('jy').textContent).toContain('不新建');
    expect(button('新建 1 个用户')).toBeTruthy();
  });
});
