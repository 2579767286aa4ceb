/**
 * 表三 rows whose numbers PDF-to-text prints apart from where their label starts:
 *  - before the label, on the line above it (a label wrapped over two lines with the numbers set
 *    in the middle of the row: 「⇥⇥2⇥⇥0⇥1⇥0⇥3」 over 「（二）部分公开（区分处理的，只计这一情形，」
 *    「不计其他情形）」). They were left out as 「无法确定属于哪一行」 and the row was ROW_VALUES_NOT_READ;
 *    now given to the row where nothing is in doubt (ROW_VALUES_BEFORE_LABEL, warning), else the
 *    error stays, saying why.
 *  - after a head of the label too short to be looked for, the rest on the next line (「（一）⇥1⇥0…」
 *    over 「予以公开」, 「2.重复⇥4…」 over 「申请」): the row was ROW_NOT_FOUND or unread, its numbers
 *    taken for the row above's or a group row's; now found.
 * The inputs are the seed (坑仔口镇, PDF-to-text with TABs) with rows so printed, and whole 表三s laid
 * out as it is (fast-check): every number as printed, or the cell named in an error or warning.
 */
import type { EditionId } from '@nianbao/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ingestSync } from './index.js';
import { fixtureText, SEED } from './test-support/fixtures.js';
import { DATA_KEYS, FULL_ROWS, fullTable3 } from './test-support/full-table3.js';
import { T3_KEYS, tabTable3Report } from './test-support/table3.js';

const PARTIAL = '（二）部分公开（区分处理的，只计这一情形，不计其他情形）';

const report = tabTable3Report;

const read = (text: string) => ingestSync(text, { kind: 'text' });
const row = (r: ReturnType<typeof read>, key: string) =>
  T3_KEYS.map((k) => r.report.cells[`applications.${key}.${k}`]?.value);
const issue = (r: ReturnType<typeof read>, code: string, key: string) =>
  r.diagnostics.issues.find(
    (i) => i.code === code && i.cells?.some((c) => c.startsWith(`applications.${key}.`)),
  );
const codes = (r: ReturnType<typeof read>, code: string) =>
  r.diagnostics.issues.filter((i) => i.code === code);
const UNREAD = T3_KEYS.map(() => undefined);

const FIRST = [
  '一、本年新收政府信息公开申请数量\t3\t0\t0\t0\t0\t0\t3',
  '二、上年结转政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0',
  '三、本年度办理结果',
];

/** The seed's text with `edits` made (each a line's text as the seed prints it, and what replaces it). */
function seedWith(edits: [string, string][]): string {
  let text = fixtureText(SEED);
  for (const [from, to] of edits) {
    const tabs = (x: string) => x.replaceAll('⇥', '\t');
    expect(text.includes(tabs(from)), from).toBe(true);
    text = text.replace(tabs(from), tabs(to));
  }
  return text;
}

