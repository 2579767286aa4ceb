import { createHash } from 'node:crypto';
import {
  type Agency,
  type AggregateResult,
  aggregateSteps,
  derive,
  type Finding,
  type Report,
  RULES_BY_ID,
  SEVERITIES,
  type Severity,
  standardTitle,
  type ValidationConfig,
} from '@nianbao/core';
import type { IngestDiagnostics } from '@nianbao/ingest';
import type { Kysely, Transaction } from 'kysely';
import { type AgencyRow, likePrefix } from './access.js';
import { now } from './auth.js';
import { prepared } from './db/prepared.js';
import {
  type Database,
  type ReportStatus,
  type ReportTable,
  STATUS_LABELS,
  type TriageTable,
} from './db/schema.js';
import { fail } from './errors.js';
import { readStoredReport } from './stored-content.js';
import { validateKeyed } from './validate-pool.js';

export type Db = Kysely<Database> | Transaction<Database>;

const INDEX = /^(?:0|[1-9][0-9]{0,9})$/;
const isIndex = (k: string) => INDEX.test(k) && Number(k) < 4294967295;

/** Keys as JSON strings, remembered (a report's keys are mostly the same few hundred cell ids). */
const quotedKeys = new Map<string, string>();
function quoteKey(k: string): string {
  let q = quotedKeys.get(k);
  if (q === undefined) {
    q = JSON.stringify(k);
    if (quotedKeys.size < 10_000) quotedKeys.set(k, q);
  }
  return q;
}

/** One value as canonical JSON, or undefined where JSON.stringify would leave it out. */
function canonical(v: unknown): string | undefined {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  const toJSON = (v as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') return canonical(toJSON.call(v));
  if (Array.isArray(v)) {
    let out = '[';
    for (let i = 0; i < v.length; i++) out += `${i ? ',' : ''}${canonical(v[i]) ?? 'null'}`;
    return `${out}]`;
  }
  const o = v as Record<string, unknown>;
  // Object key order, as JSON.stringify of a sorted copy printed it: array-index keys first in
  // numeric order (as every object lists them), then the others sorted.
  const all = Object.keys(o);
  let n = 0;
  while (n < all.length && isIndex(all[n]!)) n++;
  const keys = n ? [...all.slice(0, n), ...all.slice(n).sort()] : all.length > 1 ? all.sort() : all;
  let out = '{';
  let first = true;
  for (const k of keys) {
    const x = o[k];
    // Numbers and strings inline: most of a report is cells of one number.
    const s =
      typeof x === 'number'
        ? Number.isFinite(x)
          ? String(x)
          : 'null'
        : typeof x === 'string'
          ? JSON.stringify(x)
          : canonical(x);
    if (s === undefined) continue;
    out += `${first ? '' : ','}${quoteKey(k)}:${s}`;
    first = false;
  }
  return `${out}}`;
}

/**
 * JSON with sorted keys (by UTF-16 code units, as Array.prototype.sort): the same report always
 * hashes the same. Exactly `JSON.stringify(value, sortKeys)` (a property test holds it to that),
 * without building a sorted copy of every object first.
 */
export function canonicalJson(value: unknown): string {
  return canonical(value) ?? 'null';
}

const hashOf = (json: string) => `sha256:${createHash('sha256').update(json).digest('hex')}`;

export const contentHash = (report: Report): string => hashOf(canonicalJson(report));

// ─── rule configuration ─────────────────────────────────────────────────────────────────────────

const CONFIG_KEY = 'rules';

const settingQuery = prepared((db, key: string) =>
  db.selectFrom('settings').select('value').where('key', '=', key),
);

export async function loadRuleConfig(db: Db): Promise<ValidationConfig> {
  const row = (await settingQuery(db, CONFIG_KEY)).rows[0];
  if (!row) return {};
  try {
    return JSON.parse(row.value) as ValidationConfig;
  } catch {
    return {};
  }
}

/** Who saved the rule configuration last, and when: its version (0: never saved). */
export interface RuleConfigStamp {
  readonly version: number;
  readonly updatedAt: string | null;
  readonly updatedById: string | null;
}

export async function ruleConfigStamp(db: Db): Promise<RuleConfigStamp> {
  const row = await db
    .selectFrom('settings')
    .select(['version', 'updated_at', 'updated_by'])
    .where('key', '=', CONFIG_KEY)
    .executeTakeFirst();
  return row
    ? { version: Number(row.version), updatedAt: row.updated_at, updatedById: row.updated_by }
    : { version: 0, updatedAt: null, updatedById: null };
}

/**
 * Save the rule configuration. `expectedVersion`: the version the admin started from — when another
 * save came in between, nothing is written and the stamp of that save is returned (`conflict`).
 * Without it the save replaces whatever is there (older clients).
 */
export async function saveRuleConfig(
  db: Db,
  config: ValidationConfig,
  userId: string,
  expectedVersion?: number,
): Promise<{ ok: true; stamp: RuleConfigStamp } | { ok: false; current: RuleConfigStamp }> {
  const value = JSON.stringify(config);
  const t = now();
  let q = db
    .updateTable('settings')
    .set((eb) => ({ value, updated_at: t, updated_by: userId, version: eb('version', '+', 1) }))
    .where('key', '=', CONFIG_KEY);
  if (expectedVersion !== undefined) q = q.where('version', '=', expectedVersion);
  const updated = await q.executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) {
    const current = await ruleConfigStamp(db);
    if (current.version !== 0 || (expectedVersion !== undefined && expectedVersion !== 0))
      return { ok: false, current };
    try {
      await db
        .insertInto('settings')
        .values({ key: CONFIG_KEY, value, updated_at: t, updated_by: userId, version: 1 })
        .execute();
    } catch (e) {
      // Two first saves at once: the primary key decides.
      const again = await ruleConfigStamp(db);
      if (again.version !== 0) return { ok: false, current: again };
      throw e;
    }
  }
  return { ok: true, stamp: await ruleConfigStamp(db) };
}

