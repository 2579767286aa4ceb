import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { publicationDeadline } from '../lifecycle.js';
import { type Agency, type Cell, createEmptyReport, type Report, setCells } from '../model.js';
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

describe('F1/F2: a region report published by the government’s 办公厅/室 is due by 3月31日 (audit qa14 #2)', () => {
  const published = (r: Report, on: string): Report => ({ ...r, meta: { ...r.meta, publishedOn: on } });

  it('上海市人民政府办公厅, scope region, 2022 report published 2023-03-31: no F1, no F2', () => {
    const r = published(
      createEmptyReport({ year: 2022, agency: '上海市人民政府办公厅', scope: 'region' }),
      '2023-03-31',
    );
    expect(failed(r, 'F1', 'F2')).toEqual([]);
    expect(publicationDeadline(r.meta)).toEqual({
      date: '2023-03-31',
      basis: '条例第四十九条第二款',
      ruleId: 'F2',
    });
  });

  it('the same 办公厅 reporting as a department (scope agency) keeps F1’s 1月31日', () => {
    const r = published(createEmptyReport({ year: 2022, agency: '上海市人民政府办公厅' }), '2023-03-31');
    const f = failed(r, 'F1', 'F2');
    expect(f.map((x) => x.ruleId)).toEqual(['F1']);
    expect(f[0]!.message).toContain('逾期 59 天');
  });

  it('a region report one day after 3月31日 is late under F2', () => {
    const r = published(
      createEmptyReport({ year: 2022, agency: '苏州市政府办公室', scope: 'region' }),
      '2023-04-01',
    );
    expect(failed(r, 'F1', 'F2').map((x) => [x.ruleId, x.message.includes('逾期 1 天')])).toEqual([
      ['F2', true],
    ]);
  });

  it('for all 省/市/县 agencies and years: a region report is due Y+1-03-31, a department’s own Y+1-01-31', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2019, max: 2040 }),
        fc.constantFrom('省级', '市级', '县级') as fc.Arbitrary<'省级' | '市级' | '县级'>,
        (year, level) => {
          const agency = { name: '某人民政府办公室', kind: '政府部门' as const, level };
          expect(publicationDeadline({ year, agency, scope: 'region' })?.date).toBe(`${year + 1}-03-31`);
          expect(publicationDeadline({ year, agency, scope: 'agency' })?.date).toBe(`${year + 1}-01-31`);
          expect(publicationDeadline({ year, agency })?.date).toBe(`${year + 1}-01-31`);
        },
      ),
    );
  });
});

describe('T2-3: 本年收费金额 unit heuristics (audit qa14 #3)', () => {
  const FEE = 'activeDisclosure.adminFees.feeAmount';
  const fee = (cell: Cell | number, agency: Agency = { name: '某局', kind: '政府部门', level: '县级' }) =>
    setCells(createEmptyReport({ year: 2022, agency }), { [FEE]: cell });

  it('0 printed as 「0元」 is 0 in any unit: no warning', () => {
    expect(failed(fee({ value: 0, raw: '0元', unit: '万元' }), 'T2-3')).toEqual([]);
    expect(failed(fee({ value: 0, unit: '元' }), 'T2-3')).toEqual([]);
  });

  it('1234.56 元 is expected as exactly 0.123456 万元', () => {
    const f = failed(fee({ value: 1234.56, unit: '元' }), 'T2-3');
    expect(f).toHaveLength(1);
    expect(f[0]!.expected).toBe(0.123456);
  });

  it('for all amounts in 元 (counted to 分): expected is the amount with the point moved 4 places', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 ** 12 }), (fen) => {
        const yuan = fen / 100;
        const f = failed(fee({ value: yuan, unit: '元' }), 'T2-3');
        expect(f).toHaveLength(1);
        expect(f[0]!.expected).toBe(Number(`${fen}e-6`));
      }),
    );
  });

  it('平潭综合实验区 2021 (corpus f03): 24252.311082 万元 under a printed 万元 header is not taken for 元', () => {
    const r = fee(
      { value: 24252.311082, unit: '万元' },
      { name: '平潭综合实验区', kind: '其他', level: '县级' },
    );
    expect(failed(r, 'T2-3')).toEqual([]);
  });

  it('a cell printing 万元 itself is not taken for 元 by its size', () => {
    expect(failed(fee({ value: 250000, raw: '250000万元', unit: '万元' }), 'T2-3')).toEqual([]);
  });

  it('a county government’s or region report sums its departments: the cap is × governmentFactor', () => {
    const county = (scope: 'agency' | 'region', name: string) => {
      const r = createEmptyReport({ year: 2022, agency: name, scope });
      return setCells(r, { [FEE]: 150000 });
    };
    expect(failed(county('agency', '某县人民政府'), 'T2-3')).toEqual([]);
    expect(failed(county('region', '某县人民政府办公室'), 'T2-3')).toEqual([]);
    expect(failed(county('agency', '某县人民政府办公室'), 'T2-3')).toHaveLength(1);
    expect(failed(setCells(county('agency', '某县人民政府'), { [FEE]: 250000 }), 'T2-3')).toHaveLength(1);
    const cfg = { config: { rules: { 'T2-3': { options: { governmentFactor: 5 } } } } };
    expect(
      validate(county('agency', '某县人民政府'), { ...cfg, only: ['T2-3'] }).filter(
        (f) => f.status === 'failed',
      ),
    ).toHaveLength(1);
  });

  it('a township entering 元 under the 万元 header (whole 元 or to the 分) still gets the warning', () => {
    const town = { name: '某镇人民政府', kind: '人民政府' as const, level: '乡镇级' as const };
    expect(failed(fee({ value: 250000, unit: '万元' }, town), 'T2-3')).toHaveLength(1);
    // a township government is not a sum of departments: no governmentFactor
    expect(failed(fee({ value: 5000, unit: '万元' }, town), 'T2-3')).toHaveLength(1);
    expect(
      failed(
        fee({ value: 125000.5, unit: '万元' }, { name: '某局', kind: '政府部门', level: '乡镇级' }),
        'T2-3',
      ),
    ).toHaveLength(1);
  });
});

