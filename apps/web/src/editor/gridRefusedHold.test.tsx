import { exampleReport } from '@nianbao/core';
import { act, fireEvent } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { editorTestSetup, renderDraftEditor } from '../test-support/editor';

// QA: a number cell holding 0 (表三 科研机构 本年新收), its text replaced by 「abc」 (or 「-5」, 「3.5」,
// 「12abc」, 20 digits), then Tab or Enter: the old value came back and the focus moved on — a fast
// typist never learned the entry was dropped ("nothing is lost"). Now the first Enter / Tab / arrow
// keeps the focus and the text in the cell, with the reason in the editor's alert (seen and heard);
// Esc puts the value back, a correction is taken; leaving (a click elsewhere, a second key) drops the
// text and says so: 「已放弃无效输入“abc”（不是非负整数），该格仍为 0」.

editorTestSetup();

const CELL = 'applications.newReceived.researchInstitution';
const NEXT = 'applications.newReceived.publicInterestOrg';
const BELOW = 'applications.carriedOver.researchInstitution';
const TOTAL = 'applications.newReceived.total';
const BAD = ['abc', '-5', '3.5', '12abc', '12345678901234567890'];

function renderEditor() {
  const v = renderDraftEditor(exampleReport({ year: 2025 }));
  const cell = (id: string) => v.container.querySelector<HTMLInputElement>(`input[name="${id}"]`)!;
  /** What the editor's alert (the notice over the form, role="alert") says now. */
  const alert = () => v.queryByRole('alert')?.textContent ?? '';
  /** The cell selected (a click, as the user does), its text typed over it a key at a time. */
  const typeOver = (id: string, text: string) => {
    const el = cell(id);
    act(() => el.focus());
    el.select();
    for (let i = 1; i <= text.length; i++) fireEvent.change(el, { target: { value: text.slice(0, i) } });
  };
  return { ...v, cell, alert, typeOver };
}

describe('an entry the cell refuses, then Enter or Tab (QA: dropped silently)', () => {
  for (const key of ['Tab', 'Enter'] as const)
    it(`${key}: the focus stays on the cell, the text kept, the reason said; Esc puts the 0 back`, () => {
      const v = renderEditor();
      const a = v.cell(CELL);
      expect(a.value).toBe('0');
      const total = v.cell(TOTAL).value;
      for (const bad of BAD) {
        v.typeOver(CELL, bad);
        fireEvent.keyDown(a, { key });
        expect(document.activeElement, bad).toBe(a);
        expect(a.value, bad).toBe(bad);
        expect(a.getAttribute('aria-invalid'), bad).toBe('true');
        expect(v.alert(), bad).toContain(`未接受“${bad}”`);
        expect(v.alert(), bad).toContain('该格仍为 0；请改正，或按 Esc 恢复');
        // never stored: the total is of the 0 the cell still holds
        expect(v.cell(TOTAL).value, bad).toBe(total);
        fireEvent.keyDown(a, { key: 'Escape' });
        expect(a.value, bad).toBe('0');
        expect(a.getAttribute('aria-invalid'), bad).toBeNull();
      }
      expect(v.alert()).toBe('');
    });

  it('says why in the words the cell uses while typing (「abc」: 不是非负整数)', () => {
    const v = renderEditor();
    v.typeOver(CELL, 'abc');
    expect(v.alert()).toBe('“abc”不会被保存（不是非负整数），请改正或按 Esc 恢复');
    fireEvent.keyDown(v.cell(CELL), { key: 'Tab' });
    expect(v.alert()).toBe('未接受“abc”（不是非负整数），该格仍为 0；请改正，或按 Esc 恢复');
  });

  it('corrected after the Tab held it: the number is taken and the next Tab moves on', () => {
    const v = renderEditor();
    const a = v.cell(CELL);
    const total = Number(v.cell(TOTAL).value);
    v.typeOver(CELL, 'abc');
    fireEvent.keyDown(a, { key: 'Tab' });
    expect(document.activeElement).toBe(a);
    a.select();
    fireEvent.change(a, { target: { value: '5' } });
    expect(v.alert()).toBe('');
    fireEvent.keyDown(a, { key: 'Tab' });
    expect(document.activeElement).toBe(v.cell(NEXT));
    expect(a.value).toBe('5');
    expect(Number(v.cell(TOTAL).value)).toBe(total + 5);
  });

  it('a text changed after the hold is held again: 「abc」 Tab, 「abcd」 Tab stays', () => {
    const v = renderEditor();
    const a = v.cell(CELL);
    v.typeOver(CELL, 'abc');
    fireEvent.keyDown(a, { key: 'Tab' });
    fireEvent.change(a, { target: { value: 'abcd' } });
    fireEvent.keyDown(a, { key: 'Tab' });
    expect(document.activeElement).toBe(a);
    expect(a.value).toBe('abcd');
    expect(v.alert()).toContain('未接受“abcd”');
  });

  it('a second Enter on the same text leaves — no keyboard trap — dropping it and saying so', () => {
    const v = renderEditor();
    const a = v.cell(CELL);
    v.typeOver(CELL, 'abc');
    fireEvent.keyDown(a, { key: 'Enter' });
    expect(document.activeElement).toBe(a);
    fireEvent.keyDown(a, { key: 'Enter' });
    expect(document.activeElement).toBe(v.cell(BELOW));
    expect(a.value).toBe('0');
    expect(a.getAttribute('aria-invalid')).toBeNull();
    expect(v.alert()).toBe('已放弃无效输入“abc”（不是非负整数），该格仍为 0');
  });

  it('an arrow is held as Enter and Tab are', () => {
    const v = renderEditor();
    const a = v.cell(CELL);
    v.typeOver(CELL, '3.5');
    fireEvent.keyDown(a, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(a);
    expect(a.value).toBe('3.5');
  });
});

describe('an entry the cell refuses, then a click elsewhere (blur)', () => {
  it('the 0 comes back, and the notice says the entry was dropped — never silently', () => {
    const v = renderEditor();
    const a = v.cell(CELL);
    for (const bad of BAD) {
      v.typeOver(CELL, bad);
      act(() => v.cell(BELOW).focus());
      expect(a.value, bad).toBe('0');
      expect(v.alert(), bad).toContain(`已放弃无效输入“${bad}”`);
      expect(v.alert(), bad).toContain('该格仍为 0');
    }
    v.typeOver(CELL, 'abc');
    act(() => v.cell(NEXT).focus());
    expect(v.alert()).toBe('已放弃无效输入“abc”（不是非负整数），该格仍为 0');
  });
});

describe('a block pasted onto a cell holding a refused entry (the paste path)', () => {
  it('the block goes in, held or not; Ctrl+Z takes back the whole paste', () => {
    const v = renderEditor();
    const a = v.cell(CELL);
    const row = () => [a.value, v.cell(NEXT).value].join(' ');
    const before = row();
    const total = v.cell(TOTAL).value;
    v.typeOver(CELL, 'abc');
    fireEvent.keyDown(a, { key: 'Tab' });
    fireEvent.paste(a, { clipboardData: { getData: () => '7\t8' } });
    expect(row()).toBe('7 8');
    // no longer marked refused (a 勾稽 error the new numbers bring may still mark it invalid)
    expect(a.classList.contains('refused')).toBe(false);
    fireEvent.keyDown(a, { key: 'z', ctrlKey: true });
    expect(row()).toBe(before);
    expect(v.cell(TOTAL).value).toBe(total);
  });
});