// ─── reports and versions ───────────────────────────────────────────────────────────────────────

const reportRowQuery = prepared((db, id: string) =>
  db
    .selectFrom('reports')
    .innerJoin('agencies', 'agencies.id', 'reports.agency_id')
    .selectAll('reports')
    .select([
      'agencies.parent_id as a_parent_id',
      'agencies.path as a_path',
      'agencies.name as a_name',
      'agencies.kind as a_kind',
      'agencies.level as a_level',
      'agencies.region_code as a_region_code',
      'agencies.created_at as a_created_at',
    ])
    .where('reports.id', '=', id),
);

/** A report row with its agency, in one query. */
export async function reportRow(
  db: Db,
  id: string,
): Promise<(ReportTable & { agency: AgencyRow }) | undefined> {
  const row = (await reportRowQuery(db, id)).rows[0];
  if (!row) return undefined;
  const { a_parent_id, a_path, a_name, a_kind, a_level, a_region_code, a_created_at, ...r } = row;
  return {
    ...r,
    agency: {
      id: r.agency_id,
      parent_id: a_parent_id,
      path: a_path,
      name: a_name,
      kind: a_kind,
      level: a_level,
      region_code: a_region_code,
      created_at: a_created_at,
    },
  };
}

/**
 * Parsed contents of versions by `reportId:version`. Versions are immutable, so an entry never goes
 * stale, on any instance. Entries are deep-frozen: nobody may change a stored version in memory.
 */
const contentCache = new Map<string, Report>();
const CONTENT_CACHE_MAX = 512;

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}

function remember(key: string, report: Report): Report {
  if (contentCache.size >= CONTENT_CACHE_MAX) contentCache.delete(contentCache.keys().next().value!);
  contentCache.set(key, deepFreeze(report));
  return report;
}

const versionContentQuery = prepared((db, reportId: string, version: number) =>
  db
    .selectFrom('report_versions')
    .select('content')
    .where('report_id', '=', reportId)
    .where('version', '=', version),
);

export async function versionContent(db: Db, reportId: string, version: number): Promise<Report | undefined> {
  const key = `${reportId}:${version}`;
  const hit = contentCache.get(key);
  if (hit) return hit;
  const row = (await versionContentQuery(db, reportId, version)).rows[0];
  // Read leniently: a version an earlier release stored may hold what today's rules refuse.
  return row ? remember(key, readStoredReport(row.content)) : undefined;
}

const reportForQuery = prepared((db, agencyId: string, year: number) =>
  db
    .selectFrom('reports')
    .select(['id', 'current_version', 'published_version', 'status'])
    .where('agency_id', '=', agencyId)
    .where('year', '=', year),
);

/**
 * An agency's report for a year as the cross-year rules take it: as published when it was (an edit
 * or import in progress on last year's report does not move this year's findings), else its latest
 * version.
 */
export async function reportFor(
  db: Db,
  agencyId: string,
  year: number,
): Promise<
  | {
      id: string;
      report: Report;
      /** What the comparison rests on: the version taken, and whether it is the published one. */
      status: ReportStatus;
      version: number;
      published: boolean;
    }
  | undefined
> {
  const r = (await reportForQuery(db, agencyId, year)).rows[0];
  if (!r) return undefined;
  const version = r.published_version ?? r.current_version;
  const report = await versionContent(db, r.id, version);
  return report
    ? { id: r.id, report, status: r.status as ReportStatus, version, published: r.published_version !== null }
    : undefined;
}

/**
 * A report's scope as the server takes it: 'region' (a government's own report on its whole region,
 * published by its 办公厅/室) only for a 县级以上 people's government (a 乡镇 government's report is one
 * of its county's constituents); any other agency reports on
 * itself, whatever the report says — a department cannot pass its report off as a region's and so
 * keep it out of the region's roll-up.
 */
export function boundScope(
  report: Report,
  agency: Pick<AgencyRow, 'kind' | 'level'>,
): Report['meta']['scope'] {
  return report.meta.scope === 'region' && agency.kind === '人民政府' && agency.level !== '乡镇级'
    ? 'region'
    : 'agency';
}

/** A stored report as its agency's record now allows its scope (the same object when unchanged). */
export function withBoundScope(report: Report, agency: Pick<AgencyRow, 'kind' | 'level'>): Report {
  const scope = boundScope(report, agency);
  return scope === report.meta.scope ? report : { ...report, meta: { ...report.meta, scope } };
}

/** The part of the agency's name a title must hold to be kept (「某某县」 of 「某某县人民政府」). */
const titlePlace = (agency: Pick<AgencyRow, 'name'>) => agency.name.replace(/人民政府$/, '');

/** Whether bindToAgency keeps a title: it names this agency (spaces aside). */
export function titleKept(title: string, agency: Pick<AgencyRow, 'name'>): boolean {
  return title.replace(/\s+/g, '').includes(titlePlace(agency).replace(/\s+/g, ''));
}

