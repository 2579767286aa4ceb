import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { hasChromium, login, PASSWORD, shot, withBrowser } from './support.js';

if (!hasChromium) console.warn('跳过大地区审核端到端测试：没有 /usr/bin/chromium');

/**
 * A reviewer of a big region (QA: a city of ~300 agencies, 5 counties each with its 城关镇、马坊镇…):
 * same names told apart, the page kept through a report, a year in the address shown and Back-able.
 * The region is made through the API as admin: two counties with 城关镇 and 马坊镇 and 50 departments
 * each (over 100 rows: two pages).
 */
const VIEWPORT = { width: 1366, height: 768 };
const ANSWER = { timeout: 15_000 };

async function api(url: string, username: string) {
  const res = await fetch(`${url}/trpc/auth.login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (!res.ok) throw new Error(await res.text());
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const call = async (path: string, input: unknown, mutation: boolean) => {
    const r = mutation
      ? await fetch(`${url}/trpc/${path}`, {
          method: 'POST',
          headers: { cookie, 'content-type': 'application/json' },
          body: JSON.stringify(input),
        })
      : await fetch(`${url}/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`, {
          headers: { cookie },
        });
    const j = (await r.json()) as { result?: { data: unknown }; error?: unknown };
    if (j.error) throw new Error(`${path}: ${JSON.stringify(j.error).slice(0, 300)}`);
    return j.result!.data as never;
  };
  return {
    q: (p: string, i: unknown = undefined) => call(p, i, false),
    m: (p: string, i: unknown) => call(p, i, true),
  };
}

/** Two counties under the reviewer's node; reports: both 马坊镇 submitted, every 临江县 department a draft. */
async function bigRegion(url: string, year: number) {
  const shenhe = await api(url, 'shenhe');
  const admin = await api(url, 'admin');
  const [scope] = (await shenhe.q('agencies.tree')) as { id: string }[];
  const created = async (parentId: string, name: string) =>
    ((await admin.m('agencies.create', { parentId, name })) as { id: string }).id;
  for (const county of ['安平县', '临江县']) {
    const c = await created(scope!.id, `${county}人民政府`);
    for (const town of ['城关镇人民政府', '马坊镇人民政府']) {
      const a = await created(c, town);
      if (town.startsWith('马坊')) {
        const r = (await admin.m('reports.create', { agencyId: a, year })) as { record?: { id: string } };
        const id = r.record?.id ?? (r as unknown as { id: string }).id;
        // a line under 一、总体情况 (left empty it is an error, S2, and 批量通过 would skip it)
        const got = (await admin.q('reports.get', { id })) as {
          version: number;
          report: { sections: Record<string, string | null> };
        };
        await admin.m('reports.save', {
          id,
          expectedVersion: got.version,
          report: {
            ...got.report,
            sections: { ...got.report.sections, overview: `${town}认真贯彻落实条例。` },
          },
        });
        await admin.m('reports.submit', { id });
      }
    }
    for (let k = 1; k <= 50; k++) {
      const a = await created(c, `${county}第${String(k).padStart(2, '0')}局`);
      if (county === '临江县') await admin.m('reports.create', { agencyId: a, year });
    }
  }
}

const rowNames = (page: Page) =>
  page
    .locator('.region-table tbody tr td:first-child')
    .evaluateAll((tds) => tds.map((t) => t.textContent?.trim()));
const pager = (page: Page) => page.locator('[data-testid=region-pager] span').first().textContent();

describe.skipIf(!hasChromium)('审核人 of a big region in Chromium (1366×768)', () => {
  it('same names are told apart once filtered (rows and the bulk dialog); the page survives a report and 下一份 ×2; a year in the address is shown, Back undoes a change', async () => {
    await withBrowser(
      async ({ server, page }) => {
        await login(page, server.url, 'shenhe');
        await page.waitForSelector('.region-table tbody tr');
        const year = Number(await page.inputValue('select[name=region-year]'));
        await bigRegion(server.url, year);
        await page.reload();
        await page.waitForSelector('[data-testid=region-pager]');

        // 1. unfiltered: the tree as it was (no place beside the name)
        expect(await page.locator('tr[data-agency="马坊镇人民政府"] .region-place').count()).toBe(0);
        // filtered (状态 已提交 and the name filter): each 马坊镇 says where it is
        await page.selectOption('select[name=status-filter]', 'submitted');
        await page.fill('input[name=name-filter]', '马坊');
        await expect
          .poll(() => rowNames(page), ANSWER)
          .toEqual(['马坊镇人民政府 · 安平县人民政府', '马坊镇人民政府 · 临江县人民政府']);
        await expect.poll(() => page.url(), ANSWER).toContain(`q=${encodeURIComponent('马坊')}`);
        // the name filter matches the parent's name too
        await page.fill('input[name=name-filter]', '临江 马坊');
        await expect.poll(() => rowNames(page), ANSWER).toEqual(['马坊镇人民政府 · 临江县人民政府']);
        await page.fill('input[name=name-filter]', '马坊');
        await page.check('input[name=pick-all]');
        await page.click('button[name=bulk-approve]');
        expect(await page.locator('.bulk-confirm .bulk-go li').allTextContents()).toEqual([
          '马坊镇人民政府 · 安平县人民政府',
          '马坊镇人民政府 · 临江县人民政府',
        ]);
        await shot(page, 'review-scale-same-names-1366');
        await page.click('.bulk-confirm button:has-text("取消")');
        // the status filter counts each status
        expect(
          await page.locator('select[name=status-filter] option[value=submitted]').textContent(),
        ).toMatch(/^已提交（待审核） \d+$/);

        // 2. page 2 of the whole list, a report, 下一份 ×2, 返回列表: page 2 again
        await page.selectOption('select[name=status-filter]', '');
        await page.fill('input[name=name-filter]', '');
        await page.locator('[data-testid=region-pager] button:has-text("下一页")').first().click();
        await expect.poll(() => pager(page), ANSWER).toMatch(/^第 101–/);
        await expect.poll(() => page.url(), ANSWER).toMatch(/[?&]page=2/);
        await page.locator('.region-table tbody tr a:has-text("查看")').first().click();
        await page.waitForSelector('.review-nav');
        for (const _ of [1, 2]) {
          const at = page.url();
          await page.locator('.review-nav a:has-text("下一份")').click();
          await page.waitForURL((u) => u.toString() !== at);
          await page.waitForSelector('.review-nav');
        }
        await page.locator('.review-nav a:has-text("返回列表")').click();
        await page.waitForSelector('.region-table tbody tr');
        await expect.poll(() => pager(page), ANSWER).toMatch(/^第 101–/);
        // the header's 本地区报告 too (the view as left, page and all), and a reload
        await page.locator('.region-table tbody tr a:has-text("查看")').first().click();
        await page.waitForSelector('.review-nav');
        await page.click('.app-header a:has-text("本地区报告")');
        await expect.poll(() => pager(page), ANSWER).toMatch(/^第 101–/);
        await page.reload();
        await expect.poll(() => pager(page), ANSWER).toMatch(/^第 101–/);

        // 3. a year typed into the address is the year shown (was rewritten to the saved one)
        const other = year - 1;
        await page.goto(`${server.url}/#/region?year=${other}`);
        await expect.poll(() => page.inputValue('select[name=region-year]'), ANSWER).toBe(String(other));
        expect(await page.locator('h1').textContent()).toContain(`${other} 年度报告`);
        expect(page.url()).toContain(`year=${other}`);
        // a year picked, then Back: the year before
        await page.selectOption('select[name=region-year]', String(year));
        await expect.poll(() => page.url(), ANSWER).toContain(`year=${year}`);
        await page.goBack();
        await expect.poll(() => page.inputValue('select[name=region-year]'), ANSWER).toBe(String(other));
        // a filter, then Back: as before it
        await page.selectOption('select[name=status-filter]', 'draft');
        await page.goBack();
        await expect.poll(() => page.inputValue('select[name=status-filter]'), ANSWER).toBe('');
        expect(await page.inputValue('select[name=region-year]')).toBe(String(other));
      },
      { viewport: VIEWPORT },
    );
  }, 180_000);
});
