import {
  cellLabel,
  chinaTime,
  createEmptyReport,
  diffReports,
  EDITION_IDS,
  type EditionId,
  editDistance,
  editionName,
  getEdition,
  type Report,
  yearNotWritable,
  zh,
} from '@nianbao/core';
import type { Expression, SqlBool } from 'kysely';
import { z } from 'zod';
import {
  type AgencyRow,
  canRead,
  canReview,
  canWrite,
  getAgency,
  likePrefix,
  readableAgency,
  requireReview,
  requireWrite,
  visiblePrefix,
} from '../access.js';
import type { AuthUser } from '../auth.js';
import { newId, now } from '../auth.js';
import { type ReportStatus, STATUS_LABELS, STATUSES } from '../db/schema.js';
import { fail, notFound } from '../errors.js';
import { inputNotes, ReportInput } from '../report-input.js';
import {
  bindToAgency,
  bumpVersion,
  contentHash,
  type Db,
  findingsFor,
  type ImportRecord,
  insertImportDiagnostics,
  insertVersion,
  markNextYearStale,
  publicationDateOf,
  refreshNextYearLater,
  refreshStale,
  reportRow,
  type SaveWarning,
  scheduleRefresh,
  staleStamp,
  titleWarning,
  userNames,
  versionContent,
} from '../store.js';
import { storedRepairs } from '../stored-content.js';
import { plainLine, plainText } from '../text-input.js';
import { authedProcedure, publicProcedure, router } from '../trpc.js';

export const Id = z.string().min(1, { error: '缺少编号' }).max(100).superRefine(plainLine('编号'));
/** The largest version (and row id) a database keeps: PostgreSQL's integer columns are 32-bit. */
export const MAX_VERSION = 2_147_483_647;
export const Version = z
  .int()
  .min(1, { error: '版本号从 1 开始' })
  .max(MAX_VERSION, { error: `版本号不能大于 ${MAX_VERSION}` });
const Note = z.string().trim().max(500, { error: '说明不能超过 500 字' }).superRefine(plainText('说明'));
const Year = z
  .int()
  .min(2019, { error: '统一格式自 2019 年度起施行' })
  .max(2100, { error: '报告年度不能晚于 2100 年' });

export type ReportWithAgency = NonNullable<Awaited<ReturnType<typeof reportRow>>>;

/** A report the user may read; otherwise "not found" (a 填报人 learns nothing of other agencies). */
export async function readableReport(db: Db, user: AuthUser, id: string): Promise<ReportWithAgency> {
  const r = await reportRow(db, id);
  if (!r || !canRead(user, r.agency)) return notFound('报告', { reportId: id });
  return r;
}

export async function loadVersion(db: Db, r: ReportWithAgency, version?: number): Promise<Report> {
  const v = version ?? r.current_version;
  const content = await versionContent(db, r.id, v);
  if (!content) return notFound(`第 ${v} 版`, { reportId: r.id, version: v });
  return content;
}

/**
 * The current version as a conflict names it, so a client can tell its own save landed (an answer
 * lost on the way): its content hash, who saved it and when.
 */
interface CurrentVersionInfo {
  currentContentHash: string;
  currentSavedBy: string | null;
  currentSavedByName: string | null;
  currentSavedAt: string;
}

/**
 * A stale `expectedVersion`. `action`: a workflow step (submit, return, approve, publish) or a
 * draft's deletion, which carries no content — nothing of the caller's was "not saved": the step was
 * not taken and the report is as the newer version left it.
 */
function conflict(
  r: { current_version: number; status: ReportStatus },
  expected: number,
  current?: CurrentVersionInfo,
  action?: string,
): never {
  const cur = r.current_version;
  const step = action ? (ACTION_LABELS[action] ?? action) : undefined;
  return fail(
    'CONFLICT',
    'VERSION_CONFLICT',
    expected > cur
      ? `该报告还没有第 ${expected} 版（当前为第 ${cur} 版）：expectedVersion 应为您${step ? '看到' : '开始编辑时'}的版本号。`
      : step
        ? // Who saved in between may be the caller too: not 「他人」.
          `报告在您查看之后已保存为第 ${cur} 版（您看到的是第 ${expected} 版），未${step}，报告内容也未作任何改动：请重新载入第 ${cur} 版，确认其内容后再${step}。`
        : // Who saved in between may be the caller too (another window, another program with the
          // same token): not 「他人」. What was sent is not stored: the caller keeps it.
          `报告在您编辑期间已保存为第 ${cur} 版（您编辑的是第 ${expected} 版），本次内容未保存：请载入第 ${cur} 版，对比后重新保存。`,
    {
      currentVersion: cur,
      expectedVersion: expected,
      status: r.status,
      ...(current ?? {}),
      ...(action ? { action } : {}),
    },
  );
}

/** The stored version `version` of a report: its content hash, note, author and time. */
async function versionInfo(db: Db, reportId: string, version: number) {
  const v = await db
    .selectFrom('report_versions')
    .select(['content_hash', 'note', 'author_id', 'created_at'])
    .where('report_id', '=', reportId)
    .where('version', '=', version)
    .executeTakeFirst();
  if (!v) return undefined;
  const names = await userNames(db, [v.author_id]);
  const info: CurrentVersionInfo = {
    currentContentHash: v.content_hash,
    currentSavedBy: v.author_id,
    currentSavedByName: names.get(v.author_id) ?? null,
    currentSavedAt: v.created_at,
  };
  return { ...info, note: v.note };
}

const EDITABLE: readonly ReportStatus[] = ['draft', 'returned'];

function lockedMessage(status: ReportStatus): never {
  if (status === 'published')
    return fail(
      'CONFLICT',
      'REPORT_PUBLISHED',
      '报告已发布，不能直接修改；如需更正，请使用“更正”并填写更正说明',
      { status },
    );
  return fail('CONFLICT', 'REPORT_LOCKED', `报告${STATUS_LABELS[status]}，审核人退回后才能修改`, { status });
}

