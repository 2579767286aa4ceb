import { reportingYear } from '@nianbao/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app.js';
import { describeSeed, isEmpty, type SeedResult, seedDemo } from './demo/seed.js';
import { DB_LABEL, freshStore, makeClient, type TestStore } from './test-support/harness.js';

let ts: TestStore;
let seed: SeedResult;
beforeAll(async () => {
  ts = await freshStore();
  expect(await isEmpty(ts.store)).toBe(true);
  seed = await seedDemo(ts.store);
}, 60000);
afterAll(async () => {
  await ts?.store.close();
  await ts?.cleanup();
});

describe(`demo seed (${DB_LABEL})`, () => {
  it('a county with its townships and departments, a user per role, passwords printed', async () => {
    expect(await isEmpty(ts.store)).toBe(false);
    expect(seed.agencies).toBe(10);
    expect(new Set(seed.users.map((u) => u.role))).toEqual(new Set(['admin', 'reviewer', 'filler']));
    const text = describeSeed(seed);
    expect(text).toContain(
      `${seed.year} 年度各状态的报告、已发布的 ${seed.year - 1} 年度报告，以及导入的种子报告`,
    );
    for (const u of seed.users) {
      expect(text).toContain(u.username);
      expect(text).toContain(u.password);
    }
    const app = createApp(ts.store, { webDir: '/nonexistent' });
    const reviewer = makeClient(app);
    const r = seed.users.find((u) => u.role === 'reviewer')!;
    await reviewer.auth.login.mutate({ username: r.username, password: r.password });
    const tree = await reviewer.agencies.tree.query();
    expect(tree[0]!.name).toBe('示例县人民政府');
    expect(tree[0]!.children.length).toBe(7);
  });

  it('prints the users as columns, whatever the lengths of names and passwords', () => {
    const users = [
      { role: 'admin', username: 'admin', password: 'Kx7-long-random-pw', displayName: '系统管理员' },
      {
        role: 'reviewer',
        username: 'shenhe',
        password: 'short1',
        agency: '示例县人民政府',
        displayName: '审核员',
      },
      {
        role: 'filler',
        username: 'a-very-long-user',
        password: 'mid-length',
        agency: '东山乡人民政府',
        displayName: '填报员',
      },
    ] as unknown as SeedResult['users'];
    const lines = describeSeed({ ...seed, users })
      .split('\n')
      .slice(2);
    expect(lines).toHaveLength(3);
    // 「密码」 and what follows the password start at one column on every line.
    expect(new Set(lines.map((l) => l.indexOf('密码'))).size).toBe(1);
    expect(new Set(lines.map((l) => l.lastIndexOf('   '))).size).toBe(1);
    expect(lines[0]).toMatch(/Kx7-long-random-pw {3}系统管理员$/);
    expect(lines[1]).toMatch(/short1 {15}示例县人民政府 审核员$/);
  });

  it('reports in every workflow state, the seed report among them, several with findings', async () => {
    const app = createApp(ts.store, { webDir: '/nonexistent' });
    const admin = makeClient(app);
    const a = seed.users.find((u) => u.role === 'admin')!;
    await admin.auth.login.mutate({ username: a.username, password: a.password });
    const all = await admin.reports.list.query({});
    expect(all.total).toBe(seed.reports);
    expect(new Set(all.items.map((i) => i.status))).toEqual(
      new Set(['draft', 'submitted', 'returned', 'approved', 'published']),
    );
    const seedReport = all.items.find((i) => i.agencyName === '坑仔口镇人民政府')!;
    expect(seedReport).toMatchObject({ year: 2020, status: 'published', edition: '2019-trial' });
    expect(seed.seedImported).toBe(true);
    const withErrors = await admin.reports.list.query({ findings: 'errors' });
    expect(withErrors.items.map((i) => i.agencyName)).toContain('示例县教育局');
    const crossYear = await admin.reports.list.query({ findings: 'crossYear' });
    expect(crossYear.items.map((i) => i.agencyName)).toContain('示例县交通运输局');
    // The public 更正公告 is not empty: last year's county report was corrected once (text only).
    const corrections = await makeClient(app).reports.corrections.query();
    expect(corrections).toHaveLength(1);
    expect(corrections[0]).toMatchObject({ agencyName: '示例县人民政府', year: seed.year - 1, version: 3 });
    expect(corrections[0]!.reason).toMatch(/表格数字不变/);
    const county = all.items.find((i) => i.agencyName === '示例县人民政府' && i.year === seed.year - 1)!;
    const diff = await admin.reports.diff.query({ id: county.id, from: 2, to: 3 });
    expect(diff.cells).toEqual([]);
    expect(diff.texts).toHaveLength(1);
    const returned = all.items.find((i) => i.status === 'returned')!;
    expect(returned.reviewComment).toMatch(/规章/);
  });

  it('the demo is dated where the web form opens: this reporting year, and last year published', async () => {
    expect(seed.year).toBe(reportingYear());
    const app = createApp(ts.store, { webDir: '/nonexistent' });
    const admin = makeClient(app);
    const a = seed.users.find((u) => u.role === 'admin')!;
    await admin.auth.login.mutate({ username: a.username, password: a.password });
    const all = (await admin.reports.list.query({})).items.filter((i) => i.agencyName !== '坑仔口镇人民政府');
    expect(new Set(all.map((i) => i.year))).toEqual(new Set([seed.year, seed.year - 1]));
    expect(all.filter((i) => i.year === seed.year).length).toBe(7);
    expect(new Set(all.filter((i) => i.year === seed.year - 1).map((i) => i.status))).toEqual(
      new Set(['published']),
    );
  });

  it('seeds the year it is given (the region keeps its shape in any year)', async () => {
    const other = await freshStore();
    try {
      const s = await seedDemo(other.store, { password: 'any-password-1', year: 2030 });
      expect(s.year).toBe(2030);
      const admin = makeClient(createApp(other.store, { webDir: '/nonexistent' }));
      await admin.auth.login.mutate({ username: 'admin', password: 'any-password-1' });
      const years = (await admin.reports.list.query({})).items.map((i) => i.year);
      expect(years.filter((y) => y === 2030).length).toBe(7);
      expect(years.filter((y) => y === 2029).length).toBe(2);
    } finally {
      await other.store.close();
      await other.cleanup();
    }
  }, 60000);
});
