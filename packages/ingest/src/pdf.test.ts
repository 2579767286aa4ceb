import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NianbaoError } from '@nianbao/core';
import { describe, expect, it } from 'vitest';
import { ingest } from './index.js';
import { extractItems, pdfToSource } from './pdf.js';
import { FIXTURES, fixtureBytes } from './test-support/fixtures.js';

describe('PDF: rows and columns rebuilt from the text items’ coordinates', { timeout: 60_000 }, () => {
  it('a Node Buffer given by its caller is left as it was: read twice, the same report (it was emptied by the first read)', async () => {
    const buf = readFileSync(join(FIXTURES, 'pdf/huaian-city-2024.pdf'));
    const size = buf.length;
    const first = await ingest(buf);
    expect(buf.length).toBe(size);
    const second = await ingest(buf);
    expect(second.report.cells).toEqual(first.report.cells);
  });
  it('淮安市 2024: wrapped labels with numbers centred between their lines come out cell by cell', async () => {
    const r = await ingest(fixtureBytes('pdf/huaian-city-2024.pdf'));
    expect(r.diagnostics.kind).toMatchObject({ value: 'pdf' });
    expect(r.report.meta).toMatchObject({ year: 2024, edition: '2021' });
    expect(r.report.meta.agency.name).toBe('淮安市人民政府');
    const v = (id: string) => r.report.cells[id]?.value;
    expect(v('applications.newReceived.naturalPerson')).toBe(3001);
    expect(v('applications.newReceived.total')).toBe(3119);
    expect(v('applications.partiallyGranted.total')).toBe(454);
    expect(v('applications.other_noCorrection.total')).toBe(71);
    expect(v('applications.other_feeUnpaid.naturalPerson')).toBe(6);
    expect(v('activeDisclosure.punishment.decisions')).toBe(3985758);
    expect(v('reviewLitigation.review.total')).toBe(351);
    const src = r.diagnostics.cells['applications.newReceived.total']!;
    expect(src.where?.page).toBe(4);
    expect(src.where?.x).toBeGreaterThan(450);
    expect(src.raw).toBe('3119');
    expect(r.diagnostics.summary.cellsFound).toBe(200);
  });

  it('a PDF longer than the page limit says which pages were not read (not a report "cut off")', async () => {
    const r = await ingest(fixtureBytes('pdf/huaian-city-2024.pdf'), { maxPages: 2 });
    expect(r.diagnostics.issues[0]).toMatchObject({
      code: 'PDF_PAGES_NOT_READ',
      severity: 'error',
      details: { read: 2 },
    });
    expect(r.diagnostics.issues[0]!.message).toMatch(/PDF 共 \d+ 页，只读取了前 2 页/);
    const whole = await ingest(fixtureBytes('pdf/huaian-city-2024.pdf'));
    expect(whole.diagnostics.issues.some((i) => i.code === 'PDF_PAGES_NOT_READ')).toBe(false);
  });

  it('洪泽区 2023: a damaged label is matched by position and said so; the old single （六） row is reported', async () => {
    const r = await ingest(fixtureBytes('pdf/huaian-hongze-2023.pdf'));
    const codes = r.diagnostics.issues.map((i) => i.code);
    expect(codes).toContain('LABEL_FUZZY');
    expect(r.report.cells['applications.denied_stateSecret.total']!.value).toBe(1);
    expect(r.report.layout?.extraLabels).toContain('表三 （六）其他处理');
    // That row is printed as seven 0s: the three rows under it in this format are each 0 (a sum of
    // counts that is 0), recorded as inferred and said once.
    const zero = r.diagnostics.issues.filter((i) => i.code === 'GROUP_ROW_ZERO');
    expect(zero).toHaveLength(1);
    expect(zero[0]!.message).toBe(
      '表三「（六）其他处理」在本版格式中是分组标题，原文却把它印成一行数据（0 0 0 0 0 0 0），疑为套用了旧版格式；各列均为 0，故其下 3 行（1、2、3）均按 0 记录（各行之和为 0，件数不能为负）',
    );
    expect(zero[0]!.cells).toHaveLength(21);
    expect(codes).not.toContain('GROUP_ROW_HAS_VALUES');
    for (const id of zero[0]!.cells!) expect(r.report.cells[id]).toEqual({ value: 0, origin: 'inferred' });
    // printed totals that disagree with their parts are kept as printed
    expect(r.report.cells['reviewLitigation.review.upheld']!.value).toBe(10);
    expect(r.report.cells['reviewLitigation.review.total']!.value).toBe(0);
  });

  it('the old （六） row: deduced 0s only from a row of 0s and nothing else; other values leave the rows missing', async () => {
    const r = await ingest(fixtureBytes('pdf/huaian-hongze-2023.pdf'));
    const row = '（六）其他处理\t0\t0\t0\t0\t0\t0\t0\n';
    expect(r.text).toContain(row);
    const read = async (printed: string) => {
      const again = await ingest(r.text.replace(row, printed));
      return {
        codes: again.diagnostics.issues.map((i) => i.code),
        cell: again.report.cells['applications.other_feeUnpaid.naturalPerson'],
      };
    };
    // As printed: the three rows are 0.
    expect(await read(row)).toMatchObject({ cell: { value: 0, origin: 'inferred' } });
    // A 1 in the row: which of the three rows it belongs to is unknown, so none is filled in.
    const one = await read('（六）其他处理\t1\t0\t0\t0\t0\t0\t1\n');
    expect(one.cell).toBeUndefined();
    expect(one.codes).toContain('GROUP_ROW_HAS_VALUES');
    expect(one.codes).not.toContain('GROUP_ROW_ZERO');
    // Six numbers, not one per column: not a row of this table's 0s.
    const six = await read('（六）其他处理\t0\t0\t0\t0\t0\t0\n');
    expect(six.cell).toBeUndefined();
    expect(six.codes).not.toContain('GROUP_ROW_ZERO');
  });

  it('the rebuilt text, read again as plain text (pdftotext -layout style), gives the same cells', async () => {
    const r = await ingest(fixtureBytes('pdf/huaian-city-2024.pdf'));
    const asText = r.text.replace(/\t/g, '   ');
    const again = await ingest(asText);
    expect(again.diagnostics.kind.value).toBe('text');
    expect(Object.keys(again.report.cells).sort()).toEqual(Object.keys(r.report.cells).sort());
    for (const [id, c] of Object.entries(r.report.cells))
      expect(again.report.cells[id]!.value, id).toBe(c.value);
  });

  it('stops pdf.js after the time limit (in its own thread) and reads the next PDF normally', async () => {
    const b = fixtureBytes('pdf/huaian-city-2024.pdf');
    const err = await extractItems(b, {}, 1).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NianbaoError);
    expect((err as NianbaoError).code).toBe('INGEST_PDF_TIMEOUT');
    const r = await ingest(fixtureBytes('pdf/huaian-hongze-2024.pdf'));
    expect(r.diagnostics.summary.cellsFound).toBe(200); // 179 read + 21 under the old （六） row printed as 0s
  });

  it('rejects a malformed PDF with a clear error', async () => {
    const bad = new TextEncoder().encode('%PDF-1.7\n1 0 obj <<>> garbage without xref');
    const err = await ingest(bad).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NianbaoError);
    expect((err as NianbaoError).code).toMatch(/^INGEST_PDF_/);
    expect((err as NianbaoError).message).toMatch(/PDF/);
  });

  it('a truncated real PDF fails cleanly or reads what is there', async () => {
    const b = fixtureBytes('pdf/huaian-hongze-2024.pdf');
    const cut = b.subarray(0, Math.floor(b.length / 3));
    try {
      const doc = await pdfToSource(cut);
      expect(Array.isArray(doc.lines)).toBe(true);
    } catch (e) {
      expect(e).toBeInstanceOf(NianbaoError);
    }
  });
});
