import { shareAbove } from '../common.js';
import { applicationRowName } from './cells.js';
import { ALL_EDITIONS, type Bound, type FindingDraft, num, type Rule, type RuleMeta } from './types.js';

const UNREASONABLE = '数据不合理' as const;
const ad = (row: string, col: string) => `activeDisclosure.${row}.${col}`;
const ap = (row: string, col: string) => `applications.${row}.${col}`;

export const T2_1: Rule = {
  meta: {
    id: 'T2-1',
    severity: 'error',
    editions: ['2021'],
    category: '数据不规范（空白、单位、非整数）',
    title: '表二件数为非负整数，本年收费金额为以万元计的非负数',
    hint: '表二的件数填 0 或正整数；收费金额以万元为单位，可有小数，不得为负。',
  },
  check({ report, edition }) {
    const out: FindingDraft[] = [];
    for (const def of edition.cells) {
      if (def.table !== 'activeDisclosure') continue;
      const v = report.cells[def.id]?.value;
      if (v === null || v === undefined) continue;
      if (def.valueType === 'money') {
        if (v < 0) out.push({ message: `${def.label}不能为负数，实际为 ${v}`, cells: [def.id], actual: v });
      } else if (!Number.isInteger(v) || v < 0) {
        out.push({ message: `${def.label}应为非负整数，实际为 ${v}`, cells: [def.id], actual: v });
      }
    }
    return out;
  },
};

/**
 * 表二 第二十条第（一）项: compare two columns in the 规章 and 规范性文件 rows (T2-2, T2-5, T2-6).
 * `fails(a, b)` on the values of columns a and b; the finding expects b's value in a.
 */
function documentRowsRule(
  meta: RuleMeta,
  a: string,
  b: string,
  fails: (a: number, b: number) => boolean,
  say: (rowLabel: string, a: number, b: number) => string,
  bound?: Bound,
): Rule {
  return {
    meta,
    check({ value, def }) {
      const out: FindingDraft[] = [];
      for (const row of ['regulations', 'normativeDocs']) {
        const va = value(ad(row, a));
        const vb = value(ad(row, b));
        if (typeof va !== 'number' || typeof vb !== 'number' || !fails(va, vb)) continue;
        out.push({
          message: say(def(ad(row, a))?.rowLabel ?? row, va, vb),
          cells: [ad(row, a), ad(row, b)],
          expected: vb,
          actual: va,
          ...(bound ? { bound } : {}),
        });
      }
      return out;
    },
  };
}

export const T2_2 = documentRowsRule(
  {
    id: 'T2-2',
    severity: 'warning',
    editions: ['2021'],
    category: UNREASONABLE,
    title: '现行有效件数不少于本年制发件数',
    hint: '现行有效件数少于本年制发件数，只有本年制发的文件又在本年废止时才可能；请核对。',
  },
  'valid',
  'made',
  (valid, made) => valid < made,
  (label, valid, made) => `表二 ${label}：现行有效件数（${valid}）少于本年制发件数（${made}）`,
  'atLeast',
);

/** Decimal places of a number as written (24252.311082 → 6); 0 for integers and exponent forms. */
function decimals(v: number): number {
  const m = /\.(\d+)$/.exec(String(v));
  return m ? m[1]!.length : 0;
}

/** An amount in 元 as 万元, exactly as a person would shift the decimal point (1234.56 → 0.123456). */
function yuanToWan(v: number): number {
  const s = String(v);
  return /e/i.test(s) ? v / 10000 : Number(`${s}e-4`);
}

