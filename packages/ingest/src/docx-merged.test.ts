/**
 * A Word 表三 with a column of numbers merged down over rows (「0」 typed once for 1.–8. of 不予公开,
 * the cells below merged with it). Before, the merged cells were left out of their rows like the
 * merged label cells, so every number after them in a row moved one column to the left — read as
 * printed, nothing said — whenever the row had a blank, or its sums did not hold. Now a merged cell
 * after the row's label holds its column: no number is read from it, and that is said.
 */
import { getEdition } from '@nianbao/core';
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, VerticalMergeType } from 'docx';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ingest } from './index.js';
import { T3_KEYS } from './test-support/table3.js';

const APPS = getEdition('2021').tables.applications;
const DENIED = APPS.rows.filter((r) => r.parent === 'denied').map((r) => r.key);

const cell = (text: string, o: { columnSpan?: number; vMerge?: 'restart' | 'continue' } = {}) =>
  new TableCell({
    children: [new Paragraph({ children: [new TextRun(text)] })],
    ...(o.columnSpan ? { columnSpan: o.columnSpan } : {}),
    ...(o.vMerge
      ? { verticalMerge: o.vMerge === 'restart' ? VerticalMergeType.RESTART : VerticalMergeType.CONTINUE }
      : {}),
  });

/**
 * 表三 with the column `merged` of the 不予公开 rows merged down from its first row; with `seq`, a
 * 序号 column first and each group's label merged down over its rows (as Word users lay it out).
 */
async function docx(
  values: Map<string, (number | null)[]>,
  merged: number,
  seq = false,
): Promise<Uint8Array> {
  const rows = [
    new TableRow({
      children: [
        ...(seq ? [cell('序号')] : []),
        cell(APPS.cornerNote, { columnSpan: 2 }),
        ...APPS.columns.map((c) => cell(c.label)),
      ],
    }),
  ];
  let n = 0;
  for (const row of APPS.rows) {
    if (row.kind === 'group') continue;
    const parent = APPS.rows.find((g) => g.key === row.parent);
    const firstOfGroup = APPS.rows.find((r) => r.parent === row.parent)?.key === row.key;
    const group = !parent
      ? cell('')
      : !seq
        ? cell(parent.label)
        : firstOfGroup
          ? cell(parent.label, { vMerge: 'restart' })
          : cell('', { vMerge: 'continue' });
    const label = [
      ...(seq ? [cell(String(++n))] : []),
      ...(parent && parent.key !== 'results'
        ? [group, cell(row.label)]
        : [cell(row.label, { columnSpan: 2 })]),
    ];
    const d = DENIED.indexOf(row.key);
    const nums = values.get(row.key)!.map((v, ci) => {
      const text = v === null ? '' : String(v);
      if (ci !== merged || d < 0) return cell(text);
      return d === 0 ? cell(text, { vMerge: 'restart' }) : cell('', { vMerge: 'continue' });
    });
    rows.push(new TableRow({ children: [...label, ...nums] }));
  }
  const p = (t: string) => new Paragraph({ children: [new TextRun(t)] });
  const doc = new Document({
    sections: [
      {
        children: [
          p('某某县人民政府2024年政府信息公开工作年度报告'),
          p('一、总体情况'),
          p('本年度工作情况。'),
          p('三、收到和处理政府信息公开申请情况'),
          new Table({ rows }),
          p('四、政府信息公开行政复议、行政诉讼情况'),
          p('五、存在的主要问题及改进情况'),
          p('无。'),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

const valuesArb = fc
  .array(
    fc.array(fc.option(fc.integer({ min: 0, max: 999 }), { nil: null, freq: 4 }), {
      minLength: 7,
      maxLength: 7,
    }),
    {
      minLength: APPS.dataRows.length,
      maxLength: APPS.dataRows.length,
    },
  )
  .map((rows) => new Map(APPS.dataRows.map((r, i) => [r.key, rows[i]!])));

describe('Word: a column of numbers merged down over rows', { timeout: 60_000 }, () => {
  it('社会公益组织 merged over 不予公开 1.–8.: the numbers after it stay in their columns, the merged cells said', async () => {
    const values = new Map(APPS.dataRows.map((r) => [r.key, [1, null, 2, 3, 4, 5, 15] as (number | null)[]]));
    const r = await ingest(await docx(values, 3), { kind: 'docx' });
    for (const key of DENIED.slice(1)) {
      expect(r.report.cells[`applications.${key}.legalServiceOrg`]?.value, key).toBe(4);
      expect(r.report.cells[`applications.${key}.otherOrg`]?.value, key).toBe(5);
      expect(r.report.cells[`applications.${key}.total`]?.value, key).toBe(15);
      const id = `applications.${key}.publicInterestOrg`;
      expect(
        r.diagnostics.issues.some((i) => i.cell === id || i.cells?.includes(id)),
        id,
      ).toBe(true);
    }
  });

  it('any column merged, any numbers and blanks: every other cell as printed, a merged one never silently (fast-check)', async () => {
    await fc.assert(
      fc.asyncProperty(
        valuesArb,
        fc.integer({ min: 0, max: 5 }),
        fc.boolean(),
        async (values, merged, seq) => {
          const r = await ingest(await docx(values, merged, seq), { kind: 'docx' });
          const said = new Set(r.diagnostics.issues.flatMap((i) => i.cells ?? (i.cell ? [i.cell] : [])));
          for (const row of APPS.dataRows)
            T3_KEYS.forEach((col, ci) => {
              const id = `applications.${row.key}.${col}`;
              const got = r.report.cells[id];
              if (ci === merged && DENIED.indexOf(row.key) > 0) {
                expect(got === undefined || said.has(id), id).toBe(true);
                return;
              }
              // a number the row shows missing may be computed from its sums, or left out (said)
              if (got === undefined || got.origin === 'inferred') expect(said.has(id), id).toBe(true);
              else expect(got?.value, id).toBe(values.get(row.key)![ci]);
            });
        },
      ),
      { numRuns: 25 },
    );
  });
});
