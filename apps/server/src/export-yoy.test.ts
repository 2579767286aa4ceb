import { exampleReport, type Report } from '@nianbao/core';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_LABEL, failure, makeWorld, type World } from './test-support/harness.js';

let w: World;
let current: string;
let lonely: string;
beforeAll(async () => {
  w = await makeWorld();
  const example = (r: Report): Report => {
    const e = exampleReport({ year: r.meta.year, agency: r.meta.agency });
    return { ...e, meta: { ...e.meta, agency: r.meta.agency } };
  };
  const stored = async (year: number, edit: (r: Report) => Report = (r) => r) => {
    const c = await w.as.fillerA1.reports.create.mutate({ agencyId: w.ids.agencyA1, year });
    await w.as.fillerA1.reports.save.mutate({
      id: c.id,
      expectedVersion: 1,
      report: edit(example(c.report)),
    });
    return c.id;
  };
  // 2026 is a draft (version 2): the file must say so
  await stored(2026, (r) => ({
    ...r,
    cells: { ...r.cells, 'activeDisclosure.adminFees.feeAmount': { value: 203000, unit: '元' } },
  }));
  current = await stored(2027, (r) => ({
    ...r,
    cells: { ...r.cells, 'activeDisclosure.adminFees.feeAmount': { value: 25.1, unit: '万元' } },
  }));
  lonely = await stored(2025);
});
afterAll(async () => w?.cleanup());

const FEE = /20\.3万元[\s\S]{0,200}25\.1万元[\s\S]{0,200}\+4\.8万元[\s\S]{0,200}\+23\.6%/;

describe(`export.yearOnYear (${DB_LABEL})`, () => {
  it('every format: the file, its name 「<机关>_<上年>-<本年>_同比」, the numbers and last year’s status', async () => {
    const summary = await w.as.fillerA1.summary.yearOnYear.query({ id: current });
    for (const format of ['md', 'html', 'csv', 'docx', 'xlsx'] as const) {
      const f = await w.as.fillerA1.export.yearOnYear.query({ id: current, format });
      expect(f.fileName).toBe(`甲县交通运输局_2026-2027_同比.${format}`);
      expect(f.basis).toEqual(summary.basis);
      expect(f.basis.published).toBe(false);
      let text: string;
      if (format === 'docx') {
        expect(f.encoding).toBe('base64');
        const xml = strFromU8(
          unzipSync(new Uint8Array(Buffer.from(f.content, 'base64')))['word/document.xml']!,
        );
        text = [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('\n');
      } else if (format === 'xlsx') {
        expect(f.encoding).toBe('base64');
        // read with fflate (the server does not depend on exceljs): the sheets, and the fee row's numbers
        const files = unzipSync(new Uint8Array(Buffer.from(f.content, 'base64')));
        const workbook = strFromU8(files['xl/workbook.xml']!);
        expect([...workbook.matchAll(/<sheet [^>]*name="([^"]+)"/g)].map((m) => m[1])).toEqual([
          '同比说明',
          '表二',
          '表三',
          '表四',
        ]);
        const strings = [...strFromU8(files['xl/sharedStrings.xml']!).matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map(
          (m) => m[1]!,
        );
        const feeIndex = strings.findIndex((x) => x.includes('本年收费金额'));
        const sheet = strFromU8(files['xl/worksheets/sheet2.xml']!);
        const row = [...sheet.matchAll(/<row [^>]*>([\s\S]*?)<\/row>/g)]
          .map((m) => m[1]!)
          .find((r) => new RegExp(`<c [^>]*t="s"[^>]*><v>${feeIndex}</v>`).test(r))!;
        const numbers = [...row.matchAll(/<c [^>]*?(?:t="n")?[^>]*><v>([^<]*)<\/v><\/c>/g)]
          .map((m) => m[1]!)
          .slice(1, 5)
          .map(Number);
        expect(numbers.slice(0, 3)).toEqual([20.3, 25.1, 4.8]);
        expect(numbers[3]).toBeCloseTo(4.8 / 20.3, 12);
        text = strings.join('\n');
      } else {
        expect(f.encoding).toBe('utf8');
        text = f.content;
      }
      if (format === 'csv') {
        expect(
          text.startsWith('\uFEFFcell_id,label,previous,current,delta,change,quality,unit,unread\n'),
        ).toBe(true);
        // Both years read: `unread` empty.
        expect(text).toMatch(
          /\nactiveDisclosure\.adminFees\.feeAmount,[^\n]*,20\.3,25\.1,4\.8,0\.236\d*,equivalent,万元,\n/,
        );
        expect(text.trim().split('\n')).toHaveLength(summary.deltas.length + 1);
        continue;
      }
      // the title: Word and HTML break it after the agency's name
      expect(text.replace(/\n(?=2026—2027)/, ' ')).toContain(
        '甲县交通运输局 2026—2027年度政府信息公开工作年度报告同比',
      );
      expect(text).toContain('上年报告：2026 年度报告尚未发布（草稿，第 2 版）');
      if (format !== 'xlsx') expect(text).toMatch(FEE);
      for (const x of summary.findings) expect(text).toContain(x.message);
    }
  });

  it('a 审核人 of the county exports it; a 填报人 of another agency and a 审核人 elsewhere are refused', async () => {
    const ok = await w.as.reviewerA.export.yearOnYear.query({ id: current, format: 'md' });
    expect(ok.fileName).toBe('甲县交通运输局_2026-2027_同比.md');
    for (const who of ['fillerB1', 'fillerA2', 'reviewerB'] as const) {
      const refused = await failure(w.as[who].export.yearOnYear.query({ id: current, format: 'md' }));
      const summary = await failure(w.as[who].summary.yearOnYear.query({ id: current }));
      expect(refused.code, who).toBe(summary.code);
      expect(refused.appCode, who).toBe(summary.appCode);
      expect(refused.zhMessage).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect((await failure(w.anon.export.yearOnYear.query({ id: current, format: 'md' }))).code).toBe(
      'UNAUTHORIZED',
    );
  });

  it('no previous year: NO_PREVIOUS_YEAR, said in 简体中文, no file', async () => {
    const e = await failure(w.as.fillerA1.export.yearOnYear.query({ id: lonely, format: 'docx' }));
    expect(e.appCode).toBe('NO_PREVIOUS_YEAR');
    expect(e.code).toBe('NOT_FOUND');
    expect(e.zhMessage).toBe('甲县交通运输局没有 2024 年度的报告，无法进行同比');
  });

  it('a format it does not write is refused by the input check', async () => {
    const e = await failure(w.as.fillerA1.export.yearOnYear.query({ id: current, format: 'json' as 'md' }));
    expect(e.code).toBe('BAD_REQUEST');
  });
});
