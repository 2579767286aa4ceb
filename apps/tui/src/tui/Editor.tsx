import {
  cellDef,
  countFindings,
  editionName,
  type Finding,
  formatRate,
  narrate,
  overrideNote,
  type Report,
  summarize,
  TABLE_LABELS,
} from '@nianbao/core';
import { Box, useInput, useStdin } from 'ink';
import { useEffect, useRef, useState } from 'react';
import { absentLine } from '../lib/absent.js';
import { groupOf } from '../lib/findings.js';
import { keyBar, padEnd, splitWidth, truncate, width } from '../lib/text.js';

import { buildGrid } from './grid.js';
import { fit, Line, type Seg } from './Line.js';
import { TABLE_ORDER, tableLayout } from './layout.js';
import {
  currentCell,
  describeFix,
  type EditorState,
  findingsOf,
  handleKey,
  hasUnsaved,
  initialState,
  type Key,
  markSaved,
  splitChunk,
  suggestionFor,
  typedKeys,
  viewReport,
  withCurrent,
} from './state.js';

/**
 * The key bar under the grid. On a narrow terminal the hints least needed go first (highest drop);
 * moving, the tables, the findings, saving, quitting and 「? 帮助」 (which lists every key) stay.
 */
const GRID_KEYS = [
  { text: 'hjkl/方向键 移动' },
  { text: '数字 输入', drop: 2 },
  { text: 'Enter 确认', drop: 3 },
  { text: 'Tab 换表' },
  { text: 'f 问题' },
  { text: 'n 下一个问题', drop: 4 },
  { text: 'i 全文', drop: 5 },
  { text: 'a 修正', drop: 6 },
  { text: 'e 正文', drop: 7 },
  { text: 's 摘要', drop: 8 },
  { text: 'w 保存', drop: 1 },
  { text: 'q 退出' },
  { text: '? 帮助', first: true },
] as const;

/** What a save returns: where the report went, or that and a word on the reasons handed to it. */
export type SaveResult = string | { readonly where: string; readonly notice?: string };
const savedTo = (r: SaveResult) => (typeof r === 'string' ? { where: r } : r);

export interface EditorProps {
  readonly report: Report;
  readonly previous?: Report;
  /** A note shown on the status line when the editor opens (e.g. why there is no cross-year check). */
  readonly notice?: string;
  /** Shown in the title; where it is saved. */
  readonly fileLabel: string;
  readonly width: number;
  readonly height: number;
  readonly color: boolean;
  /**
   * Write the report; returns where it went (and what to say of the reasons handed, if anything), or
   * throws with a one-line message. `notes`: the totals changed by hand (r) since the last save with
   * their reasons, in the version note's words (「改写…：43→50，理由：…」), to be kept for the next push.
   */
  readonly save: (report: Report, notes: readonly string[]) => SaveResult;
  /**
   * 另存为 (W): write the report to the file named (relative to the working folder); from then on w
   * saves there. Returns where it went, or throws with a one-line message. Absent: W says it cannot.
   */
  readonly saveAs?: (report: Report, name: string, notes: readonly string[]) => SaveResult;
  /** Told after every key: the report with unsaved changes (kept if the session is cut off), or null. */
  readonly onUnsaved?: (report: Report | null) => void;
  /** Edit the narrative sections (in $EDITOR); returns the changed report or an error line. */
  readonly editSections: (report: Report) => { report?: Report; error?: string };
  readonly onQuit: (report: Report, saved: boolean) => void;
  /**
   * What was typed before the editor listened (while the report loaded): taken once, when the editor
   * starts reading keys, and carried out key by key in order (typedKeys), before any key read later.
   */
  readonly takeTypedAhead?: () => string;
}

const SEV_MARK: Record<string, { mark: string; color: string }> = {
  error: { mark: '错', color: 'red' },
  crossYear: { mark: '跨', color: 'red' },
  warning: { mark: '警', color: 'yellow' },
  info: { mark: '提', color: 'blue' },
  unchecked: { mark: '未', color: 'gray' },
};

