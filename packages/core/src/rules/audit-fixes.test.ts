import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEmptyReport, type Report, setCells } from '../model.js';
import { validate } from '../validate.js';

/** Failed findings of the given rules. */
const failed = (r: Report, ...ids: string[]) =>
  validate(r, { only: ids }).filter((f) => f.status === 'failed');

describe('T2-4: the government 办公厅/室 reporting on the government’s behalf (audit qa14 #1)', () => {
  const withRegulations = (agency: string, year = 2019) =>
    setCells(createEmptyReport({ year, agency }), {
      [year >= 2021 ? 'activeDisclosure.regulations.made' : 'activeDisclosure.regulations.newlyMade']: 13,
    });

  it.each([
    '上海市政府办公厅',
    '上海市人民政府办公厅',
    '苏州市政府办公室',
    '苏州市人民政府办公室',
    '江苏省政府办公厅',
  ])('%s (省级或设区的市) reporting 规章: no T2-4', (name) => {
    for (const year of [2019, 2021]) expect(failed(withRegulations(name, year), 'T2-4')).toEqual([]);
  });

  it.each(['某县人民政府办公室', '某县政府办公室', '江苏省教育厅', '上海市人民政府合作交流办公室'])(
    '%s (不能制定规章) reporting 规章: T2-4',
    (name) => {
      expect(failed(withRegulations(name), 'T2-4')).toHaveLength(1);
    },
  );

  it('for all 省/设区的市 names: the government’s 办公厅/室 is exempt, a county’s is not', () => {
    const place = fc.constantFrom('上海', '北京', '苏州', '南京', '深圳', '广州', '武汉');
    const office = fc.constantFrom('政府办公厅', '人民政府办公厅', '政府办公室', '人民政府办公室');
    fc.assert(
      fc.property(place, office, fc.constantFrom(2019, 2021), (p, o, year) => {
        expect(failed(withRegulations(`${p}市${o}`, year), 'T2-4')).toEqual([]);
        expect(failed(withRegulations(`${p}县${o}`, year), 'T2-4')).toHaveLength(1);
      }),
      { numRuns: 60 },
    );
  });
});
