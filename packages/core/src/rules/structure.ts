import {
  type CellDef,
  cellLabel,
  type Edition,
  editionForYear,
  getEdition,
  parseCellId,
  type TABLE_KEYS,
  TABLE_SHORT,
  type TableKey,
} from '../editions/index.js';
import { editionName, type Report, zh } from '../model.js';
import { ALL_EDITIONS, type FindingDraft, type Rule } from './types.js';

const FORMAT = '使用旧版格式 / 格式不规范' as const;
const MISSING = '要素缺失（章节、表格缺失）' as const;

export const S1: Rule = {
  meta: {
    id: 'S1',
    severity: 'error',
    editions: ALL_EDITIONS,
    category: FORMAT,
    title: '格式版本与报告年度相符（2019–2020 年度用试行格式，2021 年度起用 2021 版格式）',
    hint: '按报告年度选用格式：2019、2020 年度用《格式（试行）》，2021 年度起用国办公开办函〔2021〕30号印发的格式。',
  },
  check({ report }) {
    const expected = editionForYear(report.meta.year);
    const used = report.meta.edition;
    // Before 2019 there was no national format: no edition's tables and rules apply to that year.
    if (!expected && Number.isInteger(report.meta.year) && report.meta.year < 2019)
      return [
        {
          message: `${report.meta.year} 年度早于全国统一的年报格式：《格式（试行）》自 2019 年度起施行，本报告按${getEdition(used).formatTitle}检查的结果不适用于 ${report.meta.year} 年度`,
        },
      ];
    if (!expected || expected === used) return [];
    const usedDef = getEdition(used);
    const message =
      expected === '2021'
        ? `使用旧版格式：${report.meta.year} 年度报告应使用 2021 版格式（${getEdition('2021').documentNo}），实际使用的是${usedDef.formatTitle}`
        : `${report.meta.year} 年度报告应使用《格式（试行）》，2021 版格式自 2021 年度起施行`;
    return [{ message }];
  },
};

