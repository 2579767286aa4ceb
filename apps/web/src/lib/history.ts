/**
 * The 历史版本 list as shown: autosave saves 1.2 s after each change, so a report filled in makes
 * dozens or hundreds of versions; the steps that matter (导入, 提交, 退回, a 保存 with a note, 更正)
 * would drown among them. Each run of consecutive autosaves — note 「自动保存」, one author, no
 * workflow step at any of its versions but perhaps the newest — of `MIN_RUN` or more is one row.
 * The versions themselves are untouched (immutable on the server); only the view groups them.
 */

/** The fields of a version the grouping reads (`reports.history`'s versions). */
export interface VersionLike {
  version: number;
  kind: string;
  note: string | null;
  reason?: string | null | undefined;
  author: string;
  authorId?: string | undefined;
  createdAt: string;
}

/** The note the editor's autosave writes (Editor.tsx saveOnce). */
export const AUTOSAVE_NOTE = '自动保存';
/** Runs shorter than this stay as single rows: two rows are no clutter. */
export const MIN_RUN = 3;

export type HistoryItem<V extends VersionLike> =
  | { type: 'version'; version: V }
  /** `versions` oldest first; the newest (`versions.at(-1)`) stands for the run on its row. */
  | { type: 'run'; versions: V[] };

export const isAutosave = (v: VersionLike): boolean =>
  v.kind === 'save' && v.note === AUTOSAVE_NOTE && !v.reason;

const authorOf = (v: VersionLike) => v.authorId ?? v.author;

/**
 * The versions (any order) as the list's items, oldest first: single versions and runs of
 * autosaves. `hasStep(version)`: a workflow step (提交, 退回 …) was taken at that version — it may
 * only be a run's newest version, so the step's row is the run's row and nothing is hidden after it.
 */
export function groupVersions<V extends VersionLike>(
  versions: readonly V[],
  hasStep: (version: number) => boolean,
  minRun = MIN_RUN,
): HistoryItem<V>[] {
  const sorted = [...versions].sort((a, b) => a.version - b.version);
  const items: HistoryItem<V>[] = [];
  let run: V[] = [];
  const flush = () => {
    if (run.length >= minRun) items.push({ type: 'run', versions: run });
    else for (const v of run) items.push({ type: 'version', version: v });
    run = [];
  };
  for (const v of sorted) {
    const tail = run.at(-1);
    const extends_ =
      tail !== undefined &&
      isAutosave(v) &&
      v.version === tail.version + 1 &&
      authorOf(v) === authorOf(tail) &&
      !hasStep(tail.version);
    if (!extends_) flush();
    if (isAutosave(v)) run.push(v);
    else items.push({ type: 'version', version: v });
  }
  flush();
  return items;
}

const pad = (n: number) => String(n).padStart(2, '0');
const day = (d: Date) => `${d.getFullYear()}/${d.getMonth() + 1}/${d.getDate()}`;
const clock = (d: Date) => `${pad(d.getHours())}:${pad(d.getMinutes())}`;

/** A run's time span: 「2026/11/30 10:02–10:41」, or both dates when it spans days. */
export function timeSpan(first: string, last: string): string {
  const a = new Date(first);
  const b = new Date(last);
  if (day(a) === day(b)) return `${day(a)} ${clock(a)}–${clock(b)}`;
  return `${day(a)} ${clock(a)} – ${day(b)} ${clock(b)}`;
}
