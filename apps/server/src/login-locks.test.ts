// A whole office behind one NAT address (or every user behind a proxy without NIANBAO_TRUST_PROXY)
// shares one client address: its lock says so, an admin sees and lifts it, and one person's typos do
// not bring it about.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addressKey } from './auth.js';
import { DB_LABEL, failure, makeClient, makeWorld, type World } from './test-support/harness.js';

let w: World;
beforeAll(async () => {
  w = await makeWorld({
    trustProxy: true,
    rateLimit: { maxFailures: 3, maxFailuresPerIp: 12, maxNamesPerIp: 3, windowMs: 60_000 },
  });
});
afterAll(async () => w?.cleanup());

/** A client behind the proxy, seen at `address`. */
const from = (address: string) => makeClient(w.app, { headers: { 'x-forwarded-for': address } });

describe(`login locks by client address (${DB_LABEL})`, () => {
  it('typos of people who then log in do not lock their office’s address', async () => {
    const office = '198.51.100.7';
    // Four people, each two wrong passwords then the right one; a fifth mistypes their user name.
    for (const name of ['fillerA1', 'fillerA2', 'reviewerA', 'fillerB1']) {
      for (let i = 0; i < 2; i++)
        expect(
          (await failure(from(office).auth.login.mutate({ username: name, password: `typo-${i}` }))).appCode,
        ).toBe('INVALID_CREDENTIALS');
      await from(office).auth.login.mutate({ username: name, password: w.password });
    }
    await failure(from(office).auth.login.mutate({ username: 'filerA1', password: w.password }));
    await from(office).auth.login.mutate({ username: 'reviewerB', password: w.password });
    expect((await w.as.admin.users.addressLocks.query()).items).toEqual([]);
  });

  it('many user names failing from one address lock it: said as this address, listed for admins, lifted by one', async () => {
    const nat = '203.0.113.9';
    for (const name of ['zhang', 'wang', 'li'])
      await failure(from(nat).auth.login.mutate({ username: name, password: 'Spring2026!' }));
    // The admin's right password from that address is refused too (a guesser could hold it), and told why.
    const refused = await failure(from(nat).auth.login.mutate({ username: 'admin', password: w.password }));
    expect(refused).toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      appCode: 'LOGIN_RATE_LIMITED',
      httpStatus: 429,
    });
    expect(refused.details).toMatchObject({ scope: 'address', address: nat });
    expect(Number(refused.details.retryAfterSeconds)).toBeGreaterThan(0);
    expect(refused.zhMessage).toContain(`从本网络地址（${nat}）的登录已暂停`);
    expect(refused.zhMessage).toContain('解除此地址的锁定');
    // Another address is not affected.
    await from('203.0.113.10').auth.login.mutate({ username: 'admin', password: w.password });

    // The account is not locked (users.list says nothing of it): the address is.
    expect((await w.as.admin.users.list.query()).every((u) => u.lockedUntil === null)).toBe(true);
    const { items, trustProxy } = await w.as.admin.users.addressLocks.query();
    expect(trustProxy).toBe(true);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ address: nat, failures: 3, userNames: 3 });
    expect(Date.parse(items[0]!.lockedUntil)).toBeGreaterThan(Date.now() + 50_000);
    // The user names tried are not told.
    expect(JSON.stringify(items)).not.toContain('zhang');
    expect((await failure(w.as.reviewerA.users.addressLocks.query())).appCode).toBe('ADMIN_ONLY');
    expect((await failure(w.as.reviewerA.users.unlockAddress.mutate({ address: nat }))).appCode).toBe(
      'ADMIN_ONLY',
    );

    expect(await w.as.admin.users.unlockAddress.mutate({ address: nat })).toEqual({
      ok: true,
      wasLocked: true,
    });
    expect((await w.as.admin.users.addressLocks.query()).items).toEqual([]);
    await from(nat).auth.login.mutate({ username: 'admin', password: w.password });
    expect(
      (await w.as.admin.audit.list.query({ action: 'users.unlockAddress', limit: 1 })).items[0],
    ).toMatchObject({
      actor: 'admin',
      targetType: 'address',
      target: nat,
      details: { wasLockedUntil: items[0]!.lockedUntil, failures: 3, userNames: 3 },
    });
    expect(await w.as.admin.users.unlockAddress.mutate({ address: nat })).toEqual({
      ok: true,
      wasLocked: false,
    });
  });

  it('a limit across user names per address still holds: one name’s failures lock the account, many the address', async () => {
    const x = await makeWorld({
      trustProxy: true,
      rateLimit: { maxFailures: 3, maxFailuresPerIp: 8, maxNamesPerIp: 100, windowMs: 60_000 },
    });
    try {
      const guesser = '192.0.2.50';
      const at = () => makeClient(x.app, { headers: { 'x-forwarded-for': guesser } });
      // Three failures on one name: the account's lock (scope user), not the address's.
      for (let i = 0; i < 3; i++)
        await failure(at().auth.login.mutate({ username: 'fillerA1', password: `g${i}` }));
      const user = await failure(at().auth.login.mutate({ username: 'fillerA1', password: x.password }));
      expect(user.details).toMatchObject({ scope: 'user' });
      expect(user.details.address).toBeUndefined();
      expect(user.zhMessage).toContain('用户名“fillerA1”已暂停登录');
      expect((await x.as.admin.users.addressLocks.query()).items).toEqual([]);
      // Eight failures from the address in all, whatever the names: the address's lock.
      for (let i = 0; i < 3; i++)
        await failure(at().auth.login.mutate({ username: 'fillerA2', password: `g${i}` }));
      await failure(at().auth.login.mutate({ username: 'fillerB1', password: 'g0' }));
      expect((await x.as.admin.users.addressLocks.query()).items).toEqual([]);
      await failure(at().auth.login.mutate({ username: 'fillerB1', password: 'g1' }));
      expect((await x.as.admin.users.addressLocks.query()).items).toMatchObject([
        { address: guesser, failures: 8, userNames: 3 },
      ]);
      expect(
        (await failure(at().auth.login.mutate({ username: 'reviewerB', password: x.password }))).details,
      ).toMatchObject({ scope: 'address', address: guesser });
    } finally {
      await x.cleanup();
    }
  });

  it('a locked loopback or private address is logged with the NIANBAO_TRUST_PROXY hint', async () => {
    const lines: string[] = [];
    const x = await makeWorld({
      log: (l) => lines.push(l),
      rateLimit: { maxFailures: 100, maxFailuresPerIp: 2, windowMs: 60_000 },
    });
    try {
      // Without NIANBAO_TRUST_PROXY, every client is the connection's address (here the process itself).
      for (const name of ['a1', 'a2'])
        await failure(makeClient(x.app).auth.login.mutate({ username: name, password: 'x' }));
      const f = await failure(
        makeClient(x.app).auth.login.mutate({ username: 'admin', password: x.password }),
      );
      expect(f.details.scope).toBe('address');
    } finally {
      await x.cleanup();
    }
    const refused = lines.find((l) => l.includes('登录被拒'))!;
    expect(refused).toContain('此地址登录失败过多');
    expect(refused).toContain('请设 NIANBAO_TRUST_PROXY=1');
  });
});

