import { describe, expect, it } from 'vitest';
import { aggregate } from './aggregate.js';
import { compare } from './compare.js';
import { derive } from './derive.js';
import { listCells } from './editions/index.js';
import { exampleReport } from './examples.js';
import { applyFix, suggestFixes, typoKind } from './fixes.js';
import { daysUntil, prefillFromPrevious, publicationDeadline, reportingYear } from './lifecycle.js';
import { createEmptyReport, NianbaoError, type Report, setCell } from './model.js';
import { formatRate, narrate, summarize } from './summary.js';
import { checkConfig, expectation, keyFindings, validate } from './validate.js';

const ap = (row: string, col = 'total') => `applications.${row}.${col}`;
const ind = (r: Report, key: string) => summarize(r).indicators.find((i) => i.key === key)!;

describe('derive', () => {
  it('a stated total at odds with its parts stays that row’s problem: （七）总计·总计 follows its own row', () => {
    let r = createEmptyReport({ year: 2023, agency: '某局' });
    for (const id of Object.keys(r.cells))
      if (
        !/^applications\.[^.]+\.total$|^applications\.resultTotal\.|^reviewLitigation\.[^.]+\.total$/.test(id)
      )
        r = setCell(r, id, 0);
    r = derive(r).report;
    r = {
      ...r,
      sections: { ...r.sections, overview: '本机关全面落实条例。' },
      cells: { ...r.cells, [ap('granted')]: { value: 5, origin: 'imported' } },
    };
    const d = derive(r);
    expect(d.conflicts.map((c) => c.cell)).toEqual([ap('granted')]);
    // Every applicant of （七） is 0: so is its 总计 (it was 5, taken down the 总计 column).
    expect(d.report.cells[ap('resultTotal')]).toEqual({ value: 0, origin: 'derived' });
    const errors = validate(d.report).filter((f) => f.status === 'failed' && f.severity === 'error');
    expect(errors.map((f) => f.ruleId).sort()).toEqual(['T3-H', 'T3-V']);
    // Both name the printed 5; none is on （七）总计's own row or the balance of the 总计 column.
    for (const f of errors) expect(f.cells).toContain(ap('granted'));
    // A report printing only the 总计 column: （七）总计 is still summed down that column.
    let totalsOnly = createEmptyReport({ year: 2023, agency: '某局' });
    for (const id of Object.keys(totalsOnly.cells))
      if (/^applications\.[^.]+\.total$/.test(id) && !id.includes('resultTotal'))
        totalsOnly = setCell(totalsOnly, id, 1);
    expect(derive(totalsOnly).report.cells[ap('resultTotal')]!.value).toBe(
      Object.keys(totalsOnly.cells).filter(
        (id) =>
          /^applications\.[^.]+\.total$/.test(id) &&
          !/newReceived|carriedOver|resultTotal|carriedForward/.test(id),
      ).length,
    );
  });

  it('computes totals as the user types and blanks them again when a part is cleared', () => {
    let r = createEmptyReport({ year: 2023, agency: '某局' });
    r = setCell(r, ap('granted', 'naturalPerson'), 3);
    let d = derive(r);
    expect(d.report.cells[ap('granted')]!.value).toBeNull(); // other columns still blank
    for (const c of [
      'commercialEnterprise',
      'researchInstitution',
      'publicInterestOrg',
      'legalServiceOrg',
      'otherOrg',
    ])
      r = setCell(r, ap('granted', c), 1);
    d = derive(r);
    expect(d.report.cells[ap('granted')]).toEqual({ value: 8, origin: 'derived' });
    const cleared = derive(setCell(d.report, ap('granted', 'otherOrg'), null));
    expect(cleared.report.cells[ap('granted')]!.value).toBeNull();
  });
  it('an absent total stays absent, unless fillAbsent: then it is derived once its parts are all there', () => {
    const full = exampleReport({ year: 2023 });
    const { [ap('granted')]: _total, ...cells } = full.cells;
    const lacking: Report = { ...full, cells };
    expect(derive(lacking).report.cells[ap('granted')]).toBeUndefined();
    expect(derive(lacking, { fillAbsent: true }).report.cells[ap('granted')]).toEqual({
      value: full.cells[ap('granted')]!.value,
      origin: 'derived',
    });
    // A part missing too: nothing to sum, nothing made up.
    const { [ap('granted', 'otherOrg')]: _part, ...fewer } = cells;
    expect(
      derive({ ...full, cells: fewer }, { fillAbsent: true }).report.cells[ap('granted')],
    ).toBeUndefined();
  });

  it('keeps a printed total that disagrees and reports it', () => {
    const r = exampleReport({ year: 2023 });
    const printed = setCell(r, 'reviewLitigation.review.total', { value: 5, raw: '5', origin: 'imported' });
    const d = derive(printed);
    expect(d.report.cells['reviewLitigation.review.total']!.value).toBe(5);
    expect(d.conflicts).toEqual([
      { cell: 'reviewLitigation.review.total', printed: 5, computed: 4, identity: 'T4-1:review' },
    ]);
  });
});

