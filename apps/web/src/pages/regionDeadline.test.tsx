import { cleanup, fireEvent, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderRegionPage } from '../test-support/region';
import { countyTree } from '../test-support/tree';

afterEach(cleanup);
beforeEach(() => {
  window.location.hash = '#/region?year=2025&node=gov';
  localStorage.clear();
});

const tree = countyTree;

function renderRegion(config: unknown) {
  return renderRegionPage(tree, { 'config.get': () => config });
}

const townDeadline = (container: HTMLElement) =>
  container.querySelector('tr[data-agency="西河县河口镇人民政府"] td:nth-child(4)')?.textContent;

describe('RegionPage › 乡镇（街道）截止日期', () => {
  it('starts from the deployment’s F3 deadline (管理员 set 03-31), not a browser’s 01-31', async () => {
    // An earlier version kept a per-browser value: it is not read any more.
    localStorage.setItem('nianbao:township-deadline', '01-31');
    const { container } = renderRegion({
      rules: { F3: { options: { deadline: '03-31' } } },
      version: 2,
      updatedAt: null,
      updatedBy: null,
    });
    await waitFor(() => expect(townDeadline(container)).toBe('2026年3月31日'));
    expect((container.querySelector('input[name=local-deadline]') as HTMLInputElement).value).toBe('03-31');
    expect(container.querySelector('[data-testid=deadline-source]')?.textContent).toContain('本系统设置');
    // The county government's own report keeps 条例第四十九条第二款's 3月31日 whatever F3 says.
    expect(container.querySelector('tr[data-agency="西河县人民政府"] td:nth-child(4)')?.textContent).toBe(
      '2026年3月31日',
    );
  });

  it('says the rule’s default when no 管理员 set one', async () => {
    const { container } = renderRegion({ version: 0, updatedAt: null, updatedBy: null });
    await waitFor(() => expect(townDeadline(container)).toBe('2026年1月31日'));
    expect(container.querySelector('[data-testid=deadline-source]')?.textContent).toContain('未设置，默认');
  });

  it('a date tried in the box is marked as this page’s only, and 恢复 goes back to the setting', async () => {
    const { container, findByTestId, findByText } = renderRegion({
      rules: { F3: { options: { deadline: '03-31' } } },
      version: 2,
    });
    await waitFor(() => expect(townDeadline(container)).toBe('2026年3月31日'));
    const box = container.querySelector('input[name=local-deadline]') as HTMLInputElement;
    fireEvent.change(box, { target: { value: '04-15' } });
    expect(townDeadline(container)).toBe('2026年4月15日');
    expect((await findByTestId('deadline-override')).textContent).toContain(
      '仅本页临时按 04-15 计算（不保存）；本系统设置为 03-31',
    );
    expect(localStorage.getItem('nianbao:township-deadline')).toBeNull();
    fireEvent.click(await findByText('恢复'));
    expect(townDeadline(container)).toBe('2026年3月31日');
    expect(box.value).toBe('03-31');
  });

  it('reads 3-31 typed in the box as 03-31', async () => {
    const { container, findByTestId } = renderRegion({ version: 0 });
    await waitFor(() => expect(townDeadline(container)).toBe('2026年1月31日'));
    const box = container.querySelector('input[name=local-deadline]') as HTMLInputElement;
    fireEvent.change(box, { target: { value: '3-31' } });
    expect(townDeadline(container)).toBe('2026年3月31日');
    expect(box.getAttribute('aria-invalid')).toBeNull();
    expect((await findByTestId('deadline-override')).textContent).toContain('仅本页临时按 03-31 计算');
    fireEvent.blur(box);
    expect(box.value).toBe('03-31');
  });
});
