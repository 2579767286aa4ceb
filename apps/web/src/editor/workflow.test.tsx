import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { exampleReport, keyFindings, setCell, type ValidationConfig, validate } from '@nianbao/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeClient, testQueryClient } from '../test-support/trpc';
import { type RouterOutputs, TRPCProvider } from '../trpc';
import { Workflow } from './Workflow';

afterEach(cleanup);

function renderWorkflow(
  errors: boolean | 'crossYear',
  opts: {
    next?: () => void | Promise<void>;
    onChanged?: () => void;
    events?: unknown[];
    status?: string;
    printedPublishedOn?: string;
    publishedOn?: string;
    /** How many of the cross-year findings were dismissed in triage (the saved version's). */
    dismissed?: number;
    /** The reviewer's list this report was opened from (agencies a1…, reports r1…, with statuses). */
    list?: readonly string[];
    /** The deployment's rule configuration. */
    config?: ValidationConfig;
  } = {},
) {
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
    status: opts.status ?? 'submitted',
    publishedVersion: 3,
    publishedOn: opts.publishedOn ?? null,
    permissions:
      opts.status === 'approved'
        ? { approve: false, return: true, publish: true }
        : { approve: true, return: true, triage: opts.dismissed !== undefined },
    report,
  } as unknown as RouterOutputs['reports']['get'];
  if (opts.list)
    sessionStorage.setItem(
      'nianbao:review-queue',
      JSON.stringify({
        ids: opts.list.map((_, i) => `r${i + 1}`),
        back: '#/region?year=2024&node=root',
        label: '',
        view: { year: 2024, node: 'root', status: '', errorsOnly: false },
      }),
    );
  const { client, calls: all } = fakeClient({
    'agencies.tree': () => [
      {
        id: 'root',
        name: '示例县人民政府',
        children: (opts.list ?? []).map((_, i) => ({ id: `a${i + 1}`, name: `机关${i + 1}`, children: [] })),
      },
    ],
    'reports.list': () => ({
      total: opts.list?.length ?? 0,
      nextCursor: null,
      items: (opts.list ?? []).map((status, i) => ({
        id: `r${i + 1}`,
        agencyId: `a${i + 1}`,
        agencyName: `机关${i + 1}`,
        status,
        openFindings: { error: 0, crossYear: 0, warning: 0, info: 0 },
        dismissedErrors: 0,
      })),
    }),
    'reports.approve': () => ({ ok: true }),
    'reports.return': () => ({ ok: true }),
    'reports.publish': () => ({ ok: true }),
    'reports.history': () => ({ versions: [], events: opts.events ?? [] }),
    'checks.validate': () => ({
      findings: keyFindings(findings).map((f, i) => ({
        ...f,
        triage:
          f.severity === 'crossYear' &&
          keyFindings(findings)
            .filter((g) => g.severity === 'crossYear')
            .slice(0, opts.dismissed ?? 0)
            .some((g) => g.key === f.key)
            ? { decision: 'dismissed', state: 'active', reason: '已核实', at: '', actor: '', i }
            : null,
      })),
    }),
  });
  // the workflow steps asked of the server (not the history read for the last return)
  const calls = {
    get list() {
      return all.filter(
        (c) => !['reports.history', 'checks.validate', 'agencies.tree', 'reports.list'].includes(c.path),
      );
    },
  };
  const queryClient = testQueryClient();
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
          onChanged={opts.onChanged ?? (() => {})}
          {...(opts.next ? { next: { id: 'r2', open: opts.next } } : {})}
          printedPublishedOn={opts.printedPublishedOn}
          {...(opts.config ? { config: opts.config } : {})}
        />
      </TRPCProvider>
    </QueryClientProvider>,
  );
  return { ...view, steps: () => calls.list };
}

