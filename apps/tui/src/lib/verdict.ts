import type { Finding } from '@nianbao/core';

/**
 * Whether a finding of a stored report was dismissed in the server's triage (and the decision holds:
 * not reopened by a change since) — no longer open, exactly as the server's openFindings count it.
 * Findings checked here never have a triage.
 */
export function isDismissed(f: Finding): boolean {
  const t = (f as { triage?: { state?: string; decision?: string } | null }).triage;
  return f.status === 'failed' && t?.state === 'active' && t.decision === 'dismissed';
}

/**
 * Whether findings make `check` exit 1: a failed error or cross-year finding, not dismissed on the
 * server. (No runtime import of core.)
 */
export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some(
    (f) => f.status === 'failed' && (f.severity === 'error' || f.severity === 'crossYear') && !isDismissed(f),
  );
}

/**
 * Whether a checked file counts as 有错误: an error or cross-year finding, or an error of the importer
 * (a row whose numbers could not be read, a table that is missing): numbers that were never read
 * cannot be called clean.
 */
export function fileHasErrors(r: {
  readonly findings: readonly Finding[];
  readonly importErrors?: readonly unknown[];
}): boolean {
  return hasErrors(r.findings) || (r.importErrors?.length ?? 0) > 0;
}

/**
 * Findings as --json prints them: core's Finding as it is, plus `group` — the key of `counts` it is
 * counted under (error, crossYear, warning, info for failed findings; unchecked for those that could
 * not be checked, whose `severity` is core's info). Filter on `group` and the numbers agree with
 * `counts`. (No runtime import of core.)
 */
export function withGroups(
  findings: readonly Finding[],
): (Finding & { group: Finding['severity'] | 'unchecked' | 'dismissed' })[] {
  return findings.map((f) => ({
    ...f,
    group: isDismissed(f) ? 'dismissed' : f.status === 'unchecked' ? 'unchecked' : f.severity,
  }));
}
