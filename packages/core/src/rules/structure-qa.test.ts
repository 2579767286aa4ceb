import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getEdition } from '../editions/index.js';
import { exampleReport } from '../examples.js';
import { applyFix, fixesFor, OLD_OTHER_ROW_KEY, suggestFixes } from '../fixes.js';
import type { Report } from '../model.js';
import { expectation, validate } from '../validate.js';

const failed = (r: Report, only: string[], today?: string) =>
  validate(r, { only, ...(today ? { today } : {}) }).filter((f) => f.status === 'failed');

/** The example report with a table's heading found but none of its cells read (an import cut off). */
function tableWithoutCells(
  year: number,
  prefix: string,
  table: 'activeDisclosure' | 'applications' | 'reviewLitigation',
): Report {
  const r = exampleReport({ year });
  const cells = Object.fromEntries(Object.entries(r.cells).filter(([id]) => !id.startsWith(prefix)));
  return {
    ...r,
    cells,
    layout: {
      tablesPresent: { activeDisclosure: true, applications: true, reviewLitigation: true, [table]: true },
    },
  };
}

describe('a table whose heading was found but none of its cells read', () => {
  it('is an S5 error naming 表三 and all 175 missing cells (2021), never a clean report', () => {
    const r = tableWithoutCells(2023, 'applications.', 'applications');
    const f = failed(r, ['S3', 'S4', 'S5', 'S6']);
    expect(f.map((x) => [x.ruleId, x.severity])).toEqual([['S5', 'error']]);
    expect(f[0]!.message).toBe(
      '表三的标题已找到，但没有读到其中任何一个单元格：应有 175 个单元格，全部缺失。请对照原文补录整张表（空白不等于 0）',
    );
    expect(f[0]!.cells).toHaveLength(175);
    expect(expectation(f[0]!)).toBe('应有 175 个单元格，一个也没有读到');
  });
  it('the same for 表二 (S4) and 表四 (S6), in both editions', () => {
    for (const year of [2020, 2023]) {
      const e = getEdition(year === 2020 ? '2019-trial' : '2021');
      for (const [rule, table] of [
        ['S4', 'activeDisclosure'],
        ['S6', 'reviewLitigation'],
      ] as const) {
        const f = failed(tableWithoutCells(year, `${table}.`, table), ['S3', rule]);
        const n = e.cells.filter((c) => c.table === table).length;
        expect(f.map((x) => x.ruleId)).toEqual([rule]);
        expect(f[0]!.message).toContain(`应有 ${n} 个单元格，全部缺失`);
      }
    }
  });
  it('a table not found at all stays S3’s one finding (not said twice)', () => {
    const r = tableWithoutCells(2023, 'applications.', 'applications');
    const absent = { ...r, layout: { tablesPresent: { applications: false } } };
    expect(failed(absent, ['S3', 'S5']).map((x) => x.ruleId)).toEqual(['S3']);
    const unknown = { ...r, layout: {} };
    expect(failed(unknown, ['S3', 'S5']).map((x) => x.ruleId)).toEqual(['S3']);
  });
});

describe('S4–S6 say a count of cells as a count of cells', () => {
  it('「应有 175 个单元格，只读到 168 个」, not 「应为 175，实为 168」', () => {
    const r = exampleReport({ year: 2023 });
    const cells = Object.fromEntries(
      Object.entries(r.cells).filter(([id]) => !id.startsWith('applications.granted.')),
    );
    const [f] = failed({ ...r, cells }, ['S5']);
    expect(f!.measure).toBe('cellCount');
    expect(expectation(f!)).toBe('应有 175 个单元格，只读到 168 个');
  });
});

