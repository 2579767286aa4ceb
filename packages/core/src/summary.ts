import { roundHalfUp, sumCells } from './common.js';
import { derive } from './derive.js';
import { type CellId, cellLabel, type EditionId, getEdition, type SectionKey } from './editions/index.js';
import type { Report } from './model.js';

export interface Indicator {
  readonly key: string;
  readonly label: string;
  /** A count (件) or a rate in [0, 1]; null when a cell is blank or the denominator is 0. */
  readonly value: number | null;
  readonly kind: 'count' | 'rate';
  readonly numerator: number | null;
  readonly denominator: number | null;
  readonly numeratorCells: readonly CellId[];
  readonly denominatorCells: readonly CellId[];
  /**
   * Why value is null (「分母为 0」「有空白单元格」「单元格未读到，不是空白」), or that it rests on a stated total
   * at odds with its parts.
   */
  readonly note?: string;
}

const ap = (row: string, col = 'total') => `applications.${row}.${col}`;

export interface Summary {
  readonly agency: string;
  readonly year: number;
  readonly edition: EditionId;
  readonly scope: 'agency' | 'region';
  readonly indicators: readonly Indicator[];
}

/** The conventional indicators of domain.md §8, each with its numerator and denominator. */
export function summarize(reportAsGiven: Report): Summary {
  // As `derive` gives it: a total it derived is its parts' sum now (not one left by a part changed since).
  const derived = derive(reportAsGiven);
  const report = derived.report;
  const edition = getEdition(report.meta.edition);
  const apps = edition.tables.applications;
  const value = (id: CellId) => report.cells[id]?.value;
  const rowsUnder = (parent: string) =>
    apps.dataRows.filter((r) => r.parent === parent).map((r) => ap(r.key));
  const otherRows = edition.id === '2021' ? rowsUnder('other') : [ap('other')];
  // Totals the report states at odds with their parts: an indicator built on one says so.
  const conflicting = new Set(derived.conflicts.map((c) => c.cell));
  /** Why a sum is null (a cell never read is not a blank one), or which stated total it rests on. */
  const why = (cells: readonly CellId[], n: number | null): string | undefined => {
    if (n === null) {
      const empty = cells.filter((c) => (report.cells[c]?.value ?? null) === null);
      const absent = empty.filter((c) => report.cells[c] === undefined).length;
      if (absent === 0) return '有空白单元格';
      return absent === empty.length ? '单元格未读到，不是空白' : '有未读到或空白的单元格';
    }
    const bad = cells.find((c) => conflicting.has(c));
    return bad ? `${cellLabel(bad, edition.id)}与各项之和不一致，以报告所填为准` : undefined;
  };
  const count = (key: string, label: string, cells: readonly CellId[]): Indicator => {
    const n = sumCells(value, cells);
    const note = why(cells, n);
    return {
      key,
      label,
      kind: 'count',
      value: n,
      numerator: n,
      denominator: null,
      numeratorCells: cells,
      denominatorCells: [],
      ...(note ? { note } : {}),
    };
  };
  const rate = (key: string, label: string, num: readonly CellId[], den: readonly CellId[]): Indicator => {
    const n = sumCells(value, num);
    const d = sumCells(value, den);
    const v = n === null || d === null || d === 0 ? null : n / d;
    const note =
      n === null || d === null
        ? why([...num, ...den], null)
        : d === 0
          ? '分母为 0，比率无定义'
          : why([...num, ...den], n);
    return {
      key,
      label,
      kind: 'rate',
      value: v,
      numerator: n,
      denominator: d,
      numeratorCells: num,
      denominatorCells: den,
      ...(note ? { note } : {}),
    };
  };
  const done = [ap('resultTotal')];
  const legal = apps.columns
    .filter((c) => c.key !== 'naturalPerson' && c.key !== 'total')
    .map((c) => ap('newReceived', c.key));
  const indicators: Indicator[] = [
    count('applicationsTotal', '申请总量（新收＋上年结转）', [ap('newReceived'), ap('carriedOver')]),
    count('newReceived', '本年新收申请', [ap('newReceived')]),
    count('concluded', '办结量（（七）总计）', done),
    count('carriedForward', '结转下年度继续办理', [ap('carriedForward')]),
    rate('grantedRate', '予以公开率', [ap('granted')], done),
    rate('disclosureRate', '公开率（予以公开＋部分公开）', [ap('granted'), ap('partiallyGranted')], done),
    rate('deniedShare', '不予公开占比', rowsUnder('denied'), done),
    rate('unableShare', '无法提供占比', rowsUnder('unable'), done),
    rate('notHeldShare', '其中：本机关不掌握相关政府信息占比', [ap('unable_notHeld')], done),
    rate('notProcessedShare', '不予处理占比', rowsUnder('notProcessed'), done),
    rate('otherShare', '其他处理占比', otherRows, done),
    rate(
      'naturalPersonShare',
      '自然人申请占比（本年新收）',
      [ap('newReceived', 'naturalPerson')],
      [ap('newReceived')],
    ),
    count('legalPersonApplications', '法人或其他组织申请（本年新收）', legal),
    rate('legalPersonShare', '法人或其他组织申请占比（本年新收）', legal, [ap('newReceived')]),
  ];
  for (const row of edition.tables.reviewLitigation.rows) {
    const id = (c: string) => `reviewLitigation.${row.key}.${c}`;
    indicators.push(count(`${row.key}Total`, `${row.label} 总计`, [id('total')]));
    const t = value(id('total'));
    const p = value(id('pending'));
    const c = value(id('corrected'));
    const concluded = typeof t === 'number' && typeof p === 'number' ? t - p : null;
    // 已审结 below 0 (a printed 总计 less than its 尚未审结) is no denominator: never a negative rate.
    const v = concluded === null || typeof c !== 'number' || concluded <= 0 ? null : c / concluded;
    const rowCells = [id('corrected'), id('total'), id('pending')];
    const note =
      v !== null
        ? why(rowCells, c as number)
        : concluded === 0
          ? '已审结为 0，比率无定义'
          : concluded !== null && concluded < 0
            ? `尚未审结多于总计${conflicting.has(id('total')) ? `（${cellLabel(id('total'), edition.id)}与各项之和不一致）` : ''}，纠错率无法计算`
            : why(rowCells, null)!;
    indicators.push({
      key: `${row.key}CorrectionRate`,
      label: `${row.label} 纠错率（结果纠正 ÷ 已审结）`,
      kind: 'rate',
      value: v,
      numerator: typeof c === 'number' ? c : null,
      denominator: concluded,
      numeratorCells: [id('corrected')],
      denominatorCells: [id('total'), id('pending')],
      ...(note ? { note } : {}),
    });
  }
  return {
    agency: report.meta.agency.name,
    year: report.meta.year,
    edition: edition.id,
    scope: report.meta.scope,
    indicators,
  };
}

