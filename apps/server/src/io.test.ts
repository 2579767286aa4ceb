import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { exampleReport, type Report } from '@nianbao/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_REPORT_TEXT } from './demo/seed-text.js';
import { DB_LABEL, failure, makeWorld, type World } from './test-support/harness.js';

let w: World;
beforeAll(async () => {
  w = await makeWorld();
});
afterAll(async () => w?.cleanup());

const PDF = join(import.meta.dirname, '../../../packages/ingest/fixtures/pdf/huaian-hongze-2024.pdf');

const example = (r: Report, scale = 1): Report => {
  const e = exampleReport({ year: r.meta.year, agency: r.meta.agency, scale });
  return { ...e, meta: { ...e.meta, agency: r.meta.agency } };
};

describe(`import (${DB_LABEL})`, () => {
  it('text: the seed report becomes a draft of the right year and edition, with diagnostics', async () => {
    const res = await w.as.fillerA2.import.upload.mutate({
      agencyId: w.ids.agencyA2,
      kind: 'text',
      content: SEED_REPORT_TEXT,
    });
    expect(res).toMatchObject({ year: 2020, edition: '2019-trial', version: 1 });
    expect(res.diagnostics.summary.cellsFound).toBeGreaterThan(150);
    const got = await w.as.fillerA2.reports.get.query({ id: res.reportId });
    expect(got).toMatchObject({ status: 'draft', year: 2020, agencyName: '甲镇人民政府' });
    expect(got.report.meta.agency.id).toBe(w.ids.agencyA2);
    // The document's title names 坑仔口镇: not kept for 甲镇, whose exports print their own title.
    expect(got.report.meta.title).toBeUndefined();
    const html = await w.as.fillerA2.export.report.query({ id: res.reportId, format: 'html' });
    expect(html.content).toContain('<title>甲镇人民政府2020年政府信息公开工作年度报告</title>');
    expect(html.content).not.toContain('<title>坑仔口镇');
    // The same document uploaded for a county department names that department, not the 镇 the
    // document was written by: the level-dependent rules (T2-4, F1–F3) judge the right agency.
    const forA1 = await w.as.fillerA1.import.preview.mutate({
      agencyId: w.ids.agencyA1,
      kind: 'text',
      content: SEED_REPORT_TEXT,
    });
    expect(forA1.report.meta.agency).toMatchObject({ name: '甲县交通运输局' });
    expect(forA1.diagnostics.issues[0]).toMatchObject({ code: 'AGENCY_DIFFERS', severity: 'warning' });
    expect(forA1.diagnostics.issues[0]!.message).toMatch(/坑仔口镇人民政府.*甲县交通运输局/);
    const storedA1 = await w.as.fillerA1.import.upload.mutate({
      agencyId: w.ids.agencyA1,
      kind: 'text',
      content: SEED_REPORT_TEXT,
    });
    expect((await w.as.fillerA1.reports.get.query({ id: storedA1.reportId })).report.meta.agency).toEqual({
      id: w.ids.agencyA1,
      name: '甲县交通运输局',
      kind: '政府部门',
      level: '县级',
    });
    expect(got.report.cells['applications.newReceived.total']!.value).toBe(0);
    expect(got.report.sections.overview).toMatch(/坑仔口镇|我镇/);
    const h = await w.as.fillerA2.reports.history.query({ id: res.reportId });
    expect(h.versions[0]).toMatchObject({ kind: 'import' });
    // Again for the same year: a new version, only with expectedVersion. The refusal says so in
    // words for people (no field names) and gives programs the version to pass.
    const exists = await failure(
      w.as.fillerA2.import.upload.mutate({
        agencyId: w.ids.agencyA2,
        kind: 'text',
        content: SEED_REPORT_TEXT,
      }),
    );
    expect(exists).toMatchObject({
      appCode: 'REPORT_EXISTS',
      details: { reportId: res.reportId, version: 1, status: 'draft' },
    });
    expect(exists.zhMessage).toMatch(/已存在（草稿，第 1 版）：可以把导入的内容保存为它的新版本/);
    expect(exists.zhMessage).not.toMatch(/[A-Za-z]/);
    // (The report changed since: the same file again is a new version; unchanged it stores nothing.)
    await w.as.fillerA2.reports.save.mutate({
      id: res.reportId,
      expectedVersion: 1,
      report: example(got.report),
    });
    const again = await w.as.fillerA2.import.upload.mutate({
      agencyId: w.ids.agencyA2,
      kind: 'text',
      content: SEED_REPORT_TEXT,
      expectedVersion: 2,
      fileName: 'seed.txt',
    });
    expect(again).toMatchObject({ reportId: res.reportId, version: 3 });
    expect((await w.as.fillerA2.reports.history.query({ id: res.reportId })).versions[2]).toMatchObject({
      kind: 'import',
      note: '导入：seed.txt',
    });
  });

  it('HTML and DOCX made by export come back through import (round trip)', async () => {
    const c = await w.as.fillerA1.reports.create.mutate({ agencyId: w.ids.agencyA1, year: 2023 });
    await w.as.fillerA1.reports.save.mutate({ id: c.id, expectedVersion: 1, report: example(c.report, 3) });
    const html = await w.as.fillerA1.export.report.query({ id: c.id, format: 'html' });
    expect(html).toMatchObject({ encoding: 'utf8', mime: expect.stringMatching(/text\/html/) });
    expect(html.content).toMatch(/<table/);
    const docx = await w.as.fillerA1.export.report.query({ id: c.id, format: 'docx' });
    expect(docx.encoding).toBe('base64');
    expect(Buffer.from(docx.content, 'base64').subarray(0, 2).toString()).toBe('PK');
    expect(docx.fileName).toBe('甲县交通运输局2023年政府信息公开工作年度报告.docx');
    const fromHtml = await w.as.fillerA1.import.upload.mutate({
      agencyId: w.ids.agencyA1,
      kind: 'html',
      content: html.content,
      year: 2022,
    });
    const fromDocx = await w.as.fillerA1.import.upload.mutate({
      agencyId: w.ids.agencyA1,
      kind: 'docx',
      content: docx.content,
      encoding: 'base64',
      year: 2021,
    });
    for (const id of [fromHtml.reportId, fromDocx.reportId]) {
      const r = (await w.as.fillerA1.reports.get.query({ id })).report;
      expect(r.cells['applications.granted.naturalPerson']!.value).toBe(60);
      expect(r.cells['reviewLitigation.review.total']!.value).toBe(12);
    }
  });

  it('a cell the importer could not read stays absent: the stored draft says which cells its table lacks until they are filled in', async () => {
    const text = `某局2022年政府信息公开工作年度报告
二、主动公开政府信息情况
第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000行政规范性文件6233440第二十条第（五）项信息内容本年处理决定数量行政许可12
三、收到和处理政府信息公开申请情况`;
    const p = await w.as.fillerA2.import.preview.mutate({
      agencyId: w.ids.agencyA2,
      kind: 'text',
      content: text,
    });
    expect(p.diagnostics.issues.some((i) => i.code === 'DIGITS_SPLIT_AMBIGUOUS')).toBe(true);
    expect(p.report.cells['activeDisclosure.regulations.made']).toMatchObject({ value: 0 });
    expect(p.report.cells).not.toHaveProperty(['activeDisclosure.normativeDocs.made']);
    // Stored, the draft is judged as `nianbao check` judges the file: S4 names the three cells of
    // 行政规范性文件 the document did not give — an error, not a blank-cell warning (C2).
    const up = await w.as.fillerA2.import.upload.mutate({
      agencyId: w.ids.agencyA2,
      kind: 'text',
      content: text,
    });
    const missing = (f: { ruleId: string; cells: readonly string[] }) =>
      f.ruleId === 'S4' && f.cells.includes('activeDisclosure.normativeDocs.made');
    const before = await w.as.fillerA2.checks.validate.mutate({ id: up.reportId });
    expect(before.findings.find(missing)).toMatchObject({ severity: 'error' });
    expect(
      before.findings.some(
        (f) => f.ruleId === 'C2' && f.cells.includes('activeDisclosure.normativeDocs.made'),
      ),
    ).toBe(false);
    // Filled in, the finding is gone.
    const got = await w.as.fillerA2.reports.get.query({ id: up.reportId });
    const cells = { ...got.report.cells };
    for (const c of ['made', 'repealed', 'valid'])
      cells[`activeDisclosure.normativeDocs.${c}`] = { value: 3 };
    const saved = await w.as.fillerA2.reports.save.mutate({
      id: up.reportId,
      expectedVersion: got.version,
      report: { ...got.report, cells },
    });
    const after = await w.as.fillerA2.checks.validate.mutate({ id: up.reportId, version: saved.version });
    expect(after.findings.some(missing)).toBe(false);
  });

  it.skipIf(!existsSync(PDF))('PDF upload (base64)', async () => {
    const b64 = readFileSync(PDF).toString('base64');
    const res = await w.as.fillerB1.import.upload.mutate({
      agencyId: w.ids.agencyB1,
      kind: 'pdf',
      content: b64,
      encoding: 'base64',
    });
    expect(res.year).toBe(2024);
    expect(res.edition).toBe('2021');
    expect(res.diagnostics.summary.tablesFound).toBeGreaterThanOrEqual(2);
  });

  it('bad uploads: clear errors, no report created', async () => {
    const before = (await w.as.fillerB1.reports.list.query({})).total;
    const junk = await failure(
      w.as.fillerB1.import.upload.mutate({
        agencyId: w.ids.agencyB1,
        kind: 'pdf',
        content: Buffer.from('not a pdf').toString('base64'),
        encoding: 'base64',
      }),
    );
    expect(junk).toMatchObject({ code: 'BAD_REQUEST', appCode: 'IMPORT_FAILED' });
    expect(junk.zhMessage).toMatch(/无法读取/);
    expect(
      (
        await failure(
          w.as.fillerB1.import.upload.mutate({ agencyId: w.ids.agencyB1, kind: 'docx', content: 'PK...' }),
        )
      ).appCode,
    ).toBe('BINARY_NEEDS_BASE64');
    expect(
      (
        await failure(
          w.as.fillerB1.import.upload.mutate({ agencyId: w.ids.agencyB1, kind: 'text', content: '你好' }),
        )
      ).code,
    ).toBe('BAD_REQUEST');
    expect(
      (
        await failure(
          w.as.fillerB1.import.upload.mutate({
            agencyId: w.ids.agencyA1,
            kind: 'text',
            content: SEED_REPORT_TEXT,
          }),
        )
      ).code,
    ).toBe('NOT_FOUND');
    expect(
      (
        await failure(
          w.as.reviewerB.import.upload.mutate({
            agencyId: w.ids.agencyB1,
            kind: 'text',
            content: SEED_REPORT_TEXT,
          }),
        )
      ).code,
    ).toBe('FORBIDDEN');
    expect((await w.as.fillerB1.reports.list.query({})).total).toBe(before);
  });
});

