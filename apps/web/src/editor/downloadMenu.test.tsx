import { FORMAT_INFO } from '@nianbao/render';
import { cleanup, fireEvent, render } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DownloadMenu } from './DownloadMenu';

afterEach(cleanup);

describe('the editor’s downloads (下载 ▾)', () => {
  it('names each file as render does; the CSV says it is open data in the long format, no table, and that the table is Excel', () => {
    const onDownload = vi.fn();
    const { getByText, container } = render(<DownloadMenu onDownload={onDownload} />);
    expect(container.querySelector('[data-download]')).toBeNull();
    fireEvent.click(getByText('下载 ▾'));
    const items = [...container.querySelectorAll<HTMLButtonElement>('[role=menuitem]')];
    expect(items.map((b) => b.querySelector('b')!.textContent)).toEqual([
      'Word 文档',
      'Excel 表格',
      '网页（可打印为 PDF）',
      'Markdown',
      '开放数据（CSV 长表）',
      '问题清单（Excel）',
    ]);
    expect(items.slice(0, 5).map((b) => b.querySelector('b')!.textContent)).toEqual(
      (['docx', 'xlsx', 'html', 'md', 'csv'] as const).map((f) => FORMAT_INFO[f].label),
    );
    // the last is not the report but what its check found
    expect(container.querySelector<HTMLButtonElement>('[data-download=findings]')!.title).toContain(
      '本报告检查出的问题',
    );
    const csv = container.querySelector<HTMLButtonElement>('[data-download=csv]')!;
    expect(csv.textContent).not.toBe('CSV');
    expect(csv.title).toContain('每个数字一行');
    expect(csv.title).toContain('不是表格');
    expect(csv.title).toContain('Excel 表格');
    fireEvent.click(csv);
    expect(onDownload).toHaveBeenCalledWith('csv');
    expect(container.querySelector('[role=menu]')).toBeNull();
  });

  it('keyboard: the first item has the focus, arrows move, Esc closes back on 下载; a click elsewhere closes', () => {
    const onDownload = vi.fn();
    const { getByText, container } = render(
      <div>
        <DownloadMenu onDownload={onDownload} />
        <p>elsewhere</p>
      </div>,
    );
    const toggle = getByText('下载 ▾');
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(document.activeElement?.getAttribute('data-download')).toBe('docx');
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' });
    expect(document.activeElement?.getAttribute('data-download')).toBe('xlsx');
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowUp' });
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowUp' });
    // wraps around to the last
    expect(document.activeElement?.getAttribute('data-download')).toBe('findings');
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(container.querySelector('[role=menu]')).toBeNull();
    expect(document.activeElement).toBe(toggle);
    fireEvent.click(toggle);
    fireEvent.pointerDown(getByText('elsewhere'));
    expect(container.querySelector('[role=menu]')).toBeNull();
    expect(onDownload).not.toHaveBeenCalled();
  });
});