/** A warning of a save's answer (structured, with a 简体中文 message saying what to do). */
export interface SaveWarning {
  readonly code: string;
  readonly message: string;
  /** The report's field it is about (`meta.title`, `cells.<id>.raw`). */
  readonly path: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

/**
 * The warning for a title bindToAgency dropped (it does not name this agency), or undefined when the
 * report has none, a blank one, or one that is kept. The user wrote it: the answer says it is gone.
 */
export function titleWarning(report: Report, agency: Pick<AgencyRow, 'name'>): SaveWarning | undefined {
  const title = report.meta.title;
  if (title === undefined || !title.trim() || titleKept(title, agency)) return undefined;
  const standard = standardTitle({
    meta: { ...report.meta, agency: { ...report.meta.agency, name: agency.name } },
  });
  const shown = [...title.trim()].length > 60 ? `${[...title.trim()].slice(0, 60).join('')}…` : title.trim();
  return {
    code: 'TITLE_DROPPED',
    path: 'meta.title',
    message: `标题「${shown}」未保存：标题中没有本机关的名称「${titlePlace(agency)}」（防止保存其他机关的标题）。导出和发布时将使用标准标题「${standard}」；如要用自拟的标题，请在标题中写明「${titlePlace(agency)}」`,
    details: { title, standardTitle: standard, requiredName: titlePlace(agency) },
  };
}

/**
 * What the server stores. It is the authority on who and when: the report names its agency as the
 * agency record does (id, name, kind, level and 区划代码; the report's own kind, level or code only
 * where the record has none), so the level-dependent rules judge the right agency whatever a client
 * or an imported document said; a title naming another agency is dropped (the standard title is
 * printed). And every total is computed from its parts (core's derive): a blank
 * or derived total is (re)computed, a total the report states is kept and validation says whether
 * it agrees, so no client can store a stale 总计.
 */
export function bindToAgency(report: Report, agency: AgencyRow, year: number): Report {
  if (report.meta.year !== year)
    fail(
      'BAD_REQUEST',
      'YEAR_MISMATCH',
      `报告年度（${report.meta.year}）与该报告记录的年度（${year}）不一致`,
      {
        expected: year,
        actual: report.meta.year,
      },
    );
  // A title naming another agency (a document written by 沭阳县 imported for 坑仔口镇) is not kept:
  // the exports then print the standard title with this agency's name (the answer says so:
  // titleWarning).
  const { title, ...meta } = report.meta;
  const bound: Report = {
    ...report,
    meta: {
      ...meta,
      ...(title !== undefined && titleKept(title, agency) ? { title } : {}),
      scope: boundScope(report, agency),
      agency: {
        ...report.meta.agency,
        id: agency.id,
        name: agency.name,
        ...(agency.kind ? { kind: agency.kind as NonNullable<Agency['kind']> } : {}),
        ...(agency.level ? { level: agency.level as NonNullable<Agency['level']> } : {}),
        ...(agency.region_code ? { regionCode: agency.region_code } : {}),
      },
    },
  };
  return derive(bound).report;
}

export interface NewVersion {
  readonly reportId: string;
  readonly version: number;
  readonly report: Report;
  readonly authorId: string;
  readonly kind: 'create' | 'save' | 'import' | 'correction';
  readonly note?: string | null | undefined;
  readonly reason?: string | null | undefined;
  readonly status: ReportStatus;
}

const insertVersionQuery = prepared(
  (
    db,
    reportId: string,
    version: number,
    content: string,
    hash: string,
    authorId: string,
    createdAt: string,
    note: string | null,
    kind: NewVersion['kind'],
    reason: string | null,
    status: ReportStatus,
  ) =>
    db.insertInto('report_versions').values({
      report_id: reportId,
      version,
      content,
      content_hash: hash,
      author_id: authorId,
      created_at: createdAt,
      note,
      kind,
      reason,
      status,
    }),
);

export async function insertVersion(db: Db, v: NewVersion): Promise<{ hash: string; createdAt: string }> {
  const content = canonicalJson(v.report);
  const hash = hashOf(content);
  const createdAt = now();
  await insertVersionQuery(
    db,
    v.reportId,
    v.version,
    content,
    hash,
    v.authorId,
    createdAt,
    v.note ?? null,
    v.kind,
    v.reason ?? null,
    v.status,
  );
  return { hash, createdAt };
}

/** What an import keeps with the version it made: the importer's diagnostics and the file's name. */
export interface ImportRecord {
  readonly diagnostics: IngestDiagnostics;
  readonly fileName?: string | null | undefined;
}

export async function insertImportDiagnostics(
  db: Db,
  reportId: string,
  version: number,
  imported: ImportRecord,
): Promise<void> {
  await db
    .insertInto('import_diagnostics')
    .values({
      report_id: reportId,
      version,
      diagnostics: JSON.stringify(imported.diagnostics),
      file_name: imported.fileName ?? null,
      created_at: now(),
    })
    .execute();
}

/** The importer's diagnostics of a version, or null when that version did not come from an import. */
export async function importDiagnostics(
  db: Db,
  reportId: string,
  version: number,
): Promise<IngestDiagnostics | null> {
  const row = await db
    .selectFrom('import_diagnostics')
    .select('diagnostics')
    .where('report_id', '=', reportId)
    .where('version', '=', version)
    .executeTakeFirst();
  return row ? (JSON.parse(row.diagnostics) as IngestDiagnostics) : null;
}

/**
 * Move `current_version` from `expected` to `expected + 1` atomically; 0 rows means someone else
 * saved first (or the status changed): a conflict, never a silent overwrite.
 */
/** The compare-and-set of a save, prepared once per set of allowed statuses. */
const bumpQueries = new Map<string, ReturnType<typeof prepared<[string, number, number, string], unknown>>>();

export async function bumpVersion(
  db: Db,
  reportId: string,
  expected: number,
  allowedStatuses: readonly ReportStatus[],
  set: Partial<Pick<ReportTable, 'published_version'>> = {},
): Promise<boolean> {
  if (set.published_version === undefined) {
    const key = allowedStatuses.join(',');
    let q = bumpQueries.get(key);
    if (!q) {
      const statuses = [...allowedStatuses];
      q = prepared((db, id: string, from: number, to: number, at: string) =>
        db
          .updateTable('reports')
          .set({ current_version: to, updated_at: at })
          .where('id', '=', id)
          .where('current_version', '=', from)
          .where('status', 'in', statuses),
      );
      bumpQueries.set(key, q);
    }
    const res = await q(db, reportId, expected, expected + 1, now());
    return Number(res.numAffectedRows ?? 0) === 1;
  }
  const res = await db
    .updateTable('reports')
    .set({ current_version: expected + 1, updated_at: now(), ...set })
    .where('id', '=', reportId)
    .where('current_version', '=', expected)
    .where('status', 'in', [...allowedStatuses])
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

// ─── findings and triage ────────────────────────────────────────────────────────────────────────

export interface TriageState {
  readonly decision: 'confirmed' | 'dismissed';
  readonly reason: string;
  readonly by: string;
  readonly at: string;
  readonly version: number;
  /** active: the decision holds; reopened: a cell or text it depends on changed since. */
  readonly state: 'active' | 'reopened';
}

export type KeyedFinding = Finding & { readonly key: string; readonly triage: TriageState | null };

/**
 * What a finding depends on: its cells' values and its section's text — and, for a rule comparing
 * with the previous year (X1–X6), the figures it compared: the previous year's side is in no cell of
 * this report, so a correction of last year's report (结转下年度 33 → 20) reopens the decision too.
 */
export function snapshotOf(
  report: Report,
  f: Pick<Finding, 'ruleId' | 'cells' | 'section' | 'expected' | 'actual'>,
): string {
  const cells: Record<string, unknown> = {};
  for (const id of f.cells) {
    const c = report.cells[id];
    cells[id] = c === undefined ? '(absent)' : [c.value, c.unit ?? null];
  }
  const snap: Record<string, unknown> = { cells };
  if (f.section)
    snap.section = createHash('sha256')
      .update(report.sections[f.section] ?? '')
      .digest('hex');
  if (RULES_BY_ID.get(f.ruleId)?.meta.requires === 'previous') snap.compared = [f.expected, f.actual];
  return canonicalJson(snap);
}

/**
 * Whether a decision still holds: what the finding depends on is as it was when it was decided. A
 * cross-year decision stored before e862e9e kept no figures compared (its snapshot has no
 * `compared`): it is judged by this report's cells and text, as it was when it was made — else every
 * such decision of a database from before that release came back open on upgrade, its reason shown
 * as 「已重新打开」 though nothing it looked at had changed.
 */
function holds(report: Report, f: Finding, stored: string): boolean {
  const now = snapshotOf(report, f);
  if (now === stored) return true;
  if (RULES_BY_ID.get(f.ruleId)?.meta.requires !== 'previous' || stored.includes('"compared"')) return false;
  return snapshotOf(report, { ...f, ruleId: '' }) === stored;
}

export function applyTriage(
  report: Report,
  findings: readonly (Finding & { key: string })[],
  triage: readonly TriageTable[],
  users: ReadonlyMap<string, string>,
): KeyedFinding[] {
  const byKey = new Map(triage.map((t) => [t.finding_key, t]));
  return findings.map((f) => {
    const t = byKey.get(f.key);
    if (!t) return { ...f, triage: null };
    return {
      ...f,
      triage: {
        decision: t.decision,
        reason: t.reason,
        by: users.get(t.actor_id) ?? t.actor_id,
        at: t.decided_at,
        version: t.version,
        state: holds(report, f, t.snapshot) ? 'active' : 'reopened',
      },
    };
  });
}

export async function triageRows(db: Db, reportId: string): Promise<TriageTable[]> {
  return db.selectFrom('triage').selectAll().where('report_id', '=', reportId).execute();
}

export async function userNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('id', 'in', unique)
    .execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

/**
 * The day a report was published: the date stored at its 发布 step (given by the caller for a report
 * published elsewhere, the report's own 发布日期, or the day of the step), or — for a report
 * published before that was stored — the day of its first 发布 step; undefined when never published.
 */
export async function publicationDateOf(db: Db, reportId: string): Promise<string | undefined> {
  const stored = await db
    .selectFrom('reports')
    .select('published_on')
    .where('id', '=', reportId)
    .executeTakeFirst();
  if (stored?.published_on) return stored.published_on;
  const published = await db
    .selectFrom('workflow_events')
    .select('created_at')
    .where('report_id', '=', reportId)
    .where('action', '=', 'publish')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return published?.created_at.slice(0, 10);
}

async function storedPublishedOn(db: Db, reportId: string): Promise<string | null> {
  const row = await db
    .selectFrom('reports')
    .select('published_on')
    .where('id', '=', reportId)
    .executeTakeFirst();
  return row?.published_on ?? null;
}

/** Validate a stored report with its previous year and the deployment's rule config, triage applied. */
export async function findingsFor(
  db: Db,
  reportId: string,
  agencyId: string,
  report: Report,
  config?: ValidationConfig,
): Promise<{
  findings: KeyedFinding[];
  previousYear: { reportId: string; year: number } | null;
  /** What the cross-year rules compared with: last year's version taken, its status, whether published. */
  previousBasis: { status: ReportStatus; version: number; published: boolean } | null;
}> {
  const cfg = config ?? (await loadRuleConfig(db));
  const prev = await reportFor(db, agencyId, report.meta.year - 1);
  // The deadline rules (F1–F3) check the day the report was published: the date stored at its 发布
  // step (given for a report published elsewhere, or the report's own), else the report's stated
  // date, else the day of its 发布 step.
  const stored = await storedPublishedOn(db, reportId);
  const publicationDate =
    stored ?? (report.meta.publishedOn ? undefined : await publicationDateOf(db, reportId));
  const raw = await validateKeyed(report, {
    config: cfg,
    ...(prev ? { previous: prev.report } : {}),
    ...(publicationDate ? { publicationDate } : {}),
  });
  const rows = await triageRows(db, reportId);
  const names = await userNames(
    db,
    rows.map((r) => r.actor_id),
  );
  return {
    findings: applyTriage(report, raw, rows, names),
    previousYear: prev ? { reportId: prev.id, year: report.meta.year - 1 } : null,
    previousBasis: prev ? { status: prev.status, version: prev.version, published: prev.published } : null,
  };
}

/** Failed findings still open (not decided, or reopened), by severity. */
/** Failed error and cross-year findings someone dismissed in triage: no longer open, but a reviewer must see them. */
export function dismissedErrors(findings: readonly KeyedFinding[]): number {
  return findings.filter(
    (f) =>
      f.status === 'failed' &&
      (f.severity === 'error' || f.severity === 'crossYear') &&
      f.triage?.state === 'active' &&
      f.triage.decision === 'dismissed',
  ).length;
}

export function openCounts(findings: readonly KeyedFinding[]): Record<Severity, number> {
  const out: Record<Severity, number> = { error: 0, crossYear: 0, warning: 0, info: 0 };
  for (const f of findings) {
    if (f.status !== 'failed') continue;
    // A dismissed finding is not a problem; a confirmed one is, and stays open until it is fixed.
    if (f.triage && f.triage.state === 'active' && f.triage.decision === 'dismissed') continue;
    if (SEVERITIES.includes(f.severity)) out[f.severity]++;
  }
  return out;
}

/**
 * Recompute the stored open-finding counts of a report (used by the list filters). `content`: the
 * current version's content when the caller has it at hand.
 */
export async function refreshCounts(
  db: Db,
  reportId: string,
  content?: { version: number; report: Report },
): Promise<Record<Severity, number> | undefined> {
  const r = await db
    .selectFrom('reports')
    .select(['agency_id', 'current_version', 'counts_version'])
    .where('id', '=', reportId)
    .executeTakeFirst();
  if (!r) return undefined;
  const report =
    content && content.version === r.current_version
      ? content.report
      : await versionContent(db, reportId, r.current_version);
  if (!report) return undefined;
  const { findings } = await findingsFor(db, reportId, r.agency_id, report);
  const c = openCounts(findings);
  // Written only over the stale mark it read: a triage decision, a rule configuration or last
  // year's report changed meanwhile stamps the row anew (staleStamp), and counts computed before
  // that are not kept as current. Counts current when it began are left as they are.
  if (r.counts_version === r.current_version) return c;
  await db
    .updateTable('reports')
    .set({
      errors: c.error,
      cross_year: c.crossYear,
      warnings: c.warning,
      infos: c.info,
      dismissed_errors: dismissedErrors(findings),
      counts_version: r.current_version,
    })
    .where('id', '=', reportId)
    .where('current_version', '=', r.current_version)
    .where((eb) =>
      r.counts_version === null
        ? eb('counts_version', 'is', null)
        : eb('counts_version', '=', r.counts_version),
    )
    .execute();
  return c;
}

/**
 * A report's open-finding counts marked stale by a change other than a save: a new negative number
 * each time (never a version), so a refresh computed before the change cannot pass its counts off
 * as current (refreshCounts writes only over the mark it read).
 */
export const staleStamp = (): number => -(1 + Math.floor(Math.random() * 2_000_000_000));

/**
 * After a save, in the save's own transaction (one commit, not two): the next year's report, whose
 * cross-year rules read this one, is marked stale. This report's open-finding counts are recomputed
 * by `scheduleRefresh`, off the request path and coalesced over a burst of saves. Readers never see
 * stale counts: `refreshStale` brings any stale row up to date before a list or a get answers (on
 * any instance).
 */
export async function markNextYearStale(tx: Db, agencyId: string, year: number): Promise<void> {
  await markStaleQuery(tx, staleStamp(), agencyId, year + 1);
}

const markStaleQuery = prepared((db, stamp: number, agencyId: string, year: number) =>
  db
    .updateTable('reports')
    .set({ counts_version: stamp })
    .where('agency_id', '=', agencyId)
    .where('year', '=', year),
);

type Content = { version: number; report: Report };
interface PendingRefresh {
  readonly db: Db;
  readonly reportId: string;
  content?: Content;
}

/** Pending count refreshes by report id (at most one per report), with the latest saved content. */
const pending = new Map<string, PendingRefresh>();
/** Refreshes whose time has come, run one at a time. */
const due: PendingRefresh[] = [];
let draining = false;

/**
 * Run the due refreshes one by one, letting the event loop poll for I/O before each: better-sqlite3
 * is synchronous, and sixty refreshes falling due together would otherwise hold every request
 * behind them for ~100 ms.
 */
async function drainRefreshes(): Promise<void> {
  if (draining) return;
  draining = true;
  try {
    for (let job = due.shift(); job; job = due.shift()) {
      await new Promise<void>((r) => setImmediate(r));
      // A closed database (shutdown, tests) or a lost race is harmless: readers refresh stale rows.
      await refreshCounts(job.db, job.reportId, job.content).catch(() => {});
    }
  } finally {
    draining = false;
  }
}

/**
 * Recompute a report's open-finding counts within `delayMs`. A refresh already pending covers every
 * save until it runs (it reads the version current then), so a burst of autosaves costs one
 * validation per report every few seconds, not one per save. Nobody waits for it: a reader that
 * finds the counts older than the current version recomputes them first (`refreshStale`).
 * `content`, the version just saved, spares the refresh reading it back when it is still current.
 */
export function scheduleRefresh(db: Db, reportId: string, content?: Content, delayMs = 5000): void {
  const entry = pending.get(reportId);
  if (entry) {
    if (content && (!entry.content || content.version > entry.content.version)) entry.content = content;
    return;
  }
  const job: PendingRefresh = content ? { db, reportId, content } : { db, reportId };
  pending.set(reportId, job);
  const timer = setTimeout(() => {
    pending.delete(reportId);
    due.push(job);
    void drainRefreshes();
  }, delayMs);
  timer.unref?.();
}

/**
 * How long a run of count refreshes holds the (single) event loop before letting other requests in.
 * better-sqlite3 is synchronous and a refresh (read two versions, validate, write) takes a few
 * milliseconds: 2,400 reports marked stale by `config.set` took 8 s in one go, every other user's
 * request waiting behind it.
 */
export const REFRESH_SLICE_MS = 10;

/** Let the event loop answer what is waiting (I/O, other requests) before going on. */
export const yieldToOthers = (): Promise<void> => new Promise((r) => setImmediate(r));

/**
 * Run a computation given in steps (a generator: core's `aggregateSteps`) to its end, letting the
 * event loop answer others every `REFRESH_SLICE_MS`: a province's roll-up sums 1,890 reports in
 * ~0.2 s, every other user's request waiting behind it when done in one piece.
 */
export async function runInSlices<T>(steps: Generator<void, T, void>): Promise<T> {
  let sliceStart = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - sliceStart >= REFRESH_SLICE_MS) {
      await yieldToOthers();
      sliceStart = performance.now();
    }
  }
}