describe(`a user name's lock is per address; failures from elsewhere do not lock the user out of their usual one (${DB_LABEL})`, () => {
  it('someone guessing a user’s password elsewhere: locked there, the user still logs in; many addresses lock the name but at its usual ones', async () => {
    const x = await makeWorld({
      trustProxy: true,
      rateLimit: {
        maxFailures: 3,
        maxFailuresPerName: 6,
        maxFailuresPerIp: 100,
        maxNamesPerIp: 100,
        windowMs: 60_000,
      },
    });
    try {
      const at = (address: string) => makeClient(x.app, { headers: { 'x-forwarded-for': address } });
      const office = '198.51.100.20';
      const login = (address: string, password = x.password) =>
        at(address).auth.login.mutate({ username: 'fillerA1', password });
      await login(office);

      // Three wrong passwords from one address: the name is locked there (said so), nowhere else.
      const guesser = '203.0.113.50';
      for (let i = 0; i < 3; i++) await failure(login(guesser, `guess-${i}`));
      const there = await failure(login(guesser));
      expect(there).toMatchObject({ appCode: 'LOGIN_RATE_LIMITED', httpStatus: 429 });
      expect(there.details).toMatchObject({ scope: 'user', reach: 'this-address' });
      expect(there.zhMessage).toContain('用户名“fillerA1”已暂停登录（从本网络地址）');
      // the 管理员's list says how far: at some address only, not the user's account everywhere
      const listed = async () =>
        (await x.as.admin.users.list.query()).find((u) => u.username === 'fillerA1')!;
      expect(await listed()).toMatchObject({ lockedReach: 'some-addresses' });
      expect(Date.parse((await listed()).lockedUntil!)).toBeGreaterThan(Date.now());
      await login(office);
      await login('192.0.2.77'); // a new address: three failures in all do not lock the name

      // Three more from another address: six in all lock the name — from a new address too …
      for (let i = 0; i < 3; i++) await failure(login('203.0.113.51', `guess-${i}`));
      const elsewhere = await failure(login('192.0.2.78'));
      expect(elsewhere.details).toMatchObject({ scope: 'user', reach: 'all-addresses' });
      expect(elsewhere.zhMessage).toContain('从您以前成功登录过的网络仍可登录');
      // … but not from the addresses the user logged in from.
      await login(office);
      await login('192.0.2.77');
      // The user's login did not give the guessers a fresh count.
      expect((await failure(login('192.0.2.79'))).details).toMatchObject({ reach: 'all-addresses' });
      // The 管理员 sees the lock (from everywhere now) and lifts it.
      const row = await listed();
      expect(Date.parse(row.lockedUntil!)).toBeGreaterThan(Date.now());
      expect(row.lockedReach).toBe('all-addresses');
      expect(await x.as.admin.users.unlock.mutate({ id: row.id })).toEqual({ ok: true, wasLocked: true });
      await login('192.0.2.79');
      await login(guesser);

      // Guessing from the usual address is throttled as anywhere: three failures lock the name there.
      for (let i = 0; i < 3; i++) await failure(login(office, `typo-${i}`));
      expect((await failure(login(office))).details).toMatchObject({ scope: 'user', reach: 'this-address' });
    } finally {
      await x.cleanup();
    }
  });
});