/** The example as a published report prints it: every number stated, totals included. */
const printed = (r: Report): Report => ({
  ...r,
  cells: Object.fromEntries(
    Object.entries(r.cells).map(([id, c]) => [id, { ...c, origin: 'imported' as const }]),
  ),
});

describe('suggestFixes', () => {
  it('the cell the user just changed ranks first among fixes that resolve as much', () => {
    const base = exampleReport({ year: 2023 });
    const was = base.cells[ap('granted', 'naturalPerson')]!.value!;
    const r = derive(setCell(base, ap('granted', 'naturalPerson'), was + 1)).report;
    const plain = suggestFixes(r);
    const ranked = suggestFixes(r, { recent: [ap('granted', 'naturalPerson')] });
    expect(ranked[0]!.changes).toEqual([
      expect.objectContaining({ cell: ap('granted', 'naturalPerson'), from: was + 1, to: was }),
    ]);
    expect(ranked[0]!.reason).toContain('是刚修改过的单元格');
    // The same fixes, only in another order: recent changes ranks, not what is offered.
    const keys = (f: typeof plain) => f.map((x) => JSON.stringify(x.changes)).sort();
    expect(keys(ranked)).toEqual(keys(plain));
    // It resolves as much as the best fix offered without it.
    expect(ranked[0]!.resolves.length).toBe(Math.max(...plain.map((x) => x.resolves.length)));
  });

  it('finds the 2 typed instead of 20 in a printed report', () => {
    const r = setCell(printed(exampleReport({ year: 2023 })), ap('granted', 'naturalPerson'), 2);
    const [first] = suggestFixes(r);
    expect(first!.changes).toEqual([
      { cell: ap('granted', 'naturalPerson'), label: '表三 （一）予以公开 · 自然人', from: 2, to: 20 },
    ]);
    expect(first!.reason).toContain('少输了一位数字');
    expect([...first!.ruleIds].sort()).toEqual(['T3-H', 'T3-V']);
    expect(validate(applyFix(r, first!)).filter((f) => f.severity === 'error')).toEqual([]);
  });
  it('in the form, where totals follow their parts, the typing slip ranks first and the totals follow', () => {
    const r = derive(setCell(exampleReport({ year: 2023 }), ap('granted', 'naturalPerson'), 2)).report;
    const errors = validate(r).filter((f) => f.status === 'failed' && f.severity === 'error');
    expect(errors.map((f) => f.ruleId)).toEqual(['T3-B', 'T3-B']);
    // 结转下年度 2 → 20 would be the same kind of slip: both are offered, the user chooses
    const top = suggestFixes(r).slice(0, 3);
    const first = top.find((s) => s.changes[0]!.cell === ap('granted', 'naturalPerson'));
    expect(first!.changes.map((c) => [c.cell, c.to])).toEqual([[ap('granted', 'naturalPerson'), 20]]);
    expect(first!.reason).toContain('少输了一位数字');
    expect(first!.recomputed).toEqual(
      expect.arrayContaining([ap('granted'), ap('resultTotal', 'naturalPerson'), ap('resultTotal')]),
    );
    expect(validate(applyFix(r, first!)).filter((f) => f.severity === 'error')).toEqual([]);
  });
  it('recovers a blank cell from its row', () => {
    const r = setCell(printed(exampleReport({ year: 2023 })), ap('granted', 'legalServiceOrg'), null);
    const s = suggestFixes(r);
    expect(s[0]!.changes[0]).toMatchObject({ cell: ap('granted', 'legalServiceOrg'), from: null, to: 1 });
  });
  it('offers one set of changes for two independent mistakes', () => {
    let r = setCell(printed(exampleReport({ year: 2023 })), ap('granted', 'naturalPerson'), 2);
    r = setCell(r, 'reviewLitigation.litigationDirect.total', 3);
    const [first] = suggestFixes(r);
    expect(first!.changes.map((c) => c.cell).sort()).toEqual(
      [ap('granted', 'naturalPerson'), 'reviewLitigation.litigationDirect.total'].sort(),
    );
  });
  it('says nothing when all holds', () => {
    expect(suggestFixes(exampleReport({ year: 2020 }))).toEqual([]);
  });
  it('classifies typing slips', () => {
    expect(typoKind(2, 20)).toBe('少输了一位数字');
    expect(typoKind(200, 20)).toBe('多输了一位数字');
    expect(typoKind(12, 21)).toBe('相邻两位数字颠倒');
    expect(typoKind(15, 16)).toBe('输错了一位数字');
    expect(typoKind(15, 61)).toBeUndefined();
    // one digit for another is any change of 0–9: no typo is claimed
    expect(typoKind(0, 1)).toBeUndefined();
    expect(typoKind(7, 8)).toBeUndefined();
  });
  it('does not move requests into a result category nobody typed in: 0 → 1 mending one sum is a classification, not a fix', () => {
    // in the form (totals follow): 1 too few in 四、结转 · 自然人, so the column's results look 1 short
    const base = exampleReport({ year: 2023 });
    const fwd = ap('carriedForward', 'naturalPerson');
    const was = base.cells[fwd]!.value!;
    const r = derive(setCell(base, fwd, was - 1)).report;
    const fixes = suggestFixes(r);
    // the slip itself is offered …
    expect(fixes.some((f) => f.changes.some((c) => c.cell === fwd && c.to === was))).toBe(true);
    // … and no 0 in any other cell becomes a number that mends one sum only
    const guesses = fixes.filter((f) => f.changes.some((c) => c.from === 0 && c.to !== 0));
    expect(guesses.map((f) => f.changes)).toEqual([]);
    // a 0 the user has just typed is theirs to mend
    const zero = Object.keys(r.cells).find(
      (id) => id.endsWith('.naturalPerson') && id.includes('denied_') && r.cells[id]!.value === 0,
    );
    if (zero) {
      const withRecent = suggestFixes(r, { recent: [zero] });
      expect(withRecent.some((f) => f.changes.some((c) => c.cell === zero))).toBe(true);
    }
  });
});

