import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { NianbaoError } from '@nianbao/core';
import type { SourceDoc, SrcCell, SrcLine } from './source.js';
import type { IngestOptions } from './types.js';
import { classifyValue } from './values.js';

export interface Item {
  str: string;
  x: number;
  y: number;
  w: number;
  h: number;
  page: number;
}

interface VLine {
  page: number;
  y: number;
  h: number;
  items: Item[];
}

interface VCell {
  text: string;
  x: number;
  xEnd: number;
  y: number;
  page: number;
  numeric: boolean;
}

function assetDirs(): { cMapUrl?: string; standardFontDataUrl?: string } {
  try {
    const require = createRequire(import.meta.url);
    const root = dirname(require.resolve('pdfjs-dist/package.json'));
    return { cMapUrl: `${join(root, 'cmaps')}/`, standardFontDataUrl: `${join(root, 'standard_fonts')}/` };
  } catch {
    return {};
  }
}

function isNumericText(s: string): boolean {
  const t = classifyValue(s, 0, false);
  return t.kind === 'num' || t.kind === 'blank';
}

/** Group a page's items into visual lines by their baseline. */
function toLines(items: Item[]): VLine[] {
  const sorted = [...items].sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: VLine[] = [];
  for (const it of sorted) {
    const last = lines[lines.length - 1];
    const tol = Math.max(2, 0.45 * Math.min(it.h || 10, last?.h || 10));
    if (last && last.page === it.page && Math.abs(last.y - it.y) <= tol) {
      last.items.push(it);
      last.h = Math.max(last.h, it.h);
    } else lines.push({ page: it.page, y: it.y, h: it.h || 10, items: [it] });
  }
  for (const l of lines) l.items.sort((a, b) => a.x - b.x);
  return lines;
}

/** Split a visual line into cells at wide gaps. */
function toCells(l: VLine): VCell[] {
  const cells: VCell[] = [];
  for (const it of l.items) {
    const last = cells[cells.length - 1];
    const size = it.h || l.h || 10;
    const gap = last ? it.x - last.xEnd : Number.POSITIVE_INFINITY;
    const itNum = isNumericText(it.str.trim());
    if (last && gap < 0.6 * size && !(itNum && last.numeric && gap > 0.15 * size)) {
      const needSpace = gap > 0.15 * size && /[A-Za-z0-9]$/.test(last.text) && /^[A-Za-z0-9]/.test(it.str);
      last.text += (needSpace ? ' ' : '') + it.str;
      last.xEnd = Math.max(last.xEnd, it.x + it.w);
      last.numeric = isNumericText(last.text.trim());
    } else cells.push({ text: it.str, x: it.x, xEnd: it.x + it.w, y: it.y, page: it.page, numeric: itNum });
  }
  for (const c of cells) c.text = c.text.replace(/\s+/g, ' ').trim();
  return cells.filter((c) => c.text !== '');
}

const ENUM_START =
  /^(?:（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+、|\d+[.．、])/;

/**
 * Labels wrapped over several lines with the numbers centred vertically come out as
 * 「label part 1 / numbers / label part 2」: move part 2 in front of the numbers.
 */
function mergeWrapped(rows: VCell[][], lines: VLine[]): VCell[][] {
  const out: VCell[][] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const firstNum = row.findIndex((c) => c.numeric);
    const next = rows[i + 1];
    const nl = lines[i + 1];
    const l = lines[i]!;
    if (
      firstNum >= 0 &&
      next &&
      nl &&
      nl.page === l.page &&
      next.length > 0 &&
      next.every((c) => !c.numeric)
    ) {
      const numX = row[firstNum]!.x;
      const textCells = row.slice(0, firstNum);
      const prev = out[out.length - 1];
      const labelX = textCells[0]?.x ?? (prev?.every((c) => !c.numeric) ? prev[0]?.x : undefined);
      const dy = l.y - nl.y;
      const nx = next[0]!.x;
      const nEnd = Math.max(...next.map((c) => c.xEnd));
      if (
        labelX !== undefined &&
        dy > 0 &&
        dy < 1.3 * Math.max(l.h, nl.h) &&
        nx >= labelX - 3 &&
        nEnd < numX &&
        !ENUM_START.test(next[0]!.text)
      ) {
        const moved = next.map((c) => ({ ...c }));
        out.push([...textCells, ...moved, ...row.slice(firstNum)]);
        i++;
        continue;
      }
    }
    out.push(row);
  }
  return out;
}

/**
 * Rebuild table columns from coordinates: in a run of rows with numbers, the rows with the most
 * numbers give the column centres; a shorter row's numbers go to their nearest column and the
 * columns with nothing printed become empty (blank) cells.
 */
