import { aggregate, compare, exampleReport, type Report } from '@nianbao/core';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ROLLUP_FIGURE_LABELS,
  type RollupFigures,
  type RollupYearOnYear,
  render,
  renderRollup,
  rollupYearOnYearDocument,
} from './index.js';
import { docxTables } from './test-support/readers.js';

const agency = (name: string) => ({ name, kind: '政府部门' as const, level: '县级' as const });
const sumOf = (rs: readonly Report[]) => aggregate(rs, { agency: { name: '示例县人民政府' } }).report;

const num = (r: Report, id: string): number | null => {
  const v = (r.cells as Record<string, { value: number | null } | undefined>)[id]?.value;
  return typeof v === 'number' ? v : null;
};
const figures = (r: Report): RollupFigures => {
  const a = num(r, 'reviewLitigation.litigationDirect.total');
  const b = num(r, 'reviewLitigation.litigationAfterReview.total');
  return {
    newReceived: num(r, 'applications.newReceived.total'),
    resultTotal: num(r, 'applications.resultTotal.total'),
    granted: num(r, 'applications.granted.total'),
    review: num(r, 'reviewLitigation.review.total'),
    litigation: a === null || b === null ? null : a + b,
  };
};

/** Two agencies in both years (the second twice as big this year), one only this year, one only last year. */
function region() {
  const last = [
    exampleReport({ year: 2021, agency: agency('交通运输局') }),
    exampleReport({ year: 2021, agency: agency('城关镇人民政府'), scale: 2 }),
  ];
  const now = [
    exampleReport({ year: 2022, agency: agency('交通运输局') }),
    exampleReport({ year: 2022, agency: agency('城关镇人民政府'), scale: 4 }),
  ];
  const prev = sumOf(last);
  const cur = sumOf(now);
  const yoy: RollupYearOnYear = {
    region: '示例县人民政府',
    previousYear: 2021,
    currentYear: 2022,
    statuses: '已提交、已通过、已发布',
    summed: 3,
    lastYearReports: 3,
    counted: ['交通运输局', '城关镇人民政府'],
    noPrevious: [{ name: '新设的数据局', reason: '上年没有报告' }],
    noCurrent: [{ name: '撤并的河西乡人民政府', reason: '本年没有所选状态的报告' }],
    figures: { previous: figures(prev), current: figures(cur) },
    comparison: compare(prev, cur),
  };
  const report = sumOf([...now, exampleReport({ year: 2022, agency: agency('新设的数据局') })]);
  return { yoy, report, prev, cur };
}

/** No report last year at all: no table, a statement. */
const none = (yoy: RollupYearOnYear): RollupYearOnYear => ({
  ...yoy,
  lastYearReports: 0,
  counted: [],
  noPrevious: [],
  noCurrent: [],
  figures: undefined,
  comparison: undefined,
});

const decode = (s: string) =>
  s
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

