import { extname, relative } from 'node:path';
import { Box, useInput, useStdin } from 'ink';
import { useRef, useState } from 'react';
import type { FileResult } from '../lib/checker.js';
import { savedNote, savedPairs } from '../lib/pairs.js';
import { keyBar, padEnd, padStart, truncate, truncateMiddle, width } from '../lib/text.js';
import { fileHasErrors, hasErrors } from '../lib/verdict.js';
import { fit, Line, type Seg } from './Line.js';
import { type Key, splitChunk } from './state.js';

export type FolderEntry = { readonly file: string; readonly result?: FileResult; readonly running?: boolean };

export interface FolderViewProps {
  readonly dir: string;
  readonly entries: readonly FolderEntry[];
  readonly width: number;
  readonly height: number;
  readonly color: boolean;
  readonly message?: string | null;
  readonly onOpen: (file: string) => void;
  readonly onRecheck: () => void;
  readonly onSummary: () => void;
  /** The selection survives leaving the list (editor, roll-up): kept by the parent. */
  readonly selected?: number;
  readonly onSelect?: (index: number) => void;
  readonly onQuit: () => void;
}

/**
 * The entries with each published report and its edits saved beside it (report.pdf, report.json of
 * the same agency and year) as one: the saved edits, shown as coming from the published file, where
 * it stood — what Enter on the published report opens. As `nianbao check DIR` pairs them.
 */
export function pairEntries(entries: readonly FolderEntry[]): FolderEntry[] {
  const pairs = savedPairs(entries);
  if (!pairs.size) return [...entries];
  const jsons = new Set(pairs.values());
  const out: FolderEntry[] = [];
  entries.forEach((e, i) => {
    const j = pairs.get(i);
    const saved = j === undefined ? undefined : entries[j]!.result;
    if (saved?.ok)
      out.push({
        file: saved.file,
        result: { ...saved, source: e.file, notes: [savedNote(saved.file, e.file), ...saved.notes] },
      });
    else if (!jsons.has(i)) out.push(e);
  });
  return out;
}

function status(e: FolderEntry): { text: string; color?: string } {
  if (!e.result) return e.running ? { text: '检查中', color: 'cyan' } : { text: '等待', color: 'gray' };
  if (!e.result.ok)
    return e.result.skipped ? { text: '跳过', color: 'gray' } : { text: '无法使用', color: 'red' };
  if (hasErrors(e.result.findings)) return { text: '有错误', color: 'red' };
  if (fileHasErrors(e.result)) return { text: '导入错误', color: 'red' };
  if (e.result.counts.warning) return { text: '有警告', color: 'yellow' };
  return { text: '通过', color: 'green' };
}

