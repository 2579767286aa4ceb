import { INVISIBLE_RE } from './chars.js';
import type { Where } from './types.js';

/** One cell of a source line: its text and where it came from. */
export interface SrcCell {
  text: string;
  where: Where;
  /**
   * A number the PDF prints wrapped over lines in its cell (「36,257,43」 over 「4」), read joined by
   * the layout: the pieces as printed, top to bottom. The table reader keeps the joined number only
   * where the row then adds up, and says so.
   */
  wrapped?: string[];
  /** An HTML cell spanning several columns or rows (colspan/rowspan), as printed. */
  span?: { cols: number; rows: number };
  /**
   * A Word table cell's column in the table's grid (0-based; cells merged with the one above are
   * left out of a line, so a line's cell index is not its column).
   */
  gridCol?: number;
}

/**
 * A line of the source after layout: plain text lines have one cell (or several when tab- or
 * pipe-separated); HTML/DOCX table rows and PDF rows have one cell per table cell.
 */
export interface SrcLine {
  cells: SrcCell[];
  /** Cell boundaries are explicit (pipes, HTML/DOCX cells): an empty cell is a printed blank. */
  explicit: boolean;
  /**
   * The line is one whole paragraph as written, because the format marks paragraphs (a Word `w:p`
   * or line break, an HTML block or `<br>`, a Markdown paragraph of one line): it is not joined to
   * the lines around it, whatever it ends with, and it carries no markup (a leading `#` is text).
   * Lines without it are hard-wrapped text (PDF-to-text, copy-paste) that `reflow` joins again.
   */
  paragraph?: boolean;
  /**
   * A PDF row whose cells (blanks included) were placed by position, under the header's columns or
   * the fullest rows' numbers: read only when it has exactly as many cells as the row has columns
   * (a column the layout missed would put every number after it one column off).
   */
  placedColumns?: boolean;
}

/**
 * Whether a cell's text is a value — a number or a printed blank (「」「0」「1,206」「—」「/」「无」) —
 * not a label: a cell of values merged down over rows holds its column in each of them.
 */
export function valueLike(text: string): boolean {
  const t = text.replace(INVISIBLE_RE, '').trim();
  return /^[0-9０-９.,，．]*$/.test(t) || /^[—–\-－/／无空*]{1,4}$/.test(t);
}

export interface SourceDoc {
  lines: SrcLine[];
  /** What sourceToText gives for these lines, when known without joining them again. */
  text?: string;
  /** A PDF read only in part (a page limit): pages read, pages in the file. */
  pages?: { read: number; total: number };
  /**
   * The source is whole by construction (an Excel workbook, whose last row is its last row): a table
   * at its end is not cut off, its blank cells at the end are blanks.
   */
  complete?: boolean;
}

/** A GFM table delimiter row: `| --- | ---: |`. */
const DELIMITER_ROW = /^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?\s*$/;
/** An ATX heading: `# 标题`, `## 一、总体情况`. */
const ATX_HEADING = /^ {0,3}#{1,6}(?:[ \t]|$)/;

/**
 * Markdown (our own export, or a conversion): it has a table delimiter row or an ATX heading. Its
 * backslash escapes are taken off and its one-line paragraphs are marked as paragraphs.
 */
