import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatValue, isPartialNumber, parseCellText } from './cell-input.js';

describe('cell input: what is typed or pasted into a cell', () => {
  it('parses counts, signed counts and money; blank is not zero', () => {
    expect(parseCellText('12', 'count')).toEqual({ kind: 'value', value: 12 });
    expect(parseCellText('１，２３４', 'count')).toEqual({ kind: 'value', value: 1234 });
    expect(parseCellText('5件', 'count')).toEqual({ kind: 'value', value: 5 });
    expect(parseCellText('', 'count')).toEqual({ kind: 'blank' });
    expect(parseCellText('—', 'count')).toEqual({ kind: 'blank' });
    expect(parseCellText('-2', 'count').kind).toBe('error');
    expect(parseCellText('1.5', 'count').kind).toBe('error');
    expect(parseCellText('-2', 'signedCount')).toEqual({ kind: 'value', value: -2 });
    expect(parseCellText('+4', 'signedCount')).toEqual({ kind: 'value', value: 4 });
    expect(parseCellText('20.3', 'money')).toEqual({ kind: 'value', value: 20.3 });
    expect(parseCellText('abc', 'money').kind).toBe('error');
  });
  it('honours a unit typed into a money cell, and refuses a money unit on a count', () => {
    // 2019 采购总金额: the report says the unit, the unit typed becomes the cell's
    expect(parseCellText('15.3万元', 'money', null)).toEqual({ kind: 'value', value: 15.3, unit: '万元' });
    expect(parseCellText('800元', 'money', null)).toEqual({ kind: 'value', value: 800, unit: '元' });
    // 2021 本年收费金额（单位：万元）: 元 converted exactly, and said
    expect(parseCellText('20000元', 'money', '万元')).toEqual({
      kind: 'value',
      value: 2,
      note: '已按万元换算：20000元 = 2万元',
    });
    expect(parseCellText('15元', 'money', '万元')).toMatchObject({ value: 0.0015 });
    expect(parseCellText('1,234.56元', 'money', '万元')).toMatchObject({ value: 0.123456 });
    expect(parseCellText('0.1元', 'money', '万元')).toMatchObject({ value: 0.00001 });
    expect(parseCellText('3万元', 'money', '万元')).toEqual({ kind: 'value', value: 3 });
    expect(parseCellText('0.001元', 'money', '万元').kind).toBe('error');
    // 亿元, printed nowhere, is given in 万元 exactly; never 5 (the 亿 dropped) nor 5 元
    expect(parseCellText('5亿元', 'money', '万元')).toEqual({
      kind: 'value',
      value: 50000,
      note: '已按万元换算：5亿元 = 50000万元',
    });
    expect(parseCellText('1.5亿元', 'money', '万元')).toMatchObject({ value: 15000 });
    expect(parseCellText('0.000012亿元', 'money', '万元')).toMatchObject({ value: 0.12 });
    expect(parseCellText('2.4亿元', 'money', null)).toMatchObject({ value: 24000, unit: '万元' });
    expect(parseCellText('5亿元', 'count').kind).toBe('error');
    for (const t of ['9百万元', '2千元', '1.5亿万元', '约5万元', '万', '5万万'])
      expect(parseCellText(t, 'money', '万元'), t).toMatchObject({ kind: 'error' });
    // a unit on a count: 件 is fine, 万元 is not; 件 on an amount is not either
    expect(parseCellText('5件', 'count')).toEqual({ kind: 'value', value: 5 });
    expect(parseCellText('5万元', 'count')).toMatchObject({
      kind: 'error',
      message: expect.stringContaining('不能带金额单位'),
    });
    expect(parseCellText('5元', 'signedCount').kind).toBe('error');
    expect(parseCellText('5件', 'money', '万元').kind).toBe('error');
    expect(isPartialNumber('5万', 'count')).toBe(false);
    expect(isPartialNumber('15.3万', 'money')).toBe(true);
  });
  it('refuses keystrokes that cannot become a number of the cell kind', () => {
    expect(isPartialNumber('12', 'count')).toBe(true);
    expect(isPartialNumber('1a', 'count')).toBe(false);
    // 「-」 is a blank mark (as imported), not a minus: a count cell takes it as blank
    expect(isPartialNumber('-', 'count')).toBe(true);
    expect(isPartialNumber('-3', 'count')).toBe(false);
    expect(isPartialNumber('-', 'signedCount')).toBe(true);
    expect(isPartialNumber('1.', 'money')).toBe(true);
    expect(isPartialNumber('1.2.', 'money')).toBe(false);
    expect(formatValue(4, 'signedCount')).toBe('+4');
    expect(formatValue(null, 'count')).toBe('');
  });
});