function findingSegs(f: Finding, w: number, selected: boolean): Seg[] {
  const m = SEV_MARK[groupOf(f)]!;
  const head = `${selected ? '›' : ' '}${m.mark} ${f.ruleId} `;
  return [
    { text: `${selected ? '›' : ' '}` },
    { text: m.mark, color: m.color },
    { text: ` ${f.ruleId} `, bold: true },
    { text: truncate(f.message, Math.max(0, w - width(head))), ...(selected ? { inverse: true } : {}) },
  ];
}

function countsText(findings: readonly Finding[]): string {
  const c = countFindings(findings);
  return `错误 ${c.error} · 跨年 ${c.crossYear} · 警告 ${c.warning} · 提示 ${c.info} · 未能核对 ${c.unchecked}`;
}

function findingsPane(s: EditorState, findings: readonly Finding[], w: number, h: number): Seg[][] {
  const out: Seg[][] = [];
  const focus = s.focus === 'findings';
  const sel0 = Math.min(s.findingIndex, Math.max(0, findings.length - 1));
  const hint = focus
    ? `  ${findings.length ? `${sel0 + 1}/${findings.length} ` : ''}Enter 跳转 a 修正 i 全文 Esc 返回`
    : '  f 查看';
  out.push([
    { text: truncate(`问题（${countsText(findings)}）`, Math.max(8, w - width(hint))), bold: true },
    { text: hint, dim: true },
  ]);
  const rows = h - 1;
  if (!findings.length) {
    out.push([{ text: '  未发现问题', color: 'green' }]);
    return out;
  }
  const sel = Math.min(s.findingIndex, findings.length - 1);
  const off = focus ? Math.max(0, Math.min(sel - Math.floor(rows / 2), findings.length - rows)) : 0;
  for (let i = off; i < Math.min(findings.length, off + rows); i++)
    out.push(findingSegs(findings[i]!, w, focus && i === sel));
  return out;
}

function summaryScreen(report: Report, w: number, h: number): Seg[][] {
  const s = summarize(report);
  const absent = absentLine(report);
  const out: Seg[][] = [
    [{ text: `摘要：${report.meta.agency.name} ${report.meta.year} 年度`, bold: true }],
    ...(absent ? [[{ text: truncate(absent, w), color: 'yellow' }]] : []),
    [],
  ];
  const labelW = Math.min(40, Math.max(...s.indicators.map((i) => width(i.label))) + 2);
  // a label cut to its column keeps a gap before the value
  for (const i of s.indicators) {
    const v =
      i.value === null
        ? `—（${i.note ?? '无数据'}）`
        : i.kind === 'rate'
          ? `${formatRate(i.value)}（${i.numerator}/${i.denominator}）`
          : `${i.value} 件`;
    out.push([{ text: padEnd(truncate(i.label, labelW - 2), labelW) }, { text: v, bold: true }]);
  }
  out.push([], [{ text: '说明语句', bold: true }]);
  for (const sen of narrate(report).sentences) {
    let rest = sen.text;
    while (rest) {
      let cut = '';
      for (const ch of rest) {
        if (width(cut + ch) > w - 2) break;
        cut += ch;
      }
      out.push([{ text: `  ${cut}` }]);
      rest = rest.slice(cut.length);
    }
  }
  void h;
  return out;
}

/** Lines of at most `w` columns: the text broken where it no longer fits (a 「）」 kept with what it closes). */
export function wrapText(text: string, w: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest && w > 0) {
    let [head, tail] = splitWidth(rest, w);
    if (!head) break;
    // never a closing bracket or a comma at the start of a line
    while (tail && /^[）)」』】，。；：、]/.test(tail) && [...head].length > 1) {
      const chars = [...head];
      tail = chars.pop()! + tail;
      head = chars.join('');
    }
    // nor inside a Latin word or a file name (「Shift-Tab」, 「.nianbao-unsaved.json」): broken before it
    const word = /[\w.-]$/.test(head) && /^[\w.-]/.test(tail) ? /[\w.-]+$/.exec(head)![0] : '';
    if (word && word.length < [...head].length && width(word) < w / 2) {
      head = head.slice(0, head.length - word.length);
      tail = word + tail;
    }
    out.push(head);
    rest = tail;
  }
  return out.length ? out : [''];
}

