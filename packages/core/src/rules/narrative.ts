import { type CellId, cellLabel } from '../editions/index.js';
import { identities } from '../identities.js';
import { ALL_EDITIONS, type FindingDraft, num, type Rule, type RuleContext } from './types.js';

const compact = (s: string) => s.replace(/\s+/g, '');

interface Phrase {
  readonly re: RegExp;
  readonly what: string;
  /** Candidate cell sums the number may legitimately quote; the first is the one reported. */
  readonly sums: (ctx: RuleContext) => readonly (readonly CellId[])[];
}

const ap = (row: string) => `applications.${row}.total`;
const rl = (row: string) => `reviewLitigation.${row}.total`;

const partsOf = new WeakMap<RuleContext['edition'], Map<CellId, (readonly CellId[])[]>>();

/**
 * A cell's value, or — for a total left blank — the sum of its parts when they are all there (a
 * report printing the applicants' columns but not the 总计 still says how many were granted).
 */
function valueOrParts(ctx: RuleContext, id: CellId): number | null | undefined {
  const v = ctx.value(id);
  if (typeof v === 'number') return v;
  let byTotal = partsOf.get(ctx.edition);
  if (!byTotal) {
    byTotal = new Map();
    for (const i of identities(ctx.edition.id))
      if (i.derives) byTotal.set(i.derives, [...(byTotal.get(i.derives) ?? []), i.rhs]);
    partsOf.set(ctx.edition, byTotal);
  }
  for (const parts of byTotal.get(id) ?? []) {
    let sum = 0;
    for (const p of parts) {
      const x = ctx.value(p);
      if (typeof x !== 'number') {
        sum = Number.NaN;
        break;
      }
      sum += x;
    }
    if (!Number.isNaN(sum)) return sum;
  }
  return v;
}

/** What a cell is at least: its value, or — blank — the sum of the parts that are filled in (else 0). */
function lowerBound(ctx: RuleContext, id: CellId): number {
  const v = valueOrParts(ctx, id);
  if (typeof v === 'number') return v;
  const parts = partsOf.get(ctx.edition)?.get(id)?.[0] ?? [];
  let sum = 0;
  for (const p of parts) {
    const x = ctx.value(p);
    if (typeof x === 'number') sum += x;
  }
  return sum;
}

const categories = new WeakMap<RuleContext['edition'], Map<string, CellId[][]>>();

/** The rows of one category of 办理结果 (不予公开 1–8, …): their sum first, then each row alone. */
function category(ctx: RuleContext, prefix: string): CellId[][] {
  let byPrefix = categories.get(ctx.edition);
  if (!byPrefix) {
    byPrefix = new Map();
    categories.set(ctx.edition, byPrefix);
  }
  let out = byPrefix.get(prefix);
  if (!out) {
    const rows = ctx.edition.cells
      .filter((c) => c.id.startsWith(`applications.${prefix}`) && c.id.endsWith('.total'))
      .map((c) => c.id);
    out = [rows, ...rows.map((r) => [r])];
    byPrefix.set(prefix, out);
  }
  return out;
}

/** The whitelist of number-bearing phrases N1 checks, tolerance-free. */
export const N1_PHRASES: readonly Phrase[] = [
  {
    re: /(?:新收|收到|受理)(?:各类)?(?:政府信息公开|依申请公开)?申请(?:共|总计|合计)?(\d+)件/g,
    what: '收到申请',
    sums: () => [[ap('newReceived')], [ap('newReceived'), ap('carriedOver')]],
  },
  {
    re: /(?:办结|答复|已办结|已答复)(?:政府信息公开|依申请公开)?(?:申请)?(?:共)?(\d+)件/g,
    what: '办结申请',
    sums: () => [[ap('resultTotal')]],
  },
  {
    re: /结转(?:至)?下(?:一)?年度(?:继续办理)?(\d+)件/g,
    what: '结转下年度',
    sums: () => [[ap('carriedForward')]],
  },
  { re: /予以公开(\d+)件/g, what: '予以公开', sums: () => [[ap('granted')]] },
  {
    re: /予以公开(?:及|和|与|、)部分公开(?:共|合计)?(\d+)件/g,
    what: '予以公开及部分公开',
    sums: () => [[ap('granted'), ap('partiallyGranted')]],
  },
  // A category of 办理结果 quoted as a whole, or one of its reasons ("因本机关不掌握无法提供12件"):
  // the number may be the category's sum or any one row of it.
  { re: /(?<![及和与、])部分公开(\d+)件/g, what: '部分公开', sums: () => [[ap('partiallyGranted')]] },
  { re: /不予公开(?:共|合计)?(\d+)件/g, what: '不予公开', sums: (ctx) => category(ctx, 'denied_') },
  { re: /无法提供(?:共|合计)?(\d+)件/g, what: '无法提供', sums: (ctx) => category(ctx, 'unable_') },
  { re: /不予处理(?:共|合计)?(\d+)件/g, what: '不予处理', sums: (ctx) => category(ctx, 'notProcessed_') },
  { re: /行政复议(?:案件|申请)?(?:共)?(\d+)(?:件|起)/g, what: '行政复议', sums: () => [[rl('review')]] },
  {
    re: /行政诉讼(?:案件)?(?:共)?(\d+)(?:件|起)/g,
    what: '行政诉讼',
    sums: () => [[rl('litigationDirect'), rl('litigationAfterReview')]],
  },
  // the sentence narrate writes (「本年作出行政许可决定2500件、行政处罚决定630件、行政强制决定0件」): a 更正
  // of 表二 left it quoting the old numbers, unflagged
  {
    re: /行政许可决定(?:数量)?(?:共|为)?(\d+)(?:件|个)/g,
    what: '行政许可决定',
    sums: () => [['activeDisclosure.licensing.decisions']],
  },
  {
    re: /行政处罚决定(?:数量)?(?:共|为)?(\d+)(?:件|个)/g,
    what: '行政处罚决定',
    sums: () => [['activeDisclosure.punishment.decisions']],
  },
  {
    re: /行政强制决定(?:数量)?(?:共|为)?(\d+)(?:件|个)/g,
    what: '行政强制决定',
    sums: () => [['activeDisclosure.coercion.decisions']],
  },
  {
    re: /(?:制发|主动公开|新制作|印发)(?:行政)?规范性文件(\d+)(?:件|个|份)/g,
    what: '规范性文件',
    sums: (ctx) =>
      ctx.edition.id === '2021'
        ? [['activeDisclosure.normativeDocs.made']]
        : [['activeDisclosure.normativeDocs.newlyMade'], ['activeDisclosure.normativeDocs.newlyPublished']],
  },
];

