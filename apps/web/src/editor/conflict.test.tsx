import { createEmptyReport, setCell } from '@nianbao/core';
import { cleanup, fireEvent, render } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConflictDialog, type ConflictInfo } from './ConflictDialog';

afterEach(cleanup);

const base = createEmptyReport({ year: 2025, agency: '某某镇人民政府' });
const cell = 'activeDisclosure.licensing.decisions';
const dialog = (info: Omit<ConflictInfo, 'theirs' | 'theirsVersion'>) => {
  const { container } = render(
    <ConflictDialog
      base={base}
      baseVersion={3}
      mine={setCell(base, cell, 12)}
      info={{ theirs: setCell(base, cell, 11), theirsVersion: 4, ...info }}
      onResolve={() => {}}
      onCancel={() => {}}
    />,
  );
  return container.textContent ?? '';
};

describe('conflict dialog: who saved the newer version', () => {
  it('the same user in another tab or window is told so, not 「他人」', () => {
    const t = dialog({ theirsAuthor: '东山乡 填报员', theirsMine: true, theirsAt: '2026-01-05T08:30:00Z' });
    expect(t).toContain('保存冲突：报告已在别处修改');
    expect(t).toContain('您本人在另一个窗口或设备上');
    expect(t).toContain('保存了第 4 版');
    expect(t).not.toContain('他人');
    expect(t).not.toContain('对方');
  });
  it('another user is named', () => {
    const t = dialog({ theirsAuthor: '审核员 张三', theirsMine: false });
    expect(t).toContain('保存冲突：报告已被审核员 张三修改');
    expect(t).toContain('审核员 张三的修改（第 4 版）');
  });
  it('unknown: worded neutrally', () => {
    const t = dialog({ theirsAuthor: '' });
    expect(t).toContain('保存冲突：报告已在别处修改');
    expect(t).toContain('第 4 版已在别处保存');
    expect(t).not.toContain('他人');
  });
});

// the form behind it: a grid cell being edited when the save ran into the conflict
function Page(props: { onCancel: () => void }) {
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  return (
    <>
      <input aria-label="grid-cell" value={typed} onChange={(e) => setTyped(e.target.value)} />
      <button type="button" onClick={() => setOpen(true)}>
        save
      </button>
      {open && (
        <ConflictDialog
          base={base}
          baseVersion={3}
          mine={setCell(base, cell, 12)}
          info={{ theirs: setCell(base, cell, 11), theirsVersion: 4, theirsAuthor: '张三' }}
          onResolve={() => {}}
          onCancel={() => {
            props.onCancel();
            setOpen(false);
          }}
        />
      )}
    </>
  );
}

describe('conflict dialog: modal for the keyboard too', () => {
  const open = (onCancel = vi.fn()) => {
    const view = render(<Page onCancel={onCancel} />);
    const cellInput = view.getByLabelText('grid-cell') as HTMLInputElement;
    cellInput.focus();
    // opened while the cell has focus (as a save on blur or Ctrl+S would)
    fireEvent.click(view.getByText('save'));
    const dialog = view.getByRole('dialog');
    return { ...view, cellInput, dialog, onCancel };
  };
  const active = () => document.activeElement as HTMLElement;

  it('focus starts on its first button, not in the grid behind it', () => {
    const { dialog } = open();
    expect(dialog.contains(active())).toBe(true);
    expect(active().textContent).toBe('全部采用我的');
  });

  it('Tab and Shift+Tab wrap inside it; focus sent outside comes back', () => {
    const { dialog, cellInput } = open();
    const buttons = [...dialog.querySelectorAll('button')].filter((b) => !b.disabled);
    const last = buttons[buttons.length - 1]!;
    // 合并并保存 is disabled until the conflicting place is decided: the last stop is 稍后处理
    expect(last.textContent).toContain('稍后处理');
    fireEvent.keyDown(active(), { key: 'Tab', shiftKey: true });
    expect(active()).toBe(last);
    fireEvent.keyDown(active(), { key: 'Tab' });
    expect(active().textContent).toBe('全部采用我的');
    // a cell of the grid focused (a click, a script): focus is pulled back into the dialog
    cellInput.focus();
    expect(dialog.contains(active())).toBe(true);
    // once decided, 合并并保存 is the last stop
    fireEvent.click(dialog.querySelector('button')!);
    const save = [...dialog.querySelectorAll('button')].find((b) => b.textContent === '合并并保存')!;
    expect(save.disabled).toBe(false);
    save.focus();
    fireEvent.keyDown(active(), { key: 'Tab' });
    expect(active().textContent).toBe('全部采用我的');
  });

  it('Esc is 「稍后处理」 (nothing saved, nothing lost); focus goes back to the cell', () => {
    const { onCancel, cellInput, queryByRole } = open();
    fireEvent.keyDown(active(), { key: 'Escape' });
    expect(onCancel).toHaveBeenCalledTimes(1);
    expect(queryByRole('dialog')).toBeNull();
    expect(active()).toBe(cellInput);
  });
});

describe('13. the choices are named by their side, not by the bare number', () => {
  it('「…：采用我的修改 12」 / 「…：采用另一处的修改（第 4 版） 11」', () => {
    const v = render(
      <ConflictDialog
        base={base}
        baseVersion={3}
        mine={setCell(base, cell, 12)}
        info={{ theirs: setCell(base, cell, 11), theirsVersion: 4, theirsAuthor: '' }}
        onResolve={() => {}}
        onCancel={() => {}}
      />,
    );
    expect(v.getByRole('radio', { name: /：采用我的修改 12$/ })).toBeTruthy();
    expect(v.getByRole('radio', { name: /：采用.*第 4 版.* 11$/ })).toBeTruthy();
    expect(v.queryByRole('radio', { name: '12' })).toBeNull();
  });
});
