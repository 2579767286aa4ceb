import { NianbaoError } from '@nianbao/core';
import { Parser } from 'htmlparser2';

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';

import { type SourceDoc, type SrcCell, type SrcLine, valueLike } from './source.js';
import { MAX_XML_DEPTH } from './xml-depth.js';

const BLOCK = new Set([
  'p',
  'div',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'ul',
  'ol',
  'section',
  'article',
  'header',
  'footer',
  'blockquote',
  'pre',
  'title',
  'caption',
  'dd',
  'dt',
  'center',
]);
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'xml', 'head']);

interface TableState {
  no: number;
  row: number;
  cells: SrcCell[] | null;
  /** Text of the open cell, null between cells. */
  cellText: string | null;
  cellIndex: number;
  /** A page-layout table (a cell holds another table): its cells are blocks of text, not data. */
  layout: boolean;
  /** colspan/rowspan of the open cell, when more than one. */
  span?: { cols: number; rows: number };
  /** The grid column of the row's next cell. */
  gridX: number;
  /** Cells spanning rows below their own (rowspan): the columns they take in those rows. */
  above: { from: number; cols: number; startRow: number; until: number; cell?: SrcCell }[];
}

/** What a cell merged with the one above (rowspan: its number printed once, over the rows) reads as. */
const MERGED_ABOVE = '〃';

const clean = (s: string) => s.replace(/[ \t\r\n\f\u00a0]+/g, ' ').trim();

/**
 * HTML of a government portal (or Word's HTML export) → lines of cells. Every `<tr>` of a data
 * table becomes one line with one cell per `<td>`/`<th>` (an empty cell is a printed blank); text
 * outside tables — and inside page-layout tables that wrap the report — becomes lines at block
 * boundaries and `<br>`.
 */
