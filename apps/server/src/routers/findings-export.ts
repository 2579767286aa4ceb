/**
 * 问题清单: the findings of every report of a region and year as one Excel or CSV file — what a 审核人
 * sends back to the agencies or files with a 通报. Behind `GET /export/findings` (app.ts). Each
 * report's findings are the server's own, exactly as `checks.validate` by id gives them (store.ts
 * `findingsFor`: the deployment's rule config, last year's report of the same agency for the
 * cross-year rules, the triage decisions); written by `@nianbao/render`'s findings list.
 */
import type { Report } from '@nianbao/core';
import {
  agencyWithoutReport,
  type CheckedReport,
  type ListedFinding,
  renderFindingsCsv,
} from '@nianbao/render';
import { z } from 'zod';
import { type AgencyRow, likePrefix, readableAgency, visiblePrefix } from '../access.js';
import type { AuthUser } from '../auth.js';
import { type ReportStatus, STATUS_LABELS, STATUSES } from '../db/schema.js';
import { fail } from '../errors.js';
import { findingsXlsx } from '../findings-xlsx-worker.js';
import {
  type Db,
  findingsFor,
  type KeyedFinding,
  loadRuleConfig,
  REFRESH_SLICE_MS,
  versionContent,
  yieldToOthers,
} from '../store.js';
import { downloadProcedure, router } from '../trpc.js';
import { type AgencyNode, buildTree } from './agencies.js';
import { regionReportCount, safeFileName } from './io.js';
import { Id, readableReport } from './reports.js';

export const FINDINGS_FORMATS = ['xlsx', 'csv'] as const;
export type FindingsFormat = (typeof FINDINGS_FORMATS)[number];

const MIME: Record<FindingsFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

/** 'none' beside the statuses: the agencies with no report for the year (the region page's 未创建). */
export const FINDINGS_STATUSES = [...STATUSES, 'none'] as const;
type FindingsStatus = (typeof FINDINGS_STATUSES)[number];
const LISTED_LABELS: Record<FindingsStatus, string> = { ...STATUS_LABELS, none: '未创建' };

/**
 * The input of `GET /export/findings` (its query, read as export.openData's download reads its own,
 * with the region page's other filters: `q` and `errorsOnly`).
 */
export const FindingsExportInput = z.strictObject({
  regionId: Id.optional(),
  /** One report instead of a region (the editor's 下载 › 问题清单): its current version, its year. */
  reportId: Id.optional(),
  year: z
    .int({ error: '年度应为 2019 至 2100 之间的整数，如 2025' })
    .min(2019, { error: '统一格式自 2019 年度起施行' })
    .max(2100, { error: '报告年度不能晚于 2100 年' })
    .optional(),
  format: z.enum(FINDINGS_FORMATS, { error: '导出格式应为 xlsx（Excel 表格）或 csv' }),
  statuses: z
    .array(z.enum(FINDINGS_STATUSES, { error: `状态应为 ${FINDINGS_STATUSES.join('、')} 之一` }))
    .min(1)
    .optional(),
  /** Words each in the agency's name or a name above it up to the region's, the region's included (the region page's 名称). */
  q: z.string().max(200, { error: '名称筛选不能超过 200 个字符' }).optional(),
  /** Only reports with errors: open, cross-year, or dismissed (the region page's 只看有错误的). */
  errorsOnly: z.boolean({ error: 'errorsOnly 应为 1 或 0' }).optional(),
});
export type FindingsExportInput = z.infer<typeof FindingsExportInput>;

export interface FindingsPlan {
  readonly node: AgencyRow;
  /** A 填报人's one agency: the list holds its report only (null: every report under the node). */
  readonly onlyAgency: string | null;
  readonly year: number;
  readonly format: FindingsFormat;
  /** The statuses asked for, or every status (a 审核人's list shows drafts too). */
  readonly statuses: readonly ReportStatus[];
  /** The agencies without a report listed too (未创建): asked for with 'none', or no statuses named. */
  readonly missing: boolean;
  /** The name filter's words (lower case), none: every agency. */
  readonly words: readonly string[];
  readonly errorsOnly: boolean;
  /** How many reports the list holds (more than none: NO_REPORTS else). */
  readonly reports: number;
  readonly title: string;
  readonly fileName: string;
  readonly mime: string;
}

/**
 * What the 问题清单 of a region and year will hold, checked as the open-data download checks its
 * input: the caller reads the node (else NOT_FOUND, as for a node that does not exist — a 填报人
 * reads their own agency only); a year without such reports is NO_REPORTS (an empty list would pass
 * for a region whose reports have no problem).
 */
