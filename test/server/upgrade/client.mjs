// Minimal tRPC-over-HTTP client for old and new Nianbao servers (no transformer).
export function client(base) {
  let cookie = '';
  let bearer = '';
  async function call(path, input, kind) {
    const headers = { 'content-type': 'application/json' };
    if (cookie) headers.cookie = cookie;
    if (bearer) headers.authorization = `Bearer ${bearer}`;
    let res;
    if (kind === 'query') {
      const q = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
      res = await fetch(`${base}/trpc/${path}${q}`, { headers });
    } else {
      res = await fetch(`${base}/trpc/${path}`, {
        method: 'POST',
        headers,
        body: JSON.stringify(input ?? {}),
      });
    }
    const sc = res.headers.getSetCookie?.() ?? [];
    for (const c of sc) {
      const kv = c.split(';')[0];
      if (kv.split('=')[1]) cookie = kv;
    }
    const text = await res.text();
    let body;
    try {
      body = JSON.parse(text);
    } catch {
      body = { raw: text.slice(0, 300) };
    }
    if (body.error) return { ok: false, status: res.status, error: body.error };
    return { ok: true, status: res.status, data: body.result?.data };
  }
  return {
    q: (p, i) => call(p, i, 'query'),
    m: (p, i) => call(p, i, 'mutation'),
    setBearer: (t) => {
      bearer = t;
      cookie = '';
    },
    async login(username, password) {
      const r = await call('auth.login', { username, password }, 'mutation');
      if (!r.ok) throw new Error(`login ${username}: ${JSON.stringify(r.error).slice(0, 300)}`);
      return r.data;
    },
  };
}
export const short = (r) =>
  r.ok
    ? 'ok'
    : `ERR ${r.status} ${r.error?.data?.appCode ?? r.error?.data?.code ?? ''} ${String(r.error?.message).slice(0, 220)}`;
