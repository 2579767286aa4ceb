import { createEmptyReport } from '@nianbao/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeClient, testQueryClient } from '../test-support/trpc';
import { TRPCProvider } from '../trpc';
import { BulkActions, planBulk, planSummary } from './BulkActions';

afterEach(cleanup);

const item = (i: number, over: Record<string, unknown> = {}) =>
  ({
    id: `r${i}`,
    agencyId: `a${i}`,
    agencyName: `机关${i}`,
    year: 2025,
    status: 'submitted',
    statusLabel: '已提交',
    version: 2,
    openFindings: { error: 0, crossYear: 0, warning: 0, info: 0 },
    dismissedErrors: 0,
    ...over,
  }) as never;

// 100 ticked: 91 without errors, 9 with 勾稽 errors (QA: 「已选 100 份」 → 「将审核通过以下 91 份报告」,
// the 9 skipped only below the 91 names)
const hundred = Array.from({ length: 100 }, (_, i) =>
  item(i + 1, i % 11 === 10 ? { openFindings: { error: 1, crossYear: 0, warning: 0, info: 0 } } : {}),
);

function renderBulk(reports: readonly never[]) {
  const { client, calls } = fakeClient({
    'reports.approve': () => ({ ok: true }),
    'reports.publish': () => ({ ok: true }),
    // r1 states its 发布日期 (published elsewhere before, imported), the others do not
    // r3, r4: townships' 2025 reports stating a date after and before F3's 01-31 deadline
    'reports.get': (input) => {
      const id = (input as { id: string }).id;
      if (id === 'r3' || id === 'r4') {
        const r = createEmptyReport({
          year: 2025,
          agency: { name: `机关${id.slice(1)}`, kind: '人民政府', level: '乡镇级' },
        });
        return {
          report: { ...r, meta: { ...r.meta, publishedOn: id === 'r3' ? '2026-03-02' : '2026-01-20' } },
        };
      }
      return { report: { meta: id === 'r1' ? { publishedOn: '2025-01-20' } : {} } };
    },
  });
  const queryClient = testQueryClient();
  const view = render(
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={client} queryClient={queryClient}>
        <BulkActions reports={reports} onClear={() => {}} onDone={() => {}} />
      </TRPCProvider>
    </QueryClientProvider>,
  );
  return { ...view, calls };
}

