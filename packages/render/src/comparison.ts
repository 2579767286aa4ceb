/**
 * A year-on-year comparison (core's `compare(previous, current)`) as a file to hand on: Markdown,
 * HTML, CSV here (no Node API, usable in the browser); DOCX and XLSX in comparison-office.ts, loaded
 * on demand. Every format is built from one model (`comparisonDocument`), so they say the same:
 * the title, both years' editions, what last year's report was (the caller's basis), the notes, one
 * table per section in the report's order (项目 | 上年 | 本年 | 增减 | 增减率), the items not
 * comparable with their reason and the cross-year findings X1–X6.
 */
import {
  type Comparison,
  type Delta,
  getEdition,
  NianbaoError,
  roundHalfUp,
  SEVERITY_LABELS,
  type TableKey,
} from '@nianbao/core';
import { escapeHtml } from './html.js';
import { escapeMarkdown } from './markdown.js';
import { csvField, plainDecimal } from './opendata.js';

export type ComparisonFormat = 'docx' | 'html' | 'md' | 'xlsx' | 'csv';
export const COMPARISON_FORMATS: readonly ComparisonFormat[] = ['docx', 'html', 'md', 'xlsx', 'csv'];

/** What last year's report was when compared (the server's `basis`): 已发布, or a draft whose numbers may change. */
export interface ComparisonBasis {
  /** 简体中文 status: 已发布, 草稿, 已提交 … */
  readonly statusLabel: string;
  readonly published: boolean;
  /** The version compared. */
  readonly version?: number;
}

export interface ComparisonOptions {
  /** Last year's report status; absent: the file does not say (two local files). */
  readonly basis?: ComparisonBasis;
  /** CSV: start with a UTF-8 byte order mark (Excel reads 简体中文 then). Default true. */
  readonly bom?: boolean;
}

/** One delta as printed: the texts of the five columns. */
export interface ComparisonRow {
  readonly delta: Delta;
  /** 项目: the label without its leading 「表二 」, 「（近似）」 after it where the quality is approximate. */
  readonly item: string;
  readonly previous: string;
  readonly current: string;
  readonly change: string;
  readonly rate: string;
  readonly approximate: boolean;
}

export interface ComparisonSection {
  readonly table: TableKey;
  /** The section's title in the current edition: 「三、收到和处理政府信息公开申请情况」. */
  readonly title: string;
  readonly rows: readonly ComparisonRow[];
}

export interface ComparisonDocument {
  readonly title: string;
  readonly agency: string;
  readonly previousYear: number;
  readonly currentYear: number;
  /** 「上年（2021 年度）格式：…」 and the current year's. */
  readonly editions: readonly string[];
  /** 「上年报告：已发布（第 1 版）」 or a draft said as one; absent without a basis. */
  readonly basis?: string;
  /** core's notes, then how to read the tables. */
  readonly notes: readonly string[];
  readonly sections: readonly ComparisonSection[];
  /** 「label：reason」 */
  readonly notComparable: readonly string[];
  readonly findings: readonly {
    readonly ruleId: string;
    readonly severity: string;
    readonly message: string;
  }[];
  /** The column heads: 项目, 上年（2021）, 本年（2022）, 增减, 增减率. */
  readonly header: readonly string[];
}

/** 「<机关> <上年>—<本年>年度政府信息公开工作年度报告同比」 */
export function comparisonTitle(c: Comparison): string {
  return `${c.current.agency} ${c.previous.year}—${c.current.year}年度政府信息公开工作年度报告同比`;
}

/**
 * The title as printed lines: the agency, then 「2024—2025年度政府信息公开工作年度报告同比」 — a line
 * break chosen by width fell inside 「年度报/告」 (as the report's own title did: document.ts titleLines).
 */
export function comparisonTitleLines(title: string): string[] {
  const m = /^(.+?)\s+(\d{4}—\d{4}年度.*)$/.exec(title);
  return m ? [m[1]!, m[2]!] : [title];
}

const TABLE_OF = (key: string): TableKey => key.split('.')[0] as TableKey;

/** What a year's cell never read from its report (an import that could not read it) shows: not a blank. */
export const COMPARISON_UNREAD = '未读到';