describe('summarize and narrate', () => {
  it('an indicator says why it is empty (blank, or never read) and when it rests on a stated total at odds with its parts', () => {
    const r = exampleReport({ year: 2023 });
    const received = (x: Report) => summarize(x).indicators.find((i) => i.key === 'newReceived')!;
    expect(received(r).note).toBeUndefined();
    // a part left blank: the total derived from it is blank (as derive gives it)
    expect(received(setCell(r, 'applications.newReceived.naturalPerson', null))).toMatchObject({
      value: null,
      note: '有空白单元格',
    });
    // a derived total left stale (its part changed without derive): summarized as its parts' sum now
    const stale = setCell(r, 'applications.newReceived.naturalPerson', 1000);
    expect(received(stale).value).toBe(
      received(r).value! - r.cells['applications.newReceived.naturalPerson']!.value! + 1000,
    );
    const { [ap('newReceived')]: _, ...rest } = r.cells;
    expect(received({ ...r, cells: rest }).note).toBe('单元格未读到，不是空白');
    const stated = {
      ...r,
      cells: { ...r.cells, [ap('newReceived')]: { value: 999, origin: 'imported' as const } },
    };
    expect(received(stated)).toMatchObject({
      value: 999,
      note: '表三 一、本年新收政府信息公开申请数量 · 总计与各项之和不一致，以报告所填为准',
    });
  });

  it('gives indicators with numerators and denominators', () => {
    const r = exampleReport({ year: 2023 });
    expect(ind(r, 'applicationsTotal')).toMatchObject({ value: 47, numerator: 47 });
    expect(ind(r, 'concluded').value).toBe(44);
    expect(ind(r, 'grantedRate')).toMatchObject({ numerator: 25, denominator: 44, value: 25 / 44 });
    expect(ind(r, 'disclosureRate').value).toBeCloseTo(30 / 44);
    expect(ind(r, 'reviewCorrectionRate')).toMatchObject({ numerator: 1, denominator: 3 });
    expect(formatRate(30 / 44)).toBe('68.2%');
    expect(formatRate(1)).toBe('100%');
  });
  it('a rate over 0 is undefined, not 0', () => {
    const r = structuredClone(exampleReport({ year: 2023 }));
    for (const id of Object.keys(r.cells)) if (id.startsWith('applications.')) r.cells[id] = { value: 0 };
    const g = ind(r, 'grantedRate');
    expect(g.value).toBeNull();
    expect(g.denominator).toBe(0);
    expect(g.note).toContain('分母为 0');
    expect(ind(r, 'litigationAfterReviewCorrectionRate').value).toBeNull();
  });
  it('纠错率 on a 表四 row whose stated 总计 is less than its 尚未审结: no negative rate; one on a stated total at odds with its parts says so', () => {
    const rl = (c: string) => `reviewLitigation.review.${c}`;
    const base = exampleReport({ year: 2023 });
    // printed: 结果纠正 3, 尚未审结 5, 总计 2 (its parts give 8): 已审结 2 − 5 = −3 was −100%
    const r = {
      ...base,
      cells: {
        ...base.cells,
        [rl('upheld')]: { value: 0 },
        [rl('corrected')]: { value: 3 },
        [rl('other')]: { value: 0 },
        [rl('pending')]: { value: 5 },
        [rl('total')]: { value: 2, origin: 'imported' as const },
      },
    };
    const neg = ind(r, 'reviewCorrectionRate');
    expect(neg).toMatchObject({ value: null, numerator: 3, denominator: -3 });
    expect(neg.note).toBe('尚未审结多于总计（表四 行政复议 · 总计与各项之和不一致），纠错率无法计算');
    // 总计 printed 9 (parts give 8): 已审结 9 − 5 = 4, and 纠错率 3 ÷ 4 says it rests on the printed total
    const high = { ...r, cells: { ...r.cells, [rl('total')]: { value: 9, origin: 'imported' as const } } };
    expect(ind(high, 'reviewCorrectionRate')).toMatchObject({
      value: 3 / 4,
      note: '表四 行政复议 · 总计与各项之和不一致，以报告所填为准',
    });
  });
  it('a rate is rounded half up, 「100%」 only when it is all and 「0%」 only when it is none: 2000 of 2001 is 99.95%, not 100%', () => {
    expect(formatRate(2000 / 2001)).toBe('99.95%');
    // half up, as a person rounds: 50.25% is 50.3% (a double holds 0.5025 × 1000 as 502.4999…)
    expect([formatRate(201 / 400), formatRate(203 / 400), formatRate(-201 / 400)]).toEqual([
      '50.3%',
      '50.8%',
      '-50.3%',
    ]);
    expect(formatRate(1 / 2001)).toBe('0.05%');
    expect(formatRate(1 / 30000)).toBe('0.003%');
    expect(formatRate(-1 / 30000)).toBe('-0.003%');
    expect([formatRate(0), formatRate(1), formatRate(0.5), formatRate(30 / 44)]).toEqual([
      '0%',
      '100%',
      '50%',
      '68.2%',
    ]);
    for (let d = 2; d <= 3000; d += 7)
      for (const n of [1, d - 1]) {
        const t = formatRate(n / d);
        expect(t === '0%' || t === '100%', `${n}/${d}: ${t}`).toBe(false);
        expect(Math.abs(Number.parseFloat(t) - (100 * n) / d), `${n}/${d}: ${t}`).toBeLessThan(0.05 + 1e-9);
      }
    // the sentence inserted into section 三 says so too
    let r = exampleReport({ year: 2023 });
    for (const id of Object.keys(r.cells)) if (id.startsWith('applications.')) r = setCell(r, id, 0);
    r = setCell(r, 'applications.granted.naturalPerson', 2000);
    r = setCell(r, 'applications.unable_notHeld.naturalPerson', 1);
    r = derive(r, { overwrite: true }).report;
    expect(narrate(r).sentences.find((s) => s.key === 'disclosureRate')!.text).toBe(
      '予以公开及部分公开合计2000件，占办结总数的99.95%。',
    );
  });
  it('narrate ties sentences to cells and skips what is blank', () => {
    const r = exampleReport({ year: 2023 });
    const n = narrate(r);
    const intake = n.sentences.find((s) => s.key === 'intake')!;
    expect(intake.text).toBe('本年新收政府信息公开申请43件，上年结转4件。');
    expect(intake.cells).toEqual([ap('newReceived'), ap('carriedOver')]);
    const blank = narrate(setCell(r, ap('carriedOver'), null));
    expect(blank.sentences.find((s) => s.key === 'intake')).toBeUndefined();
    expect(blank.missing).toContainEqual({ key: 'intake', cells: [ap('carriedOver')] });
  });
});

