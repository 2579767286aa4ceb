import { randomBytes } from 'node:crypto';
import { chinaTime } from '@nianbao/core';
import { audit } from './audit.js';
import { clearUserFailures, DEFAULT_RATE_LIMIT, hashPassword, newId, now, verifyPassword } from './auth.js';
import { sameAsUsername, weakPasswordProblem } from './passwords.js';

/**
 * PORT as the server takes it: a whole number 1–65535, 8787 when unset (0 — any free port — is taken
 * too: the tests start servers so). Anything else stops the start, saying what a valid value is.
 */
export function parsePort(text: string | undefined): number {
  const t = text?.trim() || '8787';
  const port = Number(t);
  if (!/^\d+$/.test(t) || port > 65535)
    throw new Error(`PORT 无效：${text}（应为 1–65535 之间的整数端口号，如 PORT=8787）`);
  return port;
}

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
  /**
   * True when the password was made here (printed once, so it stays in the log): the account must
   * choose its own at the first login (mustChangePassword). False when it came from the caller.
   */
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
      // A password printed to the console stays in the log: its owner replaces it before anything else.
      must_change_password: options.password === undefined ? 1 : 0,
    })
    .execute();
  return { id, username: 'admin', password, generated: options.password === undefined };
}

/** The console line of the first start without the demo. */
export function firstAdminLine(admin: FirstAdmin): string {
  return admin.generated
    ? `首次启动：已创建管理员账号 admin，密码 ${admin.password}（仅本次显示，但会留在本日志中，直到您修改它：首次登录后须先设置自己的密码，才能使用本系统）。`
    : '首次启动：已创建管理员账号 admin，密码为 NIANBAO_ADMIN_PASSWORD 的值。';
}

/**
 * A 管理员 who lost their password, and no other 管理员 to reset it (`NIANBAO_ADMIN_RESET=1` with
 * `NIANBAO_ADMIN_PASSWORD`, set by whoever runs the server): the existing account `admin` gets that
 * password, to be replaced at its next login (mustChangePassword), and is enabled; its failed logins
 * are forgotten and its sessions end. No other account is touched, and no account is created.
 * Applied unconditionally: `applyAdminReset` is what a start calls (once per password).
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
    .set({ password_hash: await hashPassword(password), disabled_at: null, must_change_password: 1 })
    .where('id', '=', admin.id)
    .execute();
  await db.deleteFrom('sessions').where('user_id', '=', admin.id).execute();
  // Its lock by failed logins goes too — from every address (the name's count at each address),
  // not only the name's count from all of them.
  await clearUserFailures(db, 'admin', DEFAULT_RATE_LIMIT);
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

/** The settings row remembering the last reset applied: a scrypt hash of its password, never the password. */
const RESET_KEY = 'admin_reset';

export type AdminResetOutcome =
  | { readonly applied: true; readonly reenabled: boolean }
  /** This very password was applied before (at `appliedAt`): nothing was done. */
  | { readonly applied: false; readonly appliedAt: string };

/**
 * `NIANBAO_ADMIN_RESET=1` at a start: the reset is applied once per password. Left in a systemd unit
 * or a compose file, the same variables at the next start do nothing (the admin's own password,
 * chosen since, and a disabled `admin` stay as they are); a new NIANBAO_ADMIN_PASSWORD applies again.
 * `alreadySet`: the account was just made with that password (the first start): only remembered.
 */
export async function applyAdminReset(
  store: Store,
  password: string,
  options: { alreadySet?: boolean } = {},
): Promise<AdminResetOutcome> {
  checkAdminPassword(password);
  const db = store.db;
  const previous = await db
    .selectFrom('settings')
    .select(['value', 'updated_at'])
    .where('key', '=', RESET_KEY)
    .executeTakeFirst();
  if (previous) {
    let hash: unknown;
    try {
      hash = (JSON.parse(previous.value) as { passwordHash?: unknown }).passwordHash;
    } catch {}
    if (typeof hash === 'string' && (await verifyPassword(password, hash)))
      return { applied: false, appliedAt: previous.updated_at };
  }
  const outcome = options.alreadySet ? { reenabled: false } : await resetAdminPassword(store, password);
  const value = JSON.stringify({ passwordHash: await hashPassword(password) });
  const at = now();
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom('settings').where('key', '=', RESET_KEY).execute();
    await tx
      .insertInto('settings')
      .values({ key: RESET_KEY, value, updated_at: at, updated_by: null })
      .execute();
  });
  return { applied: true, ...outcome };
}

/** The console line of a start with NIANBAO_ADMIN_RESET. */
export function adminResetLine(outcome: AdminResetOutcome, firstStart = false): string {
  if (!outcome.applied)
    return `NIANBAO_ADMIN_RESET：这个 NIANBAO_ADMIN_PASSWORD 已于 ${chinaTime(outcome.appliedAt)}（北京时间）重设过管理员 admin 的密码，本次未再重设（admin 之后自己设置的密码和账号的停用状态保持不变）。请从启动配置中去掉 NIANBAO_ADMIN_RESET 和 NIANBAO_ADMIN_PASSWORD；需要再次重设时，请给出一个新的 NIANBAO_ADMIN_PASSWORD`;
  if (firstStart)
    return '首次启动已用 NIANBAO_ADMIN_PASSWORD 创建管理员 admin，NIANBAO_ADMIN_RESET 无需重设；以后启动请去掉 NIANBAO_ADMIN_RESET 和 NIANBAO_ADMIN_PASSWORD';
  return `已按 NIANBAO_ADMIN_RESET 把管理员 admin 的密码重设为 NIANBAO_ADMIN_PASSWORD 的值${outcome.reenabled ? '，并重新启用了已停用的 admin 账号' : ''}，其登录已全部退出；admin 登录后须先设置自己的密码。此重设只生效一次（同一个密码以后启动不会再重设），以后启动请去掉 NIANBAO_ADMIN_RESET 和 NIANBAO_ADMIN_PASSWORD`;
}
