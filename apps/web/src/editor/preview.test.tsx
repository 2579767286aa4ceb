import { createEmptyReport, setSection } from '@nianbao/core';
import { cleanup, render, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { Preview, printableCopy } from './Preview';

afterEach(cleanup);

describe('preview: the copy the page itself prints', () => {
  it('holds the whole report in the page (not a frame cut after page 1), on render’s A4 page', async () => {
    const report = setSection(
      createEmptyReport({ year: 2025, agency: '某某镇人民政府' }),
      'other',
      '本报告末尾的核对文字。',
    );
    const { container } = render(<Preview report={report} />);
    const host = container.querySelector<HTMLElement>('[data-testid=preview-print]')!;
    await waitFor(() => expect(host.shadowRoot?.querySelector('.nianbao-report')).toBeTruthy());
    const root = host.shadowRoot!;
    expect(root.textContent).toContain('某某镇人民政府2025年政府信息公开工作年度报告');
    expect(root.textContent).toContain('本报告末尾的核对文字。');
    expect(root.querySelectorAll('table').length).toBeGreaterThanOrEqual(3);
    // render's styles go with it; its @page goes to the document, for print only.
    expect(root.querySelector('style')!.textContent).toContain('.nianbao-report');
    expect(root.querySelector('style')!.textContent).not.toContain('@page');
    const page = [...container.querySelectorAll('style')].map((s) => s.textContent).join('');
    expect(page).toMatch(/@media print \{ @page \{ size: A4; margin: 37mm 26mm 35mm 28mm; \} \}/);
  });

  it('runs nothing: scripts, handlers and javascript: links are taken out of the copy', () => {
    const { nodes, page } = printableCopy(
      '<html><head><style>@page { size: A4 } p { color: red }</style><script>alert(1)</script></head>' +
        '<body><p onclick="alert(2)">正文</p><img src="x" onerror="alert(3)"><a href="javascript:alert(4)">链接</a>' +
        '<iframe src="/"></iframe><script>alert(5)</script></body></html>',
    );
    const box = document.createElement('div');
    box.append(...nodes);
    expect(page).toBe('@page { size: A4 }');
    expect(box.querySelector('script, iframe')).toBeNull();
    expect(box.innerHTML).not.toMatch(/onclick|onerror|javascript:/);
    expect(box.textContent).toContain('正文');
    expect(box.querySelector('style')!.textContent).toContain('p { color: red }');
  });
});
