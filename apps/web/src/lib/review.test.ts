import { countFindings, createEmptyReport, validate } from '@nianbao/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planBulk } from '../components/BulkActions';
import { parseRegionView, regionHref } from '../router';
import {
  errorCountWords,
  fetchAllPages,
  filterRows,
  flattenTree,
  hasErrors,
  isUnfilled,
  listedIds,
  listHref,
  namesAboveIn,
  nameWithPlace,
  nextWaiting,
  pageOf,
  parseListView,
  placesIn,
  queuePosition,
  repeatedNames,
  restoredView,
  statusCounts,
} from './review';

const item = (over: Record<string, unknown>) =>
  ({
    id: 'x',
    agencyName: '某机关',
    year: 2025,
    status: 'submitted',
    statusLabel: '已提交',
    version: 2,
    openFindings: { error: 0, crossYear: 0, warning: 0, info: 0 },
    dismissedErrors: 0,
    ...over,
  }) as never;

describe('the region list view in the hash', () => {
  it('round-trips year, scope and filters', () => {
    const h = regionHref({ year: 2024, node: 'n1', status: 'submitted', errorsOnly: true });
    expect(h).toBe('#/region?year=2024&node=n1&status=submitted&errors=1');
    const q = new URLSearchParams(h.split('?')[1]);
    expect(parseRegionView(q, 2025)).toEqual({
      year: 2024,
      node: 'n1',
      status: 'submitted',
      errorsOnly: true,
    });
    expect(parseRegionView(new URLSearchParams(''), 2025)).toEqual({
      year: 2025,
      node: undefined,
      status: '',
      errorsOnly: false,
    });
  });
});

describe('「有错误的」: one definition', () => {
  it('open errors, cross-year errors or dismissed errors; warnings alone are not', () => {
    expect(hasErrors(item({ openFindings: { error: 0, crossYear: 4, warning: 0, info: 0 } }))).toBe(true);
    expect(hasErrors(item({ dismissedErrors: 1 }))).toBe(true);
    expect(hasErrors(item({ openFindings: { error: 0, crossYear: 0, warning: 3, info: 0 } }))).toBe(false);
    expect(errorCountWords({ error: 0, crossYear: 4 })).toBe('跨年 4 个');
    expect(errorCountWords({ error: 2, crossYear: 0 })).toBe('错误 2 个');
    expect(errorCountWords({ error: 2, crossYear: 4 })).toBe('错误 2 个、跨年 4 个');
  });
});

describe('批量', () => {
  it('approves only what is waiting and has no open error; says why the others are skipped', () => {
    const plan = planBulk('approve', [
      item({ id: 'a', agencyName: '甲' }),
      item({ id: 'b', agencyName: '乙', openFindings: { error: 0, crossYear: 2, warning: 0, info: 0 } }),
      item({ id: 'c', agencyName: '丙', status: 'approved', statusLabel: '已通过' }),
    ]);
    expect(plan.go.map((r: { id: string }) => r.id)).toEqual(['a']);
    expect(plan.skipped.map((s) => `${(s.item as { agencyName: string }).agencyName}：${s.why}`)).toEqual([
      '乙：仍有跨年 2 个，请打开查看后再决定是否通过',
      '丙：状态为“已通过”，不是待审核',
    ]);
    expect(planBulk('publish', [item({ id: 'c', status: 'approved' })]).go).toHaveLength(1);
    // an approved report that still has errors (approved one by one, knowingly) is not published
    // in a batch unseen: before, 批量发布 published 示例县人民政府 with 跨年 4
    const withErrors = planBulk('publish', [
      item({ id: 'd', status: 'approved', openFindings: { error: 0, crossYear: 4, warning: 0, info: 0 } }),
    ]);
    expect(withErrors.go).toEqual([]);
    expect(withErrors.skipped[0]!.why).toContain('跨年 4 个');
  });
});

