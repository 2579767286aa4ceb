/**
 * Publication deadlines (条例第四十九条; domain.md rules F1–F3): a 县级以上人民政府部门 by 1月31日,
 * the 本级政府 report of a 县级以上地方人民政府 by 3月31日, 乡镇/街道 by the local date (configurable).
 */
export interface DeadlineAgency {
  readonly kind: string | null;
  readonly level: string | null;
}

export interface Deadline {
  /** YYYY-MM-DD */
  readonly date: string;
  /** 简体中文: where the date comes from. */
  readonly basis: string;
}

export function deadlineFor(agency: DeadlineAgency, year: number, localDate = '01-31'): Deadline {
  const next = year + 1;
  if (agency.level === '乡镇级' || agency.kind === '街道办事处')
    return { date: `${next}-${localDate}`, basis: '乡镇（街道）：按本地通知' };
  if (agency.kind === '人民政府' && agency.level !== '国务院部门')
    return { date: `${next}-03-31`, basis: '本级政府年度报告：3月31日前（条例第四十九条第二款）' };
  return { date: `${next}-01-31`, basis: '政府部门：1月31日前（条例第四十九条第一款）' };
}

/** Whole days from `today` to the deadline (negative when overdue). */
export function daysLeft(date: string, today: Date = new Date()): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const end = Date.UTC(y, m - 1, d);
  const now = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());
  return Math.round((end - now) / 86_400_000);
}

export function daysLeftLabel(n: number): string {
  if (n > 0) return `剩 ${n} 天`;
  if (n === 0) return '今天截止';
  return `已逾期 ${-n} 天`;
}