/**
 * Refreshes running now, by report id: a reader who needs a report another reader (or the
 * background pass) is refreshing waits for that refresh instead of doing it again.
 */
const refreshing = new Map<string, Promise<void>>();

const countsStampQuery = prepared((db, reportId: string) =>
  db.selectFrom('reports').select(['counts_version', 'current_version']).where('id', '=', reportId),
);

/** Recompute a report's counts unless they are up to date (someone else may have done it meanwhile). */
function refreshIfStale(db: Db, reportId: string): Promise<void> {
  const running = refreshing.get(reportId);
  if (running) return running;
  const job = (async () => {
    const r = (await countsStampQuery(db, reportId)).rows[0];
    if (!r || r.counts_version === r.current_version) return;
    await refreshCounts(db, reportId);
  })().finally(() => refreshing.delete(reportId));
  refreshing.set(reportId, job);
  return job;
}

/**
 * Recompute the counts of the given reports (all reports when none are given: the latest year first)
 * whose counts are older than their current version or were marked stale (a rule configuration
 * changed, last year's report changed). Done in slices of `REFRESH_SLICE_MS`, letting other
 * requests be answered between slices: the caller waits until every one is exact, nobody else does.
 * Returns how many were stale.
 */
export async function refreshStale(db: Db, reportIds?: readonly string[]): Promise<number> {
  let q = db
    .selectFrom('reports')
    .select('id')
    .where((eb) =>
      eb.or([eb('counts_version', 'is', null), eb('counts_version', '!=', eb.ref('current_version'))]),
    );
  if (reportIds) {
    if (!reportIds.length) return 0;
    q = q.where('id', 'in', [...reportIds]);
  } else q = q.orderBy('year', 'desc');
  const stale = await q.execute();
  let sliceStart = performance.now();
  for (const { id } of stale) {
    if (performance.now() - sliceStart >= REFRESH_SLICE_MS) {
      await yieldToOthers();
      sliceStart = performance.now();
    }
    await refreshIfStale(db, id);
  }
  return stale.length;
}

