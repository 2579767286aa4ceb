import type { Generated } from 'kysely';

/** Roles: 填报人 writes one agency's reports, 审核人 reviews a region node, 管理员 administers. */
export const ROLES = ['filler', 'reviewer', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const ROLE_LABELS: Record<Role, string> = { filler: '填报人', reviewer: '审核人', admin: '管理员' };

/** Workflow: 草稿 → 已提交 → 已退回 / 已通过 → 已发布. */
export const STATUSES = ['draft', 'submitted', 'returned', 'approved', 'published'] as const;
export type ReportStatus = (typeof STATUSES)[number];
/**
 * What a region's roll-up, its export and its open data take when the caller names no statuses: the
 * reports an agency has handed in (已提交/已通过/已发布), never a draft or a returned one, so the
 * three agree and no unfinished number reaches a sum.
 */
export const REGION_STATUSES: readonly ReportStatus[] = ['submitted', 'approved', 'published'];
export const STATUS_LABELS: Record<ReportStatus, string> = {
  draft: '草稿',
  submitted: '已提交',
  returned: '已退回',
  approved: '已通过',
  published: '已发布',
};

export interface AgencyTable {
  id: string;
  parent_id: string | null;
  /** Materialised path of ids, `/root/…/self/`: a subtree is `path LIKE '/…/node/%'`. */
  path: string;
  name: string;
  kind: string | null;
  level: string | null;
  region_code: string | null;
  created_at: string;
}

export interface UserTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  role: Role;
  /** 填报人: their agency; 审核人: their region node; 管理员: null. */
  agency_id: string | null;
  created_at: string;
  /** Set when a 管理员 disables the account (someone who left): no login, no session, no token. */
  disabled_at: string | null;
  /**
   * 1 when a 管理员 set the password (created the account or reset it, with `mustChangePassword`):
   * until its owner chooses their own (auth.changePassword), their login session may do nothing else.
   */
  must_change_password: Generated<number>;
}

export interface SessionTable {
  token_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
}

export interface ApiTokenTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  prefix: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface LoginAttemptTable {
  id: Generated<number>;
  key: string;
  at: string;
}

export interface ReportTable {
  id: string;
  agency_id: string;
  year: number;
  edition: string;
  status: ReportStatus;
  current_version: number;
  published_version: number | null;
  review_comment: string | null;
  /** Open (untriaged or reopened) failed findings by severity, for list filters. */
  errors: number;
  cross_year: number;
  warnings: number;
  infos: number;
  /** Failed error and cross-year findings dismissed in triage (kept apart, so a reviewer sees them). */
  dismissed_errors: number;
  /** The version the counts were computed for; null or older than current_version = stale. */
  counts_version: number | null;
  /** The day (YYYY-MM-DD) the report was published: given at 发布, the report's own date, or that day. */
  published_on: string | null;
  created_at: string;
  updated_at: string;
}

export interface ReportVersionTable {
  report_id: string;
  version: number;
  content: string;
  content_hash: string;
  author_id: string;
  created_at: string;
  note: string | null;
  /** create | save | import | correction */
  kind: string;
  /** Correction reason (更正说明) for kind = correction. */
  reason: string | null;
  status: ReportStatus;
}

export interface WorkflowEventTable {
  id: Generated<number>;
  report_id: string;
  action: string;
  from_status: string;
  to_status: string;
  version: number;
  actor_id: string;
  comment: string | null;
  created_at: string;
}

export interface TriageTable {
  report_id: string;
  finding_key: string;
  rule_id: string;
  decision: 'confirmed' | 'dismissed';
  reason: string;
  /** JSON: the values of the cells (and texts of sections) the finding depends on, when decided. */
  snapshot: string;
  actor_id: string;
  version: number;
  decided_at: string;
}

/** The importer's diagnostics (@nianbao/ingest `IngestDiagnostics`, JSON) of a version that came from an import. */
export interface ImportDiagnosticsTable {
  report_id: string;
  version: number;
  diagnostics: string;
  file_name: string | null;
  created_at: string;
}

export interface SettingTable {
  key: string;
  value: string;
  updated_at: string;
  updated_by: string | null;
  /** Counts every save of the setting (optimistic concurrency of the rule configuration). */
  version: Generated<number>;
}

/** One administrative action (a user created or disabled, the rules changed …): who, what, whom, when. */
/** A draft deleted (reports.delete): what an integrator's incremental sync must drop. */
export interface DeletedReportTable {
  id: string;
  agency_id: string;
  year: number;
  deleted_at: string;
  deleted_by: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor_id: string | null;
  /** The actor's user name (kept as it was then). */
  actor: string;
  /** users.create, users.setDisabled, config.set … (the procedure). */
  action: string;
  target_type: string;
  target_id: string | null;
  /** The target as people read it (a user name, an agency's name). */
  target: string | null;
  /** JSON: what changed. */
  details: string | null;
}

export interface Database {
  agencies: AgencyTable;
  users: UserTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  login_attempts: LoginAttemptTable;
  reports: ReportTable;
  report_versions: ReportVersionTable;
  workflow_events: WorkflowEventTable;
  triage: TriageTable;
  settings: SettingTable;
  import_diagnostics: ImportDiagnosticsTable;
  audit_log: AuditLogTable;
  deleted_reports: DeletedReportTable;
}
