import type { Finding, Report } from '@nianbao/core';
import { findingsByCell } from '../lib/findings.js';
import { padEnd, padStart, truncate, width } from '../lib/text.js';
import type { Seg } from './Line.js';
import type { TableLayout } from './layout.js';

export interface GridView {
  readonly lines: Seg[][];
  /** Screen line of the cursor's row. */
  readonly cursorLine: number;
  /** Lines kept at the top while scrolling (the column header of 表三 and 表四). */
  readonly sticky: number;
}

/** Split a label into lines of at most `w` columns (CJK-aware). */
function wrap(label: string, w: number, maxLines: number): string[] {
  const chars = [...label];
  if (width(label) > w && width(label) <= 2 * w - 1 && maxLines >= 2) {
    // Two balanced lines read better than a full line and a stub: 社会公/益组织, 商业/企业.
    const half = Math.ceil(chars.length / 2);
    const a = chars.slice(0, half).join('');
    const b = chars.slice(half).join('');
    if (width(a) <= w && width(b) <= w) return [a, b];
  }
  const out: string[] = [];
  let cur = '';
  for (const ch of label) {
    if (width(cur + ch) > w) {
      out.push(cur);
      cur = '';
    }
    cur += ch;
  }
  if (cur) out.push(cur);
  if (out.length > maxLines) {
    const kept = out.slice(0, maxLines);
    kept[maxLines - 1] = truncate(out.slice(maxLines - 1).join(''), w);
    return kept;
  }
  return out;
}

export function gridSizes(layout: TableLayout, gridW: number): { colW: number; labelW: number } {
  const n = layout.maxColumns;
  // Labels first up to a readable width (the status line shows them whole), then wider columns.
  const targetLabel = Math.min(44, Math.max(24, gridW - n * 10));
  const colW = Math.max(7, Math.min(14, Math.floor((gridW - targetLabel - 1) / n)));
  const labelW = Math.max(8, gridW - n * colW - 1);
  return { colW, labelW };
}

/** The grid of one table as styled screen lines. */
export function buildGrid(opts: {
  layout: TableLayout;
  report: Report;
  findings: readonly Finding[];
  gridW: number;
  cursor: { row: number; col: number };
  buffer: string | null;
}): GridView {
  const { layout, report, findings, cursor, buffer } = opts;
  const { colW, labelW } = gridSizes(layout, opts.gridW);
  const byCell = findingsByCell(findings);
  const lines: Seg[][] = [];
  let cursorLine = 0;
  let rowNo = -1;
  const headerCount = layout.lines.filter((l) => l.kind === 'header').length;
  let sticky = 0;
  layout.lines.forEach((line, li) => {
    if (line.kind === 'header') {
      const wrapped = line.columns.map((c) => wrap(c, colW - 1, 2));
      const h = Math.max(...wrapped.map((w) => w.length));
      for (let k = 0; k < h; k++) {
        const segs: Seg[] = [{ text: padEnd(k === 0 ? line.label : '', labelW), bold: true }];
        segs.push({ text: ' ' });
        for (const w of wrapped) segs.push({ text: padStart(w[k] ?? '', colW), bold: true });
        lines.push(segs);
      }
      if (li === 0 && headerCount === 1) sticky = h;
      return;
    }
    if (line.kind === 'group') {
      lines.push([{ text: truncate(line.label, labelW + 1 + colW * layout.maxColumns), dim: true }]);
      return;
    }
    rowNo++;
    const isCursorRow = rowNo === cursor.row;
    if (isCursorRow) cursorLine = lines.length;
    const segs: Seg[] = [{ text: padEnd(line.label, labelW), bold: isCursorRow }, { text: ' ' }];
    line.cells.forEach((id, ci) => {
      const here = isCursorRow && ci === Math.min(cursor.col, line.cells.length - 1);
      const cell = report.cells[id];
      const fs = byCell.get(id) ?? [];
      const bad = fs.some((f) => f.severity === 'error' || f.severity === 'crossYear');
      const warn = !bad && fs.some((f) => f.severity === 'warning');
      let text: string;
      if (here && buffer !== null) text = `${buffer}_`;
      else if (!cell) text = '';
      else if (cell.value === null) text = '·';
      else text = String(cell.value);
      const inner = padStart(text, colW - 2);
      const left = here ? '[' : ' ';
      const right = here ? ']' : bad ? '!' : warn ? '~' : ' ';
      const derived = cell?.origin === 'derived';
      segs.push({
        text: `${left}${inner}${right}`,
        ...(bad ? { color: 'red' } : warn ? { color: 'yellow' } : derived ? { color: 'cyan' } : {}),
        ...(here ? { inverse: true, bold: true } : {}),
      });
    });
    lines.push(segs);
  });
  return { lines, cursorLine, sticky };
}
