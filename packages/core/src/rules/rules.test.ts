import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exampleReport } from '../examples.js';
import type { Report } from '../model.js';
import { base, put, ruleTester } from '../test-support/rule-tester.js';
import { validate } from '../validate.js';
import { RULES } from './index.js';

const BOTH = ['2019-trial', '2021'] as const;
const ap = (row: string, col = 'total') => `applications.${row}.${col}`;
const rl = (row: string, col = 'total') => `reviewLitigation.${row}.${col}`;
const ad = (row: string, col: string) => `activeDisclosure.${row}.${col}`;
const prevOf = (r: Report): Report => {
  const p = structuredClone(exampleReport({ year: r.meta.year - 1 }));
  // make the carry-over chain hold: last year's 结转下年度 = this year's 上年结转
  for (const col of [
    'naturalPerson',
    'commercialEnterprise',
    'researchInstitution',
    'publicInterestOrg',
    'legalServiceOrg',
    'otherOrg',
    'total',
  ])
    p.cells[ap('carriedForward', col)] = { value: r.cells[ap('carriedOver', col)]!.value };
  // last year's narrative was its own, not this year's with other numbers
  p.sections.overview =
    '上一年度，本机关围绕政务公开重点工作，推进决策公开、执行公开、管理公开、服务公开、结果公开，完善政府信息公开指南和目录。';
  p.sections.problems =
    '去年的问题主要是网站栏目设置不合理，检索功能薄弱，依申请公开答复文书格式不统一。已逐项整改并建立长效机制。';
  p.sections.other = '上一年度无其他需要报告的事项，亦未收取任何费用。';
  return p;
};

describe('catalogue', () => {
  it('has every rule of domain.md §6 that report data decides, ids unique', () => {
    const ids = RULES.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of [
      'S1',
      'S2',
      'S3',
      'S4',
      'S5',
      'S6',
      'S7',
      'S8',
      'S9',
      'C1',
      'C2',
      'T3-H',
      'T3-V',
      'T3-B',
      'T3-W1',
      'T3-W2',
      'T3-W3',
      'T3-W4',
      'T2-1',
      'T2-2',
      'T2-3',
      'T2-4',
      'T2-5',
      'T2-6',
      'T2-7',
      'T2-8',
      'T4-1',
      'T4-2',
      'N1',
      'N2',
      'N3',
      'N4',
      'N5',
      'N6',
      'X1',
      'X2',
      'X3',
      'X4',
      'X5',
      'X6',
      'F1',
      'F2',
      'F3',
    ])
      expect(ids).toContain(id);
  });
  it('the consistent examples of both editions have no finding at all', () => {
    for (const y of [2020, 2021, 2025]) {
      const r = exampleReport({ year: y });
      expect(validate(r, { previous: prevOf(r) }).map((f) => `${f.ruleId} ${f.message}`)).toEqual([]);
      expect(validate(exampleReport({ year: 2019 })).map((f) => f.ruleId)).toEqual([]);
    }
  });
});

ruleTester('S1', BOTH, {
  valid: [{ name: 'edition matches year', report: (r) => r }],
  invalid: [
    {
      name: '2019-trial used for 2022',
      edition: '2019-trial',
      report: (r) => ((r.meta.year = 2022), r),
      count: 1,
      message: ['使用旧版格式', '2022'],
    },
    {
      name: '2021 edition used for 2020',
      edition: '2021',
      report: (r) => ((r.meta.year = 2020), r),
      count: 1,
      message: ['2020'],
    },
    {
      // a report of 2018 read with the trial format's labels passed as 「未发现问题」 before
      name: 'a year before any national format (2018)',
      edition: '2019-trial',
      report: (r) => ((r.meta.year = 2018), r),
      count: 1,
      message: ['2018 年度早于全国统一的年报格式', '2019 年度起施行'],
    },
  ],
});

ruleTester('S2', BOTH, {
  valid: [
    { name: 'all six present', report: (r) => r },
    { name: 'empty text is present', report: (r) => ((r.sections.other = ''), r) },
    {
      name: '一 with a line of text',
      report: (r) => ((r.sections.overview = '一、总体情况\n本机关全面落实条例。'), r),
    },
  ],
  invalid: [
    {
      name: '一 empty: no account of the year',
      report: (r) => ((r.sections.overview = ''), r),
      count: 1,
      message: ['「一、总体情况」部分没有内容', '应综述主动公开、依申请公开'],
    },
    {
      name: '一 only its heading (and punctuation, spaces)',
      report: (r) => ((r.sections.overview = ' 一、总体情况：\n\n '), r),
      count: 1,
      message: ['「一、总体情况」部分没有内容'],
    },
    {
      name: '一 absent: 缺少, not also 没有内容',
      report: (r) => ((r.sections.overview = null), r),
      count: 1,
      message: ['缺少「一、总体情况」部分'],
    },
    {
      name: 'section 五 absent',
      report: (r) => ((r.sections.problems = null), r),
      count: 1,
      message: ['五、存在的主要问题及改进情况'],
    },
    {
      name: 'out of order',
      report: (r) => ((r.layout = { sectionOrder: [1, 2, 4, 3, 5, 6] }), r),
      count: 1,
      message: ['顺序'],
    },
  ],
});

