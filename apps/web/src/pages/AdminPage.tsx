import { ADMIN_LEVELS, AGENCY_KINDS, SEVERITY_LABELS, type Severity } from '@nianbao/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { Me } from '../App';
import { errorMessage, type RouterInputs, type RouterOutputs, useTRPC, useTRPCClient } from '../trpc';

type AgencyNode = RouterOutputs['agencies']['tree'][number];

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

/** The tree as rows, each with its depth (for selects and the indented list). */
function flatten(nodes: readonly AgencyNode[], depth = 0): { node: AgencyNode; depth: number }[] {
  return nodes.flatMap((n) => [{ node: n, depth }, ...flatten(n.children, depth + 1)]);
}

const ROLE_LABEL = { filler: '填报人', reviewer: '审核人', admin: '管理员' } as const;
type Role = keyof typeof ROLE_LABEL;

/** 管理 (管理员): the region's agencies, the users and the deployment's rule configuration. */
export function AdminPage({ me }: { me: Me }) {
  const trpc = useTRPC();
  const tree = useQuery(trpc.agencies.tree.queryOptions());
  const rows = flatten(tree.data ?? []);
  return (
    <div className="page admin-page">
      <h1>管理</h1>
      <AgenciesCard rows={rows} />
      <UsersCard rows={rows} me={me} />
      <RulesCard />
    </div>
  );
}

function AgencySelect(props: {
  rows: readonly { node: AgencyNode; depth: number }[];
  name: string;
  value: string;
  onChange: (id: string) => void;
  empty: string;
}) {
  return (
    <select
      id={props.name}
      name={props.name}
      value={props.value}
      onChange={(e) => props.onChange(e.target.value)}
    >
      <option value="">{props.empty}</option>
      {props.rows.map(({ node, depth }) => (
        <option key={node.id} value={node.id}>
          {'　'.repeat(depth)}
          {node.name}
        </option>
      ))}
    </select>
  );
}

