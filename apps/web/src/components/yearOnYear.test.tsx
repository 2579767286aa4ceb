import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeClient, Refusal, testQueryClient } from '../test-support/trpc';
import { TRPCProvider } from '../trpc';
import { changeText, deltaLabel, groupDeltas, YearOnYear } from './YearOnYear';

describe('同比 in words', () => {
  it('says up, down, level and what cannot be compared', () => {
    expect(changeText({ delta: 43, change: 43 / 129 })).toBe('+43（+33.3%）');
    expect(changeText({ delta: -2, change: -0.5 })).toBe('-2（-50%）');
    expect(changeText({ delta: 5, change: null })).toBe('+5');
    // half up (四舍五入): 201 more on 400 is 50.25% → 50.3%, not 50.2%
    expect(changeText({ delta: 201, change: 201 / 400 })).toBe('+201（+50.3%）');
    expect(changeText({ delta: 0, change: 0 })).toBe('持平');
    // a change too small for one decimal is not 「0%」 beside a number that moved
    expect(changeText({ delta: -1, change: -1 / 5000 })).toBe('-1（-不足0.1%）');
    expect(changeText({ delta: 1, change: 1 / 5000 })).toBe('+1（+不足0.1%）');
    expect(changeText({ delta: 3, change: 3 / 5000 })).toBe('+3（+0.1%）');
    expect(changeText({ delta: null, change: null })).toBe('无法比较');
  });

  it('names an item by its printed cell whatever the comparison keys it by (a cell id or a label)', () => {
    const d = {
      key: 'applications.newReceived.total',
      label: '',
      currentCells: ['applications.newReceived.total'],
    } as never;
    expect(deltaLabel(d, '2021')).toMatch(/^表三 一、本年新收政府信息公开申请数量/);
    const two = { key: 'x', label: '行政诉讼合计', currentCells: ['a', 'b'] } as never;
    expect(deltaLabel(two, '2021')).toBe('行政诉讼合计');
  });
});

// ——— the block on screen, against a summary.yearOnYear answer ———

type D = { key: string; previous: number | null; current: number | null };
function delta({ key, previous, current }: D) {
  const both = previous !== null && current !== null;
  return {
    key,
    label: key,
    previous,
    current,
    delta: both ? current - previous : null,
    change: both && previous !== 0 ? (current - previous) / previous : null,
    quality: 'equivalent',
    previousCells: [key],
    currentCells: [key],
  };
}

function renderYoY(
  deltas: D[],
  basis = { reportId: 'r-2024', status: 'draft', statusLabel: '草稿', version: 2, published: false },
) {
  const { client } = fakeClient({
    'summary.yearOnYear': () => ({
      previousReportId: 'r-2024',
      basis,
      previous: { year: 2024, edition: '2021', agency: '示例县教育局' },
      current: { year: 2025, edition: '2021', agency: '示例县教育局' },
      deltas: deltas.map(delta),
      notComparable: [],
      findings: [],
      notes: [],
    }),
  });
  const queryClient = testQueryClient();
  return render(
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={client} queryClient={queryClient}>
        <YearOnYear id="r-2025" previousId="r-2024" year={2025} edition="2021" />
      </TRPCProvider>
    </QueryClientProvider>,
  );
}

