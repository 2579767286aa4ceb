import {
  cellDef,
  countFindings,
  type Finding,
  formatRate,
  narrate,
  type Report,
  summarize,
  TABLE_LABELS,
} from '@nianbao/core';
import { Box, useInput, useStdin } from 'ink';
import { useRef, useState } from 'react';
import { absentLine } from '../lib/absent.js';
import { groupOf } from '../lib/findings.js';
import { padEnd, splitWidth, truncate, width } from '../lib/text.js';
import { buildGrid } from './grid.js';
import { fit, Line, type Seg } from './Line.js';
import { TABLE_ORDER, tableLayout } from './layout.js';
import {
  currentCell,
  describeFix,
  type EditorState,
  findingsOf,
  handleKey,
  initialState,
  type Key,
  markSaved,
  splitChunk,
  suggestionFor,
  viewReport,
  withCurrent,
} from './state.js';

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
  /** Write the report; returns where it went, or throws with a one-line message. */
  readonly save: (report: Report) => string;
  /** Edit the narrative sections (in $EDITOR); returns the changed report or an error line. */
  readonly editSections: (report: Report) => { report?: Report; error?: string };
  readonly onQuit: (report: Report, saved: boolean) => void;
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
  const hint = focus ? '  Enter 跳转 a 修正 Esc 返回' : '  f 查看';
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
  for (const i of s.indicators) {
    const v =
      i.value === null
        ? `—（${i.note ?? '无数据'}）`
        : i.kind === 'rate'
          ? `${formatRate(i.value)}（${i.numerator}/${i.denominator}）`
          : `${i.value} 件`;
    out.push([{ text: padEnd(i.label, labelW) }, { text: v, bold: true }]);
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
  return out.slice(0, h - 1);
}

const HELP_LINES = [
  '按键',
  '  方向键 / h j k l   移动                 PgUp / PgDn、g / G   翻页、首行 / 末行',
  '  0–9  -  .          输入数值（合计随输入计算）；- 只用于本年增/减，. 只用于金额',
  '  Enter              确认输入（未输入时：开始输入）   Esc  取消输入',
  '  x / Delete         清空单元格（空白不等于 0）        =    按各项之和重算全部合计',
  '  Tab / [ ]          切换表二、表三、表四',
  '  f                  问题列表：↑↓ 选择，Enter 跳到单元格，a 应用修改建议',
  '  a                  应用当前单元格的修改建议            u    撤销',
  '  e                  用 $EDITOR 编辑前言（统计期限等）和正文六个部分',
  '  s                  摘要（指标与说明语句）',
  '  w / Ctrl-S         保存                               q    退出（未保存时需按两次）',
  '  Ctrl-C             同 q：有未保存的修改时先提示（未保存的修改将丢失），再按一次才退出',
  '  ?                  本帮助',
  '',
  '标记：! 有错误  ~ 有警告  · 空白  [ ] 当前单元格',
];

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
    const { state: next, effect } = handleKey(stateRef.current, k);
    let s = next;
    if (effect === 'save') {
      try {
        const where = props.save(s.report);
        s = { ...markSaved(s), message: `已保存：${where}` };
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

  useInput(
    (input, key) => {
      // Keys typed faster than the terminal is read (or pasted) arrive as one chunk: 「12\r」.
      const keys = splitChunk(input, key);
      try {
        for (const k of keys) if (!apply(k)) return;
      } catch (e) {
        // A key that cannot be carried out says so on the status line; the editor goes on.
        stateRef.current = {
          ...stateRef.current,
          buffer: null,
          message: `无法完成：${(e as Error).message?.split('\n')[0]}`,
        };
      }
      setState(stateRef.current);
    },
    { isActive: isRawModeSupported === true },
  );

  const report = viewReport(state);
  const findings = findingsOf(state);
  const edition = report.meta.edition;

  const title: Seg[] = [
    { text: ' nianbao ', inverse: true, bold: true },
    { text: ` ${report.meta.agency.name} ${report.meta.year} 年度（${edition} 版） ` },
    ...(state.dirty ? [{ text: '●未保存 ', color: 'yellow' }] : []),
    { text: props.fileLabel, dim: true },
  ];

  if (state.screen !== 'grid') {
    const body: Seg[][] =
      state.screen === 'summary' ? summaryScreen(report, W, H - 2) : HELP_LINES.map((t) => [{ text: t }]);
    return (
      <Box flexDirection="column" width={W}>
        <Line segs={fit(title, W)} color={color} />
        {body.slice(0, H - 3).map((segs, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: lines are positional
          <Line key={i} segs={fit(segs, W)} color={color} />
        ))}
        <Line segs={[{ text: '按任意键返回表格', dim: true }]} color={color} />
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
          : `${cell.value}${cell.unit && cell.unit !== 'unknown' ? ` ${cell.unit}` : ''}${cell.origin === 'derived' ? '（按各项之和计算）' : ''}`;
  let status1: Seg[] = [{ text: truncate(`${def?.label ?? ''} = ${valueText}`, gridW), bold: true }];
  let status2: Seg[];
  const onCell = id ? findings.filter((f) => f.status === 'failed' && f.cells.includes(id)) : [];
  if (state.message && width(state.message) > gridW) {
    // a long message (why a save was refused) takes both status lines rather than being cut
    const [head, rest] = splitWidth(state.message, gridW);
    status1 = [{ text: head, color: 'yellow' }];
    status2 = [{ text: truncate(rest, gridW), color: 'yellow' }];
  } else if (state.message) status2 = [{ text: truncate(state.message, gridW), color: 'yellow' }];
  else if (onCell.length) {
    const fix = state.buffer === null ? suggestionFor(state, { cell: id }) : undefined;
    status2 = fix
      ? [{ text: truncate(`建议：${describeFix(fix)}（${fix.reason}）按 a 应用`, gridW), color: 'green' }]
      : findingSegs(onCell[0]!, gridW, false);
  } else status2 = [{ text: '' }];

  const hints: Seg[] = [
    {
      text: truncate(
        state.focus === 'findings'
          ? '↑↓ 选择 · Enter 跳到单元格 · a 应用修改建议 · Esc/f 返回表格'
          : 'hjkl/方向键 移动 · 数字 输入 · Enter 确认 · Tab 换表 · f 问题 · a 修正 · e 正文 · s 摘要 · w 保存 · q 退出 · ? 帮助',
        W,
      ),
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
