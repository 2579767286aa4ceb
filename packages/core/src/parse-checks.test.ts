import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { duplicateKeys } from './json-keys.js';
import { createEmptyReport, editionName, parseReport, type Report, withoutRefusedChars } from './model.js';
import { consistentReport } from './test-support/arbitraries.js';
import { firstRefusedChar } from './text-chars.js';

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is looked for
const SPECIAL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is looked for
const REFUSED_CLASS = /[\u0000-\u0008\u000e-\u001f\u007f-\u0084\u0086-\u009f\u202a-\u202e\u2066-\u2069]/;
const CELL = 'applications.carriedOver.naturalPerson';
const report = (year = 2025): Report => createEmptyReport({ year, agency: '示例县教育局' });

describe('duplicate JSON keys (parseReport on text)', () => {
  it('a cell given twice with different values is refused, naming the cell and both values', () => {
    const text = JSON.stringify(report()).replace(
      `"${CELL}":{"value":null}`,
      `"${CELL}":{"value":6},"${CELL}":{"value":60}`,
    );
    expect(text).toContain('{"value":60}');
    const r = parseReport(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ code: 'duplicate_key', path: `cells.${CELL}` });
    expect(r.errors[0]!.message).toBe(
      `表三 二、上年结转政府信息公开申请数量 · 自然人：在文件中出现了两次（先是 6，后是 60），无法确定应取哪一个：请删去多余的一处（「${CELL}」只能写一次）`,
    );
  });

  it('a meta field twice is refused with both values; a value inside a cell twice too', () => {
    const text = JSON.stringify(report())
      .replace('"year":2025', '"year":2024,"year":2025')
      .replace(`"${CELL}":{"value":null}`, `"${CELL}":{"value":1,"value":2}`);
    const r = parseReport(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.path)).toEqual(['meta.year', `cells.${CELL}.value`]);
    expect(r.errors[0]!.message).toContain('报告年度：在文件中出现了两次（先是 2024，后是 2025）');
    expect(r.errors[1]!.message).toContain('自然人（数值）：在文件中出现了两次（先是 1，后是 2）');
  });

  it('an object (not text) has no duplicates to find: the hot path parses it as before', () => {
    const r = report();
    expect(parseReport(r).ok).toBe(true);
  });

  it('any report as JSON text has no duplicate; any key written twice anywhere is found (fast-check)', () => {
    fc.assert(
      fc.property(consistentReport(), fc.nat(), (r, pick) => {
        const text = JSON.stringify(r);
        expect(duplicateKeys(text)).toEqual([]);
        expect(parseReport(text).ok).toBe(true);
        // write one key-value pair of a cell twice, the second with another value
        const ids = Object.keys(r.cells);
        const id = ids[pick % ids.length]!;
        const cell = JSON.stringify({ [id]: r.cells[id] }).slice(1, -1);
        const other = JSON.stringify({ [id]: { ...r.cells[id], value: 7_777_777 } }).slice(1, -1);
        const twice = text.replace(cell, `${cell},${other}`);
        const dups = duplicateKeys(twice)!;
        expect(dups).toHaveLength(1);
        expect(dups[0]!.segments).toEqual(['cells', id]);
        const parsed = parseReport(twice);
        expect(parsed.ok).toBe(false);
        if (!parsed.ok) expect(parsed.errors[0]!.message).toContain('7777777');
      }),
      { numRuns: 40 },
    );
  });

  it('keys that differ only in escapes are the same key', () => {
    expect(duplicateKeys('{"a":1,"\\u0061":2}')).toEqual([{ segments: ['a'], first: '1', second: '2' }]);
    expect(duplicateKeys('[{"a":1},{"a":2}]')).toEqual([]);
  });
});

