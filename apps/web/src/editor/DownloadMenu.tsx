import { FORMAT_INFO } from '@nianbao/render';
import { useRef, useState } from 'react';
import { MenuList, opensLeftward } from '../components/MenuList';

export type DownloadFormat = 'docx' | 'xlsx' | 'html' | 'md' | 'csv' | 'findings';

/**
 * What each download is, for the people who fill the report: the names are render's (FORMAT_INFO),
 * so the editor, the CLI and the files agree. The CSV is the open-data long format — one row per
 * number, English column names, for data platforms — not a table: it says so, and where the table is.
 */
export const DOWNLOADS: readonly { format: DownloadFormat; label: string; hint: string }[] = [
  { format: 'docx', label: FORMAT_INFO.docx.label, hint: '按国家规定格式排版的报告全文，可修改、打印' },
  { format: 'xlsx', label: FORMAT_INFO.xlsx.label, hint: '报告的各张统计表，与报告中的表格相同' },
  { format: 'html', label: FORMAT_INFO.html.label, hint: '在浏览器中打开，可打印或另存为 PDF' },
  { format: 'md', label: FORMAT_INFO.md.label, hint: '纯文本的报告全文' },
  {
    format: 'csv',
    label: FORMAT_INFO.csv.label,
    hint: '每个数字一行、英文列名，供数据开放平台等系统导入，不是表格；要表格请下载“Excel 表格”',
  },
  {
    // not the report: what its check found, as the server checks it (the region page's list, of one report)
    format: 'findings',
    label: '问题清单（Excel）',
    hint: '本报告检查出的问题，每个一行：级别、涉及的单元格、应为多少、改法、处理情况，可转给同事或领导核对',
  },
];

/** The editor's downloads in one menu (下载 ▾): each with what it is. */
export function DownloadMenu({ onDownload }: { onDownload: (format: DownloadFormat) => void }) {
  const [open, setOpen] = useState(false);
  // Opened near the right edge of the window, the list opens leftwards (it never goes off-screen).
  const [alignRight, setAlignRight] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  return (
    <div className="download-menu" ref={root}>
      <button
        ref={toggle}
        type="button"
        className="small download-toggle"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => {
          setAlignRight(opensLeftward(root.current));
          setOpen((o) => !o);
        }}
      >
        下载 ▾
      </button>
      {open && (
        <MenuList
          label="下载"
          choices={DOWNLOADS.map((d) => ({ key: d.format, label: d.label, hint: d.hint }))}
          alignRight={alignRight}
          within={root}
          toggle={toggle}
          onChoose={(format) => {
            setOpen(false);
            onDownload(format);
          }}
          onClose={() => setOpen(false)}
        />
      )}
    </div>
  );
}
