import {
  type CellId,
  compare,
  narrate,
  type Report,
  regionalDifferences,
  summarize,
  validate,
} from '@nianbao/core';
import { z } from 'zod';
import { likePrefix, readableAgency, visiblePrefix } from '../access.js';
import type { AuthUser } from '../auth.js';
import { REGION_STATUSES, STATUS_LABELS, STATUSES } from '../db/schema.js';
import { fail } from '../errors.js';
import {
  type Db,
  leaveOut,
  nothingToAggregate,
  notInRollup,
  type RegionReport,
  refreshStale,
  regionReports,
  reportFor,
  rollUpRegion,
} from '../store.js';
import { authedProcedure, router } from '../trpc.js';
import { Id, loadVersion, readableReport } from './reports.js';

const Year = z.int().min(2019).max(2100);
/** Report ids to leave out of a roll-up. */
export const Exclude = z.array(Id).max(1000);

/** A cell's number; blank (or not a number) is null, never 0. */
const num = (r: Report, id: CellId): number | null => {
  const x = r.cells[id]?.value;
  return typeof x === 'number' ? x : null;
};

/**
 * The few figures of a report the roll-up's charts compare year on year (本年新收, 办结, 予以公开,
 * 行政复议, 行政诉讼): the page needs these, not the whole report, of every agency it sums.
 */
export function rollupFigures(r: Report) {
  const direct = num(r, 'reviewLitigation.litigationDirect.total');
  const after = num(r, 'reviewLitigation.litigationAfterReview.total');
  return {
    newReceived: num(r, 'applications.newReceived.total'),
    resultTotal: num(r, 'applications.resultTotal.total'),
    granted: num(r, 'applications.granted.total'),
    review: num(r, 'reviewLitigation.review.total'),
    litigation: direct === null || after === null ? null : direct + after,
  };
}
export type RollupFigures = ReturnType<typeof rollupFigures>;

/** Rules about a money amount's unit (元 or 万元): a sum of amounts in two units is wrong. */
const UNIT_RULES = ['T2-3', 'T2-7'];

/** The open error and cross-year counts of reports (after triage), brought up to date first. */
export async function openCounts(db: Db, ids: readonly string[]) {
  const out = new Map<string, { error: number; crossYear: number }>();
  for (let k = 0; k < ids.length; k += 500) {
    const chunk = ids.slice(k, k + 500);
    await refreshStale(db, chunk);
    const rows = await db
      .selectFrom('reports')
      .select(['id', 'errors', 'cross_year'])
      .where('id', 'in', chunk)
      .execute();
    for (const r of rows) out.set(r.id, { error: Number(r.errors), crossYear: Number(r.cross_year) });
  }
  return out;
}

/**
 * What a roll-up's sums rest on: the summed reports still with open errors (跨年 included) or a
 * doubtful money unit — the page and the exported file say the same number.
 */
export function rollupDoubts(
  found: readonly RegionReport[],
  open: ReadonlyMap<string, { error: number; crossYear: number }>,
): { reportId: string; agencyId: string; agencyName: string; problems: string[] }[] {
  return found.flatMap((f) => {
    const problems: string[] = [];
    const o = open.get(f.reportId) ?? { error: 0, crossYear: 0 };
    if (o.error > 0) problems.push(`错误 ${o.error} 个`);
    if (o.crossYear > 0) problems.push(`跨年 ${o.crossYear} 个`);
    const unit = validate(f.report, { only: UNIT_RULES }).filter((x) => x.status === 'failed');
    if (unit.length) problems.push(`金额单位存疑：${unit.map((u) => u.message).join('；')}`);
    return problems.length
      ? [{ reportId: f.reportId, agencyId: f.agencyId, agencyName: f.agencyName, problems }]
      : [];
  });
}

