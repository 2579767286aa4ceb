/**
 * The narrative text of a section (or the preamble) from the source, paragraphs as written.
 *
 * Lines the format marks as whole paragraphs (`SrcLine.paragraph`: Word paragraphs, HTML blocks and
 * `<br>`, Markdown one-line paragraphs) are kept one per line, as written: not joined to the next
 * line when they do not end in 。, no Markdown marks taken off (a leading 「# 」 is text), 「无」 is
 * 「无」. Runs of blanks inside a paragraph are one space, as the renderer prints them (render's
 * `paragraphs`); 全角空格 are kept. Other lines — hard-wrapped text from a PDF or a copy-paste —
 * go through `reflow`, which joins lines broken mid-sentence.
 */
import { LINE_SEP, type Stream } from './stream.js';

/** One paragraph as the renderer prints it: trimmed, blank runs (but 全角空格) as one space. */
export function normParagraph(s: string): string {
  return s.trim().replace(/[^\S\u3000]+/g, ' ');
}

/**
 * Text of N range [a, b) of the stream: marked paragraphs as written, one per line, the lines
 * between them through `reflow` (passed in: parse.ts owns it).
 */
export function sectionText(s: Stream, a: number, b: number, reflow: (text: string) => string): string {
  const out: string[] = [];
  let pending: string[] = [];
  const flush = () => {
    if (pending.length === 0) return;
    const t = reflow(pending.join(LINE_SEP));
    if (t) out.push(t);
    pending = [];
  };
  const end = Math.min(b, s.n.length);
  let i = Math.max(a, 0);
  while (i < end) {
    if (s.n[i] === LINE_SEP) {
      i++;
      continue;
    }
    let j = s.n.indexOf(LINE_SEP, i);
    if (j < 0 || j > end) j = end;
    const li = s.nLine[i]!;
    const line = s.lines[li];
    const whole = (i === 0 || s.n[i - 1] === LINE_SEP) && (j === s.n.length || s.n[j] === LINE_SEP);
    if (line?.paragraph) {
      // the whole line from its cells (N has its blanks collapsed, 全角空格 included); a part of
      // one (the rest of a heading's line) from N
      const t = normParagraph(
        whole ? line.cells.map((c) => c.text).join('\t') : s.n.slice(i, j).replaceAll('\u0001', ' '),
      );
      if (t !== '') {
        flush();
        out.push(t);
      }
    } else pending.push(s.n.slice(i, j));
    i = j;
  }
  flush();
  return out.join('\n');
}

/** The end of an agency's name, for a signature line: 「示例县交通运输局」「某某镇人民政府」. */
const ORG_END = /(?:人民政府|政府|局|办公室|办公厅|委员会|办事处|街道|中心|管委会|镇|乡)$/;

export interface Signature {
  /** The text without the signature. */
  text: string;
  /** The date signed, YYYY-MM-DD; absent where only the agency signs (no date printed). */
  iso?: string;
  /** The signature as printed, on one line (「示例县交通运输局 2025年1月20日」). */
  line: string;
}

/**
 * The signature under the last section — the agency and the date, 「示例县交通运输局 2023年1月20日」
 * on one line, or the agency on its own line above the date (as the renderer prints it) — split
 * off the section's text. Undefined when the text does not end in one.
 */
export function splitSignature(text: string): Signature | undefined {
  const sig = /(?:^|\n)([^\n。；;：:，,]{0,40}?)(\d{4})年(\d{1,2})月(\d{1,2})日$/.exec(text);
  if (!sig) {
    // the agency alone on the last line, under text that ended its sentence (a report without a
    // date printed, as our exports without a 发布日期 end): 「…创新。\n示例县交通运输局」
    const org = /(?:^|\n)([^\n。；;：:，,！？、]{2,40})$/.exec(text);
    if (!org || !ORG_END.test(org[1]!.trim())) return undefined;
    const before = text.slice(0, org.index).trim();
    if (before !== '' && !/[。！？；;.!?）)」”]$/.test(before)) return undefined;
    return { text: before, line: org[1]!.trim() };
  }
  const iso = `${sig[2]}-${sig[3]!.padStart(2, '0')}-${sig[4]!.padStart(2, '0')}`;
  const t = Date.parse(`${iso}T00:00:00Z`);
  if (Number.isNaN(t) || !new Date(t).toISOString().startsWith(iso)) return undefined;
  const who = sig[1]!.trim();
  if (who !== '' && !ORG_END.test(who)) return undefined;
  let cut = sig.index;
  let line = sig[0].trim();
  if (who === '') {
    // the agency on the line above the date
    const before = text.slice(0, cut);
    const above = /(?:^|\n)([^\n。；;：:，,！？]{2,40})$/.exec(before);
    if (above && ORG_END.test(above[1]!.trim())) {
      cut = above.index;
      line = `${above[1]!.trim()} ${line}`;
    }
  }
  return { text: text.slice(0, cut).trim(), iso, line };
}
