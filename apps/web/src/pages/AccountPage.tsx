import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import type { Me } from '../App';
import { errorMessage, useTRPC, useTRPCClient } from '../trpc';

const time = (s: string | null) => (s ? new Date(s).toLocaleString('zh-CN', { hour12: false }) : '—');

/** 账号: change my password; my API tokens for integrators (created, shown once, revoked). */
export function AccountPage({ me }: { me: Me }) {
  return (
    <div className="page account-page">
      <h1>
        账号 · {me.displayName}（{me.username}）
      </h1>
      <PasswordCard />
      <TokensCard />
    </div>
  );
}

/**
 * The only page of a user whose password a 管理员 set (a new account, a reset): they choose their own
 * before anything else (the server refuses all else: PASSWORD_CHANGE_REQUIRED); then the app opens.
 */
export function FirstPasswordPage({ me, onLogout }: { me: Me; onLogout: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return (
    <div className="login-page">
      <div className="login" style={{ width: 480 }} data-testid="first-password">
        <h1>请先设置您自己的密码</h1>
        <p>
          {me.displayName}（{me.username}，{me.roleLabel}
          {me.agency ? ` · ${me.agency.name}` : ''}），您好：
        </p>
        <p>
          您现在的密码是管理员为您设置的初始密码（新建账号或重设密码时），管理员知道它。为保护您的账号，请先设置一个只有您自己知道的新密码，然后才能使用本系统。
        </p>
        <PasswordCard
          first
          onChanged={() => queryClient.invalidateQueries({ queryKey: trpc.auth.me.queryKey() })}
        />
        <p className="muted small">
          “当前密码”即管理员告知您的初始密码。忘记了请联系本单位管理员重设。{' '}
          <button type="button" className="link small" onClick={onLogout}>
            退出登录
          </button>
        </p>
      </div>
    </div>
  );
}

function PasswordCard({ first = false, onChanged }: { first?: boolean; onChanged?: () => unknown } = {}) {
  const client = useTRPCClient();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const submit = async () => {
    if (next !== again) return setResult({ ok: false, text: '两次输入的新密码不一致' });
    setBusy(true);
    setResult(null);
    try {
      await client.auth.changePassword.mutate({ current, next });
      setCurrent('');
      setNext('');
      setAgain('');
      setResult({
        ok: true,
        text: first ? '密码已设置，正在进入系统……' : '密码已修改；其他设备上的登录已退出。',
      });
      await onChanged?.();
    } catch (e) {
      setResult({ ok: false, text: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className={first ? undefined : 'card'}>
      <h2>{first ? '设置新密码' : '修改密码'}</h2>
      <form
        className="form-grid"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label>
          {first ? '当前密码（管理员告知的初始密码）' : '当前密码'}
          <input
            name="current-password"
            type="password"
            autoComplete="current-password"
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
            required
          />
        </label>
        <label>
          新密码（至少 8 位）
          <input
            name="new-password"
            type="password"
            autoComplete="new-password"
            minLength={8}
            value={next}
            onChange={(e) => setNext(e.target.value)}
            required
          />
        </label>
        <label>
          再次输入新密码
          <input
            name="new-password-again"
            type="password"
            autoComplete="new-password"
            value={again}
            onChange={(e) => setAgain(e.target.value)}
            required
          />
        </label>
        <div>
          <button type="submit" className="primary" disabled={busy}>
            {first ? '设置密码并进入系统' : '修改密码'}
          </button>
        </div>
      </form>
      {result && (
        <p className={result.ok ? 'ok' : 'error-text'} role={result.ok ? 'status' : 'alert'}>
          {result.text}
        </p>
      )}
    </section>
  );
}

function TokensCard() {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const tokens = useQuery(trpc.auth.tokens.list.queryOptions());
  const [name, setName] = useState('');
  const [created, setCreated] = useState<{ id: string; name: string; token: string } | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.auth.tokens.list.queryKey() });
  // One token per 创建令牌: a double click (or Enter twice) made two, and the first one's secret —
  // shown only once — was replaced on screen by the second's before anyone could copy it.
  const creating = useRef(false);
  const [busy, setBusy] = useState(false);
  const create = async () => {
    if (creating.current) return;
    creating.current = true;
    setBusy(true);
    setError(null);
    try {
      const t = await client.auth.tokens.create.mutate({ name: name.trim() });
      setCreated({ id: t.id, name: t.name, token: t.token });
      setNote(null);
      setName('');
      await refresh();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      creating.current = false;
      setBusy(false);
    }
  };
  // A token's 撤销 once at a time: a double click revoked it, then said 令牌不存在 in red under 已撤销.
  const revoking = useRef(new Set<string>());
  const [revokingIds, setRevokingIds] = useState<ReadonlySet<string>>(new Set());
  const revoke = async (id: string) => {
    if (revoking.current.has(id)) return;
    revoking.current.add(id);
    setRevokingIds(new Set(revoking.current));
    setError(null);
    setNote(null);
    try {
      await client.auth.tokens.revoke.mutate({ id });
      // A revoked token's secret is of no use to anyone: it leaves the screen with its revocation.
      if (created?.id === id) {
        setCreated(null);
        setNote(`已撤销令牌「${created.name}」：它不能再使用，其内容不再显示。`);
      }
      await refresh();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      revoking.current.delete(id);
      setRevokingIds(new Set(revoking.current));
    }
  };
  return (
    <section className="card">
      <h2>接口令牌（API）</h2>
      <p className="muted small">
        供其他系统或 <code>nianbao</code> 命令行（<code>--token</code>
        ）以您的身份调用接口，权限与您相同。令牌只在创建时显示一次。
      </p>
      {note && (
        <p className="ok" role="status">
          {note}
        </p>
      )}
      {created && !tokens.data?.some((t) => t.id === created.id && t.revokedAt) && (
        <div className="notice token-created" role="status">
          新令牌「{created.name}」：<code data-testid="new-token">{created.token}</code>
          <br />
          请立即复制保存，关闭后无法再次查看。
          <button type="button" className="small" onClick={() => setCreated(null)}>
            已保存
          </button>
        </div>
      )}
      <form
        className="row gap"
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <input
          name="token-name"
          placeholder="令牌名称，如：统计系统对接"
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <button type="submit" disabled={busy || !name.trim()}>
          {busy ? '正在创建…' : '创建令牌'}
        </button>
      </form>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      {tokens.data && tokens.data.length > 0 && (
        <table className="data tokens">
          <thead>
            <tr>
              <th>名称</th>
              <th>开头</th>
              <th>创建时间</th>
              <th>最近使用</th>
              <th>状态</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {tokens.data.map((t) => (
              <tr key={t.id} data-token={t.name}>
                <td>{t.name}</td>
                <td>
                  <code>{t.prefix}…</code>
                </td>
                <td>{time(t.createdAt)}</td>
                <td>{time(t.lastUsedAt)}</td>
                <td>{t.revokedAt ? `已撤销（${time(t.revokedAt)}）` : '有效'}</td>
                <td>
                  {!t.revokedAt && (
                    <button
                      type="button"
                      className="small"
                      disabled={revokingIds.has(t.id)}
                      onClick={() => void revoke(t.id)}
                    >
                      {revokingIds.has(t.id) ? '正在撤销…' : '撤销'}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
