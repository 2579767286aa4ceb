import { exampleReport } from '@nianbao/core';
import { cleanup, fireEvent, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { draftInfo, renderDraftEditor } from '../test-support/editor';

afterEach(cleanup);
beforeEach(() => {
  localStorage.clear();
});

// Handed in (提交审核), the report is locked: Ctrl+Z in a cell must not take back an edit that is part
// of what was handed in — the form would show numbers that are not the report's, as unsaved edits no
// save can keep.

const report = exampleReport({ year: 2025 });
const CELL = 'applications.newReceived.naturalPerson';

describe('Ctrl+Z after the report was handed in', () => {
  it('changes nothing: the cell keeps the number handed in, nothing left unsaved', async () => {
    const base = draftInfo(report);
    let onServer = base;
    const view = renderDraftEditor(
      report,
      {
        'reports.save': (inp) => {
          onServer = {
            ...base,
            version: 5,
            report: (inp as { report: typeof report }).report,
          } as typeof base;
          return { id: 'r1', version: 5, contentHash: 'h5', savedAt: '2026-01-05T08:30:00Z', warnings: [] };
        },
        'reports.submit': () => {
          onServer = {
            ...onServer,
            status: 'submitted',
            statusLabel: '已提交',
            permissions: { save: false, submit: false },
          } as typeof base;
          return { ok: true };
        },
        'reports.get': () => onServer,
      },
      {},
      { live: true },
    );
    const input = () => view.container.querySelector(`input[data-cell="${CELL}"]`) as HTMLInputElement;
    fireEvent.focus(input());
    fireEvent.change(input(), { target: { value: '41' } });
    fireEvent.blur(input());
    fireEvent.click(view.getByText(/^提交审核/, { selector: 'button' }));
    const confirm = view.queryByText('确认提交审核', { selector: 'button' });
    if (confirm) fireEvent.click(confirm);
    await waitFor(() => expect(view.container.querySelector('.status')?.textContent).toBe('已提交'));
    fireEvent.focus(input());
    fireEvent.keyDown(input(), { key: 'z', ctrlKey: true });
    expect(input().value).toBe('41');
    fireEvent.keyDown(input(), { key: 'y', ctrlKey: true });
    expect(input().value).toBe('41');
    // why, said
    expect(view.container.textContent).toContain('报告已提交审核，不能修改');
    expect(view.getByTestId('save-state').textContent).not.toContain('未保存');
  });
});
