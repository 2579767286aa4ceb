/**
 * Numbers in the text are not broken across lines when LibreOffice prints the DOCX (converted
 * headless, read back with poppler's pdftotext; skips without them). With the document's language
 * zh-CN for Latin text too, LibreOffice broke digits as it breaks Chinese: the seed's preamble
 * printed 「…日起至 2」 at a line's end and 「020 年 12 月 31 日止」 on the next. Word's own Chinese
 * documents set Latin text as en-US and only East Asian text as zh-CN; so do we now.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exampleReport } from '@nianbao/core';
import { describe, expect, it } from 'vitest';
import { render } from './index.js';
import { PDFTOTEXT, pdfText, printToPdf, SOFFICE } from './test-support/office.js';

if (!SOFFICE || !PDFTOTEXT)
  console.warn('[render] numbers across lines in LibreOffice: check skipped (needs soffice and pdftotext)');

describe.skipIf(!SOFFICE || !PDFTOTEXT)('numbers in the text printed by LibreOffice', () => {
  it('a year, a phone number or a count is never cut across two lines, wherever the line ends', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nianbao-render-numbers-'));
    try {
      // The same sentence shifted by one character per paragraph: its numbers meet the end of a
      // line at every offset.
      const sentence = '年报统计数据时限自 2020 年 1 月 1 日起至 2020 年 12 月 31 日止，共受理 123456 件。';
      const paragraphs = Array.from({ length: 30 }, (_, k) => `${'文'.repeat(k)}${sentence}`);
      const r = exampleReport({ year: 2024 });
      const report = { ...r, sections: { ...r.sections, overview: paragraphs.join('\n') } };
      writeFileSync(join(dir, 'numbers.docx'), await render(report, 'docx'));
      await printToPdf([join(dir, 'numbers.docx')], {
        outdir: dir,
        profile: join(dir, 'profile'),
        timeoutMs: 200_000,
      });
      const stdout = await pdfText(join(dir, 'numbers.pdf'));
      const lines = stdout.split('\n');
      const from = lines.findIndex((l) => l.includes('一、总体情况'));
      const to = lines.findIndex((l, i) => i > from && l.includes('二、'));
      expect(from).toBeGreaterThanOrEqual(0);
      const body = lines.slice(from + 1, to).filter((l) => !/^— \d+ —$/.test(l.trim()));
      // the text is all there: every paragraph's numbers, once the lines are put back together
      expect(body.join('').match(/123456/g)).toHaveLength(30);
      const cut = body.flatMap((l, i) =>
        /\d$/.test(l.trimEnd()) && /^\d/.test(body[i + 1]?.trimStart() ?? '')
          ? [`${l.trimEnd().slice(-12)} ⏎ ${body[i + 1]!.trimStart().slice(0, 12)}`]
          : [],
      );
      expect(cut).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
});
