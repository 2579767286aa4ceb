import {
  applyFix,
  cellDef,
  pasteBlock as corePaste,
  derive,
  type Finding,
  type FixSuggestion,
  isPartialNumber,
  type PasteResult,
  parseCellText,
  type Report,
  setCell,
  splitPastedText,
  suggestFixes,
  type TableKey,
  type ValidationConfig,
  validate,
} from '@nianbao/core';
import { sortFindings } from '../lib/findings.js';
import { chinaToday } from '../lib/today.js';
import { cellAt, locateCell, TABLE_ORDER, tableLayout } from './layout.js';

/** The editor's state. Pure data: every key press is `handleKey(state, key)`; effects are returned. */
export interface EditorState {
  /** The report as saved or last confirmed (totals derived). */
  readonly report: Report;
  readonly previous?: Report;
  readonly config?: ValidationConfig;
  readonly history: readonly Report[];
  /** The report as opened or last saved: what quitting now would leave on disk. */
  readonly saved: Report;
  /** Whether `report` differs from `saved` (a change undone, or a fix restoring the value, is none). */
  readonly dirty: boolean;
  readonly table: TableKey;
  readonly row: number;
  readonly col: number;
  /** Digits being typed into the current cell; null when not typing. */
  readonly buffer: string | null;
  readonly focus: 'grid' | 'findings';
  readonly findingIndex: number;
  readonly screen: 'grid' | 'summary' | 'help' | 'detail';
  /** The first line shown of a screen longer than the terminal (summary, help, detail). */
  readonly scroll?: number;
  readonly message: string | null;
  /** q pressed once with unsaved changes. */
  readonly quitArmed: boolean;
  /**
   * Text typed on the status line: a file name for 另存为 (W), a row label to find (/), or the new
   * value and then the reason of 手动改写合计 (r: `cell` the total, `value` the new value once given;
   * null = its parts' sum again). Null otherwise.
   */
  readonly prompt?: {
    readonly kind: 'saveAs' | 'search' | 'override' | 'overrideReason';
    readonly text: string;
    readonly cell?: string;
    readonly value?: number | null;
  } | null;
  /**
   * The totals changed by hand (r) since the last save, with their reasons: handed to the save, which
   * keeps them for the version note of the next push (the report file has no place for them). u
   * taking one back drops it.
   */
  readonly overrides: readonly Override[];
}

/** A total changed by hand (r), as the web form keeps it for the version note. */
export interface Override {
  readonly cell: string;
  readonly label: string;
  readonly from: number | null;
  /** The value it took; null only when its parts leave it blank. */
  readonly to: number | null;
  readonly reason: string;
  /** The report the change made: u from it takes this change back. */
  readonly after: Report;
}

export interface Key {
  readonly input: string;
  readonly upArrow?: boolean;
  readonly downArrow?: boolean;
  readonly leftArrow?: boolean;
  readonly rightArrow?: boolean;
  readonly pageUp?: boolean;
  readonly pageDown?: boolean;
  readonly return?: boolean;
  readonly escape?: boolean;
  readonly tab?: boolean;
  readonly shift?: boolean;
  readonly backspace?: boolean;
  readonly delete?: boolean;
  readonly ctrl?: boolean;
  /** A block pasted from a spreadsheet (tab-separated rows): filled from the cursor cell. */
  readonly paste?: string;
}

export type Effect = 'save' | 'saveAs' | 'editSections' | 'quit';

export function initialState(
  report: Report,
  options: { previous?: Report; config?: ValidationConfig } = {},
): EditorState {
  return {
    report,
    ...(options.previous ? { previous: options.previous } : {}),
    ...(options.config ? { config: options.config } : {}),
    history: [],
    saved: report,
    dirty: false,
    table: 'applications',
    row: 0,
    col: 0,
    buffer: null,
    focus: 'grid',
    findingIndex: 0,
    screen: 'grid',
    message: null,
    quitArmed: false,
    overrides: [],
  };
}

export function currentCell(s: EditorState): string | undefined {
  return cellAt(s.report.meta.edition, s.table, s.row, s.col);
}

/**
 * What typing into a computed total says — the web form's words (apps/web Grid.tsx DERIVED_TYPED),
 * with this editor's key for 「手动改写合计…」 (r) where the web form has F2.
 */
export const DERIVED_TYPED =
  '合计由各项自动计算，不能直接输入；请改各项的数，或按 r 用“手动改写合计…”（须写明原因）';
/** What pasting one number onto a computed total says (the web form's DERIVED_PASTED, r for F2). */
export const DERIVED_PASTED =
  '合计由各项自动计算，不能粘贴单个数；请改各项的数，或按 r 用“手动改写合计…”（须写明原因）';

/**
 * Whether the cell is a total core computes (表三 总计 column and （七）总计, 表四 总计): as in the web
 * form, never typed into — a number typed there would be kept as a 「报告印制的总计」 with no reason.
 * It is changed by 手动改写合计 (r), with a reason.
 */
function isTotal(s: EditorState, id: string | undefined): boolean {
  return !!id && cellDef(s.report.meta.edition, id)?.derived === true;
}

/**
 * Why the typed text is not a value of this cell (简体中文), or undefined when it is one or may still
 * become one. Read as core reads what is typed or pasted into a cell (the web form does the same):
 * full-width digits, thousands separators, 件, and a money unit — 元 converted exactly where the
 * format prints 万元 — so 「20000元」 in 本年收费金额 is 2 万元, never 20000 万元, and 「1,5」 is refused,
 * never 15. Refused at once exactly where the web form refuses: when the text is no value and cannot
 * become one as more is typed (core's isPartialNumber: 「1,2」 on its way to 「1,234」, 「15.3万」 to
 * 「15.3万元」). A blank mark (「—」, a lone 「-」, 「无」) is a blank, as in the web form and the importer.
 */
