import { createHash } from 'node:crypto';
import { exampleReport, parseReport, type Report } from '@nianbao/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from './store.js';
import { readStoredReport, storedRepairs } from './stored-content.js';
import { DB_LABEL, failure, makeWorld, type World } from './test-support/harness.js';

/**
 * Versions stored by an earlier release, before core's parseReport refused what they hold: a
 * control character and a bidi override in 正文 (releases before b0e5365 saved them), a unit on a
 * count cell (the same), a number beyond ±(2^53 − 1) (before 9e0ace9). Written straight into the
 * current schema, as an upgraded database holds them: reading must never fail, a new save stays strict.
 */

const COUNT = 'applications.newReceived.naturalPerson';
const MONEY = 'activeDisclosure.adminFees.feeAmount';
const BIG = 'activeDisclosure.licensing.decisions';
/** Whether a text holds a control character (not a line break or tab) or a bidi control. */
const hidden = (s: string | null | undefined) =>
  [...(s ?? '')].some((ch) => {
    const c = ch.codePointAt(0)!;
    return (
      c < 9 || (c > 13 && c < 32) || c === 127 || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)
    );
  });
/** The same, of any JSON answer (JSON.stringify writes U+0007 as \u0007). */
const hiddenIn = (v: unknown) => {
  const j = JSON.stringify(v);
  return hidden(j) || /\\u00(?:0[0-8]|0[ef]|1[0-9a-f]|7f)/i.test(j);
};

function legacy(r: Report): Report {
  const out = structuredClone(r) as Report;
  out.preamble = `\u001B[0m${out.preamble ?? ''}`;
  out.sections = {
    ...out.sections,
    overview: `${out.sections.overview ?? ''}\n本段含响铃符\u0007和方向控制符\u202E倒序文字\u202C。`,
  };
  out.cells[COUNT] = { value: 12, unit: '万元' };
  out.cells[BIG] = { value: 2 ** 60, raw: String(2 ** 60) };
  return out;
}

let w: World;
let id: string;
let clean: number; // the version saved through today's API
let old: number; // the version an earlier release stored
beforeAll(async () => {
  w = await makeWorld();
  const c = w.as.fillerA1;
  const created = await c.reports.create.mutate({ agencyId: w.ids.agencyA1, year: 2023 });
  const e = exampleReport({ year: 2023, agency: created.report.meta.agency });
  const filled = { ...e, meta: { ...e.meta, agency: created.report.meta.agency } };
  const saved = await c.reports.save.mutate({ id: created.id, expectedVersion: 1, report: filled });
  await c.reports.submit.mutate({ id: created.id, expectedVersion: saved.version });
  await w.as.reviewerA.reports.approve.mutate({ id: created.id, expectedVersion: saved.version });
  await w.as.reviewerA.reports.publish.mutate({ id: created.id, expectedVersion: saved.version });
  id = created.id;
  clean = saved.version;
  old = clean + 1;
  // A correction an earlier release stored: its row as that release wrote it.
  const got = await c.reports.get.query({ id });
  const content = JSON.stringify(legacy(got.report));
  const db = w.ts.store.db;
  const user = await db
    .selectFrom('users')
    .select('id')
    .where('username', '=', 'fillerA1')
    .executeTakeFirst();
  const at = new Date().toISOString();
  await db
    .insertInto('report_versions')
    .values({
      report_id: id,
      version: old,
      content,
      content_hash: createHash('sha256').update(content).digest('hex'),
      author_id: user!.id,
      created_at: at,
      note: '更正：旧版本保存',
      kind: 'correction' as const,
      reason: '更正：旧版本保存',
      status: 'published' as const,
    })
    .execute();
  await db
    .updateTable('reports')
    .set({ current_version: old, published_version: old, counts_version: null, updated_at: at })
    .where('id', '=', id)
    .execute();
});
afterAll(async () => w?.cleanup());