/**
 * A value as printed: blank is blank (never 0); a cell the report lacks (never read, `unread`) is
 * 「未读到」; money with its unit, an amount of no stated unit said so.
 */
export function comparisonValue(
  v: number | null,
  unit: Delta['unit'],
  unread = false,
  /** An amount not compared (unit 'unknown'): the unit its year's report states, 元 or 万元 printed as such. */
  printed?: '元' | '万元' | 'unknown',
): string {
  if (v === null) return unread ? COMPARISON_UNREAD : '';
  if (unit === '万元' || (unit === 'unknown' && printed === '万元')) return `${plainDecimal(v)}万元`;
  if (unit === 'unknown' && printed === '元') return `${plainDecimal(v)}元`;
  if (unit === 'unknown') return `${plainDecimal(v)}（未注明单位）`;
  return plainDecimal(v);
}

/** 增减: signed, with the unit; blank when a year is blank; an amount of no stated unit is not compared. */
export function comparisonChange(d: Pick<Delta, 'delta' | 'unit' | 'previous' | 'current'>): string {
  if (d.delta === null)
    return d.unit === 'unknown' && d.previous !== null && d.current !== null ? '单位不明，未比较' : '';
  const sign = d.delta > 0 ? '+' : '';
  return `${sign}${plainDecimal(d.delta)}${d.unit === '万元' ? '万元' : ''}`;
}

/**
 * 增减率: one decimal, signed (「+12.5%」 「-3.0%」 「0.0%」); 「—」 when last year is 0 or blank (or not
 * compared). A change under 0.05% is no 「0.0%」 beside a number that moved: 「+不足0.1%」 (as the web says it).
 */
export function comparisonRate(change: number | null): string {
  if (change === null || !Number.isFinite(change)) return '—';
  const tenths = roundHalfUp(Math.abs(change), 1000);
  if (tenths === 0) return change === 0 ? '0.0%' : `${change > 0 ? '+' : '-'}不足0.1%`;
  return `${change > 0 ? '+' : '-'}${(tenths / 10).toFixed(1)}%`;
}

function editionLine(which: string, year: number, edition: string): string {
  try {
    const e = getEdition(edition as Parameters<typeof getEdition>[0]);
    return `${which}（${year} 年度）格式：${e.formatTitle}（${e.documentNo}）`;
  } catch {
    return `${which}（${year} 年度）格式：${edition}`;
  }
}

function basisLine(basis: ComparisonBasis | undefined, year: number): string | undefined {
  if (!basis) return undefined;
  const v = basis.version !== undefined ? `，第 ${basis.version} 版` : '';
  return basis.published
    ? `上年报告：${year} 年度报告${basis.statusLabel}${v ? `（${v.slice(1)}）` : ''}`
    : `上年报告：${year} 年度报告尚未发布（${basis.statusLabel}${v}），同比依据其当前内容，其数字可能还会改动`;
}

