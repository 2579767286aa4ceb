import { countFindings, exampleReport, type Report, setCell, validate } from '@nianbao/core';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CheckedReport,
  FINDINGS_CSV_COLUMNS,
  findingsListRows,
  type ListedFinding,
  renderFindingsCsv,
  renderFindingsXlsx,
} from './index.js';
import { csvRecords } from './opendata.js';
import { reportArb } from './test-support/arbitraries.js';

const agency = (name: string) => ({ name, kind: '政府部门' as const, level: '县级' as const });

/** A 2025 report of `name` whose 自然人 新收 was typed wrong (T3-H, T3-B) and a cell left blank (C2). */
function broken(name: string): Report {
  let r = exampleReport({ year: 2025, agency: agency(name), scale: 2 });
  r = setCell(r, 'applications.newReceived.naturalPerson', 60);
  return setCell(r, 'applications.granted.commercialEnterprise', null);
}

function checked(r: Report, source: string, extra: Partial<CheckedReport> = {}): CheckedReport {
  return {
    source,
    agency: r.meta.agency.name,
    year: r.meta.year,
    edition: r.meta.edition,
    findings: validate(r),
    ...extra,
  };
}

async function workbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
  );
  return wb;
}

/** A sheet's rows from its header (row 2) on, as header → text. */
function sheetRows(ws: ExcelJS.Worksheet): Record<string, string>[] {
  const header = (ws.getRow(2).values as unknown[]).slice(1).map(String);
  const out: Record<string, string>[] = [];
  for (let i = 3; i <= ws.rowCount; i++) {
    const v = (ws.getRow(i).values as unknown[]).slice(1);
    if (!v.length) continue;
    out.push(
      Object.fromEntries(header.map((h, k) => [h, v[k] === undefined || v[k] === null ? '' : String(v[k])])),
    );
  }
  return out;
}

