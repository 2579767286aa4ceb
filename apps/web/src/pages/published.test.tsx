import {
  createEmptyReport,
  diffReports,
  exampleReport,
  type Report,
  setCell,
  setSection,
  type TextOp,
} from '@nianbao/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, waitFor } from '@testing-library/react';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../App';
import { cellChangeLine, cellSide, metaChangeLine, trimOps } from '../components/Changes';
import { fakeClient, Refusal, testQueryClient } from '../test-support/trpc';
import { TRPCProvider } from '../trpc';
import { dayZh, PublishedReportPage, publishedContent } from './PublishedReportPage';

afterEach(() => {
  cleanup();
  window.location.hash = '';
});

const CELL = 'applications.newReceived.naturalPerson';
const AGENCY = '某某县交通运输局';

function versions(): { v2: Report; v3: Report } {
  const e = exampleReport({ year: 2025, agency: { name: AGENCY } });
  const { publishedOn: _drop, ...meta } = e.meta;
  const v2 = setCell({ ...e, meta }, CELL, 12);
  const v3 = setSection(
    setCell(v2, CELL, 15),
    'problems',
    `${v2.sections.problems ?? ''}更正时补充的一句话。`,
  );
  return { v2, v3 };
}

/** What reports.published answers: here built from two real versions and core's diff of them. */
function published(corrected: boolean) {
  const { v2, v3 } = versions();
  const d = diffReports(v2, v3);
  return {
    id: 'r1',
    agencyName: AGENCY,
    year: 2025,
    edition: v3.meta.edition,
    version: corrected ? 3 : 2,
    publishedOn: '2026-01-20',
    report: corrected ? v3 : v2,
    corrections: corrected
      ? [
          {
            version: 3,
            correctedAt: '2026-03-02T08:00:00Z',
            reason: '自然人申请数原误填为 12 件，应为 15 件',
            changes: { cells: d.cells, texts: d.texts, meta: d.meta },
          },
        ]
      : [],
  };
}

function renderWith(handlers: Record<string, (input: unknown) => unknown>, ui: React.ReactNode) {
  const { client, calls } = fakeClient(handlers);
  const queryClient = testQueryClient();
  const view = render(
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={client} queryClient={queryClient}>
        {ui}
      </TRPCProvider>
    </QueryClientProvider>,
  );
  return { ...view, calls };
}

const documentRoot = async (container: HTMLElement) => {
  const host = () => container.querySelector<HTMLElement>('[data-testid=published-document]');
  await waitFor(() => expect(host()?.shadowRoot?.querySelector('.nianbao-report')).toBeTruthy());
  return host()!.shadowRoot!;
};

