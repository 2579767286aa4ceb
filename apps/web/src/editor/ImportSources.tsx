import type { CellId } from '@nianbao/core';

/** The importer's diagnostics as the server returns them (@nianbao/ingest IngestDiagnostics, loosely typed). */
export interface ImportDiagnostics {
  readonly kind?: { value: string; reason: string };
  readonly edition?: { value: string; reason: string; evidence?: string[] };
  readonly year?: { value: number | null; reason: string };
  readonly agency?: { value: string | null; reason: string };
  readonly title?: { value: string | null; reason: string };
  readonly cells?: Record<
    CellId,
    {
      cell: CellId;
      label: string;
      value: number | null;
      raw?: string;
      where?: { line?: number; column?: number; page?: number; table?: number; row?: number; cell?: number };
      method: string;
      confidence: string;
    }
  >;
  readonly issues?: readonly {
    code: string;
    severity: string;
    message: string;
    cell?: CellId;
    cells?: CellId[];
    where?: { line?: number; page?: number };
  }[];
  readonly summary?: Record<string, number>;
}

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

export function whereText(w?: {
  line?: number;
  column?: number;
  page?: number;
  table?: number;
  row?: number;
  cell?: number;
}): string {
  if (!w) return '';
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
  const c = d?.cells?.[id];
  if (!c) return '';
  if (c.method === 'inferred') return 'prov-inferred';
  if (c.confidence === 'low' || c.method === 'chosen') return 'prov-low';
  if (c.method === 'split' || c.confidence === 'medium') return 'prov-medium';
  return '';
}

/** Where every number came from and every repair or doubt of the importer. */
export function ImportSources({
  diag,
  onFocusCell,
}: {
  diag: ImportDiagnostics;
  onFocusCell: (id: CellId) => void;
}) {
  const cells = Object.values(diag.cells ?? {});
  const detections = [
    ['格式版本', diag.edition],
    ['年度', diag.year],
    ['机关', diag.agency],
    ['标题', diag.title],
    ['来源类型', diag.kind],
  ] as const;
  return (
    <div className="import-sources">
      <p>
        以下是导入时每个数字的来源和导入程序所做的修复与存疑之处。表格中
        <span className="legend prov-inferred">推算</span>
        <span className="legend prov-low">低可信</span>
        <span className="legend prov-medium">拆分/中可信</span>
        的单元格请对照原文核实，改正后保存即为新的草稿版本。
      </p>
      {diag.summary && (
        <p className="summary-line">
          {Object.entries(diag.summary).map(([k, v]) => (
            <span key={k} className="chip">
              {SUMMARY[k] ?? k} {v}
            </span>
          ))}
        </p>
      )}
      <table className="data">
        <tbody>
          {detections.map(([label, d]) =>
            d ? (
              <tr key={label}>
                <th>{label}</th>
                <td>{String(d.value ?? '未识别')}</td>
                <td className="muted">{d.reason}</td>
              </tr>
            ) : null,
          )}
        </tbody>
      </table>
      <h3>修复与存疑（{diag.issues?.length ?? 0}）</h3>
      <ul className="issues">
        {(diag.issues ?? []).map((i, n) => {
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
              {cell && (
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
              <th>数值</th>
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
                  <button type="button" className="link" onClick={() => onFocusCell(c.cell)}>
                    {c.label}
                  </button>
                </td>
                <td>{c.value ?? '空白'}</td>
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
