import {
  type CellId,
  cellDef,
  type EditionId,
  type Report,
  type TableKey,
  type ValueType,
} from '@nianbao/core';
import { type GridCell, tableGrid } from '@nianbao/render';
import { type KeyboardEvent, memo, type RefObject, useEffect, useId, useRef, useState } from 'react';
import { cellDescription, cellLabels } from '../grid/labels';
import { type NavKey, navKeyOf } from '../grid/nav';
import {
  formatValue,
  isPartialNumber,
  MAX_DECIMALS,
  MAX_DIGITS,
  type MoneyUnit,
  normalizeNumberText,
  parseCellText,
} from '../grid/numbers';

/** What the grid tells the editor; stable across renders (held in a ref by the editor). */
export interface GridHandlers {
  /**
   * A value typed; with the unit typed after it where the cell's unit is chosen (2019 采购总金额), or the
   * unit the cell had before the edit once the unit typed is gone from the text (erased, Esc, refused).
   */
  commit(cell: CellId, value: number | null, unit?: MoneyUnit | 'unknown'): void;
  /** Move from a cell by a key; false when the key should do what it does elsewhere (Tab past the grid's end). */
  nav(cell: CellId, key: NavKey, shift: boolean): boolean;
  paste(cell: CellId, text: string): void;
  focus(cell: CellId): void;
  /** A refused text's message; null: the text is fine now (a message about it is stale). */
  reject(cell: CellId, message: string | null): void;
  /** A key typed into a cell of a report that cannot be edited now: say why. */
  locked?(cell: CellId): void;
  /** An edit of a cell began (its text changed) or ended (left, Esc): autosave waits longer meanwhile. */
  editing?(cell: CellId, on: boolean): void;
  undo(): void;
  redo(): void;
  register(cell: CellId, el: HTMLInputElement | null): void;
}

/** Per-cell marks: the worst open finding, a printed total that disagrees, just pasted, hovered finding. */
export interface CellMark {
  readonly status?: 'error' | 'crossYear' | 'warning' | 'info' | 'unchecked';
  readonly conflict?: boolean;
  readonly title?: string;
}

interface CellInputProps {
  readonly id: CellId;
  readonly label: string;
  readonly value: number | null;
  readonly valueType: ValueType;
  /** A money cell's unit: 万元 fixed by the format, null where the report says which. */
  readonly unit?: string | null | undefined;
  /** The unit the report gives this money cell (where the format leaves it to the report: 元, 万元, 未注明). */
  readonly storedUnit?: MoneyUnit | 'unknown' | undefined;
  readonly derived: boolean;
  readonly readOnly: boolean;
  readonly status: string;
  readonly title: string;
  /** What a screen reader says after the cell's name and number (the cell bar's chips, its worst finding). */
  readonly description: string;
  readonly pasted: boolean;
  readonly focused: boolean;
  /** Read-only: the one cell of its table Tab stops at (arrows move within the table). */
  readonly tabStop?: boolean;
  readonly handlers: { current: GridHandlers };
}

/** What typing into a computed total says: it cannot be typed into, and how to change it. */
export const DERIVED_TYPED =
  '合计由各项自动计算，不能直接输入；请改各项的数，或按 F2 用“手动改写合计…”（须写明原因）';

/**
 * What pasting one number onto a computed total says: refused as typing it is (it was kept as a
 * 「报告印制的总计」 with no reason and no note, where 手动改写合计… asks for one). A block pasted
 * from the left (parts with their total) still goes in whole, its total kept as printed when it
 * differs, and said so.
 */
export const DERIVED_PASTED =
  '合计由各项自动计算，不能粘贴单个数；请改各项的数，或按 F2 用“手动改写合计…”（须写明原因）';

const toValue = (text: string, valueType: ValueType, unit?: string | null): number | null | undefined => {
  const p = parseCellText(text, valueType, unit);
  return p.kind === 'value' ? p.value : p.kind === 'blank' ? null : undefined;
};

