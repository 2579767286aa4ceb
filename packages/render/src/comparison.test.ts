import {
  type CellId,
  type Comparison,
  compare,
  type Delta,
  exampleReport,
  type Report,
  SEVERITY_LABELS,
} from '@nianbao/core';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COMPARISON_CSV_COLUMNS, comparisonRate, renderComparison } from './index.js';
import { reportArb } from './test-support/arbitraries.js';
import { docxTables } from './test-support/readers.js';
import { seedReport } from './test-support/seed.js';

const set = (r: Report, cells: Record<string, Report['cells'][CellId]>): Report => ({
  ...r,
  cells: { ...r.cells, ...cells } as Report['cells'],
});

/** Same edition, with what a reader must see right: 元 → 万元, a blank each side, last year 0. */
function crafted(): Comparison {
  const prev = set(exampleReport({ year: 2021 }), {
    'activeDisclosure.adminFees.feeAmount': { value: 203000, unit: '元' },
    'applications.newReceived.naturalPerson': { value: null },
    'applications.newReceived.researchInstitution': { value: 0 },
  });
  const cur = set(exampleReport({ year: 2022 }), {
    'activeDisclosure.adminFees.feeAmount': { value: 25.1, unit: '万元' },
    'applications.newReceived.researchInstitution': { value: 5 },
    'applications.newReceived.publicInterestOrg': { value: null },
  });
  return compare(prev, cur);
}

/** An amount without a unit (2019 trial format: 采购总金额 printed bare). */
function unknownUnit(): Comparison {
  const prev = set(exampleReport({ year: 2019 }), {
    'activeDisclosure.centralProcurement.procurementAmount': { value: 251000 },
  });
  return compare(prev, exampleReport({ year: 2020 }));
}

const FIXTURES: [string, () => Comparison][] = [
  [
    'example 2021 → 2022 (same edition, X1 findings)',
    () => compare(exampleReport({ year: 2021 }), exampleReport({ year: 2022 })),
  ],
  [
    'seed 2020 (trial) → example 2021 (across editions)',
    () => compare(seedReport(), exampleReport({ year: 2021 })),
  ],
  ['crafted: 元/万元, blanks, last year 0', crafted],
  ['2019 → 2020 with an amount of no unit', unknownUnit],
  [
    'a change under 0.05% (5000 → 5001, 8000 → 7999)',
    () =>
      compare(
        set(exampleReport({ year: 2021 }), {
          'applications.newReceived.naturalPerson': { value: 5000 },
          'activeDisclosure.regulations.valid': { value: 8000 },
        }),
        set(exampleReport({ year: 2022 }), {
          'applications.newReceived.naturalPerson': { value: 5001 },
          'activeDisclosure.regulations.valid': { value: 7999 },
        }),
      ),
  ],
];

const TABLES = ['activeDisclosure', 'applications', 'reviewLitigation'] as const;
const SHEETS = { activeDisclosure: '表二', applications: '表三', reviewLitigation: '表四' } as const;
const byTable = (c: Comparison) =>
  TABLES.map((t) => c.deltas.filter((d) => d.key.startsWith(`${t}.`))).filter((x) => x.length);

/**
 * Read a printed value back: '' → null; 「25.1万元」 → 25.1; 「251000（未注明单位）」 → 251000; an amount
 * not compared with the unit its year's report states (「251000元」).
 */
function readValue(s: string, d: Delta, which: 'previous' | 'current'): number | null {
  if (s === '') return null;
  const m = /^(-?\d+(?:\.\d+)?)(万元|元|（未注明单位）)?$/.exec(s);
  if (!m) throw new Error(`unreadable value ${JSON.stringify(s)}`);
  const printed = d.printedUnits?.[which];
  expect(m[2] ?? null, `${d.key}: unit of ${s}`).toBe(
    d.unit === '万元'
      ? '万元'
      : d.unit === 'unknown'
        ? printed === '万元' || printed === '元'
          ? printed
          : '（未注明单位）'
        : null,
  );
  return Number(m[1]);
}

/**
 * The XLSX 单位 column of a delta: 万元, empty for counts; an amount not compared, each year's unit as
 * its report states it where the years with an amount differ (「上年元，本年未注明」).
 */