describe('rollupYearOnYearDocument', () => {
  it('the page’s figures first, with 增减 and 增减率; 表二, 表三’s main rows and 表四’s totals from compare', () => {
    const { yoy, prev, cur } = region();
    const doc = rollupYearOnYearDocument(yoy);
    expect(doc.title).toBe('附：同口径同比（2021—2022 年度）');
    const main = doc.sections[0]!;
    expect(main.rows.map((r) => r.item)).toEqual(ROLLUP_FIGURE_LABELS.map(([, l]) => l));
    const nr = main.rows[0]!;
    const p = num(prev, 'applications.newReceived.total')!;
    const c = num(cur, 'applications.newReceived.total')!;
    expect([nr.previous, nr.current]).toEqual([String(p), String(c)]);
    expect(nr.change).toBe(`${c - p > 0 ? '+' : ''}${c - p}`);
    expect(doc.sections.map((s) => s.title).slice(1)).toEqual([
      '二、主动公开政府信息情况',
      '三、收到和处理政府信息公开申请情况',
      '四、政府信息公开行政复议、行政诉讼情况',
    ]);
    const t4 = doc.sections[3]!.rows.map((r) => r.delta.key);
    expect(t4).toEqual([
      'reviewLitigation.review.total',
      'reviewLitigation.litigationDirect.total',
      'reviewLitigation.litigationAfterReview.total',
    ]);
    expect(doc.sections[2]!.rows.every((r) => r.delta.key.endsWith('.total'))).toBe(true);
    expect(doc.scope.join('\n')).toContain('均有报告（状态为已提交、已通过、已发布）的 2 个机关计入同比');
    expect(doc.scope.join('\n')).toContain('计入的机关：交通运输局、城关镇人民政府。');
    expect(doc.scope.join('\n')).toContain('报告的机关 1 个——新设的数据局（上年没有报告）。');
    expect(doc.scope.join('\n')).toContain('撤并的河西乡人民政府（本年没有所选状态的报告）');
  });

  it('fast-check: each figure’s 增减 is this year − last year, blank when a year is blank; 增减率 「—」 when last year is 0 or blank', () => {
    const { yoy } = region();
    const v = fc.option(fc.integer({ min: 0, max: 100_000 }), { nil: null });
    const figs = fc.record({ newReceived: v, resultTotal: v, granted: v, review: v, litigation: v });
    fc.assert(
      fc.property(figs, figs, (previous, current) => {
        const doc = rollupYearOnYearDocument({ ...yoy, figures: { previous, current } });
        doc.sections[0]!.rows.forEach((r, k) => {
          const key = ROLLUP_FIGURE_LABELS[k]![0];
          const a = previous[key];
          const b = current[key];
          expect(r.previous).toBe(a === null ? '' : String(a));
          expect(r.current).toBe(b === null ? '' : String(b));
          if (a === null || b === null) expect(r.change).toBe('');
          else expect(r.change).toBe(`${b - a > 0 ? '+' : ''}${b - a}`);
          if (a === null || b === null || a === 0) expect(r.rate).toBe('—');
          else if (a === b) expect(r.rate).toBe('0.0%');
          // a number that moved is never 「0.0%」: under 0.05% it is 「+不足0.1%」 / 「-不足0.1%」
          else expect(r.rate).toMatch(b > a ? /^\+(\d+\.\d|不足0\.1)%$/ : /^-(\d+\.\d|不足0\.1)%$/);
        });
      }),
      { numRuns: 200 },
    );
  });

  it('no report last year: a statement, no table', () => {
    const doc = rollupYearOnYearDocument(none(region().yoy));
    expect(doc.sections).toEqual([]);
    expect(doc.scope[0]).toBe(
      '示例县人民政府及其下属机关没有 2021 年度状态为已提交、已通过、已发布的报告，无法进行同比；本文件只有 2022 年度的汇总。',
    );
  });

  it('reports last year but of other agencies only: said, with the agencies named', () => {
    const y = {
      ...none(region().yoy),
      lastYearReports: 1,
      noPrevious: [{ name: '交通运输局', reason: '上年报告状态为草稿' }],
    };
    const doc = rollupYearOnYearDocument(y);
    expect(doc.sections).toEqual([]);
    expect(doc.scope[0]).toContain('没有一个机关有 2021 年度');
    expect(doc.scope[1]).toContain('交通运输局');
  });
});

