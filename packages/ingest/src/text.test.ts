import { describe, expect, it } from 'vitest';
import { ingest, ingestSync } from './index.js';
import { fixtureText } from './test-support/fixtures.js';

const issue = (r: { diagnostics: { issues: { code: string }[] } }, code: string) =>
  r.diagnostics.issues.filter((i) => i.code === code);

/** A 2019 report as text with the forms seen in real reports. */
const SYNTH_2019 = `首页 > 政务公开 > 年报
某某镇人民政府2020年政府信息公开工作年度报告
发布日期：2021-01-20
本报告统计期限自2020年1月1日起至2020年12月31日止。
一、总体情况
全年主动公开信息 12 条。
二、主动公开政府信息情况
第二十条第
信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量
规章 | 0 | 0 | 0
规范性文件 | 2 | 2 | 30
第二十条第（五）项
信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量
行政许可 | 120 | 增1423 | 40
其他对外管理服务事项 | 6 | -2 | —
第二十条第（六）项
信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量
行政处罚 | 3 | +1 | 7
行政强制 | 0 | / | 0
第二十条第（八）项
信息内容 | 上一年项目数量 | 本年增/减
行政事业性收费 | 1 | 0
第二十条第（九）项
信息内容 | 采购项目数量 | 采购总金额
政府集中采购 | 2 | 17.27万元
三、收到和处理政府信息公开申请情况
（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）
一、本年新收政府信息公开申请数量 | 3 | 0 | 0 | 0 | 0 | 0 | 3
二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0
三、本年度办理结果 | （一）予以公开 | 2 | 0 | 0 | 0 | 0 | 0 | 2
（二）部分公开（区分处理的，只计这一情形，不计其他情形） | 1 | 0 | 0 | 0 | 0 | 0 | 1
第 2 页 共 3 页
五、存在的主要问题及改进情况
公开内容还不够丰富。
六、其他需要报告的事项
无。
网站地图 | 联系我们`;

