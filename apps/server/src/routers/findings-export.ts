/**
 * 问题清单: the findings of every report of a region and year as one Excel or CSV file — what a 审核人
 * sends back to the agencies or files with a 通报. Behind `GET /export/findings` (app.ts). Each
 * report's findings are the server's own, exactly as `checks.validate` by id gives them (store.ts
 * `findingsFor`: the deployment's rule config, last year's report of the same agency for the
 * cross-year rules, the triage decisions); written by `@nianbao/render`'s findings list.
 */
import type { Report } from '@nianbao/core';
import { type CheckedReport, type ListedFinding, renderFindingsCsv } from '@nianbao/render';
import { z } from 'zod';
import { type AgencyRow, likePrefix } from '../access.js';
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
import { authedProcedure, router } from '../trpc.js';
import { type AgencyNode, buildTree } from './agencies.js';
import { regionReportCount, safeFileName } from './io.js';
import { Id } from './reports.js';

export const FINDINGS_FORMATS = ['xlsx', 'csv'] as const;
export type FindingsFormat = (typeof FINDINGS_FORMATS)[number];

const MIME: Record<FindingsFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

/** The input of `GET /export/findings` (its query, read as export.openData's download reads its own). */
export const FindingsExportInput = z.strictObject({
  regionId: Id,
  year: z
    .int({ error: '年度应为 2019 至 2100 之间的整数，如 2025' })
    .min(2019, { error: '统一格式自 2019 年度起施行' })
    .max(2100, { error: '报告年度不能晚于 2100 年' }),
  format: z.enum(FINDINGS_FORMATS, { error: '导出格式应为 xlsx（Excel 表格）或 csv' }),
  statuses: z
    .array(z.enum(STATUSES, { error: `状态应为 ${STATUSES.join('、')} 之一` }))
    .min(1)
    .optional(),
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
  const statuses = input.statuses ? [...new Set(input.statuses)] : [...STATUSES];
  const { node, onlyAgency, reports } = await regionReportCount(
    db,
    user,
    input.regionId,
    input.year,
    statuses,
  );
  const which = input.statuses ? `${statuses.map((s) => `“${STATUS_LABELS[s]}”`).join('、')}的` : '';
  if (!reports)
    fail(
      'NOT_FOUND',
      'NO_REPORTS',
      `${node.name}${onlyAgency === null ? '及下属机关' : ''}在 ${input.year} 年度没有${which}报告，没有可导出的问题清单`,
      { regionId: node.id, year: input.year, statuses },
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
  const filtered = input.statuses ? `（${statuses.map((s) => STATUS_LABELS[s]).join('、')}）` : '';
  return {
    node,
    onlyAgency,
    year: input.year,
    format: input.format,
    statuses,
    reports,
    title: `${node.name}${below ? '及下属机关' : ''} ${input.year} 年度报告检查问题清单${filtered}`,
    fileName: safeFileName(`${node.name}-${input.year}-问题清单`, input.format),
    mime: MIME[input.format],
  };
}

/**
 * Behind `GET /export/findings` (app.ts): the input and access rules run through the same
 * authentication as every procedure (authedProcedure), answering what to write. Not part of the API.
 */
export const findingsDownloadRouter = router({
  plan: authedProcedure
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

/**
 * The plan's reports (id, agency, status, version: no content) in the order of the region page —
 * agencies.tree's order, a node before the agencies under it and siblings by name (`buildTree`).
 */
async function reportsInTreeOrder(db: Db, plan: FindingsPlan) {
  let agencies = db.selectFrom('agencies').selectAll().where('path', 'like', likePrefix(plan.node.path));
  if (plan.onlyAgency !== null) agencies = agencies.where('id', '=', plan.onlyAgency);
  const place = new Map<string, number>();
  const walk = (nodes: readonly AgencyNode[]) => {
    for (const n of nodes) {
      place.set(n.id, place.size);
      walk(n.children);
    }
  };
  walk(buildTree(await agencies.execute()));
  let q = db
    .selectFrom('reports')
    .innerJoin('agencies', 'agencies.id', 'reports.agency_id')
    .select(['reports.id', 'reports.agency_id', 'reports.status', 'reports.current_version', 'agencies.name'])
    .where('agencies.path', 'like', likePrefix(plan.node.path))
    .where('reports.year', '=', plan.year)
    .where('reports.status', 'in', [...plan.statuses]);
  if (plan.onlyAgency !== null) q = q.where('reports.agency_id', '=', plan.onlyAgency);
  const rows = await q.execute();
  // An agency moved out meanwhile (not in the tree read) goes last rather than nowhere.
  const at = (agencyId: string) => place.get(agencyId) ?? place.size;
  return rows.sort((a, b) => at(a.agency_id) - at(b.agency_id));
}

/**
 * Every report of the plan, checked as `checks.validate` by id checks it (`findingsFor` with the
 * deployment's rule config, read once), in the region page's order. One report's content at a time
 * is read (versionContent), checked and let go — only its findings are kept — and the event loop is
 * given to other requests every `REFRESH_SLICE_MS` of work.
 */
export async function checkedReports(db: Db, plan: FindingsPlan): Promise<CheckedReport[]> {
  const config = await loadRuleConfig(db);
  const rows = await reportsInTreeOrder(db, plan);
  const out: CheckedReport[] = [];
  let sliceStart = performance.now();
  for (const row of rows) {
    if (performance.now() - sliceStart >= REFRESH_SLICE_MS) {
      await yieldToOthers();
      sliceStart = performance.now();
    }
    // The current version as checks.validate reads it (readableReport + loadVersion).
    const report: Report | undefined = await versionContent(db, row.id, row.current_version);
    if (!report) continue;
    const { findings, previousBasis } = await findingsFor(db, row.id, row.agency_id, report, config);
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
  await yieldToOthers();
  const body =
    plan.format === 'xlsx'
      ? await findingsXlsx(reports, { title: plan.title }, inlineMaxRows)
      : renderFindingsCsv(reports, { title: plan.title });
  return { body, reports: reports.length };
}