describe('批量通过: what is skipped is said first, with why', () => {
  it('the plan in one line: 已选, 将审核通过, 跳过 with the reason', () => {
    expect(planSummary(planBulk('approve', hundred))).toBe(
      '已选 100 份：将审核通过 91 份；跳过 9 份（9 份仍有错误，须逐份打开查看后再决定是否通过）',
    );
    expect(
      planSummary(planBulk('approve', [item(1, { status: 'approved', statusLabel: '已通过' }), item(2)])),
    ).toBe('已选 2 份：将审核通过 1 份；跳过 1 份（1 份不是待审核）');
    expect(planSummary(planBulk('publish', [item(1)]))).toBe(
      '已选 1 份：都不能发布；跳过 1 份（1 份尚未审核通过）',
    );
  });

  it('the dialog opens with that line and the confirm button, before the lists; the result comes into view', async () => {
    const scrolled: Element[] = [];
    Element.prototype.scrollIntoView = vi.fn(function (this: Element) {
      scrolled.push(this);
    });
    const { getByText, container, calls } = renderBulk(hundred);
    fireEvent.click(getByText('批量通过…'));
    const dialog = container.querySelector('.bulk-confirm')!;
    const first = dialog.firstElementChild!;
    expect(first.textContent).toBe(
      '已选 100 份：将审核通过 91 份；跳过 9 份（9 份仍有错误，须逐份打开查看后再决定是否通过）。',
    );
    // the button before the 91 names, the skipped before them too
    const button = getByText('确认审核通过 91 份');
    const go = dialog.querySelector('.bulk-go')!;
    const skipped = dialog.querySelector('.bulk-skipped')!;
    expect(button.compareDocumentPosition(go) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(skipped.compareDocumentPosition(go) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    fireEvent.click(button);
    await waitFor(() => expect(container.querySelector('.bulk-result')).not.toBeNull());
    expect(calls.filter((c) => c.path === 'reports.approve')).toHaveLength(91);
    await waitFor(() => {
      const result = container.querySelector('.bulk-result')!;
      expect(scrolled).toContain(result);
      expect(document.activeElement).toBe(result);
    });
  });
});

describe('批量发布: the 发布日期 as the server records it', () => {
  it('says the date the report states is kept, else today — not 「以今天为发布日期」 for all', () => {
    const { getByText, container } = renderBulk([item(1, { status: 'approved', statusLabel: '已通过' })]);
    fireEvent.click(getByText('批量发布…'));
    const text = container.querySelector('.bulk-confirm')!.textContent!;
    expect(text).toContain('报告中写明了发布日期的，按报告所写的日期记录；没有写明的，以今天（');
    expect(text).not.toContain('以今天为发布日期；');
  });

  it('names each report’s date: the one it states, else today', async () => {
    const approved = { status: 'approved', statusLabel: '已通过' };
    const { getByText, container } = renderBulk([item(1, approved), item(2, approved)]);
    fireEvent.click(getByText('批量发布…'));
    const lis = () => [...container.querySelectorAll('.bulk-go li')].map((li) => li.textContent);
    await waitFor(() =>
      expect(lis()).toEqual([
        '机关1：发布日期 2025-01-20（报告所写）',
        expect.stringMatching(/^机关2：发布日期 今天（\d{4}-\d{2}-\d{2}）$/),
      ]),
    );
  });
});

describe('批量发布: a late 发布 is said before it is confirmed (F1–F3, as the server will find)', () => {
  it('names each late one with the rule’s words, and says how many; one in time says nothing', async () => {
    const approved = { status: 'approved', statusLabel: '已通过' };
    const { getByText, container } = renderBulk([item(3, approved), item(4, approved)]);
    fireEvent.click(getByText('批量发布…'));
    const lis = () => [...container.querySelectorAll('.bulk-go li')].map((li) => li.textContent);
    await waitFor(() =>
      expect(lis()).toEqual([
        expect.stringMatching(
          /^机关3：发布日期 2026-03-02（报告所写） — 发布逾期：.*晚于本地规定的 2026-01-31（逾期 30 天）.*（F3）$/,
        ),
        '机关4：发布日期 2026-01-20（报告所写）',
      ]),
    );
    expect(container.querySelector('[data-testid=bulk-publish-late]')?.textContent).toContain(
      '其中 1 份发布逾期',
    );
  });

  it('nothing late: no warning line', async () => {
    const { getByText, container } = renderBulk([item(4, { status: 'approved', statusLabel: '已通过' })]);
    fireEvent.click(getByText('批量发布…'));
    await waitFor(() => expect(container.querySelector('.bulk-go li')?.textContent).toContain('2026-01-20'));
    expect(container.querySelector('[data-testid=bulk-publish-late]')).toBeNull();
  });
});

describe('批量 confirmation and the keyboard', () => {
  it('takes the focus as it opens; 取消 and Esc close it and give the focus back to the button that opened it', async () => {
    const { getByText, container, calls } = renderBulk([
      item(1),
      item(2, { status: 'approved', statusLabel: '已通过' }),
    ]);
    const approve = container.querySelector('button[name=bulk-approve]') as HTMLButtonElement;
    approve.focus();
    fireEvent.click(approve);
    const dialog = container.querySelector('.bulk-confirm') as HTMLElement;
    await waitFor(() => expect(document.activeElement).toBe(dialog));
    fireEvent.click(getByText('取消'));
    expect(container.querySelector('.bulk-confirm')).toBeNull();
    expect(document.activeElement).toBe(approve);
    // 批量发布…, closed with Esc from within it
    const publish = container.querySelector('button[name=bulk-publish]') as HTMLButtonElement;
    fireEvent.click(publish);
    await waitFor(() => expect(document.activeElement).toBe(container.querySelector('.bulk-confirm')));
    fireEvent.keyDown(getByText('取消'), { key: 'Escape' });
    expect(container.querySelector('.bulk-confirm')).toBeNull();
    expect(document.activeElement).toBe(publish);
    expect(calls.filter((c) => c.path === 'reports.approve' || c.path === 'reports.publish')).toEqual([]);
  });
});