describe('cell input, for all numbers', () => {
  it('a count reads back as itself, with or without thousands separators, in full-width digits too', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999_999_999 }), (n) => {
        const plain = String(n);
        const grouped = n.toLocaleString('en-US');
        const wide = plain.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
        for (const t of [plain, grouped, wide, `${plain}件`])
          expect(parseCellText(t, 'count')).toEqual({ kind: 'value', value: n });
      }),
    );
  });
  it('元 typed where 万元 is printed is the same amount in 万元, exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999 }), fc.integer({ min: 0, max: 99 }), (yuan, fen) => {
        const text = `${yuan}.${String(fen).padStart(2, '0')}元`;
        const p = parseCellText(text, 'money', '万元');
        expect(p.kind).toBe('value');
        // in 分: 1 万元 = 10⁶ 分
        const wan = (p as { value: number }).value;
        expect(Math.round(wan * 1e6)).toBe(yuan * 100 + fen);
      }),
    );
  });
  it('亿元 is 10000 万元 exactly, for any amount with up to 6 decimals (fast-check)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 9 }), fc.integer({ min: 0, max: 6 }), (n, k) => {
        const text = k ? `${Math.floor(n / 10 ** k)}.${String(n % 10 ** k).padStart(k, '0')}` : String(n);
        const p = parseCellText(`${text}亿元`, 'money', '万元');
        // n × 10^(4-k) 万元: an integer when k ≤ 4, else n / 10^(k-4)
        const expected = k <= 4 ? n * 10 ** (4 - k) : Number(`${n}e-${k - 4}`);
        if (String(Math.floor(expected)).length > 12) expect(p.kind).toBe('error');
        else expect(p).toMatchObject({ kind: 'value', value: expected });
      }),
    );
  });
});

// QA bad input (reports/qa-badinput.md): 1. 万/亿 without 元, 2. spaces inside a number, 3. superscript and
// circled digits, 6. the same text read as typed, pasted and imported, 10. what a double cannot keep.
describe('cell input: 「万」「亿」 without 元 are 万元 and 亿元, never dropped', () => {
  it('reads 「1.5亿」「2亿」「15.3万」 as 亿元 / 万元, converted and said as 「2亿元」 is', () => {
    expect(parseCellText('1.5亿', 'money', '万元')).toEqual({
      kind: 'value',
      value: 15000,
      note: '已按万元换算：1.5亿元 = 15000万元',
    });
    // 2019 采购总金额 (the report says the unit): the cell's unit becomes 万元, whatever it was
    expect(parseCellText('2亿', 'money', null)).toMatchObject({ value: 20000, unit: '万元' });
    expect(parseCellText('15.3万', 'money', null)).toEqual({
      kind: 'value',
      value: 15.3,
      unit: '万元',
      note: '已按万元读：15.3万 = 15.3万元',
    });
    expect(parseCellText('1.2万', 'money', '万元')).toMatchObject({ value: 1.2 });
    expect(parseCellText('8,000 万', 'money', '万元')).toMatchObject({ value: 8000 });
    // a count takes no 万: the whole number is asked for
    expect(parseCellText('5万', 'count')).toMatchObject({
      kind: 'error',
      message: expect.stringContaining('完整的数'),
    });
  });
  it('typing never passes a text the final parse refuses as a finished amount (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 99_999_999 }),
        fc.integer({ min: 0, max: 4 }),
        fc.constantFrom('', '元', '万', '万元', '亿', '亿元'),
        fc.constantFrom<string | null>('万元', null),
        (n, k, u, unit) => {
          const num = k ? `${Math.floor(n / 10 ** k)}.${String(n % 10 ** k).padStart(k, '0')}` : String(n);
          const text = `${num}${u}`;
          const p = parseCellText(text, 'money', unit);
          // every prefix is accepted while typing: the amount can be typed
          if (p.kind === 'value')
            for (let i = 1; i <= text.length; i++)
              expect(isPartialNumber(text.slice(0, i), 'money')).toBe(true);
          // a finished amount the typing check lets through is read, or refused by the digit limits
          if (isPartialNumber(text, 'money') && p.kind === 'error')
            expect(p.message).toMatch(/位数过多|小数位过多|有效数字过多/);
        },
      ),
    );
  });
});

