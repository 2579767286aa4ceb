import { randomUUID } from 'node:crypto';
import { createEmptyReport, exampleReport, type Report } from '@nianbao/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPEN_DATA_INLINE_MAX_REPORTS } from './routers/io.js';
import { insertVersion } from './store.js';
import { DB_LABEL, failure, makeWorld, type World } from './test-support/harness.js';

let w: World;
const YEAR = 2023;
beforeAll(async () => {
  w = await makeWorld();
  // 甲县: two reports of 2023 handed in, one a draft.
  for (const agencyId of [w.ids.agencyA1, w.ids.agencyA2, w.ids.countyA]) {
    const r = await w.as.admin.reports.create.mutate({ agencyId, year: YEAR });
    const e = exampleReport({ year: YEAR, agency: r.report.meta.agency });
    await w.as.admin.reports.save.mutate({
      id: r.id,
      expectedVersion: 1,
      report: { ...e, meta: { ...e.meta, agency: r.report.meta.agency } },
    });
    if (agencyId !== w.ids.countyA) await w.as.admin.reports.submit.mutate({ id: r.id });
  }
});
afterAll(async () => w?.cleanup());

const cookieOf = (c: World['as']['admin']) => [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
const download = async (query: string, headers: Record<string, string> = {}): Promise<Response> =>
  w.app.request(`/export/opendata?${query}`, { headers });
/** The body as sent, its BOM kept (Response.text() drops it). */
const bytesText = async (res: Response) =>
  new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());

/** Resolves after `n` turns of the event loop. */
const turns = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
};

