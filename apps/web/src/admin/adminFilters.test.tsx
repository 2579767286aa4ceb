import { cleanup, fireEvent, waitFor } from '@testing-library/react';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FINANCE_BUREAU, renderAdminPage, sifaRow } from '../test-support/admin';
import { LEAVE_SHEET } from './BulkUsers';
import { adminHref, DEFAULT_ADMIN_VIEW, parseAdminView } from './view';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  window.history.replaceState(null, '', '#/');
  window.dispatchEvent(new HashChangeEvent('hashchange'));
});

/** Two agencies (财政局 with its 填报人, 教育局 without) and three users, one 停用. */
const EDUCATION = { ...FINANCE_BUREAU, id: 'a2', name: '某某县教育局' };
const USERS = [
  sifaRow(),
  sifaRow({
    id: 'jiaoyu',
    username: 'jiaoyu',
    displayName: '教育局 填报员',
    disabledAt: '2026-01-01T00:00:00Z',
  }),
  sifaRow({
    id: 'admin',
    username: 'admin',
    displayName: '管理员',
    role: 'admin',
    roleLabel: '管理员',
    agencyId: null,
    agencyName: null,
  }),
];

/** The 管理 page as opened at `hash` (a reload, Back to it, a link). */
function openAdmin(hash: string, answers: Record<string, (input: unknown) => unknown> = {}) {
  window.history.replaceState(null, '', hash);
  window.dispatchEvent(new HashChangeEvent('hashchange'));
  const r = renderAdminPage({
    'agencies.tree': () => [FINANCE_BUREAU, EDUCATION],
    'users.list': () => USERS,
    ...answers,
  });
  const field = <T extends Element = HTMLInputElement>(name: string) =>
    r.container.querySelector(`[name="${name}"]`) as T | null;
  const agencies = () =>
    [...r.container.querySelectorAll('.agency-tree > li:not(.context)')].map((li) =>
      li.getAttribute('data-agency'),
    );
  const users = () =>
    [...r.container.querySelectorAll('tr[data-user]')].map((tr) => tr.getAttribute('data-user'));
  const ready = () =>
    waitFor(() => {
      expect(field('user-filter')).toBeTruthy();
      expect(field('agency-filter')).toBeTruthy();
    });
  return { ...r, field, agencies, users, ready };
}

/** Every filter of the page set: 教育局 only, without 填报人; users 「jiao」, by role, 停用 ones. */
async function setEveryFilter(page: ReturnType<typeof openAdmin>) {
  await page.ready();
  fireEvent.change(page.field('agency-filter')!, { target: { value: '教育' } });
  fireEvent.click(page.field('agency-without-filler')!);
  fireEvent.change(page.field('user-filter')!, { target: { value: 'jiao' } });
  fireEvent.change(page.field<HTMLSelectElement>('user-group')!, { target: { value: 'role' } });
  fireEvent.change(page.field<HTMLSelectElement>('user-status')!, { target: { value: 'disabled' } });
}

/** The page shows every filter as setEveryFilter left it. */
async function expectEveryFilter(page: ReturnType<typeof openAdmin>) {
  await page.ready();
  expect(page.field('agency-filter')!.value).toBe('教育');
  expect(page.field('agency-without-filler')!.checked).toBe(true);
  expect(page.field('user-filter')!.value).toBe('jiao');
  expect(page.field<HTMLSelectElement>('user-group')!.value).toBe('role');
  expect(page.field<HTMLSelectElement>('user-status')!.value).toBe('disabled');
  await waitFor(() => expect(page.agencies()).toEqual(['某某县教育局']));
  expect(page.users()).toEqual(['jiaoyu']);
}

