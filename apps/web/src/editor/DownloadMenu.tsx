import { FORMAT_INFO } from '@nianbao/render';
import { useEffect, useRef, useState } from 'react';

export type DownloadFormat = 'docx' | 'xlsx' | 'html' | 'md' | 'csv';

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
];

/** The editor's downloads in one menu (下载 ▾): each with what it is. */
export function DownloadMenu({ onDownload }: { onDownload: (format: DownloadFormat) => void }) {
  const [open, setOpen] = useState(false);
  // Opened near the right edge of the window, the list opens leftwards (it never goes off-screen).
  const [alignRight, setAlignRight] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const items = useRef<(HTMLButtonElement | null)[]>([]);
  useEffect(() => {
    if (!open) return;
    items.current[0]?.focus();
    const away = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', away);
    return () => document.removeEventListener('pointerdown', away);
  }, [open]);
  const close = () => {
    setOpen(false);
    root.current?.querySelector<HTMLButtonElement>('button.download-toggle')?.focus();
  };
  return (
    <div className="download-menu" ref={root}>
      <button
        type="button"
        className="small download-toggle"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => {
          // the list's width as the CSS has it: min(24rem, 100vw - 1.5rem)
          const rem = Number.parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
          const width = Math.min(24 * rem, window.innerWidth - 1.5 * rem);
          const box = root.current?.getBoundingClientRect();
          setAlignRight(!!box && box.left + width > window.innerWidth && box.right - width >= 0);
          setOpen((o) => !o);
        }}
      >
        下载 ▾
      </button>
      {open && (
        <div
          className={`download-list${alignRight ? ' align-right' : ''}`}
          role="menu"
          aria-label="下载"
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.preventDefault();
              close();
            } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
              e.preventDefault();
              const list = items.current.filter((b): b is HTMLButtonElement => !!b);
              const at = list.indexOf(document.activeElement as HTMLButtonElement);
              const next = (at + (e.key === 'ArrowDown' ? 1 : -1) + list.length) % list.length;
              list[next]?.focus();
            }
          }}
        >
          {DOWNLOADS.map((d, i) => (
            <button
              key={d.format}
              ref={(el) => {
                items.current[i] = el;
              }}
              type="button"
              role="menuitem"
              data-download={d.format}
              title={d.hint}
              onClick={() => {
                setOpen(false);
                onDownload(d.format);
              }}
            >
              <b>{d.label}</b>
              <span className="muted small">{d.hint}</span>
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
