/**
 * Accessibility: every page of the web app, as each role sees it, checked by axe-core against WCAG
 * 2.1 A and AA (GB/T 37668-2019, the national standard for accessible web content, follows WCAG
 * 2.0): no violation — contrast of text and badges, a name for every control, no control inside
 * another. The public pages are checked logged out. Run on the demo data, at 1366 and at 390 px.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { hasChromium, login, logout, ROOT, withBrowser } from './support.js';

if (!hasChromium) console.warn('跳过无障碍端到端测试：没有 /usr/bin/chromium');

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** axe's violations of the page as it is now, one line each (rule, impact, help, the first elements). */
async function violations(page: Page, where: string): Promise<string[]> {
  // evaluated through the DevTools protocol: the page's Content-Security-Policy (script-src 'self') does not apply
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  const found = await page.evaluate(
    async (tags) =>
      (
        await (
          window as unknown as {
            axe: { run: (c: Document, o: object) => Promise<{ violations: Violation[] }> };
          }
        ).axe.run(document, { runOnly: { type: 'tag', values: tags } })
      ).violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
      })),
    TAGS,
  );
  return found.map(
    (v) =>
      `${where}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes
        .slice(0, 3)
        .map((n) => `${n.target.join(' ')} ${n.failureSummary?.split('\n').at(-1)?.trim() ?? ''}`)
        .join('；')}${v.nodes.length > 3 ? `；…共 ${v.nodes.length} 处` : ''}`,
  );
}

async function go(page: Page, url: string, ready: string) {
  await page.goto(url);
  await page.waitForSelector(ready);
  // what loads after the first paint (findings, 同比, counts) is part of the page
  await page.waitForLoadState('networkidle');
}

async function tab(page: Page, name: string, ready: string) {
  await page.getByRole('tab', { name }).click();
  await page.waitForSelector(ready);
  await page.waitForLoadState('networkidle');
}

describe.skipIf(!hasChromium)('accessibility (axe-core, WCAG 2.1 A/AA)', () => {
  it('the public pages, the 填报人’s, the 审核人’s and the 管理员’s: no violation at 1366 and 390 px', async () => {
    await withBrowser(
      async ({ server, page }) => {
        const found: string[] = [];
        const check = async (where: string) => found.push(...(await violations(page, where)));
        const url = server.url;

        // logged out: the login page, the 更正公告 and a published report with its corrections
        await go(page, `${url}/`, 'input[name=username]');
        await check('登录');
        await go(page, `${url}/#/corrections`, 'table.corrections tbody tr');
        await check('更正公告');
        await page.locator('table.corrections a:has-text("查看已发布的报告")').first().click();
        await page.waitForSelector('.corrections-log');
        await check('已发布的报告');

        // 填报人 of 教育局: a draft with errors, warnings, suggested fixes
        await login(page, url, 'jiaoyu');
        await check('填报人 首页');
        await page.locator('a:has-text("打开")').first().click();
        await page.waitForSelector('input[name="applications.newReceived.naturalPerson"]');
        await page.waitForSelector('[data-severity=warning]');
        await check('填报人 表格');
        // a severity hidden from the list: its toggle still readable
        await page.locator('.count[data-severity=warning]').click();
        await check('填报人 表格（隐藏警告）');
        await tab(page, '正文', 'textarea');
        await check('填报人 正文');
        await tab(page, '预览', '.preview, iframe, .official');
        await check('填报人 预览');
        await tab(page, '历史版本', 'table');
        await check('填报人 历史版本');
        await go(page, `${url}/#/import`, 'input[type=file]');
        await check('导入');
        // the preview of an imported text: its diagnostics (tables missing) and where each number came from
        await page.setInputFiles('input[name=import-file]', {
          name: 'tables-missing-2022.txt',
          mimeType: 'text/plain',
          buffer: readFileSync(join(ROOT, 'apps', 'tui', 'fixtures', 'tables-missing-2022.txt')),
        });
        await page.click('button:has-text("导入")');
        await page.waitForSelector('[data-testid=preview-unsaved]', { timeout: 30_000 });
        await page.waitForLoadState('networkidle');
        await check('导入预览');
        await go(page, `${url}/#/account`, 'h1, h2');
        await check('账号');
        await logout(page);

        // 审核人: the region list, a submitted report with last year's beside it (同比), the roll-up
        await login(page, url, 'shenhe');
        await page.waitForSelector('.region-table tbody tr');
        await page.waitForLoadState('networkidle');
        await check('本地区报告');
        // the 问题清单's format menu, open
        await page.locator('.findings-export button.download-toggle').click();
        await page.waitForSelector('.findings-export [role=menu]');
        await check('本地区报告（问题清单格式菜单）');
        await page.keyboard.press('Escape');
        await page.locator('tr[data-agency="示例县人民政府"] a:has-text("查看")').click();
        await page.waitForSelector('[data-testid=year-on-year]');
        await page.waitForLoadState('networkidle');
        await check('审核 报告（同比）');
        await page.setViewportSize({ width: 390, height: 844 });
        await check('审核 报告 390px');
        await page.goBack();
        await page.waitForSelector('.region-table tbody tr');
        await check('本地区报告 390px');
        await page.setViewportSize({ width: 1366, height: 768 });
        await page.getByText('区域汇总与图表').click();
        await page.waitForSelector('text=汇总了');
        await page.waitForLoadState('networkidle');
        await check('区域汇总');
        await logout(page);

        // 管理员: agencies, users, every rule's setting
        await login(page, url, 'admin');
        await go(page, `${url}/#/admin`, 'select[name="rule-S1"]');
        await check('管理');

        expect(found, found.join('\n')).toEqual([]);
      },
      { viewport: { width: 1366, height: 768 } },
    );
  });
});
