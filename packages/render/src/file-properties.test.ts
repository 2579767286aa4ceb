import { compare, EDITION_IDS, exampleReport, getEdition } from '@nianbao/core';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { render, renderComparison } from './index.js';

const core = (bytes: Uint8Array) => strFromU8(unzipSync(bytes)['docProps/core.xml']!);

describe('file properties', () => {
  it.each(EDITION_IDS)(
    '%s: Word’s description names the format by its title and 文号, not an internal id',
    async (id) => {
      const r = exampleReport({ year: id === '2021' ? 2021 : 2020 });
      const xml = core(await render(r, 'docx'));
      const e = getEdition(id);
      const description = /<dc:description>([^<]*)<\/dc:description>/.exec(xml)![1]!;
      expect(description).toBe(
        `政府信息公开工作年度报告（${r.meta.year}年度，${e.formatTitle}，${e.documentNo}）`,
      );
      expect(description).not.toMatch(/2019-trial|版格式）/);
    },
  );

  it('Excel: creator and last modified by are both Nianbao (not 「Unknown」)', async () => {
    const xml = core(await render(exampleReport({ year: 2024 }), 'xlsx'));
    expect(xml).toContain('<dc:creator>Nianbao</dc:creator>');
    expect(xml).toContain('<cp:lastModifiedBy>Nianbao</cp:lastModifiedBy>');
    expect(xml).not.toContain('Unknown');
  });

  it('the year-on-year comparison in Word: made and last modified by the agency (not 「Un-named」)', async () => {
    const previous = exampleReport({ year: 2024 });
    const current = exampleReport({ year: 2025 });
    const xml = core(await renderComparison(compare(previous, current), 'docx'));
    const agency = current.meta.agency.name;
    expect(xml).toContain(`<dc:creator>${agency}</dc:creator>`);
    expect(xml).toContain(`<cp:lastModifiedBy>${agency}</cp:lastModifiedBy>`);
    expect(xml).not.toContain('Un-named');
  });

  it('the year-on-year comparison in Excel: creator and last modified by are both Nianbao', async () => {
    const c = compare(exampleReport({ year: 2024 }), exampleReport({ year: 2025 }));
    const xml = core(await renderComparison(c, 'xlsx'));
    expect(xml).toContain('<dc:creator>Nianbao</dc:creator>');
    expect(xml).toContain('<cp:lastModifiedBy>Nianbao</cp:lastModifiedBy>');
  });
});