describe('同比 block', () => {
  afterEach(cleanup);

  it('last year not published: says so (status, version) with a link, folded and unfolded', async () => {
    const view = renderYoY([{ key: 'applications.newReceived.total', previous: null, current: 86 }]);
    await waitFor(() => expect(view.getByTestId('yoy-basis')).toBeTruthy());
    expect(view.getByTestId('yoy-basis').textContent).toBe(
      '同比依据的 2024 年度报告尚未发布（草稿，第 2 版），其数字可能还会改动 查看',
    );
    expect(view.getByTestId('yoy-basis').querySelector('a')!.getAttribute('href')).toBe('#/report/r-2024');
    // visible without unfolding
    expect(view.container.querySelector('summary')!.textContent).toContain('（尚未发布：草稿，第 2 版）');
    // the headline blank → number says what it is
    expect(view.container.querySelector('.yoy-head')!.textContent).toBe('新收申请 空白 → 86 上年空白');
  });

  it('last year published: no warning', async () => {
    const view = renderYoY([{ key: 'x.a', previous: 1, current: 2 }], {
      reportId: 'r-2024',
      status: 'published',
      statusLabel: '已发布',
      version: 4,
      published: true,
    });
    await waitFor(() => expect(view.container.querySelector('.yoy-table')).toBeTruthy());
    expect(view.queryByTestId('yoy-basis')).toBeNull();
    expect(view.container.querySelector('summary')!.textContent).not.toContain('尚未发布');
  });

  it('blank → number is not 有变化: listed apart as 上年空白 (folded); real changes counted alone', async () => {
    const blanks = Array.from({ length: 12 }, (_, i) => ({ key: `b.${i}`, previous: null, current: 0 }));
    const real = Array.from({ length: 14 }, (_, i) => ({ key: `c.${i}`, previous: i, current: i + 1 }));
    const view = renderYoY([
      ...blanks,
      ...real,
      { key: 's.same', previous: 3, current: 3 },
      { key: 's.gone', previous: 5, current: null },
      { key: 's.none', previous: null, current: null },
    ]);
    await waitFor(() => expect(view.container.querySelector('.yoy-table')).toBeTruthy());
    const first = view.container.querySelector('.yoy-body > table')!;
    const firstRows = [...first.querySelectorAll('tbody tr td:first-child')].map((td) => td.textContent);
    expect(firstRows).toHaveLength(12);
    expect(firstRows.every((k) => k!.startsWith('c.'))).toBe(true);
    // 14 real changes: 12 shown, 2 more — blanks not counted
    expect(view.getByText('另有 2 项有变化，全部显示')).toBeTruthy();
    const apart = view.getByTestId('yoy-blank-before') as HTMLDetailsElement;
    expect(apart.open).toBe(false);
    expect(apart.querySelector('summary')!.textContent).toBe('上年空白 12 项（本年有数字，无法同比）');
    expect(apart.querySelectorAll('tbody tr')).toHaveLength(12);
    expect(apart.querySelector('tbody tr td:last-child')!.textContent).toBe('上年空白');
    expect(view.getByTestId('yoy-blank-now').querySelector('summary')!.textContent).toBe(
      '本年空白 1 项（上年有数字）',
    );
  });
});

describe('groupDeltas (all inputs)', () => {
  const cell = fc.option(fc.integer({ min: 0, max: 50 }), { nil: null });
  it('every item in at most one group; 有变化 only two numbers that differ; none with a blank side', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(cell, cell), { maxLength: 40 }), (pairs) => {
        const ds = pairs.map(([p, c], i) => delta({ key: `k${i}`, previous: p, current: c })) as never[];
        const g = groupDeltas(ds);
        for (const d of g.changed as D[]) {
          expect(d.previous).not.toBeNull();
          expect(d.current).not.toBeNull();
          expect(d.previous).not.toBe(d.current);
        }
        for (const d of g.blankBefore as D[]) expect(d.previous === null && d.current !== null).toBe(true);
        for (const d of g.blankNow as D[]) expect(d.current === null && d.previous !== null).toBe(true);
        const keys = [...g.changed, ...g.blankBefore, ...g.blankNow, ...g.notCompared].map((d) => d.key);
        expect(new Set(keys).size).toBe(keys.length);
        const expected = pairs.filter(([p, c]) => !(p === c)).length;
        expect(keys.length).toBe(expected);
      }),
    );
  });
});

// ——— 下载同比: the file the server writes (export.yearOnYear), saved under its name ———

