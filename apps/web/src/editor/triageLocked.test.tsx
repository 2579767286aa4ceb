import { derive, exampleReport, keyFindings, setCell, validate } from '@nianbao/core';
import { cleanup, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderDraftEditor } from '../test-support/editor';

afterEach(cleanup);
beforeEach(() => {
  localStorage.clear();
});

// QA: a 填报人 dismissed a finding after 审核通过, changing the counts the reviewer approved. The
// server now refuses (TRIAGE_LOCKED) and says so in permissions.triageDecide: the form shows the
// decisions made (by either) but offers no 确认… / 忽略… / 撤销.

const CELL = 'applications.newReceived.naturalPerson';
const base = exampleReport({ year: 2025 });
const report = derive(setCell(base, CELL, (base.cells[CELL]!.value as number) + 9)).report;
const failed = keyFindings(validate(report)).filter((f) => f.status === 'failed');
const dismissed = failed.find((f) => f.ruleId === 'T3-B')!;
const answer = () => ({
  findings: keyFindings(validate(report)).map((f) => ({
    ...f,
    triage:
      f.key === dismissed.key
        ? { decision: 'dismissed', state: 'active', reason: '已核实', by: '李审核', at: '', version: 2 }
        : null,
  })),
});

const render = (triageDecide: boolean | undefined) =>
  renderDraftEditor(report, { 'checks.validate': answer }, {
    status: 'submitted',
    statusLabel: '已提交',
    permissions: {
      save: false,
      submit: false,
      triage: true,
      ...(triageDecide === undefined ? {} : { triageDecide }),
    },
  } as never);

describe('triage on a report the 填报人 has handed in', () => {
  it('the decisions are shown, none can be made', async () => {
    const view = render(false);
    const li = () => view.container.querySelector(`li[data-finding-key="${dismissed.key}"]`);
    await waitFor(() => expect(li()?.className).toContain('dismissed'));
    expect(li()!.textContent).toContain('已忽略：已核实（李审核）');
    expect(view.container.querySelectorAll('.triage-actions').length).toBe(0);
    expect(li()!.querySelector('button.link')).toBeNull();
    expect(view.queryByText('忽略…')).toBeNull();
  });

  it('where the server allows it (a reviewer, or a draft), 确认… and 忽略… are there', async () => {
    const view = render(true);
    await waitFor(() => expect(view.container.querySelectorAll('.triage-actions').length).toBeGreaterThan(0));
    expect(view.getAllByText('忽略…').length).toBeGreaterThan(0);
  });
});
