import { chinaTime } from '@nianbao/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage, type RouterOutputs, useTRPC } from '../trpc';
import { useAdminView } from './view';

type Entry = RouterOutputs['audit']['list']['items'][number];

/** What each recorded action is, for people (audit.list's `action`). */
export const AUDIT_ACTIONS: Readonly<Record<string, string>> = {
  'users.create': '新建用户',
  'users.update': '修改用户',
  'users.disable': '停用用户',
  'users.enable': '启用用户',
  'users.resetPassword': '重设密码',
  'users.unlock': '解锁用户',
  'users.unlockAddress': '解除网络地址的登录暂停',
  'config.set': '修改检查规则',
  'agencies.create': '新建机关',
  'agencies.edit': '修改机关',
  'agencies.remove': '删除机关',
  'tokens.revoke': '撤销他人的 API 令牌',
  'startup.adminReset': '启动时重设管理员密码',
};

/** The fields an entry's before/after name, for people. */
const FIELDS: Readonly<Record<string, string>> = {
  name: '名称',
  parentId: '上级',
  kind: '类型',
  level: '层级',
  regionCode: '区划代码',
  displayName: '姓名',
  role: '角色',
  agencyId: '机关',
  username: '用户名',
  disabledAt: '停用',
  mustChangePassword: '首次登录须改密码',
  tokensRevoked: '撤销的令牌',
  address: '网络地址',
};

const ROLES: Readonly<Record<string, string>> = { filler: '填报人', reviewer: '审核人', admin: '管理员' };

const shown = (v: unknown, agencyName: (id: string) => string | undefined): string => {
  if (v === null || v === undefined || v === '') return '（空）';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'string') return agencyName(v) ?? ROLES[v] ?? v;
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
};

/**
 * An entry's details in a line: a change as 「层级：县级 → 乡镇级」 (an agency id by its name), anything
 * else as recorded, cut at 300 characters (the full text in the row's title).
 */
export function auditDetails(
  e: Pick<Entry, 'details'>,
  agencyName: (id: string) => string | undefined,
): string {
  const d = e.details;
  if (!d) return '';
  const before = d.before as Record<string, unknown> | undefined;
  const after = d.after as Record<string, unknown> | undefined;
  if (before && after && typeof before === 'object' && typeof after === 'object' && !Array.isArray(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    const changed = keys.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
    if (changed.length && changed.every((k) => k in FIELDS))
      return changed
        .map((k) => `${FIELDS[k]}：${shown(before[k], agencyName)} → ${shown(after[k], agencyName)}`)
        .join('；');
  }
  // flat facts (a new user's 姓名, 角色, 机关): said field by field
  const entries = Object.entries(d);
  if (entries.every(([k, v]) => k in FIELDS && (v === null || typeof v !== 'object')))
    return entries.map(([k, v]) => `${FIELDS[k]}：${shown(v, agencyName)}`).join('；');
  const text = JSON.stringify(d);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

/**
 * 操作记录 (管理员): what administrators (and 审核人 managing agencies) did, newest first — who, when,
 * what and on what, a change said as before → after; 50 at a time, 「更早的记录」 for the next 50.
 * The same entries as audit.list and the server log's 「[admin] …」 lines.
 */
export function AuditCard({ agencyName }: { agencyName: (id: string) => string | undefined }) {
  // 只看 is in the address (#/admin?audit=users.create), as the page's other filters: a reload, Back or
  // a link keeps it; an action this list does not know (a typo, an old link) is 全部操作.
  const [view, setView] = useAdminView();
  const action = Object.hasOwn(AUDIT_ACTIONS, view.audit) ? view.audit : '';
  /** The pages read so far (「更早的记录」), of the action shown: another action starts at the newest. */
  const [paged, setPaged] = useState<{ action: string; pages: (number | undefined)[] }>({
    action,
    pages: [undefined],
  });
  const pages = paged.action === action ? paged.pages : [undefined];
  return (
    <section className="card" id="admin-audit">
      <h2>操作记录</h2>
      <p className="muted small">
        管理员的操作（用户、检查规则、机关、令牌）和审核人对机关的修改，最新的在前；从不记录密码。
      </p>
      <label className="small">
        只看{' '}
        <select name="audit-action" value={action} onChange={(e) => setView({ audit: e.target.value })}>
          <option value="">全部操作</option>
          {Object.entries(AUDIT_ACTIONS).map(([k, label]) => (
            <option key={k} value={k}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <div className="table-wrap">
        <table className="audit-log">
          <thead>
            <tr>
              <th>时间</th>
              <th>操作人</th>
              <th>操作</th>
              <th>对象</th>
              <th>内容</th>
            </tr>
          </thead>
          {pages.map((before, k) => (
            <AuditPage
              key={before ?? 'first'}
              before={before}
              action={action}
              agencyName={agencyName}
              onMore={
                k === pages.length - 1 ? (next) => setPaged({ action, pages: [...pages, next] }) : undefined
              }
            />
          ))}
        </table>
      </div>
    </section>
  );
}

function AuditPage({
  before,
  action,
  agencyName,
  onMore,
}: {
  before: number | undefined;
  action: string;
  agencyName: (id: string) => string | undefined;
  onMore: ((next: number) => void) | undefined;
}) {
  const trpc = useTRPC();
  const page = useQuery(
    trpc.audit.list.queryOptions({
      limit: 50,
      ...(before !== undefined ? { before } : {}),
      ...(action ? { action } : {}),
    }),
  );
  if (page.isError)
    return (
      <tbody>
        <tr>
          <td colSpan={5} className="error-text">
            操作记录读取失败：{errorMessage(page.error)}
          </td>
        </tr>
      </tbody>
    );
  if (!page.data)
    return (
      <tbody>
        <tr>
          <td colSpan={5} className="muted">
            正在读取…
          </td>
        </tr>
      </tbody>
    );
  const { items, nextBefore } = page.data;
  return (
    <tbody>
      {items.length === 0 && before === undefined && (
        <tr>
          <td colSpan={5} className="muted">
            还没有{action ? `“${AUDIT_ACTIONS[action] ?? action}”的` : ''}操作记录。
          </td>
        </tr>
      )}
      {items.map((e) => {
        const details = auditDetails(e, agencyName);
        return (
          <tr key={e.id} data-action={e.action}>
            <td className="nowrap">{chinaTime(e.at)}</td>
            <td>{e.actor ?? '系统'}</td>
            <td>{AUDIT_ACTIONS[e.action] ?? e.action}</td>
            <td>{e.target ?? ''}</td>
            <td className="small" title={e.details ? JSON.stringify(e.details) : undefined}>
              {details}
            </td>
          </tr>
        );
      })}
      {nextBefore !== null && onMore && (
        <tr>
          <td colSpan={5}>
            <button type="button" className="link" onClick={() => onMore(nextBefore)}>
              更早的记录
            </button>
          </td>
        </tr>
      )}
    </tbody>
  );
}
