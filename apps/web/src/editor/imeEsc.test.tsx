import { derive, exampleReport, keyFindings, type Report, setCell, validate } from '@nianbao/core';
import { act, fireEvent, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { editorTestSetup, renderDraftEditor } from '../test-support/editor';

// A reason is written in Chinese, through an input method: Esc while it composes (a wrong pinyin, a
// candidate list open) cancels the composition, and must not also close the form being typed into.
// Firefox marks the key with isComposing, Chrome and Safari give it as key code 229 (seen in headless
// Chromium with Input.imeSetComposition: Esc's keydown came with isComposing true, and the form closed).

editorTestSetup();

const TOTAL = 'applications.newReceived.total';

describe('Esc while an input method composes a reason closes nothing', () => {
  it('手动改写合计…: the form stays open with its reason; a plain Esc after the composition closes it', () => {
    const r = exampleReport({ year: 2025 });
    const v = renderDraftEditor({
      ...r,
      cells: { ...r.cells, [TOTAL]: { value: 86, origin: 'imported' } },
    } as Report);
    const total = v.container.querySelector<HTMLInputElement>(`input[name="${TOTAL}"]`)!;
    act(() => total.focus());
    fireEvent.click(v.getByRole('button', { name: '手动改写合计…' }));
    const reason = () => v.container.querySelector<HTMLInputElement>('input[name=override-reason]');
    fireEvent.change(reason()!, { target: { value: '报告印制' } });
    fireEvent.compositionStart(reason()!);
    fireEvent.change(reason()!, { target: { value: '报告印制yinzhi' } });
    fireEvent.keyDown(reason()!, { key: 'Escape', isComposing: true }); // Firefox
    expect(reason()).not.toBeNull();
    fireEvent.keyDown(reason()!, { key: 'Escape', keyCode: 229 }); // Chrome, Safari
    expect(reason()).not.toBeNull();
    fireEvent.change(reason()!, { target: { value: '报告印制' } });
    fireEvent.compositionEnd(reason()!);
    expect(reason()!.value).toBe('报告印制');
    // Esc of the user's own, no composition: the form closes, back to the total
    fireEvent.keyDown(reason()!, { key: 'Escape' });
    expect(reason()).toBeNull();
    expect(document.activeElement).toBe(total);
  });

  it('确认… / 忽略… of a finding: the reason field stays open', async () => {
    const CELL = 'applications.newReceived.naturalPerson';
    const base = exampleReport({ year: 2025 });
    const saved = derive(setCell(base, CELL, (base.cells[CELL]!.value as number) + 9)).report;
    const v = renderDraftEditor(
      saved,
      {
        'checks.validate': () => ({
          findings: keyFindings(validate(saved)).map((f) => ({ ...f, triage: null })),
        }),
      },
      { permissions: { save: true, submit: true, triage: true } } as never,
    );
    const failed = keyFindings(validate(saved)).find((f) => f.ruleId === 'T3-B' && f.status === 'failed')!;
    const item = () => v.container.querySelector(`li[data-finding-key="${failed.key}"]`) as HTMLElement;
    await waitFor(() => expect(item()?.textContent).toContain('忽略…'));
    fireEvent.click([...item().querySelectorAll('button')].find((b) => b.textContent === '忽略…')!);
    const reason = () => item().querySelector<HTMLInputElement>('input[name="triage-reason"]');
    fireEvent.compositionStart(reason()!);
    fireEvent.change(reason()!, { target: { value: 'jingheshi' } });
    fireEvent.keyDown(reason()!, { key: 'Escape', isComposing: true });
    expect(reason()).not.toBeNull();
    fireEvent.keyDown(reason()!, { key: 'Escape', keyCode: 229 });
    expect(reason()).not.toBeNull();
    fireEvent.compositionEnd(reason()!);
    fireEvent.keyDown(reason()!, { key: 'Escape' });
    expect(reason()).toBeNull();
  });
});
