import { SEVERITY_LABELS, type Severity } from '@nianbao/core';

const ORDER: Severity[] = ['error', 'crossYear', 'warning', 'info'];

/** Open findings by severity, as small coloured counts. */
export function FindingCounts({ counts }: { counts: Partial<Record<Severity, number>> }) {
  const shown = ORDER.filter((s) => (counts[s] ?? 0) > 0);
  if (!shown.length) return <span className="ok small">无</span>;
  return (
    <span className="finding-counts">
      {shown.map((s) => (
        <span key={s} className={`tag sev-${s}`} title={SEVERITY_LABELS[s]}>
          {SEVERITY_LABELS[s]} {counts[s]}
        </span>
      ))}
    </span>
  );
}