describe(`a version stored before today's rules still reads (${DB_LABEL})`, () => {
  it('reports.get repairs it on read and says what it changed, no number changed silently', async () => {
    const got = await w.as.fillerA1.reports.get.query({ id });
    expect(got.reportVersion).toBe(old);
    expect(hidden(got.report.preamble)).toBe(false);
    expect(got.report.sections.overview).toContain('本段含响铃符和方向控制符倒序文字。');
    expect(got.report.cells[COUNT]).toEqual({ value: 12 });
    expect(got.report.cells[BIG]).toEqual({ value: null });
    expect(parseReport(got.report).ok).toBe(true);
    const byCode = Object.fromEntries(got.readRepairs.map((r) => [r.path, r]));
    expect(byCode.preamble?.code).toBe('STORED_CHARS_REMOVED');
    expect(byCode['sections.overview']?.message).toMatch(/删去/);
    expect(byCode[`cells.${COUNT}.unit`]?.message).toMatch(/「万元」.*数值 12 不变/);
    expect(byCode[`cells.${BIG}.value`]?.message).toContain(String(2 ** 60));
    expect(byCode[`cells.${BIG}.value`]?.message).toMatch(/重新填写/);
  });

  it('exports in every format (the published report of an office), naming the repairs', async () => {
    for (const format of ['docx', 'html', 'md', 'xlsx', 'csv', 'json'] as const) {
      const out = await w.as.fillerA1.export.report.query({ id, format });
      expect(out.content.length, format).toBeGreaterThan(0);
      expect(out.readRepairs.map((r) => r.code).sort(), format).toEqual([
        'STORED_CHARS_REMOVED',
        'STORED_CHARS_REMOVED',
        'STORED_NUMBER_UNSAFE',
        'STORED_UNIT_DROPPED',
      ]);
      if (out.encoding === 'utf8') expect(hidden(out.content), format).toBe(false);
    }
    const md = await w.as.fillerA1.export.report.query({ id, format: 'md' });
    expect(md.content).toContain('本段含响铃符和方向控制符倒序文字');
    // the version before it, saved by today's rules, is read as stored
    const before = await w.as.fillerA1.export.report.query({ id, version: clean, format: 'md' });
    expect(before.readRepairs).toEqual([]);
  });

  it('validates, lists its history, shows the version, compares it and shows it to the public', async () => {
    const c = w.as.fillerA1;
    const v = await c.checks.validate.mutate({ id });
    expect(Array.isArray(v.findings)).toBe(true);
    // The findings are of the content as read: what reading changed is said, as reports.get says it.
    expect(v.readRepairs).toEqual((await c.reports.get.query({ id })).readRepairs);
    expect(v.readRepairs.map((r) => r.code).sort()).toEqual([
      'STORED_CHARS_REMOVED',
      'STORED_CHARS_REMOVED',
      'STORED_NUMBER_UNSAFE',
      'STORED_UNIT_DROPPED',
    ]);
    expect((await c.checks.validate.mutate({ id, version: clean })).readRepairs).toEqual([]);
    const sent = await c.checks.validate.mutate({ report: (await c.reports.get.query({ id })).report });
    expect(sent.readRepairs).toEqual([]);
    const h = await c.reports.history.query({ id });
    expect(h.versions.map((x) => x.version)).toContain(old);
    const one = await c.reports.version.query({ id, version: old });
    expect(hidden(one.report.sections.overview)).toBe(false);
    expect(one.readRepairs.length).toBe(4);
    const d = await c.reports.diff.query({ id, from: clean, to: old });
    expect(hiddenIn(d)).toBe(false);
    const pub = await w.anon.reports.published.query({ id });
    expect(pub.version).toBe(old);
    expect(hiddenIn(pub.report)).toBe(false);
    const log = await w.anon.reports.corrections.query({});
    expect(hiddenIn(log)).toBe(false);
    await c.summary.report.query({ id });
  });

  it('a new correction is still checked strictly; the repaired content corrects it', async () => {
    const c = w.as.fillerA1;
    const got = await c.reports.get.query({ id });
    const bad = structuredClone(got.report) as Report;
    bad.sections.overview = `${bad.sections.overview}\u0007`;
    const refused = await failure(
      c.reports.correct.mutate({ id, expectedVersion: old, report: bad, reason: '更正：再次核对' }),
    );
    expect(refused.message).toMatch(/不能保存/);
    const fixed = structuredClone(got.report) as Report;
    fixed.cells[BIG] = { value: 3 };
    const ok = await c.reports.correct.mutate({
      id,
      expectedVersion: old,
      report: fixed,
      reason: '更正：删去控制字符，核对数值',
    });
    const after = await c.reports.get.query({ id });
    expect(after.reportVersion).toBe(ok.version);
    expect(after.readRepairs).toEqual([]);
    expect(after.report.cells[BIG]?.value).toBe(3);
  });
});

/** A draft of `agencyId` whose latest version is `legacy(filled)`, written as an earlier release wrote it. */
async function storedDraft(
  c: World['as']['fillerB1'],
  username: string,
  agencyId: string,
  year: number,
  change: (r: Report) => void,
) {
  const created = await c.reports.create.mutate({ agencyId, year });
  const e = exampleReport({ year, agency: created.report.meta.agency });
  const filled = { ...e, meta: { ...e.meta, agency: created.report.meta.agency } };
  const saved = await c.reports.save.mutate({ id: created.id, expectedVersion: 1, report: filled });
  const old = structuredClone(filled) as Report;
  change(old);
  const content = JSON.stringify(old);
  const db = w.ts.store.db;
  const user = await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
  const at = new Date().toISOString();
  const version = saved.version + 1;
  await db
    .insertInto('report_versions')
    .values({
      report_id: created.id,
      version,
      content,
      content_hash: createHash('sha256').update(content).digest('hex'),
      author_id: user!.id,
      created_at: at,
      note: null,
      kind: 'save' as const,
      reason: null,
      status: 'draft' as const,
    })
    .execute();
  await db
    .updateTable('reports')
    .set({ current_version: version, counts_version: null, updated_at: at })
    .where('id', '=', created.id)
    .execute();
  return { id: created.id, version };
}

