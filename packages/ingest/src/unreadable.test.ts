import { NianbaoError } from '@nianbao/core';
import { describe, expect, it } from 'vitest';
import { ingest, ingestSync } from './index.js';
import { ingestText } from './plain.js';
import { fixtureBytes } from './test-support/fixtures.js';

/** The error ingest rejects with. */
async function failure(input: Uint8Array, filename?: string): Promise<NianbaoError> {
  try {
    await ingest(input, filename ? { filename } : {});
  } catch (e) {
    expect(e).toBeInstanceOf(NianbaoError);
    return e as NianbaoError;
  }
  throw new Error(`${filename}: read without an error`);
}

/** A message a person reads: 简体中文, no library's English sentence in it. */
function expectPlainChinese(e: NianbaoError, what: string): void {
  expect(e.message, what).toMatch(/[\u4e00-\u9fff]/);
  expect(e.message, what).not.toMatch(/[A-Za-z]{2,}[\s,.]+[A-Za-z]{2,}/);
  // no words of a file format either, but the names people know
  expect(e.message.replace(/PDF|Word|WPS|\.docx/g, ''), what).not.toMatch(/[A-Za-z]{3,}/);
  expect(e.message, what).toMatch(/请/);
}

const details = (e: NianbaoError) => (e.details ?? {}) as Record<string, unknown>;

describe('files that cannot be read are said plainly, in 简体中文, with a code', { timeout: 60_000 }, () => {
  it('a file of 0 bytes, whatever its name: 「文件为空（0 字节）」, not pdf.js’s or unzip’s English', async () => {
    for (const name of ['report.pdf', 'report.docx', 'report.txt', 'report.html', 'report.json', undefined]) {
      const e = await failure(new Uint8Array(0), name);
      expect(e.code, name).toBe('INGEST_EMPTY');
      expect(e.message, name).toContain('文件为空（0 字节）');
      expect(details(e).cause, name).toBeUndefined();
      expectPlainChinese(e, String(name));
    }
    for (const read of [() => ingestSync(new Uint8Array(0)), () => ingestText(new Uint8Array(0))])
      expect(read).toThrow(/文件为空（0 字节）/);
  });

  it('a PDF with a password: INGEST_PDF_ENCRYPTED, saying what to do', async () => {
    const e = await failure(fixtureBytes('unreadable/encrypted-pw.pdf'));
    expect(e.code).toBe('INGEST_PDF_ENCRYPTED');
    expect(e.message).toContain('密码保护');
    expectPlainChinese(e, 'encrypted');
  });

  it('not a PDF at all, named .pdf (a saved web page, a text): said so, not 「已损坏」', async () => {
    const text = await failure(new TextEncoder().encode('这不是 PDF，只是一段文字。'), 'report.pdf');
    expect(text.code).toBe('INGEST_PDF_INVALID');
    expect(details(text).reason).toBe('NOT_PDF');
    expect(text.message).toMatch(/^这个文件不是 PDF/);
    expectPlainChinese(text, 'text as .pdf');
    const page = await failure(
      new TextEncoder().encode('<!DOCTYPE html><html><body>404 Not Found</body></html>'),
      'report.pdf',
    );
    expect(details(page).reason).toBe('NOT_PDF');
    expect(page.message).toContain('是一个网页');
  });

  it('a PDF cut off (a download that did not finish): 「PDF 文件不完整」', async () => {
    const full = fixtureBytes('pdf/huaian-hongze-2024.pdf');
    for (const part of [0.1, 0.5, 0.9]) {
      const e = await failure(full.subarray(0, Math.floor(full.length * part)), 'report.pdf');
      expect(e.code, String(part)).toBe('INGEST_PDF_INVALID');
      expect(details(e).reason, String(part)).toBe('TRUNCATED');
      expect(e.message, String(part)).toMatch(/^PDF 文件不完整/);
      expectPlainChinese(e, String(part));
      // pdf.js's words kept for the curious, not in the message
      expect(details(e).cause).toBe('Invalid PDF structure.');
    }
  });

  it('a PDF damaged inside: 「PDF 文件已损坏」, pdf.js’s words only as details.cause', async () => {
    const b = new Uint8Array(fixtureBytes('pdf/huaian-hongze-2024.pdf'));
    b.fill(0, 1000, b.length - 2000);
    const e = await failure(b, 'report.pdf');
    expect(e.code).toBe('INGEST_PDF_INVALID');
    expect(details(e).reason).toBe('DAMAGED');
    expect(e.message).toMatch(/^PDF 文件已损坏/);
    expect(typeof details(e).cause).toBe('string');
    expectPlainChinese(e, 'damaged');
  });

  it('a PDF whose startxref points nowhere is read (pdf.js recovers; its stray rejection no longer ends the reader)', async () => {
    const full = fixtureBytes('pdf/huaian-hongze-2024.pdf');
    const s = new TextDecoder('latin1').decode(full);
    const cut = s.lastIndexOf('startxref');
    const head = full.subarray(0, cut);
    const tail = new TextEncoder().encode('startxref\n999999999\n%%EOF\n');
    const b = new Uint8Array(head.length + tail.length);
    b.set(head);
    b.set(tail, head.length);
    const r = await ingest(b, { filename: 'report.pdf' });
    expect(r.diagnostics.summary.cellsFound).toBeGreaterThan(100);
    // and the reader still works for the next file
    const again = await ingest(fixtureBytes('pdf/huaian-hongze-2024.pdf'));
    expect(again.diagnostics.summary.cellsFound).toBe(r.diagnostics.summary.cellsFound);
  });

  it('a Word file with a password (an OLE file holding EncryptedPackage): INGEST_DOCX_ENCRYPTED, not 「旧版 .doc」', async () => {
    const ole = new Uint8Array(4096);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const name = 'EncryptedPackage';
    for (let k = 0; k < name.length; k++) ole[1024 + 2 * k] = name.charCodeAt(k);
    const e = await failure(ole, 'report.docx');
    expect(e.code).toBe('INGEST_DOCX_ENCRYPTED');
    expect(e.message).toContain('密码保护');
    expectPlainChinese(e, 'docx encrypted');
    // an OLE file without it is an old .doc, as before
    const doc = new Uint8Array(4096);
    doc.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect((await failure(doc, 'report.doc')).code).toBe('INGEST_UNSUPPORTED_FORMAT');
  });

  it('a damaged Word file: 简体中文 message, unzip’s words only as details.cause', async () => {
    const e = await failure(new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3, 4, 5]), 'report.docx');
    expect(e.code).toBe('INGEST_DOCX_INVALID');
    expectPlainChinese(e, 'docx damaged');
    expect(details(e).cause).toBe('invalid zip data');
  });
});