describe('renderRollup', () => {
  it('without a 同比 it is render’s file', async () => {
    const { report } = region();
    expect(renderRollup(report, 'md', undefined)).toBe(render(report, 'md'));
    expect(renderRollup(report, 'html', undefined)).toBe(render(report, 'html'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderRollup(report, 'xlsx', undefined)) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).not.toContain('同比');
  });

  it('Markdown: the 同比 after the roll-up, its tables read back', () => {
    const { yoy, report } = region();
    const md = renderRollup(report, 'md', yoy);
    const at = md.indexOf('## 附：同口径同比（2021—2022 年度）');
    expect(at).toBeGreaterThan(md.indexOf('四、政府信息公开行政复议、行政诉讼情况'));
    const part = md.slice(at);
    const doc = rollupYearOnYearDocument(yoy);
    for (const s of doc.sections)
      for (const r of s.rows)
        expect(part).toContain(`| ${[r.previous, r.current, r.change, r.rate].join(' | ')} |`);
    expect(part).toContain('新设的数据局');
    expect(renderRollup(report, 'md', none(yoy))).toContain('无法进行同比');
    expect(renderRollup(report, 'md', none(yoy)).slice(at)).not.toContain('| 项目 |');
  });

  it('HTML: a section inside the article, every row with its numbers', () => {
    const { yoy, report } = region();
    const html = renderRollup(report, 'html', yoy);
    const m = /<section class="nianbao-rollup-yoy" data-yoy="compared">([\s\S]*?)<\/section>/.exec(html);
    expect(m).not.toBeNull();
    expect(html.indexOf(m![0])).toBeLessThan(html.indexOf('</article>'));
    const rows = [...m![1]!.matchAll(/<tr data-cell="([^"]+)"[^>]*>([\s\S]*?)<\/tr>/g)].map((x) => [
      x[1],
      [...x[2]!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((y) => decode(y[1]!)),
    ]);
    const doc = rollupYearOnYearDocument(yoy);
    expect(rows).toEqual(
      doc.sections.flatMap((s) =>
        s.rows.map((r) => [r.delta.key, [r.item, r.previous, r.current, r.change, r.rate]]),
      ),
    );
    expect(renderRollup(report, 'html', none(yoy))).toContain('data-yoy="none"');
  });

  it('Word: the roll-up’s tables, then the 同比’s, one per part', async () => {
    const { yoy, report } = region();
    const plain = docxTables(await render(report, 'docx'));
    const withYoy = docxTables(await renderRollup(report, 'docx', yoy));
    const doc = rollupYearOnYearDocument(yoy);
    expect(withYoy.tables).toHaveLength(plain.tables.length + doc.sections.length);
    doc.sections.forEach((s, k) => {
      const t = withYoy.tables[plain.tables.length + k]!;
      expect(t.cells[0]).toEqual(['项目', '上年（2021）', '本年（2022）', '增减', '增减率']);
      expect(t.cells.slice(1).map((r) => r.map((x) => x ?? ''))).toEqual(
        s.rows.map((r) => [r.item, r.previous, r.current, r.change, r.rate]),
      );
    });
    expect(withYoy.xml).toContain('附：同口径同比（2021—2022 年度）');
    expect(withYoy.xml).toContain('新设的数据局');
    const empty = docxTables(await renderRollup(report, 'docx', none(yoy)));
    expect(empty.tables).toHaveLength(plain.tables.length);
    expect(empty.xml).toContain('无法进行同比');
  });

  it('Excel: a sheet 同比 after the tables, numbers as numbers', async () => {
    const { yoy, report, prev, cur } = region();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderRollup(report, 'xlsx', yoy)) as unknown as ArrayBuffer);
    expect(wb.worksheets.at(-1)!.name).toBe('同比');
    const ws = wb.getWorksheet('同比')!;
    const rows: unknown[][] = [];
    ws.eachRow((r) => {
      rows.push((r.values as unknown[]).slice(1));
    });
    expect(rows[0]![0]).toBe('附：同口径同比（2021—2022 年度）');
    const label = ROLLUP_FIGURE_LABELS[0]![1];
    const row = rows.find((r) => r[0] === label)!;
    const p = num(prev, 'applications.newReceived.total')!;
    const c = num(cur, 'applications.newReceived.total')!;
    expect(row.slice(1, 5)).toEqual([p, c, c - p, (c - p) / p]);
    expect(rows.some((r) => String(r[0]).includes('新设的数据局'))).toBe(true);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load((await renderRollup(report, 'xlsx', none(yoy))) as unknown as ArrayBuffer);
    const texts: string[] = [];
    wb2.getWorksheet('同比')!.eachRow((r) => {
      texts.push(String(r.getCell(1).value));
    });
    expect(texts).toHaveLength(2);
    expect(texts[1]).toContain('无法进行同比');
  });
});