/** The background pass of each database: one at a time, run again when asked while running. */
const sweeps = new Map<Db, { running: Promise<void>; again: boolean }>();

/**
 * Bring every stale report's counts up to date in the background (after `config.set` marked them
 * all stale), in slices that let requests through: most readers then find them fresh. A reader who
 * comes first still gets exact counts — it refreshes what it covers itself (`refreshStale`), sharing
 * any refresh the pass has under way. Resolves when no stale report is left (errors, such as a
 * database closed meanwhile, end the pass quietly: readers refresh what is stale).
 */
export function refreshAllStale(db: Db): Promise<void> {
  const sweep = sweeps.get(db);
  if (sweep) {
    sweep.again = true;
    return sweep.running;
  }
  const state = { running: Promise.resolve(), again: true };
  state.running = (async () => {
    try {
      while (state.again) {
        state.again = false;
        await yieldToOthers();
        await refreshStale(db);
      }
    } catch {
      // Readers refresh what is stale.
    } finally {
      sweeps.delete(db);
    }
  })();
  sweeps.set(db, state);
  return state.running;
}

/**
 * After a change to an agency's report of `year` (committed): its next year's report, whose
 * cross-year rules read it and which `markNextYearStale` marked, is recomputed in the background
 * like a saved report, so a back-fill of last years does not leave its work to the next reader.
 */
