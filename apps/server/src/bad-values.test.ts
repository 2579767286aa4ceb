// Values PostgreSQL cannot take and SQLite takes — a NUL (U+0000) in an id or a user name, a version
// or id beyond 32 bits — were a 500 INTERNAL_SERVER_ERROR on PostgreSQL (22021, 22003) and a
// NOT_FOUND on SQLite. Now the report ids and versions are refused by the input schema on both
// (INVALID_INPUT, the field named), and any such value that reaches PostgreSQL is a 400.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_LABEL, failure, makeWorld, type World } from './test-support/harness.js';

let w: World;
let rid: string;
beforeAll(async () => {
  w = await makeWorld();
  rid = (await w.as.admin.reports.create.mutate({ agencyId: w.ids.agencyA1, year: 2024 })).id;
});
afterAll(async () => w?.cleanup());

const BIG = 2 ** 31;
const answer = async (p: Promise<unknown>) => {
  try {
    await p;
    return { code: 'OK', appCode: 'OK', zhMessage: '' };
  } catch (e) {
    return failure(Promise.reject(e));
  }
};

describe(`values a database cannot take are the caller's mistake, never a 500 (${DB_LABEL})`, () => {
  it('a report id with a NUL, a version beyond 32 bits: INVALID_INPUT, said in Chinese', async () => {
    const a = w.as.admin;
    for (const p of [
      () => a.reports.history.query({ id: 'x\u0000y' }),
      () => a.reports.get.query({ id: '\u0000' }),
      () => a.reports.published.query({ id: '\u0000' }),
      () => a.reports.list.query({ agencyId: '\u0000' }),
      () => a.summary.region.query({ regionId: '\u0000', year: 2024 }),
    ]) {
      const f = await answer(p());
      expect(f).toMatchObject({ code: 'BAD_REQUEST', appCode: 'INVALID_INPUT' });
      expect(f.zhMessage).toContain('编号中有看不见的控制字符 U+0000');
    }
    for (const p of [
      () => a.reports.get.query({ id: rid, version: BIG }),
      () => a.reports.version.query({ id: rid, version: BIG }),
      () => a.reports.diff.query({ id: rid, from: 1, to: BIG }),
      () => a.summary.report.query({ id: rid, version: BIG }),
      () => a.checks.validate.mutate({ id: rid, version: 2 ** 53 - 1 }),
      () => a.export.report.query({ id: rid, version: BIG, format: 'md' }),
      () => a.import.diagnostics.query({ id: rid, version: BIG }),
    ]) {
      const f = await answer(p());
      expect(f).toMatchObject({ code: 'BAD_REQUEST', appCode: 'INVALID_INPUT' });
      expect(f.zhMessage).toContain('版本号不能大于 2147483647');
    }
    expect(await answer(a.audit.list.query({ before: 2 ** 53 - 1 }))).toMatchObject({
      appCode: 'INVALID_INPUT',
    });
    // Within range, a version that does not exist is still NOT_FOUND.
    expect((await answer(a.reports.get.query({ id: rid, version: BIG - 1 }))).appCode).toBe('NOT_FOUND');
  });

  it('any text or number in these inputs: never a 500', async () => {
    const text = fc.oneof(
      fc.string({ maxLength: 20 }),
      fc.string({ maxLength: 5 }).map((s) => `${s}\u0000${s}`),
      fc.constantFrom('', '%', '_'),
    );
    const number = fc.oneof(fc.integer(), fc.constantFrom(BIG, 2 ** 53 - 1, -BIG));
    const a = w.as.admin;
    const calls = [
      (s: string) => w.anon.auth.login.mutate({ username: s || 'x', password: s || 'x' }),
      (s: string) => a.users.unlock.mutate({ id: s }),
      (s: string) => a.users.setDisabled.mutate({ id: s, disabled: false }),
      (s: string) => a.auth.tokens.revoke.mutate({ id: s }),
      (s: string) => a.agencies.get.query({ id: s }),
      (s: string) => a.users.unlockAddress.mutate({ address: s }),
      (s: string) => a.audit.list.query({ action: s }),
      (s: string) => a.checks.triage.mutate({ id: rid, findingKey: s, decision: 'clear' }),
      (_: string, n: number) => a.reports.list.query({ offset: n }),
      (_: string, n: number) => a.reports.corrections.query({ year: n }),
      (_: string, n: number) => a.config.set.mutate({ expectedVersion: n }),
    ];
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: calls.length - 1 }), text, number, async (i, s, n) => {
        const f = await answer(calls[i]!(s, n));
        expect(f.code, `call ${i}`).not.toBe('INTERNAL_SERVER_ERROR');
      }),
      { numRuns: 150 },
    );
  });
});

describe(`a new user name with an invisible character (${DB_LABEL})`, () => {
  it('is refused, the character named (it was stored on SQLite, a name no one can type)', async () => {
    for (const username of ['zhang\u0000', 'li\u202Esi', 'wang\u0007']) {
      const f = await answer(
        w.as.admin.users.create.mutate({
          username,
          displayName: '张三',
          password: 'a-good-password-9',
          role: 'filler',
          agencyId: w.ids.agencyA1,
        }),
      );
      expect(f).toMatchObject({ code: 'BAD_REQUEST', appCode: 'INVALID_INPUT' });
      expect(f.zhMessage).toMatch(/用户名中有看不见的(控制字符|文字方向控制符) U\+/);
    }
  });
});
