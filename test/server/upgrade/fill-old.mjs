// Fill an OLD Nianbao server through its API the way users did then, with content today's rules refuse.
// usage: node fill-old.mjs http://localhost:PORT <label>   (the old server seeded with NIANBAO_DEMO_PASSWORD=demo-pass-2024)
import { existsSync, readFileSync } from 'node:fs';
import { client, short } from './client.mjs';

const base = process.argv[2];
const label = process.argv[3] ?? 'old';
const PW = 'demo-pass-2024';
const admin = client(base);
await admin.login('admin', PW);
const log = (what, r) => console.log(`${what.padEnd(58)} ${short(r)}`);

function taint(report, tag, opts = {}) {
  const r = structuredClone(report);
  const s = r.sections;
  s.overview = `${s.overview ?? ''}\n${tag}：本段含响铃符\u0007和方向控制符\u202E倒序文字\u202C（旧版本可保存）。`;
  r.preamble = `${r.preamble ?? ''}\u001B[0m编制说明${tag}`;
  const c = r.cells;
  // a count cell with a unit
  if (c['applications.newReceived.naturalPerson']) c['applications.newReceived.naturalPerson'].unit = '万元';
  // "12件" as printed text of a blank count, and one that contradicts its value
  if (c['activeDisclosure.regulations.made'] || r.meta.edition === '2021')
    c['activeDisclosure.regulations.made'] = { value: null, raw: '12件' };
  if (c['applications.newReceived.commercialEnterprise'])
    c['applications.newReceived.commercialEnterprise'] = { value: 13, raw: '12件' };
  // a cell the format does not have (another layout's) and a made-up row
  if (opts.foreign !== false) {
    c['activeDisclosure.regulations.newlyMade'] = { value: 3 };
    c['applications.madeUpRow.total'] = { value: 5 };
  }
  if (opts.huge) c['activeDisclosure.licensing.decisions'] = { value: 2 ** 60 };
  return r;
}

const list = (await admin.q('reports.list', {})).data.items;
const by = (name, year) => list.find((i) => i.agencyName === name && i.year === year);
async function get(id) {
  return (await admin.q('reports.get', { id })).data;
}
async function save(id, tag, opts) {
  const g = await get(id);
  const r = await admin.m('reports.save', {
    id,
    expectedVersion: g.version,
    report: taint(g.report, tag, opts),
    note: `${label} ${tag}`,
  });
  log(`save tainted ${g.agencyName} ${g.year} (${tag})`, r);
  if (!r.ok && opts?.retryClean !== false) {
    // try without the foreign cells, then without the big number
    const r2 = await admin.m('reports.save', {
      id,
      expectedVersion: g.version,
      report: taint(g.report, tag, { foreign: false }),
      note: `${label} ${tag}`,
    });
    log(`  retry without foreign cells`, r2);
  }
  return r;
}
const step = async (p, id, extra = {}) => {
  const g = await get(id);
  const r = await admin.m(`reports.${p}`, { id, expectedVersion: g.version, ...extra });
  log(`${p} ${g.agencyName} ${g.year}`, r);
  return r;
};

// tokens, rule config
log('auth.tokens.create', await admin.m('auth.tokens.create', { name: `${label} 集成令牌` }));
log('checks.set (rule config)', await admin.m('config.set', { rules: { 'T2-4': 'off', N1: 'warning' } }));

// 草稿
let R = by('示例县教育局', 2025);
await save(R.id, '草稿', { huge: true });
// 已提交
R = by('东山乡人民政府', 2025);
await save(R.id, '已提交');
await step('submit', R.id);
// 已退回
R = by('西河街道办事处', 2025);
await save(R.id, '已退回');
await step('submit', R.id);
await step('return', R.id, { comment: '请核实表三。' });
// 已通过
R = by('示例县市场监督管理局', 2025);
await save(R.id, '已通过');
await step('submit', R.id);
await step('approve', R.id);
// 已发布 (published with tainted content)
R = by('城关镇人民政府', 2025);
await step('return', R.id, { comment: '先退回再改。' });
await save(R.id, '已发布');
await step('submit', R.id);
await step('approve', R.id);
await step('publish', R.id);
// corrections of published reports (2021 edition and the 2019-trial edition 2020 report)
for (const [name, year] of [
  ['示例县人民政府', 2024],
  ['坑仔口镇人民政府', 2020],
]) {
  R = by(name, year);
  const g = await get(R.id);
  const r = await admin.m('reports.correct', {
    id: R.id,
    expectedVersion: g.version,
    report: taint(g.report, '更正', { foreign: true }),
    reason: `${label} 更正：补充说明`,
  });
  log(`correct ${name} ${year}`, r);
  if (!r.ok)
    log(
      '  retry correct without foreign cells',
      await admin.m('reports.correct', {
        id: R.id,
        expectedVersion: g.version,
        report: taint(g.report, '更正', { foreign: false }),
        reason: `${label} 更正：补充说明`,
      }),
    );
}
// a new report, tainted, for 2023
const agencies = (await admin.q('agencies.tree')).data;
const flat = [];
(function walk(n) {
  for (const x of Array.isArray(n) ? n : [n]) {
    if (!x) continue;
    flat.push(x);
    walk(x.children ?? []);
  }
})(agencies.roots ?? agencies.tree ?? agencies);
const county = flat.find((a) => a.name === '示例县人民政府');
if (county) {
  const cr = await admin.m('reports.create', { agencyId: county.id, year: 2023 });
  log('create 示例县人民政府 2023', cr);
  if (cr.ok) await save(cr.data.id, '新建草稿');
}
// triage decisions
for (const item of (await admin.q('reports.list', {})).data.items.slice(0, 4)) {
  const v = await admin.m('checks.validate', { id: item.id });
  const f = v.ok ? (v.data.findings ?? []).find((x) => x.key) : undefined;
  if (f)
    log(
      `triage ${item.agencyName} ${item.year} ${f.ruleId ?? ''}`,
      await admin.m('checks.triage', {
        id: item.id,
        findingKey: f.key,
        decision: 'dismissed',
        reason: `${label} 已核实无误`,
      }),
    );
  else log(`validate ${item.agencyName} ${item.year}`, v);
}
// an import with diagnostics, its text carrying a control character (servers with ingest)
const jiaoyu = flat.find((a) => a.name === '示例县教育局');
const CORPUS = '/work/shared/fixtures/corpus/001.txt';
if (jiaoyu && existsSync(CORPUS)) {
  const text = readFileSync(CORPUS, 'utf8').replace('一、工作基本情况', '一、工作基本情况\u0007\u200E');
  // the 2020 document as 2022 (releases before the edition check took it), else as the year it states
  const ir = await admin.m('import.upload', {
    agencyId: jiaoyu.id,
    kind: 'text',
    content: text,
    year: 2022,
    fileName: '年报2022.txt',
  });
  log('import.upload text (control char) 示例县教育局 2022', ir);
  if (!ir.ok)
    log(
      'import.upload text (control char) 示例县教育局, its own year',
      await admin.m('import.upload', {
        agencyId: jiaoyu.id,
        kind: 'text',
        content: text,
        fileName: '年报.txt',
      }),
    );
}
console.log('final list:');
for (const i of (await admin.q('reports.list', {})).data.items)
  console.log(' ', i.agencyName, i.year, i.statusLabel ?? i.status, `v${i.version}`);
