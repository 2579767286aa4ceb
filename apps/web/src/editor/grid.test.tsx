import { type CellId, createEmptyReport, type Report } from '@nianbao/core';
import { act, cleanup, fireEvent, render } from '@testing-library/react';
import { useReducer, useRef } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { buildNav, move } from '../grid/nav';
import { type GridHandlers, TableView } from './Grid';
import { editorReducer, initEditor } from './state';

const nav = buildNav('2021');

/** 表三 with the editor's reducer and the same handlers the editor wires up. */
function Harness(props: { report?: Report } = {}) {
  const [state, dispatch] = useReducer(editorReducer, undefined, () =>
    initEditor(props.report ?? createEmptyReport({ year: 2025, agency: '某某镇人民政府' }), 1),
  );
  const inputs = useRef(new Map<CellId, HTMLInputElement>());
  const handlers = useRef<GridHandlers>(null as unknown as GridHandlers);
  handlers.current = {
    commit: (cell, value) => dispatch({ type: 'cell', cell, value }),
    nav: (cell, key, shift) => {
      const next = move(nav, cell, key, shift);
      if (next) inputs.current.get(next)?.focus();
      return next !== undefined || key !== 'Tab';
    },
    paste: (cell, text) => dispatch({ type: 'paste', nav, start: cell, text }),
    focus() {},
    reject() {},
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
      <TableView
        edition="2021"
        table="applications"
        report={state.report}
        marks={new Map()}
        highlighted={none}
        pasted={none}
        focused={null}
        readOnly={false}
        handlers={handlers}
      />
      <TableView
        edition="2021"
        table="reviewLitigation"
        report={state.report}
        marks={new Map()}
        highlighted={none}
        pasted={none}
        focused={null}
        readOnly={false}
        handlers={handlers}
      />
      <output data-testid="changes">{state.lastPaste?.changes.length ?? 0}</output>
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
    // A refused text stays as typed and marked, is never stored, and goes back on leaving the cell.
    fireEvent.change(a, { target: { value: '12x' } });
    expect(a.value).toBe('12x');
    expect(a.classList.contains('refused')).toBe(true);
    expect(a.getAttribute('aria-invalid')).toBe('true');
    fireEvent.blur(a);
    expect(a.value).toBe('12');
    expect(a.classList.contains('refused')).toBe(false);
    // 「1.5」 typed into a 件数 cell: never 15 (the digit after the refused point does not join the 1).
    fireEvent.change(a, { target: { value: '1' } });
    fireEvent.change(a, { target: { value: '1.' } });
    fireEvent.change(a, { target: { value: '1.5' } });
    fireEvent.blur(a);
    // back to what the cell holds: 1, not 15
    expect(a.value).toBe('1');
    // 13 digits are refused too.
    fireEvent.change(a, { target: { value: '1234567890123' } });
    expect(a.classList.contains('refused')).toBe(true);
    fireEvent.keyDown(a, { key: 'Escape' });
    expect(a.value).toBe('1');
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
});
