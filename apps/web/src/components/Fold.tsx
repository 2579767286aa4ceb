import { type ReactNode, useState } from 'react';

/**
 * A fold whose content is made only once opened: a province's roll-up names 1,890 agencies and
 * offers as many checkboxes, which the first screen need not build. The summary says how many.
 */
export function Fold({
  summary,
  open: initial = false,
  className,
  testId,
  children,
}: {
  summary: ReactNode;
  open?: boolean;
  className?: string;
  testId?: string;
  children: () => ReactNode;
}) {
  const [open, setOpen] = useState(initial);
  return (
    <details
      className={className}
      data-testid={testId}
      open={open}
      onToggle={(e) => setOpen(e.currentTarget.open)}
    >
      <summary>{summary}</summary>
      {open ? children() : null}
    </details>
  );
}
