import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { exampleReport, type Report, setCell } from '@nianbao/core';
import { act, fireEvent } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { buildNav, PAGE_ROWS } from '../grid/nav';
import { editorTestSetup, renderDraftEditor } from '../test-support/editor';
import { layoutStandIns } from '../test-support/layout';
import { KEYS } from './KeysHelp';

// The form's grid for a keyboard and a screen reader (QA keyboard / a11y): the spreadsheet keys
// Home / End / Ctrl+Home / Ctrl+End / PageUp / PageDown; what the cell bar says of a cell is in the
// cell's accessible description; the tables' head rows stay in view, never over the focused cell.

editorTestSetup();

function renderEditor(report: Report = exampleReport({ year: 2025 })) {
  const v = renderDraftEditor(report);
  const cell = (id: string) => v.container.querySelector<HTMLInputElement>(`input[name="${id}"]`)!;
  const focused = () => document.activeElement?.getAttribute('name');
  return { ...v, cell, focused };
}

const nav = buildNav('2021');
const table3 = nav.tables.find((t) => t.table === 'applications')!.rows;

describe('Home / End / Ctrl+Home / Ctrl+End / PageUp / PageDown move as in a spreadsheet', () => {
  it('Home / End: the row’s first / last cell; Ctrl+Home / Ctrl+End: the table’s; PageDown / PageUp: 10 rows', () => {
    const v = renderEditor();
    const start = table3[2]![3]!;
    act(() => v.cell(start).focus());
    // each key is the grid's (the browser's default is prevented), the focus moves
    expect(fireEvent.keyDown(v.cell(start), { key: 'Home' })).toBe(false);
    expect(v.focused()).toBe(table3[2]![0]);
    fireEvent.keyDown(document.activeElement!, { key: 'End' });
    expect(v.focused()).toBe(table3[2]!.at(-1)); // the row's total: reached, as by →
    fireEvent.keyDown(document.activeElement!, { key: 'Home', ctrlKey: true });
    expect(v.focused()).toBe(table3[0]![0]);
    fireEvent.keyDown(document.activeElement!, { key: 'PageDown' });
    expect(v.focused()).toBe(table3[PAGE_ROWS]![0]);
    fireEvent.keyDown(document.activeElement!, { key: 'PageDown' });
    fireEvent.keyDown(document.activeElement!, { key: 'PageDown' });
    fireEvent.keyDown(document.activeElement!, { key: 'PageDown' });
    expect(v.focused()).toBe(table3.at(-1)![0]); // not past the table's last row
    fireEvent.keyDown(document.activeElement!, { key: 'PageUp' });
    expect(v.focused()).toBe(table3[table3.length - 1 - PAGE_ROWS]![0]);
    fireEvent.keyDown(document.activeElement!, { key: 'End', ctrlKey: true });
    expect(v.focused()).toBe(table3.at(-1)!.at(-1));
    // Shift+Home selects the text (the browser's), no move
    expect(fireEvent.keyDown(document.activeElement!, { key: 'Home', shiftKey: true })).toBe(true);
    expect(v.focused()).toBe(table3.at(-1)!.at(-1));
  });

  it('editing a number (after F2, or typing), Home and End move the caret, not the cursor', () => {
    const v = renderEditor();
    const c = v.cell(table3[1]![2]!);
    act(() => c.focus());
    fireEvent.keyDown(c, { key: 'F2' });
    for (const key of ['Home', 'End']) {
      expect(fireEvent.keyDown(c, { key })).toBe(true); // left to the browser: the caret moves
      expect(fireEvent.keyDown(c, { key, ctrlKey: true })).toBe(true);
      expect(document.activeElement).toBe(c);
    }
    // PageDown leaves the cell as ↓ does
    fireEvent.keyDown(c, { key: 'PageDown' });
    expect(v.focused()).toBe(table3[1 + PAGE_ROWS]![2]);
    // typing a number, then Home: the caret goes to its start
    const d = v.cell(table3[3]![1]!);
    act(() => d.focus());
    fireEvent.change(d, { target: { value: '12' } });
    expect(fireEvent.keyDown(d, { key: 'Home' })).toBe(true);
    expect(document.activeElement).toBe(d);
    // left and back: Home is a move again
    fireEvent.keyDown(d, { key: 'Enter' });
    fireEvent.keyDown(document.activeElement!, { key: 'Home' });
    expect(v.focused()).toBe(table3[4]![0]);
  });

  it('「键盘操作」 lists them, saying how far PageUp / PageDown go', () => {
    const v = renderEditor();
    const help = v.getByText('键盘操作').closest('details')!.textContent!;
    for (const k of ['Home / End', 'Ctrl+Home / Ctrl+End', 'PageUp / PageDown']) expect(help).toContain(k);
    expect(KEYS.find(([k]) => k === 'PageUp / PageDown')![1]).toContain(`${PAGE_ROWS} 行`);
  });
});

