import { exampleReport, setCell } from '@nianbao/core';
import { cleanup, fireEvent } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { draftInfo, renderDraftEditor } from '../test-support/editor';
import { Refusal } from '../test-support/trpc';

afterEach(cleanup);
beforeEach(() => {
  localStorage.clear();
});

// 保存冲突 · 「稍后处理（继续编辑，不保存）」: the dialog goes, the edits stay in the form, and nothing is
// saved until the user saves (保存, Ctrl+S, 提交审核, a download) — then the dialog comes back. The
// autosave must not bring it back by itself a moment later.

const report = exampleReport({ year: 2025 });
const CELL = 'applications.newReceived.naturalPerson';
const THEIRS = 'applications.granted.naturalPerson';

describe('保存冲突 put off (稍后处理)', () => {
  it('does not come back by itself; 保存 brings it back', async () => {
    let saves = 0;
    const view = renderDraftEditor(report, {
      'reports.save': () => {
        saves++;
        return new Refusal('VERSION_CONFLICT', '报告已被他人修改');
      },
      'reports.get': () => ({ ...draftInfo(setCell(report, THEIRS, 99)), version: 5 }),
    });
    const input = view.container.querySelector(`input[data-cell="${CELL}"]`) as HTMLInputElement;
    fireEvent.focus(input);
    fireEvent.change(input, { target: { value: '41' } });
    fireEvent.blur(input);
    fireEvent.click(view.getByText('保存', { selector: 'button' }));
    await view.findByRole('dialog');
    fireEvent.click(view.getByText('稍后处理（继续编辑，不保存）'));
    expect(view.queryByRole('dialog')).toBeNull();
    // longer than the autosave's pause
    await new Promise((r) => setTimeout(r, 2500));
    expect(view.queryByRole('dialog')).toBeNull();
    expect(saves).toBe(1);
    expect(input.value).toBe('41');
    expect(view.getByTestId('save-state').textContent).toContain('修改尚未保存');
    fireEvent.click(view.getByText('保存', { selector: 'button' }));
    await view.findByRole('dialog');
    expect(saves).toBe(2);
  }, 10_000);
});
