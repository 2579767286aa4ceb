import { exampleReport } from '@nianbao/core';
import { cleanup, fireEvent, waitFor, within } from '@testing-library/react';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderDraftEditor } from '../test-support/editor';
import { repairPlace } from './ReadRepairs';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});
beforeEach(() => {
  localStorage.clear();
});

const COUNT = 'applications.newReceived.naturalPerson';
// readRepairs as the server answers them for a version an earlier release stored
// (apps/server/src/stored-content.ts, legacy-content.test.ts).
const REPAIRS = [
  {
    code: 'STORED_UNIT_DROPPED',
    path: `cells.${COUNT}.unit`,
    pathLabel: '表三 新收政府信息公开申请数量 自然人（单位）',
    message:
      '表三 新收政府信息公开申请数量 自然人：此格填的是件数（个数），此前保存时注明了单位「万元」，读取时不计这个单位，数值 12 不变：请核对，下次保存或更正时按现行规则存为新版本',
  },
  {
    code: 'STORED_CHARS_REMOVED',
    path: 'sections.overview',
    pathLabel: '一、总体情况',
    message:
      '一、总体情况：第 1 行有控制字符（此前保存的版本中带有），现行规则不允许这类字符，读取时已删去：请核对这段文字，下次保存或更正时按现行规则存为新版本',
  },
];

const history = {
  versions: [3, 4].map((version) => ({
    version,
    contentHash: `h${version}`,
    author: '张三',
    authorId: 'u1',
    createdAt: new Date(2026, 10, 30, 10, version).toISOString(),
    note: version === 3 ? '更正：旧版本保存' : '保存',
    kind: 'save',
    reason: null,
    status: 'draft',
  })),
  events: [],
};

describe('a version an earlier release stored, repaired on reading (readRepairs)', () => {
  it('is said under the bar with each change, its place and what to do; 保存 keeps the repaired content', async () => {
    const report = exampleReport({ year: 2025 });
    const saves: unknown[] = [];
    const view = renderDraftEditor(
      report,
      {
        'reports.save': (input) => {
          saves.push(input);
          return { id: 'r1', version: 5, contentHash: 'h5', savedAt: new Date().toISOString(), warnings: [] };
        },
      },
      { readRepairs: REPAIRS },
    );
    const box = await view.findByTestId('read-repairs');
    expect(box.getAttribute('role')).toBe('status');
    expect(box.textContent).toContain('第 4 版由早先版本的程序保存');
    for (const r of REPAIRS) expect(box.textContent).toContain(r.message);
    expect(box.textContent).toMatch(/请点“保存”（存为新的一版）/);
    expect(box.textContent).toMatch(/改正所指的地方/);
    // 转到: the cell the repair names
    fireEvent.click(within(box).getByRole('button', { name: `转到${REPAIRS[0]!.pathLabel}` }));
    await waitFor(() => expect((document.activeElement as HTMLInputElement | null)?.name).toBe(COUNT));
    // 保存 with no edit since: the repaired content is saved as a new version
    fireEvent.click(view.getByText('保存', { selector: 'button' }));
    await waitFor(() => expect(saves).toHaveLength(1));
    expect(saves[0]).toMatchObject({ id: 'r1', expectedVersion: 4, note: '保存读取时修正的内容' });
    // the form now holds version 5, saved under today's rules: nothing left to say
    await waitFor(() => expect(view.queryByTestId('read-repairs')).toBeNull());
  });

  it('转到 a section opens 正文 at it; 知道了 hides the notice', async () => {
    const view = renderDraftEditor(exampleReport({ year: 2025 }), {}, { readRepairs: REPAIRS });
    const box = await view.findByTestId('read-repairs');
    fireEvent.click(within(box).getByRole('button', { name: '转到一、总体情况' }));
    await waitFor(() =>
      expect((document.activeElement as HTMLTextAreaElement | null)?.tagName).toBe('TEXTAREA'),
    );
    fireEvent.click(within(view.getByTestId('read-repairs')).getByText('知道了'));
    expect(view.queryByTestId('read-repairs')).toBeNull();
  });

  it('a reviewer who may not save is told the file shows the repaired content and whom to ask', async () => {
    const view = renderDraftEditor(
      exampleReport({ year: 2025 }),
      {},
      {
        readRepairs: REPAIRS,
        status: 'submitted',
        permissions: { approve: true, return: true } as never,
      },
    );
    const box = await view.findByTestId('read-repairs');
    expect(box.textContent).toMatch(/请告知填报人保存一次/);
  });

  it('a version read as stored says nothing, and 保存 with no edit sends nothing', async () => {
    const saves: unknown[] = [];
    const view = renderDraftEditor(
      exampleReport({ year: 2025 }),
      { 'reports.save': (input) => void saves.push(input) },
      { readRepairs: [] },
    );
    await view.findByText('保存', { selector: 'button' });
    expect(view.queryByTestId('read-repairs')).toBeNull();
    fireEvent.click(view.getByText('保存', { selector: 'button' }));
    await new Promise((r) => setTimeout(r, 50));
    expect(saves).toHaveLength(0);
  });

  it('in 历史版本, the version compared says what was repaired; 恢复此版本 says it in the form', async () => {
    vi.spyOn(window, 'confirm').mockReturnValue(true);
    const report = exampleReport({ year: 2025 });
    const view = renderDraftEditor(report, {
      'reports.history': () => history,
      'reports.diff': (input) => ({ ...(input as object), cells: [], texts: [], meta: [] }),
      'reports.version': (input) => {
        const version = (input as { version: number }).version;
        return { version, report, readRepairs: version === 3 ? REPAIRS : [] };
      },
      'reports.get': (input) => ({
        version: 4,
        reportVersion: (input as { version: number }).version,
        report,
        readRepairs: REPAIRS,
      }),
    });
    fireEvent.click(view.getByRole('tab', { name: '历史版本' }));
    const box = await view.findByTestId('history-repairs-3');
    expect(box.textContent).toContain('第 3 版由早先版本的程序保存');
    expect(box.textContent).toContain(REPAIRS[1]!.message);
    expect(box.textContent).toMatch(/恢复此版本后保存/);
    expect(view.queryByTestId('history-repairs-4')).toBeNull();
    fireEvent.click(view.getByRole('button', { name: '恢复此版本（第 3 版）' }));
    const restored = await view.findByTestId('restored-repairs');
    expect(restored.textContent).toContain('恢复的第 3 版由早先版本的程序保存');
    expect(restored.textContent).toContain(REPAIRS[0]!.message);
  });
});

describe('repairPlace', () => {
  it('names the cell of any cells.<id>[.value|.unit|.raw] path, the section, the 前言', () => {
    const seg = fc.stringMatching(/^[a-z][A-Za-z0-9]{0,8}$/);
    fc.assert(
      fc.property(
        fc.array(seg, { minLength: 1, maxLength: 4 }),
        fc.constantFrom('', '.value', '.unit', '.raw'),
        (parts, field) => {
          const id = parts.join('.');
          // a last segment named like a field is a field, not part of the id
          fc.pre(!['value', 'unit', 'raw'].includes(parts.at(-1)!) || parts.length === 1);
          expect(repairPlace(`cells.${id}${field}`)).toEqual({ cell: id });
        },
      ),
    );
    expect(repairPlace('sections.overview')).toEqual({ section: 'overview' });
    expect(repairPlace('preamble')).toEqual({ preamble: true });
    expect(repairPlace('meta.title')).toBeNull();
  });
});
