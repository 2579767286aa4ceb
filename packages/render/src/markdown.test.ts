import { createEmptyReport, exampleReport, getEdition } from '@nianbao/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeMarkdown, renderMarkdown } from './markdown.js';
import { reportArb } from './test-support/arbitraries.js';
import { expectedCells, markdownCells } from './test-support/readers.js';
import { seedReport } from './test-support/seed.js';

describe('renderMarkdown', () => {
  it.each([2019, 2021])('a non-zero %i report reads back cell for cell by label', (year) => {
    const r = exampleReport({ year });
    expect(markdownCells(renderMarkdown(r), r.meta.edition)).toEqual(expectedCells(r));
  });

  it('the seed: title, six official section titles, block captions, 信息内容, verbatim row labels', () => {
    const md = renderMarkdown(seedReport());
    expect(md.startsWith('# 坑仔口镇人民政府2020年政府信息公开工作年度报告\n')).toBe(true);
    for (const s of getEdition('2019-trial').sections) expect(md).toContain(`\n## ${s.title}\n`);
    for (const b of getEdition('2019-trial').tables.activeDisclosure.blocks)
      expect(md).toContain(`**${b.caption}**`);
    expect(md).toContain('| 信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |');
    expect(md).toContain(
      '| （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 自然人 | 商业企业 |',
    );
    expect(md).toContain('| 　　5.要求行政机关确认或重新出具已获取信息 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |');
    expect(md).toContain('| 行政诉讼 · 复议后起诉 | 0 | 0 | 0 | 0 | 0 |');
  });

  it('prints blank cells blank, never 0', () => {
    const md = renderMarkdown(createEmptyReport({ year: 2021, agency: '某某镇人民政府' }));
    expect(md).toContain('| 一、本年新收政府信息公开申请数量 |  |  |  |  |  |  |  |');
    expect(md).not.toMatch(/\| 0 \|/);
  });

  it('escapes user text: no HTML, no table breaks, no headings from narrative', () => {
    const r = exampleReport({ year: 2021 });
    const md = renderMarkdown({
      ...r,
      sections: { ...r.sections, overview: '<script>alert(1)</script>\n# 标题\n| a | b |' },
    });
    // a < escaped is no tag; a > inside a line is text in Markdown and stays as written
    expect(md).toContain('\\<script>alert(1)\\</script>');
    expect(md).toContain('\n\\# 标题\n');
    expect(md).toContain('\\| a \\| b \\|');
    expect(escapeMarkdown('**x** [y](z)')).toBe('\\*\\*x\\*\\* \\[y\\](z)');
  });

  it('escapes only ASCII punctuation Markdown would read: not 全角 or non-ASCII (‹›《》＃), a list number as 1\\.', () => {
    expect(escapeMarkdown('《上海市贯彻‹长江›<纲要>实施方案》＃＊')).toBe(
      '《上海市贯彻‹长江›\\<纲要>实施方案》＃＊',
    );
    expect(escapeMarkdown('1. 第一条')).toBe('1\\. 第一条');
    expect(escapeMarkdown('2019.12 月')).toBe('2019.12 月');
    expect(escapeMarkdown('~~删除~~ &amp; & 符号 a>b')).toBe('\\~\\~删除\\~\\~ \\&amp; & 符号 a>b');
    expect(escapeMarkdown('> 引用')).toBe('\\> 引用');
    expect(escapeMarkdown('- 减号')).toBe('\\- 减号');
  });

  it('a roll-up report says so in the title and preamble', () => {
    const r = createEmptyReport({ year: 2021, agency: '示例县人民政府', scope: 'region' });
    const md = renderMarkdown(r);
    expect(md).toMatch(/^# 示例县人民政府2021年政府信息公开工作年度报告（区域汇总）/);
    expect(md).toContain('本报告为示例县人民政府区域汇总报告');
  });

  it('round trip over generated reports (fast-check)', () => {
    fc.assert(
      fc.property(reportArb, (r) => {
        expect(markdownCells(renderMarkdown(r), r.meta.edition)).toEqual(expectedCells(r));
      }),
      { numRuns: 40 },
    );
  });
});