/** A count in each spelling a person or a spreadsheet may give it. */
function spellings(n: number): string[] {
  const plain = String(n);
  const wide = (s: string) =>
    s.replace(/[0-9,]/g, (d) => (d === ',' ? '，' : String.fromCharCode(0xff10 + Number(d))));
  const group = (sep: string) => plain.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
  return [
    plain,
    group(','),
    group('，'),
    wide(plain),
    wide(group(',')),
    ...[' ', '\u00a0', '\u3000', '\u2009', '\u202f'].map(group),
    ` ${plain} `,
    `${plain}件`,
    `${group(' ')} 件`,
    `${plain}.0`,
  ];
}
const SPACES = [' ', '\u00a0', '\u3000', '\u2009', '\u202f', '  '];

describe('cell input: spaces inside a number only as thousands groups', () => {
  it('for any count and any of its accepted spellings, the parse gives the count (fast-check)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999_999_999 }), (n) => {
        for (const t of spellings(n)) {
          expect(parseCellText(t, 'count'), JSON.stringify(t)).toMatchObject({ kind: 'value', value: n });
          expect(parseCellText(t, 'signedCount'), JSON.stringify(t)).toMatchObject({
            kind: 'value',
            value: n,
          });
          // typed one key at a time, no prefix is refused
          for (let i = 1; i <= t.length; i++)
            expect(isPartialNumber(t.slice(0, i), 'count'), JSON.stringify(t.slice(0, i))).toBe(true);
        }
      }),
    );
  });
  it('for any text of two numbers joined by a space, the parse never gives one number (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 99_999 }),
        fc.integer({ min: 0, max: 99_999 }),
        fc.constantFrom(...SPACES),
        fc.constantFrom<'count' | 'signedCount' | 'money'>('count', 'signedCount', 'money'),
        (a, b, sp, type) => {
          const [x, y] = [String(a), String(b)];
          // 「12 345」 is a thousands group (one number by the rule): the other readings are two numbers
          fc.pre(!(sp.length === 1 && a > 0 && x.length <= 3 && y.length === 3));
          for (const t of [`${x}${sp}${y}`, `${x}${sp}${y}件`, `${x}.5${sp}${y}`, `${x}${sp}${y}元`]) {
            const p = parseCellText(t, type, type === 'money' ? '万元' : undefined);
            expect(p.kind, JSON.stringify(t)).toBe('error');
          }
        },
      ),
    );
  });
  it('the QA cases: digits spaced out, 「12 3」, an Excel cell with a line break', () => {
    expect(parseCellText('4 2 0 0 0 0 6', 'count')).toMatchObject({
      kind: 'error',
      message: expect.stringContaining('中间有空格'),
    });
    expect(parseCellText('12 3', 'count').kind).toBe('error');
    expect(parseCellText('12 34', 'money', '万元').kind).toBe('error');
    expect(parseCellText('3\n4', 'count')).toMatchObject({
      kind: 'error',
      message: expect.stringContaining('换行'),
    });
    expect(parseCellText('3\r\n4', 'count').kind).toBe('error');
    expect(isPartialNumber('3\n4', 'count')).toBe(false);
    expect(isPartialNumber('4 2 ', 'count')).toBe(false);
    // accepted groups, said (「12 345」 might have been meant as two numbers)
    expect(parseCellText('12 345 678', 'count')).toEqual({
      kind: 'value',
      value: 12345678,
      note: '空格按千位分隔读：“12 345 678”读作 12345678',
    });
    expect(parseCellText('1 234.5元', 'money', '万元')).toMatchObject({ value: 0.12345 });
    // commas in groups of three as well (「1234,567」 is no grouping, as the importer says)
    expect(parseCellText('1234,567', 'count').kind).toBe('error');
    expect(parseCellText('1,234 567', 'count').kind).toBe('error');
    // a number's first group does not begin with 0: 「0 123」 is two numbers
    expect(parseCellText('0 123', 'count').kind).toBe('error');
    expect(parseCellText('012 345', 'count').kind).toBe('error');
    expect(isPartialNumber('0 1', 'count')).toBe(false);
  });
});

