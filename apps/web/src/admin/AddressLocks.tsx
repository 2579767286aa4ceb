import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { lockedText } from '../pages/AdminPage';
import { errorMessage, useTRPC, useTRPCClient } from '../trpc';

/** A loopback or private address: every user behind a proxy or one office's NAT arrives from it. */
const PRIVATE = /^(127\.|10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|::1$|::ffff:127\.|f[cd][0-9a-f]{2}:)/i;

/**
 * Network addresses from which logins are paused by failed attempts (users.addressLocks), each with a
 * 解除 (users.unlockAddress): where the login page's 「…从本网络地址（…）的登录已暂停…」 sends the 管理员.
 * Nothing shown while none is locked.
 */
export function AddressLocks() {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const locks = useQuery({ ...trpc.users.addressLocks.queryOptions(), refetchInterval: 60_000 });
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const items = (locks.data?.items ?? []).filter((l) => Date.parse(l.lockedUntil) > Date.now());
  const unlock = async (address: string) => {
    setNote(null);
    try {
      await client.users.unlockAddress.mutate({ address });
      setNote({
        ok: true,
        text: `已解除 ${address} 的登录暂停：从该地址现在即可登录（被锁定的个人账号仍需在下表中解锁）。`,
      });
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: trpc.users.addressLocks.queryKey() }),
        // the 操作记录 below with it (解除 is recorded)
        queryClient.invalidateQueries({ queryKey: trpc.audit.list.pathKey() }),
      ]);
    } catch (e) {
      setNote({ ok: false, text: errorMessage(e) });
    }
  };
  if (!items.length && !note) return null;
  return (
    <div className="confirm-box address-locks" data-testid="address-locks">
      {items.length > 0 && (
        <>
          <p className="warn-text">
            以下网络地址因登录失败过多已暂停登录，从该地址登录的所有人（包括管理员）都受影响：
          </p>
          <ul>
            {items.map((l) => (
              <li key={l.address} data-address={l.address}>
                <code>{l.address}</code> · {lockedText(l.lockedUntil)} · 失败 {l.failures} 次，涉及{' '}
                {l.userNames} 个用户名{' '}
                <button type="button" className="small" onClick={() => void unlock(l.address)}>
                  解除
                </button>
                {!locks.data?.trustProxy && PRIVATE.test(l.address) && (
                  <div className="muted small">
                    这是内网或本机地址：若用户经反向代理（如
                    nginx）访问，所有人都显示为这一地址——请在启动配置中设置
                    NIANBAO_TRUST_PROXY，使服务器按真实的客户端地址计数。
                  </div>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {note && (
        <p className={note.ok ? 'ok' : 'error-text'} role={note.ok ? 'status' : 'alert'}>
          {note.text}
        </p>
      )}
    </div>
  );
}
