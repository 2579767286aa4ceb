import { exampleReport, NianbaoError } from '@nianbao/core';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { docxToSource } from './docx.js';
import { detectKind, ingest } from './index.js';
import { reportToDocx } from './test-support/docx-fixture.js';

describe('Word (.docx) as staff wrote it', () => {
  it('reads its tables as tables: every cell of a generated 2022 report', async () => {
    const src = exampleReport({ year: 2022 });
    src.meta.agency = { name: '某某县司法局' };
    const bytes = await reportToDocx(src, { blank: ['applications.carriedOver.researchInstitution'] });
    expect(detectKind(bytes).kind).toBe('docx');
    const r = await ingest(bytes);
    expect(r.diagnostics.kind.value).toBe('docx');
    expect(r.report.meta).toMatchObject({ year: 2022, edition: '2021' });
    expect(r.report.meta.agency.name).toBe('某某县司法局');
    let same = 0;
    for (const [id, cell] of Object.entries(src.cells)) {
      const got = r.report.cells[id];
      expect(got, id).toBeDefined();
      if (id === 'applications.carriedOver.researchInstitution') {
        expect(got!.value).toBeNull();
        continue;
      }
      expect(got!.value, id).toBe(cell.value);
      same++;
    }
    expect(same).toBe(199);
    expect(r.diagnostics.cells['applications.newReceived.total']!.where).toMatchObject({ table: 2 });
    expect(r.report.sections.problems).toBe(src.sections.problems);
  });

  it('rejects a zip that is not a Word document, and a broken zip', async () => {
    const notWord = zipSync({ 'hello.txt': new TextEncoder().encode('hi') });
    const e1 = await ingest(notWord).catch((e: unknown) => e);
    expect(e1).toBeInstanceOf(NianbaoError);
    expect((e1 as NianbaoError).code).toBe('INGEST_DOCX_INVALID');
    const broken = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5]);
    expect(() => docxToSource(broken)).toThrow(NianbaoError);
  });
});
