import {
  type CellId,
  countFindings,
  type EditionId,
  expectation,
  type Finding,
  type FixSuggestion,
  fixesFor,
  SEVERITY_LABELS,
  type Severity,
} from '@nianbao/core';
import { useEffect, useRef, useState } from 'react';
import { isComposingKey } from '../lib/ime';
import { errorMessage, type RouterOutputs } from '../trpc';

export type FindingFilter = Severity | 'unchecked';
const ORDER: FindingFilter[] = ['error', 'crossYear', 'warning', 'info', 'unchecked'];
const LABEL: Record<FindingFilter, string> = { ...SEVERITY_LABELS, unchecked: '未能核对' };

/** Findings of one rule together (in first-seen order): a long run of one rule folds after two. */
function groupByRule<F extends Finding>(findings: readonly F[]): { key: string; items: F[] }[] {
  const groups = new Map<string, F[]>();
  for (const f of findings) {
    const g = groups.get(f.ruleId);
    if (g) g.push(f);
    else groups.set(f.ruleId, [f]);
  }
  return [...groups].map(([key, items]) => ({ key, items }));
}

export function severityOf(f: Finding): FindingFilter {
  return f.status === 'unchecked' ? 'unchecked' : f.severity;
}

/** A decision on a finding kept by the server (checks.triage), as checks.validate returns it. */
export type TriageState = NonNullable<RouterOutputs['checks']['validate']['findings'][number]['triage']>;
export type TriageDecision = 'confirmed' | 'dismissed' | 'clear';
const DECISION_LABEL = { confirmed: '已确认', dismissed: '已忽略' } as const;

const dismissed = (t: TriageState | null | undefined) => t?.decision === 'dismissed' && t.state === 'active';

/** Most serious first, stable within a severity (the catalogue's order). */
function bySeverity<F extends Finding>(findings: readonly F[]): F[] {
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => ORDER.indexOf(severityOf(a.f)) - ORDER.indexOf(severityOf(b.f)) || a.i - b.i)
    .map((x) => x.f);
}

export interface FindingsPanelProps {
  readonly findings: readonly (Finding & { readonly key: string })[];
  /**
   * Triage of the saved version's findings by key (null: no decision). A key missing here is a finding
   * of unsaved edits: it can be decided once saved. Undefined: no triage for this user.
   */
  readonly triage?: ReadonlyMap<string, TriageState | null>;
  readonly onTriage?: (key: string, decision: TriageDecision, reason: string) => Promise<void>;
  readonly fixes: readonly FixSuggestion[];
  /** The report's format edition: which table identity a finding belongs to, and so which fix mends it. */
  readonly edition: EditionId;
  readonly fixesPending: boolean;
  readonly readOnly: boolean;
  readonly lastFix: FixSuggestion | null;
  readonly onFocusFinding: (f: Finding) => void;
  readonly onHover: (cells: readonly CellId[] | null) => void;
  readonly onApplyFix: (fix: FixSuggestion) => void;
  readonly onUndo: () => void;
  /**
   * Phones: the panel is a sheet over the form, opened from the findings bar (`FindingsBar`);
   * `onClose` shuts it (关闭, Esc, or a finding clicked — its cell is then in view). Without
   * effect on wider screens, where the panel is always beside the tables.
   */
  readonly sheet?: { readonly open: boolean; readonly onClose: () => void };
  /**
   * Last year's report the cross-year rules (X1–X6) compare with, as the server takes it (as
   * published, else its latest version): a line says when it is not yet published — its numbers, and
   * the cross-year findings with them, may still change — or when there is none.
   */
  readonly previousBasis?: PreviousBasis;
}

/** The report of the year before, as the cross-year rules take it; 'none': no report of that year. */
export type PreviousBasis =
  | {
      readonly reportId: string;
      readonly year: number;
      readonly published: boolean;
      readonly statusLabel: string;
      readonly version: number;
      /** A link to it, for whoever may open it. */
      readonly href?: string;
    }
  | { readonly none: true; readonly year: number };

