/**
 * Where the printed HTML (打印 → PDF in Chromium) breaks its pages: never between 表二's caption
 * 「第二十条第（一）项」 and the rows it heads, never between the heading 「三、收到和处理…」 and 表三.
 * Read per page with poppler's pdftotext (skips without it or without Chromium).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type EditionId, exampleReport, getEdition, type Report } from '@nianbao/core';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../../chromium.mjs';
import { renderHtml } from './html.js';

const PDFTOTEXT = ['/usr/bin/pdftotext', '/usr/local/bin/pdftotext'].find((p) => existsSync(p));
const ready = existsSync(CHROMIUM_PATH) && PDFTOTEXT !== undefined;
if (!ready) console.warn('[render] print page breaks: check skipped (needs Chromium and pdftotext)');

/** Chromium's PDF names some characters by their radicals (⽰ for 示): NFKC, no blanks. */
const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');

/** A report whose texts say nothing a table says; section 一 of `lines` one-line paragraphs. */
function report(year: number, lines: number, applicationsText = ''): Report {
  const r = exampleReport({ year });
  const sections = Object.fromEntries(Object.keys(r.sections).map((k) => [k, '说明。']));
  return {
    ...r,
    preamble: '前言。',
    sections: {
      ...sections,
      overview: Array.from({ length: lines }, (_, i) => `第${i + 1}段。`).join('\n'),
      applications: applicationsText,
    } as Report['sections'],
  };
}

describe.skipIf(!ready)('printed HTML: page breaks', () => {
  let ctx: BrowserContext | undefined;
  let dir = '';

  beforeAll(async () => {
    const { chromium } = await import('playwright-core');
    dir = mkdtempSync(join(tmpdir(), 'nianbao-render-breaks-'));
    ctx = await chromium.launchPersistentContext(join(dir, 'profile'), {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: [...CHROMIUM_ARGS],
    });
  }, 60_000);

  afterAll(async () => {
    await ctx?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** The printed pages' text, normalised (see norm). */
  async function printedPages(r: Report): Promise<string[]> {
    const page = await ctx!.newPage();
    const file = join(dir, 'print.pdf');
    try {
      await page.setContent(renderHtml(r));
      writeFileSync(file, await page.pdf({ format: 'A4', preferCSSPageSize: true }));
    } finally {
      await page.close();
    }
    const { stdout } = await promisify(execFile)(PDFTOTEXT!, [file, '-']);
    return stdout.split('\f').map(norm);
  }

  const pageOf = (pages: string[], text: string) => pages.findIndex((p) => p.includes(norm(text)));

  it.each([
    [2020, '2019-trial'],
    [2024, '2021'],
  ] as const)(
    '%i: 表二’s caption 「第二十条第（…）项」 is printed on the page of its rows, wherever the page ends (%s)',
    async (year, edition: EditionId) => {
      const blocks = getEdition(edition).tables.activeDisclosure.blocks;
      const split: string[] = [];
      // section 一 one line longer each time: the foot of the page moves down through 表二
      for (let lines = 8; lines <= 14; lines++) {
        const pages = await printedPages(report(year, lines));
        for (const b of blocks) {
          const caption = pageOf(pages, b.caption);
          const first = pageOf(pages, b.rows[0]!.label);
          expect(caption, b.caption).toBeGreaterThanOrEqual(0);
          if (caption !== first)
            split.push(
              `${lines} 段：${b.caption} 在第 ${caption + 1} 页，${b.rows[0]!.label} 在第 ${first + 1} 页`,
            );
        }
      }
      expect(split).toEqual([]);
    },
    180_000,
  );

  it.each([2020, 2024])(
    '%i: 三、收到和处理… with no text of its own is printed on the page 表三 starts, not alone at the foot of the page before',
    async (year) => {
      for (const lines of [4, 20]) {
        const pages = await printedPages(report(year, lines));
        const heading = pageOf(pages, '三、收到和处理政府信息公开申请情况');
        expect(heading).toBeGreaterThan(0);
        expect(pageOf(pages, '申请人情况'), `${lines} 段`).toBe(heading);
        // 表三 still starts a page: nothing of 表二 on it
        expect(pages[heading]).not.toContain(norm('第二十条'));
      }
      // with text of its own, the heading and the text stay where they are; 表三 starts the next page
      const pages = await printedPages(report(year, 4, '本机关收到申请情况如下。'));
      const heading = pageOf(pages, '三、收到和处理政府信息公开申请情况');
      expect(pageOf(pages, '本机关收到申请情况如下。')).toBe(heading);
      expect(pageOf(pages, '申请人情况')).toBe(heading + 1);
    },
    60_000,
  );
});
