import {
  applyFix,
  type CellId,
  derive,
  type FixSuggestion,
  type Report,
  type SectionKey,
  setCell,
  setSection,
} from '@nianbao/core';
import type { Nav } from '../grid/nav';
import { type PasteResult, pasteBlock } from '../grid/paste';

export interface Override {
  readonly cell: CellId;
  readonly label: string;
  readonly from: number | null;
  readonly to: number | null;
  readonly reason: string;
}

interface UndoEntry {
  readonly report: Report;
  readonly label: string;
  readonly key: string;
  readonly at: number;
}

export interface EditorState {
  /** The working copy; totals are always derived. */
  readonly report: Report;
  /** The content of the last saved version, and its number. */
  readonly saved: Report;
  readonly savedVersion: number;
  readonly revision: number;
  readonly savedRevision: number;
  readonly undo: readonly UndoEntry[];
  readonly redo: readonly UndoEntry[];
  /** Totals changed by hand this session, with the reason (goes into the version note). */
  readonly overrides: readonly Override[];
  readonly lastPaste: (PasteResult & { readonly id: number }) | null;
  /** The last fix applied (its undo is the top of the undo stack). */
  readonly lastFix: { readonly fix: FixSuggestion; readonly id: number } | null;
}

export type EditorAction =
  | { type: 'cell'; cell: CellId; value: number | null; unit?: '元' | '万元' }
  | { type: 'paste'; nav: Nav; start: CellId; text: string }
  | { type: 'fix'; fix: FixSuggestion }
  | { type: 'section'; key: SectionKey; text: string }
  | { type: 'preamble'; text: string }
  | { type: 'override'; cell: CellId; label: string; value: number | null; reason: string }
  | { type: 'unit'; cell: CellId; unit: '元' | '万元' | 'unknown' }
  | { type: 'undo' }
  | { type: 'redo' }
  | { type: 'dismissPaste' }
  | { type: 'saved'; version: number; report: Report; revision: number }
  | { type: 'reset'; report: Report; version: number; dirty?: boolean; base?: Report };

export function initEditor(report: Report, version: number): EditorState {
  const working = derive(report).report;
  return {
    report: working,
    saved: report,
    savedVersion: version,
    revision: 0,
    savedRevision: 0,
    undo: [],
    redo: [],
    overrides: [],
    lastPaste: null,
    lastFix: null,
  };
}

let seq = 0;

function change(state: EditorState, next: Report, label: string, key: string, coalesce = false): EditorState {
  if (next === state.report) return state;
  const now = Date.now();
  const top = state.undo[state.undo.length - 1];
  const merge = coalesce && top && top.key === key && now - top.at < 1500;
  const undo = merge
    ? [...state.undo.slice(0, -1), { ...top, at: now }]
    : [...state.undo.slice(-99), { report: state.report, label, key, at: now }];
  return { ...state, report: next, revision: state.revision + 1, undo, redo: [] };
}

export function editorReducer(state: EditorState, action: EditorAction): EditorState {
  switch (action.type) {
    case 'cell': {
      // A cell the report lacks (an import could not read it) is a blank to fill: typing into it
      // adds it, and the totals of its row once the row is complete.
      const cur = state.report.cells[action.cell];
      const unitChanged = action.unit !== undefined && cur?.unit !== action.unit;
      if ((cur?.value ?? null) === action.value && !unitChanged) return state;
      let next = derive(setCell(state.report, action.cell, action.value), { fillAbsent: true }).report;
      // 「15.3万元」 typed where the report says the unit (2019 采购总金额): the unit typed is the cell's.
      const set = next.cells[action.cell];
      if (unitChanged && set)
        next = { ...next, cells: { ...next.cells, [action.cell]: { ...set, unit: action.unit } } };
      return { ...change(state, next, '输入', `cell:${action.cell}`, true), lastFix: null };
    }
    case 'paste': {
      const res = pasteBlock(state.report, action.nav, action.start, action.text);
      const s = change(state, res.report, '粘贴', `paste:${++seq}`);
      return { ...s, lastPaste: { ...res, id: seq }, lastFix: null };
    }
    case 'fix': {
      const next = applyFix(state.report, action.fix);
      const s = change(state, next, '建议修正', `fix:${++seq}`);
      return { ...s, lastFix: { fix: action.fix, id: seq } };
    }
    case 'section':
      return change(
        state,
        setSection(state.report, action.key, action.text),
        '正文',
        `section:${action.key}`,
        true,
      );
    case 'preamble':
      return change(state, { ...state.report, preamble: action.text }, '前言', 'preamble', true);
    case 'override': {
      const prev = state.report.cells[action.cell];
      if (!prev) return state;
      const cells = { ...state.report.cells };
      // null = take the computed value again (the total follows its parts).
      cells[action.cell] =
        action.value === null
          ? { value: null, origin: 'derived' }
          : { value: action.value, origin: 'entered' };
      const next = derive({ ...state.report, cells }).report;
      const s = change(state, next, '改写合计', `override:${++seq}`);
      return {
        ...s,
        overrides: [
          ...state.overrides,
          {
            cell: action.cell,
            label: action.label,
            from: prev.value,
            to: next.cells[action.cell]?.value ?? null,
            reason: action.reason,
          },
        ],
      };
    }
    case 'unit': {
      const prev = state.report.cells[action.cell];
      if (!prev || prev.unit === action.unit) return state;
      const next = {
        ...state.report,
        cells: { ...state.report.cells, [action.cell]: { ...prev, unit: action.unit } },
      };
      return change(state, next, '单位', `unit:${action.cell}`);
    }
    case 'undo': {
      const top = state.undo[state.undo.length - 1];
      if (!top) return state;
      return {
        ...state,
        report: top.report,
        revision: state.revision + 1,
        undo: state.undo.slice(0, -1),
        redo: [...state.redo, { ...top, report: state.report }],
        lastFix: null,
        lastPaste: null,
      };
    }
    case 'redo': {
      const top = state.redo[state.redo.length - 1];
      if (!top) return state;
      return {
        ...state,
        report: top.report,
        revision: state.revision + 1,
        redo: state.redo.slice(0, -1),
        undo: [...state.undo, { ...top, report: state.report }],
      };
    }
    case 'dismissPaste':
      return { ...state, lastPaste: null };
    case 'saved':
      return {
        ...state,
        saved: action.report,
        savedVersion: action.version,
        savedRevision: action.revision,
        overrides: action.revision === state.revision ? [] : state.overrides,
      };
    case 'reset': {
      const working = derive(action.report).report;
      return {
        ...state,
        report: working,
        saved: action.base ?? (action.dirty ? state.saved : action.report),
        savedVersion: action.version,
        revision: state.revision + 1,
        savedRevision: action.dirty ? state.savedRevision : state.revision + 1,
        lastPaste: null,
        lastFix: null,
      };
    }
  }
}

export const isDirty = (s: EditorState) => s.revision !== s.savedRevision;
