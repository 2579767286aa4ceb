import { QueryClient } from '@tanstack/react-query';
import { createTRPCClient, TRPCClientError, type TRPCLink } from '@trpc/client';
import { observable } from '@trpc/server/observable';
import type { AppRouter } from '../trpc';

/**
 * The page tests' query client: no retries. With react-query's default (3 retries, 1 + 2 + 4 s), a
 * procedure a test does not answer kept every `invalidateQueries()` waiting 7 s — a page that waits
 * for it before saying 「已保存」 then missed the test's wait under load (CI, AdminPage's F3 test).
 */
export const testQueryClient = () => new QueryClient({ defaultOptions: { queries: { retry: false } } });

/** A handler's answer that is a refusal (the server's error shape: appCode, zhMessage, details). */
export class Refusal {
  constructor(
    readonly appCode: string,
    readonly zhMessage: string,
    readonly details: Record<string, unknown> = {},
  ) {}
}

/**
 * A tRPC client answering from a table of handlers, recording every call (unit tests of pages). A
 * handler answering a `Refusal` makes the call fail with it, as the server's errors do.
 */
export function fakeClient(handlers: Record<string, (input: unknown) => unknown>) {
  const calls: { path: string; input: unknown }[] = [];
  const link: TRPCLink<AppRouter> =
    () =>
    ({ op }) =>
      observable((obs) => {
        calls.push({ path: op.path, input: op.input });
        const h = handlers[op.path];
        if (!h) {
          obs.error(new Error(`unexpected ${op.path}`) as never);
          return;
        }
        Promise.resolve(h(op.input)).then((data) => {
          if (data instanceof Refusal)
            return obs.error(
              TRPCClientError.from({
                error: { code: -32600, message: data.zhMessage, data: { ...data } },
              }) as never,
            );
          obs.next({ result: { type: 'data', data } });
          obs.complete();
        });
      });
  return { client: createTRPCClient<AppRouter>({ links: [link] }), calls };
}