export const summaryRouter = router({
  /** Indicators (with numerators, denominators and their cells) and the number sentences of one report. */
  report: authedProcedure
    .input(z.strictObject({ id: Id, version: z.int().min(1).optional() }))
    .query(async ({ ctx, input }) => {
      const r = await readableReport(ctx.store.db, ctx.user, input.id);
      const report = await loadVersion(ctx.store.db, r, input.version);
      return { summary: summarize(report), narration: narrate(report) };
    }),

  /**
   * Roll-up of a region node for a year: the agency reports of every agency in its subtree (the node
   * included) of the statuses asked for, by default those handed in (已提交/已通过/已发布): a draft is
   * not yet a number to sum. Blank stays blank. What is not summed is in `excluded`, with its reason:
   * left out by the caller (`exclude`), or a government's whole-region report (scope region).
   */
  region: authedProcedure
    .input(
      z.strictObject({
        regionId: Id,
        year: Year,
        statuses: z.array(z.enum(STATUSES)).min(1).optional(),
        exclude: Exclude.optional(),
      }),
    )
    .query(async ({ ctx, input }) => {
      const db = ctx.store.db;
      const node = await readableAgency(db, ctx.user, input.regionId);
      const statuses = input.statuses ?? REGION_STATUSES;
      // Reports the reviewer left out (a blank one that would leave every sum blank) and a
      // government's whole-region report (it would count its region twice): named, not summed.
      const all = await regionReports(db, node.path, input.year, { statuses });
      const { kept: found, excluded } = leaveOut(all, input.exclude);
      const reports: Report[] = found.map((f) => f.report);
      if (!reports.length) nothingToAggregate(node.name, input.year, excluded);
      const open = await openCounts(
        db,
        found.map((f) => f.reportId),
      );
      // Each summed report with what the page shows of it (its agency by id, its open errors, the
      // figures the charts compare), so the page needs no report of its own.
      const included = found.map((f) => ({
        reportId: f.reportId,
        agencyId: f.agencyId,
        agencyName: f.agencyName,
        status: f.status,
        openFindings: open.get(f.reportId) ?? { error: 0, crossYear: 0 },
        figures: rollupFigures(f.report),
      }));
      const result = await rollUpRegion(db, node, found);
      // Each unsummed cell with the ids of the reports that leave it blank: agency names repeat (a
      // 城关镇 in every county), so 「不计这些报告」 goes by report, not by name.
      const missing = result.missing.map((m) => ({
        ...m,
        reportIds: found
          .filter((f) => {
            const c = f.report.cells[m.cell];
            return !c || c.value === null;
          })
          .map((f) => f.reportId),
      }));
      const summary = summarize(result.report);
      // What the sums rest on: the summed reports still with open errors or a doubtful money unit.
      const doubts = rollupDoubts(found, open);
      // A blank indicator of the sum: which agencies' blank cells leave it blank (by indicator key),
      // by name and by report (names repeat: a 城关镇人民政府 in every county).
      const blankCauses: Record<string, string[]> = {};
      const blankCauseReports: Record<string, string[]> = {};
      for (const ind of summary.indicators) {
        const cells: readonly CellId[] = [...ind.numeratorCells, ...ind.denominatorCells];
        if (ind.value !== null || !cells.length) continue;
        const causes = found.filter((f) => cells.some((c) => typeof f.report.cells[c]?.value !== 'number'));
        if (!causes.length) continue;
        blankCauses[ind.key] = causes.map((f) => f.agencyName);
        blankCauseReports[ind.key] = causes.map((f) => f.reportId);
      }
      // A government's whole-region report beside its constituents: its 表三/表四 against their sum
      // (domain.md §8), so a region report that does not reflect the region is seen.
      const regional = excluded
        .filter((e) => e.reasonCode === 'REGION_SCOPE')
        .map((e) => {
          const own = all.find((f) => f.reportId === e.reportId)!.report;
          return {
            reportId: e.reportId,
            agencyId: e.agencyId,
            agencyName: e.agencyName,
            ...regionalDifferences(own, result.report),
          };
        });
      return {
        ...result,
        missing,
        included,
        excluded,
        regional,
        ...(await notInRollup(db, node.path, input.year, statuses)),
        summary,
        doubts,
        blankCauses,
        blankCauseReports,
      };
    }),

  /**
   * The year before a roll-up's year: each agency's report of the statuses asked for under the node,
   * by agency id (names repeat: 城关镇人民政府 in every county), with only the figures the roll-up's
   * year-on-year charts compare. A government's whole-region report is left out, as in the roll-up.
   */
  regionLastYear: authedProcedure
    .input(
      z.strictObject({
        regionId: Id,
        year: Year,
        statuses: z.array(z.enum(STATUSES)).min(1).optional(),
      }),
    )
    .query(async ({ ctx, input }) => {
      const db = ctx.store.db;
      const node = await readableAgency(db, ctx.user, input.regionId);
      const year = input.year - 1;
      const all = await regionReports(db, node.path, year, { statuses: input.statuses ?? REGION_STATUSES });
      return {
        year,
        reports: leaveOut(all).kept.map((f) => ({
          reportId: f.reportId,
          agencyId: f.agencyId,
          agencyName: f.agencyName,
          status: f.status,
          figures: rollupFigures(f.report),
        })),
      };
    }),

  /**
   * 退回后重新提交: the ids of the region's reports of a year waiting for review (已提交) that were
   * returned before — one question for the whole list, not one history per report.
   */
  resubmitted: authedProcedure
    .input(z.strictObject({ regionId: Id, year: Year }))
    .query(async ({ ctx, input }) => {
      const db = ctx.store.db;
      const node = await readableAgency(db, ctx.user, input.regionId);
      const vis = visiblePrefix(ctx.user);
      let q = db
        .selectFrom('reports')
        .innerJoin('agencies', 'agencies.id', 'reports.agency_id')
        .select('reports.id')
        .where('agencies.path', 'like', likePrefix(node.path))
        .where('reports.year', '=', input.year)
        .where('reports.status', '=', 'submitted')
        .where(({ exists, selectFrom }) =>
          exists(
            selectFrom('workflow_events')
              .select('workflow_events.id')
              .whereRef('workflow_events.report_id', '=', 'reports.id')
              .where('workflow_events.action', '=', 'return'),
          ),
        );
      if (vis.onlyAgency !== null) q = q.where('reports.agency_id', '=', vis.onlyAgency);
      if (vis.prefix !== null) q = q.where('agencies.path', 'like', likePrefix(vis.prefix));
      return { ids: (await q.execute()).map((r) => r.id) };
    }),

  /** Year-on-year: a stored report against the same agency's report of the year before (common core, X1–X6). */
  yearOnYear: authedProcedure.input(z.strictObject({ id: Id })).query(async ({ ctx, input }) => {
    const { prev, basis, comparison } = await yearOnYearOf(ctx.store.db, ctx.user, input.id);
    return { previousReportId: prev.id, basis, ...comparison };
  }),
});

/**
 * A stored report's year-on-year comparison, as `summary.yearOnYear` shows it and `export.yearOnYear`
 * writes it: the reader's access checked, last year's report as published, else its latest version —
 * a draft's numbers may still change, and `basis` says which it is — or NO_PREVIOUS_YEAR.
 */
export async function yearOnYearOf(db: Db, user: AuthUser, id: string) {
  const r = await readableReport(db, user, id);
  const current = await loadVersion(db, r);
  const prev = await reportFor(db, r.agency_id, r.year - 1);
  if (!prev)
    fail('NOT_FOUND', 'NO_PREVIOUS_YEAR', `${r.agency.name}没有 ${r.year - 1} 年度的报告，无法进行同比`);
  const basis = {
    reportId: prev.id,
    status: prev.status,
    statusLabel: STATUS_LABELS[prev.status],
    version: prev.version,
    published: prev.published,
  };
  return { report: r, prev, basis, comparison: compare(prev.report, current) };
}
