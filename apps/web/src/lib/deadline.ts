import {
  type AdminLevel,
  type AgencyKind,
  type Deadline,
  daysUntil,
  isMonthDay,
  publicationDeadline,
  RULES_BY_ID,
  type ValidationConfig,
} from '@nianbao/core';

/** An agency node as the server lists it (kind and level may be unknown). */
export interface DeadlineAgency {
  readonly kind: string | null;
  readonly level: string | null;
}

/**
 * The publication deadline of an agency's report: core's `publicationDeadline` (条例第四十九条;
 * townships and sub-districts by the local date). Undefined when kind or level is unknown.
 */
export function deadlineFor(agency: DeadlineAgency, year: number, localDate = '01-31'): Deadline | undefined {
  return publicationDeadline(
    {
      year,
      agency: {
        name: '',
        ...(agency.kind ? { kind: agency.kind as AgencyKind } : {}),
        ...(agency.level ? { level: agency.level as AdminLevel } : {}),
      },
    },
    { townshipDeadline: localDate },
  );
}

const iso = (d: Date) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/** Whole days from `today` (local date) to the deadline; negative when overdue. */
export function daysLeft(date: string, today: Date = new Date()): number {
  return daysUntil(date, iso(today));
}

export function daysLeftLabel(n: number): string {
  if (n > 0) return `剩 ${n} 天`;
  if (n === 0) return '今天截止';
  return `已逾期 ${-n} 天`;
}

/** Whether a local deadline is a real MM-DD: core's rule, the one the server's F3 option is checked by. */
/** A month and day as people type them (3-31, 3月31日, full-width) written MM-DD: core's reading. */
export { isMonthDay, normalizeMonthDay } from '@nianbao/core';

/** The 乡镇（街道） deadline a deployment's rule configuration gives, as the server's F3 findings use it. */
export interface TownshipDeadline {
  /** MM-DD: the configured F3 deadline, else the rule's default (01-31). */
  readonly date: string;
  /** A 管理员 set it (管理 › 检查规则 › F3); false: the rule's default. */
  readonly configured: boolean;
  /** F3 is turned off in this deployment: no finding is made on a late township report. */
  readonly off: boolean;
}

const F3_DEFAULT = String(RULES_BY_ID.get('F3')?.meta.options?.deadline ?? '01-31');

/** F3's deadline in the deployment's rule configuration (config.get / checks.rules `config`). */
export function townshipDeadlineOf(config: ValidationConfig | undefined | null): TownshipDeadline {
  const s = config?.rules?.F3;
  const off = s === 'off' || (typeof s === 'object' && s !== null && s.enabled === false);
  const set = typeof s === 'object' && s !== null ? s.options?.deadline : undefined;
  return typeof set === 'string' && isMonthDay(set)
    ? { date: set, configured: true, off }
    : { date: F3_DEFAULT, configured: false, off };
}