export function bufferProblem(edition: Report['meta']['edition'], id: string, b: string): string | undefined {
  const def = cellDef(edition, id);
  const type = def?.valueType ?? 'count';
  if (b === '') return undefined;
  const p = parseCellText(b, type, def?.unit);
  if (p.kind !== 'error' || isPartialNumber(b, type)) return undefined;
  return p.message;
}

type Typed = { value: number | null; unit?: '元' | '万元'; note?: string };

function parseBuffer(s: EditorState, id: string): Typed | 'invalid' {
  const b = s.buffer ?? '';
  if (b === '') return { value: null };
  const def = cellDef(s.report.meta.edition, id);
  const p = parseCellText(b, def?.valueType ?? 'count', def?.unit);
  if (p.kind === 'error') return 'invalid';
  if (p.kind === 'blank') return { value: null };
  return { value: p.value, ...(p.unit ? { unit: p.unit } : {}), ...(p.note ? { note: p.note } : {}) };
}

/** The report with a typed entry in its cell: a unit typed into the 2019 采购总金额 becomes the cell's. */
function withTyped(report: Report, id: string, t: Typed): Report {
  const set = setCell(report, id, t.value);
  if (!t.unit) return set;
  return setCell(set, id, { ...set.cells[id]!, unit: t.unit });
}

/** The report shown: while typing, the typed number is already in it and the totals follow. */
export function viewReport(s: EditorState): Report {
  // nothing typed yet: the cell shows what it holds (an empty entry changes nothing)
  if (s.buffer === null || s.buffer === '') return s.report;
  const id = currentCell(s);
  if (!id) return s.report;
  const v = parseBuffer(s, id);
  if (v === 'invalid') return s.report;
  return derive(withTyped(s.report, id, v)).report;
}

const findingsCache = new WeakMap<Report, Finding[]>();
/** The rule catalogue over the shown report, errors first (cached per report object). */
export function findingsOf(s: EditorState): Finding[] {
  const r = viewReport(s);
  let f = findingsCache.get(r);
  if (!f) {
    f = sortFindings(
      validate(r, {
        today: chinaToday(),
        ...(s.previous ? { previous: s.previous } : {}),
        ...(s.config ? { config: s.config } : {}),
      }),
    );
    findingsCache.set(r, f);
  }
  return f;
}

const fixCache = new WeakMap<Report, FixSuggestion[]>();
/** core's suggestions; the cells the last edit changed rank first among fixes that resolve as much. */
function fixesOf(s: Pick<EditorState, 'report' | 'history'>): FixSuggestion[] {
  const r = s.report;
  let f = fixCache.get(r);
  if (!f) {
    const before = s.history[s.history.length - 1];
    const recent = before
      ? Object.keys(r.cells).filter(
          (id) => r.cells[id]?.origin !== 'derived' && r.cells[id]?.value !== before.cells[id]?.value,
        )
      : [];
    f = suggestFixes(r, { limit: 30, ...(recent.length && recent.length <= 3 ? { recent } : {}) });
    fixCache.set(r, f);
  }
  return f;
}

const findingKey = (f: Finding) => `${f.ruleId}|${f.cells.join(',')}`;

/**
 * Whether one change of a fix is about this finding: it changes one of its cells, or a total of its
 * cells follows from it (a T3-B finding names （七）总计, a fix changes （一）予以公开 under it).
 */
function changesFindingCells(report: Report, f: Finding, c: FixSuggestion['changes'][number]): boolean {
  if (f.cells.includes(c.cell)) return true;
  const after = derive(setCell(report, c.cell, c.to)).report;
  return f.cells.some((id) => after.cells[id]?.value !== report.cells[id]?.value);
}

/**
 * The suggestion for a finding: of core's suggestions that change one of its cells (or name its
 * rule), those after which — totals following, as the form applies them — the finding holds. A fix
 * that changes only this finding's own cells comes first: core also offers one suggestion that mends
 * several independent findings at once (「同时修改 2 处」), which must not be what `a` on one
 * finding applies. Then the one that leaves the fewest errors (then the fewest other findings),
 * core's order deciding a tie. A fix core lists under another rule (T3-B) that also mends this row
 * or column (T3-H, T3-V) is found from the finding as from its cell.
 */
function bestFixFor(s: EditorState, fixes: readonly FixSuggestion[], f: Finding): FixSuggestion | undefined {
  const key = findingKey(f);
  let best: { fix: FixSuggestion; own: boolean; errors: number; rest: number } | undefined;
  for (const fix of fixes) {
    if (!fix.ruleIds.includes(f.ruleId) && !fix.changes.some((c) => f.cells.includes(c.cell))) continue;
    const own = fix.changes.every((c) => changesFindingCells(s.report, f, c));
    if (best?.own && !own) continue;
    const after = validate(derive(applyFix(s.report, fix)).report, {
      today: chinaToday(),
      ...(s.previous ? { previous: s.previous } : {}),
      ...(s.config ? { config: s.config } : {}),
    }).filter((x) => x.status === 'failed');
    if (after.some((x) => findingKey(x) === key)) continue;
    const errors = after.filter((x) => x.severity === 'error' || x.severity === 'crossYear').length;
    const rest = after.length - errors;
    if (!best || (own && !best.own) || errors < best.errors || (errors === best.errors && rest < best.rest))
      best = { fix, own, errors, rest };
  }
  return best?.fix;
}

/** The best suggested change for a finding, or for the cell under the cursor. */
export function suggestionFor(
  s: EditorState,
  target: { finding?: Finding; cell?: string },
): FixSuggestion | undefined {
  const fixes = fixesOf(s);
  if (target.finding) return bestFixFor(s, fixes, target.finding);
  if (target.cell) {
    const cell = target.cell;
    // core's change of this very cell (a number just mistyped: the totals the findings name follow it)
    const own = fixes.find((x) => x.changes.length === 1 && x.changes[0]!.cell === cell);
    if (own) return own;
    const onCell = findingsOf(s).filter((f) => f.status === 'failed' && f.cells.includes(cell));
    for (const f of onCell) {
      const fix = bestFixFor(s, fixes, f);
      if (fix) return fix;
    }
    return undefined;
  }
  return undefined;
}

