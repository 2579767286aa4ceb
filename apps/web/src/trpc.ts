import type { AppRouter } from '@nianbao/server';
import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { createTRPCContext } from '@trpc/tanstack-react-query';

export type { AppRouter };
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export type RouterInputs = inferRouterInputs<AppRouter>;

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

export function makeTrpcClient() {
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: '/trpc',
        maxURLLength: 4000,
        // the server takes at most 100 calls in one batch (MAX_BATCH_SIZE): a page never sends more
        maxItems: 100,
        fetch: (url, options) => fetch(url, { ...(options as RequestInit), credentials: 'same-origin' }),
      }),
    ],
  });
}

export type TrpcClient = ReturnType<typeof makeTrpcClient>;

/** The server's machine code (VERSION_CONFLICT, REPORT_LOCKED …) of an error, if any. */
export function appCode(e: unknown): string | undefined {
  if (e instanceof TRPCClientError) {
    const data = e.data as { appCode?: string } | undefined;
    return data?.appCode;
  }
  return undefined;
}

/** The request never got a tRPC answer: offline, the server unreachable, a proxy's error page. */
export function isNetworkError(e: unknown): boolean {
  if (e instanceof TRPCClientError) return !e.shape && !(e.data as unknown);
  return e instanceof TypeError;
}

/** The HTTP status of a tRPC error the server answered (404 a report gone, 503 its database away …). */
export function errorStatus(e: unknown): number | undefined {
  if (!(e instanceof TRPCClientError)) return undefined;
  const status = (e.data as { httpStatus?: unknown } | undefined)?.httpStatus;
  return typeof status === 'number' ? status : undefined;
}

/** The session has ended (logged out in another tab, expired): only a login helps, no retry. */
export function isSessionLost(e: unknown): boolean {
  return appCode(e) === 'UNAUTHENTICATED';
}

export const NETWORK_MESSAGE = '网络连接中断，请检查网络后重试';

/** A 简体中文 message for any error (the server already sends one; the browser's own are in English). */
export function errorMessage(e: unknown): string {
  if (isNetworkError(e)) return NETWORK_MESSAGE;
  if (e instanceof TRPCClientError) {
    const data = e.data as { zhMessage?: string } | undefined;
    return data?.zhMessage ?? e.message ?? '请求失败';
  }
  return e instanceof Error ? e.message : String(e);
}
