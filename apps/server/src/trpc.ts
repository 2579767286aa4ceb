import { editDistance, NianbaoError, zhErrorMap } from '@nianbao/core';
import { initTRPC, TRPCError } from '@trpc/server';
import { z } from 'zod';
import { type AuthUser, passwordChangeRequired, type RateLimit } from './auth.js';
import type { Store } from './db/connect.js';
import { AppError, CODE_MESSAGES, fail } from './errors.js';

// Input validation messages in plain 简体中文 (the same map core uses for parseReport).
z.config({ localeError: zhErrorMap });

export interface ServerOptions {
  readonly rateLimit: RateLimit;
  /** Mark the session cookie Secure (behind HTTPS). */
  readonly secureCookies: boolean;
  /** Trust X-Forwarded-For for the client address (behind a load balancer). */
  readonly trustProxy: boolean;
  /** The operator's log of logins (who, from where): console.log by default. */
  readonly log: (line: string) => void;
  /** The server's clock: which year it is, so no report is created for a year not yet begun. */
  readonly today: () => Date;
  /** How long reading one uploaded document may take (ingest-worker.ts; default 60 s). */
  readonly importTimeoutMs?: number;
}

export interface Context {
  readonly store: Store;
  readonly options: ServerOptions;
  readonly user: AuthUser | null;
  /** No user, but the request's token or session is that of a disabled account (ACCOUNT_DISABLED). */
  readonly accountDisabled?: boolean;
  /** The request carried an API token (Authorization: Bearer): if it signs no one in, that is said. */
  readonly bearerGiven?: boolean;
  readonly clientIp: string;
  /** The request reached the proxy over HTTPS (X-Forwarded-Proto: https, with NIANBAO_TRUST_PROXY): the cookie is Secure. */
  readonly httpsViaProxy?: boolean;
  /** The session cookie of the request, if any (logout ends it). */
  readonly sessionToken: string | undefined;
  /** Headers of the response (Set-Cookie on login/logout). */
  readonly resHeaders: Headers;
}

interface ZodLikeIssue {
  path: PropertyKey[];
  message: string;
}

function zodIssues(cause: unknown): ZodLikeIssue[] | null {
  const issues = cause instanceof z.ZodError ? cause.issues : (cause as { issues?: unknown } | null)?.issues;
  if (!Array.isArray(issues)) return null;
  // Record keys and unions nest their reasons: bring the innermost message up, with the full path.
  const flat: ZodLikeIssue[] = [];
  const walk = (list: readonly unknown[], prefix: PropertyKey[]) => {
    for (const raw of list) {
      const i = raw as ZodLikeIssue & { issues?: unknown[]; errors?: unknown[][] };
      const path = [...prefix, ...(i.path ?? [])];
      if (Array.isArray(i.issues) && i.issues.length) walk(i.issues, path);
      else if (Array.isArray(i.errors) && i.errors.some((e) => Array.isArray(e) && e.length)) {
        // A union: the branch the value came closest to (its issues reach deepest) says what is wrong —
        // {severity:'fatal'} is a bad severity, not “should be 'off'”.
        const depth = (e: unknown[]) => Math.max(...e.map((x) => ((x as ZodLikeIssue).path ?? []).length));
        const branches = i.errors.filter((e): e is unknown[] => Array.isArray(e) && e.length > 0);
        const deepest = Math.max(...branches.map(depth));
        const best = branches.filter((e) => depth(e) === deepest);
        // None got further than the value itself ('sometimes' for 'off' | a severity): every way it may be.
        if (deepest === 0 && best.length > 1 && best.every((e) => e.length === 1))
          flat.push({ path, message: best.map((e) => (e[0] as ZodLikeIssue).message).join('，或') });
        else walk(best[0]!, path);
      } else flat.push({ path, message: i.message });
    }
  };
  walk(issues, []);
  return flat;
}

