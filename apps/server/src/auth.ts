import { createHash, randomBytes, randomUUID, scrypt, timingSafeEqual } from 'node:crypto';
import { isIPv6 } from 'node:net';
import { TRPCError } from '@trpc/server';
import type { Kysely } from 'kysely';
import { prepared } from './db/prepared.js';
import type { Database, Role } from './db/schema.js';
import { AppError } from './errors.js';

/** scrypt parameters; N=16384 r=8 p=1 takes ~30–50 ms: slow for an attacker, fine for a login. */
const N = 16384;
const R = 8;
const P = 1;
const KEYLEN = 32;

function scryptAsync(password: string, salt: Buffer, n = N): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(
      password.normalize('NFC'),
      salt,
      KEYLEN,
      { N: n, r: R, p: P, maxmem: 64 * 1024 * 1024 },
      (err, key) => (err ? reject(err) : resolve(key)),
    ),
  );
}

/** `scrypt$N$r$p$salt$hash` (base64url). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt);
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const n = Number(parts[1]);
  const salt = Buffer.from(parts[4]!, 'base64url');
  const expected = Buffer.from(parts[5]!, 'base64url');
  const key = await scryptAsync(password, salt, n);
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** Session ids and API tokens are stored only as their SHA-256. */
export const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

export const newId = (): string => randomUUID();
export const newSecret = (prefix: string): string => `${prefix}_${randomBytes(24).toString('base64url')}`;
export const now = (): string => new Date().toISOString();

export const SESSION_COOKIE = 'nianbao_session';
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export interface AuthUser {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly agencyId: string | null;
  /** Materialised path of that agency (the reviewer's subtree is everything below it). */
  readonly agencyPath: string | null;
  /** How the request authenticated. */
  readonly via: 'session' | 'token';
  /**
   * The password was set by a 管理员 (a new account, a reset) and its owner has not chosen their own
   * yet: their login session may only read auth.me, log out and change the password.
   */
  readonly mustChangePassword?: boolean;
}

/** Said to a session whose password a 管理员 set, for anything but auth.me, logout and changePassword. */
export const PASSWORD_CHANGE_REQUIRED =
  '您的密码是管理员设置的初始密码：请先在“修改密码”中设置您自己的密码，然后才能使用本系统';

export function passwordChangeRequired(): TRPCError {
  return new TRPCError({
    code: 'FORBIDDEN',
    message: PASSWORD_CHANGE_REQUIRED,
    cause: new AppError('PASSWORD_CHANGE_REQUIRED', PASSWORD_CHANGE_REQUIRED),
  });
}

export async function createSession(
  db: Kysely<Database>,
  userId: string,
): Promise<{ token: string; expiresAt: Date }> {
  const token = newSecret('s');
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
  // Housekeeping: expired sessions go when someone logs in.
  await db.deleteFrom('sessions').where('expires_at', '<', now()).execute();
  await db
    .insertInto('sessions')
    .values({
      token_hash: sha256(token),
      user_id: userId,
      created_at: now(),
      expires_at: expiresAt.toISOString(),
    })
    .execute();
  return { token, expiresAt };
}

const userColumns = [
  'users.id',
  'users.username',
  'users.display_name',
  'users.role',
  'users.agency_id',
  'users.must_change_password',
  'agencies.path as agency_path',
] as const;

function toAuthUser(
  row: {
    id: string;
    username: string;
    display_name: string;
    role: Role;
    agency_id: string | null;
    agency_path: string | null;
    must_change_password: number | string | null;
  },
  via: AuthUser['via'],
): AuthUser {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    agencyId: row.agency_id,
    agencyPath: row.agency_path,
    via,
    mustChangePassword: Number(row.must_change_password) === 1,
  };
}

// Prepared once (db/prepared.ts): every request asks who it is.
const tokenUserQuery = prepared((db, tokenHash: string) =>
  db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .leftJoin('agencies', 'agencies.id', 'users.agency_id')
    .select([...userColumns, 'api_tokens.id as token_id', 'api_tokens.last_used_at'])
    .where('api_tokens.token_hash', '=', tokenHash)
    .where('api_tokens.revoked_at', 'is', null)
    .where('users.disabled_at', 'is', null),
);
const sessionUserQuery = prepared((db, tokenHash: string) =>
  db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .leftJoin('agencies', 'agencies.id', 'users.agency_id')
    .select([...userColumns, 'sessions.expires_at'])
    .where('sessions.token_hash', '=', tokenHash)
    .where('users.disabled_at', 'is', null),
);