export const S2: Rule = {
  meta: {
    id: 'S2',
    severity: 'error',
    editions: ALL_EDITIONS,
    category: MISSING,
    title: '六个部分齐全，并按一至六的顺序排列',
    hint: '补齐缺少的部分并按格式顺序排列；没有内容的部分也应保留标题并写明情况。',
  },
  check({ report, edition, compactText }) {
    const out: FindingDraft[] = [];
    for (const s of edition.sections) {
      if (report.sections[s.key] === null) out.push({ message: `缺少「${s.title}」部分`, section: s.key });
    }
    // 一、总体情况 with its heading and nothing under it: the report's account of the year
    // (条例第五十条) is missing as much as a section left out. (五 empty is N5's; 六 may say 无.)
    const overview = edition.sections.find((s) => s.key === 'overview');
    if (overview && report.sections.overview !== null) {
      const heading = [overview.title.replace(/^一、/, ''), ...overview.aliases]
        .map((a) => a.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('|');
      const rest = compactText('overview')
        .replace(new RegExp(`^(?:[一1][、.．]?)?(?:${heading})?`), '')
        .replace(/^[\p{P}\p{S}]+$/u, '');
      if (!rest)
        out.push({
          message: `「${overview.title}」部分没有内容${
            overview.subTopics?.length ? `：应综述${overview.subTopics.join('、')}等方面的情况` : ''
          }`,
          section: 'overview',
        });
    }
    const order = report.layout?.sectionOrder;
    if (order && order.length > 1) {
      for (let i = 1; i < order.length; i++) {
        if (order[i]! <= order[i - 1]!) {
          out.push({ message: `各部分顺序不符合格式：实际顺序为 ${order.join('、')}，应为 1 至 6 依次排列` });
          break;
        }
      }
    }
    return out;
  },
};

export const S3: Rule = {
  meta: {
    id: 'S3',
    severity: 'error',
    editions: ALL_EDITIONS,
    category: MISSING,
    title: '第二、三、四部分包含各自的统计表',
    hint: '在第二、三、四部分插入格式规定的统计表；没有数据时表格仍须保留并填 0，「零报告」等文字不能代替表格。',
  },
  check({ report, edition, tableCells }) {
    const out: FindingDraft[] = [];
    for (const s of edition.sections) {
      if (!s.table) continue;
      const present = report.layout?.tablesPresent?.[s.table];
      const anyCell = tableCells(s.table).length > 0;
      if (present === false || (present === undefined && !anyCell)) {
        out.push({ message: `「${s.title}」缺少${TABLE_SHORT[s.table]}`, section: s.key });
      }
    }
    return out;
  },
};

const expectedCache = new Map<string, readonly CellDef[]>();
function expectedCells(edition: Edition, table: TableKey): readonly CellDef[] {
  const key = `${edition.id}:${table}`;
  let hit = expectedCache.get(key);
  if (!hit) {
    hit = edition.cells.filter((c) => c.table === table);
    expectedCache.set(key, hit);
  }
  return hit;
}

function tableShapeRule(
  id: 'S4' | 'S5' | 'S6',
  table: (typeof TABLE_KEYS)[number],
  title: string,
  hint: string,
): Rule {
  return {
    meta: { id, severity: 'error', editions: ALL_EDITIONS, category: FORMAT, title, hint },
    check({ report, edition, tableCells }) {
      // A table missing altogether is S3's finding, not a row-by-row one here. A table found in the
      // source (its heading read) but with none of its cells is this rule's: every cell is missing.
      const present = report.layout?.tablesPresent?.[table];
      const own = tableCells(table);
      if (present === false || (present !== true && own.length === 0)) return [];
      const expected = expectedCells(edition, table);
      if (own.length === 0)
        return [
          {
            message: `${TABLE_SHORT[table]}的标题已找到，但没有读到其中任何一个单元格：应有 ${expected.length} 个单元格，全部缺失。请对照原文补录整张表（空白不等于 0）`,
            cells: expected.map((c) => c.id),
            expected: expected.length,
            actual: 0,
            measure: 'cellCount',
          },
        ];
      let extra: string[] | undefined;
      for (const c of own) {
        if (edition.cellIndex.has(c)) continue;
        extra ??= [];
        extra.push(c);
      }
      // Fast path: as many known cells as the edition has means none is missing.
      let missing =
        own.length - (extra?.length ?? 0) === expected.length
          ? []
          : expected.filter((c) => !(c.id in report.cells)).map((c) => c.id);
      extra ??= [];
      const out: FindingDraft[] = [];
      // The trial format's single （六）其他处理 row printed in a 2021 report: the old format's table.
      // Its rows 1.–3. missing are that one fault, said once with it (not again as missing cells).
      const oldOther =
        edition.id === '2021' &&
        table === 'applications' &&
        (report.layout?.extraLabels ?? []).some(isOldOtherRowLabel);
      const oldOtherMissing = oldOther ? missing.filter(isOtherRowCell) : [];
      if (oldOtherMissing.length) missing = missing.filter((id) => !oldOtherMissing.includes(id));
      if (missing.length) {
        const rows = [...new Set(missing.map((m) => edition.cellIndex.get(m)!.rowLabel))];
        out.push({
          message: `${TABLE_SHORT[table]}缺少 ${missing.length} 个单元格（${rows.slice(0, 6).join('、')}${rows.length > 6 ? '等' : ''}）`,
          cells: missing,
          expected: expected.length,
          actual: expected.length - missing.length,
          measure: 'cellCount',
        });
      }
      if (extra.length) {
        const other = ALL_EDITIONS.find(
          (e) => e !== edition.id && extra.every((x) => getEdition(e).cellIndex.has(x)),
        );
        const labels = [...new Set(extra.map((x) => cellLabel(x)))].slice(0, 4).join('、');
        // domain.md §2: from 2021 on, any of the trial format's structures is 「使用旧版格式」 (as S1 and
        // S5's old （六） row say it); the 2021 format's in a 2019/2020 report is a format not yet in force.
        const older = other !== undefined && getEdition(other).reportYears.from < edition.reportYears.from;
        out.push({
          message: other
            ? zh`${older ? '使用旧版格式：' : ''}${TABLE_SHORT[table]}含有${editionName(other)}才有的项目（${labels}），与本报告的${editionName(edition.id)}不符`
            : `${TABLE_SHORT[table]}含有格式之外的项目：${labels}`,
          cells: extra,
        });
      }
      for (const label of report.layout?.extraLabels ?? []) {
        if (!(parseCellId(label)?.table === table || label.startsWith(TABLE_SHORT[table]))) continue;
        if (oldOther && /（六）其他处理$/.test(label)) {
          const rows = new Set(oldOtherMissing.map((id) => edition.cellIndex.get(id)!.row)).size;
          // The finding names the three rows' cells: those missing, or (all present) where the
          // row's numbers are kept — the fix (suggestFixes) re-lays the table in this format.
          out.push({
            message: `使用旧版格式：表三把「（六）其他处理」印成一行数据（《格式（试行）》的写法），2021 版格式中它分为 3 行${
              oldOtherMissing.length
                ? `，这些数值无法对应到本版单元格：其下 ${rows} 行（${oldOtherMissing.length} 个单元格）缺失，请对照原文分行补录`
                : '；本报告已分 3 行记录其数值，可按本版格式重排（修改建议），数值不变'
            }`,
            cells: oldOtherMissing.length
              ? oldOtherMissing
              : expected.map((c) => c.id).filter(isOtherRowCell),
          });
          continue;
        }
        out.push({ message: `${TABLE_SHORT[table]}含有格式之外的行或列：${label}` });
      }
      return out;
    },
  };
}

/** The trial format's single （六）其他处理 row, as the importer records it in layout.extraLabels. */
export function isOldOtherRowLabel(label: string): boolean {
  return /^表三\s*（六）其他处理$/.test(label);
}

/** A cell of the 2021 format's three rows under （六）其他处理. */
export function isOtherRowCell(id: string): boolean {
  return id.startsWith('applications.other_');
}

export const S4 = tableShapeRule(
  'S4',
  'activeDisclosure',
  '表二的栏目、行、列与本版格式完全一致',
  '按本版格式的表二填报，不增删栏目、行或列。',
);
export const S5 = tableShapeRule(
  'S5',
  'applications',
  '表三有 7 列及本版格式的全部数据行（试行格式 23 行，2021 版 25 行）',
  '按本版格式的表三填报，不增删行或列；（六）其他处理在 2021 版格式中分为 3 行。',
);
export const S6 = tableShapeRule(
  'S6',
  'reviewLitigation',
  '表四有 15 个单元格，顺序为行政复议、未经复议直接起诉、复议后起诉',
  '按格式的表四填报：三组各有结果维持、结果纠正、其他结果、尚未审结、总计 5 列。',
);

export const S7: Rule = {
  meta: {
    id: 'S7',
    severity: 'warning',
    editions: ALL_EDITIONS,
    category: FORMAT,
    title: '行列标签使用格式规定的原文',
    hint: '将标签改为格式原文，如 2021 版应写「行政规范性文件」而非「规范性文件」。',
  },
  check({ report, edition }) {
    return (report.layout?.aliasesUsed ?? []).map((a) => ({
      message: `${aliasPlace(edition, a.canonical, a.cells ?? [])}标签「${a.printed}」不是格式原文，应为「${a.canonical}」`,
      cells: a.cells ?? [],
    }));
  },
};

/**
 * Where an alias was printed, from the cells it labels: 「表二第二十条第（五）项（行政许可、其他对外管理
 * 服务事项）的列标签」, 「表三的行标签」 — the same label printed in several blocks is told apart.
 */
function aliasPlace(edition: Edition, canonical: string, cells: readonly string[]): string {
  const defs = cells.flatMap((id) => {
    const d = edition.cellIndex.get(id);
    return d ? [d] : [];
  });
  if (!defs.length) return '';
  const uniq = (xs: readonly (string | undefined)[]) => [...new Set(xs.filter((x): x is string => !!x))];
  const tables = uniq(defs.map((d) => TABLE_SHORT[d.table])).join('、');
  const blocks = uniq(defs.map((d) => d.blockCaption)).join('、');
  const rows = uniq(defs.map((d) => d.rowLabel));
  const cols = uniq(defs.map((d) => d.columnLabel));
  const list = (xs: string[]) => `${xs.slice(0, 3).join('、')}${xs.length > 3 ? '等' : ''}`;
  const norm = (x: string) => x.replace(/\s+/g, '');
  if (defs.every((d) => norm(d.columnLabel) === norm(canonical)))
    return `${tables}${blocks}${blocks ? `（${list(rows)}）` : ''}的列`;
  if (defs.every((d) => norm(d.rowLabel) === norm(canonical))) return `${tables}${blocks}的行`;
  return `${tables}${blocks}（${list(rows)} · ${list(cols)}）中的`;
}

/** Chinese numerals of a year written digit by digit; 零 and ○ stand for 〇 as often printed. */
const CN_DIGITS = '〇一二三四五六七八九';
const cnDigit = (c: string) => String(Math.max(0, CN_DIGITS.indexOf(c)));

/**
 * Title or preamble text as S8/S9 match it: NFKC (full-width ２０２０ → 2020, ：．－～ → :.-~),
 * whitespace removed, a year in Chinese numerals written digit by digit as digits
 * (二〇二〇年、二零二〇年 → 2020年).
 */
function normaliseForDates(text: string): string {
  return (
    text
      .normalize('NFKC')
      .replace(/\s+/g, '')
      .replace(/([〇○零一二三四五六七八九]{4})(?=年)/g, (y) => [...y].map(cnDigit).join(''))
      // a month or day in Chinese numerals (一月一日、十二月三十一日) as digits
      .replace(/(?<=年|月|^)([一二三四五六七八九十]{1,3})(?=[月日])/g, (n) => String(cnNumber(n)))
      // a time of day after the date (「1月1日0时至12月31日24时」)
      .replace(/(\d日)\d{1,2}(?:时|点)/g, '$1')
  );
}

/** 一 … 九十九 written as numerals (十二 = 12, 三十一 = 31, 十 = 10). */
function cnNumber(n: string): number {
  const d = (c: string | undefined) => (c ? CN_DIGITS.indexOf(c) : 0);
  const i = n.indexOf('十');
  if (i < 0) return d(n);
  return (i === 0 ? 1 : d(n[0])) * 10 + d(n[i + 1]);
}

export const S8: Rule = {
  meta: {
    id: 'S8',
    severity: 'warning',
    editions: ALL_EDITIONS,
    category: FORMAT,
    title: '标题含报告年度和「政府信息公开工作年度报告」',
    hint: '标题写作「<机关名称><年份>年政府信息公开工作年度报告」。',
  },
  check({ report }) {
    const title = report.meta.title;
    if (title === undefined) return [];
    const t = normaliseForDates(title);
    const out: FindingDraft[] = [];
    if (!t.includes('政府信息公开工作年度报告'))
      out.push({ message: `标题「${title}」不含「政府信息公开工作年度报告」` });
    // 「2019年」, also 「2019政府信息公开工作年度报告」 with the 年 left out
    const years = [...t.matchAll(/(?<!\d)(\d{4})(?:年|(?=政府信息公开工作年度报告))/g)].map((m) =>
      Number(m[1]),
    );
    if (!years.includes(report.meta.year))
      out.push({
        message: years.length
          ? `标题「${title}」中的年份（${years.join('、')}）与报告年度 ${report.meta.year} 不符`
          : `标题「${title}」未写明报告年度 ${report.meta.year}`,
        expected: report.meta.year,
        actual: years[0] ?? null,
      });
    return out;
  },
};

export const S9: Rule = {
  meta: {
    id: 'S9',
    severity: 'warning',
    editions: ALL_EDITIONS,
    category: FORMAT,
    title: '写明统计期限为报告年度 1 月 1 日至 12 月 31 日（报告年度已经结束）',
    hint: '在前言中写明「统计期限自YYYY年1月1日起至YYYY年12月31日止」；年报在报告年度结束后编制，报告年度填错的请改正。',
  },
  check({ report, today }) {
    const out: FindingDraft[] = [];
    const thisYear = today ? Number(today.slice(0, 4)) : undefined;
    if (thisYear !== undefined && report.meta.year >= thisYear)
      out.push({
        message:
          report.meta.year === thisYear
            ? `${report.meta.year} 年度尚未结束（今天是 ${today}），统计期限要到 ${report.meta.year} 年 12 月 31 日才满：年报应在年度结束后编制；如果报告年度填错了，请改为实际统计的年份（如 ${thisYear - 1}）`
            : `报告年度 ${report.meta.year} 还没有到来（今天是 ${today}）：请改为实际统计的年份（如 ${thisYear - 1}）`,
        expected: thisYear - 1,
        actual: report.meta.year,
        bound: 'atMost',
      });
    return [...out, ...periodFindings(report)];
  },
};

/**
 * S9's statement of the statistics period, found in the preamble or section 一. A report with no
 * preamble is printed with the standard one (render's reportPreamble: 「统计期限自YYYY年1月1日起至
 * YYYY年12月31日止」), so its period is stated: only a wrong period in section 一 is reported then.
 */
function periodFindings(report: Report): FindingDraft[] {
  const standardPreamble = !report.preamble?.trim();
  const text = normaliseForDates([report.preamble ?? '', report.sections.overview ?? ''].join('\n'))
    // dotted or slashed dates as 年月日: 「2020.1.1—2020.12.31」「2020/01/01-12/31」
    .replace(/(\d{4})[./](\d{1,2})[./](\d{1,2})(?!\d)日?/g, '$1年$2月$3日')
    .replace(/(?<=[至到—–\-~])(\d{1,2})[./](\d{1,2})(?!\d)日?/g, '$1月$2日');
  if (!text) return [];
  const y = report.meta.year;
  // 「自2020年1月1日起至2020年12月31日止」, also without the second year (「从2019年1月1日到12月31日止」)
  const m = /(\d{4})年0?1月0?1日(?:起)?(?:至|到|[—–\-~]+)(?:(\d{4})年)?12月31日/.exec(text);
  if (!m)
    return standardPreamble
      ? []
      : [
          {
            message: `未写明统计期限（应为 ${y} 年 1 月 1 日至 12 月 31 日）：请在前言中写明「统计期限自${y}年1月1日起至${y}年12月31日止」，或清空前言以使用含统计期限的标准前言`,
          },
        ];
  const from = Number(m[1]);
  const to = m[2] === undefined ? from : Number(m[2]);
  if (from !== y || to !== y)
    return [
      {
        message: `统计期限 ${from} 年 1 月 1 日至 ${to} 年 12 月 31 日与报告年度 ${y} 不符`,
        expected: y,
        actual: from !== y ? from : to,
      },
    ];
  return [];
}

export const structureRules: readonly Rule[] = [S1, S2, S3, S4, S5, S6, S7, S8, S9];
