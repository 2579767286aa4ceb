import {
  chinaTime,
  editionForYear,
  editionName,
  NianbaoError,
  parseReport,
  type Report,
  removeRefusedChars,
  withoutRefusedChars,
  zh,
} from '@nianbao/core';
import { detectKind, type IngestDiagnostics, type IngestResult, oldOfficeFile } from '@nianbao/ingest';
import {
  COMPARISON_FORMATS,
  FORMAT_INFO,
  longRows,
  type OpenDataEntry,
  type OpenDataRecord,
  render,
  renderComparison,
  renderOpenData,
  renderRollup,
  rollupNotes,
} from '@nianbao/render';
import { z } from 'zod';
import {
  type AgencyRow,
  getAgency,
  likePrefix,
  readableAgency,
  requireWrite,
  visiblePrefix,
} from '../access.js';
import type { AuthUser } from '../auth.js';
import { REGION_STATUSES, type ReportStatus, STATUS_LABELS, STATUSES } from '../db/schema.js';
import { fail, notFound } from '../errors.js';
import { ingestInWorker } from '../ingest-worker.js';
import { inputNotes, ReportInput } from '../report-input.js';
import {
  bindToAgency,
  type Db,
  importDiagnostics,
  leaveOut,
  nothingToAggregate,
  notInRollup,
  REFRESH_SLICE_MS,
  regionReports,
  reportRow,
  rollUpRegion,
  withBoundScope,
  yieldToOthers,
} from '../store.js';
import { readStoredReport, storedRepairs, withinTextLimits } from '../stored-content.js';
import { plainText } from '../text-input.js';
import { authedProcedure, downloadProcedure, router } from '../trpc.js';
import {
  createReportRecord,
  Id,
  loadVersion,
  readableReport,
  refuseNewUnknownCells,
  refuseOtherAgency,
  requireEndedYear,
  saveVersion,
  Version,
} from './reports.js';
import {
  Exclude,
  openCounts,
  refuseUnknownExcludes,
  regionYearOnYear,
  rollupDoubts,
  yearOnYearOf,
} from './summary.js';

export const IMPORT_KINDS = ['text', 'html', 'pdf', 'docx', 'xlsx'] as const;
type ImportKind = (typeof IMPORT_KINDS)[number];

const KIND_LABELS: Record<ImportKind, string> = {
  text: '纯文本',
  html: '网页（HTML）',
  pdf: 'PDF',
  docx: 'Word（.docx）',
  xlsx: 'Excel（.xlsx）',
};
export const EXPORT_FORMATS = ['docx', 'html', 'md', 'xlsx', 'csv', 'json'] as const;
/** The formats of a year-on-year comparison (同比): no JSON file (summary.yearOnYear is the JSON). */
export const YOY_EXPORT_FORMATS = COMPARISON_FORMATS as readonly ['docx', 'html', 'md', 'xlsx', 'csv'];

/**
 * PDF (`%PDF-`) or Word (.docx: a ZIP, `PK\x03\x04`) bytes in content sent as utf8 — a byte-order
 * mark or blank before them too — or null.
 */
function binaryAsText(content: string): 'pdf' | 'docx' | 'xlsx' | null {
  const head = content.slice(0, 64).replace(/^\uFEFF?\s*/, '');
  if (head.startsWith('%PDF-')) return 'pdf';
  if (head.startsWith('PK\u0003\u0004'))
    return content.includes('xl/workbook.xml') && !content.includes('word/document.xml') ? 'xlsx' : 'docx';
  return null;
}

function decode(
  content: string,
  encoding: 'utf8' | 'base64',
  kind: ImportKind | undefined,
): string | Uint8Array {
  if (encoding === 'utf8') {
    if (kind === 'pdf' || kind === 'docx' || kind === 'xlsx')
      fail('BAD_REQUEST', 'BINARY_NEEDS_BASE64', 'PDF、Word 和 Excel 文件请以 base64 编码上传', { kind });
    // A file's bytes sent as text whatever kind (or none) was declared: read as text they are
    // garbage (「没有找到标题」); the first bytes say what it is.
    const detected = binaryAsText(content);
    if (detected)
      fail(
        'BAD_REQUEST',
        'BINARY_NEEDS_BASE64',
        `上传的内容是${KIND_LABELS[detected]}文件，却以文本（encoding: 'utf8'）发送，文件已损坏：PDF、Word 和 Excel 文件请以 base64 编码上传（encoding: 'base64'）`,
        { detected, ...(kind ? { kind } : {}) },
      );
    return content;
  }
  if (!/^[A-Za-z0-9+/=\s_-]*$/.test(content))
    fail('BAD_REQUEST', 'INVALID_BASE64', '上传内容不是有效的 base64 编码');
  // Bytes as they are, text and HTML too: the importer decodes UTF-8, UTF-16 (by BOM) or else
  // GB18030, which many government sites still serve.
  return new Uint8Array(Buffer.from(content, 'base64'));
}

const ImportSource = {
  agencyId: Id,
  /** What the file is; optional: detected from the content (PDF and Word by their first bytes). */
  kind: z.enum(IMPORT_KINDS).optional(),
  content: z.string().min(1, { error: '上传内容为空' }),
  encoding: z.enum(['utf8', 'base64']).default('utf8'),
  year: z.int().min(2019).max(2100).optional(),
  fileName: z.string().max(300).optional(),
};

interface ImportSourceInput {
  agencyId: string;
  kind?: ImportKind | undefined;
  content: string;
  encoding: 'utf8' | 'base64';
  year?: number | undefined;
  fileName?: string | undefined;
}

/**
 * The kind to read the upload as: the declared one, unless the content says otherwise — a PDF or a
 * Word file is known by its first bytes, and a file declared PDF or Word that is neither is read as
 * the text or HTML it is — then the content's kind, with a warning saying so. No kind declared: the
 * content's (and the file name's).
 */
