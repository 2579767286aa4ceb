import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DB_LABEL, makeWorld, type World } from './test-support/harness.js';

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

/** Resolves after `n` turns of the event loop (what an HTTP request needs to be read). */
const turns = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
};

describe(`a region roll-up does not hold others up while it reads the reports (${DB_LABEL})`, () => {
  it('a 填报人 is answered while the province roll-up reads its reports (each read taken as long as a slice)', async () => {
    // Each report read "takes" 20 ms: as a province's 1,890 reports take half a second to read and
    // parse, past the 10 ms slice after which others are let in.
    let clock = performance.now();
    const now = vi.spyOn(performance, 'now').mockImplementation(() => (clock += 20));
    try {
      const order: string[] = [];
      const rollup = w.as.admin.summary.region.query({ regionId: w.ids.province, year: 2024 }).then((r) => {
        order.push('rollup');
        return r;
      });
      await turns(3); // the roll-up is under way
      const one = await w.as.fillerA1.reports.get.query({ id: a1Report });
      order.push('get');
      const sum = await rollup;
      expect(order).toEqual(['get', 'rollup']);
      expect(one.id).toBe(a1Report);
      // And the roll-up itself is whole: every report of the province summed or named.
      expect(sum.included.length + sum.excluded.length).toBe(Object.keys(w.ids).length);
    } finally {
      now.mockRestore();
    }
  });
});
