import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_REPORT_TEXT } from './demo/seed-text.js';
import { DB_LABEL, makeWorld, type World } from './test-support/harness.js';

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
