/**
 * The round trip the issue asks for: render to DOCX, HTML and Markdown, read back with
 * @nianbao/ingest, get the same cells — blanks included — for both editions, on the example
 * reports, the seed and fast-check-generated reports.
 */
import {
  type CellId,
  createEmptyReport,
  EDITION_IDS,
  exampleReport,
  type Report,
  setCell,
} from '@nianbao/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { render } from './index.js';
import { reportArb } from './test-support/arbitraries.js';
import { seedReport } from './test-support/seed.js';

interface IngestModule {
  ingest(
    input: string | Uint8Array,
    opts?: { kind?: 'text' | 'html' | 'pdf' | 'docx' },
  ): Promise<{ report: Report; diagnostics: unknown }>;
}

const specifier = '@nianbao/ingest';
let ingestModule: IngestModule | undefined;
let why = '';
try {
  ingestModule = (await import(/* @vite-ignore */ specifier)) as IngestModule;
  if (typeof ingestModule.ingest !== 'function') {
    why = '@nianbao/ingest has no ingest() export';
    ingestModule = undefined;
  }
} catch (e) {
  why = `@nianbao/ingest is not available (${e instanceof Error ? e.message.split('\n')[0] : String(e)}); build it with npx tsc -p packages/ingest/tsconfig.build.json`;
}
if (!ingestModule) console.warn(`[render] ingest round-trip tests skipped: ${why}`);

const FORMATS = [
  ['html', 'html'],
  ['md', 'text'],
  ['docx', 'docx'],
] as const;

/** Cells as value (and printed unit for money cells); the comparison the round trip must pass. */
function cellsOf(report: Report, ids: readonly CellId[]): Record<CellId, number | null | undefined> {
  const out: Record<CellId, number | null | undefined> = {};
  for (const id of ids) out[id] = report.cells[id]?.value;
  return out;
}

async function roundTrip(
  report: Report,
  format: (typeof FORMATS)[number][0],
  kind: (typeof FORMATS)[number][1],
) {
  const rendered = await render(report, format);
  const { report: back } = await ingestModule!.ingest(rendered, { kind });
  return back;
}

describe.skipIf(!ingestModule)('round trip through @nianbao/ingest', () => {
  describe.each(FORMATS)('%s', (format, kind) => {
    it.each([2020, 2021])('a non-zero %i report: same cells, same year, edition and agency', async (year) => {
      const r = exampleReport({ year });
      const back = await roundTrip(r, format, kind);
      const ids = Object.keys(r.cells);
      expect(cellsOf(back, ids)).toEqual(cellsOf(r, ids));
      expect(back.meta).toMatchObject({
        year,
        edition: r.meta.edition,
        agency: { name: r.meta.agency.name },
      });
    });

    it('the texts of the six sections and the date come back as written', async () => {
      const r: Report = {
        ...exampleReport({ year: 2022 }),
        meta: { ...exampleReport({ year: 2022 }).meta, publishedOn: '2023-01-20' },
      };
      const back = await roundTrip(r, format, kind);
      const squash = (t: string | null) => (t ?? '').replace(/\s+/g, '');
      for (const [key, text] of Object.entries(r.sections))
        expect(squash(back.sections[key as keyof Report['sections']]), key).toBe(squash(text));
      expect(back.meta.publishedOn).toBe('2023-01-20');
    });

    it('the seed (2019-trial, every number 0)', async () => {
      const r = seedReport();
      const back = await roundTrip(r, format, kind);
      const ids = Object.keys(r.cells);
      expect(cellsOf(back, ids)).toEqual(cellsOf(r, ids));
    });

    it.each(EDITION_IDS)('%s: blanks come back blank, not 0', async (edition) => {
      let r = exampleReport({ year: edition === '2021' ? 2022 : 2019 });
      r = setCell(r, 'applications.granted.legalServiceOrg', null);
      r = setCell(
        r,
        'activeDisclosure.regulations.repealed' in r.cells
          ? 'activeDisclosure.regulations.repealed'
          : 'activeDisclosure.regulations.newlyPublished',
        null,
      );
      r = setCell(r, 'reviewLitigation.litigationAfterReview.pending', null);
      const back = await roundTrip(r, format, kind);
      const ids = Object.keys(r.cells);
      expect(cellsOf(back, ids)).toEqual(cellsOf(r, ids));
    });

    it('generated reports (fast-check): every cell, blanks included', async () => {
      await fc.assert(
        fc.asyncProperty(reportArb, async (r) => {
          const back = await roundTrip(r, format, kind);
          const ids = Object.keys(r.cells);
          expect(cellsOf(back, ids)).toEqual(cellsOf(r, ids));
        }),
        { numRuns: format === 'docx' ? 5 : 15 },
      );
    }, 60_000);
  });

  it('an entirely blank report: nothing comes back as a number; 表二 and 表三 come back blank', async () => {
    // Known ingest limitation (reported): a 表四 whose fifteen cells are all blank is read as
    // absent (ROW_VALUES_NOT_READ / TABLE_MISSING) instead of blank. Either way it is never 0.
    const r = createEmptyReport({ year: 2021, agency: '某某镇人民政府' });
    for (const [format, kind] of FORMATS) {
      const back = await roundTrip(r, format, kind);
      const ids = Object.keys(r.cells);
      for (const id of ids) expect(back.cells[id]?.value ?? null, `${format} ${id}`).toBeNull();
      const t23 = ids.filter((id) => !id.startsWith('reviewLitigation.'));
      expect(cellsOf(back, t23), format).toEqual(cellsOf(r, t23));
    }
  });
});
