import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  exampleReport,
  type FixSuggestion,
  getEdition,
  keyFindings,
  narrate,
  type Report,
  setCell,
  suggestFixes,
  TEXT_FIELD_TITLES,
  validate,
} from '@nianbao/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { act, fireEvent, render, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { editorTestSetup } from '../test-support/editor';
import { panelProps } from '../test-support/findingsPanel';
import { fakeClient, testQueryClient } from '../test-support/trpc';
import { type RouterOutputs, TRPCProvider } from '../trpc';
import { Editor } from './Editor';
import { FindingsPanel } from './FindingsPanel';
import { KEYS } from './KeysHelp';
import { Sections } from './Sections';

// Keyboard-only and screen-reader use of the form (the QA pass qa-keyboard): every control reachable
// by keyboard, focus never dropped to <body>, what changes said in a live region.

editorTestSetup();

/** 表三's 一、本年新收 总计 printed as 86 while its parts add up to something else: a printed-total conflict. */
export function withPrintedTotal(): Report {
  const r = exampleReport({ year: 2025 });
  return {
    ...r,
    cells: { ...r.cells, 'applications.newReceived.total': { value: 86, origin: 'imported' } },
  } as Report;
}

export function renderEditor(
  opts: { report?: Report; status?: string; permissions?: Record<string, boolean> } = {},
) {
  const report = opts.report ?? exampleReport({ year: 2025 });
  const info = {
    id: 'r1',
    agencyId: 'a1',
    agencyName: '示例县教育局',
    year: 2025,
    version: 4,
    status: opts.status ?? 'draft',
    statusLabel: '草稿',
    publishedVersion: null,
    publishedOn: null,
    publicationDate: null,
    permissions: opts.permissions ?? { save: true, submit: true, delete: true },
    report,
  } as unknown as RouterOutputs['reports']['get'];
  let version = 4;
  const { client, calls } = fakeClient({
    'reports.save': () => {
      version++;
      return { id: 'r1', version, contentHash: `h${version}`, savedAt: new Date().toISOString() };
    },
    'reports.submit': () => ({ ok: true }),
    'reports.history': () => ({ versions: [], events: [] }),
    'checks.validate': () => ({ findings: [] }),
    'agencies.tree': () => [],
    'reports.list': () => ({ total: 0, nextCursor: null, items: [] }),
  });
  const queryClient = testQueryClient();
  const view = render(
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={client} queryClient={queryClient}>
        <Editor info={info} importDiag={null} onInfoChanged={() => {}} />
      </TRPCProvider>
    </QueryClientProvider>,
  );
  const cell = (id: string) => view.container.querySelector<HTMLInputElement>(`input[name="${id}"]`)!;
  return { ...view, calls, cell };
}

