import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, hasChromium, launch, login, PASSWORD, shot, withBrowser } from './support.js';

if (!hasChromium)
  console.warn('跳过公开报告页的端到端测试：没有 /usr/bin/chromium（apt-get install -y chromium）');

const CELL = 'applications.newReceived.naturalPerson';

/** One tRPC call over HTTP with a session cookie (or none). */
async function call<T>(
  url: string,
  path: string,
  input: unknown,
  opts: { cookie?: string; mutation?: boolean } = {},
): Promise<{ data: T; setCookie: string[] }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (opts.cookie) headers.cookie = opts.cookie;
  const res = opts.mutation
    ? await fetch(`${url}/trpc/${path}`, { method: 'POST', headers, body: JSON.stringify(input) })
    : await fetch(`${url}/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`, { headers });
  const body = (await res.json()) as { result?: { data: T }; error?: unknown };
  if (!body.result) throw new Error(`${path}: ${JSON.stringify(body.error)}`);
  return { data: body.result.data, setCookie: res.headers.getSetCookie() };
}

interface Listed {
  id: string;
  agencyName: string;
  year: number;
  status: string;
  version: number;
}

/**
 * A 填报人 corrects their agency's published report over the API (as the editor's 更正 does): one
 * number of 表三 raised by 3, with a reason. Returns what the visitor should then see.
 */
async function correctPublished(url: string) {
  const login = await call(
    url,
    'auth.login',
    { username: 'jiaotong', password: PASSWORD },
    { mutation: true },
  );
  const cookie = login.setCookie.map((c) => c.split(';')[0]).join('; ');
  const list = await call<{ items: Listed[] }>(url, 'reports.list', {}, { cookie });
  const published = list.data.items.find((r) => r.status === 'published')!;
  const notPublished = list.data.items.find((r) => r.status !== 'published')!;
  const got = await call<{ version: number; report: { cells: Record<string, { value: number | null }> } }>(
    url,
    'reports.get',
    { id: published.id },
    { cookie },
  );
  const before = got.data.report.cells[CELL]?.value ?? 0;
  const after = before + 3;
  const report = structuredClone(got.data.report);
  report.cells[CELL] = { value: after };
  const reason = `自然人申请数原误填为 ${before} 件，应为 ${after} 件。`;
  await call(
    url,
    'reports.correct',
    { id: published.id, expectedVersion: got.data.version, report, reason },
    { cookie, mutation: true },
  );
  return { published, notPublished, before, after, reason };
}

/** The body is no wider than the window (a table may scroll inside its own box). */
const overflowX = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe.skipIf(!hasChromium)('the public page of a published report (logged out)', () => {
  it('更正公告 → a row’s link → the corrected numbers, the reason and what changed; at 1366 and 390 px; printable', async () => {
    await withBrowser(
      async ({ server, page }) => {
        const { published, notPublished, before, after, reason } = await correctPublished(server.url);

        // A visitor, never logged in: 更正公告 lists the correction, its row links to the report.
        await page.goto(`${server.url}/#/corrections`);
        const row = page.locator(`table.corrections tr[data-agency="${published.agencyName}"]`).first();
        await row.waitFor();
        expect(await row.textContent()).toContain(reason);
        expect(await row.locator('a').allTextContents()).toEqual(['查看已发布的报告']);
        await row.locator('a:has-text("查看已发布的报告")').click();
        await page.waitForFunction(() => location.hash.startsWith('#/published/'));
        expect(page.url()).toContain(`#/published/${published.id}`);

        // The corrected number in the official layout (render's HTML in the page), the header, the log.
        const cell = page.locator(`[data-testid=published-document] td[data-cell="${CELL}"]`);
        await cell.waitFor();
        expect((await cell.textContent())!.trim()).toBe(String(after));
        expect(await page.locator('input[name=password]').count()).toBe(0);
        const head = (await page.locator('.published-head').textContent())!;
        expect(head).toContain(published.agencyName);
        expect(head).toContain(`${published.year} 年度`);
        expect(head).toMatch(/已发布发布日期 \d{4}年\d{1,2}月\d{1,2}日/);
        expect(head).toContain(`最近一次更正说明：${reason}`);
        const log = page.locator('.corrections-log');
        expect(await log.locator('.correction-reason').first().textContent()).toBe(`更正说明：${reason}`);
        const line = (await log.locator(`li[data-cell="${CELL}"]`).textContent())!;
        expect(line).toMatch(new RegExp(`^表三 .*：${before} → ${after}$`));
        expect(await page.locator('[data-testid=published-document] h1').textContent()).toContain(
          `${published.agencyName}${published.year}年政府信息公开工作年度报告`,
        );
        await shot(page, 'public-report-1366');
        await log.scrollIntoViewIfNeeded();
        await shot(page, 'public-report-log-1366');
        expect(await overflowX(page)).toBeLessThanOrEqual(0);

        // Print: no buttons or menu, the report and its log.
        await page.emulateMedia({ media: 'print' });
        expect(await page.locator('.app-header').isVisible()).toBe(false);
        expect(await page.locator('.published-head .no-print').isVisible()).toBe(false);
        expect(await log.isVisible()).toBe(true);
        expect(await cell.isVisible()).toBe(true);
        mkdirSync(ARTIFACTS, { recursive: true });
        await page.pdf({ path: join(ARTIFACTS, 'public-report.pdf'), format: 'A4' });
        await page.emulateMedia({ media: 'screen' });

        // A report not published, and an id that does not exist: the same message, nothing shown.
        const refusals: string[] = [];
        for (const id of [notPublished.id, 'no-such-report']) {
          await page.goto(`${server.url}/#/published/${id}`);
          await page.locator('.published-page .error-text').waitFor();
          refusals.push((await page.locator('.published-page .error-text').textContent())!);
          expect(await page.locator('[data-testid=published-document]').count()).toBe(0);
        }
        expect(refusals[0]).toBe(refusals[1]);
        expect(refusals[0]).toContain('尚未发布');

        // On a phone: the same page, one text column, nothing wider than the screen.
        const phone = await launch({ width: 390, height: 844 });
        try {
          await phone.page.goto(`${server.url}/#/published/${published.id}`);
          const pcell = phone.page.locator(`[data-testid=published-document] td[data-cell="${CELL}"]`);
          await pcell.waitFor({ state: 'attached' });
          expect((await pcell.textContent())!.trim()).toBe(String(after));
          expect(await overflowX(phone.page)).toBeLessThanOrEqual(0);
          await shot(phone.page, 'public-report-390');
          await phone.page.locator('.corrections-log').scrollIntoViewIfNeeded();
          await shot(phone.page, 'public-report-log-390');
          await phone.page.goto(`${server.url}/#/corrections`);
          await phone.page.locator('table.corrections a:has-text("查看已发布的报告")').first().waitFor();
          await shot(phone.page, 'public-corrections-390');
        } finally {
          await phone.close();
        }

        // Signed in as its 填报人: the row keeps the editor link (查看报告) beside the public one.
        await login(page, server.url, 'jiaotong');
        await page.goto(`${server.url}/#/corrections`);
        const mine = page.locator(`table.corrections tr[data-agency="${published.agencyName}"]`).first();
        await mine.locator('a:has-text("查看报告")').waitFor();
        expect(await mine.locator('a').allTextContents()).toEqual(['查看已发布的报告', '查看报告']);
      },
      { viewport: { width: 1366, height: 768 } },
    );
  }, 180_000);
});
