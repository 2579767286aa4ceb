import { type Report, validate } from '@nianbao/core';
import { shellQuote } from './shell.js';

/**
 * The warning render and push print on stderr for a report with errors: written or uploaded all the
 * same (a draft may be shared for review), but not without saying so.
 */
export function errorsNotice(report: Report, file: string, doing: string): string | undefined {
  const errors = validate(report).filter((f) => f.severity === 'error' && f.status === 'failed');
  if (!errors.length) return undefined;
  return `注意：该报告有 ${errors.length} 个错误（${errors[0]!.ruleId} ${errors[0]!.message}${errors.length > 1 ? ' 等' : ''}），${doing}前请用 nianbao check ${shellQuote(file)} 查看`;
}
