import { derive, exampleReport, setCell, suggestFixes } from '@nianbao/core';
import { fireEvent, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { editorTestSetup, overrideTotal, renderDraftEditor } from '../test-support/editor';
import { editorReducer, fixUndoable, initEditor } from './state';

editorTestSetup();

// 「已应用修正：…  撤销」 offers to take back the fix: its 撤销 is the editor's, the last step. After
// another edit (a total changed by hand, a unit, the text of a section) that step is no longer the
// fix — the notice clicked took back the other edit and left the fix's number in the report.

const report = exampleReport({ year: 2025 });
const A = 'applications.newReceived.naturalPerson';
const typo = derive(setCell(report, A, (report.cells[A]!.value as number) + 9)).report;

describe('撤销 of 「已应用修正」 undoes the fix, never another edit', () => {
  it('offered after the fix; gone once a total was changed by hand after it (its 撤销 would take that back)', async () => {
    const v = renderDraftEditor(typo);
    const values = () =>
      Object.fromEntries(
        [...v.container.querySelectorAll<HTMLInputElement>('input.cell')].map((i) => [i.name, i.value]),
      );
    const before = values();
    fireEvent.click(await waitFor(() => v.getAllByRole('button', { name: '应用此修正' })[0]!));
    const fixed = values();
    expect(fixed).not.toEqual(before);
    expect(v.container.querySelector('.fix-applied')).not.toBeNull();
    // offered right after it: takes back the fix
    fireEvent.click(v.container.querySelector('.fix-applied button')!);
    expect(values()).toEqual(before);
    // applied again, then a total changed by hand: the notice no longer offers to take the fix back
    fireEvent.click(await waitFor(() => v.getAllByRole('button', { name: '应用此修正' })[0]!));
    expect(values()).toEqual(fixed);
    overrideTotal(v, 'applications.granted.total', 999);
    expect(v.container.querySelector('.fix-applied')).toBeNull();
  });

  it('fixUndoable: the fix is the last step — not after an override, a unit, a section or the preamble', () => {
    const fix = suggestFixes(typo)[0]!;
    const start = editorReducer(initEditor(typo, 1), { type: 'fix', fix });
    expect(fixUndoable(start)).toBe(true);
    const after = [
      editorReducer(start, {
        type: 'override',
        cell: 'applications.granted.total',
        label: '',
        value: 999,
        reason: '原件如此',
      }),
      editorReducer(start, { type: 'section', key: 'overview', text: '概述' }),
      editorReducer(start, { type: 'preamble', text: '前言' }),
    ];
    for (const s of after) {
      expect(s.report).not.toBe(start.report);
      expect(fixUndoable(s)).toBe(false);
    }
    expect(fixUndoable(editorReducer(start, { type: 'undo' }))).toBe(false);
  });
});