export async function refreshNextYearLater(db: Db, agencyId: string, year: number): Promise<void> {
  const next = (await reportForQuery(db, agencyId, year + 1)).rows[0];
  if (next) scheduleRefresh(db, next.id);
}

export interface RegionReport {
  readonly reportId: string;
  readonly agencyId: string;
  readonly agencyName: string;
  /** The agency's place in the region tree (`/root/…/self/`). */
  readonly agencyPath: string;
  readonly status: ReportStatus;
  readonly report: Report;
}

/**
 * The current version of every report of a year under a region node (the node included), in
 * region-tree order, optionally only some statuses. The one query behind the region roll-up, its
 * export and the region's open data. A report's scope is read as the server binds it: a report
 * stored before the server enforced it, saying 'region' for an agency that is not a 人民政府, is
 * that agency's own report.
 */
export async function regionReports(
  db: Db,
  nodePath: string,
  year: number,
  options: {
    statuses?: readonly ReportStatus[];
    /** A 填报人's one agency (visiblePrefix's onlyAgency): of the subtree, only its report. */
    onlyAgency?: string | null;
  } = {},
): Promise<RegionReport[]> {
  let q = db
    .selectFrom('reports')
    .innerJoin('agencies', 'agencies.id', 'reports.agency_id')
    .select([
      'reports.id',
      'reports.current_version',
      'reports.status',
      'reports.agency_id',
      'agencies.name',
      'agencies.path',
      'agencies.kind',
      'agencies.level',
    ])
    .where('agencies.path', 'like', likePrefix(nodePath))
    .where('reports.year', '=', year);
  if (options.statuses) q = q.where('reports.status', 'in', [...options.statuses]);
  if (options.onlyAgency != null) q = q.where('reports.agency_id', '=', options.onlyAgency);
  const rows = await q.orderBy('agencies.path').execute();
  const out: RegionReport[] = [];
  // A province's 1,890 reports take half a second to read and parse: others are let in every
  // REFRESH_SLICE_MS meanwhile (a roll-up or its export held every user for that long).
  let sliceStart = performance.now();
  for (const row of rows) {
    if (performance.now() - sliceStart >= REFRESH_SLICE_MS) {
      await yieldToOthers();
      sliceStart = performance.now();
    }
    const stored = await versionContent(db, row.id, row.current_version);
    if (!stored) continue;
    const report = withBoundScope(stored, row);
    out.push({
      reportId: row.id,
      agencyId: row.agency_id,
      agencyName: row.name,
      agencyPath: row.path,
      status: row.status as ReportStatus,
      report,
    });
  }
  return out;
}

