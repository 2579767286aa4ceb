import { exampleReport, type Report, setCell } from '@nianbao/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_LABEL, failure, makeWorld, type World } from './test-support/harness.js';

/**
 * reports.published: the public view of a published report (the 更正公告 page links to it, no
 * login) — the published content, its publication date and its corrections with what they changed;
 * nothing about people or the workflow; a draft is as unknown as a report that does not exist.
 */

let w: World;
beforeAll(async () => {
  w = await makeWorld();
});
afterAll(async () => w?.cleanup());

const CELL = 'applications.newReceived.naturalPerson';
const SECRET_NOTE = '内部备注：请勿对外';
const SECRET_APPROVE = '审核意见：仅供内部';
const SECRET_TRIAGE = '研判说明：仅供内部';

const fill = (r: Report): Report => {
  const e = exampleReport({ year: r.meta.year, agency: r.meta.agency });
  const { publishedOn: _drop, ...meta } = e.meta;
  return setCell({ ...e, meta: { ...meta, agency: r.meta.agency } }, CELL, 12);
};

/** A report of 局A1 for `year` walked to 已通过 (saved with a note, a finding triaged, approved with a comment). */
async function approved(year: number): Promise<{ id: string; version: number }> {
  const f = w.as.fillerA1;
  const c = await f.reports.create.mutate({ agencyId: w.ids.agencyA1, year });
  const s = await f.reports.save.mutate({
    id: c.id,
    expectedVersion: 1,
    report: fill(c.report),
    note: SECRET_NOTE,
  });
  const found = await f.checks.validate.mutate({ id: c.id });
  const open = found.findings.find((x) => x.status === 'failed');
  expect(open, 'a finding to triage').toBeDefined();
  if (open)
    await f.checks.triage.mutate({
      id: c.id,
      findingKey: open.key,
      decision: 'confirmed',
      reason: SECRET_TRIAGE,
    });
  await f.reports.submit.mutate({ id: c.id, expectedVersion: s.version, comment: SECRET_NOTE });
  await w.as.reviewerA.reports.approve.mutate({
    id: c.id,
    expectedVersion: s.version,
    comment: SECRET_APPROVE,
  });
  return { id: c.id, version: s.version };
}

/** The raw JSON the public gets (a GET over app.request, no cookie). */
async function rawPublished(id: string): Promise<{ status: number; body: string }> {
  const res = await w.app.request(
    `http://local.test/trpc/reports.published?input=${encodeURIComponent(JSON.stringify({ id }))}`,
  );
  return { status: res.status, body: await res.text() };
}