function summaryOf(r: ReportWithAgency | (Omit<ReportWithAgency, 'agency'> & { agency_name: string })) {
  const agencyName = 'agency' in r ? r.agency.name : r.agency_name;
  return {
    id: r.id,
    agencyId: r.agency_id,
    agencyName,
    year: r.year,
    edition: r.edition,
    status: r.status,
    statusLabel: STATUS_LABELS[r.status],
    version: r.current_version,
    publishedVersion: r.published_version,
    /** The day it was published (YYYY-MM-DD; F1/F2 check it), null while not published. */
    publishedOn: r.published_on,
    reviewComment: r.review_comment,
    openFindings: { error: r.errors, crossYear: r.cross_year, warning: r.warnings, info: r.infos },
    /** Failed error and cross-year findings dismissed in triage (not in openFindings). */
    dismissedErrors: r.dismissed_errors,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/**
 * Confirms or dismisses a finding (checks.triage): the reviewer any time; the 填报人 while the
 * report is theirs to edit (草稿, 已退回) — once handed in, what the reviewer approves is not
 * changed under them.
 */
export function mayDecideTriage(user: AuthUser, r: ReportWithAgency): boolean {
  return canReview(user, r.agency) || (canWrite(user, r.agency) && EDITABLE.includes(r.status));
}

function permissions(user: AuthUser, r: ReportWithAgency) {
  const write = canWrite(user, r.agency);
  const review = canReview(user, r.agency);
  return {
    save: write && EDITABLE.includes(r.status),
    submit: write && EDITABLE.includes(r.status),
    return: review && (r.status === 'submitted' || r.status === 'approved'),
    approve: review && r.status === 'submitted',
    publish: (review || write) && r.status === 'approved',
    correct: (review || write) && r.status === 'published',
    /** Sees the findings' triage (confirmed, dismissed, reopened) with the reason and who decided. */
    triage: write || review,
    /** Confirms or dismisses a finding (mayDecideTriage). */
    triageDecide: mayDecideTriage(user, r),
    /** A draft never handed in (a mistaken create or import): it has no workflow history to keep. */
    delete: write && r.status === 'draft',
  };
}

async function transition(
  db: Db,
  user: AuthUser,
  r: ReportWithAgency,
  action: string,
  from: readonly ReportStatus[],
  to: ReportStatus,
  opts: {
    expectedVersion?: number | undefined;
    comment?: string | null;
    set?: { review_comment?: string | null; published_version?: number; published_on?: string };
  },
) {
  if (!from.includes(r.status))
    fail(
      'CONFLICT',
      'INVALID_TRANSITION',
      `报告当前为“${STATUS_LABELS[r.status]}”，不能${ACTION_LABELS[action] ?? action}`,
      {
        status: r.status,
        action,
      },
    );
  if (opts.expectedVersion !== undefined && opts.expectedVersion !== r.current_version)
    conflict(r, opts.expectedVersion, undefined, action);
  // The open findings this step is taken on, and answers with, are those of the current version —
  // never counts still waiting for the background refresh after a save.
  if (r.counts_version !== r.current_version) await refreshStale(db, [r.id]);
  const t = now();
  // The status change and its event together, or neither.
  const moved = await db.transaction().execute(async (tx) => {
    const res = await tx
      .updateTable('reports')
      // Publishing gives the report a publication date: the deadline rules count again.
      .set({
        status: to,
        updated_at: t,
        ...(opts.set ?? {}),
        ...(opts.set?.published_on ? { counts_version: staleStamp() } : {}),
      })
      .where('id', '=', r.id)
      .where('status', '=', r.status)
      .where('current_version', '=', r.current_version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) return false;
    await tx
      .insertInto('workflow_events')
      .values({
        report_id: r.id,
        action,
        from_status: r.status,
        to_status: to,
        version: r.current_version,
        actor_id: user.id,
        comment: opts.comment ?? null,
        created_at: t,
      })
      .execute();
    return true;
  });
  if (!moved) {
    const fresh = (await reportRow(db, r.id))!;
    if (fresh.status !== r.status)
      fail(
        'CONFLICT',
        'INVALID_TRANSITION',
        `报告状态已变为“${STATUS_LABELS[fresh.status]}”，不能${ACTION_LABELS[action] ?? action}`,
        {
          status: fresh.status,
          action,
        },
      );
    conflict(fresh, r.current_version, undefined, action);
  }
  await refreshStale(db, [r.id]);
  const fresh = (await reportRow(db, r.id))!;
  return { ...summaryOf(fresh), permissions: permissions(user, fresh) };
}

const ACTION_LABELS: Record<string, string> = {
  submit: '提交审核',
  return: '退回',
  approve: '审核通过',
  publish: '发布',
  correct: '更正',
  delete: '删除草稿',
};

/**
 * A new report is for a year that has ended (core's yearNotWritable): the annual report of 2026 is
 * written from 1 January 2027 on, about the whole year. The reporting year and earlier are allowed.
 */
export function requireEndedYear(year: number, today: Date): void {
  const no = yearNotWritable(year, today);
  if (no) fail('BAD_REQUEST', no.code, no.message, { year, latest: no.latest });
}

/** A date as YYYY-MM-DD that is a real day (2026-02-30 is not). */
const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: '日期应写作 YYYY-MM-DD，如 2026-01-20' })
  .refine(
    (d) => {
      const t = new Date(`${d}T00:00:00Z`);
      return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === d;
    },
    { error: '不是有效的日期' },
  );

/** Today in China (UTC+8) as YYYY-MM-DD. */
const chinaDay = (today: Date): string => chinaTime(today).slice(0, 10);

/**
 * The publication date a caller gives at 发布 (a report published elsewhere before): after the
 * report's year ended, not in the future.
 */
function checkPublishedOn(publishedOn: string, year: number, today: Date): void {
  const first = `${year + 1}-01-01`;
  if (publishedOn < first)
    fail(
      'BAD_REQUEST',
      'PUBLISHED_ON_TOO_EARLY',
      `发布日期 ${publishedOn} 早于 ${year} 年度结束：年度报告最早于 ${first} 发布`,
      { field: 'publishedOn', publishedOn, earliest: first },
    );
  const latest = chinaDay(today);
  if (publishedOn > latest)
    fail('BAD_REQUEST', 'PUBLISHED_ON_IN_FUTURE', `发布日期 ${publishedOn} 晚于今天（${latest}）`, {
      field: 'publishedOn',
      publishedOn,
      latest,
    });
}