describe('管理: the filters are kept in the address', () => {
  it('a reload shows the lists as they were left (every filter in the hash, read back)', async () => {
    const first = openAdmin('#/admin');
    await setEveryFilter(first);
    await waitFor(() => expect(first.users()).toEqual(['jiaoyu']));
    const address = window.location.hash;
    expect(Object.fromEntries(new URLSearchParams(address.split('?')[1]))).toEqual({
      agency: '教育',
      noFiller: '1',
      user: 'jiao',
      group: 'role',
      status: 'disabled',
    });
    // reloaded: the page made anew from the address alone
    cleanup();
    await expectEveryFilter(openAdmin(address));
  });

  it('Back from another page finds them (one history entry for the page, not one per key typed)', async () => {
    const page = openAdmin('#/admin');
    await page.ready();
    const entries = window.history.length;
    for (const typed of ['教', '教育', '教育局']) {
      fireEvent.change(page.field('agency-filter')!, { target: { value: typed } });
      expect(window.location.hash).toBe(`#/admin?agency=${encodeURIComponent(typed)}`);
    }
    await setEveryFilter(page);
    expect(window.history.length).toBe(entries);
    // a link of the app away (as the browser does: a new entry), then the browser's Back
    const away = new Promise((resolve) => window.addEventListener('hashchange', resolve, { once: true }));
    window.location.hash = '#/account';
    await away;
    cleanup();
    const back = new Promise((resolve) => window.addEventListener('hashchange', resolve, { once: true }));
    window.history.back();
    await back;
    expect(window.location.hash).toContain('#/admin?');
    await expectEveryFilter(openAdmin(window.location.hash));
  });

  it('what the address names wrongly (a typo, an old link) is the default; the rest is kept', async () => {
    const page = openAdmin(
      '#/admin?user=sifa&group=bumen&status=stopped&noFiller=yes&agency=%E8%B4%A2%E6%94%BF%',
    );
    await page.ready();
    expect(page.field<HTMLSelectElement>('user-group')!.value).toBe('none');
    expect(page.field<HTMLSelectElement>('user-status')!.value).toBe('all');
    expect(page.field('agency-without-filler')!.checked).toBe(false);
    // a stray 「%」 (a link cut short) is read as it is, the page still shows
    expect(page.field('agency-filter')!.value).toBe('财政%');
    expect(page.field('user-filter')!.value).toBe('sifa');
    await waitFor(() => expect(page.users()).toEqual(['sifa']));
    expect(page.container.querySelector('h1')?.textContent).toBe('管理');
    // a link cut in the middle of a character (「%E6%」 reads 「�%」): no filter rather than garbage
    cleanup();
    const cut = openAdmin('#/admin?user=%E6%&status=disabled');
    await cut.ready();
    expect(cut.field('user-filter')!.value).toBe('');
    await waitFor(() => expect(cut.users()).toEqual(['jiaoyu']));
  });

  it('操作记录 只看 too: kept on reload; an action the list does not know is 全部操作', async () => {
    const page = openAdmin('#/admin?user=sifa');
    await page.ready();
    const audits = () =>
      page.calls.filter((c) => c.path === 'audit.list').map((c) => (c.input as { action?: string }).action);
    await waitFor(() => expect(page.field<HTMLSelectElement>('audit-action')).toBeTruthy());
    fireEvent.change(page.field<HTMLSelectElement>('audit-action')!, {
      target: { value: 'users.resetPassword' },
    });
    expect(window.location.hash).toBe('#/admin?user=sifa&audit=users.resetPassword');
    await waitFor(() => expect(audits().at(-1)).toBe('users.resetPassword'));
    cleanup();
    const again = openAdmin(window.location.hash);
    await again.ready();
    await waitFor(() =>
      expect(again.field<HTMLSelectElement>('audit-action')?.value).toBe('users.resetPassword'),
    );
    expect(again.calls.find((c) => c.path === 'audit.list')?.input).toMatchObject({
      action: 'users.resetPassword',
    });
    cleanup();
    const old = openAdmin('#/admin?audit=users.delete');
    await old.ready();
    await waitFor(() => expect(old.field<HTMLSelectElement>('audit-action')?.value).toBe(''));
    expect(old.calls.find((c) => c.path === 'audit.list')?.input).not.toHaveProperty('action');
  });

  it('清除筛选 (a link may come with filters): every list whole again, the address plain, the focus in the box', async () => {
    const page = openAdmin(
      '#/admin?agency=%E6%95%99%E8%82%B2&noFiller=1&user=zzz&group=role&status=disabled',
    );
    await page.ready();
    await waitFor(() => expect(page.agencies()).toEqual(['某某县教育局']));
    expect(page.users()).toEqual([]);
    // a list filtered to nothing says so in the list, not only as 「0 / 3 个用户」 beside an empty table
    expect(page.container.querySelector('[data-testid=users-none]')?.textContent).toBe(
      '没有符合筛选条件的用户',
    );
    expect(page.container.querySelector('[data-testid=agencies-none]')).toBeNull();
    const clear = (card: string) =>
      [...page.container.querySelectorAll(`#${card} button`)].find((b) => b.textContent === '清除筛选')!;
    fireEvent.click(clear('admin-agencies'));
    expect(window.location.hash).toBe('#/admin?user=zzz&group=role&status=disabled');
    expect(page.field('agency-filter')!.value).toBe('');
    expect(page.field('agency-without-filler')!.checked).toBe(false);
    expect(document.activeElement).toBe(page.field('agency-filter'));
    expect(page.agencies()).toEqual(['某某县财政局', '某某县教育局']);
    fireEvent.click(clear('admin-users'));
    // 分组 is no filter: it stays
    expect(window.location.hash).toBe('#/admin?group=role');
    expect(page.field('user-filter')!.value).toBe('');
    expect(document.activeElement).toBe(page.field('user-filter'));
    await waitFor(() => expect(page.users()).toHaveLength(3));
    expect(clear('admin-users')).toBeUndefined();
    expect(page.container.querySelector('[data-testid=users-none]')).toBeNull();
  });

  it('机关 filtered to nothing: said in the card, gone with the filter', async () => {
    const page = openAdmin('#/admin?agency=%E6%B2%A1%E6%9C%89%E8%BF%99%E4%B8%AA');
    await page.ready();
    await waitFor(() =>
      expect(page.container.querySelector('[data-testid=agencies-none]')?.textContent).toBe(
        '没有符合筛选条件的机关',
      ),
    );
    expect(page.agencies()).toEqual([]);
    fireEvent.change(page.field('agency-filter')!, { target: { value: '' } });
    await waitFor(() => expect(page.agencies()).toEqual(['某某县财政局', '某某县教育局']));
    expect(page.container.querySelector('[data-testid=agencies-none]')).toBeNull();
  });

  it('the address round-trips every view; the defaults are left out', () => {
    expect(adminHref(DEFAULT_ADMIN_VIEW)).toBe('#/admin');
    expect(adminHref({ agency: '  ', user: '\u3000' })).toBe('#/admin');
    fc.assert(
      fc.property(
        fc.record({
          agency: fc.string(),
          noFiller: fc.boolean(),
          user: fc.string(),
          group: fc.constantFrom('none' as const, 'agency' as const, 'role' as const),
          status: fc.constantFrom('all' as const, 'active' as const, 'disabled' as const),
          audit: fc.constantFrom('', 'users.create', 'config.set'),
        }),
        (v) => {
          const hash = adminHref(v);
          expect(hash.startsWith('#/admin')).toBe(true);
          const back = parseAdminView(new URLSearchParams(hash.split('?')[1] ?? ''));
          expect(back).toEqual({ ...v, agency: v.agency.trim(), user: v.user.trim() });
          for (const [k, d] of Object.entries(DEFAULT_ADMIN_VIEW))
            if ((v as Record<string, unknown>)[k] === d) expect(hash).not.toContain(`${k}=`);
        },
      ),
    );
  });

  it('typing keeps the focus and the caret in the box (a word put in the middle, a space typed last)', async () => {
    const page = openAdmin('#/admin');
    await page.ready();
    const box = page.field('user-filter')!;
    box.focus();
    fireEvent.change(box, { target: { value: '财局' } });
    // 「政」 typed between the two: the box as the browser leaves it, the caret after 「政」
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
    setValue.call(box, '财政局');
    box.setSelectionRange(2, 2);
    box.dispatchEvent(new Event('input', { bubbles: true }));
    expect(window.location.hash).toBe(`#/admin?user=${encodeURIComponent('财政局')}`);
    expect(page.field('user-filter')).toBe(box);
    expect(document.activeElement).toBe(box);
    expect(box.value).toBe('财政局');
    expect(box.selectionStart).toBe(2);
    // a space typed last stays in the box (the address keeps the words only)
    fireEvent.change(box, { target: { value: '财政局 ' } });
    expect(box.value).toBe('财政局 ');
    expect(document.activeElement).toBe(box);
    expect(window.location.hash).toBe(`#/admin?user=${encodeURIComponent('财政局')}`);
    // and the box follows the address when a link changes it (the header's 管理: no filter)
    window.location.hash = '#/admin';
    await waitFor(() => expect(box.value).toBe(''));
  });

  it('a filter changed while the new passwords are shown is no leaving: not asked; leaving still is', async () => {
    const page = openAdmin('#/admin', { 'users.create': () => ({ id: 'new' }) });
    await page.ready();
    fireEvent.change(page.field<HTMLTextAreaElement>('bulk-users')!, {
      target: { value: 'dongshan\t张三\t填报人\t某某县财政局' },
    });
    const button = (text: string) =>
      [...page.container.querySelectorAll('#admin-users button')].find((b) => b.textContent === text)!;
    fireEvent.click(button('检查'));
    fireEvent.click(button('新建 1 个用户'));
    await waitFor(() => expect(page.container.querySelector('[data-testid=accounts-sheet]')).toBeTruthy());
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(false);
    const box = page.field('user-filter')!;
    box.focus();
    fireEvent.change(box, { target: { value: 'dong' } });
    fireEvent.change(page.field<HTMLSelectElement>('user-status')!, { target: { value: 'active' } });
    fireEvent.change(page.field('agency-filter')!, { target: { value: '财政' } });
    expect(confirm).not.toHaveBeenCalled();
    expect(window.location.hash).toBe(`#/admin?agency=${encodeURIComponent('财政')}&user=dong&status=active`);
    expect(box.value).toBe('dong');
    expect(document.activeElement).toBe(box);
    expect(page.container.querySelector('[data-testid=accounts-sheet]')).toBeTruthy();
    // Back to another page still asks; declined, the address (with its filters) stays
    window.history.pushState(null, '', '#/region');
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    expect(confirm).toHaveBeenCalledWith(LEAVE_SHEET);
    expect(window.location.hash).toBe(`#/admin?agency=${encodeURIComponent('财政')}&user=dong&status=active`);
  });
});
