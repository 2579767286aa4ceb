import { countFindings, exampleReport, setCell, validate } from '@nianbao/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeClient, testQueryClient } from '../test-support/trpc';
import { type RouterOutputs, TRPCProvider } from '../trpc';
import { Editor } from './Editor';
import { correctionQuestion } from './latePublication';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});
beforeEach(() => {
  localStorage.clear();
});

// A report published after the deadline keeps its F1 error whatever is corrected: the 更正
// confirmation does not count it among what the correction could still mend, and says it apart.

function renderPublished(withError: boolean) {
  // a 县级 department's 2024 report, published 2025-03-01 (F1: 1月31日)
  const base = { ...exampleReport({ year: 2024 }) };
  const report0 = { ...base, meta: { ...base.meta, publishedOn: '2025-03-01' } };
  const report = withError ? setCell(report0, 'applications.newReceived.total', 1) : report0;
  const info = {
    id: 'r1',
    agencyId: 'a1',
    agencyName: '示例县交通运输局',
    year: 2024,
    version: 5,
    status: 'published',
    statusLabel: '已发布',
    publishedVersion: 5,
    publishedOn: '2025-03-01',
    publicationDate: '2025-03-01',
    permissions: { correct: true },
    report,
  } as unknown as RouterOutputs['reports']['get'];
  const { client, calls } = fakeClient({
    'reports.correct': () => ({ id: 'r1', version: 6, contentHash: 'h6', savedAt: new Date().toISOString() }),
    'reports.history': () => ({ versions: [], events: [] }),
    'checks.validate': () => ({ findings: [] }),
  });
  const queryClient = testQueryClient();
  const view = render(
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={client} queryClient={queryClient}>
        <Editor info={info} importDiag={null} onInfoChanged={() => {}} />
      </TRPCProvider>
    </QueryClientProvider>,
  );
  const correct = () => {
    fireEvent.click(view.getByTestId('start-correction'));
    fireEvent.click(view.getByText('正文', { selector: 'button' }));
    const area = view.container.querySelector(
      'textarea:not([name=correction-reason])',
    ) as HTMLTextAreaElement;
    fireEvent.change(area, { target: { value: `${area.value}（已更正）` } });
    fireEvent.change(view.container.querySelector('textarea[name=correction-reason]')!, {
      target: { value: '更正正文中的笔误' },
    });
    fireEvent.click(view.getByText('提交更正'));
  };
  const corrected = () => calls.filter((c) => c.path === 'reports.correct');
  return { ...view, report, correct, corrected };
}

describe('更正 of a report published late', () => {
  it('only the late publication left: not asked (no edit could mend it), the panel says it apart', async () => {
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(false);
    const view = renderPublished(false);
    view.correct();
    await waitFor(() => expect(view.corrected()).toHaveLength(1));
    expect(confirm).not.toHaveBeenCalled();
  });

  it('the panel says a late publication cannot be removed by a correction', () => {
    const view = renderPublished(false);
    fireEvent.click(view.getByTestId('start-correction'));
    expect(view.getByTestId('correction-late').textContent).toMatch(
      /^发布逾期（F1）无法通过更正消除：2024 年度报告于 2025-03-01 发布.*逾期 29 天/,
    );
  });

  it('other errors left: asked about them alone, the F1 said apart', async () => {
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(false);
    const view = renderPublished(true);
    view.correct();
    await waitFor(() => expect(confirm).toHaveBeenCalledTimes(1));
    const others = countFindings(
      validate(view.report, { publicationDate: '2025-03-01' }).filter((f) => f.ruleId !== 'F1'),
    );
    expect(others.error).toBeGreaterThan(0);
    expect(confirm.mock.calls[0]![0]).toBe(
      `更正后的报告仍有错误 ${others.error} 个（另有发布逾期（F1）无法通过更正消除，不在此列）。提交后将立即作为已发布的报告公开，并列入更正公告。确定提交更正吗？`,
    );
    expect(view.corrected()).toHaveLength(0);
  });
});

describe('correctionQuestion', () => {
  it('no findings: nothing to ask', () => {
    expect(correctionQuestion([])).toBeNull();
  });
});