describe('the public page of a published report', () => {
  it('header (agency, year, 已发布 and the day), the corrected report in the official layout, the 更正记录 with reason and changes', async () => {
    const { container, calls } = renderWith(
      { 'reports.published': () => published(true) },
      <PublishedReportPage id="r1" />,
    );
    const root = await documentRoot(container);
    expect(calls).toEqual([{ path: 'reports.published', input: { id: 'r1' } }]);
    const head = container.querySelector('.published-head')!.textContent!;
    expect(head).toContain(AGENCY);
    expect(head).toContain('2025 年度');
    expect(head).toContain('已发布');
    expect(head).toContain('发布日期 2026年1月20日');
    expect(head).toContain('第 3 版');
    expect(head).toContain('共更正 1 次');
    // render's HTML: the title, the corrected number in its cell, the date under the signature.
    expect(root.textContent).toContain(`${AGENCY}2025年政府信息公开工作年度报告`);
    expect(root.querySelector(`td[data-cell="${CELL}"]`)!.textContent).toBe('15');
    expect(root.querySelector('.signature')!.textContent).toContain('2026年1月20日');
    // 更正记录: the day, the reason, each changed cell as a line, the text with what was inserted.
    const entry = container.querySelector('.corrections-log li[data-version="3"]')!;
    expect(entry.querySelector('h3')!.textContent).toContain('2026年3月2日');
    expect(entry.querySelector('.correction-reason')!.textContent).toBe(
      '更正说明：自然人申请数原误填为 12 件，应为 15 件',
    );
    const line = entry.querySelector(`li[data-cell="${CELL}"]`)!.textContent!;
    expect(line).toMatch(/^表三 .*自然人：12 → 15$/);
    expect(entry.querySelector('.diff-text[data-field="problems"] h4')!.textContent).toBe(
      '五、存在的主要问题及改进情况',
    );
    expect(entry.querySelector('.diff-text ins')!.textContent).toContain('更正时补充的一句话。');
    // Print: the page's print takes render's A4 page; the buttons are not printed.
    const styles = [...container.querySelectorAll('style')].map((s) => s.textContent).join('');
    expect(styles).toMatch(/@media print \{ @page \{ size: A4/);
    expect(container.querySelector('button')!.closest('.no-print')).toBeTruthy();
  });

  it('never corrected: the report as published and a log that says so', async () => {
    const { container } = renderWith(
      { 'reports.published': () => published(false) },
      <PublishedReportPage id="r1" />,
    );
    const root = await documentRoot(container);
    expect(root.querySelector(`td[data-cell="${CELL}"]`)!.textContent).toBe('12');
    expect(container.querySelector('.corrections-log')!.textContent).toContain('本报告发布后没有更正。');
    expect(container.querySelector('.published-head')!.textContent).not.toContain('更正');
  });

  it('not published or no such report: the server’s message and the way back to 更正公告', async () => {
    const { container, findByText } = renderWith(
      {
        'reports.published': () =>
          new Refusal('NOT_FOUND', '没有找到这份已发布的报告：链接可能有误，或报告尚未发布'),
      },
      <PublishedReportPage id="draft-1" />,
    );
    await findByText(/没有找到这份已发布的报告/);
    expect(container.querySelector('a')!.getAttribute('href')).toBe('#/corrections');
    expect(container.querySelector('[data-testid=published-document]')).toBeNull();
  });

  it('is reached without a login: #/published/<id> for a visitor shows it, not the login form', async () => {
    window.location.hash = '#/published/r1';
    const { container, calls } = renderWith(
      { 'auth.me': () => null, 'reports.published': () => published(true) },
      <App />,
    );
    await documentRoot(container);
    expect(container.querySelector('input[type=password]')).toBeNull();
    expect(container.querySelector('.app-header a[href="#/corrections"]')!.textContent).toBe('更正公告');
    expect(calls.map((c) => c.path).sort()).toEqual(['auth.me', 'reports.published']);
  });
});

describe('the words of a change', () => {
  it('a cell: its number (and unit), 空白 for a printed blank, （无） for a cell not in the table', () => {
    expect(cellSide({ value: 12 })).toBe('12');
    expect(cellSide({ value: 2.5, unit: '万元' })).toBe('2.5 万元');
    expect(cellSide({ value: null })).toBe('空白');
    expect(cellSide(null)).toBe('（无）');
    expect(cellChangeLine({ label: '表三 自然人', before: { value: 12 }, after: { value: 15 } })).toBe(
      '表三 自然人：12 → 15',
    );
  });

  it('the report’s information: a date before and after; an object changed in words', () => {
    expect(metaChangeLine({ field: 'meta.publishedOn', before: '2026-01-20', after: '2026-01-25' })).toBe(
      '发布日期：2026-01-20 → 2026-01-25',
    );
    expect(metaChangeLine({ field: 'meta.title', before: null, after: '标题' })).toBe('标题：（无） → 标题');
    expect(metaChangeLine({ field: 'meta.contact', before: { phone: '1' }, after: { phone: '2' } })).toBe(
      '联系方式已更改',
    );
  });

  it('publishedContent dates the report with the day published only when it states none', () => {
    const r = createEmptyReport({ year: 2025, agency: AGENCY });
    expect(publishedContent({ report: r, publishedOn: '2026-01-20' }).meta.publishedOn).toBe('2026-01-20');
    const stated = { ...r, meta: { ...r.meta, publishedOn: '2026-01-18' } };
    expect(publishedContent({ report: stated, publishedOn: '2026-01-20' }).meta.publishedOn).toBe(
      '2026-01-18',
    );
    expect(publishedContent({ report: r, publishedOn: null })).toBe(r);
    expect(dayZh('2026-01-05')).toBe('2026年1月5日');
  });

  it('property: a long text change, shortened, keeps every insertion and deletion whole and in order', () => {
    const op = fc.record({
      op: fc.constantFrom<TextOp['op']>('equal', 'insert', 'delete'),
      text: fc.string({ minLength: 1, maxLength: 200 }),
    });
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 12 }), (ops) => {
        const out = trimOps(ops);
        expect(out).toHaveLength(ops.length);
        out.forEach((o, i) => {
          expect(o.op).toBe(ops[i]!.op);
          if (o.op !== 'equal') expect(o.text).toBe(ops[i]!.text);
          else expect(o.text.length).toBeLessThanOrEqual(Math.max(ops[i]!.text.length, 40 * 2 + 3));
        });
      }),
    );
  });
});