/** What the cross-year findings rest on, in one line — or null when last year's report is published. */
export function previousBasisText(basis: PreviousBasis | undefined): string | null {
  if (!basis || basis.year < 2019) return null;
  if ('none' in basis) return `没有 ${basis.year} 年度的报告，未进行跨年核对（X1–X6）`;
  if (basis.published) return null;
  return `跨年核对依据的 ${basis.year} 年度报告尚未发布（${basis.statusLabel}，第 ${basis.version} 版），其数字可能还会改动`;
}

/**
 * What a fix does, in one line: its changes (「表三 … 10 → 9」), or, for one that changes no number
 * (S5's re-layout of the old format's （六）其他处理 row), its reason.
 */
function fixSummary(fix: FixSuggestion): string {
  return fix.changes.length
    ? fix.changes.map((c) => `${c.label} ${c.from ?? '空白'} → ${c.to}`).join('；')
    : fix.reason;
}

/**
 * The best suggested fix that mends this finding (core's fixesFor: the table identity it fails), under
 * the finding itself: what to change, and a click to do it (undoable, as in 建议修正 above).
 */
function FixForFinding(
  props: Pick<FindingsPanelProps, 'fixes' | 'edition' | 'onApplyFix' | 'onHover'> & {
    readonly finding: Finding;
    readonly apply?: (fix: FixSuggestion) => void;
  },
) {
  const fix = fixesFor(props.finding, props.fixes, props.edition)[0];
  if (!fix) return null;
  const apply = props.apply ?? props.onApplyFix;
  return (
    <div className="finding-fix small" title={fix.changes.length ? fix.reason : undefined}>
      建议：{fixSummary(fix)}
      <button
        type="button"
        className="link small"
        onClick={() => apply(fix)}
        onMouseEnter={() => props.onHover(fix.changes.map((c) => c.cell))}
        onMouseLeave={() => props.onHover(null)}
      >
        应用
      </button>
    </div>
  );
}

