import { countFindings, type Finding } from '@nianbao/core';
import { useState } from 'react';
import { errorMessage, type RouterOutputs, useTRPCClient } from '../trpc';

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
  save: () => Promise<boolean>;
  onChanged: () => void;
}) {
  const { info } = props;
  const p = info.permissions;
  const client = useTRPCClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** The step asked about first (submit with errors or blanks, approve with errors, publish). */
  const [confirming, setConfirming] = useState<'submit' | 'approve' | 'publish' | null>(null);
  const [returning, setReturning] = useState(false);
  const [comment, setComment] = useState('');
  // Errors and cross-year findings both stop a report being right: asked about before a step.
  const counted = countFindings(props.findings);
  const errors = counted.error + counted.crossYear;
  const cross = counted.crossYear ? `（其中跨年 ${counted.crossYear} 个）` : '';

  const run = async (what: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await what();
      setConfirming(null);
      setReturning(false);
      setComment('');
      props.onChanged();
    } catch (e) {
      setError(errorMessage(e));
      // Someone else may have moved the report meanwhile (published, returned): show it as it is
      // now, so the buttons offered are those that still apply.
      const code = (e as { data?: { appCode?: string } } | null)?.data?.appCode;
      if (code && code !== 'REASON_REQUIRED' && code !== 'INVALID_INPUT') {
        setConfirming(null);
        setReturning(false);
        props.onChanged();
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <span className="row gap wrap workflow">
        {p.submit &&
          (confirming !== 'submit' && (errors > 0 || props.blankCells > 0) ? (
            <button type="button" disabled={busy} onClick={() => setConfirming('submit')}>
              提交审核…
            </button>
          ) : (
            <>
              {(errors > 0 || props.blankCells > 0) && (
                <span className="warn-text">
                  {[
                    errors > 0 ? `仍有 ${errors} 个错误${cross}` : '',
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
                onClick={() =>
                  void run(async () => {
                    if (!(await props.save())) throw new Error('请先处理保存问题');
                    await client.reports.submit.mutate({ id: info.id });
                  })
                }
              >
                {errors > 0 || props.blankCells > 0 ? '确认提交审核' : '提交审核'}
              </button>
            </>
          ))}
        {p.approve &&
          (errors > 0 && confirming !== 'approve' ? (
            <button type="button" disabled={busy} onClick={() => setConfirming('approve')}>
              审核通过…
            </button>
          ) : (
            <>
              {errors > 0 && (
                <span className="warn-text">
                  仍有 {errors} 个错误{cross}，确定审核通过吗？
                </span>
              )}
              <button
                type="button"
                className="primary"
                disabled={busy}
                onClick={() =>
                  void run(() =>
                    client.reports.approve.mutate({ id: info.id, expectedVersion: props.shownVersion }),
                  )
                }
              >
                {errors > 0 ? '确认审核通过' : '审核通过'}
              </button>
            </>
          ))}
        {p.return && !returning && (
          <button type="button" disabled={busy} onClick={() => setReturning(true)}>
            退回修改…
          </button>
        )}
        {p.publish &&
          (confirming !== 'publish' ? (
            <button
              type="button"
              className="primary"
              disabled={busy}
              onClick={() => setConfirming('publish')}
            >
              发布…
            </button>
          ) : (
            <>
              <span className="warn-text">
                发布后报告即锁定，之后只能以“更正”修改并公开说明，确定发布吗？
              </span>
              <button
                type="button"
                className="primary"
                disabled={busy}
                onClick={() => void run(() => client.reports.publish.mutate({ id: info.id }))}
              >
                确认发布
              </button>
              <button type="button" disabled={busy} onClick={() => setConfirming(null)}>
                取消
              </button>
            </>
          ))}
        {info.status === 'published' && <span className="ok">已发布（第 {info.publishedVersion} 版）</span>}
      </span>
      {info.reviewComment && (info.status === 'returned' || info.status === 'draft') && (
        <div className="notice review-comment wf-panel" role="note">
          <b>审核意见：</b>
          <span className="pre">{info.reviewComment}</span>
        </div>
      )}
      {returning && (
        <form
          className="return-form wf-panel"
          onSubmit={(e) => {
            e.preventDefault();
            if (!comment.trim()) return setError('退回时必须填写审核意见');
            void run(() => client.reports.return.mutate({ id: info.id, comment: comment.trim() }));
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
                if (e.key === 'Escape') setReturning(false);
              }}
            />
          </label>
          <div className="row gap">
            <button type="submit" className="primary" disabled={busy}>
              退回
            </button>
            <button type="button" onClick={() => setReturning(false)}>
              取消
            </button>
          </div>
        </form>
      )}
      {error && (
        <p className="error-text wf-panel" role="alert">
          {error}
        </p>
      )}
    </>
  );
}
