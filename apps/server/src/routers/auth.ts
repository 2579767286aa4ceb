import type { Kysely } from 'kysely';
import { z } from 'zod';
import { canRead } from '../access.js';
import { audit as auditAction } from '../audit.js';
import {
  addressKey,
  clearAddressFailures,
  clearFailures,
  clearUserFailures,
  createSession,
  hashPassword,
  lockedAddresses,
  lockedUsernames,
  loginBlocked,
  newId,
  newSecret,
  now,
  passwordChangeRequired,
  releaseAttempt,
  reserveAttempt,
  SESSION_COOKIE,
  settleAttempt,
  sha256,
  userLocks,
  verifyPassword,
} from '../auth.js';
import { lockWithin } from '../db/connect.js';
import { type Database, ROLE_LABELS, ROLES } from '../db/schema.js';
import { fail, notFound } from '../errors.js';
import {
  PASSWORD_IS_USERNAME,
  PASSWORD_UNCHANGED,
  sameAsUsername,
  weakPasswordProblem,
} from '../passwords.js';
import { plainLine } from '../text-input.js';
import {
  ACCOUNT_DISABLED,
  adminProcedure,
  adminSessionProcedure,
  authedProcedure,
  type Context,
  publicProcedure,
  requireSession,
  router,
  sessionProcedure,
} from '../trpc.js';

const Username = z.string().trim().min(1, { error: '用户名不能为空' }).max(64, { error: '用户名过长' });
/**
 * A new account's user name: no space inside (「张 三」 is typed 「张三」 at every login, or not found).
 * Logins keep taking any name, for accounts made before.
 */
const NewUsername = Username.superRefine((name, ctx) => {
  if (/\s/u.test(name))
    ctx.addIssue({
      code: 'custom',
      message: `用户名“${name}”中间有空格：用户名不能包含空格，请去掉空格（如“${name.replace(/\s+/gu, '')}”）`,
      input: name,
    });
  // No control character or direction override either (a NUL, 「zhang\u202E」): a name no one can
  // type at the login, shown as something else in every list.
  else plainLine('用户名')(name, ctx);
});
const Password = z.string().min(1, { error: '密码不能为空' }).max(256, { error: '密码过长' });
/** A new password: at least 8, not blanks only, not one of the commonest (passwords.ts). */
const NewPassword = z
  .string()
  .max(256, { error: '密码过长' })
  .superRefine((p, ctx) => {
    const problem = weakPasswordProblem(p);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, input: p });
  });

function refuseUsernameAsPassword(password: string, username: string, field: string): void {
  if (sameAsUsername(password, username))
    fail('BAD_REQUEST', 'PASSWORD_IS_USERNAME', PASSWORD_IS_USERNAME, { field });
}

