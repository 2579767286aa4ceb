import { renderFindingsXlsx } from '@nianbao/render';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app.js';
import type { AuthUser } from './auth.js';
import { type SeedResult, seedDemo } from './demo/seed.js';
import { findingsXlsx } from './findings-xlsx-worker.js';
import { checkedReports, planFindings } from './routers/findings-export.js';
import { DB_LABEL, freshStore, makeClient, type TestStore } from './test-support/harness.js';
import { turnsDuring } from './test-support/turns.js';
import { setValidateThread } from './validate-pool.js';

const PASSWORD = 'demo12345';
let ts: TestStore;
let seed: SeedResult;
let app: ReturnType<typeof createApp>;
type Logged = ReturnType<typeof makeClient>;
const as = {} as Record<'shenhe' | 'jiaoyu' | 'xianfu' | 'admin', Logged>;
let Y = 0;
let county = '';
let education = '';
let province = '';

beforeAll(async () => {
  ts = await freshStore();
  seed = await seedDemo(ts.store, { password: PASSWORD });
  Y = seed.year;
  app = createApp(ts.store, { webDir: '/nonexistent', log: () => {} });
  for (const name of Object.keys({ shenhe: 1, jiaoyu: 1, xianfu: 1, admin: 1 }) as (keyof typeof as)[]) {
    const c = makeClient(app);
    await c.auth.login.mutate({ username: name, password: PASSWORD });
    as[name] = c;
  }
  const tree = await as.shenhe.agencies.tree.query();
  county = tree[0]!.id;
  education = tree[0]!.children.find((c) => c.name === '示例县教育局')!.id;
  province = (await as.admin.agencies.tree.query())[0]!.id;
}, 120_000);
afterAll(async () => {
  await ts?.store.close();
  await ts?.cleanup();
});

const cookieOf = (c: Logged) => [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
const download = async (query: string, who: Logged | null | { token: string }): Promise<Response> =>
  app.request(`/export/findings?${query}`, {
    headers:
      who === null
        ? {}
        : 'token' in who
          ? { authorization: `Bearer ${who.token}` }
          : { cookie: cookieOf(who) },
  });
const err = async (res: Response) => ({ status: res.status, ...((await res.json()) as any).error.data });

/** RFC 4180 as renderFindingsCsv writes it (BOM first, quoted fields may hold commas and line breaks). */
function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  const [head, ...rest] = rows;
  return rest.map((r) => Object.fromEntries(head!.map((h, k) => [h, r[k] ?? ''])));
}

/** A sheet's rows from its header row (row 2; row 1 is the title) as objects by header. */
function sheetRows(ws: ExcelJS.Worksheet): Record<string, unknown>[] {
  const head = (ws.getRow(2).values as unknown[]).slice(1).map(String);
  const out: Record<string, unknown>[] = [];
  ws.eachRow((r, n) => {
    if (n <= 2) return;
    const v = (r.values as unknown[]).slice(1);
    if (typeof v[0] !== 'number') return; // the totals line under 汇总
    out.push(Object.fromEntries(head.map((h, k) => [h, v[k] ?? ''])));
  });
  return out;
}

async function workbook(res: Response): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await res.arrayBuffer());
  return wb;
}

/** The agencies in the region page's order: agencies.tree depth first (a node, then the agencies under it by name). */
async function treeOrder(): Promise<string[]> {
  const out: string[] = [];
  type N = Awaited<ReturnType<typeof as.shenhe.agencies.tree.query>>[number];
  const walk = (nodes: readonly N[]) => {
    for (const n of nodes) {
      out.push(n.id);
      walk(n.children as N[]);
    }
  };
  walk(await as.shenhe.agencies.tree.query());
  return out;
}

/** The region's reports of the year (reports.list) in the region page's order, with checks.validate's findings. */
async function validated(statuses?: ('draft' | 'submitted' | 'returned' | 'approved' | 'published')[]) {
  const list = await as.shenhe.reports.list.query({
    year: Y,
    regionId: county,
    limit: 500,
    ...(statuses ? { statuses } : {}),
  });
  const order = await treeOrder();
  const items = [...list.items].sort((a, b) => order.indexOf(a.agencyId) - order.indexOf(b.agencyId));
  return Promise.all(
    items.map(async (r) => ({
      ...r,
      checked: await as.shenhe.checks.validate.mutate({ id: r.id }),
    })),
  );
}

