import { afterEach, describe, expect, it, vi } from 'vitest';
import { dbUnavailable } from './trpc.js';

// A database that cannot be reached fails every request with 503 DB_UNAVAILABLE: the operator's log
// says so (once a minute, with the cause), instead of nothing while users see errors.
describe('the operator hears of a database outage', () => {
  afterEach(() => vi.restoreAllMocks());

  it('one [db] line a minute naming the cause, however many requests fail', () => {
    const lines: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void lines.push(a.join(' ')));
    let clock = 1_900_000_000_000;
    vi.spyOn(Date, 'now').mockImplementation(() => clock);
    const refused = () =>
      Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:5432'), { code: 'ECONNREFUSED' });
    for (let i = 0; i < 50; i++) expect(dbUnavailable(refused())).not.toBeNull();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^\[db\] 数据库无法连接（connect ECONNREFUSED 10\.0\.0\.5:5432）.*DB_UNAVAILABLE/,
    );
    clock += 30_000;
    dbUnavailable(refused());
    expect(lines).toHaveLength(1);
    clock += 31_000;
    dbUnavailable(refused());
    expect(lines).toHaveLength(2);
    // Not an outage: nothing said.
    dbUnavailable(Object.assign(new Error('duplicate key'), { code: '23505' }));
    expect(lines).toHaveLength(2);
  });
});