export async function planFindings(
  db: Db,
  user: AuthUser,
  input: FindingsExportInput,
): Promise<FindingsPlan> {
  if (input.reportId !== undefined) return planOneReport(db, user, input.reportId, input);
  if (input.regionId === undefined)
    invalid('请提供 regionId（地区，及 year 年度）或 reportId（一份报告）', 'regionId');
  if (input.year === undefined) invalid('年度应为 2019 至 2100 之间的整数，如 2025', 'year');
  const region = { ...input, regionId: input.regionId, year: input.year };
  return planRegion(db, user, region);
}

/** 「示例县人民政府及下属机关在 2025 年度」 (a 填报人's list: their agency alone), as NO_REPORTS begins. */
const scopeIn = (node: AgencyRow, onlyAgency: string | null, year: number) =>
  `${node.name}${onlyAgency === null ? '及下属机关' : ''}在 ${year} 年度`;

/** INVALID_INPUT as zod's are answered: the message and the field it is about. */
function invalid(message: string, path: string): never {
  return fail('BAD_REQUEST', 'INVALID_INPUT', message, { issues: [{ path, message }], issueCount: 1 });
}

/** The 问题清单 of one report the caller reads (else NOT_FOUND): its agency, its year, any status. */
async function planOneReport(
  db: Db,
  user: AuthUser,
  reportId: string,
  input: FindingsExportInput,
): Promise<FindingsPlan> {
  for (const field of ['regionId', 'year', 'statuses', 'q', 'errorsOnly'] as const)
    if (input[field] !== undefined) invalid(`reportId 指定了一份报告，不能再给 ${field}`, field);
  const r = await readableReport(db, user, reportId);
  return {
    node: r.agency,
    onlyAgency: r.agency.id,
    year: r.year,
    format: input.format,
    statuses: [...STATUSES],
    missing: false,
    words: [],
    errorsOnly: false,
    reports: 1,
    title: `${r.agency.name} ${r.year} 年度报告检查问题清单`,
    fileName: safeFileName(`${r.agency.name}-${r.year}-问题清单`, input.format),
    mime: MIME[input.format],
  };
}

async function planRegion(
  db: Db,
  user: AuthUser,
  input: FindingsExportInput & { regionId: string; year: number },
): Promise<FindingsPlan> {
  const asked = input.statuses ? [...new Set(input.statuses)] : null;
  const statuses = asked ? asked.filter((s): s is ReportStatus => s !== 'none') : [...STATUSES];
  const missing = !asked || asked.includes('none');
  // statuses=none alone: no report to count (an empty IN () is an error on PostgreSQL)
  const { node, onlyAgency, reports } = statuses.length
    ? await regionReportCount(db, user, input.regionId, input.year, statuses)
    : {
        node: await readableAgency(db, user, input.regionId),
        onlyAgency: visiblePrefix(user).onlyAgency,
        reports: 0,
      };
  // Agencies without a report are listed beside reports; alone only when asked for by name (a year
  // typed wrong would otherwise list every agency as 未创建).
  const without = asked?.includes('none') ? await withoutReport(db, node, onlyAgency, input.year) : 0;
  const which = asked ? `${asked.map((s) => `“${LISTED_LABELS[s]}”`).join('、')}的` : '';
  if (!reports && !without)
    fail(
      'NOT_FOUND',
      'NO_REPORTS',
      asked?.length === 1 && asked[0] === 'none'
        ? `${scopeIn(node, onlyAgency, input.year)}都已创建报告，没有“未创建”的机关`
        : `${scopeIn(node, onlyAgency, input.year)}没有${which}报告，没有可导出的问题清单`,
      { regionId: node.id, year: input.year, statuses: asked ?? statuses },
    );
  // 「及下属机关」 only where there are any (a department's own list is its own).
  const below =
    onlyAgency === null &&
    !!(await db
      .selectFrom('agencies')
      .select('id')
      .where('path', 'like', likePrefix(node.path))
      .where('id', '!=', node.id)
      .limit(1)
      .executeTakeFirst());
  const words = (input.q ?? '').trim().toLowerCase().split(/\s+/).filter(Boolean);
  const filters = [
    ...(asked ? [asked.map((s) => LISTED_LABELS[s]).join('、')] : []),
    ...(words.length ? [`名称含“${words.join(' ')}”`] : []),
    ...(input.errorsOnly ? ['只看有错误的'] : []),
  ];
  const filtered = filters.length ? `（${filters.join('；')}）` : '';
  return {
    node,
    onlyAgency,
    year: input.year,
    format: input.format,
    statuses,
    missing,
    words,
    errorsOnly: input.errorsOnly === true,
    reports,
    title: `${node.name}${below ? '及下属机关' : ''} ${input.year} 年度报告检查问题清单${filtered}`,
    fileName: safeFileName(`${node.name}-${input.year}-问题清单`, input.format),
    mime: MIME[input.format],
  };
}

