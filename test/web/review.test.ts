import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { hasChromium, login, shot, withBrowser } from './support.js';

if (!hasChromium) console.warn('跳过审核人端到端测试：没有 /usr/bin/chromium');

const VIEWPORT = { width: 1366, height: 768 };
/**
 * A wait for what the server answers (a step, a list read again, a comparison): vitest's poll gives
 * up after 1 s, which a round trip exceeds when every suite runs at once on 2 cores.
 */
const ANSWER = { timeout: 15_000 };
const statusText = (page: Page) => page.locator('.editor-bar .status').textContent();
const agencies = (page: Page) =>
  page.locator('.region-table tbody tr').evaluateAll((rs) => rs.map((r) => r.getAttribute('data-agency')));
const rowStatus = (page: Page, agency: string) =>
  page.locator(`tr[data-agency="${agency}"] td:nth-child(2) .status`).textContent();

async function openReport(page: Page, agency: string) {
  await page.locator(`tr[data-agency="${agency}"] a:has-text("查看")`).click();
  await page.waitForSelector('input[name="applications.newReceived.naturalPerson"]');
}

describe.skipIf(!hasChromium)('审核人 in Chromium (1366×768)', () => {
  it('the list keeps its filters and year through a report, Back, 本地区报告 and a reload; 下一份 goes by the filtered list', async () => {
    await withBrowser(
      async ({ server, page }) => {
        await login(page, server.url, 'shenhe');
        await page.waitForSelector('.region-table tbody tr');
        const year = await page.inputValue('select[name=region-year]');
        await page.selectOption('select[name=status-filter]', 'submitted');
        await page.check('input[name=errors-only]');
        await expect.poll(() => page.url(), ANSWER).toMatch(/status=submitted/);
        await expect.poll(() => page.url(), ANSWER).toMatch(/errors=1/);
        const filtered = await agencies(page);
        expect(filtered.length).toBeGreaterThanOrEqual(2);
        const kept = async (rows: (string | null)[] | null = filtered) => {
          await page.waitForSelector('.region-table tbody tr');
          expect(await page.inputValue('select[name=status-filter]')).toBe('submitted');
          expect(await page.isChecked('input[name=errors-only]')).toBe(true);
          expect(await page.inputValue('select[name=region-year]')).toBe(year);
          if (rows) await expect.poll(() => agencies(page), ANSWER).toEqual(rows);
        };
        // open one, Back
        await openReport(page, filtered[0]!);
        // the report page says where it is in the list and leads back to it
        expect(await page.locator('.review-nav').textContent()).toContain(`第 1/${filtered.length} 份`);
        expect(await page.locator('.review-nav').textContent()).toContain('已提交（待审核） · 只看有错误的');
        await page.goBack();
        await kept();
        // open one, the header's 本地区报告
        await openReport(page, filtered[0]!);
        await page.click('.app-header a:has-text("本地区报告")');
        await kept();
        // a reload
        await page.reload();
        await kept();
        // 下一份 through the list: 审核通过… (errors: asked), then 通过并打开下一份
        await openReport(page, filtered[0]!);
        const firstUrl = page.url();
        await page.locator('.workflow button', { hasText: '审核通过…' }).click();
        await shot(page, 'review-approve-confirm-1366');
        expect(await page.locator('.workflow .warn-text').textContent()).toMatch(
          /^仍有(错误 [1-9]\d* 个|跨年 [1-9]\d* 个|错误 [1-9]\d* 个、跨年 [1-9]\d* 个)，确定审核通过吗？$/,
        );
        await page.click('button[name=approve-next]');
        // the step, then the list read again, then the next report
        await page.waitForURL((u) => u.toString() !== firstUrl);
        await page.waitForSelector('input[name="applications.newReceived.naturalPerson"]');
        expect(await page.locator('.editor-bar h1, h1').first().textContent()).toContain(filtered[1]!);
        // the approved report left the list (已提交 only): the place is counted in the list as it is
        // now, not as it was opened (it said 「第 2/2 份」), and no 上一份 leads back to it
        const nav = page.locator('.review-nav');
        expect(await nav.textContent()).toContain(`第 1/${filtered.length - 1} 份`);
        expect(await nav.locator('a', { hasText: '上一份' }).count()).toBe(0);
        expect(await nav.locator('a', { hasText: '下一份' }).count()).toBe(filtered.length > 2 ? 1 : 0);
        await shot(page, 'review-approve-next-1366');
        // the first was approved
        await page.locator('.review-nav a', { hasText: '返回列表' }).click();
        await kept(filtered.slice(1));
        await page.selectOption('select[name=status-filter]', '');
        await expect.poll(() => rowStatus(page, filtered[0]!), ANSWER).toBe('已通过');
      },
      { viewport: VIEWPORT },
    );
  });

  it('批量通过 skips a report with open errors and says why; 批量发布 publishes after one confirmation naming them', async () => {
    await withBrowser(
      async ({ server, page }) => {
        await login(page, server.url, 'shenhe');
        await page.waitForSelector('.region-table tbody tr');
        // nothing published yet: the open-data button says so before it is clicked
        expect(await page.locator('button:has-text("导出开放数据")').textContent()).toContain('尚无');
        // 未填写 for a draft nothing has been typed into (not 「警告 38」), with the error such a report
        // has (一、总体情况 empty, S2) — counted by 只看有错误的 as any error
        expect(await page.locator('tr[data-agency="东山乡人民政府"] td:nth-child(3)').textContent()).toBe(
          '未填写 错误 1',
        );
        // overdue in red only while unfinished: the approved 城关镇 waits for 发布
        expect(await page.locator('tr[data-agency="城关镇人民政府"] td.overdue').count()).toBe(0);
        // a submitted report waits for the reviewer: 待审核, not the agency's 「已逾期」
        expect(await page.locator('tr[data-agency="示例县人民政府"] td:nth-child(5)').textContent()).toMatch(
          /^待审核（(期限已过 \d+ 天|剩 \d+ 天|今天截止)）$/,
        );
        // the summary and the filter count the same reports
        const summary = (await page.locator('.region-summary').textContent()) ?? '';
        const n = Number(/有错误的 (\d+) 份/.exec(summary)?.[1]);
        await page.check('input[name=errors-only]');
        await expect.poll(async () => (await agencies(page)).length, ANSWER).toBe(n);
        await page.uncheck('input[name=errors-only]');

        // 示例县人民政府 (submitted, cross-year errors) and 城关镇 (approved)
        await page.check('tr[data-agency="示例县人民政府"] input[name=pick]');
        await page.check('tr[data-agency="城关镇人民政府"] input[name=pick]');
        await page.click('button[name=bulk-approve]');
        const confirm = page.locator('.bulk-confirm');
        expect(await confirm.locator('.bulk-skipped').textContent()).toContain(
          '示例县人民政府：仍有跨年 4 个',
        );
        expect(await confirm.locator('.bulk-go li').count()).toBe(0);
        await shot(page, 'review-bulk-approve-1366');
        await confirm.locator('button:has-text("取消")').click();
        expect(await rowStatus(page, '示例县人民政府')).toBe('已提交');

        await page.click('button[name=bulk-publish]');
        // each with the 发布日期 the server will record (the report states none: today), and — when
        // that is past the township's deadline (F3, 1月31日 of the year after) — said late before it
        // is confirmed, as the report will say after (QA saw 「逾期 306 天」 only then)
        await expect
          .poll(() => confirm.locator('.bulk-go').textContent(), ANSWER)
          .toMatch(
            /^城关镇人民政府：发布日期 (今天（\d{4}-\d{2}-\d{2}）|\d{4}-\d{2}-\d{2}（报告所写）)( — 发布逾期：.*（逾期 \d+ 天）.*（F3）)?$/,
          );
        const year = Number(await page.inputValue('select[name=region-year]'));
        const late = new Date().toISOString().slice(0, 10) > `${year + 1}-01-31`;
        expect(await confirm.locator('[data-testid=bulk-publish-late]').count()).toBe(late ? 1 : 0);
        expect((await confirm.locator('.bulk-go').textContent())?.includes('发布逾期')).toBe(late);
        await confirm.locator('button', { hasText: '确认发布 1 份' }).click();
        await expect
          .poll(() => page.locator('.bulk-result').textContent(), ANSWER)
          .toContain('已完成 1 份：城关镇人民政府');
        await expect.poll(() => rowStatus(page, '城关镇人民政府'), ANSWER).toBe('已发布');
        expect(await rowStatus(page, '示例县人民政府')).toBe('已提交');
        // open data now has a report to give
        expect(await page.locator('button:has-text("导出开放数据")').textContent()).toContain('1 份');

        // 教育局's printed 总计 disagrees with its row: the cell bar says that, not 「自动计算（只读）」
        await openReport(page, '示例县教育局');
        await page.locator('input[name="applications.newReceived.total"]').click();
        expect(await page.locator('[data-testid=printed-total-chip]').textContent()).toBe(
          '印制的总计与各项之和不符',
        );
        expect(await page.locator('.cell-bar').textContent()).not.toContain('自动计算（只读）');
        expect(await page.locator('.cell-bar .conflict-note').textContent()).toMatch(
          /^报告印制的总计为 \d+，各项之和为 \d+/,
        );
        await shot(page, 'review-printed-total-1366');
      },
      { viewport: VIEWPORT },
    );
  });

  it('an unsent return comment survives Back and Forward, with findings inserted; a resubmitted report stands out', async () => {
    await withBrowser(
      async ({ server, page }) => {
        await login(page, server.url, 'shenhe');
        await page.waitForSelector('.region-table tbody tr');
        // The 同比 comparison is a query of its own that may answer after the form shows (it did
        // under load: the test read 「正在比较…」 once): here it answers a second late, every time.
        let slowed = 0;
        await page.route(/\/trpc\/[^?]*summary\.yearOnYear/, async (route) => {
          slowed++;
          await new Promise((r) => setTimeout(r, 1000));
          await route.continue();
        });
        await openReport(page, '示例县交通运输局');
        // last year's report is linked, with the 同比 line once compared
        const yoy = page.locator('[data-testid=year-on-year] summary');
        await expect.poll(() => yoy.textContent(), ANSWER).toMatch(/^同比：新收申请/);
        expect(await page.locator('[data-testid=year-on-year] a.yoy-prev').textContent()).toMatch(
          /^\d{4} 年度报告$/,
        );
        expect(slowed).toBeGreaterThan(0);
        await page.unroute(/\/trpc\/[^?]*summary\.yearOnYear/);
        await page.locator('.workflow button', { hasText: '退回修改…' }).click();
        await page.fill('textarea[name=review-comment]', '请核对上年结转。');
        await page.locator('input[name=return-finding]').first().check();
        const line = (await page.locator('.return-findings li').first().textContent())!.trim();
        await page.locator('button', { hasText: '插入所选 1 条' }).click();
        const text = `请核对上年结转。\n${line}`;
        expect(await page.inputValue('textarea[name=review-comment]')).toBe(text);
        await shot(page, 'review-return-form-1366');
        // a link away asks first (the text is kept either way); dismissed, the page stays
        const asked: string[] = [];
        page.once('dialog', (d) => {
          asked.push(d.message());
          void d.dismiss();
        });
        const here = page.url();
        await page.click('.app-header a:has-text("本地区报告")');
        await expect
          .poll(() => asked, ANSWER)
          .toEqual(['退回意见尚未发送（已暂存在本标签页，回到本报告时仍在）。确定离开吗？']);
        await expect.poll(() => page.url(), ANSWER).toBe(here);
        await page.goBack();
        await page.waitForSelector('.region-table tbody tr');
        await page.goForward();
        await page.waitForSelector('textarea[name=review-comment]');
        expect(await page.inputValue('textarea[name=review-comment]')).toBe(text);
        await page.locator('.return-form button[type=submit]').click();
        await expect.poll(() => statusText(page), ANSWER).toBe('已退回');

        // the 填报人 hands it in again (over the API), the reviewer sees it marked
        const api = async (path: string, input: unknown, cookie = '') => {
          const res = await fetch(`${server.url}/trpc/${path}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
            body: JSON.stringify(input),
          });
          return {
            body: (await res.json()) as { result?: { data: unknown } },
            cookie: res.headers.get('set-cookie'),
          };
        };
        const signIn = await api('auth.login', { username: 'jiaotong', password: 'nianbao-e2e-1' });
        const cookie = signIn.cookie?.split(';')[0] ?? '';
        const id = decodeURIComponent(/#\/report\/([^?]+)/.exec(page.url())![1]!);
        const sub = await api('reports.submit', { id }, cookie);
        expect(sub.body.result, JSON.stringify(sub.body)).toBeDefined();
        await page.locator('.review-nav a', { hasText: '返回列表' }).click();
        await page.waitForSelector('.region-table tbody tr');
        await page.click('button:has-text("刷新")');
        await expect
          .poll(() => page.locator('tr[data-agency="示例县交通运输局"] .tag.resubmitted').count(), ANSWER)
          .toBe(1);
        await openReport(page, '示例县交通运输局');
        const note = page.locator('.resubmitted-note');
        await expect.poll(() => note.textContent(), ANSWER).toContain('请核对上年结转。');
        await note.locator('button', { hasText: '查看退回以来的修改' }).click();
        await page.waitForSelector('input[name=diff-from]');
        await shot(page, 'review-resubmitted-history-1366');
      },
      { viewport: VIEWPORT },
    );
  });

  it('at any size: the region list reads every page of reports and one request for 退回后重新提交; the roll-up loads no report of its own', async () => {
    await withBrowser(
      async ({ server, page }) => {
        await login(page, server.url, 'shenhe');
        await page.waitForSelector('.region-table tbody tr');
        const summary = async () => (await page.locator('.region-summary').textContent()) ?? '';
        const counted = async () => Number(/已有报告 (\d+) 份/.exec(await summary())?.[1] ?? 0);
        await expect.poll(counted, ANSWER).toBeGreaterThan(1);
        const all = await counted();
        // The server pages the list (500 a page): here it answers one report a page and a cursor to
        // the rest, as a province's 2,411 come — the page must follow it, not count the first page.
        const REST = 'e2e-rest';
        await page.route(/\/trpc\/[^?]*reports\.list/, async (route) => {
          const url = new URL(route.request().url());
          const names = decodeURIComponent(url.pathname.split('/trpc/')[1]!).split(',');
          const inputs = JSON.parse(url.searchParams.get('input') ?? '{}') as Record<
            string,
            Record<string, unknown>
          >;
          const rest = new Set<string>();
          for (const [k, v] of Object.entries(inputs))
            if (names[Number(k)] === 'reports.list' && v.cursor === REST) {
              delete v.cursor;
              rest.add(k);
            }
          url.searchParams.set('input', JSON.stringify(inputs));
          const res = await route.fetch({ url: url.toString() });
          const body = (await res.json()) as {
            result?: { data: { items: unknown[]; nextCursor: unknown } };
          }[];
          body.forEach((b, k) => {
            const d = b.result?.data;
            if (names[k] !== 'reports.list' || !d || inputs[String(k)]?.limit !== 500) return;
            if (rest.has(String(k))) d.items = d.items.slice(1);
            else if (d.items.length > 1) {
              d.items = d.items.slice(0, 1);
              d.nextCursor = REST;
            }
          });
          await route.fulfill({ response: res, json: body });
        });
        const asked: string[] = [];
        page.on('request', (r) => {
          const m = /\/trpc\/([^?]+)/.exec(r.url());
          if (m) asked.push(...decodeURIComponent(m[1]!).split(','));
        });
        await page.reload();
        await page.waitForSelector('.region-table tbody tr');
        await expect.poll(summary, ANSWER).toContain(`已有报告 ${all} 份`);
        expect(await page.locator('.region-table tbody tr .muted:has-text("未创建")').count()).toBe(
          Number(/共 (\d+) 个机关/.exec(await summary())![1]) - all,
        );
        // 退回后重新提交 is asked once for the whole list, never a history per report.
        expect(asked).toContain('summary.resubmitted');
        expect(asked).not.toContain('reports.history');
        await page.unroute(/\/trpc\/[^?]*reports\.list/);
        // The roll-up: the sums, their doubts and last year's figures come with a few requests.
        asked.length = 0;
        await page.click('a:has-text("区域汇总与图表")');
        await page.waitForSelector('.indicators');
        await page.waitForSelector('.chart[aria-label="各机关同比"]');
        await page.waitForTimeout(1000);
        expect(asked).toContain('summary.regionLastYear');
        expect(asked).not.toContain('reports.get');
        // counts first: the agencies' names are behind a fold
        expect(await page.locator('[data-testid=included-names]').getAttribute('open')).toBeNull();
        expect(await page.locator('[data-testid=included-names] summary').textContent()).toMatch(
          /^汇总的 \d+ 个机关$/,
        );
      },
      { viewport: VIEWPORT },
    );
  });

  it('the roll-up names the summed reports with open errors or a doubtful unit, and whose blank blanks an indicator', async () => {
    await withBrowser(
      async ({ server, page }) => {
        await login(page, server.url, 'shenhe');
        await page.click('a:has-text("区域汇总与图表")');
        await page.waitForSelector('.indicators');
        const doubts = page.locator('[data-testid=rollup-doubts]');
        await expect.poll(() => doubts.textContent(), ANSWER).toContain('示例县交通运输局：跨年 4 个');
        // the draft 东山乡 (nothing typed) summed too: the blank indicators say it is the cause
        await page.check('input[name=status-draft]');
        await expect
          .poll(() => page.locator('.indicators .blank-cause').first().textContent(), ANSWER)
          .toBe('：空白来自 东山乡人民政府');
        expect(await doubts.textContent()).toContain('西河街道办事处：金额单位存疑');
        // the agencies' chart grows with them (horizontal bars), never under 320 px
        const h = await page
          .locator('.chart[aria-label="各机关同比"]')
          .evaluate((e) => e.getBoundingClientRect().height);
        expect(h).toBeGreaterThanOrEqual(320);
        await shot(page, 'review-rollup-1366');
        // a year with no report to sum is a state, not an error: said plainly, not in red
        await page.goto(page.url().replace(/year=\d{4}/, 'year=2019'));
        const none = page.locator('p:has-text("没有可汇总的报告")');
        await none.waitFor();
        expect(await none.getAttribute('class')).toBe('notice');
      },
      { viewport: VIEWPORT },
    );
  });

  it('问题清单 follows the list’s filters (name, 只看有错误的, 未创建); the editor’s 下载 gives one report’s', async () => {
    await withBrowser(
      async ({ server, page }) => {
        await login(page, server.url, 'shenhe');
        await page.waitForSelector('.region-table tbody tr');
        const csvOf = async (): Promise<string[][]> => {
          await page.click('button[name=export-findings-more]');
          const [download] = await Promise.all([
            page.waitForEvent('download'),
            page.click('[role=menuitem][data-download=csv]'),
          ]);
          expect(download.suggestedFilename()).toMatch(/^示例县人民政府-\d{4}-问题清单\.csv$/);
          // the agency (3rd) and level (5th) of each row; no field of these rows holds a comma
          const text = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '');
          return text
            .trim()
            .split('\n')
            .slice(1)
            .map((line) => line.split(','))
            .filter((f) => /^\d+$/.test(f[0] ?? ''))
            .map((f) => [f[2]!, f[4]!]);
        };
        await page.fill('input[name=name-filter]', '局');
        await page.check('input[name=errors-only]');
        await expect.poll(() => agencies(page), ANSWER).toEqual(['示例县交通运输局', '示例县教育局']);
        const filtered = await csvOf();
        expect([...new Set(filtered.map(([a]) => a))]).toEqual(['示例县交通运输局', '示例县教育局']);
        expect(filtered.some(([, level]) => level === '未创建')).toBe(false);
        // 未创建: the agencies without a report, each a row
        await page.fill('input[name=name-filter]', '');
        await page.uncheck('input[name=errors-only]');
        await page.selectOption('select[name=status-filter]', 'none');
        await expect.poll(() => agencies(page), ANSWER).toEqual(['坑仔口镇人民政府']);
        expect(await csvOf()).toEqual([['坑仔口镇人民政府', '未创建']]);
        // one report's list from the editor's 下载 ▾
        await page.selectOption('select[name=status-filter]', '');
        await openReport(page, '示例县教育局');
        await page.click('button.download-toggle');
        const [one] = await Promise.all([
          page.waitForEvent('download'),
          page.click('[role=menuitem][data-download=findings]'),
        ]);
        expect(one.suggestedFilename()).toMatch(/^示例县教育局-\d{4}-问题清单\.xlsx$/);
        expect(
          readFileSync(await one.path())
            .subarray(0, 2)
            .toString('latin1'),
        ).toBe('PK');
      },
      { viewport: VIEWPORT },
    );
  });
});
