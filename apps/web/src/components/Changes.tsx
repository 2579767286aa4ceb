import type { CellDiff, ReportDiff, TextOp } from '@nianbao/core';

/**
 * What changed between two versions, in words — the diff of `reports.diff` (历史版本) and of each
 * correction on the public page of a published report: one line a cell
 * (「表三 一、本年新收政府信息公开申请数量 · 自然人：12 → 15」), the text with its insertions and
 * deletions marked.
 */

/** One side of a changed cell: its number (with the unit printed), 空白 (printed blank) or （无） (not in the table). */
export function cellSide(side: CellDiff['before']): string {
  if (!side) return '（无）';
  if (side.value === null) return '空白';
  return side.unit ? `${side.value} ${side.unit}` : String(side.value);
}

/** A changed cell as one line: 「label：before → after」. */
export function cellChangeLine(c: Pick<CellDiff, 'label' | 'before' | 'after'>): string {
  return `${c.label}：${cellSide(c.before)} → ${cellSide(c.after)}`;
}

/** A changed field of meta (what the wire gives: unknown values, possibly absent). */
export interface MetaChange {
  readonly field: string;
  readonly before?: unknown;
  readonly after?: unknown;
}

const META_LABELS: Record<string, string> = {
  'meta.title': '标题',
  'meta.publishedOn': '发布日期',
  'meta.contact': '联系方式',
  'meta.agency': '机关',
  'meta.year': '报告年度',
  'meta.edition': '格式版本',
  'meta.scope': '报告范围',
};

const metaValue = (v: unknown): string | null =>
  v === null || v === undefined || v === '' ? '（无）' : typeof v === 'object' ? null : String(v);

/** A changed field of the report's information: 「发布日期：2025-01-20 → 2025-01-25」, or 「联系方式已更改」. */
export function metaChangeLine(m: MetaChange): string {
  const label = META_LABELS[m.field] ?? m.field;
  const a = metaValue(m.before);
  const b = metaValue(m.after);
  return a !== null && b !== null ? `${label}：${a} → ${b}` : `${label}已更改`;
}

/** A text's changes: what stayed, what was inserted (<ins>) and deleted (<del>). */
export function TextOps({ ops }: { ops: readonly TextOp[] }) {
  return (
    <p className="pre">
      {ops.map((op, i) =>
        op.op === 'equal' ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: ops are ordered
          <span key={i}>{op.text}</span>
        ) : op.op === 'insert' ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: ops are ordered
          <ins key={i}>{op.text}</ins>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: ops are ordered
          <del key={i}>{op.text}</del>
        ),
      )}
    </p>
  );
}

/**
 * A text change shortened to what changed, with a little of what stayed around each change (a
 * section of several pages changed in one word shows that word in its sentence, not the section).
 */
export function trimOps(ops: readonly TextOp[], context = 40): TextOp[] {
  return ops.map((op, i) => {
    if (op.op !== 'equal' || op.text.length <= context * 2 + 1) return op;
    const first = i === 0;
    const last = i === ops.length - 1;
    if (first) return { op: 'equal', text: `…${op.text.slice(-context)}` };
    if (last) return { op: 'equal', text: `${op.text.slice(0, context)}…` };
    return { op: 'equal', text: `${op.text.slice(0, context)} … ${op.text.slice(-context)}` };
  });
}

/** Every change of a diff: cells as lines, then the report's information, then the texts. */
export function Changes({
  changes,
}: {
  changes: Pick<ReportDiff, 'cells' | 'texts'> & { meta: readonly MetaChange[] };
}) {
  const { cells, texts, meta } = changes;
  if (!cells.length && !texts.length && !meta.length) return <p className="muted">内容没有变化。</p>;
  return (
    <div className="changes">
      {(cells.length > 0 || meta.length > 0) && (
        <ul className="change-lines">
          {cells.map((c) => (
            <li key={c.cell} data-cell={c.cell}>
              {c.label}：<del>{cellSide(c.before)}</del> → <ins>{cellSide(c.after)}</ins>
            </li>
          ))}
          {meta.map((m) => (
            <li key={m.field}>{metaChangeLine(m)}</li>
          ))}
        </ul>
      )}
      {texts.map((t) => (
        <div key={t.field} className="diff-text" data-field={t.field}>
          <h4>{t.label}</h4>
          <TextOps ops={trimOps(t.ops)} />
        </div>
      ))}
    </div>
  );
}
