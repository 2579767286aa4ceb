import { randomBytes } from 'node:crypto';
import { exampleReport, type Report, reportingYear, setCell } from '@nianbao/core';
import { type AuthUser, DEFAULT_RATE_LIMIT } from '../auth.js';
import { createFirstAdmin } from '../bootstrap.js';
import type { Store } from '../db/connect.js';
import type { Role } from '../db/schema.js';
import { appRouter } from '../router.js';
import { createCallerFactory } from '../trpc.js';
import { SEED_REPORT_TEXT } from './seed-text.js';

export interface DemoUser {
  readonly username: string;
  readonly password: string;
  readonly role: Role;
  readonly displayName: string;
  readonly agency: string | null;
}

export interface SeedResult {
  readonly users: readonly DemoUser[];
  readonly agencies: number;
  readonly reports: number;
  /** Whether the seed report came through the importer (false when @nianbao/ingest is missing). */
  readonly seedImported: boolean;
  /** The year of the demo's current reports (last year's are published): core's `reportingYear`. */
  readonly year: number;
}

const createCaller = createCallerFactory(appRouter);

/** A caller as `user`. Its clock is January after the demo's year Y, when Y's reports are written. */
function callerFor(store: Store, user: AuthUser, Y: number) {
  const today = new Date(Date.UTC(Y + 1, 0, 15));
  return createCaller({
    store,
    options: {
      rateLimit: DEFAULT_RATE_LIMIT,
      secureCookies: false,
      trustProxy: false,
      log: () => {},
      today: () => today,
    },
    user,
    clientIp: 'seed',
    sessionToken: undefined,
    resHeaders: new Headers(),
  });
}

/** True when the database has no user yet (first run). */
export async function isEmpty(store: Store): Promise<boolean> {
  const row = await store.db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  return !row;
}

const genPassword = () => randomBytes(6).toString('base64url');

/**
 * The demo region (示例省 › 示例市 › 示例县 with its townships and departments — fictional, except
 * 坑仔口镇人民政府 whose real 2020 report is the seed), one user per role (and a 填报人 per agency
 * with reports), and reports in every workflow state, several with findings to look at. Goes through
 * the API itself, so the demo data obeys the same rules as everything else.
 */
