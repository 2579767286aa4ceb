import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { href } from '../router';
import { errorMessage, useTRPC } from '../trpc';

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
          </p>
        )}
        <button type="submit" className="primary" disabled={login.isPending}>
          {login.isPending ? '正在登录…' : '登录'}
        </button>
        <p className="muted small">
          <a href={href.corrections()}>年度报告更正公告（无需登录）</a>
        </p>
      </form>
    </div>
  );
}
