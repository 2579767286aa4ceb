import { useState } from 'react';
import { errorMessage, useTRPCClient } from '../trpc';
import { type AgencyPlan, likelyParent, planAgencies } from './bulk';
import { type AgencyRow, AgencySelect, LineVerdict } from './common';

type Outcome = { ok: true; text: string } | { ok: false; text: string };

/** 批量新建机关: names pasted one a line (an Excel column) under one parent, checked before creating. */
export function BulkAgencies({
  rows,
  preferredParentId = '',
  allowTop = true,
  onCreated,
}: {
  rows: readonly AgencyRow[];
  /** The node the admin is working under (the 上级机关 chosen in 新建机关), if any. */
  preferredParentId?: string;
  /** Whether agencies may be made at the top (管理员); a 审核人 makes them under their node only. */
  allowTop?: boolean;
  onCreated: () => Promise<unknown>;
}) {
  const client = useTRPCClient();
  /** The parent the admin chose here ('' = top level); null: not chosen, the likely one is used. */
  const [chosenParent, setChosenParent] = useState<string | null>(null);
  const likely =
    preferredParentId && rows.some((r) => r.node.id === preferredParentId)
      ? preferredParentId
      : likelyParent(rows.filter((r) => r.depth === 0).map((r) => r.node));
  const parentId = chosenParent ?? likely;
  const [text, setText] = useState('');
  const [plan, setPlan] = useState<AgencyPlan[] | null>(null);
  /** Rows with warnings the admin chose to create all the same (by index in the plan). */
  const [accepted, setAccepted] = useState<ReadonlySet<number>>(new Set());
  const [outcomes, setOutcomes] = useState<Record<number, Outcome>>({});
  const [busy, setBusy] = useState(false);
  const parent = rows.find((r) => r.node.id === parentId)?.node;
  const siblings = (parent ? parent.children : rows.filter((r) => r.depth === 0).map((r) => r.node)).map(
    (n) => n.name,
  );
  const check = () => {
    setPlan(
      planAgencies(
        text,
        siblings,
        rows.map((r) => r.node.name),
      ),
    );
    setAccepted(new Set());
    setOutcomes({});
  };
  const chosen = (plan ?? [])
    .map((p, i) => ({ p, i }))
    .filter(({ p, i }) => !p.refused && (p.warnings.length === 0 || accepted.has(i)) && !outcomes[i]?.ok);
  const create = async () => {
    setBusy(true);
    try {
      for (const { p, i } of chosen) {
        try {
          const a = await client.agencies.create.mutate({ parentId: parentId || null, name: p.name });
          setOutcomes((o) => ({
            ...o,
            [i]: { ok: true, text: `已新建（${a.kind ?? '类型未知'} · ${a.level ?? '层级未知'}）` },
          }));
        } catch (e) {
          setOutcomes((o) => ({ ...o, [i]: { ok: false, text: errorMessage(e) } }));
        }
      }
      await onCreated();
    } finally {
      setBusy(false);
    }
  };
  const made = Object.values(outcomes).filter((o) => o.ok).length;
  const failed = Object.values(outcomes).filter((o) => !o.ok).length;
  return (
    <details className="bulk">
      <summary>批量新建机关（从 Excel 粘贴一列机关名称）</summary>
      <div className="form-grid">
        <label htmlFor="bulk-agency-parent">
          上级机关
          <AgencySelect
            rows={rows}
            name="bulk-agency-parent"
            value={parentId}
            onChange={(id) => {
              setChosenParent(id);
              setPlan(null);
            }}
            empty={allowTop ? '（无：顶级机关）' : '请选择上级机关'}
          />
        </label>
        {chosenParent === null && parent && (
          <p className="muted small" data-testid="bulk-agency-parent-default">
            默认放在“{parent.name}”之下
            {preferredParentId === parent.id ? '（与“新建机关”中选定的上级相同）' : '（本地区的政府）'}
            ，可在此更改。
          </p>
        )}
      </div>
      <label className="bulk-text">
        机关名称，每行一个（类型与层级按名称推断，新建后可逐个修改）
        <textarea
          name="bulk-agency-names"
          rows={6}
          value={text}
          placeholder={'某某县财政局\n某某县司法局\n某某县民政局'}
          onChange={(e) => {
            setText(e.target.value);
            setPlan(null);
          }}
        />
      </label>
      <div className="row gap">
        <button type="button" disabled={!text.trim() || busy} onClick={check}>
          检查
        </button>
        {plan && (
          <button
            type="button"
            className="primary"
            disabled={busy || chosen.length === 0 || (!allowTop && !parent)}
            onClick={() => void create()}
          >
            {busy ? '正在新建…' : `新建 ${chosen.length} 个机关（在${parent?.name ?? '顶级'}之下）`}
          </button>
        )}
      </div>
      {plan && (
        <>
          <p className="small" data-testid="bulk-agency-parent-preview">
            新建在 <b>{parent?.name ?? '顶级（无上级机关）'}</b> 之下
            {chosenParent === null ? '（默认，可在上方“上级机关”中更改）' : ''}。
          </p>
          <p className="small" role="status">
            共 {plan.length} 个名称：{plan.filter((p) => !p.refused && !p.warnings.length).length} 个可新建，
            {plan.filter((p) => !p.refused && p.warnings.length).length} 个有提醒（勾选后才新建），
            {plan.filter((p) => p.refused).length} 个不能新建。
            {(made > 0 || failed > 0) && ` 已新建 ${made} 个${failed ? `，${failed} 个失败` : ''}。`}
          </p>
          <table className="data bulk-preview">
            <thead>
              <tr>
                <th>行</th>
                <th>机关名称</th>
                <th>检查结果</th>
              </tr>
            </thead>
            <tbody>
              {plan.map((p, i) => {
                const o = outcomes[i];
                return (
                  <tr
                    // biome-ignore lint/suspicious/noArrayIndexKey: the plan is rebuilt whole, never reordered
                    key={i}
                    data-bulk-agency={p.name}
                    className={p.refused ? 'refused' : p.warnings.length ? 'warned' : ''}
                  >
                    <td>{p.line}</td>
                    <td>{p.name}</td>
                    <td>
                      {o ? (
                        <span className={o.ok ? 'ok' : 'error-text'}>{o.text}</span>
                      ) : (
                        <LineVerdict plan={p} line={i} accepted={accepted} setAccepted={setAccepted} />
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      )}
    </details>
  );
}
