import { cleanup, fireEvent, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderRegionPage } from '../test-support/region';
import { countyTree } from '../test-support/tree';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});
beforeEach(() => {
  window.location.hash = '#/region?year=2025&node=gov';
  sessionStorage.clear();
});

describe('本地区报告 › 导出开放数据', () => {
  it('clicked twice while the file comes: one download, the button says so meanwhile; a failure said in Chinese', async () => {
    let answer: ((r: Response) => void) | null = null;
    const fetch = vi.fn(() => new Promise<Response>((resolve) => (answer = resolve)));
    vi.stubGlobal('fetch', fetch);
    const v = renderRegionPage(countyTree);
    const find = () =>
      [...v.container.querySelectorAll('button')].find((b) => b.textContent?.includes('导出开放数据'));
    await waitFor(() => expect(find()).toBeTruthy());
    const button = find()!;
    fireEvent.click(button);
    fireEvent.click(button);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(button.disabled).toBe(true);
    expect(button.textContent).toBe('正在导出开放数据…');
    // nothing published: the server refuses (NO_OPEN_DATA), said, and the button is back
    answer!(
      new Response(
        JSON.stringify({ error: { message: 'x', data: { zhMessage: '2025 年度还没有已发布的报告' } } }),
        {
          status: 404,
        },
      ),
    );
    await waitFor(() => expect(v.container.textContent).toContain('2025 年度还没有已发布的报告'));
    expect(button.disabled).toBe(false);
    expect(button.textContent).toContain('导出开放数据（CSV');
  });
});
