import { createEmptyReport, exampleReport } from '@nianbao/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TITLE_LINE_CHARS, titleLines } from './document.js';
import { render } from './index.js';
import { docxTables } from './test-support/readers.js';

describe('the title breaks after the agency’s name, never inside 「年度报告」', () => {
  it('示例县人民政府2024年…: two lines, the agency, then 「2024年政府信息公开工作年度报告」', async () => {
    const r = createEmptyReport({ year: 2024, agency: '示例县人民政府' });
    expect(titleLines('示例县人民政府2024年政府信息公开工作年度报告')).toEqual([
      '示例县人民政府',
      '2024年政府信息公开工作年度报告',
    ]);
    const html = render(r, 'html');
    expect(html).toContain('<h1>示例县人民政府<br>2024年政府信息公开工作年度报告</h1>');
    // the page's <title> and the file's title keep it whole
    expect(html).toContain('<title>示例县人民政府2024年政府信息公开工作年度报告</title>');
    const { xml } = docxTables(await render(r, 'docx'));
    expect(xml).toMatch(
      />示例县人民政府<\/w:t><\/w:r><w:r>(?:(?!<\/w:r>).)*<w:br\/><w:t[^>]*>2024年政府信息公开工作年度报告</,
    );
  });

  it('a short title is one line; a roll-up’s 「（区域汇总）」 goes on a line of its own when it would not fit', () => {
    expect(titleLines('某镇2024年政府信息公开工作年度报告')).toEqual(['某镇2024年政府信息公开工作年度报告']);
    expect(titleLines('示例县人民政府2024年政府信息公开工作年度报告（区域汇总）')).toEqual([
      '示例县人民政府',
      '2024年政府信息公开工作年度报告',
      '（区域汇总）',
    ]);
  });

  it('property: the lines join to the title, and a standard title’s 「…年度报告」 line is whole and fits', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom(...'示例县市区镇街道办事处人民政府教育局'),
          minLength: 1,
          maxLength: 30,
        }),
        fc.integer({ min: 2019, max: 2035 }),
        (agency, year) => {
          const title = `${agency}${year}年政府信息公开工作年度报告`;
          const lines = titleLines(title);
          expect(lines.join('')).toBe(title);
          const line = lines.find((l) => l.includes('年度报告'))!;
          expect(line.endsWith('政府信息公开工作年度报告')).toBe(true);
          expect([...line].length).toBeLessThanOrEqual(TITLE_LINE_CHARS);
        },
      ),
    );
  });

  it('titles as published (fixtures): 「…工作报告」, 「…年度报告」, the year first — broken between words, not inside 「政府信／息」', async () => {
    // corpus 002, 012, 028: Word broke them by width as 「…2019年政府信／息公开工作报告」, 「…政府信息公／开年度报告」
    expect(titleLines('重庆市合川区二郎镇人民政府2019年政府信息公开工作报告')).toEqual([
      '重庆市合川区二郎镇人民政府',
      '2019年政府信息公开工作报告',
    ]);
    expect(titleLines('广州市海珠区江南中街道2020年政府信息公开年度报告')).toEqual([
      '广州市海珠区江南中街道',
      '2020年政府信息公开年度报告',
    ]);
    expect(titleLines('平潭综合实验区2021年度政府信息公开工作年度报告')).toEqual([
      '平潭综合实验区',
      '2021年度政府信息公开工作年度报告',
    ]);
    expect(titleLines('2019年上海市人民政府办公厅政府信息公开工作年度报告')).toEqual([
      '2019年上海市人民政府办公厅',
      '政府信息公开工作年度报告',
    ]);
    const r = createEmptyReport({ year: 2019, agency: '上海市人民政府办公厅' });
    const titled = { ...r, meta: { ...r.meta, title: '2019年上海市人民政府办公厅政府信息公开工作年度报告' } };
    expect(render(titled, 'html')).toContain(
      '<h1>2019年上海市人民政府办公厅<br>政府信息公开工作年度报告</h1>',
    );
    const { xml } = docxTables(await render(titled, 'docx'));
    expect(xml).toMatch(
      />2019年上海市人民政府办公厅<\/w:t><\/w:r><w:r>(?:(?!<\/w:r>).)*<w:br\/><w:t[^>]*>政府信息公开工作年度报告</,
    );
  });

  it('property: any spelling of the name, agency or year first — the lines join to the title and the name is one line', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom(...'示例县市区镇街道办事处人民政府教育局'),
          minLength: 1,
          maxLength: 30,
        }),
        fc.integer({ min: 2019, max: 2035 }),
        fc.constantFrom('政府信息公开工作年度报告', '政府信息公开年度报告', '政府信息公开工作报告'),
        fc.constantFrom('年', '年度'),
        fc.boolean(),
        (agency, year, name, nian, yearFirst) => {
          const title = yearFirst ? `${year}${nian}${agency}${name}` : `${agency}${year}${nian}${name}`;
          const lines = titleLines(title);
          expect(lines.join('')).toBe(title);
          if ([...title].length <= TITLE_LINE_CHARS) expect(lines).toEqual([title]);
          else {
            // two lines, the second ending with the whole name: 「2024年政府信息公开工作年度报告」 or the name
            expect(lines).toHaveLength(2);
            expect(lines[1]!.endsWith(name)).toBe(true);
          }
        },
      ),
    );
  });

  it('every format still carries the whole title', () => {
    const r = exampleReport({ year: 2024 });
    expect(render(r, 'md').split('\n')[0]).toBe(`# ${r.meta.agency.name}2024年政府信息公开工作年度报告`);
  });
});
