/**
 * More rows where a blank cell leaves no trace (or an empty TAB field whose role cannot be seen) and
 * the printed numbers could sit in other columns — the rule as for tab-placed.test and
 * space-blanks.test: every cell read is its printed value in its own column, or the cell is named in
 * a warning/error and is not high confidence; never a silently wrong number.
 *
 * - 表二 apart by spaces, a row printed fewer numbers than its columns: 「行政规范性文件 10 0」 (3
 *   columns) was read 1 | 0 | 0 by cutting 「10」, the printed 0 in 现行有效件数 at high confidence.
 *   表二's rows have no 总计: nothing can say where the blank was — ROW_ALIGNMENT_UNCERTAIN, each
 *   reading listed, nothing filled in.
 * - 表三 TAB rows whose numbers continue on the next line, that line starting with an empty field
 *   (the label column left empty, or a blank cell?): 「⇥⇥0⏎⇥⇥⇥⇥0⇥0」 read 自然人 0 (printed blank, its
 *   0 that of 商业企业), 「⇥0⏎⇥⇥⇥⇥⇥⇥0」 read 自然人 blank (its printed 0 dropped as 「多出的」), both at
 *   high confidence — now both readings are tried; where they differ and no printed 总计 (> 0)
 *   decides, ROW_ALIGNMENT_UNCERTAIN; the row's number on a line of its own taken for the next
 *   row's (「⇥⇥⇥0⇥⇥⇥⇥⏎⇥0⇥⇥」) is said with the row's cells named, low confidence.
 * - 表二 TAB rows whose label column is empty (the label on a line of its own, or missing): a row
 *   followed by a label-less row's TAB line was read with its first empty field a label column, or
 *   as wrapped with the next row's numbers (「规章⇥⇥1⇥⇥」 over 「⇥⇥⇥2」: 1 | （空） | （空）; 「行政处罚⇥」
 *   over 「⇥20」: 20), at high confidence — now its own line is a reading too (ROW_ALIGNMENT_UNCERTAIN
 *   where they differ), and numbers after a line of only its blank fields are said, low confidence.
 * - 表三/表四 TAB rows whose empty fields at the end wrap onto a line of TABs only (「…⇥0⏎⇥」): that
 *   line was left out and the row read short — 「⇥⇥1⇥0⇥0⇥0⇥0⇥0⏎⇥」 自然人 blank, 商业企业 1 at high
 *   confidence (printed 1 | 0 … | （空） after a label column). Now the row's fields at its end, read
 *   as on one line: the placement whose 总计 adds up said, else ROW_ALIGNMENT_UNCERTAIN.
 * - 表四 apart by spaces (one line of 15, or a line per group, labelled or not): no shift found —
 *   the properties pin it.
 * - ROW_BLANKS_PLACED: another placement whose 总计 is blank is said as 「总计空白，无从核对」, not
 *   「对不上」 (it cannot be checked).
 */
import { getEdition } from '@nianbao/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ingestSync } from './index.js';
import {
  grantedRowReport,
  printedRow,
  T3_KEYS,
  type TotalKind,
  tabFields,
  tabTable3Report,
} from './test-support/table3.js';

type Read = ReturnType<typeof ingestSync>;
const read = (text: string) => ingestSync(text, { kind: 'text' });

/** Each cell read as printed (or as the number its row's sums fix its one blank to), or named in a warning/error, not high. */
function asPrintedOrNamed(
  r: Read,
  ids: readonly string[],
  printed: readonly (number | null)[],
  fixed: readonly (number | null)[],
  what: string,
) {
  const issues = r.diagnostics.issues.filter((i) => i.severity !== 'info');
  for (const [i, id] of ids.entries()) {
    const got = r.report.cells[id]?.value;
    if (got === undefined || got === printed[i] || got === fixed[i]) continue;
    const named = issues.filter((x) => x.cells?.includes(id) || x.cell === id);
    expect(named.length, `${id} ${got} (printed ${printed[i]}): ${what}`).toBeGreaterThan(0);
    expect(r.diagnostics.cells[id]?.confidence, `${id}: ${what}`).not.toBe('high');
  }
}

const num = fc.oneof(fc.constantFrom(0, 1), fc.integer({ min: 0, max: 40 }));
const cell = fc.option(num, { nil: null, freq: 3 });

/** A group's parts and its 总计 (the parts' sum, blank, 0 or another number), as printed, and the one blank its sums fix. */
const group = (parts: number) =>
  fc
    .tuple(
      fc.array(cell, { minLength: parts, maxLength: parts }),
      fc.constantFrom<TotalKind>('sum', 'blank', 'zero', 'other'),
      fc.integer({ min: 1, max: 50 }),
    )
    .map(([ps, kind, other]) => printedRow(ps, kind, other));

const TAIL = ['五、存在的主要问题及改进情况', '无。'];

