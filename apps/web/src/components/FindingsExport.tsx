import { useRef, useState } from 'react';
import { downloadFrom } from '../lib/download';
import { STATUS_FILTER_LABELS } from '../lib/review';
import { errorMessage } from '../trpc';
import { MenuList, opensLeftward } from './MenuList';

export type FindingsFormat = 'xlsx' | 'csv';

/** The formats of the 问题清单, each with what it is. */
export const FINDINGS_DOWNLOADS: readonly { format: FindingsFormat; label: string; hint: string }[] = [
  {
    format: 'xlsx',
    label: 'Excel 表格',
    hint: '两张表：汇总（每份报告一行，各级别问题数和结论）和问题清单（每个问题一行），可筛选、打印',
  },
  { format: 'csv', label: 'CSV', hint: '每个问题一行、英文列名，供其他系统导入' },
];

/** The region list's filters the 问题清单 follows: status ('' every one, 'none' 未创建), name words, errors only. */
export interface FindingsFilters {
  readonly status: string;
  readonly q?: string | undefined;
  readonly errorsOnly?: boolean | undefined;
}

/**
 * The address of a region's 问题清单 (GET /export/findings): the node, the year and the list's
 * filters as shown — every status listing the agencies without a report (未创建) too, 'none' those only.
 */
export function findingsUrl(
  regionId: string,
  year: number,
  filters: FindingsFilters,
  format: FindingsFormat,
): string {
  const q = new URLSearchParams({ regionId, year: String(year), format });
  if (filters.status) q.set('statuses', filters.status);
  const words = filters.q?.trim() ?? '';
  if (words) q.set('q', words);
  if (filters.errorsOnly) q.set('errorsOnly', '1');
  return `/export/findings?${q}`;
}

/**
 * 「导出问题清单（Excel）」 and its ▾ (Excel or CSV): every finding of every report of the node for the
 * year, as the server checks them (a finding dismissed there listed 「已忽略」, not counted), and the
 * agencies without a report (未创建) — through the filters the list shows (status, name, 只看有错误的).
 * Saved under the name the server gives; a refusal said in 简体中文 through `onError`. One download at
 * a time.
 */
export function FindingsExport({
  regionId,
  regionName,
  year,
  filters,
  onError,
}: {
  regionId: string;
  regionName: string;
  year: number;
  filters: FindingsFilters;
  onError: (message: string | null) => void;
}) {
  const [busy, setBusy] = useState<FindingsFormat | null>(null);
  const busyRef = useRef(false);
  const [open, setOpen] = useState(false);
  // Opened near the right edge of the window, the list opens leftwards (as the editor's 下载 ▾).
  const [alignRight, setAlignRight] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const { status } = filters;
  const none = status === 'none';
  // 未创建 with 只看有错误的: an agency without a report has no error — the list would be empty
  const nothing = none && filters.errorsOnly === true;
  const words = filters.q?.trim() ?? '';
  const scope = [
    ...(status ? [`状态为“${STATUS_FILTER_LABELS[status] ?? status}”`] : []),
    ...(words ? [`名称含“${words}”`] : []),
    ...(filters.errorsOnly ? ['有错误'] : []),
  ];
  const download = async (format: FindingsFormat) => {
    setOpen(false);
    if (busyRef.current) return;
    busyRef.current = true;
    setBusy(format);
    onError(null);
    try {
      await downloadFrom(
        findingsUrl(regionId, year, filters, format),
        `${regionName}-${year}-问题清单.${format}`,
      );
    } catch (e) {
      onError(`导出问题清单失败：${errorMessage(e)}`);
    } finally {
      busyRef.current = false;
      setBusy(null);
    }
  };
  const title = nothing
    ? '“未创建”的机关没有报告，也就没有错误：请取消“只看有错误的”或选择其他状态'
    : none
      ? `下载${regionName}及下属机关中尚未创建 ${year} 年度报告的机关名单${words ? `（名称含“${words}”）` : ''}`
      : `下载${regionName}及下属机关 ${year} 年度${scope.length ? `${scope.join('、')}的` : ''}各份报告的检查问题（已忽略的问题单列，不计入${
          filters.errorsOnly ? '' : '；尚未创建报告的机关各列一行'
        }），与列表的筛选一致`;
  return (
    <div className="download-menu findings-export" ref={root}>
      <button
        type="button"
        name="export-findings"
        disabled={busy !== null || nothing}
        title={title}
        onClick={() => void download('xlsx')}
      >
        {busy ? '正在导出问题清单…' : '导出问题清单（Excel）'}
      </button>
      <button
        ref={toggle}
        type="button"
        name="export-findings-more"
        className="download-toggle"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-label="问题清单的导出格式（Excel 或 CSV）"
        title="选择导出格式：Excel 或 CSV"
        disabled={busy !== null || nothing}
        onClick={() => {
          setAlignRight(opensLeftward(root.current));
          setOpen((o) => !o);
        }}
      >
        ▾
      </button>
      {open && (
        <MenuList
          label="导出问题清单"
          choices={FINDINGS_DOWNLOADS.map((d) => ({
            key: d.format,
            label: `问题清单（${d.label}）`,
            hint: d.hint,
          }))}
          alignRight={alignRight}
          within={root}
          toggle={toggle}
          onChoose={(format) => void download(format)}
          onClose={() => setOpen(false)}
        />
      )}
    </div>
  );
}
