/** fast-check generators of valid reports: any edition, blanks anywhere, hostile text. */
import {
  type Cell,
  createEmptyReport,
  EDITION_IDS,
  getEdition,
  type Report,
  SECTION_KEYS,
} from '@nianbao/core';
import fc from 'fast-check';

const HOSTILE = [
  '<script>alert(1)</script>',
  'a | b',
  '**粗体** _斜体_ [链接](http://x)',
  '"引号" \'单引号\' & 符号',
  '# 不是标题',
  '1. 不是列表',
  '第一段\n第二段',
  '`代码` \\ 反斜杠 <b>',
];

const text = fc.oneof(
  fc.constantFrom(...HOSTILE),
  fc.string({
    unit: fc.constantFrom(...'政府信息公开工作年度报告一二三（）、，。<>&"\'|*_#\\ abc123\n'),
    maxLength: 60,
  }),
);

/** A cell value for a value type: blank about a fifth of the time. */
function cellArb(valueType: string, fixedUnit: string | null | undefined): fc.Arbitrary<Cell> {
  const blank = fc.constant<Cell>({ value: null });
  if (valueType === 'money') {
    const units = fixedUnit === '万元' ? (['万元'] as const) : (['元', '万元', 'unknown'] as const);
    return fc.oneof(
      { weight: 1, arbitrary: fc.constantFrom(...units).map((unit): Cell => ({ value: null, unit })) },
      {
        weight: 4,
        arbitrary: fc
          .tuple(fc.integer({ min: 0, max: 10_000_000 }), fc.constantFrom(...units))
          .map(([n, unit]): Cell => ({ value: n / 100, unit })),
      },
    );
  }
  const min = valueType === 'signedCount' ? -500 : 0;
  return fc.oneof(
    { weight: 1, arbitrary: blank },
    { weight: 4, arbitrary: fc.integer({ min, max: 99_999 }).map((value): Cell => ({ value })) },
  );
}

export const reportArb: fc.Arbitrary<Report> = fc
  .constantFrom(...EDITION_IDS)
  .chain((edition) => {
    const e = getEdition(edition);
    const years = edition === '2021' ? fc.integer({ min: 2021, max: 2030 }) : fc.constantFrom(2019, 2020);
    const cells = fc.tuple(...e.cells.map((d) => cellArb(d.valueType, d.unit)));
    return fc.record({
      edition: fc.constant(edition),
      year: years,
      agency: fc.oneof(
        fc.constantFrom('某某县人民政府', '示例市教育局', '<b>某</b>镇'),
        text.filter((s) => s.trim().length > 0),
      ),
      scope: fc.constantFrom('agency' as const, 'region' as const),
      cells,
      sections: fc.array(fc.option(text, { nil: null }), { minLength: 6, maxLength: 6 }),
      preamble: fc.option(text, { nil: undefined }),
    });
  })
  .map((g) => {
    const e = getEdition(g.edition);
    const base = createEmptyReport({
      year: g.year,
      agency: { name: g.agency.trim() },
      edition: g.edition,
      scope: g.scope,
    });
    const cells: Report['cells'] = {};
    e.cells.forEach((d, i) => {
      cells[d.id] = g.cells[i]!;
    });
    const keys = SECTION_KEYS;
    const sections = { ...base.sections };
    keys.forEach((k, i) => {
      sections[k] = g.sections[i] ?? null;
    });
    return { ...base, cells, sections, ...(g.preamble !== undefined ? { preamble: g.preamble } : {}) };
  });
