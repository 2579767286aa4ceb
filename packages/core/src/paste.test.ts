import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { derive } from './derive.js';
import { type EditionId, getEdition, type RowDef } from './editions/index.js';
import { createEmptyReport, type Report } from './model.js';
import {
  parseTsv,
  pasteBlock,
  pasteLabelKey,
  pasteLayout,
  pasteSummary,
  planPaste,
  splitPastedText,
} from './paste.js';

const EDITIONS: readonly EditionId[] = ['2019-trial', '2021'];
const emptyOf = (edition: EditionId): Report =>
  createEmptyReport({ year: edition === '2021' ? 2025 : 2020, agency: '某某镇人民政府', edition });
const tsv = (rows: readonly (readonly string[])[], eol = '\r\n') =>
  `${rows.map((r) => r.join('\t')).join(eol)}${eol}`;

/** A row's label as printed with its groups (「（三）不予公开1.属于国家秘密」): names the row alone. */
function pathLabel(rows: readonly RowDef[], def: RowDef): string {
  const byKey = new Map(rows.map((r) => [r.key, r]));
  const chain: string[] = [];
  for (let d: RowDef | undefined = def; d; d = d.parent ? byKey.get(d.parent) : undefined)
    chain.unshift(d.label);
  return chain.join('');
}

