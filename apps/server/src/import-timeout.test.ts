import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_LABEL, failure, makeWorld, type World } from './test-support/harness.js';

let w: World;
beforeAll(async () => {
  // A short limit, so the test does not wait the default minute.
  w = await makeWorld({ importTimeoutMs: 2000 });
});
afterAll(async () => w?.cleanup());

/** A Word file of a few KB whose tables nest 150,000 deep: minutes of the importer's CPU. */
function nestedTablesDocx(depth: number): string {
  const xml = `<w:document><w:body>${'<w:tbl><w:tr><w:tc>'.repeat(depth)}</w:body></w:document>`;
  return Buffer.from(zipSync({ 'word/document.xml': new TextEncoder().encode(xml) }, { level: 9 })).toString(
    'base64',
  );
}

describe(`an upload that would take the importer minutes (${DB_LABEL})`, () => {
  it('is stopped at the time limit with INGEST_TIMEOUT, and the server answers others meanwhile', async () => {
    const started = Date.now();
    const upload = failure(
      w.as.fillerA1.import.preview.mutate({
        agencyId: w.ids.agencyA1,
        kind: 'docx',
        content: nestedTablesDocx(150_000),
        encoding: 'base64',
        fileName: 'nested.docx',
      }),
    );
    // While the file is being read, other requests are answered at once (the read is off-thread).
    await new Promise((r) => setTimeout(r, 300));
    const t = Date.now();
    expect(await w.as.reviewerA.auth.me.query()).toMatchObject({ username: 'reviewerA' });
    expect(Date.now() - t).toBeLessThan(1000);
    const e = await upload;
    expect(e).toMatchObject({ httpStatus: 400, appCode: 'IMPORT_FAILED' });
    expect(e.details).toMatchObject({ ingestCode: 'INGEST_TIMEOUT' });
    expect(e.zhMessage).toContain('文件读取超时');
    expect(Date.now() - started).toBeLessThan(10_000);
  }, 30_000);

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
