import { derive } from './derive.js';
import { type CellId, cellLabel, getEdition } from './editions/index.js';
import { identities } from './identities.js';
import {
  type Agency,
  agencyNameKey,
  type Cell,
  editionName,
  emptySections,
  isPlaceNames,
  isUnnamedAgency,
  NianbaoError,
  type Report,
  zh,
} from './model.js';

export interface AggregateResult {
  /**
   * The roll-up: scope 'region', every cell the sum over the reports — origin 'derived' where every
   * report's cell was derived, else 'imported' (a sum of figures the reports state).
   */
  readonly report: Report;
  readonly contributors: readonly string[];
  /**
   * Cells without a sum because some report had them blank or absent: `agencies` names them all,
   * `unread` those whose report lacks the cell (never read from the published document: not a
   * blank). A cell some report lacks is absent from the roll-up too, so its summary says 「未读到」.
   */
  readonly missing: readonly { cell: CellId; agencies: readonly string[]; unread?: readonly string[] }[];
  /** Unit conversions and other notes (简体中文). */
  readonly notes: readonly string[];
  /**
   * Two reports whose agencies are likely one: one name is the other with places before it
   * (「教育局」, 「示例县教育局」), and they do not both have an agency id. Summed as two agencies, never
   * merged — they may be two counties' 教育局 — and said in `notes` with what to do.
   */
  readonly likelySameAgencies?: readonly LikelySameAgency[];
}

/** Two reports of a roll-up whose agencies are likely one (AggregateResult.likelySameAgencies). */
export interface LikelySameAgency {
  readonly code: 'LIKELY_SAME_AGENCY';
  /** The two reports (positions in the reports given), in order. */
  readonly indices: readonly [number, number];
  /** Their agencies' names, as the reports give them, in the same order. */
  readonly names: readonly [string, string];
  /** 简体中文, as in `notes`. */
  readonly message: string;
}