function alignColumns(rows: VCell[][]): { cells: VCell[]; explicit: boolean }[] {
  const out = rows.map((r) => ({ cells: r, explicit: false }));
  let i = 0;
  while (i < rows.length) {
    const count = (r: VCell[]) => r.filter((c) => c.numeric).length;
    if (count(rows[i]!) < 1) {
      i++;
      continue;
    }
    let j = i;
    const page = rows[i]![0]?.page;
    // Where the numbers start: lines of text left of it are wrapped row labels (and group labels
    // beside them) within the table, not the text after it, which runs across the columns.
    let numLeft = Math.min(...rows[i]!.filter((c) => c.numeric).map((c) => c.x));
    let textRun = 0;
    while (j < rows.length && rows[j]!.length > 0 && rows[j]![0]!.page === page) {
      const row = rows[j]!;
      if (count(row) > 0) {
        numLeft = Math.min(numLeft, ...row.filter((c) => c.numeric).map((c) => c.x));
        textRun = 0;
      } else {
        textRun++;
        const labelsOnly = row.every((c) => c.xEnd <= numLeft + 2);
        if (textRun > 6 || (!labelsOnly && textRun > 1)) break;
      }
      j++;
    }
    const block = rows.slice(i, j).filter((r) => count(r) > 0);
    const k = Math.max(...block.map(count));
    const full = block.filter((r) => count(r) === k);
    if (k >= 3 && full.length >= 2) {
      const centres: number[] = [];
      const spread: number[] = [];
      for (let c = 0; c < k; c++) {
        const xs = full.map((r) => {
          const n = r.filter((x) => x.numeric)[c]!;
          return (n.x + n.xEnd) / 2;
        });
        xs.sort((a, b) => a - b);
        centres.push(xs[Math.floor(xs.length / 2)]!);
        spread.push(xs[xs.length - 1]! - xs[0]!);
      }
      const minGap = Math.min(...centres.slice(1).map((c, idx) => c - centres[idx]!));
      // the fullest rows must agree on where each column is: when they do not, they are not full
      // (each has a blank of its own, in another column) and no column can be told from them
      if (spread.some((x) => x > minGap / 2)) {
        i = Math.max(j, i + 1);
        continue;
      }
      for (let r = i; r < j; r++) {
        const row = rows[r]!;
        const n = count(row);
        if (n === 0 || n >= k) continue;
        const nums = row.filter((c) => c.numeric);
        const slots: (VCell | undefined)[] = new Array(k).fill(undefined);
        let ok = true;
        for (const cell of nums) {
          const mid = (cell.x + cell.xEnd) / 2;
          let best = 0;
          for (let c = 1; c < k; c++)
            if (Math.abs(centres[c]! - mid) < Math.abs(centres[best]! - mid)) best = c;
          if (Math.abs(centres[best]! - mid) > minGap / 2 || slots[best]) {
            ok = false;
            break;
          }
          slots[best] = cell;
        }
        if (!ok || mid(nums[0]!) < centres[0]! - minGap) continue;
        const text = row.filter((c) => !c.numeric);
        const cells: VCell[] = [...text];
        slots.forEach((s, c) => {
          cells.push(
            s ?? {
              text: '',
              x: centres[c]!,
              xEnd: centres[c]!,
              y: row[0]!.y,
              page: row[0]!.page,
              numeric: true,
            },
          );
        });
        out[r] = { cells, explicit: true };
      }
    }
    i = Math.max(j, i + 1);
  }
  return out;
}

function mid(c: VCell): number {
  return (c.x + c.xEnd) / 2;
}

/** One page's text items → lines of cells (rows by baseline, cells by gaps, wrapped labels, columns). */
export function layoutItems(items: Item[], firstLine = 1): SrcLine[] {
  const vlines = toLines(items);
  const rows = mergeWrapped(vlines.map(toCells), vlines);
  const lines: SrcLine[] = [];
  for (const { cells, explicit } of alignColumns(rows)) {
    if (cells.length === 0) continue;
    const lineNo = firstLine + lines.length;
    const src: SrcCell[] = cells.map((c) => ({
      text: c.text,
      where: { page: c.page, x: Math.round(c.x * 10) / 10, y: Math.round(c.y * 10) / 10, line: lineNo },
    }));
    lines.push({ cells: src, explicit });
  }
  return lines;
}

/**
 * The extraction itself runs in a worker thread: a PDF that sends pdf.js into a long or endless
 * computation is stopped by terminating the worker (a timer in the same thread could not fire).
 */