describe('Workflow: 审核通过', () => {
  it('approves the version on screen, and asks first while errors remain — in the findings panel’s words, with 取消', async () => {
    const { getByText, queryByText, steps } = renderWorkflow(true);
    expect(queryByText('确认审核通过')).toBeNull();
    fireEvent.click(getByText('审核通过…'));
    // only what there is: no 「跨年 0 个」
    expect(getByText(/^仍有错误 \d+ 个，确定审核通过吗？$/)).toBeTruthy();
    expect(steps()).toEqual([]);
    // 取消 closes the question without approving
    fireEvent.click(getByText('取消'));
    expect(queryByText('确认审核通过')).toBeNull();
    fireEvent.click(getByText('审核通过…'));
    fireEvent.click(getByText('确认审核通过'));
    await waitFor(() => expect(steps().map((c) => c.path)).toEqual(['reports.approve']));
    // the version the form shows (3), not the record's newer one (4)
    expect(steps()[0]!.input).toEqual({ id: 'r1', expectedVersion: 3 });
  });

  it('a cross-year error is asked about too, and said as the findings panel says it (跨年)', async () => {
    const { getByText, steps } = renderWorkflow('crossYear');
    fireEvent.click(getByText('审核通过…'));
    expect(getByText(/^仍有跨年 [1-9]\d* 个，确定审核通过吗？$/)).toBeTruthy();
    expect(steps()).toEqual([]);
  });

  it('a finding dismissed in triage is not counted (as the findings panel counts: 「另有 1 条已忽略」)', async () => {
    const all = renderWorkflow('crossYear');
    fireEvent.click(all.getByText('审核通过…'));
    const n = Number(/跨年 (\d+) 个/.exec(all.getByText(/^仍有跨年/).textContent!)![1]);
    expect(n).toBeGreaterThan(1);
    all.unmount();
    const { getByText } = renderWorkflow('crossYear', { dismissed: 1 });
    // the triage read (the editor's query) comes in: one fewer
    await waitFor(() =>
      expect(getByText('审核通过…').getAttribute('title')).toBe(
        `仍有跨年 ${n - 1} 个：点击后先询问，确认后才通过`,
      ),
    );
    fireEvent.click(getByText('审核通过…'));
    expect(getByText(`仍有跨年 ${n - 1} 个，确定审核通过吗？`)).toBeTruthy();
  });

  it('without errors: one click, and the button says so beforehand', async () => {
    const { getByText, steps } = renderWorkflow(false);
    expect(getByText(/^点击即通过/)).toBeTruthy();
    expect(getByText('审核通过').getAttribute('title')).toContain('点击即审核通过');
    fireEvent.click(getByText('审核通过'));
    await waitFor(() => expect(steps().map((c) => c.path)).toEqual(['reports.approve']));
  });

  it('an optional approval comment goes with the step', async () => {
    const { getByText, container, steps } = renderWorkflow(false);
    const input = container.querySelector<HTMLInputElement>('input[name=approve-comment]')!;
    fireEvent.change(input, { target: { value: '数据已核实' } });
    fireEvent.click(getByText('审核通过'));
    await waitFor(() => expect(steps().length).toBe(1));
    expect(steps()[0]!.input).toEqual({ id: 'r1', expectedVersion: 3, comment: '数据已核实' });
  });

  it('通过并打开下一份 approves, then opens the next report of the list', async () => {
    let opened = 0;
    const { getByText, steps } = renderWorkflow(false, {
      next: () => {
        opened++;
      },
    });
    fireEvent.click(getByText('通过并打开下一份'));
    await waitFor(() => expect(opened).toBe(1));
    expect(steps().map((c) => c.path)).toEqual(['reports.approve']);
  });

  it('通过并打开下一份 waits for the next report’s opening (the list read again) before the step is done', async () => {
    // the report page reads the filtered list again before it opens the next one: its 第 n/N 份 is
    // counted in the list without the report just approved; the step ends (onChanged) after that
    const order: string[] = [];
    let release = () => {};
    const { getByText } = renderWorkflow(false, {
      next: () =>
        new Promise<void>((resolve) => {
          order.push('open');
          release = () => {
            order.push('opened');
            resolve();
          };
        }),
      onChanged: () => order.push('changed'),
    });
    fireEvent.click(getByText('通过并打开下一份'));
    await waitFor(() => expect(order).toEqual(['open']));
    expect((getByText('通过并打开下一份') as HTMLButtonElement).disabled).toBe(true);
    release();
    await waitFor(() => expect(order).toEqual(['open', 'opened', 'changed']));
  });

  it('通过并打开下一份 opens the next report waiting for review in the list, not one already approved', async () => {
    sessionStorage.clear();
    window.location.hash = '#/report/r1';
    // r1 (this one), r2 已通过, r3 已发布, r4 已提交
    const { findByText, steps } = renderWorkflow(false, {
      list: ['submitted', 'approved', 'published', 'submitted'],
    });
    const button = await findByText('通过并打开下一份');
    expect(button.getAttribute('title')).toContain('下一份待审核的报告（机关4）');
    fireEvent.click(button);
    await waitFor(() => expect(window.location.hash).toBe('#/report/r4'));
    expect(steps().map((c) => c.path)).toEqual(['reports.approve']);
    sessionStorage.clear();
  });

  it('says when no report waiting for review is left in the list', async () => {
    sessionStorage.clear();
    const { findByText, queryByText } = renderWorkflow(false, { list: ['submitted', 'approved'] });
    expect(await findByText('列表中没有其他待审核的报告')).toBeTruthy();
    expect(queryByText('通过并打开下一份')).toBeNull();
    sessionStorage.clear();
  });

  it('once approved, the spot of 审核通过 says so (发布… does not take its place)', () => {
    const { container } = renderWorkflow(false, { status: 'approved' });
    const items = [...container.querySelector('.workflow')!.children].map((e) => e.textContent);
    expect(items[0]).toBe('✓ 已审核通过');
    expect(items.indexOf('发布…')).toBeGreaterThan(0);
  });
});