export function looksLikeMarkdown(lines: readonly string[]): boolean {
  return lines.some((l) => DELIMITER_ROW.test(l) || /^ {0,3}#{1,6}[ \t]+\S/.test(l));
}

/** CommonMark backslash escapes (a backslash before ASCII punctuation) taken off: `\\*` → `*`. */
export function unescapeMarkdown(s: string): string {
  return s.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

/**
 * Markdown's inline marks taken off, then its escapes, as a reader sees the text: emphasis
 * (`**重点**`, `*说明*`, `__重点__`, `~~删去~~`), code spans, links and images (their words:
 * `[政府网站](http://…)` → 政府网站), autolinks (the address) and `<br>` (a space). Escaped marks
 * (`\*`) are text, as are marks that wrap nothing or only marks (`____年` stays). A single `_` is
 * left alone (CommonMark reads it inside words as text, and reports write 「____」 for blanks).
 */
export function markdownText(s: string): string {
  return unescapeMarkdown(
    s
      .replace(/(?<!\\)!\[([^\]]*)\]\([^)\s]*(?:\s+"[^"]*")?\)/g, '$1')
      .replace(/(?<![\\!])\[([^\]]+)\]\([^)\s]*(?:\s+"[^"]*")?\)/g, '$1')
      .replace(/(?<!\\)<((?:https?|mailto|ftp):[^>\s]+)>/gi, '$1')
      .replace(/(?<!\\)<br\s*\/?>/gi, ' ')
      .replace(/(?<![\\`])(`+)(?!`)(.+?)(?<!`)\1(?!`)/g, (_m, _t, code: string) =>
        code.length > 1 && code.startsWith(' ') && code.endsWith(' ') ? code.slice(1, -1) : code,
      )
      .replace(/(?<![\\*_~])(\*\*|__|~~)(?=[^\s*_~])(.*?[^\s\\*_~])\1(?![*_~])/g, '$2')
      .replace(/(?<![\\*\w])\*(?=[^\s*])(.*?[^\s\\*])\*(?!\*)/g, '$1'),
  );
}

/**
 * Split a pipe row at its unescaped pipes (`\\|` is a pipe of the text, not a cell boundary).
 * Returns the pieces with their start offsets, or undefined when the line has no such pipe.
 */
function splitPipes(s: string): { text: string; start: number }[] | undefined {
  const out: { text: string; start: number }[] = [];
  let start = 0;
  let any = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') i++;
    else if (c === '|') {
      out.push({ text: s.slice(start, i), start });
      start = i + 1;
      any = true;
    }
  }
  if (!any) return undefined;
  out.push({ text: s.slice(start), start });
  return out;
}

/** Plain text (PDF-to-text, copy-paste, Markdown) → lines of cells. */
export function textToSource(text: string): SourceDoc {
  // (the Unicode line and paragraph separators and NEL end lines too: text from web editors)
  const normalised = text.replace(/\r\n?|[\u2028\u2029\u0085]/g, '\n');
  const raw = normalised.split('\n');
  const md = looksLikeMarkdown(raw);
  const lines: SrcLine[] = [];
  let pipes = false;
  // Markdown: where each line sits in its block (a paragraph of one line is a paragraph as written)
  const kinds: ('blank' | 'row' | 'heading' | 'text')[] = raw.map((s) => {
    if (s.trim() === '') return 'blank';
    if (splitPipes(s)) return 'row';
    if (md && ATX_HEADING.test(s)) return 'heading';
    return 'text';
  });
  for (let i = 0; i < raw.length; i++) {
    const s = raw[i]!;
    const lineNo = i + 1;
    const parts = kinds[i] === 'row' ? splitPipes(s) : undefined;
    if (parts) {
      pipes = true;
      // Markdown-ish or pipe-separated rows: `a | b | c |`. A leading pipe opens the row.
      const cells: SrcCell[] = [];
      const lead = /^\s*$/.test(parts[0]!.text);
      for (let k = lead ? 1 : 0; k < parts.length; k++) {
        const p = parts[k]!;
        // `a | b |` closes the row; `a | b | ` (separator, then an empty last cell) is a blank cell
        if (k === parts.length - 1 && p.text === '') break;
        cells.push({
          text: md ? markdownText(p.text) : p.text,
          where: { line: lineNo, column: p.start + 1 },
        });
      }
      lines.push({ cells, explicit: true });
    } else if (md && kinds[i] === 'text' && !s.includes('\t')) {
      // one line between blank lines (or headings and tables) is a whole paragraph; the lines of a
      // longer block are a paragraph wrapped by hand, joined again by reflow as plain text is
      const alone = kinds[i - 1] !== 'text' && kinds[i + 1] !== 'text';
      // a line in bold alone (a caption, 「**（一）主动公开**」) is its words, as is any emphasis
      const t = markdownText(s);
      lines.push({
        cells: [{ text: t, where: { line: lineNo, column: 1 } }],
        explicit: false,
        ...(alone ? { paragraph: true } : {}),
      });
    } else if (s.includes('\t')) {
      const cells: SrcCell[] = [];
      let col = 0;
      for (const p of s.split('\t')) {
        cells.push({ text: md ? markdownText(p) : p, where: { line: lineNo, column: col + 1 } });
        col += p.length + 1;
      }
      lines.push({ cells, explicit: false });
    } else {
      const t = md ? markdownText(s) : s;
      lines.push({ cells: [{ text: t, where: { line: lineNo, column: 1 } }], explicit: false });
    }
  }
  // A Markdown table's rows shorter than its delimiter row (「| 四、结转… | 3 | 0 |」 with the empty
  // cells at its end left out) have those cells empty at their end, as GFM reads them — not the
  // row's numbers placed from its label on with a column unaccounted for.
  if (md)
    for (let i = 1; i < raw.length; i++) {
      if (kinds[i - 1] !== 'row' || kinds[i] !== 'row' || !DELIMITER_ROW.test(raw[i]!)) continue;
      const width = lines[i]!.cells.length;
      for (let j = i + 1; j < raw.length && kinds[j] === 'row'; j++) {
        const row = lines[j]!;
        while (row.cells.length < width)
          row.cells.push({ text: '', where: { line: j + 1, column: raw[j]!.length + 1 } });
      }
      // A table whose row labels take several columns (「| （本列…） |  |  | 自然人 | …」, the
      // official table's label columns kept by a conversion from Word or HTML): a row's label in one
      // of them and the others empty is that one cell. Those empty cells are the label's columns,
      // not blanks — left in, a row whose last cells were left out could be read a column off
      // where its numbers added up that way (「| 四、… |  |  | 0 | 0 | 43 | 4 |  | 47 |」: 自然人 0,
      // 其他 47, 总计 blank, was read 自然人 blank … 总计 47, nothing said).
      const head = lines[i - 1]!.cells;
      let k = 1;
      while (k < head.length && head[k]!.text.trim() === '') k++;
      if (k < 2 || k >= width) continue;
      for (let j = i + 1; j < raw.length && kinds[j] === 'row'; j++) {
        const row = lines[j]!;
        const label = row.cells.slice(0, k).filter((c) => c.text.trim() !== '');
        if (label.length === 1) row.cells.splice(0, k, label[0]!);
      }
    }
  // Without pipes every line joins back to itself (tab cells with tabs, others are one cell).
  return pipes || md ? { lines } : { lines, text: normalised };
}

/** The source as one plain text (cells joined by tabs), for `IngestResult.text`. */
export function sourceToText(doc: SourceDoc): string {
  if (doc.text !== undefined) return doc.text;
  return doc.lines.map((l) => l.cells.map((c) => c.text).join(l.explicit ? ' | ' : '\t')).join('\n');
}
