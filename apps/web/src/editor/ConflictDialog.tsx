import type { Report } from '@nianbao/core';
import { applyMerge, type MergeItem, mergeItems } from '@nianbao/core';
import { useEffect, useMemo, useRef, useState } from 'react';

export interface ConflictInfo {
  readonly theirs: Report;
  readonly theirsVersion: number;
  /** Who saved the newer version ('' not known). */
  readonly theirsAuthor: string;
  /** It was the user themself (another tab, window or device). */
  readonly theirsMine?: boolean;
  /** When it was saved (ISO). */
  readonly theirsAt?: string;
}

/** Who saved the newer version, as the dialog says it: the user themself, a named person, or not known. */
export function conflictWho(info: ConflictInfo): { title: string; lead: string; side: string } {
  const at = info.theirsAt ? `（${new Date(info.theirsAt).toLocaleString('zh-CN', { hour12: false })}）` : '';
  const v = info.theirsVersion;
  if (info.theirsMine)
    return {
      title: '保存冲突：报告已在别处修改',
      lead: `在您编辑期间，您本人在另一个窗口或设备上${at}保存了第 ${v} 版。`,
      side: `另一处的修改（第 ${v} 版）`,
    };
  if (info.theirsAuthor)
    return {
      title: `保存冲突：报告已被${info.theirsAuthor}修改`,
      lead: `在您编辑期间，${info.theirsAuthor}${at}保存了第 ${v} 版。`,
      side: `${info.theirsAuthor}的修改（第 ${v} 版）`,
    };
  return {
    title: '保存冲突：报告已在别处修改',
    lead: `在您编辑期间，第 ${v} 版已在别处保存${at}。`,
    side: `服务器上的第 ${v} 版`,
  };
}

/** What Tab reaches inside the dialog, in order (a disabled button is skipped, as the browser does). */
function focusables(root: HTMLElement): HTMLElement[] {
  return [
    ...root.querySelectorAll<HTMLElement>(
      'button, input, select, textarea, a[href], [tabindex]:not([tabindex="-1"])',
    ),
  ].filter((el) => !(el as HTMLButtonElement).disabled);
}

/**
 * Someone saved while I was editing: every place where the two edits differ side by side; places
 * only one side changed are taken from that side, places both changed need a choice. Nothing is lost:
 * the merge is saved as a new version on top of theirs.
 */
export function ConflictDialog(props: {
  base: Report;
  baseVersion: number;
  mine: Report;
  info: ConflictInfo;
  onResolve: (merged: Report) => void;
  onCancel: () => void;
}) {
  const items = useMemo(() => mergeItems(props.base, props.mine, props.info.theirs), [props]);
  const [choices, setChoices] = useState<Record<string, 'mine' | 'theirs'>>({});
  const undecided = items.filter((it) => it.conflict && !choices[it.key]);
  const pick = (it: MergeItem, side: 'mine' | 'theirs') => setChoices((c) => ({ ...c, [it.key]: side }));
  const who = conflictWho(props.info);
  const all = (side: 'mine' | 'theirs') =>
    setChoices(Object.fromEntries(items.map((it) => [it.key, side])) as Record<string, 'mine' | 'theirs'>);
  // Modal for the keyboard too: focus starts on the first button and stays in the dialog (Tab and
  // Shift+Tab wrap; focus sent outside comes back), so nothing typed reaches the form behind it. Esc
  // is 「稍后处理」: nothing is saved or lost (the edits stay in the form). On close, focus returns
  // to where it was (the cell being edited).
  const dialog = useRef<HTMLDivElement>(null);
  const first = useRef<HTMLButtonElement>(null);
  const cancel = useRef(props.onCancel);
  cancel.current = props.onCancel;
  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    first.current?.focus();
    const onFocusIn = (e: FocusEvent) => {
      const d = dialog.current;
      if (d && e.target instanceof Node && !d.contains(e.target)) first.current?.focus();
    };
    const onKey = (e: KeyboardEvent) => {
      const d = dialog.current;
      if (!d) return;
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        cancel.current();
        return;
      }
      if (e.key !== 'Tab') return;
      const els = focusables(d);
      if (!els.length) return;
      const at = els.indexOf(document.activeElement as HTMLElement);
      const to =
        at === -1
          ? e.shiftKey
            ? els[els.length - 1]
            : els[0]
          : !e.shiftKey && at === els.length - 1
            ? els[0]
            : e.shiftKey && at === 0
              ? els[els.length - 1]
              : undefined;
      if (to) {
        e.preventDefault();
        to.focus();
      }
    };
    document.addEventListener('focusin', onFocusIn);
    document.addEventListener('keydown', onKey, true);
    return () => {
      document.removeEventListener('focusin', onFocusIn);
      document.removeEventListener('keydown', onKey, true);
      if (before?.isConnected) before.focus();
    };
  }, []);
  return (
    <div
      className="modal-backdrop"
      role="dialog"
      aria-modal="true"
      aria-labelledby="conflict-title"
      // a click on the backdrop leaves focus in the dialog
      onMouseDown={(e) => {
        if (e.target === e.currentTarget) e.preventDefault();
      }}
    >
      <div className="modal wide" ref={dialog}>
        <h2 id="conflict-title">{who.title}</h2>
        <p>
          {who.lead}
          下面逐项列出两份内容的不同之处：只有一方改动的已自动采用该方；双方都改动的（标红）请您选择。两份内容都不会丢失，合并结果将另存为新版本。
        </p>
        <div className="row gap">
          <button type="button" className="small" ref={first} onClick={() => all('mine')}>
            全部采用我的
          </button>
          <button type="button" className="small" onClick={() => all('theirs')}>
            全部采用第 {props.info.theirsVersion} 版的
          </button>
        </div>
        <div className="conflict-table-wrap">
          <table className="conflict-table">
            <thead>
              <tr>
                <th>位置</th>
                <th>原值（您开始编辑时的第 {props.baseVersion} 版）</th>
                <th>我的修改</th>
                <th>{who.side}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((it) => {
                const side = choices[it.key] ?? (it.conflict ? undefined : it.proposed);
                return (
                  <tr key={it.key} className={it.conflict && !choices[it.key] ? 'undecided' : ''}>
                    <th scope="row">{it.label}</th>
                    <td className="pre">{it.base}</td>
                    <td className={`pre choice ${side === 'mine' ? 'chosen' : ''}`}>
                      <label>
                        <input
                          type="radio"
                          name={it.key}
                          checked={side === 'mine'}
                          aria-label={`${it.label}：采用我的修改 ${it.mine}`}
                          onChange={() => pick(it, 'mine')}
                        />
                        {it.mine}
                      </label>
                    </td>
                    <td className={`pre choice ${side === 'theirs' ? 'chosen' : ''}`}>
                      <label>
                        <input
                          type="radio"
                          name={it.key}
                          checked={side === 'theirs'}
                          aria-label={`${it.label}：采用${who.side} ${it.theirs}`}
                          onChange={() => pick(it, 'theirs')}
                        />
                        {it.theirs}
                      </label>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <div className="row gap end">
          {undecided.length > 0 && <span className="warn-text">还有 {undecided.length} 处需要选择</span>}
          <button type="button" onClick={props.onCancel}>
            稍后处理（继续编辑，不保存）
          </button>
          <button
            type="button"
            className="primary"
            disabled={undecided.length > 0}
            onClick={() => props.onResolve(applyMerge(props.mine, props.info.theirs, choices, items))}
          >
            合并并保存
          </button>
        </div>
      </div>
    </div>
  );
}
