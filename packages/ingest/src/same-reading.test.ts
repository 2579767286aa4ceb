/**
 * The same text read the same way typed, pasted and imported (QA report qa-badinput, items 6 and 7):
 * core's parseCellText (packages/core cell-input.ts) reads what a person types; the importer reads
 * the same text printed in a report. 「1.2万」「3亿」 in a 万元 cell were CELL_UNREADABLE on import while
 * typing read them as 万元; a cell printed 「一百二十」 was left out of its row, which was then called
 * ambiguous with a printed row that did not show it (「原文：0 | 0 | 0 | 0 | 2 | 122」).
 */
import { parseCellText } from '@nianbao/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyValue } from './values.js';

describe('blank marks and numbers: the importer and core read the same text the same way', () => {
  /** What the importer makes of one printed cell, in core's terms. */
  const imported = (text: string) => {
    const t = classifyValue(text, 0, true);
    if (t.kind === 'blank' || t.kind === 'empty') return 'blank';
    if (t.kind === 'num') return t.value;
    return 'unread';
  };
  const typed = (text: string) => {
    const p = parseCellText(text, 'count');
    return p.kind === 'blank' ? 'blank' : p.kind === 'value' ? p.value : 'unread';
  };
  const SAME = [
    '—',
    '——',
    '————',
    '–',
    '―',
    '─',
    '－',
    '-',
    '/',
    '／',
    '\\',
    '无',
    '空',
    '*',
    '＊',
    ' — ',
    '',
    '12.0',
    '12.00',
    '０',
    '１２.０',
    '1,234',
    '1,234.0',
    '12 345',
    '35¹',
    '12件',
    '---',
    '—————',
    '_',
    '无无',
    '空白',
    'N/A',
  ];

  it.each(SAME)('「%s」', (text) => {
    expect(imported(text)).toEqual(typed(text));
  });

  it('any text of dashes, slashes, 无, 空, *, digits and points: blank for one iff blank for the other (fast-check)', () => {
    const ch = fc.constantFrom(
      '—',
      '–',
      '―',
      '─',
      '－',
      '-',
      '/',
      '／',
      '\\',
      '无',
      '空',
      '*',
      '＊',
      '_',
      '0',
      '1',
      '.',
      '2',
    );
    fc.assert(
      fc.property(fc.array(ch, { minLength: 1, maxLength: 6 }), (cs) => {
        const text = cs.join('');
        expect(imported(text) === 'blank', text).toBe(typed(text) === 'blank');
      }),
      { numRuns: 2000 },
    );
  });

  it('a count printed with a fraction of zeros (「12.0」「7.000」) is that count, as typed (fast-check)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999_999 }), fc.integer({ min: 1, max: 3 }), (n, zeros) => {
        const text = `${n}.${'0'.repeat(zeros)}`;
        expect(imported(text)).toBe(n);
        expect(typed(text)).toBe(n);
      }),
    );
  });
});
