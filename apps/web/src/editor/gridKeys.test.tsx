import { exampleReport } from '@nianbao/core';
import { act, cleanup, fireEvent } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildNav, PAGE_ROWS } from '../grid/nav';
import { renderDraftEditor } from '../test-support/editor';
import { KEYS } from './KeysHelp';

// The form's grid for a keyboard and a screen reader (QA keyboard / a11y): the spreadsheet keys
// Home / End / Ctrl+Home / Ctrl+End / PageUp / PageDown.

afterEach(cleanup);
beforeEach(() => {
  localStorage.clear();
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as never;
  Element.prototype.scrollIntoView ??= () => {};
  globalThis.requestAnimationFrame = ((cb: FrameRequestCallback) => setTimeout(() => cb(0), 0)) as never;
});

function renderEditor() {
  const v = renderDraftEditor(exampleReport({ year: 2025 }));
  const cell = (id: string) => v.container.querySelector<HTMLInputElement>(`input[name="${id}"]`)!;
  const focused = () => document.activeElement?.getAttribute('name');
  return { ...v, cell, focused };
}

const nav = buildNav('2021');
const table3 = nav.tables.find((t) => t.table === 'applications')!.rows;

describe('Home / End / Ctrl+Home / Ctrl+End / PageUp / PageDown move as in a spreadsheet', () => {
  it('Home / End: the row’s first / last cell; Ctrl+Home / Ctrl+End: the table’s; PageDown / PageUp: 10 rows', () => {
    const v = renderEditor();
    const start = table3[2]![3]!;
    act(() => v.cell(start).focus());
    // each key is the grid's (the browser's default is prevented), the focus moves
    expect(fireEvent.keyDown(v.cell(start), { key: 'Home' })).toBe(false);
    expect(v.focused()).toBe(table3[2]![0]);
    fireEvent.keyDown(document.activeElement!, { key: 'End' });
    expect(v.focused()).toBe(table3[2]!.at(-1)); // the row's total: reached, as by →
    fireEvent.keyDown(document.activeElement!, { key: 'Home', ctrlKey: true });
    expect(v.focused()).toBe(table3[0]![0]);
    fireEvent.keyDown(document.activeElement!, { key: 'PageDown' });
    expect(v.focused()).toBe(table3[PAGE_ROWS]![0]);
    fireEvent.keyDown(document.activeElement!, { key: 'PageDown' });
    fireEvent.keyDown(document.activeElement!, { key: 'PageDown' });
    fireEvent.keyDown(document.activeElement!, { key: 'PageDown' });
    expect(v.focused()).toBe(table3.at(-1)![0]); // not past the table's last row
    fireEvent.keyDown(document.activeElement!, { key: 'PageUp' });
    expect(v.focused()).toBe(table3[table3.length - 1 - PAGE_ROWS]![0]);
    fireEvent.keyDown(document.activeElement!, { key: 'End', ctrlKey: true });
    expect(v.focused()).toBe(table3.at(-1)!.at(-1));
    // Shift+Home selects the text (the browser's), no move
    expect(fireEvent.keyDown(document.activeElement!, { key: 'Home', shiftKey: true })).toBe(true);
    expect(v.focused()).toBe(table3.at(-1)!.at(-1));
  });

  it('editing a number (after F2, or typing), Home and End move the caret, not the cursor', () => {
    const v = renderEditor();
    const c = v.cell(table3[1]![2]!);
    act(() => c.focus());
    fireEvent.keyDown(c, { key: 'F2' });
    for (const key of ['Home', 'End']) {
      expect(fireEvent.keyDown(c, { key })).toBe(true); // left to the browser: the caret moves
      expect(fireEvent.keyDown(c, { key, ctrlKey: true })).toBe(true);
      expect(document.activeElement).toBe(c);
    }
    // PageDown leaves the cell as ↓ does
    fireEvent.keyDown(c, { key: 'PageDown' });
    expect(v.focused()).toBe(table3[1 + PAGE_ROWS]![2]);
    // typing a number, then Home: the caret goes to its start
    const d = v.cell(table3[3]![1]!);
    act(() => d.focus());
    fireEvent.change(d, { target: { value: '12' } });
    expect(fireEvent.keyDown(d, { key: 'Home' })).toBe(true);
    expect(document.activeElement).toBe(d);
    // left and back: Home is a move again
    fireEvent.keyDown(d, { key: 'Enter' });
    fireEvent.keyDown(document.activeElement!, { key: 'Home' });
    expect(v.focused()).toBe(table3[4]![0]);
  });

  it('「键盘操作」 lists them, saying how far PageUp / PageDown go', () => {
    const v = renderEditor();
    const help = v.getByText('键盘操作').closest('details')!.textContent!;
    for (const k of ['Home / End', 'Ctrl+Home / Ctrl+End', 'PageUp / PageDown']) expect(help).toContain(k);
    expect(KEYS.find(([k]) => k === 'PageUp / PageDown')![1]).toContain(`${PAGE_ROWS} 行`);
  });
});
