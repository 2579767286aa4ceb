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