ruleTester('S3', BOTH, {
  valid: [{ name: 'tables present', report: (r) => r }],
  invalid: [
    {
      name: 'table 三 not found in source',
      report: (r) => ((r.layout = { tablesPresent: { applications: false } }), r),
      count: 1,
      message: ['表三'],
    },
    {
      name: 'no 表四 cells at all',
      report: (r) => {
        for (const id of Object.keys(r.cells)) if (id.startsWith('reviewLitigation.')) delete r.cells[id];
        return r;
      },
      count: 1,
      message: ['表四'],
    },
  ],
});

ruleTester('S4', BOTH, {
  valid: [{ name: 'exact shape', report: (r) => r }],
  invalid: [
    {
      name: 'a row missing',
      report: (r) => (delete r.cells[ad('coercion', 'decisions')], r),
      count: 1,
      cells: [ad('coercion', 'decisions')],
      message: ['行政强制'],
    },
    {
      name: '2019 procurement block in a 2021 report',
      edition: '2021',
      report: (r) => put(r, ad('centralProcurement', 'procurementItems'), 3),
      count: 1,
      cells: [ad('centralProcurement', 'procurementItems')],
      message: ['《格式（试行）》才有的项目', '与本报告的 2021 版格式不符'],
    },
  ],
});

ruleTester('S5', BOTH, {
  valid: [{ name: 'exact shape', report: (r) => r }],
  invalid: [
    {
      name: '2019 single （六） row in a 2021 report',
      edition: '2021',
      report: (r) => {
        for (const c of ['naturalPerson', 'total']) delete r.cells[ap('other_noCorrection', c)];
        return put(r, ap('other', 'total'), 1);
      },
      count: 2,
      cells: [ap('other'), ap('other_noCorrection')],
    },
    {
      name: 'split （六） in a 2019 report',
      edition: '2019-trial',
      report: (r) => put(r, ap('other_feeUnpaid'), 0),
      count: 1,
      cells: [ap('other_feeUnpaid')],
    },
  ],
});

ruleTester('S6', BOTH, {
  valid: [{ name: 'fifteen cells', report: (r) => r }],
  invalid: [
    {
      name: 'a group missing',
      report: (r) => (delete r.cells[rl('litigationAfterReview', 'pending')], r),
      count: 1,
      cells: [rl('litigationAfterReview', 'pending')],
    },
  ],
});

describe('S rules for report year 2019 are warnings', () => {
  it('downgrades', () => {
    const r = base('2019-trial');
    r.meta.year = 2019;
    r.sections.problems = null;
    const f = validate(r).filter((x) => x.ruleId === 'S2');
    expect(f).toHaveLength(1);
    expect(f[0]!.severity).toBe('warning');
  });
});

ruleTester('S7', BOTH, {
  valid: [{ name: 'no alias', report: (r) => r }],
  invalid: [
    {
      name: '规范性文件 in a 2021 report',
      edition: '2021',
      report: (r) => (
        (r.layout = {
          aliasesUsed: [
            { printed: '规范性文件', canonical: '行政规范性文件', cells: [ad('normativeDocs', 'made')] },
          ],
        }),
        r
      ),
      count: 1,
      message: ['规范性文件', '行政规范性文件'],
      severity: 'warning',
    },
  ],
});

ruleTester('S8', BOTH, {
  valid: [
    { name: 'standard title', report: (r) => r },
    { name: 'no title known', report: (r) => (delete r.meta.title, r) },
  ],
  invalid: [
    {
      name: '工作报告 without 年度',
      report: (r) => ((r.meta.title = `某镇${r.meta.year}年政府信息公开工作报告`), r),
      count: 1,
      message: ['政府信息公开工作年度报告'],
    },
    {
      name: 'wrong year',
      report: (r) => ((r.meta.title = `某镇2018年政府信息公开工作年度报告`), r),
      count: 1,
      actual: 2018,
    },
  ],
});

ruleTester('S9', BOTH, {
  valid: [
    { name: 'period stated', report: (r) => r },
    {
      name: 'the second year left out (上海市人民政府办公厅 2019)',
      report: (r) => ((r.preamble = `本年度报告中所列数据统计期限从${r.meta.year}年1月1日到12月31日止。`), r),
    },
    {
      // the rendered report prints the standard preamble, 「统计期限自…起至…止」 in it
      name: 'no preamble: the standard one states the period',
      report: (r) => {
        delete r.preamble;
        r.sections.overview = `${r.meta.year}年，本机关认真贯彻落实《条例》。`;
        return r;
      },
    },
    {
      name: 'a blank preamble is none',
      report: (r) => ((r.preamble = ' \n　'), r),
    },
  ],
  invalid: [
    {
      name: 'period missing',
      report: (r) => ((r.preamble = '本报告由某镇编制。'), r),
      count: 1,
      message: ['未写明统计期限', '请在前言中写明「统计期限自', '或清空前言'],
    },
    {
      name: 'no preamble, a wrong period in section 一',
      report: (r) => {
        delete r.preamble;
        r.sections.overview = `统计期限自${r.meta.year - 1}年1月1日起至${r.meta.year - 1}年12月31日止。`;
        return r;
      },
      count: 1,
      message: ['与报告年度'],
    },
    {
      name: 'wrong year',
      report: (r) => ((r.preamble = '统计期限自2018年1月1日起至2018年12月31日止。'), r),
      count: 1,
      actual: 2018,
    },
    {
      name: 'wrong year, the second left out',
      report: (r) => ((r.preamble = '统计期限从2018年1月1日到12月31日止。'), r),
      count: 1,
      actual: 2018,
    },
  ],
});

