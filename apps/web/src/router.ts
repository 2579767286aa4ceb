import { useSyncExternalStore } from 'react';

/** Hash routes: #/, #/report/<id>, #/import, #/region?year=&node=, #/rollup?year=&node=, #/account, #/admin, #/corrections (public) */
export interface Route {
  readonly path: string[];
  readonly query: URLSearchParams;
}

function parse(hash: string): Route {
  const h = hash.replace(/^#/, '') || '/';
  const [p = '/', q = ''] = h.split('?');
  return { path: p.split('/').filter(Boolean).map(decodeURIComponent), query: new URLSearchParams(q) };
}

const subscribe = (cb: () => void) => {
  window.addEventListener('hashchange', cb);
  return () => window.removeEventListener('hashchange', cb);
};

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parse(hash);
}

export function navigate(to: string): void {
  window.location.hash = to;
}

export const href = {
  home: () => '#/',
  report: (id: string) => `#/report/${encodeURIComponent(id)}`,
  import: () => '#/import',
  region: (year: number, node?: string) =>
    `#/region?year=${year}${node ? `&node=${encodeURIComponent(node)}` : ''}`,
  rollup: (year: number, node: string) => `#/rollup?year=${year}&node=${encodeURIComponent(node)}`,
  account: () => '#/account',
  admin: () => '#/admin',
  corrections: () => '#/corrections',
};
