import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  pasteBlock as corePaste,
  createEmptyReport,
  derive,
  exampleReport,
  type FixSuggestion,
  getEdition,
  type Report,
  setCell,
  suggestFixes,
  validate,
} from '@nianbao/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadReport } from '../lib/io.js';
import { zeroFilled } from '../lib/seed.js';
import { fixture, tempDir } from '../test-support/cli.js';
import { seedReport } from '../test-support/reports.js';
import { locateCell, TABLE_ORDER, tableLayout } from './layout.js';
import {
  editSectionsInEditor,
  forgetKeptSections,
  sectionsProblem,
  sectionsToText,
  textToSections,
} from './sections.js';
import {
  appliedMessage,
  currentCell,
  describeFix,
  type EditorState,
  findingsOf,
  handleKey,
  initialState,
  isPastedBlock,
  jumpTo,
  type Key,
  markSaved,
  splitChunk,
  suggestionFor,
  viewReport,
} from './state.js';

const k = (input: string, extra: Partial<Key> = {}): Key => ({ input, ...extra });
const press = (s: ReturnType<typeof initialState>, ...keys: Key[]) =>
  keys.reduce((st, key) => handleKey(st, key).state, s);

describe('grid layout from the edition data', () => {
  it('has every cell of both editions exactly once, in the three tables', () => {
    for (const id of ['2019-trial', '2021'] as const) {
      const seen = TABLE_ORDER.flatMap((t) =>
        tableLayout(id, t).lines.flatMap((l) => (l.kind === 'row' ? l.cells : [])),
      );
      expect(seen.sort()).toEqual(
        getEdition(id)
          .cells.map((c) => c.id)
          .sort(),
      );
    }
  });

  it('locates a cell for jumping', () => {
    expect(locateCell('2021', 'applications.granted.total')).toEqual({
      table: 'applications',
      row: 2,
      col: 6,
    });
    expect(locateCell('2021', 'reviewLitigation.litigationAfterReview.pending')).toEqual({
      table: 'reviewLitigation',
      row: 2,
      col: 3,
    });
  });
});