describe('下一份', () => {
  it('goes by the list the report was opened from', () => {
    const q = { ids: ['a', 'b', 'c'], back: '#/region?year=2025', label: '' };
    expect(queuePosition(q, 'b')).toEqual({ index: 2, total: 3, next: 'c', previous: 'a' });
    expect(queuePosition(q, 'c')?.next).toBeNull();
    expect(queuePosition(q, 'z')).toBeNull();
  });

  it('counts the list as it is now: a report approved out of 「已提交」 left it (not 「第 2/2 份」 after 通过并打开下一份)', () => {
    // 已提交 · 只看有错误的: 甲 and 乙 when 甲 was opened; 甲 approved, the list is 乙 alone
    const tree = [
      {
        id: 'county',
        children: [
          { id: 'a1', children: [] },
          { id: 'a2', children: [{ id: 'a3', children: [] }] },
          { id: 'a4', children: [] },
        ],
      },
    ];
    const crossYear = { error: 0, crossYear: 4, warning: 0, info: 0 };
    const report = (id: string, agencyId: string, status: string) =>
      item({ id, agencyId, status, openFindings: crossYear });
    const view = { year: 2025, node: 'county', status: 'submitted', errorsOnly: true };
    const before = [
      report('r1', 'a1', 'submitted'),
      report('r3', 'a3', 'submitted'),
      report('r4', 'a4', 'draft'),
    ];
    const opened = listedIds(tree, before, view)!;
    expect(opened).toEqual(['r1', 'r3']);
    const q = { ids: opened, back: '#/region?year=2025', label: '', view };
    expect(queuePosition(q, 'r3', opened)).toEqual({ index: 2, total: 2, next: null, previous: 'r1' });
    const now = listedIds(tree, [report('r1', 'a1', 'approved'), ...before.slice(1)], view)!;
    expect(now).toEqual(['r3']);
    expect(queuePosition(q, 'r3', now)).toEqual({ index: 1, total: 1, next: null, previous: null });
    // the approved one, still on screen: no place in the list, 下一份 the nearest after it
    expect(queuePosition(q, 'r1', now)).toEqual({ index: null, total: 1, next: 'r3', previous: null });
    // a report handed in meanwhile joins the list in its place
    const joined = listedIds(tree, [...before, report('r2', 'a2', 'submitted')], view)!;
    expect(joined).toEqual(['r1', 'r2', 'r3']);
    expect(queuePosition(q, 'r3', joined)).toEqual({ index: 3, total: 3, next: null, previous: 'r2' });
    // a scope no longer in the tree: no live list (the saved ids are used)
    expect(listedIds(tree, before, { ...view, node: 'gone' })).toBeNull();
    expect(queuePosition(q, 'r3', null)?.index).toBe(2);
  });
});

describe('未填写', () => {
  it('a draft never saved with an empty report’s warnings is unfilled; a saved or erring one is not', () => {
    const c = countFindings(validate(createEmptyReport({ year: 2025, agency: '某镇' })));
    const openFindings = { error: 0, crossYear: 0, warning: c.warning, info: c.info };
    expect(isUnfilled(item({ status: 'draft', version: 1, openFindings }))).toBe(true);
    expect(isUnfilled(item({ status: 'draft', version: 2, openFindings }))).toBe(false);
    expect(isUnfilled(item({ status: 'submitted', version: 1, openFindings }))).toBe(false);
    expect(
      isUnfilled(item({ status: 'draft', version: 1, openFindings: { ...openFindings, warning: 3 } })),
    ).toBe(false);
  });
});

describe('the region list at province size: every report, read a page at a time', () => {
  it('fetchAllPages follows the cursor to the last page (2,411 reports, not the first 500)', async () => {
    const all = Array.from({ length: 2411 }, (_, k) => `r${k}`);
    const asked: (string | undefined)[] = [];
    const got = await fetchAllPages(async (cursor) => {
      asked.push(cursor);
      const from = cursor ? Number(cursor) : 0;
      const items = all.slice(from, from + 500);
      return { total: all.length, items, nextCursor: from + 500 < all.length ? String(from + 500) : null };
    });
    expect(got.items).toEqual(all);
    expect(got.total).toBe(2411);
    expect(asked).toEqual([undefined, '500', '1000', '1500', '2000']);
  });

  it('fetchAllPages stops at its page limit when the cursor never ends', async () => {
    let n = 0;
    const got = await fetchAllPages(async () => {
      n++;
      return { total: 1, items: ['x'], nextCursor: 'again' };
    }, 3);
    expect(n).toBe(3);
    expect(got.items).toEqual(['x', 'x', 'x']);
  });

  it('pageOf: a page of the rows with where it stands, kept within the pages there are', () => {
    const rows = Array.from({ length: 250 }, (_, k) => k);
    expect(pageOf(rows, 0)).toMatchObject({ page: 0, pages: 3, from: 1, to: 100 });
    const last = pageOf(rows, 2);
    expect(last).toMatchObject({ page: 2, pages: 3, from: 201, to: 250 });
    expect(last.rows).toEqual(rows.slice(200));
    // a filter that leaves fewer rows brings a later page back to the last there is
    expect(pageOf(rows.slice(0, 30), 2)).toMatchObject({ page: 0, pages: 1, from: 1, to: 30 });
    expect(pageOf([], 0)).toMatchObject({ page: 0, pages: 1, from: 0, to: 0 });
  });
});