describe('parseTsv', () => {
  it('any grid of cell texts written as Excel writes it (quoted where needed) reads back the same (fast-check)', () => {
    const cellText = fc.string({
      unit: fc.constantFrom('1', 'a', ' ', '"', '\t', '\n', '表', ',', '—'),
      maxLength: 6,
    });
    fc.assert(
      fc.property(
        fc.array(fc.array(cellText, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 5 }),
        fc.constantFrom('\n', '\r\n'),
        (grid, eol) => {
          // A last line of one empty cell is the trailing newline Excel adds: not a line.
          fc.pre(!(grid.at(-1)!.length === 1 && grid.at(-1)![0] === ''));
          const quote = (c: string) => (/["\t\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
          const text = grid.map((r) => r.map(quote).join('\t')).join(eol);
          expect(parseTsv(text)).toEqual(grid);
          expect(parseTsv(`${text}${eol}`)).toEqual(grid);
        },
      ),
    );
  });
});

describe('paste: a block without labels lands at the cursor as it lies', () => {
  it('any grid of numbers written as TSV lands on the cells from the cursor, each with its number (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...EDITIONS).chain((edition) =>
          fc.record({
            edition: fc.constant(edition),
            start: fc.constantFrom(...pasteLayout(edition).pos.keys()),
            grid: fc.array(fc.array(fc.nat({ max: 999_999 }), { minLength: 1, maxLength: 8 }), {
              minLength: 1,
              maxLength: 5,
            }),
            commas: fc.boolean(),
            eol: fc.constantFrom('\n', '\r\n'),
          }),
        ),
        ({ edition, start, grid, commas, eol }) => {
          const layout = pasteLayout(edition);
          const p = layout.pos.get(start)!;
          const rows = layout.tables[p.t]!.rows;
          const text = tsv(
            grid.map((r) => r.map((n) => (commas ? n.toLocaleString('en-US') : String(n)))),
            eol,
          );
          const plan = planPaste(layout, start, text);
          const expected: { cell: string; n: number }[] = [];
          let outside = 0;
          grid.forEach((r, i) => {
            r.forEach((n, j) => {
              const cell = rows[p.r + i]?.[p.c + j];
              if (cell) expected.push({ cell, n });
              else outside++;
            });
          });
          expect(plan.byLabel).toBeUndefined();
          expect(plan.targets.map((t) => t.cell)).toEqual(expected.map((e) => e.cell));
          expect(plan.outside).toBe(outside);
          const r = pasteBlock(emptyOf(edition), start, text);
          expect(r.errors).toEqual([]);
          // every cell the block covers holds the number pasted there (a total that differs is kept as stated)
          for (const e of expected) expect(r.report.cells[e.cell]?.value).toBe(e.n);
          expect(new Set(r.covered)).toEqual(new Set(expected.map((e) => e.cell)));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('a row of numbers separated by spaces (a PDF copied as text) is the same row with tabs (fast-check)', () => {
    const edition = '2021';
    const empty = emptyOf(edition);
    fc.assert(
      fc.property(
        fc.constantFrom(...pasteLayout(edition).pos.keys()),
        fc.array(fc.nat({ max: 99 }), { minLength: 3, maxLength: 8 }),
        fc.constantFrom(' ', '  ', '\u00a0', '\u3000'),
        (start, nums, sp) => {
          const spaced = pasteBlock(empty, start, nums.join(sp));
          const tabbed = pasteBlock(empty, start, nums.join('\t'));
          expect(spaced.report.cells).toEqual(tabbed.report.cells);
          expect(spaced.spaceSplit).toEqual({ lines: 1, values: nums.length });
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('paste: a block with row labels goes by its labels', () => {
  for (const edition of EDITIONS) {
    const e = getEdition(edition);
    const t3 = e.tables.applications;
    const t2rows = e.tables.activeDisclosure.blocks.flatMap((b) =>
      b.rows.map((r) => ({ r, n: b.columns.length })),
    );
    const lines = [
      ...t3.dataRows.map((r) => ({
        table: 'applications',
        label: pathLabel(t3.rows, r),
        n: t3.columns.length,
      })),
      ...t2rows.map(({ r, n }) => ({ table: 'activeDisclosure', label: r.label, n })),
    ];
    it(`${edition}: rows in any order, any subset, the cursor anywhere in the table: the same cells as in order (fast-check)`, () => {
      const layout = pasteLayout(edition);
      const empty = emptyOf(edition);
      fc.assert(
        fc.property(
          fc.constantFrom('applications', 'activeDisclosure').chain((table) => {
            const mine = lines.map((l, i) => ({ ...l, i })).filter((l) => l.table === table);
            const cells = [...layout.pos.keys()].filter((id) => id.startsWith(`${table}.`));
            return fc.record({
              picked: fc.shuffledSubarray(mine, { minLength: 1 }),
              values: fc.array(fc.nat({ max: 500 }), { minLength: 7, maxLength: 7 }),
              start: fc.constantFrom(...cells),
            });
          }),
          ({ picked, values, start }) => {
            const block = picked.map((l) => [l.label, ...values.slice(0, l.n).map((v) => String(v + l.i))]);
            const shuffled = pasteBlock(empty, start, tsv(block));
            const inOrder = pasteBlock(
              empty,
              start,
              tsv([...picked].sort((a, b) => a.i - b.i).map((l) => block[picked.indexOf(l)]!)),
            );
            const atFirst = pasteBlock(
              empty,
              [...layout.pos.keys()].find((id) => id.startsWith(start.split('.')[0]!))!,
              tsv(block),
            );
            expect(shuffled.byLabel).toMatchObject({ rows: picked.length, unmatched: [] });
            expect(shuffled.report.cells).toEqual(inOrder.report.cells);
            expect(shuffled.report.cells).toEqual(atFirst.report.cells);
            // each line's numbers are on the row its label names, from the row's first cell
            const plan = planPaste(layout, start, tsv(block));
            picked.forEach((_, k) => {
              const mine = plan.targets.filter((x) => x.row === k);
              expect(mine.map((x) => x.text)).toEqual(block[k]!.slice(1));
              const rowOf = layout.pos.get(mine[0]!.cell)!;
              expect(mine.map((x) => layout.pos.get(x.cell))).toEqual(
                mine.map((_, c) => ({ t: rowOf.t, r: rowOf.r, c })),
              );
            });
            expect(shuffled.errors).toEqual([]);
            // its own rows with its own labels: nothing said of the other edition but that a row both
            // have with as many columns meaning other things (规章) cannot tell which it is
            for (const n of shuffled.editionNotes ?? [])
              expect(n).toMatchObject({ code: 'PASTE_EDITION_AMBIGUOUS', pasted: true });
          },
        ),
        { numRuns: 60 },
      );
    });
  }
});

describe('paste: the awkward cases', () => {
  const empty = emptyOf('2021');
  const v = (r: Report, id: string) => r.cells[`applications.${id}`]?.value ?? null;
  const COLS = getEdition('2021').tables.applications.columns.map((c) => c.key);
  const row = (r: Report, key: string) => COLS.map((c) => v(r, `${key}.${c}`));
  const at = 'applications.newReceived.naturalPerson';

  it('a cursor on no cell of the report’s edition is refused (UNKNOWN_CELL), not every value said 「超出表格范围」', () => {
    // the trial format's id in a 2021 report, a typo, the 2021 id in a trial report
    const cases: [EditionId, string][] = [
      ['2021', 'activeDisclosure.licensing.prevYearItems'],
      ['2021', 'applications.newReceived.naturalPersn'],
      ['2019-trial', 'activeDisclosure.licensing.prevYear'],
    ];
    for (const [edition, start] of cases) {
      let thrown: unknown;
      try {
        pasteBlock(emptyOf(edition), start, '300');
      } catch (e) {
        thrown = e;
      }
      expect(thrown, start).toMatchObject({ code: 'UNKNOWN_CELL', details: { cell: start, edition } });
      expect((thrown as Error).message).toContain(start);
    }
    // every cell of the layout is a start
    for (const edition of EDITIONS)
      for (const t of pasteLayout(edition).tables)
        for (const cells of t.rows)
          for (const c of cells) expect(() => pasteBlock(emptyOf(edition), c, '1')).not.toThrow();
  });

  it('the official layout copied whole: labels over three columns, merged cells blank, header lines skipped', () => {
    const text = tsv([
      ['（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', '', '', '申请人情况'],
      ['', '', '', '自然人', '法人或其他组织', '', '', '', '', '总计'],
      ['', '', '', '', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', ''],
      ['一、本年新收政府信息公开申请数量', '', '', '5', '1', '0', '0', '0', '0', '6'],
      ['三、本年度办理结果', '（一）予以公开', '', '3', '1', '0', '0', '0', '0', '4'],
      ['', '（三）不予公开', '1.属于国家秘密', '1', '0', '0', '0', '0', '0', '1'],
      ['', '（六）其他处理', '3.其他', '0', '0', '1', '0', '0', '0', '1'],
    ]);
    const r = pasteBlock(empty, at, text);
    expect(r.headerRows).toBe(3);
    expect(r.byLabel).toMatchObject({ rows: 4, labelColumns: 3, unmatched: [] });
    expect(row(r.report, 'newReceived')).toEqual([5, 1, 0, 0, 0, 0, 6]);
    expect(row(r.report, 'denied_stateSecret')).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(row(r.report, 'other_other')).toEqual([0, 0, 1, 0, 0, 0, 1]);
    expect(r.errors).toEqual([]);
  });

  it('a first column printed blank (「—」) on every line, with an empty column selected past the table: nothing moves a column', () => {
    // Excel copies the empty column selected at the right as a trailing tab
    const lines = [
      ['一、本年新收政府信息公开申请数量', '—', '2', '0', '0', '0', '0', '2', ''],
      ['二、上年结转政府信息公开申请数量', '—', '1', '0', '0', '0', '0', '1', ''],
    ];
    const r = pasteBlock(empty, at, tsv(lines));
    // 商业企业 2 was read as 自然人, the printed 总计 2 as 其他, and 总计 computed 4
    expect(row(r.report, 'newReceived')).toEqual([null, 2, 0, 0, 0, 0, 2]);
    expect(row(r.report, 'carriedOver')).toEqual([null, 1, 0, 0, 0, 0, 1]);
    // 表二: 规章 — 0 0 (制发 blank, 废止 0, 现行有效 0), not 0 0 and a blank
    const t2 = pasteBlock(
      empty,
      'activeDisclosure.regulations.made',
      tsv([
        ['规章', '—', '0', '0', ''],
        ['行政规范性文件', '—', '3', '10', ''],
      ]),
    );
    const ad = (k: string) => t2.report.cells[`activeDisclosure.${k}`]?.value;
    expect(['regulations.made', 'regulations.repealed', 'regulations.valid'].map(ad)).toEqual([null, 0, 0]);
    expect(['normativeDocs.made', 'normativeDocs.repealed', 'normativeDocs.valid'].map(ad)).toEqual([
      null,
      3,
      10,
    ]);
    // a label over three columns, its merged cells empty, 自然人 printed 「—」: the empty cells only are skipped
    const merged = pasteBlock(
      empty,
      at,
      tsv([['一、本年新收政府信息公开申请数量', '', '', '—', '2', '0', '0', '0', '0', '2', '']]),
    );
    expect(row(merged.report, 'newReceived')).toEqual([null, 2, 0, 0, 0, 0, 2]);
    // and its 总计 printed 「—」 on every line: the values still start after the label
    const noTotal = pasteBlock(
      empty,
      at,
      tsv([
        ['一、本年新收政府信息公开申请数量', '', '', '5', '1', '0', '0', '0', '0', '—'],
        ['二、上年结转政府信息公开申请数量', '', '', '1', '0', '0', '0', '0', '0', '—'],
      ]),
    );
    expect(row(noTotal.report, 'newReceived')).toEqual([5, 1, 0, 0, 0, 0, 6]);
  });

  it('rows by label with values printed 「—」 anywhere, the label merged or not, an empty column past the table or not: every value in its column (fast-check)', () => {
    for (const edition of EDITIONS) {
      const e = getEdition(edition);
      const rows = e.tables.applications.dataRows;
      const cols = e.tables.applications.columns;
      const value = fc.oneof(fc.nat({ max: 9 }).map(String), fc.constant('—'));
      fc.assert(
        fc.property(
          fc.uniqueArray(fc.integer({ min: 0, max: rows.length - 1 }), { minLength: 1, maxLength: 6 }),
          fc.array(fc.array(value, { minLength: cols.length, maxLength: cols.length }), {
            minLength: 6,
            maxLength: 6,
          }),
          fc.boolean(),
          fc.boolean(),
          (picked, values, merged, trailing) => {
            const lines = picked.map((ri, k) => [
              rows[ri]!.label,
              ...(merged ? ['', ''] : []),
              ...values[k]!,
              ...(trailing ? [''] : []),
            ]);
            const r = pasteBlock(emptyOf(edition), at, tsv(lines)).report;
            picked.forEach((ri, k) => {
              cols.forEach((c, ci) => {
                if (c.key === 'total') return; // a total follows its parts or is kept as stated
                const text = values[k]![ci]!;
                expect(r.cells[`applications.${rows[ri]!.key}.${c.key}`]?.value ?? null).toBe(
                  text === '—' ? null : Number(text),
                );
              });
            });
          },
        ),
        { numRuns: 150 },
      );
    }
  });

  it('a row copied from a PDF as text with fewer numbers than its cells (its blank cells lost in the copy): said, not passed over', () => {
    // 自然人 1 and 总计 1 printed, the other cells blank: the text copied is 「… 1 1」
    const r = pasteBlock(empty, at, '二、上年结转政府信息公开申请数量 1 1');
    expect(r.short).toEqual([{ row: 0, label: '二、上年结转政府信息公开申请数量', values: 2, cells: 7 }]);
    expect(pasteSummary(r).warn).toBe(
      '第 1 行「二、上年结转政府信息公开申请数量」只有 2 个数，而该行有 7 格：复制 PDF 或网页时空白的格子会丢失，数值可能错位（已从该行第一格起依次填入），请逐格核对。',
    );
    // a whole row, or a row from Excel (tabs: the cells as selected), says nothing of the kind
    expect(pasteBlock(empty, at, '二、上年结转政府信息公开申请数量 1 0 0 0 0 0 1').short).toBeUndefined();
    expect(pasteBlock(empty, at, '二、上年结转政府信息公开申请数量\t1\t1').short).toBeUndefined();
    expect(
      pasteSummary(pasteBlock(empty, at, '二、上年结转政府信息公开申请数量 1 0 0 0 0 0 1')).warn,
    ).toBeNull();
    // several such lines: said once, each named
    const two = pasteBlock(
      empty,
      at,
      '一、本年新收政府信息公开申请数量 3 3\n二、上年结转政府信息公开申请数量 1 1',
    );
    expect(pasteSummary(two).warn).toBe(
      '2 行的数比该行的格少：第 1 行「一、本年新收政府信息公开申请数量」（2 个数，7 格）、第 2 行「二、上年结转政府信息公开申请数量」（2 个数，7 格）。复制 PDF 或网页时空白的格子会丢失，数值可能错位（已从各行第一格起依次填入），请逐格核对。',
    );
  });

  it('empty columns after the label that may be a merged label or blank values: placed as merged, and said', () => {
    // a label merged over three columns, the row copied without its 总计: 6 values after 2 empty cells
    // — or a label in one column and 自然人 left empty: the block cannot tell
    const r = pasteBlock(
      empty,
      at,
      tsv([['一、本年新收政府信息公开申请数量', '', '', '5', '1', '0', '0', '0', '0']]),
    );
    expect(r.byLabel).toMatchObject({ emptyColumns: 1 });
    expect(pasteSummary(r).warn).toBe(
      '行标题后的第 2 列各行都是空的，已当作行标题的合并格跳过；其后一列也都是空的：如果空格中有空白的数值格，数值会错一列，请逐格核对。',
    );
    // the official layout (7 values after the merged cells): nothing to say
    const whole = pasteBlock(
      empty,
      at,
      tsv([['一、本年新收政府信息公开申请数量', '', '', '5', '1', '0', '0', '0', '0', '6']]),
    );
    expect(whole.byLabel!.emptyColumns).toBeUndefined();
    expect(pasteSummary(whole).warn).toBeNull();
  });

  it('a line with more values than its row has cells: said with the row', () => {
    // 表二 with two more values than the row, which is no row of either edition's width: the first pasted, said
    const r = pasteBlock(
      empty,
      'activeDisclosure.licensing.decisions',
      tsv([
        ['行政许可', '10', '2', '300', '4'],
        ['行政事业性收费', '5', '-1', '7'],
      ]),
    );
    expect(r.long).toEqual([
      { row: 0, label: '行政许可', values: 4, cells: 1 },
      { row: 1, label: '行政事业性收费', values: 3, cells: 1 },
    ]);
    expect(pasteSummary(r).warn).toBe(
      '2 行的数比该行的格多：第 1 行「行政许可」（4 个数，1 格）、第 2 行「行政事业性收费」（3 个数，1 格）。只填入了各行前面的数，其余未粘贴；如果复制的是另一版格式的表格，各列的含义不同，请逐格核对。',
    );
    // as many values as the trial format's row (行政许可: 上一年项目数量 10, 本年增/减 2, 处理决定数量 300):
    // not pasted at all (PASTE_OTHER_EDITION_ROW, below), never 10 as 本年处理决定数量
    const trial = pasteBlock(empty, 'activeDisclosure.licensing.decisions', '行政许可\t10\t2\t300');
    expect(trial.long).toBeUndefined();
    expect(trial.changes).toEqual([]);
    // one line: said of it
    const one = pasteBlock(
      empty,
      at,
      tsv([['一、本年新收政府信息公开申请数量', '5', '1', '0', '0', '0', '0', '6', '6']]),
    );
    expect(pasteSummary(one).warn).toBe(
      '第 1 行「一、本年新收政府信息公开申请数量」有 8 个数，而该行只有 7 格：只填入了前 7 个，其余未粘贴；如果复制的是另一版格式的表格，各列的含义不同，请逐格核对。',
    );
    // as many values as cells, an empty cell past them: nothing to say
    expect(
      pasteBlock(
        empty,
        at,
        tsv([['一、本年新收政府信息公开申请数量', '5', '1', '0', '0', '0', '0', '6', '']]),
      ).long,
    ).toBeUndefined();
  });

  it('表二 copied with the column heads of the other edition: the heads are named, whatever the rows give', () => {
    // 2019-trial 第二十条第（一）项: 本年新制作数量 / 本年新公开数量 / 对外公开总数量 — in 2021 the three cells are
    // 本年制发件数 / 本年废止件数 / 现行有效件数: as many cells, other meanings
    const r = pasteBlock(
      empty,
      'activeDisclosure.regulations.made',
      tsv([
        ['信息内容', '本年新制作数量', '本年新公开数量', '对外公开总数量'],
        ['规章', '0', '0', '0'],
        ['规范性文件', '3', '3', '12'],
      ]),
    );
    expect(r.byLabel).toMatchObject({
      otherEditionHeads: ['本年新制作数量', '本年新公开数量', '对外公开总数量'],
    });
    expect(pasteSummary(r).warn).toBe(
      '粘贴内容的列标题「本年新制作数量」「本年新公开数量」「对外公开总数量」是《格式（试行）》的，本报告按 2021 版格式填写：各列的含义不同，数值已按位置填入，请逐格核对。',
    );
    // the heads of its own edition: nothing to say
    const own = pasteBlock(
      empty,
      'activeDisclosure.regulations.made',
      tsv([
        ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数'],
        ['规章', '0', '0', '0'],
      ]),
    );
    expect(own.byLabel!.otherEditionHeads).toBeUndefined();
    expect(pasteSummary(own).warn).toBeNull();
  });

  it('does not guess: a label naming no row, a group heading with numbers, a row named twice are not pasted, and named', () => {
    const r = pasteBlock(
      empty,
      at,
      tsv([
        ['一、本年新收政府信息公开申请数量', '5', '1'],
        ['本年新收（网上申请）', '9', '9'],
        ['三、本年度办理结果', '8', '8'],
        ['2.重复申请', '1', '0'],
        ['2.重复申请', '4', '4'],
      ]),
    );
    expect(r.byLabel?.unmatched).toEqual([
      '「本年新收（网上申请）」',
      '「三、本年度办理结果」',
      '「2.重复申请」（重复，只粘贴了第一次出现的一行）',
    ]);
    for (const n of [9, 8, 4]) expect(Object.values(r.report.cells).map((c) => c.value)).not.toContain(n);
    expect(pasteSummary(r).warn).toContain('3 行的行标题与本表的行不对应，未粘贴');
  });

  it('lines of another table say where they belong, and paste nothing here', () => {
    const r = pasteBlock(empty, at, '规章\t1\t0\t5');
    expect(r.changes).toEqual([]);
    expect(r.byLabel).toMatchObject({ rows: 0, otherTable: '表二' });
    expect(pasteSummary(r)).toEqual({
      text: '未粘贴：第 1 列是行标题，但没有一行与本表的行对应。',
      warn: '1 行的行标题与本表的行不对应，未粘贴：「规章」。这些是表二的行，请在表二中粘贴。',
    });
  });

  it('a header line of column heads above numbers is skipped; messages name the line as pasted', () => {
    const r = pasteBlock(
      empty,
      at,
      tsv([
        ['自然人', '商业企业', '科研机构'],
        ['3', '1', '0'],
        ['2', '0', 'y'],
      ]),
    );
    expect(r.headerRows).toBe(1);
    expect(row(r.report, 'newReceived').slice(0, 3)).toEqual([3, 1, 0]);
    expect(r.errors).toEqual([
      '第 3 行第 3 列：“y”不是非负整数，已跳过（表三 二、上年结转政府信息公开申请数量 · 科研机构）',
    ]);
  });

  it('each cell text is read as typed: blanks, 万/亿, thousands, footnotes; refused texts keep the old value and say why', () => {
    const base = pasteBlock(empty, at, '7\t7\t7\t7').report;
    const r = pasteBlock(base, at, '—\t1,234\t12 3\t35¹');
    expect(row(r.report, 'newReceived').slice(0, 4)).toEqual([null, 1234, 7, 35]);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toContain('数字中间有空格');
    expect(r.refused).toEqual([
      {
        cell: 'applications.newReceived.researchInstitution',
        row: 0,
        col: 2,
        message: expect.stringContaining('数字中间有空格'),
      },
    ]);
    expect(r.notes[0]).toContain('已去掉数字后的注释号“¹”');
    const fee = pasteBlock(empty, 'activeDisclosure.adminFees.feeAmount', '1.5亿');
    expect(fee.report.cells['activeDisclosure.adminFees.feeAmount']).toMatchObject({
      value: 15000,
      unit: '万元',
    });
    expect(pasteSummary(fee).text).toContain('已按万元换算：1.5亿元 = 15000万元');
    const circled = pasteBlock(base, at, '①');
    expect(v(circled.report, 'newReceived.naturalPerson')).toBe(7);
    expect(circled.errors[0]).toContain('带圈数字');
  });

  it('表四 is one row of fifteen numbers, as printed: 行政复议, then 未经复议直接起诉, then 复议后起诉', () => {
    const t4 = pasteLayout('2021').tables[2]!;
    expect(t4.rows).toHaveLength(1);
    const nums = [1, 0, 0, 1, 2, 0, 1, 0, 0, 1, 0, 0, 1, 0, 1];
    const r = pasteBlock(empty, t4.rows[0]![0]!, nums.join(' '));
    expect(t4.rows[0]!.map((id) => r.report.cells[id]?.value)).toEqual(nums);
    expect(r.report.cells['reviewLitigation.litigationDirect.upheld']?.value).toBe(0);
    expect(r.report.cells['reviewLitigation.litigationAfterReview.total']?.value).toBe(1);
  });

  it('表二 copied whole: its captions and heads skipped, each line to its row', () => {
    const r = pasteBlock(
      empty,
      'activeDisclosure.regulations.made',
      tsv([
        ['第二十条第（一）项'],
        ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数'],
        ['规章', '1', '0', '5'],
        ['行政规范性文件', '3', '1', '12'],
        ['第二十条第（五）项'],
        ['信息内容', '本年处理决定数量'],
        ['行政许可', '120', '', ''],
        ['行政事业性收费', '2.5'],
      ]),
    );
    const a = (id: string) => r.report.cells[`activeDisclosure.${id}`]?.value ?? null;
    expect([a('regulations.made'), a('regulations.repealed'), a('regulations.valid')]).toEqual([1, 0, 5]);
    expect(a('normativeDocs.valid')).toBe(12);
    expect(a('licensing.decisions')).toBe(120);
    expect(a('adminFees.feeAmount')).toBe(2.5);
    expect(r.headerRows).toBe(2);
    expect(r.errors).toEqual([]);
  });

  it('a pasted total equal to its parts stays computed, one that differs is kept as stated; a cell the report lacks is added', () => {
    const parts = pasteBlock(empty, at, '1\t1\t1\t1\t1\t1').report;
    expect(parts.cells['applications.newReceived.total']).toMatchObject({ value: 6, origin: 'derived' });
    const same = pasteBlock(parts, 'applications.newReceived.total', '6');
    expect(same.report.cells['applications.newReceived.total']!.origin).toBe('derived');
    const diff = pasteBlock(parts, 'applications.newReceived.total', '9');
    expect(diff.report.cells['applications.newReceived.total']).toMatchObject({
      value: 9,
      origin: 'entered',
    });
    const lacking = 'activeDisclosure.normativeDocs.made';
    const { [lacking]: _gone, ...cells } = empty.cells;
    const added = pasteBlock({ ...empty, cells }, lacking, '69\t3\t665');
    expect(added.report.cells[lacking]).toMatchObject({ value: 69, origin: 'entered' });
  });

  it('a row pasted with its total over an imported total at odds with its parts: the total, now equal to them, follows them again', () => {
    const total = 'applications.granted.total';
    // imported: 总计 printed 10, its parts blank
    const imported = {
      ...empty,
      cells: { ...empty.cells, [total]: { value: 10, origin: 'imported' as const } },
    };
    const pasted = pasteBlock(imported, 'applications.granted.naturalPerson', '1\t2\t3\t0\t0\t0\t6').report;
    expect(pasted.cells[total]).toMatchObject({ value: 6, origin: 'derived' });
    // then 自然人 corrected to 2: the 总计 follows (it stayed a stated 6 — a T3-H error on a total the form shows read-only)
    const corrected = pasteBlock(pasted, 'applications.granted.naturalPerson', '2').report;
    expect(corrected.cells[total]).toMatchObject({ value: 7, origin: 'derived' });
    expect(derive(corrected).conflicts).toEqual([]);
    // a pasted total that differs from its parts is still kept as stated, over an imported one too
    const differs = pasteBlock(imported, 'applications.granted.naturalPerson', '1\t2\t3\t0\t0\t0\t9').report;
    expect(differs.cells[total]).toMatchObject({ value: 9, origin: 'entered' });
    // the number it already states pasted again: kept as it was; a blank pasted on it, too
    expect(pasteBlock(imported, total, '10').report.cells[total]).toEqual({ value: 10, origin: 'imported' });
    expect(pasteBlock(imported, total, '—').report.cells[total]).toMatchObject({
      value: 10,
      origin: 'imported',
    });
  });

  it('labels are compared as printed variants: widths, brackets, 「1、」, spaces, a remark left out', () => {
    expect(pasteLabelKey('（三）不予公开')).toBe(pasteLabelKey('(三)不予公开'));
    expect(pasteLabelKey('1、属于国家秘密')).toBe(pasteLabelKey('1．属于国家秘密'));
    const r = pasteBlock(
      empty,
      at,
      tsv([
        ['(一) 予以公开', '3'],
        ['四、 结转下年度继续办理：', '6'],
      ]),
    );
    expect(v(r.report, 'granted.naturalPerson')).toBe(3);
    expect(v(r.report, 'carriedForward.naturalPerson')).toBe(6);
  });

  it('splitPastedText: a line of one value with spaces stays one (「12 345」, 「15 件」); text among values is not split', () => {
    expect(splitPastedText('12 345').block).toEqual([['12 345']]);
    expect(splitPastedText('15 件').block).toEqual([['15 件']]);
    expect(splitPastedText('约 5 件').block).toEqual([['约 5 件']]);
    expect(splitPastedText('二、上年结转 4 2 0')).toEqual({
      block: [['二、上年结转', '4', '2', '0']],
      split: { lines: 1, values: 3 },
    });
  });
  it('a PDF line whose label has a space after its number (「1. 属于国家秘密 1 0 0 0 0 0 1」) is the label and its values', () => {
    expect(splitPastedText('1. 属于国家秘密 1 0 0 0 0 0 1').block).toEqual([
      ['1. 属于国家秘密', '1', '0', '0', '0', '0', '0', '1'],
    ]);
    expect(splitPastedText('（三）不予公开 2、 其他法律行政法规禁止公开 0 1 0 0 0 0 1').block).toEqual([
      ['（三）不予公开 2、 其他法律行政法规禁止公开', '0', '1', '0', '0', '0', '0', '1'],
    ]);
    const r = pasteBlock(
      emptyOf('2021'),
      'applications.newReceived.naturalPerson',
      '1. 属于国家秘密 1 0 0 0 0 0 1',
    );
    expect(r.errors).toEqual([]);
    expect(r.report.cells['applications.denied_stateSecret.naturalPerson']!.value).toBe(1);
    expect(r.report.cells['applications.denied_stateSecret.total']!.value).toBe(1);
    // a number among words is still no label's numbering: the line stays whole
    expect(splitPastedText('约 5 件').block).toEqual([['约 5 件']]);
    expect(splitPastedText('1. 5 6').block).toEqual([['1.', '5', '6']]);
  });
});

describe('paste without column heads: a block that may be the other edition’s', () => {
  const OTHER = { '2021': '2019-trial', '2019-trial': '2021' } as const;
  /** The rows of a table as an edition prints them: label (its path for 表三), key, columns. */
  const rowsOf = (edition: EditionId, table: 'activeDisclosure' | 'applications') => {
    const e = getEdition(edition);
    if (table === 'activeDisclosure')
      return e.tables.activeDisclosure.blocks.flatMap((b) =>
        b.rows.map((r) => ({ label: r.label, key: r.key, cols: b.columns.map((c) => c.label) })),
      );
    const t3 = e.tables.applications;
    return t3.dataRows.map((r) => ({
      label: pathLabel(t3.rows, r),
      key: r.key,
      cols: t3.columns.map((c) => c.label),
    }));
  };

  it('「规范性文件 3 3 12」 (the trial format’s row, no heads) in a 2021 report: pasted by position and said, with a code', () => {
    const r = pasteBlock(emptyOf('2021'), 'activeDisclosure.regulations.made', '规范性文件\t3\t3\t12');
    expect(r.report.cells['activeDisclosure.normativeDocs.valid']?.value).toBe(12);
    expect(r.editionNotes).toEqual([
      expect.objectContaining({
        code: 'PASTE_OTHER_EDITION_COLUMNS',
        row: 0,
        label: '规范性文件',
        pasted: true,
      }),
    ]);
    const warn = pasteSummary(r).warn!;
    expect(warn).toContain('「规范性文件」');
    expect(warn).toContain('《格式（试行）》');
    expect(warn).toContain('本年新制作数量');
    expect(warn).toContain('本年制发件数');
    // the 2021 label: nothing to say, nor of 规章 beside it (the block is the 2021 table's)
    const own = pasteBlock(
      emptyOf('2021'),
      'activeDisclosure.regulations.made',
      tsv([
        ['规章', '0', '0', '0'],
        ['行政规范性文件', '3', '1', '12'],
        ['行政许可', '120'],
      ]),
    );
    expect(own.editionNotes).toBeUndefined();
    expect(pasteSummary(own).warn).toBeNull();
    // 规章 alone: both editions have it, three columns meaning other things — said as undecidable
    const alone = pasteBlock(emptyOf('2021'), 'activeDisclosure.regulations.made', '规章\t0\t1\t5');
    expect(alone.report.cells['activeDisclosure.regulations.valid']?.value).toBe(5);
    expect(alone.editionNotes).toEqual([
      expect.objectContaining({ code: 'PASTE_EDITION_AMBIGUOUS', row: 0, pasted: true }),
    ]);
    expect(pasteSummary(alone).warn).toContain('无法判断是哪一版');
  });

  it('a line whose count fits the other edition’s row and not this one’s is not pasted: 「行政许可 10 2 300」 in 2021, 「行政许可 300」 in 2019', () => {
    const r = pasteBlock(
      emptyOf('2021'),
      'activeDisclosure.licensing.decisions',
      tsv([
        ['规章', '0', '0', '0'],
        ['行政许可', '10', '2', '300'],
        ['其他对外管理服务事项', '4', '0', '9'],
        ['行政事业性收费', '5', '-1'],
      ]),
    );
    expect(r.report.cells['activeDisclosure.licensing.decisions']?.value ?? null).toBeNull();
    expect(r.report.cells['activeDisclosure.adminFees.feeAmount']?.value ?? null).toBeNull();
    expect(r.editionNotes?.map((n) => [n.code, n.row, n.pasted])).toEqual([
      ['PASTE_OTHER_EDITION_COLUMNS', 0, true],
      ['PASTE_OTHER_EDITION_ROW', 1, false],
      ['PASTE_OTHER_EDITION_ONLY_ROW', 2, false],
      ['PASTE_OTHER_EDITION_ROW', 3, false],
    ]);
    const warn = pasteSummary(r).warn!;
    // what corresponds is named with its number: 处理决定数量 300 → 本年处理决定数量
    expect(warn).toContain('「处理决定数量」300');
    expect(warn).toContain('「本年处理决定数量」');
    expect(warn).toContain('「其他对外管理服务事项」（《格式（试行）》的行');
    // the other way round
    const back = pasteBlock(
      emptyOf('2019-trial'),
      'activeDisclosure.licensing.prevYearItems',
      '行政许可\t300',
    );
    expect(back.report.cells['activeDisclosure.licensing.prevYearItems']?.value ?? null).toBeNull();
    expect(back.editionNotes).toEqual([
      expect.objectContaining({ code: 'PASTE_OTHER_EDITION_ROW', row: 0, pasted: false, edition: '2021' }),
    ]);
    expect(pasteSummary(back).warn).toContain('「本年处理决定数量」300 对应本报告的「处理决定数量」');
  });

  it('表三 （六）其他处理 of the trial format in a 2021 report: not pasted, and where its numbers go is said', () => {
    const r = pasteBlock(
      emptyOf('2021'),
      'applications.newReceived.naturalPerson',
      '（六）其他处理\t1\t0\t0\t0\t0\t0\t1',
    );
    expect(r.changes).toEqual([]);
    expect(r.editionNotes).toEqual([
      expect.objectContaining({ code: 'PASTE_OTHER_EDITION_ONLY_ROW', row: 0 }),
    ]);
    expect(pasteSummary(r).warn).toContain('3.其他');
  });

  it('a block without labels shaped as the other edition’s table: pasted as it lies, and said', () => {
    for (const edition of EDITIONS) {
      const other = OTHER[edition];
      for (const table of ['activeDisclosure', 'applications'] as const) {
        const first = pasteLayout(edition).tables.find((t) => t.table === table)!.rows[0]![0]!;
        const theirs = rowsOf(other, table).map((r, i) => r.cols.map((_, j) => String(i + j)));
        const r = pasteBlock(emptyOf(edition), first, tsv(theirs));
        expect(r.editionNotes, `${edition} ${table}`).toEqual([
          expect.objectContaining({ code: 'PASTE_OTHER_EDITION_SHAPE', edition: other, pasted: true }),
        ]);
        expect(pasteSummary(r).warn).toContain('请连同行标题一起复制');
        // its own table: nothing to say
        const mine = rowsOf(edition, table).map((r, i) => r.cols.map((_, j) => String(i + j)));
        expect(
          pasteBlock(emptyOf(edition), first, tsv(mine)).editionNotes,
          `${edition} ${table}`,
        ).toBeUndefined();
      }
    }
  });

  it('a line of the other edition, by its label, never changes a cell whose column means another thing without a note on that line (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...EDITIONS).chain((edition) => {
          const other = OTHER[edition];
          return fc.record({
            edition: fc.constant(edition),
            table: fc.constantFrom('activeDisclosure' as const, 'applications' as const),
            values: fc.array(fc.nat({ max: 300 }), { minLength: 7, maxLength: 7 }),
            pick: fc.array(fc.nat(), { minLength: 1, maxLength: 6 }),
            other: fc.constant(other),
          });
        }),
        ({ edition, table, values, pick, other }) => {
          const theirs = rowsOf(other, table);
          const lines = [...new Set(pick.map((k) => k % theirs.length))].map((k) => theirs[k]!);
          const block = lines.map((l, i) => [l.label, ...l.cols.map((_, j) => String(values[j]! + i))]);
          const layout = pasteLayout(edition);
          const start = layout.tables.find((t) => t.table === table)!.rows[0]![0]!;
          const r = pasteBlock(emptyOf(edition), start, tsv(block));
          const plan = planPaste(layout, start, tsv(block));
          const mine = new Map(rowsOf(edition, table).map((x) => [x.key, x]));
          for (const t of plan.targets) {
            const line = lines[t.row]!;
            const here = mine.get(t.cell.split('.')[1]!)!;
            const same = here.key === line.key && here.cols.join('|') === line.cols.join('|');
            if (!same) expect(r.editionNotes?.some((n) => n.row === t.row && n.pasted)).toBe(true);
          }
          // a line not pasted because of its edition is said
          for (const n of r.editionNotes ?? []) expect(n.message).toMatch(/《格式（试行）》|2021 版格式/);
        },
      ),
      { numRuns: 120 },
    );
  });
});
