import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editionForYear, listCells, normalizeLabel, parseCellId } from './editions/index.js';
import { exampleReport } from './examples.js';
import {
  assertReport,
  createEmptyReport,
  getCell,
  getValue,
  inferAgency,
  MAX_TEXT_CHARS,
  NianbaoError,
  parseReport,
  setCell,
  setSection,
  standardTitle,
} from './model.js';
import { seedReport } from './seed.js';
import { validate } from './validate.js';

describe('editions', () => {
  it('chooses the edition by year', () => {
    expect(editionForYear(2019)).toBe('2019-trial');
    expect(editionForYear(2020)).toBe('2019-trial');
    expect(editionForYear(2021)).toBe('2021');
    expect(editionForYear(2035)).toBe('2021');
    expect(editionForYear(2018)).toBeUndefined();
    expect(editionForYear(2020.5)).toBeUndefined();
  });
  it('has the cell counts of cell-ids.md: 198 and 200', () => {
    expect(listCells('2019-trial')).toHaveLength(22 + 23 * 7 + 15);
    expect(listCells('2021')).toHaveLength(10 + 25 * 7 + 15);
    for (const e of ['2019-trial', '2021'] as const) {
      const ids = listCells(e).map((c) => c.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const id of ids) expect(parseCellId(id)).toBeDefined();
    }
  });
  it('uses the cell-ids.md examples and official labels', () => {
    const c21 = new Map(listCells('2021').map((c) => [c.id, c]));
    expect(c21.get('applications.newReceived.naturalPerson')!.label).toBe(
      '表三 一、本年新收政府信息公开申请数量 · 自然人',
    );
    expect(c21.get('activeDisclosure.normativeDocs.valid')!.columnLabel).toBe('现行有效件数');
    expect(c21.get('activeDisclosure.adminFees.feeAmount')).toMatchObject({
      valueType: 'money',
      unit: '万元',
    });
    expect(c21.get('reviewLitigation.litigationAfterReview.pending')!.columnLabel).toBe('尚未审结');
    expect(c21.get('applications.other_feeUnpaid.total')!.rowLabel).toBe(
      '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
    );
    const c19 = new Map(listCells('2019-trial').map((c) => [c.id, c]));
    expect(c19.get('activeDisclosure.licensing.yearChange')!.valueType).toBe('signedCount');
    expect(c19.get('activeDisclosure.centralProcurement.procurementAmount')).toMatchObject({
      valueType: 'money',
      unit: null,
    });
    expect(c19.has('applications.other.total')).toBe(true);
    expect(c21.has('applications.other.total')).toBe(false);
  });
  it('normalises labels as PDF extraction breaks them', () => {
    expect(normalizeLabel('商业 企业')).toBe(normalizeLabel('商业企业'));
    expect(normalizeLabel('（一）予以公开')).toBe(normalizeLabel('(一)予以公开'));
    expect(normalizeLabel('1．属于国家秘密')).toBe(normalizeLabel('1.属于国家秘密'));
    expect(normalizeLabel('本年新\n制作数量')).toBe('本年新制作数量');
    expect(normalizeLabel('1.申请人无正当理由逾期不补正，行政机关不再处理')).toBe(
      normalizeLabel('1.申请人无正当理由逾期不补正、行政机关不再处理'),
    );
  });
});

