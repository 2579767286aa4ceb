import { randomBytes } from 'node:crypto';
import { audit } from './audit.js';
import { hashPassword, newId, now } from './auth.js';
import { sameAsUsername, weakPasswordProblem } from './passwords.js';

/** NIANBAO_ADMIN_PASSWORD as every new password is checked (a weak one refused at start). */
function checkAdminPassword(password: string): void {
  const problem =
    weakPasswordProblem(password) ?? (sameAsUsername(password, 'admin') ? '密码不能与用户名相同' : null);
  if (problem) throw new Error(`NIANBAO_ADMIN_PASSWORD 不可用：${problem}`);
}

import type { Store } from './db/connect.js';

export interface FirstAdmin {
  readonly id: string;
  readonly username: string;
  readonly password: string;
  /** True when the password was made here (print it once); false when it came from the caller. */
  readonly generated: boolean;
}

/**
 * A deployment without the demo (`NIANBAO_SEED=off`) starts with no user at all, and only a 管理员
 * may create users and agencies: on first start it gets one, `admin`, with the given password or a
 * generated one to print once. Does nothing (null) when any user exists. The demo seed starts the
 * same way, then creates everything else through the API as that admin.
 */
export async function createFirstAdmin(
  store: Store,
  options: { password?: string | undefined } = {},
): Promise<FirstAdmin | null> {
  const db = store.db;
  if (await db.selectFrom('users').select('id').limit(1).executeTakeFirst()) return null;
  if (options.password !== undefined) checkAdminPassword(options.password);
  const password = options.password ?? randomBytes(12).toString('base64url');
  const id = newId();
  await db
    .insertInto('users')
    .values({
      id,
      username: 'admin',
      display_name: '系统管理员',
      password_hash: await hashPassword(password),
      role: 'admin',
      agency_id: null,
      created_at: now(),
    })
    .execute();
  return { id, username: 'admin', password, generated: options.password === undefined };
}

/**
 * A 管理员 who lost their password, and no other 管理员 to reset it (`NIANBAO_ADMIN_RESET=1` with
 * `NIANBAO_ADMIN_PASSWORD`, set by whoever runs the server): the existing account `admin` gets that
 * password and is enabled; its failed logins are forgotten and its sessions end. No other account
 * is touched, and no account is created.
 */
export async function resetAdminPassword(store: Store, password: string): Promise<{ reenabled: boolean }> {
  checkAdminPassword(password);
  const db = store.db;
  const admin = await db
    .selectFrom('users')
    .select(['id', 'role', 'disabled_at'])
    .where('username', '=', 'admin')
    .executeTakeFirst();
  if (!admin) throw new Error('没有名为 admin 的账号，无法重设（NIANBAO_ADMIN_RESET 只重设 admin 的密码）');
  if (admin.role !== 'admin') throw new Error('账号 admin 不是管理员，未重设');
  await db
    .updateTable('users')
    .set({ password_hash: await hashPassword(password), disabled_at: null })
    .where('id', '=', admin.id)
    .execute();
  await db.deleteFrom('sessions').where('user_id', '=', admin.id).execute();
  await db.deleteFrom('login_attempts').where('key', '=', 'user:admin').execute();
  const reenabled = admin.disabled_at !== null;
  // The console says it (main); the audit table keeps it.
  await audit({ store, options: { log: () => {} } }, null, {
    action: 'startup.adminReset',
    targetType: 'user',
    targetId: admin.id,
    target: 'admin',
    details: { reenabled },
  });
  return { reenabled };
}
