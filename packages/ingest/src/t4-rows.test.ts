/**
 * 表四 printed one row per group, each row with its label (Markdown, HTML, tab-separated lines): each
 * group is read from its own row. Before, the 15 numbers were read in group order whatever the
 * labels said: rows in another order (复议后起诉 before 未经复议直接起诉) were read into each other's
 * cells without a word, a 「行政诉讼」 row above its two groups took the place of 未经复议直接起诉, and
 * a 序号 column in a row with blanks became 结果维持 (QA report qa-ingest2, items 1 and 5).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ingestSync } from './index.js';

const GROUPS = ['review', 'litigationDirect', 'litigationAfterReview'] as const;
const COLS = ['upheld', 'corrected', 'other', 'pending', 'total'] as const;
type Row = readonly (number | null)[];

const HEAD = [
  '# 某某县人民政府2022年政府信息公开工作年度报告',
  '',
  '## 一、总体情况',
  '',
  '本年度工作情况。',
  '',
  '## 四、政府信息公开行政复议、行政诉讼情况',
  '',
];
const TAIL = ['', '## 五、存在的主要问题及改进情况', '', '无。'];

function cellsOf(
  id: (typeof GROUPS)[number],
  r: ReturnType<typeof ingestSync>,
): (number | null | undefined)[] {
  return COLS.map((c) => r.report.cells[`reviewLitigation.${id}.${c}`]?.value);
}

function expectRows(r: ReturnType<typeof ingestSync>, rows: Record<(typeof GROUPS)[number], Row>): void {
  for (const g of GROUPS) expect(cellsOf(g, r), g).toEqual(rows[g]);
}

const A: Row = [2, 1, 0, 1, 4];
const B: Row = [1, 0, 0, 1, 2];
const C: Row = [3, 0, 1, 0, 4];

describe('表四 read by its row labels', () => {
  it('rows in another order (Markdown): each group from its own row', () => {
    const md = [
      ...HEAD,
      '|  | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |',
      '| --- | ---: | ---: | ---: | ---: | ---: |',
      '| 行政复议 | 2 | 1 | 0 | 1 | 4 |',
      '| 行政诉讼 · 复议后起诉 | 3 | 0 | 1 | 0 | 4 |',
      '| 行政诉讼 · 未经复议直接起诉 | 1 | 0 | 0 | 1 | 2 |',
      ...TAIL,
    ].join('\n');
    expectRows(ingestSync(md, { kind: 'text' }), {
      review: A,
      litigationDirect: B,
      litigationAfterReview: C,
    });
  });

  it('rows in another order (HTML, 「行政诉讼（复议后起诉）」)', () => {
    const html = `<html><body><h1>某某县人民政府2022年政府信息公开工作年度报告</h1><h2>四、政府信息公开行政复议、行政诉讼情况</h2>
<table><tr><td></td><td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td></tr>
<tr><td>行政复议</td><td>2</td><td>1</td><td>0</td><td>1</td><td>4</td></tr>
<tr><td>行政诉讼（复议后起诉）</td><td>3</td><td>0</td><td>1</td><td>0</td><td>4</td></tr>
<tr><td>行政诉讼（未经复议直接起诉）</td><td>1</td><td>0</td><td>0</td><td>1</td><td>2</td></tr></table>
<h2>五、存在的主要问题及改进情况</h2><p>无。</p></body></html>`;
    expectRows(ingestSync(html, { kind: 'html' }), {
      review: A,
      litigationDirect: B,
      litigationAfterReview: C,
    });
  });

  it('a 「行政诉讼」 row of empty cells above its two groups (Markdown)', () => {
    const md = [
      ...HEAD,
      '|  | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |',
      '| --- | ---: | ---: | ---: | ---: | ---: |',
      '| 行政复议 | 2 | 1 | 0 | 1 | 4 |',
      '| 行政诉讼 | | | | | |',
      '| 未经复议直接起诉 | 1 | 0 | 0 | 1 | 2 |',
      '| 复议后起诉 | 3 | 0 | 1 | 0 | 4 |',
      ...TAIL,
    ].join('\n');
    const r = ingestSync(md, { kind: 'text' });
    expectRows(r, { review: A, litigationDirect: B, litigationAfterReview: C });
    expect(r.diagnostics.issues.map((i) => i.code)).not.toContain('ROW_EXTRA_VALUES');
  });

  it('a 序号 column and blanks in a row (Markdown, with and without outer pipes)', () => {
    const rows = [
      '| 序号 |  | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |',
      '| --- | --- | --- | --- | --- | --- | --- |',
      '| 1 | 行政复议 | 2 | 1 | 0 | 1 | 4 |',
      '| 2 | 行政诉讼 · 未经复议直接起诉 | 1 | 0 | 0 | 1 | 2 |',
      '| 3 | 行政诉讼 · 复议后起诉 | 5 |  |  | 0 |  |',
    ];
    for (const t of [rows, rows.map((l) => l.replace(/^\| /, '').replace(/ \|$/, ''))]) {
      const r = ingestSync([...HEAD, ...t, ...TAIL].join('\n'), { kind: 'text' });
      expectRows(r, { review: A, litigationDirect: B, litigationAfterReview: [5, null, null, 0, null] });
    }
  });

  it('a group not printed among labelled rows is missing, said on its cells — not read from the next row', () => {
    const md = [
      ...HEAD,
      '|  | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |',
      '| --- | ---: | ---: | ---: | ---: | ---: |',
      '| 行政复议 | 2 | 1 | 0 | 1 | 4 |',
      '| 行政诉讼 · 复议后起诉 | 3 | 0 | 1 | 0 | 4 |',
      ...TAIL,
    ].join('\n');
    const r = ingestSync(md, { kind: 'text' });
    expectRows(r, {
      review: A,
      litigationDirect: [undefined, undefined, undefined, undefined, undefined] as never,
      litigationAfterReview: C,
    });
    const missing = r.diagnostics.issues.find(
      (i) => i.code === 'ROW_NOT_FOUND' && i.cells?.[0]?.includes('litigationDirect'),
    );
    expect(missing?.cells).toHaveLength(5);
  });

  it('the 15 numbers in one row under a header of labels are still read in group order', () => {
    const md = [
      ...HEAD,
      '| 行政复议 | | | | | 行政诉讼 | | | | | | | | | |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
      '| | | | | | 未经复议直接起诉 | | | | | 复议后起诉 | | | | |',
      `| ${Array.from({ length: 3 }, () => '结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计').join(' | ')} |`,
      '| 2 | 1 | 0 | 1 | 4 | | | | | | 3 | 0 | 1 | 0 | 4 |',
      ...TAIL,
    ].join('\n');
    expectRows(ingestSync(md, { kind: 'text' }), {
      review: A,
      litigationDirect: [null, null, null, null, null],
      litigationAfterReview: C,
    });
  });

  it('any order of the rows, a 序号, a 「行政诉讼」 row, blanks anywhere — Markdown, HTML, tab lines: read back exactly (fast-check)', () => {
    const cell = fc.option(fc.integer({ min: 0, max: 120 }), { nil: null, freq: 3 });
    const row = fc.array(cell, { minLength: 5, maxLength: 5 });
    fc.assert(
      fc.property(
        fc.tuple(row, row, row),
        // (the two 行政诉讼 groups next to each other, as any table prints them under 「行政诉讼」)
        fc.constantFrom([0, 1, 2], [0, 2, 1], [1, 2, 0], [2, 1, 0]),
        fc.constantFrom('md', 'md-bare', 'html', 'tab'),
        fc.boolean(),
        fc.boolean(),
        (rows, order, form, seq, groupRow) => {
          const label = (g: number) =>
            g === 0
              ? '行政复议'
              : groupRow
                ? ['', '未经复议直接起诉', '复议后起诉'][g]!
                : ['', '行政诉讼 · 未经复议直接起诉', '行政诉讼 · 复议后起诉'][g]!;
          const lines: string[][] = [
            [...(seq ? ['序号'] : []), '类别', '结果维持', '结果纠正', '其他结果', '尚未审结', '总计'],
          ];
          let n = 1;
          for (const g of order) {
            if (groupRow && g !== 0 && !lines.some((l) => l.includes('行政诉讼')))
              lines.push([...(seq ? [''] : []), '行政诉讼', '', '', '', '', '']);
            lines.push([
              ...(seq ? [String(n++)] : []),
              label(g),
              ...rows[g]!.map((v) => (v === null ? '' : String(v))),
            ]);
          }
          let text: string;
          if (form === 'html')
            text = `<html><body><h1>某某县人民政府2022年政府信息公开工作年度报告</h1><h2>四、政府信息公开行政复议、行政诉讼情况</h2><table>${lines
              .map((l) => `<tr>${l.map((c) => `<td>${c}</td>`).join('')}</tr>`)
              .join('')}</table><h2>五、存在的主要问题及改进情况</h2><p>无。</p></body></html>`;
          else if (form === 'tab')
            text = [
              '某某县人民政府2022年政府信息公开工作年度报告',
              '一、总体情况',
              '本年度工作情况。',
              '四、政府信息公开行政复议、行政诉讼情况',
              ...lines.map((l) => l.join('\t')),
              '五、存在的主要问题及改进情况',
              '无。',
            ].join('\n');
          else {
            const md = lines.map((l) => l.map((c) => ` ${c} `).join('|'));
            md.splice(1, 0, lines[0]!.map(() => ' --- ').join('|'));
            text = [...HEAD, ...md.map((l) => (form === 'md' ? `|${l}|` : l.trimStart())), ...TAIL].join(
              '\n',
            );
          }
          const r = ingestSync(text, { kind: form === 'html' ? 'html' : 'text' });
          for (const [i, g] of GROUPS.entries()) expect(cellsOf(g, r), `${g}\n${text}`).toEqual(rows[i]);
        },
      ),
      { numRuns: 150 },
    );
  });
});
