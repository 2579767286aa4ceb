import { comparableItems, shareAbove, sumCells } from '../common.js';
import type { CellId } from '../editions/index.js';
import { type Report, sameAgency } from '../model.js';
import { ALL_EDITIONS, type FindingDraft, num, type Rule, type RuleContext } from './types.js';

const CROSS = '跨年度数据不衔接' as const;

function prevValue(ctx: RuleContext): (id: CellId) => number | null | undefined {
  const p = ctx.previous!;
  return (id) => p.cells[id]?.value;
}

/**
 * Why the given previous report is not this report's year before (another year, or another agency's
 * report), as the one finding X1 gives; the other X rules then say nothing. The same agency: model's
 * `sameAgency` (the same 编号, or without both the same name, with or without the places above it).
 */
function notThePreviousYear(ctx: RuleContext): FindingDraft[] | undefined {
  const p = ctx.previous!;
  if (p.meta.year !== ctx.report.meta.year - 1)
    return [
      {
        status: 'unchecked',
        message: `所给上一年度报告为 ${p.meta.year} 年度，不是 ${ctx.report.meta.year - 1} 年度，跨年核对未进行`,
      },
    ];
  const a = p.meta.agency;
  const b = ctx.report.meta.agency;
  if (sameAgency(a, b)) return undefined;
  return [
    {
      status: 'unchecked',
      message: `所给上一年度报告是${a.name}的报告，不是${b.name}的，跨年核对未进行`,
    },
  ];
}

/** A cross-year identity that could not be checked: which operand is blank. */
function blankOperands(
  what: string,
  operands: readonly [string, unknown][],
  cells: readonly CellId[],
): FindingDraft {
  const blank = operands.filter(([, v]) => v === null).map(([label]) => label);
  const absent = operands.filter(([, v]) => v === undefined).map(([label]) => label);
  const said = [
    ...(blank.length ? [`${blank.join('、')}为空白`] : []),
    ...(absent.length ? [`${absent.join('、')}未读到`] : []),
  ];
  return { status: 'unchecked', message: `无法核对${what}：${said.join('，')}`, cells };
}

export const X1: Rule = {
  meta: {
    id: 'X1',
    severity: 'crossYear',
    editions: ALL_EDITIONS,
    category: CROSS,
    requires: 'previous',
    title: '本年「上年结转」等于上年「结转下年度继续办理」（每一列）',
    hint: '表三「二、上年结转政府信息公开申请数量」应与上一年度年报的「四、结转下年度继续办理」逐列一致；如上年数据有更正，请在报告中说明。',
  },
  check(ctx) {
    const wy = notThePreviousYear(ctx);
    if (wy) return wy;
    const out: FindingDraft[] = [];
    const pv = prevValue(ctx);
    for (const col of ctx.edition.tables.applications.columns) {
      const cur = `applications.carriedOver.${col.key}`;
      const prev = `applications.carriedForward.${col.key}`;
      const a = ctx.value(cur);
      const b = pv(prev);
      if (typeof a !== 'number' || typeof b !== 'number') {
        out.push({
          status: 'unchecked',
          message: `无法核对${col.label}列的跨年结转：${typeof a !== 'number' ? `本年上年结转${a === undefined ? '未读到' : '为空白'}` : `上年结转下年度${b === undefined ? '未读到' : '为空白'}`}`,
          cells: [cur],
        });
        continue;
      }
      if (a !== b)
        out.push({
          message: `${col.label}列：本年上年结转（${a}）不等于 ${ctx.previous!.meta.year} 年结转下年度继续办理（${b}）`,
          cells: [cur],
          expected: b,
          actual: a,
        });
    }
    return out;
  },
};

export const X2: Rule = {
  meta: {
    id: 'X2',
    severity: 'warning',
    editions: ['2021'],
    category: CROSS,
    requires: 'previous',
    title: '现行有效件数 = 上年现行有效件数 + 本年制发件数 − 本年废止件数',
    hint: '现行有效件数应与上年衔接；因有效期届满或清理造成的差异请在正文中说明。',
  },
  check(ctx) {
    if (ctx.previous!.meta.edition !== '2021' || notThePreviousYear(ctx)) return [];
    const pv = prevValue(ctx);
    const out: FindingDraft[] = [];
    for (const [row, label] of [
      ['regulations', '规章'],
      ['normativeDocs', '行政规范性文件'],
    ] as const) {
      const id = (c: string) => `activeDisclosure.${row}.${c}`;
      const prev = pv(id('valid'));
      const made = ctx.value(id('made'));
      const rep = ctx.value(id('repealed'));
      const valid = ctx.value(id('valid'));
      if ([prev, made, rep, valid].some((v) => typeof v !== 'number')) {
        // Blank in both years: nothing printed to check (C2 names blank cells); some blank: say so.
        if ([prev, made, rep, valid].every((v) => typeof v !== 'number')) continue;
        out.push(
          blankOperands(
            `表二 ${label}的现行有效件数与上年衔接`,
            [
              ['上年现行有效件数', prev],
              ['本年制发件数', made],
              ['本年废止件数', rep],
              ['现行有效件数', valid],
            ],
            [id('valid')],
          ),
        );
        continue;
      }
      const expected = (prev as number) + (made as number) - (rep as number);
      if (expected !== valid)
        out.push({
          message: `表二 ${label}：现行有效件数（${valid}）不等于上年现行有效件数（${prev}）加本年制发（${made}）减本年废止（${rep}）= ${expected}`,
          cells: [id('valid'), id('made'), id('repealed')],
          expected,
          actual: valid as number,
        });
    }
    return out;
  },
};

