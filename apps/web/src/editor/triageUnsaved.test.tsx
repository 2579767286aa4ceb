import { derive, exampleReport, keyFindings, type Report, setCell, validate } from '@nianbao/core';
import { cleanup, fireEvent, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderDraftEditor } from '../test-support/editor';

afterEach(cleanup);
beforeEach(() => {
  localStorage.clear();
});

// The server keeps a decision (确认 / 忽略) with the cells of its version as they were decided on, and
// reopens it when they change. A finding the user decides on is the one on screen: with edits not yet
// saved to the cells it is about, those edits are saved first — else the decision is stored against the
// old numbers, and the autosave a moment later reopens it (「此前忽略…相关数据已改动，请重新处理」).

const CELL = 'applications.newReceived.naturalPerson';
const base = exampleReport({ year: 2025 });
const saved = derive(setCell(base, CELL, (base.cells[CELL]!.value as number) + 9)).report;

describe('triage of a finding whose cells hold unsaved edits', () => {
  it('saves the edits first, then stores the decision on the version shown', async () => {
    let onServer: Report = saved;
    let version = 4;
    const order: string[] = [];
    const view = renderDraftEditor(
      saved,
      {
        'checks.validate': () => ({
          findings: keyFindings(validate(onServer)).map((f) => ({ ...f, triage: null })),
        }),
        'reports.save': (inp) => {
          order.push('save');
          onServer = (inp as { report: Report }).report;
          version++;
          return {
            id: 'r1',
            version,
            contentHash: `h${version}`,
            savedAt: '2026-01-05T08:30:00Z',
            warnings: [],
          };
        },
        'checks.triage': () => {
          order.push(`triage@${version}`);
          return { ok: true };
        },
      },
      { permissions: { save: true, submit: true, triage: true } } as never,
    );
    const failed = keyFindings(validate(saved)).find((f) => f.ruleId === 'T3-B' && f.status === 'failed')!;
    const item = () => view.container.querySelector(`li[data-finding-key="${failed.key}"]`) as HTMLElement;
    await waitFor(() => expect(item()?.textContent).toContain('忽略…'));
    // one more typed into the cell the finding is about: the finding stays, with the new numbers
    const input = view.container.querySelector(`input[data-cell="${CELL}"]`) as HTMLInputElement;
    fireEvent.focus(input);
    fireEvent.change(input, { target: { value: String((saved.cells[CELL]!.value as number) + 1) } });
    fireEvent.blur(input);
    const ignore = [...item().querySelectorAll('button')].find((b) => b.textContent === '忽略…')!;
    fireEvent.click(ignore);
    fireEvent.change(item().querySelector('input[name="triage-reason"]')!, {
      target: { value: '经核实，申请数无误' },
    });
    fireEvent.submit(item().querySelector('form')!);
    await waitFor(() => expect(order.some((o) => o.startsWith('triage'))).toBe(true));
    expect(order).toEqual(['save', 'triage@5']);
  });
});
