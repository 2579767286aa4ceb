import { NianbaoError } from '@nianbao/core';
import { unzipSync } from 'fflate';
import { Parser } from 'htmlparser2';
import { type SourceDoc, type SrcCell, type SrcLine, valueLike } from './source.js';
import { refuseDeepXml } from './xml-depth.js';
import { zipCutShort } from './zip.js';

interface TableState {
  no: number;
  row: number;
  cells: SrcCell[] | null;
  cellText: string | null;
  cellIndex: number;
  vMergeContinue: boolean;
  /** The open cell's column in the grid, and how many it spans (w:gridSpan). */
  gridX?: number;
  gridSpan?: number;
  /** The text of the last cell begun in each grid column (what a cell merged with it continues). */
  colText?: Map<number, string>;
}

/** What a cell merged with the one above (its number printed once, over the rows) reads as. */
const MERGED_ABOVE = '〃';

/**
 * Word (.docx) → lines of cells: paragraphs become lines, every table row one line with one cell
 * per `w:tc` (continuations of vertically merged cells are skipped before the row's label — the
 * label columns — and 「〃」 after it; an empty cell is a blank).
 */
export function docxToSource(bytes: Uint8Array): SourceDoc {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (f) => {
        if (f.name !== 'word/document.xml') return false;
        // a compressed bomb would exhaust memory: a report's document.xml is well under 10 MB
        if (f.originalSize > 60 * 1024 * 1024)
          throw new NianbaoError(
            'INGEST_TOO_LARGE',
            `Word 文件正文解压后过大（${Math.round(f.originalSize / 1048576)} MB），不像一份年度报告`,
          );
        return true;
      },
    });
  } catch (e) {
    if (e instanceof NianbaoError) throw e;
    if (zipCutShort(bytes))
      throw new NianbaoError(
        'INGEST_DOCX_INVALID',
        'Word 文件不完整（压缩包的结尾缺失，可能没有下载完或复制时被截断），无法读取：请重新下载，或用原文件重新导出后再导入',
        { cause: e instanceof Error ? e.message : String(e), reason: 'TRUNCATED' },
      );
    throw new NianbaoError(
      'INGEST_DOCX_INVALID',
      'Word 文件已损坏或不是有效的 .docx（无法按 .docx 的压缩格式解开）：请在 Word 或 WPS 中打开，另存为 .docx 或 PDF 后再导入',
      { cause: e instanceof Error ? e.message : String(e) },
    );
  }
  const xmlBytes = files['word/document.xml'];
  if (!xmlBytes)
    throw new NianbaoError(
      'INGEST_DOCX_INVALID',
      'Word 文件中没有正文（缺少 word/document.xml），可能不是 .docx 文件',
    );
  const xml = new TextDecoder('utf-8').decode(xmlBytes);
  refuseDeepXml(xml, 'Word 文件');
  const lines: SrcLine[] = [];
  const tables: TableState[] = [];
  /** Cells standing for a cell merged with the one above (MERGED_ABOVE). */
  const merged = new Set<SrcCell>();
  let para = '';
  let inText = false;
  let tableNo = 0;
  const top = () => tables[tables.length - 1];
  // The tables read (no >= 0), as their places in `tables`: tables nested in a cell (no -1) are only
  // counted, never searched — a file of tables nested 150,000 deep made every tag search them all.
  const read: number[] = [];
  const lastRead = (open: boolean) => {
    for (let k = read.length - 1; k >= 0; k--) {
      const t = tables[read[k]!]!;
      if (!open || t.cellText !== null) return t;
    }
    return undefined;
  };
  const outerCell = () => lastRead(true);
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (name === 'w:gridSpan') {
          const t = top();
          const n = Number.parseInt(attribs['w:val'] ?? '', 10);
          if (t && t.no >= 0 && t.cellText !== null && Number.isFinite(n) && n > 1)
            t.gridSpan = Math.min(n, 1000);
          return;
        }
        if (name === 'nb:vcont') {
          const t = lastRead(false);
          if (t && t.cellText !== null) t.vMergeContinue = true;
          return;
        }
        if (name === 'w:tbl') {
          const t = outerCell();
          if (t) {
            tables.push({ no: -1, row: 0, cells: null, cellText: null, cellIndex: 0, vMergeContinue: false });
            return;
          }
          tableNo++;
          read.push(tables.length);
          tables.push({
            no: tableNo,
            row: 0,
            cells: null,
            cellText: null,
            cellIndex: 0,
            vMergeContinue: false,
          });
          return;
        }
        const t = top();
        if (t && t.no >= 0) {
          if (name === 'w:tr') {
            t.row++;
            t.cells = [];
            t.cellIndex = 0;
            t.gridX = 0;
          } else if (name === 'w:tc') {
            t.cellIndex++;
            t.cellText = '';
            t.vMergeContinue = false;
            t.gridSpan = 1;
          }
        }
        if (name === 'w:t') inText = true;
        else if (name === 'w:tab' || name === 'w:br') {
          const c = outerCell();
          if (c) c.cellText += ' ';
          else para += name === 'w:tab' ? '\t' : '\n';
        }
      },
      ontext(data) {
        if (!inText) return;
        const c = outerCell();
        if (c) c.cellText += data;
        else para += data;
      },
      onclosetag(name) {
        if (name === 'w:t') {
          inText = false;
          return;
        }
        const c = outerCell();
        if (name === 'w:p') {
          if (c) {
            if (c.cellText && !c.cellText.endsWith(' ')) c.cellText += ' ';
          } else {
            for (const piece of para.split('\n')) {
              const cells = piece.split('\t').map((text) => ({ text, where: { line: lines.length + 1 } }));
              // a w:p (or a line of it ended by w:br) is a paragraph as written
              if (piece.trim() !== '') lines.push({ cells, explicit: false, paragraph: true });
            }
            para = '';
          }
          return;
        }
        const t = top();
        if (name === 'w:tbl') {
          if (read[read.length - 1] === tables.length - 1) read.pop();
          tables.pop();
          return;
        }
        if (!t || t.no < 0) return;
        if (name === 'w:tc' && t.cells && t.cellText !== null) {
          const span = t.gridSpan ?? 1;
          const x = t.gridX ?? 0;
          t.colText ??= new Map();
          if (!t.vMergeContinue) {
            const text = t.cellText.replace(/\s+/g, ' ').trim();
            t.colText.set(x, text);
            t.cells.push({
              text,
              where: { table: t.no, row: t.row, cell: t.cellIndex },
              gridCol: x,
              ...(span > 1 ? { span: { cols: span, rows: 1 } } : {}),
            });
          } else if (valueLike(t.colText.get(x) ?? '') && t.cells.some((c) => c.text !== '')) {
            // a cell of values merged with the one above after the row's words (a column of numbers
            // merged down over rows): it holds its column, printed 「〃」 — read as no number, and
            // said — so that the numbers after it stay in theirs; a label merged down (「（三）不予
            // 公开」 over its rows) is left out, as a row of heads leaves it
            const c: SrcCell = {
              text: MERGED_ABOVE,
              where: { table: t.no, row: t.row, cell: t.cellIndex },
              gridCol: t.gridX ?? 0,
            };
            merged.add(c);
            t.cells.push(c);
          }
          t.gridX = (t.gridX ?? 0) + span;
          t.cellText = null;
        } else if (name === 'w:tr' && t.cells) {
          // (a row of heads: no number, no blank)
          if (!t.cells.some((c) => !merged.has(c) && (c.text === '' || /[0-9０-９]/.test(c.text))))
            t.cells = t.cells.filter((c) => !merged.has(c));
          if (t.cells.length > 0) lines.push({ cells: t.cells, explicit: true });
          t.cells = null;
        }
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  // <w:vMerge/> without val="restart" continues the cell above: mark it before parsing
  const marked = xml.replace(/<w:vMerge\s*\/>|<w:vMerge\s+w:val="continue"\s*\/>/g, '<nb:vcont/>');
  parser.write(marked);
  parser.end();
  lines.forEach((l, i) => {
    for (const c of l.cells) c.where.line = i + 1;
  });
  return { lines };
}
