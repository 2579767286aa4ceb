import type { ValueType } from './editions/index.js';

// What a person types or pastes into a cell — in the web form, the terminal editor or a spreadsheet
// copied from — read the same way everywhere, and as the importer (packages/ingest values.ts) reads
// the same text in a published report: full-width digits, thousands separators (「1,234」, and spaces
// only in groups of three: 「12 345」), 件, a money unit (元 converted to 万元 exactly where the format
// prints 万元; 「万」「亿」 are 万元 and 亿元), a footnote mark after the number (「35¹」 is 35), and the
// marks that mean blank. Anything else is refused with its reason, never read as some other number:
// 「12 3」 is not 123, 「①」 is not 1, 「3↵4」 (an Excel cell with a line break) is not 34.

/** What a cell's text means: blank (nothing, 「—」「/」「无」), a number, or not a number of this cell's kind. */
export type CellTextParse =
  | { readonly kind: 'blank' }
  | {
      readonly kind: 'value';
      readonly value: number;
      /** A money unit typed where the cell's unit is chosen (2019 采购总金额): the cell's unit becomes it. */
      readonly unit?: TypedMoneyUnit;
      /**
       * What was done to the text typed, to tell the user: 元 or 亿元 converted to the format's 万元,
       * 「万」 read as 万元, a footnote mark dropped, spaces read as thousands separators.
       */
      readonly note?: string;
    }
  | { readonly kind: 'error'; readonly message: string };

/** A unit a person may type after an amount. */
export type TypedMoneyUnit = '元' | '万元';

/**
 * The marks that mean blank, as the importer reads them: one to four dashes (hyphens among them:
 * NFKC makes the full-width 「－」 one), a hyphen alone, a slash or backslash, 无, 空, an asterisk
 * (after NFKC: 「／」「＊」 are 「/」「*」). Hyphens alone are no blank: 「---」 is a Markdown rule.
 */
const BLANK_RE = /^(?:(?=.*[—–―─－])[—–―─－-]{1,4}|-|[/\\]|无|空|\*)$/;
/** Characters an editor leaves that mean nothing: soft hyphen, zero-width space and joiners, BOM. */
const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;
/** A line break or tab inside one cell (an Excel cell with Alt+Enter, quoted in the copy). */
const BREAK = /[\t\n\v\f\r\u0085\u2028\u2029]/;
/**
 * The minus sign U+2212 before a number (「−2」: a PDF's or Word's 本年增/减), read as the importer
 * reads it: a minus. NFKC leaves it as it is.
 */
const MINUS_SIGN = /^\u2212(?=[\d.])/;
/** 「。」 between two digits (or after one, while the number is being typed): a decimal point. */
const IDEOGRAPHIC_POINT = /(?<=\d)。(?=\d)/g;
/** Superscript digits after a number: a footnote mark (「35¹」), as the importer takes it off. */
const FOOTNOTE_RE = /(?<=[0-9０-９])\s*([⁰¹²³⁴⁵⁶⁷⁸⁹]+)$/u;

/** The text as quoted in a message: trimmed, a line break shown as 「↵」. */
function shown(text: string): string {
  return text
    .trim()
    .replace(/\r\n?|\n/g, '↵')
    .replace(/\t/g, '⇥');
}

/**
 * A character NFKC would turn into digits that is not a digit (ASCII or full-width): circled
 * 「①」「㉑」, superscript 「²」, subscript, 「⑴」「⒈」, fractions — read as digits they change the number.
 */
function oddDigit(text: string): string | undefined {
  for (const ch of text) {
    if (/[0-9０-９]/.test(ch)) continue;
    const n = ch.normalize('NFKC');
    if (n !== ch && /[0-9]/.test(n)) return ch;
  }
  return undefined;
}

function oddDigitMessage(text: string, ch: string): string {
  const what = /[⁰¹²³⁴⁵⁶⁷⁸⁹]/.test(ch)
    ? '上标数字（只有数字后面的上标才当作注释号去掉）'
    : /[①-⑳㉑-㉟㊱-㊿⓪⓵-⓾❶-➓]/u.test(ch)
      ? '带圈数字（序号或注释号，不是数值）'
      : '特殊数字符号（上标、下标、带括号或带点的序号等）';
  return `“${shown(text)}”中的“${ch}”是${what}，不能读作数字；请改用普通数字`;
}

/**
 * The text with full-width forms and every kind of space made plain (NFKC), invisible characters
 * and the outer spaces taken off, and thousands separators (「,」, or a space between groups of three)
 * removed. It does not judge the text: parseCellText does.
 */