export async function seedDemo(
  store: Store,
  options: { password?: string; year?: number } = {},
): Promise<SeedResult> {
  const db = store.db;
  // The year the web form and the region view open on, so a new user lands on the demo's reports
  // whatever the date (fixed years would leave them a year behind every January).
  const Y = options.year ?? reportingYear();
  const pw = () => options.password ?? genPassword();
  const users: DemoUser[] = [];

  // The first 管理员, as a deployment without the demo gets it; everything else goes through the API.
  const first = await createFirstAdmin(store, { password: pw().padEnd(8, '0') });
  if (!first) throw new Error('示例数据只能写入空的数据库（已有用户）');
  const adminId = first.id;
  const adminPassword = first.password;
  users.push({
    username: 'admin',
    password: adminPassword,
    role: 'admin',
    displayName: '系统管理员',
    agency: null,
  });
  const admin: AuthUser = {
    id: adminId,
    username: 'admin',
    displayName: '系统管理员',
    role: 'admin',
    agencyId: null,
    agencyPath: null,
    via: 'session',
  };
  const asAdmin = callerFor(store, admin, Y);

  const province = await asAdmin.agencies.create({
    parentId: null,
    name: '示例省人民政府',
    kind: '人民政府',
    level: '省级',
    regionCode: '990000',
  });
  const city = await asAdmin.agencies.create({
    parentId: province.id,
    name: '示例市人民政府',
    kind: '人民政府',
    level: '市级',
    regionCode: '990100',
  });
  const county = await asAdmin.agencies.create({
    parentId: city.id,
    name: '示例县人民政府',
    kind: '人民政府',
    level: '县级',
    regionCode: '990101',
  });
  const under = async (
    name: string,
    kind: '人民政府' | '政府部门' | '街道办事处',
    level: '县级' | '乡镇级',
  ) => asAdmin.agencies.create({ parentId: county.id, name, kind, level });
  const transport = await under('示例县交通运输局', '政府部门', '县级');
  const education = await under('示例县教育局', '政府部门', '县级');
  const market = await under('示例县市场监督管理局', '政府部门', '县级');
  const chengguan = await under('城关镇人民政府', '人民政府', '乡镇级');
  const dongshan = await under('东山乡人民政府', '人民政府', '乡镇级');
  const xihe = await under('西河街道办事处', '街道办事处', '乡镇级');
  const kengzaikou = await under('坑仔口镇人民政府', '人民政府', '乡镇级');
  const agencies = [
    province,
    city,
    county,
    transport,
    education,
    market,
    chengguan,
    dongshan,
    xihe,
    kengzaikou,
  ];

  const mkUser = async (
    username: string,
    displayName: string,
    role: Role,
    agency: { id: string; name: string } | null,
  ) => {
    const password = pw();
    const { id } = await asAdmin.users.create({
      username,
      displayName,
      password: password.padEnd(8, '0'),
      role,
      agencyId: agency?.id ?? null,
    });
    users.push({
      username,
      password: password.padEnd(8, '0'),
      role,
      displayName,
      agency: agency?.name ?? null,
    });
    const row = await db
      .selectFrom('agencies')
      .select('path')
      .where('id', '=', agency?.id ?? '')
      .executeTakeFirst();
    const u: AuthUser = {
      id,
      username,
      displayName,
      role,
      agencyId: agency?.id ?? null,
      agencyPath: row?.path ?? null,
      via: 'session',
    };
    return callerFor(store, u, Y);
  };
  const reviewer = await mkUser('shenhe', '县政务公开办 审核员', 'reviewer', county);
  const fCounty = await mkUser('xianfu', '县政府办 填报员', 'filler', county);
  const fTransport = await mkUser('jiaotong', '交通运输局 填报员', 'filler', transport);
  const fEducation = await mkUser('jiaoyu', '教育局 填报员', 'filler', education);
  const fMarket = await mkUser('shijian', '市场监管局 填报员', 'filler', market);
  const fChengguan = await mkUser('chengguan', '城关镇 填报员', 'filler', chengguan);
  const fDongshan = await mkUser('dongshan', '东山乡 填报员', 'filler', dongshan);
  const fXihe = await mkUser('xihe', '西河街道 填报员', 'filler', xihe);
  const fKeng = await mkUser('kengzaikou', '坑仔口镇 填报员', 'filler', kengzaikou);

  type Caller = ReturnType<typeof callerFor>;
  let reports = 0;
  /** Create, save the content, then walk the workflow to `status`. */
  const put = async (
    filler: Caller,
    agency: { id: string; name: string; kind: string | null; level: string | null },
    year: number,
    content: (r: Report) => Report,
    status: 'draft' | 'submitted' | 'returned' | 'approved' | 'published',
    comment?: string,
  ) => {
    const created = await filler.reports.create({ agencyId: agency.id, year });
    const saved = await filler.reports.save({
      id: created.id,
      expectedVersion: created.version,
      report: content(created.report),
      note: '示例数据',
    });
    reports++;
    if (status === 'draft') return created.id;
    await filler.reports.submit({ id: created.id, expectedVersion: saved.version });
    if (status === 'submitted') return created.id;
    if (status === 'returned') {
      await reviewer.reports.return({ id: created.id, comment: comment ?? '请核对表三数据后重新提交。' });
      return created.id;
    }
    await reviewer.reports.approve({ id: created.id, expectedVersion: saved.version });
    if (status === 'approved') return created.id;
    await reviewer.reports.publish({ id: created.id });
    return created.id;
  };
  const example =
    (_agency: { id: string; name: string; kind: string | null; level: string | null }, scale: number) =>
    (r: Report) => {
      const e = exampleReport({ year: r.meta.year, agency: r.meta.agency, scale });
      // This year's reports are not published yet: no 发布日期 (the 发布 step will give it).
      const { publishedOn, ...meta } = e.meta;
      return {
        ...e,
        meta: { ...meta, agency: r.meta.agency, ...(r.meta.year < Y && publishedOn ? { publishedOn } : {}) },
      };
    };

  // 县政府本级: last year's published, this year's submitted.
  const countyLast = await put(fCounty, county, Y - 1, example(county, 3), 'published');
  // …and corrected once, as the 更正公告 lists it: a sentence the published text left out.
  const published = await fCounty.reports.get({ id: countyLast });
  const overview = published.report.sections.overview ?? '';
  const added = '全年无逾期答复。';
  await fCounty.reports.correct({
    id: countyLast,
    expectedVersion: published.version,
    report: {
      ...published.report,
      sections: {
        ...published.report.sections,
        overview: overview.includes('按期答复率100%。')
          ? overview.replace('按期答复率100%。', `按期答复率100%，${added}`)
          : `${overview}${added}`,
      },
    },
    reason: '第一部分「总体情况」漏写逾期答复情况，现予补充；表格数字不变。',
  });
  await put(fCounty, county, Y, example(county, 4), 'submitted');
  // 交通运输局: last year's published; this year's submitted — 上年结转 ≠ last year's 结转下年度 (X1).
  await put(fTransport, transport, Y - 1, example(transport, 1), 'published');
  await put(fTransport, transport, Y, example(transport, 1), 'submitted');
  // 教育局: a draft whose totals were typed by hand, then a part changed: a broken checksum
  // (T3-B/T3-H) and a blank cell (C2). (Totals left to the server follow their parts.)
  await put(
    fEducation,
    education,
    Y,
    (r) => {
      const e = example(education, 2)(r);
      let x: Report = {
        ...e,
        cells: Object.fromEntries(
          Object.entries(e.cells).map(([id, c]) => [
            id,
            c.origin === 'derived' ? { ...c, origin: 'entered' } : c,
          ]),
        ),
      };
      x = setCell(x, 'applications.newReceived.naturalPerson', 60);
      x = setCell(x, 'applications.granted.commercialEnterprise', null);
      return x;
    },
    'draft',
  );
  // 市场监管局: returned — 规章 reported by a county department (T2-4), 现行有效 < 本年制发 (T2-2).
  await put(
    fMarket,
    market,
    Y,
    (r) => {
      let x = example(market, 2)(r);
      x = setCell(x, 'activeDisclosure.regulations.made', 2);
      x = setCell(x, 'activeDisclosure.regulations.valid', 1);
      return x;
    },
    'returned',
    '规章一行不应有数：县级部门无权制定规章，请核实后修改。',
  );
  // 城关镇: approved, consistent.
  await put(fChengguan, chengguan, Y, example(chengguan, 1), 'approved');
  // 西河街道: a draft — fee amount printed in 元 (T2-3), section 五 empty (N5).
  await put(
    fXihe,
    xihe,
    Y,
    (r) => {
      let x = example(xihe, 1)(r);
      x = setCell(x, 'activeDisclosure.adminFees.feeAmount', {
        value: 203000,
        unit: '万元',
        raw: '203000元',
      });
      x = { ...x, sections: { ...x.sections, problems: '无。' } };
      return x;
    },
    'draft',
  );
  // 东山乡: just created, blank.
  await fDongshan.reports.create({ agencyId: dongshan.id, year: Y });
  reports++;

  // The seed report: 坑仔口镇人民政府 2020, imported from its published text, then published.
  let seedImported = false;
  try {
    const imported = await fKeng.import.upload({
      agencyId: kengzaikou.id,
      kind: 'text',
      content: SEED_REPORT_TEXT,
      encoding: 'utf8',
      fileName: '坑仔口镇人民政府2020年政府信息公开工作年度报告.txt',
    });
    seedImported = true;
    reports++;
    await fKeng.reports.submit({ id: imported.reportId });
    await reviewer.reports.approve({ id: imported.reportId });
    // The text states no date: published in the January after its year, as the demo's other reports.
    await reviewer.reports.publish({ id: imported.reportId, publishedOn: '2021-01-15' });
  } catch (e) {
    console.warn(`[seed] 种子报告未能导入（${e instanceof Error ? e.message : String(e)}），改用示例数据`);
    await put(fKeng, kengzaikou, 2020, example(kengzaikou, 1), 'published');
  }
  return { users, agencies: agencies.length, reports, seedImported, year: Y };
}

/** The console lines naming the demo users and their passwords. */
export function describeSeed(result: SeedResult): string {
  const ROLE: Record<Role, string> = { admin: '管理员', reviewer: '审核人', filler: '填报人' };
  // Columns line up whatever the names and passwords: a random password may be of any length.
  const width = Math.max(10, ...result.users.map((u) => u.username.length)) + 1;
  const secret = Math.max(...result.users.map((u) => u.password.length), 0);
  const lines = [
    `已创建示例数据：${result.agencies} 个机关、${result.reports} 份报告（${result.year} 年度各状态的报告、已发布的 ${result.year - 1} 年度报告${result.seedImported ? '，以及导入的种子报告' : ''}）。`,
    '示例账号（仅本次显示，请妥善保存）：',
    ...result.users.map((u) => {
      const who = [u.agency, u.displayName].filter(Boolean).join(' ');
      return `  ${ROLE[u.role]}  ${u.username.padEnd(width)} 密码 ${u.password.padEnd(secret)}   ${who}`;
    }),
  ];
  return lines.join('\n');
}