/** Counts by severity, the suggested fixes (one click, undoable) and every finding (click → its cell). */
export function FindingsPanel(props: FindingsPanelProps) {
  const triage = props.triage;
  // A dismissed finding no longer counts (as on the server's lists); it stays listed, dimmed.
  const counted = props.findings.filter((f) => !dismissed(triage?.get(f.key)));
  const counts = countFindings(counted);
  const nDismissed = props.findings.length - counted.length;
  const [deciding, setDeciding] = useState<{ key: string; decision: 'confirmed' | 'dismissed' } | null>(null);
  const [reason, setReason] = useState('');
  const [triageBusy, setTriageBusy] = useState(false);
  const [triageError, setTriageError] = useState<{ key: string; message: string } | null>(null);
  const panelRef = useRef<HTMLElement>(null);
  // Focus back to a finding (its form closed, its decision made): not dropped to the page.
  const focusFinding = (key: string) =>
    setTimeout(() =>
      panelRef.current
        ?.querySelector<HTMLElement>(`li[data-finding-key="${key.replace(/"/g, '\\"')}"] button.finding`)
        ?.focus(),
    );
  const closeTriage = (key: string) => {
    setDeciding(null);
    focusFinding(key);
  };
  // A fix applied: its button may go with the list; focus to what says it was applied (and 撤销).
  const appliedRef = useRef<HTMLDivElement>(null);
  const applyFix = (fix: FixSuggestion) => {
    props.onApplyFix(fix);
    setTimeout(() => appliedRef.current?.focus());
  };
  const decide = async (key: string, decision: TriageDecision, why: string) => {
    if (!props.onTriage) return;
    setTriageBusy(true);
    setTriageError(null);
    try {
      await props.onTriage(key, decision, why);
      closeTriage(key);
      setReason('');
    } catch (e) {
      setTriageError({ key, message: errorMessage(e) });
    } finally {
      setTriageBusy(false);
    }
  };
  const [show, setShow] = useState<ReadonlySet<FindingFilter>>(
    new Set(['error', 'crossYear', 'warning', 'info']),
  );
  // Most serious first (stable within a severity: the catalogue's order).
  const visible = bySeverity(props.findings.filter((f) => show.has(severityOf(f))));
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const toggle = (s: FindingFilter) =>
    setShow((cur) => {
      const n = new Set(cur);
      if (n.has(s)) n.delete(s);
      else n.add(s);
      return n;
    });
  const sheet = props.sheet;
  const sheetOpen = !!sheet?.open;
  // The sheet (phones, 200% zoom) is a modal dialog: focus goes into it, stays in it (Tab wraps), Esc
  // closes it from anywhere, and focus goes back to what opened it (查看全部) — unless a finding
  // chosen took it to its cell.
  const opener = useRef<HTMLElement | null>(null);
  const closeRef = useRef(sheet?.onClose);
  closeRef.current = sheet?.onClose;
  useEffect(() => {
    if (!sheetOpen) return;
    opener.current = document.activeElement as HTMLElement | null;
    if (!panelRef.current?.contains(document.activeElement))
      document.getElementById('findings-heading')?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented && !isComposingKey(e)) {
        e.preventDefault();
        closeRef.current?.();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      const back = opener.current;
      const a = document.activeElement;
      if (back?.isConnected && (!a || a === document.body || panelRef.current?.contains(a))) back.focus();
    };
  }, [sheetOpen]);
  return (
    <aside
      ref={panelRef}
      id="findings-panel"
      className={`findings${sheetOpen ? ' sheet-open' : ''}`}
      aria-label="检查结果"
      {...(sheetOpen ? { role: 'dialog', 'aria-modal': true } : {})}
      onKeyDown={(e) => {
        if (e.key !== 'Tab' || !sheetOpen) return;
        const all = [
          ...e.currentTarget.querySelectorAll<HTMLElement>(
            'button:not([disabled]), input, textarea, a[href]',
          ),
        ];
        if (!all.length) return;
        const first = all[0]!;
        const last = all[all.length - 1]!;
        if (
          !e.shiftKey &&
          (document.activeElement === last || !all.includes(document.activeElement as HTMLElement))
        ) {
          e.preventDefault();
          first.focus();
        } else if (
          e.shiftKey &&
          (document.activeElement === first || !all.includes(document.activeElement as HTMLElement))
        ) {
          e.preventDefault();
          last.focus();
        }
      }}
    >
      <div className="findings-head">
        <h2 id="findings-heading" tabIndex={-1}>
          检查结果
        </h2>
        {sheet && (
          <button type="button" className="small sheet-close" onClick={sheet.onClose}>
            关闭
          </button>
        )}
      </div>
      <div className="counts">
        {ORDER.map((s) => (
          <button
            key={s}
            type="button"
            className={`count sev-${s} ${show.has(s) ? 'on' : 'off'}`}
            aria-pressed={show.has(s)}
            onClick={() => toggle(s)}
            data-severity={s}
          >
            {LABEL[s]} <b>{counts[s]}</b>
          </button>
        ))}
      </div>
      {nDismissed > 0 && <p className="muted small dismissed-count">另有 {nDismissed} 条已忽略（不计入）</p>}
      {previousBasisText(props.previousBasis) && (
        <p className="muted small previous-basis" data-testid="previous-basis">
          {previousBasisText(props.previousBasis)}
          {props.previousBasis && 'href' in props.previousBasis && props.previousBasis.href && (
            <>
              {' '}
              <a href={props.previousBasis.href}>查看</a>
            </>
          )}
        </p>
      )}
      {props.lastFix && (
        <div className="notice fix-applied" role="status" tabIndex={-1} ref={appliedRef}>
          已应用修正：
          {fixSummary(props.lastFix)}
          <button type="button" onClick={props.onUndo}>
            撤销
          </button>
        </div>
      )}
      {!props.readOnly && props.fixes.length > 0 && (
        <section className="fixes" aria-label="建议修正">
          <h3>建议修正</h3>
          <ol>
            {props.fixes.slice(0, 5).map((fix, i) => (
              <li
                // biome-ignore lint/suspicious/noArrayIndexKey: ranked list
                key={i}
                onMouseEnter={() => props.onHover(fix.changes.map((c) => c.cell))}
                onMouseLeave={() => props.onHover(null)}
              >
                {fix.changes.length > 0 ? (
                  <div className="fix-changes">
                    {fix.changes.map((c) => (
                      <div key={c.cell}>
                        {c.label}：<del>{c.from ?? '空白'}</del> → <ins>{c.to}</ins>
                      </div>
                    ))}
                  </div>
                ) : (
                  <div className="fix-changes">不改动任何数值</div>
                )}
                <div className="fix-reason">{fix.reason}</div>
                <button type="button" className="primary small" onClick={() => applyFix(fix)}>
                  应用此修正
                </button>
              </li>
            ))}
          </ol>
        </section>
      )}
      {props.fixesPending && <p className="muted">正在计算建议修正…</p>}
      <ul className="finding-list">
        {visible.length === 0 && (
          <li className="muted">没有{[...show].map((s) => LABEL[s]).join('、')}级别的问题。</li>
        )}
        {groupByRule(visible).map((group) => {
          const open = expanded.has(group.key);
          const shown = group.items.length > 3 && !open ? group.items.slice(0, 2) : group.items;
          return [
            ...shown.map((f) => {
              const sev = severityOf(f);
              const t = triage?.get(f.key);
              const decidable = !!triage?.has(f.key) && props.onTriage !== undefined;
              const formOpen = deciding?.key === f.key;
              return (
                <li
                  key={f.key}
                  className={t ? `triaged ${t.decision} ${t.state}` : undefined}
                  data-finding-key={f.key}
                >
                  <button
                    type="button"
                    className={`finding sev-${sev}`}
                    data-rule={f.ruleId}
                    onClick={() => {
                      sheet?.onClose();
                      props.onFocusFinding(f);
                    }}
                    onMouseEnter={() => props.onHover(f.cells)}
                    onMouseLeave={() => props.onHover(null)}
                    onFocus={() => props.onHover(f.cells)}
                    onBlur={() => props.onHover(null)}
                  >
                    <span className={`tag sev-${sev}`}>{LABEL[sev]}</span>
                    <span className="rule">{f.ruleId}</span>
                    <span className="msg">{f.message}</span>
                    {expectation(f) && <span className="ea">{expectation(f)}</span>}
                  </button>
                  {!props.readOnly && <FixForFinding finding={f} {...props} apply={applyFix} />}
                  {t && (
                    <div className={`triage-note ${t.state}`}>
                      {t.state === 'active' ? (
                        <>
                          <b>{DECISION_LABEL[t.decision]}</b>：{t.reason}（{t.by}）
                        </>
                      ) : (
                        <>
                          此前{DECISION_LABEL[t.decision]}（{t.reason}），相关数据已改动，请重新处理
                        </>
                      )}
                      {decidable && (
                        <button
                          type="button"
                          className="link small"
                          disabled={triageBusy}
                          onClick={() => void decide(f.key, 'clear', '')}
                        >
                          撤销
                        </button>
                      )}
                    </div>
                  )}
                  {decidable && (!t || t.state === 'reopened') && !formOpen && (
                    <div className="triage-actions">
                      <button
                        type="button"
                        className="link small"
                        onClick={() => {
                          setDeciding({ key: f.key, decision: 'confirmed' });
                          setReason('');
                        }}
                      >
                        确认…
                      </button>
                      <button
                        type="button"
                        className="link small"
                        onClick={() => {
                          setDeciding({ key: f.key, decision: 'dismissed' });
                          setReason('');
                        }}
                      >
                        忽略…
                      </button>
                    </div>
                  )}
                  {formOpen && deciding && (
                    <form
                      className="triage-form"
                      onSubmit={(e) => {
                        e.preventDefault();
                        void decide(f.key, deciding.decision, reason.trim());
                      }}
                    >
                      <input
                        name="triage-reason"
                        value={reason}
                        placeholder={
                          deciding.decision === 'dismissed' ? '忽略的理由（必填）' : '确认的说明（必填）'
                        }
                        aria-label="理由"
                        maxLength={2000}
                        // biome-ignore lint/a11y/noAutofocus: opened by the user's click, to be typed into at once
                        autoFocus
                        onChange={(e) => setReason(e.target.value)}
                        onKeyDown={(e) => {
                          // Esc while an input method composes the reason: the composition's, not a close
                          if (e.key === 'Escape' && isComposingKey(e)) {
                            e.stopPropagation(); // nor the sheet's
                          } else if (e.key === 'Escape') {
                            // not the sheet's Esc too
                            e.stopPropagation();
                            closeTriage(f.key);
                          }
                        }}
                      />
                      <button
                        type="submit"
                        className="small primary"
                        disabled={reason.trim().length < 2 || triageBusy}
                      >
                        {deciding.decision === 'dismissed' ? '忽略' : '确认'}
                      </button>
                      <button type="button" className="small" onClick={() => closeTriage(f.key)}>
                        取消
                      </button>
                    </form>
                  )}
                  {triageError?.key === f.key && (
                    <p className="error-text small" role="alert">
                      {triageError.message}
                    </p>
                  )}
                </li>
              );
            }),
            group.items.length > 3 ? (
              <li key={`${group.key}:more`}>
                <button
                  type="button"
                  className="link small more"
                  onClick={() =>
                    setExpanded((cur) => {
                      const n = new Set(cur);
                      if (n.has(group.key)) n.delete(group.key);
                      else n.add(group.key);
                      return n;
                    })
                  }
                >
                  {open
                    ? `收起 ${group.key}`
                    : `另有 ${group.items.length - 2} 条 ${group.key}（${group.items[0]!.category}）…`}
                </button>
              </li>
            ) : null,
          ];
        })}
      </ul>
    </aside>
  );
}

