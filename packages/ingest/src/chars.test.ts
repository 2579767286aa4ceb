/**
 * Radicals for characters: text extracted from PDFs whose fonts draw a character and its radical
 * with one glyph (Chromium's print to PDF among them) reads 「⽰例县」「⻔⼾⽹站」; the importer reads
 * the characters that are printed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unifyRadicals } from './chars.js';
import { ingest } from './ingest.js';

describe('unifyRadicals', () => {
  it('gives the characters a simplified Chinese font prints for Kangxi and supplement radicals', () => {
    expect(unifyRadicals('⽰例县教育局2025年政府信息公开⼯作年度报告')).toBe(
      '示例县教育局2025年政府信息公开工作年度报告',
    );
    expect(unifyRadicals('《中华⼈⺠共和国政府信息公开条例》')).toBe('《中华人民共和国政府信息公开条例》');
    expect(unifyRadicals('本报告电⼦版可在⽰例县教育局⻔⼾⽹站查阅')).toBe(
      '本报告电子版可在示例县教育局门户网站查阅',
    );
    expect(unifyRadicals('统计期限⾃2025年1⽉1⽇起⾄2025年12⽉31⽇⽌')).toBe(
      '统计期限自2025年1月1日起至2025年12月31日止',
    );
    expect(unifyRadicals('⾏政复议 ⻓期 ⻜机 ⻢路 ⻄部 ⻩⾦')).toBe('行政复议 长期 飞机 马路 西部 黄金');
  });

  it('changes nothing else and keeps the length, for any text (fast-check)', () => {
    const radicalOrNot = fc.oneof(
      fc.integer({ min: 0x2e80, max: 0x2fdf }).map((c) => String.fromCharCode(c)),
      fc.string({ maxLength: 3 }),
    );
    fc.assert(
      fc.property(fc.array(radicalOrNot, { maxLength: 40 }), (parts) => {
        const s = parts.join('');
        const u = unifyRadicals(s);
        expect(u.length).toBe(s.length);
        for (let i = 0; i < s.length; i++) {
          const c = s.charCodeAt(i);
          if (c < 0x2e80 || c > 0x2fdf) expect(u.charCodeAt(i)).toBe(c);
          // what a radical becomes is a CJK ideograph (or it stays as it was)
          else expect(u[i] === s[i] || /[\u3400-\u9fff]/.test(u[i]!)).toBe(true);
        }
        expect(unifyRadicals(u)).toBe(u);
      }),
    );
  });
});

describe('a report as PDF text with radicals', () => {
  it('reads its title, agency, year and text as printed', async () => {
    const text = [
      '⽰例县教育局2025年政府信息公开⼯作年度',
      '报告',
      '本报告根据《中华⼈⺠共和国政府信息公开条例》第五⼗条的规定编制。统计期限⾃2025年1⽉1⽇起⾄2025年12⽉31⽇⽌。',
      '⼀、总体情况',
      '2025年，⽰例县教育局在⻔⼾⽹站公开政府信息。',
      '⼆、主动公开政府信息情况',
      '三、收到和处理政府信息公开申请情况',
    ].join('\n');
    const r = await ingest(text);
    expect(r.report.meta.title).toBe('示例县教育局2025年政府信息公开工作年度报告');
    expect(r.report.meta.agency.name).toBe('示例县教育局');
    expect(r.report.meta.year).toBe(2025);
    expect(r.report.sections.overview).toBe('2025年，示例县教育局在门户网站公开政府信息。');
    expect(r.text).not.toMatch(/[\u2e80-\u2fdf]/);
  });

  it('a title wrapped over two lines is one title; a breadcrumb above a title is not part of it', async () => {
    const wrapped = await ingest(
      '某某市某某区人民政府2024年政府\n信息公开工作年度报告\n一、总体情况\n本年度主动公开信息。\n二、主动公开政府信息情况\n',
    );
    expect(wrapped.report.meta.title).toBe('某某市某某区人民政府2024年政府信息公开工作年度报告');
    expect(wrapped.report.meta.agency.name).toBe('某某市某某区人民政府');
    const crumb = await ingest(
      '首页 > 政务公开 > 年报\n某某镇人民政府2020年政府信息公开工作年度报告\n一、总体情况\n本年度主动公开信息。\n二、主动公开政府信息情况\n',
    );
    expect(crumb.report.meta.title).toBe('某某镇人民政府2020年政府信息公开工作年度报告');
  });
});