export const X3: Rule = {
  meta: {
    id: 'X3',
    severity: 'warning',
    editions: ['2019-trial'],
    category: CROSS,
    requires: 'previous',
    title: '本年「上一年项目数量」= 上年「上一年项目数量」+ 上年「本年增/减」',
    hint: '试行格式的项目数量应与上年衔接。',
  },
  check(ctx) {
    if (ctx.previous!.meta.edition !== '2019-trial' || notThePreviousYear(ctx)) return [];
    const pv = prevValue(ctx);
    const out: FindingDraft[] = [];
    for (const def of ctx.edition.cells) {
      if (def.column !== 'prevYearItems') continue;
      const prevItems = pv(def.id);
      const prevChange = pv(`activeDisclosure.${def.row}.yearChange`);
      const cur = ctx.value(def.id);
      if ([prevItems, prevChange, cur].some((v) => typeof v !== 'number')) {
        // Blank in both years: nothing printed to check (C2 names blank cells); some blank: say so.
        if ([prevItems, prevChange, cur].every((v) => typeof v !== 'number')) continue;
        out.push(
          blankOperands(
            `表二 ${def.rowLabel}的上一年项目数量与上年衔接`,
            [
              ['上年的上一年项目数量', prevItems],
              ['上年的本年增/减', prevChange],
              ['本年的上一年项目数量', cur],
            ],
            [def.id],
          ),
        );
        continue;
      }
      const expected = (prevItems as number) + (prevChange as number);
      if (expected !== cur)
        out.push({
          message: `表二 ${def.rowLabel}：上一年项目数量（${cur}）不等于上年的上一年项目数量（${prevItems}）加本年增/减（${prevChange}）= ${expected}`,
          cells: [def.id],
          expected,
          actual: cur as number,
        });
    }
    return out;
  },
};

export const X4: Rule = {
  meta: {
    id: 'X4',
    severity: 'info',
    editions: ['2019-trial'],
    category: CROSS,
    requires: 'previous',
    title: '对外公开总数量 ≈ 上年对外公开总数量 + 本年新公开数量',
    hint: '对外公开总数量一般应与上年衔接。',
  },
  check(ctx) {
    if (ctx.previous!.meta.edition !== '2019-trial' || notThePreviousYear(ctx)) return [];
    const pv = prevValue(ctx);
    const out: FindingDraft[] = [];
    for (const [row, label] of [
      ['regulations', '规章'],
      ['normativeDocs', '规范性文件'],
    ] as const) {
      const id = (c: string) => `activeDisclosure.${row}.${c}`;
      const prev = pv(id('totalPublished'));
      const pub = ctx.value(id('newlyPublished'));
      const total = ctx.value(id('totalPublished'));
      if ([prev, pub, total].some((v) => typeof v !== 'number')) {
        // Blank in both years: nothing printed to check (C2 names blank cells); some blank: say so.
        if ([prev, pub, total].every((v) => typeof v !== 'number')) continue;
        out.push(
          blankOperands(
            `表二 ${label}的对外公开总数量与上年衔接`,
            [
              ['上年对外公开总数量', prev],
              ['本年新公开数量', pub],
              ['对外公开总数量', total],
            ],
            [id('totalPublished')],
          ),
        );
        continue;
      }
      const expected = (prev as number) + (pub as number);
      if (expected !== total)
        out.push({
          message: `表二 ${label}：对外公开总数量（${total}）与上年总数量（${prev}）加本年新公开（${pub}）= ${expected} 不一致`,
          cells: [id('totalPublished')],
          expected,
          actual: total as number,
        });
    }
    return out;
  },
};

/** Character-bigram Dice similarity of two texts, years and numbers and punctuation removed. */
export function textSimilarity(a: string, b: string): number {
  const x = a.replace(NOT_WORDS, '');
  const y = b.replace(NOT_WORDS, '');
  if (x.length < 2 || y.length < 2) return x === y ? 1 : 0;
  // Each bigram as one 32-bit number (two UTF-16 units), sorted: the multiset intersection is then a
  // merge of two typed arrays — no string per bigram, no map (X5 runs on every validation with a
  // previous year, and was most of its cost).
  const gx = bigrams(x);
  const gy = bigrams(y);
  let common = 0;
  for (let i = 0, j = 0; i < gx.length && j < gy.length; ) {
    if (gx[i] === gy[j]) {
      common++;
      i++;
      j++;
    } else if (gx[i]! < gy[j]!) i++;
    else j++;
  }
  return (2 * common) / (gx.length + gy.length);
}