/** Equal as JSON: the same keys with the same values, in any order (`undefined` as absent). */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = (o: object) => Object.keys(o).filter((k) => (o as Record<string, unknown>)[k] !== undefined);
  const ka = keys(a);
  if (ka.length !== keys(b).length) return false;
  return ka.every((k) => sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/**
 * Whether two reports say the same: the same meta and sections, the same cells with the same values
 * and units. How a value came to be (`origin`) and what was printed for it (`raw`) are not compared:
 * a typo put right by `a` comes back as 「entered」 without its 「+19」, yet quitting then leaves the
 * file as it was, with both — nothing is lost.
 */
function sameReport(a: Report, b: Report): boolean {
  if (a === b) return true;
  const { cells: ca, ...ra } = a;
  const { cells: cb, ...rb } = b;
  if (!sameJson(ra, rb)) return false;
  const ids = Object.keys(ca);
  if (ids.length !== Object.keys(cb).length) return false;
  return ids.every((id) => {
    const x = ca[id as keyof typeof ca];
    const y = cb[id as keyof typeof cb];
    return !!x && !!y && x.value === y.value && (x.unit ?? 'unknown') === (y.unit ?? 'unknown');
  });
}

/** `report` as the editor's report: unsaved only when it differs from what was opened or last saved. */
export function withCurrent(s: EditorState, report: Report): EditorState {
  return { ...s, report, dirty: !sameReport(report, s.saved) };
}

/** The state once `s.report` has been saved. */
export function markSaved(s: EditorState): EditorState {
  // the reasons went with the save
  return { ...s, saved: s.report, dirty: false, quitArmed: false, overrides: [] };
}

function withReport(s: EditorState, report: Report, message: string | null): EditorState {
  return {
    ...withCurrent(s, report),
    history: [...s.history.slice(-99), s.report],
    buffer: null,
    message,
    quitArmed: false,
  };
}

/**
 * Confirm the typed number: set the cell, derive the totals. Text that is not a value of the cell
 * is not confirmed: it stays in the cell with the reason on the status line (Backspace mends it,
 * Esc drops it), so that 「3.5」 in a count cell never becomes 35 or 3.
 */
function commit(s: EditorState): EditorState {
  if (s.buffer === null) return s;
  // Nothing typed (Enter, then Enter or an arrow): the cell keeps its value. Only x / Delete blank.
  if (s.buffer === '') return { ...s, buffer: null };
  const id = currentCell(s);
  if (!id) return { ...s, buffer: null };
  const v = parseBuffer(s, id);
  if (v === 'invalid') {
    const def = cellDef(s.report.meta.edition, id);
    const p = parseCellText(s.buffer, def?.valueType ?? 'count', def?.unit);
    const why =
      bufferProblem(s.report.meta.edition, id, s.buffer) ??
      (p.kind === 'error' ? p.message : '不是有效的数值');
    return { ...s, message: `${why}：未填入；Backspace 修改，Esc 取消` };
  }
  const cur = s.report.cells[id];
  // a blank mark typed (「—」「-」「无」): said as x says it
  const note = v.value === null ? `「${s.buffer.trim()}」按空白读：已清空单元格（空白不等于 0）` : v.note;
  if (cur?.value === v.value && cur?.origin !== 'derived' && (!v.unit || cur?.unit === v.unit))
    return { ...s, buffer: null, message: note ?? null };
  // 「20000元」 where 万元 is printed: say what was stored.
  return withReport(s, derive(withTyped(s.report, id, v)).report, note ?? null);
}

function rowLength(s: EditorState, row: number): number {
  const t = tableLayout(s.report.meta.edition, s.table);
  const line = t.lines[t.rows[row] ?? -1];
  return line?.kind === 'row' ? line.cells.length : 0;
}

function move(s: EditorState, dRow: number, dCol: number): EditorState {
  const t = tableLayout(s.report.meta.edition, s.table);
  const row = Math.max(0, Math.min(t.rows.length - 1, s.row + dRow));
  const len = rowLength({ ...s, row }, row);
  const col = Math.max(0, Math.min(len - 1, Math.min(s.col, len - 1) + dCol));
  return { ...s, row, col, message: null, quitArmed: false };
}

function switchTable(s: EditorState, d: number): EditorState {
  const i = TABLE_ORDER.indexOf(s.table);
  const table = TABLE_ORDER[(i + d + TABLE_ORDER.length) % TABLE_ORDER.length]!;
  return { ...s, table, row: 0, col: 0, message: null, quitArmed: false };
}

export function jumpTo(s: EditorState, f: Finding): EditorState {
  const id = f.cells[0];
  if (!id) {
    return {
      ...s,
      focus: 'grid',
      message: f.section
        ? `该问题涉及正文，按 e 编辑：${f.message}`
        : // a finding about the preamble (S9 统计期限): its hint says where, e edits it
          /前言/.test(f.hint)
          ? `该问题涉及前言，按 e 编辑：${f.message}。${f.hint}`
          : f.message,
    };
  }
  const at = locateCell(s.report.meta.edition, id);
  if (!at) return { ...s, focus: 'grid', message: `单元格 ${id} 不在表格中` };
  return { ...s, focus: 'grid', table: at.table, row: at.row, col: at.col, message: null };
}

/**
 * A key typed into the cell. Every key is kept as typed, so the cell shows exactly what was typed; a
 * key that makes it no value of this cell (「.」 or 「-」 in a count) says why on the status line at
 * once, and the entry is not confirmed until it is mended.
 */
function typeChar(s: EditorState, ch: string): EditorState {
  const id = currentCell(s);
  if (!id) return s;
  if (isTotal(s, id)) return { ...s, buffer: null, message: DERIVED_TYPED, quitArmed: false };
  const b = s.buffer ?? '';
  // every key is kept (up to a screenful), so a number too long is refused whole, not cut
  if (b.length >= 40) return s;
  const next = b + ch;
  const problem = bufferProblem(s.report.meta.edition, id, next);
  return {
    ...s,
    buffer: next,
    message: problem ? `${problem}：「${next}」不能填入（Backspace 修改，Esc 取消）` : null,
    quitArmed: false,
  };
}

/** One key press. Returns the new state and, where the app must act, an effect. */
const QUIT_PROMPT = '有未保存的修改：按 w 保存；再按一次 q 放弃修改并退出（未保存的修改将丢失）';
const CTRL_C_PROMPT = '有未保存的修改：按 w 保存；再按一次 Ctrl-C 放弃修改并退出（未保存的修改将丢失）';

/** Whether quitting now loses anything: a change not saved, or a number being typed. */
export function hasUnsaved(s: EditorState): boolean {
  return s.dirty || (s.buffer !== null && s.buffer !== '');
}

export function handleKey(s0: EditorState, k: Key): { state: EditorState; effect?: Effect; path?: string } {
  const { input } = k;
  // 另存为: the file name is typed on the status line; Enter saves there, Esc cancels.
  if (s0.prompt && !(k.ctrl && input === 'c')) return promptKey(s0, k);
  // Ctrl-C, on any screen: as q — with unsaved changes it asks first, and a second Ctrl-C (or q)
  // quits; without, it quits at once.
  if (k.ctrl && input === 'c') {
    if (s0.quitArmed || !hasUnsaved(s0)) return { state: s0, effect: 'quit' };
    return { state: { ...s0, screen: 'grid', quitArmed: true, message: CTRL_C_PROMPT } };
  }
  // The quit confirmation holds for the very next key only, on the same screen: any other key, or
  // a change of screen, disarms it.
  const s =
    s0.quitArmed && (input !== 'q' || k.ctrl || s0.screen !== 'grid' || s0.focus !== 'grid')
      ? {
          ...s0,
          quitArmed: false,
          message: s0.message === QUIT_PROMPT || s0.message === CTRL_C_PROMPT ? null : s0.message,
        }
      : s0;
  if (s.screen !== 'grid') {
    // a screen longer than the terminal scrolls (the editor keeps it within the text); any other key returns
    const by =
      k.downArrow || input === 'j'
        ? 1
        : k.upArrow || input === 'k'
          ? -1
          : k.pageDown
            ? 10
            : k.pageUp
              ? -10
              : input === 'G'
                ? 100_000
                : input === 'g'
                  ? -100_000
                  : 0;
    if (by) return { state: { ...s, scroll: Math.max(0, (s.scroll ?? 0) + by) } };
    return { state: { ...s, screen: 'grid', scroll: 0 } };
  }
  if (k.paste !== undefined)
    return {
      state:
        s.focus === 'grid'
          ? pasteBlock(s, k.paste)
          : { ...s, message: '未粘贴：请先按 Esc 回到表格，把光标移到要填入的第一个单元格' },
    };
  if (k.ctrl && input === 's') {
    const confirmed = commit(s);
    // an entry that is not a value is not saved past: it says why and waits
    return confirmed.buffer === null ? { state: confirmed, effect: 'save' } : { state: confirmed };
  }

  if (s.focus === 'findings') {
    const list = findingsOf(s);
    if (k.escape || input === 'f' || k.tab) return { state: { ...s, focus: 'grid' } };
    if (k.upArrow || input === 'k') return { state: { ...s, findingIndex: Math.max(0, s.findingIndex - 1) } };
    if (k.downArrow || input === 'j')
      return { state: { ...s, findingIndex: Math.min(list.length - 1, s.findingIndex + 1) } };
    if (k.pageDown)
      return { state: { ...s, findingIndex: Math.max(0, Math.min(list.length - 1, s.findingIndex + 10)) } };
    if (k.pageUp) return { state: { ...s, findingIndex: Math.max(0, s.findingIndex - 10) } };
    if (input === 'i' && list.length) return { state: { ...s, screen: 'detail', scroll: 0 } };
    const f = list[s.findingIndex];
    if (k.return && f) return { state: jumpTo(s, f) };
    if (input === 'a' && f) {
      const fix = suggestionFor(s, { finding: f });
      if (!fix) return { state: { ...s, message: noFixMessage([f]) } };
      return {
        state: {
          ...withReport(s, derive(applyFix(s.report, fix)).report, appliedMessage(fix)),
          focus: 'findings',
          findingIndex: 0,
        },
      };
    }
    if (input === 'q') return { state: { ...s, focus: 'grid' } };
    return { state: s };
  }

  // Typing a number: digits (full-width too), its sign and point, thousands separators, and a unit
  // (件, 元, 万元) as people type or paste them.
  if (/^[0-9０-９.．\-－+＋,，万元件项个]$/.test(input)) return { state: typeChar(s, input) };
  // Any other character while a number is being typed (亿, 千, 约, e …), and one no command takes
  // (亿, 约 …) as the first: kept in the cell as typed, so the entry is refused with its reason,
  // never a number with a character silently left out (「5亿元」 read as 5元). h j k l still move.
  if (
    !k.ctrl &&
    /^[^\p{Cc}\p{Cf}]$/u.test(input) &&
    (s.buffer !== null ? !/^[hjkl]$/.test(input) : /[^\x20-\x7e]/.test(input))
  )
    return { state: typeChar(s, input) };
  if (s.buffer !== null) {
    if (k.return) return { state: commit(s) };
    if (k.escape) return { state: { ...s, buffer: null, message: null } };
    if (k.backspace || k.delete) {
      const id = currentCell(s);
      const buffer = [...s.buffer].slice(0, -1).join('');
      const problem = id ? bufferProblem(s.report.meta.edition, id, buffer) : undefined;
      return { state: { ...s, buffer, message: problem ? `${problem}：「${buffer}」不能填入` : null } };
    }
  }
  const arrows = (st: EditorState) => {
    if (k.upArrow || input === 'k') return move(st, -1, 0);
    if (k.downArrow || input === 'j') return move(st, 1, 0);
    if (k.leftArrow || input === 'h') return move(st, 0, -1);
    if (k.rightArrow || input === 'l') return move(st, 0, 1);
    if (k.pageUp) return move(st, -10, 0);
    if (k.pageDown) return move(st, 10, 0);
    return undefined;
  };
  const confirmed = s.buffer !== null ? commit(s) : s;
  // Tab while typing: confirmed, and on to the next cell to the right (as in a spreadsheet)
  if (k.tab && s.buffer !== null)
    return { state: confirmed.buffer === null ? move(confirmed, 0, k.shift ? -1 : 1) : confirmed };
  // an entry that is not a value stays where it is, with its reason
  const moved = confirmed.buffer === null ? arrows(confirmed) : undefined;
  if (moved) return { state: moved };
  if (confirmed !== s && arrows(s)) return { state: confirmed };
  if (s.buffer !== null) return { state: s };

  if (k.tab) return { state: switchTable(s, k.shift ? -1 : 1) };
  if (input === ']') return { state: switchTable(s, 1) };
  if (input === '[') return { state: switchTable(s, -1) };
  if (input === 'g') return { state: { ...s, row: 0, col: Math.min(s.col, rowLength(s, 0) - 1) } };
  if (input === 'G') {
    const last = tableLayout(s.report.meta.edition, s.table).rows.length - 1;
    return { state: { ...s, row: last, col: Math.min(s.col, rowLength(s, last) - 1) } };
  }
  if ((k.return || input === 'x' || k.delete || k.backspace) && isTotal(s, currentCell(s)))
    return { state: { ...s, message: DERIVED_TYPED } };
  if (k.return) return { state: { ...s, buffer: '' } };
  if (input === 'x' || k.delete || k.backspace) {
    const id = currentCell(s);
    if (!id || s.report.cells[id]?.value === null) return { state: s };
    return {
      state: withReport(s, derive(setCell(s.report, id, null)).report, '已清空单元格（空白不等于 0）'),
    };
  }
  if (input === 'f') return { state: { ...s, focus: 'findings', findingIndex: 0, message: null } };
  if (input === 'a') {
    // only a fix for this cell: never one for another part of the report the cursor is not on
    const id = currentCell(s);
    const fix = suggestionFor(s, { cell: id });
    if (!fix) {
      const failed = findingsOf(s).filter((f) => f.status === 'failed');
      // the cell's own findings have none either (X1 against last year's report): said so, with what
      // to do — never sent to the findings list, where they have none
      const onCell = failed.filter((f) => !!id && f.cells.includes(id));
      return {
        state: {
          ...s,
          message: onCell.length
            ? noFixMessage(onCell)
            : failed.length
              ? '当前单元格没有修改建议；按 f 在问题列表中选择问题，再按 a'
              : '没有可应用的修改建议',
        },
      };
    }
    return { state: withReport(s, derive(applyFix(s.report, fix)).report, appliedMessage(fix)) };
  }
  if (input === '=') {
    const d = derive(s.report, { overwrite: true });
    if (!d.changed.length) return { state: { ...s, message: '合计均与各项之和一致' } };
    return { state: withReport(s, d.report, `已按各项之和重算 ${d.changed.length} 个合计`) };
  }
  if (input === 'u') {
    const prev = s.history[s.history.length - 1];
    if (!prev) return { state: { ...s, message: '没有可撤销的修改' } };
    return { state: undone(s, prev) };
  }
  if (input === 's') return { state: { ...s, screen: 'summary', scroll: 0 } };
  if (input === '?') return { state: { ...s, screen: 'help', scroll: 0 } };
  if (input === 'i') {
    const id = currentCell(s);
    if (!findingsOf(s).some((f) => f.status === 'failed' && !!id && f.cells.includes(id)))
      return {
        state: { ...s, message: '当前单元格没有问题；按 n 跳到下一个有问题的单元格，或按 f 查看问题列表' },
      };
    return { state: { ...s, screen: 'detail', scroll: 0 } };
  }
  if (input === 'n' || input === 'N') return { state: nextFinding(s, input === 'N' ? -1 : 1) };
  if (input === '/') return { state: { ...s, prompt: { kind: 'search', text: '' }, message: null } };
  if (input === 'r') {
    const id = currentCell(s);
    if (!id || !isTotal(s, id))
      return {
        state: {
          ...s,
          message: 'r 用于手动改写合计：请把光标移到合计格（按各项之和计算的格）；其他格直接输入数字',
        },
      };
    if (!s.report.cells[id]) return { state: { ...s, message: '报告中没有这一格（该行未读入），不能改写' } };
    return { state: { ...s, prompt: { kind: 'override', text: '', cell: id }, message: null } };
  }
  if (input === 'e') return { state: s, effect: 'editSections' };
  if (input === 'w') return { state: s, effect: 'save' };
  if (input === 'W') return { state: { ...s, prompt: { kind: 'saveAs', text: '' }, message: null } };
  if (input === 'q') {
    if (s.dirty && !s.quitArmed)
      return {
        state: { ...s, quitArmed: true, message: QUIT_PROMPT },
      };
    return { state: s, effect: 'quit' };
  }
  return { state: s };
}

/** Where a cell is, as an order over the three tables (for n / N). */
function position(s: EditorState, id: string): number | undefined {
  const at = locateCell(s.report.meta.edition, id);
  return at ? TABLE_ORDER.indexOf(at.table) * 1_000_000 + at.row * 1000 + at.col : undefined;
}

/** n / N: the next (previous) cell with a finding, across the tables, wrapping around. */
function nextFinding(s: EditorState, d: 1 | -1): EditorState {
  const failed = findingsOf(s).filter((f) => f.status === 'failed');
  const cells = [...new Set(failed.flatMap((f) => f.cells))]
    .map((id) => ({ id, at: position(s, id) }))
    .filter((c): c is { id: string; at: number } => c.at !== undefined)
    .sort((a, b) => a.at - b.at);
  if (!cells.length)
    return {
      ...s,
      message: failed.length ? '问题都涉及正文或前言，没有单元格上的问题（按 f 查看）' : '没有问题',
    };
  const here = position(s, currentCell(s) ?? '') ?? -1;
  const next =
    d > 0
      ? (cells.find((c) => c.at > here) ?? cells[0]!)
      : (cells.findLast((c) => c.at < here) ?? cells[cells.length - 1]!);
  const i = cells.indexOf(next);
  const to = locateCell(s.report.meta.edition, next.id)!;
  const f = failed.find((x) => x.cells.includes(next.id))!;
  return {
    ...s,
    table: to.table,
    row: to.row,
    col: to.col,
    quitArmed: false,
    message: `第 ${i + 1}/${cells.length} 个有问题的单元格：${f.message}`,
  };
}

/** / then text: the next row whose label holds it, after the cursor (this table, then the others). */
function findRow(s: EditorState, text: string): EditorState {
  const want = text.replace(/\s+/g, '');
  const n = TABLE_ORDER.length;
  const start = TABLE_ORDER.indexOf(s.table);
  // this table below the cursor, the other tables, then this table from its top
  for (let step = 0; step <= n; step++) {
    const table = TABLE_ORDER[(start + step) % n]!;
    const t = tableLayout(s.report.meta.edition, table);
    const from = step === 0 ? s.row + 1 : 0;
    const to = step === n ? s.row + 1 : t.rows.length;
    for (let r = from; r < to; r++) {
      const line = t.lines[t.rows[r]!];
      if (line?.kind !== 'row') continue;
      // a numbered row is found by its group too (「不予公开」 finds 1.属于国家秘密 under （三）不予公开)
      let g = t.rows[r]! - 1;
      while (g >= 0 && t.lines[g]?.kind === 'row') g--;
      const group = t.lines[g]?.kind === 'group' ? t.lines[g]!.label : '';
      const named = /^\d/.test(line.label) && group ? `${group} ${line.label}` : line.label;
      if (named.replace(/\s+/g, '').includes(want))
        return {
          ...s,
          table,
          row: r,
          col: Math.min(s.col, line.cells.length - 1),
          message: `找到：${named}`,
        };
    }
  }
  return { ...s, message: `没有找到行标题含「${text}」的行` };
}

/** u: the report before the last change; the cursor on the cell it changed, and what it was. */
function undone(s: EditorState, prev: Report): EditorState {
  const differs = Object.keys({ ...prev.cells, ...s.report.cells }).filter(
    (id) => (prev.cells[id]?.value ?? null) !== (s.report.cells[id]?.value ?? null),
  );
  // the cells typed, not the totals that followed them — unless a total alone changed (手动改写合计)
  const typed = differs.filter((id) => cellDef(prev.meta.edition, id)?.derived !== true);
  const changed = typed.length ? typed : differs;
  // a total changed by hand taken back: its reason is no longer kept for the save
  const overrides = (s.overrides ?? []).filter((o) => o.after !== s.report);
  const base = { ...withCurrent(s, prev), history: s.history.slice(0, -1), overrides };
  const first = changed[0];
  if (!first) {
    const text = !sameJson(prev.sections, s.report.sections) || prev.preamble !== s.report.preamble;
    return { ...base, message: text ? '已撤销：正文的修改' : '已撤销' };
  }
  const at = locateCell(prev.meta.edition, first);
  const label = cellDef(prev.meta.edition, first)?.label ?? first;
  const show = (v: number | null | undefined) => (v === null || v === undefined ? '空白' : String(v));
  const what = `${label} ${show(s.report.cells[first]?.value)} → ${show(prev.cells[first]?.value)}`;
  return {
    ...base,
    ...(at ? { table: at.table, row: at.row, col: at.col } : {}),
    message: `已撤销：${what}${changed.length > 1 ? `（共 ${changed.length} 个单元格）` : ''}`,
  };
}

/** A key while the 另存为 file name (or the / search) is typed. */
function promptKey(s: EditorState, k: Key): { state: EditorState; effect?: Effect; path?: string } {
  const text = s.prompt?.text ?? '';
  const kind = s.prompt?.kind ?? 'saveAs';
  const withText = (t: string) => ({
    state: { ...s, prompt: { ...s.prompt!, kind, text: t }, message: null },
  });
  if (kind === 'override' || kind === 'overrideReason') {
    if (k.escape) return { state: { ...s, prompt: null, message: '已取消手动改写合计' } };
    if (k.return) return { state: overrideStep(s) };
  }
  const search = kind === 'search';
  if (k.escape) return { state: { ...s, prompt: null, message: search ? null : '已取消另存为' } };
  if (k.return) {
    const name = text.trim();
    if (search) return { state: name ? findRow({ ...s, prompt: null }, name) : { ...s, prompt: null } };
    if (!name) return { state: { ...s, message: '请输入文件名（如 报告-副本.json），Esc 取消' } };
    return { state: { ...s, prompt: null }, effect: 'saveAs', path: name };
  }
  if (k.backspace || k.delete) return withText([...text].slice(0, -1).join(''));
  const typed = k.paste ?? (k.ctrl ? '' : k.input);
  const line = typed.replace(/[\r\n\t]/g, '');
  if (line && !/[\p{Cc}]/u.test(line)) return withText(`${text}${line}`);
  return { state: s };
}

/**
 * Enter in 手动改写合计 (r), as the web form's 「手动改写合计…」 form: first the new value — read as a
 * typed one (core's parseCellText); left empty, or the sum of its parts, the total is computed again
 * (the web's 「改用计算值…」) — then the reason, required (two characters at least). The total then
 * says that number as the report's own (kept, and flagged when its parts disagree); u takes it back.
 */
function overrideStep(s: EditorState): EditorState {
  const prompt = s.prompt!;
  const id = prompt.cell ?? currentCell(s) ?? '';
  const def = cellDef(s.report.meta.edition, id);
  const prev = s.report.cells[id];
  if (!def || !prev) return { ...s, prompt: null, message: '报告中没有这一格（该行未读入），不能改写' };
  if (prompt.kind === 'override') {
    const p = parseCellText(prompt.text, def.valueType, def.unit);
    if (p.kind === 'error') return { ...s, message: `${p.message}；请改正，或按 Esc 取消` };
    // the sum of its parts: the total's own value while it is computed, else what derive would make it
    const computed =
      prev.origin === 'derived'
        ? prev.value
        : derive(s.report).conflicts.find((c) => c.cell === id)?.computed;
    const value = p.kind === 'blank' || p.value === computed ? null : p.value;
    // already the sum of its parts, and to stay so: nothing to change, no reason to ask for
    if (value === null && prev.origin === 'derived')
      return {
        ...s,
        prompt: null,
        message: `合计没有变化：${def.label} 仍为 ${prev.value ?? '空白'}（按各项之和计算）`,
      };
    return { ...s, prompt: { kind: 'overrideReason', text: '', cell: id, value }, message: null };
  }
  const reason = prompt.text.trim();
  if ([...reason].length < 2) return { ...s, message: '请填写改写理由（至少 2 个字），Enter 确定，Esc 取消' };
  const value = prompt.value ?? null;
  const cell =
    value === null
      ? { value: null, origin: 'derived' as const }
      : { value, origin: 'entered' as const, ...(prev.unit ? { unit: prev.unit } : {}) };
  const next = derive({ ...s.report, cells: { ...s.report.cells, [id]: cell } }).report;
  const after = next.cells[id];
  const show = (v: number | null | undefined) => (v === null || v === undefined ? '空白' : String(v));
  const base = { ...s, prompt: null };
  if (after?.value === prev.value && after?.origin === prev.origin)
    return { ...base, message: `合计没有变化：${def.label} 仍为 ${show(prev.value)}` };
  const done = withReport(
    base,
    next,
    `已手动改写合计：${def.label} ${show(prev.value)} → ${show(after?.value)}${
      after?.origin === 'derived' ? '（按各项之和计算）' : ''
    }，理由：${reason}；按 u 撤销`,
  );
  const o: Override = {
    cell: id,
    label: def.label,
    from: prev.value ?? null,
    to: after?.value ?? null,
    reason,
    after: next,
  };
  return { ...done, overrides: [...(s.overrides ?? []), o] };
}

/**
 * What `a` says it did: the change, or — when core's one suggestion changes several cells — that it
 * changed that many, all undone by one u.
 */
/**
 * What `a` says on findings core has no fix for (X1: this year's 上年结转 against last year's report):
 * that there is none, to put it right by hand, and core's 改法 (whole with i) —
 * 「X1 没有可自动应用的修改建议，请手动改正（按 i 查看全文）：表三「二、上年结转…」应与上一年度年报的…」.
 */
export function noFixMessage(findings: readonly Finding[]): string {
  const ids = [...new Set(findings.map((f) => f.ruleId))].join('、');
  const hint = findings.find((f) => f.hint)?.hint;
  return `${ids} 没有可自动应用的修改建议，请手动改正（按 i 查看全文）${hint ? `：${hint}` : ''}`;
}

export function appliedMessage(fix: FixSuggestion): string {
  const n = fix.changes.length;
  return n > 1
    ? `已应用一条修改建议，同时修改了 ${n} 处（按 u 一并撤销）：${describeFix(fix)}`
    : `已应用：${describeFix(fix)}`;
}

export function describeFix(fix: FixSuggestion): string {
  // A fix that moves no number (core's re-layout of an old-format table) is said by its reason.
  if (fix.changes.length === 0) return `${fix.reason}（不改动任何数值）`;
  return fix.changes.map((c) => `${c.label} ${c.from ?? '空白'} → ${c.to}`).join('；');
}

/**
 * Whether a chunk the terminal gave at once is a block pasted from a spreadsheet or a PDF, not keys
 * typed fast: it holds a tab (a row of cells) or a line break with more after it (a column), or it is
 * one line of values separated by spaces as core splits a pasted line (「4 2 0 0 0 0 6」, with its row
 * label in front or not). 「12\r」 is typing: 12, then Enter; so is 「12 345」 (one number in thousands),
 * and so are Tabs and Enters alone (「\t\t」).
 */
export function isPastedBlock(input: string): boolean {
  if ([...input].length <= 1 || input.startsWith('\u001b')) return false;
  // only Tabs and Enters (「\t\t」: Tab pressed twice fast, or held): keys, not a pasted row of blanks —
  // read as one, it blanked 自然人, 商业企业 and 科研机构 of the row under the cursor. x blanks a cell.
  if (/^[\t\r\n]+$/.test(input)) return false;
  if (/\t|[\r\n][^\r\n]/.test(input)) return true;
  return /\S[ \u00a0\u2009\u202f\u3000]+\S/.test(input) && splitPastedText(input).split.lines > 0;
}

/**
 * A block pasted from Excel, WPS or a PDF's text, read by core as the web form reads it (core's
 * pasteBlock): tab-separated rows, a line of numbers separated by spaces cell by cell; placed from
 * the cursor cell as the block lies (a row to the right, a column downwards; 表四 as printed, one row
 * of fifteen), or — when its first column(s) are row labels — each line on the row its label names,
 * whatever the cursor's row. Each value is read as a typed one: one that is no number of its cell is
 * skipped with why and its cell keeps its value; an empty one blanks its cell, as in the spreadsheet;
 * a pasted total equal to what its parts give stays computed, one that differs is kept as stated and
 * flagged. The status line says how many cells were filled, the lines whose label names no row, and
 * why a value was skipped. One u undoes the whole paste.
 */
export function pasteBlock(s0: EditorState, text: string): EditorState {
  const s = s0.buffer !== null ? commit(s0) : s0;
  if (s.buffer !== null)
    return { ...s, message: `未粘贴：正在输入的「${s.buffer}」不是有效数值（Backspace 修改，Esc 取消）` };
  const id = currentCell(s);
  if (!id) return s;
  // one number onto a computed total: refused as typing it is (a block with its total goes in)
  if (isTotal(s, id) && !/[\t\r\n]/.test(text.trim()) && text.trim().split(/\s+/).length === 1)
    return { ...s, message: DERIVED_PASTED, quitArmed: false };
  const p = corePaste(s.report, id, text);
  const lines = splitPastedText(text).block.length - p.headerRows;
  const message = pasteMessage(p, lines);
  return p.changes.length
    ? withReport(s, p.report, `${message}；按 u 撤销整次粘贴`)
    : { ...s, message, quitArmed: false };
}

/**
 * What a paste did, for the status line (two lines at most: what matters first): how many cells
 * were filled and changed, the lines whose label names no row here (not pasted), the first value
 * skipped and why, then the rest.
 */
export function pasteMessage(p: PasteResult, lines: number): string {
  const filled = `覆盖 ${p.covered.length} 个单元格，${p.changes.length} 个数值有变化（含随之重算的合计）`;
  const label = p.byLabel;
  const head = label
    ? label.rows
      ? `已按行标题粘贴 ${label.rows} 行：${filled}`
      : '未粘贴：没有一行的行标题与本表的行对应'
    : `已粘贴 ${lines} 行：${filled}`;
  const parts = [head];
  if (label?.unmatched.length)
    parts.push(
      `${label.unmatched.length} 行未识别、未粘贴：${label.unmatched.join('、')}${
        label.otherTable ? `（这些是${label.otherTable}的行，请到${label.otherTable}粘贴）` : ''
      }`,
    );
  // a row copied from a PDF as text lost its blank cells: its values may not be in their columns
  const short = p.short?.[0];
  if (short)
    parts.push(
      `第 ${short.row + 1} 行只有 ${short.values} 个数而该行有 ${short.cells} 格${p.short!.length > 1 ? ` 等 ${p.short!.length} 行` : ''}：PDF 中空白的格子复制后会丢失，数值可能错位，请逐格核对`,
    );
  // empty columns after the labels: merged label cells or blank values, which the block cannot say
  if (label?.emptyColumns)
    parts.push(
      `行标题后的 ${label.emptyColumns} 列空格已当作合并格跳过，其后一列也都是空的：数值可能错一列，请逐格核对`,
    );
  const first = p.refused[0];
  if (first)
    parts.push(
      `${p.refused.length} 个值未填入、原值不变：第 ${first.row + 1} 行第 ${first.col + 1} 列${first.message}${p.refused.length > 1 ? ' 等' : ''}`,
    );
  if (p.outside) parts.push(`${p.outside} 个值超出表格范围，未粘贴`);
  if (p.spaceSplit) parts.push(`以空格分隔的 ${p.spaceSplit.values} 个数已逐格填入`);
  if (p.headerRows) parts.push(`已跳过表头 ${p.headerRows} 行`);
  if (p.notes.length) parts.push(`${p.notes.length} 个值按说明读入（${p.notes[0]}）`);
  return parts.join('；');
}

/**
 * Ink hands over what one read of the terminal gave: several keys typed fast or pasted come as one
 * string (「12\r」). Split such a chunk into single keys; escape sequences (arrows) come alone.
 */
export function splitChunk(input: string, key: Omit<Key, 'input'>): Key[] {
  if (!key.ctrl && !key.escape && isPastedBlock(input)) return [{ input: '', paste: input }];
  const chars = [...input];
  if (chars.length <= 1 || key.ctrl || key.escape || input.startsWith('\u001b')) return [{ ...key, input }];
  return chars.map((ch): Key => {
    if (ch === '\r' || ch === '\n') return { input: '', return: true };
    if (ch === '\t') return { input: '', tab: true };
    if (ch === '\u007f' || ch === '\b') return { input: '', backspace: true };
    return { input: ch };
  });
}

/** Escape sequences of the keys the editor knows (xterm and its relatives; ESC O for keypad mode). */
const ESCAPE_KEYS: Record<string, Omit<Key, 'input'>> = {
  A: { upArrow: true },
  B: { downArrow: true },
  C: { rightArrow: true },
  D: { leftArrow: true },
  Z: { tab: true, shift: true },
  '5~': { pageUp: true },
  '6~': { pageDown: true },
  '3~': { delete: true },
};

/**
 * What was typed before the editor could read it (while the report was loading and the first frame
 * drawing), read as one text: keys, each as if pressed alone and in order — never a pasted block,
 * however it looks. 「l7\r3\r」 is l, 7, Enter, 3, Enter; 「5\t」 is 5, then Tab (to the next table).
 * Arrows and the other escape sequences are their keys; one the editor does not know (F1, Home…) is
 * left out and counted in `unknown`, never typed into a cell. \n is Enter (as a terminal not yet in
 * raw mode turns it).
 */
export function typedKeys(text: string): { keys: Key[]; unknown: number } {
  const keys: Key[] = [];
  let unknown = 0;
  for (let i = 0; i < text.length; ) {
    if (text[i] === '\u001b') {
      const m = /^(?:\[([0-9;]*)([A-Za-z~])|O([A-Za-z]))/.exec(text.slice(i + 1));
      if (m) {
        const name = m[3] ?? (m[2] === '~' ? `${m[1]}~` : m[2]!);
        const k = ESCAPE_KEYS[name];
        if (k) keys.push({ input: '', ...k });
        else unknown++;
        i += 1 + m[0].length;
      } else {
        keys.push({ input: '', escape: true });
        i += 1;
      }
      continue;
    }
    const ch = String.fromCodePoint(text.codePointAt(i)!);
    i += ch.length;
    if (ch === '\r' || ch === '\n') keys.push({ input: '', return: true });
    else if (ch === '\t') keys.push({ input: '', tab: true });
    else if (ch === '\u007f' || ch === '\b') keys.push({ input: '', backspace: true });
    else if (ch < ' ') keys.push({ input: String.fromCharCode(ch.charCodeAt(0) + 96), ctrl: true });
    else keys.push({ input: ch });
  }
  return { keys, unknown };
}
