import { exampleReport } from '@nianbao/core';
import { act, fireEvent } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { editorTestSetup, renderDraftEditor } from '../test-support/editor';
import { DERIVED_PASTED, DERIVED_TYPED } from './Grid';

editorTestSetup();

// What a cell that cannot be typed into says when it is: a report handed in refuses a paste as it
// refuses a key (it said nothing: Ctrl+V did nothing, silently); a computed total typed into says
// it is computed and how to change it (it said nothing either).

const report = exampleReport({ year: 2025 });
const A = 'applications.newReceived.naturalPerson';
const T = 'applications.newReceived.total';
const submitted = {
  status: 'submitted',
  statusLabel: '已提交',
  permissions: { save: false, submit: false },
} as never;

describe('a cell that cannot be typed into says why', () => {
  it('a report handed in: a paste changes nothing and says why, as a key and Delete do', () => {
    const v = renderDraftEditor(report, {}, submitted);
    const cell = (id: string) => v.container.querySelector<HTMLInputElement>(`input[name="${id}"]`)!;
    act(() => cell(A).focus());
    fireEvent.paste(cell(A), { clipboardData: { getData: () => '100\t200' } });
    expect(cell(A).value).toBe('36');
    expect(v.queryByTestId('paste-result')).toBeNull();
    expect(v.container.textContent).toContain('报告已提交审核，不能修改');
  });

  it.each(['5', 'Backspace', 'Delete'])(
    'a computed total: 「%s」 typed says it is computed and how to change it',
    (key) => {
      const v = renderDraftEditor(report);
      const cell = (id: string) => v.container.querySelector<HTMLInputElement>(`input[name="${id}"]`)!;
      act(() => cell(T).focus());
      // arrows, Ctrl+C: the cell's as ever, nothing said
      fireEvent.keyDown(cell(T), { key: 'c', ctrlKey: true });
      fireEvent.keyDown(cell(T), { key: 'ArrowLeft' });
      expect(v.container.textContent).not.toContain(DERIVED_TYPED);
      act(() => cell(T).focus());
      fireEvent.keyDown(cell(T), { key });
      expect(cell(T).value).toBe('43');
      expect(v.container.textContent).toContain(DERIVED_TYPED);
    },
  );

  it('a computed total: one number pasted onto it is refused as typing it is (it was kept as 「印制」 with no reason)', () => {
    const v = renderDraftEditor(report);
    const cell = (id: string) => v.container.querySelector<HTMLInputElement>(`input[name="${id}"]`)!;
    act(() => cell(T).focus());
    fireEvent.paste(cell(T), { clipboardData: { getData: () => ' 5\r\n' } });
    expect(cell(T).value).toBe('43');
    expect(v.queryByTestId('paste-result')).toBeNull();
    expect(v.container.textContent).toContain(DERIVED_PASTED);
    // a part still takes one number, and the total follows it
    act(() => cell(A).focus());
    fireEvent.paste(cell(A), { clipboardData: { getData: () => '40' } });
    expect(cell(A).value).toBe('40');
    expect(cell(T).value).toBe('47');
  });
});