describe(`GET /export/opendata: the open-data file streamed (${DB_LABEL})`, () => {
  it('is export.openData’s file byte for byte, as an attachment of the same name, with the session cookie', async () => {
    for (const format of ['csv', 'json'] as const) {
      const inline = await w.as.reviewerA.export.openData.query({
        regionId: w.ids.countyA,
        year: YEAR,
        format,
      });
      expect(inline.reports).toBe(2);
      const res = await download(`regionId=${w.ids.countyA}&year=${YEAR}&format=${format}`, {
        cookie: cookieOf(w.as.reviewerA),
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(inline.mime);
      expect(res.headers.get('x-report-count')).toBe('2');
      const disposition = res.headers.get('content-disposition')!;
      expect(disposition).toMatch(/^attachment; /);
      expect(decodeURIComponent(disposition.split("filename*=UTF-8''")[1]!)).toBe(inline.fileName);
      expect(await bytesText(res)).toBe(inline.content);
    }
    // statuses as export.openData takes them: the draft too.
    const all = await w.as.reviewerA.export.openData.query({
      regionId: w.ids.countyA,
      year: YEAR,
      format: 'csv',
      statuses: ['draft', 'submitted'],
    });
    expect(all.reports).toBe(3);
    const res = await download(`regionId=${w.ids.countyA}&year=${YEAR}&format=csv&statuses=draft,submitted`, {
      cookie: cookieOf(w.as.reviewerA),
    });
    expect(res.headers.get('x-report-count')).toBe('3');
    expect(await bytesText(res)).toBe(all.content);
  });

  it('takes an API token; refuses as export.openData does, with its JSON errors', async () => {
    const { token } = await w.as.reviewerA.auth.tokens.create.mutate({ name: '开放数据' });
    const ok = await download(`regionId=${w.ids.countyA}&year=${YEAR}&format=json`, {
      authorization: `Bearer ${token}`,
    });
    expect(ok.status).toBe(200);
    expect(JSON.parse(await ok.text())).toHaveLength(400);
    const err = async (res: Response) => ({ status: res.status, ...((await res.json()) as any).error.data });
    expect(await err(await download(`regionId=${w.ids.countyA}&year=${YEAR}`))).toMatchObject({
      status: 401,
      appCode: 'UNAUTHENTICATED',
    });
    // Another county's reviewer learns nothing of 甲县.
    expect(
      await err(
        await download(`regionId=${w.ids.countyA}&year=${YEAR}`, { cookie: cookieOf(w.as.reviewerB) }),
      ),
    ).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect(
      await err(
        await download(`regionId=${w.ids.countyA}&year=abc&format=csv`, { cookie: cookieOf(w.as.reviewerA) }),
      ),
    ).toMatchObject({ status: 400, appCode: 'INVALID_INPUT' });
    expect(
      await err(
        await download(`regionId=${w.ids.countyA}&year=${YEAR}&format=xml`, {
          cookie: cookieOf(w.as.reviewerA),
        }),
      ),
    ).toMatchObject({ status: 400, appCode: 'INVALID_INPUT' });
  });

  it('a parameter it does not take is refused by name (UNKNOWN_PARAMETER), never ignored for a default', async () => {
    const cookie = cookieOf(w.as.reviewerA);
    const err = async (res: Response) => ({ status: res.status, ...((await res.json()) as any).error.data });
    // `fromat` ignored gave the CSV where JSON was asked, `status` every status where one was asked.
    const typo = await err(await download(`regionId=${w.ids.countyA}&year=${YEAR}&fromat=json`, { cookie }));
    expect(typo).toMatchObject({
      status: 400,
      code: 'BAD_REQUEST',
      appCode: 'UNKNOWN_PARAMETER',
      path: 'export.openData',
      zhMessage:
        '/export/opendata 不认识参数 “fromat”（是否应为 format？）：可用的参数为 regionId、year、format、statuses',
      details: {
        parameters: ['fromat'],
        accepted: ['regionId', 'year', 'format', 'statuses'],
        suggestions: { fromat: 'format' },
      },
    });
    const several = await err(
      await download(`regionId=${w.ids.countyA}&year=${YEAR}&status=published&yaer=2020&q=县`, { cookie }),
    );
    expect(several).toMatchObject({ status: 400, appCode: 'UNKNOWN_PARAMETER' });
    expect(several.details.parameters).toEqual(['status', 'yaer', 'q']);
    expect(several.zhMessage).toContain('“status”（是否应为 statuses？）、“yaer”（是否应为 year？）、“q”：');
    // Said after the login is checked, as every input error: no login is still 401.
    expect(await err(await download(`regionId=${w.ids.countyA}&year=${YEAR}&fromat=json`))).toMatchObject({
      status: 401,
      appCode: 'UNAUTHENTICATED',
    });
    // The parameters it takes still work, statuses repeated or comma-separated.
    const ok = await download(`regionId=${w.ids.countyA}&year=${YEAR}&format=json&statuses=submitted`, {
      cookie,
    });
    expect(ok.status).toBe(200);
  });

  it('a year without such reports is NO_OPEN_DATA, not an empty file — inline and streamed', async () => {
    const e = await failure(
      w.as.reviewerA.export.openData.query({ regionId: w.ids.countyA, year: 2030, format: 'csv' }),
    );
    expect(e).toMatchObject({ code: 'NOT_FOUND', appCode: 'NO_OPEN_DATA' });
    expect(e.message).toBe(
      '甲县人民政府在 2030 年度没有“已提交”、“已通过”、“已发布”的报告，没有可导出的开放数据',
    );
    // Open data of what was published (the web's 导出开放数据): why there is nothing.
    const published = await failure(
      w.as.reviewerA.export.openData.query({
        regionId: w.ids.countyA,
        year: YEAR,
        format: 'csv',
        statuses: ['published'],
      }),
    );
    expect(published).toMatchObject({ code: 'NOT_FOUND', appCode: 'NO_OPEN_DATA' });
    expect(published.message).toBe('甲县人民政府2023年度还没有已发布的报告：开放数据只包括已发布的报告');
    const res = await download(`regionId=${w.ids.countyA}&year=2030&format=csv`, {
      cookie: cookieOf(w.as.reviewerA),
    });
    expect(res.status).toBe(404);
    expect(((await res.json()) as any).error.data.appCode).toBe('NO_OPEN_DATA');
  });

  it('a region too large for one answer is refused inline (pointing to the download), streamed in full, others answered meanwhile', async () => {
    // 乙县 gets more agencies with a report of the year than export.openData builds in memory.
    const db = w.ts.store.db;
    const county = await db
      .selectFrom('agencies')
      .selectAll()
      .where('id', '=', w.ids.countyB)
      .executeTakeFirstOrThrow();
    const n = OPEN_DATA_INLINE_MAX_REPORTS + 1;
    const t = new Date().toISOString();
    const adminId = (
      await db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow()
    ).id;
    await db.transaction().execute(async (tx) => {
      for (let i = 0; i < n; i++) {
        const id = randomUUID();
        const name = `乙县第${String(i).padStart(3, '0')}局`;
        await tx
          .insertInto('agencies')
          .values({
            id,
            parent_id: county.id,
            path: `${county.path}${id}/`,
            name,
            kind: '政府部门',
            level: '县级',
            region_code: null,
            created_at: t,
          })
          .execute();
        const reportId = randomUUID();
        const report: Report = createEmptyReport({
          year: YEAR,
          agency: { id, name, kind: '政府部门', level: '县级' },
        });
        await tx
          .insertInto('reports')
          .values({
            id: reportId,
            agency_id: id,
            year: YEAR,
            edition: report.meta.edition,
            status: 'submitted',
            current_version: 1,
            published_version: null,
            review_comment: null,
            errors: 0,
            cross_year: 0,
            warnings: 0,
            infos: 0,
            dismissed_errors: 0,
            published_on: null,
            created_at: t,
            updated_at: t,
          })
          .execute();
        await insertVersion(tx, {
          reportId,
          version: 1,
          report,
          authorId: adminId,
          kind: 'create',
          status: 'submitted',
        });
      }
    });
    const e = await failure(
      w.as.reviewerB.export.openData.query({ regionId: w.ids.countyB, year: YEAR, format: 'csv' }),
    );
    expect(e).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', appCode: 'OPEN_DATA_TOO_LARGE' });
    expect(e.details).toMatchObject({
      reports: n,
      maxReports: OPEN_DATA_INLINE_MAX_REPORTS,
      downloadUrl: `/export/opendata?regionId=${w.ids.countyB}&year=${YEAR}&format=csv`,
    });
    expect(e.message).toContain('/export/opendata?');

    const order: string[] = [];
    const streamed = download(`regionId=${w.ids.countyB}&year=${YEAR}&format=csv`, {
      cookie: cookieOf(w.as.reviewerB),
    }).then(async (res) => {
      const text = await res.text();
      order.push('download');
      return text;
    });
    await turns(3);
    await w.as.fillerA1.reports.list.query({ year: YEAR });
    order.push('list');
    const text = await streamed;
    // Another user did not wait for the whole file.
    expect(order).toEqual(['list', 'download']);
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(1 + n * 200);
    const reports = new Set(lines.slice(1).map((l) => l.split(',')[16]));
    expect(reports.size).toBe(n);
  }, 60_000);
});
