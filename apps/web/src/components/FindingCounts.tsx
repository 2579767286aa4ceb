import { SEVERITY_LABELS, type Severity } from '@nianbao/core';

const ORDER: Severity[] = ['error', 'crossYear', 'warning', 'info'];

/**
 * Open findings by severity, as small coloured counts; `dismissed`: errors someone dismissed in
 * triage — not open, but a reviewer must see that they were there.
 */
export function FindingCounts({
  counts,
  dismissed = 0,
}: {
  counts: Partial<Record<Severity, number>>;
  dismissed?: number;
}) {
  const shown = ORDER.filter((s) => (counts[s] ?? 0) > 0);
  const ignored =
    dismissed > 0 ? (
      <span className="tag dismissed" title="被标记为“忽略”的错误：请查看忽略理由是否成立">
        已忽略错误 {dismissed}
      </span>
    ) : null;
  if (!shown.length && !ignored) return <span className="ok small">无</span>;
  return (
    <span className="finding-counts">
      {shown.map((s) => (
        <span key={s} className={`tag sev-${s}`} title={SEVERITY_LABELS[s]}>
          {SEVERITY_LABELS[s]} {counts[s]}
        </span>
      ))}
      {ignored}
    </span>
  );
}
