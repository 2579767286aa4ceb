import type { RouterOutputs } from '../trpc';

/** What the server changed reading a version an earlier release stored (reports.get / reports.version). */
export type ReadRepair = RouterOutputs['reports']['get']['readRepairs'][number];

/** Where a repair's place is in the form: a cell (its id), a section's text, the 前言, or nowhere. */
export type RepairPlace = { cell: string } | { section: string } | { preamble: true } | null;

/**
 * The place a repair names by its path (`cells.<id>.unit`, `cells.<id>.value`, `sections.overview`,
 * `preamble`), for the form to go to; null for any other path.
 */
export function repairPlace(path: string): RepairPlace {
  if (path === 'preamble') return { preamble: true };
  const section = /^sections\.([A-Za-z]+)$/.exec(path);
  if (section) return { section: section[1]! };
  const cell = /^cells\.(.+?)(?:\.(?:value|unit|raw))?$/.exec(path);
  if (cell) return { cell: cell[1]! };
  return null;
}

/**
 * The notice of what reading an old version changed: which version, each change with its place
 * (the server's 简体中文 message) and what to do. `onGo` puts a 「转到」 beside each change whose
 * place is in the form; `onHide` a 知道了.
 */
export function ReadRepairs({
  repairs,
  heading,
  advice,
  onGo,
  onHide,
  testId = 'read-repairs',
}: {
  repairs: readonly ReadRepair[];
  heading: string;
  advice?: string | undefined;
  onGo?: ((place: NonNullable<RepairPlace>) => void) | undefined;
  onHide?: (() => void) | undefined;
  testId?: string;
}) {
  if (!repairs.length) return null;
  return (
    <div className="notice warn no-print save-warnings read-repairs" role="status" data-testid={testId}>
      <span>{heading}</span>
      <ul>
        {repairs.map((r, i) => {
          const place = onGo ? repairPlace(r.path) : null;
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: the server's order, fixed for a version
            <li key={i} data-code={r.code}>
              {r.message}
              {place && (
                <>
                  {' '}
                  <button
                    type="button"
                    className="small"
                    aria-label={`转到${r.pathLabel}`}
                    onClick={() => onGo?.(place)}
                  >
                    转到
                  </button>
                </>
              )}
            </li>
          );
        })}
      </ul>
      {advice && <p className="read-repairs-advice">{advice}</p>}
      {onHide && (
        <button type="button" className="small" onClick={onHide}>
          知道了
        </button>
      )}
    </div>
  );
}
