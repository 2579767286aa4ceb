import { Parser } from 'htmlparser2';
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

/**
 * HTML of a government portal (or Word's HTML export) → lines of cells. Every `<tr>` becomes one
 * line with one cell per `<td>`/`<th>` (an empty cell is a printed blank); text outside tables
 * becomes lines at block boundaries and `<br>`.
 */
export function htmlToSource(html: string): SourceDoc {
  const lines: SrcLine[] = [];
  let text = '';
  let skip = 0;
  let tableNo = 0;
  const tables: {
    no: number;
    row: number;
    cells: SrcCell[] | null;
    cellText: string | null;
    cellIndex: number;
  }[] = [];
  const flushText = () => {
    const t = text.replace(/[ \t\r\n\f]+/g, ' ');
    if (t.trim() !== '')
      lines.push({ cells: [{ text: t.trim(), where: { line: lines.length + 1 } }], explicit: false });
    text = '';
  };
  const cur = () => tables[tables.length - 1];
  const parser = new Parser(
    {
      onopentag(name) {
        if (SKIP.has(name)) {
          skip++;
          return;
        }
        if (skip) return;
        const t = cur();
        if (name === 'table') {
          if (t && t.cellText !== null) {
            // nested table: its text goes into the outer cell
            tables.push({ no: -1, row: 0, cells: null, cellText: null, cellIndex: 0 });
            return;
          }
          flushText();
          tableNo++;
          tables.push({ no: tableNo, row: 0, cells: null, cellText: null, cellIndex: 0 });
          return;
        }
        if (t && t.no >= 0) {
          if (name === 'tr') {
            t.row++;
            t.cells = [];
            t.cellIndex = 0;
          } else if (name === 'td' || name === 'th') {
            if (!t.cells) {
              t.row++;
              t.cells = [];
            }
            t.cellIndex++;
            t.cellText = '';
          } else if (name === 'br' || BLOCK.has(name)) {
            if (t.cellText !== null && t.cellText !== '') t.cellText += ' ';
          }
          return;
        }
        if (t && t.no < 0) {
          const outer = tables.findLast((x) => x.no >= 0);
          if (outer && outer.cellText !== null && (name === 'td' || name === 'br' || BLOCK.has(name)))
            outer.cellText += ' ';
          return;
        }
        if (name === 'br' || BLOCK.has(name) || name === 'tr') flushText();
      },
      ontext(data) {
        if (skip) return;
        const t = tables.findLast((x) => x.no >= 0);
        if (t && tables.length > 0) {
          if (t.cellText !== null) t.cellText += data;
          return;
        }
        text += data;
      },
      onclosetag(name) {
        if (SKIP.has(name)) {
          skip = Math.max(0, skip - 1);
          return;
        }
        if (skip) return;
        const t = cur();
        if (name === 'table') {
          if (t && t.no >= 0 && t.cells && t.cells.length > 0) lines.push({ cells: t.cells, explicit: true });
          tables.pop();
          return;
        }
        if (t && t.no >= 0) {
          if ((name === 'td' || name === 'th') && t.cells && t.cellText !== null) {
            t.cells.push({
              text: t.cellText.replace(/[ \t\r\n\f]+/g, ' ').trim(),
              where: { table: t.no, row: t.row, cell: t.cellIndex, line: lines.length + 1 },
            });
            t.cellText = null;
          } else if (name === 'tr' && t.cells) {
            if (t.cells.length > 0) lines.push({ cells: t.cells, explicit: true });
            t.cells = null;
          }
          return;
        }
        if (BLOCK.has(name)) flushText();
      },
    },
    { decodeEntities: true, lowerCaseTags: true, recognizeSelfClosing: true },
  );
  parser.write(html);
  parser.end();
  flushText();
  // fix line numbers of table cells (assigned before the row was pushed)
  lines.forEach((l, i) => {
    for (const c of l.cells) c.where.line = i + 1;
  });
  return { lines };
}
