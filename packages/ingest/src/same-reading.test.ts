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
import { ingestSync } from './index.js';
import { delim, md, report } from './test-support/markdown.js';
import { T3_COLS, T3_HEAD, T3_KEYS } from './test-support/table3.js';
import { classifyValue } from './values.js';

const FEE = 'activeDisclosure.adminFees.feeAmount';

function feeReport(printed: string, explicit: boolean): string {
  return report([
    '## 二、主动公开政府信息情况',
    '',
    '**第二十条第（八）项**',
    '',
    ...(explicit
      ? [md(['信息内容', '本年收费金额（单位：万元）']), delim(2), md(['行政事业性收费', printed])]
      : ['信息内容    本年收费金额（单位：万元）', `行政事业性收费    ${printed}`]),
  ]);
}

const CARRIED = '二、上年结转政府信息公开申请数量';
const cid = (k: string) => `applications.carriedOver.${k}`;

function t3Report(cells: readonly string[], explicit: boolean): string {
  return report([
    '## 三、收到和处理政府信息公开申请情况',
    '',
    ...(explicit
      ? [md([T3_HEAD, ...T3_COLS]), delim(8), md([CARRIED, ...cells])]
      : [[T3_HEAD, ...T3_COLS].join('  '), `${CARRIED}   ${cells.join('   ')}`]),
  ]);
}

describe('an amount printed with 万 or 亿 (no 元) is read as typing reads it', () => {
  it.each([
    ['1.2万', 1.2],
    ['15.3万', 15.3],
    ['3亿', 30000],
    ['1.5亿', 15000],
    ['3亿元', 30000],
    ['0.25亿元', 2500],
  ])(
    '「%s」 in 收费金额 (万元) is %s 万元, with core’s note — in a Markdown cell and in text',
    (printed, want) => {
      const typed = parseCellText(printed, 'money', '万元');
      expect(typed).toMatchObject({ kind: 'value', value: want });
      for (const explicit of [true, false]) {
        const r = ingestSync(feeReport(printed, explicit), { kind: 'text' });
        expect(r.report.cells[FEE], `${printed} explicit=${explicit}`).toMatchObject({
          value: want,
          unit: '万元',
        });
        const said = r.diagnostics.issues.filter((i) => i.cell === FEE);
        expect(said.map((i) => i.code)).not.toContain('CELL_UNREADABLE');
        const note = (typed as { note: string }).note;
        expect(said.find((i) => i.code === 'VALUE_NORMALISED')?.message).toContain(note);
      }
    },
  );

  it.each([
    ['5万', '此格是件数，不能带“万”'],
    ['5万元', '此格是件数，不能带金额单位“万元”'],
    ['5元', '此格是件数，不能带金额单位“元”'],
  ])('「%s」 in a count is not 5: unread, with core’s reason', (printed, reason) => {
    for (const explicit of [true, false]) {
      const r = ingestSync(t3Report([printed, '0', '0', '0', '0', '0', '50000'], explicit), { kind: 'text' });
      expect(r.report.cells[cid('naturalPerson')]?.value, `explicit=${explicit}`).toBeUndefined();
      const u = r.diagnostics.issues.find((i) => i.cell === cid('naturalPerson'));
      expect(u?.code).toBe('CELL_UNREADABLE');
      expect(u?.message).toContain(reason);
      expect(r.report.cells[cid('total')]?.value).toBe(50000);
    }
  });
});