describe('aggregate', () => {
  it('sums agencies, recomputes rates from sums, keeps blanks blank', () => {
    const a = exampleReport({
      year: 2023,
      agency: { name: '甲镇人民政府', kind: '人民政府', level: '乡镇级' },
    });
    const b = exampleReport({
      year: 2023,
      agency: { name: '乙局', kind: '政府部门', level: '县级' },
      scale: 3,
    });
    const { report, contributors } = aggregate([a, b], {
      agency: { name: '某县人民政府', kind: '人民政府', level: '县级' },
    });
    expect(report.meta.scope).toBe('region');
    expect(contributors).toEqual(['甲镇人民政府', '乙局']);
    // The roll-up says whose reports it sums.
    expect(report.preamble).toContain('汇总了以下 2 个机关的');
    expect(report.preamble).toContain('：甲镇人民政府、乙局。');
    expect(report.cells[ap('newReceived')]!.value).toBe(43 * 4);
    expect(report.cells['activeDisclosure.adminFees.feeAmount']).toMatchObject({ value: 81.2, unit: '万元' });
    expect(ind(report, 'grantedRate').value).toBeCloseTo(100 / 176);
    const withBlank = aggregate([a, setCell(b, ap('granted', 'otherOrg'), null)]);
    expect(withBlank.report.cells[ap('granted', 'otherOrg')]!.value).toBeNull();
    // the totals 乙局 derived through that cell are blank with it (derive: blank is not zero), never
    // its stale number of before
    expect(withBlank.missing).toEqual(
      [ap('granted', 'otherOrg'), ap('granted'), ap('resultTotal', 'otherOrg'), ap('resultTotal')].map(
        (cell) => ({ cell, agencies: ['乙局'] }),
      ),
    );
  });
  it('refuses mixed years and editions with a code', () => {
    expect(() => aggregate([exampleReport({ year: 2020 }), exampleReport({ year: 2021 })])).toThrowError(
      NianbaoError,
    );
    expect(() => aggregate([])).toThrowError(/没有可汇总/);
  });
  it('converts 元 to 万元 for 2019 procurement amounts', () => {
    const a = setCell(
      exampleReport({ year: 2020 }),
      'activeDisclosure.centralProcurement.procurementAmount',
      { value: 10000, unit: '元' },
    );
    const b = exampleReport({ year: 2020, agency: { name: '示例县教育局' } });
    const { report, notes } = aggregate([a, b]);
    expect(report.cells['activeDisclosure.centralProcurement.procurementAmount']).toMatchObject({
      value: 154.1,
      unit: '万元',
    });
    expect(notes[0]).toContain('万元');
  });
});

