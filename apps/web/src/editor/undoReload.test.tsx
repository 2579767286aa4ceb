import { exampleReport, type Report, setCell } from '@nianbao/core';
import { cleanup, fireEvent, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { draftInfo, renderDraftEditor } from '../test-support/editor';
import { editorReducer, initEditor } from './state';

afterEach(cleanup);
beforeEach(() => {
  localStorage.clear();
});

// 撤销 takes back an edit made here. A version read again from the server (another tab's or another
// user's save shown in the form, a conflict merged) is not an edit of this form: 撤销 after it must not
// put back a report from before it — that report lacks the other save, and saving it erases that save
// with no conflict (its base is the newer version).

const report = exampleReport({ year: 2025 });
const MINE = 'applications.newReceived.naturalPerson';
const THEIRS = 'applications.granted.naturalPerson';
const input = (view: ReturnType<typeof renderDraftEditor>, cell: string) =>
  view.container.querySelector(`input[data-cell="${cell}"]`) as HTMLInputElement;

describe('undo after the report was read again from the server', () => {
  it('does not take back another save shown in the form meanwhile', async () => {
    const base = draftInfo(report);
    let onServer = base;
    const saved: Report[] = [];
    const theirValue = (report.cells[THEIRS]?.value ?? 0) + 7;
    const view = renderDraftEditor(
      report,
      {
        'reports.save': (inp) => {
          const r = (inp as { report: Report }).report;
          saved.push(r);
          const version = 4 + saved.length;
          // right after this save, someone else saves version+1 with THEIRS changed
          onServer = {
            ...base,
            version: version + 1,
            report: setCell(r, THEIRS, theirValue),
          } as typeof base;
          return {
            id: 'r1',
            version,
            contentHash: `h${version}`,
            savedAt: '2026-01-05T08:30:00Z',
            unchanged: false,
            warnings: [],
          };
        },
        'reports.get': () => onServer,
      },
      {},
      { live: true },
    );
    const mine = input(view, MINE);
    fireEvent.focus(mine);
    fireEvent.change(mine, { target: { value: '41' } });
    fireEvent.blur(mine);
    fireEvent.click(view.getByText('保存', { selector: 'button' }));
    // the form shows the other save (version 6) once it is read again
    await waitFor(() => expect(input(view, THEIRS).value).toBe(String(theirValue)));
    expect(input(view, MINE).value).toBe('41');
    // 撤销: the other save stays; at most the form's own edit is taken back
    fireEvent.click(view.getByText('撤销', { selector: 'button' }));
    expect(input(view, THEIRS).value).toBe(String(theirValue));
    fireEvent.click(view.getByText('保存', { selector: 'button' }));
    await new Promise((r) => setTimeout(r, 50));
    for (const r of saved.slice(1)) expect(r.cells[THEIRS]?.value).toBe(theirValue);
  });
});

describe('reset in the reducer', () => {
  const edited = (r: Report) => {
    let s = initEditor(r, 4);
    s = editorReducer(s, { type: 'cell', cell: MINE, value: 41 });
    return s;
  };
  it('a conflict merged or a newer version shown: no step back to before it', () => {
    const theirs = setCell(report, THEIRS, 99);
    for (const dirty of [true, false]) {
      let s = edited(report);
      s = editorReducer(s, { type: 'reset', report: theirs, version: 6, dirty, base: theirs });
      expect(s.undo).toEqual([]);
      expect(s.redo).toEqual([]);
      s = editorReducer(s, { type: 'undo' });
      expect(s.report.cells[THEIRS]?.value).toBe(99);
    }
  });
  it('恢复此版本: one 撤销 takes back the restore, to the content just before it', () => {
    let s = edited(report);
    const before = s.report;
    s = editorReducer(s, {
      type: 'reset',
      report: setCell(report, THEIRS, 1),
      version: 4,
      dirty: true,
      undoLabel: '恢复第 2 版',
    });
    expect(s.undo.at(-1)?.label).toBe('恢复第 2 版');
    s = editorReducer(s, { type: 'undo' });
    expect(s.report).toBe(before);
    s = editorReducer(s, { type: 'redo' });
    expect(s.report.cells[THEIRS]?.value).toBe(1);
  });
});