describe('1. a printed total that disagrees: its controls reached by keyboard', () => {
  it('Tab from the total goes to 改用计算值…, Tab on from the last control to the next cell, Shift+Tab back, Esc to the cell', async () => {
    const v = renderEditor({ report: withPrintedTotal() });
    const total = v.cell('applications.newReceived.total');
    act(() => total.focus());
    expect(v.getByTestId('printed-total-chip')).toBeTruthy();
    fireEvent.keyDown(total, { key: 'Tab' });
    const use = v.getByRole('button', { name: '改用计算值…' });
    expect(document.activeElement).toBe(use);
    // the bar says how it is reached
    expect(v.container.querySelector('.cell-bar')!.textContent).toContain('Tab 或 F2');
    fireEvent.keyDown(use, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(total);
    fireEvent.keyDown(total, { key: 'F2' });
    expect(document.activeElement).toBe(use);
    fireEvent.keyDown(use, { key: 'Escape' });
    expect(document.activeElement).toBe(total);
    fireEvent.keyDown(total, { key: 'Tab' });
    const manual = v.getByRole('button', { name: '手动改写合计…' });
    fireEvent.keyDown(use, { key: 'Tab' });
    manual.focus();
    fireEvent.keyDown(manual, { key: 'Tab' });
    // on to the cell Tab from the total leads to (表三 一、 的下一行 first cell)
    expect(document.activeElement?.getAttribute('name')).toBe('applications.carriedOver.naturalPerson');
  });

  it('改用计算值…: the reason is focused, 确定 applies, and focus is back on the total', async () => {
    const v = renderEditor({ report: withPrintedTotal() });
    const total = v.cell('applications.newReceived.total');
    act(() => total.focus());
    fireEvent.keyDown(total, { key: 'F2' });
    fireEvent.click(v.getByRole('button', { name: '改用计算值…' }));
    const reason = v.getByRole('textbox', { name: '理由（必填）' });
    expect(document.activeElement).toBe(reason);
    fireEvent.keyDown(reason, { key: 'Escape' });
    expect(document.activeElement).toBe(total);
    fireEvent.keyDown(total, { key: 'F2' });
    fireEvent.click(v.getByRole('button', { name: '改用计算值…' }));
    fireEvent.change(v.getByRole('textbox', { name: '理由（必填）' }), { target: { value: '原件印错' } });
    fireEvent.click(v.getByRole('button', { name: '确定' }));
    await waitFor(() => expect(v.queryByTestId('printed-total-chip')).toBeNull());
    expect(document.activeElement).toBe(total);
  });
});

describe('2. a new 勾稽 error is said to a screen reader at every width', () => {
  it('an edit that brings an error up says 「新增错误：…」 in a polite live region; mending it says it is gone', async () => {
    const v = renderEditor();
    const live = v.getByTestId('findings-announcer');
    expect(live.getAttribute('role')).toBe('status');
    // visually hidden, not display:none (a hidden region is not read)
    expect(live.className).toBe('sr-only');
    expect(live.textContent).toBe('');
    const c = v.cell('applications.newReceived.naturalPerson');
    const before = c.value;
    act(() => c.focus());
    fireEvent.change(c, { target: { value: String(Number(before) + 1) } });
    await waitFor(() => expect(live.textContent).toMatch(/^新增错误：T3-B /));
    expect(live.textContent).toMatch(/现有错误 \d+ 个。$/);
    fireEvent.change(c, { target: { value: before } });
    await waitFor(() => expect(live.textContent).toMatch(/错误已消除：T3-B/));
    expect(live.textContent).toContain('没有错误了');
  });
});

describe('8. no doubled speech', () => {
  it('the cell bar is no live region (the cell’s own name is read on focus); the phone’s findings bar neither', () => {
    const v = renderEditor();
    const c = v.cell('applications.newReceived.naturalPerson');
    act(() => c.focus());
    const bar = v.container.querySelector('.cell-bar')!;
    expect(bar.getAttribute('aria-live')).toBeNull();
    expect(bar.closest('[aria-live], [role=status], [role=alert]')).toBeNull();
    const fb = v.getByTestId('findings-bar');
    expect(fb.getAttribute('role')).toBeNull();
    expect(fb.getAttribute('aria-live')).toBeNull();
  });
});

describe('3. the 正文 text areas are named by their headings', () => {
  it('each section’s textarea has its own name (一、总体情况 …), described by what it should cover; 插入 buttons say what they insert', () => {
    const r = exampleReport({ year: 2025 });
    const v = render(
      <Sections
        report={{ ...r, sections: { ...r.sections, overview: '' } } as Report}
        sentences={[]}
        findings={[
          {
            ruleId: 'N3',
            severity: 'warning',
            category: '图文数据不一致',
            message: '未报告信息处理费收取情况',
            cells: [],
            expected: null,
            actual: null,
            status: 'failed',
            hint: '',
            section: 'problems',
          },
        ]}
        readOnly={false}
        onChange={() => {}}
        onPreamble={() => {}}
        register={() => {}}
      />,
    );
    // every section's area found by its own title: none unnamed, none sharing a name
    for (const sec of getEdition('2021').sections)
      expect(v.getByRole('textbox', { name: TEXT_FIELD_TITLES[sec.key] }).getAttribute('name')).toBe(
        `sections.${sec.key}`,
      );
    const overview = v.getByRole('textbox', { name: '一、总体情况' });
    expect(overview.getAttribute('name')).toBe('sections.overview');
    expect(v.getByRole('textbox', { name: /^五、/ }).getAttribute('aria-describedby')).toContain('-f0');
    expect(v.getByRole('heading', { level: 2, name: '一、总体情况' })).toBeTruthy();
  });

  it('the sentences offered for insertion: each 插入 names its sentence', () => {
    const r = exampleReport({ year: 2025 });
    const report = { ...r, sections: { ...r.sections, applications: '' } } as Report;
    const sentences = narrate(report).sentences;
    const v = render(
      <Sections
        report={report}
        sentences={sentences}
        findings={[]}
        readOnly={false}
        onChange={() => {}}
        onPreamble={() => {}}
        register={() => {}}
      />,
    );
    const inserts = v.getAllByRole('button', { name: /^插入“/ });
    expect(inserts.length).toBeGreaterThan(1);
    expect(new Set(inserts.map((b) => b.getAttribute('aria-label'))).size).toBe(inserts.length);
    expect(v.queryAllByRole('button', { name: '插入' })).toHaveLength(0);
  });
});

/** The example report with one 勾稽 error (a 自然人 number one more than its rows allow). */
function withError(): Report {
  const r = exampleReport({ year: 2025 });
  const id = 'applications.newReceived.naturalPerson';
  return setCell(r, id, (r.cells[id]!.value as number) + 1);
}

describe('4/5. focus is never dropped to the page; questions are read out and can be taken back', () => {
  it('提交审核… asks: focus on 确认提交审核, the question an alert, 取消 and Esc take it back to 提交审核…; done, 「已提交审核」 has the focus', async () => {
    const v = renderEditor({ report: withError() });
    const ask = v.getByRole('button', { name: '提交审核…' });
    fireEvent.click(ask);
    const confirm = await v.findByRole('button', { name: '确认提交审核' });
    await waitFor(() => expect(document.activeElement).toBe(confirm));
    expect(v.getByRole('alert').textContent).toMatch(/确定要提交吗？/);
    fireEvent.keyDown(confirm, { key: 'Escape' });
    await waitFor(() => expect(document.activeElement).toBe(v.getByRole('button', { name: '提交审核…' })));
    expect(v.queryByRole('button', { name: '确认提交审核' })).toBeNull();
    fireEvent.click(v.getByRole('button', { name: '提交审核…' }));
    fireEvent.click(await v.findByRole('button', { name: '取消' }));
    await waitFor(() => expect(document.activeElement).toBe(v.getByRole('button', { name: '提交审核…' })));
    fireEvent.click(v.getByRole('button', { name: '提交审核…' }));
    fireEvent.click(await v.findByRole('button', { name: '确认提交审核' }));
    const done = await v.findByText(/^已提交审核/);
    expect(done.getAttribute('role')).toBe('status');
    await waitFor(() => expect(document.activeElement).toBe(done));
    expect(v.calls.some((c) => c.path === 'reports.submit')).toBe(true);
  });

  it('删除草稿…: the question is an alert, focus on 确认删除; Esc and 取消 give it back to 删除草稿…', async () => {
    const v = renderEditor();
    fireEvent.click(v.getByRole('button', { name: '删除草稿…' }));
    const confirm = v.getByRole('button', { name: '确认删除' });
    await waitFor(() => expect(document.activeElement).toBe(confirm));
    expect(v.getByRole('alert').textContent).toContain('删除这份草稿');
    fireEvent.keyDown(confirm, { key: 'Escape' });
    await waitFor(() => expect(document.activeElement).toBe(v.getByRole('button', { name: '删除草稿…' })));
    fireEvent.click(v.getByRole('button', { name: '删除草稿…' }));
    fireEvent.click(v.getByRole('button', { name: '取消' }));
    await waitFor(() => expect(document.activeElement).toBe(v.getByRole('button', { name: '删除草稿…' })));
  });

  it('保存 and 撤销 turn off as they are pressed but keep the focus (aria-disabled, not disabled)', async () => {
    const v = renderEditor();
    const c = v.cell('applications.newReceived.naturalPerson');
    act(() => c.focus());
    fireEvent.change(c, { target: { value: '7' } });
    const undo = v.getByRole('button', { name: '撤销' });
    act(() => undo.focus());
    fireEvent.click(undo);
    expect(undo.getAttribute('aria-disabled')).toBe('true');
    expect((undo as HTMLButtonElement).disabled).toBe(false);
    expect(document.activeElement).toBe(undo);
    fireEvent.click(v.getByRole('button', { name: '重做' }));
    const save = v.getByRole('button', { name: '保存' });
    act(() => save.focus());
    fireEvent.click(save);
    await waitFor(() => expect(save.getAttribute('aria-disabled')).toBe('true'));
    expect(document.activeElement).toBe(save);
  });
});

const panelFinding = keyFindings(validate(withError())).find((f) => f.ruleId === 'T3-B')!;
const panelFix = suggestFixes(withError(), { limit: 1 })[0]!;

function Panel(props: { onTriage?: () => Promise<void> }) {
  const [last, setLast] = useState<FixSuggestion | null>(null);
  return (
    <FindingsPanel
      findings={[panelFinding]}
      {...(props.onTriage ? { triage: new Map([[panelFinding.key, null]]), onTriage: props.onTriage } : {})}
      fixes={last ? [] : [panelFix]}
      edition="2021"
      fixesPending={false}
      readOnly={false}
      lastFix={last}
      onFocusFinding={() => {}}
      onHover={() => {}}
      onApplyFix={setLast}
      onUndo={() => setLast(null)}
    />
  );
}

describe('4. the findings panel keeps the focus', () => {
  it('应用此修正: its button goes; focus to 「已应用修正：…」 (with 撤销)', async () => {
    const v = render(<Panel />);
    fireEvent.click(v.getByRole('button', { name: '应用此修正' }));
    const applied = await v.findByRole('status');
    expect(applied.textContent).toContain('已应用修正');
    await waitFor(() => expect(document.activeElement).toBe(applied));
  });
  it('确认…: Esc, 取消 and the decision made give the focus back to the finding', async () => {
    const onTriage = vi.fn(async () => {});
    const v = render(<Panel onTriage={onTriage} />);
    const findingButton = v.container.querySelector<HTMLElement>('button.finding')!;
    fireEvent.click(v.getByRole('button', { name: '确认…' }));
    fireEvent.keyDown(v.getByRole('textbox', { name: '理由' }), { key: 'Escape' });
    await waitFor(() => expect(document.activeElement).toBe(findingButton));
    fireEvent.click(v.getByRole('button', { name: '确认…' }));
    fireEvent.click(v.getByRole('button', { name: '取消' }));
    await waitFor(() => expect(document.activeElement).toBe(findingButton));
    fireEvent.click(v.getByRole('button', { name: '确认…' }));
    fireEvent.change(v.getByRole('textbox', { name: '理由' }), { target: { value: '原件如此' } });
    fireEvent.click(v.getByRole('button', { name: '确认' }));
    await waitFor(() => expect(onTriage).toHaveBeenCalled());
    await waitFor(() => expect(document.activeElement).toBe(findingButton));
  });
});

describe('6. from the grid to 检查结果 and back in one key', () => {
  it('F8 goes to the first problem, F8 again to the next, Shift+F8 back; 「跳到检查结果（F8）」 and 「跳到表格」 are in the page', async () => {
    const v = renderEditor({ report: withError() });
    const c = v.cell('applications.newReceived.commercialEnterprise');
    act(() => c.focus());
    fireEvent.keyDown(c, { key: 'F8' });
    const findings = [...v.container.querySelectorAll<HTMLElement>('#findings-panel button.finding')];
    expect(findings.length).toBeGreaterThan(1);
    expect(document.activeElement).toBe(findings[0]);
    fireEvent.keyDown(document.activeElement!, { key: 'F8' });
    expect(document.activeElement).toBe(findings[1]);
    fireEvent.keyDown(document.activeElement!, { key: 'F8', shiftKey: true });
    expect(document.activeElement).toBe(findings[0]);
    // the skip links, visible text (not a tooltip)
    const nav = v.getByRole('navigation', { name: '跳转' });
    expect(nav.textContent).toContain('跳到检查结果（F8）');
    fireEvent.click(v.getByRole('button', { name: '跳到表格' }));
    await waitFor(() => expect(document.activeElement).toBe(c));
    fireEvent.click(v.getByRole('button', { name: '跳到检查结果（F8）' }));
    expect(document.activeElement).toBe(findings[0]);
  });
});

function Sheet() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        查看全部
      </button>
      <button type="button">表格</button>
      <FindingsPanel {...panelProps([panelFinding], { sheet: { open, onClose: () => setOpen(false) } })} />
    </>
  );
}