ruleTester('C1', BOTH, {
  valid: [
    { name: 'consistent', report: (r) => r },
    {
      name: 'negative 本年增/减 is fine',
      edition: '2019-trial',
      report: (r) => put(r, ad('licensing', 'yearChange'), -5),
    },
  ],
  invalid: [
    {
      name: 'a number of 13 digits (any table, any edition)',
      report: (r) => put(r, rl('review', 'other'), 1e20),
      count: 1,
      cells: [rl('review', 'other')],
      message: ['数值过大（100000000000000000000）'],
    },
    {
      name: 'a 13-digit 表二 cell of the 2021 edition too',
      edition: '2021',
      report: (r) => put(r, ad('regulations', 'made'), 1234567890123),
      count: 1,
      actual: 1234567890123,
    },
    {
      name: 'negative count',
      report: (r) => put(r, rl('review', 'other'), -1),
      count: 1,
      cells: [rl('review', 'other')],
      actual: -1,
    },
    {
      name: 'fractional count',
      report: (r) => put(r, ap('granted', 'researchInstitution'), 1.5),
      count: 1,
      message: ['1.5'],
    },
    {
      name: 'fractional 本年增/减',
      edition: '2019-trial',
      report: (r) => put(r, ad('licensing', 'yearChange'), 0.5),
      count: 1,
    },
    {
      name: 'negative money',
      edition: '2019-trial',
      report: (r) => put(r, ad('centralProcurement', 'procurementAmount'), -3),
      count: 1,
    },
  ],
});

ruleTester('C2', BOTH, {
  valid: [{ name: 'no blanks', report: (r) => r }],
  invalid: [
    {
      name: 'two blanks in one row, one in another',
      report: (r) =>
        put(
          put(put(r, rl('review', 'other'), null), rl('review', 'pending'), null),
          ap('granted', 'otherOrg'),
          null,
          { raw: '—' },
        ),
      count: 2,
      cells: [rl('review', 'other'), rl('review', 'pending'), ap('granted', 'otherOrg')],
      message: ['应填0', '—'],
      severity: 'warning',
    },
  ],
});

ruleTester('T3-H', BOTH, {
  valid: [{ name: 'consistent', report: (r) => r }],
  invalid: [
    {
      name: 'row total off',
      report: (r) => put(r, ap('newReceived', 'naturalPerson'), 35),
      count: 1,
      cells: [ap('newReceived', 'naturalPerson'), ap('newReceived')],
      message: ['一、本年新收政府信息公开申请数量', '（43）', '（42）'],
      expected: 42,
      actual: 43,
    },
  ],
});

ruleTester('T3-V', BOTH, {
  valid: [{ name: 'consistent', report: (r) => r }],
  invalid: [
    {
      name: 'a result row changed',
      report: (r) => put(r, ap('denied_stateSecret', 'naturalPerson'), 2),
      count: 1,
      cells: [ap('resultTotal', 'naturalPerson'), ap('denied_stateSecret', 'naturalPerson')],
      message: ['自然人列', '（37）', '（39）'],
    },
  ],
});

ruleTester('T3-B', BOTH, {
  valid: [{ name: 'consistent', report: (r) => r }],
  invalid: [
    {
      name: 'carry forward off in the 商业企业 column (the message of the issue)',
      report: (r) => put(r, ap('carriedForward', 'commercialEnterprise'), 0),
      count: 1,
      cells: [ap('carriedForward', 'commercialEnterprise')],
      // every item named with its number, and which side sums to what (neither is 「应为」)
      message: [
        '表三 商业企业列：本年新收（',
        '）加上年结转（',
        '）为 6，而本年度办理结果（七）总计（',
        '）加结转下年度继续办理（0）为 5，两者应相等',
      ],
      expected: null,
      actual: null,
    },
  ],
});

ruleTester('T4-1', BOTH, {
  valid: [{ name: 'consistent', report: (r) => r }],
  invalid: [
    {
      name: '复议 total off',
      report: (r) => put(r, rl('review'), 3),
      count: 1,
      cells: [rl('review')],
      message: ['行政复议', '（3）', '（4）'],
    },
  ],
});