describe('report model', () => {
  it('creates an empty report: edition by year, every cell blank, never 0', () => {
    const r = createEmptyReport({ year: 2025, agency: '某某镇人民政府' });
    expect(r.meta).toMatchObject({
      year: 2025,
      edition: '2021',
      scope: 'agency',
      agency: { name: '某某镇人民政府', kind: '人民政府', level: '乡镇级' },
    });
    expect(Object.values(r.cells).every((c) => c.value === null)).toBe(true);
    expect(getCell(r, 'activeDisclosure.adminFees.feeAmount')).toEqual({ value: null, unit: '万元' });
  });
  it('refuses a year without a national format, in Chinese with a code', () => {
    expect(() => createEmptyReport({ year: 2017, agency: 'x' })).toThrowError(NianbaoError);
    try {
      createEmptyReport({ year: 2017, agency: 'x' });
    } catch (e) {
      expect((e as NianbaoError).code).toBe('NO_EDITION_FOR_YEAR');
      expect((e as NianbaoError).message).toContain('2017');
    }
  });
  it('refuses a missing or nameless agency with INVALID_AGENCY, not a TypeError (JavaScript callers)', () => {
    for (const agency of [undefined, null, '', '  ', {}, { name: '' }, { name: 3 }, 42]) {
      let thrown: unknown;
      try {
        createEmptyReport({ year: 2025, agency } as unknown as Parameters<typeof createEmptyReport>[0]);
      } catch (e) {
        thrown = e;
      }
      expect(thrown, JSON.stringify(agency)).toBeInstanceOf(NianbaoError);
      expect((thrown as NianbaoError).code).toBe('INVALID_AGENCY');
    }
  });
  it('setCell is immutable, checks the id and the value', () => {
    const r = createEmptyReport({ year: 2020, agency: '某局' });
    const r2 = setCell(r, 'applications.granted.naturalPerson', 5);
    expect(getValue(r, 'applications.granted.naturalPerson')).toBeNull();
    expect(getValue(r2, 'applications.granted.naturalPerson')).toBe(5);
    expect(() => setCell(r, 'applications.other_other.total', 1)).toThrowError(/不属于《格式（试行）》/);
    expect(() => setCell(r, 'applications.granted.total', Number.NaN)).toThrowError(/有限数/);
    expect(getValue(r, 'applications.nope.total')).toBeUndefined();
    expect(setSection(r, 'problems', '无').sections.problems).toBe('无');
  });
  it('parseReport names the path in Chinese and never throws', () => {
    const bad = structuredClone(createEmptyReport({ year: 2023, agency: '某局' })) as unknown as Record<
      string,
      any
    >;
    bad.meta.year = '2023';
    bad.cells['applications.granted.total'] = { value: 'x' };
    bad.cells.foo = { value: 1 };
    const r = parseReport(bad);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const byPath = new Map(r.errors.map((e) => [e.path, e]));
    expect(byPath.get('meta.year')!.message).toMatch(/^报告年度：/);
    expect(byPath.get('cells.applications.granted.total.value')!.message).toContain(
      '表三 （一）予以公开 · 总计',
    );
    // A bad cell id says why (the reason zod nests inside its 「record 中的键无效」), and its path keeps
    // the id whole for machines.
    const foo = byPath.get('cells.foo')!;
    expect(foo.segments).toEqual(['cells', 'foo']);
    expect(foo.message).toMatch(/^单元格 foo：不是有效的单元格编号/);
    expect(byPath.get('cells.applications.granted.total.value')!.segments).toEqual([
      'cells',
      'applications.granted.total',
      'value',
    ]);
    expect(parseReport('{not json').ok).toBe(false);
    expect(() => assertReport(null)).toThrowError(NianbaoError);
  });
  it('an agency id with a space or an invisible character is refused, naming the character', () => {
    const r = exampleReport({ year: 2023 });
    for (const [id, named] of [
      ['abc\u0000', 'U+0000'],
      ['abc def', 'U+0020（空格）'],
      ['\u202eabc', 'U+202E'],
      ['abc\n', 'U+000A'],
    ] as const) {
      const p = parseReport({ ...r, meta: { ...r.meta, agency: { ...r.meta.agency, id } } });
      expect(p.ok).toBe(false);
      if (p.ok) continue;
      expect(p.errors).toHaveLength(1);
      expect(p.errors[0]!.path).toBe('meta.agency.id');
      expect(p.errors[0]!.message).toContain(`机关编号中有空格或看不见的字符 ${named}`);
      expect(p.errors[0]!.message).not.toContain('\u0000');
    }
    for (const id of ['91350100MA2XYZ1234', 'V1StGXR8_Z5jdHi6B-myT'])
      expect(parseReport({ ...r, meta: { ...r.meta, agency: { ...r.meta.agency, id } } }).ok).toBe(true);
  });
  it('a cell keyed __proto__ is refused as any key that is no cell id, never dropped silently', () => {
    const good = JSON.stringify(exampleReport({ year: 2023 }));
    // As JSON text and as the object JSON.parse makes of it (an own key 「__proto__」), alone and
    // beside another error, which is still said.
    const alone = good.replace('"cells":{', '"cells":{"__proto__":{"value":5},');
    const withOther = alone.replace('"year":2023', '"year":"2023"');
    for (const input of [alone, JSON.parse(alone)]) {
      const r = parseReport(input);
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.errors).toHaveLength(1);
      expect(r.errors[0]).toMatchObject({ path: 'cells.__proto__', segments: ['cells', '__proto__'] });
      expect(r.errors[0]!.message).toMatch(/^单元格 __proto__：不是有效的单元格编号：__proto__/);
    }
    const both = parseReport(withOther);
    expect(both.ok).toBe(false);
    if (both.ok) return;
    expect(both.errors.map((e) => e.path).sort()).toEqual(['cells.__proto__', 'meta.year']);
    expect(parseReport(good).ok).toBe(true);
  });
  it('infers kind and level from the name', () => {
    expect(inferAgency('坑仔口镇人民政府')).toEqual({ kind: '人民政府', level: '乡镇级' });
    expect(inferAgency('广州市海珠区官洲街道办事处')).toEqual({ kind: '街道办事处', level: '乡镇级' });
    expect(inferAgency('耿马县司法局')).toEqual({ kind: '政府部门', level: '县级' });
    expect(inferAgency('沭阳县人民政府')).toEqual({ kind: '人民政府', level: '县级' });
    expect(inferAgency('示例县卫生健康委员会')).toEqual({ kind: '政府部门', level: '县级' });
    expect(inferAgency('某某市人民政府办公室')).toEqual({ kind: '政府部门', level: '市级' });
  });
  it('市 and 县 inside a department name are no place (an admin found 市场监督管理局 made 市级)', () => {
    expect(inferAgency('某某县市场监督管理局')).toEqual({ kind: '政府部门', level: '县级' });
    expect(inferAgency('某某县城市管理局')).toEqual({ kind: '政府部门', level: '县级' });
    expect(inferAgency('某某区市政园林局')).toEqual({ kind: '政府部门', level: '县级' });
    expect(inferAgency('某某市市场监督管理局')).toEqual({ kind: '政府部门', level: '市级' });
    expect(inferAgency('盐城市城市管理局')).toEqual({ kind: '政府部门', level: '市级' });
    expect(inferAgency('昆山市市场监督管理局')).toEqual({ kind: '政府部门', level: '县级' });
    expect(inferAgency('某某县人民政府办公室（县外事办）')).toEqual({ kind: '政府部门', level: '县级' });
  });
  it('社区 is no 区, 城乡 no 乡: a township’s own office is 乡镇级 (a 社区服务中心 was made 县级)', () => {
    expect(inferAgency('甲镇社区服务中心')).toEqual({ kind: '政府部门', level: '乡镇级' });
    expect(inferAgency('某某乡农业综合服务站')).toEqual({ kind: '政府部门', level: '乡镇级' });
    expect(inferAgency('某某县住房和城乡建设局')).toEqual({ kind: '政府部门', level: '县级' });
    expect(inferAgency('某某区某某街道社区卫生服务中心')).toEqual({ kind: '政府部门', level: '县级' });
    expect(inferAgency('住房和城乡建设局').level).toBeUndefined();
  });
  it('titles a roll-up as such', () => {
    const r = exampleReport({ year: 2023 });
    expect(standardTitle(r)).toBe('示例县交通运输局2023年政府信息公开工作年度报告');
    expect(standardTitle({ meta: { ...r.meta, scope: 'region' } })).toContain('区域汇总');
  });
});