/**
 * What an edit did to the errors, said to a screen reader at every width (a polite live region,
 * visually hidden): 「新增错误：T3-B …」 when an edit brings one up, 「错误已消除：T3-B」 when one goes,
 * with the count left. Said once typing pauses (not a word per keystroke); what the report had when
 * opened is not news. Errors and cross-year findings only: the warnings come and go as cells fill.
 */
export function FindingsAnnouncer(props: {
  readonly findings: readonly (Finding & { readonly key: string })[];
  readonly triage?: ReadonlyMap<string, TriageState | null> | undefined;
  /** How long typing must pause before it is said (ms). */
  readonly delay?: number;
}) {
  const serious = (f: Finding) =>
    f.status !== 'unchecked' &&
    (f.severity === 'error' || f.severity === 'crossYear') &&
    !dismissed(props.triage?.get((f as Finding & { key: string }).key));
  const seen = useRef<ReadonlyMap<string, Finding> | null>(null);
  const [text, setText] = useState('');
  const delay = props.delay ?? 700;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the findings (and their triage) are the trigger
  useEffect(() => {
    const now = new Map(props.findings.filter(serious).map((f) => [f.key, f] as const));
    if (!seen.current) {
      seen.current = now;
      return;
    }
    const t = setTimeout(() => {
      const before = seen.current!;
      seen.current = now;
      const added = bySeverity([...now.values()].filter((f) => !before.has(keyOf(f))));
      const gone = [...before.values()].filter((f) => !now.has(keyOf(f)));
      if (!added.length && !gone.length) return;
      const parts: string[] = [];
      if (added.length) {
        const f = added[0]!;
        parts.push(
          `新增${LABEL[severityOf(f)]}：${f.ruleId} ${f.message}${added.length > 1 ? `（另有 ${added.length - 1} 个）` : ''}`,
        );
      }
      if (gone.length)
        parts.push(
          `${gone.length > 1 ? `${gone.length} 个` : ''}${LABEL[severityOf(gone[0]!)]}已消除：${[...new Set(gone.map((f) => f.ruleId))].join('、')}`,
        );
      const errors = [...now.values()].filter((f) => f.severity === 'error').length;
      parts.push(errors ? `现有错误 ${errors} 个` : '没有错误了');
      setText(`${parts.join('。')}。`);
    }, delay);
    return () => clearTimeout(t);
  }, [props.findings, props.triage, delay]);
  return (
    <div className="sr-only" role="status" data-testid="findings-announcer">
      {text}
    </div>
  );
}
const keyOf = (f: Finding) => (f as Finding & { key: string }).key;

