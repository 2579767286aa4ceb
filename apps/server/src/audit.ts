import { z } from 'zod';
import type { AuthUser } from './auth.js';
import { now } from './auth.js';
import type { Db } from './store.js';
import { adminProcedure, router, type ServerOptions } from './trpc.js';

/** One administrative action: who did what to whom (when is added here). */
export interface AuditEntry {
  /** The procedure: users.create, users.setDisabled, config.set, agencies.edit … */
  readonly action: string;
  readonly targetType: 'user' | 'agency' | 'config' | 'token' | 'address';
  readonly targetId?: string | null;
  /** The target as people read it: a user name, an agency's name. */
  readonly target?: string | null;
  /** What changed (no password, no token). */
  readonly details?: Record<string, unknown>;
}

/**
 * Record an administrative action: a row of the audit table (`audit.list`, 管理员 only) and one
 * structured line in the operator's log — `[admin] {"at":…,"actor":…,"action":…,"target":…}`.
 * Nothing secret goes in either.
 */
export async function audit(
  ctx: { store: { db: Db }; options: Pick<ServerOptions, 'log'> },
  actor: Pick<AuthUser, 'id' | 'username'> | null,
  entry: AuditEntry,
): Promise<void> {
  const at = now();
  const row = {
    at,
    actor_id: actor?.id ?? null,
    actor: actor?.username ?? '（服务器启动设置）',
    action: entry.action,
    target_type: entry.targetType,
    target_id: entry.targetId ?? null,
    target: entry.target ?? null,
    details: entry.details ? JSON.stringify(entry.details) : null,
  };
  ctx.options.log(
    `[admin] ${JSON.stringify({
      at,
      actor: row.actor,
      actorId: row.actor_id,
      action: row.action,
      targetType: row.target_type,
      targetId: row.target_id,
      target: row.target,
      ...(entry.details ? { details: entry.details } : {}),
    })}`,
  );
  await ctx.store.db.insertInto('audit_log').values(row).execute();
}

export const auditRouter = router({
  /**
   * What administrators did, newest first (管理员 only): users created, changed, disabled or given a
   * new password, the rule configuration saved, agencies created, changed or removed, the admin
   * password reset at startup. Paged: `limit` (100, at most 500) and `before` — the `nextBefore` of the
   * previous page; filter by `action`.
   */
  list: adminProcedure
    .input(
      z
        .strictObject({
          limit: z.int().min(1).max(500).default(100),
          before: z.int().min(1).max(2_147_483_647).optional(),
          action: z.string().min(1).max(100).optional(),
        })
        .default({ limit: 100 }),
    )
    .query(async ({ ctx, input }) => {
      let q = ctx.store.db.selectFrom('audit_log').selectAll();
      if (input.before !== undefined) q = q.where('id', '<', input.before);
      if (input.action) q = q.where('action', '=', input.action);
      const rows = await q
        .orderBy('id', 'desc')
        .limit(input.limit + 1)
        .execute();
      const page = rows.slice(0, input.limit);
      return {
        items: page.map((r) => ({
          id: Number(r.id),
          at: r.at,
          actorId: r.actor_id,
          actor: r.actor,
          action: r.action,
          targetType: r.target_type,
          targetId: r.target_id,
          target: r.target,
          details: r.details ? (JSON.parse(r.details) as Record<string, unknown>) : null,
        })),
        nextBefore: rows.length > input.limit ? Number(page.at(-1)!.id) : null,
      };
    }),
});