/** Input fields as people call them (the forms' labels); the path itself stays in `details.issues`. */
const FIELD_LABELS: Record<string, string> = {
  name: '机关名称',
  username: '用户名',
  password: '密码',
  current: '当前密码',
  next: '新密码',
  displayName: '姓名',
  role: '角色',
  year: '年度',
  agencyId: '机关',
  regionId: '地区',
  parentId: '上级机关',
  status: '状态',
  statuses: '状态',
  edition: '格式版本',
  kind: '机关类别',
  level: '行政级别',
  regionCode: '区划代码',
  comment: '意见',
  reason: '说明',
  note: '说明',
  expectedVersion: '版本号',
  version: '版本号',
  publishedOn: '发布日期',
  updatedSince: '更新时间',
  findings: '问题筛选',
  limit: '条数',
  offset: '起始位置',
  fileName: '文件名',
  id: '编号（id）',
  format: '导出格式',
  from: '起始版本',
  to: '对比版本',
  content: '上传内容',
  encoding: '编码',
  findingKey: '问题标识',
  decision: '处理决定',
  tokenId: '令牌',
  userId: '用户',
  report: '报告',
  previous: '上年报告',
  since: '起始时间',
};

/**
 * A field some procedure calls otherwise than FIELD_LABELS does: a token's `name` is no agency's
 * name, an upload's `kind` (text, PDF, Word …) no agency's kind.
 */
const PROCEDURE_FIELD_LABELS: Record<string, Record<string, string>> = {
  'auth.tokens.create': { name: '令牌名称' },
  'import.upload': { kind: '文件类型' },
  'import.preview': { kind: '文件类型' },
};

/**
 * One input problem as a person reads it: the field's label where it is a form's field and the
 * message does not already name it (「机关名称过长」, 「年度：应为整数」), no prefix otherwise — never
 * the path (`name`, `report.cells.…`): a report's cells are named in the message itself.
 */
function forPeople(i: ZodLikeIssue, procedure?: string): string {
  const top = i.path[0];
  // The rule configuration: 「规则 C2 的级别：应为以下之一…」.
  if (top === 'rules' && typeof i.path[1] === 'string') {
    const [, id, part, option] = i.path.map(String);
    const what = part === 'severity' ? ' 的级别' : part === 'options' && option ? ` 的参数 ${option}` : '';
    return `规则 ${id}${what}：${i.message}`;
  }
  const label =
    typeof top === 'string' && i.path.length <= 2
      ? ((procedure ? PROCEDURE_FIELD_LABELS[procedure]?.[top] : undefined) ?? FIELD_LABELS[top])
      : undefined;
  // 「密码过于常见…」 of the field 新密码 needs no 「新密码：」 either.
  const named =
    label && (i.message.includes(label) || (label.endsWith('密码') && i.message.includes('密码')));
  return label && !named ? `${label}：${i.message}` : i.message;
}

/**
 * What tRPC itself rejects before any procedure runs — a body that is not JSON, an unknown procedure,
 * a query sent as POST — said in 简体中文 with its own machine code, not as a generic 请求参数有误.
 */
function transportError(
  error: TRPCError,
): { appCode: string; zhMessage: string; details: Record<string, unknown> } | null {
  if (error.cause instanceof AppError) return null;
  const m = error.message;
  if (error.code === 'PARSE_ERROR' || (error.code === 'BAD_REQUEST' && error.cause instanceof SyntaxError))
    return {
      appCode: 'INVALID_JSON',
      zhMessage: '请求内容不是有效的 JSON（POST 的请求体，或 GET 的 input 参数）',
      details: { parser: error.cause?.message ?? m },
    };
  let p = /^No procedure found on path "(.*)"$/.exec(m);
  if (error.code === 'NOT_FOUND' && p)
    return { appCode: 'UNKNOWN_PROCEDURE', zhMessage: `没有名为“${p[1]}”的接口`, details: { path: p[1] } };
  p = /^Unsupported (\w+)-request to (query|mutation|subscription) procedure at path "(.*)"$/.exec(m);
  if (error.code === 'METHOD_NOT_SUPPORTED' && p)
    return {
      appCode: 'METHOD_NOT_SUPPORTED',
      zhMessage: `“${p[3]}”是${p[2] === 'mutation' ? '修改操作，请用 POST' : '查询，请用 GET 或 POST'}（收到 ${p[1]}）`,
      details: { path: p[3], method: p[1], type: p[2] },
    };
  // A batch (`?batch=1`) tRPC cannot take apart: said as the input it is, not as a bare BAD_REQUEST.
  const batch =
    error.code === 'BAD_REQUEST' && !(error.cause instanceof Error)
      ? m === '"input" needs to be an object when doing a batch call'
        ? '批量请求（batch=1）的请求体应为以序号为键的对象，如 {"0": {…}, "1": {…}}'
        : /^Cannot mix procedure types in call/.test(m)
          ? '同一个批量请求中不能既有查询又有修改操作：请分开发送'
          : /^Batch call exceeds maximum size/.test(m)
            ? '批量请求包含的接口调用过多：请分批发送'
            : undefined
      : undefined;
  if (batch)
    return {
      appCode: 'INVALID_INPUT',
      zhMessage: batch,
      details: { issues: [{ path: '', message: batch }], issueCount: 1 },
    };
  if (error.code === 'UNSUPPORTED_MEDIA_TYPE')
    return {
      appCode: 'UNSUPPORTED_MEDIA_TYPE',
      zhMessage: '请求体应为 JSON（Content-Type: application/json）',
      details: {},
    };
  return null;
}