describe(`reports.published: a published report for anyone (${DB_LABEL})`, () => {
  let draftId: string;
  let approvedId: string;
  let id: string;
  let publishedVersion: number;

  beforeAll(async () => {
    const d = await w.as.fillerA1.reports.create.mutate({ agencyId: w.ids.agencyA1, year: 2026 });
    draftId = d.id;
    approvedId = (await approved(2027)).id;
    const a = await approved(2028);
    id = a.id;
    const p = await w.as.reviewerA.reports.publish.mutate({ id, publishedOn: '2029-01-20' });
    publishedVersion = p.publishedVersion!;
  });

  it('a draft, an approved report and a report that does not exist are the same NOT_FOUND, in 简体中文', async () => {
    const errs = await Promise.all(
      [draftId, approvedId, 'no-such-report'].map((x) => failure(w.anon.reports.published.query({ id: x }))),
    );
    for (const e of errs) {
      expect(e).toMatchObject({ code: 'NOT_FOUND', appCode: 'NOT_FOUND', httpStatus: 404 });
      expect(e.zhMessage).toBe(errs[2]!.zhMessage);
      expect(e.zhMessage).toMatch(/尚未发布/);
      expect(Object.keys(e.details)).toEqual(['reportId']);
    }
    // Signed in as the agency's own 填报人 changes nothing: the public view shows published reports only.
    expect((await failure(w.as.fillerA1.reports.published.query({ id: draftId }))).code).toBe('NOT_FOUND');
    // The raw answers differ only by the id asked for.
    const a = await rawPublished(draftId);
    const b = await rawPublished('no-such-report');
    expect(a.status).toBe(404);
    expect(b.status).toBe(404);
    expect(a.body.replace(draftId, 'X')).toBe(b.body.replace('no-such-report', 'X'));
  });

  it('published: the content is the published version, with agency, year, edition and date; no corrections yet', async () => {
    const got = await w.anon.reports.published.query({ id });
    const v = await w.as.fillerA1.reports.version.query({ id, version: publishedVersion });
    expect(got).toMatchObject({
      id,
      agencyName: '甲县交通运输局',
      year: 2028,
      edition: v.report.meta.edition,
      version: publishedVersion,
      publishedOn: '2029-01-20',
      corrections: [],
    });
    expect(got.report).toEqual(v.report);
    expect(got.report.cells[CELL]?.value).toBe(12);
  });

  it('a later edit is refused while published: the public view stays as published', async () => {
    const before = await w.anon.reports.published.query({ id });
    const r = await w.as.fillerA1.reports.get.query({ id });
    const e = await failure(
      w.as.fillerA1.reports.save.mutate({
        id,
        expectedVersion: r.version,
        report: setCell(r.report, CELL, 99),
      }),
    );
    expect(e.appCode).toBe('REPORT_PUBLISHED');
    expect(await w.anon.reports.published.query({ id })).toEqual(before);
  });

  it('after a correction: the corrected content, and the correction with its reason and its changed cells and text', async () => {
    const r = await w.as.fillerA1.reports.get.query({ id });
    let next = setCell(r.report, CELL, 15);
    next = {
      ...next,
      sections: { ...next.sections, problems: `${next.sections.problems ?? ''}另补充一句。` },
    };
    const c = await w.as.fillerA1.reports.correct.mutate({
      id,
      expectedVersion: r.version,
      report: next,
      reason: '自然人申请数原误填为 12 件，应为 15 件',
    });
    const got = await w.anon.reports.published.query({ id });
    const v = await w.as.fillerA1.reports.version.query({ id, version: c.version });
    expect(got.version).toBe(c.version);
    expect(got.report).toEqual(v.report);
    expect(got.report.cells[CELL]?.value).toBe(15);
    expect(got.publishedOn).toBe('2029-01-20');
    expect(got.corrections).toHaveLength(1);
    const [k] = got.corrections;
    expect(k).toMatchObject({ version: c.version, reason: '自然人申请数原误填为 12 件，应为 15 件' });
    expect(k!.correctedAt).toBe(c.savedAt);
    // The same diff the signed-in 历史版本 shows (reports.diff), between the version before and the correction.
    const diff = await w.as.fillerA1.reports.diff.query({ id, from: c.version - 1, to: c.version });
    expect(k!.changes).toEqual({ cells: diff.cells, texts: diff.texts, meta: diff.meta });
    const cell = k!.changes.cells.find((x) => x.cell === CELL)!;
    expect(cell).toMatchObject({ before: { value: 12 }, after: { value: 15 } });
    expect(cell.label).toMatch(/^表三/);
    expect(k!.changes.texts.map((t) => t.field)).toEqual(['problems']);
    // Its files say they are corrected, and are named apart from the one published before (QA: the
    // Word file of the correction read and was named as the version published before).
    // the day in China, as Chinese text writes a date (not 2026-12-01)
    const [y, m, d] = new Date(Date.parse(c.savedAt) + 8 * 3_600_000)
      .toISOString()
      .slice(0, 10)
      .split('-')
      .map(Number);
    const said = `更正说明：本报告发布后经过1次更正，以下为更正后的内容。${y}年${m}月${d}日更正（第${c.version}版）：自然人申请数原误填为 12 件，应为 15 件。`;
    const md = await w.as.fillerA1.reports.get
      .query({ id })
      .then(() => w.as.fillerA1.export.report.query({ id, format: 'md' }));
    expect(md.content).toContain(said);
    expect(md.fileName).toMatch(/年度报告（更正版）\.md$/);
    const before = await w.as.fillerA1.export.report.query({ id, version: c.version - 1, format: 'md' });
    expect(before.content).not.toContain('更正说明');
    expect(before.fileName).toMatch(new RegExp(`（第${c.version - 1}版）\\.md$`));
    const html = await w.as.fillerA1.export.report.query({ id, format: 'html' });
    expect(html.content).toContain(said);
  });

  it('nothing private in the JSON: only public keys, no names, user ids, notes, comments or triage', async () => {
    const { status, body } = await rawPublished(id);
    expect(status).toBe(200);
    const data = (JSON.parse(body) as { result: { data: Record<string, unknown> } }).result.data;
    expect(Object.keys(data).sort()).toEqual(
      ['agencyName', 'corrections', 'edition', 'id', 'publishedOn', 'report', 'version', 'year'].sort(),
    );
    const corrections = data.corrections as Record<string, unknown>[];
    for (const c of corrections) {
      expect(Object.keys(c).sort()).toEqual(['changes', 'correctedAt', 'reason', 'version']);
      expect(Object.keys(c.changes as object).sort()).toEqual(['cells', 'meta', 'texts']);
    }
    expect(Object.keys(data.report as object).sort()).toEqual(
      Object.keys((await w.as.fillerA1.reports.get.query({ id })).report).sort(),
    );
    const users = await w.ts.store.db
      .selectFrom('users')
      .select(['id', 'username', 'display_name'])
      .execute();
    for (const u of users) {
      expect(body).not.toContain(u.id);
      expect(body).not.toContain(`"${u.username}"`);
      expect(body).not.toContain(`"${u.display_name}"`);
    }
    for (const secret of [SECRET_NOTE, SECRET_APPROVE, SECRET_TRIAGE]) expect(body).not.toContain(secret);
    for (const word of ['author', 'actor', 'note', 'triage', 'findings', 'comment', 'permissions', 'status'])
      expect(body).not.toContain(`"${word}`);
  });

  it('reports.corrections: every row names its report for anyone (a link), readable only for a reader', async () => {
    const anon = await w.anon.reports.corrections.query({ year: 2028 });
    expect(anon).toHaveLength(1);
    expect(Object.keys(anon[0]!).sort()).toEqual(
      [
        'agencyName',
        'contentHash',
        'correctedAt',
        'readable',
        'reason',
        'reportId',
        'version',
        'year',
      ].sort(),
    );
    expect(anon[0]).toMatchObject({ reportId: id, readable: false });
    expect((await w.as.fillerA1.reports.corrections.query({ year: 2028 }))[0]!.readable).toBe(true);
    expect((await w.as.fillerB1.reports.corrections.query({ year: 2028 }))[0]!.readable).toBe(false);
    // …and the report it names opens for the public.
    expect((await w.anon.reports.published.query({ id: anon[0]!.reportId })).version).toBe(anon[0]!.version);
  });

  it('property: each correction lists exactly the cells it changed, with the values before and after', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(
          fc.constantFrom(
            'applications.newReceived.naturalPerson',
            'applications.newReceived.commercialEnterprise',
            'activeDisclosure.regulations.made',
            'reviewLitigation.review.upheld',
          ),
          { minLength: 1, maxLength: 3 },
        ),
        fc.integer({ min: 1, max: 500 }),
        async (cells, bump) => {
          const r = await w.as.fillerA1.reports.get.query({ id });
          let next = r.report;
          const expected = new Map<string, [number | null, number]>();
          for (const cell of cells) {
            const was = r.report.cells[cell]?.value ?? null;
            const now = (was ?? 0) + bump;
            expected.set(cell, [was, now]);
            next = setCell(next, cell, now);
          }
          // Totals the server derives from them may change too; the cells changed are all there, as changed.
          const c = await w.as.fillerA1.reports.correct.mutate({
            id,
            expectedVersion: r.version,
            report: next,
            reason: `更正 ${cells.length} 处数字`,
          });
          const got = await w.anon.reports.published.query({ id });
          const k = got.corrections.at(-1)!;
          expect(k.version).toBe(c.version);
          expect(got.report).toEqual(
            (await w.as.fillerA1.reports.version.query({ id, version: c.version })).report,
          );
          const listed = new Map(k.changes.cells.map((x) => [x.cell, x]));
          for (const [cell, [was, now]] of expected) {
            expect(listed.get(cell)?.before?.value ?? null).toBe(was);
            expect(listed.get(cell)?.after?.value).toBe(now);
          }
        },
      ),
      { numRuns: 6 },
    );
  });
});
