import { exampleReport, type Report } from '@nianbao/core';
import { act, fireEvent } from '@testing-library/react';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { editorTestSetup, renderDraftEditor } from '../test-support/editor';
import { KEYS } from './KeysHelp';

// A number typed into a cell through a Chinese input method (full-width 「１２」 in pinyin mode): what
// the cell shows while the input method composes is the input method's, not yet typed — nothing of it
// goes into the report (the totals, the save) until the composition is committed, and a composition
// cancelled (Esc, or ended with nothing) leaves the cell as it was. The events as headless Chromium
// gave them (CDP Input.imeSetComposition over a selected 「7」): compositionstart("7"), per key a
// compositionupdate and an input of the whole text; Esc: keydown Escape with key code 229 and
// isComposing, compositionupdate(""), input (the selection the composition replaced is gone: ""),
// compositionend(""); committed: the last input, then compositionend("１２").

editorTestSetup();

const A = 'applications.newReceived.naturalPerson';
const NEXT = 'applications.newReceived.commercialEnterprise';
const TOTAL = 'applications.newReceived.total';

function renderEditor(report: Report = exampleReport({ year: 2025 })) {
  const v = renderDraftEditor(report);
  const cell = (id: string) => v.container.querySelector<HTMLInputElement>(`input[name="${id}"]`)!;
  const dirty = () => v.getByTestId('save-state').classList.contains('dirty');
  const undoable = () => v.getByRole('button', { name: '撤销' }).getAttribute('aria-disabled') !== 'true';
  return { ...v, cell, dirty, undoable };
}

/** A composition as Chromium gives it: begun over what the cell has selected, `texts` one per key. */
function compose(el: HTMLInputElement, before: string, texts: readonly string[]) {
  fireEvent.compositionStart(el, { data: el.value.slice(el.selectionStart ?? 0, el.selectionEnd ?? 0) });
  for (const t of texts) {
    fireEvent.compositionUpdate(el, { data: t });
    fireEvent.change(el, { target: { value: before + t } });
  }
}

/** Esc while composing: the key is the input method's, the composition emptied and ended. */
function cancel(el: HTMLInputElement, before: string) {
  fireEvent.keyDown(el, { key: 'Escape', keyCode: 229, isComposing: true });
  fireEvent.compositionUpdate(el, { data: '' });
  fireEvent.change(el, { target: { value: before } });
  fireEvent.compositionEnd(el, { data: '' });
}

/** The composition committed (Enter or a candidate chosen): its last input, then compositionend. */
function commit(el: HTMLInputElement, before: string, text: string) {
  fireEvent.compositionUpdate(el, { data: text });
  fireEvent.change(el, { target: { value: before + text } });
  fireEvent.compositionEnd(el, { data: text });
}

describe('a number composed by an input method goes into the report only when committed', () => {
  it('cancelled over a selected number: the number stays, nothing changed (problem 1)', () => {
    const v = renderEditor();
    const a = v.cell(A);
    const old = a.value;
    const total = v.cell(TOTAL).value;
    expect(old).not.toBe('');
    act(() => a.focus());
    compose(a, '', ['１', '１２']);
    expect(a.value).toBe('１２'); // shown as the input method has it
    cancel(a, '');
    expect(a.value).toBe(old);
    expect(v.cell(TOTAL).value).toBe(total);
    // the number selected again, as before the composition: typing replaces it
    expect([a.selectionStart, a.selectionEnd]).toEqual([0, old.length]);
    fireEvent.keyDown(a, { key: 'Tab' });
    expect(a.value).toBe(old);
    expect(v.cell(TOTAL).value).toBe(total);
    expect(v.dirty()).toBe(false);
    expect(v.undoable()).toBe(false);
  });

  it('while composing nothing is in the report; committed, it is read as typed text is (problem 2)', () => {
    const v = renderEditor();
    const a = v.cell(A);
    const total = v.cell(TOTAL).value;
    const parts = Number(total) - Number(a.value);
    act(() => a.focus());
    compose(a, '', ['１', '１２']);
    expect(a.value).toBe('１２');
    expect(v.cell(TOTAL).value).toBe(total);
    expect(v.dirty()).toBe(false);
    expect(v.undoable()).toBe(false);
    commit(a, '', '１２');
    expect(Number(v.cell(TOTAL).value)).toBe(parts + 12);
    expect(v.dirty()).toBe(true);
    fireEvent.keyDown(a, { key: 'Enter' });
    expect(a.value).toBe('12');
    expect(Number(v.cell(TOTAL).value)).toBe(parts + 12);
  });
});

