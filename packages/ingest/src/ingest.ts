import { NianbaoError } from '@nianbao/core';
import { htmlToSource } from './html.js';
import { checkText, decodeText, MAX_TEXT_CHARS, refuseUnsupported, sizeCheck } from './input.js';
import { parseSource } from './parse.js';
import { htmlMarkup } from './sniff.js';
import { type SourceDoc, textToSource } from './source.js';
import type { Diagnostic, IngestOptions, IngestResult, InputKind } from './types.js';
import { zipHolds, zipIsWordDocument, zipIsWorkbook } from './zip.js';

function bytesOf(input: string | Uint8Array): Uint8Array | undefined {
  return typeof input === 'string' ? undefined : input;
}

/** Kind of the input from its bytes (magic numbers) and, failing that, its name. */
export function detectKind(
  input: string | Uint8Array,
  filename?: string,
): { kind: InputKind; reason: string } {
  const b = bytesOf(input);
  if (b) {
    if (b.length >= 5 && b[0] === 0x25 && b[1] === 0x50 && b[2] === 0x44 && b[3] === 0x46 && b[4] === 0x2d)
      return { kind: 'pdf', reason: '文件以 %PDF- 开头' };
    if (b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04) {
      if (zipIsWorkbook(b)) return { kind: 'xlsx', reason: '文件是 ZIP 压缩包，含 Excel 工作簿（.xlsx）' };
      // (a ZIP cut short before any part that tells: its name says what it was)
      const ext = filename ? /\.([a-z0-9]+)$/i.exec(filename)?.[1]?.toLowerCase() : undefined;
      if (!zipIsWordDocument(b) && (ext === 'xlsx' || ext === 'xlsm'))
        return { kind: 'xlsx', reason: `文件是 ZIP 压缩包，文件扩展名 .${ext}` };
      return { kind: 'docx', reason: '文件是 ZIP 压缩包（Word .docx）' };
    }
  }
  return detectText(input, filename);
}

function detectText(input: string | Uint8Array, filename?: string): { kind: InputKind; reason: string } {
  const b = bytesOf(input);
  const ext = filename ? /\.([a-z0-9]+)$/i.exec(filename)?.[1]?.toLowerCase() : undefined;
  if (ext === 'pdf') return { kind: 'pdf', reason: '文件扩展名 .pdf' };
  if (ext === 'docx') return { kind: 'docx', reason: '文件扩展名 .docx' };
  if (ext === 'xlsx' || ext === 'xlsm') return { kind: 'xlsx', reason: `文件扩展名 .${ext}` };
  if (ext === 'html' || ext === 'htm') return { kind: 'html', reason: `文件扩展名 .${ext}` };
  const markup = htmlMarkup(
    typeof input === 'string'
      ? input.slice(0, 4096)
      : new TextDecoder('utf-8', { fatal: false }).decode(b!.subarray(0, 4096)),
  );
  if (markup) return { kind: 'html', reason: markup };
  return { kind: 'text', reason: typeof input === 'string' ? '输入为文本' : '内容为文本' };
}

function checkDoc(doc: SourceDoc): void {
  let n = 0;
  for (const l of doc.lines) for (const c of l.cells) n += c.text.length + 1;
  if (n === 0) throw new NianbaoError('INGEST_EMPTY', '文件中没有可读取的文字');
  if (n > MAX_TEXT_CHARS)
    throw new NianbaoError(
      'INGEST_TOO_LARGE',
      `文件中的文字过长（${n} 个字符，上限 ${MAX_TEXT_CHARS}），不像一份年度报告`,
      {
        chars: n,
        max: MAX_TEXT_CHARS,
      },
    );
}

export { decodeText };

/** Text and HTML, synchronously (PDF and Word need `ingest`). */
export function ingestSync(input: string | Uint8Array, opts: IngestOptions = {}): IngestResult {
  sizeCheck(input, opts);
  const det = opts.kind
    ? { kind: opts.kind, reason: '按指定的文件类型读取' }
    : detectKind(input, opts.filename);
  if (det.kind === 'pdf' || det.kind === 'docx' || det.kind === 'xlsx')
    throw new NianbaoError(
      'INGEST_ASYNC_REQUIRED',
      `${det.kind === 'pdf' ? 'PDF' : det.kind === 'xlsx' ? 'Excel' : 'Word'} 文件需要用异步的 ingest() 读取`,
    );
  if (typeof input !== 'string') refuseUnsupported(input);
  const text = typeof input === 'string' ? input : decodeText(input);
  // Called text, but it is HTML markup (a web page saved as .txt): read as text it would give nothing.
  const byContent = det.kind === 'html' ? undefined : detectText(text);
  const html = det.kind === 'html' || (opts.kind === 'text' && byContent?.kind === 'html');
  checkText(text, html ? Number.POSITIVE_INFINITY : MAX_TEXT_CHARS);
  if (det.kind === 'html') return ingestHtmlText(text, det.reason);
  if (html) return ingestHtmlText(text, `指定为文本，但${byContent!.reason}，按 HTML 读取`);
  return parseSource(textToSource(text), 'text', det.reason);
}

function ingestHtmlText(text: string, reason: string): IngestResult {
  const doc = htmlToSource(text);
  checkDoc(doc);
  return parseSource(doc, 'html', reason);
}

/**
 * Read a published report — plain text, HTML, PDF or Word (.docx) — into the report model with
 * per-cell provenance. Rejects with a NianbaoError (code + 简体中文 message) when the input cannot
 * be read as a report; never throws anything else.
 */
