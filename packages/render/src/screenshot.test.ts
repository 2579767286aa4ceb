/**
 * Look at what we make: the seed, a non-zero 2021 report and a roll-up rendered to HTML, opened
 * in headless Chromium, screenshot (whole page and each table) and printed to an A4 PDF as
 * 「打印 → 另存为 PDF」 would. The files stay in packages/render/artifacts/ (gitignored). The
 * geometry of the merged cells is checked against the seed's table layout.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { exampleReport, type Report } from '@nianbao/core';
import fc from 'fast-check';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../../chromium.mjs';
import { renderHtml } from './html.js';
import { reportArb } from './test-support/arbitraries.js';
import { bigReport, bigTotalsReport, printedNumbers } from './test-support/big.js';
import { seedReport } from './test-support/seed.js';

const CHROMIUM = CHROMIUM_PATH;
const hasChromium = existsSync(CHROMIUM);
const ARTIFACTS = join(import.meta.dirname, '..', 'artifacts');
/** poppler's pdftotext: the words of a printed PDF. */
const PDFTOTEXT = ['/usr/bin/pdftotext', '/usr/local/bin/pdftotext'].find((p) => existsSync(p));

if (!hasChromium) {
  console.warn(
    `[render] screenshot tests skipped: ${CHROMIUM} is absent (install with: apt-get install -y chromium fonts-noto-cjk)`,
  );
}

type Box = { x: number; y: number; width: number; height: number };

