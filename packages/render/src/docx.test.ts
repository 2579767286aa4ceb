import {
  createEmptyReport,
  EDITION_IDS,
  exampleReport,
  getEdition,
  NianbaoError,
  TABLE_KEYS,
} from '@nianbao/core';
import fc from 'fast-check';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { MAX_DOCX_PARAGRAPHS } from './docx.js';
import { render } from './index.js';
import { tableGrid } from './layout.js';
import { reportArb } from './test-support/arbitraries.js';
import { bigReport, bigTotalsReport } from './test-support/big.js';
import { docxTables, expectedCells, readByPosition } from './test-support/readers.js';
import { seedReport } from './test-support/seed.js';

/** Width of a number as Times New Roman sets it, in em: digits ½, + 0.564, − ⅓, . ¼, 元 1. */
const numberEm = (text: string) =>
  [...text].reduce(
    (a, ch) => a + (/\d/.test(ch) ? 0.5 : ch === '+' ? 0.564 : ch === '-' ? 0.333 : ch === '.' ? 0.25 : 1),
    0,
  );

/**
 * The numbers of each table of a DOCX wider than their cells (twips): the text at its run's size,
 * plus the cell margins and a border, against the width of the grid columns the cell spans.
 */
function numbersTooWide(bytes: Uint8Array): string[] {
  const { xml } = docxTables(bytes);
  const wide: string[] = [];
  for (const [t, tbl] of [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => m[0]).entries()) {
    const grid = [...tbl.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
    const mar = (side: string) =>
      Number(tbl.match(new RegExp(`<w:tblCellMar>.*?<w:${side} [^>]*w:w="(\\d+)"`))?.[1] ?? 108);
    const margins = mar('left') + mar('right');
    for (const tr of tbl.matchAll(/<w:tr>[\s\S]*?<\/w:tr>/g)) {
      let col = 0;
      for (const tc of tr[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)) {
        const span = Number(tc[0].match(/<w:gridSpan w:val="(\d+)"/)?.[1] ?? 1);
        const text = [...tc[0].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
        const sz = Number(tc[0].match(/<w:sz w:val="(\d+)"/)?.[1] ?? 0);
        const width = grid.slice(col, col + span).reduce((a, b) => a + b, 0);
        if (/^[+-]?\d+(\.\d+)?(元|万元)?$/.test(text) && numberEm(text) * sz * 10 + margins + 10 > width)
          wide.push(`table ${t + 2}: ${text} at ${sz / 2} pt in ${width} twips`);
        col += span;
      }
    }
  }
  return wide;
}

const readBack = async (bytes: Uint8Array, edition: (typeof EDITION_IDS)[number]) => {
  const { tables } = docxTables(bytes);
  expect(tables).toHaveLength(3);
  const out = new Map();
  TABLE_KEYS.forEach((t, i) => {
    for (const [k, v] of readByPosition(edition, t, tables[i]!)) out.set(k, v);
  });
  return out;
};

describe('render(report, "docx")', () => {
  it.each([2020, 2021])(
    'a non-zero %i report: real Word tables read back cell for cell by position',
    async (year) => {
      const r = exampleReport({ year });
      const bytes = await render(r, 'docx');
      expect(bytes).toBeInstanceOf(Uint8Array);
      expect(await readBack(bytes, r.meta.edition)).toEqual(expectedCells(r));
    },
  );

  it.each(EDITION_IDS)('%s: merged cells exactly as the layout (gridSpan and vMerge)', async (edition) => {
    const r = createEmptyReport({ year: edition === '2021' ? 2021 : 2020, agency: '某某县人民政府' });
    const { tables } = docxTables(await render(r, 'docx'));
    TABLE_KEYS.forEach((t, i) => {
      const grid = tableGrid(edition, t);
      const want = new Map<string, [number, number]>();
      for (const c of grid.rows.flat())
        if (c.rowSpan > 1 || c.colSpan > 1) want.set(`${c.row},${c.col}`, [c.rowSpan, c.colSpan]);
      expect(tables[i]!.spans).toEqual(want);
      expect(tables[i]!.cells).toHaveLength(grid.rowCount);
      for (const row of tables[i]!.cells) expect(row).toHaveLength(grid.colCount);
    });
    expect(tables[1]!.spans.get('5,0')).toEqual([edition === '2021' ? 22 : 20, 1]);
  });

  it('A4 with GB/T 9704 margins, 公文 fonts, repeated header rows, page numbers', async () => {
    const { xml, files } = docxTables(await render(seedReport(), 'docx'));
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/w:top="2098"/);
    expect(xml).toMatch(/w:left="1587"/);
    for (const f of ['方正小标宋简体', '黑体', '仿宋', '楷体', '宋体'])
      expect(xml).toContain(`w:eastAsia="${f}"`);
    expect(xml).toContain('<w:tblHeader/>');
    // the title in two lines: the agency, then the rest (never broken inside 「年度报告」)
    expect(xml).toContain('>坑仔口镇人民政府</w:t>');
    expect(xml).toContain('>2020年政府信息公开工作年度报告</w:t>');
    expect(files.some((f) => f.startsWith('word/footer'))).toBe(true);
  });

  it('表二: a block’s heading rows keep with the rows they head; a row of numbers does not hold the next', async () => {
    const { xml } = docxTables(await render(seedReport(), 'docx'));
    const rows = [...xml.matchAll(/<w:tr>[\s\S]*?<\/w:tr>/g)].map((m) => m[0]);
    const row = (text: string) => rows.find((r) => r.includes(text))!;
    expect(row('第二十条第（一）项')).toContain('<w:keepNext/>');
    expect(row('本年新制作数量')).toContain('<w:keepNext/>');
    expect(row('>规章<')).toContain('<w:keepNext/>');
    expect(row('>规范性文件<')).not.toContain('<w:keepNext/>');
  });

  it.each(EDITION_IDS)(
    '%s: each 表二 block is kept on one page: every row of it keeps with the next but its last, no row splits',
    async (edition) => {
      const r = exampleReport({ year: edition === '2021' ? 2021 : 2020 });
      const { xml } = docxTables(await render(r, 'docx'));
      const table = [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => m[0])[0]!;
      const rows = [...table.matchAll(/<w:tr>[\s\S]*?<\/w:tr>/g)].map((m) => m[0]);
      const blocks = getEdition(edition).tables.activeDisclosure.blocks;
      expect(rows).toHaveLength(blocks.reduce((n, b) => n + 2 + b.rows.length, 0));
      let k = 0;
      for (const block of blocks) {
        const size = 2 + block.rows.length;
        for (let i = 0; i < size; i++, k++) {
          const row = rows[k]!;
          const paras = [...row.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => m[0]);
          expect(paras.length).toBeGreaterThan(0);
          const last = i === size - 1;
          for (const p of paras) expect(p.includes('<w:keepNext/>'), `${block.caption} row ${i}`).toBe(!last);
          expect(row).toMatch(/<w:cantSplit\/>/);
        }
        // the row after the block's last is the next block's caption
        if (k < rows.length) expect(rows[k]).toContain(blocks[blocks.indexOf(block) + 1]!.caption);
      }
    },
  );

  it.each(EDITION_IDS)(
    '%s: every row of the three tables is kept whole on its page (cantSplit); the column heads keep with two rows',
    async (edition) => {
      const r = createEmptyReport({ year: edition === '2021' ? 2021 : 2020, agency: '某某县人民政府' });
      const { xml } = docxTables(await render(r, 'docx'));
      const tables = [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => m[0]);
      expect(tables).toHaveLength(3);
      TABLE_KEYS.forEach((t, i) => {
        const grid = tableGrid(edition, t);
        const rows = [...tables[i]!.matchAll(/<w:tr>[\s\S]*?<\/w:tr>/g)].map((m) => m[0]);
        expect(rows).toHaveLength(grid.rowCount);
        // a row split across two pages — half a label of 表三 on one, the rest on the next — never
        for (const [k, row] of rows.entries())
          expect(row, `${t} row ${k}`).toMatch(/<w:trPr>(?:(?!<\/w:trPr>).)*<w:cantSplit\/>/);
        // the column heads repeat on each page, and never end a page with only one row under them
        // (LibreOffice then printed nothing of the table after that row)
        for (const [k, row] of rows.entries())
          expect(row.includes('<w:tblHeader/>'), `${t} row ${k}`).toBe(k < grid.headerRows);
        if (grid.headerRows > 0 && grid.rowCount > grid.headerRows + 1)
          expect(rows[grid.headerRows]).toContain('<w:keepNext/>');
      });
    },
  );

  it('the signature (name and date) stays with the report’s last lines: never alone on a page', async () => {
    const r = exampleReport({ year: 2024 });
    const dated = { ...r, meta: { ...r.meta, publishedOn: '2025-01-20' } };
    const { xml } = docxTables(await render(dated, 'docx'));
    const paras = [...xml.matchAll(/<w:p>[\s\S]*?<\/w:p>|<w:p [\s\S]*?<\/w:p>/g)].map((m) => m[0]);
    const at = paras.findIndex((p) => p.includes('2025年1月20日'));
    expect(at).toBeGreaterThan(1);
    const name = paras[at - 1]!;
    expect(name).toContain(r.meta.agency.name);
    expect(name).toContain('<w:keepNext/>');
    // the last line of the text before it holds on to the signature, and is not split itself
    const last = paras[at - 2]!;
    expect(last).toContain('<w:keepNext/>');
    expect(last).toContain('<w:keepLines/>');
    // nothing else of the text is held: only the last paragraph
    expect(paras[at - 3]!.includes('<w:keepLines/>')).toBe(false);
  });

  it('the six parts are the outline (Word’s navigation pane); the text is zh-CN; the agency is the author', async () => {
    const bytes = await render(seedReport(), 'docx');
    const { xml } = docxTables(bytes);
    const files = unzipSync(bytes);
    const outline = [
      ...xml.matchAll(/<w:p>(?:(?!<\/w:p>)[\s\S])*?<w:outlineLvl w:val="0"\/>[\s\S]*?<\/w:p>/g),
    ].map((m) => m[0].replace(/<[^>]+>/g, ''));
    expect(outline).toEqual(getEdition('2019-trial').sections.map((s) => s.title));
    expect(outline).toHaveLength(6);
    expect(strFromU8(files['word/styles.xml']!)).toMatch(/<w:lang [^>]*w:eastAsia="zh-CN"/);
    expect(strFromU8(files['docProps/core.xml']!)).toContain(
      '<cp:lastModifiedBy>坑仔口镇人民政府</cp:lastModifiedBy>',
    );
  });

  it('fonts can be replaced (e.g. 仿宋_GB2312 for older offices)', async () => {
    const { xml } = docxTables(await render(seedReport(), 'docx', { fonts: { body: '仿宋_GB2312' } }));
    expect(xml).toContain('w:eastAsia="仿宋_GB2312"');
  });

  it('blank prints blank, never 0; user text is text', async () => {
    const r = createEmptyReport({ year: 2021, agency: '<w:t>某</w:t>局' });
    const { tables, xml } = docxTables(
      await render({ ...r, sections: { ...r.sections, other: '<script>&' } }, 'docx'),
    );
    const values = readByPosition('2021', 'applications', tables[1]!);
    expect([...values.values()].every((v) => v.value === null)).toBe(true);
    expect(xml).toContain('&lt;script&gt;&amp;');
    expect(xml).toContain('&lt;w:t&gt;某&lt;/w:t&gt;局');
  });

  it('a roll-up report says so in the title and preamble', async () => {
    const r = createEmptyReport({ year: 2021, agency: '示例县人民政府', scope: 'region' });
    const { xml } = docxTables(await render(r, 'docx'));
    expect(xml).toContain('>2021年政府信息公开工作年度报告</w:t>');
    expect(xml).toContain('>（区域汇总）</w:t>');
    expect(xml).toContain('本报告为示例县人民政府区域汇总报告');
  });

  it.each([2020, 2021] as const)(
    '%i: numbers of six and seven digits (a province’s 公安厅) fit their cells: no 「10055」 over 「5」 in 表四',
    async (year) => {
      for (const r of [bigReport(year, 6), bigReport(year, 7), bigTotalsReport(year)]) {
        const bytes = await render(r, 'docx');
        expect(numbersTooWide(bytes)).toEqual([]);
        // and the numbers are the report's, cell for cell
        expect(await readBack(bytes, r.meta.edition)).toEqual(expectedCells(r));
      }
      // most reports: 表三 and 表四 at 小五 (9 pt), 表二 at 五号, the columns by the layout's weights
      const { xml } = docxTables(await render(exampleReport({ year }), 'docx'));
      expect(
        new Set(
          [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].flatMap((m) =>
            [...m[0].matchAll(/<w:sz w:val="(\d+)"/g)].map((x) => x[1]),
          ),
        ),
      ).toEqual(new Set(['21', '18']));
    },
  );

  it('round trip over generated reports (fast-check)', async () => {
    await fc.assert(
      fc.asyncProperty(reportArb, async (r) => {
        expect(await readBack(await render(r, 'docx'), r.meta.edition)).toEqual(expectedCells(r));
      }),
      { numRuns: 8 },
    );
  }, 60_000);
});

describe('a Word file of too many paragraphs', () => {
  const withLines = (n: number) => {
    const r = exampleReport({ year: 2025 });
    return { ...r, sections: { ...r.sections, overview: Array(n).fill('一').join('\n') } };
  };

  it(`is refused at once (RENDER_TOO_LARGE) above ${MAX_DOCX_PARAGRAPHS} paragraphs, instead of running out of memory`, async () => {
    const t = Date.now();
    const e = await Promise.resolve(render(withLines(60_000), 'docx')).catch((x: unknown) => x);
    expect(Date.now() - t).toBeLessThan(2000);
    expect(e).toBeInstanceOf(NianbaoError);
    expect((e as NianbaoError).code).toBe('RENDER_TOO_LARGE');
    expect((e as NianbaoError).message).toMatch(
      /超过 Word 文件的上限（2000 段）.*导出为网页（HTML）或 Markdown/,
    );
    expect((e as NianbaoError).details).toMatchObject({ maxParagraphs: MAX_DOCX_PARAGRAPHS });
    // HTML and Markdown have no such limit
    expect(render(withLines(60_000), 'html')).toContain('<p>一</p>');
  });

  it('a long real report is well under it', async () => {
    const out = await render(withLines(500), 'docx');
    expect(out.byteLength).toBeGreaterThan(1000);
  });
});
