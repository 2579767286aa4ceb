// The old server: log in as the demo 填报人 xianfu and make an API token; writes { cookie, token } to argv[3].
import { writeFileSync } from 'node:fs';

const base = process.argv[2];
const res = await fetch(`${base}/trpc/auth.login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ username: 'xianfu', password: 'demo-pass-2024' }),
});
const cookie = res.headers.getSetCookie()[0].split(';')[0];
const t = await fetch(`${base}/trpc/auth.tokens.create`, {
  method: 'POST',
  headers: { 'content-type': 'application/json', cookie },
  body: JSON.stringify({ name: '升级前的令牌' }),
}).then((r) => r.json());
writeFileSync(process.argv[3], JSON.stringify({ cookie, token: t.result.data.token }));
console.log('creds', cookie.slice(0, 20), t.result.data.prefix);
