import { isWhitespaceCode } from './chars.js';
import type { SourceDoc } from './source.js';
import type { Detection, Where } from './types.js';

export interface MetaGuess {
  title: Detection<string | null>;
  agency: Detection<string | null>;
  year: Detection<number | null>;
  /** The year is only the one written most often in the text (no title or 统计期限 gives it). */
  yearGuessed?: true;
  publishedOn?: string;
}

const TITLE_RE = /^(.*?)(\d{4})年度?(.*?)政府信息公开(?:工作)?(?:年度)?(?:工作)?(?:报告|年报)/;
/** The year after the title, in brackets: 「某某县人民政府政府信息公开工作年度报告（2024年度）」. */
const TITLE_YEAR_AFTER_RE =
  /^(.*?)政府信息公开(?:工作)?(?:年度)?(?:工作)?(?:报告|年报)[（(](\d{4})年度?[）)]/;

/** A title's parts as TITLE_RE gives them: [title, words before the year, year, words after it]. */
function titleMatch(t: string): RegExpExecArray | null {
  const m = TITLE_RE.exec(t);
  if (m) return m;
  const a = TITLE_YEAR_AFTER_RE.exec(t);
  if (!a) return null;
  const out = [a[0], a[1]!, a[2]!, ''] as unknown as RegExpExecArray;
  out.index = 0;
  return out;
}
const PREFIX_RE = /^(?:标题[:：]|Page\d+-|P\.\d+|#+|【.*?】)+/i;

/** s without whitespace (what s.replace(/\s+/g, '') gives). */
function dropWhite(s: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    if (!isWhitespaceCode(s.charCodeAt(i))) continue;
    if (i > from) out += s.slice(from, i);
    from = i + 1;
  }
  if (from === 0) return s;
  return from < s.length ? out + s.slice(from) : out;
}

function clean(s: string): string {
  const t = dropWhite(s);
  // PREFIX_RE can only match from one of these first characters
  const c0 = t.charCodeAt(0);
  return c0 === 0x6807 /* 标 */ ||
    c0 === 80 /* P */ ||
    c0 === 112 /* p */ ||
    c0 === 35 /* # */ ||
    c0 === 0x3010 /* 【 */
    ? t.replace(PREFIX_RE, '')
    : t;
}

/**
 * The text with its years in ASCII digits, each character for one (the same length, so an index
 * in one is the same place in the other): full-width digits (「２０２４年」) and a year in Chinese
 * numerals (「二〇二四年」「二零二四年度」), as titles of Word-made reports print them.
 */
const HAN_DIGITS = '〇一二三四五六七八九';

function asciiYears(t: string): string {
  if (!/[０-９〇零○]/.test(t)) return t;
  return t
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/二[〇零○][〇零○一二三四五六七八九]{2}(?=年)/g, (y) =>
      [...y].map((c) => String(Math.max(0, HAN_DIGITS.indexOf(c)))).join(''),
    );
}

function plausibleYear(y: number): boolean {
  return y >= 2000 && y <= 2100;
}

