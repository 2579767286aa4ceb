import { aggregate, compare, narrate, type Report, regionalDifferences, summarize } from '@nianbao/core';
import { z } from 'zod';
import { readableAgency } from '../access.js';
import { REGION_STATUSES, STATUSES } from '../db/schema.js';
import { fail } from '../errors.js';
import { leaveOut, nothingToAggregate, notInRollup, regionReports, reportFor } from '../store.js';
import { authedProcedure, router } from '../trpc.js';
import { Id, loadVersion, readableReport } from './reports.js';

const Year = z.int().min(2019).max(2100);
/** Report ids to leave out of a roll-up. */
export const Exclude = z.array(Id).max(1000);

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
      const included = found.map((f) => ({
        reportId: f.reportId,
        agencyName: f.agencyName,
        status: f.status,
      }));
      if (!reports.length) nothingToAggregate(node.name, input.year, excluded);
      const result = aggregate(reports, { agency: { id: node.id, name: node.name } });
      // A government's whole-region report beside its constituents: its 表三/表四 against their sum
      // (domain.md §8), so a region report that does not reflect the region is seen.
      const regional = excluded
        .filter((e) => e.reasonCode === 'REGION_SCOPE')
        .map((e) => {
          const own = all.find((f) => f.reportId === e.reportId)!.report;
          return {
            reportId: e.reportId,
            agencyName: e.agencyName,
            ...regionalDifferences(own, result.report),
          };
        });
      return {
        ...result,
        included,
        excluded,
        regional,
        ...(await notInRollup(db, node.path, input.year, statuses)),
        summary: summarize(result.report),
      };
    }),

  /** Year-on-year: a stored report against the same agency's report of the year before (common core, X1–X6). */
  yearOnYear: authedProcedure.input(z.strictObject({ id: Id })).query(async ({ ctx, input }) => {
    const db = ctx.store.db;
    const r = await readableReport(db, ctx.user, input.id);
    const current = await loadVersion(db, r);
    const prev = await reportFor(db, r.agency_id, r.year - 1);
    if (!prev)
      fail('NOT_FOUND', 'NO_PREVIOUS_YEAR', `${r.agency.name}没有 ${r.year - 1} 年度的报告，无法进行同比`);
    return { previousReportId: prev.id, ...compare(prev.report, current) };
  }),
});
