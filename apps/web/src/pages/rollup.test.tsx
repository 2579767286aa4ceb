import { aggregate, exampleReport, summarize } from '@nianbao/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChartOption } from '../components/Chart';
import { fakeClient, testQueryClient } from '../test-support/trpc';
import { TRPCProvider } from '../trpc';
import { byPlace, type PlaceNode, placesOf, qualifiedNames } from './agencyPlaces';
import RollupPage from './RollupPage';

/** The charts as drawn (ECharts needs a canvas jsdom has not): each chart's option by its label. */
const drawn = vi.hoisted(() => ({ options: new Map<string, unknown>(), narrow: false }));
vi.mock('../components/Chart', () => ({
  NARROW_QUERY: '(max-width: 700px)',
  useNarrow: () => drawn.narrow,
  Chart: ({ option, label }: { option: unknown; label: string }) => {
    drawn.options.set(label, option);
    return <div className="chart" role="img" aria-label={label} />;
  },
}));

afterEach(() => {
  cleanup();
  drawn.options.clear();
  drawn.narrow = false;
});

const node = (id: string, name: string, children: PlaceNode[] = []) => ({
  id,
  parentId: null,
  name,
  kind: '人民政府',
  level: '县级',
  regionCode: null,
  children,
});

/** 衡水市 with three counties, each with its 城关镇. */
const TREE = [
  node('city', '衡水市人民政府', [
    node('fin-c', '衡水市财政局'),
    node('anping', '安平县人民政府', [node('cg-a', '城关镇人民政府'), node('edu-a', '安平县教育局')]),
    node('raoyang', '饶阳县人民政府', [
      node('cg-r', '城关镇人民政府'),
      node('dong-r', '东山乡人民政府'),
      node('xi-r', '西河乡人民政府'),
    ]),
    node('wuqiang', '武强县人民政府', [
      node('cg-w', '城关镇人民政府'),
      node('dong-w', '东山乡人民政府'),
      node('xi-w', '西河乡人民政府'),
    ]),
  ]),
];

const AGENCIES: [reportId: string, agencyId: string, name: string][] = [
  ['r1', 'cg-a', '城关镇人民政府'],
  ['r2', 'edu-a', '安平县教育局'],
  ['r3', 'cg-r', '城关镇人民政府'],
  ['r4', 'dong-r', '东山乡人民政府'],
  ['r5', 'cg-w', '城关镇人民政府'],
  ['r6', 'anping', '安平县人民政府'],
  ['r7', 'fin-c', '衡水市财政局'],
];

function regionAnswer(lastYear = true, more = 0) {
  const reports = AGENCIES.map(([, id, name], k) =>
    exampleReport({ year: 2025, agency: { id, name, kind: '人民政府', level: '乡镇级' }, scale: k + 1 }),
  );
  const result = aggregate(reports, { agency: { id: 'city', name: '衡水市人民政府' } });
  const figures = (k: number) => ({
    newReceived: 10 * (k + 1),
    resultTotal: 10 * (k + 1),
    granted: 5,
    review: 1,
    litigation: 0,
  });
  const region = {
    ...result,
    missing: [],
    included: [
      ...AGENCIES.map(([reportId, agencyId, agencyName], k) => ({
        reportId,
        agencyId,
        agencyName,
        status: 'approved',
        openFindings: { error: 0, crossYear: 0 },
        figures: figures(k),
      })),
      // as many again with 本年新收 10 each (the same as 城关镇 · 安平县)
      ...Array.from({ length: more }, (_, k) => ({
        reportId: `m${k}`,
        agencyId: `m${k}`,
        agencyName: `第${k}个部门`,
        status: 'approved',
        openFindings: { error: 0, crossYear: 0 },
        figures: figures(0),
      })),
    ],
    excluded: [],
    regional: [],
    notCounted: [] as {
      reportId: string;
      agencyId: string;
      agencyName: string;
      status: string;
      statusLabel: string;
    }[],
    noReport: [] as string[],
    noReportAgencies: [] as { agencyId: string; agencyName: string }[],
    summary: summarize(result.report),
    doubts: [
      { reportId: 'r5', agencyName: '城关镇人民政府', problems: ['错误 1 个'] },
      { reportId: 'r1', agencyName: '城关镇人民政府', problems: ['错误 2 个'] },
    ],
    blankCauses: {} as Record<string, string[]>,
    blankCauseReports: {} as Record<string, string[]>,
  };
  const last = {
    year: 2024,
    reports: lastYear
      ? AGENCIES.map(([reportId, agencyId, agencyName], k) => ({
          reportId: `${reportId}-2024`,
          agencyId,
          agencyName,
          status: 'published',
          figures: figures(k),
        }))
      : [],
  };
  return { region, last };
}

type RegionAnswer = ReturnType<typeof regionAnswer>['region'];

