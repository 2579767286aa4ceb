import { exampleReport } from '@nianbao/core';
import { act, fireEvent } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { editorTestSetup, renderDraftEditor } from '../test-support/editor';

// A number typed through an input method (a Chinese IME in full-width mode, one that composes digits):
// the keys pressed while the IME composes — Enter to commit its text, arrows and digits to pick a
// candidate, Esc to cancel — are the IME's, never the grid's. Firefox gives them with isComposing;
// Chrome and Safari as key 229 (Safari's Enter that commits comes just after compositionend).

editorTestSetup();

const report = exampleReport({ year: 2025 });
const A = 'applications.newReceived.naturalPerson';
const BELOW = 'applications.carriedOver.naturalPerson';
const TOTAL = 'applications.newReceived.total';

function renderEditor() {
  const v = renderDraftEditor(report);
  const cell = (id: string) => v.container.querySelector<HTMLInputElement>(`input[name="${id}"]`)!;
  const focused = () => document.activeElement?.getAttribute('name');
  return { ...v, cell, focused };
}

describe('keys pressed while an input method composes are the input method’s', () => {
  it('Enter that commits 「１２」 stays in the cell; the Enter after it moves on, the cell 12', () => {
    const v = renderEditor();
    const parts = Number(v.cell(TOTAL).value) - Number(v.cell(A).value);
    act(() => v.cell(A).focus());
    fireEvent.compositionStart(v.cell(A));
    fireEvent.change(v.cell(A), { target: { value: '１２' } });
    // Firefox: the key with isComposing; not prevented (the IME commits), no move
    expect(fireEvent.keyDown(v.cell(A), { key: 'Enter', isComposing: true })).toBe(true);
    expect(v.focused()).toBe(A);
    // arrows pick a candidate, Tab too in some IMEs (Chrome: key 229)
    for (const key of ['ArrowDown', 'ArrowRight', 'Tab'])
      expect(fireEvent.keyDown(v.cell(A), { key, keyCode: 229 })).toBe(true);
    expect(v.focused()).toBe(A);
    // Esc cancels the composition, not the edit
    fireEvent.keyDown(v.cell(A), { key: 'Escape', isComposing: true });
    expect(v.cell(A).value).toBe('１２');
    fireEvent.compositionEnd(v.cell(A));
    // Safari: the Enter that committed comes after compositionend, as key 229
    expect(fireEvent.keyDown(v.cell(A), { key: 'Enter', keyCode: 229 })).toBe(true);
    expect(v.focused()).toBe(A);
    // the user's own Enter: taken and moved on
    fireEvent.keyDown(v.cell(A), { key: 'Enter' });
    expect(v.focused()).toBe(BELOW);
    expect(v.cell(A).value).toBe('12');
    expect(Number(v.cell(TOTAL).value)).toBe(parts + 12);
  });
});
