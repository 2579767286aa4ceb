/**
 * Page chrome before section 一: what a portal prints around a report (发布时间、来源、浏览次数、
 * 【打印】【字体：大 中 小】【关闭】、分享到、「当前位置：首页 > … 」 breadcrumbs) and what a
 * crawler adds (原文链接、本地目录、「==== 正文 ====」). None of it is the report's 前言, which is
 * the agency's own text (「根据《中华人民共和国政府信息公开条例》…编制本报告…」).
 *
 * A line is chrome only when chrome fields make up all of it: a line with words of the report in it
 * is kept whole — except a breadcrumb line that runs on into the preamble's first sentence (a web
 * page flattened to text: 「当前位置： 首页政务公开… 相关链接： --> 根据《…》…」), which is cut where
 * that sentence begins.
 */

/** Field names a portal prints with their value. */
const FIELD_NAMES =
  '发布时间|发布日期|更新时间|更新日期|成文日期|印发日期|日期|时间|信息来源|文章来源|来源|发布机构|发布单位|发文机关|发布者|作者|文号|发文字号|索引号|主题分类|栏目|浏览次数|浏览量|点击数|点击量|点击率|访问量|阅读量|阅读次数|字号|字体|分享到|原文链接|页面链接|本地目录|相关链接|标题';

/** Where one field ends: the next field's name (portals print them without a blank between). */
const NEXT_FIELD = `(?=\\s|$|(?:${FIELD_NAMES})[:：]|分享到|【)`;

const DATE =
  '\\d{4}\\s*[-年/.]\\s*\\d{1,2}\\s*[-月/.]\\s*\\d{1,2}\\s*日?(?:\\s*\\d{1,2}:\\d{2}(?::\\d{2})?)?';

/** One chrome token, at the start of what is left of the line. */
const TOKENS: readonly RegExp[] = [
  // dates: 发布时间: 2021-01-18 16:34
  new RegExp(`^(?:发布时间|发布日期|更新时间|更新日期|成文日期|印发日期|日期|时间)\\s*[:：]\\s*(?:${DATE})?`),
  // short values: 来源: 南源街 · 来源：江南中街道办事处分享到: · 文号: (empty)
  new RegExp(
    `^(?:信息来源|文章来源|来源|发布机构|发布单位|发文机关|发布者|作者|文号|发文字号|索引号|主题分类|栏目)\\s*[:：][^\\S\\n]*(?:(?!(?:${FIELD_NAMES})[:：]|分享到|【)[^\\s。；;，,！!？?]){0,30}${NEXT_FIELD}`,
  ),
  // counters: 浏览次数:- · 浏览量：1234
  /^(?:浏览次数|浏览量|点击数|点击量|点击率|访问量|阅读量|阅读次数)\s*[:：]?\s*(?:-|\d+|\[\d*\])?(?:次)?/,
  // 【打印】【关闭】【字体：大 中 小】, a 【字体: cut off
  /^【\s*(?:打印|打印本页|关闭|关闭窗口|收藏|返回顶部|纠错|大|中|小)\s*】/,
  /^【\s*(?:字体|字号)\s*[:：]?\s*(?:[大中小]\s*)*】?/,
  /^(?:字体|字号)\s*[:：]\s*(?:[大中小]\s*)*/,
  /^分享到\s*[:：]?/,
  // the crawler's own lines
  /^(?:原文链接|页面链接|网址|链接地址)\s*[:：]\s*[^\s。]*/,
  /^本地目录\s*[:：]\s*[^\s。]*/,
  /^页面链接与图片详见\s*[^\s。]*(?:\s*[(（]同目录[)）])?/,
  /^相关链接\s*[:：]?/,
  // separators, 「==================== 正文 ====================」
  /^[=＝\-－—_*~·]{3,}/,
  /^正文(?=\s*[=＝\-－—_*]{3,})/,
  // share and print buttons
  /^(?:微信|微博|QQ空间|QQ好友|朋友圈|全真版|文字版|文件下载|打印本页|打印|关闭窗口|关闭|返回顶部|收藏|-->|<!--|\[打印\]|\[关闭\])(?=\s|$|【|微信|微博|QQ)/,
  // punctuation and blanks between fields
  /^[\s|｜/·•>＞»]+/,
];

/** A breadcrumb: 「当前位置：首页 > 政务公开 > …」. */
const BREADCRUMB =
  /^(?:您当前的位置|您当前所在的位置|您现在的位置|您所在的位置|您的位置|当前位置|所在位置)\s*[:：]?/;

/** Where the agency's own text begins on a breadcrumb's line: 「根据《…》」「本报告…」. */
const OPENER =
  /(?:根据|依据|按照|遵照|依照)(?:《|国务院|上级|省|市|区|县)|本(?:年度)?(?:报告|年报)|现(?:将|予|公布)|为(?:贯彻|进一步|全面|做好|落实|深入)/;

/** The length of chrome at the start of `line` (whitespace normalised), fields one after another. */
function chromePrefix(line: string): number {
  let at = 0;
  for (;;) {
    const rest = line.slice(at);
    if (rest === '') return at;
    let len = 0;
    for (const re of TOKENS) {
      const m = re.exec(rest);
      if (m && m[0].length > 0) {
        len = m[0].length;
        break;
      }
    }
    if (len === 0) return at;
    at += len;
  }
}

/**
 * What part of one line of text before section 一 is page chrome: `all` (the whole line),
 * `prefix` (the breadcrumb before the agency's first sentence: keep from `keepFrom`), or `none`.
 */
export type ChromeVerdict = { kind: 'all' } | { kind: 'prefix'; keepFrom: number } | { kind: 'none' };

export function chromeOfLine(line: string): ChromeVerdict {
  const t = line.trim();
  if (t === '') return { kind: 'none' };
  const lead = line.length - line.trimStart().length;
  const bc = BREADCRUMB.exec(t);
  if (bc) {
    const after = t.slice(bc[0].length);
    const o = OPENER.exec(after);
    if (o) {
      const keepFrom = lead + bc[0].length + o.index;
      return { kind: 'prefix', keepFrom };
    }
    // a breadcrumb alone: a path of page names, no sentence
    if (!/[。；;！!？?]/.test(after)) return { kind: 'all' };
    return { kind: 'none' };
  }
  const p = chromePrefix(t);
  if (p === t.length) return { kind: 'all' };
  // fields on the line of the first sentence: 「发布日期：2020-01-31 本年度报告根据《条例》…」
  if (p > 0 && OPENER.exec(t.slice(p))?.index === 0) return { kind: 'prefix', keepFrom: lead + p };
  return { kind: 'none' };
}
