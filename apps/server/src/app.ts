import { existsSync, readFileSync, statfsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { trpcServer } from '@hono/trpc-server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { getErrorShape, getTRPCErrorFromUnknown } from '@trpc/server/unstable-core-do-not-import';
import { Hono, type Context as HonoContext } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getCookie } from 'hono/cookie';
import { cors } from 'hono/cors';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { authenticate, credentialOfDisabledAccount, DEFAULT_RATE_LIMIT, SESSION_COOKIE } from './auth.js';
import type { Store } from './db/connect.js';
import { appRouter } from './router.js';
import { findingsDownloadRouter, findingsFile } from './routers/findings-export.js';
import { openDataChunks, openDataDownloadRouter } from './routers/io.js';
import { type Context, createCallerFactory, dbUnavailable, type ServerOptions } from './trpc.js';

export interface AppOptions extends Partial<ServerOptions> {
  /** Directory of the built web app (default: apps/web/dist beside this package). */
  readonly webDir?: string;
  /** Largest request body in bytes (default 30 MB: a DOCX or PDF upload as base64). */
  readonly maxBodyBytes?: number;
  /**
   * Cross-origin calls from browsers (NIANBAO_CORS_ORIGINS): the origins allowed to call every
   * procedure (with an API token: no cookie crosses), or '*' — any origin, the public procedures
   * only (PUBLIC_CORS_PROCEDURES). Default: none (no CORS headers; a preflight is answered 204
   * without them, so the browser refuses the call).
   */
  readonly corsOrigins?: readonly string[] | '*';
  /** Free space under which /healthz says the SQLite file's disk is low (default LOW_DISK_BYTES). */
  readonly lowDiskBytes?: number;
}

/** What '*' opens to any origin: the procedures that need no login and change nothing. */
export const PUBLIC_CORS_PROCEDURES: readonly string[] = ['reports.corrections', 'reports.published'];