describe('the old format’s （六）其他处理 row: a fix re-lays the report in the official layout', () => {
  const oldRow = (drop: boolean): Report => {
    const r = exampleReport({ year: 2023 });
    const cells = Object.fromEntries(
      Object.entries(r.cells).filter(([id]) => !(drop && id.startsWith('applications.other_'))),
    );
    return {
      ...r,
      cells,
      layout: {
        extraLabels: ['表三 （六）其他处理', '表二 （十）其他'],
        tablesPresent: { applications: true },
      },
    };
  };
  it('with the three rows recorded: fixesFor offers it, applying it clears S5 and keeps every number', () => {
    const r = oldRow(false);
    const [finding] = failed(r, ['S5']);
    expect(finding!.message).toMatch(/^使用旧版格式：表三把「（六）其他处理」/);
    const [fix] = fixesFor(finding!, suggestFixes(r), '2021');
    expect(fix).toBeDefined();
    expect(fix!.changes).toEqual([]);
    expect(fix!.resolves).toEqual([OLD_OTHER_ROW_KEY]);
    expect(fix!.reason).toContain('所有数值不变');
    const after = applyFix(r, fix!);
    expect(failed(after, ['S5'])).toEqual([]);
    // only the （六） record goes: another extra row stays said (S4), and every cell is as it was
    expect(after.layout).toEqual({ extraLabels: ['表二 （十）其他'], tablesPresent: { applications: true } });
    expect(failed(after, ['S4']).map((x) => x.message)).toEqual([
      '表二含有格式之外的行或列：表二 （十）其他',
    ]);
    expect(after.cells).toEqual(r.cells);
  });
  it('is not offered while the three rows are missing (their numbers have no place yet)', () => {
    const r = oldRow(true);
    const f = failed(r, ['S5']);
    expect(f).toHaveLength(1);
    expect(suggestFixes(r).some((x) => x.layout)).toBe(false);
    expect(fixesFor(f[0]!, suggestFixes(r), '2021')).toEqual([]);
  });
  it('for any numbers in the three rows, applying it changes no cell and leaves no S5 finding (fast-check)', () => {
    const ids = getEdition('2021').cells.filter((c) => c.id.startsWith('applications.other_') && !c.derived);
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 99 }), { minLength: ids.length, maxLength: ids.length }),
        (vs) => {
          const r = oldRow(false);
          const cells = { ...r.cells };
          ids.forEach((c, i) => {
            cells[c.id] = { value: vs[i]!, origin: 'entered' };
          });
          const typed = { ...r, cells };
          const fix = suggestFixes(typed).find((x) => x.layout);
          expect(fix).toBeDefined();
          const after = applyFix(typed, fix!);
          for (const c of ids) expect(after.cells[c.id]!.value).toBe(typed.cells[c.id]!.value);
          expect(failed(after, ['S5'])).toEqual([]);
        },
      ),
      { numRuns: 15 },
    );
  });
});

describe('S7 says where the label was printed', () => {
  it('the same alias in three blocks of 表二 is three different messages', () => {
    const r = exampleReport({ year: 2020 });
    const layout = {
      aliasesUsed: [
        {
          printed: '本年数量',
          canonical: '本年增/减',
          cells: ['activeDisclosure.licensing.yearChange', 'activeDisclosure.otherMgmtServices.yearChange'],
        },
        {
          printed: '本年数量',
          canonical: '本年增/减',
          cells: ['activeDisclosure.punishment.yearChange', 'activeDisclosure.coercion.yearChange'],
        },
        { printed: '本年数量', canonical: '本年增/减', cells: ['activeDisclosure.adminFees.yearChange'] },
      ],
    };
    const f = failed({ ...r, layout }, ['S7']).map((x) => x.message);
    expect(new Set(f).size).toBe(3);
    expect(f[0]).toBe(
      '表二第二十条第（五）项（行政许可、其他对外管理服务事项）的列标签「本年数量」不是格式原文，应为「本年增/减」',
    );
    expect(f[2]).toMatch(/^表二第二十条第（八）项（行政事业性收费）的列标签「本年数量」/);
  });
  it('a row label names its table', () => {
    const r = exampleReport({ year: 2023 });
    const layout = {
      aliasesUsed: [
        {
          printed: '规范性文件',
          canonical: '行政规范性文件',
          cells: ['activeDisclosure.normativeDocs.made', 'activeDisclosure.normativeDocs.valid'],
        },
      ],
    };
    expect(failed({ ...r, layout }, ['S7'])[0]!.message).toBe(
      '表二第二十条第（一）项的行标签「规范性文件」不是格式原文，应为「行政规范性文件」',
    );
  });
});

describe('a section missing altogether is S2’s finding only', () => {
  it('N3–N6 say nothing of a missing section five or six; an empty one is still theirs', () => {
    const r = exampleReport({ year: 2023 });
    const missing = { ...r, sections: { ...r.sections, problems: null, other: null } };
    expect(failed(missing, ['S2', 'N3', 'N4', 'N5', 'N6']).map((x) => x.ruleId)).toEqual(['S2', 'S2']);
    const empty = { ...r, sections: { ...r.sections, problems: '无', other: '' } };
    expect(failed(empty, ['N3', 'N4', 'N5', 'N6']).map((x) => x.ruleId)).toEqual(['N3', 'N4', 'N5', 'N6']);
  });
});

describe('validate’s `today`: a report of a year not yet ended', () => {
  const r = exampleReport({ year: 2023 });
  it('the year still running, or one to come, is an S9 warning saying what to do', () => {
    const [f] = failed(r, ['S9'], '2023-11-30');
    expect(f!.severity).toBe('warning');
    expect(f!.message).toBe(
      '2023 年度尚未结束（今天是 2023-11-30），统计期限要到 2023 年 12 月 31 日才满：年报应在年度结束后编制；如果报告年度填错了，请改为实际统计的年份（如 2022）',
    );
    expect(failed(r, ['S9'], '2023-12-31')).toHaveLength(1);
    expect(failed(r, ['S9'], '2022-06-01')[0]!.message).toMatch(/^报告年度 2023 还没有到来/);
  });
  it('a year ended, or no today given, is no finding; a malformed today is refused', () => {
    expect(failed(r, ['S9'], '2024-01-01')).toEqual([]);
    expect(failed(r, ['S9'])).toEqual([]);
    expect(() => validate(r, { today: '2024/1/1' })).toThrow(/today 应为 YYYY-MM-DD/);
  });
});
