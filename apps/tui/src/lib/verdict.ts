import type { Finding } from '@nianbao/core';

/** Whether findings make `check` exit 1: a failed error or cross-year finding. (No runtime import of core.) */
export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some(
    (f) => f.status === 'failed' && (f.severity === 'error' || f.severity === 'crossYear'),
  );
}