describe(`what else an earlier release stored reads (${DB_LABEL})`, () => {
  it('a raw text that contradicts its value is dropped on read, as on save, and said — open data no longer carries it', async () => {
    const c = w.as.fillerB1;
    const { id } = await storedDraft(c, 'fillerB1', w.ids.agencyB1, 2022, (r) => {
      r.cells['applications.newReceived.commercialEnterprise'] = { value: 13, raw: '12件' };
      // 「12件」 typed into a count: a client of an earlier release stored it as text beside a blank
      r.cells['activeDisclosure.regulations.made'] = { value: null, raw: '１２件' };
    });
    const got = await c.reports.get.query({ id });
    expect(got.report.cells['applications.newReceived.commercialEnterprise']).toEqual({ value: 13 });
    expect(got.report.cells['activeDisclosure.regulations.made']).toEqual({ value: 12, raw: '１２件' });
    expect(got.readRepairs.map((r) => r.code).sort()).toEqual(['RAW_DROPPED', 'STORED_RAW_READ']);
    const byCode = Object.fromEntries(got.readRepairs.map((r) => [r.code, r.message]));
    expect(byCode.RAW_DROPPED).toMatch(/「12件」读作 12，与数值 13 不符/);
    expect(byCode.STORED_RAW_READ).toMatch(/空白、原文为「１２件」，读取时按 12 计/);
    const csv = await c.export.report.query({ id, format: 'csv' });
    expect(csv.content).not.toContain('12件');
    expect(csv.content).toContain('１２件'); // the count read as 12 keeps its text
    // the region's open-data file streamed (GET /export/opendata) reads it the same way
    const cookie = [...w.as.admin.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await w.app.request(
      `/export/opendata?regionId=${w.ids.countyB}&year=2022&format=csv&statuses=draft`,
      { headers: { cookie } },
    );
    expect(res.status).toBe(200);
    const file = await res.text();
    expect(file).toContain('１２件');
    expect(file).not.toContain('12件');
  });

  it('a text longer than today’s limit opens whole, and its file holds the first 200,000 characters, said', async () => {
    const c = w.as.fillerB1;
    const long = '重复粘贴的全文。'.repeat(26_000); // 208,000 characters: cdf909c saved it
    const { id, version } = await storedDraft(c, 'fillerB1', w.ids.agencyB1, 2021, (r) => {
      r.sections.other = long;
    });
    const got = await c.reports.get.query({ id });
    expect(got.report.sections.other).toBe(long);
    expect(got.readRepairs).toMatchObject([{ code: 'STORED_TEXT_TOO_LONG', path: 'sections.other' }]);
    expect(got.readRepairs[0]!.message).toMatch(/208,000 字.*上限 200,000 字/);
    for (const format of ['md', 'docx', 'html', 'xlsx'] as const) {
      const out = await c.export.report.query({ id, format });
      expect(
        out.readRepairs.map((r) => r.code),
        format,
      ).toEqual(['STORED_TEXT_TOO_LONG', 'EXPORT_TEXT_CUT']);
    }
    const md = await c.export.report.query({ id, format: 'md' });
    expect(md.content).toContain('重复粘贴的全文。');
    expect(md.content.length).toBeLessThan(long.length);
    expect((await c.reports.version.query({ id, version })).report.sections.other).toBe(long);
    await c.checks.validate.mutate({ id });
    // a new save of it is refused, naming the part
    const refused = await failure(
      c.reports.save.mutate({ id, expectedVersion: version, report: got.report }),
    );
    expect(refused.message).toMatch(/文字过长/);
  });
});

describe(`a triage decision stored before today's snapshots still holds (${DB_LABEL})`, () => {
  it('a cross-year decision kept without the figures compared (before e862e9e) stays dismissed until its cells change', async () => {
    const c = w.as.fillerA2;
    const mk = async (year: number) => {
      const created = await c.reports.create.mutate({ agencyId: w.ids.agencyA2, year });
      const e = exampleReport({ year, agency: created.report.meta.agency });
      const report = { ...e, meta: { ...e.meta, agency: created.report.meta.agency } };
      const s = await c.reports.save.mutate({ id: created.id, expectedVersion: 1, report });
      return { id: created.id, version: s.version, report };
    };
    await mk(2022);
    const cur = await mk(2023);
    const x1 = (await c.checks.validate.mutate({ id: cur.id })).findings.find(
      (f) => f.ruleId === 'X1' && f.status === 'failed',
    )!;
    expect(x1).toBeDefined();
    // the row as releases before e862e9e wrote it: this report's cells, no figures compared
    const cells = Object.fromEntries(
      x1.cells.map((id) => [id, [cur.report.cells[id]?.value ?? null, cur.report.cells[id]?.unit ?? null]]),
    );
    const db = w.ts.store.db;
    const user = await db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'fillerA2')
      .executeTakeFirst();
    await db
      .insertInto('triage')
      .values({
        report_id: cur.id,
        finding_key: x1.key,
        rule_id: 'X1',
        decision: 'dismissed',
        reason: '上年数据另行核实（旧版本）',
        snapshot: canonicalJson({ cells }),
        actor_id: user!.id,
        version: cur.version,
        decided_at: new Date().toISOString(),
      })
      .execute();
    const after = (await c.checks.validate.mutate({ id: cur.id })).findings.find((f) => f.key === x1.key)!;
    expect(after.triage).toMatchObject({ decision: 'dismissed', state: 'active' });
    // a change of a cell it looked at still reopens it
    const changed = structuredClone(cur.report) as Report;
    const id = x1.cells[0]!;
    changed.cells[id] = { value: (changed.cells[id]?.value ?? 0) + 7 };
    const saved = await c.reports.save.mutate({ id: cur.id, expectedVersion: cur.version, report: changed });
    const reopened = (await c.checks.validate.mutate({ id: cur.id, version: saved.version })).findings.find(
      (f) => f.key === x1.key,
    );
    if (reopened?.triage) expect(reopened.triage.state).toBe('reopened');
  });
});