/** How many agencies of the region (a 填报人: theirs) have no report for the year. */
async function withoutReport(
  db: Db,
  node: AgencyRow,
  onlyAgency: string | null,
  year: number,
): Promise<number> {
  let q = db
    .selectFrom('agencies')
    .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
    .where('path', 'like', likePrefix(node.path))
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('reports')
            .select('reports.id')
            .whereRef('reports.agency_id', '=', 'agencies.id')
            .where('reports.year', '=', year),
        ),
      ),
    );
  if (onlyAgency !== null) q = q.where('id', '=', onlyAgency);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

/**
 * Behind `GET /export/findings` (app.ts): the input and access rules run through the same
 * authentication as every procedure (authedProcedure), answering what to write; a query parameter
 * it does not take is UNKNOWN_PARAMETER (downloadProcedure). Not part of the API.
 */
export const findingsDownloadRouter = router({
  plan: downloadProcedure('/export/findings', Object.keys(FindingsExportInput.shape))
    .input(FindingsExportInput)
    .query(({ ctx, input }) => planFindings(ctx.store.db, ctx.user, input)),
});

/** A server finding as the list takes it: a decision that still holds, with who made it. */
function listed(f: KeyedFinding): ListedFinding {
  const { key: _key, triage, ...finding } = f;
  return triage && triage.state === 'active'
    ? { ...finding, triage: { decision: triage.decision, reason: triage.reason, by: triage.by } }
    : finding;
}

/** What the list says of a report beside its findings: what the cross-year rules compared with, reopened decisions. */
function notesOf(
  year: number,
  basis: Awaited<ReturnType<typeof findingsFor>>['previousBasis'],
  findings: readonly KeyedFinding[],
): string[] {
  const notes: string[] = [];
  if (!basis) notes.push(`没有 ${year - 1} 年度的报告，未进行跨年核对（X1–X6）`);
  else if (!basis.published)
    notes.push(
      `跨年核对依据的 ${year - 1} 年度报告尚未发布（${STATUS_LABELS[basis.status]}，第 ${basis.version} 版），其数字可能还会改动`,
    );
  // A dismissal whose cells or text changed since no longer holds: the finding counts again (listed
  // without it), and the list says why.
  const reopened = findings.filter(
    (f) => f.status === 'failed' && f.triage?.state === 'reopened' && f.triage.decision === 'dismissed',
  );
  if (reopened.length)
    notes.push(
      `曾被忽略的 ${[...new Set(reopened.map((f) => f.ruleId))].join('、')} 所涉及的数字或文字此后有改动，已重新计入`,
    );
  return notes;
}

type ReportRow = {
  readonly id: string;
  readonly agency_id: string;
  readonly status: string;
  readonly current_version: number;
  readonly name: string;
};

/** One line of the list before it is checked: an agency's report, or an agency with none (未创建). */
type Entry = { readonly report: ReportRow } | { readonly missing: { readonly name: string } };

/**
 * The plan's reports (id, agency, status, version: no content) and, where asked, the agencies with
 * none, in the order of the region page — agencies.tree's order, a node before the agencies under it
 * and siblings by name (`buildTree`) — and through its name filter: each word in the agency's name or
 * a name above it up to the region's, the region's included (web lib/review filterRows, namesAboveIn).
 */
async function entriesInTreeOrder(db: Db, plan: FindingsPlan): Promise<Entry[]> {
  let agencies = db.selectFrom('agencies').selectAll().where('path', 'like', likePrefix(plan.node.path));
  if (plan.onlyAgency !== null) agencies = agencies.where('id', '=', plan.onlyAgency);
  const order: { id: string; name: string; text: string }[] = [];
  const walk = (nodes: readonly AgencyNode[], above: readonly string[]) => {
    for (const n of nodes) {
      order.push({ id: n.id, name: n.name, text: [n.name, ...above].join(' ').toLowerCase() });
      // the region's own name too: 坑仔口镇人民政府 under 示例县人民政府 is one of 「示例县」's
      walk(n.children, [...above, n.name]);
    }
  };
  walk(buildTree(await agencies.execute()), []);
  const named = (text: string) => plan.words.every((w) => text.includes(w));
  const reports = await reportRows(db, plan);
  const byAgency = new Map(reports.map((r) => [r.agency_id, r]));
  // one outside the asked statuses is no 未创建
  const reported = plan.missing ? await agenciesReported(db, plan) : new Set<string>();
  const out: Entry[] = [];
  for (const a of order) {
    if (!named(a.text)) continue;
    const report = byAgency.get(a.id);
    byAgency.delete(a.id);
    if (report) out.push({ report });
    else if (plan.missing && !reported.has(a.id)) out.push({ missing: { name: a.name } });
  }
  // An agency moved out meanwhile (not in the tree read) goes last rather than nowhere.
  for (const report of byAgency.values()) if (named(report.name.toLowerCase())) out.push({ report });
  return out;
}

