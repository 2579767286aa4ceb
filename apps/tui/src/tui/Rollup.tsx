import { basename, relative } from 'node:path';
import {
  type AggregateResult,
  aggregate,
  formatRate,
  NianbaoError,
  type Report,
  summarize,
} from '@nianbao/core';
import { Box, useInput, useStdin } from 'ink';
import { padEnd, truncate, width } from '../lib/text.js';
import type { FolderEntry } from './FolderView.js';

/**
 * The files of a duplicate by name, or — when they share a name (000_….txt and seed/000_….txt) — by
 * their paths from the working folder, so that the two can be told apart.
 */
function named(files: readonly string[]): string[] {
  const names = files.map((f) => basename(f));
  return new Set(names).size === names.length ? names : files.map((f) => relative(process.cwd(), f) || f);
}

import { fit, Line, type Seg } from './Line.js';

export interface RollupProps {
  readonly entries: readonly FolderEntry[];
  readonly width: number;
  readonly height: number;
  readonly color: boolean;
  readonly onClose: () => void;
  /** Ctrl-C: leave nianbao (nothing to lose here); without it, Ctrl-C closes the roll-up. */
  readonly onQuit?: () => void;
}

const KEYS = [
  'applicationsTotal',
  'newReceived',
  'concluded',
  'carriedForward',
  'grantedRate',
  'disclosureRate',
  'unableShare',
  'reviewTotal',
  'reviewCorrectionRate',
];

/** Lines of at most `w` columns. */
function wrap(text: string, w: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const ch of text) {
    if (width(line + ch) > w) {
      out.push(line);
      line = '';
    }
    line += ch;
  }
  if (line) out.push(line);
  return out;
}

/**
 * core's notes of a roll-up, the likely-same-agency ones apart (they are warnings), as
 * `nianbao summary` prints them (commands/summary.ts printRollup).
 */
function splitNotes(agg: Pick<AggregateResult, 'notes' | 'likelySameAgencies'>): {
  notes: string[];
  likelySame: string[];
} {
  const likelySame = [...new Set((agg.likelySameAgencies ?? []).map((x) => x.message))];
  return { notes: agg.notes.filter((x) => !likelySame.includes(x)), likelySame };
}

