import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { href } from '../router';
import { appCode, errorMessage, useTRPC } from '../trpc';

/**
 * When a login refused for too many failures may be tried again, as a clock time (「可在 14:35 后再试」),
 * and who can help sooner: for a locked user name (details.scope 'user') the 管理员's reset or unlock;
 * for a locked network address ('address': everyone behind it) a 管理员 lifting that address's lock —
 * a reset password does not help there. A server that does not say which: both.
 */
export function retryText(e: unknown, at: Date = new Date()): string | null {
  if (appCode(e) !== 'LOGIN_RATE_LIMITED') return null;
  const details = (e as { data?: { details?: { retryAfterSeconds?: unknown; scope?: unknown } } }).data
    ?.details;
  const seconds = Number(details?.retryAfterSeconds);
  if (!Number.isFinite(seconds) || seconds <= 0) return null;
  const t = new Date(at.getTime() + seconds * 1000 + 59_000);
  const hm = `${String(t.getHours()).padStart(2, '0')}:${String(t.getMinutes()).padStart(2, '0')}`;
  if (details?.scope === 'address') return `可在 ${hm} 之后再试（暂停的是本网络地址，重设密码不能解除）。`;
  if (details?.scope === 'user')
    return `可在 ${hm} 之后再试；急用请联系本单位管理员重设密码（重设后可立即登录）。`;
  return `可在 ${hm} 之后再试；急用请联系本单位管理员解除锁定。`;
}

export function Login() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const login = useMutation(
    trpc.auth.login.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.auth.me.queryKey() }),
    }),
  );
  return (
    <div className="login-page">
      <form
        className="login"
        onSubmit={(e) => {
          e.preventDefault();
          login.mutate({ username: username.trim(), password });
        }}
      >
        <h1>政府信息公开工作年度报告</h1>
        <p className="muted">填报与审核系统</p>
        <label>
          用户名
          <input
            name="username"
            autoComplete="username"
            // biome-ignore lint/a11y/noAutofocus: the page is a login form: typing starts with the name
            autoFocus
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            required
          />
        </label>
        <label>
          密码
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </label>
        {login.error && (
          <p className="error-text" role="alert">
            {errorMessage(login.error)}
            {retryText(login.error) && (
              <>
                <br />
                {retryText(login.error)}
              </>
            )}
          </p>
        )}
        <button type="submit" className="primary" disabled={login.isPending}>
          {login.isPending ? '正在登录…' : '登录'}
        </button>
        <p className="muted small" data-testid="forgot-password">
          忘记密码请联系本单位管理员（管理员可在“管理”页重设密码）。
        </p>
        <p className="muted small">
          <a href={href.corrections()}>年度报告更正公告（无需登录）</a>
        </p>
      </form>
    </div>
  );
}