describe('digits with spaces between them, as typing reads them', () => {
  it('「12 345」 (thousands) is 12345; 「12 34」 is not read — it may be two numbers — unless a row’s sums show it is one', () => {
    expect(parseCellText('12 345', 'money', '万元')).toMatchObject({ kind: 'value', value: 12345 });
    expect(parseCellText('12 34', 'money', '万元').kind).toBe('error');
    // (in a Markdown cell: in text without cells, 「12 345」 are two words, ROW_EXTRA_VALUES)
    expect(ingestSync(feeReport('12 345', true), { kind: 'text' }).report.cells[FEE]?.value).toBe(12345);
    const r = ingestSync(feeReport('12 34', true), { kind: 'text' });
    expect(r.report.cells[FEE]).toBeUndefined();
    const u = r.diagnostics.issues.find((i) => i.cell === FEE);
    expect(u?.code).toBe('CELL_UNREADABLE');
    expect(u?.message).toContain('可能是 2 个数（12、34）');
  });

  it('two numbers in one cell are never stored as one number the row does not bear out (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 999 }),
        fc.integer({ min: 0, max: 99 }),
        fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 5, maxLength: 5 }),
        fc.integer({ min: 1, max: 9 }),
        (a, b, rest, off) => {
          // 「a b」 then the row's other parts, its total off by `off` from every reading
          const joined = Number(`${a}${b}`);
          const total = joined + rest.reduce((x, y) => x + y, 0) + off;
          if (total === a + b + rest.reduce((x, y) => x + y, 0)) return;
          const r = ingestSync(t3Report([`${a} ${b}`, ...rest.map(String), String(total)], true), {
            kind: 'text',
          });
          expect(r.report.cells[cid('naturalPerson')]?.value).not.toBe(joined);
          if (r.report.cells[cid('naturalPerson')] === undefined)
            expect(r.diagnostics.issues.some((i) => (i.cell ?? i.cells?.[0])?.startsWith(cid('')))).toBe(
              true,
            );
        },
      ),
      { numRuns: 80 },
    );
  });

  it('「6 4」 where the row adds up only as 64 is still read as 64 (a PDF’s spacing)', () => {
    const r = ingestSync(t3Report(['6 4', '0', '0', '2', '0', '4', '70'], true), { kind: 'text' });
    expect(r.report.cells[cid('naturalPerson')]?.value).toBe(64);
    expect(r.diagnostics.issues.find((i) => i.cell === cid('naturalPerson'))?.code).toBe('VALUE_SPACED');
  });
});

describe('a cell printed in Chinese numerals (「一百二十」)', () => {
  it('is unread with a message quoting it; the other cells as printed; the row is not called ambiguous', () => {
    for (const explicit of [true, false]) {
      const r = ingestSync(t3Report(['一百二十', '0', '0', '0', '0', '2', '122'], explicit), {
        kind: 'text',
      });
      const got = T3_KEYS.map((k) => r.report.cells[cid(k)]?.value);
      expect(got, `explicit=${explicit}`).toEqual([undefined, 0, 0, 0, 0, 2, 122]);
      const codes = r.diagnostics.issues.map((i) => i.code);
      expect(codes).not.toContain('DIGITS_SPLIT_AMBIGUOUS');
      const u = r.diagnostics.issues.find((i) => i.cell === cid('naturalPerson'));
      expect(u?.code).toBe('CELL_UNREADABLE');
      expect(u?.message).toContain('“一百二十”是汉字数字，未读取');
      expect(u?.message).toContain('请按原文填写阿拉伯数字');
      expect(u?.message).toContain(
        '一百二十 | 0 | 0 | 0 | 0 | 2 | 122'.replaceAll(' | ', explicit ? ' | ' : ' '),
      );
    }
  });

  it('anywhere in a row: that cell unread, never a number from the row’s sums; the others as printed (fast-check)', () => {
    const numeral = fc.constantFrom(
      '一百二十',
      '三',
      '十二',
      '两千',
      '五十六',
      '〇',
      '零',
      '壹佰',
      '一万二千',
    );
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 300 }), { minLength: 6, maxLength: 6 }),
        fc.integer({ min: 0, max: 6 }),
        numeral,
        fc.boolean(),
        (parts, at, han, explicit) => {
          const values = [...parts, parts.reduce((a, b) => a + b, 0)];
          const cells = values.map((v, i) => (i === at ? han : String(v)));
          const r = ingestSync(t3Report(cells, explicit), { kind: 'text' });
          const got = T3_KEYS.map((k) => r.report.cells[cid(k)]?.value);
          expect(got).toEqual(values.map((v, i) => (i === at ? undefined : v)));
          const u = r.diagnostics.issues.find((i) => i.cell === cid(T3_KEYS[at]!));
          expect(u?.code).toBe('CELL_UNREADABLE');
          expect(u?.message).toContain(`“${han}”是汉字数字`);
        },
      ),
      { numRuns: 60 },
    );
  });
});

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
