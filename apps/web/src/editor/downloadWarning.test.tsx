import { exampleReport, type Report } from '@nianbao/core';
import { cleanup, fireEvent, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderDraftEditor } from '../test-support/editor';

// A download writes the numbers as they are. A file sent for signature or put on the website while
// the report still has an error must not leave the page unremarked (the CLI's render warns too).

const saved = vi.hoisted(() => ({
  files: [] as string[],
  urls: [] as string[],
  refuse: null as string | null,
}));
vi.mock('../lib/download', async (orig) => ({
  ...(await orig<typeof import('../lib/download')>()),
  downloadFile: (name: string) => {
    saved.files.push(name);
  },
  downloadFrom: async (url: string, name: string) => {
    saved.urls.push(url);
    if (saved.refuse) throw new Error(saved.refuse);
    saved.files.push(name);
  },
}));

afterEach(() => {
  cleanup();
  saved.files.length = 0;
  saved.urls.length = 0;
  saved.refuse = null;
});
beforeEach(() => {
  localStorage.clear();
});

function renderEditor(report: Report) {
  return renderDraftEditor(report, {
    'export.report': () => ({
      fileName: '示例县教育局2025年政府信息公开工作年度报告.docx',
      mime: 'application/octet-stream',
      encoding: 'base64',
      content: 'UEsDBA==',
    }),
  });
}

async function downloadWord(view: ReturnType<typeof renderEditor>) {
  fireEvent.click(view.container.querySelector('button.download-toggle')!);
  fireEvent.click(await view.findByText('Word', { exact: false, selector: 'b' }));
  await waitFor(() => expect(saved.files).toHaveLength(1));
}

describe('下载 a report that still has errors', () => {
  it('says how many errors the file carries, naming the first', async () => {
    const good = exampleReport({ year: 2025 });
    // 一、本年新收 总计 no longer the sum of its applicant columns: T3 row sum fails
    const bad: Report = {
      ...good,
      cells: {
        ...good.cells,
        'applications.newReceived.naturalPerson': {
          value: (good.cells['applications.newReceived.naturalPerson']?.value as number) + 1_000_000,
          origin: 'entered',
        },
      },
    };
    const view = renderEditor(bad);
    await downloadWord(view);
    const alert = await view.findByRole('alert');
    expect(alert.textContent).toMatch(
      /^已下载 示例县教育局2025年政府信息公开工作年度报告\.docx。注意：本报告还有 \d+ 个错误（/,
    );
    expect(alert.textContent).toContain('对外公开或报送前请先改正');
  });

  it('says nothing more for a report without errors', async () => {
    const view = renderEditor(exampleReport({ year: 2025 }));
    await downloadWord(view);
    // give a message the time to appear, then check none did
    await new Promise((r) => setTimeout(r, 100));
    expect(view.queryByRole('alert')).toBeNull();
  });
});

describe('下载 › 问题清单（Excel）', () => {
  it('downloads the server’s list of this report (GET /export/findings?reportId=…); a refusal said in 简体中文', async () => {
    const view = renderEditor(exampleReport({ year: 2025 }));
    fireEvent.click(view.container.querySelector('button.download-toggle')!);
    fireEvent.click(await view.findByText('问题清单（Excel）', { selector: 'b' }));
    await waitFor(() => expect(saved.urls).toHaveLength(1));
    const url = new URL(saved.urls[0]!, 'http://x');
    expect(url.pathname).toBe('/export/findings');
    expect(url.searchParams.get('format')).toBe('xlsx');
    expect(url.searchParams.get('reportId')).toBeTruthy();
    expect(url.searchParams.has('regionId')).toBe(false);
    expect(saved.files).toEqual([expect.stringMatching(/-2025-问题清单\.xlsx$/)]);
    saved.refuse = '报告不存在或无权查看';
    fireEvent.click(view.container.querySelector('button.download-toggle')!);
    fireEvent.click(await view.findByText('问题清单（Excel）', { selector: 'b' }));
    expect((await view.findByRole('alert')).textContent).toBe('下载问题清单失败：报告不存在或无权查看');
  });
});