function kindToRead(
  data: string | Uint8Array,
  input: ImportSourceInput,
): { kind: ImportKind; differs?: IngestDiagnostics['issues'][number] } {
  if (!input.kind) return { kind: detectKind(data, input.fileName).kind };
  const byContent = detectKind(data);
  const binary = (k: ImportKind) => k === 'pdf' || k === 'docx' || k === 'xlsx';
  if (byContent.kind === input.kind || !(binary(byContent.kind) || binary(input.kind)))
    return { kind: input.kind };
  // Bytes that are neither PDF nor ZIP but an old Office file: the importer refuses them by name.
  if (typeof data !== 'string' && oldOfficeFile(data)) return { kind: input.kind };
  return {
    kind: byContent.kind,
    differs: {
      code: 'KIND_DIFFERS',
      severity: 'warning',
      message: `上传时声明的文件类型为${KIND_LABELS[input.kind]}，但文件内容是${KIND_LABELS[byContent.kind]}（${byContent.reason}），已按${KIND_LABELS[byContent.kind]}读取`,
      details: { declared: input.kind, detected: byContent.kind, reason: byContent.reason },
    },
  };
}

/**
 * Read the uploaded source with @nianbao/ingest for an agency the user may read (`write`: and
 * write) and bind the result to that agency and the year (given, or detected). `corrected`: the
 * report the user corrected after a preview — stored instead of what was read; the diagnostics stay
 * those of the source.
 */
async function readImport(
  ctx: { store: { db: Db }; user: AuthUser; options: { importTimeoutMs?: number | undefined } },
  input: ImportSourceInput,
  corrected?: Report,
  write = true,
): Promise<{ agency: AgencyRow; year: number; report: Report; diagnostics: IngestDiagnostics }> {
  const db = ctx.store.db;
  const agency = await readableAgency(db, ctx.user, input.agencyId);
  if (write) requireWrite(ctx.user, agency);
  const data = decode(input.content, input.encoding, input.kind);
  const old = typeof data === 'string' ? null : oldOfficeFile(data);
  if (old) {
    const name = input.fileName ?? '';
    const excel = old === 'excel' || /\.(?:xls|xlsx|et)$/i.test(name);
    fail(
      'BAD_REQUEST',
      'IMPORT_UNSUPPORTED_FORMAT',
      old === 'encrypted'
        ? `${excel ? 'Excel' : 'Word'} 文件有密码保护，无法读取：请在 ${excel ? 'Excel' : 'Word'} 或 WPS 中输入密码打开，取消密码后另存为 ${excel ? '.xlsx' : '.docx 或 PDF'} 再上传`
        : excel
          ? '这是旧版 Excel 文件（.xls，或 WPS 表格的 .et 等 Office 97–2003 格式），无法导入：请在 Excel 或 WPS 中打开，另存为 .xlsx 后再上传'
          : /\.wps$/i.test(name)
            ? '这是 WPS 文字的旧格式文件（.wps），无法导入：请在 WPS 或 Word 中打开，另存为 .docx 或 PDF 后再上传'
            : '这是旧版 Word 文件（.doc，或 WPS 文字的 .wps 等 Office 97–2003 格式），无法导入：请在 Word 或 WPS 中打开，另存为 .docx 或 PDF 后再上传',
      {
        ...(input.kind ? { kind: input.kind } : {}),
        ingestCode: old === 'encrypted' ? 'INGEST_DOCX_ENCRYPTED' : 'INGEST_UNSUPPORTED_FORMAT',
      },
    );
  }
  const { kind, differs } = kindToRead(data, input);
  if (typeof data === 'string' && (kind === 'pdf' || kind === 'docx' || kind === 'xlsx'))
    fail('BAD_REQUEST', 'BINARY_NEEDS_BASE64', 'PDF、Word 和 Excel 文件请以 base64 编码上传');
  let result: IngestResult;
  try {
    // In a worker thread with a time limit: a crafted file cannot hold the server (ingest-worker.ts).
    result = await ingestInWorker(
      data,
      {
        // No kind declared: the importer detects it and says why (diagnostics.kind).
        ...(input.kind ? { kind } : {}),
        ...(input.fileName ? { filename: input.fileName } : {}),
      },
      ctx.options.importTimeoutMs,
    );
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const code = (e as { code?: unknown }).code;
    return fail(
      'BAD_REQUEST',
      'IMPORT_FAILED',
      // What the file is not, when it was declared as something else: not what it was "read as" —
      // the reading failed (a PNG sent as PDF is no 纯文本 either).
      `无法读取上传的报告：${message}${differs && input.kind ? `（上传时选择的类型是${KIND_LABELS[input.kind]}，但文件并不是${KIND_LABELS[input.kind]}）` : ''}`,
      {
        kind,
        ...(input.kind ? { declaredKind: input.kind } : {}),
        ...(typeof code === 'string' ? { ingestCode: code } : {}),
      },
    );
  }
  // The year the document itself gives (its title, or what the importer read it from), if any.
  const docYear = result.diagnostics.year.value;
  // A corrected report says its year: a different `year` beside it is a contradiction, as in save.
  if (corrected && input.year !== undefined && corrected.meta.year !== input.year)
    fail(
      'BAD_REQUEST',
      'YEAR_MISMATCH',
      `更正后的报告年度（${corrected.meta.year}）与指定的年度（${input.year}）不一致`,
      { expected: input.year, actual: corrected.meta.year },
    );
  let report = corrected ?? result.report;
  const year = input.year ?? report.meta.year;
  const edition = editionForYear(year);
  if (!edition) fail('BAD_REQUEST', 'NO_EDITION_FOR_YEAR', `${year} 年没有适用的全国统一年报格式`);
  // The edition follows the year, as in save: a 2021-format document stored as a 2020 report would
  // be a report of the wrong format (S1), not a report of 2020.
  if (report.meta.edition !== edition)
    fail(
      'BAD_REQUEST',
      'EDITION_MISMATCH',
      zh`报告使用的是${editionName(report.meta.edition)}，而 ${year} 年度适用${editionName(edition)}${
        docYear !== null && year !== docYear
          ? `：文件中的年度为 ${docYear} 年，指定的年度为 ${year} 年，请检查年度`
          : zh`：未导入，请检查年度，或导入按${editionName(edition)}编写的报告`
      }`,
      { expected: edition, actual: report.meta.edition, year, documentYear: docYear },
    );
  // A cell the importer could not read (digits run together, a row of the old format, a table
  // missing from the document) stays absent: the structure rules (S1–S5) then say which cells the
  // table lacks, as `nianbao check` says of the same file, and the form offers them as blanks to fill.
  report = { ...report, meta: { ...report.meta, year } };
  // A control character or a bidi override in a document's text (a PDF's stray NUL) cannot be
  // removed from the source by the user: the importer's result goes without them, and says so.
  // (A corrected report is the user's own: parseReport refuses such characters, naming the place.)
  const cleaned = corrected ? { report, removed: [] } : withoutRefusedChars(report);
  report = cleaned.report;
  // A document of another agency is imported as this agency's report only with a warning to see.
  const read = result.diagnostics.agency.value;
  const said: IngestDiagnostics['issues'] = differs ? [differs] : [];
  if (read && read.replace(/\s+/g, '') !== agency.name.replace(/\s+/g, ''))
    said.push({
      code: 'AGENCY_DIFFERS',
      severity: 'warning',
      message: `文件中的机关为“${read}”，将作为“${agency.name}”的报告导入（机关名称、类型和层级以“${agency.name}”为准）：请确认上传的是本机关的报告`,
      details: { read, agency: agency.name },
    });
  // So is a document of another year.
  if (docYear !== null && year !== docYear)
    said.push({
      code: 'YEAR_DIFFERS',
      severity: 'warning',
      message: `文件中的年度为 ${docYear} 年，将按指定的 ${year} 年度导入：请确认年度`,
      details: { read: docYear, year },
    });
  for (const r of cleaned.removed)
    said.push({ code: 'CHARS_REMOVED', severity: 'warning', message: r.message, details: { path: r.path } });
  let diagnostics: IngestDiagnostics = said.length
    ? { ...result.diagnostics, issues: [...said, ...result.diagnostics.issues] }
    : result.diagnostics;
  // Read as the content's kind, not the declared one: the reason says so (not 「调用方指定」).
  if (differs) diagnostics = { ...diagnostics, kind: { value: kind, reason: differs.message } };
  const parsed = parseReport(report);
  if (!parsed.ok)
    fail(
      'BAD_REQUEST',
      'IMPORT_INVALID',
      `导入结果不是有效的报告：${parsed.errors.map((e) => e.message).join('；')}`,
      {
        issues: parsed.errors,
        diagnostics,
      },
    );
  // What parsing changed (Word line breaks made line breaks, a raw contradicting its value dropped).
  const notes = [...(corrected ? inputNotes(corrected) : []), ...(parsed.notes ?? [])];
  if (notes.length)
    diagnostics = {
      ...diagnostics,
      issues: [
        ...diagnostics.issues,
        ...notes.map((n) => ({
          code: n.code,
          severity: 'info' as const,
          message: n.message,
          details: { path: n.path },
        })),
      ],
    };
  // Exactly what is (or would be) stored: bound to the agency record, totals derived.
  return { agency, year, report: bindToAgency(parsed.value, agency, year), diagnostics };
}

