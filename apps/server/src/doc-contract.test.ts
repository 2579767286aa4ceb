import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RATE_LIMIT } from './auth.js';
import { DB_LABEL, failure, makeWorld, type World } from './test-support/harness.js';

const SRC = fileURLToPath(new URL('.', import.meta.url));
const README = readFileSync(join(SRC, '..', 'README.md'), 'utf8');

/** The README's table of machine codes (between 「The machine codes:」 and 「Who may do what」). */
function appCodeTable(): string {
  const from = README.search(/The\s+machine codes:/);
  const to = README.indexOf('**Who may do what.**');
  expect(from).toBeGreaterThan(0);
  expect(to).toBeGreaterThan(from);
  return README.slice(from, to);
}

/** Every appCode the server's sources raise by name: fail(code, 'X', …), new AppError('X', …), appCode: 'X'. */
function thrownAppCodes(): Map<string, string> {
  const codes = new Map<string, string>();
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'test-support') walk(p);
      } else if (/\.ts$/.test(e.name) && !/\.test\.ts$/.test(e.name)) {
        const text = readFileSync(p, 'utf8');
        for (const re of [
          /\bfail\(\s*'[A-Z_]+',\s*'([A-Z0-9_]+)'/g,
          /new AppError\(\s*'([A-Z0-9_]+)'/g,
          /appCode: '([A-Z0-9_]+)'/g,
        ])
          for (const m of text.matchAll(re)) codes.set(m[1]!, p.slice(SRC.length));
      }
    }
  };
  walk(SRC);
  return codes;
}

let w: World;
beforeAll(async () => {
  w = await makeWorld();
});
afterAll(async () => w?.cleanup());

