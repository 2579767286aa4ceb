import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getEdition, type Report, type SectionKey } from '@nianbao/core';

const MARK = '#### ';
/** The preamble's heading in the file: the text before 一、总体情况 (编制依据, 统计期限). */
const PREAMBLE = '前言';

/** Blank lines at the start and the end of a field are the file's layout, not its text. */
const trimBlankLines = (t: string) => t.replace(/^(?:[ \t\u3000]*\r?\n)+/, '').replace(/\s+$/, '');

/** The preamble and the six sections as one text file, each under its title. */
export function sectionsToText(report: Report): string {
  const e = getEdition(report.meta.edition);
  const y = report.meta.year;
  const head = [
    `# ${report.meta.agency.name} ${y} 年度报告：正文`,
    '# 以「#### 」开头的标题行请勿修改；以「# 」开头的行会被忽略。保存并退出编辑器即可回到表格。',
    `# 前言写在第一部分之前：编制依据、统计期限（如「本报告中所列数据的统计期限自${y}年1月1日起至${y}年12月31日止」）等；不需要前言时留空。`,
    '',
  ];
  const field = (title: string, text: string | null | undefined) =>
    `${MARK}${title}\n\n${trimBlankLines(text ?? '')}\n`;
  const body = [
    field(PREAMBLE, report.preamble),
    ...e.sections.map((s) => field(s.title, report.sections[s.key])),
  ];
  return `${head.join('\n')}${body.join('\n')}`;
}

/**
 * Why the edited text cannot be read back without losing or moving text (简体中文), or undefined: a
 * 「#### 」 title of the file missing (deleted, or its wording changed — everything under it would
 * go into the section above), one that is no title of this report, one given twice, or text before
 * the first title.
 */
