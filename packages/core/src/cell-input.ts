import type { ValueType } from './editions/index.js';

// What a person types or pastes into a cell — in the web form, the terminal editor or a spreadsheet
// copied from — read the same way everywhere: full-width digits, thousands separators, 件, a money
// unit (元 converted to 万元 exactly where the format prints 万元), and the marks that mean blank.

/** What a cell's text means: blank (nothing, 「—」「/」「无」), a number, or not a number of this cell's kind. */
export type CellTextParse =
  | { readonly kind: 'blank' }
  | {
      readonly kind: 'value';
      readonly value: number;
      /** A money unit typed where the cell's unit is chosen (2019 采购总金额): the cell's unit becomes it. */
      readonly unit?: TypedMoneyUnit;
      /** What was done to the number typed (元 converted to the format's 万元), to tell the user. */
      readonly note?: string;
    }
  | { readonly kind: 'error'; readonly message: string };

/** A unit a person may type after an amount. */
export type TypedMoneyUnit = '元' | '万元';

const BLANK_MARKS = new Set(['', '—', '－', '-', '/', '／', '无', '—', '——', '_', '空']);

/** Normalise what Excel/WPS or a person types: full-width digits, thousands separators, spaces (a unit stays). */
export function normalizeNumberText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s\u00a0\u3000]+/g, '')
    .replace(/[,，](?=\d{3}(\D|$))/g, '');
}

/** The number and the unit typed after it (「15.3万元」 → 15.3, 万元). */
function splitUnit(t: string): { num: string; unit: '件' | '项' | '个' | '亿元' | TypedMoneyUnit | null } {
  const m = /^(.*?)(件|项|个|亿元|万元|元)$/.exec(t);
  return m ? { num: m[1]!, unit: m[2] as '件' } : { num: t, unit: null };
}

/** 「1.5」 亿元 as 万元, exactly: 15000 (the decimal point moved four places to the right). */
function yiToWan(num: string): string {
  const [int = '', frac = ''] = num.replace(/^\+/, '').split('.');
  const digits = `${int}${frac.padEnd(4, '0')}`;
  const cut = int.length + 4;
  const out = `${digits.slice(0, cut)}.${digits.slice(cut)}`.replace(/^0+(?=\d)/, '').replace(/\.?0*$/, '');
  return out === '' ? '0' : out;
}

/** 「20000」 元 as 万元, exactly (the decimal point moved, no floating-point division). */
function yuanToWan(num: string): string {
  const [int = '', frac = ''] = num.replace(/^\+/, '').split('.');
  const digits = `${int.padStart(5, '0')}${frac}`;
  const cut = digits.length - frac.length - 4;
  const out = `${digits.slice(0, cut)}.${digits.slice(cut)}`.replace(/^0+(?=\d)/, '').replace(/\.?0+$/, '');
  return out === '' ? '0' : out;
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

/**
 * Parse a cell's text for its value type. Blank is not zero. `unit` is a money cell's unit as its
 * format prints it: 万元 fixed (2021 收费金额: 元 typed is converted), or null where the report says
 * which (2019 采购总金额: the unit typed is the cell's unit). A money unit on a count is refused.
 */
export function parseCellText(text: string, valueType: ValueType, unit?: string | null): CellTextParse {
  const whole = normalizeNumberText(text);
  if (BLANK_MARKS.has(whole)) return { kind: 'blank' };
  const split = splitUnit(whole);
  let t = split.num;
  let setUnit: TypedMoneyUnit | undefined;
  let note: string | undefined;
  if (split.unit === '亿元' && valueType === 'money' && PATTERNS.money.test(t) && unit !== '元') {
    // 亿元 is printed nowhere: the amount is given in 万元, where the format prints 万元 and where
    // the report says which (2019 采购总金额: the cell's unit becomes 万元).
    const wan = yiToWan(t);
    note = `已按万元换算：${t.replace(/^\+/, '')}亿元 = ${wan}万元`;
    t = wan;
    if (!unit) setUnit = '万元';
  } else if (split.unit) {
    const money = split.unit === '元' || split.unit === '万元' || split.unit === '亿元';
    if (valueType !== 'money' && money)
      return { kind: 'error', message: `“${text.trim()}”：此格是件数，不能带金额单位“${split.unit}”` };
    if (valueType === 'money' && !money)
      return { kind: 'error', message: `“${text.trim()}”：此格是金额，不能带单位“${split.unit}”` };
    if (valueType === 'money' && PATTERNS.money.test(t)) {
      if (unit === '万元' && split.unit === '元') {
        const wan = yuanToWan(t);
        note = `已按万元换算：${t.replace(/^\+/, '')}元 = ${wan}万元`;
        t = wan;
      } else if (unit && unit !== split.unit)
        return { kind: 'error', message: `“${text.trim()}”：此格的单位是${unit}` };
      else if (!unit) setUnit = split.unit as TypedMoneyUnit;
    }
  }
  if (!PATTERNS[valueType].test(t))
    return { kind: 'error', message: `“${text.trim()}”不是${WHAT[valueType]}` };
  if (t.replace(/^[+-]/, '').split('.')[0]!.length > CELL_MAX_DIGITS)
    return { kind: 'error', message: `“${text.trim()}”位数过多：最多 ${CELL_MAX_DIGITS} 位整数` };
  if ((t.split('.')[1] ?? '').length > CELL_MAX_DECIMALS)
    return {
      kind: 'error',
      message: `“${text.trim()}”${note ? `换算为万元（${t}）后` : ''}小数位过多：最多 ${CELL_MAX_DECIMALS} 位小数`,
    };
  const value = Number(t);
  if (!Number.isFinite(value)) return { kind: 'error', message: `“${text.trim()}”不是有效数字` };
  return {
    kind: 'value',
    value: Object.is(value, -0) ? 0 : value,
    ...(setUnit ? { unit: setUnit } : {}),
    ...(note ? { note } : {}),
  };
}

/** No count or amount of a year's report has more (core's C1 says the same of stored values). */
export const CELL_MAX_DIGITS = 12;
/** 万元 to the yuan and below: more decimals are a slip. */
export const CELL_MAX_DECIMALS = 6;

const PARTIAL: Record<ValueType, RegExp> = {
  count: /^\d{0,12}(件|项|个)?$/,
  signedCount: /^[+-]?\d{0,12}(件|项|个)?$/,
  // 「20000元」 may be typed where 万元 is printed: the converted value keeps ≤ 6 decimals (checked on parsing).
  money: /^\d{0,12}(\.\d{0,6})?(万元?|亿元?|元)?$/,
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
