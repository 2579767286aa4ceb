import { exampleReport } from '@nianbao/core';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_LABEL, failure, makeWorld, type World } from './test-support/harness.js';

let w: World;
/** 甲县数据局: a report of 2024 only (no 2025 report) */
let dataBureau: string;
let a1Now: string;
beforeAll(async () => {
  w = await makeWorld();
  const bureau = await w.as.admin.agencies.create.mutate({
    parentId: w.ids.countyA,
    name: '甲县数据局',
    kind: '政府部门',
    level: '县级',
  });
  dataBureau = bureau.id;
  // 甲县交通运输局 in both years (×2 last year, ×3 this year); 甲镇人民政府 this year only; 甲县数据局 last year only
  await submitted(w.ids.agencyA1, 2024, 2);
  a1Now = await submitted(w.ids.agencyA1, 2025, 3);
  await submitted(w.ids.agencyA2, 2025, 1);
  await submitted(dataBureau, 2024, 1);
  // 乙县: 2030 only, nothing the year before
  await submitted(w.ids.agencyB1, 2030, 1);
});
afterAll(async () => w?.cleanup());

/** The example report (本年新收 43 × scale) of `agencyId` for `year`, submitted. */
async function submitted(agencyId: string, year: number, scale: number) {
  const r = await w.as.admin.reports.create.mutate({ agencyId, year });
  const e = exampleReport({ year, agency: r.report.meta.agency, scale });
  await w.as.admin.reports.save.mutate({
    id: r.id,
    expectedVersion: 1,
    report: { ...e, meta: { ...e.meta, agency: r.report.meta.agency } },
  });
  await w.as.admin.reports.submit.mutate({ id: r.id });
  return r.id;
}

type Figures = Record<'newReceived' | 'resultTotal' | 'granted' | 'review' | 'litigation', number | null>;
const KEYS = ['newReceived', 'resultTotal', 'granted', 'review', 'litigation'] as const;
const LABELS = [
  '本年新收政府信息公开申请',
  '办结（本年度办理结果合计）',
  '予以公开',
  '行政复议（总计）',
  '行政诉讼（直接起诉与复议后起诉合计）',
];
const sum = (list: readonly Figures[]): Figures =>
  Object.fromEntries(
    KEYS.map((k) => [k, list.some((f) => f[k] === null) ? null : list.reduce((t, f) => t + f[k]!, 0)]),
  ) as Figures;

/** What the roll-up page charts: this year's summed agencies paired by id with summary.regionLastYear. */
async function pageFigures(regionId: string, year: number) {
  const now = await w.as.reviewerA.summary.region.query({ regionId, year });
  const last = await w.as.reviewerA.summary.regionLastYear.query({ regionId, year });
  const before = new Map(last.reports.map((r) => [r.agencyId, r.figures]));
  const pairs = now.included.filter((i) => before.has(i.agencyId));
  return {
    previous: sum(pairs.map((p) => before.get(p.agencyId)!)),
    current: sum(pairs.map((p) => p.figures)),
    counted: pairs.length,
  };
}

