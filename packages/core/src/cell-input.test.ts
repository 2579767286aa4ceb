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
    for (const t of ['5亿', '9百万元', '2千元', '1.5亿万元', '约5万元'])
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
    expect(isPartialNumber('-', 'count')).toBe(false);
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
