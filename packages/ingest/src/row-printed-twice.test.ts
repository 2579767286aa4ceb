import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestSync } from './index.js';
import { FIXTURES, fixtureText } from './test-support/fixtures.js';

/**
 * A row printed twice with different numbers — an old row left under the corrected one, a page's
 * last row repeated (changed) at the top of the next — was read from its last place with nothing
 * said: 「5.属于三类内部事务信息」 printed 1 … 1 then 9 … 9 read 自然人 9, 总计 9 at high confidence.
 * Now an error names both places and their numbers (the last is still read: where a heading over a
 * mini-table prints a label first, the row is the last place).
 */
describe('a row printed twice', () => {
  const text = fixtureText('corpus/f03.tables.txt');
  const row = /^5\.属于三类内部事务信息 \| 1 \| 0 \| 0 \| 0 \| 0 \| 0 \| 1$/m;
  const twice = (second: string) => text.replace(row, (m) => `${m}\n${second}`);
  const said = (r: ReturnType<typeof ingestSync>) =>
    r.diagnostics.issues.filter((i) => i.code === 'ROW_PRINTED_TWICE');

  it("表三, different numbers: an error naming both lines, their numbers and the row's cells", () => {
    expect(text).toMatch(row);
    const r = ingestSync(twice('5.属于三类内部事务信息 | 9 | 0 | 0 | 0 | 0 | 0 | 9'), { kind: 'text' });
    const [d, ...more] = said(r);
    expect(more).toEqual([]);
    expect(d).toMatchObject({
      severity: 'error',
      message:
        '表三「5.属于三类内部事务信息」印了 2 次，数值不同：第 31 行第 1 列（1 0 0 0 0 0 1），第 32 行第 1 列（9 0 0 0 0 0 9）；按最后一处读取，请核对哪一处是对的',
      where: { line: 32 },
    });
    expect(d!.cells).toContain('applications.denied_internalAffairs.naturalPerson');
    expect(d!.cells).toHaveLength(7);
  });

  it.each([
    ['next to each other', ''],
    ['over a page break', '第 3 页 共 8 页\n'],
    ['over a page break, the head repeated', '— 3 —\n自然人 | 法人或其他组织 | 总计\n'],
  ])('the same numbers twice (%s): read, nothing said', (_, between) => {
    const r = ingestSync(twice(`${between}5.属于三类内部事务信息 | 1 | 0 | 0 | 0 | 0 | 0 | 1`), {
      kind: 'text',
    });
    expect(said(r)).toEqual([]);
    expect(r.report.cells['applications.denied_internalAffairs.total']?.value).toBe(1);
  });

  it("in a web page's table too", () => {
    const html = `<html><body><p>平潭综合实验区2021年度政府信息公开工作年度报告</p>${twice(
      '5.属于三类内部事务信息 | 1 | 0 | 0 | 0 | 0 | 0 | 2',
    )
      .split('\n')
      .map((l) =>
        l.includes(' | ')
          ? `<table><tr><td>${l.split(' | ').join('</td><td>')}</td></tr></table>`
          : `<p>${l}</p>`,
      )
      .join('')}</body></html>`;
    const [d] = said(ingestSync(html, { kind: 'html' }));
    expect(d?.message).toMatch(
      /^表三「5\.属于三类内部事务信息」印了 2 次，数值不同：.*（1 0 0 0 0 0 1），.*（1 0 0 0 0 0 2）/,
    );
  });

  it('表二: 行政许可 printed twice with different numbers', () => {
    const r = ingestSync(text.replace('行政许可 | 2293', '行政许可 | 2293\n行政许可 | 2300'), {
      kind: 'text',
    });
    const [d] = said(r);
    expect(d?.message).toMatch(
      /^表二第二十条第（五）项「行政许可」印了 2 次，数值不同：.*（2293），.*（2300）/,
    );
    expect(d?.cells).toEqual(['activeDisclosure.licensing.decisions']);
  });

  it('the corpus (f08: headings over mini-tables print labels twice) says it of none', () => {
    for (const f of readdirSync(join(FIXTURES, 'corpus')).filter((n) => n.endsWith('.txt'))) {
      const r = ingestSync(fixtureText(`corpus/${f}`), { kind: 'text' });
      expect(said(r), f).toEqual([]);
    }
  });
});
