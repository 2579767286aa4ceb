import { chinaTime } from '@nianbao/core';
import { useLayoutEffect, useState } from 'react';
import { downloadFile } from '../lib/download';
import { blockNavigation } from '../router';
import { errorMessage, useTRPCClient } from '../trpc';
import {
  accountsCsv,
  generatePassword,
  type NewAccount,
  planUsers,
  ROLE_LABEL,
  replaceCell,
  type UserPlan,
} from './bulk';
import { type AgencyRow, LineVerdict, type UserRow } from './common';

type Planned = UserPlan & { password: string };

/**
 * 批量新建用户: 用户名 / 姓名 / 角色 / 所属机关 pasted from Excel, checked before creating, each given a
 * generated initial password; the new accounts with their passwords are listed once (print or CSV).
 */
export function BulkUsers(props: {
  rows: readonly AgencyRow[];
  users: readonly UserRow[];
  onCreated: () => Promise<unknown>;
}) {
  const client = useTRPCClient();
  const [text, setText] = useState('');
  const [plan, setPlan] = useState<Planned[] | null>(null);
  const [accepted, setAccepted] = useState<ReadonlySet<number>>(new Set());
  const [failures, setFailures] = useState<Record<number, string>>({});
  const [created, setCreated] = useState<ReadonlySet<number>>(new Set());
  /** The accounts just made, with their passwords: shown once, gone when closed. */
  const [sheet, setSheet] = useState<NewAccount[] | null>(null);
  const [busy, setBusy] = useState(false);
  const check = (pasted = text) => {
    const agencies = props.rows.map((r) => ({ id: r.node.id, name: r.node.name }));
    setPlan(
      planUsers(
        pasted,
        agencies,
        props.users.map((u) => u.username),
      ).map((p) => ({ ...p, password: generatePassword() })),
    );
    setAccepted(new Set());
    setFailures({});
    setCreated(new Set());
  };
  const chosen = (plan ?? [])
    .map((p, i) => ({ p, i }))
    .filter(({ p, i }) => !p.refused && (p.warnings.length === 0 || accepted.has(i)) && !created.has(i));
  const create = async () => {
    setBusy(true);
    const made: NewAccount[] = [];
    const done = new Set(created);
    const failed: Record<number, string> = {};
    try {
      for (const { p, i } of chosen) {
        const role = p.role!;
        try {
          await client.users.create.mutate({
            username: p.username,
            displayName: p.displayName,
            password: p.password,
            role,
            agencyId: role === 'admin' ? null : p.agencyId,
            // an initial password: its owner chooses their own at the first login
            mustChangePassword: true,
          });
          done.add(i);
          const agencyName = props.rows.find((r) => r.node.id === p.agencyId)?.node.name ?? '';
          made.push({
            username: p.username,
            displayName: p.displayName,
            role,
            agencyName,
            password: p.password,
          });
        } catch (e) {
          failed[i] = errorMessage(e);
        }
      }
    } finally {
      setCreated(done);
      setFailures(failed);
      setSheet((s) => [...(s ?? []), ...made]);
      setBusy(false);
      await props.onCreated();
    }
  };
  return (
    <details className="bulk">
      <summary>批量新建用户（从 Excel 粘贴：用户名、姓名、角色、所属机关 四列）</summary>
      <label className="bulk-text">
        每行一个用户，列之间用制表符（从 Excel
        复制即是）；角色为填报人、审核人或管理员，空白为填报人；审核人的“所属机关”是其审核范围。初始密码自动生成。
        <textarea
          name="bulk-users"
          rows={6}
          value={text}
          placeholder={'sifa\t张三\t填报人\t某某县司法局\ncaizheng\t李四\t填报人\t某某县财政局'}
          onChange={(e) => {
            setText(e.target.value);
            setPlan(null);
          }}
        />
      </label>
      <div className="row gap">
        <button type="button" disabled={!text.trim() || busy} onClick={() => check()}>
          检查
        </button>
        {plan && (
          <button
            type="button"
            className="primary"
            disabled={busy || chosen.length === 0}
            onClick={() => void create()}
          >
            {busy ? '正在新建…' : `新建 ${chosen.length} 个用户`}
          </button>
        )}
      </div>
      {plan && (
        <>
          <p className="small" role="status">
            共 {plan.length} 行：{plan.filter((p) => !p.refused && !p.warnings.length).length} 个可新建，
            {plan.filter((p) => !p.refused && p.warnings.length).length} 个有提醒（勾选后才新建），
            {plan.filter((p) => p.refused).length} 个不能新建。
            {created.size > 0 && ` 已新建 ${created.size} 个。`}
          </p>
          <table className="data bulk-preview">
            <thead>
              <tr>
                <th>行</th>
                <th>用户名</th>
                <th>姓名</th>
                <th>角色</th>
                <th>所属机关</th>
                <th>检查结果</th>
              </tr>
            </thead>
            <tbody>
              {plan.map((p, i) => (
                <tr
                  // biome-ignore lint/suspicious/noArrayIndexKey: the plan is rebuilt whole, never reordered
                  key={i}
                  data-bulk-user={p.username}
                  className={p.refused ? 'refused' : p.warnings.length ? 'warned' : ''}
                >
                  <td>{p.line}</td>
                  <td>{p.username}</td>
                  <td>{p.displayName}</td>
                  <td>{p.role ? ROLE_LABEL[p.role] : '—'}</td>
                  <td>{p.role === 'admin' ? '—' : p.agencyName || '—'}</td>
                  <td>
                    {created.has(i) ? (
                      <span className="ok">已新建</span>
                    ) : failures[i] ? (
                      <span className="error-text">{failures[i]}</span>
                    ) : (
                      <>
                        <LineVerdict plan={p} line={i} accepted={accepted} setAccepted={setAccepted} />
                        {p.refused &&
                          p.suggestions?.map((name) => (
                            <button
                              key={name}
                              type="button"
                              className="link small"
                              data-suggestion={name}
                              onClick={() => {
                                // The pasted text corrected (the 所属机关 column of that line), checked again.
                                const next = replaceCell(text, p.line, 3, name);
                                setText(next);
                                check(next);
                              }}
                            >
                              改为“{name}”
                            </button>
                          ))}
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {sheet && <AccountsSheet accounts={sheet} onClose={() => setSheet(null)} />}
    </details>
  );
}

export const LEAVE_SHEET =
  '新账号的初始密码只显示这一次：离开本页后不能再查看（只能逐个重设）。已经打印或下载了吗？确定离开吗？';

/** The new accounts and their initial passwords, to print or download and hand out: shown this once. */
function AccountsSheet({ accounts, onClose }: { accounts: readonly NewAccount[]; onClose: () => void }) {
  // the day in China, as every date the app shows (after 16:00 UTC the UTC date is yesterday's)
  const stamp = chinaTime(new Date()).slice(0, 10);
  // Leaving the page while the passwords are only here: closing the tab or reloading, the browser
  // asks; a link of the app (the menu, 账号 …), 退出登录, or the browser's Back and Forward, we ask
  // the same (once: a link said yes to is not asked again by the route). A layout effect: the guard
  // is in place as the sheet appears, not a moment later (a click in between left unasked).
  useLayoutEffect(() => {
    const warn = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    const unblock = blockNavigation(LEAVE_SHEET);
    const onClick = (e: MouseEvent) => {
      const away = (e.target as Element | null)?.closest?.('a[href^="#"], .app-header button');
      if (!away || e.defaultPrevented) return;
      if (!window.confirm(LEAVE_SHEET)) {
        e.preventDefault();
        e.stopPropagation();
      } else unblock();
    };
    window.addEventListener('beforeunload', warn);
    document.addEventListener('click', onClick, true);
    return () => {
      unblock();
      window.removeEventListener('beforeunload', warn);
      document.removeEventListener('click', onClick, true);
    };
  }, []);
  const print = () => {
    document.body.classList.add('print-accounts');
    const done = () => {
      document.body.classList.remove('print-accounts');
      window.removeEventListener('afterprint', done);
    };
    window.addEventListener('afterprint', done);
    window.print();
  };
  return (
    <div className="accounts-sheet" data-testid="accounts-sheet">
      <h3>新账号清单（{accounts.length} 个）</h3>
      <p className="warn-text small">
        初始密码只在这里显示这一次：请现在打印或下载，分别交给本人，本人首次登录时须先设置自己的密码。关闭后无法再查看（忘记时只能重设）。
      </p>
      <table className="data">
        <thead>
          <tr>
            <th>用户名</th>
            <th>姓名</th>
            <th>角色</th>
            <th>所属机关</th>
            <th>初始密码</th>
          </tr>
        </thead>
        <tbody>
          {accounts.map((a) => (
            <tr key={a.username} data-account={a.username}>
              <td>{a.username}</td>
              <td>{a.displayName}</td>
              <td>{ROLE_LABEL[a.role]}</td>
              <td>{a.agencyName || '—'}</td>
              <td>
                <code className="password">{a.password}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="row gap no-print">
        <button type="button" onClick={print}>
          打印
        </button>
        <button
          type="button"
          onClick={() =>
            downloadFile(`新账号清单-${stamp}.csv`, 'text/csv;charset=utf-8', accountsCsv(accounts))
          }
        >
          下载（CSV，可用 Excel 打开）
        </button>
        <button
          type="button"
          onClick={() => {
            if (window.confirm('关闭后初始密码不再显示。已经打印或下载了吗？')) onClose();
          }}
        >
          关闭清单
        </button>
      </div>
    </div>
  );
}
