import { createEmptyReport, exampleReport, type Report, setCell } from '@nianbao/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_LABEL, failure, makeWorld, type World } from './test-support/harness.js';

/**
 * What reports.save does not keep as sent is said in its answer (`warnings`) or refused naming the
 * field: a title without the agency's name, control and bidi characters, a count with a unit, a raw
 * text contradicting its value. Edition mismatches name the editions as people know them.
 */
let w: World;
beforeAll(async () => {
  w = await makeWorld();
});
afterAll(async () => w?.cleanup());

const CELL = 'applications.carriedOver.naturalPerson';

async function draft(year: number) {
  const r = await w.as.fillerA1.reports.create.mutate({ agencyId: w.ids.agencyA1, year });
  return { id: r.id, report: r.report as Report, version: r.version };
}

describe(`reports.save says what it did not keep (${DB_LABEL})`, () => {
  it('a title without the agency’s name: dropped with a TITLE_DROPPED warning; one with it is kept', async () => {
    const d = await draft(2024);
    const saved = await w.as.fillerA1.reports.save.mutate({
      id: d.id,
      expectedVersion: d.version,
      report: { ...d.report, meta: { ...d.report.meta, title: '县交通局2024年政府信息公开工作年度报告' } },
    });
    expect(saved.warnings).toHaveLength(1);
    expect(saved.warnings[0]).toMatchObject({
      code: 'TITLE_DROPPED',
      path: 'meta.title',
      details: {
        title: '县交通局2024年政府信息公开工作年度报告',
        standardTitle: '甲县交通运输局2024年政府信息公开工作年度报告',
      },
    });
    expect(saved.warnings[0]!.message).toBe(
      '标题「县交通局2024年政府信息公开工作年度报告」未保存：标题中没有本机关的名称「甲县交通运输局」（防止保存其他机关的标题）。导出和发布时将使用标准标题「甲县交通运输局2024年政府信息公开工作年度报告」；如要用自拟的标题，请在标题中写明「甲县交通运输局」',
    );
    const got = await w.as.fillerA1.reports.get.query({ id: d.id });
    expect(got.report.meta.title).toBeUndefined();
    // the same content again stores nothing, and still says so
    const again = await w.as.fillerA1.reports.save.mutate({
      id: d.id,
      expectedVersion: saved.version,
      report: { ...d.report, meta: { ...d.report.meta, title: '县交通局2024年政府信息公开工作年度报告' } },
    });
    expect(again.unchanged).toBe(true);
    expect(again.warnings.map((x) => x.code)).toEqual(['TITLE_DROPPED']);

    const kept = await w.as.fillerA1.reports.save.mutate({
      id: d.id,
      expectedVersion: saved.version,
      report: { ...d.report, meta: { ...d.report.meta, title: '甲县交通运输局 2024 年度报告' } },
    });
    expect(kept.warnings).toEqual([]);
    expect((await w.as.fillerA1.reports.get.query({ id: d.id })).report.meta.title).toBe(
      '甲县交通运输局 2024 年度报告',
    );
  });

  it('control characters and bidi overrides in 正文 are refused naming the section and place; nothing is stored', async () => {
    const d = await draft(2023);
    for (const [ch, name] of [
      ['\u0000', 'U+0000（空字符 NUL）'],
      ['\u001b', 'U+001B（转义符 ESC）'],
      ['\u202e', 'U+202E（从右到左强制符 RLO）'],
    ] as const) {
      const f = await failure(
        w.as.fillerA1.reports.save.mutate({
          id: d.id,
          expectedVersion: d.version,
          report: { ...d.report, sections: { ...d.report.sections, problems: `问题一\n问题${ch}二` } },
        }),
      );
      expect(f).toMatchObject({ code: 'BAD_REQUEST', appCode: 'INVALID_INPUT' });
      expect(f.zhMessage).toContain(`五、存在的主要问题及改进情况：第 2 行第 3 个字处有${name}`);
    }
    expect((await w.as.fillerA1.reports.get.query({ id: d.id })).reportVersion).toBe(d.version);
  });

  it('a Word line break (U+000B) becomes a line break, with a warning; the exports carry none', async () => {
    const d = await draft(2022);
    const saved = await w.as.fillerA1.reports.save.mutate({
      id: d.id,
      expectedVersion: d.version,
      report: { ...d.report, sections: { ...d.report.sections, overview: '第一段\u000b第二段\u000c第三段' } },
    });
    expect(saved.warnings.map((x) => [x.code, x.path])).toEqual([
      ['LINE_BREAK_NORMALISED', 'sections.overview'],
    ]);
    expect(saved.warnings[0]!.message).toMatch(/^一、总体情况：2 个 Word 换行符/);
    expect((await w.as.fillerA1.reports.get.query({ id: d.id })).report.sections.overview).toBe(
      '第一段\n第二段\n第三段',
    );
    for (const format of ['html', 'md'] as const) {
      const out = (await w.as.fillerA1.export.report.query({ id: d.id, format })).content as string;
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is looked for
      expect(out).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u202a-\u202e\u2066-\u2069]/);
    }
  });

  it('a count cell with unit 元 is refused; a raw of 66 beside 6 is dropped with a warning', async () => {
    const d = await draft(2021);
    const withUnit = await failure(
      w.as.fillerA1.reports.save.mutate({
        id: d.id,
        expectedVersion: d.version,
        report: { ...d.report, cells: { ...d.report.cells, [CELL]: { value: 6, unit: '元' } } },
      }),
    );
    expect(withUnit).toMatchObject({ code: 'BAD_REQUEST', appCode: 'INVALID_INPUT' });
    expect(withUnit.zhMessage).toContain(
      '表三 二、上年结转政府信息公开申请数量 · 自然人（单位）：此格填的是件数（个数），不带单位，却注明了单位「元」',
    );
    const saved = await w.as.fillerA1.reports.save.mutate({
      id: d.id,
      expectedVersion: d.version,
      report: { ...d.report, cells: { ...d.report.cells, [CELL]: { value: 6, raw: '66' } } },
    });
    expect(saved.warnings).toHaveLength(1);
    expect(saved.warnings[0]).toMatchObject({ code: 'RAW_DROPPED', path: `cells.${CELL}.raw` });
    expect(saved.warnings[0]!.message).toContain('「66」读作 66，与数值 6 不符：已删去这段原文，保留数值 6');
    const got = await w.as.fillerA1.reports.get.query({ id: d.id });
    expect(got.report.cells[CELL]).toMatchObject({ value: 6 });
    expect(got.report.cells[CELL]!.raw).toBeUndefined();
    const csv = (await w.as.fillerA1.export.report.query({ id: d.id, format: 'csv' })).content as string;
    expect(csv).not.toMatch(/,66[,\r\n]/);
  });
});