describe('blank operands: could not check, never summed as 0', () => {
  it('T3-H with a blank part is unchecked and names the blank cell', () => {
    const r = put(base('2021'), ap('newReceived', 'otherOrg'), null);
    const f = validate(r).filter((x) => x.ruleId === 'T3-H');
    expect(f).toHaveLength(1);
    expect(f[0]!.status).toBe('unchecked');
    expect(f[0]!.cells).toEqual([ap('newReceived', 'otherOrg')]);
    expect(f[0]!.message).toContain('无法核对');
    // and T3-B for that column is unchecked too, not failed
    const b = validate(r).filter((x) => x.ruleId === 'T3-B');
    expect(b.map((x) => x.status)).toEqual(['unchecked']);
  });
});

ruleTester('T2-1', ['2021'], {
  valid: [
    { name: 'consistent', report: (r) => r },
    { name: 'decimal fee', report: (r) => put(r, ad('adminFees', 'feeAmount'), 0.35) },
  ],
  invalid: [
    { name: 'fractional count', report: (r) => put(r, ad('punishment', 'decisions'), 2.5), count: 1 },
    { name: 'negative fee', report: (r) => put(r, ad('adminFees', 'feeAmount'), -1), count: 1 },
  ],
});

ruleTester('T2-2', ['2021'], {
  valid: [{ name: 'valid ≥ made', report: (r) => r }],
  invalid: [
    {
      name: 'valid < made',
      report: (r) => put(r, ad('normativeDocs', 'valid'), 5),
      count: 1,
      expected: 6,
      actual: 5,
    },
  ],
});

ruleTester('T2-3', ['2021'], {
  valid: [{ name: '20.3 万元 at county level', report: (r) => r }],
  invalid: [
    {
      name: 'printed in 元',
      report: (r) => put(r, ad('adminFees', 'feeAmount'), 203000, { raw: '203000元', unit: '元' }),
      count: 1,
      expected: 20.3,
    },
    {
      name: 'implausibly large for a township',
      report: (r) => ((r.meta.agency.level = '乡镇级'), put(r, ad('adminFees', 'feeAmount'), 250000)),
      count: 1,
    },
  ],
});

ruleTester('T2-4', BOTH, {
  valid: [
    { name: 'county department with 0 规章', report: (r) => r },
    {
      name: 'provincial government office',
      report: (r) => (
        (r.meta.agency = { name: '上海市人民政府办公厅', kind: '政府部门', level: '省级' }),
        put(r, ad('regulations', r.meta.edition === '2021' ? 'made' : 'newlyMade'), 13)
      ),
    },
  ],
  invalid: [
    {
      name: 'county department with 规章',
      report: (r) => put(r, ad('regulations', r.meta.edition === '2021' ? 'valid' : 'totalPublished'), 2),
      count: 1,
      expected: 0,
    },
  ],
});

ruleTester('T2-5', ['2019-trial'], {
  valid: [{ name: 'total ≥ published', report: (r) => r }],
  invalid: [
    {
      name: 'total < published',
      report: (r) => put(r, ad('normativeDocs', 'totalPublished'), 3),
      count: 1,
      expected: 6,
      actual: 3,
    },
  ],
});

ruleTester('T2-6', ['2019-trial'], {
  valid: [{ name: 'equal', report: (r) => r }],
  invalid: [
    {
      name: 'published ≠ made',
      report: (r) => put(r, ad('normativeDocs', 'newlyPublished'), 4),
      count: 1,
      severity: 'info',
    },
  ],
});

ruleTester('T2-7', ['2019-trial'], {
  valid: [{ name: 'unit known', report: (r) => r }],
  invalid: [
    {
      name: 'unit unknown',
      report: (r) => put(r, ad('centralProcurement', 'procurementAmount'), 153103.83, { unit: 'unknown' }),
      count: 1,
    },
  ],
});

ruleTester('T2-8', ['2019-trial'], {
  valid: [
    { name: 'the example', report: (r) => r },
    {
      name: 'a decrease down to 0 items',
      report: (r) => (
        put(r, ad('punishment', 'prevYearItems'), 3), put(r, ad('punishment', 'yearChange'), -3)
      ),
    },
    { name: 'a blank 上一年项目数量', report: (r) => put(r, ad('coercion', 'prevYearItems'), null) },
  ],
  invalid: [
    {
      name: '−3 on 0 items last year',
      report: (r) => (put(r, ad('adminFees', 'prevYearItems'), 0), put(r, ad('adminFees', 'yearChange'), -3)),
      count: 1,
      expected: 0,
      actual: -3,
      message: ['行政事业性收费', '上一年项目数量（0）加本年增/减（-3）为 -3'],
    },
  ],
});