function unitCell(d: Delta): string | null {
  if (d.unit !== 'unknown') return d.unit === '万元' ? '万元' : null;
  const zh = (u: string | undefined) => (u === '元' || u === '万元' ? u : '未注明');
  const p = d.previous === null ? undefined : zh(d.printedUnits?.previous);
  const c = d.current === null ? undefined : zh(d.printedUnits?.current);
  return p && c && p !== c ? `上年${p}，本年${c}` : (p ?? c ?? '未注明');
}

/** Check one printed row against its delta, by reading the texts back (not by the renderer's own code). */
function checkRow(texts: readonly string[], d: Delta) {
  const [item, previous, current, change, rate] = texts.map((t) => (t ?? '').trim());
  const bare = d.label.replace(/^表[二三四]\s*/, '');
  expect(item, d.key).toBe(d.quality === 'approximate' ? `${bare}（近似）` : bare);
  expect(readValue(previous!, d, 'previous'), `${d.key} previous`).toBe(d.previous);
  expect(readValue(current!, d, 'current'), `${d.key} current`).toBe(d.current);
  if (d.delta === null) {
    expect(change, d.key).toBe(
      d.unit === 'unknown' && d.previous !== null && d.current !== null ? '单位不明，未比较' : '',
    );
  } else {
    const m = /^([+-]?\d+(?:\.\d+)?)(万元)?$/.exec(change!);
    expect(m, `${d.key} change ${change}`).not.toBeNull();
    expect(Number(m![1]), d.key).toBe(d.delta);
    if (d.delta > 0) expect(change!.startsWith('+')).toBe(true);
  }
  if (d.change === null) expect(rate, d.key).toBe('—');
  else if (d.change !== 0 && Math.abs(d.change) < 0.0005)
    expect(rate, d.key).toBe(`${d.change > 0 ? '+' : '-'}不足0.1%`);
  else {
    const m = /^([+-]?)(\d+\.\d)%$/.exec(rate!);
    expect(m, `${d.key} rate ${rate}`).not.toBeNull();
    const want = Math.round(Math.abs(d.change) * 1000) / 10;
    expect(Number(m![2]), d.key).toBeCloseTo(want, 9);
    if (want !== 0) expect(m![1]).toBe(d.change > 0 ? '+' : '-');
  }
}

const decode = (s: string) =>
  s
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

/** RFC 4180 records. */
function csvRecords(text: string): string[][] {
  const out: string[][] = [];
  let rec: string[] = [];
  let f = '';
  let q = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (q) {
      if (ch === '"' && text[i + 1] === '"') {
        f += '"';
        i++;
      } else if (ch === '"') q = false;
      else f += ch;
    } else if (ch === '"') q = true;
    else if (ch === ',') {
      rec.push(f);
      f = '';
    } else if (ch === '\n') {
      rec.push(f);
      out.push(rec);
      rec = [];
      f = '';
    } else f += ch;
  }
  if (f || rec.length) out.push([...rec, f]);
  return out;
}

const unguard = (s: string) => (/^'[=+\-@\t\r']/.test(s) ? s.slice(1) : s);

describe('renderComparison: the title', () => {
  it('breaks after the agency in Word and HTML, never inside 「年度报告」 (Markdown keeps one line)', async () => {
    const c = crafted();
    const { xml } = docxTables(await renderComparison(c, 'docx'));
    const first = /<w:p>[\s\S]*?<\/w:p>|<w:p [\s\S]*?<\/w:p>/.exec(xml.slice(xml.indexOf('<w:body>')))![0];
    const runs = [...first.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]);
    expect(runs).toEqual(['示例县交通运输局', '2021—2022年度政府信息公开工作年度报告同比']);
    expect(first).toContain('<w:br/>');
    const html = renderComparison(c, 'html');
    expect(html).toContain('<h1>示例县交通运输局<br>2021—2022年度政府信息公开工作年度报告同比</h1>');
  });
});

