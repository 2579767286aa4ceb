import { exampleReport, setCell } from '@nianbao/core';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { render } from './index.js';

// 2019-trial 本年增/减 (a signed count): +3 is an increase, and the printed file says so, as the form does.
describe('本年增/减 keeps its sign', () => {
  let r = exampleReport({ year: 2020 });
  r = setCell(r, 'activeDisclosure.licensing.yearChange', 3);
  r = setCell(r, 'activeDisclosure.punishment.yearChange', -2);
  r = setCell(r, 'activeDisclosure.coercion.yearChange', 0);

  it('Markdown, HTML and Word print +3, -2 and 0', async () => {
    const md = render(r, 'md');
    const row = (label: string) => md.split('\n').find((l) => l.startsWith(`| ${label}`))!;
    expect(row('行政许可')).toMatch(/\|\s*\+3\s*\|/);
    expect(row('行政处罚')).toMatch(/\|\s*-2\s*\|/);
    expect(row('行政强制')).toMatch(/\|\s*0\s*\|/);
    expect(render(r, 'html')).toContain('>+3<');
    const xml = strFromU8(unzipSync(await render(r, 'docx'))['word/document.xml']!);
    expect(xml).toContain('>+3<');
    expect(xml).not.toContain('>+0<');
  });

  it('Excel keeps a number with a signed format', async () => {
    const bytes = await render(r, 'xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    );
    const cells: ExcelJS.Cell[] = [];
    wb.getWorksheet('表二')!.eachRow((row) =>
      row.eachCell((c) => void (c.value === 3 || c.value === -2 ? cells.push(c) : 0)),
    );
    const signed = cells.filter((c) => c.numFmt === '+0;-0;0');
    expect(signed.map((c) => c.value).sort()).toEqual([-2, 3]);
  });
});
