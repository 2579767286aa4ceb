import { describe, expect, it } from 'vitest';
import { aggregate } from './aggregate.js';
import { getEdition } from './editions/index.js';
import { exampleReport } from './examples.js';
import { NianbaoError, type Report } from './model.js';
import { validate } from './validate.js';

// Messages for people name a format as people know it (《格式（试行）》 / 2021 版格式), never by its
// internal id (2019-trial).
describe('formats named for people, not by id', () => {
  const agency = (id: string, name: string) => ({
    id,
    name,
    kind: '政府部门' as const,
    level: '县级' as const,
  });

  it('aggregate of two formats: MIXED_EDITIONS says 《格式（试行）》 and 2021 版格式', () => {
    const a = exampleReport({ year: 2021, agency: agency('a', '甲局') });
    const b: Report = { ...exampleReport({ year: 2021, agency: agency('b', '乙局') }) };
    const trial: Report = { ...b, meta: { ...b.meta, edition: '2019-trial' } };
    let err: unknown;
    try {
      aggregate([a, trial]);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(NianbaoError);
    expect((err as NianbaoError).code).toBe('MIXED_EDITIONS');
    expect((err as NianbaoError).message).toContain('2021 版格式');
    expect((err as NianbaoError).message).toContain('《格式（试行）》');
    expect((err as NianbaoError).message).not.toContain('2019-trial');
  });

  it('a 2021 report holding cells only the trial format has: the finding names both formats', () => {
    const r = exampleReport({ year: 2021, agency: agency('a', '甲局') });
    const trial = getEdition('2019-trial');
    const now = getEdition('2021');
    const onlyTrial = [...trial.cellIndex.keys()].filter((id) => !now.cellIndex.has(id));
    expect(onlyTrial.length).toBeGreaterThan(0);
    const cells = { ...r.cells, [onlyTrial[0]!]: { value: 1 } };
    const messages = validate({ ...r, cells } as Report).map((f) => f.message);
    const said = messages.find((m) => m.includes('才有的项目'));
    expect(said).toMatch(/含有《格式（试行）》才有的项目（.+），与本报告的2021 版格式不符/);
    expect(messages.join('\n')).not.toContain('2019-trial');
  });
});
