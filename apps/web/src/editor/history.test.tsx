import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeClient, testQueryClient } from '../test-support/trpc';
import { TRPCProvider } from '../trpc';
import { History } from './History';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const at = (minute: number) => new Date(2026, 10, 30, 10, minute).toISOString();

/**
 * A report saved many times: 1 新建, 2 导入, 3–39 autosaves (37), 40 保存 with a note, 41–43
 * autosaves with 提交 at 43 (and 退回 at 43 when `returned`), 44–60 autosaves by the same filler.
 */
function history(returned: boolean) {
  const v = (version: number, kind: string, note: string | null) => ({
    version,
    contentHash: `h${version}`,
    author: '张三',
    authorId: 'u1',
    createdAt: at(version),
    note,
    kind,
    reason: null,
    status: 'draft',
  });
  const versions = [
    v(1, 'create', null),
    v(2, 'import', '导入'),
    ...Array.from({ length: 37 }, (_, i) => v(3 + i, 'save', '自动保存')),
    v(40, 'save', '保存'),
    ...Array.from({ length: 20 }, (_, i) => v(41 + i, 'save', '自动保存')),
  ];
  const event = (action: string, actionLabel: string, version: number) => ({
    action,
    actionLabel,
    from: 'draft',
    to: 'submitted',
    version,
    actor: '张三',
    comment: null,
    at: at(version),
  });
  const events = [event('submit', '提交', 43), ...(returned ? [event('return', '退回', 43)] : [])];
  return { versions, events };
}

function renderHistory(opts: { returned?: boolean; onRestore?: (v: number) => void } = {}) {
  const { client, calls } = fakeClient({
    'reports.history': () => history(opts.returned ?? false),
    'reports.diff': () => ({ cells: [], texts: [] }),
  });
  const queryClient = testQueryClient();
  const view = render(
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={client} queryClient={queryClient}>
        <History id="r1" currentVersion={60} onRestore={opts.onRestore ?? (() => {})} />
      </TRPCProvider>
    </QueryClientProvider>,
  );
  const rows = () =>
    [...view.container.querySelectorAll('.history-cols section:first-child tbody tr')].map(
      (tr) => tr.querySelector('td')!.textContent,
    );
  const diffs = () =>
    calls.filter((c) => c.path === 'reports.diff').map((c) => c.input as { from: number; to: number });
  return { ...view, rows, diffs };
}

const row = (container: HTMLElement, label: string) =>
  [...container.querySelectorAll('tbody tr')].find((tr) => tr.querySelector('td')?.textContent === label) as
    | HTMLElement
    | undefined;