/**
 * Phones (CSS shows it only there): a bar fixed at the bottom of the screen with the counts of open
 * findings, and what the last change brought up — a filler who just typed a wrong number reads why
 * at once, not below the three tables. 查看全部 opens the panel as a sheet; the finding named here
 * is one tap from its cell. Which finding: the most serious one that the last change brought up
 * (the findings new since the previous change), else one of the cell with the cursor.
 */
export function FindingsBar(props: {
  readonly findings: readonly (Finding & { readonly key: string })[];
  readonly triage?: ReadonlyMap<string, TriageState | null> | undefined;
  readonly focused: CellId | null;
  readonly open: boolean;
  readonly onOpen: () => void;
  readonly onFocusFinding: (f: Finding) => void;
}) {
  const open = props.findings.filter((f) => !dismissed(props.triage?.get(f.key)));
  const counts = countFindings(open);
  // The keys the last change brought up (none at first: what the report had when opened is not news).
  const seen = useRef<ReadonlySet<string> | null>(null);
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  useEffect(() => {
    const now = new Set(props.findings.map((f) => f.key));
    const before = seen.current;
    seen.current = now;
    if (!before) return;
    const added = [...now].filter((k) => !before.has(k));
    if (added.length) setFresh(new Set(added));
  }, [props.findings]);
  const serious = (f: Finding) => severityOf(f) !== 'unchecked';
  const named =
    bySeverity(open.filter((f) => fresh.has(f.key) && serious(f)))[0] ??
    (props.focused
      ? bySeverity(open.filter((f) => serious(f) && f.cells.includes(props.focused!)))[0]
      : undefined);
  const shown = (['error', 'crossYear', 'warning', 'info'] as const).filter((s) => counts[s] > 0);
  return (
    // Not a live region: it changes on almost every keystroke; FindingsAnnouncer says what matters.
    <section
      className={`findings-bar no-print${props.open ? ' under-sheet' : ''}`}
      aria-label="检查结果摘要"
      data-testid="findings-bar"
    >
      <div className="findings-bar-line">
        <span className="findings-bar-counts">
          {shown.length === 0 ? (
            <span className="ok">没有发现问题</span>
          ) : (
            shown.map((s) => (
              <span key={s} className={`tag sev-${s}`}>
                {LABEL[s]} {counts[s]}
              </span>
            ))
          )}
        </span>
        <button
          type="button"
          className="small"
          aria-controls="findings-panel"
          aria-expanded={props.open}
          onClick={props.onOpen}
        >
          查看全部
        </button>
      </div>
      {named && (
        <button
          type="button"
          className={`finding sev-${severityOf(named)} findings-bar-finding`}
          data-rule={named.ruleId}
          title="到这个单元格"
          onClick={() => props.onFocusFinding(named)}
        >
          <span className={`tag sev-${severityOf(named)}`}>{LABEL[severityOf(named)]}</span>
          <span className="msg">{named.message}</span>
        </button>
      )}
    </section>
  );
}
