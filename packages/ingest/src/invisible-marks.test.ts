import { describe, expect, it } from 'vitest';
import { ingestSync } from './index.js';
import { fixtureText } from './test-support/fixtures.js';

/**
 * Marks that print as nothing, left by editors and web pages (「&lrm;」 after a number, a
 * right-to-left mark, a bidi isolate) and the Unicode line separators of text from web editors:
 * a report reads as without them. Once every number with a mark beside it was CELL_UNREADABLE (167
 * errors on 平潭's tables, 33 of 200 cells read), a label with one inside was not found, and text
 * whose lines ended in U+2028 or NEL was one line — 表四 read a column over (its first number glued
 * to the head 「总计」), said only as 「原文在此截断」.
 */
describe('invisible marks and Unicode line separators', () => {
  const text = fixtureText('corpus/f03.tables.txt');
  const plain = ingestSync(text, { kind: 'text' });
  const values = (r: ReturnType<typeof ingestSync>) =>
    Object.fromEntries(Object.entries(r.report.cells).map(([id, c]) => [id, c.value]));
  const errors = (r: ReturnType<typeof ingestSync>) =>
    r.diagnostics.issues.filter((i) => i.severity === 'error').map((i) => i.code);

  it('the fixture reads whole (200 numbers, no error)', () => {
    expect(Object.values(plain.report.cells).filter((c) => c.value !== null)).toHaveLength(200);
    expect(errors(plain)).toEqual([]);
  });

  it.each([
    ['LRM', '\u200e'],
    ['RLM', '\u200f'],
    ['ALM', '\u061c'],
    ['LRE', '\u202a'],
    ['LRI', '\u2066'],
    ['PDI', '\u2069'],
    ['word joiner', '\u2060'],
  ])('%s after every number and inside every row label: the same cells', (_, mark) => {
    const marked = text
      .replace(/ (\d+(?:\.\d+)?)(?= \||$)/gm, ` $1${mark}`)
      .replace(/^(.)(.)/gm, (m, a: string, b: string) => (/[\u4e00-\u9fff]/.test(b) ? `${a}${mark}${b}` : m));
    expect(marked).not.toBe(text);
    const r = ingestSync(marked, { kind: 'text' });
    expect(values(r)).toEqual(values(plain));
    expect(errors(r)).toEqual([]);
  });

  it.each([
    ['LINE SEPARATOR', '\u2028'],
    ['PARAGRAPH SEPARATOR', '\u2029'],
    ['NEL', '\u0085'],
  ])('lines ended by %s: the same cells, 表四 too', (_, sep) => {
    const r = ingestSync(text.replace(/\n/g, sep), { kind: 'text' });
    expect(values(r)).toEqual(values(plain));
    expect(errors(r)).toEqual([]);
    expect(r.report.cells['reviewLitigation.review.upheld']?.value).toBe(1);
  });

  it('a web page with &lrm; after its numbers: the same cells', () => {
    const rows = text
      .split('\n')
      .map(
        (l) =>
          `<tr>${l
            .split(' | ')
            .map((c) => `<td>${/^\d/.test(c) ? `${c}&lrm;` : c}</td>`)
            .join('')}</tr>`,
      )
      .join('');
    const html = `<html><body><p>平潭综合实验区2021年度政府信息公开工作年度报告</p><table>${rows}</table></body></html>`;
    const fromHtml = ingestSync(html, { kind: 'html' });
    const without = ingestSync(html.replaceAll('&lrm;', ''), { kind: 'html' });
    expect(Object.values(without.report.cells).filter((c) => c.value !== null).length).toBeGreaterThan(150);
    expect(values(fromHtml)).toEqual(values(without));
  });
});