const CellInput = memo(function CellInput(props: CellInputProps) {
  const { id, value, valueType, unit, storedUnit, derived, readOnly, handlers } = props;
  const descId = useId();
  const [text, setText] = useState(() => formatValue(value, valueType));
  // Text typed that is not a number of this cell's kind: shown as typed and marked, never committed —
  // 「1.5」 in a 件数 cell must not become 15 when the next digit joins what was left of it.
  const [refused, setRefused] = useState(false);
  // The value the cell held when the edit began: what a text not finished as a number goes back to.
  // (The totals follow valid text as it is typed; 「2.5」 in a 件数 cell must not leave the 2 behind.)
  const start = useRef(value);
  const editing = useRef(false);
  // The refused text an Enter, Tab or arrow was held on (the cell kept, the reason said): a second key
  // on the same text leaves, putting the value back and saying so — a refused entry is never dropped
  // unsaid, and the cell is no keyboard trap. Any change of the text asks again.
  const held = useRef<string | null>(null);
  // Editing the text in place (double-click, F2): clicks place the caret until the cell is left.
  const inPlace = useRef(false);
  // The last pointer was a finger: a tap is left to the phone (caret, its keyboard).
  const touch = useRef(false);
  // The value this cell last gave the report while being edited: its own, not a change from outside.
  const given = useRef<number | null | undefined>(undefined);
  // The cell's unit when the edit began, and whether a unit was typed since (「15.3万」 makes it 万元): a
  // number then given without one (「万」 erased, Esc, a text refused) is in the unit the cell had —
  // Esc after 「15.3万」 over 3580.5 元 is 3580.5 元 again, never 3580.5 万元.
  const startUnit = useRef(storedUnit);
  const unitTyped = useRef(false);
  // An input method composing in the cell (a Chinese IME: full-width 「１２」, pinyin): the text it shows
  // is not typed yet — nothing of it goes into the report until the composition is committed, and a
  // composition cancelled leaves the cell as it was. `text`, `from`, `to`: the cell's text and selection
  // when it began (what the composition replaces). `dropped`: the composition was ended here (a paste
  // over it, the cell left first): what the input method does with it after that is not taken.
  const composing = useRef<{
    readonly text: string;
    readonly from: number;
    readonly to: number;
    dropped: boolean;
  } | null>(null);
  const give = (v: number | null, u?: MoneyUnit) => {
    given.current = v;
    if (u) unitTyped.current = true;
    handlers.current.commit(id, v, u ?? (unitTyped.current ? (startUnit.current ?? 'unknown') : undefined));
  };
  /** The value before the edit, in the cell (and its unit, when one was typed). */
  const putBack = () => {
    if (value !== start.current || unitTyped.current) give(start.current);
  };
  // Follow the value when it changes from outside (paste, fix, undo, totals), not while it is what the text says.
  useEffect(() => {
    if (editing.current && given.current === value) return; // the text being typed stays as it is
    if (!editing.current) start.current = value;
    setText((t) => (toValue(t, valueType, unit) === value ? t : formatValue(value, valueType)));
    setRefused(false);
  }, [value, valueType, unit]);
  const beginEdit = () => {
    if (editing.current) return;
    editing.current = true;
    start.current = value;
    startUnit.current = storedUnit;
    unitTyped.current = false;
    handlers.current.editing?.(id, true);
  };
  const what =
    valueType === 'count'
      ? '此格只能填写非负整数'
      : valueType === 'signedCount'
        ? '此格只能填写整数（可带 + 或 - 号）'
        : `此格只能填写金额数字（最多 ${MAX_DECIMALS} 位小数）`;
  /**
   * Why a text is no value of this cell, in the words of core's parse (「数字中间有空格…」「“①”是带圈数字…」),
   * without the text it quotes (the messages quote it once); what the cell takes when the parse has no reason.
   */
  const why = (t: string): string => {
    const p = parseCellText(t, valueType, unit);
    if (p.kind !== 'error') return what;
    const quoted = `“${t.trim()}”`;
    return p.message.startsWith(quoted)
      ? p.message.slice(quoted.length).replace(/^(?:：|中的|的)/, '')
      : p.message;
  };
  /**
   * Leaving the cell, Enter, Tab: a valid text stays, anything else goes back to the value before the edit.
   * `typed`: the text just taken (a composition committed as the cell is left), not yet rendered.
   */
  const endEdit = (restore: boolean, typed?: { text: string; refused: boolean; value: number | null }) => {
    if (!editing.current) return;
    editing.current = false;
    held.current = null;
    const t = typed ? typed.text : text;
    const now = typed ? typed.value : value;
    const before = start.current;
    const kept = formatValue(before, valueType);
    const p = parseCellText(t, valueType, unit);
    // A text the final parse refuses (「12 3」, 「4.」 in a 件数 cell) is refused as a text refused while typed
    // is: never the number of a keystroke before it.
    if (restore || (typed ? typed.refused : refused) || p.kind === 'error') {
      // Left (a click elsewhere, a second Enter / Tab / arrow after the first was held): the text is
      // dropped, and said so where it is seen and heard (the editor's alert), never silently.
      if (!restore)
        handlers.current.reject(
          id,
          `已放弃无效输入“${t}”（${why(t)}），该格仍为 ${kept === '' ? '空白' : kept}`,
        );
      else handlers.current.reject(id, null);
      setText(kept);
      setRefused(false);
      putBack();
    } else {
      // What was typed, shown as the cell shows its number (「014」 → 「14」, 「1,234」 → 「1234」).
      setText((x) => (toValue(x, valueType, unit) === now ? formatValue(now, valueType) : x));
      start.current = now;
      // 「20000元」 where 万元 is printed, 「1.5亿」, 「35¹」: what was stored, said as the cell is left.
      if (p.kind === 'value' && p.note) handlers.current.reject(id, p.note);
    }
    unitTyped.current = false;
    handlers.current.editing?.(id, false);
  };
  /**
   * Enter, Tab or an arrow on a text that is no number of this cell: refused as typed (「abc」, 「-5」 or
   * 「3.5」 in a 件数 cell, 13 digits or more) or not finished as one (「12 3」, 「4.」, 「+」). The focus
   * stays, the cell keeps the value it had, the message says why (the editor's alert: seen and heard),
   * and the text stays in the cell to be mended — a fast typist's Tab never drops it unseen (Esc puts
   * the value back; a second key on the same text leaves, putting it back and saying so). True when held.
   */
  const hold = (): boolean => {
    if (!editing.current || held.current === text) return false;
    if (!refused && parseCellText(text, valueType, unit).kind !== 'error') return false;
    held.current = text;
    const kept = formatValue(start.current, valueType);
    setRefused(true);
    putBack();
    handlers.current.reject(
      id,
      `未接受“${text}”（${why(text)}），该格仍为 ${kept === '' ? '空白' : kept}；请改正，或按 Esc 恢复`,
    );
    return true;
  };
  /**
   * A text typed (or committed by an input method): shown, and its number given to the report — or
   * refused, or held as a number on its way. What it comes to: refused, and the value the cell holds.
   */
  const take = (t: string): { text: string; refused: boolean; value: number | null } => {
    beginEdit();
    held.current = null;
    setText(t);
    const p = parseCellText(t, valueType, unit);
    if (p.kind === 'error' && !isPartialNumber(t, valueType)) {
      setRefused(true);
      // Refused text holds no number: the cell (and its totals) keep the value it had before.
      putBack();
      const tooLong = /^[+-]?\d{13,}/.test(normalizeNumberText(t));
      handlers.current.reject(
        id,
        tooLong
          ? `数字过长：最多 ${MAX_DIGITS} 位整数`
          : `“${t}”不会被保存（${why(t)}），请改正或按 Esc 恢复`,
      );
      return { text: t, refused: true, value: start.current };
    }
    // The text is a number again: a warning about what it was before is stale.
    if (refused) handlers.current.reject(id, null);
    setRefused(false);
    if (p.kind === 'blank') {
      give(null);
      return { text: t, refused: false, value: null };
    }
    if (p.kind === 'value') {
      give(p.value, p.unit);
      // 「20000元」 where 万元 is printed: say what was stored.
      if (p.note) handlers.current.reject(id, p.note);
      return { text: t, refused: false, value: p.value };
    }
    // Not a number yet (「12 3」 on its way to 「12 345」, 「1.」): the value before the edit, never
    // the number of a keystroke before (「1.5」 then 「亿」 must not leave 1.5).
    putBack();
    return { text: t, refused: false, value: start.current };
  };
  /**
   * A composition ended without being taken (cancelled, or given up for a paste): the cell's text as
   * before it began, and what it had selected (a number selected, typing replaces it again). Nothing of
   * the composition was given to the report, so nothing is put back there.
   */
  const dropComposition = (el: HTMLInputElement, c: NonNullable<typeof composing.current>) => {
    c.dropped = true;
    // set here with its selection: React, rendering the same text, leaves the input (and its selection) be
    el.value = c.text;
    el.setSelectionRange(c.from, c.to);
    setText(c.text);
  };
  const locked = readOnly || derived;
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    // A key pressed while an input method composes (Enter commits its text, arrows pick a candidate,
    // Esc cancels) is the input method's, never a move or an Esc of the edit: Firefox says so with
    // isComposing, Chrome and Safari with key code 229 (Safari's committing Enter just after compositionend).
    if (e.nativeEvent.isComposing || e.keyCode === 229) return;
    // A key of the page's own: no composition goes on (one given up here may have ended unsaid).
    if (composing.current?.dropped) composing.current = null;
    if (
      readOnly &&
      !e.ctrlKey &&
      !e.metaKey &&
      !e.altKey &&
      (e.key.length === 1 || e.key === 'Backspace' || e.key === 'Delete')
    ) {
      handlers.current.locked?.(id);
      return;
    }
    // A computed total typed into: nothing changes, and the cell bar's 手动改写合计… is the way (said).
    if (
      derived &&
      !e.ctrlKey &&
      !e.metaKey &&
      !e.altKey &&
      (e.key.length === 1 || e.key === 'Backspace' || e.key === 'Delete')
    ) {
      handlers.current.reject(id, DERIVED_TYPED);
      return;
    }
    // With Alt, Ctrl or ⌘ an arrow is the browser's (a word jump, history), not a move (navKeyOf).
    const key = navKeyOf(e);
    if (key) {
      // Editing in place (F2, a double-click), ← and → move the caret within the number, as in a
      // spreadsheet; Home and End (with Ctrl too) move it while a number is edited or typed.
      if ((key === 'ArrowLeft' || key === 'ArrowRight') && inPlace.current) return;
      if (
        (key === 'Home' || key === 'End' || key === 'Ctrl+Home' || key === 'Ctrl+End') &&
        (inPlace.current || editing.current)
      )
        return;
      if (hold()) {
        e.preventDefault();
        return;
      }
      if (key === 'Enter' || key === 'Tab' || refused) endEdit(false);
      if (handlers.current.nav(id, key, e.shiftKey)) e.preventDefault();
      return;
    }
    if ((e.ctrlKey || e.metaKey) && (e.key === 'z' || e.key === 'Z')) {
      e.preventDefault();
      // Mid-edit (「7.」 still in the cell), the first Ctrl+Z puts back the value before the edit, as Esc.
      if (
        !e.shiftKey &&
        editing.current &&
        (refused || value !== start.current || text !== formatValue(start.current, valueType))
      )
        endEdit(true);
      else if (e.shiftKey) handlers.current.redo();
      else handlers.current.undo();
      return;
    }
    if ((e.ctrlKey || e.metaKey) && (e.key === 'y' || e.key === 'Y')) {
      e.preventDefault();
      handlers.current.redo();
      return;
    }
    if (e.key === 'F2') {
      // As in a spreadsheet: edit the number in place, the caret at its end.
      e.preventDefault();
      inPlace.current = true;
      const el = e.currentTarget;
      el.setSelectionRange(el.value.length, el.value.length);
      return;
    }
    if (e.key === 'Escape') {
      if (editing.current) endEdit(true);
      else {
        setText(formatValue(value, valueType));
        setRefused(false);
      }
    }
    if (
      !locked &&
      (e.key === 'Delete' || e.key === 'Backspace') &&
      e.currentTarget.selectionStart === 0 &&
      e.currentTarget.selectionEnd === e.currentTarget.value.length
    ) {
      // The whole text deleted: a blank typed, an edit as any other (Esc puts the number back); a
      // refused text deleted so is no longer refused (left, the cell is blank, not the number before).
      e.preventDefault();
      beginEdit();
      setText('');
      if (refused) handlers.current.reject(id, null);
      setRefused(false);
      give(null);
    }
  };
  const cls = [
    'cell',
    derived ? 'derived' : '',
    props.status ? `st-${props.status.split(' ').join(' st-')}` : '',
    props.pasted ? 'pasted' : '',
    props.focused ? 'focused' : '',
    refused ? 'refused' : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <>
      <input
        ref={(el) => handlers.current.register(id, el)}
        name={id}
        data-cell={id}
        className={cls}
        value={text}
        readOnly={locked}
        aria-readonly={locked}
        // Tab skips the computed totals (arrows still reach them), in the grid and past its last cell.
        // Read-only, a table is one Tab stop (its first cell, or the one last focused): 200 cells are
        // not 200 presses of Tab on the way to the reviewer's buttons; arrows move within it.
        tabIndex={readOnly ? (props.tabStop || props.focused ? undefined : -1) : derived ? -1 : undefined}
        aria-label={props.label}
        aria-invalid={refused || props.status.includes('error') || undefined}
        // The chips of the cell bar and the cell's worst finding, said once after its name and number
        // (the bar is no live region; the title, for a mouse, is then not read a second time).
        aria-describedby={props.description ? descId : undefined}
        title={props.title || undefined}
        // A phone's keyboard: digits (and a point for amounts). 本年增/减 may be negative, and an iPhone's
        // number pads (numeric, decimal) have no minus sign: the text keyboard, with its 「-」.
        inputMode={valueType === 'money' ? 'decimal' : valueType === 'signedCount' ? 'text' : 'numeric'}
        autoComplete="off"
        spellCheck={false}
        onFocus={(e) => {
          // Focused anew: no composition of before goes on here (one ended by leaving the cell is over).
          composing.current = null;
          e.currentTarget.select();
          handlers.current.focus(id);
        }}
        onPointerDown={(e) => {
          touch.current = e.pointerType === 'touch';
        }}
        onMouseDown={(e) => {
          // A click into a cell selects what it holds, as keyboard entry does, whether or not the cell
          // already has the focus: typing replaces the number (「5」 into 「8」 is 5, not 58 — a click
          // left of a right-aligned number put the caret before it). Mid-edit, or after a double-click
          // or F2, a click places the caret, to change a digit.
          const el = e.currentTarget;
          if (e.button !== 0 || touch.current || e.shiftKey) return;
          // While an input method composes, a click is the browser's too (it commits the composition).
          if (document.activeElement === el && (editing.current || inPlace.current || composing.current))
            return;
          e.preventDefault();
          el.focus();
          el.select();
        }}
        onDoubleClick={(e) => {
          if (touch.current) return;
          const el = e.currentTarget;
          inPlace.current = true;
          el.setSelectionRange(el.value.length, el.value.length);
        }}
        onBlur={(e) => {
          inPlace.current = false;
          // Left while an input method composes (a browser that ends the composition after the blur):
          // its text is committed, as the browser leaves it in the cell — taken as typed, then left.
          const c = composing.current;
          if (c && !c.dropped && !locked) {
            c.dropped = true;
            const typed = take(e.currentTarget.value);
            endEdit(false, typed);
            return;
          }
          endEdit(false);
        }}
        onKeyDown={onKeyDown}
        onPaste={(e) => {
          const t = e.clipboardData.getData('text/plain');
          e.preventDefault();
          if (readOnly) {
            handlers.current.locked?.(id);
            return;
          }
          // A composition not committed is no text typed: given up, the cell's text as before it.
          const c = composing.current;
          if (c && !c.dropped) dropComposition(e.currentTarget, c);
          // A number half typed here ends first, as leaving the cell ends it (a text that is no number
          // goes back to the value before): the paste is then one step of its own — Ctrl+Z or Esc
          // after it never puts back this cell alone, the rest of the block left pasted.
          endEdit(false, c ? { text: c.text, refused, value } : undefined);
          if (derived && !/[\t\r\n]/.test(t.trim()) && t.trim().split(/\s+/).length === 1) {
            handlers.current.reject(id, DERIVED_PASTED);
            return;
          }
          handlers.current.paste(id, t);
        }}
        onChange={(e) => {
          if (locked) return;
          const c = composing.current;
          // Composing: the input method's text is shown as it has it (a controlled input set back to
          // another text would break the composition), and is no text typed yet. A composition given up
          // here takes nothing more of it — until the browser says it composes no more (Chromium ends
          // it without a compositionend when the text is set under it, as a paste does).
          if (c && !(c.dropped && (e.nativeEvent as Partial<InputEvent>).isComposing === false)) {
            if (!c.dropped) setText(e.target.value);
            return;
          }
          composing.current = null;
          take(e.target.value);
        }}
        onCompositionStart={(e) => {
          if (locked) return;
          const el = e.currentTarget;
          composing.current = {
            text: el.value,
            from: el.selectionStart ?? el.value.length,
            to: el.selectionEnd ?? el.value.length,
            dropped: false,
          };
        }}
        onCompositionEnd={(e) => {
          const c = composing.current;
          composing.current = null;
          if (!c || c.dropped || locked) return;
          const el = e.currentTarget;
          // Cancelled (Esc, or ended with nothing): nothing committed, the cell holds what the composition
          // left of its text (the number it replaced is gone) — the cell as it was, that number selected again.
          if (!e.data && el.value === c.text.slice(0, c.from) + c.text.slice(c.to)) dropComposition(el, c);
          // Committed (Enter, a candidate chosen): read as text typed is.
          else take(el.value);
        }}
      />
      {props.description && (
        <span id={descId} hidden>
          {props.description}
        </span>
      )}
    </>
  );
});