const WORKER_CODE = `
const { parentPort, workerData } = require('node:worker_threads');
let pdfjs;
parentPort.on('message', async (msg) => {
  let task;
  try {
    pdfjs ??= await import(workerData.pdfjsUrl);
    task = pdfjs.getDocument({
      data: new Uint8Array(msg.buffer),
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      stopAtErrors: false,
      verbosity: 0,
      ...(workerData.cMapUrl ? { cMapUrl: workerData.cMapUrl, standardFontDataUrl: workerData.standardFontDataUrl } : {}),
    });
    const doc = await task.promise;
    const maxPages = Math.min(doc.numPages, msg.maxPages);
    const pages = [];
    for (let p = 1; p <= maxPages; p++) {
      const page = await doc.getPage(p);
      const tc = await page.getTextContent();
      const items = [];
      for (const raw of tc.items) {
        if (!('str' in raw)) continue;
        const str = raw.str;
        if (!str || str.trim() === '') continue;
        const tr = raw.transform;
        items.push({ str, x: tr[4] ?? 0, y: tr[5] ?? 0, w: raw.width, h: raw.height || Math.abs(tr[3] ?? 0) || 10, page: p });
      }
      pages.push(items);
      page.cleanup();
    }
    parentPort.postMessage({ id: msg.id, ok: true, numPages: doc.numPages, pages });
  } catch (e) {
    parentPort.postMessage({ id: msg.id, ok: false, name: e && e.name ? String(e.name) : '', message: String((e && e.message) || e) });
  } finally {
    if (task) await task.destroy().catch(() => undefined);
  }
});
`;

interface Extracted {
  numPages: number;
  pages: Item[][];
}

type Pending = { resolve: (x: Extracted) => void; reject: (e: unknown) => void; timer: NodeJS.Timeout };

/** One worker thread and the requests it is working on. */
interface PdfWorker {
  w: Worker;
  pending: Map<number, Pending>;
}

let current: PdfWorker | undefined;
let nextId = 1;

function pdfjsUrl(): string {
  const require = createRequire(import.meta.url);
  return pathToFileURL(require.resolve('pdfjs-dist/legacy/build/pdf.mjs')).href;
}

function getWorker(): PdfWorker {
  if (current) return current;
  const w = new Worker(WORKER_CODE, { eval: true, workerData: { pdfjsUrl: pdfjsUrl(), ...assetDirs() } });
  const state: PdfWorker = { w, pending: new Map() };
  w.on(
    'message',
    (m: {
      id: number;
      ok: boolean;
      numPages?: number;
      pages?: Item[][];
      name?: string;
      message?: string;
    }) => {
      const p = state.pending.get(m.id);
      if (!p) return;
      state.pending.delete(m.id);
      clearTimeout(p.timer);
      if (state.pending.size === 0) w.unref();
      if (m.ok) p.resolve({ numPages: m.numPages ?? 0, pages: m.pages ?? [] });
      else if (m.name === 'PasswordException')
        p.reject(new NianbaoError('INGEST_PDF_ENCRYPTED', 'PDF 文件有密码保护，无法读取'));
      else
        p.reject(
          new NianbaoError('INGEST_PDF_INVALID', `PDF 文件已损坏或不是有效的 PDF：${m.message ?? ''}`),
        );
    },
  );
  const failAll = (e: unknown) => {
    if (current === state) current = undefined;
    for (const [id, p] of state.pending) {
      clearTimeout(p.timer);
      p.reject(
        e instanceof NianbaoError
          ? e
          : new NianbaoError(
              'INGEST_PDF_INVALID',
              `PDF 读取失败：${e instanceof Error ? e.message : String(e)}`,
            ),
      );
      state.pending.delete(id);
    }
  };
  w.on('error', failAll);
  w.on('exit', () => failAll(new NianbaoError('INGEST_PDF_INVALID', 'PDF 读取线程意外退出')));
  w.unref();
  current = state;
  return state;
}

/** Text items of every page, read by pdf.js in a worker thread with a hard time limit. */
export function extractItems(
  bytes: Uint8Array,
  opts: IngestOptions = {},
  timeoutMs = 60000,
): Promise<Extracted> {
  return new Promise<Extracted>((resolve, reject) => {
    const state = getWorker();
    const id = nextId++;
    const copy = bytes.slice(); // our own buffer, transferred to the worker
    const timer = setTimeout(() => {
      state.pending.delete(id);
      reject(new NianbaoError('INGEST_PDF_TIMEOUT', `PDF 读取超时（超过 ${timeoutMs / 1000} 秒），已中止`));
      // the worker may be stuck: stop it; requests still in it fail with a clear error
      if (current === state) current = undefined;
      void state.w.terminate();
    }, timeoutMs);
    state.pending.set(id, { resolve, reject, timer });
    state.w.ref();
    state.w.postMessage({ id, buffer: copy.buffer, maxPages: opts.maxPages ?? 200 }, [copy.buffer]);
  });
}

/** PDF → lines of cells rebuilt from the text items' coordinates (not their order in the file). */
export async function pdfToSource(bytes: Uint8Array, opts: IngestOptions = {}): Promise<SourceDoc> {
  const { numPages, pages } = await extractItems(bytes, opts);
  const lines: SrcLine[] = [];
  let textItems = 0;
  for (const items of pages) {
    textItems += items.length;
    lines.push(...layoutItems(items, lines.length + 1));
  }
  if (textItems === 0)
    throw new NianbaoError(
      'INGEST_PDF_NO_TEXT',
      'PDF 中没有可提取的文字（可能是扫描件或图片），无法读取表格',
      {
        pages: numPages,
      },
    );
  return pages.length < numPages ? { lines, pages: { read: pages.length, total: numPages } } : { lines };
}
