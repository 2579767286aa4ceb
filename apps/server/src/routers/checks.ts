import {
  checkConfig,
  chinaTime,
  countFindings,
  derive,
  describeRules,
  type Report,
  SEVERITY_LABELS,
  type ValidationConfig,
} from '@nianbao/core';
import { z } from 'zod';
import { canRead, canReview, canWrite, getAgency } from '../access.js';
import { audit } from '../audit.js';
import { now } from '../auth.js';
import { STATUS_LABELS } from '../db/schema.js';
import { fail } from '../errors.js';
import { ReportInput } from '../report-input.js';
import {
  bindToAgency,
  type Db,
  loadRuleConfig,
  openCounts,
  refreshAllStale,
  refreshCounts,
  reportFor,
  ruleConfigStamp,
  saveRuleConfig,
  snapshotOf,
  staleStamp,
  userNames,
} from '../store.js';
import { type StoredRepair, storedRepairs } from '../stored-content.js';
import { plainText } from '../text-input.js';
import { adminProcedure, authedProcedure, router } from '../trpc.js';
import { validateKeyed } from '../validate-pool.js';
import {
  Id,
  loadVersion,
  MAX_VERSION,
  mayDecideTriage,
  readableReport,
  storedFindings,
  Version,
} from './reports.js';

/** core's ValidationConfig as a schema: rules by id → 'off' | severity | { enabled, severity, options }. */
const Severity = z.enum(['error', 'crossYear', 'warning', 'info']);
export const RuleConfigSchema = z.strictObject({
  rules: z
    .record(
      z.string().max(20),
      z.union([
        z.literal('off'),
        Severity,
        z.strictObject({
          enabled: z.boolean().optional(),
          severity: Severity.optional(),
          options: z
            .record(
              z.string(),
              z.union([z.number(), z.string(), z.boolean(), z.record(z.string(), z.number())]),
            )
            .optional(),
        }),
      ]),
    )
    .optional(),
});

/** What checks.validate says of an input that is neither of its two shapes (id …, or report …). */
const ONE_OF_MESSAGE =
  '请提供 id（已保存的报告，可加 version）或 report（完整的报告，可加 previous）二者之一';

