import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Me } from '../App';
import { fakeClient, Refusal, testQueryClient } from '../test-support/trpc';
import { TRPCProvider } from '../trpc';
import { AccountPage } from './AccountPage';

afterEach(cleanup);

const SECRET = 'nbt_0123456789abcdefghijklmnopqrstuv';

describe('账号 › 接口令牌', () => {
  it('after 撤销 the new token’s full secret is no longer on the page', async () => {
    let revokedAt: string | null = null;
    let created = false;
    const { client, calls } = fakeClient({
      'auth.tokens.list': () =>
        created
          ? [
              {
                id: 't1',
                name: '统计系统对接',
                prefix: SECRET.slice(0, 8),
                createdAt: '2026-11-30T05:00:00.000Z',
                lastUsedAt: null,
                revokedAt,
              },
            ]
          : [],
      'auth.tokens.create': () => {
        created = true;
        return { id: 't1', name: '统计系统对接', token: SECRET, prefix: SECRET.slice(0, 8), createdAt: '' };
      },
      'auth.tokens.revoke': () => {
        revokedAt = '2026-11-30T05:01:00.000Z';
        return { ok: true };
      },
    });
    const queryClient = testQueryClient();
    const { container, findByTestId } = render(
      <QueryClientProvider client={queryClient}>
        <TRPCProvider trpcClient={client} queryClient={queryClient}>
          <AccountPage
            me={{ id: 'u1', username: 'jiaoyu', role: 'filler', via: 'session' } as unknown as Me}
          />
        </TRPCProvider>
      </QueryClientProvider>,
    );
    fireEvent.change(container.querySelector('input[name=token-name]')!, {
      target: { value: '统计系统对接' },
    });
    fireEvent.click([...container.querySelectorAll('button')].find((b) => b.textContent === '创建令牌')!);
    expect((await findByTestId('new-token')).textContent).toBe(SECRET);
    // The list as the server has it now (the page asks for it again after a create).
    await queryClient.invalidateQueries();
    await waitFor(() => expect(container.querySelector('tr[data-token="统计系统对接"]')).toBeTruthy());
    fireEvent.click(
      [...container.querySelectorAll('tr[data-token="统计系统对接"] button')].find(
        (b) => b.textContent === '撤销',
      )!,
    );
    await waitFor(() => expect(container.textContent).toContain('已撤销（'));
    expect(calls.some((c) => c.path === 'auth.tokens.revoke')).toBe(true);
    expect(container.textContent).not.toContain(SECRET);
    expect(container.querySelector('[data-testid=new-token]')).toBeNull();
    expect(container.textContent).toContain('已撤销令牌「统计系统对接」');
  });

  it('创建令牌 clicked twice (or Enter pressed twice) before the answer creates one token, whose secret stays shown', async () => {
    let answer: (() => void) | null = null;
    let n = 0;
    const { client, calls } = fakeClient({
      'auth.tokens.list': () => [],
      'auth.tokens.create': () =>
        new Promise((resolve) => {
          n++;
          const token = `${SECRET}${n}`;
          answer = () =>
            resolve({ id: `t${n}`, name: '对接', token, prefix: token.slice(0, 8), createdAt: '' });
        }),
    });
    const queryClient = testQueryClient();
    const { container, findByTestId } = render(
      <QueryClientProvider client={queryClient}>
        <TRPCProvider trpcClient={client} queryClient={queryClient}>
          <AccountPage
            me={{ id: 'u1', username: 'jiaoyu', role: 'filler', via: 'session' } as unknown as Me}
          />
        </TRPCProvider>
      </QueryClientProvider>,
    );
    fireEvent.change(container.querySelector('input[name=token-name]')!, { target: { value: '对接' } });
    const form = container.querySelector('input[name=token-name]')!.closest('form')!;
    fireEvent.submit(form);
    fireEvent.submit(form);
    await waitFor(() => expect(answer).not.toBeNull());
    // while it is being created the button says so and takes no second click
    const button = form.querySelector('button[type=submit]') as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    answer!();
    expect((await findByTestId('new-token')).textContent).toBe(`${SECRET}1`);
    expect(calls.filter((c) => c.path === 'auth.tokens.create')).toHaveLength(1);
    await waitFor(() => expect(button.textContent).toBe('创建令牌'));
  });

  it('撤销 clicked twice: revoked once, and no 令牌不存在 in red under 已撤销', async () => {
    let revokedAt: string | null = null;
    let answer: (() => void) | null = null;
    const { client, calls } = fakeClient({
      'auth.tokens.list': () => [
        {
          id: 't1',
          name: '统计系统对接',
          prefix: SECRET.slice(0, 8),
          createdAt: '2026-11-30T05:00:00.000Z',
          lastUsedAt: null,
          revokedAt,
        },
      ],
      'auth.tokens.revoke': () =>
        revokedAt
          ? new Refusal('NOT_FOUND', '令牌不存在或无权查看')
          : new Promise((resolve) => {
              answer = () => {
                revokedAt = '2026-11-30T05:01:00.000Z';
                resolve({ ok: true });
              };
            }),
    });
    const queryClient = testQueryClient();
    const { container } = render(
      <QueryClientProvider client={queryClient}>
        <TRPCProvider trpcClient={client} queryClient={queryClient}>
          <AccountPage
            me={{ id: 'u1', username: 'jiaoyu', role: 'filler', via: 'session' } as unknown as Me}
          />
        </TRPCProvider>
      </QueryClientProvider>,
    );
    await waitFor(() => expect(container.querySelector('tr[data-token="统计系统对接"] button')).toBeTruthy());
    const button = container.querySelector('tr[data-token="统计系统对接"] button') as HTMLButtonElement;
    fireEvent.click(button);
    fireEvent.click(button);
    await waitFor(() => expect(answer).not.toBeNull());
    answer!();
    await waitFor(() => expect(container.textContent).toContain('已撤销（'));
    expect(calls.filter((c) => c.path === 'auth.tokens.revoke')).toHaveLength(1);
    expect(container.querySelector('[role=alert]')).toBeNull();
  });
});