describe(`login locks, for any run of failures from elsewhere (${DB_LABEL})`, () => {
  it('the user logs in from their usual address; no other address gets more than maxFailures tries at the name', async () => {
    const maxFailures = 2;
    const x = await makeWorld({
      trustProxy: true,
      rateLimit: {
        maxFailures,
        maxFailuresPerName: 5,
        maxFailuresPerIp: 1000,
        maxNamesPerIp: 1000,
        windowMs: 60_000,
      },
    });
    try {
      const at = (address: string) => makeClient(x.app, { headers: { 'x-forwarded-for': address } });
      const office = '198.51.100.30';
      await at(office).auth.login.mutate({ username: 'fillerB1', password: x.password });
      const id = (await x.as.admin.users.list.query()).find((u) => u.username === 'fillerB1')!.id;
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 10 }),
          async (from) => {
            await x.as.admin.users.unlock.mutate({ id });
            const tries = new Map<string, number>();
            for (const n of from) {
              const address = `203.0.113.${n}`;
              const f = await failure(
                at(address).auth.login.mutate({ username: 'fillerB1', password: 'guess' }),
              );
              if (f.appCode === 'INVALID_CREDENTIALS') tries.set(address, (tries.get(address) ?? 0) + 1);
              else expect(f.appCode).toBe('LOGIN_RATE_LIMITED');
            }
            for (const n of tries.values()) expect(n).toBeLessThanOrEqual(maxFailures);
            await at(office).auth.login.mutate({ username: 'fillerB1', password: x.password });
          },
        ),
        { numRuns: 12 },
      );
    } finally {
      await x.cleanup();
    }
  });
});