describe('compare', () => {
  it('same edition: every cell, with X findings', () => {
    const prev = exampleReport({ year: 2022 });
    const cur = setCell(exampleReport({ year: 2023 }), 'activeDisclosure.punishment.decisions', 400);
    const c = compare(prev, cur);
    expect(c.deltas).toHaveLength(200);
    expect(c.deltas.find((d) => d.key === 'activeDisclosure.punishment.decisions')).toMatchObject({
      previous: 315,
      current: 400,
      delta: 85,
    });
    expect(c.notComparable).toEqual([]);
    // the example's carry-over chain does not hold year to year, and its narrative repeats itself
    const failed = c.findings.filter((f) => f.status === 'failed');
    expect(failed.filter((f) => f.ruleId === 'X1')).toHaveLength(4);
    expect(new Set(failed.map((f) => f.ruleId))).toEqual(new Set(['X1', 'X5']));
  });
  it('a derived total left stale (a part changed without derive) is compared as its parts’ sum now', () => {
    const prev = exampleReport({ year: 2022 });
    const cur = exampleReport({ year: 2023 });
    const part = 'applications.newReceived.naturalPerson';
    const total = 'applications.newReceived.total';
    const stale = setCell(cur, part, cur.cells[part]!.value! + 500);
    expect(stale.cells[total]!.value).toBe(cur.cells[total]!.value); // not recomputed by setCell
    const d = compare(prev, stale).deltas.find((x) => x.key === total)!;
    expect(d.current).toBe(cur.cells[total]!.value! + 500);
    expect(d.delta).toBe(cur.cells[total]!.value! + 500 - prev.cells[total]!.value!);
    // the previous year too
    const stalePrev = setCell(prev, part, prev.cells[part]!.value! + 7);
    expect(compare(stalePrev, cur).deltas.find((x) => x.key === total)!.previous).toBe(
      prev.cells[total]!.value! + 7,
    );
  });
  it('a cell never read (absent) is told from a blank the report printed: Delta.unread and a note per year', () => {
    const prev = exampleReport({ year: 2022 });
    const { [ap('granted', 'naturalPerson')]: _gone, ...rest } = prev.cells;
    const unreadPrev: Report = { ...prev, cells: rest };
    const cur = setCell(exampleReport({ year: 2023 }), ap('partiallyGranted', 'naturalPerson'), null);
    const c = compare(unreadPrev, cur);
    const d = (key: string) => c.deltas.find((x) => x.key === key)!;
    expect(d(ap('granted', 'naturalPerson'))).toMatchObject({
      previous: null,
      delta: null,
      unread: ['previous'],
    });
    // printed blank: no unread, as every cell both reports have
    expect(d(ap('partiallyGranted', 'naturalPerson')).current).toBeNull();
    expect(d(ap('partiallyGranted', 'naturalPerson')).unread).toBeUndefined();
    expect(c.deltas.filter((x) => x.unread)).toHaveLength(1);
    expect(c.notes).toContain(
      '2022 年度的报告中有 1 项未读到（导入时未能读出，不是报告留空），这些项目不计增减',
    );
    // across editions, （六） sums three 2021 rows: one of them unread makes the item unread
    const { [ap('other_feeUnpaid', 'otherOrg')]: _x, ...rest21 } = exampleReport({ year: 2021 }).cells;
    const x = compare(exampleReport({ year: 2020 }), { ...exampleReport({ year: 2021 }), cells: rest21 });
    expect(x.deltas.find((e) => e.key === ap('other', 'otherOrg'))).toMatchObject({
      current: null,
      unread: ['current'],
    });
    expect(compare(prev, exampleReport({ year: 2023 })).deltas.some((e) => e.unread)).toBe(false);
  });
  it('本年增/减 (signed) below 0 last year: the change goes the way the number went', () => {
    const yc = 'activeDisclosure.licensing.yearChange';
    const at = (p: number, c: number) =>
      compare(
        setCell(exampleReport({ year: 2019 }), yc, p),
        setCell(exampleReport({ year: 2020 }), yc, c),
      ).deltas.find((d) => d.key === yc)!;
    // −2 → +2 rose by 4: +200% of last year's 2 (it was −200%, a fall, beside +4)
    expect(at(-2, 2)).toMatchObject({ delta: 4, change: 2 });
    expect(at(-2, -4)).toMatchObject({ delta: -2, change: -1 });
    expect(at(4, 2)).toMatchObject({ delta: -2, change: -0.5 });
    for (const [p, c] of [
      [-3, 1],
      [-1, -2],
      [2, -2],
      [-5, -5],
    ] as const) {
      const d = at(p, c);
      expect(Math.sign(d.change!)).toBe(Math.sign(d.delta!));
    }
  });
  it('money of no unit one year: each year’s amount with the unit its report states (printedUnits), not compared', () => {
    const fee = 'activeDisclosure.adminFees.feeAmount';
    const p22 = setCell(exampleReport({ year: 2022 }), fee, { value: 203000, unit: '元' });
    const c23 = setCell(exampleReport({ year: 2023 }), fee, { value: 5, unit: 'unknown' });
    expect(compare(p22, c23).deltas.find((d) => d.key === fee)).toMatchObject({
      previous: 203000,
      current: 5,
      delta: null,
      unit: 'unknown',
      printedUnits: { previous: '元', current: 'unknown' },
    });
    // no unit stated on a 2021 amount: the header's 万元
    const h22 = setCell(exampleReport({ year: 2022 }), fee, { value: 20.3 });
    expect(compare(h22, c23).deltas.find((d) => d.key === fee)!.printedUnits).toEqual({
      previous: '万元',
      current: 'unknown',
    });
    // both known: converted to 万元, no printedUnits
    expect(compare(p22, h22).deltas.find((d) => d.key === fee)!.printedUnits).toBeUndefined();
  });
  it('money: amounts in 元 and 万元 compare in 万元; an amount without a unit is not compared, and says so', () => {
    const fee = 'activeDisclosure.adminFees.feeAmount';
    const proc = 'activeDisclosure.centralProcurement.procurementAmount';
    // 2019-trial 采购总金额: 251000元 one year, 30万元 the next: 25.1 → 30 万元, +19.5%.
    const p19 = setCell(exampleReport({ year: 2019 }), proc, { value: 251000, unit: '元' });
    const c20 = setCell(exampleReport({ year: 2020 }), proc, { value: 30, unit: '万元' });
    const d = compare(p19, c20).deltas.find((x) => x.key === proc)!;
    expect(d).toMatchObject({ previous: 25.1, current: 30, delta: 4.9, unit: '万元' });
    expect(d.change).toBeCloseTo(4.9 / 25.1, 10);
    // 2021 收费金额 printed in 元 one year: converted, never subtracted from 万元.
    const p22 = setCell(exampleReport({ year: 2022 }), fee, { value: 203000, unit: '元' });
    const c23 = setCell(exampleReport({ year: 2023 }), fee, { value: 20.3, unit: '万元' });
    expect(compare(p22, c23).deltas.find((x) => x.key === fee)).toMatchObject({
      previous: 20.3,
      current: 20.3,
      delta: 0,
      change: 0,
    });
    // No unit printed: as printed, no delta, and a note; 0 needs no unit.
    const u19 = setCell(exampleReport({ year: 2019 }), proc, { value: 251000, unit: 'unknown' });
    const cu = compare(u19, c20);
    expect(cu.deltas.find((x) => x.key === proc)).toMatchObject({
      previous: 251000,
      current: 30,
      delta: null,
      change: null,
      unit: 'unknown',
    });
    expect(cu.notes.join('\n')).toContain('2019 年度的金额未注明单位（元或万元），未作比较');
    const z19 = setCell(exampleReport({ year: 2019 }), proc, { value: 0, unit: 'unknown' });
    expect(compare(z19, c20).deltas.find((x) => x.key === proc)).toMatchObject({
      previous: 0,
      current: 30,
      delta: 30,
      unit: '万元',
    });
    // Counts carry no unit.
    expect(
      compare(p19, c20).deltas.find((x) => x.key === 'applications.granted.total')!.unit,
    ).toBeUndefined();
  });
  it('across editions: the common core, （六） as a total, what is not comparable named', () => {
    const prev = exampleReport({ year: 2020 });
    const cur = exampleReport({ year: 2021 });
    const c = compare(prev, cur);
    // Every key is a cell id (cell-ids.md): the current report's, or for （六） the trial format's total.
    const ids = new Set([...listCells('2019-trial'), ...listCells('2021')].map((d) => d.id));
    for (const d of c.deltas) expect(ids.has(d.key)).toBe(true);
    const other = c.deltas.find((d) => d.key === 'applications.other.total')!;
    expect(other).toMatchObject({ previous: 1, current: 1, delta: 0 });
    expect(other.currentCells).toEqual([ap('other_noCorrection'), ap('other_feeUnpaid'), ap('other_other')]);
    expect(c.deltas.find((d) => d.key === 'activeDisclosure.normativeDocs.made')).toMatchObject({
      quality: 'approximate',
      previous: 6,
      current: 6,
    });
    expect(c.notComparable.map((n) => n.key)).toContain('2021:activeDisclosure.adminFees.feeAmount');
    expect(
      c.notComparable.find((n) => n.key === '2019-trial:activeDisclosure.normativeDocs.totalPublished')!
        .reason,
    ).toContain('概念不同');
    expect(c.deltas.some((d) => d.key.includes('totalPublished') || d.key.includes('.valid'))).toBe(false);
    // the editions named as people know them, never by id (「（2019-trial 版）」 in the 同比's list)
    for (const n of c.notComparable) expect(n.label).not.toMatch(/2019-trial|2021 版）$/);
    expect(c.notComparable.find((n) => n.key === '2021:activeDisclosure.adminFees.feeAmount')!.label).toBe(
      '表二 第二十条第（八）项 行政事业性收费 · 本年收费金额（单位：万元）（2021 版格式）',
    );
    expect(
      c.notComparable.find((n) => n.key === '2019-trial:activeDisclosure.adminFees.prevYearItems')!.label,
    ).toBe('表二 第二十条第（八）项 行政事业性收费 · 上一年项目数量（《格式（试行）》）');
    expect(c.notes.join()).toContain('共同口径');
  });
});

