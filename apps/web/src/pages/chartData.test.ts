import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  blankBars,
  pairByAgency,
  pieData,
  pieLegendText,
  sumOrBlank,
  tieText,
  topAgencies,
} from './chartData';

const legal = ['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'];
const groups = [{ label: '法人或其他组织', names: legal }];

describe('roll-up charts: a blank is never drawn as 0', () => {
  it('a pie with a blank slice is not drawn, and says which slices are blank', () => {
    const mix = [{ name: '自然人', value: 12 }, ...legal.map((name) => ({ name, value: null }))];
    expect(pieData(mix, groups)).toEqual({
      kind: 'blank',
      text: '法人或其他组织 5 项有空白单元格，无法作图',
    });
    expect(
      pieData(
        [
          { name: '自然人', value: 3 },
          { name: '商业企业', value: null },
        ],
        groups,
      ),
    ).toEqual({
      kind: 'blank',
      text: '商业企业有空白单元格，无法作图',
    });
    expect(
      pieData([
        { name: '甲', value: null },
        { name: '乙', value: null },
        { name: '丙', value: null },
        { name: '丁', value: null },
      ]).kind === 'blank' &&
        (
          pieData([
            { name: '甲', value: null },
            { name: '乙', value: null },
            { name: '丙', value: null },
            { name: '丁', value: null },
          ]) as { text: string }
        ).text,
    ).toBe('甲、乙等 4 项有空白单元格，无法作图');
  });
  it('all numbers: drawn when some is above 0, nothing to draw when all are 0', () => {
    expect(
      pieData([
        { name: '自然人', value: 12 },
        { name: '商业企业', value: 0 },
      ]),
    ).toEqual({
      kind: 'pie',
      data: [
        { name: '自然人', value: 12 },
        { name: '商业企业', value: 0 },
      ],
    });
    expect(pieData([{ name: '自然人', value: 0 }])).toEqual({ kind: 'empty' });
  });
  it('a sum with a blank is blank; blank bars are said', () => {
    expect(sumOrBlank([1, 2])).toBe(3);
    expect(sumOrBlank([1, null])).toBeNull();
    expect(blankBars(['本年新收', '办结'], [{ name: '2024 年度', data: [null, 5] }])).toBe(
      '空白（未画柱）：2024 年度 本年新收',
    );
    expect(blankBars(['本年新收'], [{ name: '2024 年度', data: [0] }])).toBe('');
  });
});

describe('roll-up year on year at province size', () => {
  it('pairs last year by agency id: two 城关镇人民政府 of two counties are not swapped', () => {
    const now = [
      { agencyId: 'a-town', agencyName: '城关镇人民政府', figures: 30 },
      { agencyId: 'b-town', agencyName: '城关镇人民政府', figures: 7 },
      { agencyId: 'c-new', agencyName: '新设机关', figures: 1 },
    ];
    const last = [
      { agencyId: 'b-town', agencyName: '城关镇人民政府', figures: 5 },
      { agencyId: 'a-town', agencyName: '城关镇人民政府', figures: 20 },
    ];
    expect(pairByAgency(now, last)).toEqual([
      { agencyId: 'a-town', now: 30, before: 20 },
      { agencyId: 'b-town', now: 7, before: 5 },
      { agencyId: 'c-new', now: 1, before: null },
    ]);
  });

  it('topAgencies: all when few, else the most 本年新收 (blank last), saying how many there were', () => {
    const few = [1, 2, 3];
    expect(topAgencies(few, (x) => x, 30)).toEqual({ rows: few, total: 3, cut: false });
    const many = [5, null, 9, 1, 9];
    expect(topAgencies(many, (x) => x, 3)).toEqual({ rows: [9, 9, 5], total: 5, cut: true });
    expect(topAgencies(many, (x) => x, 5).rows).toEqual(many);
    expect(topAgencies([null, 0, null], (x) => x, 2).rows).toEqual([0, null]);
  });
});

