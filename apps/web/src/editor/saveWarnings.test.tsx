import { exampleReport } from '@nianbao/core';
import { cleanup, fireEvent, type render, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderDraftEditor } from '../test-support/editor';

afterEach(cleanup);
beforeEach(() => {
  localStorage.clear();
});

const TITLE =
  '标题“县教育局2025年政府信息公开工作年度报告”不含机关名称“示例县教育局”，未保存；打印时用标准标题';

// reports.save answers warnings[] (what the server did not keep as sent): the 填报人 is told, not left
// believing the title they wrote is kept.
function renderEditor(answers: { message: string; code: string }[][]) {
  let version = 4;
  return renderDraftEditor(exampleReport({ year: 2025 }), {
    'reports.save': () => {
      const warnings = answers[Math.min(version - 4, answers.length - 1)]!;
      version++;
      return { id: 'r1', version, contentHash: `h${version}`, savedAt: new Date().toISOString(), warnings };
    },
  });
}

const saveWith = async (view: ReturnType<typeof render>, note: string) => {
  fireEvent.change(view.getByLabelText('版本说明'), { target: { value: note } });
  fireEvent.click(view.getByText('保存', { selector: 'button' }));
  await waitFor(() => expect((view.getByLabelText('版本说明') as HTMLInputElement).value).toBe(''));
};

describe('what a save did not keep as sent', () => {
  it('is said under the bar after the save; 知道了 hides it until the answer changes; a save without warnings clears it', async () => {
    const w = { code: 'TITLE_DROPPED', message: TITLE };
    const view = renderEditor([
      [w],
      [w],
      [w, { code: 'RAW_DROPPED', message: '原文“66”与数值 6 不符，已删去原文' }],
      [],
    ]);
    expect(view.queryByTestId('save-warnings')).toBeNull();
    await saveWith(view, '第一次');
    const box = await view.findByTestId('save-warnings');
    expect(box.getAttribute('role')).toBe('status');
    expect(box.textContent).toContain(TITLE);
    fireEvent.click(view.getByText('知道了'));
    expect(view.queryByTestId('save-warnings')).toBeNull();
    // the same answer again: stays hidden
    await saveWith(view, '第二次');
    expect(view.queryByTestId('save-warnings')).toBeNull();
    // a new warning: said again, with both
    await saveWith(view, '第三次');
    expect((await view.findByTestId('save-warnings')).textContent).toContain('已删去原文');
    // nothing to say: gone
    await saveWith(view, '第四次');
    await waitFor(() => expect(view.queryByTestId('save-warnings')).toBeNull());
  });
});