export const T2_3: Rule = {
  meta: {
    id: 'T2-3',
    severity: 'warning',
    editions: ['2021'],
    category: '数据不规范（空白、单位、非整数）',
    title: '本年收费金额以万元为单位',
    hint: '表二的收费金额单位是万元：以元计的金额请除以 10000 后填写。',
    options: {
      maxByLevel: { 乡镇级: 1000, 县级: 20000, 市级: 100000, 省级: 1000000, 国务院部门: 10000000 },
      /** A 县级以上 人民政府's or region report sums the fees of all its departments: the cap × this. */
      governmentFactor: 10,
    },
    optionLabels: {
      maxByLevel: '各层级机关收费金额的上限（万元）',
      governmentFactor: '县级以上人民政府及区域汇总：上限的倍数',
    },
  },
  check({ report, cell, options }) {
    const id = ad('adminFees', 'feeAmount');
    const c = cell(id);
    // 0 is 0 in any unit: nothing to convert
    if (!c || c.value === null || c.value === 0) return [];
    const raw = c.raw ?? '';
    if (c.unit === '元' || (/元/.test(raw) && !/万元/.test(raw)))
      return [
        {
          message: `表二 行政事业性收费 本年收费金额印为「${raw || c.value}」，单位似为元而非万元`,
          cells: [id],
          actual: c.value,
          expected: yuanToWan(c.value),
        },
      ];
    // The size alone says 元 only where nothing says 万元: not when the cell itself prints 万元
    // (「240万元」), nor when the figure has more than two decimals — an amount in 元 is counted to
    // 分, so 24252.311082 (平潭综合实验区 2021) is 万元 converted to the 分.
    if (/万元/.test(raw) || decimals(c.value) > 2) return [];
    const { level, kind } = report.meta.agency;
    const cap = level ? (options.maxByLevel as Record<string, number> | undefined)?.[level] : undefined;
    if (typeof cap !== 'number') return [];
    const whole = level !== '乡镇级' && (kind === '人民政府' || report.meta.scope === 'region');
    const max = whole ? cap * num(options, 'governmentFactor', 10) : cap;
    if (c.value > max)
      return [
        {
          message: `表二 行政事业性收费 本年收费金额 ${c.value} 万元对${level}${whole ? '政府' : '机关'}而言过大，可能误以元为单位填写`,
          cells: [id],
          actual: c.value,
        },
      ];
    return [];
  },
};

/**
 * The government's own 办公厅/室, which may report on the government's behalf (domain.md T2-4's
 * exception): 「上海市人民政府办公厅」, and as often written without 人民, 「上海市政府办公厅」「苏州市政府办公室」.
 * Not a department that merely has 人民政府 in its name (「某市人民政府合作交流办公室」).
 */
const GOVERNMENT_OFFICE = /(人民)?政府办公(厅|室)$/;

/** Agencies that can make 规章 (立法法): 国务院部门, 省级/设区的市 people's governments and their 办公厅/室. */
function canMakeRegulations(kind: string | undefined, level: string | undefined, name: string): boolean {
  if (level === '国务院部门') return true;
  if (level === '省级' || level === '市级') {
    if (kind === '人民政府') return true;
    if (GOVERNMENT_OFFICE.test(name.replace(/\s+/g, ''))) return true;
  }
  return false;
}

export const T2_4: Rule = {
  meta: {
    id: 'T2-4',
    severity: 'warning',
    editions: ALL_EDITIONS,
    category: UNREASONABLE,
    title: '无规章制定权的机关规章一行应为 0',
    hint: '规章只能由国务院部门和省、设区的市人民政府制定；县、乡级政府及地方政府部门的规章一行应填 0。',
  },
  check({ report, edition, value }) {
    const { kind, level, name } = report.meta.agency;
    if (!level || canMakeRegulations(kind, level, name)) return [];
    const ids = edition.cells
      .filter((c) => c.table === 'activeDisclosure' && c.row === 'regulations')
      .map((c) => c.id);
    const nonzero = ids.filter((id) => {
      const v = value(id);
      return typeof v === 'number' && v !== 0;
    });
    if (!nonzero.length) return [];
    return [
      {
        message: `${name}（${level}${kind ?? ''}）无规章制定权，但表二规章一行填有非零数字（${nonzero.map((id) => value(id)).join('、')}）`,
        cells: nonzero,
        expected: 0,
      },
    ];
  },
};

export const T2_5 = documentRowsRule(
  {
    id: 'T2-5',
    severity: 'warning',
    editions: ['2019-trial'],
    category: UNREASONABLE,
    title: '对外公开总数量不少于本年新公开数量',
    hint: '对外公开总数量是累计数，应包含本年新公开的数量。',
  },
  'totalPublished',
  'newlyPublished',
  (total, published) => total < published,
  (label, total, published) => `表二 ${label}：对外公开总数量（${total}）少于本年新公开数量（${published}）`,
  'atLeast',
);

export const T2_6 = documentRowsRule(
  {
    id: 'T2-6',
    severity: 'info',
    editions: ['2019-trial'],
    category: UNREASONABLE,
    title: '本年新公开数量与本年新制作数量不同',
    hint: '两者可以不同（往年文件本年公开，或本年制作未公开）；请确认无误。',
  },
  'newlyPublished',
  'newlyMade',
  (published, made) => published !== made,
  (label, published, made) => `表二 ${label}：本年新公开数量（${published}）与本年新制作数量（${made}）不同`,
);