describe('plain text: the real forms', { timeout: 60_000 }, () => {
  it('reads a broken caption, signed and prefixed values, blanks and units, saying what it normalised', async () => {
    const r = await ingest(SYNTH_2019);
    const c = r.report.cells;
    expect(r.report.meta).toMatchObject({ year: 2020, edition: '2019-trial', publishedOn: '2021-01-20' });
    expect(r.report.meta.agency.name).toBe('某某镇人民政府');
    // 「第二十条第」 without its item: the first block by order
    expect(issue(r, 'CAPTION_ITEM_INFERRED')).toHaveLength(1);
    expect(c['activeDisclosure.normativeDocs.totalPublished']!.value).toBe(30);
    expect(c['activeDisclosure.licensing.yearChange']).toMatchObject({
      value: 1423,
      raw: '增1423',
      origin: 'imported',
    });
    expect(c['activeDisclosure.otherMgmtServices.yearChange']).toMatchObject({ value: -2 });
    expect(c['activeDisclosure.otherMgmtServices.decisions']).toMatchObject({ value: null, raw: '—' });
    expect(c['activeDisclosure.punishment.yearChange']).toMatchObject({ value: 1, raw: '+1' });
    expect(c['activeDisclosure.coercion.yearChange']).toMatchObject({ value: null, raw: '/' });
    expect(c['activeDisclosure.centralProcurement.procurementAmount']).toMatchObject({
      value: 17.27,
      unit: '万元',
      raw: '17.27万元',
    });
    const norm = issue(r, 'VALUE_NORMALISED').map((i) => (i as { cell?: string }).cell);
    expect(norm).toEqual(
      expect.arrayContaining([
        'activeDisclosure.licensing.yearChange',
        'activeDisclosure.punishment.yearChange',
        'activeDisclosure.centralProcurement.procurementAmount',
      ]),
    );
    expect(issue(r, 'CELL_BLANK').map((i) => (i as { cell?: string }).cell)).toEqual(
      expect.arrayContaining([
        'activeDisclosure.otherMgmtServices.decisions',
        'activeDisclosure.coercion.yearChange',
      ]),
    );
  });

  it('reports what is missing: rows not printed, a table absent, a section absent', async () => {
    const r = await ingest(SYNTH_2019);
    expect(r.report.cells['applications.partiallyGranted.total']!.value).toBe(1);
    expect(r.report.cells['applications.denied_stateSecret.total']).toBeUndefined();
    const notFound = issue(r, 'ROW_NOT_FOUND').flatMap((i) => (i as { cells?: string[] }).cells ?? []);
    expect(notFound).toContain('applications.carriedForward.total');
    expect(r.report.layout?.tablesPresent?.reviewLitigation).toBe(false);
    expect(issue(r, 'TABLE_MISSING').length + issue(r, 'TABLE_CUT_OFF').length).toBeGreaterThan(0);
    expect(r.report.sections.reviewLitigation).toBeNull();
    expect(
      issue(r, 'SECTION_MISSING').map((i) => (i as { details?: { section?: string } }).details?.section),
    ).toContain('reviewLitigation');
    // page chrome after the report is not part of section 六
    expect(r.report.sections.other).toBe('无。');
    expect(r.report.sections.problems).toBe('公开内容还不够丰富。');
  });

  it('leaves the heading marks of a Markdown conversion out of the sections', () => {
    const md = `# 某某县人民政府2025年政府信息公开工作年度报告
## 一、总体情况
全年主动公开信息 12 条。
### （一）主动公开
做好主动公开。
## 二、主动公开政府信息情况
### 第二十条第（一）项
| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |
|---|---|---|---|
| 规章 | 0 | 0 | 0 |
| 行政规范性文件 | 2 | 1 | 30 |
## 五、政府信息公开工作存在的主要问题及改进情况
### 存在的问题
公开内容还不够丰富。
## 六、其他需要报告的事项
无。`;
    const r = ingestSync(md);
    expect(r.report.cells['activeDisclosure.normativeDocs.valid']).toMatchObject({ value: 30 });
    expect(r.report.sections.overview).toBe('全年主动公开信息 12 条。\n（一）主动公开\n做好主动公开。');
    expect(r.report.sections.activeDisclosure).toBe('');
    expect(r.report.sections.problems).toBe('存在的问题\n公开内容还不够丰富。');
    for (const text of Object.values(r.report.sections)) expect(text ?? '').not.toMatch(/^#|\n#/);
  });

  it('a web page saved as .txt is read as HTML even when called text', () => {
    const page = `<p>某某县人民政府2025年政府信息公开工作年度报告</p><p>一、总体情况</p><p>全年主动公开信息 12 条。</p><p>三、收到和处理政府信息公开申请情况</p>
<table><tr><td>一、本年新收政府信息公开申请数量</td><td>3</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>3</td></tr></table>`;
    const r = ingestSync(page, { kind: 'text' });
    expect(r.diagnostics.kind.value).toBe('html');
    expect(r.diagnostics.kind.reason).toMatch(/指定为文本，但内容含 HTML 标记/);
    expect(r.report.sections.overview).toBe('全年主动公开信息 12 条。');
    expect(r.report.cells['applications.newReceived.naturalPerson']).toMatchObject({ value: 3 });
  });

  it('the signature under the last section dates the report and is not part of its text', () => {
    const r = ingestSync(`某某县人民政府2025年政府信息公开工作年度报告
一、总体情况
全年主动公开信息 12 条。
六、其他需要报告的事项
本年度未收取信息处理费。
某某县人民政府
2026年1月23日`);
    expect(r.report.sections.other).toBe('本年度未收取信息处理费。');
    expect(r.report.meta.publishedOn).toBe('2026-01-23');
    expect(issue(r, 'PUBLISHED_FROM_SIGNATURE')).toHaveLength(1);
    // a sentence that ends with a date is text, not a signature
    const t = ingestSync(`某某县人民政府2025年政府信息公开工作年度报告
一、总体情况
全年主动公开信息 12 条。
六、其他需要报告的事项
新版网站上线于2025年3月1日`);
    expect(t.report.sections.other).toBe('新版网站上线于2025年3月1日');
    expect(t.report.meta.publishedOn).toBeUndefined();
  });

  it('does not pick one split of a run of digits silently (行政规范性文件6233440)', () => {
    const text = `某局2022年政府信息公开工作年度报告
二、主动公开政府信息情况
第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000行政规范性文件6233440第二十条第（五）项信息内容本年处理决定数量行政许可12
三、收到和处理政府信息公开申请情况`;
    const r = ingestSync(text);
    expect(r.report.cells['activeDisclosure.regulations.made']).toMatchObject({ value: 0 });
    expect(r.diagnostics.cells['activeDisclosure.regulations.made']!.method).toBe('split');
    expect(issue(r, 'DIGITS_SPLIT')).toHaveLength(1);
    expect(r.report.cells['activeDisclosure.normativeDocs.made']).toBeUndefined();
    const amb = issue(r, 'DIGITS_SPLIT_AMBIGUOUS');
    expect(amb).toHaveLength(1);
    expect(amb[0]).toMatchObject({
      severity: 'error',
      cells: [
        'activeDisclosure.normativeDocs.made',
        'activeDisclosure.normativeDocs.repealed',
        'activeDisclosure.normativeDocs.valid',
      ],
    });
    expect((amb[0] as { details?: { candidates?: unknown[] } }).details?.candidates?.length).toBeGreaterThan(
      1,
    );
    expect(r.report.cells['activeDisclosure.licensing.decisions']!.value).toBe(12);
  });

  it('f03 (flattened page): chooses between row-consistent splits by the column identities and says so', async () => {
    const r = await ingest(fixtureText('corpus/f03.txt'));
    const chosen = issue(r, 'DIGITS_SPLIT_CHOSEN');
    expect(chosen).toHaveLength(2);
    expect(chosen.map((i) => (i as { cells?: string[] }).cells?.[0])).toEqual([
      'applications.granted.naturalPerson',
      'applications.unable_notHeld.naturalPerson',
    ]);
    for (const i of chosen)
      expect((i as { details?: { alternatives?: unknown[] } }).details?.alternatives?.length).toBe(2);
    expect(r.diagnostics.cells['applications.granted.total']).toMatchObject({
      value: 30,
      method: 'chosen',
      confidence: 'low',
    });
    // page chrome before and after: title from the header, 「附件下载」 not in section 六
    expect(r.report.meta.title).toBe('平潭综合实验区2021年度政府信息公开工作年度报告');
    expect(r.report.sections.other).toBe('2021年，无收取信息处理费情况。');
    expect(r.report.meta.publishedOn).toBe('2022-02-08');
  });

  it('records aliases (S7): 规范性文件 in a 2021 report, 本年数量 for 本年增/减', async () => {
    const r005 = await ingest(fixtureText('corpus/005.txt'));
    expect(r005.report.layout?.aliasesUsed).toContainEqual({
      printed: '规范性文件',
      canonical: '行政规范性文件',
      cells: [
        'activeDisclosure.normativeDocs.made',
        'activeDisclosure.normativeDocs.repealed',
        'activeDisclosure.normativeDocs.valid',
      ],
    });
    // printed blanks stay blank
    expect(r005.report.cells['activeDisclosure.regulations.made']).toEqual({
      value: null,
      raw: '',
      origin: 'imported',
    });
    const r002 = await ingest(fixtureText('corpus/002.txt'));
    expect(r002.report.layout?.aliasesUsed?.map((a) => a.printed)).toContain('本年数量');
    expect(r002.report.meta.title).toBe('重庆市合川区二郎镇人民政府2019年政府信息公开工作报告');
  });

  it('a 2021 report printed on the old form is read by its labels, and the mismatch reported', async () => {
    const old2021 = SYNTH_2019.replace('某某镇人民政府2020年', '某某镇人民政府2021年').replace(
      /2020年/g,
      '2021年',
    );
    const r = await ingest(old2021);
    expect(r.report.meta.year).toBe(2021);
    expect(r.report.meta.edition).toBe('2019-trial');
    expect(r.diagnostics.edition.reason).toContain('按表格标签');
    expect(issue(r, 'EDITION_MISMATCH')).toHaveLength(1);
    expect(r.report.cells['activeDisclosure.licensing.yearChange']!.value).toBe(1423);
  });

  it('tab-separated copy of a web table: empty cells between values are blanks, never inferred zeros', async () => {
    const exp = JSON.parse(fixtureText('expected/028.txt.json')) as { cells: Record<string, number | null> };
    const tabs = fixtureText('corpus/028.derived-text.txt').replace(/ \| /g, '\t').replace(/ \|$/gm, '\t');
    const r = await ingest(tabs);
    const c = r.report.cells;
    expect(c['applications.granted.researchInstitution']).toEqual({
      value: null,
      raw: '',
      origin: 'imported',
    });
    expect(c['applications.granted.total']!.value).toBeNull();
    expect(c['applications.newReceived.total']!.value).toBe(859);
    let read = 0;
    for (const [id, cell] of Object.entries(c)) {
      expect(cell.value, id).toBe(exp.cells[id]);
      expect(cell.origin, id).toBe('imported');
      read++;
    }
    // every row has one tab cell per column: read cell by cell, a single number with blanks after it
    // too (before, such rows could not be told from dropped cells and were left unread)
    expect(read).toBe(198);
    expect(r.diagnostics.issues.some((i) => i.code === 'ROW_VALUES_NOT_READ')).toBe(false);
  });

  it('a breadcrumb in front of the title is not part of the agency', () => {
    const r = ingestSync(
      '您当前的位置：首页 > 政务公开 > 年报 > 某某市某某区民政局2023年政府信息公开工作年度报告\n一、总体情况\n无。\n二、主动公开政府信息情况',
    );
    expect(r.report.meta.agency.name).toBe('某某市某某区民政局');
    expect(r.report.meta.year).toBe(2023);
  });

  it('tables absent under their headings are reported, not zero (020)', async () => {
    const r = await ingest(fixtureText('corpus/020.txt'));
    expect(Object.keys(r.report.cells)).toHaveLength(0);
    expect(issue(r, 'TABLE_MISSING')).toHaveLength(3);
    expect(r.report.layout?.tablesPresent).toEqual({
      activeDisclosure: false,
      applications: false,
      reviewLitigation: false,
    });
    expect(r.report.sections.other).toBe('2022年,区政府国资局未收取信息处理费。');
    expect(r.report.meta.agency.name).toBe('浑南区国资局');
  });

  it('text cut off inside a table: cells read by position, the rest reported cut off (003)', async () => {
    const r = await ingest(fixtureText('corpus/003.txt'));
    expect(r.report.cells['applications.carriedOver.publicInterestOrg']!.value).toBe(0);
    expect(r.report.cells['applications.carriedOver.legalServiceOrg']).toBeUndefined();
    const cut = issue(r, 'CELLS_CUT_OFF').flatMap((i) => (i as { cells?: string[] }).cells ?? []);
    expect(cut).toContain('applications.carriedOver.total');
    const t4 = issue(r, 'TABLE_CUT_OFF').flatMap((i) => (i as { cells?: string[] }).cells ?? []);
    expect(t4).toContain('reviewLitigation.review.total');
    expect(r.report.cells['activeDisclosure.adminFees.feeAmount']).toMatchObject({
      value: 20.3,
      unit: '万元',
    });
  });

  it('a table 四 printed on one line of numbers (024) and a heading variant', async () => {
    const r = await ingest(fixtureText('corpus/024.txt'));
    expect(r.report.sections.reviewLitigation).toBe('');
    expect(Object.keys(r.report.cells).filter((k) => k.startsWith('reviewLitigation'))).toHaveLength(15);
    expect(r.report.sections.problems).toContain('一是组织建设仍需改进。');
  });
});
