import { type CellId, createEmptyReport, type Report, type TableKey } from '@nianbao/core';
import { act, cleanup, fireEvent, render } from '@testing-library/react';
import { useReducer, useRef } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildNav, move } from '../grid/nav';
import { type GridHandlers, TableView } from './Grid';
import { editorReducer, initEditor, isDirty } from './state';

const nav = buildNav('2021');
const nav2019 = buildNav('2019-trial');

/** 表三 with the editor's reducer and the same handlers the editor wires up. */
function Harness(
  props: {
    report?: Report;
    messages?: (string | null)[];
    commits?: unknown[];
    tables?: readonly TableKey[];
    /** A cell whose stored value (and unit) the harness shows as JSON in data-testid="stored". */
    watch?: CellId;
  } = {},
) {
  const [state, dispatch] = useReducer(editorReducer, undefined, () =>
    initEditor(props.report ?? createEmptyReport({ year: 2025, agency: '某某镇人民政府' }), 1),
  );
  const edition = state.report.meta.edition;
  const gridNav = edition === '2021' ? nav : nav2019;
  const inputs = useRef(new Map<CellId, HTMLInputElement>());
  const handlers = useRef<GridHandlers>(null as unknown as GridHandlers);
  handlers.current = {
    commit: (cell, value, unit) => {
      props.commits?.push(value);
      // as the editor does: a unit typed with an amount (2019 采购总金额) becomes the cell's
      dispatch({ type: 'cell', cell, value, ...(unit ? { unit } : {}) });
    },
    nav: (cell, key, shift) => {
      const next = move(gridNav, cell, key, shift);
      if (next) inputs.current.get(next)?.focus();
      return next !== undefined || key !== 'Tab';
    },
    paste: (cell, text) => dispatch({ type: 'paste', nav: gridNav, start: cell, text }),
    focus() {},
    reject: (_cell, msg) => props.messages?.push(msg),
    undo: () => dispatch({ type: 'undo' }),
    redo: () => dispatch({ type: 'redo' }),
    register: (cell, el) => {
      if (el) inputs.current.set(cell, el);
      else inputs.current.delete(cell);
    },
  };
  const none = new Set<CellId>();
  return (
    <>
      {(props.tables ?? (['applications', 'reviewLitigation'] as const)).map((t) => (
        <TableView
          key={t}
          edition={edition}
          table={t}
          report={state.report}
          marks={new Map()}
          highlighted={none}
          pasted={none}
          focused={null}
          readOnly={false}
          handlers={handlers}
        />
      ))}
      <output data-testid="changes">{state.lastPaste?.changes.length ?? 0}</output>
      <output data-testid="dirty">{String(isDirty(state))}</output>
      <output data-testid="undo">{state.undo.length}</output>
      <output data-testid="origin">
        {state.report.cells['applications.newReceived.naturalPerson']?.origin}
      </output>
      <output data-testid="stored">
        {JSON.stringify(props.watch ? state.report.cells[props.watch] : null)}
      </output>
    </>
  );
}

const cell = (c: HTMLElement, id: string) => c.querySelector<HTMLInputElement>(`input[name="${id}"]`)!;

afterEach(cleanup);

