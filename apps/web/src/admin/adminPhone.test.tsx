import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeRules } from '@nianbao/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Me } from '../App';
import { AdminPage } from '../pages/AdminPage';
import { fakeClient, testQueryClient } from '../test-support/trpc';
import { TRPCProvider } from '../trpc';

/**
 * The stylesheet as a 390 px phone applies it: the `(max-width: 700px)` blocks unwrapped (jsdom lays
 * nothing out and matches no media query, but it does cascade the rules it is given).
 */
function phoneCss(): string {
  const css = readFileSync(join(import.meta.dirname, '../styles.css'), 'utf8');
  let out = '';
  let i = 0;
  for (;;) {
    const at = css.indexOf('@media', i);
    if (at < 0) return out + css.slice(i);
    out += css.slice(i, at);
    const open = css.indexOf('{', at);
    let depth = 1;
    let j = open + 1;
    while (depth > 0 && j < css.length) {
      if (css[j] === '{') depth++;
      else if (css[j] === '}') depth--;
      j++;
    }
    const query = css.slice(at, open);
    if (/max-width:\s*700px/.test(query) && !/print/.test(query)) out += css.slice(open + 1, j - 1);
    i = j;
  }
}

afterEach(() => {
  cleanup();
  for (const s of document.head.querySelectorAll('style[data-phone]')) s.remove();
});

describe('管理 on a phone (390 px)', () => {
  it('shows the users and the rules as stacked rows: no table wider than the screen', async () => {
    const style = document.createElement('style');
    style.dataset.phone = '';
    style.textContent = phoneCss();
    document.head.append(style);
    const { client } = fakeClient({
      'agencies.tree': () => [
        {
          id: 'a1',
          parentId: null,
          name: '某某县财政局',
          kind: '政府部门',
          level: '县级',
          regionCode: null,
          children: [],
        },
      ],
      'users.list': () => [
        {
          id: 'u1',
          username: 'sifa',
          displayName: '司法局 填报员',
          role: 'filler',
          roleLabel: '填报人',
          agencyId: 'a1',
          agencyName: '某某县财政局',
          disabledAt: null,
          lockedUntil: null,
          mustChangePassword: false,
        },
      ],
      'users.addressLocks': () => ({ trustProxy: false, items: [] }),
      'checks.rules': () => ({ rules: describeRules(), severities: {}, config: {}, configVersion: 0 }),
    });
    const queryClient = testQueryClient();
    const { container } = render(
      <QueryClientProvider client={queryClient}>
        <TRPCProvider trpcClient={client} queryClient={queryClient}>
          <AdminPage me={{ id: 'admin', username: 'admin', role: 'admin' } as unknown as Me} />
        </TRPCProvider>
      </QueryClientProvider>,
    );
    await waitFor(() => expect(container.querySelector('tr[data-rule=F3]')).toBeTruthy());
    await waitFor(() => expect(container.querySelector('tr[data-user=sifa]')).toBeTruthy());
    for (const table of ['table.users', 'table.rules']) {
      const t = container.querySelector(table)!;
      expect(getComputedStyle(t).display, table).toBe('block');
      expect(getComputedStyle(t.querySelector('thead')!).display, `${table} thead`).toBe('none');
      const row = t.querySelector('tbody tr')!;
      expect(getComputedStyle(row).display, `${table} row`).toBe('flex');
      expect(getComputedStyle(row).flexWrap, `${table} row`).toBe('wrap');
    }
    // The buttons (修改、停用、重设密码) and a rule's options get a line of their own, the width of the row.
    const actions = container.querySelector('tr[data-user=sifa] td:last-child')!;
    expect(actions.textContent).toContain('重设密码');
    expect(getComputedStyle(actions).flexBasis).toBe('100%');
    expect(getComputedStyle(container.querySelector('tr[data-rule=F3] td.rule-options')!).flexBasis).toBe(
      '100%',
    );
    // An agency's edit form wraps inside its row (its last select was cut off).
    fireEvent.click(
      [...container.querySelectorAll('li[data-agency="某某县财政局"] button')].find(
        (b) => b.textContent === '修改',
      )!,
    );
    const form = container.querySelector('li[data-agency="某某县财政局"] form')!;
    expect(getComputedStyle(form).flexWrap).toBe('wrap');
    // 内容 no longer asks for 16em beside the other cells.
    expect(getComputedStyle(container.querySelector('tr[data-rule=F3] td:nth-child(2)')!).minWidth).toBe('0');
  });
});
