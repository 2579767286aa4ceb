/**
 * Open the DOCX and XLSX in an office suite: LibreOffice (when installed) converts them to PDF
 * headless. A file it cannot read fails the conversion. The PDFs stay in artifacts/ for a look.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { exampleReport, parseReport, type Report, TABLE_KEYS } from '@nianbao/core';
import { describe, expect, it } from 'vitest';
import { render } from './index.js';
import { formatCell, tableGrid } from './layout.js';
import { bigReport, bigTotalsReport, printedNumbers } from './test-support/big.js';
import { PDFTOTEXT, printToPdf, SOFFICE } from './test-support/office.js';

const ARTIFACTS = join(import.meta.dirname, '..', 'artifacts', 'office');
if (!SOFFICE) {
  console.warn(
    '[render] LibreOffice check skipped: soffice is absent (optional: apt-get install -y libreoffice-writer-nogui libreoffice-calc-nogui)',
  );
} else if (!PDFTOTEXT) {
  console.warn(
    '[render] rows kept whole on a page: check skipped, pdftotext is absent (apt-get install -y poppler-utils)',
  );
}

/** Each page of a PDF: its text without white space, and its words. */
async function pageTexts(pdf: string): Promise<{ text: string; words: Set<string> }[]> {
  const run = promisify(execFile);
  const out: { text: string; words: Set<string> }[] = [];
  for (let page = 1; ; page++) {
    const args = ['-raw', '-f', String(page), '-l', String(page), pdf, '-'];
    const { stdout } = await run(PDFTOTEXT!, args).catch(() => ({ stdout: undefined }));
    if (stdout === undefined) return out;
    out.push({ text: stdout.replace(/\s+/g, ''), words: new Set(stdout.split(/\s+/)) });
  }
}

/**
 * The rows of the three tables printed across two pages: a row whose numbers are not all on one
 * page, or whose label is not whole on that page. Every number of the report must differ.
 */
function rowsSplit(report: Report, pages: readonly { text: string; words: Set<string> }[]): string[] {
  const split: string[] = [];
  for (const t of TABLE_KEYS) {
    const grid = tableGrid(report.meta.edition, t);
    grid.rows.forEach((row, r) => {
      if (r < grid.headerRows) return;
      const on = new Set<number>();
      for (const c of row)
        if (c.kind === 'value') {
          const v = formatCell(report.cells[c.cellId!], c.column);
          if (!/^[+-]?\d+$/.test(v)) continue; // an amount with its unit (1051元) may wrap in its cell
          const at = pages.flatMap((p, i) => (p.words.has(v) ? [i] : []));
          on.add(at.length === 1 ? at[0]! : -1);
        }
      if (!on.size) return; // a heading row (表二's 第二十条第（一）项): no numbers to place
      const page = pages[[...on][0] ?? -1];
      const labels = row.filter((c) => c.kind === 'rowLabel' && c.rowSpan === 1);
      if (on.size !== 1 || !page || labels.some((c) => !page.text.includes(c.text.replace(/\s+/g, ''))))
        split.push(`${t} row ${r}: ${labels.map((c) => c.text).join(' ')}`);
    });
  }
  return split;
}

/** Files of ARTIFACTS printed to PDF beside them by LibreOffice (its own profile: `profile`). */
async function toPdf(profile: string, ...files: string[]): Promise<void> {
  // every document of the tests below in one run (12 files)
  await printToPdf(
    files.map((f) => join(ARTIFACTS, f)),
    { outdir: ARTIFACTS, profile, timeoutMs: 300_000 },
  );
}

/** 表三 crossing a page: the example moved down the page by `k` lines of text before 表三. */
const ROWS_WHOLE_CASES = [
  [2021, 2],
  [2021, 5],
  [2020, 19],
] as const;

/**
 * The reports the tests below open, each written as DOCX (and XLSX where named) into ARTIFACTS and
 * printed to PDF by one LibreOffice run: its start (about 5 s of CPU) is most of a conversion's cost,
 * so the four tests share it. Made when the first test asks.
 */
async function convertAll(): Promise<{
  example: Report;
  tableLost: Report;
  rowsWhole: Map<string, Report>;
  big: Map<string, Report>;
}> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const files: string[] = [];
  const write = async (name: string, r: Report, xlsx = false) => {
    writeFileSync(join(ARTIFACTS, `${name}.docx`), await render(r, 'docx'));
    files.push(`${name}.docx`);
    if (xlsx) {
      writeFileSync(join(ARTIFACTS, `${name}-tables.xlsx`), await render(r, 'xlsx'));
      files.push(`${name}-tables.xlsx`);
    }
  };
  const example = exampleReport({ year: 2021 });
  await write('example-2021', example, true);
  // A random report of the round trip (2019 format, blanks): 表三 began at the foot of page 2;
  // with every row kept whole and the header repeated, LibreOffice placed 「三、本年度办理结果」
  // (18 rows in one group) on no page and printed nothing of the table after its first row.
  const lost = parseReport(
    readFileSync(join(import.meta.dirname, 'test-support', 'lo-table-lost-2020.json'), 'utf8'),
  );
  if (!lost.ok) throw new Error('fixture');
  await write('table-lost-2020', lost.value);
  // 表三 moved down the page line by line (the text before it): at these lines a row of 表三
  // crossed the foot of the page, its label's last line printed on the next page.
  const line = '本机关坚持以公开为常态、不公开为例外，持续推进决策、执行、管理服务。';
  const rowsWhole = new Map<string, Report>();
  for (const [year, k] of ROWS_WHOLE_CASES) {
    const r = exampleReport({ year });
    // every number different (four digits: no cell wraps), to find each on its page
    let n = 1000;
    for (const [id, c] of Object.entries(r.cells))
      if (c.value !== null) r.cells[id] = { ...c, value: (n += 3) };
    r.sections = { ...r.sections, applications: `${line.repeat(k)}\n${r.sections.applications ?? ''}` };
    const name = `rows-whole-${year}-${k}`;
    rowsWhole.set(name, r);
    await write(name, r);
  }
  const big = new Map<string, Report>([
    ['big-6-2021', bigReport(2021, 6)],
    ['big-7-2020', bigReport(2020, 7, ['applications', 'reviewLitigation'])],
    ['big-totals-2021', bigTotalsReport(2021)],
  ]);
  for (const [name, r] of big) await write(name, r, true);
  // no PDF of an earlier run stands in for one this run did not print
  for (const f of files) rmSync(join(ARTIFACTS, f.replace(/\.(docx|xlsx)$/, '.pdf')), { force: true });
  const profile = mkdtempSync(join(tmpdir(), 'nianbao-render-lo-'));
  try {
    await toPdf(profile, ...files);
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
  return { example, tableLost: lost.value, rowsWhole, big };
}
let conversion: ReturnType<typeof convertAll> | undefined;
const converted = () => (conversion ??= convertAll());

