import { Parser } from 'htmlparser2';

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';

import type { SourceDoc, SrcCell, SrcLine } from './source.js';

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
}

const clean = (s: string) => s.replace(/[ \t\r\n\f\u00a0]+/g, ' ').trim();

/**
 * HTML of a government portal (or Word's HTML export) → lines of cells. Every `<tr>` of a data
 * table becomes one line with one cell per `<td>`/`<th>` (an empty cell is a printed blank); text
 * outside tables — and inside page-layout tables that wrap the report — becomes lines at block
 * boundaries and `<br>`.
 */
export function htmlToSource(html: string): SourceDoc {
  const lines: SrcLine[] = [];
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
  const parser = new Parser(
    {
      onopentag(name, attribs) {
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
          tables.push({ no: tableNo, row: 0, cells: null, cellText: null, cellIndex: 0, layout: false });
          return;
        }
        if (t) {
          if (name === 'tr') {
            t.row++;
            t.cells = [];
            t.cellIndex = 0;
            return;
          }
          if (name === 'td' || name === 'th') {
            if (!t.cells) {
              t.row++;
              t.cells = [];
            }
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
            else
              t.cells?.push({
                text: clean(t.cellText),
                where: { table: t.no, row: t.row, cell: t.cellIndex },
                ...(t.span ? { span: t.span } : {}),
              });
            t.cellText = null;
            return;
          }
          if (name === 'tr' && t.cells) {
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