describe('numbers printed on the line before their row’s label', () => {
  it('the brief’s row: given to the row below, blanks in place, said — not ROW_VALUES_NOT_READ', () => {
    const r = read(
      report([
        ...FIRST,
        '（一）予以公开\t1\t0\t0\t0\t0\t0\t1',
        '\t\t2\t\t0\t1\t0\t3',
        '（二）部分公开（区分处理的，只计这一情形，',
        '不计其他情形）',
        '（三）不予公开',
        '1.属于国家秘密\t0\t0\t0\t0\t0\t0\t0',
      ]),
    );
    expect(row(r, 'partiallyGranted')).toEqual([null, 2, null, 0, 1, 0, 3]);
    expect(row(r, 'granted')).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(row(r, 'denied_stateSecret')).toEqual([0, 0, 0, 0, 0, 0, 0]);
    const said = issue(r, 'ROW_VALUES_BEFORE_LABEL', 'partiallyGranted');
    expect(said?.severity).toBe('warning');
    expect(said?.message).toContain('行标题之前的一行');
    expect(said?.message).toContain('「2 0 1 0 3」');
    expect(said?.where?.line).toBe(11);
    expect(issue(r, 'ROW_VALUES_NOT_READ', 'partiallyGranted')).toBeUndefined();
    // the row above no longer says the numbers are nobody's
    expect(codes(r, 'ROW_EXTRA_VALUES')).toEqual([]);
  });

  it('the seed with a row so printed (label over two lines): read, said', () => {
    const r = ingestSync(
      seedWith([['⇥⇥7.属于行政执法案卷⇥0⇥0⇥0⇥0⇥0⇥0⇥0', '⇥⇥⇥4⇥⇥0⇥1⇥0⇥2⇥7\n⇥⇥7.属于行政执法\n⇥⇥案卷']]),
      { kind: 'text', filename: 'seed.txt' },
    );
    expect(row(r, 'denied_lawEnforcementFile')).toEqual([4, null, 0, 1, 0, 2, 7]);
    expect(issue(r, 'ROW_VALUES_BEFORE_LABEL', 'denied_lawEnforcementFile')?.severity).toBe('warning');
    expect(row(r, 'denied_processInfo')).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(row(r, 'denied_adminQuery')).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });

  it('numbers apart by spaces, as many as the columns: read the same', () => {
    const r = read(
      report([...FIRST, '（一）予以公开\t1\t0\t0\t0\t0\t0\t1', '2 0 0 1 0 0 3', PARTIAL, '（三）不予公开']),
    );
    expect(row(r, 'partiallyGranted')).toEqual([2, 0, 0, 1, 0, 0, 3]);
    expect(issue(r, 'ROW_VALUES_BEFORE_LABEL', 'partiallyGranted')?.severity).toBe('warning');
  });

  it('the row above with a TAB at its line’s end, or blanks: its own line read, never the numbers after it', () => {
    // it was 0 242 257 158 0 284 941 — the next row's — 「去掉「187 220 155 75 160 58 864」后本行勾稽关系成立」
    // (a warning naming no cell), and the next row unread
    const r = read(
      report([
        ...FIRST,
        '（四）无法提供',
        '1.本机关不掌握相关政府信息\t22\t0\t0\t46\t0\t295\t363\t',
        '2.没有现成信息需要另行制作\t187\t220\t155\t75\t160\t58\t864\t',
        '\t0\t242\t257\t158\t0\t284\t941\t',
        '3.补正后申请内容仍不明确',
        '（五）不予处理',
        '1.信访举报投诉类申请\t0\t0\t0\t0\t0\t0\t0\t',
        '2.重复申请\t146\t0\t\t0\t185\t223\t574',
        '3.要求提供公开出版物\t\t1\t0\t\t118\t51\t170',
        '\t0\t0\t158\t56\t0\t65\t279',
        '4.无正当理由大量反复申请',
      ]),
    );
    expect(row(r, 'unable_needsCreation')).toEqual([187, 220, 155, 75, 160, 58, 864]);
    expect(row(r, 'unable_unclearAfterCorrection')).toEqual([0, 242, 257, 158, 0, 284, 941]);
    // (it was 0 0 158 56 0 65 279 in its place, the same way)
    expect(row(r, 'notProcessed_publication')).toEqual([null, 1, 0, null, 118, 51, 170]);
    expect(row(r, 'notProcessed_massiveUnreasonable')).toEqual([0, 0, 158, 56, 0, 65, 279]);
    expect(codes(r, 'ROW_VALUES_BEFORE_LABEL').length).toBe(2);
    expect(codes(r, 'ROW_EXTRA_VALUES')).toEqual([]);
  });

  it('the row above with an empty label column before its numbers: read from its line', () => {
    const r = read(report([...FIRST, '（一）予以公开\t\t1\t0\t0\t0\t0\t0\t1', '2 0 0 1 0 0 3', PARTIAL]));
    expect(row(r, 'granted')).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(row(r, 'partiallyGranted')).toEqual([2, 0, 0, 1, 0, 0, 3]);
  });

  it('a table of numbers apart by spaces: the row above read from its line, the numbers before the label the row’s', () => {
    // it was ROW_EXTRA_VALUES (error) on 「（一）予以公开」 — 14 numbers, none read — and the next row unread
    const r = read(
      report([
        '一、本年新收政府信息公开申请数量 3 0 0 0 0 0 3',
        '二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0',
        '三、本年度办理结果',
        '（一）予以公开 1 0 0 0 0 0 1',
        '2 0 0 1 0 0 3',
        '（二）部分公开（区分处理的，只计这一情形，',
        '不计其他情形）',
        '（三）不予公开',
        '1.属于国家秘密 0 0 0 0 0 0 0',
      ]),
    );
    expect(row(r, 'granted')).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(row(r, 'partiallyGranted')).toEqual([2, 0, 0, 1, 0, 0, 3]);
    expect(issue(r, 'ROW_VALUES_BEFORE_LABEL', 'partiallyGranted')?.severity).toBe('warning');
    expect(codes(r, 'ROW_EXTRA_VALUES')).toEqual([]);
  });

  it('the first row’s numbers under the header, before its label: read; the header’s column numbers are not', () => {
    const head = (line: string) =>
      read(
        report([
          line,
          '一、本年新收政府信息公开',
          '申请数量',
          '\t3\t0\t0\t0\t0\t0\t3',
          '二、上年结转政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0',
          '三、本年度办理结果',
        ]),
      );
    // its numbers after its label, the header's 栏次 before it: read as before, nothing in doubt
    const ordinals = head('\t1\t2\t3\t4\t5\t6\t7');
    expect(row(ordinals, 'newReceived')).toEqual([3, 0, 0, 0, 0, 0, 3]);
    expect(codes(ordinals, 'ROW_VALUES_BEFORE_LABEL')).toEqual([]);
    // a line of numbers before the label and another after it: either could be the row's
    const both = head('\t4\t0\t0\t0\t0\t0\t4');
    expect(row(both, 'newReceived')).toEqual(UNREAD);
    expect(issue(both, 'ROW_VALUES_NOT_READ', 'newReceived')?.message).toContain('无法确定哪一行是本行的');
    const before = read(
      report([
        '\t3\t0\t0\t0\t0\t0\t3',
        '一、本年新收政府信息公开',
        '申请数量',
        '二、上年结转政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0',
      ]),
    );
    expect(row(before, 'newReceived')).toEqual([3, 0, 0, 0, 0, 0, 3]);
    expect(issue(before, 'ROW_VALUES_BEFORE_LABEL', 'newReceived')?.message).toContain('不在其他行标题之后');
  });

  it('the row’s total not the sum of its parts: not read, the error says why', () => {
    const r = read(report([...FIRST, '（一）予以公开\t1\t0\t0\t0\t0\t0\t1', '\t\t2\t\t0\t1\t0\t4', PARTIAL]));
    expect(row(r, 'partiallyGranted')).toEqual(UNREAD);
    const err = issue(r, 'ROW_VALUES_NOT_READ', 'partiallyGranted');
    expect(err?.severity).toBe('error');
    expect(err?.message).toContain('本行总计与各列之和对不上');
  });

  it('cells that could sit in two ways (a blank at either end), the sums not telling: not read', () => {
    // 自然人 blank and a TAB at the end, or 总计 blank: nothing printed tells (a row of 0s)
    const r = read(
      report([...FIRST, '（一）予以公开\t1\t0\t0\t0\t0\t0\t1', '\t\t0\t0\t0\t0\t0\t0\t', PARTIAL]),
    );
    expect(row(r, 'partiallyGranted')).toEqual(UNREAD);
    expect(issue(r, 'ROW_VALUES_NOT_READ', 'partiallyGranted')?.message).toContain('2 种读法');
  });

  it('fewer cells than columns: not read', () => {
    const r = read(report([...FIRST, '（一）予以公开\t1\t0\t0\t0\t0\t0\t1', '2 0 1 0 3', PARTIAL]));
    expect(row(r, 'partiallyGranted')).toEqual(UNREAD);
    expect(issue(r, 'ROW_VALUES_NOT_READ', 'partiallyGranted')?.severity).toBe('error');
  });

  it('a line of numbers before a label and another after it: neither is taken', () => {
    // before: it was 4 0 0 0 0 0 4, the numbers after the label, read without a word
    const r = read(
      report([
        ...FIRST,
        '（一）予以公开\t1\t0\t0\t0\t0\t0\t1',
        '\t\t2\t\t0\t1\t0\t3',
        PARTIAL,
        '\t4\t0\t0\t0\t0\t0\t4',
        '（三）不予公开',
        '1.属于国家秘密\t0\t0\t0\t0\t0\t0\t0',
      ]),
    );
    expect(row(r, 'partiallyGranted')).toEqual(UNREAD);
    expect(issue(r, 'ROW_VALUES_NOT_READ', 'partiallyGranted')?.message).toContain('无法确定哪一行是本行的');
    expect(row(r, 'denied_stateSecret')).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });

  it('numbers after a group label, not directly before the row’s: not given to the row', () => {
    const r = read(
      report([
        ...FIRST,
        '（一）予以公开\t1\t0\t0\t0\t0\t0\t1',
        `${PARTIAL}\t0\t0\t0\t0\t0\t0\t0`,
        '\t5\t0\t0\t0\t0\t0\t5',
        '（三）不予公开',
        '1.属于国家秘密',
        '2.其他法律行政法规禁止公开\t0\t0\t0\t0\t0\t0\t0',
      ]),
    );
    expect(row(r, 'denied_stateSecret')).toEqual(UNREAD);
    expect(issue(r, 'ROW_VALUES_NOT_READ', 'denied_stateSecret')?.severity).toBe('error');
  });

  it('numbers under the row above’s label when its own line has none: that row’s, as before', () => {
    const r = read(report([...FIRST, '（一）予以公开', '\t1\t0\t0\t0\t0\t0\t1', PARTIAL]));
    expect(row(r, 'granted')).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(row(r, 'partiallyGranted')).toEqual(UNREAD);
    expect(codes(r, 'ROW_VALUES_BEFORE_LABEL')).toEqual([]);
  });
});

