import { describe, expect, it } from 'vitest';
import { exampleReport } from '../examples.js';
import { validate } from '../validate.js';

const withExtra = (year: number, extraLabels: string[]) => {
  const r = exampleReport({ year });
  return { ...r, layout: { ...r.layout, extraLabels } };
};

describe('rows the importer found beyond the format (layout.extraLabels)', () => {
  it('the trial format’s single （六） row in a 2021-format report: S5 says 使用旧版格式', () => {
    const f = validate(withExtra(2023, ['表三 （六）其他处理']), { only: ['S4', 'S5', 'S6'] }).filter(
      (x) => x.status === 'failed',
    );
    expect(f.map((x) => x.ruleId)).toEqual(['S5']);
    expect(f[0]!.message).toMatch(/^使用旧版格式：表三把「（六）其他处理」印成一行数据/);
  });

  it('another extra row is named under its table’s rule; in the trial format （六） is no old format', () => {
    const f = validate(withExtra(2023, ['表二 （十）其他', '表四 合计']), {
      only: ['S4', 'S5', 'S6'],
    }).filter((x) => x.status === 'failed');
    expect(f.map((x) => [x.ruleId, x.message])).toEqual([
      ['S4', '表二含有格式之外的行或列：表二 （十）其他'],
      ['S6', '表四含有格式之外的行或列：表四 合计'],
    ]);
    const trial = validate(withExtra(2020, ['表三 （六）其他处理']), { only: ['S5'] }).filter(
      (x) => x.status === 'failed',
    );
    expect(trial[0]!.message).toBe('表三含有格式之外的行或列：表三 （六）其他处理');
  });
});

describe('the old format’s （六） row with its three 2021 rows missing', () => {
  const oldFormat = (drop: boolean) => {
    const r = exampleReport({ year: 2023 });
    const cells = Object.fromEntries(
      Object.entries(r.cells).filter(([id]) => !(drop && /^applications\.other_/.test(id))),
    );
    return { ...r, cells, layout: { ...r.layout, extraLabels: ['表三 （六）其他处理'] } };
  };
  it('is one S5 error naming the 21 cells, not a second one for missing cells', () => {
    const f = validate(oldFormat(true), { only: ['S5'] }).filter((x) => x.status === 'failed');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toBe(
      '使用旧版格式：表三把「（六）其他处理」印成一行数据（《格式（试行）》的写法），2021 版格式中它分为 3 行，这些数值无法对应到本版单元格：其下 3 行（21 个单元格）缺失，请对照原文分行补录',
    );
    expect(f[0]!.cells).toHaveLength(21);
    expect(f[0]!.cells.every((c) => c.startsWith('applications.other_'))).toBe(true);
  });
  it('another missing row is still said as missing, beside it', () => {
    const r = oldFormat(true);
    const { 'applications.granted.naturalPerson': _gone, ...cells } = r.cells;
    const f = validate({ ...r, cells }, { only: ['S5'] }).filter((x) => x.status === 'failed');
    expect(f.map((x) => x.message)).toEqual([
      '表三缺少 1 个单元格（（一）予以公开）',
      expect.stringMatching(/^使用旧版格式：.*其下 3 行（21 个单元格）缺失，请对照原文分行补录$/),
    ]);
  });
  it('with the three rows present (filled in, or read as 0 from a row of 0s) it names them and offers to re-lay the table', () => {
    const f = validate(oldFormat(false), { only: ['S5'] }).filter((x) => x.status === 'failed');
    expect(f.map((x) => x.message)).toEqual([
      '使用旧版格式：表三把「（六）其他处理」印成一行数据（《格式（试行）》的写法），2021 版格式中它分为 3 行；本报告已分 3 行记录其数值，可按本版格式重排（修改建议），数值不变',
    ]);
    expect(f[0]!.cells).toHaveLength(21);
    expect(f[0]!.cells.every((c) => c.startsWith('applications.other_'))).toBe(true);
  });
});