/** Every key, one a line (the description wrapped beside it): the help screen. */
const HELP_KEYS: readonly (readonly [string, string])[] = [
  ['方向键 h j k l', '移动'],
  ['PgUp PgDn g G', '翻页、首行、末行'],
  ['0–9 - .', '输入数值，合计随输入计算（- 只用于本年增/减，. 只用于金额）'],
  ['Enter', '开始输入；输入中：确认。什么也没输入就确认（Enter 或方向键）不改动单元格'],
  ['Esc', '取消输入'],
  ['Tab', '输入中：确认并移到右边一格；否则切换表二、表三、表四（Shift-Tab 反向）'],
  ['[ ]', '切换表二、表三、表四'],
  [
    '粘贴',
    '从 Excel/WPS 复制的一块（制表符分隔）或从 PDF 复制的一行数字（空格分隔）从当前单元格填起：一行向右，一列向下；第一列是行标题时，每行填到行标题对应的行（不认识的行不粘贴，状态栏列出）；u 撤销整次粘贴',
  ],
  ['x Delete Backspace', '清空单元格（空白不等于 0）'],
  ['r', '合计格不能直接输入，用 r 手动改写合计：新值（留空＝各项之和）、理由（必填）'],
  ['=', '按各项之和重算全部合计'],
  ['f', '问题列表：↑↓ PgUp PgDn 选择，Enter 跳到单元格，a 应用修改建议，i 全文，Esc/f/q 返回'],
  ['n N', '跳到下一个（上一个）有问题的单元格'],
  ['i', '当前单元格问题的全文、改法和修改建议'],
  ['a', '应用当前单元格的修改建议'],
  ['u', '撤销（说明撤销了什么，光标回到该单元格）'],
  ['/', '按行标题查找（输入文字后 Enter）'],
  ['e', '用 $EDITOR 编辑前言（统计期限等）和正文六个部分；「#### 」标题行须原样保留'],
  ['s', '摘要（指标与说明语句）'],
  ['w Ctrl-S', '保存'],
  ['W', '另存为（输入文件名后 Enter；之后 w 保存到新文件）'],
  ['q', '退出（有未保存的修改时需连按两次）'],
  ['Ctrl-C', '同 q：有未保存的修改时先提示，再按一次才退出'],
  ['?', '本帮助（↑↓ 滚动）'],
];

function helpScreen(w: number): Seg[][] {
  const keyW = 20;
  const out: Seg[][] = [[{ text: '按键', bold: true }]];
  for (const [key, desc] of HELP_KEYS) {
    wrapText(desc, Math.max(10, w - keyW - 2)).forEach((line, i) => {
      out.push([{ text: `  ${padEnd(i ? '' : key, keyW)}`, bold: i === 0 }, { text: line }]);
    });
  }
  out.push(
    [],
    [{ text: '标记', bold: true }],
    ...[
      '! 有错误  ~ 有警告  · 空白  [ ] 当前单元格',
      '青色的合计：按各项之和计算（状态行显示「按各项之和计算」）',
      '意外断开（SSH 断线、终端关闭）时，未保存的修改写入报告旁的 .文件名.nianbao-unsaved.json，下次打开时提示',
    ].flatMap((t) => wrapText(t, w - 2).map((l) => [{ text: `  ${l}` }])),
  );
  return out;
}

/** The full text of findings, with core's 改法 and the suggested change: the detail screen (i). */
function detailScreen(s: EditorState, findings: readonly Finding[], w: number): Seg[][] {
  const id = currentCell(s);
  const list =
    s.focus === 'findings'
      ? findings.slice(Math.min(s.findingIndex, findings.length - 1)).slice(0, 1)
      : findings.filter((f) => f.status === 'failed' && !!id && f.cells.includes(id));
  const out: Seg[][] = [];
  const wrapped = (text: string, seg: Omit<Seg, 'text'> = {}) =>
    wrapText(text, w - 2).map((l) => [{ ...seg, text: `  ${l}` }]);
  if (s.focus !== 'findings' && id)
    out.push([{ text: cellDef(s.report.meta.edition, id)?.label ?? id, bold: true }]);
  for (const f of list) {
    const m = SEV_MARK[groupOf(f)]!;
    out.push(
      [],
      [
        { text: m.mark, color: m.color },
        { text: ` ${f.ruleId}`, bold: true },
      ],
    );
    out.push(...wrapped(f.message));
    if (f.hint) out.push(...wrapped(`改法：${f.hint}`, { dim: false, color: 'cyan' }));
    const fix = suggestionFor(s, { finding: f });
    if (fix)
      out.push(
        ...wrapped(
          `建议：${describeFix(fix)}（${fix.reason}）${s.focus === 'findings' ? '在问题列表中' : ''}按 a 应用`,
          { color: 'green' },
        ),
      );
  }
  if (!list.length) out.push([{ text: '没有问题' }]);
  return out;
}