describe('editor state', () => {
  it('types digits, shows totals before Enter, commits and derives', () => {
    let s = initialState(seedReport());
    s = press(s, k('1'), k('2'));
    expect(s.buffer).toBe('12');
    expect(viewReport(s).cells['applications.newReceived.total']!.value).toBe(12);
    expect(s.report.cells['applications.newReceived.total']!.value).toBe(0);
    s = press(s, k('', { return: true }));
    expect(s.report.cells['applications.newReceived.naturalPerson']!.value).toBe(12);
    expect(s.report.cells['applications.newReceived.total']).toMatchObject({ value: 12, origin: 'derived' });
    expect(findingsOf(s).filter((f) => f.ruleId === 'T3-B' && f.status === 'failed')).toHaveLength(2);
    expect(s.dirty).toBe(true);
  });

  it('an arrow key confirms the typed number and moves', () => {
    const s = press(initialState(seedReport()), k('4'), k('', { downArrow: true }));
    expect(s.report.cells['applications.newReceived.naturalPerson']!.value).toBe(4);
    expect(currentCell(s)).toBe('applications.carriedOver.naturalPerson');
  });

  it('never turns 3.5 or -7 in a count into another number: refused with the reason, until mended', () => {
    const cell = 'applications.newReceived.naturalPerson';
    // 「3.」 may still become 「3.0」 (core reads 12.0 in a count as 12): said once it cannot be a count
    let s = press(initialState(seedReport()), k('3'), k('.'), k('5'));
    expect(s.message).toContain('不是非负整数');
    s = press(s, k('', { return: true }));
    expect(s.report.cells[cell]!.value).toBe(0);
    expect(s.buffer).toBe('3.5');
    expect(s.message).toContain('不是非负整数');
    expect(viewReport(s).cells[cell]!.value).toBe(0);
    // an arrow does not carry it away either; Backspace mends it
    s = press(s, k('', { downArrow: true }));
    expect(currentCell(s)).toBe(cell);
    s = press(s, k('', { backspace: true }), k('', { backspace: true }), k('', { return: true }));
    expect(s.report.cells[cell]!.value).toBe(3);
    // - 7 in a count: refused; Esc drops it
    s = press(s, k('-'), k('7'), k('', { return: true }));
    expect(s.report.cells[cell]!.value).toBe(3);
    expect(s.message).toContain('不是非负整数');
    s = press(s, k('', { escape: true }));
    expect(s.buffer).toBeNull();
    // as one chunk (typed ahead or pasted)
    s = press(s, ...splitChunk('3.5\r', {}));
    expect(s.report.cells[cell]!.value).toBe(3);
    expect(s.buffer).toBe('3.5');
    // a lone minus is a blank mark, as 「—」 and as in the web form: blank (never 0), and said
    s = press(s, k('', { escape: true }), k('-'), k('', { return: true }));
    expect(s.report.cells[cell]!.value).toBeNull();
    expect(s.message).toContain('空白不等于 0');
  });

  it('accepts signed numbers in 本年增/减 (2019 表二)', () => {
    let s = press(initialState(seedReport()), k('', { tab: true }), k('', { tab: true }));
    expect(s.table).toBe('activeDisclosure');
    s = press(s, k('j'), k('j'), k('l'));
    expect(currentCell(s)).toBe('activeDisclosure.licensing.yearChange');
    s = press(s, k('-'), k('7'), k('', { return: true }));
    expect(s.report.cells['activeDisclosure.licensing.yearChange']!.value).toBe(-7);
  });

  it('a stated total that disagrees is kept and flagged; = recomputes it', () => {
    const base = seedReport();
    const r = setCell(base, 'applications.newReceived.total', 9);
    let s = initialState(r);
    expect(findingsOf(s).some((f) => f.ruleId === 'T3-H' && f.status === 'failed')).toBe(true);
    s = press(s, k('='));
    expect(s.report.cells['applications.newReceived.total']!.value).toBe(0);
    expect(s.message).toContain('重算');
  });

  it('a applies the suggested fix for the cell under the cursor', () => {
    let s = press(initialState(seedReport()), k('3'), k('', { return: true }));
    expect(findingsOf(s).some((f) => f.status === 'failed' && f.severity === 'error')).toBe(true);
    s = press(s, k('a'));
    expect(s.message).toContain('已应用');
    expect(findingsOf(s).some((f) => f.status === 'failed' && f.severity === 'error')).toBe(false);
  });

  it('a balance broken by the last edit: the fix offered undoes that edit, not a 结转 moved to fit it', () => {
    const cell = 'applications.granted.naturalPerson';
    const before = derive(exampleReport({ year: 2023 })).report;
    const was = before.cells[cell]!.value!;
    const typed = derive(setCell(before, cell, was + 1)).report;
    const s = { ...initialState(typed), history: [before] };
    const broken = findingsOf(s).find((f) => f.status === 'failed' && f.ruleId === 'T3-B')!;
    expect(suggestionFor(s, { finding: broken })?.changes).toEqual([
      expect.objectContaining({ cell, from: was + 1, to: was }),
    ]);
  });

  it('a in the findings pane offers on T3-H and T3-V what a on the cell offers (typo-2022: 2 → 20)', async () => {
    const typo = (await loadReport(fixture('typo-2022.json'))).report;
    const cell = 'applications.granted.naturalPerson';
    const s0 = initialState(typo);
    const onCell = suggestionFor(s0, { cell });
    expect(onCell?.changes).toEqual([expect.objectContaining({ cell, from: 2, to: 20 })]);
    const failed = findingsOf(s0).filter((f) => f.status === 'failed' && f.severity === 'error');
    expect(failed.map((f) => f.ruleId).sort()).toEqual(['T3-H', 'T3-V']);
    for (const f of failed) {
      expect(suggestionFor(s0, { finding: f }), f.ruleId).toBe(onCell);
      // pressed in the pane: applied, and no error left
      const i = findingsOf(s0).indexOf(f);
      let s = press(s0, k('f'));
      for (let n = 0; n < i; n++) s = press(s, k('j'));
      s = press(s, k('a'));
      expect(s.message).toContain('已应用');
      expect(s.report.cells[cell]!.value).toBe(20);
      expect(findingsOf(s).some((x) => x.status === 'failed' && x.severity === 'error')).toBe(false);
    }
  });

  it('a on one of two T4-1 findings applies that finding’s fix only, not core’s fix of both (「同时修改 2 处」)', () => {
    // 表四: both totals printed as 0 under non-zero parts — two independent T4-1 findings (as in
    // huaian-hongze-2023.pdf); core offers first one suggestion that changes both totals.
    const review = 'reviewLitigation.review.total';
    const after = 'reviewLitigation.litigationAfterReview.total';
    let r = exampleReport({ year: 2023 });
    r = setCell(r, 'reviewLitigation.review.upheld', 10);
    r = setCell(r, 'reviewLitigation.litigationAfterReview.upheld', 5);
    r = derive(r).report;
    const want = { [review]: r.cells[review]!.value, [after]: r.cells[after]!.value };
    expect(want[review]).toBeGreaterThan(0);
    expect(want[after]).toBeGreaterThan(0);
    r = setCell(setCell(r, review, 0), after, 0);
    expect(suggestFixes(r)[0]!.changes).toHaveLength(2); // core's first: both totals at once
    const s0 = initialState(r);
    const t41 = findingsOf(s0).filter((f) => f.status === 'failed' && f.ruleId === 'T4-1');
    expect(t41).toHaveLength(2);
    for (const f of t41) {
      const own = f.cells.includes(review) ? review : after;
      const other = own === review ? after : review;
      const fix = suggestionFor(s0, { finding: f });
      // one change, in this finding's own row (its total, or a part of it)
      expect(fix?.changes, f.message).toHaveLength(1);
      expect(f.cells).toContain(fix!.changes[0]!.cell);
      const ownRow = fix!.changes[0]!.cell;
      let s = press(s0, k('f'));
      for (let n = 0; n < findingsOf(s0).indexOf(f); n++) s = press(s, k('j'));
      s = press(s, k('a'));
      expect(s.message).toBe(`已应用：${describeFix(fix!)}`);
      expect(s.report.cells[ownRow]!.value).toBe(fix!.changes[0]!.to);
      expect(findingsOf(s).filter((x) => x.status === 'failed' && x.ruleId === 'T4-1')).toEqual([
        expect.objectContaining({ message: t41.find((x) => x !== f)!.message }),
      ]);
      // the other row is as it was: its total still 0
      expect(s.report.cells[other]!.value).toBe(0);
      // one u undoes that one change
      expect(press(s, k('', { escape: true }), k('u')).report).toBe(r);
    }
    // a on a cell without a finding applies nothing (before: core's first suggestion, both totals)
    const clean = { ...s0, ...locateCell(r.meta.edition, 'applications.newReceived.naturalPerson')! };
    const s = press(clean, k('a'));
    expect(s.report).toBe(r);
    expect(s.message).toContain('当前单元格没有修改建议');
  });

  it('a on a finding core has no fix for (X1 against last year) says so and what to do, not 「按 f … 再按 a」', async () => {
    const previous = (await loadReport(fixture('example-2021.json'))).report;
    const r = (await loadReport(fixture('example-2022.json'))).report;
    const s0 = initialState(r, { previous });
    const x1 = findingsOf(s0).find(
      (f) =>
        f.status === 'failed' && f.ruleId === 'X1' && f.cells[0] === 'applications.carriedOver.naturalPerson',
    )!;
    expect(x1).toBeDefined();
    expect(x1.hint).toContain('上一年度年报');
    expect(suggestionFor(s0, { finding: x1 })).toBeUndefined();
    const want = `X1 没有可自动应用的修改建议，请手动改正（按 i 查看全文）：${x1.hint}`;
    // on the cell
    const onCell = { ...s0, ...locateCell(r.meta.edition, x1.cells[0]!)! };
    const s = press(onCell, k('a'));
    expect(s.report).toBe(r);
    expect(s.message).toBe(want);
    expect(s.message).not.toContain('按 f');
    // i then shows the finding whole, with core's 改法
    expect(press(s, k('i')).screen).toBe('detail');
    // in the findings list
    let l = press(s0, k('f'));
    while (findingsOf(l)[l.findingIndex] !== x1) l = press(l, k('j'));
    const t = press(l, k('a'));
    expect(t.report).toBe(r);
    expect(t.message).toBe(want);
  });

  it('a fix of core that changes several cells for one finding says so when applied', () => {
    const fix = {
      changes: [
        { cell: 'reviewLitigation.review.total', label: '甲', from: 0, to: 11 },
        { cell: 'reviewLitigation.review.upheld', label: '乙', from: 1, to: 2 },
      ],
    } as unknown as FixSuggestion;
    expect(appliedMessage(fix)).toBe(
      '已应用一条修改建议，同时修改了 2 处（按 u 一并撤销）：甲 0 → 11；乙 1 → 2',
    );
  });

  it('a fix that moves no number (re-laying an old-format table) is said by its reason, never an empty 「已应用：」', () => {
    const fix = {
      changes: [],
      reason: '按 2021 版格式重排表三：删去旧版「（六）其他处理」行的记录',
      layout: { dropExtraLabels: ['表三 （六）其他处理'] },
    } as unknown as FixSuggestion;
    expect(appliedMessage(fix)).toBe(
      '已应用：按 2021 版格式重排表三：删去旧版「（六）其他处理」行的记录（不改动任何数值）',
    );
  });

  it('q twice with unsaved changes; u undoes', () => {
    let s = press(initialState(seedReport()), k('3'), k('', { return: true }));
    let r = handleKey(s, k('q'));
    expect(r.effect).toBeUndefined();
    r = handleKey(r.state, k('q'));
    expect(r.effect).toBe('quit');
    s = press(s, k('u'));
    expect(s.report.cells['applications.newReceived.naturalPerson']!.value).toBe(0);
  });
});

