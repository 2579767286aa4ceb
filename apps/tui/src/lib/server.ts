/**
 * What the commands of a nianbao server share: the tRPC client, its calls' errors as one line, the
 * references to reports and agencies, --status and --year. No @nianbao/core here: `nianbao list`
 * (commands/list) loads none of it, and starts in about half the time.
 */
import { existsSync } from 'node:fs';
import type { AppRouter } from '@nianbao/server';
import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import { numStr, type Parsed, serverOf, str } from './args.js';
import { CliError, EXIT_UNUSABLE, UsageError, zhDetail } from './errors.js';

/** The server's statuses in 简体中文. */
export const STATUS_ZH: Record<string, string> = {
  draft: '草稿',
  submitted: '已提交',
  returned: '已退回',
  approved: '已通过',
  published: '已发布',
};
/** Not a report's status: an agency of the region with no report of the year (check --region --status none). */
export const NONE = 'none';
const NONE_ZH = '未创建';
/** What the server's region roll-up sums without --status: the reports handed in. */
export const REGION_DEFAULT_STATUSES = ['submitted', 'approved', 'published'];

export type Status = keyof typeof STATUS_ZH & string;

/**
 * `--status` values (repeated or comma-separated, 「，」 too) as the server's status ids: each an id
 * (draft, submitted …) or its 简体中文 label (草稿、已提交 …). Unknown → one line naming them all.
 * With `none` allowed (check --server --region), none / 未创建 is taken too: the agencies with no
 * report of the year — returned as `none: true`, apart from the report statuses.
 */
export function statusesOf(p: Parsed): Status[];
export function statusesOf(p: Parsed, opts: { none: true }): { statuses: Status[]; none: boolean };
export function statusesOf(
  p: Parsed,
  opts?: { none: true },
): Status[] | { statuses: Status[]; none: boolean } {
  const raw = p.values.status;
  const given = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw])
    .flatMap((x) => String(x).split(/[,，、]/))
    .map((x) => x.trim())
    .filter(Boolean);
  const out: Status[] = [];
  let none = false;
  for (const g of given) {
    if (g.toLowerCase() === NONE || g === NONE_ZH) {
      if (!opts?.none)
        throw new UsageError(
          `状态「${g}」（没有本年度报告的机关）只用于检查一个地区：nianbao check --server URL --region 地区 --year 年度 --status none`,
        );
      none = true;
      continue;
    }
    const id = (
      STATUS_ZH[g.toLowerCase()] ? g.toLowerCase() : Object.keys(STATUS_ZH).find((k) => STATUS_ZH[k] === g)
    ) as Status | undefined;
    if (!id)
      throw new UsageError(
        `未知的状态「${g}」：可用 ${[
          ...Object.entries(STATUS_ZH),
          ...(opts?.none ? [[NONE, NONE_ZH] as const] : []),
        ]
          .map(([k, v]) => `${k}（${v}）`)
          .join('、')}`,
      );
    if (!out.includes(id)) out.push(id);
  }
  return opts ? { statuses: out, none } : out;
}

export type ListItem = Awaited<ReturnType<Client['reports']['list']['query']>>['items'][number];

/**
 * The reports of the server a listing asks for — of a region node and its subtree, a year, some
 * statuses — every page of them (500 a page), up to `limit`. `total`: how many there are in all.
 */
export async function listAll(
  client: Client,
  url: string,
  filter: { regionId?: string; year?: number; statuses?: Status[] },
  limit = Number.POSITIVE_INFINITY,
): Promise<{ items: ListItem[]; total: number }> {
  const items: ListItem[] = [];
  let total = 0;
  for (let offset = 0; items.length < limit; ) {
    const page = await call(url, () =>
      client.reports.list.query({
        ...(filter.regionId ? { regionId: filter.regionId } : {}),
        ...(filter.year !== undefined ? { year: filter.year } : {}),
        ...(filter.statuses?.length ? { statuses: filter.statuses as never } : {}),
        limit: Math.min(500, limit - items.length),
        offset,
      }),
    );
    total = page.total;
    items.push(...page.items);
    offset += page.items.length;
    if (!page.items.length || offset >= page.total) break;
  }
  return { items, total };
}