describe('通过并打开下一份: the next report waiting for review', () => {
  const q = (ids: string[]) => ({ ids, back: '#/region', label: '' });
  it('skips reports already approved or published (QA: 东山乡 3/7 opened 交通运输局 4/7, 已通过)', () => {
    const st: Record<string, string> = {
      a: 'submitted',
      b: 'submitted',
      c: 'approved',
      d: 'published',
      e: 'submitted',
    };
    expect(nextWaiting(q(['a', 'b', 'c', 'd', 'e']), 'b', ['a', 'b', 'c', 'd', 'e'], (x) => st[x])).toBe('e');
    // then from the start of the list
    expect(nextWaiting(q(['a', 'b', 'c', 'd', 'e']), 'e', ['a', 'b', 'c', 'd', 'e'], (x) => st[x])).toBe('a');
    // none left
    expect(nextWaiting(q(['a', 'c']), 'a', ['a', 'c'], (x) => st[x])).toBeNull();
    // the approved one left 「已提交」: placed where it was
    expect(nextWaiting(q(['a', 'b', 'e']), 'b', ['a', 'e'], (x) => st[x])).toBe('e');
  });

  it('for every list: never itself, always waiting, the first waiting one after it (round the end)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 20 }),
        fc.array(fc.constantFrom('submitted', 'approved', 'published', 'draft', 'returned'), {
          minLength: 20,
          maxLength: 20,
        }),
        fc.nat(),
        (nums, statuses, k) => {
          const ids = nums.map(String);
          const st = new Map(ids.map((x, i) => [x, statuses[i]!]));
          const id = ids[k % ids.length]!;
          const got = nextWaiting(q(ids), id, ids, (x) => st.get(x));
          const i = ids.indexOf(id);
          const expected = [...ids.slice(i + 1), ...ids.slice(0, i)].find((x) => st.get(x) === 'submitted');
          expect(got).toBe(expected ?? null);
        },
      ),
    );
  });
});

// A city of two counties, each with its 城关镇 and 马坊镇 (names repeat), and a city department.
const city = {
  id: 'city',
  name: '清河市人民政府',
  children: [
    {
      id: 'ap',
      name: '安平县人民政府',
      children: [
        { id: 'ap-cg', name: '城关镇人民政府', children: [] },
        { id: 'ap-mf', name: '马坊镇人民政府', children: [] },
      ],
    },
    {
      id: 'lj',
      name: '临江县人民政府',
      children: [
        { id: 'lj-cg', name: '城关镇人民政府', children: [] },
        { id: 'lj-mf', name: '马坊镇人民政府', children: [] },
      ],
    },
    { id: 'edu', name: '清河市教育局', children: [] },
  ],
};

describe('same names in a big region: where each agency is', () => {
  it('places below the scope, nearest last; the name with its place; which names repeat', () => {
    const places = placesIn(city);
    expect(places.get('ap-mf')).toEqual(['安平县人民政府']);
    expect(places.get('edu')).toEqual([]);
    expect(placesIn(city.children[0]!).get('ap-mf')).toEqual([]);
    expect(nameWithPlace('马坊镇人民政府', places.get('lj-mf'))).toBe('马坊镇人民政府 · 临江县人民政府');
    expect(nameWithPlace('清河市教育局', places.get('edu'))).toBe('清河市教育局');
    const province = { id: 'p', name: '某省', children: [city] };
    expect(nameWithPlace('马坊镇人民政府', placesIn(province).get('ap-mf'))).toBe(
      '马坊镇人民政府 · 安平县人民政府 · 清河市人民政府',
    );
    expect([...repeatedNames(flattenTree(city).map((r) => r.node.name))].sort()).toEqual([
      '城关镇人民政府',
      '马坊镇人民政府',
    ]);
  });
});

