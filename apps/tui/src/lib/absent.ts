import { getEdition, type Narration, type Report, TABLE_SHORT, type TableKey } from '@nianbao/core';

/**
 * Cells never read: in the edition's tables but not in the report at all (the importer found no
 * table, or not that row) — unlike a blank cell, which the report has, with no value.
 */
export function absentCells(report: Report): string[] {
  return getEdition(report.meta.edition)
    .cells.map((c) => c.id)
    .filter((id) => report.cells[id] === undefined);
}

const BLANK = '有空白单元格';

/** What a null value of cells means: 未读到 (absent), 空白 (blank), or both. */
function nullNote(report: Report, cells: readonly string[]): string {
  const empty = cells.filter((id) => (report.cells[id]?.value ?? null) === null);
  const absent = empty.filter((id) => report.cells[id] === undefined).length;
  if (absent === 0) return BLANK;
  return absent === empty.length ? '单元格未读到，不是空白' : '有未读到或空白的单元格';
}

/** The line under the number sentences left out: because of blank cells, or cells never read. */
export function missingSentencesLine(narration: Narration, report: Report): string | undefined {
  const n = narration.missing.length;
  if (!n) return undefined;
  const notes = new Set(narration.missing.map((m) => nullNote(report, m.cells)));
  const why =
    notes.size === 1 && notes.has(BLANK)
      ? '单元格空白'
      : notes.has(BLANK)
        ? '单元格空白或未读到'
        : '单元格未读到';
  return `（${n} 句因${why}未生成）`;
}

/** One line when cells were never read (which tables, how many), or undefined. */
export function absentLine(report: Report): string | undefined {
  const absent = absentCells(report);
  if (!absent.length) return undefined;
  const total = getEdition(report.meta.edition).cells.length;
  const tables = [...new Set(absent.map((id) => id.split('.')[0] as TableKey))]
    .map((t) => TABLE_SHORT[t] ?? t)
    .join('、');
  return `注意：${total} 个单元格中有 ${absent.length} 个没有读到（${tables}；导入时缺失，不是空白，也未按 0 计），相关指标无法计算`;
}
