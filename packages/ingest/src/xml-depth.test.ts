import fc from 'fast-check';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ingest } from './index.js';
import { MAX_XML_DEPTH, refuseDeepXml } from './xml-depth.js';

describe('XML nested too deep', () => {
  it('a Word file of a few KB with tables nested 150,000 deep is refused before it is parsed', async () => {
    const xml = `<w:document><w:body>${'<w:tbl><w:tr><w:tc>'.repeat(150_000)}</w:body></w:document>`;
    const docx = zipSync({ 'word/document.xml': strToU8(xml) }, { level: 9 });
    expect(docx.length).toBeLessThan(64 * 1024);
    await expect(ingest(docx, { kind: 'docx' })).rejects.toMatchObject({
      code: 'INGEST_TOO_DEEP',
      message: expect.stringMatching(/^Word 文件的内容嵌套过深（超过 1000 层/),
    });
  });

  it('an Excel worksheet nested 150,000 deep is refused the same way, saying what to do in Excel', async () => {
    const sheet = `<worksheet><sheetData>${'<row><c>'.repeat(75_000)}</sheetData></worksheet>`;
    const xlsx = zipSync(
      {
        'xl/workbook.xml': strToU8('<workbook><sheets><sheet name="表三" r:id="rId1"/></sheets></workbook>'),
        'xl/_rels/workbook.xml.rels': strToU8(
          '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>',
        ),
        'xl/worksheets/sheet1.xml': strToU8(sheet),
      },
      { level: 9 },
    );
    await expect(ingest(xlsx)).rejects.toMatchObject({
      code: 'INGEST_TOO_DEEP',
      message: expect.stringMatching(/^Excel 文件的内容嵌套过深.*另存为 \.xlsx 后再导入$/),
    });
  });

  it('refuses exactly the XML deeper than the limit, whatever its attributes, text and self-closed tags (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: MAX_XML_DEPTH + 50 }),
        fc.constantFrom('', ' w:val="a>b"', " x='1/'"),
        fc.constantFrom('', '文字', '<w:br/>'),
        (depth, attr, inner) => {
          const xml = `${`<w:p${attr}>${inner}`.repeat(depth)}${'</w:p>'.repeat(depth)}`;
          if (depth > MAX_XML_DEPTH) expect(() => refuseDeepXml(xml, 'x')).toThrow(/嵌套过深/);
          else expect(() => refuseDeepXml(xml, 'x')).not.toThrow();
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('a web page nested too deep', () => {
  // htmlparser2 keeps its open elements in an array it grows at the front: a page of 1.4 MB of nested
  // <div> took 44 s to read (quadratic), a 20 MB upload hours — the server's thread blocked meanwhile.
  it.each([
    ['<div>', '</div>'],
    ['<span>', ''],
    ['<table><tr><td>', '</td></tr></table>'],
  ])('%s nested 100,000 deep is refused at once, in 简体中文', async (open, close) => {
    const html = `<html><body>${open.repeat(100_000)}一、总体情况${close.repeat(100_000)}</body></html>`;
    const started = Date.now();
    const e = await ingest(html, { kind: 'html' }).catch((x: unknown) => x);
    expect(e).toMatchObject({
      code: 'INGEST_TOO_DEEP',
      message: expect.stringMatching(/^网页的内容嵌套过深（超过 1000 层/),
    });
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('a report inside 900 elements, and tags the parser closes itself (<br>, <img>, <p>, <li>) by the thousand, is read', async () => {
    const report =
      '<p>示例县2024年政府信息公开工作年度报告</p><p>一、总体情况</p>' +
      '<p>正文<br><img src="a.png">'.repeat(3000) +
      '<ul>' +
      '<li>要点'.repeat(3000) +
      '</ul>';
    const html = `<html><body>${'<div>'.repeat(900)}${report}${'</div>'.repeat(900)}</body></html>`;
    const r = await ingest(html, { kind: 'html' });
    expect(r.report.meta.year).toBe(2024);
    expect(r.report.sections.overview).toMatch(/^正文/);
  });
});