export const T2_7: Rule = {
  meta: {
    id: 'T2-7',
    severity: 'warning',
    editions: ['2019-trial'],
    category: '数据不规范（空白、单位、非整数）',
    title: '采购总金额写明单位（元或万元）',
    hint: '格式表头未给出采购总金额的单位，请注明是元还是万元。',
  },
  check({ cell }) {
    const id = ad('centralProcurement', 'procurementAmount');
    const c = cell(id);
    // 0 needs no unit: 0 元 = 0 万元
    if (!c || c.value === null || c.value === 0 || (c.unit && c.unit !== 'unknown')) return [];
    return [
      {
        message: `表二 政府集中采购 采购总金额（${c.value}）未注明单位（元或万元）`,
        cells: [id],
        actual: c.value,
      },
    ];
  },
};

/**
 * Beyond §6.2's list (from §4's and §10's reading of 2019 表二: 上一年项目数量 and 本年增/减 are
 * additive counts): their sum is this year's number of items, which cannot be below 0 — a 本年增/减
 * of −3 on 0 items last year is a sign or a column slipped, or the column holds 本年数量 (its alias).
 */
export const T2_8: Rule = {
  meta: {
    id: 'T2-8',
    severity: 'warning',
    editions: ['2019-trial'],
    category: UNREASONABLE,
    title: '上一年项目数量加本年增/减不为负',
    hint: '本年增/减是相对上一年项目数量的增减，两者之和是本年的项目数量，不会小于 0；请核对正负号和上一年项目数量（若此列填的是本年数量，应为非负数）。',
  },
  check({ value, def }) {
    const out: FindingDraft[] = [];
    for (const row of ['licensing', 'otherMgmtServices', 'punishment', 'coercion', 'adminFees']) {
      const prev = value(ad(row, 'prevYearItems'));
      const change = value(ad(row, 'yearChange'));
      if (typeof prev !== 'number' || typeof change !== 'number' || prev + change >= 0) continue;
      out.push({
        message: `表二 ${def(ad(row, 'yearChange'))?.rowLabel ?? row}：上一年项目数量（${prev}）加本年增/减（${change}）为 ${prev + change}，项目数量不会为负`,
        cells: [ad(row, 'prevYearItems'), ad(row, 'yearChange')],
        expected: -prev || 0,
        actual: change,
        bound: 'atLeast',
      });
    }
    return out;
  },
};

export const T3_W1: Rule = {
  meta: {
    id: 'T3-W1',
    severity: 'warning',
    editions: ALL_EDITIONS,
    category: UNREASONABLE,
    title: '结转下年度继续办理的申请占比不过高',
    hint: '答复期限为 20 个工作日（可延长 20 个），一般只有年末收到的申请才结转；请核对结转数。',
    options: { maxRatio: 0.5 },
    optionLabels: { maxRatio: '结转下年度占本年新收与上年结转之和的最高比例（0.5 即 50%）' },
  },
  check({ value, options }) {
    const fwd = value(ap('carriedForward', 'total'));
    const nr = value(ap('newReceived', 'total'));
    const co = value(ap('carriedOver', 'total'));
    if (typeof fwd !== 'number' || typeof nr !== 'number' || typeof co !== 'number') return [];
    const intake = nr + co;
    const max = num(options, 'maxRatio', 0.5);
    if (intake <= 0 || fwd / intake <= max) return [];
    // to 0.1%, or finer where 0.1% would not show it above the limit (1001 of 2001: 50.03%)
    const pct = Number((shareAbove(fwd / intake, max) * 100).toFixed(6));
    return [
      {
        message: `结转下年度继续办理 ${fwd} 件，占申请总量 ${intake} 件的 ${pct}%，超过 ${Number((max * 100).toFixed(4))}%`,
        cells: [ap('carriedForward', 'total'), ap('newReceived', 'total'), ap('carriedOver', 'total')],
        actual: fwd,
        expected: mostCarriedForward(intake, max),
        bound: 'atMost',
      },
    ];
  },
};

/**
 * The most requests that may be carried forward: the largest whole k with k ÷ intake ≤ maxRatio, the
 * test the rule itself makes. Not floor(intake × maxRatio): 100 × 0.29 is 28.999999999999996 in
 * floating point, and 29 of 100 is within a limit of 29%.
 */
function mostCarriedForward(intake: number, max: number): number {
  let k = Math.floor(intake * max);
  while ((k + 1) / intake <= max) k++;
  while (k > 0 && k / intake > max) k--;
  return k;
}

const NONE_PENDING = /(无|没有)(上年|上一年度?)结转|上年结转(申请)?(为)?(0|零)件?|上年(度)?无结转/;
/** 「上年结转2件」「上年度结转申请18件」「上年结转政府信息公开申请数量为2件」「上年结转申请共2件」 */
const SOME_PENDING = /上年度?结转(?:政府信息公开)?(?:申请)?(?:数量)?(?:为|共计?|是)?(\d+)件/;