export interface TableViewProps {
  readonly edition: EditionId;
  readonly table: TableKey;
  readonly report: Report;
  readonly marks: ReadonlyMap<CellId, CellMark>;
  readonly highlighted: ReadonlySet<CellId>;
  readonly pasted: ReadonlySet<CellId>;
  readonly focused: CellId | null;
  readonly readOnly: boolean;
  readonly handlers: { current: GridHandlers };
  /** Extra class per cell (the import view colours cells by where they came from). */
  readonly cellClass?: (id: CellId) => string;
}

/** `near`: the row label next to the row's numbers, which stays in view while a phone scrolls the table sideways. */
function headerCell(c: GridCell, key: string, near = false) {
  const span = {
    colSpan: c.colSpan > 1 ? c.colSpan : undefined,
    rowSpan: c.rowSpan > 1 ? c.rowSpan : undefined,
  };
  if (c.kind === 'caption')
    return (
      <th key={key} {...span} className="caption" scope="colgroup">
        {/* its own box: on a phone it stays at the table box's left edge as the table scrolls sideways */}
        <span className="caption-text">{c.text}</span>
      </th>
    );
  if (c.kind === 'corner')
    return (
      <th key={key} {...span} className="corner">
        {c.text}
      </th>
    );
  if (c.kind === 'rowLabel')
    return (
      <th key={key} {...span} className={near ? 'row-label row-label-near' : 'row-label'} scope="row">
        {c.text}
      </th>
    );
  return (
    <th key={key} {...span} className="col-head" scope="col">
      {c.text}
    </th>
  );
}