describe('Workflow: 退回', () => {
  afterEach(() => sessionStorage.clear());

  it('keeps the unsent comment across a remount (Back and Forward) until it is sent', async () => {
    const first = renderWorkflow(true);
    fireEvent.click(first.getByText('退回修改…'));
    fireEvent.change(first.container.querySelector('textarea')!, { target: { value: '请核对表三' } });
    first.unmount();
    // the page again: the form is open with the text
    const again = renderWorkflow(true);
    const ta = again.container.querySelector<HTMLTextAreaElement>('textarea[name=review-comment]');
    expect(ta?.value).toBe('请核对表三');
    fireEvent.click(again.getByText('退回'));
    await waitFor(() => expect(again.steps().map((c) => c.path)).toEqual(['reports.return']));
    expect(again.steps()[0]!.input).toEqual({ id: 'r1', comment: '请核对表三' });
    // sent: gone
    await waitFor(() => expect(sessionStorage.length).toBe(0));
  });

  it('Esc while an input method composes the comment (Chinese) does not close the form; a plain Esc does', () => {
    const { getByText, container } = renderWorkflow(true);
    fireEvent.click(getByText('退回修改…'));
    const ta = () => container.querySelector<HTMLTextAreaElement>('textarea[name=review-comment]');
    fireEvent.compositionStart(ta()!);
    fireEvent.change(ta()!, { target: { value: 'qinghedui' } });
    fireEvent.keyDown(ta()!, { key: 'Escape', isComposing: true }); // Firefox
    expect(ta()).not.toBeNull();
    fireEvent.keyDown(ta()!, { key: 'Escape', keyCode: 229 }); // Chrome, Safari
    expect(ta()).not.toBeNull();
    fireEvent.change(ta()!, { target: { value: '请核对' } });
    fireEvent.compositionEnd(ta()!);
    fireEvent.keyDown(ta()!, { key: 'Escape' });
    expect(ta()).toBeNull();
  });

  it('inserts the ticked findings, each with where it is and its message as shown', () => {
    const { getByText, container } = renderWorkflow(true);
    fireEvent.click(getByText('退回修改…'));
    const boxes = container.querySelectorAll<HTMLInputElement>('input[name=return-finding]');
    expect(boxes.length).toBeGreaterThan(0);
    const line = boxes[0]!.closest('label')!.textContent!.trim();
    fireEvent.click(boxes[0]!);
    fireEvent.click(getByText(/^插入所选 1 条$/));
    const text = container.querySelector<HTMLTextAreaElement>('textarea[name=review-comment]')!.value;
    expect(text).toBe(line);
    // 【错误 T3-…】表三 … ：the message
    expect(text).toMatch(/^【错误 [A-Z0-9-]+】表[一二三四].*：.+/);
  });

  it('a report handed in again after a return shows the last return comment and a way to the diff', () => {
    const { getByText } = renderWorkflow(false, {
      events: [
        { action: 'submit', at: '2026-01-02T00:00:00Z', actor: '填报员', comment: null },
        { action: 'return', at: '2026-01-03T00:00:00Z', actor: '审核员', comment: '请补充表二' },
        { action: 'submit', at: '2026-01-04T00:00:00Z', actor: '填报员', comment: null },
      ],
    });
    return waitFor(() => {
      expect(getByText('退回后重新提交')).toBeTruthy();
      expect(getByText('请补充表二')).toBeTruthy();
    });
  });
});