/**
 * An Excel workbook holds the tables only: imported as a new version of a report that has text, the
 * preamble and each section the workbook lacks are the current version's (said in the diagnostics),
 * not emptied. Any other kind is the whole document and replaces the text.
 */
async function withCurrentText(
  db: Db,
  agencyId: string,
  year: number,
  report: Report,
  diagnostics: IngestDiagnostics,
): Promise<{ report: Report; diagnostics: IngestDiagnostics }> {
  if (diagnostics.kind.value !== 'xlsx') return { report, diagnostics };
  const existing = await db
    .selectFrom('reports')
    .select(['id'])
    .where('agency_id', '=', agencyId)
    .where('year', '=', year)
    .executeTakeFirst();
  if (!existing) return { report, diagnostics };
  const r = (await reportRow(db, existing.id))!;
  const current = await loadVersion(db, r);
  const empty = (t: string | null | undefined) => !t || t.trim() === '';
  const kept: string[] = [];
  const sections = { ...report.sections };
  for (const [key, text] of Object.entries(current.sections) as [keyof Report['sections'], string | null][])
    if (empty(sections[key]) && !empty(text)) {
      sections[key] = text;
      kept.push(key);
    }
  const preamble = empty(report.preamble) && !empty(current.preamble) ? current.preamble : report.preamble;
  if (preamble !== report.preamble) kept.unshift('preamble');
  if (kept.length === 0) return { report, diagnostics };
  return {
    report: { ...report, ...(preamble !== undefined ? { preamble } : {}), sections },
    diagnostics: {
      ...diagnostics,
      issues: [
        {
          code: 'TEXT_KEPT',
          severity: 'info',
          message: `Excel 文件只含表格：前言和各章节的正文沿用当前第 ${r.current_version} 版（${kept.length} 处），只有表格中的数字按文件更新`,
          details: { version: r.current_version, kept },
        },
        // 「没有…的正文」 no longer holds for the sections now filled from the current version
        ...diagnostics.issues.filter(
          (i) =>
            i.code !== 'XLSX_TABLES_ONLY' ||
            !((i.details?.sections ?? []) as (keyof Report['sections'])[]).every((k) => !empty(sections[k])),
        ),
      ],
    },
  };
}