describe('the quit confirmation', () => {
  it('is disarmed by any other key and by a change of screen', () => {
    const edited = press(initialState(seedReport()), k('3'), k('', { return: true }));
    // q, then s (summary), Esc (back): q asks again instead of quitting
    let r = handleKey(press(edited, k('q'), k('s'), k('', { escape: true })), k('q'));
    expect(r.effect).toBeUndefined();
    expect(r.state.message).toContain('有未保存的修改');
    // q, ? (help), q (leaves help): still not armed
    r = handleKey(press(edited, k('q'), k('?'), k('q')), k('q'));
    expect(r.effect).toBeUndefined();
    // q, an arrow, f and back, Tab: each disarms
    for (const other of [k('', { downArrow: true }), k('f'), k('', { tab: true }), k('x')]) {
      const s = press(edited, k('q'), other);
      expect(s.quitArmed, JSON.stringify(other)).toBe(false);
      expect(handleKey(s.focus === 'findings' ? press(s, k('f')) : s, k('q')).effect).toBeUndefined();
    }
    // q q still quits
    expect(handleKey(press(edited, k('q')), k('q')).effect).toBe('quit');
  });
});

describe('a number too long', () => {
  it('20 digits are refused whole on Enter and the old value kept (never 123456789012345)', () => {
    const s0 = initialState(seedReport());
    const cell = currentCell(s0)!;
    let s = press(s0, ...[...'12345678901234567890'].map((ch) => k(ch)));
    expect(s.buffer).toBe('12345678901234567890');
    expect(s.message).toContain('位数过多：最多 12 位');
    s = press(s, k('', { return: true }));
    expect(s.report.cells[cell]!.value).toBe(0);
    expect(s.dirty).toBe(false);
    expect(s.message).toContain('未填入');
    s = press(s, k('', { escape: true }));
    expect(s.buffer).toBeNull();
    expect(s.report.cells[cell]!.value).toBe(0);
    // 12 digits are a number (as in the web form; core's C1 allows no more); 13 are refused
    s = press(s0, ...[...'123456789012'].map((ch) => k(ch)), k('', { return: true }));
    expect(s.report.cells[cell]!.value).toBe(123456789012);
    s = press(s, ...[...'1234567890123'].map((ch) => k(ch)), k('', { return: true }));
    expect(s.report.cells[cell]!.value).toBe(123456789012);
    expect(s.message).toContain('位数过多');
  });
});