/** The user of a session cookie or a bearer token, or null. */
export async function authenticate(
  db: Kysely<Database>,
  creds: { sessionToken?: string | undefined; bearer?: string | undefined },
): Promise<AuthUser | null> {
  if (creds.bearer) {
    const row = (await tokenUserQuery(db, sha256(creds.bearer))).rows[0];
    if (!row) return null;
    // Record use at most once a minute: a token hammering the API must not write on every call.
    const t = now();
    if (!row.last_used_at || Date.parse(t) - Date.parse(row.last_used_at) > 60_000)
      await db.updateTable('api_tokens').set({ last_used_at: t }).where('id', '=', row.token_id).execute();
    return toAuthUser(row, 'token');
  }
  if (creds.sessionToken) {
    const row = (await sessionUserQuery(db, sha256(creds.sessionToken))).rows[0];
    if (!row || Date.parse(row.expires_at) < Date.now()) return null;
    return toAuthUser(row, 'session');
  }
  return null;
}

/**
 * Whether credentials that did not sign anyone in are those of a disabled account: a token not
 * revoked, or a session not expired, of a user whose account is disabled. Asked only when
 * `authenticate` found no one, so it costs nothing on the way of a signed-in request. Telling the
 * caller reveals nothing to a stranger: only the holder of the secret (the token, the cookie) can
 * learn it.
 */
export async function credentialOfDisabledAccount(
  db: Kysely<Database>,
  creds: { sessionToken?: string | undefined; bearer?: string | undefined },
): Promise<boolean> {
  if (creds.bearer) {
    const row = await db
      .selectFrom('api_tokens')
      .innerJoin('users', 'users.id', 'api_tokens.user_id')
      .select('api_tokens.id')
      .where('api_tokens.token_hash', '=', sha256(creds.bearer))
      .where('api_tokens.revoked_at', 'is', null)
      .where('users.disabled_at', 'is not', null)
      .executeTakeFirst();
    return row !== undefined;
  }
  if (creds.sessionToken) {
    const row = await db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select('sessions.expires_at')
      .where('sessions.token_hash', '=', sha256(creds.sessionToken))
      .where('users.disabled_at', 'is not', null)
      .executeTakeFirst();
    return row !== undefined && Date.parse(row.expires_at) >= Date.now();
  }
  return false;
}

export interface RateLimit {
  /**
   * Failed attempts allowed per user name from one client address within the window: that name is
   * locked at that address. Someone typing wrong passwords for a user elsewhere does not lock the
   * user out of their own office.
   */
  readonly maxFailures: number;
  /**
   * Failed attempts allowed per user name from all addresses together within the window (default
   * 30): a guesser spread over many addresses. Past it the name is locked from every address but
   * those its user logged in from within `knownAddressMs` — the real user's usual ones.
   */
  readonly maxFailuresPerName?: number;
  /** How long an address where a user logged in stays one of their usual addresses (default 90 days). */
  readonly knownAddressMs?: number;
  /**
   * Failed attempts allowed per client address within the window, whatever the user names: a
   * guesser's ceiling. High, as an office behind one NAT address (or a proxy without
   * NIANBAO_TRUST_PROXY) shares it.
   */
  readonly maxFailuresPerIp: number;
  /**
   * Distinct user names allowed to fail from one client address within the window (one password
   * tried on many accounts). A person's typos on their own name count as one name, and none once
   * they log in. Default 20.
   */
  readonly maxNamesPerIp?: number;
  readonly windowMs: number;
}

export const DEFAULT_RATE_LIMIT: RateLimit = {
  maxFailures: 5,
  maxFailuresPerName: 30,
  knownAddressMs: 90 * 24 * 60 * 60 * 1000,
  maxFailuresPerIp: 100,
  maxNamesPerIp: 20,
  windowMs: 15 * 60 * 1000,
};

const DEFAULT_NAMES_PER_IP = 20;
const DEFAULT_FAILURES_PER_NAME = 30;
const DEFAULT_KNOWN_ADDRESS_MS = 90 * 24 * 60 * 60 * 1000;
const perName = (limit: RateLimit): number => limit.maxFailuresPerName ?? DEFAULT_FAILURES_PER_NAME;
const knownFor = (limit: RateLimit): number => limit.knownAddressMs ?? DEFAULT_KNOWN_ADDRESS_MS;

