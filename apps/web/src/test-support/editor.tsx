/**
 * The report editor rendered with a fake server, as the editor's tests set it up: a 2025 draft of
 * 示例县教育局 (version 4) the 填报人 may save and submit, and the queries every editor makes
 * (history, checks, tree, list) answered empty. Each test adds or overrides the answers it is about.
 */
import { exampleReport, type Report } from '@nianbao/core';
import { QueryClientProvider, useQuery, useQueryClient } from '@tanstack/react-query';
import { act, cleanup, fireEvent, render } from '@testing-library/react';
import { afterEach, beforeEach } from 'vitest';
import { Editor } from '../editor/Editor';
import { type RouterOutputs, TRPCProvider, useTRPC } from '../trpc';
import { fakeClient, testQueryClient } from './trpc';

/**
 * The setup of a test file of the editor's grid: each test's page cleaned up after it, storage empty
 * before it, animation frames run as timers (jsdom runs none: focus moves and scrolls wait on them).
 */
export function editorTestSetup(): void {
  afterEach(cleanup);
  beforeEach(() => {
    localStorage.clear();
    globalThis.requestAnimationFrame = ((cb: FrameRequestCallback) => setTimeout(() => cb(0), 0)) as never;
  });
}

/** What reports.get gives for the draft (`report` as given). */
export function draftInfo(report: Report): RouterOutputs['reports']['get'] {
  return {
    id: 'r1',
    agencyId: 'a1',
    agencyName: '示例县教育局',
    year: 2025,
    version: 4,
    status: 'draft',
    statusLabel: '草稿',
    publishedVersion: null,
    publishedOn: null,
    publicationDate: null,
    permissions: { save: true, submit: true },
    report,
  } as unknown as RouterOutputs['reports']['get'];
}

type Info = RouterOutputs['reports']['get'];

/**
 * The editor as the report page holds it (`live`): its info read again by reports.get whenever the
 * report's queries are invalidated (after a save, a workflow step: `onInfoChanged` invalidates them, as
 * ReportPage's does), starting from `initial`.
 */
function LiveEditor({ initial }: { initial: Info }) {
  const trpc = useTRPC();
  const q = useQuery({
    ...trpc.reports.get.queryOptions({ id: initial.id }),
    initialData: initial,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const queryClient = useQueryClient();
  // as ReportPage does: the report read again after a workflow step
  return (
    <Editor
      info={q.data ?? initial}
      importDiag={null}
      onInfoChanged={() => void queryClient.invalidateQueries({ queryKey: trpc.reports.pathKey() })}
    />
  );
}

/**
 * The editor on the draft of `report`; `answers` beside (or instead of) the empty ones; `info` beside
 * what reports.get gives (`readRepairs` of a version an earlier release stored, other permissions …).
 * `live`: the info is read again from the `reports.get` answer after each save (as the report page
 * does), so a test can move the report on the server meanwhile.
 */
export function renderDraftEditor(
  report: Report,
  answers: Record<string, (input: unknown) => unknown> = {},
  info: Partial<RouterOutputs['reports']['get']> = {},
  opts: { live?: boolean } = {},
) {
  const { client, calls } = fakeClient({
    'reports.history': () => ({ versions: [], events: [] }),
    'reports.version': (input) => ({
      version: (input as { version: number }).version,
      report,
      readRepairs: [],
    }),
    'checks.validate': () => ({ findings: [] }),
    'agencies.tree': () => [],
    'reports.list': () => ({ total: 0, nextCursor: null, items: [] }),
    ...answers,
  });
  const queryClient = testQueryClient();
  const view = render(
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={client} queryClient={queryClient}>
        {opts.live ? (
          <LiveEditor initial={{ ...draftInfo(report), ...info }} />
        ) : (
          <Editor info={{ ...draftInfo(report), ...info }} importDiag={null} onInfoChanged={() => {}} />
        )}
      </TRPCProvider>
    </QueryClientProvider>,
  );
  return { ...view, calls };
}

/**
 * The editor on a draft of the 2025 example report whose every save the server takes as the next
 * version (5, 6, …); `saves()`: what each reports.save was sent, in order.
 */
export function renderSavingEditor() {
  let version = 4;
  const view = renderDraftEditor(exampleReport({ year: 2025 }), {
    'reports.save': () => {
      version++;
      return { id: 'r1', version, contentHash: `h${version}`, savedAt: new Date().toISOString() };
    },
  });
  const saves = () =>
    view.calls
      .filter((c) => c.path === 'reports.save')
      .map((c) => c.input as { report: Report; note?: string });
  return { ...view, saves };
}

/**
 * 手动改写合计… on a total as a 填报人 does it: the total focused, the button, the value and the reason
 * typed, 确定. `container` and `getByRole` are the rendered editor's.
 */
export function overrideTotal(
  view: Pick<ReturnType<typeof render>, 'container' | 'getByRole'>,
  cell: string,
  value: number,
  reason = '原件如此',
): HTMLInputElement {
  const total = view.container.querySelector(`input[data-cell="${cell}"]`) as HTMLInputElement;
  act(() => total.focus());
  fireEvent.click(view.getByRole('button', { name: '手动改写合计…' }));
  fireEvent.change(view.container.querySelector('input[name="override-value"]')!, {
    target: { value: String(value) },
  });
  fireEvent.change(view.container.querySelector('input[name="override-reason"]')!, {
    target: { value: reason },
  });
  fireEvent.click(view.getByRole('button', { name: '确定' }));
  return total;
}