export const T3_W2: Rule = {
  meta: {
    id: 'T3-W2',
    severity: 'warning',
    editions: ALL_EDITIONS,
    category: '图文数据不一致',
    title: '正文所述上年结转情况与表三一致',
    hint: '正文与表三「二、上年结转政府信息公开申请数量」应一致。',
  },
  check({ value, allText }) {
    const id = ap('carriedOver', 'total');
    const v = value(id);
    if (typeof v !== 'number') return [];
    const text = allText().replace(/\s+/g, '');
    const some = SOME_PENDING.exec(text);
    if (some) {
      const n = Number(some[1]);
      if (n !== v)
        return [
          { message: `正文称上年结转 ${n} 件，表三上年结转总计为 ${v}`, cells: [id], expected: v, actual: n },
        ];
      return [];
    }
    if (v > 0 && NONE_PENDING.test(text))
      return [
        { message: `正文称无上年结转申请，但表三上年结转总计为 ${v}`, cells: [id], expected: 0, actual: v },
      ];
    return [];
  },
};

export const T3_W3: Rule = {
  meta: {
    id: 'T3-W3',
    severity: 'info',
    editions: ['2021'],
    category: '内容不全面',
    title: '有逾期未缴费不再处理的申请时，第六部分报告信息处理费',
    hint: '表三（六）2 大于 0 说明发出过收费通知，第六部分应报告信息处理费收取情况。',
  },
  check({ value, compactText }) {
    const id = ap('other_feeUnpaid', 'total');
    const v = value(id);
    // whitespace removed as N3 does: PDF extraction breaks 「信息处理 费」
    if (typeof v !== 'number' || v <= 0 || /信息处理费/.test(compactText('other'))) return [];
    return [
      {
        message: `表三（六）2 逾期未缴费不再处理的申请有 ${v} 件，第六部分未报告信息处理费`,
        cells: [id],
        actual: v,
        section: 'other',
      },
    ];
  },
};

export const T3_W4: Rule = {
  meta: {
    id: 'T3-W4',
    severity: 'warning',
    editions: ALL_EDITIONS,
    category: UNREASONABLE,
    title: '表三总计列不空',
    hint: '总计列为各类申请人之和，应逐行填写。',
  },
  /**
   * Only where a row has a number in every applicant column and still no 总计: the column is missing
   * (the form computes a row's 总计 the moment the row is full; a published report printed none).
   * While every row still has a blank part, the 总计 column is blank because of them — it is
   * computed, not typed, and C2 names those blanks: nothing for this rule to say.
   */
  check({ edition, value }) {
    const apps = edition.tables.applications;
    const rows = apps.dataRows;
    const totals = rows.map((r) => ap(r.key, 'total'));
    if (totals.some((id) => typeof value(id) === 'number')) return [];
    const parts = apps.columns.filter((c) => c.key !== 'total');
    const full = rows.filter((r) => parts.every((c) => typeof value(ap(r.key, c.key)) === 'number'));
    if (!full.length) return [];
    const [first] = full;
    const sum = parts.reduce((a, c) => a + (value(ap(first!.key, c.key)) as number), 0);
    return [
      {
        message: `表三总计列整列空白，而申请人各列已填写：每行总计应为该行各类申请人之和，请补上（如${applicationRowName(edition, first!.key)}行总计应为 ${sum}）`,
        cells: totals,
      },
    ];
  },
};

export const T4_2: Rule = {
  meta: {
    id: 'T4-2',
    severity: 'info',
    editions: ALL_EDITIONS,
    category: UNREASONABLE,
    title: '表四有数而表三全为 0',
    hint: '可能是往年申请引起的复议、诉讼；请确认。',
  },
  check({ edition, value }) {
    const t4 = edition.cells.filter((c) => c.table === 'reviewLitigation');
    const t3 = edition.cells.filter((c) => c.table === 'applications');
    const t4nz = t4.filter((c) => {
      const v = value(c.id);
      return typeof v === 'number' && v > 0;
    });
    if (!t4nz.length) return [];
    if (!t3.every((c) => value(c.id) === 0)) return [];
    return [
      { message: `表四有非零数字（${t4nz.length} 个单元格），而表三全部为 0`, cells: t4nz.map((c) => c.id) },
    ];
  },
};

export const plausibilityRules: readonly Rule[] = [
  T2_1,
  T2_2,
  T2_3,
  T2_4,
  T2_5,
  T2_6,
  T2_7,
  T2_8,
  T3_W1,
  T3_W2,
  T3_W3,
  T3_W4,
  T4_2,
];