/** What a login is refused for: the user name's lock, or the client address's. */
export type LockScope = 'user' | 'address';
/**
 * A user name's lock: at this address only (`maxFailures` failures from it), or at every address
 * but its user's usual ones (`maxFailuresPerName` failures from all).
 */
export type UserLockReach = 'this-address' | 'all-addresses';

/**
 * The keys of login_attempts: `user:<name>` (lower-cased), `ip:<address>` and, for each (address,
 * user name), `ipn:<h(address)>:<h(name)>` — hashed, so that a LIKE on its prefix meets no wildcard.
 * `ok:<h(name)>:<h(address)>` is no failure: the last successful login of that name from that
 * address (kept `knownAddressMs`), which makes it one of the user's usual addresses.
 */
const h = (s: string): string => sha256(s).slice(0, 16);
export const userKey = (username: string): string => `user:${username.toLowerCase()}`;
const ipKey = (address: string): string => `ip:${address}`;
const ipNameKey = (address: string, username: string): string =>
  `ipn:${h(address)}:${h(username.toLowerCase())}`;
const knownKey = (username: string, address: string): string =>
  `ok:${h(username.toLowerCase())}:${h(address)}`;

/**
 * The address a login's limits count by: an IPv6 client by its /64 — one household's or office's
 * network, whose every device (and anyone on it) may take a new address within it at will, so that
 * counting by the full address let a guesser start afresh with every attempt — as
 * `2001:db8:1:2::/64`; an IPv4-mapped IPv6 address (`::ffff:203.0.113.9`) as the IPv4 address; any
 * other as it is.
 */
