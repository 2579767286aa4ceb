import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exampleReport } from '../examples.js';
import { sameAgency, setCell, setSection } from '../model.js';
import { validate } from '../validate.js';

const X = ['X1', 'X2', 'X3', 'X4', 'X5', 'X6'];
const crossYear = (r: Parameters<typeof validate>[0], previous: Parameters<typeof validate>[0]) =>
  validate(r, { previous, only: X });

describe('cross-year rules pair a report only with the same agency’s year before', () => {
  const agency = { id: 'a-1', name: '示例县交通运输局' };
  const text = '本年度我局认真贯彻落实政府信息公开条例，主动公开各类政府信息，依法办理依申请公开，'.repeat(3);
  const mk = (year: number, a: { id?: string; name: string }) =>
    setSection(exampleReport({ year, agency: a }), 'overview', text);

  it('another agency’s report (by 编号): one unchecked X1 naming both, and no X1–X6 finding from its numbers or text', () => {
    const cur = mk(2023, agency);
    const other = setCell(
      mk(2022, { id: 'b-2', name: '示例县教育局' }),
      'applications.carriedForward.total',
      99,
    );
    const f = crossYear(cur, other);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ ruleId: 'X1', status: 'unchecked' });
    expect(f[0]!.message).toBe(
      '所给上一年度报告是示例县教育局的报告，不是示例县交通运输局的，跨年核对未进行',
    );
    // The same report of the same agency is compared: X5 sees the repeated text.
    const same = crossYear(cur, mk(2022, agency));
    expect(same.some((x) => x.ruleId === 'X5' && x.status === 'failed')).toBe(true);
  });

  it('without 编号 on both, the name decides (spaces aside); a renamed agency with one 编号 is the same', () => {
    const cur = mk(2023, { name: '示例县交通运输局' });
    expect(
      crossYear(cur, mk(2022, { name: '示例县 交通运输局' })).some(
        (x) => x.status === 'unchecked' && x.message.includes('不是'),
      ),
    ).toBe(false);
    expect(crossYear(cur, mk(2022, { name: '示例县教育局' }))[0]!.message).toContain(
      '不是示例县交通运输局的',
    );
    const renamed = crossYear(
      mk(2023, { id: 'a-1', name: '示例县交通运输局' }),
      mk(2022, { id: 'a-1', name: '示例县交通局' }),
    );
    expect(renamed.some((x) => x.message.includes('跨年核对未进行'))).toBe(false);
  });

  it('a report of another year: X5 and X6 say nothing either (only X1’s one unchecked)', () => {
    const f = crossYear(mk(2023, agency), mk(2021, agency));
    expect(f.map((x) => [x.ruleId, x.status])).toEqual([['X1', 'unchecked']]);
  });

  it('X2: a blank operand is said (unchecked), not silently skipped; blank in both years says nothing', () => {
    const prev = mk(2022, agency);
    const cur = setCell(mk(2023, agency), 'activeDisclosure.regulations.made', null);
    const x2 = crossYear(cur, prev).filter((x) => x.ruleId === 'X2');
    expect(x2).toHaveLength(1);
    expect(x2[0]).toMatchObject({
      status: 'unchecked',
      severity: 'info',
      cells: ['activeDisclosure.regulations.valid'],
    });
    expect(x2[0]!.message).toBe('无法核对表二 规章的现行有效件数与上年衔接：本年制发件数为空白');
    let blankBoth = prev;
    let blankCur = mk(2023, agency);
    for (const c of ['made', 'repealed', 'valid']) {
      blankBoth = setCell(blankBoth, `activeDisclosure.regulations.${c}`, null);
      blankCur = setCell(blankCur, `activeDisclosure.regulations.${c}`, null);
    }
    expect(crossYear(blankCur, blankBoth).filter((x) => x.ruleId === 'X2')).toEqual([]);
  });
});

describe('sameAgency', () => {
  it('the same name with or without the places above it; another agency or a place of another kind is not', () => {
    expect(sameAgency({ name: '洪泽区人民政府' }, { name: '淮安市洪泽区人民政府' })).toBe(true);
    expect(sameAgency({ name: '某某省某某县东山乡人民政府' }, { name: '东山乡人民政府' })).toBe(true);
    expect(sameAgency({ name: '示例县 教育局' }, { name: '示例县教育局' })).toBe(true);
    expect(sameAgency({ name: '示例县教育局' }, { name: '示例县交通运输局' })).toBe(false);
    // 「教育局」 alone is too short to stand for an agency; 「西城区教育局」 vs 「东城区教育局」 differ.
    expect(sameAgency({ name: '教育局' }, { name: '示例县教育局' })).toBe(false);
    expect(sameAgency({ name: '西城区教育局' }, { name: '东城区教育局' })).toBe(false);
    // A prefix that is not a place: 「国家税务总局洪泽区税务局」 is not 「洪泽区税务局」's place name.
    expect(sameAgency({ name: '洪泽区税务局' }, { name: '国家税务总局洪泽区税务局' })).toBe(false);
    // Two reports whose agency the importer could not find are not thereby the same agency.
    expect(sameAgency({ name: '（未识别机关）' }, { name: '（未识别机关）' })).toBe(false);
    expect(sameAgency({ name: '' }, { name: '' })).toBe(false);
    // 编号 on both decide, whatever the names.
    expect(sameAgency({ id: 'a', name: '甲' }, { id: 'a', name: '乙' })).toBe(true);
    expect(sameAgency({ id: 'a', name: '示例县教育局' }, { id: 'b', name: '示例县教育局' })).toBe(false);
  });

  it('is symmetric, and every name is the same agency as itself with a province and city before it (fast-check)', () => {
    const han = fc
      .array(fc.integer({ min: 0x4e00, max: 0x9fa5 }), { minLength: 4, maxLength: 12 })
      .map((cs) => String.fromCharCode(...cs));
    fc.assert(
      fc.property(han, han, (a, b) => {
        expect(sameAgency({ name: a }, { name: b })).toBe(sameAgency({ name: b }, { name: a }));
        expect(sameAgency({ name: a }, { name: `某某省某某市${a}` })).toBe(true);
      }),
    );
  });
});