/** Create a report row and its first version (used by create and import). */
export async function createReportRecord(
  db: Db,
  user: AuthUser,
  agency: AgencyRow,
  report: Report,
  kind: 'create' | 'import',
  note?: string | null,
  imported?: ImportRecord,
): Promise<string> {
  const existing = await db
    .selectFrom('reports')
    .select(['id', 'current_version', 'status'])
    .where('agency_id', '=', agency.id)
    .where('year', '=', report.meta.year)
    .executeTakeFirst();
  if (existing)
    fail('CONFLICT', 'REPORT_EXISTS', `${agency.name}${report.meta.year} 年度的报告已存在`, {
      reportId: existing.id,
      version: existing.current_version,
      status: existing.status,
    });
  const id = newId();
  const t = now();
  const bound = bindToAgency(report, agency, report.meta.year);
  try {
    await db.transaction().execute(async (tx) => {
      await tx
        .insertInto('reports')
        .values({
          id,
          agency_id: agency.id,
          year: report.meta.year,
          edition: report.meta.edition,
          status: 'draft',
          current_version: 1,
          published_version: null,
          review_comment: null,
          errors: 0,
          cross_year: 0,
          warnings: 0,
          infos: 0,
          dismissed_errors: 0,
          published_on: null,
          created_at: t,
          updated_at: t,
        })
        .execute();
      await insertVersion(tx, {
        reportId: id,
        version: 1,
        report: bound,
        authorId: user.id,
        kind,
        note: note ?? null,
        status: 'draft',
      });
      if (imported) await insertImportDiagnostics(tx, id, 1, imported);
      await markNextYearStale(tx, agency.id, report.meta.year);
    });
  } catch (e) {
    // Two creates racing: the unique (agency, year) constraint decides.
    const again = await db
      .selectFrom('reports')
      .select(['id', 'current_version', 'status'])
      .where('agency_id', '=', agency.id)
      .where('year', '=', report.meta.year)
      .executeTakeFirst();
    if (again)
      fail('CONFLICT', 'REPORT_EXISTS', `${agency.name}${report.meta.year} 年度的报告已存在`, {
        reportId: again.id,
        version: again.current_version,
        status: again.status,
      });
    throw e;
  }
  scheduleRefresh(db, id, { version: 1, report: bound });
  await refreshNextYearLater(db, agency.id, report.meta.year);
  return id;
}

/**
 * A save may not bring in a cell the report's format does not have — a mistyped id
 * (`applications.newRecieved.naturalPerson`) would be stored beside the cell meant, which stays as it
 * was, and only an S5 finding would tell later. Refused with the format's nearest id for each. Cells
 * outside the format the report already holds (an import of a document printed in another layout,
 * which S5 reports) are kept as they are: the web sends them back with every save.
 */
export async function refuseNewUnknownCells(
  db: Db,
  r: { id: string; current_version: number } | null,
  report: Report,
): Promise<void> {
  const edition = getEdition(report.meta.edition);
  const unknown = Object.keys(report.cells).filter((id) => !edition.cellIndex.has(id));
  if (!unknown.length) return;
  // A new report (an import's corrected report) holds nothing yet: every unknown cell is new.
  const stored = r ? await versionContent(db, r.id, r.current_version) : null;
  const fresh = unknown.filter((id) => !(stored && id in stored.cells));
  if (!fresh.length) return;
  const ids = [...edition.cellIndex.keys()];
  const nearest = (id: string) => {
    let best: { id: string; d: number } | undefined;
    for (const c of ids) {
      const d = editDistance(id, c);
      if (!best || d < best.d) best = { id: c, d };
    }
    return best && best.d <= Math.max(3, Math.floor(id.length / 6)) ? best.id : undefined;
  };
  const issues = fresh.map((id) => {
    const near = nearest(id);
    return {
      path: `report.cells.${id}`,
      message: `${editionName(report.meta.edition)}没有单元格 ${id}${near ? `；是不是 ${near}（${cellLabel(near, report.meta.edition)}）？` : ''}`,
      ...(near ? { suggestion: near } : {}),
    };
  });
  fail(
    'BAD_REQUEST',
    'UNKNOWN_CELL',
    `未保存：${issues[0]!.message}${issues.length > 1 ? `（共 ${issues.length} 个不认识的单元格）` : ''}`,
    { issues, cells: fresh },
  );
}

/**
 * Content that names another agency by its 编号 (`meta.agency.id`) is not stored as this report:
 * binding would rename it silently, and one agency's numbers would stand as another's (an integrator
 * syncing many reports who mixed up two ids). Content without an id — a file written elsewhere, an
 * import — is this report's agency's, as before. The other agency is named only to a caller who may
 * read it.
 */
export async function refuseOtherAgency(
  db: Db,
  user: AuthUser,
  r: { agency_id: string; year: number; agency: { name: string } },
  report: { meta: { agency: { id?: string | undefined } } },
) {
  const said = report.meta.agency.id;
  if (!said || said === r.agency_id) return;
  const other = await getAgency(db, said);
  const named =
    other && canRead(user, other) ? `“${other.name}”（编号 ${said}）` : `另一个机关（编号 ${said}）`;
  fail(
    'BAD_REQUEST',
    'AGENCY_MISMATCH',
    `未保存：报告内容属于${named}，而这份报告是“${r.agency.name}”${r.year} 年度的。请检查报告编号（id）；确要作为“${r.agency.name}”的报告保存，请去掉 meta.agency.id`,
    { expected: r.agency_id, actual: said },
  );
}

/**
 * Save a new version of an editable report (used by save and import). A report handed in, approved
 * or published takes none (REPORT_LOCKED / REPORT_PUBLISHED), but the content it has is answered as
 * below, unchanged.
 *
 * Idempotent: content whose hash is the current version's, saved without a note of its own
 * (`noteGiven`), stores nothing — the answer is the current version with `unchanged: true`, and the
 * report's `updated_at` stays (a nightly sync that sends the same feed again changes nothing). A
 * note names a version (the web's 保存), so with one the same content is still a new version. A
 * stale `expectedVersion` whose content (and note, if any) is the current version's is a retried
 * save that landed: answered the same way, not as a conflict.
 *
 * `clientReport`: the content came from the caller (save, an import's corrected `report`), not from
 * the importer — a cell the format lacks (UNKNOWN_CELL) and another agency's 编号 (AGENCY_MISMATCH)
 * are refused.
 */
