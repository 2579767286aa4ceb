import { cleanup, fireEvent, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderSavingEditor } from '../test-support/editor';

afterEach(cleanup);
beforeEach(() => {
  localStorage.clear();
});

// 版本说明: the 填报人 names the version a manual 保存 makes (历史版本's 说明); autosaves stay 「自动保存」.

function renderEditor() {
  const view = renderSavingEditor();
  return { ...view, saves: () => view.saves().map((s) => s.note) };
}

describe('版本说明', () => {
  it('a manual 保存 writes the note typed as the version’s 说明, even with nothing changed since; the field then empties', async () => {
    const view = renderEditor();
    const note = view.getByLabelText('版本说明') as HTMLInputElement;
    const saveButton = view.getByText('保存', { selector: 'button' }) as HTMLButtonElement;
    // nothing to save, no note: 保存 is off (aria-disabled: it keeps the focus, and is still found by Tab)
    expect(saveButton.getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(saveButton);
    expect(view.saves()).toEqual([]);
    fireEvent.change(note, { target: { value: '报送前定稿' } });
    expect(saveButton.getAttribute('aria-disabled')).toBeNull();
    fireEvent.click(saveButton);
    await waitFor(() => expect(view.saves()).toEqual(['报送前定稿']));
    await waitFor(() => expect(note.value).toBe(''));
  });

  it('Enter in the field saves with it', async () => {
    const view = renderEditor();
    const note = view.getByLabelText('版本说明') as HTMLInputElement;
    fireEvent.change(note, { target: { value: '改正表三合计' } });
    fireEvent.keyDown(note, { key: 'Enter' });
    await waitFor(() => expect(view.saves()).toEqual(['改正表三合计']));
  });

  it('an autosave keeps 「自动保存」 and leaves the note for the next manual 保存', async () => {
    const view = renderEditor();
    const note = view.getByLabelText('版本说明') as HTMLInputElement;
    fireEvent.change(note, { target: { value: '退回后修改' } });
    // an edit in the text: autosaved a moment later
    fireEvent.click(view.getByText('正文', { selector: 'button' }));
    const area = view.container.querySelector('textarea') as HTMLTextAreaElement;
    fireEvent.change(area, { target: { value: `${area.value}补充。` } });
    await waitFor(() => expect(view.saves()).toEqual(['自动保存']), { timeout: 4000 });
    expect(note.value).toBe('退回后修改');
    fireEvent.click(view.getByText('保存', { selector: 'button' }));
    await waitFor(() => expect(view.saves()).toEqual(['自动保存', '退回后修改']));
  });
});
