import { ADMIN_LEVELS, AGENCY_KINDS, chinaTime, SEVERITY_LABELS, type Severity } from '@nianbao/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Fragment, useEffect, useRef, useState } from 'react';
import type { Me } from '../App';
import { AddressLocks } from '../admin/AddressLocks';
import { AuditCard } from '../admin/AuditLog';
import { BulkAgencies } from '../admin/BulkAgencies';
import { BulkUsers } from '../admin/BulkUsers';
import { agencyNameWarnings, compactName, ROLE_LABEL, type Role } from '../admin/bulk';
import { type AgencyNode, type AgencyRow, AgencySelect, flatten, type UserRow } from '../admin/common';
import { PasswordField } from '../admin/PasswordField';
import { labelRuleMessage, optionFields, type RuleMeta, ruleRefusals, severitiesFor } from '../admin/rules';
import { type GroupBy, type StatusFilter, useAddressText, useAdminView } from '../admin/view';
import { normalizeMonthDay } from '../lib/deadline';
import { appCode, errorMessage, type RouterInputs, useTRPC, useTRPCClient } from '../trpc';

/** What the last action of a card did, or why it failed (简体中文 from the server). */
function Outcome({ done, error }: { done: string | null; error: string | null }) {
  return (
    <>
      {done && (
        <p className="ok" role="status">
          {done}
        </p>
      )}
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
    </>
  );
}

/**
 * One run at a time of a form's action: a double click (or Enter twice) on 新建机关 made the same
 * agency twice, side by side in the tree; on 新建用户 the second said 用户名已存在 under the first's
 * 已新建. `busy` while it runs (the button is disabled and says so).
 */
function useOneAtATime(): readonly [busy: boolean, run: (f: () => Promise<void>) => Promise<void>] {
  const running = useRef(false);
  const [busy, setBusy] = useState(false);
  const run = async (f: () => Promise<void>) => {
    if (running.current) return;
    running.current = true;
    setBusy(true);
    try {
      await f();
    } finally {
      running.current = false;
      setBusy(false);
    }
  };
  return [busy, run] as const;
}

/**
 * An inline form of a row (修改, 重设密码) and the focus: into its first field as it opens, back to
 * the button that opened it as it closes (保存, 取消). The button went away with the click and the
 * focus with it: a keyboard user started again from the top of a list of hundreds.
 */
function useInlineFocus(openId: string | null, field: string, opener: (id: string) => string) {
  const last = useRef<string | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: as the open row changes
  useEffect(() => {
    const was = last.current;
    last.current = openId;
    if (openId) document.querySelector<HTMLElement>(field)?.focus();
    else if (was) {
      const a = document.activeElement;
      // unless the focus went somewhere on purpose meanwhile (not left on the page itself)
      if (!a || a === document.body) document.querySelector<HTMLElement>(opener(was))?.focus();
    }
  }, [openId]);
}

/**
 * 管理 (管理员): the region's agencies, the users and the deployment's rule configuration. A 审核人
 * gets the 机关 part only: the agencies under their node (the server lets them create, edit, move and
 * remove there; users and rules are the 管理员's).
 */
export function AdminPage({ me }: { me: Me }) {
  const trpc = useTRPC();
  const admin = me.role === 'admin';
  const tree = useQuery(trpc.agencies.tree.queryOptions());
  const users = useQuery({ ...trpc.users.list.queryOptions(), enabled: admin });
  const rows = flatten(tree.data ?? []);
  if (!admin)
    return (
      <div className="page admin-page">
        <h1>机关管理</h1>
        <p className="muted small" data-testid="reviewer-agencies-note">
          您是审核人：可在{rows[0] ? `“${rows[0].node.name}”` : '您的审核范围'}
          之下新建、修改、移动和删除机关（本机关由管理员修改）。用户和检查规则由管理员管理。
        </p>
        <AgenciesCard rows={rows} users={[]} admin={false} />
      </div>
    );
  return (
    <div className="page admin-page">
      <h1>管理</h1>
      <nav className="admin-jump small">
        <button type="button" className="link" onClick={() => jump('admin-agencies')}>
          机关（{rows.length}）
        </button>
        <button type="button" className="link" onClick={() => jump('admin-users')}>
          用户（{users.data?.length ?? 0}）
        </button>
        <button type="button" className="link" onClick={() => jump('admin-rules')}>
          检查规则
        </button>
        <button type="button" className="link" onClick={() => jump('admin-audit')}>
          操作记录
        </button>
      </nav>
      <AgenciesCard rows={rows} users={users.data ?? []} admin />
      <UsersCard rows={rows} users={users.data ?? []} me={me} />
      <RulesCard />
      <AuditCard agencyName={(id) => rows.find((r) => r.node.id === id)?.node.name} />
    </div>
  );
}

/** To a card of the page (the app routes by hash: scroll, never navigate). */
function jump(id: string) {
  document.getElementById(id)?.scrollIntoView();
}

/** Rows matching a filter, with their ancestors (to show where a match lies); all when the filter is blank. */
function visibleAgencies(rows: readonly AgencyRow[], filter: string, keep: (n: AgencyNode) => boolean) {
  const q = compactName(filter);
  const byId = new Map(rows.map((r) => [r.node.id, r.node]));
  const matched = new Set(
    rows.filter((r) => (!q || compactName(r.node.name).includes(q)) && keep(r.node)).map((r) => r.node.id),
  );
  const shown = new Set(matched);
  for (const id of matched) {
    let p = byId.get(id)?.parentId;
    while (p && !shown.has(p)) {
      shown.add(p);
      p = byId.get(p)?.parentId;
    }
  }
  return { matched, shown };
}