describe('a label wrapped after a head too short to look for (the prefix and under 3 characters)', () => {
  it('「（一）」 before the numbers, 「予以公开」 under them: the row, not the group row’s numbers', () => {
    const r = read(
      report([...FIRST, '（一）\t1\t0\t0\t0\t0\t0\t1', '予以公开', `${PARTIAL}\t0\t0\t0\t0\t0\t0\t0`]),
    );
    expect(row(r, 'granted')).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(codes(r, 'GROUP_ROW_HAS_VALUES')).toEqual([]);
    expect(issue(r, 'ROW_VALUES_NOT_READ', 'granted')).toBeUndefined();
    expect(row(r, 'partiallyGranted')).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });

  it('「2.重复」 over 「申请」: found, and the row above keeps its own numbers', () => {
    const r = read(
      report([
        ...FIRST,
        '（五）不予处理',
        '1.信访举报投诉类申请\t0\t0\t0\t0\t0\t0\t0',
        '2.重复\t4\t0\t0\t0\t0\t0\t4',
        '申请',
        '3.要求提供公开出版物\t0\t0\t0\t0\t0\t0\t0',
      ]),
    );
    expect(row(r, 'notProcessed_repeat')).toEqual([4, 0, 0, 0, 0, 0, 4]);
    expect(row(r, 'notProcessed_petitionComplaint')).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(codes(r, 'ROW_EXTRA_VALUES')).toEqual([]);
    expect(issue(r, 'ROW_NOT_FOUND', 'notProcessed_repeat')).toBeUndefined();
  });

  it('「四、」, 「1.属于」, 「4.保护」: each found as printed (no 「不完全一致」)', () => {
    const r = read(
      report([
        ...FIRST,
        '（三）不予公开',
        '1.属于\t2\t\t0\t0\t0\t0\t2',
        '国家秘密',
        '4.保护\t1\t0\t0\t0\t0\t0\t1',
        '第三方合法权益',
        '（七）总计\t5\t0\t0\t0\t0\t0\t5',
        '四、\t1\t0\t0\t0\t0\t0\t1',
        '结转下年度继续办理',
      ]),
    );
    expect(row(r, 'denied_stateSecret')).toEqual([2, null, 0, 0, 0, 0, 2]);
    expect(row(r, 'denied_thirdPartyRights')).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(row(r, 'resultTotal')).toEqual([5, 0, 0, 0, 0, 0, 5]);
    expect(row(r, 'carriedForward')).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(codes(r, 'LABEL_FUZZY')).toEqual([]);
    expect(codes(r, 'GROUP_ROW_HAS_VALUES')).toEqual([]);
    expect(codes(r, 'ROW_EXTRA_VALUES')).toEqual([]);
  });

  it('the seed (2019 format) with 「2.重复」 and 「(六) 其他」 so wrapped: both found', () => {
    const r = ingestSync(
      seedWith([
        ['⇥⇥2.重复申请⇥0⇥0⇥0⇥0⇥0⇥0⇥0', '⇥⇥2.重复⇥3⇥0⇥0⇥1⇥0⇥0⇥4\n⇥⇥申请'],
        ['⇥(六) 其他处理⇥⇥0⇥0⇥0⇥0⇥0⇥0⇥0', '⇥(六) 其他⇥⇥1⇥0⇥0⇥0⇥0⇥0⇥1\n⇥处理'],
      ]),
      { kind: 'text', filename: 'seed.txt' },
    );
    expect(r.report.meta.edition).toBe<EditionId>('2019-trial');
    expect(row(r, 'notProcessed_repeat')).toEqual([3, 0, 0, 1, 0, 0, 4]);
    expect(row(r, 'other')).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(row(r, 'notProcessed_petitionComplaint')).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(row(r, 'notProcessed_publication')).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(row(r, 'resultTotal')).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(
      r.diagnostics.issues.filter(
        (i) => i.severity !== 'info' && i.cells?.some((c) => /notProcessed_repeat|\.other\./.test(c)),
      ),
    ).toEqual([]);
  });

  it('the rest with numbers after it on its line: not taken for the label’s rest', () => {
    const r = read(
      report([
        ...FIRST,
        '（五）不予处理',
        '1.信访举报投诉类申请\t0\t0\t0\t0\t0\t0\t0',
        '2.重复\t4\t0\t0\t0\t0\t0\t4',
        '申请\t5\t0\t0\t0\t0\t0\t5',
        '3.要求提供公开出版物\t0\t0\t0\t0\t0\t0\t0',
      ]),
    );
    const got = row(r, 'notProcessed_repeat');
    // which line is the row's is not known: never one of them without a word
    if (got.some((v) => v !== undefined))
      expect(
        r.diagnostics.issues.some(
          (i) => i.severity !== 'info' && i.cells?.some((c) => c.includes('notProcessed_repeat')),
        ),
      ).toBe(true);
  });
});

