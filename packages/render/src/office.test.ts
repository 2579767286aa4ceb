/**
 * Open the DOCX and XLSX in an office suite: LibreOffice (when installed) converts them to PDF
 * headless. A file it cannot read fails the conversion. The PDFs stay in artifacts/ for a look.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { exampleReport, parseReport } from '@nianbao/core';
import { describe, expect, it } from 'vitest';
import { render } from './index.js';

const SOFFICE = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((p) => existsSync(p));
const ARTIFACTS = join(import.meta.dirname, '..', 'artifacts', 'office');
if (!SOFFICE) {
  console.warn(
    '[render] LibreOffice check skipped: soffice is absent (optional: apt-get install -y libreoffice-writer-nogui libreoffice-calc-nogui)',
  );
}

/** Files of ARTIFACTS printed to PDF beside them by LibreOffice (its own profile: `profile`). */
async function toPdf(profile: string, ...files: string[]): Promise<void> {
  await promisify(execFile)(
    SOFFICE!,
    [
      `-env:UserInstallation=file://${profile}`,
      '--headless',
      '--convert-to',
      'pdf',
      '--outdir',
      ARTIFACTS,
      ...files.map((f) => join(ARTIFACTS, f)),
    ],
    { timeout: 150_000 },
  );
}

describe.skipIf(!SOFFICE)('opens in LibreOffice', () => {
  it('the 2021 example as DOCX and XLSX converts to A4 PDF', async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const profile = mkdtempSync(join(tmpdir(), 'nianbao-render-lo-'));
    try {
      const r = exampleReport({ year: 2021 });
      writeFileSync(join(ARTIFACTS, 'example-2021.docx'), await render(r, 'docx'));
      writeFileSync(join(ARTIFACTS, 'example-2021-tables.xlsx'), await render(r, 'xlsx'));
      await toPdf(profile, 'example-2021.docx', 'example-2021-tables.xlsx');
      const pdf = readFileSync(join(ARTIFACTS, 'example-2021.pdf')).toString('latin1');
      expect((pdf.match(/\/Type\s*\/Page[^s]/g) ?? []).length).toBeGreaterThanOrEqual(3);
      expect(pdf).toMatch(/\/MediaBox\s*\[\s*0 0 595\.\d+ 841\.\d+\s*\]/);
      expect(existsSync(join(ARTIFACTS, 'example-2021-tables.pdf'))).toBe(true);
      // The PDF a filler makes of our DOCX, as a reviewer imports it: every number comes back (rows
      // whose label wraps around its numbers included: before, 5.要求行政机关确认或… was lost).
      const { ingest } = await import('@nianbao/ingest');
      const back = await ingest(new Uint8Array(readFileSync(join(ARTIFACTS, 'example-2021.pdf'))));
      for (const [id, cell] of Object.entries(r.cells))
        expect(back.report.cells[id]?.value, id).toEqual(cell.value);
      expect(back.diagnostics.issues.filter((i) => i.severity === 'error')).toEqual([]);
    } finally {
      rmSync(profile, { recursive: true, force: true });
    }
  }, 180_000);

  it('表三 starting low on a page is printed whole: no row lost (a random 2020 report lost 154 cells)', async () => {
    // A random report of the round trip (2019 format, blanks): 表三 began at the foot of page 2;
    // with every row kept whole and the header repeated, LibreOffice placed 「三、本年度办理结果」
    // (18 rows in one group) on no page and printed nothing of the table after its first row.
    mkdirSync(ARTIFACTS, { recursive: true });
    const profile = mkdtempSync(join(tmpdir(), 'nianbao-render-lo-'));
    try {
      const r = parseReport(
        readFileSync(join(import.meta.dirname, 'test-support', 'lo-table-lost-2020.json'), 'utf8'),
      );
      if (!r.ok) throw new Error('fixture');
      writeFileSync(join(ARTIFACTS, 'table-lost-2020.docx'), await render(r.value, 'docx'));
      await toPdf(profile, 'table-lost-2020.docx');
      const { ingest } = await import('@nianbao/ingest');
      const back = await ingest(new Uint8Array(readFileSync(join(ARTIFACTS, 'table-lost-2020.pdf'))));
      const lost = Object.keys(r.value.cells).filter((id) => back.report.cells[id]?.value === undefined);
      expect(lost).toEqual([]);
      for (const [id, cell] of Object.entries(r.value.cells))
        expect(back.report.cells[id]?.value, id).toEqual(cell.value);
    } finally {
      rmSync(profile, { recursive: true, force: true });
    }
  }, 180_000);
});
