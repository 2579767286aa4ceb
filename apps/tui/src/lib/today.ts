/**
 * Today in China (UTC+8) as YYYY-MM-DD, for core's `validate({ today })`: a report of a year not yet
 * ended, or of a year to come (2031, 2100), is flagged (S9) as `nianbao new` refuses to write one.
 * `NIANBAO_TODAY` (YYYY-MM-DD) stands in for it in tests.
 */
export function chinaToday(now: Date = new Date()): string {
  const fixed = process.env.NIANBAO_TODAY;
  if (fixed && /^\d{4}-\d{2}-\d{2}$/.test(fixed)) return fixed;
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}