export function sectionsProblem(report: Report, text: string): string | undefined {
  const e = getEdition(report.meta.edition);
  const titles = [PREAMBLE, ...e.sections.map((s) => s.title)];
  const seen = new Map<string, number>();
  let before = false;
  let any = false;
  for (const line of text.split(/\r?\n/)) {
    if (line.startsWith(MARK)) {
      any = true;
      const t = line.slice(MARK.length).trim();
      if (!titles.includes(t))
        return `标题「${MARK}${t}」不是本报告正文的部分（标题行不能修改，只能修改其下的文字）`;
      seen.set(t, (seen.get(t) ?? 0) + 1);
      continue;
    }
    if (!any && line.trim() && !/^# /.test(line) && line !== '#') before = true;
  }
  const missing = titles.filter((t) => !seen.has(t));
  if (missing.length)
    return `找不到标题「${MARK}${missing[0]}」${missing.length > 1 ? `等 ${missing.length} 个标题` : ''}（被删除或改动了）`;
  const twice = titles.find((t) => (seen.get(t) ?? 0) > 1);
  if (twice) return `标题「${MARK}${twice}」出现了两次`;
  if (before) return '第一个标题「#### 前言」之前有文字（前言请写在「#### 前言」之下）';
  return undefined;
}

/**
 * Read the text back: the preamble and each section are what stands under their titles, as written
 * (only the blank lines around them dropped); a text the same as before but for those blank lines
 * stays exactly as it was. A blank preamble is no preamble (absent from the report, as a new report
 * has none). Text whose titles are not all there once (sectionsProblem) is not read: the editor
 * refuses it and keeps it for the next e.
 */
export function textToSections(report: Report, text: string): Report {
  const e = getEdition(report.meta.edition);
  const byTitle = new Map<string, SectionKey | 'preamble'>([
    [PREAMBLE, 'preamble'],
    ...e.sections.map((s) => [s.title, s.key] as const),
  ]);
  const found: Partial<Record<SectionKey | 'preamble', string[]>> = {};
  let current: SectionKey | 'preamble' | undefined;
  for (const line of text.split(/\r?\n/)) {
    if (line.startsWith(MARK)) {
      current = byTitle.get(line.slice(MARK.length).trim());
      if (current) found[current] = [];
      continue;
    }
    if (/^# /.test(line) || line === '#') continue;
    if (current) found[current]!.push(line);
  }
  /** What stands under a title, or the old text when only blank lines around it differ. */
  const read = (lines: string[] | undefined, old: string | null | undefined) => {
    if (!lines) return old;
    const t = trimBlankLines(lines.join('\n'));
    return old != null && trimBlankLines(old) === t ? old : t;
  };
  const sections = { ...report.sections };
  for (const s of e.sections) {
    const t = read(found[s.key], report.sections[s.key]);
    sections[s.key] = t === '' && report.sections[s.key] === null ? null : (t ?? null);
  }
  const { preamble: _old, ...rest } = report;
  const preamble = read(found.preamble, report.preamble);
  // blank: absent (a preamble stored as 「」 and left blank stays as it was)
  const keep = typeof preamble === 'string' && (preamble !== '' || report.preamble === '');
  return { ...rest, ...(keep ? { preamble } : {}), sections };
}

/**
 * Text written in the editor but not taken (its titles broken, or the editor exited with an error),
 * kept for the next e on the same report: it opens again as it was left, with why at its top.
 */
let kept: { base: string; text: string; why: string } | undefined;

/** Forget text kept from a refused edit (tests; a report opened anew). */
export function forgetKeptSections(): void {
  kept = undefined;
}

/**
 * Edit the preamble and the six sections in $VISUAL / $EDITOR (vi when neither is set). Blocks until the editor exits;
 * returns the changed report, nothing when nothing changed, or why the text was not taken — then it
 * is kept, and the next call for the same report opens it again as it was left.
 */
export function editSectionsInEditor(report: Report): { report?: Report; error?: string } {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-'));
  const file = join(dir, '正文.md');
  try {
    const before = sectionsToText(report);
    const again = kept && kept.base === before ? kept : undefined;
    const opened = again
      ? `# 上次未采用：${again.why}。请改正后保存退出；要放弃这些修改，删去全部内容后保存退出。\n${again.text}`
      : before;
    writeFileSync(file, opened);
    const editor = process.env.VISUAL || process.env.EDITOR || 'vi';
    const r = spawnSync(`${editor} "${file}"`, { stdio: 'inherit', shell: true });
    let after: string | undefined;
    try {
      after = asWritten(readFileSync(file, 'utf8'));
    } catch {
      after = undefined;
    }
    // the file emptied: the kept text is dropped, the report stays as it was
    if (again && after !== undefined && !after.trim()) {
      kept = undefined;
      return {};
    }
    if (r.error || r.status !== 0) {
      const missing = r.status === 127 || (r.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
      const why = missing
        ? `找不到编辑器 ${editor}：请安装它，或把 EDITOR 设为已安装的编辑器（如 EDITOR=vi）`
        : `编辑器 ${editor} 未正常退出（退出码 ${r.status ?? '无'}）`;
      if (after !== undefined && after !== opened) {
        kept = { base: before, text: stripKeptNote(after), why: `${why}，所写文字未采用` };
        return { error: `${why}：所写文字未采用，已保留——再按 e 可继续编辑` };
      }
      return { error: why };
    }
    if (after === undefined) return { error: '编辑器保存的文件找不到了：正文未修改' };
    const text = stripKeptNote(after);
    const problem = sectionsProblem(report, text);
    if (problem) {
      kept = { base: before, text, why: problem };
      return { error: `${problem}：正文未修改，所写文字已保留——再按 e 改正（标题行须原样保留）` };
    }
    kept = undefined;
    if (text === before) return {};
    return { report: textToSections(report, text) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The file as the editor saved it, read as the text it holds: a BOM at its start and CRLF line ends
 * (editors on Windows, or set to save so) are how it was stored, not what was written — a BOM left
 * in took the first line for text above 「#### 前言」 and refused the edit.
 */
const asWritten = (t: string) => t.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');

/** The note a kept text is reopened with (a 「# 」 line, ignored anyway) is not part of it. */
const stripKeptNote = (t: string) => t.replace(/^# 上次未采用：[^\n]*\n/, '');
