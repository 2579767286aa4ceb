import type { Report, ValidationConfig } from '@nianbao/core';
import { useQueries } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { lateOn } from '../editor/latePublication';
import { errorCountWords, nameWithPlace, openErrors } from '../lib/review';
import { errorMessage, type RouterOutputs, useTRPC, useTRPCClient } from '../trpc';

type Item = RouterOutputs['reports']['list']['items'][number];

interface Plan {
  readonly action: 'approve' | 'publish';
  readonly go: readonly Item[];
  readonly skipped: readonly Skip[];
}

/** A ticked report a bulk step leaves out: why in words, and the kind (for the counts said first). */
interface Skip {
  readonly item: Item;
  readonly why: string;
  readonly kind: 'status' | 'errors';
}

/** What a bulk step would do with the ticked reports: which act, which are skipped and why. */
export function planBulk(action: 'approve' | 'publish', items: readonly Item[]): Plan {
  const go: Item[] = [];
  const skipped: Skip[] = [];
  for (const r of items) {
    if (action === 'approve') {
      if (r.status !== 'submitted')
        skipped.push({ item: r, why: `状态为“${r.statusLabel}”，不是待审核`, kind: 'status' });
      else if (openErrors(r) > 0)
        skipped.push({
          item: r,
          why: `仍有${errorCountWords(r.openFindings)}，请打开查看后再决定是否通过`,
          kind: 'errors',
        });
      else go.push(r);
    } else if (r.status !== 'approved')
      skipped.push({ item: r, why: `状态为“${r.statusLabel}”，尚未审核通过`, kind: 'status' });
    else if (openErrors(r) > 0)
      // approved one by one with its errors known: still not published unseen in a batch
      skipped.push({
        item: r,
        why: `仍有${errorCountWords(r.openFindings)}，请打开查看后逐份发布`,
        kind: 'errors',
      });
    else go.push(r);
  }
  return { action, go, skipped };
}

const VERB = { approve: '审核通过', publish: '发布' } as const;

/**
 * The plan in one line, the skipped first with why (they are listed below the long list of those
 * that go): 「已选 100 份：将审核通过 91 份；跳过 9 份（9 份仍有错误，须逐份打开查看后决定）」.
 */
export function planSummary(plan: Plan): string {
  const verb = VERB[plan.action];
  const n = plan.go.length + plan.skipped.length;
  const errors = plan.skipped.filter((s) => s.kind === 'errors').length;
  const status = plan.skipped.length - errors;
  const why = [
    errors > 0
      ? `${errors} 份仍有错误，须逐份打开查看后${plan.action === 'approve' ? '再决定是否通过' : '逐份发布'}`
      : '',
    status > 0 ? `${status} 份${plan.action === 'approve' ? '不是待审核' : '尚未审核通过'}` : '',
  ]
    .filter(Boolean)
    .join('，');
  return [
    `已选 ${n} 份：${plan.go.length > 0 ? `将${verb} ${plan.go.length} 份` : `都不能${verb}`}`,
    plan.skipped.length > 0 ? `跳过 ${plan.skipped.length} 份（${why}）` : '',
  ]
    .filter(Boolean)
    .join('；');
}

