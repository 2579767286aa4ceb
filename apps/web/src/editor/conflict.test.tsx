import { createEmptyReport, setCell } from '@nianbao/core';
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
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
