import { exampleReport, setCell } from '@nianbao/core';
import { cleanup, fireEvent, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { draftInfo, renderDraftEditor } from '../test-support/editor';
import { Refusal } from '../test-support/trpc';

afterEach(cleanup);
beforeEach(() => {
  localStorage.clear();
});

// 提交审核 hands in the version on screen (what the 填报人 checked, what the question before it counted),
// never a newer one saved meanwhile in another tab or by a colleague: that one is shown first.

const report = exampleReport({ year: 2025 });
const CELL = 'applications.newReceived.naturalPerson';

describe('提交审核 while a newer version was saved elsewhere', () => {
  it('is refused as a conflict, and the newer version is shown — not handed in unseen', async () => {
    const base = draftInfo(report);
    // saved in another tab: version 5, this form still on 4
    const newer = { ...base, version: 5, report: setCell(report, CELL, 99) } as typeof base;
    let submitted = false;
    const view = renderDraftEditor(
      report,
      {
        'reports.submit': (inp) => {
          const expected = (inp as { expectedVersion?: number }).expectedVersion;
          if (expected !== undefined && expected !== 5)
            return new Refusal('VERSION_CONFLICT', '报告已被修改，请刷新后重试');
          submitted = true;
          return { ok: true };
        },
        'reports.get': () => newer,
      },
      {},
      { live: true },
    );
    fireEvent.click(view.getByText(/^提交审核/, { selector: 'button' }));
    const confirm = view.queryByText('确认提交审核', { selector: 'button' });
    if (confirm) fireEvent.click(confirm);
    await waitFor(() =>
      expect((view.container.querySelector(`input[data-cell="${CELL}"]`) as HTMLInputElement).value).toBe(
        '99',
      ),
    );
    expect(submitted).toBe(false);
    const sent = view.calls.find((c) => c.path === 'reports.submit')?.input as { expectedVersion?: number };
    expect(sent.expectedVersion).toBe(4);
    expect(view.container.textContent).toContain('报告已在别处保存了新的一版，本次未提交');
    // checked, handed in: the version now shown
    fireEvent.click(view.getByText(/^提交审核/, { selector: 'button' }));
    const again = view.queryByText('确认提交审核', { selector: 'button' });
    if (again) fireEvent.click(again);
    await waitFor(() => expect(submitted).toBe(true));
  });

  it('edits saved by the click itself: the version just saved is handed in', async () => {
    const view = renderDraftEditor(report, {
      'reports.save': () => ({
        id: 'r1',
        version: 5,
        contentHash: 'h5',
        savedAt: '2026-01-05T08:30:00Z',
        warnings: [],
      }),
      'reports.submit': () => ({ ok: true }),
    });
    const input = view.container.querySelector(`input[data-cell="${CELL}"]`) as HTMLInputElement;
    fireEvent.focus(input);
    fireEvent.change(input, { target: { value: '41' } });
    fireEvent.blur(input);
    fireEvent.click(view.getByText(/^提交审核/, { selector: 'button' }));
    const confirm = view.queryByText('确认提交审核', { selector: 'button' });
    if (confirm) fireEvent.click(confirm);
    await waitFor(() => expect(view.calls.some((c) => c.path === 'reports.submit')).toBe(true));
    const sent = view.calls.find((c) => c.path === 'reports.submit')?.input as { expectedVersion?: number };
    expect(sent.expectedVersion).toBe(5);
  });
});
