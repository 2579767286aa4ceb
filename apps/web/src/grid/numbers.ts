import type { ValueType } from '@nianbao/core';

/** What a cell's text means: blank (nothing, 「—」「/」「无」), a number, or not a number of this cell's kind. */
export type Parsed =
  | { readonly kind: 'blank' }
  | { readonly kind: 'value'; readonly value: number }
  | { readonly kind: 'error'; readonly message: string };

const BLANK_MARKS = new Set(['', '—', '－', '-', '/', '／', '无', '—', '——', '_', '空']);

/** Normalise what Excel/WPS or a person types: full-width digits, thousands separators, spaces, a unit. */
export function normalizeNumberText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s\u00a0\u3000]+/g, '')
    .replace(/[,，](?=\d{3}(\D|$))/g, '')
    .replace(/^(.*?)(件|项|个|万元|元)$/, '$1');
}

const PATTERNS: Record<ValueType, RegExp> = {
  count: /^\+?\d+$/,
  signedCount: /^[+-]?\d+$/,
  money: /^\+?(\d+(\.\d*)?|\.\d+)$/,
};

const WHAT: Record<ValueType, string> = {
  count: '非负整数',
  signedCount: '整数（可为负数，如 -2、+4）',
  money: '金额（可带小数）',
};

/** Parse a cell's text for its value type. Blank is not zero. */
export function parseCellText(text: string, valueType: ValueType): Parsed {
  const t = normalizeNumberText(text);
  if (BLANK_MARKS.has(t)) return { kind: 'blank' };
  if (!PATTERNS[valueType].test(t))
    return { kind: 'error', message: `“${text.trim()}”不是${WHAT[valueType]}` };
  if (t.replace(/^[+-]/, '').split('.')[0]!.length > MAX_DIGITS)
    return { kind: 'error', message: `“${text.trim()}”位数过多：最多 ${MAX_DIGITS} 位整数` };
  if ((t.split('.')[1] ?? '').length > MAX_DECIMALS)
    return { kind: 'error', message: `“${text.trim()}”小数位过多：最多 ${MAX_DECIMALS} 位小数` };
  const value = Number(t);
  if (!Number.isFinite(value)) return { kind: 'error', message: `“${text.trim()}”不是有效数字` };
  return { kind: 'value', value: Object.is(value, -0) ? 0 : value };
}

/** No count or amount of a year's report has more (core's C1 says the same of stored values). */
export const MAX_DIGITS = 12;
/** 万元 to the yuan and below: more decimals are a slip. */
export const MAX_DECIMALS = 6;

const PARTIAL: Record<ValueType, RegExp> = {
  count: /^\d{0,12}$/,
  signedCount: /^[+-]?\d{0,12}$/,
  money: /^\d{0,12}(\.\d{0,6})?$/,
};

/** Whether text typed so far can still become a valid number (the input refuses anything else). */
export function isPartialNumber(text: string, valueType: ValueType): boolean {
  return PARTIAL[valueType].test(text.normalize('NFKC'));
}

/** The text a cell shows for its value. */
export function formatValue(value: number | null | undefined, valueType: ValueType): string {
  if (value === null || value === undefined) return '';
  if (valueType === 'signedCount' && value > 0) return `+${value}`;
  if (valueType === 'money') return String(Math.round(value * 1e6) / 1e6);
  return String(value);
}