export const importRouter = router({
  /**
   * Read an upload exactly as `upload` does and return the report and the importer's diagnostics
   * without saving anything: the user checks every cell's source first. Anyone who may read the
   * agency's reports may preview (a 审核人 for the agencies under their node); storing it (`upload`)
   * needs the right to write.
   */
  preview: authedProcedure.input(z.strictObject(ImportSource)).mutation(async ({ ctx, input }) => {
    const read = await readImport(ctx, input, undefined, false);
    const { year } = read;
    const { report, diagnostics } = await withCurrentText(
      ctx.store.db,
      read.agency.id,
      year,
      read.report,
      read.diagnostics,
    );
    // As upload would answer: a report of a year not yet begun is not shown as one to be stored.
    requireEndedYear(year, ctx.options.today());
    return { year, edition: report.meta.edition, report, diagnostics };
  }),

  /**
   * Upload a published report (plain text as PDF extraction gives it, HTML, PDF or DOCX) for an
   * agency: it becomes a draft — a new report, or a new version of the year's report when one exists
   * (then `expectedVersion` is required) — and the importer's per-cell diagnostics come back and are
   * kept with the version (`import.diagnostics`). `report`: the report as corrected after `preview`,
   * saved instead of what the importer read (the source is read again for the diagnostics).
   */
  upload: authedProcedure
    .input(
      z.strictObject({
        ...ImportSource,
        expectedVersion: Version.optional(),
        note: z.string().trim().max(500).superRefine(plainText('说明')).optional(),
        report: ReportInput.optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const db = ctx.store.db;
      const read = await readImport(ctx, input, input.report);
      const { agency, year } = read;
      // (a report corrected after the preview is the caller's whole report: its text as sent)
      const { report, diagnostics } = input.report
        ? read
        : await withCurrentText(db, agency.id, year, read.report, read.diagnostics);
      // A corrected report comes from the caller: checked as reports.save checks it — another
      // agency's 编号 (before binding renames it) and, for a new report, cells the format lacks (a new
      // version: saveVersion checks them against the stored version).
      if (input.report)
        await refuseOtherAgency(db, ctx.user, { agency_id: agency.id, agency, year }, input.report);
      // The file's name as people see it: without control characters or direction overrides.
      const fileName = input.fileName === undefined ? undefined : removeRefusedChars(input.fileName).text;
      const note = input.note ?? (fileName ? `导入：${fileName}` : '导入');
      const imported = { diagnostics, fileName: fileName ?? null };
      const existing = await db
        .selectFrom('reports')
        .select(['id', 'current_version', 'status'])
        .where('agency_id', '=', agency.id)
        .where('year', '=', year)
        .executeTakeFirst();
      let id: string;
      let version: number;
      let unchanged = false;
      let status: ReportStatus = 'draft';
      if (existing) {
        if (input.expectedVersion === undefined)
          fail(
            'CONFLICT',
            'REPORT_EXISTS',
            `${agency.name}${year} 年度的报告已存在（${STATUS_LABELS[existing.status]}，第 ${existing.current_version} 版）：可以把导入的内容保存为它的新版本，原有内容保留在历史版本中`,
            // For programs: the version to pass as expectedVersion to import as its new version.
            {
              reportId: existing.id,
              version: existing.current_version,
              status: existing.status,
            },
          );
        const r = (await reportRow(db, existing.id))!;
        const saved = await saveVersion(
          db,
          ctx.user,
          r,
          report,
          input.expectedVersion,
          'import',
          note,
          imported,
          // The same file again (no note of the caller's own) changes nothing: see reports.save.
          { clientReport: input.report !== undefined, noteGiven: !!input.note },
        );
        id = saved.id;
        version = saved.version;
        unchanged = saved.unchanged;
        status = saved.status;
      } else {
        requireEndedYear(year, ctx.options.today());
        if (input.report) await refuseNewUnknownCells(db, null, report);
        id = await createReportRecord(db, ctx.user, agency, report, 'import', note, imported);
        version = 1;
      }
      return {
        reportId: id,
        version,
        year,
        edition: report.meta.edition,
        diagnostics,
        report,
        unchanged,
        // the report's status (a report handed in answers an unchanged file in its status)
        status,
      };
    }),

  /**
   * The importer's diagnostics kept with a version that came from an import (null for any other
   * version); same access as reading the report.
   */
  diagnostics: authedProcedure
    .input(z.strictObject({ id: Id, version: Version }))
    .query(async ({ ctx, input }): Promise<IngestDiagnostics | null> => {
      const r = await readableReport(ctx.store.db, ctx.user, input.id);
      if (input.version > r.current_version)
        notFound(`第 ${input.version} 版`, { reportId: r.id, version: input.version });
      return importDiagnostics(ctx.store.db, r.id, input.version);
    }),
});

/**
 * A file name safe to save anywhere and to put in a Content-Disposition header: no path (/ \), none
 * of the characters Windows refuses (: * ? " < > |), no control characters; ASCII , and ; become
 * their full-width forms (a header splits on them); no bidirectional overrides (U+202E …: a name
 * shown reversed); no leading or trailing dots or spaces (no
 * `..`, no hidden file). An agency named "../../etc/某局" gives "_.._etc_某局…", never a path.
 */
export function safeFileName(base: string, extension: string): string {
  const cleaned = base
    .normalize('NFC')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
    .replace(/[/\\:*?"<>|\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '_')
    // bidirectional overrides and isolates: a name shown reversed (「某局\u202Efdp.exe」) is no name to save
    .replace(/[\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/,/g, '，')
    .replace(/;/g, '；')
    .replace(/^[.\s]+|[.\s]+$/g, '');
  return `${cleaned || '政府信息公开工作年度报告'}.${extension}`;
}

/**
 * What the store knows of each report for its open-data rows: the agency's id, current name,
 * parent and path, the report's id, version and status, and its 发布日期 once published. Stored
 * reports print the agency's name as it was when saved: the current one (after `agencies.edit`) is
 * given beside it.
 */
async function openDataRecords(
  db: Db,
  reports: readonly { reportId: string; report: Report; version?: number }[],
): Promise<OpenDataEntry[]> {
  const rows = new Map<
    string,
    {
      agency_id: string;
      parent_id: string | null;
      path: string;
      name: string;
      status: string;
      current_version: number;
      published_on: string | null;
    }
  >();
  const ids = reports.map((r) => r.reportId);
  for (let i = 0; i < ids.length; i += 500) {
    const found = await db
      .selectFrom('reports')
      .innerJoin('agencies', 'agencies.id', 'reports.agency_id')
      .select([
        'reports.id',
        'reports.agency_id',
        'reports.status',
        'reports.current_version',
        'reports.published_on',
        'agencies.parent_id',
        'agencies.path',
        'agencies.name',
      ])
      .where('reports.id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const f of found) rows.set(f.id, f);
  }
  const parentIds = [...new Set([...rows.values()].map((r) => r.parent_id).filter((p): p is string => !!p))];
  const parents = new Map<string, string>();
  for (let i = 0; i < parentIds.length; i += 500) {
    const found = await db
      .selectFrom('agencies')
      .select(['id', 'name'])
      .where('id', 'in', parentIds.slice(i, i + 500))
      .execute();
    for (const f of found) parents.set(f.id, f.name);
  }
  return reports.map(({ reportId, report, version }) => {
    const row = rows.get(reportId);
    return { report, record: row ? openDataRecord(reportId, row, parents, version) : { reportId } };
  });
}

/** What open data says of a report beside its cells (the inline export and the download alike). */
function openDataRecord(
  reportId: string,
  row: {
    agency_id: string;
    parent_id: string | null;
    path: string;
    name: string;
    status: string;
    current_version: number;
    published_on: string | null;
  },
  parents: ReadonlyMap<string, string>,
  version?: number,
): OpenDataRecord {
  return {
    agencyId: row.agency_id,
    agencyCurrent: row.name,
    parentId: row.parent_id,
    parentName: row.parent_id ? (parents.get(row.parent_id) ?? null) : null,
    regionPath: row.path,
    reportId,
    version: version ?? row.current_version,
    status: row.status,
    // 发布日期 as recorded at 发布 (reports.publish): blank while the report is not published
    publishedOn: row.status === 'published' ? row.published_on : null,
  };
}

function openDataFile(entries: readonly OpenDataEntry[], format: 'csv' | 'json') {
  // A CSV download is opened in Excel more than anywhere: with a BOM it reads 简体中文 as UTF-8.
  return {
    encoding: 'utf8' as const,
    content: renderOpenData(entries, format, { bom: format === 'csv' }),
    mime: FORMAT_INFO[format].mime,
    extension: FORMAT_INFO[format].extension,
  };
}

/** Word, HTML and Markdown print notes after the preamble (Excel on its 报告信息 sheet). */
function withNotes(
  report: Report,
  notes: readonly string[],
  format: (typeof EXPORT_FORMATS)[number],
): Report {
  if (!notes.length || !(format === 'docx' || format === 'html' || format === 'md')) return report;
  return { ...report, preamble: [report.preamble ?? '', ...notes].filter(Boolean).join('\n') };
}

/**
 * A document the renderer will not make (a Word file of more paragraphs than @nianbao/render's
 * MAX_DOCX_PARAGRAPHS: it ran the server out of memory) is the caller's to change, said so.
 */
async function guarded<R>(make: () => R): Promise<Awaited<R>> {
  try {
    return await make();
  } catch (e) {
    if (e instanceof NianbaoError && e.code === 'RENDER_TOO_LARGE')
      fail('BAD_REQUEST', 'EXPORT_TOO_LARGE', e.message, { ...e.details });
    throw e;
  }
}

async function rendered(
  report: Report,
  format: (typeof EXPORT_FORMATS)[number],
  options: { notes?: readonly string[]; notesLabel?: string; version?: number } = {},
) {
  // A CSV download is opened in Excel more than anywhere: with a BOM it reads 简体中文 as UTF-8.
  const out = await guarded(() => render(report, format, format === 'csv' ? { bom: true } : options));
  const info = FORMAT_INFO[format];
  return typeof out === 'string'
    ? { encoding: 'utf8' as const, content: out, mime: info.mime, extension: info.extension }
    : {
        encoding: 'base64' as const,
        content: Buffer.from(out).toString('base64'),
        mime: info.mime,
        extension: info.extension,
      };
}

/** The input of `export.openData` and of its streamed download. */
const OpenDataInput = z.strictObject({
  regionId: Id,
  year: z.int().min(2019).max(2100),
  format: z.enum(['csv', 'json']),
  statuses: z.array(z.enum(STATUSES)).min(1).optional(),
});

/**
 * The version published, as it was published: the day of its 发布 step under the signature, where
 * the report states no date of its own (the printed Word file otherwise ended with the agency's
 * name alone).
 */
function datedIfPublished(
  r: { published_version: number | null; published_on: string | null; current_version: number },
  report: Report,
  version: number | undefined,
): Report {
  const shown = version ?? r.current_version;
  if (r.published_version === null || shown !== r.published_version || !r.published_on) return report;
  if (report.meta.publishedOn) return report;
  return { ...report, meta: { ...report.meta, publishedOn: r.published_on } };
}

/**
 * What a corrected report's file says of its corrections (Word, HTML, Markdown after the preamble;
 * Excel on 报告信息): each one's day (in China), version and reason — the file of a corrected report
 * must not read as the one published before.
 */
export function correctionNotes(
  rows: readonly { version: number; reason: string | null; created_at: string }[],
): string[] {
  if (!rows.length) return [];
  // the day in China, written as Chinese text writes a date: 2026年12月1日
  const day = (iso: string) => {
    const [y, m, d] = chinaTime(iso).slice(0, 10).split('-').map(Number);
    return `${y}年${m}月${d}日`;
  };
  return [
    `更正说明：本报告发布后经过${rows.length}次更正，以下为更正后的内容。${rows
      .map(
        (c) =>
          `${day(c.created_at)}更正（第${c.version}版）${c.reason ? `：${c.reason.replace(/[。．.\s]+$/, '')}` : ''}`,
      )
      .join('；')}。`,
  ];
}

export const exportRouter = router({
  /** One report (current or a given version) in any render format; binary formats come base64-encoded. */
  report: authedProcedure
    .input(z.strictObject({ id: Id, version: Version.optional(), format: z.enum(EXPORT_FORMATS) }))
    .query(async ({ ctx, input }) => {
      const r = await readableReport(ctx.store.db, ctx.user, input.id);
      const stored = await loadVersion(ctx.store.db, r, input.version);
      // A text an earlier release stored beyond today's limit is kept whole on read: the file holds its first part.
      const { report, cuts } = withinTextLimits(stored);
      // the corrections this version carries (a 更正 is a new version with its reason)
      const corrections = await ctx.store.db
        .selectFrom('report_versions')
        .select(['version', 'reason', 'created_at'])
        .where('report_id', '=', r.id)
        .where('kind', '=', 'correction')
        .where('version', '<=', input.version ?? r.current_version)
        .orderBy('version')
        .execute();
      // Open data names the agency, report, version and status on every row.
      const out =
        input.format === 'csv' || input.format === 'json'
          ? openDataFile(
              await openDataRecords(ctx.store.db, [
                { reportId: r.id, report, version: input.version ?? r.current_version },
              ]),
              input.format,
            )
          : await rendered(
              withNotes(
                datedIfPublished(r, report, input.version),
                correctionNotes(corrections),
                input.format,
              ),
              input.format,
              {
                notes: correctionNotes(corrections),
                notesLabel: '更正说明',
                version: input.version ?? r.current_version,
              },
            );
      // An older version says which it is: it must not pass for the report as it stands. A corrected
      // report says so: its file must not pass for the one published before the correction.
      const which =
        input.version !== undefined && input.version !== r.current_version
          ? `（第${input.version}版）`
          : corrections.length === 1
            ? '（更正版）'
            : corrections.length > 1
              ? `（第${corrections.length}次更正版）`
              : '';
      return {
        ...out,
        fileName: safeFileName(`${r.agency.name}${r.year}年政府信息公开工作年度报告${which}`, out.extension),
        // What reading a version an earlier release stored changed for the file (reports.get's too).
        readRepairs: [...storedRepairs(stored), ...cuts],
      };
    }),

  /**
   * The year-on-year comparison (同比) of a stored report as a file: what `summary.yearOnYear`
   * shows — the same access rules (a 填报人 their own agency, a 审核人 under their node), the same
   * comparison (last year's report as published, else its latest version) and the same refusal
   * NO_PREVIOUS_YEAR — with last year's status in the file (a draft said as one). Name
   * 「<机关>_<上年>-<本年>_同比.<ext>」; binary formats base64-encoded, CSV with a BOM.
   */
  yearOnYear: authedProcedure
    .input(z.strictObject({ id: Id, format: z.enum(YOY_EXPORT_FORMATS) }))
    .query(async ({ ctx, input }) => {
      const { report: r, prev, basis, comparison } = await yearOnYearOf(ctx.store.db, ctx.user, input.id);
      const out = await renderComparison(comparison, input.format, {
        basis: { statusLabel: basis.statusLabel, published: basis.published, version: basis.version },
      });
      const info = FORMAT_INFO[input.format];
      const file =
        typeof out === 'string'
          ? { encoding: 'utf8' as const, content: out }
          : { encoding: 'base64' as const, content: Buffer.from(out).toString('base64') };
      return {
        ...file,
        mime: info.mime,
        extension: info.extension,
        fileName: safeFileName(`${r.agency.name}_${r.year - 1}-${r.year}_同比`, info.extension),
        previousReportId: prev.id,
        basis,
      };
    }),

  /**
   * A region's roll-up for a year — core's `aggregate` over the agency reports of the node's subtree
   * (by default 已提交/已通过/已发布, as the web's roll-up page) — in any render format. 审核人 of the
   * node and 管理员 only, like the roll-up page. What the roll-up page says beside the tables is in
   * the file too (Word, HTML, Markdown: after the preamble; Excel: on the 报告信息 sheet) and in
   * `explanation`: which cells were not summed, from which agencies, blank told from never read, and
   * core's `notes` (units). `exclude`: ids of the region's reports of the year; any other id is
   * refused (EXCLUDE_UNKNOWN), never ignored.
   */
  region: authedProcedure
    .input(
      z.strictObject({
        regionId: Id,
        year: z.int().min(2019).max(2100),
        statuses: z.array(z.enum(STATUSES)).min(1).optional(),
        exclude: Exclude.optional(),
        format: z.enum(EXPORT_FORMATS),
        /** Add the 同比 part (like for like, as the roll-up page's chart): Word, Excel, HTML, Markdown. */
        withLastYear: z.boolean().optional(),
      }),
    )
    .query(async ({ ctx, input }) => {
      const db = ctx.store.db;
      const node = await readableAgency(db, ctx.user, input.regionId);
      if (ctx.user.role !== 'admin' && ctx.user.role !== 'reviewer')
        fail('FORBIDDEN', 'FORBIDDEN_REVIEW', '只有审核人或管理员可以导出汇总报告', { agencyId: node.id });
      if (input.withLastYear && (input.format === 'csv' || input.format === 'json'))
        fail(
          'BAD_REQUEST',
          'ROLLUP_YOY_FORMAT',
          '开放数据（CSV/JSON 长表）逐个数字一行，不含同比：要含上年同比请导出 Word、Excel、网页或 Markdown',
          { format: input.format },
        );
      const statuses = input.statuses ?? REGION_STATUSES;
      if (input.exclude?.length) await refuseUnknownExcludes(db, node, input.year, input.exclude, '未导出');
      const { kept, excluded } = leaveOut(
        await regionReports(db, node.path, input.year, { statuses }),
        input.exclude,
      );
      const reports = kept.map((f) => f.report);
      if (!reports.length) nothingToAggregate(node.name, input.year, excluded);
      const result = await rollUpRegion(db, node, kept);
      // First what the file sums: the region, the statuses, how many reports, what was left out and
      // how many of the summed still have open errors — an Excel or Word roll-up read on its own
      // must not pass for the region's reviewed total.
      const open = await openCounts(
        db,
        kept.map((f) => f.reportId),
      );
      // the same reports the roll-up page names: open errors, 跨年 included, or a doubtful money unit
      const doubts = rollupDoubts(kept, open);
      const withErrors = doubts.length;
      const { notCounted, noReport } = await notInRollup(db, node.path, input.year, statuses);
      const byStatus = new Map<string, number>();
      for (const n of notCounted) byStatus.set(n.statusLabel, (byStatus.get(n.statusLabel) ?? 0) + 1);
      const scope = [
        `汇总范围：${node.name}及其下属机关 ${input.year} 年度状态为${statuses.map((st) => STATUS_LABELS[st]).join('、')}的报告 ${reports.length} 份`,
        withErrors ? `，其中 ${withErrors} 份仍有未处理的错误或金额单位存疑，汇总数字以其所填为准` : '',
        excluded.length ? `；不计入按要求排除或区域汇总报告 ${excluded.length} 份` : '',
        notCounted.length
          ? `；其他状态的报告未计入 ${notCounted.length} 份（${[...byStatus].map(([l, k]) => `${l} ${k} 份`).join('、')}）`
          : '',
        noReport.length ? `；${noReport.length} 个机关没有 ${input.year} 年度报告` : '',
        '。',
      ].join('');
      // …and by name, as the page names them: a reviewer taking the paper to a meeting is asked 「谁没交？」
      const named = [
        doubts.length
          ? `仍有未处理的错误或金额单位存疑的报告：${doubts.map((d) => `${d.agencyName}（${d.problems.join('，')}）`).join('、')}。`
          : '',
        notCounted.length
          ? `未计入的报告：${notCounted.map((n) => `${n.agencyName}（${n.statusLabel}）`).join('、')}。`
          : '',
        noReport.length ? `没有 ${input.year} 年度报告的机关：${noReport.join('、')}。` : '',
      ].filter(Boolean);
      const explanation = [scope, ...named, ...rollupNotes(result)];
      const document = withNotes(result.report, explanation, input.format);
      // the 同比 part: the agencies of both years, as summary.regionLastYear gives last year's
      const yearOnYear = input.withLastYear
        ? await regionYearOnYear(db, node, input.year, statuses, kept, excluded)
        : undefined;
      const fileOf = (x: string | Uint8Array) => {
        const info = FORMAT_INFO[input.format];
        return typeof x === 'string'
          ? { encoding: 'utf8' as const, content: x, mime: info.mime, extension: info.extension }
          : {
              encoding: 'base64' as const,
              content: Buffer.from(x).toString('base64'),
              mime: info.mime,
              extension: info.extension,
            };
      };
      const out =
        input.format === 'csv' || input.format === 'json'
          ? openDataFile(
              [
                {
                  report: result.report,
                  record: {
                    agencyId: node.id,
                    agencyCurrent: node.name,
                    parentId: node.parent_id,
                    parentName: node.parent_id ? ((await getAgency(db, node.parent_id))?.name ?? null) : null,
                    regionPath: node.path,
                  },
                },
              ],
              input.format,
            )
          : yearOnYear
            ? fileOf(
                await guarded(() =>
                  renderRollup(
                    document,
                    // csv and json went to openDataFile above
                    input.format as Exclude<typeof input.format, 'csv' | 'json'>,
                    yearOnYear,
                    { notes: explanation },
                  ),
                ),
              )
            : await rendered(document, input.format, { notes: explanation });
      return {
        ...out,
        // what the file's 同比 counted (null without withLastYear)
        yearOnYear: yearOnYear
          ? {
              previousYear: yearOnYear.previousYear,
              counted: yearOnYear.counted.length,
              noPrevious: yearOnYear.noPrevious,
              noCurrent: yearOnYear.noCurrent,
              figures: yearOnYear.figures ?? null,
            }
          : null,
        reports: reports.length,
        included: kept.map((f) => ({
          reportId: f.reportId,
          agencyId: f.agencyId,
          agencyName: f.agencyName,
          status: f.status,
        })),
        excluded,
        missing: result.missing,
        notes: result.notes,
        explanation,
        fileName: safeFileName(`${node.name}${input.year}年政府信息公开工作年度报告汇总`, out.extension),
      };
    }),

  /**
   * A region's open data for a year: every report under the node in long format (CSV or JSON); by
   * default those handed in (已提交/已通过/已发布), as the roll-up. Built in memory and returned inside
   * the JSON answer: up to OPEN_DATA_INLINE_MAX_REPORTS reports (OPEN_DATA_TOO_LARGE above, pointing
   * to the streamed download `GET /export/opendata`); none at all is NO_OPEN_DATA, never an empty file.
   */
  openData: authedProcedure.input(OpenDataInput).query(async ({ ctx, input }) => {
    const plan = await planOpenData(ctx.store.db, ctx.user, input);
    if (plan.reports > OPEN_DATA_INLINE_MAX_REPORTS)
      fail(
        'PAYLOAD_TOO_LARGE',
        'OPEN_DATA_TOO_LARGE',
        `${plan.node.name} ${input.year} 年度的开放数据含 ${plan.reports} 份报告，超过在线导出上限（${OPEN_DATA_INLINE_MAX_REPORTS} 份）：请用下载地址 ${plan.downloadUrl} 下载（逐份写出，不限份数）`,
        { reports: plan.reports, maxReports: OPEN_DATA_INLINE_MAX_REPORTS, downloadUrl: plan.downloadUrl },
      );
    const db = ctx.store.db;
    const found = await regionReports(db, plan.node.path, input.year, {
      statuses: plan.statuses,
      onlyAgency: plan.onlyAgency,
    });
    return {
      ...openDataFile(await openDataRecords(db, found), input.format),
      reports: found.length,
      fileName: plan.fileName,
    };
  }),
});

/**
 * The most reports `export.openData` builds in memory and returns inside its JSON answer (each is
 * some 75 KB of CSV, 130 KB of JSON: at most ~20 / ~33 MB). A province's year (2,500 reports: 185 MB
 * of CSV, 2 GB of server memory and 17 s with every other request waiting) is for the streamed
 * download `GET /export/opendata`.
 */
export const OPEN_DATA_INLINE_MAX_REPORTS = 250;

export interface OpenDataPlan {
  readonly node: AgencyRow;
  /** A 填报人's one agency: the file holds its report only (null: every report under the node). */
  readonly onlyAgency: string | null;
  readonly year: number;
  readonly format: 'csv' | 'json';
  readonly statuses: readonly ReportStatus[];
  /** How many reports the file holds (more than none: NO_OPEN_DATA else). */
  readonly reports: number;
  readonly fileName: string;
  readonly mime: string;
  /** The streamed download of the same file. */
  readonly downloadUrl: string;
}

/**
 * The node the caller reads (else NOT_FOUND, as for one that does not exist) and how many reports of
 * `year` in `statuses` it and the agencies under it hold — a 填报人 of a node with agencies under it
 * (a county government's) counts their own report only (`onlyAgency`). The open data's and the
 * 问题清单's plan.
 */
export async function regionReportCount(
  db: Db,
  user: AuthUser,
  regionId: string,
  year: number,
  statuses: readonly ReportStatus[],
): Promise<{ node: AgencyRow; onlyAgency: string | null; reports: number }> {
  const node = await readableAgency(db, user, regionId);
  const onlyAgency = visiblePrefix(user).onlyAgency;
  let counting = db
    .selectFrom('reports')
    .innerJoin('agencies', 'agencies.id', 'reports.agency_id')
    .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
    .where('agencies.path', 'like', likePrefix(node.path))
    .where('reports.year', '=', year)
    .where('reports.status', 'in', statuses);
  if (onlyAgency !== null) counting = counting.where('reports.agency_id', '=', onlyAgency);
  return { node, onlyAgency, reports: Number((await counting.executeTakeFirstOrThrow()).n) };
}

/**
 * What an open-data file of a region and year will hold, checked as `export.openData` checks it: the
 * caller reads the node (else NOT_FOUND); a year without such reports is NO_OPEN_DATA (a file with
 * a header and no rows would pass for a region that reported nothing).
 */
async function planOpenData(
  db: Db,
  user: AuthUser,
  input: z.infer<typeof OpenDataInput>,
): Promise<OpenDataPlan> {
  const statuses = input.statuses ? [...new Set(input.statuses)] : [...REGION_STATUSES];
  const { node, onlyAgency, reports } = await regionReportCount(
    db,
    user,
    input.regionId,
    input.year,
    statuses,
  );
  if (!reports)
    fail(
      'NOT_FOUND',
      'NO_OPEN_DATA',
      // Published only — what a portal, and the web's 导出开放数据, ask for — says why there is nothing.
      statuses.length === 1 && statuses[0] === 'published'
        ? `${node.name}${input.year}年度还没有已发布的报告：开放数据只包括已发布的报告`
        : `${node.name}在 ${input.year} 年度没有${statuses.map((x) => `“${STATUS_LABELS[x]}”`).join('、')}的报告，没有可导出的开放数据`,
      { regionId: node.id, year: input.year, statuses },
    );
  const query = new URLSearchParams({ regionId: node.id, year: String(input.year), format: input.format });
  if (input.statuses) query.set('statuses', statuses.join(','));
  return {
    node,
    onlyAgency,
    year: input.year,
    format: input.format,
    statuses,
    reports,
    fileName: safeFileName(
      `${node.name}${input.year}年政府信息公开工作年度报告开放数据`,
      FORMAT_INFO[input.format].extension,
    ),
    mime: FORMAT_INFO[input.format].mime,
    downloadUrl: `/export/opendata?${query}`,
  };
}

/**
 * Behind `GET /export/opendata` (app.ts): the same input and access rules as `export.openData`, run
 * through the same authentication (authedProcedure), answering what to stream; a query parameter it
 * does not take is UNKNOWN_PARAMETER (downloadProcedure). Not part of the API.
 */
export const openDataDownloadRouter = router({
  plan: downloadProcedure('/export/opendata', Object.keys(OpenDataInput.shape))
    .input(OpenDataInput)
    .query(({ ctx, input }) => planOpenData(ctx.store.db, ctx.user, input)),
});

/** Reports read per query while streaming (their contents parsed, written, let go). */
const STREAM_BATCH = 20;

/**
 * The open-data file of a plan, piece by piece: exactly the text `export.openData` returns (the CSV
 * with its BOM and header line, the JSON array), written report by report. Reports are read
 * `STREAM_BATCH` at a time, in region-tree order (keyset on the agency path: each report once, even
 * when one is added meanwhile), and the event loop is given to other requests every
 * `REFRESH_SLICE_MS` of work and between batches.
 * Memory stays at one batch whatever the region's size.
 */
export async function* openDataChunks(db: Db, plan: OpenDataPlan): AsyncGenerator<string> {
  const csv = plan.format === 'csv';
  // The header (and BOM) exactly as renderOpenData writes it for no report.
  yield csv ? renderOpenData([], 'csv', { bom: true }) : '[';
  const parents = new Map<string, string>();
  let after = '';
  let first = true;
  for (;;) {
    let q = db
      .selectFrom('reports')
      .innerJoin('agencies', 'agencies.id', 'reports.agency_id')
      .innerJoin('report_versions', (j) =>
        j
          .onRef('report_versions.report_id', '=', 'reports.id')
          .onRef('report_versions.version', '=', 'reports.current_version'),
      )
      .select([
        'reports.id',
        'reports.agency_id',
        'reports.status',
        'reports.current_version',
        'reports.published_on',
        'agencies.parent_id',
        'agencies.path',
        'agencies.name',
        'agencies.kind',
        'agencies.level',
        'report_versions.content',
      ])
      .where('agencies.path', 'like', likePrefix(plan.node.path))
      .where('agencies.path', '>', after)
      .where('reports.year', '=', plan.year)
      .where('reports.status', 'in', [...plan.statuses]);
    if (plan.onlyAgency !== null) q = q.where('reports.agency_id', '=', plan.onlyAgency);
    const rows = await q.orderBy('agencies.path').limit(STREAM_BATCH).execute();
    if (!rows.length) break;
    after = rows.at(-1)!.path;
    const missing = [
      ...new Set(rows.map((r) => r.parent_id).filter((p): p is string => !!p && !parents.has(p))),
    ];
    if (missing.length)
      for (const a of await db
        .selectFrom('agencies')
        .select(['id', 'name'])
        .where('id', 'in', missing)
        .execute())
        parents.set(a.id, a.name);
    let chunk = '';
    let sliceStart = performance.now();
    for (const row of rows) {
      // A report takes a few milliseconds to write: others are let in every REFRESH_SLICE_MS.
      if (performance.now() - sliceStart >= REFRESH_SLICE_MS) {
        if (chunk) yield chunk;
        chunk = '';
        await yieldToOthers();
        sliceStart = performance.now();
      }
      // read as every reader reads a stored version (one an earlier release stored opens too)
      const report = withBoundScope(readStoredReport(row.content), row);
      const entry: OpenDataEntry = { report, record: openDataRecord(row.id, row, parents) };
      if (csv) {
        // One report's rows as renderOpenData writes them, without its header line.
        const text = renderOpenData([entry], 'csv');
        chunk += text.slice(text.indexOf('\n') + 1);
      } else
        for (const r of longRows(entry)) {
          chunk += `${first ? '' : ','}${JSON.stringify(r)}`;
          first = false;
        }
    }
    if (chunk) yield chunk;
    if (rows.length < STREAM_BATCH) break;
    await yieldToOthers();
  }
  if (!csv) yield ']';
}