/** The agencies of the region with a report of the year in any status. */
async function agenciesReported(db: Db, plan: FindingsPlan): Promise<Set<string>> {
  const rows = await db
    .selectFrom('reports')
    .innerJoin('agencies', 'agencies.id', 'reports.agency_id')
    .select('reports.agency_id')
    .where('agencies.path', 'like', likePrefix(plan.node.path))
    .where('reports.year', '=', plan.year)
    .execute();
  return new Set(rows.map((r) => r.agency_id));
}

async function reportRows(db: Db, plan: FindingsPlan): Promise<ReportRow[]> {
  if (!plan.statuses.length) return [];
  let q = db
    .selectFrom('reports')
    .innerJoin('agencies', 'agencies.id', 'reports.agency_id')
    .select(['reports.id', 'reports.agency_id', 'reports.status', 'reports.current_version', 'agencies.name'])
    .where('agencies.path', 'like', likePrefix(plan.node.path))
    .where('reports.year', '=', plan.year)
    .where('reports.status', 'in', [...plan.statuses]);
  if (plan.onlyAgency !== null) q = q.where('reports.agency_id', '=', plan.onlyAgency);
  return q.execute();
}

/** A failed error or cross-year error, dismissed or not: what makes a report one 「有错误的」 on the region page. */
const isError = (f: KeyedFinding) =>
  f.status === 'failed' && (f.severity === 'error' || f.severity === 'crossYear');

/**
 * Every report of the plan, checked as `checks.validate` by id checks it (`findingsFor` with the
 * deployment's rule config, read once), in the region page's order. One report's content at a time
 * is read (versionContent), checked and let go — only its findings are kept — and the event loop is
 * given to other requests every `REFRESH_SLICE_MS` of work.
 */
export async function checkedReports(db: Db, plan: FindingsPlan): Promise<CheckedReport[]> {
  const config = await loadRuleConfig(db);
  const entries = await entriesInTreeOrder(db, plan);
  const out: CheckedReport[] = [];
  let sliceStart = performance.now();
  for (const entry of entries) {
    if ('missing' in entry) {
      // no report has no error: not on a list of those with errors (as on the region page)
      if (!plan.errorsOnly) out.push(agencyWithoutReport(entry.missing.name, plan.year));
      continue;
    }
    const row = entry.report;
    if (performance.now() - sliceStart >= REFRESH_SLICE_MS) {
      await yieldToOthers();
      sliceStart = performance.now();
    }
    // The current version as checks.validate reads it (readableReport + loadVersion).
    const report: Report | undefined = await versionContent(db, row.id, row.current_version);
    if (!report) continue;
    const { findings, previousBasis } = await findingsFor(db, row.id, row.agency_id, report, config);
    if (plan.errorsOnly && !findings.some(isError)) continue;
    out.push({
      source: `${row.name} ${plan.year} 年度（第 ${row.current_version} 版）`,
      agency: row.name,
      year: plan.year,
      edition: report.meta.edition,
      status: STATUS_LABELS[row.status as ReportStatus] ?? row.status,
      findings: findings.map(listed),
      notes: notesOf(plan.year, previousBasis, findings),
    });
  }
  return out;
}

/** The 问题清单 of a plan as the file's bytes (XLSX) or text (CSV, with a BOM for Excel). */
export async function findingsFile(
  db: Db,
  plan: FindingsPlan,
  /** Findings up to which the Excel file is written in the event loop (findings-xlsx-worker). */
  inlineMaxRows?: number,
): Promise<{ body: Uint8Array | string; reports: number }> {
  const reports = await checkedReports(db, plan);
  // the name filter or 只看有错误的 left nothing: said, not an empty list
  if (!reports.length) {
    const filters = [
      ...(plan.words.length ? [`名称含“${plan.words.join(' ')}”`] : []),
      ...(plan.errorsOnly ? ['只看有错误的'] : []),
    ];
    fail(
      'NOT_FOUND',
      'NO_REPORTS',
      `${scopeIn(plan.node, plan.onlyAgency, plan.year)}没有${
        filters.length ? `符合筛选条件（${filters.join('；')}）的` : ''
      }报告，没有可导出的问题清单`,
      { regionId: plan.node.id, year: plan.year, q: plan.words.join(' '), errorsOnly: plan.errorsOnly },
    );
  }
  await yieldToOthers();
  const body =
    plan.format === 'xlsx'
      ? await findingsXlsx(reports, { title: plan.title }, inlineMaxRows)
      : renderFindingsCsv(reports, { title: plan.title });
  // the reports checked; the agencies without one are rows of the list, not reports
  return { body, reports: reports.filter((r) => r.missing === undefined).length };
}