export function normalizeNumberText(text: string): string {
  return text
    .replace(INVISIBLE, '')
    .normalize('NFKC')
    .trim()
    .replace(/(?<=\d)[, ](?=\d{3}(?!\d))/g, '');
}

type UnitTok = '件' | '项' | '个' | '亿元' | '万元' | '元' | '万' | '亿';
const MONEY_UNITS: ReadonlySet<UnitTok> = new Set(['亿元', '万元', '元', '万', '亿']);

/** The number and the unit typed after it (「15.3万元」 → 15.3, 万元; 「12 件」 → 12, 件). */
function splitUnit(t: string): { num: string; unit: UnitTok | null } {
  const m = /^(.*?) ?(件|项|个|亿元|万元|元|万|亿)$/.exec(t);
  return m ? { num: m[1]!, unit: m[2] as UnitTok } : { num: t, unit: null };
}

interface ReadNumber {
  readonly sign: '' | '+' | '-';
  /** The integer digits, separators taken out ('' in 「.5」). */
  readonly int: string;
  /** The digits after the point; undefined without a point, '' in 「12.」. */
  readonly frac: string | undefined;
  /** Thousands separated by spaces (「12 345」): said, since 「12 345」 might have been two numbers. */
  readonly spaced: boolean;
}

/**
 * A number as written: a sign, digits — plain, or in thousands groups separated by 「,」 or by a
 * space (the first group 1–3 digits, every other one 3) — and a fraction. 'spaces': digits with
 * spaces between them that are no thousands groups (「12 3」「4 2 0 0 6」): several numbers, or one
 * mistyped, never read as one. null: not a number.
 */
function readNumber(s: string): ReadNumber | 'spaces' | null {
  const m = /^([+-]?)([\d, ]*?)(?:\.(\d*))?$/.exec(s);
  if (!m) return null;
  const sign = m[1] as ReadNumber['sign'];
  const body = m[2]!;
  const frac = m[3];
  let int = body;
  let spaced = false;
  if (/[, ]/.test(body)) {
    const comma = body.includes(',');
    if (comma && body.includes(' ')) return null;
    const groups = body.split(comma ? ',' : ' ');
    // 「0 123」「012,345」 are no thousands groups: a number's first group does not begin with 0.
    const grouped = /^[1-9]\d{0,2}$/.test(groups[0]!) && groups.slice(1).every((g) => /^\d{3}$/.test(g));
    if (!grouped) return comma ? null : 'spaces';
    int = groups.join('');
    spaced = !comma;
  }
  if (int === '' && !frac) return null;
  return { sign, int, frac, spaced };
}

/** Significant digits of a decimal (leading and trailing zeros not counted): a double keeps 15 exactly. */
function significantDigits(num: string): number {
  return num.replace(/[^\d]/g, '').replace(/^0+/, '').replace(/0+$/, '').length;
}
/** Every decimal of at most this many significant digits is stored and read back exactly. */
export const CELL_MAX_SIGNIFICANT = 15;

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

const WHAT: Record<ValueType, string> = {
  count: '非负整数',
  signedCount: '整数（可为负数，如 -2、+4）',
  money: '金额（可带小数）',
};

/** Whether a number as written is one of this kind: a count's fraction may only be zeros (「12.0」 is 12, as imported). */
function ofKind(n: ReadNumber, valueType: ValueType): boolean {
  if (valueType === 'money') return n.sign !== '-';
  if (n.int === '' || (n.frac !== undefined && !/^0+$/.test(n.frac))) return false;
  return valueType === 'signedCount' || n.sign !== '-';
}

/**
 * Parse a cell's text for its value type. Blank is not zero. `unit` is a money cell's unit as its
 * format prints it: 万元 fixed (2021 收费金额: 元 typed is converted), or null where the report says
 * which (2019 采购总金额: the unit typed is the cell's unit). A money unit on a count is refused.
 * A number is never read from digits that are not one number as written: 「12 3」, 「3↵4」, 「①」 and
 * 「1²3」 are refused; a value a double cannot keep exactly (more than 15 significant digits) too.
 */
