import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  cellValue,
  hasChromium,
  launch,
  login,
  logout,
  PASSWORD,
  pasteAt,
  ROOT,
  saveStateText,
  serverReport,
  shot,
  startServer,
  waitSaved,
  withBrowser,
} from './support.js';

if (!hasChromium) console.warn('跳过网页端端到端测试：没有 /usr/bin/chromium（apt-get install -y chromium）');

const focusedName = (page: Page) =>
  page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name ?? '');
const statusText = (page: Page) => page.locator('.editor-bar .status').textContent();

/** Type into a cell from scratch and leave it with Tab. */
async function typeCell(page: Page, id: string, text: string) {
  await page.locator(`input[name="${id}"]`).click();
  await page.keyboard.type(text);
  await page.keyboard.press('Tab');
}

async function openFirstReport(page: Page, agency?: string) {
  if (agency) await page.locator(`tr[data-agency="${agency}"] a:has-text("查看")`).click();
  else await page.locator('.report-list a:has-text("打开")').first().click();
  await page.waitForSelector('input[name="applications.newReceived.naturalPerson"]');
}

async function submit(page: Page) {
  await page.locator('.workflow button', { hasText: '提交审核' }).first().click();
  const confirm = page.locator('.workflow button', { hasText: '确认提交审核' });
  if (await confirm.count()) await confirm.click();
  await page.waitForFunction(() => document.querySelector('.editor-bar .status')?.textContent === '已提交');
}

/** 表三 from 二、上年结转 to 四、结转下年度继续办理, six applicant columns (the 总计 column is computed). */
function pasteBlockText(): string {
  const zeros = ['0', '0', '0', '0', '0', '0'];
  const rows: string[][] = [
    ['1', '0', '0', '0', '0', '0'], // 二、上年结转
    ['3', '1', '0', '0', '0', '0'], // （一）予以公开
    ['1', '0', '0', '0', '0', '0'], // （二）部分公开
    ...Array.from({ length: 8 + 3 + 5 + 3 }, () => zeros), // （三）–（六）
    ['4', '1', '0', '0', '0', '0'], // （七）总计 (equal to the parts: stays computed)
    ['2', '0', '0', '0', '0', '0'], // 四、结转下年度继续办理
  ];
  return `${rows.map((r) => r.join('\t')).join('\r\n')}\r\n`;
}

