import { exampleReport } from '@nianbao/core';
import { act, fireEvent } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { editorTestSetup, renderDraftEditor } from '../test-support/editor';

editorTestSetup();

// A block pasted (Ctrl+V) into a cell while a number is being typed in it: the paste is a step of its
// own. Ctrl+Z or Esc after it took back the typing in that one cell — 自然人 back to 36 while
// 商业企业 kept the pasted 200 (总计 237), a paste half undone — and the next Ctrl+Z brought the whole
// paste back.

const report = exampleReport({ year: 2025 });
const A = 'applications.newReceived.naturalPerson';
const B = 'applications.newReceived.commercialEnterprise';
const T = 'applications.newReceived.total';

function renderEditor() {
  const v = renderDraftEditor(report);
  const cell = (id: string) => v.container.querySelector<HTMLInputElement>(`input[name="${id}"]`)!;
  const row = () => [cell(A).value, cell(B).value, cell(T).value].join(' ');
  const paste = (id: string, text: string) =>
    fireEvent.paste(cell(id), { clipboardData: { getData: () => text } });
  return { ...v, cell, row, paste };
}

describe('a block pasted into a cell mid-edit', () => {
  it('Ctrl+Z takes back the whole paste, then the number typed before it', () => {
    const v = renderEditor();
    expect(v.row()).toBe('36 6 43');
    act(() => v.cell(A).focus());
    fireEvent.change(v.cell(A), { target: { value: '7' } });
    v.paste(A, '100\t200');
    expect(v.row()).toBe('100 200 301');
    fireEvent.keyDown(v.cell(A), { key: 'z', ctrlKey: true });
    expect(v.row()).toBe('7 6 14');
    fireEvent.keyDown(v.cell(A), { key: 'z', ctrlKey: true });
    expect(v.row()).toBe('36 6 43');
  });

  it('Esc after it leaves the pasted numbers as they are', () => {
    const v = renderEditor();
    act(() => v.cell(A).focus());
    fireEvent.change(v.cell(A), { target: { value: '7' } });
    v.paste(A, '100\t200');
    fireEvent.keyDown(v.cell(A), { key: 'Escape' });
    expect(v.row()).toBe('100 200 301');
  });

  it('a text typed that is no number goes back to the value before; the block still goes in', () => {
    const v = renderEditor();
    act(() => v.cell(A).focus());
    fireEvent.change(v.cell(A), { target: { value: '7x' } });
    v.paste(A, '100\t200');
    expect(v.row()).toBe('100 200 301');
    fireEvent.keyDown(v.cell(A), { key: 'z', ctrlKey: true });
    expect(v.row()).toBe('36 6 43');
  });
});