describe('typed or pasted as people write numbers (core reads them, as the web form does)', () => {
  const at = (id: string) =>
    jumpTo(initialState(createEmptyReport({ year: 2023, agency: '某某镇人民政府' })), {
      cells: [id],
    } as never);
  const typeIn = (s: EditorState, text: string) => press(s, ...splitChunk(`${text}\r`, {}));
  it('「20000元」 in 本年收费金额（万元） is 2 万元, said on the status line — never 20000 万元', () => {
    const id = 'activeDisclosure.adminFees.feeAmount';
    const s = typeIn(at(id), '20000元');
    expect(s.report.cells[id]).toMatchObject({ value: 2, unit: '万元' });
    expect(s.message).toBe('已按万元换算：20000元 = 2万元');
  });
  it('thousands separators and full-width digits are read; 「1,5」 is refused, never 15', () => {
    const id = 'applications.newReceived.naturalPerson';
    expect(typeIn(at(id), '1,234').report.cells[id]!.value).toBe(1234);
    expect(typeIn(at(id), '１２３').report.cells[id]!.value).toBe(123);
    expect(typeIn(at(id), '5件').report.cells[id]!.value).toBe(5);
    const bad = typeIn(at(id), '1,5');
    expect(bad.report.cells[id]!.value).toBeNull();
    expect(bad.buffer).toBe('1,5');
    expect(bad.message).toContain('“1,5”不是非负整数');
    expect(typeIn(at(id), '5万元').message).toContain('不能带金额单位');
  });
  it('no character is left out of what is typed or pasted: 「5亿元」 is 50000 万元, 「9百万元」 and 「约5」 are refused, never 5', () => {
    const fee = 'activeDisclosure.adminFees.feeAmount';
    const yi = typeIn(at(fee), '5亿元');
    expect(yi.report.cells[fee]).toMatchObject({ value: 50000, unit: '万元' });
    expect(yi.message).toBe('已按万元换算：5亿元 = 50000万元');
    // 「5亿」 is 5 亿元 (core reads 万/亿 with or without 元), said as 「5亿元」 is
    expect(typeIn(at(fee), '5亿').report.cells[fee]).toMatchObject({ value: 50000, unit: '万元' });
    for (const text of ['9百万元', '2千元', '约5', '1e3']) {
      const s = typeIn(at(fee), text);
      expect(s.report.cells[fee]!.value, text).toBeNull();
      expect(s.buffer, text).toBe(text);
      expect(s.message, text).toContain('未填入');
    }
    const count = 'applications.newReceived.naturalPerson';
    expect(typeIn(at(count), '5亿元').report.cells[count]!.value).toBeNull();
    // h j k l still confirm and move while typing
    const moved = press(at(count), ...splitChunk('7j', {}));
    expect(moved.report.cells[count]!.value).toBe(7);
    expect(moved.buffer).toBeNull();
  });
  it('the 2019 采购总金额 takes the unit typed with it', () => {
    const id = 'activeDisclosure.centralProcurement.procurementAmount';
    const s0 = jumpTo(initialState(createEmptyReport({ year: 2020, agency: '某某镇人民政府' })), {
      cells: [id],
    } as never);
    expect(press(s0, ...splitChunk('15.3万元\r', {})).report.cells[id]).toMatchObject({
      value: 15.3,
      unit: '万元',
    });
    expect(press(s0, ...splitChunk('800元\r', {})).report.cells[id]).toMatchObject({
      value: 800,
      unit: '元',
    });
    // 5亿元 is 50000 万元 (before: 「5元」, the 亿 dropped)
    expect(press(s0, ...splitChunk('5亿元\r', {})).report.cells[id]).toMatchObject({
      value: 50000,
      unit: '万元',
    });
  });
});

describe('Ctrl-C', () => {
  const ctrlC = k('c', { ctrl: true });
  it('with unsaved changes asks first (未保存的修改将丢失), and a second Ctrl-C quits', () => {
    const edited = press(initialState(seedReport()), k('9'), k('', { return: true }), k('4'));
    let r = handleKey(edited, ctrlC);
    expect(r.effect).toBeUndefined();
    expect(r.state.message).toContain('未保存的修改将丢失');
    expect(r.state.message).toContain('Ctrl-C');
    r = handleKey(r.state, ctrlC);
    expect(r.effect).toBe('quit');
    // from the findings list and the help screen too
    for (const s of [
      press(edited, k('', { return: true }), k('f')),
      press(edited, k('', { return: true }), k('?')),
    ])
      expect(handleKey(s, ctrlC).effect).toBeUndefined();
    // a number being typed is unsaved too
    expect(handleKey(press(initialState(seedReport()), k('7')), ctrlC).effect).toBeUndefined();
  });
  it('without changes quits at once', () => {
    expect(handleKey(initialState(seedReport()), ctrlC).effect).toBe('quit');
  });
  it('after a (or u) restores the value as opened or saved, nothing is unsaved: quits at once', async () => {
    const opened = (await loadReport(fixture('example-2022.json'))).report;
    const cell = 'applications.granted.naturalPerson';
    const was = opened.cells[cell]!.value!;
    const s0 = { ...initialState(opened), ...locateCell(opened.meta.edition, cell)! };
    const typo = press(s0, ...[...String(was + 1)].map((ch) => k(ch)), k('', { return: true }));
    expect(typo.dirty).toBe(true);
    expect(handleKey(typo, ctrlC).state.message).toContain('有未保存的修改');
    const fixed = press(typo, k('a'));
    expect(fixed.message).toContain('已应用');
    expect(fixed.report.cells[cell]!.value).toBe(was);
    expect(fixed.dirty).toBe(false);
    expect(handleKey(fixed, ctrlC).effect).toBe('quit');
    expect(handleKey(fixed, k('q')).effect).toBe('quit');
    // u back to what was opened: the same
    expect(press(typo, k('u')).dirty).toBe(false);
    // once saved, the saved report is the reference: a change and its undo leave nothing unsaved
    const saved = markSaved(typo);
    expect(saved.dirty).toBe(false);
    expect(press(saved, k('a')).dirty).toBe(true);
    expect(press(saved, k('a'), k('u')).dirty).toBe(false);
  });
});

