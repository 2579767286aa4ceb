import { NianbaoError, ReportSchema } from '@nianbao/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ingest, ingestSync } from './index.js';
import { decodeText } from './ingest.js';
import { fixtureBytes, fixtureText, SEED } from './test-support/fixtures.js';

const HAN = /[\u4e00-\u9fff]/;

/** The contract: a schema-valid report, or a NianbaoError with a code and a 简体中文 message. Nothing else. */
async function contract(
  input: string | Uint8Array,
  opts: Parameters<typeof ingest>[1] = {},
): Promise<'ok' | string> {
  try {
    const r = await ingest(input, opts);
    ReportSchema.parse(r.report);
    for (const [id, src] of Object.entries(r.diagnostics.cells)) {
      if (src.value !== r.report.cells[id]?.value) throw new Error(`provenance mismatch ${id}`);
    }
    for (const i of r.diagnostics.issues)
      if (!HAN.test(i.message)) throw new Error(`message not in Chinese: ${i.message}`);
    return 'ok';
  } catch (e) {
    if (!(e instanceof NianbaoError)) throw e;
    expect(e.code).toMatch(/^INGEST_[A-Z_]+$/);
    expect(e.message).toMatch(HAN);
    return e.code;
  }
}

/** Pieces of real reports, shuffled: exercises every parser path on nonsense arrangements. */
const piece = fc.constantFrom(
  '一、总体情况',
  '二、主动公开政府信息情况',
  '三、收到和处理政府信息公开申请情况',
  '四、政府信息公开行政复议、行政诉讼情况',
  '五、存在的主要问题及改进情况',
  '六、其他需要报告的事项',
  '第二十条第（一）项',
  '第二十条第',
  '信息内容',
  '规章',
  '行政规范性文件',
  '行政许可',
  '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）',
  '一、本年新收政府信息公开申请数量',
  '（七）总计',
  '3.其他',
  '行政复议',
  '行政诉讼',
  '结果维持',
  '总计',
  '0',
  '12',
  '640020470',
  '+19',
  '增1423',
  '240万元',
  '—',
  '',
  '某某镇人民政府2020年政府信息公开工作年度报告',
  '2023年',
);
const sep = fc.constantFrom(' ', '\t', ' | ', '|', '\n', '', '\n\n');

