// The current server: do the old session cookie and API token (creds-old.mjs) still work?
import { readFileSync } from 'node:fs';

const base = process.argv[2];
const { cookie, token } = JSON.parse(readFileSync(process.argv[3], 'utf8'));
for (const [what, h] of [
  ['session cookie', { cookie }],
  ['API token', { authorization: `Bearer ${token}` }],
]) {
  const r = await fetch(`${base}/trpc/auth.me`, { headers: h }).then((x) => x.json());
  const l = await fetch(`${base}/trpc/reports.list?input=${encodeURIComponent('{}')}`, { headers: h }).then(
    (x) => x.json(),
  );
  console.log(
    what,
    '→ me:',
    String(JSON.stringify(r.result?.data?.user?.username ?? r.result?.data ?? r.error?.message)).slice(
      0,
      120,
    ),
    '| list:',
    l.result ? `${l.result.data.items.length} reports` : l.error.message,
  );
}