describe(`GET /export/findings: the region's 问题清单 (${DB_LABEL})`, () => {
  it('CSV: every failed finding checks.validate gives, by report in the region page’s order, with its message', async () => {
    const res = await download(`regionId=${county}&year=${Y}&format=csv`, as.shenhe);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const disposition = res.headers.get('content-disposition')!;
    expect(disposition).toMatch(/^attachment; filename="findings-\d{4}\.csv"; /);
    expect(decodeURIComponent(disposition.split("filename*=UTF-8''")[1]!)).toBe(
      `示例县人民政府-${Y}-问题清单.csv`,
    );
    const reports = await validated();
    expect(res.headers.get('x-report-count')).toBe(String(reports.length));
    expect(reports.length).toBe(7);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
    expect(text.startsWith('\uFEFFno,source,agency,')).toBe(true);
    const all = parseCsv(text);
    // the demo's 坑仔口镇 has no report of the year: one row 未创建, in its place in the tree
    expect(all.filter((r) => r.level === '未创建').map((r) => [r.agency, r.source, r.message])).toEqual([
      ['坑仔口镇人民政府', `坑仔口镇人民政府 ${Y} 年度（未创建）`, `尚未创建 ${Y} 年度报告`],
    ]);
    expect(all.findIndex((r) => r.agency === '坑仔口镇人民政府')).toBeGreaterThan(
      all.findLastIndex((r) => r.agency === '东山乡人民政府'),
    );
    expect(all.map((r) => Number(r.no))).toEqual(all.map((_, k) => k + 1));
    const rows = all.filter((r) => r.level !== '未创建');
    // 教育局's draft: the broken checksum (T3-B, T3-H) with its messages.
    const edu = rows.filter((r) => r.agency === '示例县教育局');
    const eduChecked = reports.find((r) => r.agencyName === '示例县教育局')!;
    expect(eduChecked.status).toBe('draft');
    expect(edu.map((r) => r.rule)).toEqual(expect.arrayContaining(['T3-B', 'T3-H']));
    for (const rule of ['T3-B', 'T3-H']) {
      const expected = eduChecked.checked.findings.filter((f) => f.ruleId === rule && f.status === 'failed');
      expect(expected.length).toBeGreaterThan(0);
      expect(edu.filter((r) => r.rule === rule).map((r) => r.message)).toEqual(
        expected.map((f) => f.message),
      );
      expect(edu.find((r) => r.rule === rule)!.level).toBe('错误');
    }
    expect(edu[0]!.source).toBe(`示例县教育局 ${Y} 年度（第 ${eduChecked.version} 版）`);
    // 交通运输局: the cross-year X1 against last year's published report.
    const transport = rows.filter((r) => r.agency === '示例县交通运输局' && r.rule === 'X1');
    const x1 = reports
      .find((r) => r.agencyName === '示例县交通运输局')!
      .checked.findings.filter((f) => f.ruleId === 'X1' && f.status === 'failed');
    expect(x1.length).toBeGreaterThan(0);
    expect(transport.map((r) => r.message)).toEqual(x1.map((f) => f.message));
    expect(transport[0]!.level).toBe('跨年');
    // Every failed finding of every report, and nothing else, report by report in the region page's order.
    const expected = reports.flatMap((r) =>
      r.checked.findings
        .filter((f) => f.status === 'failed')
        .map((f) => `${r.agencyName}|${f.ruleId}|${f.message}`),
    );
    expect(rows.map((r) => `${r.agency}|${r.rule}|${r.message}`).sort()).toEqual([...expected].sort());
    const order = [...new Set(rows.map((r) => r.agency))];
    expect(order).toEqual(reports.map((r) => r.agencyName).filter((n) => order.includes(n)));
  });

  it('XLSX (read back with exceljs): 汇总 one row per report in tree order with checks.validate’s open counts; 问题清单 with the findings', async () => {
    const res = await download(`regionId=${county}&year=${Y}&format=xlsx`, as.shenhe);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(decodeURIComponent(res.headers.get('content-disposition')!.split("filename*=UTF-8''")[1]!)).toBe(
      `示例县人民政府-${Y}-问题清单.xlsx`,
    );
    const wb = await workbook(res);
    const summary = wb.getWorksheet('汇总')!;
    expect(summary.getCell(1, 1).value).toBe(`示例县人民政府及下属机关 ${Y} 年度报告检查问题清单`);
    const reports = await validated();
    const listed = sheetRows(summary);
    // As the region page lists them: the county first, the agencies under it by name (not by id),
    // an agency without a report (坑仔口镇) in its place, said 未创建.
    expect(listed.map((r) => r.机关)).toEqual([
      '示例县人民政府',
      '城关镇人民政府',
      '东山乡人民政府',
      '坑仔口镇人民政府',
      '示例县交通运输局',
      '示例县教育局',
      '示例县市场监督管理局',
      '西河街道办事处',
    ]);
    expect(listed[3]).toMatchObject({ 状态: '未创建', 结论: '未创建', 错误: 0 });
    const rows = listed.filter((r) => r.结论 !== '未创建');
    expect(rows.map((r) => r.机关)).toEqual(reports.map((r) => r.agencyName));
    expect(rows.map((r) => r.机关)).toEqual([
      '示例县人民政府',
      '城关镇人民政府',
      '东山乡人民政府',
      '示例县交通运输局',
      '示例县教育局',
      '示例县市场监督管理局',
      '西河街道办事处',
    ]);
    for (const [k, r] of reports.entries()) {
      expect(rows[k]).toMatchObject({
        年度: Y,
        错误: r.checked.open.error,
        跨年: r.checked.open.crossYear,
        警告: r.checked.open.warning,
        提示: r.checked.open.info,
        文件: `${r.agencyName} ${Y} 年度（第 ${r.version} 版）`,
      });
    }
    expect(rows.find((r) => r.机关 === '示例县教育局')).toMatchObject({ 状态: '草稿', 结论: '有错误' });
    expect(rows.find((r) => r.机关 === '示例县交通运输局')).toMatchObject({ 状态: '已提交', 结论: '有错误' });
    // Where no cross-year check could be made, 说明 says so.
    expect(rows.find((r) => r.机关 === '示例县教育局')!.说明).toBe(
      `没有 ${Y - 1} 年度的报告，未进行跨年核对（X1–X6）`,
    );
    const problems = sheetRows(wb.getWorksheet('问题清单')!);
    const x1 = problems.filter((p) => p.机关 === '示例县交通运输局' && p.规则 === 'X1');
    expect(x1.length).toBeGreaterThan(0);
    expect(x1[0]).toMatchObject({ 级别: '跨年' });
    expect(String(x1[0]!.问题)).toMatch(/上年/);
    const t3 = problems.filter((p) => p.机关 === '示例县教育局' && /^T3-[BH]$/.test(String(p.规则)));
    expect(new Set(t3.map((p) => p.规则))).toEqual(new Set(['T3-B', 'T3-H']));
    expect(t3.every((p) => p.级别 === '错误' && String(p.涉及单元格).startsWith('表三'))).toBe(true);
  });

  it('statuses filters as the open-data download’s do; the title says which', async () => {
    const res = await download(
      `regionId=${county}&year=${Y}&format=xlsx&statuses=submitted,approved`,
      as.shenhe,
    );
    expect(res.status).toBe(200);
    const wb = await workbook(res);
    const summary = wb.getWorksheet('汇总')!;
    expect(summary.getCell(1, 1).value).toBe(
      `示例县人民政府及下属机关 ${Y} 年度报告检查问题清单（已提交、已通过）`,
    );
    const rows = sheetRows(summary);
    const listed = await validated(['submitted', 'approved']);
    expect(rows.map((r) => r.机关)).toEqual(listed.map((r) => r.agencyName));
    expect(new Set(rows.map((r) => r.状态))).toEqual(new Set(['已提交', '已通过']));
    expect(rows.map((r) => r.机关)).not.toContain('示例县教育局');
    expect(res.headers.get('x-report-count')).toBe(String(listed.length));
    // The same repeated (statuses=a&statuses=b) as open data takes it.
    const again = await download(
      `regionId=${county}&year=${Y}&format=csv&statuses=draft&statuses=returned`,
      as.shenhe,
    );
    const agencies = new Set(parseCsv(await again.text()).map((r) => r.agency));
    expect(agencies.has('示例县教育局')).toBe(true);
    expect(agencies.has('示例县交通运输局')).toBe(false);
  });

  it('a 填报人 gets their own agency’s report only; another region is refused in 简体中文', async () => {
    const own = await download(`regionId=${education}&year=${Y}&format=csv`, as.jiaoyu);
    expect(own.status).toBe(200);
    expect(new Set(parseCsv(await own.text()).map((r) => r.agency))).toEqual(new Set(['示例县教育局']));
    expect(decodeURIComponent(own.headers.get('content-disposition')!.split("filename*=UTF-8''")[1]!)).toBe(
      `示例县教育局-${Y}-问题清单.csv`,
    );
    expect(await err(await download(`regionId=${county}&year=${Y}&format=csv`, as.jiaoyu))).toMatchObject({
      status: 404,
      code: 'NOT_FOUND',
      appCode: 'NOT_FOUND',
      zhMessage: '机关不存在或无权查看',
    });
    // The county government's 填报人 asks for the county: the county's own report, not its departments'.
    const xianfu = await download(`regionId=${county}&year=${Y}&format=xlsx`, as.xianfu);
    expect(xianfu.status).toBe(200);
    const summary = (await workbook(xianfu)).getWorksheet('汇总')!;
    expect(sheetRows(summary).map((r) => r.机关)).toEqual(['示例县人民政府']);
    expect(summary.getCell(1, 1).value).toBe(`示例县人民政府 ${Y} 年度报告检查问题清单`);
  });

  it('takes an API token; refuses bad input, an unknown or out-of-scope region and no login with tRPC’s JSON errors', async () => {
    const { token } = await as.shenhe.auth.tokens.create.mutate({ name: '问题清单' });
    const ok = await download(`regionId=${county}&year=${Y}&format=csv`, { token });
    expect(ok.status).toBe(200);
    expect(parseCsv(await ok.text()).length).toBeGreaterThan(0);
    expect(await err(await download(`regionId=${county}&year=${Y}&format=csv`, null))).toMatchObject({
      status: 401,
      code: 'UNAUTHORIZED',
      appCode: 'UNAUTHENTICATED',
      zhMessage: '请先登录',
    });
    expect(
      await err(await download(`regionId=${county}&year=${Y}&format=csv`, { token: 'nbt_revoked' })),
    ).toMatchObject({ status: 401, appCode: 'UNAUTHENTICATED' });
    const badFormat = await err(await download(`regionId=${county}&year=${Y}&format=pdf`, as.shenhe));
    expect(badFormat).toMatchObject({ status: 400, appCode: 'INVALID_INPUT', path: 'export.findings' });
    expect(badFormat.zhMessage).toContain('导出格式应为 xlsx（Excel 表格）或 csv');
    const badYear = await err(await download(`regionId=${county}&year=abc&format=csv`, as.shenhe));
    expect(badYear).toMatchObject({ status: 400, appCode: 'INVALID_INPUT' });
    expect(badYear.zhMessage).toContain('年度应为 2019 至 2100 之间的整数');
    expect(
      (await err(await download(`regionId=${county}&year=2018&format=csv`, as.shenhe))).zhMessage,
    ).toContain('统一格式自 2019 年度起施行');
    expect(
      (await err(await download(`regionId=${county}&year=${Y}&format=csv&statuses=done`, as.shenhe))).appCode,
    ).toBe('INVALID_INPUT');
    expect((await err(await download(`year=${Y}&format=csv`, as.shenhe))).appCode).toBe('INVALID_INPUT');
    // Unknown, and out of the reviewer's reach (the province above the county): the same answer.
    for (const regionId of ['no-such-agency', province])
      expect(await err(await download(`regionId=${regionId}&year=${Y}&format=csv`, as.shenhe))).toMatchObject(
        {
          status: 404,
          appCode: 'NOT_FOUND',
          zhMessage: '机关不存在或无权查看',
        },
      );
    // A year without reports: said, not an empty list.
    expect(await err(await download(`regionId=${county}&year=2030&format=xlsx`, as.shenhe))).toMatchObject({
      status: 404,
      appCode: 'NO_REPORTS',
      zhMessage: '示例县人民政府及下属机关在 2030 年度没有报告，没有可导出的问题清单',
    });
    // The 管理员 reads the province (the region above the county) whole.
    const all = await download(`regionId=${province}&year=${Y}&format=csv`, as.admin);
    expect(all.status).toBe(200);
    expect(all.headers.get('x-report-count')).toBe('7');
  });

  it('a parameter it does not take is refused by name (UNKNOWN_PARAMETER), never ignored', async () => {
    // `errorOnly` ignored gave every report where only those with errors were asked.
    const typo = await err(await download(`regionId=${county}&year=${Y}&format=csv&errorOnly=1`, as.shenhe));
    expect(typo).toMatchObject({
      status: 400,
      appCode: 'UNKNOWN_PARAMETER',
      path: 'export.findings',
      zhMessage:
        '/export/findings 不认识参数 “errorOnly”（是否应为 errorsOnly？）：可用的参数为 regionId、reportId、year、format、statuses、q、errorsOnly',
      details: { parameters: ['errorOnly'] },
    });
    expect(
      (await err(await download(`regionId=${county}&year=${Y}&format=csv&input={}`, as.shenhe))).details,
    ).toMatchObject({ parameters: ['input'] });
    // Its own filters are taken.
    const ok = await download(`regionId=${county}&year=${Y}&format=csv&q=示例县&errorsOnly=0`, as.shenhe);
    expect(ok.status).toBe(200);
  });

  it('lets other requests through while it checks the reports (each check taken as long as a slice)', async () => {
    // The rules in the event loop, as on one CPU: only the export's own yields let others in.
    setValidateThread(false);
    try {
      const { result: res, turns } = await turnsDuring(() =>
        download(`regionId=${county}&year=${Y}&format=csv`, as.shenhe),
      );
      expect(res.status).toBe(200);
      expect(turns).toBeGreaterThanOrEqual(Number(res.headers.get('x-report-count')) - 1);
    } finally {
      setValidateThread(undefined);
    }
  });

  it('a long list’s Excel file is written in a worker thread: the same workbook as in the event loop', async () => {
    const admin: AuthUser = {
      id: 'admin',
      username: 'admin',
      displayName: '系统管理员',
      role: 'admin',
      agencyId: null,
      agencyPath: null,
      via: 'session',
    };
    const plan = await planFindings(ts.store.db, admin, { regionId: county, year: Y, format: 'xlsx' });
    const reports = await checkedReports(ts.store.db, plan);
    const values = async (bytes: Uint8Array) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(bytes as never);
      return wb.worksheets.map((ws) => ({
        name: ws.name,
        rows: ws.getSheetValues().map((r) => (Array.isArray(r) ? r.map((v) => v ?? null) : r)),
      }));
    };
    const inline = await renderFindingsXlsx(reports, { title: plan.title });
    const off = await findingsXlsx(reports, { title: plan.title }, 0);
    const sheets = await values(off);
    expect(sheets.map((s) => s.name)).toEqual(['汇总', '问题清单']);
    expect(sheets[1]!.rows.length).toBeGreaterThan(20);
    expect(sheets).toEqual(await values(inline));
  });

  it('a finding dismissed through checks.triage is listed 「已忽略：reason（who）」 and not counted in 汇总', async () => {
    const edu = (await validated()).find((r) => r.agencyName === '示例县教育局')!;
    const t3b = edu.checked.findings.find((f) => f.ruleId === 'T3-B' && f.status === 'failed')!;
    const before = edu.checked.open.error;
    await as.shenhe.checks.triage.mutate({
      id: edu.id,
      findingKey: t3b.key,
      decision: 'dismissed',
      reason: '原件如此，已电话核实',
    });
    const csv = parseCsv(await (await download(`regionId=${county}&year=${Y}&format=csv`, as.shenhe)).text());
    const row = csv.find(
      (r) => r.agency === '示例县教育局' && r.rule === 'T3-B' && r.message === t3b.message,
    )!;
    expect(row.triage).toBe('已忽略：原件如此，已电话核实（县政务公开办 审核员）');
    // the other findings of the report are not decided
    expect(csv.filter((r) => r.agency === '示例县教育局' && r.triage !== '').length).toBe(1);
    const wb = await workbook(await download(`regionId=${county}&year=${Y}&format=xlsx`, as.shenhe));
    const summary = sheetRows(wb.getWorksheet('汇总')!).find((r) => r.机关 === '示例县教育局')!;
    expect(summary.错误).toBe(before - 1);
    expect(summary.已忽略).toBe(1);
    // as checks.validate counts it now
    expect((await as.shenhe.checks.validate.mutate({ id: edu.id })).open.error).toBe(before - 1);
    const problem = sheetRows(wb.getWorksheet('问题清单')!).find(
      (p) => p.机关 === '示例县教育局' && p.规则 === 'T3-B' && p.问题 === t3b.message,
    )!;
    expect(problem.处理).toBe('已忽略：原件如此，已电话核实（县政务公开办 审核员）');
  });
  it('a dismissal whose cells changed since is reopened: counted again, listed without it, 说明 says so', async () => {
    const edu = (await validated()).find((r) => r.agencyName === '示例县教育局')!;
    const before = edu.checked.open.error;
    const got = await as.jiaoyu.reports.get.query({ id: edu.id });
    const cell = 'applications.newReceived.naturalPerson';
    await as.jiaoyu.reports.save.mutate({
      id: edu.id,
      expectedVersion: got.version,
      report: {
        ...got.report,
        cells: { ...got.report.cells, [cell]: { ...got.report.cells[cell]!, value: 61 } },
      },
    });
    const after = await as.shenhe.checks.validate.mutate({ id: edu.id });
    expect(after.open.error).toBe(before + 1);
    const wb = await workbook(await download(`regionId=${county}&year=${Y}&format=xlsx`, as.shenhe));
    const summary = sheetRows(wb.getWorksheet('汇总')!).find((r) => r.机关 === '示例县教育局')!;
    expect(summary.错误).toBe(after.open.error);
    expect(String(summary.说明)).toContain('曾被忽略的 T3-B 所涉及的数字或文字此后有改动，已重新计入');
    const problems = sheetRows(wb.getWorksheet('问题清单')!).filter((p) => p.机关 === '示例县教育局');
    expect(problems.every((p) => p.处理 === '')).toBe(true);
    // statuses filtered, nothing there: said with the statuses
    expect(
      await err(
        await download(`regionId=${county}&year=2030&format=csv&statuses=approved,published`, as.shenhe),
      ),
    ).toMatchObject({
      status: 404,
      appCode: 'NO_REPORTS',
      zhMessage: '示例县人民政府及下属机关在 2030 年度没有“已通过”、“已发布”的报告，没有可导出的问题清单',
    });
  });
});

