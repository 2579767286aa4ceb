// Run the CURRENT server's reads and workflow over every report of an upgraded database.
// usage: node check-upgraded.mjs http://localhost:PORT   (VERBOSE=1 prints every call)
// Refusals a database may rightly give (no previous year, nothing to sum, NOTHING_TO_CORRECT) are listed too.
import { client, short } from './client.mjs';

const base = process.argv[2];
const c = client(base);
const problems = [];
const log = (what, r) => {
  const s = short(r);
  if (!r.ok) problems.push(`${what}: ${s}`);
  if (!r.ok || process.env.VERBOSE) console.log(`${what.padEnd(60)} ${s}`);
  return r;
};
try {
  await c.login('admin', 'demo-pass-2024');
  console.log('login admin ok');
} catch (e) {
  console.log(String(e));
  process.exit(1);
}
log('auth.me', await c.q('auth.me'));
log('auth.tokens.list', await c.q('auth.tokens.list'));
log('users.list', await c.q('users.list'));
log('config.get', await c.q('config.get'));
const tree = log('agencies.tree', await c.q('agencies.tree'));
const lr = log('reports.list', await c.q('reports.list', {}));
const items = lr.data.items;
for (const it of items) {
  const name = `${it.agencyName} ${it.year} ${it.statusLabel}`;
  const g = log(`get ${name}`, await c.q('reports.get', { id: it.id }));
  if (g.ok && g.data.readRepairs?.length)
    console.log(
      `  ${name}: ${g.data.readRepairs.length} repairs: ${g.data.readRepairs.map((x) => `${x.code} ${x.path}`).join('; ')}`,
    );
  const h = log(`history ${name}`, await c.q('reports.history', { id: it.id }));
  const versions = h.ok ? (h.data.versions ?? []).map((v) => v.version) : [];
  for (const v of versions)
    log(`version ${v} ${name}`, await c.q('reports.version', { id: it.id, version: v }));
  for (let i = 1; i < versions.length; i++)
    log(
      `diff ${versions[i - 1]}→${versions[i]} ${name}`,
      await c.q('reports.diff', { id: it.id, from: versions[i - 1], to: versions[i] }),
    );
  log(`validate ${name}`, await c.m('checks.validate', { id: it.id }));
  for (const f of ['docx', 'html', 'md', 'xlsx', 'csv', 'json'])
    log(`export ${f} ${name}`, await c.q('export.report', { id: it.id, format: f }));
  for (const v of versions.slice(0, -1))
    log(`export md v${v} ${name}`, await c.q('export.report', { id: it.id, version: v, format: 'md' }));
  log(`summary.report ${name}`, await c.q('summary.report', { id: it.id }));
  log(`export.yearOnYear md ${name}`, await c.q('export.yearOnYear', { id: it.id, format: 'md' }));
  log(`import.diagnostics ${name}`, await c.q('import.diagnostics', { id: it.id, version: it.version }));
  if (it.status === 'published')
    log(`reports.published (public) ${name}`, await client(base).q('reports.published', { id: it.id }));
}
const roots = tree.data.roots ?? tree.data.tree ?? tree.data;
const flat = [];
(function walk(n) {
  for (const x of Array.isArray(n) ? n : [n]) {
    if (!x) continue;
    flat.push(x);
    walk(x.children ?? []);
  }
})(roots);
const county = flat.find((a) => a.name === '示例县人民政府');
for (const year of [2025, 2024, 2023, 2020]) {
  log(`summary.region ${year}`, await c.q('summary.region', { regionId: county.id, year }));
  for (const f of ['docx', 'xlsx', 'csv', 'md'])
    log(`export.region ${f} ${year}`, await c.q('export.region', { regionId: county.id, year, format: f }));
  log(
    `export.openData csv ${year}`,
    await c.q('export.openData', { regionId: county.id, year, format: 'csv' }),
  );
}
log('reports.corrections (public)', await client(base).q('reports.corrections', {}));
// workflow on legacy content
const find = (status) => items.find((i) => i.status === status);
const ap = find('approved');
if (ap)
  log(
    `publish ${ap.agencyName} ${ap.year}`,
    await c.m('reports.publish', { id: ap.id, expectedVersion: ap.version }),
  );
const pub = items.filter((i) => i.status === 'published');
for (const p of pub) {
  const g = await c.q('reports.get', { id: p.id });
  if (!g.ok) continue;
  log(
    `correct (unchanged content) ${p.agencyName} ${p.year}`,
    await c.m('reports.correct', {
      id: p.id,
      expectedVersion: g.data.version,
      report: g.data.report,
      reason: '升级后更正：核对',
    }),
  );
}
const dr = find('draft');
if (dr) {
  const g = await c.q('reports.get', { id: dr.id });
  if (g.ok)
    log(
      `save (as got) ${dr.agencyName} ${dr.year}`,
      await c.m('reports.save', { id: dr.id, expectedVersion: g.data.version, report: g.data.report }),
    );
}
const sub = find('submitted');
if (sub)
  log(
    `approve ${sub.agencyName} ${sub.year}`,
    await c.m('reports.approve', { id: sub.id, expectedVersion: sub.version }),
  );
console.log(`\n${problems.length} failures`);