describe('cell input: superscript and circled digits are no digits', () => {
  it('a trailing superscript is a footnote mark, dropped and said (as the importer does)', () => {
    expect(parseCellText('35¹', 'count')).toEqual({
      kind: 'value',
      value: 35,
      note: '已去掉数字后的注释号“¹”：“35¹”读作 35',
    });
    expect(parseCellText('12²', 'count')).toMatchObject({ value: 12 });
    expect(parseCellText('1²³', 'count')).toMatchObject({ value: 1 });
    expect(parseCellText('3.5²', 'money', '万元')).toMatchObject({ value: 3.5 });
  });
  it('circled, subscript or inner superscript digits are refused, never turned into digits', () => {
    for (const t of ['①', '㉑', '1①', '⑴', '⒈', '₁₂', '1²3', '²', '½'])
      for (const type of ['count', 'signedCount', 'money'] as const) {
        expect(parseCellText(t, type, '万元'), t).toMatchObject({
          kind: 'error',
          message: expect.stringContaining('请改用普通数字'),
        });
        expect(isPartialNumber(t, type), t).toBe(false);
      }
  });
  it('for any count and any character NFKC reads as digits, the count with it is never another count (fast-check)', () => {
    const odd = [...'①②⑨⑩⑳㉑㊿⓪❶➊⑴⒇⒈₀₁₉⁰¹²⁹½¼'];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999 }), fc.constantFrom(...odd), fc.nat(5), (n, ch, at) => {
        const s = String(n);
        const i = Math.min(at, s.length);
        const t = `${s.slice(0, i)}${ch}${s.slice(i)}`;
        const p = parseCellText(t, 'count');
        // a footnote after the number: the number itself; anything else refused
        if (p.kind === 'value') expect(p.value).toBe(n);
        else expect(p.kind).toBe('error');
      }),
    );
  });
});

describe('cell input: the same text as the importer reads it', () => {
  it('「—」「/」「无」 mean blank typed and pasted, and may be typed', () => {
    // 「－－」「－—」: full-width minus signs, which NFKC would make hyphens (were refused)
    for (const t of [
      '—',
      '——',
      '－',
      '－－',
      '－—',
      '—－',
      '—-',
      '-—',
      '-',
      '/',
      '／',
      '无',
      '空',
      '*',
      ' — ',
    ])
      for (const type of ['count', 'signedCount', 'money'] as const) {
        expect(parseCellText(t, type, '万元'), t).toEqual({ kind: 'blank' });
        expect(isPartialNumber(t, type), t).toBe(true);
      }
  });
  it('hyphens alone are no blank mark but one (「---」 is a Markdown table’s rule)', () => {
    for (const t of ['--', '---', '----']) expect(parseCellText(t, 'count').kind, t).toBe('error');
  });
  it('本年增/减 with the minus sign U+2212 (「−2」, as a PDF or Word prints it) is −2, as the importer reads it', () => {
    expect(parseCellText('−2', 'signedCount')).toEqual({ kind: 'value', value: -2 });
    expect(parseCellText('−1,234', 'signedCount')).toEqual({ kind: 'value', value: -1234 });
    for (const t of ['−', '−2']) expect(isPartialNumber(t, 'signedCount'), t).toBe(true);
    // a count or an amount is never below 0, whatever the minus
    expect(parseCellText('−2', 'count')).toEqual({ kind: 'error', message: '“−2”不是非负整数' });
    expect(parseCellText('−2', 'money', '万元').kind).toBe('error');
    expect(isPartialNumber('−2', 'count')).toBe(false);
    // the sign only: no blank mark, nothing inside a number
    expect(parseCellText('−', 'count').kind).toBe('error');
    expect(parseCellText('1−2', 'signedCount').kind).toBe('error');
  });
  it('a space after a finished number with its unit (「12件 」「3万元 」) may be typed: the parse takes it off', () => {
    for (const [t, type] of [
      ['12件 ', 'count'],
      ['3万元 ', 'money'],
    ] as const) {
      expect(parseCellText(t, type, type === 'money' ? null : undefined).kind, t).not.toBe('error');
      expect(isPartialNumber(t, type), t).toBe(true);
    }
    expect(isPartialNumber('12件 5', 'count')).toBe(false);
  });
  it('「12.0」 in a count is 12, as the importer reads it; 「12.5」 is refused', () => {
    expect(parseCellText('12.0', 'count')).toEqual({ kind: 'value', value: 12 });
    expect(parseCellText('12.00', 'signedCount')).toEqual({ kind: 'value', value: 12 });
    expect(parseCellText('-3.0', 'signedCount')).toEqual({ kind: 'value', value: -3 });
    expect(isPartialNumber('12.0', 'count')).toBe(true);
    expect(parseCellText('12.5', 'count').kind).toBe('error');
    expect(isPartialNumber('12.5', 'count')).toBe(false);
  });
});

