import { readFileSync } from 'node:fs';
import { NianbaoError } from '@nianbao/core';
import fc from 'fast-check';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { detectKind, ingest } from './index.js';
import { zipCutShort } from './zip.js';

/**
 * A workbook or Word file cut short (a download not finished): said as what it is and that it is
 * incomplete. Our own Excel export (ExcelJS) writes xl/workbook.xml as its last part, so a cut copy of
 * it was taken for a Word file: 「Word 文件已损坏…请在 Word 或 WPS 中打开，另存为 .docx」.
 */

/** The LibreOffice-saved workbook re-zipped in the order ExcelJS writes its parts (workbook.xml last). */
function workbookAsExcelJsWrites(): Uint8Array {
  const parts = unzipSync(
    new Uint8Array(
      readFileSync(new URL('./test-support/xlsx/example-2024-libreoffice.xlsx', import.meta.url)),
    ),
  );
  const order = [
    '[Content_Types].xml',
    '_rels/.rels',
    'xl/_rels/workbook.xml.rels',
    ...Object.keys(parts)
      .filter((n) => n.startsWith('xl/worksheets/'))
      .sort(),
    'xl/sharedStrings.xml',
    'xl/styles.xml',
    'docProps/app.xml',
    'docProps/core.xml',
    'xl/workbook.xml',
  ];
  const out: Record<string, Uint8Array> = {};
  for (const n of order) out[n] = parts[n]!;
  return zipSync(out, { level: 6 });
}

function wordFile(): Uint8Array {
  const xml =
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>' +
    '<w:p><w:r><w:t>示例县2024年政府信息公开工作年度报告</w:t></w:r></w:p>'.repeat(200) +
    '</w:body></w:document>';
  return zipSync(
    {
      '[Content_Types].xml': strToU8('<Types/>'),
      '_rels/.rels': strToU8('<Relationships/>'),
      'word/document.xml': strToU8(xml),
      'word/_rels/document.xml.rels': strToU8('<Relationships/>'),
      'word/styles.xml': strToU8(`<w:styles>${' '.repeat(4000)}</w:styles>`),
    },
    { level: 0 },
  );
}

async function rejection(p: Promise<unknown>): Promise<NianbaoError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(NianbaoError);
    return e as NianbaoError;
  }
  throw new Error('expected a rejection');
}

describe('a ZIP cut short', () => {
  const xlsx = workbookAsExcelJsWrites();
  const firstXlPart = (() => {
    const name = strToU8('xl/');
    for (let i = 0; i < xlsx.length; i++) if (name.every((c, k) => xlsx[i + k] === c)) return i;
    return -1;
  })();

  it('the whole workbook is read as Excel (the parts it is cut from read)', async () => {
    expect(detectKind(xlsx).kind).toBe('xlsx');
    expect(zipCutShort(xlsx)).toBe(false);
    const r = await ingest(xlsx);
    expect(r.report.cells['applications.newReceived.total']?.value).toEqual(expect.any(Number));
  });

  it('a workbook cut at half, xl/workbook.xml lost: Excel, incomplete — never 「Word 文件」', async () => {
    const cut = xlsx.subarray(0, xlsx.length >> 1);
    expect(detectKind(cut)).toMatchObject({ kind: 'xlsx' });
    expect(detectKind(cut, '表格.xlsx')).toMatchObject({ kind: 'xlsx' });
    const e = await rejection(ingest(cut, { filename: '表格.xlsx' }));
    expect(e.code).toBe('INGEST_XLSX_INVALID');
    expect(e.message).toBe(
      'Excel 文件不完整（压缩包的结尾缺失，可能没有下载完或复制时被截断），无法读取：请重新下载，或用原文件重新导出后再导入',
    );
    expect(e.details).toMatchObject({ reason: 'TRUNCATED' });
  });

  it('cut anywhere: named .xlsx, or past its first part of xl/, it is an Excel file said incomplete (fast-check)', async () => {
    expect(firstXlPart).toBeGreaterThan(0);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 4, max: xlsx.length - 1 }), fc.boolean(), async (at, named) => {
        const cut = xlsx.subarray(0, at);
        if (!named && at < firstXlPart + 30) return; // nothing in it tells yet
        const e = await rejection(ingest(cut, named ? { filename: 'a.xlsx' } : {}));
        expect(e.code).toBe('INGEST_XLSX_INVALID');
        expect(e.message).toMatch(/^Excel 文件不完整/);
        expect(e.message).not.toMatch(/Word/);
      }),
      { numRuns: 40 },
    );
  });

  it('a Word file cut short is said incomplete as a Word file', async () => {
    const docx = wordFile();
    const e = await rejection(ingest(docx.subarray(0, docx.length - 200), { filename: '报告.docx' }));
    expect(e.code).toBe('INGEST_DOCX_INVALID');
    expect(e.message).toMatch(/^Word 文件不完整（压缩包的结尾缺失，可能没有下载完或复制时被截断）/);
  });

  it('bytes that are no ZIP at all, named .docx or .xlsx, are still 「已损坏或不是有效的」, not 「不完整」', async () => {
    const junk = strToU8('这不是压缩包');
    expect((await rejection(ingest(junk, { filename: 'a.docx' }))).message).toMatch(
      /^Word 文件已损坏或不是有效的/,
    );
    expect((await rejection(ingest(junk, { filename: 'a.xlsx' }))).message).toMatch(
      /^Excel 文件已损坏或不是有效的/,
    );
  });
});