/** The folder's roll-up: core's aggregate per year and edition, its indicators (blank stays blank). */
export function Rollup(props: RollupProps) {
  const { isRawModeSupported } = useStdin();
  useInput(
    (input, key) => {
      if (key.ctrl && input === 'c' && props.onQuit) props.onQuit();
      else props.onClose();
    },
    { isActive: isRawModeSupported === true },
  );
  const { width: W, height: H, color } = props;
  const groups = new Map<string, { reports: Report[]; files: string[] }>();
  for (const e of props.entries) {
    const r = e.result?.ok ? e.result.report : undefined;
    if (!r) continue;
    const k = `${r.meta.year}|${r.meta.edition}`;
    const g = groups.get(k) ?? groups.set(k, { reports: [], files: [] }).get(k)!;
    g.reports.push(r);
    g.files.push(e.file);
  }
  const lines: Seg[][] = [
    [
      { text: ' nianbao ', inverse: true, bold: true },
      { text: ' 文件夹汇总（各年度分别汇总，空白不按 0 计）' },
    ],
  ];
  // core's aggregate per group; a group it refuses (the same agency twice) is named with its reason
  const refused: string[] = [];
  const sums: {
    k: string;
    n: number;
    missing: number;
    unread: number;
    s: ReturnType<typeof summarize>;
    /** core's notes (units, a roll-up among the reports, totals that disagree), as `nianbao summary` prints them. */
    notes: readonly string[];
    /** core's likelySameAgencies (「教育局」 and 「示例县教育局」): said as warnings, as `nianbao summary` does. */
    likelySame: readonly string[];
  }[] = [];
  for (const k of [...groups.keys()].sort().reverse()) {
    const { reports, files } = groups.get(k)!;
    try {
      const agg = aggregate(reports, { agency: { name: '汇总' } });
      sums.push({
        k,
        n: reports.length,
        missing: agg.missing.length,
        unread: agg.missing.filter((m) => m.unread?.length).length,
        s: summarize(agg.report),
        ...splitNotes(agg),
      });
    } catch (e) {
      if (!(e instanceof NianbaoError)) throw e;
      const at = e.details.indices as readonly number[] | undefined;
      const year = k.split('|')[0];
      refused.push(
        e.code === 'DUPLICATE_REPORT' && at
          ? `${year} 年度未汇总：${String(e.details.agency)}的报告有两份（${named(at.map((i) => files[i] ?? '')).join('、')}），汇总会把它的数字算两遍；请只留一份在文件夹中`
          : `${year} 年度未汇总：${e.message}`,
      );
    }
  }
  const keys = sums.map((x) => x.k);
  const colW = Math.max(14, Math.min(24, Math.floor((W - 30) / Math.max(1, keys.length))));
  const labelW = Math.max(16, Math.min(40, W - colW * keys.length - 1));
  if (!keys.length && !refused.length)
    lines.push([], [{ text: '  还没有可汇总的报告（检查完成后再试）', dim: true }]);
  else if (keys.length) {
    lines.push([]);
    lines.push([
      { text: padEnd('', labelW) },
      ...sums.map((x) => ({ text: padEnd(`${x.k.split('|')[0]} 年度（${x.n} 份）`, colW), bold: true })),
    ]);
    for (const key of KEYS) {
      const first = sums[0]!.s.indicators.find((i) => i.key === key);
      if (!first) continue;
      const cells = sums.map((x) => {
        const i = x.s.indicators.find((j) => j.key === key);
        const v = !i || i.value === null ? '—' : i.kind === 'rate' ? formatRate(i.value) : `${i.value} 件`;
        return { text: padEnd(v, colW) };
      });
      lines.push([{ text: `${padEnd(first.label, labelW - 1)} ` }, ...cells]);
    }
    const withMissing = sums.filter((x) => x.missing > 0);
    if (withMissing.length)
      lines.push(
        [],
        [
          {
            text: truncate(
              `有单元格未汇总（留空，不按 0 计）：${withMissing
                .map(
                  (x) =>
                    `${x.k.split('|')[0]} 年度 ${x.missing} 格（${[
                      x.missing > x.unread ? `空白 ${x.missing - x.unread}` : '',
                      x.unread ? `未读到 ${x.unread}` : '',
                    ]
                      .filter(Boolean)
                      .join('，')}）`,
                )
                .join('，')}`,
              W,
            ),
            color: 'yellow',
          },
        ],
      );
    // core's notes, as `nianbao summary` prints them: 注意 for two names that may be one agency, 注 for the rest
    const year = (x: (typeof sums)[number]) => (sums.length > 1 ? `${x.k.split('|')[0]} 年度：` : '');
    const said: Seg[][] = [];
    for (const x of sums) {
      for (const m of x.likelySame)
        said.push(...wrap(`注意：${year(x)}${m}`, W).map((t): Seg[] => [{ text: t, color: 'yellow' }]));
      for (const m of x.notes) said.push(...wrap(`注：${year(x)}${m}`, W).map((t): Seg[] => [{ text: t }]));
    }
    if (said.length) lines.push([], ...said);
  }
  // files not in the sums, said: still being checked, or unusable (no number read, a broken JSON) —
  // `nianbao summary DIR` refuses the roll-up for such a file; here it is left out, but not unsaid
  const waiting = props.entries.filter((e) => !e.result);
  const unusable = props.entries.filter((e) => e.result && !e.result.ok && !e.result.skipped);
  const files = (list: readonly FolderEntry[]) => {
    const names = named(list.map((e) => e.file));
    return `${names.slice(0, 5).join('、')}${names.length > 5 ? ` 等 ${names.length} 个` : ''}`;
  };
  const left: string[] = [];
  if (unusable.length)
    left.push(`未计入 ${unusable.length} 个无法使用的文件：${files(unusable)}（原因见文件夹列表）`);
  if (waiting.length)
    left.push(`另有 ${waiting.length} 个文件尚未检查完，未计入：${files(waiting)}（检查完成后再按 s）`);
  if (left.length && (keys.length || refused.length))
    lines.push(
      [],
      ...left.flatMap((text) => wrap(text, W).map((t): Seg[] => [{ text: t, color: 'yellow' }])),
    );
  if (refused.length)
    lines.push(
      [],
      ...refused.flatMap((text) => wrap(text, W).map((t): Seg[] => [{ text: t, color: 'red' }])),
    );
  // what does not fit the window is not cut off unsaid: the count of lines left, and where to read them
  const shown =
    lines.length + 2 <= H - 1
      ? lines
      : [
          ...lines.slice(0, Math.max(1, H - 4)),
          [
            {
              text: truncate(
                `……还有 ${lines.length - Math.max(1, H - 4)} 行未显示（窗口太小；放大窗口，或用 nianbao summary 文件夹 查看全部）`,
                W,
              ),
              color: 'yellow',
            },
          ] as Seg[],
        ];
  shown.push([], [{ text: '按任意键返回', dim: true }]);
  return (
    <Box flexDirection="column" width={W}>
      {shown.slice(0, H - 1).map((segs, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: lines are positional
        <Line key={i} segs={fit(segs, W)} color={color} />
      ))}
    </Box>
  );
}
