import { cleanup, fireEvent, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderRegionPage } from '../test-support/region';
import { agencyNode } from '../test-support/tree';

afterEach(cleanup);
beforeEach(() => {
  window.location.hash = '#/region?year=2025&node=gov';
  sessionStorage.clear();
});

/** A county with 150 departments, each with a report waiting for review: two pages of the list. */
const N = 150;
const agency = agencyNode;
const tree = [
  {
    ...agency(
      'gov',
      '西河县人民政府',
      Array.from({ length: N }, (_, k) => agency(`a${k}`, `西河县第${k}局`)),
    ),
    kind: '人民政府',
  },
];
const items = Array.from({ length: N }, (_, k) => ({
  id: `r${k}`,
  agencyId: `a${k}`,
  agencyName: `西河县第${k}局`,
  year: 2025,
  status: 'submitted',
  statusLabel: '已提交',
  version: 2,
  updatedAt: '2026-01-05T08:00:00Z',
  openFindings: { error: 0, crossYear: 0, warning: 0, info: 0 },
  dismissedErrors: 0,
  reviewComment: null,
}));

function renderRegion() {
  return renderRegionPage(tree, { 'reports.list': () => ({ total: N, nextCursor: null, items }) });
}

describe('本地区报告 › 全选本页', () => {
  it('keeps what was ticked on another page (ticking it added, unticking took out only this page’s)', async () => {
    const v = renderRegion();
    const picked = () => v.container.querySelector('.bulk-actions .muted.small')!.textContent;
    await waitFor(() => expect(v.container.querySelector('input[name=pick][value=r3]')).toBeTruthy());
    // page 1: one report ticked
    fireEvent.click(v.container.querySelector('input[name=pick][value=r3]')!);
    expect(picked()).toBe('已选 1 份');
    // page 2 (its 51 rows: the government has no report, the departments 99…149), all of it ticked
    fireEvent.click(v.getAllByText('下一页')[0]!);
    await waitFor(() => expect(v.container.querySelector('input[name=pick][value=r120]')).toBeTruthy());
    fireEvent.click(v.container.querySelector('input[name=pick-all]')!);
    const onPage2 = v.container.querySelectorAll('input[name=pick]').length;
    expect(onPage2).toBeGreaterThan(40);
    expect(picked()).toBe(`已选 ${onPage2 + 1} 份`);
    // and untick it: page 1's report is still ticked
    fireEvent.click(v.container.querySelector('input[name=pick-all]')!);
    expect(picked()).toBe('已选 1 份');
  });
});

describe('本地区报告: the reports ticked', () => {
  it('are still ticked after 查看 one and Back (the list made anew), and gone once cleared', async () => {
    const first = renderRegion();
    const box = (v: ReturnType<typeof renderRegion>, id: string) =>
      v.container.querySelector(`input[name=pick][value=${id}]`) as HTMLInputElement | null;
    const picked = (v: ReturnType<typeof renderRegion>) =>
      v.container.querySelector('.bulk-actions .muted.small')!.textContent;
    await waitFor(() => expect(box(first, 'r3')).toBeTruthy());
    fireEvent.click(box(first, 'r3')!);
    fireEvent.click(box(first, 'r7')!);
    expect(picked(first)).toBe('已选 2 份');
    // 查看 a report: the list goes; Back: it is made anew
    cleanup();
    const again = renderRegion();
    await waitFor(() => expect(box(again, 'r3')).toBeTruthy());
    expect(box(again, 'r3')!.checked).toBe(true);
    expect(box(again, 'r7')!.checked).toBe(true);
    expect(picked(again)).toBe('已选 2 份');
    fireEvent.click(again.getByText('清除选择'));
    cleanup();
    const third = renderRegion();
    await waitFor(() => expect(box(third, 'r3')).toBeTruthy());
    expect(box(third, 'r3')!.checked).toBe(false);
    expect(picked(third)).toBe('已选 0 份');
  });
});
