import {
  countFindings,
  type Finding,
  keyFindings,
  SEVERITY_LABELS,
  type ValidationConfig,
} from '@nianbao/core';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { cellLabels } from '../grid/labels';
import { isComposingKey } from '../lib/ime';
import {
  errorCountWords,
  fetchAllPages,
  findingLine,
  listedIds,
  loadReturnDraft,
  loadReviewQueue,
  nextWaiting,
  saveReturnDraft,
} from '../lib/review';
import { href, navigate } from '../router';
import { errorMessage, type RouterOutputs, useTRPC, useTRPCClient } from '../trpc';
import { lateOn } from './latePublication';

type ReportInfo = RouterOutputs['reports']['get'];

/** The server's limit of a review comment (reports.return). */
const COMMENT_MAX = 2000;

/** Submit, return with a comment, approve, publish — what the user may do now, and the reviewer's comment. */
export function Workflow(props: {
  info: ReportInfo;
  dirty: boolean;
  findings: readonly Finding[];
  /** Table cells still blank in what the user sees (没有数据的应填 0). */
  blankCells: number;
  /** The version the form shows: approved as such, never a newer one not on screen. */
  shownVersion: number;
  /**
   * The version on screen now, read after `save` (which may have made a newer one than this render's
   * `shownVersion`): what 提交审核 hands in — never a version saved elsewhere meanwhile, unseen.
   */
  versionNow?: () => number;
  save: () => Promise<boolean>;
  onChanged: () => void;
  /** The next report of the reviewer's filtered list (「通过并打开下一份」), if any. */
  next?: { readonly id: string; readonly open: () => void | Promise<void> } | null;
  /** Opens 历史版本 (the diff since the last return). */
  onOpenHistory?: () => void;
  /** The 发布日期 printed in the report (an imported report published elsewhere), if any. */
  printedPublishedOn?: string | undefined;
  /** The deployment's rule configuration: the 发布 confirmation says a late date as the rules will. */
  config?: ValidationConfig;
}) {
  const { info } = props;
  const p = info.permissions;
  const client = useTRPCClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // What a step just did (「已提交审核」 …): said, and focused — the button pressed is gone.
  const [done, setDone] = useState<string | null>(null);
  const doneRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);
  // Focus to a control of this bar once it is on screen (a confirmation's button, the one that opened it).
  const focusSoon = (wf: string) =>
    setTimeout(() => document.querySelector<HTMLElement>(`[data-wf="${wf}"]`)?.focus(), 0);
  const ask = (step: 'submit' | 'approve' | 'publish') => {
    setDone(null);
    setConfirming(step);
    focusSoon(`confirm-${step}`);
  };
  const cancelAsk = () => {
    const step = confirming;
    setConfirming(null);
    if (step) focusSoon(`ask-${step}`);
  };
  const closeReturn = (discard: boolean) => {
    setReturning(false);
    if (discard) setComment('');
    focusSoon('ask-return');
  };
  /** The step asked about first (submit with errors or blanks, approve with errors, publish). */
  const [confirming, setConfirming] = useState<'submit' | 'approve' | 'publish' | null>(null);
  // An unsent return comment is kept (this tab, per report) until sent: Back and Forward, a reload
  // or another report in between do not lose it; the form opens again with it.
  const [comment, setCommentState] = useState(() => loadReturnDraft(info.id));
  const [returning, setReturning] = useState(() => p.return && comment !== '');
  const setComment = (text: string) => {
    setCommentState(text);
    saveReturnDraft(info.id, text);
  };
  const [approveComment, setApproveComment] = useState('');
  // 发布日期: today unless the report was published elsewhere before (a past year's report entered
  // afterwards): then its real date, so F1/F2 judge the real publication, not the day of entry
  const [publishedOn, setPublishedOn] = useState(props.printedPublishedOn ?? '');
  const today = localIsoDate(new Date());
  // Publishing on the chosen date (today when none) after the deadline: said before 确认发布.
  const late = confirming === 'publish' ? lateOn(info.report, publishedOn || today, props.config) : null;
  const [picking, setPicking] = useState<ReadonlySet<number>>(new Set());
  const trpc = useTRPC();
  // Errors and cross-year findings both stop a report being right: asked about before a step, in
  // the findings panel's words (错误 …、跨年 …) and counted as it counts them — a finding dismissed
  // in triage (「另有 1 条已忽略」) is not counted. The triage is the editor's own query (same key:
  // the saved version's decisions), read from its cache.
  const triage = useQuery({
    queryKey: ['nianbao-triage', info.id, props.shownVersion],
    queryFn: () => client.checks.validate.mutate({ id: info.id }),
    enabled: !!p.triage,
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });
  const dismissedKeys = new Set(
    (triage.data?.findings ?? [])
      .filter((f) => f.triage?.decision === 'dismissed' && f.triage.state === 'active')
      .map((f) => f.key),
  );
  const counted = countFindings(
    dismissedKeys.size
      ? keyFindings(props.findings).filter((f) => !dismissedKeys.has(f.key))
      : props.findings,
  );
  const errors = counted.error + counted.crossYear;
  const errorWords = errorCountWords(counted);
  // The last return, for a report handed in again: its comment and the diff since.
  const history = useQuery({
    ...trpc.reports.history.queryOptions({ id: info.id }),
    enabled: info.status === 'submitted' && (p.approve || p.return),
  });
  const lastReturn = history.data?.events.filter((e) => e.action === 'return').at(-1);
  // 通过并打开下一份 opens the next report waiting for review (已提交) of the reviewer's list, not
  // the next row (one already 已通过 or 已发布): the list as the region page reads it (its cache).
  const queryClient = useQueryClient();
  const [queue] = useState(loadReviewQueue);
  const queueView = p.approve ? queue?.view : undefined;
  const tree = useQuery({ ...trpc.agencies.tree.queryOptions(), enabled: !!queueView });
  const listInput = { year: queueView?.year ?? 0, regionId: queueView?.node ?? '', limit: 500 };
  const listOptions = {
    queryKey: trpc.reports.list.queryKey(listInput),
    queryFn: () =>
      fetchAllPages((cursor) => client.reports.list.query({ ...listInput, ...(cursor ? { cursor } : {}) })),
  };
  const list = useQuery({ ...listOptions, enabled: !!queueView });
  type Listed = NonNullable<typeof list.data>['items'][number];
  const waitingAfter = (items: readonly Listed[]) => {
    if (!queueView || !tree.data) return null;
    const byId = new Map(items.map((r) => [r.id, r]));
    const id = nextWaiting(
      queue,
      info.id,
      listedIds(tree.data, items, queueView),
      (x) => byId.get(x)?.status,
    );
    return id ? (byId.get(id) ?? null) : null;
  };
  // undefined: not known (not opened from the list, or the list not read yet)
  const nextUp = queueView && tree.data && list.data ? waitingAfter(list.data.items) : undefined;
  const [noneLeft, setNoneLeft] = useState(false);
  const approveNext = async () => {
    if (!queueView) return props.next?.open();
    // read again: another reviewer may have approved some meanwhile
    await queryClient.invalidateQueries({ queryKey: trpc.reports.list.pathKey() });
    const fresh = await queryClient.fetchQuery(listOptions);
    const target = waitingAfter(fresh.items);
    if (target) navigate(href.report(target.id));
    else setNoneLeft(true);
  };
  // Unsent text: the browser asks before a reload or close; an in-page link asks too.
  const unsent = returning && comment.trim() !== '';
  useEffect(() => {
    if (!unsent) return;
    const beforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    const onClick = (e: MouseEvent) => {
      const a = (e.target as Element | null)?.closest?.('a[href^="#"]');
      if (!a || e.defaultPrevented) return;
      if (!window.confirm('退回意见尚未发送（已暂存在本标签页，回到本报告时仍在）。确定离开吗？'))
        e.preventDefault();
    };
    window.addEventListener('beforeunload', beforeUnload);
    document.addEventListener('click', onClick, true);
    return () => {
      window.removeEventListener('beforeunload', beforeUnload);
      document.removeEventListener('click', onClick, true);
    };
  }, [unsent]);
  // The findings for 把检查结果写入意见: those nobody has decided on first; one the 填报人 (or a
  // reviewer) already confirmed or dismissed comes after, with that decision and its reason — in the
  // list and in the line inserted — never as if it were still open.
  const decisions = new Map(
    (triage.data?.findings ?? [])
      .filter((f) => f.triage && f.triage.state === 'active')
      .map((f) => [f.key, f.triage!] as const),
  );
  const keyedFailed = keyFindings(props.findings).filter((f) => f.status === 'failed');
  const failed = [
    ...keyedFailed.filter((f) => !decisions.has(f.key)),
    ...keyedFailed.filter((f) => decisions.has(f.key)),
  ];
  const decided = (f: (typeof failed)[number]) => {
    const t = decisions.get(f.key);
    if (!t) return '';
    const who = t.by ?? '';
    return t.decision === 'confirmed'
      ? `（${who}已确认${t.reason ? `：${t.reason}` : ''}）`
      : `（${who}已忽略：${t.reason || '未写理由'}）`;
  };
  const lineOf = (f: (typeof failed)[number]) => findingLine(f, labels) + decided(f);
  const openIndexes = failed.flatMap((f, i) => (decisions.has(f.key) ? [] : [i]));
  const allOpenPicked = openIndexes.length > 0 && openIndexes.every((i) => picking.has(i));
  const labels = cellLabels(info.report.meta.edition);

  const run = async (what: () => Promise<unknown>, said?: string, conflictSaid?: string) => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      await what();
      if (said) setDone(said);
      setConfirming(null);
      setReturning(false);
      setComment('');
      setApproveComment('');
      props.onChanged();
    } catch (e) {
      // Someone else may have moved the report meanwhile (published, returned): show it as it is
      // now, so the buttons offered are those that still apply.
      const code = (e as { data?: { appCode?: string } } | null)?.data?.appCode;
      // A newer version saved elsewhere (another tab, a colleague): read again below, to check first.
      setError(code === 'VERSION_CONFLICT' && conflictSaid ? conflictSaid : errorMessage(e));
      if (code && code !== 'REASON_REQUIRED' && code !== 'INVALID_INPUT') {
        setConfirming(null);
        setReturning(false);
        props.onChanged();
      }
    } finally {
      setBusy(false);
    }
  };

  const approve = (then?: () => void | Promise<void>) =>
    run(
      async () => {
        const note = approveComment.trim();
        await client.reports.approve.mutate({
          id: info.id,
          expectedVersion: props.shownVersion,
          ...(note ? { comment: note } : {}),
        });
        await then?.();
      },
      '已审核通过',
      '报告已被修改为新的一版，本次未通过：表格已换为新的一版，请核对后再审核',
    );

  return (
    <>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: Esc from any of its buttons takes a question back */}
      <span
        className="row gap wrap workflow"
        onKeyDown={(e) => {
          // Esc takes back a question asked (提交审核…, 审核通过…, 发布…): focus back to its button.
          // (Esc cancelling a candidate in 通过意见 is the input method's: the question stays.)
          if (e.key === 'Escape' && confirming && !isComposingKey(e)) {
            e.preventDefault();
            cancelAsk();
          }
        }}
      >
        {p.submit &&
          (confirming !== 'submit' && (errors > 0 || props.blankCells > 0) ? (
            <button type="button" disabled={busy} data-wf="ask-submit" onClick={() => ask('submit')}>
              提交审核…
            </button>
          ) : (
            <>
              {(errors > 0 || props.blankCells > 0) && (
                <span className="warn-text" role={confirming === 'submit' ? 'alert' : undefined}>
                  {[
                    errors > 0 ? `仍有${errorWords}` : '',
                    props.blankCells > 0 ? `${props.blankCells} 个单元格空白（没有数据的应填 0）` : '',
                  ]
                    .filter(Boolean)
                    .join('，')}
                  ，确定要提交吗？
                </span>
              )}
              <button
                type="button"
                className="primary"
                disabled={busy}
                data-wf="confirm-submit"
                onClick={() =>
                  void run(
                    async () => {
                      if (!(await props.save())) throw new Error('请先处理保存问题');
                      await client.reports.submit.mutate({
                        id: info.id,
                        expectedVersion: props.versionNow?.() ?? props.shownVersion,
                      });
                    },
                    '已提交审核，等待审核人审核',
                    '报告已在别处保存了新的一版，本次未提交：表格已换为新的一版，请核对后再提交审核',
                  )
                }
              >
                {errors > 0 || props.blankCells > 0 ? '确认提交审核' : '提交审核'}
              </button>
              {confirming === 'submit' && (
                <button type="button" disabled={busy} onClick={cancelAsk}>
                  取消
                </button>
              )}
            </>
          ))}
        {p.approve &&
          (errors > 0 && confirming !== 'approve' ? (
            <button
              type="button"
              disabled={busy}
              title={`仍有${errorWords}：点击后先询问，确认后才通过`}
              data-wf="ask-approve"
              onClick={() => ask('approve')}
            >
              审核通过…
            </button>
          ) : (
            <>
              {errors > 0 && (
                <span className="warn-text" role="alert">
                  仍有{errorWords}，确定审核通过吗？
                </span>
              )}
              <button
                type="button"
                className="primary"
                disabled={busy}
                data-wf="confirm-approve"
                title={errors > 0 ? undefined : '没有错误：点击即审核通过，不再询问'}
                onClick={() => void approve()}
              >
                {errors > 0 ? '确认审核通过' : '审核通过'}
              </button>
              {errors > 0 && (
                <button type="button" disabled={busy} onClick={cancelAsk}>
                  取消
                </button>
              )}
              {errors === 0 && (
                <span className="muted small wf-hint">
                  点击即通过{counted.warning > 0 ? `（另有警告 ${counted.warning} 个，不影响通过）` : ''}
                </span>
              )}
            </>
          ))}
        {p.approve &&
          (nextUp || (!queueView && props.next)) &&
          (errors === 0 || confirming === 'approve') && (
            <button
              type="button"
              name="approve-next"
              disabled={busy}
              title={
                nextUp
                  ? `审核通过本报告，并打开列表中下一份待审核的报告（${nextUp.agencyName}）`
                  : '审核通过本报告，并打开筛选列表中的下一份'
              }
              onClick={() => void approve(approveNext)}
            >
              通过并打开下一份
            </button>
          )}
        {p.approve && nextUp === null && (
          <span className="muted small wf-none-left">列表中没有其他待审核的报告</span>
        )}
        {p.approve && (
          <input
            name="approve-comment"
            className="approve-comment"
            placeholder="通过意见（可选）"
            maxLength={COMMENT_MAX}
            value={approveComment}
            onChange={(e) => setApproveComment(e.target.value)}
            aria-label="审核通过意见（可选，记入流转记录）"
          />
        )}
        {/* After 审核通过 the spot says so: 发布… comes beside it, never under the pointer. */}
        {info.status === 'approved' && (p.publish || p.return) && (
          <span className="wf-done">✓ 已审核通过</span>
        )}
        {p.return && !returning && (
          <button
            type="button"
            disabled={busy}
            data-wf="ask-return"
            onClick={() => {
              setDone(null);
              setReturning(true);
            }}
          >
            退回修改…
          </button>
        )}
        {p.publish &&
          (confirming !== 'publish' ? (
            <button
              type="button"
              className="primary"
              disabled={busy}
              data-wf="ask-publish"
              onClick={() => {
                // a refusal of an earlier try (a date out of range) is not this try's
                setError(null);
                ask('publish');
              }}
            >
              发布…
            </button>
          ) : (
            <>
              <span className="warn-text" role="alert">
                发布后报告即锁定，之后只能以“更正”修改并公开说明，确定发布吗？
              </span>
              <label className="wf-published-on">
                发布日期{' '}
                <input
                  type="date"
                  name="publishedOn"
                  value={publishedOn}
                  max={today}
                  onChange={(e) => setPublishedOn(e.target.value)}
                />
                <small>
                  {publishedOn === '' || publishedOn === today
                    ? '今天发布；已在别处发布过的报告（如补录往年报告）请填实际发布日期'
                    : `按 ${publishedOn} 已发布记录，并据此检查是否按时发布`}
                </small>
              </label>
              {late && (
                <span className="warn-text wf-late" role="alert" data-testid="publish-late">
                  {`发布逾期：${late.message}。发布后将记为${SEVERITY_LABELS[late.severity]}（${late.ruleId}），计入汇总，之后的更正也无法消除。`}
                </span>
              )}
              <button
                type="button"
                className="primary"
                disabled={busy}
                data-wf="confirm-publish"
                onClick={() =>
                  void run(
                    () =>
                      client.reports.publish.mutate({
                        id: info.id,
                        ...(publishedOn !== '' && publishedOn !== today ? { publishedOn } : {}),
                      }),
                    '已发布',
                  )
                }
              >
                确认发布
              </button>
              <button type="button" disabled={busy} onClick={cancelAsk}>
                取消
              </button>
            </>
          ))}
        {info.status === 'published' && (
          <span className="ok">
            已发布（第 {info.publishedVersion} 版{info.publishedOn ? `，发布日期 ${info.publishedOn}` : ''}）
          </span>
        )}
      </span>
      {info.reviewComment && (info.status === 'returned' || info.status === 'draft') && (
        <div className="notice review-comment wf-panel" role="note">
          <b>审核意见：</b>
          <span className="pre">{info.reviewComment}</span>
        </div>
      )}
      {info.status === 'submitted' && lastReturn && (p.approve || p.return) && (
        <div className="notice resubmitted-note wf-panel" role="note">
          <b>退回后重新提交</b>：{new Date(lastReturn.at).toLocaleString('zh-CN', { hour12: false })}{' '}
          {lastReturn.actor} 退回，意见：<span className="pre">{lastReturn.comment}</span>
          {props.onOpenHistory && (
            <>
              {' '}
              <button type="button" className="link" onClick={props.onOpenHistory}>
                查看退回以来的修改
              </button>
            </>
          )}
        </div>
      )}
      {returning && (
        <form
          className="return-form wf-panel"
          onSubmit={(e) => {
            e.preventDefault();
            if (!comment.trim()) return setError('退回时必须填写审核意见');
            void run(
              () => client.reports.return.mutate({ id: info.id, comment: comment.trim() }),
              '已退回修改，填报人可以看到审核意见',
            );
          }}
        >
          <label>
            审核意见（必填，{comment.length}/{COMMENT_MAX} 字）
            <textarea
              name="review-comment"
              rows={3}
              maxLength={COMMENT_MAX}
              // biome-ignore lint/a11y/noAutofocus: the form opens on the reviewer's click, to be typed into at once
              autoFocus
              value={comment}
              onChange={(e) => setComment(e.target.value)}
              onKeyDown={(e) => {
                // the text typed stays (暂存); focus back to 退回修改…
                // (Esc while an input method composes the comment cancels the composition only)
                if (e.key === 'Escape' && !isComposingKey(e)) closeReturn(false);
              }}
            />
          </label>
          {failed.length > 0 && (
            <fieldset className="return-findings">
              <legend>把检查结果写入意见（勾选后点“插入”）</legend>
              <ul>
                {failed.map((f, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: the findings of the version on screen, in order
                  <li key={i}>
                    <label>
                      <input
                        type="checkbox"
                        name="return-finding"
                        checked={picking.has(i)}
                        onChange={(e) => {
                          const n = new Set(picking);
                          if (e.target.checked) n.add(i);
                          else n.delete(i);
                          setPicking(n);
                        }}
                      />{' '}
                      {findingLine(f, labels)}
                      {decisions.has(f.key) && (
                        <span className="muted return-decided" data-testid="return-decided">
                          {decided(f)}
                        </span>
                      )}
                    </label>
                  </li>
                ))}
              </ul>
              <div className="row gap">
                <button
                  type="button"
                  className="small"
                  disabled={picking.size === 0}
                  onClick={() => {
                    const lines = failed.filter((_, i) => picking.has(i)).map(lineOf);
                    const base = comment.replace(/\s+$/, '');
                    setComment((base ? `${base}\n` : '') + lines.join('\n'));
                    setPicking(new Set());
                  }}
                >
                  插入所选 {picking.size} 条
                </button>
                <button
                  type="button"
                  className="small link"
                  onClick={() => setPicking(allOpenPicked ? new Set() : new Set(openIndexes))}
                >
                  {allOpenPicked ? '全不选' : openIndexes.length < failed.length ? '全选未处理的' : '全选'}
                </button>
              </div>
            </fieldset>
          )}
          <div className="row gap">
            <button type="submit" className="primary" disabled={busy}>
              退回
            </button>
            <button type="button" onClick={() => closeReturn(true)}>
              {comment.trim() ? '取消（放弃意见）' : '取消'}
            </button>
            {comment.trim() && (
              <span className="muted small">未发送的意见暂存在本标签页，离开后回来仍在</span>
            )}
          </div>
        </form>
      )}
      {done && (
        <p className="ok wf-panel wf-done-msg" role="status" tabIndex={-1} ref={doneRef}>
          {done}
        </p>
      )}
      {noneLeft && queue && (
        <p className="ok wf-panel" role="status">
          已审核通过。列表{queue.label ? `（${queue.label}）` : ''}中已没有待审核的报告。{' '}
          <a href={queue.back}>返回列表</a>
        </p>
      )}
      {error && (
        <p className="error-text wf-panel" role="alert">
          {error}
        </p>
      )}
    </>
  );
}

/** A date as YYYY-MM-DD in the browser's own calendar (what a date input shows and takes). */
function localIsoDate(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
