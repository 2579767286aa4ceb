import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { derive, exampleReport, getEdition, overrideNote, type Report, setCell } from '@nianbao/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seedReport } from '../test-support/reports.js';
import { locateCell } from './layout.js';
import {
  currentCell,
  DERIVED_PASTED,
  DERIVED_TYPED,
  type EditorState,
  handleKey,
  initialState,
  type Key,
  markSaved,
  splitChunk,
} from './state.js';

// A computed total (表三 总计 column and （七）总计, 表四 总计 — every cell core derives) is not typed
// into: the web form (apps/web Grid.tsx DERIVED_TYPED / DERIVED_PASTED) refuses a key or one number
// pasted there and says how to change it; 「手动改写合计…」 (here r) changes it with a reason.

const k = (input: string, extra: Partial<Key> = {}): Key => ({ input, ...extra });
const press = (s: EditorState, ...keys: Key[]) => keys.reduce((st, key) => handleKey(st, key).state, s);
const ENTER = k('', { return: true });

const REPORTS: Record<string, () => Report> = {
  '2019-trial': seedReport,
  '2021': () => derive(exampleReport({ year: 2022 })).report,
};
const derivedCells = (edition: string) =>
  getEdition(edition as '2021')
    .cells.filter((c) => c.derived)
    .map((c) => c.id);
const at = (report: Report, id: string): EditorState => ({
  ...initialState(report),
  ...locateCell(report.meta.edition, id)!,
});

const NEW_RECEIVED_TOTAL = 'applications.newReceived.total';

describe('a computed total is not typed into (as in the web form)', () => {
  it('says the web form’s words (apps/web Grid.tsx), with r where the web form has F2', () => {
    const web = readFileSync(join(import.meta.dirname, '../../../web/src/editor/Grid.tsx'), 'utf8');
    const said = (name: string) =>
      new RegExp(`${name} =\\s*'([^']+)'`).exec(web)?.[1]?.replace('按 F2', '按 r');
    expect(said('DERIVED_TYPED')).toBeDefined();
    expect(DERIVED_TYPED).toBe(said('DERIVED_TYPED'));
    expect(DERIVED_PASTED).toBe(said('DERIVED_PASTED'));
  });

  it('any text typed into any computed total of either edition: refused with why, the report unchanged (property)', () => {
    const chars = fc.constantFrom(...'0123456789５-−—。.,件万'.split(''));
    for (const edition of Object.keys(REPORTS)) {
      const report = REPORTS[edition]!();
      fc.assert(
        fc.property(
          fc.constantFrom(...derivedCells(edition)),
          fc.array(chars, { minLength: 1, maxLength: 8 }),
          (id, typed) => {
            const s0 = at(report, id);
            expect(currentCell(s0)).toBe(id);
            const s = press(s0, ...typed.map((ch) => k(ch)), ENTER);
            expect(s.report).toBe(report);
            expect(s.buffer).toBeNull();
            expect(s.dirty).toBe(false);
            expect(s.message).toBe(DERIVED_TYPED);
            expect(s.history).toHaveLength(0);
          },
        ),
        { numRuns: 60 },
      );
    }
  });

  it('「50」 typed as one chunk (typed ahead) onto 总计 43: refused, still 43 computed', () => {
    const report = REPORTS['2021']!();
    const before = report.cells[NEW_RECEIVED_TOTAL]!;
    expect(before).toMatchObject({ value: 43, origin: 'derived' });
    const s = press(at(report, NEW_RECEIVED_TOTAL), ...splitChunk('50\r', {}));
    expect(s.report.cells[NEW_RECEIVED_TOTAL]).toEqual(before);
    expect(s.message).toBe(DERIVED_TYPED);
  });

  it('x, Delete and Backspace on a total are refused too — a stated total is not silently recomputed', () => {
    const report = setCell(REPORTS['2021']!(), NEW_RECEIVED_TOTAL, 50); // printed 50, parts 43
    for (const key of [k('x'), k('', { delete: true }), k('', { backspace: true })]) {
      const s = press(at(report, NEW_RECEIVED_TOTAL), key);
      expect(s.report).toBe(report);
      expect(s.message).toBe(DERIVED_TYPED);
    }
  });

  it('one number pasted onto a total is refused with the paste’s words; a block with its total goes in', () => {
    const report = REPORTS['2021']!();
    for (const text of ['77\t', '77', ' 77 ', '77\r\n']) {
      const s = handleKey(at(report, NEW_RECEIVED_TOTAL), k('', { paste: text })).state;
      expect(s.report, JSON.stringify(text)).toBe(report);
      expect(s.message).toBe(DERIVED_PASTED);
    }
    // a row pasted from its first cell, total and all: the parts go in, a total that differs is kept as printed
    const row = { ...initialState(report), ...locateCell('2021', 'applications.newReceived.naturalPerson')! };
    const s = press(row, ...splitChunk('30\t6\t0\t0\t1\t0\t50', {}));
    expect(s.report.cells['applications.newReceived.naturalPerson']!.value).toBe(30);
    expect(s.report.cells[NEW_RECEIVED_TOTAL]!.value).toBe(50);
  });
});

