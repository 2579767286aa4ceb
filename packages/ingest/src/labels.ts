import { type EditionId, getEdition, type RowDef, type SectionKey } from '@nianbao/core';
import { normLabel } from './stream.js';

/** A label as printed variants (normalised) with the canonical form. */
export interface LabelVariants {
  canonical: string;
  /** Normalised variants, longest first. */
  variants: { text: string; alias: boolean; printed: string }[];
}

const NUMERALS = ['一', '二', '三', '四', '五', '六'];

/** Strip 「一、」「（一）」「1.」 from a normalised label. */
export function stripPrefix(s: string): string {
  return s.replace(/^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.)/, '');
}

function variantsOf(
  label: string,
  aliases: readonly string[] = [],
  opts: { stripped?: boolean } = {},
): LabelVariants {
  const seen = new Set<string>();
  const variants: LabelVariants['variants'] = [];
  const add = (printed: string, alias: boolean) => {
    const t = normLabel(printed);
    if (t.length < 2 || seen.has(t)) return;
    seen.add(t);
    variants.push({ text: t, alias, printed });
  };
  add(label, false);
  for (const a of aliases) add(a, true);
  if (opts.stripped) {
    for (const v of [...variants]) {
      const s = stripPrefix(v.text);
      if (s.length >= 4 && !seen.has(s)) {
        seen.add(s);
        variants.push({ text: s, alias: false, printed: s });
      }
      // 「（二）部分公开」 without its parenthetical
      const p = v.text.replace(/（[^（）]*）$/, '');
      if (p !== v.text && p.length >= 4 && !seen.has(p)) {
        seen.add(p);
        variants.push({ text: p, alias: false, printed: p });
        const ps = stripPrefix(p);
        if (ps.length >= 4 && !seen.has(ps)) {
          seen.add(ps);
          variants.push({ text: ps, alias: false, printed: ps });
        }
      }
    }
  }
  variants.sort((a, b) => b.text.length - a.text.length);
  return { canonical: label, variants };
}

export interface SectionLabels {
  no: number;
  key: SectionKey;
  title: string;
  /** Normalised heading strings: 「一、总体情况」… */
  headings: string[];
}

export interface T2Block {
  key: string;
  caption: string;
  item: string;
  columns: { key: string; label: string; valueType: string; unit?: string | null; v: LabelVariants }[];
  rows: { key: string; label: string; v: LabelVariants; ids: string[] }[];
  /** Every cell id of the block, row by row. */
  ids: string[];
}

export interface T3Row {
  key: string;
  label: string;
  kind: 'data' | 'group';
  /** The group row this row belongs to (（六）其他处理 for its rows 1.–3.), as in the edition. */
  parent?: string;
  v: LabelVariants;
  /** The row's cell ids, one per 表三 column. */
  ids: string[];
}

/** A column as a row plan of the parser sees it. */
export interface PlanColumn {
  key: string;
  label: string;
  valueType: string;
  unit?: string | null;
}

export interface EditionLabels {
  edition: EditionId;
  sections: SectionLabels[];
  t2: T2Block[];
  t3: T3Row[];
  t3Columns: string[];
  /** 表三's columns as row plans take them. */
  t3PlanColumns: PlanColumn[];
  /** 表四 as one row of 15 cells: columns `row.col` and their cell ids. */
  t4PlanColumns: PlanColumn[];
  t4Ids: string[];
}

const cache = new Map<EditionId, EditionLabels>();

export function editionLabels(edition: EditionId): EditionLabels {
  const hit = cache.get(edition);
  if (hit) return hit;
  const e = getEdition(edition);
  const sections: SectionLabels[] = e.sections.map((s) => {
    const bare = s.title.replace(/^[一二三四五六]、/, '');
    const names = [bare, ...s.aliases];
    const num = NUMERALS[s.no - 1]!;
    const headings = new Set<string>();
    for (const nme of names) {
      headings.add(normLabel(`${num}、${nme}`));
      headings.add(normLabel(`${num}.${nme}`));
    }
    return {
      no: s.no,
      key: s.key,
      title: s.title,
      headings: [...headings].sort((a, b) => b.length - a.length),
    };
  });
  const t2: T2Block[] = e.tables.activeDisclosure.blocks.map((b) => ({
    key: b.key,
    caption: b.caption,
    item: /（(.+)）/.exec(b.caption)?.[1] ?? '',
    columns: b.columns.map((c) => ({
      key: c.key,
      label: c.label,
      valueType: c.valueType ?? 'count',
      ...(c.unit !== undefined ? { unit: c.unit } : {}),
      v: variantsOf(c.label, c.aliases ?? []),
    })),
    rows: b.rows.map((r) => ({
      key: r.key,
      label: r.label,
      v: variantsOf(r.label, r.aliases ?? []),
      ids: b.columns.map((c) => `activeDisclosure.${r.key}.${c.key}`),
    })),
    ids: b.rows.flatMap((r) => b.columns.map((c) => `activeDisclosure.${r.key}.${c.key}`)),
  }));
  const t3: T3Row[] = e.tables.applications.rows.map((r: RowDef) => ({
    key: r.key,
    label: r.label,
    kind: r.kind === 'group' ? 'group' : 'data',
    ...(r.parent ? { parent: r.parent } : {}),
    v: variantsOf(r.label, r.aliases ?? [], { stripped: true }),
    ids: e.tables.applications.columns.map((c) => `applications.${r.key}.${c.key}`),
  }));
  const rl = e.tables.reviewLitigation;
  const t4PlanColumns = rl.rows.flatMap((r) =>
    rl.columns.map((c) => ({ key: `${r.key}.${c.key}`, label: c.label, valueType: 'count' })),
  );
  const out: EditionLabels = {
    edition,
    sections,
    t2,
    t3,
    t3Columns: e.tables.applications.columns.map((c) => c.key),
    t3PlanColumns: e.tables.applications.columns.map((c) => ({
      key: c.key,
      label: c.label,
      valueType: 'count',
    })),
    t4PlanColumns,
    t4Ids: t4PlanColumns.map((c) => `reviewLitigation.${c.key}`),
  };
  cache.set(edition, out);
  return out;
}

/** Labels that only one edition prints (edition detection). */
export const EDITION_MARKERS: Record<EditionId, string[]> = {
  '2019-trial': [
    '本年新制作数量',
    '本年新公开数量',
    '对外公开总数量',
    '上一年项目数量',
    '第二十条第（九）项',
    '政府集中采购',
    '采购总金额',
  ].map(normLabel),
  '2021': [
    '本年制发件数',
    '本年废止件数',
    '现行有效件数',
    '本年收费金额',
    '申请人无正当理由逾期不补正',
    '申请人逾期未按收费通知要求缴纳费用',
  ].map(normLabel),
};

export const T4_HEADER = [
  '行政复议',
  '行政诉讼',
  '未经复议直接起诉',
  '复议后起诉',
  '结果维持',
  '结果纠正',
  '其他结果',
  '尚未审结',
  '总计',
  '结果',
  '维持',
  '纠正',
  '其他',
  '尚未',
  '审结',
  '总',
  '计',
].map(normLabel);

export const T3_MARKERS = ['本列数据的勾稽关系', '申请人情况'].map(normLabel);
export const T2_HEADER = normLabel('信息内容');
