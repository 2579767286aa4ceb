import {
  derive,
  exampleReport,
  type FixSuggestion,
  fixesFor,
  keyFindings,
  setCell,
  suggestFixes,
  validate,
} from '@nianbao/core';
import { cleanup, fireEvent, render } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { panelProps } from '../test-support/findingsPanel';
import { FindingsPanel } from './FindingsPanel';
import { editorReducer, initEditor, isDirty } from './state';

afterEach(cleanup);

const itemOf = (container: HTMLElement, key: string) =>
  [...container.querySelectorAll('li[data-finding-key]')].find(
    (li) => li.getAttribute('data-finding-key') === key,
  );

const panel = (
  report: ReturnType<typeof exampleReport>,
  readOnly = false,
  lastFix: FixSuggestion | null = null,
) => {
  const onApplyFix = vi.fn();
  const findings = keyFindings(validate(report));
  const fixes = suggestFixes(report);
  const view = render(
    <FindingsPanel
      {...panelProps(findings, { fixes, edition: report.meta.edition, readOnly, lastFix, onApplyFix })}
    />,
  );
  return { ...view, onApplyFix, findings, fixes };
};

const TABLE_RULES = ['T3-H', 'T3-V', 'T3-B', 'T4-1'];

describe('a finding says the fix that mends it', () => {
  it.each([2020, 2024])('a typo in 表三 (%i): the failed balance offers its best fix, one click', (year) => {
    const base = exampleReport({ year });
    const cell = 'applications.newReceived.naturalPerson';
    const typed = derive(setCell(base, cell, (base.cells[cell]!.value as number) + 9)).report;
    const { container, onApplyFix, findings, fixes } = panel(typed);
    const failed = findings.find((f) => f.ruleId === 'T3-B' && f.status === 'failed')!;
    expect(failed).toBeDefined();
    const fix = itemOf(container, failed.key)!.querySelector('.finding-fix')!;
    const best = fixesFor(failed, fixes, typed.meta.edition)[0]!;
    expect(best).toBeDefined();
    for (const c of best.changes)
      expect(fix.textContent).toContain(`${c.label} ${c.from ?? '空白'} → ${c.to}`);
    fireEvent.click(fix.querySelector('button')!);
    expect(onApplyFix).toHaveBeenCalledTimes(1);
    const applied: FixSuggestion = onApplyFix.mock.calls[0]![0];
    expect(applied).toBe(best);
    // what it offers mends the finding: applied, the balance holds again
    let mended = typed;
    for (const c of applied.changes) mended = setCell(mended, c.cell, c.to);
    mended = derive(mended).report;
    expect(validate(mended).filter((f) => f.ruleId === 'T3-B' && f.status === 'failed')).toEqual([]);
  });

  it('no suggestion under a finding no fix mends, nor in a read-only report', () => {
    const base = exampleReport({ year: 2024 });
    const typed = derive(setCell(base, 'applications.newReceived.naturalPerson', 999)).report;
    const { container, findings } = panel(typed);
    expect(container.querySelectorAll('.finding-fix').length).toBeGreaterThan(0);
    for (const f of findings.filter((x) => !TABLE_RULES.includes(x.ruleId)))
      expect(itemOf(container, f.key)!.querySelector('.finding-fix')).toBeNull();
    cleanup();
    expect(panel(typed, true).container.querySelector('.finding-fix')).toBeNull();
  });
});

describe('a fix that changes no number (S5: the old format’s （六）其他处理 row re-laid)', () => {
  // a 2021-format report imported from a document printing the trial format's single （六） row
  const oldLayout = () => {
    const r = exampleReport({ year: 2023 });
    return { ...r, layout: { ...r.layout, extraLabels: ['表三 （六）其他处理'] } };
  };

  it('says what it does (its reason), not an empty 「建议：」; 应用 re-lays the report, undoable', () => {
    const r = oldLayout();
    const { container, onApplyFix, findings } = panel(r);
    const s5 = findings.find((f) => f.ruleId === 'S5' && f.status === 'failed')!;
    expect(s5).toBeDefined();
    const fixLine = itemOf(container, s5.key)!.querySelector('.finding-fix')!;
    expect(fixLine.textContent).toMatch(/^建议：按 2021 版格式重排表三/);
    expect(fixLine.textContent).toContain('所有数值不变');
    // the ranked list: no empty change list either
    const listed = container.querySelector('section.fixes li')!;
    expect(listed.querySelector('.fix-changes')!.textContent).toBe('不改动任何数值');
    fireEvent.click(fixLine.querySelector('button')!);
    const fix: FixSuggestion = onApplyFix.mock.calls[0]![0];
    expect(fix.changes).toEqual([]);
    expect(fix.layout).toBeDefined();

    // the editor's reducer applies it (core's applyFix): S5 goes, no number moves, undo brings it back
    const start = initEditor(r, 1);
    const applied = editorReducer(start, { type: 'fix', fix });
    expect(applied.report.layout?.extraLabels ?? []).not.toContain('表三 （六）其他处理');
    expect(applied.report.cells).toEqual(start.report.cells);
    expect(validate(applied.report).filter((f) => f.ruleId === 'S5' && f.status === 'failed')).toEqual([]);
    expect(isDirty(applied)).toBe(true);
    expect(applied.lastFix?.fix).toBe(fix);
    const undone = editorReducer(applied, { type: 'undo' });
    expect(undone.report).toBe(start.report);

    // the 已应用修正 notice says it too
    cleanup();
    const notice = panel(applied.report, false, fix).container.querySelector('.fix-applied')!;
    expect(notice.textContent).toContain('已应用修正：按 2021 版格式重排表三');
  });
});

describe('a fix to a total leaves it computed (the editor applies core’s applyFix)', () => {
  it('8 1 0 0 0 0 10 on 一、本年新收: 总计 10 → 9 applied, then 自然人 20 makes 总计 21', () => {
    const row = 'applications.newReceived';
    const cols = ['naturalPerson', 'commercialEnterprise', 'researchInstitution', 'publicInterestOrg'];
    const ids = [...cols, 'legalServiceOrg', 'otherOrg', 'total'].map((c) => `${row}.${c}`);
    let r = exampleReport({ year: 2024 });
    [8, 1, 0, 0, 0, 0, 10].forEach((v, i) => {
      r = setCell(r, ids[i]!, v);
    });
    let s = initEditor(r, 1);
    const fix = suggestFixes(s.report).find((f) =>
      f.changes.some((c) => c.cell === `${row}.total` && c.from === 10 && c.to === 9),
    )!;
    expect(fix).toBeDefined();
    s = editorReducer(s, { type: 'fix', fix });
    expect(s.report.cells[`${row}.total`]).toEqual({ value: 9, origin: 'derived' });
    s = editorReducer(s, { type: 'cell', cell: `${row}.naturalPerson`, value: 20 });
    expect(s.report.cells[`${row}.total`]!.value).toBe(21);
    expect(derive(s.report).conflicts).toEqual([]);
  });
});