function AgenciesCard({
  rows,
  users,
  admin,
}: {
  rows: readonly AgencyRow[];
  users: readonly UserRow[];
  /** 管理员: anywhere, with each agency's 填报人. Else (审核人): under their node only, users unknown. */
  admin: boolean;
}) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const [parentId, setParentId] = useState('');
  const [name, setName] = useState('');
  const [kind, setKind] = useState('');
  const [level, setLevel] = useState('');
  // The filters are in the address (#/admin?agency=&noFiller=1): a reload, Back or a link keeps them.
  const [view, setView] = useAdminView();
  const [filter, setFilter, filterComposition] = useAddressText(view.agency, (agency) => setView({ agency }));
  // (the tick is the 管理员's: a 审核人 sees no users, so none of theirs has a 填报人 known)
  const onlyWithoutFiller = admin && view.noFiller;
  const [editing, setEditing] = useState<{
    id: string;
    name: string;
    kind: string;
    level: string;
    /** '' = top level. */
    parentId: string;
  } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  /** What an action on one row did or why it failed: shown in that row, where the admin is looking. */
  const [rowNote, setRowNote] = useState<{ id: string; ok: boolean; text: string } | null>(null);
  const [listNote, setListNote] = useState<string | null>(null);
  useInlineFocus(editing?.id ?? null, 'input[name=edit-agency-name]', (id) => `[data-edit-agency="${id}"]`);
  // An agency renamed or moved shows under its new name elsewhere too: the users list (机关 column
  // and its filter) and the header's own agency read it from queries of their own, which kept the old.
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.agencies.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.users.list.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.auth.me.queryKey() }),
      // and the 操作记录 below lists what was just done
      queryClient.invalidateQueries({ queryKey: trpc.audit.list.pathKey() }),
    ]);
  const withFiller = new Set(
    users.filter((u) => u.role === 'filler' && !u.disabledAt && u.agencyId).map((u) => u.agencyId!),
  );
  // A 审核人 makes agencies under their node: it is the parent until they choose another below it.
  const parentChoice = parentId || (admin ? '' : (rows[0]?.node.id ?? ''));
  const parent = rows.find((r) => r.node.id === parentChoice)?.node;
  /** A 审核人's own node (the top of what they see) is the 管理员's to change. */
  const canChange = (n: AgencyNode) =>
    admin || (n.parentId !== null && rows.some((r) => r.node.id === n.parentId));
  const siblingNames = (parent ? parent.children : rows.filter((r) => r.depth === 0).map((r) => r.node)).map(
    (n) => n.name,
  );
  const warnings = name.trim()
    ? agencyNameWarnings(
        name,
        rows.map((r) => r.node.name),
      )
    : [];
  const clearNotes = () => {
    setError(null);
    setDone(null);
    setRowNote(null);
    setListNote(null);
  };
  const [creating, once] = useOneAtATime();
  const create = () =>
    once(async () => {
      clearNotes();
      try {
        const a = await client.agencies.create.mutate({
          parentId: parentChoice || null,
          name: name.trim(),
          ...(kind ? { kind: kind as (typeof AGENCY_KINDS)[number] } : {}),
          ...(level ? { level: level as (typeof ADMIN_LEVELS)[number] } : {}),
        });
        setDone(
          `已新建：${a.name}（${a.kind ?? '类型未知'} · ${a.level ?? '层级未知'}），在${parent ? parent.name : '顶级'}之下`,
        );
        setName('');
        setKind('');
        setLevel('');
        await refresh();
      } catch (e) {
        setError(errorMessage(e));
      }
    });
  const saveEdit = async () => {
    if (!editing) return;
    clearNotes();
    const id = editing.id;
    try {
      const a = await client.agencies.edit.mutate({
        id,
        name: editing.name.trim(),
        ...(editing.kind ? { kind: editing.kind as (typeof AGENCY_KINDS)[number] } : {}),
        level: editing.level ? (editing.level as (typeof ADMIN_LEVELS)[number]) : null,
        parentId: editing.parentId || null,
      });
      setEditing(null);
      setRowNote({ id, ok: true, text: `已保存：${a.name}` });
      await refresh();
    } catch (e) {
      setRowNote({ id, ok: false, text: errorMessage(e) });
    }
  };
  const remove = async (node: AgencyNode) => {
    clearNotes();
    if (!window.confirm(`删除机关“${node.name}”？（只能删除没有下级机关、用户和报告的机关）`)) return;
    try {
      await client.agencies.remove.mutate({ id: node.id });
      setListNote(`已删除：${node.name}`);
      await refresh();
    } catch (e) {
      setRowNote({ id: node.id, ok: false, text: errorMessage(e) });
    }
  };
  /** Where an agency may be moved: anywhere but itself and what lies under it. */
  const placesFor = (id: string) => {
    const self = rows.find((r) => r.node.id === id);
    const under = new Set<string>();
    const walk = (n: AgencyNode) => {
      under.add(n.id);
      for (const c of n.children) walk(c);
    };
    if (self) walk(self.node);
    return rows.filter((r) => !under.has(r.node.id));
  };
  const without = rows.filter((r) => !withFiller.has(r.node.id)).length;
  const { matched, shown } = visibleAgencies(
    rows,
    filter,
    (n) => !onlyWithoutFiller || !withFiller.has(n.id),
  );
  const filtering = Boolean(filter.trim()) || onlyWithoutFiller;
  const visible = filtering ? rows.filter((r) => shown.has(r.node.id)) : rows;
  return (
    <section className="card" id="admin-agencies">
      <h2>机关</h2>
      <p className="muted small">
        地区树：省 › 市 › 县 ›
        乡镇（街道）与各部门。类型与层级决定公开期限和适用的检查规则；不填时按名称推断。
      </p>
      {rows.length === 0 && <p className="muted">还没有机关：先新建顶级机关（如本县人民政府）。</p>}
      {rows.length > 0 && (
        <div className="row gap wrap admin-filter">
          <input
            type="search"
            name="agency-filter"
            aria-label="查找机关"
            placeholder="查找机关（名称中的字）"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            {...filterComposition}
          />
          {admin && (
            <label className="small">
              <input
                type="checkbox"
                name="agency-without-filler"
                checked={onlyWithoutFiller}
                onChange={(e) => setView({ noFiller: e.target.checked })}
              />{' '}
              只看没有填报人的机关（{without} 个）
            </label>
          )}
          {filtering && (
            <span className="muted small" role="status">
              {matched.size} 个符合
            </span>
          )}
          {filtering && (
            <button
              type="button"
              className="link small"
              onClick={() => {
                setFilter('');
                setView({ noFiller: false });
                // the button goes with the filters: the focus to the box, not to nothing
                document.querySelector<HTMLElement>('input[name=agency-filter]')?.focus();
              }}
            >
              清除筛选
            </button>
          )}
        </div>
      )}
      {listNote && (
        <p className="ok" role="status">
          {listNote}
        </p>
      )}
      {filtering && matched.size === 0 && (
        <p className="muted" data-testid="agencies-none">
          没有符合筛选条件的机关
        </p>
      )}
      <ul className="agency-tree">
        {visible.map(({ node, depth }) => (
          <li
            key={node.id}
            data-agency={node.name}
            className={filtering && !matched.has(node.id) ? 'context' : undefined}
            style={{ paddingLeft: `${depth * 1.4}em` }}
          >
            {editing?.id === node.id ? (
              <form
                className="row gap inline"
                onSubmit={(e) => {
                  e.preventDefault();
                  void saveEdit();
                }}
              >
                <input
                  name="edit-agency-name"
                  value={editing.name}
                  onChange={(e) => setEditing({ ...editing, name: e.target.value })}
                />
                <select
                  value={editing.kind}
                  onChange={(e) => setEditing({ ...editing, kind: e.target.value })}
                >
                  {AGENCY_KINDS.map((k) => (
                    <option key={k}>{k}</option>
                  ))}
                </select>
                <select
                  value={editing.level}
                  onChange={(e) => setEditing({ ...editing, level: e.target.value })}
                >
                  <option value="">层级未知</option>
                  {ADMIN_LEVELS.map((l) => (
                    <option key={l}>{l}</option>
                  ))}
                </select>
                <label className="small">
                  上级{' '}
                  <select
                    name="edit-agency-parent"
                    value={editing.parentId}
                    onChange={(e) => setEditing({ ...editing, parentId: e.target.value })}
                  >
                    {admin && <option value="">（顶级）</option>}
                    {placesFor(editing.id).map(({ node: n, depth: d }) => (
                      <option key={n.id} value={n.id}>
                        {'　'.repeat(d)}
                        {n.name}
                      </option>
                    ))}
                  </select>
                </label>
                <button type="submit" className="small primary">
                  保存
                </button>
                <button type="button" className="small" onClick={() => setEditing(null)}>
                  取消
                </button>
              </form>
            ) : (
              <>
                <b>{node.name}</b>{' '}
                <span className="muted small">
                  {node.kind ?? '类型未知'} · {node.level ?? '层级未知'}
                </span>
                {admin && !withFiller.has(node.id) && <span className="badge warn small">无填报人</span>}
                <button
                  type="button"
                  className="link small"
                  onClick={() => {
                    setParentId(node.id);
                    clearNotes();
                    document.getElementById('new-agency-name')?.focus();
                  }}
                >
                  在其下新建
                </button>
                {canChange(node) && (
                  <button
                    type="button"
                    className="link small"
                    data-edit-agency={node.id}
                    onClick={() => {
                      setRowNote(null);
                      setEditing({
                        id: node.id,
                        name: node.name,
                        kind: node.kind ?? '其他',
                        level: node.level ?? '',
                        parentId: node.parentId ?? '',
                      });
                    }}
                  >
                    修改
                  </button>
                )}
                {canChange(node) && node.children.length === 0 && (
                  <button type="button" className="link small" onClick={() => void remove(node)}>
                    删除
                  </button>
                )}
              </>
            )}
            <RowNote note={rowNote} id={node.id} />
          </li>
        ))}
      </ul>
      <h3>新建机关</h3>
      <form
        className="form-grid"
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <label htmlFor="new-agency-parent">
          上级机关
          <AgencySelect
            rows={rows}
            name="new-agency-parent"
            value={parentChoice}
            onChange={setParentId}
            empty={admin ? '（无：顶级机关）' : '请选择上级机关'}
          />
        </label>
        <label>
          机关名称
          <input
            id="new-agency-name"
            name="new-agency-name"
            value={name}
            placeholder="如：某某镇人民政府"
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        <label>
          类型
          <select name="new-agency-kind" value={kind} onChange={(e) => setKind(e.target.value)}>
            <option value="">按名称推断</option>
            {AGENCY_KINDS.map((k) => (
              <option key={k}>{k}</option>
            ))}
          </select>
        </label>
        <label>
          层级
          <select name="new-agency-level" value={level} onChange={(e) => setLevel(e.target.value)}>
            <option value="">按名称推断</option>
            {ADMIN_LEVELS.map((l) => (
              <option key={l}>{l}</option>
            ))}
          </select>
        </label>
        <div>
          <button
            type="submit"
            className="primary"
            disabled={creating || !name.trim() || (!admin && !parent)}
          >
            {creating ? '正在新建…' : warnings.length ? '仍然新建机关' : '新建机关'}
          </button>
        </div>
      </form>
      {warnings.length > 0 && (
        <ul className="warn-text small name-warnings" data-testid="agency-name-warnings">
          {warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
      {siblingNames.includes(name.trim()) && (
        <p className="error-text small">
          {parent ? parent.name : '顶级'}之下已有“{name.trim()}”
        </p>
      )}
      <Outcome done={done} error={error} />
      <BulkAgencies rows={rows} preferredParentId={parentChoice} allowTop={admin} onCreated={refresh} />
    </section>
  );
}

/** A lock by failed logins as the list says it: 「已锁定，至 14:35」 (the browser's clock). */
export function lockedText(until: string): string {
  // Up to the minute: at the time said, the lock has ended.
  const t = new Date(Math.ceil(Date.parse(until) / 60_000) * 60_000);
  return `已锁定，至 ${String(t.getHours()).padStart(2, '0')}:${String(t.getMinutes()).padStart(2, '0')}`;
}

function UsersCard({ rows, users, me }: { rows: readonly AgencyRow[]; users: readonly UserRow[]; me: Me }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('filler');
  const [agencyId, setAgencyId] = useState('');
  // The list's filters are in the address (#/admin?user=&group=&status=), as the agencies'.
  const [view, setView] = useAdminView();
  const [filter, setFilter, filterComposition] = useAddressText(view.user, (user) => setView({ user }));
  const groupBy = view.group;
  const status = view.status;
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  /** What an action on one user did or why it failed: shown in that user's row. */
  const [rowNote, setRowNote] = useState<{ id: string; ok: boolean; text: string } | null>(null);
  const [resetting, setResetting] = useState<{ id: string; username: string; password: string } | null>(null);
  /** The user whose 停用 waits for a second click (names the account first). */
  const [confirming, setConfirming] = useState<string | null>(null);
  /** A user being changed: name, role, agency (someone moved, or now reviewing). */
  const [changing, setChanging] = useState<{
    id: string;
    username: string;
    displayName: string;
    role: Role;
    agencyId: string;
  } | null>(null);
  useInlineFocus(
    changing?.id ?? null,
    'input[name=change-user-display-name]',
    (id) => `[data-change-user="${id}"]`,
  );
  useInlineFocus(resetting?.id ?? null, 'input[name=reset-password]', (id) => `[data-reset-user="${id}"]`);
  useInlineFocus(confirming, '.confirm-box[role=alertdialog] button', (id) => `[data-disable-user="${id}"]`);
  // the users as they are now, and the 操作记录 below with what was just done
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.users.list.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.audit.list.pathKey() }),
    ]);
  const clearNotes = () => {
    setError(null);
    setDone(null);
    setRowNote(null);
  };
  const agencyName = (id: string | null) => (id ? rows.find((r) => r.node.id === id)?.node.name : undefined);
  const saveUser = async () => {
    if (!changing) return;
    clearNotes();
    const id = changing.id;
    try {
      await client.users.update.mutate({
        id,
        displayName: changing.displayName.trim(),
        role: changing.role,
        agencyId: changing.role === 'admin' ? null : changing.agencyId || null,
      });
      const where = changing.role === 'admin' ? '' : `，${agencyName(changing.agencyId) ?? ''}`;
      setRowNote({
        id,
        ok: true,
        text: `已修改 ${changing.username}：${ROLE_LABEL[changing.role]}${where}，下次操作起生效。`,
      });
      setChanging(null);
      await refresh();
    } catch (e) {
      setRowNote({ id, ok: false, text: errorMessage(e) });
    }
  };
  const reset = async () => {
    if (!resetting) return;
    clearNotes();
    const id = resetting.id;
    try {
      await client.users.resetPassword.mutate({ id, password: resetting.password, mustChangePassword: true });
      setRowNote({
        id,
        ok: true,
        text: `已重设 ${resetting.username} 的密码，其登录已全部退出。请将新密码告知本人：其下次登录时须先设置自己的密码。`,
      });
      setResetting(null);
      // the reset lifts a lock and asks for the user's own password: the row's 状态 says so now
      await refresh();
    } catch (e) {
      setRowNote({ id, ok: false, text: errorMessage(e) });
    }
  };
  const setDisabled = async (u: UserRow, disabled: boolean) => {
    clearNotes();
    setConfirming(null);
    try {
      const r = await client.users.setDisabled.mutate({ id: u.id, disabled });
      setRowNote({
        id: u.id,
        ok: true,
        text: disabled
          ? `已停用 ${u.username}：不能再登录，已登录的会话和接口令牌立即失效（重新启用时令牌一并撤销）；其报告和历史保留。`
          : `已启用 ${u.username}${r.tokensRevoked ? `；停用前的 ${r.tokensRevoked} 个接口令牌已撤销，需要时请本人重新创建` : ''}。`,
      });
      await refresh();
    } catch (e) {
      setRowNote({ id: u.id, ok: false, text: errorMessage(e) });
    }
  };
  const unlock = async (u: UserRow) => {
    clearNotes();
    try {
      await client.users.unlock.mutate({ id: u.id });
      setRowNote({ id: u.id, ok: true, text: `已解锁 ${u.username}：现在即可登录（密码不变）。` });
      await refresh();
    } catch (e) {
      setRowNote({ id: u.id, ok: false, text: errorMessage(e) });
    }
  };
  const [creating, once] = useOneAtATime();
  // Why 新建用户 is off, said beside it (it was only greyed out): 「请选择所属机关」.
  const missing = missingForNewUser({ username, displayName, password, role, agencyId });
  const create = () =>
    once(async () => {
      clearNotes();
      const where = role === 'admin' ? '' : `，${agencyName(agencyId) ?? ''}`;
      try {
        await client.users.create.mutate({
          username: username.trim(),
          displayName: displayName.trim(),
          password,
          role,
          agencyId: role === 'admin' ? null : agencyId || null,
          // an initial password: its owner chooses their own at the first login
          mustChangePassword: true,
        });
        // the initial password shown once with it (a generated one was never seen otherwise)
        setDone(
          `已新建用户 ${username.trim()}（${ROLE_LABEL[role]}${where}），初始密码：${password}（只显示这一次）。请将用户名和初始密码告知本人：其首次登录时须先设置自己的密码。`,
        );
        setUsername('');
        setDisplayName('');
        setPassword('');
        // The next user is someone else's: their agency is chosen anew, never carried over.
        setAgencyId('');
        await refresh();
      } catch (e) {
        setError(errorMessage(e));
      }
    });
  const activeAdmins = users.filter((u) => u.role === 'admin' && !u.disabledAt);
  const q = compactName(filter);
  const listed = users.filter(
    (u) =>
      (status === 'all' || (status === 'disabled') === Boolean(u.disabledAt)) &&
      (!q ||
        [u.username, u.displayName, u.agencyName ?? '', u.roleLabel].some((t) => compactName(t).includes(q))),
  );
  const disabledCount = users.filter((u) => u.disabledAt).length;
  // Groups in the tree's order (agencies) or the roles' (filler, reviewer, admin).
  const groups: { key: string; title: string; users: UserRow[] }[] =
    groupBy === 'none'
      ? [{ key: 'all', title: '', users: listed }]
      : groupBy === 'role'
        ? (Object.keys(ROLE_LABEL) as Role[]).map((r) => ({
            key: r,
            title: ROLE_LABEL[r],
            users: listed.filter((u) => u.role === r),
          }))
        : [
            ...rows.map((r) => ({
              key: r.node.id,
              title: r.node.name,
              users: listed.filter((u) => u.agencyId === r.node.id),
            })),
            { key: 'none', title: '（不属于机关：管理员）', users: listed.filter((u) => !u.agencyId) },
          ];
  const userRow = (u: UserRow) => {
    const lastAdmin = u.role === 'admin' && !u.disabledAt && activeAdmins.length <= 1;
    return (
      <tr key={u.id} data-user={u.username} className={u.disabledAt ? 'disabled' : undefined}>
        <td>{u.username}</td>
        <td>{u.displayName}</td>
        <td>{u.roleLabel}</td>
        <td>{u.agencyName ?? '—'}</td>
        <td>
          {u.disabledAt ? (
            <span className="warn-text">已停用</span>
          ) : u.lockedUntil && Date.parse(u.lockedUntil) > Date.now() ? (
            <>
              <span className="warn-text" data-testid="locked">
                {lockedText(u.lockedUntil)}
              </span>{' '}
              {u.lockedReach && (
                <span className="muted small" data-testid="locked-reach">
                  {u.lockedReach === 'some-addresses'
                    ? '（只在登录失败过多的网络地址：本人从其他网络仍可登录）'
                    : '（各处登录失败过多，可能有人在猜密码：本人从以前登录过的网络仍可登录）'}
                </span>
              )}{' '}
              <button type="button" className="link small" onClick={() => void unlock(u)}>
                解锁
              </button>
            </>
          ) : (
            '正常'
          )}
          {u.mustChangePassword && !u.disabledAt && (
            <div className="muted small" title="管理员设置的初始密码，本人首次登录时须先改为自己的密码">
              待本人设置密码
            </div>
          )}
        </td>
        <td>
          {changing?.id === u.id ? (
            <form
              className="row gap inline wrap"
              onSubmit={(e) => {
                e.preventDefault();
                void saveUser();
              }}
            >
              <input
                name="change-user-display-name"
                aria-label="姓名"
                value={changing.displayName}
                onChange={(e) => setChanging({ ...changing, displayName: e.target.value })}
              />
              {u.id !== me.id && (
                <select
                  name="change-user-role"
                  aria-label="角色"
                  value={changing.role}
                  onChange={(e) => setChanging({ ...changing, role: e.target.value as Role })}
                >
                  {(Object.keys(ROLE_LABEL) as Role[]).map((r) => (
                    <option key={r} value={r}>
                      {ROLE_LABEL[r]}
                    </option>
                  ))}
                </select>
              )}
              {changing.role !== 'admin' && (
                <AgencySelect
                  rows={rows}
                  name="change-user-agency"
                  value={changing.agencyId}
                  onChange={(agencyId) => setChanging({ ...changing, agencyId })}
                  empty={changing.role === 'reviewer' ? '审核范围' : '所属机关'}
                />
              )}
              <button type="submit" className="small primary">
                保存
              </button>
              <button type="button" className="small" onClick={() => setChanging(null)}>
                取消
              </button>
            </form>
          ) : (
            <button
              type="button"
              className="link small"
              data-change-user={u.id}
              onClick={() => {
                setRowNote(null);
                setChanging({
                  id: u.id,
                  username: u.username,
                  displayName: u.displayName,
                  role: u.role as Role,
                  agencyId: u.agencyId ?? '',
                });
              }}
            >
              修改
            </button>
          )}
          {u.id !== me.id &&
            (u.disabledAt ? (
              <button
                type="button"
                className="link small"
                data-disable-user={u.id}
                onClick={() => void setDisabled(u, false)}
              >
                启用
              </button>
            ) : confirming !== u.id ? (
              <button
                type="button"
                className="link small"
                data-disable-user={u.id}
                onClick={() => {
                  setRowNote(null);
                  setConfirming(u.id);
                }}
              >
                停用
              </button>
            ) : null)}
          {resetting?.id === u.id ? (
            <form
              className="row gap inline"
              onSubmit={(e) => {
                e.preventDefault();
                void reset();
              }}
            >
              <PasswordField
                name="reset-password"
                label="新密码"
                placeholder="新密码（至少 8 位）"
                value={resetting.password}
                onChange={(password) => setResetting({ ...resetting, password })}
              />
              <button type="submit" className="small primary" disabled={resetting.password.length < 8}>
                重设
              </button>
              <button type="button" className="small" onClick={() => setResetting(null)}>
                取消
              </button>
            </form>
          ) : (
            <button
              type="button"
              className="link small"
              data-reset-user={u.id}
              onClick={() => {
                setRowNote(null);
                setResetting({ id: u.id, username: u.username, password: '' });
              }}
            >
              重设密码
            </button>
          )}
          {confirming === u.id && (
            <div className="confirm-box" role="alertdialog" aria-label={`停用 ${u.username}`}>
              {lastAdmin ? (
                <p className="error-text">
                  {u.username}（{u.displayName}
                  ）是本系统唯一在用的管理员：停用后没有人能再管理机关、用户和规则。请先另设一位管理员。
                </p>
              ) : (
                <p>
                  停用 <b>{u.username}</b>（{u.displayName}，{u.roleLabel}
                  {u.agencyName ? `，${u.agencyName}` : ''}
                  ）？停用后不能再登录，已登录的会话和接口令牌立即失效；其报告和历史保留，可再启用。
                  {u.role === 'admin' && <b className="warn-text">这是管理员账号。</b>}
                </p>
              )}
              <div className="row gap">
                {!lastAdmin && (
                  <button type="button" className="small danger" onClick={() => void setDisabled(u, true)}>
                    确认停用 {u.username}
                  </button>
                )}
                <button type="button" className="small" onClick={() => setConfirming(null)}>
                  取消
                </button>
              </div>
            </div>
          )}
          <RowNote note={rowNote} id={u.id} />
        </td>
      </tr>
    );
  };
  return (
    <section className="card" id="admin-users">
      <h2>用户</h2>
      <p className="muted small">
        填报人填写本机关的报告；审核人审核所选机关及其下全部机关的报告；管理员管理机关、用户和检查规则。
      </p>
      <AddressLocks />
      {users.length > 0 && (
        <div className="row gap wrap admin-filter">
          <input
            type="search"
            name="user-filter"
            aria-label="查找用户"
            placeholder="查找用户（用户名、姓名、机关）"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            {...filterComposition}
          />
          <label className="small">
            分组{' '}
            <select
              name="user-group"
              value={groupBy}
              onChange={(e) => setView({ group: e.target.value as GroupBy })}
            >
              <option value="none">不分组</option>
              <option value="agency">按机关</option>
              <option value="role">按角色</option>
            </select>
          </label>
          <label className="small">
            状态{' '}
            <select
              name="user-status"
              value={status}
              onChange={(e) => setView({ status: e.target.value as StatusFilter })}
            >
              <option value="all">全部</option>
              <option value="active">正常</option>
              <option value="disabled">已停用（{disabledCount}）</option>
            </select>
          </label>
          <span className="muted small" role="status">
            {listed.length === users.length
              ? `共 ${users.length} 个用户`
              : `${listed.length} / ${users.length} 个用户`}
          </span>
          {(filter.trim() || status !== 'all') && (
            <button
              type="button"
              className="link small"
              onClick={() => {
                setFilter('');
                setView({ status: 'all' });
                document.querySelector<HTMLElement>('input[name=user-filter]')?.focus();
              }}
            >
              清除筛选
            </button>
          )}
        </div>
      )}
      {users.length > 0 && (
        <div className="users-scroll">
          <table className="data users">
            <thead>
              <tr>
                <th>用户名</th>
                <th>姓名</th>
                <th>角色</th>
                <th>机关</th>
                <th>状态</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {listed.length === 0 && (
                <tr>
                  <td colSpan={6} className="muted" data-testid="users-none">
                    没有符合筛选条件的用户
                  </td>
                </tr>
              )}
              {groups
                .filter((g) => groupBy === 'none' || g.users.length > 0)
                .map((g) => (
                  <Fragment key={g.key}>
                    {groupBy !== 'none' && (
                      <tr className="group-row">
                        <th colSpan={6}>
                          {g.title}（{g.users.length}）
                        </th>
                      </tr>
                    )}
                    {g.users.map(userRow)}
                  </Fragment>
                ))}
            </tbody>
          </table>
        </div>
      )}
      <h3>新建用户</h3>
      <form
        className="form-grid"
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <label>
          用户名
          <input name="new-user-username" value={username} onChange={(e) => setUsername(e.target.value)} />
        </label>
        <label>
          姓名
          <input
            name="new-user-display-name"
            value={displayName}
            placeholder="如：某某镇 填报员"
            onChange={(e) => setDisplayName(e.target.value)}
          />
        </label>
        <label htmlFor="new-user-password">
          初始密码（至少 8 位）
          <PasswordField name="new-user-password" label="初始密码" value={password} onChange={setPassword} />
        </label>
        <label>
          角色
          <select name="new-user-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {(Object.keys(ROLE_LABEL) as Role[]).map((r) => (
              <option key={r} value={r}>
                {ROLE_LABEL[r]}
              </option>
            ))}
          </select>
        </label>
        {role !== 'admin' && (
          <label htmlFor="new-user-agency">
            {role === 'reviewer' ? '审核范围（机关及其下全部）' : '所属机关'}
            <AgencySelect
              rows={rows}
              name="new-user-agency"
              value={agencyId}
              onChange={setAgencyId}
              empty="请选择机关"
            />
          </label>
        )}
        <div>
          <button
            type="submit"
            className="primary"
            disabled={creating || missing !== ''}
            aria-describedby={missing ? 'new-user-missing' : undefined}
          >
            {creating ? '正在新建…' : '新建用户'}
          </button>
          {missing && (
            <span id="new-user-missing" className="muted small new-user-missing">
              {' '}
              {missing}
            </span>
          )}
        </div>
      </form>
      <Outcome done={done} error={error} />
      <BulkUsers rows={rows} users={users} onCreated={refresh} />
    </section>
  );
}

