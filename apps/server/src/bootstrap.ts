import { randomBytes } from 'node:crypto';
import { hashPassword, newId, now } from './auth.js';
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
  if (options.password !== undefined && options.password.length < 8)
    throw new Error('NIANBAO_ADMIN_PASSWORD 至少 8 位');
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
