import { readFileSync } from 'node:fs';
import { exampleReport, listCells, type Report } from '@nianbao/core';
import type { LongRow } from '@nianbao/render';
import { parseLongCsv } from '@nianbao/render';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_LABEL, failure, makeWorld, type World } from './test-support/harness.js';

let w: World;
beforeAll(async () => {
  w = await makeWorld();
});
afterAll(async () => w?.cleanup());

const F03 = readFileSync('/work/shared/fixtures/corpus/f03.txt', 'utf8');

const example = (r: Report, year = r.meta.year, scale = 1): Report => {
  const e = exampleReport({ year, agency: r.meta.agency, scale });
  return { ...e, meta: { ...e.meta, agency: r.meta.agency } };
};
const rowsOf = (content: string): LongRow[] => JSON.parse(content) as LongRow[];

describe(`open data names agency, report, version and status (${DB_LABEL})`, () => {
  it('two agencies of the same name under different counties stay apart; a rename shows beside the printed name', async () => {
    const year = 2022;
    const a = await w.as.admin.agencies.create.mutate({ parentId: w.ids.countyA, name: '城关镇人民政府' });
    const b = await w.as.admin.agencies.create.mutate({ parentId: w.ids.countyB, name: '城关镇人民政府' });
    const ids: string[] = [];
    for (const ag of [a, b]) {
      const r = await w.as.admin.reports.create.mutate({ agencyId: ag.id, year });
      await w.as.admin.reports.save.mutate({ id: r.id, expectedVersion: 1, report: example(r.report) });
      ids.push(r.id);
    }
    await w.as.admin.reports.submit.mutate({ id: ids[0]! });
    const open = await w.as.admin.export.openData.query({
      regionId: w.ids.province,
      year,
      format: 'json',
      statuses: ['draft', 'submitted'],
    });
    const rows = rowsOf(open.content);
    const byAgency = new Map<string, LongRow[]>();
    for (const r of rows) byAgency.set(r.agency_id!, [...(byAgency.get(r.agency_id!) ?? []), r]);
    expect([...byAgency.keys()].sort()).toEqual([a.id, b.id].sort());
    expect(byAgency.get(a.id)).toHaveLength(200);
    expect(byAgency.get(a.id)![0]).toMatchObject({
      agency: '城关镇人民政府',
      agency_current: '城关镇人民政府',
      parent_id: w.ids.countyA,
      parent_name: '甲县人民政府',
      report_id: ids[0],
      version: 2,
      status: 'submitted',
    });
    expect(byAgency.get(a.id)![0]!.region_path).toMatch(new RegExp(`/${w.ids.countyA}/${a.id}/$`));
    expect(byAgency.get(b.id)![0]).toMatchObject({ parent_name: '乙县人民政府', status: 'draft' });

    // 交通局 renamed: the report still prints the old name, the current one is beside it.
    await w.as.admin.agencies.edit.mutate({ id: a.id, name: '城关街道办事处', kind: '街道办事处' });
    const csv = await w.as.admin.export.openData.query({
      regionId: w.ids.countyA,
      year,
      format: 'csv',
      statuses: ['submitted'],
    });
    const back = parseLongCsv(csv.content);
    expect(back).toHaveLength(200);
    expect(back[0]).toMatchObject({
      agency: '城关镇人民政府',
      agency_current: '城关街道办事处',
      agency_id: a.id,
    });
    // One report's export says the same, with the version asked for.
    const v1 = await w.as.admin.export.report.query({ id: ids[0]!, version: 1, format: 'json' });
    expect(rowsOf(v1.content)[0]).toMatchObject({ report_id: ids[0], version: 1, status: 'submitted' });
  });

  it('a cell the importer could not read (f03: DIGITS_SPLIT_AMBIGUOUS) is missing, never a printed blank; origin says imported', async () => {
    const up = await w.as.fillerA2.import.upload.mutate({
      agencyId: w.ids.agencyA2,
      kind: 'text',
      content: F03,
      fileName: 'f03.txt',
    });
    expect(up.diagnostics.issues.some((i) => i.code === 'DIGITS_SPLIT_AMBIGUOUS')).toBe(true);
    expect(up.report.cells['activeDisclosure.normativeDocs.made']).toBeUndefined();
    const csv = await w.as.fillerA2.export.report.query({ id: up.reportId, format: 'csv' });
    const line = csv.content.split('\n').find((l) => l.includes(',activeDisclosure.normativeDocs.made,'))!;
    expect(line).toContain('activeDisclosure.normativeDocs.made,,,missing,');
    expect(line).not.toContain(',blank,');
    const rows = parseLongCsv(csv.content);
    expect(rows.find((r) => r.cell_id === 'activeDisclosure.regulations.made')).toMatchObject({
      semantic: 'number',
      origin: 'imported',
      status: 'draft',
      report_id: up.reportId,
      version: 1,
    });
  });

  it('impossible numbers are invalid (printed as given); a number too large to keep exactly is refused, never rounded; 3800 元 is 0.38 万元', async () => {
    const year = 2023;
    const r = await w.as.fillerA1.reports.create.mutate({ agencyId: w.ids.agencyA1, year });
    const rep = example(r.report);
    // 1e21 is not the number sent once JSON has rounded it: refused with the cell named, nothing stored
    const huge = await failure(
      w.as.fillerA1.reports.save.mutate({
        id: r.id,
        expectedVersion: 1,
        report: {
          ...rep,
          cells: { ...rep.cells, 'applications.newReceived.otherOrg': { value: 1e21, origin: 'entered' } },
        },
      }),
    );
    expect(huge.appCode).toBe('INVALID_INPUT');
    expect(huge.zhMessage).toMatch(/其他.*过大/);
    expect((await w.as.fillerA1.reports.get.query({ id: r.id })).version).toBe(1);
    const cells = {
      ...rep.cells,
      'applications.newReceived.naturalPerson': { value: -5, origin: 'entered' as const },
      'applications.newReceived.otherOrg': { value: 2.5, origin: 'entered' as const },
      'activeDisclosure.adminFees.feeAmount': {
        value: 3800,
        unit: '元' as const,
        origin: 'entered' as const,
      },
    };
    await w.as.fillerA1.reports.save.mutate({ id: r.id, expectedVersion: 1, report: { ...rep, cells } });
    const csv = (await w.as.fillerA1.export.report.query({ id: r.id, format: 'csv' })).content;
    expect(csv).toContain('applications.newReceived.naturalPerson,,,invalid,entered,-5,');
    expect(csv).toContain('applications.newReceived.otherOrg,,,invalid,entered,2.5,');
    expect(csv).toContain('activeDisclosure.adminFees.feeAmount,0.38,万元,number,entered,3800,元,');
    const json = rowsOf((await w.as.fillerA1.export.report.query({ id: r.id, format: 'json' })).content);
    expect(json.find((x) => x.cell_id === 'activeDisclosure.adminFees.feeAmount')).toMatchObject({
      value: 0.38,
      unit: '万元',
      printed_value: '3800',
      printed_unit: '元',
    });
    expect(json.find((x) => x.cell_id === 'applications.granted.total')!.unit).toBeNull();
  });
});

