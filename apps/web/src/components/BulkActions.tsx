import { useState } from 'react';
import { errorCountWords, openErrors } from '../lib/review';
import { errorMessage, type RouterOutputs, useTRPCClient } from '../trpc';

type Item = RouterOutputs['reports']['list']['items'][number];

interface Plan {
  readonly action: 'approve' | 'publish';
  readonly go: readonly Item[];
  readonly skipped: readonly { item: Item; why: string }[];
}

/** What a bulk step would do with the ticked reports: which act, which are skipped and why. */
export function planBulk(action: 'approve' | 'publish', items: readonly Item[]): Plan {
  const go: Item[] = [];
  const skipped: { item: Item; why: string }[] = [];
  for (const r of items) {
    if (action === 'approve') {
      if (r.status !== 'submitted') skipped.push({ item: r, why: `状态为“${r.statusLabel}”，不是待审核` });
      else if (openErrors(r) > 0)
        skipped.push({
          item: r,
          why: `仍有${errorCountWords(r.openFindings)}，请打开查看后再决定是否通过`,
        });
      else go.push(r);
    } else if (r.status !== 'approved')
      skipped.push({ item: r, why: `状态为“${r.statusLabel}”，尚未审核通过` });
    else if (openErrors(r) > 0)
      // approved one by one with its errors known: still not published unseen in a batch
      skipped.push({
        item: r,
        why: `仍有${errorCountWords(r.openFindings)}，请打开查看后逐份发布`,
      });
    else go.push(r);
  }
  return { action, go, skipped };
}

const VERB = { approve: '审核通过', publish: '发布' } as const;

/** 批量通过 / 批量发布 of the ticked reports: one confirmation listing them, each by the usual procedure. */
export function BulkActions({
  reports,
  onClear,
  onDone,
}: {
  reports: readonly Item[];
  onClear: () => void;
  onDone: () => void;
}) {
  const client = useTRPCClient();
  const [plan, setPlan] = useState<Plan | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: string[]; failed: string[]; skipped: string[] } | null>(null);
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
        ok.push(r.agencyName);
      } catch (e) {
        failed.push(`${r.agencyName}：${errorMessage(e)}`);
      }
    }
    setBusy(false);
    setPlan(null);
    setResult({ ok, failed, skipped: p.skipped.map((s) => `${s.item.agencyName}：${s.why}`) });
    onDone();
  };

  return (
    <div className="bulk-actions no-print" aria-live="polite">
      <div className="row gap wrap">
        <span className="muted small">已选 {reports.length} 份</span>
        <button
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
        <div className="bulk-confirm wf-panel" role="dialog" aria-label={`批量${VERB[plan.action]}`}>
          {plan.go.length > 0 ? (
            <p>
              将{VERB[plan.action]}以下 {plan.go.length} 份报告
              {plan.action === 'publish'
                ? '（以今天为发布日期；发布后即锁定，之后只能以“更正”修改并公开说明。已在别处发布过的报告请逐份发布并填写实际发布日期）'
                : ''}
              ：
            </p>
          ) : (
            <p className="warn-text">所选报告都不能{VERB[plan.action]}。</p>
          )}
          <ul className="bulk-go">
            {plan.go.map((r) => (
              <li key={r.id}>{r.agencyName}</li>
            ))}
          </ul>
          {plan.skipped.length > 0 && (
            <>
              <p className="warn-text">跳过 {plan.skipped.length} 份：</p>
              <ul className="bulk-skipped">
                {plan.skipped.map((s) => (
                  <li key={s.item.id}>
                    {s.item.agencyName}：{s.why}
                  </li>
                ))}
              </ul>
            </>
          )}
          <div className="row gap">
            {plan.go.length > 0 && (
              <button type="button" className="primary" disabled={busy} onClick={() => void run(plan)}>
                {busy ? '正在处理…' : `确认${VERB[plan.action]} ${plan.go.length} 份`}
              </button>
            )}
            <button type="button" disabled={busy} onClick={() => setPlan(null)}>
              取消
            </button>
          </div>
        </div>
      )}
      {result && (
        <div className="bulk-result wf-panel" role="status">
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
