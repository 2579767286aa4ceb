import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chinaYear, yearNotWritable } from './lifecycle.js';

describe('which years a report may be written for (server and terminal alike)', () => {
  it('the year just ended and earlier: yes; this year: not ended; later: a slip', () => {
    const nov = new Date('2026-11-29T08:00:00Z');
    expect(yearNotWritable(2025, nov)).toBeUndefined();
    expect(yearNotWritable(2019, nov)).toBeUndefined();
    expect(yearNotWritable(2026, nov)).toEqual({
      code: 'YEAR_NOT_ENDED',
      message:
        '2026 年尚未结束：2026 年度报告要在该年度结束后（2027 年 1 月 1 日起）编制；现在可编制 2025 年度及以前的报告',
      latest: 2025,
    });
    expect(yearNotWritable(2027, nov)?.code).toBe('YEAR_IN_FUTURE');
  });

  it('the year turns at midnight in China, whatever the machine’s zone', () => {
    expect(chinaYear(new Date('2026-12-31T15:59:00Z'))).toBe(2026);
    expect(chinaYear(new Date('2026-12-31T16:00:00Z'))).toBe(2027);
    expect(yearNotWritable(2026, new Date('2026-12-31T16:00:00Z'))).toBeUndefined();
  });

  it('for any day: exactly the years before China’s current year are writable', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2019-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
        fc.integer({ min: 2019, max: 2101 }),
        (d, y) => {
          expect(yearNotWritable(y, d) === undefined).toBe(y < chinaYear(d));
        },
      ),
    );
  });
});
