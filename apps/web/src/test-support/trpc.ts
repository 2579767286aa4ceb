import { createTRPCClient, type TRPCLink } from '@trpc/client';
import { observable } from '@trpc/server/observable';
import type { AppRouter } from '../trpc';

/** A tRPC client answering from a table of handlers, recording every call (unit tests of pages). */
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
          obs.next({ result: { type: 'data', data } });
          obs.complete();
        });
      });
  return { client: createTRPCClient<AppRouter>({ links: [link] }), calls };
}