describe('lifecycle', () => {
  it('publication deadlines by kind and level', () => {
    expect(
      publicationDeadline({ year: 2024, agency: { name: '某县司法局', kind: '政府部门', level: '县级' } }),
    ).toEqual({ date: '2025-01-31', basis: '条例第四十九条第一款', ruleId: 'F1' });
    expect(
      publicationDeadline({ year: 2024, agency: { name: '某县人民政府', kind: '人民政府', level: '县级' } })!
        .date,
    ).toBe('2025-03-31');
    expect(
      publicationDeadline(
        { year: 2024, agency: { name: '某镇人民政府', kind: '人民政府', level: '乡镇级' } },
        { townshipDeadline: '02-20' },
      )!.date,
    ).toBe('2025-02-20');
    expect(publicationDeadline({ year: 2024, agency: { name: '某中心' } })).toBeUndefined();
    expect(daysUntil('2025-01-31', '2025-01-20')).toBe(11);
    expect(daysUntil('2025-01-31', '2025-02-02')).toBe(-2);
  });
  it('the reporting year is the calendar year just ended, all year round', () => {
    expect(reportingYear(new Date(2026, 0, 1))).toBe(2025);
    expect(reportingYear(new Date(2026, 0, 31))).toBe(2025);
    expect(reportingYear(new Date(2026, 10, 29))).toBe(2025);
    expect(reportingYear(new Date(2026, 11, 31, 23, 59))).toBe(2025);
    expect(reportingYear(new Date(2027, 0, 1))).toBe(2026);
  });
  it('prefills 上年结转 from last year, across the edition boundary, and nothing else', () => {
    const prev = exampleReport({ year: 2020 });
    const r = prefillFromPrevious(prev, { year: 2021 });
    expect(r.meta.edition).toBe('2021');
    expect(r.cells[ap('carriedOver', 'naturalPerson')]!.value).toBe(2);
    expect(r.cells[ap('carriedOver')]!.value).toBe(3);
    expect(r.cells[ap('newReceived', 'naturalPerson')]!.value).toBeNull();
    expect(r.sections.problems).toBe(prev.sections.problems);
    expect(validate(r, { previous: prev }).filter((f) => f.ruleId === 'X1' && f.status === 'failed')).toEqual(
      [],
    );
    expect(prefillFromPrevious(prev, { year: 2021, copyText: false }).sections.problems).toBe('');
  });
  it('the prefilled 上年结转 total follows its parts, as a typed row does', () => {
    const prev = exampleReport({ year: 2020 });
    const r = prefillFromPrevious(prev, { year: 2021 });
    expect(r.cells[ap('carriedOver')]).toMatchObject({ value: 3, origin: 'derived' });
    // 自然人 changed by hand: the total moves with it (before: it stayed at last year's, and T3-H failed)
    const changed = derive(setCell(r, ap('carriedOver', 'naturalPerson'), 5)).report;
    expect(changed.cells[ap('carriedOver')]!.value).toBe(6);
    // last year's parts not all there: its printed total is carried over as stated
    const partial = setCell(prev, ap('carriedForward', 'otherOrg'), null);
    expect(prefillFromPrevious(partial, { year: 2021 }).cells[ap('carriedOver')]).toMatchObject({
      value: 3,
      origin: 'entered',
    });
  });
});

