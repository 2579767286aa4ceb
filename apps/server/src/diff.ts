import { cellLabel, type Report, SECTION_KEYS } from '@nianbao/core';

export interface CellChange {
  readonly cell: string;
  readonly label: string;
  readonly before: { value: number | null; raw?: string; unit?: string } | null;
  readonly after: { value: number | null; raw?: string; unit?: string } | null;
}

export interface TextOp {
  readonly op: 'equal' | 'insert' | 'delete';
  readonly text: string;
}

export interface TextChange {
  readonly field: string;
  readonly label: string;
  readonly before: string | null;
  readonly after: string | null;
  readonly ops: readonly TextOp[];
}

export interface ReportDiff {
  readonly cells: readonly CellChange[];
  readonly texts: readonly TextChange[];
  readonly meta: readonly { field: string; before: unknown; after: unknown }[];
}

const SECTION_LABELS: Record<string, string> = {
  preamble: '前言',
  overview: '一、总体情况',
  activeDisclosure: '二、主动公开政府信息情况',
  applications: '三、收到和处理政府信息公开申请情况',
  reviewLitigation: '四、政府信息公开行政复议、行政诉讼情况',
  problems: '五、存在的主要问题及改进情况',
  other: '六、其他需要报告的事项',
};

/** Split Chinese prose into sentences (keeping the punctuation), the unit of the text diff. */
export function sentences(s: string): string[] {
  return s.match(/[^。！？；\n]*[。！？；\n]|[^。！？；\n]+$/g) ?? [];
}

/** LCS diff over tokens; adjacent ops of one kind are merged. */
export function diffTokens(a: readonly string[], b: readonly string[]): TextOp[] {
  const n = a.length;
  const m = b.length;
  // Trim the common prefix and suffix first: edits are usually local.
  let start = 0;
  while (start < n && start < m && a[start] === b[start]) start++;
  let endA = n;
  let endB = m;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const ops: TextOp[] = [];
  const push = (op: TextOp['op'], text: string) => {
    if (!text) return;
    const last = ops[ops.length - 1];
    if (last && last.op === op) ops[ops.length - 1] = { op, text: last.text + text };
    else ops.push({ op, text });
  };
  push('equal', a.slice(0, start).join(''));
  const x = a.slice(start, endA);
  const y = b.slice(start, endB);
  if (x.length * y.length > 4_000_000) {
    push('delete', x.join(''));
    push('insert', y.join(''));
  } else {
    const w = y.length + 1;
    const L = new Uint32Array((x.length + 1) * w);
    for (let i = x.length - 1; i >= 0; i--)
      for (let j = y.length - 1; j >= 0; j--)
        L[i * w + j] =
          x[i] === y[j] ? L[(i + 1) * w + j + 1]! + 1 : Math.max(L[(i + 1) * w + j]!, L[i * w + j + 1]!);
    let i = 0;
    let j = 0;
    while (i < x.length && j < y.length) {
      if (x[i] === y[j]) {
        push('equal', x[i]!);
        i++;
        j++;
      } else if (L[(i + 1) * w + j]! >= L[i * w + j + 1]!) push('delete', x[i++]!);
      else push('insert', y[j++]!);
    }
    while (i < x.length) push('delete', x[i++]!);
    while (j < y.length) push('insert', y[j++]!);
  }
  push('equal', a.slice(endA).join(''));
  return ops;
}

/** Sentence-level diff, refined to characters where one sentence was replaced by one sentence. */
export function diffText(before: string, after: string): TextOp[] {
  const coarse = diffTokens(sentences(before), sentences(after));
  const out: TextOp[] = [];
  for (let k = 0; k < coarse.length; k++) {
    const op = coarse[k]!;
    const next = coarse[k + 1];
    if (op.op === 'delete' && next?.op === 'insert' && op.text.length * next.text.length <= 250_000) {
      out.push(...diffTokens([...op.text], [...next.text]));
      k++;
    } else out.push(op);
  }
  return out;
}

const cellView = (c: Report['cells'][string] | undefined): CellChange['before'] =>
  c === undefined
    ? null
    : {
        value: c.value,
        ...(c.raw !== undefined ? { raw: c.raw } : {}),
        ...(c.unit !== undefined ? { unit: c.unit } : {}),
      };

/** Cell by cell and text by text: what changed from one version to another. */
export function diffReports(before: Report, after: Report): ReportDiff {
  const ids = new Set([...Object.keys(before.cells), ...Object.keys(after.cells)]);
  const cells: CellChange[] = [];
  for (const id of ids) {
    const a = cellView(before.cells[id]);
    const b = cellView(after.cells[id]);
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    cells.push({ cell: id, label: cellLabel(id, after.meta.edition), before: a, after: b });
  }
  const texts: TextChange[] = [];
  const fields: [string, string | null | undefined, string | null | undefined][] = [
    ['preamble', before.preamble, after.preamble],
    ...SECTION_KEYS.map((k): [string, string | null, string | null] => [
      k,
      before.sections[k],
      after.sections[k],
    ]),
  ];
  for (const [field, a, b] of fields) {
    if ((a ?? null) === (b ?? null)) continue;
    texts.push({
      field,
      label: SECTION_LABELS[field] ?? field,
      before: a ?? null,
      after: b ?? null,
      ops: diffText(a ?? '', b ?? ''),
    });
  }
  const meta: { field: string; before: unknown; after: unknown }[] = [];
  const mb = before.meta as Record<string, unknown>;
  const ma = after.meta as Record<string, unknown>;
  for (const k of new Set([...Object.keys(mb), ...Object.keys(ma)])) {
    if (JSON.stringify(mb[k]) !== JSON.stringify(ma[k]))
      meta.push({ field: `meta.${k}`, before: mb[k] ?? null, after: ma[k] ?? null });
  }
  return { cells, texts, meta };
}
