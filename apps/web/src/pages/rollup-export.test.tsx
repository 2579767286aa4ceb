import { aggregate, exampleReport, summarize } from '@nianbao/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeClient, Refusal, testQueryClient } from '../test-support/trpc';
import { TRPCProvider } from '../trpc';
import RollupPage from './RollupPage';

vi.mock('../components/Chart', () => ({
  NARROW_QUERY: '(max-width: 700px)',
  useNarrow: () => false,
  Chart: ({ label }: { label: string }) => <div className="chart" role="img" aria-label={label} />,
}));
const saved = vi.hoisted(() => ({ files: [] as { name: string; mime: string; data: unknown }[] }));
vi.mock('../lib/download', async (orig) => ({
  ...(await orig<typeof import('../lib/download')>()),
  downloadFile: (name: string, mime: string, data: unknown) => {
    saved.files.push({ name, mime, data });
  },
}));

afterEach(() => {
  cleanup();
  saved.files.length = 0;
});

function regionAnswer() {
  const reports = [
    exampleReport({
      year: 2025,
      agency: { id: 'a', name: '甲县交通运输局', kind: '政府部门', level: '县级' },
    }),
  ];
  const result = aggregate(reports, { agency: { id: 'county', name: '甲县人民政府' } });
  const figures = { newReceived: 43, resultTotal: 43, granted: 5, review: 1, litigation: 0 };
  return {
    ...result,
    missing: [],
    included: [
      {
        reportId: 'r1',
        agencyId: 'a',
        agencyName: '甲县交通运输局',
        status: 'approved',
        openFindings: { error: 0, crossYear: 0 },
        figures,
      },
    ],
    excluded: [],
    regional: [],
    notCounted: [],
    noReport: [],
    noReportAgencies: [],
    summary: summarize(result.report),
    doubts: [],
    blankCauses: {},
    blankCauseReports: {},
  };
}

const FILE = {
  encoding: 'base64',
  content: Buffer.from('PK-docx').toString('base64'),
  mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  extension: 'docx',
  fileName: '甲县人民政府2025年政府信息公开工作年度报告汇总.docx',
  reports: 1,
};

function page(exportRegion: (input: unknown) => unknown, role = 'reviewer') {
  const { client, calls } = fakeClient({
    'auth.me': () => ({ id: 'u', username: 'shenhe', role }),
    'agencies.tree': () => [],
    'summary.region': () => regionAnswer(),
    'summary.regionLastYear': () => ({ year: 2024, reports: [] }),
    'export.region': exportRegion,
  });
  const queryClient = testQueryClient();
  const r = render(
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={client} queryClient={queryClient}>
        <RollupPage year={2025} nodeId="county" />
      </TRPCProvider>
    </QueryClientProvider>,
  );
  return { ...r, calls };
}

const regionCalls = (calls: { path: string; input: unknown }[]) =>
  calls.filter((c) => c.path === 'export.region').map((c) => c.input);

