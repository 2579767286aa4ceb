import { join } from 'node:path';
import { getEdition } from '@nianbao/core';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  ARTIFACTS,
  cellValue,
  hasChromium,
  login,
  PASSWORD,
  pasteAt,
  saveStateText,
  serverReport,
  shot,
  waitSaved,
  withBrowser,
} from './support.js';

// What a 填报人 does to a report and must never lose or get wrong: a block pasted with its labels,
// typing on while the server is away, a session ended elsewhere, printing the preview, a tab closed
// at once after typing, clicking into a cell, a save that meets another window's.

/** 表三's columns, 自然人 … 总计, as the edition has them. */
const COLS = getEdition('2021').tables.applications.columns.map((c) => c.key);
const rowValues = (page: Page, row: string) =>
  Promise.all(COLS.map((c) => cellValue(page, `applications.${row}.${c}`)));

async function openFirstReport(page: Page) {
  await page.locator('.report-list a:has-text("打开")').first().click();
  await page.waitForSelector('input[name="applications.newReceived.naturalPerson"]');
}

describe.skipIf(!hasChromium)('editing a report in Chromium: nothing wrong, nothing lost', () => {
  it('a block pasted from Excel with its row labels: each line lands on the row it names, the labels are no numbers, a label naming no row is said', async () => {
    await withBrowser(async ({ server, page }) => {
      await login(page, server.url, 'dongshan');
      await openFirstReport(page);
      await page.locator('input[name="applications.newReceived.naturalPerson"]').click();
      // Four rows copied with their labels (and a header line), not in the printed order, one row
      // the table does not have.
      const block = [
        ['', '自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'],
        ['一、本年新收政府信息公开申请数量', '5', '1', '0', '0', '0', '0', '6'],
        ['（一）予以公开', '3', '1', '0', '0', '0', '0', '4'],
        ['二、上年结转政府信息公开申请数量', '1', '0', '0', '0', '0', '0', '1'],
        ['本年新收（网上申请）', '9', '9', '9', '9', '9', '9', '54'],
        ['四、结转下年度继续办理', '2', '0', '0', '0', '0', '0', '2'],
      ];
      await pasteAt(
        page,
        'applications.newReceived.naturalPerson',
        `${block.map((r) => r.join('\t')).join('\r\n')}\r\n`,
      );
      await page.waitForSelector('[data-testid=paste-result]');
      expect(await rowValues(page, 'newReceived')).toEqual(['5', '1', '0', '0', '0', '0', '6']);
      expect(await rowValues(page, 'carriedOver')).toEqual(['1', '0', '0', '0', '0', '0', '1']);
      expect(await rowValues(page, 'granted')).toEqual(['3', '1', '0', '0', '0', '0', '4']);
      expect(await rowValues(page, 'carriedForward')).toEqual(['2', '0', '0', '0', '0', '0', '2']);
      // The line naming no row: none of its 9s anywhere.
      const nines = await page.evaluate(
        () =>
          [...document.querySelectorAll<HTMLInputElement>('input[data-cell]')].filter((i) => i.value === '9')
            .length,
      );
      expect(nines).toBe(0);
      const banner = await page.locator('[data-testid=paste-result]').textContent();
      expect(banner).toContain('已按行标题粘贴到 4 行（第 1 列是行标题，不作数值；数值从各行第一格填起）');
      expect(banner).toContain('已跳过表头 1 行');
      expect(banner).not.toContain('超出表格范围');
      expect(banner).not.toContain('不是数字');
      expect(await page.locator('[data-testid=paste-unmatched]').textContent()).toBe(
        '1 行的行标题与本表的行不对应，未粘贴：「本年新收（网上申请）」。',
      );
      await page.locator('[data-testid=paste-result]').scrollIntoViewIfNeeded();
      await shot(page, '50-paste-by-labels');
      // One click undoes it all.
      await page.locator('[data-testid=paste-result] button:has-text("撤销粘贴")').click();
      // The form re-renders after the click: read once it has (a busy machine takes a moment).
      await expect.poll(() => rowValues(page, 'newReceived')).toEqual(['', '', '', '', '', '', '']);
      // A block without labels still lands at the cursor, as before.
      await pasteAt(page, 'applications.granted.commercialEnterprise', '7\t8\r\n');
      await page.waitForSelector('[data-testid=paste-result]');
      expect(await cellValue(page, 'applications.granted.commercialEnterprise')).toBe('7');
      expect(await cellValue(page, 'applications.granted.researchInstitution')).toBe('8');
      expect(await page.locator('[data-testid=paste-result]').textContent()).toContain(
        '已粘贴：覆盖 2 个单元格，其中 2 个数值有变化',
      );
    });
  }, 120_000);

  it('the server away for longer than a refetch: the form stays, takes every keystroke, says it in Chinese, and saves it all when the server is back — same tab, place and focus', async () => {
    await withBrowser(async ({ server, page }) => {
      await login(page, server.url, 'dongshan');
      await openFirstReport(page);
      await page.locator('.tab:has-text("正文")').click();
      const area = page.locator('textarea[name="sections.problems"]');
      await area.click();
      await area.evaluate((el) => el.scrollIntoView({ block: 'center' }));
      const scrolled = await page.evaluate(() => window.scrollY);
      // Every request to the server fails (as with the server stopped), for 25 s: past the report's
      // 20 s refetch and its retry. Before, the form gave way to a bare 「Failed to fetch」.
      await page.route('**/trpc/**', (r) => r.abort('connectionrefused'));
      let typed = '';
      for (let i = 0; i < 25; i++) {
        const chunk = `第${i}段。`;
        await page.keyboard.type(chunk);
        typed += chunk;
        await page.waitForTimeout(1000);
      }
      expect(await page.locator('textarea[name="sections.problems"]').count()).toBe(1);
      expect(await area.inputValue()).toBe(typed);
      expect(await saveStateText(page)).toBe('网络连接中断，修改已保存在本机，恢复连接后自动保存');
      const body = await page.locator('body').textContent();
      expect(body).not.toMatch(/Failed to fetch|TRPC|fetch/i);
      await shot(page, '51-offline-typing');
      // Back: saved by itself, and the user is where they were.
      await page.unroute('**/trpc/**');
      await expect.poll(() => saveStateText(page), { timeout: 40_000 }).toMatch(/^已保存/);
      expect((await serverReport(page)).report.sections.problems).toBe(typed);
      expect(await page.locator('.tab.on').textContent()).toBe('正文');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe(
        'sections.problems',
      );
      expect(Math.abs((await page.evaluate(() => window.scrollY)) - scrolled)).toBeLessThan(5);
      // Typing goes on into the same place.
      await page.keyboard.type('完');
      expect(await area.inputValue()).toBe(`${typed}完`);
    });
  }, 180_000);

  it('a session ended in another tab: a clear dialog, a login right there, and the edits typed meanwhile are saved', async () => {
    await withBrowser(async ({ server, page, context }) => {
      await login(page, server.url, 'dongshan');
      await openFirstReport(page);
      const url = page.url();
      // Another tab of the same browser logs out.
      const other = await context.newPage();
      await other.goto(url);
      await other.waitForSelector('.app-header');
      await other.click('button:has-text("退出登录")');
      await other.waitForSelector('input[name=username]');
      await other.close();
      // Typing on here: the save is refused, and the form says why and what to do.
      await page.locator('input[name="applications.newReceived.naturalPerson"]').click();
      await page.keyboard.type('12');
      await page.keyboard.press('Tab');
      const dialog = page.locator('[data-testid=session-lost]');
      await dialog.waitFor({ timeout: 15_000 });
      expect(await dialog.textContent()).toContain('登录已失效');
      expect(await dialog.textContent()).toContain('本页的修改没有丢失');
      expect(await saveStateText(page)).toBe('登录已失效，修改已保存在本机');
      await shot(page, '52-session-lost');
      // 「稍后登录」: editing goes on; the 重新登录 button stays at hand.
      await dialog.locator('button:has-text("稍后登录")').click();
      await page.locator('input[name="applications.carriedOver.naturalPerson"]').click();
      await page.keyboard.type('3');
      await page.keyboard.press('Tab');
      await page.locator('.title-line button:has-text("重新登录")').click();
      await page.fill('input[name=relogin-password]', 'wrong-password');
      await page.locator('[data-testid=session-lost] button[type=submit]').click();
      await expect.poll(() => dialog.locator('.error-text').count()).toBe(1);
      expect(await dialog.locator('.error-text').textContent()).not.toMatch(/[A-Za-z]{4,}/);
      await page.fill('input[name=relogin-password]', PASSWORD);
      await page.locator('[data-testid=session-lost] button[type=submit]').click();
      await waitSaved(page);
      expect(await dialog.count()).toBe(0);
      const saved = (await serverReport(page)).report.cells;
      expect(saved['applications.newReceived.naturalPerson']!.value).toBe(12);
      expect(saved['applications.carriedOver.naturalPerson']!.value).toBe(3);

      // Logged out again; this time through the login page: the report offers the edits back.
      const third = await context.newPage();
      await third.goto(url);
      await third.waitForSelector('.app-header');
      await third.click('button:has-text("退出登录")');
      await third.waitForSelector('input[name=username]');
      await third.close();
      await page.locator('input[name="applications.newReceived.naturalPerson"]').click();
      await page.keyboard.type('15');
      await page.keyboard.press('Tab');
      await dialog.waitFor({ timeout: 15_000 });
      await dialog.locator('button:has-text("以其他账号登录")').click();
      await page.fill('input[name=username]', 'dongshan');
      await page.fill('input[name=password]', PASSWORD);
      await page.click('button[type=submit]');
      await page.waitForSelector('[data-testid=backup-notice]');
      expect(page.url()).toBe(url);
      await page.locator('[data-testid=backup-notice] button:has-text("恢复这些修改")').click();
      await expect.poll(() => cellValue(page, 'applications.newReceived.naturalPerson')).toBe('15');
      await waitSaved(page);
      expect((await serverReport(page)).report.cells['applications.newReceived.naturalPerson']!.value).toBe(
        15,
      );
    });
  }, 120_000);

  it('a tab closed at once after typing keeps the edit in the browser, and the report offers it back', async () => {
    await withBrowser(async ({ server, page, context }) => {
      await login(page, server.url, 'dongshan');
      await openFirstReport(page);
      const url = page.url();
      await page.locator('input[name="applications.newReceived.otherOrg"]').click();
      await page.keyboard.type('4');
      // Closed with no pause at all (before: the local copy came 300 ms after the edit).
      await page.close();
      const again = await context.newPage();
      await again.goto(url);
      await again.waitForSelector('[data-testid=backup-notice]');
      await again.locator('[data-testid=backup-notice] button:has-text("恢复这些修改")').click();
      await expect.poll(() => cellValue(again, 'applications.newReceived.otherOrg')).toBe('4');
      await waitSaved(again);
    });
  }, 120_000);

  it('历史版本 · 恢复此版本: an older version back in the form after one question, saved as a new version; the replaced one stays', async () => {
    await withBrowser(async ({ server, page }) => {
      await login(page, server.url, 'dongshan');
      await openFirstReport(page);
      const cell = 'applications.newReceived.otherOrg';
      const before = await serverReport(page);
      const was = before.report.cells[cell]?.value ?? null;
      await page.locator(`input[name="${cell}"]`).click();
      await page.keyboard.type('37');
      await page.keyboard.press('Tab');
      await waitSaved(page);
      const edited = await serverReport(page);
      expect(edited.report.cells[cell]?.value).toBe(37);
      await page.click('button[role=tab]:has-text("历史版本")');
      const asked: string[] = [];
      page.once('dialog', (d) => {
        asked.push(d.message());
        void d.accept();
      });
      await page
        .locator('tr', { hasText: `第 ${before.version} 版` })
        .locator('button[name=restore-version]')
        .click();
      await expect.poll(() => asked.length).toBe(1);
      expect(asked[0]).toContain(`用第 ${before.version} 版的内容替换表格和正文`);
      // back on the tables with the old number, then saved as one more version
      await page.waitForSelector(`input[name="${cell}"]`);
      expect(await cellValue(page, cell)).toBe(was === null ? '' : String(was));
      await waitSaved(page);
      const restored = await serverReport(page);
      expect(restored.version).toBe(edited.version + 1);
      expect(restored.report.cells[cell]?.value ?? null).toBe(was);
      await shot(page, 'editing-restore-version');
    });
  }, 120_000);

  it('历史版本 of a report saved many times: each run of autosaves is one row (展开 / 收起), the manual 保存 between them its own', async () => {
    await withBrowser(async ({ server, page }) => {
      await login(page, server.url, 'dongshan');
      await openFirstReport(page);
      const cell = 'applications.newReceived.otherOrg';
      const start = (await serverReport(page)).version;
      // Four autosaves as the editor makes them (1.2 s after each change) …
      for (const n of ['1', '2', '3', '4']) {
        await page.locator(`input[name="${cell}"]`).click();
        await page.keyboard.type(n);
        await page.keyboard.press('Tab');
        await waitSaved(page);
      }
      // … 30 more by the same session with the editor's note, a manual 保存, then 5 autosaves.
      const id = page.url().split('/').pop()!;
      await page.evaluate(
        async ({ id, cell }) => {
          const get = async () => {
            const res = await fetch(`/trpc/reports.get?input=${encodeURIComponent(JSON.stringify({ id }))}`);
            return (await res.json()).result.data;
          };
          const notes = [...Array(30).fill('自动保存'), '保存', ...Array(5).fill('自动保存')];
          for (const [i, note] of notes.entries()) {
            const r = await get();
            r.report.cells[cell] = { ...r.report.cells[cell], value: 100 + i };
            const res = await fetch('/trpc/reports.save', {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ id, expectedVersion: r.version, report: r.report, note }),
            });
            if (!res.ok) throw new Error(await res.text());
          }
        },
        { id, cell },
      );
      const end = (await serverReport(page)).version;
      expect(end).toBe(start + 4 + 36);
      await page.reload();
      await page.waitForSelector(`input[name="${cell}"]`);
      await page.click('button[role=tab]:has-text("历史版本")');
      const firstCells = () =>
        page.locator('.history-cols table.data tbody tr td:first-child').allTextContents();
      await expect.poll(firstCells).toContain(`第 ${start + 1}–${start + 34} 版`);
      const rows = await firstCells();
      // newest first: the last five autosaves (the version before the current under them: the
      // diff's 从), the manual 保存, the run of 34; then what came before the test
      expect(rows.slice(0, 4)).toEqual([
        `第 ${end - 4}–${end} 版`,
        `第 ${end - 1} 版`,
        `第 ${end - 5} 版`,
        `第 ${start + 1}–${start + 34} 版`,
      ]);
      const run = page.locator('tr', { hasText: `第 ${start + 1}–${start + 34} 版` });
      expect(await run.textContent()).toContain('自动保存 34 次');
      expect(await run.textContent()).toContain('东山');
      expect(rows.length).toBeLessThan(15);
      await shot(page, 'editing-history-runs');
      await run.locator('button:has-text("展开")').click();
      await expect.poll(async () => (await firstCells()).length).toBe(rows.length + 34);
      expect(await firstCells()).toContain(`第 ${start + 17} 版`);
      await shot(page, 'editing-history-run-open');
      await page.locator('button:has-text("收起")').click();
      await expect.poll(async () => (await firstCells()).length).toBe(rows.length);
    });
  }, 180_000);

  it("the browser's own print of the 预览 tab (Ctrl+P, page.pdf) prints the whole report on A4, not page 1 cut mid-sentence", async () => {
    await withBrowser(async ({ server, page }) => {
      // 坑仔口镇's report: six pages, every number filled.
      await login(page, server.url, 'kengzaikou');
      await openFirstReport(page);
      const shown = await serverReport(page);
      await page.locator('.tab:has-text("预览")').click();
      await page.waitForSelector('iframe.preview-frame');
      await page.emulateMedia({ media: 'print' });
      await shot(page, '53-preview-print');
      const pdf = await page.pdf({
        format: 'A4',
        preferCSSPageSize: true,
        path: join(ARTIFACTS, '53-preview-print.pdf'),
      });
      const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
      expect(pages.length).toBeGreaterThanOrEqual(5);
      // Printed on render's A4 page (its margins, as the 打印 button prints it).
      expect(pdf.toString('latin1')).toMatch(/\/MediaBox\s*\[0 0 59[45]\.\d+ 84[12]\.\d+\]/);
      // Read back by our own PDF importer: every number of the report, and its last words.
      const { ingest } = await import('@nianbao/ingest');
      const back = await ingest(new Uint8Array(pdf));
      expect(back.report.meta.agency.name).toBe('坑仔口镇人民政府');
      let read = 0;
      for (const [id, cell] of Object.entries(shown.report.cells))
        if (cell.value !== null) {
          expect(back.report.cells[id]?.value, id).toBe(cell.value);
          read++;
        }
      expect(read).toBeGreaterThan(150);
      const last = shown.report.sections.other!.trim();
      expect(last.length).toBeGreaterThan(0);
      expect(back.report.sections.other).toContain(last.slice(0, 20));
      // The editor's own bar is not printed over the report.
      expect(await page.locator('.editor-bar').isVisible()).toBe(false);
    });
  }, 120_000);

  it('clicking into a cell that already has the focus selects its number, as the first click and the keyboard do: 5 typed into 「8」 is 5', async () => {
    await withBrowser(async ({ server, page }) => {
      await login(page, server.url, 'dongshan');
      await openFirstReport(page);
      const id = 'applications.newReceived.legalServiceOrg';
      const c = page.locator(`input[name="${id}"]`);
      await c.click();
      await page.keyboard.type('8');
      await page.keyboard.press('Escape'); // back to blank, the focus stays
      await page.keyboard.type('8');
      await page.keyboard.press('Enter');
      await page.keyboard.press('ArrowUp'); // focus back on 「8」, not being edited
      await c.click(); // the click lands left of the right-aligned 8
      await page.keyboard.type('5');
      expect(await c.inputValue()).toBe('5');
      // A second click while it has the focus and nothing was typed since: the same.
      await page.keyboard.press('Escape');
      expect(await c.inputValue()).toBe('8');
      await c.click();
      await c.click();
      await page.keyboard.type('6');
      expect(await c.inputValue()).toBe('6');
      // To change one digit: double-click (or F2) puts the caret at the end.
      await page.keyboard.press('Tab');
      await c.dblclick();
      await page.keyboard.press('Backspace');
      await page.keyboard.type('7');
      expect(await c.inputValue()).toBe('7');
      await page.keyboard.press('Tab');
      await c.click();
      await page.keyboard.press('F2');
      await page.keyboard.type('0');
      expect(await c.inputValue()).toBe('70');
      await page.keyboard.press('Tab');
      await waitSaved(page);
      expect((await serverReport(page)).report.cells[id]!.value).toBe(70);
    });
  }, 120_000);

  it('the findings say what the cross-year rules compare with: no report of last year, or a draft of it that may change', async () => {
    await withBrowser(async ({ server, page }) => {
      // 示例县教育局 has a report of the demo's year only.
      await login(page, server.url, 'jiaoyu');
      await openFirstReport(page);
      const { year, agencyId } = (await serverReport(page)) as unknown as { year: number; agencyId: string };
      const basis = page.locator('[data-testid=previous-basis]');
      await expect
        .poll(() => basis.textContent())
        .toBe(`没有 ${year - 1} 年度的报告，未进行跨年核对（X1–X6）`);
      // Last year's report started now: a draft, and the findings say they rest on it.
      const created = await page.evaluate(
        async (input) => {
          const res = await fetch('/trpc/reports.create', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(input),
          });
          return { status: res.status, id: (await res.json()).result?.data?.id as string };
        },
        { agencyId, year: year - 1 },
      );
      expect(created.status).toBe(200);
      await page.reload();
      await expect
        .poll(() => basis.textContent())
        .toBe(`跨年核对依据的 ${year - 1} 年度报告尚未发布（草稿，第 1 版），其数字可能还会改动 查看`);
      await shot(page, 'previous-basis-draft-1280');
      await basis.locator('a:has-text("查看")').click();
      await page.waitForURL(`**/report/${created.id}`);
    });
  }, 120_000);
});