describe('keyFindings', () => {
  it('keys a finding by rule, cells and section, not by its message; repeats get #n', () => {
    const f = (ruleId: string, cells: string[], message: string, section?: 'overview') =>
      ({ ruleId, cells, message, ...(section ? { section } : {}) }) as const;
    const keyed = keyFindings([
      f('T3-B', ['a', 'b'], '差 1'),
      f('T3-B', ['a', 'b'], '差 2'),
      f('N1', [], '…', 'overview'),
      f('T3-B', ['a', 'b'], '差 3'),
    ]);
    expect(keyed.map((k) => k.key)).toEqual(['T3-B|a,b|', 'T3-B|a,b|#1', 'N1||overview', 'T3-B|a,b|#2']);
    expect(keyed[0]!.message).toBe('差 1');
    // The same findings with other numbers in their messages keep their keys.
    const again = keyFindings([f('T3-B', ['a', 'b'], '差 9'), f('T3-B', ['a', 'b'], '差 8')]);
    expect(again.map((k) => k.key)).toEqual(keyed.slice(0, 2).map((k) => k.key));
  });
});

describe('checkConfig', () => {
  it('accepts what the catalogue has, says what it does not', () => {
    expect(
      checkConfig({
        rules: { 'T3-W1': { options: { maxRatio: 0.3 } }, X5: { options: { threshold: 0.8 } } },
      }),
    ).toEqual([]);
    expect(
      checkConfig({
        rules: {
          NOPE: 'off',
          C2: { severity: 'fatal' as never },
          'T3-W1': { options: { maxRatio: -5, nope: 1 } },
          X5: { options: { threshold: 1.5 } },
          F3: { options: { deadline: '13-40' } },
          'T2-3': { options: { maxByLevel: { 县级: 'abc', 村级: 3 } } },
        },
      }),
    ).toEqual([
      '未知的规则：NOPE',
      '规则 C2 的级别无效：fatal',
      '规则 T3-W1 的选项 maxRatio 应大于 0、不大于 1（0.5 即 50%），实际为 -5',
      '规则 T3-W1 没有选项 nope（可用：maxRatio）',
      '规则 X5 的选项 threshold 应大于 0、不大于 1（0.9 即 90%），实际为 1.5',
      '规则 F3 的选项 deadline 不是实际存在的日期（月-日）："13-40"，请写如 01-31',
      '规则 T2-3 的选项 maxByLevel.县级 应为数字，实际为 "abc"',
      '规则 T2-3 的选项 maxByLevel 中没有 村级（可用：乡镇级、县级、市级、省级、国务院部门）',
    ]);
  });

  it('refuses options that would make a rule never or always fire (QA: 结转 ratio 500%, X6 factor 0)', () => {
    expect(
      checkConfig({
        rules: {
          'T3-W1': { options: { maxRatio: 5 } },
          X6: { options: { factor: 0, minCount: 2.5 } },
          X5: { options: { threshold: 0, minLength: -1 } },
          'T2-3': { options: { governmentFactor: 0.5, maxByLevel: { 县级: 0 } } },
          F3: { options: { deadline: '3-31' } },
        },
      }),
    ).toEqual([
      '规则 T3-W1 的选项 maxRatio 应大于 0、不大于 1（0.5 即 50%），实际为 5',
      '规则 X6 的选项 factor 应大于 1（10 即相差十倍），实际为 0',
      '规则 X6 的选项 minCount 应为不小于 0 的整数，实际为 2.5',
      '规则 X5 的选项 threshold 应大于 0、不大于 1（0.9 即 90%），实际为 0',
      '规则 X5 的选项 minLength 应为不小于 0 的整数，实际为 -1',
      '规则 T2-3 的选项 governmentFactor 应不小于 1，实际为 0.5',
      '规则 T2-3 的选项 maxByLevel.县级 应大于 0，实际为 0',
      '规则 F3 的选项 deadline 的月和日应各写两位，如 03-31，实际为 "3-31"',
    ]);
    expect(checkConfig({ rules: { F3: { options: { deadline: '02-30' } } } })).toEqual([
      '规则 F3 的选项 deadline 不是实际存在的日期（月-日）："02-30"，请写如 01-31',
    ]);
    // the edges that do make sense
    expect(
      checkConfig({
        rules: {
          'T3-W1': { options: { maxRatio: 1 } },
          X6: { options: { factor: 1.5, minCount: 0 } },
          'T2-3': { options: { governmentFactor: 1 } },
          F3: { options: { deadline: '02-29' } },
        },
      }),
    ).toEqual([]);
  });
});