describe(`open data: published_on, the 发布日期 of a published report (${DB_LABEL})`, () => {
  it('a published report’s rows carry the date recorded at 发布 (csv and json, region and report); an unpublished one’s are blank', async () => {
    const year = 2019;
    const made: Record<string, string> = {};
    for (const [client, agencyId] of [
      [w.as.fillerA1, w.ids.agencyA1],
      [w.as.fillerA2, w.ids.agencyA2],
    ] as const) {
      const r = await client.reports.create.mutate({ agencyId, year });
      await client.reports.save.mutate({ id: r.id, expectedVersion: 1, report: example(r.report) });
      await client.reports.submit.mutate({ id: r.id });
      made[agencyId] = r.id;
    }
    // 甲县交通运输局: approved and published, with the date it was published elsewhere before
    const published = made[w.ids.agencyA1]!;
    await w.as.reviewerA.reports.approve.mutate({ id: published });
    await w.as.reviewerA.reports.publish.mutate({ id: published, publishedOn: '2020-01-20' });
    expect((await w.as.reviewerA.reports.get.query({ id: published })).publishedOn).toBe('2020-01-20');

    const json = await w.as.reviewerA.export.openData.query({
      regionId: w.ids.countyA,
      year,
      format: 'json',
    });
    expect(json.reports).toBe(2);
    const rows = rowsOf(json.content);
    const dates = (id: string) => new Set(rows.filter((r) => r.report_id === id).map((r) => r.published_on));
    expect(dates(published)).toEqual(new Set(['2020-01-20']));
    expect(dates(made[w.ids.agencyA2]!)).toEqual(new Set([null]));

    const csv = await w.as.reviewerA.export.openData.query({ regionId: w.ids.countyA, year, format: 'csv' });
    const header = csv.content.replace(/^\uFEFF/, '').split('\n')[0]!;
    expect(header.split(',').at(-1)).toBe('published_on');
    const back = parseLongCsv(csv.content);
    expect(back.filter((r) => r.report_id === published).every((r) => r.published_on === '2020-01-20')).toBe(
      true,
    );
    expect(back.filter((r) => r.status === 'submitted').every((r) => r.published_on === null)).toBe(true);
    const line = csv.content.split('\n').find((l) => l.includes(published))!;
    expect(line.endsWith(`${published},2,published,2020-01-20`)).toBe(true);

    // one report's export says the same; a roll-up is no published report
    const one = rowsOf((await w.as.reviewerA.export.report.query({ id: published, format: 'json' })).content);
    expect(one[0]!.published_on).toBe('2020-01-20');
    const rollup = await w.as.reviewerA.export.region.query({
      regionId: w.ids.countyA,
      year,
      format: 'json',
    });
    expect(new Set(rowsOf(rollup.content).map((r) => r.published_on))).toEqual(new Set([null]));
  });
});