describe.skipIf(!hasChromium)('screenshots in headless Chromium', () => {
  let ctx: BrowserContext | undefined;
  let profile = '';

  beforeAll(async () => {
    const { chromium } = await import('playwright-core');
    mkdirSync(ARTIFACTS, { recursive: true });
    profile = mkdtempSync(join(tmpdir(), 'nianbao-render-chromium-'));
    ctx = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [...CHROMIUM_ARGS],
      viewport: { width: 860, height: 1200 },
    });
  }, 60_000);

  afterAll(async () => {
    await ctx?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  const region = (): Report => {
    const r = exampleReport({ year: 2021, agency: { name: '示例县人民政府' } });
    return { ...r, meta: { ...r.meta, scope: 'region', title: undefined }, preamble: undefined };
  };

  it.each([
    ['seed-2020', seedReport],
    ['example-2021', () => exampleReport({ year: 2021 })],
    ['region-2021', region],
  ] as const)(
    '%s: screenshots and A4 PDF; merged cells sit where the seed has them',
    async (name, make) => {
      const report = make();
      const htmlPath = join(ARTIFACTS, `${name}.html`);
      writeFileSync(htmlPath, renderHtml(report));
      const page = await ctx!.newPage();
      try {
        await page.goto(`file://${htmlPath}`);
        await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
        await page.screenshot({ path: join(ARTIFACTS, `${name}-page1.png`) });
        for (const t of ['activeDisclosure', 'applications', 'reviewLitigation']) {
          await page
            .locator(`table[data-table=${t}]`)
            .screenshot({ path: join(ARTIFACTS, `${name}-${t}.png`) });
        }
        // No table is wider than the text block (15 columns of 表四 fit A4 portrait).
        const overflow: number[] = await page.evaluate(
          "[...document.querySelectorAll('table')].map((t) => t.getBoundingClientRect().width - t.parentElement.clientWidth)",
        );
        for (const o of overflow) expect(o).toBeLessThanOrEqual(1);
        const box = async (sel: string): Promise<Box> => (await page.locator(sel).first().boundingBox())!;
        const th = (text: string) => `th:text-is("${text}")`;
        // 表三: 三、本年度办理结果 spans from （一）予以公开 down to （七）总计.
        const results = await box(th('三、本年度办理结果'));
        const first = await box(th('（一）予以公开'));
        const total = await box(th('（七）总计'));
        expect(Math.abs(results.y - first.y)).toBeLessThan(2);
        expect(Math.abs(results.y + results.height - (total.y + total.height))).toBeLessThan(2);
        // 申请人情况 spans 自然人 … 总计; 法人或其他组织 spans 商业企业 … 其他.
        const applicant = await box(th('申请人情况'));
        const natural = await box(th('自然人'));
        const totalCol = await box('table[data-table=applications] th:text-is("总计")');
        expect(Math.abs(applicant.x - natural.x)).toBeLessThan(2);
        expect(Math.abs(applicant.x + applicant.width - (totalCol.x + totalCol.width))).toBeLessThan(2);
        const legal = await box(th('法人或其他组织'));
        const business = await box(th('商业企业'));
        const otherOrg = await box('table[data-table=applications] th:text-is("其他")');
        expect(Math.abs(legal.x - business.x)).toBeLessThan(2);
        expect(Math.abs(legal.x + legal.width - (otherOrg.x + otherOrg.width))).toBeLessThan(2);
        // The corner note spans the three label columns and the three header rows.
        const corner = await box('th.corner');
        expect(Math.abs(corner.x + corner.width - natural.x)).toBeLessThan(2);
        expect(Math.abs(corner.y + corner.height - (business.y + business.height))).toBeLessThan(2);
        // 表四: 行政诉讼 over 未经复议直接起诉 and 复议后起诉.
        const litigation = await box(th('行政诉讼'));
        const direct = await box(th('未经复议直接起诉'));
        const after = await box(th('复议后起诉'));
        expect(Math.abs(litigation.x - direct.x)).toBeLessThan(2);
        expect(Math.abs(litigation.x + litigation.width - (after.x + after.width))).toBeLessThan(2);
        // Blank is blank: the 2021 example has every cell filled, the rendered page shows no empty value cell.
        const empty: number = await page.evaluate(
          "[...document.querySelectorAll('td[data-cell]')].filter((td) => !td.textContent).length",
        );
        expect(empty).toBe(0);
        await page.emulateMedia({ media: 'print' });
        await page.screenshot({ path: join(ARTIFACTS, `${name}-print.png`), fullPage: true });
        const pdf: Buffer = await page.pdf({
          path: join(ARTIFACTS, `${name}.pdf`),
          format: 'A4',
          preferCSSPageSize: true,
        });
        const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
        expect(pages.length).toBeGreaterThanOrEqual(2);
        expect(pdf.toString('latin1')).toMatch(/\/MediaBox\s*\[0 0 59[45]\.\d+ 84[12]\.\d+\]/);
      } finally {
        await page.close();
      }
    },
    60_000,
  );

  it('any report printed to A4 and read back: never a wrong number — a cell is read as printed or left unread (fast-check)', async () => {
    const { ingest } = await import('@nianbao/ingest');
    const page = await ctx!.newPage();
    try {
      await fc.assert(
        fc.asyncProperty(reportArb, async (report) => {
          await page.setContent(renderHtml(report));
          const back = await ingest(
            new Uint8Array(await page.pdf({ format: 'A4', preferCSSPageSize: true })),
          );
          for (const [id, cell] of Object.entries(report.cells)) {
            const got = back.report.cells[id];
            // a blank printed blank, a number as printed — or nothing, never another number
            if (got !== undefined) expect(got.value, id).toBe(cell.value);
          }
        }),
        { numRuns: 6, endOnFailure: true },
      );
    } finally {
      await page.close();
    }
  }, 180_000);

  it('on a phone (390 px) the downloaded page fits the screen: text wraps, tables scroll on their own', async () => {
    const page = await ctx!.newPage();
    try {
      await page.setViewportSize({ width: 390, height: 844 });
      await page.setContent(renderHtml(exampleReport({ year: 2025 })));
      await page.screenshot({ path: join(ARTIFACTS, 'example-2025-phone.png') });
      const [pageWidth, view, textRight, tableScrolls] = (await page.evaluate(`[
        document.documentElement.scrollWidth,
        innerWidth,
        Math.max(...[...document.querySelectorAll('.nianbao-report p')].map((p) => p.getBoundingClientRect().right)),
        [...document.querySelectorAll('.table-scroll')].some((d) => d.scrollWidth > d.clientWidth),
      ]`)) as [number, number, number, boolean];
      // before: the A4 sheet (794 px) was cut off at the right edge
      expect(pageWidth).toBeLessThanOrEqual(view);
      expect(textRight).toBeLessThanOrEqual(view);
      expect(tableScrolls).toBe(true);
    } finally {
      await page.close();
    }
  }, 60_000);

  it('printed to A4 and read back by our PDF importer: every number, the title, and 表三 on pages of its own, no row cut', async () => {
    const { ingest } = await import('@nianbao/ingest');
    const report = exampleReport({
      year: 2025,
      agency: { name: '示例县教育局', kind: '政府部门', level: '县级' },
    });
    const page = await ctx!.newPage();
    let pdf: Buffer;
    try {
      await page.setContent(renderHtml(report));
      pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
    } finally {
      await page.close();
    }
    writeFileSync(join(ARTIFACTS, 'print-roundtrip.pdf'), pdf);
    const back = await ingest(new Uint8Array(pdf));
    // Chromium's PDF names radicals for some characters (⽰ for 示): the title still reads as printed.
    expect(back.report.meta.title).toBe('示例县教育局2025年政府信息公开工作年度报告');
    expect(back.report.meta.agency.name).toBe('示例县教育局');
    let same = 0;
    for (const [id, cell] of Object.entries(report.cells)) {
      expect(back.report.cells[id]?.value, id).toEqual(cell.value);
      same++;
    }
    expect(same).toBeGreaterThan(150);
    const pageOf = (id: string) => back.diagnostics.cells[id]?.where?.page ?? -1;
    const ids = Object.keys(report.cells);
    const t2 = ids.filter((id) => id.startsWith('activeDisclosure.')).map(pageOf);
    const t3 = ids.filter((id) => id.startsWith('applications.'));
    // 表三 starts at the top of a page, not with a row or two at the foot of the page before …
    const firstT3Page = Math.min(...t3.map(pageOf));
    expect(firstT3Page).toBeGreaterThan(Math.max(...t2));
    // … holds most of its rows on that page, and no row is cut in two: its cells are on one page.
    const rows = new Map<string, Set<number>>();
    for (const id of t3) {
      const row = id.split('.')[1]!;
      rows.set(row, (rows.get(row) ?? new Set()).add(pageOf(id)));
    }
    for (const [row, pages] of rows) expect(pages.size, row).toBe(1);
    const onFirst = [...rows.values()].filter((p) => p.has(firstT3Page)).length;
    expect(onFirst).toBeGreaterThanOrEqual(15);
  }, 60_000);

  it.each([
    ['big-6-2021', () => bigReport(2021, 6)],
    ['big-7-2020', () => bigReport(2020, 7, ['applications', 'reviewLitigation'])],
    ['big-totals-2021', () => bigTotalsReport(2021)],
  ] as const)(
    '%s: numbers of six and seven digits (a province’s 公安厅) each on one line of their cell, on the page and printed (表四 wrapped 「10055」 over 「5」)',
    async (name, make) => {
      const report = make();
      const page = await ctx!.newPage();
      try {
        await page.setContent(renderHtml(report));
        await page
          .locator('table[data-table=reviewLitigation]')
          .screenshot({ path: join(ARTIFACTS, `${name}-reviewLitigation.png`) });
        // On the A4 sheet (the text column of the printed page): each number's text is one line,
        // inside its cell's padding.
        const bad = (await page.evaluate(`[...document.querySelectorAll('td[data-cell]')].flatMap((td) => {
          if (!td.textContent) return [];
          const range = document.createRange();
          range.selectNodeContents(td);
          const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
          const text = range.getBoundingClientRect();
          const cell = td.getBoundingClientRect();
          const inside = text.left >= cell.left + 0.5 && text.right <= cell.right - 0.5;
          return lines === 1 && inside ? [] : [td.dataset.cell + ' ' + td.textContent + ' lines ' + lines];
        })`)) as string[];
        expect(bad).toEqual([]);
        const pdf = await page.pdf({
          format: 'A4',
          preferCSSPageSize: true,
          path: join(ARTIFACTS, `${name}.pdf`),
        });
        expect(pdf.length).toBeGreaterThan(0);
      } finally {
        await page.close();
      }
      if (!PDFTOTEXT) return console.warn('[render] printed numbers: check skipped, pdftotext is absent');
      // Printed: every number is a word of the PDF, whole (a wrapped one reads 「31788」 「0」).
      const { stdout } = await promisify(execFile)(PDFTOTEXT, ['-raw', join(ARTIFACTS, `${name}.pdf`), '-']);
      const words = new Set(stdout.split(/\s+/));
      const numbers = printedNumbers(report).filter((v) => /^[+-]?\d{5,}$/.test(v));
      expect(numbers.length).toBeGreaterThanOrEqual(15);
      expect(numbers.filter((v) => !words.has(v))).toEqual([]);
      // and our importer reads every number back from the PDF
      const { ingest } = await import('@nianbao/ingest');
      const back = await ingest(new Uint8Array(readFileSync(join(ARTIFACTS, `${name}.pdf`))));
      for (const [id, cell] of Object.entries(report.cells))
        expect(back.report.cells[id]?.value, id).toEqual(cell.value);
    },
    60_000,
  );
});
