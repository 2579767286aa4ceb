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

/** The text a value cell shows (without the cursor's brackets or a finding's mark). */
function cellText(report: Report, id: string): string {
  const cell = report.cells[id];
  if (!cell) return '';
  if (cell.value === null) return '·';
  return String(cell.value);
}

export interface GridSizes {
  readonly colW: number;
  readonly labelW: number;
  /** The first column shown, and how many are shown (all of them when they fit). */
  readonly first: number;
  readonly shown: number;
}

/**
 * Column and label widths for a grid `gridW` wide. A column is wide enough for the widest number the
 * table holds (never cut with …: 1234567 is not 1234…); labels take what is left (the status line
 * shows them whole). When the columns do not all fit beside a readable label, the grid scrolls
 * sideways: `shown` columns from `first`, the cursor's column always among them.
 */
export function gridSizes(
  layout: TableLayout,
  gridW: number,
  opts: { valueW?: number; cursorCol?: number } = {},
): GridSizes {
  const n = layout.maxColumns;
  const need = Math.max(7, (opts.valueW ?? 0) + 2);
  // Labels first up to a readable width (the status line shows them whole), then wider columns.
  const targetLabel = Math.min(44, Math.max(24, gridW - n * 10));
  const colW = Math.max(need, Math.min(14, Math.floor((gridW - targetLabel - 1) / n)));
  if (gridW - n * colW - 1 >= 8) return { colW, labelW: gridW - n * colW - 1, first: 0, shown: n };
  // Too narrow for every column: a label column of a quarter of the width, as many columns as fit.
  const minLabel = Math.max(8, Math.min(14, Math.floor(gridW / 4)));
  const w = Math.max(3, Math.min(need, gridW - minLabel - 1));
  const shown = Math.max(1, Math.min(n, Math.floor((gridW - minLabel - 1) / w)));
  const cursor = Math.max(0, Math.min(opts.cursorCol ?? 0, n - 1));
  const first = Math.max(0, Math.min(cursor, n - shown, Math.max(0, cursor - shown + 1)));
  return { colW: w, labelW: Math.max(minLabel, gridW - shown * w - 1), first, shown };
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
  // the widest number shown (and the one being typed), and the cursor's column in its own row
  // (an entry longer than any amount — 12 digits, a point, 6 decimals — shows its end: the status line has it whole)
  let valueW = buffer !== null ? Math.min(20, width(buffer) + 1) : 0;
  let cursorCol = cursor.col;
  let rowIndex = -1;
  for (const line of layout.lines) {
    if (line.kind !== 'row') continue;
    rowIndex++;
    if (rowIndex === cursor.row) cursorCol = Math.min(cursor.col, line.cells.length - 1);
    for (const id of line.cells) valueW = Math.max(valueW, width(cellText(report, id)));
  }
  const { colW, labelW, first, shown } = gridSizes(layout, opts.gridW, { valueW, cursorCol });
  const scrolled = shown < layout.maxColumns;
  const visible = (ci: number) => ci >= first && ci < first + shown;
  const byCell = findingsByCell(findings);
  const lines: Seg[][] = [];
  let cursorLine = 0;
  let rowNo = -1;
  const headerCount = layout.lines.filter((l) => l.kind === 'header').length;
  let sticky = 0;
  layout.lines.forEach((line, li) => {
    if (line.kind === 'header') {
      const wrapped = line.columns.filter((_, ci) => visible(ci)).map((c) => wrap(c, colW - 1, 2));
      const h = Math.max(1, ...wrapped.map((w) => w.length));
      // scrolled sideways: how many columns are hidden on the left (「<2列」) and on the right (「2列>」)
      const right = line.columns.length - first - shown;
      const marks = scrolled
        ? `${first > 0 ? `<${first}列` : ''}${first > 0 && right > 0 ? ' ' : ''}${right > 0 ? `${right}列>` : ''}`
        : '';
      for (let k = 0; k < h; k++) {
        const label = k === 0 ? line.label : '';
        const segs: Seg[] = [
          {
            text:
              marks && k === 0
                ? padEnd(`${padEnd(label, Math.max(0, labelW - width(marks) - 1))} ${marks}`, labelW)
                : padEnd(label, labelW),
            bold: true,
          },
        ];
        segs.push({ text: ' ' });
        for (const w of wrapped) segs.push({ text: padStart(w[k] ?? '', colW), bold: true });
        lines.push(segs);
      }
      if (li === 0 && headerCount === 1) sticky = h;
      return;
    }
    if (line.kind === 'group') {
      lines.push([{ text: truncate(line.label, labelW + 1 + colW * shown), dim: true }]);
      return;
    }
    rowNo++;
    const isCursorRow = rowNo === cursor.row;
    if (isCursorRow) cursorLine = lines.length;
    const segs: Seg[] = [{ text: padEnd(line.label, labelW), bold: isCursorRow }, { text: ' ' }];
    line.cells.forEach((id, ci) => {
      if (!visible(ci)) return;
      const here = isCursorRow && ci === Math.min(cursor.col, line.cells.length - 1);
      const cell = report.cells[id];
      const fs = byCell.get(id) ?? [];
      const bad = fs.some((f) => f.severity === 'error' || f.severity === 'crossYear');
      const warn = !bad && fs.some((f) => f.severity === 'warning');
      const text = here && buffer !== null ? `${buffer}_` : cellText(report, id);
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