function renderRollup(
  opts: { lastYear?: boolean; tree?: unknown; more?: number; patch?: (r: RegionAnswer) => RegionAnswer } = {},
) {
  const answer = regionAnswer(opts.lastYear ?? true, opts.more ?? 0);
  const region = opts.patch ? opts.patch(answer.region) : answer.region;
  const { last } = answer;
  const { client, calls } = fakeClient({
    'auth.me': () => ({ id: 'u', username: 'shenhe', role: 'reviewer' }),
    'agencies.tree': () => opts.tree ?? TREE,
    'summary.region': () => region,
    'summary.regionLastYear': () => last,
  });
  const queryClient = testQueryClient();
  const r = render(
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={client} queryClient={queryClient}>
        <RollupPage year={2025} nodeId="city" />
      </TRPCProvider>
    </QueryClientProvider>,
  );
  return { ...r, calls };
}

type Bars = ChartOption & {
  color: string[];
  title: { text: string; subtext?: string };
  legend: { show?: boolean };
  series: { name: string }[];
};
const agencyChart = () => drawn.options.get('各机关同比') as Bars & { yAxis: { data: string[] } };
const yoyChart = () => drawn.options.get('本地区同比') as Bars;

describe('roll-up charts without last year', () => {
  it('no 「2024 年度」 in either legend, and the agencies chart is not called 同比', async () => {
    renderRollup({ lastYear: false });
    await waitFor(() => expect(yoyChart()?.title.subtext).toContain('无法同比'), { timeout: 10_000 });
    await waitFor(() => expect(agencyChart()?.title.subtext).toContain('无法同比'), { timeout: 10_000 });
    expect(yoyChart().legend.show).toBe(false);
    expect(yoyChart().series.map((x) => x.name)).toEqual(['2025 年度']);
    expect(agencyChart().legend.show).toBe(false);
    expect(agencyChart().series.map((x) => x.name)).toEqual(['2025 年度']);
    expect(agencyChart().title.text).toBe('各机关本年新收申请');
    // this year drawn alone in this year's colour, not last year's pale one
    expect(agencyChart().color).toEqual(['#2f5d9b']);
    expect(yoyChart().color).toEqual(['#2f5d9b']);
  });
  it('with last year both years are drawn and in the legend', async () => {
    renderRollup();
    await waitFor(() => expect(yoyChart()?.series).toHaveLength(2));
    await waitFor(() => expect(agencyChart()?.series).toHaveLength(2));
    expect(yoyChart().legend.show).toBe(true);
    expect(agencyChart().legend.show).toBe(true);
    expect(agencyChart().title.text).toBe('各机关本年新收申请（同比）');
  });
  it('30 bars cut out of many equal ones: said under the chart', async () => {
    const { container } = renderRollup({ more: 40 });
    await waitFor(() => expect(agencyChart()?.yAxis.data).toHaveLength(30));
    await waitFor(() => expect(container.querySelector('[data-testid=agency-tie]')).toBeTruthy());
    expect(container.querySelector('[data-testid=agency-tie]')!.textContent).toBe(
      '同为 10 件的 41 个机关只画了 24 个（并列时按列表顺序），另 17 个未画出。',
    );
  });
});