const docxText = (b64: string) => {
  const xml = strFromU8(unzipSync(new Uint8Array(Buffer.from(b64, 'base64')))['word/document.xml']!);
  return [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('\n');
};

describe(`export.region withLastYear (${DB_LABEL})`, () => {
  it('the 同比 numbers are the page’s (summary.regionLastYear, by agency id); left-out agencies named, not counted', async () => {
    const page = await pageFigures(w.ids.countyA, 2025);
    expect(page.counted).toBe(1);
    const md = await w.as.reviewerA.export.region.query({
      regionId: w.ids.countyA,
      year: 2025,
      format: 'md',
      withLastYear: true,
    });
    expect(md.yearOnYear).toMatchObject({
      previousYear: 2024,
      counted: 1,
      figures: { previous: page.previous, current: page.current },
      noPrevious: [{ name: '甲镇人民政府', reason: '上年没有报告' }],
      noCurrent: [{ name: '甲县数据局', reason: '本年没有报告' }],
    });
    // 本年新收: 43×2 → 43×3, the town (this year only) and the bureau (last year only) not in it
    expect(page.previous.newReceived).toBe(86);
    expect(page.current.newReceived).toBe(129);
    const part = md.content.slice(md.content.indexOf('## 附：同口径同比（2024—2025 年度）'));
    expect(part.length).toBeGreaterThan(100);
    LABELS.forEach((label, k) => {
      const p = page.previous[KEYS[k]!];
      const c = page.current[KEYS[k]!];
      const row = part.split('\n').find((l) => l.startsWith(`| ${label} |`))!;
      const cells = row.split('|').map((x) => x.trim());
      expect([cells[2], cells[3]]).toEqual([p === null ? '' : String(p), c === null ? '' : String(c)]);
      if (p !== null && c !== null) expect(cells[4]).toBe(`${c - p > 0 ? '+' : ''}${c - p}`);
    });
    expect(part).toContain('的 1 个机关计入同比');
    expect(part).toContain('计入的机关：甲县交通运输局。');
    expect(part).toContain('甲镇人民政府（上年没有报告）');
    expect(part).toContain('甲县数据局（本年没有报告）');

    // Word: the same part after the roll-up; Excel: a sheet 同比 last; HTML: a section in the page
    const docx = await w.as.reviewerA.export.region.query({
      regionId: w.ids.countyA,
      year: 2025,
      format: 'docx',
      withLastYear: true,
    });
    const text = docxText(docx.content);
    expect(text.indexOf('附：同口径同比（2024—2025 年度）')).toBeGreaterThan(
      text.indexOf('四、政府信息公开行政复议、行政诉讼情况'),
    );
    expect(text).toContain('甲县数据局（本年没有报告）');
    const xlsx = await w.as.reviewerA.export.region.query({
      regionId: w.ids.countyA,
      year: 2025,
      format: 'xlsx',
      withLastYear: true,
    });
    const files = unzipSync(new Uint8Array(Buffer.from(xlsx.content, 'base64')));
    const sheets = [...strFromU8(files['xl/workbook.xml']!).matchAll(/<sheet [^>]*name="([^"]+)"/g)].map(
      (m) => m[1],
    );
    expect(sheets.at(-1)).toBe('同比');
    const html = await w.as.reviewerA.export.region.query({
      regionId: w.ids.countyA,
      year: 2025,
      format: 'html',
      withLastYear: true,
    });
    expect(html.content).toContain('data-yoy="compared"');
    expect(html.content).toMatch(
      /<td>本年新收政府信息公开申请<\/td><td class="num">86<\/td><td class="num">129<\/td>/,
    );
  });

  it('without withLastYear the file is as before (no 同比)', async () => {
    const scope = { regionId: w.ids.countyA, year: 2025 } as const;
    const plain = await w.as.reviewerA.export.region.query({ ...scope, format: 'md' });
    const off = await w.as.reviewerA.export.region.query({ ...scope, format: 'md', withLastYear: false });
    expect(off.content).toBe(plain.content);
    expect(plain.content).not.toContain('同口径同比');
    expect(plain.yearOnYear).toBeNull();
    const xlsx = await w.as.reviewerA.export.region.query({ ...scope, format: 'xlsx' });
    const wb = strFromU8(unzipSync(new Uint8Array(Buffer.from(xlsx.content, 'base64')))['xl/workbook.xml']!);
    expect(wb).not.toContain('name="同比"');
  });

  it('an agency left out this year: its last year is named, not counted; no agency in both years is said, no table', async () => {
    const md = await w.as.reviewerA.export.region.query({
      regionId: w.ids.countyA,
      year: 2025,
      format: 'md',
      exclude: [a1Now],
      withLastYear: true,
    });
    const part = md.content.slice(md.content.indexOf('## 附：同口径同比'));
    expect(part).toContain('没有一个机关有 2024 年度');
    expect(part).toContain('甲县交通运输局（本年报告已按要求排除）');
    expect(part).not.toContain('| 项目 |');
    expect(md.yearOnYear).toMatchObject({ counted: 0, figures: null });
  });

  it('no report last year at all: a clear statement, not an empty table', async () => {
    for (const format of ['md', 'docx'] as const) {
      const f = await w.as.reviewerB.export.region.query({
        regionId: w.ids.countyB,
        year: 2030,
        format,
        withLastYear: true,
      });
      const text = format === 'md' ? f.content : docxText(f.content);
      expect(text).toContain(
        '乙县人民政府及其下属机关没有 2029 年度状态为已提交、已通过、已发布的报告，无法进行同比；本文件只有 2030 年度的汇总。',
      );
      expect(text).not.toContain('上年（2029）');
    }
  });

  it('a name that repeats (城关镇 in two counties) is said with its county: counted one and left-out one told apart', async () => {
    const towns = [];
    for (const parentId of [w.ids.countyA, w.ids.countyB])
      towns.push(
        await w.as.admin.agencies.create.mutate({
          parentId,
          name: '城关镇人民政府',
          kind: '人民政府',
          level: '乡镇级',
        }),
      );
    await submitted(towns[0]!.id, 2027, 1);
    await submitted(towns[0]!.id, 2028, 2);
    await submitted(towns[1]!.id, 2028, 1);
    const f = await w.as.admin.export.region.query({
      regionId: w.ids.province,
      year: 2028,
      format: 'md',
      withLastYear: true,
    });
    expect(f.yearOnYear).toMatchObject({
      counted: 1,
      noPrevious: [{ name: '城关镇人民政府（乙县人民政府）', reason: '上年没有报告' }],
      figures: { previous: { newReceived: 43 }, current: { newReceived: 86 } },
    });
    expect(f.content).toContain('计入的机关：城关镇人民政府（甲县人民政府）。');
  });

  it('CSV/JSON with withLastYear is refused (open data has no 同比), never a file without it', async () => {
    for (const format of ['csv', 'json'] as const) {
      const e = await failure(
        w.as.reviewerA.export.region.query({
          regionId: w.ids.countyA,
          year: 2025,
          format,
          withLastYear: true,
        }),
      );
      expect(e.appCode).toBe('ROLLUP_YOY_FORMAT');
    }
  });
});