/**
 * Percent with one decimal as the reports print it, rounded half up as a person does (四舍五入):
 * 0.8571 → 「85.7%」, 201 of 400 (50.25%) → 「50.3%」. 「100%」 is all and 「0%」 none: a rate that one
 * decimal would round to either gets the decimals it needs (2000 of 2001: 「99.95%」, not 「100%」 in a
 * sentence of the published text; 1 of 30,000: 「0.003%」).
 */
export function formatRate(v: number): string {
  const size = Math.abs(v);
  const at = (d: number) => roundHalfUp(size, 10 ** (d + 2)) / 10 ** d;
  let decimals = 1;
  let p = at(1);
  while (decimals < 6 && ((p === 0 && size !== 0) || (p === 100 && size !== 1))) p = at(++decimals);
  const text = p
    .toFixed(decimals)
    .replace(/(\.\d*?)0+$/, '$1')
    .replace(/\.$/, '');
  return `${v < 0 && p !== 0 ? '-' : ''}${text}%`;
}

export interface NarrativeSentence {
  readonly key: string;
  readonly section: SectionKey;
  readonly text: string;
  /** The cells it quotes, in the order they appear. */
  readonly cells: readonly CellId[];
}

export interface Narration {
  readonly sentences: readonly NarrativeSentence[];
  /** Sentences left out because a cell they quote is blank. */
  readonly missing: readonly { key: string; cells: readonly CellId[] }[];
}

/**
 * The number-bearing sentences of sections 一、三、四, each tied to the cells it quotes, so that the
 * text and the tables cannot drift apart. The phrases are the ones rule N1 checks.
 */
