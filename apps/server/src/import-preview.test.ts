import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { exampleReport, type Report } from '@nianbao/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_REPORT_TEXT } from './demo/seed-text.js';
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

const CELL = 'applications.newReceived.naturalPerson';

describe(`import.preview and kept diagnostics (${DB_LABEL})`, () => {
  it('preview reads the upload, returns report and typed diagnostics, saves nothing', async () => {
    const before = (await w.as.fillerA2.reports.list.query({})).total;
    const p = await w.as.fillerA2.import.preview.mutate({
      agencyId: w.ids.agencyA2,
      kind: 'text',
      content: Buffer.from(SEED_REPORT_TEXT).toString('base64'),
      encoding: 'base64',
      fileName: 'seed.txt',
    });
    expect(p).toMatchObject({ year: 2020, edition: '2019-trial' });
    expect(p.report.meta.agency).toMatchObject({ id: w.ids.agencyA2, name: '甲镇人民政府' });
    // Typed: the ingest diagnostics, not unknown.
    const d = p.diagnostics;
    expect(d.summary.cellsFound).toBeGreaterThan(150);
    expect(d.edition.value).toBe('2019-trial');
    expect(d.cells[CELL]).toMatchObject({ cell: CELL, method: expect.any(String) });
    expect(Array.isArray(d.issues)).toBe(true);
    expect((await w.as.fillerA2.reports.list.query({})).total).toBe(before);
    expect(await w.as.fillerA2.reports.find.query({ agencyId: w.ids.agencyA2, year: 2020 })).toBeNull();
  });

  it('a text upload in GB18030 (as many government sites serve it) reads as its UTF-8 twin', async () => {
    // SEED_REPORT_TEXT as GB18030 (the CLI's fixture: the same text, encoded by Python's codec).
    const bytes = readFileSync(join(import.meta.dirname, '../../tui/fixtures/seed-2020.gb18030.txt'));
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow(); // really not UTF-8
    const read = (content: Buffer) =>
      w.as.fillerA2.import.preview.mutate({
        agencyId: w.ids.agencyA2,
        kind: 'text',
        content: content.toString('base64'),
        encoding: 'base64',
        fileName: 'seed.txt',
      });
    const [fromGb, fromUtf8] = [await read(bytes), await read(Buffer.from(SEED_REPORT_TEXT))];
    expect(fromGb.report).toEqual(fromUtf8.report);
    expect(fromGb.report.preamble ?? fromGb.report.sections.overview).toMatch(/坑仔口镇/);
  });

  it('preview: same access and errors as upload', async () => {
    const junk = await failure(
      w.as.fillerB1.import.preview.mutate({
        agencyId: w.ids.agencyB1,
        kind: 'pdf',
        content: Buffer.from('not a pdf').toString('base64'),
        encoding: 'base64',
      }),
    );
    expect(junk).toMatchObject({ code: 'BAD_REQUEST', appCode: 'IMPORT_FAILED' });
    // A picture sent as a PDF: told what it is and that it is no PDF — not that it was 「按纯文本读取」
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.alloc(64, 1),
    ]);
    const picture = await failure(
      w.as.fillerB1.import.preview.mutate({
        agencyId: w.ids.agencyB1,
        kind: 'pdf',
        content: png.toString('base64'),
        encoding: 'base64',
      }),
    );
    expect(picture.appCode).toBe('IMPORT_FAILED');
    expect(picture.zhMessage).toMatch(/这是图片文件.*（上传时选择的类型是PDF，但文件并不是PDF）$/);
    expect(picture.zhMessage).not.toMatch(/纯文本/);
    expect(
      (
        await failure(
          w.as.fillerB1.import.preview.mutate({ agencyId: w.ids.agencyA1, kind: 'text', content: 'x' }),
        )
      ).code,
    ).toBe('NOT_FOUND');
    // A 审核人 may preview for an agency under their node (nothing is saved); storing it needs write rights.
    const reviewed = await w.as.reviewerB.import.preview.mutate({
      agencyId: w.ids.agencyB1,
      kind: 'text',
      content: SEED_REPORT_TEXT,
    });
    expect(reviewed.report.meta.agency.id).toBe(w.ids.agencyB1);
    expect(
      (
        await failure(
          w.as.reviewerB.import.upload.mutate({
            agencyId: w.ids.agencyB1,
            kind: 'text',
            content: SEED_REPORT_TEXT,
          }),
        )
      ).appCode,
    ).toBe('FORBIDDEN_WRITE');
    expect(
      (await failure(w.anon.import.preview.mutate({ agencyId: w.ids.agencyB1, kind: 'text', content: 'x' })))
        .code,
    ).toBe('UNAUTHORIZED');
  });

  it('upload with the corrected report stores it, and the diagnostics are kept with the version', async () => {
    const p = await w.as.fillerA2.import.preview.mutate({
      agencyId: w.ids.agencyA2,
      kind: 'text',
      content: SEED_REPORT_TEXT,
    });
    const corrected: Report = {
      ...p.report,
      cells: { ...p.report.cells, [CELL]: { ...p.report.cells[CELL]!, value: 7 } },
    };
    const up = await w.as.fillerA2.import.upload.mutate({
      agencyId: w.ids.agencyA2,
      kind: 'text',
      content: SEED_REPORT_TEXT,
      fileName: 'seed.txt',
      report: corrected,
    });
    expect(up.version).toBe(1);
    const got = await w.as.fillerA2.reports.get.query({ id: up.reportId });
    expect(got.report.cells[CELL]!.value).toBe(7);
    expect(got.report.meta.agency.id).toBe(w.ids.agencyA2);

    const kept = await w.as.fillerA2.import.diagnostics.query({ id: up.reportId, version: 1 });
    expect(kept).toEqual(p.diagnostics);
    expect(kept?.cells[CELL]?.value).toBe(p.report.cells[CELL]!.value);
    // Same access as reading the report: the reviewer of the county, the admin; nobody else.
    expect(await w.as.reviewerA.import.diagnostics.query({ id: up.reportId, version: 1 })).toEqual(kept);
    expect(await w.as.admin.import.diagnostics.query({ id: up.reportId, version: 1 })).toEqual(kept);
    for (const c of [w.as.fillerA1, w.as.reviewerB])
      expect((await failure(c.import.diagnostics.query({ id: up.reportId, version: 1 }))).code).toBe(
        'NOT_FOUND',
      );
    expect((await failure(w.anon.import.diagnostics.query({ id: up.reportId, version: 1 }))).code).toBe(
      'UNAUTHORIZED',
    );
    expect(
      (await failure(w.as.fillerA2.import.diagnostics.query({ id: up.reportId, version: 9 }))).code,
    ).toBe('NOT_FOUND');

    // A save is not an import: null. An import as a new version keeps its own diagnostics.
    const saved = await w.as.fillerA2.reports.save.mutate({
      id: up.reportId,
      expectedVersion: 1,
      report: got.report,
      // The same content: only a note makes it a version of its own (without one, nothing is stored).
      note: '核对后保存',
    });
    expect(saved.version).toBe(2);
    expect(await w.as.fillerA2.import.diagnostics.query({ id: up.reportId, version: 2 })).toBeNull();
    const again = await w.as.fillerA2.import.upload.mutate({
      agencyId: w.ids.agencyA2,
      kind: 'text',
      content: SEED_REPORT_TEXT,
      expectedVersion: 2,
    });
    expect(again.version).toBe(3);
    const third = await w.as.fillerA2.import.diagnostics.query({ id: up.reportId, version: 3 });
    expect(third?.summary).toEqual(again.diagnostics.summary);
    expect((await w.as.fillerA2.reports.get.query({ id: up.reportId })).report.cells[CELL]!.value).toBe(
      p.report.cells[CELL]!.value,
    );
  });

  it('a report created by hand has no import diagnostics; an invalid corrected report is refused', async () => {
    const c = await w.as.fillerA1.reports.create.mutate({ agencyId: w.ids.agencyA1, year: 2022 });
    expect(await w.as.fillerA1.import.diagnostics.query({ id: c.id, version: 1 })).toBeNull();
    const p = await w.as.fillerB1.import.preview.mutate({
      agencyId: w.ids.agencyB1,
      kind: 'text',
      content: SEED_REPORT_TEXT,
    });
    const bad = await failure(
      w.as.fillerB1.import.upload.mutate({
        agencyId: w.ids.agencyB1,
        kind: 'text',
        content: SEED_REPORT_TEXT,
        report: { ...p.report, cells: { ...p.report.cells, [CELL]: { value: 'x' } } } as unknown as Report,
      }),
    );
    expect(bad.code).toBe('BAD_REQUEST');
    expect(await w.as.fillerB1.reports.find.query({ agencyId: w.ids.agencyB1, year: 2020 })).toBeNull();
  });
});