export async function saveVersion(
  db: Db,
  user: AuthUser,
  r: ReportWithAgency,
  report: Report,
  expectedVersion: number,
  kind: 'save' | 'import',
  note?: string | null,
  imported?: ImportRecord,
  opts: { clientReport?: boolean; noteGiven?: boolean } = {},
) {
  const clientReport = opts.clientReport ?? kind === 'save';
  const noteGiven = opts.noteGiven ?? !!note;
  requireWrite(user, r.agency);
  const bound = bindToAgency(report, r.agency, r.year);
  const hash = contentHash(bound);
  const warnings = saveWarnings(report, r.agency);
  /** The current version when this save changes nothing (or landed already), else undefined. */
  const same = async (row: { id: string; current_version: number }, stale: boolean) => {
    const cur = await versionInfo(db, row.id, row.current_version);
    if (!cur || cur.currentContentHash !== hash) return { cur, unchanged: false };
    const landed = stale ? !noteGiven || (note ?? null) === cur.note : !noteGiven;
    return { cur, unchanged: landed };
  };
  const noOp = (
    version: number,
    cur: CurrentVersionInfo,
    status: ReportStatus = r.status as ReportStatus,
  ) => ({
    id: r.id,
    version,
    contentHash: cur.currentContentHash,
    savedAt: cur.currentSavedAt,
    unchanged: true as boolean,
    // the report's status now: a nightly feed told 「unchanged」 learns the report was handed in meanwhile
    status,
    warnings,
  });
  if (!EDITABLE.includes(r.status)) {
    // Handed in, approved or published: no new content (REPORT_LOCKED / REPORT_PUBLISHED, before
    // anything else is said of it). The content it has, again and without a note of its own, changes
    // nothing and is answered as in a draft (unchanged) — a nightly feed run twice keeps working once
    // the report is handed in; for a published report that is no correction either.
    const { cur, unchanged } =
      expectedVersion <= r.current_version
        ? await same(r, expectedVersion !== r.current_version)
        : { cur: undefined, unchanged: false };
    if (!unchanged || !cur) return lockedMessage(r.status);
    if (clientReport) await refuseOtherAgency(db, user, r, report);
    return noOp(r.current_version, cur);
  }
  if (expectedVersion > r.current_version)
    conflict(r, expectedVersion, await versionInfo(db, r.id, r.current_version));
  // An import is this agency's whatever its file says (AGENCY_DIFFERS warns of another name); a
  // report the caller sends is checked.
  if (clientReport) await refuseOtherAgency(db, user, r, report);
  if (bound.meta.edition !== r.edition) {
    const due = editionName(r.edition as EditionId);
    fail(
      'BAD_REQUEST',
      'EDITION_MISMATCH',
      zh`报告内容使用的是${editionName(bound.meta.edition)}，而${r.agency.name}${r.year} 年度的报告应使用${due}：未保存，请按${due}填写（meta.edition 为 ${r.edition}）`,
      {
        expected: r.edition,
        actual: bound.meta.edition,
      },
    );
  }
  if (clientReport) await refuseNewUnknownCells(db, r, bound);
  {
    const stale = expectedVersion !== r.current_version;
    const { cur, unchanged } = await same(r, stale);
    if (unchanged && cur) return noOp(r.current_version, cur);
    if (stale) conflict(r, expectedVersion, cur);
  }
  const version = expectedVersion + 1;
  const saved = await db.transaction().execute(async (tx) => {
    if (!(await bumpVersion(tx, r.id, expectedVersion, EDITABLE))) return null;
    const inserted = await insertVersion(tx, {
      reportId: r.id,
      version,
      report: bound,
      authorId: user.id,
      kind,
      note: note ?? null,
      status: r.status,
    });
    if (imported) await insertImportDiagnostics(tx, r.id, version, imported);
    await markNextYearStale(tx, r.agency_id, r.year);
    return inserted;
  });
  if (!saved) {
    const fresh = (await reportRow(db, r.id))!;
    const { cur, unchanged } = await same(fresh, true);
    if (unchanged && cur) return noOp(fresh.current_version, cur, fresh.status as ReportStatus);
    if (!EDITABLE.includes(fresh.status)) lockedMessage(fresh.status);
    conflict(fresh, expectedVersion, cur);
  }
  scheduleRefresh(db, r.id, { version, report: bound });
  await refreshNextYearLater(db, r.agency_id, r.year);
  return {
    id: r.id,
    version,
    contentHash: saved.hash,
    savedAt: saved.createdAt,
    unchanged: false as boolean,
    status: r.status as ReportStatus,
    warnings,
  };
}

/**
 * What a save's answer says beside the version (`warnings`): what the server did not keep as sent —
 * a title without this agency's name (TITLE_DROPPED), a `raw` that contradicted its value
 * (RAW_DROPPED), Word line breaks made line breaks (LINE_BREAK_NORMALISED). Empty when nothing.
 */
export function saveWarnings(report: Report, agency: Pick<AgencyRow, 'name'>): SaveWarning[] {
  const out: SaveWarning[] = inputNotes(report).map((n) => ({
    code: n.code,
    message: n.message,
    path: n.path,
  }));
  const title = titleWarning(report, agency);
  if (title) out.push(title);
  return out;
}

const FINDINGS_FILTER = ['any', 'errors', 'crossYear', 'warnings', 'none'] as const;

/** A list cursor: the (year, agency path) of the last report of a page, opaque to callers. */
const makeCursor = (year: number, path: string): string =>
  Buffer.from(JSON.stringify([year, path])).toString('base64url');

function parseCursor(cursor: string): { year: number; path: string } {
  try {
    const [year, path] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as unknown[];
    if (Number.isInteger(year) && typeof path === 'string' && /^[0-9a-f/-]*$/i.test(path))
      return { year: year as number, path };
  } catch {}
  return fail('BAD_REQUEST', 'INVALID_CURSOR', 'cursor 无效：请使用上一页返回的 nextCursor', {
    field: 'cursor',
  });
}