/** NIANBAO_CORS_ORIGINS read: '' off, '*' public procedures, else a comma-separated list of origins. */
export function parseCorsOrigins(value: string | undefined): readonly string[] | '*' | undefined {
  const v = value?.trim();
  if (!v) return undefined;
  if (v === '*') return '*';
  const origins = v
    .split(',')
    .map((o) => o.trim().replace(/\/+$/, ''))
    .filter(Boolean);
  for (const o of origins)
    if (!/^https?:\/\/[^/\s?#*]+$/i.test(o))
      throw new Error(
        `NIANBAO_CORS_ORIGINS 中的“${o}”不是有效的来源：应为 https://example.gov.cn 这样的地址（协议、主机和端口，不带路径），多个用逗号分隔，或 *（任何来源，仅限公开接口）`,
      );
  return origins;
}

/**
 * Node's HTTP server options for `serve()`: request headers up to 64 KB (Node's default is 16 KB), so
 * a query's input in its URL has room (`summary.region` with a few hundred ids in `exclude`); beyond
 * that Node answers 431 before the app sees the request. Any long input: POST the query.
 *
 * An idle keep-alive connection is kept 65 s (Node's default is 5 s): longer than the 60 s idle
 * timeout of common load balancers and proxies (nginx upstream keepalive, AWS ALB), so the server
 * never closes a connection they are about to reuse — nor one a browser reuses after a pause (Node
 * closing it just as the next request went out gave ECONNRESET). `headersTimeout` must be above it.
 */
export const HTTP_SERVER_OPTIONS = {
  maxHeaderSize: 64 * 1024,
  keepAliveTimeout: 65_000,
  headersTimeout: 66_000,
} as const;

/**
 * What Node answers itself, before the app sees a request it cannot parse (`clientError`): a bare
 * 「400 Bad Request」 or 「431」 with no body. Said here in the API's error shape, in 简体中文, so an
 * integrator's raw 「?year=１２」 (not percent-encoded) or an oversized header is told what to change.
 */
export function answerClientError(err: NodeJS.ErrnoException, socket: import('node:stream').Duplex): void {
  // The connection is gone (reset) or already answered: nothing to say.
  if (err.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const [status, reason, appCode, zhMessage] =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? ([
          431,
          'Request Header Fields Too Large',
          'HEADERS_TOO_LARGE',
          `请求头过大（上限 ${HTTP_SERVER_OPTIONS.maxHeaderSize / 1024} KB）：较长的查询输入请用 POST 发送`,
        ] as const)
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? ([408, 'Request Timeout', 'REQUEST_TIMEOUT', '请求在规定时间内没有发送完整：请重试'] as const)
        : ([
            400,
            'Bad Request',
            'BAD_HTTP_REQUEST',
            'HTTP 请求格式无效，服务器无法读取：网址中的中文、全角字符和空格须先作百分号编码（如 encodeURIComponent），请求头须符合 HTTP/1.1',
          ] as const);
  const body = JSON.stringify({
    error: {
      message: zhMessage,
      code: -32600,
      data: {
        code: status === 408 ? 'TIMEOUT' : 'BAD_REQUEST',
        httpStatus: status,
        path: null,
        appCode,
        zhMessage,
        details: { parser: err.code ?? null },
      },
    },
  });
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/**
 * The app on Node's HTTP server as the server runs it (main.ts, and the tests over real HTTP):
 * HTTP_SERVER_OPTIONS, and a request Node cannot parse answered by answerClientError.
 */
export function serveApp(
  app: { fetch: Parameters<typeof serve>[0]['fetch'] },
  port: number,
  hostname: string,
  onListening: (info: import('node:net').AddressInfo) => void,
): ReturnType<typeof serve> {
  const server = serve({ fetch: app.fetch, port, hostname, serverOptions: HTTP_SERVER_OPTIONS }, onListening);
  server.on('clientError', answerClientError);
  return server;
}

/** Calls in one `?batch=1` request (more: INVALID_INPUT 「批量请求包含的接口调用过多：请分批发送」). */
export const MAX_BATCH_SIZE = 100;

/**
 * Sent with every response. The CSP fits the built web app (its scripts and styles are files of its
 * own; inline style attributes are allowed, as charts set them); `frame-ancestors 'none'` and
 * X-Frame-Options keep any other site from showing the app in a frame (clickjacking: a 发布 button
 * under a decoy); nosniff keeps a browser from running a download or an answer as a script;
 * no-referrer keeps report ids in addresses off other sites' logs.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

const JSON_ONLY_MESSAGE = '请求体应为 JSON（Content-Type: application/json）';
const CROSS_SITE_MESSAGE =
  '请求来自其他网站，已拒绝：本系统的修改操作只接受从本系统网页发出的请求。如果您并未进行此操作，可能有其他网站试图冒用您的登录状态；如需从其他系统调用接口，请使用 API 令牌（Authorization: Bearer）';

/** An error answered before tRPC sees the request, in the shape tRPC's own errors have. */
function apiError(
  c: HonoContext,
  status: 403 | 405 | 415,
  rpcCode: number,
  appCode: string,
  zhMessage: string,
  details: Record<string, unknown>,
  path: string | null = null,
): Response {
  const httpCode =
    status === 403 ? 'FORBIDDEN' : status === 405 ? 'METHOD_NOT_SUPPORTED' : 'UNSUPPORTED_MEDIA_TYPE';
  return c.json(
    {
      error: {
        message: zhMessage,
        code: rpcCode,
        data: { code: httpCode, httpStatus: status, path, appCode, zhMessage, details },
      },
    },
    status,
  );
}

/** The kind of each procedure (query or mutation), by its path: what a 405 says to use instead. */
const PROCEDURE_TYPES: ReadonlyMap<string, string> = new Map(
  Object.entries(
    (appRouter as unknown as { _def: { procedures: Record<string, { _def: { type: string } }> } })._def
      .procedures,
  ).map(([path, p]) => [path, p._def.type]),
);

const here = dirname(fileURLToPath(import.meta.url));
export const DEFAULT_WEB_DIR = resolve(here, '../../web/dist');

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>年报 · 服务已启动</title>
<style>body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;line-height:1.7;color:#222}code{background:#f3f3f3;padding:0 .3em}</style>
</head><body>
<h1>政府信息公开工作年度报告 · 服务端已启动</h1>
<p>网页端尚未构建，暂时无法在浏览器中填报。接口已可用：</p>
<ul>
<li><a href="/healthz">/healthz</a> —— 服务状态</li>
<li><code>/trpc</code> —— tRPC 接口（见 apps/server/README.md）</li>
</ul>
<p>构建网页端（<code>npm run build</code>，生成 <code>apps/web/dist</code>）后重启服务即可使用。</p>
</body></html>`;

function clientIp(
  c: { req: { header(name: string): string | undefined }; env: unknown },
  trustProxy: boolean,
): string {
  if (trustProxy) {
    const fwd = c.req.header('x-forwarded-for');
    // The right-most entry is the one our proxy added (nginx's proxy_add_x_forwarded_for appends the
    // address it saw); those before it are whatever the client sent, and a client could pick a new one
    // for every failed login.
    if (fwd) return fwd.split(',').at(-1)!.trim() || 'unknown';
  }
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? 'local';
}

/** A byte count as people read it: 30 MB, 512 KB, 1000 字节. */
function sizeText(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  if (bytes >= 1024 * 1024) return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KB`;
  return `${bytes} 字节`;
}

const openDataCaller = createCallerFactory(openDataDownloadRouter);
const findingsCaller = createCallerFactory(findingsDownloadRouter);

/** A tRPC error answered as /trpc answers it: the same JSON (appCode, zhMessage, details), the same status. */
function trpcErrorResponse(
  c: HonoContext,
  cause: unknown,
  ctx: Context | undefined,
  input: unknown,
  path = 'export.openData',
): Response {
  const error = getTRPCErrorFromUnknown(cause);
  if (error.code === 'INTERNAL_SERVER_ERROR') console.error(`[${c.req.path.slice(1)}]`, error.cause ?? error);
  const shape = getErrorShape({
    config: appRouter._def._config,
    error,
    type: 'query',
    path,
    input,
    ctx,
  });
  return c.json({ error: shape }, getHTTPStatusCodeFromError(error) as ContentfulStatusCode);
}

/**
 * `GET /export/opendata?regionId=…&year=…&format=csv|json&statuses=published,approved`: a region's
 * open data for a year as a download, streamed report by report (export.openData's file, byte for
 * byte, without building it in memory). Authenticated as /trpc (session cookie or Bearer token), the
 * same input and access rules as export.openData; errors are its JSON errors (NOT_FOUND,
 * NO_OPEN_DATA, INVALID_INPUT …) with their HTTP status, before any byte of the file.
 */
async function openDataDownload(
  c: HonoContext,
  contextOf: (c: HonoContext, resHeaders: Headers) => Promise<Context>,
): Promise<Response> {
  const input = downloadInput(c, 'csv');
  let ctx: Context | undefined;
  try {
    ctx = await contextOf(c, new Headers());
    const plan = await openDataCaller(ctx).plan(input as never);
    const db = ctx.store.db;
    const chunks = openDataChunks(db, plan);
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      // Pulled as the client reads: a slow download holds one batch, not the file.
      async pull(controller) {
        try {
          const next = await chunks.next();
          if (next.done) controller.close();
          else controller.enqueue(encoder.encode(next.value));
        } catch (e) {
          console.error('[export/opendata] 导出中断：', e instanceof Error ? e.message : String(e));
          controller.error(e);
        }
      },
      async cancel() {
        await chunks.return(undefined);
      },
    });
    const ascii = `opendata-${plan.year}.${plan.format === 'csv' ? 'csv' : 'json'}`;
    return new Response(body, {
      headers: {
        'Content-Type': plan.mime,
        'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(plan.fileName)}`,
        'Cache-Control': 'no-store',
        'X-Report-Count': String(plan.reports),
      },
    });
  } catch (e) {
    return trpcErrorResponse(c, e, ctx, input);
  }
}

/**
 * A download's query as the procedures take it: the year a number when it reads as one, `statuses`
 * comma-separated or repeated — and every other parameter of the URL as it came, so that one the
 * download does not take is refused by name (UNKNOWN_PARAMETER, trpc.ts's downloadProcedure), never
 * dropped here without a word.
 */
function downloadInput(c: HonoContext, defaultFormat?: string): Record<string, unknown> {
  const q = c.req.query();
  const year = q.year !== undefined && /^\d{1,6}$/.test(q.year) ? Number(q.year) : q.year;
  const statuses = c.req
    .queries('statuses')
    ?.flatMap((s) => s.split(','))
    .filter(Boolean);
  const format = q.format ?? defaultFormat;
  const { regionId: _r, year: _y, format: _f, statuses: _s, ...others } = q;
  return {
    ...others,
    regionId: q.regionId,
    year,
    ...(format !== undefined ? { format } : {}),
    ...(statuses?.length ? { statuses } : {}),
  };
}

/** The region page's other filters in a 问题清单's query — `q` as typed, `errorsOnly` 1/0 (true/false) — or one report's `reportId`. */
function findingsFilters(c: HonoContext): { q?: string; errorsOnly?: unknown; reportId?: string } {
  const { q, errorsOnly, reportId } = c.req.query();
  const flag: Record<string, boolean> = { '1': true, true: true, '0': false, false: false, '': false };
  return {
    ...(reportId !== undefined ? { reportId } : {}),
    ...(q !== undefined ? { q } : {}),
    ...(errorsOnly !== undefined ? { errorsOnly: flag[errorsOnly] ?? errorsOnly } : {}),
  };
}

/**
 * `GET /export/findings?regionId=…&year=…&format=xlsx|csv&statuses=submitted,approved&q=&errorsOnly=1`: the 问题清单
 * of a region and year — every report of the node and the agencies below it (a 填报人: their own),
 * and the agencies without one (未创建; `statuses=none` alone, or with no statuses named), through the
 * region page's filters (`q` the agency's or a place's name, `errorsOnly`), in region-tree order, with the findings `checks.validate` gives each (rule config, last year's
 * report, triage: a dismissed finding listed as 「已忽略：…」 and not counted) — as an Excel workbook
 * (汇总 and 问题清单 sheets) or CSV. Authenticated as /trpc (session cookie or Bearer token); errors
 * are tRPC's JSON errors (INVALID_INPUT, NOT_FOUND, NO_REPORTS, UNAUTHENTICATED …) with their HTTP
 * status. Reports are checked a batch at a time, letting other requests through; the file is
 * written once they are all checked, so an error is still answered as JSON.
 */
async function findingsDownload(
  c: HonoContext,
  contextOf: (c: HonoContext, resHeaders: Headers) => Promise<Context>,
): Promise<Response> {
  const input = { ...downloadInput(c, 'xlsx'), ...findingsFilters(c) };
  let ctx: Context | undefined;
  try {
    ctx = await contextOf(c, new Headers());
    const plan = await findingsCaller(ctx).plan(input as never);
    const { body, reports } = await findingsFile(ctx.store.db, plan);
    const ascii = `findings-${plan.year}.${plan.format}`;
    return new Response(typeof body === 'string' ? body : new Blob([body as Uint8Array<ArrayBuffer>]), {
      headers: {
        'Content-Type': plan.mime,
        'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(plan.fileName)}`,
        'Cache-Control': 'no-store',
        'X-Report-Count': String(reports),
      },
    });
  } catch (e) {
    return trpcErrorResponse(c, e, ctx, input, 'export.findings');
  }
}

/** Below this, /healthz says the disk is low: a save of a large report may no longer fit. */
export const LOW_DISK_BYTES = 200 * 1024 * 1024;

/**
 * The SQLite file's disk, for /healthz: free bytes and `low` under LOW_DISK_BYTES — a full disk
 * refuses every save (DISK_FULL) while reading goes on, so /healthz stays 200 (a balancer must not
 * take the only instance out) and says it for monitoring. None for PostgreSQL (not this machine's).
 */
function diskOf(
  store: Store,
  lowBytes: number,
): { freeBytes: number; low: boolean; message?: string } | undefined {
  if (store.dialect !== 'sqlite') return undefined;
  try {
    const s = statfsSync(dirname(store.location));
    const freeBytes = Number(s.bavail) * Number(s.bsize);
    const low = freeBytes < lowBytes;
    return {
      freeBytes,
      low,
      ...(low
        ? { message: `数据所在磁盘只剩 ${sizeText(freeBytes)}：空间用尽后无法保存，请尽快清理或扩容` }
        : {}),
    };
  } catch {
    return undefined;
  }
}

/** The Hono app: /trpc, /healthz and the web app at /. Tests call `app.request()` on it directly. */
export function createApp(store: Store, options: AppOptions = {}): Hono {
  const serverOptions: ServerOptions = {
    rateLimit: options.rateLimit ?? DEFAULT_RATE_LIMIT,
    secureCookies: options.secureCookies ?? false,
    trustProxy: options.trustProxy ?? false,
    log: options.log ?? ((line) => console.log(line)),
    today: options.today ?? (() => new Date()),
    ...(options.importTimeoutMs !== undefined ? { importTimeoutMs: options.importTimeoutMs } : {}),
  };
  const app = new Hono();

  // Security headers on every answer: the web app, its files, the API's JSON, the downloads.
  app.use('*', async (c, next) => {
    await next();
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) if (!c.res.headers.has(k)) c.res.headers.set(k, v);
  });

  /** Who is calling (API token or session cookie), as every procedure sees it. */
  const contextOf = async (c: HonoContext, resHeaders: Headers): Promise<Context> => {
    const auth = c.req.header('authorization');
    const bearer = auth?.match(/^Bearer\s+(\S+)$/i)?.[1];
    const sessionToken = getCookie(c, SESSION_COOKIE) || undefined;
    const creds = { bearer, sessionToken };
    const user = await authenticate(store.db, creds).catch((e: unknown) => {
      throw dbUnavailable(e) ?? e;
    });
    // Credentials that sign no one in: those of a disabled account are told so (ACCOUNT_DISABLED).
    const accountDisabled =
      !user && (bearer || sessionToken)
        ? await credentialOfDisabledAccount(store.db, creds).catch((e: unknown) => {
            throw dbUnavailable(e) ?? e;
          })
        : false;
    return {
      store,
      options: serverOptions,
      user,
      accountDisabled,
      ...(bearer ? { bearerGiven: true } : {}),
      clientIp: clientIp(c, serverOptions.trustProxy),
      ...(serverOptions.trustProxy &&
      c.req.header('x-forwarded-proto')?.split(',', 1)[0]?.trim().toLowerCase() === 'https'
        ? { httpsViaProxy: true }
        : {}),
      sessionToken,
      resHeaders,
    };
  };

  app.get('/healthz', async (c) => {
    try {
      await store.db.selectFrom('agencies').select('id').limit(1).execute();
      const disk = diskOf(store, options.lowDiskBytes ?? LOW_DISK_BYTES);
      return c.json({
        ok: true,
        database: store.dialect,
        time: new Date().toISOString(),
        ...(disk ? { disk } : {}),
      });
    } catch (e) {
      // The cause goes to the log, not to whoever asks (it names hosts and ports).
      console.error('[healthz] 数据库不可用：', e instanceof Error ? e.message : String(e));
      return c.json({ ok: false, database: store.dialect, error: '数据库不可用' }, 503);
    }
  });

  // Cross-site request forgery: a browser on another site (or another host of the same site — every
  // *.gov.cn office's site is "same-site" to a browser) posting with this server's session cookie.
  // SameSite=Lax keeps the cookie off cross-site posts, not same-site ones; tRPC takes a
  // multipart/form-data post — what any HTML form can send without a preflight — and ran auth.logout
  // from it. Browsers say where a request comes from (Sec-Fetch-Site): the web app's own calls are
  // same-origin; a post with the cookie from anywhere else is refused before it runs. API tokens
  // (Authorization: Bearer) are not sent by browsers on their own, and need no such check.
  // tRPC answers GET and POST. Any other method (PUT, DELETE, PATCH …) is the caller's mistake, 405
  // METHOD_NOT_SUPPORTED as tRPC says it of a GET to a mutation — tRPC itself said 415 (a body
  // without Content-Type: application/json) or 405 by whether a JSON body came along.
  // A HEAD is answered as the GET of the same URL would be, without its body (Hono drops the body of
  // what the GET route answers): tRPC itself answered every HEAD 204 before looking at the path (its
  // 「lambda warm-up」), so a HEAD on a procedure that does not exist, on a mutation or without a login
  // said 204 where the GET says 404, 405 or 401. The request goes on as that GET.
  app.use('/trpc/*', async (c, next) => {
    if (c.req.method === 'HEAD')
      c.req.raw = new Request(c.req.url, {
        method: 'GET',
        headers: c.req.raw.headers,
        signal: c.req.raw.signal,
      });
    const method = c.req.method;
    if (method === 'GET' || method === 'POST' || method === 'OPTIONS') return next();
    let path: string | null = null;
    try {
      path = decodeURIComponent(c.req.path.slice('/trpc/'.length)) || null;
    } catch {}
    const batch = c.req.query('batch') === '1' || path?.includes(',');
    const type = path && !batch ? PROCEDURE_TYPES.get(path) : undefined;
    const zhMessage = type
      ? `“${path}”是${type === 'mutation' ? '修改操作，请用 POST' : '查询，请用 GET 或 POST'}（收到 ${method}）`
      : `接口只接受 GET（查询）或 POST（查询和修改操作）（收到 ${method}）`;
    c.header('Allow', type === 'mutation' ? 'POST' : 'GET, POST');
    return apiError(
      c,
      405,
      -32005,
      'METHOD_NOT_SUPPORTED',
      zhMessage,
      { path, method, ...(type ? { type } : {}) },
      batch ? null : path,
    );
  });

  app.use('/trpc/*', async (c, next) => {
    if (c.req.method !== 'POST') return next();
    const type = c.req.header('content-type')?.split(';', 1)[0]?.trim().toLowerCase();
    if (type === 'multipart/form-data' || type === 'application/octet-stream')
      return apiError(c, 415, -32015, 'UNSUPPORTED_MEDIA_TYPE', JSON_ONLY_MESSAGE, {});
    const site = c.req.header('sec-fetch-site')?.toLowerCase();
    if (
      (site === 'cross-site' || site === 'same-site') &&
      getCookie(c, SESSION_COOKIE) &&
      !/^Bearer\s/i.test(c.req.header('authorization') ?? '')
    )
      return apiError(c, 403, -32003, 'CROSS_SITE_REQUEST', CROSS_SITE_MESSAGE, { secFetchSite: site });
    return next();
  });

  // CORS first: a preflight (OPTIONS) is answered here, never by tRPC (which said 415).
  const corsOrigins = options.corsOrigins;
  const corsHandler = corsOrigins
    ? cors({
        origin: corsOrigins === '*' ? '*' : [...corsOrigins],
        allowMethods: ['GET', 'POST', 'OPTIONS'],
        exposeHeaders: ['Retry-After'],
        maxAge: 600,
      })
    : null;
  /** Every procedure of a (possibly batched) /trpc/a,b path is one '*' opens. */
  const isPublic = (path: string) =>
    path
      .slice('/trpc/'.length)
      .split(',')
      .every((p) => PUBLIC_CORS_PROCEDURES.includes(decodeURIComponent(p)));
  app.use('/trpc/*', async (c, next) => {
    if (corsHandler && (corsOrigins !== '*' || isPublic(c.req.path))) return corsHandler(c, next);
    if (c.req.method === 'OPTIONS') return c.body(null, 204, { Allow: 'GET, POST, OPTIONS' });
    return next();
  });

  const maxBodyBytes = options.maxBodyBytes ?? 30 * 1024 * 1024;
  const tooLargeMessage = `请求内容过大（上限 ${sizeText(maxBodyBytes)}）`;
  /** The procedure a /trpc request names, as tRPC's own errors give it (`data.path`); null for a batch. */
  const procedurePath = (c: HonoContext): string | null => {
    if (c.req.query('batch') === '1') return null;
    try {
      return decodeURIComponent(c.req.path.slice('/trpc/'.length)) || null;
    } catch {
      return null;
    }
  };
  const tooLarge = (c: HonoContext) =>
    c.json(
      {
        error: {
          message: tooLargeMessage,
          code: -32600,
          data: {
            code: 'PAYLOAD_TOO_LARGE',
            httpStatus: 413,
            path: procedurePath(c),
            appCode: 'PAYLOAD_TOO_LARGE',
            zhMessage: tooLargeMessage,
            details: { limitBytes: maxBodyBytes },
          },
        },
      },
      413,
    );
  const streamedLimit = bodyLimit({ maxSize: maxBodyBytes, onError: tooLarge });
  app.use('/trpc/*', async (c, next) => {
    // A declared Content-Length is checked as it stands, without touching the body: Hono's
    // bodyLimit reads every body through a counting web stream, which cost more than the rest of
    // a validate request. Chunked bodies (no length) still go through it. On Node's HTTP server a
    // request with neither header has no body at all (RFC 9112 §6.3): a GET query must not go near
    // the body, as touching it makes @hono/node-server build a full web Request (a tenth of a
    // query's CPU). Elsewhere (app.request(), other runtimes) a body may come without a length.
    if (c.req.header('transfer-encoding') !== undefined) return streamedLimit(c, next);
    const length = c.req.header('content-length');
    if (length === undefined) {
      const onNode = (c.env as { incoming?: unknown } | undefined)?.incoming !== undefined;
      return onNode || c.req.method === 'GET' ? next() : streamedLimit(c, next);
    }
    const n = Number(length);
    return Number.isSafeInteger(n) && n >= 0 && n <= maxBodyBytes ? next() : tooLarge(c);
  });
  // Every answer of /trpc is JSON. An error tRPC answers before it has read the call (a body that is
  // not JSON, a batch mixing queries and mutations, a batch too long) is built without a
  // Content-Type, which the Response then calls text/plain: a client taking the type at its word did
  // not read the error's code and message.
  app.use('/trpc/*', async (c, next) => {
    await next();
    if (c.res.body && /^text\/plain/i.test(c.res.headers.get('content-type') ?? ''))
      c.res.headers.set('content-type', 'application/json');
  });
  app.use(
    '/trpc/*',
    trpcServer({
      endpoint: '/trpc',
      router: appRouter,
      // A query may also be POSTed, its input as the JSON body: an input too long for a URL (Node
      // refuses request headers over HTTP_SERVER_OPTIONS.maxHeaderSize with a bare 431) goes there.
      // Mutations stay POST only.
      allowMethodOverride: true,
      // One request, at most this many calls: a batch of 4,000 exports (what fits in a URL) was
      // minutes of CPU in one request. The web app's batches are a few calls.
      maxBatchSize: MAX_BATCH_SIZE,
      createContext: async (opts, c) =>
        (await contextOf(c, opts.resHeaders)) as unknown as Record<string, unknown>,
      onError: ({ error }) => {
        if (error.code === 'INTERNAL_SERVER_ERROR') console.error('[trpc]', error.cause ?? error);
      },
    }) as never,
  );

  // The downloads are an integrator's too (OPEN_DATA_TOO_LARGE points a portal to the streamed one):
  // for the listed origins, with a token, as every procedure; their file name and report count
  // readable by the page. '*' opens the public procedures only — a download needs a login.
  const downloadCors =
    corsOrigins && corsOrigins !== '*'
      ? cors({
          origin: [...corsOrigins],
          allowMethods: ['GET', 'OPTIONS'],
          exposeHeaders: ['Content-Disposition', 'X-Report-Count', 'Retry-After'],
          maxAge: 600,
        })
      : null;
  for (const url of ['/export/opendata', '/export/findings'])
    app.use(url, async (c, next) => {
      if (downloadCors) return downloadCors(c, next);
      if (c.req.method === 'OPTIONS') return c.body(null, 204, { Allow: 'GET, OPTIONS' });
      return next();
    });
  app.get('/export/opendata', (c) => openDataDownload(c, contextOf));
  app.get('/export/findings', (c) => findingsDownload(c, contextOf));
  // A download is a GET (a link): another method is said as the API says it, not a bare 「未找到」.
  for (const [url, path] of [
    ['/export/opendata', 'export.openData'],
    ['/export/findings', 'export.findings'],
  ] as const)
    app.on(['POST', 'PUT', 'DELETE', 'PATCH'], url, (c) => {
      c.header('Allow', 'GET');
      const zhMessage = `${url} 是下载地址，请用 GET（收到 ${c.req.method}）`;
      return apiError(c, 405, -32005, 'METHOD_NOT_SUPPORTED', zhMessage, { method: c.req.method }, path);
    });

  const webDir = options.webDir ?? DEFAULT_WEB_DIR;
  if (existsSync(join(webDir, 'index.html'))) {
    const index = readFileSync(join(webDir, 'index.html'), 'utf8');
    app.use('/*', serveStatic({ root: webDir }));
    // Single-page app: unknown paths get index.html.
    app.get('*', (c) => c.html(index));
  } else {
    app.get('/', (c) => c.html(NOT_BUILT_PAGE));
  }
  app.notFound((c) => c.json({ error: '未找到', path: c.req.path }, 404));
  return app;
}