describe('表二 with blanks', () => {
  const t2Report = (year: number, lines: readonly string[]) =>
    [
      `某某县人民政府${year}年政府信息公开工作年度报告`,
      '一、总体情况',
      '本年度工作情况。',
      '二、主动公开政府信息情况',
      ...lines,
      '三、收到和处理政府信息公开申请情况',
      '四、政府信息公开行政复议、行政诉讼情况',
      ...TAIL,
    ].join('\n');
  const ART1 = ['第二十条第（一）项', '信息内容 本年制发件数 本年废止件数 现行有效件数', '规章 3 5 7'];
  it('「行政规范性文件 10 0」 apart by spaces (3 columns, a blank): ROW_ALIGNMENT_UNCERTAIN, nothing filled in — never 1 | 0 | 0', () => {
    // before: 1 | 0 | 0 (「10」 cut), DIGITS_SPLIT 「按列数只有一种拆分方式」, 现行有效件数 0 at high confidence
    const r = read(t2Report(2024, [...ART1, '行政规范性文件 10 0']));
    const ids = ['made', 'repealed', 'valid'].map((c) => `activeDisclosure.normativeDocs.${c}`);
    expect(ids.map((id) => r.report.cells[id]?.value)).toEqual([undefined, undefined, undefined]);
    const e = r.diagnostics.issues.find((i) => i.code === 'ROW_ALIGNMENT_UNCERTAIN');
    expect(e?.severity).toBe('error');
    expect(e?.cells).toEqual(ids);
    expect(e?.message).toContain('该行没有总计，无从核对');
    expect(e?.details?.readings).toEqual([
      [1, 0, 0],
      [10, 0, null],
      [10, null, 0],
      [null, 10, 0],
    ]);
    // the row printed whole is read as before
    expect(
      ['made', 'repealed', 'valid'].map((c) => r.report.cells[`activeDisclosure.regulations.${c}`]?.value),
    ).toEqual([3, 5, 7]);
  });

  for (const [ed, year] of [
    ['2021', 2024],
    ['2019-trial', 2020],
  ] as const)
    for (const sep of ['\t', ' '])
      it(`any 表二 (${ed}) ${sep === '\t' ? 'with TABs' : 'apart by spaces'}, blanks, 万元 and signed numbers (fast-check): each cell as printed, or named`, () => {
        const blocks = getEdition(ed).tables.activeDisclosure.blocks;
        const rows = blocks.reduce((a, b) => a + b.rows.length, 0);
        const value = fc.option(fc.oneof(num, fc.constantFrom(-1, -3, 2.5, 0.35)), { nil: null, freq: 3 });
        fc.assert(
          fc.property(
            fc.array(fc.array(value, { minLength: 3, maxLength: 3 }), { minLength: rows, maxLength: rows }),
            fc.integer({ min: 0, max: 1 }), // TABs at the lines' end
            (vals, trail) => {
              let k = 0;
              const lines: string[] = [];
              const ids: string[] = [];
              const printed: (number | null)[] = [];
              for (const b of blocks) {
                lines.push(b.caption);
                lines.push(['信息内容', ...b.columns.map((c) => c.label)].join(sep));
                for (const row of b.rows) {
                  const v = vals[k++]!.slice(0, b.columns.length);
                  b.columns.forEach((c, i) => {
                    ids.push(`activeDisclosure.${row.key}.${c.key}`);
                    printed.push(v[i]!);
                  });
                  const f = v.map((x) => (x === null ? '' : String(x)));
                  lines.push(
                    sep === '\t'
                      ? `${row.label}\t${f.join('\t')}${'\t'.repeat(trail)}`
                      : `${row.label} ${f.filter(Boolean).join(' ')}`.trimEnd(),
                  );
                }
              }
              const r = read(t2Report(year, lines));
              asPrintedOrNamed(r, ids, printed, printed, lines.join(' / ').replaceAll('\t', '⇥'));
            },
          ),
          { numRuns: 150 },
        );
      });

  describe('TAB rows whose label column is empty (the label on a line of its own, or missing)', () => {
    const TAB1 = ['第二十条第（一）项', '信息内容\t本年制发件数\t本年废止件数\t现行有效件数'];
    const ART6 = ['第二十条第（六）项', '信息内容\t本年处理决定数量'];
    const REG = ['made', 'repealed', 'valid'].map((c) => `activeDisclosure.regulations.${c}`);
    const NORM = ['made', 'repealed', 'valid'].map((c) => `activeDisclosure.normativeDocs.${c}`);
    const at = (r: Read, ids: readonly string[]) => ids.map((id) => r.report.cells[id]?.value);
    it('「规章⏎⇥3⇥⇥7」 (the label on a line of its own, the numbers on a TAB line after its empty label column): read as printed', () => {
      // (worked before: pinned)
      const r = read(t2Report(2024, [...TAB1, '规章', '\t3\t\t7', '行政规范性文件', '\t\t2\t4']));
      expect(at(r, REG)).toEqual([3, null, 7]);
      expect(at(r, NORM)).toEqual([null, 2, 4]);
      expect(
        r.diagnostics.issues.filter(
          (i) => i.severity !== 'info' && i.cells?.some((c) => [...REG, ...NORM].includes(c)),
        ),
      ).toEqual([]);
    });
    it("「规章⇥⇥1⇥⇥」 over 「⇥⇥⇥2」 (行政规范性文件's label missing): 规章 ROW_ALIGNMENT_UNCERTAIN as on its own — never 1 | （空） | （空） unsaid", () => {
      // before: 1 | （空） | （空） at high confidence — the 1 printed after an empty field read as
      // 本年制发件数's, the row's first empty field taken for a label column because of the line after
      // it (on its own, 「规章⇥⇥1⇥⇥」 is ROW_ALIGNMENT_UNCERTAIN: 4 fields, which end's empty one is no cell?)
      const r = read(t2Report(2024, [...TAB1, '规章\t\t1\t\t', '\t\t\t2']));
      expect(at(r, REG)).toEqual([undefined, undefined, undefined]);
      const e = r.diagnostics.issues.find((i) => i.code === 'ROW_ALIGNMENT_UNCERTAIN');
      expect(e?.cells).toEqual(REG);
      expect(e?.details?.readings).toEqual(['（空） | 1 | （空）', '1 | （空） | （空）']);
    });
    it("「规章⇥⇥⇥-1」 (its 3 fields whole) over 「⇥⇥-1⇥⇥」 (the next row's, its label missing — or 规章 wrapped?): ROW_ALIGNMENT_UNCERTAIN", () => {
      // before: -1 | （空） | -1 at high confidence — read only as wrapped, its line's first two TABs
      // label columns, the next line's -1 its 现行有效件数
      const r = read(t2Report(2024, [...TAB1, '规章\t\t\t-1', '\t\t-1\t\t']));
      expect(at(r, REG)).toEqual([undefined, undefined, undefined]);
      const e = r.diagnostics.issues.find((i) => i.code === 'ROW_ALIGNMENT_UNCERTAIN');
      expect(e?.cells).toEqual(REG);
      expect(e?.details?.readings).toContain('（空） | （空） | -1');
    });
    it("「行政处罚⇥」 (one blank field) over 「⇥20」 (行政强制's label missing — or 行政处罚's number wrapped?): read, said, low confidence", () => {
      // before: 行政处罚 20 at high confidence, nothing said
      const r = read(t2Report(2024, [...TAB1, '规章\t3\t5\t7', ...ART6, '行政处罚\t', '\t20']));
      const id = 'activeDisclosure.punishment.decisions';
      expect(r.report.cells[id]?.value).toBe(20);
      expect(r.diagnostics.cells[id]?.confidence).toBe('low');
      const w = r.diagnostics.issues.find((i) => i.code === 'VALUE_ON_NEXT_LINE');
      expect(w?.severity).toBe('warning');
      expect(w?.cells).toEqual([id]);
      expect(w?.message).toContain('也可能是本行空白、这些是下一行的数（其行标题缺失）');
    });
  });

  for (const [ed, year] of [
    ['2021', 2024],
    ['2019-trial', 2020],
  ] as const)
    it(`any 表二 (${ed}) TAB rows whose label column is empty — the label on a line of its own, or missing — blanks, TABs at the end (fast-check): each cell as printed, or named`, () => {
      const blocks = getEdition(ed).tables.activeDisclosure.blocks;
      const rows = blocks.reduce((a, b) => a + b.rows.length, 0);
      const value = fc.option(fc.oneof(num, fc.constantFrom(-1, 2.5)), { nil: null, freq: 3 });
      const form = fc.constantFrom('inline', 'own line', 'missing');
      fc.assert(
        fc.property(
          fc.array(
            fc.tuple(
              fc.array(value, { minLength: 3, maxLength: 3 }),
              form,
              fc.integer({ min: 1, max: 2 }), // empty fields before the numbers (the label column left empty)
              fc.integer({ min: 0, max: 1 }), // TABs at the end
            ),
            { minLength: rows, maxLength: rows },
          ),
          (spec) => {
            let k = 0;
            const lines: string[] = [];
            const ids: string[] = [];
            const printed: (number | null)[] = [];
            const exact: { ids: string[]; printed: (number | null)[] }[] = [];
            for (const b of blocks) {
              lines.push(b.caption);
              lines.push(['信息内容', ...b.columns.map((c) => c.label)].join('\t'));
              for (const [ri, row] of b.rows.entries()) {
                const [vals, how, lead, trail] = spec[k++]!;
                // (the next row's label missing: its numbers, or its line of TABs alone, could be this row's
                // wrapped — 「规章⏎⇥⇥⇥0⏎⇥⇥⇥」 is ROW_ALIGNMENT_UNCERTAIN, rightly)
                const nextMissing = ri + 1 < b.rows.length && spec[k]![1] === 'missing';
                const v = vals.slice(0, b.columns.length);
                const rowIds = b.columns.map((c) => `activeDisclosure.${row.key}.${c.key}`);
                ids.push(...rowIds);
                printed.push(...v);
                if (how === 'inline') {
                  lines.push(`${row.label}\t${tabFields(v, 0, trail).join('\t')}`);
                  continue;
                }
                // the numbers on a TAB line of their own starting with an empty field (the label column)
                if (how === 'own line') lines.push(row.label);
                lines.push(tabFields(v, lead, trail).join('\t'));
                // (one empty field before the numbers, none after, the last number printed: one placement)
                if (how === 'own line' && lead === 1 && trail === 0 && v.at(-1) !== null && !nextMissing)
                  exact.push({ ids: rowIds, printed: v });
              }
            }
            const r = read(t2Report(year, lines));
            const what = lines.join(' / ').replaceAll('\t', '⇥');
            asPrintedOrNamed(r, ids, printed, printed, what);
            for (const e of exact)
              expect(
                e.ids.map((id) => r.report.cells[id]?.value),
                what,
              ).toEqual(e.printed);
          },
        ),
        { numRuns: 300 },
      );
    });
});

