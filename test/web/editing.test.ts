import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { hasChromium, login, pasteAt, shot, withBrowser } from './support.js';

// What a 填报人 does to a report and must never lose or get wrong: a block pasted with its labels,
// typing on while the server is away, a session ended elsewhere, printing the preview, a tab closed
// at once after typing, clicking into a cell, a save that meets another window's.

const cellValue = (page: Page, id: string) => page.locator(`input[name="${id}"]`).inputValue();
const COLS = [
  'naturalPerson',
  'commercialEnterprise',
  'researchInstitution',
  'publicInterestOrg',
  'legalServiceOrg',
  'otherOrg',
  'total',
];
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
      expect(await rowValues(page, 'newReceived')).toEqual(['', '', '', '', '', '', '']);
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
});
