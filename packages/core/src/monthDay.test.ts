import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chinaTime, isMonthDay, normalizeMonthDay } from './lifecycle.js';

const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const pad = (n: number) => String(n).padStart(2, '0');
const wide = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));

describe('normalizeMonthDay: a date as people type it, written MM-DD', () => {
  it('reads every real day however it is typed (3-31, 03/31, 3月31日, full-width) as MM-DD', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 12 })
          .chain((m) => fc.tuple(fc.constant(m), fc.integer({ min: 1, max: DAYS[m - 1]! }))),
        fc.boolean(),
        fc.boolean(),
        fc.constantFrom('-', '/', '.', '月', '－', '／'),
        fc.boolean(),
        fc.constantFrom('', ' ', '　'),
        ([m, d], padM, padD, sep, fullWidth, space) => {
          let typed = `${padM ? pad(m) : m}${sep}${padD ? pad(d) : d}${sep === '月' ? '日' : ''}`;
          if (fullWidth) typed = wide(typed);
          const out = normalizeMonthDay(`${space}${typed}${space}`);
          expect(out).toBe(`${pad(m)}-${pad(d)}`);
          expect(isMonthDay(out)).toBe(true);
        },
      ),
    );
  });
  it('leaves a day that does not exist, or what is not a date, for the check to refuse', () => {
    expect(normalizeMonthDay('2-30')).toBe('02-30');
    expect(isMonthDay(normalizeMonthDay('2-30'))).toBe(false);
    expect(isMonthDay(normalizeMonthDay('13-1'))).toBe(false);
    expect(normalizeMonthDay('三月底')).toBe('三月底');
    expect(normalizeMonthDay('2026-03-31')).toBe('2026-03-31');
    expect(isMonthDay(normalizeMonthDay('2026-03-31'))).toBe(false);
  });
});

describe('chinaTime: a moment as read in China (UTC+8), whatever the machine’s zone', () => {
  it('from an ISO string or a Date; across midnight and the new year', () => {
    expect(chinaTime('2026-11-30T14:29:05.123Z')).toBe('2026-11-30 22:29');
    expect(chinaTime(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01 00:00');
    expect(chinaTime('2026-12-31T15:59:59Z').slice(0, 10)).toBe('2026-12-31');
  });
});