describe('Workflow: 发布 with the real 发布日期', () => {
  it('a report published elsewhere before is published with its printed date (F1/F2 judge that date)', async () => {
    // before: published as of the day of entry, and 「逾期 667 天」 for a past year's report
    const { getByText, container, steps } = renderWorkflow(false, {
      status: 'approved',
      printedPublishedOn: '2025-01-20',
    });
    fireEvent.click(getByText('发布…'));
    const date = container.querySelector('input[name=publishedOn]') as HTMLInputElement;
    expect(date.value).toBe('2025-01-20');
    expect(getByText('按 2025-01-20 已发布记录，并据此检查是否按时发布')).toBeTruthy();
    fireEvent.change(date, { target: { value: '2025-01-25' } });
    fireEvent.click(getByText('确认发布'));
    await waitFor(() => expect(steps().map((c) => c.path)).toEqual(['reports.publish']));
    expect(steps()[0]!.input).toEqual({ id: 'r1', publishedOn: '2025-01-25' });
  });

  it('without a printed date it is published today (no date sent: the server takes today)', async () => {
    const { getByText, container, steps } = renderWorkflow(false, { status: 'approved' });
    fireEvent.click(getByText('发布…'));
    expect((container.querySelector('input[name=publishedOn]') as HTMLInputElement).value).toBe('');
    fireEvent.click(getByText('确认发布'));
    await waitFor(() => expect(steps().map((c) => c.path)).toEqual(['reports.publish']));
    expect(steps()[0]!.input).toEqual({ id: 'r1' });
  });

  it('a date after the deadline is said before 确认发布 (F1 for a 县级 department: 1月31日), in time nothing', () => {
    const { getByText, container, queryByTestId, getByTestId } = renderWorkflow(false, {
      status: 'approved',
      printedPublishedOn: '2025-01-20',
    });
    fireEvent.click(getByText('发布…'));
    expect(queryByTestId('publish-late')).toBeNull();
    const date = container.querySelector('input[name=publishedOn]') as HTMLInputElement;
    fireEvent.change(date, { target: { value: '2025-03-01' } });
    expect(getByTestId('publish-late').textContent).toBe(
      '发布逾期：2024 年度报告于 2025-03-01 发布，晚于条例第四十九条第一款规定的 2025-01-31（逾期 29 天）。发布后将记为错误（F1），计入汇总，之后的更正也无法消除。',
    );
    // today (no date): long after the deadline of a 2024 report
    fireEvent.change(date, { target: { value: '' } });
    expect(getByTestId('publish-late').textContent).toContain('逾期');
  });

  it('F1 turned off in this deployment: nothing said', () => {
    const { getByText, container, queryByTestId } = renderWorkflow(false, {
      status: 'approved',
      printedPublishedOn: '2025-03-01',
      config: { rules: { F1: 'off' } },
    });
    fireEvent.click(getByText('发布…'));
    expect((container.querySelector('input[name=publishedOn]') as HTMLInputElement).value).toBe('2025-03-01');
    expect(queryByTestId('publish-late')).toBeNull();
  });

  it('a published report shows the 发布日期 recorded (a reviewer checks it)', () => {
    const { getByText } = renderWorkflow(false, { status: 'published', publishedOn: '2026-01-20' });
    expect(getByText('已发布（第 3 版，发布日期 2026-01-20）')).toBeTruthy();
  });
});

