import { exampleReport } from '@nianbao/core';
import { cleanup, fireEvent } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderDraftEditor } from '../test-support/editor';

afterEach(cleanup);
beforeEach(() => {
  localStorage.clear();
});

// 版本说明 typed and not yet saved (保存 writes it): closing or reloading the page asks first, as for
// unsaved edits — the content may be autosaved already, the note is not.

const leave = () => {
  const e = new Event('beforeunload', { cancelable: true });
  window.dispatchEvent(e);
  return e.defaultPrevented;
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
});
