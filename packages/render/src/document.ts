/**
 * The report as an ordered document — title, preamble, the six sections with their official
 * titles and tables, the signature — shared by every layout format.
 */
import {
  type EditionId,
  getEdition,
  NianbaoError,
  parseReport,
  type Report,
  type SectionKey,
  standardTitle,
  type TableKey,
} from '@nianbao/core';
import { hasTable, tableNotes } from './layout.js';

export interface DocumentSection {
  readonly key: SectionKey;
  /** The official title (一、总体情况 …), from the edition data. */
  readonly title: string;
  /** Narrative paragraphs (the section text split at line breaks). */
  readonly paragraphs: readonly string[];
  /** The section's table, when the edition gives it one and the report has its cells. */
  readonly table?: TableKey;
  /**
   * Notes printed under the table: an amount stated in 元 under a 万元 header, converted; an amount
   * whose unit the report does not state.
   */
  readonly tableNotes?: readonly string[];
}

export interface ReportDocument {
  readonly edition: EditionId;
  readonly scope: 'agency' | 'region';
  readonly title: string;
  /** The title as printed, line by line (see titleLines): the agency, then 「2024年…年度报告」. */
  readonly titleLines: readonly string[];
  readonly preamble: readonly string[];
  readonly sections: readonly DocumentSection[];
  /** Signature block at the end: the agency and the date (when published). */
  readonly signature: readonly string[];
}

export interface DocumentOptions {
  /**
   * Where the report is published, for the generated preamble (「本报告电子版可在…查阅」). Not
   * given, the preamble names no place: not every agency has a portal, and the report would claim one.
   */
  readonly publishedAt?: string;
  /** Validate the report against the zod schema first (default true). */
  readonly validate?: boolean;
}

/**
 * A leading level-2 heading of a paragraph (「（一）主动公开。」「（二）依申请公开方面，」), which
 * 公文 sets in 楷体: returns [heading, rest], or undefined when the paragraph starts otherwise.
 */
export function leadHeading(paragraph: string): [string, string] | undefined {
  const m = /^[（(][一二三四五六七八九十]{1,3}[）)][^。，；：！？]{1,24}([。，；：]|$)/.exec(paragraph);
  if (!m) return undefined;
  return [m[0], paragraph.slice(m[0].length)];
}

/**
 * Split narrative text into paragraphs at line breaks, as every format prints them: blank lines
 * dropped, each paragraph trimmed and any run of spaces, tabs or other blanks inside it printed as
 * one space (HTML and Markdown show them so anyway; Word now does too). 全角空格 (U+3000) inside a
 * paragraph are characters of the text and kept. What a round trip gives back is exactly these
 * paragraphs joined by single line breaks.
 */
export function paragraphs(text: string | null | undefined): string[] {
  if (!text) return [];
  return text
    .split(/\r?\n|\r|[\u2028\u2029]/)
    .map((s) => s.trim().replace(/[^\S\u3000]+/g, ' '))
    .filter((s) => s.length > 0);
}

const REGION_MARK = /汇总/;

/** 「<机关名称><年份>年政府信息公开工作年度报告」; a roll-up says so (（区域汇总）). */
export function reportTitle(report: Report): string {
  const title = (report.meta.title?.trim() || standardTitle(report)).replace(/\s*[\r\n]+\s*/g, ' ');
  if (report.meta.scope === 'region' && !REGION_MARK.test(title)) return `${title}（区域汇总）`;
  return title;
}

/** Characters of a title line: 二号 (22 pt) across the 156 mm text column of A4. */
export const TITLE_LINE_CHARS = 20;

/**
 * The report's name as published titles spell it: 「政府信息公开工作年度报告」, and also 「…年度报告」
 * without 工作, 「…工作报告」 without 年度 (blanks between its words allowed).
 */
const REPORT_NAME = '政府信息公开\\s*(?:工作\\s*)?(?:年度\\s*)?(?:工作\\s*)?报告';
const AGENCY_FIRST = new RegExp(`^(.+?)(\\s*\\d{4}\\s*年(?:度)?\\s*${REPORT_NAME})(.*)$`);
const YEAR_FIRST = new RegExp(`^(\\s*\\d{4}\\s*年(?:度)?\\s*.+?)(${REPORT_NAME})(.*)$`);

