import { countFindings, type Finding, type Report, type ValidationConfig, validate } from '@nianbao/core';
import { errorCountWords } from '../lib/review';

/** The publication-deadline rules (条例第四十九条, local rule): F1 departments, F2 governments, F3 townships. */
export const DEADLINE_RULES = ['F1', 'F2', 'F3'] as const;
const isDeadline = (f: Pick<Finding, 'ruleId'>) => (DEADLINE_RULES as readonly string[]).includes(f.ruleId);

/**
 * Publishing on `date`: the deadline finding it would make (the server runs the same rules, with the
 * deployment's configuration — a rule turned off makes none, F3's local date counts), or null when
 * the date is in time. Said in the 发布 confirmation before the user confirms.
 */
export function lateOn(report: Report, date: string, config?: ValidationConfig): Finding | null {
  const found = validate(report, {
    publicationDate: date,
    only: [...DEADLINE_RULES],
    ...(config ? { config } : {}),
  }).filter((f) => f.status === 'failed' && isDeadline(f));
  return found[0] ?? null;
}

/**
 * The 更正 confirmation: what a correction could still mend (errors, cross-year findings) counted
 * alone; a late publication (F1/F2 as an error) said apart — no edit can undo a date. Null: nothing
 * to ask (only a late publication left, or nothing at all).
 */
export function correctionQuestion(findings: readonly Finding[]): string | null {
  const late = findings.filter(
    (f) =>
      isDeadline(f) && f.status !== 'unchecked' && (f.severity === 'error' || f.severity === 'crossYear'),
  );
  const counted = countFindings(findings.filter((f) => !late.includes(f)));
  if (counted.error + counted.crossYear === 0) return null;
  const apart = late.length
    ? `（另有${[...new Set(late.map((f) => `发布逾期（${f.ruleId}）`))].join('、')}无法通过更正消除，不在此列）`
    : '';
  return `更正后的报告仍有${errorCountWords(counted)}${apart}。提交后将立即作为已发布的报告公开，并列入更正公告。确定提交更正吗？`;
}

/** A late publication, for the correction panel: no correction removes it. */
export function lateNote(findings: readonly Finding[]): string | null {
  const late = findings.filter((f) => isDeadline(f) && f.status !== 'unchecked' && f.severity !== 'info');
  if (!late.length) return null;
  const ids = [...new Set(late.map((f) => f.ruleId))].join('、');
  return `发布逾期（${ids}）无法通过更正消除：${late[0]!.message}`;
}