describe('around a composition', () => {
  it('「键盘操作」 says what Esc does while an input method composes', () => {
    expect(KEYS.find(([k]) => k === 'Esc')![1]).toMatch(/输入法.*未确认的文字.*该格不变/);
  });

  it('「5」 typed, then a composition after it cancelled: 「5」 stays the edit; Esc then puts the number back', () => {
    const v = renderEditor();
    const a = v.cell(A);
    const old = a.value;
    const total = v.cell(TOTAL).value;
    const parts = Number(total) - Number(old);
    act(() => a.focus());
    fireEvent.change(a, { target: { value: '5' } });
    expect(Number(v.cell(TOTAL).value)).toBe(parts + 5);
    compose(a, '5', ['６']);
    expect(a.value).toBe('5６');
    expect(Number(v.cell(TOTAL).value)).toBe(parts + 5);
    cancel(a, '5');
    expect(a.value).toBe('5');
    expect(Number(v.cell(TOTAL).value)).toBe(parts + 5);
    fireEvent.keyDown(a, { key: 'Escape' });
    expect(a.value).toBe(old);
    expect(v.cell(TOTAL).value).toBe(total);
  });

  it('the cell left while composing, the composition ended after the blur (as some browsers do): taken as committed, once', () => {
    const v = renderEditor();
    const a = v.cell(A);
    const parts = Number(v.cell(TOTAL).value) - Number(a.value);
    act(() => a.focus());
    compose(a, '', ['１', '１２']);
    act(() => v.cell(NEXT).focus());
    expect(a.value).toBe('12');
    expect(Number(v.cell(TOTAL).value)).toBe(parts + 12);
    // what the input method says after: nothing more
    commit(a, '', '１２３');
    expect(a.value).toBe('12');
    expect(Number(v.cell(TOTAL).value)).toBe(parts + 12);
    // typed into again: as any edit
    act(() => a.focus());
    fireEvent.change(a, { target: { value: '3' } });
    fireEvent.keyDown(a, { key: 'Tab' });
    expect(a.value).toBe('3');
    expect(Number(v.cell(TOTAL).value)).toBe(parts + 3);
  });

  it('the cell left while composing pinyin: refused as typed text is, the number kept and said', () => {
    const v = renderEditor();
    const a = v.cell(A);
    const old = a.value;
    const total = v.cell(TOTAL).value;
    act(() => a.focus());
    compose(a, '', ['w', 'wu']);
    act(() => v.cell(NEXT).focus());
    expect(a.value).toBe(old);
    expect(v.cell(TOTAL).value).toBe(total);
    expect(v.getByRole('alert').textContent).toContain(`已放弃无效输入“wu”`);
    expect(v.undoable()).toBe(false);
  });

  it('a block pasted while composing: the block goes in, the composition is given up — what the input method commits after is not taken', () => {
    const v = renderEditor();
    const a = v.cell(A);
    act(() => a.focus());
    compose(a, '', ['１', '１２']);
    const dt = { getData: () => '5\t6' };
    fireEvent.paste(a, { clipboardData: dt });
    expect(a.value).toBe('5');
    expect(v.cell(NEXT).value).toBe('6');
    commit(a, '', '１２');
    expect(a.value).toBe('5');
    expect(v.cell(NEXT).value).toBe('6');
    // then typed into (the browser ended that composition unsaid): taken
    fireEvent.keyDown(a, { key: '7' });
    fireEvent.change(a, { target: { value: '7' } });
    fireEvent.keyDown(a, { key: 'Tab' });
    expect(a.value).toBe('7');
  });
});

// 2019 (the trial format): 本年增/减 (may be negative) and 采购总金额 (its unit the report's: 元, 万元).
const CHANGE = 'activeDisclosure.licensing.yearChange';
const AMOUNT = 'activeDisclosure.centralProcurement.procurementAmount';

