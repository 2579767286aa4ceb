import {
  aggregateSteps,
  type CellId,
  compare,
  narrate,
  type Report,
  regionalDifferences,
  summarize,
  validate,
} from '@nianbao/core';
import type { RollupYearOnYear } from '@nianbao/render';
import { z } from 'zod';
import { type AgencyRow, likePrefix, readableAgency, visiblePrefix } from '../access.js';
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
  runInSlices,
} from '../store.js';
import { authedProcedure, router } from '../trpc.js';
import { Id, loadVersion, readableReport, Version } from './reports.js';

const Year = z.int().min(2019).max(2100);
/** Report ids to leave out of a roll-up. */
export const Exclude = z.array(Id).max(1000);

/**
 * `exclude` names reports of the region and year: an id of no such report (a typo, another region's,
 * another year's) would leave out nothing while the caller believes it did — refused, named, by the
 * roll-up (`summary.region`) as by its export. `onlyAgency`: a 填报人 of a region node sums their own
 * agency's report only, and learns nothing of the others' (their ids are no report to them either).
 */
export async function refuseUnknownExcludes(
  db: Db,
  node: AgencyRow,
  year: number,
  exclude: readonly string[],
  refused: '未导出' | '未汇总',
  onlyAgency: string | null = null,
) {
  const known = new Set<string>();
  const ids = [...new Set(exclude)];
  for (let i = 0; i < ids.length; i += 500) {
    let q = db
      .selectFrom('reports')
      .innerJoin('agencies', 'agencies.id', 'reports.agency_id')
      .select('reports.id')
      .where('reports.id', 'in', ids.slice(i, i + 500))
      .where('agencies.path', 'like', likePrefix(node.path))
      .where('reports.year', '=', year);
    if (onlyAgency !== null) q = q.where('reports.agency_id', '=', onlyAgency);
    for (const f of await q.execute()) known.add(f.id);
  }
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length)
    fail(
      'BAD_REQUEST',
      'EXCLUDE_UNKNOWN',
      `要排除的报告中有 ${unknown.length} 份不是${node.name} ${year} 年度的报告（${unknown.slice(0, 5).join('、')}${unknown.length > 5 ? ' 等' : ''}），${refused}：请检查排除的报告编号`,
      { unknown },
    );
}

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
    .input(z.strictObject({ id: Id, version: Version.optional() }))
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
      // A 填报人 of a node with agencies under it (a county government's) sums their own report only.
      const only = visiblePrefix(ctx.user).onlyAgency;
      const statuses = input.statuses ?? REGION_STATUSES;
      if (input.exclude?.length)
        await refuseUnknownExcludes(db, node, input.year, input.exclude, '未汇总', only);
      // Reports the reviewer left out (a blank one that would leave every sum blank) and a
      // government's whole-region report (it would count its region twice): named, not summed.
      const all = await regionReports(db, node.path, input.year, { statuses, onlyAgency: only });
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
        ...(await notInRollup(db, node.path, input.year, statuses, only)),
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
      const { kept } = await regionLastYearReports(
        db,
        node.path,
        input.year,
        input.statuses ?? REGION_STATUSES,
        visiblePrefix(ctx.user).onlyAgency,
      );
      return {
        year,
        reports: kept.map((f) => ({
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
 * Last year's side of a roll-up's 同比: the reports of `year - 1` of the statuses asked for under
 * the node (`kept`), a government's whole-region report left out as in the roll-up (`excluded`). `summary.regionLastYear`
 * answers with these (the page's charts) and `export.region` counts them (the file's 同比): the page
 * and the file compare the same reports.
 */
export async function regionLastYearReports(
  db: Db,
  nodePath: string,
  year: number,
  statuses: readonly (typeof STATUSES)[number][],
  onlyAgency: string | null = null,
) {
  return leaveOut(await regionReports(db, nodePath, year - 1, { statuses, onlyAgency }));
}

/**
 * Like for like, by agency id (names repeat: 城关镇人民政府 in every county), as the roll-up page
 * pairs them: each agency summed this year beside its report of last year. `noPrevious`: summed this
 * year, no report (of those statuses) last year; `noCurrent`: a report last year, not summed this year.
 */
export function likeForLike(now: readonly RegionReport[], last: readonly RegionReport[]) {
  const before = new Map(last.map((f) => [f.agencyId, f]));
  const summed = new Set(now.map((f) => f.agencyId));
  return {
    pairs: now.flatMap((f) => {
      const b = before.get(f.agencyId);
      return b ? [{ before: b, now: f }] : [];
    }),
    noPrevious: now.filter((f) => !before.has(f.agencyId)),
    noCurrent: last.filter((f) => !summed.has(f.agencyId)),
  };
}

/** The roll-up figures of reports summed as the page sums them: a blank in any report leaves the sum blank, never 0. */
export function sumFigures(reports: readonly Report[]): RollupFigures {
  const keys = ['newReceived', 'resultTotal', 'granted', 'review', 'litigation'] as const;
  const out = {} as Record<(typeof keys)[number], number | null>;
  for (const k of keys) {
    let t: number | null = 0;
    for (const r of reports) {
      const v = rollupFigures(r)[k];
      if (v === null) {
        t = null;
        break;
      }
      t += v;
    }
    out[k] = t;
  }
  return out;
}

/**
 * A roll-up's 同比 for its file (`export.region` with `withLastYear`): the agencies summed this year
 * (`kept`, after `exclude`) paired by agency id with last year's reports as `summary.regionLastYear`
 * gives them — the page's like for like — their figures summed as the page sums them, core's compare
 * of the two years' sums, and every agency left out named with why. A name that repeats (a
 * 城关镇人民政府 in every county) is said with its parent: 「城关镇人民政府（安平县人民政府）」.
 */
export async function regionYearOnYear(
  db: Db,
  node: { id: string; name: string; path: string },
  year: number,
  statuses: readonly (typeof STATUSES)[number][],
  kept: readonly RegionReport[],
  excluded: readonly { agencyId: string; reasonCode: string }[],
): Promise<RollupYearOnYear> {
  const { kept: last, excluded: lastLeftOut } = await regionLastYearReports(db, node.path, year, statuses);
  const { pairs, noPrevious, noCurrent } = likeForLike(kept, last);
  const [before, now] = await Promise.all([
    notInRollup(db, node.path, year - 1, statuses),
    notInRollup(db, node.path, year, statuses),
  ]);
  const lastStatus = new Map(before.notCounted.map((n) => [n.agencyId, n.statusLabel]));
  const nowStatus = new Map(now.notCounted.map((n) => [n.agencyId, n.statusLabel]));
  const nowExcluded = new Map(excluded.map((e) => [e.agencyId, e.reasonCode]));
  const lastRegion = new Set(lastLeftOut.map((f) => f.agencyId));
  // names said with their parent where they repeat among those the file names
  const named = [...kept, ...noCurrent];
  const count = new Map<string, number>();
  for (const f of named) count.set(f.agencyName, (count.get(f.agencyName) ?? 0) + 1);
  const parentIds = [
    ...new Set(
      named
        .filter((f) => (count.get(f.agencyName) ?? 0) > 1)
        .map((f) => f.agencyPath.split('/').filter(Boolean).at(-2))
        .filter((x): x is string => !!x),
    ),
  ];
  const parents = new Map(
    parentIds.length
      ? (await db.selectFrom('agencies').select(['id', 'name']).where('id', 'in', parentIds).execute()).map(
          (a) => [a.id, a.name],
        )
      : [],
  );
  const nameOf = (f: RegionReport) => {
    if ((count.get(f.agencyName) ?? 0) < 2) return f.agencyName;
    const parent = parents.get(f.agencyPath.split('/').filter(Boolean).at(-2) ?? '');
    return parent ? `${f.agencyName}（${parent}）` : f.agencyName;
  };
  const said = statuses.map((st) => STATUS_LABELS[st]).join('、');
  const base = {
    region: node.name,
    previousYear: year - 1,
    currentYear: year,
    statuses: said,
    summed: kept.length,
    lastYearReports: last.length,
    counted: pairs.map((p) => nameOf(p.now)),
    noPrevious: noPrevious.map((f) => ({
      name: nameOf(f),
      reason: lastRegion.has(f.agencyId)
        ? '上年为本地区汇总报告，不计入'
        : lastStatus.has(f.agencyId)
          ? `上年报告状态为${lastStatus.get(f.agencyId)}`
          : '上年没有报告',
    })),
    noCurrent: noCurrent.map((f) => ({
      name: nameOf(f),
      reason:
        nowExcluded.get(f.agencyId) === 'EXCLUDED'
          ? '本年报告已按要求排除'
          : nowExcluded.get(f.agencyId) === 'REGION_SCOPE'
            ? '本年为本地区汇总报告，不计入'
            : nowStatus.has(f.agencyId)
              ? `本年报告状态为${nowStatus.get(f.agencyId)}`
              : '本年没有报告',
    })),
  };
  if (!pairs.length) return base;
  const prevReports = pairs.map((p) => p.before.report);
  const curReports = pairs.map((p) => p.now.report);
  const agency = { agency: { id: node.id, name: node.name } };
  return {
    ...base,
    figures: { previous: sumFigures(prevReports), current: sumFigures(curReports) },
    // in slices, as the roll-up itself: a province's year of reports does not hold every other request
    comparison: compare(
      (await runInSlices(aggregateSteps(prevReports, agency))).report,
      (await runInSlices(aggregateSteps(curReports, agency))).report,
    ),
  };
}

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