describe('sections in $EDITOR', () => {
  it('round-trips the six sections through the text file', () => {
    const r = {
      ...seedReport(),
      sections: { ...seedReport().sections, overview: '概述。\n第二段。', other: null },
    };
    const text = sectionsToText(r);
    expect(text).toContain('#### 一、总体情况');
    const back = textToSections(r, text.replace('概述。', '新的概述。'));
    expect(back.sections.overview).toBe('新的概述。\n第二段。');
    expect(back.sections.other).toBeNull();
    expect(back.sections.problems).toBe('');
  });
});

describe('the preamble (前言) in $EDITOR: S9 can be fixed in the editor', () => {
  const failedS9 = (r: Report) => validate(r).filter((f) => f.ruleId === 'S9' && f.status === 'failed');
  // as `nianbao new` makes it (no preamble), with 一、总体情况 written in the editor
  const made = (): Report => {
    const r = zeroFilled(createEmptyReport({ year: 2025, agency: '某某镇人民政府' }));
    return { ...r, sections: { ...r.sections, overview: '　　2025 年，我镇认真贯彻落实《条例》。' } };
  };

  it('offers the preamble first, with what goes there; blank stays absent, text comes back as written', () => {
    const r = made();
    expect(r.preamble).toBeUndefined();
    // no preamble: the standard one, with the period, is printed — S9 has nothing to say
    expect(failedS9(r)).toHaveLength(0);
    // a preamble written without the period: S9 asks for it
    expect(failedS9({ ...r, preamble: '　　本报告由某某镇人民政府编制。' })).toHaveLength(1);
    const text = sectionsToText(r);
    expect(text.indexOf('#### 前言')).toBeGreaterThan(-1);
    expect(text.indexOf('#### 前言')).toBeLessThan(text.indexOf('#### 一、总体情况'));
    expect(text).toContain('统计期限自2025年1月1日起至2025年12月31日止');
    // nothing written under 前言: still no preamble, and the report is the same
    const same = textToSections(r, text);
    expect('preamble' in same).toBe(false);
    expect(same).toEqual(r);
    // written under 前言: as written (indent, two lines), and S9 holds
    const preamble =
      '　　本报告根据《中华人民共和国政府信息公开条例》编制。\n　　统计期限自2025年1月1日起至2025年12月31日止。';
    const back = textToSections(r, text.replace('#### 前言\n', `#### 前言\n\n${preamble}\n\n`));
    expect(back.preamble).toBe(preamble);
    expect(failedS9(back)).toEqual([]);
    // the other fields as they were, the indent of 一、总体情况 kept
    expect(back.sections).toEqual(r.sections);
    // and back again: the same text under 前言; blanked: absent again
    const again = sectionsToText(back);
    expect(again).toContain(`#### 前言\n\n${preamble}\n`);
    expect(textToSections(back, again)).toEqual(back);
    expect('preamble' in textToSections(back, again.replace(preamble, ''))).toBe(false);
  });

  it('Enter on S9 in the findings pane says it is about the preamble and that e edits it', () => {
    const written = { ...made(), preamble: '　　本报告由某某镇人民政府编制。' };
    const s0 = initialState(written);
    const s9 = failedS9(written)[0]!;
    expect(jumpTo(s0, s9).message).toContain('该问题涉及前言，按 e 编辑：未写明统计期限');
  });

  it('through the real $EDITOR: a preamble typed there is in the report', () => {
    const dir = tempDir();
    const script = join(dir, 'ed.mjs');
    writeFileSync(
      script,
      `import { readFileSync, writeFileSync } from 'node:fs';
const f = process.argv[2];
writeFileSync(f, readFileSync(f, 'utf8').replace('#### 前言\\n', '#### 前言\\n\\n统计期限自2025年1月1日起至2025年12月31日止。\\n'));
`,
    );
    const saved = { VISUAL: process.env.VISUAL, EDITOR: process.env.EDITOR };
    process.env.VISUAL = `"${process.execPath}" "${script}"`;
    try {
      const out = editSectionsInEditor(made());
      expect(out.error).toBeUndefined();
      expect(out.report?.preamble).toBe('统计期限自2025年1月1日起至2025年12月31日止。');
      expect(failedS9(out.report!)).toEqual([]);
    } finally {
      for (const [k, v] of Object.entries(saved))
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
    }
  });
});

describe('keys that arrive as one chunk', () => {
  it('splits typed-ahead or pasted keys; escape sequences stay whole', () => {
    expect(splitChunk('12\r', {})).toEqual([{ input: '1' }, { input: '2' }, { input: '', return: true }]);
    expect(splitChunk('j', {})).toEqual([{ input: 'j' }]);
    expect(splitChunk('\u001b[B', { downArrow: true })).toEqual([{ input: '\u001b[B', downArrow: true }]);
    const s = press(initialState(seedReport()), ...splitChunk('35\r', {}));
    expect(s.report.cells['applications.newReceived.naturalPerson']!.value).toBe(35);
  });
});