describe(`export.region (${DB_LABEL})`, () => {
  it('the roll-up of a region in every render format, reviewer/admin only', async () => {
    const year = 2024;
    const ids: string[] = [];
    for (const [c, agencyId, scale] of [
      [w.as.fillerA1, w.ids.agencyA1, 1],
      [w.as.fillerA2, w.ids.agencyA2, 2],
    ] as const) {
      const r = await c.reports.create.mutate({ agencyId, year });
      await c.reports.save.mutate({ id: r.id, expectedVersion: 1, report: example(r.report, scale) });
      ids.push(r.id);
    }
    // Drafts only: nothing handed in yet, by default nothing to sum.
    const none = await failure(
      w.as.reviewerA.export.region.query({ regionId: w.ids.countyA, year, format: 'json' }),
    );
    expect(none).toMatchObject({ code: 'NOT_FOUND', appCode: 'NOTHING_TO_AGGREGATE' });
    await w.as.fillerA1.reports.submit.mutate({ id: ids[0]! });
    await w.as.fillerA2.reports.submit.mutate({ id: ids[1]! });

    const summary = await w.as.reviewerA.summary.region.query({
      regionId: w.ids.countyA,
      year,
      statuses: ['submitted', 'approved', 'published'],
    });
    const json = await w.as.reviewerA.export.region.query({ regionId: w.ids.countyA, year, format: 'json' });
    expect(json).toMatchObject({ encoding: 'utf8', mime: 'application/json', reports: 2 });
    expect(json.fileName).toBe(`甲县人民政府${year}年政府信息公开工作年度报告汇总.json`);
    const rows = JSON.parse(json.content) as { cell_id: string; value: number | null }[];
    const granted = rows.find((r) => r.cell_id === 'applications.granted.naturalPerson');
    expect(granted?.value).toBe(summary.report.cells['applications.granted.naturalPerson']!.value);
    expect(granted?.value).toBe(60);

    for (const format of ['docx', 'xlsx'] as const) {
      const out = await w.as.admin.export.region.query({ regionId: w.ids.countyA, year, format });
      expect(out.encoding).toBe('base64');
      expect(Buffer.from(out.content, 'base64').subarray(0, 2).toString('latin1')).toBe('PK');
      expect(out.fileName.endsWith(`.${format}`)).toBe(true);
    }
    for (const format of ['html', 'md', 'csv'] as const) {
      const out = await w.as.reviewerA.export.region.query({ regionId: w.ids.countyA, year, format });
      expect(out.encoding).toBe('utf8');
      expect(out.content).toContain('甲县人民政府');
    }
    // The province (admin) sums the same two reports; explicit statuses narrow it.
    const province = await w.as.admin.export.region.query({ regionId: w.ids.province, year, format: 'json' });
    expect(province.reports).toBe(2);
    expect(
      (
        await failure(
          w.as.admin.export.region.query({
            regionId: w.ids.countyA,
            year,
            format: 'json',
            statuses: ['published'],
          }),
        )
      ).appCode,
    ).toBe('NOTHING_TO_AGGREGATE');
    const drafts = await w.as.admin.export.region.query({
      regionId: w.ids.countyA,
      year,
      format: 'csv',
      statuses: ['submitted'],
    });
    expect(drafts.reports).toBe(2);

    // Access: another county's reviewer does not see the node; a 填报人 may not export a roll-up.
    expect(
      (await failure(w.as.reviewerB.export.region.query({ regionId: w.ids.countyA, year, format: 'docx' })))
        .code,
    ).toBe('NOT_FOUND');
    expect(
      (await failure(w.as.fillerA1.export.region.query({ regionId: w.ids.agencyA1, year, format: 'docx' })))
        .code,
    ).toBe('FORBIDDEN');
    expect(
      (await failure(w.anon.export.region.query({ regionId: w.ids.countyA, year, format: 'docx' }))).code,
    ).toBe('UNAUTHORIZED');
    const badFormat = await failure(
      w.as.reviewerA.export.region.query({
        regionId: w.ids.countyA,
        year,
        format: 'pdf' as 'docx',
      }),
    );
    expect(badFormat.code).toBe('BAD_REQUEST');
  });
});

describe(`new procedures over app.request (${DB_LABEL})`, () => {
  it('export.region answers a plain GET with the session cookie', async () => {
    const cookie = [...w.as.reviewerA.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const input = encodeURIComponent(JSON.stringify({ regionId: w.ids.countyA, year: 2024, format: 'md' }));
    const res = await w.app.request(`/trpc/export.region?input=${input}`, { headers: { cookie } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { result: { data: { content: string; mime: string } } };
    expect(body.result.data.mime).toMatch(/markdown/);
    expect(body.result.data.content).toContain('甲县人民政府');
  });
});