export interface AggregateOptions {
  /** The region's agency (e.g. 某某县人民政府); defaults to 「汇总」. */
  readonly agency?: Agency;
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** A money cell's unit: the one it states, else the header's (万元), else unknown. */
const unitOf = (c: Cell, header: string | null | undefined): NonNullable<Cell['unit']> =>
  c.unit ?? (header === '万元' ? '万元' : 'unknown');

/**
 * The same agency's report twice (one year: checked before) would count every number twice. Same
 * agency: the same agency id when both reports have one, else the same name.
 */
function refuseDuplicates(reports: readonly Report[]): void {
  const byId = new Map<string, number>();
  /** Reports without an id, by name; and every report by name. */
  const byNameNoId = new Map<string, number>();
  const byName = new Map<string, number>();
  reports.forEach((r, i) => {
    const { id } = r.meta.agency;
    // as sameAgency compares names (agencyNameKey): 「示例县 交通运输局」 is 「示例县交通运输局」, 「（本级）」 is
    // 「(本级)」; a name the importer could not find (「（未识别机关）」) names no one, so two such are
    // two agencies, not one report twice
    const name = agencyNameKey(r.meta.agency.name);
    const unnamed = isUnnamedAgency(name);
    const first = id
      ? (byId.get(id) ?? (unnamed ? undefined : byNameNoId.get(name)))
      : unnamed
        ? undefined
        : byName.get(name);
    if (first !== undefined) {
      const shown = r.meta.agency.name.trim() || reports[first]!.meta.agency.name.trim() || '（未命名机关）';
      throw new NianbaoError(
        'DUPLICATE_REPORT',
        `${shown} ${r.meta.year} 年度的报告出现了两次（第 ${first + 1} 份和第 ${i + 1} 份），汇总会把它的数字算两遍：请只保留一份`,
        { agency: shown, ...(id ? { agencyId: id } : {}), year: r.meta.year, indices: [first, i] },
      );
    }
    if (id && !byId.has(id)) byId.set(id, i);
    if (!id && !byNameNoId.has(name)) byNameNoId.set(name, i);
    if (!byName.has(name)) byName.set(name, i);
  });
}

/**
 * Pairs of reports whose agencies are likely one: one name (spaces aside) is the other with the names
 * of places before it — 「教育局」 and 「示例县教育局」, 「洪泽区人民政府」 and 「淮安市洪泽区人民政府」. Not when
 * both reports have an agency id: the ids decide (two ids, two agencies).
 */
export function likelySameAgencies(reports: readonly Report[]): LikelySameAgency[] {
  const clean = (r: Report) => agencyNameKey(r.meta.agency.name);
  const byName = new Map<string, number[]>();
  reports.forEach((r, i) => {
    const name = clean(r);
    if (isUnnamedAgency(name)) return;
    byName.set(name, [...(byName.get(name) ?? []), i]);
  });
  const out: LikelySameAgency[] = [];
  reports.forEach((r, j) => {
    const long = clean(r);
    if (isUnnamedAgency(long)) return;
    // every way the name splits into places and a name of at least two characters that is another report's
    for (let k = 1; k <= long.length - 2; k++) {
      const shorter = byName.get(long.slice(k));
      if (!shorter || !isPlaceNames(long.slice(0, k))) continue;
      for (const i of shorter) {
        if (r.meta.agency.id && reports[i]!.meta.agency.id) continue;
        const [p, q] = i < j ? [i, j] : [j, i];
        const names = [reports[p]!.meta.agency.name.trim(), reports[q]!.meta.agency.name.trim()] as const;
        const [s, l] = i < j ? names : ([names[1], names[0]] as const);
        out.push({
          code: 'LIKELY_SAME_AGENCY',
          indices: [p, q],
          names,
          message: `「${s}」和「${l}」可能是同一机关（后者是前者前面加上地名），汇总按两个机关分别计入。如果是同一机关，同一年度只应有一份报告，两份都计入会把数字算两遍：请只保留一份，或把两份报告的机关名称改成一致（汇总会指出重复）；如果是不同地方的两个机关，请把「${s}」写成带地名的全称，或给每份报告填上各自的机关编号（meta.agency.id），此提示即不再出现`,
        });
      }
    }
  });
  return out.sort((x, y) => x.indices[0] - y.indices[0] || x.indices[1] - y.indices[1]);
}

/**
 * Whether a blank cell of a derived report is blank for a cell the report never read: it is absent,
 * or it is a total derive left blank (origin derived) for a part that is — through totals of totals.
 */
function neverRead(report: Report, id: CellId, seen = new Set<CellId>()): boolean {
  const c = report.cells[id];
  if (!c) return true;
  if (c.value !== null || c.origin !== 'derived' || seen.has(id)) return false;
  seen.add(id);
  return identities(report.meta.edition).some(
    (i) => i.derives === id && i.rhs.some((p) => neverRead(report, p, seen)),
  );
}

/**
 * Sum the additive cells of several agencies' reports of one year and edition (domain.md §8). A cell
 * blank in any report stays blank in the sum (and is listed), never summed as 0. Each report is
 * summed as `derive` gives it: a total it derived is its parts' sum as they are now. Rates are not
 * stored: `summarize` the roll-up and they are recomputed from the summed counts. The same agency's
 * report twice is refused (`DUPLICATE_REPORT`), as are mixed years and editions.
 */
export function aggregate(reports: readonly Report[], options: AggregateOptions = {}): AggregateResult {
  const steps = aggregateSteps(reports, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** How many reports `aggregateSteps` reads between two steps where the last one was derived. */
export const AGGREGATE_STEP_REPORTS = 50;

/**
 * `aggregate` in steps: the same roll-up, computed between `yield`s — after every
 * {@link AGGREGATE_STEP_REPORTS} reports checked and after each cell summed — so a server can let
 * other requests in while a province's 1,890 reports are summed (~0.2 s in one piece). Drive it with
 * `next()` until `done`; the value is what `aggregate` returns. Errors (mixed years, the same report
 * twice) are thrown by the first `next()`, before anything is summed.
 */
export function* aggregateSteps(
  reports: readonly Report[],
  options: AggregateOptions = {},
): Generator<void, AggregateResult, void> {
  if (!reports.length) throw new NianbaoError('EMPTY_AGGREGATE', '没有可汇总的报告');
  const years = [...new Set(reports.map((r) => r.meta.year))];
  if (years.length > 1)
    throw new NianbaoError('MIXED_YEARS', `只能汇总同一年度的报告，实际包含 ${years.join('、')} 年度`, {
      years,
    });
  const editions = [...new Set(reports.map((r) => r.meta.edition))];
  if (editions.length > 1)
    throw new NianbaoError(
      'MIXED_EDITIONS',
      zh`只能汇总同一格式版本的报告，实际包含${editions.map(editionName).join('、')}`,
      {
        editions,
      },
    );
  refuseDuplicates(reports);
  const notes: string[] = [];
  // 「教育局」 and 「示例县教育局」: likely one agency, maybe two counties' — summed as two, and said
  const likelySame = likelySameAgencies(reports);
  for (const x of likelySame) notes.push(x.message);
  // A roll-up among the reports may already hold some of the others: say so (not refused — a city
  // sums its counties' roll-ups on purpose).
  const regions = reports.filter((r) => r.meta.scope === 'region');
  if (regions.length && reports.length > 1)
    notes.push(
      `${regions.map((r) => r.meta.agency.name).join('、')}的报告是区域汇总报告：如果它已包含这里的其他机关，这些机关的数字会被重复计算`,
    );
  const edition = getEdition(editions[0]!);
  // Each report as derive gives it: a total the report derived is its parts' sum as they are now
  // (a part changed after derive — a report file edited by hand — leaves a stale number there, which
  // would be summed without a word). A total the report states is kept: one whose parts disagree is
  // summed as it stands, and said, so the roll-up's own disagreement can be traced to its report.
  const summed: Report[] = [];
  for (const [k, r] of reports.entries()) {
    if (k > 0 && k % AGGREGATE_STEP_REPORTS === 0) yield;
    const { report: derived, conflicts } = derive(r);
    summed.push(derived);
    if (!conflicts.length) continue;
    const first = conflicts[0]!;
    notes.push(
      `${r.meta.agency.name}的报告有 ${conflicts.length} 个总计与各项之和不一致（如${cellLabel(first.cell, edition.id)}：填 ${first.printed}，各项之和 ${first.computed}），汇总按其所填数字相加`,
    );
  }
  const cells: Record<CellId, Cell> = {};
  const missing: { cell: CellId; agencies: string[]; unread?: string[] }[] = [];
  for (const def of edition.cells) {
    yield;
    let sum = 0;
    const blank: string[] = [];
    const unread: string[] = [];
    let unit: Cell['unit'];
    if (def.valueType === 'money') {
      // 0 is 0 in any unit: an amount of 0 printed without one does not stop the sum.
      // A cell stating no unit takes the header's (2021 本年收费金额: 万元, as render prints it);
      // `unit: 'unknown'` said outright is unknown in any edition — never summed as 万元 on a guess.
      const units = new Set(
        summed
          .map((r) => r.cells[def.id])
          .filter((c) => c && c.value !== null && c.value !== 0)
          .map((c) => unitOf(c!, def.unit)),
      );
      if (units.has('unknown')) unit = 'unknown';
      else if (def.unit === '万元') unit = '万元';
      else unit = units.size === 1 ? [...units][0] : '万元';
      if (units.size > 1 && !units.has('unknown')) notes.push(`${def.label}的单位不一，已统一换算为万元`);
    }
    // A sum of totals some report states (printed, typed) is a stated total of the roll-up too: a
    // later derive keeps it and says when it disagrees with the summed parts, never overwrites it.
    let allDerived = true;
    /** Reports whose number here is beyond what a count may have (12 digits, C1): the likely cause. */
    const huge: string[] = [];
    for (const r of summed) {
      const c = r.cells[def.id];
      if (!c || c.value === null) {
        blank.push(r.meta.agency.name);
        // never read, or a total derive could not compute for a part never read: not a blank printed
        if (!c || neverRead(r, def.id)) unread.push(r.meta.agency.name);
        continue;
      }
      if (c.origin !== 'derived') allDerived = false;
      let v = c.value;
      if (def.valueType === 'money' && unit === '万元' && c.unit === '元') v = v / 10000;
      sum += v;
      if (Math.abs(v) > 999_999_999_999) huge.push(r.meta.agency.name);
    }
    if (def.valueType === 'money' && unit === 'unknown' && reports.length > 1 && !blank.length) {
      // whose: a reviewer has to ask that agency which unit it meant
      const noUnit = summed
        .filter((r) => {
          const c = r.cells[def.id];
          return c && typeof c.value === 'number' && c.value !== 0 && unitOf(c, def.unit) === 'unknown';
        })
        .map((r) => r.meta.agency.name);
      notes.push(`${def.label}：${noUnit.join('、')}的报告未注明单位（元或万元），无法汇总，留空`);
      cells[def.id] = { value: null, unit: 'unknown', origin: 'derived' };
      continue;
    }
    if (!blank.length && Math.abs(sum) > Number.MAX_SAFE_INTEGER) {
      // a double no longer holds the sum exactly: rounded, it would be a wrong number said as right
      const whose = huge.length ? huge : reports.map((r) => r.meta.agency.name);
      notes.push(
        `${cellLabel(def.id, edition.id)}：各报告之和超出可精确计算的范围（${Number.MAX_SAFE_INTEGER}），未汇总、留空：请核对${whose.join('、')}的这个数`,
      );
      cells[def.id] = { value: null, origin: 'derived', ...(unit ? { unit } : {}) };
      continue;
    }
    if (blank.length) {
      missing.push({ cell: def.id, agencies: blank, ...(unread.length ? { unread } : {}) });
      // never read in some report: absent here too (not a blank the reports printed)
      if (!unread.length) cells[def.id] = { value: null, origin: 'derived', ...(unit ? { unit } : {}) };
    } else {
      cells[def.id] = {
        value: def.valueType === 'money' ? round6(sum) : sum,
        origin: allDerived ? 'derived' : 'imported',
        ...(unit ? { unit } : {}),
      };
    }
  }
  const agency: Agency = options.agency ?? { name: '汇总' };
  const year = years[0]!;
  const names = reports.map((r) => r.meta.agency.name);
  // Says exactly whose reports it sums: a roll-up of 2 agencies must not read as the whole region's.
  const preamble = `本报告为${agency.name}区域汇总报告，汇总了以下 ${names.length} 个机关的${year}年度报告：${names.join('、')}。统计期限自${year}年1月1日起至${year}年12月31日止。`;
  return {
    report: {
      schemaVersion: 1,
      meta: { agency, year, edition: edition.id, scope: 'region' },
      preamble,
      sections: emptySections(),
      cells,
    },
    contributors: reports.map((r) => r.meta.agency.name),
    missing,
    notes: [...new Set(notes)],
    ...(likelySame.length ? { likelySameAgencies: likelySame } : {}),
  };
}

export interface RegionalDifference {
  readonly cell: CellId;
  readonly label: string;
  /** What the region's own report states. */
  readonly stated: number;
  /** What its constituents' reports add up to. */
  readonly summed: number;
}

/**
 * A government's whole-region report (scope region) against the roll-up of its constituents' reports
 * (domain.md §8: "warn when the regional T3/T4 ≠ the sum of constituents"): every cell of 表三 and
 * 表四 where both have a number and they differ. `compared`: how many cells had a number in both (a
 * blank on either side is not compared). Reports of different years or editions compare nothing.
 */
export function regionalDifferences(
  regional: Report,
  summed: Report,
): { compared: number; differences: RegionalDifference[] } {
  const differences: RegionalDifference[] = [];
  if (regional.meta.year !== summed.meta.year || regional.meta.edition !== summed.meta.edition)
    return { compared: 0, differences };
  let compared = 0;
  for (const def of getEdition(regional.meta.edition).cells) {
    if (def.table !== 'applications' && def.table !== 'reviewLitigation') continue;
    const a = regional.cells[def.id]?.value;
    const b = summed.cells[def.id]?.value;
    if (typeof a !== 'number' || typeof b !== 'number') continue;
    compared++;
    if (a !== b) differences.push({ cell: def.id, label: def.label, stated: a, summed: b });
  }
  return { compared, differences };
}

/**
 * What a roll-up's `missing` says (简体中文), or null when every cell was summed: how many cells
 * have no sum, and — told apart — how many because a report printed them blank and how many because
 * a report's cell was never read (the importer could not read it: not a blank).
 */
export function missingText(missing: AggregateResult['missing']): string | null {
  if (!missing.length) return null;
  const unread = missing.filter((m) => m.unread?.length).length;
  const blank = missing.length - unread;
  const why = [
    blank ? `${blank} 个因部分报告空白` : '',
    unread ? `${unread} 个因部分报告中未读到（导入时没有读出，不是空白）` : '',
  ].filter(Boolean);
  return `有 ${missing.length} 个单元格未汇总、留空（不按 0 计）：${why.join('，')}`;
}
