import type { Item } from '../pdf.js';
import { T3_COLS, T3_HEAD } from './table3.js';

/**
 * A PDF page's text items for a report whose 表三 has narrow number columns, laid out as a PDF
 * printer does: a number wider than its column wraps onto the next line of its cell (broken
 * anywhere, or after a separator), the cells of a row centred vertically or set at its top, each
 * line of a cell one item. Used in-process (no PDF file): layoutItems gets what pdf.js would give.
 */
export interface WrappedTable {
  /**
   * Each row: its label and its seven values (null: printed blank); `glue`: the label's line beside
   * the first number's first line and that line of the number are one text item (「（一）予以公开12」),
   * as a PDF printer writes a run of text it does not break at the cell's edge.
   */
  rows: { label: string; values: (number | null)[]; glue?: boolean }[];
  /** Width of a number column, in digits. */
  digits: number;
  /** Where a cell's lines sit in a row higher than they are. */
  valign: 'middle' | 'top' | 'bottom';
  /** Break a number after the last separator that fits (else after the last digit that fits). */
  breakAtSeparator: boolean;
  /** Line pitch over font size. */
  pitch: number;
  /** Padding of a cell above and below its text, in points. */
  pad: number;
  /** Characters of a label's line (a label longer wraps over lines in its cell); all on one line if unset. */
  labelChars?: number;
}

const H = 9;
/** A digit or separator is half as wide as the font is high; a Chinese character as wide. */
const DIGIT = H / 2;
const LABEL_X = 40;
const LABEL_W = 36 * H;

export const grouped = (n: number) => n.toLocaleString('en-US');

/** A number's lines in a column `digits` wide. */
export function wrapNumber(text: string, digits: number, atSeparator: boolean): string[] {
  const lines: string[] = [];
  let rest = text;
  while (rest.length > digits) {
    let cut = digits;
    if (atSeparator) {
      const comma = rest.lastIndexOf(',', digits - 1);
      if (comma > 0) cut = comma + 1;
    }
    lines.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  lines.push(rest);
  return lines;
}

/** The page's items: title, section heading, 表三's header and rows, the next section's heading. */
export function wrappedTableItems(t: WrappedTable): Item[] {
  const items: Item[] = [];
  const colW = t.digits * DIGIT + 6;
  const colX = (j: number) => LABEL_X + LABEL_W + j * colW;
  const step = t.pitch * H;
  const text = (str: string, x: number, y: number, w = str.length * H): void => {
    items.push({ str, x, y, w, h: H, page: 1 });
  };
  let y = 800;
  text('某某县人民政府2024年政府信息公开工作年度报告', LABEL_X, y);
  y -= 2 * step;
  text('一、总体情况', LABEL_X, y);
  y -= step;
  text('本年度工作情况。', LABEL_X, y);
  y -= 2 * step;
  text('三、收到和处理政府信息公开申请情况', LABEL_X, y);
  y -= 2 * step;
  // the header: each column's name wrapped in its width, the first cell in the label column
  const perLine = Math.max(1, Math.floor((colW - 4) / H));
  const heads = T3_COLS.map((c) => c.match(new RegExp(`.{1,${perLine}}`, 'gu')) ?? [c]);
  const headLines = Math.max(...heads.map((h) => h.length));
  text(T3_HEAD, LABEL_X, y - ((headLines - 1) * step) / 2, LABEL_W - 4);
  heads.forEach((h, j) => {
    h.forEach((part, k) => {
      const w = part.length * H;
      text(part, colX(j) + (colW - w) / 2, y - k * step);
    });
  });
  y -= headLines * step + t.pad;
  for (const row of t.rows) {
    const cells = row.values.map((v) =>
      v === null ? [] : wrapNumber(grouped(v), t.digits, t.breakAtSeparator),
    );
    const label = t.labelChars
      ? (row.label.match(new RegExp(`.{1,${t.labelChars}}`, 'gu')) ?? [row.label])
      : [row.label];
    const lines = Math.max(label.length, ...cells.map((c) => c.length));
    const top = y - t.pad - H;
    const place = (n: number) =>
      t.valign === 'top' ? top : top - ((lines - n) * step) / (t.valign === 'bottom' ? 1 : 2);
    const rowStart = items.length;
    label.forEach((part, k) => {
      text(part, LABEL_X, place(label.length) - k * step);
    });
    const labelItems = items.slice(rowStart);
    cells.forEach((c, j) => {
      c.forEach((part, k) => {
        const w = part.length * DIGIT;
        text(part, colX(j) + (colW - w) / 2, place(c.length) - k * step, w);
      });
    });
    const first = items[rowStart + labelItems.length];
    const beside = first && cells[0]!.length > 0 && labelItems.find((l) => Math.abs(l.y - first.y) < 0.5);
    if (row.glue && first && beside) {
      // one run of text from the label's line to the number's end
      beside.str += first.str;
      beside.w = first.x + first.w - beside.x;
      items.splice(items.indexOf(first), 1);
    }
    y = top - (lines - 1) * step - t.pad - 2;
  }
  y -= 2 * step;
  text('四、政府信息公开行政复议、行政诉讼情况', LABEL_X, y);
  y -= 2 * step;
  text('五、存在的主要问题及改进情况', LABEL_X, y);
  y -= step;
  text('无。', LABEL_X, y);
  return items;
}