describe('T2-8 for any counts', () => {
  it('warns on a row exactly when 上一年项目数量 + 本年增/减 < 0, expecting 本年增/减 ≥ −上一年项目数量', () => {
    const rows = ['licensing', 'otherMgmtServices', 'punishment', 'coercion', 'adminFees'];
    fc.assert(
      fc.property(
        fc.constantFrom(...rows),
        fc.nat({ max: 10_000 }),
        fc.integer({ min: -10_000, max: 10_000 }),
        (row, prev, change) => {
          const r = exampleReport({ year: 2019 });
          put(r, ad(row, 'prevYearItems'), prev);
          put(r, ad(row, 'yearChange'), change);
          const f = validate(r, { only: ['T2-8'] });
          expect(f.length).toBe(prev + change < 0 ? 1 : 0);
          if (f.length)
            expect(f[0]).toMatchObject({
              cells: [ad(row, 'prevYearItems'), ad(row, 'yearChange')],
              expected: -prev || 0,
              actual: change,
              bound: 'atLeast',
            });
        },
      ),
      { numRuns: 200 },
    );
  });
});

ruleTester('T3-W1', BOTH, {
  valid: [
    { name: '3 of 47 carried forward', report: (r) => r },
    {
      name: 'rule switched off by config',
      report: (r) => r,
      options: { config: { rules: { 'T3-W1': { options: { maxRatio: 0.01 }, enabled: false } } } },
    },
  ],
  invalid: [
    {
      name: 'threshold lowered by config',
      report: (r) => r,
      options: { config: { rules: { 'T3-W1': { options: { maxRatio: 0.05 } } } } },
      count: 1,
      message: ['6.4%'],
    },
    {
      // 0.058 × 100 is 5.800000000000001 in floating point: the limit is printed as set.
      name: 'a threshold set in hundredths is printed as set',
      report: (r) => r,
      options: { config: { rules: { 'T3-W1': { options: { maxRatio: 0.058 } } } } },
      count: 1,
      message: ['超过 5.8%'],
    },
    {
      // 1001 of 2001 is 50.0249…%: never 「占…的 50%，超过 50%」
      name: 'a share just above the limit is said above it',
      report: (r) => {
        put(r, 'applications.carriedForward.total', 1001);
        put(r, 'applications.newReceived.total', 2000);
        return put(r, 'applications.carriedOver.total', 1);
      },
      count: 1,
      message: ['占申请总量 2001 件的 50.02%，超过 50%'],
    },
  ],
});

ruleTester('T3-W2', BOTH, {
  valid: [{ name: 'narrative agrees', report: (r) => r }],
  invalid: [
    {
      name: 'text says none pending',
      report: (r) => ((r.sections.applications = '本年度无上年结转申请。'), r),
      count: 1,
    },
    {
      name: 'text quotes another number',
      report: (r) => ((r.sections.applications = '上年结转申请7件。'), r),
      count: 1,
      actual: 7,
      expected: 4,
    },
  ],
});

ruleTester('T3-W3', ['2021'], {
  valid: [{ name: 'no fee cases', report: (r) => r }],
  invalid: [
    {
      name: 'fee-unpaid cases but no 信息处理费 text',
      report: (r) => {
        put(r, ap('other_feeUnpaid', 'naturalPerson'), 1);
        put(r, ap('other_feeUnpaid'), 1);
        r.sections.other = '无。';
        return r;
      },
      count: 1,
      severity: 'info',
    },
  ],
});

ruleTester('T3-W4', BOTH, {
  valid: [
    { name: 'totals filled', report: (r) => r },
    {
      // mid-way through filling: every row still has a blank part, so derive left every 总计 blank
      name: '总计 column blank while each row has a blank part (C2 names those)',
      report: (r) => {
        for (const id of Object.keys(r.cells))
          if (id.startsWith('applications.') && (id.endsWith('.total') || id.endsWith('.otherOrg')))
            r.cells[id] = { value: null, origin: 'derived' };
        return r;
      },
    },
  ],
  invalid: [
    {
      name: '总计 column blank',
      report: (r) => {
        for (const id of Object.keys(r.cells))
          if (id.startsWith('applications.') && id.endsWith('.total')) r.cells[id] = { value: null };
        return r;
      },
      count: 1,
      message: ['表三总计列整列空白', '每行总计应为该行各类申请人之和', '本年新收行总计应为 '],
    },
    {
      name: '总计 column blank, one row full (the column is missing, not waiting)',
      report: (r) => {
        for (const id of Object.keys(r.cells))
          if (id.startsWith('applications.') && (id.endsWith('.total') || id.endsWith('.otherOrg')))
            r.cells[id] = { value: null };
        r.cells[ap('granted', 'otherOrg')] = { value: 0 };
        return r;
      },
      count: 1,
      message: ['（一）予以公开行总计应为 '],
    },
  ],
});

ruleTester('T4-2', BOTH, {
  valid: [{ name: 'both non-zero', report: (r) => r }],
  invalid: [
    {
      name: 'T4 non-zero, T3 all zero',
      report: (r) => {
        for (const id of Object.keys(r.cells)) if (id.startsWith('applications.')) r.cells[id] = { value: 0 };
        return r;
      },
      count: 1,
      severity: 'info',
    },
  ],
});

/** A row's 总计 of 表三 in the base report. */
const t3 = (r: Report, row: string) => r.cells[ap(row)]!.value as number;
const sumOf = (r: Report, prefix: string) =>
  Object.keys(r.cells)
    .filter((id) => id.startsWith(`applications.${prefix}`) && id.endsWith('.total'))
    .reduce((a, id) => a + (r.cells[id]!.value as number), 0);