export function addressKey(address: string): string {
  const a = address.trim();
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(a);
  if (mapped) return mapped[1]!;
  const bare = a.split('%')[0]!;
  if (!isIPv6(bare)) return a;
  let s = bare;
  const v4 = /^(.*:)(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (v4) {
    const [b0, b1, b2, b3] = v4.slice(2).map(Number) as [number, number, number, number];
    s = `${v4[1]}${((b0 << 8) | b1).toString(16)}:${((b2 << 8) | b3).toString(16)}`;
  }
  const [head, tail] = s.split('::') as [string, string | undefined];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t];
  return `${groups
    .slice(0, 4)
    .map((g) => Number.parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}

export function attemptKeys(username: string, address: string): string[] {
  return [userKey(username), ipKey(address), ipNameKey(address, username)];
}

const since = (limit: RateLimit): string => new Date(Date.now() - limit.windowMs).toISOString();

/** When a lock of `max` failures among `ats` (ascending) ends, or null when there is none. */
function lockEnd(ats: readonly string[], max: number, windowMs: number): Date | null {
  if (ats.length < max) return null;
  return new Date(Date.parse(ats[ats.length - max]!) + windowMs);
}

/**
 * When an address's lock ends, from its failures (ascending) and the last failure of each user name
 * tried from it: `maxFailuresPerIp` failures, or `maxNamesPerIp` names, within the window.
 */
function addressLockEnd(
  failures: readonly string[],
  lastPerName: readonly string[],
  limit: RateLimit,
): Date | null {
  const byCount = lockEnd(failures, limit.maxFailuresPerIp, limit.windowMs);
  const byNames = lockEnd(
    [...lastPerName].sort(),
    limit.maxNamesPerIp ?? DEFAULT_NAMES_PER_IP,
    limit.windowMs,
  );
  if (!byCount) return byNames;
  if (!byNames) return byCount;
  return new Date(Math.max(byCount.getTime(), byNames.getTime()));
}

/**
 * The rows a count takes: `settled` — failures only, not the attempts whose password is being
 * checked now (`reserveAttempt` dates them ahead, PENDING_MS); `upToId` — those made up to this id.
 */
interface RowsCounted {
  readonly settled?: boolean;
  readonly upToId?: number;
}

/** The last failure of each user name tried from an address, within the window. */
async function namesFrom(
  db: Kysely<Database>,
  address: string,
  limit: RateLimit,
  only: RowsCounted = {},
): Promise<string[]> {
  let q = db
    .selectFrom('login_attempts')
    .select(['key', (eb) => eb.fn.max('at').as('last')])
    .where('key', 'like', `ipn:${h(address)}:%`)
    .where('at', '>', since(limit));
  if (only.upToId !== undefined) q = q.where('id', '<=', only.upToId);
  if (only.settled) q = q.where('at', '<=', now());
  const rows = await q.groupBy('key').execute();
  return rows.map((r) => String(r.last));
}

async function failuresOf(
  db: Kysely<Database>,
  key: string,
  limit: RateLimit,
  only: RowsCounted = {},
): Promise<string[]> {
  let q = db.selectFrom('login_attempts').select('at').where('key', '=', key).where('at', '>', since(limit));
  if (only.upToId !== undefined) q = q.where('id', '<=', only.upToId);
  if (only.settled) q = q.where('at', '<=', now());
  const rows = await q.orderBy('at', 'asc').execute();
  return rows.map((r) => r.at);
}

/**
 * Failed logins are kept in the database (so several instances share the count). A login is
 * refused while its user name is locked (`maxFailures`) or its client address is (`maxFailuresPerIp`
 * failures, or `maxNamesPerIp` user names): the seconds until it may be tried again and which lock
 * holds it (the address's, when both do: unlocking the account would not let it in). Null: not blocked.
 */
export async function loginBlocked(
  db: Kysely<Database>,
  attempt: { username: string; address: string },
  limit: RateLimit,
  /** Which rows count: all (default), only failures (`settled`), only those up to an id. */
  only: RowsCounted = {},
): Promise<{ retryAfter: number; scope: LockScope; reach?: UserLockReach } | null> {
  const t = Date.now();
  const seconds = (d: Date | null) => (d && d.getTime() > t ? Math.ceil((d.getTime() - t) / 1000) : 0);
  const here = seconds(
    lockEnd(
      await failuresOf(db, ipNameKey(attempt.address, attempt.username), limit, only),
      limit.maxFailures,
      limit.windowMs,
    ),
  );
  let everywhere = seconds(
    lockEnd(await failuresOf(db, userKey(attempt.username), limit, only), perName(limit), limit.windowMs),
  );
  // The user's own usual address is spared the lock of failures from elsewhere (its own count holds).
  if (everywhere && (await isKnownAddress(db, attempt, limit))) everywhere = 0;
  const address = seconds(
    addressLockEnd(
      await failuresOf(db, ipKey(attempt.address), limit, only),
      await namesFrom(db, attempt.address, limit, only),
      limit,
    ),
  );
  const u = Math.max(here, everywhere);
  if (!u && !address) return null;
  if (address) return { retryAfter: Math.max(u, address), scope: 'address' };
  return { retryAfter: u, scope: 'user', reach: here >= everywhere ? 'this-address' : 'all-addresses' };
}

/** Whether the user of this name logged in from this address within `knownAddressMs`. */
async function isKnownAddress(
  db: Kysely<Database>,
  attempt: { username: string; address: string },
  limit: RateLimit,
): Promise<boolean> {
  const row = await db
    .selectFrom('login_attempts')
    .select('id')
    .where('key', '=', knownKey(attempt.username, attempt.address))
    .where('at', '>', new Date(Date.now() - knownFor(limit)).toISOString())
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * A login about to check a password is counted first — its rows (user name, address, both)
 * inserted, dated PENDING_MS ahead while its password is checked — and the limits are checked again
 * with the rows up to its own: attempts sent at once each see those before them, so a burst of
 * guesses cannot all pass `loginBlocked` before the first has failed (30 parallel guesses all had
 * their password checked against a limit of 3). Over a limit only because of attempts still being
 * checked — a program logging in from several processes at once — it waits for them a little (up
 * to ~2 s) and tries again; over it by failures (or still after that), its rows go again and it is
 * refused (`blocked`, as `loginBlocked` says it: attempts refused by a lock are not counted). Else
 * its rows become its failure (`settleAttempt`), or go when the password was right
 * (`releaseAttempt`).
 */
export async function reserveAttempt(
  db: Kysely<Database>,
  attempt: { username: string; address: string },
  limit: RateLimit,
): Promise<{ ids: number[]; blocked: Awaited<ReturnType<typeof loginBlocked>> }> {
  // With this attempt among the rows, a limit is passed only beyond it.
  const withOwn: RateLimit = {
    ...limit,
    maxFailures: limit.maxFailures + 1,
    maxFailuresPerName: perName(limit) + 1,
    maxFailuresPerIp: limit.maxFailuresPerIp + 1,
    maxNamesPerIp: (limit.maxNamesPerIp ?? DEFAULT_NAMES_PER_IP) + 1,
  };
  for (let round = 1; ; round++) {
    const at = new Date(Date.now() + PENDING_MS).toISOString();
    const rows = await db
      .insertInto('login_attempts')
      .values(attemptKeys(attempt.username, attempt.address).map((key) => ({ key, at })))
      .returning('id')
      .execute();
    const ids = rows.map((r) => Number(r.id));
    // The rows up to this attempt's own, in the order they were made: of a burst, the first ones
    // pass as if one after the other.
    const blocked = await loginBlocked(db, attempt, withOwn, { upToId: Math.max(...ids) });
    if (!blocked) return { ids, blocked: null };
    await releaseAttempt(db, ids);
    const failed = await loginBlocked(db, attempt, limit, { settled: true });
    if (failed || round === RESERVE_ROUNDS) return { ids: [], blocked: failed ?? blocked };
    await new Promise((r) => setTimeout(r, 100 * round));
  }
}

/**
 * How far ahead an attempt being checked is dated: it counts for every limit meanwhile, but not as
 * a failure yet. (A process that dies while checking leaves it counting until then and the window.)
 */
const PENDING_MS = 60_000;
/**
 * How often a login held back by attempts at once with it tries again (waiting 0.1, 0.2 … 0.6 s:
 * ~2 s in all). A burst of guesses is refused at its next round once the first ones have failed.
 */
const RESERVE_ROUNDS = 7;

/** The rows `reserveAttempt` made for a login whose password was wrong: a failure, dated now. */
export async function settleAttempt(db: Kysely<Database>, ids: readonly number[]): Promise<void> {
  if (ids.length)
    await db
      .updateTable('login_attempts')
      .set({ at: now() })
      .where('id', 'in', [...ids])
      .execute();
}

/** The rows `reserveAttempt` made for a login whose password was right: no failure after all. */
export async function releaseAttempt(db: Kysely<Database>, ids: readonly number[]): Promise<void> {
  if (ids.length)
    await db
      .deleteFrom('login_attempts')
      .where('id', 'in', [...ids])
      .execute();
}

/**
 * After a successful login: forget the user name's failures at this address (a person's typos, once
 * they got in, do not help lock their office's address, nor their name there) and remember the
 * address as one of the user's usual ones. The address's count of failures stays, and so does the
 * name's count from all addresses: someone guessing from elsewhere does not start afresh each time
 * the real user logs in (who is not held by it at their usual address).
 */
export async function clearFailures(
  db: Kysely<Database>,
  attempt: { username: string; address: string },
  limit: RateLimit,
): Promise<void> {
  const known = knownKey(attempt.username, attempt.address);
  await db
    .deleteFrom('login_attempts')
    .where('key', 'in', [ipNameKey(attempt.address, attempt.username), known])
    .execute();
  await db.insertInto('login_attempts').values({ key: known, at: now() }).execute();
  await housekeeping(db, limit);
}

/** A 管理员 unlocks a user name (or sets its password): its failures, and its count at every address, go. */
export async function clearUserFailures(
  db: Kysely<Database>,
  username: string,
  limit: RateLimit,
): Promise<void> {
  await db
    .deleteFrom('login_attempts')
    .where((eb) =>
      eb.or([eb('key', '=', userKey(username)), eb('key', 'like', `ipn:%:${h(username.toLowerCase())}`)]),
    )
    .execute();
  await housekeeping(db, limit);
}

/** A 管理员 clears a client address's lock: its failures and its user names' counts there go. */
export async function clearAddressFailures(
  db: Kysely<Database>,
  address: string,
  limit: RateLimit,
): Promise<void> {
  await db
    .deleteFrom('login_attempts')
    .where((eb) => eb.or([eb('key', '=', ipKey(address)), eb('key', 'like', `ipn:${h(address)}:%`)]))
    .execute();
  await housekeeping(db, limit);
}

/** Failures older than the window count for nothing; a usual address is forgotten after `knownAddressMs`. */
async function housekeeping(db: Kysely<Database>, limit: RateLimit): Promise<void> {
  await db
    .deleteFrom('login_attempts')
    .where('at', '<', since(limit))
    .where('key', 'not like', 'ok:%')
    .execute();
  await db
    .deleteFrom('login_attempts')
    .where('key', 'like', 'ok:%')
    .where('at', '<', new Date(Date.now() - knownFor(limit)).toISOString())
    .execute();
}

export interface AddressLock {
  /** The client address as the server sees it (the proxy's, without NIANBAO_TRUST_PROXY). */
  readonly address: string;
  /** When logins from it may be tried again (ISO). */
  readonly lockedUntil: string;
  /** Failed logins from it within the window. */
  readonly failures: number;
  /** How many user names failed from it within the window (not which: a password typed as a name is no one's business). */
  readonly userNames: number;
}

/** Client addresses locked now by failed logins, the longest lock first. */
export async function lockedAddresses(db: Kysely<Database>, limit: RateLimit): Promise<AddressLock[]> {
  const rows = await db
    .selectFrom('login_attempts')
    .select(['key', 'at'])
    .where((eb) => eb.or([eb('key', 'like', 'ip:%'), eb('key', 'like', 'ipn:%')]))
    .where('at', '>', since(limit))
    .orderBy('at', 'asc')
    .execute();
  const failures = new Map<string, string[]>();
  const names = new Map<string, Map<string, string>>();
  for (const r of rows) {
    if (r.key.startsWith('ip:')) {
      const address = r.key.slice('ip:'.length);
      const list = failures.get(address);
      if (list) list.push(r.at);
      else failures.set(address, [r.at]);
    } else {
      const [, addressHash, nameHash] = r.key.split(':');
      const m = names.get(addressHash!) ?? new Map<string, string>();
      m.set(nameHash!, r.at);
      names.set(addressHash!, m);
    }
  }
  const t = Date.now();
  const out: AddressLock[] = [];
  for (const [address, ats] of failures) {
    const last = [...(names.get(h(address))?.values() ?? [])];
    const until = addressLockEnd(ats, last, limit);
    if (until && until.getTime() > t)
      out.push({ address, lockedUntil: until.toISOString(), failures: ats.length, userNames: last.length });
  }
  return out.sort((a, b) => b.lockedUntil.localeCompare(a.lockedUntil));
}

/**
 * When each user name's lock by failed logins ends, for the 管理员's list: the later of its lock at
 * some address (`maxFailures` failures from one address — its user's typos, or a guesser's) and its
 * lock from all addresses (`maxFailuresPerName`). Undefined: not locked anywhere. (A shared address's
 * limit is not a lock of anyone's account.)
 */
export async function lockedUsernames(
  db: Kysely<Database>,
  limit: RateLimit,
): Promise<(username: string) => Date | undefined> {
  const reach = await userLocks(db, limit);
  return (username) => reach(username)?.until;
}

/**
 * Each user name's lock by failed logins, for the 管理员's list: when it ends (the later of the two)
 * and how far it reaches — 'all-addresses' when the name's failures from everywhere lock it (but at
 * its user's usual addresses), 'some-addresses' when only its failures at some address lock it there
 * (the user's own typos, or someone else's guesses elsewhere: the user may still log in from their
 * own network).
 */
export async function userLocks(
  db: Kysely<Database>,
  limit: RateLimit,
): Promise<(username: string) => { until: Date; reach: 'all-addresses' | 'some-addresses' } | undefined> {
  const rows = await db
    .selectFrom('login_attempts')
    .select(['key', 'at'])
    .where((eb) => eb.or([eb('key', 'like', 'user:%'), eb('key', 'like', 'ipn:%')]))
    .where('at', '>', since(limit))
    .orderBy('at', 'asc')
    .execute();
  const byKey = new Map<string, string[]>();
  for (const r of rows) {
    const list = byKey.get(r.key);
    if (list) list.push(r.at);
    else byKey.set(r.key, [r.at]);
  }
  // By the hash of the lower-cased name, as ipn keys hold it: the lock from all addresses, and the
  // latest at one address.
  const t = Date.now();
  const everywhere = new Map<string, Date>();
  const somewhere = new Map<string, Date>();
  const later = (into: Map<string, Date>, nameHash: string, d: Date | null) => {
    const before = into.get(nameHash);
    if (d && d.getTime() > t && (!before || d > before)) into.set(nameHash, d);
  };
  for (const [key, ats] of byKey)
    if (key.startsWith('user:'))
      later(everywhere, h(key.slice('user:'.length)), lockEnd(ats, perName(limit), limit.windowMs));
    else later(somewhere, key.split(':')[2]!, lockEnd(ats, limit.maxFailures, limit.windowMs));
  return (username) => {
    const k = h(username.toLowerCase());
    const all = everywhere.get(k);
    const some = somewhere.get(k);
    if (!all && !some) return undefined;
    const until = new Date(Math.max(all?.getTime() ?? 0, some?.getTime() ?? 0));
    return { until, reach: all ? 'all-addresses' : 'some-addresses' };
  };
}
