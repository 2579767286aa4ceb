import { describe, expect, it } from 'vitest';
import { aggregate } from './aggregate.js';
import { exampleReport } from './examples.js';
import { NianbaoError, type Report } from './model.js';

const withAgency = (r: Report, agency: Report['meta']['agency']): Report => ({
  ...r,
  meta: { ...r.meta, agency },
});

function refusal(reports: readonly Report[]): NianbaoError {
  try {
    aggregate(reports);
  } catch (e) {
    if (e instanceof NianbaoError) return e;
    throw e;
  }
  throw new Error('aggregate did not refuse');
}

describe('aggregate refuses the same report twice', () => {
  const a = exampleReport({ year: 2022 }); // 示例县交通运输局
  const b = exampleReport({ year: 2022, agency: { name: '示例县教育局' }, scale: 2 });

  it('the same agency and year twice (no ids): DUPLICATE_REPORT naming the agency', () => {
    const e = refusal([a, b, a]);
    expect(e.code).toBe('DUPLICATE_REPORT');
    expect(e.message).toContain('示例县交通运输局 2022 年度的报告出现了两次');
    expect(e.details).toMatchObject({ agency: '示例县交通运输局', year: 2022, indices: [0, 2] });
    // a copy of the same numbers under the same name is the same report too
    expect(refusal([a, withAgency(b, { name: ' 示例县交通运输局' })]).code).toBe('DUPLICATE_REPORT');
  });

  it('by agency id when both reports have one: two agencies of one name are two; one id twice is one', () => {
    const x = withAgency(a, { id: 'ag-1', name: '教育局' });
    const y = withAgency(b, { id: 'ag-2', name: '教育局' });
    expect(aggregate([x, y]).contributors).toEqual(['教育局', '教育局']);
    const renamed = withAgency(b, { id: 'ag-1', name: '县教育和体育局' });
    expect(refusal([x, renamed])).toMatchObject({ code: 'DUPLICATE_REPORT', details: { agencyId: 'ag-1' } });
    // without an id on one side, the names decide
    expect(refusal([x, withAgency(b, { name: '教育局' })]).code).toBe('DUPLICATE_REPORT');
    expect(refusal([withAgency(b, { name: '教育局' }), x]).code).toBe('DUPLICATE_REPORT');
  });

  it('different agencies are summed as before', () => {
    const r = aggregate([a, b]);
    expect(r.report.cells['applications.newReceived.total']!.value).toBe(
      a.cells['applications.newReceived.total']!.value! + b.cells['applications.newReceived.total']!.value!,
    );
  });
});
