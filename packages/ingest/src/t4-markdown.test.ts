/**
 * 表四 as a Markdown table (render's md, and tables pasted from other tools): one row per group,
 * a group with nothing printed is five empty cells. Its labels sit next to the next row's label once
 * the separators are gone, and the empty cells between them are the row's five blanks: before, a
 * blank 行政复议 row was dropped and the next row's numbers read into it (found by render's
 * round-trip property test, seed 1787853614).
 */
import { describe, expect, it } from 'vitest';
import { ingestSync } from './index.js';

const GROUPS = ['review', 'litigationDirect', 'litigationAfterReview'] as const;
const COLS = ['upheld', 'corrected', 'other', 'pending', 'total'] as const;
const LABELS = ['行政复议', '行政诉讼 · 未经复议直接起诉', '行政诉讼 · 复议后起诉'];

function markdown(rows: (readonly number[] | null)[]): string {
  const line = (label: string, r: readonly number[] | null) =>
    `| ${label} | ${(r ?? [null, null, null, null, null]).map((v) => (v === null ? ' ' : String(v))).join(' | ')} |`;
  return [
    '# 某某县人民政府2022年政府信息公开工作年度报告',
    '',
    '## 一、总体情况',
    '',
    '本年度工作情况。',
    '',
    '## 四、政府信息公开行政复议、行政诉讼情况',
    '',
    '|  | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map((r, i) => line(LABELS[i]!, r)),
    '',
    '## 五、存在的主要问题及改进情况',
    '',
    '无。',
  ].join('\n');
}

const A = [2, 1, 0, 1, 4] as const;
const B = [1, 0, 0, 1, 2] as const;
const C = [3, 0, 1, 0, 4] as const;

describe('表四 as a Markdown table: a group printed as five empty cells is five blanks', () => {
  // every pattern of groups left empty (at least one printed)
  const cases = [1, 2, 3, 4, 5, 6].map((mask) => [A, B, C].map((r, i) => ((mask >> i) & 1 ? null : r)));
  it.each(cases.map((c) => [c.map((r) => (r ? r.join(',') : '空')).join(' / '), c] as const))(
    '%s',
    (_name, rows) => {
      const r = ingestSync(markdown(rows), { kind: 'text' });
      for (const [i, g] of GROUPS.entries())
        for (const [j, c] of COLS.entries()) {
          const id = `reviewLitigation.${g}.${c}`;
          expect(r.report.cells[id]?.value, id).toBe(rows[i]?.[j] ?? null);
        }
      const codes = r.diagnostics.issues.map((x) => x.code);
      expect(codes).not.toContain('ROW_VALUES_NOT_READ');
      expect(codes).toContain('CELL_BLANK');
    },
  );
});