/** `--year` as a year, or undefined when not given. */
export function yearOf(p: Parsed): number | undefined {
  const y = numStr(p, 'year');
  if (y === undefined) return undefined;
  if (!/^\d{4}$/.test(y)) throw new UsageError(`--year 应为四位年度：${str(p, 'year')}`);
  return Number(y);
}

export type Client = ReturnType<typeof createTRPCClient<AppRouter>>;
export type RegionQuery = Parameters<Client['summary']['region']['query']>[0];

/** The tRPC client of `--server URL --token TOKEN` (or NIANBAO_SERVER / NIANBAO_TOKEN). */
export function connect(p: Parsed): { client: Client; url: string } {
  const s = serverOf(p);
  if (!s)
    throw new UsageError('请用 --server URL 给出服务器地址（或设置环境变量 NIANBAO_SERVER）', 'NO_SERVER');
  if (!s.token)
    throw new UsageError('请用 --token TOKEN 给出访问令牌（或设置环境变量 NIANBAO_TOKEN）', 'NO_TOKEN');
  let base: URL;
  try {
    base = new URL(s.url);
  } catch {
    throw new UsageError(`服务器地址无效：${s.url}`, 'INVALID_SERVER_URL');
  }
  const url = `${base.origin}${base.pathname.replace(/\/+$/, '').replace(/\/trpc$/, '')}/trpc`;
  const ms = timeoutSeconds() * 1000;
  // Each call gives up after NIANBAO_TIMEOUT seconds: a server that takes the connection and never
  // answers (hung, or a proxy in front of a stopped one) held a script for five minutes, saying nothing.
  const timed = ((input: Parameters<typeof fetch>[0], init?: RequestInit) => {
    // an AbortController of our own and a timer, not AbortSignal.any([…, AbortSignal.timeout(ms)]):
    // node holds the sources of AbortSignal.any weakly, and the timeout signal was collected before
    // it fired (the call then waited as long as before)
    const stop = new AbortController();
    const outer = init?.signal;
    if (outer) {
      if (outer.aborted) stop.abort(outer.reason);
      else outer.addEventListener('abort', () => stop.abort(outer.reason), { once: true });
    }
    // unref: a call that has ended never holds the process; one still waiting holds it by its socket
    setTimeout(() => stop.abort(new DOMException('timed out', 'TimeoutError')), ms).unref();
    return fetch(input, { ...init, signal: stop.signal });
  }) as typeof fetch;
  const client = createTRPCClient<AppRouter>({
    links: [httpLink({ url, headers: { Authorization: `Bearer ${s.token}` }, fetch: timed })],
  });
  return { client, url: base.origin };
}

/** Seconds a server call may take (NIANBAO_TIMEOUT, default 120). */
export function timeoutSeconds(): number {
  const raw = process.env.NIANBAO_TIMEOUT?.trim();
  if (!raw) return 120;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0)
    throw new UsageError(`环境变量 NIANBAO_TIMEOUT 应为正数（秒）：${raw}`, 'INVALID_TIMEOUT');
  return n;
}

/** Whether an error (or its cause) is a call given up at NIANBAO_TIMEOUT. */
export function timedOut(e: unknown): boolean {
  for (let c: unknown = e, i = 0; c && i < 5; c = (c as { cause?: unknown }).cause, i++)
    if ((c as { name?: string }).name === 'TimeoutError') return true;
  return false;
}

/**
 * A server call with its failure as one line and a stable code (`code` in `--json`): the server's
 * own `appCode` when it answered (NOT_FOUND, UNAUTHENTICATED, VERSION_CONFLICT …), SERVER_UNREACHABLE
 * when it could not be reached, SERVER_ERROR when it answered with no code of ours (not a nianbao
 * server, a proxy's page). `explain` words a failure of the server's code the CLI way.
 */