/** 批量通过 / 批量发布 of the ticked reports: one confirmation listing them, each by the usual procedure. */
export function BulkActions({
  reports,
  onClear,
  onDone,
  placeOf,
  config,
}: {
  reports: readonly Item[];
  onClear: () => void;
  onDone: () => void;
  /**
   * Where a report's agency is (its parent…, nearest last) when its name alone does not say which
   * (every county has its 城关镇): the lists name it with the place.
   */
  placeOf?: (r: Item) => readonly string[] | undefined;
  /** The deployment's rule configuration: a late 发布 is said as the rules (F1–F3) will say it. */
  config?: ValidationConfig | undefined;
}) {
  const named = (r: Item) => nameWithPlace(r.agencyName, placeOf?.(r));
  const client = useTRPCClient();
  const trpc = useTRPC();
  const [plan, setPlan] = useState<Plan | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: string[]; failed: string[]; skipped: string[] } | null>(null);
  // The result is shown where the user is: the confirmation (a long list, read down to its end)
  // closes, and the view would stay deep in the table below the message.
  const resultRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!result) return;
    const el = resultRef.current;
    el?.scrollIntoView?.({ block: 'nearest' });
    el?.focus({ preventScroll: true });
  }, [result]);
  // The confirmation takes the focus as it opens (its plan is read out first); 取消 or Esc gives it
  // back to the button that opened it — it was left on nothing (the page's start) as 取消 went away.
  const dialogRef = useRef<HTMLDivElement>(null);
  const openers = { approve: useRef<HTMLButtonElement>(null), publish: useRef<HTMLButtonElement>(null) };
  const shownAction = plan?.action;
  useEffect(() => {
    if (shownAction) dialogRef.current?.focus();
  }, [shownAction]);
  const cancel = () => {
    if (!plan || busy) return;
    const opener = openers[plan.action].current;
    setPlan(null);
    opener?.focus();
  };
  // 批量发布: each report's 发布日期 as the server will record it — the date the report states (an
  // imported report's printed date), else today — read with the report when the dialog opens.
  const toPublish = plan?.action === 'publish' ? plan.go : [];
  const stated = useQueries({
    queries: toPublish.map((r) => ({
      ...trpc.reports.get.queryOptions({ id: r.id }),
      select: (x: RouterOutputs['reports']['get']) => x.report as Report,
    })),
  });
  const today = localIsoDate(new Date());
  const dateOf = (i: number) => {
    const q = stated[i];
    if (!q || q.isLoading) return '发布日期：正在读取…';
    const on = q.data?.meta.publishedOn;
    if (on) return `发布日期 ${on}（报告所写）`;
    return q.isError ? '发布日期：报告所写的日期，未写则为今天' : `发布日期 今天（${today}）`;
  };
  // Publishing on that date late (F1–F3 with the deployment's settings, as the server will find
  // once it is published): said for each before the user confirms — QA saw 「逾期 306 天」 only after.
  const lateOf = (i: number) => {
    const r = stated[i]?.data;
    if (!r) return null;
    try {
      return lateOn(r, r.meta.publishedOn ?? today, config);
    } catch {
      // (a report the rules cannot read says nothing here; the server's check still runs)
      return null;
    }
  };
  const lateCount = toPublish.filter((_, i) => lateOf(i) !== null).length;
  const approvable = reports.filter((r) => r.status === 'submitted').length;
  const publishable = reports.filter((r) => r.status === 'approved').length;

  const run = async (p: Plan) => {
    setBusy(true);
    const ok: string[] = [];
    const failed: string[] = [];
    for (const r of p.go) {
      try {
        if (p.action === 'approve')
          await client.reports.approve.mutate({ id: r.id, expectedVersion: r.version });
        else await client.reports.publish.mutate({ id: r.id, expectedVersion: r.version });
        ok.push(named(r));
      } catch (e) {
        failed.push(`${named(r)}：${errorMessage(e)}`);
      }
    }
    setBusy(false);
    setPlan(null);
    setResult({ ok, failed, skipped: p.skipped.map((s) => `${named(s.item)}：${s.why}`) });
    onDone();
  };

  return (
    <div className="bulk-actions no-print" aria-live="polite">
      <div className="row gap wrap">
        <span className="muted small">已选 {reports.length} 份</span>
        <button
          ref={openers.approve}
          type="button"
          name="bulk-approve"
          disabled={busy || approvable === 0}
          title="审核通过所选的待审核报告（仍有错误的不会通过，确认前列出）"
          onClick={() => {
            setResult(null);
            setPlan(planBulk('approve', reports));
          }}
        >
          批量通过…
        </button>
        <button
          ref={openers.publish}
          type="button"
          name="bulk-publish"
          disabled={busy || publishable === 0}
          title="发布所选的已通过报告（确认前列出）"
          onClick={() => {
            setResult(null);
            setPlan(planBulk('publish', reports));
          }}
        >
          批量发布…
        </button>
        {reports.length > 0 && (
          <button type="button" className="link" onClick={onClear} disabled={busy}>
            清除选择
          </button>
        )}
      </div>
      {plan && (
        <div
          ref={dialogRef}
          className="bulk-confirm wf-panel"
          role="dialog"
          aria-label={`批量${VERB[plan.action]}`}
          tabIndex={-1}
          onKeyDown={(e) => {
            if (e.key !== 'Escape') return;
            e.preventDefault();
            cancel();
          }}
        >
          <p className={plan.go.length > 0 ? 'bulk-plan' : 'bulk-plan warn-text'}>{planSummary(plan)}。</p>
          {plan.action === 'publish' && plan.go.length > 0 && (
            <p className="small bulk-date">
              发布日期：报告中写明了发布日期的，按报告所写的日期记录；没有写明的，以今天（
              {localIsoDate(new Date())}
              ）为发布日期。实际已在别处发布、报告中却没有写明日期的，请逐份发布并填写实际发布日期。发布后即锁定，之后只能以“更正”修改并公开说明。
            </p>
          )}
          {plan.action === 'publish' && lateCount > 0 && (
            <p className="warn-text bulk-late" role="alert" data-testid="bulk-publish-late">
              其中 {lateCount}{' '}
              份发布逾期（见下方各份），发布后将记入检查结果并计入汇总，之后的更正也无法消除。
            </p>
          )}
          <div className="row gap">
            {plan.go.length > 0 && (
              <button type="button" className="primary" disabled={busy} onClick={() => void run(plan)}>
                {busy ? '正在处理…' : `确认${VERB[plan.action]} ${plan.go.length} 份`}
              </button>
            )}
            <button type="button" disabled={busy} onClick={cancel}>
              取消
            </button>
          </div>
          {plan.skipped.length > 0 && (
            <>
              <p className="warn-text">跳过的 {plan.skipped.length} 份：</p>
              <ul className="bulk-skipped">
                {plan.skipped.map((s) => (
                  <li key={s.item.id}>
                    {named(s.item)}：{s.why}
                  </li>
                ))}
              </ul>
            </>
          )}
          {plan.go.length > 0 && (
            <>
              <p>
                将{VERB[plan.action]}的 {plan.go.length} 份：
              </p>
              <ul className="bulk-go">
                {plan.go.map((r, i) => (
                  <li key={r.id}>
                    {named(r)}
                    {plan.action === 'publish' && <span className="bulk-date-of">：{dateOf(i)}</span>}
                    {plan.action === 'publish' &&
                      (() => {
                        const late = lateOf(i);
                        return late ? (
                          <span className="warn-text bulk-late-of">
                            {' '}
                            — 发布逾期：{late.message}（{late.ruleId}）
                          </span>
                        ) : null;
                      })()}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
      {result && (
        <div className="bulk-result wf-panel" role="status" ref={resultRef} tabIndex={-1}>
          {result.ok.length > 0 && (
            <p className="ok">
              已完成 {result.ok.length} 份：{result.ok.join('、')}
            </p>
          )}
          {result.skipped.length > 0 && (
            <p className="warn-text">
              未处理 {result.skipped.length} 份：{result.skipped.join('；')}
            </p>
          )}
          {result.failed.length > 0 && (
            <p className="error-text">
              失败 {result.failed.length} 份：{result.failed.join('；')}
            </p>
          )}
        </div>
      )}
    </div>
  );
}

/** Today in the browser's own calendar (YYYY-MM-DD), as the server takes it for a report stating no date. */
function localIsoDate(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