function cookie(ctx: Context, value: string, maxAgeSeconds: number): string {
  return [
    `${SESSION_COOKIE}=${value}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    `Max-Age=${maxAgeSeconds}`,
    // Behind an HTTPS proxy (NIANBAO_TRUST_PROXY and X-Forwarded-Proto: https) without
    // NIANBAO_SECURE_COOKIES the cookie is Secure too: a browser never sends it over plain HTTP.
    ...(ctx.options.secureCookies || ctx.httpsViaProxy ? ['Secure'] : []),
  ].join('; ');
}

/** A dummy hash so that an unknown user name costs as much time as a wrong password. */
let dummyHash: Promise<string> | undefined;
function getDummyHash(): Promise<string> {
  if (!dummyHash) dummyHash = hashPassword('x');
  return dummyHash;
}

/** One line per login event for the operator's log (who, from where; never a password or token). */
const audit = (ctx: { options: { log: (line: string) => void } }, line: string) =>
  ctx.options.log(`[auth] ${new Date().toISOString()} ${line}`);

/**
 * A user name as the log shows it: as typed when it is an account's, else only its length — what is
 * typed into the user name box and is no account's is often the password, typed in the wrong box.
 */
const loggedName = (typed: string, account: boolean) =>
  account ? typed : `（不是任何账号的用户名，${[...typed].length} 个字符，不记原文）`;
const isAccount = async (db: Kysely<Database>, username: string) =>
  (await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst()) !==
  undefined;

export const authRouter = router({
  /** 用户名 + 密码 → session cookie (httpOnly). Failed attempts are rate-limited per user name and address. */
  login: publicProcedure
    .input(z.strictObject({ username: Username, password: Password }))
    .mutation(async ({ ctx, input }) => {
      const db = ctx.store.db;
      // Counted by the client's network for IPv6 (its /64), by its address otherwise.
      const attempt = { username: input.username, address: addressKey(ctx.clientIp) };
      // Counted as a failure before the password is checked (`reserveAttempt`): a burst of guesses
      // sent at once was each checked before any had failed — 30 parallel guesses all got their
      // password checked against a limit of 3.
      const pre = await loginBlocked(db, attempt, ctx.options.rateLimit, { settled: true });
      const reserved = pre ? null : await reserveAttempt(db, attempt, ctx.options.rateLimit);
      const blocked = pre ?? reserved?.blocked;
      if (blocked) {
        const { retryAfter, scope, reach } = blocked;
        const minutes = Math.ceil(retryAfter / 60);
        const name = loggedName(input.username, await isAccount(db, input.username));
        if (scope === 'address')
          audit(
            ctx,
            `登录被拒（此地址登录失败过多，已暂停从此地址登录）：地址 ${ctx.clientIp}，用户名 ${name}${
              !ctx.options.trustProxy && looksLikeProxy(ctx.clientIp)
                ? '。此地址是本机或内网地址：若服务在反向代理（nginx 等）之后，所有用户都从这一个地址而来，请设 NIANBAO_TRUST_PROXY=1'
                : ''
            }`,
          );
        else
          audit(
            ctx,
            reach === 'all-addresses'
              ? `登录被拒（该用户名从各处登录失败过多，非其常用地址暂停登录）：用户名 ${name}，地址 ${ctx.clientIp}`
              : `登录被拒（该用户名从此地址失败次数过多）：用户名 ${name}，地址 ${ctx.clientIp}`,
          );
        ctx.resHeaders.set('Retry-After', String(retryAfter));
        fail(
          'TOO_MANY_REQUESTS',
          'LOGIN_RATE_LIMITED',
          scope === 'address'
            ? `登录失败次数过多：从本网络地址（${attempt.address}）的登录已暂停，请 ${minutes} 分钟后再试。同一网络出口的所有人都受影响；急用请管理员从其他网络登录，在“用户”页解除此地址的锁定`
            : reach === 'all-addresses'
              ? `登录失败次数过多：用户名“${input.username}”已暂停登录（各处的登录失败过多，可能有人在猜测该账号的密码），请 ${minutes} 分钟后再试；从您以前成功登录过的网络仍可登录；急用请联系管理员解锁或重设密码（重设后可立即登录）`
              : `登录失败次数过多：用户名“${input.username}”已暂停登录（从本网络地址），请 ${minutes} 分钟后再试；急用请联系管理员解锁或重设密码（重设后可立即登录）`,
          {
            retryAfterSeconds: retryAfter,
            /** 'address': this client address is locked (users.addressLocks); 'user': this user name (users.unlock). */
            scope,
            /**
             * With scope 'user': 'this-address' — the name's failures from this address lock it here;
             * 'all-addresses' — its failures from everywhere lock it but at its user's usual addresses.
             */
            ...(scope === 'address' ? { address: attempt.address } : { reach }),
          },
        );
      }
      // User names do not differ by case (users.create: 「Admin」 is 「admin」, one login limit): the
      // name as typed, else the one account it names in another case. (Two accounts of one name in
      // two cases, made before that rule: only the exact name logs in to either.)
      let user = await db
        .selectFrom('users')
        .selectAll()
        .where('username', '=', input.username)
        .executeTakeFirst();
      if (!user) {
        const folded = await db
          .selectFrom('users')
          .selectAll()
          .where((eb) => eb(eb.fn('lower', ['username']), '=', input.username.toLowerCase()))
          .limit(2)
          .execute();
        if (folded.length === 1) user = folded[0];
      }
      const ok = user
        ? await verifyPassword(input.password, user.password_hash)
        : await verifyPassword(input.password, await getDummyHash()).then(() => false);
      if (!user || !ok) {
        audit(
          ctx,
          `登录失败：用户名 ${loggedName(input.username, user !== undefined)}，地址 ${ctx.clientIp}`,
        );
        // The reserved rows stay: they are this failure.
        await settleAttempt(db, reserved?.ids ?? []);
        fail('UNAUTHORIZED', 'INVALID_CREDENTIALS', '用户名或密码错误');
      }
      await releaseAttempt(db, reserved?.ids ?? []);
      await clearFailures(db, attempt, ctx.options.rateLimit);
      // Told only to whoever knows the password: a disabled account is not revealed to guessers.
      if (user.disabled_at) fail('FORBIDDEN', 'ACCOUNT_DISABLED', ACCOUNT_DISABLED);
      audit(ctx, `登录：${user.username}，地址 ${ctx.clientIp}`);
      // The session the browser held before (another user's on a shared computer, or one planted
      // in it) ends here: a login never leaves a session behind that its browser no longer shows.
      if (ctx.sessionToken)
        await db.deleteFrom('sessions').where('token_hash', '=', sha256(ctx.sessionToken)).execute();
      const session = await createSession(db, user.id);
      ctx.resHeaders.append(
        'Set-Cookie',
        cookie(ctx, session.token, Math.floor((session.expiresAt.getTime() - Date.now()) / 1000)),
      );
      return {
        user: {
          id: user.id,
          username: user.username,
          displayName: user.display_name,
          role: user.role,
          agencyId: user.agency_id,
        },
        /** The password was set by a 管理员: this session may only change it (or log out) first. */
        mustChangePassword: Number(user.must_change_password) === 1,
        expiresAt: session.expiresAt.toISOString(),
      };
    }),

  /** Ends the session of the cookie (a token stays valid: revoke it with tokens.revoke). */
  logout: publicProcedure.mutation(async ({ ctx }) => {
    if (ctx.sessionToken)
      await ctx.store.db.deleteFrom('sessions').where('token_hash', '=', sha256(ctx.sessionToken)).execute();
    ctx.resHeaders.append('Set-Cookie', cookie(ctx, '', 0));
    return { ok: true as const };
  }),

  /** The current user, their role and agency (null when not logged in). */
  me: publicProcedure.query(async ({ ctx }) => {
    const u = ctx.user;
    if (!u) return null;
    const agency = u.agencyId
      ? await ctx.store.db
          .selectFrom('agencies')
          .select(['id', 'name', 'kind', 'level'])
          .where('id', '=', u.agencyId)
          .executeTakeFirst()
      : undefined;
    return {
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      role: u.role,
      roleLabel: ROLE_LABELS[u.role],
      agency: agency ?? null,
      via: u.via,
      /** Until true no more, the web app shows only the form to choose a password. */
      mustChangePassword: u.mustChangePassword === true,
    };
  }),

  /** Only from a login session: a token's holder cannot take over the account or end its sessions. */
  changePassword: sessionProcedure
    .input(z.strictObject({ current: Password, next: NewPassword }))
    .mutation(async ({ ctx, input }) => {
      const db = ctx.store.db;
      // Also (above all) for a session that must choose its password before anything else.
      const me = ctx.user;
      const row = await db
        .selectFrom('users')
        .select('password_hash')
        .where('id', '=', me.id)
        .executeTakeFirstOrThrow();
      if (!(await verifyPassword(input.current, row.password_hash)))
        fail('BAD_REQUEST', 'WRONG_PASSWORD', '当前密码不正确');
      if (input.next === input.current)
        fail('BAD_REQUEST', 'PASSWORD_UNCHANGED', PASSWORD_UNCHANGED, { field: 'next' });
      refuseUsernameAsPassword(input.next, me.username, 'next');
      await db
        .updateTable('users')
        .set({ password_hash: await hashPassword(input.next), must_change_password: 0 })
        .where('id', '=', me.id)
        .execute();
      // Other sessions end; this one stays.
      await db
        .deleteFrom('sessions')
        .where('user_id', '=', me.id)
        .where('token_hash', '!=', ctx.sessionToken ? sha256(ctx.sessionToken) : '')
        .execute();
      return { ok: true as const };
    }),

  tokens: router({
    /**
     * A new API token for integrators: shown once, stored hashed, acts with its owner's rights. Only
     * from a login session: a token cannot mint tokens, so revoking a leaked one contains it.
     */
    create: authedProcedure
      .input(
        z.strictObject({
          name: z
            .string()
            .trim()
            .min(1, { error: '请填写令牌名称' })
            .max(100)
            .superRefine(plainLine('令牌名称')),
        }),
      )
      .mutation(async ({ ctx, input }) => {
        requireSession(ctx.user, 'API 令牌不能创建新的令牌：请登录后在“账号”页创建');
        // Not with a password a 管理员 knows: the token would outlive the change.
        if (ctx.user.mustChangePassword) throw passwordChangeRequired();
        const token = newSecret('nbt');
        const id = newId();
        const createdAt = now();
        await ctx.store.db
          .insertInto('api_tokens')
          .values({
            id,
            user_id: ctx.user.id,
            name: input.name,
            token_hash: sha256(token),
            prefix: token.slice(0, 10),
            created_at: createdAt,
            last_used_at: null,
            revoked_at: null,
          })
          .execute();
        return { id, name: input.name, token, prefix: token.slice(0, 10), createdAt };
      }),
    list: authedProcedure.query(async ({ ctx }) => {
      const rows = await ctx.store.db
        .selectFrom('api_tokens')
        .select(['id', 'name', 'prefix', 'created_at', 'last_used_at', 'revoked_at'])
        .where('user_id', '=', ctx.user.id)
        .orderBy('created_at', 'desc')
        .execute();
      return rows.map((r) => ({
        id: r.id,
        name: r.name,
        prefix: r.prefix,
        createdAt: r.created_at,
        lastUsedAt: r.last_used_at,
        revokedAt: r.revoked_at,
      }));
    }),
    revoke: authedProcedure
      .input(z.strictObject({ id: z.string().min(1) }))
      .mutation(async ({ ctx, input }) => {
        const q = ctx.store.db
          .updateTable('api_tokens')
          .set({ revoked_at: now() })
          .where('id', '=', input.id)
          .where('revoked_at', 'is', null);
        const res = await (ctx.user.role === 'admin'
          ? q
          : q.where('user_id', '=', ctx.user.id)
        ).executeTakeFirst();
        if (Number(res.numUpdatedRows) === 0) notFound('令牌', { id: input.id });
        // A 管理员 revoking someone else's token is an administrative action.
        const owner = await ctx.store.db
          .selectFrom('api_tokens')
          .innerJoin('users', 'users.id', 'api_tokens.user_id')
          .select(['users.id', 'users.username', 'api_tokens.name', 'api_tokens.prefix'])
          .where('api_tokens.id', '=', input.id)
          .executeTakeFirst();
        if (owner && owner.id !== ctx.user.id)
          await auditAction(ctx, ctx.user, {
            action: 'tokens.revoke',
            targetType: 'token',
            targetId: input.id,
            target: owner.username,
            details: { tokenName: owner.name, prefix: owner.prefix },
          });
        return { ok: true as const };
      }),
  }),
});

/** The lock users.create, update and setDisabled take (db/connect.ts lockWithin). */
const USERS_LOCK = 'nianbao:users';

/**
 * Inside the users' lock: the caller is still an enabled 管理员 — not demoted or disabled by
 * another 管理员 while this request was on its way (ADMIN_ONLY, as a non-管理员 gets).
 */
async function requireStillAdmin(db: Kysely<Database>, userId: string): Promise<void> {
  const me = await db
    .selectFrom('users')
    .select(['role', 'disabled_at'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (me?.role !== 'admin' || me.disabled_at !== null)
    fail('FORBIDDEN', 'ADMIN_ONLY', '只有管理员可以执行此操作：您的管理员权限刚被另一位管理员取消或停用');
}

export const usersRouter = router({
  /** Users visible to the caller: 管理员 all; 审核人 those of their subtree; 填报人 only themselves. */
  list: authedProcedure.query(async ({ ctx }) => {
    const rows = await ctx.store.db
      .selectFrom('users')
      .leftJoin('agencies', 'agencies.id', 'users.agency_id')
      .select([
        'users.id',
        'users.username',
        'users.display_name',
        'users.role',
        'users.agency_id',
        'agencies.name as agency_name',
        'agencies.path',
        'users.disabled_at',
        'users.must_change_password',
      ])
      .orderBy('users.username')
      .execute();
    // Locked by failed logins: told to the 管理员 (who may unlock), no one else.
    const locked =
      ctx.user.role === 'admin' ? await userLocks(ctx.store.db, ctx.options.rateLimit) : () => undefined;
    return rows
      .filter((r) =>
        ctx.user.role === 'admin'
          ? true
          : ctx.user.role === 'filler'
            ? r.id === ctx.user.id
            : r.path !== null && canRead(ctx.user, { id: r.agency_id!, path: r.path }),
      )
      .map((r) => ({
        id: r.id,
        username: r.username,
        displayName: r.display_name,
        role: r.role,
        roleLabel: ROLE_LABELS[r.role],
        agencyId: r.agency_id,
        agencyName: r.agency_name,
        disabledAt: r.disabled_at,
        /** The password is the one a 管理员 set; its owner has not yet chosen their own. */
        mustChangePassword: Number(r.must_change_password) === 1,
        /** Too many failed logins: no login with this name until then (ISO), unless unlocked. */
        lockedUntil: locked(r.username)?.until.toISOString() ?? null,
        /**
         * How far that lock reaches: 'all-addresses' — from everywhere but its user's usual networks
         * (failures from all addresses together); 'some-addresses' — at the addresses where its
         * failures were (the user may still log in from elsewhere, their own network among them).
         */
        lockedReach: locked(r.username)?.reach ?? null,
      }));
  }),
  /**
   * 管理员 creates a user: 填报人 and 审核人 need an agency (the 审核人's region node). From a login
   * session only: an account made with a leaked token would outlive the token.
   */
  create: adminSessionProcedure
    .input(
      z.strictObject({
        username: NewUsername,
        displayName: z
          .string()
          .trim()
          .min(1, { error: '姓名不能为空' })
          .max(100)
          .superRefine(plainLine('姓名')),
        password: NewPassword,
        role: z.enum(ROLES),
        agencyId: z.string().min(1).nullable(),
        /**
         * The password is an initial one (the web app's forms always say so): its owner must choose
         * their own at their first login before doing anything else. Not given: false.
         */
        mustChangePassword: z.boolean().optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const db = ctx.store.db;
      refuseUsernameAsPassword(input.password, input.username, 'password');
      await checkRoleAgency(db, input.role, input.agencyId);
      const passwordHash = await hashPassword(input.password);
      const id = newId();
      // The check and the insert in one transaction, under the users' lock: two creates at once (a
      // double click, 「Zhang」 and 「zhang」 from two admins) made two accounts of one name, or
      // answered the second with a bare database error.
      await db.transaction().execute(async (tx) => {
        await lockWithin(tx, ctx.store.dialect, USERS_LOCK);
        // Names differing only in case are one name (and share one login limit): Admin is admin.
        const taken = await tx
          .selectFrom('users')
          .select('username')
          .where((eb) => eb(eb.fn('lower', ['username']), '=', input.username.toLowerCase()))
          .executeTakeFirst();
        if (taken)
          fail(
            'CONFLICT',
            'USERNAME_TAKEN',
            taken.username === input.username
              ? `用户名“${input.username}”已被使用`
              : `用户名“${input.username}”已被使用：已有用户“${taken.username}”（用户名不区分大小写）`,
            { field: 'username', existing: taken.username },
          );
        await tx
          .insertInto('users')
          .values({
            id,
            username: input.username,
            display_name: input.displayName,
            password_hash: passwordHash,
            role: input.role,
            agency_id: input.role === 'admin' ? null : input.agencyId,
            created_at: now(),
            must_change_password: input.mustChangePassword ? 1 : 0,
          })
          .execute();
      });
      await auditAction(ctx, ctx.user, {
        action: 'users.create',
        targetType: 'user',
        targetId: id,
        target: input.username,
        details: {
          displayName: input.displayName,
          role: input.role,
          agencyId: input.role === 'admin' ? null : input.agencyId,
          mustChangePassword: input.mustChangePassword === true,
        },
      });
      return { id };
    }),
  /**
   * 管理员 changes a user's name, role or agency (someone moved to another office, a 填报人 who now
   * reviews): it takes effect on their next request. From a login session only, as `create`; a
   * 管理员 does not change their own role (there is always one left).
   */
  update: adminSessionProcedure
    .input(
      z.strictObject({
        id: z.string().min(1),
        displayName: z
          .string()
          .trim()
          .min(1, { error: '姓名不能为空' })
          .max(100)
          .superRefine(plainLine('姓名'))
          .optional(),
        role: z.enum(ROLES).optional(),
        agencyId: z.string().min(1).nullable().optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      // Under the users' lock, the caller still a 管理员: two 管理员 taking each other's role at once
      // left no 管理员 (each request was allowed as its caller was one when it began).
      const { u, set, role } = await ctx.store.db.transaction().execute(async (db) => {
        await lockWithin(db, ctx.store.dialect, USERS_LOCK);
        await requireStillAdmin(db, ctx.user.id);
        const u = await db
          .selectFrom('users')
          .select(['id', 'username', 'role', 'agency_id', 'display_name'])
          .where('id', '=', input.id)
          .executeTakeFirst();
        if (!u) return notFound('用户', { id: input.id });
        const role = input.role ?? u.role;
        if (u.id === ctx.user.id && role !== u.role)
          fail('BAD_REQUEST', 'CANNOT_CHANGE_OWN_ROLE', '不能修改自己的角色（请由另一位管理员修改）');
        // A 管理员 belongs to no agency: made one, the agency goes; made 填报人/审核人, one is needed.
        const agencyId =
          role === 'admin'
            ? (input.agencyId ?? null)
            : input.agencyId !== undefined
              ? input.agencyId
              : u.agency_id;
        await checkRoleAgency(db, role, agencyId);
        const set = {
          display_name: input.displayName ?? u.display_name,
          role,
          agency_id: role === 'admin' ? null : agencyId,
        };
        await db.updateTable('users').set(set).where('id', '=', u.id).execute();
        return { u, set, role };
      });
      await auditAction(ctx, ctx.user, {
        action: 'users.update',
        targetType: 'user',
        targetId: u.id,
        target: u.username,
        details: {
          before: { displayName: u.display_name, role: u.role, agencyId: u.agency_id },
          after: { displayName: set.display_name, role: set.role, agencyId: set.agency_id },
        },
      });
      return { id: u.id, username: u.username, displayName: set.display_name, role, agencyId: set.agency_id };
    }),
  /**
   * 管理员 disables an account (someone who left) or enables it again. A disabled user cannot log in,
   * their sessions end at once and their API tokens stop working; their reports and history stay.
   */
  setDisabled: adminProcedure
    .input(z.strictObject({ id: z.string().min(1), disabled: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      if (input.id === ctx.user.id && input.disabled)
        fail(
          'BAD_REQUEST',
          'CANNOT_DISABLE_SELF',
          '不能停用自己的账号：请让另一位管理员操作（没有其他管理员时，请先新建一位）',
        );
      // Under the users' lock, the caller still an enabled 管理员: two 管理员 disabling each other at
      // once left no 管理员 able to sign in.
      const tokensRevoked = await ctx.store.db.transaction().execute(async (db) => {
        await lockWithin(db, ctx.store.dialect, USERS_LOCK);
        await requireStillAdmin(db, ctx.user.id);
        const res = await db
          .updateTable('users')
          .set({ disabled_at: input.disabled ? now() : null })
          .where('id', '=', input.id)
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) === 0) notFound('用户', { id: input.id });
        let tokensRevoked = 0;
        if (input.disabled) await db.deleteFrom('sessions').where('user_id', '=', input.id).execute();
        else {
          // While disabled, its API tokens answer ACCOUNT_DISABLED (their holder learns why). Enabled
          // again (a successor, after a compromise), the account does not bring them back: they are
          // revoked now, and new ones are made anew.
          const r = await db
            .updateTable('api_tokens')
            .set({ revoked_at: now() })
            .where('user_id', '=', input.id)
            .where('revoked_at', 'is', null)
            .executeTakeFirst();
          tokensRevoked = Number(r.numUpdatedRows);
        }
        return tokensRevoked;
      });
      const target = await ctx.store.db
        .selectFrom('users')
        .select(['username', 'role'])
        .where('id', '=', input.id)
        .executeTakeFirst();
      await auditAction(ctx, ctx.user, {
        action: input.disabled ? 'users.disable' : 'users.enable',
        targetType: 'user',
        targetId: input.id,
        target: target?.username ?? null,
        details: { role: target?.role, ...(input.disabled ? {} : { tokensRevoked }) },
      });
      return { ok: true as const, tokensRevoked };
    }),
  /**
   * 管理员 sets a new password for a user who lost theirs (to be changed by them after logging in):
   * every session of that user ends; their API tokens stay (revoke them on their 账号 page or here).
   * From a login session only: a password set with a leaked token would outlive the token.
   */
  resetPassword: adminSessionProcedure
    .input(
      z.strictObject({
        id: z.string().min(1),
        password: NewPassword,
        /** As users.create: the user chooses their own at the next login (the web app always asks). */
        mustChangePassword: z.boolean().optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const db = ctx.store.db;
      const target = await db
        .selectFrom('users')
        .select('username')
        .where('id', '=', input.id)
        .executeTakeFirst();
      if (target) refuseUsernameAsPassword(input.password, target.username, 'password');
      const res = await db
        .updateTable('users')
        .set({
          password_hash: await hashPassword(input.password),
          must_change_password: input.mustChangePassword ? 1 : 0,
        })
        .where('id', '=', input.id)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) === 0) notFound('用户', { id: input.id });
      await db.deleteFrom('sessions').where('user_id', '=', input.id).execute();
      // A user locked out by failed logins (someone guessing, or themselves) can log in with the new password.
      const u = await db
        .selectFrom('users')
        .select('username')
        .where('id', '=', input.id)
        .executeTakeFirstOrThrow();
      await clearUserFailures(db, u.username, ctx.options.rateLimit);
      await auditAction(ctx, ctx.user, {
        action: 'users.resetPassword',
        targetType: 'user',
        targetId: input.id,
        target: u.username,
        details: { mustChangePassword: input.mustChangePassword === true },
      });
      return { ok: true as const };
    }),
  /**
   * 管理员 unlocks an account locked by failed logins (users.list `lockedUntil`): its failures are
   * forgotten and its owner may log in at once. A client address over its own limit stays so.
   */
  unlock: adminProcedure.input(z.strictObject({ id: z.string().min(1) })).mutation(async ({ ctx, input }) => {
    const db = ctx.store.db;
    const u = await db
      .selectFrom('users')
      .select(['id', 'username'])
      .where('id', '=', input.id)
      .executeTakeFirst();
    if (!u) return notFound('用户', { id: input.id });
    const until = (await lockedUsernames(db, ctx.options.rateLimit))(u.username);
    await clearUserFailures(db, u.username, ctx.options.rateLimit);
    await auditAction(ctx, ctx.user, {
      action: 'users.unlock',
      targetType: 'user',
      targetId: u.id,
      target: u.username,
      details: { wasLockedUntil: until?.toISOString() ?? null },
    });
    return { ok: true as const, wasLocked: until !== undefined };
  }),
  /**
   * Client addresses from which logins are paused by failed logins (too many failures, or too many
   * user names, within the window): a whole office behind one NAT address, or every user behind a
   * proxy without NIANBAO_TRUST_PROXY. 管理员 only; the user names tried are not told, only how many.
   */
  addressLocks: adminProcedure.query(async ({ ctx }) => ({
    trustProxy: ctx.options.trustProxy,
    items: await lockedAddresses(ctx.store.db, ctx.options.rateLimit),
  })),
  /**
   * 管理员 lifts a client address's lock (users.addressLocks): logins from it are counted afresh. An
   * account locked by its own failures stays so (users.unlock).
   */
  unlockAddress: adminProcedure
    .input(
      z.strictObject({ address: z.string().trim().min(1, { error: '请给出要解除锁定的网络地址' }).max(100) }),
    )
    .mutation(async ({ ctx, input }) => {
      const db = ctx.store.db;
      // As logins count it: an IPv6 address by its /64 (a full address given is taken as its network).
      const address = addressKey(input.address);
      const lock = (await lockedAddresses(db, ctx.options.rateLimit)).find((l) => l.address === address);
      await clearAddressFailures(db, address, ctx.options.rateLimit);
      await auditAction(ctx, ctx.user, {
        action: 'users.unlockAddress',
        targetType: 'address',
        targetId: address,
        target: address,
        details: {
          wasLockedUntil: lock?.lockedUntil ?? null,
          failures: lock?.failures ?? 0,
          userNames: lock?.userNames ?? 0,
        },
      });
      return { ok: true as const, wasLocked: lock !== undefined };
    }),
});

/**
 * A loopback or private address: seen as the client of every login, it is likely a reverse proxy
 * on the same machine or network (without NIANBAO_TRUST_PROXY, all its users are one address).
 */
function looksLikeProxy(address: string): boolean {
  const a = address.replace(/^::ffff:/, '');
  return (
    a === '::1' ||
    a === 'local' ||
    /^127\./.test(a) ||
    /^10\./.test(a) ||
    /^192\.168\./.test(a) ||
    /^172\.(1[6-9]|2\d|3[01])\./.test(a) ||
    /^f[cd][0-9a-f]{2}:/i.test(a)
  );
}

/** 填报人 and 审核人 need an existing agency (the 审核人's region node); a 管理员 has none. */
async function checkRoleAgency(
  db: Kysely<Database>,
  role: (typeof ROLES)[number],
  agencyId: string | null | undefined,
): Promise<void> {
  if (role === 'admin') {
    if (agencyId)
      fail('BAD_REQUEST', 'AGENCY_NOT_FOR_ADMIN', '管理员不属于某个机关：请不要为管理员指定机关', {
        agencyId,
      });
    return;
  }
  if (!agencyId) fail('BAD_REQUEST', 'AGENCY_REQUIRED', `${ROLE_LABELS[role]}必须指定所属机关`);
  if (!(await db.selectFrom('agencies').select('id').where('id', '=', agencyId).executeTakeFirst()))
    notFound('机关', { agencyId });
}
