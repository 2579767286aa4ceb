// In-process profile helper (not part of npm run bench): N requests through app.fetch, no HTTP.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const { createApp, openStore, seedDemo } = await import('../dist/index.js');
const { exampleReport } = await import('@nianbao/core');
const store = await openStore({ dataDir: mkdtempSync(join(tmpdir(), 'nb-inproc-')) });
const seed = await seedDemo(store, { password: 'bench-password' });
const app = createApp(store, { today: () => new Date('2100-06-01T00:00:00Z'), log: () => {} });
const call = async (path, input, headers = {}) => {
  const r = await app.request(`/trpc/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(input),
  });
  const body = await r.json();
  if (!r.ok) throw new Error(JSON.stringify(body));
  return { data: body.result.data, cookie: r.headers.get('set-cookie') };
};
const login = await call('auth.login', { username: 'jiaoyu', password: 'bench-password' });
const cookie = login.cookie.split(';')[0];
const { data: tok } = await call('auth.tokens.create', { name: 'bench' }, { cookie });
const auth = { authorization: `Bearer ${tok.token}`, 'content-type': 'application/json' };
const { data } = await call(
  'reports.create',
  { agencyId: login.data.user.agencyId, year: seed.year + 1 },
  auth,
);
const e = exampleReport({ year: seed.year + 1, agency: data.report.meta.agency });
const report = { ...e, meta: { ...e.meta, agency: data.report.meta.agency } };
const vbody = JSON.stringify({ report });
// Two drafts sent in turn: the content a report already has again is a no-op save (unchanged: true).
const drafts = [1, 2].map((n) => ({
  ...report,
  sections: { ...report.sections, other: `${report.sections.other ?? ''}（第 ${n} 稿）` },
}));
let version = 1;
const which = process.argv[2] ?? 'validate';
const N = Number(process.argv[3] ?? 3000);
const one = async () => {
  if (which === 'validate') {
    const r = await app.request('/trpc/checks.validate', { method: 'POST', headers: auth, body: vbody });
    await r.text();
  } else {
    const r = await app.request('/trpc/reports.save', {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ id: data.id, expectedVersion: version, report: drafts[version % 2] }),
    });
    const j = await r.json();
    if (j.result.data.unchanged) throw new Error('a save stored nothing (unchanged: true)');
    version = j.result.data.version;
  }
};
for (let i = 0; i < 500; i++) await one();
const c0 = process.cpuUsage();
const t0 = performance.now();
for (let i = 0; i < N; i++) await one();
const t = performance.now() - t0;
const c = process.cpuUsage(c0);
console.log(
  which,
  (t / N).toFixed(3),
  'ms wall/req',
  ((c.user + c.system) / 1000 / N).toFixed(3),
  'ms cpu/req',
);
