import { derive, exampleReport, keyFindings, type Report, setCell, validate } from '@nianbao/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_LABEL, failure, makeWorld, type World } from './test-support/harness.js';

let w: World;
beforeAll(async () => {
  w = await makeWorld();
});
afterAll(async () => w?.cleanup());

const example = (r: Report, scale = 1): Report => {
  const e = exampleReport({ year: r.meta.year, agency: r.meta.agency, scale });
  return { ...e, meta: { ...e.meta, agency: r.meta.agency } };
};

/** The report as if every total had been typed in: the server keeps a stated total, wrong or not. */
const stated = (r: Report): Report => ({
  ...r,
  cells: Object.fromEntries(
    Object.entries(r.cells).map(([id, c]) => [id, c.origin === 'derived' ? { ...c, origin: 'entered' } : c]),
  ),
});

async function stored(year: number, content: (r: Report) => Report) {
  const c = await w.as.fillerA1.reports.create.mutate({ agencyId: w.ids.agencyA1, year });
  const s = await w.as.fillerA1.reports.save.mutate({
    id: c.id,
    expectedVersion: 1,
    report: content(c.report),
  });
  return { id: c.id, version: s.version, report: content(c.report) };
}

describe(`checks (${DB_LABEL})`, () => {
  it('validate any report sent in full: the same findings as core, with stable keys', async () => {
    const r = setCell(exampleReport({ year: 2023 }), 'applications.newReceived.naturalPerson', 99);
    const res = await w.as.fillerB1.checks.validate.mutate({ report: r });
    const t3b = res.findings.filter((f) => f.ruleId === 'T3-B' && f.status === 'failed');
    expect(t3b.length).toBeGreaterThan(0);
    expect(t3b[0]!.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(t3b[0]!.key).toMatch(/^T3-B\|/);
    expect(res.counts.error).toBeGreaterThan(0);
    expect(res.previousYear).toBeNull();
    const clean = await w.as.fillerB1.checks.validate.mutate({ report: exampleReport({ year: 2023 }) });
    expect(clean.counts.error).toBe(0);
  });

  it('validate judges a sent report as save would store it: a stale derived 总计 is recomputed first', async () => {
    const c = await w.as.fillerB1.reports.create.mutate({ agencyId: w.ids.agencyB1, year: 2022 });
    const base = example(c.report);
    const id = 'applications.newReceived.naturalPerson';
    const total = 'applications.newReceived.total';
    expect(base.cells[total]?.origin).toBe('derived');
    // a part changed by hand in the file, its derived total left as it was
    const edited = setCell(base, id, (base.cells[id]!.value as number) + 50);
    expect(edited.cells[total]).toEqual(base.cells[total]);
    const failedKeys = (
      fs: readonly { status: string; key?: string; ruleId: string; cells?: readonly string[] }[],
    ) =>
      fs
        .filter((f) => f.status === 'failed')
        .map((f) => f.key ?? f.ruleId)
        .sort();
    // core on the raw content sees the stale total: findings that computing the totals first clears
    const raw = failedKeys(keyFindings(validate(edited)));
    const derivedFirst = failedKeys(keyFindings(validate(derive(edited).report)));
    const staleOnly = raw.filter((k) => !derivedFirst.includes(k));
    expect(staleOnly.length).toBeGreaterThan(0);
    // … the server's validate does not, and says what the stored version will say
    const sent = await w.as.fillerB1.checks.validate.mutate({ report: edited });
    expect(failedKeys(sent.findings).filter((k) => staleOnly.includes(k))).toEqual([]);
    const saved = await w.as.fillerB1.reports.save.mutate({ id: c.id, expectedVersion: 1, report: edited });
    const kept = await w.as.fillerB1.checks.validate.mutate({ id: c.id, version: saved.version });
    expect(failedKeys(sent.findings)).toEqual(failedKeys(kept.findings));
    expect(sent.counts).toEqual(kept.counts);
  });

  it('the previous year is fetched automatically: X1 across stored years', async () => {
    const prev = await stored(2022, (r) => example(r));
    // 2023: 上年结转 (carriedOver) differs from 2022's 结转下年度 (carriedForward) for naturalPerson: 3 vs 2.
    const cur = await stored(2023, (r) => example(r));
    const res = await w.as.fillerA1.checks.validate.mutate({ id: cur.id });
    expect(res.previousYear).toEqual({ reportId: prev.id, year: 2022 });
    const x1 = res.findings.filter((f) => f.ruleId === 'X1' && f.status === 'failed');
    expect(x1.length).toBeGreaterThan(0);
    expect(x1[0]!.severity).toBe('crossYear');
    // A report sent in full naming the agency gets the same previous year.
    const sent = await w.as.fillerA1.checks.validate.mutate({ report: cur.report });
    expect(sent.previousYear).toEqual({ reportId: prev.id, year: 2022 });
    expect(sent.findings.some((f) => f.ruleId === 'X1')).toBe(true);
    // …but not when the caller may not read that agency.
    const other = await w.as.fillerB1.checks.validate.mutate({ report: cur.report });
    expect(other.previousYear).toBeNull();
    expect(other.findings.some((f) => f.ruleId === 'X1')).toBe(false);
    // And the list counts it.
    const listed = await w.as.fillerA1.reports.list.query({ year: 2023, findings: 'crossYear' });
    expect(listed.items.map((i) => i.id)).toEqual([cur.id]);
  });

  it('triage of a cross-year finding reopens when the previous year’s figure it compared changes', async () => {
    const mk = async (year: number) => {
      const c = await w.as.fillerA2.reports.create.mutate({ agencyId: w.ids.agencyA2, year });
      const s = await w.as.fillerA2.reports.save.mutate({
        id: c.id,
        expectedVersion: 1,
        report: example(c.report),
      });
      return { id: c.id, version: s.version };
    };
    const prev = await mk(2022);
    const cur = await mk(2023);
    const x1 = (await w.as.fillerA2.checks.validate.mutate({ id: cur.id })).findings.find(
      (f) => f.ruleId === 'X1' && f.status === 'failed',
    )!;
    expect(x1).toBeDefined();
    // a reason with an invisible direction override (it would show reversed to the reviewer): refused
    const hidden = await failure(
      w.as.fillerA2.checks.triage.mutate({
        id: cur.id,
        findingKey: x1.key,
        decision: 'dismissed',
        reason: '上年数据\u202E另行核实',
      }),
    );
    expect(hidden).toMatchObject({ appCode: 'INVALID_INPUT' });
    expect(hidden.zhMessage).toContain('理由中有看不见的文字方向控制符');
    // half an emoji (cut by a program counting UTF-16 units): no character a Word file can hold
    const half = await failure(
      w.as.fillerA2.checks.triage.mutate({
        id: cur.id,
        findingKey: x1.key,
        decision: 'dismissed',
        reason: '上年数据另行核实\ud83d',
      }),
    );
    expect(half).toMatchObject({ appCode: 'INVALID_INPUT' });
    expect(half.zhMessage).toContain('理由中有看不见的无效字符 U+D83D（半个字符：不成对的代理项）');
    await w.as.fillerA2.checks.triage.mutate({
      id: cur.id,
      findingKey: x1.key,
      decision: 'dismissed',
      reason: '上年数据另行核实',
    });
    const held = async () =>
      (await w.as.fillerA2.checks.validate.mutate({ id: cur.id })).findings.find((f) => f.key === x1.key)!;
    expect((await held()).triage).toMatchObject({ decision: 'dismissed', state: 'active' });
    // An edit of last year's report elsewhere keeps the decision…
    const p1 = await w.as.fillerA2.reports.get.query({ id: prev.id });
    const s1 = await w.as.fillerA2.reports.save.mutate({
      id: prev.id,
      expectedVersion: p1.version,
      report: {
        ...p1.report,
        sections: { ...p1.report.sections, overview: `${p1.report.sections.overview ?? ''}（补充）` },
      },
    });
    expect((await held()).triage).toMatchObject({ state: 'active' });
    // …a change of the figure X1 compared with reopens it, though no cell of this year's report changed.
    const compared = x1.expected as number;
    // X1 compares this year's 上年结转 of a column with last year's 结转下年度 of the same column.
    const cell = x1.cells[0]!.replace('applications.carriedOver.', 'applications.carriedForward.');
    expect(p1.report.cells[cell]!.value).toBe(compared);
    const p2 = await w.as.fillerA2.reports.get.query({ id: prev.id });
    await w.as.fillerA2.reports.save.mutate({
      id: prev.id,
      expectedVersion: s1.version,
      report: setCell(p2.report, cell, compared + 7),
    });
    const again = await held();
    expect(again.expected).toBe(compared + 7);
    expect(again.triage).toMatchObject({ decision: 'dismissed', state: 'reopened' });
    const listed = await w.as.fillerA2.reports.list.query({ year: 2023, findings: 'crossYear' });
    expect(listed.items.map((i) => i.id)).toContain(cur.id);
  });

  it('triage: a dismissed finding stays dismissed across re-validation and reopens when its cell changes', async () => {
    const r = await stored(2024, (x) =>
      setCell(stated(example(x)), 'applications.granted.naturalPerson', 25),
    );
    const first = await w.as.fillerA1.checks.validate.mutate({ id: r.id });
    const target = first.findings.find((f) => f.ruleId === 'T3-H' && f.status === 'failed')!;
    expect(target).toBeTruthy();
    expect(target.triage).toBeNull();
    const before = (await w.as.fillerA1.reports.get.query({ id: r.id })).openFindings.error;
    expect(
      (
        await failure(
          w.as.fillerA1.checks.triage.mutate({
            id: r.id,
            findingKey: target.key,
            decision: 'dismissed',
            reason: '',
          }),
        )
      ).appCode,
    ).toBe('REASON_REQUIRED');
    expect(
      (
        await failure(
          w.as.fillerA1.checks.triage.mutate({
            id: r.id,
            findingKey: 'T3-H|nope|',
            decision: 'dismissed',
            reason: '原表如此',
          }),
        )
      ).appCode,
    ).toBe('FINDING_NOT_FOUND');
    const t = await w.as.fillerA1.checks.triage.mutate({
      id: r.id,
      findingKey: target.key,
      decision: 'dismissed',
      reason: '原表如此，已核实',
    });
    expect(t.open!.error).toBe(before - 1);
    // Not open any more, but a reviewer sees it was dismissed: in the list as in the report.
    expect((await w.as.fillerA1.reports.get.query({ id: r.id })).dismissedErrors).toBe(1);
    const listed = await w.as.reviewerA.reports.list.query({ year: 2024, limit: 100, offset: 0 });
    expect(listed.items.find((x) => x.id === r.id)).toMatchObject({
      dismissedErrors: 1,
      openFindings: { error: before - 1 },
    });
    // Re-validate: still dismissed (active).
    const again = await w.as.reviewerA.checks.validate.mutate({ id: r.id });
    expect(again.findings.find((f) => f.key === target.key)!.triage).toMatchObject({
      decision: 'dismissed',
      reason: '原表如此，已核实',
      by: 'fillerA1',
      state: 'active',
    });
    // A save that does not touch its cells keeps it.
    let cur = await w.as.fillerA1.reports.get.query({ id: r.id });
    const textOnly = { ...cur.report, sections: { ...cur.report.sections, other: '无其他事项。' } };
    await w.as.fillerA1.reports.save.mutate({ id: r.id, expectedVersion: cur.version, report: textOnly });
    expect(
      (await w.as.fillerA1.checks.validate.mutate({ id: r.id })).findings.find((f) => f.key === target.key)!
        .triage!.state,
    ).toBe('active');
    // Change one of its cells (still wrong): it reopens.
    cur = await w.as.fillerA1.reports.get.query({ id: r.id });
    const touched = setCell(cur.report, 'applications.granted.naturalPerson', 26);
    await w.as.fillerA1.reports.save.mutate({ id: r.id, expectedVersion: cur.version, report: touched });
    const reopened = (await w.as.fillerA1.checks.validate.mutate({ id: r.id })).findings.find(
      (f) => f.key === target.key,
    )!;
    expect(reopened.triage!.state).toBe('reopened');
    expect((await w.as.fillerA1.reports.get.query({ id: r.id })).openFindings.error).toBe(before);
    expect((await w.as.fillerA1.reports.get.query({ id: r.id })).dismissedErrors).toBe(0);
    // A reviewer may confirm; a 填报人 of another agency may not touch it.
    await w.as.reviewerA.checks.triage.mutate({
      id: r.id,
      findingKey: target.key,
      decision: 'confirmed',
      reason: '确属错误，请修改',
    });
    expect(
      (await w.as.fillerA1.checks.validate.mutate({ id: r.id })).findings.find((f) => f.key === target.key)!
        .triage,
    ).toMatchObject({ decision: 'confirmed', by: 'reviewerA', state: 'active' });
    expect(
      (
        await failure(
          w.as.fillerB1.checks.triage.mutate({
            id: r.id,
            findingKey: target.key,
            decision: 'dismissed',
            reason: '不关我事',
          }),
        )
      ).code,
    ).toBe('NOT_FOUND');
    await w.as.fillerA1.checks.triage.mutate({ id: r.id, findingKey: target.key, decision: 'clear' });
    expect(
      (await w.as.fillerA1.checks.validate.mutate({ id: r.id })).findings.find((f) => f.key === target.key)!
        .triage,
    ).toBeNull();
  });

  it('a 填报人 decides while the report is theirs to edit; handed in, only the reviewer (TRIAGE_LOCKED)', async () => {
    // QA: after 审核通过 the 填报人 dismissed a warning and the counts the reviewer had approved changed
    const r = await stored(2021, (x) =>
      setCell(stated(example(x)), 'applications.granted.naturalPerson', 25),
    );
    const v = await w.as.fillerA1.checks.validate.mutate({ id: r.id });
    const [a, b] = v.findings.filter((f) => f.status === 'failed');
    expect(b).toBeTruthy();
    const decide = (as: 'fillerA1' | 'reviewerA', key: string) =>
      w.as[as].checks.triage.mutate({ id: r.id, findingKey: key, decision: 'dismissed', reason: '原表如此' });
    const may = async (as: 'fillerA1' | 'reviewerA') =>
      (await w.as[as].reports.get.query({ id: r.id })).permissions.triageDecide;
    // 草稿: the 填报人 may
    expect(await may('fillerA1')).toBe(true);
    await decide('fillerA1', a!.key);
    await w.as.fillerA1.reports.submit.mutate({ id: r.id });
    // 已提交: no longer — a decision or undoing one — while the reviewer may
    expect(await may('fillerA1')).toBe(false);
    expect(await may('reviewerA')).toBe(true);
    const locked = await failure(decide('fillerA1', b!.key));
    expect(locked).toMatchObject({ code: 'FORBIDDEN', appCode: 'TRIAGE_LOCKED' });
    expect(locked.message).toContain('报告已提交，填报人不能再确认或忽略问题');
    expect(
      (await failure(w.as.fillerA1.checks.triage.mutate({ id: r.id, findingKey: a!.key, decision: 'clear' })))
        .appCode,
    ).toBe('TRIAGE_LOCKED');
    const open = (await w.as.reviewerA.reports.get.query({ id: r.id })).openFindings;
    await decide('reviewerA', b!.key);
    // the 填报人 still sees the decisions (triage: true), made by either
    expect((await w.as.fillerA1.reports.get.query({ id: r.id })).permissions.triage).toBe(true);
    expect(
      (await w.as.fillerA1.checks.validate.mutate({ id: r.id })).findings.find((f) => f.key === b!.key)!
        .triage,
    ).toMatchObject({ decision: 'dismissed', by: 'reviewerA' });
    expect((await w.as.reviewerA.reports.get.query({ id: r.id })).openFindings).not.toEqual(open);
    // 已退回: the 填报人's again
    await w.as.reviewerA.reports.return.mutate({ id: r.id, comment: '请核对' });
    expect(await may('fillerA1')).toBe(true);
    await w.as.fillerA1.checks.triage.mutate({ id: r.id, findingKey: b!.key, decision: 'clear' });
  });

  it('a confirmed finding is a real problem: it stays counted, in the list as in the form', async () => {
    const r = await stored(2026, (x) =>
      setCell(stated(example(x)), 'applications.granted.naturalPerson', 25),
    );
    const v = await w.as.fillerA1.checks.validate.mutate({ id: r.id });
    const target = v.findings.find((f) => f.ruleId === 'T3-H' && f.status === 'failed')!;
    const before = (await w.as.fillerA1.reports.get.query({ id: r.id })).openFindings.error;
    const t = await w.as.reviewerA.checks.triage.mutate({
      id: r.id,
      findingKey: target.key,
      decision: 'confirmed',
      reason: '确有错误，请填报人修改',
    });
    expect(t.open!.error).toBe(before);
    expect((await w.as.fillerA1.reports.get.query({ id: r.id })).openFindings.error).toBe(before);
  });

  it('rule configuration: 管理员 only; rules off, severities and thresholds take effect everywhere', async () => {
    const r = await stored(2025, (x) =>
      setCell(stated(example(x)), 'applications.granted.naturalPerson', 25),
    );
    expect((await failure(w.as.reviewerA.config.set.mutate({ rules: { 'T3-H': 'off' } }))).code).toBe(
      'FORBIDDEN',
    );
    const bad = await failure(w.as.admin.config.set.mutate({ rules: { 'NO-SUCH': 'off' } }));
    expect(bad).toMatchObject({ appCode: 'INVALID_RULE_CONFIG' });
    expect(bad.zhMessage).toMatch(/未知的规则/);
    // A wrong severity or option is named as such, never a rule silently off.
    expect(
      (await failure(w.as.admin.config.set.mutate({ rules: { C2: { severity: 'fatal' as never } } })))
        .zhMessage,
    ).toBe('请求参数有误：规则 C2 的级别：应为以下之一：“error”、“crossYear”、“warning”、“info”');
    expect(
      await failure(w.as.admin.config.set.mutate({ rules: { 'T3-W1': { options: { maxRatio: -5 } } } })),
    ).toMatchObject({
      appCode: 'INVALID_RULE_CONFIG',
      zhMessage: expect.stringContaining('maxRatio 应大于 0、不大于 1'),
    });
    await w.as.admin.config.set.mutate({
      rules: { 'T3-H': 'off', C2: 'info', 'T3-W1': { options: { maxRatio: 0.01 } } },
    });
    expect((await w.as.fillerA1.config.get.query()).rules).toEqual({
      'T3-H': 'off',
      C2: 'info',
      'T3-W1': { options: { maxRatio: 0.01 } },
    });
    const res = await w.as.fillerA1.checks.validate.mutate({ id: r.id });
    expect(res.findings.some((f) => f.ruleId === 'T3-H')).toBe(false);
    // The stored open-finding counts follow the new configuration at once.
    const errorsNow = (await w.as.fillerA1.reports.get.query({ id: r.id })).openFindings.error;
    expect(errorsNow).toBe(
      res.findings.filter((f) => f.severity === 'error' && f.status === 'failed').length,
    );
    expect(res.findings.some((f) => f.ruleId === 'T3-W1' && f.status === 'failed')).toBe(true);
    const rules = await w.as.fillerA1.checks.rules.query();
    expect(rules.rules.find((x) => x.id === 'X1')).toMatchObject({ severity: 'crossYear' });
    expect(rules.config.rules!['T3-H']).toBe('off');
    await w.as.admin.config.set.mutate({});
    expect(
      (await w.as.fillerA1.checks.validate.mutate({ id: r.id })).findings.some((f) => f.ruleId === 'T3-H'),
    ).toBe(true);
  });

  it('a report published through the server without a stated date is checked against its 发布 date', async () => {
    const r = await stored(2020, (x) => {
      const e = example(x);
      const { publishedOn: _drop, ...meta } = e.meta;
      return { ...e, meta };
    });
    const before = await w.as.fillerA1.checks.validate.mutate({ id: r.id });
    expect(before.findings.some((f) => f.ruleId.startsWith('F') && f.status === 'failed')).toBe(false);
    expect((await w.as.fillerA1.reports.get.query({ id: r.id })).publicationDate).toBeNull();
    await w.as.fillerA1.reports.submit.mutate({ id: r.id });
    await w.as.reviewerA.reports.approve.mutate({ id: r.id });
    await w.as.reviewerA.reports.publish.mutate({ id: r.id });
    // Published today, years after the 2021-01-31 deadline of a county department (F1).
    const after = await w.as.fillerA1.checks.validate.mutate({ id: r.id });
    const late = after.findings.filter((f) => f.ruleId.startsWith('F') && f.status === 'failed');
    expect(late.map((f) => f.ruleId)).toContain('F1');
    // The report says that day, so a client validating it (the web form) finds the same F1.
    const got = await w.as.reviewerA.reports.get.query({ id: r.id });
    expect(got.publicationDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(
      validate(got.report, { publicationDate: got.publicationDate! })
        .filter((f) => f.ruleId.startsWith('F') && f.status === 'failed')
        .map((f) => f.ruleId),
    ).toEqual(late.map((f) => f.ruleId));
  });

  it('bad input is a structured Chinese error, not a crash', async () => {
    const f = await failure(w.as.fillerA1.checks.validate.mutate({ report: { schemaVersion: 2 } as never }));
    expect(f.code).toBe('BAD_REQUEST');
    expect(f.appCode).toBe('INVALID_INPUT');
    expect(f.zhMessage).toMatch(/请求参数有误/);
  });

  it('id with a report — even a malformed one — is refused as the two shapes first, not with the report’s errors', async () => {
    const { id } = await stored(2027, (r) => r); // a year no other test of this file takes
    const oneOf = {
      code: 'BAD_REQUEST',
      appCode: 'INVALID_INPUT',
      zhMessage: '请提供 id（已保存的报告，可加 version）或 report（完整的报告，可加 previous）二者之一',
      details: {
        issues: [{ path: '' }],
        accepted: [
          ['id', 'version?'],
          ['report', 'previous?'],
        ],
      },
    };
    for (const input of [
      { id, report: { schemaVersion: 2 } }, // the report's schema errors came back
      { id, report: { ...exampleReport({ year: 2022 }), cells: 'x' } },
      { id, previous: { schemaVersion: 2 } },
      { report: { schemaVersion: 2 }, version: 1 },
      {},
    ])
      expect(
        await failure(w.as.fillerA1.checks.validate.mutate(input as never)),
        JSON.stringify(Object.keys(input)),
      ).toMatchObject(oneOf);
    // One shape, malformed: its own errors, at their paths.
    const bad = await failure(
      w.as.fillerA1.checks.validate.mutate({ report: { schemaVersion: 2 } as never }),
    );
    expect(bad.appCode).toBe('INVALID_INPUT');
    expect(bad.zhMessage).not.toContain('二者之一');
    expect(
      (await failure(w.as.fillerA1.checks.validate.mutate({ id: 7 } as never))).details.issues,
    ).toMatchObject([{ path: 'id' }]);
    // Not an object at all: said as such by the schema.
    expect((await failure(w.as.fillerA1.checks.validate.mutate('x' as never))).zhMessage).not.toContain(
      '二者之一',
    );
  });
});

describe(`summary (${DB_LABEL})`, () => {
  it('one report: indicators and number sentences', async () => {
    const r = await stored(2019, (x) => example(x));
    const s = await w.as.fillerA1.summary.report.query({ id: r.id });
    const granted = s.summary.indicators.find((i) => i.key === 'grantedRate')!;
    expect(granted.value).toBeCloseTo(25 / 44);
    expect(s.narration.sentences.map((x) => x.key)).toContain('intake');
  });

  it('region roll-up for a year and year-on-year', async () => {
    const mk = async (c: World['as']['fillerA2'], agencyId: string, scale: number, submit: boolean) => {
      const x = await c.reports.create.mutate({ agencyId, year: 2030 });
      await c.reports.save.mutate({ id: x.id, expectedVersion: 1, report: example(x.report, scale) });
      if (submit) await c.reports.submit.mutate({ id: x.id });
      return x.id;
    };
    const a2 = await mk(w.as.fillerA2, w.ids.agencyA2, 2, true);
    await mk(w.as.fillerB1, w.ids.agencyB1, 5, true);
    const a1 = await mk(w.as.fillerA1, w.ids.agencyA1, 1, false);
    // By default only what was handed in: 甲县交通运输局's draft is not summed.
    const countyA = await w.as.reviewerA.summary.region.query({ regionId: w.ids.countyA, year: 2030 });
    expect(countyA.included.map((i) => i.agencyName)).toEqual(['甲镇人民政府']);
    expect(countyA.report.meta.scope).toBe('region');
    expect(countyA.report.cells['applications.granted.total']!.value).toBe(25 * 2);
    const withDrafts = await w.as.reviewerA.summary.region.query({
      regionId: w.ids.countyA,
      year: 2030,
      statuses: ['draft', 'submitted'],
    });
    expect(withDrafts.included.map((i) => i.agencyName).sort()).toEqual(
      ['甲县交通运输局', '甲镇人民政府'].sort(),
    );
    expect(withDrafts.report.cells['applications.granted.total']!.value).toBe(25 * 3);
    const all = await w.as.admin.summary.region.query({ regionId: w.ids.province, year: 2030 });
    expect(all.report.cells['applications.granted.total']!.value).toBe(25 * 7);
    expect(all.summary.indicators.find((i) => i.key === 'grantedRate')!.value).toBeCloseTo(25 / 44);
    // The region's export and open data take the same reports by default.
    const exported = await w.as.admin.export.region.query({
      regionId: w.ids.province,
      year: 2030,
      format: 'md',
    });
    expect(exported.reports).toBe(2);
    const open = await w.as.admin.export.openData.query({
      regionId: w.ids.province,
      year: 2030,
      format: 'json',
    });
    expect(open.reports).toBe(2);
    // A report left out (one blank report would leave every sum blank) is named, not summed — in the
    // roll-up and in its export alike.
    const without = await w.as.admin.summary.region.query({
      regionId: w.ids.province,
      year: 2030,
      exclude: [a2],
    });
    expect(without.included.map((i) => i.agencyName)).toEqual(['乙县教育局']);
    expect(without.excluded).toEqual([
      {
        reportId: a2,
        agencyId: w.ids.agencyA2,
        agencyName: '甲镇人民政府',
        status: 'submitted',
        reasonCode: 'EXCLUDED',
        reason: '按要求排除，不计入汇总',
      },
    ]);
    expect(without.report.cells['applications.granted.total']!.value).toBe(25 * 5);
    const exportedWithout = await w.as.admin.export.region.query({
      regionId: w.ids.province,
      year: 2030,
      exclude: [a2],
      format: 'md',
    });
    expect(exportedWithout.reports).toBe(1);
    expect(exportedWithout.content).toContain('乙县教育局');
    expect(exportedWithout.content).not.toContain('甲镇人民政府');
    expect(
      (await failure(w.as.admin.summary.region.query({ regionId: w.ids.countyA, year: 2030, exclude: [a2] })))
        .appCode,
    ).toBe('NOTHING_TO_AGGREGATE');
    const none = await failure(
      w.as.admin.summary.region.query({ regionId: w.ids.province, year: 2030, statuses: ['published'] }),
    );
    expect(none.appCode).toBe('NOTHING_TO_AGGREGATE');
    // Year-on-year for 甲县交通运输局: 2029 is missing, 2023 has 2022.
    expect((await failure(w.as.fillerA1.summary.yearOnYear.query({ id: a1 }))).appCode).toBe(
      'NO_PREVIOUS_YEAR',
    );
    const list = await w.as.fillerA1.reports.list.query({ year: 2023 });
    const yoy = await w.as.fillerA1.summary.yearOnYear.query({ id: list.items[0]!.id });
    expect(yoy.previous.year).toBe(2022);
    // what it rests on: last year's report, its status and the version compared
    const last = (await w.as.fillerA1.reports.list.query({ year: 2022 })).items[0]!;
    expect(yoy.basis).toEqual({
      reportId: last.id,
      status: last.status,
      statusLabel: {
        draft: '草稿',
        submitted: '已提交',
        returned: '已退回',
        approved: '已通过',
        published: '已发布',
      }[last.status],
      version: last.status === 'published' ? expect.any(Number) : last.version,
      published: last.status === 'published',
    });
    expect(yoy.deltas.length).toBeGreaterThan(10);
    expect(yoy.findings.some((f) => f.ruleId === 'X1')).toBe(true);
  });
});