describe('T2-7: 采购总金额 0 needs no unit (audit qa14 #4)', () => {
  const AMOUNT = 'activeDisclosure.centralProcurement.procurementAmount';
  const amount = (cell: Cell) =>
    setCells(createEmptyReport({ year: 2020, agency: '两城镇人民政府' }), { [AMOUNT]: cell });

  it('0 without a unit (seed 000, corpus 001): no warning', () => {
    expect(failed(amount({ value: 0, unit: 'unknown' }), 'T2-7')).toEqual([]);
    expect(failed(amount({ value: 0 }), 'T2-7')).toEqual([]);
  });

  it('for all non-zero amounts without a unit: the warning stays', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 1e9, noNaN: true }), (v) => {
        expect(failed(amount({ value: v, unit: 'unknown' }), 'T2-7')).toHaveLength(1);
      }),
      { numRuns: 50 },
    );
  });
});

describe('T3-W2 / T3-W3: narrative phrases (audit qa14 #5)', () => {
  const withCarriedOver = (co: number, text: string) => {
    const r = setCells(createEmptyReport({ year: 2021, agency: 'X局' }), {
      'applications.carriedOver.total': co,
    });
    return { ...r, sections: { ...r.sections, applications: text } };
  };

  it('「上年结转政府信息公开申请数量为2件」 against a table value of 3: T3-W2', () => {
    const f = failed(withCarriedOver(3, '上年结转政府信息公开申请数量为2件。'), 'T3-W2');
    expect(f).toHaveLength(1);
    expect([f[0]!.actual, f[0]!.expected]).toEqual([2, 3]);
  });

  it('for all wordings and numbers: T3-W2 fires exactly when the text’s number differs from the table', () => {
    const wording = fc.record({
      year: fc.constantFrom('上年', '上年度'),
      what: fc.constantFrom('', '政府信息公开', '申请', '政府信息公开申请'),
      count: fc.constantFrom('', '数量'),
      verb: fc.constantFrom('', '为', '共', '共计'),
    });
    fc.assert(
      fc.property(wording, fc.nat({ max: 200 }), fc.nat({ max: 200 }), (w, said, table) => {
        const text = `本年度${w.year}结转${w.what}${w.count}${w.verb}${said}件，均已办结。`;
        const f = failed(withCarriedOver(table, text), 'T3-W2');
        expect(f).toHaveLength(said === table ? 0 : 1);
        if (f.length) expect(f[0]!.actual).toBe(said);
      }),
    );
  });

  it('「含上年度结转申请18件」 (上海市人民政府办公厅 2019) with 18 in the table: silent', () => {
    expect(failed(withCarriedOver(18, '答复政府信息公开申请805件（含上年度结转申请18件）'), 'T3-W2')).toEqual(
      [],
    );
  });

  const withFeeUnpaid = (text: string) => {
    const r = setCells(createEmptyReport({ year: 2021, agency: 'X局' }), {
      'applications.other_feeUnpaid.total': 1,
    });
    return { ...r, sections: { ...r.sections, other: text } };
  };

  it('「收取信息处理 费0元」 (a PDF line break): T3-W3 silent, as N3 is', () => {
    const r = withFeeUnpaid('本年度收取信息处理 费0元。');
    expect(failed(r, 'T3-W3', 'N3')).toEqual([]);
  });

  it('for all whitespace breaks inside 信息处理费: T3-W3 and N3 agree', () => {
    const word = '信息处理费';
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('', ' ', '\n', '\u3000', '\t'), {
          minLength: word.length - 1,
          maxLength: word.length - 1,
        }),
        (gaps) => {
          const broken = [...word].map((ch, i) => ch + (gaps[i] ?? '')).join('');
          const r = withFeeUnpaid(`本年度未收取${broken}。`);
          expect(failed(r, 'T3-W3', 'N3')).toEqual([]);
        },
      ),
    );
    expect(failed(withFeeUnpaid('无。'), 'T3-W3').map((f) => f.ruleId)).toEqual(['T3-W3']);
  });
});

