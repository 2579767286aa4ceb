import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_LABEL, failure, makeWorld, type World } from './test-support/harness.js';

/**
 * What an integrator feeding the API from their own system got wrong, and what the server answered
 * (a QA pass over HTTP as a province's contractor): each answer a JSON error with its code, in
 * 简体中文, naming the field as that procedure calls it.
 */
let w: World;
beforeAll(async () => {
  w = await makeWorld();
});
afterAll(async () => w?.cleanup());

const cookieOf = (c: World['as']['admin']) => [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ');

type ErrorBody = {
  error: { message: string; data: Record<string, unknown> & { appCode: string; zhMessage: string } };
};

describe(`integrator mistakes (${DB_LABEL})`, () => {
  it('an error refused before any call is read is JSON by its Content-Type too, not text/plain', async () => {
    const cookie = cookieOf(w.as.fillerA1);
    // A body sent as text/plain: tRPC's own 415 (after our message) came as text/plain; charset=UTF-8.
    const plain = await w.app.request('http://local.test/trpc/reports.create', {
      method: 'POST',
      headers: { cookie, 'content-type': 'text/plain' },
      body: '{}',
    });
    expect(plain.status).toBe(415);
    expect(plain.headers.get('content-type')).toMatch(/^application\/json/);
    expect(((await plain.json()) as ErrorBody).error.data.appCode).toBe('UNSUPPORTED_MEDIA_TYPE');
    // A batch mixing a query and a mutation, refused whole.
    const mixed = await w.app.request('http://local.test/trpc/reports.list,reports.create?batch=1', {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ 0: {}, 1: {} }),
    });
    expect(mixed.status).toBe(400);
    expect(mixed.headers.get('content-type')).toMatch(/^application\/json/);
    expect(((await mixed.json()) as ErrorBody).error.data).toMatchObject({
      appCode: 'INVALID_INPUT',
      zhMessage: '同一个批量请求中不能既有查询又有修改操作：请分开发送',
    });
  });

  it('PUT, DELETE or PATCH is METHOD_NOT_SUPPORTED (405) with or without a JSON body, never 415', async () => {
    const cookie = cookieOf(w.as.fillerA1);
    for (const method of ['PUT', 'DELETE', 'PATCH']) {
      for (const withBody of [false, true]) {
        const res = await w.app.request('http://local.test/trpc/reports.list', {
          method,
          headers: withBody ? { cookie, 'content-type': 'application/json' } : { cookie },
          ...(withBody ? { body: '{}' } : {}),
        });
        expect(res.status, `${method} ${withBody ? 'with' : 'without'} a body`).toBe(405);
        expect(res.headers.get('content-type')).toMatch(/^application\/json/);
        const body = (await res.json()) as ErrorBody;
        expect(body.error.data).toMatchObject({
          appCode: 'METHOD_NOT_SUPPORTED',
          path: 'reports.list',
          zhMessage: `“reports.list”是查询，请用 GET 或 POST（收到 ${method}）`,
        });
      }
    }
    const del = await w.app.request('http://local.test/trpc/reports.save', {
      method: 'DELETE',
      headers: { cookie },
    });
    expect(((await del.json()) as ErrorBody).error.data.zhMessage).toBe(
      '“reports.save”是修改操作，请用 POST（收到 DELETE）',
    );
  });

  it('HEAD answers as GET would, without the body: 404 for a procedure that does not exist, never a bare 204', async () => {
    const cookie = cookieOf(w.as.fillerA1);
    const input = `?input=${encodeURIComponent(JSON.stringify({ year: 2025 }))}`;
    for (const [url, headers, status] of [
      ['/trpc/reports.nothing', { cookie }, 404], // no such procedure (tRPC said 204 to any HEAD)
      ['/trpc/no.such.thing', {}, 404],
      [`/trpc/reports.list${input}`, { cookie }, 200], // a real query
      [`/trpc/reports.list${input}`, {}, 401], // without a login
      ['/trpc/reports.save', { cookie }, 405], // a mutation, which GET cannot call
    ] as const) {
      const get = await w.app.request(`http://local.test${url}`, { headers });
      const head = await w.app.request(`http://local.test${url}`, { method: 'HEAD', headers });
      expect(get.status, `GET ${url}`).toBe(status);
      expect(head.status, `HEAD ${url}`).toBe(status);
      expect(head.headers.get('content-type'), `HEAD ${url}`).toBe(get.headers.get('content-type'));
      expect(await head.text(), `HEAD ${url}`).toBe('');
      expect((await get.text()).length).toBeGreaterThan(0);
    }
  });

  it('a field is named as its procedure calls it: a token’s name is no 机关名称, an upload’s kind no 机关类别', async () => {
    const long = await failure(w.as.fillerA1.auth.tokens.create.mutate({ name: 'a'.repeat(101) }));
    expect(long.appCode).toBe('INVALID_INPUT');
    expect(long.zhMessage).toBe('请求参数有误：令牌名称：最多 100 个字符');
    const empty = await failure(w.as.fillerA1.auth.tokens.create.mutate({ name: '' }));
    expect(empty.zhMessage).toBe('请求参数有误：请填写令牌名称');
    const kind = await failure(
      w.as.fillerA1.import.preview.mutate({
        agencyId: w.ids.agencyA1,
        content: 'x',
        encoding: 'utf8',
        kind: 'doc' as never,
      }),
    );
    expect(kind.appCode).toBe('INVALID_INPUT');
    expect(kind.zhMessage).toMatch(/^请求参数有误：文件类型：应为以下之一/);
    expect(kind.zhMessage).not.toContain('机关类别');
    // An agency's own fields keep their labels.
    const agencyKind = await failure(
      w.as.admin.agencies.create.mutate({
        parentId: w.ids.countyA,
        name: '甲县水利局',
        kind: '部门' as never,
      }),
    );
    expect(agencyKind.zhMessage).toMatch(/^请求参数有误：机关类别：应为以下之一/);
  });

  it('summary.region refuses an exclude id of no report of the region and year, as export.region does', async () => {
    const r = await w.as.fillerA1.reports.create.mutate({ agencyId: w.ids.agencyA1, year: 2028 });
    await w.as.fillerA1.reports.submit.mutate({ id: r.id });
    const r2 = await w.as.fillerA2.reports.create.mutate({ agencyId: w.ids.agencyA2, year: 2028 });
    await w.as.fillerA2.reports.submit.mutate({ id: r2.id });
    const ok = await w.as.reviewerA.summary.region.query({
      regionId: w.ids.countyA,
      year: 2028,
      exclude: [r.id],
    });
    expect(ok.excluded.map((e) => e.reportId)).toEqual([r.id]);
    for (const exclude of [['no-such-report'], [r.id, 'no-such-report']]) {
      const e = await failure(
        w.as.reviewerA.summary.region.query({ regionId: w.ids.countyA, year: 2028, exclude }),
      );
      expect(e).toMatchObject({
        code: 'BAD_REQUEST',
        appCode: 'EXCLUDE_UNKNOWN',
        details: { unknown: ['no-such-report'] },
      });
      expect(e.zhMessage).toBe(
        '要排除的报告中有 1 份不是甲县人民政府 2028 年度的报告（no-such-report），未汇总：请检查排除的报告编号',
      );
    }
    // The same report of another year, or another region's report, is no report of this roll-up either.
    const other = await failure(
      w.as.reviewerA.summary.region.query({ regionId: w.ids.countyA, year: 2027, exclude: [r.id] }),
    );
    expect(other.appCode).toBe('EXCLUDE_UNKNOWN');
  });

  it('config.set with a version the configuration never had says so, not 「已被…于 刚才 修改」', async () => {
    const { version } = await w.as.admin.config.get.query();
    const e = await failure(w.as.admin.config.set.mutate({ rules: {}, expectedVersion: version + 5 }));
    expect(e).toMatchObject({ code: 'CONFLICT', appCode: 'CONFIG_CONFLICT' });
    expect(e.details).toMatchObject({ currentVersion: version, expectedVersion: version + 5 });
    expect(e.zhMessage).toBe(
      `规则配置还没有第 ${version + 5} 版（当前为第 ${version} 版），您的修改未保存：expectedVersion 应为您载入规则配置时的版本号（config.get 的 version）`,
    );
    expect(e.zhMessage).not.toContain('刚才');
  });

  it('an agency name with an invisible character (zero-width space, soft hyphen) is the agency already there', async () => {
    // 「甲县\u200B交通运输局」 showed as 甲县交通运输局 and was created beside it: a second agency of
    // the same name, its reports apart from the first's.
    for (const name of ['甲县\u200B交通运输局', '甲县交通\u00AD运输局', '\u2060甲县交通运输局\u200D']) {
      const e = await failure(w.as.admin.agencies.create.mutate({ parentId: w.ids.countyA, name }));
      expect(e.appCode, JSON.stringify(name)).toBe('AGENCY_EXISTS');
      expect(e.details).toMatchObject({ id: w.ids.agencyA1 });
    }
    const made = await w.as.admin.agencies.create.mutate({
      parentId: w.ids.countyA,
      name: '甲县水\u200B利局',
    });
    expect(made.name).toBe('甲县水利局');
    const renamed = await w.as.admin.agencies.edit.mutate({ id: made.id, name: '甲县水务\u00AD局' });
    expect(renamed.name).toBe('甲县水务局');
    await w.as.admin.agencies.remove.mutate({ id: made.id });
    const none = await failure(
      w.as.admin.agencies.create.mutate({ parentId: w.ids.countyA, name: '\u200B\u00AD' }),
    );
    expect(none).toMatchObject({ appCode: 'INVALID_INPUT', zhMessage: '请求参数有误：机关名称不能为空' });
  });

  it('a cell keyed __proto__ in a saved report is refused as no cell id, not dropped with the save answered ok', async () => {
    const { id, version, report } = await w.as.fillerA1.reports.create.mutate({
      agencyId: w.ids.agencyA1,
      year: 2024,
    });
    // As an integrator's JSON carries it (a serializer that writes whatever keys it was given).
    const body = JSON.stringify({ id, expectedVersion: version, report }).replace(
      '"cells":{',
      '"cells":{"__proto__":{"value":7},',
    );
    const res = await w.app.request('http://local.test/trpc/reports.save', {
      method: 'POST',
      headers: { cookie: cookieOf(w.as.fillerA1), 'content-type': 'application/json' },
      body,
    });
    expect(res.status).toBe(400);
    const data = ((await res.json()) as ErrorBody).error.data;
    expect(data.appCode).toBe('INVALID_INPUT');
    expect(data.zhMessage).toContain('单元格 __proto__：不是有效的单元格编号');
    expect((await w.as.fillerA1.reports.get.query({ id })).version).toBe(version);
  });

  it('an agency id with a NUL is INVALID_INPUT naming the character, not AGENCY_MISMATCH echoing it', async () => {
    const { id, version, report } = await w.as.fillerA1.reports.create.mutate({
      agencyId: w.ids.agencyA1,
      year: 2025,
    });
    const bad = {
      ...report,
      meta: { ...report.meta, agency: { ...report.meta.agency, id: `${w.ids.agencyA1}\u0000` } },
    };
    const e = await failure(w.as.fillerA1.reports.save.mutate({ id, expectedVersion: version, report: bad }));
    expect(e).toMatchObject({ code: 'BAD_REQUEST', appCode: 'INVALID_INPUT' });
    expect(e.message).toContain('机关编号中有空格或看不见的字符 U+0000');
    expect(e.message).not.toContain('\u0000');
  });

  it('the downloads take GET only: another method is a 405 in the API’s error shape, not a bare 「未找到」', async () => {
    const cookie = cookieOf(w.as.reviewerA);
    for (const [url, path] of [
      [`/export/opendata?regionId=${w.ids.countyA}&year=2028`, 'export.openData'],
      [`/export/findings?regionId=${w.ids.countyA}&year=2028`, 'export.findings'],
    ] as const) {
      for (const method of ['POST', 'PUT', 'DELETE']) {
        const res = await w.app.request(`http://local.test${url}`, { method, headers: { cookie } });
        expect(res.status, `${method} ${url}`).toBe(405);
        expect(res.headers.get('allow')).toBe('GET');
        expect(res.headers.get('content-type')).toMatch(/^application\/json/);
        const body = (await res.json()) as ErrorBody;
        expect(body.error.data).toMatchObject({
          code: 'METHOD_NOT_SUPPORTED',
          httpStatus: 405,
          appCode: 'METHOD_NOT_SUPPORTED',
          path,
          zhMessage: `${url.split('?')[0]} 是下载地址，请用 GET（收到 ${method}）`,
        });
      }
    }
    // The 问题清单's own refusals say how many issues there are, as every INVALID_INPUT does.
    const both = await w.app.request(`http://local.test/export/findings?reportId=x&year=2028`, {
      headers: { cookie },
    });
    expect(both.status).toBe(400);
    expect(((await both.json()) as ErrorBody).error.data).toMatchObject({
      appCode: 'INVALID_INPUT',
      details: { issues: [{ path: 'year' }], issueCount: 1 },
    });
  });
});