describe('what the cell bar says of a cell is in its accessible description', () => {
  const describedBy = (el: HTMLElement) => {
    const ids = el.getAttribute('aria-describedby');
    return ids ? ids.split(' ').map((id) => document.getElementById(id)!) : [];
  };

  it('a printed total that disagrees: 印制的总计与各项之和不符, with the two numbers and how to mend it', () => {
    const r = exampleReport({ year: 2025 });
    const v = renderEditor({
      ...r,
      cells: { ...r.cells, 'applications.newReceived.total': { value: 86, origin: 'imported' } },
    } as Report);
    const total = v.cell('applications.newReceived.total');
    act(() => total.focus());
    expect(v.getByTestId('printed-total-chip').textContent).toBe('印制的总计与各项之和不符');
    const said = v.getByRole('textbox', {
      name: /一、本年新收.*总计$/,
      description: /印制的总计与各项之和不符/,
    });
    expect(said).toBe(total);
    const text = describedBy(total)[0]!.textContent!;
    expect(text).toContain('印制的合计为 86');
    expect(text).toContain('按 Tab 或 F2 处理');
    // said once: the text is no second thing on the page to read (hidden), nor a live region
    expect(describedBy(total)[0]!.hidden).toBe(true);
    expect(describedBy(total)[0]!.closest('[aria-live],[role=status],[role=alert]')).toBeNull();
  });

  it('a cell with a 勾稽 error: 「错误：T3-…」 (its worst finding), a computed total: 自动计算, an amount: its unit', () => {
    const r = exampleReport({ year: 2025 });
    const id = 'applications.newReceived.naturalPerson';
    const v = renderEditor(setCell(r, id, (r.cells[id]!.value as number) + 1));
    const c = v.cell(id);
    act(() => c.focus());
    const text = describedBy(c)[0]!.textContent!;
    expect(text).toMatch(/^错误：T3-/);
    // as long as what the cell is marked with, not the whole list: one finding, then how many more
    expect(text.split('；').length).toBeLessThanOrEqual(2);
    expect(v.getAllByRole('textbox', { name: /自然人$/, description: /^错误：T3-/ })).toContain(c);
    expect(describedBy(v.cell('applications.resultTotal.total'))[0]!.textContent).toMatch(/^自动计算(；|$)/);
    expect(describedBy(v.cell('activeDisclosure.adminFees.feeAmount'))[0]!.textContent).toContain(
      '金额（万元）',
    );
  });

  it('a plain cell without findings has no description (nothing is said twice)', () => {
    const v = renderEditor();
    const c = v.cell('applications.newReceived.commercialEnterprise');
    expect(c.hasAttribute('aria-describedby')).toBe(false);
  });
});

