import {
  type CellId,
  createEmptyReport,
  derive,
  exampleReport,
  getEdition,
  type Report,
} from '@nianbao/core';
import { fireEvent } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { editorTestSetup, renderDraftEditor } from '../test-support/editor';
import { blankFillable } from './Editor';

editorTestSetup();

// QA: 提交审核… said 「21 个单元格空白（没有数据的应填 0），确定要提交吗？」 counting 表四's 总计 among the
// blanks — computed, read-only, blank only because their parts are — so the number was not what the
// 填报人 could fill. Now only the cells one can type into are counted.

/** The example report with every cell of 表四 blank, its totals derived (blank: their parts are). */
function blankTable4(): Report {
  const r = exampleReport({ year: 2025 });
  const cells = { ...r.cells };
  for (const c of getEdition(r.meta.edition).cells)
    if (c.table === 'reviewLitigation') cells[c.id as CellId] = { value: null, origin: 'entered' };
  return derive({ ...r, cells }).report;
}

/** What the question of 提交审核… says, once asked. */
function question(report: Report): string {
  const v = renderDraftEditor(report);
  fireEvent.click(v.getByRole('button', { name: '提交审核…' }));
  return v.getByRole('alert').textContent ?? '';
}

describe('提交审核…: the blank cells counted are those the user can fill', () => {
  it('表四 blank: its 12 parts, not its 3 computed 总计 (15)', () => {
    const r = blankTable4();
    const def = getEdition(r.meta.edition).cells.filter((c) => c.table === 'reviewLitigation');
    // the scene QA saw: the totals are blank as well, and read-only
    expect(def.filter((c) => c.derived && r.cells[c.id]?.value == null)).toHaveLength(3);
    expect(question(r)).toMatch(/(^|，)12 个单元格空白（没有数据的应填 0），确定要提交吗？$/);
  });

  it('one part of 表四 blank: 1, not 2 (its total blank with it)', () => {
    const r0 = exampleReport({ year: 2025 });
    const r = derive({
      ...r0,
      cells: { ...r0.cells, 'reviewLitigation.review.upheld': { value: null, origin: 'entered' } },
    }).report;
    expect(r.cells['reviewLitigation.review.total']?.value ?? null).toBeNull();
    expect(question(r)).toBe('1 个单元格空白（没有数据的应填 0），确定要提交吗？');
  });

  it('blankFillable: an empty report counts every cell but the totals; a full one none', () => {
    const empty = createEmptyReport({ year: 2025, agency: '示例县教育局' });
    const cells = getEdition(empty.meta.edition).cells;
    expect(blankFillable(empty)).toBe(cells.filter((c) => !c.derived).length);
    expect(blankFillable(empty)).toBeLessThan(cells.length);
    expect(blankFillable(exampleReport({ year: 2025 }))).toBe(0);
  });
});