describe('下载同比', () => {
  afterEach(() => {
    cleanup();
    vi.restoreAllMocks();
  });

  /** A Blob's bytes (jsdom's Blob has no arrayBuffer/text: FileReader). */
  const bytesOf = (b: Blob) =>
    new Promise<Uint8Array>((resolve, reject) => {
      const r = new FileReader();
      r.onload = () => resolve(new Uint8Array(r.result as ArrayBuffer));
      r.onerror = () => reject(r.error);
      r.readAsArrayBuffer(b);
    });

  /** Catch what the page saves: the Blob handed to URL.createObjectURL and the link's download name. */
  function catchSaves() {
    const saved: { name: string; blob: Blob }[] = [];
    let last: Blob | undefined;
    Object.assign(URL, {
      createObjectURL: (b: Blob) => {
        last = b;
        return 'blob:yoy';
      },
      revokeObjectURL: () => {},
    });
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push({ name: this.download, blob: last! });
    });
    return saved;
  }

  const answer = {
    previousReportId: 'r-2024',
    basis: { reportId: 'r-2024', status: 'published', statusLabel: '已发布', version: 3, published: true },
    previous: { year: 2024, edition: '2021', agency: '示例县教育局' },
    current: { year: 2025, edition: '2021', agency: '示例县教育局' },
    deltas: [delta({ key: 'applications.newReceived.total', previous: 40, current: 44 })],
    notComparable: [],
    findings: [],
    notes: [],
  };

  function mount(exportHandler: (input: unknown) => unknown) {
    const { client, calls } = fakeClient({
      'summary.yearOnYear': () => answer,
      'export.yearOnYear': exportHandler,
    });
    const queryClient = testQueryClient();
    const view = render(
      <QueryClientProvider client={queryClient}>
        <TRPCProvider trpcClient={client} queryClient={queryClient}>
          <YearOnYear id="r-2025" previousId="r-2024" year={2025} edition="2021" />
        </TRPCProvider>
      </QueryClientProvider>,
    );
    return { view, calls };
  }

  it('offers the report page’s formats and saves the Word file the server sends, under its name', async () => {
    const saved = catchSaves();
    const bytes = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0xff, 0x00]);
    const { view, calls } = mount((input) => {
      const { format } = input as { format: string };
      return {
        content: btoa(String.fromCharCode(...bytes)),
        encoding: 'base64',
        mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        extension: format,
        fileName: `示例县教育局_2024-2025_同比.${format}`,
        previousReportId: 'r-2024',
        basis: answer.basis,
      };
    });
    const toggle = await waitFor(() => view.getByRole('button', { name: '下载同比 ▾' }));
    fireEvent.click(toggle);
    const items = view.getAllByRole('menuitem');
    expect(items.map((b) => b.getAttribute('data-download'))).toEqual(['docx', 'xlsx', 'html', 'md', 'csv']);
    expect(items[0]!.textContent).toContain('Word 文档');
    expect(items[1]!.textContent).toContain('Excel 表格');
    fireEvent.click(items[0]!);
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(calls.filter((c) => c.path === 'export.yearOnYear').map((c) => c.input)).toEqual([
      { id: 'r-2025', format: 'docx' },
    ]);
    expect(saved[0]!.name).toBe('示例县教育局_2024-2025_同比.docx');
    expect(saved[0]!.blob.type).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(await bytesOf(saved[0]!.blob)).toEqual(bytes);
    // the menu closed, the button back
    expect(view.queryByRole('menu')).toBeNull();
    expect(view.getByRole('button', { name: '下载同比 ▾' })).toBeTruthy();
  });

  it('a text file (Markdown) is saved as the text it is', async () => {
    const saved = catchSaves();
    const { view } = mount(() => ({
      content: '# 示例县教育局 2024—2025年度政府信息公开工作年度报告同比\n',
      encoding: 'utf8',
      mime: 'text/markdown; charset=utf-8',
      extension: 'md',
      fileName: '示例县教育局_2024-2025_同比.md',
      previousReportId: 'r-2024',
      basis: answer.basis,
    }));
    fireEvent.click(await waitFor(() => view.getByRole('button', { name: '下载同比 ▾' })));
    fireEvent.click(view.container.querySelector('[data-download="md"]')!);
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]!.name).toBe('示例县教育局_2024-2025_同比.md');
    expect(new TextDecoder().decode(await bytesOf(saved[0]!.blob))).toBe(
      '# 示例县教育局 2024—2025年度政府信息公开工作年度报告同比\n',
    );
  });

  it('a refusal is said in 简体中文, nothing saved', async () => {
    const saved = catchSaves();
    const { view } = mount(
      () => new Refusal('NO_PREVIOUS_YEAR', '示例县教育局没有 2024 年度的报告，无法进行同比'),
    );
    fireEvent.click(await waitFor(() => view.getByRole('button', { name: '下载同比 ▾' })));
    fireEvent.click(view.container.querySelector('[data-download="xlsx"]')!);
    const alert = await waitFor(() => view.getByRole('alert'));
    expect(alert.textContent).toBe('下载同比失败：示例县教育局没有 2024 年度的报告，无法进行同比');
    expect(saved).toHaveLength(0);
  });
});
