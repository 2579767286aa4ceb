import {
  aggregate,
  createEmptyReport,
  EDITION_IDS,
  exampleReport,
  getEdition,
  NianbaoError,
  setCell,
  TABLE_KEYS,
} from '@nianbao/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeHtml, renderHtml } from './html.js';
import { render } from './index.js';
import { reportArb } from './test-support/arbitraries.js';
import { bigReport, bigTotalsReport } from './test-support/big.js';
import { expectedCells, htmlDataCells, htmlTables, readByPosition } from './test-support/readers.js';
import { seedReport } from './test-support/seed.js';

const readBack = (html: string, edition: (typeof EDITION_IDS)[number]) => {
  const tables = htmlTables(html);
  const out = new Map();
  for (const t of TABLE_KEYS) for (const [k, v] of readByPosition(edition, t, tables.get(t)!)) out.set(k, v);
  return out;
};

describe('renderHtml', () => {
  it.each([2020, 2021])('a non-zero %i report reads back cell for cell by grid position', (year) => {
    const r = exampleReport({ year });
    const html = render(r, 'html');
    expect(readBack(html, r.meta.edition)).toEqual(expectedCells(r));
  });

  it('puts data-cell="<cell id>" on every value cell, each id once', () => {
    for (const edition of EDITION_IDS) {
      const r = exampleReport({ year: edition === '2021' ? 2022 : 2019 });
      const cells = htmlDataCells(renderHtml(r));
      expect([...cells.keys()]).toEqual(getEdition(edition).cells.map((c) => c.id));
      expect(cells.get('applications.newReceived.total')).toBe(
        String(r.cells['applications.newReceived.total']!.value),
      );
    }
  });

  it('prints blank cells blank, never 0', () => {
    const r = setCell(
      createEmptyReport({ year: 2021, agency: '某某镇人民政府' }),
      'applications.granted.naturalPerson',
      0,
    );
    const cells = htmlDataCells(renderHtml(r));
    expect(cells.get('applications.granted.naturalPerson')).toBe('0');
    const others = [...cells.entries()].filter(([k]) => k !== 'applications.granted.naturalPerson');
    expect(others.every(([, v]) => v === '')).toBe(true);
  });

  it('the seed: title, preamble, six official section titles, three tables with the official labels', () => {
    const html = renderHtml(seedReport());
    expect(html).toContain('<h1>坑仔口镇人民政府<br>2020年政府信息公开工作年度报告</h1>');
    expect(html).toContain('年报统计数据时限自 2020 年 1 月 1 日起至 2020 年 12 月 31 日止');
    for (const s of getEdition('2019-trial').sections) expect(html).toContain(`<h2>${s.title}</h2>`);
    expect(html).toContain('<th class="caption" colspan="4">第二十条第（九）项</th>');
    expect(html).toContain(
      '<th class="corner" rowspan="3" colspan="3">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</th>',
    );
    expect(html).toContain('<th class="header" scope="col" colspan="7">申请人情况</th>');
    expect(html).toContain('<th class="rowLabel" scope="row" rowspan="20">三、本年度办理结果</th>');
    expect(htmlTables(html).size).toBe(3);
  });

  it('escapes every piece of user text: a narrative with <script> renders as text', () => {
    let r = exampleReport({ year: 2021 });
    r = {
      ...r,
      meta: {
        ...r.meta,
        agency: { name: '<img src=x onerror=alert(1)>局' },
        title: '标题</title><script>x()</script>',
      },
      preamble: '前言 <b>粗</b> & "引号"',
      sections: { ...r.sections, overview: '<script>alert("x")</script>', other: "it's </style>" },
    };
    const html = renderHtml(r);
    expect(html).not.toMatch(/<script|<img|<b>/i);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('<title>标题&lt;/title&gt;&lt;script&gt;x()&lt;/script&gt;</title>');
    expect(html).toContain('it&#39;s &lt;/style&gt;');
    expect(escapeHtml(`<>&"'`)).toBe('&lt;&gt;&amp;&quot;&#39;');
  });

  it('is one self-contained page with A4 print CSS and 公文 font families', () => {
    const html = renderHtml(exampleReport({ year: 2021 }));
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('@page { size: A4; margin: 37mm 26mm 35mm 28mm; }');
    expect(html).not.toMatch(/<link|<script|src="http|url\(/);
    for (const f of ['方正小标宋简体', '黑体', '仿宋_GB2312', '楷体_GB2312']) expect(html).toContain(f);
    expect(html).toContain('<meta name="nianbao:edition" content="2021">');
  });

  it('a fragment is only the <article>', () => {
    const html = renderHtml(exampleReport({ year: 2021 }), { fragment: true });
    expect(html.startsWith('<article class="nianbao-report"')).toBe(true);
    expect(html.endsWith('</article>')).toBe(true);
  });

  it('a roll-up report says so in the title and the preamble', () => {
    const r = exampleReport({ year: 2021, agency: { name: '示例县人民政府' } });
    const region = { ...r, meta: { ...r.meta, scope: 'region' as const } };
    const html = renderHtml(region);
    expect(html).toContain('<h1>示例县人民政府<br>2021年政府信息公开工作年度报告<br>（区域汇总）</h1>');
    expect(html).toMatch(/<div class="preamble"><p>本报告为示例县人民政府区域汇总报告/);
    const generated = renderHtml({
      ...region,
      meta: { ...region.meta, title: undefined },
      preamble: undefined,
    });
    expect(generated).toContain('（区域汇总）</h1>');
    expect(generated).toMatch(/由示例县人民政府汇总编制/);
  });

  it('renders a roll-up from core.aggregate: 区域汇总 in the title, the summed cells in the tables', () => {
    const parts = [1, 2, 3].map((k) =>
      exampleReport({ year: 2022, agency: { name: `示例县第${k}局` }, scale: k }),
    );
    const { report } = aggregate(parts, { agency: { name: '示例县人民政府' } });
    const html = renderHtml(report);
    expect(html).toContain('<h1>示例县人民政府<br>2022年政府信息公开工作年度报告<br>（区域汇总）</h1>');
    // It names whose reports it sums — never more than it has.
    expect(html).toContain('汇总了以下 3 个机关的2022年度报告：示例县第1局、示例县第2局、示例县第3局。');
    expect(html).not.toContain('本行政区域内各行政机关');
    const want = parts.reduce((n, r) => n + r.cells['applications.newReceived.total']!.value!, 0);
    expect(htmlDataCells(html).get('applications.newReceived.total')).toBe(String(want));
  });

  it('a table the report does not have (layout.tablesPresent false) is not printed; its heading is', () => {
    const r = exampleReport({ year: 2021 });
    const html = renderHtml({ ...r, layout: { tablesPresent: { reviewLitigation: false } } });
    expect(htmlTables(html).has('reviewLitigation')).toBe(false);
    expect(html).toContain('<h2>四、政府信息公开行政复议、行政诉讼情况</h2>');
    expect(htmlTables(html).size).toBe(2);
  });

  it('sets the lead 「（一）…。」 of a paragraph in 楷体', () => {
    const html = renderHtml(seedReport());
    expect(html).toContain('<p><span class="kai">（一）主动公开方面，</span>凡是应主动公开的信息');
  });

  it('the generated preamble has 编制依据, 全文结构, 统计期限, contact, and where it is published when that is given', () => {
    const r = createEmptyReport({ year: 2022, agency: '某某市教育局' });
    const html = renderHtml({
      ...r,
      meta: {
        ...r.meta,
        contact: { department: '办公室', address: '某某路1号', phone: '0000-1234567' },
        publishedOn: '2023-01-18',
      },
    });
    expect(html).toContain('第五十条');
    expect(html).toContain('全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况');
    expect(html).toContain('统计期限自2022年1月1日起至2022年12月31日止');
    // No place of publication is claimed unless given (a township may have no portal).
    expect(html).not.toContain('电子版可在');
    expect(renderHtml(r, { publishedAt: '某县人民政府门户网站' })).toContain(
      '本报告电子版可在某县人民政府门户网站查阅。',
    );
    expect(html).toContain('请与办公室联系（地址：某某路1号；电话：0000-1234567）');
    expect(html).toContain('<p>2023年1月18日</p>');
  });

  it('refuses an invalid report with a 简体中文 message', () => {
    const r = exampleReport({ year: 2021 });
    const bad = { ...r, meta: { ...r.meta, year: 1999 } };
    expect(() => renderHtml(bad)).toThrow(NianbaoError);
    expect(() => renderHtml(bad)).toThrow(/报告年度/);
    expect(() => render(r, 'pdf' as never)).toThrow(/不支持的输出格式/);
  });

  it('round trip over generated reports (fast-check): every cell, blanks included; no raw user markup', () => {
    fc.assert(
      fc.property(reportArb, (r) => {
        const html = renderHtml(r);
        expect(readBack(html, r.meta.edition)).toEqual(expectedCells(r));
        expect(html).not.toMatch(/<script/i);
      }),
      { numRuns: 40 },
    );
  });

  it('big numbers (a province’s 公安厅): 表四’s columns are set by its numbers, smaller only when widths cannot do it', () => {
    const table = (html: string, t: string) =>
      html.match(new RegExp(`<table class="t-${t}"[^>]*>.*?</colgroup>`))![0];
    const cols = (html: string, t: string) =>
      [...table(html, t).matchAll(/width:([\d.]+)%/g)].map((m) => Number(m[1]));
    // most reports: the layout's weights (fifteen equal columns), the table's own size
    const plain = renderHtml(exampleReport({ year: 2021 }));
    expect(new Set(cols(plain, 'reviewLitigation'))).toEqual(new Set([6.67]));
    expect(plain).not.toContain('--nb-value-size:');
    expect(plain).toContain('font-size: var(--nb-value-size, 1em)');
    // only the three 总计 over 100 000: they widen, the others give way, at 小五
    const totals = renderHtml(bigTotalsReport(2021));
    const w = cols(totals, 'reviewLitigation');
    expect(w).toHaveLength(15);
    for (const i of [4, 9, 14]) expect(w[i]!).toBeGreaterThan(7);
    expect(w[3]!).toBeLessThan(6.67);
    expect(table(totals, 'reviewLitigation')).not.toContain('--nb-value-size');
    // six digits in all fifteen: the numbers print smaller, 六号 (7.5 pt) at least
    const size = table(renderHtml(bigReport(2021, 6)), 'reviewLitigation').match(
      /--nb-value-size:([\d.]+)pt/,
    );
    expect(Number(size?.[1])).toBeGreaterThanOrEqual(7.5);
    expect(Number(size?.[1])).toBeLessThan(9);
  });
});
