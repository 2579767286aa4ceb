import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SourceDoc } from './source.js';
import { buildStream, CELL_SEP, LINE_SEP, normChar, normLabel } from './stream.js';
import { fixtureText, SEED } from './test-support/fixtures.js';

/**
 * The streams as the definition says, one character at a time (the first implementation, kept as the
 * reference): whitespace runs become one space in N and vanish from M; every other character is
 * normChar'd into M, a digit before 、 or . making it a decimal point.
 */
function reference(doc: SourceDoc) {
  const n: string[] = [];
  const m: string[] = [];
  const nCell: number[] = [];
  const nOff: number[] = [];
  const nLine: number[] = [];
  const nCellAfter: number[] = [];
  const mToN: number[] = [];
  let cells = 0;
  let prevDigit = false;
  const sep = (ch: string, li: number, after: number) => {
    n.push(ch);
    nCell.push(-1);
    nOff.push(0);
    nLine.push(li);
    nCellAfter.push(after);
  };
  doc.lines.forEach((line, li) => {
    if (li > 0) sep(LINE_SEP, li, cells);
    line.cells.forEach((cell, ci) => {
      const gi = cells++;
      if (ci > 0) sep(CELL_SEP, li, gi);
      const t = cell.text;
      let lastSpace = false;
      for (let k = 0; k < t.length; k++) {
        const code = t.charCodeAt(k);
        if (/\s/.test(t[k]!) || code === 1) {
          if (lastSpace) continue;
          lastSpace = true;
          n.push(' ');
          nCell.push(gi);
          nOff.push(k);
          nLine.push(li);
          nCellAfter.push(-1);
          continue;
        }
        lastSpace = false;
        const start = k;
        let ch = t[k]!;
        if (code >= 0xd800 && code < 0xdc00 && k + 1 < t.length) ch += t[++k]!;
        const c = (code === 0x3001 || code === 46 || code === 0xff0e) && prevDigit ? '.' : normChar(ch, '');
        for (let u = 0; u < c.length; u++) mToN.push(n.length);
        for (let u = 0; u < ch.length; u++) {
          n.push(ch[u]!);
          nCell.push(gi);
          nOff.push(start + u);
          nLine.push(li);
          nCellAfter.push(-1);
        }
        if (c) {
          m.push(c);
          prevDigit = /[0-9]/.test(c[c.length - 1]!);
        }
      }
    });
  });
  return { n: n.join(''), m: m.join(''), nCell, nOff, nLine, nCellAfter, mToN };
}

function docOf(lines: string[][]): SourceDoc {
  return {
    lines: lines.map((cells, li) => ({
      cells: cells.map((text, ci) => ({ text, where: { line: li + 1, column: ci + 1 } })),
      explicit: false,
    })),
  };
}

function same(doc: SourceDoc): void {
  const s = buildStream(doc);
  const r = reference(doc);
  expect(s.n).toBe(r.n);
  expect(s.m).toBe(r.m);
  expect([...s.nCell]).toEqual(r.nCell);
  expect([...s.nOff]).toEqual(r.nOff);
  expect([...s.nLine]).toEqual(r.nLine);
  expect([...s.nCellAfter]).toEqual(r.nCellAfter);
  expect([...s.mToN]).toEqual(r.mToN);
  expect(s.cells).toEqual(doc.lines.flatMap((l) => l.cells));
}

describe('buildStream (code-unit buffers) gives what the per-character definition gives', () => {
  it('on the seed report', () => {
    same(
      docOf(
        fixtureText(SEED)
          .split('\n')
          .map((l) => l.split('\t')),
      ),
    );
  });

  it('on full-width, decimal points, quotes, whitespace runs, astral characters and lone surrogates', () => {
    same(
      docOf([
        ['（一）予以公开  ', '１２３', '1、2', '3．5', '3.', '"引号"「」'],
        ['\u3000\u00a0 \t', '', '𝐀𝟏😀', 'a\ud800b', '\udc00x', 'end\ud83d'],
        ['自 然 人，商业企业:', '\u0001', 'ﾊﾟ', '㈠', '①'],
      ]),
    );
  });

  it('on arbitrary text (fast-check)', () => {
    const piece = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.string({ unit: 'grapheme' }),
      fc.constantFrom('一、', '1.', '２、', '（', ')', ',', '，', ':', ' ', '\u3000', '.', '、', '0', '𝟎'),
    );
    fc.assert(
      fc.property(
        fc.array(
          fc.array(
            fc.array(piece, { maxLength: 4 }).map((p) => p.join('')),
            { maxLength: 4 },
          ),
        ),
        (lines) => same(docOf(lines)),
      ),
      { numRuns: 300 },
    );
  });

  it('normLabel is the M stream of one cell', () => {
    for (const label of ['（二）部分公开(区分处理的)', '第二十条第（一）项', '1、本机关不掌握', ' 自 然 人 '])
      expect(buildStream(docOf([[label]])).m).toBe(normLabel(label));
  });
});