describe('cell input: a number a double cannot keep is refused, not rounded', () => {
  it('「123456789012.123456」 (18 significant digits) is refused', () => {
    expect(parseCellText('123456789012.123456', 'money', '万元')).toMatchObject({
      kind: 'error',
      message: expect.stringContaining('有效数字过多'),
    });
    expect(isPartialNumber('123456789012.1234', 'money')).toBe(false);
    expect(parseCellText('123456789012.123', 'money', '万元')).toMatchObject({ value: 123456789012.123 });
  });
  it('every amount accepted is stored as typed: it reads back as the same decimal (fast-check)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[1-9]\d{0,11}(\.\d{1,6})?$/), (t) => {
        const p = parseCellText(t, 'money', '万元');
        const exact = t.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
        if (p.kind === 'value') {
          expect(String(p.value)).toBe(exact);
          expect(formatValue(p.value, 'money')).toBe(exact);
        } else expect(p).toMatchObject({ kind: 'error', message: expect.stringContaining('有效数字过多') });
      }),
    );
  });
});

describe('cell input: 「。」 typed for the decimal point (Chinese punctuation mode)', () => {
  it('「1。5」 is 1.5 in a money cell, said; a count is still refused as no whole number', () => {
    expect(parseCellText('1。5', 'money', '万元')).toEqual({
      kind: 'value',
      value: 1.5,
      note: '“。”按小数点读：“1。5”读作 1.5',
    });
    expect(parseCellText('15。3万', 'money', null)).toMatchObject({
      kind: 'value',
      value: 15.3,
      unit: '万元',
    });
    expect(parseCellText('1。5', 'count').kind).toBe('error');
    // typing it: 「1。」 is on its way to 「1。5」
    expect(isPartialNumber('1。', 'money')).toBe(true);
    expect(isPartialNumber('1。5', 'money')).toBe(true);
    // 「。」 elsewhere is no point: a sentence's full stop is not read as a number
    expect(parseCellText('12。', 'money', '万元').kind).toBe('error');
    expect(parseCellText('。5', 'money', '万元').kind).toBe('error');
    expect(parseCellText('1。2。3', 'money', '万元').kind).toBe('error');
  });

  it('for any amount of up to 6 decimals, 「。」 for the point reads as 「.」 does (fast-check)', () => {
    fc.assert(
      fc.property(fc.nat(999_999), fc.nat(999_999), fc.integer({ min: 1, max: 6 }), (i, f, d) => {
        const frac = String(f).padStart(6, '0').slice(0, d);
        const dot = parseCellText(`${i}.${frac}`, 'money', '万元');
        const stop = parseCellText(`${i}。${frac}`, 'money', '万元');
        expect(dot.kind).toBe('value');
        expect(stop).toMatchObject({ kind: 'value', value: (dot as { value: number }).value });
      }),
    );
  });
});
