import { act, cleanup, render, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { APP_TITLE, titleFor, usePageTitleAndFocus } from './pageTitle';

afterEach(cleanup);

function Page(props: { route: string; heading: string; field?: boolean }) {
  usePageTitleAndFocus(props.route);
  return (
    <div>
      <a href="#/">我的报告</a>
      <h1>{props.heading}</h1>
      {props.field && (
        // biome-ignore lint/a11y/noAutofocus: a page that focuses a field itself
        <input aria-label="用户名" autoFocus />
      )}
    </div>
  );
}

describe('11. each page says where it is', () => {
  it('the title follows the page’s h1; after a move the focus is on the new h1 (not left on <body>)', async () => {
    const v = render(<Page route="home" heading="我的报告" />);
    expect(document.title).toBe(`我的报告 · ${APP_TITLE}`);
    // the first page of a visit: no focus moved
    expect(document.activeElement).toBe(document.body);
    v.rerender(<Page route="report/r1" heading="东山乡人民政府 2025 年政府信息公开工作年度报告" />);
    await waitFor(() => expect(document.title).toBe('东山乡人民政府 2025 年政府信息公开工作年度报告'));
    const h1 = v.getByRole('heading', { level: 1 });
    await waitFor(() => expect(document.activeElement).toBe(h1));
    expect(h1.tabIndex).toBe(-1);
    // the heading changing on the same page (loaded): the title follows, the focus is not taken again
    act(() => v.getByRole('link').focus());
    v.rerender(<Page route="report/r1" heading="西河镇人民政府 2025 年政府信息公开工作年度报告" />);
    await waitFor(() => expect(document.title).toBe('西河镇人民政府 2025 年政府信息公开工作年度报告'));
    expect(document.activeElement).toBe(v.getByRole('link'));
  });

  it('a page that focuses a field itself (the login) keeps it', async () => {
    const v = render(<Page route="a" heading="x" />);
    v.rerender(<Page route="login" heading={APP_TITLE} field />);
    await waitFor(() => expect(document.title).toBe(`${APP_TITLE} · 填报与审核`));
    await new Promise((r) => setTimeout(r, 50));
    expect(document.activeElement).toBe(v.getByRole('textbox', { name: '用户名' }));
  });

  it('titleFor: a report’s own name stands alone; other pages add the system’s name', () => {
    expect(titleFor('本地区报告')).toBe(`本地区报告 · ${APP_TITLE}`);
    expect(titleFor('  某局 2025 年政府信息公开工作年度报告 ')).toBe('某局 2025 年政府信息公开工作年度报告');
    expect(titleFor(null)).toBe(`${APP_TITLE} · 填报与审核`);
  });
});
