import { useQuery } from '@tanstack/react-query';
import { Fragment, type ReactNode, useEffect, useState } from 'react';
import { cellSide, TextOps } from '../components/Changes';
import { groupVersions, timeSpan } from '../lib/history';
import { errorMessage, type RouterOutputs, useTRPC } from '../trpc';
import { ReadRepairs } from './ReadRepairs';

type Version = RouterOutputs['reports']['history']['versions'][number];

const KIND: Record<string, string> = {
  create: '新建',
  save: '保存',
  import: '导入',
  correction: '更正',
};

const time = (s: string) => new Date(s).toLocaleString('zh-CN', { hour12: false });

/**
 * Every version and workflow step; a diff of any two versions (cells and text). `onRestore` (the
 * report may be edited): an older version's content back into the form, saved as a new version —
 * nothing is lost, the content replaced stays a version of its own.
 */
export function History({
  id,
  currentVersion,
  unsaved = false,
  onRestore,
}: {
  id: string;
  currentVersion: number;
  /** Edits on screen not yet saved (恢复此版本 saves them first, as a new version). */
  unsaved?: boolean;
  onRestore?: ((version: number) => void) | undefined;
}) {
  const trpc = useTRPC();
  const history = useQuery(trpc.reports.history.queryOptions({ id }));
  const [from, setFrom] = useState<number>(Math.max(1, currentVersion - 1));
  const [to, setTo] = useState<number>(currentVersion);
  const [chosen, setChosen] = useState(false);
  // Runs of autosaves the user opened (by their first version: a run still growing keeps it).
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(() => new Set());
  // A report returned and handed in again: what a reviewer wants first is what changed since the
  // version they returned, not between the last two autosaves.
  const returnedAt = history.data?.events.filter((e) => e.action === 'return').at(-1)?.version;
  useEffect(() => {
    if (!chosen && returnedAt !== undefined && returnedAt < currentVersion) {
      setFrom(returnedAt);
      setTo(currentVersion);
    }
  }, [chosen, returnedAt, currentVersion]);
  const diff = useQuery({ ...trpc.reports.diff.queryOptions({ id, from, to }), enabled: from !== to });
  // Each end of the diff as the server reads it: a version an earlier release stored is compared as
  // repaired on reading (control characters removed …), and what was repaired is said under the diff.
  const fromVersion = useQuery({ ...trpc.reports.version.queryOptions({ id, version: from }), retry: false });
  const toVersion = useQuery({
    ...trpc.reports.version.queryOptions({ id, version: to }),
    enabled: to !== from,
    retry: false,
  });
  const repairsOf = [fromVersion.data, to !== from ? toVersion.data : undefined].filter(
    (v) => v?.readRepairs?.length,
  );
  if (history.isLoading) return <p className="muted">正在载入历史…</p>;
  if (history.error) return <p className="error-text">{errorMessage(history.error)}</p>;
  const h = history.data!;
  const stepsOf = (version: number) =>
    h.events.filter((e) => e.version === version).map((e) => e.actionLabel);
  const stepVersions = new Set(h.events.map((e) => e.version));
  // Newest first, each run of three or more autosaves one row (the versions stay as they are).
  const items = groupVersions(h.versions, (v) => stepVersions.has(v)).reverse();
  /** One end of the diff (从 or 到) chosen at a version. */
  const pick = (name: string, version: number, current: number, set: (v: number) => void, text: string) => (
    <label>
      <input
        type="radio"
        name={name}
        // 「从」 alone, many times over: which version it is, said
        aria-label={`${text}第 ${version} 版`}
        value={version}
        checked={current === version}
        onChange={() => {
          setChosen(true);
          set(version);
        }}
      />
      {text}
    </label>
  );
  const versionRow = (
    v: Version,
    className?: string,
    run?: { label: string; time: string; note: ReactNode },
  ) => (
    <tr key={v.version} className={className}>
      <td className="nowrap">{run?.label ?? `第 ${v.version} 版`}</td>
      <td className="nowrap">{KIND[v.kind] ?? v.kind}</td>
      <td className="author">{v.author}</td>
      <td>{run?.time ?? time(v.createdAt)}</td>
      <td className="note">{run?.note ?? v.reason ?? v.note ?? ''}</td>
      <td className="steps">{stepsOf(v.version).join('、')}</td>
      <td className="nowrap">
        {pick('diff-from', v.version, from, setFrom, '从')} {pick('diff-to', v.version, to, setTo, '到')}
      </td>
      {onRestore && (
        <td className="nowrap">
          {v.version !== currentVersion && (
            <button
              type="button"
              className="small"
              name="restore-version"
              aria-label={`恢复此版本（第 ${v.version} 版）`}
              onClick={() => {
                if (
                  window.confirm(
                    unsaved
                      ? `用第 ${v.version} 版的内容替换表格和正文？现在的内容（含尚未保存的修改）先保存为新的一版，可以再恢复。`
                      : `用第 ${v.version} 版的内容替换表格和正文？现在的内容仍保留为第 ${currentVersion} 版，可以再恢复。`,
                  )
                )
                  onRestore(v.version);
              }}
            >
              恢复此版本
            </button>
          )}
        </td>
      )}
    </tr>
  );
  return (
    <div className="history">
      <div className="history-cols">
        <section>
          <h2>版本</h2>
          {/* its own horizontal scroll on a narrow screen: the page keeps its width, 说明 its words,
              and 恢复此版本 is a swipe away */}
          <div className="history-scroll" data-testid="history-scroll">
            <table className="data history-versions">
              <thead>
                <tr>
                  <th>版本</th>
                  <th>类型</th>
                  <th>作者</th>
                  <th>时间</th>
                  <th>说明</th>
                  <th>流转</th>
                  <th>比较</th>
                  {onRestore && <th />}
                </tr>
              </thead>
              <tbody>
                {items.map((item) => {
                  if (item.type === 'version') return versionRow(item.version);
                  const vs = item.versions;
                  const first = vs[0]!;
                  const last = vs.at(-1)!;
                  const key = first.version;
                  const summary = `第 ${first.version}–${last.version} 版`;
                  const open = expanded.has(key);
                  const toggle = (
                    <button
                      type="button"
                      className="link"
                      name="toggle-run"
                      aria-expanded={open}
                      onClick={() =>
                        setExpanded((s) => {
                          const next = new Set(s);
                          if (open) next.delete(key);
                          else next.add(key);
                          return next;
                        })
                      }
                    >
                      {open ? '收起' : '展开'}
                    </button>
                  );
                  if (open)
                    return (
                      <Fragment key={`run-${key}`}>
                        <tr className="autosave-run open">
                          <td colSpan={onRestore ? 8 : 7}>
                            {summary} · 自动保存 {vs.length} 次 · {last.author} ·{' '}
                            {timeSpan(first.createdAt, last.createdAt)} {toggle}
                          </td>
                        </tr>
                        {[...vs].reverse().map((v) => versionRow(v, 'in-run'))}
                      </Fragment>
                    );
                  // Collapsed: the newest stands for the run; a version chosen for the diff inside it
                  // is shown under it, so what is compared is always on screen.
                  const chosenInside = vs
                    .slice(0, -1)
                    .filter((v) => v.version === from || v.version === to)
                    .reverse();
                  return (
                    <Fragment key={`run-${key}`}>
                      {versionRow(last, 'autosave-run', {
                        label: summary,
                        time: timeSpan(first.createdAt, last.createdAt),
                        note: (
                          <>
                            自动保存 {vs.length} 次 {toggle}
                          </>
                        ),
                      })}
                      {chosenInside.map((v) => versionRow(v, 'in-run'))}
                    </Fragment>
                  );
                })}
              </tbody>
            </table>
          </div>
        </section>
        <section>
          <h2>流转记录与审核意见</h2>
          {h.events.length === 0 && <p className="muted">尚未提交审核。</p>}
          <ol className="events">
            {h.events.map((e, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: events are ordered
              <li key={i}>
                <b>{e.actionLabel}</b>（第 {e.version} 版）· {e.actor} · {time(e.at)}
                {e.comment && <blockquote>{e.comment}</blockquote>}
              </li>
            ))}
          </ol>
        </section>
      </div>
      <section>
        <h2>
          第 {from} 版 → 第 {to} 版 的差异
          {!chosen && returnedAt === from && from < to ? '（自退回时的版本以来的修改）' : ''}
        </h2>
        {repairsOf.map((v) => (
          <ReadRepairs
            key={v!.version}
            testId={`history-repairs-${v!.version}`}
            repairs={v!.readRepairs}
            heading={`第 ${v!.version} 版由早先版本的程序保存，其中有现行规则不允许的内容，读取时已作如下修正，这里按修正后的内容显示和比较（服务器上的这一版仍是原样）：`}
            {...(onRestore
              ? {
                  advice:
                    '要保留修正后的内容：恢复此版本后保存（或在当前版本上保存一次），即按现行规则存为新的一版。',
                }
              : {})}
          />
        ))}
        {from === to && <p className="muted">请选择两个不同的版本。</p>}
        {diff.isLoading && <p className="muted">正在比较…</p>}
        {diff.error && <p className="error-text">{errorMessage(diff.error)}</p>}
        {diff.data && (
          <>
            {diff.data.cells.length === 0 && diff.data.texts.length === 0 && (
              <p className="muted">两个版本内容相同。</p>
            )}
            {diff.data.cells.length > 0 && (
              <div className="history-scroll">
                <table className="data diff-cells">
                  <thead>
                    <tr>
                      <th>单元格</th>
                      <th>第 {from} 版</th>
                      <th>第 {to} 版</th>
                    </tr>
                  </thead>
                  <tbody>
                    {diff.data.cells.map((c) => (
                      <tr key={c.cell}>
                        <td>{c.label}</td>
                        <td>
                          <del>{cellSide(c.before)}</del>
                        </td>
                        <td>
                          <ins>{cellSide(c.after)}</ins>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {diff.data.texts.map((t) => (
              <div key={t.field} className="diff-text">
                <h4>{t.label}</h4>
                <TextOps ops={t.ops} />
              </div>
            ))}
          </>
        )}
      </section>
    </div>
  );
}
