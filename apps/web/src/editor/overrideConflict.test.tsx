import { derive, exampleReport, type Report, setCell } from '@nianbao/core';
import { cleanup, fireEvent, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { draftInfo, overrideTotal, renderDraftEditor } from '../test-support/editor';
import { Refusal } from '../test-support/trpc';

afterEach(cleanup);
beforeEach(() => {
  localStorage.clear();
});

// A total changed by hand, then a save conflict where the other version's total is taken (全部采用第 N
// 版的): the version saved holds no such change — its 说明 must not say 「改写…」.

const report = exampleReport({ year: 2025 });
const TOTAL = 'applications.newReceived.total';
const PART = 'applications.newReceived.naturalPerson';

describe('a total changed by hand, the other version’s total taken in the merge', () => {
  it('the merged version’s 说明 does not say it was changed', async () => {
    const notes: string[] = [];
    const theirs = derive(setCell(report, PART, (report.cells[PART]!.value as number) + 1)).report;
    const view = renderDraftEditor(report, {
      'reports.save': (inp) => {
        const { note, expectedVersion } = inp as { note: string; expectedVersion: number; report: Report };
        if (expectedVersion !== 5) return new Refusal('VERSION_CONFLICT', '冲突');
        notes.push(note);
        return { id: 'r1', version: 6, contentHash: 'h6', savedAt: '2026-01-05T08:30:00Z', warnings: [] };
      },
      'reports.get': () => ({ ...draftInfo(theirs), version: 5 }),
    });
    const total = overrideTotal(view, TOTAL, (report.cells[TOTAL]!.value as number) + 5);
    fireEvent.click(view.getByText('保存', { selector: 'button' }));
    await view.findByRole('dialog');
    fireEvent.click(view.getByText('全部采用第 5 版的'));
    fireEvent.click(view.getByText('合并并保存'));
    await waitFor(() => expect(view.queryByRole('dialog')).toBeNull());
    // nothing of mine left to save (all of version 5 taken); the next edit is saved on it
    const other = view.container.querySelector(
      'input[data-cell="applications.carriedOver.naturalPerson"]',
    ) as HTMLInputElement;
    fireEvent.focus(other);
    fireEvent.change(other, { target: { value: '777' } });
    fireEvent.blur(other);
    fireEvent.click(view.getByText('保存', { selector: 'button' }));
    await waitFor(() => expect(notes.length).toBe(1));
    expect(total.value).toBe(
      String(theirs.cells[TOTAL]?.value ?? (report.cells[TOTAL]!.value as number) + 1),
    );
    expect(notes[0]).not.toContain('改写');
  });

  it('mine kept in the merge: the merged version says it', async () => {
    const notes: string[] = [];
    const theirs = derive(setCell(report, PART, (report.cells[PART]!.value as number) + 1)).report;
    const view = renderDraftEditor(report, {
      'reports.save': (inp) => {
        const { note, expectedVersion } = inp as { note: string; expectedVersion: number };
        if (expectedVersion !== 5) return new Refusal('VERSION_CONFLICT', '冲突');
        notes.push(note);
        return { id: 'r1', version: 6, contentHash: 'h6', savedAt: '2026-01-05T08:30:00Z', warnings: [] };
      },
      'reports.get': () => ({ ...draftInfo(theirs), version: 5 }),
    });
    overrideTotal(view, TOTAL, (report.cells[TOTAL]!.value as number) + 5);
    fireEvent.click(view.getByText('保存', { selector: 'button' }));
    await view.findByRole('dialog');
    fireEvent.click(view.getByText('全部采用我的'));
    fireEvent.click(view.getByText('合并并保存'));
    await waitFor(() => expect(notes.length).toBe(1));
    expect(notes[0]).toContain('改写');
  });
});