describe('control and bidi characters in text', () => {
  it('NUL, ESC and U+202E in 正文 are refused, naming the section and the place', () => {
    for (const [ch, name] of [
      ['\u0000', 'U+0000（空字符 NUL）'],
      ['\u001b', 'U+001B（转义符 ESC）'],
      ['\u0001', 'U+0001（控制字符）'],
      ['\u202e', 'U+202E（从右到左强制符 RLO）'],
      ['\u2066', 'U+2066（从左到右隔离符 LRI）'],
    ] as const) {
      const r = report();
      r.sections.problems = `第一行\n存在${ch}问题`;
      const p = parseReport(r);
      expect(p.ok, name).toBe(false);
      if (p.ok) continue;
      expect(p.errors[0]).toMatchObject({ code: 'refused_char', path: 'sections.problems' });
      expect(p.errors[0]!.message).toContain(`五、存在的主要问题及改进情况：第 2 行第 3 个字处有${name}`);
    }
  });

  it('in a title, a contact field and a cell’s raw text too', () => {
    const r = report();
    r.meta.title = '标题\u0007';
    r.meta.contact = { phone: '0512-\u001b[31m1234' };
    r.cells[CELL] = { value: 6, raw: '6\u202e' };
    const p = parseReport(r);
    expect(p.ok).toBe(false);
    if (p.ok) return;
    expect(p.errors.map((e) => e.path)).toEqual(['meta.title', 'meta.contact.phone', `cells.${CELL}.raw`]);
    expect(p.errors[0]!.message).toContain('标题：第 3 个字处有U+0007（响铃符 BEL）');
  });

  it('Word’s line break and a form feed become line breaks, with a note', () => {
    const r = report();
    r.sections.overview = '甲\u000b乙\u000c丙\u2029丁';
    const p = parseReport(r);
    expect(p.ok).toBe(true);
    if (!p.ok) return;
    expect(p.value.sections.overview).toBe('甲\n乙\n丙\n丁');
    expect(p.notes).toHaveLength(1);
    expect(p.notes![0]).toMatchObject({ code: 'LINE_BREAK_NORMALISED', path: 'sections.overview' });
    expect(p.notes![0]!.message).toContain('一、总体情况：3 个 Word 换行符');
  });

  it('no parsed report holds a control or bidi character, whatever the text (fast-check)', () => {
    const special = fc.constantFrom(
      ...[
        0, 1, 7, 8, 0x0b, 0x0c, 0x1b, 0x1f, 0x7f, 0x85, 0x9b, 0x2028, 0x2029, 0x202a, 0x202e, 0x2066, 0x2069,
      ].map((c) => String.fromCharCode(c)),
    );
    const textWith = fc
      .array(fc.oneof(fc.string({ maxLength: 5 }), special), { maxLength: 8 })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(textWith, textWith, (a, b) => {
        const r = report();
        r.sections.other = a;
        r.preamble = b;
        const p = parseReport(r);
        if (p.ok) {
          expect(p.value.sections.other).not.toMatch(SPECIAL);
          expect(p.value.preamble).not.toMatch(SPECIAL);
        } else {
          expect(p.errors.every((e) => e.code === 'refused_char')).toBe(true);
          // refused only for a character of the refused classes, never for a line break in disguise
          expect(`${a}${b}`).toMatch(REFUSED_CLASS);
        }
      }),
    );
  });
});

describe('what is no character at all: U+FFFE, U+FFFF, half a surrogate pair', () => {
  it('is refused in a text, named, and why: a Word or Excel file cannot hold it', () => {
    for (const [text, name, column] of [
      ['存在\uffff问题', 'U+FFFF（非字符）', 3],
      ['存在\ufffe问题', 'U+FFFE（非字符）', 3],
      // an emoji cut in two (a program counting UTF-16 units): its first half, then its second
      ['存在😀问题\ud83d', 'U+D83D（半个字符：不成对的代理项）', 6],
      ['\ude00开头', 'U+DE00（半个字符：不成对的代理项）', 1],
    ] as const) {
      const r = report();
      r.sections.problems = text;
      const p = parseReport(r);
      expect(p.ok, name).toBe(false);
      if (p.ok) continue;
      expect(p.errors[0]).toMatchObject({ code: 'refused_char', path: 'sections.problems' });
      expect(p.errors[0]!.message).toContain(`第 ${column} 个字处有${name}`);
      expect(p.errors[0]!.message).toContain('Word 和 Excel 文件中无法写入');
      expect(firstRefusedChar(text)).toMatchObject({ kind: 'invalid' });
    }
  });

  it('whole pairs (emoji, rare characters beyond U+FFFF) are kept as they are', () => {
    const r = report();
    r.sections.other = '办理情况👍，𠀀字与😀都在';
    const p = parseReport(r);
    expect(p.ok).toBe(true);
    if (p.ok) expect(p.value.sections.other).toBe('办理情况👍，𠀀字与😀都在');
  });

  it('any text: parsed, it holds no lone half and no noncharacter; refused, it had one; an importer removes exactly those (fast-check)', () => {
    const bad = fc.constantFrom('\ud800', '\udbff', '\udc00', '\udfff', '\ufffe', '\uffff');
    const text = fc
      .array(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 4 }), bad), { maxLength: 8 })
      .map((parts) => parts.join(''));
    const wellFormed = (s: string) =>
      !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|[\ufffe\uffff]/.test(s);
    fc.assert(
      fc.property(text, (t) => {
        const r = report();
        r.sections.other = t;
        const p = parseReport(r);
        expect(p.ok).toBe(wellFormed(t));
        const { report: clean } = withoutRefusedChars(r);
        expect(wellFormed(clean.sections.other ?? '')).toBe(true);
        expect(parseReport(clean).ok).toBe(true);
        // whole pairs survive the removal
        expect([...(clean.sections.other ?? '')].filter((c) => c.length === 2)).toEqual(
          [...t].filter((c) => c.length === 2 && wellFormed(c)),
        );
      }),
    );
  });
});