describe('7. the findings sheet (phones, 200%) is a keyboard dialog', () => {
  it('opened: a modal dialog with the focus inside, Tab wraps within it; Esc from anywhere closes it and focus is back on 查看全部', async () => {
    const v = render(<Sheet />);
    const opener = v.getByRole('button', { name: '查看全部' });
    act(() => opener.focus());
    fireEvent.click(opener);
    const dialog = v.getByRole('dialog', { name: '检查结果' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(dialog.contains(document.activeElement)).toBe(true);
    const close = v.getByRole('button', { name: '关闭' });
    const lastFinding = dialog.querySelectorAll<HTMLElement>('button.finding');
    const last = lastFinding[lastFinding.length - 1]!;
    act(() => last.focus());
    fireEvent.keyDown(last, { key: 'Tab' });
    expect(document.activeElement).toBe(close);
    fireEvent.keyDown(close, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(last);
    // Esc with the focus elsewhere (it cannot be, but a click may put it there): closes all the same
    act(() => v.getByRole('button', { name: '表格' }).focus());
    fireEvent.keyDown(window, { key: 'Escape' });
    expect(v.queryByRole('dialog')).toBeNull();
    act(() => opener.focus());
    fireEvent.click(opener);
    act(() => v.getByRole('button', { name: '关闭' }).focus());
    fireEvent.click(v.getByRole('button', { name: '关闭' }));
    expect(v.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });
});

describe('9. the keys are listed in the page and in the README', () => {
  it('「键盘操作」 lists F2, Esc, Ctrl+Z/Y, Ctrl+S, Ctrl+V, F8 — and apps/web/README.md names every one of them', () => {
    const v = renderEditor();
    const help = v.getByText('键盘操作').closest('details')!;
    for (const k of ['F2', 'Esc', 'Ctrl+Z / Ctrl+Y', 'Ctrl+S', 'Ctrl+V', 'F8 / Shift+F8', 'Tab / Shift+Tab'])
      expect(help.textContent).toContain(k);
    const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
    for (const [k] of KEYS) expect(readme).toContain(k);
  });
});

describe('10. the tabs follow the tab pattern', () => {
  it('one Tab stop; arrows, Home and End move and choose; each tab controls the panel', () => {
    const v = renderEditor();
    const tables = v.getByRole('tab', { name: '表格' });
    expect(tables.getAttribute('aria-controls')).toBe('editor-tabpanel');
    expect(v.getByRole('tabpanel').getAttribute('aria-labelledby')).toBe(tables.id);
    expect(v.getAllByRole('tab').map((t) => t.tabIndex)).toEqual([0, -1, -1, -1]);
    act(() => tables.focus());
    fireEvent.keyDown(tables, { key: 'ArrowRight' });
    const sections = v.getByRole('tab', { name: '正文' });
    expect(document.activeElement).toBe(sections);
    expect(sections.getAttribute('aria-selected')).toBe('true');
    expect(v.getByRole('tabpanel').getAttribute('aria-labelledby')).toBe(sections.id);
    fireEvent.keyDown(sections, { key: 'ArrowLeft' });
    expect(document.activeElement).toBe(tables);
    fireEvent.keyDown(tables, { key: 'ArrowLeft' });
    expect(document.activeElement).toBe(v.getByRole('tab', { name: '历史版本' }));
    fireEvent.keyDown(document.activeElement!, { key: 'Home' });
    expect(document.activeElement).toBe(tables);
  });
});

describe('14. small things', () => {
  it('a focused cell that is marked wrong shows both: the focus ring inside the red mark (not only a colour)', () => {
    const css = readFileSync(join(import.meta.dirname, '..', 'styles.css'), 'utf8').replace(/\s+/g, ' ');
    expect(css).toMatch(/input\.cell\.st-error:focus,[^{]*\{ outline-offset: -5px; \}/);
  });
  it('the keys hint of a total is not shown on a touch screen', () => {
    const css = readFileSync(join(import.meta.dirname, '..', 'styles.css'), 'utf8').replace(/\s+/g, ' ');
    expect(css).toContain('@media (hover: none) and (pointer: coarse) { .keys-hint { display: none; } }');
  });
});

describe('14. the cell bar follows the focus out of the tables', () => {
  it('Tab past the grid (focus elsewhere in the page): the bar no longer names the cell left; 跳到表格 goes back to it', async () => {
    const v = renderEditor();
    const c = v.cell('reviewLitigation.review.upheld');
    act(() => c.focus());
    expect(v.getByTestId('cell-bar-label').textContent).toContain('表四');
    act(() => v.getByRole('tab', { name: '表格' }).focus());
    expect(v.queryByTestId('cell-bar-label')).toBeNull();
    expect(v.getByTestId('grid-hint')).toBeTruthy();
    fireEvent.click(v.getByRole('button', { name: '跳到表格' }));
    await waitFor(() => expect(document.activeElement).toBe(c));
  });
});

describe('14. the reviewer list at 200%', () => {
  it('a status and 查看 do not break one character per line', () => {
    const css = readFileSync(join(import.meta.dirname, '..', 'styles.css'), 'utf8').replace(/\s+/g, ' ');
    expect(css).toContain('.region-table .status, .region-table td:last-child a { white-space: nowrap; }');
  });
});

describe('4. 撤销 / 重做 say what they did', () => {
  it('「已撤销：表三 … 自然人 7 → 60」, then 「已重做：…」, in a status region', () => {
    const v = renderEditor();
    const c = v.cell('applications.newReceived.naturalPerson');
    const before = c.value;
    act(() => c.focus());
    fireEvent.change(c, { target: { value: '7' } });
    fireEvent.click(v.getByRole('button', { name: '撤销' }));
    const said = v.getByTestId('undo-said');
    expect(said.getAttribute('role')).toBe('status');
    expect(said.textContent).toMatch(new RegExp(`^已撤销：表三 .*自然人 7 → ${before}$`));
    fireEvent.click(v.getByRole('button', { name: '重做' }));
    expect(said.textContent).toMatch(new RegExp(`^已重做：表三 .*自然人 ${before} → 7$`));
  });
});

describe('14. leaving the tables for the phone’s findings bar', () => {
  it('keeps the cell: the bar’s finding of that cell stays to be tapped', () => {
    const v = renderEditor({ report: withError() });
    const c = v.cell('applications.newReceived.naturalPerson');
    act(() => c.focus());
    const open = v.getByRole('button', { name: '查看全部' });
    act(() => open.focus());
    expect(v.getByTestId('cell-bar-label').textContent).toContain('自然人');
  });
});