/** Where a row's label can be cut for each layout. */
function prefixOf(label: string): number {
  return /^(?:\d+\.|（[一二三四五六七]）|[一二三四]、)/.exec(label)?.[0].length ?? 0;
}

type Layout = { kind: 'before'; at?: number } | { kind: 'short'; k: number } | { kind: 'inline' };

/**
 * A whole 表三 of TAB fields as the seed lays it out when `labelCols` (the label columns as TABs
 * before a row's label, 「\t\t1.属于国家秘密\t0…」), else one label column; rows of `layouts` with
 * their numbers on the line before the label (the label wrapped after `at` characters, or not), or
 * the label cut after its prefix and k characters, the rest on the line after the numbers.
 */
function printedTable(
  printed: Map<string, (number | null)[]>,
  layouts: Map<string, Layout>,
  o: { labelCols: boolean; endTab: boolean; spaces?: boolean },
): string {
  const depthOf = (key: string): number => {
    const r = FULL_ROWS.find((x) => x.key === key)!;
    return r.parent === undefined ? 0 : 1 + depthOf(r.parent);
  };
  const lines: string[] = [];
  for (const r of FULL_ROWS) {
    const pre = o.labelCols ? '\t'.repeat(depthOf(r.key)) : '';
    if (r.kind !== 'data') {
      lines.push(`${pre}${r.label}`);
      continue;
    }
    // (apart by spaces, as copied from a PDF viewer: a blank leaves nothing)
    const cells = o.spaces
      ? ` ${printed
          .get(r.key)!
          .flatMap((v) => (v === null ? [] : [String(v)]))
          .join(' ')}`
      : `\t${printed
          .get(r.key)!
          .map((v) => (v === null ? '' : String(v)))
          .join('\t')}${o.endTab ? '\t' : ''}`;
    const l = layouts.get(r.key) ?? { kind: 'inline' };
    if (l.kind === 'before') {
      lines.push(`${pre}${cells}`);
      if (l.at === undefined) lines.push(`${pre}${r.label}`);
      else lines.push(`${pre}${r.label.slice(0, l.at)}`, `${pre}${r.label.slice(l.at)}`);
    } else if (l.kind === 'short') {
      const at = prefixOf(r.label) + l.k;
      lines.push(`${pre}${r.label.slice(0, at)}${cells}`, `${pre}${r.label.slice(at)}`);
    } else lines.push(`${pre}${r.label}${cells}`);
  }
  return report(lines);
}

