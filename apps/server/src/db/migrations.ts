import {
  type CreateTableBuilder,
  type Kysely,
  type Migration,
  type MigrationProvider,
  Migrator,
  sql,
} from 'kysely';
import type { DialectName } from './connect.js';
import type { Database } from './schema.js';

/**
 * Migrations in code, written with Kysely's schema builder so that SQLite and PostgreSQL run the
 * very same steps. Never edit a released migration: add the next one.
 */
function migrations(dialect: DialectName): Record<string, Migration> {
  /** An auto-increment integer key, spelled as each database wants it. */
  const serial = (t: CreateTableBuilder<string, never>, name: string) =>
    dialect === 'postgres'
      ? t.addColumn(name, 'serial', (c) => c.primaryKey())
      : t.addColumn(name, 'integer', (c) => c.primaryKey().autoIncrement());
  return {
    '0001_initial': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('agencies')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('parent_id', 'text', (c) => c.references('agencies.id'))
          .addColumn('path', 'text', (c) => c.notNull().unique())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('kind', 'text')
          .addColumn('level', 'text')
          .addColumn('region_code', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('agencies_parent').on('agencies').column('parent_id').execute();

        await db.schema
          .createTable('users')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('username', 'text', (c) => c.notNull().unique())
          .addColumn('display_name', 'text', (c) => c.notNull())
          .addColumn('password_hash', 'text', (c) => c.notNull())
          .addColumn('role', 'text', (c) => c.notNull())
          .addColumn('agency_id', 'text', (c) => c.references('agencies.id'))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();

        await db.schema
          .createTable('sessions')
          .addColumn('token_hash', 'text', (c) => c.primaryKey())
          .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('expires_at', 'text', (c) => c.notNull())
          .execute();

        await db.schema
          .createTable('api_tokens')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('token_hash', 'text', (c) => c.notNull().unique())
          .addColumn('prefix', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('last_used_at', 'text')
          .addColumn('revoked_at', 'text')
          .execute();

        await serial(db.schema.createTable('login_attempts'), 'id')
          .addColumn('key', 'text', (c) => c.notNull())
          .addColumn('at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createIndex('login_attempts_key')
          .on('login_attempts')
          .columns(['key', 'at'])
          .execute();

        await db.schema
          .createTable('reports')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
          .addColumn('year', 'integer', (c) => c.notNull())
          .addColumn('edition', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('current_version', 'integer', (c) => c.notNull())
          .addColumn('published_version', 'integer')
          .addColumn('review_comment', 'text')
          .addColumn('errors', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('cross_year', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('warnings', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('infos', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .addUniqueConstraint('reports_agency_year', ['agency_id', 'year'])
          .execute();
        await db.schema.createIndex('reports_year').on('reports').columns(['year', 'status']).execute();

        await db.schema
          .createTable('report_versions')
          .addColumn('report_id', 'text', (c) => c.notNull().references('reports.id'))
          .addColumn('version', 'integer', (c) => c.notNull())
          .addColumn('content', 'text', (c) => c.notNull())
          .addColumn('content_hash', 'text', (c) => c.notNull())
          .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('note', 'text')
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('reason', 'text')
          .addColumn('status', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('report_versions_pk', ['report_id', 'version'])
          .execute();

        await serial(db.schema.createTable('workflow_events'), 'id')
          .addColumn('report_id', 'text', (c) => c.notNull().references('reports.id'))
          .addColumn('action', 'text', (c) => c.notNull())
          .addColumn('from_status', 'text', (c) => c.notNull())
          .addColumn('to_status', 'text', (c) => c.notNull())
          .addColumn('version', 'integer', (c) => c.notNull())
          .addColumn('actor_id', 'text', (c) => c.notNull().references('users.id'))
          .addColumn('comment', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createIndex('workflow_events_report')
          .on('workflow_events')
          .column('report_id')
          .execute();

        await db.schema
          .createTable('triage')
          .addColumn('report_id', 'text', (c) => c.notNull().references('reports.id'))
          .addColumn('finding_key', 'text', (c) => c.notNull())
          .addColumn('rule_id', 'text', (c) => c.notNull())
          .addColumn('decision', 'text', (c) => c.notNull())
          .addColumn('reason', 'text', (c) => c.notNull())
          .addColumn('snapshot', 'text', (c) => c.notNull())
          .addColumn('actor_id', 'text', (c) => c.notNull().references('users.id'))
          .addColumn('version', 'integer', (c) => c.notNull())
          .addColumn('decided_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('triage_pk', ['report_id', 'finding_key'])
          .execute();

        await db.schema
          .createTable('settings')
          .addColumn('key', 'text', (c) => c.primaryKey())
          .addColumn('value', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .addColumn('updated_by', 'text')
          .execute();
      },
      async down(db: Kysely<unknown>) {
        for (const t of [
          'settings',
          'triage',
          'workflow_events',
          'report_versions',
          'reports',
          'login_attempts',
          'api_tokens',
          'sessions',
          'users',
          'agencies',
        ])
          await db.schema.dropTable(t).ifExists().execute();
      },
    },
    '0002_counts_version': {
      async up(db: Kysely<unknown>) {
        await db.schema.alterTable('reports').addColumn('counts_version', 'integer').execute();
      },
      async down(db: Kysely<unknown>) {
        await db.schema.alterTable('reports').dropColumn('counts_version').execute();
      },
    },
    '0003_import_diagnostics': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('import_diagnostics')
          .addColumn('report_id', 'text', (c) => c.notNull().references('reports.id'))
          .addColumn('version', 'integer', (c) => c.notNull())
          .addColumn('diagnostics', 'text', (c) => c.notNull())
          .addColumn('file_name', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('import_diagnostics_pk', ['report_id', 'version'])
          .execute();
      },
      async down(db: Kysely<unknown>) {
        await db.schema.dropTable('import_diagnostics').ifExists().execute();
      },
    },
    '0004_users_disabled': {
      async up(db: Kysely<unknown>) {
        await db.schema.alterTable('users').addColumn('disabled_at', 'text').execute();
      },
      async down(db: Kysely<unknown>) {
        await db.schema.alterTable('users').dropColumn('disabled_at').execute();
      },
    },
    '0005_dismissed_errors': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .alterTable('reports')
          .addColumn('dismissed_errors', 'integer', (c) => c.notNull().defaultTo(0))
          .execute();
        // Every report's counts are recomputed by the next reader, with the new count.
        await db
          .updateTable('reports' as never)
          .set({ counts_version: null } as never)
          .execute();
      },
      async down(db: Kysely<unknown>) {
        await db.schema.alterTable('reports').dropColumn('dismissed_errors').execute();
      },
    },
    '0006_published_on_audit': {
      async up(db: Kysely<unknown>) {
        // The day a report was published (given at 发布 for one published elsewhere before, else the
        // day of the 发布 step): F1/F2 check it. Reports published before: the day of their first step.
        await db.schema.alterTable('reports').addColumn('published_on', 'text').execute();
        const events = (await db
          .selectFrom('workflow_events' as never)
          .select(['report_id', 'created_at'] as never)
          .where('action' as never, '=', 'publish' as never)
          .orderBy('id' as never)
          .execute()) as unknown as { report_id: string; created_at: string }[];
        const first = new Map<string, string>();
        for (const e of events)
          if (!first.has(e.report_id)) first.set(e.report_id, e.created_at.slice(0, 10));
        for (const [id, day] of first) {
          // The date the published report states, where it states one; else the day of the step.
          const v = (
            await sql<{ content: string }>`select v.content from report_versions v
              join reports r on r.id = v.report_id and r.published_version = v.version
              where r.id = ${id}`.execute(db)
          ).rows[0];
          let stated: unknown;
          try {
            stated = v
              ? (JSON.parse(v.content) as { meta?: { publishedOn?: unknown } }).meta?.publishedOn
              : undefined;
          } catch {}
          await db
            .updateTable('reports' as never)
            .set({ published_on: typeof stated === 'string' ? stated : day } as never)
            .where('id' as never, '=', id as never)
            .execute();
        }
        // The rule configuration's version: a save naming the version it started from is refused when
        // another admin saved in between.
        await db.schema
          .alterTable('settings')
          .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
          .execute();
        // What administrators did (users, rules, agencies): who, what, whom, when.
        await serial(db.schema.createTable('audit_log'), 'id')
          .addColumn('at', 'text', (c) => c.notNull())
          .addColumn('actor_id', 'text')
          .addColumn('actor', 'text', (c) => c.notNull())
          .addColumn('action', 'text', (c) => c.notNull())
          .addColumn('target_type', 'text', (c) => c.notNull())
          .addColumn('target_id', 'text')
          .addColumn('target', 'text')
          .addColumn('details', 'text')
          .execute();
        await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();
      },
      async down(db: Kysely<unknown>) {
        await db.schema.dropTable('audit_log').ifExists().execute();
        await db.schema.alterTable('settings').dropColumn('version').execute();
        await db.schema.alterTable('reports').dropColumn('published_on').execute();
      },
    },
    '0007_must_change_password': {
      async up(db: Kysely<unknown>) {
        // 1 = the password was set by a 管理员 (a new account, a reset): its owner chooses their own
        // at the next login before anything else. Accounts already there are not asked (0).
        await db.schema
          .alterTable('users')
          .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
          .execute();
      },
      async down(db: Kysely<unknown>) {
        await db.schema.alterTable('users').dropColumn('must_change_password').execute();
      },
    },
    '0008_deleted_reports': {
      async up(db: Kysely<unknown>) {
        // Drafts deleted, kept by id: an integrator's incremental sync (reports.list updatedSince)
        // learns of a deletion from reports.deleted instead of keeping the draft for ever.
        await db.schema
          .createTable('deleted_reports')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('agency_id', 'text', (c) => c.notNull())
          .addColumn('year', 'integer', (c) => c.notNull())
          .addColumn('deleted_at', 'text', (c) => c.notNull())
          .addColumn('deleted_by', 'text')
          .execute();
        await db.schema
          .createIndex('deleted_reports_deleted_at')
          .on('deleted_reports')
          .column('deleted_at')
          .execute();
      },
      async down(db: Kysely<unknown>) {
        await db.schema.dropTable('deleted_reports').execute();
      },
    },
  };
}

/** Bring the database to the latest schema; throws with every failing step named. */
/**
 * `schema` (PostgreSQL): where the migration bookkeeping lives; Kysely otherwise finds another
 * schema's bookkeeping tables by name and skips creating its own.
 */
export async function migrateToLatest(
  db: Kysely<Database>,
  dialect: DialectName,
  schema?: string,
): Promise<void> {
  const provider: MigrationProvider = { getMigrations: async () => migrations(dialect) };
  const migrator = new Migrator({
    db,
    provider,
    ...(dialect === 'postgres' ? { migrationTableSchema: schema ?? 'public' } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.filter((r) => r.status === 'Error').map((r) => r.migrationName) ?? [];
    throw new Error(
      `数据库迁移失败：${failed.join('、') || '未知步骤'}：${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
