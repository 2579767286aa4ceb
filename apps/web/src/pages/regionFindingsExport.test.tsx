import { cleanup, fireEvent, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { findingsUrl } from '../components/FindingsExport';
import { renderRegionPage } from '../test-support/region';
import { countyTree } from '../test-support/tree';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});
beforeEach(() => {
  sessionStorage.clear();
});

/** Catch what the page saves: the link's download name (jsdom saves nothing). */
function catchSaves(): string[] {
  const saved: string[] = [];
  Object.assign(URL, { createObjectURL: () => 'blob:findings', revokeObjectURL: () => {} });
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    saved.push(this.download);
  });
  return saved;
}

const xlsxAnswer = () =>
  new Response(new Uint8Array([0x50, 0x4b, 3, 4]), {
    status: 200,
    headers: {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="findings-2025.xlsx"; filename*=UTF-8''${encodeURIComponent('西河县人民政府-2025-问题清单.xlsx')}`,
    },
  });

const button = (container: HTMLElement, name: string) =>
  container.querySelector<HTMLButtonElement>(`button[name="${name}"]`);

describe('本地区报告 › 导出问题清单', () => {
  it('the address: node, year, the list’s filters (no status for 全部), the format', () => {
    expect(findingsUrl('gov', 2025, { status: '' }, 'xlsx')).toBe(
      '/export/findings?regionId=gov&year=2025&format=xlsx',
    );
    expect(findingsUrl('gov', 2025, { status: 'submitted' }, 'csv')).toBe(
      '/export/findings?regionId=gov&year=2025&format=csv&statuses=submitted',
    );
    expect(findingsUrl('gov', 2025, { status: 'none', q: ' 马坊 ', errorsOnly: false }, 'csv')).toBe(
      `/export/findings?regionId=gov&year=2025&format=csv&statuses=none&q=${encodeURIComponent('马坊')}`,
    );
    expect(findingsUrl('gov', 2025, { status: '', q: '  ', errorsOnly: true }, 'xlsx')).toBe(
      '/export/findings?regionId=gov&year=2025&format=xlsx&errorsOnly=1',
    );
  });

  it('「导出问题清单（Excel）」 downloads /export/findings for the node, year and status filtered by, saved under the server’s name', async () => {
    window.location.hash = '#/region?year=2025&node=gov&status=submitted';
    const saved = catchSaves();
    const fetch = vi.fn(async () => xlsxAnswer());
    vi.stubGlobal('fetch', fetch);
    const v = renderRegionPage(countyTree);
    await waitFor(() => expect(button(v.container, 'export-findings')).toBeTruthy());
    const b = button(v.container, 'export-findings')!;
    expect(b.textContent).toBe('导出问题清单（Excel）');
    fireEvent.click(b);
    fireEvent.click(b); // one download at a time
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch).toHaveBeenCalledWith(
      '/export/findings?regionId=gov&year=2025&format=xlsx&statuses=submitted',
      {
        credentials: 'same-origin',
      },
    );
    expect(b.textContent).toBe('正在导出问题清单…');
    await waitFor(() => expect(saved).toEqual(['西河县人民政府-2025-问题清单.xlsx']));
    await waitFor(() => expect(b.textContent).toBe('导出问题清单（Excel）'));
  });

  it('▾ offers Excel and CSV; CSV of every status when the list is not filtered by one; a refusal said in 简体中文', async () => {
    window.location.hash = '#/region?year=2025&node=gov';
    catchSaves();
    const fetch = vi.fn(
      async () =>
        new Response(
          JSON.stringify({
            error: {
              message: 'x',
              data: {
                appCode: 'NO_REPORTS',
                zhMessage: '西河县人民政府及下属机关在 2025 年度没有报告，没有可导出的问题清单',
              },
            },
          }),
          { status: 404 },
        ),
    );
    vi.stubGlobal('fetch', fetch);
    const v = renderRegionPage(countyTree);
    await waitFor(() => expect(button(v.container, 'export-findings-more')).toBeTruthy());
    const more = button(v.container, 'export-findings-more')!;
    fireEvent.click(more);
    expect(more.getAttribute('aria-expanded')).toBe('true');
    const items = [...v.container.querySelectorAll<HTMLButtonElement>('[role="menu"] [role="menuitem"]')];
    expect(items.map((i) => i.dataset.download)).toEqual(['xlsx', 'csv']);
    fireEvent.click(items[1]!);
    expect(fetch).toHaveBeenCalledWith('/export/findings?regionId=gov&year=2025&format=csv', {
      credentials: 'same-origin',
    });
    await waitFor(() =>
      expect(v.container.textContent).toContain(
        '导出问题清单失败：西河县人民政府及下属机关在 2025 年度没有报告，没有可导出的问题清单',
      ),
    );
    expect(button(v.container, 'export-findings')!.disabled).toBe(false);
  });

  it('follows the name filter and 只看有错误的 as shown; 未创建 lists the agencies without a report', async () => {
    window.location.hash = `#/region?year=2025&node=gov&status=none&q=${encodeURIComponent('马坊')}`;
    catchSaves();
    const fetch = vi.fn(async () => xlsxAnswer());
    vi.stubGlobal('fetch', fetch);
    const v = renderRegionPage(countyTree);
    await waitFor(() => expect(button(v.container, 'export-findings')).toBeTruthy());
    const b = button(v.container, 'export-findings')!;
    expect(b.disabled).toBe(false);
    expect(b.title).toContain('尚未创建 2025 年度报告的机关名单（名称含“马坊”）');
    fireEvent.click(b);
    expect(fetch).toHaveBeenCalledWith(
      `/export/findings?regionId=gov&year=2025&format=xlsx&statuses=none&q=${encodeURIComponent('马坊')}`,
      { credentials: 'same-origin' },
    );
    await waitFor(() => expect(b.textContent).toBe('导出问题清单（Excel）'));
    cleanup();
    window.location.hash = '#/region?year=2025&node=gov&errors=1';
    const w = renderRegionPage(countyTree);
    await waitFor(() => expect(button(w.container, 'export-findings')).toBeTruthy());
    expect(button(w.container, 'export-findings')!.title).toContain('有错误的各份报告');
    fireEvent.click(button(w.container, 'export-findings')!);
    expect(fetch).toHaveBeenLastCalledWith(
      '/export/findings?regionId=gov&year=2025&format=xlsx&errorsOnly=1',
      {
        credentials: 'same-origin',
      },
    );
  });

  it('未创建 with 只看有错误的: nothing can be listed, said on the disabled button', async () => {
    window.location.hash = '#/region?year=2025&node=gov&status=none&errors=1';
    const v = renderRegionPage(countyTree);
    await waitFor(() => expect(button(v.container, 'export-findings')).toBeTruthy());
    const b = button(v.container, 'export-findings')!;
    expect(b.disabled).toBe(true);
    expect(b.title).toContain('没有报告，也就没有错误');
  });
});