/**
 * What 新建用户 still needs, in words (「请填写姓名，并选择所属机关」), or '' when nothing: the fields it
 * cannot go without — 用户名, 姓名, 初始密码 and, but for a 管理员, the agency (a 审核人's 审核范围).
 */
export function missingForNewUser(f: {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  agencyId: string;
}): string {
  const fill = [
    f.username.trim() ? '' : '用户名',
    f.displayName.trim() ? '' : '姓名',
    f.password ? '' : '初始密码',
  ].filter(Boolean);
  const choose = f.role === 'admin' || f.agencyId ? '' : f.role === 'reviewer' ? '审核范围' : '所属机关';
  const parts = [fill.length ? `填写${fill.join('、')}` : '', choose ? `选择${choose}` : ''].filter(Boolean);
  return parts.length ? `请${parts.join('，并')}` : '';
}

type Setting = 'default' | 'off' | Severity;

/** The options typed for a rule, as its defaults have them (numbers as numbers); none when all blank. */
function optionsOf(
  defaults: Readonly<Record<string, unknown>>,
  texts: Readonly<Record<string, string>>,
): Record<string, string | number | boolean | Record<string, number>> | undefined {
  const out: Record<string, string | number | boolean | Record<string, number>> = {};
  for (const [name, d] of Object.entries(defaults)) {
    if (typeof d === 'object' && d !== null) {
      const table: Record<string, number> = {};
      for (const k of Object.keys(d)) {
        const t = texts[`${name}.${k}`]?.trim();
        if (t) table[k] = Number(t);
      }
      if (Object.keys(table).length) out[name] = table;
    } else {
      const t = texts[name]?.trim();
      // A number as a number; a date as MM-DD (「3-31」「3月31日」 → 03-31); anything else as typed,
      // for the server to say what is wrong with it.
      if (t)
        out[name] =
          typeof d === 'number' && Number.isFinite(Number(t))
            ? Number(t)
            : typeof d === 'string' && /^\d{2}-\d{2}$/.test(d)
              ? normalizeMonthDay(t)
              : t;
    }
  }
  return Object.keys(out).length ? out : undefined;
}