/** One of the three tables exactly as the official format lays it out, every number an <input name="cell id">. */
export const TableView = memo(function TableView(props: TableViewProps) {
  const grid = tableGrid(props.edition, props.table);
  const labels = cellLabels(props.edition);
  const total = grid.colWeights.reduce((a, b) => a + b, 0);
  const header = grid.rows.slice(0, grid.headerRows);
  const body = grid.rows.slice(grid.headerRows);
  const rowsRef = useRef<HTMLTableElement>(null);
  const headRef = useRef<HTMLTableSectionElement>(null);
  // The head rows' height (--thead-h, on the table): they stick at the top while the table scrolls
  // by, and a cell reached by a key is scrolled into view below them (styles.css: input.cell's
  // scroll-margin-top). 表二's block headings likewise, per block (on its tbody): --block-cap-h, the
  // 第二十条第（一）项 row's height (the column heads stick below it), --block-head-h, both rows'.
  useEffect(() => {
    const head = headRef.current;
    const table = rowsRef.current;
    if (!table) return;
    const blocks = [...table.querySelectorAll<HTMLElement>('tbody.block')];
    if (!head && !blocks.length) return;
    const set = () => {
      if (head) table.style.setProperty('--thead-h', `${head.offsetHeight}px`);
      for (const b of blocks) {
        const rows = [...b.querySelectorAll<HTMLElement>('tr.block-head')];
        b.style.setProperty('--block-cap-h', `${rows[0]?.offsetHeight ?? 0}px`);
        b.style.setProperty('--block-head-h', `${rows.reduce((h, r) => h + r.offsetHeight, 0)}px`);
      }
    };
    set();
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(set);
    if (head) ro.observe(head);
    for (const r of table.querySelectorAll('tr.block-head')) ro.observe(r);
    return () => ro.disconnect();
  }, []);
  const firstCell = body.flat().find((c) => c.kind === 'value')?.cellId;
  const renderRow = (cells: readonly GridCell[], r: number, className?: string) => (
    <tr key={r} className={className}>
      {cells.map((c, i) => {
        if (c.kind !== 'value') return headerCell(c, `${r}:${i}`, cells[i + 1]?.kind === 'value');
        const id = c.cellId!;
        const def = cellDef(props.edition, id)!;
        const mark = props.marks.get(id);
        const status = [
          mark?.status ?? '',
          mark?.conflict ? 'conflict' : '',
          props.highlighted.has(id) ? 'hl' : '',
        ]
          .filter(Boolean)
          .join(' ');
        const cell = props.report.cells[id];
        return (
          <td
            key={id}
            colSpan={c.colSpan > 1 ? c.colSpan : undefined}
            className={
              [def.derived ? 'td-derived' : '', props.cellClass?.(id) ?? ''].filter(Boolean).join(' ') ||
              undefined
            }
          >
            <CellInput
              id={id}
              label={labels.get(id) ?? def.label}
              value={cell ? cell.value : null}
              valueType={def.valueType}
              unit={def.unit}
              storedUnit={cell?.unit}
              derived={def.derived}
              readOnly={props.readOnly}
              status={status}
              title={mark?.title ?? ''}
              description={cellDescription(def, mark)}
              pasted={props.pasted.has(id)}
              focused={props.focused === id}
              tabStop={
                id === firstCell &&
                !(props.focused && cellDef(props.edition, props.focused)?.table === props.table)
              }
              handlers={props.handlers}
            />
          </td>
        );
      })}
    </tr>
  );
  return (
    <table className={`official t-${props.table}${props.readOnly ? ' locked' : ''}`} ref={rowsRef}>
      <colgroup>
        {grid.colWeights.map((w, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: columns are positional
          <col key={i} style={{ width: `${((w / total) * 100).toFixed(2)}%` }} />
        ))}
      </colgroup>
      {header.length > 0 && (
        <thead ref={headRef}>
          {header.map((cells, r) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: header rows are positional
            <tr key={r}>{cells.map((c, i) => headerCell(c, `${r}:${i}`))}</tr>
          ))}
        </thead>
      )}
      {blocksOf(body).map((b) =>
        b.head === 0 ? (
          <tbody key={b.from}>
            {b.rows.map((cells, i) => renderRow(cells, grid.headerRows + b.from + i))}
          </tbody>
        ) : (
          // 表二: each block its own row group, so that its heading sticks while its rows scroll by and
          // leaves with the block's last row (the next block's heading takes its place)
          <tbody key={b.from} className="block">
            {b.rows.map((cells, i) =>
              renderRow(
                cells,
                grid.headerRows + b.from + i,
                i === 0 ? 'block-head block-cap' : i < b.head ? 'block-head' : undefined,
              ),
            )}
          </tbody>
        ),
      )}
    </table>
  );
});