/** A share as people read it, to 0.1%: 0.9 → 「90%」, 0.8513 → 「85.1%」. */
function percent(x: number): string {
  return `${Number((x * 100).toFixed(6))}%`;
}

/** How many whitespace characters (as \s) a text has. */
function spaces(s: string): number {
  let n = 0;
  for (const m of s.matchAll(/\s+/g)) n += m[0].length;
  return n;
}

const NOT_WORDS = /[\d０-９]+|[\s\p{P}\p{S}]+/gu;

function bigrams(s: string): Uint32Array {
  const out = new Uint32Array(s.length - 1);
  for (let i = 0; i < out.length; i++) out[i] = ((s.charCodeAt(i) << 16) | s.charCodeAt(i + 1)) >>> 0;
  return out.sort();
}

export const X5: Rule = {
  meta: {
    id: 'X5',
    severity: 'warning',
    editions: ALL_EDITIONS,
    category: '内容空泛 / 雷同',
    requires: 'previous',
    title: '正文与上一年度不雷同',
    hint: '按 2021 版格式「明确责任」的要求，年报内容不得雷同：请据本年度实际情况撰写。',
    options: { threshold: 0.9, minLength: 50 },
    optionLabels: {
      threshold: '与上一年度正文的相似度上限（0.9 即 90%）',
      minLength: '参与比较的正文最少字数',
    },
  },
  check(ctx) {
    if (notThePreviousYear(ctx)) return [];
    const prev: Report = ctx.previous!;
    const threshold = num(ctx.options, 'threshold', 0.9);
    const minLength = num(ctx.options, 'minLength', 50);
    const out: FindingDraft[] = [];
    for (const s of ctx.edition.sections) {
      if (s.table) continue;
      const a = ctx.text(s.key);
      const b = prev.sections[s.key] ?? '';
      if (ctx.compactText(s.key).length < minLength || b.length - spaces(b) < minLength) continue;
      const sim = textSimilarity(a, b);
      // domain.md X5: similarity *above* the threshold — at the threshold itself the text passes,
      // as T3-W1's ratio does at its limit.
      if (sim > threshold) {
        // to 0.1% as the message says it: 0.851 is no 「85%」 beside a limit of 85%
        const shown = shareAbove(sim, threshold);
        out.push({
          message: `「${s.title}」与 ${prev.meta.year} 年度报告的相似度为 ${percent(shown)}，超过 ${percent(threshold)}，内容雷同`,
          section: s.key,
          actual: shown,
          expected: threshold,
          bound: 'atMost',
          measure: 'share',
        });
      }
    }
    return out;
  },
};

export const X6: Rule = {
  meta: {
    id: 'X6',
    severity: 'info',
    editions: ALL_EDITIONS,
    category: CROSS,
    requires: 'previous',
    title: '主要数字的年度变化幅度不异常',
    hint: '同比变化十倍以上的数字请确认无误。',
    options: { factor: 10, minCount: 20 },
    optionLabels: { factor: '同比变化的倍数上限', minCount: '参与比较的数字最小值（较小的数字不比较）' },
  },
  check(ctx) {
    if (notThePreviousYear(ctx)) return [];
    const prev = ctx.previous!;
    const factor = num(ctx.options, 'factor', 10);
    const minCount = num(ctx.options, 'minCount', 20);
    const { items } = comparableItems(prev.meta.edition, ctx.report.meta.edition);
    const watch = new Set([
      'applications.newReceived.total',
      'applications.resultTotal.total',
      'reviewLitigation.review.total',
      'activeDisclosure.punishment.decisions',
      'activeDisclosure.licensing.decisions',
      'activeDisclosure.coercion.decisions',
    ]);
    const out: FindingDraft[] = [];
    const pv = prevValue(ctx);
    for (const it of items) {
      if (!watch.has(it.key)) continue;
      const a = sumCells(pv, it.previousCells);
      const b = sumCells(ctx.value, it.currentCells);
      if (a === null || b === null || Math.max(a, b) < minCount) continue;
      const ratio = Math.max(a, b) / Math.max(1, Math.min(a, b));
      if (ratio >= factor)
        out.push({
          // From or to 0 there is no ratio to speak of: say which year had none.
          message:
            Math.min(a, b) === 0
              ? `${it.label}由 ${prev.meta.year} 年的 ${a} 变为 ${b}（${a === 0 ? '上一年度' : '本年度'}为 0），请核实`
              : `${it.label}由 ${prev.meta.year} 年的 ${a} 变为 ${b}，变化${ratio > factor ? '超过' : '达到'} ${factor} 倍`,
          cells: it.currentCells,
          // last year's number is no expectation: the message says both
        });
    }
    return out;
  },
};

export const crossYearRules: readonly Rule[] = [X1, X2, X3, X4, X5, X6];
