import { type CellId, cellDef, type EditionId } from '@nianbao/core';
import { useState } from 'react';
import { formatValue, parseCellText } from '../grid/numbers';
import type { RouterOutputs } from '../trpc';

/** The importer's diagnostics as the server returns them (@nianbao/ingest `IngestDiagnostics`). */
export type ImportDiagnostics = RouterOutputs['import']['preview']['diagnostics'];

export const METHOD_LABELS: Record<string, string> = {
  direct: '按原文读取',
  positional: '按位置读取',
  split: '拆分连写数字',
  chosen: '多种拆分中按勾稽选定',
  inferred: '原文缺失，由勾稽关系推算',
};
const CONFIDENCE: Record<string, string> = { high: '高', medium: '中', low: '低' };
const SUMMARY: Record<string, string> = {
  cellsExpected: '应有单元格',
  cellsFound: '读到',
  cellsBlank: '空白',
  cellsInferred: '推算',
  cellsRepaired: '修复',
  cellsMissing: '缺失',
  tablesFound: '表格',
  sectionsFound: '章节',
};

/** A spreadsheet column's letters (1 → A, 28 → AB). */
function columnLetters(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

export function whereText(w?: ImportDiagnostics['issues'][number]['where']): string {
  if (!w) return '';
  // an Excel cell as Excel names it: 工作表「表三」D12
  if (w.sheet !== undefined)
    return `工作表「${w.sheet}」${w.cell ? columnLetters(w.cell) : ''}${w.row ?? ''}`;
  const parts: string[] = [];
  if (w.page) parts.push(`第 ${w.page} 页`);
  if (w.table) parts.push(`第 ${w.table} 个表格`);
  if (w.row) parts.push(`第 ${w.row} 行`);
  if (w.cell) parts.push(`第 ${w.cell} 格`);
  if (w.line) parts.push(`第 ${w.line} 行`);
  if (w.column) parts.push(`第 ${w.column} 字`);
  return parts.join(' ');
}

/** Class for a cell of the grid in the import view: how sure the importer was. */
export function provenanceClass(d: ImportDiagnostics | null, id: CellId): string {
  const c = d?.cells[id];
  if (!c) return '';
  if (c.method === 'inferred') return 'prov-inferred';
  if (c.confidence === 'low' || c.method === 'chosen') return 'prov-low';
  if (c.method === 'split' || c.confidence === 'medium') return 'prov-medium';
  return '';
}

/** Correcting values before saving (the import preview): the current value of each cell and a setter. */
export interface ImportEdits {
  readonly edition: EditionId;
  readonly value: (id: CellId) => number | null;
  readonly onChange: (id: CellId, value: number | null) => void;
}

/** One editable value: typed as in the tables (counts, signed counts, money), refused text says why. */
function ValueInput({ id, label, edits }: { id: CellId; label: string; edits: ImportEdits }) {
  const valueType = cellDef(edits.edition, id)?.valueType ?? 'count';
  const value = edits.value(id);
  const [text, setText] = useState(() => formatValue(value, valueType));
  const [bad, setBad] = useState<string | null>(null);
  return (
    <input
      name={`preview:${id}`}
      aria-label={`${label} 的数值`}
      className={bad ? 'invalid' : undefined}
      title={bad ?? undefined}
      size={8}
      value={text}
      onChange={(e) => {
        const t = e.target.value;
        setText(t);
        const p = parseCellText(t, valueType);
        if (p.kind === 'value' || p.kind === 'blank') {
          setBad(null);
          const next = p.kind === 'value' ? p.value : null;
          if (next !== value) edits.onChange(id, next);
        } else setBad(p.message);
      }}
    />
  );
}

/**
 * Where every number came from and every repair or doubt of the importer. With `edits` (the preview
 * before saving), each value can be corrected in place; `note` says which version the sources are of.
 */
/** The format and the file type in words, not their codes. */
const WORDS: Record<string, Record<string, string>> = {
  格式版本: {
    '2019-trial': '2019 年试行格式（国办公开办函〔2019〕60号）',
    '2021': '2021 年格式（国办公开办函〔2021〕30号）',
  },
  文件类型: {
    pdf: 'PDF',
    docx: 'Word（.docx）',
    xlsx: 'Excel（.xlsx）',
    html: '网页（HTML）',
    text: '纯文本',
  },
};
const detectedValue = (label: string, v: unknown): string =>
  v === null || v === undefined ? '未识别' : (WORDS[label]?.[String(v)] ?? String(v));

export function ImportSources({
  diag,
  onFocusCell,
  edits,
  note,
}: {
  diag: ImportDiagnostics;
  onFocusCell?: (id: CellId) => void;
  edits?: ImportEdits;
  note?: string;
}) {
  const cells = Object.values(diag.cells);
  const detections = [
    ['格式版本', diag.edition],
    ['年度', diag.year],
    ['机关', diag.agency],
    ['标题', diag.title],
    ['文件类型', diag.kind],
  ] as const;
  return (
    <div className="import-sources">
      {note && <p className="notice">{note}</p>}
      <p>
        以下是导入时每个数字的来源和导入程序所做的修复与存疑之处。
        <span className="legend prov-inferred">推算</span>
        <span className="legend prov-low">低可信</span>
        <span className="legend prov-medium">拆分/中可信</span>
        {edits
          ? '的单元格请对照原文核实，可直接在“数值”一栏改正，确认无误后保存为草稿。'
          : '的单元格请对照原文核实，改正后保存即为新的草稿版本。'}
      </p>
      <p className="summary-line">
        {Object.entries(diag.summary).map(([k, v]) => (
          <span key={k} className="chip">
            {SUMMARY[k] ?? k} {v}
          </span>
        ))}
      </p>
      <table className="data">
        <tbody>
          {detections.map(([label, d]) =>
            d ? (
              <tr key={label}>
                <th>{label}</th>
                <td>{detectedValue(label, d.value)}</td>
                <td className="muted">{d.reason}</td>
              </tr>
            ) : null,
          )}
        </tbody>
      </table>
      <h3>修复与存疑（{diag.issues.length}）</h3>
      <ul className="issues">
        {diag.issues.map((i, n) => {
          const cell = i.cell ?? i.cells?.[0];
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: no id
            <li key={n} className={`sev-${i.severity}`}>
              <span
                className={`tag sev-${i.severity === 'error' ? 'error' : i.severity === 'warning' ? 'warning' : 'info'}`}
              >
                {i.severity === 'error' ? '错误' : i.severity === 'warning' ? '存疑' : '说明'}
              </span>{' '}
              {i.message} <span className="muted small">{whereText(i.where)}</span>
              {cell && onFocusCell && (
                <button type="button" className="small link" onClick={() => onFocusCell(cell)}>
                  定位
                </button>
              )}
            </li>
          );
        })}
      </ul>
      <h3>每个单元格的来源（{cells.length}）</h3>
      <div className="scroll-x">
        <table className="data provenance">
          <thead>
            <tr>
              <th>单元格</th>
              <th>{edits ? '数值（可改正）' : '导入时的数值'}</th>
              <th>原文</th>
              <th>读取方式</th>
              <th>可信度</th>
              <th>位置</th>
            </tr>
          </thead>
          <tbody>
            {cells.map((c) => (
              <tr key={c.cell} className={provenanceClass(diag, c.cell)}>
                <td>
                  {onFocusCell ? (
                    <button type="button" className="link" onClick={() => onFocusCell(c.cell)}>
                      {c.label}
                    </button>
                  ) : (
                    c.label
                  )}
                </td>
                <td>
                  {edits ? <ValueInput id={c.cell} label={c.label} edits={edits} /> : (c.value ?? '空白')}
                </td>
                <td>{c.raw ?? ''}</td>
                <td>{METHOD_LABELS[c.method] ?? c.method}</td>
                <td>{CONFIDENCE[c.confidence] ?? c.confidence}</td>
                <td>{whereText(c.where)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