describe('whole 表三s with numbers before labels and labels wrapped after short heads (fast-check)', () => {
  const layout: fc.Arbitrary<Layout> = fc.oneof(
    fc.record({
      kind: fc.constant('before' as const),
      at: fc.option(fc.integer({ min: 2, max: 12 }), { nil: undefined }),
    }),
    fc.record({ kind: fc.constant('short' as const), k: fc.integer({ min: 0, max: 2 }) }),
  );
  const table = fc.record({
    seed: fc.integer({ min: 1, max: 2 ** 31 - 2 }),
    rows: fc.array(fc.tuple(fc.constantFrom(...DATA_KEYS), layout), { maxLength: 8 }),
    labelCols: fc.boolean(),
    endTab: fc.boolean(),
    blanks: fc.boolean(),
    spaces: fc.boolean(),
  });
  const text = (t: {
    seed: number;
    rows: [string, Layout][];
    labelCols: boolean;
    endTab: boolean;
    blanks: boolean;
    spaces: boolean;
  }) => {
    let s = t.seed;
    const rand = () => {
      s = (s * 48271) % 2147483647;
      return s / 2147483647;
    };
    // (numbers apart by spaces: no blank, which would leave no trace — a row a number short is
    // another matter, not of these layouts)
    const blanks = t.blanks && !t.spaces;
    const printed = fullTable3(rand, {
      blank: blanks ? 0.3 : 0,
      missing: blanks ? 0.1 : 0,
      typo: 0.1,
      max: 300,
    });
    const layouts = new Map<string, Layout>();
    for (const [key, l] of t.rows) {
      const label = FULL_ROWS.find((r) => r.key === key)!.label;
      // a cut inside the label (its rest at least one character)
      if (l.kind === 'before' && l.at !== undefined)
        layouts.set(key, { kind: 'before', at: Math.min(l.at, label.length - 1) });
      else if (l.kind === 'short' && prefixOf(label) + l.k >= label.length) continue;
      else if (l.kind === 'short' && prefixOf(label) + l.k === 0) layouts.set(key, { kind: 'short', k: 1 });
      else layouts.set(key, l);
    }
    return { printed, text: printedTable(printed, layouts, t) };
  };

  it('every cell as printed, or the cell named in an error or warning — never another number silently', () => {
    fc.assert(
      fc.property(table, (t) => {
        const { printed, text: input } = text(t);
        const r = read(input);
        const said = new Set(
          r.diagnostics.issues
            .filter((i) => i.severity !== 'info')
            .flatMap((i) => i.cells ?? (i.cell ? [i.cell] : [])),
        );
        for (const key of DATA_KEYS)
          T3_KEYS.forEach((col, i) => {
            const id = `applications.${key}.${col}`;
            const got = r.report.cells[id]?.value;
            const want = printed.get(key)![i];
            if (got !== want)
              expect(
                said.has(id) && (got === undefined || r.report.cells[id]?.origin === 'inferred'),
                `${id}: ${got} ≠ ${want}\n${input}`,
              ).toBe(true);
          });
      }),
      { numRuns: 200 },
    );
  });

  it('rows whose numbers stand before their label, the rows around them whole: read as printed', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 - 2 }),
        // (rows after a data row's line: numbers after a group label are the group's, in doubt)
        fc.subarray(
          DATA_KEYS.filter(
            (k, i) => i % 2 === 1 && FULL_ROWS[FULL_ROWS.findIndex((r) => r.key === k) - 1]?.kind === 'data',
          ),
        ),
        fc.boolean(),
        (seed, keys, labelCols) => {
          // no blanks: each line of numbers holds one number per column
          const printed = fullTable3(
            (() => {
              let s = seed;
              return () => {
                s = (s * 48271) % 2147483647;
                return s / 2147483647;
              };
            })(),
            { blank: 0, missing: 0, typo: 0, max: 300 },
          );
          const layouts = new Map<string, Layout>(keys.map((k) => [k, { kind: 'before', at: 4 }]));
          const input = printedTable(printed, layouts, { labelCols, endTab: false });
          const r = read(input);
          for (const key of keys) {
            expect(row(r, key), `${key}\n${input}`).toEqual(printed.get(key));
            expect(issue(r, 'ROW_VALUES_BEFORE_LABEL', key)?.severity).toBe('warning');
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('labels wrapped after short heads: every row found and read as printed', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 - 2 }),
        fc.array(fc.tuple(fc.constantFrom(...DATA_KEYS), fc.integer({ min: 0, max: 2 })), { maxLength: 10 }),
        fc.boolean(),
        fc.boolean(),
        (seed, cuts, labelCols, endTab) => {
          let s = seed;
          const printed = fullTable3(
            () => {
              s = (s * 48271) % 2147483647;
              return s / 2147483647;
            },
            { blank: 0.3, missing: 0.1, typo: 0.1, max: 300 },
          );
          const layouts = new Map<string, Layout>();
          for (const [key, k] of cuts) {
            const label = FULL_ROWS.find((r) => r.key === key)!.label;
            const at = prefixOf(label) + k;
            if (at > 0 && at < label.length) layouts.set(key, { kind: 'short', k });
          }
          const input = printedTable(printed, layouts, { labelCols, endTab });
          const r = read(input);
          for (const key of layouts.keys()) {
            expect(issue(r, 'ROW_NOT_FOUND', key), `${key}\n${input}`).toBeUndefined();
            const got = row(r, key);
            // read as printed, or said (a row that cannot be placed is an error, as printed inline)
            if (got.join() !== printed.get(key)!.join())
              expect(
                r.diagnostics.issues.some(
                  (i) => i.severity !== 'info' && i.cells?.some((c) => c.startsWith(`applications.${key}.`)),
                ),
                `${key}: ${got.join()} ≠ ${printed.get(key)!.join()}\n${input}`,
              ).toBe(true);
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});
