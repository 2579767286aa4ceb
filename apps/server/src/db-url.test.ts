import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openStore, redactDatabaseUrl } from './db/connect.js';

// The console prints DATABASE_URL at every start and in every connection error: never its password.
describe('DATABASE_URL in the log', () => {
  const secretChars = fc.constantFrom(...'abcXYZ0189@/#?:%&!$*-_.~'.split(''));

  it('hides any password, even one with an unencoded @ / # ? (the host stays)', () => {
    fc.assert(
      fc.property(fc.string({ unit: secretChars, minLength: 6, maxLength: 24 }), (pw) => {
        const shown = redactDatabaseUrl(`postgres://nb:${pw}@127.0.0.1:5432/nianbao`);
        expect(shown).not.toContain(pw);
        expect(shown.endsWith('@127.0.0.1:5432/nianbao')).toBe(true);
      }),
    );
    expect(redactDatabaseUrl('postgres://nb:p@ss@db:5432/nianbao')).toBe('postgres://nb:***@db:5432/nianbao');
    expect(redactDatabaseUrl('postgres://nb:ab/cdSECRET@db/nianbao')).toBe('postgres://nb:***@db/nianbao');
    expect(redactDatabaseUrl('postgres://db/nianbao?user=nb&password=S3cret&sslmode=require')).toBe(
      'postgres://db/nianbao?user=nb&password=***&sslmode=require',
    );
    expect(redactDatabaseUrl('postgres://db:5432/nianbao')).toBe('postgres://db:5432/nianbao');
  });

  it('a password pg cannot read as a URL is refused in 简体中文 saying how to write it, without the password', async () => {
    for (const pgSchema of [undefined, 'probe']) {
      const e = await openStore({
        databaseUrl: 'postgres://nb:ab/cdSECRET@127.0.0.1:1/nianbao',
        pgSchema,
      }).then(
        () => null,
        (err: Error) => err,
      );
      expect(e?.message).toMatch(/DATABASE_URL 不是有效的地址.*%2F/);
      expect(e?.message).not.toContain('cdSECRET');
    }
  });

  it('an unreachable database is named without the part of the password after an @', async () => {
    const e = await openStore({ databaseUrl: 'postgres://nb:p@ssSECRET@127.0.0.1:1/nianbao' }).then(
      () => null,
      (err: Error) => err,
    );
    expect(e?.message).toMatch(/^无法连接 PostgreSQL（postgres:\/\/nb:\*\*\*@127\.0\.0\.1:1\/nianbao）/);
    expect(e?.message).not.toContain('SECRET');
  });

  it('a keyword connection string (host=… password=…) is refused without printing it', async () => {
    const e = await openStore({ databaseUrl: 'host=db user=nb password=S3cretKw dbname=nianbao' }).then(
      () => null,
      (err: Error) => err,
    );
    expect(e?.message).toMatch(/DATABASE_URL 只支持 postgres:\/\//);
    expect(e?.message).not.toContain('S3cretKw');
  });
});
