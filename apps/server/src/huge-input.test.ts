import { exampleReport } from '@nianbao/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_REPORT_CELLS } from './report-input.js';
import { DB_LABEL, failure, makeWorld, type World } from './test-support/harness.js';

let w: World;
beforeAll(async () => {
  w = await makeWorld();
});
afterAll(async () => w?.cleanup());

const manyCells = (n: number, value: unknown) =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [`a${i}`, { value }]));

describe(`huge invalid input is refused cheaply, always as INVALID_INPUT (${DB_LABEL})`, () => {
  it('100,001 made-up cells: refused before any cell is parsed, a small answer', async () => {
    const e = await failure(
      w.as.fillerA1.checks.validate.mutate({ report: { cells: manyCells(100_001, 1) } as never }),
    );
    expect(e).toMatchObject({ code: 'BAD_REQUEST', appCode: 'INVALID_INPUT' });
    expect(e.details.issues).toEqual([
      { path: 'report.cells', message: expect.stringMatching(/单元格超过/) },
    ]);
    expect(JSON.stringify(e).length).toBeLessThan(2_000);
    expect(e.zhMessage).toMatch(/^请求参数有误：.*单元格超过 \d+ 个/);
    // Refused before any cell was parsed: no issue of a cell (parsed, each of 100,001 made-up ids
    // was one). No stopwatch: it failed on a loaded machine (6.6 s) with the check working.
  });

  it('~9 MB of cells (the answer was BAD_REQUEST 「请求参数有误」 with details {}): INVALID_INPUT', async () => {
    const e = await failure(
      w.as.fillerA1.checks.validate.mutate({ report: { cells: manyCells(300_000, 'x'.repeat(8)) } as never }),
    );
    expect(e).toMatchObject({ code: 'BAD_REQUEST', appCode: 'INVALID_INPUT' });
    expect(e.details.issues).toHaveLength(1);
  });

  it('just over the limit is refused, the limit itself is parsed cell by cell', async () => {
    const over = await failure(
      w.as.fillerA1.checks.validate.mutate({
        report: { cells: manyCells(MAX_REPORT_CELLS + 1, 1) } as never,
      }),
    );
    expect(over.details.issues).toEqual([
      { path: 'report.cells', message: expect.stringMatching(/单元格超过/) },
    ]);
    const at = await failure(
      w.as.fillerA1.checks.validate.mutate({ report: { cells: manyCells(MAX_REPORT_CELLS, 1) } as never }),
    );
    expect(at.appCode).toBe('INVALID_INPUT');
    expect(JSON.stringify(at.details.issues)).not.toMatch(/单元格超过/);
  });

  it('details.issues holds the first 100, details.issueCount all of them', async () => {
    const r = exampleReport({
      year: 2023,
      agency: { name: '甲县交通运输局', kind: '政府部门', level: '县级' },
    });
    const ids = Object.keys(r.cells).slice(0, 150);
    const bad = {
      ...r,
      cells: { ...r.cells, ...Object.fromEntries(ids.map((id) => [id, { value: 'abc' }])) },
    };
    const e = await failure(w.as.fillerA1.checks.validate.mutate({ report: bad as never }));
    expect(e.appCode).toBe('INVALID_INPUT');
    const issues = e.details.issues as { path: string }[];
    expect(e.details.issueCount).toBeGreaterThanOrEqual(150);
    expect(issues).toHaveLength(100);
    expect(issues[0]!.path).toMatch(/^report\.cells\./);
  });
});
