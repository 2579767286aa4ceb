import { exampleReport, NianbaoError } from '@nianbao/core';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { docxToSource } from './docx.js';
import { detectKind, ingest } from './index.js';
import { reportToDocx } from './test-support/docx-fixture.js';

describe('Word (.docx) as staff wrote it', { timeout: 60_000 }, () => {
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
    // a zip bomb: the directory says document.xml inflates to 1 GB
    const bomb = zipSync({ 'word/document.xml': new Uint8Array(1000) });
    const view = new DataView(bomb.buffer, bomb.byteOffset, bomb.byteLength);
    for (let i = bomb.length - 22; i >= 0; i--)
      if (view.getUint32(i, true) === 0x02014b50) {
        view.setUint32(i + 24, 1024 * 1024 * 1024, true);
        break;
      }
    const e2 = await ingest(bomb).catch((e: unknown) => e);
    expect((e2 as NianbaoError).code).toBe('INGEST_TOO_LARGE');
    const broken = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5]);
    expect(() => docxToSource(broken)).toThrow(NianbaoError);
  });
});