/** The model every format prints. */
export function comparisonDocument(c: Comparison, options: ComparisonOptions = {}): ComparisonDocument {
  let sectionTitles: Map<TableKey, string>;
  try {
    sectionTitles = new Map(
      getEdition(c.current.edition as Parameters<typeof getEdition>[0])
        .sections.filter((s) => s.table)
        .map((s) => [s.table as TableKey, s.title]),
    );
  } catch {
    sectionTitles = new Map();
  }
  const order: TableKey[] = ['activeDisclosure', 'applications', 'reviewLitigation'];
  const byTable = new Map<TableKey, ComparisonRow[]>();
  for (const d of c.deltas) {
    const t = TABLE_OF(d.key);
    const approximate = d.quality === 'approximate';
    const item = `${d.label.replace(/^表[二三四]\s*/, '')}${approximate ? '（近似）' : ''}`;
    const row: ComparisonRow = {
      delta: d,
      item,
      previous: comparisonValue(d.previous, d.unit, d.unread?.includes('previous'), d.printedUnits?.previous),
      current: comparisonValue(d.current, d.unit, d.unread?.includes('current'), d.printedUnits?.current),
      change: comparisonChange(d),
      rate: comparisonRate(d.change),
      approximate,
    };
    const list = byTable.get(t) ?? [];
    list.push(row);
    byTable.set(t, list);
  }
  const sections = [...order, ...[...byTable.keys()].filter((t) => !order.includes(t))]
    .filter((t) => byTable.has(t))
    .map((t) => ({ table: t, title: sectionTitles.get(t) ?? t, rows: byTable.get(t)! }));
  const anyApproximate = c.deltas.some((d) => d.quality === 'approximate');
  const anyMoney = c.deltas.some((d) => d.unit);
  const anyUnread = c.deltas.some((d) => d.unread?.length);
  const reading = [
    '空白表示报告未填写，不等于 0；一年空白的项目不计增减。',
    ...(anyUnread
      ? [`「${COMPARISON_UNREAD}」表示导入时未能从报告中读出该项，不是报告留空，也不等于 0；不计增减。`]
      : []),
    '增减率以上年为基数，保留一位小数；上年为 0 或空白时记「—」。',
    ...(anyMoney ? ['金额单位为万元（以元填报的已折算）；未注明单位的金额按原数列出，不作比较。'] : []),
    ...(anyApproximate ? ['标「近似」的项目两种格式的统计口径相近但不完全相同，同比仅供参考。'] : []),
  ];
  return {
    title: comparisonTitle(c),
    agency: c.current.agency,
    previousYear: c.previous.year,
    currentYear: c.current.year,
    editions: [
      editionLine('上年', c.previous.year, c.previous.edition),
      editionLine('本年', c.current.year, c.current.edition),
    ],
    ...(options.basis ? { basis: basisLine(options.basis, c.previous.year)! } : {}),
    notes: [...c.notes, ...reading],
    sections,
    notComparable: c.notComparable.map((n) => `${n.label}：${n.reason}`),
    findings: c.findings.map((f) => ({
      ruleId: f.ruleId,
      severity: SEVERITY_LABELS[f.severity] ?? f.severity,
      message: f.message,
    })),
    header: ['项目', `上年（${c.previous.year}）`, `本年（${c.current.year}）`, '增减', '增减率'],
  };
}

/** A finding as a line: 「X1（跨年）：…」 */
export const findingLine = (f: ComparisonDocument['findings'][number]) =>
  `${f.ruleId}（${f.severity}）：${f.message}`;

export const NO_CROSS_YEAR_FINDINGS = '未发现跨年问题。';
export const NO_NOT_COMPARABLE = '两份报告格式版本相同，所有项目均可比较。';

// ---------------------------------------------------------------- Markdown

const mdCell = (s: string) => escapeMarkdown(s).replace(/\r?\n/g, ' ');

/** One section's table as Markdown lines (项目 | 上年 | 本年 | 增减 | 增减率): also the roll-up's 同比. */
export function comparisonTableMarkdown(
  header: readonly string[],
  rows: readonly Pick<ComparisonRow, 'item' | 'previous' | 'current' | 'change' | 'rate'>[],
): string[] {
  // numbers as they are (a leading sign is no list inside a cell); the item's text escaped
  return [
    `| ${header.join(' | ')} |`,
    '| --- | ---: | ---: | ---: | ---: |',
    ...rows.map((r) => `| ${[mdCell(r.item), r.previous, r.current, r.change, r.rate].join(' | ')} |`),
  ];
}

/** The comparison as Markdown (GitHub pipe tables). */
export function renderComparisonMarkdown(c: Comparison, options: ComparisonOptions = {}): string {
  const doc = comparisonDocument(c, options);
  const out: string[] = [`# ${escapeMarkdown(doc.title)}`, ''];
  for (const p of doc.editions) out.push(escapeMarkdown(p), '');
  if (doc.basis) out.push(escapeMarkdown(doc.basis), '');
  out.push('## 说明', '');
  for (const n of doc.notes) out.push(`- ${mdCell(n)}`);
  out.push('');
  for (const s of doc.sections) {
    out.push(`## ${escapeMarkdown(s.title)}`, '');
    out.push(...comparisonTableMarkdown(doc.header, s.rows), '');
  }
  out.push('## 不可比项目', '');
  if (doc.notComparable.length) for (const n of doc.notComparable) out.push(`- ${mdCell(n)}`);
  else out.push(NO_NOT_COMPARABLE);
  out.push('', '## 跨年核对', '');
  if (doc.findings.length) for (const f of doc.findings) out.push(`- ${mdCell(findingLine(f))}`);
  else out.push(NO_CROSS_YEAR_FINDINGS);
  return `${out.join('\n').trimEnd()}\n`;
}