describe('any input: diagnostics or a clear error, never a crash or a hang', { timeout: 60_000 }, () => {
  it('arbitrary strings', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 400 }), async (s) => {
        await contract(s);
      }),
      { numRuns: 150 },
    );
  });

  it('arbitrary bytes, with and without a declared kind', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 600 }),
        fc.constantFrom(undefined, 'text', 'html', 'pdf', 'docx'),
        async (b, kind) => {
          await contract(b, kind ? { kind } : {});
        },
      ),
      { numRuns: 120 },
    );
  });

  it('shuffled pieces of real reports', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(piece, sep), { maxLength: 60 }), async (parts) => {
        await contract(parts.map(([p, s]) => p + s).join(''));
      }),
      { numRuns: 200 },
    );
  });

  it('bytes of real files with random damage', async () => {
    const files = [fixtureBytes(SEED), fixtureBytes('corpus/028.txt'), fixtureBytes('corpus/f03.txt')];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(0, 1, 2),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 30 }),
        fc.nat(),
        async (fi, edits, cut) => {
          const b = new Uint8Array(files[fi]!);
          for (const [pos, v] of edits) b[pos % b.length] = v;
          await contract(b.subarray(0, cut % (b.length + 1)));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('an empty file, whitespace, binary garbage', async () => {
    expect(await contract('')).toBe('INGEST_EMPTY');
    expect(await contract(new Uint8Array())).toBe('INGEST_EMPTY');
    expect(await contract(' \n\t\u3000 ')).toBe('INGEST_EMPTY');
    const garbage = new Uint8Array(5000).map((_, i) => (i * 7919 + 13) % 256);
    expect(await contract(garbage)).toMatch(/^INGEST_(BINARY|NOT_A_REPORT)$/);
  });

  it('a different document entirely', async () => {
    const news = '今日天气晴，气温二十度。市民纷纷外出踏青，公园里游人如织。'.repeat(30);
    expect(await contract(news)).toBe('INGEST_NOT_A_REPORT');
    expect(await contract(JSON.stringify({ a: 1, b: [1, 2, 3] }))).toBe('INGEST_NOT_A_REPORT');
    expect(
      await contract('<html><body><p>Hello world</p><table><tr><td>1</td></tr></table></body></html>'),
    ).toBe('INGEST_NOT_A_REPORT');
  });

  it('a 50 MB file is refused at once', async () => {
    const big = new Uint8Array(50 * 1024 * 1024).fill(0x30);
    const t = performance.now();
    expect(await contract(big)).toBe('INGEST_TOO_LARGE');
    expect(await contract(big, { kind: 'pdf' })).toBe('INGEST_TOO_LARGE');
    expect(performance.now() - t).toBeLessThan(5000);
  });

  it('a large text within the byte limit is bounded too', async () => {
    const seed = fixtureText(SEED);
    const t = performance.now();
    expect(await contract(seed.repeat(Math.ceil(3_000_000 / seed.length)))).toBe('INGEST_TOO_LARGE');
    const ok = await ingest(seed.repeat(20));
    expect(ok.diagnostics.summary.cellsFound).toBe(198);
    expect(performance.now() - t).toBeLessThan(15000);
  });

  it('formats we cannot read get their own message', async () => {
    const doc = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    expect(await contract(doc)).toBe('INGEST_UNSUPPORTED_FORMAT');
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);
    expect(await contract(png)).toBe('INGEST_UNSUPPORTED_FORMAT');
    // Named .docx (renamed, or saved with the wrong extension), an old .doc is still said as one.
    expect(await contract(doc, { filename: '报告.docx' })).toBe('INGEST_UNSUPPORTED_FORMAT');
  });

  it('text in GB18030 (old portals) is decoded', async () => {
    // 「规章」 in GBK/GB18030
    expect(decodeText(new Uint8Array([0xb9, 0xe6, 0xd5, 0xc2]))).toBe('规章');
    expect(decodeText(new TextEncoder().encode('\uFEFF规章'))).toBe('规章');
  });

  it('malformed PDF and Word files, and wrong argument types', async () => {
    expect(await contract(new TextEncoder().encode('%PDF-1.4\n%âãÏÓ\nnot really'))).toMatch(/^INGEST_PDF_/);
    expect(await contract(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0]))).toBe('INGEST_DOCX_INVALID');
    expect(await contract(42 as unknown as string)).toBe('INGEST_BAD_INPUT');
    expect(() => ingestSync(fixtureBytes('pdf/huaian-hongze-2024.pdf'))).toThrow(NianbaoError);
  });

  it("says what is wrong with a damaged file in Chinese only: the library's English goes to details", async () => {
    const bad = [
      new TextEncoder().encode('%PDF-1.4\n%âãÏÓ\nnot really'),
      new Uint8Array([
        0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20,
      ]),
    ];
    for (const b of bad) {
      const e = (await ingest(b).catch((x: unknown) => x)) as NianbaoError;
      expect(e).toBeInstanceOf(NianbaoError);
      // before: 「PDF 文件已损坏或不是有效的 PDF：Invalid PDF structure.」
      expect(e.message.replace(/PDF|Word|WPS|\.docx/g, '')).not.toMatch(/[A-Za-z]{3,}/);
      expect(e.message).toMatch(/请/);
    }
  });

  it('a file sent as the wrong kind is read as what it is, and the result says so', async () => {
    const pdf = ReportSchema.parse((await ingest(SEED_PDF(), {})).report);
    const r = await ingest(SEED_PDF(), { kind: 'docx' });
    // before: INGEST_DOCX_INVALID 「Word 文件已损坏…」
    expect(r.report.cells).toEqual(pdf.cells);
    const w = r.diagnostics.issues.find((i) => i.code === 'INPUT_KIND_MISMATCH');
    expect(w?.message).toContain('已按 PDF 读取');
    expect(w?.details).toEqual({ declared: 'docx', detected: 'pdf' });
  });
});

const SEED_PDF = () => fixtureBytes('pdf/huaian-hongze-2024.pdf');