/** The stored configuration's version (checks.rules: `configVersion`; config.set answers `version`). */
function configVersion(data: unknown): number | undefined {
  const d = data as { configVersion?: unknown; version?: unknown } | undefined;
  const v = d?.configVersion ?? d?.version;
  return typeof v === 'number' ? v : undefined;
}

function RulesCard() {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const rules = useQuery(trpc.checks.rules.queryOptions());
  const [settings, setSettings] = useState<Record<string, Setting>>({});
  /** Options as typed, by rule and option name (a table of limits by level: `name.key`); blank = default. */
  const [optionText, setOptionText] = useState<Record<string, Record<string, string>>>({});
  const [error, setError] = useState<string | null>(null);
  /** A refused save: what is wrong with each rule, shown in its row (the edits stay in the form). */
  const [refused, setRefused] = useState<Readonly<Record<string, readonly string[]>>>({});
  /** Another admin saved since this page loaded: their save is told, ours stays on screen until reloaded. */
  const [conflict, setConflict] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [version, setVersion] = useState<number | undefined>(undefined);
  // The stored configuration as one setting per rule (an object with options keeps its severity).
  const load = (data: NonNullable<typeof rules.data>) => {
    const out: Record<string, Setting> = {};
    const texts: Record<string, Record<string, string>> = {};
    for (const [id, s] of Object.entries(data.config.rules ?? {})) {
      if (s === 'off') out[id] = 'off';
      else if (typeof s === 'string') out[id] = s as Severity;
      else if (s.enabled === false) out[id] = 'off';
      else if (s.severity) out[id] = s.severity as Severity;
      if (typeof s === 'object' && s.options) {
        const t: Record<string, string> = {};
        for (const [name, v] of Object.entries(s.options))
          if (typeof v === 'object' && v !== null)
            for (const [k, x] of Object.entries(v as Record<string, unknown>)) t[`${name}.${k}`] = String(x);
          else t[name] = String(v);
        texts[id] = t;
      }
    }
    setSettings(out);
    setOptionText(texts);
    setVersion(configVersion(data));
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: loaded once per answer; a refetch after a conflict waits for 重新载入
  useEffect(() => {
    if (rules.data && !conflict) load(rules.data);
  }, [rules.data]);
  if (!rules.data) return null;
  const catalogue = rules.data.rules as unknown as readonly RuleMeta[];
  const save = async () => {
    setBusy(true);
    setError(null);
    setRefused({});
    setDone(null);
    setConflict(null);
    try {
      const next: NonNullable<RouterInputs['config']['set']['rules']> = {};
      for (const r of rules.data.rules) {
        const s = settings[r.id] ?? 'default';
        const options = optionsOf(r.options ?? {}, optionText[r.id] ?? {});
        if (s === 'default') {
          if (options) next[r.id] = { options };
        } else if (s === 'off') next[r.id] = 'off';
        else next[r.id] = options ? { severity: s, options } : s;
      }
      const saved = await client.config.set.mutate({
        rules: next,
        ...(version !== undefined ? { expectedVersion: version } : {}),
      });
      const v = configVersion(saved);
      if (v !== undefined) setVersion(v);
      // The stamp (第 N 版：谁于何时保存) as the answer gives it, with 「已保存」, not a refetch later.
      const stamp = saved as { version?: number; updatedAt?: string | null; updatedBy?: string | null };
      if (v !== undefined)
        queryClient.setQueryData(trpc.checks.rules.queryKey(), (old) =>
          old
            ? {
                ...old,
                configVersion: v,
                configUpdatedAt: stamp.updatedAt ?? old.configUpdatedAt,
                configUpdatedBy: stamp.updatedBy ?? old.configUpdatedBy,
              }
            : old,
        );
      setDone('规则配置已保存：各报告的问题数随之重新计算。');
      // Every page's findings depend on the configuration; refetched behind the message, which must not
      // wait for them (a slow or failing query elsewhere held 「已保存」 back for seconds).
      void queryClient.invalidateQueries();
    } catch (e) {
      const code = appCode(e);
      if (code === 'CONFIG_CONFLICT') {
        setConflict(errorMessage(e));
        void rules.refetch();
      } else {
        // Nothing was saved (the configuration is one whole): each refusal beside its own rule,
        // and every edit stays in the form to be corrected.
        const r = ruleRefusals(e, catalogue);
        const rows = r ? Object.keys(r.byRule).length : 0;
        if (r && rows) {
          setRefused(r.byRule);
          setError(
            `未保存：${rows} 条规则的设置有误，已在该规则的行中标出${r.other.length ? `；另有：${r.other.join('；')}` : ''}。请改正后再点“保存规则配置”；您在表中做的其他修改都还在，改正后一并保存。`,
          );
        } else setError(labelRuleMessage(errorMessage(e), catalogue));
      }
    } finally {
      setBusy(false);
    }
  };
  const reload = async () => {
    const fresh = await rules.refetch();
    setConflict(null);
    setDone(null);
    setError(null);
    setRefused({});
    if (fresh.data) load(fresh.data);
  };
  /** The rules a refusal names: their own refusal shown in their rows. */
  const named = new Set(Object.keys(refused));
  /** A row edited after a refusal: its mark goes (the save tells again if still wrong). */
  const edited = (id: string) => {
    if (!refused[id]) return;
    const { [id]: _, ...rest } = refused;
    setRefused(rest);
  };
  return (
    <section className="card" id="admin-rules">
      <h2>检查规则</h2>
      <p className="muted small">
        本系统所有用户（网页、命令行、接口）使用同一套规则配置。可关闭规则或改变其级别；“默认”即规则目录规定的级别。“跨年”只用于与上一年度报告比较的规则。
      </p>
      {rules.data.configUpdatedAt && (
        <p className="muted small" data-testid="rules-stamp">
          第 {rules.data.configVersion} 版：{rules.data.configUpdatedBy ?? '管理员'}于{' '}
          {chinaTime(rules.data.configUpdatedAt)} 保存。
        </p>
      )}
      <table className="data rules">
        <thead>
          <tr>
            <th>规则</th>
            <th>内容</th>
            <th>默认级别</th>
            <th>本系统</th>
            <th>选项（空白为默认值）</th>
          </tr>
        </thead>
        <tbody>
          {catalogue.map((r) => (
            <tr key={r.id} data-rule={r.id} className={named.has(r.id) ? 'invalid' : undefined}>
              <td>
                <code>{r.id}</code>
              </td>
              <td>{(r as unknown as { title: string }).title}</td>
              <td>{SEVERITY_LABELS[r.severity]}</td>
              <td>
                <select
                  name={`rule-${r.id}`}
                  aria-label={`${r.id} ${(r as unknown as { title: string }).title}：本系统的级别`}
                  value={settings[r.id] ?? 'default'}
                  onChange={(e) => {
                    edited(r.id);
                    setSettings({ ...settings, [r.id]: e.target.value as Setting });
                  }}
                >
                  <option value="default">默认</option>
                  <option value="off">关闭</option>
                  {severitiesFor(r, settings[r.id]).map((s) => (
                    <option key={s} value={s}>
                      {SEVERITY_LABELS[s]}
                    </option>
                  ))}
                </select>
              </td>
              <td className="rule-options">
                {optionFields(r).map(({ key, label, placeholder }) => (
                  <label key={key}>
                    {label}{' '}
                    <input
                      name={`rule-${r.id}-${key}`}
                      size={8}
                      placeholder={placeholder}
                      aria-invalid={named.has(r.id) || undefined}
                      value={optionText[r.id]?.[key] ?? ''}
                      onChange={(e) => {
                        edited(r.id);
                        setOptionText({
                          ...optionText,
                          [r.id]: { ...optionText[r.id], [key]: e.target.value },
                        });
                      }}
                    />
                  </label>
                ))}
                {refused[r.id]?.map((text) => (
                  <p key={text} className="error-text small row-note" role="alert">
                    {text}
                  </p>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {conflict && (
        <div className="confirm-box" role="alert" data-testid="rules-conflict">
          <p className="error-text">{conflict}</p>
          <p className="small">
            您的修改仍显示在上面，没有保存。重新载入会显示最新保存的配置（您的修改将丢弃，可记下后再改）。
          </p>
          <button type="button" className="small primary" onClick={() => void reload()}>
            重新载入最新配置
          </button>
        </div>
      )}
      <div className="row gap">
        <button
          type="button"
          className="primary"
          disabled={busy || Boolean(conflict)}
          onClick={() => void save()}
        >
          保存规则配置
        </button>
      </div>
      <Outcome done={done} error={error} />
    </section>
  );
}

/** What an action on one row (an agency, a user) came to, under that row: done, or why not. */
function RowNote({ note, id }: { note: { id: string; ok: boolean; text: string } | null; id: string }) {
  if (note?.id !== id) return null;
  return (
    <p className={note.ok ? 'ok row-note' : 'error-text row-note'} role={note.ok ? 'status' : 'alert'}>
      {note.text}
    </p>
  );
}
