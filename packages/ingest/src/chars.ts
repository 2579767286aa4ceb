/** A character `\s` matches in a JavaScript regular expression (by UTF-16 code unit). */
export function isWhitespaceCode(c: number): boolean {
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/**
 * Characters that print as nothing and that editors and web pages leave in text: soft hyphen,
 * zero-width space and joiners, word joiner, invisible operators, the bidirectional marks and
 * embeddings (「&lrm;」, U+200E/U+200F, U+202A–U+202E, U+2066–U+2069, U+061C) and the BOM.
 */
export const INVISIBLE_RE = /[\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/** Whether the character (a UTF-16 code unit) is one of INVISIBLE_RE's. */
export function isInvisibleCode(c: number): boolean {
  return (
    c === 0xad ||
    c === 0x61c ||
    (c >= 0x200b && c <= 0x200f) ||
    (c >= 0x202a && c <= 0x202e) ||
    (c >= 0x2060 && c <= 0x2064) ||
    (c >= 0x2066 && c <= 0x2069) ||
    c === 0xfeff
  );
}

/**
 * CJK radicals that PDF text extraction gives in place of characters: a font draws 示 and the
 * Kangxi radical ⽰ with one glyph, and the PDF's ToUnicode map names the radical, so the text
 * reads 「⽰例县」「⼯作」「⻔⼾⽹站」 (Chromium's and many Word-made PDFs do this). Kangxi radicals
 * (U+2F00–U+2FD5) are the characters NFKC gives, except ⼾, which simplified Chinese fonts draw as
 * 户 (NFKC: 戶); radicals of the supplement (U+2E80–U+2EF3) are the characters that share their glyph
 * in Noto Serif/Sans CJK SC (⻔ → 门, ⺠ → 民, ⻓ → 长), plus ⻄ → 西. Characters outside the BMP are
 * left out, so that a line keeps its length (and its columns).
 */
const RADICAL_PAIRS =
  '⺂乛⺃乚⺅亻⺉刂⺋㔾⺎兀⺏尣⺐尢⺒巳⺓幺⺔彑⺕彐⺖忄⺘扌⺙攵⺛旡⺞歺⺠民⺡氵⺣灬⺤爫⺦丬⺨犭⺫罒⺭礻⺯糹⺰纟⺱罓⺲罒⺳㓁⺹耂⺺肀⺾艹⻁虎⻂衤⻃覀⻄西⻅见⻆角⻈讠⻉贝⻋车⻌辶⻐钅⻑長⻒镸⻓长⻔门⻖阝⻘青⻙韦⻚页⻛风⻜飞⻝食⻟飠⻠饣⻢马⻣骨⻤鬼⻥鱼⻦鸟⻧卤⻨麦⻩黄⻪黾⻫斉⻬齐⻮齿⻯竜⻰龙⻱龜⻲亀⼾户';
const RADICALS = new Map<string, string>();
for (let i = 0; i + 1 < RADICAL_PAIRS.length; i += 2) RADICALS.set(RADICAL_PAIRS[i]!, RADICAL_PAIRS[i + 1]!);

const RADICAL = /[\u2e80-\u2fdf]/g;

/** Radicals standing for characters (see RADICAL_PAIRS) replaced by those characters; same length. */
export function unifyRadicals(s: string): string {
  if (!/[\u2e80-\u2fdf]/.test(s)) return s;
  return s.replace(RADICAL, (c) => {
    const m = RADICALS.get(c);
    if (m) return m;
    const code = c.charCodeAt(0);
    if (code >= 0x2f00 && code <= 0x2fd5) {
      const n = c.normalize('NFKC');
      return n.length === 1 ? n : c;
    }
    return c;
  });
}
