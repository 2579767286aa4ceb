import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getEdition } from '../editions/index.js';
import { exampleReport } from '../examples.js';
import { setCell, setSection } from '../model.js';
import { validate } from '../validate.js';

/** The applicants' columns of 表三 (all but 总计). */
const APPLICANTS = getEdition('2021')
  .tables.applications.columns.map((c) => c.key)
  .filter((k) => k !== 'total');

const n1 = (r: Parameters<typeof validate>[0]) => validate(r, { only: ['N1'] });
const granted = (col: string) => `applications.granted.${col}`;

describe('N1: the decisions of 表二 quoted in the text', () => {
  it.each([2019, 2023])(
    '%i: narrate’s sentence agrees; a 更正 of 表二 that leaves the text behind is flagged',
    (year) => {
      const r = exampleReport({ year });
      const says = (l: number, p: number, c: number) =>
        setSection(r, 'overview', `本年作出行政许可决定${l}件、行政处罚决定${p}件、行政强制决定${c}件。`);
      const v = (id: string) => r.cells[`activeDisclosure.${id}.decisions`]!.value as number;
      const [l, p, c] = [v('licensing'), v('punishment'), v('coercion')];
      expect(n1(says(l, p, c))).toEqual([]);
      // QA: 行政许可 corrected 2600 → 2650, the text still 2500
      const f = n1(says(l + 50, p, c)).filter((x) => x.status === 'failed');
      expect(f).toHaveLength(1);
      expect(f[0]).toMatchObject({
        cells: ['activeDisclosure.licensing.decisions'],
        expected: l,
        actual: l + 50,
      });
      expect(f[0]!.message).toBe(`正文「行政许可决定${l + 50}件」与表格不符：表格为 ${l}`);
      expect(
        n1(says(l, p + 1, c + 2))
          .filter((x) => x.status === 'failed')
          .map((x) => x.cells),
      ).toEqual([['activeDisclosure.punishment.decisions'], ['activeDisclosure.coercion.decisions']]);
    },
  );
});

describe('N1 with blank totals', () => {
  const base = setSection(exampleReport({ year: 2023 }), 'applications', '本年度予以公开7件。');

  it('a 总计 left blank is the sum of its applicants when they are all there', () => {
    const r = setCell(base, granted('total'), null);
    const parts = APPLICANTS.map((c) => r.cells[granted(c)]!.value as number).reduce((a, b) => a + b, 0);
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

  it('what is filled in already exceeds the number quoted: a finding, though some cells are blank', () => {
    // 上海 2019: 「予以公开及部分公开258件」, the 总计 blank, the applicants' columns 258+12+1+1 and 3.
    let r = setSection(base, 'applications', '本年度予以公开及部分公开258件。');
    for (const row of ['granted', 'partiallyGranted'])
      for (const col of ['total', ...APPLICANTS]) r = setCell(r, `applications.${row}.${col}`, null);
    r = setCell(r, granted('naturalPerson'), 258);
    r = setCell(r, granted('commercialEnterprise'), 12);
    r = setCell(r, granted('researchInstitution'), 1);
    r = setCell(r, granted('otherOrg'), 1);
    r = setCell(r, 'applications.partiallyGranted.naturalPerson', 3);
    const f = n1(r);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ status: 'failed', expected: 275, actual: 258, bound: 'atLeast' });
    expect(f[0]!.message).toBe(
      '正文「予以公开及部分公开258件」与表格不符：表格中已填的数字之和已达 275（另有空白）',
    );
    // Below what is filled in: still unchecked.
    expect(n1(setSection(r, 'applications', '本年度予以公开及部分公开300件。'))[0]!.status).toBe('unchecked');
  });

  it('a category quoted whole is never judged against one of its rows because the sum is blank', () => {
    let r = setSection(base, 'applications', '本年度不予公开35件。');
    for (const id of Object.keys(r.cells))
      if (id.startsWith('applications.denied_')) r = setCell(r, id, null);
    r = setCell(r, 'applications.denied_adminQuery.total', 0);
    const f = n1(r);
    expect(f.map((x) => x.status)).toEqual(['unchecked']);
    // One row quoted alone still passes on its own row.
    r = setCell(r, 'applications.denied_adminQuery.total', 35);
    expect(n1(r)).toEqual([]);
  });

  it('a row the document did not print is said as not read (未读到), not as blank', () => {
    const { [granted('total')]: _t, [granted('naturalPerson')]: _n, ...cells } = base.cells;
    const f = n1({ ...base, cells });
    expect(f[0]!.message).toBe('正文「予以公开7件」无法与表格核对：表格中表三 （一）予以公开 · 总计未读到');
  });
});

describe('N1: the same words again in a part are one finding', () => {
  it('a sentence repeated 12,000 times: one finding saying how often, not 12,000', () => {
    const r = exampleReport({ year: 2024 });
    const text = '本年新收政府信息公开申请1件，'.repeat(12_000);
    const f = n1(setSection(r, 'overview', text));
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toBe(
      `正文「新收政府信息公开申请1件」与表格不符：表格为 ${r.cells['applications.newReceived.total']!.value}（本部分出现 12000 次）`,
    );
  });

  it('for any mix of right and wrong quotes, repeated in any order: one finding per wrong quote and part, with its count (fast-check)', () => {
    const r = exampleReport({ year: 2024 });
    const v = (id: string) => r.cells[`activeDisclosure.${id}.decisions`]!.value as number;
    const right = [`行政许可决定${v('licensing')}件`, `行政处罚决定${v('punishment')}件`];
    const wrong = [`行政许可决定${v('licensing') + 1}件`, `行政强制决定${v('coercion') + 7}件`];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...right, ...wrong), { minLength: 1, maxLength: 30 }),
        fc.constantFrom('overview', 'activeDisclosure') as fc.Arbitrary<'overview' | 'activeDisclosure'>,
        (quotes, part) => {
          const f = n1(setSection(r, part, quotes.map((q) => `本年作出${q}。`).join('')));
          const counts = new Map<string, number>();
          for (const q of quotes) if (wrong.includes(q)) counts.set(q, (counts.get(q) ?? 0) + 1);
          expect(f).toHaveLength(counts.size);
          for (const [q, n] of counts) {
            const found = f.filter((x) => x.message.startsWith(`正文「${q}」`));
            expect(found).toHaveLength(1);
            expect(found[0]!.section).toBe(part);
            if (n > 1) expect(found[0]!.message).toMatch(new RegExp(`（本部分出现 ${n} 次）$`));
            else expect(found[0]!.message).not.toMatch(/本部分出现/);
          }
        },
      ),
    );
  });
});