describe('pieLegendText (a phone pie names its slices in the legend)', () => {
  const data = [
    { name: '自然人', value: 216 },
    { name: '法律服务机构', value: 6 },
    { name: '其他', value: 0 },
  ];
  it('says each slice count and share, one decimal', () => {
    expect(pieLegendText(data, '法律服务机构')).toBe('法律服务机构 6 件（2.7%）');
    expect(pieLegendText(data, '其他')).toBe('其他 0 件（0%）');
    expect(pieLegendText(data, '不在图中')).toBe('不在图中');
    // a slice that is neither all nor none is never 「100%」 / 「0%」; half up as a person rounds
    const lopsided = [
      { name: '自然人', value: 2000 },
      { name: '其他', value: 1 },
    ];
    expect(pieLegendText(lopsided, '自然人')).toBe('自然人 2000 件（99.95%）');
    expect(pieLegendText(lopsided, '其他')).toBe('其他 1 件（0.05%）');
    expect(
      pieLegendText(
        [
          { name: 'a', value: 201 },
          { name: 'b', value: 199 },
        ],
        'a',
      ),
    ).toBe('a 201 件（50.3%）');
  });
  it('the shares add up to about 100 %', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(10_000), { minLength: 1, maxLength: 8 }), (vs) => {
        fc.pre(vs.some((v) => v > 0));
        const d = vs.map((value, k) => ({ name: `n${k}`, value }));
        const pct = d.map((x) => Number(pieLegendText(d, x.name).match(/（([\d.]+)%）/)![1]));
        expect(Math.abs(pct.reduce((a, b) => a + b, 0) - 100)).toBeLessThanOrEqual(0.05 * d.length + 1e-9);
      }),
    );
  });
});

describe('topAgencies at a tie (30 equal bars are no ranking)', () => {
  it('says when the cut falls among agencies of equal value', () => {
    const flat = Array.from({ length: 200 }, () => 3);
    const top = topAgencies(flat, (x) => x, 30);
    expect(top.tie).toEqual({ value: 3, shown: 30, total: 200 });
    expect(tieText(top, (x) => x)).toBe(
      '所画的 30 个机关均为 3 件，另有 170 个机关同为 3 件，未画出（并列时按列表顺序取前 30 个）',
    );
    const some = [9, 8, 3, 3, 3, 3, 1];
    const cut = topAgencies(some, (x) => x, 4);
    expect(cut.rows).toEqual([9, 8, 3, 3]);
    expect(tieText(cut, (x) => x)).toBe('同为 3 件的 4 个机关只画了 2 个（并列时按列表顺序），另 2 个未画出');
    expect(topAgencies([5, 4, 3, 3], (x) => x, 2).tie).toBeUndefined();
    // 29 equal bars and the 30th one of 30 equal below them (QA's province): both said
    const qa = [...Array.from({ length: 29 }, () => 385), ...Array.from({ length: 30 }, () => 344), 12];
    expect(
      tieText(
        topAgencies(qa, (x) => x, 30),
        (x) => x,
      ),
    ).toBe(
      '所画的 30 个机关中 29 个同为 385 件；同为 344 件的 30 个机关只画了 1 个（并列时按列表顺序），另 29 个未画出',
    );
    // no cut, every bar equal
    expect(
      tieText(
        topAgencies([7, 7, 7, 7, 7], (x) => x, 30),
        (x) => x,
      ),
    ).toBe('这 5 个机关均为 7 件');
    expect(
      tieText(
        topAgencies([7, 7, 7, 7, 6], (x) => x, 30),
        (x) => x,
      ),
    ).toBe('');
    expect(
      tieText(
        topAgencies([5, 4, 3, 3], (x) => x, 2),
        (x) => x,
      ),
    ).toBe('');
  });
  it('for any values: a tie is said exactly when an agency left out equals one drawn', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.nat(5), { nil: null }), { maxLength: 60 }),
        fc.integer({ min: 1, max: 40 }),
        (vs, max) => {
          const top = topAgencies(vs, (x) => x, max);
          if (!top.cut) {
            expect(top.tie).toBeUndefined();
            return;
          }
          const drawn = new Set(top.rows);
          const leftOut = [...vs];
          for (const r of top.rows) leftOut.splice(leftOut.indexOf(r), 1);
          const clash = leftOut.some((v) => drawn.has(v));
          expect(!!top.tie).toBe(clash);
          if (top.tie)
            expect(top.tie.shown + leftOut.filter((v) => v === top.tie!.value).length).toBe(top.tie.total);
        },
      ),
    );
  });
});