/**
 * The title in lines, so that a line break never falls inside a word (「…工作年／度报告」,
 * 「…2019年政府信／息公开工作报告」): a title longer than a line breaks after the agency's name,
 * before 「2024年政府信息公开工作年度报告」 — or, the year first (「2019年上海市人民政府办公厅政府信息
 * 公开工作年度报告」), before 「政府信息公开工作年度报告」 — and before a trailing 「（区域汇总）」 if
 * that line would be too long. The report's name may be spelt 「…年度报告」 or 「…工作报告」. A title
 * that fits one line, or that has none of these forms, is one line.
 */
export function titleLines(title: string): string[] {
  if ([...title].length <= TITLE_LINE_CHARS) return [title];
  const m = AGENCY_FIRST.exec(title) ?? YEAR_FIRST.exec(title);
  if (!m) return [title];
  const lines = [m[1]!.trim(), m[2]!.trim()];
  const rest = m[3]!.trim();
  if (rest) {
    if ([...(lines[1]! + rest)].length <= TITLE_LINE_CHARS) lines[1] += rest;
    else lines.push(rest);
  }
  return lines;
}

function dateZh(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/**
 * The customary preamble (编制依据, 全文结构, 统计期限, where it is published, contact) when the
 * report has none; a roll-up report's preamble says it is one.
 */
export function reportPreamble(report: Report, options: DocumentOptions = {}): string[] {
  const { meta } = report;
  const name = meta.agency.name;
  const regionSentence = `本报告为${name}区域汇总报告，汇总了${name}及本行政区域内各行政机关的政府信息公开工作情况。`;
  const given = paragraphs(report.preamble);
  if (given.length > 0) {
    if (meta.scope === 'region' && !given.some((p) => REGION_MARK.test(p))) return [regionSentence, ...given];
    return given;
  }
  const edition = getEdition(meta.edition);
  const parts = edition.sections.map((s) => s.title.replace(/^[一二三四五六七八九十]+、/, '')).join('、');
  const basis =
    meta.scope === 'region'
      ? `本报告根据《中华人民共和国政府信息公开条例》第五十条和《${edition.formatTitle}》的要求，由${name}汇总编制。${regionSentence}`
      : `本报告根据《中华人民共和国政府信息公开条例》第五十条和《${edition.formatTitle}》的要求，由${name}编制。`;
  const place = options.publishedAt ? `本报告电子版可在${options.publishedAt}查阅。` : '';
  const out = [
    `${basis}全文包括${parts}。统计期限自${meta.year}年1月1日起至${meta.year}年12月31日止。${place}`,
  ];
  const c = meta.contact;
  if (c) {
    const bits = [
      c.address ? `地址：${c.address}` : '',
      c.postcode ? `邮编：${c.postcode}` : '',
      c.phone ? `电话：${c.phone}` : '',
      c.fax ? `传真：${c.fax}` : '',
      c.email ? `电子邮箱：${c.email}` : '',
    ].filter(Boolean);
    const who = c.department || name;
    out.push(`如对本报告有任何疑问，请与${who}联系${bits.length ? `（${bits.join('；')}）` : ''}。`);
  }
  return out;
}

/** Checks the report (unless told not to) and lays it out as a document. */
export function buildDocument(report: Report, options: DocumentOptions = {}): ReportDocument {
  if (options.validate !== false) {
    const parsed = parseReport(report);
    if (!parsed.ok) {
      throw new NianbaoError(
        'INVALID_REPORT',
        `报告数据有误，无法生成：${parsed.errors.map((e) => e.message).join('；')}`,
        { issues: parsed.errors },
      );
    }
  }
  const edition = getEdition(report.meta.edition);
  const sections: DocumentSection[] = edition.sections.map((s) => ({
    key: s.key,
    title: s.title,
    paragraphs: paragraphs(report.sections[s.key]),
    ...(s.table && hasTable(report, s.table)
      ? { table: s.table, tableNotes: tableNotes(report, s.table) }
      : {}),
  }));
  const title = reportTitle(report);
  const signature = [
    report.meta.agency.name,
    ...(report.meta.publishedOn ? [dateZh(report.meta.publishedOn)] : []),
  ];
  return {
    edition: edition.id,
    scope: report.meta.scope,
    title,
    titleLines: titleLines(title),
    preamble: reportPreamble(report, options),
    sections,
    signature,
  };
}
