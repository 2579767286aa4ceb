import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { errorMessage, useTRPC, useTRPCClient } from '../trpc';

/**
 * The session ended while the form was open (logged out in another tab, expired): said plainly, with
 * a login right here — the form and its edits stay on screen (and in this browser's local copy), and
 * are saved once logged in. 「以其他账号登录」 goes to the login page; the report then offers the
 * edits kept in this browser back (本机保存有…恢复这些修改).
 */
export function SessionDialog(props: {
  me: { readonly username: string; readonly displayName: string } | undefined;
  dirty: boolean;
  onLoggedIn: () => void;
  onLater: () => void;
}) {
  const client = useTRPCClient();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => field.current?.focus(), []);
  const username = props.me?.username ?? '';
  const login = async () => {
    setBusy(true);
    setError(null);
    try {
      await client.auth.login.mutate({ username, password });
      props.onLoggedIn();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  // The login page (another account, or a forgotten password): the App shows it when no one is logged
  // in; the report's page comes back after the login, with the local copy offered.
  const toLoginPage = () => queryClient.setQueryData(trpc.auth.me.queryKey(), null);
  return (
    <div
      className="modal-backdrop"
      role="alertdialog"
      aria-modal="true"
      aria-labelledby="session-title"
      aria-describedby="session-text"
      data-testid="session-lost"
    >
      <div className="modal">
        <h2 id="session-title">登录已失效</h2>
        <p id="session-text">
          您已在其他窗口退出登录，或登录已过期，修改暂时无法保存到服务器。
          {props.dirty
            ? '本页的修改没有丢失：它们仍在本页，也已保存在本机。重新登录后将自动保存。'
            : '本页没有未保存的修改。'}
        </p>
        {props.me ? (
          <form
            className="session-login"
            onSubmit={(e) => {
              e.preventDefault();
              if (password) void login();
            }}
          >
            <p className="muted small">
              用户名：<b>{username}</b>（{props.me.displayName}）
            </p>
            <label>
              密码{' '}
              <input
                ref={field}
                name="relogin-password"
                type="password"
                autoComplete="current-password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            </label>
            {error && (
              <p className="error-text" role="alert">
                {error}
              </p>
            )}
            <div className="row gap end">
              <button type="button" onClick={props.onLater}>
                稍后登录（继续编辑）
              </button>
              <button type="button" onClick={toLoginPage}>
                以其他账号登录…
              </button>
              <button type="submit" className="primary" disabled={busy || !password}>
                {busy ? '正在登录…' : '重新登录'}
              </button>
            </div>
          </form>
        ) : (
          <div className="row gap end">
            <button type="button" onClick={props.onLater}>
              稍后登录（继续编辑）
            </button>
            <button type="button" className="primary" onClick={toLoginPage}>
              重新登录
            </button>
          </div>
        )}
      </div>
    </div>
  );
}
