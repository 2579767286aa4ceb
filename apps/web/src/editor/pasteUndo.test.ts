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
  });

  it('not offered once a cell was typed after the paste', () => {
    let s = initEditor(createEmptyReport({ year: 2025, agency: '某某镇人民政府' }), 1);
    s = editorReducer(s, { type: 'paste', nav, start: 'applications.granted.naturalPerson', text: '3\t4' });
    s = editorReducer(s, { type: 'cell', cell, value: 9 });
    expect(pasteUndoable(s)).toBe(false);
  });
});