/** INVALID_INPUT's details.issues holds at most this many (details.issueCount: all of them). */
export const MAX_ISSUES = 100;

const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error, path }) {
    const cause = error.cause;
    let appCode: string = error.code;
    let zhMessage = CODE_MESSAGES[error.code] ?? '请求失败';
    let details: Record<string, unknown> = {};
    if (cause instanceof AppError) {
      appCode = cause.appCode;
      zhMessage = cause.message;
      details = cause.details;
    } else if (transportError(error)) {
      ({ appCode, zhMessage, details } = transportError(error)!);
    } else if (error.code === 'BAD_REQUEST' && zodIssues(cause)) {
      const issues = zodIssues(cause)!;
      appCode = 'INVALID_INPUT';
      zhMessage = `请求参数有误：${issues
        .slice(0, 5)
        .map((i) => forPeople(i, path))
        .join('；')}${issues.length > 5 ? `等 ${issues.length} 处` : ''}`;
      // The first MAX_ISSUES and how many there are: an input wrong in 100,000 places is not
      // answered with 100,000 entries.
      details = {
        issues: issues
          .slice(0, MAX_ISSUES)
          .map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
        issueCount: issues.length,
      };
    } else if (error.code === 'BAD_REQUEST' && cause instanceof Error) {
      // Input the validator could not even judge (it threw): still INVALID_INPUT, never a bare code.
      appCode = 'INVALID_INPUT';
      zhMessage = '请求参数有误：无法识别请求参数的结构，请对照接口说明检查';
      details = { issues: [], issueCount: 0 };
    }
    return {
      ...shape,
      message: zhMessage,
      data: {
        code: shape.data.code,
        httpStatus: shape.data.httpStatus,
        // Always there: null when the request was refused before its procedure was known (a 415).
        path: shape.data.path ?? null,
        appCode,
        zhMessage,
        details,
      },
    };
  },
});

export const router = t.router;

/**
 * Errors as callers should see them: core's NianbaoError (bad year, mixed editions …) is the caller's
 * mistake, 400 with its code; a busy database (SQLite shared by several processes, PostgreSQL
 * serialization/lock timeouts) is 503, and the caller may simply retry.
 */