describe(`export (${DB_LABEL})`, () => {
  it('every render format of one report, and of an older version', async () => {
    const list = await w.as.fillerA1.reports.list.query({ year: 2023 });
    const id = list.items[0]!.id;
    for (const format of ['md', 'csv', 'json', 'xlsx'] as const) {
      const out = await w.as.fillerA1.export.report.query({ id, format });
      expect(out.content.length).toBeGreaterThan(100);
      expect(out.fileName.endsWith(`.${format}`)).toBe(true);
    }
    const csv = await w.as.fillerA1.export.report.query({ id, format: 'csv' });
    expect(csv.content).toMatch(/applications\.granted\.naturalPerson/);
    const v1 = await w.as.fillerA1.export.report.query({ id, version: 1, format: 'csv' });
    expect(v1.content).not.toEqual(csv.content);
  });

  it('a region’s open data for a year, only what the caller may see', async () => {
    const c = await w.as.fillerA2.reports.create.mutate({ agencyId: w.ids.agencyA2, year: 2023 });
    await w.as.fillerA2.reports.save.mutate({ id: c.id, expectedVersion: 1, report: example(c.report) });
    // By default what was handed in, as the roll-up: both are drafts, so nothing yet — said, not
    // an empty file.
    const handedIn = await failure(
      w.as.reviewerA.export.openData.query({ regionId: w.ids.countyA, year: 2023, format: 'json' }),
    );
    expect(handedIn).toMatchObject({ code: 'NOT_FOUND', appCode: 'NO_OPEN_DATA' });
    const csv = await w.as.reviewerA.export.openData.query({
      regionId: w.ids.countyA,
      year: 2023,
      format: 'csv',
      statuses: ['draft'],
    });
    expect(csv.reports).toBe(2);
    // A BOM first, so that Excel reads the 简体中文 as UTF-8.
    expect(csv.content.startsWith('\uFEFFagency,')).toBe(true);
    const lines = csv.content.trim().split('\n');
    expect(lines[0]).toMatch(/cell_id/);
    expect(lines.length).toBe(1 + 2 * 200);
    expect(csv.content).toContain('甲县交通运输局');
    expect(csv.content).toContain('甲镇人民政府');
    const json = await w.as.reviewerA.export.openData.query({
      regionId: w.ids.countyA,
      year: 2023,
      format: 'json',
      statuses: ['draft'],
    });
    expect(JSON.parse(json.content)).toHaveLength(400);
    const published = await failure(
      w.as.reviewerA.export.openData.query({
        regionId: w.ids.countyA,
        year: 2023,
        format: 'json',
        statuses: ['published'],
      }),
    );
    expect(published).toMatchObject({ code: 'NOT_FOUND', appCode: 'NO_OPEN_DATA' });
    expect(
      (
        await failure(
          w.as.reviewerB.export.openData.query({ regionId: w.ids.countyA, year: 2023, format: 'csv' }),
        )
      ).code,
    ).toBe('NOT_FOUND');
  });
});
