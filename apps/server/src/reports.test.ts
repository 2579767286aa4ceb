import { exampleReport, type Report, setCell } from '@nianbao/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app.js';
import { SEED_REPORT_TEXT } from './demo/seed-text.js';
import { insertVersion } from './store.js';
import { DB_LABEL, failure, makeClient, makeWorld, type World } from './test-support/harness.js';

let w: World;
beforeAll(async () => {
  w = await makeWorld();
});
afterAll(async () => w?.cleanup());

const fill = (r: Report, scale = 1): Report => {
  const e = exampleReport({ year: r.meta.year, agency: r.meta.agency, scale });
  return { ...e, meta: { ...e.meta, agency: r.meta.agency } };
};

describe(`reports (${DB_LABEL})`, () => {
  it('create: the edition is chosen by the year; one report per agency and year', async () => {
    const a = await w.as.fillerA1.reports.create.mutate({ agencyId: w.ids.agencyA1, year: 2020 });
    expect(a).toMatchObject({
      year: 2020,
      edition: '2019-trial',
      status: 'draft',
      statusLabel: '草稿',
      version: 1,
    });
    expect(a.report.meta.agency).toMatchObject({ id: w.ids.agencyA1, name: '甲县交通运输局' });
    expect(Object.keys(a.report.cells)).toHaveLength(198);
    const b = await w.as.fillerA1.reports.create.mutate({ agencyId: w.ids.agencyA1, year: 2021 });
    expect(b.edition).toBe('2021');
    expect(Object.keys(b.report.cells)).toHaveLength(200);
    const dup = await failure(w.as.fillerA1.reports.create.mutate({ agencyId: w.ids.agencyA1, year: 2021 }));
    expect(dup).toMatchObject({ code: 'CONFLICT', appCode: 'REPORT_EXISTS' });
    expect(dup.details.reportId).toBe(b.id);
    const found = await w.as.reviewerA.reports.find.query({ agencyId: w.ids.agencyA1, year: 2021 });
    expect(found).toMatchObject({ id: b.id, permissions: { save: false, approve: false } });
    expect(await w.as.fillerA1.reports.find.query({ agencyId: w.ids.agencyA1, year: 2030 })).toBeNull();
    expect(
      (await w.as.fillerA1.reports.find.query({ agencyId: w.ids.agencyA1, year: 2021 }))!.permissions,
    ).toMatchObject({ save: true, submit: true });
    const bad = await failure(w.as.fillerA1.reports.create.mutate({ agencyId: w.ids.agencyA1, year: 2018 }));
    expect(bad).toMatchObject({ code: 'BAD_REQUEST', appCode: 'INVALID_INPUT' });
    expect(bad.zhMessage).toMatch(/2019/);
  });

  it('create: only a year that has ended in China (the reporting year and before); import: a year begun', async () => {
    const at = async (iso: string) => {
      const app = createApp(w.ts.store, {
        webDir: '/nonexistent',
        log: () => {},
        today: () => new Date(iso),
      });
      const c = makeClient(app);
      await c.auth.login.mutate({ username: 'fillerB1', password: w.password });
      return c;
    };
    // 29 November 2026: the year 2026 has not ended — its report is written from 1 January 2027.
    const nov = await at('2026-11-29T08:00:00Z');
    const open = await failure(nov.reports.create.mutate({ agencyId: w.ids.agencyB1, year: 2026 }));
    expect(open).toMatchObject({
      code: 'BAD_REQUEST',
      appCode: 'YEAR_NOT_ENDED',
      details: { year: 2026, latest: 2025 },
    });
    expect(open.zhMessage).toBe(
      '2026 年尚未结束：2026 年度报告要在该年度结束后（2027 年 1 月 1 日起）编制；现在可编制 2025 年度及以前的报告',
    );
    // 31 December 15:59 UTC is still 2026 in 北京: 2026 has not ended, 2027 not begun, whatever the server's zone.
    const before = await at('2026-12-31T15:59:00Z');
    expect(
      (await failure(before.reports.create.mutate({ agencyId: w.ids.agencyB1, year: 2026 }))).appCode,
    ).toBe('YEAR_NOT_ENDED');
    const e = await failure(before.reports.create.mutate({ agencyId: w.ids.agencyB1, year: 2027 }));
    expect(e).toMatchObject({
      code: 'BAD_REQUEST',
      appCode: 'YEAR_IN_FUTURE',
      details: { year: 2027, latest: 2025 },
    });
    expect(e.zhMessage).toBe(
      '报告年度 2027 晚于今年（2026 年）：现在可编制 2025 年度及以前的报告，请检查年度',
    );
    expect(await before.reports.find.query({ agencyId: w.ids.agencyB1, year: 2026 })).toBeNull();
    // A minute later it is 1 January 2027 there: 2026 may be written, 2027 not yet.
    const after = await at('2026-12-31T16:00:00Z');
    expect((await after.reports.create.mutate({ agencyId: w.ids.agencyB1, year: 2026 })).year).toBe(2026);
    expect(
      (await failure(after.reports.create.mutate({ agencyId: w.ids.agencyB1, year: 2027 }))).appCode,
    ).toBe('YEAR_NOT_ENDED');
    // A document of a year not yet begun (the 2020 seed report, imported in 2019): refused the same
    // way, nothing created; once 2020 has begun it is imported.
    const early = await at('2019-06-01T00:00:00Z');
    const imp = await failure(
      early.import.upload.mutate({ agencyId: w.ids.agencyB1, kind: 'text', content: SEED_REPORT_TEXT }),
    );
    expect(imp).toMatchObject({ appCode: 'YEAR_IN_FUTURE', details: { year: 2020, latest: 2018 } });
    const preview = await failure(
      early.import.preview.mutate({ agencyId: w.ids.agencyB1, kind: 'text', content: SEED_REPORT_TEXT }),
    );
    expect(preview).toMatchObject({ appCode: 'YEAR_IN_FUTURE', details: { year: 2020, latest: 2018 } });
    // and in 2020 itself, as reports.create: the year has not ended (before: imported as a report)
    const during = await at('2020-11-29T00:00:00Z');
    for (const p of [
      during.import.upload.mutate({ agencyId: w.ids.agencyB1, kind: 'text', content: SEED_REPORT_TEXT }),
      during.import.preview.mutate({ agencyId: w.ids.agencyB1, kind: 'text', content: SEED_REPORT_TEXT }),
    ])
      expect(await failure(p)).toMatchObject({
        appCode: 'YEAR_NOT_ENDED',
        details: { year: 2020, latest: 2019 },
      });
    expect(await early.reports.find.query({ agencyId: w.ids.agencyB1, year: 2020 })).toBeNull();
    const later = await at('2021-01-05T00:00:00Z');
    const imported = await later.import.upload.mutate({
      agencyId: w.ids.agencyB1,
      kind: 'text',
      content: SEED_REPORT_TEXT,
    });
    expect(imported.year).toBe(2020);
    // The world's other tests count 乙县教育局's reports: take these two drafts away again.
    const made = await after.reports.find.query({ agencyId: w.ids.agencyB1, year: 2026 });
    await after.reports.delete.mutate({ id: made!.id, expectedVersion: 1 });
    await later.reports.delete.mutate({ id: imported.reportId, expectedVersion: imported.version });
  });

  it('save makes immutable versions; a stale expectedVersion is a conflict and loses nothing', async () => {
    const c = await w.as.fillerA1.reports.create.mutate({ agencyId: w.ids.agencyA1, year: 2023 });
    const v2 = await w.as.fillerA1.reports.save.mutate({
      id: c.id,
      expectedVersion: 1,
      report: fill(c.report),
      note: '初稿',
    });
    expect(v2.version).toBe(2);
    expect(v2.contentHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    // Two clients both start from version 2.
    const mine = setCell(fill(c.report), 'applications.newReceived.naturalPerson', 40);
    const theirs = setCell(fill(c.report), 'applications.newReceived.naturalPerson', 41);
    const results = await Promise.allSettled([
      w.as.fillerA1.reports.save.mutate({ id: c.id, expectedVersion: 2, report: mine }),
      w.as.admin.reports.save.mutate({ id: c.id, expectedVersion: 2, report: theirs }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = results.find((r) => r.status === 'rejected')!;
    const f = await failure(Promise.reject((lost as PromiseRejectedResult).reason));
    expect(f).toMatchObject({ code: 'CONFLICT', appCode: 'VERSION_CONFLICT', httpStatus: 409 });
    expect(f.details).toMatchObject({ currentVersion: 3, expectedVersion: 2 });
    expect(f.zhMessage).toMatch(/在您编辑期间已保存为第 \d+ 版（您编辑的是第 \d+ 版），本次内容未保存/);
    // The loser can retry on top of version 3: nothing is lost.
    const winner = (await w.as.fillerA1.reports.get.query({ id: c.id })).report.cells[
      'applications.newReceived.naturalPerson'
    ]!.value;
    const retry = winner === 40 ? theirs : mine;
    const v4 = await w.as.fillerA1.reports.save.mutate({ id: c.id, expectedVersion: 3, report: retry });
    expect(v4.version).toBe(4);
    const h = await w.as.fillerA1.reports.history.query({ id: c.id });
    expect(h.versions.map((v) => v.version)).toEqual([1, 2, 3, 4]);
    expect(h.versions[1]).toMatchObject({ note: '初稿', kind: 'save', author: 'fillerA1' });
    const values = await Promise.all(
      [2, 3, 4].map(
        async (v) =>
          (await w.as.fillerA1.reports.version.query({ id: c.id, version: v })).report.cells[
            'applications.newReceived.naturalPerson'
          ]!.value,
      ),
    );
    expect(values.slice(1).sort()).toEqual([40, 41]);
    // Versions are immutable: the hash of version 2 still matches.
    const again = await w.as.fillerA1.reports.version.query({ id: c.id, version: 2 });
    expect(again.contentHash).toBe(v2.contentHash);
  });

  it('save rejects an invalid report with Chinese messages naming the place', async () => {
    const c = await w.as.fillerA2.reports.create.mutate({ agencyId: w.ids.agencyA2, year: 2024 });
    const broken = structuredClone(c.report) as unknown as { cells: Record<string, unknown> };
    broken.cells['applications.newReceived.total'] = { value: 'abc' };
    const f = await failure(
      w.as.fillerA2.reports.save.mutate({ id: c.id, expectedVersion: 1, report: broken as never }),
    );
    expect(f).toMatchObject({ code: 'BAD_REQUEST', appCode: 'INVALID_INPUT' });
    expect(f.zhMessage).toMatch(/请求参数有误/);
    const wrongYear = { ...c.report, meta: { ...c.report.meta, year: 2023 } };
    expect(
      (await failure(w.as.fillerA2.reports.save.mutate({ id: c.id, expectedVersion: 1, report: wrongYear })))
        .appCode,
    ).toBe('YEAR_MISMATCH');
    const bogusCell = structuredClone(c.report);
    bogusCell.cells['not a cell id'] = { value: 1 };
    expect(
      (await failure(w.as.fillerA2.reports.save.mutate({ id: c.id, expectedVersion: 1, report: bogusCell })))
        .zhMessage,
    ).toMatch(/不是有效的单元格编号/);
  });

  it('save refuses a cell the format does not have (a mistyped id), naming the nearest; cells the report already held stay', async () => {
    const c = await w.as.fillerA2.reports.create.mutate({ agencyId: w.ids.agencyA2, year: 2023 });
    const typo = structuredClone(c.report);
    typo.cells['applications.newRecieved.naturalPerson'] = { value: 7 };
    const f = await failure(
      w.as.fillerA2.reports.save.mutate({ id: c.id, expectedVersion: 1, report: typo }),
    );
    expect(f).toMatchObject({
      code: 'BAD_REQUEST',
      appCode: 'UNKNOWN_CELL',
      details: {
        cells: ['applications.newRecieved.naturalPerson'],
        issues: [
          {
            path: 'report.cells.applications.newRecieved.naturalPerson',
            suggestion: 'applications.newReceived.naturalPerson',
          },
        ],
      },
    });
    expect(f.zhMessage).toMatch(
      /^未保存：2021 版格式没有单元格 applications\.newRecieved\.naturalPerson；是不是 applications\.newReceived\.naturalPerson（/,
    );
    // nothing was stored
    expect((await w.as.fillerA2.reports.get.query({ id: c.id })).version).toBe(1);
    // A report that already holds a cell outside the format (as an import of a document in another
    // layout does; S5 reports it) is saved with it as before.
    const db = w.ts.store.db;
    const held = structuredClone(c.report);
    held.cells['applications.oldLayout.naturalPerson'] = { value: 3 };
    const author = (await w.as.fillerA2.auth.me.query())!.id;
    await insertVersion(db, {
      reportId: c.id,
      version: 2,
      report: held,
      authorId: author,
      kind: 'import',
      status: 'draft',
    });
    await db.updateTable('reports').set({ current_version: 2 }).where('id', '=', c.id).execute();
    const again = structuredClone(c.report);
    again.cells['applications.oldLayout.naturalPerson'] = { value: 3 };
    // (The same content as stored: the note makes it a new version.)
    const ok = await w.as.fillerA2.reports.save.mutate({
      id: c.id,
      expectedVersion: 2,
      report: again,
      note: '保存',
    });
    expect(ok.version).toBe(3);
    expect(
      (await w.as.fillerA2.reports.get.query({ id: c.id })).report.cells[
        'applications.oldLayout.naturalPerson'
      ],
    ).toMatchObject({ value: 3 });
  });

  it('save refuses content whose meta.agency.id names another agency (not rebound silently); without an id it is this agency’s', async () => {
    // reviewerA reads 甲县交通运输局 (A1) and 甲镇 (A2): an integrator syncing both mixes up the ids.
    const a1 = await w.as.fillerA1.reports.create.mutate({ agencyId: w.ids.agencyA1, year: 2022 });
    const a2 = await w.as.fillerA2.reports.create.mutate({ agencyId: w.ids.agencyA2, year: 2022 });
    const a1Content = fill(a1.report);
    const f = await failure(
      w.as.admin.reports.save.mutate({ id: a2.id, expectedVersion: 1, report: a1Content }),
    );
    expect(f).toMatchObject({
      code: 'BAD_REQUEST',
      appCode: 'AGENCY_MISMATCH',
      details: { expected: w.ids.agencyA2, actual: w.ids.agencyA1 },
    });
    expect(f.zhMessage).toContain('“甲县交通运输局”');
    expect(f.zhMessage).toContain('去掉 meta.agency.id');
    // Nothing stored: A2's report is as it was, A1's numbers are not A2's.
    const after = await w.as.fillerA2.reports.get.query({ id: a2.id });
    expect(after.version).toBe(1);
    expect(after.report.meta.agency.name).not.toBe('甲县交通运输局');
    // A caller who may not read the other agency is not told its name.
    const b1 = await w.as.fillerB1.reports.create.mutate({ agencyId: w.ids.agencyB1, year: 2022 });
    const hidden = await failure(
      w.as.fillerB1.reports.save.mutate({ id: b1.id, expectedVersion: 1, report: a1Content }),
    );
    expect(hidden.appCode).toBe('AGENCY_MISMATCH');
    expect(hidden.zhMessage).toContain('另一个机关');
    expect(hidden.zhMessage).not.toContain('甲县交通运输局');
    // Without an id, the content is taken as this report's agency's (a file written elsewhere).
    const { id: _drop, ...noId } = a1Content.meta.agency;
    const ok = await w.as.fillerA2.reports.save.mutate({
      id: a2.id,
      expectedVersion: 1,
      report: { ...a1Content, meta: { ...a1Content.meta, agency: noId } },
    });
    expect(ok.version).toBe(2);
    const bound = await w.as.fillerA2.reports.get.query({ id: a2.id });
    expect(bound.report.meta.agency.id).toBe(w.ids.agencyA2);
    expect(bound.report.meta.agency.name).toBe(after.report.meta.agency.name);
    // The drafts go again: the list test counts the reports of each region.
    await w.as.fillerB1.reports.delete.mutate({ id: b1.id, expectedVersion: 1 });
    await w.as.fillerA2.reports.delete.mutate({ id: a2.id, expectedVersion: 2 });
    await w.as.fillerA1.reports.delete.mutate({ id: a1.id, expectedVersion: 1 });
  });

  it('workflow: submit → return (comment) → resubmit → approve → publish; published is locked; correction with a reason', async () => {
    const c = await w.as.fillerA2.reports.create.mutate({ agencyId: w.ids.agencyA2, year: 2025 });
    const v2 = await w.as.fillerA2.reports.save.mutate({
      id: c.id,
      expectedVersion: 1,
      report: fill(c.report),
    });
    // A 审核人 cannot approve a draft; a 填报人 cannot approve at all.
    expect((await failure(w.as.reviewerA.reports.approve.mutate({ id: c.id }))).appCode).toBe(
      'INVALID_TRANSITION',
    );
    const s = await w.as.fillerA2.reports.submit.mutate({ id: c.id, expectedVersion: v2.version });
    expect(s).toMatchObject({ status: 'submitted', statusLabel: '已提交' });
    expect((await failure(w.as.fillerA2.reports.approve.mutate({ id: c.id }))).code).toBe('FORBIDDEN');
    // Submitted: locked for the filler.
    expect(
      (
        await failure(
          w.as.fillerA2.reports.save.mutate({ id: c.id, expectedVersion: 2, report: fill(c.report, 2) }),
        )
      ).appCode,
    ).toBe('REPORT_LOCKED');
    expect((await failure(w.as.reviewerA.reports.return.mutate({ id: c.id, comment: '  ' }))).appCode).toBe(
      'REASON_REQUIRED',
    );
    expect((await failure(w.as.reviewerA.reports.return.mutate({ id: c.id }))).appCode).toBe(
      'REASON_REQUIRED',
    );
    const r = await w.as.reviewerA.reports.return.mutate({ id: c.id, comment: '请补充第五部分。' });
    expect(r).toMatchObject({ status: 'returned', reviewComment: '请补充第五部分。' });
    const v3 = await w.as.fillerA2.reports.save.mutate({
      id: c.id,
      expectedVersion: 2,
      report: fill(c.report, 2),
      note: '按意见修改',
    });
    await w.as.fillerA2.reports.submit.mutate({ id: c.id });
    // The reviewer approves exactly what they read: a stale version is a conflict.
    expect(
      (await failure(w.as.reviewerA.reports.approve.mutate({ id: c.id, expectedVersion: 2 }))).appCode,
    ).toBe('VERSION_CONFLICT');
    await w.as.reviewerA.reports.approve.mutate({ id: c.id, expectedVersion: v3.version });
    const p = await w.as.reviewerA.reports.publish.mutate({ id: c.id });
    expect(p).toMatchObject({ status: 'published', publishedVersion: 3 });
    // Published: no save, no return.
    const locked = await failure(
      w.as.fillerA2.reports.save.mutate({ id: c.id, expectedVersion: 3, report: fill(c.report, 3) }),
    );
    expect(locked).toMatchObject({ code: 'CONFLICT', appCode: 'REPORT_PUBLISHED' });
    expect(locked.zhMessage).toMatch(/更正/);
    expect(
      (
        await failure(
          w.as.admin.reports.save.mutate({ id: c.id, expectedVersion: 3, report: fill(c.report, 3) }),
        )
      ).appCode,
    ).toBe('REPORT_PUBLISHED');
    expect((await failure(w.as.reviewerA.reports.return.mutate({ id: c.id, comment: 'x' }))).appCode).toBe(
      'INVALID_TRANSITION',
    );
    // Correction: reason required.
    const corrected = setCell(fill(c.report, 2), 'activeDisclosure.normativeDocs.valid', 81);
    expect(
      (
        await failure(
          w.as.fillerA2.reports.correct.mutate({
            id: c.id,
            expectedVersion: 3,
            report: corrected,
            reason: '',
          }),
        )
      ).appCode,
    ).toBe('REASON_REQUIRED');
    // A correction of nothing is refused: it would be announced in the public 更正公告 (QA).
    const same = await w.as.fillerA2.reports.get.query({ id: c.id });
    const nothing = await failure(
      w.as.fillerA2.reports.correct.mutate({
        id: c.id,
        expectedVersion: 3,
        report: same.report,
        reason: '无变化测试',
      }),
    );
    expect(nothing).toMatchObject({ code: 'BAD_REQUEST', appCode: 'NOTHING_TO_CORRECT' });
    expect(nothing.zhMessage).toBe('更正的内容与已发布的版本相同：请先修改需要更正的数字或文字，再提交更正');
    expect((await w.as.fillerA2.reports.get.query({ id: c.id })).version).toBe(3);
    const v4 = await w.as.fillerA2.reports.correct.mutate({
      id: c.id,
      expectedVersion: 3,
      report: corrected,
      reason: '现行有效件数笔误，更正为81件',
    });
    expect(v4.version).toBe(4);
    const got = await w.as.fillerA2.reports.get.query({ id: c.id });
    expect(got).toMatchObject({ status: 'published', publishedVersion: 4, version: 4 });
    // The public 更正 log, no login needed.
    const log = await w.anon.reports.corrections.query({ year: 2025 });
    expect(log).toEqual([
      expect.objectContaining({
        reportId: c.id,
        agencyName: '甲镇人民政府',
        version: 4,
        reason: '现行有效件数笔误，更正为81件',
        readable: false,
      }),
    ]);
    // Signed in: whether each corrected report is one the caller may open (a link in the web).
    const readable = async (as: typeof w.anon) =>
      (await as.reports.corrections.query({ year: 2025 })).map((x) => x.readable);
    expect(await readable(w.as.fillerA2)).toEqual([true]);
    expect(await readable(w.as.reviewerA)).toEqual([true]);
    expect(await readable(w.as.fillerA1)).toEqual([false]);
    expect(await readable(w.as.reviewerB)).toEqual([false]);
    // History: every step.
    const h = await w.as.reviewerA.reports.history.query({ id: c.id });
    expect(h.events.map((e) => e.action)).toEqual([
      'submit',
      'return',
      'submit',
      'approve',
      'publish',
      'correct',
    ]);
    expect(h.events[1]).toMatchObject({
      comment: '请补充第五部分。',
      actor: 'reviewerA',
      from: 'submitted',
      to: 'returned',
    });
    expect(h.versions.map((v) => v.kind)).toEqual(['create', 'save', 'save', 'correction']);
    // Correcting a draft is refused: save it instead.
    const d = await w.as.fillerA1.reports.create.mutate({ agencyId: w.ids.agencyA1, year: 2025 });
    expect(
      (
        await failure(
          w.as.fillerA1.reports.correct.mutate({
            id: d.id,
            expectedVersion: 1,
            report: d.report,
            reason: '更正说明',
          }),
        )
      ).appCode,
    ).toBe('NOT_PUBLISHED');
  });

  it('racing workflow steps: one approve wins, the other is refused; one event recorded', async () => {
    const c = await w.as.fillerA1.reports.create.mutate({ agencyId: w.ids.agencyA1, year: 2026 });
    await w.as.fillerA1.reports.submit.mutate({ id: c.id });
    const results = await Promise.allSettled([
      w.as.reviewerA.reports.approve.mutate({ id: c.id }),
      w.as.admin.reports.approve.mutate({ id: c.id }),
      w.as.reviewerA.reports.return.mutate({ id: c.id, comment: '退回' }),
    ]);
    const ok = results.filter((r) => r.status === 'fulfilled');
    expect(ok.length).toBeGreaterThanOrEqual(1);
    for (const r of results.filter((x) => x.status === 'rejected'))
      expect(['INVALID_TRANSITION', 'VERSION_CONFLICT']).toContain(
        (await failure(Promise.reject((r as PromiseRejectedResult).reason))).appCode,
      );
    const h = await w.as.admin.reports.history.query({ id: c.id });
    // Every recorded step follows from the one before.
    for (let i = 1; i < h.events.length; i++) expect(h.events[i]!.from).toBe(h.events[i - 1]!.to);
    expect(h.events.length).toBe(1 + ok.length);
  });

  it('what is stored names the agency as the server knows it, with every total computed from its parts', async () => {
    const c = await w.as.fillerA2.reports.create.mutate({ agencyId: w.ids.agencyA2, year: 2029 });
    const base = fill(c.report);
    // A client sends a part changed without recomputing the total, and another agency's name and level.
    let sent = setCell(base, 'applications.newReceived.naturalPerson', 100);
    sent = {
      ...sent,
      meta: { ...sent.meta, agency: { name: '上海市人民政府办公厅', kind: '政府部门', level: '省级' } },
    };
    expect(sent.cells['applications.newReceived.total']!.origin).toBe('derived');
    const before = base.cells['applications.newReceived.total']!.value!;
    const saved = await w.as.fillerA2.reports.save.mutate({ id: c.id, expectedVersion: 1, report: sent });
    const got = await w.as.fillerA2.reports.get.query({ id: c.id });
    expect(got.report.meta.agency).toEqual({
      id: w.ids.agencyA2,
      name: '甲镇人民政府',
      kind: '人民政府',
      level: '乡镇级',
    });
    const old = base.cells['applications.newReceived.naturalPerson']!.value!;
    expect(got.report.cells['applications.newReceived.total']).toMatchObject({
      value: before - old + 100,
      origin: 'derived',
    });
    // A total the report states (typed) is kept as stated: validation says it disagrees.
    const typed = setCell(got.report, 'applications.newReceived.total', 1);
    await w.as.fillerA2.reports.save.mutate({ id: c.id, expectedVersion: saved.version, report: typed });
    const again = await w.as.fillerA2.reports.get.query({ id: c.id });
    expect(again.report.cells['applications.newReceived.total']).toMatchObject({
      value: 1,
      origin: 'entered',
    });
    const v = await w.as.fillerA2.checks.validate.mutate({ id: c.id });
    expect(
      v.findings.some((f) => f.ruleId === 'T3-H' && f.cells.includes('applications.newReceived.total')),
    ).toBe(true);
    // get with a version says which version the content is.
    expect(await w.as.fillerA2.reports.get.query({ id: c.id, version: 2 })).toMatchObject({
      version: 3,
      reportVersion: 2,
    });
    // expectedVersion beyond the current one: said as such.
    const ahead = await failure(
      w.as.fillerA2.reports.save.mutate({ id: c.id, expectedVersion: 9, report: again.report }),
    );
    expect(ahead).toMatchObject({ appCode: 'VERSION_CONFLICT' });
    expect(ahead.zhMessage).toMatch(/还没有第 9 版（当前为第 3 版）/);
  });

  it('delete: a draft never handed in goes with its versions; a report ever submitted stays', async () => {
    const c = await w.as.fillerA1.reports.create.mutate({ agencyId: w.ids.agencyA1, year: 2019 });
    expect(c.permissions.delete).toBe(true);
    const saved = await w.as.fillerA1.reports.save.mutate({
      id: c.id,
      expectedVersion: 1,
      report: fill(c.report),
    });
    // Only the agency's writer; nothing of another agency is even visible.
    expect((await failure(w.as.reviewerA.reports.delete.mutate({ id: c.id, expectedVersion: 2 }))).code).toBe(
      'FORBIDDEN',
    );
    expect((await failure(w.as.fillerB1.reports.delete.mutate({ id: c.id, expectedVersion: 2 }))).code).toBe(
      'NOT_FOUND',
    );
    // Not over a version the caller has not seen.
    expect(
      await failure(w.as.fillerA1.reports.delete.mutate({ id: c.id, expectedVersion: 1 })),
    ).toMatchObject({
      appCode: 'VERSION_CONFLICT',
    });
    await w.as.fillerA1.reports.delete.mutate({ id: c.id, expectedVersion: saved.version });
    expect((await failure(w.as.fillerA1.reports.get.query({ id: c.id }))).code).toBe('NOT_FOUND');
    expect(
      await w.ts.store.db
        .selectFrom('report_versions')
        .select('version')
        .where('report_id', '=', c.id)
        .execute(),
    ).toEqual([]);
    // The year is free again.
    const again = await w.as.fillerA1.reports.create.mutate({ agencyId: w.ids.agencyA1, year: 2019 });
    await w.as.fillerA1.reports.save.mutate({ id: again.id, expectedVersion: 1, report: fill(again.report) });
    await w.as.fillerA1.reports.submit.mutate({ id: again.id });
    await w.as.reviewerA.reports.return.mutate({ id: again.id, comment: '请补充' });
    const returned = await w.as.fillerA1.reports.get.query({ id: again.id });
    expect(returned.permissions.delete).toBe(false);
    expect(
      await failure(w.as.fillerA1.reports.delete.mutate({ id: again.id, expectedVersion: returned.version })),
    ).toMatchObject({ appCode: 'NOT_A_DRAFT' });
  });

  it('diff: cell by cell and text by text', async () => {
    const c = await w.as.fillerB1.reports.create.mutate({ agencyId: w.ids.agencyB1, year: 2024 });
    const base = fill(c.report);
    await w.as.fillerB1.reports.save.mutate({ id: c.id, expectedVersion: 1, report: base });
    let next = setCell(base, 'applications.granted.naturalPerson', 21);
    next = setCell(next, 'reviewLitigation.review.pending', null);
    next = {
      ...next,
      sections: { ...next.sections, problems: `${next.sections.problems}另外，网站栏目需调整。` },
    };
    await w.as.fillerB1.reports.save.mutate({ id: c.id, expectedVersion: 2, report: next });
    const d = await w.as.fillerB1.reports.diff.query({ id: c.id, from: 2, to: 3 });
    // The two cells edited, and the totals the server recomputed from them: 予以公开's total and
    // （七）总计 follow 21; 行政复议's total is blank once 尚未审结 is (blank is not zero).
    expect(d.cells.map((x) => x.cell).sort()).toEqual([
      'applications.granted.naturalPerson',
      'applications.granted.total',
      'applications.resultTotal.naturalPerson',
      'applications.resultTotal.total',
      'reviewLitigation.review.pending',
      'reviewLitigation.review.total',
    ]);
    const total = d.cells.find((x) => x.cell === 'applications.resultTotal.total')!;
    expect(total.after!.value).toBe(total.before!.value! + 1);
    expect(d.cells.find((x) => x.cell === 'reviewLitigation.review.total')!.after!.value).toBeNull();
    const granted = d.cells.find((x) => x.cell === 'applications.granted.naturalPerson')!;
    expect(granted.before!.value).toBe(20);
    expect(granted.after!.value).toBe(21);
    expect(granted.label).toMatch(/予以公开/);
    expect(d.cells.find((x) => x.cell === 'reviewLitigation.review.pending')!.after!.value).toBeNull();
    expect(d.texts).toHaveLength(1);
    expect(d.texts[0]).toMatchObject({ field: 'problems', label: '五、存在的主要问题及改进情况' });
    expect(
      d.texts[0]!.ops.filter((o) => o.op === 'insert')
        .map((o) => o.text)
        .join(''),
    ).toBe('另外，网站栏目需调整。');
    expect(d.texts[0]!.ops.some((o) => o.op === 'delete')).toBe(false);
    const all = await w.as.fillerB1.reports.diff.query({ id: c.id, from: 1, to: 3 });
    expect(all.cells.length).toBeGreaterThan(100);
    expect((await failure(w.as.fillerB1.reports.diff.query({ id: c.id, from: 1, to: 9 }))).code).toBe(
      'NOT_FOUND',
    );
  });

  it('list: filters by year, region, status and findings', async () => {
    const all = await w.as.admin.reports.list.query({});
    expect(all.total).toBeGreaterThanOrEqual(6);
    const y2025 = await w.as.admin.reports.list.query({ year: 2025 });
    expect(y2025.items.every((r) => r.year === 2025)).toBe(true);
    const regionB = await w.as.admin.reports.list.query({ regionId: w.ids.countyB });
    expect(regionB.items.map((r) => r.agencyName)).toEqual(['乙县教育局']);
    const published = await w.as.admin.reports.list.query({ status: 'published' });
    expect(published.items.map((r) => [r.agencyName, r.year])).toEqual([['甲镇人民政府', 2025]]);
    const withErrors = await w.as.admin.reports.list.query({ findings: 'errors' });
    expect(withErrors.items.length).toBeGreaterThan(0);
    expect(withErrors.items.every((r) => r.openFindings.error > 0)).toBe(true);
    const clean = await w.as.admin.reports.list.query({ findings: 'none' });
    expect(
      clean.items.every(
        (r) => r.openFindings.error + r.openFindings.warning + r.openFindings.crossYear === 0,
      ),
    ).toBe(true);
    const page = await w.as.admin.reports.list.query({ limit: 2, offset: 1 });
    expect(page.items).toHaveLength(2);
    expect(page.total).toBe(all.total);
  });
});
