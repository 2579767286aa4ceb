import { createEmptyReport } from '@nianbao/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Me } from '../App';
import type { ImportDiagnostics } from '../editor/ImportSources';
import { fakeClient, Refusal, testQueryClient } from '../test-support/trpc';
import { TRPCProvider } from '../trpc';
import { ImportPage } from './ImportPage';
import { JUST_IMPORTED_KEY } from './ReportPage';

afterEach(cleanup);

const CELL = 'applications.newReceived.naturalPerson';

function fixture() {
  const base = createEmptyReport({ year: 2024, agency: { id: 'a1', name: '某某局' } });
  const report = { ...base, cells: { ...base.cells, [CELL]: { ...base.cells[CELL]!, value: 12 } } };
  const diagnostics = {
    kind: { value: 'text', reason: '纯文本' },
    edition: { value: report.meta.edition, reason: '年度', evidence: [] },
    year: { value: 2024, reason: '标题' },
    agency: { value: '某某局', reason: '标题' },
    title: { value: null, reason: '未识别' },
    cells: {
      [CELL]: {
        cell: CELL,
        label: '本年新收 · 自然人',
        value: 12,
        raw: '12',
        method: 'direct',
        confidence: 'high',
      },
    },
    issues: [],
    summary: {
      cellsExpected: 200,
      cellsFound: 1,
      cellsBlank: 0,
      cellsInferred: 0,
      cellsRepaired: 0,
      cellsMissing: 199,
      tablesFound: 1,
      sectionsFound: 0,
    },
  } as unknown as ImportDiagnostics;
  return { report, diagnostics };
}

describe('ImportPage', () => {
  it('previews first (nothing saved), lets a value be corrected, then saves the corrected report', async () => {
    const { report, diagnostics } = fixture();
    const { client, calls } = fakeClient({
      'import.preview': () => ({ year: 2024, edition: report.meta.edition, report, diagnostics }),
      'import.upload': () => ({
        reportId: 'r1',
        version: 1,
        year: 2024,
        edition: report.meta.edition,
        diagnostics,
        report,
      }),
    });
    const queryClient = testQueryClient();
    const me = { agency: { id: 'a1', name: '某某局' } } as unknown as Me;
    const { container, getByText, findByTestId } = render(
      <QueryClientProvider client={queryClient}>
        <TRPCProvider trpcClient={client} queryClient={queryClient}>
          <ImportPage me={me} />
        </TRPCProvider>
      </QueryClientProvider>,
    );
    fireEvent.change(container.querySelector('textarea[name=import-text]')!, {
      target: { value: '某某局2024年政府信息公开工作年度报告……' },
    });
    fireEvent.click(getByText('导入'));
    await findByTestId('preview-unsaved');
    expect(calls.map((c) => c.path)).toEqual(['import.preview']);
    expect(calls[0]!.input).toMatchObject({ agencyId: 'a1', kind: 'text', encoding: 'utf8' });
    expect(container.querySelectorAll('.provenance tbody tr')).toHaveLength(1);

    fireEvent.change(container.querySelector(`input[name="preview:${CELL}"]`)!, { target: { value: '13' } });
    fireEvent.click(getByText('保存为草稿（已改正 1 个数值）'));
    await waitFor(() => expect(calls.map((c) => c.path)).toContain('import.upload'));
    const upload = calls.find((c) => c.path === 'import.upload')!.input as {
      report: typeof report;
      content: string;
      note?: string;
    };
    expect(upload.report.cells[CELL]!.value).toBe(13);
    expect(upload.content).toContain('某某局2024年');
    expect(upload.note).toContain('改正 1 个数值');
    await waitFor(() => expect(location.hash).toBe('#/report/r1'));
    expect(sessionStorage.getItem(JUST_IMPORTED_KEY)).toBe('r1');
  });

  it('an empty file chosen is told as such, and nothing is sent', async () => {
    const { client, calls } = fakeClient({});
    const queryClient = testQueryClient();
    const me = { agency: { id: 'a1', name: '某某局' } } as unknown as Me;
    const { container, getByText, findByRole } = render(
      <QueryClientProvider client={queryClient}>
        <TRPCProvider trpcClient={client} queryClient={queryClient}>
          <ImportPage me={me} />
        </TRPCProvider>
      </QueryClientProvider>,
    );
    const empty = new File([], '2024年报.txt', { type: 'text/plain' });
    fireEvent.change(container.querySelector('input[name=import-file]')!, { target: { files: [empty] } });
    fireEvent.click(getByText('导入'));
    expect((await findByRole('alert')).textContent).toContain('所选文件“2024年报.txt”是空的（0 字节）');
    expect(calls).toEqual([]);
  });

  it('the same file again as a new version of the year’s report: said that nothing was stored, not opened as a new version', async () => {
    const { report, diagnostics } = fixture();
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(true);
    const { client, calls } = fakeClient({
      'import.preview': () => ({ year: 2024, edition: report.meta.edition, report, diagnostics }),
      'import.upload': (input) =>
        (input as { expectedVersion?: number }).expectedVersion
          ? // the report's version 3 holds exactly this: the server stores nothing
            {
              reportId: 'r1',
              version: 3,
              year: 2024,
              edition: report.meta.edition,
              diagnostics,
              report,
              unchanged: true,
            }
          : new Refusal('REPORT_EXISTS', '该机关 2024 年度的报告已存在', { reportId: 'r1', version: 3 }),
      'reports.get': () => ({ id: 'r1', version: 3, statusLabel: '草稿' }),
    });
    const queryClient = testQueryClient();
    const me = { agency: { id: 'a1', name: '某某局' } } as unknown as Me;
    location.hash = '#/import';
    sessionStorage.clear();
    const view = render(
      <QueryClientProvider client={queryClient}>
        <TRPCProvider trpcClient={client} queryClient={queryClient}>
          <ImportPage me={me} />
        </TRPCProvider>
      </QueryClientProvider>,
    );
    fireEvent.change(view.container.querySelector('textarea[name=import-text]')!, {
      target: { value: '某某局2024年政府信息公开工作年度报告……' },
    });
    fireEvent.click(view.getByText('导入'));
    fireEvent.click(await view.findByText('保存为草稿'));
    fireEvent.click(await view.findByText('保存为该报告的新版本'));
    const said = await view.findByTestId('import-unchanged');
    expect(said.textContent).toContain('与该报告当前的第 3 版完全相同，未新建版本');
    expect(said.querySelector('a')?.getAttribute('href')).toBe('#/report/r1');
    expect(calls.filter((c) => c.path === 'import.upload').at(-1)!.input).toMatchObject({
      expectedVersion: 3,
    });
    // stays here: the form would open on 导入来源 as if this import were its newest version
    expect(location.hash).toBe('#/import');
    expect(sessionStorage.getItem(JUST_IMPORTED_KEY)).toBeNull();
    confirm.mockRestore();
  });
});

