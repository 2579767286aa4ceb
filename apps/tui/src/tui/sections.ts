import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getEdition, type Report, type SectionKey } from '@nianbao/core';

const MARK = '#### ';

/** The six sections as one text file, each under its official title. */
export function sectionsToText(report: Report): string {
  const e = getEdition(report.meta.edition);
  const head = [
    `# ${report.meta.agency.name} ${report.meta.year} 年度报告：正文`,
    '# 以「#### 」开头的标题行请勿修改；以「# 」开头的行会被忽略。保存并退出编辑器即可回到表格。',
    '',
  ];
  const body = e.sections.map((s) => `${MARK}${s.title}\n\n${(report.sections[s.key] ?? '').trim()}\n`);
  return `${head.join('\n')}${body.join('\n')}`;
}

/** Read the text back: each section is what stands under its title; titles that are gone keep the old text. */
export function textToSections(report: Report, text: string): Report {
  const e = getEdition(report.meta.edition);
  const byTitle = new Map(e.sections.map((s) => [s.title, s.key] as const));
  const found: Partial<Record<SectionKey, string[]>> = {};
  let current: SectionKey | undefined;
  for (const line of text.split(/\r?\n/)) {
    if (line.startsWith(MARK)) {
      current = byTitle.get(line.slice(MARK.length).trim());
      if (current) found[current] = [];
      continue;
    }
    if (/^# /.test(line) || line === '#') continue;
    if (current) found[current]!.push(line);
  }
  const sections = { ...report.sections };
  for (const s of e.sections) {
    const lines = found[s.key];
    if (!lines) continue;
    const t = lines.join('\n').trim();
    sections[s.key] = t === '' && report.sections[s.key] === null ? null : t;
  }
  return { ...report, sections };
}

/**
 * Edit the sections in $VISUAL / $EDITOR (vi when neither is set). Blocks until the editor exits;
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
