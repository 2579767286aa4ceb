import { exampleReport, type Report, setCell } from '@nianbao/core';
import { cleanup, fireEvent, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderDraftEditor } from '../test-support/editor';
import { AUTOSAVE_DELAY } from './Editor';

/**
 * The autosave held back (its timers never fire), as for a user quicker than it: on a busy machine
 * the history tab took longer than its 1.2 s to show, the autosave saved the edit first, and the
 * question had no unsaved edits to speak of (CI, load 13).
 */
function holdAutosave() {
  const real = globalThis.setTimeout;
  const held = new Set<number>(Object.values(AUTOSAVE_DELAY));
  vi.spyOn(globalThis, 'setTimeout').mockImplementation(((fn: () => void, ms?: number, ...rest: unknown[]) =>
    held.has(ms ?? 0) ? real(() => {}, 2 ** 31 - 1) : real(fn, ms, ...rest)) as typeof setTimeout);
}

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});
beforeEach(() => {
  localStorage.clear();
});

// 历史版本 · 恢复此版本 asks 「现在的内容仍保留为第 N 版，可以再恢复」: edits on screen not yet saved
// (the autosave not yet run, or the network down) are part of 现在的内容 — saved first, not dropped.

const report = exampleReport({ year: 2025 });
const CELL = 'applications.newReceived.naturalPerson';

describe('恢复此版本 with edits not yet saved', () => {
  it('saves them first, as a version of their own; then the old content comes back', async () => {
    const order: string[] = [];
    const sent: Report[] = [];
    const v = (version: number) => ({
      version,
      contentHash: `h${version}`,
      author: '张三',
      authorId: 'u1',
      createdAt: '2026-01-05T08:30:00Z',
      note: null,
      kind: 'save',
      reason: null,
      status: 'draft',
    });
    const old = setCell(report, 'applications.granted.naturalPerson', 1);
    const view = renderDraftEditor(report, {
      'reports.history': () => ({ versions: [v(2), v(3), v(4)], events: [] }),
      'reports.diff': () => ({ cells: [], texts: [] }),
      'reports.save': (inp) => {
        order.push('save');
        sent.push((inp as { report: Report }).report);
        return {
          id: 'r1',
          version: 4 + sent.length,
          contentHash: 'h',
          savedAt: '2026-01-05T08:30:00Z',
          warnings: [],
        };
      },
      'reports.get': (inp) => {
        order.push(`get v${(inp as { version?: number }).version}`);
        return { version: 2, report: old, readRepairs: [] };
      },
    });
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(true);
    const input = view.container.querySelector(`input[data-cell="${CELL}"]`) as HTMLInputElement;
    holdAutosave();
    fireEvent.focus(input);
    fireEvent.change(input, { target: { value: '41' } });
    fireEvent.blur(input);
    // at once, before the autosave
    fireEvent.click(view.getByRole('tab', { name: '历史版本' }));
    fireEvent.click(await view.findByRole('button', { name: '恢复此版本（第 2 版）' }));
    expect(confirm.mock.calls[0]![0]).toContain('现在的内容（含尚未保存的修改）先保存为新的一版');
    await waitFor(() => expect(order).toContain('get v2'));
    expect(order[0]).toBe('save');
    expect(sent[0]!.cells[CELL]?.value).toBe(41);
    // the old content in the form, to be saved as the next version
    await waitFor(() =>
      expect(
        (
          view.container.querySelector(
            'input[data-cell="applications.granted.naturalPerson"]',
          ) as HTMLInputElement
        )?.value,
      ).toBe('1'),
    );
  });

  it('focus goes to the tables, not to the page (the button pressed is gone)', async () => {
    const v = (version: number) => ({
      version,
      contentHash: `h${version}`,
      author: '张三',
      authorId: 'u1',
      createdAt: '2026-01-05T08:30:00Z',
      note: null,
      kind: 'save',
      reason: null,
      status: 'draft',
    });
    const view = renderDraftEditor(report, {
      'reports.history': () => ({ versions: [v(2), v(3), v(4)], events: [] }),
      'reports.diff': () => ({ cells: [], texts: [] }),
      'reports.get': () => ({ version: 2, report: setCell(report, CELL, 3), readRepairs: [] }),
    });
    vi.spyOn(window, 'confirm').mockReturnValue(true);
    fireEvent.click(view.getByRole('tab', { name: '历史版本' }));
    const button = await view.findByRole('button', { name: '恢复此版本（第 2 版）' });
    button.focus();
    fireEvent.click(button);
    await waitFor(() =>
      expect((view.container.querySelector(`input[data-cell="${CELL}"]`) as HTMLInputElement)?.value).toBe(
        '3',
      ),
    );
    await waitFor(() => expect(document.activeElement?.getAttribute('data-cell')).toBeTruthy());
    expect(view.container.textContent).toContain('已恢复第 2 版的内容，保存后成为新的一版');
  });
});
