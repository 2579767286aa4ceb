import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { diffReports, parseReport, type Report, sameAgency } from '@nianbao/core';
import { jsonPathFor, type Loaded, loadReport } from './io.js';

/**
 * The JSON saved beside a published report (`report.pdf` → `report.json`, where the editor and
 * `nianbao import` save it), when it holds the same agency's report of the same year: the edits
 * saved from that report. Another report's JSON, or one that is no report, is none.
 */
export function savedBeside(
  file: string,
  report: Report,
): { file: string; text: string; report: Report } | undefined {
  const json = jsonPathFor(file);
  if (json === file) return undefined;
  let text: string;
  try {
    text = readFileSync(json, 'utf8');
  } catch {
    return undefined;
  }
  const r = parseReport(text);
  if (!r.ok || !sameReportOf(r.value, report)) return undefined;
  return { file: json, text, report: r.value };
}

/** The same agency (core's `sameAgency`: 编号, else the name) and the same year. */
export function sameReportOf(a: Report, b: Report): boolean {
  return a.meta.year === b.meta.year && sameAgency(a.meta.agency, b.meta.agency);
}

/**
 * What the editor opens for `nianbao edit FILE` (and Enter in the folder view). A published report
 * with edits saved beside it (see `savedBeside`) opens those edits — what was saved is what the user
 * continues from, never hidden behind a fresh import — and says so on the status line, with how to
 * import the published report again instead.
 */
export async function openForEditing(file: string): Promise<{ loaded: Loaded; notice?: string }> {
  const loaded = await loadReport(file);
  if (loaded.kind === 'json') return { loaded };
  const saved = savedBeside(file, loaded.report);
  if (!saved) return { loaded };
  const src = basename(file);
  const json = basename(saved.file);
  let newer = false;
  try {
    newer = statSync(file).mtimeMs > statSync(saved.file).mtimeMs;
  } catch {
    // either gone meanwhile: nothing to compare
  }
  const notice = newer
    ? `已打开此前保存的修改：${json}；注意 ${src} 比它新（在保存之后有改动），要重新导入它，先把 ${json} 改名`
    : `已打开此前保存的修改：${json}（${src} 的同一报告）；要重新导入 ${src}，先把 ${json} 改名`;
  return {
    loaded: { file: saved.file, kind: 'json', report: saved.report, diagnostics: [], text: saved.text },
    notice,
  };
}

/**
 * What overwriting `saved` (a report on disk) with `report` loses, as the end of a sentence
 * (简体中文): the cells whose number differs (the first ones named, with the number in the file),
 * the texts that differ (前言, a section), the report's details (title, contact…); or that nothing
 * differs.
 */
export function whatIsLost(saved: Report, report: Report): string {
  const d = diffReports(saved, report);
  const cells = d.cells.filter(
    (c) => c.before?.value !== c.after?.value || (c.before?.unit ?? '') !== (c.after?.unit ?? ''),
  );
  const parts: string[] = [];
  if (cells.length) {
    const shown = cells
      .slice(0, 2)
      .map((c) => `${c.label} ${c.before?.value ?? '空白'}（此处 ${c.after?.value ?? '空白'}）`);
    parts.push(`${cells.length} 个单元格的数字：${shown.join('、')}${cells.length > 2 ? ' 等' : ''}`);
  }
  if (d.texts.length) parts.push(`${d.texts.map((t) => t.label).join('、')}的文字`);
  if (d.meta.length) parts.push('报告信息（标题、联系方式等）');
  return parts.length ? `将丢失其中 ${parts.join('，')}` : '其中内容与此相同，不会丢失内容';
}