/**
 * The body rows as blocks: a row of a caption across the table (表二's 第二十条第（一）项) starts a
 * block, whose heading is that row and the column heads under it (`head`: how many rows, up to its
 * first row of numbers). Rows before any caption (表三, 表四: all of them) are one block with no heading.
 */
export function blocksOf(
  body: readonly (readonly GridCell[])[],
): { from: number; head: number; rows: (readonly GridCell[])[] }[] {
  const out: { from: number; head: number; rows: (readonly GridCell[])[] }[] = [];
  body.forEach((cells, r) => {
    const caption = cells.length === 1 && cells[0]!.kind === 'caption';
    let cur = out.at(-1);
    if (caption || !cur) {
      cur = { from: r, head: caption ? 1 : 0, rows: [] };
      out.push(cur);
    } else if (cur.head === cur.rows.length && cur.head > 0 && !cells.some((c) => c.kind === 'value'))
      cur.head++;
    cur.rows.push(cells);
  });
  return out;
}

/**
 * A cell moved to by a key or a finding: scrolled into view below the sticky bars and its table's
 * sticky head rows. On a phone (≤ 700 px, 200 % zoom) a table scrolls within its own box, sideways and
 * down, its head rows at the top of the box: the box is then brought wholly into view as well, between
 * the cell bar and the findings bar, so the head rows are seen above the cell.
 */