/**
 * A region's roll-up as the server gives it (summary.region, export.region): core's aggregate of the
 * reports, summed in slices (`runInSlices`), its preamble naming what it sums by sub-region.
 */
export async function rollUpRegion(
  db: Db,
  node: { id: string; name: string; path: string },
  reports: readonly RegionReport[],
): Promise<AggregateResult> {
  const summed = await runInSlices(
    aggregateSteps(
      reports.map((f) => f.report),
      { agency: { id: node.id, name: node.name } },
    ),
  );
  const preamble = await rollupPreamble(db, node, reports, summed.report.preamble ?? '');
  return { ...summed, report: { ...summed.report, preamble } };
}

/**
 * A region roll-up's preamble naming what it sums grouped by the node's sub-regions when it has
 * any (a city's 257 reports: 「安平县人民政府及其下属机关 52 个：安平县人民政府、城关镇人民政府…；临江县…」 —
 * in one run of names, the 城关镇 of five counties could not be told apart), else core's. The node's
 * own report first, then each sub-region in name order, its own report first; `reports` in
 * region-tree order (as `regionReports` gives them).
 */
export async function rollupPreamble(
  db: Db,
  node: { id: string; name: string; path: string },
  reports: readonly Pick<RegionReport, 'agencyName' | 'agencyPath'>[],
  fallback: string,
): Promise<string> {
  const childOf = (path: string) => path.slice(node.path.length).split('/')[0] ?? '';
  const groups = new Map<string, string[]>();
  for (const r of reports) {
    const key = childOf(r.agencyPath);
    const list = groups.get(key);
    if (list) list.push(r.agencyName);
    else groups.set(key, [r.agencyName]);
  }
  // Only when some sub-region brings more than its own report; a county's townships are a list.
  if (![...groups].some(([key, names]) => key !== '' && names.length > 1)) return fallback;
  const children = await db
    .selectFrom('agencies')
    .select(['id', 'name'])
    .where('parent_id', '=', node.id)
    .execute();
  const nameOf = new Map(children.map((c) => [c.id, c.name]));
  const parts: string[] = [];
  const own = groups.get('');
  if (own) parts.push(own.join('、'));
  const subs = [...groups].filter(([key]) => key !== '');
  subs.sort((a, b) => (nameOf.get(a[0]) ?? '').localeCompare(nameOf.get(b[0]) ?? '', 'zh-Hans-CN'));
  for (const [key, names] of subs)
    parts.push(
      names.length === 1
        ? names[0]!
        : `${nameOf.get(key) ?? names[0]}及其下属机关 ${names.length} 个：${names.join('、')}`,
    );
  // Core's sentence with its run of names replaced by the groups.
  const m = /^(.*汇总了以下 \d+ 个机关的\d+年度报告：)(.*?)(。统计期限.*)$/s.exec(fallback);
  return m ? `${m[1]}${parts.join('；')}${m[3]}` : fallback;
}

