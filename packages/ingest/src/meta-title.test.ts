/**
 * The report's year and agency from its title as Word-made reports print it. Before, a title with
 * its year in full-width digits (「某某县人民政府２０２４年政府信息公开工作年度报告」) or in Chinese
 * numerals (「二〇二四年」) gave no year (YEAR_NOT_FOUND, the 2021 format assumed) and no agency;
 * 「某某县人民政府关于2020年政府信息公开工作年度报告」 gave the agency 「某某县人民政府关于」 — a
 * name matching no other year's reports of the agency.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ingestSync } from './index.js';

const read = (title: string) =>
  ingestSync([title, '一、总体情况', '本年度工作情况。', '二、主动公开政府信息情况', ''].join('\n'), {
    kind: 'text',
  });

const fullWidth = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
const han = (s: string, zero: string) =>
  [...s].map((d) => (d === '0' ? zero : '〇一二三四五六七八九'[Number(d)])).join('');

describe('the year and agency of a title', () => {
  it.each([
    ['某某县人民政府２０２４年政府信息公开工作年度报告', 2024],
    ['某某县人民政府二〇二四年政府信息公开工作年度报告', 2024],
    ['某某县人民政府二零二〇年度政府信息公开工作年度报告', 2020],
  ])('%s: year %i, agency 某某县人民政府, the title as printed', (title, year) => {
    const r = read(title);
    expect(r.report.meta.year).toBe(year);
    expect(r.report.meta.edition).toBe(year >= 2021 ? '2021' : '2019-trial');
    expect(r.report.meta.agency.name).toBe('某某县人民政府');
    expect(r.report.meta.title).toBe(title);
    expect(r.diagnostics.issues.some((i) => i.code === 'YEAR_NOT_FOUND')).toBe(false);
  });

  it('「某某县人民政府关于2020年…」: the agency is the words before 关于', () => {
    const r = read('某某县人民政府关于2020年政府信息公开工作年度报告');
    expect(r.report.meta.agency.name).toBe('某某县人民政府');
    expect(r.report.meta.year).toBe(2020);
  });

  it('any year 2000–2099 in ASCII, full-width or Chinese digits reads the same (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2000, max: 2099 }),
        fc.constantFrom('ascii', 'full', '〇', '零'),
        fc.constantFrom('', '度'),
        fc.boolean(),
        (year, form, du, guanyu) => {
          const y =
            form === 'ascii'
              ? String(year)
              : form === 'full'
                ? fullWidth(String(year))
                : han(String(year), form);
          const title = `示例市交通运输局${guanyu ? '关于' : ''}${y}年${du}政府信息公开工作年度报告`;
          const r = read(title);
          expect(r.report.meta.year).toBe(year);
          expect(r.report.meta.agency.name).toBe('示例市交通运输局');
          expect(r.report.meta.title).toBe(title);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('titles written another way, and a year only guessed', () => {
  it.each([
    ['某某县人民政府政府信息公开工作年度报告（2024年度）', 2024],
    ['某某县人民政府2023年度政府信息公开年报', 2023],
  ])('%s: year %i from the title, agency 某某县人民政府', (title, year) => {
    const r = read(title);
    expect(r.report.meta.year).toBe(year);
    expect(r.report.meta.agency.name).toBe('某某县人民政府');
    expect(r.diagnostics.year.reason).toContain('标题');
    expect(r.diagnostics.issues.some((i) => i.code === 'YEAR_GUESSED')).toBe(false);
  });

  it('no year in a title or 统计期限: the year written most often is a guess, said (it was taken silently)', () => {
    const r = ingestSync(
      [
        '某某县交通运输局政府信息公开工作报告',
        '一、总体情况',
        '2024年，我局认真贯彻落实《条例》。2024年共主动公开政府信息120条。',
        '五、存在的主要问题及改进情况',
        '2025年，我局将进一步加强政务公开工作。',
      ].join('\n'),
      { kind: 'text' },
    );
    expect(r.report.meta.year).toBe(2024);
    const g = r.diagnostics.issues.find((i) => i.code === 'YEAR_GUESSED');
    expect(g?.severity).toBe('warning');
    expect(g?.message).toContain('2024');
  });

  it('a year from the title or the 统计期限 is no guess', () => {
    const r = ingestSync(
      [
        '某某县交通运输局政府信息公开工作报告',
        '本报告统计期限自2024年1月1日起至2024年12月31日止。',
        '一、总体情况',
        '无。',
      ].join('\n'),
      { kind: 'text' },
    );
    expect(r.report.meta.year).toBe(2024);
    expect(r.diagnostics.issues.some((i) => i.code === 'YEAR_GUESSED')).toBe(false);
  });
});