// ---------------------------------------------------------------- HTML

const STYLE = `
@page { size: A4; margin: 25mm 20mm; }
body { margin: 0; background: #e9e9e9; color: #000; }
.nianbao-yoy { font-family: "仿宋", "FangSong", "STFangsong", "Noto Serif CJK SC", serif; font-size: 12pt;
  line-height: 1.6; max-width: 210mm; margin: 12px auto; padding: 20mm; background: #fff;
  box-shadow: 0 1px 6px rgba(0,0,0,.25); box-sizing: border-box; }
.nianbao-yoy h1 { font-family: "方正小标宋简体", "华文中宋", "宋体", "SimSun", "Noto Serif CJK SC", serif;
  font-size: 18pt; font-weight: normal; text-align: center; margin: 0 0 12pt; }
.nianbao-yoy h2 { font-family: "黑体", "SimHei", "Noto Sans CJK SC", sans-serif; font-size: 13pt;
  font-weight: normal; margin: 14pt 0 6pt; }
.nianbao-yoy p { margin: 0 0 4pt; }
.nianbao-yoy .warn { color: #8a4b00; }
.nianbao-yoy table { border-collapse: collapse; width: 100%; table-layout: fixed; font-family: "宋体", "SimSun", "Noto Serif CJK SC", serif;
  font-size: 9.5pt; line-height: 1.35; }
.nianbao-yoy th, .nianbao-yoy td { border: 1px solid #000; padding: 2pt 3pt; vertical-align: middle; }
.nianbao-yoy th { font-weight: normal; background: #f2f2f2; }
.nianbao-yoy td.num { text-align: right; word-break: keep-all; overflow-wrap: anywhere; font-family: "Times New Roman", "宋体", serif; }
.nianbao-yoy thead { display: table-header-group; }
.nianbao-yoy tr { page-break-inside: avoid; break-inside: avoid; }
@media screen and (max-width: 820px) {
  body { background: #fff; }
  .nianbao-yoy { padding: 12px; margin: 0; box-shadow: none; }
  .nianbao-yoy .table-scroll { overflow-x: auto; }
}
@media print { body { background: none; } .nianbao-yoy { padding: 0; margin: 0; box-shadow: none; max-width: none; } }
`;

/**
 * One section's table as HTML (five columns of fixed widths, inside a `.table-scroll` box; every
 * row with its cell id in data-cell): also the roll-up's 同比.
 */
export function comparisonTableHtml(header: readonly string[], rows: readonly ComparisonRow[]): string {
  const e = escapeHtml;
  const body = rows
    .map(
      (r) =>
        `<tr data-cell="${e(r.delta.key)}"${r.approximate ? ' data-quality="approximate"' : ''}><td>${e(r.item)}</td><td class="num">${e(r.previous)}</td><td class="num">${e(r.current)}</td><td class="num">${e(r.change)}</td><td class="num">${e(r.rate)}</td></tr>`,
    )
    .join('');
  return `<div class="table-scroll"><table><colgroup><col style="width:52%"><col style="width:12%"><col style="width:12%"><col style="width:12%"><col style="width:12%"></colgroup><thead><tr>${header
    .map((h) => `<th scope="col">${e(h)}</th>`)
    .join('')}</tr></thead><tbody>${body}</tbody></table></div>`;
}