describe('roll-up export 含上年同比', () => {
  it('off by default: export.region without withLastYear; ticked: with it, and what the file counted is said', async () => {
    const { container, calls, findByTestId } = page((input) => {
      const i = input as { withLastYear?: boolean };
      return i.withLastYear
        ? {
            ...FILE,
            yearOnYear: {
              previousYear: 2024,
              counted: 1,
              noPrevious: [{ name: '甲镇人民政府', reason: '上年没有报告' }],
              noCurrent: [],
              figures: null,
            },
          }
        : FILE;
    });
    const box = (await findByTestId('with-last-year', {}, { timeout: 10_000 })) as HTMLInputElement;
    expect(box.checked).toBe(false);
    expect(box.closest('label')!.textContent).toContain('含上年同比');
    // beside the export buttons
    expect(box.closest('.rollup-actions')).toBe(
      container.querySelector('[data-download=docx]')!.parentElement,
    );

    fireEvent.click(container.querySelector('[data-download=docx]')!);
    await waitFor(() => expect(saved.files).toHaveLength(1));
    expect(regionCalls(calls)).toEqual([
      { regionId: 'county', year: 2025, statuses: ['submitted', 'approved', 'published'], format: 'docx' },
    ]);
    expect(container.querySelector('[data-testid=export-note]')).toBeNull();

    fireEvent.click(box);
    expect(box.checked).toBe(true);
    fireEvent.click(container.querySelector('[data-download=xlsx]')!);
    await waitFor(() => expect(saved.files).toHaveLength(2));
    expect(regionCalls(calls)[1]).toEqual({
      regionId: 'county',
      year: 2025,
      statuses: ['submitted', 'approved', 'published'],
      format: 'xlsx',
      withLastYear: true,
    });
    expect(saved.files[1]!.name).toBe(FILE.fileName);
    expect((await findByTestId('export-note')).textContent).toBe(
      '已导出含上年同比的汇总：同口径 1 个机关（两年均有报告），未计入 1 个机关，名单见文件。',
    );
  });

  it('no agency with last year’s report: said after the download', async () => {
    const { container, findByTestId } = page(() => ({
      ...FILE,
      yearOnYear: { previousYear: 2024, counted: 0, noPrevious: [], noCurrent: [], figures: null },
    }));
    fireEvent.click(await findByTestId('with-last-year', {}, { timeout: 10_000 }));
    fireEvent.click(container.querySelector('[data-download=docx]')!);
    expect((await findByTestId('export-note')).textContent).toContain('2024 年度没有可对应的机关报告');
  });

  it('a refusal is said, nothing saved', async () => {
    const { container, findByTestId, findByRole } = page(
      () => new Refusal('FORBIDDEN_REVIEW', '只有审核人或管理员可以导出汇总报告'),
    );
    fireEvent.click(await findByTestId('with-last-year', {}, { timeout: 10_000 }));
    fireEvent.click(container.querySelector('[data-download=docx]')!);
    expect((await findByRole('alert')).textContent).toBe('导出失败：只有审核人或管理员可以导出汇总报告');
    expect(saved.files).toHaveLength(0);
  });

  it('网页 from the server for a 审核人: what it sums and, ticked, the 同比 part, as Word and Excel', async () => {
    const HTML = {
      encoding: 'utf8',
      content: '<!doctype html><p>汇总范围：甲县人民政府及其下属机关</p><h2>同比</h2>',
      mime: 'text/html;charset=utf-8',
      extension: 'html',
      fileName: '甲县人民政府2025年政府信息公开工作年度报告汇总.html',
      reports: 1,
    };
    const { container, calls, findByTestId } = page(() => ({
      ...HTML,
      yearOnYear: { previousYear: 2024, counted: 1, noPrevious: [], noCurrent: [], figures: null },
    }));
    fireEvent.click(await findByTestId('with-last-year', {}, { timeout: 10_000 }));
    fireEvent.click(container.querySelector('[data-download=html]')!);
    await waitFor(() => expect(saved.files).toHaveLength(1));
    expect(regionCalls(calls)).toEqual([
      {
        regionId: 'county',
        year: 2025,
        statuses: ['submitted', 'approved', 'published'],
        format: 'html',
        withLastYear: true,
      },
    ]);
    expect(saved.files[0]).toEqual({ name: HTML.fileName, mime: HTML.mime, data: HTML.content });
    expect((await findByTestId('export-note')).textContent).toContain('同口径 1 个机关');
  });

  it('网页 for a role without the server export: the tables rendered in the page, no request', async () => {
    const { container, calls, findByText } = page(() => {
      throw new Error('not asked');
    }, 'filler');
    const button = await findByText('导出汇总（网页，可打印）', {}, { timeout: 10_000 });
    expect(container.querySelector('[data-testid=with-last-year]')).toBeNull();
    fireEvent.click(button);
    await waitFor(() => expect(saved.files).toHaveLength(1));
    expect(regionCalls(calls)).toEqual([]);
    expect(saved.files[0]!.name).toBe('甲县人民政府2025年政府信息公开工作年度报告汇总.html');
    expect(String(saved.files[0]!.data)).toContain('<table');
  });
});