describe('readStoredReport', () => {
  const base = exampleReport({ year: 2023 });
  const refused = fc.constantFrom(
    '\u0001',
    '\u0007',
    '\u001B',
    '\u007F',
    '\u202A',
    '\u202E',
    '\u2066',
    '\u2069',
  );
  const text = fc
    .array(fc.oneof(fc.constantFrom('年', '报', '告', 'a', '1', ' ', '\n'), refused), { maxLength: 40 })
    .map((a) => a.join(''));

  it('reads anything an earlier release stored into a report parseReport accepts, every safe number kept', () => {
    fc.assert(
      fc.property(
        text,
        text,
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.constantFrom('元', '万元', 'unknown'),
        (pre, overview, n, unit) => {
          const stored = structuredClone(base) as Report;
          stored.preamble = pre;
          stored.sections = { ...stored.sections, overview };
          stored.cells[COUNT] = { value: n, unit: unit as '万元' };
          const read = readStoredReport(JSON.stringify(stored));
          expect(parseReport(read).ok).toBe(true);
          expect(read.cells[COUNT]?.value).toBe(n);
          for (const [k, c] of Object.entries(stored.cells))
            if (k !== COUNT) expect(read.cells[k]?.value).toBe(c.value);
          expect(storedRepairs(read).some((r) => r.code === 'STORED_UNIT_DROPPED')).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('reads a blank count stored with a plain number as its text as that number, said; anything else stays blank', () => {
    const id = 'activeDisclosure.regulations.made';
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.constantFrom('', '件', ' 件', '项', '人'),
        (n, word) => {
          const stored = structuredClone(base) as Report;
          stored.cells[id] = { value: null, raw: `${n}${word}` };
          const read = readStoredReport(JSON.stringify(stored));
          expect(read.cells[id]?.value).toBe(n);
          expect(storedRepairs(read).map((r) => r.code)).toEqual(['STORED_RAW_READ']);
        },
      ),
      { numRuns: 40 },
    );
    for (const raw of ['—', '约12件', '12万元', '1.5', '12件左右']) {
      const stored = structuredClone(base) as Report;
      stored.cells[id] = { value: null, raw };
      expect(readStoredReport(JSON.stringify(stored)).cells[id]?.value, raw).toBeNull();
    }
  });

  it('returns content today’s rules accept as stored, with no repairs', () => {
    const read = readStoredReport(JSON.stringify(base));
    expect(read).toEqual(base);
    expect(storedRepairs(read)).toEqual([]);
    // a money cell keeps its unit
    const money = structuredClone(base) as Report;
    money.cells[MONEY] = { value: 1.5, unit: '万元' };
    expect(readStoredReport(JSON.stringify(money)).cells[MONEY]).toEqual(money.cells[MONEY]);
  });
});