describe('the seed report (坑仔口镇 2020, every number 0)', () => {
  it('is a valid model report with all 198 cells', () => {
    const r = seedReport();
    expect(parseReport(JSON.parse(JSON.stringify(r))).ok).toBe(true);
    expect(Object.keys(r.cells)).toHaveLength(198);
  });
  it('validates with no error', () => {
    const f = validate(seedReport());
    expect(f.filter((x) => x.severity === 'error' || x.severity === 'crossYear')).toEqual([]);
    // nothing else either: the procurement amount is 0, which needs no unit (T2-7 is silent on 0)
    expect(f.map((x) => x.ruleId).sort()).toEqual([]);
  });
});

describe('numbers beyond what JSON keeps exactly are refused, never rounded', () => {
  const r = createEmptyReport({ year: 2023, agency: '示例县交通运输局' });
  const id = 'applications.newReceived.naturalPerson';
  it('123456789012345678 in JSON text (read as …680): refused, naming the cell', () => {
    const text = JSON.stringify(r).replace(`"${id}":{"value":null}`, `"${id}":{"value":123456789012345678}`);
    const p = parseReport(text);
    expect(p.ok).toBe(false);
    if (p.ok) return;
    expect(p.errors).toHaveLength(1);
    expect(p.errors[0]!.path).toBe(`cells.${id}.value`);
    expect(p.errors[0]!.message).toMatch(
      /^表三 一、本年新收政府信息公开申请数量 · 自然人（数值）：数值 123456789012345680 过大，超出可精确保存的范围/,
    );
    expect(() => assertReport(text)).toThrow(/自然人（数值）：数值 123456789012345680 过大/);
    expect(() => setCell(r, id, 2 ** 60)).toThrow(/自然人：数值 \d+ 过大/);
  });
  it('any value beyond ±(2^53 − 1) is refused; any safe integer is kept exactly (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.double({ min: 2 ** 53, max: 1e300, noNaN: true }),
          fc.double({ min: -1e300, max: -(2 ** 53), noNaN: true }),
        ),
        fc.maxSafeInteger(),
        (big, safe) => {
          expect(parseReport({ ...r, cells: { ...r.cells, [id]: { value: big } } }).ok).toBe(false);
          const ok = parseReport(JSON.stringify({ ...r, cells: { ...r.cells, [id]: { value: safe } } }));
          expect(ok.ok && ok.value.cells[id]!.value).toBe(safe);
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('a report year outside 2000–2100', () => {
  it('is said once, with the year given and what to write', () => {
    const r = createEmptyReport({ year: 2023, agency: '示例县交通运输局' });
    const p = parseReport({ ...r, meta: { ...r.meta, year: 1999 } });
    expect(p.ok).toBe(false);
    if (p.ok) return;
    const m = p.errors[0]!.message;
    expect(m).toBe(
      '报告年度：1999 年不是可处理的报告年度（应在 2000 年以后）：全国统一的年报格式自 2019 年度起施行，请填写报告所统计的年份，如 2023',
    );
    expect(m.match(/报告年度/g)).toHaveLength(2); // the label once, then 「报告年度」 in the sentence
    const late = parseReport({ ...r, meta: { ...r.meta, year: 2101 } });
    expect(!late.ok && late.errors[0]!.message).toMatch(
      /^报告年度：2101 年不是可处理的报告年度（应在 2100 年以前）/,
    );
  });
});

describe('a section far longer than any report (a whole file pasted in) is refused, naming the part', () => {
  it('up to MAX_TEXT_CHARS is kept; one more character in a section or the preamble is an error in 简体中文', () => {
    const e = exampleReport({ year: 2024, agency: { name: '某某县人民政府' } });
    const at = 'x'.repeat(MAX_TEXT_CHARS);
    const kept = parseReport({ ...e, sections: { ...e.sections, problems: at }, preamble: at });
    expect(kept.ok).toBe(true);
    const over = `${at}y`;
    const section = parseReport({ ...e, sections: { ...e.sections, problems: over } });
    expect(section.ok).toBe(false);
    if (section.ok) return;
    expect(section.errors).toHaveLength(1);
    expect(section.errors[0]!.path).toBe('sections.problems');
    expect(section.errors[0]!.message).toBe(
      `五、存在的主要问题及改进情况：文字过长（200,001 字，上限 200,000 字）：请检查是否粘贴了整份文件或重复粘贴`,
    );
    const preamble = parseReport(JSON.stringify({ ...e, preamble: over }));
    expect(preamble.ok).toBe(false);
    if (!preamble.ok) expect(preamble.errors[0]!.message).toMatch(/^前言：文字过长/);
  });
});