describe(`guesses sent at once (${DB_LABEL})`, () => {
  it('a burst of parallel guesses gets no more password checks than the limit; a right password is not counted', async () => {
    const x = await makeWorld({
      trustProxy: true,
      rateLimit: { maxFailures: 3, maxFailuresPerIp: 100, maxNamesPerIp: 100, windowMs: 60_000 },
    });
    try {
      const at = (address: string) => makeClient(x.app, { headers: { 'x-forwarded-for': address } });
      // Each attempt was checked against the failures recorded so far, none yet: all 30 were tried.
      const got = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          failure(at('203.0.113.77').auth.login.mutate({ username: 'fillerA1', password: `guess-${i}` })),
        ),
      );
      const checked = got.filter((f) => f.appCode === 'INVALID_CREDENTIALS').length;
      expect(checked).toBe(3);
      expect(got.filter((f) => f.appCode === 'LOGIN_RATE_LIMITED')).toHaveLength(27);
      expect(
        (await failure(at('203.0.113.77').auth.login.mutate({ username: 'fillerA1', password: x.password })))
          .appCode,
      ).toBe('LOGIN_RATE_LIMITED');
      // Refused attempts were not counted: three failures, from that address only.
      await at('198.51.100.1').auth.login.mutate({ username: 'fillerA1', password: x.password });
      // Right passwords at once, and one after the other, leave no failure behind.
      await Promise.all(
        [1, 2, 3, 4].map(() =>
          at('198.51.100.2').auth.login.mutate({ username: 'fillerA2', password: x.password }),
        ),
      );
      for (let i = 0; i < 2; i++)
        await failure(at('198.51.100.2').auth.login.mutate({ username: 'fillerA2', password: 'typo' }));
      await at('198.51.100.2').auth.login.mutate({ username: 'fillerA2', password: x.password });
      // Six people behind one address logging in at once, against a limit of three names per
      // address: none is refused (those ahead of them were right passwords, not failures).
      const office = await makeWorld({
        trustProxy: true,
        rateLimit: { maxFailures: 3, maxFailuresPerIp: 100, maxNamesPerIp: 3, windowMs: 60_000 },
      });
      try {
        const names = ['admin', 'reviewerA', 'fillerA1', 'fillerA2', 'reviewerB', 'fillerB1'];
        const logins = await Promise.allSettled(
          names.map((username) =>
            makeClient(office.app, { headers: { 'x-forwarded-for': '198.51.100.3' } }).auth.login.mutate({
              username,
              password: office.password,
            }),
          ),
        );
        expect(logins.map((l) => l.status)).toEqual(names.map(() => 'fulfilled'));
      } finally {
        await office.cleanup();
      }
    } finally {
      await x.cleanup();
    }
  });
});

describe(`IPv6 clients are counted by their /64 (${DB_LABEL})`, () => {
  it('addressKey: a /64 for IPv6, the IPv4 address for an IPv4-mapped one, anything else as it is', () => {
    expect(addressKey('2001:db8:1:2:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:0db8:0001:0002::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(addressKey('64:ff9b:1:2::192.0.2.33')).toBe('64:ff9b:1:2::/64');
    expect(addressKey('::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(addressKey('203.0.113.9')).toBe('203.0.113.9');
    expect(addressKey('local')).toBe('local');
    // Every address of one /64 is one key, whatever its spelling.
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 0xffff }), { minLength: 4, maxLength: 4 }), (host) => {
        const full = `2001:db8:a:b:${host.map((g) => g.toString(16)).join(':')}`;
        expect(addressKey(full)).toBe('2001:db8:a:b::/64');
      }),
    );
  });

  it('a guesser taking a new address of their /64 for every attempt is one address: locked, listed and lifted as one', async () => {
    const x = await makeWorld({
      trustProxy: true,
      rateLimit: { maxFailures: 3, maxFailuresPerIp: 100, maxNamesPerIp: 3, windowMs: 60_000 },
    });
    try {
      const at = (address: string) => makeClient(x.app, { headers: { 'x-forwarded-for': address } });
      for (const [i, name] of ['zhang', 'wang', 'li'].entries())
        await failure(
          at(`2001:db8:5:6::${i + 1}`).auth.login.mutate({ username: name, password: 'Spring2026!' }),
        );
      const refused = await failure(
        at('2001:db8:5:6::99').auth.login.mutate({ username: 'admin', password: x.password }),
      );
      expect(refused.details).toMatchObject({ scope: 'address', address: '2001:db8:5:6::/64' });
      expect(refused.zhMessage).toContain('从本网络地址（2001:db8:5:6::/64）的登录已暂停');
      // Another network is not affected.
      await at('2001:db8:5:7::1').auth.login.mutate({ username: 'admin', password: x.password });
      expect((await x.as.admin.users.addressLocks.query()).items).toMatchObject([
        { address: '2001:db8:5:6::/64', userNames: 3 },
      ]);
      // Lifted by any address of it (or the /64 as listed).
      expect(await x.as.admin.users.unlockAddress.mutate({ address: '2001:db8:5:6::1234' })).toEqual({
        ok: true,
        wasLocked: true,
      });
      await at('2001:db8:5:6::99').auth.login.mutate({ username: 'admin', password: x.password });
    } finally {
      await x.cleanup();
    }
  });
});