export async function call<T>(
  server: string,
  f: () => Promise<T>,
  explain?: (appCode: string, details: Record<string, unknown>) => string | undefined,
): Promise<T> {
  try {
    return await f();
  } catch (e) {
    if (timedOut(e))
      throw new CliError(
        `服务器 ${server} 在 ${timeoutSeconds()} 秒内没有应答：请稍后再试，或检查服务器（上传、状态变更可能已在服务器上完成，重试前请用 nianbao list 核对版本）；等待时间可用环境变量 NIANBAO_TIMEOUT（秒）调整`,
        EXIT_UNUSABLE,
        'SERVER_TIMEOUT',
      );
    if (e instanceof TRPCClientError) {
      const data = e.data as
        | { appCode?: string; details?: Record<string, unknown>; httpStatus?: number }
        | undefined;
      const appCode = data?.appCode;
      const own = appCode ? explain?.(appCode, data?.details ?? {}) : undefined;
      if (own) throw new CliError(own, EXIT_UNUSABLE, appCode);
      const cause = (e.cause as { code?: string; cause?: { code?: string } } | undefined) ?? {};
      const net = cause.code ?? cause.cause?.code;
      // connected, the request sent, and the connection closed before an answer (a proxy's limit, a
      // server that stopped): not 「无法连接」 — what was sent may have been done
      if (!data && (net === 'UND_ERR_SOCKET' || net === 'ECONNRESET' || net === 'EPIPE'))
        throw new CliError(
          `与服务器 ${server} 的连接在应答之前中断：请求可能已被服务器处理（上传、状态变更重试前请用 nianbao list 核对版本），本地文件没有改动`,
          EXIT_UNUSABLE,
          'CONNECTION_LOST',
        );
      if (!data && (net === 'ECONNREFUSED' || net === 'ENOTFOUND' || /fetch failed/.test(e.message)))
        throw new CliError(`无法连接服务器 ${server}`, EXIT_UNUSABLE, 'SERVER_UNREACHABLE');
      if (data?.httpStatus === 401)
        throw new CliError(
          `服务器拒绝访问：令牌无效或已过期（${server}）`,
          EXIT_UNUSABLE,
          appCode ?? 'UNAUTHENTICATED',
        );
      throw new CliError(
        zhDetail(`服务器返回错误：${e.message.split('\n')[0]}`),
        EXIT_UNUSABLE,
        appCode ?? 'SERVER_ERROR',
      );
    }
    throw new CliError(
      zhDetail(`无法连接服务器 ${server}：${(e as Error).message}`),
      EXIT_UNUSABLE,
      'SERVER_UNREACHABLE',
    );
  }
}

/**
 * A report of the server is named by its 编号 (the first column of `nianbao list`), or as 机关/年度:
 * the agency by its 编号 or its exact name, then the year (`示例县交通运输局/2024`).
 */
export const AGENCY_YEAR = /^(.+)\/(\d{4})$/;

/**
 * Whether a reference is rather a local path than a report of the server: `./` `../` `/` `~` at its
 * start, an extension (`.json`, `.pdf`: no 编号 has one), or a `/` outside the 机关/年度 form.
 */
export function looksLikePath(ref: string): boolean {
  return (
    /^(\.{1,2}[\\/]|[\\/]|~)/.test(ref) ||
    /\.[A-Za-z0-9]{1,5}$/.test(ref) ||
    (/[\\/]/.test(ref) && !AGENCY_YEAR.test(ref))
  );
}

/**
 * The 编号 of the report a reference names (one lookup in the server's list for 机关/年度). A
 * reference that looks like a path of a file that is not there is FILE_NOT_FOUND, never sent to the
 * server as a 编号 (a mistyped file name with NIANBAO_SERVER set).
 */