/** What README.md says of the API, held to it. */
describe(`the README's contract (${DB_LABEL})`, () => {
  it('INVALID_INPUT always carries details.issues[] with path and message', async () => {
    const f = await failure(w.as.fillerA1.checks.validate.mutate({}));
    expect(f).toMatchObject({ code: 'BAD_REQUEST', appCode: 'INVALID_INPUT' });
    expect(f.details.issues).toEqual([{ path: '', message: f.zhMessage }]);
    expect(f.details.accepted).toEqual([
      ['id', 'version?'],
      ['report', 'previous?'],
    ]);
    const early = await failure(
      w.as.fillerA1.reports.create.mutate({ agencyId: w.ids.agencyA1, year: 2018 }),
    );
    expect(early).toMatchObject({ appCode: 'INVALID_INPUT', details: { issues: [{ path: 'year' }] } });
    expect(early.zhMessage).toMatch(/统一格式自 2019 年度起施行/);
    // the field is named as people call it, never left for the reader to guess
    const badId = await failure(w.as.fillerA1.reports.get.query({ id: 123 } as never));
    expect(badId.zhMessage).toMatch(/：编号（id）：应为/);
    const badFormat = await failure(w.as.fillerA1.export.report.query({ id: 'x', format: 'pdf' } as never));
    expect(badFormat.zhMessage).toMatch(/：导出格式：应为/);
  });

  it('save, the workflow steps, list paging and the exports answer as documented', async () => {
    const r = await w.as.fillerA1.reports.create.mutate({ agencyId: w.ids.agencyA1, year: 2024 });
    const saved = await w.as.fillerA1.reports.save.mutate({
      id: r.id,
      expectedVersion: 1,
      report: r.report,
      note: '保存',
    });
    expect(Object.keys(saved).sort()).toEqual([
      'contentHash',
      'id',
      'savedAt',
      'status',
      'unchanged',
      'version',
      'warnings',
    ]);
    expect(saved).toMatchObject({ id: r.id, version: 2, contentHash: expect.stringMatching(/^sha256:/) });
    const submitted = await w.as.fillerA1.reports.submit.mutate({
      id: r.id,
      expectedVersion: 2,
      comment: '请审核',
    });
    expect(submitted).toMatchObject({ id: r.id, status: 'submitted', permissions: { approve: false } });
    expect(
      (await failure(w.as.reviewerA.reports.return.mutate({ id: r.id, expectedVersion: 2 }))).appCode,
    ).toBe('REASON_REQUIRED');
    await w.as.reviewerA.reports.approve.mutate({ id: r.id, expectedVersion: 2, comment: '通过' });
    await w.as.fillerA1.reports.publish.mutate({ id: r.id, expectedVersion: 2 });
    expect((await failure(w.as.admin.reports.list.query({ limit: 501 }))).appCode).toBe('INVALID_INPUT');
    expect((await w.as.admin.reports.list.query({ limit: 500 })).items.length).toBe(1);
    const openData = await w.as.reviewerA.export.openData.query({
      regionId: w.ids.countyA,
      year: 2024,
      format: 'csv',
    });
    expect(openData).toMatchObject({ extension: 'csv', reports: 1, encoding: 'utf8' });
    expect(openData.fileName).toMatch(/\.csv$/);
    const region = await w.as.reviewerA.export.region.query({
      regionId: w.ids.countyA,
      year: 2024,
      format: 'xlsx',
    });
    expect(region).toMatchObject({ extension: 'xlsx', reports: 1, encoding: 'base64' });
    const md = await w.as.reviewerA.export.report.query({ id: r.id, format: 'md' });
    expect(md.extension).toBe('md');
    // the published version is dated under the signature with the day of its 发布 (the report
    // itself states none)
    const published = (await w.as.reviewerA.reports.get.query({ id: r.id })).publishedOn!;
    expect(r.report.meta.publishedOn).toBeUndefined();
    const [y, m, d] = published.split('-').map(Number);
    expect(md.content).toContain(`${y}年${m}月${d}日`);
    // an older version is not: it was never published as such
    const v1 = await w.as.reviewerA.export.report.query({ id: r.id, version: 1, format: 'md' });
    expect(v1.content).not.toContain(`${y}年${m}月${d}日`);
  });

  it('every appCode the server raises is in the README table of machine codes', () => {
    const table = appCodeTable();
    const codes = thrownAppCodes();
    // The scan finds them (a changed idiom would otherwise pass unseen).
    for (const c of [
      'VERSION_CONFLICT',
      'AGENCY_MISMATCH',
      'IMPORT_UNSUPPORTED_FORMAT',
      'UNSUPPORTED_MEDIA_TYPE',
    ])
      expect(codes.has(c)).toBe(true);
    const missing = [...codes].filter(([c]) => !table.includes(`\`${c}\``)).map(([c, f]) => `${c} (${f})`);
    expect(missing).toEqual([]);
  });

  it('a 415 answers data.path null; the auth.login row states the login limits the code applies', async () => {
    const res = await w.app.request('http://local.test/trpc/reports.save', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: '{}',
    });
    expect(res.status).toBe(415);
    const body = (await res.json()) as { error: { data: Record<string, unknown> } };
    expect(body.error.data).toMatchObject({ appCode: 'UNSUPPORTED_MEDIA_TYPE', path: null });
    expect(appCodeTable()).toMatch(/`UNSUPPORTED_MEDIA_TYPE` \(415[^)]*`data\.path` is `null`/);
    const login = README.split('\n').find((l) => l.startsWith('| `auth.login`'))!;
    expect(login).toContain(`per user name from one address (${DEFAULT_RATE_LIMIT.maxFailures} failures)`);
    expect(login).toContain(
      `per user name from all addresses (${DEFAULT_RATE_LIMIT.maxFailuresPerName} failures; not at addresses where its user logged in within ${DEFAULT_RATE_LIMIT.knownAddressMs! / 86_400_000} days)`,
    );
    expect(login).toContain(
      `per address (${DEFAULT_RATE_LIMIT.maxNamesPerIp} different user names failing, or ${DEFAULT_RATE_LIMIT.maxFailuresPerIp} failures)`,
    );
    expect(DEFAULT_RATE_LIMIT.windowMs).toBe(15 * 60 * 1000);
    expect(login).toContain('in 15 min');
  });

  it('every error a malformed request gets has data.path and an appCode the table lists, never a bare tRPC code', async () => {
    const table = appCodeTable();
    const json = { 'content-type': 'application/json' };
    const requests: [string, RequestInit][] = [
      ['/trpc/auth.login', { method: 'POST', headers: json, body: '{x' }],
      ['/trpc/auth.login,auth.logout?batch=1', { method: 'POST', headers: json, body: '{x' }],
      ['/trpc/auth.login,auth.logout?batch=1', { method: 'POST', headers: json, body: '[1]' }],
      ['/trpc/auth.login,auth.me?batch=1', { method: 'POST', headers: json, body: '{}' }],
      ['/trpc/auth.login', { method: 'GET' }],
      ['/trpc/no.such', { method: 'POST', headers: json, body: '{}' }],
      ['/trpc/reports.save', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' }],
      ['/trpc/reports.save', { method: 'POST', headers: json, body: '{}' }],
    ];
    for (const [url, init] of requests) {
      const res = await w.app.request(`http://local.test${url}`, init);
      const body = (await res.json()) as unknown;
      const errors = (Array.isArray(body) ? body : [body])
        .map((b) => (b as { error?: { data: Record<string, unknown> } }).error?.data)
        .filter((d) => d !== undefined);
      expect(errors.length, url).toBeGreaterThan(0);
      for (const data of errors) {
        expect(data, url).toHaveProperty('path');
        // a machine code of its own (the table names `BAD_REQUEST` only as the tRPC code of core's errors)
        expect(['BAD_REQUEST', 'INTERNAL_SERVER_ERROR'], url).not.toContain(data.appCode);
        expect(table, `${url}: ${String(data.appCode)}`).toContain(`\`${String(data.appCode)}\``);
        expect(String(data.zhMessage), url).toMatch(/[\u4e00-\u9fff]/);
      }
    }
  });
});