export const N1: Rule = {
  meta: {
    id: 'N1',
    severity: 'warning',
    editions: ALL_EDITIONS,
    category: '图文数据不一致',
    title: '正文引用的数字与表格一致',
    hint: '核对正文中的数字，使其与统计表一致（可使用自动生成的数字语句）。',
  },
  check(ctx) {
    const out: FindingDraft[] = [];
    for (const key of ['overview', 'applications', 'reviewLitigation', 'activeDisclosure'] as const) {
      const text = ctx.compactText(key);
      if (!text) continue;
      if (!text.includes('件') && !text.includes('起')) continue;
      // The same words again in this part are one finding, with how often they stand there (a text
      // repeating one sentence thousands of times gave a finding each: 50,000 findings, seconds).
      const seen = new Map<string, { quote: string; at: number; times: number }>();
      for (const p of N1_PHRASES) {
        for (const m of text.matchAll(p.re)) {
          const said = `${p.what}\u0000${m[0]}`;
          const again = seen.get(said);
          if (again) {
            again.times++;
            continue;
          }
          seen.set(said, { quote: m[0], at: out.length, times: 1 });
          const quoted = Number(m[1]);
          const options = p.sums(ctx);
          const primary = options[0];
          if (!primary) continue;
          // The number may legitimately be any of the options (a category's sum, or one of its rows
          // quoted alone): any that adds up to it passes. Otherwise it is judged against the first —
          // the figure the phrase names — never against a row merely because the sum is blank.
          let matched = false;
          let primarySum: number | undefined;
          for (const cells of options) {
            const vals = cells.map((c) => valueOrParts(ctx, c));
            if (vals.some((v) => typeof v !== 'number')) continue;
            const sum = (vals as number[]).reduce((a, b) => a + b, 0);
            if (cells === primary) primarySum = sum;
            if (sum === quoted) matched = true;
          }
          if (matched) continue;
          if (primarySum !== undefined) {
            out.push({
              message: `正文「${m[0]}」与表格不符：表格为 ${primarySum}`,
              cells: primary,
              expected: primarySum,
              actual: quoted,
              section: key,
            });
            continue;
          }
          // Some of it blank: what is filled in is still a lower bound (counts are never negative).
          const least = primary.reduce((a, c) => a + lowerBound(ctx, c), 0);
          if (least > quoted) {
            out.push({
              message: `正文「${m[0]}」与表格不符：表格中已填的数字之和已达 ${least}（另有空白）`,
              cells: primary,
              expected: least,
              actual: quoted,
              bound: 'atLeast',
              section: key,
            });
            continue;
          }
          // Nothing to compare with: say so (design principle 4), naming what is blank or not read.
          const missing = primary.filter((c) => typeof valueOrParts(ctx, c) !== 'number');
          const labels = missing.slice(0, 2).map((c) => cellLabel(c, ctx.edition.id));
          const absent = missing.filter((c) => ctx.report.cells[c] === undefined).length;
          const what = absent === 0 ? '为空白' : absent === missing.length ? '未读到' : '为空白或未读到';
          out.push({
            status: 'unchecked',
            message: `正文「${m[0]}」无法与表格核对：表格中${labels.join('、')}${missing.length > 2 ? ` 等 ${missing.length} 项` : ''}${what}`,
            cells: primary,
            section: key,
          });
        }
      }
      // (the finding an occurrence gave, if any, is the one pushed right after it was first seen: it
      // quotes those words — a quote that passed pushed none, and the next one pushed quotes others)
      for (const { quote, at, times } of seen.values()) {
        const f = out[at];
        if (times > 1 && f?.section === key && f.message.startsWith(`正文「${quote}」`))
          out[at] = { ...f, message: `${f.message}（本部分出现 ${times} 次）` };
      }
    }
    return out;
  },
};