function mapError<R extends { ok: boolean; error?: unknown }>(result: R): R {
  if (result.ok) return result;
  const cause = (result.error as TRPCError).cause;
  if (cause instanceof NianbaoError)
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: cause.message,
      cause: new AppError(cause.code, cause.message, { ...cause.details }),
    });
  const dbCode = (cause as { code?: unknown } | undefined)?.code;
  if (dbCode === 'SQLITE_BUSY' || dbCode === 'SQLITE_LOCKED' || dbCode === '40001' || dbCode === '55P03') {
    sayToOperator(
      'db-busy',
      `[db] 数据库繁忙（${String(dbCode)}），请求已答 503 DB_BUSY，客户端可重试；频繁出现时请检查是否有长事务或把 WORKERS 调小（同类消息每分钟最多记一条）`,
    );
    throw new TRPCError({
      code: 'SERVICE_UNAVAILABLE',
      message: '数据库繁忙，请稍后重试',
      cause: new AppError('DB_BUSY', '数据库繁忙，请稍后重试（未保存任何更改）'),
    });
  }
  if (dbCode === 'SQLITE_FULL' || dbCode === '53100') {
    console.error('[db] 磁盘已满：', cause instanceof Error ? cause.message : String(cause));
    throw new TRPCError({
      code: 'SERVICE_UNAVAILABLE',
      message: '服务器磁盘已满，未保存任何更改；请联系管理员',
      cause: new AppError('DISK_FULL', '服务器磁盘已满，未保存任何更改；请联系管理员'),
    });
  }
  // A value PostgreSQL cannot take that SQLite takes: a NUL (U+0000) in a text (an id, a user name —
  // 22021, 22P05), a number beyond its 32-bit integer columns (a version or id of 2^31 and more —
  // 22003), a malformed literal (22P02). The caller's input, not a fault of the server: 400, not 500.
  if (typeof dbCode === 'string' && PG_BAD_VALUE.has(dbCode)) {
    sayToOperator(
      `db-value-${dbCode}`,
      `[db] PostgreSQL 拒绝了请求中的值（${dbCode}：${cause instanceof Error ? cause.message : ''}），已答 400 INVALID_INPUT（同类消息每分钟最多记一条）`,
    );
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: BAD_VALUE_MESSAGE,
      cause: new AppError('INVALID_INPUT', BAD_VALUE_MESSAGE, {
        issues: [{ path: '', message: BAD_VALUE_MESSAGE }],
        issueCount: 1,
        dbCode,
      }),
    });
  }
  const down = dbUnavailable(cause);
  if (down) throw down;
  return result;
}

/** PostgreSQL's codes for a value it cannot store or compare (see mapError). */
const PG_BAD_VALUE: ReadonlySet<string> = new Set(['22021', '22P05', '22003', '22P02']);
const BAD_VALUE_MESSAGE =
  '请求参数有误：含有无法处理的值（如看不见的空字符 U+0000，或超出范围的数字），请检查后再试';

const lastSaid = new Map<string, number>();

/**
 * A line for the operator's log (console.error) at most once a minute per kind: an outage failing
 * thousands of requests is one line a minute, not thousands, and not none — a 503 the callers saw
 * with nothing in the log left the operator guessing. Returns whether it was said.
 */
export function sayToOperator(kind: string, line: string, everyMs = 60_000): boolean {
  const at = Date.now();
  const last = lastSaid.get(kind);
  if (last !== undefined && at - last < everyMs) return false;
  lastSaid.set(kind, at);
  console.error(line);
  return true;
}

/**
 * The database is down or the connection broke (PostgreSQL restarted, a network cut): a 503 the
 * caller may retry (DB_UNAVAILABLE), or null for any other error. Also used before a procedure runs,
 * where the session or token is looked up.
 */
export function dbUnavailable(cause: unknown): TRPCError | null {
  const code = (cause as { code?: unknown } | undefined)?.code;
  const message = cause instanceof Error ? cause.message : '';
  const down =
    (typeof code === 'string' &&
      (/^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND)$/.test(code) ||
        code.startsWith('08') ||
        code === '57P01')) ||
    /Connection terminated|connect ECONNREFUSED/.test(message);
  if (down)
    sayToOperator(
      'db-down',
      `[db] 数据库无法连接（${message || String(code)}），接口暂时答 503 DB_UNAVAILABLE；恢复后自动重连（同类消息每分钟最多记一条）`,
    );
  return down
    ? new TRPCError({
        code: 'SERVICE_UNAVAILABLE',
        message: '数据库暂时无法连接，请稍后重试',
        cause: new AppError('DB_UNAVAILABLE', '数据库暂时无法连接，请稍后重试（未保存任何更改）'),
      })
    : null;
}

export const publicProcedure = t.procedure.use(async ({ next }) => mapError(await next()));
export const createCallerFactory = t.createCallerFactory;

/** The same words as a login to a disabled account gets. */
export const ACCOUNT_DISABLED = '该账号已停用，请联系管理员';

/** Signed in (session or token); errors mapped as for publicProcedure, in one middleware. */
/**
 * What a session that must choose its password may still call (besides the public auth.me and
 * auth.logout): the change itself, and reads that tell nothing about anyone (the rule catalogue
 * and configuration, which the web app loads to check passwords' and reports' forms alike).
 */
const BEFORE_OWN_PASSWORD: ReadonlySet<string> = new Set([
  'auth.changePassword',
  'checks.rules',
  'config.get',
]);