export function revealCell(el: HTMLElement) {
  revealed = { el, at: Date.now() };
  el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  const wrap = el.closest<HTMLElement>('.table-wrap');
  if (!wrap || getComputedStyle(wrap).overflowY === 'visible') return;
  // Scrolled sideways, the row's label stays at the box's left edge: the cell is moved out from under it.
  const label = el.closest('tr')?.querySelector<HTMLElement>('th.row-label-near');
  if (label && getComputedStyle(label).position === 'sticky') {
    const cell = el.getBoundingClientRect();
    const under = label.getBoundingClientRect().right - cell.left;
    // no further than keeps its right end (where the number is) in the box
    const room = wrap.getBoundingClientRect().left + wrap.clientWidth - cell.right;
    const by = Math.min(under, room);
    if (by > 0) wrap.scrollLeft -= by;
  }
  wrap.scrollIntoView({ block: 'nearest', inline: 'nearest' });
}

/** The cell a key (or a finding) moved to last, and when: the bars' new heights after the move are for it. */
let revealed: { readonly el: HTMLElement; readonly at: number } | null = null;

/** A cell under the cell bar, its table's head rows or the phone's findings bar (a tap on it is left be). */
function covered(cell: HTMLElement): boolean {
  const r = cell.getBoundingClientRect();
  const bottomOf = (el: Element | null | undefined) => el?.getBoundingClientRect().bottom ?? 0;
  const bar = document.querySelector('.cell-bar');
  const findings = document.querySelector<HTMLElement>('.findings-bar');
  const floor =
    findings && findings.offsetHeight > 0 ? findings.getBoundingClientRect().top : window.innerHeight;
  // 表二: its block's heading, sticky too (the last of its rows is the lowest)
  const blockHead = [...(cell.closest('tbody.block')?.querySelectorAll('tr.block-head') ?? [])].at(-1);
  return (
    r.top <
      Math.max(bottomOf(bar), bottomOf(cell.closest('table')?.querySelector('thead')), bottomOf(blockHead)) -
        1 || r.bottom > floor + 1
  );
}

