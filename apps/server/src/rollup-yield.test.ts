import { editionForYear, getEdition } from '@nianbao/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_LABEL, makeWorld, type World } from './test-support/harness.js';
import { turnsDuring } from './test-support/turns.js';

let w: World;
let a1Report = '';
beforeAll(async () => {
  w = await makeWorld();
  // Every agency × 2024, all 已提交: what a roll-up of the province reads.
  for (const agencyId of Object.values(w.ids)) {
    const r = await w.as.admin.reports.create.mutate({ agencyId, year: 2024 });
    await w.as.admin.reports.submit.mutate({ id: r.id, expectedVersion: r.version });
    if (agencyId === w.ids.agencyA1) a1Report = r.id;
  }
});
afterAll(async () => w?.cleanup());

describe(`a region roll-up does not hold others up while it reads the reports (${DB_LABEL})`, () => {
  it('the event loop turns while the province roll-up reads its reports (each read taken as long as a slice)', async () => {
    // Each report read "takes" 20 ms: as a province's 1,890 reports take half a second to read and
    // parse, past the 10 ms slice after which others are let in.
    const { result: sum, turns } = await turnsDuring(() =>
      w.as.admin.summary.region.query({ regionId: w.ids.province, year: 2024 }),
    );
    const reports = Object.keys(w.ids).length;
    expect(turns).toBeGreaterThanOrEqual(reports - 1);
    // And the roll-up itself is whole: every report of the province summed or named.
    expect(sum.included.length + sum.excluded.length).toBe(reports);
    // A 填报人 meanwhile is answered (at the end of it, at worst).
    expect((await w.as.fillerA1.reports.get.query({ id: a1Report })).id).toBe(a1Report);
  });

  // Summing is sliced too: a province's 1,890 reports take ~0.2 s to sum (core's aggregate in one
  // piece held every other request that long). Each cell summed is a step; with every step
  // "taking" 20 ms, the loop turns at least once per cell on top of the turns of the reading.
  const cells = getEdition(editionForYear(2024)!).cells.length;

  it('the event loop turns while the roll-up sums its reports, cell by cell', async () => {
    const { result: sum, turns } = await turnsDuring(() =>
      w.as.admin.summary.region.query({ regionId: w.ids.province, year: 2024 }),
    );
    expect(turns).toBeGreaterThanOrEqual(Object.keys(w.ids).length - 1 + cells);
    expect(sum.included.length).toBeGreaterThan(0);
  });

  it('and while the roll-up is exported', async () => {
    const { result: file, turns } = await turnsDuring(() =>
      w.as.admin.export.region.query({ regionId: w.ids.province, year: 2024, format: 'json' }),
    );
    expect(turns).toBeGreaterThanOrEqual(cells);
    expect(file.fileName).toContain('2024');
  });
});