describe(`imports: kind detected, said when it differs; reviewers preview (${DB_LABEL})`, () => {
  const pdf = readFileSync(
    new URL('../../../packages/ingest/fixtures/pdf/huaian-hongze-2024.pdf', import.meta.url),
  ).toString('base64');

  it('PDF bytes declared Word are read as PDF, and the diagnostics say so; no kind at all is detected', async () => {
    const declared = await w.as.fillerB1.import.preview.mutate({
      agencyId: w.ids.agencyB1,
      kind: 'docx',
      content: pdf,
      encoding: 'base64',
    });
    expect(declared.year).toBe(2024);
    const differs = declared.diagnostics.issues.find((i) => i.code === 'KIND_DIFFERS')!;
    expect(differs).toMatchObject({ severity: 'warning', details: { declared: 'docx', detected: 'pdf' } });
    expect(differs.message).toMatch(/声明的文件类型为Word（\.docx），但文件内容是PDF/);
    expect(declared.diagnostics.kind).toMatchObject({ value: 'pdf', reason: differs.message });
    const none = await w.as.fillerB1.import.preview.mutate({
      agencyId: w.ids.agencyB1,
      content: pdf,
      encoding: 'base64',
    });
    expect(none.report).toEqual(declared.report);
    expect(none.diagnostics.issues.some((i) => i.code === 'KIND_DIFFERS')).toBe(false);
    expect(none.diagnostics.kind).toMatchObject({ value: 'pdf', reason: '文件以 %PDF- 开头' });
    const text = await w.as.fillerB1.import.preview.mutate({ agencyId: w.ids.agencyB1, content: F03 });
    expect(text.year).toBe(2021);
  });

  it('an old .doc or .wps file: a clear refusal saying to save it as .docx or PDF', async () => {
    const ole = Buffer.concat([
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      Buffer.alloc(600, 1),
    ]).toString('base64');
    for (const [fileName, said] of [
      ['年报.wps', /WPS 文字的旧格式文件（\.wps）.*另存为 \.docx 或 PDF/],
      ['年报.doc', /旧版 Word 文件（\.doc.*另存为 \.docx 或 PDF/],
    ] as const) {
      const e = await failure(
        w.as.fillerB1.import.upload.mutate({
          agencyId: w.ids.agencyB1,
          kind: 'docx',
          content: ole,
          encoding: 'base64',
          fileName,
        }),
      );
      expect(e).toMatchObject({ code: 'BAD_REQUEST', appCode: 'IMPORT_UNSUPPORTED_FORMAT' });
      expect(e.zhMessage).toMatch(said);
    }
  });

  it('an old .xls or a file with a password: said as what it is, with how to save it (not 「旧版 Word 文件」)', async () => {
    /** An OLE file holding a stream of this name (UTF-16, as a compound file's directory has it). */
    const ole = (stream: string) =>
      Buffer.concat([
        Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
        Buffer.alloc(500, 1),
        Buffer.from(stream, 'utf16le'),
        Buffer.alloc(100, 1),
      ]).toString('base64');
    for (const [content, fileName, said, ingestCode] of [
      [
        ole('Workbook'),
        '2024年报表.xls',
        /旧版 Excel 文件（\.xls.*另存为 \.xlsx 后再上传/,
        'INGEST_UNSUPPORTED_FORMAT',
      ],
      [ole('Workbook'), 'upload.bin', /旧版 Excel 文件/, 'INGEST_UNSUPPORTED_FORMAT'],
      [
        ole('EncryptedPackage'),
        '年报.xlsx',
        /^Excel 文件有密码保护.*另存为 \.xlsx 再上传/,
        'INGEST_DOCX_ENCRYPTED',
      ],
      [
        ole('EncryptedPackage'),
        '年报.docx',
        /^Word 文件有密码保护.*另存为 \.docx 或 PDF 再上传/,
        'INGEST_DOCX_ENCRYPTED',
      ],
    ] as const) {
      const e = await failure(
        w.as.fillerB1.import.preview.mutate({
          agencyId: w.ids.agencyB1,
          content,
          encoding: 'base64',
          fileName,
        }),
      );
      expect(e, fileName).toMatchObject({ appCode: 'IMPORT_UNSUPPORTED_FORMAT', details: { ingestCode } });
      expect(e.zhMessage, fileName).toMatch(said);
    }
  });

  it('a 审核人 previews an upload for an agency under their node (nothing saved), but may not upload it', async () => {
    const p = await w.as.reviewerA.import.preview.mutate({
      agencyId: w.ids.agencyA1,
      kind: 'text',
      content: F03,
    });
    expect(p.year).toBe(2021);
    const up = await failure(
      w.as.reviewerA.import.upload.mutate({ agencyId: w.ids.agencyA1, kind: 'text', content: F03 }),
    );
    expect(up).toMatchObject({ code: 'FORBIDDEN', appCode: 'FORBIDDEN_WRITE' });
    // Another county's agency: not even seen.
    const other = await failure(
      w.as.reviewerA.import.preview.mutate({ agencyId: w.ids.agencyB1, kind: 'text', content: F03 }),
    );
    expect(other.code).toBe('NOT_FOUND');
  });
});

