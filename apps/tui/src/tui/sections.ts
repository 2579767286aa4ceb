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
 * Read the text back: the preamble and each section are what stands under their titles, as written
 * (only the blank lines around them dropped); a title that is gone keeps the old text, and a text
 * the same as before but for those blank lines stays exactly as it was. A blank preamble is no
 * preamble (absent from the report, as a new report has none).
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
 * Edit the preamble and the six sections in $VISUAL / $EDITOR (vi when neither is set). Blocks until the editor exits;
 * returns the changed report, or undefined when nothing changed or the editor failed.
 */
export function editSectionsInEditor(report: Report): { report?: Report; error?: string } {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-'));
  const file = join(dir, '正文.md');
  try {
    const before = sectionsToText(report);
    writeFileSync(file, before);
    const editor = process.env.VISUAL || process.env.EDITOR || 'vi';
    const r = spawnSync(`${editor} "${file}"`, { stdio: 'inherit', shell: true });
    if (r.error || r.status !== 0) return { error: `编辑器 ${editor} 未正常退出` };
    const after = readFileSync(file, 'utf8');
    if (after === before) return {};
    return { report: textToSections(report, after) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
