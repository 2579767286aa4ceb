import { act, cleanup, fireEvent, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderSavingEditor } from '../test-support/editor';

afterEach(cleanup);
beforeEach(() => {
  localStorage.clear();
});

// The 正文 and the 版本说明 typed with a pinyin input method: the pinyin shown while composing is
// not the report's text (no autosave of it, no undo step ending in it), and the Enter that commits a
// candidate is the input method's.

const sleep = (ms: number) => act(() => new Promise((r) => setTimeout(r, ms)));

const renderEditor = renderSavingEditor;

describe('版本说明 with an input method', () => {
  it('the Enter that commits a candidate does not save; an Enter after it does', async () => {
    const view = renderEditor();
    const note = view.getByLabelText('版本说明') as HTMLInputElement;
    fireEvent.compositionStart(note, { data: '' });
    fireEvent.change(note, { target: { value: 'gai zheng' } });
    fireEvent.keyDown(note, { key: 'Enter', keyCode: 229, isComposing: true });
    fireEvent.change(note, { target: { value: '改正' } });
    fireEvent.compositionEnd(note, { data: '改正' });
    await sleep(50);
    expect(view.saves()).toEqual([]);
    expect(note.value).toBe('改正');
    fireEvent.keyDown(note, { key: 'Enter', keyCode: 13 });
    await waitFor(() => expect(view.saves().map((s) => s.note)).toEqual(['改正']));
  });
});

describe('正文 with an input method', () => {
  it('a pause while composing autosaves no pinyin; what is committed is saved', async () => {
    const view = renderEditor();
    fireEvent.click(view.getByText('正文', { selector: 'button' }));
    const area = view.container.querySelector('textarea[name="sections.overview"]') as HTMLTextAreaElement;
    const start = area.value;
    fireEvent.compositionStart(area, { data: '' });
    fireEvent.change(area, { target: { value: `${start}zhong'guo` } });
    // looking for the candidate: longer than the autosave's pause
    await sleep(2000);
    expect(view.saves()).toEqual([]);
    fireEvent.keyDown(area, { key: 'Enter', keyCode: 229, isComposing: true });
    fireEvent.change(area, { target: { value: `${start}中国` } });
    fireEvent.compositionEnd(area, { data: '中国' });
    expect(area.value).toBe(`${start}中国`);
    await waitFor(() => expect(view.saves().length).toBe(1), { timeout: 4000 });
    expect(view.saves()[0]!.report.sections.overview).toBe(`${start}中国`);
  }, 10000);

  it('undo after a composition with a pause in it goes back to before it, never to half-composed pinyin', async () => {
    const view = renderEditor();
    fireEvent.click(view.getByText('正文', { selector: 'button' }));
    const area = view.container.querySelector('textarea[name="sections.overview"]') as HTMLTextAreaElement;
    const start = area.value;
    fireEvent.compositionStart(area, { data: '' });
    fireEvent.change(area, { target: { value: `${start}zhong` } });
    await sleep(1700);
    fireEvent.change(area, { target: { value: `${start}zhong'guo` } });
    fireEvent.change(area, { target: { value: `${start}中国` } });
    fireEvent.compositionEnd(area, { data: '中国' });
    fireEvent.click(view.getByText('撤销', { selector: 'button' }));
    expect(area.value).toBe(start);
  }, 10000);
});
