import { createEmptyReport } from '@nianbao/core';
import { describe, expect, it } from 'vitest';
import { buildNav } from '../grid/nav';
import { editorReducer, initEditor, pasteUndoable } from './state';

const nav = buildNav('2021');
const cell = 'applications.newReceived.naturalPerson';

describe('撤销粘贴 undoes the paste, never another edit', () => {
  it('offered after a paste that changed cells; undo takes back exactly that paste', () => {
    let s = initEditor(createEmptyReport({ year: 2025, agency: '某某镇人民政府' }), 1);
    s = editorReducer(s, { type: 'cell', cell, value: 5 });
    const typed = s.report;
    s = editorReducer(s, { type: 'paste', nav, start: 'applications.granted.naturalPerson', text: '3\t4' });
    expect(pasteUndoable(s)).toBe(true);
    s = editorReducer(s, { type: 'undo' });
    expect(s.report).toEqual(typed);
  });

  it('not offered when the paste changed nothing (undo would take back the 5 typed before it)', () => {
    let s = initEditor(createEmptyReport({ year: 2025, agency: '某某镇人民政府' }), 1);
    s = editorReducer(s, { type: 'cell', cell, value: 5 });
    // a labelled block whose rows are all another table's: nothing pasted
    s = editorReducer(s, { type: 'paste', nav, start: cell, text: '行政处罚\t3\n行政强制\t4' });
    expect(s.lastPaste).not.toBeNull();
    expect(s.lastPaste!.changes).toEqual([]);
    expect(pasteUndoable(s)).toBe(false);
    // and no step of its own: 撤销 takes back the 5 (it took back an invisible 「粘贴」 first)
    expect(editorReducer(s, { type: 'undo' }).report.cells[cell]?.value ?? null).toBeNull();
  });

  it('a paste of the numbers already there is no step either: 撤销 takes back the edit before it', () => {
    let s = initEditor(createEmptyReport({ year: 2025, agency: '某某镇人民政府' }), 1);
    s = editorReducer(s, { type: 'cell', cell, value: 5 });
    s = editorReducer(s, { type: 'paste', nav, start: cell, text: '5' });
    expect(s.lastPaste!.changes).toEqual([]);
    expect(s.undo).toHaveLength(1);
    expect(pasteUndoable(s)).toBe(false);
    expect(editorReducer(s, { type: 'undo' }).report.cells[cell]?.value ?? null).toBeNull();
  });

  it('not offered after a paste that changed nothing, following one that did (it would take back that one)', () => {
    let s = initEditor(createEmptyReport({ year: 2025, agency: '某某镇人民政府' }), 1);
    s = editorReducer(s, { type: 'paste', nav, start: cell, text: '3\t4' });
    expect(pasteUndoable(s)).toBe(true);
    s = editorReducer(s, { type: 'paste', nav, start: cell, text: '3' });
    expect(s.lastPaste!.changes).toEqual([]);
    expect(pasteUndoable(s)).toBe(false);
  });

  it('not offered once a cell was typed after the paste', () => {
    let s = initEditor(createEmptyReport({ year: 2025, agency: '某某镇人民政府' }), 1);
    s = editorReducer(s, { type: 'paste', nav, start: 'applications.granted.naturalPerson', text: '3\t4' });
    s = editorReducer(s, { type: 'cell', cell, value: 9 });
    expect(pasteUndoable(s)).toBe(false);
  });
});

describe('an edit typed back to what it was is still an edit: 重做 has nothing left after it', () => {
  it('undo of B, then A typed back: 重做 does not bring A’s number back with B', () => {
    const a = cell;
    const b = 'applications.granted.naturalPerson';
    let s = initEditor(createEmptyReport({ year: 2025, agency: '某某镇人民政府' }), 1);
    s = editorReducer(s, { type: 'cell', cell: a, value: 5 });
    s = editorReducer(s, { type: 'cell', cell: b, value: 7 });
    s = editorReducer(s, { type: 'undo' });
    // A erased again by hand
    s = editorReducer(s, { type: 'cell', cell: a, value: null });
    expect(s.report.cells[a]?.value ?? null).toBeNull();
    s = editorReducer(s, { type: 'redo' });
    expect(s.report.cells[a]?.value ?? null).toBeNull();
  });
});
