import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_REPORT_TEXT } from './demo/seed-text.js';
import { DB_LABEL, failure, makeWorld, type World } from './test-support/harness.js';

let w: World;
beforeAll(async () => {
  w = await makeWorld();
});
afterAll(async () => w?.cleanup());

// A file's bytes as a careless client sends them: read as latin1/utf8 into a JSON string.
const PDF = '%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n';
const DOCX = 'PK\u0003\u0004\u0014\u0000\u0006\u0000\b\u0000\u0000\u0000!\u0000[Content_Types].xml';

describe(`PDF and Word bytes sent as utf8 are named, whatever kind was declared (${DB_LABEL})`, () => {
  it('no kind, no file name: BINARY_NEEDS_BASE64 saying which kind, not IMPORT_FAILED', async () => {
    for (const [content, detected] of [
      [PDF, 'pdf'],
      [DOCX, 'docx'],
      [`\uFEFF${PDF}`, 'pdf'],
      [`\n  ${PDF}`, 'pdf'],
    ] as const) {
      // (each call made when awaited: a refusal not yet awaited is an unhandled rejection)
      for (const call of [
        () => w.as.fillerA1.import.preview.mutate({ agencyId: w.ids.agencyA1, content, encoding: 'utf8' }),
        () => w.as.fillerA1.import.upload.mutate({ agencyId: w.ids.agencyA1, content, encoding: 'utf8' }),
        // Declared as text or HTML: the content still says what it is.
        () =>
          w.as.fillerA1.import.preview.mutate({
            agencyId: w.ids.agencyA1,
            content,
            encoding: 'utf8',
            kind: 'text',
          }),
      ]) {
        const e = await failure(call());
        expect(e).toMatchObject({
          code: 'BAD_REQUEST',
          appCode: 'BINARY_NEEDS_BASE64',
          details: { detected },
        });
        expect(e.zhMessage).toMatch(/base64/);
        expect(e.zhMessage).toContain(detected === 'pdf' ? 'PDF' : 'Word');
      }
    }
    expect(await w.as.fillerA1.reports.list.query({ agencyId: w.ids.agencyA1 })).toMatchObject({ total: 0 });
  });

  it('text that merely begins with the letters is text', async () => {
    const p = await w.as.fillerA1.import.preview.mutate({
      agencyId: w.ids.agencyA1,
      content: SEED_REPORT_TEXT,
      encoding: 'utf8',
    });
    expect(p.year).toBe(2020);
    const pk = await failure(
      w.as.fillerA1.import.preview.mutate({
        agencyId: w.ids.agencyA1,
        content: 'PK 赛程通知',
        encoding: 'utf8',
      }),
    );
    expect(pk.appCode).not.toBe('BINARY_NEEDS_BASE64');
  });
});