describe.skipIf(!hasChromium)('web app in Chromium against the built server', () => {
  it('填报人 fills 表三 by keyboard and paste, fixes a 勾稽 error, saves; 审核人 returns; resubmit, approve, publish', async () => {
    await withBrowser(async ({ server, page }) => {
      await login(page, server.url, 'dongshan');
      await page.waitForSelector('.report-list');
      await shot(page, '01-staff-home-1280');
      await openFirstReport(page);

      // Keyboard: type row 一 with Tab; Tab skips the computed 总计 and wraps to the next row.
      await page.locator('input[name="applications.newReceived.naturalPerson"]').click();
      for (const v of ['5', '1', '0', '0', '0', '0']) {
        await page.keyboard.type(v);
        await page.keyboard.press('Tab');
      }
      expect(await focusedName(page)).toBe('applications.carriedOver.naturalPerson');
      expect(await cellValue(page, 'applications.newReceived.total')).toBe('6');
      await page.keyboard.press('ArrowUp');
      expect(await focusedName(page)).toBe('applications.newReceived.naturalPerson');
      await page.keyboard.press('Enter');
      expect(await focusedName(page)).toBe('applications.carriedOver.naturalPerson');
      // Numbers only: a refused text stays as typed, marked, never stored; Esc puts the cell back.
      await page.keyboard.type('x');
      expect(await cellValue(page, 'applications.carriedOver.naturalPerson')).toBe('x');
      expect(await page.locator('input[name="applications.carriedOver.naturalPerson"].refused').count()).toBe(
        1,
      );
      await page.keyboard.press('Escape');
      expect(await cellValue(page, 'applications.carriedOver.naturalPerson')).toBe('');
      // 「1.5」 in a 件数 cell is neither 15 nor the 1 typed before the point: Tab holds it in the cell to
      // mend, said; a second Tab leaves, puts back what it held before the edit (blank here), and says so.
      await page.keyboard.type('1.5');
      expect(await cellValue(page, 'applications.carriedOver.naturalPerson')).toBe('1.5');
      await page.keyboard.press('Tab');
      expect(await focusedName(page)).toBe('applications.carriedOver.naturalPerson');
      expect(await cellValue(page, 'applications.carriedOver.naturalPerson')).toBe('1.5');
      expect(await page.locator('.notice.toast').textContent()).toContain('未接受“1.5”');
      await page.keyboard.press('Tab');
      expect(await cellValue(page, 'applications.carriedOver.naturalPerson')).toBe('');
      expect(await page.locator('.notice.toast').textContent()).toContain('已放弃无效输入“1.5”');
      await page.locator('input[name="applications.carriedOver.naturalPerson"]').click();
      await page.keyboard.press('Delete');
      expect(await cellValue(page, 'applications.carriedOver.naturalPerson')).toBe('');
      // No keyboard trap: Tab from the last cell of 表四 leaves the grid, Shift+Tab comes back.
      const lastCell = await page.evaluate(() => {
        const cells = [...document.querySelectorAll<HTMLInputElement>('input[data-cell]')].filter(
          (i) => !i.readOnly,
        );
        return cells.at(-1)!.name;
      });
      await page.locator(`input[name="${lastCell}"]`).focus();
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.hasAttribute('data-cell'))).toBe(false);
      await page.keyboard.press('Shift+Tab');
      expect(await focusedName(page)).toBe(lastCell);

      // Paste a block copied from Excel at the cursor.
      await pasteAt(page, 'applications.carriedOver.naturalPerson', pasteBlockText());
      await page.waitForSelector('[data-testid=paste-result]');
      expect(await page.locator('[data-testid=paste-result]').textContent()).toContain(
        '覆盖 144 个单元格，其中 144 个数值有变化，另有 24 个合计随之重新计算',
      );
      expect(await cellValue(page, 'applications.granted.total')).toBe('4');
      expect(await cellValue(page, 'applications.resultTotal.total')).toBe('5');
      expect(await cellValue(page, 'applications.carriedForward.naturalPerson')).toBe('2');
      await shot(page, '02-paste-1280');

      // Moving up by keyboard scrolls each cell into view below the sticky bars, never under them.
      await page.locator('input[name="applications.carriedForward.naturalPerson"]').click();
      const hidden: string[] = [];
      for (let i = 0; i < 30; i++) {
        await page.keyboard.press('ArrowUp');
        const under = await page.evaluate(() => {
          const cell = (document.activeElement as HTMLElement).getBoundingClientRect();
          const bars = ['.editor-bar', '.cell-bar'].map(
            (s) => document.querySelector(s)?.getBoundingClientRect().bottom ?? 0,
          );
          return cell.top < Math.max(...bars) ? (document.activeElement as HTMLInputElement).name : '';
        });
        if (under) hidden.push(under);
      }
      expect(hidden).toEqual([]);

      // A 勾稽 error on the right cells …
      await page.locator('input[name="applications.carriedForward.naturalPerson"]').click();
      await page.keyboard.type('3');
      const t3b = page.locator('.finding[data-rule="T3-B"]');
      await t3b.first().waitFor();
      await expect
        .poll(() =>
          page.locator('input[name="applications.carriedForward.naturalPerson"]').getAttribute('class'),
        )
        .toContain('st-error');
      expect(
        await page.locator('input[name="applications.newReceived.naturalPerson"]').getAttribute('class'),
      ).toContain('st-error');
      await t3b.first().click(); // moves the cursor to its first cell (on the next frame)
      await expect.poll(() => focusedName(page)).toMatch(/^applications\./);
      await shot(page, '03-finding-1280');

      // … gone after the suggested fix, back after undo, gone again.
      await page.locator('.fixes button:has-text("应用此修正")').first().click();
      await expect.poll(() => t3b.count()).toBe(0);
      await page.locator('.fix-applied button:has-text("撤销")').click();
      await expect.poll(() => t3b.count()).toBeGreaterThan(0);
      await page.locator('.fixes button:has-text("应用此修正")').first().click();
      await expect.poll(() => t3b.count()).toBe(0);
      const fixedNatural = await cellValue(page, 'applications.carriedForward.naturalPerson');
      const fixedNew = await cellValue(page, 'applications.newReceived.naturalPerson');

      // Autosave, reload: the numbers are there.
      await waitSaved(page);
      await page.reload();
      await page.waitForSelector('input[name="applications.newReceived.naturalPerson"]');
      expect(await cellValue(page, 'applications.newReceived.naturalPerson')).toBe(fixedNew);
      expect(await cellValue(page, 'applications.carriedForward.naturalPerson')).toBe(fixedNatural);
      expect(await cellValue(page, 'applications.granted.commercialEnterprise')).toBe('1');
      expect(await page.locator('.finding[data-rule="T3-B"]').count()).toBe(0);

      // 一、总体情况 written (left empty it is an error, S2), then back to the tables.
      await page.locator('.tab:has-text("正文")').click();
      await page
        .locator('textarea[name="sections.overview"]')
        .fill('本乡认真贯彻落实《中华人民共和国政府信息公开条例》，政府信息公开工作有序推进。');
      await waitSaved(page);
      await page.locator('.tab:has-text("表格")').click();

      await submit(page);
      await logout(page);

      // 审核人: the region, then return with a comment.
      await login(page, server.url, 'shenhe');
      await page.waitForSelector('.region-table');
      expect(await page.locator('tr[data-agency="东山乡人民政府"] .status').textContent()).toBe('已提交');
      await shot(page, '04-reviewer-region-1280');
      await openFirstReport(page, '东山乡人民政府');
      expect(
        await page.locator('input[name="applications.newReceived.naturalPerson"]').getAttribute('readonly'),
      ).not.toBeNull();
      await page.locator('button:has-text("退回修改")').click();
      await page.fill('textarea[name=review-comment]', '请补充表二“行政许可”的处理决定数量。');
      await page.locator('.return-form button[type=submit]').click();
      await page.waitForFunction(
        () => document.querySelector('.editor-bar .status')?.textContent === '已退回',
      );
      await shot(page, '05-reviewer-returned-1280');
      await logout(page);

      // 填报人 sees the comment — already in the list of their reports — fixes, resubmits.
      await login(page, server.url, 'dongshan');
      await page.waitForSelector('.report-list');
      expect(await page.locator('.report-list .review-comment-line').first().textContent()).toBe(
        '审核意见：请补充表二“行政许可”的处理决定数量。',
      );
      await openFirstReport(page);
      expect(await page.locator('.review-comment').textContent()).toContain('行政许可');
      await page.locator('input[name="activeDisclosure.licensing.decisions"]').click();
      await page.keyboard.type('7');
      await waitSaved(page);
      await submit(page);
      await logout(page);

      // 审核人 approves and publishes.
      await login(page, server.url, 'shenhe');
      await openFirstReport(page, '东山乡人民政府');
      await page.locator('button:has-text("审核通过")').click();
      await page.waitForFunction(
        () => document.querySelector('.editor-bar .status')?.textContent === '已通过',
      );
      await page.locator('.workflow button:has-text("发布…")').click();
      await page.locator('.workflow button:has-text("确认发布")').click();
      await page.waitForFunction(
        () => document.querySelector('.editor-bar .status')?.textContent === '已发布',
      );
      expect(await statusText(page)).toBe('已发布');
      await page.locator('.tab:has-text("历史版本")').click();
      await page.waitForSelector('.events li');
      expect(await page.locator('.events').textContent()).toContain('请补充表二');
      // Every step of the workflow is listed, the reviewer's own approve and publish included.
      expect(await page.locator('.events li b').allTextContents()).toEqual([
        '提交审核',
        '退回',
        '提交审核',
        '审核通过',
        '发布',
      ]);
      // The diff opens on what changed since the version the reviewer returned (the 7 typed into 行政许可),
      // not on the last two autosaves; the version table says which version each step was.
      await expect
        .poll(() => page.locator('.history h2', { hasText: '的差异' }).textContent())
        .toContain('（自退回时的版本以来的修改）');
      expect(await page.locator('.history').textContent()).toContain('行政许可');
      expect((await page.locator('.history td.steps').allTextContents()).join('|')).toContain('退回');
      await shot(page, '06-history-1280');

      // A correction of the published report: edited in correction mode, a reason required, published
      // as a new version, listed in the 流转记录 with its reason, kept after a reload.
      await page.locator('.tab:has-text("表格")').click();
      const licensing = page.locator('input[name="activeDisclosure.licensing.decisions"]');
      expect(await licensing.getAttribute('readonly')).not.toBeNull();
      const publishedBefore = Number(
        (await page.locator('.workflow .ok').textContent())!.match(/第 (\d+) 版/)![1],
      );
      await page.locator('[data-testid=start-correction]').click();
      expect(await licensing.getAttribute('readonly')).toBeNull();
      await licensing.click();
      await page.keyboard.type('8');
      const submitCorrection = page.locator('.correction-panel button:has-text("提交更正")');
      expect(await submitCorrection.isDisabled()).toBe(true); // no reason yet
      await page.fill(
        'textarea[name=correction-reason]',
        '表二“行政许可”处理决定数量应为 8 件，原误填为 7 件。',
      );
      await shot(page, '06b-correction-1280');
      await submitCorrection.click();
      await page.waitForSelector('.correction-panel', { state: 'detached' });
      await expect
        .poll(() => page.locator('.workflow .ok').textContent())
        .toContain(`第 ${publishedBefore + 1} 版`);
      expect(await statusText(page)).toBe('已发布');
      await page.reload();
      await page.waitForSelector('input[name="activeDisclosure.licensing.decisions"]');
      expect(await cellValue(page, 'activeDisclosure.licensing.decisions')).toBe('8');
      await page.locator('.tab:has-text("历史版本")').click();
      await page.waitForSelector('.events li');
      expect((await page.locator('.events li b').allTextContents()).at(-1)).toBe('更正');
      expect(await page.locator('.events').textContent()).toContain('原误填为 7 件');

      // Roll-up with charts.
      await page.click('a:has-text("本地区报告")');
      await page.click('a:has-text("区域汇总与图表")');
      await page.waitForSelector('.indicators');
      await expect.poll(() => page.locator('.chart canvas').count()).toBe(4);
      await page.waitForTimeout(800);
      await shot(page, '07-rollup-1280');

      // The roll-up as Word and Excel, rendered by the server (export.region).
      for (const format of ['docx', 'xlsx'] as const) {
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.click(`.rollup [data-download=${format}]`),
        ]);
        const bytes = readFileSync(await download.path());
        expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
        expect(download.suggestedFilename()).toMatch(new RegExp(`汇总\\.${format}$`));
      }

      // The roll-up's CSV is open data in the long format, and its button says so.
      const csv = page.locator('.rollup [data-download=csv]');
      expect(await csv.textContent()).toBe('导出汇总（开放数据 CSV 长表）');
      expect(await csv.getAttribute('title')).toContain('不是表格');

      // Who the sums do not see is said: the region's drafts (not in the statuses chosen).
      expect(await page.locator('[data-testid=not-counted]').textContent()).toMatch(
        /^未计入（状态不在所选范围）：.*（草稿）/,
      );
      // Drafts too: a blank cell of one report leaves that cell of the sums blank; the reviewer may
      // leave such reports out, and they are named as left out until restored.
      await page.locator('input[name=status-draft]').check();
      await expect
        .poll(() =>
          page
            .locator('[data-testid=not-counted]')
            .textContent()
            .catch(() => ''),
        )
        .not.toContain('（草稿）');
      const excludeBlank = page.locator('[data-action=exclude-blank]');
      await excludeBlank.waitFor();
      const summed = async () =>
        Number((await page.locator('.rollup p.muted').first().textContent())!.match(/汇总了 (\d+) 份/)![1]);
      const before = await summed();
      const leftOut = Number((await excludeBlank.textContent())!.match(/不计这 (\d+) 份/)![1]);
      await excludeBlank.click();
      await page.locator('[data-testid=excluded]').waitFor();
      await expect.poll(summed).toBe(before - leftOut);
      expect(await page.locator('.rollup p.muted').first().textContent()).not.toContain('个单元格未汇总');
      await shot(page, '07b-rollup-excluded-1280');
      await page.locator('[data-testid=excluded] button:has-text("全部恢复")').click();
      await expect.poll(summed).toBe(before);

      // 更正公告, signed in: the row links to the report it corrected (the reviewer may open it).
      await page.locator('.app-header nav a:has-text("更正公告")').click();
      const row = page.locator('table.corrections tr[data-agency="东山乡人民政府"]');
      const open = row.locator('a:has-text("查看报告")');
      await open.waitFor();
      await shot(page, '19a-corrections-signed-in-1280');
      await open.click();
      await page.waitForSelector('input[name="activeDisclosure.licensing.decisions"]');
      expect(await page.locator('.title-line h1').textContent()).toContain('东山乡人民政府');
      expect(await statusText(page)).toBe('已发布');
      expect(await cellValue(page, 'activeDisclosure.licensing.decisions')).toBe('8');

      // The correction is public: 更正公告 lists it with its reason, without logging in, and links
      // to the report as published (no editor link: the editor opens after a login).
      await logout(page);
      await page.click('a:has-text("年度报告更正公告")');
      const corrected = page.locator('table.corrections tr[data-agency="东山乡人民政府"]');
      await corrected.waitFor();
      expect(await corrected.textContent()).toContain('原误填为 7 件');
      expect(await corrected.textContent()).toContain(`第 ${publishedBefore + 1} 版`);
      expect(await corrected.locator('a').allTextContents()).toEqual(['查看已发布的报告']);
      await shot(page, '19-corrections-public-1280');
    });
  }, 240_000);

  it('审核人 dismisses a finding with a reason: it stops counting, here and in the region; an edit of what it depends on reopens it', async () => {
    const server = await startServer();
    let browser: Awaited<ReturnType<typeof launch>> | undefined;
    try {
      browser = await launch();
      const { page } = browser;
      const warnings = () => page.locator('.findings .count[data-severity=warning] b').textContent();
      const regionWarnings = () =>
        page.locator('tr[data-agency="西河街道办事处"] td:nth-child(3)').textContent();
      const n = (t: string | null) => Number(t?.match(/警告\s*(\d+)/)?.[1] ?? 0);
      await login(page, server.url, 'shenhe');
      await page.waitForSelector('tr[data-agency="西河街道办事处"]');
      // The row comes with the region tree, its counts with the report list: wait for those.
      await expect.poll(async () => n(await regionWarnings())).toBeGreaterThan(0);
      const regionBefore = await regionWarnings();
      await openFirstReport(page, '西河街道办事处');
      // The demo's 西河街道 wrote only 「无。」 in section 五: N5.
      const n5 = page.locator('li[data-finding-key^="N5|"]');
      await n5.locator('button:has-text("忽略…")').waitFor();
      const before = Number(await warnings());
      await n5.locator('button:has-text("忽略…")').click();
      const submitButton = n5.locator('.triage-form button[type=submit]');
      expect(await submitButton.isDisabled()).toBe(true); // a reason is required
      await n5.locator('input[name=triage-reason]').fill('本年度确无需要报告的问题，已与填报人核实');
      await submitButton.click();
      await expect.poll(() => n5.getAttribute('class')).toBe('triaged dismissed active');
      expect(await n5.locator('.triage-note').textContent()).toContain('已忽略：本年度确无需要报告的问题');
      expect(Number(await warnings())).toBe(before - 1);
      expect(await page.locator('.dismissed-count').textContent()).toContain('1 条已忽略');
      await shot(page, '17-triage-1280');
      // The region's counts are the server's: one warning fewer there too.
      await page.click('a:has-text("本地区报告")');
      await page.waitForSelector('tr[data-agency="西河街道办事处"]');
      await expect.poll(async () => n(await regionWarnings())).toBe(n(regionBefore) - 1);
      await logout(page);

      // The 填报人 changes the text N5 looked at, still not a real section 五: the decision reopens.
      await login(page, server.url, 'xihe');
      await openFirstReport(page);
      await page.locator('.tab:has-text("正文")').click();
      await page.fill('textarea[name="sections.problems"]', '无');
      await waitSaved(page);
      await page.locator('.tab:has-text("表格")').click();
      await expect.poll(() => n5.getAttribute('class')).toBe('triaged dismissed reopened');
      expect(await n5.locator('.triage-note').textContent()).toContain('相关数据已改动，请重新处理');
      expect(Number(await warnings())).toBe(before);
    } finally {
      await browser?.close();
      await server.stop();
    }
  }, 120_000);

  it('审核人 sees the errors a 填报人 dismissed, filters and refreshes the region list; a late 发布 counts on the report page as in the list (F3)', async () => {
    await withBrowser(async ({ server, page }) => {
      // 教育局's 填报人 dismisses every error of the report (「已核实无误」) and submits it.
      await login(page, server.url, 'jiaoyu');
      await openFirstReport(page);
      let dismissed = 0;
      for (let i = 0; i < 6; i++) {
        const open = page.locator('li:has(.finding.sev-error):not(.triaged)').first();
        if (!(await open.count())) break;
        const key = (await open.getAttribute('data-finding-key'))!;
        const li = page.locator(`li[data-finding-key="${key}"]`);
        await li.locator('button:has-text("忽略…")').click();
        // the reason is typed at once: the form opens with it focused
        expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('triage-reason');
        await li.locator('input[name=triage-reason]').fill('已核实无误');
        await li.locator('.triage-form button[type=submit]').click();
        await expect.poll(() => li.getAttribute('class')).toBe('triaged dismissed active');
        dismissed++;
      }
      expect(dismissed).toBeGreaterThan(0);
      await submit(page);
      await logout(page);

      // The reviewer: the row says so, and the page says how many reports had errors dismissed.
      await login(page, server.url, 'shenhe');
      const row = page.locator('tr[data-agency="示例县教育局"]');
      await expect
        .poll(async () => (await row.locator('td:nth-child(3)').textContent()) ?? '')
        .toContain(`已忽略错误 ${dismissed}`);
      expect(await page.locator('p.muted', { hasText: '共' }).textContent()).toContain(
        '份的错误被标记为“忽略”（请查看理由）',
      );
      await shot(page, '46-region-dismissed-1280');
      // Filters: 已提交 only, then errors only (open, cross-year or dismissed).
      const agencies = () =>
        page
          .locator('.region-table tbody tr')
          .evaluateAll((rs) => rs.map((r) => r.getAttribute('data-agency')));
      const all = await agencies();
      await page.selectOption('select[name=status-filter]', 'submitted');
      await expect.poll(async () => (await agencies()).length).toBeLessThan(all.length);
      expect(await agencies()).toContain('示例县教育局');
      for (const st of await page.locator('.region-table tbody tr td:nth-child(2)').allTextContents())
        expect(st).toBe('已提交');
      await page.selectOption('select[name=status-filter]', '');
      await page.check('input[name=errors-only]');
      expect(await agencies()).toContain('示例县教育局');
      for (const f of await page.locator('.region-table tbody tr td:nth-child(3)').allTextContents())
        expect(f).toMatch(/错误|跨年|已忽略错误/);
      await page.uncheck('input[name=errors-only]');

      // Another 填报人 submits meanwhile (over the API): 刷新 shows it without a reload.
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
      const signIn = await api('auth.login', { username: 'xihe', password: PASSWORD });
      const cookie = signIn.cookie!.split(';')[0]!;
      const xiheRow = page.locator('tr[data-agency="西河街道办事处"]');
      const mine = (await api('reports.list', { limit: 10, offset: 0 }, cookie)).body.result!.data as {
        items: { id: string; status: string; year: number }[];
      };
      const draft = mine.items.find((x) => x.status === 'draft' || x.status === 'returned');
      expect(draft).toBeDefined(); // the demo's 西河街道 report is a draft
      expect(await xiheRow.locator('td:nth-child(2)').textContent()).not.toBe('已提交');
      await api('reports.submit', { id: draft!.id }, cookie);
      await page.click('button:has-text("刷新")');
      await expect.poll(() => xiheRow.locator('td:nth-child(2)').textContent()).toBe('已提交');

      // Open data holds only what has been published: nothing yet.
      await page.click('button:has-text("导出开放数据")');
      await expect
        .poll(() => page.locator('p.error-text').textContent())
        .toContain('还没有已发布的报告：开放数据只包括已发布的报告');

      // 城关镇 (已通过) published now, long after its deadline: the report page shows the F1 error
      // the list counts.
      await openFirstReport(page, '城关镇人民政府');
      await page.locator('.workflow button', { hasText: '发布…' }).click();
      await page.locator('.workflow button', { hasText: '确认发布' }).click();
      await page.waitForFunction(
        () => document.querySelector('.editor-bar .status')?.textContent === '已发布',
      );
      // (Late from February on: the demo's reports are of last year, due by 31 January; a 乡镇's
      // deadline is F3's.)
      if (new Date().getUTCMonth() >= 1)
        await expect.poll(() => page.locator('li[data-finding-key^="F3|"]').count()).toBe(1);
      const onPage = Number(await page.locator('.findings .count[data-severity=error] b').textContent());
      await page.click('a:has-text("本地区报告")');
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.click('button:has-text("导出开放数据")'),
      ]);
      // Streamed by GET /export/opendata, saved under the server's file name.
      expect(download.suggestedFilename()).toMatch(/\.csv$/);
      const csv = readFileSync((await download.path())!, 'utf8');
      expect(csv.split('\n')[0]).toMatch(/,published_on\r?$/);
      expect(csv).toContain('城关镇人民政府');
      expect(csv).not.toContain('示例县教育局'); // submitted, not published
      const cg = page.locator('tr[data-agency="城关镇人民政府"] td:nth-child(3)');
      await expect
        .poll(async () => Number((await cg.textContent())?.match(/错误\s*(\d+)/)?.[1] ?? 0))
        .toBe(onPage);
    });
  }, 180_000);

  it('a deployment without the demo: the first 管理员 sets up agencies, a user and the rules; the new 填报人 works with them', async () => {
    const server = await startServer({ NIANBAO_SEED: 'off', NIANBAO_ADMIN_PASSWORD: PASSWORD });
    let browser: Awaited<ReturnType<typeof launch>> | undefined;
    try {
      expect(server.log()).toContain('已创建管理员账号 admin');
      browser = await launch();
      const { page } = browser;
      await login(page, server.url, 'admin');
      await page.click('a:has-text("在“管理”中新建本地区的机关和用户")');
      await page.waitForSelector('.admin-page');
      // 机关: the county, then a township under it (kind and level inferred from the name).
      await page.fill('input[name=new-agency-name]', '某某县人民政府');
      await page.click('button:has-text("新建机关")');
      await page.waitForSelector('.agency-tree li[data-agency="某某县人民政府"]');
      await page
        .locator('.agency-tree li[data-agency="某某县人民政府"] button:has-text("在其下新建")')
        .click();
      await page.fill('input[name=new-agency-name]', '某某镇人民政府');
      await page.click('button:has-text("新建机关")');
      const town = page.locator('.agency-tree li[data-agency="某某镇人民政府"]');
      await town.waitFor();
      expect(await town.textContent()).toContain('人民政府 · 乡镇级');
      // A department renamed and reclassified in place.
      await page.fill('input[name=new-agency-name]', '某某县交通局');
      await page.click('button:has-text("新建机关")');
      const dept = page.locator('.agency-tree li[data-agency="某某县交通局"]');
      await dept.locator('button:has-text("修改")').click();
      await dept.locator('input[name=edit-agency-name]').fill('某某县交通运输局');
      await dept.locator('button:has-text("保存")').click();
      const renamed = page.locator('.agency-tree li[data-agency="某某县交通运输局"]');
      await renamed.waitFor();
      expect(await renamed.textContent()).toContain('政府部门 · 县级');
      // Mistakes mended: a township is no department's; a department made under the township is
      // moved under the county; an agency made by mistake is deleted.
      await renamed.locator('button:has-text("在其下新建")').click();
      await page.fill('input[name=new-agency-name]', '某某乡人民政府');
      await page.click('button:has-text("新建机关")');
      await expect
        .poll(() => page.locator('.admin-page .error-text').first().textContent())
        .toContain('人民政府不能设在政府部门（某某县交通运输局）之下');
      await town.locator('button:has-text("在其下新建")').click();
      await page.fill('input[name=new-agency-name]', '某某县统计局');
      await page.click('button:has-text("新建机关")');
      const stats = page.locator('.agency-tree li[data-agency="某某县统计局"]');
      await stats.waitFor();
      const indent = () => stats.evaluate((el) => Number.parseFloat(getComputedStyle(el).paddingLeft));
      const deep = await indent();
      await stats.locator('button:has-text("修改")').click();
      await stats.locator('select[name=edit-agency-parent]').selectOption({ label: '某某县人民政府' });
      await stats.locator('button:has-text("保存")').click();
      await expect.poll(indent).toBeLessThan(deep);
      page.once('dialog', (d) => void d.accept());
      await stats.locator('button:has-text("删除")').click();
      await expect.poll(() => stats.count()).toBe(0);
      // 用户: a 填报人 of the township.
      await page.fill('input[name=new-user-username]', 'mouzhen');
      await page.fill('input[name=new-user-display-name]', '某某镇 填报员');
      await page.fill('input[name=new-user-password]', PASSWORD);
      await page.selectOption('select[name=new-user-agency]', { label: '　某某镇人民政府' });
      await page.click('button:has-text("新建用户")');
      await page.waitForSelector('table.users tr[data-user=mouzhen]');
      expect(await page.locator('table.users tr[data-user=mouzhen]').textContent()).toContain(
        '某某镇人民政府',
      );
      // The 填报人 lost the initial password: 重设密码.
      const row = page.locator('table.users tr[data-user=mouzhen]');
      await row.locator('button:has-text("重设密码")').click();
      await row.locator('input[name=reset-password]').fill('reset-by-admin-3');
      await row.locator('button:has-text("重设")').click();
      await page.waitForSelector('text=已重设 mouzhen 的密码');
      // Someone at the county becomes its reviewer: 修改 changes role and agency in place.
      await page.fill('input[name=new-user-username]', 'mouxian');
      await page.fill('input[name=new-user-display-name]', '某某县 工作人员');
      await page.fill('input[name=new-user-password]', PASSWORD);
      await page.selectOption('select[name=new-user-agency]', { label: '　某某县交通运输局' });
      await page.click('button:has-text("新建用户")');
      const xian = page.locator('table.users tr[data-user=mouxian]');
      await xian.waitFor();
      await xian.locator('button:has-text("修改")').click();
      await xian.locator('select[name=change-user-role]').selectOption('reviewer');
      await xian.locator('select[name=change-user-agency]').selectOption({ label: '某某县人民政府' });
      await xian.locator('button:has-text("保存")').click();
      await page.waitForSelector('text=已修改 mouxian');
      await expect.poll(() => xian.textContent()).toContain('审核人');
      expect(await xian.textContent()).toContain('某某县人民政府');
      // 检查规则: N5 off for this deployment.
      await page.selectOption('select[name=rule-N5]', 'off');
      // A rule's option (T3-W1's ratio): a wrong value is refused with the reason, a right one kept.
      await page.fill('input[name="rule-T3-W1-maxRatio"]', '-5');
      await page.click('button:has-text("保存规则配置")');
      await page.waitForSelector('tr[data-rule="T3-W1"] .error-text:has-text("应大于 0、不大于 1")');
      await page.fill('input[name="rule-T3-W1-maxRatio"]', '0.3');
      await page.click('button:has-text("保存规则配置")');
      await page.waitForSelector('text=规则配置已保存');
      await page.evaluate(() => window.scrollTo(0, 0));
      await shot(page, '18-admin-1280');
      // 账号: an API token, shown once, works, then revoked.
      await page.click('a:has-text("账号")');
      await page.fill('input[name=token-name]', '统计系统对接');
      await page.click('button:has-text("创建令牌")');
      const token = (await page.locator('[data-testid=new-token]').textContent())!;
      expect(token).toMatch(/^nbt_/);
      const me = async () =>
        (await fetch(`${server.url}/trpc/auth.me`, { headers: { authorization: `Bearer ${token}` } })).json();
      expect((await me()).result.data.username).toBe('admin');
      await page.locator('tr[data-token="统计系统对接"] button:has-text("撤销")').click();
      await expect
        .poll(() => page.locator('tr[data-token="统计系统对接"]').textContent())
        .toContain('已撤销');
      expect((await me()).result.data).toBeNull();
      await logout(page);

      // The new 填报人 (with the password the admin set): starts the township's report; N5 (section
      // 五 empty) is off, others still run.
      await page.fill('input[name=username]', 'mouzhen');
      await page.fill('input[name=password]', 'reset-by-admin-3');
      await page.click('button[type=submit]');
      // A password a 管理员 set is replaced first (nothing else is shown until then).
      await page.waitForSelector('[data-testid=first-password]');
      await page.fill('input[name=current-password]', 'reset-by-admin-3');
      await page.fill('input[name=new-password]', 'my-own-password-1');
      await page.fill('input[name=new-password-again]', 'my-own-password-1');
      await page.click('button:has-text("设置密码并进入系统")');
      await page.waitForSelector('.app-header');
      await page
        .locator('button', { hasText: /^(新建|打开) \d{4} 年度报告$/ })
        .first()
        .click();
      await page.waitForSelector('input[name="applications.newReceived.naturalPerson"]');
      await page.waitForSelector('.finding[data-rule="N3"]');
      expect(await page.locator('.finding[data-rule="N5"]').count()).toBe(0);
      // A draft never handed in can be deleted (asked first); the year is free again.
      const reportUrl = page.url();
      await page.click('[data-testid=delete-draft]');
      await page.click('button:has-text("确认删除")');
      await page.waitForFunction(() => !location.hash.startsWith('#/report/'));
      await page.goto(reportUrl);
      await page.waitForSelector('text=不存在或无权查看');
      await page.goto(`${server.url}/#/`);
      await page
        .locator('button', { hasText: /^新建 \d{4} 年度报告$/ })
        .first()
        .click();
      await page.waitForSelector('input[name="applications.newReceived.naturalPerson"]');
      // …and changes the password again on the 账号 page.
      await page.click('a:has-text("账号")');
      await page.fill('input[name=current-password]', 'my-own-password-1');
      await page.fill('input[name=new-password]', 'my-own-password-2');
      await page.fill('input[name=new-password-again]', 'my-own-password-2');
      await page.click('button:has-text("修改密码")');
      await page.waitForSelector('text=密码已修改');
      await logout(page);
      await page.fill('input[name=username]', 'mouzhen');
      await page.fill('input[name=password]', 'my-own-password-2');
      await page.click('button[type=submit]');
      await page.waitForSelector('.app-header');
      await logout(page);

      // The 填报人 leaves: the admin disables the account, and its password no longer gets in.
      await login(page, server.url, 'admin');
      await page.click('a:has-text("管理")');
      const leaver = page.locator('table.users tr[data-user=mouzhen]');
      await leaver.locator('button:has-text("停用")').click();
      await leaver.locator('button:has-text("确认停用 mouzhen")').click();
      await expect.poll(() => leaver.textContent()).toContain('已停用');
      expect(await page.locator('table.users tr[data-user=admin] button:has-text("停用")').count()).toBe(0);
      await logout(page);
      await page.fill('input[name=username]', 'mouzhen');
      await page.fill('input[name=password]', 'my-own-password-2');
      await page.click('button[type=submit]');
      await page.waitForSelector('text=该账号已停用');
    } finally {
      await browser?.close();
      await server.stop();
    }
  }, 120_000);

  it('a reviewer sees what they approve: a version saved since they opened the report replaces the one on screen', async () => {
    const server = await startServer();
    let rev: Awaited<ReturnType<typeof launch>> | undefined;
    let fill: Awaited<ReturnType<typeof launch>> | undefined;
    try {
      rev = await launch();
      fill = await launch();
      const fee = 'activeDisclosure.adminFees.feeAmount';
      // The reviewer opens 西河街道's draft once (now in the browser's cache) and goes back.
      await login(rev.page, server.url, 'shenhe');
      await rev.page.click('a:has-text("本地区报告")');
      await openFirstReport(rev.page, '西河街道办事处');
      const before = await cellValue(rev.page, fee);
      await rev.page.goBack();
      await rev.page.waitForSelector('tr[data-agency="西河街道办事处"]');
      // Meanwhile the 填报人 corrects the fee and submits.
      await login(fill.page, server.url, 'xihe');
      await openFirstReport(fill.page);
      await fill.page.locator(`input[name="${fee}"]`).click();
      await fill.page.keyboard.type('20.3');
      await fill.page.keyboard.press('Enter');
      await waitSaved(fill.page);
      await submit(fill.page);
      // Opened again, the form shows the submitted version, not the cached one…
      await openFirstReport(rev.page, '西河街道办事处');
      await expect.poll(() => cellValue(rev!.page, fee), { timeout: 15_000 }).toBe('20.3');
      expect(before).not.toBe('20.3');
      // …and 审核通过 approves exactly that version.
      await rev.page.locator('.workflow button:has-text("审核通过")').click();
      await rev.page.waitForFunction(
        () => document.querySelector('.editor-bar .status')?.textContent === '已通过',
      );
    } finally {
      await rev?.close();
      await fill?.close();
      await server.stop();
    }
  }, 120_000);

  it('two edits of one report: the later save conflicts, both edits are shown side by side and merged by the user', async () => {
    const server = await startServer();
    let browser: Awaited<ReturnType<typeof launch>> | undefined;
    try {
      browser = await launch();
      const a = browser.page;
      await login(a, server.url, 'xihe');
      await openFirstReport(a);
      const b = await browser.context.newPage();
      await b.goto(a.url());
      await b.waitForSelector('input[name="applications.newReceived.naturalPerson"]');

      const lic = 'activeDisclosure.licensing.decisions';
      const pun = 'activeDisclosure.punishment.decisions';
      await a.locator(`input[name="${lic}"]`).click();
      await a.keyboard.type('11');
      await waitSaved(a);

      await b.locator(`input[name="${lic}"]`).click();
      await b.keyboard.type('12');
      await b.locator(`input[name="${pun}"]`).click();
      await b.keyboard.type('22');
      const dialog = b.locator('[role=dialog]');
      await dialog.waitFor({ timeout: 15_000 });
      expect(await dialog.textContent()).toContain('保存冲突');
      // The same user in two tabs: said so, not 「报告已被他人修改」.
      expect(await dialog.textContent()).toContain('报告已在别处修改');
      expect(await dialog.textContent()).toContain('您本人在另一个窗口或设备上');
      expect(await dialog.textContent()).not.toContain('他人');
      expect(await dialog.locator('tr.undecided').count()).toBe(1);
      // The keyboard stays in the dialog: focus on its first button; Ctrl+S behind it saves nothing.
      expect(await b.evaluate(() => !!document.activeElement?.closest('[role=dialog]'))).toBe(true);
      const saves: string[] = [];
      b.on('request', (r) => {
        if (r.url().includes('reports.save')) saves.push(r.url());
      });
      await b.keyboard.press('Control+s');
      await b.waitForTimeout(500);
      expect(saves).toEqual([]);
      expect(await dialog.count()).toBe(1);
      await shot(b, '15-conflict-1280');
      await dialog.locator(`input[type=radio][name="cell:${lic}"]`).first().check();
      await dialog.locator('button:has-text("合并并保存")').click();
      await waitSaved(b);

      await a.reload();
      await a.waitForSelector(`input[name="${lic}"]`);
      expect(await cellValue(a, lic)).toBe('12');
      expect(await cellValue(a, pun)).toBe('22');
      await a.locator('.tab:has-text("历史版本")').click();
      await a.waitForSelector('.diff-cells, .history');
    } catch (e) {
      throw new Error(`${e instanceof Error ? e.stack : String(e)}\n--- 服务日志 ---\n${server.log()}`);
    } finally {
      await browser?.close();
      await server.stop();
    }
  }, 120_000);

  it("starts next year's report prefilled from last year (结转下年度继续办理 → 上年结转); unsaved edits survive a closed tab", async () => {
    await withBrowser(async ({ server, page, browser }) => {
      await login(page, server.url, 'jiaotong');
      await page.waitForSelector('.report-list');
      // The demo's years (this reporting year and the one before) are taken and the year after has
      // not ended (the server refuses it): last year's published report, copied as the report of a
      // free earlier year, is the one the new report is prefilled from.
      const years = await page.locator('.report-list tbody tr td:first-child').allTextContents();
      const lastYear = Math.min(...years.map((t) => Number(t.match(/\d{4}/)?.[0])).filter(Boolean)) - 2;
      await page.evaluate(async (year) => {
        const call = async (path: string, input: unknown, post = false) => {
          const res = post
            ? await fetch(`/trpc/${path}`, {
                method: 'POST',
                headers: { 'content-type': 'application/json' },
                body: JSON.stringify(input),
              })
            : await fetch(`/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`);
          const body = await res.json();
          if (!res.ok) throw new Error(JSON.stringify(body));
          return body.result.data;
        };
        const list = await call('reports.list', { limit: 100, offset: 0 });
        const published = list.items.find((r: { status: string }) => r.status === 'published');
        const { report } = await call('reports.get', { id: published.id });
        const me = await call('auth.me', undefined);
        const created = await call('reports.create', { agencyId: me.agency.id, year }, true);
        await call(
          'reports.save',
          {
            id: created.id,
            expectedVersion: created.version,
            report: { ...report, meta: { ...report.meta, year } },
          },
          true,
        );
      }, lastYear);
      await page.reload();
      await page.waitForSelector('.report-list');
      await page.locator('select[name=year]').selectOption(String(lastYear + 1));
      await page.locator('button', { hasText: `新建 ${lastYear + 1} 年度报告` }).click();
      await page.waitForSelector('input[name="applications.carriedOver.naturalPerson"]');
      // The seeded 交通运输局 report (copied as lastYear's) carries forward 2 (自然人) and 1 (商业企业).
      await page.waitForFunction(() =>
        /第 2 版/.test(document.querySelector('[data-testid=save-state]')?.textContent ?? ''),
      );
      expect(await cellValue(page, 'applications.carriedOver.naturalPerson')).toBe('2');
      expect(await cellValue(page, 'applications.carriedOver.commercialEnterprise')).toBe('1');
      expect(await cellValue(page, 'applications.newReceived.naturalPerson')).toBe('');
      expect(await page.locator('.finding[data-rule="X1"]').count()).toBe(0);
      await page.locator('.tab:has-text("正文")').click();
      expect((await page.locator('textarea[name="sections.overview"]').inputValue()).length).toBeGreaterThan(
        20,
      );
      await shot(page, '16-prefilled-sections-1280');

      // Edits not yet saved when the tab goes away are kept in the browser and offered back.
      await page.locator('.tab:has-text("表格")').click();
      await page.locator('input[name="applications.newReceived.naturalPerson"]').click();
      await page.keyboard.type('9');
      await page.waitForTimeout(500); // before the autosave (1.2 s); the local copy is kept at once
      const url = page.url();
      await page.close();
      const again = await browser.context.newPage();
      await again.goto(url);
      await again.waitForSelector('[data-testid=backup-notice]');
      expect(await cellValue(again, 'applications.newReceived.naturalPerson')).toBe('');
      await again.locator('[data-testid=backup-notice] button:has-text("恢复这些修改")').click();
      await expect.poll(() => cellValue(again, 'applications.newReceived.naturalPerson')).toBe('9');
      await waitSaved(again);
      await again.reload();
      await again.waitForSelector('input[name="applications.newReceived.naturalPerson"]');
      expect(await cellValue(again, 'applications.newReceived.naturalPerson')).toBe('9');
      expect(await again.locator('[data-testid=backup-notice]').count()).toBe(0);

      // Leaving by a link at once after typing (before the autosave's moment): the edit is saved.
      await again.locator('input[name="applications.newReceived.naturalPerson"]').click();
      await again.keyboard.type('7');
      await again.click('a:has-text("我的报告")');
      await again.waitForSelector('.report-list');
      await again.waitForTimeout(1500);
      await again.goto(url);
      await again.waitForSelector('input[name="applications.newReceived.naturalPerson"]');
      await expect.poll(() => cellValue(again, 'applications.newReceived.naturalPerson')).toBe('7');
      expect(await again.locator('[data-testid=backup-notice]').count()).toBe(0);

      // The same edit made again by hand instead of restored: once it is saved, the local copy is
      // done and its notice goes (it stayed, offering edits the server already had).
      await again.locator('input[name="applications.newReceived.naturalPerson"]').click();
      await again.keyboard.type('5');
      await again.waitForTimeout(500);
      await again.close();
      const third = await browser.context.newPage();
      await third.goto(url);
      await third.waitForSelector('[data-testid=backup-notice]');
      await third.locator('input[name="applications.newReceived.naturalPerson"]').click();
      await third.keyboard.type('5');
      await waitSaved(third);
      await expect.poll(() => third.locator('[data-testid=backup-notice]').count()).toBe(0);
    });
  }, 120_000);

  it('imports the seed text, shows where each number came from, saves; downloads a valid DOCX; 1024 wide and print', async () => {
    await withBrowser(async ({ server, page }) => {
      const { SEED_REPORT_TEXT } = (await import(
        join(ROOT, 'apps', 'server', 'dist', 'demo', 'seed-text.js')
      )) as {
        SEED_REPORT_TEXT: string;
      };
      await login(page, server.url, 'dongshan');
      await page.click('a:has-text("导入已发布的报告")');
      // A file in GB18030, as many government sites serve their pages: uploaded as bytes, read as
      // the same report (the seed's numbers and names, not mojibake).
      await page.setInputFiles('input[name=import-file]', {
        name: 'seed-gbk.txt',
        mimeType: 'text/plain',
        buffer: readFileSync(join(ROOT, 'apps', 'tui', 'fixtures', 'seed-2020.gb18030.txt')),
      });
      await page.click('button:has-text("导入")');
      await page.waitForSelector('[data-testid=preview-unsaved]', { timeout: 30_000 });
      expect(await page.locator('.provenance tbody tr').count()).toBeGreaterThan(150);
      expect(await page.locator('.import-sources').textContent()).toContain('坑仔口镇');
      expect(await page.locator('.import-sources').textContent()).not.toContain('\ufffd');
      // 东山乡 importing 坑仔口镇's report is told so before anything is saved.
      expect(await page.locator('[data-testid=agency-differs]').textContent()).toContain(
        '文件中的机关为“坑仔口镇人民政府”，将作为“东山乡人民政府”的报告导入',
      );
      // Back to an empty import form for the pasted text.
      await page.reload();
      await page.waitForSelector('textarea[name=import-text]');
      await page.fill('textarea[name=import-text]', SEED_REPORT_TEXT);
      await page.click('button:has-text("导入")');
      // Preview first (import.preview): nothing saved yet, every source shown, values correctable.
      await page.waitForSelector('.import-sources', { timeout: 30_000 });
      await page.waitForSelector('[data-testid=preview-unsaved]');
      expect(await page.locator('.provenance tbody tr').count()).toBeGreaterThan(150);
      const fixed = 'reviewLitigation.litigationDirect.upheld';
      const printed = await page.locator(`input[name="preview:${fixed}"]`).inputValue();
      await page.fill(`input[name="preview:${fixed}"]`, String(Number(printed || '0') + 2));
      await shot(page, '08-import-sources-1280');
      await page.click('button:has-text("保存为草稿")');
      // Saved: the editor opens on the kept diagnostics (import.diagnostics) of version 1.
      await page.waitForSelector('.editor .import-sources', { timeout: 30_000 });
      expect(await page.locator('[data-testid=save-state]').textContent()).toContain('第 1 版');
      expect(await page.locator('.editor .provenance tbody tr').count()).toBeGreaterThan(150);
      await page.locator('.tab:has-text("表格")').click();
      await expect.poll(() => cellValue(page, fixed)).toBe(String(Number(printed || '0') + 2));

      // Correct one number and save as a new draft version.
      await page.locator('.tab:has-text("表格")').click();
      const id = 'reviewLitigation.review.upheld';
      const before = await cellValue(page, id);
      await page.locator(`input[name="${id}"]`).click();
      await page.keyboard.type(String(Number(before || '0') + 1));
      await page.locator('.bar-row button:has-text("保存")').click();
      await waitSaved(page);
      expect(await page.locator('[data-testid=save-state]').textContent()).toContain('第 2 版');
      await shot(page, '09-import-tables-1280');

      // The downloads are one menu, each said for what it is: the CSV is open data in the long
      // format (no table), and says the table is Excel.
      await page.click('button:has-text("下载 ▾")');
      const items = await page.locator('.download-list [role=menuitem] b').allTextContents();
      expect(items).toEqual([
        'Word 文档',
        'Excel 表格',
        '网页（可打印为 PDF）',
        'Markdown',
        '开放数据（CSV 长表）',
        '问题清单（Excel）',
      ]);
      expect(await page.locator('[data-download=csv]').getAttribute('title')).toContain(
        '要表格请下载“Excel 表格”',
      );
      const list = (await page.locator('.download-list').boundingBox())!;
      expect(list.x).toBeGreaterThanOrEqual(0);
      expect(list.x + list.width).toBeLessThanOrEqual(await page.evaluate(() => window.innerWidth));
      await shot(page, '09b-download-menu-1280');
      // DOCX download is a valid Word document (a zip with word/document.xml).
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.click('[data-download=docx]'),
      ]);
      const path = await download.path();
      const bytes = readFileSync(path);
      expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
      expect(bytes.includes(Buffer.from('word/document.xml'))).toBe(true);
      expect(download.suggestedFilename()).toMatch(/\.docx$/);

      // 1024 wide.
      await page.setViewportSize({ width: 1024, height: 768 });
      await page.waitForTimeout(300);
      await shot(page, '10-editor-1024');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(1);
      await page.locator('.tab:has-text("正文")').click();
      await shot(page, '11-sections-1024');
      await page.locator('.tab:has-text("预览")').click();
      await page.waitForTimeout(500);
      await shot(page, '12-preview-1024');
      await page.click('a:has-text("我的报告")');
      await page.waitForSelector('.report-list');
      await shot(page, '13-home-1024');

      // Printable: the tables without the app's chrome.
      await page.locator('.report-list a:has-text("打开")').first().click();
      await page.waitForSelector('table.official');
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('.findings').isVisible()).toBe(false);
      expect(await page.locator('table.official').first().isVisible()).toBe(true);
      await shot(page, '14-print-1024');
    });
  }, 240_000);

  it('submitting while an autosave is in flight submits what the form shows', async () => {
    await withBrowser(async ({ server, page }) => {
      await login(page, server.url, 'jiaoyu');
      await openFirstReport(page);
      // Every save takes 5 s.
      await page.route('**/trpc/reports.save*', async (r) => {
        await new Promise((res) => setTimeout(res, 5000));
        await r.continue().catch(() => {});
      });
      await typeCell(page, 'activeDisclosure.licensing.decisions', '2002');
      await page.waitForTimeout(1600); // the autosave of 2002 is on its way
      expect(await saveStateText(page)).toBe('正在保存…');
      await typeCell(page, 'activeDisclosure.coercion.decisions', '66');
      await submit(page);
      const after = await serverReport(page);
      expect(after.status).toBe('submitted');
      expect(after.report.cells['activeDisclosure.licensing.decisions']!.value).toBe(2002);
      expect(after.report.cells['activeDisclosure.coercion.decisions']!.value).toBe(66);
      expect(await page.locator('[role=alert]').allInnerTexts()).toEqual([]);
      expect(await saveStateText(page)).not.toMatch(/失败|未保存/);
    });
  }, 120_000);

  it('a save the network lost is retried by itself, said in Chinese; an edit made while a save runs is saved too', async () => {
    await withBrowser(async ({ server, page, context }) => {
      await login(page, server.url, 'jiaoyu');
      await openFirstReport(page);
      const offline = '网络连接中断，修改已保存在本机，恢复连接后自动保存';
      // Offline: the autosave fails, in Chinese; back online, it saves at once (before the next retry).
      await context.setOffline(true);
      await typeCell(page, 'activeDisclosure.licensing.decisions', '31');
      await expect.poll(() => saveStateText(page), { timeout: 10_000 }).toBe(offline);
      await page.waitForTimeout(2500); // the 2 s retry fails too; the next is 5 s later
      expect(await saveStateText(page)).toBe(offline);
      await context.setOffline(false);
      await expect.poll(() => saveStateText(page), { timeout: 3000 }).toMatch(/^已保存/);
      expect((await serverReport(page)).report.cells['activeDisclosure.licensing.decisions']!.value).toBe(31);

      // The server unreachable (no online event): retried with backoff until it answers.
      await page.route('**/trpc/reports.save*', (r) => r.abort('connectionrefused'));
      await typeCell(page, 'activeDisclosure.licensing.decisions', '32');
      await expect.poll(() => saveStateText(page), { timeout: 10_000 }).toBe(offline);
      await page.unroute('**/trpc/reports.save*');
      // (「修改已保存在本机」 is not 「已保存」: waitSaved would take it for one.)
      await expect.poll(() => saveStateText(page), { timeout: 15_000 }).toMatch(/^已保存/);
      expect((await serverReport(page)).report.cells['activeDisclosure.licensing.decisions']!.value).toBe(32);

      // An edit made while a (slow) save runs is saved after it, with no further edit.
      await page.route('**/trpc/reports.save*', async (r) => {
        await new Promise((res) => setTimeout(res, 3000));
        await r.continue().catch(() => {});
      });
      await typeCell(page, 'activeDisclosure.licensing.decisions', '33');
      await page.waitForTimeout(1600);
      expect(await saveStateText(page)).toBe('正在保存…');
      await typeCell(page, 'activeDisclosure.coercion.decisions', '7');
      await expect
        .poll(
          async () => (await serverReport(page)).report.cells['activeDisclosure.coercion.decisions']!.value,
          {
            timeout: 15_000,
          },
        )
        .toBe(7);
      await expect.poll(() => saveStateText(page), { timeout: 15_000 }).toMatch(/^已保存/);
    });
  }, 120_000);

  it('a bad value typed over a good one leaves the cell (and the saved report) as it was', async () => {
    await withBrowser(async ({ server, page }) => {
      await login(page, server.url, 'jiaoyu');
      await openFirstReport(page);
      const c = 'activeDisclosure.licensing.decisions';
      const sent: unknown[] = [];
      page.on('request', (req) => {
        if (!req.url().includes('reports.save')) return;
        const body = JSON.parse(req.postData() ?? '{}') as Record<
          string,
          { report: { cells: Record<string, { value: unknown }> } }
        >;
        sent.push(body['0']?.report.cells[c]?.value);
      });
      await typeCell(page, c, '23');
      await expect.poll(() => saveStateText(page), { timeout: 10_000 }).toMatch(/^已保存/);
      for (const bad of ['2.5', '1e3', '0x1F', '99999999999999']) {
        await page.locator(`input[name="${c}"]`).click();
        await page.keyboard.type(bad, { delay: 30 });
        await page.waitForTimeout(1500); // an autosave would have started by now
        // the first Tab holds the text in the cell (said), the second drops it (said)
        await page.keyboard.press('Tab');
        expect(await cellValue(page, c), bad).toBe(bad);
        expect(await page.locator('.notice.toast').textContent()).toContain(`未接受“${bad}”`);
        await page.keyboard.press('Tab');
        expect(await cellValue(page, c), bad).toBe('23');
        expect(await page.locator('.notice.toast').textContent()).toContain(`已放弃无效输入“${bad}”`);
        expect(await page.locator('.notice.toast').textContent()).toContain('该格仍为 23');
      }
      await page.locator(`input[name="${c}"]`).click();
      await page.keyboard.type('4.');
      await page.keyboard.press('Escape');
      expect(await cellValue(page, c)).toBe('23');
      await page.keyboard.press('Tab');
      await page.waitForTimeout(2000);
      const r = await serverReport(page);
      expect(r.report.cells[c]!.value).toBe(23);
      // No save ever sent a prefix of what was typed.
      expect([...new Set(sent)]).toEqual([23]);
    });
  }, 120_000);

  it('a refused entry leaves nothing to save (no new version, 已保存) and no undo step: one Ctrl+Z undoes the last change', async () => {
    await withBrowser(async ({ server, page }) => {
      await login(page, server.url, 'jiaoyu');
      await openFirstReport(page);
      const c = 'activeDisclosure.licensing.decisions';
      const before = await cellValue(page, c);
      let saves = 0;
      page.on('request', (req) => {
        if (req.url().includes('reports.save')) saves++;
      });
      await typeCell(page, c, '31');
      await expect.poll(() => saveStateText(page), { timeout: 10_000 }).toMatch(/^已保存/);
      const version = (await serverReport(page)).version;
      const sent = saves;
      await page.locator(`input[name="${c}"]`).click();
      await page.keyboard.type('3.5', { delay: 30 });
      // Tab holds it in the cell to mend (nothing stored); the second Tab drops it, 31 back
      await page.keyboard.press('Tab');
      expect(await cellValue(page, c)).toBe('3.5');
      await page.waitForTimeout(3000); // the autosave would have gone by now
      await page.keyboard.press('Tab');
      expect(await cellValue(page, c)).toBe('31');
      await page.waitForTimeout(3000);
      expect(saves).toBe(sent);
      expect(await saveStateText(page)).toMatch(/^已保存/);
      expect((await serverReport(page)).version).toBe(version);
      // 「7.」 still in the cell: Ctrl+Z first puts back 31; the next one undoes 31.
      await page.locator(`input[name="${c}"]`).click();
      await page.keyboard.type('7.');
      // (each undo is a render: waited for, not read at once)
      await page.keyboard.press('Control+z');
      await expect.poll(() => cellValue(page, c)).toBe('31');
      await page.keyboard.press('Control+z');
      await expect.poll(() => cellValue(page, c)).toBe(before);
    });
  }, 120_000);

  it('the roll-up draws no pie over blank cells (a blank is not 0): it says which slices are blank', async () => {
    await withBrowser(async ({ server, page }) => {
      // 东山乡's draft is blank: its 自然人 filled in, the other columns left blank.
      await login(page, server.url, 'dongshan');
      await openFirstReport(page);
      await typeCell(page, 'applications.newReceived.naturalPerson', '5');
      await waitSaved(page);
      await logout(page);
      await login(page, server.url, 'shenhe');
      await page.click('a:has-text("本地区报告")');
      await page.click('a:has-text("区域汇总与图表")');
      await page.waitForSelector('.indicators');
      // Drafts summed too: 自然人 has a sum, the 法人或其他组织 columns are blank (not 0: no 100 % 自然人).
      await page.check('input[name=status-draft]');
      await expect
        .poll(() => page.locator('[data-testid=chart-blank]').allTextContents(), { timeout: 10_000 })
        .toEqual([
          '办理结果：予以公开、部分公开等 6 项有空白单元格，无法作图。',
          '申请人构成（本年新收）：法人或其他组织 5 项有空白单元格，无法作图。',
        ]);
      expect(await page.locator('.chart canvas').count()).toBe(2);
      await page.locator('.charts').scrollIntoViewIfNeeded();
      await shot(page, '45-rollup-blank-charts');
    });
  }, 120_000);

  it('on a phone (390 px) the editor is one column: the findings counted in a bar at the bottom of the screen, cells readable, the menu on one line; the laptop layout stays', async () => {
    await withBrowser(
      async ({ server, page }) => {
        await login(page, server.url, 'dongshan');
        await page.waitForSelector('.report-list');
        await shot(page, '40-phone-home-390');
        // Each menu item on one line (it wrapped one character per line).
        for (const h of await page
          .locator('.app-header nav a')
          .evaluateAll((as) => as.map((a) => a.getBoundingClientRect().height)))
          expect(h).toBeLessThan(30);
        await openFirstReport(page);
        await page.waitForTimeout(300);
        await shot(page, '41-phone-editor-390');
        const m = await page.evaluate(() => {
          const r = (s: string) => document.querySelector(s)!.getBoundingClientRect();
          const tables = [...document.querySelectorAll('table.official')].map((t) =>
            t.getBoundingClientRect(),
          );
          return {
            overflow: document.documentElement.scrollWidth - window.innerWidth,
            bar: r('[data-testid=findings-bar]'),
            panelShown: getComputedStyle(document.querySelector('.findings')!).display !== 'none',
            lastTableBottom: Math.max(...tables.map((t) => t.bottom)),
            cell: r('input[name="applications.granted.naturalPerson"]'),
          };
        });
        expect(m.overflow).toBeLessThanOrEqual(1);
        // The counts on screen from the start, at the bottom, small; the panel opens from there.
        expect(m.bar.bottom).toBe(844);
        expect(m.bar.width).toBe(390);
        expect(m.bar.height).toBeLessThan(120);
        expect(m.panelShown).toBe(false);
        expect(await page.locator('[data-testid=findings-bar]').textContent()).toContain('警告');
        expect(m.cell.width).toBeGreaterThanOrEqual(40);
        expect(m.cell.height).toBeGreaterThanOrEqual(28);
        // The table scrolls sideways, the cell reached by the keyboard is in view.
        await page.locator('input[name="applications.granted.otherOrg"]').focus();
        await page.locator('input[name="applications.granted.otherOrg"]').scrollIntoViewIfNeeded();
        const box = await page.locator('input[name="applications.granted.otherOrg"]').boundingBox();
        expect(box!.x + box!.width).toBeLessThanOrEqual(391);
        // Its row's label stays at the left edge while the table is scrolled sideways.
        const label = await page.evaluate(() => {
          const input = document.querySelector('input[name="applications.granted.otherOrg"]')!;
          const th = input.closest('tr')!.querySelector('th.row-label-near')!;
          const r = th.getBoundingClientRect();
          return {
            text: th.textContent,
            x: r.x,
            right: r.right,
            scrolled: input.closest('.table-wrap')!.scrollLeft,
            cellX: input.getBoundingClientRect().x,
            hit: document.elementFromPoint(r.x + 5, r.y + r.height / 2) === th,
          };
        });
        expect(label.text).toBe('（一）予以公开');
        expect(label.scrolled).toBeGreaterThan(0);
        expect(label.x).toBeGreaterThanOrEqual(-1);
        expect(label.right).toBeLessThanOrEqual(label.cellX + 1);
        expect(label.hit).toBe(true); // on top, not under the scrolled cells
        await shot(page, '42-phone-cell-390');

        // The laptop keeps the findings at the side.
        await page.setViewportSize({ width: 1366, height: 768 });
        await page.waitForTimeout(300);
        await shot(page, '43-editor-1366');
        const l = await page.evaluate(() => {
          const f = document.querySelector('.findings')!.getBoundingClientRect();
          const t = document.querySelector('table.official')!.getBoundingClientRect();
          return {
            fx: f.x,
            fw: f.width,
            tRight: t.right,
            overflow: document.documentElement.scrollWidth - window.innerWidth,
          };
        });
        expect(await page.locator('[data-testid=findings-bar]').isVisible()).toBe(false);
        expect(l.fx).toBeGreaterThan(900);
        expect(l.fw).toBeGreaterThan(300);
        expect(l.tRight).toBeLessThanOrEqual(l.fx);
        expect(l.overflow).toBeLessThanOrEqual(1);
      },
      { viewport: { width: 390, height: 844 } },
    );
  }, 120_000);

  it('on a phone, a wrong number typed: the bar at the bottom says the error at once, one tap to its cell; 查看全部 opens every finding over the form', async () => {
    await withBrowser(
      async ({ server, page }) => {
        await login(page, server.url, 'xihe');
        await openFirstReport(page);
        const cell = 'applications.newReceived.naturalPerson';
        const c = page.locator(`input[name="${cell}"]`);
        await c.scrollIntoViewIfNeeded();
        await c.click();
        await page.keyboard.type('999');
        await page.keyboard.press('Enter');
        const bar = page.locator('[data-testid=findings-bar]');
        const named = bar.locator('.findings-bar-finding');
        await named.waitFor();
        expect(await named.textContent()).toContain('本年新收（999）');
        expect(await bar.locator('.findings-bar-counts .tag.sev-error').textContent()).toMatch(/^错误 [1-9]/);
        const box = (await bar.boundingBox())!;
        expect(box.y + box.height).toBeLessThanOrEqual(844);
        expect(box.y).toBeGreaterThan(844 - 140);
        await shot(page, '46-phone-typed-error-390');
        // one tap: the cursor on a cell of the error, in view above the bar
        await named.click();
        await expect
          .poll(() => page.evaluate(() => document.activeElement?.getAttribute('name')))
          .toMatch(/^applications\./);
        const focused = await page.evaluate(() => document.activeElement!.getBoundingClientRect().bottom);
        expect(focused).toBeLessThanOrEqual(box.y + 1);
        // 查看全部: the whole panel as a sheet over the form; 关闭 puts the bar back
        await bar.locator('button:has-text("查看全部")').click();
        const sheet = page.locator('aside.findings.sheet-open');
        await sheet.waitFor();
        const s = (await sheet.boundingBox())!;
        expect(s.y + s.height).toBeLessThanOrEqual(845);
        expect(s.y).toBeGreaterThan(100);
        expect(await sheet.locator('.finding.sev-error').count()).toBeGreaterThan(0);
        await shot(page, '47-phone-findings-sheet-390');
        await sheet.locator('button:has-text("关闭")').click();
        expect(await page.locator('aside.findings').isVisible()).toBe(false);
        expect(await bar.isVisible()).toBe(true);
      },
      { viewport: { width: 390, height: 844 } },
    );
  }, 120_000);

  it('the cell bar names a cell as printed (not its internal id); a report handed in looks read-only and says why a key does nothing', async () => {
    await withBrowser(async ({ server, page }) => {
      await login(page, server.url, 'jiaoyu');
      await openFirstReport(page);
      await page.locator('input[name="activeDisclosure.licensing.decisions"]').click();
      const bar = await page.locator('.cell-bar').textContent();
      expect(bar).toContain('表二 第二十条第（五）项 行政许可');
      expect(bar).not.toContain('activeDisclosure.licensing.decisions');
      expect(await page.locator('[data-testid=cell-bar-label]').getAttribute('title')).toBe(
        'activeDisclosure.licensing.decisions',
      );
      await submit(page);
      // Typing into a cell of the submitted report: nothing changes, and the reason is said.
      const c = page.locator('input[name="activeDisclosure.licensing.decisions"]');
      const before = await c.inputValue();
      await c.click();
      await page.keyboard.type('7');
      expect(await c.inputValue()).toBe(before);
      expect(await page.locator('.notice.toast').textContent()).toContain('报告已提交审核，不能修改');
      expect(await page.locator('table.official.locked').count()).toBe(3);
      // Read-only, each table is one Tab stop and arrows move within it: the findings are a few
      // presses of Tab away, not 200.
      await page.keyboard.press('ArrowDown');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe(
        'activeDisclosure.punishment.decisions',
      );
      let presses = 0;
      while (presses < 15 && !(await page.evaluate(() => !!document.activeElement?.closest('.findings')))) {
        await page.keyboard.press('Tab');
        presses++;
      }
      expect(presses).toBeLessThanOrEqual(6);
      await page.locator('.tab:has-text("表格")').focus();
      // 正文: no invitation to type, and the same reason on a key.
      await page.locator('.tab:has-text("正文")').click();
      const t = page.locator('textarea[name="sections.applications"]');
      expect(await t.getAttribute('placeholder')).toBe('');
      const bg = await t.evaluate((el) => getComputedStyle(el).backgroundColor);
      expect(bg).not.toBe('rgb(255, 255, 255)');
      await t.click();
      await page.keyboard.type('x');
      expect(await page.locator('.notice.toast').textContent()).toContain('报告已提交审核，不能修改');
      await shot(page, '44-submitted-sections');
    });
  }, 120_000);
});
