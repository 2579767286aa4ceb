import { exampleReport } from '@nianbao/core';
import { cleanup, fireEvent, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { draftInfo, renderDraftEditor } from '../test-support/editor';

afterEach(cleanup);
beforeEach(() => {
  localStorage.clear();
});

// reports.save answers `unchanged: true` when the content sent is already the current version's (saved
// from another tab, or by a save whose answer was lost): nothing stored. The form says so — no 「已保存」
// of a version it did not make — takes the version answered, and shows a status that moved meanwhile.

const report = exampleReport({ year: 2025 });
const CELL = 'applications.newReceived.naturalPerson';

/** Types a new value into the cell and leaves it (an edit to save). */
function edit(view: ReturnType<typeof renderDraftEditor>, value: string) {
  const input = view.container.querySelector(`input[data-cell="${CELL}"]`) as HTMLInputElement;
  fireEvent.focus(input);
  fireEvent.change(input, { target: { value } });
  fireEvent.blur(input);
}
const saveState = (view: ReturnType<typeof renderDraftEditor>) =>
  view.getByTestId('save-state').textContent ?? '';

describe('a save answered unchanged', () => {
  it('says no version was made, and the next save starts from the version answered', async () => {
    const answers = [
      // another tab stored this very content as version 6 (and its note): nothing stored now
      { version: 6, unchanged: true },
      { version: 7, unchanged: false },
    ];
    const view = renderDraftEditor(report, {
      'reports.save': () => {
        const a = answers.shift()!;
        return {
          id: 'r1',
          contentHash: `h${a.version}`,
          savedAt: '2026-01-05T08:30:00Z',
          warnings: [],
          ...a,
        };
      },
    });
    edit(view, '41');
    fireEvent.click(view.getByText('保存', { selector: 'button' }));
    await waitFor(() => expect(saveState(view)).toBe('内容与第 6 版相同，未新建版本'));
    expect(saveState(view)).not.toContain('已保存');
    // the form holds version 6 now: the next save is based on it, and a stored one says so again
    edit(view, '42');
    fireEvent.click(view.getByText('保存', { selector: 'button' }));
    await waitFor(() => expect(saveState(view)).toBe('已保存（第 7 版）'));
    const sent = view.calls
      .filter((c) => c.path === 'reports.save')
      .map((c) => (c.input as { expectedVersion: number }).expectedVersion);
    expect(sent).toEqual([4, 6]);
  });

  it('the report handed in from another tab meanwhile: the new status and what to do now, the form read-only', async () => {
    const base = draftInfo(report);
    let onServer = base;
    const view = renderDraftEditor(
      report,
      {
        'reports.save': (input) => {
          // the other tab saved the same content (version 5) and handed it in
          onServer = {
            ...base,
            version: 5,
            status: 'submitted',
            statusLabel: '已提交',
            permissions: { save: false, submit: false },
            report: (input as { report: typeof report }).report,
          } as typeof base;
          return {
            id: 'r1',
            version: 5,
            contentHash: 'h5',
            savedAt: '2026-01-05T08:30:00Z',
            unchanged: true,
            warnings: [],
          };
        },
        'reports.get': () => onServer,
      },
      {},
      { live: true },
    );
    expect(view.queryByTestId('status-moved')).toBeNull();
    edit(view, '41');
    fireEvent.click(view.getByText('保存', { selector: 'button' }));
    const notice = await view.findByTestId('status-moved');
    expect(notice.textContent).toContain('报告状态已变为“已提交”');
    expect(notice.textContent).toContain('如需修改，请审核人退回');
    expect(view.container.querySelector('.status')?.textContent).toBe('已提交');
    expect(saveState(view)).toBe('内容与第 5 版相同，未新建版本');
    // nothing left to save or hand in: no 保存, no 提交审核
    expect(view.queryByText('保存', { selector: 'button' })).toBeNull();
    expect(view.queryByText(/提交审核/, { selector: 'button' })).toBeNull();
    fireEvent.click(view.getByText('知道了'));
    expect(view.queryByTestId('status-moved')).toBeNull();
  });
});