describe('历史版本: runs of autosaves on one row', () => {
  it('60 versions are six rows: each run of autosaves one row (count, author, time span); 导入, the manual 保存 and 提交 stay rows', async () => {
    const { container, rows } = renderHistory({ returned: true });
    // (read again until the default diff — the version before the current, inside the newest run —
    // is chosen: until then that run may show the version unfolded under its row)
    await waitFor(() =>
      expect(rows()).toEqual(['第 44–60 版', '第 41–43 版', '第 40 版', '第 3–39 版', '第 2 版', '第 1 版']),
    );
    const big = row(container, '第 3–39 版')!;
    expect(big.textContent).toContain('自动保存 37 次');
    expect(big.textContent).toContain('张三');
    expect(big.textContent).toContain('2026/11/30 10:03–10:39');
    // the step taken at the run's newest version is on the run's row
    expect(row(container, '第 41–43 版')!.querySelector('td.steps')!.textContent).toBe('提交、退回');
    expect(row(container, '第 40 版')!.textContent).toContain('保存');
  });

  it('展开 lists every version of the run, each with its radios and 恢复此版本; 收起 folds it again', async () => {
    const restored: number[] = [];
    vi.spyOn(window, 'confirm').mockReturnValue(true);
    const { container, rows, getAllByText } = renderHistory({
      returned: true,
      onRestore: (v) => restored.push(v),
    });
    await waitFor(() => expect(rows().length).toBe(6));
    fireEvent.click(within(row(container, '第 3–39 版')!).getByText('展开'));
    expect(rows().length).toBe(6 + 37);
    expect(rows()).toContain('第 20 版');
    const r20 = row(container, '第 20 版')!;
    expect(r20.className).toContain('in-run');
    fireEvent.click(within(r20).getByText('恢复此版本'));
    expect(restored).toEqual([20]);
    fireEvent.click(getAllByText('收起')[0]!);
    expect(rows()).toEqual(['第 44–60 版', '第 41–43 版', '第 40 版', '第 3–39 版', '第 2 版', '第 1 版']);
  });

  it('the run’s row carries its newest version: 从/到 and 恢复此版本 act on it', async () => {
    const restored: number[] = [];
    vi.spyOn(window, 'confirm').mockReturnValue(true);
    const { container, rows, diffs } = renderHistory({ returned: true, onRestore: (v) => restored.push(v) });
    await waitFor(() => expect(rows().length).toBe(6));
    const run = row(container, '第 3–39 版')!;
    fireEvent.click(run.querySelector('input[name=diff-from]')!);
    await waitFor(() => expect(diffs().at(-1)).toEqual({ id: 'r1', from: 39, to: 60 }));
    fireEvent.click(within(run).getByText('恢复此版本'));
    expect(restored).toEqual([39]);
    // the current version (60) is on its run's row: no 恢复 there
    expect(within(row(container, '第 44–60 版')!).queryByText('恢复此版本')).toBeNull();
  });

  it('a returned report compares from the returned version (the newest of its run, on the run’s row) to the current one; nothing opens', async () => {
    const { container, rows, diffs } = renderHistory({ returned: true });
    await waitFor(() => expect(diffs().at(-1)).toEqual({ id: 'r1', from: 43, to: 60 }));
    expect(rows().length).toBe(6);
    expect(
      row(container, '第 41–43 版')!.querySelector<HTMLInputElement>('input[name=diff-from]')!.checked,
    ).toBe(true);
    expect(
      row(container, '第 44–60 版')!.querySelector<HTMLInputElement>('input[name=diff-to]')!.checked,
    ).toBe(true);
    expect(container.textContent).toContain('第 43 版 → 第 60 版 的差异（自退回时的版本以来的修改）');
  });

  it('the default diff (the version before the current) inside a folded run: that version shows under the run’s row, its 从 ticked', async () => {
    const { container, rows, diffs } = renderHistory({ returned: false });
    await waitFor(() => expect(diffs().at(-1)).toEqual({ id: 'r1', from: 59, to: 60 }));
    await waitFor(() => expect(rows()[1]).toBe('第 59 版'));
    expect(rows()).toEqual([
      '第 44–60 版',
      '第 59 版',
      '第 41–43 版',
      '第 40 版',
      '第 3–39 版',
      '第 2 版',
      '第 1 版',
    ]);
    expect(
      row(container, '第 59 版')!.querySelector<HTMLInputElement>('input[name=diff-from]')!.checked,
    ).toBe(true);
    // 展开 shows the whole run, 59 once
    fireEvent.click(within(row(container, '第 44–60 版')!).getByText('展开'));
    expect(rows().filter((r) => r === '第 59 版')).toHaveLength(1);
    expect(rows().length).toBe(1 + 17 + 5);
  });
});

describe('历史版本 on a phone (390 px)', () => {
  it('the versions table scrolls in its own box: the page keeps its width, 恢复此版本 reachable', async () => {
    const { container, rows } = renderHistory({ returned: true });
    await waitFor(() => expect(rows().length).toBe(6));
    const table = container.querySelector('.history-cols section:first-child table')!;
    const box = table.parentElement!;
    expect(box.classList.contains('history-scroll')).toBe(true);
    expect(box.querySelectorAll('button[name=restore-version]').length).toBeGreaterThan(0);
    // the box is what scrolls, within the page's width (jsdom has no layout: the rule itself)
    const css = readFileSync(resolve(__dirname, '../styles.css'), 'utf8');
    const rule = css.match(/\.history-scroll\s*\{([^}]*)\}/)?.[1] ?? '';
    expect(rule).toMatch(/overflow-x:\s*auto/);
    expect(rule).toMatch(/max-width:\s*100%/);
    // …and its grid column does not grow to the table's width (a grid item's min-width is auto)
    expect(css.match(/\.history-cols > section\s*\{([^}]*)\}/)?.[1] ?? '').toMatch(/min-width:\s*0/);
  });
});

describe('13. names with their context (screen readers list controls by name)', () => {
  it('each 从 / 到 radio and each 恢复此版本 names its version', async () => {
    const view = renderHistory({ onRestore: () => {} });
    const from60 = await view.findByRole('radio', { name: '从第 59 版' });
    expect(from60).toBeTruthy();
    expect(view.getByRole('radio', { name: '到第 60 版' })).toBeTruthy();
    expect(view.queryAllByRole('radio', { name: '从' })).toHaveLength(0);
    expect(view.getByRole('button', { name: '恢复此版本（第 40 版）' }).textContent).toBe('恢复此版本');
  });
});