/** The lines of the summary, help or detail screen (before scrolling). */
function screenBody(state: EditorState, W: number, H: number): Seg[][] {
  if (state.screen === 'summary') return summaryScreen(viewReport(state), W, H - 2);
  if (state.screen === 'detail') return detailScreen(state, findingsOf(state), W);
  return helpScreen(W);
}

export function Editor(props: EditorProps) {
  const { isRawModeSupported } = useStdin();
  const [state, setState] = useState<EditorState>(() => ({
    ...initialState(props.report, props.previous ? { previous: props.previous } : {}),
    message: props.notice ?? null,
  }));
  const offsetRef = useRef(0);
  // The latest state for the input handler: keys may arrive faster than React re-renders.
  const stateRef = useRef(state);
  const { width: W, height: H, color } = props;

  /** One key: the state machine, then the effect it asks for. False when the editor is closed. */
  const apply = (k: Key): boolean => {
    const { state: next, effect, path } = handleKey(stateRef.current, k);
    let s = next;
    if (effect === 'saveAs') {
      if (!props.saveAs) s = { ...s, message: '此处不能另存为' };
      else
        try {
          const r = savedTo(props.saveAs(s.report, path ?? '', s.overrides.map(overrideNote)));
          s = {
            ...markSaved(s),
            message: `已另存为：${r.where}（之后按 w 保存到此文件）${r.notice ? `；${r.notice}` : ''}`,
          };
        } catch (e) {
          s = { ...s, message: `另存为失败：${(e as Error).message}` };
        }
    } else if (effect === 'save') {
      try {
        const r = savedTo(props.save(s.report, s.overrides.map(overrideNote)));
        s = { ...markSaved(s), message: `已保存：${r.where}${r.notice ? `；${r.notice}` : ''}` };
      } catch (e) {
        s = { ...s, message: `保存失败：${(e as Error).message}` };
      }
    } else if (effect === 'editSections') {
      const r = props.editSections(s.report);
      if (r.error) s = { ...s, message: r.error };
      else if (r.report)
        s = { ...withCurrent(s, r.report), history: [...s.history, s.report], message: '正文已更新' };
      else
        s = { ...s, message: `正文没有变化（${new Date().toLocaleTimeString('zh-CN', { hour12: false })}）` };
    } else if (effect === 'quit') {
      props.onQuit(s.report, !s.dirty);
      return false;
    }
    stateRef.current = s;
    return true;
  };

  /** Keys carried out in order, then drawn once. */
  const run = (keys: readonly Key[]): boolean => {
    try {
      for (const k of keys) if (!apply(k)) return false;
    } catch (e) {
      // A key that cannot be carried out says so on the status line; the editor goes on.
      stateRef.current = {
        ...stateRef.current,
        buffer: null,
        message: `无法完成：${(e as Error).message?.split('\n')[0]}`,
      };
    }
    // a screen longer than the terminal scrolls within its text
    const cur = stateRef.current;
    if (cur.screen !== 'grid' && cur.scroll) {
      const max = Math.max(0, screenBody(cur, W, H).length - (H - 3));
      if (cur.scroll > max) stateRef.current = { ...cur, scroll: max };
    }
    props.onUnsaved?.(hasUnsaved(stateRef.current) ? viewReport(stateRef.current) : null);
    setState(stateRef.current);
    return true;
  };

  useInput(
    // Keys typed faster than the terminal is read (or pasted) arrive as one chunk: 「12\r」.
    (input, key) => run(splitChunk(input, key)),
    { isActive: isRawModeSupported === true },
  );

  // Now that useInput listens (its effects ran just before this one): what was typed before, in order.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, when the editor starts listening
  useEffect(() => {
    const text = props.takeTypedAhead?.();
    if (!text) return;
    const { keys, unknown } = typedKeys(text);
    if (!run(keys)) return;
    if (unknown > 0)
      stateRef.current = {
        ...stateRef.current,
        message: `打开时输入的按键中有 ${unknown} 个本编辑器不认识（如功能键），未执行`,
      };
    setState(stateRef.current);
  }, []);

  const report = viewReport(state);
  const findings = findingsOf(state);
  const edition = report.meta.edition;

  const title: Seg[] = [
    { text: ' nianbao ', inverse: true, bold: true },
    { text: ` ${report.meta.agency.name} ${report.meta.year} 年度（${editionName(edition)}） ` },
    ...(state.dirty ? [{ text: '●未保存 ', color: 'yellow' }] : []),
    { text: props.fileLabel, dim: true },
  ];

  if (state.screen !== 'grid') {
    const body = screenBody(state, W, H);
    const rows = Math.max(1, H - 3);
    const top = Math.max(0, Math.min(state.scroll ?? 0, body.length - rows));
    const shown = body.slice(top, top + rows);
    const more = body.length > rows;
    const foot = more
      ? `第 ${top + 1}–${top + shown.length} 行，共 ${body.length} 行 · ↑↓ PgUp PgDn 滚动 · 按任意键返回表格`
      : '按任意键返回表格';
    return (
      <Box flexDirection="column" width={W}>
        <Line segs={fit(title, W)} color={color} />
        {shown.map((segs, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: lines are positional
          <Line key={i} segs={fit(segs, W)} color={color} />
        ))}
        <Line segs={fit([{ text: foot, dim: true }], W)} color={color} />
      </Box>
    );
  }

  const wide = W >= 140;
  const paneW = wide ? Math.max(40, Math.min(80, W - 96)) : W;
  const gridW = wide ? W - paneW - 2 : W;
  const paneH = wide ? 0 : Math.max(3, Math.min(10, H - 20));
  const gridH = Math.max(3, H - 6 - paneH);

  const tabs: Seg[] = [];
  for (const t of TABLE_ORDER) {
    const label = tableLayout(edition, t).short;
    tabs.push(t === state.table ? { text: `[${label}]`, inverse: true, bold: true } : { text: ` ${label} ` });
    tabs.push({ text: ' ' });
  }
  tabs.push({
    text: truncate(TABLE_LABELS[state.table].replace(/^表./, ''), Math.max(0, gridW - 20)),
    dim: true,
  });

  const layout = tableLayout(edition, state.table);
  const grid = buildGrid({
    layout,
    report,
    findings,
    gridW,
    cursor: { row: state.row, col: state.col },
    buffer: state.buffer,
  });
  const sticky = grid.lines.slice(0, grid.sticky);
  const scrollable = grid.lines.slice(grid.sticky);
  const room = gridH - sticky.length;
  const cur = grid.cursorLine - grid.sticky;
  let off = offsetRef.current;
  if (cur < off) off = Math.max(0, cur - 1);
  if (cur >= off + room) off = cur - room + 1;
  off = Math.max(0, Math.min(off, Math.max(0, scrollable.length - room)));
  offsetRef.current = off;
  const gridLines = [...sticky, ...scrollable.slice(off, off + room)];
  while (gridLines.length < gridH) gridLines.push([]);

  // Status: the cell under the cursor, its findings or a suggestion, or the last message.
  const id = currentCell(state);
  const def = id ? cellDef(edition, id) : undefined;
  const cell = id ? report.cells[id] : undefined;
  const valueText =
    state.buffer !== null
      ? `${state.buffer || '（空白）'}（输入中，Enter 确认）`
      : cell === undefined
        ? '（表中没有这一格）'
        : cell.value === null
          ? `空白${cell.raw ? `（原文：${cell.raw}）` : ''}`
          : `${cell.value}${cell.unit && cell.unit !== 'unknown' ? ` ${cell.unit}` : ''}${cell.origin === 'derived' ? '（按各项之和计算）' : ''}${def?.derived ? ' · r 手动改写' : ''}`;
  // the value whole, always (a number the grid cannot show whole is read here): the label gives way
  const valueTail = ` = ${valueText}`;
  let status1: Seg[] = [
    {
      text: truncate(
        `${truncate(def?.label ?? '', Math.max(0, gridW - width(valueTail)))}${valueTail}`,
        gridW,
      ),
      bold: true,
    },
  ];
  let status2: Seg[];
  const onCell = id ? findings.filter((f) => f.status === 'failed' && f.cells.includes(id)) : [];
  if (state.message && width(state.message) > gridW) {
    // a long message (why a save was refused) takes both status lines rather than being cut
    const [head, ...rest] = wrapText(state.message, gridW);
    status1 = [{ text: head ?? '', color: 'yellow' }];
    status2 = [{ text: truncate(rest.join(''), gridW), color: 'yellow' }];
  } else if (state.message) status2 = [{ text: truncate(state.message, gridW), color: 'yellow' }];
  else if (onCell.length) {
    const fix = state.buffer === null ? suggestionFor(state, { cell: id }) : undefined;
    status2 = fix
      ? [{ text: truncate(`建议：${describeFix(fix)}（${fix.reason}）按 a 应用`, gridW), color: 'green' }]
      : findingSegs(onCell[0]!, gridW, false);
  } else status2 = [];
  if (state.prompt) {
    const kind = state.prompt.kind;
    const what =
      kind === 'search'
        ? '查找行标题：'
        : kind === 'override'
          ? '手动改写合计 · 新值：'
          : kind === 'overrideReason'
            ? `手动改写合计 · 改为 ${state.prompt.value ?? '按各项之和计算'} · 理由（必填）：`
            : '另存为（文件名）：';
    status1 = [{ text: truncate(`${what}${state.prompt.text}_`, gridW), bold: true }];
    const help =
      kind === 'search'
        ? 'Enter 查找 · Esc 取消'
        : kind === 'override'
          ? 'Enter 下一步（留空＝改用各项之和）· Esc 取消'
          : kind === 'overrideReason'
            ? 'Enter 确定 · Esc 取消'
            : 'Enter 保存 · Esc 取消（文件名相对于当前文件夹）';
    // a message (a value refused, a reason asked for) is said in place of the keys
    status2 = state.message
      ? [{ text: truncate(state.message, gridW), color: 'yellow' }]
      : [{ text: truncate(help, gridW), dim: true }];
  }

  const hints: Seg[] = [
    {
      text:
        state.focus === 'findings'
          ? truncate('↑↓ 选择 · Enter 跳到单元格 · a 应用修改建议 · i 全文 · Esc/f 返回表格', W)
          : keyBar(GRID_KEYS, W),
      dim: true,
    },
  ];

  const pane = findingsPane(state, findings, wide ? paneW : W, wide ? gridH + 2 : paneH);
  if (wide) {
    const left = [...gridLines, status1, status2];
    return (
      <Box flexDirection="column" width={W}>
        <Line segs={fit(title, W)} color={color} />
        <Line segs={fit(tabs, W)} color={color} />
        <Box flexDirection="row">
          <Box flexDirection="column" width={gridW}>
            {left.map((segs, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: lines are positional
              <Line key={i} segs={fit(segs, gridW)} color={color} />
            ))}
          </Box>
          <Box flexDirection="column" width={paneW} marginLeft={2}>
            {pane.slice(0, gridH + 2).map((segs, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: lines are positional
              <Line key={i} segs={fit(segs, paneW)} color={color} />
            ))}
          </Box>
        </Box>
        <Line segs={fit(hints, W)} color={color} />
      </Box>
    );
  }
  while (pane.length < paneH) pane.push([]);
  const all = [title, tabs, ...gridLines, status1, status2, ...pane.slice(0, paneH), hints];
  return (
    <Box flexDirection="column" width={W}>
      {all.map((segs, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: lines are positional
        <Line key={i} segs={fit(segs, W)} color={color} />
      ))}
    </Box>
  );
}