describe('the name filter and the counts per status', () => {
  const reports = new Map(
    [
      ['ap-cg', 'submitted'],
      ['ap-mf', 'approved'],
      ['lj-cg', 'submitted'],
      ['edu', 'draft'],
    ].map(([a, st]) => [a!, item({ id: `r-${a}`, agencyId: a, status: st })]),
  ) as Map<string, never>;
  const rows = flattenTree(city);
  const ids = (q: string, status = '') =>
    filterRows(rows, reports, { q, status }, namesAboveIn(city)).map((r) => r.node.id);
  it('matches the agency’s name or its parent’s, every word, any case', () => {
    expect(ids('马坊')).toEqual(['ap-mf', 'lj-mf']);
    expect(ids('安平县')).toEqual(['ap', 'ap-cg', 'ap-mf']);
    expect(ids('安平 马坊')).toEqual(['ap-mf']);
    expect(ids('城关', 'submitted')).toEqual(['ap-cg', 'lj-cg']);
    expect(ids('  ')).toEqual(rows.map((r) => r.node.id));
    // the report page's 第 n/N 份 reads the list by the same filter
    expect(
      listedIds([city], [...reports.values()], { node: 'city', q: '城关', status: '', errorsOnly: false }),
    ).toEqual(['r-ap-cg', 'r-lj-cg']);
  });
  it('a name above counts up to the scope’s, the scope’s included (QA: 「示例县」 left out 坑仔口镇, right under 示例县人民政府)', () => {
    // the scope's own name: every agency of it
    expect(ids('清河市')).toEqual(rows.map((r) => r.node.id));
    expect(ids('清河 城关')).toEqual(['ap-cg', 'lj-cg']);
    expect(ids('清河市 教育')).toEqual(['edu']);
    // a county as the scope: its name finds its townships
    const county = city.children[0]!;
    const inCounty = (q: string) =>
      filterRows(flattenTree(county), reports, { q }, namesAboveIn(county)).map((r) => r.node.id);
    expect(inCounty('安平县')).toEqual(['ap', 'ap-cg', 'ap-mf']);
    expect(inCounty('安平县 马坊')).toEqual(['ap-mf']);
    expect(namesAboveIn(city).get('ap-mf')).toEqual(['清河市人民政府', '安平县人民政府']);
    expect(namesAboveIn(city).get('city')).toEqual([]);
    // the report page's 第 n/N 份 reads the list by the same names
    expect(
      listedIds([city], [...reports.values()], {
        node: 'city',
        q: '清河市 城关',
        status: '',
        errorsOnly: false,
      }),
    ).toEqual(['r-ap-cg', 'r-lj-cg']);
  });
  it('counts every agency of the scope once, by status (none: no report yet)', () => {
    expect(statusCounts(rows, reports)).toEqual({ none: 4, submitted: 2, approved: 1, draft: 1 });
  });
});

describe('the list’s page and name filter in the address', () => {
  it('round-trips for every view; page shown from 1', () => {
    fc.assert(
      fc.property(
        fc.record({
          year: fc.integer({ min: 2019, max: 2030 }),
          node: fc.option(fc.stringMatching(/^[a-z0-9-]{1,12}$/), { nil: undefined }),
          status: fc.constantFrom('', 'submitted', 'approved', 'none'),
          errorsOnly: fc.boolean(),
          q: fc.constantFrom('', '马坊', '安平 城关', 'a&b=c'),
          page: fc.nat(30),
        }),
        (v) => {
          const h = listHref(v);
          expect(parseListView(new URLSearchParams(h.split('?')[1]), 2000)).toEqual(v);
        },
      ),
    );
    expect(listHref({ year: 2025, node: 'n', page: 1, q: '马坊' })).toBe(
      `#/region?year=2025&node=n&q=${encodeURIComponent('马坊')}&page=2`,
    );
  });

  it('only the bare page opens the saved view; an address naming any of the list’s parameters is shown as it says', () => {
    const kept = { year: 2025, node: 'n', status: 'submitted', errorsOnly: true, q: '示例县', page: 1 };
    const at = (q: string) => restoredView(new URLSearchParams(q), kept);
    // #/ and #/region (the header's 本地区报告): as left, page and all
    expect(at('')).toEqual(kept);
    // QA: #/region?year=2025 was rewritten to 「…&errors=1&q=示例县」, a bookmark showed a filtered list
    expect(at('year=2025')).toBeNull();
    expect(at('year=2024')).toBeNull();
    expect(at('year=2024&node=n')).toBeNull();
    expect(at('status=draft')).toBeNull();
    expect(at('errors=1')).toBeNull();
    expect(at(`q=${encodeURIComponent('示例县')}`)).toBeNull();
    expect(at('page=3')).toBeNull();
    expect(restoredView(new URLSearchParams('year=2024'), null)).toBeNull();
  });
});