export function htmlToSource(html: string): SourceDoc {
  const lines: SrcLine[] = [];
  /** Cells standing for a cell of a row above spanning this row (MERGED_ABOVE). */
  const merged = new Set<SrcCell>();
  /**
   * The columns of the row taken by cells of the rows above (rowspan), before the next cell (or at
   * the row's end): a cell spanning down after the row's label
   * (a number or a blank merged over rows) holds its column in each row as 「〃」 — read as no
   * number, and said — so that the numbers after it stay in theirs; a label (「（三）不予公开」 over
   * its eight rows) or a cell before the row's words is left out, as a row of heads leaves it.
   */
  const fillAbove = (t: TableState) => {
    for (;;) {
      const a = t.above.find((x) => x.from === t.gridX && x.startRow < t.row && t.row <= x.until);
      if (!a) return;
      if (a.cell && valueLike(a.cell.text) && t.cells?.some((c) => c.text !== '')) {
        const c: SrcCell = { text: MERGED_ABOVE, where: { table: t.no, row: t.row, cell: t.cellIndex } };
        merged.add(c);
        t.cells.push(c);
      }
      t.gridX += a.cols;
    }
  };
  let text = '';
  let skip = 0;
  let tableNo = 0;
  const tables: TableState[] = [];
  const top = () => tables[tables.length - 1];
  const pushText = (t: string) => {
    const c = clean(t);
    // a block or a line ended by <br> is a paragraph as written
    if (c !== '')
      lines.push({
        cells: [{ text: c, where: { line: lines.length + 1 } }],
        explicit: false,
        paragraph: true,
      });
  };
  /** Where running text goes: the open cell of the innermost table, or the page. */
  let sup = 0;
  const appendText = (data: string) => {
    const t = top();
    if (t && t.cellText !== null) t.cellText += data;
    else if (!t) text += data;
    else text += data; // text between cells of a table (rare): keep it
  };
  const blockBreak = () => {
    const t = top();
    if (t && t.cellText !== null) {
      if (t.layout) {
        pushText(t.cellText);
        t.cellText = '';
      } else if (t.cellText !== '') t.cellText += ' ';
    } else {
      pushText(text);
      text = '';
    }
  };
  // The parser keeps its open elements in an array it grows at the front: every element costs as much
  // as the depth, so a page of 1.4 MB of nested <div> took 44 s (20 MB: hours). The elements open
  // (closed by the parser too, implied or void) are counted, and a page deeper than any report is
  // refused as soon as it gets there.
  let depth = 0;
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (++depth > MAX_XML_DEPTH)
          throw new NianbaoError(
            'INGEST_TOO_DEEP',
            `网页的内容嵌套过深（超过 ${MAX_XML_DEPTH} 层，如表格套表格），不像一份年度报告：请在浏览器中打开，另存为 PDF 或复制正文后再导入`,
            { maxDepth: MAX_XML_DEPTH },
          );
        if (SKIP.has(name)) {
          skip++;
          return;
        }
        if (skip) return;
        if (name === 'sup') sup++;
        const t = top();
        if (name === 'table') {
          if (t) {
            // the enclosing table is a page layout: flush what it holds as text
            if (!t.layout) {
              t.layout = true;
              for (const c of t.cells ?? []) pushText(c.text);
              t.cells = [];
            }
            if (t.cellText !== null) {
              pushText(t.cellText);
              t.cellText = '';
            }
          } else {
            pushText(text);
            text = '';
          }
          tableNo++;
          tables.push({
            no: tableNo,
            row: 0,
            cells: null,
            cellText: null,
            cellIndex: 0,
            layout: false,
            gridX: 0,
            above: [],
          });
          return;
        }
        if (t) {
          if (name === 'tr') {
            t.row++;
            t.cells = [];
            t.cellIndex = 0;
            t.gridX = 0;
            return;
          }
          if (name === 'td' || name === 'th') {
            if (!t.cells) {
              t.row++;
              t.cells = [];
              t.gridX = 0;
            }
            if (!t.layout) fillAbove(t);
            t.cellIndex++;
            t.cellText = '';
            const n = (v: string | undefined) => {
              const x = Number.parseInt(v ?? '', 10);
              return Number.isFinite(x) && x > 1 ? Math.min(x, 1000) : 1;
            };
            const cols = n(attribs.colspan);
            const rows = n(attribs.rowspan);
            if (cols > 1 || rows > 1) t.span = { cols, rows };
            else delete t.span;
            if (rows > 1) t.above.push({ from: t.gridX, cols, startRow: t.row, until: t.row + rows - 1 });
            t.gridX += cols;
            return;
          }
        }
        if (name === 'br' || BLOCK.has(name)) blockBreak();
      },
      ontext(data) {
        if (skip) return;
        // A superscript in a table cell is a footnote mark (167<sup>1</sup>, 821<sup>注1</sup>): kept as
        // superscript digits, which the value reader leaves out of the number, never as its last digit.
        const t = top();
        appendText(
          sup > 0 && t && t.cellText !== null ? data.replace(/[0-9]/g, (d) => SUPERSCRIPT[+d]!) : data,
        );
      },
      onclosetag(name) {
        depth = Math.max(0, depth - 1);
        if (SKIP.has(name)) {
          skip = Math.max(0, skip - 1);
          return;
        }
        if (skip) return;
        if (name === 'sup') sup = Math.max(0, sup - 1);
        const t = top();
        if (name === 'table') {
          if (t) {
            if (t.cellText !== null) pushText(t.cellText);
            if (!t.layout && t.cells && t.cells.length > 0) lines.push({ cells: t.cells, explicit: true });
            else if (t.layout) for (const c of t.cells ?? []) pushText(c.text);
          }
          tables.pop();
          return;
        }
        if (t) {
          if ((name === 'td' || name === 'th') && t.cellText !== null) {
            if (t.layout) pushText(t.cellText);
            else {
              const c: SrcCell = {
                text: clean(t.cellText),
                where: { table: t.no, row: t.row, cell: t.cellIndex },
                ...(t.span ? { span: t.span } : {}),
              };
              t.cells?.push(c);
              const a = t.above[t.above.length - 1];
              if (a && a.startRow === t.row && a.from === t.gridX - (t.span?.cols ?? 1)) a.cell = c;
            }
            t.cellText = null;
            return;
          }
          if (name === 'tr' && t.cells) {
            if (!t.layout) {
              fillAbove(t);
              // (a row of heads: no number, no blank)
              if (!t.cells.some((c) => !merged.has(c) && (c.text === '' || /[0-9０-９]/.test(c.text))))
                t.cells = t.cells.filter((c) => !merged.has(c));
              t.above = t.above.filter((x) => x.until > t.row);
            }
            if (t.layout) for (const c of t.cells) pushText(c.text);
            else if (t.cells.length > 0) lines.push({ cells: t.cells, explicit: true });
            t.cells = null;
            return;
          }
        }
        if (BLOCK.has(name)) blockBreak();
      },
    },
    { decodeEntities: true, lowerCaseTags: true, recognizeSelfClosing: true },
  );
  parser.write(html);
  parser.end();
  // unclosed tables at the end of a cut-off page
  while (tables.length > 0) {
    const t = tables.pop()!;
    if (t.cellText !== null && t.cells && !t.layout)
      t.cells.push({ text: clean(t.cellText), where: { table: t.no, row: t.row, cell: t.cellIndex } });
    if (t.cells && t.cells.length > 0 && !t.layout) lines.push({ cells: t.cells, explicit: true });
  }
  pushText(text);
  lines.forEach((l, i) => {
    for (const c of l.cells) c.where.line = i + 1;
  });
  return { lines };
}