ruleTester('N1', BOTH, {
  valid: [
    { name: 'narrate output', report: (r) => r },
    {
      name: 'categories of 办理结果 quoted as sums, or one reason of a category',
      report: (r) => (
        (r.sections.applications = `予以公开及部分公开${t3(r, 'granted') + t3(r, 'partiallyGranted')}件，部分公开${t3(r, 'partiallyGranted')}件，不予公开${sumOf(r, 'denied_')}件，因本机关不掌握相关政府信息无法提供${t3(r, 'unable_notHeld')}件，不予处理共${sumOf(r, 'notProcessed_')}件。`),
        r
      ),
    },
  ],
  invalid: [
    {
      name: 'wrong count quoted',
      report: (r) => ((r.sections.applications = '全年共收到政府信息公开申请50件。'), r),
      count: 1,
      expected: 43,
      actual: 50,
      cells: [ap('newReceived')],
    },
    {
      name: '予以公开及部分公开 quoting 予以公开 alone (上海市人民政府办公厅 2019: 258 for 275)',
      report: (r) => (
        (r.cells[ap('granted')] = { value: 272 }),
        (r.cells[ap('partiallyGranted')] = { value: 3 }),
        (r.sections.applications = '予以公开及部分公开258件。'),
        r
      ),
      count: 1,
      expected: 275,
      actual: 258,
    },
    {
      name: '无法提供 quoting a number that is neither the category nor one of its rows',
      report: (r) => ((r.sections.applications = `无法提供${sumOf(r, 'unable_') + 1000}件。`), r),
      count: 1,
    },
    {
      name: 'wrong 行政复议',
      report: (r) => ((r.sections.reviewLitigation = '本年度被申请行政复议5件。'), r),
      count: 1,
      expected: 4,
    },
  ],
});

ruleTester('N2', BOTH, {
  valid: [
    { name: 'department need not', report: (r) => ((r.sections.overview = '无'), r) },
    {
      name: 'government mentions all three',
      report: (r) => ((r.meta.agency = { name: '某镇人民政府', kind: '人民政府', level: '乡镇级' }), r),
    },
  ],
  invalid: [
    {
      name: 'government silent',
      report: (r) => (
        (r.meta.agency = { name: '某镇人民政府', kind: '人民政府', level: '乡镇级' }),
        (r.sections.overview = '认真做好公开。'),
        r
      ),
      count: 1,
      message: ['工作考核', '社会评议', '责任追究'],
    },
  ],
});

ruleTester('N3', ['2021'], {
  valid: [{ name: 'mentions 信息处理费', report: (r) => r }],
  invalid: [{ name: 'silent', report: (r) => ((r.sections.other = '无。'), r), count: 1 }],
});

ruleTester('N4', ['2021'], {
  valid: [{ name: 'all topics', report: (r) => r }],
  invalid: [
    {
      name: 'none',
      report: (r) => ((r.sections.other = '本年度未收取信息处理费。'), r),
      count: 1,
      severity: 'info',
    },
  ],
});

ruleTester('N5', BOTH, {
  valid: [{ name: 'concrete', report: (r) => r }],
  invalid: [
    { name: '无', report: (r) => ((r.sections.problems = '无。'), r), count: 1 },
    { name: 'too short', report: (r) => ((r.sections.problems = '工作有待加强。'), r), count: 1 },
  ],
});

ruleTester('N6', ['2021'], {
  valid: [{ name: 'mentions rectification', report: (r) => r }],
  invalid: [
    {
      name: 'no rectification',
      report: (r) => (
        (r.sections.problems =
          '一是解读不够；二是更新不及时。下一步将加强解读，完善更新机制，提升公开质量和效果。'),
        r
      ),
      count: 1,
    },
  ],
});

ruleTester('X1', BOTH, {
  valid: [{ name: 'chain holds', report: (r) => r, options: (r) => ({ previous: prevOf(r) }) }],
  invalid: [
    {
      name: 'carry-over differs in one column',
      report: (r) => r,
      options: (r) => {
        const p = prevOf(r);
        p.cells[ap('carriedForward', 'naturalPerson')] = { value: 5 };
        return { previous: p };
      },
      count: 1,
      cells: [ap('carriedOver', 'naturalPerson')],
      expected: 5,
      actual: 3,
      severity: 'crossYear',
    },
  ],
});

describe('X1 across the edition boundary 2020 → 2021', () => {
  it('checks the chain', () => {
    const prev = exampleReport({ year: 2020 });
    const cur = structuredClone(exampleReport({ year: 2021 }));
    const f = validate(cur, { previous: prev }).filter((x) => x.ruleId === 'X1' && x.status === 'failed');
    // example: 上年结转 (3,0,0,0,0,1,4) vs 结转下年度 (2,1,0,0,0,0,3)
    expect(f.map((x) => x.cells[0])).toEqual([
      ap('carriedOver', 'naturalPerson'),
      ap('carriedOver', 'commercialEnterprise'),
      ap('carriedOver', 'otherOrg'),
      ap('carriedOver'),
    ]);
  });
  it('a previous report of the wrong year is not compared', () => {
    const cur = exampleReport({ year: 2023 });
    const f = validate(cur, { previous: exampleReport({ year: 2021 }) }).filter((x) => x.ruleId === 'X1');
    expect(f.map((x) => x.status)).toEqual(['unchecked']);
  });
});

