import { exampleReport, type Report } from '@nianbao/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_LABEL, failure, makeWorld, type World } from './test-support/harness.js';

/*
 * An Excel workbook of the three tables — our own XLSX export, filled in or corrected in Excel or WPS —
 * imports as a report, and as a new version of a report keeps that report's text (a workbook has none).
 */

let w: World;
let reportId: string;
let sent: Report;
let xlsx: string;
beforeAll(async () => {
  w = await makeWorld();
  const created = await w.as.fillerA1.reports.create.mutate({ agencyId: w.ids.agencyA1, year: 2024 });
  reportId = created.id;
  const e = exampleReport({ year: 2024, agency: created.report.meta.agency });
  sent = { ...e, meta: { ...e.meta, agency: created.report.meta.agency } };
  await w.as.fillerA1.reports.save.mutate({ id: reportId, expectedVersion: 1, report: sent });
  const out = await w.as.fillerA1.export.report.query({ id: reportId, format: 'xlsx' });
  expect(out.encoding).toBe('base64');
  xlsx = out.content;
});
afterAll(async () => w?.cleanup());

const values = (r: Report) =>
  Object.fromEntries(Object.entries(r.cells).map(([id, c]) => [id, c?.value ?? null]));

describe(`import of an Excel workbook (${DB_LABEL})`, () => {
  it('our XLSX export imports for another agency with every number, said to hold the tables only', async () => {
    const up = await w.as.fillerA2.import.upload.mutate({
      agencyId: w.ids.agencyA2,
      content: xlsx,
      encoding: 'base64',
      fileName: '报告.xlsx',
    });
    expect(up).toMatchObject({ year: 2024, edition: '2021', version: 1 });
    expect(up.diagnostics.kind.value).toBe('xlsx');
    expect(values(up.report)).toEqual(values(sent));
    const codes = up.diagnostics.issues.map((i) => i.code);
    expect(codes).toContain('XLSX_TABLES_ONLY');
    expect(codes).not.toContain('SECTION_CUT_OFF');
    // a new report has no text to keep
    expect(codes).not.toContain('TEXT_KEPT');
  });

  it('as a new version of a report with text: the numbers from the file, the text kept (preview and upload alike)', async () => {
    // The office changes numbers in Excel: here by importing the export of a report with other numbers.
    const other = await w.as.fillerB1.reports.create.mutate({ agencyId: w.ids.agencyB1, year: 2024 });
    const base = exampleReport({ year: 2024, agency: other.report.meta.agency });
    const changed: Report = {
      ...base,
      meta: { ...base.meta, agency: other.report.meta.agency },
      cells: {
        ...base.cells,
        'applications.newReceived.naturalPerson': { value: 999 },
      },
    };
    await w.as.fillerB1.reports.save.mutate({ id: other.id, expectedVersion: 1, report: changed });
    const file = (await w.as.fillerB1.export.report.query({ id: other.id, format: 'xlsx' })).content;

    const source = {
      agencyId: w.ids.agencyA1,
      content: file,
      encoding: 'base64' as const,
      kind: 'xlsx' as const,
    };
    const preview = await w.as.fillerA1.import.preview.mutate(source);
    const up = await w.as.fillerA1.import.upload.mutate({ ...source, expectedVersion: 2 });
    expect(up.version).toBe(3);
    const stored = (await w.as.fillerA1.reports.get.query({ id: reportId })).report;
    expect(stored.cells['applications.newReceived.naturalPerson']?.value).toBe(999);
    // the text is version 2's, not emptied
    expect(stored.sections).toEqual(sent.sections);
    expect(stored.sections.overview).toBeTruthy();
    for (const r of [preview, up]) {
      expect(r.report.sections).toEqual(sent.sections);
      const kept = r.diagnostics.issues.find((i) => i.code === 'TEXT_KEPT');
      expect(kept?.message).toMatch(/沿用当前第 2 版/);
      // and not also told the workbook has no text for those sections
      expect(r.diagnostics.issues.map((i) => i.code)).not.toContain('XLSX_TABLES_ONLY');
    }
  });

  it('sent as text (utf8) it is refused as a damaged file, named as Excel', async () => {
    const f = await failure(
      w.as.fillerA2.import.preview.mutate({
        agencyId: w.ids.agencyA2,
        content: Buffer.from(xlsx, 'base64').toString('latin1'),
        encoding: 'utf8',
      }),
    );
    expect(f).toMatchObject({ appCode: 'BINARY_NEEDS_BASE64' });
    expect(f.zhMessage).toMatch(/Excel（\.xlsx）/);
  });
});
