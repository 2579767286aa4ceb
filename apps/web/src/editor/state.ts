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
  /** Its step in the undo stack: 撤销 takes the change and its note back, 重做 both again. */
  readonly key?: string;
}

interface UndoEntry {
  readonly report: Report;
  readonly label: string;
  readonly key: string;
  readonly at: number;
  /** A redo step of a total changed by hand: its note, back with it. */
  readonly override?: Override;
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
  | { type: 'cell'; cell: CellId; value: number | null; unit?: '元' | '万元' | 'unknown' }
  | { type: 'paste'; nav: Nav; start: CellId; text: string }
  | { type: 'fix'; fix: FixSuggestion }
  | { type: 'section'; key: SectionKey; text: string; composing?: boolean }
  | { type: 'preamble'; text: string }
  | { type: 'override'; cell: CellId; label: string; value: number | null; reason: string }
  | { type: 'unit'; cell: CellId; unit: '元' | '万元' | 'unknown' }
  | { type: 'undo' }
  | { type: 'redo' }
  | { type: 'dismissPaste' }
  /** `sent`: the totals changed by hand whose note went with this version (said once, not again). */
  | { type: 'saved'; version: number; report: Report; revision: number; sent?: readonly Override[] }
  /**
   * The form's content replaced: by the server's (a newer version read again, a conflict merged, a
   * correction given up) — 撤销 then has nothing before it to go back to: every earlier step lacks what
   * came from the server, and saving it would erase that with no conflict — or, with `undoLabel`, by
   * the user's own choice (恢复此版本, 恢复本机副本): one step 撤销 takes back.
   */
  | { type: 'reset'; report: Report; version: number; dirty?: boolean; base?: Report; undoLabel?: string };

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

/** Plain data (meta, layout) equal in content. */
function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

const sameCell = (
  a: Report['cells'][string] | undefined,
  b: Report['cells'][string] | undefined,
  origin = true,
) =>
  a === b ||
  (!!a &&
    !!b &&
    a.value === b.value &&
    a.unit === b.unit &&
    a.raw === b.raw &&
    (!origin || a.origin === b.origin));

/**
 * Two reports equal in what is saved: cells (value, unit, raw, origin), sections, preamble, meta,
 * layout. Objects shared between the two (unchanged sections, cells) are skipped by reference.
 * `looseOrigin`: that cell's origin does not count (a value typed back over an imported one).
 */
export function sameContent(a: Report, b: Report, looseOrigin?: CellId): boolean {
  if (a === b) return true;
  if (a.preamble !== b.preamble || !deepEqual(a.meta, b.meta) || !deepEqual(a.layout, b.layout)) return false;
  if (a.sections !== b.sections && !deepEqual(a.sections, b.sections)) return false;
  if (a.cells === b.cells) return true;
  const ka = Object.keys(a.cells);
  if (ka.length !== Object.keys(b.cells).length) return false;
  return ka.every((id) => sameCell(a.cells[id], b.cells[id], id !== looseOrigin));
}

/**
 * `composing`: a text an input method is composing (pinyin, then the candidate it commits) — one step
 * with the edit before it however long the candidates are looked at: undo never ends in pinyin.
 */
function change(
  state: EditorState,
  next: Report,
  label: string,
  key: string,
  coalesce = false,
  composing = false,
): EditorState {
  if (next === state.report) return state;
  const now = Date.now();
  const top = state.undo[state.undo.length - 1];
  // Typed back to what it was (「2.5」 refused puts 23 back; a digit typed and erased): the edit is
  // gone, and so is its undo step — the report is the one before it, origin and all.
  if (
    top &&
    top.key === key &&
    sameContent(top.report, next, key.startsWith('cell:') ? key.slice(5) : undefined)
  )
    // (Still an edit: what was undone before it is not redone over it.)
    return {
      ...state,
      report: top.report,
      revision: state.revision + 1,
      undo: state.undo.slice(0, -1),
      redo: [],
    };
  const merge = coalesce && top && top.key === key && (composing || now - top.at < 1500);
  const undo = merge
    ? [...state.undo.slice(0, -1), { ...top, at: now }]
    : [...state.undo.slice(-99), { report: state.report, label, key, at: now }];
  return { ...state, report: next, revision: state.revision + 1, undo, redo: [] };
}

/**
 * Whether 撤销粘贴 undoes the last paste: it changed something, and nothing was done since (undo
 * would otherwise take back a paste that changed nothing — the edit before it — or a cell typed after).
 */
export function pasteUndoable(state: EditorState): boolean {
  const p = state.lastPaste;
  return !!p && state.undo.at(-1)?.key === `paste:${p.id}`;
}

/**
 * Whether 「已应用修正」's 撤销 undoes the last fix: nothing was done since (a total changed by hand, a
 * unit, the text of a section typed after it would be what 撤销 takes back, the fix left in place).
 */
export function fixUndoable(state: EditorState): boolean {
  const f = state.lastFix;
  return !!f && state.undo.at(-1)?.key === `fix:${f.id}`;
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
      // A paste that changed nothing (every number as it was, or nothing placed) is no step: 撤销 after
      // it takes back the edit before it, not an invisible 「粘贴」.
      const id = ++seq;
      const s = sameContent(res.report, state.report)
        ? state
        : change(state, res.report, '粘贴', `paste:${id}`);
      return { ...s, lastPaste: { ...res, id }, lastFix: null };
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
        action.composing,
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
      const key = `override:${++seq}`;
      const s = change(state, next, '改写合计', key);
      if (s === state) return state;
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
            key,
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
      // A total changed by hand taken back: no longer said in the next version's note.
      const override = state.overrides.find((o) => o.key === top.key);
      return {
        ...state,
        report: top.report,
        revision: state.revision + 1,
        undo: state.undo.slice(0, -1),
        redo: [...state.redo, { ...top, report: state.report, ...(override ? { override } : {}) }],
        overrides: override ? state.overrides.filter((o) => o !== override) : state.overrides,
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
        undo: [...state.undo, { report: state.report, label: top.label, key: top.key, at: top.at }],
        overrides: top.override ? [...state.overrides, top.override] : state.overrides,
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
        overrides:
          action.revision === state.revision
            ? []
            : action.sent
              ? state.overrides.filter((o) => !action.sent!.includes(o))
              : state.overrides,
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
        // A total changed by hand that the new content no longer holds (the other version's taken in a
        // merge, an older version restored) is no change of the next version: not said in its note.
        overrides: state.overrides.filter((o) => (working.cells[o.cell]?.value ?? null) === o.to),
        undo: action.undoLabel
          ? [
              ...state.undo.slice(-99),
              { report: state.report, label: action.undoLabel, key: `reset:${++seq}`, at: Date.now() },
            ]
          : [],
        redo: [],
        lastPaste: null,
        lastFix: null,
      };
    }
  }
}

/** The saved report as the form shows it (totals derived), once per saved report. */
const savedWorking = new WeakMap<Report, Report>();
/** Whether the working copy is clean, per working copy (isDirty runs on every render). */
const cleanCache = new WeakMap<Report, { saved: Report; clean: boolean }>();

/**
 * Edits not yet saved: the report differs in content from the version last saved. Edits that
 * cancel out (a refused entry put back, a digit typed and erased) leave nothing to save. Compared
 * only when edits were made since the save, and once per working copy.
 */
export function isDirty(s: Pick<EditorState, 'revision' | 'savedRevision' | 'report' | 'saved'>): boolean {
  if (s.revision === s.savedRevision) return false;
  const hit = cleanCache.get(s.report);
  if (hit && hit.saved === s.saved) return !hit.clean;
  let base = savedWorking.get(s.saved);
  if (!base) {
    base = derive(s.saved).report;
    savedWorking.set(s.saved, base);
  }
  const clean = sameContent(s.report, s.saved) || sameContent(s.report, base);
  cleanCache.set(s.report, { saved: s.saved, clean });
  return !clean;
}