ruleTester('X2', ['2021'], {
  valid: [
    {
      name: 'stock chain holds (40 + 6 − 2 each year)',
      report: (r) => r,
      options: (r) => ({ previous: prevOf(r) }),
    },
  ],
  invalid: [
    {
      name: 'stock chain broken',
      report: (r) => r,
      options: (r) => {
        const p = prevOf(r);
        p.cells[ad('normativeDocs', 'valid')] = { value: 40 };
        return { previous: p };
      },
      count: 1,
      expected: 44,
      actual: 48,
    },
  ],
});

ruleTester('X3', ['2019-trial'], {
  valid: [{ name: 'items chain holds', report: (r) => r, options: (r) => ({ previous: prevOf(r) }) }],
  invalid: [
    {
      name: 'items chain broken',
      report: (r) =>
        put(
          put(put(r, ad('licensing', 'prevYearItems'), 80), ad('punishment', 'prevYearItems'), 300),
          ad('coercion', 'prevYearItems'),
          1,
        ),
      options: (r) => ({ previous: prevOf(r) }),
      count: 3,
      cells: [ad('licensing', 'prevYearItems')],
      expected: 84,
      actual: 80,
    },
  ],
});

ruleTester('X4', ['2019-trial'], {
  valid: [{ name: 'published total chain', report: (r) => r, options: (r) => ({ previous: prevOf(r) }) }],
  invalid: [
    {
      name: 'total does not follow',
      report: (r) => put(r, ad('normativeDocs', 'totalPublished'), 45),
      options: (r) => ({ previous: prevOf(r) }),
      count: 1,
      severity: 'info',
      expected: 40,
      actual: 45,
    },
  ],
});

ruleTester('X5', BOTH, {
  valid: [{ name: 'different text', report: (r) => r, options: (r) => ({ previous: prevOf(r) }) }],
  invalid: [
    {
      name: 'same text as last year (numbers and year differ only)',
      report: (r) => (
        (r.sections.problems = `${r.meta.year}年存在的问题：一是政策解读形式单一，图解2篇；二是栏目更新不及时。下一步将加强解读，完善机制，提升质量。`),
        r
      ),
      options: (r) => {
        const p = prevOf(r);
        p.sections.problems = `${p.meta.year}年存在的问题：一是政策解读形式单一，图解5篇；二是栏目更新不及时。下一步将加强解读，完善机制，提升质量。`;
        return { previous: p };
      },
      count: 1,
      message: ['五、存在的主要问题及改进情况', '雷同'],
    },
  ],
});

ruleTester('X6', BOTH, {
  valid: [{ name: 'stable', report: (r) => r, options: (r) => ({ previous: prevOf(r) }) }],
  invalid: [
    {
      name: 'punishment decisions ×20',
      report: (r) => put(r, ad('punishment', 'decisions'), 6300),
      options: (r) => ({ previous: prevOf(r) }),
      count: 1,
      severity: 'info',
      cells: [ad('punishment', 'decisions')],
      message: ['变化超过 10 倍'],
    },
    {
      name: 'from 0 to many: no ratio, the year with none is said',
      report: (r) => put(r, ad('punishment', 'decisions'), 351),
      options: (r) => ({ previous: put(prevOf(r), ad('punishment', 'decisions'), 0) }),
      count: 1,
      severity: 'info',
      message: ['变为 351（上一年度为 0）'],
    },
  ],
});

const dept = (r: Report) => r; // example agency: 示例县交通运输局, 政府部门 县级
ruleTester('F1', BOTH, {
  valid: [
    { name: 'on time', report: dept },
    { name: 'no date known', report: (r) => (delete r.meta.publishedOn, r) },
  ],
  invalid: [
    {
      name: 'published 2 Feb',
      report: (r) => ((r.meta.publishedOn = `${r.meta.year + 1}-02-02`), r),
      count: 1,
      message: ['晚于条例第四十九条第一款规定的 ', '逾期 2 天'],
      severity: 'error',
    },
    {
      name: 'date given as option',
      report: (r) => (delete r.meta.publishedOn, r),
      options: (r) => ({ publicationDate: `${r.meta.year + 1}-03-01` }),
      count: 1,
    },
  ],
});

ruleTester('F2', BOTH, {
  valid: [
    {
      name: 'county government by 31 March',
      report: (r) => (
        (r.meta.agency = { name: '某县人民政府', kind: '人民政府', level: '县级' }),
        (r.meta.publishedOn = `${r.meta.year + 1}-03-31`),
        r
      ),
    },
  ],
  invalid: [
    {
      name: 'county government in April',
      report: (r) => (
        (r.meta.agency = { name: '某县人民政府', kind: '人民政府', level: '县级' }),
        (r.meta.publishedOn = `${r.meta.year + 1}-04-01`),
        r
      ),
      count: 1,
    },
  ],
});

