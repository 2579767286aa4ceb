import { exampleReport } from '@nianbao/core';
import { act, cleanup, fireEvent, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { overrideTotal, renderDraftEditor } from '../test-support/editor';
import { editorReducer, initEditor } from './state';

afterEach(cleanup);
beforeEach(() => {
  localStorage.clear();
});

// A total changed by hand (手动改写合计…) goes into the next version's 说明 with its reason. One taken
// back by 撤销 is no change of the version saved: its 说明 must not say 「改写…」.

const report = exampleReport({ year: 2025 });
const TOTAL = 'applications.newReceived.total';
const CELL = 'applications.newReceived.naturalPerson';

describe('a total changed by hand, then 撤销', () => {
  it('the version saved after it does not say the total was changed', async () => {
    const notes: string[] = [];
    const view = renderDraftEditor(report, {
      'reports.save': (inp) => {
        notes.push((inp as { note: string }).note);
        return { id: 'r1', version: 5, contentHash: 'h5', savedAt: '2026-01-05T08:30:00Z', warnings: [] };
      },
    });
    const total = overrideTotal(view, TOTAL, (report.cells[TOTAL]!.value as number) + 5);
    await waitFor(() => expect(total.value).toBe(String((report.cells[TOTAL]!.value as number) + 5)));
    fireEvent.click(view.getByText('撤销', { selector: 'button' }));
    expect(total.value).toBe(String(report.cells[TOTAL]!.value));
    // another edit, saved
    const cell = view.container.querySelector(`input[data-cell="${CELL}"]`) as HTMLInputElement;
    fireEvent.focus(cell);
    fireEvent.change(cell, { target: { value: '41' } });
    fireEvent.blur(cell);
    fireEvent.click(view.getByText('保存', { selector: 'button' }));
    await waitFor(() => expect(notes.length).toBe(1));
    expect(notes[0]).not.toContain('改写');
  });

  it('said in the version saved with it only: an edit typed while that save ran is saved without it', async () => {
    const notes: string[] = [];
    let answer: (() => void) | undefined;
    const view = renderDraftEditor(report, {
      'reports.save': (inp) => {
        notes.push((inp as { note: string }).note);
        const version = 4 + notes.length;
        const res = {
          id: 'r1',
          version,
          contentHash: `h${version}`,
          savedAt: '2026-01-05T08:30:00Z',
          warnings: [],
        };
        return notes.length === 1 ? new Promise((r) => (answer = () => r(res))) : res;
      },
    });
    overrideTotal(view, TOTAL, (report.cells[TOTAL]!.value as number) + 5);
    fireEvent.click(view.getByText('保存', { selector: 'button' }));
    await waitFor(() => expect(notes.length).toBe(1));
    // typed while the save runs
    const cell = view.container.querySelector(`input[data-cell="${CELL}"]`) as HTMLInputElement;
    fireEvent.focus(cell);
    fireEvent.change(cell, { target: { value: '41' } });
    fireEvent.blur(cell);
    await act(async () => answer!());
    fireEvent.click(view.getByText('保存', { selector: 'button' }));
    await waitFor(() => expect(notes.length).toBe(2));
    expect(notes[0]).toContain('改写');
    expect(notes[1]).not.toContain('改写');
  });

  it('重做 brings the change, and its note, back', () => {
    let s = initEditor(report, 4);
    s = editorReducer(s, { type: 'override', cell: TOTAL, label: '合计', value: 999, reason: '原件如此' });
    expect(s.overrides.length).toBe(1);
    s = editorReducer(s, { type: 'undo' });
    expect(s.overrides).toEqual([]);
    s = editorReducer(s, { type: 'redo' });
    expect(s.overrides.map((o) => o.to)).toEqual([999]);
    expect(s.report.cells[TOTAL]?.value).toBe(999);
  });
});
