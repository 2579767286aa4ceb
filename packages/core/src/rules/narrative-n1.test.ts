import { describe, expect, it } from 'vitest';
import { exampleReport } from '../examples.js';
import { setCell, setSection } from '../model.js';
import { validate } from '../validate.js';

const n1 = (r: Parameters<typeof validate>[0]) => validate(r, { only: ['N1'] });
const granted = (col: string) => `applications.granted.${col}`;

describe('N1 with blank totals', () => {
  const base = setSection(exampleReport({ year: 2023 }), 'applications', '本年度予以公开7件。');

  it('a 总计 left blank is the sum of its applicants when they are all there', () => {
    const r = setCell(base, granted('total'), null);
    const parts = [
      'naturalPerson',
      'commercialEnterprise',
      'researchInstitution',
      'publicInterestOrg',
      'legalServiceOrg',
      'otherOrg',
    ]
      .map((c) => r.cells[granted(c)]!.value as number)
      .reduce((a, b) => a + b, 0);
    expect(parts).not.toBe(7);
    const f = n1(r).filter((x) => x.status === 'failed');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ expected: parts, actual: 7 });
    const agrees = setSection(r, 'applications', `本年度予以公开${parts}件。`);
    expect(n1(agrees)).toEqual([]);
  });

  it('nothing to compare with: one unchecked finding naming the blank cells, not silence', () => {
    let r = setCell(base, granted('total'), null);
    r = setCell(r, granted('naturalPerson'), null);
    const f = n1(r);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ status: 'unchecked', severity: 'info', section: 'applications' });
    expect(f[0]!.message).toBe('正文「予以公开7件」无法与表格核对：表格中表三 （一）予以公开 · 总计为空白');
  });
});
