import { createEmptyReport } from '@nianbao/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Me } from '../App';
import { type ImportDiagnostics, whereText } from '../editor/ImportSources';
import { fakeClient, Refusal, testQueryClient } from '../test-support/trpc';
import { TRPCProvider } from '../trpc';
import { ImportPage } from './ImportPage';

afterEach(cleanup);

const report = createEmptyReport({ year: 2024, agency: { id: 'a1', name: '某某局' } });

/** What the importer says of a workbook read whole (200 cells), with `issues`. */
function workbookDiagnostics(reason: string, issues: unknown[]): ImportDiagnostics {
  return {
    kind: { value: 'xlsx', reason },
    edition: { value: report.meta.edition, reason: '年度', evidence: [] },
    year: { value: 2024, reason: '标题' },
    agency: { value: '某某局', reason: '标题' },
    title: { value: null, reason: '未识别' },
    cells: {},
    issues,
    summary: {
      cellsExpected: 200,
      cellsFound: 200,
      cellsBlank: 0,
      cellsInferred: 0,
      cellsRepaired: 0,
      cellsMissing: 0,
      tablesFound: 3,
      sectionsFound: 3,
    },
  } as unknown as ImportDiagnostics;
}

function renderImportPage(client: ReturnType<typeof fakeClient>['client']) {
  const queryClient = testQueryClient();
  const me = { agency: { id: 'a1', name: '某某局' } } as unknown as Me;
  return render(
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={client} queryClient={queryClient}>
        <ImportPage me={me} />
      </TRPCProvider>
    </QueryClientProvider>,
  );
}

describe('ImportPage: an Excel workbook of the tables', () => {
  it('an .xlsx is offered, sent as its bytes with kind xlsx, and its kind named in words', async () => {
    const diagnostics = workbookDiagnostics('文件是 ZIP 压缩包，含 Excel 工作簿（.xlsx）', []);
    const { client, calls } = fakeClient({
      'import.preview': () => ({ year: 2024, edition: report.meta.edition, report, diagnostics }),
    });
    const { container, getByText, findByTestId } = renderImportPage(client);
    const input = container.querySelector<HTMLInputElement>('input[name=import-file]')!;
    expect(input.accept.split(',')).toContain('.xlsx');
    const bytes = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]);
    const file = new File([bytes], '2024年报表.xlsx', {
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    });
    // (jsdom's File has no arrayBuffer())
    Object.defineProperty(file, 'arrayBuffer', { value: async () => bytes.buffer });
    fireEvent.change(input, { target: { files: [file] } });
    fireEvent.click(getByText('导入'));
    await findByTestId('preview-unsaved');
    expect(calls[0]!.input).toMatchObject({
      agencyId: 'a1',
      kind: 'xlsx',
      encoding: 'base64',
      content: 'UEsDBAECAw==',
      fileName: '2024年报表.xlsx',
    });
    expect(container.textContent).toContain('Excel（.xlsx）');
  });

  it('a cell of a workbook is placed as Excel names it', () => {
    expect(whereText({ sheet: '表三', row: 12, cell: 4, line: 30 })).toBe('工作表「表三」D12');
    expect(whereText({ sheet: '表四', row: 5, cell: 28 })).toBe('工作表「表四」AB5');
    // other kinds as before
    expect(whereText({ page: 2 })).toBe('第 2 页');
  });

  it('as a new version of the year’s report, the question says the report’s text is kept', async () => {
    const diagnostics = workbookDiagnostics('按指定的文件类型读取', [
      {
        code: 'TEXT_KEPT',
        severity: 'info',
        message: 'Excel 文件只含表格：前言和各章节的正文沿用当前第 3 版（6 处），只有表格中的数字按文件更新',
      },
    ]);
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(false);
    const { client } = fakeClient({
      'import.preview': () => ({ year: 2024, edition: report.meta.edition, report, diagnostics }),
      'reports.get': () => ({ id: 'r1', version: 3, statusLabel: '草稿' }),
      'import.upload': () =>
        new Refusal('REPORT_EXISTS', '该机关 2024 年度的报告已存在', { reportId: 'r1', version: 3 }),
    });
    const view = renderImportPage(client);
    fireEvent.change(view.container.querySelector('textarea[name=import-text]')!, {
      target: { value: '某某局2024年政府信息公开工作年度报告……' },
    });
    fireEvent.click(view.getByText('导入'));
    fireEvent.click(await view.findByText('保存为草稿'));
    fireEvent.click(await view.findByText('保存为该报告的新版本'));
    expect(confirm).toHaveBeenCalledWith(expect.stringContaining('的全部数字（正文沿用该报告的）？'));
    confirm.mockRestore();
  });
});