describe('the head rows of a table stay in view (表三: 自然人 / 法人或其他组织 … / 总计), never over the focused cell', () => {
  const css = readFileSync(join(import.meta.dirname, '..', 'styles.css'), 'utf8').replace(/\s+/g, ' ');
  const phone = css.slice(css.indexOf('/* Phones (390 px and so on)'));

  it('the stylesheet: head rows sticky below the editor bar and the cell bar; a phone’s table in its own box', () => {
    expect(css).toContain(
      '.editor table.official thead { position: sticky; top: calc(var(--bar-h, 96px) + var(--cell-bar-h, 2.6rem)); z-index: 3; }',
    );
    // the form's table box is no scroll box on a computer (a scroll box would hold the sticky rows)
    expect(css).toContain('.editor .table-wrap { overflow-x: clip; }');
    // not collapsed borders: those stay behind as the rows stick
    expect(css).toMatch(/table\.official \{ border-collapse: separate; border-spacing: 0;/);
    // a cell reached by a key is scrolled below the bars, its table's head rows and (表二) its block's heading
    expect(css).toContain(
      'scroll-margin-top: calc( var(--bar-h, 96px) + var(--cell-bar-h, 3.5rem) + var(--thead-h, 0px) + var(--block-head-h, 0px) + 0.25rem );',
    );
    // a phone: the table scrolls in a box between the cell bar and the findings bar, head rows at its top,
    // row labels at its left edge
    expect(phone).toContain(
      '.editor .table-wrap { overflow: auto; max-height: calc(100dvh - var(--cell-bar-h, 3rem) - var(--findings-bar-h, 4rem));',
    );
    // at the box's top, or lower by as much as the page is scrolled past it (--page-past, useStickyBars)
    expect(phone).toContain('.editor table.official thead { top: var(--page-past, 0px); }');
    expect(phone).toMatch(/table\.official th\.row-label-near \{ position: sticky; left: 0;/);
    expect(phone).toContain(
      'scroll-margin-top: calc(var(--thead-h, 0px) + var(--block-head-h, 0px) + 0.25rem);',
    );
  });

  it('the heights they are placed by are measured: the cell bar’s, the findings bar’s (on the editor), the head rows’ (on each table)', () => {
    const height = vi.spyOn(HTMLElement.prototype, 'offsetHeight', 'get').mockImplementation(function (
      this: HTMLElement,
    ) {
      if (this.classList.contains('cell-bar')) return 44;
      if (this.classList.contains('findings-bar')) return 60;
      return this.tagName === 'THEAD' ? 90 : 0;
    });
    try {
      const v = renderEditor();
      const editor = v.container.querySelector<HTMLElement>('.editor')!;
      expect(editor.style.getPropertyValue('--cell-bar-h')).toBe('44px');
      expect(editor.style.getPropertyValue('--findings-bar-h')).toBe('60px');
      const t3 = v.container.querySelector<HTMLElement>('table.t-applications')!;
      expect(t3.style.getPropertyValue('--thead-h')).toBe('90px');
    } finally {
      height.mockRestore();
    }
  });

  it('a key move in a table that scrolls in its own box (a phone) brings the box into view too, the cell out from under the row label; the cell bar grown, again', () => {
    const { scrolled, grown, restore } = layoutStandIns();
    try {
      const v = renderEditor();
      const wrap = v.cell(table3[0]![0]!).closest<HTMLElement>('.table-wrap')!;
      // as the phone's stylesheet makes it: a box that scrolls
      wrap.style.overflow = 'auto';
      const start = v.cell(table3[2]![0]!);
      act(() => start.focus());
      fireEvent.keyDown(start, { key: 'ArrowDown' });
      const next = v.cell(table3[3]![0]!);
      expect(document.activeElement).toBe(next);
      expect(scrolled).toEqual([next, wrap]);
      // the row's label, sticky at the box's left edge, over the cell: the box is scrolled back by as much
      const label = next.closest('tr')!.querySelector<HTMLElement>('th.row-label-near')!;
      label.style.position = 'sticky';
      const rect = (left: number, right: number) => () => ({ left, right, top: 0, bottom: 30 }) as DOMRect;
      label.getBoundingClientRect = rect(0, 120);
      const after = v.cell(table3[3]![1]!);
      after.getBoundingClientRect = rect(100, 160);
      wrap.getBoundingClientRect = rect(0, 390);
      Object.defineProperty(wrap, 'clientWidth', { value: 390 });
      wrap.scrollLeft = 300;
      fireEvent.keyDown(next, { key: 'ArrowRight' });
      expect(document.activeElement).toBe(after);
      expect(wrap.scrollLeft).toBe(280);
      // the cell bar grew a line after the move (it names the new cell): the cell moved to, and its
      // table's box, are brought into view again
      scrolled.length = 0;
      grown();
      expect(scrolled).toEqual([after, wrap]);
      // a cell tapped (focused, no key), still in view: the bars changing height move nothing
      const tapped = v.cell(table3[5]![1]!);
      act(() => tapped.focus());
      tapped.getBoundingClientRect = () => ({ left: 200, right: 260, top: 300, bottom: 330 }) as DOMRect;
      const bar = v.container.querySelector<HTMLElement>('.cell-bar')!;
      bar.getBoundingClientRect = () => ({ top: 0, bottom: 80 }) as DOMRect;
      scrolled.length = 0;
      grown();
      expect(scrolled).toEqual([]);
      // … and now under the grown bar: brought out
      bar.getBoundingClientRect = () => ({ top: 0, bottom: 320 }) as DOMRect;
      grown();
      expect(scrolled).toContain(tapped);
    } finally {
      restore();
    }
  });
});