export const N2: Rule = {
  meta: {
    id: 'N2',
    severity: 'warning',
    editions: ALL_EDITIONS,
    category: '内容不全面',
    title: '人民政府的年报报告工作考核、社会评议和责任追究结果情况',
    hint: '按条例第五十条第（四）项，在总体情况的监督保障部分写明工作考核、社会评议和责任追究结果情况。',
  },
  check({ report, allText }) {
    const kind = report.meta.agency.kind;
    if (kind !== '人民政府' && kind !== '街道办事处') return [];
    const text = compact(allText());
    const missing = [
      ['工作考核', /考核/],
      ['社会评议', /评议/],
      ['责任追究', /责任追究|追责|问责|追究[^。；]{0,12}责任/],
    ]
      .filter(([, re]) => !(re as RegExp).test(text))
      .map(([w]) => w as string);
    if (!missing.length) return [];
    return [
      { message: `未报告${missing.join('、')}结果情况（条例第五十条第（四）项）`, section: 'overview' },
    ];
  },
};

export const N3: Rule = {
  meta: {
    id: 'N3',
    severity: 'warning',
    editions: ['2021'],
    category: '内容不全面',
    title: '第六部分报告信息处理费收取情况',
    hint: '在第六部分写明依据《政府信息公开信息处理费管理办法》收取信息处理费的情况（未收取也应写明）。',
  },
  check({ report, compactText }) {
    if (report.sections.other === null) return []; // S2 says the section is missing
    if (/信息处理费/.test(compactText('other'))) return [];
    return [{ message: '未报告信息处理费收取情况', section: 'other' }];
  },
};

export const N4: Rule = {
  meta: {
    id: 'N4',
    severity: 'info',
    editions: ['2021'],
    category: '内容不全面',
    title: '第六部分报告工作要点落实、建议提案办理结果公开、工作创新等情况',
    hint: '第六部分可报告落实上级年度政务公开工作要点、人大代表建议和政协提案办理结果公开、年度政务公开工作创新等情况。',
  },
  check({ report, compactText }) {
    if (report.sections.other === null) return []; // S2 says the section is missing
    const t = compactText('other');
    const missing = [
      ['落实上级年度政务公开工作要点情况', /工作要点/],
      ['人大代表建议和政协提案办理结果公开情况', /建议|提案/],
      ['年度政务公开工作创新情况', /创新/],
    ]
      .filter(([, re]) => !(re as RegExp).test(t))
      .map(([w]) => w as string);
    if (!missing.length) return [];
    return [{ message: `第六部分未提及：${missing.join('；')}`, section: 'other' }];
  },
};

export const N5: Rule = {
  meta: {
    id: 'N5',
    severity: 'warning',
    editions: ALL_EDITIONS,
    category: '内容空泛 / 雷同',
    title: '第五部分写明具体问题和改进措施',
    hint: '第五部分应写明本机关存在的具体问题及针对性的改进措施，不宜只写「无」或套话。',
    options: { minLength: 40 },
    optionLabels: { minLength: '第五部分的最少字数' },
  },
  check({ report, compactText, options }) {
    // A section missing altogether is S2's finding (缺少「五、…」部分), not said again here.
    if (report.sections.problems === null) return [];
    const t = compactText('problems').replace(/^五、?[^。]*?情况/, '');
    const min = num(options, 'minLength', 40);
    if (!t || /^(无|无。|暂无。?|没有。?)$/.test(t))
      return [{ message: '第五部分为空或只写「无」', section: 'problems' }];
    if (t.length < min)
      return [
        {
          message: `第五部分只有 ${t.length} 个字，内容空泛`,
          section: 'problems',
          actual: t.length,
          expected: min,
          bound: 'atLeast',
        },
      ];
    if (!/(改进|整改|加强|完善|提升|推进|措施|下一步)/.test(t))
      return [{ message: '第五部分未写明改进措施', section: 'problems' }];
    return [];
  },
};

export const N6: Rule = {
  meta: {
    id: 'N6',
    severity: 'warning',
    editions: ['2021'],
    category: '内容不全面',
    title: '第五部分报告上一年度问题的整改情况',
    hint: '写明上一年度年报所列问题的整改情况。',
  },
  check({ report, compactText }) {
    if (report.sections.problems === null) return []; // S2 says the section is missing
    const t = compactText('problems');
    if (/(上一?年度?|去年|\d{4}年度?).{0,30}(问题|不足).{0,60}整改|整改情况|整改落实/.test(t)) return [];
    return [{ message: '第五部分未报告上一年度问题的整改情况', section: 'problems' }];
  },
};

export const narrativeRules: readonly Rule[] = [N1, N2, N3, N4, N5, N6];
