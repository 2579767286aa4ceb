import { aggregate, formatRate, type Report, summarize } from '@nianbao/core';
import { Box, useInput, useStdin } from 'ink';
import { padEnd, truncate } from '../lib/text.js';
import type { FolderEntry } from './FolderView.js';
import { Line, type Seg } from './Line.js';

export interface RollupProps {
  readonly entries: readonly FolderEntry[];
  readonly width: number;
  readonly height: number;
  readonly color: boolean;
  readonly onClose: () => void;
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

/** The folder's roll-up: core's aggregate per year and edition, its indicators (blank stays blank). */
export function Rollup(props: RollupProps) {
  const { isRawModeSupported } = useStdin();
  useInput(() => props.onClose(), { isActive: isRawModeSupported === true });
  const { width: W, height: H, color } = props;
  const groups = new Map<string, Report[]>();
  for (const e of props.entries) {
    const r = e.result?.ok ? e.result.report : undefined;
    if (!r) continue;
    const k = `${r.meta.year}|${r.meta.edition}`;
    (groups.get(k) ?? groups.set(k, []).get(k)!).push(r);
  }
  const lines: Seg[][] = [
    [
      { text: ' nianbao ', inverse: true, bold: true },
      { text: ' 文件夹汇总（各年度分别汇总，空白不按 0 计）' },
    ],
  ];
  const keys = [...groups.keys()].sort().reverse();
  const colW = Math.max(14, Math.min(24, Math.floor((W - 30) / Math.max(1, keys.length))));
  const labelW = Math.max(16, Math.min(40, W - colW * keys.length - 1));
  if (!keys.length) lines.push([], [{ text: '  还没有可汇总的报告（检查完成后再试）', dim: true }]);
  else {
    const sums = keys.map((k) => {
      const reports = groups.get(k)!;
      const agg = aggregate(reports, { agency: { name: '汇总' } });
      return { k, n: reports.length, missing: agg.missing.length, s: summarize(agg.report) };
    });
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
              `有空白单元格的汇总：${withMissing.map((x) => `${x.k.split('|')[0]} 年度 ${x.missing} 格`).join('，')}（留空）`,
              W,
            ),
            color: 'yellow',
          },
        ],
      );
  }
  lines.push([], [{ text: '按任意键返回', dim: true }]);
  return (
    <Box flexDirection="column" width={W}>
      {lines.slice(0, H - 1).map((segs, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: lines are positional
        <Line key={i} segs={segs.map((s) => ({ ...s, text: truncate(s.text, W) }))} color={color} />
      ))}
    </Box>
  );
}
