/**
 * Characters a report's text must not carry, decided per class:
 *
 * - line breaks in another spelling — vertical tab U+000B (Word's Shift+Enter), form feed U+000C (a
 *   page break), NEL U+0085, line and paragraph separators U+2028/U+2029 — are harmless: each becomes
 *   a line break 「\n」 (and the caller says so);
 * - other control characters — C0 (U+0000–U+001F but tab, line feed and carriage return), DEL U+007F
 *   and C1 (U+0080–U+009F) — show as nothing or as garbage and can hide text from a reader (ESC
 *   sequences colour a terminal): refused;
 * - bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) reorder the text
 *   on screen, so that what a reader sees is not what is stored: refused;
 * - what is no character at all — the noncharacters U+FFFE and U+FFFF, and half a surrogate pair (an
 *   emoji cut in two by a program that counted UTF-16 units) — cannot be written into a Word or
 *   Excel file (XML 1.0 has no place for them: Word refuses the file): refused.
 *
 * Tab, line feed, carriage return and the left-to-right / right-to-left marks U+200E/U+200F are kept.
 */

/**
 * Any character of the classes (and any surrogate, half a pair or not): one test settles the common
 * case (plain text); an emoji, a whole pair, then takes the slower look and is kept.
 */
const ANY =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is found
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is found
const LINE_BREAKS = /[\u000b\u000c\u0085\u2028\u2029]/g;
// (By UTF-16 unit, no `u` flag: a high surrogate not followed by a low one, a low one not preceded by a high one.)
const REFUSED =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is found
  /[\u0000-\u0008\u000e-\u001f\u007f-\u0084\u0086-\u009f\u202a-\u202e\u2066-\u2069\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const REFUSED_ALL = new RegExp(REFUSED.source, 'g');

/** Whether `s` holds a character to normalise or refuse (cheap: one regex test). */
export function hasSpecialChars(s: string): boolean {
  return ANY.test(s);
}

/** `s` with each line break in another spelling (U+000B, U+000C, U+0085, U+2028, U+2029) as 「\n」. */
export function normaliseLineBreaks(s: string): { text: string; count: number } {
  let count = 0;
  const text = s.replace(LINE_BREAKS, () => {
    count++;
    return '\n';
  });
  return { text, count };
}

const NAMES: Record<number, string> = {
  0: '空字符 NUL',
  7: '响铃符 BEL',
  8: '退格符 BS',
  27: '转义符 ESC',
  127: '删除符 DEL',
  8234: '从左到右嵌入符 LRE',
  8235: '从右到左嵌入符 RLE',
  8236: '方向格式结束符 PDF',
  8237: '从左到右强制符 LRO',
  8238: '从右到左强制符 RLO',
  8294: '从左到右隔离符 LRI',
  8295: '从右到左隔离符 RLI',
  8296: '第一强方向隔离符 FSI',
  8297: '方向隔离结束符 PDI',
};

/** The class of a refused character's code (see the top of this file). */
function kindOf(code: number): RefusedChar['kind'] {
  if ((code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069)) return 'bidi';
  if (code === 0xfffe || code === 0xffff || (code >= 0xd800 && code <= 0xdfff)) return 'invalid';
  return 'control';
}

/** 「U+001B（转义符 ESC）」, 「U+0001（控制字符）」, 「U+FFFF（非字符）」, 「U+D83D（半个字符：不成对的代理项）」. */
export function charName(code: number): string {
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  const kind = kindOf(code);
  const name =
    NAMES[code] ??
    (kind === 'bidi'
      ? '文字方向控制符'
      : kind === 'invalid'
        ? code >= 0xd800 && code <= 0xdfff
          ? '半个字符：不成对的代理项'
          : '非字符'
        : '控制字符');
  return `${hex}（${name}）`;
}

/** `s` without the refused characters (line breaks in another spelling made 「\n」 first). */
export function removeRefusedChars(s: string): { text: string; count: number } {
  let count = 0;
  const text = normaliseLineBreaks(s).text.replace(REFUSED_ALL, () => {
    count++;
    return '';
  });
  return { text, count };
}

export interface RefusedChar {
  /** The character's code point. */
  readonly code: number;
  /**
   * Its class: a control character, a bidirectional formatting character, or no character at all
   * (U+FFFE, U+FFFF, half a surrogate pair).
   */
  readonly kind: 'control' | 'bidi' | 'invalid';
  /** 1-based line and column (in characters, as an editor counts them) of its first occurrence. */
  readonly line: number;
  readonly column: number;
  /** How many refused characters the text holds in all. */
  readonly count: number;
}

/** The first refused character of `s` (after line breaks are normalised), or undefined. */
export function firstRefusedChar(s: string): RefusedChar | undefined {
  const m = REFUSED.exec(s);
  if (!m) return undefined;
  const before = s.slice(0, m.index);
  const line = before.split(/\r\n|\r|\n/).length;
  const lastBreak = Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r'));
  const column = [...before.slice(lastBreak + 1)].length + 1;
  const code = m[0].codePointAt(0)!;
  let count = 0;
  for (const ch of s) if (REFUSED.test(ch)) count++;
  return {
    code,
    kind: kindOf(code),
    line,
    column,
    count,
  };
}