describe.skipIf(!SOFFICE)('opens in LibreOffice', () => {
  it('the 2021 example as DOCX and XLSX converts to A4 PDF', async () => {
    const r = (await converted()).example;
    const pdf = readFileSync(join(ARTIFACTS, 'example-2021.pdf')).toString('latin1');
    expect((pdf.match(/\/Type\s*\/Page[^s]/g) ?? []).length).toBeGreaterThanOrEqual(3);
    expect(pdf).toMatch(/\/MediaBox\s*\[\s*0 0 595\.\d+ 841\.\d+\s*\]/);
    expect(existsSync(join(ARTIFACTS, 'example-2021-tables.pdf'))).toBe(true);
    // The PDF a filler makes of our DOCX, as a reviewer imports it: every number comes back (rows
    // whose label wraps around its numbers included: before, 5.要求行政机关确认或… was lost).
    const { ingest } = await import('@nianbao/ingest');
    const back = await ingest(new Uint8Array(readFileSync(join(ARTIFACTS, 'example-2021.pdf'))));
    for (const [id, cell] of Object.entries(r.cells))
      expect(back.report.cells[id]?.value, id).toEqual(cell.value);
    expect(back.diagnostics.issues.filter((i) => i.severity === 'error')).toEqual([]);
  }, 360_000);

  it('表三 starting low on a page is printed whole: no row lost (a random 2020 report lost 154 cells)', async () => {
    const r = (await converted()).tableLost;
    const { ingest } = await import('@nianbao/ingest');
    const back = await ingest(new Uint8Array(readFileSync(join(ARTIFACTS, 'table-lost-2020.pdf'))));
    const lost = Object.keys(r.cells).filter((id) => back.report.cells[id]?.value === undefined);
    expect(lost).toEqual([]);
    for (const [id, cell] of Object.entries(r.cells))
      expect(back.report.cells[id]?.value, id).toEqual(cell.value);
  }, 360_000);

  it.skipIf(!PDFTOTEXT)(
    '表三 crossing a page: no row is split (a label of three lines was half on one page, half on the next)',
    async () => {
      const reports = (await converted()).rowsWhole;
      expect(reports.size).toBe(ROWS_WHOLE_CASES.length);
      for (const [name, r] of reports) {
        const pages = await pageTexts(join(ARTIFACTS, `${name}.pdf`));
        expect(pages.length, name).toBeGreaterThanOrEqual(4);
        expect(rowsSplit(r, pages), name).toEqual([]);
      }
    },
    360_000,
  );

  it.skipIf(!PDFTOTEXT)(
    'numbers of six and seven digits (a province’s 公安厅) print whole, each on one line: 表四 printed 「10055」 over 「5」',
    async () => {
      const reports = (await converted()).big;
      for (const [name, r] of reports) {
        // the sheets as Calc prints them: every number whole, none shown as 「###」
        const sheets = await pageTexts(join(ARTIFACTS, `${name}-tables.pdf`));
        const cells = new Set(sheets.flatMap((p) => [...p.words]));
        expect(
          printedNumbers(r).filter((v) => /^\d+$/.test(v) && !cells.has(v)),
          `${name}.xlsx`,
        ).toEqual([]);
        expect(
          sheets.some((p) => p.text.includes('###')),
          `${name}.xlsx`,
        ).toBe(false);
        const pages = await pageTexts(join(ARTIFACTS, `${name}.pdf`));
        const words = new Set(pages.flatMap((p) => [...p.words]));
        const numbers = printedNumbers(r).filter((v) => /^[+-]?\d{5,}$/.test(v));
        expect(numbers.length, name).toBeGreaterThanOrEqual(15);
        // a number wrapped in its cell reads as two words (「31788」 「0」): not whole
        expect(
          numbers.filter((v) => !words.has(v)),
          name,
        ).toEqual([]);
        // and our importer reads every number back from the PDF
        const { ingest } = await import('@nianbao/ingest');
        const back = await ingest(new Uint8Array(readFileSync(join(ARTIFACTS, `${name}.pdf`))));
        for (const [id, cell] of Object.entries(r.cells))
          expect(back.report.cells[id]?.value, `${name} ${id}`).toEqual(cell.value);
      }
    },
    360_000,
  );
});