describe('S8/S9: full-width digits, dotted dates, years in Chinese numerals (audit qa14 #6)', () => {
  const report = (year: number, patch: { title?: string; preamble?: string }): Report => {
    const r = createEmptyReport({ year, agency: '某局' });
    return {
      ...r,
      meta: { ...r.meta, title: patch.title ?? `某局${year}年政府信息公开工作年度报告` },
      preamble: patch.preamble ?? `统计期限自${year}年1月1日起至${year}年12月31日止。`,
      sections: { ...r.sections, overview: '总体情况。' },
    };
  };
  const toFullWidth = (s: string) =>
    s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
  const toChinese = (y: number, zero: string) =>
    [...String(y)].map((d) => (d === '0' ? zero : '〇一二三四五六七八九'[Number(d)])).join('');

  it.each([
    '统计期限：２０２０年１月１日至２０２０年１２月３１日',
    '统计期限2020.1.1—2020.12.31',
    '统计期限为2020.01.01-2020.12.31。',
    '统计期限：2020/1/1至2020/12/31',
    '统计期限2020.1.1—12.31',
    '统计期限为2020年1月1日——2020年12月31日',
    '统计期限为二〇二〇年一月一日起至二〇二〇年十二月三十一日止',
    '统计期限为2020年1月1日0时至2020年12月31日24时',
  ])('S9 reads 「%s」', (preamble) => {
    expect(failed(report(2020, { preamble }), 'S9')).toEqual([]);
  });

  it('S9 still reports a period in Chinese numerals of another year, or not ending on 31 December', () => {
    const f = failed(
      report(2020, { preamble: '统计期限为二〇一九年一月一日起至二〇一九年十二月三十一日止' }),
      'S9',
    );
    expect(f.map((x) => x.actual)).toEqual([2019]);
    expect(failed(report(2020, { preamble: '统计期限为2020年1月1日至2020年12月30日' }), 'S9')).toHaveLength(
      1,
    );
  });

  it('S9 still reports a dotted period of another year', () => {
    const f = failed(report(2020, { preamble: '统计期限2019.1.1—2019.12.31' }), 'S9');
    expect(f.map((x) => x.actual)).toEqual([2019]);
  });

  it.each([
    '二〇二〇年某局政府信息公开工作年度报告',
    '二零二零年某局政府信息公开工作年度报告',
    '某局２０２０年政府信息公开工作年度报告',
    '某局2020政府信息公开工作年度报告',
  ])('S8 reads the year of 「%s」', (title) => {
    expect(failed(report(2020, { title }), 'S8')).toEqual([]);
  });

  it('for all years: full-width digits, dotted dates and Chinese-numeral years say the same as ASCII digits', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2019, max: 2035 }),
        fc.integer({ min: 2017, max: 2035 }),
        fc.constantFrom('〇', '零', '○'),
        (year, stated, zero) => {
          const ascii = failed(
            report(year, { preamble: `统计期限自${stated}年1月1日起至${stated}年12月31日止。` }),
            'S9',
          );
          for (const preamble of [
            toFullWidth(`统计期限自${stated}年1月1日起至${stated}年12月31日止。`),
            `统计期限${stated}.1.1—${stated}.12.31`,
            `统计期限${stated}.01.01－${stated}.12.31`,
          ])
            expect(failed(report(year, { preamble }), 'S9').map((f) => f.actual)).toEqual(
              ascii.map((f) => f.actual),
            );
          expect(ascii).toHaveLength(stated === year ? 0 : 1);
          const asciiTitle = failed(report(year, { title: `${stated}年某局政府信息公开工作年度报告` }), 'S8');
          const cnTitle = failed(
            report(year, { title: `${toChinese(stated, zero)}年某局政府信息公开工作年度报告` }),
            'S8',
          );
          expect(cnTitle.map((f) => f.actual)).toEqual(asciiTitle.map((f) => f.actual));
          expect(asciiTitle).toHaveLength(stated === year ? 0 : 1);
        },
      ),
    );
  });
});