describe('Tabs and Enters arriving as one chunk (pressed fast, or held)', () => {
  it('are keys, never a pasted row of blanks: the same as pressed one by one, no cell changed (fast-check)', () => {
    const report = derive(setCell(seedReport(), 'applications.newReceived.naturalPerson', 21)).report;
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('\t', '\r', '\n'), { minLength: 2, maxLength: 8 }),
        fc.array(fc.constantFrom('j', 'l', 'k', 'h'), { maxLength: 6 }),
        (keys, moves) => {
          const chunk = keys.join('');
          expect(isPastedBlock(chunk)).toBe(false);
          const s0 = press(initialState(report), ...moves.map((m) => k(m)));
          const once = press(s0, ...splitChunk(chunk, {}));
          const oneByOne = press(
            s0,
            ...keys.map((c) => (c === '\t' ? k('', { tab: true }) : k('', { return: true }))),
          );
          expect(once.report.cells).toEqual(s0.report.cells);
          expect(once.dirty).toBe(false);
          expect([once.table, once.row, once.col]).toEqual([oneByOne.table, oneByOne.row, oneByOne.col]);
        },
      ),
      { numRuns: 80 },
    );
    // a row of values with its Tabs is still a paste
    expect(isPastedBlock('12\t34\t56')).toBe(true);
  });
});

describe('an entry with nothing typed, and blocks pasted from a spreadsheet', () => {
  const NS = 'applications.newReceived.naturalPerson';
  const at = (s: EditorState, id: string) => s.report.cells[id]?.value;

  it('Enter, then Enter, an arrow or Tab, changes nothing, whatever the cell held (only x blanks)', () => {
    const leave = [
      k('', { return: true }),
      k('', { downArrow: true }),
      k('', { rightArrow: true }),
      k('j'),
      k('', { tab: true }),
      k('', { escape: true }),
    ];
    fc.assert(
      fc.property(fc.nat(99_999), fc.constantFrom(...leave), (n, key) => {
        const s0 = markSaved(initialState(derive(setCell(seedReport(), NS, n)).report));
        const s = press(s0, k('', { return: true }), key);
        expect(at(s, NS)).toBe(n);
        expect(s.dirty).toBe(false);
        // while the entry is open with nothing typed, the cell and its total show what they hold
        expect(viewReport(press(s0, k('', { return: true }))).cells[NS]?.value).toBe(n);
      }),
      { numRuns: 60 },
    );
    // typing then deleting every character is nothing typed too
    const s0 = initialState(derive(setCell(seedReport(), NS, 12)).report);
    expect(at(press(s0, k('5'), k('', { backspace: true }), k('', { return: true })), NS)).toBe(12);
    expect(at(press(s0, k('x')), NS)).toBeNull();
  });

  it('a typed Tab confirms the entry and moves right (the next digit goes into the next cell)', () => {
    const s = press(
      initialState(seedReport()),
      k('5'),
      k('', { tab: true }),
      k('7'),
      k('', { return: true }),
    );
    expect(at(s, NS)).toBe(5);
    expect(at(s, 'applications.newReceived.commercialEnterprise')).toBe(7);
  });

  it('a pasted row fills the cells to the right, a pasted column the cells below — never one number', () => {
    expect(isPastedBlock('12\t34\t56')).toBe(true);
    expect(isPastedBlock('12\n34\n56\n')).toBe(true);
    expect(isPastedBlock('12\r')).toBe(false);
    const row = press(initialState(seedReport()), ...splitChunk('12\t34\t56', {}));
    expect([
      at(row, NS),
      at(row, 'applications.newReceived.commercialEnterprise'),
      at(row, 'applications.newReceived.researchInstitution'),
    ]).toEqual([12, 34, 56]);
    expect(row.buffer).toBeNull();
    expect(row.message).toContain('覆盖 3 个单元格');
    // one u undoes the whole paste
    expect(at(press(row, k('u')), NS)).toBe(0);
    expect(at(press(row, k('u')), 'applications.newReceived.researchInstitution')).toBe(0);
    const col = press(initialState(seedReport()), ...splitChunk('12\r\n34\r\n56\r\n', {}));
    expect([at(col, NS), at(col, 'applications.carriedOver.naturalPerson')]).toEqual([12, 34]);
    // the third line lands on the next row of cells (表三's 三、本年度办理结果 caption is no row)
    const third = currentCell({ ...col, row: col.row + 2 })!;
    expect(at(col, third)).toBe(56);
    expect(col.history).toHaveLength(1);
  });

  it('every pasted block of numbers puts each number in its own cell, from the cursor (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.nat(9_999), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }),
        (block) => {
          // 表三's first rows, from its first column: input cells, no totals
          const text = block.map((r) => r.join('\t')).join('\n');
          fc.pre(isPastedBlock(text));
          const s = press(initialState(seedReport()), ...splitChunk(text, {}));
          block.forEach((r, i) => {
            r.forEach((n, j) => {
              const id = currentCell({ ...s, row: i, col: j })!;
              expect(at(s, id)).toBe(n);
            });
          });
        },
      ),
      { numRuns: 40 },
    );
  });

  it('a pasted value that is no number of its cell is skipped with why; values outside the table are counted', () => {
    const s = press(initialState(seedReport()), ...splitChunk('3.5\t4', {}));
    expect(at(s, NS)).toBe(0);
    expect(at(s, 'applications.newReceived.commercialEnterprise')).toBe(4);
    expect(s.message).toContain('1 个值未填入、原值不变：第 1 行第 1 列“3.5”不是非负整数');
    const wide = press(initialState(seedReport()), ...splitChunk('1\t1\t1\t1\t1\t1\t1\t9', {}));
    expect(wide.message).toMatch(/超出表格范围/);
  });
});