export async function reportId(client: Client, url: string, ref: string): Promise<string> {
  if (looksLikePath(ref) && !existsSync(ref))
    throw new CliError(
      `找不到文件：${ref}（服务器上的报告请用编号或「机关/年度」指定）`,
      EXIT_UNUSABLE,
      'FILE_NOT_FOUND',
    );
  // a file of this machine given with --server: no 编号 looks like it — said, not sent to the
  // server to come back as 「报告不存在或无权查看」
  if (looksLikePath(ref))
    throw new UsageError(
      `${ref} 是本机的文件：加 --server 时参数应为服务器上的报告（报告编号或「机关/年度」）；要用本机的文件，请去掉 --server`,
    );
  const m = AGENCY_YEAR.exec(ref);
  if (!m) return ref;
  const agency = m[1]!;
  const year = Number(m[2]);
  const hits = new Map<string, string>();
  for (let offset = 0; ; ) {
    const page = await call(url, () => client.reports.list.query({ year, limit: 500, offset }));
    for (const r of page.items)
      if (r.agencyId === agency || r.agencyName === agency) hits.set(r.id, r.agencyId);
    offset += page.items.length;
    if (!page.items.length || offset >= page.total) break;
  }
  if (hits.size === 0)
    throw new CliError(
      `服务器上没有「${agency}」${year} 年度的报告（或无权查看）`,
      EXIT_UNUSABLE,
      'NOT_FOUND',
    );
  if (hits.size > 1)
    throw new CliError(
      `有 ${hits.size} 个名为「${agency}」的机关有 ${year} 年度的报告，请改用报告编号：${[...hits.keys()].join('、')}`,
      EXIT_UNUSABLE,
      'AMBIGUOUS_REFERENCE',
    );
  return [...hits.keys()][0]!;
}

/** A report of the server by reference: its record and content. */
export async function fetchReport(client: Client, url: string, ref: string) {
  const id = await reportId(client, url, ref);
  return call(url, () => client.reports.get.query({ id }));
}

/**
 * The agencies of a region node — the node, then those under it — in the server's tree order (the
 * order of the region page and of the server's 问题清单: a node before the agencies under it).
 */
export async function regionAgencies(
  client: Client,
  url: string,
  regionId: string,
): Promise<{ id: string; name: string }[]> {
  const tree = await call(url, () => client.agencies.tree.query());
  type Node = (typeof tree)[number];
  const find = (nodes: readonly Node[]): Node | undefined => {
    for (const n of nodes) {
      const hit = n.id === regionId ? n : find(n.children as Node[]);
      if (hit) return hit;
    }
    return undefined;
  };
  const out: { id: string; name: string }[] = [];
  const walk = (n: Node) => {
    out.push({ id: n.id, name: n.name });
    for (const c of n.children as Node[]) walk(c);
  };
  const node = find(tree);
  if (node) walk(node);
  return out;
}

/**
 * The agencies of a region node with no report of the year (every status), in the server's tree
 * order: what the region page and the 问题清单 list as 未创建.
 */
export async function agenciesWithoutReport(
  client: Client,
  url: string,
  regionId: string,
  year: number,
): Promise<string[]> {
  const [agencies, ofYear] = await Promise.all([
    regionAgencies(client, url, regionId),
    listAll(client, url, { regionId, year }),
  ]);
  const reported = new Set(ofYear.items.map((i) => i.agencyId));
  return agencies.filter((a) => !reported.has(a.id)).map((a) => a.name);
}

/** The 编号 of an agency or region node named by its 编号 or its exact name. */
export async function agencyId(client: Client, url: string, ref: string): Promise<string> {
  const tree = await call(url, () => client.agencies.tree.query());
  const hits: { id: string; name: string }[] = [];
  const walk = (nodes: typeof tree) => {
    for (const n of nodes) {
      if (n.id === ref || n.name === ref) hits.push({ id: n.id, name: n.name });
      walk(n.children);
    }
  };
  walk(tree);
  if (hits.length === 0)
    throw new CliError(`服务器上没有名为「${ref}」的机关或地区（或无权查看）`, EXIT_UNUSABLE, 'NOT_FOUND');
  if (hits.length > 1)
    throw new CliError(
      `有 ${hits.length} 个名为「${ref}」的机关，请改用机关编号：${hits.map((h) => h.id).join('、')}`,
      EXIT_UNUSABLE,
      'AMBIGUOUS_REFERENCE',
    );
  return hits[0]!.id;
}