/** Title, agency, year and publication date from the first lines of the document. */
export function detectMeta(doc: SourceDoc, firstSectionLine: number): MetaGuess {
  // only the first 400 lines are ever looked at
  const lines = doc.lines.slice(0, 400).map((l, i) => {
    // (shown: as printed, for the title; text: with its years in ASCII digits, to read them)
    const shown = clean(l.cells.length === 1 ? l.cells[0]!.text : l.cells.map((c) => c.text).join(''));
    return { text: asciiYears(shown), shown, where: l.cells[0]?.where ?? ({ line: i + 1 } as Where) };
  });
  const limit = Math.min(lines.length, Math.max(firstSectionLine, 0) + 1, 80);
  let title: Detection<string | null> = { value: null, reason: '未找到标题' };
  let agency: Detection<string | null> = { value: null, reason: '未找到机关名称' };
  let year: Detection<number | null> = { value: null, reason: '未找到报告年度' };
  let yearGuessed = false;
  for (let i = 0; i < limit; i++) {
    let t = lines[i]!.text;
    let shown = lines[i]!.shown;
    if (t.length > 80 || t.length < 8) continue;
    let m = titleMatch(t);
    // A title in large type wrapped over two or three lines (「…政府信息公开工作年度」「报告」): the
    // lines joined are the title and nothing else, and the first has no sentence punctuation and
    // is no breadcrumb.
    for (let k = 1; !m && k <= 2 && i + k < limit && !/[。，；：>›»]/.test(t); k++) {
      const next = lines[i + k]!.text;
      // (a line that is a title by itself is one: a breadcrumb above it is not its start)
      if (next.length === 0 || next.length > 40 || /[。，；]/.test(next) || titleMatch(next)) break;
      const joined = t + next;
      const w = titleMatch(joined);
      t = joined;
      shown += lines[i + k]!.shown;
      if (w && w.index === 0 && w[0].length === joined.length && joined.length <= 80) m = w;
    }
    if (!m) continue;
    const y = Number(m[2]);
    if (!plausibleYear(y)) continue;
    // breadcrumbs and labels before the title: 「当前位置：首页 > 政务公开 > 某某局2022年…」「标题：」;
    // 「某某县人民政府关于2024年…」: the agency is the words before 「关于」
    let name =
      (
        shown
          .slice(0, m[1]!.length)
          .split(/[>›»]|&gt;/)
          .pop() ?? ''
      )
        .replace(/^.*(?:当前位置|所在位置|位置|标题|题目)[:：]/, '')
        .replace(/[：:，,。]$/, '')
        .replace(/关于$/, '') || m[3]!;
    if (name.length > 40) name = '';
    // (the title as printed: the same length as t, its years as they were)
    let full = shown.slice(0, m.index + m[0].length);
    if (!name) {
      // 「洪泽区人民政府」 on the line above 「2023 年政府信息公开工作年度报告」
      for (let j = i - 1; j >= 0 && j >= i - 3; j--) {
        const prev = lines[j]!.shown;
        if (prev.length >= 2 && prev.length <= 30 && !/[。，；]/.test(prev)) {
          name = prev;
          full = prev + full;
          break;
        }
        if (prev.length > 0) break;
      }
    }
    title = { value: full, reason: `第 ${i + 1} 行的标题`, where: lines[i]!.where };
    year = { value: y, reason: `标题「${full}」中的年份`, where: lines[i]!.where };
    if (name) agency = { value: name, reason: `标题「${full}」中的机关名称`, where: lines[i]!.where };
    break;
  }
  const head = lines
    .slice(0, Math.min(lines.length, 400))
    .map((l) => l.text)
    .join('\n');
  if (year.value === null) {
    const p = /统计期限[^\n]{0,20}?(\d{4})年/.exec(head) ?? /(\d{4})年1月1日/.exec(head);
    if (p && plausibleYear(Number(p[1])))
      year = { value: Number(p[1]), reason: `统计期限中的年份（${p[0]}）` };
  }
  if (year.value === null) {
    const counts = new Map<number, number>();
    for (const m of head.slice(0, 4000).matchAll(/(\d{4})年/g)) {
      const y = Number(m[1]);
      if (plausibleYear(y)) counts.set(y, (counts.get(y) ?? 0) + 1);
    }
    const best = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0];
    if (best) {
      year = { value: best[0], reason: `正文中最常出现的年份（${best[1]} 次）` };
      yearGuessed = true;
    }
  }
  if (agency.value === null) {
    const p = /由([^，。；\n]{2,40}?)(?:编制|负责编制)/.exec(head);
    if (p) {
      let name = p[1]!;
      name = name.replace(/(人民政府|街道办事处)(党政办公室|党政办|办公室)$/, '$1');
      agency = { value: name, reason: `前言「${p[0]}」` };
    }
  }
  if (agency.value === null) {
    // a short line naming an agency above the first section: 「浑南区国资局」
    for (let i = 0; i < limit; i++) {
      const t = lines[i]!.text;
      if (
        t.length >= 3 &&
        t.length <= 30 &&
        /(局|人民政府|政府|办事处|街道|委员会|办公室|办公厅|镇|乡|中心|管委会)$/.test(t) &&
        !/[：:，。]/.test(t)
      ) {
        agency = { value: t, reason: `第 ${i + 1} 行「${t}」`, where: lines[i]!.where };
        break;
      }
    }
  }
  let publishedOn: string | undefined;
  const d = /(?:发布日期|发布时间|日期|时间)[:：]?(\d{4})[-年/.](\d{1,2})[-月/.](\d{1,2})/.exec(head);
  if (d) {
    const iso = `${d[1]}-${d[2]!.padStart(2, '0')}-${d[3]!.padStart(2, '0')}`;
    const ok =
      !Number.isNaN(Date.parse(`${iso}T00:00:00Z`)) &&
      new Date(`${iso}T00:00:00Z`).toISOString().startsWith(iso);
    if (ok) publishedOn = iso;
  }
  return {
    title,
    agency,
    year,
    ...(yearGuessed ? { yearGuessed: true as const } : {}),
    ...(publishedOn ? { publishedOn } : {}),
  };
}