describe('导入 by an account of no agency (a 管理员 who typed #/import)', () => {
  it('says why nothing can be imported, asks nothing of the server', async () => {
    const { client, calls } = fakeClient({});
    const queryClient = testQueryClient();
    const { container, findByRole } = render(
      <QueryClientProvider client={queryClient}>
        <TRPCProvider trpcClient={client} queryClient={queryClient}>
          <ImportPage me={{ id: 'admin', username: 'admin', role: 'admin', agency: null } as unknown as Me} />
        </TRPCProvider>
      </QueryClientProvider>,
    );
    fireEvent.change(container.querySelector('textarea[name=import-text]')!, {
      target: { value: '某某局2024年政府信息公开工作年度报告' },
    });
    fireEvent.click([...container.querySelectorAll('button')].find((b) => b.textContent === '导入')!);
    expect((await findByRole('alert')).textContent).toBe(
      '您的账号不属于任何机关，没有可导入的报告：请以该机关的填报人账号导入。',
    );
    expect(calls).toEqual([]);
  });

  it('offers the .xlsm workbooks it reads in the file picker', () => {
    const { client } = fakeClient({});
    const queryClient = testQueryClient();
    const { container } = render(
      <QueryClientProvider client={queryClient}>
        <TRPCProvider trpcClient={client} queryClient={queryClient}>
          <ImportPage
            me={
              {
                id: 'u',
                username: 'u',
                role: 'filler',
                agency: { id: 'a1', name: '某某局' },
              } as unknown as Me
            }
          />
        </TRPCProvider>
      </QueryClientProvider>,
    );
    expect(container.querySelector('input[name=import-file]')!.getAttribute('accept')!.split(',')).toContain(
      '.xlsm',
    );
  });
});