describe(`GET /export/findings: the region page's filters (${DB_LABEL})`, () => {
  it('an agency without a report is listed 未创建 in the region page’s order; statuses=none lists those alone', async () => {
    // runs last: the county gains an agency with no report of the year
    await as.admin.agencies.create.mutate({ parentId: county, name: '示例县水利局' });
    const wb = await workbook(await download(`regionId=${county}&year=${Y}&format=xlsx`, as.shenhe));
    const summary = sheetRows(wb.getWorksheet('汇总')!);
    const names = summary.map((r) => r.机关);
    // by name among the county's agencies: 水利局 after 市场监督管理局 (as agencies.tree orders them)
    const order = (await treeOrder()).length;
    expect(names).toHaveLength(order);
    expect(names.indexOf('示例县水利局')).toBe(names.indexOf('示例县市场监督管理局') + 1);
    expect(summary.find((r) => r.机关 === '示例县水利局')).toMatchObject({
      状态: '未创建',
      结论: '未创建',
      错误: 0,
      说明: `尚未创建 ${Y} 年度报告`,
    });
    const problems = sheetRows(wb.getWorksheet('问题清单')!);
    expect(problems.filter((p) => p.机关 === '示例县水利局')).toEqual([
      expect.objectContaining({ 级别: '未创建', 问题: `尚未创建 ${Y} 年度报告` }),
    ]);
    // the count under 汇总 keeps reports and agencies apart; X-Report-Count is the reports
    const foot = String(
      (wb.getWorksheet('汇总')!.getRow(wb.getWorksheet('汇总')!.rowCount).values as unknown[])[1],
    );
    expect(foot).toMatch(/^共 7 份：.*；另有 2 个机关尚未创建报告$/);
    // statuses=none: the agencies without a report only
    const none = await download(`regionId=${county}&year=${Y}&format=csv&statuses=none`, as.shenhe);
    expect(none.status).toBe(200);
    expect(none.headers.get('x-report-count')).toBe('0');
    const rows = parseCsv(await none.text());
    expect(rows.map((r) => [r.agency, r.level])).toEqual([
      ['坑仔口镇人民政府', '未创建'],
      ['示例县水利局', '未创建'],
    ]);
    // a status named without none: no 未创建 rows
    const submitted = parseCsv(
      await (await download(`regionId=${county}&year=${Y}&format=csv&statuses=submitted`, as.shenhe)).text(),
    );
    expect(submitted.some((r) => r.level === '未创建')).toBe(false);
    // a year with no report at all is still NO_REPORTS (not every agency as 未创建) unless none is asked
    expect((await err(await download(`regionId=${county}&year=2030&format=csv`, as.shenhe))).appCode).toBe(
      'NO_REPORTS',
    );
    const future = parseCsv(
      await (await download(`regionId=${county}&year=2030&format=csv&statuses=none`, as.shenhe)).text(),
    );
    expect(future).toHaveLength(order);
    // a 填报人 whose agency has its report: none to list, said so
    expect(
      await err(await download(`regionId=${education}&year=${Y}&format=csv&statuses=none`, as.jiaoyu)),
    ).toMatchObject({
      status: 404,
      appCode: 'NO_REPORTS',
      zhMessage: `示例县教育局在 ${Y} 年度都已创建报告，没有“未创建”的机关`,
    });
  });

  it('q and errorsOnly as the region page filters: the same agencies, the title says which', async () => {
    const list = await as.shenhe.reports.list.query({ year: Y, regionId: county, limit: 500 });
    const withErrors = list.items
      .filter((r) => r.openFindings.error + r.openFindings.crossYear + r.dismissedErrors > 0)
      .map((r) => r.agencyName);
    expect(withErrors.length).toBeGreaterThan(0);
    expect(withErrors.length).toBeLessThan(list.items.length);
    const res = await download(`regionId=${county}&year=${Y}&format=xlsx&errorsOnly=1`, as.shenhe);
    expect(res.status).toBe(200);
    const wb = await workbook(res);
    expect(wb.getWorksheet('汇总')!.getCell(1, 1).value).toBe(
      `示例县人民政府及下属机关 ${Y} 年度报告检查问题清单（只看有错误的）`,
    );
    const names = sheetRows(wb.getWorksheet('汇总')!).map((r) => r.机关);
    expect([...names].sort()).toEqual([...withErrors].sort());
    expect(names).not.toContain('示例县水利局');
    // each word in the agency's name (or a place above it), any case, spaces between words
    const q = await download(
      `regionId=${county}&year=${Y}&format=csv&q=${encodeURIComponent(' 示例县  局 ')}`,
      as.shenhe,
    );
    const agencies = [...new Set(parseCsv(await q.text()).map((r) => r.agency))];
    expect(agencies.sort()).toEqual(
      ['示例县交通运输局', '示例县教育局', '示例县市场监督管理局', '示例县水利局'].sort(),
    );
    // a name above the agency counts up to the region's, the region's included (QA: 「示例县」 left out
    // 坑仔口镇人民政府, right under 示例县人民政府, while the county's 局 matched by their own names)
    const tree = await as.shenhe.agencies.tree.query();
    const everyName: string[] = [];
    const walk = (nodes: readonly (typeof tree)[number][]) => {
      for (const n of nodes) {
        everyName.push(n.name);
        walk(n.children as (typeof tree)[number][]);
      }
    };
    walk(tree);
    const county1 = await workbook(
      await download(`regionId=${county}&year=${Y}&format=xlsx&q=${encodeURIComponent('示例县')}`, as.shenhe),
    );
    const byCounty = sheetRows(county1.getWorksheet('汇总')!).map((r) => r.机关);
    expect(byCounty).toContain('坑仔口镇人民政府');
    expect(byCounty).toEqual(everyName);
    const township = parseCsv(
      await (
        await download(
          `regionId=${county}&year=${Y}&format=csv&q=${encodeURIComponent('示例县 坑仔口')}`,
          as.shenhe,
        )
      ).text(),
    );
    expect([...new Set(township.map((r) => r.agency))]).toEqual(['坑仔口镇人民政府']);
    // both, and nothing matching: said, not an empty file
    expect(
      await err(await download(`regionId=${county}&year=${Y}&format=csv&errorsOnly=1&q=水利`, as.shenhe)),
    ).toMatchObject({
      status: 404,
      appCode: 'NO_REPORTS',
      zhMessage: `示例县人民政府及下属机关在 ${Y} 年度没有符合筛选条件（名称含“水利”；只看有错误的）的报告，没有可导出的问题清单`,
    });
    expect(
      (await err(await download(`regionId=${county}&year=${Y}&format=csv&errorsOnly=maybe`, as.shenhe)))
        .appCode,
    ).toBe('INVALID_INPUT');
    // errorsOnly=0 is no filter
    const all = await download(`regionId=${county}&year=${Y}&format=csv&errorsOnly=0`, as.shenhe);
    expect(all.status).toBe(200);
  });

  it('reportId: one report’s list (the editor’s 下载 › 问题清单) — its agency only, even a node with agencies under it', async () => {
    const list = await as.shenhe.reports.list.query({ year: Y, regionId: county, limit: 500 });
    const countyReport = list.items.find((r) => r.agencyName === '示例县人民政府')!;
    const eduReport = list.items.find((r) => r.agencyName === '示例县教育局')!;
    const res = await download(`reportId=${countyReport.id}&format=xlsx`, as.shenhe);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-report-count')).toBe('1');
    expect(decodeURIComponent(res.headers.get('content-disposition')!.split("filename*=UTF-8''")[1]!)).toBe(
      `示例县人民政府-${Y}-问题清单.xlsx`,
    );
    const wb = await workbook(res);
    expect(wb.getWorksheet('汇总')!.getCell(1, 1).value).toBe(`示例县人民政府 ${Y} 年度报告检查问题清单`);
    expect(sheetRows(wb.getWorksheet('汇总')!).map((r) => r.机关)).toEqual(['示例县人民政府']);
    const checked = await as.shenhe.checks.validate.mutate({ id: countyReport.id });
    const problems = sheetRows(wb.getWorksheet('问题清单')!);
    expect(problems.map((p) => p.问题)).toEqual(
      expect.arrayContaining(checked.findings.filter((f) => f.status === 'failed').map((f) => f.message)),
    );
    expect(problems).toHaveLength(checked.findings.filter((f) => f.status === 'failed').length);
    // a 填报人: their own report; another agency's is not found, as everywhere
    const own = await download(`reportId=${eduReport.id}&format=csv`, as.jiaoyu);
    expect(own.status).toBe(200);
    expect(new Set(parseCsv(await own.text()).map((r) => r.agency))).toEqual(new Set(['示例县教育局']));
    expect(await err(await download(`reportId=${countyReport.id}&format=csv`, as.jiaoyu))).toMatchObject({
      status: 404,
      appCode: 'NOT_FOUND',
    });
    // one or the other, said in 简体中文
    expect(
      await err(await download(`reportId=${eduReport.id}&year=${Y}&format=csv`, as.shenhe)),
    ).toMatchObject({
      status: 400,
      appCode: 'INVALID_INPUT',
      zhMessage: 'reportId 指定了一份报告，不能再给 year',
    });
    expect(await err(await download('format=csv', as.shenhe))).toMatchObject({
      status: 400,
      appCode: 'INVALID_INPUT',
      zhMessage: '请提供 regionId（地区，及 year 年度）或 reportId（一份报告）',
    });
    expect(await err(await download(`regionId=${county}&format=csv`, as.shenhe))).toMatchObject({
      status: 400,
      appCode: 'INVALID_INPUT',
      zhMessage: '年度应为 2019 至 2100 之间的整数，如 2025',
    });
  });
});