describe(`roll-up exports explain their blank cells; unknown exclude ids are refused (${DB_LABEL})`, () => {
  it('the file first says what it sums: statuses, how many, how many with open errors, what is not counted', async () => {
    const year = 2025;
    const make = async (agencyId: string, cells: (r: Report) => Report['cells'], submit: boolean) => {
      const r = await w.as.admin.reports.create.mutate({ agencyId, year });
      const rep = example(r.report);
      await w.as.admin.reports.save.mutate({
        id: r.id,
        expectedVersion: 1,
        report: { ...rep, cells: cells(rep) },
      });
      if (submit) await w.as.admin.reports.submit.mutate({ id: r.id });
    };
    // 甲县交通运输局: submitted with a broken 表三 sum (an open error); 甲镇: submitted, consistent; the county: a draft.
    await make(
      w.ids.agencyA1,
      (r) => ({
        ...r.cells,
        'applications.newReceived.total': { value: 999, origin: 'entered' },
      }),
      true,
    );
    await make(w.ids.agencyA2, (r) => r.cells, true);
    await make(w.ids.countyA, (r) => r.cells, false);
    const xlsx = await w.as.reviewerA.export.region.query({ regionId: w.ids.countyA, year, format: 'xlsx' });
    expect(xlsx.explanation[0]).toMatch(
      new RegExp(
        `^汇总范围：甲县人民政府及其下属机关 ${year} 年度状态为已提交、已通过、已发布的报告 2 份，其中 1 份仍有未处理的错误或金额单位存疑，汇总数字以其所填为准；其他状态的报告未计入 1 份（草稿 1 份）`,
      ),
    );
    // …and whose, by name (the page names them; a paper read at a meeting has to)
    expect(xlsx.explanation[1]).toMatch(
      /^仍有未处理的错误或金额单位存疑的报告：甲县交通运输局（错误 \d+ 个.*）。$/,
    );
    expect(xlsx.explanation[2]).toBe('未计入的报告：甲县人民政府（草稿）。');
    const strings = strFromU8(unzipSync(Buffer.from(xlsx.content, 'base64'))['xl/sharedStrings.xml']!);
    expect(strings).toContain('其中 1 份仍有未处理的错误或金额单位存疑');
    expect(strings).toContain('未计入的报告：甲县人民政府（草稿）。');
    const md = await w.as.reviewerA.export.region.query({ regionId: w.ids.countyA, year, format: 'md' });
    expect(md.content).toContain('未计入的报告：甲县人民政府（草稿）。');
    // the same reports the roll-up page names (QA: the page said 3 — 跨年 errors too — the file 1)
    const page = await w.as.reviewerA.summary.region.query({ regionId: w.ids.countyA, year });
    expect(page.doubts).toHaveLength(1);
  });

  it('a report with only open 跨年 findings is among those the exported roll-up says still have errors', async () => {
    const year = 2027;
    // last year's 结转下年度 is not this year's 上年结转 (X1, a 跨年 finding and nothing else)
    // (last year's report is not in this roll-up: its own sums may be off)
    const prev = await w.as.admin.reports.create.mutate({ agencyId: w.ids.agencyA2, year: year - 1 });
    const last = example(prev.report);
    const cells = { ...last.cells };
    for (const id of ['applications.carriedForward.naturalPerson', 'applications.carriedForward.total']) {
      const c = cells[id]!;
      cells[id] = { ...c, value: (c.value as number) + 5 };
    }
    await w.as.admin.reports.save.mutate({ id: prev.id, expectedVersion: 1, report: { ...last, cells } });
    const cur = await w.as.admin.reports.create.mutate({ agencyId: w.ids.agencyA2, year });
    await w.as.admin.reports.save.mutate({ id: cur.id, expectedVersion: 1, report: example(cur.report) });
    await w.as.admin.reports.submit.mutate({ id: cur.id });
    const page = await w.as.reviewerA.summary.region.query({ regionId: w.ids.countyA, year });
    expect(page.included[0]!.openFindings).toMatchObject({ error: 0, crossYear: expect.any(Number) });
    expect(page.included[0]!.openFindings.crossYear).toBeGreaterThan(0);
    expect(page.doubts.map((d) => d.reportId)).toEqual([cur.id]);
    const md = await w.as.reviewerA.export.region.query({ regionId: w.ids.countyA, year, format: 'md' });
    expect(md.explanation[0]).toContain('其中 1 份仍有未处理的错误或金额单位存疑');
  });

  it('a township left 行政强制 blank: the Word, HTML and Excel roll-ups and the answer say so', async () => {
    const year = 2024;
    const made: string[] = [];
    for (const [client, agencyId] of [
      [w.as.fillerA1, w.ids.agencyA1],
      [w.as.fillerA2, w.ids.agencyA2],
    ] as const) {
      const r = await client.reports.create.mutate({ agencyId, year });
      const rep = example(r.report);
      const cells =
        agencyId === w.ids.agencyA2
          ? { ...rep.cells, 'activeDisclosure.coercion.decisions': { value: null } }
          : rep.cells;
      await client.reports.save.mutate({ id: r.id, expectedVersion: 1, report: { ...rep, cells } });
      await client.reports.submit.mutate({ id: r.id });
      made.push(r.id);
    }
    const html = await w.as.reviewerA.export.region.query({ regionId: w.ids.countyA, year, format: 'html' });
    expect(html.missing).toEqual([
      { cell: 'activeDisclosure.coercion.decisions', agencies: ['甲镇人民政府'] },
    ]);
    // First what the file sums, then the cells not summed and why.
    // (the reports with open findings, 跨年 ones included, counted as the roll-up page counts them)
    const doubts = (await w.as.reviewerA.summary.region.query({ regionId: w.ids.countyA, year })).doubts
      .length;
    expect(html.explanation[0]).toMatch(
      new RegExp(
        `^汇总范围：甲县人民政府及其下属机关 2024 年度状态为已提交、已通过、已发布的报告 2 份${doubts ? `，其中 ${doubts} 份仍有未处理的错误或金额单位存疑，汇总数字以其所填为准` : ''}；\\d+ 个机关没有 2024 年度报告。$`,
      ),
    );
    // then whose (named), then the cells not summed and why
    expect(html.explanation[1]).toMatch(/^(仍有未处理的错误|没有 2024 年度报告的机关：)/);
    const notes = html.explanation.slice(html.explanation.findIndex((n) => n.startsWith('汇总说明：')));
    expect(notes[0]).toMatch(/^汇总说明：有 1 个单元格未汇总/);
    expect(notes[1]).toMatch(/^甲镇人民政府的报告留空（未填写）.*行政强制/);
    for (const n of html.explanation) expect(html.content).toContain(n);
    const docx = await w.as.reviewerA.export.region.query({ regionId: w.ids.countyA, year, format: 'docx' });
    const xml = strFromU8(unzipSync(Buffer.from(docx.content, 'base64'))['word/document.xml']!);
    expect(xml).toContain('甲镇人民政府的报告留空（未填写）');
    const xlsx = await w.as.reviewerA.export.region.query({ regionId: w.ids.countyA, year, format: 'xlsx' });
    const files = unzipSync(Buffer.from(xlsx.content, 'base64'));
    const strings = strFromU8(files['xl/sharedStrings.xml'] ?? new Uint8Array());
    expect(strings).toContain('甲镇人民政府的报告留空（未填写）');
    expect(strings).toContain(
      '汇总范围：甲县人民政府及其下属机关 2024 年度状态为已提交、已通过、已发布的报告 2 份',
    );
    const json = await w.as.reviewerA.export.region.query({ regionId: w.ids.countyA, year, format: 'json' });
    expect(json.explanation).toEqual(html.explanation);
    const coercion = rowsOf(json.content).find((r) => r.cell_id === 'activeDisclosure.coercion.decisions')!;
    expect(coercion).toMatchObject({
      value: null,
      semantic: 'blank',
      agency: '甲县人民政府（区域汇总）',
      agency_id: w.ids.countyA,
      parent_id: w.ids.province,
      parent_name: '测试省人民政府',
      report_id: null,
      status: null,
    });

    // An id of no report of the region and year is refused, not ignored.
    const e = await failure(
      w.as.reviewerA.export.region.query({
        regionId: w.ids.countyA,
        year,
        format: 'md',
        exclude: [made[0]!, 'no-such-report'],
      }),
    );
    expect(e).toMatchObject({ code: 'BAD_REQUEST', appCode: 'EXCLUDE_UNKNOWN' });
    expect(e.zhMessage).toMatch(/no-such-report/);
    const ok = await w.as.reviewerA.export.region.query({
      regionId: w.ids.countyA,
      year,
      format: 'md',
      exclude: [made[0]!],
    });
    expect(ok.reports).toBe(1);
  });
});