describe('表三 TAB rows whose numbers continue on the next line', () => {
  const NEW = '一、本年新收政府信息公开申请数量';
  const CELLS = T3_KEYS.map((k) => `applications.newReceived.${k}`);
  const t3 = (row: string) =>
    read(
      tabTable3Report([
        `${NEW}${row}`,
        '二、上年结转政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0',
        '三、本年度办理结果',
        '（一）予以公开\t1\t0\t0\t0\t0\t0\t1',
      ]),
    );
  const values = (r: Read) => CELLS.map((id) => r.report.cells[id]?.value);
  const GRANTED = T3_KEYS.map((k) => `applications.granted.${k}`);
  const printedZeros = T3_KEYS.map(() => 0);

  it('「⇥⇥0⏎⇥⇥⇥⇥0⇥0」 (a label column and a blank 自然人, or a blank on the next line?): ROW_ALIGNMENT_UNCERTAIN, nothing filled in', () => {
    // before: 0 | （空） | （空） | （空） | （空） | 0 | 0 at high confidence — 自然人 0, printed blank
    const r = t3('\t\t0\n\t\t\t\t0\t0');
    expect(values(r)).toEqual(CELLS.map(() => undefined));
    const e = r.diagnostics.issues.find((i) => i.code === 'ROW_ALIGNMENT_UNCERTAIN');
    expect(e?.severity).toBe('error');
    expect(e?.cells).toEqual(CELLS);
    expect(e?.message).toContain('接续行开头的空单元格是标题列还是空白单元格看不出');
    expect(e?.details?.readings).toEqual([
      '0 | （空） | （空） | （空） | （空） | 0 | 0',
      '（空） | 0 | （空） | （空） | （空） | 0 | 0',
    ]);
  });

  it("「⇥0⏎⇥⇥⇥⇥⇥⇥0」 (the next line's first TAB a cell would make 8, a printed number too many): its label column — read as printed", () => {
    // before: （空） … （空） | 0, the 0 printed under 自然人 dropped 「在多出的空单元格一端」, high
    // confidence, no cell named
    const r = t3('\t0\n\t\t\t\t\t\t0');
    expect(values(r)).toEqual([0, null, null, null, null, null, 0]);
    expect(
      r.diagnostics.issues.filter((i) => i.severity !== 'info' && i.cells?.some((c) => CELLS.includes(c))),
    ).toEqual([]);
  });

  it('「⇥⇥⇥0⇥⇥⇥⇥⏎⇥0⇥⇥」 (a label column, or a blank, before the 0 on the next line?): ROW_ALIGNMENT_UNCERTAIN, nothing filled in', () => {
    // before: 0 in 科研机构 (printed under 商业企业 after a label column) at high confidence, the 0 on
    // the next line said as the next row's, no cell named
    const r = t3('\t\t\t0\t\t\t\t\n\t0\t\t');
    expect(values(r)).toEqual(CELLS.map(() => undefined));
    const e = r.diagnostics.issues.find((i) => i.code === 'ROW_ALIGNMENT_UNCERTAIN');
    expect(e?.severity).toBe('error');
    expect(e?.cells).toEqual(CELLS);
  });

  it("「⇥⇥⇥0⇥⇥⇥⇥⏎0⇥⇥」 (a 0 on a line of its own: the row wrapped, or the next row's?): the row's cells named, low confidence", () => {
    // before: 0 in 科研机构 at high confidence, the warning naming no cell
    const r = t3('\t\t\t0\t\t\t\t\n0\t\t');
    const w = r.diagnostics.issues.find((i) => i.code === 'ROW_EXTRA_VALUES');
    expect(w?.severity).toBe('warning');
    expect(w?.cells).toEqual(CELLS);
    expect(w?.message).toContain('也可能是本行的数折行接续印在下一行');
    for (const id of CELLS) expect(r.diagnostics.cells[id]?.confidence, id).toBe('low');
  });

  it('any row wrapped after 1–6 fields, blanks, label columns, TABs at the end, 总计 any (fast-check): each cell as printed, or named', () => {
    fc.assert(
      fc.property(
        group(6),
        fc.integer({ min: 1, max: 7 }), // fields on the first line
        fc.integer({ min: 0, max: 2 }), // empty label columns after the label
        fc.integer({ min: 0, max: 3 }), // TABs at the end
        ({ printed, fixed }, cut, lead, trail) => {
          const f = tabFields(printed, lead, trail);
          const c = Math.min(cut + lead, f.length - 1);
          // (numbers on both lines: a line of the row's empty fields alone is no wrapped number)
          fc.pre(f.slice(0, c).some(Boolean) && f.slice(c).some(Boolean));
          const row = `\t${f.slice(0, c).join('\t')}\n\t${f.slice(c).join('\t')}`;
          asPrintedOrNamed(t3(row), CELLS, printed, fixed, row.replaceAll('\t', '⇥').replace('\n', '⏎'));
        },
      ),
      { numRuns: 800 },
    );
  });

  it('「（一）予以公开⇥⇥0⏎⇥0⏎⇥⇥⇥0⇥0⇥⇥」 (over three lines, each later one starting with a TAB): ROW_ALIGNMENT_UNCERTAIN, never 自然人 0', () => {
    // before: 0 | 0 | （空） | （空） | 0 | 0 | （空） at high confidence — 自然人 printed blank read 0,
    // every number a column left of the reading with the later lines' first TABs as label columns
    const r = read(grantedRowReport('\t\t0\n\t0\n\t\t\t0\t0\t\t'));
    const ids = T3_KEYS.map((k) => `applications.granted.${k}`);
    expect(ids.map((id) => r.report.cells[id]?.value)).toEqual(ids.map(() => undefined));
    expect(r.diagnostics.issues.find((i) => i.code === 'ROW_ALIGNMENT_UNCERTAIN')?.cells).toEqual(ids);
  });

  it('「⇥0⏎⇥0⇥0⇥0⇥0⇥0⇥」 (a row of 0s, the next line after a label column): never 商业企业 blank', () => {
    // on cd23094: 0 | （空） | 0 | 0 | 0 | 0 | 0 at high confidence — the window with the TAB a cell
    // read by a fit leaving its blank blank, the printed 0 of 商业企业 gone. Both ways hold all 0s
    // only with a blank counted as its sums fix it; no fit reads them so: not read, said
    const r = t3('\t0\n\t0\t0\t0\t0\t0\t');
    expect(values(r)).toEqual(CELLS.map(() => undefined));
    expect(r.diagnostics.issues.find((i) => i.code === 'ROW_ALIGNMENT_UNCERTAIN')?.cells).toEqual(CELLS);
  });

  it("「⇥⇥1⇥0⇥0⇥0⇥0⇥0⏎⇥」 (a label column or a blank 自然人? the line of a TAB alone the row's last field): ROW_ALIGNMENT_UNCERTAIN, never 商业企业 1 unsaid", () => {
    // before: the line of a TAB alone left out, the row's own line read as 7 fields — 自然人 blank,
    // 商业企业 1 … 总计 0 at high confidence, nothing said; printed as 1 | 0 | 0 | 0 | 0 | 0 | （空）
    // after a label column, every number one column right
    const r = t3('\t\t1\t0\t0\t0\t0\t0\n\t');
    expect(values(r)).toEqual(CELLS.map(() => undefined));
    const e = r.diagnostics.issues.find((i) => i.code === 'ROW_ALIGNMENT_UNCERTAIN');
    expect(e?.severity).toBe('error');
    expect(e?.cells).toEqual(CELLS);
    expect(e?.details?.readings).toEqual([
      '（空） | 1 | 0 | 0 | 0 | 0 | 0',
      '1 | 0 | 0 | 0 | 0 | 0 | （空）',
    ]);
  });

  it('「⇥2⇥1⇥⇥0⇥0⇥0⏎⇥」 (科研机构 blank, 总计 blank on a line of a TAB alone): read as printed, 总计 blank', () => {
    // before: the line of a TAB alone taken for the next row's label columns — 总计 not read
    // (CELLS_NOT_FOUND), the row short of a cell
    const r = t3('\t2\t1\t\t0\t0\t0\n\t');
    expect(values(r)).toEqual([2, 1, null, 0, 0, 0, null]);
    expect(
      r.diagnostics.issues.filter((i) => i.severity !== 'info' && i.cells?.some((c) => CELLS.includes(c))),
    ).toEqual([]);
  });

  it('any row whose last empty fields wrap onto a line of TABs only, blanks, label columns, 总计 any (fast-check): each cell as printed, or named', () => {
    fc.assert(
      fc.property(
        group(6),
        fc.integer({ min: 0, max: 2 }), // empty label columns after the label
        fc.integer({ min: 0, max: 3 }), // TABs at the end
        fc.integer({ min: 0, max: 4 }), // empty fields after the last number left on its line
        fc.boolean(), // a middle row (the next row's label after the line of TABs) or the first
        ({ printed, fixed }, lead, trail, keep, middle) => {
          const f = tabFields(printed, lead, trail);
          const lastNum = f.findLastIndex(Boolean);
          fc.pre(lastNum >= 0);
          // the line of TABs alone: the rest of the row's fields, all empty (none left: a TAB alone)
          const c = Math.min(lastNum + 1 + keep, f.length);
          const row = `\t${f.slice(0, c).join('\t')}\n\t${f.slice(c).join('\t')}`;
          const what = row.replaceAll('\t', '⇥').replace('\n', '⏎');
          if (!middle) {
            asPrintedOrNamed(t3(row), CELLS, printed, fixed, what);
            return;
          }
          const r = read(grantedRowReport(row));
          asPrintedOrNamed(r, GRANTED, printed, fixed, what);
          expect(
            GRANTED.map((id) => r.report.cells[id.replace('granted', 'partiallyGranted')]?.value),
          ).toEqual(printedZeros);
        },
      ),
      { numRuns: 800 },
    );
  });

  it('a middle row wrapped over two or three lines (fast-check): each cell as printed, or named', () => {
    fc.assert(
      fc.property(
        group(6),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 0, max: 2 }),
        fc.integer({ min: 0, max: 2 }),
        ({ printed, fixed }, c1, c2, lead, trail) => {
          const f = tabFields(printed, lead, trail);
          const cuts = [...new Set([c1, c2].map((c) => Math.min(c + lead, f.length - 1)))].sort(
            (a, b) => a - b,
          );
          const pieces = [0, ...cuts].map((a, i) => f.slice(a, [...cuts, f.length][i]));
          fc.pre(pieces.every((p) => p.some(Boolean)));
          const row = `\t${pieces.map((p) => p.join('\t')).join('\n\t')}`;
          const r = read(grantedRowReport(row));
          asPrintedOrNamed(
            r,
            T3_KEYS.map((k) => `applications.granted.${k}`),
            printed,
            fixed,
            row.replaceAll('\t', '⇥').replaceAll('\n', '⏎'),
          );
        },
      ),
      { numRuns: 600 },
    );
  });

  it('whole TAB tables, rows ending in a number or an empty field, label columns alike or not (fast-check): each cell as printed, or named', () => {
    const KEYS = ['newReceived', 'carriedOver', 'granted'];
    const LABELS = [NEW, '二、上年结转政府信息公开申请数量', '（一）予以公开'];
    fc.assert(
      fc.property(
        fc.array(fc.tuple(group(6), fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 1 })), {
          minLength: 3,
          maxLength: 3,
        }),
        fc.boolean(),
        (rows, sameLead) => {
          const lines = rows.map(([g, lead, trail], i) => {
            const l = sameLead ? rows[0]![1] : lead;
            const f = [
              ...Array.from({ length: l }, () => ''),
              ...g.printed.map((v) => (v === null ? '' : String(v))),
              ...Array.from({ length: trail }, () => ''),
            ];
            return `${LABELS[i]}\t${f.join('\t')}`;
          });
          const r = read(tabTable3Report([lines[0]!, lines[1]!, '三、本年度办理结果', lines[2]!]));
          const what = lines.join(' / ').replaceAll('\t', '⇥');
          for (const [i, [g]] of rows.entries())
            asPrintedOrNamed(
              r,
              T3_KEYS.map((k) => `applications.${KEYS[i]}.${k}`),
              g.printed,
              g.fixed,
              what,
            );
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe('表四 TAB rows whose numbers continue on the next line', () => {
  const t4 = (row: string) =>
    read(
      [
        '某某县人民政府2022年政府信息公开工作年度报告',
        '一、总体情况',
        '本年度工作情况。',
        '四、政府信息公开行政复议、行政诉讼情况',
        '类别\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计',
        row,
        '未经复议直接起诉\t1\t0\t0\t0\t1',
        '复议后起诉\t0\t0\t0\t0\t0',
        ...TAIL,
      ].join('\n'),
    );
  const REVIEW = ['upheld', 'corrected', 'other', 'pending', 'total'].map(
    (c) => `reviewLitigation.review.${c}`,
  );
  it("「行政复议⇥⇥⇥⇥0⏎⇥0」 (the next line's TAB a label column or a blank?): ROW_ALIGNMENT_UNCERTAIN, the other groups read", () => {
    // before: no group's row (a number on a line of no label), 表四 read as 15 numbers in order:
    // 行政复议 0 | （空） | 0 | 1 | 0 — 结果维持 0 printed blank, 未经复议直接起诉's 1 in 尚未审结
    const r = t4('行政复议\t\t\t\t0\n\t0');
    expect(REVIEW.map((id) => r.report.cells[id]?.value)).toEqual(REVIEW.map(() => undefined));
    const e = r.diagnostics.issues.find((i) => i.code === 'ROW_ALIGNMENT_UNCERTAIN');
    expect(e?.severity).toBe('error');
    expect(e?.cells).toEqual(REVIEW);
    expect(e?.details?.readings).toEqual([
      '（空） | （空） | 0 | （空） | 0',
      '（空） | （空） | （空） | 0 | 0',
    ]);
    expect(r.report.cells['reviewLitigation.litigationDirect.upheld']?.value).toBe(1);
  });
  it('any 行政复议 row wrapped after 1–5 fields, blanks, a label column, TABs at the end (fast-check): each cell as printed, or named', () => {
    fc.assert(
      fc.property(
        group(4),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 0, max: 1 }),
        fc.integer({ min: 0, max: 2 }),
        ({ printed, fixed }, cut, lead, trail) => {
          const f = tabFields(printed, lead, trail);
          const c = Math.min(cut + lead, f.length - 1);
          fc.pre(f.slice(0, c).some(Boolean) && f.slice(c).some(Boolean));
          const row = `行政复议\t${f.slice(0, c).join('\t')}\n\t${f.slice(c).join('\t')}`;
          asPrintedOrNamed(t4(row), REVIEW, printed, fixed, row.replaceAll('\t', '⇥').replace('\n', '⏎'));
        },
      ),
      { numRuns: 500 },
    );
  });
  it("「行政复议⇥⇥1⇥0⇥0⇥1⏎⇥」 (a label column or a blank 结果维持? the line of a TAB alone the row's last field): placed by its 总计, said", () => {
    // before: the line of a TAB alone no field of the row — 结果维持 blank, 结果纠正 1 … 总计 1 at high
    // confidence, nothing said; printed as 1 | 0 | 0 | 1 | （空） after a label column, every number
    // one column right. Only the placement whose 总计 adds up is read — said, low confidence
    const r = t4('行政复议\t\t1\t0\t0\t1\n\t');
    expect(REVIEW.map((id) => r.report.cells[id]?.value)).toEqual([0, 1, 0, 0, 1]);
    const w = r.diagnostics.issues.find((i) => i.code === 'ROW_BLANKS_PLACED');
    expect(w?.cells).toEqual(REVIEW);
    expect(w?.message).toContain('另一种放法：1 | 0 | 0 | 1 | （空），总计空白，无从核对');
    for (const id of REVIEW) expect(r.diagnostics.cells[id]?.confidence, id).toBe('low');
    expect(r.report.cells['reviewLitigation.litigationDirect.upheld']?.value).toBe(1);
  });
  it('any 行政复议 row whose last empty fields wrap onto a line of TABs only (fast-check): each cell as printed, or named', () => {
    fc.assert(
      fc.property(
        group(4),
        fc.integer({ min: 0, max: 1 }),
        fc.integer({ min: 0, max: 2 }),
        fc.integer({ min: 0, max: 3 }),
        ({ printed, fixed }, lead, trail, keep) => {
          const f = tabFields(printed, lead, trail);
          const lastNum = f.findLastIndex(Boolean);
          fc.pre(lastNum >= 0);
          const c = Math.min(lastNum + 1 + keep, f.length);
          const row = `行政复议\t${f.slice(0, c).join('\t')}\n\t${f.slice(c).join('\t')}`;
          const r = t4(row);
          asPrintedOrNamed(r, REVIEW, printed, fixed, row.replaceAll('\t', '⇥').replace('\n', '⏎'));
          // (the next groups, printed whole, read as printed)
          expect(r.report.cells['reviewLitigation.litigationDirect.total']?.value).toBe(1);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('表四 apart by spaces, blanks leaving no trace (fast-check)', () => {
  const IDS = ['review', 'litigationDirect', 'litigationAfterReview'].flatMap((g) =>
    ['upheld', 'corrected', 'other', 'pending', 'total'].map((c) => `reviewLitigation.${g}.${c}`),
  );
  const HEAD = [
    '某某县人民政府2024年政府信息公开工作年度报告',
    '一、总体情况',
    '本年度工作情况。',
    '四、政府信息公开行政复议、行政诉讼情况',
  ];
  const HEADER = [
    '行政复议 行政诉讼',
    '结果维持 结果纠正 其他结果 尚未审结 总计 未经复议直接起诉 复议后起诉',
    '结果维持 结果纠正 其他结果 尚未审结 总计 结果维持 结果纠正 其他结果 尚未审结 总计',
  ];
  const spaced = (v: readonly (number | null)[]) => v.filter((x) => x !== null).join(' ');
  const layouts: Record<string, (gs: { printed: (number | null)[] }[]) => string[]> = {
    'one line of 15': (gs) => [
      ...HEADER,
      gs
        .map((g) => spaced(g.printed))
        .filter(Boolean)
        .join(' '),
    ],
    'a line per group under the header': (gs) => [...HEADER, ...gs.map((g) => spaced(g.printed))],
    'a line per group after its label': (gs) => [
      '类别 结果维持 结果纠正 其他结果 尚未审结 总计',
      ...gs.map((g, i) =>
        `${['行政复议', '未经复议直接起诉', '复议后起诉'][i]} ${spaced(g.printed)}`.trimEnd(),
      ),
    ],
  };
  for (const [name, layout] of Object.entries(layouts))
    it(`${name}: each cell as printed, or named`, () => {
      fc.assert(
        fc.property(fc.array(group(4), { minLength: 3, maxLength: 3 }), (gs) => {
          fc.pre(gs.some((g) => g.printed.some((v) => v !== null)));
          const lines = layout(gs);
          const r = read([...HEAD, ...lines, ...TAIL].join('\n'));
          asPrintedOrNamed(
            r,
            IDS,
            gs.flatMap((g) => g.printed),
            gs.flatMap((g) => g.fixed),
            lines.slice(-3).join(' / '),
          );
        }),
        { numRuns: 300 },
      );
    });

  const LABELS = ['行政复议', '未经复议直接起诉', '复议后起诉'];
  const BY_LABEL = '类别 结果维持 结果纠正 其他结果 尚未审结 总计';
  it("「行政复议 2 1⏎1 4」 (a group's numbers continued on the next line, a blank among them): that group's row — said, the other groups read", () => {
    // before: 「1 4」 on a line of no label, 表四 was read as its 14 numbers in order — none read
    // (ROW_ALIGNMENT_UNCERTAIN on all 15 cells), 未经复议直接起诉 and 复议后起诉 printed whole lost
    const lines = [BY_LABEL, '行政复议 2 1', '1 4', '未经复议直接起诉 1 0 0 1 2', '复议后起诉 3 0 1 0 4'];
    const r = read([...HEAD, ...lines, ...TAIL].join('\n'));
    expect(IDS.map((id) => r.report.cells[id]?.value)).toEqual([
      ...[0, 1, 2, 3, 4].map(() => undefined),
      ...[1, 0, 0, 1, 2, 3, 0, 1, 0, 4],
    ]);
    const e = r.diagnostics.issues.find((i) => i.code === 'ROW_ALIGNMENT_UNCERTAIN');
    expect(e?.severity).toBe('error');
    expect(e?.cells).toEqual(IDS.slice(0, 5));
    expect(e?.message).toContain('原文：2 1 1 4');
  });
  it('a line per group after its label, its numbers wrapped onto the next line (fast-check): each cell as printed, or named; a group printed whole read as printed', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(group(4), fc.integer({ min: 0, max: 4 })), { minLength: 3, maxLength: 3 }),
        (rows) => {
          const gs = rows.map(([g]) => g);
          fc.pre(gs.some((g) => g.printed.some((v) => v !== null)));
          const lines = [BY_LABEL];
          rows.forEach(([g, cut], i) => {
            const nums = g.printed.filter((v) => v !== null);
            // (wrapped after 1 … all but one of its numbers; 0: on one line)
            const c = cut > 0 && cut < nums.length ? cut : nums.length;
            lines.push(`${LABELS[i]} ${nums.slice(0, c).join(' ')}`.trimEnd());
            if (c < nums.length) lines.push(nums.slice(c).join(' '));
          });
          const r = read([...HEAD, ...lines, ...TAIL].join('\n'));
          const what = lines.join(' / ');
          asPrintedOrNamed(
            r,
            IDS,
            gs.flatMap((g) => g.printed),
            gs.flatMap((g) => g.fixed),
            what,
          );
          gs.forEach((g, i) => {
            if (g.printed.every((v) => v !== null))
              expect(
                IDS.slice(i * 5, i * 5 + 5).map((id) => r.report.cells[id]?.value),
                `${LABELS[i]}: ${what}`,
              ).toEqual(g.printed);
          });
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('ROW_BLANKS_PLACED: the other placement said truthfully', () => {
  it('「⇥⇥2⇥1⇥0⇥0⇥0⇥3⇥」: the placement not taken has its 总计 blank — 「总计空白，无从核对」, not 「对不上」', () => {
    // before: 「（另一种放法：2 | 1 | 0 | 0 | 0 | 3 | （空），本行总计与各列之和对不上）」 — its 总计 is
    // blank: it cannot be checked, rather than not adding up
    const r = read(
      tabTable3Report([
        '一、本年新收政府信息公开申请数量\t\t2\t1\t0\t0\t0\t3\t',
        '二、上年结转政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0',
        '三、本年度办理结果',
        '（一）予以公开\t1\t0\t0\t0\t0\t0\t1',
      ]),
    );
    const m = r.diagnostics.issues.find((i) => i.code === 'ROW_BLANKS_PLACED')?.message ?? '';
    expect(m).toContain('（另一种放法：2 | 1 | 0 | 0 | 0 | 3 | （空），总计空白，无从核对）');
    expect(m).not.toContain('对不上');
  });
});