export function parseCellText(text: string, valueType: ValueType, unit?: string | null): CellTextParse {
  const quoted = shown(text);
  const error = (message: string): CellTextParse => ({ kind: 'error', message });
  const visible = text.replace(INVISIBLE, '').trim();
  if (BREAK.test(visible))
    return error(
      `“${quoted}”：一格里有换行，像是几个数；每格只填一个数（从 Excel 复制时，请把它们分在不同的单元格）`,
    );
  const foot = FOOTNOTE_RE.exec(visible);
  const body = foot ? visible.slice(0, foot.index) : visible;
  const odd = oddDigit(body);
  if (odd) return error(oddDigitMessage(text, odd));
  // 「。」 between digits is the decimal point typed in Chinese punctuation mode (「1。5」): read as 「.」, said
  const stop = /\d。\d/.test(body.normalize('NFKC'));
  const whole = body.normalize('NFKC').replace(MINUS_SIGN, '-').replace(IDEOGRAPHIC_POINT, '.');
  // tested before NFKC too: it makes the full-width 「－」 a hyphen (「－－」 is two dashes, blank)
  if (whole === '' || BLANK_RE.test(whole) || BLANK_RE.test(body)) return { kind: 'blank' };
  const split = splitUnit(whole);
  const u = split.unit;
  const money = u !== null && MONEY_UNITS.has(u);
  if (valueType !== 'money' && money)
    return error(
      u === '万' || u === '亿'
        ? `“${quoted}”：此格是件数，不能带“${u}”，请写出完整的数`
        : `“${quoted}”：此格是件数，不能带金额单位“${u}”`,
    );
  if (valueType === 'money' && u && !money) return error(`“${quoted}”：此格是金额，不能带单位“${u}”`);
  const n = readNumber(split.num);
  if (n === 'spaces')
    return error(
      `“${quoted}”的数字中间有空格，不能确定是一个数还是几个数：每格只填一个数；用空格分隔千位时须每 3 位一组（如 12 345）`,
    );
  if (!n || !ofKind(n, valueType)) return error(`“${quoted}”不是${WHAT[valueType]}`);
  if (n.int.length > CELL_MAX_DIGITS) return error(`“${quoted}”位数过多：最多 ${CELL_MAX_DIGITS} 位整数`);
  const int = n.int.replace(/^0+(?=\d)/, '') || '0';
  // A count's 「.0」 says nothing; an amount's 「12.」 is 12.
  let t = valueType === 'money' && n.frac ? `${int}.${n.frac}` : int;
  const notes: string[] = [];
  if (n.spaced) notes.push(`空格按千位分隔读：“${quoted}”读作 ${n.sign === '-' ? '-' : ''}${t}`);
  let setUnit: TypedMoneyUnit | undefined;
  let converted = false;
  if (valueType === 'money' && u) {
    if (unit === '元' && u !== '元') return error(`“${quoted}”：此格的单位是元`);
    if (u === '亿' || u === '亿元') {
      // 亿元 is printed nowhere: the amount is given in 万元, where the format prints 万元 and where
      // the report says which (2019 采购总金额: the cell's unit becomes 万元).
      const wan = yiToWan(t);
      notes.push(`已按万元换算：${t}亿元 = ${wan}万元`);
      t = wan;
      converted = true;
      if (!unit) setUnit = '万元';
    } else if (u === '万' || u === '万元') {
      // 「15.3万」 is 15.3 万元, as 「15.3万元」: the 万 is never dropped.
      if (u === '万') notes.push(`已按万元读：${t}万 = ${t}万元`);
      if (!unit) setUnit = '万元';
    } else if (unit === '万元') {
      const wan = yuanToWan(t);
      notes.push(`已按万元换算：${t}元 = ${wan}万元`);
      t = wan;
      converted = true;
    } else if (!unit) setUnit = '元';
  }
  const [intPart = '', fracPart = ''] = t.split('.');
  if (intPart.length > CELL_MAX_DIGITS)
    return error(
      `“${quoted}”${converted ? `换算为万元（${t}）后` : ''}位数过多：最多 ${CELL_MAX_DIGITS} 位整数`,
    );
  if (fracPart.length > CELL_MAX_DECIMALS)
    return error(
      `“${quoted}”${converted ? `换算为万元（${t}）后` : ''}小数位过多：最多 ${CELL_MAX_DECIMALS} 位小数`,
    );
  if (significantDigits(t) > CELL_MAX_SIGNIFICANT)
    return error(
      `“${quoted}”${converted ? `换算为万元（${t}）后` : ''}有效数字过多（${significantDigits(t)} 位）：最多 ${CELL_MAX_SIGNIFICANT} 位才能原样保存，请减少小数位`,
    );
  if (stop) notes.push(`“。”按小数点读：“${quoted}”读作 ${n.sign === '-' ? '-' : ''}${t}`);
  if (foot) notes.push(`已去掉数字后的注释号“${foot[1]}”：“${quoted}”读作 ${n.sign === '-' ? '-' : ''}${t}`);
  const value = Number(n.sign === '-' ? `-${t}` : t);
  if (!Number.isFinite(value)) return error(`“${quoted}”不是有效数字`);
  return {
    kind: 'value',
    value: Object.is(value, -0) ? 0 : value,
    ...(setUnit ? { unit: setUnit } : {}),
    ...(notes.length ? { note: notes.join('；') } : {}),
  };
}

