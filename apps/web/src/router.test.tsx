import { cleanup, fireEvent, render } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { blockNavigation, navigate, useRoute } from './router';

afterEach(cleanup);
beforeEach(() => {
  window.history.replaceState(null, '', '#/region?year=2025');
});

/** A filter kept in the address, as the region list's 「只看有错误的」: a checkbox the route controls. */
function Filter() {
  const route = useRoute();
  const on = route.query.get('errors') === '1';
  return (
    <label>
      <input
        type="checkbox"
        name="errors-only"
        checked={on}
        onChange={(e) => navigate(e.target.checked ? '#/region?year=2025&errors=1' : '#/region?year=2025')}
      />
      只看有错误的
    </label>
  );
}

describe('navigate within one page (a filter in the query)', () => {
  it('a controlled checkbox shows its new state as soon as it is clicked, not a moment later', () => {
    const { getByRole } = render(<Filter />);
    const box = getByRole('checkbox') as HTMLInputElement;
    fireEvent.click(box);
    // Synchronously: the route changed in the click, so React did not put the box back unchecked
    // (a browser test clicking and then reading the box saw it unchecked now and then).
    expect(box.checked).toBe(true);
    expect(window.location.hash).toBe('#/region?year=2025&errors=1');
    fireEvent.click(box);
    expect(box.checked).toBe(false);
    expect(window.location.hash).toBe('#/region?year=2025');
  });

  it('each filter change is a step Back undoes', async () => {
    const { getByRole } = render(<Filter />);
    const box = getByRole('checkbox') as HTMLInputElement;
    const before = window.history.length;
    fireEvent.click(box);
    expect(window.history.length).toBe(before + 1);
    const back = new Promise((r) => window.addEventListener('hashchange', r, { once: true }));
    window.history.back();
    await back;
    expect(window.location.hash).toBe('#/region?year=2025');
    await new Promise((r) => setTimeout(r, 0));
    expect(box.checked).toBe(false);
  });

  it('leaving the page still asks the page that holds something shown once', async () => {
    const unblock = blockNavigation('离开后密码不再显示，确定离开？');
    const asked: string[] = [];
    const confirm = window.confirm;
    window.confirm = (m?: string) => {
      asked.push(m ?? '');
      return false;
    };
    try {
      // a filter of the same page is no leaving
      navigate('#/region?year=2025&errors=1');
      expect(asked).toEqual([]);
      // another page is
      navigate('#/admin');
      await new Promise((r) => setTimeout(r, 0));
      expect(asked).toEqual(['离开后密码不再显示，确定离开？']);
    } finally {
      window.confirm = confirm;
      unblock();
    }
  });
});
