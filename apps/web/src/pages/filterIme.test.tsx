import { cleanup, fireEvent, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { FINANCE_BUREAU, renderAdminPage, sifaRow } from '../test-support/admin';
import { renderRegionPage } from '../test-support/region';
import { agencyNode } from '../test-support/tree';

// Filter boxes whose words are kept in the address, typed with a pinyin input method: while it
// composes, the box shows the pinyin and the address is not written; what it commits is, once.

afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '#/');
  window.dispatchEvent(new HashChangeEvent('hashchange'));
});

/** As Chromium gives it: compositionstart, an input per update (the last one the committed text), compositionend. */
function compose(el: HTMLInputElement, updates: readonly string[], seen: () => string) {
  const during: string[] = [];
  fireEvent.compositionStart(el, { data: '' });
  for (const u of updates) {
    fireEvent.compositionUpdate(el, { data: u });
    fireEvent.change(el, { target: { value: u } });
    during.push(seen());
  }
  fireEvent.keyDown(el, { key: 'Enter', keyCode: 229, isComposing: true });
  fireEvent.compositionEnd(el, { data: updates.at(-1) });
  return during;
}

const hashQuery = () => Object.fromEntries(new URLSearchParams(window.location.hash.split('?')[1] ?? ''));

describe('管理: the 查找机关/查找用户 filters typed with an input method', () => {
  it('the address is not written per composition update; the committed words are', async () => {
    window.history.replaceState(null, '', '#/admin');
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    const EDUCATION = { ...FINANCE_BUREAU, id: 'a2', name: '某某县教育局' };
    const r = renderAdminPage({
      'agencies.tree': () => [FINANCE_BUREAU, EDUCATION],
      'users.list': () => [sifaRow()],
    });
    const field = (name: string) => r.container.querySelector(`[name="${name}"]`) as HTMLInputElement | null;
    await waitFor(() => expect(field('agency-filter')).toBeTruthy());
    const box = field('agency-filter')!;
    const during = compose(box, ['j', 'jiao', "jiao'yu", '教育'], () => window.location.hash);
    expect(during.slice(0, 3)).toEqual(['#/admin', '#/admin', '#/admin']);
    expect(box.value).toBe('教育');
    expect(hashQuery()).toEqual({ agency: '教育' });
    await waitFor(() =>
      expect(
        [...r.container.querySelectorAll('.agency-tree > li:not(.context)')].map((li) =>
          li.getAttribute('data-agency'),
        ),
      ).toEqual(['某某县教育局']),
    );
    // the user filter too
    const users = field('user-filter')!;
    compose(users, ['s', 'si', 'sifa'], () => window.location.hash);
    expect(hashQuery()).toEqual({ agency: '教育', user: 'sifa' });
    // a composition cancelled (Esc: an update to nothing, then compositionend with nothing): the words as they were
    const before = window.location.hash;
    fireEvent.compositionStart(users, { data: '' });
    fireEvent.change(users, { target: { value: 'sifaw' } });
    expect(window.location.hash).toBe(before);
    fireEvent.keyDown(users, { key: 'Escape', keyCode: 229, isComposing: true });
    fireEvent.change(users, { target: { value: 'sifa' } });
    fireEvent.compositionEnd(users, { data: '' });
    expect(window.location.hash).toBe(before);
    expect(users.value).toBe('sifa');
  });
});

describe('本地区报告: the 名称 filter typed with an input method', () => {
  const tree = [agencyNode('gov', '西河县人民政府', [agencyNode('a1', '西河县马坊镇')], '人民政府')];

  it('no history step per pinyin letter, the address written once with what is committed', async () => {
    window.history.replaceState(null, '', '#/region?year=2025&node=gov');
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    const v = renderRegionPage(tree);
    await waitFor(() => expect(v.container.querySelector('input[name=name-filter]')).toBeTruthy());
    const box = v.container.querySelector('input[name=name-filter]') as HTMLInputElement;
    const start = window.location.hash;
    const entries = window.history.length;
    const during = compose(box, ['m', 'ma', "ma'fang", '马坊'], () => window.location.hash);
    expect(during.slice(0, 3)).toEqual([start, start, start]);
    expect(box.value).toBe('马坊');
    expect(hashQuery().q).toBe('马坊');
    // one step for Back (the filter), not one for 「m」 and then the rest
    expect(window.history.length).toBe(entries + 1);
  });
});