describe('问题清单: the findings of many reports as one list', () => {
  const bad = broken('示例县教育局');
  const good = exampleReport({ year: 2025, agency: agency('示例县交通运输局'), scale: 1 });
  const badFindings = validate(bad);
  const t3h = badFindings.find((f) => f.ruleId === 'T3-H' && f.status === 'failed')!;
  // a reviewer dismissed the C2 warning on the server
  const triaged: ListedFinding[] = badFindings.map((f) =>
    f.ruleId === 'C2'
      ? { ...f, triage: { decision: 'dismissed', reason: '该单元格原文即为空白', by: '审核员' } }
      : f,
  );
  const reports: CheckedReport[] = [
    checked(bad, '教育局.pdf', { findings: triaged, status: '已提交' }),
    checked(good, '交通局.docx'),
    { source: '扫描件.pdf', unusable: 'PDF 中没有可提取的文字（可能是扫描件或图片），无法读取表格' },
    checked(good, '某镇.txt', {
      agency: '某镇人民政府',
      importErrors: [{ code: 'CELL_UNREADABLE', message: '表三「二、上年结转」自然人「1O」不是数字' }],
    }),
  ];

  it('汇总: one row per report, its open findings counted (a dismissed one apart), its verdict as check says it', () => {
    const list = findingsListRows(reports);
    expect(list.summary.map((s) => [s.source, s.verdict])).toEqual([
      ['教育局.pdf', '有错误'],
      ['交通局.docx', '通过'],
      ['扫描件.pdf', '无法使用'],
      ['某镇.txt', '有导入错误'],
    ]);
    const open = countFindings(badFindings.filter((f) => f.ruleId !== 'C2'));
    expect(list.summary[0]).toMatchObject({
      ...open,
      dismissed: badFindings.filter((f) => f.ruleId === 'C2').length,
    });
    expect(list.summary[0]!.error).toBeGreaterThanOrEqual(2);
    expect(list.summary[2]!.note).toContain('扫描件');
    expect(list.totals).toEqual({ reports: 4, clean: 1, withErrors: 2, unusable: 1, missing: 0 });
  });

  it('问题清单: every failed finding with its cells as printed and 「应为…实为…」; errors first; dismissed said, after the open ones', () => {
    const { problems } = findingsListRows(reports);
    const mine = problems.filter((p) => p.source === '教育局.pdf');
    expect(mine.length).toBe(badFindings.filter((f) => f.status === 'failed').length);
    const row = mine.find((p) => p.rule === 'T3-H')!;
    expect(row).toMatchObject({
      level: '错误',
      agency: '示例县教育局',
      year: 2025,
      message: t3h.message,
      hint: t3h.hint,
    });
    expect(row.cells).toContain('表三');
    expect(row.cells).toContain('自然人');
    expect(row.cellIds.split(' ')).toEqual(t3h.cells);
    expect(row.check).toMatch(/^应为 \d+，实为 \d+$/);
    const levels = mine.map((p) => p.level);
    expect(levels).toEqual(
      [...levels].sort((a, b) => '错误跨年警告提示'.indexOf(a) - '错误跨年警告提示'.indexOf(b)),
    );
    const c2 = mine.filter((p) => p.rule === 'C2');
    expect(c2.length).toBeGreaterThan(0);
    for (const p of c2) expect(p.triage).toBe('已忽略：该单元格原文即为空白（审核员）');
    expect(problems.find((p) => p.source === '扫描件.pdf')).toMatchObject({ level: '无法使用' });
    expect(problems.find((p) => p.source === '某镇.txt')).toMatchObject({
      level: '导入错误',
      rule: 'CELL_UNREADABLE',
    });
    // numbered through, in the order of the reports
    expect(problems.map((p) => p.no)).toEqual(problems.map((_, i) => i + 1));
    // a long list of cells (S5, a table cut short) named in part, with how many; cell_ids whole
    const many = Object.keys(good.cells).slice(0, 20) as typeof t3h.cells;
    const [cut] = findingsListRows([checked(good, 'y', { findings: [{ ...t3h, cells: many }] })]).problems;
    expect(cut!.cells).toMatch(/ 等 20 个单元格$/);
    expect(cut!.cells.split('、')).toHaveLength(6);
    expect(cut!.cellIds.split(' ')).toEqual(many);
    // 未能核对 only when asked
    expect(problems.some((p) => p.level === '未能核对')).toBe(false);
    const partial = setCell(good, 'applications.newReceived.naturalPerson', null);
    const withUnchecked = findingsListRows([checked(partial, 'x')], { unchecked: true }).problems;
    expect(withUnchecked.some((p) => p.level === '未能核对')).toBe(true);
  });

  it('CSV: the rows of the list, quoted as RFC 4180, a formula guarded, BOM first', () => {
    const evil: CheckedReport = { source: '=HYPERLINK("x")', unusable: '读不出，"引号"，逗号,换行\n第二行' };
    const csv = renderFindingsCsv([...reports, evil]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const [header, ...records] = csvRecords(csv);
    expect(header).toEqual([...FINDINGS_CSV_COLUMNS]);
    const { problems } = findingsListRows([...reports, evil]);
    expect(records).toHaveLength(problems.length);
    expect(records.at(-1)![1]).toBe(`'=HYPERLINK("x")`);
    expect(records.at(-1)![7]).toBe('读不出，"引号"，逗号,换行\n第二行');
    expect(renderFindingsCsv(reports, { bom: false }).startsWith('no,')).toBe(true);
  });

  it('XLSX: 汇总 and 问题清单 sheets that Excel reads back, the same rows, the totals under 汇总', async () => {
    const wb = await workbook(
      await renderFindingsXlsx(reports, { title: '示例县 2025 年度报告检查问题清单' }),
    );
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '问题清单']);
    const summary = wb.getWorksheet('汇总')!;
    expect(String(summary.getCell(1, 1).value)).toBe('示例县 2025 年度报告检查问题清单');
    const rows = sheetRows(summary);
    expect(rows.slice(0, 4).map((r) => [r.文件, r.结论])).toEqual([
      ['教育局.pdf', '有错误'],
      ['交通局.docx', '通过'],
      ['扫描件.pdf', '无法使用'],
      ['某镇.txt', '有导入错误'],
    ]);
    expect(rows[0]!.状态).toBe('已提交');
    expect(Number(rows[0]!.已忽略)).toBeGreaterThan(0);
    expect(rows.at(-1)!.序号).toBe('共 4 份：无错误 1 份，有错误 2 份，无法使用 1 份');
    const problems = sheetRows(wb.getWorksheet('问题清单')!);
    const list = findingsListRows(reports);
    expect(problems).toHaveLength(list.problems.length);
    expect(problems.map((p) => p.问题)).toEqual(list.problems.map((p) => p.message));
    expect(problems.find((p) => p.规则 === 'T3-H')!.核对).toMatch(/^应为 \d+，实为 \d+$/);
    // a long message wraps: its row is as tall as its lines (Excel and WPS do not grow it themselves)
    const sheet2 = wb.getWorksheet('问题清单')!;
    const at = 3 + list.problems.findIndex((p) => p.rule === 'T3-H');
    const lines = Math.ceil((2 * t3h.message.length) / 55);
    expect(lines).toBeGreaterThan(1);
    expect(sheet2.getRow(at).height).toBeGreaterThanOrEqual(lines * 13);
  });

  it('for any reports: one problem row per failed finding (and per import error, per unusable file); counts are the open findings', () => {
    const entry: fc.Arbitrary<CheckedReport> = fc.oneof(
      reportArb.map((r) => checked(r, 'r.json')),
      fc.record({ source: fc.string(), unusable: fc.string() }),
      fc.record({ source: fc.string(), agency: fc.string(), year: fc.constant(2025), missing: fc.string() }),
    );
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 4 }), fc.boolean(), (entries, unchecked) => {
        const list = findingsListRows(entries, { unchecked });
        const expected = entries.reduce(
          (n, e) =>
            n +
            (e.unusable !== undefined ? 1 : 0) +
            (e.missing !== undefined ? 1 : 0) +
            (e.importErrors?.length ?? 0) +
            (e.findings ?? []).filter((f) => unchecked || f.status === 'failed').length,
          0,
        );
        expect(list.problems).toHaveLength(expected);
        entries.forEach((e, i) => {
          const c = countFindings(e.findings ?? []);
          expect(list.summary[i]).toMatchObject(c);
        });
        expect(csvRecords(renderFindingsCsv(entries, { unchecked }))).toHaveLength(expected + 1);
        // an agency without a report is counted apart, never as a report checked
        const missing = entries.filter((e) => e.missing !== undefined).length;
        expect(list.totals.missing).toBe(missing);
        expect(list.totals.reports).toBe(entries.length - missing);
      }),
      { numRuns: 40 },
    );
  });

  it('an agency with no report for the year: a row 未创建 on both sheets, counted apart under 汇总', async () => {
    const none: CheckedReport = {
      source: '示例县水利局 2025 年度（未创建）',
      agency: '示例县水利局',
      year: 2025,
      status: '未创建',
      missing: '尚未创建 2025 年度报告',
    };
    const list = findingsListRows([none, ...reports]);
    expect(list.summary[0]).toMatchObject({ verdict: '未创建', error: 0, note: '尚未创建 2025 年度报告' });
    expect(list.problems[0]).toMatchObject({
      no: 1,
      agency: '示例县水利局',
      level: '未创建',
      message: '尚未创建 2025 年度报告',
      hint: '请督促该机关创建并填报 2025 年度报告',
    });
    expect(list.totals).toEqual({ reports: 4, clean: 1, withErrors: 2, unusable: 1, missing: 1 });
    const wb = await workbook(await renderFindingsXlsx([none, ...reports]));
    const rows = sheetRows(wb.getWorksheet('汇总')!);
    expect(rows[0]).toMatchObject({ 机关: '示例县水利局', 状态: '未创建', 结论: '未创建' });
    expect(rows.at(-1)!.序号).toBe(
      '共 4 份：无错误 1 份，有错误 2 份，无法使用 1 份；另有 1 个机关尚未创建报告',
    );
    expect(sheetRows(wb.getWorksheet('问题清单')!)[0]).toMatchObject({
      级别: '未创建',
      机关: '示例县水利局',
    });
    const alone = sheetRows((await workbook(await renderFindingsXlsx([none]))).getWorksheet('汇总')!);
    expect(alone.at(-1)!.序号).toBe('共 1 个机关尚未创建报告');
    const [, first] = csvRecords(renderFindingsCsv([none]));
    expect(first!.slice(2, 8)).toEqual(['示例县水利局', '2025', '未创建', '', '', '尚未创建 2025 年度报告']);
  });
});
