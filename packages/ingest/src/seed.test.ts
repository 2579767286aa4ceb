import { listCells, ReportSchema, validate } from '@nianbao/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingest } from './index.js';
import { fixtureText, SEED } from './test-support/fixtures.js';
import type { IngestResult } from './types.js';

describe('the seed (坑仔口镇 2020, PDF-to-text with dropped cells)', { timeout: 60_000 }, () => {
  let r: IngestResult;
  beforeAll(async () => {
    r = await ingest(fixtureText(SEED));
  });

  it('detects kind, edition, year, agency and title, saying why', () => {
    const d = r.diagnostics;
    expect(d.kind.value).toBe('text');
    expect(r.report.meta.edition).toBe('2019-trial');
    expect(d.edition.reason).toContain('2020');
    expect(d.edition.evidence.length).toBeGreaterThan(0);
    expect(r.report.meta.year).toBe(2020);
    expect(d.year.reason).toContain('标题');
    expect(r.report.meta.agency.name).toBe('坑仔口镇人民政府');
    expect(r.report.meta.agency.kind).toBe('人民政府');
    expect(r.report.meta.title).toBe('坑仔口镇人民政府2020年政府信息公开工作年度报告');
  });

  it('reads all 198 cells of the 2019-trial edition, every one 0', () => {
    const defs = listCells('2019-trial');
    expect(defs).toHaveLength(198);
    for (const def of defs) {
      expect(r.report.cells[def.id], def.id).toBeDefined();
      expect(r.report.cells[def.id]!.value, def.id).toBe(0);
    }
    expect(Object.keys(r.report.cells)).toHaveLength(198);
    expect(r.diagnostics.summary).toMatchObject({
      cellsFound: 198,
      cellsMissing: 0,
      tablesFound: 3,
      sectionsFound: 6,
    });
    expect(() => ReportSchema.parse(r.report)).not.toThrow();
  });

  it('reports the rows where extraction dropped a cell as repaired, and marks those cells inferred', () => {
    const repairs = r.diagnostics.issues.filter((i) => i.code === 'CELL_INFERRED');
    const rows = repairs.map((i) => i.details?.row);
    expect(rows).toEqual([
      'newReceived',
      'carriedOver',
      'granted',
      'partiallyGranted',
      'denied_stateSecret',
      'denied_lawProhibited',
      'denied_threeSecurityOneStability',
      'denied_thirdPartyRights',
    ]);
    for (const i of repairs) {
      expect(i.severity).toBe('warning');
      expect(i.message).toMatch(/推算补齐/);
      for (const id of i.cells ?? []) {
        expect(r.report.cells[id]!.origin).toBe('inferred');
        expect(r.diagnostics.cells[id]!.method).toBe('inferred');
        expect(r.diagnostics.cells[id]!.confidence).toBe('low');
        expect(r.diagnostics.cells[id]!.raw).toBeUndefined();
      }
    }
    // rows 5.–8. of （三） print all seven numbers: nothing inferred there
    expect(r.report.cells['applications.denied_internalAffairs.total']!.origin).toBe('imported');
    const inferred = Object.values(r.report.cells).filter((c) => c.origin === 'inferred');
    expect(inferred).toHaveLength(8);
  });

  it('says where each number came from (line and column of the text)', () => {
    const text = fixtureText(SEED).split('\n');
    const src = r.diagnostics.cells['activeDisclosure.normativeDocs.newlyMade']!;
    expect(src.where?.line).toBeDefined();
    expect(text[src.where!.line! - 1]).toMatch(/^规范性文件\t0\t0\t0/);
    expect(text[src.where!.line! - 1]!.slice(src.where!.column! - 1)).toMatch(/^0/);
    expect(src).toMatchObject({ value: 0, raw: '0', method: 'direct', confidence: 'high' });
    const t4 = r.diagnostics.cells['reviewLitigation.litigationAfterReview.total']!;
    expect(text[t4.where!.line! - 1]).toMatch(/^0\t0\t0/);
  });

  it('keeps the six sections, joining a sentence broken by a page break', () => {
    const s = r.report.sections;
    expect(s.overview).toMatch(/^2020 年，我镇政府信息公开工作/);
    expect(s.overview).toContain('在永春县人民政府公众信息网开设坑仔口镇政府信息公开专栏');
    expect(s.overview).toContain('（五）在监督保障方面');
    expect(s.activeDisclosure).toBe('');
    expect(s.applications).toBe('');
    expect(s.reviewLitigation).toBe('');
    expect(s.problems).toContain('确保政府信息公开工作制度化、规范化发展，深入、持续、高效地开展');
    expect(s.other).toBe('无。');
    expect(r.report.preamble).toMatch(/^本年报根据/);
    expect(r.report.preamble).toContain('0595-23951088');
    expect(r.report.layout?.sectionOrder).toEqual([1, 2, 3, 4, 5, 6]);
    expect(r.report.layout?.tablesPresent).toEqual({
      activeDisclosure: true,
      applications: true,
      reviewLitigation: true,
    });
  });

  it('gives validate a report whose table identities hold', () => {
    const findings = validate(r.report);
    const arithmetic = findings.filter(
      (f) => ['T3-H', 'T3-V', 'T3-B', 'T4-1'].includes(f.ruleId) && f.status === 'failed',
    );
    expect(arithmetic).toEqual([]);
  });
});
