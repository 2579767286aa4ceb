/**
 * The report as Markdown (GitHub-flavoured pipe tables), readable in a repository or a chat.
 * Pipe tables cannot merge cells, so: 表二 is one table per block under its caption; 表三 keeps one
 * row per printed row, group labels as their own rows and sub-rows indented with 「　」; 表四 is
 * printed as three rows (行政复议 and the two 行政诉讼 groups) of five columns.
 */
import { type Edition, getEdition, type Report, type RowDef, type TableKey } from '@nianbao/core';
import { buildDocument, type DocumentOptions } from './document.js';
import { formatCell } from './layout.js';

export type MarkdownOptions = DocumentOptions;

/**
 * Escape one line of user text so Markdown (CommonMark + GFM) shows it as written: no HTML, code,
 * links, emphasis, strikethrough, table cells, entities, and no heading, quote, list or rule made of
 * its start. Only ASCII punctuation is escaped (with a backslash), and only where Markdown would read
 * it: 全角 and other non-ASCII characters (《》‹›＃) are left as they are. The importer
 * (@nianbao/ingest) takes every backslash escape off again, so the text comes back as written.
 */
export function escapeMarkdown(s: string): string {
  return (
    s
      .replace(/[\\`*_[\]<|~]/g, (c) => `\\${c}`)
      // an entity (&amp; &#12; &#x4e00;) would be shown as its character; a lone & is text
      .replace(/&(?=#?[0-9A-Za-z]+;)/g, '\\&')
      // a heading, block quote, list item or thematic break at the start of the line
      .replace(/^[#>+-]/, '\\$&')
      .replace(/^(\d{1,9})([.)])(?=\s|$)/, '$1\\$2')
  );
}

const cellText = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

function pipeRow(cells: readonly string[]): string {
  return `| ${cells.map(cellText).join(' | ')} |`;
}

function align(n: number): string {
  return `| --- | ${Array.from({ length: n }, () => '---:').join(' | ')} |`;
}

function activeDisclosureMd(report: Report, edition: Edition): string[] {
  const t = edition.tables.activeDisclosure;
  const out: string[] = [];
  for (const block of t.blocks) {
    out.push(`**${block.caption}**`, '');
    out.push(pipeRow([t.rowHeaderLabel, ...block.columns.map((c) => c.label)]));
    out.push(align(block.columns.length));
    for (const row of block.rows) {
      out.push(
        pipeRow([
          row.label,
          ...block.columns.map((c) => formatCell(report.cells[`activeDisclosure.${row.key}.${c.key}`], c)),
        ]),
      );
    }
    out.push('');
  }
  return out;
}

function applicationsMd(report: Report, edition: Edition): string[] {
  const t = edition.tables.applications;
  const byKey = new Map<string, RowDef>(t.rows.map((r) => [r.key, r]));
  const depth = (row: RowDef): number => (row.parent ? 1 + depth(byKey.get(row.parent)!) : 0);
  const out: string[] = [];
  const groups = t.columnGroups.map(
    (g) => `${g.label}：${g.columns.map((k) => t.columns.find((c) => c.key === k)?.label).join('、')}`,
  );
  out.push(`${groups.join('；')}。`, '');
  out.push(pipeRow([t.cornerNote, ...t.columns.map((c) => c.label)]));
  out.push(align(t.columns.length));
  for (const row of t.rows) {
    const label = `${'　'.repeat(depth(row))}${row.label}`;
    if (row.kind === 'group') out.push(pipeRow([label, ...t.columns.map(() => '')]));
    else
      out.push(
        pipeRow([
          label,
          ...t.columns.map((c) => formatCell(report.cells[`applications.${row.key}.${c.key}`], c)),
        ]),
      );
  }
  out.push('');
  return out;
}

function reviewLitigationMd(report: Report, edition: Edition): string[] {
  const t = edition.tables.reviewLitigation;
  const out: string[] = [];
  const groups = t.columnGroups.map((g) =>
    g.children?.length ? `${g.label}（${g.children.map((c) => c.label).join('、')}）` : g.label,
  );
  out.push(`${groups.join('；')}：${t.columns.map((c) => c.label).join('、')}。`, '');
  out.push(pipeRow(['', ...t.columns.map((c) => c.label)]));
  out.push(align(t.columns.length));
  for (const row of t.rows) {
    out.push(
      pipeRow([
        row.label,
        ...t.columns.map((c) => formatCell(report.cells[`reviewLitigation.${row.key}.${c.key}`], c)),
      ]),
    );
  }
  out.push('');
  return out;
}

/** One table as Markdown lines. */
export function tableMarkdown(report: Report, table: TableKey): string {
  const edition = getEdition(report.meta.edition);
  const lines =
    table === 'activeDisclosure'
      ? activeDisclosureMd(report, edition)
      : table === 'applications'
        ? applicationsMd(report, edition)
        : reviewLitigationMd(report, edition);
  return lines.join('\n');
}

/** The report as Markdown text. */
export function renderMarkdown(report: Report, options: MarkdownOptions = {}): string {
  const doc = buildDocument(report, options);
  const out: string[] = [`# ${escapeMarkdown(doc.title)}`, ''];
  for (const p of doc.preamble) out.push(escapeMarkdown(p), '');
  for (const s of doc.sections) {
    out.push(`## ${escapeMarkdown(s.title)}`, '');
    for (const p of s.paragraphs) out.push(escapeMarkdown(p), '');
    if (s.table) out.push(tableMarkdown(report, s.table));
    for (const n of s.tableNotes ?? []) out.push(escapeMarkdown(n), '');
  }
  for (const line of doc.signature) out.push(escapeMarkdown(line), '');
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}