/** A report a roll-up does not sum, named with why. */
export interface LeftOut {
  readonly reportId: string;
  readonly agencyId: string;
  readonly agencyName: string;
  readonly status: ReportStatus;
  /** EXCLUDED: the caller left it out (`exclude`); REGION_SCOPE: a government's whole-region report. */
  readonly reasonCode: 'EXCLUDED' | 'REGION_SCOPE';
  readonly reason: string;
}

export const LEFT_OUT_REASONS: Record<LeftOut['reasonCode'], string> = {
  EXCLUDED: '按要求排除，不计入汇总',
  REGION_SCOPE: '区域汇总报告，不计入以免重复',
};

/**
 * What a roll-up of statuses `statuses` does not see: the region's reports of the year in another
 * status (a draft, one returned), and the agencies under the node with no report of the year at
 * all — so a reviewer reading 「汇总了 3 份报告」 knows who is missing and why.
 */
export async function notInRollup(
  db: Db,
  nodePath: string,
  year: number,
  statuses: readonly ReportStatus[],
  /** A 填报人's one agency: no other agency of the subtree is named. */
  onlyAgency: string | null = null,
): Promise<{
  notCounted: NotCounted[];
  noReport: string[];
  noReportAgencies: { agencyId: string; agencyName: string }[];
}> {
  let q = db
    .selectFrom('agencies')
    .leftJoin('reports', (j) =>
      j.onRef('reports.agency_id', '=', 'agencies.id').on('reports.year', '=', year),
    )
    .select(['agencies.id as agencyId', 'agencies.name', 'reports.id as reportId', 'reports.status'])
    .where('agencies.path', 'like', likePrefix(nodePath));
  if (onlyAgency !== null) q = q.where('agencies.id', '=', onlyAgency);
  const agencies = await q.orderBy('agencies.path').execute();
  const notCounted: NotCounted[] = [];
  // names repeat (a 城关镇人民政府 in every county): each with its agency id too
  const noReportAgencies: { agencyId: string; agencyName: string }[] = [];
  for (const a of agencies) {
    if (!a.reportId) noReportAgencies.push({ agencyId: a.agencyId, agencyName: a.name });
    else if (!statuses.includes(a.status as ReportStatus)) {
      const status = a.status as ReportStatus;
      notCounted.push({
        reportId: a.reportId,
        agencyId: a.agencyId,
        agencyName: a.name,
        status,
        statusLabel: STATUS_LABELS[status],
      });
    }
  }
  return { notCounted, noReport: noReportAgencies.map((a) => a.agencyName), noReportAgencies };
}

/** A report of the region not summed because of its status (a draft, by default). */
export interface NotCounted {
  readonly reportId: string;
  readonly agencyId: string;
  readonly agencyName: string;
  readonly status: ReportStatus;
  readonly statusLabel: string;
}

/**
 * The reports a roll-up sums, and those it does not, each named with its reason: those the reviewer
 * left out (by report id) and a government's whole-region report (scope region), whose figures
 * already cover the agencies summed and would count them twice. Nothing is left out silently.
 */
export function leaveOut(
  found: readonly RegionReport[],
  exclude: readonly string[] = [],
): { kept: RegionReport[]; excluded: LeftOut[] } {
  const out = new Set(exclude);
  const kept: RegionReport[] = [];
  const excluded: LeftOut[] = [];
  for (const f of found) {
    const reasonCode =
      f.report.meta.scope === 'region' ? 'REGION_SCOPE' : out.has(f.reportId) ? 'EXCLUDED' : null;
    if (!reasonCode) kept.push(f);
    else
      excluded.push({
        reportId: f.reportId,
        agencyId: f.agencyId,
        agencyName: f.agencyName,
        status: f.status,
        reasonCode,
        reason: LEFT_OUT_REASONS[reasonCode],
      });
  }
  return { kept, excluded };
}

/** NOTHING_TO_AGGREGATE, naming the reports that were there but not summed. */
export function nothingToAggregate(nodeName: string, year: number, excluded: readonly LeftOut[]): never {
  const named = excluded.length
    ? `（未计入：${excluded.map((e) => `${e.agencyName}——${e.reason}`).join('；')}）`
    : '';
  return fail('NOT_FOUND', 'NOTHING_TO_AGGREGATE', `${nodeName}在 ${year} 年度没有可汇总的报告${named}`, {
    excluded,
  });
}