describe('renderComparison: the year-on-year comparison as files', () => {
  it('the crafted pair prints what a reader must see: 万元, blanks blank, 「—」, one decimal', () => {
    const c = crafted();
    const md = renderComparison(c, 'md', { basis: { statusLabel: '草稿', published: false, version: 2 } });
    expect(md).toContain('# 示例县交通运输局 2021—2022年度政府信息公开工作年度报告同比');
    expect(md).toContain('上年报告：2021 年度报告尚未发布（草稿，第 2 版）');
    // 203000 元 = 20.3 万元 → 25.1 万元: +4.8 万元, +23.6 %
    expect(md).toMatch(
      /\| 第二十条第（八）项 行政事业性收费 · 本年收费金额（单位：万元） \| 20\.3万元 \| 25\.1万元 \| \+4\.8万元 \| \+23\.6% \|/,
    );
    // 40 → 44: +10.0% (one decimal, always)
    expect(md).toMatch(/规范性文件 · 现行有效件数 \| 40 \| 44 \| \+4 \| \+10\.0% \|/);
    // last year 0: the rate is 「—」, never Infinity
    expect(md).toMatch(/科研机构 \| 0 \| 5 \| \+5 \| — \|/);
    // a blank is blank on either side, no change printed
    expect(md).toMatch(/自然人 \|\s+\| \d+ \|\s+\| — \|/);
    expect(md).toMatch(/公益组织 \| 0 \|\s+\|\s+\| — \|/);
    expect(md).toContain('X1（跨年）：');
    expect(md).not.toMatch(/NaN|Infinity|undefined|null/);
  });

  it('a cell never read from a report is 「未读到」, told from a blank it printed, and said how to read', async () => {
    const prev = exampleReport({ year: 2021 });
    const { 'applications.granted.naturalPerson': _gone, ...rest } = prev.cells;
    const cur = set(exampleReport({ year: 2022 }), { 'applications.granted.otherOrg': { value: null } });
    const c = compare({ ...prev, cells: rest }, cur);
    const md = renderComparison(c, 'md');
    expect(md).toMatch(/（一）予以公开 · 自然人 \| 未读到 \| \d+ \|\s+\| — \|/);
    // a blank the report printed stays blank
    expect(md).toMatch(/（一）予以公开 · 其他 \| \d+ \|\s+\|\s+\| — \|/);
    expect(md).toContain('「未读到」表示导入时未能从报告中读出该项，不是报告留空');
    expect(md).toContain('2021 年度的报告中有 1 项未读到');
    expect(renderComparison(c, 'html')).toContain('<td class="num">未读到</td>');
    expect(renderComparison(crafted(), 'md')).not.toContain('未读到');
    const bytes = await renderComparison(c, 'xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    );
    const rows = wb.getWorksheet('表三')!.getSheetValues() as unknown[][];
    const row = (label: string) => rows.find((r) => r?.[1] === label)!;
    expect(row('（一）予以公开 · 自然人').slice(2, 4)).toEqual(['未读到', 20]);
    expect(row('（一）予以公开 · 其他')[3] ?? null).toBeNull();
  });

  it('增减率: a change under 0.05% is 「不足0.1%」 with its sign, never 「0.0%」 beside a number that moved', () => {
    expect(comparisonRate(1 / 5001)).toBe('+不足0.1%');
    expect(comparisonRate(-1 / 5001)).toBe('-不足0.1%');
    expect(comparisonRate(0)).toBe('0.0%');
    expect(comparisonRate(-0)).toBe('0.0%');
    expect(comparisonRate(0.0005)).toBe('+0.1%');
    expect(comparisonRate(-0.125)).toBe('-12.5%');
    expect(comparisonRate(null)).toBe('—');
    // half up as a person rounds (四舍五入): 201 of 400 more is 50.25% → 「+50.3%」, not 「+50.2%」
    expect(comparisonRate(201 / 400)).toBe('+50.3%');
    expect(comparisonRate(-0.0125)).toBe('-1.3%');
  });

  it('the basis: published said plainly; none given, nothing said', () => {
    const c = crafted();
    expect(
      renderComparison(c, 'html', { basis: { statusLabel: '已发布', published: true, version: 1 } }),
    ).toContain('上年报告：2021 年度报告已发布（第 1 版）');
    expect(renderComparison(c, 'md')).not.toContain('上年报告');
  });

  it('across editions: 「近似」 marked, the items not comparable listed with their reason', () => {
    const c = compare(seedReport(), exampleReport({ year: 2021 }));
    const md = renderComparison(c, 'md');
    expect(md).toContain('规章 本年新制作/制发件数（近似）');
    expect(md).toContain('对外公开总数量与现行有效件数概念不同');
    expect(md).toContain('两份报告格式版本不同');
    for (const n of c.notComparable) expect(md).toContain(`${n.label}：${n.reason}`);
  });

  it('an amount of no unit one year: the other year with the unit its report states, never 「未注明单位」', () => {
    const fee = 'activeDisclosure.adminFees.feeAmount';
    const c = compare(
      set(exampleReport({ year: 2022 }), { [fee]: { value: 203000, unit: '元' } }),
      set(exampleReport({ year: 2023 }), { [fee]: { value: 5, unit: 'unknown' } }),
    );
    expect(renderComparison(c, 'md')).toMatch(/\| 203000元 \| 5（未注明单位） \| 单位不明，未比较 \| — \|/);
    const w = compare(
      set(exampleReport({ year: 2022 }), { [fee]: { value: 20.3 } }),
      set(exampleReport({ year: 2023 }), { [fee]: { value: 5, unit: 'unknown' } }),
    );
    expect(renderComparison(w, 'md')).toMatch(/\| 20\.3万元 \| 5（未注明单位） \| 单位不明，未比较 \| — \|/);
  });

  it('XLSX: an amount of no unit one year — each year with the unit its report states, never 「未注明」 for both', async () => {
    const fee = 'activeDisclosure.adminFees.feeAmount';
    const sheetRow = async (c: Comparison, key: string) => {
      const bytes = await renderComparison(c, 'xlsx');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(
        bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
      );
      const ws = wb.getWorksheet('表二')!;
      const at = c.deltas
        .filter((d) => d.key.startsWith('activeDisclosure.'))
        .findIndex((d) => d.key === key);
      return ws.getRow(at + 3);
    };
    // 2022 states 元, 2023 none: 「203000元 | 5（未注明单位）」 in Markdown and HTML
    const yuan = await sheetRow(
      compare(
        set(exampleReport({ year: 2022 }), { [fee]: { value: 203000, unit: '元' } }),
        set(exampleReport({ year: 2023 }), { [fee]: { value: 5, unit: 'unknown' } }),
      ),
      fee,
    );
    expect([2, 3, 4, 6].map((i) => yuan.getCell(i).value)).toEqual([
      203000,
      5,
      '单位不明，未比较',
      '上年元，本年未注明',
    ]);
    expect(yuan.getCell(2).numFmt).toBe('General"元"');
    expect(yuan.getCell(3).numFmt ?? 'General').toBe('General');
    // 2022 in the header's 万元
    const wan = await sheetRow(
      compare(
        set(exampleReport({ year: 2022 }), { [fee]: { value: 20.3 } }),
        set(exampleReport({ year: 2023 }), { [fee]: { value: 5, unit: 'unknown' } }),
      ),
      fee,
    );
    expect(wan.getCell(6).value).toBe('上年万元，本年未注明');
    expect(wan.getCell(2).numFmt).toBe('General"万元"');
    // 2019's 采购总金额 printed bare, 2020's in 万元
    const procurement = 'activeDisclosure.centralProcurement.procurementAmount';
    const bare = await sheetRow(unknownUnit(), procurement);
    expect([2, 3, 6].map((i) => bare.getCell(i).value)).toEqual([251000, 153.1, '上年未注明，本年万元']);
    expect(bare.getCell(3).numFmt).toBe('General"万元"');
  });

  it('an amount of no unit: as printed, said so, not compared', () => {
    const md = renderComparison(unknownUnit(), 'md');
    // 2020's amount states 万元: said so, never 「未注明单位」 as the other year's
    expect(md).toMatch(/251000（未注明单位） \| 153\.1万元 \| 单位不明，未比较 \| — \|/);
    expect(md).toContain('年度的金额未注明单位');
  });

  describe.each(FIXTURES)('%s', (_name, make) => {
    it('Markdown: one table per section in the report’s order, every delta with its numbers', () => {
      const c = make();
      const md = renderComparison(c, 'md');
      const sections = md.split(/^## /m).slice(1);
      const tables = sections.filter((s) => s.includes('| 项目 |'));
      const groups = byTable(c);
      expect(tables).toHaveLength(groups.length);
      tables.forEach((t, k) => {
        const rows = t
          .split('\n')
          .filter((l) => l.startsWith('| ') && !l.startsWith('| 项目') && !l.startsWith('| ---'))
          .map((l) =>
            l
              .slice(2, -2)
              .split(' | ')
              .map((x) => x.replace(/\\(.)/g, '$1')),
          );
        expect(rows).toHaveLength(groups[k]!.length);
        rows.forEach((r, i) => {
          checkRow(r, groups[k]![i]!);
        });
      });
      expect(md.indexOf('## 二、')).toBeLessThan(md.indexOf('## 三、'));
      for (const f of c.findings) expect(md).toContain(f.message);
    });

    it('HTML: every delta a row with its numbers; findings with rule and severity', () => {
      const c = make();
      const html = renderComparison(c, 'html');
      const rows = [...html.matchAll(/<tr data-cell="([^"]+)"[^>]*>([\s\S]*?)<\/tr>/g)];
      expect(rows.map((m) => m[1])).toEqual(
        byTable(c)
          .flat()
          .map((d) => d.key),
      );
      const byKey = new Map(c.deltas.map((d) => [d.key, d]));
      for (const m of rows)
        checkRow(
          [...m[2]!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((x) => decode(x[1]!)),
          byKey.get(m[1] as CellId)!,
        );
      for (const f of c.findings)
        expect(decode(html)).toContain(`${f.ruleId}（${SEVERITY_LABELS[f.severity]}）：${f.message}`);
    });

    it('DOCX: parses back, one Word table per section, every delta', async () => {
      const c = make();
      const { tables, files } = docxTables(await renderComparison(c, 'docx'));
      expect(files).toContain('word/document.xml');
      const groups = byTable(c);
      expect(tables).toHaveLength(groups.length);
      tables.forEach((t, k) => {
        expect(t.cells[0]).toEqual([
          '项目',
          `上年（${c.previous.year}）`,
          `本年（${c.current.year}）`,
          '增减',
          '增减率',
        ]);
        const body = t.cells.slice(1);
        expect(body).toHaveLength(groups[k]!.length);
        body.forEach((r, i) => {
          checkRow(
            r.map((x) => x ?? ''),
            groups[k]![i]!,
          );
        });
      });
    });

    it('XLSX: parses back, a sheet per section, numbers as numbers, blank empty', async () => {
      const c = make();
      const bytes = await renderComparison(c, 'xlsx');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(
        bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
      );
      const groups = byTable(c);
      expect(wb.worksheets.map((w) => w.name)).toEqual([
        '同比说明',
        ...groups.map((g) => SHEETS[g[0]!.key.split('.')[0] as keyof typeof SHEETS]),
      ]);
      const info = wb.getWorksheet('同比说明')!;
      const infoText = info.getSheetValues().flat().filter(Boolean).join('\n');
      expect(infoText).toContain(
        `${c.current.agency} ${c.previous.year}—${c.current.year}年度政府信息公开工作年度报告同比`,
      );
      for (const f of c.findings) expect(infoText).toContain(f.message);
      for (const n of c.notComparable) expect(infoText).toContain(n.reason);
      for (const g of groups) {
        const ws = wb.getWorksheet(SHEETS[g[0]!.key.split('.')[0] as keyof typeof SHEETS])!;
        g.forEach((d, i) => {
          const row = ws.getRow(i + 3);
          const v = (n: number) => row.getCell(n).value;
          expect(v(2) ?? null, `${d.key} previous`).toBe(d.previous);
          expect(v(3) ?? null, `${d.key} current`).toBe(d.current);
          if (d.delta !== null) expect(v(4)).toBe(d.delta);
          else
            expect(v(4) ?? null).toBe(
              d.unit === 'unknown' && d.previous !== null && d.current !== null ? '单位不明，未比较' : null,
            );
          // -0 (0 ÷ a negative 本年增/减) is 0 in a file
          expect(v(5)).toBe(d.change === null ? '—' : d.change + 0);
          if (d.change !== null)
            expect(row.getCell(5).numFmt).toBe(
              d.change !== 0 && Math.abs(d.change) < 0.0005 ? '"+不足0.1%";"-不足0.1%"' : '+0.0%;-0.0%;0.0%',
            );
          expect(v(7)).toBe(d.quality === 'approximate' ? '近似' : '相同');
          expect(v(6), `${d.key} unit`).toBe(unitCell(d));
        });
        expect(ws.getRow(g.length + 3).getCell(1).value ?? null).toBeNull();
      }
    });
  });

  it('CSV: UTF-8 with a BOM, the header, one row per delta with exact numbers', () => {
    const c = crafted();
    const csv = renderComparison(c, 'csv');
    expect(csv.startsWith('\uFEFFcell_id,label,previous,current,delta,change,quality,unit,unread\n')).toBe(
      true,
    );
    expect(csv).toContain(
      'activeDisclosure.adminFees.feeAmount,表二 第二十条第（八）项 行政事业性收费 · 本年收费金额（单位：万元）,20.3,25.1,4.8,',
    );
    expect(csv).toMatch(/\napplications\.newReceived\.researchInstitution,[^\n]*,0,5,5,,equivalent,,\n/);
    expect(csv).toMatch(/\napplications\.newReceived\.naturalPerson,[^\n]*,,\d+,,,equivalent,,\n/);
  });

  it('CSV: a cell never read is told from a blank the report printed — the trailing column unread names the year', () => {
    const prev = exampleReport({ year: 2021 });
    const { 'applications.granted.naturalPerson': _gone, ...rest } = prev.cells;
    const cur = set(exampleReport({ year: 2022 }), { 'applications.granted.otherOrg': { value: null } });
    const c = compare({ ...prev, cells: rest }, cur);
    const records = csvRecords(renderComparison(c, 'csv').replace(/^\uFEFF/, ''));
    // the columns before it where they were
    expect(records[0]).toEqual([
      'cell_id',
      'label',
      'previous',
      'current',
      'delta',
      'change',
      'quality',
      'unit',
      'unread',
    ]);
    const row = (key: string) => records.find((r) => r[0] === key)!;
    // never read last year: empty as a blank is, and said so
    expect(row('applications.granted.naturalPerson').slice(2)).toEqual([
      '',
      '20',
      '',
      '',
      'equivalent',
      '',
      'previous',
    ]);
    // a blank the report printed: blank, nothing unread
    expect(row('applications.granted.otherOrg').slice(2, 4)).toEqual([expect.stringMatching(/^\d+$/), '']);
    expect(row('applications.granted.otherOrg')[8]).toBe('');
    // this year's: 「current」; both: 「previous current」
    const { 'applications.granted.naturalPerson': _also, ...curRest } = cur.cells;
    const both = csvRecords(
      renderComparison(compare({ ...prev, cells: rest }, { ...cur, cells: curRest }), 'csv'),
    );
    expect(both.find((r) => r[0] === 'applications.granted.naturalPerson')![8]).toBe('previous current');
    const now = csvRecords(renderComparison(compare(prev, { ...cur, cells: curRest }), 'csv'));
    expect(now.find((r) => r[0] === 'applications.granted.naturalPerson')![8]).toBe('current');
    expect(
      records
        .slice(1)
        .filter((r) => r[8])
        .map((r) => r[0]),
    ).toEqual(c.deltas.filter((d) => d.unread?.length).map((d) => d.key));
  });

  it('property: every delta of compare appears once in the CSV, with its exact numbers', () => {
    fc.assert(
      fc.property(reportArb, reportArb, (a, b) => {
        const c = compare(a, b);
        const records = csvRecords(renderComparison(c, 'csv').replace(/^\uFEFF/, ''));
        expect(records[0]).toEqual([...COMPARISON_CSV_COLUMNS]);
        const body = records.slice(1);
        expect(body).toHaveLength(c.deltas.length);
        const num = (f: string) => (f === '' ? null : Number(f));
        for (const d of c.deltas) {
          const hits = body.filter((r) => r[0] === d.key);
          expect(hits, d.key).toHaveLength(1);
          const [, label, prev, cur, delta, change, quality, unit, unread] = hits[0]!;
          expect(unguard(label!)).toBe(d.label);
          expect(num(prev!)).toBe(d.previous);
          expect(num(cur!)).toBe(d.current);
          expect(num(delta!)).toBe(d.delta === null ? null : d.delta + 0);
          expect(num(change!)).toBe(d.change === null ? null : d.change + 0); // -0 is written 0
          expect(quality).toBe(d.quality);
          expect(unit).toBe(d.unit ?? '');
          expect(unread).toBe((d.unread ?? []).join(' '));
        }
      }),
      { numRuns: 40 },
    );
  });

  it('an unknown format is refused with its code', () => {
    expect(() => renderComparison(crafted(), 'pdf' as 'md')).toThrow(/同比不支持的输出格式：pdf/);
  });
});
