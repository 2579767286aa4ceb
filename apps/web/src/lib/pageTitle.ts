import { useEffect, useRef } from 'react';

export const APP_TITLE = '政府信息公开工作年度报告';

/** The window's title from a page's main heading: 「东山乡人民政府 2025 年…年度报告」, 「本地区报告 · 政府信息公开工作年度报告」. */
export function titleFor(heading: string | null | undefined): string {
  const h = (heading ?? '').replace(/\s+/g, ' ').trim();
  if (!h || h === APP_TITLE) return `${APP_TITLE} · 填报与审核`;
  return h.includes('年度报告') ? h : `${h} · ${APP_TITLE}`;
}

/**
 * Each page says where it is: the window's title follows the page's <h1> (as it loads and changes),
 * and after a move to another page (a link, 打开, 返回列表) the focus goes to that <h1> — a screen
 * reader reads the new page's name, and Tab starts from the top of it, not from a <body> left over.
 * A page that puts the focus somewhere itself (a field with autofocus) keeps it.
 */
export function usePageTitleAndFocus(routeKey: string) {
  const first = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new page (the route's key) starts over
  useEffect(() => {
    const initial = first.current;
    first.current = false;
    let focused = initial; // the first page of a visit: the browser's own start, no focus moved
    let frame = 0;
    const update = () => {
      frame = 0;
      const h1 = document.querySelector<HTMLElement>('h1');
      // a page that sets its own title (the published report: the name a print to PDF offers) keeps it
      if (!document.querySelector('[data-own-title]')) document.title = titleFor(h1?.textContent);
      if (focused || !h1) return;
      focused = true;
      const a = document.activeElement;
      if (a && a !== document.body && a.closest('input, textarea, select, [role=dialog]')) return;
      if (!h1.hasAttribute('tabindex')) h1.tabIndex = -1;
      h1.focus({ preventScroll: true });
    };
    update();
    const mo = new MutationObserver(() => {
      if (!frame) frame = requestAnimationFrame(update);
    });
    mo.observe(document.body, { childList: true, subtree: true, characterData: true });
    // Stop waiting for a heading to focus after a while (a page still loading keeps its title in step).
    const t = setTimeout(() => {
      focused = true;
    }, 5000);
    return () => {
      mo.disconnect();
      clearTimeout(t);
      if (frame) cancelAnimationFrame(frame);
    };
  }, [routeKey]);
}