describe('paste read as the web form reads it (core): row labels, spaces, refusals', () => {
  const at = (s: EditorState, id: string) => s.report.cells[id]?.value;
  const COLS = getEdition('2019-trial').tables.applications.columns.map((c) => c.key);
  const row = (s: EditorState, key: string) => COLS.map((c) => at(s, `applications.${key}.${c}`));
  const tsv = (rows: string[][]) => `${rows.map((r) => r.join('\t')).join('\r\n')}\r\n`;

  it('a block with row labels lands on the rows it names, whatever the cursor row; the lines naming no row are said', () => {
    const text = tsv([
      ['四、结转下年度继续办理', '2', '0', '0', '0', '0', '0', '2'],
      ['二、上年结转政府信息公开申请数量', '1', '2', '0', '0', '0', '0', '3'],
      ['本年新收（网上申请）', '9', '9'],
    ]);
    // the cursor on （一）予以公开 · 科研机构: not where the lines go
    const s0 = press(initialState(seedReport()), k('j'), k('j'), k('l'), k('l'));
    const s = press(s0, ...splitChunk(text, {}));
    expect(row(s, 'carriedOver')).toEqual([1, 2, 0, 0, 0, 0, 3]);
    expect(row(s, 'carriedForward')).toEqual([2, 0, 0, 0, 0, 0, 2]);
    expect(row(s, 'granted')).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(Object.values(s.report.cells).map((c) => c.value)).not.toContain(9);
    expect(s.message).toContain('已按行标题粘贴 2 行：覆盖 14 个单元格');
    expect(s.message).toContain('1 行未识别、未粘贴：「本年新收（网上申请）」');
    // the same cells as the web form's paste (core's pasteBlock) from the same cursor cell
    const web = corePaste(s0.report, currentCell(s0)!, text);
    expect(s.report.cells).toEqual(web.report.cells);
    // one u undoes it
    expect(row(press(s, k('u')), 'carriedOver')).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });

  it('lines of another table paste nothing and say where they belong', () => {
    const s = press(initialState(seedReport()), ...splitChunk('规章\t1\t0\t5', {}));
    expect(s.dirty).toBe(false);
    expect(s.message).toContain('未粘贴：没有一行的行标题与本表的行对应');
    expect(s.message).toContain('这些是表二的行，请到表二粘贴');
  });

  it('a refused cell text keeps the old value and says why', () => {
    const NS = 'applications.newReceived.naturalPerson';
    const s0 = initialState(
      derive(setCell(setCell(seedReport(), NS, 5), 'applications.newReceived.commercialEnterprise', 6))
        .report,
    );
    const s = press(s0, ...splitChunk('7\t①\t8', {}));
    expect(row(s, 'newReceived').slice(0, 3)).toEqual([7, 6, 8]);
    expect(s.message).toContain('1 个值未填入、原值不变：第 1 行第 2 列“①”中的“①”是带圈数字');
  });

  it('one line of numbers separated by spaces (copied from a PDF) is a paste, cell by cell; 「12 345」 is typing', () => {
    expect(isPastedBlock('4 2 0 0 0 0 6')).toBe(true);
    expect(isPastedBlock('二、上年结转政府信息公开申请数量 6 0 0 0 0 2 8')).toBe(true);
    expect(isPastedBlock('12 345')).toBe(false);
    expect(isPastedBlock('12')).toBe(false);
    const s = press(initialState(seedReport()), ...splitChunk('4 2 0 0 0 0 6', {}));
    expect(row(s, 'newReceived')).toEqual([4, 2, 0, 0, 0, 0, 6]);
    expect(s.message).toContain('以空格分隔的 7 个数已逐格填入');
    const labelled = press(
      initialState(seedReport()),
      ...splitChunk('二、上年结转政府信息公开申请数量 6 0 0 0 0 2 8', {}),
    );
    expect(row(labelled, 'carriedOver')).toEqual([6, 0, 0, 0, 0, 2, 8]);
    expect(row(labelled, 'newReceived')).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(labelled.message).not.toContain('错位');
    // a row whose blank cells the copy lost (自然人 1, 总计 1): said, as the web form says it
    const short = press(
      initialState(seedReport()),
      ...splitChunk('二、上年结转政府信息公开申请数量 1 1', {}),
    );
    // empty cells after a label (merged, or blank values): said too
    const merged = press(
      initialState(seedReport()),
      ...splitChunk('一、本年新收政府信息公开申请数量\t\t\t5\t1\t0\t0\t0\t0', {}),
    );
    expect(merged.message).toContain(
      '行标题后的 1 列空格已当作合并格跳过，其后一列也都是空的：数值可能错一列，请逐格核对',
    );
    expect(short.message).toContain(
      '第 1 行只有 2 个数而该行有 7 格：PDF 中空白的格子复制后会丢失，数值可能错位，请逐格核对',
    );
  });

  it('表四 is pasted as printed: one row of fifteen numbers fills 复议, 直接起诉 and 复议后起诉 from the cursor', () => {
    const nums = [1, 0, 0, 1, 2, 0, 1, 0, 0, 1, 0, 0, 1, 0, 1];
    const s0 = press(initialState(seedReport()), k('', { tab: true }));
    expect(s0.table).toBe('reviewLitigation');
    const s = press(s0, ...splitChunk(nums.join('\t'), {}));
    const t4 = tableLayout('2019-trial', 'reviewLitigation');
    const shown = t4.rows.flatMap((i) => {
      const line = t4.lines[i]!;
      return line.kind === 'row' ? line.cells.map((id) => at(s, id)) : [];
    });
    expect(shown).toEqual(nums);
    expect(s.message).not.toContain('超出表格范围');
  });

  it('any block of numbers pasted in the terminal fills the same cells as in the web form (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.nat(9_999), { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 4 }),
        fc.nat(12),
        fc.nat(6),
        (block, r, c) => {
          const text = block.map((line) => line.join('\t')).join('\n');
          fc.pre(isPastedBlock(text));
          const s0 = { ...initialState(seedReport()), row: r, col: c };
          const s = press(s0, ...splitChunk(text, {}));
          expect(s.report.cells).toEqual(corePaste(s0.report, currentCell(s0)!, text).report.cells);
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('正文 in $EDITOR: a title deleted or changed never moves or duplicates text', () => {
  const withText = (): Report => {
    const r = seedReport();
    return {
      ...r,
      sections: { ...r.sections, reviewLitigation: '复议诉讼情况。', problems: '一是政策解读形式较为单一。' },
    };
  };
  const PROBLEMS = '#### 五、存在的主要问题及改进情况';

  it('names the title that is missing, changed, unknown or doubled', () => {
    const r = withText();
    const text = sectionsToText(r);
    expect(sectionsProblem(r, text)).toBeUndefined();
    expect(sectionsProblem(r, text.replace(`${PROBLEMS}\n`, ''))).toContain(`找不到标题「${PROBLEMS}」`);
    const typo = text.replace(PROBLEMS, '#### 五、存在的主要问题和改进情况');
    expect(sectionsProblem(r, typo)).toContain('不是本报告正文的部分');
    expect(sectionsProblem(r, `${text}\n${PROBLEMS}\n再写一段\n`)).toContain('出现了两次');
    expect(sectionsProblem(r, `开头的字\n${text}`)).toContain('之前有文字');
  });

  it('through the real $EDITOR: a deleted title is refused with its name, the report unchanged, the text kept for the next e', () => {
    forgetKeptSections();
    const dir = tempDir();
    const del = join(dir, 'del.mjs');
    writeFileSync(
      del,
      `import { readFileSync, writeFileSync } from 'node:fs';
const f = process.argv[2];
writeFileSync(f, readFileSync(f, 'utf8').replace('${PROBLEMS}\\n', '').replace('一是政策解读', '我新写的：一是政策解读'));
`,
    );
    const fix = join(dir, 'fix.mjs');
    writeFileSync(
      fix,
      `import { readFileSync, writeFileSync } from 'node:fs';
const f = process.argv[2];
const t = readFileSync(f, 'utf8');
if (!t.includes('上次未采用')) throw new Error('not the kept text');
writeFileSync(f, t.replace('我新写的：', '${PROBLEMS}\\n\\n我新写的：'));
`,
    );
    const saved = { VISUAL: process.env.VISUAL, EDITOR: process.env.EDITOR };
    try {
      const r = withText();
      process.env.VISUAL = `"${process.execPath}" "${del}"`;
      const out = editSectionsInEditor(r);
      expect(out.report).toBeUndefined();
      expect(out.error).toContain(`找不到标题「${PROBLEMS}」`);
      expect(out.error).toContain('正文未修改');
      // the next e opens what was written, and once the title is back it is read as meant
      process.env.VISUAL = `"${process.execPath}" "${fix}"`;
      const back = editSectionsInEditor(r);
      expect(back.error).toBeUndefined();
      expect(back.report?.sections.problems).toBe('我新写的：一是政策解读形式较为单一。');
      expect(back.report?.sections.reviewLitigation).toBe('复议诉讼情况。');
      // an editor that is not installed is said so
      process.env.VISUAL = 'nianbao-no-such-editor-xyz';
      expect(editSectionsInEditor(r).error).toContain('找不到编辑器 nianbao-no-such-editor-xyz');
    } finally {
      forgetKeptSections();
      for (const [k, v] of Object.entries(saved))
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
    }
  });

  it('through the real $EDITOR: a file saved back with a BOM and CRLF line ends (Windows editors) is read as written', () => {
    forgetKeptSections();
    const dir = tempDir();
    const write = (name: string, body: string) => {
      const f = join(dir, name);
      writeFileSync(
        f,
        `import { readFileSync, writeFileSync } from 'node:fs';
const f = process.argv[2];
let t = readFileSync(f, 'utf8');
${body}
writeFileSync(f, '\\uFEFF' + t.replace(/\\n/g, '\\r\\n'));
`,
      );
      return `"${process.execPath}" "${f}"`;
    };
    const saved = { VISUAL: process.env.VISUAL, EDITOR: process.env.EDITOR };
    try {
      const r = withText();
      // a line written under 六: taken, nothing else changed
      process.env.VISUAL = write(
        'add.mjs',
        "t = t.replace('#### 六、其他需要报告的事项\\n', '#### 六、其他需要报告的事项\\n本年度未收取信息处理费。\\n');",
      );
      const out = editSectionsInEditor(r);
      expect(out.error).toBeUndefined();
      expect(out.report?.sections.other).toBe('本年度未收取信息处理费。');
      expect(out.report?.sections.problems).toBe('一是政策解读形式较为单一。');
      expect(out.report?.sections.overview).toBe(r.sections.overview);
      expect(out.report?.preamble).toBe(r.preamble);
      // saved back unchanged but for the BOM and the line ends: nothing changed
      process.env.VISUAL = write('same.mjs', '');
      expect(editSectionsInEditor(r)).toEqual({});
    } finally {
      forgetKeptSections();
      for (const [k, v] of Object.entries(saved))
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
    }
  });
});
