import { exampleReport } from '@nianbao/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_REPORT_TEXT } from './demo/seed-text.js';
import { DB_LABEL, failure, makeWorld, type World } from './test-support/harness.js';

let w: World;
beforeAll(async () => {
  w = await makeWorld();
});
afterAll(async () => w?.cleanup());

describe(`import returns what is stored (${DB_LABEL})`, () => {
  it('preview and upload give the report bound to the agency record and derived, as stored', async () => {
    // The seed is a 镇's report (人民政府, 乡镇级), imported for a county department.
    const source = { agencyId: w.ids.agencyA1, kind: 'text' as const, content: SEED_REPORT_TEXT };
    const preview = await w.as.fillerA1.import.preview.mutate(source);
    const agency = { id: w.ids.agencyA1, name: '甲县交通运输局', kind: '政府部门', level: '县级' };
    expect(preview.report.meta.agency).toEqual(agency);
    const up = await w.as.fillerA1.import.upload.mutate(source);
    expect(up.report.meta.agency).toEqual(agency);
    const stored = (await w.as.fillerA1.reports.get.query({ id: up.reportId })).report;
    expect(up.report).toEqual(stored);
    expect(preview.report).toEqual(stored);
  });
});

describe(`import keeps the year and edition checks of save (${DB_LABEL})`, () => {
  it('a year other than the document’s is said; the edition must follow it; a corrected report’s year must match', async () => {
    // A 2021-format document titled 2025 (乙县教育局's report, exported as HTML).
    const b1 = await w.as.fillerB1.reports.create.mutate({ agencyId: w.ids.agencyB1, year: 2025 });
    const e = exampleReport({ year: 2025, agency: b1.report.meta.agency });
    await w.as.fillerB1.reports.save.mutate({
      id: b1.id,
      expectedVersion: 1,
      report: { ...e, meta: { ...e.meta, agency: b1.report.meta.agency } },
    });
    const html = (await w.as.fillerB1.export.report.query({ id: b1.id, format: 'html' })).content;
    const source = { agencyId: w.ids.agencyA2, kind: 'html' as const, content: html };
    const read = await w.as.fillerA2.import.preview.mutate(source);
    expect(read).toMatchObject({ year: 2025, edition: '2021' });
    expect(read.diagnostics.issues.map((i) => i.code)).not.toContain('YEAR_DIFFERS');

    // 2020 is of the 2019 trial format: refused, as save refuses it, naming both years.
    for (const call of [w.as.fillerA2.import.preview, w.as.fillerA2.import.upload]) {
      const f = await failure(call.mutate({ ...source, year: 2020 }));
      expect(f).toMatchObject({ code: 'BAD_REQUEST', appCode: 'EDITION_MISMATCH' });
      expect(f.zhMessage).toMatch(/2025.*2020/);
      expect(f.details).toMatchObject({
        expected: '2019-trial',
        actual: '2021',
        year: 2020,
        documentYear: 2025,
      });
    }
    expect(await w.as.fillerA2.reports.find.query({ agencyId: w.ids.agencyA2, year: 2020 })).toBeNull();

    // A corrected report of 2025 with year 2024: the same contradiction save calls YEAR_MISMATCH.
    const mismatch = await failure(
      w.as.fillerA2.import.upload.mutate({ ...source, year: 2024, report: read.report }),
    );
    expect(mismatch).toMatchObject({ code: 'BAD_REQUEST', appCode: 'YEAR_MISMATCH' });
    expect(mismatch.details).toMatchObject({ expected: 2024, actual: 2025 });
    expect(await w.as.fillerA2.reports.find.query({ agencyId: w.ids.agencyA2, year: 2024 })).toBeNull();

    // 2024 is of the same format: imported as asked, and the diagnostics say the document says 2025.
    const up = await w.as.fillerA2.import.upload.mutate({ ...source, year: 2024 });
    expect(up).toMatchObject({ year: 2024, edition: '2021' });
    const differs = up.diagnostics.issues.find((i) => i.code === 'YEAR_DIFFERS');
    expect(differs).toMatchObject({ severity: 'warning', details: { read: 2025, year: 2024 } });
    expect(differs!.message).toMatch(/文件中的年度为 2025 年.*2024 年度/);
    const stored = await w.as.fillerA2.reports.get.query({ id: up.reportId });
    expect(stored).toMatchObject({ year: 2024, edition: '2021' });
    expect(stored.report.meta.year).toBe(2024);
    expect(await w.as.fillerA2.import.diagnostics.query({ id: up.reportId, version: 1 })).toEqual(
      up.diagnostics,
    );
  });
});