describe('Workflow: 退回 — 把检查结果写入意见', () => {
  it('a finding already decided on (忽略 with a reason) comes last, marked, and goes into the comment marked; 全选 picks the open ones', async () => {
    const { getByText, container, findAllByTestId } = renderWorkflow('crossYear', { dismissed: 1 });
    fireEvent.click(getByText('退回修改…'));
    const marks = await findAllByTestId('return-decided');
    expect(marks.map((m) => m.textContent)).toEqual(['（已忽略：已核实）']);
    const items = [...container.querySelectorAll('.return-findings li')];
    expect(items.length).toBeGreaterThan(1);
    // the decided one is the last; the others carry no mark
    expect(items.at(-1)!.textContent).toMatch(/（已忽略：已核实）$/);
    for (const li of items.slice(0, -1)) expect(li.textContent).not.toMatch(/已忽略|已确认/);
    fireEvent.click(getByText('全选未处理的'));
    const boxes = [...container.querySelectorAll<HTMLInputElement>('input[name=return-finding]')];
    expect(boxes.map((b) => b.checked)).toEqual(items.map((_, i) => i < items.length - 1));
    // ticked by hand, it is inserted with its decision
    fireEvent.click(boxes.at(-1)!);
    fireEvent.click(getByText(/^插入所选/));
    const comment = (container.querySelector('textarea[name=review-comment]') as HTMLTextAreaElement).value;
    const lines = comment.split('\n');
    expect(lines).toHaveLength(items.length);
    expect(lines.at(-1)).toMatch(/^【跨年 X1】.*（已忽略：已核实）$/);
    expect(lines.slice(0, -1).every((l) => !l.includes('已忽略'))).toBe(true);
  });

  it('at 1366 px the form takes its own line under the tabs (the stylesheet’s rule: full width, no max-width beside them)', () => {
    const css = readFileSync(resolve(__dirname, '../styles.css'), 'utf8');
    const rule = css.match(/\.bar-row > \.return-form\s*\{([^}]*)\}/)?.[1] ?? '';
    expect(rule).toMatch(/flex:\s*0 0 100%/);
    expect(rule).toMatch(/max-width:\s*none/);
  });
});

describe('审核通过… asked, the 通过意见 typed with an input method', () => {
  it('Esc cancelling a candidate leaves the question asked and the focus in the comment; a plain Esc takes it back', async () => {
    const { container, getByText } = renderWorkflow(true);
    fireEvent.click(getByText('审核通过…'));
    expect(container.querySelector('[data-wf=confirm-approve]')).toBeTruthy();
    const input = container.querySelector<HTMLInputElement>('input[name=approve-comment]')!;
    input.focus();
    fireEvent.compositionStart(input, { data: '' });
    fireEvent.change(input, { target: { value: 'shu ju' } });
    fireEvent.keyDown(input, { key: 'Escape', keyCode: 229 }); // Chrome, Safari
    fireEvent.keyDown(input, { key: 'Escape', isComposing: true }); // Firefox
    fireEvent.change(input, { target: { value: '' } });
    fireEvent.compositionEnd(input, { data: '' });
    expect(container.querySelector('[data-wf=confirm-approve]')).toBeTruthy();
    expect(document.activeElement).toBe(input);
    fireEvent.keyDown(input, { key: 'Escape' });
    expect(container.querySelector('[data-wf=confirm-approve]')).toBeNull();
    expect(container.querySelector('[data-wf=ask-approve]')).toBeTruthy();
  });
});
