import { exampleReport } from '@nianbao/core';
import { cleanup, fireEvent, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderDraftEditor } from '../test-support/editor';
import { NOTE_NOT_SAVED } from './Editor';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});
beforeEach(() => {
  localStorage.clear();
  window.history.replaceState(null, '', '#/report/r1');
  window.dispatchEvent(new HashChangeEvent('hashchange'));
});

// 版本说明 typed and not yet saved (保存 writes it): closing or reloading the page asks first, as for
// unsaved edits — the content may be autosaved already, the note is not.

const leave = () => {
  const e = new Event('beforeunload', { cancelable: true });
  window.dispatchEvent(e);
  return e.defaultPrevented;
};

/** What a link of the app or Back does to a hash route: the address changes, then hashchange. */
const goTo = (hash: string) => {
  window.history.pushState(null, '', hash);
  window.dispatchEvent(new HashChangeEvent('hashchange'));
};

describe('leaving with a 版本说明 not yet saved', () => {
  it('asks first; with none (or nothing but spaces) it does not', () => {
    const view = renderDraftEditor(exampleReport({ year: 2025 }));
    expect(leave()).toBe(false);
    const note = view.getByRole('textbox', { name: '版本说明' });
    fireEvent.change(note, { target: { value: '   ' } });
    expect(leave()).toBe(false);
    fireEvent.change(note, { target: { value: '按审核意见修改表三' } });
    expect(leave()).toBe(true);
  });

  it('a link of the app or Back asks too: declined, the address stays on the report', () => {
    const view = renderDraftEditor(exampleReport({ year: 2025 }));
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(false);
    const note = view.getByRole('textbox', { name: '版本说明' });
    // no note (only spaces): the route changes without a question
    fireEvent.change(note, { target: { value: '  ' } });
    goTo('#/region');
    expect(confirm).not.toHaveBeenCalled();
    expect(window.location.hash).toBe('#/region');
    goTo('#/report/r1');
    fireEvent.change(note, { target: { value: '按审核意见修改表三' } });
    goTo('#/region');
    expect(confirm).toHaveBeenCalledWith(NOTE_NOT_SAVED);
    expect(window.location.hash).toBe('#/report/r1');
    expect((note as HTMLInputElement).value).toBe('按审核意见修改表三');
    // said yes: the route follows
    confirm.mockReturnValue(true);
    goTo('#/account');
    expect(window.location.hash).toBe('#/account');
  });

  it('once 保存 has written the note, leaving asks nothing', async () => {
    let version = 4;
    const view = renderDraftEditor(exampleReport({ year: 2025 }), {
      'reports.save': () => {
        version++;
        return { id: 'r1', version, contentHash: `h${version}`, savedAt: new Date().toISOString() };
      },
    });
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(false);
    const note = view.getByRole('textbox', { name: '版本说明' }) as HTMLInputElement;
    fireEvent.change(note, { target: { value: '报送前定稿' } });
    fireEvent.click(view.getByText('保存', { selector: 'button' }));
    await waitFor(() => expect(note.value).toBe(''));
    goTo('#/region');
    expect(confirm).not.toHaveBeenCalled();
    expect(window.location.hash).toBe('#/region');
  });
});
