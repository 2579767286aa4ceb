import { exampleReport, setCell, validate } from '@nianbao/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeClient } from '../test-support/trpc';
import { type RouterOutputs, TRPCProvider } from '../trpc';
import { Workflow } from './Workflow';

afterEach(cleanup);

function renderWorkflow(errors: boolean | 'crossYear') {
  const report = exampleReport({ year: 2024 });
  // a total typed that disagrees with its parts: a 勾稽 error; or last year's 结转 that is not this
  // year's 上年结转: a cross-year one (X1)
  const previous = exampleReport({ year: 2023 });
  const findings =
    errors === 'crossYear'
      ? validate(report, {
          previous: setCell(previous, 'applications.carriedForward.naturalPerson', 99),
        })
      : validate(errors ? setCell(report, 'applications.newReceived.total', 1) : report);
  const info = {
    id: 'r1',
    version: 4,
    status: 'submitted',
    permissions: { approve: true, return: true },
    report,
  } as unknown as RouterOutputs['reports']['get'];
  const { client, calls } = fakeClient({ 'reports.approve': () => ({ ok: true }) });
  const queryClient = new QueryClient();
  const view = render(
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={client} queryClient={queryClient}>
        <Workflow
          info={info}
          dirty={false}
          findings={findings}
          blankCells={0}
          shownVersion={3}
          save={async () => true}
          onChanged={() => {}}
        />
      </TRPCProvider>
    </QueryClientProvider>,
  );
  return { ...view, calls };
}

describe('Workflow: 审核通过', () => {
  it('approves the version on screen, and asks first while errors remain', async () => {
    const { getByText, queryByText, calls } = renderWorkflow(true);
    expect(queryByText('确认审核通过')).toBeNull();
    fireEvent.click(getByText('审核通过…'));
    expect(getByText(/仍有 \d+ 个错误(（其中跨年 \d+ 个）)?，确定审核通过吗？/)).toBeTruthy();
    expect(calls).toEqual([]);
    fireEvent.click(getByText('确认审核通过'));
    await waitFor(() => expect(calls.map((c) => c.path)).toEqual(['reports.approve']));
    // the version the form shows (3), not the record's newer one (4)
    expect(calls[0]!.input).toEqual({ id: 'r1', expectedVersion: 3 });
  });

  it('a cross-year error is asked about too, and said as such', async () => {
    const { getByText, calls } = renderWorkflow('crossYear');
    fireEvent.click(getByText('审核通过…'));
    expect(getByText(/仍有 \d+ 个错误（其中跨年 \d+ 个），确定审核通过吗？/)).toBeTruthy();
    expect(calls).toEqual([]);
  });

  it('without errors: one click', async () => {
    const { getByText, calls } = renderWorkflow(false);
    fireEvent.click(getByText('审核通过'));
    await waitFor(() => expect(calls.map((c) => c.path)).toEqual(['reports.approve']));
  });
});
