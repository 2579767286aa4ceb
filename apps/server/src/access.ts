import type { Kysely } from 'kysely';
import type { AuthUser } from './auth.js';
import { prepared } from './db/prepared.js';
import type { AgencyTable, Database } from './db/schema.js';
import { fail, notFound } from './errors.js';

export type AgencyRow = AgencyTable;

/**
 * Who may do what, in one place:
 * - 管理员: everything;
 * - 审核人: reads every report of the agencies under their node (the node included) and moves them
 *   through review (return, approve, publish), triages their findings;
 * - 填报人: reads and writes the reports of their one agency, submits them, triages their findings.
 * A 填报人 sees nothing of another agency: a report outside their reach is "not found", not "forbidden".
 */
export function canRead(user: AuthUser, agency: Pick<AgencyRow, 'id' | 'path'>): boolean {
  if (user.role === 'admin') return true;
  if (user.role === 'filler') return user.agencyId === agency.id;
  return user.agencyPath !== null && agency.path.startsWith(user.agencyPath);
}

export function canWrite(user: AuthUser, agency: Pick<AgencyRow, 'id' | 'path'>): boolean {
  if (user.role === 'admin') return true;
  return user.role === 'filler' && user.agencyId === agency.id;
}

export function canReview(user: AuthUser, agency: Pick<AgencyRow, 'id' | 'path'>): boolean {
  if (user.role === 'admin') return true;
  return user.role === 'reviewer' && user.agencyPath !== null && agency.path.startsWith(user.agencyPath);
}

/** Manage agencies: 管理员 anywhere, 审核人 below their node. */
export function canManageUnder(user: AuthUser, parent: Pick<AgencyRow, 'path'> | null): boolean {
  if (user.role === 'admin') return true;
  return (
    user.role === 'reviewer' &&
    parent !== null &&
    user.agencyPath !== null &&
    parent.path.startsWith(user.agencyPath)
  );
}

const agencyQuery = prepared((db, id: string) => db.selectFrom('agencies').selectAll().where('id', '=', id));

export async function getAgency(db: Kysely<Database>, id: string): Promise<AgencyRow | undefined> {
  return (await agencyQuery(db, id)).rows[0];
}

export async function readableAgency(db: Kysely<Database>, user: AuthUser, id: string): Promise<AgencyRow> {
  const a = await getAgency(db, id);
  if (!a || !canRead(user, a)) return notFound('机关', { agencyId: id });
  return a;
}

export function requireWrite(user: AuthUser, agency: AgencyRow): void {
  if (!canWrite(user, agency))
    fail('FORBIDDEN', 'FORBIDDEN_WRITE', `只有${agency.name}的填报人或管理员可以修改该机关的报告`, {
      agencyId: agency.id,
    });
}

export function requireReview(user: AuthUser, agency: AgencyRow): void {
  if (!canReview(user, agency))
    fail('FORBIDDEN', 'FORBIDDEN_REVIEW', `只有负责${agency.name}的审核人或管理员可以执行审核操作`, {
      agencyId: agency.id,
    });
}

/** The subtree filter for list queries: the path prefix a user may see (null = everything). */
export function visiblePrefix(user: AuthUser): { prefix: string | null; onlyAgency: string | null } {
  if (user.role === 'admin') return { prefix: null, onlyAgency: null };
  if (user.role === 'filler') return { prefix: null, onlyAgency: user.agencyId ?? '' };
  return user.agencyPath ? { prefix: user.agencyPath, onlyAgency: null } : { prefix: null, onlyAgency: '' };
}

/** A LIKE pattern for a subtree. Paths are made of UUIDs and slashes only: no wildcard to escape. */
export const likePrefix = (p: string): string => {
  if (!/^[0-9a-f/-]*$/i.test(p)) throw new Error('invalid agency path');
  return `${p}%`;
};
