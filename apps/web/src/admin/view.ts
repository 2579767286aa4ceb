import { useEffect, useRef, useState } from 'react';
import { navigate, useRoute } from '../router';

/** The users list: grouped by nothing, by agency, or by role. */
export type GroupBy = 'none' | 'agency' | 'role';
/** The users list: every account, the active ones, or the 停用 ones. */
export type StatusFilter = 'all' | 'active' | 'disabled';

const GROUPS: readonly GroupBy[] = ['none', 'agency', 'role'];
const STATUSES: readonly StatusFilter[] = ['all', 'active', 'disabled'];

/**
 * The 管理 page's filters, kept in the hash (#/admin?agency=&noFiller=1&user=&group=&status=&audit=): a
 * reload, Back from another page, or the link sent to a colleague shows the lists as they were left.
 */
export interface AdminView {
  /** The agencies' name filter (as typed, ends trimmed); '' all. */
  readonly agency: string;
  /** 只看没有填报人的机关. */
  readonly noFiller: boolean;
  /** The users' filter (username, name, agency); '' all. */
  readonly user: string;
  readonly group: GroupBy;
  readonly status: StatusFilter;
  /** 操作记录's 只看: an action of audit.list ('' all; one the card does not know is all too). */
  readonly audit: string;
}

export const DEFAULT_ADMIN_VIEW: AdminView = {
  agency: '',
  noFiller: false,
  user: '',
  group: 'none',
  status: 'all',
  audit: '',
};

/**
 * A filter's words as the address has them; a link cut in the middle of a character (「%E6%」, read
 * as 「�%」) names none: no filter, not a box of garbage matching nothing.
 */
function textOf(query: URLSearchParams, key: string): string {
  const t = (query.get(key) ?? '').trim();
  return t.includes('\uFFFD') ? '' : t;
}

/** The view an address names; whatever it names wrongly (a typo, an old link) is the default. */
export function parseAdminView(query: URLSearchParams): AdminView {
  const group = query.get('group');
  const status = query.get('status');
  return {
    agency: textOf(query, 'agency'),
    noFiller: query.get('noFiller') === '1',
    user: textOf(query, 'user'),
    group: GROUPS.find((g) => g === group) ?? DEFAULT_ADMIN_VIEW.group,
    status: STATUSES.find((s) => s === status) ?? DEFAULT_ADMIN_VIEW.status,
    audit: (query.get('audit') ?? '').trim(),
  };
}

/** The 管理 page's address with its filters; the defaults left out (no filter: `#/admin`). */
export function adminHref(v: Partial<AdminView>): string {
  const q = new URLSearchParams();
  const agency = v.agency?.trim();
  if (agency) q.set('agency', agency);
  if (v.noFiller) q.set('noFiller', '1');
  const user = v.user?.trim();
  if (user) q.set('user', user);
  if (v.group && v.group !== DEFAULT_ADMIN_VIEW.group) q.set('group', v.group);
  if (v.status && v.status !== DEFAULT_ADMIN_VIEW.status) q.set('status', v.status);
  if (v.audit?.trim()) q.set('audit', v.audit.trim());
  const s = q.toString();
  return s ? `#/admin?${s}` : '#/admin';
}

/** The view in the address now (not as of the last render: two cards change it in one go). */
function currentView(): AdminView {
  return parseAdminView(new URLSearchParams(window.location.hash.split('?')[1] ?? ''));
}

/**
 * The 管理 page's view and a change of it. A change replaces the address (a filter is no step of
 * its own for Back: Back leaves the page, and coming back finds the filters as they were).
 */
export function useAdminView(): readonly [AdminView, (change: Partial<AdminView>) => void] {
  const route = useRoute();
  const view = parseAdminView(route.query);
  const change = (c: Partial<AdminView>) => {
    const next = adminHref({ ...currentView(), ...c });
    if (next !== window.location.hash) navigate(next, { replace: true });
  };
  return [view, change] as const;
}

/**
 * A filter box whose words live in the address: it types freely (a space typed last is kept in the
 * box, not in the address), and follows the address when that changes otherwise (a link, Back).
 */
export function useAddressText(inAddress: string, write: (text: string) => void) {
  const [text, setText] = useState(inAddress);
  // biome-ignore lint/correctness/useExhaustiveDependencies: when the address changes, not the box
  useEffect(() => {
    if (inAddress !== text.trim()) setText(inAddress);
  }, [inAddress]);
  // While an input method composes (pinyin, then its candidates), the box shows it and the address is
  // left as it was: what it commits is written once, at compositionend.
  const composing = useRef(false);
  const type = (t: string) => {
    setText(t);
    if (!composing.current) write(t);
  };
  const composition = {
    onCompositionStart: () => {
      composing.current = true;
    },
    onCompositionEnd: (e: { readonly currentTarget: HTMLInputElement }) => {
      composing.current = false;
      setText(e.currentTarget.value);
      write(e.currentTarget.value);
    },
  };
  return [text, type, composition] as const;
}
