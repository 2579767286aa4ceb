import { createEmptyReport } from '@nianbao/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Me } from '../App';
import { type ImportDiagnostics, whereText } from '../editor/ImportSources';
import { fakeClient, testQueryClient } from '../test-support/trpc';
import { TRPCProvider } from '../trpc';
import { ImportPage } from './ImportPage';

afterEach(cleanup);

describe('ImportPage: an Excel workbook of the tables', () => {
  it('an .xlsx is offered, sent as its bytes with kind xlsx, and its kind named in words', async () => {
    const report = createEmptyReport({ year: 2024, agency: { id: 'a1', name: '某某局' } });
    const diagnostics = {
      kind: { value: 'xlsx', reason: '文件是 ZIP 压缩包，含 Excel 工作簿（.xlsx）' },
      edition: { value: report.meta.edition, reason: '年度', evidence: [] },
      year: { value: 2024, reason: '标题' },
      agency: { value: '某某局', reason: '标题' },
      title: { value: null, reason: '未识别' },
      cells: {},
      issues: [],
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
    const { client, calls } = fakeClient({
      'import.preview': () => ({ year: 2024, edition: report.meta.edition, report, diagnostics }),
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
});
