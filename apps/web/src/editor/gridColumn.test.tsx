import { exampleReport, type Report } from '@nianbao/core';
import { act, fireEvent } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { editorTestSetup, renderDraftEditor } from '../test-support/editor';

// ↑ / ↓ (and Enter, PageUp / PageDown) keep the column the user is in, as a spreadsheet does: through
// a merged cell of 表二 (a block with fewer columns, its last one spanning the rest) and out of it again,
// never the cell at the same place in the row's list of cells (现行有效件数 ↓↓↑ was 本年制发件数).

editorTestSetup();

function renderEditor(report: Report) {
  const v = renderDraftEditor(report);
  const cell = (id: string) => v.container.querySelector<HTMLInputElement>(`input[name="${id}"]`)!;
  const focused = () => document.activeElement?.getAttribute('name');
  const press = (key: string, opts: { shiftKey?: boolean } = {}) =>
    fireEvent.keyDown(document.activeElement!, { key, ...opts });
  return { ...v, cell, focused, press };
}

describe('↑ / ↓ through a merged cell of 表二 come back to the column they left', () => {
  it('2021: 规章 现行有效件数 ↓ ↓ (行政许可, one cell over three columns) ↑ ↑ is 现行有效件数 again', () => {
    const v = renderEditor(exampleReport({ year: 2025 }));
    act(() => v.cell('activeDisclosure.regulations.valid').focus());
    v.press('ArrowDown');
    expect(v.focused()).toBe('activeDisclosure.normativeDocs.valid');
    v.press('ArrowDown');
    expect(v.focused()).toBe('activeDisclosure.licensing.decisions');
    v.press('ArrowDown');
    expect(v.focused()).toBe('activeDisclosure.punishment.decisions');
    v.press('ArrowUp');
    v.press('ArrowUp');
    expect(v.focused()).toBe('activeDisclosure.normativeDocs.valid');
    v.press('ArrowUp');
    expect(v.focused()).toBe('activeDisclosure.regulations.valid');
    // Enter / Shift+Enter as ↓ / ↑
    v.press('Enter');
    v.press('Enter');
    v.press('Enter', { shiftKey: true });
    expect(v.focused()).toBe('activeDisclosure.normativeDocs.valid');
  });

  it('2021: a move across (→, a click) starts from the column of the cell it reached', () => {
    const v = renderEditor(exampleReport({ year: 2025 }));
    act(() => v.cell('activeDisclosure.normativeDocs.valid').focus());
    v.press('ArrowDown'); // 行政许可 (from column 3)
    act(() => v.cell('activeDisclosure.regulations.repealed').focus());
    act(() => v.cell('activeDisclosure.licensing.decisions').focus());
    v.press('ArrowUp'); // clicked into: its own first column
    expect(v.focused()).toBe('activeDisclosure.normativeDocs.made');
  });

  it('2019 trial edition: 行政强制 处理决定数量 ↓ ↓ (本年增/减 and 采购总金额 over two columns) ↑ ↑ is 处理决定数量', () => {
    const v = renderEditor(exampleReport({ year: 2020 }));
    act(() => v.cell('activeDisclosure.coercion.decisions').focus());
    v.press('ArrowDown');
    expect(v.focused()).toBe('activeDisclosure.adminFees.yearChange');
    v.press('ArrowDown');
    expect(v.focused()).toBe('activeDisclosure.centralProcurement.procurementAmount');
    v.press('ArrowUp');
    expect(v.focused()).toBe('activeDisclosure.adminFees.yearChange');
    v.press('ArrowUp');
    expect(v.focused()).toBe('activeDisclosure.coercion.decisions');
    // PageDown / PageUp too (10 rows: the table's last row, then back)
    v.press('PageDown');
    expect(v.focused()).toBe('activeDisclosure.centralProcurement.procurementAmount');
    v.press('PageUp');
    expect(v.focused()).toBe('activeDisclosure.regulations.totalPublished');
  });
});

describe('↑ / ↓ across two tables come back to the cell they left', () => {
  it('2021: 表三 一、本年新收 总计 ↑ (表二 行政事业性收费) ↓ is 总计 again; 表四 复议后起诉 总计 ↑ ↓ too', () => {
    const v = renderEditor(exampleReport({ year: 2025 }));
    act(() => v.cell('applications.newReceived.total').focus());
    v.press('ArrowUp');
    expect(v.focused()).toBe('activeDisclosure.adminFees.feeAmount');
    v.press('ArrowDown');
    expect(v.focused()).toBe('applications.newReceived.total');
    act(() => v.cell('reviewLitigation.litigationAfterReview.total').focus());
    v.press('ArrowUp');
    expect(v.focused()).toBe('applications.carriedForward.total');
    v.press('Enter');
    expect(v.focused()).toBe('reviewLitigation.litigationAfterReview.total');
    // a run begun elsewhere (a click) goes by the place in the row, as before: 表二's one cell → 自然人
    act(() => v.cell('activeDisclosure.adminFees.feeAmount').focus());
    v.press('ArrowDown');
    expect(v.focused()).toBe('applications.newReceived.naturalPerson');
  });
});
