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

/** A 简体中文 message for any error (the server already sends one). */
export function errorMessage(e: unknown): string {
  if (e instanceof TRPCClientError) {
    const data = e.data as { zhMessage?: string } | undefined;
    return data?.zhMessage ?? e.message ?? '请求失败';
  }
  if (e instanceof TypeError) return '无法连接服务器，请检查网络后重试';
  return e instanceof Error ? e.message : String(e);
}