ruleTester('F3', BOTH, {
  valid: [
    {
      name: 'township with a local deadline of 20 Feb',
      report: (r) => (
        (r.meta.agency = { name: '某镇人民政府', kind: '人民政府', level: '乡镇级' }),
        (r.meta.publishedOn = `${r.meta.year + 1}-02-15`),
        r
      ),
      options: { config: { rules: { F3: { options: { deadline: '02-20' } } } } },
    },
  ],
  invalid: [
    {
      name: 'township late by default deadline',
      report: (r) => (
        (r.meta.agency = { name: '某镇人民政府', kind: '人民政府', level: '乡镇级' }),
        (r.meta.publishedOn = `${r.meta.year + 1}-02-15`),
        r
      ),
      count: 1,
      severity: 'warning',
      message: ['晚于本地规定的 '],
    },
  ],
});

describe('config', () => {
  it('switches a rule off and changes a severity', () => {
    const r = put(base('2021'), rl('review'), 3);
    expect(validate(r, { config: { rules: { 'T4-1': 'off' } } }).filter((f) => f.ruleId === 'T4-1')).toEqual(
      [],
    );
    expect(
      validate(r, { config: { rules: { 'T4-1': { enabled: false } } } }).filter((f) => f.ruleId === 'T4-1'),
    ).toEqual([]);
    const w = validate(r, { config: { rules: { 'T4-1': 'warning' } } }).filter((f) => f.ruleId === 'T4-1');
    expect(w.map((f) => f.severity)).toEqual(['warning']);
  });
});

describe('rule options are named for people', () => {
  it('every option of every rule has a 简体中文 label (the admin page shows it, not the key)', () => {
    const withOptions = RULES.filter((r) => r.meta.options && Object.keys(r.meta.options).length > 0);
    expect(withOptions.map((r) => r.meta.id)).toEqual(
      expect.arrayContaining(['T2-3', 'T3-W1', 'X5', 'X6', 'N5', 'F3']),
    );
    for (const r of withOptions)
      for (const key of Object.keys(r.meta.options!)) {
        const label = r.meta.optionLabels?.[key];
        expect(label, `${r.meta.id} ${key}`).toMatch(/[\u4e00-\u9fff]/);
        expect(label).not.toContain(key);
      }
    // and no label for an option that does not exist
    for (const r of RULES)
      for (const key of Object.keys(r.meta.optionLabels ?? {}))
        expect(r.meta.options, `${r.meta.id} ${key}`).toHaveProperty(key);
  });
});

describe('T3-W4 while a new report is being filled', () => {
  it('自然人 column typed, the rest blank: no 「总计列整列空白」 (it is computed), C2 names the blanks', async () => {
    const { createEmptyReport, setCells } = await import('../model.js');
    const { derive } = await import('../derive.js');
    const r = derive(
      setCells(createEmptyReport({ year: 2025, agency: '东山镇人民政府' }), {
        [ap('newReceived', 'naturalPerson')]: 12,
        [ap('carriedOver', 'naturalPerson')]: 1,
        [ap('granted', 'naturalPerson')]: 8,
        [ap('partiallyGranted', 'naturalPerson')]: 2,
        [ap('carriedForward', 'naturalPerson')]: 1,
      }),
    ).report;
    const findings = validate(r);
    expect(findings.filter((f) => f.ruleId === 'T3-W4')).toEqual([]);
    expect(
      findings.filter((f) => f.ruleId === 'C2').some((f) => f.cells.includes(ap('newReceived', 'otherOrg'))),
    ).toBe(true);
    // …and not the totals those blanks hold up: they are computed, nobody can type them
    const c2 = findings.filter((f) => f.ruleId === 'C2');
    expect(
      c2
        .flatMap((f) => f.cells)
        .filter((c) => c.endsWith('.total') || c.startsWith('applications.resultTotal.')),
    ).toEqual([]);
    expect(c2.map((f) => f.message).join('')).not.toContain('总计为空白');
  });

  it('C2 still names a blank total that is not computed: printed as 「—」, or with every part filled', async () => {
    const { createEmptyReport, setCells } = await import('../model.js');
    const base = setCells(createEmptyReport({ year: 2025, agency: '东山镇人民政府' }), {
      [ap('newReceived', 'naturalPerson')]: 12,
    });
    const full = put(exampleReport({ year: 2025 }), ap('newReceived'), null);
    expect(
      validate(full)
        .filter((f) => f.ruleId === 'C2')
        .some((f) => f.cells.includes(ap('newReceived'))),
    ).toBe(true);
    const dashed = put(base, ap('newReceived'), null, { raw: '—' });
    expect(
      validate(dashed)
        .filter((f) => f.ruleId === 'C2')
        .some((f) => f.cells.includes(ap('newReceived'))),
    ).toBe(true);
  });
});
