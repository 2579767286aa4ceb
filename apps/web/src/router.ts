import { useSyncExternalStore } from 'react';

/** Hash routes: #/, #/report/<id>, #/import, #/region?year=&node=, #/rollup?year=&node=, #/account, #/admin, #/corrections and #/published/<id> (public, no login) */
export interface Route {
  readonly path: string[];
  readonly query: URLSearchParams;
}

/** A path segment decoded; one with a stray 「%」 (a link cut short, a typo) as it is — decoding it threw, and the page went blank. */
function decodeSegment(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function parse(hash: string): Route {
  const h = hash.replace(/^#/, '') || '/';
  const [p = '/', q = ''] = h.split('?');
  return { path: p.split('/').filter(Boolean).map(decodeSegment), query: new URLSearchParams(q) };
}

/**
 * Questions to ask before the hash route changes (the newest first): a page that holds something
 * shown only once — the new accounts' passwords — asks before the browser's Back, Forward or any
 * link takes the user away. Declined, the address goes back to the page and nothing re-renders.
 */
const blockers: { readonly message: string }[] = [];

/** Two addresses of one page: the same route path (the hash before its 「?」), whatever the query. */
function samePage(a: string, b: string): boolean {
  const path = (href: string) => {
    const i = href.indexOf('#');
    const h = i < 0 ? '' : href.slice(i);
    return parse(h).path.join('/');
  };
  const base = (href: string) => href.split('#')[0];
  return base(a) === base(b) && path(a) === path(b);
}
let accepted = typeof window === 'undefined' ? '' : window.location.href;
if (typeof window !== 'undefined')
  // Registered when this module loads, before any route subscriber: it runs first and can stop them.
  window.addEventListener('hashchange', (e) => {
    if (window.location.href === accepted) return;
    // The same page with other filters in its query (#/admin?user=…) is no leaving: the page and
    // what it holds stay — a filter typed while the passwords were shown asked to leave.
    if (samePage(window.location.href, accepted)) {
      accepted = window.location.href;
      return;
    }
    const blocker = blockers.at(-1);
    if (blocker && !window.confirm(blocker.message)) {
      e.stopImmediatePropagation();
      window.history.pushState(window.history.state, '', accepted);
      return;
    }
    accepted = window.location.href;
  });

/** Ask `message` before the route changes, until the returned function is called. */
export function blockNavigation(message: string): () => void {
  const blocker = { message };
  blockers.push(blocker);
  return () => {
    const i = blockers.indexOf(blocker);
    if (i >= 0) blockers.splice(i, 1);
    // what was shown while blocked is the page the next change leaves
    accepted = window.location.href;
  };
}

const subscribe = (cb: () => void) => {
  window.addEventListener('hashchange', cb);
  return () => window.removeEventListener('hashchange', cb);
};

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parse(hash);
}

/**
 * Go to `to`. Replaced, or within the page (its filters in the query): the address changes and the
 * route follows at once, in the same event — a checkbox or select the route controls keeps what was
 * clicked (with `location.hash` the browser's hashchange came a moment later, and React put the
 * control back in between: a click read back at once saw it unchanged). Another page: through the
 * browser, so a page that holds something asks first (blockNavigation). `samePage`: the caller knows the
 * page stays though its address is another — the start page is the reviewer's region list, and a filter
 * ticked there names #/region (through the browser, the tick was put back before the route came, and
 * the list was built anew: the focus lost).
 */
export function navigate(to: string, opts: { replace?: boolean; samePage?: boolean } = {}): void {
  const url = new URL(window.location.href);
  url.hash = to;
  if (!opts.replace && url.href === window.location.href) return;
  if (opts.replace || opts.samePage || samePage(url.href, window.location.href)) {
    // no leaving: nothing to ask
    if (opts.samePage) accepted = url.href;
    const oldURL = window.location.href;
    if (opts.replace) window.history.replaceState(window.history.state, '', url);
    else window.history.pushState(window.history.state, '', url);
    window.dispatchEvent(new HashChangeEvent('hashchange', { oldURL, newURL: url.href }));
  } else window.location.hash = to;
}

/** The region list's view: year, scope and filters — kept in the hash so Back, reload and links keep them. */
export interface RegionView {
  readonly year: number;
  readonly node?: string | undefined;
  /** '' all, a status, or 'none' (no report yet). */
  readonly status?: string | undefined;
  readonly errorsOnly?: boolean | undefined;
}

export function regionHref(v: RegionView): string {
  const q = new URLSearchParams({ year: String(v.year) });
  if (v.node) q.set('node', v.node);
  if (v.status) q.set('status', v.status);
  if (v.errorsOnly) q.set('errors', '1');
  return `#/region?${q.toString()}`;
}

export function parseRegionView(query: URLSearchParams, defaultYear: number): RegionView {
  return {
    year: Number(query.get('year')) || defaultYear,
    node: query.get('node') ?? undefined,
    status: query.get('status') ?? '',
    errorsOnly: query.get('errors') === '1',
  };
}

export const href = {
  home: () => '#/',
  report: (id: string) => `#/report/${encodeURIComponent(id)}`,
  import: () => '#/import',
  region: (year: number, node?: string) => regionHref({ year, node }),
  /** The bare region list (本地区报告): opens it as the reviewer left it in this tab (lib/review restoredView). */
  regionAsLeft: () => '#/region',
  rollup: (year: number, node: string) => `#/rollup?year=${year}&node=${encodeURIComponent(node)}`,
  account: () => '#/account',
  admin: () => '#/admin',
  /** The 更正公告, of one year or (none) of all. */
  corrections: (year?: number) => (year ? `#/corrections?year=${year}` : '#/corrections'),
  /** A published report as the public sees it, with its corrections (no login). */
  published: (id: string) => `#/published/${encodeURIComponent(id)}`,
};