describe('expectation', () => {
  it('says a limit as a limit, an equality as one', () => {
    const r = exampleReport({ year: 2022 });
    const findings = validate(
      setCell(
        setCell(r, 'activeDisclosure.normativeDocs.made', 50),
        'activeDisclosure.normativeDocs.valid',
        12,
      ),
    );
    const t22 = findings.find((f) => f.ruleId === 'T2-2')!;
    expect(expectation(t22)).toBe('应不少于 50，实为 12');
    expect(expectation({ expected: 86, actual: 74 })).toBe('应为 86，实为 74');
    expect(expectation({ expected: 0.9, actual: 1, bound: 'below' })).toBe('应低于 0.9，实为 1');
    expect(expectation({ expected: null, actual: 3 })).toBeNull();
  });

  it('X5: the similarity and its limit both as percentages (was 「相似度为 100%…应低于 0.9，实为 1」)', () => {
    const r = exampleReport({ year: 2022 });
    const previous = { ...exampleReport({ year: 2021 }), sections: r.sections };
    const x5 = validate(r, { previous }).filter((f) => f.ruleId === 'X5');
    expect(x5.length).toBeGreaterThan(0);
    for (const f of x5) {
      expect(f.message).toContain('相似度为 100%');
      expect(expectation(f)).toBe('应不超过 90%，实为 100%');
      // for machines the numbers stay fractions
      expect([f.expected, f.actual, f.measure]).toEqual([0.9, 1, 'share']);
    }
    expect(expectation({ expected: 0.85, actual: 0.875, bound: 'below', measure: 'share' })).toBe(
      '应低于 85%，实为 87.5%',
    );
  });
});