export function FolderView(props: FolderViewProps) {
  const { isRawModeSupported } = useStdin();
  const [selState, setSelState] = useState(props.selected ?? 0);
  // The latest selection for the input handler: keys may arrive faster than React re-renders.
  const selRef = useRef(props.selected ?? 0);
  // …and the file it is on: when a published report and its saved edits become one row (both
  // checked), the rows below move up, and the selection stays on its file, not on its row number
  const selFile = useRef<string | undefined>(undefined);
  const isFile = (e: FolderEntry | undefined, f: string) =>
    e !== undefined && (e.file === f || (e.result?.ok === true && e.result.source === f));
  const setSel = (f: ((s: number) => number) | number) => {
    const v = typeof f === 'function' ? f(selRef.current) : f;
    selRef.current = v;
    selFile.current = props.entries[v]?.file;
    setSelState(v);
    props.onSelect?.(v);
  };
  if (selFile.current !== undefined && !isFile(props.entries[selRef.current], selFile.current)) {
    const k = props.entries.findIndex((e) => isFile(e, selFile.current!));
    if (k >= 0) selRef.current = k;
  }
  selRef.current = Math.max(0, Math.min(selRef.current, props.entries.length - 1));
  const sel = selRef.current;
  void selState; // a change of it re-renders; the selection itself is selRef
  const offRef = useRef(0);
  const { entries, width: W, height: H, color } = props;
  const [note, setNote] = useState<string | null>(null);

  const onKey = (input: string, key: Key) => {
    setNote(null);
    if (key.ctrl && input === 'c') props.onQuit();
    else if (key.upArrow || input === 'k') setSel((s) => Math.max(0, s - 1));
    else if (key.downArrow || input === 'j') setSel((s) => Math.min(entries.length - 1, s + 1));
    else if (key.pageUp) setSel((s) => Math.max(0, s - 10));
    else if (key.pageDown) setSel((s) => Math.min(entries.length - 1, s + 10));
    else if (input === 'g') setSel(0);
    else if (input === 'G') setSel(entries.length - 1);
    else if (key.return || input === 'l' || key.rightArrow) {
      const e = entries[selRef.current];
      if (!e) return;
      if (e.result && !e.result.ok) setNote(`无法打开：${inFolder(e.result.error, e.file)}`);
      // saved edits of a published report: opened through it (the editor says which file it opened)
      else props.onOpen(e.result?.source ?? e.file);
    } else if (input === 'r') props.onRecheck();
    else if (input === 's') props.onSummary();
    else if (input === 'q') props.onQuit();
  };

  useInput(
    (chunk, rawKey) => {
      for (const k of splitChunk(chunk, rawKey)) onKey(k.input, k);
    },
    { isActive: isRawModeSupported === true },
  );

  // files found to be no report (a README) are not counted as reports
  const skipped = entries.filter((e) => e.result && !e.result.ok && e.result.skipped).length;
  const reports = entries.length - skipped;
  const done = entries.filter((e) => e.result).length - skipped;
  const withErr = entries.filter(
    (e) => e.result && (e.result.ok ? fileHasErrors(e.result) : !e.result.skipped),
  ).length;
  const title: Seg[] = [
    { text: ' nianbao ', inverse: true, bold: true },
    { text: ` 文件夹 ${props.dir}  ` },
    {
      text: `${reports} 份报告，已检查 ${done}${done < reports ? '…' : ''}，有问题 ${withErr}${skipped ? `；跳过 ${skipped} 个非报告文件` : ''}`,
      dim: true,
    },
  ];
  // the file names as wide as the longest (the agency keeps at least 24 columns), cut in the middle
  // a message names the file by its path in the folder, not the absolute path that cuts the reason off
  // (the file column names it already: a message that starts with it starts with the reason)
  function inFolder(message: string, file: string): string {
    const own = message.startsWith(`${file}：`) ? message.slice(file.length + 1) : message;
    return own.replaceAll(file, relative(props.dir, file) || file);
  }
  const nameOf = (e: FolderEntry) => {
    const rel = relative(props.dir, e.file) || e.file;
    const src = e.result?.ok ? e.result.source : undefined;
    return src ? `${relative(props.dir, src) || src}（已存修改 ${extname(e.file)}）` : rel;
  };
  const longest = Math.max(4, ...entries.map((e) => width(nameOf(e))));
  const nameW = Math.max(16, Math.min(longest, W - 44 - 24));
  const agencyW = Math.max(12, W - nameW - 44);
  const header: Seg[] = [
    {
      text: `  ${padEnd('状态', 9)}${padEnd('文件', nameW)} ${padEnd('机关', agencyW)} ${padEnd('年度', 5)}${padStart('错误', 5)}${padStart('跨年', 5)}${padStart('警告', 5)}${padStart('提示', 5)}`,
      bold: true,
    },
  ];
  const listH = Math.max(3, H - 5);
  let off = offRef.current;
  if (sel < off) off = sel;
  if (sel >= off + listH) off = sel - listH + 1;
  off = Math.max(0, Math.min(off, Math.max(0, entries.length - listH)));
  offRef.current = off;
  const rows: Seg[][] = entries.slice(off, off + listH).map((e, k) => {
    const i = off + k;
    const st = status(e);
    const r = e.result?.ok ? e.result : undefined;
    const rel = nameOf(e);
    const rest = r
      ? `${padEnd(r.agency, agencyW)} ${padEnd(String(r.year), 5)}${padStart(String(r.counts.error), 5)}${padStart(String(r.counts.crossYear), 5)}${padStart(String(r.counts.warning), 5)}${padStart(String(r.counts.info), 5)}`
      : e.result && !e.result.ok
        ? truncate(inFolder(e.result.error, e.file), agencyW + 26)
        : '';
    return [
      { text: i === sel ? '› ' : '  ', bold: true },
      { text: padEnd(st.text, 9), ...(st.color ? { color: st.color } : {}) },
      {
        text: `${padEnd(truncateMiddle(rel, nameW), nameW)} ${rest}`,
        ...(i === sel ? { inverse: true } : {}),
      },
    ];
  });
  if (!entries.length)
    rows.push([{ text: '  这个文件夹里没有报告文件（.json、.txt、.html、.pdf、.docx、.xlsx）', dim: true }]);
  while (rows.length < listH) rows.push([]);
  const msg = note ?? props.message ?? null;
  const foot: Seg[][] = [
    msg ? [{ text: truncate(msg, W), color: 'yellow' }] : [],
    [
      {
        text: keyBar(
          [
            { text: '↑↓/jk 选择' },
            { text: 'Enter 打开编辑' },
            { text: 's 汇总', drop: 1 },
            { text: 'r 重新检查', drop: 2 },
            { text: 'q 退出', first: true },
          ],
          W,
        ),
        dim: true,
      },
    ],
  ];
  const all = [title, header, ...rows, ...foot];
  return (
    <Box flexDirection="column" width={W}>
      {all.map((segs, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: lines are positional
        <Line key={i} segs={fit(segs, W)} color={color} />
      ))}
    </Box>
  );
}