/**
 * The editor's sticky bars measured for the tables (CSS variables on `.editor`): --cell-bar-h, the
 * cell bar's height, below which the tables' head rows stick; --findings-bar-h, the phone's findings
 * bar at the bottom of the screen (0 where it is not shown), above which a phone's table box ends.
 * `key`: measure again when it changes (the cell bar is there on the 表格 tab only).
 */
export function useStickyBars(cellBar: RefObject<HTMLElement | null>, key: unknown) {
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` says when the bar is there to measure
  useEffect(() => {
    const bar = cellBar.current;
    const root = bar?.closest<HTMLElement>('.editor');
    if (!bar || !root) return;
    const findingsBar = root.querySelector<HTMLElement>('.findings-bar');
    // A phone's table box scrolls sideways, so it scrolls down too (CSS has no box that scrolls one way
    // only), and a sticky row sticks within the box it scrolls in, never to the page: the page scrolled
    // past the box's top (not the box) took its head rows off the screen. --page-past (on the box):
    // how far the page is past the box's top, below the cell bar — the head rows (and 表二's block
    // headings) stick that much lower in the box (styles.css), so they stay below the cell bar as on a
    // computer. 0 where the box's top is in view, and on a computer (no box: the rows stick to the page).
    let frame = 0;
    const follow = () => {
      frame = 0;
      const below = bar.getBoundingClientRect().bottom;
      for (const wrap of root.querySelectorAll<HTMLElement>('.table-wrap')) {
        const r = wrap.getBoundingClientRect();
        const scrolls = /^(auto|scroll)$/.test(getComputedStyle(wrap).overflowY);
        const past = scrolls
          ? Math.round(Math.min(Math.max(below - r.top, 0), Math.max(wrap.clientHeight - 1, 0)))
          : 0;
        const value = `${past}px`;
        if (wrap.style.getPropertyValue('--page-past') !== value)
          wrap.style.setProperty('--page-past', value);
        // 表二: a sticky row is held within its table, not its block — a block's heading would stay
        // put under the next one. --block-push (on the block): how far the block's end is above the
        // bottom of its heading where it sticks; the heading sticks that much higher, so it leaves
        // with the block's last row as the next heading comes up.
        const blocks = wrap.querySelectorAll<HTMLElement>('tbody.block');
        if (!blocks.length) continue;
        const table = wrap.querySelector<HTMLElement>('table');
        const theadH = Number.parseFloat(table?.style.getPropertyValue('--thead-h') ?? '') || 0;
        const stuck = (scrolls ? Math.max(below, r.top) : below) + theadH;
        for (const b of blocks) {
          const headH = Number.parseFloat(b.style.getPropertyValue('--block-head-h')) || 0;
          const push = Math.round(Math.min(0, b.getBoundingClientRect().bottom - (stuck + headH)));
          const v = `${push}px`;
          if (b.style.getPropertyValue('--block-push') !== v) b.style.setProperty('--block-push', v);
        }
      }
    };
    const onScroll = () => {
      if (!frame) frame = requestAnimationFrame(follow);
    };
    const set = () => {
      root.style.setProperty('--cell-bar-h', `${bar.offsetHeight}px`);
      root.style.setProperty('--findings-bar-h', `${findingsBar?.offsetHeight ?? 0}px`);
      follow();
    };
    set();
    window.addEventListener('scroll', onScroll, { passive: true });
    window.addEventListener('resize', onScroll);
    // a phone's table box scrolled (scroll events do not bubble: caught on the way down)
    root.addEventListener('scroll', onScroll, { passive: true, capture: true });
    const stop = () => {
      cancelAnimationFrame(frame);
      window.removeEventListener('scroll', onScroll);
      window.removeEventListener('resize', onScroll);
      root.removeEventListener('scroll', onScroll, { capture: true });
    };
    if (typeof ResizeObserver === 'undefined') return stop;
    const ro = new ResizeObserver(() => {
      set();
      // The cell bar names the cell just moved to and grew a line (or the findings bar did): the
      // head rows moved down with it. The cell a key just moved to is brought into view again (with
      // its table's box, on a phone); any other focused cell only when it is now under them (a tap
      // does not move the page).
      const cell = document.activeElement;
      if (
        cell instanceof HTMLInputElement &&
        cell.matches('input.cell') &&
        root.contains(cell) &&
        ((revealed?.el === cell && Date.now() - revealed.at < 1000) || covered(cell))
      )
        revealCell(cell);
    });
    ro.observe(bar);
    if (findingsBar) ro.observe(findingsBar);
    return () => {
      ro.disconnect();
      stop();
    };
  }, [cellBar, key]);
}

/**
 * What the cell bar says before a cell is chosen. A total is computed only once every one of its
 * parts holds a number (a blank is not 0): said so, not 「合计自动计算」 over a total that stays blank.
 */
export const TOTALS_HINT = '各项都填了数（没有的填 0）后自动计算合计。';
export const EDIT_HINT = `方向键、回车、Tab / Shift+Tab 移动；可从 Excel 或 WPS 复制一块数据，在光标处粘贴（Ctrl+V）。${TOTALS_HINT}`;
/** A phone has no keys to talk of: tap, scroll the table sideways. */
export const EDIT_HINT_PHONE = `点单元格输入数字，表格可左右滑动。${TOTALS_HINT}`;
export const READONLY_HINT = '只读查看：点击右侧的问题可定位到相应单元格。';
/** On a phone the findings are in the bar at the bottom of the screen, not on the right. */
export const READONLY_HINT_PHONE =
  '只读查看：点单元格看它是哪一项及其问题（屏幕底部）；「查看全部」列出所有问题，点问题可到相应单元格。';

/**
 * The cell bar's words before a cell is chosen. Both hints are in the page; the stylesheet shows
 * the keyboard's on a computer and the tap's on a phone or a touch screen (no 「Ctrl+V」 to a thumb).
 */
export function GridHint({ readOnly }: { readOnly: boolean }) {
  return (
    <span className="muted" data-testid="grid-hint">
      <span className="hint-keys">{readOnly ? READONLY_HINT : EDIT_HINT}</span>
      <span className="hint-touch">{readOnly ? READONLY_HINT_PHONE : EDIT_HINT_PHONE}</span>
    </span>
  );
}