function AgenciesCard({ rows }: { rows: readonly { node: AgencyNode; depth: number }[] }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const [parentId, setParentId] = useState('');
  const [name, setName] = useState('');
  const [kind, setKind] = useState('');
  const [level, setLevel] = useState('');
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
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.agencies.pathKey() });
  const create = async () => {
    setError(null);
    setDone(null);
    try {
      const a = await client.agencies.create.mutate({
        parentId: parentId || null,
        name: name.trim(),
        ...(kind ? { kind: kind as (typeof AGENCY_KINDS)[number] } : {}),
        ...(level ? { level: level as (typeof ADMIN_LEVELS)[number] } : {}),
      });
      setDone(`已新建：${a.name}（${a.kind ?? '类型未知'} · ${a.level ?? '层级未知'}）`);
      setName('');
      setKind('');
      setLevel('');
      await refresh();
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const saveEdit = async () => {
    if (!editing) return;
    setError(null);
    setDone(null);
    try {
      const a = await client.agencies.edit.mutate({
        id: editing.id,
        name: editing.name.trim(),
        ...(editing.kind ? { kind: editing.kind as (typeof AGENCY_KINDS)[number] } : {}),
        level: editing.level ? (editing.level as (typeof ADMIN_LEVELS)[number]) : null,
        parentId: editing.parentId || null,
      });
      setEditing(null);
      setDone(`已保存：${a.name}`);
      await refresh();
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const remove = async (node: AgencyNode) => {
    setError(null);
    setDone(null);
    if (!window.confirm(`删除机关“${node.name}”？（只能删除没有下级机关、用户和报告的机关）`)) return;
    try {
      await client.agencies.remove.mutate({ id: node.id });
      setDone(`已删除：${node.name}`);
      await refresh();
    } catch (e) {
      setError(errorMessage(e));
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
  return (
    <section className="card">
      <h2>机关</h2>
      <p className="muted small">
        地区树：省 › 市 › 县 ›
        乡镇（街道）与各部门。类型与层级决定公开期限和适用的检查规则；不填时按名称推断。
      </p>
      {rows.length === 0 && <p className="muted">还没有机关：先新建顶级机关（如本县人民政府）。</p>}
      <ul className="agency-tree">
        {rows.map(({ node, depth }) => (
          <li key={node.id} data-agency={node.name} style={{ paddingLeft: `${depth * 1.4}em` }}>
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
                    <option value="">（顶级）</option>
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
                <button
                  type="button"
                  className="link small"
                  onClick={() => {
                    setParentId(node.id);
                    setDone(null);
                  }}
                >
                  在其下新建
                </button>
                <button
                  type="button"
                  className="link small"
                  onClick={() =>
                    setEditing({
                      id: node.id,
                      name: node.name,
                      kind: node.kind ?? '其他',
                      level: node.level ?? '',
                      parentId: node.parentId ?? '',
                    })
                  }
                >
                  修改
                </button>
                {node.children.length === 0 && (
                  <button type="button" className="link small" onClick={() => void remove(node)}>
                    删除
                  </button>
                )}
              </>
            )}
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
            value={parentId}
            onChange={setParentId}
            empty="（无：顶级机关）"
          />
        </label>
        <label>
          机关名称
          <input
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
          <button type="submit" className="primary" disabled={!name.trim()}>
            新建机关
          </button>
        </div>
      </form>
      <Outcome done={done} error={error} />
    </section>
  );
}

function UsersCard({ rows, me }: { rows: readonly { node: AgencyNode; depth: number }[]; me: Me }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const users = useQuery(trpc.users.list.queryOptions());
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('filler');
  const [agencyId, setAgencyId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [resetting, setResetting] = useState<{ id: string; username: string; password: string } | null>(null);
  /** A user being changed: name, role, agency (someone moved, or now reviewing). */
  const [changing, setChanging] = useState<{
    id: string;
    username: string;
    displayName: string;
    role: Role;
    agencyId: string;
  } | null>(null);
  const saveUser = async () => {
    if (!changing) return;
    setError(null);
    setDone(null);
    try {
      await client.users.update.mutate({
        id: changing.id,
        displayName: changing.displayName.trim(),
        role: changing.role,
        agencyId: changing.role === 'admin' ? null : changing.agencyId || null,
      });
      setDone(`已修改 ${changing.username}：${ROLE_LABEL[changing.role]}，下次操作起生效。`);
      setChanging(null);
      await queryClient.invalidateQueries({ queryKey: trpc.users.list.queryKey() });
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const reset = async () => {
    if (!resetting) return;
    setError(null);
    setDone(null);
    try {
      await client.users.resetPassword.mutate({ id: resetting.id, password: resetting.password });
      setDone(
        `已重设 ${resetting.username} 的密码，其登录已全部退出。请将新密码告知本人，登录后在“账号”页修改。`,
      );
      setResetting(null);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const setDisabled = async (u: { id: string; username: string }, disabled: boolean) => {
    setError(null);
    setDone(null);
    try {
      const r = await client.users.setDisabled.mutate({ id: u.id, disabled });
      setDone(
        disabled
          ? `已停用 ${u.username}：不能再登录，已登录的会话和接口令牌立即失效（重新启用时令牌一并撤销）；其报告和历史保留。`
          : `已启用 ${u.username}${r.tokensRevoked ? `；停用前的 ${r.tokensRevoked} 个接口令牌已撤销，需要时请本人重新创建` : ''}。`,
      );
      await queryClient.invalidateQueries({ queryKey: trpc.users.list.queryKey() });
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const create = async () => {
    setError(null);
    setDone(null);
    try {
      await client.users.create.mutate({
        username: username.trim(),
        displayName: displayName.trim(),
        password,
        role,
        agencyId: role === 'admin' ? null : agencyId || null,
      });
      setDone(
        `已新建用户 ${username.trim()}（${ROLE_LABEL[role]}）。请将用户名和初始密码告知本人，登录后在“账号”页修改密码。`,
      );
      setUsername('');
      setDisplayName('');
      setPassword('');
      await queryClient.invalidateQueries({ queryKey: trpc.users.list.queryKey() });
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <section className="card">
      <h2>用户</h2>
      <p className="muted small">
        填报人填写本机关的报告；审核人审核所选机关及其下全部机关的报告；管理员管理机关、用户和检查规则。
      </p>
      {users.data && (
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
            {users.data.map((u) => (
              <tr key={u.id} data-user={u.username}>
                <td>{u.username}</td>
                <td>{u.displayName}</td>
                <td>{u.roleLabel}</td>
                <td>{u.agencyName ?? '—'}</td>
                <td>{u.disabledAt ? <span className="warn-text">已停用</span> : '正常'}</td>
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
                      onClick={() =>
                        setChanging({
                          id: u.id,
                          username: u.username,
                          displayName: u.displayName,
                          role: u.role as Role,
                          agencyId: u.agencyId ?? '',
                        })
                      }
                    >
                      修改
                    </button>
                  )}
                  {u.id !== me.id && (
                    <button
                      type="button"
                      className="link small"
                      onClick={() => void setDisabled(u, !u.disabledAt)}
                    >
                      {u.disabledAt ? '启用' : '停用'}
                    </button>
                  )}
                  {resetting?.id === u.id ? (
                    <form
                      className="row gap inline"
                      onSubmit={(e) => {
                        e.preventDefault();
                        void reset();
                      }}
                    >
                      <input
                        name="reset-password"
                        type="password"
                        autoComplete="new-password"
                        placeholder="新密码（至少 8 位）"
                        value={resetting.password}
                        onChange={(e) => setResetting({ ...resetting, password: e.target.value })}
                      />
                      <button
                        type="submit"
                        className="small primary"
                        disabled={resetting.password.length < 8}
                      >
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
                      onClick={() => setResetting({ id: u.id, username: u.username, password: '' })}
                    >
                      重设密码
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
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
        <label>
          初始密码（至少 8 位）
          <input
            name="new-user-password"
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
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
            disabled={!username.trim() || !displayName.trim() || (role !== 'admin' && !agencyId)}
          >
            新建用户
          </button>
        </div>
      </form>
      <Outcome done={done} error={error} />
    </section>
  );
}

type Setting = 'default' | 'off' | Severity;

/** What each option of the catalogue means, for people (the name stays beside it: messages use it). */
const OPTION_LABELS: Readonly<Record<string, string>> = {
  maxRatio: '比例上限',
  threshold: '相似度阈值',
  minLength: '最少字数',
  factor: '倍数',
  minCount: '最少件数',
  deadline: '截止日期（月-日）',
  maxByLevel: '金额上限（万元）',
  governmentFactor: '人民政府或区域报告的上限倍数',
};

/** One input per option of a rule (a table of limits by level: one per level), its default shown. */
function optionFields(defaults: Readonly<Record<string, unknown>>) {
  const label = (name: string) => (OPTION_LABELS[name] ? `${OPTION_LABELS[name]} ${name}` : name);
  return Object.entries(defaults).flatMap(([name, d]) =>
    typeof d === 'object' && d !== null
      ? Object.entries(d as Record<string, unknown>).map(([k, x]) => ({
          key: `${name}.${k}`,
          label: `${label(name)} · ${k}`,
          placeholder: String(x),
        }))
      : [{ key: name, label: label(name), placeholder: String(d) }],
  );
}

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
      // A number as a number; anything else as typed, for the server to say what is wrong with it.
      if (t) out[name] = typeof d === 'number' && Number.isFinite(Number(t)) ? Number(t) : t;
    }
  }
  return Object.keys(out).length ? out : undefined;
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
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The stored configuration as one setting per rule (an object with options keeps its severity).
  useEffect(() => {
    if (!rules.data) return;
    const out: Record<string, Setting> = {};
    const texts: Record<string, Record<string, string>> = {};
    for (const [id, s] of Object.entries(rules.data.config.rules ?? {})) {
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
  }, [rules.data]);
  if (!rules.data) return null;
  const save = async () => {
    setBusy(true);
    setError(null);
    setDone(null);
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
      await client.config.set.mutate({ rules: next });
      await queryClient.invalidateQueries();
      setDone('规则配置已保存：各报告的问题数随之重新计算。');
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card">
      <h2>检查规则</h2>
      <p className="muted small">
        本系统所有用户（网页、命令行、接口）使用同一套规则配置。可关闭规则或改变其级别；“默认”即规则目录规定的级别。
      </p>
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
          {rules.data.rules.map((r) => (
            <tr key={r.id} data-rule={r.id}>
              <td>
                <code>{r.id}</code>
              </td>
              <td>{r.title}</td>
              <td>{SEVERITY_LABELS[r.severity]}</td>
              <td>
                <select
                  name={`rule-${r.id}`}
                  value={settings[r.id] ?? 'default'}
                  onChange={(e) => setSettings({ ...settings, [r.id]: e.target.value as Setting })}
                >
                  <option value="default">默认</option>
                  <option value="off">关闭</option>
                  {(Object.keys(SEVERITY_LABELS) as Severity[]).map((s) => (
                    <option key={s} value={s}>
                      {SEVERITY_LABELS[s]}
                    </option>
                  ))}
                </select>
              </td>
              <td className="rule-options">
                {optionFields(r.options ?? {}).map(({ key, label, placeholder }) => (
                  <label key={key}>
                    {label}{' '}
                    <input
                      name={`rule-${r.id}-${key}`}
                      size={8}
                      placeholder={placeholder}
                      value={optionText[r.id]?.[key] ?? ''}
                      onChange={(e) =>
                        setOptionText({
                          ...optionText,
                          [r.id]: { ...optionText[r.id], [key]: e.target.value },
                        })
                      }
                    />
                  </label>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="row gap">
        <button type="button" className="primary" disabled={busy} onClick={() => void save()}>
          保存规则配置
        </button>
      </div>
      <Outcome done={done} error={error} />
    </section>
  );
}