export const reportsRouter = router({
  /**
   * Reports the caller may see, filtered by year, region node (its whole subtree), agency, status
   * (`status`, or several: `statuses`), edition, open findings and `updatedSince` (an ISO timestamp:
   * reports saved or moved through the workflow at or after it — an integrator's incremental sync);
   * the latest year first, then by agency path (a node before its subtree, each region's agencies
   * together). Paged: `limit` (100 by default, at most 500) and either `cursor` — the `nextCursor`
   * of the previous page, null on the last — or `offset`. A cursor page never skips or repeats a
   * report when others are added or saved meanwhile; one whose agency is moved during the pass may
   * be missed or repeated (the order is by agency path), and `updatedSince` from the pass's start
   * lists it next time: it lists the reports of agencies renamed or moved since, too.
   */
  list: authedProcedure
    .input(
      z
        .strictObject({
          year: Year.optional(),
          regionId: Id.optional(),
          agencyId: Id.optional(),
          status: z.enum(STATUSES).optional(),
          statuses: z.array(z.enum(STATUSES)).min(1, { error: '至少选择一个状态' }).max(5).optional(),
          edition: z.enum(EDITION_IDS).optional(),
          updatedSince: z.iso
            .datetime({ offset: true, error: '应为 ISO 时间，如 2026-11-29T08:00:00Z' })
            .optional(),
          findings: z.enum(FINDINGS_FILTER).optional(),
          limit: z.int().min(1).max(500).default(100),
          offset: z.int().min(0).default(0),
          cursor: z.string().min(1).max(500).optional(),
        })
        // `status` and `statuses` together were read as their union: a filter that said two things
        // got the wider one. Both are taken only when they say the same.
        .superRefine(({ status, statuses }, ctx) => {
          if (status === undefined || statuses === undefined) return;
          if (statuses.every((s) => s === status)) return;
          const named = (xs: readonly ReportStatus[]) =>
            xs.map((s) => `${s}（${STATUS_LABELS[s]}）`).join('、');
          ctx.addIssue({
            code: 'custom',
            path: ['statuses'],
            message: `status 为 ${named([status])}，statuses 为 ${named(statuses)}，两者不一致：状态筛选只能用其一（一个状态用 status，几个状态用 statuses）`,
          });
        })
        .default({ limit: 100, offset: 0 }),
    )
    .query(async ({ ctx, input }) => {
      const db = ctx.store.db;
      const vis = visiblePrefix(ctx.user);
      const after = input.cursor === undefined ? null : parseCursor(input.cursor);
      if (after && input.offset)
        fail('BAD_REQUEST', 'CURSOR_WITH_OFFSET', 'cursor 与 offset 只能用其一', { field: 'offset' });
      let q = db.selectFrom('reports').innerJoin('agencies', 'agencies.id', 'reports.agency_id');
      if (vis.onlyAgency !== null) q = q.where('reports.agency_id', '=', vis.onlyAgency);
      if (vis.prefix !== null) q = q.where('agencies.path', 'like', likePrefix(vis.prefix));
      if (input.regionId) {
        const node = await readableAgency(db, ctx.user, input.regionId);
        q = q.where('agencies.path', 'like', likePrefix(node.path));
      }
      if (input.agencyId) {
        await readableAgency(db, ctx.user, input.agencyId);
        q = q.where('reports.agency_id', '=', input.agencyId);
      }
      if (input.year !== undefined) q = q.where('reports.year', '=', input.year);
      // Both given only when they agree (the input's check): the same statuses either way.
      if (input.status || input.statuses)
        q = q.where('reports.status', 'in', input.statuses ?? [input.status!]);
      if (input.edition) q = q.where('reports.edition', '=', input.edition);
      if (input.updatedSince) {
        const since = new Date(input.updatedSince).toISOString();
        // An agency renamed or moved since (agencies.edit, in the audit log) changes its reports'
        // and its subtree's records (agencyName, the place in the order) without saving them: they
        // are listed too, so an incremental sync sees them — also a report a cursor pass missed
        // because its agency moved to before the cursor meanwhile.
        const edited = await db
          .selectFrom('audit_log')
          .innerJoin('agencies', 'agencies.id', 'audit_log.target_id')
          .select('agencies.path')
          .distinct()
          .where('audit_log.action', '=', 'agencies.edit')
          .where('audit_log.at', '>=', since)
          .execute();
        q = q.where((eb) =>
          eb.or([
            eb('reports.updated_at', '>=', since),
            ...edited.map((e) => eb('agencies.path', 'like', likePrefix(e.path))),
          ]),
        );
      }
      const base = q;
      if (input.findings && input.findings !== 'any') {
        q = q.where((eb): Expression<SqlBool> => {
          switch (input.findings) {
            case 'errors':
              return eb('reports.errors', '>', 0);
            case 'crossYear':
              return eb('reports.cross_year', '>', 0);
            case 'warnings':
              return eb('reports.warnings', '>', 0);
            default:
              return eb.and([
                eb('reports.errors', '=', 0),
                eb('reports.cross_year', '=', 0),
                eb('reports.warnings', '=', 0),
              ]);
          }
        });
      } else if (input.findings === 'any') {
        q = q.where((eb) =>
          eb.or([
            eb('reports.errors', '>', 0),
            eb('reports.cross_year', '>', 0),
            eb('reports.warnings', '>', 0),
          ]),
        );
      }
      // Counts recomputed in the background after a save may be a moment behind: catch up first
      // (only the stale rows of what this list covers, before the findings filter applies).
      const stale = await base
        .select('reports.id')
        .where((eb) =>
          eb.or([
            eb('reports.counts_version', 'is', null),
            eb('reports.counts_version', '!=', eb.ref('reports.current_version')),
          ]),
        )
        .execute();
      if (stale.length)
        await refreshStale(
          db,
          stale.map((x) => x.id),
        );
      const total = await q
        .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
        .executeTakeFirstOrThrow();
      // (year, agency path) is unique — one report per agency and year — and is the order: a cursor
      // is the last row's pair, the next page what comes after it.
      if (after)
        q = q.where((eb) =>
          eb.or([
            eb('reports.year', '<', after.year),
            eb.and([eb('reports.year', '=', after.year), eb('agencies.path', '>', after.path)]),
          ]),
        );
      const rows = await q
        .selectAll('reports')
        .select(['agencies.name as agency_name', 'agencies.path as agency_path'])
        .orderBy('reports.year', 'desc')
        .orderBy('agencies.path')
        .limit(input.limit + 1)
        .offset(after ? 0 : input.offset)
        .execute();
      const more = rows.length > input.limit;
      const page = more ? rows.slice(0, input.limit) : rows;
      const last = page.at(-1);
      return {
        total: Number(total.n),
        items: page.map((r) => summaryOf(r)),
        nextCursor: more && last ? makeCursor(last.year, last.agency_path) : null,
      };
    }),

  /**
   * Drafts deleted at or after `since` (reports.delete), oldest first, among the agencies the caller
   * may see (`regionId`: one subtree): what an incremental sync by `reports.list({ updatedSince })`
   * must drop, since a deleted report no longer lists. At most 1,000 a call; `more` says there are
   * further ones (ask again from the last `deletedAt`).
   */
  deleted: authedProcedure
    .input(
      z.strictObject({
        since: z.iso.datetime({ offset: true, error: '应为 ISO 时间，如 2026-11-29T08:00:00Z' }),
        regionId: Id.optional(),
      }),
    )
    .query(async ({ ctx, input }) => {
      const db = ctx.store.db;
      const vis = visiblePrefix(ctx.user);
      let q = db
        .selectFrom('deleted_reports')
        .leftJoin('agencies', 'agencies.id', 'deleted_reports.agency_id')
        .where('deleted_reports.deleted_at', '>=', new Date(input.since).toISOString());
      if (vis.onlyAgency !== null) q = q.where('deleted_reports.agency_id', '=', vis.onlyAgency);
      if (vis.prefix !== null) q = q.where('agencies.path', 'like', likePrefix(vis.prefix));
      if (input.regionId) {
        const node = await readableAgency(db, ctx.user, input.regionId);
        q = q.where('agencies.path', 'like', likePrefix(node.path));
      }
      const LIMIT = 1000;
      const rows = await q
        .select([
          'deleted_reports.id',
          'deleted_reports.agency_id',
          'deleted_reports.year',
          'deleted_reports.deleted_at',
        ])
        .orderBy('deleted_reports.deleted_at')
        .orderBy('deleted_reports.id')
        .limit(LIMIT + 1)
        .execute();
      return {
        items: rows
          .slice(0, LIMIT)
          .map((r) => ({ id: r.id, agencyId: r.agency_id, year: Number(r.year), deletedAt: r.deleted_at })),
        more: rows.length > LIMIT,
      };
    }),

  /** One report: its record, the content of the current (or a given) version and what the caller may do. */
  get: authedProcedure
    .input(z.strictObject({ id: Id, version: Version.optional() }))
    .query(async ({ ctx, input }) => {
      let r = await readableReport(ctx.store.db, ctx.user, input.id);
      if (r.counts_version !== r.current_version && (await refreshStale(ctx.store.db, [r.id])))
        r = await readableReport(ctx.store.db, ctx.user, input.id);
      const report = await loadVersion(ctx.store.db, r, input.version);
      // `version` is the report's current version; `reportVersion` the one whose content this is.
      return {
        ...summaryOf(r),
        reportVersion: input.version ?? r.current_version,
        report,
        // What reading a version an earlier release stored changed (control characters removed, a
        // count's unit not counted …), each naming the place: empty for content read as stored.
        readRepairs: storedRepairs(report),
        // The day of its 发布 step (F1–F3 check it when the report states no 发布日期), or null.
        publicationDate: r.published_version ? ((await publicationDateOf(ctx.store.db, r.id)) ?? null) : null,
        permissions: permissions(ctx.user, r),
      };
    }),

  /** The report of an agency for a year, or null. */
  find: authedProcedure.input(z.strictObject({ agencyId: Id, year: Year })).query(async ({ ctx, input }) => {
    const db = ctx.store.db;
    await readableAgency(db, ctx.user, input.agencyId);
    const row = await db
      .selectFrom('reports')
      .select('id')
      .where('agency_id', '=', input.agencyId)
      .where('year', '=', input.year)
      .executeTakeFirst();
    if (!row) return null;
    await refreshStale(db, [row.id]);
    const r = (await reportRow(db, row.id))!;
    return { ...summaryOf(r), permissions: permissions(ctx.user, r) };
  }),

  /**
   * A new report for an agency and year, the edition chosen by the year: blank, or carrying over the
   * previous year's narrative structure is left to the client. One report per agency and year.
   */
  create: authedProcedure
    .input(z.strictObject({ agencyId: Id, year: Year }))
    .mutation(async ({ ctx, input }) => {
      const db = ctx.store.db;
      const agency = await readableAgency(db, ctx.user, input.agencyId);
      requireWrite(ctx.user, agency);
      requireEndedYear(input.year, ctx.options.today());
      const report = createEmptyReport({
        year: input.year,
        agency: {
          id: agency.id,
          name: agency.name,
          ...(agency.kind ? { kind: agency.kind as never } : {}),
          ...(agency.level ? { level: agency.level as never } : {}),
          ...(agency.region_code ? { regionCode: agency.region_code } : {}),
        },
      });
      const id = await createReportRecord(db, ctx.user, agency, report, 'create');
      // Its open findings as of now (a blank report has warnings), not the zeros of a new row.
      await refreshStale(db, [id]);
      const r = (await reportRow(db, id))!;
      return {
        ...summaryOf(r),
        report: bindToAgency(report, agency, input.year),
        permissions: permissions(ctx.user, r),
      };
    }),

  /**
   * Save the whole report as a new immutable version. `expectedVersion` is the version the edit
   * started from: when someone saved in between, CONFLICT (appCode VERSION_CONFLICT) and nothing is
   * overwritten.
   */
  save: authedProcedure
    .input(z.strictObject({ id: Id, expectedVersion: Version, report: ReportInput, note: Note.optional() }))
    .mutation(async ({ ctx, input }) => {
      const r = await readableReport(ctx.store.db, ctx.user, input.id);
      return saveVersion(ctx.store.db, ctx.user, r, input.report, input.expectedVersion, 'save', input.note);
    }),

  /**
   * Delete a draft that was never handed in — created for the wrong year, an import of the wrong
   * file — with every version of it. A report that was ever submitted keeps its history: it cannot be
   * deleted. `expectedVersion`: the version the caller saw (a draft saved in between is not deleted).
   */
  delete: authedProcedure
    .input(z.strictObject({ id: Id, expectedVersion: Version }))
    .mutation(async ({ ctx, input }) => {
      const db = ctx.store.db;
      const r = await readableReport(db, ctx.user, input.id);
      requireWrite(ctx.user, r.agency);
      if (r.status !== 'draft')
        fail(
          'CONFLICT',
          'NOT_A_DRAFT',
          `报告当前为“${STATUS_LABELS[r.status]}”：只有从未提交的草稿可以删除，提交过的报告须保留流转记录`,
          { status: r.status },
        );
      if (input.expectedVersion !== r.current_version)
        conflict(r, input.expectedVersion, undefined, 'delete');
      const deleted = await db.transaction().execute(async (tx) => {
        // Compare-and-set first (it also locks the row on PostgreSQL): still this draft, still this version.
        const held = await tx
          .updateTable('reports')
          .set({ updated_at: now() })
          .where('id', '=', r.id)
          .where('status', '=', 'draft')
          .where('current_version', '=', input.expectedVersion)
          .executeTakeFirst();
        if (Number(held.numUpdatedRows) !== 1) return false;
        for (const table of ['triage', 'import_diagnostics', 'workflow_events', 'report_versions'] as const)
          await tx.deleteFrom(table).where('report_id', '=', r.id).execute();
        await tx.deleteFrom('reports').where('id', '=', r.id).execute();
        // Kept by id for incremental syncs (reports.deleted).
        await tx
          .insertInto('deleted_reports')
          .values({
            id: r.id,
            agency_id: r.agency_id,
            year: r.year,
            deleted_at: now(),
            deleted_by: ctx.user.id,
          })
          .execute();
        // Next year's cross-year findings were counted against this report.
        await markNextYearStale(tx, r.agency_id, r.year);
        return true;
      });
      if (!deleted) {
        const fresh = await reportRow(db, r.id);
        if (fresh && fresh.status !== 'draft')
          fail('CONFLICT', 'NOT_A_DRAFT', `报告已变为“${STATUS_LABELS[fresh.status]}”，不能删除`, {
            status: fresh.status,
          });
        if (fresh) conflict(fresh, input.expectedVersion, undefined, 'delete');
      }
      await refreshNextYearLater(db, r.agency_id, r.year);
      return { ok: true as const };
    }),

  /** 草稿/已退回 → 已提交 (the agency's 填报人). */
  submit: authedProcedure
    .input(z.strictObject({ id: Id, expectedVersion: Version.optional(), comment: Note.optional() }))
    .mutation(async ({ ctx, input }) => {
      const db = ctx.store.db;
      const r = await readableReport(db, ctx.user, input.id);
      requireWrite(ctx.user, r.agency);
      return transition(db, ctx.user, r, 'submit', ['draft', 'returned'], 'submitted', {
        expectedVersion: input.expectedVersion,
        comment: input.comment ?? null,
        set: { review_comment: null },
      });
    }),

  /** 已提交/已通过 → 已退回, with the reviewer's comment (required). */
  return: authedProcedure
    .input(
      z.strictObject({
        id: Id,
        expectedVersion: Version.optional(),
        comment: z.string().trim().max(2000).superRefine(plainText('退回意见')).optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      if (!input.comment)
        fail('BAD_REQUEST', 'REASON_REQUIRED', '退回时必须填写审核意见', { field: 'comment', minLength: 1 });
      const db = ctx.store.db;
      const r = await readableReport(db, ctx.user, input.id);
      requireReview(ctx.user, r.agency);
      return transition(db, ctx.user, r, 'return', ['submitted', 'approved'], 'returned', {
        expectedVersion: input.expectedVersion,
        comment: input.comment,
        set: { review_comment: input.comment },
      });
    }),

  /** 已提交 → 已通过 (审核人 of the region; pass expectedVersion to approve exactly what you read). */
  approve: authedProcedure
    .input(z.strictObject({ id: Id, expectedVersion: Version.optional(), comment: Note.optional() }))
    .mutation(async ({ ctx, input }) => {
      const db = ctx.store.db;
      const r = await readableReport(db, ctx.user, input.id);
      requireReview(ctx.user, r.agency);
      return transition(db, ctx.user, r, 'approve', ['submitted'], 'approved', {
        expectedVersion: input.expectedVersion,
        comment: input.comment ?? null,
      });
    }),

  /**
   * 已通过 → 已发布: the report is locked from now on; only a correction changes it. The publication
   * date (F1/F2 check it; `publishedOn` of the report from then on) is `publishedOn` when given — a
   * report published elsewhere before, entered afterwards: YYYY-MM-DD, after its year ended, not in
   * the future — else the 发布日期 the report states (an imported report's printed date), else today.
   */
  publish: authedProcedure
    .input(z.strictObject({ id: Id, expectedVersion: Version.optional(), publishedOn: IsoDate.optional() }))
    .mutation(async ({ ctx, input }) => {
      const db = ctx.store.db;
      const r = await readableReport(db, ctx.user, input.id);
      if (!canReview(ctx.user, r.agency) && !canWrite(ctx.user, r.agency)) requireReview(ctx.user, r.agency);
      if (input.publishedOn !== undefined) checkPublishedOn(input.publishedOn, r.year, ctx.options.today());
      const stated = r.status === 'approved' ? (await loadVersion(db, r)).meta.publishedOn : undefined;
      return transition(db, ctx.user, r, 'publish', ['approved'], 'published', {
        expectedVersion: input.expectedVersion,
        set: {
          published_version: r.current_version,
          // the day in China, by the server's clock: at 07:30 in Beijing the UTC date is still yesterday's
          published_on: input.publishedOn ?? stated ?? chinaDay(ctx.options.today()),
        },
      });
    }),

  /**
   * Correct a published report: a new version with a required reason (更正说明), listed in the
   * public correction log. The report stays 已发布.
   */
  correct: authedProcedure
    .input(
      z.strictObject({
        id: Id,
        expectedVersion: Version,
        report: ReportInput,
        reason: z.string().trim().max(2000).superRefine(plainText('更正理由')).optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      if ((input.reason ?? '').length < 2)
        fail('BAD_REQUEST', 'REASON_REQUIRED', '更正必须填写更正说明（至少 2 个字）', {
          field: 'reason',
          minLength: 2,
        });
      const reason = input.reason!;
      const db = ctx.store.db;
      const r = await readableReport(db, ctx.user, input.id);
      if (!canWrite(ctx.user, r.agency)) requireReview(ctx.user, r.agency);
      if (r.status !== 'published')
        fail('CONFLICT', 'NOT_PUBLISHED', '只有已发布的报告才需要更正；未发布的报告请直接保存');
      if (input.expectedVersion !== r.current_version) conflict(r, input.expectedVersion);
      await refuseOtherAgency(db, ctx.user, r, input.report);
      const bound = bindToAgency(input.report, r.agency, r.year);
      await refuseNewUnknownCells(db, r, bound);
      // A 更正 is published, in the public 更正公告: one that changes nothing would announce a
      // correction of nothing (the web refuses it; an API client could send it)
      const unchanged = diffReports(await loadVersion(db, r), bound);
      if (!unchanged.cells.length && !unchanged.texts.length && !unchanged.meta.length)
        fail(
          'BAD_REQUEST',
          'NOTHING_TO_CORRECT',
          '更正的内容与已发布的版本相同：请先修改需要更正的数字或文字，再提交更正',
          { version: r.current_version },
        );
      const version = input.expectedVersion + 1;
      const saved = await db.transaction().execute(async (tx) => {
        if (
          !(await bumpVersion(tx, r.id, input.expectedVersion, ['published'], { published_version: version }))
        )
          return null;
        const v = await insertVersion(tx, {
          reportId: r.id,
          version,
          report: bound,
          authorId: ctx.user.id,
          kind: 'correction',
          reason: reason,
          note: reason,
          status: 'published',
        });
        await tx
          .insertInto('workflow_events')
          .values({
            report_id: r.id,
            action: 'correct',
            from_status: 'published',
            to_status: 'published',
            version,
            actor_id: ctx.user.id,
            comment: reason,
            created_at: v.createdAt,
          })
          .execute();
        // A correction of the date the report states is the report's publication date from now on.
        if (bound.meta.publishedOn)
          await tx
            .updateTable('reports')
            .set({ published_on: bound.meta.publishedOn })
            .where('id', '=', r.id)
            .execute();
        await markNextYearStale(tx, r.agency_id, r.year);
        return v;
      });
      if (!saved) conflict((await reportRow(db, r.id))!, input.expectedVersion);
      scheduleRefresh(db, r.id, { version, report: bound });
      await refreshNextYearLater(db, r.agency_id, r.year);
      return {
        id: r.id,
        version,
        contentHash: saved.hash,
        savedAt: saved.createdAt,
        // what was not kept as sent (a title without the agency's name …), as reports.save says it
        warnings: saveWarnings(input.report, r.agency),
      };
    }),

  /** Every version (author, time, hash, note, kind) and every workflow step, oldest first. */
  history: authedProcedure.input(z.strictObject({ id: Id })).query(async ({ ctx, input }) => {
    const db = ctx.store.db;
    const r = await readableReport(db, ctx.user, input.id);
    const versions = await db
      .selectFrom('report_versions')
      .select(['version', 'content_hash', 'author_id', 'created_at', 'note', 'kind', 'reason', 'status'])
      .where('report_id', '=', r.id)
      .orderBy('version')
      .execute();
    const events = await db
      .selectFrom('workflow_events')
      .selectAll()
      .where('report_id', '=', r.id)
      .orderBy('id')
      .execute();
    const names = await userNames(db, [
      ...versions.map((v) => v.author_id),
      ...events.map((e) => e.actor_id),
    ]);
    return {
      versions: versions.map((v) => ({
        version: v.version,
        contentHash: v.content_hash,
        author: names.get(v.author_id) ?? v.author_id,
        authorId: v.author_id,
        createdAt: v.created_at,
        note: v.note,
        kind: v.kind,
        reason: v.reason,
        status: v.status,
      })),
      events: events.map((e) => ({
        action: e.action,
        actionLabel: ACTION_LABELS[e.action] ?? e.action,
        from: e.from_status,
        to: e.to_status,
        version: e.version,
        actor: names.get(e.actor_id) ?? e.actor_id,
        comment: e.comment,
        at: e.created_at,
      })),
    };
  }),

  /** One version's content and record. */
  version: authedProcedure
    .input(z.strictObject({ id: Id, version: Version }))
    .query(async ({ ctx, input }) => {
      const db = ctx.store.db;
      const r = await readableReport(db, ctx.user, input.id);
      const v = await db
        .selectFrom('report_versions')
        .selectAll()
        .where('report_id', '=', r.id)
        .where('version', '=', input.version)
        .executeTakeFirst();
      if (!v) return notFound(`第 ${input.version} 版`, { reportId: r.id, version: input.version });
      const names = await userNames(db, [v.author_id]);
      // As every reader reads a stored version (a version an earlier release stored opens too).
      const report = await loadVersion(db, r, v.version);
      return {
        version: v.version,
        contentHash: v.content_hash,
        author: names.get(v.author_id) ?? v.author_id,
        createdAt: v.created_at,
        note: v.note,
        kind: v.kind,
        reason: v.reason,
        status: v.status,
        report,
        readRepairs: storedRepairs(report),
      };
    }),

  /** Two versions compared cell by cell (value, printed text, unit) and text by text (sentence, then character). */
  diff: authedProcedure
    .input(z.strictObject({ id: Id, from: Version, to: Version }))
    .query(async ({ ctx, input }) => {
      const db = ctx.store.db;
      const r = await readableReport(db, ctx.user, input.id);
      const a = await loadVersion(db, r, input.from);
      const b = await loadVersion(db, r, input.to);
      return { from: input.from, to: input.to, ...diffReports(a, b) };
    }),

  /** The public correction log (更正): every correction of a published report, newest first. No login needed. */
  corrections: publicProcedure
    .input(
      z
        .strictObject({ year: Year.optional(), limit: z.int().min(1).max(500).default(100) })
        .default({ limit: 100 }),
    )
    .query(async ({ ctx, input }) => {
      let q = ctx.store.db
        .selectFrom('report_versions')
        .innerJoin('reports', 'reports.id', 'report_versions.report_id')
        .innerJoin('agencies', 'agencies.id', 'reports.agency_id')
        .select([
          'reports.id as reportId',
          'agencies.name as agencyName',
          'reports.year',
          'report_versions.version',
          'report_versions.reason',
          'report_versions.created_at as correctedAt',
          'report_versions.content_hash as contentHash',
          'reports.agency_id as agencyId',
          'agencies.path as agencyPath',
        ])
        .where('report_versions.kind', '=', 'correction');
      if (input.year !== undefined) q = q.where('reports.year', '=', input.year);
      const rows = await q.orderBy('report_versions.created_at', 'desc').limit(input.limit).execute();
      // `readable`: whether the caller (signed in) may open the report — a link for them, none for
      // the public or for reports outside their agency or region.
      const user = ctx.user;
      return rows.map(({ agencyId, agencyPath, ...row }) => ({
        ...row,
        readable: !!user && canRead(user, { id: agencyId, path: agencyPath }),
      }));
    }),

  /**
   * A published report as the public may see it (the 更正公告 page links every correction to it; no
   * login): agency name, year, edition, the content of the version published last (a correction is
   * the published version from then on), the day it was published and each correction — its version,
   * time, reason and what it changed from the version before it (the diff of `reports.diff`), oldest
   * first. Nothing about people or the workflow: no names, user ids, notes, findings or triage. A
   * report not published, or none, is the same NOT_FOUND: a visitor learns nothing of drafts.
   */
  published: publicProcedure.input(z.strictObject({ id: Id })).query(async ({ ctx, input }) => {
    const db = ctx.store.db;
    const r = await reportRow(db, input.id);
    if (r?.status !== 'published' || r.published_version === null)
      return fail(
        'NOT_FOUND',
        'NOT_FOUND',
        '没有找到这份已发布的报告：链接可能有误，或报告尚未发布（只有已发布的报告可以公开查看）',
        { reportId: input.id },
      );
    const published = r.published_version;
    const report = await versionContent(db, r.id, published);
    if (!report) return notFound(`第 ${published} 版`, { reportId: r.id });
    const rows = await db
      .selectFrom('report_versions')
      .select(['version', 'reason', 'created_at'])
      .where('report_id', '=', r.id)
      .where('kind', '=', 'correction')
      .where('version', '<=', published)
      .orderBy('version')
      .execute();
    const corrections = [];
    for (const c of rows) {
      const before = await versionContent(db, r.id, c.version - 1);
      const after = await versionContent(db, r.id, c.version);
      if (!before || !after) continue;
      const { cells, texts, meta } = diffReports(before, after);
      corrections.push({
        version: c.version,
        correctedAt: c.created_at,
        reason: c.reason ?? '',
        changes: { cells, texts, meta },
      });
    }
    return {
      id: r.id,
      agencyName: r.agency.name,
      year: r.year,
      edition: r.edition,
      version: published,
      /** The day it was published (YYYY-MM-DD): the 发布 step's, or the date given then. */
      publishedOn: (await publicationDateOf(db, r.id)) ?? null,
      report,
      corrections,
    };
  }),
});

/** Findings of a stored report (used by checks and summary). */
export async function storedFindings(db: Db, r: ReportWithAgency, report: Report) {
  return findingsFor(db, r.id, r.agency_id, report);
}
