import { derive, exampleReport, keyFindings, type Report, setCell, validate } from '@nianbao/core';
import { act, cleanup, fireEvent, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderDraftEditor } from '../test-support/editor';

afterEach(cleanup);
beforeEach(() => {
  localStorage.clear();
});

// An error dismissed in triage (忽略 with a reason) marks no cell, is not counted and is no news. Each
// save reads the decisions again for the version saved: meanwhile the decisions read before still hold
// — the error must not come back for that moment (its cell red again, 「新增错误：…」 said to a screen
// reader after every autosave).

const CELL = 'applications.newReceived.naturalPerson';
const OTHER = 'applications.carriedOver.naturalPerson';
const base = exampleReport({ year: 2025 });
const saved = derive(setCell(base, CELL, (base.cells[CELL]!.value as number) + 9)).report;

describe('a dismissed error while the decisions are read again after a save', () => {
  it('stays dismissed: no mark, not said as new', async () => {
    let onServer: Report = saved;
    let answerLater: (() => void) | null = null;
    let reads = 0;
    const dismissedKey = keyFindings(validate(saved)).find(
      (f) => f.ruleId === 'T3-B' && f.status === 'failed',
    )!.key;
    const answer = () => ({
      findings: keyFindings(validate(onServer)).map((f) => ({
        ...f,
        triage:
          f.key === dismissedKey
            ? { decision: 'dismissed', state: 'active', reason: '已核实', by: '张三', at: '', version: 4 }
            : null,
      })),
    });
    const view = renderDraftEditor(
      saved,
      {
        'checks.validate': () => {
          reads++;
          if (reads === 1) return answer();
          return new Promise((r) => {
            answerLater = () => r(answer());
          });
        },
        'reports.save': (inp) => {
          onServer = (inp as { report: Report }).report;
          return { id: 'r1', version: 5, contentHash: 'h5', savedAt: '2026-01-05T08:30:00Z', warnings: [] };
        },
      },
      { permissions: { save: true, submit: true, triage: true } } as never,
    );
    const cell = () => view.container.querySelector(`input[data-cell="${CELL}"]`) as HTMLInputElement;
    await waitFor(() =>
      expect(view.container.querySelector(`li[data-finding-key="${dismissedKey}"]`)?.className).toContain(
        'dismissed',
      ),
    );
    expect(cell().className).not.toContain('st-error');
    // an edit elsewhere (the error stays as it is), saved
    const other = view.container.querySelector(`input[data-cell="${OTHER}"]`) as HTMLInputElement;
    fireEvent.focus(other);
    fireEvent.change(other, { target: { value: `${(saved.cells[OTHER]?.value ?? 0) as number}0` } });
    fireEvent.blur(other);
    fireEvent.click(view.getByText('保存', { selector: 'button' }));
    await waitFor(() => expect(reads).toBe(2));
    // the decisions of version 5 not read yet
    await act(() => new Promise((r) => setTimeout(r, 900)));
    expect(cell().className).not.toContain('st-error');
    expect(view.getByTestId('findings-announcer').textContent).not.toContain('新增错误');
    await act(async () => answerLater!());
    expect(cell().className).not.toContain('st-error');
  });
});