describe(`summary.yearOnYear keys are cell ids (${DB_LABEL})`, () => {
  it('across editions (2020 → 2021) every delta key is a cell id of cell-ids.md, none invented', async () => {
    const ids: string[] = [];
    for (const year of [2020, 2021]) {
      const r = await w.as.fillerB1.reports.create.mutate({ agencyId: w.ids.agencyB1, year });
      await w.as.fillerB1.reports.save.mutate({ id: r.id, expectedVersion: 1, report: example(r.report) });
      ids.push(r.id);
    }
    const yoy = await w.as.fillerB1.summary.yearOnYear.query({ id: ids[1]! });
    const known = new Set([...listCells('2019-trial'), ...listCells('2021')].map((d) => d.id));
    expect(yoy.deltas.filter((d) => !known.has(d.key)).map((d) => d.key)).toEqual([]);
    expect(yoy.deltas.find((d) => d.key === 'activeDisclosure.regulations.made')).toMatchObject({
      previousCells: ['activeDisclosure.regulations.newlyMade'],
      currentCells: ['activeDisclosure.regulations.made'],
    });
    expect(yoy.deltas.find((d) => d.key === 'applications.other.naturalPerson')!.currentCells).toEqual([
      'applications.other_noCorrection.naturalPerson',
      'applications.other_feeUnpaid.naturalPerson',
      'applications.other_other.naturalPerson',
    ]);
  });
});
