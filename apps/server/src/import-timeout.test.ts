import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_LABEL, failure, makeWorld, type World } from './test-support/harness.js';

let w: World;
let quick: World;
beforeAll(async () => {
  // A short limit, so the test does not wait the default minute …
  w = await makeWorld({ importTimeoutMs: 2000 });
  // … and one far shorter than the read of the largest text the importer takes (1.5 s and more).
  quick = await makeWorld({ importTimeoutMs: 50 });
});
afterAll(async () => {
  await w?.cleanup();
  await quick?.cleanup();
});

/**
 * A Word file of a few KB whose tables nest 150,000 deep: it took the importer minutes (the XML
 * parser's cost grows with the depth); now refused before it is parsed (ingest's INGEST_TOO_DEEP).
 */
function nestedTablesDocx(depth: number): string {
  const xml = `<w:document><w:body>${'<w:tbl><w:tr><w:tc>'.repeat(depth)}</w:body></w:document>`;
  return Buffer.from(zipSync({ 'word/document.xml': new TextEncoder().encode(xml) }, { level: 9 })).toString(
    'base64',
  );
}

describe(`an upload that would take the importer minutes (${DB_LABEL})`, () => {
  it('is stopped at the time limit with INGEST_TIMEOUT, and the server answers others meanwhile', async () => {
    const { SEED_REPORT_TEXT } = await import('./demo/seed-text.js');
    const started = Date.now();
    const upload = failure(
      quick.as.fillerA1.import.preview.mutate({
        agencyId: quick.ids.agencyA1,
        kind: 'text',
        // the largest text the importer takes (2,000,000 characters): 1.5 s of reading and more
        content: SEED_REPORT_TEXT.repeat(Math.floor(1_900_000 / SEED_REPORT_TEXT.length)),
        encoding: 'utf8',
        fileName: 'long.txt',
      }),
    );
    // While the file is being read, other requests are answered at once (the read is off-thread).
    await new Promise((r) => setTimeout(r, 20));
    const t = Date.now();
    expect(await quick.as.reviewerA.auth.me.query()).toMatchObject({ username: 'reviewerA' });
    expect(Date.now() - t).toBeLessThan(1000);
    const e = await upload;
    expect(e).toMatchObject({ httpStatus: 400, appCode: 'IMPORT_FAILED' });
    expect(e.details).toMatchObject({ ingestCode: 'INGEST_TIMEOUT' });
    expect(e.zhMessage).toContain('文件读取超时');
    expect(Date.now() - started).toBeLessThan(10_000);
  }, 30_000);

  it('tables nested 150,000 deep in a Word file of a few KB: refused at once, before the time limit', async () => {
    const e = await failure(
      w.as.fillerA1.import.preview.mutate({
        agencyId: w.ids.agencyA1,
        kind: 'docx',
        content: nestedTablesDocx(150_000),
        encoding: 'base64',
        fileName: 'nested.docx',
      }),
    );
    expect(e).toMatchObject({ httpStatus: 400, appCode: 'IMPORT_FAILED' });
    expect(e.details).toMatchObject({ ingestCode: 'INGEST_TOO_DEEP' });
    // (refused by the importer, not stopped by the time limit: INGEST_TOO_DEEP, not INGEST_TIMEOUT)
    expect(e.zhMessage).toContain('嵌套过深');
  });

  it('a normal upload is read as before, its errors with the importer code', async () => {
    const e = await failure(
      w.as.fillerA1.import.preview.mutate({
        agencyId: w.ids.agencyA1,
        kind: 'docx',
        content: Buffer.from(zipSync({ 'hello.txt': new TextEncoder().encode('hi') })).toString('base64'),
        encoding: 'base64',
      }),
    );
    expect(e).toMatchObject({ appCode: 'IMPORT_FAILED' });
    expect(e.details).toMatchObject({ ingestCode: 'INGEST_DOCX_INVALID' });
  });
});

describe(`imports after a stopped one (${DB_LABEL})`, () => {
  it('are read as before, one after another (the worker kept for the next)', async () => {
    const { SEED_REPORT_TEXT } = await import('./demo/seed-text.js');
    for (let i = 0; i < 3; i++) {
      const p = await w.as.fillerA2.import.preview.mutate({
        agencyId: w.ids.agencyA2,
        kind: 'text',
        content: SEED_REPORT_TEXT,
        encoding: 'utf8',
      });
      expect(p.diagnostics.summary.cellsFound).toBeGreaterThan(150);
    }
  });
});
