import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app.js';
import { createFirstAdmin, parsePort } from './bootstrap.js';
import { DB_LABEL, failure, freshStore, makeClient, type TestStore } from './test-support/harness.js';

let ts: TestStore;
beforeAll(async () => {
  ts = await freshStore();
});
afterAll(async () => {
  await ts?.store.close();
  await ts?.cleanup();
});

describe(`first start without the demo (${DB_LABEL})`, () => {
  it('creates one 管理员 with a generated password, who can then set up agencies and users', async () => {
    const admin = await createFirstAdmin(ts.store);
    expect(admin).toMatchObject({ username: 'admin', generated: true });
    expect(admin!.password.length).toBeGreaterThanOrEqual(16);
    // Once there is a user, never again.
    expect(await createFirstAdmin(ts.store)).toBeNull();
    expect(await createFirstAdmin(ts.store, { password: 'another-password' })).toBeNull();

    const app = createApp(ts.store, { webDir: '/nonexistent' });
    const c = makeClient(app);
    // The generated password is in the console's log: replaced first (mustChangePassword).
    expect(
      (await c.auth.login.mutate({ username: 'admin', password: admin!.password })).mustChangePassword,
    ).toBe(true);
    await c.auth.changePassword.mutate({ current: admin!.password, next: 'admin-own-Pass-1' });
    expect((await c.auth.me.query())?.role).toBe('admin');
    const county = await c.agencies.create.mutate({ parentId: null, name: '某某县人民政府' });
    const town = await c.agencies.create.mutate({ parentId: county.id, name: '某某镇人民政府' });
    expect(town).toMatchObject({ kind: '人民政府', level: '乡镇级' });
    await c.users.create.mutate({
      username: 'mouzhen',
      displayName: '某某镇 填报员',
      password: 'filler-password-1',
      role: 'filler',
      agencyId: town.id,
    });
    const filler = makeClient(app);
    await filler.auth.login.mutate({ username: 'mouzhen', password: 'filler-password-1' });
    const created = await filler.reports.create.mutate({ agencyId: town.id, year: 2025 });
    expect(created.version).toBe(1);
  });

  it('takes the password it is given, and refuses one too short to keep', async () => {
    const other = await freshStore();
    try {
      await expect(createFirstAdmin(other.store, { password: 'short' })).rejects.toThrow('至少 8 位');
      const admin = await createFirstAdmin(other.store, { password: 'given-password-1' });
      expect(admin).toMatchObject({ username: 'admin', password: 'given-password-1', generated: false });
      const c = makeClient(createApp(other.store, { webDir: '/nonexistent' }));
      const wrong = await failure(c.auth.login.mutate({ username: 'admin', password: 'not-it-at-all' }));
      expect(wrong.code).toBe('UNAUTHORIZED');
      await c.auth.login.mutate({ username: 'admin', password: 'given-password-1' });
      expect((await c.auth.me.query())?.username).toBe('admin');
    } finally {
      await other.store.close();
      await other.cleanup();
    }
  });
});

describe('PORT', () => {
  it('a whole number up to 65535 is the port (8787 unset); anything else stops the start, saying 1–65535', () => {
    expect(parsePort(undefined)).toBe(8787);
    expect(parsePort(' ')).toBe(8787);
    fc.assert(fc.property(fc.integer({ min: 1, max: 65535 }), (n) => parsePort(` ${n} `) === n));
    const wrong = fc.oneof(
      fc.string().filter((t) => t.trim() !== '' && !/^\d+$/.test(t.trim())),
      fc.integer({ min: 65536 }).map(String),
      fc.constantFrom('abc', '80.5', '-1', '8787a', '１２３', '0x50', '1e3'),
    );
    fc.assert(
      fc.property(wrong, (t) => {
        expect(() => parsePort(t)).toThrow(`PORT 无效：${t}（应为 1–65535 之间的整数端口号，如 PORT=8787）`);
      }),
    );
  });
});