/** The comparison as one self-contained HTML page (no external resources; all text escaped). */
export function renderComparisonHtml(c: Comparison, options: ComparisonOptions = {}): string {
  const doc = comparisonDocument(c, options);
  const e = escapeHtml;
  const parts: string[] = [`<h1>${comparisonTitleLines(doc.title).map(e).join('<br>')}</h1>`];
  for (const p of doc.editions) parts.push(`<p class="edition">${e(p)}</p>`);
  if (doc.basis)
    parts.push(`<p class="basis${options.basis?.published ? '' : ' warn'}" data-basis>${e(doc.basis)}</p>`);
  parts.push('<h2>说明</h2>', `<ul class="notes">${doc.notes.map((n) => `<li>${e(n)}</li>`).join('')}</ul>`);
  for (const s of doc.sections)
    parts.push(
      `<section data-table="${e(s.table)}"><h2>${e(s.title)}</h2>${comparisonTableHtml(doc.header, s.rows)}</section>`,
    );
  parts.push(
    '<h2>不可比项目</h2>',
    doc.notComparable.length
      ? `<ul class="not-comparable">${doc.notComparable.map((n) => `<li>${e(n)}</li>`).join('')}</ul>`
      : `<p>${e(NO_NOT_COMPARABLE)}</p>`,
    '<h2>跨年核对</h2>',
    doc.findings.length
      ? `<ul class="findings">${doc.findings.map((f) => `<li data-rule="${e(f.ruleId)}">${e(findingLine(f))}</li>`).join('')}</ul>`
      : `<p>${e(NO_CROSS_YEAR_FINDINGS)}</p>`,
  );
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(doc.title)}</title>
<meta name="nianbao:agency" content="${e(doc.agency)}">
<meta name="nianbao:years" content="${doc.previousYear}-${doc.currentYear}">
<style>${STYLE}</style>
</head>
<body>
<article class="nianbao-yoy">
${parts.join('\n')}
</article>
</body>
</html>
`;
}

// ---------------------------------------------------------------- CSV

export const COMPARISON_CSV_COLUMNS = [
  'cell_id',
  'label',
  'previous',
  'current',
  'delta',
  'change',
  'quality',
  'unit',
  'unread',
] as const;

const num = (v: number | null) => (v === null ? '' : plainDecimal(v));

/**
 * One row per delta: cell id, label, previous, current, delta, change (the ratio, exactly: 0.5 is
 * +50%), quality (equivalent / approximate), unit (万元, unknown, empty for counts), unread (the
 * years whose report lacks the cell — never read by the importer, core's `Delta.unread` —
 * `previous`, `current` or `previous current`, space-separated as the 问题清单's cell_ids; empty
 * for none). Blank is the empty field, never 0; a value never read is the empty field too, told from
 * a blank by `unread` (the other formats print 「未读到」), a trailing column so that the columns
 * before it stay where they were. RFC 4180, UTF-8 with a BOM (as the open data's CSV), text a
 * spreadsheet would run as a formula guarded with a leading '.
 */
export function renderComparisonCsv(c: Comparison, options: ComparisonOptions = {}): string {
  const lines = [COMPARISON_CSV_COLUMNS.join(',')];
  for (const d of c.deltas)
    lines.push(
      [
        d.key,
        csvField(d.label),
        num(d.previous),
        num(d.current),
        num(d.delta),
        num(d.change),
        d.quality,
        d.unit ?? '',
        (d.unread ?? []).join(' '),
      ].join(','),
    );
  return `${options.bom === false ? '' : '\uFEFF'}${lines.join('\n')}\n`;
}

// ---------------------------------------------------------------- all formats

/**
 * The comparison in a format: md/html/csv → string; docx/xlsx → Promise<Uint8Array> (their
 * libraries load on first use). NianbaoError('UNKNOWN_FORMAT') for any other format.
 */
export function renderComparison(
  c: Comparison,
  format: 'md' | 'html' | 'csv',
  options?: ComparisonOptions,
): string;
export function renderComparison(
  c: Comparison,
  format: 'docx' | 'xlsx',
  options?: ComparisonOptions,
): Promise<Uint8Array>;
export function renderComparison(
  c: Comparison,
  format: ComparisonFormat,
  options?: ComparisonOptions,
): string | Promise<Uint8Array>;
export function renderComparison(
  c: Comparison,
  format: ComparisonFormat,
  options: ComparisonOptions = {},
): string | Promise<Uint8Array> {
  switch (format) {
    case 'md':
      return renderComparisonMarkdown(c, options);
    case 'html':
      return renderComparisonHtml(c, options);
    case 'csv':
      return renderComparisonCsv(c, options);
    case 'docx':
      return import('./comparison-office.js').then((m) => m.renderComparisonDocx(c, options));
    case 'xlsx':
      return import('./comparison-office.js').then((m) => m.renderComparisonXlsx(c, options));
    default:
      throw new NianbaoError(
        'UNKNOWN_FORMAT',
        `同比不支持的输出格式：${String(format)}（可用：${COMPARISON_FORMATS.join('、')}）`,
        { format },
      );
  }
}