export function narrate(report: Report): Narration {
  const edition = getEdition(report.meta.edition);
  const value = (id: CellId) => report.cells[id]?.value;
  const sentences: NarrativeSentence[] = [];
  const missing: { key: string; cells: CellId[] }[] = [];
  /** A template whose slots are cell sums: {0}, {1} … */
  const say = (key: string, section: SectionKey, template: string, slots: readonly (readonly CellId[])[]) => {
    const nums = slots.map((s) => sumCells(value, s));
    const cells = slots.flat();
    if (nums.some((n) => n === null)) {
      missing.push({ key, cells: cells.filter((c) => typeof value(c) !== 'number') });
      return;
    }
    sentences.push({
      key,
      section,
      text: template.replace(/\{(\d+)\}/g, (_, i) => String(nums[Number(i)])),
      cells,
    });
  };
  const ad = (row: string, col: string) => `activeDisclosure.${row}.${col}`;
  if (edition.id === '2021') {
    say('normativeDocs', 'overview', '本年制发行政规范性文件{0}件，废止{1}件，现行有效{2}件。', [
      [ad('normativeDocs', 'made')],
      [ad('normativeDocs', 'repealed')],
      [ad('normativeDocs', 'valid')],
    ]);
  } else {
    say('normativeDocs', 'overview', '本年新制作规范性文件{0}件，新公开{1}件，对外公开总数{2}件。', [
      [ad('normativeDocs', 'newlyMade')],
      [ad('normativeDocs', 'newlyPublished')],
      [ad('normativeDocs', 'totalPublished')],
    ]);
  }
  say('decisions', 'overview', '本年作出行政许可决定{0}件、行政处罚决定{1}件、行政强制决定{2}件。', [
    [ad('licensing', 'decisions')],
    [ad('punishment', 'decisions')],
    [ad('coercion', 'decisions')],
  ]);
  const apps = edition.tables.applications;
  const under = (parent: string) => apps.dataRows.filter((r) => r.parent === parent).map((r) => ap(r.key));
  const other = edition.id === '2021' ? under('other') : [ap('other')];
  say('intake', 'applications', '本年新收政府信息公开申请{0}件，上年结转{1}件。', [
    [ap('newReceived')],
    [ap('carriedOver')],
  ]);
  say(
    'results',
    'applications',
    '本年度办结{0}件，其中予以公开{1}件，部分公开{2}件，不予公开{3}件，无法提供{4}件，不予处理{5}件，其他处理{6}件。',
    [
      [ap('resultTotal')],
      [ap('granted')],
      [ap('partiallyGranted')],
      under('denied'),
      under('unable'),
      under('notProcessed'),
      other,
    ],
  );
  const done = sumCells(value, [ap('resultTotal')]);
  const disclosed = sumCells(value, [ap('granted'), ap('partiallyGranted')]);
  if (done && disclosed !== null) {
    sentences.push({
      key: 'disclosureRate',
      section: 'applications',
      text: `予以公开及部分公开合计${disclosed}件，占办结总数的${formatRate(disclosed / done)}。`,
      cells: [ap('granted'), ap('partiallyGranted'), ap('resultTotal')],
    });
  }
  say('carriedForward', 'applications', '结转下年度继续办理{0}件。', [[ap('carriedForward')]]);
  const rl = (row: string, col: string) => `reviewLitigation.${row}.${col}`;
  say(
    'review',
    'reviewLitigation',
    '本年度因政府信息公开工作被申请行政复议{0}件，其中结果维持{1}件，结果纠正{2}件，其他结果{3}件，尚未审结{4}件。',
    [
      [rl('review', 'total')],
      [rl('review', 'upheld')],
      [rl('review', 'corrected')],
      [rl('review', 'other')],
      [rl('review', 'pending')],
    ],
  );
  const both = (col: string) => [rl('litigationDirect', col), rl('litigationAfterReview', col)];
  say(
    'litigation',
    'reviewLitigation',
    '被提起行政诉讼{0}件（未经复议直接起诉{1}件，复议后起诉{2}件），其中结果维持{3}件，结果纠正{4}件，其他结果{5}件，尚未审结{6}件。',
    [
      both('total'),
      [rl('litigationDirect', 'total')],
      [rl('litigationAfterReview', 'total')],
      both('upheld'),
      both('corrected'),
      both('other'),
      both('pending'),
    ],
  );
  return { sentences, missing };
}