/** No count or amount of a year's report has more (core's C1 says the same of stored values). */
export const CELL_MAX_DIGITS = 12;
/** 万元 to the yuan and below: more decimals are a slip. */
export const CELL_MAX_DECIMALS = 6;

/**
 * Whether text typed so far can still become a valid number (the input refuses anything else): a
 * prefix of what parseCellText reads — 「1,2」 and 「12 3」 on their way to 「1,234」 and 「12 345」,
 * 「15.3万」, 「12.0」 in a count, a blank mark — never 「12 3 4」, 「①」 or a line break.
 */
export function isPartialNumber(text: string, valueType: ValueType): boolean {
  const visible = text.replace(INVISIBLE, '').trimStart();
  // A space after a finished number: a unit may follow (「1000 件」) — or the next group (「12 345」, below).
  const unit = valueType === 'money' ? '元' : '件';
  if (/\s$/.test(visible) && visible.trim() !== '' && partial(`${visible.trimEnd()}${unit}`, valueType))
    return true;
  // a space after a finished number with its unit (「12件 」): the parse takes it off
  if (/[件项个元万亿]\s+$/.test(visible) && partial(visible.trimEnd(), valueType)) return true;
  return partial(visible, valueType);
}

function partial(visible: string, valueType: ValueType): boolean {
  if (BREAK.test(visible)) return false;
  const foot = FOOTNOTE_RE.exec(visible);
  const body = foot ? visible.slice(0, foot.index) : visible;
  if (oddDigit(body)) return false;
  // 「−」 typed: on its way to 「−2」
  const t = body
    .normalize('NFKC')
    .replace(/^\u2212/, '-')
    .replace(/(?<=\d)。(?=\d|$| ?[件项个元万亿])/g, '.');
  if (t.trim() === '' || BLANK_RE.test(t.trimEnd()) || BLANK_RE.test(body.trimEnd())) return true;
  const u = (valueType === 'money' ? /^(.*?)( ?(?:万元?|亿元?|元))?$/ : /^(.*?)( ?[件项个])?$/).exec(t)!;
  const num = u[1]!;
  const unitTyped = u[2] !== undefined;
  const m = /^([+-]?)([\d, ]*)(?:\.(\d*))?$/.exec(num);
  if (!m) return false;
  const [, sign = '', body2 = '', frac] = m;
  if (sign === '-' && valueType !== 'signedCount') return false;
  if ((unitTyped || foot) && !/\d/.test(num)) return false;
  let digits = body2;
  if (/[, ]/.test(body2)) {
    if (body2.includes(',') && body2.includes(' ')) return false;
    const groups = body2.split(body2.includes(',') ? ',' : ' ');
    const last = groups.length - 1;
    const complete = frac !== undefined || unitTyped || foot !== null;
    const ok = groups.every((g, i) =>
      i === 0 ? /^[1-9]\d{0,2}$/.test(g) : i < last || complete ? /^\d{3}$/.test(g) : /^\d{0,3}$/.test(g),
    );
    if (!ok) return false;
    digits = groups.join('');
  }
  if (digits.length > CELL_MAX_DIGITS) return false;
  if (frac !== undefined) {
    if (valueType !== 'money' ? !/^0*$/.test(frac) : frac.length > CELL_MAX_DECIMALS) return false;
  }
  return significantDigits(`${digits}.${frac ?? ''}`) <= CELL_MAX_SIGNIFICANT;
}

/** The text a cell shows for its value. */
export function formatValue(value: number | null | undefined, valueType: ValueType): string {
  if (value === null || value === undefined) return '';
  if (valueType === 'signedCount' && value > 0) return `+${value}`;
  // To the millionth, as a decimal: not Math.round(value × 10⁶) / 10⁶, which is off by one in the
  // last place for large amounts (4300000000.1 × 10⁶ is not exact in a double: 4300000000.100001).
  if (valueType === 'money') return String(Number(value.toFixed(CELL_MAX_DECIMALS)));
  return String(value);
}
