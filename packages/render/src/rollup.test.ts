import { aggregate, exampleReport, type Report } from '@nianbao/core';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { render } from './index.js';
import { rollupNotes } from './rollup.js';

const coercion = 'activeDisclosure.coercion.decisions';

function blankIn(r: Report, ...ids: string[]): Report {
  const cells = { ...r.cells };
  for (const id of ids) cells[id] = { value: null };
  return { ...r, cells };
}
function without(r: Report, ...ids: string[]): Report {
  const cells = { ...r.cells };
  for (const id of ids) delete cells[id];
  return { ...r, cells };
}

describe('roll-up notes (what the export says beside a blank cell)', () => {
  it('names the cells not summed and whose report left them blank or lacked them, told apart', () => {
    const a = exampleReport({ year: 2022, agency: { name: '东山镇人民政府' } });
    const b = blankIn(exampleReport({ year: 2022, agency: { name: '西河镇人民政府' } }), coercion);
    const c = without(
      exampleReport({ year: 2022, agency: { name: '南湖镇人民政府' } }),
      'activeDisclosure.normativeDocs.made',
    );
    const result = aggregate([a, b, c], { agency: { name: '某县人民政府' } });
    const notes = rollupNotes(result);
    expect(notes[0]).toBe(
      '汇总说明：有 2 个单元格未汇总、留空（不按 0 计）：1 个因部分报告空白，1 个因部分报告中未读到（导入时没有读出，不是空白）。',
    );
    expect(notes).toContain(
      '西河镇人民政府的报告留空（未填写），以下单元格因此未汇总：表二 第二十条第（六）项 行政强制 · 本年处理决定数量（1 个单元格）。',
    );
    expect(notes.join('\n')).toMatch(
      /南湖镇人民政府的报告中未读到（导入时未能读出，不是空白）.*（1 个单元格）/,
    );
    expect(notes.join('\n')).not.toContain('东山镇');
    expect(rollupNotes(aggregate([a], {}))).toEqual([]);
  });

  it('a long list is cut with a count; core’s notes (an amount of unknown unit not summed) follow', () => {
    const a = exampleReport({ year: 2022, agency: { name: '甲' } });
    const t3 = Object.keys(a.cells).filter((id) => id.startsWith('applications.'));
    const b = blankIn(exampleReport({ year: 2022, agency: { name: '乙' } }), ...t3);
    const notes = rollupNotes(aggregate([a, b]));
    expect(notes[1]).toMatch(new RegExp(`等 ${t3.length} 个单元格。$`));
    // An amount without its unit cannot be summed: core's note is among the roll-up's notes.
    const amount = 'activeDisclosure.centralProcurement.procurementAmount';
    const p = exampleReport({ year: 2020, agency: { name: '丙' } });
    const q = exampleReport({ year: 2020, agency: { name: '丁' } });
    const bare = { ...q, cells: { ...q.cells, [amount]: { value: 12 } } };
    const unitNotes = rollupNotes(aggregate([p, bare]));
    expect(unitNotes).toContain(
      '表二 第二十条第（九）项 政府集中采购 · 采购总金额：丁的报告未注明单位（元或万元），无法汇总，留空。',
    );
  });

  it('an Excel roll-up prints the notes on its 报告信息 sheet', async () => {
    const a = exampleReport({ year: 2022, agency: { name: '东山镇人民政府' } });
    const b = blankIn(exampleReport({ year: 2022, agency: { name: '西河镇人民政府' } }), coercion);
    const result = aggregate([a, b], { agency: { name: '某县人民政府' } });
    const notes = rollupNotes(result);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await render(result.report, 'xlsx', { notes })).buffer as ArrayBuffer);
    const info = wb.getWorksheet('报告信息')!;
    const texts: string[] = [];
    info.eachRow((row) => texts.push(`${row.getCell(1).text}|${row.getCell(2).text}`));
    for (const n of notes) expect(texts).toContain(`汇总说明|${n}`);
  });

  it('a corrected report’s Excel file says its version and its corrections under their own label', async () => {
    const note = '更正说明：本报告发布后经过 1 次更正。2026-11-30 更正（第 10 版）：行政许可决定漏计50件';
    const wb = new ExcelJS.Workbook();
    const bytes = await render(exampleReport({ year: 2025 }), 'xlsx', {
      notes: [note],
      notesLabel: '更正说明',
      version: 10,
    });
    await wb.xlsx.load(bytes.buffer as ArrayBuffer);
    const texts: string[] = [];
    wb.getWorksheet('报告信息')!.eachRow((row) =>
      texts.push(`${row.getCell(1).text}|${row.getCell(2).text}`),
    );
    expect(texts).toContain('版本|第 10 版');
    expect(texts).toContain(`更正说明|${note}`);
    expect(texts.some((t) => t.startsWith('汇总说明|'))).toBe(false);
  });
});