export const authedProcedure = t.procedure.use(async ({ ctx, next, path }) => {
  // The holder of a disabled account's token or session is told why it no longer works.
  if (!ctx.user && ctx.accountDisabled)
    throw new TRPCError({
      code: 'FORBIDDEN',
      message: ACCOUNT_DISABLED,
      cause: new AppError('ACCOUNT_DISABLED', ACCOUNT_DISABLED),
    });
  if (!ctx.user) {
    // Same code either way; an integrator whose token was revoked is told it is the token.
    const message = ctx.bearerGiven ? 'API 令牌无效或已撤销，请在“账号”页创建新的令牌' : '请先登录';
    throw new TRPCError({
      code: 'UNAUTHORIZED',
      message,
      cause: new AppError('UNAUTHENTICATED', message),
    });
  }
  // A login session whose password a 管理员 set (a new account, a reset) chooses its own first:
  // nothing else runs for it — whose data it could see is not even looked at. An API token made
  // before a reset goes on working for its integration (revoking it stops it).
  if (ctx.user.mustChangePassword && ctx.user.via === 'session' && !BEFORE_OWN_PASSWORD.has(path))
    throw passwordChangeRequired();
  return mapError(await next({ ctx: { ...ctx, user: ctx.user } }));
});

/**
 * A download's procedure (`GET /export/opendata`, `/export/findings`: app.ts passes it every query
 * parameter of the URL): a parameter it does not take is refused — `UNKNOWN_PARAMETER`, named, with
 * the ones it takes — after the login is checked and before the input is read. Ignored, a mistyped
 * `yaer`, `fromat` or `status` gave a file other than the one asked for (the default format, every
 * status) without a word.
 */
export function downloadProcedure(url: string, accepted: readonly string[]) {
  return authedProcedure.use(async ({ getRawInput, next }) => {
    const raw = await getRawInput();
    const unknown =
      raw !== null && typeof raw === 'object' ? Object.keys(raw).filter((k) => !accepted.includes(k)) : [];
    if (unknown.length > 0) {
      const suggestions: Record<string, string> = {};
      for (const u of unknown) {
        const near = accepted.find(
          (a) =>
            a.toLowerCase() === u.toLowerCase() ||
            (a.length >= 4 && editDistance(a.toLowerCase(), u.toLowerCase()) <= 2),
        );
        if (near) suggestions[u] = near;
      }
      const named = unknown
        .map((u) => `“${u}”${suggestions[u] ? `（是否应为 ${suggestions[u]}？）` : ''}`)
        .join('、');
      fail(
        'BAD_REQUEST',
        'UNKNOWN_PARAMETER',
        `${url} 不认识参数 ${named}：可用的参数为 ${accepted.join('、')}`,
        { parameters: unknown, accepted: [...accepted], suggestions },
      );
    }
    return next();
  });
}

export const adminProcedure = authedProcedure.use(({ ctx, next }) => {
  if (ctx.user.role !== 'admin')
    throw new TRPCError({
      code: 'FORBIDDEN',
      message: '只有管理员可以执行此操作',
      cause: new AppError('ADMIN_ONLY', '只有管理员可以执行此操作'),
    });
  return next();
});

/**
 * Credential management — new accounts, passwords, API tokens — only from a login session, never
 * with an API token: a leaked token must not become access that outlives revoking it (a password it
 * set, an account or a token it made). `SESSION_REQUIRED` otherwise.
 */
export function requireSession(user: AuthUser, zhMessage: string): void {
  if (user.via !== 'session')
    throw new TRPCError({
      code: 'FORBIDDEN',
      message: zhMessage,
      cause: new AppError('SESSION_REQUIRED', zhMessage, { via: user.via }),
    });
}

const CREDENTIALS_NEED_SESSION =
  'API 令牌不能新建账号、设置密码或角色：请用账号和密码登录后操作（以免泄露的令牌在吊销后仍留有访问权）';

/** Signed in with a login session (not a token): for what sets a password or a role. */
export const sessionProcedure = authedProcedure.use(({ ctx, next }) => {
  requireSession(ctx.user, CREDENTIALS_NEED_SESSION);
  return next();
});

/** 管理员, signed in with a login session (not a token). */
export const adminSessionProcedure = adminProcedure.use(({ ctx, next }) => {
  requireSession(ctx.user, CREDENTIALS_NEED_SESSION);
  return next();
});

export type AuthedContext = Context & { user: AuthUser };
