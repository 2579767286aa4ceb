import { type Cell, exampleReport, getEdition, type Report } from '@nianbao/core';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { render } from './index.js';
import { formatCell, showCell } from './layout.js';
import { docxTables } from './test-support/readers.js';

const FEE = 'activeDisclosure.adminFees.feeAmount';
const PROCUREMENT = 'activeDisclosure.centralProcurement.procurementAmount';
const feeColumn = getEdition('2021')
  .tables.activeDisclosure.blocks.flatMap((b) => b.columns)
  .find((c) => c.key === 'feeAmount')!;

/** An amount of `cents` hundredths in 万元, as exact decimal text (by integer arithmetic). */
function wanText(cents: bigint, unit: '元' | '万元'): string {
  // value = cents / 100 in `unit`; in 万元 that is cents / 100 (万元) or cents / 1 000 000 (元)
  const scale = unit === '元' ? 1_000_000n : 100n;
  const int = cents / scale;
  const frac = (cents % scale)
    .toString()
    .padStart(scale.toString().length - 1, '0')
    .replace(/0+$/, '');
  return frac ? `${int}.${frac}` : `${int}`;
}

function withCell(report: Report, id: string, cell: Cell): Report {
  return { ...report, cells: { ...report.cells, [id]: cell } };
}

async function sheet(bytes: Uint8Array, name: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
  );
  return wb.getWorksheet(name)!;
}

describe('amounts under 「本年收费金额（单位：万元）」', () => {
  it('property: for any amount in 元 or 万元, the number printed under the 万元 header is its value in 万元, exactly', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 13n }),
        fc.constantFrom('元' as const, '万元' as const),
        (cents, unit) => {
          const value = Number(cents) / 100;
          const text = formatCell({ value, unit }, feeColumn);
          expect(text).toBe(wanText(cents, unit));
          const shown = showCell({ value, unit }, feeColumn);
          expect(shown.number).toBe(Number(wanText(cents, unit)));
          // the note says so whenever the report stated 元 (and the amount is not 0)
          expect(Boolean(shown.note)).toBe(unit === '元' && cents !== 0n);
        },
      ),
    );
  });

  it('12345678元: 1234.5678 in the cell, the note under the table, in Markdown, HTML and Word', async () => {
    const r = withCell(exampleReport({ year: 2025 }), FEE, {
      value: 12345678,
      unit: '元',
      raw: '12345678元',
    });
    const note = '原报告以元填报：12345678元，已换算为1234.5678万元';
    const md = render(r, 'md');
    expect(md).toContain('| 行政事业性收费 | 1234.5678 |');
    expect(md).not.toContain('12345678元 |');
    expect(md).toContain(note);
    const html = render(r, 'html');
    expect(html).toMatch(/data-cell="activeDisclosure\.adminFees\.feeAmount"[^>]*>1234\.5678</);
    expect(html).toContain(note);
    const { tables, xml } = docxTables(await render(r, 'docx'));
    expect(tables[0]!.cells.flat()).toContain('1234.5678');
    expect(tables[0]!.cells.flat()).not.toContain('12345678元');
    expect(xml).toContain(note);
  });

  it('Excel stores the 万元 number (a sum of the column is in 万元), with the note under the table', async () => {
    const r = withCell(exampleReport({ year: 2025 }), FEE, { value: 12345678, unit: '元' });
    const ws = await sheet(await render(r, 'xlsx'), '表二');
    const values: unknown[] = [];
    const texts: string[] = [];
    ws.eachRow((row) =>
      row.eachCell((c) => {
        if (typeof c.value === 'number') values.push(c.value);
        if (typeof c.value === 'string') texts.push(c.value);
      }),
    );
    expect(values).toContain(1234.5678);
    expect(values).not.toContain(12345678);
    expect(texts.some((t) => t.includes('原报告以元填报：12345678元，已换算为1234.5678万元'))).toBe(true);
  });

  it('an amount of no stated unit is never shown as 万元: printed as stated, 「未注明单位」, text in Excel', async () => {
    const r = withCell(exampleReport({ year: 2025 }), FEE, { value: 153103.83, unit: 'unknown' });
    const md = render(r, 'md');
    expect(md).toContain('| 行政事业性收费 | 153103.83（未注明单位） |');
    expect(md).toMatch(/注：本年收费金额原报告未注明单位/);
    const ws = await sheet(await render(r, 'xlsx'), '表二');
    let stored: unknown;
    ws.eachRow((row) =>
      row.eachCell((c) => {
        if (String(c.value).startsWith('153103.83')) stored = c.value;
      }),
    );
    expect(stored).toBe('153103.83（未注明单位）');
  });

  it('2019 trial edition: 采购总金额 (no unit in the header) keeps the unit stated; none stated is said under the table', async () => {
    const r = exampleReport({ year: 2020 });
    const yuan = withCell(r, PROCUREMENT, { value: 251000, unit: '元' });
    expect(render(yuan, 'md')).toContain('| 政府集中采购 | ');
    expect(render(yuan, 'md')).toContain('251000元');
    expect(render(yuan, 'md')).not.toContain('未注明单位');
    const unknown = withCell(r, PROCUREMENT, { value: 153103.83, unit: 'unknown' });
    const md = render(unknown, 'md');
    expect(md).toMatch(/\| 政府集中采购 \| \d+ \| 153103\.83 \|/);
    expect(md).toContain('注：采购总金额原报告未注明单位（元或万元），按原文列出153103.83，未换算。');
    const ws = await sheet(await render(unknown, 'xlsx'), '表二');
    const stored: unknown[] = [];
    ws.eachRow((row) => row.eachCell((c) => void stored.push(c.value)));
    expect(stored.some((v) => String(v).includes('原报告未注明单位'))).toBe(true);
  });
});