describe('本年增/减 and money cells alike', () => {
  it('composed 「－３」 over 本年增/减 cancelled: the number as it was; committed: −3', () => {
    const v = renderEditor(exampleReport({ year: 2020 }));
    const c = v.cell(CHANGE);
    const old = c.value;
    act(() => c.focus());
    compose(c, '', ['－', '－３']);
    cancel(c, '');
    expect(c.value).toBe(old);
    expect(v.undoable()).toBe(false);
    compose(c, '', ['－', '－３']);
    expect(v.undoable()).toBe(false);
    commit(c, '', '－３');
    fireEvent.keyDown(c, { key: 'Enter' });
    expect(c.value).toBe('-3');
  });

  it('采购总金额 in 万元: 「１５．３元」 composed and cancelled leaves the amount and its unit; committed, it is 15.3 元', () => {
    const v = renderEditor(exampleReport({ year: 2020 }));
    const m = v.cell(AMOUNT);
    const old = m.value;
    act(() => m.focus());
    const unit = () => v.container.querySelector<HTMLSelectElement>('select[name=money-unit]')!.value;
    expect(unit()).toBe('万元');
    compose(m, '', ['１５', '１５．３', '１５．３元']);
    expect(unit()).toBe('万元');
    cancel(m, '');
    expect(m.value).toBe(old);
    expect(unit()).toBe('万元');
    compose(m, '', ['１５', '１５．３', '１５．３元']);
    commit(m, '', '１５．３元');
    expect(unit()).toBe('元');
    fireEvent.keyDown(m, { key: 'Tab' });
    expect(m.value).toBe('15.3');
  });
});

describe('property: a composition committed is what typing the text gives; cancelled, it changes nothing', () => {
  // digits half- and full-width, minus signs, points (「。」 too), a comma, a space, units, a blank mark, pinyin
  const pieces = [...'120１２０－-.．。, 万元亿—yi'];
  const text = fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 5 }).map((a) => a.join(''));

  it('in a count, 本年增/减 and 采购总金额 of a 2019 report', () => {
    const v = renderEditor(exampleReport({ year: 2020 }));
    const reset = () => {
      while (v.undoable()) fireEvent.click(v.getByRole('button', { name: '撤销' }));
    };
    /** What the report and the form show after a text is left with Tab. */
    const snap = (id: string) => ({
      cell: v.cell(id).value,
      total: v.cell(TOTAL).value,
      message: v.queryByRole('alert')?.textContent ?? null,
      undoable: v.undoable(),
    });
    const unitOf = (id: string) => {
      if (id !== AMOUNT) return null;
      act(() => v.cell(id).focus());
      return v.container.querySelector<HTMLSelectElement>('select[name=money-unit]')?.value ?? null;
    };
    // The cell chosen anew, its number selected as a click selects it (a move by Tab waits on a
    // frame); a second later, so that a message of the step before is gone (the editor keeps one
    // given in the last half second as the focus moves).
    let later = 0;
    const now = Date.now.bind(Date);
    const clock = vi.spyOn(Date, 'now').mockImplementation(() => now() + later);
    const choose = (el: HTMLInputElement) =>
      act(() => {
        later += 1000;
        (document.activeElement as HTMLElement | null)?.blur();
        el.focus();
        el.select();
      });
    fc.assert(
      fc.property(fc.constantFrom(A, CHANGE, AMOUNT), text, fc.nat(4), (id, t, cut) => {
        const el = v.cell(id);
        const start = { cell: el.value, total: v.cell(TOTAL).value, unit: unitOf(id) };
        // typed
        choose(el);
        fireEvent.change(el, { target: { value: t } });
        fireEvent.keyDown(el, { key: 'Tab' });
        const typed = { ...snap(id), unit: unitOf(id) };
        // a text held to mend (Tab on 「1.」) given up, as the steps after begin from the number
        fireEvent.keyDown(el, { key: 'Escape' });
        reset();
        expect({ cell: el.value, total: v.cell(TOTAL).value, unit: unitOf(id) }).toEqual(start);
        // composed (a part of it first), committed
        choose(el);
        compose(el, '', [t.slice(0, Math.min(cut, t.length - 1) + 1), t]);
        expect(v.undoable()).toBe(false);
        expect(v.cell(TOTAL).value).toBe(start.total);
        commit(el, '', t);
        fireEvent.keyDown(el, { key: 'Tab' });
        expect({ ...snap(id), unit: unitOf(id) }).toEqual(typed);
        fireEvent.keyDown(el, { key: 'Escape' });
        reset();
        // composed, cancelled: nothing changed, the number selected
        choose(el);
        compose(el, '', [t]);
        cancel(el, '');
        expect(el.value).toBe(start.cell);
        expect([el.selectionStart, el.selectionEnd]).toEqual([0, start.cell.length]);
        fireEvent.keyDown(el, { key: 'Tab' });
        expect({ cell: el.value, total: v.cell(TOTAL).value, unit: unitOf(id) }).toEqual(start);
        expect(v.undoable()).toBe(false);
      }),
      { numRuns: 15 },
    );
    clock.mockRestore();
  }, 60_000);
});