describe('r: 手动改写合计 (the web form’s 「手动改写合计…」), with a reason', () => {
  const report = REPORTS['2021']!();
  const typeText = (s: EditorState, text: string) => press(s, ...[...text].map((ch) => k(ch)));

  it('a new value, then a reason (required): the total is stated, said, and u takes it back', () => {
    let s = press(at(report, NEW_RECEIVED_TOTAL), k('r'));
    expect(s.prompt?.kind).toBe('override');
    s = press(typeText(s, '50'), ENTER);
    expect(s.prompt?.kind).toBe('overrideReason');
    expect(s.report).toBe(report);
    // no reason, or one character: asked for
    s = press(s, ENTER);
    expect(s.message).toContain('请填写改写理由');
    expect(s.report).toBe(report);
    s = press(typeText(s, '按原始台账'), ENTER);
    expect(s.prompt ?? null).toBeNull();
    expect(s.report.cells[NEW_RECEIVED_TOTAL]).toEqual({ value: 50, origin: 'entered' });
    expect(s.message).toContain('已手动改写合计');
    expect(s.message).toContain('43 → 50');
    expect(s.message).toContain('理由：按原始台账');
    expect(s.dirty).toBe(true);
    s = press(s, k('u'));
    expect(s.report.cells[NEW_RECEIVED_TOTAL]).toEqual({ value: 43, origin: 'derived' });
    expect(s.message).toContain('已撤销');
    expect(s.message).toContain('43');
  });

  it('left empty (or the computed value) on a stated total: computed again (the web’s 改用计算值…)', () => {
    const stated = setCell(report, NEW_RECEIVED_TOTAL, 50);
    for (const value of ['', '43']) {
      let s = press(at(stated, NEW_RECEIVED_TOTAL), k('r'));
      expect(s.message ?? '').not.toContain('不能');
      s = press(typeText(s, value), ENTER);
      s = press(typeText(s, '核对后按各项之和'), ENTER);
      expect(s.report.cells[NEW_RECEIVED_TOTAL], value).toEqual({ value: 43, origin: 'derived' });
      expect(s.message).toContain('50 → 43');
    }
  });

  it('a value read as a typed one is (core’s reader): 「５０件」 is 50; 「5x」 is refused, the prompt kept; Esc cancels', () => {
    let s = press(typeText(press(at(report, NEW_RECEIVED_TOTAL), k('r')), '５０件'), ENTER);
    expect(s.prompt?.kind).toBe('overrideReason');
    s = press(typeText(s, '台账'), ENTER);
    expect(s.report.cells[NEW_RECEIVED_TOTAL]).toEqual({ value: 50, origin: 'entered' });
    let bad = press(typeText(press(at(report, NEW_RECEIVED_TOTAL), k('r')), '5x'), ENTER);
    expect(bad.prompt?.kind).toBe('override');
    expect(bad.message).toContain('不是非负整数');
    bad = press(bad, k('', { escape: true }));
    expect(bad.prompt ?? null).toBeNull();
    expect(bad.report).toBe(report);
    expect(bad.message).toContain('已取消');
  });

  it('the reason is kept until the save (for the version note, in the web form’s words); u drops the one it undoes', () => {
    const override = (s: EditorState, value: string, reason: string) =>
      press(typeText(press(typeText(press(s, k('r')), value), ENTER), reason), ENTER);
    let s = override(at(report, NEW_RECEIVED_TOTAL), '50', '按原始台账');
    expect(s.overrides.map(overrideNote)).toEqual([
      '改写表三 一、本年新收政府信息公开申请数量 · 总计：43→50，理由：按原始台账',
    ]);
    // another change after it: undoing that one keeps the reason; undoing the total drops it
    s = press(s, k('h'), k('5'), ENTER);
    expect(s.overrides).toHaveLength(1);
    s = press(s, k('u'));
    expect(s.overrides).toHaveLength(1);
    s = press(s, k('u'));
    expect(s.report.cells[NEW_RECEIVED_TOTAL]).toEqual({ value: 43, origin: 'derived' });
    expect(s.overrides).toEqual([]);
    // two, then one undone: the first stays; a save hands them on and starts afresh
    s = override(override(s, '60', '原件印制'), '', '核对后按各项之和');
    expect(s.overrides.map((o) => [o.from, o.to])).toEqual([
      [43, 60],
      [60, 43],
    ]);
    s = press(s, k('u'));
    expect(s.overrides.map(overrideNote)).toEqual([
      '改写表三 一、本年新收政府信息公开申请数量 · 总计：43→60，理由：原件印制',
    ]);
    expect(markSaved(s).overrides).toEqual([]);
  });

  it('on a total that is the sum of its parts, left empty (or that sum): no change, said at once, no reason asked', () => {
    for (const value of ['', '43', '４３件']) {
      const s = press(typeText(press(at(report, NEW_RECEIVED_TOTAL), k('r')), value), ENTER);
      expect(s.prompt ?? null, value).toBeNull();
      expect(s.message).toBe(
        '合计没有变化：表三 一、本年新收政府信息公开申请数量 · 总计 仍为 43（按各项之和计算）',
      );
      expect(s.report).toBe(report);
      expect(s.overrides).toEqual([]);
      expect(s.history).toEqual([]);
    }
    // another value still asks for the reason
    const other = press(typeText(press(at(report, NEW_RECEIVED_TOTAL), k('r')), '44'), ENTER);
    expect(other.prompt?.kind).toBe('overrideReason');
  });

  it('r on a cell that is no total says so and opens nothing', () => {
    const s = press(at(report, 'applications.newReceived.naturalPerson'), k('r'));
    expect(s.prompt ?? null).toBeNull();
    expect(s.message).toContain('合计格');
    expect(s.report).toBe(report);
  });
});