describe(`edition messages name the editions as people know them (${DB_LABEL})`, () => {
  it('reports.save of a 2021-format report into a 2020 report: 《格式（试行）》, not 2019-trial', async () => {
    const d = await draft(2020);
    const other = createEmptyReport({ year: 2020, agency: d.report.meta.agency, edition: '2021' });
    const f = await failure(
      w.as.fillerA1.reports.save.mutate({ id: d.id, expectedVersion: d.version, report: other }),
    );
    expect(f).toMatchObject({
      appCode: 'EDITION_MISMATCH',
      details: { expected: '2019-trial', actual: '2021' },
    });
    expect(f.zhMessage).toBe(
      '报告内容使用的是 2021 版格式，而甲县交通运输局 2020 年度的报告应使用《格式（试行）》：未保存，请按《格式（试行）》填写（meta.edition 为 2019-trial）',
    );
  });

  it('import.preview of a 2021-format document as 2019: 《格式（试行）》', async () => {
    const d = await draft(2025);
    const html = (await w.as.fillerA1.export.report.query({ id: d.id, format: 'html' })).content as string;
    const f = await failure(
      w.as.fillerA1.import.preview.mutate({
        agencyId: w.ids.agencyA1,
        kind: 'html',
        content: html,
        year: 2019,
      }),
    );
    expect(f).toMatchObject({ appCode: 'EDITION_MISMATCH' });
    expect(f.zhMessage).toContain('报告使用的是 2021 版格式，而 2019 年度适用《格式（试行）》');
    expect(f.zhMessage).not.toMatch(/2019-trial/);
  });
});

describe(`an imported document’s control characters (${DB_LABEL})`, () => {
  it('are removed from what is read, and the diagnostics say so', async () => {
    const d = await draft(2019);
    await w.as.fillerA1.reports.save.mutate({
      id: d.id,
      expectedVersion: d.version,
      report: { ...d.report, sections: { ...d.report.sections, problems: '存在问题甲乙丙' } },
    });
    const html = (await w.as.fillerA1.export.report.query({ id: d.id, format: 'html' })).content as string;
    expect(html).toContain('存在问题甲乙丙');
    const read = await w.as.fillerA1.import.preview.mutate({
      agencyId: w.ids.agencyA1,
      kind: 'html',
      content: html.replace('存在问题甲乙丙', '存在问题甲\u0001乙\u202e丙'),
    });
    expect(read.report.sections.problems).toContain('存在问题甲乙丙');
    const said = read.diagnostics.issues.filter((i) => i.code === 'CHARS_REMOVED');
    expect(said).toHaveLength(1);
    expect(said[0]!.message).toContain('删去了 2 个看不见的控制字符或文字方向控制符');
  });
});

describe(`reports.correct says what it did not keep, as save does (${DB_LABEL})`, () => {
  it('a correction whose title lacks the agency’s name: TITLE_DROPPED in its answer', async () => {
    const f = w.as.fillerA1;
    const c = await f.reports.create.mutate({ agencyId: w.ids.agencyA1, year: 2028 });
    const e = exampleReport({ year: 2028, agency: c.report.meta.agency });
    const { publishedOn: _drop, ...meta } = e.meta;
    const s = await f.reports.save.mutate({
      id: c.id,
      expectedVersion: 1,
      report: { ...e, meta: { ...meta, agency: c.report.meta.agency } },
    });
    const found = await f.checks.validate.mutate({ id: c.id });
    for (const x of found.findings.filter((x) => x.status === 'failed'))
      await f.checks.triage.mutate({ id: c.id, findingKey: x.key, decision: 'confirmed', reason: '已核实' });
    await f.reports.submit.mutate({ id: c.id, expectedVersion: s.version });
    await w.as.reviewerA.reports.approve.mutate({ id: c.id, expectedVersion: s.version });
    await w.as.reviewerA.reports.publish.mutate({ id: c.id, publishedOn: '2029-01-20' });
    const r = await f.reports.get.query({ id: c.id });
    const next = setCell(r.report, CELL, 15);
    const corrected = await f.reports.correct.mutate({
      id: c.id,
      expectedVersion: r.version,
      report: { ...next, meta: { ...next.meta, title: '交通局年报' } },
      reason: '自然人结转数更正',
    });
    expect(corrected.warnings.map((x) => x.code)).toEqual(['TITLE_DROPPED']);
    expect(corrected.warnings[0]!.message).toContain('标题「交通局年报」未保存');
  });
});