describe('withoutRefusedChars (an importer’s result)', () => {
  it('removes what parseReport refuses, says how many per field, and leaves the input as it was', () => {
    const r = report();
    r.sections.applications = '甲\u0000乙\u202e丙\u000c丁';
    const { report: clean, removed } = withoutRefusedChars(r);
    expect(clean.sections.applications).toBe('甲乙丙\n丁');
    expect(r.sections.applications).toBe('甲\u0000乙\u202e丙\u000c丁');
    expect(removed).toHaveLength(1);
    expect(removed[0]).toMatchObject({ code: 'CHARS_REMOVED', path: 'sections.applications' });
    expect(removed[0]!.message).toContain('删去了 2 个看不见的控制字符或文字方向控制符');
    expect(parseReport(clean).ok).toBe(true);
  });
});

describe('cells: a unit on a count, a raw that contradicts the value', () => {
  it('a count cell with unit 元 is refused', () => {
    const r = report();
    r.cells[CELL] = { value: 6, unit: '元' };
    const p = parseReport(r);
    expect(p.ok).toBe(false);
    if (p.ok) return;
    expect(p.errors[0]).toMatchObject({ code: 'UNIT_ON_COUNT', path: `cells.${CELL}.unit` });
    expect(p.errors[0]!.message).toContain(
      '自然人（单位）：此格填的是件数（个数），不带单位，却注明了单位「元」',
    );
  });

  it('raw 66 beside value 6 is dropped with a note; the value stays', () => {
    const r = report();
    r.cells[CELL] = { value: 6, raw: '66' };
    const p = parseReport(r);
    expect(p.ok).toBe(true);
    if (!p.ok) return;
    expect(p.value.cells[CELL]).toEqual({ value: 6 });
    expect(p.notes![0]).toMatchObject({ code: 'RAW_DROPPED', path: `cells.${CELL}.raw` });
    expect(p.notes![0]!.message).toBe(
      '表三 二、上年结转政府信息公开申请数量 · 自然人（原文）：「66」读作 66，与数值 6 不符：已删去这段原文，保留数值 6；如原文是对的，请改填数值',
    );
  });

  it('a raw that reads as the value, or is no plain number, is kept', () => {
    const money = 'activeDisclosure.adminFees.feeAmount';
    const cases: [string, Report['cells'][string]][] = [
      [CELL, { value: 6, raw: '+6' }],
      [CELL, { value: 1234, raw: '1,234' }],
      [CELL, { value: 12, raw: '０１２' }],
      [CELL, { value: 12, raw: '12.0' }],
      [CELL, { value: 6, raw: '6¹' }],
      [CELL, { value: 30, raw: '3O' }],
      [CELL, { value: 70, raw: '7,0' }],
      [CELL, { value: null, raw: '—' }],
      [money, { value: 240, raw: '240万元', unit: '万元' }],
      [money, { value: 20000, raw: '2亿元', unit: '万元' }],
      [money, { value: 1.5, raw: '15000元', unit: '万元' }],
    ];
    for (const [id, cell] of cases) {
      const r = report();
      r.cells[id] = cell;
      const p = parseReport(r);
      expect(p.ok, cell.raw).toBe(true);
      if (p.ok) {
        expect(p.value.cells[id], cell.raw).toEqual(cell);
        expect(p.notes, cell.raw).toBeUndefined();
      }
    }
  });

  it('a plain-number raw is kept exactly when it reads as the value (fast-check)', () => {
    fc.assert(
      fc.property(fc.nat({ max: 10_000_000 }), fc.nat({ max: 10_000_000 }), fc.boolean(), (v, n, grouped) => {
        const raw = grouped ? n.toLocaleString('en-US') : String(n);
        const r = report();
        r.cells[CELL] = { value: v, raw };
        const p = parseReport(r);
        expect(p.ok).toBe(true);
        if (p.ok) expect(p.value.cells[CELL]!.raw).toBe(v === n ? raw : undefined);
      }),
    );
  });
});

describe('editionName', () => {
  it('names the editions as people know them', () => {
    expect(editionName('2019-trial')).toBe('《格式（试行）》');
    expect(editionName('2021')).toBe('2021 版格式');
  });
});