describe('roll-up: agencies of the same name are told apart by their place', () => {
  it('「选择汇总的报告」 goes county by county, a repeated name with its county; unique names stay as they are', async () => {
    const { container } = renderRollup();
    await waitFor(() => expect(container.querySelector('.rollup-scope')).toBeTruthy());
    await waitFor(() => expect(agencyChart()?.yAxis.data).toContain('城关镇人民政府 · 安平县'));
    const scope = container.querySelector('.rollup-scope') as HTMLDetailsElement;
    scope.open = true;
    fireEvent(scope, new Event('toggle'));
    await waitFor(() => expect(scope.querySelectorAll('label').length).toBe(7));
    const labels = [...scope.querySelectorAll('label')].map((l) => l.textContent);
    expect(labels).toEqual([
      '衡水市财政局（已通过）',
      // the county's government first in its county, then its agencies
      '安平县人民政府（已通过）',
      '安平县教育局（已通过）',
      '城关镇人民政府 · 安平县（已通过）',
      '城关镇人民政府 · 饶阳县（已通过）',
      '东山乡人民政府（已通过）',
      '城关镇人民政府 · 武强县（已通过）',
    ]);
    // each county's heading
    expect([...scope.querySelectorAll('.scope-place')].map((p) => p.textContent)).toEqual([
      '衡水市人民政府',
      '安平县人民政府',
      '饶阳县人民政府',
      '武强县人民政府',
    ]);
  });

  it('the doubts list and the agencies chart say which 城关镇', async () => {
    const { container } = renderRollup();
    await waitFor(() => expect(agencyChart()?.yAxis.data).toContain('城关镇人民政府 · 安平县'));
    const doubts = [...container.querySelectorAll('[data-testid=rollup-doubts] li')].map(
      (l) => l.textContent,
    );
    expect(doubts).toEqual(['城关镇人民政府 · 安平县：错误 2 个', '城关镇人民政府 · 武强县：错误 1 个']);
    const names = agencyChart().yAxis.data;
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual([
      '衡水市财政局',
      '安平县人民政府',
      '安平县教育局',
      '城关镇人民政府 · 安平县',
      '城关镇人民政府 · 饶阳县',
      '东山乡人民政府',
      '城关镇人民政府 · 武强县',
    ]);
    expect(container.querySelector('[data-testid=included-names] p')?.textContent).toContain(
      '城关镇人民政府 · 饶阳县',
    );
  });

  it('the reports not counted, the agencies without a report and the causes of a blank say which one', async () => {
    let key = '';
    const { container } = renderRollup({
      patch: (r) => {
        key = r.summary.indicators[0]!.key;
        return {
          ...r,
          notCounted: [
            {
              reportId: 'd1',
              agencyId: 'dong-w',
              agencyName: '东山乡人民政府',
              status: 'draft',
              statusLabel: '草稿',
            },
          ],
          noReport: ['西河乡人民政府', '西河乡人民政府'],
          noReportAgencies: [
            { agencyId: 'xi-w', agencyName: '西河乡人民政府' },
            { agencyId: 'xi-r', agencyName: '西河乡人民政府' },
          ],
          blankCauses: { [key]: ['城关镇人民政府'] },
          blankCauseReports: { [key]: ['r3'] },
        };
      },
    });
    await waitFor(() => expect(container.querySelector('[data-testid=not-counted]')).not.toBeNull(), {
      timeout: 10_000,
    });
    // a draft of 武强县's 东山乡 beside 饶阳县's summed one: both said with their county
    const notCounted = container.querySelector('[data-testid=not-counted]')!.textContent;
    expect(notCounted).toContain('未计入（状态不在所选范围）：东山乡人民政府 · 武强县（草稿）。');
    expect(notCounted).toContain('没有 2025 年度报告：西河乡人民政府 · 饶阳县、西河乡人民政府 · 武强县。');
    expect(container.querySelector('[data-testid=included-names] p')?.textContent).toContain(
      '东山乡人民政府 · 饶阳县',
    );
    expect(container.querySelector('.blank-cause')?.textContent).toBe('空白来自 城关镇人民政府 · 饶阳县');
  });

  it('without the tree (not loaded, or not visible) the names are as before, sorted by name', async () => {
    const { container } = renderRollup({ tree: [] });
    await waitFor(() => expect(agencyChart()?.yAxis.data.length).toBe(7));
    expect(agencyChart().yAxis.data.filter((n) => n === '城关镇人民政府')).toHaveLength(3);
    expect(container.querySelector('.scope-place')).toBeNull();
  });
});

describe('qualifiedNames / byPlace', () => {
  it('two agencies of one name under different places always read differently; a name alone is left alone', () => {
    const names = ['城关镇人民政府', '东山乡人民政府', '教育局'];
    const counties = ['安平县人民政府', '饶阳县人民政府', '武强县人民政府'];
    const cities = ['衡水市人民政府', '保定市人民政府'];
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.tuple(fc.nat(cities.length - 1), fc.nat(counties.length - 1), fc.nat(names.length - 1)),
          { minLength: 1, maxLength: 12, selector: (x) => x.join('/') },
        ),
        (picks) => {
          // city › county › agency, ids from their place
          const tree: PlaceNode[] = cities.map((c, ci) => ({
            id: `c${ci}`,
            name: c,
            children: counties.map((k, ki) => ({
              id: `c${ci}k${ki}`,
              name: k,
              children: names.map((n, ni) => ({ id: `c${ci}k${ki}n${ni}`, name: n, children: [] })),
            })),
          }));
          const items = picks.map(([c, k, n]) => ({
            key: `r-${c}-${k}-${n}`,
            agencyId: `c${c}k${k}n${n}`,
            agencyName: names[n]!,
          }));
          const shown = qualifiedNames(items, placesOf(tree));
          const texts = items.map((i) => shown.get(i.key)!);
          expect(new Set(texts).size).toBe(texts.length);
          for (const i of items) {
            const alone = items.filter((x) => x.agencyName === i.agencyName).length === 1;
            if (alone) expect(shown.get(i.key)).toBe(i.agencyName);
            else expect(shown.get(i.key)!.startsWith(`${i.agencyName} · `)).toBe(true);
          }
          // sorted by place: each county's agencies together
          const sorted = byPlace(items, placesOf(tree)).map((i) => i.agencyId.replace(/n\d+$/, ''));
          const runs = sorted.filter((x, k) => k === 0 || sorted[k - 1] !== x);
          expect(new Set(runs).size).toBe(runs.length);
        },
      ),
    );
  });
});
