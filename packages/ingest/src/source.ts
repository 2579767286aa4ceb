import type { Where } from './types.js';

/** One cell of a source line: its text and where it came from. */
export interface SrcCell {
  text: string;
  where: Where;
}

/**
 * A line of the source after layout: plain text lines have one cell (or several when tab- or
 * pipe-separated); HTML/DOCX table rows and PDF rows have one cell per table cell.
 */
export interface SrcLine {
  cells: SrcCell[];
  /** Cell boundaries are explicit (pipes, HTML/DOCX cells): an empty cell is a printed blank. */
  explicit: boolean;
}

export interface SourceDoc {
  lines: SrcLine[];
  /** What sourceToText gives for these lines, when known without joining them again. */
  text?: string;
  /** A PDF read only in part (a page limit): pages read, pages in the file. */
  pages?: { read: number; total: number };
}

/** Plain text (PDF-to-text, copy-paste, Markdown) → lines of cells. */
export function textToSource(text: string): SourceDoc {
  const normalised = text.replace(/\r\n?/g, '\n');
  const raw = normalised.split('\n');
  const lines: SrcLine[] = [];
  let pipes = false;
  for (let i = 0; i < raw.length; i++) {
    const s = raw[i]!;
    const lineNo = i + 1;
    if (s.includes('|')) {
      pipes = true;
      // Markdown-ish or pipe-separated rows: `a | b | c |`. A leading pipe opens the row.
      const cells: SrcCell[] = [];
      let start = 0;
      let body = s;
      const lead = /^\s*\|/.exec(s);
      if (lead) {
        start = lead[0].length;
        body = s.slice(start);
      }
      let col = start;
      const parts = body.split('|');
      for (let k = 0; k < parts.length; k++) {
        const p = parts[k]!;
        // `a | b |` closes the row; `a | b | ` (separator, then an empty last cell) is a blank cell
        if (k === parts.length - 1 && p === '' && parts.length > 1) break;
        cells.push({ text: p, where: { line: lineNo, column: col + 1 } });
        col += p.length + 1;
      }
      lines.push({ cells, explicit: true });
    } else if (s.includes('\t')) {
      const cells: SrcCell[] = [];
      let col = 0;
      for (const p of s.split('\t')) {
        cells.push({ text: p, where: { line: lineNo, column: col + 1 } });
        col += p.length + 1;
      }
      lines.push({ cells, explicit: false });
    } else {
      lines.push({ cells: [{ text: s, where: { line: lineNo, column: 1 } }], explicit: false });
    }
  }
  // Without pipes every line joins back to itself (tab cells with tabs, others are one cell).
  return pipes ? { lines } : { lines, text: normalised };
}

/** The source as one plain text (cells joined by tabs), for `IngestResult.text`. */
export function sourceToText(doc: SourceDoc): string {
  if (doc.text !== undefined) return doc.text;
  return doc.lines.map((l) => l.cells.map((c) => c.text).join(l.explicit ? ' | ' : '\t')).join('\n');
}