export async function ingest(input: string | Uint8Array, opts: IngestOptions = {}): Promise<IngestResult> {
  try {
    if (typeof input !== 'string' && !(input instanceof Uint8Array))
      throw new NianbaoError('INGEST_BAD_INPUT', '输入必须是字符串或字节数组（Uint8Array）');
    sizeCheck(input, opts);
    let det = opts.kind
      ? { kind: opts.kind, reason: '按指定的文件类型读取' }
      : detectKind(input, opts.filename);
    // An old .doc or a .wps named .docx is said as such, not as a damaged Word file.
    if (typeof input !== 'string') refuseUnsupported(input);
    // Called one kind but plainly another (PDF bytes sent as Word): read as what it is, and say so.
    let mismatch: Diagnostic | undefined;
    if (opts.kind && typeof input !== 'string') {
      const byBytes = detectKind(input);
      // (a ZIP holding neither a Word document nor a workbook — a damaged one — is read as declared)
      const told =
        byBytes.kind === 'pdf' ||
        byBytes.kind === 'xlsx' ||
        (byBytes.kind === 'docx' && (opts.kind !== 'xlsx' || zipHolds(input, 'word/document.xml')));
      if (told && byBytes.kind !== opts.kind) {
        mismatch = {
          code: 'INPUT_KIND_MISMATCH',
          severity: 'warning',
          message: `指定的文件类型是 ${KIND_NAMES[opts.kind]}，但${byBytes.reason}：已按 ${KIND_NAMES[byBytes.kind]} 读取`,
          details: { declared: opts.kind, detected: byBytes.kind },
        };
        det = byBytes;
      }
    }
    const r = await ingestAs(input, det, opts);
    if (!mismatch) return r;
    return { ...r, diagnostics: { ...r.diagnostics, issues: [mismatch, ...r.diagnostics.issues] } };
  } catch (e) {
    if (e instanceof NianbaoError) throw e;
    // a library's own words (English) only as detail: the message says what happened and what to do
    throw new NianbaoError(
      'INGEST_FAILED',
      '读取时出现意外错误，文件没有读取：请确认文件能在 Word、WPS 或 PDF 阅读器中正常打开；仍然失败时，请把文件交给系统维护人员',
      { cause: e instanceof Error ? e.message : String(e), name: e instanceof Error ? e.name : typeof e },
    );
  }
}

const KIND_NAMES: Record<InputKind, string> = {
  pdf: 'PDF',
  docx: 'Word（.docx）',
  xlsx: 'Excel（.xlsx）',
  html: 'HTML',
  text: '文本',
};

async function ingestAs(
  input: string | Uint8Array,
  det: { kind: InputKind; reason: string },
  opts: IngestOptions,
): Promise<IngestResult> {
  if (det.kind === 'pdf') {
    const { pdfToSource } = await import('./pdf.js');
    const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
    const doc = await pdfToSource(bytes, opts);
    checkDoc(doc);
    const r = parseSource(doc, 'pdf', det.reason);
    if (!doc.pages) return r;
    // Never a silent part: the pages beyond the limit hold what the report says there.
    const cut: Diagnostic = {
      code: 'PDF_PAGES_NOT_READ',
      severity: 'error',
      message: `PDF 共 ${doc.pages.total} 页，只读取了前 ${doc.pages.read} 页（页数上限）：其后各页的表格与文字没有读取`,
      details: { ...doc.pages },
    };
    return { ...r, diagnostics: { ...r.diagnostics, issues: [cut, ...r.diagnostics.issues] } };
  }
  if (det.kind === 'docx') {
    const { docxToSource } = await import('./docx.js');
    const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
    const doc = docxToSource(bytes);
    checkDoc(doc);
    return parseSource(doc, 'docx', det.reason);
  }
  if (det.kind === 'xlsx') {
    const { xlsxToSource } = await import('./xlsx.js');
    const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
    const doc = xlsxToSource(bytes);
    checkDoc(doc);
    const parsed = parseSource(doc, 'xlsx', det.reason);
    // our export's 发布日期 (报告信息), a date as written there
    const date = doc.facts['发布日期'];
    const r =
      date && /^\d{4}-\d{2}-\d{2}$/.test(date) && !parsed.report.meta.publishedOn
        ? { ...parsed, report: { ...parsed.report, meta: { ...parsed.report.meta, publishedOn: date } } }
        : parsed;
    // A workbook holds the tables, not the sections' text (our export has none): said once, as what
    // it is, rather than as sections 「可能在此之前截断」.
    const SECTION_CODES = new Set(['SECTION_MISSING', 'SECTION_CUT_OFF', 'SECTION_BEFORE_START']);
    const missing = r.diagnostics.issues.filter((i) => SECTION_CODES.has(i.code));
    const rest = r.diagnostics.issues.filter((i) => !SECTION_CODES.has(i.code));
    const titles = missing.map((i) => /章节「([^」]+)」/.exec(i.message)?.[1]).filter(Boolean);
    const issues: Diagnostic[] = [...doc.issues];
    if (missing.length > 0)
      issues.push({
        code: 'XLSX_TABLES_ONLY',
        severity: 'warning',
        message: `Excel 文件只含表格（工作表：${doc.sheets.map((n) => `「${n}」`).join('、')}），没有${titles.map((t) => `「${t}」`).join('、')}的正文：请在报告中填写，或从 Word、PDF 导入`,
        details: { sheets: doc.sheets, sections: missing.map((i) => i.details?.section) },
      });
    return { ...r, diagnostics: { ...r.diagnostics, issues: [...issues, ...rest] } };
  }
  return ingestSync(input, { ...opts, kind: det.kind });
}