export const checksRouter = router({
  /**
   * Validate a report: a stored one (by id, optionally a version: findings with their triage), or any
   * report sent in full. The same agency's previous-year report is fetched automatically for the
   * cross-year rules X1–X6 when the caller may read it; `previous` overrides it.
   */
  validate: authedProcedure
    // Which of the two it is, before the input is read: given `id` and a malformed `report`, the
    // report's schema errors came back, not that the two cannot both be given.
    .use(async ({ getRawInput, next }) => {
      const raw = await getRawInput();
      // Not an object at all (a list, a string): the schema says what it should be.
      if (raw != null && (typeof raw !== 'object' || Array.isArray(raw))) return next();
      const given = (k: string) => raw != null && (raw as Record<string, unknown>)[k] !== undefined;
      const stored = given('id');
      if (stored === given('report') || (stored && given('previous')) || (!stored && given('version')))
        fail('BAD_REQUEST', 'INVALID_INPUT', ONE_OF_MESSAGE, {
          // As every INVALID_INPUT: the issues with their paths (here the input as a whole) …
          issues: [{ path: '', message: ONE_OF_MESSAGE }],
          // … and the two shapes the input may take.
          accepted: [
            ['id', 'version?'],
            ['report', 'previous?'],
          ],
        });
      return next();
    })
    // One object rather than a union of two: a wrong cell of a sent report is then reported at its
    // path (report.cells.…), not as "id missing" from the other branch.
    .input(
      z.strictObject({
        id: Id.optional(),
        version: Version.optional(),
        report: ReportInput.optional(),
        previous: ReportInput.optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const db = ctx.store.db;
      if (input.id !== undefined) {
        const r = await readableReport(db, ctx.user, input.id);
        const report = await loadVersion(db, r, input.version);
        const { findings, previousYear } = await storedFindings(db, r, report);
        return {
          findings,
          counts: countFindings(findings),
          open: openCounts(findings),
          previousYear,
          // What reading a version an earlier release stored changed, as reports.get says it: the
          // findings are of the content as read (empty when read as stored).
          readRepairs: storedRepairs(report),
        };
      }
      const config = await loadRuleConfig(db);
      let previous: Report | undefined = input.previous;
      let previousYear: { reportId: string; year: number } | null = null;
      const agencyId = input.report!.meta.agency.id;
      const agency = agencyId ? await getAgency(db, agencyId) : undefined;
      const readable = agency && canRead(ctx.user, agency) ? agency : undefined;
      // Judged as a save would store it: totals computed from their parts (a stale derived 总计 is
      // recomputed, as reports.save does), and, for an agency the caller may read, that agency's
      // name, kind and level — so validate and save never disagree about the same content.
      const report = readable
        ? bindToAgency(input.report!, readable, input.report!.meta.year)
        : derive(input.report!).report;
      if (!previous && readable) {
        const prev = await reportFor(db, readable.id, report.meta.year - 1);
        if (prev) {
          previous = prev.report;
          previousYear = { reportId: prev.id, year: report.meta.year - 1 };
        }
      }
      const findings = (await validateKeyed(report, { config, ...(previous ? { previous } : {}) })).map(
        (f) => ({
          ...f,
          triage: null,
        }),
      );
      return {
        findings,
        counts: countFindings(findings),
        open: openCounts(findings),
        previousYear,
        // A report sent is judged as sent (parseReport refused what it would have to repair).
        readRepairs: [] as readonly StoredRepair[],
      };
    }),

  /**
   * Confirm or dismiss a finding of a stored report with a reason. The decision is kept across
   * re-validation and reopens by itself when a cell (or text) the finding depends on changes.
   * `decision: 'clear'` removes it.
   */
  triage: authedProcedure
    .input(
      z.strictObject({
        id: Id,
        findingKey: z.string().min(1).max(2000),
        decision: z.enum(['confirmed', 'dismissed', 'clear']),
        reason: z.string().trim().max(2000).superRefine(plainText('理由')).default(''),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const db = ctx.store.db;
      const r = await readableReport(db, ctx.user, input.id);
      if (!canWrite(ctx.user, r.agency) && !canReview(ctx.user, r.agency))
        fail('FORBIDDEN', 'FORBIDDEN_TRIAGE', '只有该机关的填报人、负责的审核人或管理员可以处理问题');
      // a 填报人 decides while the report is theirs to edit: handed in, what the reviewer sees (and
      // approves) is not changed under them — their counts included
      if (!mayDecideTriage(ctx.user, r))
        fail(
          'FORBIDDEN',
          'TRIAGE_LOCKED',
          `报告${STATUS_LABELS[r.status]}，填报人不能再确认或忽略问题：请联系审核人，或在报告退回后再处理`,
          { status: r.status },
        );
      // The decision and the report's counts marked stale together: a count refresh under way,
      // which read the decisions before this one, does not leave its counts as current.
      const stale = (tx: typeof db) =>
        tx.updateTable('reports').set({ counts_version: staleStamp() }).where('id', '=', r.id).execute();
      if (input.decision === 'clear') {
        await db.transaction().execute(async (tx) => {
          await tx
            .deleteFrom('triage')
            .where('report_id', '=', r.id)
            .where('finding_key', '=', input.findingKey)
            .execute();
          await stale(tx);
        });
        return { ok: true as const, open: await refreshCounts(db, r.id) };
      }
      if (input.reason.length < 2)
        fail('BAD_REQUEST', 'REASON_REQUIRED', '请填写确认或忽略的理由（至少 2 个字）', { minLength: 2 });
      const report = await loadVersion(db, r);
      const { findings } = await storedFindings(db, r, report);
      const f = findings.find((x) => x.key === input.findingKey);
      if (!f)
        fail('NOT_FOUND', 'FINDING_NOT_FOUND', '当前版本中没有这条问题（可能已修正），请重新检查后再处理', {
          findingKey: input.findingKey,
        });
      const row = {
        report_id: r.id,
        finding_key: f.key,
        rule_id: f.ruleId,
        decision: input.decision,
        reason: input.reason,
        snapshot: snapshotOf(report, f),
        actor_id: ctx.user.id,
        version: r.current_version,
        decided_at: now(),
      };
      await db.transaction().execute(async (tx) => {
        await tx
          .deleteFrom('triage')
          .where('report_id', '=', r.id)
          .where('finding_key', '=', f.key)
          .execute();
        await tx.insertInto('triage').values(row).execute();
        await stale(tx);
      });
      return { ok: true as const, open: await refreshCounts(db, r.id) };
    }),

  /**
   * The rule catalogue (id, severity, editions, category, title, hint, options) with this
   * deployment's config and its stamp (`configVersion`: pass it to config.set as expectedVersion).
   */
  rules: authedProcedure.query(async ({ ctx }) => {
    const stamp = await describedStamp(ctx.store.db);
    return {
      rules: describeRules(),
      severities: SEVERITY_LABELS,
      config: await loadRuleConfig(ctx.store.db),
      configVersion: stamp.version,
      configUpdatedAt: stamp.updatedAt,
      configUpdatedBy: stamp.updatedBy,
    };
  }),
});

/** The rule configuration's version, when and by whom (display name) it was last saved. */
async function describedStamp(
  db: Db,
): Promise<{ version: number; updatedAt: string | null; updatedBy: string | null }> {
  const s = await ruleConfigStamp(db);
  const names = s.updatedById ? await userNames(db, [s.updatedById]) : new Map<string, string>();
  return {
    version: s.version,
    updatedAt: s.updatedAt,
    updatedBy: s.updatedById ? (names.get(s.updatedById) ?? s.updatedById) : null,
  };
}

export const configRouter = router({
  /**
   * The deployment's rule configuration (core's ValidationConfig: `rules`) with its stamp: `version`
   * (0 before the first save), `updatedAt`, `updatedBy` (a display name).
   */
  get: authedProcedure.query(async ({ ctx }) => ({
    ...(await loadRuleConfig(ctx.store.db)),
    ...(await describedStamp(ctx.store.db)),
  })),
  /**
   * Replace the rule configuration (管理员): rules off, severities, thresholds. Open-finding counts
   * are recomputed. `expectedVersion` (the `version` read with it): when another admin saved since,
   * nothing is saved — CONFLICT / CONFIG_CONFLICT naming who saved when. Without it the save
   * replaces whatever is there (older clients).
   */
  set: adminProcedure
    .input(RuleConfigSchema.extend({ expectedVersion: z.int().min(0).max(MAX_VERSION).optional() }))
    .mutation(async ({ ctx, input }) => {
      const { expectedVersion, ...rest } = input;
      const config = rest as ValidationConfig;
      const problems = checkConfig(config);
      if (problems.length)
        fail('BAD_REQUEST', 'INVALID_RULE_CONFIG', `规则配置有误：${problems.join('；')}`, { problems });
      const db = ctx.store.db;
      const before = await loadRuleConfig(db);
      const saved = await saveRuleConfig(db, config, ctx.user.id, expectedVersion);
      if (!saved.ok) {
        const c = saved.current;
        const who = c.updatedById
          ? ((await userNames(db, [c.updatedById])).get(c.updatedById) ?? null)
          : null;
        const self = c.updatedById === ctx.user.id;
        // A version the configuration never had (a client's counter, a typo): nobody saved since,
        // and saying so (「已被其他管理员于 刚才 修改」) sent the caller looking for someone.
        const never =
          expectedVersion !== undefined && expectedVersion > c.version
            ? `规则配置还没有第 ${expectedVersion} 版（当前为第 ${c.version} 版），您的修改未保存：expectedVersion 应为您载入规则配置时的版本号（config.get 的 version）`
            : null;
        fail(
          'CONFLICT',
          'CONFIG_CONFLICT',
          never ??
            `规则配置已被${self ? '您本人（在另一个窗口）' : (who ?? '其他管理员')}于 ${c.updatedAt ? chinaTime(c.updatedAt) : '刚才'} 修改（现为第 ${c.version} 版，您修改的是第 ${expectedVersion} 版），您的修改未保存：请重新载入后再修改`,
          {
            currentVersion: c.version,
            expectedVersion,
            updatedAt: c.updatedAt,
            updatedBy: who,
            updatedById: c.updatedById,
          },
        );
      }
      // Every report's counts are stale now: recomputed in the background, in slices that let other
      // requests through; a reader who comes first recomputes what it covers (exact counts always).
      await db.updateTable('reports').set({ counts_version: staleStamp() }).execute();
      void refreshAllStale(db);
      await audit(ctx, ctx.user, {
        action: 'config.set',
        targetType: 'config',
        target: '检查规则配置',
        details: { version: saved.stamp.version, before: before.rules ?? {}, after: config.rules ?? {} },
      });
      return { ...config, ...(await describedStamp(db)) };
    }),
});
