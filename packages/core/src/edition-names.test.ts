import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aggregate } from './aggregate.js';
import { getEdition } from './editions/index.js';
import { exampleReport } from './examples.js';
import { editionName, NianbaoError, type Report, zh } from './model.js';
import { validate } from './validate.js';

// Messages for people name a format as people know it (《格式（试行）》 / 2021 版格式), never by its
// internal id (2019-trial).
describe('formats named for people, not by id', () => {
  const agency = (id: string, name: string) => ({
    id,
    name,
    kind: '政府部门' as const,
    level: '县级' as const,
  });

  it('aggregate of two formats: MIXED_EDITIONS says 《格式（试行）》 and 2021 版格式', () => {
    const a = exampleReport({ year: 2021, agency: agency('a', '甲局') });
    const b: Report = { ...exampleReport({ year: 2021, agency: agency('b', '乙局') }) };
    const trial: Report = { ...b, meta: { ...b.meta, edition: '2019-trial' } };
    let err: unknown;
    try {
      aggregate([a, trial]);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(NianbaoError);
    expect((err as NianbaoError).code).toBe('MIXED_EDITIONS');
    expect((err as NianbaoError).message).toContain('2021 版格式');
    expect((err as NianbaoError).message).toContain('《格式（试行）》');
    expect((err as NianbaoError).message).not.toContain('2019-trial');
  });

  it('a 2021 report holding cells only the trial format has: the finding names both formats', () => {
    const r = exampleReport({ year: 2021, agency: agency('a', '甲局') });
    const trial = getEdition('2019-trial');
    const now = getEdition('2021');
    const onlyTrial = [...trial.cellIndex.keys()].filter((id) => !now.cellIndex.has(id));
    expect(onlyTrial.length).toBeGreaterThan(0);
    const cells = { ...r.cells, [onlyTrial[0]!]: { value: 1 } };
    const messages = validate({ ...r, cells } as Report).map((f) => f.message);
    const said = messages.find((m) => m.includes('才有的项目'));
    expect(said).toMatch(/含有《格式（试行）》才有的项目（.+），与本报告的 2021 版格式不符/);
    expect(messages.join('\n')).not.toContain('2019-trial');
  });
});

// 「适用 2021 版格式」, as every message writes 「第 3 版」: a space where a value meets Chinese text
// with a digit or a Latin letter, none next to full-width punctuation, the template's own text kept.
describe('zh: messages built from values', () => {
  it('spaces a format name, a year or an id where it meets Chinese text, and nothing else', () => {
    expect(zh`适用${editionName('2021')}`).toBe('适用 2021 版格式');
    expect(zh`适用${editionName('2019-trial')}`).toBe('适用《格式（试行）》');
    expect(zh`而${'甲县交通运输局'}${2020} 年度`).toBe('而甲县交通运输局 2020 年度');
    expect(zh`单元格 ${'T3.r1.c1'}不属于`).toBe('单元格 T3.r1.c1 不属于');
    expect(zh`（${2021}）`).toBe('（2021）');
    expect(zh`第${''}条`).toBe('第条');
    expect(zh`${'2021 版格式'}的行`).toBe('2021 版格式的行');
  });

  const HAN = /\p{Script=Han}/u;
  const ALNUM = /[0-9A-Za-z]/;
  const part = fc.constantFrom('', '甲', '县', '2', 'a', 'Z', ' ', '（', '）', '，', '《', '》');
  it('for any parts: only spaces are added, one at most per join, and no Chinese character is left touching a digit or letter', () => {
    fc.assert(
      fc.property(
        fc.array(part, { minLength: 1, maxLength: 8 }),
        fc.array(part, { maxLength: 7 }),
        (lits, vals) => {
          const literals = lits.slice(0, vals.length + 1);
          while (literals.length < vals.length + 1) literals.push('');
          const strings = Object.assign([...literals], {
            raw: [...literals],
          }) as unknown as TemplateStringsArray;
          const out = zh(strings, ...vals);
          const plain = literals.map((l, i) => l + (vals[i] ?? '')).join('');
          expect(out.replaceAll(' ', '')).toBe(plain.replaceAll(' ', ''));
          expect(out.length - plain.length).toBeLessThanOrEqual(2 * vals.length);
          const chars = [...out];
          for (let i = 1; i < chars.length; i++) {
            const [a, b] = [chars[i - 1]!, chars[i]!];
            expect((HAN.test(a) && ALNUM.test(b)) || (ALNUM.test(a) && HAN.test(b))).toBe(false);
          }
        },
      ),
    );
  });
});
