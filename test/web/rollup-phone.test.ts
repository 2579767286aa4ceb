import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { hasChromium, login, shot, withBrowser } from './support.js';

if (!hasChromium)
  console.warn('跳过区域汇总手机端测试：没有 /usr/bin/chromium（apt-get install -y chromium）');

/** The 审核人's roll-up (区域汇总与图表), its four charts drawn. */
async function openRollup(page: Page, url: string) {
  await login(page, url, 'shenhe');
  await page.click('a:has-text("本地区报告")');
  await page.click('a:has-text("区域汇总与图表")');
  await page.waitForSelector('.indicators');
  await expect.poll(() => page.locator('.chart canvas').count()).toBe(4);
  // the charts' first frame (echarts animates)
  await page.waitForTimeout(1200);
}

/** What the layout looks like: widths, what sticks out of the screen, how many lines the buttons take. */
const measure = (page: Page) =>
  page.evaluate(() => {
    const vw = window.innerWidth;
    // An element inside a box that scrolls sideways (the summed tables) is not wider than the screen.
    const scrolls = (el: Element | null): boolean => {
      for (let p = el?.parentElement; p && p !== document.body; p = p.parentElement) {
        const o = getComputedStyle(p).overflowX;
        if (o === 'auto' || o === 'scroll' || o === 'hidden') return true;
      }
      return false;
    };
    const wide = [...document.querySelectorAll('body *')]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        if (!r.width || !r.height) return false;
        return (r.right > vw + 1 || r.left < -1) && !scrolls(el);
      })
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}「${(el.textContent ?? '').slice(0, 20)}」`);
    const lines = (el: Element) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      // one rect per line of text (rects on one line share their top)
      return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
    };
    return {
      overflow: document.documentElement.scrollWidth - vw,
      wide,
      charts: [...document.querySelectorAll('.charts .chart')].map((c) => {
        const r = c.getBoundingClientRect();
        return { label: c.getAttribute('aria-label'), width: r.width, top: Math.round(r.top + scrollY) };
      }),
      buttons: [...document.querySelectorAll('.rollup-actions button')].map((b) => ({
        text: b.textContent,
        lines: lines(b),
        right: b.getBoundingClientRect().right,
      })),
    };
  });

describe.skipIf(!hasChromium)('区域汇总与图表 on a phone', () => {
  it('at 390 px: one column of charts at least 300 px wide, nothing wider than the screen, each export button on one line; 1366 keeps two columns', async () => {
    await withBrowser(
      async ({ server, page }) => {
        await openRollup(page, server.url);
        await shot(page, 'rollup-phone-390');
        await page.locator('.charts').scrollIntoViewIfNeeded();
        await shot(page, 'rollup-phone-390-charts');
        await page.locator('.chart[aria-label=各机关同比]').scrollIntoViewIfNeeded();
        await shot(page, 'rollup-phone-390-agencies');
        const m = await measure(page);
        expect(m.overflow).toBeLessThanOrEqual(1);
        expect(m.wide).toEqual([]);
        expect(m.charts).toHaveLength(4);
        for (const c of m.charts) expect(c.width, c.label ?? '').toBeGreaterThanOrEqual(300);
        // one column: each chart below the one before
        for (let k = 1; k < m.charts.length; k++)
          expect(m.charts[k]!.top).toBeGreaterThan(m.charts[k - 1]!.top);
        expect(m.buttons.map((b) => b.text)).toContain('导出汇总（网页，可打印）');
        for (const b of m.buttons) {
          expect(b.lines, b.text ?? '').toBe(1);
          expect(b.right).toBeLessThanOrEqual(391);
        }

        // The laptop keeps two charts a row.
        await page.setViewportSize({ width: 1366, height: 768 });
        await page.waitForTimeout(800);
        await page.evaluate(() => scrollTo(0, 0));
        await shot(page, 'rollup-1366');
        await page.locator('.charts').scrollIntoViewIfNeeded();
        await shot(page, 'rollup-1366-charts');
        const l = await measure(page);
        expect(l.overflow).toBeLessThanOrEqual(1);
        expect(l.charts[0]!.top).toBe(l.charts[1]!.top);
        expect(l.charts[2]!.top).toBe(l.charts[3]!.top);
        expect(l.charts[0]!.width).toBeGreaterThan(500);
        for (const b of l.buttons) expect(b.lines, b.text ?? '').toBe(1);
      },
      { viewport: { width: 390, height: 844 } },
    );
  }, 120_000);
});