describe('the grid', () => {
  it('renders every 表三 and 表四 cell as an input named by its cell id, totals read-only', () => {
    const { container } = render(<Harness />);
    expect(container.querySelectorAll('input[name^="applications."]')).toHaveLength(25 * 7);
    expect(container.querySelectorAll('input[name^="reviewLitigation."]')).toHaveLength(15);
    expect(cell(container, 'applications.newReceived.total').readOnly).toBe(true);
    expect(cell(container, 'applications.resultTotal.naturalPerson').readOnly).toBe(true);
    expect(cell(container, 'applications.newReceived.naturalPerson').readOnly).toBe(false);
    // A screen reader hears the groups a row is under, as the printed table shows them.
    expect(cell(container, 'applications.other_other.naturalPerson').getAttribute('aria-label')).toBe(
      '表三 三、本年度办理结果 （六）其他处理 3.其他 · 申请人情况 自然人',
    );
    expect(container.textContent).toContain(
      '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）',
    );
    expect(container.textContent).toContain(
      '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
    );
  });

  it('moves with arrows, Enter, Tab and Shift+Tab', () => {
    const { container } = render(<Harness />);
    const a = cell(container, 'applications.newReceived.naturalPerson');
    a.focus();
    fireEvent.keyDown(a, { key: 'ArrowRight' });
    expect(document.activeElement).toBe(cell(container, 'applications.newReceived.commercialEnterprise'));
    fireEvent.keyDown(document.activeElement!, { key: 'Enter' });
    expect(document.activeElement).toBe(cell(container, 'applications.carriedOver.commercialEnterprise'));
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowUp' });
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowLeft' });
    expect(document.activeElement).toBe(a);
    cell(container, 'applications.newReceived.otherOrg').focus();
    fireEvent.keyDown(document.activeElement!, { key: 'Tab' });
    expect(document.activeElement).toBe(cell(container, 'applications.carriedOver.naturalPerson'));
    fireEvent.keyDown(document.activeElement!, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(cell(container, 'applications.newReceived.otherOrg'));
  });

  it('takes numbers only and computes the totals as you type', () => {
    const { container } = render(<Harness />);
    const a = cell(container, 'applications.newReceived.naturalPerson');
    fireEvent.change(a, { target: { value: '12' } });
    fireEvent.blur(a);
    // A refused text stays as typed and marked, is never stored, and goes back on leaving the cell.
    fireEvent.change(a, { target: { value: '12x' } });
    expect(a.value).toBe('12x');
    expect(a.classList.contains('refused')).toBe(true);
    expect(a.getAttribute('aria-invalid')).toBe('true');
    fireEvent.blur(a);
    expect(a.value).toBe('12');
    expect(a.classList.contains('refused')).toBe(false);
    // 「1.5」 typed into a 件数 cell: never 15, nor the 1 typed before the point.
    fireEvent.change(a, { target: { value: '1' } });
    fireEvent.change(a, { target: { value: '1.' } });
    fireEvent.change(a, { target: { value: '1.5' } });
    fireEvent.blur(a);
    // back to what the cell held before the edit: 12
    expect(a.value).toBe('12');
    // 13 digits are refused too.
    fireEvent.change(a, { target: { value: '1234567890123' } });
    expect(a.classList.contains('refused')).toBe(true);
    fireEvent.keyDown(a, { key: 'Escape' });
    expect(a.value).toBe('12');
    fireEvent.change(a, { target: { value: '12' } });
    for (const c of [
      'commercialEnterprise',
      'researchInstitution',
      'publicInterestOrg',
      'legalServiceOrg',
      'otherOrg',
    ])
      fireEvent.change(cell(container, `applications.newReceived.${c}`), { target: { value: '1' } });
    expect(cell(container, 'applications.newReceived.total').value).toBe('17');
    fireEvent.change(a, { target: { value: '' } });
    expect(cell(container, 'applications.newReceived.total').value).toBe('');
  });

  it('a cell the report lacks (an import that could not read it) is a blank to type into', () => {
    const full = createEmptyReport({ year: 2025, agency: '某某镇人民政府' });
    const { 'applications.granted.otherOrg': _missing, ...cells } = full.cells;
    const { container } = render(<Harness report={{ ...full, cells }} />);
    const c = cell(container, 'applications.granted.otherOrg');
    expect(c.readOnly).toBe(false);
    fireEvent.change(c, { target: { value: '4' } });
    fireEvent.blur(c);
    expect(c.value).toBe('4');
  });

  it('typing into cells the report lacks puts them in the report (what is saved), with their row total', () => {
    const full = createEmptyReport({ year: 2025, agency: '某某镇人民政府' });
    const row = Object.keys(full.cells).filter((id) => id.startsWith('applications.other_feeUnpaid.'));
    const cells = Object.fromEntries(Object.entries(full.cells).filter(([id]) => !row.includes(id)));
    let s = initEditor({ ...full, cells }, 1);
    const parts = row.filter((id) => !id.endsWith('.total'));
    for (const [i, id] of parts.entries()) s = editorReducer(s, { type: 'cell', cell: id, value: i + 1 });
    for (const [i, id] of parts.entries()) expect(s.report.cells[id]).toMatchObject({ value: i + 1 });
    expect(s.report.cells['applications.other_feeUnpaid.total']).toEqual({
      value: (parts.length * (parts.length + 1)) / 2,
      origin: 'derived',
    });
  });

  it('pastes a tab-separated block at the cursor, shows what changed, and undoes it', () => {
    const { container, getByTestId } = render(<Harness />);
    const start = cell(container, 'applications.granted.naturalPerson');
    start.focus();
    act(() => {
      fireEvent.paste(start, { clipboardData: { getData: () => '3\t1\t0\n2\t0\t0\n' } });
    });
    expect(cell(container, 'applications.granted.naturalPerson').value).toBe('3');
    expect(cell(container, 'applications.granted.commercialEnterprise').value).toBe('1');
    expect(cell(container, 'applications.partiallyGranted.naturalPerson').value).toBe('2');
    expect(getByTestId('changes').textContent).toBe('6');
    fireEvent.keyDown(document.activeElement!, { key: 'z', ctrlKey: true });
    expect(cell(container, 'applications.granted.naturalPerson').value).toBe('');
  });

  it('a text not finished as a number puts back the value the cell held before the edit, and says so', () => {
    const messages: (string | null)[] = [];
    const commits: unknown[] = [];
    const report = createEmptyReport({ year: 2025, agency: '某某镇人民政府' });
    const { container } = render(<Harness report={report} messages={messages} commits={commits} />);
    const a = cell(container, 'applications.newReceived.naturalPerson');
    const total = cell(container, 'applications.newReceived.total');
    const typeInto = (el: HTMLInputElement, text: string) => {
      for (let i = 1; i <= text.length; i++) fireEvent.change(el, { target: { value: text.slice(0, i) } });
    };
    for (const c of [
      'commercialEnterprise',
      'researchInstitution',
      'publicInterestOrg',
      'legalServiceOrg',
      'otherOrg',
    ]) {
      fireEvent.change(cell(container, `applications.newReceived.${c}`), { target: { value: '0' } });
      fireEvent.blur(cell(container, `applications.newReceived.${c}`));
    }
    typeInto(a, '23');
    fireEvent.keyDown(a, { key: 'Tab' });
    expect(a.value).toBe('23');
    for (const bad of ['2.5', '1e3', '0x1F', '99999999999999', '4.', '12 3', '4 2 0 0 6', '①']) {
      commits.length = 0;
      messages.length = 0;
      a.focus();
      typeInto(a, bad);
      fireEvent.keyDown(a, { key: 'Tab' });
      // refused as typed (「2.5」) or let through by the typing and refused by the parse (「4.」「12 3」):
      // held in the cell to mend, said, the cell still 23 — never dropped unsaid by a fast Tab
      expect(document.activeElement, bad).toBe(a);
      expect(a.value, bad).toBe(bad);
      expect(a.classList.contains('refused'), bad).toBe(true);
      expect(total.value, bad).toBe('23');
      expect(messages.at(-1), bad).toContain(`未接受“${bad}”`);
      expect(messages.at(-1), bad).toContain('请改正，或按 Esc 恢复');
      // a second Tab leaves and puts 23 back, saying the text was dropped
      fireEvent.keyDown(a, { key: 'Tab' });
      expect(document.activeElement, bad).not.toBe(a);
      expect(a.value, bad).toBe('23');
      expect(total.value, bad).toBe('23');
      // the last value given to the report is 23 again
      expect(commits.at(-1) ?? 23, bad).toBe(23);
      expect(messages.at(-1), bad).toContain(`已放弃无效输入“${bad}”`);
      expect(messages.at(-1), bad).toContain('该格仍为 23');
    }
    // Esc mid-edit: the value before the edit, not the valid prefix
    a.focus();
    typeInto(a, '4.');
    fireEvent.keyDown(a, { key: 'Escape' });
    expect(a.value).toBe('23');
    expect(total.value).toBe('23');
    // Enter after a valid number keeps it.
    a.focus();
    typeInto(a, '2002');
    fireEvent.keyDown(a, { key: 'Enter' });
    expect(a.value).toBe('2002');
  });

  it('a money cell: 1.2345678 (7 decimals) is not cut to 1.234567, the amount before stays', () => {
    const messages: (string | null)[] = [];
    const { container } = render(<Harness messages={messages} tables={['activeDisclosure']} />);
    const a = cell(container, 'activeDisclosure.adminFees.feeAmount');
    fireEvent.change(a, { target: { value: '3.5' } });
    fireEvent.blur(a);
    const t = '1.2345678';
    for (let i = 1; i <= t.length; i++) fireEvent.change(a, { target: { value: t.slice(0, i) } });
    fireEvent.blur(a);
    expect(a.value).toBe('3.5');
    expect(messages.at(-1)).toContain('该格仍为 3.5');
  });

  it('「20000元」 in 本年收费金额（单位：万元） is stored as 2 万元, and said', () => {
    const messages: (string | null)[] = [];
    const { container } = render(<Harness messages={messages} tables={['activeDisclosure']} />);
    const a = cell(container, 'activeDisclosure.adminFees.feeAmount');
    const t = '20000元';
    for (let i = 1; i <= t.length; i++) fireEvent.change(a, { target: { value: t.slice(0, i) } });
    fireEvent.keyDown(a, { key: 'Tab' });
    expect(a.value).toBe('2');
    expect(messages.at(-1)).toBe('已按万元换算：20000元 = 2万元');
    // 万元 in a count cell is refused: the cell keeps what it held
    const n = cell(container, 'activeDisclosure.licensing.decisions');
    for (const v of ['5', '5万', '5万元']) fireEvent.change(n, { target: { value: v } });
    fireEvent.blur(n);
    expect(n.value).toBe('');
    expect(messages.at(-1)).toContain('已放弃无效输入“5万元”');
  });

  it('a thousands group on its way (「1,23」 → 「1,234」) is no warning and no number: the value before stays until it is one', () => {
    const messages: (string | null)[] = [];
    const commits: unknown[] = [];
    const { container } = render(<Harness messages={messages} commits={commits} />);
    const a = cell(container, 'applications.newReceived.naturalPerson');
    for (const t of ['1', '1,', '1,2', '1,23']) fireEvent.change(a, { target: { value: t } });
    expect(messages).toEqual([]);
    // never the 1 typed before the comma, nor 123
    expect(commits.at(-1)).toBeNull();
    fireEvent.change(a, { target: { value: '1,234' } });
    expect(commits.at(-1)).toBe(1234);
    fireEvent.blur(a);
    expect(a.value).toBe('1234');
    expect(messages).toEqual([]);
    // 「1,2345」 can never be one: refused as typed, and said
    fireEvent.change(a, { target: { value: '1,2345' } });
    expect(a.classList.contains('refused')).toBe(true);
    expect(messages.at(-1)).toContain('“1,2345”不会被保存');
  });

  describe('a refused entry put back', () => {
    const typeInto = (el: HTMLInputElement, text: string) => {
      for (let i = 1; i <= text.length; i++) fireEvent.change(el, { target: { value: text.slice(0, i) } });
    };
    const id = 'applications.newReceived.naturalPerson';
    const at = (value: number) => {
      const r = createEmptyReport({ year: 2025, agency: '某某镇人民政府' });
      return { ...r, cells: { ...r.cells, [id]: { value, origin: 'imported' as const } } };
    };
    const out = (c: HTMLElement, t: string) => c.querySelector(`[data-testid="${t}"]`)!.textContent;
    afterEach(() => vi.restoreAllMocks());

    it('leaves the report as saved: nothing to save, no undo step (23, 「2.5」 + Tab, Tab)', () => {
      const { container } = render(<Harness report={at(23)} />);
      const a = cell(container, id);
      for (const slow of [false, true]) {
        let now = 1_000_000;
        vi.spyOn(Date, 'now').mockImplementation(() => (slow ? (now += 2000) : now));
        a.focus();
        typeInto(a, '2.5');
        // the first Tab holds it in the cell to mend (nothing stored), the second leaves and puts 23 back
        fireEvent.keyDown(a, { key: 'Tab' });
        expect(a.value).toBe('2.5');
        expect(out(container, 'dirty'), `slow ${slow}`).toBe('false');
        fireEvent.keyDown(a, { key: 'Tab' });
        expect(a.value).toBe('23');
        expect(out(container, 'dirty'), `slow ${slow}`).toBe('false');
        expect(out(container, 'undo')).toBe('0');
        expect(out(container, 'origin')).toBe('imported');
        vi.restoreAllMocks();
      }
      // a digit typed and erased: the same
      typeInto(a, '231');
      fireEvent.change(a, { target: { value: '23' } });
      fireEvent.blur(a);
      expect(out(container, 'dirty')).toBe('false');
      // a real change is one
      a.focus();
      typeInto(a, '24');
      fireEvent.blur(a);
      expect(out(container, 'dirty')).toBe('true');
    });

    it('the whole text deleted (Delete, Backspace) is an edit: Esc puts the number back; a refused text so deleted leaves no stale warning', () => {
      const messages: (string | null)[] = [];
      const { container } = render(<Harness report={at(36)} messages={messages} watch={id} />);
      const a = cell(container, id);
      a.focus();
      typeInto(a, '7x');
      expect(a.getAttribute('aria-invalid')).toBe('true');
      a.select();
      fireEvent.keyDown(a, { key: 'Delete' });
      expect(a.value).toBe('');
      expect(a.getAttribute('aria-invalid')).toBeNull();
      expect(messages.at(-1)).toBeNull(); // the warning about 「7x」 is stale
      fireEvent.keyDown(a, { key: 'Tab' });
      expect(JSON.parse(out(container, 'stored')!).value).toBeNull();
      expect(messages.at(-1)).toBeNull();
      // and Esc after Delete puts the number back, as after any edit
      a.focus();
      typeInto(a, '8');
      fireEvent.keyDown(a, { key: 'Tab' });
      a.focus();
      a.select();
      fireEvent.keyDown(a, { key: 'Backspace' });
      expect(JSON.parse(out(container, 'stored')!).value).toBeNull();
      fireEvent.keyDown(a, { key: 'Escape' });
      expect(a.value).toBe('8');
      expect(JSON.parse(out(container, 'stored')!).value).toBe(8);
    });

    it('one Ctrl+Z undoes the last real change; mid-edit it first puts back the value before the edit', () => {
      for (const slow of [false, true]) {
        // slow: a pause of 2 s before each keystroke after 「31」 (no two edits are one undo step)
        let now = 1_000_000;
        let pause = 0;
        vi.spyOn(Date, 'now').mockImplementation(() => (now += pause));
        const { container, unmount } = render(<Harness report={at(15)} />);
        const a = cell(container, id);
        a.focus();
        typeInto(a, '31');
        fireEvent.keyDown(a, { key: 'Tab' });
        if (slow) pause = 2000;
        a.focus();
        typeInto(a, '3.5');
        // held by the first Tab, dropped by the second
        fireEvent.keyDown(a, { key: 'Tab' });
        expect(a.value).toBe('3.5');
        fireEvent.keyDown(a, { key: 'Tab' });
        expect(a.value).toBe('31');
        a.focus();
        typeInto(a, '7.');
        fireEvent.keyDown(a, { key: 'z', ctrlKey: true });
        expect(a.value, `slow ${slow}`).toBe('31');
        fireEvent.keyDown(a, { key: 'z', ctrlKey: true });
        expect(a.value, `slow ${slow}`).toBe('15');
        expect(out(container, 'dirty')).toBe('false');
        fireEvent.keyDown(a, { key: 'z', ctrlKey: true, shiftKey: true });
        expect(a.value).toBe('31');
        unmount();
        vi.restoreAllMocks();
      }
    });
  });

  it('a click into a cell selects its number whether or not it has the focus (typing replaces it); mid-edit, double-click or F2 places the caret', () => {
    const { container } = render(<Harness />);
    const id = 'applications.newReceived.legalServiceOrg';
    const c = cell(container, id);
    fireEvent.change(c, { target: { value: '8' } });
    fireEvent.blur(c);
    // Focused already, the caret put before the number (a click left of right-aligned text did that).
    c.focus();
    c.setSelectionRange(0, 0);
    const click = fireEvent.mouseDown(c, { button: 0 });
    expect(click).toBe(false); // the browser does not place the caret
    expect([c.selectionStart, c.selectionEnd]).toEqual([0, 1]);
    // A cell without the focus: focused and selected too.
    const other = cell(container, 'applications.carriedOver.naturalPerson');
    expect(fireEvent.mouseDown(other, { button: 0 })).toBe(false);
    expect(document.activeElement).toBe(other);
    // Mid-edit: the click is the browser's (a digit to change).
    fireEvent.change(other, { target: { value: '12' } });
    expect(fireEvent.mouseDown(other, { button: 0 })).toBe(true);
    fireEvent.blur(other);
    // Double-click: the caret at the end, and clicks are the browser's until the cell is left.
    c.focus();
    fireEvent.doubleClick(c);
    expect([c.selectionStart, c.selectionEnd]).toEqual([1, 1]);
    expect(fireEvent.mouseDown(c, { button: 0 })).toBe(true);
    fireEvent.blur(c);
    c.focus();
    expect(fireEvent.mouseDown(c, { button: 0 })).toBe(false);
    fireEvent.keyDown(c, { key: 'F2' });
    expect([c.selectionStart, c.selectionEnd]).toEqual([1, 1]);
  });

  it('after F2, ← and → are the caret’s (not a move to the next cell); with Alt/Ctrl an arrow never moves', () => {
    const { container } = render(<Harness />);
    const c = cell(container, 'applications.newReceived.legalServiceOrg');
    fireEvent.change(c, { target: { value: '86' } });
    fireEvent.blur(c);
    c.focus();
    // not in place: → goes to the next cell (the key is the grid's)
    expect(fireEvent.keyDown(c, { key: 'ArrowRight' })).toBe(false);
    c.focus();
    fireEvent.keyDown(c, { key: 'F2' });
    expect(fireEvent.keyDown(c, { key: 'ArrowLeft' })).toBe(true); // the browser moves the caret
    expect(document.activeElement).toBe(c);
    expect(fireEvent.keyDown(c, { key: 'ArrowRight' })).toBe(true);
    expect(document.activeElement).toBe(c);
    // ↓ still leaves the cell, as Enter does
    expect(fireEvent.keyDown(c, { key: 'ArrowDown' })).toBe(false);
    expect(document.activeElement).not.toBe(c);
    c.focus();
    expect(fireEvent.keyDown(c, { key: 'ArrowDown', altKey: true })).toBe(true);
    expect(fireEvent.keyDown(c, { key: 'ArrowRight', ctrlKey: true })).toBe(true);
    expect(document.activeElement).toBe(c);
  });
});

// QA bad input (reports/qa-badinput.md): what a person types, as core reads it, kept or refused in the grid.
describe('typed text the grid keeps only as the number it is', () => {
  const typeInto = (el: HTMLInputElement, text: string) => {
    for (let i = 1; i <= text.length; i++) fireEvent.change(el, { target: { value: text.slice(0, i) } });
  };
  const stored = (c: HTMLElement) => JSON.parse(c.querySelector('[data-testid="stored"]')!.textContent!);
  const fee = 'activeDisclosure.adminFees.feeAmount';

  it('「1.5亿」 in 本年收费金额（万元） is 15000 万元, said — never the 1.5 typed before 亿', () => {
    const messages: (string | null)[] = [];
    const commits: unknown[] = [];
    const { container } = render(
      <Harness messages={messages} commits={commits} tables={['activeDisclosure']} watch={fee} />,
    );
    const a = cell(container, fee);
    a.focus();
    typeInto(a, '1.5亿');
    fireEvent.keyDown(a, { key: 'Tab' });
    expect(stored(container)).toMatchObject({ value: 15000, unit: '万元' });
    expect(commits.at(-1)).toBe(15000);
    expect(a.value).toBe('15000');
    expect(messages.at(-1)).toBe('已按万元换算：1.5亿元 = 15000万元');
    a.focus();
    typeInto(a, '8000万');
    fireEvent.blur(a);
    expect(stored(container)).toMatchObject({ value: 8000 });
    expect(messages.at(-1)).toBe('已按万元读：8000万 = 8000万元');
  });

  it('2019 采购总金额: 「2亿」 after 「3,580.5元」 is 20000 万元 (the cell’s unit follows), 「15.3万」 is 15.3 万元', () => {
    const id = 'activeDisclosure.centralProcurement.procurementAmount';
    const messages: (string | null)[] = [];
    const report = createEmptyReport({ year: 2020, agency: '某某镇人民政府' });
    const { container } = render(
      <Harness report={report} messages={messages} tables={['activeDisclosure']} watch={id} />,
    );
    const a = cell(container, id);
    a.focus();
    typeInto(a, '3,580.5元');
    fireEvent.keyDown(a, { key: 'Tab' });
    expect(stored(container)).toMatchObject({ value: 3580.5, unit: '元' });
    a.focus();
    typeInto(a, '2亿');
    fireEvent.keyDown(a, { key: 'Tab' });
    expect(stored(container)).toMatchObject({ value: 20000, unit: '万元' });
    expect(messages.at(-1)).toBe('已按万元换算：2亿元 = 20000万元');
    a.focus();
    typeInto(a, '15.3万');
    fireEvent.blur(a);
    expect(stored(container)).toMatchObject({ value: 15.3, unit: '万元' });
  });

  it('2019 采购总金额: Esc after 「15.3万」 puts back 3580.5 元 — the amount and its unit — never 3580.5 万元', () => {
    const id = 'activeDisclosure.centralProcurement.procurementAmount';
    const report = createEmptyReport({ year: 2020, agency: '某某镇人民政府' });
    const { container } = render(<Harness report={report} tables={['activeDisclosure']} watch={id} />);
    const a = cell(container, id);
    a.focus();
    typeInto(a, '3,580.5元');
    fireEvent.keyDown(a, { key: 'Tab' });
    expect(stored(container)).toMatchObject({ value: 3580.5, unit: '元' });
    // Esc
    a.focus();
    typeInto(a, '15.3万');
    expect(stored(container)).toMatchObject({ value: 15.3, unit: '万元' });
    fireEvent.keyDown(a, { key: 'Escape' });
    expect(stored(container)).toMatchObject({ value: 3580.5, unit: '元' });
    expect(a.value).toBe('3580.5');
    // a text then refused, left: the same
    a.focus();
    typeInto(a, '15.3万x');
    fireEvent.blur(a);
    expect(stored(container)).toMatchObject({ value: 3580.5, unit: '元' });
    // 「万」 typed and erased before the edit ends: the number typed in the cell's unit as it was
    a.focus();
    typeInto(a, '15.3万');
    fireEvent.change(a, { target: { value: '15.3' } });
    fireEvent.keyDown(a, { key: 'Enter' });
    expect(stored(container)).toMatchObject({ value: 15.3, unit: '元' });
  });

  it('a phone’s keyboard: a number pad for counts, with a point for amounts; 本年增/减 (may be negative) the one with a minus', () => {
    const report = createEmptyReport({ year: 2020, agency: '某某镇人民政府' });
    const { container } = render(<Harness report={report} tables={['activeDisclosure']} />);
    const mode = (id: string) => cell(container, id).getAttribute('inputmode');
    expect(mode('activeDisclosure.licensing.prevYearItems')).toBe('numeric');
    expect(mode('activeDisclosure.centralProcurement.procurementAmount')).toBe('decimal');
    for (const row of ['licensing', 'otherMgmtServices', 'punishment', 'coercion', 'adminFees'])
      expect(mode(`activeDisclosure.${row}.yearChange`), row).toBe('text');
  });

  it('Enter on a text the parse refuses keeps the cell’s value and the text to mend; mended, it is taken', () => {
    const messages: (string | null)[] = [];
    const { container } = render(
      <Harness messages={messages} watch="applications.newReceived.naturalPerson" />,
    );
    const a = cell(container, 'applications.newReceived.naturalPerson');
    a.focus();
    typeInto(a, '23');
    fireEvent.keyDown(a, { key: 'Enter' });
    a.focus();
    typeInto(a, '12 3');
    // while typed: the value before the edit, never 12 (the keystroke before) nor 123
    expect(stored(container)).toMatchObject({ value: 23 });
    fireEvent.keyDown(a, { key: 'Enter' });
    expect(document.activeElement).toBe(a);
    expect(a.value).toBe('12 3');
    expect(a.getAttribute('aria-invalid')).toBe('true');
    expect(messages.at(-1)).toContain('未接受“12 3”（数字中间有空格');
    expect(messages.at(-1)).toContain('该格仍为 23');
    expect(stored(container)).toMatchObject({ value: 23 });
    // mended into a thousands group: taken, the warning gone, and said how it was read
    fireEvent.change(a, { target: { value: '12 345' } });
    expect(a.classList.contains('refused')).toBe(false);
    fireEvent.keyDown(a, { key: 'Enter' });
    expect(document.activeElement).not.toBe(a);
    expect(stored(container)).toMatchObject({ value: 12345 });
    expect(messages.at(-1)).toBe('空格按千位分隔读：“12 345”读作 12345');
  });

  it('digits spaced out, circled or superscript are never another number', () => {
    const messages: (string | null)[] = [];
    const { container } = render(
      <Harness messages={messages} watch="applications.newReceived.naturalPerson" />,
    );
    const a = cell(container, 'applications.newReceived.naturalPerson');
    for (const bad of ['4 2 0 0 0 0 6', '①', '㉑', '1²3']) {
      a.focus();
      typeInto(a, bad);
      expect(a.classList.contains('refused'), bad).toBe(true);
      fireEvent.blur(a);
      expect(stored(container), bad).toMatchObject({ value: null });
      expect(messages.at(-1), bad).toContain(`已放弃无效输入“${bad}”`);
    }
    expect(messages.at(-1)).toContain('（“²”是上标数字');
    // a footnote mark after the number: the number, and said
    a.focus();
    typeInto(a, '35¹');
    fireEvent.blur(a);
    expect(stored(container)).toMatchObject({ value: 35 });
    expect(a.value).toBe('35');
    expect(messages.at(-1)).toBe('已去掉数字后的注释号“¹”：“35¹”读作 35');
  });

  it('「—」「/」「无」 typed are blank, as pasted and imported; 「12.0」 in a count is 12', () => {
    const messages: (string | null)[] = [];
    const { container } = render(
      <Harness messages={messages} watch="applications.newReceived.naturalPerson" />,
    );
    const a = cell(container, 'applications.newReceived.naturalPerson');
    for (const mark of ['—', '/', '无']) {
      a.focus();
      typeInto(a, '7');
      fireEvent.blur(a);
      a.focus();
      fireEvent.change(a, { target: { value: mark } });
      expect(a.classList.contains('refused'), mark).toBe(false);
      fireEvent.blur(a);
      expect(stored(container), mark).toMatchObject({ value: null });
      expect(a.value, mark).toBe('');
    }
    a.focus();
    typeInto(a, '12.0');
    expect(a.classList.contains('refused')).toBe(false);
    fireEvent.keyDown(a, { key: 'Tab' });
    expect(stored(container)).toMatchObject({ value: 12 });
    expect(a.value).toBe('12');
  });

  it('an amount a double cannot keep (「123456789012.123456」) is refused, not rounded', () => {
    const messages: (string | null)[] = [];
    const { container } = render(<Harness messages={messages} tables={['activeDisclosure']} watch={fee} />);
    const a = cell(container, fee);
    a.focus();
    typeInto(a, '3.5');
    fireEvent.blur(a);
    a.focus();
    typeInto(a, '123456789012.123456');
    expect(a.classList.contains('refused')).toBe(true);
    fireEvent.blur(a);
    expect(stored(container)).toMatchObject({ value: 3.5 });
    expect(messages.at(-1)).toContain('有效数字过多');
    expect(messages.at(-1)).toContain('该格仍为 3.5');
  });
});
