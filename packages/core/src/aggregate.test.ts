import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AGGREGATE_STEP_REPORTS,
  aggregate,
  aggregateSteps,
  missingText,
  regionalDifferences,
} from './aggregate.js';
import { derive } from './derive.js';
import { getEdition } from './editions/index.js';
import { exampleReport } from './examples.js';
import { NianbaoError, type Report, ReportSchema, setCell } from './model.js';
import { validate } from './validate.js';

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
    // a space inside the name (「示例县 交通运输局」, as a PDF title may give it) is the same name, as sameAgency says
    expect(refusal([a, withAgency(b, { name: '示例县 交通运输局' })]).code).toBe('DUPLICATE_REPORT');
    expect(refusal([a, withAgency(b, { name: '示例县\u3000交通运输局' })]).code).toBe('DUPLICATE_REPORT');
    // full-width and half-width brackets (or letters, digits) are one name: never summed twice
    const own = withAgency(a, { name: '示例县交通运输局（本级）' });
    expect(refusal([own, withAgency(b, { name: '示例县交通运输局(本级)' })]).code).toBe('DUPLICATE_REPORT');
  });

  it('two reports whose agency the importer could not find are two agencies, not one report twice', () => {
    const unnamed = (r: Report) => withAgency(r, { name: '（未识别机关）' });
    const r = aggregate([unnamed(a), unnamed(b)]);
    expect(r.report.cells['applications.newReceived.total']!.value).toBe(
      a.cells['applications.newReceived.total']!.value! + b.cells['applications.newReceived.total']!.value!,
    );
    expect(r.likelySameAgencies ?? []).toEqual([]);
    // an id on one side does not make the other's missing name match anything
    expect(
      aggregate([withAgency(a, { id: 'ag-1', name: '（未识别机关）' }), unnamed(b)]).contributors,
    ).toHaveLength(2);
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

describe('aggregate: two names that may be one agency (one is the other with places before it)', () => {
  const a = exampleReport({ year: 2022, agency: { name: '教育局' } });
  const b = exampleReport({ year: 2022, agency: { name: '示例县教育局' }, scale: 2 });
  const total = (r: Report) => r.cells['applications.newReceived.total']!.value!;

  it('「教育局」 and 「示例县教育局」 without ids: summed as two, as before, and said with both names and what to do', () => {
    const r = aggregate([a, b]);
    // never merged silently: both reports' numbers are in the sum
    expect(r.report.cells['applications.newReceived.total']!.value).toBe(total(a) + total(b));
    expect(r.likelySameAgencies).toEqual([
      expect.objectContaining({
        code: 'LIKELY_SAME_AGENCY',
        names: ['教育局', '示例县教育局'],
        indices: [0, 1],
      }),
    ]);
    const note = r.notes.find((n) => n.includes('可能是同一机关'));
    expect(note).toContain('「教育局」');
    expect(note).toContain('「示例县教育局」');
    expect(note).toContain('机关编号');
    // the order of the reports does not matter
    expect(aggregate([b, a]).likelySameAgencies?.[0]).toMatchObject({
      names: ['示例县教育局', '教育局'],
      indices: [0, 1],
    });
  });

  it('not said: agency ids on both (they decide), names of two places, a prefix that is no place', () => {
    expect(
      aggregate([
        withAgency(a, { id: 'ag-1', name: '教育局' }),
        withAgency(b, { id: 'ag-2', name: '示例县教育局' }),
      ]).likelySameAgencies,
    ).toBeUndefined();
    const two = (x: string, y: string) =>
      aggregate([withAgency(a, { name: x }), withAgency(b, { name: y })]).likelySameAgencies;
    expect(two('西城区教育局', '东城区教育局')).toBeUndefined();
    expect(two('洪泽区税务局', '国家税务总局洪泽区税务局')).toBeUndefined();
    expect(two('示例县教育局', '示例县交通运输局')).toBeUndefined();
    // one id only: the names decide, as for a duplicate
    expect(two('洪泽区人民政府', '淮安市洪泽区人民政府')).toHaveLength(1);
    expect(
      aggregate([withAgency(a, { id: 'ag-1', name: '教育局' }), withAgency(b, { name: '示例县教育局' })])
        .likelySameAgencies,
    ).toHaveLength(1);
  });

  it('any name and any places before it: said, naming both, and the sum is both reports’ (fast-check)', () => {
    const han = (min: number, max: number) =>
      fc
        .array(fc.integer({ min: 0x4e00, max: 0x9fa5 }), { minLength: min, maxLength: max })
        .map((cs) => String.fromCharCode(...cs));
    const place = fc
      .array(fc.tuple(han(1, 4), fc.constantFrom('省', '市', '县', '区', '自治州', '旗')), {
        minLength: 1,
        maxLength: 3,
      })
      .map((ps) => ps.map(([n, k]) => n + k).join(''));
    fc.assert(
      fc.property(han(2, 8), place, fc.boolean(), (name, places, flip) => {
        const x = withAgency(a, { name });
        const y = withAgency(b, { name: places + name });
        const r = aggregate(flip ? [y, x] : [x, y]);
        expect(r.report.cells['applications.newReceived.total']!.value).toBe(total(a) + total(b));
        expect(r.likelySameAgencies).toHaveLength(1);
        expect(new Set(r.likelySameAgencies![0]!.names)).toEqual(new Set([name, places + name]));
      }),
      { numRuns: 60 },
    );
  });
});

describe('aggregate: what the sums are', () => {
  const a = withAgency(exampleReport({ year: 2023 }), { name: '甲局' });
  const b = withAgency(exampleReport({ year: 2023 }), { name: '乙局' });
  const granted = 'applications.granted.total';

  it('a sum of totals a report states stays stated: derive keeps it and names the conflict, never overwrites it', () => {
    const printed = { ...b, cells: { ...b.cells, [granted]: { value: 99, origin: 'imported' as const } } };
    const roll = aggregate([a, printed]).report;
    const aGranted = a.cells[granted]!.value!;
    expect(roll.cells[granted]).toEqual({ value: aGranted + 99, origin: 'imported' });
    // The note names the report that brings the disagreement (a reviewer reading the roll-up's
    // broken total knows whose report to look at); the consistent one is not named.
    const agg = aggregate([a, printed]);
    const named = agg.notes.filter((n) => n.includes('总计与各项之和不一致'));
    expect(named).toHaveLength(1);
    expect(named[0]).toMatch(
      /^乙局的报告有 \d+ 个总计与各项之和不一致（如表三 （一）予以公开 · 总计：填 99，各项之和 \d+），汇总按其所填数字相加$/,
    );
    const d = derive(roll);
    expect(d.report.cells[granted]!.value).toBe(aGranted + 99);
    expect(d.conflicts.map((c) => c.cell)).toContain(granted);
    expect(
      validate(d.report).some(
        (f) => f.ruleId === 'T3-H' && f.status === 'failed' && f.cells.includes(granted),
      ),
    ).toBe(true);
    // Totals every report derived are derived in the roll-up too.
    const computed = (r: Report): Report => {
      const cells = { ...r.cells };
      for (const id of Object.keys(cells))
        if (/^applications\.[^.]+\.total$/.test(id)) cells[id] = { value: null, origin: 'derived' };
      return derive({ ...r, cells }).report;
    };
    const both = aggregate([computed(a), computed(b)]).report;
    expect(both.cells['applications.resultTotal.total']).toEqual({
      value: a.cells['applications.resultTotal.total']!.value! * 2,
      origin: 'derived',
    });
    expect(both.cells['applications.granted.naturalPerson']!.origin).toBe('imported');
  });

  it('a total the report derived is summed as its parts now add up, never as a stale number (a part changed after derive)', () => {
    // A report file whose part was changed by hand (or by setCell) without derive: its 总计 is still
    // the computed one of before. A derived total is its parts' sum, so the roll-up sums that.
    const changed = setCell(b, 'applications.granted.naturalPerson', 99);
    expect(changed.cells[granted]).toMatchObject({ value: b.cells[granted]!.value, origin: 'derived' });
    const want = (r: Report, id: string) => derive(r).report.cells[id]!.value!;
    const roll = aggregate([a, changed]).report;
    for (const id of [granted, 'applications.resultTotal.naturalPerson', 'applications.resultTotal.total'])
      expect(roll.cells[id]!.value, id).toBe(a.cells[id]!.value! + want(changed, id));
    expect(validate(roll).filter((f) => f.ruleId === 'T3-H' && f.status === 'failed')).toEqual([]);
    // a part left blank: the derived total is blank too, and the roll-up's, naming the report
    const blanked = aggregate([a, setCell(b, 'applications.granted.naturalPerson', null)]);
    expect(blanked.report.cells[granted]!.value).toBeNull();
    expect(blanked.missing.find((m) => m.cell === granted)).toEqual({ cell: granted, agencies: ['乙局'] });
  });

  it('an amount of 0 without a unit does not stop the sum of money (0 is 0 in any unit)', () => {
    const proc = 'activeDisclosure.centralProcurement.procurementAmount';
    const x = setCell(withAgency(exampleReport({ year: 2020 }), { name: '甲局' }), proc, {
      value: 251000,
      unit: '元',
    });
    const y = setCell(withAgency(exampleReport({ year: 2020 }), { name: '乙局' }), proc, {
      value: 0,
      unit: 'unknown',
    });
    const r = aggregate([x, y]);
    expect(r.report.cells[proc]).toMatchObject({ value: 251000, unit: '元' });
    expect(r.notes.join()).not.toContain('无法汇总');
    const z = setCell(withAgency(exampleReport({ year: 2020 }), { name: '丙局' }), proc, {
      value: 5,
      unit: 'unknown',
    });
    expect(aggregate([x, z]).report.cells[proc]!.value).toBeNull();
    // the note names whose amount has no unit: the reviewer asks that agency, not every one
    const w = setCell(withAgency(exampleReport({ year: 2020 }), { name: '丁局' }), proc, { value: 7 });
    expect(aggregate([x, y, z, w]).notes).toContain(
      '表二 第二十条第（九）项 政府集中采购 · 采购总金额：丙局、丁局的报告未注明单位（元或万元），无法汇总，留空',
    );
  });

  it('a roll-up among the reports is summed, with a note that its members would count twice', () => {
    const county = aggregate([a, b], { agency: { name: '示例县人民政府' } }).report;
    const r = aggregate([county, withAgency(exampleReport({ year: 2023 }), { name: '丙局' })]);
    expect(r.notes).toContain(
      '示例县人民政府的报告是区域汇总报告：如果它已包含这里的其他机关，这些机关的数字会被重复计算',
    );
    expect(aggregate([a, b]).notes.some((n) => n.includes('区域汇总报告'))).toBe(false);
  });
});

describe('regionalDifferences: a government’s whole-region report against the sum of its constituents', () => {
  const a = withAgency(exampleReport({ year: 2023 }), { name: '甲局' });
  const b = withAgency(exampleReport({ year: 2023, scale: 2 }), { name: '乙局' });
  const summed = aggregate([a, b], { agency: { name: '示例县人民政府' } }).report;

  it('the same figures: every 表三/表四 cell compared, no difference', () => {
    const regional = { ...summed, meta: { ...summed.meta, agency: { name: '示例县人民政府' } } };
    const r = regionalDifferences(regional, summed);
    expect(r.differences).toEqual([]);
    expect(r.compared).toBe(
      Object.keys(summed.cells).filter((id) => /^(applications|reviewLitigation)\./.test(id)).length,
    );
  });

  it('a figure that differs is named with both numbers; 表二 and blanks are not compared', () => {
    let regional = setCell(summed, 'applications.newReceived.total', 999);
    regional = setCell(regional, 'activeDisclosure.regulations.made', 999);
    regional = setCell(regional, 'reviewLitigation.review.total', null);
    const r = regionalDifferences(regional, summed);
    expect(r.differences).toEqual([
      {
        cell: 'applications.newReceived.total',
        label: expect.stringContaining('本年新收'),
        stated: 999,
        summed: summed.cells['applications.newReceived.total']!.value,
      },
    ]);
    expect(regionalDifferences(regional, summed).compared).toBe(
      regionalDifferences(summed, summed).compared - 1,
    );
    const otherYear = { ...regional, meta: { ...regional.meta, year: 2022 } };
    expect(regionalDifferences(otherYear, summed)).toEqual({ compared: 0, differences: [] });
  });
});

describe('aggregate: a cell never read is not a blank', () => {
  const a = exampleReport({ year: 2022 }); // 示例县交通运输局
  const b = exampleReport({ year: 2022, agency: { name: '示例县教育局' }, scale: 2 });
  const carried = 'applications.carriedOver.total';
  // a cell no total is derived from: blank in one report, it leaves only itself blank in the roll-up
  const decisions = 'activeDisclosure.licensing.decisions';
  it('one report lacks a cell (never read), another printed it blank: both named, and told apart', () => {
    const { [carried]: _gone, ...rest } = a.cells;
    const unreadA: Report = { ...a, cells: rest };
    const blankB = setCell(b, decisions, null);
    const agg = aggregate([unreadA, blankB]);
    expect(agg.missing).toEqual(
      expect.arrayContaining([
        { cell: carried, agencies: ['示例县交通运输局'], unread: ['示例县交通运输局'] },
        { cell: decisions, agencies: ['示例县教育局'] },
      ]),
    );
    // absent from the roll-up as from the report: its summary says 「未读到」, not 「空白」
    expect(agg.report.cells[carried]).toBeUndefined();
    expect(agg.report.cells[decisions]).toMatchObject({ value: null });
    expect(missingText(agg.missing)).toBe(
      '有 2 个单元格未汇总、留空（不按 0 计）：1 个因部分报告空白，1 个因部分报告中未读到（导入时没有读出，不是空白）',
    );
    expect(missingText(aggregate([a, b]).missing)).toBeNull();
    // every other cell is summed
    const summed = Object.values(agg.report.cells).filter((c) => c.value !== null).length;
    expect(summed).toBe(Object.keys(a.cells).length - 1 - (agg.missing.length - 1));
  });
});

describe('aggregate: a total left blank by a part never read is never read too', () => {
  it('the part and the totals through it are 未读到 (absent from the roll-up), not blanks printed', () => {
    const a = exampleReport({ year: 2022 });
    const b = exampleReport({ year: 2022, agency: { name: '示例县教育局' }, scale: 2 });
    const part = 'applications.carriedOver.naturalPerson';
    const { [part]: _gone, ...rest } = b.cells;
    const agg = aggregate([a, { ...b, cells: rest }]);
    const cells = agg.missing.map((m) => m.cell);
    expect(cells).toEqual(expect.arrayContaining([part, 'applications.carriedOver.total']));
    for (const m of agg.missing)
      expect(m).toMatchObject({ agencies: ['示例县教育局'], unread: ['示例县教育局'] });
    for (const id of cells) expect(agg.report.cells[id]).toBeUndefined();
    expect(missingText(agg.missing)).toBe(
      `有 ${agg.missing.length} 个单元格未汇总、留空（不按 0 计）：${agg.missing.length} 个因部分报告中未读到（导入时没有读出，不是空白）`,
    );
    // a part printed blank leaves its total blank, as before: blank, not 未读到
    const blankB = setCell(b, part, null);
    const blank = aggregate([a, blankB]).missing.find((m) => m.cell === 'applications.carriedOver.total');
    expect(blank).toEqual({ cell: 'applications.carriedOver.total', agencies: ['示例县教育局'] });
  });
});

describe('aggregateSteps: the roll-up in steps, so a server can let others in while it sums', () => {
  const drain = (reports: readonly Report[]) => {
    const steps = aggregateSteps(reports);
    let pauses = 0;
    for (;;) {
      const step = steps.next();
      if (step.done) return { result: step.value, pauses };
      pauses++;
    }
  };

  it('gives what aggregate gives, pausing after each cell summed and every 50 reports checked', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 160 }), fc.integer({ min: 0, max: 5 }), (n, scale) => {
        const reports = Array.from({ length: n }, (_, i) =>
          exampleReport({
            year: 2023,
            agency: { id: `ag-${i}`, name: `机关${i}` },
            scale: 1 + ((i + scale) % 4),
          }),
        );
        const { result, pauses } = drain(reports);
        expect(result).toEqual(aggregate(reports));
        const cells = getEdition(reports[0]!.meta.edition).cells.length;
        expect(pauses).toBe(cells + Math.floor((n - 1) / AGGREGATE_STEP_REPORTS));
      }),
      { numRuns: 25 },
    );
  });

  it('refuses mixed years or the same report twice at the first step, before summing anything', () => {
    const a = exampleReport({ year: 2023 });
    expect(() => aggregateSteps([a, a]).next()).toThrow(/出现了两次/);
    expect(() => aggregateSteps([a, exampleReport({ year: 2022, agency: { name: '乙局' } })]).next()).toThrow(
      /只能汇总同一年度/,
    );
    expect(() => aggregateSteps([]).next()).toThrow('没有可汇总的报告');
  });
});

describe('aggregate: a sum beyond what a double keeps exactly', () => {
  it('is left blank with a note naming whose numbers to check, never rounded silently', () => {
    const cell = 'applications.newReceived.naturalPerson';
    // 2^52 + 1 three times is 13510798882111491: a double holds ...492
    const big = 2 ** 52 + 1;
    const reports = ['甲局', '乙局', '丙局'].map((name) =>
      setCell(exampleReport({ year: 2023, agency: { name } }), cell, big),
    );
    const agg = aggregate(reports);
    expect(agg.report.cells[cell]).toMatchObject({ value: null });
    expect(agg.notes).toContain(
      '表三 一、本年新收政府信息公开申请数量 · 自然人：各报告之和超出可精确计算的范围（9007199254740991），未汇总、留空：请核对甲局、乙局、丙局的这个数',
    );
    // below the limit the sum is exact, as before; the roll-up is a report the model accepts
    const below = reports.slice(0, 2).map((r) => setCell(r, cell, 2 ** 52 - 1));
    expect(aggregate(below).report.cells[cell]!.value).toBe(2 ** 53 - 2);
    expect(ReportSchema.safeParse(agg.report).success).toBe(true);
  });
});
