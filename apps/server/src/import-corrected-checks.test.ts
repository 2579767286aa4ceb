import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_REPORT_TEXT } from './demo/seed-text.js';
import { DB_LABEL, failure, makeWorld, type World } from './test-support/harness.js';

let w: World;
beforeAll(async () => {
  w = await makeWorld();
});
afterAll(async () => w?.cleanup());

const TYPO = 'applications.newRecieved.naturalPerson';

describe(`import.upload checks a corrected report as reports.save does (${DB_LABEL})`, () => {
  it('a new report: an unknown cell and another agency’s 编号 are refused, nothing stored', async () => {
    const c = w.as.fillerB1;
    const p = await c.import.preview.mutate({ agencyId: w.ids.agencyB1, content: SEED_REPORT_TEXT });
    const typo = structuredClone(p.report);
    typo.cells[TYPO] = { value: 12 };
    const unknown = await failure(
      c.import.upload.mutate({ agencyId: w.ids.agencyB1, content: SEED_REPORT_TEXT, report: typo }),
    );
    expect(unknown).toMatchObject({
      code: 'BAD_REQUEST',
      appCode: 'UNKNOWN_CELL',
      details: { cells: [TYPO] },
    });
    expect(unknown.zhMessage).toMatch(/applications\.newReceived\.naturalPerson/);
    const other = structuredClone(p.report);
    other.meta.agency = { ...other.meta.agency, id: w.ids.agencyA1 };
    const mismatch = await failure(
      c.import.upload.mutate({ agencyId: w.ids.agencyB1, content: SEED_REPORT_TEXT, report: other }),
    );
    expect(mismatch).toMatchObject({
      code: 'BAD_REQUEST',
      appCode: 'AGENCY_MISMATCH',
      details: { expected: w.ids.agencyB1, actual: w.ids.agencyA1 },
    });
    // A 填报人 of 乙县 learns nothing of 甲县's agency by its id.
    expect(mismatch.zhMessage).toMatch(/另一个机关/);
    expect(await c.reports.find.query({ agencyId: w.ids.agencyB1, year: p.year })).toBeNull();
    // The report as previewed is stored.
    const ok = await c.import.upload.mutate({
      agencyId: w.ids.agencyB1,
      content: SEED_REPORT_TEXT,
      report: p.report,
    });
    expect(ok.version).toBe(1);
  });

  it('a new version of an existing report: the same refusals, the stored version stays', async () => {
    const c = w.as.fillerA1;
    const first = await c.import.upload.mutate({ agencyId: w.ids.agencyA1, content: SEED_REPORT_TEXT });
    const got = await c.reports.get.query({ id: first.reportId });
    const typo = structuredClone(got.report);
    typo.cells[TYPO] = { value: 12 };
    expect(
      (
        await failure(
          c.import.upload.mutate({
            agencyId: w.ids.agencyA1,
            content: SEED_REPORT_TEXT,
            report: typo,
            expectedVersion: 1,
          }),
        )
      ).appCode,
    ).toBe('UNKNOWN_CELL');
    const other = structuredClone(got.report);
    other.meta.agency = { ...other.meta.agency, id: w.ids.agencyA2 };
    const mismatch = await failure(
      c.import.upload.mutate({
        agencyId: w.ids.agencyA1,
        content: SEED_REPORT_TEXT,
        report: other,
        expectedVersion: 1,
      }),
    );
    expect(mismatch).toMatchObject({
      appCode: 'AGENCY_MISMATCH',
      details: { expected: w.ids.agencyA1, actual: w.ids.agencyA2 },
    });
    const after = await c.reports.get.query({ id: first.reportId });
    expect(after.version).toBe(1);
    expect(after.report.cells[TYPO]).toBeUndefined();
    // What the importer reads itself is not refused: the file is this agency's whatever it says.
    expect(
      (
        await c.import.upload.mutate({
          agencyId: w.ids.agencyA1,
          content: SEED_REPORT_TEXT,
          expectedVersion: 1,
          note: '再次导入',
        })
      ).version,
    ).toBe(2);
  });
});
